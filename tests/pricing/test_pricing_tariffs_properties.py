"""Laws every tariff obeys, checked with hypothesis."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import Money
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    EffortRate,
    ModifiedTariff,
    NonResidentSupplement,
    NoTariffInForceError,
    PricingContext,
    SiblingReduction,
    Source,
    TariffSchedule,
    TariffVersion,
    UnitPrice,
)

SRC = Source.example("generated")

quotients = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False)
optional_quotients = st.none() | quotients
cents = st.integers(min_value=0, max_value=5000)


@st.composite
def grids(draw: st.DrawFn, progressive: bool | None = None) -> BracketGrid:
    """A grid of 1 to 10 brackets with strictly increasing thresholds starting at 0."""
    steps = draw(st.lists(st.integers(min_value=1, max_value=3000), min_size=0, max_size=9))
    lowers = [0]
    for step in steps:
        lowers.append(lowers[-1] + step)
    is_progressive = draw(st.booleans()) if progressive is None else progressive
    prices = draw(st.lists(cents, min_size=len(lowers), max_size=len(lowers)))
    if is_progressive:
        prices.sort()
    brackets = tuple(
        Bracket(f"tarif {index + 1}", Decimal(lower), Money.from_cents(price), SRC)
        for index, (lower, price) in enumerate(zip(lowers, prices, strict=True))
    )
    default = draw(st.sampled_from([bracket.name for bracket in brackets]))
    return BracketGrid(brackets, default, is_progressive)


@st.composite
def effort_rates(draw: st.DrawFn) -> EffortRate:
    low = draw(cents)
    high = draw(st.integers(min_value=low, max_value=low + 5000))
    rate = draw(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("0.05"), places=4))
    return EffortRate(rate, Money.from_cents(low), Money.from_cents(high), SRC)


contexts = st.builds(
    PricingContext,
    optional_quotients,
    st.integers(min_value=1, max_value=8),
    st.booleans(),
    st.booleans(),
)


@given(grids(), contexts)
def test_a_grid_price_is_never_negative(grid: BracketGrid, context: PricingContext) -> None:
    assert not grid.price(context).unit_price.is_negative()


@given(grids(progressive=True), quotients, quotients)
def test_a_progressive_grid_never_gets_cheaper_as_qf_rises(
    grid: BracketGrid, first: Decimal, second: Decimal
) -> None:
    low, high = sorted((first, second))
    cheaper = grid.price(PricingContext(low)).unit_price
    dearer = grid.price(PricingContext(high)).unit_price
    assert cheaper <= dearer


@given(grids(), quotients, quotients)
def test_bracket_for_is_monotone(grid: BracketGrid, first: Decimal, second: Decimal) -> None:
    low, high = sorted((first, second))
    names = grid.names
    assert names.index(grid.bracket_for(low).name) <= names.index(grid.bracket_for(high).name)


@given(grids(), quotients)
def test_bracket_for_gives_the_last_threshold_not_above_the_qf(
    grid: BracketGrid, qf: Decimal
) -> None:
    bracket = grid.bracket_for(qf)
    assert bracket.lower is not None
    assert bracket.lower <= qf
    later = [b.lower for b in grid.brackets if b.lower is not None and b.lower > bracket.lower]
    assert all(lower > qf for lower in later)


@given(effort_rates(), contexts)
def test_an_effort_rate_price_stays_within_its_bounds(
    tariff: EffortRate, context: PricingContext
) -> None:
    price = tariff.price(context).unit_price
    assert tariff.minimum <= price <= tariff.maximum


@given(effort_rates(), quotients)
def test_an_effort_rate_is_the_rounded_product_when_within_bounds(
    tariff: EffortRate, qf: Decimal
) -> None:
    price = tariff.price(PricingContext(qf)).unit_price
    exact = Money.rounded(qf * tariff.rate)
    if tariff.minimum <= exact <= tariff.maximum:
        assert price == exact


@given(grids(), contexts)
def test_modifiers_never_make_a_price_negative(grid: BracketGrid, context: PricingContext) -> None:
    tariff = ModifiedTariff(
        grid,
        (SiblingReduction({2: "0.9", 3: "0.5"}, SRC), NonResidentSupplement("0.20", SRC)),
    )
    assert not tariff.price(context).unit_price.is_negative()


@given(
    st.lists(st.integers(min_value=0, max_value=3650), min_size=1, max_size=8, unique=True),
    st.integers(min_value=-400, max_value=4400),
)
def test_the_schedule_gives_the_latest_version_not_after_the_day(
    offsets: list[int], day_offset: int
) -> None:
    origin = date(2015, 9, 1)
    starts = sorted(origin + timedelta(days=offset) for offset in offsets)
    schedule = TariffSchedule(
        "repas",
        tuple(
            TariffVersion(start, UnitPrice(Money.from_cents(index), SRC), SRC)
            for index, start in enumerate(starts)
        ),
    )
    day = origin + timedelta(days=day_offset)
    earlier = [start for start in starts if start <= day]
    if earlier:
        assert schedule.at(day).effective_from == max(earlier)
    else:
        with pytest.raises(NoTariffInForceError):
            schedule.at(day)
