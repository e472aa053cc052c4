"""Saint-Colomban: « absence non signalée (avant 9h le jour même) 3,75 € », at its boundary.

Source: https://st-colomban.fr/index.php/vivre-a-st-co/jeunesse/restaurant-scolaire/437-restaurant-scolaire-municipal-tarifs?tmpl=component&print=1&layout=default
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cantine_rules import BookingChange, ChangeAction, InvalidValueError, Money
from cantine_rules.plain import load_toml
from cantine_rules.rules.absences import AbsenceReason
from cantine_rules.testing import check_policy
from tests._helpers import paris

POLICY = load_toml(Path(__file__).parents[2] / "examples" / "communes" / "saint-colomban.toml")
SECOND = timedelta(seconds=1)
ABSENCE = Money.euros("3.75")
THURSDAY, FRIDAY = date(2020, 1, 9), date(2020, 1, 10)


def _absent(days: list[date], notice: datetime | None) -> list[tuple[AbsenceReason, Money]]:
    return [
        (day.reason, day.charge) for day in POLICY.judge_absence("repas", days, notice_at=notice)
    ]


def test_an_absence_told_before_9h_the_same_day_is_free_at_9h_it_costs_3_75() -> None:
    # « absence non signalée (avant 9h le jour même) | 3,75 € »
    nine = paris(2020, 1, 9, 9)
    assert _absent([THURSDAY], nine - SECOND) == [(AbsenceReason.NOTICE_IN_TIME, Money.zero())]
    assert _absent([THURSDAY], nine) == [(AbsenceReason.LATE_NOTICE, ABSENCE)]
    assert _absent([THURSDAY], None) == [(AbsenceReason.NO_NOTICE, ABSENCE)]


def test_each_day_of_an_absence_has_its_own_9h() -> None:
    # Told on Thursday at 10:00: Thursday is « non signalée » in time, Friday is.
    assert _absent([THURSDAY, FRIDAY], paris(2020, 1, 9, 10)) == [
        (AbsenceReason.LATE_NOTICE, ABSENCE),
        (AbsenceReason.NOTICE_IN_TIME, Money.zero()),
    ]
    assert _absent([FRIDAY], paris(2020, 1, 10, 9)) == [(AbsenceReason.LATE_NOTICE, ABSENCE)]


def test_the_absence_costs_its_flat_amount_whatever_the_tariff() -> None:
    # The charge is the table's own line, not a price looked up: it holds outside 2020 as well.
    later = date(2021, 1, 7)
    assert _absent([later], None) == [(AbsenceReason.NO_NOTICE, ABSENCE)]


def test_a_cancellation_before_9h_is_on_time() -> None:
    nine = paris(2020, 1, 9, 9)
    for at, expected in ((nine - SECOND, "on_time"), (nine, "too_late")):
        change = BookingChange(ChangeAction.CANCEL, "c1", "repas", THURSDAY, at)
        assert POLICY.decide(change).reason.value == expected


def test_the_commune_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=20)


def test_the_service_without_a_meal_costs_2_15() -> None:
    # « participation aux frais de service (sans repas) | 2,15 € », beside « repas enfant |
    # 3,75 € »: the first and the last day of « Les tarifs 2020 ».
    for day in (date(2020, 1, 1), date(2020, 12, 31)):
        assert POLICY.price("sans_repas", day).unit_price == Money.euros("2.15")
        assert POLICY.price("repas", day).unit_price == Money.euros("3.75")


def test_an_absence_from_the_service_without_a_meal_is_not_the_meals() -> None:
    # « absence non signalée (avant 9h le jour même) | 3,75 € » is a line about the meal: the
    # page gives no absence rule for the service without one.
    with pytest.raises(InvalidValueError):
        POLICY.judge_absence("sans_repas", [THURSDAY], notice_at=None)
