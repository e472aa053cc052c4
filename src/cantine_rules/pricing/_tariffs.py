"""Tariff kinds behind one protocol: a unit price, a grid of QF brackets, a taux d'effort.

Every tariff answers [`Tariff.price`][] for a [`PricingContext`][] (the family's QF, the
child's rank among siblings, residence, medical meal) with a [`Price`][]: the unit price, the
bracket it came from and the source of the figure. The kinds are explicit classes; a tariff's
kind is never guessed from the data it was built from.

A [`BracketGrid`][] is declared by lower thresholds: each bracket starts where it says and ends
where the next one starts, so two brackets can neither overlap nor leave a gap. A règlement that
writes both bounds of its brackets (« de 651 à 950 », « inférieur à 700 € », « supérieur à
1000 € ») is written as it is: a bracket may give its upper bound and whether each bound is
included. Such a grid may leave QFs in no bracket (950,50 € between « de 651 à 950 » and « de 951
à 1200 »); those gaps are listed by [`BracketGrid.gaps`][], reported by the grid checks, and a QF
in one is never priced by guessing. Brackets that overlap are refused.

Examples:
    >>> grid = BracketGrid(
    ...     (
    ...         Bracket("tarif 1", "0", Money.euros("0.13"), Source.example("grid")),
    ...         Bracket("tarif 2", "235", Money.euros("0.85"), Source.example("grid")),
    ...     ),
    ...     default_bracket="tarif 2",
    ... )
    >>> grid.bracket_for(Decimal("234")).name, grid.bracket_for(Decimal("235")).name
    ('tarif 1', 'tarif 2')
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import (
    a_bool,
    identifier,
    instance_of,
    non_negative_decimal,
    non_negative_money,
    optional_text,
    tuple_of,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError, OutOfRangeError
from cantine_rules.money import Money, to_decimal
from cantine_rules.pricing._tariff_errors import (
    GridError,
    MissingFigure,
    MissingFigureError,
    UnknownBracketError,
)
from cantine_rules.sources import Source

__all__ = [
    "AppliedModifier",
    "Bracket",
    "BracketGrid",
    "EffortRate",
    "Price",
    "PricingContext",
    "QuotientGap",
    "Tariff",
    "UnitPrice",
    "optional_quotient",
    "quotient_value",
]


#: A validator: a [`Source`][cantine_rules.sources.Source], or the library's type error.
_a_source = instance_of(Source, "a Source")


# The value of a quotient familial is checked here, where prices read it, rather than with the
# quotient familial rules (``_quotient``): pricing needs the one, not the others.
def quotient_value(value: object, field: str = "quotient_familial") -> Decimal:
    """A quotient familial as a finite, non-negative Decimal; a float or a negative is refused.

    Examples:
        >>> quotient_value("812")
        Decimal('812')
    """
    return non_negative_decimal(value, field)


def optional_quotient(value: object) -> Decimal | None:
    """None, or a valid quotient familial (converter for optional QF fields)."""
    if value is None:
        return None
    return quotient_value(value)


def _sibling_rank(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be a whole number (1 = first child)")
    if value < 1:
        raise OutOfRangeError(attribute.name, value, "the first child has rank 1")


def _optional_identifier(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        identifier(instance, attribute, value)


def _children_in_family(
    instance: PricingContext, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be a whole number of children")
    if value < instance.sibling_rank:
        raise OutOfRangeError(
            attribute.name,
            value,
            f"a family has at least as many children as the child's rank ({instance.sibling_rank})",
        )


@attrs.frozen
class PricingContext:
    """What a tariff may depend on for one child and one service.

    Attributes:
        quotient_familial: the QF that applies (see ``QuotientPolicy``), or None for a family
            without a valid QF; a str, int or Decimal, never a float, never negative.
        sibling_rank: the child's rank among the family's children at the service (1 = first).
        resident: True when the family lives in the commune.
        medical_meal: True when the child brings a meal under a PAI (projet d'accueil
            individualisé) for a medical reason.
        children_in_family: how many children of the family use the service (« pour 2
            enfants »), or None when not given: tariffs by the number of children then read the
            child's rank, the fewest children the context allows (see [`family_size`][]).
        site: the code of the school or site the child attends (« école du Bourg »), or None;
            a supplement per site applies only to the sites it lists.

    Examples:
        >>> PricingContext("812", sibling_rank=2).quotient_familial
        Decimal('812')
        >>> PricingContext(sibling_rank=2).family_size
        2
        >>> PricingContext(children_in_family=3).family_size
        3
    """

    quotient_familial: Decimal | None = attrs.field(default=None, converter=optional_quotient)
    sibling_rank: int = attrs.field(default=1, validator=_sibling_rank)
    resident: bool = attrs.field(default=True, validator=a_bool)
    medical_meal: bool = attrs.field(default=False, validator=a_bool)
    children_in_family: int | None = attrs.field(default=None, validator=_children_in_family)
    site: str | None = attrs.field(default=None, validator=_optional_identifier)

    @property
    def family_size(self) -> int:
        """The number of children a tariff by family size reads: as given, else the child's rank."""
        return self.sibling_rank if self.children_in_family is None else self.children_in_family


