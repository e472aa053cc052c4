"""A compact set of booked days: a commune's year of bookings without a Python object per day.

A commune of 10,000 children booking three services on about 140 school days holds some 4
million booked days. As [`Booking`][cantine_rules.Booking] values they take well over a gigabyte;
a `BookingSet` keeps, for each (child, service), one ``int`` used as a bitmap of day
offsets from the set's first booked day, a few megabytes in all. It is immutable, equal by
value, and gives back [`Booking`][cantine_rules.Booking] values when iterated, so it goes
wherever bookings are expected; [`build_invoice`][cantine_rules.pricing.accounts.build_invoice]
reads it directly, without making a booking per day.

Days are booked in a [`RequestState`][cantine_rules.RequestState]: validated unless said
otherwise. The few days in another state (pending, cancellation requested…) are kept aside, by day.

>>> from datetime import date
>>> from cantine_rules import Booking
>>> days = BookingSet.from_bookings(
...     [Booking("louise", "repas", date(2024, 9, d)) for d in (2, 3, 5, 6)]
... )
>>> len(days), Booking("louise", "repas", date(2024, 9, 3)) in days
(4, True)
>>> days.days_of("louise", "repas")[-1]
datetime.date(2024, 9, 6)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Final

import attrs

from cantine_rules._validators import require_identifier
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import Booking, RequestState

__all__ = ["BookingSet", "DaysWindow"]

_VALIDATED: Final = RequestState.VALIDATED
# The bit positions set in each byte value, to read a bitmap a byte at a time.
_BYTE_BITS: Final = tuple(tuple(i for i in range(8) if value >> i & 1) for value in range(256))

_Groups = dict[str, dict[str, int]]
_States = dict[tuple[str, str, date], RequestState]


def _positions(bits: int) -> list[int]:
    """The positions of the bits set in *bits* (zero or more), in increasing order."""
    found: list[int] = []
    extend = found.extend
    for index, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) // 8, "little")):
        if byte:
            base = index * 8
            extend([base + bit for bit in _BYTE_BITS[byte]])
    return found


def _lowest(bits: int) -> int:
    """The position of the lowest bit set in *bits* (which is not zero)."""
    return (bits & -bits).bit_length() - 1


def _bitmap(days: Iterable[object], field: str) -> tuple[int, int]:
    """The ordinal of the first of *days* and their bitmap from it; ``(0, 0)`` for no day."""
    ordinals = [_day(day, field).toordinal() for day in days]
    if not ordinals:
        return 0, 0
    base = min(ordinals)
    bits = 0
    for ordinal in ordinals:
        bits |= 1 << (ordinal - base)
    return base, bits


def _day(value: object, field: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidTypeError(field, value, "must be a datetime.date")
    return value


@attrs.frozen(eq=False)
class BookingSet:
    """An immutable set of booked days, per child and service, each in a request state.

    Build one with `from_bookings` or `from_days`. Iterating gives
    [`Booking`][cantine_rules.Booking] values in child, service, day order; ``in`` takes a
    [`Booking`][cantine_rules.Booking] (the day booked in that state) or a ``(child_id,
    service_code, day)`` key (the day booked in any state).

    >>> from datetime import date
    >>> year = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 2), date(2024, 9, 3)]})
    >>> ("c1", "repas", date(2024, 9, 3)) in year, year.count()
    (True, 2)
    """

    # The ordinal of the day of bit 0: the first booked day, so that equal sets are equal field
    # by field (0 when the set is empty).
    _origin: int
    _groups: _Groups
    _states: _States

    # Building ---------------------------------------------------------------------------------

    @classmethod
    def _make(cls, groups: _Groups, states: _States, origin: int) -> BookingSet:
        """The set of *groups* (bits from *origin*), shifted so that bit 0 is the first day."""
        groups = {
            child_id: kept
            for child_id, services in groups.items()
            if (kept := {code: bits for code, bits in services.items() if bits})
        }
        states = {key: state for key, state in states.items() if state is not _VALIDATED}
        if not groups:
            return cls(0, {}, {})
        shift = min(_lowest(bits) for services in groups.values() for bits in services.values())
        if shift:
            groups = {
                child_id: {code: bits >> shift for code, bits in services.items()}
                for child_id, services in groups.items()
            }
        return cls(origin + shift, groups, states)

    @classmethod
    def from_bookings(cls, bookings: Iterable[Booking]) -> BookingSet:
        """The set of *bookings*, each day in its booking's state.

        Raises:
            InvalidTypeError: an item is not a [`Booking`][cantine_rules.Booking].
            InvalidValueError: two bookings are for the same child, service and day.

        >>> from cantine_rules import RequestState
        >>> asked = Booking("c1", "soir", date(2024, 9, 3), RequestState.PENDING)
        >>> list(BookingSet.from_bookings([asked])) == [asked]
        True
        """
        builder = _Builder()
        states: _States = {}
        for index, booking in enumerate(bookings):
            if not isinstance(booking, Booking):
                raise InvalidTypeError(f"bookings[{index}]", booking, "must be a Booking")
            if not builder.add(booking.child_id, booking.service_code, booking.day.toordinal()):
                key = (booking.child_id, booking.service_code, booking.day)
                raise InvalidValueError("bookings", key, "book the same day twice")
            if booking.state is not _VALIDATED:
                states[booking.child_id, booking.service_code, booking.day] = booking.state
        return builder.build(states)

    @classmethod
    def from_days(
        cls,
        days: Mapping[tuple[str, str], Iterable[date]],
        state: RequestState = RequestState.VALIDATED,
    ) -> BookingSet:
        """The days of each ``(child_id, service_code)`` of *days*, all booked in *state*.

        A day given twice is booked once.

        >>> BookingSet.from_days({("c1", "repas"): [date(2024, 9, 2)] * 2}).count()
        1
        """
        if not isinstance(state, RequestState):
            raise InvalidTypeError("state", state, "must be a RequestState")
        builder = _Builder()
        states: _States = {}
        # A period booking gives every child who ticked it the same tuple of days: a tuple is
        # read once, by identity (the mapping holds it, so its id is not reused meanwhile).
        read: dict[int, tuple[tuple[date, ...], int, int]] = {}
        for key, group_days in days.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InvalidTypeError("days", key, "keys must be (child_id, service_code)")
            child_id = require_identifier(key[0], "child_id")
            code = require_identifier(key[1], "service_code")
            shared = isinstance(group_days, tuple) and state is _VALIDATED
            known = read.get(id(group_days)) if shared else None
            if known is not None and known[0] is group_days:
                _, base, bits = known
            else:
                listed = list(group_days)
                base, bits = _bitmap(listed, f"days[{key!r}]")
                if shared:
                    read[id(group_days)] = (group_days, base, bits)  # type: ignore[assignment]
                if state is not _VALIDATED:
                    states.update(((child_id, code, day), state) for day in listed)
            if bits:
                builder.put(child_id, code, base, bits)
        return builder.build(states)

    # Reading ----------------------------------------------------------------------------------

    @property
    def first_day(self) -> date | None:
        """The first booked day, or None for an empty set."""
        return date.fromordinal(self._origin) if self._groups else None

    def count(self) -> int:
        """The number of booked days, in every state."""
        return sum(
            bits.bit_count() for services in self._groups.values() for bits in services.values()
        )

    def __len__(self) -> int:
        return self.count()

    def __bool__(self) -> bool:
        return bool(self._groups)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Booking):
            key = (item.child_id, item.service_code, item.day)
            return self._booked(*key) and self._states.get(key, _VALIDATED) is item.state
        if isinstance(item, tuple) and len(item) == 3:
            child_id, service_code, day = item
            if isinstance(day, date) and not isinstance(day, datetime):
                return self._booked(child_id, service_code, day)
        return False

    def _booked(self, child_id: object, service_code: object, day: date) -> bool:
        if not isinstance(child_id, str) or not isinstance(service_code, str):
            return False
        services = self._groups.get(child_id)
        if services is None:
            return False
        offset = day.toordinal() - self._origin
        return offset >= 0 and bool(services.get(service_code, 0) >> offset & 1)

    def state_of(self, child_id: str, service_code: str, day: date) -> RequestState | None:
        """The state *day* is booked in for the child and service, or None if it is not booked.

        >>> BookingSet.from_days({("c1", "repas"): [date(2024, 9, 2)]}).state_of(
        ...     "c1", "repas", date(2024, 9, 2)).value
        'validated'
        """
        if not self._booked(child_id, service_code, day):
            return None
        return self._states.get((child_id, service_code, day), _VALIDATED)

    def _dates(self, bits: int) -> list[date]:
        origin = self._origin
        return [date.fromordinal(origin + offset) for offset in _positions(bits)]

    def days_of(self, child_id: str, service_code: str) -> tuple[date, ...]:
        """The days booked for the child and service, in every state, in order.

        >>> BookingSet.from_days({("c1", "repas"): [date(2024, 9, 3)]}).days_of("c1", "soir")
        ()
        """
        bits = self._groups.get(child_id, {}).get(service_code, 0)
        return tuple(self._dates(bits))

    def children(self) -> tuple[str, ...]:
        """The children with at least one booked day, sorted."""
        return tuple(sorted(self._groups))

    def groups(self) -> tuple[tuple[str, str], ...]:
        """The ``(child_id, service_code)`` pairs with at least one booked day, sorted."""
        return tuple(
            (child_id, code)
            for child_id in sorted(self._groups)
            for code in sorted(self._groups[child_id])
        )

    def __iter__(self) -> Iterator[Booking]:
        states = self._states
        for child_id, code in self.groups():
            for day in self._dates(self._groups[child_id][code]):
                yield Booking(child_id, code, day, states.get((child_id, code, day), _VALIDATED))

    def __repr__(self) -> str:
        first = self.first_day.isoformat() if self.first_day else None
        return f"BookingSet(<{self.count()} days from {first}>)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BookingSet):
            return NotImplemented
        return (
            self._origin == other._origin
            and self._groups == other._groups
            and self._states == other._states
        )

    def __hash__(self) -> int:
        return hash((self._origin, self.count()))

    def booked_between(self, start: date, end: date) -> Iterator[tuple[str, str, list[date]]]:
        """Each child and service with its days from *start* to *end* whose state books the day.

        The days are in order; children, then services, are sorted. Days in a state that does
        not book the day (pending, refused, cancelled) are left out, as an invoice leaves them.
        The same ``date`` objects are shared by every child and service.

        >>> year = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 2), date(2024, 10, 1)]})
        >>> list(year.booked_between(date(2024, 9, 1), date(2024, 9, 30)))
        [('c1', 'repas', [datetime.date(2024, 9, 2)])]
        """
        window = self.window(start, end)
        calendar = [date.fromordinal(start.toordinal() + offset) for offset in range(window.span)]
        for child_id in sorted(window.children):
            services = window.services(child_id)
            for code in sorted(services):
                yield child_id, code, [calendar[offset] for offset in _positions(services[code])]

    def window(self, start: date, end: date) -> DaysWindow:
        """The days from *start* to *end* whose state books the day, as bitmaps (bit 0: *start*).

        What [`build_invoice`][cantine_rules.pricing.accounts.build_invoice] reads: a bitmap per
        child and service, made when the child is asked for, never a ``date`` per day.

        >>> year = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 2), date(2024, 9, 4)]})
        >>> bin(year.window(date(2024, 9, 1), date(2024, 9, 30)).services("c1")["repas"])
        '0b1010'
        """
        start, end = _day(start, "start"), _day(end, "end")
        if end < start:
            raise InvalidValueError("end", end, f"must not be before start {start}")
        span = end.toordinal() - start.toordinal() + 1
        excluded: dict[tuple[str, str], int] = {}
        for (child_id, code, day), state in self._states.items():
            offset = day.toordinal() - start.toordinal()
            if not state.books_the_day and 0 <= offset < span:
                key = (child_id, code)
                excluded[key] = excluded.get(key, 0) | 1 << offset
        return DaysWindow(self._groups, start.toordinal() - self._origin, span, excluded)

    # Combining --------------------------------------------------------------------------------

    def _aligned(self, other: BookingSet) -> tuple[int, _Groups, _Groups]:
        if not self._groups or not other._groups:
            origin = self._origin if self._groups else other._origin
            return origin, self._groups, other._groups
        origin = min(self._origin, other._origin)
        return (
            origin,
            _shifted(self._groups, self._origin - origin),
            _shifted(other._groups, other._origin - origin),
        )

    def union(self, other: BookingSet) -> BookingSet:
        """The days booked in either set; where both book a day, *other*'s state wins.

        >>> a = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 2)]})
        >>> b = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 3)]})
        >>> (a | b).count()
        2
        """
        if not isinstance(other, BookingSet):
            raise InvalidTypeError("other", other, "must be a BookingSet")
        origin, mine, theirs = self._aligned(other)
        groups = {child_id: dict(services) for child_id, services in mine.items()}
        for child_id, services in theirs.items():
            target = groups.setdefault(child_id, {})
            for code, bits in services.items():
                target[code] = target.get(code, 0) | bits
        states = {
            key: state
            for key, state in self._states.items()
            if not other._booked(key[0], key[1], key[2])
        }
        states.update(other._states)
        return BookingSet._make(groups, states, origin)

    def difference(self, other: BookingSet) -> BookingSet:
        """The days of this set that *other* does not book, whatever their state.

        >>> a = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 2), date(2024, 9, 3)]})
        >>> b = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 3)]})
        >>> (a - b).days_of("c1", "repas")
        (datetime.date(2024, 9, 2),)
        """
        if not isinstance(other, BookingSet):
            raise InvalidTypeError("other", other, "must be a BookingSet")
        origin, mine, theirs = self._aligned(other)
        groups = {
            child_id: {
                code: bits & ~theirs.get(child_id, {}).get(code, 0)
                for code, bits in services.items()
            }
            for child_id, services in mine.items()
        }
        states = {
            key: state
            for key, state in self._states.items()
            if not other._booked(key[0], key[1], key[2])
        }
        return BookingSet._make(groups, states, origin)

    def __or__(self, other: object) -> BookingSet:
        if not isinstance(other, BookingSet):
            return NotImplemented
        return self.union(other)

    def __sub__(self, other: object) -> BookingSet:
        if not isinstance(other, BookingSet):
            return NotImplemented
        return self.difference(other)

    def for_child(self, child_id: str) -> BookingSet:
        """The days booked for one child.

        >>> year = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 2)],
        ...                              ("c2", "repas"): [date(2024, 9, 3)]})
        >>> year.for_child("c2").children()
        ('c2',)
        """
        services = self._groups.get(child_id)
        if services is None:
            return BookingSet(0, {}, {})
        states = {key: state for key, state in self._states.items() if key[0] == child_id}
        return BookingSet._make({child_id: dict(services)}, states, self._origin)


class DaysWindow:
    """The days of a span, per child and service, as bitmaps whose bit 0 is the span's first day.

    Made by [`BookingSet.window`][]; read by child, so a commune's month is never copied whole.

    >>> year = BookingSet.from_days({("c1", "repas"): [date(2024, 9, 3)]})
    >>> window = year.window(date(2024, 9, 2), date(2024, 9, 8))
    >>> window.span, sorted(window.children), window.services("c2")
    (7, ['c1'], {})
    """

    __slots__ = ("_excluded", "_groups", "_low", "_mask", "span")

    def __init__(
        self, groups: _Groups, low: int, span: int, excluded: dict[tuple[str, str], int]
    ) -> None:
        self._groups = groups
        # The offset of the span's first day from the groups' bit 0 (negative when before it).
        self._low = low
        self._mask = (1 << span) - 1
        self._excluded = excluded
        self.span = span
        """The number of days in the window."""

    @property
    def children(self) -> Collection[str]:
        """The children with a booked day, within the span or not (in no particular order)."""
        return self._groups.keys()

    def services(self, child_id: str) -> dict[str, int]:
        """Each service of *child_id* with a day in the span, and the bitmap of those days."""
        services = self._groups.get(child_id)
        if services is None:
            return {}
        low, mask, excluded = self._low, self._mask, self._excluded
        found = {}
        for code, bits in services.items():
            window = (bits >> low if low >= 0 else bits << -low) & mask
            if excluded:
                window &= ~excluded.get((child_id, code), 0)
            if window:
                found[code] = window
        return found


class _Builder:
    """Bitmaps built a day at a time, each from its own first day, then put on one origin."""

    __slots__ = ("groups",)

    def __init__(self) -> None:
        # child id → service code → [ordinal of bit 0, bitmap]
        self.groups: dict[str, dict[str, list[int]]] = {}

    def add(self, child_id: str, code: str, ordinal: int) -> bool:
        """Book the day; False when it was already booked."""
        services = self.groups.get(child_id)
        if services is None:
            services = self.groups[child_id] = {}
        entry = services.get(code)
        if entry is None:
            services[code] = [ordinal, 1]
            return True
        base, bits = entry
        if ordinal < base:
            entry[0], bits = ordinal, bits << (base - ordinal)
            base = ordinal
        bit = 1 << (ordinal - base)
        entry[1] = bits | bit
        return not bits & bit

    def put(self, child_id: str, code: str, base: int, bits: int) -> None:
        """Book the days of *bits* (bit 0 is the day of ordinal *base*), the group's first."""
        self.groups.setdefault(child_id, {})[code] = [base, bits]

    def build(self, states: _States) -> BookingSet:
        origin = min(
            (entry[0] for services in self.groups.values() for entry in services.values()),
            default=0,
        )
        groups = {
            child_id: {code: bits << (base - origin) for code, (base, bits) in services.items()}
            for child_id, services in self.groups.items()
        }
        return BookingSet._make(groups, states, origin)


def _shifted(groups: _Groups, shift: int) -> _Groups:
    if not shift:
        return groups
    return {
        child_id: {code: bits << shift for code, bits in services.items()}
        for child_id, services in groups.items()
    }
