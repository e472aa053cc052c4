"""A commune's school calendar: public and school holidays, closures, school and working days.

Everything is computed once, on the calendar's first question, into a table with one entry per
day of the years covered and a sorted array of the working days; each question is then a lookup
or a binary search, never a walk from day to day.

Examples:
    >>> calendar = SchoolCalendar(Zone.C)
    >>> calendar.sub_working_days(date(2024, 5, 13), 2)
    datetime.date(2024, 5, 7)
    >>> calendar.school_holiday(date(2024, 5, 10))
    "Pont de l'Ascension"
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from cantine_rules._validators import enum_member, tuple_of
from cantine_rules.calendar._holiday_table import (
    public_holidays,
    school_holidays,
    shipped_school_calendar,
)
from cantine_rules.calendar._model import (
    FOUR_DAYS,
    WEEKDAY_NAMES,
    Closure,
    ExtraOpenDay,
    SchoolWeek,
    ServiceDays,
    Zone,
    require_day,
    service_days_of,
    to_zone,
)
from cantine_rules.errors import (
    CalendarError,
    InvalidTypeError,
    InvalidValueError,
    OutOfRangeError,
)
from cantine_rules.model import ServiceKind

# The answers that are values of their own (a day's whole record, a period, a school year) and
# the Ministry's dataset are imported where first used: a process that asks only whether a day
# is a school day, or counts working days, never builds their classes.
if TYPE_CHECKING:
    from dateutil.rrule import rrule

    from cantine_rules.calendar._answers import DayInfo, PeriodExpansion, SchoolYear, SkippedDay
    from cantine_rules.calendar._official import OfficialSchoolHolidays

__all__ = ["PACKAGE_SCHOOL_HOLIDAYS", "SHIPPED_SCHOOL_HOLIDAYS", "SchoolCalendar"]

PACKAGE_SCHOOL_HOLIDAYS: Final = (date(2017, 9, 4), date(2028, 8, 31))
"""The days for which the ``holidays`` package's school holidays are trusted. Its data starts
with the 2017-2018 school year, whose first day of class was Monday 4 September 2017 (the
summer break of 2017 before it is not in the package), and the arrêtés it cites go up to
the 2027-2028 school year; its dates after 31 August 2028 are its own extrapolation.
"""

SHIPPED_SCHOOL_HOLIDAYS: Final = (date(2016, 7, 5), date(2028, 8, 31))
"""The days whose school holidays the package ships, zones A, B and C, both days included.

