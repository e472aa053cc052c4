"""Deadline rules at their exact boundaries, across DST changes, holidays and year ends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import InvalidTypeError, InvalidValueError, Service, ServiceKind
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.policies import (
    AllOf,
    CalendarDaysBefore,
    ChangeWindow,
    ChangeWindowRule,
    ClearDaysBefore,
    FixedWindow,
    HoursBefore,
    MaxHorizon,
    ServiceStart,
    WeekdayBefore,
    WorkingDaysBefore,
    service_start,
)
from cantine_rules.rules.deadlines import (
    MAX_DAYS,
    MAX_HORIZON_DAYS,
    MAX_HOURS,
    MAX_WEEKS,
    bounded_by_start,
)
from tests._helpers import paris, refusal

CAL_B = SchoolCalendar(Zone.B)
CAL_A = SchoolCalendar(Zone.A)
MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
MORNING = Service("matin", "Accueil du matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 30))
EVENING = Service("soir", "Accueil du soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30))
WEDNESDAY = Service("mercredi", "Mercredi", ServiceKind.WEDNESDAY_CENTRE, time(8, 0), time(18, 0))
SECOND = timedelta(seconds=1)


def assert_boundary(window: ChangeWindow, deadline: datetime) -> None:
    """On time one second before the deadline; late at it and one second after."""
    assert window.closes_at == deadline
    assert not window.is_late(deadline - SECOND)
    assert window.is_late(deadline)
    assert window.is_late(deadline + SECOND)


# HoursBefore ------------------------------------------------------------------------------------


def test_chantraine_48_hours_before_the_meal() -> None:
    # Seed 000: « les réservations sont prises en compte 48h avant le repas ».
    window = HoursBefore(48).window(MEAL, date(2024, 9, 19), CAL_B)
    assert_boundary(window, paris(2024, 9, 17, 12, 0))


def test_48_elapsed_hours_across_the_spring_change() -> None:
    # Summer time starts on Sunday 30 March 2025 at 02:00: 48 elapsed hours before Monday 12:00
    # (CEST) is Saturday 11:00 (CET), not 12:00.
    window = HoursBefore(48).window(MEAL, date(2025, 3, 31), CAL_B)
    assert_boundary(window, paris(2025, 3, 29, 11, 0))
    elapsed = service_start(MEAL, date(2025, 3, 31)).astimezone(UTC) - window.closes_at  # type: ignore[operator]
    assert elapsed == timedelta(hours=48)


def test_48_elapsed_hours_across_the_autumn_change() -> None:
    # Summer time ends on Sunday 26 October 2025 at 03:00: 48 elapsed hours before Monday 12:00
    # (CET) is Saturday 13:00 (CEST).
    window = HoursBefore(48).window(MEAL, date(2025, 10, 27), CAL_B)
    assert_boundary(window, paris(2025, 10, 25, 13, 0))
    assert window.closes_at is not None
    assert window.closes_at.utcoffset() == timedelta(hours=2)


def test_72_hours_across_a_year_end() -> None:
    window = HoursBefore(72).window(MEAL, date(2026, 1, 2), CAL_B)
    assert_boundary(window, paris(2025, 12, 30, 12, 0))


# WorkingDaysBefore ------------------------------------------------------------------------------


def test_seed_002_two_working_days_before_thursday_is_tuesday_at_start_time() -> None:
    # Seed 002: « un délai de 48h jours ouvrés pour le périscolaire »; counted back from the
    # service day, 2 working days before a Thursday is the Tuesday, at the service's start time.
    window = WorkingDaysBefore(2).window(EVENING, date(2024, 9, 19), CAL_B)
    assert_boundary(window, paris(2024, 9, 17, 16, 30))


def test_two_working_days_before_monday_is_the_previous_thursday() -> None:
    window = WorkingDaysBefore(2).window(MORNING, date(2024, 9, 23), CAL_B)
    assert_boundary(window, paris(2024, 9, 19, 7, 30))


def test_working_days_skip_public_holidays() -> None:
    # 8 May and Ascension (9 May 2024) are public holidays: Monday 13 May minus 2 is Tuesday 7 May.
    window = WorkingDaysBefore(2).window(MEAL, date(2024, 5, 13), CAL_B)
    assert_boundary(window, paris(2024, 5, 7, 12, 0))


def test_five_working_days_for_wednesdays_is_one_calendar_week() -> None:
    # Seed 002: « 5 jours ouvrés pour les mercredis et vacances », recapped as « (- 7 jours) ».
    window = WorkingDaysBefore(5).window(WEDNESDAY, date(2024, 9, 18), CAL_B)
    assert_boundary(window, paris(2024, 9, 11, 8, 0))


def test_working_days_across_new_year() -> None:
    # Monday 5 January 2026: Friday 2 January is 1, 1 January is a holiday, Wednesday 31 is 2.
    window = WorkingDaysBefore(2).window(MEAL, date(2026, 1, 5), CAL_B)
    assert_boundary(window, paris(2025, 12, 31, 12, 0))


def test_working_days_across_the_spring_change_keep_the_wall_clock_time() -> None:
    window = WorkingDaysBefore(2).window(MORNING, date(2025, 4, 1), CAL_B)
    assert_boundary(window, paris(2025, 3, 28, 7, 30))
    assert window.closes_at is not None
    assert window.closes_at.utcoffset() == timedelta(hours=1)


def test_working_days_with_a_cutoff_time() -> None:
    window = WorkingDaysBefore(2, cutoff=time(10, 0)).window(MEAL, date(2024, 9, 19), CAL_B)
    assert_boundary(window, paris(2024, 9, 17, 10, 0))


# WeekdayBefore ----------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2024, 9, 23), date(2024, 9, 24), date(2024, 9, 27)])
def test_saint_just_thursday_17h_for_the_following_week(day: date) -> None:
    # Seed 003: « Les inscriptions doivent être renseignées au plus tard avant le Jeudi 17h pour
    # la semaine suivante » — 17:00:00 is already too late.
    window = WeekdayBefore(3, time(17, 0)).window(MEAL, day, CAL_A)
    assert_boundary(window, paris(2024, 9, 19, 17, 0))


def test_thursday_rule_across_a_school_year_boundary() -> None:
    window = WeekdayBefore(3, time(17, 0)).window(MEAL, date(2025, 9, 1), CAL_A)
    assert_boundary(window, paris(2025, 8, 28, 17, 0))


def test_thursday_rule_across_a_calendar_year_boundary_and_the_autumn_change() -> None:
    window = WeekdayBefore(3, time(17, 0)).window(MEAL, date(2026, 1, 5), CAL_A)
    assert_boundary(window, paris(2026, 1, 1, 17, 0))
    window = WeekdayBefore(3, time(17, 0)).window(MEAL, date(2025, 10, 27), CAL_A)
    assert_boundary(window, paris(2025, 10, 23, 17, 0))
    assert window.closes_at is not None
    assert window.closes_at.utcoffset() == timedelta(hours=2)


def test_tuesday_2359_two_weeks_before() -> None:
    window = WeekdayBefore(1, time(23, 59), weeks_before=2).window(MEAL, date(2024, 9, 26), CAL_A)
    assert_boundary(window, paris(2024, 9, 10, 23, 59))


# CalendarDaysBefore and ClearDaysBefore --------------------------------------------------------


def test_the_day_before_at_18h() -> None:
    window = CalendarDaysBefore(1, time(18, 0)).window(MORNING, date(2024, 9, 16), CAL_B)
    assert_boundary(window, paris(2024, 9, 15, 18, 0))


def test_the_day_before_at_18h_across_the_spring_change() -> None:
    window = CalendarDaysBefore(1, time(18, 0)).window(MORNING, date(2025, 3, 31), CAL_B)
    assert_boundary(window, paris(2025, 3, 30, 18, 0))
    assert window.closes_at is not None
    assert window.closes_at.utcoffset() == timedelta(hours=2)


def test_fifteen_clear_days() -> None:
    window = ClearDaysBefore(15).window(MEAL, date(2025, 7, 16), CAL_B)
    assert_boundary(window, paris(2025, 7, 1, 0, 0))


def test_fifteen_clear_days_before_the_first_day_of_the_holidays() -> None:
    holiday = Service("vacances", "Vacances", ServiceKind.HOLIDAY_CENTRE, time(8), time(18))
    rule = ClearDaysBefore(15, from_break_start=True)
    first_day = date(2024, 10, 19)  # the Toussaint 2024 break starts on Saturday 19 October
    assert CAL_B.school_holiday(first_day) is not None
    assert CAL_B.school_holiday(first_day - timedelta(days=1)) is None
    for day in (date(2024, 10, 21), date(2024, 10, 30)):
        assert_boundary(rule.window(holiday, day, CAL_B), paris(2024, 10, 4, 0, 0))


# Windows, horizons and composition --------------------------------------------------------------


def test_fixed_window_opens_on_a_sunday_at_20h() -> None:
    opens, closes = paris(2025, 1, 26, 20, 0), paris(2025, 2, 2, 20, 0)
    rule = FixedWindow(opens, closes, date(2025, 2, 10), date(2025, 2, 21), "vacances d'hiver")
    window = rule.window(MEAL, date(2025, 2, 12), CAL_B)
    assert window.is_early(opens - SECOND)
    assert not window.is_early(opens)
    assert window.is_open_at(opens)
    assert_boundary(window, closes)
    assert rule.window(MEAL, date(2025, 3, 12), CAL_B) == ChangeWindow()
    assert rule.describe() == "vacances d'hiver"


def test_fixed_window_validation() -> None:
    with pytest.raises(InvalidValueError, match="closes_at"):
        FixedWindow(paris(2025, 1, 2), paris(2025, 1, 1), date(2025, 1, 1), date(2025, 1, 2))
    with pytest.raises(InvalidValueError, match="last_day"):
        FixedWindow(paris(2025, 1, 1), paris(2025, 1, 2), date(2025, 1, 3), date(2025, 1, 2))
    with pytest.raises(ValueError, match="timezone-aware"):
        FixedWindow(datetime(2025, 1, 1), paris(2025, 1, 2), date(2025, 1, 3), date(2025, 1, 4))


def test_max_horizon_opens_n_days_ahead() -> None:
    window = MaxHorizon(30).window(MEAL, date(2024, 10, 31), CAL_B)
    assert window.opens_at == paris(2024, 10, 1, 0, 0)
    assert window.is_early(paris(2024, 9, 30, 23, 59, 59))
    assert window.closes_at is None


def test_all_of_takes_latest_opening_and_earliest_deadline() -> None:
    thursday = WeekdayBefore(3, time(17))
    rule = AllOf((MaxHorizon(30), thursday, HoursBefore(48)))
    window = rule.window(MEAL, date(2024, 9, 23), CAL_A)
    assert window.closes_at == paris(2024, 9, 19, 17, 0)
    assert window.closing_rule == thursday
    assert window.opens_at == paris(2024, 8, 24, 0, 0)
    assert window.opening_rule == MaxHorizon(30)
    assert "jeudi 17:00" in rule.describe()


def test_all_of_needs_rules() -> None:
    with pytest.raises(InvalidValueError):
        AllOf(())
    with pytest.raises(InvalidTypeError, match=r"rules\[0\]"):
        AllOf(("48h",))  # type: ignore[arg-type]


def test_bounded_by_start_never_lets_a_deadline_pass_the_service_start() -> None:
    start = service_start(MEAL, date(2024, 9, 19))
    late_rule = CalendarDaysBefore(0, time(18, 0))  # 18:00 the same day, after a 12:00 meal
    window = bounded_by_start(late_rule.window(MEAL, date(2024, 9, 19), CAL_B), start)
    assert window.closes_at == start
    assert isinstance(window.closing_rule, ServiceStart)
    unbounded = bounded_by_start(ChangeWindow(), start)
    assert unbounded.closes_at == start


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (lambda: HoursBefore(-1), "hours"),
        (lambda: HoursBefore(1.5), "hours"),  # type: ignore[arg-type]
        (lambda: WorkingDaysBefore(-2), "days"),
        (lambda: WeekdayBefore(7, time(17)), "weekday"),
        (lambda: WeekdayBefore(3, "17:00"), "cutoff"),  # type: ignore[arg-type]
        (lambda: CalendarDaysBefore(1, time(18, tzinfo=UTC)), "at"),
        (lambda: ClearDaysBefore(-15), "days"),
        (lambda: MaxHorizon(-1), "days"),
    ],
)
def test_rule_parameters_are_validated(factory: object, field: str) -> None:
    with pytest.raises((InvalidValueError, InvalidTypeError)) as caught:
        factory()  # type: ignore[operator]
    assert getattr(caught.value, "field", None) == field


def test_descriptions_in_both_languages() -> None:
    assert WorkingDaysBefore(2).describe() == "2 jours ouvrés avant le service"
    assert WorkingDaysBefore(1).describe("en") == "1 working day before the service"
    assert HoursBefore(48).describe("en") == "48 hours before the service starts"
    assert WeekdayBefore(3, time(17)).describe() == "jeudi 17:00 de la semaine précédente"
    assert WeekdayBefore(1, time(23, 59)).describe("en") == "Tuesday 23:59 the week before"
    assert CalendarDaysBefore(1, time(18)).describe() == "la veille à 18:00"
    assert ClearDaysBefore(15).describe() == "15 jours francs avant le service"
    assert MaxHorizon(30).describe("en") == "at most 30 days ahead"


# Properties -------------------------------------------------------------------------------------

SERVICES = st.sampled_from([MEAL, MORNING, EVENING])
DAYS = st.dates(min_value=date(2018, 1, 8), max_value=date(2028, 6, 30))
RULES = st.one_of(
    st.integers(0, 200).map(HoursBefore),
    st.builds(
        WorkingDaysBefore,
        st.integers(1, 10),
        st.none() | st.times().map(lambda t: t.replace(microsecond=0)),
    ),
    st.builds(WeekdayBefore, st.integers(0, 6), st.times(), st.integers(1, 3)),
    st.builds(CalendarDaysBefore, st.integers(1, 30), st.times()),
    st.integers(1, 30).map(ClearDaysBefore),
)


@given(RULES, SERVICES, DAYS)
def test_configured_deadlines_come_before_the_service_starts(
    rule: HoursBefore, service: Service, day: date
) -> None:
    window = rule.window(service, day, CAL_B)
    start = service_start(service, day)
    assert window.closes_at is not None
    assert window.closes_at.tzinfo is not None
    assert window.closes_at <= start
    assert bounded_by_start(window, start).closes_at <= start  # type: ignore[operator]


@given(RULES, SERVICES, DAYS, st.integers(-(10**6), 10**6), st.integers(0, 10**6))
def test_earlier_is_never_later(
    rule: HoursBefore, service: Service, day: date, offset: int, earlier_by: int
) -> None:
    window = rule.window(service, day, CAL_B)
    assert window.closes_at is not None
    later = window.closes_at + timedelta(seconds=offset)
    earlier = later - timedelta(seconds=earlier_by)
    if not window.is_late(later):
        assert not window.is_late(earlier)


@given(st.integers(0, 400), SERVICES, DAYS)
def test_hours_before_is_elapsed_time(hours: int, service: Service, day: date) -> None:
    window = HoursBefore(hours).window(service, day, CAL_B)
    start = service_start(service, day)
    assert window.closes_at is not None
    assert start.astimezone(UTC) - window.closes_at.astimezone(UTC) == timedelta(hours=hours)


# Exact refusals, texts and the rule each bound names -------------------------------------------

OPENS, CLOSES = paris(2025, 1, 26, 20, 0), paris(2025, 2, 2, 20, 0)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: HoursBefore(1.5),  # type: ignore[arg-type]
            ("InvalidTypeError", "hours", 1.5, "hours: must be an int (got 1.5 of type float)"),
        ),
        (
            lambda: WorkingDaysBefore(-2),
            ("InvalidValueError", "days", -2, "days: must be zero or more (got -2)"),
        ),
        (
            lambda: WeekdayBefore(7, time(17)),
            (
                "InvalidValueError",
                "weekday",
                7,
                "weekday: must be 0 (Monday) to 6 (Sunday) (got 7)",
            ),
        ),
        (
            lambda: FixedWindow(OPENS, OPENS, date(2025, 2, 10), date(2025, 2, 21)),
            (
                "InvalidValueError",
                "closes_at",
                OPENS,
                "closes_at: must be after opens_at (got 2025-01-26T20:00:00+01:00)",
            ),
        ),
        (
            lambda: FixedWindow(OPENS, CLOSES, date(2025, 2, 10), date(2025, 2, 9)),
            (
                "InvalidValueError",
                "last_day",
                date(2025, 2, 9),
                "last_day: must not be before first_day (got 2025-02-09)",
            ),
        ),
        (
            lambda: AllOf(()),
            ("InvalidValueError", "rules", (), "rules: must hold at least one rule (got ())"),
        ),
        (
            lambda: AllOf((HoursBefore(48), "48h")),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "rules[1]",
                "48h",
                "rules[1]: must be a ChangeWindowRule (got '48h' of type str)",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_weekdays_run_from_monday_zero_to_sunday_six() -> None:
    # The week before Thursday 19 September 2024 runs from Monday 9 to Sunday 15 September.
    monday = WeekdayBefore(0, time(8)).window(MEAL, date(2024, 9, 19), CAL_B)
    assert monday.closes_at == paris(2024, 9, 9, 8, 0)
    sunday = WeekdayBefore(6, time(20)).window(MEAL, date(2024, 9, 19), CAL_B)
    assert sunday.closes_at == paris(2024, 9, 15, 20, 0)


def test_a_fixed_window_is_closed_outside_its_two_instants() -> None:
    rule = FixedWindow(OPENS, CLOSES, date(2025, 2, 10), date(2025, 2, 21))
    window = rule.window(MEAL, date(2025, 2, 12), CAL_B)
    assert not window.is_open_at(OPENS - SECOND)
    assert not window.is_open_at(CLOSES)


def test_a_fixed_window_constrains_its_first_and_last_days_and_names_itself() -> None:
    rule = FixedWindow(
        OPENS.astimezone(UTC), CLOSES.astimezone(UTC), date(2025, 2, 10), date(2025, 2, 21)
    )
    for day in (date(2025, 2, 10), date(2025, 2, 21)):
        window = rule.window(MEAL, day, CAL_B)
        assert (window.opens_at, window.closes_at) == (OPENS, CLOSES)
        assert window.opening_rule is rule
        assert window.closing_rule is rule
        # Every instant of a window is in Europe/Paris, whatever zone the rule was given in.
        assert window.opens_at is not None
        assert window.closes_at is not None
        assert window.opens_at.isoformat() == "2025-01-26T20:00:00+01:00"
        assert window.closes_at.isoformat() == "2025-02-02T20:00:00+01:00"
    assert rule.window(MEAL, date(2025, 2, 22), CAL_B) == ChangeWindow()


def test_a_one_day_fixed_window_is_allowed() -> None:
    rule = FixedWindow(OPENS, CLOSES, date(2025, 2, 10), date(2025, 2, 10))
    assert rule.window(MEAL, date(2025, 2, 10), CAL_B).closes_at == CLOSES


@pytest.mark.parametrize(
    "rule",
    [CalendarDaysBefore(1, time(18)), ClearDaysBefore(15), HoursBefore(48), WorkingDaysBefore(2)],
)
def test_a_deadline_names_the_rule_that_set_it(rule: HoursBefore) -> None:
    assert rule.window(MEAL, date(2024, 9, 19), CAL_B).closing_rule is rule


def test_the_service_start_rule_closes_when_the_service_starts() -> None:
    window = ServiceStart().window(EVENING, date(2024, 9, 19), CAL_B)
    assert window == ChangeWindow(closes_at=paris(2024, 9, 19, 16, 30))
    assert isinstance(window.closing_rule, ServiceStart)


def test_a_deadline_exactly_at_the_start_keeps_its_own_rule() -> None:
    rule = HoursBefore(0)
    start = service_start(MEAL, date(2024, 9, 19))
    window = bounded_by_start(rule.window(MEAL, date(2024, 9, 19), CAL_B), start)
    assert window.closes_at == start
    assert window.closing_rule is rule


def test_all_of_names_no_rule_for_a_bound_that_no_rule_sets() -> None:
    closing = AllOf((HoursBefore(48),)).window(MEAL, date(2024, 9, 19), CAL_B)
    assert (closing.opens_at, closing.opening_rule) == (None, None)
    opening = AllOf((MaxHorizon(30),)).window(MEAL, date(2024, 9, 19), CAL_B)
    assert (opening.closes_at, opening.closing_rule) == (None, None)


def test_all_of_counts_working_days_on_the_commune_calendar() -> None:
    # 1 November 2024 (Toussaint) is a public holiday: 2 working days before Monday 4 November
    # is Wednesday 30 October.
    window = AllOf((WorkingDaysBefore(2),)).window(MEAL, date(2024, 11, 4), CAL_B)
    assert window.closes_at == paris(2024, 10, 30, 12, 0)


@pytest.mark.parametrize(
    ("rule", "french", "english"),
    [
        (
            HoursBefore(48),
            "48 heures avant le début du service",
            "48 hours before the service starts",
        ),
        (
            WorkingDaysBefore(2),
            "2 jours ouvrés avant le service",
            "2 working days before the service",
        ),
        (
            WorkingDaysBefore(1, time(10)),
            "1 jour ouvré avant le service, à 10:00",
            "1 working day before the service, at 10:00",
        ),
        (
            WeekdayBefore(3, time(17)),
            "jeudi 17:00 de la semaine précédente",
            "Thursday 17:00 the week before",
        ),
        (
            WeekdayBefore(1, time(23, 59), 2),
            "mardi 23:59 2 semaines avant",
            "Tuesday 23:59 2 weeks before",
        ),
        (CalendarDaysBefore(1, time(18)), "la veille à 18:00", "the day before at 18:00"),
        (CalendarDaysBefore(2, time(18)), "2 jours avant à 18:00", "2 days before at 18:00"),
        (
            ClearDaysBefore(15),
            "15 jours francs avant le service",
            "15 clear days before the service",
        ),
        (
            ClearDaysBefore(15, from_break_start=True),
            "15 jours francs avant le premier jour des vacances",
            "15 clear days before the first day of the holidays",
        ),
        (MaxHorizon(30), "au plus 30 jours à l'avance", "at most 30 days ahead"),
        (ServiceStart(), "avant le début du service", "before the service starts"),
        (
            AllOf((HoursBefore(48), MaxHorizon(30))),
            "48 heures avant le début du service et au plus 30 jours à l'avance",
            "48 hours before the service starts and at most 30 days ahead",
        ),
    ],
)
def test_every_rule_describes_itself_in_french_and_english(
    rule: HoursBefore, french: str, english: str
) -> None:
    assert (rule.describe(), rule.describe("fr"), rule.describe("en")) == (french, french, english)


@pytest.mark.parametrize(
    ("build", "field", "limit"),
    [
        (HoursBefore, "hours", MAX_HOURS),
        (WorkingDaysBefore, "days", MAX_DAYS),
        (lambda days: CalendarDaysBefore(days, time(10)), "days", MAX_DAYS),
        (ClearDaysBefore, "days", MAX_DAYS),
        (MaxHorizon, "days", MAX_HORIZON_DAYS),
        (lambda weeks: WeekdayBefore(3, time(17), weeks), "weeks_before", MAX_WEEKS),
    ],
)
def test_a_deadline_count_is_bounded(
    build: Callable[[int], ChangeWindowRule], field: str, limit: int
) -> None:
    # 10⁹ hours before a service reaches before year 1: bad input, never OverflowError later.
    rule = build(limit)
    meal = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
    rule.window(meal, date(2024, 9, 19), SchoolCalendar(Zone.A, first_year=2022, last_year=2026))
    assert refusal(lambda: build(limit + 1)) == (
        "InvalidValueError",
        field,
        limit + 1,
        f"{field}: must be at most {limit} (got {limit + 1})",
    )
    with pytest.raises(InvalidValueError):
        build(10**9)
