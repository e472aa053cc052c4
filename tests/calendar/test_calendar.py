"""The school calendar: named cases, services, period expansion, values and bad input."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from dateutil.rrule import TU, WEEKLY, rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import ServiceKind
from cantine_rules.calendar import (
    DEFAULT_SERVICE_DAYS,
    FOUR_AND_A_HALF_DAYS,
    FOUR_DAYS,
    PACKAGE_SCHOOL_HOLIDAYS,
    SHIPPED_SCHOOL_HOLIDAYS,
    Closure,
    DataSource,
    DayInfo,
    ExtraOpenDay,
    OfficialSchoolHolidays,
    PeriodExpansion,
    SchoolCalendar,
    SchoolWeek,
    SchoolYear,
    ServiceDays,
    SkippedDay,
    SkipReason,
    Zone,
)
from cantine_rules.errors import (
    CalendarError,
    EmptyIdentifierError,
    InvalidTypeError,
    OutOfRangeError,
    UnknownCodeError,
)

ZONE_C = SchoolCalendar(Zone.C, "75")
MOSELLE = SchoolCalendar(Zone.B, "57")


def tuesdays(start: date, end: date) -> list[date]:
    first = start + timedelta(days=(1 - start.weekday()) % 7)
    return [first + timedelta(weeks=k) for k in range((end - first).days // 7 + 1)]


# Working days ----------------------------------------------------------------------------------


def test_monday_13_may_2024_minus_two_working_days_is_tuesday_7_may() -> None:
    # Thursday 9 May is Ascension and Wednesday 8 May is the Fête de la Victoire; Friday 10 May
    # (the pont) is a school holiday but still a working day.
    assert ZONE_C.sub_working_days(date(2024, 5, 13), 2) == date(2024, 5, 7)
    assert ZONE_C.is_working_day(date(2024, 5, 10))


def test_seed_002_counts_working_days_back_from_the_service_day() -> None:
    # Seed 002: « un délai de 48h jours ouvrés pour le périscolaire »; the domain notes: "2
    # working days before a Thursday service is Tuesday, and 2 before a Monday is the previous
    # Thursday".
    assert ZONE_C.sub_working_days(date(2024, 9, 19), 2) == date(2024, 9, 17)
    assert ZONE_C.sub_working_days(date(2024, 9, 23), 2) == date(2024, 9, 19)


def test_add_working_days_counts_from_the_day_after() -> None:
    saturday = date(2024, 9, 21)
    assert ZONE_C.add_working_days(saturday, 0) == saturday
    assert ZONE_C.add_working_days(saturday, 1) == date(2024, 9, 23)
    assert ZONE_C.add_working_days(date(2024, 9, 23), 1) == date(2024, 9, 24)


def test_negative_n_subtracts_like_workalendar() -> None:
    monday = date(2024, 5, 13)
    assert ZONE_C.add_working_days(monday, -2) == date(2024, 5, 7)
    # workalendar's sub_working_days ignores the sign of its delta.
    assert ZONE_C.sub_working_days(monday, -2) == date(2024, 5, 7)


@settings(max_examples=200)
@given(
    st.lists(st.dates(date(2017, 3, 1), date(2028, 10, 31)), max_size=30),
    st.integers(-25, 25),
)
def test_many_days_at_once_are_each_day_alone(days: list[date], n: int) -> None:
    assert ZONE_C.sub_working_days_many(days, n) == tuple(
        ZONE_C.sub_working_days(day, n) for day in days
    )


def test_many_days_at_once_name_the_day_that_is_wrong() -> None:
    monday = date(2024, 5, 13)
    assert ZONE_C.sub_working_days_many([], 2) == ()
    assert ZONE_C.sub_working_days_many([monday], 0) == (monday,)
    with pytest.raises(InvalidTypeError) as wrong:
        ZONE_C.sub_working_days_many([monday, datetime(2024, 5, 14, 9)], 2)
    assert wrong.value.field == "days[1]"
    with pytest.raises(OutOfRangeError) as outside:
        ZONE_C.sub_working_days_many([monday, monday, date(1990, 1, 1)], 2)
    assert outside.value.field == "days[2]"
    with pytest.raises(InvalidTypeError) as count:
        ZONE_C.sub_working_days_many([monday], True)
    assert count.value.field == "n"


def test_working_days_between_counts_the_end_and_not_the_start() -> None:
    assert ZONE_C.working_days_between(date(2024, 5, 7), date(2024, 5, 13)) == 2
    assert ZONE_C.working_days_between(date(2024, 5, 13), date(2024, 5, 7)) == -2
    assert ZONE_C.working_days_between(date(2024, 5, 9), date(2024, 5, 9)) == 0


def test_jours_ouvres_and_jours_ouvrables() -> None:
    saturday, sunday = date(2024, 9, 21), date(2024, 9, 22)
    assert not ZONE_C.is_working_day(saturday)
    assert ZONE_C.is_ouvrable_day(saturday)
    assert not ZONE_C.is_ouvrable_day(sunday)
    ascension = date(2024, 5, 9)
    assert not ZONE_C.is_working_day(ascension)
    assert not ZONE_C.is_ouvrable_day(ascension)


def test_closures_do_not_change_working_days() -> None:
    strike = date(2024, 12, 5)
    calendar = SchoolCalendar(Zone.C, closures=(Closure(strike, "Grève"),))
    assert calendar.is_working_day(strike)
    assert calendar.add_working_days(date(2024, 12, 4), 1) == strike


# Public holidays -------------------------------------------------------------------------------


def test_vendredi_saint_is_a_public_holiday_in_moselle_and_not_in_paris() -> None:
    good_friday = date(2024, 3, 29)
    assert MOSELLE.public_holiday(good_friday) == "Vendredi saint"
    assert not ZONE_C.is_public_holiday(good_friday)
    assert ZONE_C.public_holiday(good_friday) is None
    assert ZONE_C.is_working_day(good_friday)
    assert not MOSELLE.is_working_day(good_friday)


@pytest.mark.parametrize("department", ["57", "67", "68"])
def test_alsace_moselle_adds_vendredi_saint_and_26_december(department: str) -> None:
    calendar = SchoolCalendar.for_department(Zone.B, department)
    assert calendar.is_public_holiday(date(2024, 3, 29))
    assert calendar.public_holiday(date(2024, 12, 26)) == "Saint-Étienne"


@pytest.mark.parametrize("department", [None, "01", "54", "75", "88", "95"])
def test_other_departments_have_the_eleven_national_holidays(department: str | None) -> None:
    calendar = SchoolCalendar(Zone.A, department)
    holidays_2024 = [
        day
        for day in (date(2024, 1, 1) + timedelta(days=k) for k in range(366))
        if calendar.is_public_holiday(day)
    ]
    assert len(holidays_2024) == 11
    assert calendar.public_holiday(date(2024, 5, 9)) == "Ascension"


# School holidays and school days ---------------------------------------------------------------


def test_pont_de_l_ascension_closes_schools() -> None:
    friday = date(2024, 5, 10)
    assert not ZONE_C.is_school_day(friday)
    assert ZONE_C.school_holiday(friday) == "Pont de l'Ascension"
    assert not ZONE_C.runs(ServiceKind.MEAL, friday)


def test_the_2025_summer_break_in_zone_c() -> None:
    assert ZONE_C.is_school_day(date(2025, 7, 4))
    assert ZONE_C.school_holiday(date(2025, 7, 4)) is None
    assert ZONE_C.school_holiday(date(2025, 7, 5)) == "Vacances d'été"
    assert ZONE_C.school_holiday(date(2025, 8, 31)) == "Vacances d'été"
    assert ZONE_C.school_holiday(date(2025, 9, 1)) is None
    # The rentrée, Monday 1 September 2025, is a school day.
    assert ZONE_C.is_school_day(date(2025, 9, 1))


def test_weekends_inside_a_break_carry_its_name() -> None:
    assert ZONE_C.school_holiday(date(2024, 10, 26)) == "Vacances de la Toussaint"
    assert not ZONE_C.is_school_day(date(2024, 10, 26))


def test_wednesday_has_school_only_in_a_four_and_a_half_day_week() -> None:
    wednesday = date(2024, 9, 18)
    assert not SchoolCalendar(Zone.C, school_week=FOUR_DAYS).is_school_day(wednesday)
    assert SchoolCalendar(Zone.C, school_week=FOUR_AND_A_HALF_DAYS).is_school_day(wednesday)


def test_a_school_week_with_saturday_morning() -> None:
    calendar = SchoolCalendar(Zone.A, school_week=SchoolWeek(frozenset({0, 1, 3, 4, 5})))
    assert calendar.is_school_day(date(2024, 9, 21))
    assert not calendar.is_school_day(date(2024, 9, 18))


def test_a_public_holiday_is_never_a_school_day() -> None:
    armistice = date(2024, 11, 11)  # a Monday, after the Toussaint break
    assert ZONE_C.school_holiday(armistice) is None
    assert not ZONE_C.is_school_day(armistice)


def test_a_commune_closure_makes_the_day_not_a_school_day() -> None:
    strike = date(2024, 12, 5)
    calendar = SchoolCalendar(Zone.C, closures=(Closure(strike, "Grève"),))
    assert ZONE_C.is_school_day(strike)
    assert not calendar.is_school_day(strike)
    assert calendar.closure(strike) == "Grève"
    assert calendar.closure(date(2024, 12, 6)) is None
    assert not calendar.runs(ServiceKind.MEAL, strike)
    info = calendar.day_info(strike)
    assert info.closure == "Grève"
    assert info.sources["school_day"] is DataSource.COMMUNE


def test_a_closure_during_the_holidays_closes_the_holiday_centre() -> None:
    day = date(2024, 10, 21)
    calendar = SchoolCalendar(Zone.C, closures=(Closure(day, "Fermeture exceptionnelle"),))
    assert ZONE_C.runs(ServiceKind.HOLIDAY_CENTRE, day)
    assert not calendar.runs(ServiceKind.HOLIDAY_CENTRE, day)


def test_an_extra_open_day() -> None:
    wednesday = date(2024, 5, 22)
    calendar = SchoolCalendar(
        Zone.C, extra_open_days=(ExtraOpenDay(wednesday, "Rattrapage du pont de l'Ascension"),)
    )
    assert not ZONE_C.is_school_day(wednesday)
    assert calendar.is_school_day(wednesday)
    assert calendar.runs(ServiceKind.MEAL, wednesday)
    assert not calendar.runs(ServiceKind.WEDNESDAY_CENTRE, wednesday)
    info = calendar.day_info(wednesday)
    assert info.extra_open_day == "Rattrapage du pont de l'Ascension"
    assert info.sources["school_day"] is DataSource.COMMUNE


def test_an_extra_open_day_inside_the_holidays() -> None:
    saturday = date(2024, 10, 19)
    calendar = SchoolCalendar(Zone.C, extra_open_days=(ExtraOpenDay(saturday, "Portes ouvertes"),))
    assert calendar.is_school_day(saturday)
    assert calendar.school_holiday(saturday) == "Vacances de la Toussaint"


def test_the_school_year_runs_from_1_september_to_31_august() -> None:
    year = ZONE_C.school_year(date(2024, 9, 1))
    assert year == SchoolYear("2024-2025", date(2024, 9, 1), date(2025, 8, 31))
    assert ZONE_C.school_year(date(2025, 8, 31)) == year
    assert date(2025, 9, 1) not in year
    assert SchoolYear.starting_in(2024) == year


# Services --------------------------------------------------------------------------------------


def test_default_service_days() -> None:
    for kind in (
        ServiceKind.MEAL,
        ServiceKind.MORNING_CARE,
        ServiceKind.EVENING_CARE,
        ServiceKind.STUDY,
    ):
        assert DEFAULT_SERVICE_DAYS[kind] == {ServiceDays.SCHOOL_DAYS}
    assert DEFAULT_SERVICE_DAYS[ServiceKind.WEDNESDAY_CENTRE] == {ServiceDays.WEDNESDAYS}
    assert DEFAULT_SERVICE_DAYS[ServiceKind.HOLIDAY_CENTRE] == {ServiceDays.SCHOOL_HOLIDAYS}
    assert set(DEFAULT_SERVICE_DAYS) == set(ServiceKind)


def test_the_wednesday_centre_runs_on_wednesdays_outside_the_holidays() -> None:
    assert ZONE_C.runs(ServiceKind.WEDNESDAY_CENTRE, date(2024, 9, 18))
    assert not ZONE_C.runs(ServiceKind.WEDNESDAY_CENTRE, date(2024, 10, 23))  # Toussaint
    assert ZONE_C.runs(ServiceKind.HOLIDAY_CENTRE, date(2024, 10, 23))
    assert not ZONE_C.runs(ServiceKind.WEDNESDAY_CENTRE, date(2024, 9, 19))  # a Thursday
    # A Wednesday with school (4.5-day week) has no wednesday centre.
    half = SchoolCalendar(Zone.C, school_week=FOUR_AND_A_HALF_DAYS)
    assert not half.runs(ServiceKind.WEDNESDAY_CENTRE, date(2024, 9, 18))


def test_the_holiday_centre_runs_on_holiday_weekdays_but_not_on_a_public_holiday() -> None:
    assert not ZONE_C.runs(ServiceKind.HOLIDAY_CENTRE, date(2025, 7, 14))  # Fête nationale
    assert ZONE_C.runs(ServiceKind.HOLIDAY_CENTRE, date(2025, 7, 15))
    assert not ZONE_C.runs(ServiceKind.HOLIDAY_CENTRE, date(2025, 8, 15))  # Assomption
    assert not ZONE_C.runs(ServiceKind.HOLIDAY_CENTRE, date(2025, 7, 19))  # a Saturday
    assert not ZONE_C.runs(ServiceKind.HOLIDAY_CENTRE, date(2025, 6, 3))  # a school day
    assert ZONE_C.runs(ServiceKind.HOLIDAY_CENTRE, date(2024, 5, 10))  # the pont


def test_a_service_on_several_kinds_of_day() -> None:
    alsh = frozenset({ServiceDays.WEDNESDAYS, ServiceDays.SCHOOL_HOLIDAYS})
    days = ZONE_C.service_days(alsh, date(2024, 10, 14), date(2024, 10, 27))
    assert days == (
        date(2024, 10, 16),
        date(2024, 10, 21),
        date(2024, 10, 22),
        date(2024, 10, 23),
        date(2024, 10, 24),
        date(2024, 10, 25),
    )


def test_service_days_is_inclusive() -> None:
    week = ZONE_C.service_days(ServiceKind.MEAL, date(2024, 9, 16), date(2024, 9, 20))
    assert week == (date(2024, 9, 16), date(2024, 9, 17), date(2024, 9, 19), date(2024, 9, 20))


# Period expansion ------------------------------------------------------------------------------

# Seed 002: « J'ouvre pour la période du 01/09/2021 au 04/07/2022, si je coche périscolaire soir
# le mardi, cela signifie que mon enfant sera inscrit tous les mardis de l'année ».
SEED_START, SEED_END = date(2021, 9, 1), date(2022, 7, 4)
# The Tuesdays of the zone C breaks of 2021-2022 (Toussaint, Noël, hiver, printemps).
ZONE_C_HOLIDAY_TUESDAYS = {
    date(2021, 10, 26): "Vacances de la Toussaint",
    date(2021, 11, 2): "Vacances de la Toussaint",
    date(2021, 12, 21): "Vacances de Noël",
    date(2021, 12, 28): "Vacances de Noël",
    date(2022, 2, 22): "Vacances d'hiver",
    date(2022, 3, 1): "Vacances d'hiver",
    date(2022, 4, 26): "Vacances de printemps",
    date(2022, 5, 3): "Vacances de printemps",
}


def test_seed_002_every_tuesday_of_the_period() -> None:
    calendar = SchoolCalendar(Zone.C)
    period = calendar.expand(ServiceKind.EVENING_CARE, SEED_START, SEED_END, frozenset({1}))
    every_tuesday = tuesdays(SEED_START, SEED_END)
    assert len(every_tuesday) == 43
    assert period.days == tuple(d for d in every_tuesday if d not in ZONE_C_HOLIDAY_TUESDAYS)
    assert period.skipped == tuple(
        SkippedDay(day, SkipReason.SCHOOL_HOLIDAY, label)
        for day, label in ZONE_C_HOLIDAY_TUESDAYS.items()
    )
    assert period.days[0] == date(2021, 9, 7)
    assert period.days[-1] == date(2022, 6, 28)


def test_seed_002_through_an_rrule() -> None:
    calendar = SchoolCalendar(Zone.C)
    every_tuesday = rrule(
        WEEKLY, byweekday=TU, dtstart=datetime(2021, 8, 1), until=datetime(2023, 1, 1)
    )
    by_rule = calendar.expand(ServiceKind.EVENING_CARE, SEED_START, SEED_END, rule=every_tuesday)
    by_weekday = calendar.expand(ServiceKind.EVENING_CARE, SEED_START, SEED_END, frozenset({1}))
    assert by_rule == by_weekday
    both = calendar.expand(
        ServiceKind.EVENING_CARE, SEED_START, SEED_END, frozenset({1}), rule=every_tuesday
    )
    assert both == by_weekday


def test_seed_002_period_with_a_public_holiday_and_a_closure() -> None:
    strike = date(2022, 1, 11)
    calendar = SchoolCalendar(Zone.C, closures=(Closure(strike, "Grève"),))
    mondays = calendar.expand(ServiceKind.EVENING_CARE, SEED_START, SEED_END, frozenset({0}))
    reasons = {skipped.day: (skipped.reason, skipped.label) for skipped in mondays.skipped}
    assert reasons[date(2022, 4, 18)] == (SkipReason.PUBLIC_HOLIDAY, "Lundi de Pâques")
    assert reasons[date(2022, 6, 6)] == (SkipReason.PUBLIC_HOLIDAY, "Lundi de Pentecôte")
    # 1 November 2021, a Monday inside the Toussaint break: the public holiday comes first.
    assert reasons[date(2021, 11, 1)] == (SkipReason.PUBLIC_HOLIDAY, "Toussaint")
    tuesdays_ = calendar.expand(ServiceKind.EVENING_CARE, SEED_START, SEED_END, frozenset({1}))
    assert SkippedDay(strike, SkipReason.CLOSURE, "Grève") in tuesdays_.skipped
    assert strike not in tuesdays_.days


def test_expansion_without_a_weekday_filter_lists_every_other_day() -> None:
    period = ZONE_C.expand(ServiceKind.MEAL, date(2024, 9, 16), date(2024, 9, 22))
    assert period.days == ZONE_C.service_days(
        ServiceKind.MEAL, date(2024, 9, 16), date(2024, 9, 22)
    )
    assert [(s.day.day, s.reason, s.label) for s in period.skipped] == [
        (18, SkipReason.NO_SERVICE, "Service non assuré ce mercredi"),
        (21, SkipReason.NO_SERVICE, "Service non assuré ce samedi"),
        (22, SkipReason.NO_SERVICE, "Service non assuré ce dimanche"),
    ]


def test_a_holiday_centre_is_not_skipped_for_school_holidays() -> None:
    period = ZONE_C.expand(ServiceKind.HOLIDAY_CENTRE, date(2024, 10, 17), date(2024, 10, 21))
    assert period.days == (date(2024, 10, 21),)
    assert [(s.day.day, s.reason) for s in period.skipped] == [
        (17, SkipReason.NO_SERVICE),
        (18, SkipReason.NO_SERVICE),
        (19, SkipReason.NO_SERVICE),
        (20, SkipReason.NO_SERVICE),
    ]


# Day information -------------------------------------------------------------------------------


def test_day_info_reports_each_answer_and_its_source() -> None:
    info = MOSELLE.day_info(date(2024, 12, 26))
    assert info == DayInfo(
        day=date(2024, 12, 26),
        school_day=False,
        public_holiday="Saint-Étienne",
        school_holiday="Vacances de Noël",
        closure=None,
        working_day=False,
        sources={
            "public_holiday": DataSource.HOLIDAYS_PACKAGE,
            "school_holiday": DataSource.HOLIDAYS_PACKAGE,
            "closure": DataSource.COMMUNE,
            "school_day": DataSource.HOLIDAYS_PACKAGE,
        },
    )
    school_day = ZONE_C.day_info(date(2024, 9, 17))
    assert school_day.school_day
    assert school_day.working_day
    assert school_day.sources["school_day"] is DataSource.SCHOOL_WEEK
    assert ZONE_C.day_info(date(2024, 9, 18)).sources["school_day"] is DataSource.SCHOOL_WEEK


def test_days_lists_day_info_inclusive() -> None:
    infos = ZONE_C.days(date(2024, 5, 8), date(2024, 5, 13))
    assert [info.day.day for info in infos] == [8, 9, 10, 11, 12, 13]
    assert [info.school_day for info in infos] == [False, False, False, False, False, True]
    assert infos[0].public_holiday == "Fête de la Victoire"


def test_day_info_sources_are_read_only_and_checked() -> None:
    info = ZONE_C.day_info(date(2024, 9, 17))
    with pytest.raises(TypeError):
        info.sources["closure"] = DataSource.HOLIDAYS_PACKAGE  # type: ignore[index]
    with pytest.raises(CalendarError):
        attrs.evolve(info, sources={"closure": DataSource.COMMUNE})
    with pytest.raises(InvalidTypeError):
        attrs.evolve(info, sources={**info.sources, "closure": "commune"})  # type: ignore[dict-item]


# Values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["A", "a", "zone a", "Zone A", "  ZONE   A "])
def test_zone_parse_accepts_the_usual_spellings(text: str) -> None:
    assert Zone.parse(text) is Zone.A


@pytest.mark.parametrize("text", ["D", "", "Zone", "zone A B", "Corse", "Zone-A"])
def test_zone_parse_lists_the_known_zones(text: str) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        Zone.parse(text)
    assert caught.value.known == ("A", "B", "C")
    assert caught.value.field == "zone"


def test_a_calendar_takes_a_zone_or_its_name() -> None:
    assert SchoolCalendar("Zone B") == SchoolCalendar(Zone.B)
    with pytest.raises(UnknownCodeError, match="known: A, B, C"):
        SchoolCalendar("Zone D")
    with pytest.raises(InvalidTypeError):
        SchoolCalendar(3)  # type: ignore[arg-type]


def test_calendars_are_frozen_values() -> None:
    first = SchoolCalendar(Zone.C, closures=[Closure(date(2024, 12, 5), "Grève")])  # type: ignore[arg-type]
    second = SchoolCalendar(Zone.C, closures=(Closure(date(2024, 12, 5), "Grève"),))
    assert first == second
    assert hash(first) == hash(second)
    assert first != ZONE_C
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.zone = Zone.A  # type: ignore[misc]
    later = attrs.evolve(first, closures=())
    assert later.is_school_day(date(2024, 12, 5))


def test_a_calendar_asked_and_one_not_asked_are_equal_and_pickle_alike() -> None:
    # The per-day table is built on the first question: it is no part of the value.
    asked, fresh = SchoolCalendar(Zone.A, "69"), SchoolCalendar(Zone.A, "69")
    before = pickle.dumps(asked)
    assert asked.sub_working_days(date(2024, 5, 13), 2) == date(2024, 5, 7)
    assert asked == fresh
    assert hash(asked) == hash(fresh)
    assert pickle.dumps(asked) == before == pickle.dumps(fresh)
    copy = pickle.loads(before)
    assert copy == asked
    assert copy.school_holiday(date(2024, 12, 23)) == asked.school_holiday(date(2024, 12, 23))
    assert copy.public_holiday(date(2024, 5, 9)) == "Ascension"


def test_a_calendar_answers_alike_before_and_after_a_pickle_round_trip() -> None:
    copy = pickle.loads(pickle.dumps(MOSELLE))
    days = [date(2024, 3, 29) + timedelta(days=k) for k in range(400)]
    assert [MOSELLE.day_info(day) for day in days] == [copy.day_info(day) for day in days]
    assert copy.add_working_days(date(2024, 12, 24), 3) == MOSELLE.add_working_days(
        date(2024, 12, 24), 3
    )


def test_service_values_validate_their_fields() -> None:
    with pytest.raises(EmptyIdentifierError):
        Closure(date(2024, 12, 5), " ")
    with pytest.raises(InvalidTypeError) as caught:
        ExtraOpenDay(datetime(2024, 12, 5, 8, 0), "Ouverture")  # type: ignore[arg-type]
    assert caught.value.field == "day"
    with pytest.raises(InvalidTypeError):
        SkippedDay(date(2024, 12, 5), "closure", "Grève")  # type: ignore[arg-type]
    assert PeriodExpansion([date(2024, 12, 5)], []).days == (date(2024, 12, 5),)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("weekdays", "error"),
    [
        (frozenset(), CalendarError),
        (frozenset({6}), CalendarError),
        (frozenset({-1}), CalendarError),
        (frozenset({True}), InvalidTypeError),
        (frozenset({"0"}), InvalidTypeError),
        ("0134", InvalidTypeError),
        (4, InvalidTypeError),
    ],
)
def test_school_week_refuses_bad_weekdays(weekdays: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        SchoolWeek(weekdays)


def test_school_week_constants() -> None:
    assert FOUR_DAYS.weekdays == {0, 1, 3, 4}
    assert FOUR_AND_A_HALF_DAYS.weekdays == {0, 1, 2, 3, 4}
    assert SchoolWeek([0, 1, 3, 4]) == FOUR_DAYS  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("label", "start", "end", "field"),
    [
        ("2024-2025", date(2024, 9, 2), date(2025, 8, 31), "start"),
        ("2024-2025", date(2024, 9, 1), date(2025, 8, 30), "end"),
        ("2024/2025", date(2024, 9, 1), date(2025, 8, 31), "label"),
    ],
)
def test_school_year_refuses_inconsistent_bounds(
    label: str, start: date, end: date, field: str
) -> None:
    with pytest.raises(CalendarError) as caught:
        SchoolYear(label, start, end)
    assert caught.value.field == field


def test_source_and_reason_values() -> None:
    assert [source.value for source in DataSource] == [
        "holidays",
        "official_dataset",
        "commune",
        "school_week",
    ]
    assert {reason.value for reason in SkipReason} == {
        "public_holiday",
        "school_holiday",
        "closure",
        "no_service",
    }


# Bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2016, 12, 31), date(2029, 1, 1)])
def test_a_day_outside_the_years_is_out_of_range(day: date) -> None:
    questions: list[Callable[[date], object]] = [
        ZONE_C.public_holiday,
        ZONE_C.is_public_holiday,
        ZONE_C.is_working_day,
        ZONE_C.is_ouvrable_day,
        ZONE_C.closure,
        ZONE_C.school_holiday,
        ZONE_C.is_school_day,
        ZONE_C.school_year,
        ZONE_C.day_info,
        ZONE_C.knows_school_holidays,
        lambda d: ZONE_C.add_working_days(d, 1),
        lambda d: ZONE_C.sub_working_days(d, 1),
        lambda d: ZONE_C.working_days_between(d, date(2024, 1, 1)),
        lambda d: ZONE_C.runs(ServiceKind.MEAL, d),
    ]
    for question in questions:
        with pytest.raises(OutOfRangeError) as caught:
            question(day)
        assert caught.value.value == day
        assert str(day.year) in str(caught.value)


def test_a_school_holiday_question_past_the_known_data() -> None:
    calendar = SchoolCalendar(Zone.A, first_year=2010, last_year=2035)
    assert (date(2017, 9, 4), date(2028, 8, 31)) == PACKAGE_SCHOOL_HOLIDAYS
    assert (date(2016, 7, 5), date(2028, 8, 31)) == SHIPPED_SCHOOL_HOLIDAYS
    for day in (date(2028, 9, 1), date(2030, 1, 7), date(2016, 7, 4), date(2012, 5, 1)):
        assert not calendar.knows_school_holidays(day)
        for question in (calendar.school_holiday, calendar.is_school_day, calendar.day_info):
            with pytest.raises(OutOfRangeError, match="no school-holiday data") as caught:
                question(day)
            assert caught.value.field == "day"
            assert caught.value.value == day
            # The message says what the package ships, and what this calendar knows.
            assert caught.value.reason == (
                "has no school-holiday data (known: 2016-07-05 to 2028-08-31; the package "
                "ships school holidays from 2016-07-05 to 2028-08-31); load an "
                "OfficialSchoolHolidays that covers it"
            )
    # Every day the package ships is answered, across the seam of the two sources.
    for day in (date(2016, 7, 5), date(2017, 9, 1), date(2017, 9, 4), date(2028, 8, 31)):
        assert calendar.knows_school_holidays(day)
    # Public holidays and working days are still answered there.
    assert calendar.public_holiday(date(2030, 5, 30)) == "Ascension"
    assert calendar.is_working_day(date(2030, 1, 7))
    assert calendar.knows_school_holidays(date(2028, 8, 31))
    with pytest.raises(OutOfRangeError) as caught:
        calendar.service_days(ServiceKind.MEAL, date(2028, 6, 1), date(2028, 9, 30))
    assert caught.value.field == "end"


def test_working_day_arithmetic_may_not_leave_the_years() -> None:
    with pytest.raises(OutOfRangeError) as caught:
        ZONE_C.add_working_days(date(2028, 12, 28), 3)
    assert caught.value.field == "n"
    with pytest.raises(OutOfRangeError):
        ZONE_C.sub_working_days(date(2017, 1, 3), 2)
    assert ZONE_C.sub_working_days(date(2017, 1, 3), 1) == date(2017, 1, 2)


def test_a_closure_outside_the_years_is_refused() -> None:
    closures = (Closure(date(2024, 12, 5), "Grève"), Closure(date(2029, 1, 8), "Grève"))
    with pytest.raises(CalendarError) as caught:
        SchoolCalendar(Zone.C, closures=closures)
    assert caught.value.field == "closures[1]"
    assert caught.value.value == date(2029, 1, 8)


def test_two_closures_on_one_day_are_refused() -> None:
    strike = date(2024, 12, 5)
    with pytest.raises(CalendarError) as caught:
        SchoolCalendar(Zone.C, closures=(Closure(strike, "Grève"), Closure(strike, "Pont")))
    assert caught.value.field == "closures[1]"


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2024, 5, 9), "public holiday"),
        (date(2024, 9, 17), "already a school day"),
        (date(2029, 5, 9), "outside"),
        (date(2016, 5, 9), "outside"),
    ],
)
def test_extra_open_days_must_add_a_school_day(day: date, reason: str) -> None:
    with pytest.raises(CalendarError, match=reason) as caught:
        SchoolCalendar(Zone.C, extra_open_days=(ExtraOpenDay(day, "Ouverture"),))
    assert caught.value.field == "extra_open_days[0]"


def test_an_extra_open_day_needs_known_school_holidays_and_no_closure() -> None:
    with pytest.raises(CalendarError, match="no school-holiday data"):
        SchoolCalendar(
            Zone.C, last_year=2030, extra_open_days=(ExtraOpenDay(date(2029, 1, 6), "Ouverture"),)
        )
    day = date(2024, 10, 21)
    with pytest.raises(CalendarError, match="closure"):
        SchoolCalendar(
            Zone.C,
            closures=(Closure(day, "Fermeture"),),
            extra_open_days=(ExtraOpenDay(day, "Ouverture"),),
        )
    with pytest.raises(CalendarError, match="twice"):
        SchoolCalendar(
            Zone.C,
            extra_open_days=(ExtraOpenDay(day, "Ouverture"), ExtraOpenDay(day, "Ouverture")),
        )


def test_a_datetime_is_not_a_day() -> None:
    moment = datetime(2024, 5, 13, 8, 30)
    for question in (ZONE_C.is_working_day, ZONE_C.school_holiday, ZONE_C.day_info):
        with pytest.raises(InvalidTypeError) as caught:
            question(moment)
        assert caught.value.field == "day"
    with pytest.raises(InvalidTypeError) as caught:
        ZONE_C.working_days_between(date(2024, 5, 13), moment)
    assert caught.value.field == "end"
    with pytest.raises(InvalidTypeError) as caught:
        ZONE_C.service_days(ServiceKind.MEAL, moment, date(2024, 5, 31))
    assert caught.value.field == "start"
    with pytest.raises(InvalidTypeError):
        ZONE_C.is_working_day("2024-05-13")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        SchoolYear.containing(moment)
    with pytest.raises(InvalidTypeError):
        _ = moment in ZONE_C.school_year(date(2024, 5, 13))


@pytest.mark.parametrize("n", [1.0, "2", True, None])
def test_n_must_be_an_int(n: Any) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        ZONE_C.add_working_days(date(2024, 5, 13), n)
    assert caught.value.field == "n"
    with pytest.raises(InvalidTypeError):
        ZONE_C.sub_working_days(date(2024, 5, 13), n)


@pytest.mark.parametrize(
    ("department", "error"),
    [
        ("20", CalendarError),
        ("96", CalendarError),
        ("7", CalendarError),
        ("075", CalendarError),
        ("", CalendarError),
        ("2A", CalendarError),
        ("974", CalendarError),
        (57, InvalidTypeError),
    ],
)
def test_department_must_be_a_metropolitan_code(department: Any, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        SchoolCalendar(Zone.B, department)
    assert caught.value.field == "department"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("options", "field", "error"),
    [
        ({"first_year": 2020, "last_year": 2019}, "last_year", CalendarError),
        ({"first_year": 1800}, "first_year", OutOfRangeError),
        ({"last_year": 2500}, "last_year", OutOfRangeError),
        ({"first_year": "2017"}, "first_year", InvalidTypeError),
        ({"school_week": frozenset({0, 1})}, "school_week", InvalidTypeError),
        ({"official_holidays": "A"}, "official_holidays", InvalidTypeError),
        ({"closures": (date(2024, 12, 5),)}, "closures[0]", InvalidTypeError),
        ({"official_holidays": OfficialSchoolHolidays(Zone.A)}, "official_holidays", CalendarError),
    ],
)
def test_calendar_options_are_checked(
    options: dict[str, Any], field: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        SchoolCalendar(Zone.C, **options)
    assert caught.value.field == field  # type: ignore[attr-defined]


def test_period_arguments_are_checked() -> None:
    with pytest.raises(CalendarError) as caught:
        ZONE_C.expand(ServiceKind.MEAL, date(2024, 9, 20), date(2024, 9, 1))
    assert caught.value.field == "end"
    with pytest.raises(CalendarError):
        ZONE_C.days(date(2024, 9, 20), date(2024, 9, 1))
    with pytest.raises(InvalidTypeError):
        ZONE_C.expand(ServiceKind.MEAL, date(2024, 9, 1), date(2024, 9, 20), frozenset({7}))
    with pytest.raises(InvalidTypeError):
        ZONE_C.expand(ServiceKind.MEAL, date(2024, 9, 1), date(2024, 9, 20), {1})  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        ZONE_C.expand(ServiceKind.MEAL, date(2024, 9, 1), date(2024, 9, 20), rule="FREQ=WEEKLY")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as wrong_type:
        ZONE_C.runs("meal", date(2024, 9, 17))  # type: ignore[arg-type]
    assert wrong_type.value.field == "service_days"
    with pytest.raises(InvalidTypeError):
        ZONE_C.runs(frozenset(), date(2024, 9, 17))
