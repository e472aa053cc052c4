"""Mametz, replayed at the boundaries of its own sentences.

https://mametz62.fr/fr/rb/1639718/la-cantine-menu
"""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from cantine_rules import BookingChange, ChangeAction, Money
from cantine_rules.plain import load_toml, to_data
from cantine_rules.policies import DecisionStatus
from cantine_rules.pricing.accounts import PaymentMode, PaymentScheme, TopUpRefusal
from tests._helpers import paris

FILE = Path(__file__).resolve().parents[2] / "examples" / "communes" / "mametz.toml"
MAMETZ = load_toml(FILE)
ONE_SECOND = timedelta(seconds=1)
ONE_CENT = Money.euros("0.01")


@pytest.mark.parametrize("action", list(ChangeAction))
@pytest.mark.parametrize(
    ("day", "eve"),
    [
        # Monday 17 November 2025: « la veille » is Sunday 16, 11:00.
        (date(2025, 11, 17), date(2025, 11, 16)),
        # Thursday 20 November 2025: Wednesday 19, 11:00.
        (date(2025, 11, 20), date(2025, 11, 19)),
    ],
)
def test_the_garderie_is_booked_the_day_before_before_11(
    action: ChangeAction, day: date, eve: date
) -> None:
    # « pour la garderie la veille avant 11 heures pour le lendemain »
    deadline = paris(eve.year, eve.month, eve.day, 11)
    before = BookingChange(action, "c1", "garderie", day, deadline - ONE_SECOND)
    at = BookingChange(action, "c1", "garderie", day, deadline)
    assert MAMETZ.decide(before).status is DecisionStatus.ACCEPTED
    assert MAMETZ.decide(at).status is DecisionStatus.REFUSED


@pytest.mark.parametrize("children", [1, 2, 3])
def test_a_top_up_is_at_least_20_euros_per_child(children: int) -> None:
    # « avec un minimum de crédit 20 euros par enfant »
    minimum = Money.euros("20") * children
    below = MAMETZ.check_top_up(minimum - ONE_CENT, children)
    assert not below.accepted
    assert below.refusal is TopUpRefusal.BELOW_MINIMUM
    assert below.minimum == minimum
    assert MAMETZ.check_top_up(minimum, children).accepted


def test_the_wallet_is_credited_by_card_only() -> None:
    # « Le paiement se fera uniquement par carte bleue, via le portail du service public »
    assert MAMETZ.payment_scheme is PaymentScheme.PREPAID
    assert MAMETZ.payment_modes == {PaymentMode.CARD}
    assert not MAMETZ.payment_defaults


def test_an_unticked_day_is_credited_back() -> None:
    # « vous pouvez décocher à tout moment sauf la semaine en cours , vous allez être
    # recréditer directement »
    treated = MAMETZ.treat_credit(Money.euros("3.10"))
    assert treated.carried == Money.euros("3.10")
    assert treated.refunded == Money.zero()


def test_the_file_is_its_own_dump() -> None:
    with FILE.open("rb") as file:
        assert to_data(MAMETZ) == tomllib.load(file)
