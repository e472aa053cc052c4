"""Fontaine-Bellenger, « La cantine », tarifs rentrée scolaire 2025/2026.

https://www.fontainebellenger.fr/enfance-jeunesse/cantine-garderie/la-cantine/
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cantine_rules import EUROPE_PARIS, Money
from cantine_rules.model import BookingChange, ChangeAction
from cantine_rules.pricing.tariffs import PricingContext
from cantine_rules.rules.decisions import DecisionStatus
from cantine_rules.testing import check_policy
from tests.examples._commune import load, price

POLICY = load("fontaine-bellenger")
DAY = date(2025, 9, 4)  # a Thursday of « rentrée scolaire 2025/2026 »
START = datetime(2025, 9, 4, 12, 0, tzinfo=EUROPE_PARIS)  # « à partir de 12 H »


def test_families_of_the_commune_pay_4_euros() -> None:
    # « Repas normal | Commune | 4€ »
    found = price(POLICY, DAY)
    assert found is not None
    assert (found.unit_price, found.columns) == (Money.euros("4.00"), ())


def test_families_of_another_commune_pay_5_25_euros() -> None:
    # « Commune extérieure | 5,25€ »: a flat price, not a percentage of the commune's.
    found = price(POLICY, DAY, resident=False)
    assert found is not None
    assert (found.unit_price, found.columns) == (Money.euros("5.25"), ("Commune extérieure",))


def _add(at: datetime) -> DecisionStatus:
    change = BookingChange(ChangeAction.ADD, "c1", "repas", DAY, at)
    return POLICY.decide(change).status


def test_a_meal_is_asked_for_48_hours_ahead() -> None:
    # « il faut s'adresser à la mairie minimum 48 h à l'avance »
    deadline = START - timedelta(hours=48)
    assert _add(deadline - timedelta(seconds=1)) is DecisionStatus.ACCEPTED
    assert _add(deadline) is DecisionStatus.REFUSED


def test_the_explanation_gives_both_prices() -> None:
    (tariff,) = [rule.text for rule in POLICY.explain("fr") if rule.topic == "tariff.repas"]
    assert tariff.endswith(
        "résidents : 4,00\xa0€ à l'unité ; « Commune extérieure » (hors commune) : "
        "5,25\xa0€ à l'unité"
    )


def test_fontaine_bellenger_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=10)


@pytest.mark.parametrize("resident", [True, False])
@pytest.mark.parametrize("earlier", [0, 1, 5])
def test_a_meal_taken_without_booking_costs_5_50(resident: bool, earlier: int) -> None:
    # « Repas normal | Repas non commandé »: « Commune | 4€ | 5,50€ », « Commune extérieure |
    # 5,25€ | 5,50€ »: the same flat price in both columns, every time.
    charge = POLICY.unbooked_presence_charge(
        "repas", DAY, context=PricingContext(resident=resident), earlier_in_period=earlier
    )
    assert charge is not None
    assert charge.amount == Money.euros("5.50")
