"""The values of the school calendar: zones, kinds of service day, closures, school weeks, answers.

Examples:
    >>> Zone.parse("zone b"), FOUR_DAYS.has_school(2)
    (<Zone.B: 'B'>, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

import attrs

from cantine_rules._validators import a_date, enum_member, identifier, optional_text, tuple_of
from cantine_rules.errors import CalendarError, InvalidTypeError, UnknownCodeError
from cantine_rules.model import ServiceKind

__all__ = [
    "DEFAULT_SERVICE_DAYS",
    "FOUR_AND_A_HALF_DAYS",
    "FOUR_DAYS",
    "WEEKDAY_NAMES",
    "Closure",
    "DataSource",
    "DayInfo",
    "ExtraOpenDay",
    "PeriodExpansion",
    "SchoolWeek",
    "SchoolYear",
    "ServiceDays",
    "SkipReason",
    "SkippedDay",
    "Zone",
    "require_day",
    "service_days_of",
    "to_zone",
    "zone_or_none",
]

WEEKDAY_NAMES: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
"""French weekday names, Monday first, for labels shown to families."""


def require_day(value: object, field: str) -> date:
    """Return *value* if it is a ``datetime.date`` (not a datetime), else an error naming *field*.

    Examples:
        >>> require_day(date(2024, 5, 13), "day")
        datetime.date(2024, 5, 13)
    """
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidTypeError(field, value, "must be a datetime.date (a day, not a datetime)")
    return value


class Zone(StrEnum):
    """A school-holiday zone of metropolitan France (set by académie).

    Examples:
        >>> Zone.parse("Zone C") is Zone.C
        True
    """

    A = "A"
    B = "B"
    C = "C"

    @classmethod
    def parse(cls, text: str) -> Zone:
        """The zone written as ``"A"``, ``"zone a"`` or ``"Zone A"`` (case and spaces ignored).

        Raises:
            UnknownCodeError: for anything else, listing A, B and C.
            InvalidTypeError: when *text* is not a str.

        """
        return to_zone(text)


def zone_or_none(text: object) -> Zone | None:
    """The zone *text* names (a Zone, ``"A"``, ``"zone a"``, ``"Zone A"``), or None.

    Examples:
        >>> zone_or_none("Corse") is None
        True
    """
    if isinstance(text, Zone):
        return text
    if not isinstance(text, str):
        return None
    words = text.split()
    if len(words) == 2 and words[0].casefold() == "zone":
        words = words[1:]
    if len(words) != 1:
        return None
    try:
        return Zone(words[0].upper())
    except ValueError:
        return None


def to_zone(value: object) -> Zone:
    """Converter: a [`Zone`][], or a str naming one; a typed error otherwise.

    Examples:
        >>> to_zone("Zone B")
        <Zone.B: 'B'>
    """
    found = zone_or_none(value)
    if found is None:
        if not isinstance(value, str):
            raise InvalidTypeError("zone", value, "must be a Zone or a str such as 'Zone A'")
        raise UnknownCodeError("zone", value, (member.value for member in Zone))
    return found


class ServiceDays(StrEnum):
    """On which kind of day a service runs."""

    SCHOOL_DAYS = "school_days"
    """School days: meals, garderie, étude."""
    WEDNESDAYS = "wednesdays"
    """Wednesdays without school, outside the school holidays: ALSH du mercredi."""
    SCHOOL_HOLIDAYS = "school_holidays"
    """Monday to Friday inside the school holidays: ALSH des vacances."""


DEFAULT_SERVICE_DAYS: Final[Mapping[ServiceKind, frozenset[ServiceDays]]] = MappingProxyType(
    {
        ServiceKind.MEAL: frozenset({ServiceDays.SCHOOL_DAYS}),
        ServiceKind.MORNING_CARE: frozenset({ServiceDays.SCHOOL_DAYS}),
        ServiceKind.EVENING_CARE: frozenset({ServiceDays.SCHOOL_DAYS}),
        ServiceKind.STUDY: frozenset({ServiceDays.SCHOOL_DAYS}),
        ServiceKind.WEDNESDAY_CENTRE: frozenset({ServiceDays.WEDNESDAYS}),
        ServiceKind.HOLIDAY_CENTRE: frozenset({ServiceDays.SCHOOL_HOLIDAYS}),
    }
)
"""The kind of day each kind of service runs on, unless a commune says otherwise."""


def service_days_of(value: object, field: str = "service_days") -> frozenset[ServiceDays]:
    """The kinds of day of a [`ServiceKind`][], or a non-empty frozenset of ServiceDays as is.

    Examples:
        >>> sorted(service_days_of(ServiceKind.WEDNESDAY_CENTRE))
        [<ServiceDays.WEDNESDAYS: 'wednesdays'>]
    """
    if isinstance(value, ServiceKind):
        return DEFAULT_SERVICE_DAYS[value]
    if isinstance(value, frozenset) and value and all(isinstance(v, ServiceDays) for v in value):
        return value
    raise InvalidTypeError(
        field, value, "must be a ServiceKind or a non-empty frozenset of ServiceDays"
    )


class DataSource(StrEnum):
    """Where an answer of the calendar comes from."""

    HOLIDAYS_PACKAGE = "holidays"
    """The ``holidays`` package: public holidays, and school holidays where it is trusted."""
    OFFICIAL_DATASET = "official_dataset"
    """The Ministry's « calendrier scolaire » dataset (data.education.gouv.fr)."""
    COMMUNE = "commune"
    """The commune's own closures and extra open days."""
    SCHOOL_WEEK = "school_week"
    """The commune's school week (4 days, or 4.5 days with Wednesday morning)."""


