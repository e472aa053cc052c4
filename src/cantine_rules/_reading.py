"""The plain-data reader's core: a reader, its conventions, the parsers of days and numbers.

[`cantine_rules.plain`][] reads whole documents with these (``cantine_rules.plain._read`` adds
tables, lists, money, weekdays and the rest, and re-exports every name here). The command line
reads its options with the same parsers, so that an option takes exactly the forms a policy
file does, without importing the plain-data package (its TOML reader, tables and policies): a
process that decides one change reads two options, not a document.

>>> reader = Reader()
>>> try:
...     day(reader, "2024-02-30", "--day")
... except ReadError:
...     print(reader.problems[0])
--day: is not a valid date (got '2024-02-30')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Final, TypeVar

import attrs

from cantine_rules._time import EUROPE_PARIS, read_wall_clock
from cantine_rules.errors import (
    CantineRulesError,
    InvalidTypeError,
    InvalidValueError,
    Problem,
    UnknownCodeError,
)

__all__ = [
    "MAX_DECIMAL_PLACES",
    "ROOT",
    "STRICT",
    "Conventions",
    "Parser",
    "ReadError",
    "Reader",
    "day",
    "decimal_number",
    "describe",
    "instant",
]

T = TypeVar("T")

#: The path of the whole document, for a problem that concerns it rather than one of its keys.
ROOT: Final = "(top level)"

#: A parser: (reader, value, path) -> the parsed value, or :class:`ReadError` once recorded.
Parser = Callable[["Reader", object, str], T]

_FIELD_HEAD: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Amounts and decimal numbers as people write them: no exponent, no blanks, a bounded size, so
# that no arithmetic on them can overflow the decimal context.
#: The most digits a decimal number of the plain form may have after its point. A QF, a rate or
#: an amount with more is a problem at its path: it is never rounded or cut to fit.
MAX_DECIMAL_PLACES: Final = 12
_DECIMAL: Final = re.compile(rf"-?[0-9]{{1,12}}(\.[0-9]{{1,{MAX_DECIMAL_PLACES}}})?")
_TOO_PRECISE: Final = re.compile(rf"-?[0-9]{{1,12}}\.[0-9]{{{MAX_DECIMAL_PLACES + 1},}}")
_LARGEST_INT: Final = 10**12
_ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# RFC 3339 as written by hand: ASCII digits, seconds and the offset optional, no compact or week
# forms (which ``datetime.fromisoformat`` would take too).
_ISO_INSTANT: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?"
)


@attrs.frozen
class Conventions:
    """The lenient forms a kind of document may use, on top of the strict form.

    Attributes:
        local_instants: a date-time without an offset is read as Europe/Paris wall-clock time,
            and the reader notes it (``changes[0].at has no offset: read as Europe/Paris``); a
            time the clocks skip in spring is moved forward by the gap, a time they show twice
            in autumn is the first.
        french_weekdays: a weekday may also be named in French (``"lundi"``), and either
            language in any case (``"Monday"``).
        decimal_literals: a decimal number or an amount written as a string may take any form
            Python's ``Decimal`` reads: a sign, an exponent, underscores, surrounding blanks
            (``"+3.6"``, ``"1e3"``, ``" 812 "``, ``"1_000"``). It is still finite, below 10¹²
            in size, and written with the digits 0-9.

    Examples:
        >>> decimal_number(Reader(Conventions(decimal_literals=True)), "1_000", "qf")
        Decimal('1000')
    """

    local_instants: bool = False
    french_weekdays: bool = False
    decimal_literals: bool = False


#: No lenient form: what a commune policy is read with.
STRICT: Final = Conventions()


class ReadError(Exception):
    """A value could not be read; its problems were recorded in the reader."""


def describe(value: object) -> str:
    """What *value* is, in the words of the data's format, for a problem's message.

    >>> describe(3.6), describe([1]), describe(None)
    ('a float (3.6)', 'a list', 'nothing (None)')
    """
    if value is None:
        return "nothing (None)"
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a float ({value!r})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, datetime):
        return f"a date-time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, time):
        return f"a time ({value.isoformat()})"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


def _relative_message(error: CantineRulesError, field: str) -> str:
    message = str(error)
    prefix = f"{field}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


class Reader:
    """Collects the problems found while reading one document, and what was assumed in it.

    Args:
        conventions: the lenient forms the document may use; strict by default.
    """

    def __init__(self, conventions: Conventions = STRICT) -> None:
        self.conventions = conventions
        self.problems: list[Problem] = []
        self.notes: list[str] = []

    def fail(self, path: str, message: str) -> ReadError:
        """Record a problem at *path* and return the exception to raise."""
        self.problems.append(Problem(path or ROOT, message))
        return ReadError()

    def note(self, path: str, message: str) -> None:
        """Record what was assumed about the value at *path* (said back to the user)."""
        self.notes.append(f"{path or ROOT} {message}")

    def build(self, path: str, fields: Mapping[str, str], make: Callable[[], T]) -> T:
        """Build a value with the library's own validators; turn their errors into problems.

        Args:
            path: the path of the table the value is built from.
            fields: the value's attribute names, each with the key (or relative path) that holds
                it in the data; an error naming one of them is reported at that key. A field
                named whole (``"factors[3]"``, an item the value keys otherwise than the data)
                is looked up before its attribute.
            make: builds the value.
        """
        try:
            return make()
        except CantineRulesError as error:
            located = (InvalidValueError, InvalidTypeError, UnknownCodeError)
            field = error.field if isinstance(error, located) else None
            if isinstance(field, str):
                relative = fields.get(field)
                head = _FIELD_HEAD.match(field)
                if relative is None and head is not None and head.group() in fields:
                    relative = fields[head.group()] + field[head.end() :]
                if relative is not None:
                    where = f"{path}.{relative}" if path else relative
                    raise self.fail(where, _relative_message(error, field)) from None
                raise self.fail(path, str(error)) from None
            raise self.fail(path, str(error)) from None


def decimal_number(reader: Reader, value: object, path: str) -> Decimal:
    """A decimal number written as a string (``"0.0036"``) or a whole number; never a float."""
    if isinstance(value, float):
        raise reader.fail(
            path,
            f'a decimal number is never a float; write it as a string such as "0.5" '
            f"(got {value!r})",
        )
    if type(value) is int:
        if abs(value) >= _LARGEST_INT:
            raise reader.fail(path, f"is too large (got {value})")
        return Decimal(value)
    if isinstance(value, str):
        if _DECIMAL.fullmatch(value):
            return Decimal(value)
        if _TOO_PRECISE.fullmatch(value):
            raise _too_precise(reader, value, path)
        if reader.conventions.decimal_literals:
            return _decimal_literal(reader, value, path)
        raise reader.fail(
            path, f'must be a decimal number written like "3.60" or "0.0036" (got {value!r})'
        )
    raise reader.fail(path, f"must be a decimal number as a string, got {describe(value)}")


def _too_precise(reader: Reader, value: str, path: str) -> ReadError:
    places = len(value.rsplit(".", 1)[-1])
    return reader.fail(
        path,
        f"has {places} digits after the point; the plain form keeps at most "
        f"{MAX_DECIMAL_PLACES} (got {value!r})",
    )


def _decimal_literal(reader: Reader, value: str, path: str) -> Decimal:
    """A number in any form ``Decimal`` reads, finite and of a bounded size, in ASCII digits."""
    if not value.isascii():
        # Decimal also reads digits of other scripts (« ١٢٣ »); a scenario writes 0-9.
        raise reader.fail(path, f"must be written with the digits 0-9 (got {value!r})")
    try:
        result = Decimal(value.strip())
    except InvalidOperation:
        raise reader.fail(path, f"is not a decimal number (got {value!r})") from None
    if not result.is_finite():
        raise reader.fail(path, f"must be a finite number (got {value!r})")
    # The same bound as the strict form, so that no arithmetic on it overflows the context.
    if abs(result) >= _LARGEST_INT:
        raise reader.fail(path, f"is too large (got {value!r})")
    return result


def day(reader: Reader, value: object, path: str) -> date:
    """A day: a TOML date (``2024-09-02``) or an ISO string ``"2024-09-02"``."""
    if isinstance(value, datetime):
        raise reader.fail(path, f"must be a date, not a date-time (got {value.isoformat()})")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise reader.fail(path, f"is not a valid date (got {value!r})") from None
    raise reader.fail(path, f"must be a date such as 2024-09-02, got {describe(value)}")


_OUT_OF_RANGE = "is beyond the dates Python can place in Europe/Paris (got {})"


def instant(reader: Reader, value: object, path: str) -> datetime:
    """A timezone-aware date-time: a TOML offset date-time or an ISO string with its offset.

    A string is written ``YYYY-MM-DDTHH:MM[:SS[.ffffff]]`` then ``Z`` or ``+HH:MM`` (a space may
    stand for the ``T``), in the digits 0-9; compact and week forms (``20240101T0800``,
    ``2024-W01-1``) are refused.

    With the ``local_instants`` convention, one without an offset is read as Europe/Paris
    wall-clock time (a time the clocks skip in spring is moved forward by the gap, a time they
    show twice in autumn is the first), and the reader notes it.

    >>> reader = Reader(Conventions(local_instants=True))
    >>> instant(reader, "2025-03-30T02:30", "changes[0].at").isoformat()
    '2025-03-30T03:30:00+02:00'
    >>> reader.notes[0].split("; ")[1]
    '02:30 does not exist that day (the clocks go forward): read as 03:30+02:00'
    """
    if isinstance(value, str):
        written = value
        try:
            if not _ISO_INSTANT.fullmatch(written):
                raise ValueError(written)
            value = datetime.fromisoformat(written)
        except ValueError:
            raise reader.fail(
                path, f"must be a date-time such as 2024-06-01T08:00:00+02:00 (got {written!r})"
            ) from None
    if not isinstance(value, datetime):
        raise reader.fail(
            path, f"must be a date-time such as 2024-06-01T08:00:00+02:00, got {describe(value)}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        if reader.conventions.local_instants and value.tzinfo is None:
            try:
                result, how = read_wall_clock(value)
            except OverflowError:
                raise reader.fail(path, _OUT_OF_RANGE.format(value.isoformat())) from None
            reader.note(path, how)
            return result
        raise reader.fail(path, f"must give its offset, such as +02:00 (got {value.isoformat()})")
    try:
        # Every instant is compared in Europe/Paris: one at the edge of the calendar
        # (9999-12-31T23:59-23:59) has no day there, and is bad input rather than a crash later.
        value.astimezone(EUROPE_PARIS)
    except OverflowError:
        raise reader.fail(path, _OUT_OF_RANGE.format(value.isoformat())) from None
    return value
