"""Deadline rules: until when, and from when, a change for a service day is on time.

Every rule is a small frozen value behind one protocol, [`ChangeWindowRule`][]. Given a
service, the day it is booked for and the commune's calendar, a rule answers with a
[`ChangeWindow`][]: the instant from which changes are taken (``opens_at``, or ``None``) and the
deadline (``closes_at``, or ``None``). All instants are timezone-aware Europe/Paris.

A change is **on time when it is made strictly before the deadline**: « avant le jeudi 17h » means
that 17:00:00 is already too late. It is **not yet open** when made before ``opens_at``.

| rule                       | deadline                                                    |
|----------------------------|-------------------------------------------------------------|
| [`HoursBefore`][]          | n elapsed hours before the service starts (48 h)            |
| [`WorkingDaysBefore`][]    | n jours ouvrés before the day, at a cutoff or the start     |
| [`WeekdayBefore`][]        | a weekday and time of the week(s) before (jeudi 17:00)      |
| [`CalendarDaysBefore`][]   | n calendar days before at a time (« la veille 18h »)        |
| [`ClearDaysBefore`][]      | n jours francs before the day or the start of the break     |
| [`FixedWindow`][]          | between two instants, for the days of a period              |
| [`MaxHorizon`][]           | opens n days before the day (how far ahead one may book)    |
| [`AllOf`][]                | every rule at once: latest opening, earliest deadline       |

Examples:
    >>> from datetime import date, time
    >>> from cantine_rules import Service, ServiceKind
    >>> from cantine_rules.calendar import SchoolCalendar, Zone
    >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
    >>> window = HoursBefore(48).window(meal, date(2024, 9, 19), SchoolCalendar(Zone.B))
    >>> window.closes_at.isoformat()
    '2024-09-17T12:00:00+02:00'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Final, Protocol, runtime_checkable

import attrs

from cantine_rules._time import EUROPE_PARIS, at_paris
from cantine_rules._validators import a_date, a_time, aware_datetime, identifier
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import Service
from cantine_rules.rules._messages import weekday_in, words

if TYPE_CHECKING:
    from cantine_rules.calendar import SchoolCalendar

__all__ = [
    "MAX_DAYS",
    "MAX_HORIZON_DAYS",
    "MAX_HOURS",
    "MAX_WEEKS",
    "SERVICE_START",
    "AllOf",
    "CalendarDaysBefore",
    "ChangeWindow",
    "ChangeWindowRule",
    "ClearDaysBefore",
    "FixedWindow",
    "HoursBefore",
    "MaxHorizon",
    "ServiceStart",
    "WeekdayBefore",
    "WorkingDaysBefore",
    "bounded_by_start",
    "service_start",
]


def service_start(service: Service, day: date) -> datetime:
    """The Europe/Paris instant a service starts on a day.

    Examples:
        >>> from cantine_rules import Service, ServiceKind
        >>> soir = Service("soir", "Accueil du soir", ServiceKind.EVENING_CARE, time(16, 30),
        ...                time(18, 30))
        >>> service_start(soir, date(2024, 9, 19)).isoformat()
        '2024-09-19T16:30:00+02:00'
    """
    return at_paris(day, service.start)


MAX_HOURS: Final = 24 * 366
"""The most hours a deadline may fall before its service: a leap year's. A larger count is no
règlement's rule, and far larger ones would reach before year 1 (``OverflowError``)."""
MAX_DAYS: Final = 366
"""The most days (working, calendar or clear days, or a booking horizon) a rule may count."""
MAX_WEEKS: Final = 53
"""The most weeks a weekday deadline may fall before its service."""
MAX_HORIZON_DAYS: Final = 731
"""The most days ahead a booking horizon may open: two years."""

_LIMITS: Final = {"hours": MAX_HOURS, "days": MAX_DAYS, "weeks_before": MAX_WEEKS}


