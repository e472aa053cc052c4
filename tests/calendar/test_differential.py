"""The calendar against two references: the ``holidays`` package and workalendar.

Public holidays must be those of ``holidays`` (national, and subdivisions 57 and 6AE for
Alsace-Moselle) on every day from 1990 to 2040. Working-day arithmetic must be workalendar's
(``France`` and ``FranceAlsaceMoselle``) on thousands of generated days and deltas.

The two references disagree on one rule only, checked below: workalendar keeps the Lundi de
Pentecôte as a holiday in 2005, 2006 and 2007, when the loi du 30 juin 2004 made it the « journée
de solidarité »; ``holidays`` (which this library follows) does not. The arithmetic is compared
with workalendar told that those three days are working days.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workalendar.europe import France, FranceAlsaceMoselle

from cantine_rules.calendar import SchoolCalendar, Zone

FIRST, LAST = date(1990, 1, 1), date(2040, 12, 31)
#: The Whit Mondays of the journée de solidarité years, where the references disagree.
SOLIDARITY_MONDAYS = (date(2005, 5, 16), date(2006, 6, 5), date(2007, 5, 28))

OURS = {
    None: SchoolCalendar(Zone.C, first_year=1990, last_year=2040),
    "57": SchoolCalendar(Zone.B, "57", first_year=1990, last_year=2040),
    "67": SchoolCalendar(Zone.B, "67", first_year=1990, last_year=2040),
    "68": SchoolCalendar(Zone.B, "68", first_year=1990, last_year=2040),
}
WORKALENDAR: dict[str | None, Any] = {
    None: France(),
    "57": FranceAlsaceMoselle(),
    "67": FranceAlsaceMoselle(),
    "68": FranceAlsaceMoselle(),
}
HOLIDAYS_SUBDIVISION = {None: None, "57": "57", "67": "6AE", "68": "6AE"}
DEPARTMENTS = list(OURS)

# Far enough inside 1990-2040 that 500 working days or 1500 days either way stay inside.
days = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))
deltas = st.integers(min_value=0, max_value=400)
departments = st.sampled_from(DEPARTMENTS)
MANY = settings(max_examples=2000, deadline=None)


def every_day() -> list[date]:
    return [FIRST + timedelta(days=k) for k in range((LAST - FIRST).days + 1)]


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_public_holidays_are_those_of_the_holidays_package(department: str | None) -> None:
    reference = holidays.country_holidays(
        "FR",
        subdiv=HOLIDAYS_SUBDIVISION[department],
        years=range(1990, 2041),
        language="fr",
    )
    ours = OURS[department]
    for day in every_day():
        assert ours.public_holiday(day) == reference.get(day), day


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_the_references_disagree_only_on_the_solidarity_mondays(department: str | None) -> None:
    reference = holidays.country_holidays(
        "FR", subdiv=HOLIDAYS_SUBDIVISION[department], years=range(1990, 2041)
    )
    workalendar = WORKALENDAR[department]
    disagree = [day for day in every_day() if (day in reference) != workalendar.is_holiday(day)]
    assert disagree == list(SOLIDARITY_MONDAYS)
    assert all(workalendar.is_holiday(day) for day in SOLIDARITY_MONDAYS)


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_working_days_agree_with_workalendar_every_day(department: str | None) -> None:
    ours, workalendar = OURS[department], WORKALENDAR[department]
    for day in every_day():
        expected = workalendar.is_working_day(day, extra_working_days=SOLIDARITY_MONDAYS)
        assert ours.is_working_day(day) == expected, day


@MANY
@given(departments, days, st.integers(min_value=-400, max_value=400))
def test_add_working_days_is_workalendar(department: str | None, day: date, n: int) -> None:
    expected = WORKALENDAR[department].add_working_days(
        day, n, extra_working_days=SOLIDARITY_MONDAYS
    )
    assert OURS[department].add_working_days(day, n) == expected


@MANY
@given(departments, days, st.integers(min_value=-400, max_value=400))
def test_sub_working_days_is_workalendar(department: str | None, day: date, n: int) -> None:
    expected = WORKALENDAR[department].sub_working_days(
        day, n, extra_working_days=SOLIDARITY_MONDAYS
    )
    assert OURS[department].sub_working_days(day, n) == expected


@MANY
@given(departments, days, st.integers(min_value=-1500, max_value=1500))
def test_working_days_between_is_workalendar_delta(
    department: str | None, start: date, span: int
) -> None:
    # Spans of up to four years keep workalendar, which walks day by day, quick enough.
    end = start + timedelta(days=span)
    expected = WORKALENDAR[department].get_working_days_delta(
        start, end, extra_working_days=SOLIDARITY_MONDAYS
    )
    ours = OURS[department].working_days_between(start, end)
    # workalendar's delta is unsigned; ours is negative when end is before start.
    assert ours == (expected if start <= end else -expected)


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2024, 5, 13), 2, date(2024, 5, 7)),
        (date(2024, 9, 19), 2, date(2024, 9, 17)),
        (date(2024, 9, 23), 2, date(2024, 9, 19)),
        (date(2024, 12, 27), 1, date(2024, 12, 26)),
        (date(2025, 1, 2), 0, date(2025, 1, 2)),
    ],
)
def test_named_subtractions_agree_with_workalendar(day: date, n: int, expected: date) -> None:
    assert OURS[None].sub_working_days(day, n) == expected
    assert WORKALENDAR[None].sub_working_days(day, n) == expected


def test_alsace_moselle_subtractions_skip_the_26_december() -> None:
    # Friday 27 December 2024 minus 1: the 26th is Saint-Étienne in Alsace-Moselle.
    assert OURS["57"].sub_working_days(date(2024, 12, 27), 1) == date(2024, 12, 24)
    assert OURS["57"].sub_working_days(date(2024, 12, 30), 1) == date(2024, 12, 27)
    assert OURS[None].sub_working_days(date(2024, 12, 27), 1) == date(2024, 12, 26)


# Properties ------------------------------------------------------------------------------------

positive = st.integers(min_value=1, max_value=500)


@MANY
@given(departments, days, positive)
def test_subtracting_what_was_added_lands_back_on_a_working_day(
    department: str | None, day: date, n: int
) -> None:
    calendar = OURS[department]
    if calendar.is_working_day(day):
        assert calendar.sub_working_days(calendar.add_working_days(day, n), n) == day
        assert calendar.add_working_days(calendar.sub_working_days(day, n), n) == day


@MANY
@given(departments, days, positive)
def test_adding_or_subtracting_lands_on_a_working_day(
    department: str | None, day: date, n: int
) -> None:
    calendar = OURS[department]
    later, earlier = calendar.add_working_days(day, n), calendar.sub_working_days(day, n)
    assert calendar.is_working_day(later)
    assert later > day
    assert calendar.is_working_day(earlier)
    assert earlier < day


@MANY
@given(departments, days, st.integers(min_value=-500, max_value=500))
def test_working_days_between_undoes_add(department: str | None, day: date, n: int) -> None:
    calendar = OURS[department]
    # Forwards it holds from any day, since the count starts on the day after; backwards the
    # count includes the start day, so it holds from a working day.
    if n >= 0 or calendar.is_working_day(day):
        assert calendar.working_days_between(day, calendar.add_working_days(day, n)) == n


@MANY
@given(departments, days, days, days)
def test_working_days_between_adds_up(
    department: str | None, first: date, second: date, third: date
) -> None:
    calendar = OURS[department]
    assert calendar.working_days_between(first, second) + calendar.working_days_between(
        second, third
    ) == calendar.working_days_between(first, third)
