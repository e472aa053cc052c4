"""Planning grids read the calendar a span at a time: the same cells as asking it day by day.

A grid drawn without a change-window table takes the days its service runs, and the closure or
holiday of the others, from the calendar's per-day table in one pass each, and Europe/Paris
instants skip the round trip through UTC away from the hour the clocks change. Each is compared
here with the plain path — one question per day — on generated communes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import EUROPE_PARIS, Booking, ChangeAction, RequestState
from cantine_rules._time import at_paris
from cantine_rules.calendar import SchoolCalendar
from cantine_rules.rules import ChangeWindowTable
from cantine_rules.rules.booking import BookingRules
from cantine_rules.rules.late import Refuse
from cantine_rules.rules.planning_grid import DayStatus, PlanningDay, closed_cell, planning_between
from cantine_rules.testing import booking_rules, calendars

_TERM = (date(2024, 9, 2), date(2025, 7, 4))


def _plain_cell(
    rules: BookingRules, code: str, day: date, at: datetime, state: RequestState | None
) -> PlanningDay:
    """The cell of *day*, from one question per day: runs, its reason, its window."""
    if not rules.calendar.runs(rules.days_of(code), day):
        cell = closed_cell(day, rules.no_service_reason(code, day))
        return cell if state is None else PlanningDay(day, cell.status, state, reason=cell.reason)
    booked = state is not None and (state.books_the_day or state is RequestState.PENDING)
    window = rules.window(ChangeAction.CANCEL if booked else ChangeAction.ADD, code, day)
    if window.opens_at is not None and at < window.opens_at:
        return PlanningDay(day, DayStatus.NOT_OPEN_YET, state, opens_at=window.opens_at)
    shown = DayStatus.BOOKED if booked else DayStatus.BOOKABLE
    if window.closes_at is None or at < window.closes_at:
        return PlanningDay(day, shown, state, window.closes_at)
    late = rules.rules_for(code).late_cancel if booked else rules.rules_for(code).late_add
    if isinstance(late.online, Refuse):
        return PlanningDay(day, DayStatus.LOCKED if booked else DayStatus.TOO_LATE, state)
    return PlanningDay(day, shown, state, late=True)


@settings(max_examples=40)
@given(st.data())
def test_a_grid_has_the_cells_of_the_plain_path(data: st.DataObject) -> None:
    rules = data.draw(booking_rules())
    code = data.draw(st.sampled_from([service.code for service in rules.services]))
    first = data.draw(st.dates(*_TERM))
    last = first + timedelta(days=data.draw(st.integers(0, 120)))
    at = datetime.combine(
        data.draw(st.dates(first - timedelta(days=30), last)), time(10), tzinfo=EUROPE_PARIS
    )
    booked = data.draw(
        st.dictionaries(
            st.integers(0, (last - first).days).map(lambda n: first + timedelta(days=n)),
            st.sampled_from(list(RequestState)),
            max_size=20,
        )
    )
    bookings = [Booking("c1", code, day, state) for day, state in booked.items()]
    plain = tuple(
        _plain_cell(rules, code, first + timedelta(days=n), at, booked.get(first + timedelta(n)))
        for n in range((last - first).days + 1)
    )
    assert planning_between(rules, "c1", code, first, last, at=at, bookings=bookings).days == plain
    # A table over part of the span: its days read from it, the others worked out.
    start = first + timedelta(days=data.draw(st.integers(0, 30)))
    table = ChangeWindowTable(rules, start, start + timedelta(days=data.draw(st.integers(0, 60))))
    grid = planning_between(rules, "c1", code, first, last, at=at, bookings=bookings, table=table)
    assert grid.days == plain


@given(calendars(), st.dates(date(2020, 1, 1), date(2027, 12, 31)), st.integers(0, 60))
def test_the_reasons_of_a_span_are_those_of_its_days(
    calendar: SchoolCalendar, first: date, length: int
) -> None:
    last = min(first + timedelta(days=length), date(2027, 12, 31))
    if not (calendar.knows_school_holidays(first) and calendar.knows_school_holidays(last)):
        return
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    assert calendar.closed_reasons(first, last) == tuple(map(calendar.closed_reason, days))


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.times())
def test_a_paris_instant_is_the_one_the_round_trip_through_utc_gives(
    day: date, wall_time: time
) -> None:
    local = datetime.combine(day, wall_time, tzinfo=EUROPE_PARIS)
    expected = local.astimezone(UTC).astimezone(EUROPE_PARIS)
    found = at_paris(day, wall_time)
    assert (found, found.utcoffset(), found.fold) == (expected, expected.utcoffset(), 0)