@attrs.frozen
class Closure:
    """A day the commune closes its schools and services: a pont, an exceptional closure, a strike.

    Examples:
        >>> Closure(date(2024, 5, 10), "Pont de l'Ascension").label
        "Pont de l'Ascension"
    """

    day: date = attrs.field(validator=a_date)
    label: str = attrs.field(validator=identifier)


@attrs.frozen
class ExtraOpenDay:
    """A day the commune opens school although it would not have school (a day made up for).

    Examples:
        >>> ExtraOpenDay(date(2024, 5, 15), "Rattrapage du pont").day.isoformat()
        '2024-05-15'
    """

    day: date = attrs.field(validator=a_date)
    label: str = attrs.field(validator=identifier)


def _weekdays(value: object) -> frozenset[int]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError("weekdays", value, "must be a set of weekday numbers (0=Monday)")
    return frozenset(value)


def _school_weekdays(
    _instance: Any, attribute: attrs.Attribute[Any], value: frozenset[Any]
) -> None:
    if not value:
        raise CalendarError(attribute.name, value, "a school week needs at least one day")
    for weekday in value:
        if not isinstance(weekday, int) or isinstance(weekday, bool):
            raise InvalidTypeError(attribute.name, weekday, "weekdays are ints, 0=Monday")
        # There is no school on Sunday anywhere in France.
        if not 0 <= weekday <= 5:
            raise CalendarError(attribute.name, weekday, "must be 0 (Monday) to 5 (Saturday)")


@attrs.frozen
class SchoolWeek:
    """The weekdays with school (0=Monday … 5=Saturday).

    Examples:
        >>> FOUR_AND_A_HALF_DAYS.has_school(2)
        True
    """

    weekdays: frozenset[int] = attrs.field(converter=_weekdays, validator=_school_weekdays)

    def has_school(self, weekday: int) -> bool:
        """True when the week has school on *weekday* (0=Monday)."""
        return weekday in self.weekdays


FOUR_DAYS: Final = SchoolWeek(frozenset({0, 1, 3, 4}))
"""The « semaine de quatre jours »: school on Monday, Tuesday, Thursday and Friday."""
FOUR_AND_A_HALF_DAYS: Final = SchoolWeek(frozenset({0, 1, 2, 3, 4}))
"""The « semaine de quatre jours et demi »: school Monday to Friday, Wednesday morning included."""


def _school_year_bounds(instance: SchoolYear, _attribute: attrs.Attribute[date], end: date) -> None:
    start = instance.start
    if (start.month, start.day) != (9, 1):
        raise CalendarError("start", start, "a school year starts on 1 September")
    if end != date(start.year + 1, 8, 31):
        raise CalendarError("end", end, f"must be 31 August {start.year + 1}")
    if instance.label != f"{start.year}-{start.year + 1}":
        raise CalendarError("label", instance.label, f"must be '{start.year}-{start.year + 1}'")


