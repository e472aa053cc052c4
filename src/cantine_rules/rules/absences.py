"""Absences judged by when the family gave notice, by waiting days and by medical certificates.

A booked day the child misses is charged or not according to the commune's
[`AbsencePolicy`][], composed of small values:

* a **notice** deadline for each absent day, any [`ChangeWindowRule`][] (« avant 9h le jour
  même » is ``CalendarDaysBefore(0, time(9))``); notice given strictly before it makes the day
  free;
* **waiting days** ([`WaitingDays`][], « jours de carence ») counted from the day the notice was
  given: those days are charged, the later ones are free;
* what a charged day costs ([`BookedPrice`][] or a [`FlatCharge`][], « 3,75 € »);
* what a medical **certificate** does: waive the charges if handed in within some elapsed hours
  ([`CertificateWithin`][]), or nothing at all ([`CertificatesNotAccepted`][]);
* which days of the run may be charged at all, by their position ([`RunCharges`][], « absent un
  ou deux jours, les repas seront pris en charge par la mairie »);
* the standing documents that waive every absence of a school year ([`AbsenceDocument`][],
  « justificatif de l'employeur à renouveler chaque rentrée scolaire »).

[`AbsencePolicy.judge`][] is the one function that answers, for a child's run of absent booked
days, the charge of each day and its reason ([`AbsentDay`][]). It never charges a negative
amount, an earlier notice is never charged more than a later one, and a certificate never
raises a charge.

Examples:
    St-Colomban: « absence non signalée (avant 9h le jour même) 3,75 € ».

    >>> from datetime import date, datetime, time
    >>> from cantine_rules import EUROPE_PARIS, Money, Service, ServiceKind
    >>> from cantine_rules.calendar import SchoolCalendar, Zone
    >>> from cantine_rules.rules.deadlines import CalendarDaysBefore
    >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
    >>> policy = AbsencePolicy(FlatCharge(Money.euros("3.75")), CalendarDaysBefore(0, time(9)))
    >>> def absent(hour, minute, second=0):
    ...     notice = datetime(2024, 9, 19, hour, minute, second, tzinfo=EUROPE_PARIS)
    ...     [day] = policy.judge(meal, [date(2024, 9, 19)], calendar=SchoolCalendar(Zone.B),
    ...                          notice_at=notice)
    ...     return day.reason.value, day.charge
    >>> absent(8, 59, 59)
    ('notice_in_time', Money.euros('0.00'))
    >>> absent(9, 0)
    ('late_notice', Money.euros('3.75'))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._time import EUROPE_PARIS, require_aware
from cantine_rules._validators import (
    a_date,
    enum_member,
    instance_of,
    non_negative_money,
    require_day,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import Service, ServiceKind
from cantine_rules.money import Money
from cantine_rules.rules._absence_rules import AbsenceRules
from cantine_rules.rules.deadlines import MAX_HOURS, ChangeWindowRule, service_start
from cantine_rules.rules.late import MissingPriceError

if TYPE_CHECKING:
    from cantine_rules.calendar import SchoolCalendar, ServiceDays

__all__ = [
    "MAX_WAITING_DAYS",
    "AbsenceCharge",
    "AbsenceDocument",
    "AbsencePolicy",
    "AbsenceReason",
    "AbsenceRules",
    "AbsentDay",
    "BookedPrice",
    "CertificateRule",
    "CertificateWithin",
    "CertificatesNotAccepted",
    "DayCount",
    "FlatCharge",
    "HeldDocument",
    "RunCharges",
    "WaitingDays",
]

MAX_WAITING_DAYS: Final = 31
"""The most waiting days (« jours de carence ») a rule may count: a month. No règlement counts
more, and a larger count would make the rule an unconditional charge in disguise."""


def _bounded(field: str, value: object, least: int, most: int) -> None:
    if type(value) is not int:
        raise InvalidTypeError(field, value, "must be an int")
    if not least <= value <= most:
        raise InvalidValueError(field, value, f"must be from {least} to {most}")


class DayCount(StrEnum):
    """Which days waiting days count."""

    SERVICE_DAYS = "service_days"
    """Only the days the service runs (« deux jours de carence » of meals)."""
    CALENDAR_DAYS = "calendar_days"
    """Every day, as « du jour, du lendemain et du surlendemain » counts them."""


@attrs.frozen
class WaitingDays:
    """*days* waiting days (« jours de carence ») counted from the day notice was given.

    The notice day is the first of them (when the service runs that day, for service days): an
    absent day within them is charged, a later one is free.

    La Magistère: « Les repas du jour, du lendemain et du surlendemain de l'absence seront
    dus. Les suivants seront annulés. »

    Examples:
        >>> WaitingDays(3, DayCount.CALENDAR_DAYS).days
        3
    """

    days: int = attrs.field()
    counted_in: DayCount = attrs.field(
        default=DayCount.SERVICE_DAYS, validator=enum_member(DayCount)
    )

    @days.validator
    def _check_days(self, attribute: attrs.Attribute[int], value: object) -> None:
        _bounded(attribute.name, value, 1, MAX_WAITING_DAYS)


PriceOf = Callable[[date], Money]
"""The service's price on a day, for a charge at the booked price."""


