"""Vailhauques: a meal eaten without booking costs a flat 10 €, whatever the normal price; meals
are booked and cancelled by a table of the meal's weekday, the Friday or the Tuesday before at 9:00.

http://www.ville-vailhauques.fr/cantine-inscriptions/
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cantine_rules import ChangeAction, Channel, Money
from cantine_rules.testing import check_policy
from tests._helpers import paris
from tests.examples._files import commune
from tests.examples._school_week import assert_deadline, decide

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


def test_explain_quotes_the_rules_with_their_source() -> None:
    rules = {rule.topic: rule for rule in VAILHAUQUES.explain("fr")}
    unbooked = rules["unbooked_presence.repas"]
    assert unbooked.text == "« Cantine » pris sans réservation : tarif majoré de 10,00\xa0€."
    assert not unbooked.is_default
    assert not rules["rules.repas"].is_default


def test_the_laws_hold() -> None:
    check_policy(VAILHAUQUES, max_examples=10)


# The deadlines by the meal's weekday -------------------------------------------------------

# « Son repas doit être réservé avant : le lundi, le mardi — Le vendredi précédent avant 9h00 ;
# le jeudi, le vendredi — Le mardi précédent avant 9h00 »
TABLE = [
    (date(2024, 9, 16), paris(2024, 9, 13, 9)),  # lundi ← vendredi précédent
    (date(2024, 9, 17), paris(2024, 9, 13, 9)),  # mardi ← vendredi précédent
    (date(2024, 9, 19), paris(2024, 9, 17, 9)),  # jeudi ← mardi précédent
    (date(2024, 9, 20), paris(2024, 9, 17, 9)),  # vendredi ← mardi précédent
]


@pytest.mark.parametrize(("meal", "deadline"), TABLE)
def test_booking_closes_as_the_table_says(meal: date, deadline: datetime) -> None:
    assert_deadline(VAILHAUQUES, ChangeAction.ADD, meal, deadline)


@pytest.mark.parametrize(("meal", "deadline"), TABLE)
def test_cancelling_closes_at_the_same_time(meal: date, deadline: datetime) -> None:
    # « N'oubliez pas d'annuler selon les mêmes délais »
    assert_deadline(VAILHAUQUES, ChangeAction.CANCEL, meal, deadline)


def test_a_late_booking_online_costs_the_price_plus_50_percent() -> None:
    # « Pour réserver, cochez la case « Repas hors délai + ALP Midi ». Le prix du repas sera
    # majoré de 50%. » — 2,99 € + 50 % = 4,485 €, 4,49 € half-up to the cent.
    late = decide(VAILHAUQUES, ChangeAction.ADD, date(2024, 9, 16), paris(2024, 9, 13, 9))
    assert late.status.value == "accepted_late"
    assert late.charge == Money.euros("4.49")
    on_time = decide(VAILHAUQUES, ChangeAction.ADD, date(2024, 9, 16), paris(2024, 9, 13, 8, 59))
    assert on_time.charge is None


def test_a_late_cancellation_online_names_whom_to_call() -> None:
    # « Pour annuler, contactez avant 9h00 le jour même la responsable cantine »
    late = decide(VAILHAUQUES, ChangeAction.CANCEL, date(2024, 9, 19), paris(2024, 9, 17, 9))
    assert (late.reason.value, late.detail) == ("too_late_contact", "la responsable cantine")


def test_the_table_counts_weekdays_across_the_spring_change() -> None:
    # Monday 31 March 2025, the day after summer time starts, closes on Friday 28 at 9:00
    # winter time. (The autumn change always falls in the Toussaint holidays.)
    before, _ = assert_deadline(
        VAILHAUQUES, ChangeAction.ADD, date(2025, 3, 31), paris(2025, 3, 28, 9)
    )
    assert before.deadline is not None
    assert before.deadline.utcoffset() == timedelta(hours=1)


def test_the_day_back_after_toussaint_closes_on_the_friday_of_the_holidays() -> None:
    # Monday 3 November 2025: « le vendredi précédent » is 31 October, in the holidays.
    assert_deadline(VAILHAUQUES, ChangeAction.ADD, date(2025, 11, 3), paris(2025, 10, 31, 9))


def test_the_friday_after_ascension_is_a_holiday_so_the_table_still_says_tuesday() -> None:
    # Monday 2 June 2025: « le vendredi précédent » is 30 May, the Ascension bridge (zone C). The
    # table names a weekday, not a school day, and the deadline stays there.
    assert_deadline(VAILHAUQUES, ChangeAction.ADD, date(2025, 6, 2), paris(2025, 5, 30, 9))


def test_late_office_cancellation_is_left_to_the_notice_rule() -> None:
    # The notice rule (« avant 9h00 le jour même ») is not in the file: the office refuses.
    late = decide(
        VAILHAUQUES,
        ChangeAction.CANCEL,
        date(2024, 9, 19),
        paris(2024, 9, 19, 8, 30),
        Channel.OFFICE,
    )
    assert late.status.value == "refused"


# The absence told the same day ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("told", "reason", "charge"),
    [
        ((8, 59, 59), "notice_in_time", Money.euros("0.00")),
        ((9, 0, 0), "late_notice", Money.euros("2.99")),
    ],
)
def test_an_absence_told_before_9_the_same_day_is_free(
    told: tuple[int, int, int], reason: str, charge: Money
) -> None:
    # « contactez avant 9h00 le jour même la responsable cantine … Aucune pénalité ne sera
    # appliquée avec cette procédure (si procédure non suivie une absence injustifiée sera
    # appliquée avec paiement du repas à 2,99€) »
    thursday = date(2024, 9, 19)
    [day] = VAILHAUQUES.judge_absence("repas", [thursday], notice_at=paris(2024, 9, 19, *told))
    assert (day.reason.value, day.charge) == (reason, charge)


def test_an_absence_told_late_is_charged_that_day_only() -> None:
    # Told on Thursday at 9:30: Thursday is an unjustified absence, Friday was told in time.
    days = VAILHAUQUES.judge_absence(
        "repas", [date(2024, 9, 19), date(2024, 9, 20)], notice_at=paris(2024, 9, 19, 9, 30)
    )
    assert [(day.reason.value, day.charge) for day in days] == [
        ("late_notice", Money.euros("2.99")),
        ("notice_in_time", Money.euros("0.00")),
    ]
