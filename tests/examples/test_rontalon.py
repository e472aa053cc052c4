"""Rontalon: cancel the previous school day before 11:00, the day back from the last school day.

http://www.rontalon.fr/reglement-interieur-du-periscolaire/
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import ChangeAction, Channel
from tests._helpers import paris
from tests.examples._files import commune
from tests.examples._school_week import assert_deadline, decide

RONTALON = commune("rontalon")
CANCEL = ChangeAction.CANCEL


@pytest.mark.parametrize(
    ("meal", "deadline"),
    [
        # « avant le vendredi 11h00 pour le lundi »
        (date(2024, 9, 16), paris(2024, 9, 13, 11)),
        # « avant le lundi 11h00 pour le mardi »
        (date(2024, 9, 17), paris(2024, 9, 16, 11)),
        # « avant le mardi 11h00 pour le jeudi »
        (date(2024, 9, 19), paris(2024, 9, 17, 11)),
        # « avant le jeudi 11h00 pour le vendredi »
        (date(2024, 9, 20), paris(2024, 9, 19, 11)),
    ],
)
def test_each_weekday_of_the_reglement(meal: date, deadline: object) -> None:
    assert_deadline(RONTALON, CANCEL, meal, deadline)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("back", "deadline"),
    [
        # Back from the Toussaint break (zone A) on Monday 4 November 2024: school last met on
        # Friday 18 October, in summer time.
        (date(2024, 11, 4), paris(2024, 10, 18, 11)),
        # Back from the winter break (zone A) on Monday 10 March 2025.
        (date(2025, 3, 10), paris(2025, 2, 21, 11)),
        # Back from the summer on Monday 2 September 2024.
        (date(2024, 9, 2), paris(2024, 7, 5, 11)),
    ],
)
def test_the_day_back_closes_on_the_last_school_day_before_the_holidays(
    back: date, deadline: object
) -> None:
    # « et le dernier jour d'école avant les vacances pour le jour de la rentrée »
    assert_deadline(RONTALON, CANCEL, back, deadline)  # type: ignore[arg-type]


def test_the_ascension_bridge_is_not_a_school_day() -> None:
    # Ascension on Thursday 29 May 2025 and its pont on Friday 30: the Monday after closes on
    # Tuesday 27 May (no school on Wednesday).
    assert_deadline(RONTALON, CANCEL, date(2025, 6, 2), paris(2025, 5, 27, 11))


def test_a_public_holiday_on_monday_moves_tuesday_to_the_friday() -> None:
    # Monday 11 November 2024, the Armistice.
    assert_deadline(RONTALON, CANCEL, date(2024, 11, 12), paris(2024, 11, 8, 11))


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.OFFICE])
def test_a_late_cancellation_is_rejected_on_every_channel(channel: Channel) -> None:
    # « Toute demande d'annulation hors de ce cadre sera rejetée. » ; « Les agents communaux ne
    # sont pas habilités à annuler les repas de vos enfants ».
    late = decide(RONTALON, CANCEL, date(2024, 9, 16), paris(2024, 9, 13, 11), channel)
    assert late.status.value == "refused"


def test_the_rule_is_explained_as_the_reglement_says_it() -> None:
    [rules] = [rule for rule in RONTALON.explain("fr") if rule.topic == "rules.repas"]
    assert "délai d'annulation : la veille (jour d'école) avant 11:00" in rules.text
    assert not rules.is_default
