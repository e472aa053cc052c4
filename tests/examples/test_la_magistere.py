"""La Magistère: the règlement's carence counted from the notice, replayed at its boundaries.

Source: https://lamagistere.fr/la-cantine-paiement-en-ligne-48p/
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from cantine_rules import ChangeAction, Money
from cantine_rules.plain import load_toml
from cantine_rules.rules.absences import AbsenceReason
from cantine_rules.testing import check_policy
from tests._helpers import paris
from tests.examples._school_week import assert_deadline

POLICY = load_toml(Path(__file__).parents[2] / "examples" / "communes" / "la-magistere.toml")
SECOND = timedelta(seconds=1)
MEAL = Money.euros("2.60")
FREE = Money.zero()

# The week of Monday 12 November 2018: meals on Monday, Tuesday, Thursday and Friday.
WEEK = [date(2018, 11, 12), date(2018, 11, 13), date(2018, 11, 15), date(2018, 11, 16)]


def _absent(days: list[date], notice: datetime | None) -> list[tuple[date, AbsenceReason, Money]]:
    judged = POLICY.judge_absence("repas", days, notice_at=notice)
    return [(day.day, day.reason, day.charge) for day in judged]


def test_the_reglement_own_example() -> None:
    # « Exemple: un enfant est absent une semaine et la mairie est avertie le lundi. Les repas
    # du lundi, mardi et mercredi sont dus, et ceux du jeudi et vendredi annulés. »
    monday, tuesday, thursday, friday = WEEK
    assert _absent(WEEK, paris(2018, 11, 12, 8, 30)) == [
        (monday, AbsenceReason.WAITING_DAY, MEAL),
        (tuesday, AbsenceReason.WAITING_DAY, MEAL),
        (thursday, AbsenceReason.NOTICE_IN_TIME, FREE),
        (friday, AbsenceReason.NOTICE_IN_TIME, FREE),
    ]


def test_the_third_day_after_the_notice_is_the_first_free_one() -> None:
    # « Les repas du jour, du lendemain et du surlendemain de l'absence seront dus. Les suivants
    # seront annulés. » Thursday is the third day after a Monday notice, the second after a
    # Tuesday one: the boundary is midnight.
    thursday = WEEK[2]
    last_monday_second = paris(2018, 11, 12, 23, 59, 59)
    assert _absent([thursday], last_monday_second) == [
        (thursday, AbsenceReason.AFTER_WAITING_DAYS, FREE)
    ]
    assert _absent([thursday], last_monday_second + SECOND) == [
        (thursday, AbsenceReason.WAITING_DAY, MEAL)
    ]


def test_each_waiting_day_is_counted_in_calendar_days() -> None:
    # Told on Friday 16 November after the meal started: Friday, Saturday and Sunday are the
    # three days, so the Monday after is free although it was not cancelled 3 days ahead.
    monday = date(2018, 11, 19)
    assert _absent([WEEK[3], monday], paris(2018, 11, 16, 13)) == [
        (WEEK[3], AbsenceReason.WAITING_DAY, MEAL),
        (monday, AbsenceReason.AFTER_WAITING_DAYS, FREE),
    ]


def test_a_meal_cancelled_three_days_ahead_is_free() -> None:
    # « Les repas doivent être annulés 3 jours avant. »: 72 hours before the 12:00 meal.
    thursday = WEEK[2]
    deadline = paris(2018, 11, 12, 12)
    assert _absent([thursday], deadline - SECOND) == [
        (thursday, AbsenceReason.NOTICE_IN_TIME, FREE)
    ]
    # At the deadline Thursday is no longer cancelled in time, and is free as the third day.
    assert _absent([thursday], deadline) == [(thursday, AbsenceReason.AFTER_WAITING_DAYS, FREE)]


def test_three_days_ahead_are_72_elapsed_hours_across_the_change_to_summer_time() -> None:
    # Monday 1 April 2019, 12:00 summer time (10:00 UTC), less 72 elapsed hours: Friday 29 March,
    # 11:00 winter time (10:00 UTC), an hour earlier on the wall clock than 3 days before.
    monday = date(2019, 4, 1)
    deadline = paris(2019, 3, 29, 11)
    assert _absent([monday], deadline - SECOND) == [(monday, AbsenceReason.NOTICE_IN_TIME, FREE)]
    assert _absent([monday], deadline) == [(monday, AbsenceReason.AFTER_WAITING_DAYS, FREE)]
    assert _absent([monday], paris(2019, 3, 30, 8)) == [(monday, AbsenceReason.WAITING_DAY, MEAL)]


def test_an_absence_never_told_is_charged_every_day() -> None:
    assert [charge for _, _, charge in _absent(WEEK, None)] == [MEAL] * 4


def test_the_commune_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=20)


# « Les enfants sont inscrits à la cantine pour l'année scolaire selon les jours définis par les
# parents en début d'année »
def test_the_days_chosen_at_the_rentree_are_booked_for_the_year() -> None:
    regimes = POLICY.regimes_of("repas")
    assert regimes is not None
    regime = regimes.fixed_days
    assert regime is not None
    # Monday and Thursday, from the rentrée of 3 September 2018 to the Toussaint break (zone C,
    # from Saturday 20 October).
    booked = regime.booked_days(
        POLICY.booking, "repas", {0, 3}, date(2018, 9, 1), date(2018, 10, 31)
    )
    assert booked.days[:2] == (date(2018, 9, 3), date(2018, 9, 6))
    assert booked.days[-1] == date(2018, 10, 18)
    assert len(booked.days) == 14
    # One day to every day of the school week: the parents define them.
    assert regime.allowed_counts(frozenset({0, 1, 3, 4})) == range(1, 5)


def test_a_new_choice_of_days_waits_for_the_next_school_year() -> None:
    # « pour l'année scolaire »: a choice made on the last second of August takes effect that
    # rentrée, one made on 1 September at midnight the year after.
    regimes = POLICY.regimes_of("repas")
    assert regimes is not None
    assert regimes.fixed_days is not None
    terms = regimes.fixed_days.changes
    before = terms.takes_effect(POLICY.calendar, paris(2018, 8, 31, 23, 59, 59))
    at = terms.takes_effect(POLICY.calendar, paris(2018, 9, 1))
    assert before is not None
    assert at is not None
    assert (before.from_day, at.from_day) == (date(2018, 9, 1), date(2019, 9, 1))


def test_a_fixed_day_is_still_cancelled_three_days_before() -> None:
    # « Les repas doivent être annulés 3 jours avant. »: the regime books the days, the deadline
    # to cancel one of them stays 72 hours before the meal.

    assert_deadline(POLICY, ChangeAction.CANCEL, date(2018, 11, 15), paris(2018, 11, 12, 12))
