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
| [`SchoolDaysBefore`][]     | n school days before, at a cutoff (« la veille (jour d'école) ») |
| [`WeekdayTable`][]         | a deadline weekday and time for each service weekday         |
| [`MonthlyDeadline`][]      | a day of the month(s) before, for every month (« le 20 »)   |
| [`EndOfDayBefore`][]       | midnight ending day D−n (« 8 jours avant … minuit »)         |
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

from cantine_rules._pickling import pickled_by_fields
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
    "MAX_MONTHS",
    "MAX_WEEKS",
    "MONTH_LAST_DAY",
    "SERVICE_START",
    "AllOf",
    "CalendarDaysBefore",
    "ChangeWindow",
    "ChangeWindowRule",
    "ClearDaysBefore",
    "EndOfDayBefore",
    "FixedWindow",
    "HoursBefore",
    "MaxHorizon",
    "MonthlyDeadline",
    "SchoolDaysBefore",
    "ServiceStart",
    "WeekdayBefore",
    "WeekdayDeadline",
    "WeekdayTable",
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


MAX_MONTHS: Final = 12
"""The most months before the service's month a monthly deadline may fall."""
MONTH_LAST_DAY: Final = "last"
"""The ``day`` of a [`MonthlyDeadline`][] on the last day of its month, whatever its length."""
_SHORTEST_MONTH: Final = 28
_LONGEST_MONTH: Final = 31


def _a_bool(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        raise InvalidTypeError(attribute.name, value, "must be True or False")


def _days_from_one(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    _bounded_count(attribute.name, value, MAX_DAYS)
    if value == 0:
        raise InvalidValueError(attribute.name, value, "must be one or more")


@attrs.frozen
class SchoolDaysBefore:
    """A deadline on the *days*-th school day before the service day, at *cutoff*.

    School days are the days with class in the commune's calendar
    ([`SchoolCalendar.is_school_day`][cantine_rules.calendar.SchoolCalendar.is_school_day]):
    weekends, weekdays without school, public holidays, school holidays and closures are skipped.
    « La veille (jour d'école) » of a Monday is the Friday before, and that of the first day back
    after the holidays is the last day of class before them. Without a cutoff the deadline is at
    the service's own start time on that day. The day found is always before the service day, so
    the deadline never falls after the service starts.

    A règlement of this shape: « avant le vendredi 11h00 pour le lundi, … et le dernier jour
    d'école avant les vacances pour le jour de la rentrée » is ``SchoolDaysBefore(1, time(11))``.
    With *until_midnight* the whole school day found is on time, and the deadline is the
    midnight that ends it: « au plus tard 2 jours ouvrés scolaires avant le jour souhaité à
    24 h » is ``SchoolDaysBefore(2, until_midnight=True)`` (a cutoff is then not given).

    Examples:
        >>> from cantine_rules import Service, ServiceKind
        >>> from cantine_rules.calendar import SchoolCalendar, Zone
        >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
        >>> back = date(2024, 11, 4)  # the first day back after the Toussaint break, zone C
        >>> window = SchoolDaysBefore(1, time(11)).window(meal, back, SchoolCalendar(Zone.C))
        >>> window.closes_at.isoformat()
        '2024-10-18T11:00:00+02:00'
    """

    days: int = attrs.field(validator=_days_from_one)
    cutoff: time | None = attrs.field(default=None, validator=attrs.validators.optional(a_time))
    until_midnight: bool = attrs.field(default=False, validator=_a_bool)

    def __attrs_post_init__(self) -> None:
        if self.until_midnight and self.cutoff is not None:
            raise InvalidValueError(
                "until_midnight",
                self.until_midnight,
                "cannot be given with a cutoff: the deadline is either at the cutoff or at the "
                "midnight that ends the school day",
            )

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        deadline_day = calendar.sub_school_days(day, self.days)
        if self.until_midnight:
            # The midnight ending that school day is the first instant of the next day, which
            # is still before the service day.
            closes = at_paris(deadline_day + timedelta(days=1), time(0, 0))
        else:
            closes = at_paris(deadline_day, self.cutoff or service.start)
        return ChangeWindow(closes_at=closes, closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        table = words(lang)
        count = "one" if self.days == 1 else "other"
        text = table[f"rule.school_days_before.{count}"].format(days=self.days)
        if self.until_midnight:
            return table["rule.until_midnight"].format(rule=text)
        if self.cutoff is None:
            return text
        return table["rule.before_cutoff"].format(rule=text, cutoff=_hhmm(self.cutoff))


def _weekday_set(value: Iterable[int]) -> frozenset[int]:
    field = "service_weekdays"
    try:
        result = frozenset(value)
    except TypeError:
        raise InvalidTypeError(field, value, "must be a set of weekdays, 0 (Monday) to 6") from None
    if not result:
        raise InvalidValueError(field, value, "must hold at least one weekday")
    for weekday in sorted(result, key=repr):
        if type(weekday) is not int or not 0 <= weekday <= 6:
            raise InvalidValueError(field, weekday, "weekdays are 0 (Monday) to 6 (Sunday)")
    return result


@pickled_by_fields
@attrs.frozen
class WeekdayDeadline:
    """One row of a [`WeekdayTable`][]: the deadline of services on some weekdays.

    A service on one of *service_weekdays* closes on the previous *weekday* at *cutoff*.

    « The previous » is the last such weekday strictly before the service day: the Friday before
    a Monday, and the Tuesday a week before for a Tuesday service.

    Examples:
        >>> row = WeekdayDeadline(frozenset({0, 1}), 4, time(9))  # lundi et mardi : vendredi 9h
        >>> row.deadline_day(date(2024, 9, 10))  # Tuesday 10 September
        datetime.date(2024, 9, 6)
    """

    service_weekdays: frozenset[int] = attrs.field(converter=_weekday_set)
    weekday: int = attrs.field(validator=_weekday)
    cutoff: time = attrs.field(validator=a_time)

    def deadline_day(self, day: date) -> date:
        """The last *weekday* strictly before *day*."""
        back = (day.weekday() - self.weekday) % 7 or 7
        return day - timedelta(days=back)


def _rows(value: Iterable[WeekdayDeadline]) -> tuple[WeekdayDeadline, ...]:
    rows = tuple(value)
    if not rows:
        raise InvalidValueError(
            "rows",
            rows,
            "must hold at least one row: a weekday table without rows sets no deadline",
        )
    seen: dict[int, int] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, WeekdayDeadline):
            raise InvalidTypeError(f"rows[{index}]", row, "must be a WeekdayDeadline")
        for weekday in sorted(row.service_weekdays):
            if weekday in seen:
                raise InvalidValueError(
                    f"rows[{index}].service_weekdays",
                    weekday_in(weekday, "en"),
                    f"is already in rows[{seen[weekday]}]: give each service weekday one row",
                )
            seen[weekday] = index
    return rows


@attrs.frozen
class WeekdayTable:
    """A deadline for each weekday of the service: the previous given weekday, at a time.

    « lundi et mardi : le vendredi précédent avant 9h ; jeudi et vendredi : le mardi précédent
    avant 9h » is two [`WeekdayDeadline`][] rows. Each deadline falls on a day before the
    service day, so never after the service starts.

    A service weekday in no row has no deadline to give: deciding a change for that day raises
    [`InvalidValueError`][cantine_rules.errors.InvalidValueError] naming the weekday (a policy
    read from plain data is checked against the days its services run when it is loaded).

    Examples:
        >>> from cantine_rules import Service, ServiceKind
        >>> from cantine_rules.calendar import SchoolCalendar, Zone
        >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
        >>> table = WeekdayTable((
        ...     WeekdayDeadline(frozenset({0, 1}), 4, time(9)),
        ...     WeekdayDeadline(frozenset({3, 4}), 1, time(9)),
        ... ))
        >>> table.window(meal, date(2024, 9, 12), SchoolCalendar(Zone.C)).closes_at.isoformat()
        '2024-09-10T09:00:00+02:00'
        >>> table.describe()
        'lundi et mardi : le vendredi précédent avant 09:00 ; jeudi et vendredi : le mardi précédent avant 09:00'
    """  # noqa: E501  (a doctest's answer is one line)

    rows: tuple[WeekdayDeadline, ...] = attrs.field(converter=_rows)

    def row_for(self, weekday: int) -> WeekdayDeadline | None:
        """The row of a service on *weekday* (0=Monday), or None when no row has it."""
        for row in self.rows:
            if weekday in row.service_weekdays:
                return row
        return None

    def weekdays(self) -> frozenset[int]:
        """Every service weekday the table has a row for."""
        return frozenset().union(*(row.service_weekdays for row in self.rows))

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        row = self.row_for(day.weekday())
        if row is None:
            name = weekday_in(day.weekday(), "en")
            raise InvalidValueError(
                "rows",
                name,
                f"has no row for {service.code!r} on {day.isoformat()}, a {name}: "
                "add the weekday to a row",
            )
        return ChangeWindow(
            closes_at=at_paris(row.deadline_day(day), row.cutoff), closing_rule=self
        )

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        table = words(lang)
        return table["rule.weekday_table.separator"].join(
            table["rule.weekday_table.row"].format(
                days=_listed([weekday_in(d, lang) for d in sorted(row.service_weekdays)], lang),
                weekday=weekday_in(row.weekday, lang),
                cutoff=_hhmm(row.cutoff),
            )
            for row in self.rows
        )


def _listed(items: list[str], lang: str) -> str:
    """« lundi, mardi et jeudi »: the items joined as *lang* lists them."""
    if len(items) == 1:
        return items[0]
    return words(lang)["list.and"].format(items=", ".join(items[:-1]), last=items[-1])


def _month_day(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value == MONTH_LAST_DAY:
        return
    allowed = f'must be a day of the month, 1 to {_SHORTEST_MONTH}, or "{MONTH_LAST_DAY}"'
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, allowed)
    if _SHORTEST_MONTH < value <= _LONGEST_MONTH:
        raise InvalidValueError(
            attribute.name,
            value,
            f"is not in every month (February has 28 days, 29 in a leap year; April, June, "
            f"September and November have 30), so the shorter months would have no deadline; "
            f'a monthly deadline holds for every month: write "{MONTH_LAST_DAY}" for the last '
            f"day of each month, or a day from 1 to {_SHORTEST_MONTH}",
        )
    if not 1 <= value <= _SHORTEST_MONTH:
        raise InvalidValueError(attribute.name, value, allowed)


def _months(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    _bounded_count(attribute.name, value, MAX_MONTHS)


@attrs.frozen
class MonthlyDeadline:
    """A deadline on a day of the month before the service's month, for every month.

    « avant le 20 du mois précédent » is ``MonthlyDeadline(20)``: every day of October closes on
    20 September at 00:00, so the 20th itself is already too late (« avant le 20 » excludes the
    20th; a change on time is made strictly before the deadline). *at* moves the instant within
    that day (« avant le 20 à midi »); *day* may be ``"last"``
    ([`MONTH_LAST_DAY`][]), the last day of the month whatever its length, since a fixed day
    after the 28th is not in every month. *months_before* is 1 by default; with 0 the deadline
    is in the service's own month (« au plus tard le dernier jour du mois précédent » is
    ``MonthlyDeadline(1, months_before=0)``: before the 1st of the month, at 00:00), and a
    deadline that would fall after the service starts is the service's start.

    Examples:
        >>> from cantine_rules import Service, ServiceKind
        >>> from cantine_rules.calendar import SchoolCalendar, Zone
        >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
        >>> rule = MonthlyDeadline(20)
        >>> rule.window(meal, date(2025, 3, 3), SchoolCalendar(Zone.C)).closes_at.isoformat()
        '2025-02-20T00:00:00+01:00'
        >>> MonthlyDeadline("last").window(meal, date(2024, 3, 4), SchoolCalendar(Zone.C)).closes_at
        datetime.datetime(2024, 2, 29, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    """

    day: int | str = attrs.field(validator=_month_day)
    at: time = attrs.field(default=time(0, 0), validator=a_time)
    months_before: int = attrs.field(default=1, validator=_months)

    def deadline_day(self, day: date) -> date:
        """The day of the deadline of a service on *day*."""
        year, month = divmod(day.year * 12 + day.month - 1 - self.months_before, 12)
        first = date(year, month + 1, 1)
        if self.day != MONTH_LAST_DAY:
            return first.replace(day=int(self.day))
        # The last day of a month is the day before the first of the next (32 days on from the
        # 1st is always in the next month).
        return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        deadline = at_paris(self.deadline_day(day), self.at)
        window = ChangeWindow(closes_at=deadline, closing_rule=self)
        return bounded_by_start(window, service_start(service, day))

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        table = words(lang)
        if self.day == MONTH_LAST_DAY:
            day = table["rule.monthly_deadline.last"]
        elif self.day == 1:
            day = table["rule.monthly_deadline.first"]
        else:
            day = table["rule.monthly_deadline.day"].format(day=self.day)
        count = {0: "zero", 1: "one"}.get(self.months_before, "other")
        month = table[f"rule.monthly_deadline.months.{count}"].format(months=self.months_before)
        if self.at == time(0, 0):
            return table["rule.monthly_deadline"].format(day=day, month=month)
        return table["rule.monthly_deadline_at"].format(day=day, month=month, at=_hhmm(self.at))


@attrs.frozen
class EndOfDayBefore:
    """A deadline at the midnight that ends the day *days* days before the service day.

    « 8 jours avant la date prévue … pour le lundi 2 septembre … le dimanche 25 août minuit » is
    ``EndOfDayBefore(8)``: Sunday 25 August counts as a whole, and the deadline is the instant
    it ends, Monday 26 August at 00:00. The deadline is on the service day at the latest
    (``days`` is one or more), so never after the service starts.

    Examples:
        >>> from cantine_rules import Service, ServiceKind
        >>> from cantine_rules.calendar import SchoolCalendar, Zone
        >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
        >>> rentree = date(2024, 9, 2)
        >>> EndOfDayBefore(8).window(meal, rentree, SchoolCalendar(Zone.C)).closes_at.isoformat()
        '2024-08-26T00:00:00+02:00'
    """

    days: int = attrs.field(validator=_days_from_one)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        """See [`ChangeWindowRule`][]."""
        # The midnight ending day D−n is the first instant of day D−n+1.
        following = day - timedelta(days=self.days - 1)
        return ChangeWindow(closes_at=at_paris(following, time(0, 0)), closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        """See [`ChangeWindowRule`][]."""
        count = "one" if self.days == 1 else "other"
        return words(lang)[f"rule.end_of_day_before.{count}"].format(days=self.days)


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