@attrs.frozen
class SchoolYear:
    """A school year, from 1 September to 31 August, named like ``"2024-2025"``.

    Examples:
        >>> year = SchoolYear.containing(date(2025, 3, 14))
        >>> year.label, date(2025, 8, 31) in year, date(2025, 9, 1) in year
        ('2024-2025', True, False)
    """

    label: str = attrs.field(validator=identifier)
    start: date = attrs.field(validator=a_date)
    end: date = attrs.field(validator=[a_date, _school_year_bounds])

    @classmethod
    def starting_in(cls, year: int) -> SchoolYear:
        """The school year that starts on 1 September of *year*."""
        if not isinstance(year, int) or isinstance(year, bool):
            raise InvalidTypeError("year", year, "must be an int")
        return cls(f"{year}-{year + 1}", date(year, 9, 1), date(year + 1, 8, 31))

    @classmethod
    def containing(cls, day: date) -> SchoolYear:
        """The school year *day* belongs to."""
        day = require_day(day, "day")
        return cls.starting_in(day.year if day.month >= 9 else day.year - 1)

    def __contains__(self, day: object) -> bool:
        checked = require_day(day, "day")
        return self.start <= checked <= self.end


class SkipReason(StrEnum):
    """Why a day of a period is not a service day."""

    PUBLIC_HOLIDAY = "public_holiday"
    SCHOOL_HOLIDAY = "school_holiday"
    CLOSURE = "closure"
    NO_SERVICE = "no_service"
    """The service does not run on that kind of day (a Wednesday without ALSH, a weekend…)."""


@attrs.frozen
class SkippedDay:
    """A day of a period the service does not run on, with the reason and its label.

    Examples:
        >>> SkippedDay(date(2024, 5, 9), SkipReason.PUBLIC_HOLIDAY, "Ascension").reason.value
        'public_holiday'
    """

    day: date = attrs.field(validator=a_date)
    reason: SkipReason = attrs.field(validator=enum_member(SkipReason))
    label: str = attrs.field(validator=identifier)


def _date_tuple(value: Iterable[date]) -> tuple[date, ...]:
    return tuple(value)


def _skipped_tuple(value: Iterable[SkippedDay]) -> tuple[SkippedDay, ...]:
    return tuple(value)


@attrs.frozen
class PeriodExpansion:
    """A period booked at once, expanded: the service days, and every other day with its reason.

    Examples:
        >>> PeriodExpansion((date(2021, 9, 7),), ()).days
        (datetime.date(2021, 9, 7),)
    """

    days: tuple[date, ...] = attrs.field(converter=_date_tuple, validator=tuple_of(date))
    skipped: tuple[SkippedDay, ...] = attrs.field(
        converter=_skipped_tuple, validator=tuple_of(SkippedDay)
    )


SOURCE_KEYS: Final = ("public_holiday", "school_holiday", "closure", "school_day")
"""The questions of a [`DayInfo`][] whose source is reported."""


def _sources(value: Mapping[str, DataSource]) -> Mapping[str, DataSource]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("sources", value, "must be a mapping of question to DataSource")
    return MappingProxyType(dict(value))


def _source_keys(
    _instance: Any, attribute: attrs.Attribute[Any], value: Mapping[str, DataSource]
) -> None:
    if set(value) != set(SOURCE_KEYS):
        raise CalendarError(attribute.name, dict(value), f"needs exactly {', '.join(SOURCE_KEYS)}")
    for key, source in value.items():
        if not isinstance(source, DataSource):
            raise InvalidTypeError(f"{attribute.name}[{key!r}]", source, "must be a DataSource")


@attrs.frozen
class DayInfo:
    """Everything the calendar knows about one day, with the source of each answer.

    Examples:
        >>> from cantine_rules.calendar import SchoolCalendar
        >>> info = SchoolCalendar(Zone.C).day_info(date(2024, 5, 9))
        >>> info.public_holiday, info.school_holiday, info.sources["school_day"].value
        ('Ascension', "Pont de l'Ascension", 'holidays')

    Attributes:
        day: the day.
        school_day: whether the children have school.
        public_holiday: the jour férié's name, or None.
        school_holiday: the school break's name, or None (weekends inside a break included).
        closure: the commune closure's label, or None.
        working_day: jour ouvré (Monday to Friday, not a public holiday).
        sources: which [`DataSource`][] answered ``public_holiday``, ``school_holiday``,
            ``closure`` and ``school_day``.
        extra_open_day: the label of the commune's extra open day, or None.

    """

    day: date = attrs.field(validator=a_date)
    school_day: bool
    public_holiday: str | None = attrs.field(validator=optional_text)
    school_holiday: str | None = attrs.field(validator=optional_text)
    closure: str | None = attrs.field(validator=optional_text)
    working_day: bool
    # A read-only mapping is not hashable; equality still compares it.
    sources: Mapping[str, DataSource] = attrs.field(
        converter=_sources, validator=_source_keys, hash=False
    )
    extra_open_day: str | None = attrs.field(default=None, validator=optional_text)
