"""Checks on tariff grids: every finding read whole (code, message, bracket, path)."""

from __future__ import annotations

from decimal import Decimal

from cantine_rules import Money
from cantine_rules.policies.paris import MEAL_GRID_2020 as PARIS_MEAL_GRID_2020
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    Finding,
    FindingCode,
    QuotientRange,
    Source,
    check_cantine_a_un_euro,
    check_grid,
    check_ranges,
    grid_from_ranges,
)
from tests._helpers import refusal

SRC = Source.example("test grid")
EUR = Money.euros


def _range(name: str, lower: str, upper: str | None, price: str | None) -> QuotientRange:
    return QuotientRange(name, lower, upper, None if price is None else EUR(price), SRC)


def _whole(findings: list[Finding]) -> list[tuple[str, str, str | None, str | None]]:
    return [(f.code.value, f.message, f.bracket, f.where) for f in findings]


def test_every_kind_of_range_finding_reads_whole() -> None:
    ranges = [
        _range("T1", "10", "234", "0.13"),
        _range("T2", "236", None, "0.85"),
        _range("T3", "400", "500", "0.50"),
        _range("T4", "450", None, None),
    ]
    assert _whole(check_ranges(ranges)) == [
        ("not-from-zero", "T1 starts at QF 10; QFs below it have no price", "T1", None),
        (
            "gap",
            "QF 235 to 235 lie in no range, between T1 (to 234) and T2 (from 236)",
            "T2",
            None,
        ),
        ("open-range", "T2 has no upper bound but T3 follows it", "T2", None),
        ("overlap", "T4 starts at QF 450, inside T3 (to 500)", "T4", None),
        (
            "price-falls",
            "T3 costs 0.50 EUR, less than T2 at 0.85 EUR, although its QF is higher",
            "T3",
            None,
        ),
        ("missing-price", "no source gives the price of T4", "T4", None),
    ]


def test_a_gap_in_cents_names_its_first_and_last_qf() -> None:
    ranges = [_range("T1", "0", "234.50", "1"), _range("T2", "235", None, "2")]
    assert _whole(check_ranges(ranges, step="0.01")) == [
        (
            "gap",
            "QF 234.51 to 234.99 lie in no range, between T1 (to 234.50) and T2 (from 235)",
            "T2",
            None,
        )
    ]


def test_ranges_that_touch_within_the_step_have_no_finding() -> None:
    assert check_ranges([_range("T1", "0", "9", "1"), _range("T2", "10", None, "1")]) == []
    assert check_ranges([_range("T1", "0", None, "1")]) == []


def test_falling_prices_compare_with_the_highest_price_so_far() -> None:
    # T3 is below T1 but above T2: it is compared with T1, the highest before it.
    ranges = [
        _range("T1", "0", "99", "3"),
        _range("T2", "100", "199", "1"),
        _range("T3", "200", "299", "2"),
        _range("T4", "300", None, "3"),
    ]
    assert [(f.code.value, f.message) for f in check_ranges(ranges)] == [
        ("price-falls", "T2 costs 1.00 EUR, less than T1 at 3.00 EUR, although its QF is higher"),
        ("price-falls", "T3 costs 2.00 EUR, less than T1 at 3.00 EUR, although its QF is higher"),
    ]


def test_an_unknown_price_is_skipped_when_prices_are_compared() -> None:
    ranges = [
        _range("T1", "0", "99", "2"),
        _range("T2", "100", "199", None),
        _range("T3", "200", None, "2"),
    ]
    assert _whole(check_ranges(ranges)) == [
        ("missing-price", "no source gives the price of T2", "T2", None)
    ]


def test_grid_from_ranges_lists_every_problem_with_its_path_and_message() -> None:
    ranges = [_range("T1", "5", "9", "1"), _range("T2", "11", None, "2")]
    assert refusal(lambda: grid_from_ranges(ranges, "T2")) == (
        "PolicyError",
        None,
        None,
        "2 problems in grid_from_ranges:\n"
        "  - ranges[0]: T1 starts at QF 5; QFs below it have no price\n"
        "  - ranges[1]: QF 10 to 10 lie in no range, between T1 (to 9) and T2 (from 11)",
    )


