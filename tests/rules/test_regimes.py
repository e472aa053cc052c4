"""Attendance regimes: the days a fixed-days regime books, the choices it refuses, and when a
change of the chosen days takes effect."""

from __future__ import annotations

from datetime import date, time, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import InvalidValueError, Service, ServiceKind
from cantine_rules.calendar import FOUR_AND_A_HALF_DAYS, SchoolCalendar, Zone
from cantine_rules.calendar._answers import SkipReason
from cantine_rules.money import Money
from cantine_rules.policies import get
from cantine_rules.rules.booking import BookingRules, ServiceRules
from cantine_rules.rules.deadlines import HoursBefore
from cantine_rules.rules.regimes import (
    ChangeEffect,
    DayChangeTerms,
    FixedDays,
    Occasional,
    ServiceRegimes,
    service_weekdays,
)
from cantine_rules.sources import Source
from cantine_rules.testing import day_change_terms
from tests._helpers import paris

_SRC = Source.example("un à cinq jours fixes par semaine")
MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
RULES = ServiceRules(HoursBefore(48), HoursBefore(48))
# Zone B, four-day week (no school on Wednesday).
BOOKING = BookingRules(SchoolCalendar(Zone.B), (MEAL,), RULES)
MONTHLY = FixedDays(DayChangeTerms(ChangeEffect.NEXT_MONTH), _SRC)
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = range(5)


# The days a regime books -----------------------------------------------------------------------


def test_fixed_days_across_the_christmas_break() -> None:
    # Zone B, 2024-2025: the Christmas break runs from Saturday 21 December to Sunday 5 January.
    booked = MONTHLY.booked_days(
        BOOKING, "repas", {MONDAY, THURSDAY}, date(2024, 12, 16), date(2025, 1, 10)
    )
    assert booked.days == (
        date(2024, 12, 16),
        date(2024, 12, 19),
        date(2025, 1, 6),
        date(2025, 1, 9),
    )
    skipped = {day.day: (day.reason, day.label) for day in booked.skipped}
    assert skipped[date(2024, 12, 23)] == (SkipReason.SCHOOL_HOLIDAY, "Vacances de Noël")
    assert skipped[date(2025, 1, 2)] == (SkipReason.SCHOOL_HOLIDAY, "Vacances de Noël")
    # The last school day before the break and the first after it, each on the chosen weekdays.
    assert date(2024, 12, 19) in booked.days
    assert date(2025, 1, 6) in booked.days


def test_a_month_with_a_public_holiday() -> None:
    # May 2025: Thursday 1 May (Fête du travail), 8 May (Victoire 1945), 29 May (Ascension).
    booked = MONTHLY.booked_days(BOOKING, "repas", {THURSDAY}, date(2025, 5, 1), date(2025, 5, 31))
    assert booked.days == (date(2025, 5, 15), date(2025, 5, 22))
    reasons = {day.day: day.reason for day in booked.skipped}
    assert reasons[date(2025, 5, 1)] is SkipReason.PUBLIC_HOLIDAY
    assert reasons[date(2025, 5, 8)] is SkipReason.PUBLIC_HOLIDAY
    assert reasons[date(2025, 5, 29)] is SkipReason.PUBLIC_HOLIDAY


def test_the_first_and_last_day_of_a_month_are_booked() -> None:
    # October 2024 begins on a Tuesday; September 2024 ends on a Monday.
    october = MONTHLY.booked_days(
        BOOKING, "repas", {TUESDAY}, date(2024, 10, 1), date(2024, 10, 31)
    )
    assert october.days[0] == date(2024, 10, 1)
    september = MONTHLY.booked_days(BOOKING, "repas", {MONDAY}, date(2024, 9, 1), date(2024, 9, 30))
    assert september.days[-1] == date(2024, 9, 30)
    assert date(2024, 9, 30) not in october.days


def test_an_occasional_regime_books_nothing_by_itself() -> None:
    regimes = ServiceRegimes("repas", [Occasional(_SRC, Money.euros("3.70"))])
    assert regimes.fixed_days is None
    assert regimes.occasional is not None
    assert regimes.occasional.unit_price == Money.euros("3.70")


