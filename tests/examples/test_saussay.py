"""Saussay, « Prix des repas au restaurant scolaire », tarifs 2025/2026: the occasional meal by
the number of children, the monthly card with its refund per meal, and the monthly PAI fees,
replayed at their boundaries.

https://www.saussay.fr/cantine-saussay_fr.html
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Money
from cantine_rules.pricing.tariffs import FeeReason, MonthlyFlatFee
from cantine_rules.rules.regimes import service_weekdays
from cantine_rules.testing import check_policy
from tests.examples._commune import gap_paths, price
from tests.examples._load import example

POLICY = example("saussay")
REGIMES = POLICY.regimes_of("repas")
assert REGIMES is not None
FEES = {fee.code: fee for fee in REGIMES.monthly_fees}
CARD = FEES["carte_mensuelle"]
MONTH = date(2025, 11, 1)
# November 2025, zone B, four-day week: Armistice on Tuesday 11.
NOVEMBER = POLICY.calendar.service_days(
    POLICY.booking.days_of("repas"), date(2025, 11, 1), date(2025, 11, 30)
)
# Every meal of November absent still leaves 59,00 € - 15 × 3,85 € = 1,25 € due.


def _days(first: date, last: date) -> tuple[date, ...]:
    return POLICY.calendar.service_days(POLICY.booking.days_of("repas"), first, last)


# March 2025, zone B, between the winter break (to 23 February) and the spring one (from 5 April).
MARCH = _days(date(2025, 3, 1), date(2025, 3, 31))


def test_the_meals_of_the_months() -> None:
    assert len(NOVEMBER) == 15
    assert len(MARCH) == 17
    assert date(2025, 11, 11) not in NOVEMBER
    assert service_weekdays(POLICY.booking, "repas") == {0, 1, 3, 4}


# « CARTE MENSUELLE Famille avec 1 enfant : 59.00€ Famille avec 2 enfants : 57.00€ Famille avec
# 3 enfants : 55.00€ »
@pytest.mark.parametrize(("children", "amount"), [(1, "59.00"), (2, "57.00"), (3, "55.00")])
def test_the_card_by_family_size(children: int, amount: str) -> None:
    charge = CARD.month_charge(MONTH, NOVEMBER, children=children)
    assert (charge.amount, charge.reason) == (Money.euros(amount), FeeReason.FULL_FEE)


# « REMBOURSEMENT DE REPAS : 3.85€ »
@pytest.mark.parametrize(
    ("absent", "amount", "reason"),
    [
        (0, "59.00", FeeReason.FULL_FEE),
        (1, "55.15", FeeReason.FEE_LESS_REFUNDS),
        (15, "1.25", FeeReason.FEE_LESS_REFUNDS),
    ],
)
def test_the_refund_per_absent_meal(absent: int, amount: str, reason: FeeReason) -> None:
    charge = CARD.month_charge(MONTH, NOVEMBER, absent_days=NOVEMBER[:absent])
    assert (charge.amount, charge.reason) == (Money.euros(amount), reason)


def test_refunds_stop_at_the_card() -> None:
    # 15 × 3,85 € = 57,75 € leaves 1,25 €; 16 × 3,85 € = 61,60 € passes 59,00 €: nothing is due,
    # nothing is paid back.
    fifteen = CARD.month_charge(date(2025, 3, 1), MARCH, absent_days=MARCH[:15])
    sixteen = CARD.month_charge(date(2025, 3, 1), MARCH, absent_days=MARCH[:16])
    assert fifteen.amount == Money.euros("1.25")
    assert (sixteen.amount, sixteen.reason) == (Money.zero(), FeeReason.REFUNDS_COVER_FEE)


# « REPAS SPECIFIQUE ENFANT ALLERGIQUE : (mensuel) … non remboursable » 12.00€ and « ACCUEIL DES
# ENFANTS SANS FOURNITURE DE REPAS … non remboursable » 25.00€
@pytest.mark.parametrize(
    ("code", "amount"), [("panier_pai", "12.00"), ("accueil_sans_repas", "25.00")]
)
def test_the_pai_fees_are_not_refundable(code: str, amount: str) -> None:
    fee: MonthlyFlatFee = FEES[code]
    charge = fee.month_charge(MONTH, NOVEMBER, absent_days=NOVEMBER)
    assert (charge.amount, charge.reason) == (Money.euros(amount), FeeReason.FULL_FEE)


def test_a_month_without_a_booked_day_costs_nothing() -> None:
    # August: no school.
    august = _days(date(2025, 8, 1), date(2025, 8, 31))
    assert august == ()
    charge = FEES["panier_pai"].month_charge(date(2025, 8, 1), august)
    assert (charge.amount, charge.reason) == (Money.zero(), FeeReason.NO_BOOKED_DAY)


def test_the_fees_are_explained_with_their_sources() -> None:
    rules = {rule.topic: rule for rule in POLICY.explain("fr")}
    card = rules["fee.repas.carte_mensuelle"]
    assert "59,00" in card.text
    assert "3,85" in card.text
    assert not card.is_default
    assert "non remboursable" in rules["fee.repas.panier_pai"].text


def test_the_commune_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=10)


DAY = date(2025, 9, 4)  # « Tarifs 2025/2026 »


# « REPAS OCCASIONNEL Pour 1 enfant : Pour 2 enfants : Pour 3 enfants : 4.50€ 4.40€ 4.25€ »
@pytest.mark.parametrize(
    ("children", "expected", "column"),
    [
        (1, "4.50", "Pour 1 enfant"),
        (2, "4.40", "Pour 2 enfants"),
        (3, "4.25", "Pour 3 enfants"),
        (4, "4.25", "Pour 3 enfants"),
    ],
)
def test_each_children_count_column(children: int, expected: str, column: str) -> None:
    found = price(POLICY, DAY, children_in_family=children)
    assert found is not None
    assert (found.unit_price, found.columns) == (Money.euros(expected), (column,))


def test_every_child_of_a_family_of_two_pays_the_two_children_price() -> None:
    # « Pour 2 enfants : 4.40€ », whatever the child's rank.
    for rank in (1, 2):
        found = price(POLICY, DAY, sibling_rank=rank, children_in_family=2)
        assert found is not None
        assert found.unit_price == Money.euros("4.40")


def test_the_table_has_no_grid_to_check() -> None:
    assert gap_paths(POLICY) == []
