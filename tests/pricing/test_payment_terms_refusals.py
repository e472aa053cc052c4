"""Payment terms: every refusal read whole, and what a refused top-up lacked."""

from __future__ import annotations

from datetime import datetime

from cantine_rules import EUROPE_PARIS, Money
from cantine_rules.pricing.accounts import (
    CarryForward,
    MinimumTopUp,
    PaymentScheme,
    Prepayment,
    Refund,
    ServicePayment,
    TopUpRefusal,
)
from cantine_rules.sources import Source
from tests._helpers import refusal

EUR = Money.euros
SRC = Source.example("a rule seen in other communes")
DEADLINE = datetime(2025, 10, 3, tzinfo=EUROPE_PARIS)
# « avec un minimum de crédit 20 euros par enfant » (a commune's page « La cantine »)
TWENTY_PER_CHILD = MinimumTopUp(EUR("20"), SRC)


def test_a_refused_top_up_lacks_the_difference_to_the_minimum() -> None:
    check = TWENTY_PER_CHILD.check(EUR("39.99"), children=2)
    assert (check.accepted, check.minimum, check.refusal, check.shortfall) == (
        False,
        EUR("40.00"),
        TopUpRefusal.BELOW_MINIMUM,
        EUR("0.01"),
    )
    assert TWENTY_PER_CHILD.check(EUR("5")).shortfall == EUR("15.00")
    assert TWENTY_PER_CHILD.check(EUR("40"), children=2).shortfall == Money.zero()


def test_a_prepayment_refuses_a_price_that_is_not_money_or_is_negative() -> None:
    assert refusal(lambda: Prepayment().amount_due("3")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "price",
        "3",
        "price: must be Money (got '3' of type str)",
    )
    assert refusal(lambda: Prepayment().amount_due(EUR("-3"))) == (
        "NegativeAmountError",
        "price",
        EUR("-3"),
        "price: must not be negative (got Money.euros('-3.00'))",
    )


def test_a_prepayment_time_names_the_instant_it_refuses() -> None:
    naive = datetime(2025, 10, 2, 12, 0)
    assert refusal(lambda: Prepayment.is_on_time(naive, DEADLINE)) == (
        "NaiveDatetimeError",
        "paid_at",
        naive,
        "paid_at: must be timezone-aware (for example tzinfo=ZoneInfo('Europe/Paris')) "
        "(got 2025-10-02T12:00:00)",
    )
    assert refusal(lambda: Prepayment.is_on_time(DEADLINE, naive))[:3] == (
        "NaiveDatetimeError",
        "deadline",
        naive,
    )


def test_shares_and_rates_outside_0_to_100_percent_are_refused_whole() -> None:
    assert refusal(lambda: Prepayment("0")) == (
        "InvalidValueError",
        "share",
        "0",
        "share: must be a fraction above 0 to 1 (100 %), such as 0.5 for 50 % (got '0')",
    )
    assert refusal(lambda: Prepayment("1.01"))[:3] == ("InvalidValueError", "share", "1.01")
    assert Prepayment("1").share == 1
    assert refusal(lambda: Refund("-0.01", SRC)) == (
        "InvalidValueError",
        "rate",
        "-0.01",
        "rate: must be a fraction from 0 to 1 (100 %), such as 0.5 for 50 % (got '-0.01')",
    )
    assert refusal(lambda: Refund("1.5", SRC))[:3] == ("InvalidValueError", "rate", "1.5")
    assert Refund("0", SRC).treat(EUR("7.20")).forfeited == EUR("7.20")


def test_service_payments_and_minimums_name_what_they_refuse() -> None:
    assert refusal(lambda: ServicePayment("v", PaymentScheme.IMMEDIATE, SRC, 0.5)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "prepayment",
        0.5,
        "prepayment: must be a Prepayment or None (got 0.5 of type float)",
    )
    assert refusal(lambda: ServicePayment("v", PaymentScheme.IMMEDIATE, "r")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "source",
        "r",
        "source: must be a Source (got 'r' of type str)",
    )
    assert refusal(lambda: MinimumTopUp(20, SRC)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "amount",
        20,
        "amount: must be Money (got 20 of type int)",
    )
    assert refusal(lambda: MinimumTopUp(EUR("0"), SRC)) == (
        "ZeroAmountError",
        "amount",
        Money.zero(),
        "amount: must be more than 0,00 € (got Money.euros('0.00'))",
    )
    assert refusal(lambda: TWENTY_PER_CHILD.minimum_for(0)) == (
        "InvalidValueError",
        "children",
        0,
        "children: must be a whole number of children, at least 1 (got 0)",
    )
    assert refusal(lambda: TWENTY_PER_CHILD.check(20))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "top_up",
        20,
    )


def test_a_credit_that_is_not_money_or_is_negative_is_refused_whole() -> None:
    for treatment in (CarryForward(SRC), Refund("0.5", SRC)):
        assert refusal(lambda treatment=treatment: treatment.treat(3)) == (  # type: ignore[misc]
            "InvalidTypeError",
            "credit",
            3,
            "credit: must be Money (got 3 of type int)",
        )
        assert refusal(lambda treatment=treatment: treatment.treat(EUR("-1"))) == (  # type: ignore[misc]
            "NegativeAmountError",
            "credit",
            EUR("-1"),
            "credit: must not be negative (got Money.euros('-1.00'))",
        )
