r"""School holidays read from the Ministry's open data, « Le calendrier scolaire ».

The dataset ``fr-en-calendrier-scolaire`` (data.education.gouv.fr) has one row per break, per
académie and per population, exported as CSV with ``;`` between columns:

    description;population;start_date;end_date;location;zones;annee_scolaire

(the portal's French labels ``Description;Population;Date de début;Date de fin;Académies;Zones``
are accepted too). Its dates are stamps of Paris midnights written in UTC
(``2025-10-17T22:00:00+00:00`` is Saturday 18 October 2025 in Paris). The dataset says how to read
them: « Le départ en vacances a lieu après la classe des jours indiqués. La reprise des cours
s'effectue le matin des jours indiqués. » So a break's first day off is the day *after* its start
date, and its end date is a school day. Rows for teachers (population « Enseignants ») and for
other zones are ignored.

Examples:
    >>> text = (
    ...     "description;population;start_date;end_date;location;zones;annee_scolaire\n"
    ...     "Vacances de la Toussaint;Élèves;2025-10-17T22:00:00+00:00;2025-11-02T23:00:00+00:00;"
    ...     "Lyon;Zone A;2025-2026\n"
    ... )
    >>> official = OfficialSchoolHolidays.from_csv(text, Zone.A)
    >>> official.school_holiday(date(2025, 10, 20)), official.school_holiday(date(2025, 11, 3))
    ('Vacances de la Toussaint', None)
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from os import PathLike
from types import MappingProxyType
from typing import Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._time import EUROPE_PARIS
from cantine_rules._validators import a_date, enum_member, identifier, optional_date, tuple_of
from cantine_rules.calendar._model import Zone, days_off, require_day, to_zone, zone_or_none
from cantine_rules.errors import CalendarError, InvalidTypeError, OutOfRangeError

__all__ = ["OfficialBreak", "OfficialSchoolHolidays", "load_official_school_holidays"]

# The API's field names, and the labels of the portal's CSV export, for the columns we read.
_COLUMNS: Final = {
    "description": "description",
    "population": "population",
    "start_date": "start_date",
    "date de début": "start_date",
    "end_date": "end_date",
    "date de fin": "end_date",
    "location": "location",
    "académies": "location",
    "academies": "location",
    "zones": "zones",
    "annee_scolaire": "annee_scolaire",
    "année scolaire": "annee_scolaire",
}
_REQUIRED: Final = ("description", "population", "start_date", "end_date", "zones")
_SCHOOL_YEAR: Final = re.compile(r"^(\d{4})-(\d{4})$")


def _resumption(
    instance: OfficialBreak, _attribute: attrs.Attribute[date | None], end: date | None
) -> None:
    if end is not None and end <= instance.after_class_on:
        raise CalendarError("resumption", end, f"must be after {instance.after_class_on}")


def _school_year_field(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _school_year_start(value, attribute.name)


@attrs.frozen
class OfficialBreak:
    """One break of the official calendar, as the dataset states it.

    Attributes:
        label: the dataset's description (« Vacances de la Toussaint »).
        school_year: the dataset's ``annee_scolaire`` (``"2025-2026"``).
        after_class_on: the start date: the break begins after class on this day.
        resumption: the end date: classes resume on the morning of this day; None when the
            dataset only announces the start (« Début des Vacances d'Été »).

    Examples:
        >>> OfficialBreak("Vacances de la Toussaint", "2025-2026", date(2025, 10, 18),
        ...               date(2025, 11, 3)).first_day
        datetime.date(2025, 10, 19)
    """

    label: str = attrs.field(validator=identifier)
    school_year: str = attrs.field(validator=[identifier, _school_year_field])
    after_class_on: date = attrs.field(validator=a_date)
    resumption: date | None = attrs.field(validator=[optional_date, _resumption])

    @property
    def first_day(self) -> date:
        """The first day off: the day after the start date."""
        return self.after_class_on + timedelta(days=1)

    @property
    def last_day(self) -> date | None:
        """The last day off (the eve of the resumption), or None when the end is not known."""
        return None if self.resumption is None else self.resumption - timedelta(days=1)

    @property
    def known_until(self) -> date:
        """The last day this row vouches for: the resumption day, else the start date."""
        return self.after_class_on if self.resumption is None else self.resumption


def _break_tuple(value: Iterable[OfficialBreak]) -> tuple[OfficialBreak, ...]:
    return tuple(sorted(value, key=lambda b: (b.after_class_on, b.label)))


@pickled_by_fields
@attrs.frozen
class OfficialSchoolHolidays:
    """The official breaks of one zone, and the days they vouch for.

    The dataset vouches for a school year from its first break's start date to its last break's
    resumption day, and for the term days between two school years it holds one after the other.
    Outside those days it says nothing, and [`school_holiday`][] raises.

    Examples:
        >>> OfficialSchoolHolidays(Zone.C).coverage
        ()
    """

    zone: Zone = attrs.field(converter=to_zone, validator=enum_member(Zone))
    breaks: tuple[OfficialBreak, ...] = attrs.field(
        default=(), converter=_break_tuple, validator=tuple_of(OfficialBreak)
    )

    @classmethod
    def from_csv(
        cls, text: str, zone: Zone | str, *, academy: str | None = None
    ) -> OfficialSchoolHolidays:
        """Read the text of the dataset's CSV export, keeping the pupils' breaks of *zone*.

        Args:
            text: the whole CSV text (``;`` or ``,`` separated; a byte-order mark is ignored).
            zone: the zone whose rows to keep (a Zone, or ``"Zone A"``…); others are ignored.
            academy: keep only this académie's rows (needed if académies of the zone differ).

        Raises:
            CalendarError: a missing column, a date or school year that cannot be read, or two
                rows of the zone that give the same break different dates.

        """
        if not isinstance(text, str):
            raise InvalidTypeError("text", text, "must be the CSV text as a str")
        wanted_zone = to_zone(zone)
        wanted_academy = None if academy is None else academy.strip().casefold()
        seen: dict[tuple[str, str], tuple[OfficialBreak, int]] = {}
        for line, row in _rows(text):
            population = row["population"].strip().casefold()
            if population.startswith("enseignant"):
                continue
            if zone_or_none(row["zones"]) is not wanted_zone:
                continue
            if wanted_academy is not None and row["location"].strip().casefold() != wanted_academy:
                continue
            official_break = _break(line, row)
            key = (official_break.school_year, official_break.label)
            earlier = seen.get(key)
            if earlier is not None and earlier[0] != official_break:
                raise CalendarError(
                    f"line {line}",
                    row["location"],
                    f"gives {official_break.label} {official_break.school_year} other dates than "
                    f"line {earlier[1]}; choose one académie with academy=...",
                )
            seen.setdefault(key, (official_break, line))
        return cls(wanted_zone, (found for found, _line in seen.values()))

    # Derived once from the breaks, so that each question is a lookup.
    _coverage: tuple[tuple[date, date], ...] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _days: Mapping[date, str] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_coverage", _coverage(self.breaks))
        object.__setattr__(self, "_days", MappingProxyType(_days_off(self.breaks)))

    @property
    def coverage(self) -> tuple[tuple[date, date], ...]:
        """The spans of days (first, last, both included) the dataset vouches for, in order."""
        return self._coverage

    def covers(self, day: date) -> bool:
        """True when the dataset vouches for *day*."""
        day = require_day(day, "day")
        return any(first <= day <= last for first, last in self._coverage)

    def school_holiday(self, day: date) -> str | None:
        """The break *day* falls in, or None; OutOfRangeError if the dataset does not cover it."""
        if not self.covers(day):
            raise OutOfRangeError("day", day, "the official dataset loaded does not cover this day")
        return self._days.get(day)

    def holidays(self) -> Mapping[date, str]:
        """Every day off of every break, with the break's label (weekends included)."""
        return self._days


def _coverage(breaks: tuple[OfficialBreak, ...]) -> tuple[tuple[date, date], ...]:
    by_year: dict[int, list[OfficialBreak]] = {}
    for official_break in breaks:
        by_year.setdefault(_school_year_start(official_break.school_year), []).append(
            official_break
        )
    spans: list[tuple[date, date]] = []
    previous: tuple[int, OfficialBreak] | None = None
    for year in sorted(by_year):
        first = min(b.after_class_on for b in by_year[year])
        last_break = max(by_year[year], key=lambda b: b.known_until)
        if previous is not None and previous[0] == year - 1 and previous[1].resumption is not None:
            # The previous school year ends with its summer break, at this year's rentrée; the
            # term days from there to this year's first break have no holiday.
            spans[-1] = (spans[-1][0], last_break.known_until)
        else:
            spans.append((first, last_break.known_until))
        previous = (year, last_break)
    return tuple(spans)


def _days_off(breaks: tuple[OfficialBreak, ...]) -> dict[date, str]:
    days: dict[date, str] = {}
    for official_break in breaks:
        if official_break.resumption is None:
            continue
        for day in days_off(official_break.after_class_on, official_break.resumption):
            days.setdefault(day, official_break.label)
    return days


def load_official_school_holidays(
    path: str | PathLike[str], zone: Zone | str, *, academy: str | None = None
) -> OfficialSchoolHolidays:
    """Read the dataset's CSV export from the file at *path* (UTF-8), as `from_csv` does.

    See [`OfficialSchoolHolidays.from_csv`][].

    The one function of the calendar that reads a file, so that the rules stay free of I/O.

    Examples:
        >>> load_official_school_holidays  # doctest: +ELLIPSIS
        <function load_official_school_holidays at ...>
    """
    # pathlib and csv are imported where they are used: a process that never reads the
    # dataset (most do not) does not pay for loading them.
    from pathlib import Path

    return OfficialSchoolHolidays.from_csv(
        Path(path).read_text(encoding="utf-8-sig"), zone, academy=academy
    )


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    import csv  # only here: see load_official_school_holidays()

    text = text.removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header_line else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise CalendarError("text", text, "is empty; expected the dataset's CSV export")
    names = [_COLUMNS.get(column.strip().casefold(), "") for column in header]
    missing = [column for column in _REQUIRED if column not in names]
    if missing:
        raise CalendarError("header", header_line, f"missing column(s) {', '.join(missing)}")
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        # Line numbers count the header as line 1, as a spreadsheet shows them.
        if len(cells) != len(names):
            raise CalendarError(
                f"line {reader.line_num}",
                delimiter.join(cells),
                f"has {len(cells)} cells where the header has {len(names)}",
            )
        # Optional columns the export lacks read as empty cells.
        row = dict.fromkeys(_COLUMNS.values(), "")
        row.update((name, cell) for name, cell in zip(names, cells, strict=True) if name)
        yield reader.line_num, row


def _break(line: int, row: dict[str, str]) -> OfficialBreak:
    label = row["description"].strip()
    if not label:
        raise CalendarError(f"line {line}.description", row["description"], "is empty")
    start = _paris_day(row["start_date"], f"line {line}.start_date")
    end = _paris_day(row["end_date"], f"line {line}.end_date")
    school_year = row["annee_scolaire"].strip() or _school_year_label(start)
    _school_year_start(school_year, f"line {line}.annee_scolaire")
    # « Début des Vacances d'Été » rows give the same day twice: the end is not yet published.
    resumption = None if end == start else end
    if resumption is not None and resumption < start:
        raise CalendarError(f"line {line}.end_date", row["end_date"], "is before the start date")
    return OfficialBreak(label, school_year, start, resumption)


def _paris_day(text: str, field: str) -> date:
    value = text.strip()
    try:
        if "T" in value or " " in value:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                moment = moment.astimezone(EUROPE_PARIS)
            return moment.date()
        return date.fromisoformat(value)
    except ValueError:
        raise CalendarError(field, text, "is not an ISO date or date-time") from None


def _school_year_label(day: date) -> str:
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def _school_year_start(label: str, field: str = "school_year") -> int:
    match = _SCHOOL_YEAR.match(label)
    if match is None or int(match[2]) != int(match[1]) + 1:
        raise CalendarError(field, label, "must be a school year such as '2025-2026'")
    return int(match[1])
