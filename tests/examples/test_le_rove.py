"""Le Rove: registration by the month, « Tout mois commencé sera dû dans sa totalité »,
replayed at its boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import InvalidValueError, Money
from cantine_rules.pricing.accounts import PaymentMode
from cantine_rules.rules.regimes import ChangeEffect, FixedDays
from cantine_rules.testing import check_policy
from tests._helpers import paris
from tests.examples._load import example

POLICY = example("le-rove")


def _monthly() -> FixedDays:
    regimes = POLICY.regimes_of("repas")
    assert regimes is not None
    assert regimes.fixed_days is not None
    return regimes.fixed_days


MONTHLY = _monthly()
FOUR_DAYS = {0, 1, 3, 4}


def _month(first: date, last: date) -> tuple[date, ...]:
    return MONTHLY.booked_days(POLICY.booking, "repas", FOUR_DAYS, first, last).days


def _monthly_amount(days: tuple[date, ...]) -> Money:
    # « Le montant mensuel s'élève au nombre de repas prévisibles dans le mois multiplié par
    # 2,80 euros »
    return sum((POLICY.price("repas", day).unit_price for day in days), Money.zero())


# « Pour toute inscription en cours de mois, celle-ci sera effective pour le mois suivant »
def test_a_registration_takes_effect_the_following_month() -> None:
    terms = MONTHLY.changes
    assert terms.effect is ChangeEffect.NEXT_MONTH
    last_second = terms.takes_effect(POLICY.calendar, paris(2024, 11, 30, 23, 59, 59))
    first_second = terms.takes_effect(POLICY.calendar, paris(2024, 12, 1))
    assert last_second is not None
    assert first_second is not None
    assert last_second.from_day == date(2024, 12, 1)
    assert first_second.from_day == date(2025, 1, 1)


# « Dans le cas où l'enfant ne mange plus au restaurant scolaire, prévenir le régisseur … afin
# d'éviter toute facturation »: through the town hall.
def test_the_commune_changes_the_days() -> None:
    assert MONTHLY.changes.through_commune


# « Le montant du repas journalier est fixé à 2,80 euros » ; « LUNDI - MARDI - JEUDI - VENDREDI »
def test_a_month_with_a_holiday() -> None:
    # November 2024: the Toussaint break until Sunday 3 November, Armistice on Monday 11.
    november = _month(date(2024, 11, 1), date(2024, 11, 30))
    assert november[0] == date(2024, 11, 4)
    assert date(2024, 11, 11) not in november
    assert len(november) == 15
    assert _monthly_amount(november) == Money.euros("42.00")


def test_the_first_and_last_day_of_a_month() -> None:
    # October 2024: Tuesday 1st is the first meal; Friday 18th the last before the Toussaint break.
    october = _month(date(2024, 10, 1), date(2024, 10, 31))
    assert (october[0], october[-1]) == (date(2024, 10, 1), date(2024, 10, 18))
    # September 2024 ends on Monday 30th, a meal of September, not of October.
    september = _month(date(2024, 9, 1), date(2024, 9, 30))
    assert september[-1] == date(2024, 9, 30)
    assert date(2024, 9, 30) not in october


def test_the_christmas_month() -> None:
    # Zone B: the Christmas break starts on Saturday 21 December 2024.
    december = _month(date(2024, 12, 1), date(2024, 12, 31))
    assert december[-1] == date(2024, 12, 20)
    assert len(december) == 12
    assert _monthly_amount(december) == Money.euros("33.60")


def test_every_day_of_the_restaurant_is_booked() -> None:
    # The month is the restaurant's four days: the règlement offers no other choice.
    with pytest.raises(InvalidValueError):
        MONTHLY.check_choice(POLICY.booking, "repas", {0, 1})


def test_the_commune_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=10)


# « EN MAIRIE, aux heures d'ouverture pour les chèques et les espèces » ; « EN LIGNE sur le site
# de la Mairie »
def test_cash_is_taken_at_the_town_hall() -> None:
    assert POLICY.payment_modes == {PaymentMode.CARD, PaymentMode.CHEQUE, PaymentMode.CASH}
    [payment] = [rule for rule in POLICY.explain("fr") if rule.topic == "payment"]
    assert "espèces" in payment.text
    [payment] = [rule for rule in POLICY.explain("en") if rule.topic == "payment"]
    assert "cash" in payment.text
