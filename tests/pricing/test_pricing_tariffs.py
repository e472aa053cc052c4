"""Tariff kinds, the pricing context, and the modifiers that compose on them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest

from cantine_rules import FloatMoneyError, InvalidTypeError, InvalidValueError, Money
from cantine_rules.errors import NegativeAmountError, OutOfRangeError
from cantine_rules.pricing._modifiers import (
    MedicalMealFactor,
    MedicalMealFlatPrice,
    ModifiedTariff,
    NonResidentSupplement,
    SiblingReduction,
)
from cantine_rules.pricing._tariff_errors import (
    GridError,
    MissingFigureError,
    UnknownBracketError,
)
from cantine_rules.pricing._tariffs import (
    Bracket,
    BracketGrid,
    EffortRate,
    Price,
    PricingContext,
    Tariff,
    UnitPrice,
)
from cantine_rules.sources import Source, SourceKind
from tests._helpers import refusal

EXAMPLE = Source.example("test grid")


def _grid(*pairs: tuple[str, str], default: str = "T3", progressive: bool = True) -> BracketGrid:
    return BracketGrid(
        tuple(
            Bracket(f"T{index}", lower, Money.euros(price), EXAMPLE)
            for index, (lower, price) in enumerate(pairs, start=1)
        ),
        default,
        progressive,
    )


THREE = _grid(("0", "1.00"), ("500", "2.00"), ("1000", "3.00"))


# Sources ----------------------------------------------------------------------------------------


def test_only_seed_and_public_sources_count_as_sourced() -> None:
    assert Source.seed("« 3.60€ »").sourced
    assert Source.public("R531-53").sourced
    assert not Source.example("0,36 %").sourced
    assert not Source.default("no source").sourced
    assert Source.default("x").kind is SourceKind.DEFAULT


def test_a_source_needs_a_reference() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Source.seed("")
    assert caught.value.field == "reference"
    with pytest.raises(InvalidTypeError):
        Source("seed", "x")  # type: ignore[arg-type]


# Pricing context ------------------------------------------------------------------------------


def test_context_defaults_to_a_resident_first_child_without_qf() -> None:
    context = PricingContext()
    assert context.quotient_familial is None
    assert context.sibling_rank == 1
    assert context.resident
    assert not context.medical_meal


@pytest.mark.parametrize("given_qf", ["812", 812, Decimal("812")])
def test_context_takes_qf_as_str_int_or_decimal(given_qf: str | int | Decimal) -> None:
    assert PricingContext(given_qf).quotient_familial == Decimal("812")


def test_a_float_qf_is_refused() -> None:
    with pytest.raises(FloatMoneyError) as caught:
        PricingContext(812.0)
    assert caught.value.field == "quotient_familial"


@pytest.mark.parametrize("bad", ["-1", -5])
def test_a_negative_qf_is_refused(bad: str | int) -> None:
    with pytest.raises(NegativeAmountError) as caught:
        PricingContext(bad)
    assert caught.value.field == "quotient_familial"


@pytest.mark.parametrize("bad", ["beaucoup", "NaN", "Infinity", ""])
def test_a_qf_that_is_not_a_number_is_refused(bad: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        PricingContext(bad)
    assert caught.value.field == "quotient_familial"


def test_context_checks_rank_and_flags() -> None:
    with pytest.raises(OutOfRangeError) as caught:
        PricingContext(sibling_rank=0)
    assert caught.value.field == "sibling_rank"
    with pytest.raises(InvalidTypeError):
        PricingContext(sibling_rank=True)
    with pytest.raises(InvalidTypeError):
        PricingContext(resident="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        PricingContext(medical_meal=1)  # type: ignore[arg-type]


def test_price_is_never_negative() -> None:
    with pytest.raises(NegativeAmountError) as caught:
        Price(Money.euros("-0.01"), None, EXAMPLE)
    assert caught.value.field == "unit_price"


# Unit price -----------------------------------------------------------------------------------


def test_seed_001_lutins_gourmands_unit_price() -> None:
    # Seed 001: each meal « à l'unité 3.60€ ».
    meal = UnitPrice(Money.euros("3.60"), Source.seed("à l'unité 3.60€"))
    price = meal.price(PricingContext("100", sibling_rank=3, resident=False))
    assert price == Price(Money.euros("3.60"), None, Source.seed("à l'unité 3.60€"))
    assert price.sourced
    assert isinstance(meal, Tariff)


def test_unit_price_refuses_a_negative_amount_and_a_bad_context() -> None:
    with pytest.raises(NegativeAmountError) as caught:
        UnitPrice(Money.euros("-1"), EXAMPLE)
    assert caught.value.field == "amount"
    with pytest.raises(InvalidTypeError) as refused:
        UnitPrice(Money.euros("1"), EXAMPLE).price("812")  # type: ignore[arg-type]
    assert refused.value.field == "context"


# Bracket grid ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qf", "name"),
    [
        ("0", "T1"),
        ("499", "T1"),
        ("499.99", "T1"),
        ("500", "T2"),
        ("999", "T2"),
        ("1000", "T3"),
        ("100000", "T3"),
    ],
)
def test_bracket_for_reads_lower_thresholds(qf: str, name: str) -> None:
    assert THREE.bracket_for(Decimal(qf)).name == name
    assert THREE.price(PricingContext(qf)).bracket == name


def test_no_qf_gives_the_default_bracket() -> None:
    assert THREE.bracket_for(None).name == "T3"
    price = THREE.price(PricingContext())
    assert (price.bracket, price.unit_price) == ("T3", Money.euros("3.00"))


def test_bracket_lookup_by_name() -> None:
    assert THREE.bracket("T2").lower == Decimal("500")
    assert THREE.names == ("T1", "T2", "T3")
    with pytest.raises(UnknownBracketError) as caught:
        THREE.bracket("tarif 11")
    assert caught.value.field == "bracket"
    assert caught.value.known == ("T1", "T2", "T3")
    assert isinstance(caught.value, LookupError)


def test_unknown_default_bracket_is_refused() -> None:
    with pytest.raises(UnknownBracketError) as caught:
        _grid(("0", "1"), default="tarif 10")
    assert caught.value.field == "default_bracket"
    assert caught.value.value == "tarif 10"


def test_thresholds_must_start_at_zero() -> None:
    with pytest.raises(GridError) as caught:
        _grid(("1", "1"), default="T1")
    assert caught.value.field == "brackets[0].lower"


@pytest.mark.parametrize(
    "pairs",
    [
        (("0", "1"), ("500", "2"), ("500", "3")),
        (("0", "1"), ("500", "2"), ("400", "3")),
    ],
)
def test_thresholds_unsorted_or_repeated_name_the_bracket_index(
    pairs: tuple[tuple[str, str], ...],
) -> None:
    with pytest.raises(GridError) as caught:
        _grid(*pairs)
    assert caught.value.field == "brackets[2].lower"
    assert "brackets[1]" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_bracket_names_are_unique() -> None:
    with pytest.raises(GridError) as caught:
        BracketGrid(
            (
                Bracket("T1", "0", Money.euros("1"), EXAMPLE),
                Bracket("T1", "10", Money.euros("2"), EXAMPLE),
            ),
            "T1",
        )
    assert caught.value.field == "brackets[1].name"


def test_a_grid_needs_brackets_of_the_right_type() -> None:
    with pytest.raises(GridError):
        BracketGrid((), "T1")
    with pytest.raises(InvalidTypeError) as caught:
        BracketGrid(("T1",), "T1")  # type: ignore[arg-type]
    assert caught.value.field == "brackets[0]"


def test_a_bracket_refuses_negative_price_and_bad_threshold() -> None:
    with pytest.raises(NegativeAmountError) as caught:
        Bracket("T1", "0", Money.euros("-0.13"), EXAMPLE)
    assert caught.value.field == "unit_price"
    with pytest.raises(NegativeAmountError) as negative:
        Bracket("T1", "-1", Money.euros("0.13"), EXAMPLE)
    assert negative.value.field == "lower"
    with pytest.raises(FloatMoneyError):
        Bracket("T1", 0.0, Money.euros("0.13"), EXAMPLE)


def test_a_progressive_grid_refuses_a_falling_price() -> None:
    with pytest.raises(GridError) as caught:
        _grid(("0", "2.00"), ("500", "1.00"), ("1000", "3.00"))
    assert caught.value.field == "brackets[1].unit_price"
    falling = _grid(("0", "2.00"), ("500", "1.00"), ("1000", "3.00"), progressive=False)
    assert falling.price(PricingContext("600")).unit_price == Money.euros("1.00")


def test_a_bracket_without_a_price_is_never_guessed() -> None:
    grid = BracketGrid(
        (
            Bracket("T1", "0", Money.euros("1.00"), EXAMPLE),
            Bracket("T2", "500", None, EXAMPLE),
            Bracket("T3", "1000", Money.euros("3.00"), EXAMPLE),
        ),
        "T3",
    )
    with pytest.raises(MissingFigureError) as caught:
        grid.price(PricingContext("600"))
    assert caught.value.field == "bracket"
    assert caught.value.value == "T2"
    assert isinstance(caught.value, LookupError)
    assert grid.price(PricingContext("1000")).unit_price == Money.euros("3.00")


def test_a_qf_past_the_last_known_threshold_is_ambiguous_when_brackets_follow() -> None:
    grid = BracketGrid(
        (
            Bracket("T1", "0", Money.euros("1.00"), EXAMPLE),
            Bracket("T2", "500", None, EXAMPLE),
            Bracket("T3", None, Money.euros("3.00"), EXAMPLE),
        ),
        "T3",
    )
    assert grid.bracket_for(Decimal("499")).name == "T1"
    with pytest.raises(MissingFigureError) as caught:
        grid.bracket_for(Decimal("500"))
    assert caught.value.field == "quotient_familial"
    assert grid.price(PricingContext()).unit_price == Money.euros("3.00")


def test_brackets_without_threshold_come_last() -> None:
    with pytest.raises(GridError) as caught:
        BracketGrid(
            (
                Bracket("T1", "0", Money.euros("1.00"), EXAMPLE),
                Bracket("T2", None, Money.euros("2.00"), EXAMPLE),
                Bracket("T3", "1000", Money.euros("3.00"), EXAMPLE),
            ),
            "T3",
        )
    assert caught.value.field == "brackets[2].lower"


def test_bracket_for_refuses_a_float_or_negative_qf() -> None:
    with pytest.raises(FloatMoneyError):
        THREE.bracket_for(500.0)  # type: ignore[arg-type]
    with pytest.raises(NegativeAmountError):
        THREE.bracket_for(Decimal("-1"))


def test_grids_are_values() -> None:
    assert _grid(("0", "1.00"), ("500", "2.00"), ("1000", "3.00")) == THREE
    assert hash(attrs.evolve(THREE)) == hash(THREE)


# Effort rate ----------------------------------------------------------------------------------

# « taux d'effort 0,36 % of QF between 2,60 € and 4,50 € » is seen in other communes: an example.
EFFORT = EffortRate.percent("0.36", Money.euros("2.60"), Money.euros("4.50"), EXAMPLE)


@pytest.mark.parametrize(
    ("qf", "expected"),
    [
        ("0", "2.60"),
        ("722", "2.60"),  # 2,5992 -> 2,60: rounds then stays at the minimum
        ("723", "2.60"),  # 2,6028 -> 2,60
        ("724", "2.61"),  # 2,6064 -> 2,61
        ("1000", "3.60"),
        ("1001.39", "3.61"),  # 3,605004 -> 3,61 half-up
        ("1250", "4.50"),
        ("5000", "4.50"),
    ],
)
def test_effort_rate_rounds_once_and_clamps(qf: str, expected: str) -> None:
    assert EFFORT.price(PricingContext(qf)).unit_price == Money.euros(expected)
    assert EFFORT.price(PricingContext(qf)).bracket is None


def test_effort_rate_rounds_half_up_on_an_exact_tie() -> None:
    tariff = EffortRate(Decimal("0.001"), Money.zero(), Money.euros("100"), EXAMPLE)
    # 2125 × 0,001 = 2,125 -> 2,13 (half-up, not to even).
    assert tariff.price(PricingContext("2125")).unit_price == Money.euros("2.13")


def test_effort_rate_without_qf_charges_the_maximum_marked_as_a_default() -> None:
    price = EFFORT.price(PricingContext())
    assert price.unit_price == Money.euros("4.50")
    assert price.source.kind is SourceKind.DEFAULT
    given = attrs.evolve(EFFORT, without_quotient=Money.euros("4.00"))
    assert given.price(PricingContext()).unit_price == Money.euros("4.00")
    assert given.price(PricingContext()).source == EXAMPLE


@pytest.mark.parametrize("bad_rate", ["0", "-0.01", "1", "2"])
def test_effort_rate_refuses_rates_outside_zero_and_one(bad_rate: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        EffortRate(Decimal(bad_rate), Money.euros("1"), Money.euros("2"), EXAMPLE)
    assert caught.value.field == "rate"


def test_effort_rate_refuses_a_float_rate_and_crossed_bounds() -> None:
    with pytest.raises(FloatMoneyError):
        EffortRate(0.0036, Money.euros("1"), Money.euros("2"), EXAMPLE)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError) as caught:
        EffortRate(Decimal("0.0036"), Money.euros("3"), Money.euros("2"), EXAMPLE)
    assert caught.value.field == "maximum"
    with pytest.raises(NegativeAmountError):
        EffortRate(Decimal("0.0036"), Money.euros("-1"), Money.euros("2"), EXAMPLE)


# Modifiers ------------------------------------------------------------------------------------

MEAL = UnitPrice(Money.euros("3.60"), EXAMPLE)
HALF_FROM_THIRD = SiblingReduction({3: "0.5"}, Source.example("3rd child half price"))
NON_RESIDENT = NonResidentSupplement("0.20", Source.example("non-residents +20 %"))


@pytest.mark.parametrize(("rank", "expected"), [(1, "3.60"), (2, "3.60"), (3, "1.80"), (7, "1.80")])
def test_third_child_half_price(rank: int, expected: str) -> None:
    tariff = ModifiedTariff(MEAL, (HALF_FROM_THIRD,))
    assert tariff.price(PricingContext(sibling_rank=rank)).unit_price == Money.euros(expected)


def test_sibling_factors_are_lower_thresholds_on_the_rank() -> None:
    reduction = SiblingReduction({3: "0.5", 2: "0.9"}, EXAMPLE)
    assert reduction.factors == ((2, Decimal("0.9")), (3, Decimal("0.5")))
    tariff = ModifiedTariff(MEAL, (reduction,))
    prices = [tariff.price(PricingContext(sibling_rank=r)).unit_price for r in (1, 2, 3, 4)]
    assert prices == [Money.euros(v) for v in ("3.60", "3.24", "1.80", "1.80")]


@pytest.mark.parametrize(
    ("factors", "error"),
    [
        ({1: "0.5"}, OutOfRangeError),
        ({3: "1.5"}, InvalidValueError),
        ({3: "-0.5"}, InvalidValueError),
        ({}, InvalidValueError),
        ({"3": "0.5"}, InvalidTypeError),
        ({3: 0.5}, FloatMoneyError),
    ],
)
def test_sibling_reduction_refuses_bad_factors(factors: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        SiblingReduction(factors, EXAMPLE)  # type: ignore[arg-type]


def test_non_resident_supplement_applies_only_to_non_residents() -> None:
    tariff = ModifiedTariff(MEAL, (NON_RESIDENT,))
    resident = tariff.price(PricingContext())
    assert resident.unit_price == Money.euros("3.60")
    assert resident.modifiers == ()
    outside = tariff.price(PricingContext(resident=False))
    assert outside.unit_price == Money.euros("4.32")
    assert [m.label for m in outside.modifiers] == ["non-resident supplement + 20 %"]
    assert not outside.sourced
    with pytest.raises(InvalidValueError):
        NonResidentSupplement("-0.2", EXAMPLE)


def test_medical_meal_factor_and_flat_price() -> None:
    half = ModifiedTariff(MEAL, (MedicalMealFactor("0.5", EXAMPLE),))
    assert half.price(PricingContext(medical_meal=True)).unit_price == Money.euros("1.80")
    assert half.price(PricingContext()).unit_price == Money.euros("3.60")
    flat = ModifiedTariff(MEAL, (MedicalMealFlatPrice(Money.euros("1.75"), EXAMPLE),))
    assert flat.price(PricingContext(medical_meal=True)).unit_price == Money.euros("1.75")
    with pytest.raises(InvalidValueError):
        MedicalMealFactor("2", EXAMPLE)
    with pytest.raises(NegativeAmountError):
        MedicalMealFlatPrice(Money.euros("-1"), EXAMPLE)


def test_modifiers_round_once_at_the_end() -> None:
    # 0,85 × 1,3 × 0,5 = 0,5525 -> 0,55 when rounded once; rounding after each step would give
    # 1,105 -> 1,11, then 0,555 -> 0,56.
    tariff = ModifiedTariff(
        UnitPrice(Money.euros("0.85"), EXAMPLE),
        (NonResidentSupplement("0.30", EXAMPLE), SiblingReduction({2: "0.5"}, EXAMPLE)),
    )
    price = tariff.price(PricingContext(sibling_rank=2, resident=False))
    assert price.unit_price == Money.euros("0.55")
    assert len(price.modifiers) == 2


def test_modifiers_compose_on_a_grid_and_keep_the_bracket() -> None:
    tariff = ModifiedTariff(THREE, (HALF_FROM_THIRD, NON_RESIDENT))
    price = tariff.price(PricingContext("600", sibling_rank=3, resident=False))
    assert price.bracket == "T2"
    assert price.unit_price == Money.euros("1.20")  # 2,00 × 0,5 × 1,2


def test_modified_tariff_checks_its_parts() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        ModifiedTariff("3.60", ())  # type: ignore[arg-type]
    assert caught.value.field == "tariff"
    with pytest.raises(InvalidTypeError) as bad_modifier:
        ModifiedTariff(MEAL, (HALF_FROM_THIRD, "x"))  # type: ignore[arg-type]
    assert bad_modifier.value.field == "modifiers[1]"


def test_the_public_facade_exports_what_it_lists() -> None:
    from cantine_rules.pricing import tariffs

    assert sorted(tariffs.__all__) == sorted(set(tariffs.__all__))
    for name in tariffs.__all__:
        assert hasattr(tariffs, name), name
    assert tariffs.Tariff is Tariff


# Exact refusals ---------------------------------------------------------------------------------


def _brackets(*rows: tuple[str, str | None, str | None]) -> tuple[Bracket, ...]:
    return tuple(
        Bracket(name, lower, None if price is None else Money.euros(price), EXAMPLE)
        for name, lower, price in rows
    )


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: PricingContext(sibling_rank=1.0),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "sibling_rank",
                1.0,
                "sibling_rank: must be a whole number (1 = first child) (got 1.0 of type float)",
            ),
        ),
        (
            lambda: PricingContext(sibling_rank=0),
            (
                "OutOfRangeError",
                "sibling_rank",
                0,
                "sibling_rank: the first child has rank 1 (got 0)",
            ),
        ),
        (
            lambda: PricingContext(resident="yes"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "resident",
                "yes",
                "resident: must be a bool (got 'yes' of type str)",
            ),
        ),
        (
            lambda: UnitPrice(Money.euros(1), EXAMPLE).price("812"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "context",
                "812",
                "context: must be a PricingContext (got '812' of type str)",
            ),
        ),
        (
            lambda: BracketGrid((), "T1"),
            ("GridError", "brackets", (), "brackets: a grid needs at least one bracket (got ())"),
        ),
        (
            lambda: BracketGrid(_brackets(("T1", "100", "1")), "T1"),
            (
                "GridError",
                "brackets[0].lower",
                Decimal(100),
                "brackets[0].lower: the first bracket must start at QF 0 (got 100)",
            ),
        ),
        (
            lambda: BracketGrid(_brackets(("T1", "0", "1"), ("T1", "5", "1")), "T1"),
            (
                "GridError",
                "brackets[1].name",
                "T1",
                "brackets[1].name: names a bracket twice (got 'T1')",
            ),
        ),
        (
            lambda: BracketGrid(
                _brackets(("T1", "0", "1"), ("T2", None, "1"), ("T3", "5", "1")), "T1"
            ),
            (
                "GridError",
                "brackets[2].lower",
                Decimal(5),
                "brackets[2].lower: a bracket with a threshold must come before every bracket "
                "without one (got 5)",
            ),
        ),
        (
            lambda: _grid(("0", "1"), ("500", "2"), ("500", "3")),
            (
                "GridError",
                "brackets[2].lower",
                Decimal(500),
                "brackets[2].lower: thresholds must be strictly increasing; brackets[1] ('T2') "
                "starts at 500 (got 500)",
            ),
        ),
        (
            lambda: BracketGrid(_brackets(("T1", "0", "1")), "T1", "yes"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "progressive",
                "yes",
                "progressive: must be a bool (got 'yes' of type str)",
            ),
        ),
        (
            # A bracket whose price no source gives does not hide a fall in the prices around it.
            lambda: BracketGrid(
                _brackets(("T1", "0", "2"), ("T2", "500", None), ("T3", "1000", "1")), "T1"
            ),
            (
                "GridError",
                "brackets[2].unit_price",
                Money.euros(1),
                "brackets[2].unit_price: falls below brackets[0] ('T1', 2.00 EUR) in a grid "
                "declared progressive (got Money.euros('1.00'))",
            ),
        ),
        (
            lambda: THREE.bracket("T9"),
            ("UnknownBracketError", "bracket", "T9", "bracket: unknown 'T9'; known: T1, T2, T3"),
        ),
        (
            lambda: BracketGrid(_brackets(("T1", "0", "1"), ("T2", None, "2")), "T2").bracket_for(
                Decimal(10)
            ),
            (
                "MissingFigureError",
                "quotient_familial",
                Decimal(10),
                "quotient_familial: lies in 'T1' (from 0) or in a later bracket whose threshold "
                "no source gives (got Decimal('10'))",
            ),
        ),
        (
            lambda: BracketGrid(_brackets(("T1", "0", None)), "T1").price(PricingContext()),
            (
                "MissingFigureError",
                "bracket",
                "T1",
                "bracket: no source gives the price of this bracket (got 'T1')",
            ),
        ),
        (
            lambda: EffortRate("1.5", Money.euros(1), Money.euros(2), EXAMPLE),  # type: ignore[arg-type]
            (
                "InvalidValueError",
                "rate",
                "1.5",
                "rate: must be a fraction between 0 and 1 (0.0036) (got '1.5')",
            ),
        ),
        (
            lambda: EffortRate("abc", Money.euros(1), Money.euros(2), EXAMPLE),  # type: ignore[arg-type]
            ("InvalidValueError", "rate", "abc", "rate: is not a decimal number (got 'abc')"),
        ),
        (
            lambda: EffortRate("0.5", Money.euros(2), Money.euros(1), EXAMPLE),  # type: ignore[arg-type]
            (
                "InvalidValueError",
                "maximum",
                Money.euros(1),
                "maximum: must not be below the minimum 2.00 EUR (got Money.euros('1.00'))",
            ),
        ),
        (
            lambda: EffortRate.percent("abc", Money.euros(1), Money.euros(2), EXAMPLE),
            ("InvalidValueError", "percent", "abc", "percent: is not a decimal number (got 'abc')"),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_an_effort_rate_in_percent_is_the_same_tariff_as_its_fraction() -> None:
    low, high, alone = Money.euros("2.60"), Money.euros("4.50"), Money.euros("4.00")
    tariff = EffortRate.percent("0.36", low, high, EXAMPLE, alone)
    assert tariff == EffortRate(Decimal("0.0036"), low, high, EXAMPLE, alone)
    assert tariff.price(PricingContext()).unit_price == alone


_MEAL = UnitPrice(Money.euros("3.60"), EXAMPLE)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: SiblingReduction([(3, "0.5")], EXAMPLE),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "factors",
                [(3, "0.5")],
                "factors: must map a sibling rank to a factor (got [(3, '0.5')] of type list)",
            ),
        ),
        (
            lambda: SiblingReduction({"3": "0.5"}, EXAMPLE),  # type: ignore[dict-item]
            (
                "InvalidTypeError",
                "factors",
                "3",
                "factors: a sibling rank is a whole number (got '3' of type str)",
            ),
        ),
        (
            lambda: SiblingReduction({1: "0.5"}, EXAMPLE),
            (
                "OutOfRangeError",
                "factors",
                1,
                "factors: reductions start at the second child or later (got 1)",
            ),
        ),
        (
            lambda: SiblingReduction({3: "1.5"}, EXAMPLE),
            (
                "InvalidValueError",
                "factors[3]",
                "1.5",
                "factors[3]: a reduction factor lies between 0 and 1 ('0.5') (got '1.5')",
            ),
        ),
        (
            lambda: SiblingReduction({3: "abc"}, EXAMPLE),
            (
                "InvalidValueError",
                "factors[3]",
                "abc",
                "factors[3]: is not a decimal number (got 'abc')",
            ),
        ),
        (
            lambda: SiblingReduction({}, EXAMPLE),
            ("InvalidValueError", "factors", {}, "factors: must give at least one rank (got {})"),
        ),
        (
            lambda: NonResidentSupplement("-0.1", EXAMPLE),  # type: ignore[arg-type]
            (
                "InvalidValueError",
                "rate",
                "-0.1",
                "rate: a supplement is zero or more ('0.20' for +20 %) (got '-0.1')",
            ),
        ),
        (
            lambda: NonResidentSupplement("abc", EXAMPLE),  # type: ignore[arg-type]
            ("InvalidValueError", "rate", "abc", "rate: is not a decimal number (got 'abc')"),
        ),
        (
            lambda: MedicalMealFactor("1.5", EXAMPLE),  # type: ignore[arg-type]
            (
                "InvalidValueError",
                "factor",
                "1.5",
                "factor: a reduction factor lies between 0 and 1 ('0.5') (got '1.5')",
            ),
        ),
        (
            lambda: MedicalMealFactor("abc", EXAMPLE),  # type: ignore[arg-type]
            ("InvalidValueError", "factor", "abc", "factor: is not a decimal number (got 'abc')"),
        ),
        (
            lambda: ModifiedTariff("3.60", ()),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "tariff",
                "3.60",
                "tariff: must be a Tariff (with a price method) (got '3.60' of type str)",
            ),
        ),
        (
            lambda: ModifiedTariff(_MEAL, (NonResidentSupplement("0.2", EXAMPLE), "x")),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "modifiers[1]",
                "x",
                "modifiers[1]: must be a Modifier (label, source, adjust) (got 'x' of type str)",
            ),
        ),
    ],
)
def test_modifier_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_reduction_factors_run_from_zero_to_one_inclusive() -> None:
    # « a reduction factor lies between 0 and 1 »: 0 makes the meal free, 1 leaves the price.
    free = ModifiedTariff(_MEAL, (SiblingReduction({3: "0"}, EXAMPLE),))
    assert free.price(PricingContext(sibling_rank=3)).unit_price == Money.zero()
    same = ModifiedTariff(_MEAL, (MedicalMealFactor("1", EXAMPLE),))  # type: ignore[arg-type]
    assert same.price(PricingContext(medical_meal=True)).unit_price == Money.euros("3.60")


def test_a_zero_supplement_is_allowed() -> None:
    # « a supplement is zero or more »: a commune may list the supplement at 0 %.
    tariff = ModifiedTariff(_MEAL, (NonResidentSupplement("0", EXAMPLE),))  # type: ignore[arg-type]
    assert tariff.price(PricingContext(resident=False)).unit_price == Money.euros("3.60")


def test_a_medical_meal_flat_price_leaves_other_children_alone() -> None:
    flat = MedicalMealFlatPrice(Money.euros("1.75"), EXAMPLE)
    assert flat.adjust(Decimal("3.60"), PricingContext()) is None
    price = ModifiedTariff(_MEAL, (flat,)).price(PricingContext())
    assert (price.unit_price, price.modifiers) == (Money.euros("3.60"), ())