@attrs.frozen
class AppliedModifier:
    """A modifier that changed a price: what it did and where the rule comes from.

    Examples:
        >>> AppliedModifier("non-resident supplement + 20 %", Source.example("+20 %")).label
        'non-resident supplement + 20 %'
    """

    label: str = attrs.field(validator=identifier)
    source: Source = attrs.field(validator=_a_source)


def _applied_tuple(value: Iterable[AppliedModifier]) -> tuple[AppliedModifier, ...]:
    return tuple(value)


def _label_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Price:
    """The price of one unit of a service for one child, with where it comes from.

    Attributes:
        unit_price: the price of one unit (a meal, a session), never negative.
        bracket: the bracket it was read from (« tarif 4 »), or None for a tariff without brackets.
        source: the source of the base figure.
        modifiers: the modifiers that changed it, in the order they applied.
        columns: the columns of the tariff that were read, outermost first (« Extérieur »,
            « 2 enfants »); empty for a tariff without columns.

    Examples:
        >>> Price(Money.euros("3.60"), None, Source.seed("à l'unité 3.60€")).sourced
        True
    """

    unit_price: Money = attrs.field(validator=non_negative_money)
    bracket: str | None = attrs.field(validator=optional_text)
    source: Source = attrs.field(validator=_a_source)
    modifiers: tuple[AppliedModifier, ...] = attrs.field(
        default=(), converter=_applied_tuple, validator=tuple_of(AppliedModifier)
    )
    columns: tuple[str, ...] = attrs.field(
        default=(), converter=_label_tuple, validator=tuple_of(str)
    )

    @property
    def sourced(self) -> bool:
        """True when the base figure and every modifier come from a seed or a public reference."""
        return self.source.sourced and all(applied.source.sourced for applied in self.modifiers)


@runtime_checkable
class Tariff(Protocol):
    """Anything that prices a unit of a service for a [`PricingContext`][]."""

    def price(self, context: PricingContext) -> Price:
        """The price for *context*."""
        ...


a_tariff = instance_of(Tariff, "a Tariff (with a price method)")
"""A validator accepting anything with a ``price`` method (a ``Tariff``)."""


def _require_context(context: object) -> PricingContext:
    if not isinstance(context, PricingContext):
        raise InvalidTypeError("context", context, "must be a PricingContext")
    return context


