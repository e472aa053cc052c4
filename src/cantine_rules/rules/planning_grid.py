"""The planning grid: each day's status for a child and a service, and until when it can change.

Every portal page renders this (seed 001: « Mensuel Quinzaine Semaine »; seed 002: « Prestation
réservable », « Prestation non réservable ou non modifiable »; seed 003: « La case reste grisée si
non sélectionnable »). The grid is seen from the parents' portal, the online channel.

Examples:
    >>> from datetime import date, datetime, time
    >>> from cantine_rules import Service, ServiceKind, EUROPE_PARIS
    >>> from cantine_rules.calendar import SchoolCalendar, Zone
    >>> from cantine_rules.rules.booking import BookingRules, ServiceRules
    >>> from cantine_rules.rules.deadlines import WeekdayBefore
    >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
    >>> thursday_17h = WeekdayBefore(3, time(17))
    >>> rules = BookingRules(
    ...     SchoolCalendar(Zone.A), (meal,), ServiceRules(thursday_17h, thursday_17h)
    ... )
    >>> grid = planning(rules, "c1", "repas", PlanningPeriod.WEEK, date(2024, 9, 23),
    ...                 at=datetime(2024, 9, 19, 16, 59, tzinfo=EUROPE_PARIS))
    >>> [day.status.value for day in grid.days][:3]
    ['bookable', 'bookable', 'not_a_service_day']
"""

from __future__ import annotations

import calendar as _gregorian
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final

import attrs

from cantine_rules._time import require_aware
from cantine_rules.calendar import SchoolCalendar
from cantine_rules.errors import InvalidValueError
from cantine_rules.model import Booking, ChangeAction, RequestState
from cantine_rules.rules.booking import BookingRules
from cantine_rules.rules.late import Refuse
from cantine_rules.rules.window_table import ChangeWindowTable, checked_table

__all__ = [
    "DayStatus",
    "PlanningDay",
    "PlanningGrid",
    "PlanningPeriod",
    "period_bounds",
    "planning",
    "planning_between",
]

# The states a cell shows as booked: those that book the day, and a pending request.
_BOOKING_STATES: Final = frozenset(
    state for state in RequestState if state.books_the_day or state is RequestState.PENDING
)


class DayStatus(StrEnum):
    """What a planning cell shows."""

    NOT_A_SERVICE_DAY = "not_a_service_day"
    """The service does not run that weekday (a weekend, a Wednesday without school)."""
    CLOSED = "closed"
    """A public holiday, school holiday or commune closure; the reason names it."""
    NOT_OPEN_YET = "not_open_yet"
    """Changes for this day are not open yet."""
    BOOKABLE = "bookable"
    """Not booked, and can still be booked."""
    BOOKED = "booked"
    """Booked, and can still be cancelled."""
    TOO_LATE = "too_late"
    """Not booked, and can no longer be booked online."""
    LOCKED = "locked"
    """Booked, and no longer modifiable online."""


class PlanningPeriod(StrEnum):
    """The spans a portal shows: « Semaine », « Quinzaine », « Mensuel », the school year."""

    WEEK = "week"
    FORTNIGHT = "fortnight"
    MONTH = "month"
    SCHOOL_YEAR = "school_year"


@attrs.frozen
class PlanningDay:
    """One cell of the grid.

    Attributes:
        day: the day.
        status: what the cell shows.
        state: the booking request's state, when there is one.
        changeable_until: the deadline for changing this day online, when it can still change.
        opens_at: when changes open, for a day not open yet.
        late: true when the day can still change online, but only past its deadline (at a
            surcharge or still billed).
        reason: why the day is closed or has no service.
    """

    day: date
    status: DayStatus
    state: RequestState | None = None
    changeable_until: datetime | None = None
    opens_at: datetime | None = None
    late: bool = False
    reason: str | None = None


@attrs.frozen
class PlanningGrid:
    """The planning of one child for one service over a span of days."""

    child_id: str
    service_code: str
    at: datetime
    days: tuple[PlanningDay, ...]

    def booked_days(self) -> tuple[date, ...]:
        """The days booked (in any state that books the day, or pending)."""
        return tuple(d.day for d in self.days if d.status in (DayStatus.BOOKED, DayStatus.LOCKED))

    def changeable_days(self) -> tuple[date, ...]:
        """The days that can still be changed online."""
        return tuple(d.day for d in self.days if d.status in (DayStatus.BOOKED, DayStatus.BOOKABLE))


