"""Monthly flat fees: the month's charge with refunds per absent day, amounts by family size,
and the values a fee refuses."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import InvalidValueError, Money
from cantine_rules.pricing.tariffs import (
    ChildrenAmount,
    FeeBasis,
    FeeReason,
    MonthlyFlatFee,
    month_of,
)
from cantine_rules.sources import Source
from cantine_rules.testing import monthly_flat_fees
from tests._helpers import refusal

_SAUSSAY = Source.example("CARTE MENSUELLE … REMBOURSEMENT DE REPAS : 3.85€")
# Saussay: « CARTE MENSUELLE Famille avec 1 enfant : 59.00€, 2 enfants : 57.00€, 3 enfants :
# 55.00€ » and « REMBOURSEMENT DE REPAS : 3.85€ ».
CARD = MonthlyFlatFee(
    "carte_mensuelle",
    "Carte mensuelle",
    Money.euros("59.00"),
    _SAUSSAY,
    by_children=[ChildrenAmount(2, Money.euros("57.00")), ChildrenAmount(3, Money.euros("55.00"))],
    refund_per_absent_day=Money.euros("3.85"),
)
# « REPAS SPECIFIQUE ENFANT ALLERGIQUE : (mensuel) … non remboursable … 12.00€ »
BASKET = MonthlyFlatFee("panier_pai", "Panier PAI", Money.euros("12.00"), _SAUSSAY)

# November 2025, Monday to Friday but the 11th (Armistice).
NOVEMBER = [
    date(2025, 11, 3) + timedelta(days=offset)
    for offset in range(26)
    if (date(2025, 11, 3) + timedelta(days=offset)).weekday() < 5 and offset != 8
]


def test_no_absence_costs_the_whole_fee() -> None:
    charge = CARD.month_charge(date(2025, 11, 1), NOVEMBER)
    assert (charge.amount, charge.reason) == (Money.euros("59.00"), FeeReason.FULL_FEE)
    assert charge.booked_days == len(NOVEMBER)


def test_each_absent_day_is_refunded_at_its_own_rate() -> None:
    one = CARD.month_charge(date(2025, 11, 1), NOVEMBER, absent_days=NOVEMBER[:1])
    assert (one.amount, one.reason) == (Money.euros("55.15"), FeeReason.FEE_LESS_REFUNDS)
    fifteen = CARD.month_charge(date(2025, 11, 1), NOVEMBER, absent_days=NOVEMBER[:15])
    assert fifteen.amount == Money.euros("1.25")  # 59.00 - 15 × 3.85


def test_refunds_never_take_a_month_below_zero() -> None:
    # 16 × 3.85 = 61.60, more than the 59.00 of the card: nothing is due, nothing paid back.
    sixteen = CARD.month_charge(date(2025, 11, 1), NOVEMBER, absent_days=NOVEMBER[:16])
    assert (sixteen.amount, sixteen.reason) == (Money.zero(), FeeReason.REFUNDS_COVER_FEE)


def test_refunds_that_exactly_reach_the_fee() -> None:
    fee = MonthlyFlatFee(
        "f", "F", Money.euros("7.70"), _SAUSSAY, refund_per_absent_day=Money.euros("3.85")
    )
    one = fee.month_charge(date(2025, 11, 1), NOVEMBER, absent_days=NOVEMBER[:1])
    two = fee.month_charge(date(2025, 11, 1), NOVEMBER, absent_days=NOVEMBER[:2])
    assert one.amount == Money.euros("3.85")
    assert (two.amount, two.reason) == (Money.zero(), FeeReason.REFUNDS_COVER_FEE)


def test_a_non_refundable_fee_ignores_absences() -> None:
    charge = BASKET.month_charge(date(2025, 11, 1), NOVEMBER, absent_days=NOVEMBER)
    assert (charge.amount, charge.reason) == (Money.euros("12.00"), FeeReason.FULL_FEE)


def test_the_first_and_last_day_of_the_month_count_and_their_neighbours_do_not() -> None:
    october = date(2024, 10, 1)
    inside = BASKET.month_charge(october, [date(2024, 10, 1), date(2024, 10, 31)])
    assert inside.booked_days == 2
    outside = BASKET.month_charge(october, [date(2024, 9, 30), date(2024, 11, 1)])
    assert (outside.amount, outside.reason) == (Money.zero(), FeeReason.NO_BOOKED_DAY)
    assert month_of(date(2024, 10, 31)) == october


@pytest.mark.parametrize(
    ("children", "amount"), [(1, "59.00"), (2, "57.00"), (3, "55.00"), (4, "55.00")]
)
def test_the_amount_by_number_of_children(children: int, amount: str) -> None:
    assert CARD.amount_for(children) == Money.euros(amount)
    assert CARD.month_charge(date(2025, 11, 1), NOVEMBER, children=children).amount == Money.euros(
        amount
    )


def test_a_fee_per_family() -> None:
    fee = MonthlyFlatFee("f", "F", Money.euros("25.00"), _SAUSSAY, per=FeeBasis.FAMILY)
    assert fee.per is FeeBasis.FAMILY


def test_a_refund_greater_than_the_fee_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        MonthlyFlatFee(
            "f", "F", Money.euros("3.00"), _SAUSSAY, refund_per_absent_day=Money.euros("3.01")
        )
    assert caught.value.field == "refund_per_absent_day"


def test_a_refund_greater_than_a_family_amount_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        MonthlyFlatFee(
            "f",
            "F",
            Money.euros("10.00"),
            _SAUSSAY,
            by_children=[ChildrenAmount(2, Money.euros("4.00"))],
            refund_per_absent_day=Money.euros("5.00"),
        )
    assert "by_children[0].amount" in caught.value.reason


def test_children_thresholds_must_rise() -> None:
    with pytest.raises(InvalidValueError) as caught:
        MonthlyFlatFee(
            "f",
            "F",
            Money.euros("10.00"),
            _SAUSSAY,
            by_children=[
                ChildrenAmount(3, Money.euros("9.00")),
                ChildrenAmount(3, Money.euros("8.00")),
            ],
        )
    assert caught.value.field == "by_children[1].children"
    with pytest.raises(InvalidValueError):
        ChildrenAmount(1, Money.euros("9.00"))


def test_an_absent_day_must_be_booked() -> None:
    with pytest.raises(InvalidValueError) as caught:
        CARD.month_charge(date(2025, 11, 1), NOVEMBER[:2], absent_days=[NOVEMBER[3]])
    assert caught.value.field == "absent_days"


@settings(max_examples=100, deadline=None)
@given(monthly_flat_fees(), st.data())
def test_more_absences_never_cost_more(fee: MonthlyFlatFee, data: st.DataObject) -> None:
    booked = data.draw(st.lists(st.sampled_from(NOVEMBER), unique=True))
    fewer = data.draw(st.lists(st.sampled_from(booked), unique=True)) if booked else []
    extra = data.draw(st.lists(st.sampled_from(booked), unique=True)) if booked else []
    children = data.draw(st.integers(1, 6))
    light = fee.month_charge(date(2025, 11, 1), booked, absent_days=fewer, children=children)
    heavy = fee.month_charge(
        date(2025, 11, 1), booked, absent_days=set(fewer) | set(extra), children=children
    )
    assert Money.zero() <= heavy.amount <= light.amount <= fee.amount_for(children)
    assert light == fee.month_charge(
        date(2025, 11, 1), booked, absent_days=fewer, children=children
    )


# Fees by term: « 1er trimestre (septembre à décembre ) : 50 € » (Noyers-sur-Cher) ---------------

_TERM_SOURCE = Source.example("1er trimestre (septembre à décembre ) : 50 €")


def _term(*months: int) -> MonthlyFlatFee:
    return MonthlyFlatFee("t", "Trimestre", Money.euros("50.00"), _TERM_SOURCE, term_months=months)


def test_a_term_across_the_new_year_is_one_span() -> None:
    winter = _term(11, 12, 1, 2)
    assert winter.period_of(date(2026, 1, 15)) == (date(2025, 11, 1), date(2026, 2, 28))
    assert winter.period_of(date(2025, 11, 1)) == (date(2025, 11, 1), date(2026, 2, 28))
    assert winter.period_of(date(2026, 3, 1)) is None
    # Both ends of the term count its days; the day after does not.
    charge = winter.month_charge(date(2026, 2, 28), [date(2025, 11, 1), date(2026, 3, 2)])
    assert (charge.booked_days, charge.amount) == (1, Money.euros("50.00"))


def test_a_term_refunds_each_absent_day_of_the_whole_term() -> None:
    fee = attrs.evolve(_term(9, 10), refund_per_absent_day=Money.euros("3.00"))
    booked = [date(2025, 9, 1), date(2025, 10, 6), date(2025, 10, 7)]
    charge = fee.month_charge(date(2025, 9, 1), booked, absent_days=booked[1:])
    assert charge.amount == Money.euros("44.00")


def test_a_monthly_fee_is_a_term_of_one_month() -> None:
    monthly = _term()
    one_month = _term(2)
    booked = [date(2026, 2, 2), date(2026, 2, 27)]
    assert monthly.month_charge(date(2026, 2, 10), booked) == one_month.month_charge(
        date(2026, 2, 10), booked
    )


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ((9, 11), ("InvalidValueError", "term_months", [9, 11])),
        ((1, 12), ("InvalidValueError", "term_months", [1, 12])),
        ((8, 9), ("InvalidValueError", "term_months", [8, 9])),
        ((13,), ("InvalidValueError", "term_months[0]", 13)),
        (("9",), ("InvalidTypeError", "term_months[0]", "9")),
    ],
)
def test_a_term_is_following_months_of_one_school_year(
    months: tuple[object, ...], expected: tuple[str, str, object]
) -> None:
    assert refusal(lambda: _term(*months))[:3] == expected  # type: ignore[arg-type]