def _count(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    _bounded_count(attribute.name, value, _LIMITS[attribute.name])


def _horizon(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    _bounded_count(attribute.name, value, MAX_HORIZON_DAYS)


def _bounded_count(field: str, value: object, limit: int) -> None:
    if type(value) is not int:
        raise InvalidTypeError(field, value, "must be an int")
    if value < 0:
        raise InvalidValueError(field, value, "must be zero or more")
    if value > limit:
        raise InvalidValueError(field, value, f"must be at most {limit}")


def _weekday(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 0 <= value <= 6:
        raise InvalidValueError(attribute.name, value, "must be 0 (Monday) to 6 (Sunday)")


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


@attrs.frozen
class ChangeWindow:
    """When changes for one service day are taken: ``[opens_at, closes_at)``.

    ``None`` means unbounded on that side. ``closing_rule`` and ``opening_rule`` are the rules that
    set each bound, so a decision can say which deadline applied.
    """

    opens_at: datetime | None = None
    closes_at: datetime | None = None
    opening_rule: ChangeWindowRule | None = attrs.field(default=None, eq=False)
    closing_rule: ChangeWindowRule | None = attrs.field(default=None, eq=False)

    def is_open_at(self, instant: datetime) -> bool:
        """True when *instant* is inside the window."""
        return not self.is_early(instant) and not self.is_late(instant)

    def is_early(self, instant: datetime) -> bool:
        """True when *instant* comes before the window opens."""
        return self.opens_at is not None and instant < self.opens_at

    def is_late(self, instant: datetime) -> bool:
        """True when *instant* is at or after the deadline (on time means strictly before)."""
        return self.closes_at is not None and instant >= self.closes_at


@runtime_checkable
class ChangeWindowRule(Protocol):
    """The protocol of every deadline rule."""

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """The window in which a change for *service* on *day* is on time."""
        ...

    def describe(self, lang: str = "fr") -> str:
        """The rule in a few words, in French (``"fr"``) or English (``"en"``)."""
        ...


@attrs.frozen
class HoursBefore:
    """A deadline *hours* elapsed hours before the service starts.

    Elapsed hours, not wall-clock hours: 48 h before a Monday 12:00 meal just after the spring
    change to summer time is Saturday 11:00, not 12:00.

    Chantraine: « les réservations sont prises en compte 48h avant le repas ».

    Examples:
        >>> from cantine_rules import Service, ServiceKind
        >>> from cantine_rules.calendar import SchoolCalendar, Zone
        >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
        >>> monday = date(2025, 3, 31)  # the day after the change to summer time
        >>> HoursBefore(48).window(meal, monday, SchoolCalendar(Zone.B)).closes_at.isoformat()
        '2025-03-29T11:00:00+01:00'
    """

    hours: int = attrs.field(validator=_count)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        start = service_start(service, day).astimezone(UTC)
        deadline = (start - timedelta(hours=self.hours)).astimezone(EUROPE_PARIS)
        return ChangeWindow(closes_at=deadline, closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        return words(lang)["rule.hours_before"].format(hours=self.hours)


@attrs.frozen
class WorkingDaysBefore:
    """A deadline *days* jours ouvrés before the service day, at *cutoff* or the start time.

    Working days (Monday–Friday less public holidays) are counted back from the service day, so
    2 working days before a Thursday is the Tuesday and 2 before a Monday is the previous Thursday.
    Without a cutoff, the deadline is at the service's own start time on that day.

    Seed 002: « un délai de 48h jours ouvrés pour le périscolaire et de 5 jours ouvrés pour les
    mercredis et vacances ».
    """

    days: int = attrs.field(validator=_count)
    cutoff: time | None = attrs.field(default=None, validator=attrs.validators.optional(a_time))

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        deadline_day = calendar.sub_working_days(day, self.days)
        cutoff = self.cutoff if self.cutoff is not None else service.start
        return ChangeWindow(closes_at=at_paris(deadline_day, cutoff), closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        table = words(lang)
        count = "one" if self.days == 1 else "other"
        text = table[f"rule.working_days_before.{count}"].format(days=self.days)
        if self.cutoff:
            return table["rule.cutoff"].format(rule=text, cutoff=_hhmm(self.cutoff))
        return text


@attrs.frozen
class WeekdayBefore:
    """A deadline on a weekday at a time, *weeks_before* weeks before the service's week.

    Weeks run Monday to Sunday. Saint-Just-d'Avray: « Les inscriptions doivent être renseignées
    au plus tard avant le Jeudi 17h pour la semaine suivante » is ``WeekdayBefore(3, time(17))``;
    elsewhere « mardi 23h59 » for the following week is ``WeekdayBefore(1, time(23, 59))``.
    """

    weekday: int = attrs.field(validator=_weekday)
    cutoff: time = attrs.field(validator=a_time)
    weeks_before: int = attrs.field(default=1, validator=_count)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        monday = day - timedelta(days=day.weekday())
        deadline_day = monday - timedelta(weeks=self.weeks_before) + timedelta(days=self.weekday)
        return ChangeWindow(closes_at=at_paris(deadline_day, self.cutoff), closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        count = "one" if self.weeks_before == 1 else "other"
        return words(lang)[f"rule.weekday_before.{count}"].format(
            weekday=weekday_in(self.weekday, lang),
            cutoff=_hhmm(self.cutoff),
            weeks=self.weeks_before,
        )


@attrs.frozen
class CalendarDaysBefore:
    """A deadline *days* calendar days before the service day, at a time.

    « la veille 18h » (garderie, seen in other communes) is ``CalendarDaysBefore(1, time(18))``.
    """

    days: int = attrs.field(validator=_count)
    at: time = attrs.field(validator=a_time)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        deadline_day = day - timedelta(days=self.days)
        return ChangeWindow(closes_at=at_paris(deadline_day, self.at), closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        count = {0: "zero", 1: "one"}.get(self.days, "other")
        return words(lang)[f"rule.calendar_days_before.{count}"].format(
            days=self.days, at=_hhmm(self.at)
        )


@attrs.frozen
class ClearDaysBefore:
    """A deadline leaving *days* jours francs (whole days) before the day.

    Jours francs count neither the day of the change nor the day it concerns: with 15 jours francs
    before 16 July, the last day to act is 30 June, so the deadline is 1 July at 00:00.

    With ``from_break_start``, days are counted from the first day of the school-holiday break
    the service day falls in (« 15 jours francs avant le premier jour des vacances », a rule seen
    in other communes).
    """

    days: int = attrs.field(validator=_count)
    from_break_start: bool = False

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        anchor = _break_start(calendar, day) if self.from_break_start else day
        deadline_day = anchor - timedelta(days=self.days)
        return ChangeWindow(closes_at=at_paris(deadline_day, time(0, 0)), closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        key = "rule.clear_days_before_break" if self.from_break_start else "rule.clear_days_before"
        return words(lang)[key].format(days=self.days)


def _break_start(calendar: SchoolCalendar, day: date) -> date:
    """The first day of the school-holiday break containing *day* (the day itself otherwise)."""
    name = calendar.school_holiday(day)
    if name is None:
        return day
    first = day
    # A break lasts at most about nine weeks; the walk stops at its first day.
    while calendar.school_holiday(first - timedelta(days=1)) == name:
        first -= timedelta(days=1)
    return first


@attrs.frozen
class FixedWindow:
    """Changes for the days *first_day* to *last_day* are taken only in ``[opens_at, closes_at)``.

    A registration period, or holiday bookings opening on a given Sunday at 20:00. Days outside
    the period are not constrained by this rule.
    """

    opens_at: datetime = attrs.field(validator=aware_datetime)
    closes_at: datetime = attrs.field(validator=aware_datetime)
    first_day: date = attrs.field(validator=a_date)
    last_day: date = attrs.field(validator=a_date)
    label: str = attrs.field(default="période d'inscription", validator=identifier)

    def __attrs_post_init__(self) -> None:
        if self.closes_at <= self.opens_at:
            raise InvalidValueError("closes_at", self.closes_at, "must be after opens_at")
        if self.last_day < self.first_day:
            raise InvalidValueError("last_day", self.last_day, "must not be before first_day")

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        if not self.first_day <= day <= self.last_day:
            return ChangeWindow()
        return ChangeWindow(
            opens_at=self.opens_at.astimezone(EUROPE_PARIS),
            closes_at=self.closes_at.astimezone(EUROPE_PARIS),
            opening_rule=self,
            closing_rule=self,
        )

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        return self.label


@attrs.frozen
class MaxHorizon:
    """Changes open *days* calendar days before the service day, at 00:00 (booking horizon)."""

    days: int = attrs.field(validator=_horizon)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        opens = at_paris(day - timedelta(days=self.days), time(0, 0))
        return ChangeWindow(opens_at=opens, opening_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        return words(lang)["rule.max_horizon"].format(days=self.days)


def _rule_tuple(rules: Iterable[ChangeWindowRule]) -> tuple[ChangeWindowRule, ...]:
    result = tuple(rules)
    for index, rule in enumerate(result):
        if not isinstance(rule, ChangeWindowRule):
            raise InvalidTypeError(f"rules[{index}]", rule, "must be a ChangeWindowRule")
    if not result:
        raise InvalidValueError("rules", result, "must hold at least one rule")
    return result


@attrs.frozen
class ServiceStart:
    """The implicit last deadline of every change: the instant the service starts.

    [`BookingRules`][cantine_rules.rules.booking.BookingRules] applies it on top of every
    rule, so no deadline is ever after the service starts, and a rule that sets none (an opening
    window alone) still closes then.
    """

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        return ChangeWindow(closes_at=service_start(service, day), closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        return words(lang)["rule.service_start"]


def bounded_by_start(window: ChangeWindow, start: datetime) -> ChangeWindow:
    """*window* closing no later than *start*, the instant the service starts."""
    if window.closes_at is not None and window.closes_at <= start:
        return window
    return attrs.evolve(window, closes_at=start, closing_rule=SERVICE_START)


SERVICE_START: Final = ServiceStart()
"""The one [`ServiceStart`][] rule."""


@attrs.frozen
class AllOf:
    """Every rule at once: the latest opening and the earliest deadline win.

    Examples:
        >>> rule = AllOf((WeekdayBefore(3, time(17)), MaxHorizon(60)))
        >>> len(rule.rules)
        2
    """

    rules: tuple[ChangeWindowRule, ...] = attrs.field(converter=_rule_tuple)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        opens_at: datetime | None = None
        closes_at: datetime | None = None
        opening_rule: ChangeWindowRule | None = None
        closing_rule: ChangeWindowRule | None = None
        for rule in self.rules:
            part = rule.window(service, day, calendar)
            if part.opens_at is not None and (opens_at is None or part.opens_at > opens_at):
                opens_at, opening_rule = part.opens_at, part.opening_rule
            if part.closes_at is not None and (closes_at is None or part.closes_at < closes_at):
                closes_at, closing_rule = part.closes_at, part.closing_rule
        return ChangeWindow(opens_at, closes_at, opening_rule, closing_rule)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        template = words(lang)["rule.all_of"]
        text = self.rules[0].describe(lang)
        for rule in self.rules[1:]:
            text = template.format(first=text, second=rule.describe(lang))
        return text
