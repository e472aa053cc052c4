"""Reading plain data: a reader that collects every problem with its path, and leaf parsers.

A parser takes the reader, a value and the value's path, and returns the parsed value or raises
:class:`ReadError` after recording at least one :class:`~cantine_rules.errors.Problem`. A
:class:`Table` reads the keys of one table, records a problem for each missing, unknown or wrong
key, and raises :class:`ReadError` only once it was closed, so that siblings are all checked.

Nothing here executes anything named by the data: tags and enum values are looked up in fixed
tables, never through ``getattr`` or an import.

A document is read strictly unless its reader is given :class:`Conventions`: the lenient forms
a kind of document may also use (a billing scenario's date-times without an offset, French
weekday names, decimals in any form ``Decimal`` reads). The same parsers read every document;
a convention only widens what they accept, and what a reader assumed is kept in its notes.

>>> reader = Reader()
>>> try:
...     money(reader, 3.6, "services[0].price")
... except ReadError:
...     print(reader.problems[0])
services[0].price: money is never a float; write it as a string such as "3.60" (got 3.6)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import time
from decimal import Decimal
from enum import Enum
from typing import Any, Final, TypeVar, cast

from cantine_rules._reading import (
    MAX_DECIMAL_PLACES,
    ROOT,
    STRICT,
    Conventions,
    Parser,
    Reader,
    ReadError,
    _relative_message,
    day,
    decimal_number,
    describe,
    instant,
)
from cantine_rules.errors import (
    CantineRulesError,
    PolicyError,
    Problem,
)
from cantine_rules.money import Money

__all__ = [
    "MAX_DECIMAL_PLACES",
    "ROOT",
    "STRICT",
    "WEEKDAYS",
    "Conventions",
    "Parser",
    "ReadError",
    "Reader",
    "Table",
    "boolean",
    "choice",
    "clock",
    "day",
    "decimal_number",
    "describe",
    "ident",
    "index_path",
    "instant",
    "integer",
    "join",
    "list_of",
    "money",
    "non_negative_number",
    "read_document",
    "same_names",
    "signed_money",
    "table_of",
    "tag",
    "tagged",
    "text",
    "unique",
    "weekday",
]

T = TypeVar("T")
D = TypeVar("D")
E = TypeVar("E", bound=Enum)

_PLAIN_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_CLOCK: Final = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{6})?)?")
#: How many unknown keys of one table get a "did you mean" hint; past it, a long list of
#: unknown keys is reported without one, so that reporting stays fast.
_HINTED: Final = 20

#: Weekdays by name, Monday first: ``WEEKDAYS[3]`` is Thursday, as ``date.weekday()`` counts.
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FRENCH_WEEKDAYS: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def join(path: str, key: str) -> str:
    """The path of *key* inside the table at *path* (keys that are not plain are quoted).

    >>> join("rules.by_service", "soir"), join("tariffs", "garderie matin")
    ('rules.by_service.soir', 'tariffs."garderie matin"')
    """
    shown = key if _PLAIN_KEY.fullmatch(key) else '"' + key.replace('"', '\\"') + '"'
    return f"{path}.{shown}" if path else shown


def index_path(path: str, index: int) -> str:
    """The path of item *index* of the list at *path*."""
    return f"{path}[{index}]"


def same_names(*names: str) -> dict[str, str]:
    """The *fields* of [`Reader.build`][] for attributes named as the keys that hold them.

    >>> same_names("day", "label")
    {'day': 'day', 'label': 'label'}
    """
    return {name: name for name in names}


def read_document(reader: Reader, load: Callable[[Reader], T], source: str | None) -> T:
    """What *load* reads with *reader*, once no problem was found.

    Raises:
        PolicyError: listing every problem *reader* recorded, each with its path; *source* (a
            file name) is shown in the message.
    """
    try:
        result: T | None = load(reader)
    except ReadError:
        result = None
    if result is None or reader.problems:
        problems = reader.problems or [Problem(ROOT, "could not be read")]
        raise PolicyError(problems, source)
    return result


class Table:
    """The keys of one table, read one by one; :meth:`close` reports what was left.

    >>> reader = Reader()
    >>> table = Table(reader, {"days": 2, "dyas": 3}, "rules.default.add")
    >>> table.required("days", integer(minimum=0))
    2
    >>> try:
    ...     table.close()
    ... except ReadError:
    ...     print(reader.problems[0])
    rules.default.add.dyas: unknown key; did you mean 'days'? (allowed: days)
    """

    def __init__(self, reader: Reader, value: object, path: str) -> None:
        if not isinstance(value, Mapping):
            raise reader.fail(path, f"must be a table, got {describe(value)}")
        self.reader = reader
        self.path = path
        self.data: Mapping[str, object] = {}
        self.known: list[str] = []
        self.bad: set[str] = set()
        self.ok = True
        data: dict[str, object] = {}
        for key, item in value.items():
            if isinstance(key, str):
                data[key] = item
            else:
                reader.fail(path, f"keys must be strings, got {describe(key)}")
                self.ok = False
        self.data = data

    def has(self, key: str) -> bool:
        """True when the table holds *key*."""
        return key in self.data

    def got(self, key: str) -> bool:
        """True when *key* was read without a problem (or was absent and optional)."""
        return key in self.known and key not in self.bad

    def required(self, key: str, parse: Parser[T]) -> T:
        """The value of *key*, parsed; a problem if it is missing or wrong.

        The result is only meaningful once :meth:`close` returned without raising.
        """
        self.known.append(key)
        if key not in self.data:
            self.reader.fail(join(self.path, key), "missing required key")
            self.bad.add(key)
            self.ok = False
            return cast(T, None)
        return self._parse(key, parse)

    def optional(self, key: str, parse: Parser[T], default: D) -> T | D:
        """The value of *key*, parsed, or *default* when absent."""
        self.known.append(key)
        if key not in self.data:
            return default
        return self._parse(key, parse)

    def _parse(self, key: str, parse: Parser[T]) -> T:
        try:
            return parse(self.reader, self.data[key], join(self.path, key))
        except ReadError:
            self.bad.add(key)
            self.ok = False
            return cast(T, None)

    def close(self) -> None:
        """Report unknown keys; raise :class:`ReadError` if anything in the table was wrong."""
        allowed = ", ".join(self.known) or "none"
        unknown = [key for key in self.data if key not in self.known]
        hinted = len(unknown) <= _HINTED
        for key in unknown:
            close = difflib.get_close_matches(key, self.known, n=1) if hinted else []
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.reader.fail(join(self.path, key), f"unknown key; {hint}(allowed: {allowed})")
            self.ok = False
        if not self.ok:
            raise ReadError


def tag(table: Table, choices: Collection[str]) -> str:
    """The ``type`` of a tagged table, one of *choices*; raises :class:`ReadError` otherwise.

    A table whose type is unknown is not read further: which keys it may hold depends on it.
    """
    allowed = ", ".join(sorted(choices))
    table.known.append("type")
    path = join(table.path, "type")
    if "type" not in table.data:
        raise table.reader.fail(path, f"missing required key (one of: {allowed})")
    value = table.data["type"]
    if not isinstance(value, str):
        raise table.reader.fail(
            path, f"must be a string (one of: {allowed}), got {describe(value)}"
        )
    if value not in choices:
        close = difflib.get_close_matches(value, list(choices), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise table.reader.fail(path, f"unknown type {value!r}{hint} (allowed: {allowed})")
    return value


def tagged(loaders: Mapping[str, Callable[[Reader, Table], T]]) -> Parser[T]:
    """The parser of a tagged union: the table's ``type`` picks the loader that reads the rest.

    >>> reader = Reader()
    >>> read = tagged({"flat": lambda reader, table: table.required("amount", money)})
    >>> read(reader, {"type": "flat", "amount": "3.75"}, "charge")
    Money.euros('3.75')
    """

    def read(reader: Reader, value: object, path: str) -> T:
        table = Table(reader, value, path)
        return loaders[tag(table, loaders)](reader, table)

    return read


# Leaf parsers ----------------------------------------------------------------------------------


def text(reader: Reader, value: object, path: str) -> str:
    """Any string."""
    if not isinstance(value, str):
        raise reader.fail(path, f"must be a string, got {describe(value)}")
    return value


def ident(reader: Reader, value: object, path: str) -> str:
    """A non-empty string without surrounding white space (a code, a name, a label)."""
    result = text(reader, value, path)
    if not result.strip():
        raise reader.fail(path, "must not be empty")
    if result != result.strip():
        raise reader.fail(path, "must not start or end with white space")
    return result


def boolean(reader: Reader, value: object, path: str) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        raise reader.fail(path, f"must be true or false, got {describe(value)}")
    return value


def integer(*, minimum: int | None = None, maximum: int | None = None) -> Parser[int]:
    """A parser of whole numbers within the bounds given."""

    def parse(reader: Reader, value: object, path: str) -> int:
        if type(value) is not int:
            raise reader.fail(path, f"must be a whole number, got {describe(value)}")
        if minimum is not None and value < minimum:
            raise reader.fail(path, f"must be ≥ {minimum} (got {value})")
        if maximum is not None and value > maximum:
            raise reader.fail(path, f"must be ≤ {maximum} (got {value})")
        return value

    return parse


def non_negative_number(reader: Reader, value: object, path: str) -> Decimal:
    """A decimal number of zero or more (a quotient familial), written as `decimal_number`."""
    result = decimal_number(reader, value, path)
    if result < 0:
        raise reader.fail(path, f"must not be negative (got {value!r})")
    return result


def money(reader: Reader, value: object, path: str) -> Money:
    """An amount of euros, zero or more: a string ``"3.60"`` or a whole number; never a float."""
    amount = _amount(reader, value, path)
    if amount < 0:
        raise reader.fail(path, f"must not be negative (got {value!r})")
    return _euros(reader, amount, path)


def signed_money(reader: Reader, value: object, path: str) -> Money:
    """An amount of euros that may be below zero (a balance carried over), written as `money`.

    >>> signed_money(Reader(), "-12.40", "opening_balance")
    Money.euros('-12.40')
    """
    return _euros(reader, _amount(reader, value, path), path)


def _amount(reader: Reader, value: object, path: str) -> Decimal:
    if isinstance(value, float):
        raise reader.fail(
            path, f'money is never a float; write it as a string such as "3.60" (got {value!r})'
        )
    return decimal_number(reader, value, path)


def _euros(reader: Reader, amount: Decimal, path: str) -> Money:
    try:
        return Money.euros(amount)
    except CantineRulesError as error:
        raise reader.fail(path, f"{_relative_message(error, 'amount')}") from None


def weekday(reader: Reader, value: object, path: str) -> int:
    """A weekday by its English name (``"thursday"``), as ``date.weekday()`` numbers it.

    With the ``french_weekdays`` convention, also by its French name (``"jeudi"``), in any case.
    """
    french = reader.conventions.french_weekdays
    allowed = ", ".join(WEEKDAYS)
    if french:
        allowed += "; or " + ", ".join(_FRENCH_WEEKDAYS)
    if not isinstance(value, str):
        raise reader.fail(path, f"must be a day name (one of: {allowed}), got {describe(value)}")
    name = value.lower() if french else value
    if name in WEEKDAYS:
        return WEEKDAYS.index(name)
    if french and name in _FRENCH_WEEKDAYS:
        return _FRENCH_WEEKDAYS.index(name)
    raise reader.fail(path, f"unknown day {value!r} (allowed: {allowed})")


def clock(reader: Reader, value: object, path: str) -> time:
    """A wall-clock time in Europe/Paris: ``"17:00"`` (or ``"17:00:30"``, or a TOML local time)."""
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise reader.fail(path, "must be a wall-clock time without an offset")
        return value
    if isinstance(value, str):
        if _CLOCK.fullmatch(value):
            return time.fromisoformat(value)
        raise reader.fail(path, f'must be a time written "HH:MM", such as "17:00" (got {value!r})')
    raise reader.fail(path, f'must be a time written "HH:MM", got {describe(value)}')


def choice(kind: type[E]) -> Parser[E]:
    """A parser of the values of the enum *kind*, written by value."""
    members = {str(member.value): member for member in kind}
    allowed = ", ".join(members)

    def parse(reader: Reader, value: object, path: str) -> E:
        if not isinstance(value, str):
            raise reader.fail(path, f"must be a string (one of: {allowed}), got {describe(value)}")
        if value not in members:
            close = difflib.get_close_matches(value, list(members), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise reader.fail(path, f"unknown value {value!r}{hint} (allowed: {allowed})")
        return members[value]

    return parse


def list_of(item: Parser[T], *, non_empty: bool = False) -> Parser[tuple[T, ...]]:
    """A parser of a list whose every item is read by *item*; all items are checked."""

    def parse(reader: Reader, value: object, path: str) -> tuple[T, ...]:
        if not isinstance(value, list | tuple):
            raise reader.fail(path, f"must be a list, got {describe(value)}")
        if non_empty and not value:
            raise reader.fail(path, "must hold at least one item")
        results: list[T] = []
        failed = False
        for position, element in enumerate(value):
            try:
                results.append(item(reader, element, index_path(path, position)))
            except ReadError:
                failed = True
        if failed:
            raise ReadError
        return tuple(results)

    return parse


def table_of(item: Parser[T]) -> Parser[dict[str, T]]:
    """A parser of a table whose every key is a code and every value is read by *item*."""

    def parse(reader: Reader, value: object, path: str) -> dict[str, T]:
        if not isinstance(value, Mapping):
            raise reader.fail(path, f"must be a table, got {describe(value)}")
        results: dict[str, T] = {}
        failed = False
        for key, element in value.items():
            if not isinstance(key, str):
                reader.fail(path, f"keys must be strings, got {describe(key)}")
                failed = True
                continue
            where = join(path, key)
            try:
                ident(reader, key, where)
                results[key] = item(reader, element, where)
            except ReadError:
                failed = True
        if failed:
            raise ReadError
        return results

    return parse


def unique(reader: Reader, values: Iterable[tuple[str, Any]], what: str) -> bool:
    """Record a problem at each path whose value was already seen; True when all are unique."""
    seen: set[Any] = set()
    ok = True
    for path, value in values:
        if value in seen:
            reader.fail(path, f"{what} {value!r} appears twice")
            ok = False
        seen.add(value)
    return ok
