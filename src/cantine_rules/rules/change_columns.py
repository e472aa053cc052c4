"""Booking changes held by column: the input of a large batch, with no object per change.

A portal that checks a week of a school's changes, or an import, reads them from its database as
rows of columns. [`ChangeColumns`][] holds them that way — the actions, child ids, service codes,
days, instants and channels as parallel tuples — and
[`BookingRules.decide_columns`][cantine_rules.rules.booking.BookingRules.decide_columns] decides
them into [`DecisionColumns`][cantine_rules.rules.decisions.DecisionColumns] without making a
``BookingChange`` per row. Row *i* is the change ``columns.change(i)``; every value is checked as
``BookingChange`` checks it, once per distinct value, and an error names its column and row.

Examples:
    >>> from datetime import date, datetime
    >>> from cantine_rules import EUROPE_PARIS, ChangeAction, Channel
    >>> at = datetime(2024, 9, 16, 9, tzinfo=EUROPE_PARIS)
    >>> columns = ChangeColumns(
    ...     (ChangeAction.ADD, ChangeAction.CANCEL),
    ...     ("c1", "c2"),
    ...     ("repas", "repas"),
    ...     (date(2024, 9, 19), date(2024, 9, 20)),
    ...     (at, at),
    ...     (Channel.ONLINE, Channel.OFFICE),
    ...     (None, None),
    ... )
    >>> len(columns), columns.change(1).channel.value
    (2, 'office')
    >>> ChangeColumns.of([columns.change(0), columns.change(1)]) == columns
    True
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, overload

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import BookingChange, ChangeAction, Channel, Justification

__all__ = ["ChangeColumns"]

#: Each column with the field of ``BookingChange`` whose check its values pass.
_FIELDS = (
    ("actions", "action"),
    ("child_ids", "child_id"),
    ("service_codes", "service_code"),
    ("days", "day"),
    ("requested_at", "requested_at"),
    ("channels", "channel"),
    ("justifications", "justification"),
)
_CHANGE_FIELDS = {field.name: field for field in attrs.fields(BookingChange)}
#: The slots of BookingChange, in field order: a row is made as ``BookingChange.on_day`` makes one.
(
    _action,
    _child_id,
    _service_code,
    _day,
    _requested_at,
    _channel,
    _justification,
) = (vars(BookingChange)[name].__set__ for _column, name in _FIELDS)


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


def _check_column(name: str, values: tuple[Any, ...]) -> None:
    """Check each value of the column *name* as ``BookingChange`` checks its field.

    Each distinct (type, value) is checked once (a week of changes holds a few hundred days and
    instants); when some fail, the first row holding one is checked again under the name
    ``column[row]``, so that the error names both, whatever order the set gave them in.
    """
    field = _CHANGE_FIELDS[dict(_FIELDS)[name]]
    check = field.validator
    assert check is not None  # every field of BookingChange is checked
    try:
        distinct = set(zip(map(type, values), values, strict=True))
    except TypeError:  # an unhashable value: each row is checked in turn, in order
        for row, value in enumerate(values):
            check(None, field.evolve(name=f"{name}[{row}]"), value)
        return
    failing = set()
    for pair in distinct:
        try:
            check(None, field, pair[1])
        except (InvalidTypeError, InvalidValueError):
            failing.add(pair)
    if failing:
        pairs = zip(map(type, values), values, strict=True)
        row = next(row for row, pair in enumerate(pairs) if pair in failing)
        check(None, field.evolve(name=f"{name}[{row}]"), values[row])


@pickled_by_fields
@attrs.frozen
class ChangeColumns:
    """Booking changes by column: row *i* is the change ``change(i)``.

    Attributes:
        actions: each change's action.
        child_ids: each change's child.
        service_codes: each change's service.
        days: each change's day.
        requested_at: the instant each change was made (timezone-aware).
        channels: where each change was made.
        justifications: each change's justification, or None.

    Raises:
        InvalidValueError: the columns are not all as long (the error names the column).
        InvalidTypeError: a value is not what ``BookingChange`` takes (the error names the column
            and the row, ``days[3]``).
        EmptyIdentifierError: a child id or service code is empty or padded with spaces.
        NaiveDatetimeError: an instant has no time zone.
    """

    actions: tuple[ChangeAction, ...] = attrs.field(converter=_tuple)
    child_ids: tuple[str, ...] = attrs.field(converter=_tuple)
    service_codes: tuple[str, ...] = attrs.field(converter=_tuple)
    days: tuple[date, ...] = attrs.field(converter=_tuple)
    requested_at: tuple[datetime, ...] = attrs.field(converter=_tuple)
    channels: tuple[Channel, ...] = attrs.field(converter=_tuple)
    justifications: tuple[Justification | None, ...] = attrs.field(converter=_tuple)
    # Each row's (service, day, action), by the first row that holds it, and that first row: the
    # rules compute what a (service, day, action) decides once, and read it for every row of it.
    _groups: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _keys: dict[tuple[str, date, ChangeAction], int] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        rows = len(self.actions)
        for name, _field in _FIELDS[1:]:
            length = len(getattr(self, name))
            if length != rows:
                raise InvalidValueError(
                    name, length, f"must hold one item per action ({rows}), not {length}"
                )
        for name, _field in _FIELDS:
            _check_column(name, getattr(self, name))
        self._group()

    def _group(self) -> None:
        keys: dict[tuple[str, date, ChangeAction], int] = {}
        # setdefault gives each row the first row of its (service, day, action), in one C loop.
        triples = zip(self.service_codes, self.days, self.actions, strict=True)
        groups = tuple(map(keys.setdefault, triples, itertools.count()))
        object.__setattr__(self, "_groups", groups)
        object.__setattr__(self, "_keys", keys)

    @classmethod
    def of(cls, changes: Iterable[BookingChange]) -> ChangeColumns:
        """The columns of *changes*, in order.

        Each change was checked when it was made, so its values are not checked again.

        Raises:
            InvalidTypeError: an item is not a ``BookingChange`` (the error names ``changes[i]``).
        """
        items = tuple(changes)
        if not set(map(type, items)) <= {BookingChange}:
            for position, item in enumerate(items):
                if not isinstance(item, BookingChange):
                    raise InvalidTypeError(f"changes[{position}]", item, "must be a BookingChange")
        made: ChangeColumns = object.__new__(cls)
        for name, field in _FIELDS:
            object.__setattr__(made, name, tuple(map(operator.attrgetter(field), items)))
        made._group()
        return made

    def __len__(self) -> int:
        """The number of changes."""
        return len(self.actions)

    def change(self, row: int) -> BookingChange:
        """The change of *row*, equal to the one the row was made from.

        Its values were checked when the columns were made, so they are not checked again.
        """
        made: BookingChange = object.__new__(BookingChange)
        _action(made, self.actions[row])
        _child_id(made, self.child_ids[row])
        _service_code(made, self.service_codes[row])
        _day(made, self.days[row])
        _requested_at(made, self.requested_at[row])
        _channel(made, self.channels[row])
        _justification(made, self.justifications[row])
        return made

    def changes(self) -> ChangeRows:
        """The changes of the rows, made on demand (each only when it is read)."""
        return ChangeRows(self)


class ChangeRows(Sequence[BookingChange]):
    """The rows of columns read as changes: each made when first read, then kept."""

    def __init__(self, columns: ChangeColumns) -> None:
        self._columns = columns
        self._made: dict[int, BookingChange] = {}

    def __len__(self) -> int:
        return len(self._columns.actions)

    @property
    def child_ids(self) -> tuple[str, ...]:
        """The child of each row."""
        return self._columns.child_ids

    @overload
    def __getitem__(self, index: int) -> BookingChange: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[BookingChange]: ...

    def __getitem__(self, index: int | slice) -> BookingChange | Sequence[BookingChange]:
        if isinstance(index, slice):
            return [self[row] for row in range(len(self))[index]]
        found = self._made.get(index)
        if found is None:
            rows = len(self._columns.actions)
            if not -rows <= index < rows:
                raise IndexError(index)
            found = self._made[index] = self._columns.change(index % rows)
        return found

    def __iter__(self) -> Iterator[BookingChange]:
        return map(self.__getitem__, range(len(self)))

    def justified(self, justification: Justification) -> Iterator[tuple[str, str, date]]:
        """The child, service and day of each change with *justification*, in order.

        Read from the columns: no change is made.
        """
        columns = self._columns
        held = list(map(operator.is_, columns.justifications, itertools.repeat(justification)))
        return zip(
            itertools.compress(columns.child_ids, held),
            itertools.compress(columns.service_codes, held),
            itertools.compress(columns.days, held),
            strict=True,
        )
