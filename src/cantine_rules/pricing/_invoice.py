"""Invoicing after the fact (postfacturation, seed 002): a period's bookings and attendance → lines.

The rules, in the order they are applied to each (child, service, day) of the period:

1. A line exists for each day booked by a booking whose state books the day (validated, or its
   cancellation not yet granted; see [`RequestState.books_the_day`][]), and for each day the
   booking rules charged (a [`DecidedCharge`][]) even if it is no longer booked.
2. An absence justified by a medical certificate or accepted by the commune is **not charged**
   (« bien justifier les absences en cas de maladie par un certificat médical », seed 000): the line
   shows quantity 0 and 0,00 €, whatever else applies to the day — except a decided charge that is
   not ``waivable``, because the booking rules already weighed that justification.
3. Otherwise a decided charge replaces the tariff: a late cancellation is billed « le prix du
   service », a late add « un tarif majoré » (seed 002), as the booking rules decided.
4. Otherwise the day is charged at the tariff's unit price, whether the child came or was absent
   without justification (an unjustified absence of a booked service is charged).

Days outside the period are ignored, so a year of bookings can be invoiced month by month. A child
present on a day that is neither booked nor charged gets no line; the day is listed in
[`Invoice.unbooked_presences`][] for the commune to decide.

Lines come in one canonical order — child, service, day — so an invoice never depends on the order
of its bookings. Prices are asked once per child, service and tariff version (see
[`PricedUnit`][cantine_rules.pricing.accounts.PricedUnit]), not once per line.

Examples:
    >>> from datetime import date
    >>> from cantine_rules import Booking, Money
    >>> from cantine_rules.pricing._priced_unit import flat_pricer
    >>> days = [date(2024, 9, d) for d in (2, 3, 5, 6)]
    >>> bookings = [Booking("louise", "cantine", day) for day in days]
    >>> invoice = build_invoice(bookings, flat_pricer(Money.euros("3.60"), "à l'unité"),
    ...                         start=date(2024, 9, 1), end=date(2024, 9, 30))
    >>> invoice.total
    Money.euros('14.40')
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, MutableSequence, Sequence
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final, overload

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import identifier, non_negative_money
from cantine_rules.bookings import BookingSet, DaysWindow
from cantine_rules.bookings import _positions as positions
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import Booking, RequestState
from cantine_rules.money import Money
from cantine_rules.pricing._attendance_sheet import (
    ABSENT_SLOT,
    JUSTIFICATIONS,
    JUSTIFIED_SLOT,
    PRESENT_SLOT,
    Attendance,
    AttendanceSheet,
    LineKey,
    Presence,
)
from cantine_rules.pricing._priced_unit import PricedUnit, UnitPricer

__all__ = [
    "Attendance",
    "AttendanceSheet",
    "DecidedCharge",
    "Invoice",
    "InvoiceLine",
    "InvoiceLines",
    "LineKey",
    "LineKind",
    "Presence",
    "build_invoice",
]

_ZERO: Final = Money.zero()
_BOOKS_THE_DAY: Final = frozenset(state for state in RequestState if state.books_the_day)
_JUSTIFIED_SLOTS: Final = range(JUSTIFIED_SLOT, JUSTIFIED_SLOT + len(JUSTIFICATIONS))


@attrs.frozen
class DecidedCharge:
    """What the booking rules decided a late change costs, replacing the tariff for that day.

    Attributes:
        amount: the charge, already rounded (for example a day price + 3 €, or 10 € flat).
        label: what the line shows as its tariff (« tarif majoré »).
        reason: why (« ajout hors délai », « annulation hors délai »).
        waivable: whether a justified absence recorded later still waives it. False when the
            booking rules already weighed the justification, as for the « jour de carence » of a
            cancellation made with a medical certificate, which stays charged.

    Examples:
        >>> DecidedCharge(Money.euros("10"), "tarif majoré", "ajout hors délai").amount
        Money.euros('10.00')
    """

    amount: Money = attrs.field(validator=non_negative_money)
    label: str = attrs.field(validator=identifier)
    reason: str = attrs.field(validator=identifier)
    waivable: bool = True


class LineKind(StrEnum):
    """Why an invoice line is charged (or not)."""

    BOOKED = "booked"
    """Booked, and present or attendance not recorded: charged at the tariff."""
    UNJUSTIFIED_ABSENCE = "unjustified_absence"
    """Booked and absent without justification: charged at the tariff."""
    JUSTIFIED_ABSENCE = "justified_absence"
    """Absent with a justification: not charged (quantity 0)."""
    DECIDED = "decided"
    """A late add or a late cancellation: charged what the booking rules decided."""


@attrs.frozen
class InvoiceLine:
    """One line of an invoice. Built by [`build_invoice`][], which checked its inputs.

    ``amount`` is ``unit_price × quantity``; ``quantity`` is 1, or 0 for a justified absence.
    ``reason`` is the decided charge's reason, or the justification of an absence, else None.

    Examples:
        >>> line = InvoiceLine(date(2024, 9, 2), "louise", "cantine", "à l'unité",
        ...                    Money.euros("3.60"), 1, Money.euros("3.60"), LineKind.BOOKED)
        >>> line.amount
        Money.euros('3.60')
    """

    # No validators: a month of a large commune has hundreds of thousands of lines, and each is
    # built from values build_invoice has already checked.
    day: date
    child_id: str
    service_code: str
    tariff_name: str
    unit_price: Money
    quantity: int
    amount: Money
    kind: LineKind
    reason: str | None = None

    @property
    def key(self) -> LineKey:
        """``(child_id, service_code, day)``."""
        return (self.child_id, self.service_code, self.day)


# What a line's kind is stored as: a bit in one of a group's bitmaps (see InvoiceLines).
_Bitmaps = MutableSequence[int]


def _bitmaps(span: int) -> _Bitmaps:
    """An empty column of bitmaps of *span* days: machine words when they fit, else ints."""
    return array("Q") if span <= 64 else []


@attrs.frozen(eq=False, repr=False)
class InvoiceLines(Sequence[InvoiceLine]):
    """The lines of an invoice built by `build_invoice`, a few words per child and service.

    It reads as the tuple of `InvoiceLine` it stands for — index it, slice it, iterate it,
    compare it with a tuple — but keeps, for each child and service with a line, the bitmaps of
    its days (bit 0 is the period's first day): the days with a line, those absent without
    justification, those justified (one bitmap per justification), and the tariff of its days
    (its tariff runs when the price changes within the period, its decided charges apart). A
    month of a large commune then makes no Python object per line until one is read.

    >>> from cantine_rules import Booking
    >>> from cantine_rules.pricing._priced_unit import flat_pricer
    >>> lines = build_invoice([Booking("louise", "cantine", date(2024, 9, 2))],
    ...                       flat_pricer(Money.euros("3.60"), "à l'unité"),
    ...                       start=date(2024, 9, 1), end=date(2024, 9, 30)).lines
    >>> len(lines), lines[0].amount, lines == tuple(lines)
    (1, Money.euros('3.60'), True)
    """

    # The ordinal of the day of bit 0 (the period's first day).
    _origin: int
    # Per group (child and service with a line), in canonical order:
    _children: list[str]
    _codes: list[str]
    _starts: array[int]  # the index of the group's first line
    _lines: _Bitmaps  # the days with a line
    _unjustified: _Bitmaps  # charged at the tariff, absent without justification
    _justified: tuple[_Bitmaps, ...]  # not charged, one column per justification
    _tariff: array[int]  # the tariff of its first tariff run (-1: every line is decided)
    # The distinct (tariff name, unit price) of the lines, in the order first met.
    _table: list[tuple[str, Money]]
    # Group → its tariff runs, (first day's bit, tariff), when it has more than one.
    _runs: dict[int, tuple[tuple[int, int], ...]]
    # Group → day's bit → (tariff, reason) of each decided charge.
    _decided: dict[int, dict[int, tuple[int, str]]]
    _count: int

    def __len__(self) -> int:
        return self._count

    def _group_lines(self, group: int) -> Iterator[InvoiceLine]:
        """The lines of *group*, in day order."""
        child_id, code = self._children[group], self._codes[group]
        unjustified = self._unjustified[group]
        justified = [column[group] for column in self._justified]
        runs = self._runs.get(group, ((0, self._tariff[group]),))
        decided = self._decided.get(group, {})
        table, origin = self._table, self._origin
        run = 0
        for offset in positions(self._lines[group]):
            bit = 1 << offset
            reason = next(
                (JUSTIFICATIONS[slot].value for slot, bits in enumerate(justified) if bits & bit),
                None,
            )
            charge = decided.get(offset)
            if charge is not None:
                index, charged = charge
                kind = LineKind.DECIDED if reason is None else LineKind.JUSTIFIED_ABSENCE
                reason = charged if reason is None else reason
            else:
                while run + 1 < len(runs) and runs[run + 1][0] <= offset:
                    run += 1
                index = runs[run][1]
                if reason is not None:
                    kind = LineKind.JUSTIFIED_ABSENCE
                elif unjustified & bit:
                    kind = LineKind.UNJUSTIFIED_ABSENCE
                else:
                    kind = LineKind.BOOKED
            name, price = table[index]
            free = kind is LineKind.JUSTIFIED_ABSENCE
            yield InvoiceLine(
                date.fromordinal(origin + offset),
                child_id,
                code,
                name,
                price,
                0 if free else 1,
                _ZERO if free else price,
                kind,
                reason,
            )

    @overload
    def __getitem__(self, index: int) -> InvoiceLine: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[InvoiceLine, ...]: ...

    def __getitem__(self, index: int | slice) -> InvoiceLine | tuple[InvoiceLine, ...]:
        if isinstance(index, slice):
            return tuple(self[position] for position in range(*index.indices(len(self))))
        size = len(self)
        position = index + size if index < 0 else index
        if not 0 <= position < size:
            raise IndexError("invoice line index out of range")
        group = bisect_right(self._starts, position) - 1
        lines = self._group_lines(group)
        for _ in range(position - self._starts[group]):
            next(lines)
        return next(lines)

    def __iter__(self) -> Iterator[InvoiceLine]:
        for group in range(len(self._children)):
            yield from self._group_lines(group)

    def _columns(self) -> tuple[object, ...]:
        return (
            self._origin,
            self._children,
            self._codes,
            self._starts,
            self._lines,
            self._unjustified,
            self._justified,
            self._tariff,
            self._table,
            self._runs,
            self._decided,
        )

    def __eq__(self, other: object) -> bool:
        # Columns built from the same lines are equal (groups, tariffs and runs are numbered in
        # line order); lines of another period are compared one by one.
        if isinstance(other, InvoiceLines) and other._origin == self._origin:
            return self._columns() == other._columns()
        if isinstance(other, InvoiceLines | tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"InvoiceLines({tuple(self)!r})"


def _totals(items: dict[str, int]) -> Mapping[str, Money]:
    # Many children owe the same amount: each amount is made once (Money is immutable).
    amounts: dict[int, Money] = {}
    totals = {}
    for key in sorted(items):
        cents = items[key]
        amount = amounts.get(cents)
        if amount is None:
            amount = amounts[cents] = Money(cents)
        totals[key] = amount
    return MappingProxyType(totals)


@pickled_by_fields
@attrs.frozen
class Invoice:
    """An invoice for a period: its lines in canonical order and its totals.

    Attributes:
        start: the first day of the period.
        end: the last day of the period (inclusive).
        lines: child, service, day order: a tuple, or the `InvoiceLines` that
            `build_invoice` makes, which reads as one.
        total: the sum of the lines.
        totals_by_child: child id → total, sorted by child id.
        totals_by_service: service code → total, sorted by service code.
        unbooked_presences: days a child was present without booking nor charge, sorted.

    Examples:
        >>> Invoice.from_lines(date(2024, 9, 1), date(2024, 9, 30), ()).total
        Money.euros('0.00')
    """

    start: date
    end: date
    lines: Sequence[InvoiceLine]
    total: Money
    totals_by_child: Mapping[str, Money] = attrs.field(hash=False)
    totals_by_service: Mapping[str, Money] = attrs.field(hash=False)
    unbooked_presences: tuple[LineKey, ...] = ()

    @classmethod
    def from_lines(
        cls,
        start: date,
        end: date,
        lines: Iterable[InvoiceLine],
        unbooked_presences: Iterable[LineKey] = (),
    ) -> Invoice:
        """The invoice made of *lines* (put in canonical order), with its totals.

        Examples:
            >>> line = InvoiceLine(date(2024, 9, 2), "louise", "cantine", "à l'unité",
            ...                    Money.euros("3.60"), 1, Money.euros("3.60"), LineKind.BOOKED)
            >>> Invoice.from_lines(date(2024, 9, 1), date(2024, 9, 30), [line]).totals_by_child
            mappingproxy({'louise': Money.euros('3.60')})
        """
        ordered = tuple(sorted(lines, key=_canonical))
        by_child: dict[str, int] = {}
        by_service: dict[str, int] = {}
        total = 0
        for line in ordered:
            cents = line.amount.cents
            total += cents
            by_child[line.child_id] = by_child.get(line.child_id, 0) + cents
            by_service[line.service_code] = by_service.get(line.service_code, 0) + cents
        return cls(
            start,
            end,
            ordered,
            Money(total),
            _totals(by_child),
            _totals(by_service),
            tuple(sorted(unbooked_presences)),
        )


def _canonical(line: InvoiceLine) -> tuple[str, str, date]:
    return (line.child_id, line.service_code, line.day)


def _check_period(start: object, end: object) -> None:
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise InvalidTypeError(name, value, "must be a datetime.date")
    if end < start:  # type: ignore[operator]
        raise InvalidValueError("end", end, f"must not be before start {start}")


def _check_decided(
    decided_charges: Mapping[LineKey, DecidedCharge], start: date, end: date
) -> dict[str, dict[str, dict[int, DecidedCharge]]]:
    """The charges within the period: child → service → day's offset from *start* → charge."""
    by_child: dict[str, dict[str, dict[int, DecidedCharge]]] = {}
    origin = start.toordinal()
    for key, charge in decided_charges.items():
        field = f"decided_charges[{key!r}]"
        if not isinstance(charge, DecidedCharge):
            raise InvalidTypeError(field, charge, "must be a DecidedCharge")
        if not (isinstance(key, tuple) and len(key) == 3 and isinstance(key[2], date)):
            raise InvalidTypeError(field, key, "the key must be (child_id, service_code, day)")
        child_id, service_code, day = key
        if start <= day <= end:
            services = by_child.setdefault(child_id, {})
            services.setdefault(service_code, {})[day.toordinal() - origin] = charge
    return by_child


def _booked_window(bookings: Iterable[Booking], start: date, end: date) -> DaysWindow:
    """The days *bookings* book from *start* to *end*, as bitmaps (bit 0: *start*)."""
    if isinstance(bookings, BookingSet):
        return bookings.window(start, end)
    groups: dict[str, dict[str, int]] = {}
    books_the_day, origin = _BOOKS_THE_DAY, start.toordinal()
    for index, booking in enumerate(bookings):
        if not isinstance(booking, Booking):
            raise InvalidTypeError(f"bookings[{index}]", booking, "must be a Booking")
        day = booking.day
        if start <= day <= end and booking.state in books_the_day:
            services = groups.get(booking.child_id)
            if services is None:
                services = groups[booking.child_id] = {}
            bits = services.get(booking.service_code, 0)
            bit = 1 << (day.toordinal() - origin)
            if bits & bit:
                key = (booking.child_id, booking.service_code, day)
                raise InvalidValueError("bookings", key, "book the same day twice")
            services[booking.service_code] = bits | bit
    return DaysWindow(groups, 0, end.toordinal() - origin + 1, {})


def build_invoice(
    bookings: Iterable[Booking],
    pricer: UnitPricer,
    *,
    start: date,
    end: date,
    attendance: Mapping[LineKey, Attendance] | None = None,
    decided_charges: Mapping[LineKey, DecidedCharge] | None = None,
) -> Invoice:
    """The invoice of the period *start*..*end* (inclusive) for *bookings*.

    Args:
        bookings: any bookings; only those whose state books the day, within the period, count.
            A [`BookingSet`][cantine_rules.bookings.BookingSet] is read as bitmaps, without
            making a booking per day.
        pricer: the unit price of a child's service on a day; asked once per tariff version.
        start: the first day of the period.
        end: the last day of the period.
        attendance: what was recorded per ``(child_id, service_code, day)``; a booked day with no
            record is charged as booked. An [`AttendanceSheet`][] is read as bitmaps; any other
            mapping is first put in one.
        decided_charges: what the booking rules decided late changes cost, per
            ``(child_id, service_code, day)``.

    Raises:
        InvalidTypeError: a booking, an attendance record, a decided charge or a price has the
            wrong type (the field names which).
        InvalidValueError: two bookings book the same child, service and day; the period ends
            before it starts; the pricer returned a price not valid on the day asked.

    Examples:
        >>> from cantine_rules import Booking, Justification, Money
        >>> from cantine_rules.pricing._priced_unit import flat_pricer
        >>> sick = {("louise", "cantine", date(2024, 9, 3)):
        ...         Attendance.absent(Justification.MEDICAL_CERTIFICATE)}
        >>> bookings = [Booking("louise", "cantine", date(2024, 9, d)) for d in (2, 3)]
        >>> build_invoice(bookings, flat_pricer(Money.euros("3.60"), "à l'unité"),
        ...               start=date(2024, 9, 1), end=date(2024, 9, 30), attendance=sick).total
        Money.euros('3.60')
    """
    _check_period(start, end)
    booked = _booked_window(bookings, start, end)
    sheet = AttendanceSheet.from_records(attendance or {}, field="attendance")
    decided = _check_decided(decided_charges or {}, start, end)
    origin = start.toordinal()
    calendar = [date.fromordinal(origin + offset) for offset in range(end.toordinal() - origin + 1)]
    prices = _Prices(pricer, origin, calendar)
    return _invoice(start, end, prices, booked, sheet.windows(start, end), decided)


class _Prices:
    """The tariffs of an invoice's lines: each price unit checked and numbered once."""

    __slots__ = ("calendar", "origin", "pricer", "runs", "span", "table", "tariffs", "versions")

    def __init__(self, pricer: UnitPricer, origin: int, calendar: list[date]) -> None:
        self.pricer, self.origin, self.calendar = pricer, origin, calendar
        self.span = len(calendar)
        # The distinct (tariff name, unit price) of the lines, numbered in the order met.
        self.table: list[tuple[str, Money]] = []
        self.tariffs: dict[tuple[str, int], int] = {}
        # id of a price unit → (the unit, its first and last bit, its number, its cents).
        self.versions: dict[int, tuple[PricedUnit, int, int, int, int]] = {}
        # Group → its tariff runs, (first day's bit, tariff), when it has more than one.
        self.runs: dict[int, tuple[tuple[int, int], ...]] = {}

    def index(self, name: str, price: Money) -> int:
        """The number of the tariff (name, unit price), given when first met."""
        key = (name, price.cents)
        found = self.tariffs.get(key)
        if found is None:
            found = self.tariffs[key] = len(self.table)
            self.table.append((name, price))
        return found

    def priced(self, child_id: str, code: str, days: int, free: int, group: int) -> tuple[int, int]:
        """The group's first tariff (-1 for no day) and the cents of its *days* not *free*.

        The pricer is asked once per tariff version; the group's tariff runs are noted when
        there are more than one.
        """
        runs: list[tuple[int, int]] = []
        cents = 0
        pricer, versions, calendar = self.pricer, self.versions, self.calendar
        while days:
            offset = (days & -days).bit_length() - 1
            unit = pricer(child_id, code, calendar[offset])
            # Most pricers hand out the same few units: each is checked and numbered once.
            version = versions.get(id(unit))
            if version is None or version[0] is not unit or not version[1] <= offset <= version[2]:
                version = self.version(unit, offset)
            _, low, high, index, each = version
            covered = days & ((1 << (high + 1)) - (1 << low))
            days ^= covered
            cents += each * (covered & ~free).bit_count()
            if not runs or runs[-1][1] != index:
                runs.append((offset, index))
        if len(runs) > 1:
            self.runs[group] = tuple(runs)
        return (runs[0][1] if runs else -1), cents

    def version(self, unit: object, offset: int) -> tuple[PricedUnit, int, int, int, int]:
        """*unit*, checked, with the first and last bit it holds for, its number and its cents."""
        day = self.calendar[offset]
        if not isinstance(unit, PricedUnit):
            raise InvalidTypeError("pricer", unit, "must return a PricedUnit")
        if not unit.holds_on(day):
            raise InvalidValueError(
                "pricer", unit, f"returned a price whose validity does not include {day}"
            )
        index, cents = self.index(unit.tariff_name, unit.unit_price), unit.unit_price.cents
        if not unit.is_versioned:
            # A price that states no range holds only for the day it was asked for.
            return unit, offset, offset, index, cents
        first = unit.valid_from.toordinal() - self.origin if unit.valid_from else 0
        last = unit.valid_until.toordinal() - self.origin if unit.valid_until else self.span
        version = (unit, max(first, 0), min(last, self.span - 1), index, cents)
        self.versions[id(unit)] = version
        return version


def _invoice(
    start: date,
    end: date,
    prices: _Prices,
    booked: DaysWindow,
    recorded: tuple[DaysWindow, ...],
    decided: dict[str, dict[str, dict[int, DecidedCharge]]],
) -> Invoice:
    """The invoice, a child and a service at a time, from bitmaps of days.

    Each (child, service) is worked out with a few operations on its bitmaps whatever its
    number of days: which days have a line, which are absent, which justified, and at which
    tariff (asked once per tariff version). Only a decided charge is looked at day by day.
    """
    span = end.toordinal() - start.toordinal() + 1
    calendar = prices.calendar
    children: list[str] = []
    codes: list[str] = []
    starts: array[int] = array("q")
    lines, unjustified = _bitmaps(span), _bitmaps(span)
    justified_columns = tuple(_bitmaps(span) for _ in JUSTIFICATIONS)
    tariffs: array[int] = array("q")
    notes: dict[int, dict[int, tuple[int, str]]] = {}
    by_child: dict[str, int] = {}
    by_service: dict[str, int] = {}
    unbooked: list[LineKey] = []
    count = total = 0
    # Locals: the loop below runs once per child and service, a million times for a large
    # commune.
    add_child, add_code, add_start, add_lines = (
        children.append,
        codes.append,
        starts.append,
        lines.append,
    )
    add_unjustified, add_tariff, priced = unjustified.append, tariffs.append, prices.priced
    justified_slots = _JUSTIFIED_SLOTS
    no_charges: dict[str, dict[int, DecidedCharge]] = {}
    everyone = set(booked.children)
    everyone.update(decided, recorded[PRESENT_SLOT].children)
    for child_id in sorted(everyone):
        services = booked.services(child_id)
        charges_of = decided.get(child_id, no_charges)
        records = [window.services(child_id) for window in recorded]
        present_of, absent_of = records[PRESENT_SLOT], records[ABSENT_SLOT]
        for code in sorted(services.keys() | charges_of.keys() | present_of.keys()):
            days = services.get(code, 0)
            charges = charges_of.get(code)
            charged = waivable = 0
            if charges:
                for offset, charge in charges.items():
                    charged |= 1 << offset
                    if charge.waivable:
                        waivable |= 1 << offset
                days |= charged
            present = present_of.get(code, 0)
            if present & ~days:
                # A presence on a day neither booked nor charged: for the commune to decide.
                unbooked += [(child_id, code, calendar[n]) for n in positions(present & ~days)]
            if not days:
                continue
            # Rule 2 of the module: a justified absence is not charged, on a tariff day or on
            # the day of a waivable decided charge.
            at_tariff = days & ~charged
            excused = at_tariff | waivable
            justified = [records[slot].get(code, 0) & excused for slot in justified_slots]
            free = 0
            for bits in justified:
                free |= bits
            group = len(children)
            tariff, cents = priced(child_id, code, at_tariff, free, group)
            if charges:
                noted: dict[int, tuple[int, str]] = {}
                for offset, charge in sorted(charges.items()):
                    noted[offset] = (prices.index(charge.label, charge.amount), charge.reason)
                    if not free >> offset & 1:
                        cents += charge.amount.cents
                notes[group] = noted
            add_child(child_id)
            add_code(code)
            add_start(count)
            add_lines(days)
            add_unjustified(absent_of.get(code, 0) & at_tariff)
            for column, bits in zip(justified_columns, justified, strict=True):
                column.append(bits)
            add_tariff(tariff)
            count += days.bit_count()
            total += cents
            by_child[child_id] = by_child.get(child_id, 0) + cents
            by_service[code] = by_service.get(code, 0) + cents
    return Invoice(
        start,
        end,
        InvoiceLines(
            start.toordinal(),
            children,
            codes,
            starts,
            lines,
            unjustified,
            justified_columns,
            tariffs,
            prices.table,
            prices.runs,
            notes,
            count,
        ),
        Money(total),
        _totals(by_child),
        _totals(by_service),
        tuple(unbooked),
    )
