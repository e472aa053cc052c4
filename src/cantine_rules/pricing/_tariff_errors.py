"""The errors of tariffs, grids and schedules, each a subclass of the library's hierarchy.

Examples:
    >>> from cantine_rules.errors import InvalidValueError
    >>> issubclass(GridError, InvalidValueError)
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from cantine_rules.errors import (
    CantineRulesError,
    InvalidValueError,
    OutOfRangeError,
    UnknownCodeError,
)

__all__ = [
    "GridError",
    "MissingFigure",
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


@attrs.frozen
class MissingFigure:
    """Which figure of a grid no source gives, as data an answer can carry and explain.

    Attributes:
        bracket: the bracket whose price no source gives; or, with *quotient_familial*, the last
            bracket whose threshold is known.
        quotient_familial: the family's QF when it lies at or above *bracket*'s threshold while
            the thresholds after it are unknown (so its bracket cannot be told); else None.

    Examples:
        >>> MissingFigure("tarif 7", Decimal("2500")).describe()
        "quotient_familial 2500: lies in 'tarif 7' or in a later bracket whose threshold no source gives"
    """  # noqa: E501

    bracket: str
    quotient_familial: Decimal | None = None

    def describe(self) -> str:
        """The missing figure in the library's words (English, as its error messages)."""
        if self.quotient_familial is None:
            return f"bracket {self.bracket}: no source gives the price of this bracket"
        return (
            f"quotient_familial {self.quotient_familial}: lies in {self.bracket!r} or in a later "
            "bracket whose threshold no source gives"
        )


class MissingFigureError(CantineRulesError, LookupError):
    """A figure (a price, a threshold) that no source gives was needed to answer.

    The library never invents a figure: a bracket whose price is unknown is kept as unknown, and
    pricing a family in it raises this error instead of guessing. Answers built on a price report
    it instead of failing: `billing.quote` gives a quote without a price, and a late charge based
    on the price is decided with its [`MissingFigure`][] (``Decision.missing_figure``).

    Attributes:
        field: what was being looked up.
        value: the value that led there (a bracket name, a quotient familial).
        reason: which figure is missing.
        figure: the missing figure as data, when a grid raised the error.

    """

    def __init__(
        self, field: str, value: object, reason: str, figure: MissingFigure | None = None
    ) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.figure = figure
        super().__init__(f"{field}: {reason} (got {value!r})")

    def __str__(self) -> str:
        # LookupError subclasses such as KeyError quote their argument; keep the plain message.
        return str(self.args[0])

    def missing_figure(self) -> MissingFigure:
        """The missing figure as data, for an answer that reports it rather than failing.

        An error raised without one (by a tariff other than a grid) names its value as the
        bracket whose price is missing.

        Examples:
            >>> error = MissingFigureError("bracket", "tarif 8", "no source gives its price")
            >>> error.missing_figure()
            MissingFigure(bracket='tarif 8', quotient_familial=None)
        """
        return self.figure or MissingFigure(str(self.value))