# Choices the regime refuses --------------------------------------------------------------------


def test_a_weekday_the_service_does_not_run_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        MONTHLY.check_choice(BOOKING, "repas", {MONDAY, WEDNESDAY})
    assert caught.value.field == "weekdays"
    assert caught.value.value == WEDNESDAY


@pytest.mark.parametrize("chosen", [set(), {MONDAY, TUESDAY, THURSDAY}])
def test_too_few_or_too_many_weekdays_are_refused(chosen: set[int]) -> None:
    two = FixedDays(DayChangeTerms(ChangeEffect.NEXT_MONTH), _SRC, min_days=1, max_days=2)
    with pytest.raises(InvalidValueError) as caught:
        two.check_choice(BOOKING, "repas", chosen)
    assert caught.value.field == "weekdays"


def test_a_regime_may_name_the_weekdays_to_choose_among() -> None:
    monday_or_friday = FixedDays(
        DayChangeTerms(ChangeEffect.NEXT_MONTH), _SRC, weekdays={MONDAY, FRIDAY}
    )
    assert monday_or_friday.allowed_counts(service_weekdays(BOOKING, "repas")) == range(1, 3)
    with pytest.raises(InvalidValueError) as caught:
        monday_or_friday.check_choice(BOOKING, "repas", {TUESDAY})
    assert (caught.value.field, caught.value.value) == ("weekdays", TUESDAY)
    wednesday = FixedDays(DayChangeTerms(ChangeEffect.NEXT_MONTH), _SRC, weekdays={WEDNESDAY})
    with pytest.raises(InvalidValueError) as caught:
        ServiceRegimes("repas", [wednesday]).check_against(BOOKING)
    assert caught.value.field == "offers[0].weekdays"


def test_the_service_days_bound_a_choice() -> None:
    assert service_weekdays(BOOKING, "repas") == {MONDAY, TUESDAY, THURSDAY, FRIDAY}
    wednesday_school = attrs.evolve(
        BOOKING, calendar=SchoolCalendar(Zone.C, school_week=FOUR_AND_A_HALF_DAYS)
    )
    assert len(MONTHLY.check_choice(wednesday_school, "repas", range(5))) == 5


