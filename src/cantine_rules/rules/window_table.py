"""A change-window table: a commune's change windows for a span of days, computed once.

A portal draws planning grids for the same school year on every page, and decides baskets and
period bookings against the same days. A `ChangeWindowTable` holds, for each service and each day
of a span, when the service starts, whether it runs that day (and, if not, the closure or
holiday that stops it), and the windows in which adding and cancelling are on time. The caller
builds it from a [`BookingRules`][cantine_rules.rules.booking.BookingRules], keeps it as long as
it likes (one per school year, say) and passes it to ``decide_many``, ``decide_period``,
``planning`` and ``planning_between``. They give the same answers with or without it, and compute
what it does not cover. The rules themselves remember only the days they last decided, in a
bounded memo that is no part of their value; a table is the span the caller keeps.

Examples:
    >>> from datetime import date, datetime, time
    >>> from cantine_rules import EUROPE_PARIS, ChangeAction, Service, ServiceKind
    >>> from cantine_rules.calendar import SchoolCalendar, Zone
    >>> from cantine_rules.rules.booking import BookingRules, ServiceRules
    >>> from cantine_rules.rules.deadlines import HoursBefore
    >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
    >>> rules = BookingRules(
    ...     SchoolCalendar(Zone.B), (meal,), ServiceRules(HoursBefore(48), HoursBefore(48))
    ... )
    >>> table = ChangeWindowTable.for_school_year(rules, date(2024, 9, 2))
    >>> (table.first, table.last, len(table))
    (datetime.date(2024, 9, 1), datetime.date(2025, 8, 31), 365)
    >>> table.window(ChangeAction.ADD, "repas", date(2024, 9, 19)).closes_at.isoformat()
    '2024-09-17T12:00:00+02:00'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import a_date
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownServiceError
from cantine_rules.model import ChangeAction
from cantine_rules.rules.deadlines import ChangeWindow

if TYPE_CHECKING:
    from cantine_rules.rules.booking import BookingRules
    from cantine_rules.rules.planning_grid import PlanningDay

__all__ = ["ChangeWindowTable", "DayWindows", "checked_table"]

_T = TypeVar("_T")


@attrs.frozen
class DayWindows:
    """When a service starts on a day, and the windows of adding and cancelling then.

    What [`BookingRules.day_windows`][cantine_rules.rules.booking.BookingRules.day_windows]
    answers, and what a [`ChangeWindowTable`][] holds for each service and day.

    Attributes:
        start: when the service starts that day.
        add: the window of adding; None when the service does not run that day.
        cancel: the window of cancelling; None when the service does not run that day.
        closed: the closure or holiday that stops the service, when it does not run (None for a
            weekday it never runs).
    """

    start: datetime
    add: ChangeWindow | None
    cancel: ChangeWindow | None
    closed: str | None = None

    def window(self, action: ChangeAction) -> ChangeWindow | None:
        """The window of *action*, or None when the service does not run."""
        return self.add if action is ChangeAction.ADD else self.cancel


def _booking_rules(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    # Imported here: the booking module takes tables, so it cannot be imported before this one.
    from cantine_rules.rules.booking import BookingRules

    if not isinstance(value, BookingRules):
        raise InvalidTypeError(attribute.name, value, "must be BookingRules")


def _codes(value: Iterable[str] | None) -> tuple[str, ...]:
    return () if value is None else tuple(value)


@pickled_by_fields
@attrs.frozen
class ChangeWindowTable:
    """The change windows of *rules* for *services* on every day from *first* to *last*.

    Built once, then only read: it is a value that the caller owns (equal when built from equal
    rules over the same days), never a store hidden in the rules.

    Attributes:
        rules: the booking rules it was built from; a table is only used with equal rules.
        first: the first day covered.
        last: the last day covered (included).
        services: the codes of the services covered; every service of the rules when none are
            given.

    Raises:
        InvalidValueError: *last* is before *first*.
        UnknownServiceError: a code in *services* is not one of the rules' services.
        OutOfRangeError: a day is outside what the rules' calendar knows.
    """

    rules: BookingRules = attrs.field(validator=_booking_rules)
    first: date = attrs.field(validator=a_date)
    last: date = attrs.field(validator=a_date)
    services: tuple[str, ...] = attrs.field(default=None, converter=_codes)
    # Each service's days in order, from *first*: a grid reads a run of days as one slice.
    _rows: dict[str, tuple[DayWindows, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    # The planning cell of each day without service, made once: grids share them.
    _closed: dict[str, tuple[PlanningDay | None, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidValueError("last", self.last, f"must not be before {self.first}")
        known = tuple(service.code for service in self.rules.services)
        if not self.services:
            object.__setattr__(self, "services", known)
        for index, code in enumerate(self.services):
            if code not in known:
                raise UnknownServiceError(code, known, field=f"services[{index}]")
        # Imported here: the planning grid reads tables, so it cannot be imported before this.
        from cantine_rules.rules.planning_grid import closed_cell

        span = [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]
        rows = {
            code: tuple(self.rules.day_windows(code, day) for day in span) for code in self.services
        }
        closed = {
            code: tuple(
                None if entry.add is not None else closed_cell(day, entry.closed)
                for day, entry in zip(span, row, strict=True)
            )
            for code, row in rows.items()
        }
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_closed", closed)

    @classmethod
    def for_school_year(
        cls, rules: BookingRules, day: date, *, services: Iterable[str] | None = None
    ) -> ChangeWindowTable:
        """The table of the school year containing *day*, 1 September to 31 August.

        Examples:
            >>> from cantine_rules import policies
            >>> paris = policies.get("paris").booking
            >>> len(ChangeWindowTable.for_school_year(paris, date(2024, 9, 2), services=["repas"]))
            365
        """
        year = rules.calendar.school_year(day)
        return cls(rules, year.start, year.end, services)

    def __len__(self) -> int:
        """The number of (service, day) pairs covered."""
        return sum(len(row) for row in self._rows.values())

    def covers(self, code: str, day: date) -> bool:
        """True when the table holds the service *code* on *day*."""
        return self.entry(code, day) is not None

    def entry(self, code: str, day: date) -> DayWindows | None:
        """What the table holds for *code* on *day*, or None when it does not cover them."""
        row = self._rows.get(code)
        offset = day.toordinal() - self.first.toordinal()
        return row[offset] if row is not None and 0 <= offset < len(row) else None

    def entries(self, code: str, first: date, last: date) -> tuple[DayWindows | None, ...]:
        """What the table holds for *code* on each day from *first* to *last*, in order.

        None stands for each day the table does not cover.

        Examples:
            >>> from cantine_rules import policies
            >>> paris = policies.get("paris").booking
            >>> table = ChangeWindowTable(paris, date(2024, 9, 2), date(2024, 9, 3))
            >>> held = table.entries("repas", date(2024, 9, 1), date(2024, 9, 4))
            >>> [entry is None for entry in held]
            [True, False, False, True]
        """
        return self._span(self._rows.get(code, ()), first, last)

    def closed_cells(self, code: str, first: date, last: date) -> tuple[PlanningDay | None, ...]:
        """The planning cell of each day from *first* to *last* when *code* does not run then.

        None stands for each day the service runs, or the table does not cover. Grids drawn with
        the table share these cells (values, never changed) rather than making them again.
        """
        return self._span(self._closed.get(code, ()), first, last)

    def _span(self, row: tuple[_T, ...], first: date, last: date) -> tuple[_T | None, ...]:
        """The items of *row* (one per day from the table's first) for *first* to *last*."""
        count = max((last - first).days + 1, 0)
        low = first.toordinal() - self.first.toordinal()
        high = low + count
        inside = row[max(low, 0) : max(min(high, len(row)), 0)]
        before = min(max(-low, 0), count)
        return (None,) * before + inside + (None,) * (count - before - len(inside))

    def window(self, action: ChangeAction, code: str, day: date) -> ChangeWindow:
        """The window of *action* on the service *code* for *day* (see ``BookingRules.window``).

        Outside the table, or on a day the service does not run, it is computed from the rules.
        """
        found = self.entry(code, day)
        window = found.window(action) if found is not None else None
        return window if window is not None else self.rules.window(action, code, day)


def checked_table(
    table: ChangeWindowTable | None, rules: BookingRules, field: str = "table"
) -> ChangeWindowTable | None:
    """*table*, when it is None or a table built from *rules* (or equal ones).

    For the engine's functions that take a table; the error names *field*.
    """
    if table is None:
        return None
    if not isinstance(table, ChangeWindowTable):
        raise InvalidTypeError(field, table, "must be a ChangeWindowTable")
    if table.rules is not rules and table.rules != rules:
        raise InvalidValueError(field, table, "was built from other booking rules")
    return table
