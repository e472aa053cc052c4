"""Checks on tariff grids, and the Paris public grid on both sides of every boundary."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cantine_rules import InvalidTypeError, InvalidValueError, Money, PolicyError
from cantine_rules.policies.paris import MEAL_GRID_2020 as PARIS_MEAL_GRID_2020
from cantine_rules.policies.paris import MEAL_RANGES_2020 as PARIS_MEAL_RANGES_2020
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    Finding,
    FindingCode,
    MissingFigureError,
    PricingContext,
    QuotientRange,
    Source,
    check_cantine_a_un_euro,
    check_grid,
    check_ranges,
    grid_from_ranges,
    qualifies_for_cantine_a_un_euro,
)
from tests._helpers import PARIS_BOUNDARIES

SRC = Source.example("test grid")


def _range(name: str, lower: str, upper: str | None, price: str | None) -> QuotientRange:
    return QuotientRange(name, lower, upper, None if price is None else Money.euros(price), SRC)


def _codes(findings: list[Finding]) -> list[str]:
    return [finding.code.value for finding in findings]


# The Paris public grid (2020/2021) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("qf", "bracket", "price"),
    PARIS_BOUNDARIES,
)
def test_paris_grid_on_both_sides_of_each_boundary(qf: str, bracket: str, price: str) -> None:
    quote = PARIS_MEAL_GRID_2020.price(PricingContext(qf))
    assert (quote.bracket, quote.unit_price) == (bracket, Money.euros(price))
    assert quote.sourced


def test_paris_from_1901_is_tarif_7_or_above_and_never_guessed() -> None:
    # « T7 starts at 1901 »; its price and the thresholds of T8 to T10 are not given.
    with pytest.raises(MissingFigureError) as caught:
        PARIS_MEAL_GRID_2020.bracket_for(Decimal("1901"))
    assert "tarif 7" in str(caught.value)
    with pytest.raises(MissingFigureError):
        PARIS_MEAL_GRID_2020.price(PricingContext("5000"))
    assert PARIS_MEAL_GRID_2020.bracket("tarif 7").unit_price is None
    assert PARIS_MEAL_GRID_2020.bracket("tarif 8").lower is None
    assert PARIS_MEAL_GRID_2020.bracket("tarif 9").unit_price is None


def test_paris_without_qf_pays_tarif_10_at_7_euros() -> None:
    quote = PARIS_MEAL_GRID_2020.price(PricingContext())
    assert (quote.bracket, quote.unit_price) == ("tarif 10", Money.euros("7.00"))


def test_paris_ranges_are_contiguous_and_only_lack_the_unknown_price() -> None:
    findings = check_ranges(PARIS_MEAL_RANGES_2020)
    assert _codes(findings) == ["missing-price"]
    assert findings[0].bracket == "tarif 7"


def test_paris_grid_findings_name_only_the_figures_no_source_gives() -> None:
    findings = check_grid(PARIS_MEAL_GRID_2020, cost_per_meal=Money.euros("7.00"))
    assert sorted((f.code.value, f.bracket) for f in findings) == [
        ("missing-price", "tarif 7"),
        ("missing-price", "tarif 8"),
        ("missing-price", "tarif 9"),
        ("missing-threshold", "tarif 10"),
        ("missing-threshold", "tarif 8"),
        ("missing-threshold", "tarif 9"),
    ]


def test_paris_grid_meets_the_grid_conditions_of_the_one_euro_aid() -> None:
    assert check_cantine_a_un_euro(PARIS_MEAL_GRID_2020) == []
    assert qualifies_for_cantine_a_un_euro(PARIS_MEAL_GRID_2020)


# Ranges ---------------------------------------------------------------------------------------


def test_a_gap_between_ranges_is_found_and_refused() -> None:
    ranges = [_range("T1", "0", "234", "0.13"), _range("T2", "236", "384", "0.85")]
    findings = check_ranges(ranges)
    assert _codes(findings) == ["gap"]
    assert "235" in findings[0].message
    with pytest.raises(PolicyError) as caught:
        grid_from_ranges(ranges, "T2")
    assert [problem.path for problem in caught.value.problems] == ["ranges[1]"]


def test_an_overlap_is_found_and_refused() -> None:
    ranges = [_range("T1", "0", "234", "0.13"), _range("T2", "234", "384", "0.85")]
    assert _codes(check_ranges(ranges)) == ["overlap"]
    with pytest.raises(PolicyError):
        grid_from_ranges(ranges, "T2")


def test_ranges_must_start_at_zero_and_only_the_last_may_be_open() -> None:
    ranges = [
        _range("T1", "10", "234", "0.13"),
        _range("T2", "235", None, "0.85"),
        _range("T3", "400", None, "1.00"),
    ]
    assert _codes(check_ranges(ranges)) == ["not-from-zero", "open-range"]
    with pytest.raises(PolicyError) as caught:
        grid_from_ranges(ranges, "T3")
    assert [problem.path for problem in caught.value.problems] == ["ranges[0]", "ranges[1]"]


def test_every_problem_is_listed_at_once() -> None:
    ranges = [
        _range("T1", "0", "100", "1"),
        _range("T2", "90", "200", "2"),
        _range("T3", "300", None, "3"),
    ]
    with pytest.raises(PolicyError) as caught:
        grid_from_ranges(ranges, "T3")
    assert len(caught.value.problems) == 2


def test_contiguity_follows_the_step_of_the_grid() -> None:
    in_cents = [_range("T1", "0", "234.99", "0.13"), _range("T2", "235", None, "0.85")]
    assert check_ranges(in_cents, step="0.01") == []
    assert _codes(check_ranges(in_cents)) == ["overlap"]
    with pytest.raises(InvalidValueError):
        check_ranges(in_cents, step="0")


def test_a_range_ending_below_its_start_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        _range("T1", "100", "99", "1")
    assert caught.value.field == "upper"


def test_grid_from_ranges_keeps_prices_and_thresholds() -> None:
    grid = grid_from_ranges(
        [_range("T1", "0", "234", "0.13"), _range("T2", "235", None, "0.85")], "T2"
    )
    assert grid.bracket_for(Decimal("234.50")).name == "T1"
    assert grid.bracket_for(Decimal("235")).name == "T2"


def test_falling_prices_are_found_in_ranges_and_grids() -> None:
    ranges = [
        _range("T1", "0", "99", "2"),
        _range("T2", "100", "199", "1"),
        _range("T3", "200", None, "3"),
    ]
    assert _codes(check_ranges(ranges)) == ["price-falls"]
    grid = grid_from_ranges(ranges, "T3", progressive=False)
    findings = check_grid(grid)
    assert _codes(findings) == ["price-falls"]
    assert findings[0].bracket == "T2"


# Cost and aid ---------------------------------------------------------------------------------


def test_a_price_above_the_cost_of_the_service_is_found() -> None:
    # Code de l'éducation, art. R531-53: the price may not exceed the cost per user.
    grid = BracketGrid(
        (Bracket("T1", "0", Money.euros("1"), SRC), Bracket("T2", "500", Money.euros("8"), SRC)),
        "T2",
    )
    assert check_grid(grid, cost_per_meal=Money.euros("8.00")) == []
    findings = check_grid(grid, cost_per_meal=Money.euros("7.99"))
    assert _codes(findings) == ["above-cost"]
    assert "R531-53" in findings[0].message
    with pytest.raises(InvalidTypeError):
        check_grid(grid, cost_per_meal=Decimal("8"))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        check_grid("grid")  # type: ignore[arg-type]


def _aid_grid(*pairs: tuple[str, str]) -> BracketGrid:
    brackets = tuple(
        Bracket(f"T{index}", lower, Money.euros(price), SRC)
        for index, (lower, price) in enumerate(pairs, start=1)
    )
    return BracketGrid(brackets, brackets[-1].name)


def test_one_euro_aid_needs_three_brackets() -> None:
    grid = _aid_grid(("0", "1.00"), ("1001", "3.00"))
    assert _codes(check_cantine_a_un_euro(grid)) == ["aid-too-few-brackets"]


def test_one_euro_aid_needs_a_one_euro_bracket_reaching_qf_1000() -> None:
    # A bracket at 1 € that starts above 1 000 € reaches no family the aid is for.
    grid = _aid_grid(("0", "2.00"), ("1001", "2.50"), ("1500", "3.00"))
    assert _codes(check_cantine_a_un_euro(grid)) == ["aid-no-one-euro-bracket"]
    at_1000 = _aid_grid(("0", "1.01"), ("1000", "1.01"), ("1500", "3.00"))
    assert _codes(check_cantine_a_un_euro(at_1000)) == ["aid-no-one-euro-bracket"]
    reaching = _aid_grid(("0", "0.50"), ("486", "1.00"), ("1001", "3.60"))
    assert qualifies_for_cantine_a_un_euro(reaching)
    starting_at_1000 = _aid_grid(("0", "0.50"), ("1000", "0.90"), ("1001", "3.60"))
    assert qualifies_for_cantine_a_un_euro(starting_at_1000)


def test_one_euro_aid_needs_a_bracket_above_one_euro() -> None:
    grid = _aid_grid(("0", "0.50"), ("500", "0.80"), ("1000", "1.00"))
    assert _codes(check_cantine_a_un_euro(grid)) == ["aid-no-bracket-above-one-euro"]
    assert FindingCode("aid-no-bracket-above-one-euro") is FindingCode.AID_NO_BRACKET_ABOVE_ONE_EURO
