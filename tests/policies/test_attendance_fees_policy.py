"""A commune's presences without booking and late pick-ups: checks, prices and explanations."""

from __future__ import annotations

from datetime import date, time

import attrs
import pytest

from cantine_rules import Money, policies
from cantine_rules.errors import InvalidValueError, UnknownServiceError
from cantine_rules.policies import Citation
from cantine_rules.policies._messages import MESSAGES
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CostPrice,
    CountedPer,
    LatePickup,
    PickupBand,
    RepeatedCharge,
    RepeatedFee,
    RepetitionPeriod,
    UnbookedPresence,
    UnbookedPresenceRules,
)
from cantine_rules.rules.late import BasePlus, FlatPrice
from cantine_rules.sources import Source
from tests._helpers import paris

# Saint-Just-d'Avray: repas 3,15 € (seed 003 prices), garderie-soir until 18:30.
BASE = policies.get("saint-just-d-avray")
MEAL_DAY = date(2024, 9, 19)

PRESENCE = UnbookedPresenceRules(
    UnbookedPresence(
        BasePlus(Money.euros(2)),
        (RepeatedCharge(3, CostPrice(Money.euros("5.49"))),),
        RepetitionPeriod.MONTH,
        CountedPer.FAMILY,
    ),
    {"garderie-matin": UnbookedPresence(FlatPrice(Money.euros(10)))},
)
PICKUP = LatePickup(
    (
        PickupBand(time(18, 30), time(18, 45), Money.euros(10)),
        PickupBand(time(18, 45), None, Money.euros(50), (RepeatedFee(2, Money.euros(60)),)),
    ),
    BoundarySide.EARLIER,
    CountedPer.CHILD,
    RepetitionPeriod.SCHOOL_YEAR,
)
POLICY = attrs.evolve(
    BASE,
    unbooked_presence=PRESENCE,
    late_pickup={"garderie-soir": PICKUP},
    citations=(
        *BASE.citations,
        Citation("late_pickup.garderie-soir", Source.public("de 18h30 à 18h45 : 10 €")),
    ),
)


def test_the_charge_uses_the_tariff_only_when_it_needs_the_price() -> None:
    base = POLICY.price("repas", MEAL_DAY).unit_price
    first = POLICY.unbooked_presence_charge("repas", MEAL_DAY)
    third = POLICY.unbooked_presence_charge("repas", MEAL_DAY, earlier_in_period=2)
    assert first is not None
    assert third is not None
    assert first.amount == base + Money.euros(2)
    assert third.amount == Money.euros("5.49")
    # The morning garderie has its own flat price, and no tariff is asked for it.
    morning = POLICY.unbooked_presence_charge("garderie-matin", MEAL_DAY)
    assert morning is not None
    assert morning.amount == Money.euros(10)


def test_a_commune_without_the_rules_prices_nothing() -> None:
    assert BASE.unbooked_presence_charge("repas", MEAL_DAY) is None
    assert BASE.late_pickup_fee("garderie-soir", MEAL_DAY, paris(2024, 9, 19, 19)) is None
    assert POLICY.late_pickup_fee("repas", MEAL_DAY, paris(2024, 9, 19, 19)) is None


@pytest.mark.parametrize(
    ("minute", "second", "earlier", "fee"),
    [
        (30, 0, 0, None),
        (30, 1, 0, "10.00"),
        (45, 0, 0, "10.00"),
        (45, 1, 0, "50.00"),
        (45, 1, 1, "60.00"),
    ],
)
def test_the_policy_prices_a_late_pick_up(
    minute: int, second: int, earlier: int, fee: str | None
) -> None:
    result = POLICY.late_pickup_fee(
        "garderie-soir", MEAL_DAY, paris(2024, 9, 19, 18, minute, second), earlier_in_period=earlier
    )
    assert (None if result is None else result.amount) == (
        None if fee is None else Money.euros(fee)
    )


def test_unknown_services_are_refused_naming_the_key() -> None:
    with pytest.raises(UnknownServiceError) as caught:
        attrs.evolve(
            BASE,
            unbooked_presence=UnbookedPresenceRules(
                by_service={"cantine": UnbookedPresence(FlatPrice(Money.euros(1)))}
            ),
        )
    assert caught.value.field == "unbooked_presence.by_service.cantine"
    with pytest.raises(UnknownServiceError) as caught:
        attrs.evolve(BASE, late_pickup={"soir": PICKUP})
    assert caught.value.field == "late_pickup.soir"


def test_bands_must_start_at_the_service_s_end() -> None:
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(BASE, late_pickup={"garderie-matin": PICKUP})
    assert caught.value.field == "late_pickup.garderie-matin.bands[0].starts"


def test_explained_in_french_and_english_with_sources_or_as_defaults() -> None:
    french = {rule.topic: rule for rule in POLICY.explain("fr")}
    english = {rule.topic: rule for rule in POLICY.explain("en")}
    assert french.keys() == english.keys()
    assert french["unbooked_presence.repas"].text == (
        "« Repas » pris sans réservation : tarif normal + 2,00\xa0€ ; dès la 3e fois dans le mois "
        ": prix coûtant de 5,49\xa0€ (fois comptées par famille)."
    )
    assert english["unbooked_presence.garderie-matin"].text == (
        "« Garderie matin » taken without booking: surcharged price €10.00."
    )
    assert english["late_pickup.garderie-soir"].text == (
        "« Garderie soir »: late pick-up after 18:30: from 18:30 to 18:45: €10.00; after 18:45: "
        "€50.00, €60.00 from occurrence 2 in the school year; per child; a boundary time belongs "
        "to the band it ends."
    )
    # No citation for the presences: the library's rule, marked as a default.
    assert french["unbooked_presence.repas"].is_default
    assert not french["late_pickup.garderie-soir"].is_default


def test_both_languages_have_the_new_words() -> None:
    for table in MESSAGES.values():
        for key in ("unbooked", "late_pickup", "late_pickup.boundary.later"):
            assert key in table