def test_grid_from_ranges_keeps_names_sources_default_and_the_brackets_beyond() -> None:
    beyond = Bracket("T3", None, None, SRC)
    grid = grid_from_ranges(
        [_range("T1", "0", "234", "0.13"), _range("T2", "235", None, "0.05")],
        "T1",
        step="1",
        beyond=[beyond],
        progressive=False,
    )
    assert grid == BracketGrid(
        (
            Bracket("T1", "0", EUR("0.13"), SRC),
            Bracket("T2", "235", EUR("0.05"), SRC),
            beyond,
        ),
        "T1",
        False,
    )


def test_grid_from_ranges_is_progressive_unless_told() -> None:
    ranges = [_range("T1", "0", "234", "2"), _range("T2", "235", None, "1")]
    name, field, _value, _message = refusal(lambda: grid_from_ranges(ranges, "T2"))
    assert (name, field) == ("GridError", "brackets[1].unit_price")


def test_written_bounds_leave_gaps_before_above_and_after_the_brackets() -> None:
    # « de 0 à 950 », « de 951 à 1200 »: 950,50 € is in no bracket, nor is 1 200,50 €.
    written = BracketGrid(
        (
            Bracket("T1", "0", EUR("1"), SRC, upper="950"),
            Bracket("T2", "951", EUR("2"), SRC, upper="1200"),
        ),
        "T2",
    )
    assert _whole(check_grid(written)) == [
        (
            "gap",
            "no bracket holds QF above 950 and below 951, before T2 (from 951): the grid gives "
            "no price there",
            "T2",
            "brackets[1].lower",
        ),
        (
            "gap",
            "no bracket holds QF above 1200: T2 ends at 1200 and no bracket follows",
            "T2",
            "brackets[1].upper",
        ),
    ]


def test_a_grid_whose_first_bracket_leaves_out_qf_0_has_a_gap_at_0() -> None:
    # « au-delà de 0 » and « au-delà de 960 »: QF 0 and QF 950 to 960 belong to no bracket.
    grid = BracketGrid(
        (
            Bracket("T1", "0", EUR("1"), SRC, upper="950", lower_inclusive=False),
            Bracket("T2", "960", EUR("2"), SRC, lower_inclusive=False),
        ),
        "T2",
    )
    assert _whole(check_grid(grid)) == [
        ("gap", "no bracket holds QF 0: the grid gives no price there", "T1", "brackets[0].lower"),
        (
            "gap",
            "no bracket holds QF above 950 and up to 960, before T2 (above 960): the grid "
            "gives no price there",
            "T2",
            "brackets[1].lower",
        ),
    ]


def test_grid_findings_name_the_path_of_each_figure() -> None:
    findings = check_grid(PARIS_MEAL_GRID_2020, cost_per_meal=EUR("4.61"))
    assert _whole(findings) == [
        (
            "missing-price",
            "no source gives the price of tarif 7",
            "tarif 7",
            "brackets[6].unit_price",
        ),
        (
            "missing-price",
            "no source gives the price of tarif 8",
            "tarif 8",
            "brackets[7].unit_price",
        ),
        (
            "missing-threshold",
            "no source gives the QF where tarif 8 starts",
            "tarif 8",
            "brackets[7].lower",
        ),
        (
            "missing-price",
            "no source gives the price of tarif 9",
            "tarif 9",
            "brackets[8].unit_price",
        ),
        (
            "missing-threshold",
            "no source gives the QF where tarif 9 starts",
            "tarif 9",
            "brackets[8].lower",
        ),
        (
            "above-cost",
            "tarif 10 costs 7.00 EUR, above the cost of the service 4.61 EUR "
            "(Code de l'éducation, art. R531-53)",
            "tarif 10",
            "brackets[9].unit_price",
        ),
        (
            "missing-threshold",
            "no source gives the QF where tarif 10 starts",
            "tarif 10",
            "brackets[9].lower",
        ),
    ]


def test_falling_prices_in_a_grid_read_whole() -> None:
    grid = BracketGrid(
        (Bracket("T1", "0", EUR("2"), SRC), Bracket("T2", "100", EUR("1"), SRC)), "T2", False
    )
    assert _whole(check_grid(grid)) == [
        (
            "price-falls",
            "T2 costs 1.00 EUR, less than T1 at 2.00 EUR, although its QF is higher",
            "T2",
            None,
        )
    ]


