"""Tariffs with columns: by the number of children in the family, by sibling rank, by residence.

A règlement's price table often has columns besides its QF brackets: « pour 1 enfant 4,50 €,
2 enfants 4,40 €, 3 enfants 4,25 € »; a « 3ème enfant » column beside each bracket; an
« Extérieur » column or one flat price for families living outside the commune. Each column
here holds a whole tariff (a unit price, a bracket grid, or another tariff with columns), so a
column of a grid is a grid, and a price says which columns it was read from
([`Price.columns`][cantine_rules.pricing._tariffs.Price]).

Examples:
    >>> src = Source.example("« pour 1 enfant 4,50 €, 2 enfants 4,40 €, 3 enfants 4,25 € »")
    >>> meal = ByChildrenCount((
    ...     CountColumn(1, "1 enfant", UnitPrice(Money.euros("4.50"), src)),
    ...     CountColumn(2, "2 enfants", UnitPrice(Money.euros("4.40"), src)),
    ...     CountColumn(3, "3 enfants", UnitPrice(Money.euros("4.25"), src)),
    ... ))
    >>> price = meal.price(PricingContext(children_in_family=4))
    >>> price.unit_price, price.columns
    (Money.euros('4.25'), ('3 enfants',))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from cantine_rules._validators import identifier
from cantine_rules.errors import InvalidTypeError, InvalidValueError, OutOfRangeError
from cantine_rules.money import Money  # noqa: F401  (the examples use it)
from cantine_rules.pricing._tariffs import (
    Price,
    PricingContext,
    Tariff,
    UnitPrice,  # noqa: F401  (the examples use it)
    a_tariff,
)
from cantine_rules.sources import Source  # noqa: F401  (the examples use it)

__all__ = ["ByChildrenCount", "ByResidence", "BySiblingRank", "CountColumn"]


def _start(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be a whole number")
    if value < 1:
        raise OutOfRangeError(attribute.name, value, "columns count from 1")


@attrs.frozen
class CountColumn:
    """One column of a tariff by count: from which count on it applies, its heading, its tariff.

    Attributes:
        start: the first count the column applies to (« 3 enfants » is 3); it applies up to
            the next column's start, and the last column to every count beyond it.
        label: the column's heading as the règlement writes it.
        tariff: the price of the column.

    Examples:
        >>> src = Source.example("3ème enfant")
        >>> CountColumn(3, "3ème enfant", UnitPrice(Money.euros("1.53"), src)).start
        3
    """

    start: int = attrs.field(validator=_start)
    label: str = attrs.field(validator=identifier)
    tariff: Tariff = attrs.field(validator=a_tariff)


def _columns(value: Iterable[CountColumn]) -> tuple[CountColumn, ...]:
    if not isinstance(value, list | tuple):
        raise InvalidTypeError("columns", value, "must be a sequence of CountColumn")
    return tuple(value)


def _check_columns(
    _instance: Any, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    if not value:
        raise InvalidValueError(attribute.name, value, "must hold at least one column")
    previous: CountColumn | None = None
    for index, column in enumerate(value):
        if not isinstance(column, CountColumn):
            raise InvalidTypeError(f"{attribute.name}[{index}]", column, "must be a CountColumn")
        if previous is None and column.start != 1:
            raise InvalidValueError(
                f"{attribute.name}[0].start", column.start, "the first column must start at 1"
            )
        if previous is not None and column.start <= previous.start:
            raise InvalidValueError(
                f"{attribute.name}[{index}].start",
                column.start,
                f"columns must start at rising counts; columns[{index - 1}] starts at "
                f"{previous.start}",
            )
        previous = column


def _column_for(columns: tuple[CountColumn, ...], count: int) -> CountColumn:
    """The column of *count*: the last one starting at or below it."""
    found = columns[0]
    for column in columns:
        if column.start > count:
            break
        found = column
    return found


def _in_column(column: CountColumn, context: PricingContext) -> Price:
    price = column.tariff.price(context)
    return attrs.evolve(price, columns=(column.label, *price.columns))


@attrs.frozen
class ByChildrenCount:
    """A price by the number of children of the family (« pour 2 enfants 4,40 € »).

    The count is the context's ``children_in_family``; when it is not given, the child's
    sibling rank, the fewest children the context allows. Beyond the last column, the last
    column applies (« 3 enfants » holds for 4 children too).

    Attributes:
        columns: the columns by rising count, the first from 1 child.

    Examples:
        >>> src = Source.example("1 enfant 4 €, 2 enfants 3,60 €")
        >>> one, two = UnitPrice(Money.euros("4"), src), UnitPrice(Money.euros("3.60"), src)
        >>> meal = ByChildrenCount((CountColumn(1, "1 enfant", one),
        ...                         CountColumn(2, "2 enfants", two)))
        >>> meal.price(PricingContext(children_in_family=2)).unit_price
        Money.euros('3.60')
    """

    columns: tuple[CountColumn, ...] = attrs.field(converter=_columns, validator=_check_columns)

    def price(self, context: PricingContext) -> Price:
        """The price of the column of the family's number of children."""
        if not isinstance(context, PricingContext):
            raise InvalidTypeError("context", context, "must be a PricingContext")
        return _in_column(_column_for(self.columns, context.family_size), context)


