"""Le Crès: 8 days before the meal, until the midnight that ends that day.

https://www.lecres.fr/Restaurationscolaire/465/10213
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import ChangeAction
from tests._helpers import paris
from tests.examples._files import commune
from tests.examples._school_week import assert_deadline, decide

LE_CRES = commune("le-cres")


@pytest.mark.parametrize("action", [ChangeAction.ADD, ChangeAction.CANCEL])
def test_the_reglement_s_own_example(action: ChangeAction) -> None:
    # « la date limite de prise en compte de votre réservation pour le lundi 2 septembre (jour
    # de rentrée scolaire) est le dimanche 25 août minuit »: Sunday 23:59:59 is on time, the
    # first second of Monday 26 August is not.
    before, _ = assert_deadline(LE_CRES, action, date(2024, 9, 2), paris(2024, 8, 26))
    assert before.change.requested_at == paris(2024, 8, 25, 23, 59, 59)


@pytest.mark.parametrize(
    ("meal", "deadline"),
    [
        # The next school year's first day, Monday 1 September 2025: Sunday 24 August, midnight.
        (date(2025, 9, 1), paris(2025, 8, 25)),
        # A Thursday: 8 days before is the Wednesday of the week before.
        (date(2024, 9, 19), paris(2024, 9, 12)),
        # Across the end of a 29-day February: Thursday 7 March 2024, the 28th's midnight.
        (date(2024, 3, 7), paris(2024, 2, 29)),
        # Across the end of a 28-day February: Monday 3 March 2025, Sunday 23 February.
        (date(2025, 3, 3), paris(2025, 2, 24)),
        # Across the end of a 31-day month: Thursday 7 November 2024, Wednesday 30 October.
        (date(2024, 11, 7), paris(2024, 10, 31)),
    ],
)
def test_8_days_before_until_midnight(meal: date, deadline: datetime) -> None:
    assert_deadline(LE_CRES, ChangeAction.ADD, meal, deadline)


def test_the_day_the_clocks_go_back_lasts_25_hours_and_ends_at_midnight() -> None:
    # Monday 3 November 2025, back from the Toussaint break: 8 days before is Sunday 26
    # October, the day summer time ends.
    before, _ = assert_deadline(
        LE_CRES, ChangeAction.CANCEL, date(2025, 11, 3), paris(2025, 10, 27)
    )
    assert before.deadline is not None
    assert before.deadline.isoformat() == "2025-10-27T00:00:00+01:00"


def test_the_day_the_clocks_go_forward_lasts_23_hours_and_ends_at_midnight() -> None:
    # Monday 7 April 2025: 8 days before is Sunday 30 March, the day summer time starts.
    before, _ = assert_deadline(LE_CRES, ChangeAction.CANCEL, date(2025, 4, 7), paris(2025, 3, 31))
    assert before.deadline is not None
    assert before.deadline.isoformat() == "2025-03-31T00:00:00+02:00"


@pytest.mark.parametrize("action", [ChangeAction.ADD, ChangeAction.CANCEL])
def test_past_the_deadline_the_change_is_not_taken(action: ChangeAction) -> None:
    # « tout repas commandé et non annulé est dû »: a late cancellation leaves the meal billed.
    late = decide(LE_CRES, action, date(2024, 9, 2), paris(2024, 8, 26))
    assert late.status.value == "refused"


def test_the_rule_is_explained_as_the_page_counts_it() -> None:
    [french] = [rule for rule in LE_CRES.explain("fr") if rule.topic == "rules.repas"]
    assert "8 jours avant le service, jusqu'à minuit" in french.text
