"""Saint-Jean-du-Bois: the Thursday before 10:00 for Monday and Tuesday, the Tuesday before
10:00 for Thursday and Friday.

https://stjeandubois72430.ac-versailles.toutemonecole.fr/pages/136823
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import ChangeAction, Channel
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
