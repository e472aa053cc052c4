"""Payment terms: prepayment before the booking deadline, minimum top-up, credit treatment."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import Money
from cantine_rules._time import at_paris
from cantine_rules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    NegativeAmountError,
)
from cantine_rules.pricing.accounts import (
    DEFAULT_CREDIT_TREATMENT,
    CarryForward,
    MinimumTopUp,
    PaymentScheme,
    Prepayment,
    Refund,
    ServicePayment,
    TopUpRefusal,
    ZeroAmountError,
)
from cantine_rules.sources import Source, SourceKind
from cantine_rules.testing import credit_treatments, minimum_top_ups, money

_SRC = Source.example("a rule seen in other communes")


# Prepayment ------------------------------------------------------------------------------------


def test_a_full_prepayment_is_the_whole_price() -> None:
    # « le paiement anticipé correspondant à 100% de la somme »
    assert Prepayment().amount_due(Money.euros("18.40")) == Money.euros("18.40")


def test_a_partial_prepayment_is_rounded_once_half_up() -> None:
    assert Prepayment("0.5").amount_due(Money.euros("0.05")) == Money.euros("0.03")
    assert Prepayment("0.3").amount_due(Money.euros("10.00")) == Money.euros("3.00")


def test_a_prepayment_one_second_before_the_deadline_is_on_time_at_it_late() -> None:
    # « avant la clôture des inscriptions »: strictly before.
    deadline = at_paris(date(2025, 10, 3), time(0, 0))
    assert Prepayment.is_on_time(deadline - timedelta(seconds=1), deadline)
    assert not Prepayment.is_on_time(deadline, deadline)
    assert not Prepayment.is_on_time(deadline + timedelta(seconds=1), deadline)


def test_a_prepayment_time_without_offset_is_refused() -> None:
    deadline = at_paris(date(2025, 10, 3), time(0, 0))
    with pytest.raises(NaiveDatetimeError):
        Prepayment.is_on_time(deadline.replace(tzinfo=None), deadline)


@pytest.mark.parametrize("share", ["0", "-0.5", "1.01", "2"])
def test_a_prepayment_share_outside_0_to_100_percent_is_refused(share: str) -> None:
    with pytest.raises(InvalidValueError, match="share"):
        Prepayment(share)


def test_a_negative_price_has_no_prepayment() -> None:
    with pytest.raises(NegativeAmountError):
        Prepayment().amount_due(Money.euros("-1"))


@given(money(0, 500_00), st.integers(1, 100))
def test_a_prepayment_is_never_negative_nor_above_the_price(price: Money, percent: int) -> None:
    due = Prepayment(Decimal(percent) / 100).amount_due(price)
    assert Money.zero() <= due <= price


def test_a_service_payment_names_its_service_and_scheme() -> None:
    payment = ServicePayment("vacances", PaymentScheme.IMMEDIATE, _SRC, Prepayment())
    assert payment.prepayment == Prepayment(Decimal(1))
    with pytest.raises(InvalidTypeError, match="scheme"):
        ServicePayment("vacances", "immediate", _SRC)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="prepayment"):
        ServicePayment("vacances", PaymentScheme.IMMEDIATE, _SRC, 1)  # type: ignore[arg-type]


# Minimum top-up --------------------------------------------------------------------------------

# « avec un minimum de crédit 20 euros par enfant »
TWENTY_PER_CHILD = MinimumTopUp(Money.euros("20"), _SRC)


def test_the_minimum_top_up_minus_one_cent_is_refused_exactly_it_is_accepted() -> None:
    below = TWENTY_PER_CHILD.check(Money.euros("19.99"))
    assert not below.accepted
    assert below.refusal is TopUpRefusal.BELOW_MINIMUM
    assert below.minimum == Money.euros("20.00")
    assert TWENTY_PER_CHILD.check(Money.euros("20.00")).accepted


def test_the_minimum_counts_once_per_child() -> None:
    assert not TWENTY_PER_CHILD.check(Money.euros("59.99"), children=3).accepted
    assert TWENTY_PER_CHILD.check(Money.euros("60.00"), children=3).accepted
    per_family = MinimumTopUp(Money.euros("20"), _SRC, per_child=False)
    assert per_family.check(Money.euros("20.00"), children=3).accepted


def test_an_accepted_top_up_has_no_refusal_and_no_shortfall() -> None:
    check = TWENTY_PER_CHILD.check(Money.euros("25"))
    assert check.refusal is None
    assert check.shortfall == Money.zero()


@pytest.mark.parametrize("amount", ["-20", "0"])
def test_a_minimum_top_up_is_above_zero(amount: str) -> None:
    with pytest.raises(InvalidValueError, match="amount"):
        MinimumTopUp(Money.euros(amount), _SRC)


@pytest.mark.parametrize("children", [0, -1, True, 1.0])
def test_a_number_of_children_is_a_whole_number_from_one(children: object) -> None:
    with pytest.raises(InvalidValueError, match="children"):
        TWENTY_PER_CHILD.check(Money.euros("20"), children=children)  # type: ignore[arg-type]


def test_a_top_up_of_nothing_is_not_a_top_up() -> None:
    with pytest.raises(ZeroAmountError, match="top_up"):
        TWENTY_PER_CHILD.check(Money.zero())


@given(minimum_top_ups(), money(1, 300_00), money(1, 300_00), st.integers(1, 4))
def test_a_larger_top_up_is_never_refused_where_a_smaller_one_is_accepted(
    minimum: MinimumTopUp, first: Money, second: Money, children: int
) -> None:
    low, high = sorted((first, second))
    low_check, high_check = minimum.check(low, children), minimum.check(high, children)
    assert low_check.accepted == (low >= minimum.minimum_for(children))
    if low_check.accepted:
        assert high_check.accepted
    if not high_check.accepted:
        assert high_check.refusal is TopUpRefusal.BELOW_MINIMUM


# Credits ---------------------------------------------------------------------------------------


def test_a_credit_carried_forward_is_carried_whole() -> None:
    # « les jours seront à déduire le mois suivant »
    treated = CarryForward(_SRC).treat(Money.euros("7.20"))
    assert (treated.carried, treated.refunded, treated.forfeited) == (
        Money.euros("7.20"),
        Money.zero(),
        Money.zero(),
    )


def test_a_credit_refunded_at_a_rate_is_rounded_once_half_up() -> None:
    treated = Refund("0.5", _SRC).treat(Money.euros("7.25"))
    assert treated.refunded == Money.euros("3.63")
    assert treated.forfeited == Money.euros("3.62")
    assert Refund("1", _SRC).treat(Money.euros("7.25")).refunded == Money.euros("7.25")


@pytest.mark.parametrize("rate", ["1.01", "-0.1", "100"])
def test_a_refund_rate_above_100_percent_or_below_zero_is_refused(rate: str) -> None:
    with pytest.raises(InvalidValueError, match="rate"):
        Refund(rate, _SRC)


def test_a_negative_credit_is_refused() -> None:
    with pytest.raises(NegativeAmountError, match="credit"):
        CarryForward(_SRC).treat(Money.euros("-1"))


def test_the_default_treatment_carries_forward_and_is_marked_a_default() -> None:
    assert isinstance(DEFAULT_CREDIT_TREATMENT, CarryForward)
    assert DEFAULT_CREDIT_TREATMENT.source.kind is SourceKind.DEFAULT


@given(credit_treatments(), money(0, 500_00))
def test_a_credit_is_treated_whole_and_no_part_is_negative(
    treatment: CarryForward | Refund, credit: Money
) -> None:
    treated = treatment.treat(credit)
    assert treated.total == credit
    assert not any(
        part.is_negative() for part in (treated.carried, treated.refunded, treated.forfeited)
    )


@pytest.mark.parametrize(
    "build",
    [
        lambda: ServicePayment("vacances", PaymentScheme.IMMEDIATE, "règlement"),  # type: ignore[arg-type]
        lambda: MinimumTopUp(Money.euros("20"), "règlement"),  # type: ignore[arg-type]
        lambda: CarryForward("règlement"),  # type: ignore[arg-type]
        lambda: Refund("0.5", "règlement"),  # type: ignore[arg-type]
    ],
)
def test_a_source_that_is_not_a_source_is_the_library_s_type_error(build: object) -> None:
    with pytest.raises(InvalidTypeError, match="source"):
        build()  # type: ignore[operator]


def test_per_child_is_a_bool() -> None:
    with pytest.raises(InvalidTypeError, match="per_child"):
        MinimumTopUp(Money.euros("20"), _SRC, "yes")  # type: ignore[arg-type]


@given(
    st.integers(-10 * 86400, 10 * 86400),
    st.integers(0, 10 * 86400),
    st.dates(date(2024, 9, 1), date(2026, 8, 31)),
)
def test_an_earlier_payment_is_never_late_where_a_later_one_is_on_time(
    offset: int, earlier_by: int, day: date
) -> None:
    deadline = at_paris(day, time(0, 0))
    later = deadline + timedelta(seconds=offset)
    earlier = later - timedelta(seconds=earlier_by)
    if Prepayment.is_on_time(later, deadline):
        assert Prepayment.is_on_time(earlier, deadline)
    assert Prepayment.is_on_time(later, deadline) == (offset < 0)
