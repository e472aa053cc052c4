"""Attendance: what the agents recorded for a booked day, and a compact sheet of a period's records.

A month of a commune of 100,000 children holds some four million records, nearly all « present ».
As a dictionary keyed by ``(child_id, service_code, day)`` they take half a gigabyte and most of
an invoice's time; an [`AttendanceSheet`][] keeps, for each kind of record (present, absent,
absent with each justification), one ``int`` per child and service used as a bitmap of days, as
[`BookingSet`][cantine_rules.bookings.BookingSet] does for bookings. It reads as the dictionary it
stands for, and [`build_invoice`][cantine_rules.pricing.accounts.build_invoice] reads its bitmaps
directly.

>>> from datetime import date
>>> from cantine_rules import Justification
>>> days = {("louise", "repas"): [date(2024, 9, 2), date(2024, 9, 3)]}
>>> sick = {("louise", "repas", date(2024, 9, 3)):
...         Attendance.absent(Justification.MEDICAL_CERTIFICATE)}
>>> sheet = (AttendanceSheet.from_days(days, Attendance.present())
...          | AttendanceSheet.from_records(sick))
>>> sheet["louise", "repas", date(2024, 9, 3)].is_justified_absence, len(sheet)
(True, 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final

import attrs

from cantine_rules._validators import enum_member, require_identifier
from cantine_rules.bookings import DaysWindow
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import Justification

__all__ = ["Attendance", "AttendanceSheet", "LineKey", "Presence"]

LineKey = tuple[str, str, date]
"""A line's identity: ``(child_id, service_code, day)``."""


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

#: Every record there can be, in the order of the sheet's bitmaps: present, absent, then absent
#: with each justification in the order of `Justification`.
RECORDS: Final = (
    _PRESENT,
    Attendance(Presence.ABSENT),
    *(Attendance(Presence.ABSENT, justification) for justification in Justification),
)
PRESENT_SLOT: Final = 0
ABSENT_SLOT: Final = 1
#: The first justified slot: a justification's slot is this plus its position in `JUSTIFICATIONS`.
JUSTIFIED_SLOT: Final = 2
JUSTIFICATIONS: Final = tuple(Justification)
_JUSTIFICATION_SLOT: Final = {
    justification: JUSTIFIED_SLOT + index for index, justification in enumerate(JUSTIFICATIONS)
}

# One bitmap per child and service, for one kind of record.
_Groups = dict[str, dict[str, int]]


def _slot(record: object, field: str) -> int:
    if not isinstance(record, Attendance):
        raise InvalidTypeError(field, record, "must be Attendance")
    if record.presence is Presence.PRESENT:
        return PRESENT_SLOT
    justification = record.justification
    return ABSENT_SLOT if justification is None else _JUSTIFICATION_SLOT[justification]


def _well_formed(key: object) -> bool:
    """True for a ``(child_id, service_code, day)`` key."""
    return (
        type(key) is tuple
        and len(key) == 3
        and isinstance(key[0], str)
        and isinstance(key[1], str)
        and isinstance(key[2], date)
        and not isinstance(key[2], datetime)
    )


