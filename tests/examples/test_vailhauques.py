"""Vailhauques: a meal eaten without booking costs a flat 10 €, whatever the normal price.

http://www.ville-vailhauques.fr/cantine-inscriptions/
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Money
from cantine_rules.testing import check_policy
from tests.examples._files import commune

VAILHAUQUES = commune("vailhauques")
THURSDAY = date(2025, 3, 13)


@pytest.mark.parametrize("earlier", [0, 1, 5, 30])
def test_a_meal_without_booking_costs_ten_euros_each_time(earlier: int) -> None:
    # « Dans le cas où un enfant est présent à la cantine alors que son repas n'a pas été
    # réservé, ce repas vous sera facturé 10€. »: no higher charge on repetition.
    charge = VAILHAUQUES.unbooked_presence_charge("repas", THURSDAY, earlier_in_period=earlier)
    assert charge is not None
    assert charge.amount == Money.euros(10)
    assert charge.occurrence == earlier + 1


def test_the_flat_charge_is_not_the_meal_price_plus_anything() -> None:
    # « paiement du repas à 2,99€ » is the meal's price; the unbooked meal is 10 €, not 2,99 €.
    assert VAILHAUQUES.price("repas", THURSDAY).unit_price == Money.euros("2.99")
    charge = VAILHAUQUES.unbooked_presence_charge("repas", THURSDAY)
    assert charge is not None
    assert charge.explain("fr") == (
        "Présence sans réservation (n° 1 de la période) : tarif majoré de 10,00\xa0€, "
        "soit 10,00\xa0€."
    )


def test_explain_quotes_the_rule_and_marks_the_deadline_as_a_default() -> None:
    rules = {rule.topic: rule for rule in VAILHAUQUES.explain("fr")}
    unbooked = rules["unbooked_presence.repas"]
    assert unbooked.text == "« Cantine » pris sans réservation : tarif majoré de 10,00\xa0€."
    assert not unbooked.is_default
    assert rules["rules.repas"].is_default


def test_the_laws_hold() -> None:
    check_policy(VAILHAUQUES, max_examples=10)
