"""Checks on a tariff grid: findings with a stable code, never exceptions.

A check reads a grid and returns a list of [`Finding`][]; an empty list means nothing was
found. The codes ([`FindingCode`][]) are stable, so a portal can translate or filter them.

* Grids written as explicit ranges (« T1 QF 0–234 », « T2 235–384 ») can have gaps and overlaps;
  [`check_ranges`][] finds them and [`grid_from_ranges`][] refuses them. A
  [`BracketGrid`][cantine_rules.pricing._tariffs.BracketGrid] cannot have any: it is declared by
  lower thresholds only.
* [`check_grid`][] finds the gaps of a grid whose brackets give their upper bounds as the
  règlement writes them (« de 651 à 950 », « de 951 à 1200 » leave 950,50 € in no bracket),
  prices that fall as the QF rises, prices above the cost of the service (Code de l'éducation,
  art. R531-53), and figures no source gives.
* [`check_cantine_a_un_euro`][] says which conditions of the State's « cantine à 1 € » aid a
  grid does not meet.

Examples:
    >>> src = Source.example("grid")
    >>> check_ranges([QuotientRange("T1", "0", "234", Money.euros("0.13"), src),
    ...               QuotientRange("T2", "236", "384", Money.euros("0.85"), src)])[0].code.value
    'gap'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

import attrs

from cantine_rules._validators import (
    enum_member,
    identifier,
    non_negative_money,
    optional_text,
    require_items,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError, PolicyError, Problem
from cantine_rules.money import Money, to_decimal
from cantine_rules.pricing._tariffs import Bracket, BracketGrid, optional_quotient, quotient_value
from cantine_rules.pricing._tariffs import _a_source as a_source
from cantine_rules.sources import Source

__all__ = [
    "CANTINE_A_UN_EURO",
    "COST_CEILING",
    "Finding",
    "FindingCode",
    "QuotientRange",
    "check_cantine_a_un_euro",
    "check_grid",
    "check_ranges",
    "grid_from_ranges",
    "qualifies_for_cantine_a_un_euro",
]

COST_CEILING: Final = Source.public(
    "Code de l'éducation, art. R531-53: les tarifs ne peuvent être supérieurs au coût par usager "
    "résultant des charges supportées au titre du service de restauration, après déduction des "
    "subventions de toute nature bénéficiant à ce service"
)
"""Code de l'éducation, art. R531-53: the price charged may not exceed the cost per user of the
school catering service, after deducting the subsidies it receives.
"""

CANTINE_A_UN_EURO: Final = Source.public(
    "Tarification sociale des cantines scolaires (« cantine à 1 € »), conditions since "
    "1 April 2021: a grid of at least 3 brackets by family income, at least one at 1 € or less "
    "and one above 1 €; the price of 1 € or less goes to families whose CAF QF is at most 1 000 €"
)
"""The State's « cantine à 1 € » aid (Stratégie nationale de prévention et de lutte contre la
pauvreté), conditions on the grid since 1 April 2021.
"""

_ONE_EURO: Final = Money.euros("1.00")
_AID_QF_CEILING: Final = Decimal("1000")
_AID_MIN_BRACKETS: Final = 3


class FindingCode(StrEnum):
    """The stable code of a finding."""

    NOT_FROM_ZERO = "not-from-zero"
    """The first range does not start at QF 0: low QFs have no price."""
    GAP = "gap"
    """Some QFs between two ranges belong to neither."""
    OVERLAP = "overlap"
    """Some QFs belong to two ranges."""
    OPEN_RANGE = "open-range"
    """A range other than the last has no upper bound."""
    PRICE_FALLS = "price-falls"
    """A bracket is cheaper than a bracket of lower QF."""
    ABOVE_COST = "above-cost"
    """A price is above the cost of the service (R531-53)."""
    MISSING_PRICE = "missing-price"
    """No source gives the price of a bracket."""
    MISSING_THRESHOLD = "missing-threshold"
    """No source gives where a bracket starts."""
    AID_TOO_FEW_BRACKETS = "aid-too-few-brackets"
    """« Cantine à 1 € »: fewer than 3 brackets."""
    AID_NO_ONE_EURO_BRACKET = "aid-no-one-euro-bracket"
    """« Cantine à 1 € »: no bracket at 1 € or less reaching families with QF ≤ 1 000 €."""
    AID_NO_BRACKET_ABOVE_ONE_EURO = "aid-no-bracket-above-one-euro"
    """« Cantine à 1 € »: no bracket above 1 €."""


@attrs.frozen
class Finding:
    """One thing a check found.

    Attributes:
        code: stable, for programs.
        message: for people.
        bracket: the bracket or range concerned, if one.
        where: the path of the value concerned inside the grid (``brackets[2].lower``), if one.

    Examples:
        >>> Finding(FindingCode.GAP, "QF 235 is in no range", "T2").code.value
        'gap'
    """

    code: FindingCode = attrs.field(validator=enum_member(FindingCode))
    message: str = attrs.field(validator=identifier)
    bracket: str | None = attrs.field(default=None, validator=optional_text)
    where: str | None = attrs.field(default=None, validator=optional_text)


def _check_upper(instance: QuotientRange, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, Decimal) and value < instance.lower:
        raise InvalidValueError(
            attribute.name, value, f"must not be below the lower bound {instance.lower}"
        )


def _lower(value: object) -> Decimal:
    return quotient_value(value, "lower")


@attrs.frozen
class QuotientRange:
    """A bracket written as an explicit range of QF, both bounds included (« T2 235–384 »).

    Attributes:
        name: the bracket's name.
        lower: the lowest QF of the range.
        upper: the highest QF of the range, or None when the range is open (the last one, or a
            range whose end no source gives).
        unit_price: its price, or None when no source gives it.
        source: where the figures come from.

    Examples:
        >>> QuotientRange("T2", "235", "384", Money.euros("0.85"), Source.example("x")).upper
        Decimal('384')
    """

    name: str = attrs.field(validator=identifier)
    lower: Decimal = attrs.field(converter=_lower)
    upper: Decimal | None = attrs.field(converter=optional_quotient, validator=_check_upper)
    unit_price: Money | None = attrs.field(validator=attrs.validators.optional(non_negative_money))
    source: Source = attrs.field(validator=a_source)


def _step(value: object) -> Decimal:
    step = to_decimal(value, "step")
    if step <= 0:
        raise InvalidValueError("step", value, "must be more than zero ('1' for whole euros)")
    return step


def _falling_prices(named_prices: Iterable[tuple[str, Money | None]]) -> list[Finding]:
    findings: list[Finding] = []
    highest: tuple[str, Money] | None = None
    for name, price in named_prices:
        if price is None:
            continue
        if highest is not None and price < highest[1]:
            findings.append(
                Finding(
                    FindingCode.PRICE_FALLS,
                    f"{name} costs {price}, less than {highest[0]} at {highest[1]}, although "
                    "its QF is higher",
                    name,
                )
            )
        if highest is None or price >= highest[1]:
            highest = (name, price)
    return findings


def _range_findings(items: tuple[QuotientRange, ...], unit: Decimal) -> list[tuple[int, Finding]]:
    """The structural findings of *items*, each with the index of the range concerned."""
    found: list[tuple[int, Finding]] = []
    if items and items[0].lower != 0:
        first = items[0]
        found.append(
            (
                0,
                Finding(
                    FindingCode.NOT_FROM_ZERO,
                    f"{first.name} starts at QF {first.lower}; QFs below it have no price",
                    first.name,
                ),
            )
        )
    for index in range(1, len(items)):
        previous, current = items[index - 1], items[index]
        if previous.upper is None:
            message = f"{previous.name} has no upper bound but {current.name} follows it"
            found.append((index - 1, Finding(FindingCode.OPEN_RANGE, message, previous.name)))
            continue
        expected = previous.upper + unit
        if current.lower > expected:
            message = (
                f"QF {expected} to {current.lower - unit} lie in no range, between "
                f"{previous.name} (to {previous.upper}) and {current.name} (from {current.lower})"
            )
            found.append((index, Finding(FindingCode.GAP, message, current.name)))
        elif current.lower < expected:
            message = (
                f"{current.name} starts at QF {current.lower}, inside {previous.name} "
                f"(to {previous.upper})"
            )
            found.append((index, Finding(FindingCode.OVERLAP, message, current.name)))
    return found


def check_ranges(ranges: Iterable[QuotientRange], *, step: Decimal | str = "1") -> list[Finding]:
    """Gaps, overlaps and falling prices in a grid written as explicit ranges.

    Ranges are read in the order given (rising QF). Two ranges are contiguous when the next one
    starts one *step* above the end of the previous one: with whole-euro QFs (``step="1"``, as
    public grids write them), « 0–234 » and « 235–384 » touch.

    Args:
        ranges: the ranges, by rising QF.
        step: the smallest difference between two QFs as the grid writes them.

    Returns:
        The findings (``NOT_FROM_ZERO``, ``GAP``, ``OVERLAP``, ``OPEN_RANGE``, ``PRICE_FALLS``,
        ``MISSING_PRICE``); empty when the ranges are sound and every price is known.

    Examples:
        >>> src = Source.example("grid")
        >>> check_ranges([QuotientRange("T1", "0", "234", Money.euros("0.13"), src),
        ...               QuotientRange("T2", "235", None, Money.euros("0.85"), src)])
        []
    """
    items = require_items(ranges, QuotientRange, "ranges")
    findings = [finding for _index, finding in _range_findings(items, _step(step))]
    findings.extend(_falling_prices((item.name, item.unit_price) for item in items))
    findings.extend(
        Finding(FindingCode.MISSING_PRICE, f"no source gives the price of {item.name}", item.name)
        for item in items
        if item.unit_price is None
    )
    return findings


def grid_from_ranges(
    ranges: Iterable[QuotientRange],
    default_bracket: str,
    *,
    step: Decimal | str = "1",
    beyond: Iterable[Bracket] = (),
    progressive: bool = True,
) -> BracketGrid:
    """A [`BracketGrid`][] from explicit ranges, after checking that they are contiguous.

    Each range becomes a bracket starting at its lower bound; the upper bounds, once checked,
    are implied by the next range. A QF between two whole-euro ranges (234,50 € between
    « 0–234 » and « 235–384 ») falls in the lower one.

    Args:
        ranges: the ranges, by rising QF.
        default_bracket: the bracket for a family without a valid QF.
        step: the smallest difference between two QFs as the ranges write them.
        beyond: brackets above the ranges whose threshold no source gives (« tarif 8 » to
            « tarif 10 » of a ten-tarif grid whose source stops at « tarif 7 »).
        progressive: refuse prices that fall as the QF rises.

    Raises:
        PolicyError: the ranges do not start at 0, leave a gap or overlap; every problem is
            listed with its path (``ranges[2]``).

    Examples:
        >>> src = Source.example("grid")
        >>> ranges = [QuotientRange("T1", "0", "234", Money.euros("0.13"), src),
        ...           QuotientRange("T2", "235", None, Money.euros("0.85"), src)]
        >>> grid = grid_from_ranges(ranges, "T2")
        >>> grid.bracket_for(Decimal("234.50")).name
        'T1'
    """
    items = require_items(ranges, QuotientRange, "ranges")
    problems = [
        Problem(f"ranges[{index}]", finding.message)
        for index, finding in _range_findings(items, _step(step))
    ]
    if problems:
        raise PolicyError(problems, source="grid_from_ranges")
    brackets = tuple(
        Bracket(item.name, item.lower, item.unit_price, item.source) for item in items
    ) + require_items(beyond, Bracket, "beyond")
    return BracketGrid(brackets, default_bracket, progressive)


def _require_grid(grid: object) -> BracketGrid:
    if not isinstance(grid, BracketGrid):
        raise InvalidTypeError("grid", grid, "must be a BracketGrid")
    return grid


def _gap_findings(grid: BracketGrid) -> list[Finding]:
    findings: list[Finding] = []
    for gap in grid.gaps():
        if gap.index < len(grid.brackets):
            after = grid.brackets[gap.index]
            where = f"brackets[{gap.index}].lower"
            start = "from" if after.lower_inclusive else "above"
            before = f", before {after.name} ({start} {after.lower})" if gap.index else ""
            message = f"no bracket holds {gap.describe()}{before}: the grid gives no price there"
        else:
            after = grid.brackets[-1]
            where = f"brackets[{gap.index - 1}].upper"
            message = (
                f"no bracket holds {gap.describe()}: {after.name} ends at {after.upper} and no "
                "bracket follows"
            )
        findings.append(Finding(FindingCode.GAP, message, after.name, where))
    return findings


def check_grid(grid: BracketGrid, *, cost_per_meal: Money | None = None) -> list[Finding]:
    """Gaps, falling prices, prices above the cost of the service, and figures no source gives.

    A gap is only possible in a grid whose brackets give their upper bound as written: it is
    reported here, never closed by guessing which bracket the règlement meant.

    Args:
        grid: the grid to check.
        cost_per_meal: the cost per user of the service after subsidies, if known; a price above
            it breaks Code de l'éducation art. R531-53 (« les tarifs ne peuvent être supérieurs
            au coût par usager … »).

    Returns:
        The findings (``GAP``, ``PRICE_FALLS``, ``ABOVE_COST``, ``MISSING_PRICE``,
        ``MISSING_THRESHOLD``).

    Examples:
        >>> src = Source.example("grid")
        >>> grid = BracketGrid((Bracket("T1", "0", Money.euros("1"), src),
        ...                     Bracket("T2", "500", Money.euros("9"), src)), "T2")
        >>> [f.code.value for f in check_grid(grid, cost_per_meal=Money.euros("8.50"))]
        ['above-cost']
        >>> written = BracketGrid((Bracket("T1", "0", Money.euros("1"), src, upper="950"),
        ...                        Bracket("T2", "951", Money.euros("2"), src)), "T2")
        >>> [(f.code.value, f.where) for f in check_grid(written)]
        [('gap', 'brackets[1].lower')]
        >>> check_grid(written)[0].message.split(", ")[0]
        'no bracket holds QF above 950 and below 951'
    """
    _require_grid(grid)
    if cost_per_meal is not None:
        if not isinstance(cost_per_meal, Money):
            raise InvalidTypeError("cost_per_meal", cost_per_meal, "must be Money")
        cost_per_meal.require_non_negative("cost_per_meal")
    findings = _gap_findings(grid)
    findings += _falling_prices((bracket.name, bracket.unit_price) for bracket in grid.brackets)
    for index, bracket in enumerate(grid.brackets):
        price = bracket.unit_price
        where = f"brackets[{index}]"
        if cost_per_meal is not None and price is not None and price > cost_per_meal:
            findings.append(
                Finding(
                    FindingCode.ABOVE_COST,
                    f"{bracket.name} costs {price}, above the cost of the service "
                    f"{cost_per_meal} (Code de l'éducation, art. R531-53)",
                    bracket.name,
                    f"{where}.unit_price",
                )
            )
        if bracket.unit_price is None:
            findings.append(
                Finding(
                    FindingCode.MISSING_PRICE,
                    f"no source gives the price of {bracket.name}",
                    bracket.name,
                    f"{where}.unit_price",
                )
            )
        if bracket.lower is None:
            findings.append(
                Finding(
                    FindingCode.MISSING_THRESHOLD,
                    f"no source gives the QF where {bracket.name} starts",
                    bracket.name,
                    f"{where}.lower",
                )
            )
    return findings


def check_cantine_a_un_euro(grid: BracketGrid) -> list[Finding]:
    """The conditions of the « cantine à 1 € » aid that *grid* does not meet (none: it qualifies).

    Only the grid's conditions are checked (see [`CANTINE_A_UN_EURO`][]): at least 3 brackets;
    at least one bracket at 1 € or less that reaches families with a QF of at most 1 000 € (it
    starts at or below 1 000 €); at least one bracket above 1 €. Whether the commune itself is
    eligible (rural communes receiving the DSR « péréquation ») is not a property of its grid.
    Brackets whose price no source gives count as brackets but not as prices.

    Examples:
        >>> src = Source.example("grid")
        >>> grid = BracketGrid((Bracket("T1", "0", Money.euros("1.00"), src),
        ...                     Bracket("T2", "623", Money.euros("3.30"), src),
        ...                     Bracket("T3", "1001", Money.euros("3.40"), src)), "T3")
        >>> check_cantine_a_un_euro(grid)
        []
    """
    _require_grid(grid)
    findings: list[Finding] = []
    if len(grid.brackets) < _AID_MIN_BRACKETS:
        findings.append(
            Finding(
                FindingCode.AID_TOO_FEW_BRACKETS,
                f"the grid has {len(grid.brackets)} brackets; the aid needs at least "
                f"{_AID_MIN_BRACKETS}",
            )
        )
    reaches_low_qf = any(
        bracket.unit_price is not None
        and bracket.unit_price <= _ONE_EURO
        and bracket.lower is not None
        and bracket.lower <= _AID_QF_CEILING
        for bracket in grid.brackets
    )
    if not reaches_low_qf:
        findings.append(
            Finding(
                FindingCode.AID_NO_ONE_EURO_BRACKET,
                "no bracket at 1 € or less reaches families whose QF is at most 1 000 €",
            )
        )
    if not any(
        bracket.unit_price is not None and bracket.unit_price > _ONE_EURO
        for bracket in grid.brackets
    ):
        findings.append(
            Finding(FindingCode.AID_NO_BRACKET_ABOVE_ONE_EURO, "no bracket costs more than 1 €")
        )
    return findings


def qualifies_for_cantine_a_un_euro(grid: BracketGrid) -> bool:
    """True when *grid* meets every grid condition of the « cantine à 1 € » aid.

    Examples:
        >>> src = Source.example("grid")
        >>> grid = BracketGrid((Bracket("T1", "0", Money.euros("1"), src),), "T1")
        >>> qualifies_for_cantine_a_un_euro(grid)
        False
    """
    return not check_cantine_a_un_euro(grid)