@attrs.frozen(eq=False, repr=False)
class AttendanceSheet(Mapping[LineKey, Attendance]):
    """Attendance records per child, service and day, held as bitmaps: one per kind of record.

    It reads as the ``dict`` of `Attendance` keyed by ``(child_id, service_code, day)`` it stands
    for (``sheet[key]``, ``in``, iteration in child, service, day order, ``len``, equality with
    such a dict), and [`build_invoice`][cantine_rules.pricing.accounts.build_invoice] takes it in
    place of one. Build it with `from_records` or `from_days`, and combine sheets with ``|``.

    >>> from datetime import date
    >>> sheet = AttendanceSheet.from_days({("c1", "repas"): [date(2024, 9, 2)]},
    ...                                   Attendance.absent())
    >>> sheet == {("c1", "repas", date(2024, 9, 2)): Attendance.absent()}
    True
    """

    # The ordinal of the day of bit 0: the first recorded day, so that equal sheets are equal
    # field by field (0 when the sheet is empty).
    _origin: int
    # One bitmap group per slot of RECORDS; a day is set in one slot at most.
    _slots: tuple[_Groups, ...]

    # Building ---------------------------------------------------------------------------------

    @classmethod
    def _make(cls, slots: list[_Groups], origin: int) -> AttendanceSheet:
        """The sheet of *slots* (bits from *origin*), shifted so that bit 0 is the first day.

        *slots* are the caller's own, new dicts: they are kept, or changed in place, not copied.
        """
        kept: list[_Groups] = []
        shift = None
        for slot in slots:
            # Groups left without a day are dropped (a union may empty some).
            if any(not bits for services in slot.values() for bits in services.values()):
                slot = {
                    child_id: services
                    for child_id, groups in slot.items()
                    if (services := {code: bits for code, bits in groups.items() if bits})
                }
            for services in slot.values():
                for bits in services.values():
                    low = (bits & -bits).bit_length() - 1
                    shift = low if shift is None or low < shift else shift
            kept.append(slot)
        if shift is None:
            return cls(0, tuple({} for _ in RECORDS))
        if shift:
            for slot in kept:
                for services in slot.values():
                    for code, bits in services.items():
                        services[code] = bits >> shift
        return cls(origin + shift, tuple(kept))

    @classmethod
    def from_records(
        cls, records: Mapping[LineKey, Attendance], *, field: str = "records"
    ) -> AttendanceSheet:
        """The sheet of *records*, keyed by ``(child_id, service_code, day)``.

        Raises:
            InvalidTypeError: a key is not ``(child_id, service_code, day)`` or a record is not
                `Attendance`; the field names it (``records[key]``, or *field*'s name).

        >>> from datetime import date
        >>> key = ("c1", "repas", date(2024, 9, 2))
        >>> AttendanceSheet.from_records({key: Attendance.present()})[key].presence.value
        'present'
        """
        if isinstance(records, AttendanceSheet):
            return records
        if not isinstance(records, Mapping):
            raise InvalidTypeError(field, records, "must map (child_id, service_code, day) keys")
        # Twice over the records: the first checks them and finds the first day, the second sets
        # each day's bit from it. The slot of each record is found once per distinct record.
        slot_of: dict[int, int] = {}
        origin = None
        for key, record in records.items():
            if not _well_formed(key):
                message = "the key must be (child_id, service_code, day)"
                raise InvalidTypeError(f"{field}[{key!r}]", key, message)
            if id(record) not in slot_of:
                slot_of[id(record)] = _slot(record, f"{field}[{key!r}]")
            ordinal = key[2].toordinal()
            if origin is None or ordinal < origin:
                origin = ordinal
        slots: list[_Groups] = [{} for _ in RECORDS]
        base = origin or 0
        for (child_id, code, day), record in records.items():
            services = slots[slot_of[id(record)]].setdefault(child_id, {})
            services[code] = services.get(code, 0) | 1 << (day.toordinal() - base)
        return cls._make(slots, base)

    @classmethod
    def from_days(
        cls, days: Mapping[tuple[str, str], Iterable[date]], attendance: Attendance
    ) -> AttendanceSheet:
        """The days of each ``(child_id, service_code)`` of *days*, all recorded as *attendance*.

        >>> from datetime import date
        >>> sheet = AttendanceSheet.from_days({("c1", "repas"): [date(2024, 9, 2)] * 2},
        ...                                   Attendance.present())
        >>> len(sheet)
        1
        """
        slot = _slot(attendance, "attendance")
        # Each group's bitmap from its own first day, then all put on the sheet's first day.
        based: dict[str, dict[str, tuple[int, int]]] = {}
        for key, group_days in days.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InvalidTypeError("days", key, "keys must be (child_id, service_code)")
            child_id = require_identifier(key[0], "child_id")
            code = require_identifier(key[1], "service_code")
            base = bits = 0
            for day in group_days:
                if not isinstance(day, date) or isinstance(day, datetime):
                    raise InvalidTypeError(f"days[{key!r}]", day, "must be a datetime.date")
                ordinal = day.toordinal()
                if not bits:
                    base, bits = ordinal, 1
                elif ordinal >= base:
                    bits |= 1 << (ordinal - base)
                else:
                    bits = bits << (base - ordinal) | 1
                    base = ordinal
            if bits:
                based.setdefault(child_id, {})[code] = (base, bits)
        origin = min((base for groups in based.values() for base, _ in groups.values()), default=0)
        slots: list[_Groups] = [{} for _ in RECORDS]
        slots[slot] = {
            child_id: {code: bits << (base - origin) for code, (base, bits) in groups.items()}
            for child_id, groups in based.items()
        }
        return cls._make(slots, origin)

    # Reading ----------------------------------------------------------------------------------

    def _bits(self, slot: int, child_id: str, code: str) -> int:
        return self._slots[slot].get(child_id, {}).get(code, 0)

    def __getitem__(self, key: LineKey) -> Attendance:
        if isinstance(key, tuple) and len(key) == 3:
            child_id, code, day = key
            if isinstance(day, date) and not isinstance(day, datetime):
                offset = day.toordinal() - self._origin
                if offset >= 0:
                    for slot, groups in enumerate(self._slots):
                        if groups.get(child_id, {}).get(code, 0) >> offset & 1:
                            return RECORDS[slot]
        raise KeyError(key)

    def __iter__(self) -> Iterator[LineKey]:
        for child_id, code in self._groups():
            days = 0
            for slot in range(len(RECORDS)):
                days |= self._bits(slot, child_id, code)
            offset = 0
            while days:
                if days & 1:
                    yield child_id, code, date.fromordinal(self._origin + offset)
                days >>= 1
                offset += 1

    def __len__(self) -> int:
        return sum(
            bits.bit_count()
            for groups in self._slots
            for services in groups.values()
            for bits in services.values()
        )

    def _groups(self) -> list[tuple[str, str]]:
        """Every ``(child_id, service_code)`` with a record, sorted."""
        return sorted(
            {
                (child_id, code)
                for groups in self._slots
                for child_id in groups
                for code in groups[child_id]
            }
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AttendanceSheet):
            return self._origin == other._origin and self._slots == other._slots
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._origin, len(self)))

    def __repr__(self) -> str:
        first = date.fromordinal(self._origin).isoformat() if len(self) else None
        return f"AttendanceSheet(<{len(self)} records from {first}>)"

    def windows(self, start: date, end: date) -> tuple[DaysWindow, ...]:
        """The records from *start* to *end*, one window of bitmaps per slot of the records.

        What [`build_invoice`][cantine_rules.pricing.accounts.build_invoice] reads: bit 0 of each
        bitmap is *start*.
        """
        low = start.toordinal() - self._origin
        span = end.toordinal() - start.toordinal() + 1
        return tuple(DaysWindow(groups, low, span, {}) for groups in self._slots)

    # Combining --------------------------------------------------------------------------------

    def union(self, other: AttendanceSheet) -> AttendanceSheet:
        """The records of both sheets; where both record a day, *other*'s record wins.

        >>> from datetime import date
        >>> day = {("c1", "repas"): [date(2024, 9, 2)]}
        >>> both = AttendanceSheet.from_days(day, Attendance.present()) | AttendanceSheet.from_days(
        ...     day, Attendance.absent())
        >>> list(both.values()) == [Attendance.absent()]
        True
        """
        if not isinstance(other, AttendanceSheet):
            raise InvalidTypeError("other", other, "must be an AttendanceSheet")
        if not len(other):
            return self
        if not len(self):
            return other
        origin = min(self._origin, other._origin)
        mine, theirs = self._origin - origin, other._origin - origin
        covered: _Groups = {}
        for groups in other._slots:
            for child_id, services in groups.items():
                target = covered.setdefault(child_id, {})
                for code, bits in services.items():
                    target[code] = target.get(code, 0) | bits << theirs
        slots: list[_Groups] = []
        for own, given in zip(self._slots, other._slots, strict=True):
            merged: _Groups = {}
            for child_id, services in own.items():
                taken = covered.get(child_id, {})
                merged[child_id] = {
                    code: bits << mine & ~taken.get(code, 0) for code, bits in services.items()
                }
            for child_id, services in given.items():
                target = merged.setdefault(child_id, {})
                for code, bits in services.items():
                    target[code] = target.get(code, 0) | bits << theirs
            slots.append(merged)
        return AttendanceSheet._make(slots, origin)

    def __or__(self, other: object) -> AttendanceSheet:
        if not isinstance(other, AttendanceSheet):
            return NotImplemented
        return self.union(other)