@pytest.mark.parametrize(
    ("low", "high", "field"), [(0, None, "min_days"), (1, 8, "max_days"), (3, 2, "max_days")]
)
def test_a_fixed_days_regime_needs_one_to_seven_days(
    low: int, high: int | None, field: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        FixedDays(DayChangeTerms(ChangeEffect.NEXT_MONTH), _SRC, min_days=low, max_days=high)
    assert caught.value.field == field


def test_more_days_than_the_service_runs_is_refused_by_the_policy() -> None:
    policy = get("saint-just-d-avray")  # a four-day week
    five = FixedDays(DayChangeTerms(ChangeEffect.NEXT_MONTH), _SRC, min_days=1, max_days=5)
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(policy, regimes=[ServiceRegimes("repas", [five])])
    assert caught.value.field == "regimes[0].offers[0].max_days"
    four = attrs.evolve(five, max_days=4)
    assert attrs.evolve(policy, regimes=[ServiceRegimes("repas", [four])]).regimes_of("repas")


def test_a_service_offers_each_regime_once() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ServiceRegimes("repas", [Occasional(_SRC), Occasional(_SRC)])
    assert caught.value.field == "offers[1]"
    with pytest.raises(InvalidValueError):
        ServiceRegimes("repas", [])


# When a change of the chosen days takes effect -------------------------------------------------


def test_next_month_one_second_before_and_at_the_first() -> None:
    # Le Rove: « Pour toute inscription en cours de mois, celle-ci sera effective pour le mois
    # suivant. »
    terms = DayChangeTerms(ChangeEffect.NEXT_MONTH)
    before = terms.takes_effect(BOOKING.calendar, paris(2024, 11, 30, 23, 59, 59))
    at = terms.takes_effect(BOOKING.calendar, paris(2024, 12, 1))
    assert before is not None
    assert at is not None
    assert before.from_day == date(2024, 12, 1)
    assert before.deadline == paris(2024, 12, 1)
    assert at.from_day == date(2025, 1, 1)


def test_the_deadline_of_a_month_follows_the_clock_change() -> None:
    # The clocks go back on Sunday 27 October 2024: 1 November starts at +01:00.
    terms = DayChangeTerms(ChangeEffect.NEXT_MONTH)
    effect = terms.takes_effect(BOOKING.calendar, paris(2024, 10, 20))
    assert effect is not None
    assert effect.deadline.isoformat() == "2024-11-01T00:00:00+01:00"


def test_next_period_fifteen_days_before_the_holidays() -> None:
    # Paris, CDE 12: « 15 jours avant la période des futures vacances pour un effet sur le
    # bimestre suivant ». Zone B: the Christmas break starts on Saturday 21 December 2024, so the
    # request must come before 00:00 on Friday 6 December for the days to change on 6 January.
    terms = DayChangeTerms(ChangeEffect.NEXT_PERIOD, notice_days=15)
    before = terms.takes_effect(BOOKING.calendar, paris(2024, 12, 5, 23, 59, 59))
    at = terms.takes_effect(BOOKING.calendar, paris(2024, 12, 6))
    assert before is not None
    assert at is not None
    assert (before.from_day, before.deadline) == (date(2025, 1, 6), paris(2024, 12, 6))
    # Too late for Christmas: after the winter break (8 to 23 February 2025).
    assert at.from_day == date(2025, 2, 24)


def test_a_bridge_does_not_end_a_period() -> None:
    # Zone B 2025: the Ascension bridge (29 May to 1 June) is not holidays of a week.
    terms = DayChangeTerms(ChangeEffect.NEXT_PERIOD)
    effect = terms.takes_effect(BOOKING.calendar, paris(2025, 5, 10))
    assert effect is not None
    assert effect.from_day == date(2025, 9, 1)


def test_an_annual_contract_changes_at_the_next_school_year() -> None:
    # « L'inscription à l'un de ces forfaits est annuelle »
    terms = DayChangeTerms(ChangeEffect.NEXT_SCHOOL_YEAR)
    before = terms.takes_effect(BOOKING.calendar, paris(2025, 8, 31, 23, 59, 59))
    at = terms.takes_effect(BOOKING.calendar, paris(2025, 9, 1))
    assert before is not None
    assert at is not None
    assert before.from_day == date(2025, 9, 1)
    assert at.from_day == date(2026, 9, 1)


def test_a_notice_above_a_year_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        DayChangeTerms(ChangeEffect.NEXT_MONTH, notice_days=367)
    assert caught.value.field == "notice_days"


@settings(max_examples=60, deadline=None)
@given(day_change_terms(), st.integers(0, 300 * 86400), st.integers(0, 60 * 86400))
def test_an_earlier_request_never_takes_effect_later(
    terms: DayChangeTerms, offset: int, earlier_by: int
) -> None:
    later_at = paris(2024, 9, 1) + timedelta(seconds=offset)
    earlier_at = later_at - timedelta(seconds=earlier_by)
    later = terms.takes_effect(BOOKING.calendar, later_at)
    earlier = terms.takes_effect(BOOKING.calendar, earlier_at)
    assert later is not None
    assert earlier is not None
    assert earlier.from_day <= later.from_day
    assert later_at < later.deadline
    assert later.from_day > later_at.date()
    assert later == terms.takes_effect(BOOKING.calendar, later_at)


def test_a_long_notice_reaches_a_later_break() -> None:
    # 100 days before the Christmas break (Saturday 21 December 2024) is Thursday 12 September.
    terms = DayChangeTerms(ChangeEffect.NEXT_PERIOD, notice_days=100)
    before = terms.takes_effect(BOOKING.calendar, paris(2024, 9, 11, 23, 59, 59))
    at = terms.takes_effect(BOOKING.calendar, paris(2024, 9, 12))
    assert before is not None
    assert at is not None
    assert before.from_day == date(2025, 1, 6)
    # Too late for Christmas: the winter break (from 8 February 2025) ends on 23 February.
    assert at.from_day == date(2025, 2, 24)