@attrs.frozen
class BookedPrice:
    """A charged absent day costs the service's price that day.

    La Tessoualle: « Toute absence non décochée dans les délais … sera facturée ».

    Examples:
        >>> BookedPrice().cost(date(2022, 9, 12), lambda day: Money.euros("4.40"))
        Money.euros('4.40')
    """

    def cost(self, day: date, price_of: PriceOf | None) -> Money:
        """The charge of *day*: its price, asked of *price_of*."""
        if price_of is None:
            raise MissingPriceError("an absence charged at the booked price")
        return price_of(day)


@attrs.frozen
class FlatCharge:
    """A charged absent day costs a flat amount, whatever the price.

    St-Colomban: « absence non signalée (avant 9h le jour même) 3,75 € ».

    Examples:
        >>> FlatCharge(Money.euros("3.75")).cost(date(2020, 1, 9), None)
        Money.euros('3.75')
    """

    amount: Money = attrs.field(validator=non_negative_money)

    def cost(self, day: date, price_of: PriceOf | None) -> Money:
        """The charge; no price is asked, so a day outside every tariff is charged too."""
        return self.amount


AbsenceCharge = BookedPrice | FlatCharge
"""What a charged absent day costs."""


@attrs.frozen
class CertificateWithin:
    """A medical certificate handed in within *hours* elapsed hours waives the charges.

    The hours run from the start of the service on the first absent day, in elapsed time (a
    daylight-saving change does not move them). Even then, the first *waiting_days* absent days
    stay as they were. A certificate handed in later, but before *latest_hours*, still waives
    the days after the first *late_waiting_days*; without *late_waiting_days* a late certificate
    is not taken.

    Saint-Exupéry (règlement of 17 December 2021): « fournis … sous 72h et dans un délai maximum
    de 10 jours … A défaut du respect de ce délai de 72h, deux jours de carence seront
    obligatoirement appliqués » is ``CertificateWithin(72, late_waiting_days=2,
    latest_hours=240)``.

    Examples:
        >>> CertificateWithin(48).hours
        48
        >>> CertificateWithin(0)
        Traceback (most recent call last):
        ...
        cantine_rules.errors.InvalidValueError: hours: must be from 1 to 8784 (got 0)
    """

    hours: int = attrs.field()
    waiting_days: int = attrs.field(default=0)
    late_waiting_days: int | None = attrs.field(default=None)
    latest_hours: int | None = attrs.field(default=None)

    @hours.validator
    def _check_hours(self, attribute: attrs.Attribute[int], value: object) -> None:
        _bounded(attribute.name, value, 1, MAX_HOURS)

    @waiting_days.validator
    def _check_waiting(self, attribute: attrs.Attribute[int], value: object) -> None:
        _bounded(attribute.name, value, 0, MAX_WAITING_DAYS)

    @late_waiting_days.validator
    def _check_late_waiting(self, attribute: attrs.Attribute[int | None], value: object) -> None:
        if value is not None:
            _bounded(attribute.name, value, 0, MAX_WAITING_DAYS)

    @latest_hours.validator
    def _check_latest(self, attribute: attrs.Attribute[int | None], value: object) -> None:
        if value is None:
            return
        _bounded(attribute.name, value, 1, MAX_HOURS)
        assert isinstance(value, int)
        if value <= self.hours:
            raise InvalidValueError(attribute.name, value, "must be more than hours")
        if self.late_waiting_days is None:
            raise InvalidValueError(
                attribute.name, value, "needs late_waiting_days: what a late certificate waives"
            )

    def waived_from(self, elapsed: timedelta) -> int | None:
        """From which absent day (0 for the first) a certificate waives the charges.

        *elapsed* is the time from the start of the first absent day to the certificate; None
        means it waives nothing.
        """
        if elapsed < timedelta(hours=self.hours):
            return self.waiting_days
        if self.late_waiting_days is None:
            return None
        if self.latest_hours is not None and elapsed >= timedelta(hours=self.latest_hours):
            return None
        return max(self.waiting_days, self.late_waiting_days)