@attrs.frozen
class BySiblingRank:
    """A price by the child's rank among its siblings (a « 3ème enfant » column).

    Beyond the last column, the last column applies: a « 3ème enfant » column from rank 3 also
    prices the 4th child. Each column may be a bracket grid, for a sibling price that differs
    per bracket.

    Attributes:
        columns: the columns by rising rank, the first from the first child.

    Examples:
        >>> src = Source.example("3ème enfant 1,53 €")
        >>> full, third = UnitPrice(Money.euros("3.05"), src), UnitPrice(Money.euros("1.53"), src)
        >>> meal = BySiblingRank((CountColumn(1, "Tarif", full),
        ...                       CountColumn(3, "3ème enfant", third)))
        >>> meal.price(PricingContext(sibling_rank=2)).unit_price
        Money.euros('3.05')
    """

    columns: tuple[CountColumn, ...] = attrs.field(converter=_columns, validator=_check_columns)

    def price(self, context: PricingContext) -> Price:
        """The price of the column of the child's sibling rank."""
        if not isinstance(context, PricingContext):
            raise InvalidTypeError("context", context, "must be a PricingContext")
        return _in_column(_column_for(self.columns, context.sibling_rank), context)


@attrs.frozen
class ByResidence:
    """One tariff for the commune's residents, another for families living outside it.

    The non-resident tariff is a flat price (« Extérieur 16,40 ») or a whole column of the grid,
    rather than a percentage (for a percentage, see ``NonResidentSupplement``).

    Attributes:
        resident: the tariff of families living in the commune.
        non_resident: the tariff of the others.
        label: the heading of the non-residents' column (« Extérieurs », « Non Roncquois »).

    Examples:
        >>> src = Source.example("Extérieur 16,40")
        >>> fee = ByResidence(UnitPrice(Money.euros("12"), src),
        ...                   UnitPrice(Money.euros("16.40"), src), "Extérieur")
        >>> price = fee.price(PricingContext(resident=False))
        >>> price.unit_price, price.columns
        (Money.euros('16.40'), ('Extérieur',))
    """

    resident: Tariff = attrs.field(validator=a_tariff)
    non_resident: Tariff = attrs.field(validator=a_tariff)
    label: str = attrs.field(validator=identifier)

    def price(self, context: PricingContext) -> Price:
        """The resident tariff's price, or the non-resident column's for a family outside."""
        if not isinstance(context, PricingContext):
            raise InvalidTypeError("context", context, "must be a PricingContext")
        if context.resident:
            return self.resident.price(context)
        price = self.non_resident.price(context)
        return attrs.evolve(price, columns=(self.label, *price.columns))
