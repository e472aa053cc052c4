"""Saint-Caprais-de-Bordeaux: a meal taken without booking costs the normal price plus 2 €.

https://saintcapraisdebordeaux.fr/page/la-restauration-scolaire
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import CantineRulesError, Money
from cantine_rules.pricing.tariffs import PricingContext
from cantine_rules.testing import check_policy
from tests.examples._files import commune

SAINT_CAPRAIS = commune("saint-caprais-de-bordeaux")


@pytest.mark.parametrize("earlier", [0, 1, 9])
def test_a_meal_without_booking_is_the_resident_price_plus_two_euros(earlier: int) -> None:
    # « 2,85€ par enfant résident dans la commune »; « Majoration de 2€ par repas pris sans
    # inscription réalisée conformément au règlement intérieur »: every time.
    charge = SAINT_CAPRAIS.unbooked_presence_charge(
        "repas", date(2024, 10, 3), earlier_in_period=earlier
    )
    assert charge is not None
    assert charge.amount == Money.euros("4.85")


def test_a_pai_meal_without_booking_is_the_pai_price_plus_two_euros() -> None:
    # « 1,45 pour l'encadrement et le couvert des repas non fournis (PAI) »: the supplement is
    # added to the child's own price.
    charge = SAINT_CAPRAIS.unbooked_presence_charge(
        "repas", date(2024, 10, 3), context=PricingContext(medical_meal=True)
    )
    assert charge is not None
    assert charge.amount == Money.euros("3.45")


@pytest.mark.parametrize(
    ("day", "price"),
    [(date(2025, 8, 31), "4.85"), (date(2024, 9, 1), "4.85")],
)
def test_the_2024_2025_tariff_holds_through_its_school_year(day: date, price: str) -> None:
    # « Tarifs année scolaire 2024-2025 »: the first and the last day of the version.
    charge = SAINT_CAPRAIS.unbooked_presence_charge("repas", day)
    assert charge is not None
    assert charge.amount == Money.euros(price)


def test_the_laws_hold() -> None:
    check_policy(SAINT_CAPRAIS, max_examples=10)


def test_after_the_2024_2025_school_year_no_price_is_invented() -> None:
    # The page gives the 2024-2025 prices only: the day after, the base price is unknown.
    with pytest.raises(CantineRulesError):
        SAINT_CAPRAIS.unbooked_presence_charge("repas", date(2025, 9, 1))


@pytest.mark.parametrize(
    ("resident", "price"),
    [(True, "2.85"), (False, "4.00")],
)
@pytest.mark.parametrize("day", [date(2024, 9, 1), date(2025, 8, 31)])
def test_a_child_living_outside_the_commune_pays_four_euros(
    resident: bool, price: str, day: date
) -> None:
    # « 2,85€ par enfant résident dans la commune »; « 4€ par enfant domicilié hors commune »:
    # a price of its own, on the first and the last day of the school year.
    found = SAINT_CAPRAIS.price("repas", day, context=PricingContext(resident=resident))
    assert found.unit_price == Money.euros(price)


def test_a_meal_without_booking_outside_the_commune_is_four_euros_plus_two() -> None:
    # « 4€ par enfant domicilié hors commune »; « Majoration de 2€ par repas pris sans
    # inscription »: the supplement is added to the child's own price.
    charge = SAINT_CAPRAIS.unbooked_presence_charge(
        "repas", date(2024, 10, 3), context=PricingContext(resident=False)
    )
    assert charge is not None
    assert charge.amount == Money.euros("6.00")


def test_a_pai_meal_is_the_pai_price_wherever_the_family_lives() -> None:
    # « 1,45 pour l'encadrement et le couvert des repas non fournis (PAI) »: the page gives one
    # PAI price, for every child.
    context = PricingContext(resident=False, medical_meal=True)
    assert SAINT_CAPRAIS.price("repas", date(2024, 10, 3), context=context).unit_price == (
        Money.euros("1.45")
    )