def test_every_one_euro_aid_finding_reads_whole() -> None:
    # « a grid of at least 3 brackets by family income, at least one at 1 € or less and one
    # above 1 € » (conditions of the « cantine à 1 € » since 1 April 2021).
    one_bracket = BracketGrid((Bracket("T1", "0", EUR("1.01"), SRC),), "T1")
    assert _whole(check_cantine_a_un_euro(one_bracket)) == [
        ("aid-too-few-brackets", "the grid has 1 brackets; the aid needs at least 3", None, None),
        (
            "aid-no-one-euro-bracket",
            "no bracket at 1 € or less reaches families whose QF is at most 1 000 €",
            None,
            None,
        ),
    ]
    cheap = BracketGrid(
        (
            Bracket("T1", "0", EUR("0.50"), SRC),
            Bracket("T2", "500", EUR("1.00"), SRC),
            Bracket("T3", "1000", EUR("1.00"), SRC),
        ),
        "T3",
    )
    assert _whole(check_cantine_a_un_euro(cheap)) == [
        ("aid-no-bracket-above-one-euro", "no bracket costs more than 1 €", None, None)
    ]


def test_brackets_without_a_price_or_threshold_count_only_as_brackets_for_the_aid() -> None:
    unknown = BracketGrid(
        (
            Bracket("T1", "0", None, SRC),
            Bracket("T2", "1000", EUR("3"), SRC),
            Bracket("T3", None, EUR("0.50"), SRC),
        ),
        "T2",
        False,
    )
    assert [f.code for f in check_cantine_a_un_euro(unknown)] == [
        FindingCode.AID_NO_ONE_EURO_BRACKET
    ]


def test_refusals_of_the_checks_read_whole() -> None:
    assert refusal(lambda: _range("T1", "100", "99", "1")) == (
        "InvalidValueError",
        "upper",
        Decimal("99"),
        "upper: must not be below the lower bound 100 (got 99)",
    )
    assert refusal(lambda: check_ranges([], step="-1")) == (
        "InvalidValueError",
        "step",
        "-1",
        "step: must be more than zero ('1' for whole euros) (got '-1')",
    )
    assert refusal(lambda: check_ranges([], step="0"))[:3] == ("InvalidValueError", "step", "0")
    assert refusal(lambda: grid_from_ranges([], "T1", step="0"))[1] == "step"
    assert refusal(lambda: check_ranges(["x"]))[:3] == (  # type: ignore[list-item]
        "InvalidTypeError",
        "ranges[0]",
        "x",
    )
    assert refusal(lambda: check_grid("g")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "grid",
        "g",
        "grid: must be a BracketGrid (got 'g' of type str)",
    )
    assert refusal(lambda: check_cantine_a_un_euro("g"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "grid",
        "g",
    )
    assert refusal(lambda: check_grid(PARIS_MEAL_GRID_2020, cost_per_meal=1)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "cost_per_meal",
        1,
        "cost_per_meal: must be Money (got 1 of type int)",
    )
    assert refusal(lambda: check_grid(PARIS_MEAL_GRID_2020, cost_per_meal=EUR("-1")))[:3] == (
        "NegativeAmountError",
        "cost_per_meal",
        EUR("-1"),
    )
    grid_beyond = refusal(
        lambda: grid_from_ranges([_range("T1", "0", None, "1")], "T1", beyond=["x"])  # type: ignore[list-item]
    )
    assert grid_beyond[:3] == ("InvalidTypeError", "beyond[0]", "x")


def test_a_range_of_one_qf_is_a_range_and_its_bounds_are_named_when_refused() -> None:
    assert _range("T1", "100", "100", "1").upper == Decimal("100")
    assert refusal(lambda: _range("T1", "x", None, "1")) == (
        "InvalidValueError",
        "lower",
        "x",
        "lower: is not a decimal number (got 'x')",
    )
    assert refusal(lambda: check_ranges([], step="x"))[:3] == ("InvalidValueError", "step", "x")
    assert refusal(lambda: grid_from_ranges(["x"], "T1")) == (  # type: ignore[list-item]
        "InvalidTypeError",
        "ranges[0]",
        "x",
        "ranges[0]: must be a QuotientRange (got 'x' of type str)",
    )


def test_a_one_euro_bracket_starting_at_qf_1000_reaches_the_families_of_the_aid() -> None:
    # « the price of 1 € or less goes to families whose CAF QF is at most 1 000 € »: a bracket
    # from QF 1 000 holds the family at exactly 1 000 €.
    grid = BracketGrid(
        (
            Bracket("T1", "0", EUR("2.00"), SRC),
            Bracket("T2", "1000", EUR("1.00"), SRC),
            Bracket("T3", "1500", EUR("3.00"), SRC),
        ),
        "T3",
        False,
    )
    assert check_cantine_a_un_euro(grid) == []