@attrs.frozen
class UnitPrice:
    """One price for everybody (« à l'unité »).

    Examples:
        >>> meal = UnitPrice(Money.euros("3.60"), Source.seed("à l'unité 3.60€"))
        >>> meal.price(PricingContext()).unit_price
        Money.euros('3.60')
    """

    amount: Money = attrs.field(validator=non_negative_money)
    source: Source = attrs.field(validator=_a_source)

    def price(self, context: PricingContext) -> Price:
        """The one price, whatever the context."""
        _require_context(context)
        return Price(self.amount, None, self.source)


def _optional_lower(value: object) -> Decimal | None:
    if value is None:
        return None
    return quotient_value(value, "lower")


def _optional_upper(value: object) -> Decimal | None:
    if value is None:
        return None
    return quotient_value(value, "upper")


def _check_lower_inclusive(
    instance: Bracket, attribute: attrs.Attribute[Any], value: object
) -> None:
    a_bool(instance, attribute, value)
    if value is False and instance.lower is None:
        raise InvalidValueError(
            attribute.name, value, "a bracket whose lower bound no source gives cannot exclude it"
        )


def _check_upper(instance: Bracket, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    # The converter made *value* a Decimal or None.
    if value is None:
        return
    if instance.lower is None:
        raise InvalidValueError(
            attribute.name, value, "a bracket whose lower bound no source gives has no upper bound"
        )
    if value < instance.lower:
        raise InvalidValueError(
            attribute.name, value, f"must not be below the lower bound {instance.lower}"
        )


def _check_upper_inclusive(
    instance: Bracket, attribute: attrs.Attribute[Any], value: object
) -> None:
    a_bool(instance, attribute, value)
    if instance.upper is None:
        if value is False:
            raise InvalidValueError(
                attribute.name, value, "only a bracket that gives its upper bound can exclude it"
            )
        return
    if instance.upper == instance.lower and not (value and instance.lower_inclusive):
        raise InvalidValueError(
            attribute.name,
            value,
            f"a bracket from {instance.lower} to {instance.upper} holds no QF unless both "
            "bounds are included",
        )


def _bound(value: Decimal, included: bool) -> tuple[Decimal, int]:
    """The sort key of a lower bound: an included bound comes before the excluded one."""
    return (value, 0 if included else 1)


@attrs.frozen
class Bracket:
    """One bracket (tranche) of a grid: its name, its bounds as a règlement writes them, its price.

    A bracket is usually declared by where it starts, and ends where the next one starts
    (lower thresholds). A règlement that writes both bounds (« de 651 à 950 », « entre 700 et
    inférieur ou égal à 1000 € ») gives ``upper`` too, and says which bounds are included:
    « inférieur à 700 € » is ``lower=0, upper=700, upper_inclusive=False``; « supérieur à 1000 €
    » is ``lower=1000, lower_inclusive=False``. The bounds are exact for any QF, in cents or
    finer.

    Attributes:
        name: as the commune names it (« tarif 4 »).
        lower: the lowest QF in the bracket, or None when no source gives it; such a bracket
            lies above every bracket with a threshold and no QF can be placed in it.
        unit_price: the price of one unit, or None when no source gives it; pricing a family in
            this bracket then raises [`MissingFigureError`][] instead of guessing.
        source: where the threshold and the price come from.
        lower_inclusive: False when the lower bound itself is not in the bracket (« au-delà
            de », « supérieur à »).
        upper: the highest QF of the bracket as written, or None when the bracket ends where
            the next one starts (or is the last one, open above).
        upper_inclusive: False when the upper bound itself is not in the bracket (« inférieur
            à », « moins de »); only with an upper bound.

    Examples:
        >>> Bracket("tarif 2", "235", Money.euros("0.85"), Source.public("cde7.fr")).lower
        Decimal('235')
        >>> below = Bracket("T1", "0", Money.euros("1"), Source.example("< 700 €"),
        ...                 upper="700", upper_inclusive=False)
        >>> below.contains(Decimal("699.99")), below.contains(Decimal("700"))
        (True, False)
    """

    name: str = attrs.field(validator=identifier)
    lower: Decimal | None = attrs.field(converter=_optional_lower)
    unit_price: Money | None = attrs.field(validator=attrs.validators.optional(non_negative_money))
    source: Source = attrs.field(validator=_a_source)
    lower_inclusive: bool = attrs.field(default=True, validator=_check_lower_inclusive)
    upper: Decimal | None = attrs.field(
        default=None, converter=_optional_upper, validator=_check_upper
    )
    upper_inclusive: bool = attrs.field(default=True, validator=_check_upper_inclusive)

    def admits_from_below(self, quotient_familial: Decimal) -> bool:
        """True when *quotient_familial* is at or above the lower bound, as written."""
        if self.lower is None:
            return False
        return _bound(self.lower, self.lower_inclusive) <= (quotient_familial, 0)

    def admits_from_above(self, quotient_familial: Decimal) -> bool:
        """True when *quotient_familial* is at or below the upper bound as written (or none is)."""
        if self.upper is None:
            return True
        if self.upper_inclusive:
            return quotient_familial <= self.upper
        return quotient_familial < self.upper

    def contains(self, quotient_familial: Decimal) -> bool:
        """True when the bracket's own bounds hold *quotient_familial* (the next bracket aside)."""
        return self.admits_from_below(quotient_familial) and self.admits_from_above(
            quotient_familial
        )


@attrs.frozen
class QuotientGap:
    """QFs that no bracket of a grid holds, between two brackets' bounds as written.

    Attributes:
        index: the index of the bracket after the gap (the number of brackets when the gap
            lies above the last one).
        low: where the gap starts, and ``low_included`` whether that QF is in the gap.
        high: where it ends, and ``high_included`` whether that QF is in the gap; None when
            the gap has no end (above the last bracket).

    Examples:
        >>> gap = QuotientGap(2, Decimal("950"), False, Decimal("951"), False)
        >>> gap.contains(Decimal("950.50")), gap.contains(Decimal("951"))
        (True, False)
        >>> gap.describe()
        'QF above 950 and below 951'
    """

    index: int
    low: Decimal
    low_included: bool
    high: Decimal | None
    high_included: bool

    def contains(self, quotient_familial: Decimal) -> bool:
        """True when *quotient_familial* lies in the gap."""
        above = quotient_familial > self.low or (
            self.low_included and quotient_familial == self.low
        )
        if self.high is None:
            return above
        below = quotient_familial < self.high or (
            self.high_included and quotient_familial == self.high
        )
        return above and below

    def describe(self) -> str:
        """The gap in words, for a finding (« QF above 950 and below 951 »)."""
        if self.high is not None and self.low == self.high:
            return f"QF {self.low}"
        low = f"from {self.low}" if self.low_included else f"above {self.low}"
        if self.high is None:
            return f"QF {low}"
        high = f"up to {self.high}" if self.high_included else f"below {self.high}"
        return f"QF {low} and {high}"


def _check_brackets(
    instance: BracketGrid, attribute: attrs.Attribute[Any], value: tuple[Bracket, ...]
) -> None:
    tuple_of(Bracket)(instance, attribute, value)
    if not value:
        raise GridError("brackets", value, "a grid needs at least one bracket")
    if value[0].lower is None or value[0].lower != 0:
        raise GridError("brackets[0].lower", value[0].lower, "the first bracket must start at QF 0")
    names: set[str] = set()
    previous: Bracket | None = None
    for index, bracket in enumerate(value):
        if bracket.name in names:
            raise GridError(f"brackets[{index}].name", bracket.name, "names a bracket twice")
        names.add(bracket.name)
        if previous is not None and bracket.lower is not None:
            _check_follows(index, previous, bracket)
        previous = bracket


def _check_follows(index: int, previous: Bracket, bracket: Bracket) -> None:
    """Refuse a bracket that does not start after *previous*, or that overlaps it."""
    assert bracket.lower is not None
    if previous.lower is None:
        raise GridError(
            f"brackets[{index}].lower",
            bracket.lower,
            "a bracket with a threshold must come before every bracket without one",
        )
    if _bound(bracket.lower, bracket.lower_inclusive) <= _bound(
        previous.lower, previous.lower_inclusive
    ):
        raise GridError(
            f"brackets[{index}].lower",
            bracket.lower,
            f"thresholds must be strictly increasing; brackets[{index - 1}] "
            f"({previous.name!r}) starts at {previous.lower}",
        )
    upper = previous.upper
    if upper is None:
        return
    touching = upper == bracket.lower and previous.upper_inclusive and bracket.lower_inclusive
    if upper > bracket.lower or touching:
        included = "included" if previous.upper_inclusive else "excluded"
        raise GridError(
            f"brackets[{index}].lower",
            bracket.lower,
            f"overlaps brackets[{index - 1}] ({previous.name!r}, up to {upper} {included}): "
            "a QF would lie in two brackets",
        )


def _check_progressive(
    instance: BracketGrid, attribute: attrs.Attribute[Any], value: object
) -> None:
    a_bool(instance, attribute, value)
    if not value:
        return
    highest: tuple[int, Bracket, Money] | None = None
    for index, bracket in enumerate(instance.brackets):
        if bracket.unit_price is None:
            continue
        if highest is not None and bracket.unit_price < highest[2]:
            high_index, high, high_price = highest
            raise GridError(
                f"brackets[{index}].unit_price",
                bracket.unit_price,
                f"falls below brackets[{high_index}] ({high.name!r}, {high_price}) "
                "in a grid declared progressive",
            )
        highest = (index, bracket, bracket.unit_price)


def _check_default(instance: BracketGrid, attribute: attrs.Attribute[Any], value: object) -> None:
    identifier(instance, attribute, value)
    names = [bracket.name for bracket in instance.brackets]
    if value not in names:
        raise UnknownBracketError(value, names, field=attribute.name)


def _bracket_tuple(value: Iterable[Bracket]) -> tuple[Bracket, ...]:
    return tuple(value)


@pickled_by_fields
@attrs.frozen
class BracketGrid:
    """Brackets by quotient familial, each as the règlement writes it, with a default bracket.

    The brackets are listed in order of rising QF. Those with a threshold come first, start at 0
    and rise strictly; a bracket covers the QFs from its threshold up to its own upper bound
    when it gives one, else up to (not including) the next threshold. Brackets whose threshold
    no source gives may follow (a public grid may stop at « tarif 7 » of ten); a QF above the
    last known bracket is then ambiguous and refused.

    Brackets that give their upper bound may leave a gap before the next one; [`gaps`][] lists
    them, the grid checks report them, and a QF in a gap is refused with
    [`MissingFigureError`][]: the règlement gives it no price. Brackets that overlap are refused.

    Attributes:
        brackets: the brackets, by rising QF.
        default_bracket: the name of the bracket for a family without a valid QF (seed 004:
            « tarif 10 »).
        progressive: when True (the default), prices may not fall as the QF rises; a grid that
            breaks this is refused.

    Examples:
        >>> src = Source.example("grid")
        >>> grid = BracketGrid((Bracket("A", "0", Money.euros("1"), src),
        ...                     Bracket("B", "500", Money.euros("2"), src)), "B")
        >>> grid.price(PricingContext()).bracket
        'B'
        >>> try:
        ...     BracketGrid((Bracket("T1", "0", Money.euros("1"), src, upper="1000"),
        ...                  Bracket("T2", "1000", Money.euros("2"), src)), "T2")
        ... except GridError as error:
        ...     print(error.field, "|", str(error).split(": ")[1])
        brackets[1].lower | overlaps brackets[0] ('T1', up to 1000 included)
    """

    brackets: tuple[Bracket, ...] = attrs.field(converter=_bracket_tuple, validator=_check_brackets)
    default_bracket: str = attrs.field(validator=_check_default)
    progressive: bool = attrs.field(default=True, validator=_check_progressive)
    _keys: tuple[tuple[Decimal, int], ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # Precomputed once so that bracket_for is a bisect, not a scan.
        keys = tuple(
            _bound(bracket.lower, bracket.lower_inclusive)
            for bracket in self.brackets
            if bracket.lower is not None
        )
        object.__setattr__(self, "_keys", keys)

    @property
    def names(self) -> tuple[str, ...]:
        """The bracket names, by rising QF."""
        return tuple(bracket.name for bracket in self.brackets)

    def bracket(self, name: str) -> Bracket:
        """The bracket called *name*, or [`UnknownBracketError`][] listing the known ones.

        Examples:
            >>> src = Source.example("grid")
            >>> BracketGrid((Bracket("A", "0", Money.euros("1"), src),), "A").bracket("A").lower
            Decimal('0')
        """
        for bracket in self.brackets:
            if bracket.name == name:
                return bracket
        raise UnknownBracketError(name, self.names)

    def gaps(self) -> tuple[QuotientGap, ...]:
        """The QFs no bracket holds, as the brackets' bounds are written, by rising QF.

        Examples:
            >>> src = Source.example("« de 0 à 650 », « de 651 à 950 »")
            >>> grid = BracketGrid((Bracket("T1", "0", Money.euros("1"), src, upper="650"),
            ...                     Bracket("T2", "651", Money.euros("2"), src)), "T2")
            >>> [gap.describe() for gap in grid.gaps()]
            ['QF above 650 and below 651']
        """
        gaps: list[QuotientGap] = []
        known = [bracket for bracket in self.brackets if bracket.lower is not None]
        first = known[0]
        if not first.lower_inclusive:
            gaps.append(QuotientGap(0, Decimal(0), True, Decimal(0), True))
        for index, bracket in enumerate(known):
            if bracket.upper is None:
                continue
            if index + 1 < len(known):
                following = known[index + 1]
                assert following.lower is not None
                touching = bracket.upper == following.lower and (
                    bracket.upper_inclusive or following.lower_inclusive
                )
                if not touching:
                    gaps.append(
                        QuotientGap(
                            index + 1,
                            bracket.upper,
                            not bracket.upper_inclusive,
                            following.lower,
                            not following.lower_inclusive,
                        )
                    )
            elif len(known) == len(self.brackets):
                # Above the last bracket, when it is the last of the grid and closed.
                gaps.append(
                    QuotientGap(index + 1, bracket.upper, not bracket.upper_inclusive, None, False)
                )
        return tuple(gaps)

    def bracket_for(self, quotient_familial: Decimal | None) -> Bracket:
        """The bracket of a QF; the default bracket for None (no valid QF).

        Raises:
            MissingFigureError: the QF lies in a gap between brackets as written, or above the
                last known threshold while brackets whose threshold no source gives follow it.

        Examples:
            >>> src = Source.example("grid")
            >>> grid = BracketGrid((Bracket("A", "0", Money.euros("1"), src),
            ...                     Bracket("B", "500", Money.euros("2"), src)), "B")
            >>> grid.bracket_for(Decimal("499.99")).name
            'A'
        """
        if quotient_familial is None:
            return self.bracket(self.default_bracket)
        value = quotient_value(quotient_familial)
        index = bisect_right(self._keys, (value, 0)) - 1
        found = self.brackets[index] if index >= 0 else None
        unknown_follow = len(self._keys) < len(self.brackets)
        if found is not None and found.admits_from_above(value):
            if index < len(self._keys) - 1 or found.upper is not None or not unknown_follow:
                return found
        elif found is None or index < len(self._keys) - 1 or not unknown_follow:
            gap = next(gap for gap in self.gaps() if gap.contains(value))
            raise MissingFigureError(
                "quotient_familial",
                value,
                f"lies in no bracket of the grid as written ({gap.describe()}); the règlement "
                "gives no price there",
            )
        where = f"in {found.name!r} (from {found.lower}) or"
        if found.upper is not None:
            where = f"above {found.name!r} (up to {found.upper}),"
        raise MissingFigureError(
            "quotient_familial",
            value,
            f"lies {where} in a later bracket whose threshold no source gives",
            MissingFigure(found.name, value),
        )

    def price(self, context: PricingContext) -> Price:
        """The price of the context's bracket (the default bracket without a valid QF).

        Raises:
            MissingFigureError: no source gives the price of that bracket, or the QF lies in a
                gap of the grid as written.

        """
        bracket = self.bracket_for(_require_context(context).quotient_familial)
        if bracket.unit_price is None:
            raise MissingFigureError(
                "bracket",
                bracket.name,
                "no source gives the price of this bracket",
                MissingFigure(bracket.name),
            )
        return Price(bracket.unit_price, bracket.name, bracket.source)


def _rate(value: object) -> Decimal:
    rate = to_decimal(value, "rate")
    if rate <= 0 or rate >= 1:
        raise InvalidValueError("rate", value, "must be a fraction between 0 and 1 (0.0036)")
    return rate


def _check_maximum(instance: EffortRate, attribute: attrs.Attribute[Any], value: object) -> None:
    non_negative_money(instance, attribute, value)
    if isinstance(value, Money) and value < instance.minimum:
        raise InvalidValueError(
            attribute.name, value, f"must not be below the minimum {instance.minimum}"
        )


_NO_QUOTIENT_DEFAULT = Source.default(
    "no source gives the price for a family without a valid QF; the maximum is charged"
)


@attrs.frozen
class EffortRate:
    """Taux d'effort: the price is the QF times a rate, kept between a minimum and a maximum.

    The product is rounded once, half-up, to the cent (the library's one rounding rule), then
    kept within [minimum, maximum]. A family without a valid QF pays ``without_quotient``; when
    no figure is given for it, the maximum, marked as a default.

    Attributes:
        rate: the rate as a fraction (0,36 % is ``Decimal("0.0036")``; see [`percent`][]).
        minimum: the lowest price.
        maximum: the highest price, not below the minimum.
        source: where the rate and the bounds come from.
        without_quotient: the price for a family without a valid QF, if a source gives it.

    Examples:
        >>> tariff = EffortRate.percent("0.36", Money.euros("2.60"), Money.euros("4.50"),
        ...                             Source.example("0,36 % of QF, 2,60 € to 4,50 €"))
        >>> tariff.price(PricingContext("1000")).unit_price
        Money.euros('3.60')
    """

    rate: Decimal = attrs.field(converter=_rate)
    minimum: Money = attrs.field(validator=non_negative_money)
    maximum: Money = attrs.field(validator=_check_maximum)
    source: Source = attrs.field(validator=_a_source)
    without_quotient: Money | None = attrs.field(
        default=None, validator=attrs.validators.optional(non_negative_money)
    )

    @classmethod
    def percent(
        cls,
        percent: Decimal | str | int,
        minimum: Money,
        maximum: Money,
        source: Source,
        without_quotient: Money | None = None,
    ) -> EffortRate:
        """An effort rate given in percent (``"0.36"`` for 0,36 %)."""
        return cls(to_decimal(percent, "percent") / 100, minimum, maximum, source, without_quotient)

    def price(self, context: PricingContext) -> Price:
        """QF × rate, rounded once half-up to the cent, kept within [minimum, maximum]."""
        quotient = _require_context(context).quotient_familial
        if quotient is None:
            if self.without_quotient is not None:
                return Price(self.without_quotient, None, self.source)
            return Price(self.maximum, None, _NO_QUOTIENT_DEFAULT)
        amount = Money.rounded(quotient * self.rate)
        return Price(min(max(amount, self.minimum), self.maximum), None, self.source)
