"""Money: exact cents, one rounding rule, no float, babel formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import FloatMoneyError, InvalidTypeError, InvalidValueError, Money
from cantine_rules.errors import NegativeAmountError
from cantine_rules.money import MAX_EUROS, round_to_cent

cents = st.integers(min_value=-(10**9), max_value=10**9)
money = cents.map(Money.from_cents)


def test_seed_001_four_meals_at_3_60_make_14_40() -> None:
    # Seed 001: four lines « à l'unité 3.60€ » then « A payer : 14.40€ ».
    assert Money.euros("3.60") * 4 == Money.euros("14.40")
    assert Money.sum([Money.euros("3.60")] * 4) == Money.euros("14.40")


@pytest.mark.parametrize("given_amount", ["3.60", "3.6", Decimal("3.60"), " 3.60 "])
def test_euros_accepts_str_and_decimal(given_amount: str | Decimal) -> None:
    assert Money.euros(given_amount).cents == 360


def test_euros_accepts_int() -> None:
    assert Money.euros(7).cents == 700


def test_float_is_refused_with_a_typed_error_naming_the_field() -> None:
    with pytest.raises(FloatMoneyError) as caught:
        Money.euros(3.6, field="unit_price")  # type: ignore[arg-type]
    assert caught.value.field == "unit_price"
    assert caught.value.value == 3.6
    assert isinstance(caught.value, TypeError)


def test_float_cents_are_refused() -> None:
    with pytest.raises(FloatMoneyError):
        Money(3.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [True, None, [1], object()])
def test_other_types_are_refused(bad: object) -> None:
    with pytest.raises(InvalidTypeError):
        Money.euros(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["abc", "", "NaN", "Infinity", "1,20"])
def test_non_numbers_are_refused(bad: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Money.euros(bad)
    assert caught.value.field == "amount"


def test_a_fraction_of_a_cent_is_refused_not_guessed() -> None:
    with pytest.raises(InvalidValueError, match="fraction of a cent"):
        Money.euros("1.005")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.005", "1.01"),
        ("1.004", "1.00"),
        ("-1.005", "-1.01"),
        ("2.345", "2.35"),
        ("0.005", "0.01"),
        ("0.0049", "0.00"),
    ],
)
def test_rounding_is_half_up_to_the_cent(raw: str, expected: str) -> None:
    assert Money.rounded(raw) == Money.euros(expected)
    assert round_to_cent(Decimal(raw)) == Decimal(expected)


def test_times_rounds_once_half_up() -> None:
    # +50 % on 2,35 € is 3,525 € -> 3,53 €.
    assert Money.euros("2.35").times("1.5") == Money.euros("3.53")
    with pytest.raises(FloatMoneyError):
        Money.euros("2.35").times(1.5)  # type: ignore[arg-type]


def test_multiplication_takes_whole_numbers_only() -> None:
    with pytest.raises(TypeError):
        Money.euros("1.00") * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money.euros("1.00") * True  # type: ignore[operator]
    assert 3 * Money.euros("1.10") == Money.euros("3.30")


def test_adding_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Money.euros("1.00") + Decimal("1")  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money.euros("1.00") - 1  # type: ignore[operator]


def test_amount_has_two_places_and_currency_is_eur() -> None:
    assert str(Money.euros("3.6").amount) == "3.60"
    assert Money.euros("3.6").currency == "EUR"
    assert str(Money.euros("3.6")) == "3.60 EUR"
    assert repr(Money.euros("-0.5")) == "Money.euros('-0.50')"


def test_format_in_french_and_english() -> None:
    assert Money.euros("3.60").format("fr_FR") == "3,60\u00a0€"
    assert Money.euros("3.60").format("en") == "€3.60"
    assert Money.euros("14.40").format() == "14,40\u00a0€"


def test_parse_reads_both_locales_and_refuses_garbage() -> None:
    assert Money.parse("3,60 €") == Money.euros("3.60")
    assert Money.parse("€3.60", "en") == Money.euros("3.60")
    assert Money.parse("-€1,234.50", "en") == Money.euros("-1234.50")
    with pytest.raises(InvalidValueError):
        Money.parse("trois euros")
    with pytest.raises(InvalidTypeError):
        Money.parse(3.6)  # type: ignore[arg-type]


def test_require_non_negative() -> None:
    assert Money.zero().require_non_negative("price") == Money.zero()
    with pytest.raises(NegativeAmountError) as caught:
        Money.euros("-0.01").require_non_negative("price")
    assert caught.value.field == "price"
    assert isinstance(caught.value, ValueError)


def test_split_hands_leftover_cents_to_the_first_parts() -> None:
    assert Money.euros("10.00").split(3) == (
        Money.euros("3.34"),
        Money.euros("3.33"),
        Money.euros("3.33"),
    )
    assert Money.euros("-0.05").split(2) == (Money.euros("-0.03"), Money.euros("-0.02"))


@pytest.mark.parametrize("weights", [[], [0, 0], [1, -1], [1.5]])
def test_allocate_refuses_bad_weights(weights: list[int]) -> None:
    with pytest.raises(InvalidValueError):
        Money.euros("1.00").allocate(weights)


@pytest.mark.parametrize("parts", [0, -1, 1.0, True])
def test_split_refuses_bad_part_counts(parts: int) -> None:
    with pytest.raises(InvalidValueError):
        Money.euros("1.00").split(parts)


@given(money, money, money)
def test_addition_is_associative_and_commutative(a: Money, b: Money, c: Money) -> None:
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert a - b == a + (-b)
    assert Money.sum([a, b, c]) == a + b + c


@given(money, st.integers(min_value=1, max_value=50))
def test_split_loses_no_cent(amount: Money, parts: int) -> None:
    shares = amount.split(parts)
    assert len(shares) == parts
    assert Money.sum(shares) == amount
    assert max(s.cents for s in shares) - min(s.cents for s in shares) <= 1


@given(money, st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=10))
def test_allocate_loses_no_cent(amount: Money, weights: list[int]) -> None:
    if sum(weights) == 0:
        weights = [*weights, 1]
    shares = amount.allocate(weights)
    assert Money.sum(shares) == amount
    for share, weight in zip(shares, weights, strict=True):
        if weight == 0:
            assert share.is_zero()


@given(money, st.sampled_from(["fr_FR", "en", "en_GB", "fr_BE", "de_DE"]))
def test_formatting_round_trips(amount: Money, locale: str) -> None:
    assert Money.parse(amount.format(locale), locale) == amount


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**6), max_value=10**6
    )
)
def test_rounded_is_within_half_a_cent(value: Decimal) -> None:
    rounded = Money.rounded(value)
    assert abs(rounded.amount - value) <= Decimal("0.005")


@given(money, money)
def test_order_follows_cents(a: Money, b: Money) -> None:
    assert (a < b) == (a.cents < b.cents)
    assert (a == b) == (a.cents == b.cents)


@pytest.mark.parametrize("amount", ["1e30", "1000000000000.01", "-1000000000000.01", 10**13])
def test_an_amount_beyond_the_bound_is_bad_input_not_a_decimal_error(amount: object) -> None:
    # 27-digit amounts used to raise decimal.InvalidOperation from quantize.
    for build in (Money.euros, Money.rounded):
        with pytest.raises(InvalidValueError) as caught:
            build(amount)  # type: ignore[arg-type]
        assert caught.value.field == "amount"
        assert "must be within ±1000000000000.00 euros" in str(caught.value)


def test_the_bound_itself_is_an_amount() -> None:
    assert Money.euros(MAX_EUROS).amount == MAX_EUROS
    assert Money.euros(-MAX_EUROS).amount == -MAX_EUROS
    assert Money.rounded("999999999999.995").amount == MAX_EUROS


def test_a_computation_past_the_bound_is_refused() -> None:
    largest = Money.euros(MAX_EUROS)
    with pytest.raises(InvalidValueError, match="cents: must be within"):
        largest + Money.euros("0.01")
    with pytest.raises(InvalidValueError, match="cents: must be within"):
        largest * 2
    with pytest.raises(InvalidValueError, match="text: must be within"):
        Money.parse("1e30")


def test_the_absolute_value_of_a_debt_is_what_is_owed() -> None:
    assert abs(Money.euros("-12.40")) == Money.euros("12.40")
    assert abs(Money.euros("3.60")) == Money.euros("3.60")
