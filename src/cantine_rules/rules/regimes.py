"""Attendance regimes: fixed days booked for a long period, or days booked one by one.

Many règlements offer a choice between two ways to come to the canteen: « Choix 1 : un à cinq
jours fixes par semaine, Choix 2 : exceptionnellement ou selon un planning » (Vigneux-de-Bretagne).
Under a [`FixedDays`][] regime the family chooses its weekdays once; every day the service runs on
those weekdays in the period is booked, with no deadline to meet, and the choice changes only as
its [`DayChangeTerms`][] allow (« tout mois commencé sera dû », « 15 jours avant la période des
futures vacances pour un effet sur le bimestre suivant », an annual contract) or through the
commune. Under an [`Occasional`][] regime each day is booked under the service's deadlines.

A policy lists, for each service, the regimes it offers and its monthly flat fees
([`ServiceRegimes`][]).

Examples:
    >>> from cantine_rules.calendar import SchoolCalendar, Zone
    >>> from cantine_rules.model import Service, ServiceKind
    >>> from cantine_rules.rules.booking import BookingRules, ServiceRules
    >>> from cantine_rules.rules.deadlines import HoursBefore
    >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
    >>> booking = BookingRules(SchoolCalendar(Zone.B), (meal,),
    ...                        ServiceRules(HoursBefore(48), HoursBefore(48)))
    >>> regime = FixedDays(DayChangeTerms(ChangeEffect.NEXT_MONTH), Source.example("x"))
    >>> days = regime.booked_days(booking, "repas", {0, 3}, date(2024, 12, 16), date(2025, 1, 10))
    >>> [day.isoformat() for day in days.days]
    ['2024-12-16', '2024-12-19', '2025-01-06', '2025-01-09']
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._time import EUROPE_PARIS, at_paris, require_aware
from cantine_rules._validators import a_bool, enum_member, identifier, instance_of
from cantine_rules.calendar import SchoolCalendar, ServiceDays
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownServiceError
from cantine_rules.money import Money
from cantine_rules.pricing._monthly import MonthlyFlatFee
from cantine_rules.rules.booking import BookingRules
from cantine_rules.sources import Source

if TYPE_CHECKING:
    from cantine_rules.calendar._answers import PeriodExpansion

__all__ = [
    "MAX_NOTICE_DAYS",
    "ChangeEffect",
    "DayChangeTerms",
    "EffectiveChange",
    "FixedDays",
    "Occasional",
    "Regime",
    "ServiceRegimes",
    "service_weekdays",
]

MAX_NOTICE_DAYS: Final = 366
"""The most days of notice a change of the chosen days may need: a year."""

_MIDNIGHT: Final = time(0, 0)
_WEDNESDAY: Final = 2
_WEEKDAYS: Final = frozenset(range(5))
# How far ahead the next school-holiday break is looked for: a little more than a school year.
_BREAK_SEARCH_DAYS: Final = 400
# The shortest run of school-holiday days that ends a period: the holidays of a zone last a week
# or more, while a « pont » (the Ascension bridge, four days) does not open a new period.
_SHORTEST_BREAK: Final = timedelta(days=7)


class ChangeEffect(StrEnum):
    """When a change of the chosen days takes effect."""

    NEXT_MONTH = "next_month"
    """On the first day of a later month (Le Rove: « Pour toute inscription en cours de mois,
    celle-ci sera effective pour le mois suivant »)."""
    NEXT_PERIOD = "next_period"
    """When classes resume after the next school-holiday break of a week or more (Paris, CDE 12:
    « 15 jours avant la période des futures vacances pour un effet sur le bimestre suivant »)."""
    NEXT_SCHOOL_YEAR = "next_school_year"
    """On 1 September of a later school year: an annual contract (« L'inscription à l'un de ces
    forfaits est annuelle »)."""


def _notice(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be a whole number of days")
    if not 0 <= value <= MAX_NOTICE_DAYS:
        raise InvalidValueError(attribute.name, value, f"must be from 0 to {MAX_NOTICE_DAYS} days")


@attrs.frozen
class EffectiveChange:
    """When a change of the chosen days asked at some instant takes effect.

    Attributes:
        from_day: the first day the new choice holds.
        deadline: the instant the request had to be made strictly before, for that day.
    """

    from_day: date
    deadline: datetime


@attrs.frozen
class DayChangeTerms:
    """When a family may change the weekdays of a fixed-days regime.

    A request takes effect at the first boundary (the first of a month, the end of a
    school-holiday break, 1 September) whose deadline it meets: it must be made strictly before
    00:00 on the day *notice_days* days before the boundary (the first day of the month, the
    first day of the break, 1 September). With no notice, strictly before the boundary's day.

    Attributes:
        effect: which boundaries a change takes effect at.
        notice_days: how many days before the boundary the request must be made.
        through_commune: the commune may also change the days at any time (a change of family
            situation); the family cannot do it itself.
        source: where these terms come from, when not from the regime's own source (a
            règlement that offers fixed days but says nothing of changing them: a default).

    Examples:
        >>> terms = DayChangeTerms(ChangeEffect.NEXT_MONTH)
        >>> from cantine_rules.calendar import SchoolCalendar, Zone
        >>> asked = at_paris(date(2024, 11, 30), time(23, 59, 59))
        >>> terms.takes_effect(SchoolCalendar(Zone.B), asked).from_day
        datetime.date(2024, 12, 1)
    """

    effect: ChangeEffect = attrs.field(validator=enum_member(ChangeEffect))
    notice_days: int = attrs.field(default=0, validator=_notice)
    through_commune: bool = attrs.field(default=True, validator=a_bool)
    source: Source | None = attrs.field(
        default=None, validator=instance_of(Source, "a Source", optional=True)
    )

    def deadline_for(self, boundary: date) -> datetime:
        """The instant a request must come strictly before to take effect at *boundary*."""
        return at_paris(boundary - timedelta(days=self.notice_days), _MIDNIGHT)

    def takes_effect(
        self, calendar: SchoolCalendar, requested_at: datetime
    ) -> EffectiveChange | None:
        """When a change requested at *requested_at* takes effect.

        None when the calendar knows no later boundary (a break beyond its last year).

        Raises:
            NaiveDatetimeError: *requested_at* has no time zone.
        """
        asked = require_aware(requested_at, "requested_at")
        day = asked.astimezone(EUROPE_PARIS).date()
        for boundary, effective in self._boundaries(calendar, day):
            deadline = self.deadline_for(boundary)
            if asked < deadline:
                return EffectiveChange(effective, deadline)
        return None

    def _boundaries(self, calendar: SchoolCalendar, day: date) -> Iterable[tuple[date, date]]:
        """The boundaries after *day*, each with the day a change at it takes effect."""
        if self.effect is ChangeEffect.NEXT_MONTH:
            first = day.replace(day=1)
            # Enough months to pass any notice (a year and a month).
            for _ in range(14):
                first = (first + timedelta(days=32)).replace(day=1)
                yield first, first
        elif self.effect is ChangeEffect.NEXT_SCHOOL_YEAR:
            for offset in (0, 1, 2):
                september = date(day.year + offset, 9, 1)
                if september > day:
                    yield september, september
        else:
            yield from _breaks(calendar, day, self.notice_days)


def _breaks(calendar: SchoolCalendar, day: date, notice_days: int) -> Iterable[tuple[date, date]]:
    """The school-holiday breaks starting after *day*: (first day off, first day after).

    A break is a run of at least a week of school-holiday days (weekends inside it included).
    They are looked for as far as a break could still be met with *notice_days* of notice.
    """
    last_known = date(calendar.last_year, 12, 31)
    end = min(day + timedelta(days=notice_days + _BREAK_SEARCH_DAYS), last_known)
    if end <= day:
        return
    start: date | None = None
    previous_off = calendar.school_holiday(day) is not None
    for info in calendar.days(day + timedelta(days=1), end):
        off = info.school_holiday is not None
        if off and not previous_off:
            start = info.day
        elif previous_off and not off and start is not None:
            if info.day - start >= _SHORTEST_BREAK:
                yield start, info.day
            start = None
        previous_off = off


def service_weekdays(booking: BookingRules, code: str) -> frozenset[int]:
    """The weekdays (0=Monday) on which the service *code* runs in an ordinary school week.

    Examples:
        >>> from cantine_rules import policies
        >>> sorted(service_weekdays(policies.get("saint-just-d-avray").booking, "repas"))
        [0, 1, 3, 4]
    """
    kinds = booking.days_of(code)
    weekdays: set[int] = set()
    if ServiceDays.SCHOOL_DAYS in kinds:
        weekdays |= booking.calendar.school_week.weekdays
    if ServiceDays.WEDNESDAYS in kinds:
        weekdays.add(_WEDNESDAY)
    if ServiceDays.SCHOOL_HOLIDAYS in kinds:
        weekdays |= _WEEKDAYS
    return frozenset(weekdays)


def _count(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name == "max_days":
        return
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be a whole number of days")
    if not 1 <= value <= 7:
        raise InvalidValueError(attribute.name, value, "must be from 1 to 7 days a week")


def _max_not_below_min(instance: FixedDays, attribute: attrs.Attribute[Any], value: object) -> None:
    _count(instance, attribute, value)
    if isinstance(value, int) and value < instance.min_days:
        raise InvalidValueError(
            attribute.name, value, f"must not be below min_days ({instance.min_days})"
        )


_SOURCE = instance_of(Source, "a Source")


def _price(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Money):
        raise InvalidTypeError(attribute.name, value, "must be Money or None")
    value.require_non_negative(attribute.name)


def _optional_weekdays(value: object) -> frozenset[int] | None:
    if value is None:
        return None
    result = _weekday_set(value)
    if not result:
        raise InvalidValueError("weekdays", sorted(result), "name at least one weekday, or none")
    return result


def _weekday_set(value: object) -> frozenset[int]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError("weekdays", value, "must be a set of weekday numbers (0=Monday)")
    result = frozenset(value)
    for weekday in result:
        if type(weekday) is not int or not 0 <= weekday <= 6:
            raise InvalidValueError("weekdays", weekday, "weekdays are 0 (Monday) to 6 (Sunday)")
    return result


@pickled_by_fields
@attrs.frozen
class FixedDays:
    """Fixed weekdays, chosen by the family and booked for every week of the period.

    Vigneux-de-Bretagne: « Choix 1 : un à cinq jours fixes par semaine »; Paris (CDE 7): « les
    jours de fréquentation choisis sont fixes : 1, 2, 3, 4 ou 5 jours par semaine ».

    Every day the service runs on the chosen weekdays is booked without a deadline (school
    holidays, public holidays and closures excepted); the family changes the weekdays only as
    *changes* allows.

    Attributes:
        changes: when the chosen weekdays may change.
        source: where the regime comes from.
        min_days: the fewest weekdays a family may choose.
        max_days: the most; None for every weekday the service runs.
        unit_price: the regular price of a day under this regime, where the règlement gives
            one apart from the service's tariff.
        label: the regime's name as shown.
        weekdays: the weekdays (0=Monday) a family may choose among, where the règlement
            names them; None for every weekday the service runs.

    Examples:
        >>> FixedDays(DayChangeTerms(ChangeEffect.NEXT_SCHOOL_YEAR), Source.example("x"),
        ...           min_days=0)
        Traceback (most recent call last):
        ...
        cantine_rules.errors.InvalidValueError: min_days: must be from 1 to 7 days a week (got 0)
    """

    changes: DayChangeTerms = attrs.field(validator=instance_of(DayChangeTerms, "DayChangeTerms"))
    source: Source = attrs.field(validator=_SOURCE)
    min_days: int = attrs.field(default=1, validator=_count)
    max_days: int | None = attrs.field(default=None, validator=_max_not_below_min)
    unit_price: Money | None = attrs.field(default=None, validator=_price)
    label: str = attrs.field(default="Jours fixes", validator=identifier)
    weekdays: frozenset[int] | None = attrs.field(default=None, converter=_optional_weekdays)

    def choosable(self, runs: frozenset[int]) -> frozenset[int]:
        """The weekdays a family may choose among, given the weekdays the service *runs*."""
        return runs if self.weekdays is None else self.weekdays & runs

    def allowed_counts(self, weekdays: frozenset[int]) -> range:
        """How many weekdays a family may choose, given the weekdays the service runs."""
        choosable = self.choosable(weekdays)
        high = len(choosable) if self.max_days is None else self.max_days
        return range(self.min_days, high + 1)

    def check_choice(
        self, booking: BookingRules, code: str, weekdays: Iterable[int]
    ) -> frozenset[int]:
        """The chosen *weekdays*, once checked against the regime and the service.

        Raises:
            InvalidValueError: a weekday the service does not run, or too few or too many
                weekdays (field ``weekdays``).
        """
        chosen = _weekday_set(weekdays)
        runs = self.choosable(service_weekdays(booking, code))
        stray = sorted(chosen - runs)
        if stray:
            raise InvalidValueError(
                "weekdays",
                stray[0],
                f"the service {code!r} does not run that weekday under the regime",
            )
        counts = self.allowed_counts(runs)
        if len(chosen) not in counts:
            raise InvalidValueError(
                "weekdays",
                sorted(chosen),
                f"choose from {counts.start} to {counts.stop - 1} weekdays",
            )
        return chosen

    def booked_days(
        self, booking: BookingRules, code: str, weekdays: Iterable[int], start: date, end: date
    ) -> PeriodExpansion:
        """The days the regime books from *start* to *end*, and why each other weekday is not.

        Each chosen weekday the service runs is booked; the others are skipped with their
        reason (public holiday, closure, school holidays), from the commune's calendar.
        """
        chosen = self.check_choice(booking, code, weekdays)
        return booking.calendar.expand(booking.days_of(code), start, end, chosen)


@attrs.frozen
class Occasional:
    """Days booked one by one, under the service's own deadlines.

    Vigneux-de-Bretagne: « Choix 2 : exceptionnellement ou selon un planning »; often with a
    price of its own (« repas occasionnel 3,70 € »).

    Attributes:
        source: where the regime comes from.
        unit_price: the occasional price of a day, where the règlement gives one apart from the
            service's tariff.
        label: the regime's name as shown.

    Examples:
        >>> Occasional(Source.example("x"), Money.euros("3.70")).unit_price
        Money.euros('3.70')
    """

    source: Source = attrs.field(validator=_SOURCE)
    unit_price: Money | None = attrs.field(default=None, validator=_price)
    label: str = attrs.field(default="Occasionnel", validator=identifier)


Regime = FixedDays | Occasional
"""An attendance regime."""


def _offers(value: object) -> tuple[Regime, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError("offers", value, "must be FixedDays or Occasional values")
    result = tuple(value)
    seen: set[type] = set()
    for index, offer in enumerate(result):
        if not isinstance(offer, FixedDays | Occasional):
            raise InvalidTypeError(f"offers[{index}]", offer, "must be FixedDays or Occasional")
        if type(offer) in seen:
            raise InvalidValueError(
                f"offers[{index}]", type(offer).__name__, "a service offers each regime once"
            )
        seen.add(type(offer))
    return result


def _fees(value: object) -> tuple[MonthlyFlatFee, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError("monthly_fees", value, "must be MonthlyFlatFee values")
    result = tuple(value)
    seen: set[str] = set()
    for index, fee in enumerate(result):
        if not isinstance(fee, MonthlyFlatFee):
            raise InvalidTypeError(f"monthly_fees[{index}]", fee, "must be a MonthlyFlatFee")
        if fee.code in seen:
            raise InvalidValueError(f"monthly_fees[{index}].code", fee.code, "appears twice")
        seen.add(fee.code)
    return result


@attrs.frozen
class ServiceRegimes:
    """The regimes a service offers and its monthly flat fees.

    Attributes:
        service_code: the service.
        offers: the regimes (at most one fixed-days and one occasional regime); none for a
            service priced only by a monthly fee (« garderie du matin : forfait mensuel »).
        monthly_fees: the service's monthly flat fees (a meal card, a PAI basket).

    Examples:
        >>> regimes = ServiceRegimes("repas", [Occasional(Source.example("x"))])
        >>> regimes.fixed_days is None, regimes.occasional is not None
        (True, True)
    """

    service_code: str = attrs.field(validator=identifier)
    offers: tuple[Regime, ...] = attrs.field(converter=_offers)
    monthly_fees: tuple[MonthlyFlatFee, ...] = attrs.field(default=(), converter=_fees)

    def __attrs_post_init__(self) -> None:
        if not self.offers and not self.monthly_fees:
            raise InvalidValueError(
                "offers", self.offers, "a service offers at least one regime or one monthly fee"
            )

    @property
    def fixed_days(self) -> FixedDays | None:
        """The fixed-days regime, if the service offers one."""
        for offer in self.offers:
            if isinstance(offer, FixedDays):
                return offer
        return None

    @property
    def occasional(self) -> Occasional | None:
        """The occasional regime, if the service offers one."""
        for offer in self.offers:
            if isinstance(offer, Occasional):
                return offer
        return None

    def check_against(self, booking: BookingRules) -> None:
        """Check the regimes fit the service as the booking rules define it.

        Raises:
            UnknownServiceError: the service is not one of the commune's (``service_code``).
            InvalidValueError: a fixed-days regime names a weekday the service does not run
                (``offers[i].weekdays``), or asks more weekdays than it offers
                (``offers[i].max_days`` or ``offers[i].min_days``).
        """
        known = {service.code for service in booking.services}
        if self.service_code not in known:
            raise UnknownServiceError(self.service_code, known, field="service_code")
        runs = service_weekdays(booking, self.service_code)
        for index, offer in enumerate(self.offers):
            if not isinstance(offer, FixedDays):
                continue
            if offer.weekdays is not None:
                stray = sorted(offer.weekdays - runs)
                if stray:
                    raise InvalidValueError(
                        f"offers[{index}].weekdays",
                        stray[0],
                        f"the service {self.service_code!r} does not run that weekday",
                    )
            choosable = len(offer.choosable(runs))
            for field in ("max_days", "min_days"):
                count = getattr(offer, field)
                if count is not None and count > choosable:
                    raise InvalidValueError(
                        f"offers[{index}].{field}",
                        count,
                        f"the service {self.service_code!r} runs {choosable} days a week "
                        "under the regime",
                    )
