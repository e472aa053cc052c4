"""The errors of tariffs, grids and schedules, each a subclass of the library's hierarchy.

Examples:
    >>> from cantine_rules.errors import InvalidValueError
    >>> issubclass(GridError, InvalidValueError)
    True
"""

from __future__ import annotations

from collections.abc import Iterable

from cantine_rules.errors import (
    CantineRulesError,
    InvalidValueError,
    OutOfRangeError,
    UnknownCodeError,
)

__all__ = [
    "GridError",
    "MissingFigureError",
    "NoTariffInForceError",
    "ScheduleError",
    "UnknownBracketError",
]


class GridError(InvalidValueError):
    """A bracket grid is malformed; *field* names the bracket by index (``brackets[3].lower``)."""


class ScheduleError(InvalidValueError):
    """A tariff schedule is malformed; *field* names the version by index."""


class UnknownBracketError(UnknownCodeError):
    """A bracket name is not one of the grid's brackets."""

    def __init__(self, value: object, known: Iterable[str], field: str = "bracket") -> None:
        super().__init__(field, value, known)


class NoTariffInForceError(OutOfRangeError):
    """No version of a tariff schedule is in force on the day asked for."""


class MissingFigureError(CantineRulesError, LookupError):
    """A figure (a price, a threshold) that no source gives was needed to answer.

    The library never invents a figure: a bracket whose price is unknown is kept as unknown, and
    pricing a family in it raises this error instead of guessing.

    Attributes:
        field: what was being looked up.
        value: the value that led there (a bracket name, a quotient familial).
        reason: which figure is missing.

    """

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason} (got {value!r})")

    def __str__(self) -> str:
        # LookupError subclasses such as KeyError quote their argument; keep the plain message.
        return str(self.args[0])
