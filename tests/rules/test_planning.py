"""The planning grid: each day's status for a child and a service, and until when it can change."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from cantine_rules import (
    Booking,
    InvalidValueError,
    Money,
    RequestState,
    Service,
    ServiceKind,
)
from cantine_rules.calendar import Closure, SchoolCalendar, Zone
from cantine_rules.policies import (
    AcceptWithSurcharge,
    BookingRules,
    DayStatus,
    FixedWindow,
    FlatPrice,
    LateHandling,
    PlanningPeriod,
    ServiceRules,
    WeekdayBefore,
    WorkingDaysBefore,
    period_bounds,
    planning,
    planning_between,
)
from tests._helpers import paris

MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
THURSDAY_17H = WeekdayBefore(3, time(17))
SAINT_JUST_LIKE = BookingRules(
    SchoolCalendar(Zone.A, closures=(Closure(date(2024, 9, 26), "Grève"),)),
    (MEAL,),
    ServiceRules(THURSDAY_17H, THURSDAY_17H),
)


def test_week_grid_before_and_after_the_thursday_deadline() -> None:
    # Seed 003: « au plus tard avant le Jeudi 17h pour la semaine suivante »; « La case reste
    # grisée si non sélectionnable ».
    bookings = [
        Booking("c1", "repas", date(2024, 9, 23)),
        Booking("c2", "repas", date(2024, 9, 24)),
    ]
    before = planning(
        SAINT_JUST_LIKE,
        "c1",
        "repas",
        PlanningPeriod.WEEK,
        date(2024, 9, 25),
        at=paris(2024, 9, 19, 16, 59),
        bookings=bookings,
    )
    assert [(d.day.day, d.status) for d in before.days] == [
        (23, DayStatus.BOOKED),
        (24, DayStatus.BOOKABLE),
        (25, DayStatus.NOT_A_SERVICE_DAY),
        (26, DayStatus.CLOSED),
        (27, DayStatus.BOOKABLE),
        (28, DayStatus.NOT_A_SERVICE_DAY),
        (29, DayStatus.NOT_A_SERVICE_DAY),
    ]
    assert before.days[0].changeable_until == paris(2024, 9, 19, 17, 0)
    assert before.days[0].state is RequestState.VALIDATED
    assert before.days[3].reason == "Grève"
    after = planning(
        SAINT_JUST_LIKE,
        "c1",
        "repas",
        PlanningPeriod.WEEK,
        date(2024, 9, 25),
        at=paris(2024, 9, 19, 17, 0),
        bookings=bookings,
    )
    assert after.days[0].status is DayStatus.LOCKED
    assert after.days[1].status is DayStatus.TOO_LATE
    assert after.days[0].changeable_until is None
    assert after.booked_days() == (date(2024, 9, 23),)
    assert after.changeable_days() == ()
    assert before.changeable_days() == (date(2024, 9, 23), date(2024, 9, 24), date(2024, 9, 27))


def test_holidays_are_closed_with_their_name() -> None:
    grid = planning(
        SAINT_JUST_LIKE,
        "c1",
        "repas",
        PlanningPeriod.FORTNIGHT,
        date(2024, 10, 21),
        at=paris(2024, 9, 1, 9, 0),
    )
    assert len(grid.days) == 14
    monday = grid.days[0]
    assert monday.status is DayStatus.CLOSED
    assert monday.reason == "Vacances de la Toussaint"
    armistice = next(
        d
        for d in planning(
            SAINT_JUST_LIKE,
            "c1",
            "repas",
            PlanningPeriod.MONTH,
            date(2024, 11, 1),
            at=paris(2024, 9, 1, 9, 0),
        ).days
        if d.day == date(2024, 11, 11)
    )
    assert armistice.status is DayStatus.CLOSED
    assert armistice.reason == "Armistice"


def test_late_but_still_possible_online_is_flagged() -> None:

    rules = BookingRules(
        SchoolCalendar(Zone.B),
        (MEAL,),
        ServiceRules(
            WorkingDaysBefore(2),
            WorkingDaysBefore(2),
            late_add=LateHandling(online=AcceptWithSurcharge(FlatPrice(Money.euros(5)))),
        ),
    )
    grid = planning_between(
        rules, "c1", "repas", date(2024, 9, 19), date(2024, 9, 19), at=paris(2024, 9, 18, 9, 0)
    )
    assert grid.days[0].status is DayStatus.BOOKABLE
    assert grid.days[0].late


def test_not_open_yet_shows_when_it_opens() -> None:
    opens = paris(2025, 1, 26, 20, 0)
    window = FixedWindow(opens, paris(2025, 2, 2, 20, 0), date(2025, 2, 3), date(2025, 2, 7))
    rules = BookingRules(SchoolCalendar(Zone.C), (MEAL,), ServiceRules(window, window))
    grid = planning_between(
        rules, "c1", "repas", date(2025, 2, 3), date(2025, 2, 3), at=paris(2025, 1, 20, 9, 0)
    )
    assert grid.days[0].status is DayStatus.NOT_OPEN_YET
    assert grid.days[0].opens_at == opens


def test_pending_request_counts_as_booked() -> None:
    bookings = [Booking("c1", "repas", date(2024, 9, 23), RequestState.PENDING)]
    grid = planning_between(
        SAINT_JUST_LIKE,
        "c1",
        "repas",
        date(2024, 9, 23),
        date(2024, 9, 23),
        at=paris(2024, 9, 1, 9, 0),
        bookings=bookings,
    )
    assert grid.days[0].status is DayStatus.BOOKED
    assert grid.days[0].state is RequestState.PENDING


def test_school_year_grid_covers_the_school_year() -> None:
    grid = planning(
        SAINT_JUST_LIKE,
        "c1",
        "repas",
        PlanningPeriod.SCHOOL_YEAR,
        date(2025, 1, 15),
        at=paris(2024, 8, 1, 9, 0),
    )
    assert grid.days[0].day == date(2024, 9, 1)
    assert grid.days[-1].day == date(2025, 8, 31)
    assert 130 < len(grid.changeable_days()) < 150


def test_period_bounds() -> None:
    assert period_bounds(PlanningPeriod.WEEK, date(2024, 9, 25)) == (
        date(2024, 9, 23),
        date(2024, 9, 29),
    )
    assert period_bounds(PlanningPeriod.FORTNIGHT, date(2024, 12, 31)) == (
        date(2024, 12, 30),
        date(2025, 1, 12),
    )
    assert period_bounds(PlanningPeriod.MONTH, date(2024, 2, 29)) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )
    with pytest.raises(InvalidValueError):
        period_bounds(PlanningPeriod.SCHOOL_YEAR, date(2024, 2, 29))


def test_bad_inputs() -> None:
    with pytest.raises(InvalidValueError):
        planning_between(
            SAINT_JUST_LIKE,
            "c1",
            "repas",
            date(2024, 9, 2),
            date(2024, 9, 1),
            at=paris(2024, 9, 1),
        )
    with pytest.raises(ValueError, match="timezone-aware"):
        planning_between(
            SAINT_JUST_LIKE,
            "c1",
            "repas",
            date(2024, 9, 2),
            date(2024, 9, 3),
            at=datetime(2024, 9, 1),
        )
