"""Every refusal of `Money`, compared whole: the class, the field, the value and the words."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from cantine_rules import Money
from tests._helpers import refusal

_ONE = Money.euros("1.00")
_BOUND = "must be within ±1000000000000.00 euros"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: Money.euros(True),
            (
                "InvalidTypeError",
                "amount",
                True,
                "amount: must be a str, int or Decimal, not a bool (got True of type bool)",
            ),
        ),
        (
            lambda: Money.rounded(False, field="rate"),
            (
                "InvalidTypeError",
                "rate",
                False,
                "rate: must be a str, int or Decimal, not a bool (got False of type bool)",
            ),
        ),
        (
            lambda: Money.euros([1]),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "amount",
                [1],
                "amount: must be a str, int or Decimal (got [1] of type list)",
            ),
        ),
        (
            lambda: Money.euros("abc", field="price"),
            ("InvalidValueError", "price", "abc", "price: is not a decimal number (got 'abc')"),
        ),
        (
            lambda: Money.euros("NaN", field="price"),
            ("InvalidValueError", "price", "NaN", "price: must be a finite number (got 'NaN')"),
        ),
        (
            lambda: Money.euros(Decimal("-Infinity")),
            (
                "InvalidValueError",
                "amount",
                Decimal("-Infinity"),
                "amount: must be a finite number (got -Infinity)",
            ),
        ),
        (
            lambda: Money.euros("1.005", field="price"),
            (
                "InvalidValueError",
                "price",
                "1.005",
                "price: has a fraction of a cent; use Money.rounded() to round it half-up "
                "(got '1.005')",
            ),
        ),
        (
            lambda: Money.rounded("-1000000000000.01", field="balance"),
            (
                "InvalidValueError",
                "balance",
                "-1000000000000.01",
                f"balance: {_BOUND} (got '-1000000000000.01')",
            ),
        ),
        (
            lambda: Money.from_cents("3"),  # type: ignore[arg-type]
            ("InvalidTypeError", "cents", "3", "cents: must be an int (got '3' of type str)"),
        ),
        (
            lambda: Money.from_cents(True),
            ("InvalidTypeError", "cents", True, "cents: must be an int (got True of type bool)"),
        ),
        (
            lambda: Money.from_cents(-(10**14) - 1),
            (
                "InvalidValueError",
                "cents",
                -(10**14) - 1,
                f"cents: {_BOUND} (got -100000000000001)",
            ),
        ),
        (
            lambda: Money.parse(3),  # type: ignore[arg-type]
            ("InvalidTypeError", "text", 3, "text: must be a str (got 3 of type int)"),
        ),
        (
            lambda: Money.parse("3,60 $"),
            (
                "InvalidValueError",
                "text",
                "3,60 $",
                "text: is not an amount in locale fr_FR (got '3,60 $')",
            ),
        ),
        (
            lambda: Money.parse("3,60", "en"),
            (
                "InvalidValueError",
                "text",
                "3,60",
                "text: is not an amount in locale en (got '3,60')",
            ),
        ),
        (
            lambda: _ONE.allocate([]),
            ("InvalidValueError", "weights", [], "weights: must name at least one part (got [])"),
        ),
        (
            lambda: _ONE.allocate([1, -1]),
            (
                "InvalidValueError",
                "weights",
                [1, -1],
                "weights: must be whole numbers, zero or more (got [1, -1])",
            ),
        ),
        (
            lambda: _ONE.allocate([1, True]),
            (
                "InvalidValueError",
                "weights",
                [1, True],
                "weights: must be whole numbers, zero or more (got [1, True])",
            ),
        ),
        (
            lambda: _ONE.allocate([0, 0]),
            ("InvalidValueError", "weights", [0, 0], "weights: must not all be zero (got [0, 0])"),
        ),
        (
            lambda: _ONE.split(0),
            (
                "InvalidValueError",
                "parts",
                0,
                "parts: must be a whole number of at least 1 (got 0)",
            ),
        ),
        (
            lambda: _ONE.split(True),
            (
                "InvalidValueError",
                "parts",
                True,
                "parts: must be a whole number of at least 1 (got True)",
            ),
        ),
        (
            lambda: _ONE.times("x"),
            ("InvalidValueError", "factor", "x", "factor: is not a decimal number (got 'x')"),
        ),
        (
            lambda: Money.euros("-1.00").require_non_negative("balance"),
            (
                "NegativeAmountError",
                "balance",
                Money.euros("-1.00"),
                "balance: must not be negative (got Money.euros('-1.00'))",
            ),
        ),
    ],
)
def test_a_refused_amount_names_its_field_and_value(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


@pytest.mark.parametrize(
    "written",
    [
        "1 234,50 €",
        "1\u00a0234,50 €",
        "1\u202f234,50 €",
        "1234,50 EUR",
        " 1234,50 ",
    ],
)
def test_parse_reads_the_spaces_people_type_between_thousands(written: str) -> None:
    assert Money.parse(written) == Money.euros("1234.50")


@pytest.mark.parametrize("written", ["-3,60 €", "\u22123,60 €", "- 3,60 €"])
def test_parse_reads_a_minus_sign_of_either_kind(written: str) -> None:
    assert Money.parse(written) == Money.euros("-3.60")


def test_an_amount_with_blanks_around_it_is_read() -> None:
    assert Money.euros(" 3.6 ") == Money.euros("3.60")


def test_a_negative_amount_is_split_into_negative_parts() -> None:
    assert Money.euros("-0.05").allocate([1, 2, 2]) == (
        Money.euros("-0.01"),
        Money.euros("-0.02"),
        Money.euros("-0.02"),
    )


@pytest.mark.parametrize("locale", ["fr_CA", "nb_NO"])
def test_parse_reads_a_narrow_space_where_the_locale_groups_with_a_no_break_space(
    locale: str,
) -> None:
    assert Money.parse("1\u202f234,50 €", locale) == Money.euros("1234.50")


@pytest.mark.parametrize("written", ["-X3,60 €", "3,60 X", "X3,60"])
def test_a_stray_letter_around_an_amount_is_refused(written: str) -> None:
    assert refusal(lambda: Money.parse(written)) == (
        "InvalidValueError",
        "text",
        written,
        f"text: is not an amount in locale fr_FR (got {written!r})",
    )


def test_the_leftover_cent_goes_to_the_largest_remainder_not_the_largest_share() -> None:
    # 2 cents for weights 1 and 2: shares 0 and 1, remainders 2/3 and 1/3 of a cent.
    assert Money.from_cents(2).allocate([1, 2]) == (Money.euros("0.01"), Money.euros("0.01"))
