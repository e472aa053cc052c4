"""« Les Lutins Gourmands » (seed 001), replayed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar

import pytest

from cantine_rules import Child, Money, Service
from cantine_rules.policies import PaymentScheme, get, lutins_gourmands
from cantine_rules.pricing.accounts import Basket, Payment, PaymentMode
from tests.policies._commune_base import CommuneTests, FigureUse

LUTINS = get("lutins-gourmands")
LOUISE = Child("louise", "Louise", date(2011, 5, 4))
SEED_DAYS = [date(2016, 9, 1), date(2016, 9, 2), date(2016, 9, 5), date(2016, 9, 6)]


class TestLutinsGourmands(CommuneTests):
    slug = "lutins-gourmands"
    module = lutins_gourmands
    figures: ClassVar[Mapping[str, FigureUse]] = {
        "MEAL": lambda policy: policy.tariff("cantine").at(SEED_DAYS[0]).tariff
    }


def test_four_meals_at_3_60_make_14_40() -> None:
    # « 01/09/2016 Louise - Cantine pour les Maternelles et les Élémentaires - Cantine à l'unité
    # 3.60€ » (four lines) … « A payer : 14.40€ ».
    meal: Service = LUTINS.service("cantine")
    basket = Basket()
    for day in SEED_DAYS:
        basket = basket.add(LOUISE, meal, day, LUTINS.pricer())
    assert [line.cost for line in basket.lines] == [Money.euros("3.60")] * 4
    assert basket.to_pay == Money.euros("14.40")


def test_bookings_count_only_once_paid() -> None:
    # « Cliquez sur « Payer » (si vous ne faites pas cette manipulation vos réservations ne seront
    # pas prises en compte). »
    assert LUTINS.payment_scheme is PaymentScheme.IMMEDIATE
    basket = Basket()
    for day in SEED_DAYS:
        basket = basket.add(LOUISE, LUTINS.service("cantine"), day, LUTINS.pricer())
    receipt = basket.pay(Payment.euros(PaymentMode.PAYFIP, Money.euros("14.40")))
    assert [booking.day for booking in receipt.bookings] == SEED_DAYS


def test_restant_du_is_added_to_the_next_payment() -> None:
    # « Vous avez un restant dû de 0.00€ à régulariser lors de votre prochaine réservation »
    basket = Basket(outstanding=Money.euros("3.80")).add(
        LOUISE, LUTINS.service("cantine"), SEED_DAYS[0], LUTINS.pricer()
    )
    assert basket.to_pay == Money.euros("7.40")


def test_payfip_and_paper_tickets() -> None:
    # « La solution de paiement de la Direction Générale des Finances Publiques »; « les personnes
    # qui auraient encore en leur possession des tickets cantine … payer avec ce mode paiement là
    # jusqu'à écoulement de ceux-ci ».
    assert LUTINS.payment_modes == {PaymentMode.PAYFIP, PaymentMode.TICKETS}


def test_deadline_and_zone_are_marked_defaults() -> None:
    explained = {rule.topic: rule for rule in LUTINS.explain()}
    assert explained["calendar"].is_default
    assert explained["rules.cantine"].is_default
    assert not explained["tariff.cantine"].is_default
    assert "3,60" in explained["tariff.cantine"].text


@pytest.mark.parametrize("code", ["garderie-matin", "garderie-soir"])
def test_garderie_prices_are_defaults(code: str) -> None:
    explained = {rule.topic: rule for rule in LUTINS.explain()}
    assert explained[f"tariff.{code}"].is_default
