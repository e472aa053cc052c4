"""Deadline rules, planning periods and decision columns: every refusal in full (class, field,
value and message)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest

from cantine_rules import EUROPE_PARIS, Service, ServiceKind
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.rules.deadlines import (
    AllOf,
    EndOfDayBefore,
    FixedWindow,
    HoursBefore,
    MaxHorizon,
    MonthlyDeadline,
    SchoolDaysBefore,
    WeekdayBefore,
    WeekdayDeadline,
    WeekdayTable,
)
from cantine_rules.rules.decisions import DecisionColumns, DecisionStatus, Reason, format_day
from cantine_rules.rules.planning_grid import PlanningPeriod, period_bounds
from tests._helpers import refusal

MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
CAL = SchoolCalendar(Zone.C)
NEW_YEAR = datetime(2024, 1, 1, tzinfo=EUROPE_PARIS)
# « lundi et mardi : le vendredi précédent avant 9h ; jeudi et vendredi : le mardi précédent
# avant 9h »
TABLE = WeekdayTable(
    (
        WeekdayDeadline(frozenset({0, 1}), 4, time(9)),
        WeekdayDeadline(frozenset({3, 4}), 1, time(9)),
    )
)
NOT_EVERY_MONTH = (
    "is not in every month (February has 28 days, 29 in a leap year; April, June, September "
    "and November have 30), so the shorter months would have no deadline; a monthly deadline "
    'holds for every month: write "last" for the last day of each month, or a day from 1 to 28'
)

CASES: list[tuple[Callable[[], object], tuple[str, object, object, str]]] = [
    (
        lambda: SchoolDaysBefore(1, until_midnight=1),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "until_midnight",
            1,
            "until_midnight: must be True or False (got 1 of type int)",
        ),
    ),
    (
        lambda: SchoolDaysBefore(0),
        ("InvalidValueError", "days", 0, "days: must be one or more (got 0)"),
    ),
    (
        lambda: SchoolDaysBefore("1"),  # type: ignore[arg-type]
        ("InvalidTypeError", "days", "1", "days: must be an int (got '1' of type str)"),
    ),
    (
        lambda: SchoolDaysBefore(367),
        ("InvalidValueError", "days", 367, "days: must be at most 366 (got 367)"),
    ),
    (
        lambda: SchoolDaysBefore(1, time(11), until_midnight=True),
        (
            "InvalidValueError",
            "until_midnight",
            True,
            "until_midnight: cannot be given with a cutoff: the deadline is either at the cutoff "
            "or at the midnight that ends the school day (got True)",
        ),
    ),
    (
        lambda: EndOfDayBefore(0),
        ("InvalidValueError", "days", 0, "days: must be one or more (got 0)"),
    ),
    (
        lambda: WeekdayDeadline(3, 4, time(9)),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "service_weekdays",
            3,
            "service_weekdays: must be a set of weekdays, 0 (Monday) to 6 (got 3 of type int)",
        ),
    ),
    (
        lambda: WeekdayDeadline(set(), 4, time(9)),
        (
            "InvalidValueError",
            "service_weekdays",
            set(),
            "service_weekdays: must hold at least one weekday (got set())",
        ),
    ),
    (
        lambda: WeekdayDeadline({0, 7}, 4, time(9)),
        (
            "InvalidValueError",
            "service_weekdays",
            7,
            "service_weekdays: weekdays are 0 (Monday) to 6 (Sunday) (got 7)",
        ),
    ),
    (
        lambda: WeekdayDeadline({"lundi"}, 4, time(9)),  # type: ignore[arg-type]
        (
            "InvalidValueError",
            "service_weekdays",
            "lundi",
            "service_weekdays: weekdays are 0 (Monday) to 6 (Sunday) (got 'lundi')",
        ),
    ),
    (
        lambda: WeekdayDeadline({0}, 7, time(9)),
        ("InvalidValueError", "weekday", 7, "weekday: must be 0 (Monday) to 6 (Sunday) (got 7)"),
    ),
    (
        lambda: WeekdayTable(()),
        (
            "InvalidValueError",
            "rows",
            (),
            "rows: must hold at least one row: a weekday table without rows sets no deadline "
            "(got ())",
        ),
    ),
    (
        lambda: WeekdayTable((3,)),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "rows[0]",
            3,
            "rows[0]: must be a WeekdayDeadline (got 3 of type int)",
        ),
    ),
    (
        lambda: WeekdayTable(
            (WeekdayDeadline({0, 1}, 4, time(9)), WeekdayDeadline({1, 3}, 1, time(9)))
        ),
        (
            "InvalidValueError",
            "rows[1].service_weekdays",
            "Tuesday",
            "rows[1].service_weekdays: is already in rows[0]: give each service weekday one row "
            "(got 'Tuesday')",
        ),
    ),
    (
        lambda: TABLE.window(MEAL, date(2024, 9, 11), CAL),
        (
            "InvalidValueError",
            "rows",
            "Wednesday",
            "rows: has no row for 'repas' on 2024-09-11, a Wednesday: add the weekday to a row "
            "(got 'Wednesday')",
        ),
    ),
    (
        lambda: MonthlyDeadline(29),
        ("InvalidValueError", "day", 29, f"day: {NOT_EVERY_MONTH} (got 29)"),
    ),
    (
        lambda: MonthlyDeadline(31),
        ("InvalidValueError", "day", 31, f"day: {NOT_EVERY_MONTH} (got 31)"),
    ),
    (
        lambda: MonthlyDeadline(0),
        (
            "InvalidValueError",
            "day",
            0,
            'day: must be a day of the month, 1 to 28, or "last" (got 0)',
        ),
    ),
    (
        lambda: MonthlyDeadline(32),
        (
            "InvalidValueError",
            "day",
            32,
            'day: must be a day of the month, 1 to 28, or "last" (got 32)',
        ),
    ),
    (
        lambda: MonthlyDeadline("20"),
        (
            "InvalidTypeError",
            "day",
            "20",
            "day: must be a day of the month, 1 to 28, or \"last\" (got '20' of type str)",
        ),
    ),
    (
        lambda: MonthlyDeadline(20, months_before=13),
        ("InvalidValueError", "months_before", 13, "months_before: must be at most 12 (got 13)"),
    ),
    (
        lambda: MonthlyDeadline(20, months_before=-1),
        ("InvalidValueError", "months_before", -1, "months_before: must be zero or more (got -1)"),
    ),
    (
        lambda: period_bounds(PlanningPeriod.SCHOOL_YEAR, date(2024, 9, 2)),
        (
            "InvalidValueError",
            "calendar",
            None,
            "calendar: a school year needs the calendar (got None)",
        ),
    ),
    (
        lambda: period_bounds("week", date(2024, 9, 2)),  # type: ignore[arg-type]
        ("InvalidValueError", "period", "week", "period: must be a PlanningPeriod (got 'week')"),
    ),
    (
        lambda: DecisionColumns((DecisionStatus.ACCEPTED,), (), (None,), (None,)),
        ("InvalidValueError", "reasons", 0, "reasons: must hold one item per status (1) (got 0)"),
    ),
    (
        lambda: DecisionColumns((DecisionStatus.ACCEPTED,), (Reason.ON_TIME,), (), (None,)),
        (
            "InvalidValueError",
            "deadlines",
            0,
            "deadlines: must hold one item per status (1) (got 0)",
        ),
    ),
    (
        lambda: DecisionColumns((DecisionStatus.ACCEPTED,), (Reason.ON_TIME,), (None,), ()),
        ("InvalidValueError", "charges", 0, "charges: must hold one item per status (1) (got 0)"),
    ),
    (
        lambda: HoursBefore(-1),
        ("InvalidValueError", "hours", -1, "hours: must be zero or more (got -1)"),
    ),
    (
        lambda: HoursBefore(8785),
        ("InvalidValueError", "hours", 8785, "hours: must be at most 8784 (got 8785)"),
    ),
    (
        lambda: HoursBefore(1.5),  # type: ignore[arg-type]
        ("InvalidTypeError", "hours", 1.5, "hours: must be an int (got 1.5 of type float)"),
    ),
    (
        lambda: WeekdayBefore(7, time(17)),
        ("InvalidValueError", "weekday", 7, "weekday: must be 0 (Monday) to 6 (Sunday) (got 7)"),
    ),
    (
        lambda: WeekdayBefore(3, time(17), weeks_before=54),
        ("InvalidValueError", "weeks_before", 54, "weeks_before: must be at most 53 (got 54)"),
    ),
    (
        lambda: MaxHorizon(732),
        ("InvalidValueError", "days", 732, "days: must be at most 731 (got 732)"),
    ),
    (
        lambda: AllOf(()),
        ("InvalidValueError", "rules", (), "rules: must hold at least one rule (got ())"),
    ),
    (
        lambda: AllOf(("x",)),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "rules[0]",
            "x",
            "rules[0]: must be a ChangeWindowRule (got 'x' of type str)",
        ),
    ),
    (
        lambda: FixedWindow(NEW_YEAR, NEW_YEAR, date(2024, 1, 1), date(2024, 1, 2)),
        (
            "InvalidValueError",
            "closes_at",
            datetime(2024, 1, 1, tzinfo=EUROPE_PARIS),
            "closes_at: must be after opens_at (got 2024-01-01T00:00:00+01:00)",
        ),
    ),
    (
        lambda: FixedWindow(
            NEW_YEAR, NEW_YEAR + timedelta(days=1), date(2024, 1, 2), date(2024, 1, 1)
        ),
        (
            "InvalidValueError",
            "last_day",
            date(2024, 1, 1),
            "last_day: must not be before first_day (got 2024-01-01)",
        ),
    ),
    (
        lambda: format_day(date(2024, 1, 1), "de"),
        ("InvalidValueError", "lang", "de", "lang: must be 'fr' or 'en' (got 'de')"),
    ),
]


@pytest.mark.parametrize(("call", "expected"), CASES)
def test_each_refusal_names_its_field_value_and_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected
