"""Contexts, brackets, grids and effort rates: every refusal read whole, field and message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cantine_rules import Money
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    EffortRate,
    PricingContext,
    Source,
)
from tests._helpers import refusal

SRC = Source.example("a grid")
EUR = Money.euros


def _bracket(name: str, lower: str | None, **bounds: object) -> Bracket:
    return Bracket(name, lower, EUR("1"), SRC, **bounds)  # type: ignore[arg-type]


def test_a_pricing_context_names_the_figure_it_refuses() -> None:
    assert refusal(lambda: PricingContext(sibling_rank=0)) == (
        "OutOfRangeError",
        "sibling_rank",
        0,
        "sibling_rank: the first child has rank 1 (got 0)",
    )
    assert refusal(lambda: PricingContext(sibling_rank="1")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "sibling_rank",
        "1",
        "sibling_rank: must be a whole number (1 = first child) (got '1' of type str)",
    )
    assert refusal(lambda: PricingContext(children_in_family="2")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "children_in_family",
        "2",
        "children_in_family: must be a whole number of children (got '2' of type str)",
    )
    assert refusal(lambda: PricingContext(sibling_rank=3, children_in_family=2)) == (
        "OutOfRangeError",
        "children_in_family",
        2,
        "children_in_family: a family has at least as many children as the child's rank (3) "
        "(got 2)",
    )
    assert PricingContext(sibling_rank=3, children_in_family=3).family_size == 3
    assert refusal(lambda: PricingContext(site=""))[:2] == ("EmptyIdentifierError", "site")


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        (
            {"lower_inclusive": 1},
            ("InvalidTypeError", "lower_inclusive", 1, "must be a bool (got 1 of type int)"),
        ),
        (
            {"upper": "5"},
            ("InvalidValueError", "upper", Decimal("5"), "must not be below the lower bound 10"),
        ),
        (
            {"upper": "x"},
            ("InvalidValueError", "upper", "x", "is not a decimal number"),
        ),
        (
            {"upper_inclusive": False},
            (
                "InvalidValueError",
                "upper_inclusive",
                False,
                "only a bracket that gives its upper bound can exclude it",
            ),
        ),
        (
            {"upper": "10", "upper_inclusive": False},
            (
                "InvalidValueError",
                "upper_inclusive",
                False,
                "a bracket from 10 to 10 holds no QF unless both bounds are included",
            ),
        ),
        (
            {"upper": "10", "lower_inclusive": False},
            (
                "InvalidValueError",
                "upper_inclusive",
                True,
                "a bracket from 10 to 10 holds no QF unless both bounds are included",
            ),
        ),
        (
            {"upper_inclusive": "y"},
            ("InvalidTypeError", "upper_inclusive", "y", "must be a bool (got 'y' of type str)"),
        ),
    ],
)
def test_a_bracket_s_bounds_are_refused_whole(
    bounds: dict[str, object], expected: tuple[str, str, object, str]
) -> None:
    name, field, value, reason = expected
    caught = refusal(lambda: _bracket("T", "10", **bounds))
    assert caught[:3] == (name, field, value)
    assert caught[3].startswith(f"{field}: {reason}")


def test_a_bracket_of_one_qf_includes_both_bounds() -> None:
    one = _bracket("T", "10", upper="10")
    assert (one.contains(Decimal("10")), one.contains(Decimal("10.01"))) == (True, False)


def test_a_bracket_without_a_threshold_has_no_bound_to_write() -> None:
    assert refusal(lambda: _bracket("T", None, lower_inclusive=False)) == (
        "InvalidValueError",
        "lower_inclusive",
        False,
        "lower_inclusive: a bracket whose lower bound no source gives cannot exclude it "
        "(got False)",
    )
    assert refusal(lambda: _bracket("T", None, upper="5")) == (
        "InvalidValueError",
        "upper",
        Decimal("5"),
        "upper: a bracket whose lower bound no source gives has no upper bound (got 5)",
    )
    assert refusal(lambda: _bracket("T", "x"))[:3] == ("InvalidValueError", "lower", "x")


def test_grids_are_refused_whole() -> None:
    assert refusal(lambda: BracketGrid((), "T")) == (
        "GridError",
        "brackets",
        (),
        "brackets: a grid needs at least one bracket (got ())",
    )
    assert refusal(lambda: BracketGrid(["x"], "T")) == (  # type: ignore[list-item]
        "InvalidTypeError",
        "brackets[0]",
        "x",
        "brackets[0]: must be a Bracket (got 'x' of type str)",
    )
    assert refusal(lambda: BracketGrid((_bracket("T1", "1"),), "T1")) == (
        "GridError",
        "brackets[0].lower",
        Decimal("1"),
        "brackets[0].lower: the first bracket must start at QF 0 (got 1)",
    )
    assert refusal(lambda: BracketGrid((_bracket("T1", "0"), _bracket("T1", "5")), "T1")) == (
        "GridError",
        "brackets[1].name",
        "T1",
        "brackets[1].name: names a bracket twice (got 'T1')",
    )
    after_unknown = (_bracket("T1", "0"), _bracket("T2", None), _bracket("T3", "5"))
    assert refusal(lambda: BracketGrid(after_unknown, "T1")) == (
        "GridError",
        "brackets[2].lower",
        Decimal("5"),
        "brackets[2].lower: a bracket with a threshold must come before every bracket without "
        "one (got 5)",
    )
    assert refusal(lambda: BracketGrid((_bracket("T1", "0"), _bracket("T2", "0")), "T1")) == (
        "GridError",
        "brackets[1].lower",
        Decimal("0"),
        "brackets[1].lower: thresholds must be strictly increasing; brackets[0] ('T1') starts "
        "at 0 (got 0)",
    )
    touching = (_bracket("T1", "0", upper="10"), _bracket("T2", "10"))
    assert refusal(lambda: BracketGrid(touching, "T1")) == (
        "GridError",
        "brackets[1].lower",
        Decimal("10"),
        "brackets[1].lower: overlaps brackets[0] ('T1', up to 10 included): a QF would lie in "
        "two brackets (got 10)",
    )
    excluded = (_bracket("T1", "0", upper="10", upper_inclusive=False), _bracket("T2", "5"))
    assert refusal(lambda: BracketGrid(excluded, "T1"))[3] == (
        "brackets[1].lower: overlaps brackets[0] ('T1', up to 10 excluded): a QF would lie in "
        "two brackets (got 5)"
    )
    # « inférieur à 10 », « à partir de 10 »: they touch and do not overlap.
    exact = (_bracket("T1", "0", upper="10", upper_inclusive=False), _bracket("T2", "10"))
    assert BracketGrid(exact, "T1").gaps() == ()
    assert refusal(lambda: BracketGrid((_bracket("T1", "0"),), "T9")) == (
        "UnknownBracketError",
        "default_bracket",
        "T9",
        "default_bracket: unknown 'T9'; known: T1",
    )
    assert refusal(lambda: BracketGrid((_bracket("T1", "0"),), "T1", "y"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "progressive",
        "y",
    )


def test_a_qf_no_bracket_holds_is_refused_with_what_the_grid_lacks() -> None:
    written = BracketGrid(
        (
            _bracket("T1", "0", upper="950"),
            _bracket("T2", "951"),
            Bracket("T3", None, None, SRC),
        ),
        "T2",
    )
    assert refusal(lambda: written.bracket_for(Decimal("950.5"))) == (
        "MissingFigureError",
        "quotient_familial",
        Decimal("950.5"),
        "quotient_familial: lies in no bracket of the grid as written (QF above 950 and below "
        "951); the règlement gives no price there (got Decimal('950.5'))",
    )
    assert refusal(lambda: written.bracket_for(Decimal("2000"))) == (
        "MissingFigureError",
        "quotient_familial",
        Decimal("2000"),
        "quotient_familial: lies in 'T2' (from 951) or in a later bracket whose threshold no "
        "source gives (got Decimal('2000'))",
    )
    closed = BracketGrid(
        (_bracket("T1", "0"), _bracket("T2", "500", upper="900"), _bracket("T3", None)), "T1"
    )
    assert closed.bracket_for(Decimal("900")).name == "T2"
    assert refusal(lambda: closed.bracket_for(Decimal("950")))[3] == (
        "quotient_familial: lies above 'T2' (up to 900), in a later bracket whose threshold no "
        "source gives (got Decimal('950'))"
    )
    unpriced = BracketGrid((Bracket("T1", "0", None, SRC),), "T1")
    assert refusal(lambda: unpriced.price(PricingContext())) == (
        "MissingFigureError",
        "bracket",
        "T1",
        "bracket: no source gives the price of this bracket (got 'T1')",
    )
    assert refusal(lambda: unpriced.bracket("T9")) == (
        "UnknownBracketError",
        "bracket",
        "T9",
        "bracket: unknown 'T9'; known: T1",
    )
    assert refusal(lambda: unpriced.price("c"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "context",
        "c",
    )


def test_effort_rates_are_refused_whole() -> None:
    for rate in ("0", "1"):
        assert refusal(lambda rate=rate: EffortRate(rate, EUR("1"), EUR("2"), SRC)) == (  # type: ignore[misc]
            "InvalidValueError",
            "rate",
            rate,
            f"rate: must be a fraction between 0 and 1 (0.0036) (got '{rate}')",
        )
    assert refusal(lambda: EffortRate("0.5", EUR("2"), EUR("1.99"), SRC)) == (
        "InvalidValueError",
        "maximum",
        EUR("1.99"),
        "maximum: must not be below the minimum 2.00 EUR (got Money.euros('1.99'))",
    )
    assert EffortRate("0.5", EUR("2"), EUR("2"), SRC).maximum == EUR("2")
    assert refusal(lambda: EffortRate.percent("x", EUR("1"), EUR("2"), SRC))[:3] == (
        "InvalidValueError",
        "percent",
        "x",
    )


def test_a_bracket_contains_the_qfs_between_its_bounds_as_written() -> None:
    # « supérieur à 1000 € » (lower bound excluded), « de 0 à 950 », and a bracket whose
    # threshold no source gives.
    above = _bracket("T3", "1000", lower_inclusive=False)
    assert not above.contains(Decimal("1000"))
    assert above.contains(Decimal("1000.01"))
    written = _bracket("T1", "0", upper="950")
    assert written.contains(Decimal("950"))
    assert not written.contains(Decimal("950.01"))
    assert not Bracket("T8", None, None, SRC).contains(Decimal("5000"))