@attrs.frozen
class CertificatesNotAccepted:
    """No certificate waives an absence.

    La Tessoualle: « les certificats médicaux ne sont plus acceptés ».

    Examples:
        >>> CertificatesNotAccepted().waived_from(timedelta(0)) is None
        True
    """

    def waived_from(self, elapsed: timedelta) -> int | None:
        """Never: see [`CertificateWithin.waived_from`][]."""
        return None


CertificateRule = CertificateWithin | CertificatesNotAccepted
"""What a medical certificate does to an absence's charges."""


@attrs.frozen
class RunCharges:
    """Which absent days of a run may be charged at all, by their position in the run.

    The first *free_days* absent days are free whatever the notice: the commune pays them. The
    next *charged_days* are judged by the rest of the policy (notice, waiting days, certificate);
    any later day is free. Without *charged_days*, every day after the free ones is judged.
    Positions count the run's absent booked days, the first being 0.

    Saint-Jean-du-Bois: « Si votre enfant est absent un ou deux jours, les repas seront pris en
    charge par la mairie. En cas d'absence de plus deux jours, les repas des troisième et
    quatrième jours seront facturés » is ``RunCharges(free_days=2, charged_days=2)``;
    Saint-Lager: « la 1ère journée est due. Au-delà de cette carence, les jours seront à
    déduire » is ``RunCharges(charged_days=1)``.

    Examples:
        >>> [RunCharges(2, 2).judged(position) for position in range(5)]
        [False, False, True, True, False]
        >>> RunCharges(0, None)
        Traceback (most recent call last):
        ...
        cantine_rules.errors.InvalidValueError: charged_days: with no free day, give how many days are charged (got None)
    """  # noqa: E501  (a doctest's answer is one line)

    free_days: int = attrs.field(default=0)
    charged_days: int | None = attrs.field(default=None)

    @free_days.validator
    def _check_free(self, attribute: attrs.Attribute[int], value: object) -> None:
        _bounded(attribute.name, value, 0, MAX_WAITING_DAYS)

    @charged_days.validator
    def _check_charged(self, attribute: attrs.Attribute[int | None], value: object) -> None:
        if value is not None:
            _bounded(attribute.name, value, 1, MAX_WAITING_DAYS)

    def __attrs_post_init__(self) -> None:
        # Neither free days nor a limit would say nothing: refused, so that a rule always means one.
        if self.free_days == 0 and self.charged_days is None:
            raise InvalidValueError(
                "charged_days", None, "with no free day, give how many days are charged"
            )

    def reason(self, position: int) -> AbsenceReason | None:
        """The free reason of the day at *position* of the run, or None when it is judged."""
        if position < self.free_days:
            return AbsenceReason.FREE_FIRST_DAYS
        if self.charged_days is not None and position >= self.free_days + self.charged_days:
            return AbsenceReason.AFTER_CHARGED_DAYS
        return None

    def judged(self, position: int) -> bool:
        """True when the day at *position* of the run is judged by the rest of the policy."""
        return self.reason(position) is None


