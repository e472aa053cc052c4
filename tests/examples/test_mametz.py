"""Mametz, replayed at the boundaries of its own sentences.

https://mametz62.fr/fr/rb/1639718/la-cantine-menu
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from cantine_rules import BookingChange, ChangeAction, Money
from cantine_rules.plain import load_toml, to_data
from cantine_rules.policies import DecisionStatus
from cantine_rules.pricing.accounts import PaymentMode, PaymentScheme, TopUpRefusal
from cantine_rules.pricing.tariffs import PricingContext
from cantine_rules.rules.absences import AbsenceReason
from tests._helpers import paris
from tests.examples._school_week import assert_deadline

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


# The week of Monday 17 November 2025: meals on Monday, Tuesday, Thursday and Friday.
MONDAY, TUESDAY, THURSDAY, FRIDAY = (date(2025, 11, d) for d in (17, 18, 20, 21))


@pytest.mark.parametrize(
    ("meal", "deadline"),
    [
        (MONDAY, paris(2025, 11, 14, 9)),
        (TUESDAY, paris(2025, 11, 14, 9)),
        (THURSDAY, paris(2025, 11, 18, 9)),
        (FRIDAY, paris(2025, 11, 18, 9)),
    ],
)
def test_a_meal_is_booked_by_the_friday_or_the_tuesday_before_9(
    meal: date, deadline: datetime
) -> None:
    # « pour la cantine le vendredi avant 9h dernier délai pour le lundi et mardi, et le mardi
    # avant 9 h pour le jeudi et vendredi »
    assert_deadline(MAMETZ, ChangeAction.ADD, meal, deadline)


@pytest.mark.parametrize("meal", [MONDAY, TUESDAY, THURSDAY, FRIDAY])
def test_a_meal_is_unticked_until_its_week_begins(meal: date) -> None:
    # « vous pouvez décocher à tout moment sauf la semaine en cours »: until Monday 00:00.
    assert_deadline(MAMETZ, ChangeAction.CANCEL, meal, paris(2025, 11, 17))


def _absent(notice: datetime) -> dict[date, tuple[AbsenceReason, Money]]:
    week = [MONDAY, TUESDAY, THURSDAY, FRIDAY]
    judged = MAMETZ.judge_absence("repas", week, notice_at=notice)
    return {day.day: (day.reason, day.charge) for day in judged}


def test_a_notice_on_monday_before_9_frees_tuesday_thursday_and_friday() -> None:
    # « si vous prévenez la mairie le lundi avant 9 h , elle pourra décommander les repas des
    # mardi, jeudi et vendredi - aucun repas du lundi ne pourra être remboursé »; without a QF
    # the meal is 3,10 €.
    meal = Money.euros("3.10")
    in_time = _absent(paris(2025, 11, 17, 8, 59, 59))
    assert in_time[MONDAY][1] == meal
    for day in (TUESDAY, THURSDAY, FRIDAY):
        assert in_time[day] == (AbsenceReason.NOTICE_IN_TIME, Money.zero())
    late = _absent(paris(2025, 11, 17, 9))
    assert {day: charge for day, (_, charge) in late.items()} == dict.fromkeys(late, meal)


def test_the_monday_meal_is_never_refunded_in_its_own_week() -> None:
    # « aucun repas du lundi ne pourra être remboursé car la commande globale des repas se fera
    # le vendredi pour le lundi »: told at the first second of the week, it is charged; told the
    # last second before, when it could still be unticked, it is not.
    at_start = _absent(paris(2025, 11, 17))
    assert at_start[MONDAY][0] is not AbsenceReason.NOTICE_IN_TIME
    assert at_start[TUESDAY][0] is AbsenceReason.NOTICE_IN_TIME
    before = _absent(paris(2025, 11, 17) - ONE_SECOND)
    assert before[MONDAY] == (AbsenceReason.NOTICE_IN_TIME, Money.zero())


@pytest.mark.parametrize(
    ("quotient", "price"),
    [
        ("0", "0.50"),
        ("699.99", "0.50"),  # « inférieur à 700€ prix du repas 0,50€ »
        ("700", "1.00"),  # « entre 700 et inférieur ou égal à 1000€ prix du repas 1 euro »
        ("1000", "1.00"),
        ("1000.01", "3.10"),  # « Supérieur à 1000 prix du repas 3.10€ »
        (None, "3.10"),  # « le prix d'un repas est fixé à 3,10 euros pour un enfant »
    ],
)
def test_the_price_follows_the_quotient_as_the_page_writes_it(
    quotient: str | None, price: str
) -> None:
    context = PricingContext(None if quotient is None else Decimal(quotient))
    found = MAMETZ.price("repas", date(2025, 11, 17), context=context)
    assert found.unit_price == Money.euros(price)


def test_a_child_without_booking_is_not_taken_in() -> None:
    # « Les enfants ne pourront être accueillis sans aucune réservation en bonne et due forme »:
    # the commune sets no price for a presence without booking.
    assert MAMETZ.unbooked_presence_charge("repas", date(2025, 11, 17)) is None


def test_the_file_is_its_own_dump() -> None:
    with FILE.open("rb") as file:
        assert to_data(MAMETZ) == tomllib.load(file)
