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

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from enum import StrEnum
from itertools import pairwise
from types import MappingProxyType
from typing import Any, Final, overload

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import enum_member, identifier, non_negative_money
from cantine_rules.bookings import BookingSet
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import Booking, Justification, RequestState
from cantine_rules.money import Money
from cantine_rules.pricing._priced_unit import PricedUnit, UnitPricer

__all__ = [
    "Attendance",
    "DecidedCharge",
    "Invoice",
    "InvoiceLine",
    "InvoiceLines",
    "LineKey",
    "LineKind",
    "Presence",
    "build_invoice",
]

LineKey = tuple[str, str, date]
"""A line's identity: ``(child_id, service_code, day)``."""

_ZERO: Final = Money.zero()
_BOOKS_THE_DAY: Final = frozenset(state for state in RequestState if state.books_the_day)


class Presence(StrEnum):
    """Whether the child was there."""

    PRESENT = "present"
    ABSENT = "absent"


def _check_justification(
    instance: Attendance, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    enum_member(Justification)(instance, attribute, value)
    if instance.presence is Presence.PRESENT:
        raise InvalidValueError("justification", value, "only an absence is justified")


@attrs.frozen
class Attendance:
    """What was recorded for a booked day: present, absent, or absent with a justification.

    Examples:
        >>> Attendance.absent(Justification.MEDICAL_CERTIFICATE).is_justified_absence
        True
    """

    presence: Presence = attrs.field(validator=enum_member(Presence))
    justification: Justification | None = attrs.field(default=None, validator=_check_justification)

    @classmethod
    def present(cls) -> Attendance:
        """The child came."""
        return _PRESENT

    @classmethod
    def absent(cls, justification: Justification | None = None) -> Attendance:
        """The child did not come; with a justification the day is not charged."""
        return cls(Presence.ABSENT, justification)

    @property
    def is_justified_absence(self) -> bool:
        """True for an absence with a justification (a medical certificate, say)."""
        return self.justification is not None


_PRESENT: Final = Attendance(Presence.PRESENT)


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


@attrs.frozen(eq=False, repr=False)
class InvoiceLines(Sequence[InvoiceLine]):
    """The lines of an invoice built by `build_invoice`, held by column.

    It reads as the tuple of `InvoiceLine` it stands for — index it, slice it, iterate it,
    compare it with a tuple — but keeps each child and service once and, per line, only the day,
    the tariff, the kind and the reason: a month of a large commune then makes no Python object
    per line until one is read.

    >>> from cantine_rules import Booking
    >>> from cantine_rules.pricing._priced_unit import flat_pricer
    >>> lines = build_invoice([Booking("louise", "cantine", date(2024, 9, 2))],
    ...                       flat_pricer(Money.euros("3.60"), "à l'unité"),
    ...                       start=date(2024, 9, 1), end=date(2024, 9, 30)).lines
    >>> len(lines), lines[0].amount, lines == tuple(lines)
    (1, Money.euros('3.60'), True)
    """

    # (child_id, service_code) of each group of lines, and the index of each group's first line.
    _groups: tuple[tuple[str, str], ...]
    _starts: tuple[int, ...]
    _days: list[date]
    _tariffs: list[tuple[str, Money]]
    _kinds: list[LineKind]
    _reasons: list[str | None]

    def __len__(self) -> int:
        return len(self._days)

    def _line(self, group: int, index: int) -> InvoiceLine:
        child_id, service_code = self._groups[group]
        name, price = self._tariffs[index]
        kind = self._kinds[index]
        if kind is LineKind.JUSTIFIED_ABSENCE:
            quantity, amount = 0, _ZERO
        else:
            quantity, amount = 1, price
        return InvoiceLine(
            self._days[index],
            child_id,
            service_code,
            name,
            price,
            quantity,
            amount,
            kind,
            self._reasons[index],
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
        return self._line(bisect_right(self._starts, position) - 1, position)

    def __iter__(self) -> Iterator[InvoiceLine]:
        ends = (*self._starts[1:], len(self)) if self._starts else ()
        for group, (first, end) in enumerate(zip(self._starts, ends, strict=True)):
            for index in range(first, end):
                yield self._line(group, index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, InvoiceLines):
            return (
                self._groups == other._groups
                and self._starts == other._starts
                and self._days == other._days
                and self._tariffs == other._tariffs
                and self._kinds == other._kinds
                and self._reasons == other._reasons
            )
        if isinstance(other, tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"InvoiceLines({tuple(self)!r})"


def _totals(items: dict[str, int]) -> Mapping[str, Money]:
    return MappingProxyType({key: Money(items[key]) for key in sorted(items)})


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
) -> dict[tuple[str, str], list[date]]:
    by_group: dict[tuple[str, str], list[date]] = {}
    for key, charge in decided_charges.items():
        field = f"decided_charges[{key!r}]"
        if not isinstance(charge, DecidedCharge):
            raise InvalidTypeError(field, charge, "must be a DecidedCharge")
        if not (isinstance(key, tuple) and len(key) == 3 and isinstance(key[2], date)):
            raise InvalidTypeError(field, key, "the key must be (child_id, service_code, day)")
        child_id, service_code, day = key
        if start <= day <= end:
            by_group.setdefault((child_id, service_code), []).append(day)
    return by_group


def _price(pricer: UnitPricer, child_id: str, service_code: str, day: date) -> PricedUnit:
    unit = pricer(child_id, service_code, day)
    if not isinstance(unit, PricedUnit):
        raise InvalidTypeError("pricer", unit, "must return a PricedUnit")
    if not unit.holds_on(day):
        raise InvalidValueError(
            "pricer", unit, f"returned a price whose validity does not include {day}"
        )
    return unit


def _validity(unit: PricedUnit, day: date) -> tuple[date, date]:
    # A price that states no range holds only for the day it was asked for.
    if not unit.is_versioned:
        return day, day
    return unit.valid_from or date.min, unit.valid_until or date.max


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
            A [`BookingSet`][cantine_rules.bookings.BookingSet] is read without making a booking per
            day.
        pricer: the unit price of a child's service on a day; asked once per tariff version.
        start: the first day of the period.
        end: the last day of the period.
        attendance: what was recorded per ``(child_id, service_code, day)``; a booked day with no
            record is charged as booked.
        decided_charges: what the booking rules decided late changes cost, per
            ``(child_id, service_code, day)``.

    Raises:
        InvalidTypeError: a booking, an attendance record, a decided charge or a price has the
            wrong type (the field names which).
        InvalidValueError: two bookings book the same child, service and day; the period ends
            before it starts; the pricer returned a price not valid on the day asked.

    Examples:
        >>> from cantine_rules import Booking, Money
        >>> from cantine_rules.pricing._priced_unit import flat_pricer
        >>> sick = {("louise", "cantine", date(2024, 9, 3)):
        ...         Attendance.absent(Justification.MEDICAL_CERTIFICATE)}
        >>> bookings = [Booking("louise", "cantine", date(2024, 9, d)) for d in (2, 3)]
        >>> build_invoice(bookings, flat_pricer(Money.euros("3.60"), "à l'unité"),
        ...               start=date(2024, 9, 1), end=date(2024, 9, 30), attendance=sick).total
        Money.euros('3.60')
    """
    _check_period(start, end)
    attendance = attendance or {}
    decided_charges = decided_charges or {}

    booked: defaultdict[tuple[str, str], list[date]] = defaultdict(list)
    # A BookingSet gives each child's and service's days in order, once each, without a Booking
    # per day: neither sorting nor the duplicate check is needed.
    from_set = isinstance(bookings, BookingSet)
    if isinstance(bookings, BookingSet):
        for child_id, service_code, days_booked in bookings.booked_between(start, end):
            booked[child_id, service_code] = days_booked
    else:
        books_the_day = _BOOKS_THE_DAY
        for index, booking in enumerate(bookings):
            if not isinstance(booking, Booking):
                raise InvalidTypeError(f"bookings[{index}]", booking, "must be a Booking")
            day = booking.day
            if start <= day <= end and booking.state in books_the_day:
                booked[booking.child_id, booking.service_code].append(day)

    decided_by_group = _check_decided(decided_charges, start, end)
    # The lines by column (see InvoiceLines): no object per line, only references to shared
    # days, tariffs and kinds.
    groups: list[tuple[str, str]] = []
    starts: list[int] = []
    line_days: list[date] = []
    tariffs: list[tuple[str, Money]] = []
    kinds: list[LineKind] = []
    reasons: list[str | None] = []
    add_day, add_tariff, add_kind, add_reason = (
        line_days.append,
        tariffs.append,
        kinds.append,
        reasons.append,
    )
    by_child: dict[str, int] = {}
    by_service: dict[str, int] = {}
    total = matched = 0
    # Locals: this loop runs once per line, hundreds of thousands of times for a large commune.
    zero, absent = _ZERO, Presence.ABSENT
    booked_kind, decided_kind = LineKind.BOOKED, LineKind.DECIDED
    justified_kind, unjustified_kind = LineKind.JUSTIFIED_ABSENCE, LineKind.UNJUSTIFIED_ABSENCE
    for group in sorted(booked.keys() | decided_by_group.keys()):
        child_id, service_code = group
        days = booked.get(group, [])
        if not from_set:
            days.sort()
            for previous, current in pairwise(days):
                if previous == current:
                    raise InvalidValueError(
                        "bookings", (child_id, service_code, current), "book the same day twice"
                    )
        late = decided_by_group.get(group)
        if late:
            days = sorted(set(days).union(late))
        groups.append(group)
        starts.append(len(line_days))
        # The days the last price holds for: reused while they last, so the pricer is asked once
        # per tariff version. Empty (first > last) until the first price is asked.
        first, last = date.max, date.min
        tariff: tuple[str, Money] = ("", zero)
        tariff_cents = 0
        group_cents = 0
        look_up = bool(attendance or late)
        for day in days:
            record = charge = None
            if look_up:
                key = (child_id, service_code, day)
                record = attendance.get(key)
                if record is not None:
                    if not isinstance(record, Attendance):
                        raise InvalidTypeError(f"attendance[{key!r}]", record, "must be Attendance")
                    matched += 1
                if late:
                    charge = decided_charges.get(key)
            if charge is None:
                if not first <= day <= last:
                    unit = _price(pricer, child_id, service_code, day)
                    tariff = (unit.tariff_name, unit.unit_price)
                    tariff_cents = unit.unit_price.cents
                    first, last = _validity(unit, day)
                add_day(day)
                add_tariff(tariff)
                if record is not None and record.presence is absent:
                    if record.justification is not None:
                        add_kind(justified_kind)
                        add_reason(record.justification.value)
                        continue
                    add_kind(unjustified_kind)
                else:
                    add_kind(booked_kind)
                add_reason(None)
                group_cents += tariff_cents
                continue
            add_day(day)
            add_tariff((charge.label, charge.amount))
            if (
                record is not None
                and record.presence is absent
                and record.justification is not None
                and charge.waivable
            ):
                add_kind(justified_kind)
                add_reason(record.justification.value)
                continue
            add_kind(decided_kind)
            add_reason(charge.reason)
            group_cents += charge.amount.cents
        total += group_cents
        by_child[child_id] = by_child.get(child_id, 0) + group_cents
        by_service[service_code] = by_service.get(service_code, 0) + group_cents

    # When every record matched a line, no record can be an unbooked presence: skip the pass.
    unbooked = (
        _unbooked_presences(attendance, booked, decided_by_group, start, end)
        if matched < len(attendance)
        else ()
    )
    return Invoice(
        start,
        end,
        InvoiceLines(tuple(groups), tuple(starts), line_days, tariffs, kinds, reasons),
        Money(total),
        _totals(by_child),
        _totals(by_service),
        unbooked,
    )


def _unbooked_presences(
    attendance: Mapping[LineKey, Attendance],
    booked: dict[tuple[str, str], list[date]],
    decided: dict[tuple[str, str], list[date]],
    start: date,
    end: date,
) -> tuple[LineKey, ...]:
    if not attendance:
        return ()
    known: dict[tuple[str, str], set[date]] = {}
    found: list[LineKey] = []
    for key, record in attendance.items():
        if not isinstance(record, Attendance):
            raise InvalidTypeError(f"attendance[{key!r}]", record, "must be Attendance")
        child_id, service_code, day = key
        if record.presence is not Presence.PRESENT or not start <= day <= end:
            continue
        group = (child_id, service_code)
        days = known.get(group)
        if days is None:
            days = known[group] = set(booked.get(group, ())) | set(decided.get(group, ()))
        if day not in days:
            found.append(key)
    return tuple(sorted(found))
