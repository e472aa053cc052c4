"""Modifiers that compose on any tariff: sibling rank, non-resident supplement, medical meal.

A [`ModifiedTariff`][] prices with its tariff, then lets each modifier change the amount in
the order given. The amount stays exact between modifiers and is rounded **once**, half-up to the
cent, at the end, so a chain of modifiers rounds like a single line. A modifier that does not
apply to the context leaves the amount alone and is not listed on the price.

Examples:
    >>> from cantine_rules.pricing._tariffs import UnitPrice
    >>> meal = ModifiedTariff(
    ...     UnitPrice(Money.euros("3.60"), Source.example("3,60 €")),
    ...     (NonResidentSupplement("0.20", Source.example("non-residents +20 %")),),
    ... )
    >>> meal.price(PricingContext(resident=False)).unit_price
    Money.euros('4.32')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

import attrs

from cantine_rules._validators import non_negative_money
from cantine_rules.errors import InvalidTypeError, InvalidValueError, OutOfRangeError
from cantine_rules.money import Money, to_decimal
from cantine_rules.pricing._tariffs import (
    AppliedModifier,
    Price,
    PricingContext,
    Tariff,
    a_tariff,
)
from cantine_rules.pricing._tariffs import _a_source as a_source
from cantine_rules.sources import Source

__all__ = [
    "MedicalMealFactor",
    "MedicalMealFlatPrice",
    "ModifiedTariff",
    "Modifier",
    "NonResidentSupplement",
    "SiblingReduction",
    "SiteSupplement",
]


@runtime_checkable
class Modifier(Protocol):
    """Anything that may change an exact amount for a [`PricingContext`][]."""

    @property
    def label(self) -> str:
        """What the modifier does, as shown on a price."""
        ...

    @property
    def source(self) -> Source:
        """Where the rule comes from."""
        ...

    def adjust(self, amount: Decimal, context: PricingContext) -> Decimal | None:
        """The new exact amount, or None when the modifier does not apply to *context*."""
        ...


def _reduction_factor(value: object, field: str) -> Decimal:
    factor = to_decimal(value, field)
    if not 0 <= factor <= 1:
        raise InvalidValueError(field, value, "a reduction factor lies between 0 and 1 ('0.5')")
    return factor


def _rank_factors(value: Mapping[int, Decimal | str | int]) -> tuple[tuple[int, Decimal], ...]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("factors", value, "must map a sibling rank to a factor")
    pairs: list[tuple[int, Decimal]] = []
    for rank, factor in value.items():
        if type(rank) is not int:
            raise InvalidTypeError("factors", rank, "a sibling rank is a whole number")
        if rank < 2:
            raise OutOfRangeError("factors", rank, "reductions start at the second child or later")
        pairs.append((rank, _reduction_factor(factor, f"factors[{rank}]")))
    if not pairs:
        raise InvalidValueError("factors", value, "must give at least one rank")
    # Sorting normalises the mapping; the reduction of the highest rank reached applies.
    return tuple(sorted(pairs))


@attrs.frozen
class SiblingReduction:
    """A factor on the price from a sibling rank on (« 3rd child half price » is ``{3: "0.5"}``).

    Ranks are lower thresholds like brackets: ``{2: "0.9", 3: "0.5"}`` gives the 2nd child 90 %
    and the 3rd and every later child 50 %. With a ``floor`` (« sans pouvoir être inférieur à
    1 € »), the reduced price never goes below it; a price already below the floor is left as it
    is, since a reduction never raises a price.

    Examples:
        >>> reduction = SiblingReduction({3: "0.5"}, Source.example("3rd child half price"))
        >>> reduction.adjust(Decimal("3.60"), PricingContext(sibling_rank=4))
        Decimal('1.800')
        >>> floored = SiblingReduction({2: "0.5"}, Source.example("-50 %, 2 € minimum"),
        ...                            floor=Money.euros("2"))
        >>> floored.adjust(Decimal("3.60"), PricingContext(sibling_rank=2))
        Decimal('2.00')
    """

    factors: tuple[tuple[int, Decimal], ...] = attrs.field(converter=_rank_factors)
    source: Source = attrs.field(validator=a_source)
    floor: Money | None = attrs.field(
        default=None, kw_only=True, validator=attrs.validators.optional(non_negative_money)
    )

    @property
    def label(self) -> str:
        """« sibling rank N and above × f », one entry per rank, and the floor if any."""
        ranks = ", ".join(f"rank {rank}+ × {factor}" for rank, factor in self.factors)
        floor = "" if self.floor is None else f", not below {self.floor}"
        return f"sibling reduction {ranks}{floor}"

    def adjust(self, amount: Decimal, context: PricingContext) -> Decimal | None:
        """The amount times the factor of the highest rank the child reaches, if any."""
        reached = [factor for rank, factor in self.factors if rank <= context.sibling_rank]
        if not reached:
            return None
        reduced = amount * reached[-1]
        if self.floor is not None and reduced < self.floor.amount:
            return min(amount, self.floor.amount)
        return reduced


def _supplement_rate(value: object) -> Decimal:
    rate = to_decimal(value, "rate")
    if rate < 0:
        raise InvalidValueError("rate", value, "a supplement is zero or more ('0.20' for +20 %)")
    return rate


@attrs.frozen
class NonResidentSupplement:
    """A supplement for families living outside the commune (« +20 % » is ``"0.20"``).

    Examples:
        >>> NonResidentSupplement("0.20", Source.example("+20 %")).label
        'non-resident supplement + 20 %'
    """

    rate: Decimal = attrs.field(converter=_supplement_rate)
    source: Source = attrs.field(validator=a_source)

    @property
    def label(self) -> str:
        """« non-resident supplement + N % »."""
        return f"non-resident supplement + {(self.rate * 100).normalize():f} %"

    def adjust(self, amount: Decimal, context: PricingContext) -> Decimal | None:
        """The amount plus the supplement, for a non-resident family only."""
        return None if context.resident else amount * (1 + self.rate)


def _site_amounts(value: Mapping[str, Money]) -> tuple[tuple[str, Money], ...]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("amounts", value, "must map a site code to an amount")
    pairs: list[tuple[str, Money]] = []
    for site, amount in value.items():
        if not isinstance(site, str) or not site.strip() or site != site.strip():
            raise InvalidValueError("amounts", site, "a site code is a non-empty string")
        if not isinstance(amount, Money):
            raise InvalidTypeError(f"amounts[{site}]", amount, "must be Money")
        amount.require_non_negative(f"amounts[{site}]")
        pairs.append((site, amount))
    if not pairs:
        raise InvalidValueError("amounts", value, "must give at least one site")
    # Sorting normalises the mapping, so that equal tables are equal values.
    return tuple(sorted(pairs))


@attrs.frozen
class SiteSupplement:
    """An amount added to the price at some schools or sites (« + 0,50 € à l'école du Bourg »).

    A child at a site the table does not list, or whose context gives no site, pays no
    supplement.

    Examples:
        >>> extra = SiteSupplement({"bourg": Money.euros("0.50")}, Source.example("+0,50 €"))
        >>> extra.adjust(Decimal("3.10"), PricingContext(site="bourg"))
        Decimal('3.60')
        >>> extra.adjust(Decimal("3.10"), PricingContext(site="plage")) is None
        True
    """

    amounts: tuple[tuple[str, Money], ...] = attrs.field(converter=_site_amounts)
    source: Source = attrs.field(validator=a_source)

    @property
    def label(self) -> str:
        """« site supplement bourg + 0.50 EUR », one entry per site."""
        return "site supplement " + ", ".join(f"{site} + {amount}" for site, amount in self.amounts)

    def adjust(self, amount: Decimal, context: PricingContext) -> Decimal | None:
        """The amount plus the supplement of the child's site, if the table lists it."""
        for site, extra in self.amounts:
            if site == context.site:
                return amount + extra.amount
        return None


def _medical_factor(value: object) -> Decimal:
    return _reduction_factor(value, "factor")


@attrs.frozen
class MedicalMealFactor:
    """A factor on the price when the child brings a meal under a PAI (``"0.5"`` for half).

    Examples:
        >>> MedicalMealFactor("0.5", Source.example("PAI half price")).adjust(
        ...     Decimal("3.60"), PricingContext(medical_meal=True))
        Decimal('1.800')
    """

    factor: Decimal = attrs.field(converter=_medical_factor)
    source: Source = attrs.field(validator=a_source)

    @property
    def label(self) -> str:
        """« medical meal (PAI) × f »."""
        return f"medical meal (PAI) × {self.factor}"

    def adjust(self, amount: Decimal, context: PricingContext) -> Decimal | None:
        """The amount times the factor, for a child bringing a medical meal only."""
        return amount * self.factor if context.medical_meal else None


@attrs.frozen
class MedicalMealFlatPrice:
    """A flat price when the child brings a meal under a PAI; it replaces the amount so far.

    Examples:
        >>> MedicalMealFlatPrice(Money.euros("1.75"), Source.example("PAI 1,75 €")).label
        'medical meal (PAI) 1.75 EUR'
    """

    amount: Money = attrs.field(validator=non_negative_money)
    source: Source = attrs.field(validator=a_source)

    @property
    def label(self) -> str:
        """« medical meal (PAI) <amount> »."""
        return f"medical meal (PAI) {self.amount}"

    def adjust(self, amount: Decimal, context: PricingContext) -> Decimal | None:
        """The flat price, for a child bringing a medical meal only."""
        return self.amount.amount if context.medical_meal else None


def _modifier_tuple(value: Iterable[Modifier]) -> tuple[Modifier, ...]:
    return tuple(value)


def _check_modifiers(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidTypeError(attribute.name, value, "must be a tuple of modifiers")
    for index, item in enumerate(value):
        if not isinstance(item, Modifier):
            raise InvalidTypeError(
                f"{attribute.name}[{index}]", item, "must be a Modifier (label, source, adjust)"
            )


@attrs.frozen
class ModifiedTariff:
    """A tariff with modifiers applied in order, rounded once at the end.

    Attributes:
        tariff: the base tariff.
        modifiers: applied in this order; a flat price replaces what came before it.

    Examples:
        >>> from cantine_rules.pricing._tariffs import UnitPrice
        >>> meal = ModifiedTariff(UnitPrice(Money.euros("3.60"), Source.example("3,60 €")),
        ...                       (SiblingReduction({3: "0.5"}, Source.example("half")),))
        >>> meal.price(PricingContext(sibling_rank=3)).unit_price
        Money.euros('1.80')
    """

    tariff: Tariff = attrs.field(validator=a_tariff)
    modifiers: tuple[Modifier, ...] = attrs.field(
        converter=_modifier_tuple, validator=_check_modifiers
    )

    def price(self, context: PricingContext) -> Price:
        """The base price changed by each modifier that applies, rounded once half-up."""
        base = self.tariff.price(context)
        exact = base.unit_price.amount
        applied: list[AppliedModifier] = list(base.modifiers)
        for modifier in self.modifiers:
            adjusted = modifier.adjust(exact, context)
            if adjusted is not None:
                exact = adjusted
                applied.append(AppliedModifier(modifier.label, modifier.source))
        return Price(Money.rounded(exact), base.bracket, base.source, tuple(applied), base.columns)
