"""The French public and school holidays, read from a table shipped with the package.

Computing them with the ``holidays`` package costs a process a quarter of a second (one look-up
imports every country module, then each year is computed), which a command answering one
question cannot afford. ``fr_holidays.json`` holds what ``holidays`` gives for France: the
public holidays of 1990 to 2040 (nationwide, and with Alsace-Moselle's « droit local » for the
subdivisions ``57`` and ``6AE``) and the school holidays of zones A, B and C for the years of
[`PACKAGE_SCHOOL_HOLIDAYS`][cantine_rules.calendar.PACKAGE_SCHOOL_HOLIDAYS]. It is written by
``tools/holiday_table.py`` and a test checks it day by day against the installed ``holidays``.
Years outside the table are asked of ``holidays`` itself, imported only then.

``holidays`` has no school holidays before the 2017-2018 school year. ``fr_school_calendar.json``
holds the Ministry's own calendar for the years before (the summer of 2016 and the 2016-2017
school year, by zone), written by hand from the arrêté, with its sources and licence in the file.

Examples:
    >>> from datetime import date
    >>> public_holidays(None, 2024, 2024)[date(2024, 7, 14)]
    'Fête nationale'
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from functools import cache
from typing import Any, Final

from cantine_rules.calendar._model import days_off
from cantine_rules.errors import CalendarError

__all__ = [
    "SCHOOL_CALENDAR_FILE",
    "TABLE_FILE",
    "computed_holidays",
    "public_holidays",
    "school_holidays",
    "shipped_school_calendar",
]

TABLE_FILE: Final = "fr_holidays.json"
"""The name of the table, beside this module."""

SCHOOL_CALENDAR_FILE: Final = "fr_school_calendar.json"
"""The name of the Ministry's calendar for the years before ``holidays``', beside this module."""

_NATIONAL: Final = "FR"


def _shipped(name: str) -> dict[str, Any]:
    # The loader that imported this module reads the file beside it, from a folder or a zip
    # archive alike: importlib.resources would do the same, but importing it costs a process
    # more than reading the table.
    path = os.path.join(os.path.dirname(__file__), name)
    data = __spec__.loader.get_data(path)  # type: ignore[union-attr]
    table: dict[str, Any] = json.loads(data.decode("utf-8"))
    return table


@cache
def _table() -> dict[str, Any]:
    return _shipped(TABLE_FILE)


@cache
def _school_calendar() -> dict[str, Any]:
    return _shipped(SCHOOL_CALENDAR_FILE)


def _expand(runs: list[list[Any]], first_year: int, last_year: int) -> dict[date, str]:
    """The days of *runs* (``[first day, day count, name]``) that fall in the years asked."""
    days: dict[date, str] = {}
    one_day = timedelta(days=1)
    for first, count, name in runs:
        day = date.fromisoformat(first)
        for _ in range(count):
            if first_year <= day.year <= last_year:
                days[day] = name
            day += one_day
    return days


def _covers(years: list[int], first_year: int, last_year: int) -> bool:
    return years[0] <= first_year and last_year <= years[1]


def public_holidays(subdivision: str | None, first_year: int, last_year: int) -> dict[date, str]:
    """The public holidays of France (or of the subdivision ``57`` or ``6AE``), by day, in French.

    Examples:
        >>> from datetime import date
        >>> date(2024, 3, 29) in public_holidays("57", 2024, 2024)
        True
    """
    return _shipped_or_computed(
        "public", subdivision or _NATIONAL, subdivision, (), first_year, last_year
    )


def school_holidays(zone: str, first_year: int, last_year: int) -> dict[date, str]:
    """The school holidays of zone *zone* (``"A"``, ``"B"`` or ``"C"``), by day, in French.

    Examples:
        >>> from datetime import date
        >>> school_holidays("C", 2024, 2024)[date(2024, 12, 23)]
        'Vacances de Noël'
    """
    return _shipped_or_computed("school", zone, f"Zone {zone}", ("school",), first_year, last_year)


def computed_holidays(
    subdivision: str | None, categories: tuple[str, ...], first_year: int, last_year: int
) -> dict[date, str]:
    """What the ``holidays`` package gives for France: the table's source, and its fallback."""
    # Imported only for years the table lacks: importing it costs a quarter of a second.
    from holidays import country_holidays

    computed = country_holidays(
        "FR",
        subdiv=subdivision,
        years=range(first_year, last_year + 1),
        language="fr",
        categories=categories or None,  # None: the package's default, the public holidays
    )
    return dict(computed.items())


def _shipped_or_computed(
    part: str,
    key: str,
    subdivision: str | None,
    categories: tuple[str, ...],
    first_year: int,
    last_year: int,
) -> dict[date, str]:
    """The table's days of *part* under *key* when it covers the years, else ``holidays``'."""
    table = _table()[part]
    if key in table["runs"] and _covers(table["years"], first_year, last_year):
        return _expand(table["runs"][key], first_year, last_year)
    return computed_holidays(subdivision, categories, first_year, last_year)


def shipped_school_calendar(zone: str) -> tuple[tuple[date, date], dict[date, str]]:
    """The days the shipped Ministry calendar vouches for in zone *zone*, and its days off.

    It vouches for every day from the first break's start (after class) to the last break's
    resumption, both included: its school years follow one another, so the term days between
    two breaks are school days it knows.

    Examples:
        >>> from datetime import date
        >>> span, days = shipped_school_calendar("A")
        >>> span
        (datetime.date(2016, 7, 5), datetime.date(2017, 9, 4))
        >>> days[date(2016, 10, 20)], date(2016, 10, 19) in days
        ('Vacances de la Toussaint', False)
    """
    calendar = _school_calendar()
    columns = calendar["columns"]
    days: dict[date, str] = {}
    first: date | None = None
    last: date | None = None
    for row in calendar["breaks"]:
        record = dict(zip(columns, row, strict=True))
        after_class_on = date.fromisoformat(record["after_class_on"])
        resumption = date.fromisoformat(record["resumption"])
        first = after_class_on if first is None else min(first, after_class_on)
        last = resumption if last is None else max(last, resumption)
        if zone in record["zones"]:
            label: str = record["label"]
            days.update(dict.fromkeys(days_off(after_class_on, resumption), label))
    if first is None or last is None:
        raise CalendarError(SCHOOL_CALENDAR_FILE, calendar["breaks"], "lists no break")
    return (first, last), days