class AbsenceDocument(StrEnum):
    """A kind of document a family hands in to justify absences."""

    MEDICAL = "medical"
    """A medical certificate or prescription (« médical, ordonnance »)."""
    EMPLOYER = "employer"
    """An employer's statement of the parents' working hours (« justificatif de l'employeur »)."""


@attrs.frozen
class HeldDocument:
    """A standing document the commune received from a family: its kind and the day it came.

    Examples:
        >>> HeldDocument(AbsenceDocument.EMPLOYER, date(2024, 9, 2)).kind.value
        'employer'
    """

    kind: AbsenceDocument = attrs.field(validator=enum_member(AbsenceDocument))
    received_on: date = attrs.field(validator=a_date)

    def covers(self, day: date) -> bool:
        """True when the document is on file on *day*: received by then, the same school year.

        A standing document is renewed each school year (« à renouveler chaque rentrée
        scolaire »): it covers the days from its reception to the 31 August that follows.

        Examples:
            >>> held = HeldDocument(AbsenceDocument.EMPLOYER, date(2024, 9, 2))
            >>> days = (date(2024, 9, 1), date(2025, 8, 31), date(2025, 9, 1))
            >>> [held.covers(day) for day in days]
            [False, True, False]
        """
        return self.received_on <= day < _next_school_year(self.received_on)


def _next_school_year(day: date) -> date:
    """The 1 September after *day* (school years run from 1 September to 31 August)."""
    return date(day.year + 1 if day.month >= 9 else day.year, 9, 1)


def _documents(value: object) -> frozenset[AbsenceDocument]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError("waived_by_documents", value, "must be AbsenceDocument values")
    kinds = set()
    for item in value:
        try:
            kinds.add(AbsenceDocument(item))
        except ValueError:
            known = ", ".join(kind.value for kind in AbsenceDocument)
            raise InvalidValueError(
                "waived_by_documents", item, f"must be an AbsenceDocument ({known})"
            ) from None
    return frozenset(kinds)


class AbsenceReason(StrEnum):
    """Why an absent day is charged or not. Stable codes, for portals and invoices."""

    NOTICE_IN_TIME = "notice_in_time"
    """Free: notice was given before the day's notice deadline."""
    AFTER_WAITING_DAYS = "after_waiting_days"
    """Free: the day comes after the waiting days counted from the notice."""
    WAIVED_BY_CERTIFICATE = "waived_by_certificate"
    """Free: a medical certificate handed in in time waives it."""
    NON_BILLABLE_DAY = "non_billable_day"
    """Free: the commune declared the day non-billable (a school outing, a strike)."""
    FREE_FIRST_DAYS = "free_first_days"
    """Free: one of the first days of the run, which the commune pays."""
    AFTER_CHARGED_DAYS = "after_charged_days"
    """Free: the day comes after the days of the run that may be charged."""
    WAIVED_BY_DOCUMENT = "waived_by_document"
    """Free: a standing document the commune accepts is on file for the school year."""
    WAITING_DAY = "waiting_day"
    """Charged: one of the waiting days counted from the notice."""
    LATE_NOTICE = "late_notice"
    """Charged: notice came at or after the day's deadline (or, with waiting days, after the
    day itself), or the commune frees no day on notice alone."""
    NO_NOTICE = "no_notice"
    """Charged: no notice was given."""


_FREE: Final = frozenset(
    {
        AbsenceReason.NOTICE_IN_TIME,
        AbsenceReason.AFTER_WAITING_DAYS,
        AbsenceReason.WAIVED_BY_CERTIFICATE,
        AbsenceReason.NON_BILLABLE_DAY,
        AbsenceReason.FREE_FIRST_DAYS,
        AbsenceReason.AFTER_CHARGED_DAYS,
        AbsenceReason.WAIVED_BY_DOCUMENT,
    }
)