def period_bounds(
    period: PlanningPeriod, day: date, calendar: SchoolCalendar | None = None
) -> tuple[date, date]:
    """The first and last day of the *period* containing *day*.

    Weeks and fortnights start on Monday; a fortnight is the week of *day* and the next one; a
    school year needs the *calendar*.

    Examples:
        >>> period_bounds(PlanningPeriod.MONTH, date(2024, 2, 10))
        (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    if period is PlanningPeriod.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if period is PlanningPeriod.FORTNIGHT:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=13)
    if period is PlanningPeriod.MONTH:
        last = _gregorian.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if period is PlanningPeriod.SCHOOL_YEAR:
        if calendar is None:
            raise InvalidValueError("calendar", calendar, "a school year needs the calendar")
        year = calendar.school_year(day)
        return year.start, year.end
    raise InvalidValueError("period", period, "must be a PlanningPeriod")


def planning(
    rules: BookingRules,
    child_id: str,
    service_code: str,
    period: PlanningPeriod,
    day: date,
    *,
    at: datetime,
    bookings: Iterable[Booking] = (),
    table: ChangeWindowTable | None = None,
) -> PlanningGrid:
    """The planning grid of *child_id* for *service_code* over the *period* containing *day*.

    Args:
        rules: the commune's booking rules.
        child_id: the child.
        service_code: the service.
        period: week, fortnight, month or school year.
        day: any day of the period.
        at: the instant the grid is seen at (now).
        bookings: the child's bookings; others (other children or services) are ignored.
        table: a ``ChangeWindowTable`` built from *rules*, kept by a portal that draws many
            grids: the days it covers are read from it, the others computed. The grid is the
            same with or without it.
    """
    first, last = period_bounds(period, day, rules.calendar)
    return planning_between(
        rules, child_id, service_code, first, last, at=at, bookings=bookings, table=table
    )


def planning_between(
    rules: BookingRules,
    child_id: str,
    service_code: str,
    first: date,
    last: date,
    *,
    at: datetime,
    bookings: Iterable[Booking] = (),
    table: ChangeWindowTable | None = None,
) -> PlanningGrid:
    """The planning grid from *first* to *last*, both included (see [`planning`][])."""
    require_aware(at, "at")
    if last < first:
        raise InvalidValueError("last", last, f"must not be before {first}")
    service_rules = rules.rules_for(service_code)
    service = rules.service(service_code)
    known = checked_table(table, rules)
    # What the table holds for each day of the grid; None where it holds nothing (or no table).
    if known is not None:
        held = known.entries(service_code, first, last)
        closed = known.closed_cells(service_code, first, last)
    else:
        held = closed = (None,) * ((last - first).days + 1)
    by_day = {
        booking.day: booking.state
        for booking in bookings
        if booking.child_id == child_id and booking.service_code == service_code
    }
    # The days the table does not hold are worked out here: which run, from the calendar's
    # per-day table in one pass, then each one's window.
    running: frozenset[date] | set[date] = frozenset()
    reasons: tuple[str | None, ...] = (None,) * len(held)
    if None in held:
        calendar = rules.calendar
        running = set(calendar.service_days(rules.days_of(service_code), first, last))
        reasons = calendar.closed_reasons(first, last)
    online_add_refuses = isinstance(service_rules.late_add.online, Refuse)
    online_cancel_refuses = isinstance(service_rules.late_cancel.online, Refuse)
    cells: list[PlanningDay] = []
    append = cells.append
    add, cancel = ChangeAction.ADD, ChangeAction.CANCEL
    booking_states = _BOOKING_STATES
    current = first
    one_day = timedelta(days=1)
    for entry, cell, reason in zip(held, closed, reasons, strict=True):
        state = by_day.get(current)
        if entry is None and current not in running:
            cell = closed_cell(current, reason)
        if cell is not None:
            append(cell if state is None else attrs.evolve(cell, state=state))
            current += one_day
            continue
        booked = state in booking_states
        action = cancel if booked else add
        window = entry.window(action) if entry is not None else None
        if window is None:
            window = rules.window(action, service_code, current)
        opens_at, closes_at = window.opens_at, window.closes_at
        if opens_at is not None and at < opens_at:
            append(PlanningDay(current, DayStatus.NOT_OPEN_YET, state, opens_at=opens_at))
        elif closes_at is None or at < closes_at:
            status = DayStatus.BOOKED if booked else DayStatus.BOOKABLE
            append(PlanningDay(current, status, state, closes_at))
        else:
            refuses = online_cancel_refuses if booked else online_add_refuses
            if refuses:
                status = DayStatus.LOCKED if booked else DayStatus.TOO_LATE
                append(PlanningDay(current, status, state))
            else:
                status = DayStatus.BOOKED if booked else DayStatus.BOOKABLE
                append(PlanningDay(current, status, state, late=True))
        current += one_day
    return PlanningGrid(child_id, service.code, at, tuple(cells))


def closed_cell(day: date, reason: str | None) -> PlanningDay:
    """The cell of *day* when the service does not run: closed when *reason* names why.

    Examples:
        >>> closed_cell(date(2024, 11, 11), "Armistice").status.value
        'closed'
    """
    status = DayStatus.CLOSED if reason else DayStatus.NOT_A_SERVICE_DAY
    return PlanningDay(day, status, reason=reason)
