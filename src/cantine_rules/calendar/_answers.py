"""The calendar's answers: what a day is and where each answer comes from, school years, periods.

The values [`SchoolCalendar`][cantine_rules.calendar.SchoolCalendar] gives back, kept apart from
the values it is built from (``_model``) so that a process that only asks yes-or-no questions
(is it a school day, which working day is it) never builds their classes.

Examples:
    >>> SchoolYear.containing(date(2025, 3, 14)).label
    '2024-2025'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import a_date, enum_member, identifier, optional_text, tuple_of
from cantine_rules.calendar._model import require_day
from cantine_rules.errors import CalendarError, InvalidTypeError

__all__ = [
    "SOURCE_KEYS",
    "DataSource",
    "DayInfo",
    "PeriodExpansion",
    "SchoolYear",
    "SkipReason",
    "SkippedDay",
]


class DataSource(StrEnum):
    """Where an answer of the calendar comes from."""

    HOLIDAYS_PACKAGE = "holidays"
    """The ``holidays`` package: public holidays, and school holidays where it is trusted."""
    OFFICIAL_DATASET = "official_dataset"
    """The Ministry's « calendrier scolaire »: the dataset a calendar is given
    (data.education.gouv.fr), or the school years before 2017-2018 the package ships from it."""
    COMMUNE = "commune"
    """The commune's own closures and extra open days."""
    SCHOOL_WEEK = "school_week"
    """The commune's school week (4 days, or 4.5 days with Wednesday morning)."""


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


@pickled_by_fields
@attrs.frozen
class DayInfo:
    """Everything the calendar knows about one day, with the source of each answer.

    Examples:
        >>> from cantine_rules.calendar import SchoolCalendar, Zone
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
