"""Baincthun: until the midnight that ends the second school day before the meal.

https://www.baincthun.fr/mes-loisirs/jeunesse-education/cantine-scolaire
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import ChangeAction, Channel
from tests._helpers import paris
from tests.examples._files import commune
from tests.examples._school_week import assert_deadline, decide

BAINCTHUN = commune("baincthun")


@pytest.mark.parametrize("action", [ChangeAction.ADD, ChangeAction.CANCEL])
@pytest.mark.parametrize(
    ("meal", "deadline"),
    [
        # « le lundi : au plus tard le jeudi précédent avant 24 h »
        (date(2022, 9, 12), paris(2022, 9, 9)),
        # « le mardi : le vendredi précédent avant 24 h »
        (date(2022, 9, 13), paris(2022, 9, 10)),
        # « le jeudi : le lundi précédent avant 24 h »
        (date(2022, 9, 15), paris(2022, 9, 13)),
        # « le vendredi : le mardi précédent avant 24 h »
        (date(2022, 9, 16), paris(2022, 9, 14)),
    ],
)
def test_each_weekday_of_the_reglement(
    action: ChangeAction, meal: date, deadline: datetime
) -> None:
    # 23:59:59 on the school day is on time; its midnight (« avant 24 h ») is too late.
    assert_deadline(BAINCTHUN, action, meal, deadline)


def test_the_first_day_of_the_school_year_counts_back_into_july() -> None:
    # « La rentrée des classes aura lieu le JEUDI 1er SEPTEMBRE »: the two school days before it
    # are Thursday 7 July 2022 (the summer holidays start after class that day) and Tuesday 5.
    assert_deadline(BAINCTHUN, ChangeAction.ADD, date(2022, 9, 1), paris(2022, 7, 6))


def test_school_days_skip_the_armistice() -> None:
    # Monday 14 November 2022: Friday 11 November is a public holiday, so the two school days
    # before are Thursday 10 and Tuesday 8.
    assert_deadline(BAINCTHUN, ChangeAction.CANCEL, date(2022, 11, 14), paris(2022, 11, 9))


def test_school_days_skip_the_ascension_bridge() -> None:
    # Monday 22 May 2023: Ascension on Thursday 18 and its pont on Friday 19, so the two school
    # days before are Tuesday 16 and Monday 15.
    assert_deadline(BAINCTHUN, ChangeAction.ADD, date(2023, 5, 22), paris(2023, 5, 16))


def test_the_midnight_of_a_school_day_before_the_spring_change() -> None:
    # Monday 27 March 2023 closes at the midnight ending Thursday 23 March (winter time).
    before, _ = assert_deadline(BAINCTHUN, ChangeAction.ADD, date(2023, 3, 27), paris(2023, 3, 24))
    assert before.deadline is not None
    assert before.deadline.isoformat() == "2023-03-24T00:00:00+01:00"


def test_in_an_emergency_the_town_hall_still_books() -> None:
    # « En cas d'URGENCE, vous pouvez contacter la mairie … afin de procéder à une inscription
    # exceptionnelle »
    late = paris(2022, 9, 9)
    online = decide(BAINCTHUN, ChangeAction.ADD, date(2022, 9, 12), late)
    office = decide(BAINCTHUN, ChangeAction.ADD, date(2022, 9, 12), late, Channel.OFFICE)
    assert (online.reason.value, online.detail) == (
        "too_late_contact",
        "la mairie au 03.21.10.08.50",
    )
    assert office.status.value == "accepted_late"


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.OFFICE])
def test_a_late_absence_leaves_the_meal_billed(channel: Channel) -> None:
    # « Toute absence non excusée dans les délais … sera sanctionnée par la facturation du repas
    # préalablement réservé. »
    late = decide(BAINCTHUN, ChangeAction.CANCEL, date(2022, 9, 12), paris(2022, 9, 9), channel)
    assert late.status.value == "refused"


def test_explained_as_the_reglement_counts() -> None:
    [french] = [rule for rule in BAINCTHUN.explain("fr") if rule.topic == "rules.repas"]
    assert "2 jours d'école avant le service, jusqu'à minuit" in french.text
