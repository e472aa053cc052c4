"""Grids written as règlements write them, and the tariff dimensions beyond the QF."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import Money
from cantine_rules.errors import InvalidTypeError, InvalidValueError, OutOfRangeError
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    CountColumn,
    FindingCode,
    GridError,
    MissingFigureError,
    ModifiedTariff,
    PricingContext,
    SiblingReduction,
    SiteSupplement,
    UnitPrice,
    check_grid,
)
from cantine_rules.sources import Source
from cantine_rules.testing import bracket_grids, pricing_contexts, tariffs

SRC = Source.example("grid as written")


def euros(text: str) -> Money:
    return Money.euros(text)


def unit(text: str) -> UnitPrice:
    return UnitPrice(euros(text), SRC)


# « inférieur à 700 € / entre 700 et inférieur ou égal à 1000 € / supérieur à 1000 € »
THREE_WAYS = BracketGrid(
    (
        Bracket("A", "0", euros("1.00"), SRC, upper="700", upper_inclusive=False),
        Bracket("B", "700", euros("2.00"), SRC, upper="1000"),
        Bracket("C", "1000", euros("3.00"), SRC, lower_inclusive=False),
    ),
    "C",
)

# « de 0 à 650 / de 651 à 950 / de 951 à 1200 / plus de 1200 »: whole euros, gaps between.
WHOLE_EUROS = BracketGrid(
    (
        Bracket("T1", "0", euros("1.00"), SRC, upper="650"),
        Bracket("T2", "651", euros("2.00"), SRC, upper="950"),
        Bracket("T3", "951", euros("3.00"), SRC, upper="1200"),
        Bracket("T4", "1200", euros("4.00"), SRC, lower_inclusive=False),
    ),
    "T4",
)


@pytest.mark.parametrize(
    ("quotient", "bracket"),
    [
        ("0", "A"),
        ("699.99", "A"),
        ("699.999999999999", "A"),
        ("700", "B"),
        ("700.01", "B"),
        ("999.99", "B"),
        ("1000", "B"),
        ("1000.000000000001", "C"),
        ("1000.01", "C"),
        ("5000", "C"),
    ],
)
def test_each_bound_is_priced_as_written_on_both_sides(quotient: str, bracket: str) -> None:
    assert THREE_WAYS.bracket_for(Decimal(quotient)).name == bracket


def test_a_written_grid_without_gaps_has_none() -> None:
    assert THREE_WAYS.gaps() == ()
    assert check_grid(THREE_WAYS) == []


@pytest.mark.parametrize(
    ("quotient", "bracket"),
    [("650", "T1"), ("651", "T2"), ("950", "T2"), ("951", "T3"), ("1200", "T3"), ("1201", "T4")],
)
def test_whole_euro_ranges_hold_their_written_bounds(quotient: str, bracket: str) -> None:
    assert WHOLE_EUROS.bracket_for(Decimal(quotient)).name == bracket


@pytest.mark.parametrize("quotient", ["650.01", "950.50", "950.999999999999"])
def test_a_fractional_qf_between_whole_euro_ranges_has_no_price(quotient: str) -> None:
    with pytest.raises(MissingFigureError, match="lies in no bracket") as raised:
        WHOLE_EUROS.price(PricingContext(quotient))
    assert raised.value.field == "quotient_familial"


def test_the_gaps_of_whole_euro_ranges_are_listed_and_reported() -> None:
    assert [gap.describe() for gap in WHOLE_EUROS.gaps()] == [
        "QF above 650 and below 651",
        "QF above 950 and below 951",
    ]
    findings = check_grid(WHOLE_EUROS)
    assert [(f.code, f.bracket, f.where) for f in findings] == [
        (FindingCode.GAP, "T2", "brackets[1].lower"),
        (FindingCode.GAP, "T3", "brackets[2].lower"),
    ]


def test_both_bounds_excluded_leave_the_bound_itself_in_a_gap() -> None:
    # « inférieur à 700 », then « supérieur à 700 »: 700 has no price.
    grid = BracketGrid(
        (
            Bracket("A", "0", euros("1"), SRC, upper="700", upper_inclusive=False),
            Bracket("B", "700", euros("2"), SRC, lower_inclusive=False),
        ),
        "B",
    )
    assert [gap.describe() for gap in grid.gaps()] == ["QF 700"]
    assert grid.bracket_for(Decimal("699.99")).name == "A"
    assert grid.bracket_for(Decimal("700.01")).name == "B"
    with pytest.raises(MissingFigureError):
        grid.bracket_for(Decimal("700"))


def test_a_grid_closed_above_reports_the_qfs_above_it() -> None:
    grid = BracketGrid((Bracket("A", "0", euros("1"), SRC, upper="2000"),), "A")
    assert [f.where for f in check_grid(grid)] == ["brackets[0].upper"]
    assert grid.bracket_for(Decimal("2000")).name == "A"
    with pytest.raises(MissingFigureError):
        grid.bracket_for(Decimal("2000.01"))


def test_a_qf_of_zero_excluded_lies_in_a_gap() -> None:
    grid = BracketGrid((Bracket("A", "0", euros("1"), SRC, lower_inclusive=False),), "A")
    assert [gap.describe() for gap in grid.gaps()] == ["QF 0"]
    with pytest.raises(MissingFigureError):
        grid.bracket_for(Decimal(0))


@pytest.mark.parametrize(
    ("upper", "upper_inclusive", "next_lower", "next_inclusive"),
    [("1000", True, "1000", True), ("1000", True, "999", True), ("1000", False, "999.99", True)],
)
def test_overlapping_brackets_are_refused_at_the_second(
    upper: str, upper_inclusive: bool, next_lower: str, next_inclusive: bool
) -> None:
    with pytest.raises(GridError, match="overlaps brackets\\[0\\]") as raised:
        BracketGrid(
            (
                Bracket("A", "0", euros("1"), SRC, upper=upper, upper_inclusive=upper_inclusive),
                Bracket("B", next_lower, euros("2"), SRC, lower_inclusive=next_inclusive),
            ),
            "B",
        )
    assert raised.value.field == "brackets[1].lower"


def test_touching_bounds_with_one_included_do_not_overlap() -> None:
    grid = BracketGrid(
        (
            Bracket("A", "0", euros("1"), SRC, upper="1000"),
            Bracket("B", "1000", euros("2"), SRC, lower_inclusive=False),
        ),
        "B",
    )
    assert grid.gaps() == ()


def test_a_bracket_upper_below_its_lower_is_refused_naming_upper() -> None:
    with pytest.raises(InvalidValueError) as raised:
        Bracket("A", "500", euros("1"), SRC, upper="499")
    assert raised.value.field == "upper"


def test_an_empty_bracket_is_refused() -> None:
    with pytest.raises(InvalidValueError) as raised:
        Bracket("A", "500", euros("1"), SRC, upper="500", upper_inclusive=False)
    assert raised.value.field == "upper_inclusive"


def test_an_excluded_bound_needs_the_bound() -> None:
    with pytest.raises(InvalidValueError):
        Bracket("A", "0", euros("1"), SRC, upper_inclusive=False)
    with pytest.raises(InvalidValueError):
        Bracket("A", None, euros("1"), SRC, lower_inclusive=False)


def test_lower_thresholds_keep_their_meaning() -> None:
    grid = BracketGrid(
        (Bracket("T1", "0", euros("1"), SRC), Bracket("T2", "235", euros("2"), SRC)), "T2"
    )
    assert grid.bracket_for(Decimal("234.999")).name == "T1"
    assert grid.bracket_for(Decimal("235")).name == "T2"
    assert grid.gaps() == ()


def test_an_upper_bound_places_a_qf_before_brackets_whose_threshold_is_unknown() -> None:
    grid = BracketGrid(
        (
            Bracket("T1", "0", euros("1"), SRC, upper="1900"),
            Bracket("T2", None, euros("2"), SRC),
        ),
        "T2",
        progressive=False,
    )
    assert grid.bracket_for(Decimal("1900")).name == "T1"
    with pytest.raises(MissingFigureError):
        grid.bracket_for(Decimal("1900.01"))


@settings(max_examples=150, deadline=None)
@given(bracket_grids(written=True, gaps=True), st.integers(0, 10_000_00))
def test_a_qf_is_priced_by_its_bracket_or_lies_in_a_reported_gap(
    grid: BracketGrid, cents: int
) -> None:
    quotient = Decimal(cents) / 100
    in_gap = [gap for gap in grid.gaps() if gap.contains(quotient)]
    try:
        bracket = grid.bracket_for(quotient)
    except MissingFigureError:
        assert len(in_gap) == 1
        return
    assert not in_gap
    assert bracket.contains(quotient)


@settings(max_examples=100, deadline=None)
@given(bracket_grids(written=True, gaps=False), st.integers(0, 10_000_00), st.integers(0, 5_000_00))
def test_a_written_progressive_grid_without_gaps_never_charges_less_for_more(
    grid: BracketGrid, cents: int, more: int
) -> None:
    low = grid.price(PricingContext(Decimal(cents) / 100)).unit_price
    high = grid.price(PricingContext(Decimal(cents + more) / 100)).unit_price
    assert low <= high
    assert check_grid(grid) == []


# Tariff dimensions ------------------------------------------------------------------------------

# « pour 1 enfant 4,50 €, 2 enfants 4,40 €, 3 enfants 4,25 € »
BY_CHILDREN = ByChildrenCount(
    (
        CountColumn(1, "1 enfant", unit("4.50")),
        CountColumn(2, "2 enfants", unit("4.40")),
        CountColumn(3, "3 enfants", unit("4.25")),
    )
)


@pytest.mark.parametrize(
    ("children", "price", "column"),
    [
        (1, "4.50", "1 enfant"),
        (2, "4.40", "2 enfants"),
        (3, "4.25", "3 enfants"),
        (7, "4.25", "3 enfants"),
    ],
)
def test_each_children_count_column_and_beyond_the_last(
    children: int, price: str, column: str
) -> None:
    found = BY_CHILDREN.price(PricingContext(children_in_family=children))
    assert found.unit_price == euros(price)
    assert found.columns == (column,)


def test_without_a_family_size_the_childs_rank_is_the_fewest_children() -> None:
    assert BY_CHILDREN.price(PricingContext(sibling_rank=2)).unit_price == euros("4.40")
    assert BY_CHILDREN.price(PricingContext()).unit_price == euros("4.50")


def test_an_empty_children_count_table_is_refused_naming_columns() -> None:
    with pytest.raises(InvalidValueError) as raised:
        ByChildrenCount(())
    assert raised.value.field == "columns"


def test_columns_start_at_one_and_rise() -> None:
    with pytest.raises(InvalidValueError) as first:
        ByChildrenCount((CountColumn(2, "2 enfants", unit("4")),))
    assert first.value.field == "columns[0].start"
    with pytest.raises(InvalidValueError) as rising:
        BySiblingRank((CountColumn(1, "a", unit("4")), CountColumn(1, "b", unit("3"))))
    assert rising.value.field == "columns[1].start"
    with pytest.raises(OutOfRangeError):
        CountColumn(0, "zéro", unit("4"))


def test_a_third_child_column_per_bracket() -> None:
    # A grid per column: the « 3ème enfant » price differs in each bracket.
    full = BracketGrid(
        (Bracket("1", "0", euros("1.00"), SRC), Bracket("2", "600", euros("3.05"), SRC)), "2"
    )
    third = BracketGrid(
        (Bracket("1", "0", euros("1.00"), SRC), Bracket("2", "600", euros("1.53"), SRC)), "2"
    )
    meal = BySiblingRank((CountColumn(1, "Tarif", full), CountColumn(3, "3ème enfant", third)))
    second = meal.price(PricingContext("600", sibling_rank=2))
    assert (second.unit_price, second.bracket, second.columns) == (euros("3.05"), "2", ("Tarif",))
    fourth = meal.price(PricingContext("599.99", sibling_rank=4))
    assert (fourth.unit_price, fourth.bracket, fourth.columns) == (
        euros("1.00"),
        "1",
        ("3ème enfant",),
    )


def test_non_residents_pay_their_own_column() -> None:
    fee = ByResidence(THREE_WAYS, unit("16.40"), "Extérieur")
    resident = fee.price(PricingContext("800"))
    outside = fee.price(PricingContext("800", resident=False))
    assert (resident.unit_price, resident.bracket, resident.columns) == (euros("2.00"), "B", ())
    assert (outside.unit_price, outside.bracket, outside.columns) == (
        euros("16.40"),
        None,
        ("Extérieur",),
    )


def test_columns_nest_outermost_first() -> None:
    fee = ByResidence(BY_CHILDREN, BY_CHILDREN, "Extérieurs")
    found = fee.price(PricingContext(resident=False, children_in_family=2))
    assert found.columns == ("Extérieurs", "2 enfants")


def test_a_sibling_reduction_never_goes_below_its_floor() -> None:
    meal = ModifiedTariff(BY_CHILDREN, (SiblingReduction({2: "0.5"}, SRC, floor=euros("2.30")),))
    assert meal.price(PricingContext(sibling_rank=1)).unit_price == euros("4.50")
    # 4,40 × 0,5 = 2,20, below the floor.
    assert meal.price(PricingContext(sibling_rank=2)).unit_price == euros("2.30")
    cheap = ModifiedTariff(unit("1.00"), (SiblingReduction({2: "0.5"}, SRC, floor=euros("2")),))
    assert cheap.price(PricingContext(sibling_rank=2)).unit_price == euros("1.00")


def test_a_site_supplement_applies_to_its_sites_only() -> None:
    meal = ModifiedTariff(unit("3.10"), (SiteSupplement({"bourg": euros("0.50")}, SRC),))
    at_bourg = meal.price(PricingContext(site="bourg"))
    assert at_bourg.unit_price == euros("3.60")
    assert [applied.label for applied in at_bourg.modifiers] == ["site supplement bourg + 0.50 EUR"]
    assert meal.price(PricingContext(site="plage")).modifiers == ()
    assert meal.price(PricingContext()).unit_price == euros("3.10")
    with pytest.raises(InvalidValueError):
        SiteSupplement({}, SRC)


def test_the_context_checks_its_new_fields() -> None:
    with pytest.raises(OutOfRangeError) as raised:
        PricingContext(sibling_rank=3, children_in_family=2)
    assert raised.value.field == "children_in_family"
    with pytest.raises(InvalidTypeError):
        PricingContext(children_in_family="2")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        PricingContext(site=" bourg")
    assert PricingContext() == PricingContext(None, 1, True, False, None, None)


@settings(max_examples=200, deadline=None)
@given(tariffs(), pricing_contexts())
def test_no_tariff_ever_prices_below_zero(tariff: object, context: PricingContext) -> None:
    try:
        price = tariff.price(context)  # type: ignore[attr-defined]
    except MissingFigureError:
        return
    assert not price.unit_price.is_negative()


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 5000),
    st.integers(0, 500),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["0", "0.01", "1E-12"]),
)
def test_brackets_that_share_a_qf_are_always_refused(
    start: int, over: int, upper_in: bool, lower_in: bool, nudge: str
) -> None:
    # The first bracket reaches at or beyond where the second starts, and both hold that QF.
    upper = Decimal(start) + Decimal(over) + Decimal(nudge)
    shares = upper > start or (upper_in and lower_in)
    brackets = (
        Bracket("A", "0", euros("1"), SRC, upper=upper, upper_inclusive=upper_in),
        Bracket("B", start, euros("2"), SRC, lower_inclusive=lower_in),
    )
    if shares:
        with pytest.raises(GridError):
            BracketGrid(brackets, "B")
    else:
        grid = BracketGrid(brackets, "B")
        assert grid.bracket_for(Decimal(start) + Decimal("0.01")).name == "B"
