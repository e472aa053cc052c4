"""The one error hierarchy of cantine_rules.

Every error the library raises on purpose is a [`CantineRulesError`][]. Each subclass also
subclasses the builtin that a Python developer would expect (``ValueError``, ``TypeError``,
``LookupError``), so ``except ValueError`` keeps working in code that does not know this library.

Errors about one input name the *field* and carry the offending *value*.

Examples:
    >>> from cantine_rules import Money
    >>> try:
    ...     Money.euros(3.6)
    ... except TypeError as error:
    ...     print(error.field, error.value)
    amount 3.6
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from cantine_rules._pickling import error_reduce

__all__ = [
    "CalendarError",
    "CantineRulesError",
    "EmptyIdentifierError",
    "FloatMoneyError",
    "IllegalTransitionError",
    "InvalidTypeError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "NegativeAmountError",
    "OutOfRangeError",
    "PolicyError",
    "Problem",
    "UnknownCodeError",
    "UnknownCommuneError",
    "UnknownServiceError",
    "shown",
]


class CantineRulesError(Exception):
    """Base class of every error raised on purpose by cantine_rules.

    Every error pickles with its fields (``field``, ``value``, ``problems``…) and its message,
    so a process pool can hand one back.
    """

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickle would call the class with the message alone, which its __init__ does not take.
        return error_reduce(self)


def shown(value: object) -> str:
    """A value as an error message shows it: dates and instants in ISO 8601, others by repr."""
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return repr(value)


class InvalidValueError(CantineRulesError, ValueError):
    """A value is of the right type but not allowed.

    Attributes:
        field: the name (or dotted path) of the input that was wrong.
        value: the value that was refused, as given.

    """

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason} (got {shown(value)})")


class InvalidTypeError(CantineRulesError, TypeError):
    """A value is not of a type the field accepts."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason} (got {shown(value)} of type {type(value).__name__})")


class FloatMoneyError(InvalidTypeError):
    """Money was given as a ``float``; binary floats cannot hold 0.10 € exactly."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(
            field, value, "money is never a float; give a str, int or Decimal such as '3.60'"
        )


class NegativeAmountError(InvalidValueError):
    """An amount that must be zero or more was negative."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field, value, "must not be negative")


class EmptyIdentifierError(InvalidValueError):
    """An identifier or code was empty or only white space."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field, value, "must be a non-empty identifier")


class NaiveDatetimeError(InvalidValueError):
    """A datetime had no time zone; every instant in this library is timezone-aware."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(
            field,
            value,
            "must be timezone-aware (for example tzinfo=ZoneInfo('Europe/Paris'))",
        )


class OutOfRangeError(InvalidValueError):
    """A date or number lies outside what the library knows or allows."""


class CalendarError(InvalidValueError):
    """A calendar was configured or queried with something it cannot answer."""


class IllegalTransitionError(CantineRulesError, ValueError):
    """A request state was asked to move to a state it cannot reach."""

    def __init__(self, source: object, target: object, allowed: Iterable[object]) -> None:
        self.source = source
        self.target = target
        self.allowed = tuple(allowed)
        names = ", ".join(str(state) for state in self.allowed) or "none"
        super().__init__(
            f"illegal transition {source} -> {target}; from {source} the allowed states are: "
            f"{names}"
        )


class UnknownCodeError(CantineRulesError, LookupError):
    """A code was looked up among a known set and not found.

    Attributes:
        field: what kind of code was looked up.
        value: the code asked for.
        known: the codes that do exist, sorted.

    """

    def __init__(self, field: str, value: object, known: Iterable[str]) -> None:
        self.field = field
        self.value = value
        self.known = tuple(sorted(known))
        known_text = ", ".join(self.known) or "none"
        super().__init__(f"{field}: unknown {shown(value)}; known: {known_text}")

    def __str__(self) -> str:
        # LookupError subclasses such as KeyError quote their argument; keep the plain message.
        return str(self.args[0])


class UnknownServiceError(UnknownCodeError):
    """A service code is not one of the commune's services."""

    def __init__(self, value: object, known: Iterable[str], field: str = "service") -> None:
        super().__init__(field, value, known)


class UnknownCommuneError(UnknownCodeError):
    """A commune slug is not in the registry."""

    def __init__(self, value: object, known: Iterable[str]) -> None:
        super().__init__("commune", value, known)


class Problem:
    """One problem found while loading plain data: where it is and what is wrong."""

    __slots__ = ("message", "path")

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message!r})"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.message) == (other.path, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.message))


class PolicyError(CantineRulesError, ValueError):
    """A commune policy (or its plain-data form) is invalid; lists every problem at once."""

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        where = f" in {source}" if source else ""
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''}{where}:\n{lines}")
