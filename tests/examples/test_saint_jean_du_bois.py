"""Saint-Jean-du-Bois: the Thursday before 10:00 for Monday and Tuesday, the Tuesday before
10:00 for Thursday and Friday.

https://stjeandubois72430.ac-versailles.toutemonecole.fr/pages/136823
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import ChangeAction, Channel, Money
from cantine_rules.rules.absences import AbsencePolicy, AbsenceReason
from cantine_rules.rules.late import MissingPriceError
from tests._helpers import paris
from tests.examples._files import commune
from tests.examples._school_week import assert_deadline, decide

SAINT_JEAN = commune("saint-jean-du-bois")

# « Le jeudi avant 10h00 pour une absence le lundi ou le mardi suivant ; Le mardi avant 10h00
# pour une absence le jeudi ou le vendredi suivant »
TABLE = [
    (date(2024, 9, 16), paris(2024, 9, 12, 10)),  # lundi ← jeudi avant 10h00
    (date(2024, 9, 17), paris(2024, 9, 12, 10)),  # mardi ← jeudi avant 10h00
    (date(2024, 9, 19), paris(2024, 9, 17, 10)),  # jeudi ← mardi avant 10h00
    (date(2024, 9, 20), paris(2024, 9, 17, 10)),  # vendredi ← mardi avant 10h00
]


@pytest.mark.parametrize(("meal", "deadline"), TABLE)
def test_an_absence_is_announced_as_the_table_says(meal: date, deadline: datetime) -> None:
    assert_deadline(SAINT_JEAN, ChangeAction.CANCEL, meal, deadline)


@pytest.mark.parametrize(("meal", "deadline"), TABLE)
def test_an_occasional_meal_is_announced_at_the_same_times(meal: date, deadline: datetime) -> None:
    # « Le jeudi avant 10h00 pour un repas pris le lundi et/ou le mardi suivant(s) »
    assert_deadline(SAINT_JEAN, ChangeAction.ADD, meal, deadline)


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.OFFICE])
def test_a_late_absence_leaves_the_meal_billed(channel: Channel) -> None:
    # « Sans quoi, les repas seront normalement facturés. »: the absence is not taken, the meal
    # stays booked.
    late = decide(
        SAINT_JEAN, ChangeAction.CANCEL, date(2024, 9, 16), paris(2024, 9, 12, 10), channel
    )
    assert late.status.value == "refused"


def test_the_thursday_before_may_be_a_public_holiday() -> None:
    # Monday 2 June 2025: the Thursday before is Ascension Day (29 May). The table names a
    # weekday; the agent is told « le jeudi » whatever that day is.
    assert_deadline(SAINT_JEAN, ChangeAction.CANCEL, date(2025, 6, 2), paris(2025, 5, 29, 10))


def test_across_the_spring_change_the_cutoff_stays_10_on_the_clock() -> None:
    # Tuesday 1 April 2025 closes on Thursday 27 March at 10:00 winter time; the meal is in
    # summer time.
    before, _ = assert_deadline(
        SAINT_JEAN, ChangeAction.CANCEL, date(2025, 4, 1), paris(2025, 3, 27, 10)
    )
    assert before.deadline is not None
    assert before.deadline.isoformat() == "2025-03-27T10:00:00+01:00"


def test_a_wednesday_has_no_meal_so_no_row() -> None:
    refused = decide(SAINT_JEAN, ChangeAction.ADD, date(2024, 9, 18), paris(2024, 9, 10, 8))
    assert refused.reason.value == "not_a_service_day"


def test_the_table_is_explained_in_french_and_english() -> None:
    [french] = [rule for rule in SAINT_JEAN.explain("fr") if rule.topic == "rules.repas"]
    [english] = [rule for rule in SAINT_JEAN.explain("en") if rule.topic == "rules.repas"]
    assert (
        "lundi et mardi : le jeudi précédent avant 10:00 ; "
        "jeudi et vendredi : le mardi précédent avant 10:00" in french.text
    )
    assert (
        "Monday and Tuesday: the previous Thursday before 10:00; "
        "Thursday and Friday: the previous Tuesday before 10:00" in english.text
    )


def test_in_the_reglement_s_own_year() -> None:
    # The règlement applies from 3 January 2017 (« au 03 janvier 2017 »): Monday 9 January 2017
    # closes on Thursday 5 January at 10:00, Friday 13 on Tuesday 10.
    assert_deadline(SAINT_JEAN, ChangeAction.CANCEL, date(2017, 1, 9), paris(2017, 1, 5, 10))
    assert_deadline(SAINT_JEAN, ChangeAction.CANCEL, date(2017, 1, 13), paris(2017, 1, 10, 10))


# Absences -------------------------------------------------------------------------------------
# « En cas d'absence imprévue (maladie par exemple) : Si votre enfant est absent un ou deux jours,
# les repas seront pris en charge par la mairie. En cas d'absence de plus deux jours, les repas
# des troisième et quatrième jours seront facturés aux familles …, sauf si les parents ont
# prévenu Mme Chantal CORMIER … : Le jeudi avant 10h00 pour une absence le lundi et/ou le mardi
# suivant(s) ; Le mardi avant 10h00 pour une absence le jeudi et/ou le vendredi suivant(s) »


def _absence_policy() -> AbsencePolicy:
    rule = SAINT_JEAN.absences.for_service("repas")
    assert rule is not None
    return rule


ABSENCE = _absence_policy()
MEAL = SAINT_JEAN.service("repas")
# Sick from Monday 16 to Monday 23 September 2024 (no meal on Wednesday).
SICK = (
    date(2024, 9, 16),
    date(2024, 9, 17),
    date(2024, 9, 19),
    date(2024, 9, 20),
    date(2024, 9, 23),
)
FREE_FIRST = AbsenceReason.FREE_FIRST_DAYS


def _reasons(days: tuple[date, ...], notice: datetime | None) -> list[AbsenceReason]:
    # « au prix fixé lors du prochain conseil municipal »: the page gives no price, so the rule
    # is asked with a stand-in price and only its reasons are looked at.
    judged = ABSENCE.judge(
        MEAL,
        days,
        calendar=SAINT_JEAN.calendar,
        notice_at=notice,
        price_of=lambda day: Money.euros("1.00"),
    )
    return [day.reason for day in judged]


@pytest.mark.parametrize("length", [1, 2])
def test_one_or_two_days_are_paid_by_the_mairie(length: int) -> None:
    # No price is needed: no day is charged.
    judged = SAINT_JEAN.judge_absence("repas", SICK[:length], notice_at=None)
    assert [(day.reason, day.charge) for day in judged] == [(FREE_FIRST, Money.zero())] * length


def test_without_notice_the_third_day_on_is_charged() -> None:
    # « Pour toute absence non signalée, le repas sera dû »
    assert _reasons(SICK, None) == [FREE_FIRST, FREE_FIRST] + [AbsenceReason.NO_NOTICE] * 3


def test_told_the_tuesday_before_10_the_thursday_and_friday_are_free() -> None:
    assert _reasons(SICK, paris(2024, 9, 17, 9, 59, 59)) == [
        FREE_FIRST,
        FREE_FIRST,
        AbsenceReason.NOTICE_IN_TIME,  # jeudi ← mardi avant 10h00
        AbsenceReason.NOTICE_IN_TIME,  # vendredi ← mardi avant 10h00
        AbsenceReason.NOTICE_IN_TIME,  # lundi 23 ← jeudi 19 avant 10h00
    ]


def test_told_the_tuesday_at_10_the_thursday_and_friday_are_charged() -> None:
    assert _reasons(SICK, paris(2024, 9, 17, 10)) == [
        FREE_FIRST,
        FREE_FIRST,
        AbsenceReason.LATE_NOTICE,
        AbsenceReason.LATE_NOTICE,
        AbsenceReason.NOTICE_IN_TIME,
    ]


def test_the_next_monday_closes_the_thursday_before_10() -> None:
    assert _reasons(SICK, paris(2024, 9, 19, 9, 59, 59))[4] is AbsenceReason.NOTICE_IN_TIME
    assert _reasons(SICK, paris(2024, 9, 19, 10))[4] is AbsenceReason.LATE_NOTICE


def test_a_charged_day_has_no_price_until_the_council_sets_one() -> None:
    with pytest.raises(MissingPriceError):
        SAINT_JEAN.judge_absence("repas", SICK[:3], notice_at=None)


def test_the_absences_are_explained_in_french_and_english() -> None:
    [french] = [rule for rule in SAINT_JEAN.explain("fr") if rule.topic == "absences.repas"]
    [english] = [rule for rule in SAINT_JEAN.explain("en") if rule.topic == "absences.repas"]
    assert "les 2 premier(s) jour(s) d'absence sont pris en charge par la commune" in french.text
    assert "the first 2 absent day(s) are paid by the commune" in english.text
    assert french.source is not None
    assert french.source.kind.value == "public"