@attrs.frozen
class AbsentDay:
    """One absent booked day: what it costs and why."""

    day: date
    charge: Money
    reason: AbsenceReason

    @property
    def charged(self) -> bool:
        """True when the day is billed (its charge may still be zero, with a zero price)."""
        return self.reason not in _FREE

    @classmethod
    def free(cls, day: date, reason: AbsenceReason) -> AbsentDay:
        """A day that costs nothing, for *reason*."""
        return cls(day, Money.zero(), reason)


@pickled_by_fields
@attrs.frozen
class AbsencePolicy:
    """How a commune judges a child's absence from a booked service.

    Attributes:
        charge: what a charged absent day costs.
        notice: the deadline, for each absent day, before which notice makes it free (never
            later than the service's start); None when only waiting days count.
        waiting: waiting days counted from the notice; None for none.
        certificate: what a medical certificate does; None when the règlement says nothing of
            certificates (a certificate then changes nothing).
        run: which days of the run may be charged at all, by their position; None when every
            day is judged.
        waived_by_documents: the kinds of standing document that, on file for the school year,
            make every absent day free (« justificatif de l'employeur »).

    Without notice, every absent day is charged unless a certificate waives it.

    La Magistère: « Les repas du jour, du lendemain et du surlendemain de l'absence seront dus.
    Les suivants seront annulés. »

    Examples:
        >>> magistere = AbsencePolicy(waiting=WaitingDays(3, DayCount.CALENDAR_DAYS))
        >>> magistere.charge, magistere.certificate
        (BookedPrice(), None)
    """

    charge: AbsenceCharge = attrs.field(
        factory=BookedPrice,
        validator=instance_of((BookedPrice, FlatCharge), "BookedPrice or FlatCharge"),
    )
    notice: ChangeWindowRule | None = attrs.field(
        default=None, validator=instance_of(ChangeWindowRule, "a ChangeWindowRule", optional=True)
    )
    waiting: WaitingDays | None = attrs.field(
        default=None, validator=instance_of(WaitingDays, "WaitingDays", optional=True)
    )
    certificate: CertificateRule | None = attrs.field(
        default=None,
        validator=instance_of(
            (CertificateWithin, CertificatesNotAccepted),
            "CertificateWithin or CertificatesNotAccepted",
            optional=True,
        ),
    )
    run: RunCharges | None = attrs.field(
        default=None, validator=instance_of(RunCharges, "RunCharges", optional=True)
    )
    waived_by_documents: frozenset[AbsenceDocument] = attrs.field(
        default=frozenset(), converter=_documents
    )

    def notice_deadline(
        self, service: Service, day: date, calendar: SchoolCalendar
    ) -> datetime | None:
        """The instant before which notice makes *day* free; None without a notice rule.

        The rule's deadline, never later than the service's start.

        Examples:
            >>> from datetime import time
            >>> from cantine_rules import Service, ServiceKind
            >>> from cantine_rules.calendar import SchoolCalendar, Zone
            >>> from cantine_rules.rules.deadlines import CalendarDaysBefore
            >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
            >>> rule = AbsencePolicy(notice=CalendarDaysBefore(0, time(9)))
            >>> rule.notice_deadline(meal, date(2024, 9, 19), SchoolCalendar(Zone.B)).isoformat()
            '2024-09-19T09:00:00+02:00'
        """
        if self.notice is None:
            return None
        start = service_start(service, day)
        closes = self.notice.window(service, day, calendar).closes_at
        return start if closes is None or closes > start else closes

    def judge(
        self,
        service: Service,
        days: Iterable[date],
        *,
        calendar: SchoolCalendar,
        notice_at: datetime | None,
        certificate_at: datetime | None = None,
        runs_on: frozenset[ServiceDays] | None = None,
        price_of: PriceOf | None = None,
        documents: Iterable[HeldDocument] = (),
    ) -> tuple[AbsentDay, ...]:
        """The charge of each absent booked day of one child's run of absence, with its reason.

        Args:
            service: the service the days were booked for.
            days: the absent booked days (one run of absence, in any order).
            calendar: the commune's calendar (to count waiting days in service days).
            notice_at: when the family gave notice of the absence, or None.
            certificate_at: when a medical certificate was handed in, or None.
            runs_on: the kinds of day the service runs on (its kind's by default).
            price_of: the service's price on a day; needed only for a charge at the booked
                price (``MissingPriceError`` otherwise).
            documents: the standing documents the commune holds for the child's family; one
                of a kind the policy accepts, on file on a day, makes that day free.

        Returns:
            One [`AbsentDay`][] per day, in date order.
        """
        run = tuple(sorted({require_day(day, "days") for day in days}))
        if notice_at is not None:
            require_aware(notice_at, "notice_at")
        if certificate_at is not None:
            require_aware(certificate_at, "certificate_at")
        kinds: ServiceKind | frozenset[ServiceDays] = (
            runs_on if runs_on is not None else service.kind
        )
        held = tuple(_held(documents))
        waived_from = self._waived_from(service, run, certificate_at)
        judged: list[AbsentDay] = []
        for position, day in enumerate(run):
            by_position = None if self.run is None else self.run.reason(position)
            reason = by_position or self._reason(service, day, calendar, kinds, notice_at)
            if reason not in _FREE and waived_from is not None and position >= waived_from:
                reason = AbsenceReason.WAIVED_BY_CERTIFICATE
            if reason not in _FREE and self._document_on_file(held, day):
                reason = AbsenceReason.WAIVED_BY_DOCUMENT
            if reason in _FREE:
                judged.append(AbsentDay.free(day, reason))
            else:
                judged.append(AbsentDay(day, self.charge.cost(day, price_of), reason))
        return tuple(judged)

    def _document_on_file(self, held: tuple[HeldDocument, ...], day: date) -> bool:
        return any(
            document.kind in self.waived_by_documents and document.covers(day) for document in held
        )

    def _waived_from(
        self, service: Service, run: tuple[date, ...], certificate_at: datetime | None
    ) -> int | None:
        if certificate_at is None or self.certificate is None or not run:
            return None
        first_start = service_start(service, run[0])
        # Elapsed hours: both instants in UTC, so that a daylight-saving change counts its hour.
        elapsed = certificate_at.astimezone(UTC) - first_start.astimezone(UTC)
        return self.certificate.waived_from(max(elapsed, timedelta(0)))

    def _reason(
        self,
        service: Service,
        day: date,
        calendar: SchoolCalendar,
        kinds: ServiceKind | frozenset[ServiceDays],
        notice_at: datetime | None,
    ) -> AbsenceReason:
        if notice_at is None:
            return AbsenceReason.NO_NOTICE
        deadline = self.notice_deadline(service, day, calendar)
        if deadline is not None and notice_at < deadline:
            return AbsenceReason.NOTICE_IN_TIME
        if self.waiting is None:
            return AbsenceReason.LATE_NOTICE
        notice_day = notice_at.astimezone(EUROPE_PARIS).date()
        if day < notice_day:
            return AbsenceReason.LATE_NOTICE
        if self._waiting_position(day, notice_day, calendar, kinds) < self.waiting.days:
            return AbsenceReason.WAITING_DAY
        return AbsenceReason.AFTER_WAITING_DAYS

    def _waiting_position(
        self,
        day: date,
        notice_day: date,
        calendar: SchoolCalendar,
        kinds: ServiceKind | frozenset[ServiceDays],
    ) -> int:
        """How many waiting days come before *day*, counting from *notice_day*."""
        assert self.waiting is not None
        if self.waiting.counted_in is DayCount.CALENDAR_DAYS:
            return (day - notice_day).days
        if day == notice_day:
            return 0
        return len(calendar.service_days(kinds, notice_day, day - timedelta(days=1)))


def _held(documents: object) -> Iterable[HeldDocument]:
    if isinstance(documents, str | bytes) or not isinstance(documents, Iterable):
        raise InvalidTypeError("documents", documents, "must be HeldDocument values")
    for document in documents:
        if not isinstance(document, HeldDocument):
            raise InvalidTypeError("documents", document, "must be a HeldDocument")
        yield document
