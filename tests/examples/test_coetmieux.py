"""Coëtmieux: from 18:50, a late pick-up may be charged 10 €; the garderie closes at 18:45.

https://coetmieux.fr/fr/rb/374948/espace-periscolaire
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Money
from cantine_rules.rules.attendance_fees import CountedPer
from cantine_rules.testing import check_policy
from tests._helpers import paris
from tests.examples._files import commune

COETMIEUX = commune("coetmieux")
DAY = date(2024, 11, 14)


@pytest.mark.parametrize(
    ("hour", "minute", "second", "fee", "band"),
    [
        # « de 16h45 à 18h45 »: a pick-up before the closing time is on time.
        (18, 44, 59, None, None),
        # The closing time opens the free band (« à partir de » puts a boundary in the band it
        # starts), and so does every second until 18:50.
        (18, 45, 0, "0.00", 0),
        (18, 49, 59, "0.00", 0),
        # « A partir de 18h50, une tarification supplémentaire de 10€ pourra être facturée »
        (18, 50, 0, "10.00", 1),
        (18, 50, 1, "10.00", 1),
        (21, 0, 0, "10.00", 1),
    ],
)
def test_the_fee_at_each_side_of_each_boundary(
    hour: int, minute: int, second: int, fee: str | None, band: int | None
) -> None:
    result = COETMIEUX.late_pickup_fee(
        "garderie-soir", DAY, paris(2024, 11, 14, hour, minute, second)
    )
    if fee is None:
        assert result is None
    else:
        assert result is not None
        assert (result.amount, result.band) == (Money.euros(fee), band)


def test_the_fee_is_charged_to_the_parents_once() -> None:
    # « pourra être facturée aux parents »: per family, not per child.
    ((_, rule),) = COETMIEUX.late_pickup
    assert rule.per is CountedPer.FAMILY


def test_no_higher_fee_on_repetition() -> None:
    at = paris(2024, 11, 14, 19)
    first = COETMIEUX.late_pickup_fee("garderie-soir", DAY, at)
    tenth = COETMIEUX.late_pickup_fee("garderie-soir", DAY, at, earlier_in_period=9)
    assert first is not None
    assert tenth is not None
    assert first.amount == tenth.amount == Money.euros(10)


def test_the_morning_garderie_has_no_late_fee() -> None:
    assert COETMIEUX.late_pickup_fee("garderie-matin", DAY, paris(2024, 11, 14, 9)) is None


def test_explain_says_the_bands_and_their_source() -> None:
    rules = {rule.topic: rule for rule in COETMIEUX.explain("fr")}
    pickup = rules["late_pickup.garderie-soir"]
    assert pickup.text == (
        "« Garderie du soir » : retard à la sortie après 18:45 : de 18:45 à 18:50 : 0,00\xa0€ ; "
        "à partir de 18:50 : 10,00\xa0€ ; par famille ; une heure limite compte dans la tranche "
        "qu'elle ouvre."
    )
    assert not pickup.is_default


def test_the_laws_hold() -> None:
    # The page gives no price for the garderie: nothing to invoice.
    check_policy(COETMIEUX, max_examples=10, skip=["an invoice does not depend on booking order"])
