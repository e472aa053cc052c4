"""La Tessoualle: the règlement's deadlines and absences, replayed at their boundaries.

Source: https://www.latessoualle.com/enfance-jeunesse/restauration-scolaire/
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cantine_rules import BookingChange, ChangeAction, Channel, Money
from cantine_rules.plain import load_toml
from cantine_rules.rules.absences import AbsenceReason
from cantine_rules.testing import check_policy
from tests._helpers import paris

POLICY = load_toml(Path(__file__).parents[2] / "examples" / "communes" / "la-tessoualle.toml")
SECOND = timedelta(seconds=1)
MEAL = Money.euros("4.40")


def _cancel(day: date, at: datetime, channel: Channel = Channel.ONLINE) -> tuple[str, object]:
    decision = POLICY.decide(BookingChange(ChangeAction.CANCEL, "c1", "repas", day, at, channel))
    return decision.reason.value, decision.charge


# « le lundi midi, l'inscription devra être faite avant le vendredi 23h59 qui précède ; le mardi
# midi, … avant le samedi 23h59 … ; le jeudi midi, … avant le lundi 23h59 … ; le vendredi midi,
# … avant le mardi 23h59 qui précède »
WEEK = [
    (date(2022, 9, 12), paris(2022, 9, 9, 23, 59)),  # Monday ← Friday
    (date(2022, 9, 13), paris(2022, 9, 10, 23, 59)),  # Tuesday ← Saturday
    (date(2022, 9, 15), paris(2022, 9, 12, 23, 59)),  # Thursday ← Monday
    (date(2022, 9, 16), paris(2022, 9, 13, 23, 59)),  # Friday ← Tuesday
]


@pytest.mark.parametrize(("day", "deadline"), WEEK)
def test_a_meal_is_booked_or_cancelled_before_23h59_three_days_ahead(
    day: date, deadline: datetime
) -> None:
    add = POLICY.decide(BookingChange(ChangeAction.ADD, "c1", "repas", day, deadline - SECOND))
    assert (add.reason.value, add.deadline) == ("on_time", deadline)
    assert _cancel(day, deadline - SECOND)[0] == "on_time"
    assert _cancel(day, deadline)[0] != "on_time"


@pytest.mark.parametrize(("day", "deadline"), WEEK)
def test_late_add_costs_the_meal_plus_one_euro(day: date, deadline: datetime) -> None:
    # « une majoration de 1,00 € sera alors appliquée en plus du prix du repas » (« Prix repas
    # enfant inscription tardive (-48h) : 5,40 euros »)
    late = POLICY.decide(BookingChange(ChangeAction.ADD, "c1", "repas", day, deadline))
    assert (late.reason.value, late.charge) == ("late_surcharge", Money.euros("5.40"))


@pytest.mark.parametrize(("day", "deadline"), WEEK)
def test_a_late_cancellation_is_still_charged(day: date, deadline: datetime) -> None:
    # « Pour une annulation au-delà de ce délai, le repas sera facturé. »
    assert _cancel(day, deadline) == ("late_still_charged", MEAL)
    assert _cancel(day, deadline, Channel.OFFICE) == ("late_still_charged", MEAL)


def _absent(day: date, notice: datetime | None, certificate: datetime | None = None) -> object:
    [judged] = POLICY.judge_absence("repas", [day], notice_at=notice, certificate_at=certificate)
    return judged.reason, judged.charge


@pytest.mark.parametrize(("day", "deadline"), WEEK)
def test_an_absence_unticked_in_time_is_free_and_charged_otherwise(
    day: date, deadline: datetime
) -> None:
    # « Toute absence non décochée dans les délais sur le Portail Enfant Service sera facturée »
    assert _absent(day, deadline - SECOND) == (AbsenceReason.NOTICE_IN_TIME, Money.zero())
    assert _absent(day, deadline) == (AbsenceReason.LATE_NOTICE, MEAL)
    assert _absent(day, None) == (AbsenceReason.NO_NOTICE, MEAL)


def test_medical_certificates_are_no_longer_accepted() -> None:
    # « (les certificats médicaux ne sont plus acceptés) »
    monday, deadline = WEEK[0]
    for certificate in (deadline - timedelta(days=1), paris(2022, 9, 12, 8), paris(2022, 9, 13)):
        assert _absent(monday, deadline, certificate) == (AbsenceReason.LATE_NOTICE, MEAL)
        assert _absent(monday, None, certificate) == (AbsenceReason.NO_NOTICE, MEAL)


def test_the_deadline_keeps_its_wall_clock_time_across_the_change_to_summer_time() -> None:
    # Monday 27 March 2023 (summer time) ← Friday 24 March 23:59 (winter time).
    deadline = paris(2023, 3, 24, 23, 59)
    assert deadline.utcoffset() == timedelta(hours=1)
    decision = POLICY.decide(
        BookingChange(ChangeAction.CANCEL, "c1", "repas", date(2023, 3, 27), deadline - SECOND)
    )
    assert (decision.reason.value, decision.deadline) == ("on_time", deadline)
    assert _absent(date(2023, 3, 27), deadline) == (AbsenceReason.LATE_NOTICE, MEAL)


def test_the_commune_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=20)
