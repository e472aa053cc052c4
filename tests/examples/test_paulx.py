"""Paulx: « Inscription régulière = minimum 2 repas par semaine tout au long de l'année », with
a regular and an occasional price."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import ChangeAction, Channel, InvalidValueError, Money
from cantine_rules.rules.regimes import ChangeEffect, FixedDays, Occasional
from cantine_rules.testing import check_policy
from tests._helpers import paris
from tests.examples._load import example
from tests.examples._school_week import assert_deadline, decide

POLICY = example("paulx")


def _regimes() -> tuple[FixedDays, Occasional]:
    regimes = POLICY.regimes_of("repas")
    assert regimes is not None
    assert regimes.fixed_days is not None
    assert regimes.occasional is not None
    return regimes.fixed_days, regimes.occasional


REGULAR, OCCASIONAL = _regimes()


# « 4.29 € le repas pour une inscription régulière (à l'année) » ; « 4.50 € le repas pour une
# inscription occasionnelle. »
def test_the_regular_and_the_occasional_price() -> None:
    assert REGULAR.unit_price == Money.euros("4.29")
    assert OCCASIONAL.unit_price == Money.euros("4.50")


# « Inscription régulière = minimum 2 repas par semaine tout au long de l'année »
def test_a_regular_child_comes_at_least_two_days_a_week() -> None:
    with pytest.raises(InvalidValueError) as caught:
        REGULAR.check_choice(POLICY.booking, "repas", {0})
    assert caught.value.field == "weekdays"
    assert REGULAR.check_choice(POLICY.booking, "repas", {0, 3}) == {0, 3}
    assert len(REGULAR.check_choice(POLICY.booking, "repas", {0, 1, 3, 4})) == 4
    with pytest.raises(InvalidValueError):
        REGULAR.check_choice(POLICY.booking, "repas", {0, 2})  # no meal on Wednesday


def test_two_regular_days_across_the_christmas_break() -> None:
    booked = REGULAR.booked_days(
        POLICY.booking, "repas", {1, 4}, date(2024, 12, 16), date(2025, 1, 10)
    )
    # Zone B: the break runs from 21 December 2024 to 5 January 2025.
    assert booked.days == (
        date(2024, 12, 17),
        date(2024, 12, 20),
        date(2025, 1, 7),
        date(2025, 1, 10),
    )
    assert REGULAR.unit_price is not None
    assert REGULAR.unit_price * len(booked.days) == Money.euros("17.16")


# « (à l'année) »: the regular days hold for the school year.
def test_the_regular_days_hold_for_the_school_year() -> None:
    terms = REGULAR.changes
    assert terms.effect is ChangeEffect.NEXT_SCHOOL_YEAR
    before = terms.takes_effect(POLICY.calendar, paris(2025, 8, 31, 23, 59, 59))
    at = terms.takes_effect(POLICY.calendar, paris(2025, 9, 1))
    assert before is not None
    assert at is not None
    assert (before.from_day, at.from_day) == (date(2025, 9, 1), date(2026, 9, 1))


def test_the_commune_obeys_the_laws() -> None:
    # The price depends on the regime, not on one tariff: no invoice can be built yet.
    check_policy(POLICY, max_examples=10, skip={"an invoice does not depend on booking order"})


# « pour le lundi s'inscrire le mercredi précédent jusqu'à 16h30 / pour le mardi s'inscrire le
# jeudi précédent jusqu'à 16h30 / pour le jeudi s'inscrire le lundi précédent jusqu'à 16h30 /
# pour le vendredi s'inscrire le mardi précédent jusqu'à 16h30 », and « se désinscrire » the
# same days: the week of 13 November 2023, and the Monday back from the Toussaint holidays, whose
# Wednesday before is 1 November (a public holiday, in the holidays: the page names the weekday).
@pytest.mark.parametrize("action", [ChangeAction.ADD, ChangeAction.CANCEL])
@pytest.mark.parametrize(
    ("meal", "deadline"),
    [
        (date(2023, 11, 13), paris(2023, 11, 8, 16, 30)),
        (date(2023, 11, 14), paris(2023, 11, 9, 16, 30)),
        (date(2023, 11, 16), paris(2023, 11, 13, 16, 30)),
        (date(2023, 11, 17), paris(2023, 11, 14, 16, 30)),
        (date(2023, 11, 6), paris(2023, 11, 1, 16, 30)),
    ],
)
def test_each_meal_closes_on_its_weekday_at_16_30(
    action: ChangeAction, meal: date, deadline: datetime
) -> None:
    assert_deadline(POLICY, action, meal, deadline)


# « 4.81 € le repas pour une inscription hors délai. » ; « Pour toutes inscriptions non
# prévenues dans le délai, le repas sera facturé avec le tarif hors délai. »
@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.OFFICE])
def test_a_late_booking_is_taken_at_the_late_price(channel: Channel) -> None:
    late = decide(
        POLICY, ChangeAction.ADD, date(2023, 11, 16), paris(2023, 11, 13, 16, 30), channel
    )
    assert late.status.value == "accepted_late"
    assert late.charge == Money.euros("4.81")
    on_time = decide(
        POLICY, ChangeAction.ADD, date(2023, 11, 16), paris(2023, 11, 13, 16, 29, 59), channel
    )
    assert on_time.status.value == "accepted"
    assert on_time.charge is None


# « Les parents devront désinscrire leur(s) enfant(s) au plus tard 48 heures ouvrées avant le
# jour concerné »: the page gives no late way to cancel.
@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.OFFICE])
def test_a_late_cancellation_is_refused(channel: Channel) -> None:
    late = decide(
        POLICY, ChangeAction.CANCEL, date(2023, 11, 17), paris(2023, 11, 14, 16, 30), channel
    )
    assert late.status.value == "refused"
