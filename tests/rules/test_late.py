"""Late handling on its own: what each surcharge bills, says and refuses."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from cantine_rules import Money
from cantine_rules.rules.late import (
    AcceptWithSurcharge,
    BasePlus,
    BaseTimes,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    LateContext,
    LateHandling,
    MedicalWaiver,
    Surcharge,
)
from tests._helpers import refusal

FOUR = FlatPrice(Money.euros(4))


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: LateContext(prior_late_in_month=1.5),  # type: ignore[arg-type]
            (
                "InvalidValueError",
                "prior_late_in_month",
                1.5,
                "prior_late_in_month: must be a whole number, zero or more (got 1.5)",
            ),
        ),
        (
            lambda: FreeAllowance(-1, FOUR),
            (
                "InvalidValueError",
                "free_per_month",
                -1,
                "free_per_month: must be a whole number, zero or more (got -1)",
            ),
        ),
        (
            lambda: BaseTimes(Decimal("0.5")),
            (
                "InvalidValueError",
                "factor",
                Decimal("0.5"),
                "factor: a surcharge factor must be 1 or more (got 0.5)",
            ),
        ),
        (
            lambda: BaseTimes("abc"),  # type: ignore[arg-type]
            ("InvalidValueError", "factor", "abc", "factor: is not a decimal number (got 'abc')"),
        ),
        (
            lambda: AcceptWithSurcharge("4 €"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "surcharge",
                "4 €",
                "surcharge: must be a Surcharge (got '4 €' of type str)",
            ),
        ),
        (
            lambda: LateHandling(office="refuse"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "office",
                "refuse",
                "office: must be Refuse, AcceptWithSurcharge, KeepCharging or AcceptLate "
                "(got 'refuse' of type str)",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


@pytest.mark.parametrize(
    ("surcharge", "what"),
    [
        (BasePlus(Money.euros(3)), "a price plus a fixed amount"),
        (BaseTimes(Decimal("1.5")), "a price times a factor"),
        (FlatPenalty(Money.euros(5)), "a penalty on top of the price"),
        (FreeAllowance(1, FOUR), "a free allowance at the normal price"),
    ],
)
def test_a_surcharge_on_the_price_says_that_it_needs_the_price(
    surcharge: Surcharge, what: str
) -> None:
    assert refusal(lambda: surcharge.charge(None, LateContext())) == (
        "MissingPriceError",
        "price",
        None,
        f"price: {what} is based on the service's price; give the price",
    )


def test_a_flat_price_needs_no_price() -> None:
    assert FOUR.charge(None, LateContext()) == Money.euros(4)


def test_past_the_free_allowance_the_next_surcharge_sees_the_batch() -> None:
    # « a flat penalty per late registration »: once charged in a batch, only the price is billed.
    rule = FreeAllowance(1, FlatPenalty(Money.euros(5)))
    price = Money.euros("3.60")
    assert rule.charge(price, LateContext(prior_late_in_month=0)) == price
    first = LateContext(prior_late_in_month=1)
    assert rule.charge(price, first) == Money.euros("8.60")
    again = LateContext(prior_late_in_month=1, penalty_already_charged=True)
    assert rule.charge(price, again) == price


@pytest.mark.parametrize(
    ("surcharge", "french", "english"),
    [
        (FOUR, "tarif majoré de 4,00\xa0€", "surcharged price €4.00"),
        (BasePlus(Money.euros(3)), "tarif normal + 3,00\xa0€", "normal price + €3.00"),
        (BaseTimes(Decimal("1.5")), "tarif normal + 50 %", "normal price + 50 %"),
        (BaseTimes(Decimal("1.125")), "tarif normal + 12,5 %", "normal price + 12.5 %"),
        (
            FlatPenalty(Money.euros(5)),
            "une pénalité de 5,00\xa0€ par famille",
            "a penalty of €5.00 per family",
        ),
        (
            FreeAllowance(2, BaseTimes(Decimal("1.5"))),
            "2 par mois au tarif normal, puis tarif normal + 50 %",
            "2 per month at the normal price, then normal price + 50 %",
        ),
    ],
)
def test_every_surcharge_describes_itself_in_french_and_english(
    surcharge: Surcharge, french: str, english: str
) -> None:
    texts = (surcharge.describe(), surcharge.describe("fr"), surcharge.describe("en"))
    assert texts == (french, french, english)


def test_a_medical_waiver_after_waiting_days() -> None:
    # « jour de carence »: with one waiting day the first sick day is still charged.
    waiver = MedicalWaiver(1)
    assert not waiver.waives(LateContext(sick_day_index=1))
    assert waiver.waives(LateContext(sick_day_index=2))
    assert MedicalWaiver().waives(LateContext(sick_day_index=1))


def test_a_factor_of_one_is_allowed_and_bills_the_price() -> None:
    # « a surcharge factor must be 1 or more »: 1 itself is the normal price.
    assert BaseTimes(Decimal(1)).charge(Money.euros("3.60"), LateContext()) == Money.euros("3.60")