Before [`PACKAGE_SCHOOL_HOLIDAYS`][] the Ministry's own calendar, shipped as
``fr_school_calendar.json`` with its sources and licence: from Tuesday 5 July 2016, the last
day of class of 2015-2016 (« Fin des cours : mardi 5 juillet 2016 »), through the 2016-2017
school year. From Monday 4 September 2017 the ``holidays`` package's. A calendar answers school
questions outside these days only from an [`OfficialSchoolHolidays`][] it is given.
"""

MIN_YEAR: Final = 1900
"""The civil years a calendar may cover."""
MAX_YEAR: Final = 2100

# The Alsace-Moselle departments, and the subdivision of the ``holidays`` package for each:
# « droit local » adds Vendredi saint and the 26 December (Saint-Étienne).
_LOCAL_LAW: Final = MappingProxyType({"57": "57", "67": "6AE", "68": "6AE"})
# 01 to 95, without 20 (Corsica has been 2A and 2B since 1976).
_METROPOLITAN: Final = re.compile(r"^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5])$")
_OWN_SCHOOL_CALENDAR: Final = re.compile(r"^(2[AB]|97[1-6])$")

# One 16-bit word of flags per day.
_PUBLIC: Final = 1 << 0
_SCHOOL_HOLIDAY: Final = 1 << 1
_CLOSURE: Final = 1 << 2
_SCHOOL_DAY: Final = 1 << 3
_WORKING: Final = 1 << 4
_SCHOOL_KNOWN: Final = 1 << 5
_OFFICIAL: Final = 1 << 6
_EXTRA_OPEN: Final = 1 << 7
_RUNS_WEDNESDAYS: Final = 1 << 8
_RUNS_SCHOOL_HOLIDAYS: Final = 1 << 9
# School holidays from the Ministry's calendar shipped with the package (fr_school_calendar.json).
_SHIPPED_MINISTRY: Final = 1 << 10
#: The mask of each kind of service or set of service days asked so far (see SchoolCalendar._mask).
_MASKS: dict[tuple[type, object], int] = {}

_RUNS: Final = MappingProxyType(
    {
        ServiceDays.SCHOOL_DAYS: _SCHOOL_DAY,
        ServiceDays.WEDNESDAYS: _RUNS_WEDNESDAYS,
        ServiceDays.SCHOOL_HOLIDAYS: _RUNS_SCHOOL_HOLIDAYS,
    }
)
_WEDNESDAY: Final = 2
_SATURDAY: Final = 5
_SUNDAY: Final = 6


def _weekday(ordinal: int) -> int:
    # Ordinal 1 (1 January of year 1) was a Monday.
    return (ordinal - 1) % 7


def _year(_instance: Any, attribute: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTypeError(attribute.name, value, "must be an int (a civil year)")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise OutOfRangeError(attribute.name, value, f"must be within {MIN_YEAR}-{MAX_YEAR}")


def _department(_instance: Any, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidTypeError(attribute.name, value, "must be a str such as '57', or None")
    if _OWN_SCHOOL_CALENDAR.match(value):
        raise CalendarError(
            attribute.name, value, "has its own school calendar, outside zones A, B and C"
        )
    if not _METROPOLITAN.match(value):
        raise CalendarError(
            attribute.name, value, "must be a metropolitan department code, '01' to '95'"
        )


def _instance_of(kind: type[Any]) -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidTypeError(attribute.name, value, f"must be a {kind.__name__}")

    return check


def _official_holidays(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    from cantine_rules.calendar._official import OfficialSchoolHolidays  # see the imports

    if not isinstance(value, OfficialSchoolHolidays):
        raise InvalidTypeError(attribute.name, value, "must be a OfficialSchoolHolidays")


def _closure_tuple(value: Iterable[Closure]) -> tuple[Closure, ...]:
    return tuple(value)


def _extra_tuple(value: Iterable[ExtraOpenDay]) -> tuple[ExtraOpenDay, ...]:
    return tuple(value)


def _merged(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Spans of days in order, those that touch or overlap joined into one."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class _Index:
    """The per-day table of one calendar (private; built once, never changed)."""

    __slots__ = (
        "base",
        "closure_names",
        "extra_names",
        "flags",
        "known_spans",
        "public_names",
        "school",
        "school_names",
        "working",
    )

    def __init__(self, base: int, length: int) -> None:
        self.base = base
        self.flags = array("H", [0]) * length
        self.working = array("l")
        self.school = array("l")
        self.public_names: dict[int, str] = {}
        self.school_names: dict[int, str] = {}
        self.closure_names: dict[int, str] = {}
        self.extra_names: dict[int, str] = {}
        self.known_spans: list[tuple[date, date]] = []


def _mark_school_holidays(
    index: _Index, start: date, end: date, days: dict[date, str], source: int
) -> None:
    """Mark the days from *start* to *end* as known, with the holidays of *days* among them."""
    low, high = start.toordinal() - index.base, end.toordinal() - index.base
    for offset in range(low, high + 1):
        index.flags[offset] |= _SCHOOL_KNOWN | source
    for day, name in days.items():
        offset = day.toordinal() - index.base
        if low <= offset <= high:
            index.flags[offset] |= _SCHOOL_HOLIDAY
            index.school_names[offset] = name
    index.known_spans.append((start, end))


@attrs.frozen
class SchoolCalendar:
    """The school calendar of a commune: what kind of day each day is, and working-day arithmetic.

    Attributes:
        zone: the school-holiday zone (a [`Zone`][], or ``"A"``, ``"Zone A"``…).
        department: the department code; ``"57"``, ``"67"`` and ``"68"`` add the
            Alsace-Moselle public holidays (Vendredi saint, 26 décembre).
        closures: the commune's closures (ponts, exceptional closures, strike days).
        extra_open_days: days the commune opens although there would be no school.
        school_week: the weekdays with school ([`FOUR_DAYS`][] by default).
        official_holidays: the Ministry's dataset; it wins over the ``holidays`` package for the
            days it covers.
        first_year, last_year: the civil years covered. Public holidays and working days are
            answered for every day of them; school holidays (and so school days and services)
            only where data is known: see [`SHIPPED_SCHOOL_HOLIDAYS`][].

    Every question about a day outside what is known raises [`OutOfRangeError`][] naming
    the day; a day must be a ``datetime.date``, not a datetime.

    Examples:
        >>> moselle = SchoolCalendar.for_department(Zone.B, "57")
        >>> moselle.public_holiday(date(2024, 3, 29))
        'Vendredi saint'
    """

    zone: Zone = attrs.field(converter=to_zone, validator=enum_member(Zone))
    department: str | None = attrs.field(default=None, validator=_department)
    closures: tuple[Closure, ...] = attrs.field(
        default=(), converter=_closure_tuple, validator=tuple_of(Closure)
    )
    extra_open_days: tuple[ExtraOpenDay, ...] = attrs.field(
        default=(), converter=_extra_tuple, validator=tuple_of(ExtraOpenDay)
    )
    school_week: SchoolWeek = attrs.field(default=FOUR_DAYS, validator=_instance_of(SchoolWeek))
    official_holidays: OfficialSchoolHolidays | None = attrs.field(
        default=None, validator=_official_holidays
    )
    first_year: int = attrs.field(default=2017, validator=_year)
    last_year: int = attrs.field(default=2028, validator=_year)

    def __attrs_post_init__(self) -> None:
        if self.last_year < self.first_year:
            raise CalendarError(
                "last_year", self.last_year, f"must not be before first_year {self.first_year}"
            )
        if self.official_holidays is not None and self.official_holidays.zone is not self.zone:
            raise CalendarError(
                "official_holidays",
                self.official_holidays.zone,
                f"holds zone {self.official_holidays.zone}, not the calendar's zone {self.zone}",
            )
        if self.closures or self.extra_open_days:
            # Checking them needs the table, and their errors belong to building the calendar.
            object.__setattr__(self, "_index", self._build())

    @cached_property
    def _index(self) -> _Index:
        # Built on the first question, not with the calendar: a process that only lists
        # communes, or asks another commune, does not pay for it. It is derived from the fields
        # alone, so it takes no part in equality and is not pickled (attrs keeps a cached
        # property of a slotted class in a slot of its own).
        return self._build()

    @classmethod
    def for_department(cls, zone: Zone | str, department: str, **options: Any) -> SchoolCalendar:
        """The calendar of a commune of *department* in *zone*; other fields as keywords.

        Examples:
            >>> SchoolCalendar.for_department("Zone C", "75").is_public_holiday(date(2024, 3, 29))
            False
        """
        return cls(zone, department, **options)

    # Building the table -------------------------------------------------------------------

    def _build(self) -> _Index:
        first = date(self.first_year, 1, 1)
        last = date(self.last_year, 12, 31)
        index = _Index(first.toordinal(), last.toordinal() - first.toordinal() + 1)
        self._add_public_holidays(index)
        self._add_shipped_school_holidays(index, first, last)
        self._add_official_school_holidays(index, first, last)
        self._add_closures(index)
        self._add_extra_open_days(index)
        self._add_day_kinds(index)
        return index

    def _add_public_holidays(self, index: _Index) -> None:
        subdivision = _LOCAL_LAW.get(self.department) if self.department else None
        public = public_holidays(subdivision, self.first_year, self.last_year)
        for day, name in public.items():
            offset = day.toordinal() - index.base
            if 0 <= offset < len(index.flags):
                index.flags[offset] |= _PUBLIC
                index.public_names[offset] = name

    def _add_shipped_school_holidays(self, index: _Index, first: date, last: date) -> None:
        # The Ministry's calendar shipped for the years before the package's, then the package.
        (ministry_first, ministry_last), ministry_days = shipped_school_calendar(self.zone.value)
        # The two meet on the rentrée of 2017, a school day for both: the package answers it.
        ministry_last = min(ministry_last, PACKAGE_SCHOOL_HOLIDAYS[0] - timedelta(days=1))
        start, end = max(first, ministry_first), min(last, ministry_last)
        if start <= end:
            _mark_school_holidays(index, start, end, ministry_days, _SHIPPED_MINISTRY)
        start = max(first, PACKAGE_SCHOOL_HOLIDAYS[0])
        end = min(last, PACKAGE_SCHOOL_HOLIDAYS[1])
        if start <= end:
            package_days = school_holidays(self.zone.value, start.year, end.year)
            _mark_school_holidays(index, start, end, package_days, 0)

    def _add_official_school_holidays(self, index: _Index, first: date, last: date) -> None:
        if self.official_holidays is None:
            return
        for span_start, span_end in self.official_holidays.coverage:
            start, end = max(first, span_start), min(last, span_end)
            if start > end:
                continue
            for offset in range(start.toordinal() - index.base, end.toordinal() - index.base + 1):
                # The dataset wins over the package for every day it covers.
                index.flags[offset] = (index.flags[offset] & ~_SCHOOL_HOLIDAY) | (
                    _SCHOOL_KNOWN | _OFFICIAL
                )
                index.school_names.pop(offset, None)
            index.known_spans.append((start, end))
        for day, name in self.official_holidays.holidays().items():
            offset = day.toordinal() - index.base
            if 0 <= offset < len(index.flags) and index.flags[offset] & _OFFICIAL:
                index.flags[offset] |= _SCHOOL_HOLIDAY
                index.school_names[offset] = name
        index.known_spans.sort()

    def _add_closures(self, index: _Index) -> None:
        for position, closure in enumerate(self.closures):
            field = f"closures[{position}]"
            offset = closure.day.toordinal() - index.base
            if not 0 <= offset < len(index.flags):
                raise CalendarError(field, closure.day, f"is outside {self._years_text()}")
            if offset in index.closure_names:
                raise CalendarError(field, closure.day, "is closed twice; give one closure a day")
            index.flags[offset] |= _CLOSURE
            index.closure_names[offset] = closure.label

    def _add_extra_open_days(self, index: _Index) -> None:
        for position, extra in enumerate(self.extra_open_days):
            field = f"extra_open_days[{position}]"
            offset = extra.day.toordinal() - index.base
            if not 0 <= offset < len(index.flags):
                raise CalendarError(field, extra.day, f"is outside {self._years_text()}")
            flags = index.flags[offset]
            if not flags & _SCHOOL_KNOWN:
                raise CalendarError(field, extra.day, "has no school-holiday data to check it")
            if flags & _PUBLIC:
                raise CalendarError(field, extra.day, "is a public holiday")
            if flags & _CLOSURE:
                raise CalendarError(field, extra.day, "is also a closure")
            if flags & _EXTRA_OPEN:
                raise CalendarError(field, extra.day, "is listed twice")
            if self._regular_school_day(flags, _weekday(index.base + offset)):
                raise CalendarError(field, extra.day, "is already a school day")
            index.flags[offset] |= _EXTRA_OPEN
            index.extra_names[offset] = extra.label

    def _regular_school_day(self, flags: int, weekday: int) -> bool:
        return (
            bool(flags & _SCHOOL_KNOWN)
            and not flags & (_PUBLIC | _CLOSURE | _SCHOOL_HOLIDAY)
            and self.school_week.has_school(weekday)
        )

    def _day_kinds(self, flags: int, weekday: int) -> int:
        """A day's flags with its kinds added: working day, school day, the services it runs."""
        if weekday < _SATURDAY and not flags & _PUBLIC:
            flags |= _WORKING
        if flags & _EXTRA_OPEN or self._regular_school_day(flags, weekday):
            flags |= _SCHOOL_DAY
        if flags & _SCHOOL_KNOWN and not flags & (_PUBLIC | _CLOSURE | _SCHOOL_DAY):
            if flags & _SCHOOL_HOLIDAY:
                if weekday < _SATURDAY:
                    flags |= _RUNS_SCHOOL_HOLIDAYS
            elif weekday == _WEDNESDAY:
                flags |= _RUNS_WEDNESDAYS
        return flags

    def _add_day_kinds(self, index: _Index) -> None:
        table, base = index.flags, index.base
        # A day's kinds depend only on its flags so far and its weekday, and a calendar has few
        # distinct flags: each is worked out once per weekday, then every seventh day rewritten.
        for weekday in range(7):
            start = (weekday - _weekday(base)) % 7
            days = table[start::7]
            kinds = {flags: self._day_kinds(flags, weekday) for flags in set(days)}
            table[start::7] = array("H", map(kinds.__getitem__, days))
        index.working.extend(
            base + offset for offset, flags in enumerate(table) if flags & _WORKING
        )
        index.school.extend(
            base + offset for offset, flags in enumerate(table) if flags & _SCHOOL_DAY
        )

    # Looking days up ----------------------------------------------------------------------

    def _years_text(self) -> str:
        return f"the calendar's years {self.first_year}-{self.last_year}"

    def _offset(self, day: object, field: str = "day") -> int:
        checked = day if type(day) is date else require_day(day, field)
        offset = checked.toordinal() - self._index.base
        if not 0 <= offset < len(self._index.flags):
            raise OutOfRangeError(field, day, f"is outside {self._years_text()}")
        return offset

    def _known_offset(self, day: object, field: str = "day") -> int:
        offset = self._offset(day, field)
        if not self._index.flags[offset] & _SCHOOL_KNOWN:
            known = _merged(self._index.known_spans)
            spans = ", ".join(f"{a} to {b}" for a, b in known) or "none"
            shipped_first, shipped_last = SHIPPED_SCHOOL_HOLIDAYS
            raise OutOfRangeError(
                field,
                day,
                f"has no school-holiday data (known: {spans}; the package ships school holidays "
                f"from {shipped_first} to {shipped_last}); load an OfficialSchoolHolidays that "
                "covers it",
            )
        return offset

    def _known_range(self, start: object, end: object) -> range:
        low = self._known_offset(start, "start")
        high = self._known_offset(end, "end")
        if high < low:
            raise CalendarError("end", end, f"is before start {start}")
        for offset in range(low, high + 1):
            if not self._index.flags[offset] & _SCHOOL_KNOWN:
                self._known_offset(date.fromordinal(self._index.base + offset))
        return range(low, high + 1)

    def knows_school_holidays(self, day: date) -> bool:
        """True when school holidays (and so school days and services) are known for *day*.

        Examples:
            >>> SchoolCalendar(Zone.A).knows_school_holidays(date(2028, 9, 1))
            False
        """
        return bool(self._index.flags[self._offset(day)] & _SCHOOL_KNOWN)

    def public_holiday(self, day: date) -> str | None:
        """The name of the jour férié on *day*, in French, or None.

        Examples:
            >>> SchoolCalendar(Zone.A).public_holiday(date(2024, 5, 9))
            'Ascension'
        """
        return self._index.public_names.get(self._offset(day))

    def is_public_holiday(self, day: date) -> bool:
        """True when *day* is a jour férié (Alsace-Moselle ones included for 57, 67 and 68)."""
        return bool(self._index.flags[self._offset(day)] & _PUBLIC)

    def school_holiday(self, day: date) -> str | None:
        """The school break *day* falls in (weekends inside a break included), or None.

        Examples:
            >>> SchoolCalendar(Zone.C).school_holiday(date(2025, 8, 31))
            "Vacances d'été"
        """
        return self._index.school_names.get(self._known_offset(day))

    def closure(self, day: date) -> str | None:
        """The label of the commune's closure on *day*, or None."""
        return self._index.closure_names.get(self._offset(day))

    def closed_reason(self, day: date) -> str | None:
        """What stops a service on *day*: a closure, else a public holiday, else a school break.

        None when nothing does (a weekend outside the holidays, say).

        Examples:
            >>> SchoolCalendar(Zone.C).closed_reason(date(2024, 11, 11))
            'Armistice'
        """
        return self.closure(day) or self.public_holiday(day) or self.school_holiday(day)

    def closed_reasons(self, start: date, end: date) -> tuple[str | None, ...]:
        """[`closed_reason`][] of each day from *start* to *end* (both included), in one pass.

        Examples:
            >>> SchoolCalendar(Zone.C).closed_reasons(date(2024, 11, 10), date(2024, 11, 12))
            (None, 'Armistice', None)
        """
        index = self._index
        closures, public, school = index.closure_names, index.public_names, index.school_names
        return tuple(
            closures.get(offset) or public.get(offset) or school.get(offset)
            for offset in self._known_range(start, end)
        )

    def is_school_day(self, day: date) -> bool:
        """True when children have school on *day*.

        A school day is a weekday of the school week that is neither a public holiday, nor in
        the school holidays, nor a closure; or one of the commune's extra open days.

        Examples:
            >>> SchoolCalendar(Zone.C).is_school_day(date(2025, 9, 1))
            True
        """
        return bool(self._index.flags[self._known_offset(day)] & _SCHOOL_DAY)

    def is_working_day(self, day: date) -> bool:
        """True for a jour ouvré: Monday to Friday, not a public holiday.

        Closures and school holidays do not change working days: the town hall still works.
        """
        return bool(self._index.flags[self._offset(day)] & _WORKING)

    def is_ouvrable_day(self, day: date) -> bool:
        """True for a jour ouvrable: Monday to Saturday, not a public holiday."""
        offset = self._offset(day)
        return (
            _weekday(self._index.base + offset) != _SUNDAY
            and not self._index.flags[offset] & _PUBLIC
        )

    # Working-day arithmetic ---------------------------------------------------------------

    def add_working_days(self, day: date, n: int) -> date:
        """The *n*-th working day after *day* (before it when *n* is negative).

        The count starts on the day after *day*, which need not be a working day itself; for
        ``n == 0`` the answer is *day*. These are exactly the semantics of workalendar's
        ``add_working_days``.

        Examples:
            >>> SchoolCalendar(Zone.A).add_working_days(date(2024, 5, 7), 2)  # over Ascension
            datetime.date(2024, 5, 13)
        """
        offset = self._offset(day)
        _require_count(n)
        return self._working_day(day, self._index.base + offset, n)

    def sub_working_days(self, day: date, n: int) -> date:
        """The *n*-th working day before *day*; the sign of *n* is ignored, as in workalendar.

        Seed 002 counts deadlines back from the service day: 2 working days before a Thursday
        is the Tuesday, and 2 before a Monday is the previous Thursday.

        Examples:
            >>> SchoolCalendar(Zone.C).sub_working_days(date(2024, 5, 13), 2)  # Ascension on 9 May
            datetime.date(2024, 5, 7)
        """
        _require_count(n)
        return self._working_day(day, self._index.base + self._offset(day), -abs(n))

    def sub_working_days_many(self, days: Iterable[date], n: int) -> tuple[date, ...]:
        """The *n*-th working day before each of *days*, in order: ``sub_working_days`` of each.

        *n* is checked once, and each day with little more than the look-up itself: the deadline
        days of a term at once.

        Raises:
            InvalidTypeError: *n* is not an int, or a day is not a ``datetime.date`` (the error
                names ``days[i]``).
            OutOfRangeError: a day, or the count from it, leaves the calendar's years.

        Examples:
            >>> zone_c = SchoolCalendar(Zone.C)
            >>> zone_c.sub_working_days_many([date(2024, 5, 13), date(2024, 5, 16)], 2)
            (datetime.date(2024, 5, 7), datetime.date(2024, 5, 14))
        """
        _require_count(n)
        step = -abs(n)
        base, size = self._index.base, len(self._index.flags)
        answers = []
        for index, day in enumerate(days):
            ordinal = day.toordinal() if type(day) is date else -1
            if not 0 <= ordinal - base < size:
                # Not a plain date, or out of range: checked as one day, for its error.
                ordinal = base + self._offset(day, f"days[{index}]")
            answers.append(self._working_day(day, ordinal, step))
        return tuple(answers)

    def _working_day(self, day: date, ordinal: int, n: int) -> date:
        """The *n*-th working day from *day*, whose ordinal is *ordinal* (both checked)."""
        if n == 0:
            return day
        working = self._index.working
        if n > 0:
            position = bisect_right(working, ordinal) + n - 1
        else:
            position = bisect_left(working, ordinal) + n
        if not 0 <= position < len(working):
            raise OutOfRangeError(
                "n", n, f"counting {n} working days from {day} leaves {self._years_text()}"
            )
        return date.fromordinal(working[position])

    def sub_school_days(self, day: date, n: int) -> date:
        """The *n*-th school day before *day* (``n >= 1``); *day* need not be a school day.

        School days are the days children have class (see [`is_school_day`][]): the
        school week less public holidays, school holidays and closures, plus extra open days.
        « La veille (jour d'école) » of the first day back after a break is the last day of
        class before it.

        Raises:
            InvalidValueError: *n* is not a whole number of one or more.
            OutOfRangeError: the count reaches a day whose school holidays are not known.

        Examples:
            >>> zone_c = SchoolCalendar(Zone.C)
            >>> zone_c.sub_school_days(date(2024, 11, 4), 1)  # back from the Toussaint break
            datetime.date(2024, 10, 18)
            >>> zone_c.sub_school_days(date(2024, 5, 13), 1)  # Ascension and its pont
            datetime.date(2024, 5, 7)
        """
        offset = self._known_offset(day)
        if not isinstance(n, int) or isinstance(n, bool):
            raise InvalidTypeError("n", n, "must be an int number of school days")
        if n < 1:
            raise InvalidValueError("n", n, "must be one or more school days")
        school, ordinal = self._index.school, self._index.base + offset
        position = bisect_left(school, ordinal) - n
        if position < 0:
            raise OutOfRangeError(
                "n", n, f"counting {n} school days back from {day} leaves the known school days"
            )
        found = date.fromordinal(school[position])
        # Every day between must be known: a gap in the school-holiday data would hide days.
        self._known_range(found, day)
        return found

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days *d* with ``start < d <= end``; negative when end < start.

        This is workalendar's ``get_working_days_delta(start, end)`` when ``start <= end``; with
        the dates the other way round the count is the same but negative, so that
        ``working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)``.

        Examples:
            >>> SchoolCalendar(Zone.B).working_days_between(date(2024, 5, 7), date(2024, 5, 13))
            2
        """
        low, high = self._offset(start, "start"), self._offset(end, "end")
        working, base = self._index.working, self._index.base
        return bisect_right(working, base + high) - bisect_right(working, base + low)

    def school_year(self, day: date) -> SchoolYear:
        """The school year (1 September to 31 August) *day* belongs to.

        Examples:
            >>> SchoolCalendar(Zone.A).school_year(date(2024, 9, 2)).label
            '2024-2025'
        """
        from cantine_rules.calendar._answers import SchoolYear  # see the imports

        self._offset(day)
        return SchoolYear.containing(day)

    # Services -----------------------------------------------------------------------------

    @staticmethod
    def _mask(service_days: ServiceKind | frozenset[ServiceDays]) -> int:
        # The same few kinds and sets of days are asked on every call: each mask is worked out
        # (and its days checked) once. The type is part of the key, as the string "meal" equals
        # ServiceKind.MEAL but is refused; anything unhashable is checked, and refused, each time.
        key = (type(service_days), service_days)
        try:
            return _MASKS[key]
        except (KeyError, TypeError):
            pass
        mask = 0
        for kind in service_days_of(service_days):
            mask |= _RUNS[kind]
        _MASKS[key] = mask
        return mask

    def runs(self, service_days: ServiceKind | frozenset[ServiceDays], day: date) -> bool:
        """True when a service running on *service_days* runs on *day*.

        *service_days* is a [`ServiceKind`][] (its [`DEFAULT_SERVICE_DAYS`][]) or a set of
        [`ServiceDays`][]. No service runs on a public holiday or a closure.

        Examples:
            >>> SchoolCalendar(Zone.C).runs(ServiceKind.HOLIDAY_CENTRE, date(2025, 7, 14))
            False
        """
        mask = self._mask(service_days)
        return bool(self._index.flags[self._known_offset(day)] & mask)

    def service_weekdays(
        self, service_days: ServiceKind | frozenset[ServiceDays]
    ) -> frozenset[int]:
        """The weekdays (0=Monday) on which a service running on *service_days* ever runs.

        Read from every day of the calendar's years: a rule given by weekday must answer for
        each of these.

        Examples:
            >>> sorted(SchoolCalendar(Zone.C).service_weekdays(ServiceKind.MEAL))
            [0, 1, 3, 4]
        """
        mask = self._mask(service_days)
        table, base = self._index.flags, self._index.base
        return frozenset(
            weekday
            for weekday in range(7)
            if any(flags & mask for flags in table[(weekday - _weekday(base)) % 7 :: 7])
        )

    def service_days(
        self, service_days: ServiceKind | frozenset[ServiceDays], start: date, end: date
    ) -> tuple[date, ...]:
        """The days from *start* to *end* (both included) on which the service runs.

        Examples:
            >>> len(SchoolCalendar(Zone.C).service_days(ServiceKind.MEAL, date(2024, 9, 2),
            ...                                         date(2024, 9, 8)))
            4
        """
        mask = self._mask(service_days)
        flags, base = self._index.flags, self._index.base
        return tuple(
            date.fromordinal(base + offset)
            for offset in self._known_range(start, end)
            if flags[offset] & mask
        )

    def expand(
        self,
        service_days: ServiceKind | frozenset[ServiceDays],
        start: date,
        end: date,
        weekdays: frozenset[int] | None = None,
        rule: rrule | None = None,
    ) -> PeriodExpansion:
        """Expand a booking for a period into its service days, and say why other days are not.

        The candidate days are the days from *start* to *end* (both included), kept when their
        weekday is in *weekdays* (0=Monday) and when *rule* (a ``dateutil`` rrule) has an
        occurrence on them; with neither, every day is a candidate. Each candidate is a service
        day, or a [`SkippedDay`][] whose reason is, in this order: a public holiday, a
        closure, the school holidays (for a day the service would otherwise have run), or
        [`SkipReason.NO_SERVICE`][].

        Seed 002: « J'ouvre pour la période du 01/09/2021 au 04/07/2022, si je coche
        périscolaire soir le mardi, cela signifie que mon enfant sera inscrit tous les mardis de
        l'année. »

        Examples:
            >>> period = SchoolCalendar(Zone.B).expand(
            ...     ServiceKind.EVENING_CARE, date(2021, 9, 1), date(2022, 7, 4), frozenset({1}))
            >>> period.days[0], period.skipped[0].label
            (datetime.date(2021, 9, 7), 'Vacances de la Toussaint')
        """
        from cantine_rules.calendar._answers import PeriodExpansion  # see the imports

        kinds = service_days_of(service_days)
        mask = self._mask(kinds)
        offsets = self._known_range(start, end)
        allowed = _check_weekdays(weekdays)
        rule_days = _rule_days(rule, require_day(start, "start"), require_day(end, "end"))
        flags, base = self._index.flags, self._index.base
        days: list[date] = []
        skipped: list[SkippedDay] = []
        for offset in offsets:
            ordinal = base + offset
            weekday = _weekday(ordinal)
            if allowed is not None and weekday not in allowed:
                continue
            if rule_days is not None and ordinal not in rule_days:
                continue
            if flags[offset] & mask:
                days.append(date.fromordinal(ordinal))
            else:
                skipped.append(self._skipped(offset, weekday, kinds))
        return PeriodExpansion(days, skipped)

    def _skipped(self, offset: int, weekday: int, kinds: frozenset[ServiceDays]) -> SkippedDay:
        from cantine_rules.calendar._answers import SkippedDay, SkipReason  # see the imports

        index = self._index
        day = date.fromordinal(index.base + offset)
        flags = index.flags[offset]
        if flags & _PUBLIC:
            return SkippedDay(day, SkipReason.PUBLIC_HOLIDAY, index.public_names[offset])
        if flags & _CLOSURE:
            return SkippedDay(day, SkipReason.CLOSURE, index.closure_names[offset])
        if flags & _SCHOOL_HOLIDAY and self._would_run(kinds, weekday):
            return SkippedDay(day, SkipReason.SCHOOL_HOLIDAY, index.school_names[offset])
        return SkippedDay(
            day, SkipReason.NO_SERVICE, f"Service non assuré ce {WEEKDAY_NAMES[weekday]}"
        )

    def _would_run(self, kinds: frozenset[ServiceDays], weekday: int) -> bool:
        # Whether the service runs on this weekday outside the school holidays.
        if ServiceDays.SCHOOL_DAYS in kinds and self.school_week.has_school(weekday):
            return True
        return ServiceDays.WEDNESDAYS in kinds and weekday == _WEDNESDAY

    # Whole days ---------------------------------------------------------------------------

    def day_info(self, day: date) -> DayInfo:
        """Everything known about *day*, with the source of each answer.

        Examples:
            >>> info = SchoolCalendar(Zone.C).day_info(date(2024, 5, 10))
            >>> info.school_day, info.school_holiday, info.sources["school_day"].value
            (False, "Pont de l'Ascension", 'holidays')
        """
        return self._day_info(self._known_offset(day))

    def days(self, start: date, end: date) -> tuple[DayInfo, ...]:
        """[`day_info`][] for every day from *start* to *end*, both included."""
        return tuple(self._day_info(offset) for offset in self._known_range(start, end))

    def _day_info(self, offset: int) -> DayInfo:
        from cantine_rules.calendar._answers import DataSource, DayInfo  # see the imports

        index = self._index
        flags = index.flags[offset]
        school_source = (
            DataSource.OFFICIAL_DATASET
            if flags & (_OFFICIAL | _SHIPPED_MINISTRY)
            else DataSource.HOLIDAYS_PACKAGE
        )
        # The source that decided, in the order period expansion gives its reasons.
        if flags & _EXTRA_OPEN:
            school_day_source = DataSource.COMMUNE
        elif flags & _PUBLIC:
            school_day_source = DataSource.HOLIDAYS_PACKAGE
        elif flags & _CLOSURE:
            school_day_source = DataSource.COMMUNE
        elif flags & _SCHOOL_HOLIDAY:
            school_day_source = school_source
        else:
            school_day_source = DataSource.SCHOOL_WEEK
        return DayInfo(
            day=date.fromordinal(index.base + offset),
            school_day=bool(flags & _SCHOOL_DAY),
            public_holiday=index.public_names.get(offset),
            school_holiday=index.school_names.get(offset),
            closure=index.closure_names.get(offset),
            working_day=bool(flags & _WORKING),
            sources={
                "public_holiday": DataSource.HOLIDAYS_PACKAGE,
                "school_holiday": school_source,
                "closure": DataSource.COMMUNE,
                "school_day": school_day_source,
            },
            extra_open_day=index.extra_names.get(offset),
        )


def _require_count(n: object) -> None:
    """Refuse *n* unless it is an int (not a bool): a number of working days."""
    if type(n) is not int and (not isinstance(n, int) or isinstance(n, bool)):
        raise InvalidTypeError("n", n, "must be an int number of working days")


def _check_weekdays(weekdays: object) -> frozenset[int] | None:
    if weekdays is None:
        return None
    if not isinstance(weekdays, frozenset):
        raise InvalidTypeError("weekdays", weekdays, "must be a frozenset of ints, 0=Monday")
    for weekday in weekdays:
        if not isinstance(weekday, int) or isinstance(weekday, bool) or not 0 <= weekday <= 6:
            raise InvalidTypeError("weekdays", weekday, "weekdays are ints from 0 (Monday) to 6")
    return weekdays


def _rule_days(rule: object, start: date, end: date) -> frozenset[int] | None:
    if rule is None:
        return None
    # dateutil is imported only for a period given as a rule: most processes never need it.
    from dateutil.rrule import rrule

    if not isinstance(rule, rrule):
        raise InvalidTypeError("rule", rule, "must be a dateutil.rrule.rrule")
    found: set[int] = set()
    # Occurrences come in order; the rule's own time zone, if any, does not matter for days.
    for occurrence in rule:
        day = occurrence.date()
        if day > end:
            break
        if day >= start:
            found.add(day.toordinal())
    return frozenset(found)
