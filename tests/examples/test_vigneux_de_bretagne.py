"""Vigneux-de-Bretagne: « Choix 1 : un à cinq jours fixes par semaine, Choix 2 :
exceptionnellement ou selon un planning », replayed at its boundaries."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import BookingChange, ChangeAction, Channel, InvalidValueError
from cantine_rules.rules.decisions import DecisionStatus
from cantine_rules.rules.regimes import ChangeEffect, FixedDays
from cantine_rules.testing import check_policy
from tests._helpers import paris
from tests.examples._load import example

POLICY = example("vigneux-de-bretagne")


def _fixed_days() -> FixedDays:
    regimes = POLICY.regimes_of("repas")
    assert regimes is not None
    assert regimes.fixed_days is not None
    return regimes.fixed_days


FIXED = _fixed_days()


def _decide(action: ChangeAction, day: date, at: datetime) -> DecisionStatus:
    return POLICY.decide(BookingChange(action, "c1", "repas", day, at, Channel.ONLINE)).status


# « les jours de présence sont à réserver sur le portail Familles, au plus tard le jeudi
# précédant la semaine du repas réservé »: for Monday 13 January 2025, Thursday 9 January.
def test_an_occasional_day_is_booked_until_the_end_of_the_thursday_before() -> None:
    monday = date(2025, 1, 13)
    assert (
        _decide(ChangeAction.ADD, monday, paris(2025, 1, 9, 23, 59, 59)) is DecisionStatus.ACCEPTED
    )
    assert _decide(ChangeAction.ADD, monday, paris(2025, 1, 10)) is DecisionStatus.REFUSED


# « … idem pour l'annulation d'un repas » ; « Un repas non annulé dans les délais sera facturé »:
# a cancellation past the Thursday is not taken, so the booked meal is billed.
def test_a_meal_is_cancelled_until_the_end_of_the_thursday_before() -> None:
    friday = date(2025, 1, 17)
    on_time = _decide(ChangeAction.CANCEL, friday, paris(2025, 1, 9, 23, 59, 59))
    late = _decide(ChangeAction.CANCEL, friday, paris(2025, 1, 10))
    assert on_time is DecisionStatus.ACCEPTED
    assert late is DecisionStatus.REFUSED


# « Choix 1 : un à cinq jours fixes par semaine »
def test_one_to_five_fixed_days() -> None:
    assert FIXED.check_choice(POLICY.booking, "repas", {2}) == {2}
    assert len(FIXED.check_choice(POLICY.booking, "repas", range(5))) == 5
    with pytest.raises(InvalidValueError):
        FIXED.check_choice(POLICY.booking, "repas", set())
    with pytest.raises(InvalidValueError):
        FIXED.check_choice(POLICY.booking, "repas", {0, 5})  # no Saturday


def test_fixed_wednesdays_across_the_christmas_break() -> None:
    booked = FIXED.booked_days(POLICY.booking, "repas", {2}, date(2024, 12, 1), date(2025, 1, 31))
    # Zone B: the break runs from 21 December 2024 to 5 January 2025; 1 January is a Wednesday.
    assert date(2024, 12, 18) in booked.days
    assert date(2024, 12, 25) not in booked.days
    assert date(2025, 1, 1) not in booked.days
    assert booked.days[booked.days.index(date(2024, 12, 18)) + 1] == date(2025, 1, 8)


# « L'inscription annuelle doit se faire à chaque rentrée scolaire en mairie »
def test_the_fixed_days_are_chosen_for_the_school_year() -> None:
    terms = FIXED.changes
    assert terms.effect is ChangeEffect.NEXT_SCHOOL_YEAR
    before = terms.takes_effect(POLICY.calendar, paris(2025, 8, 31, 23, 59, 59))
    at = terms.takes_effect(POLICY.calendar, paris(2025, 9, 1))
    assert before is not None
    assert at is not None
    assert (before.from_day, at.from_day) == (date(2025, 9, 1), date(2026, 9, 1))


def test_the_commune_obeys_the_laws() -> None:
    # The page gives no price, so no invoice can be built: that law is left out.
    check_policy(POLICY, max_examples=10, skip={"an invoice does not depend on booking order"})
