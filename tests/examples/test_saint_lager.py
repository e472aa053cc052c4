"""Saint-Lager: a monthly form « avant le 20 du mois précédent », for every month.

https://cantinesaintlager.assodesparents.fr/pages/244341
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cantine_rules import ChangeAction
from tests._helpers import paris
from tests.examples._files import commune
from tests.examples._school_week import assert_deadline

SAINT_LAGER = commune("saint-lager")
ADD = ChangeAction.ADD


@pytest.mark.parametrize(
    ("meal", "deadline"),
    [
        # The first and the last meal of a month close together: « avant le 20 du mois
        # précédent » is one deadline for the whole month.
        (date(2024, 9, 2), paris(2024, 8, 20)),
        (date(2024, 9, 30), paris(2024, 8, 20)),
        # January closes in December of the year before.
        (date(2025, 1, 6), paris(2024, 12, 20)),
        # The last meal of a 29-day February (2024: the winter break starts on the 17th) and of
        # a 28-day one (2026).
        (date(2024, 2, 16), paris(2024, 1, 20)),
        (date(2026, 2, 27), paris(2026, 1, 20)),
        # The last meal of a 30-day month and of a 31-day month.
        (date(2024, 4, 30), paris(2024, 3, 20)),
        (date(2025, 1, 31), paris(2024, 12, 20)),
        # The first meal after each of them.
        (date(2024, 3, 4), paris(2024, 2, 20)),
        (date(2026, 3, 2), paris(2026, 2, 20)),
        (date(2024, 5, 2), paris(2024, 4, 20)),
        (date(2025, 2, 3), paris(2025, 1, 20)),
    ],
)
def test_every_month_closes_on_the_20th_of_the_month_before(meal: date, deadline: datetime) -> None:
    # « avant le 20 »: 19th at 23:59:59 is on time, the 20th at 00:00 is not.
    assert_deadline(SAINT_LAGER, ADD, meal, deadline)


def test_the_deadline_is_midnight_in_the_time_of_its_own_season() -> None:
    # An April meal closes on 20 March (winter time), a November meal on 20 October (summer
    # time).
    april, _ = assert_deadline(SAINT_LAGER, ADD, date(2025, 4, 1), paris(2025, 3, 20))
    november, _ = assert_deadline(SAINT_LAGER, ADD, date(2024, 11, 5), paris(2024, 10, 20))
    assert april.deadline is not None
    assert november.deadline is not None
    assert april.deadline.utcoffset() == timedelta(hours=1)
    assert november.deadline.utcoffset() == timedelta(hours=2)


def test_no_month_is_left_without_a_deadline() -> None:
    # Every meal of the 2024-2025 school year has a deadline on the 20th of the month before.
    booking = SAINT_LAGER.booking
    days = booking.calendar.service_days(
        booking.days_of("repas"), date(2024, 9, 2), date(2025, 7, 4)
    )
    months = set()
    for day in days:
        window = booking.window(ADD, "repas", day)
        assert window.closes_at is not None
        previous = (day.replace(day=1) - timedelta(days=1)).replace(day=20)
        assert window.closes_at == paris(previous.year, previous.month, 20)
        months.add(day.month)
    assert months == {9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7}


def test_the_rule_is_explained_as_the_form_says() -> None:
    [french] = [rule for rule in SAINT_LAGER.explain("fr") if rule.topic == "rules.repas"]
    [english] = [rule for rule in SAINT_LAGER.explain("en") if rule.topic == "rules.repas"]
    assert "délai d'ajout : avant le 20 du mois précédent" in french.text
    assert "before day 20 of the previous month" in english.text
