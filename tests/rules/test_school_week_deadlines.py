"""Deadlines of the school week at their exact boundaries: previous school days, weekday tables,
monthly deadlines and the midnight ending day D−n, across holidays, bridges, DST and month ends."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import InvalidTypeError, InvalidValueError, Service, ServiceKind
from cantine_rules.calendar import FOUR_AND_A_HALF_DAYS, Closure, SchoolCalendar, Zone
from cantine_rules.errors import OutOfRangeError
from cantine_rules.rules import (
    SchoolDaysBefore,
    WeekdayDeadline,
    WeekdayTable,
    service_start,
)
from cantine_rules.rules.deadlines import (
    MONTH_LAST_DAY,
    SERVICE_START,
    ChangeWindow,
    ClearDaysBefore,
    EndOfDayBefore,
    MonthlyDeadline,
)
from cantine_rules.testing import calendars, deadline_rules, monthly_deadlines, services
from tests._helpers import paris, refusal

CAL_C = SchoolCalendar(Zone.C)
CAL_B = SchoolCalendar(Zone.B)
MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
WEDNESDAY = Service("mercredi", "Mercredi", ServiceKind.WEDNESDAY_CENTRE, time(8, 0), time(18, 0))
SECOND = timedelta(seconds=1)

# « avant le vendredi 11h00 pour le lundi, … et le dernier jour d'école avant les vacances pour
# le jour de la rentrée »: the previous school day at 11:00.
VEILLE_11H = SchoolDaysBefore(1, time(11))
# « lundi et mardi : le vendredi précédent avant 9h ; jeudi et vendredi : le mardi précédent
# avant 9h ».
FRIDAY_TUESDAY_9H = WeekdayTable(
    (
        WeekdayDeadline(frozenset({0, 1}), 4, time(9)),
        WeekdayDeadline(frozenset({3, 4}), 1, time(9)),
    )
)


def assert_boundary(window: ChangeWindow, deadline: datetime) -> None:
    """On time one second before the deadline; late at it (« avant » excludes the instant)."""
    assert window.closes_at == deadline
    assert not window.is_late(deadline - SECOND)
    assert window.is_late(deadline)


# SchoolDaysBefore --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service_day", "deadline_day"),
    [
        (date(2024, 9, 10), date(2024, 9, 9)),  # Tuesday ← Monday
        (date(2024, 9, 16), date(2024, 9, 13)),  # Monday ← the Friday before
        (date(2024, 9, 12), date(2024, 9, 10)),  # Thursday ← Tuesday: no school on Wednesday
    ],
)
def test_the_previous_school_day_at_11(service_day: date, deadline_day: date) -> None:
    window = VEILLE_11H.window(MEAL, service_day, CAL_C)
    assert_boundary(window, paris(deadline_day.year, deadline_day.month, deadline_day.day, 11))


def test_with_school_on_wednesday_morning_the_day_before_thursday_is_wednesday() -> None:
    calendar = SchoolCalendar(Zone.C, school_week=FOUR_AND_A_HALF_DAYS)
    window = VEILLE_11H.window(MEAL, date(2024, 9, 12), calendar)
    assert_boundary(window, paris(2024, 9, 11, 11))


def test_the_first_day_back_closes_on_the_last_school_day_before_the_holidays() -> None:
    # « le dernier jour d'école avant les vacances pour le jour de la rentrée »: back from the
    # Toussaint break on Monday 4 November 2024 (zone C), class last met on Friday 18 October.
    # The deadline is in summer time, the meal in winter time.
    window = VEILLE_11H.window(MEAL, date(2024, 11, 4), CAL_C)
    assert_boundary(window, paris(2024, 10, 18, 11))
    assert window.closes_at is not None
    assert window.closes_at.utcoffset() == timedelta(hours=2)


def test_the_first_day_after_the_summer_closes_in_july() -> None:
    window = VEILLE_11H.window(MEAL, date(2024, 9, 2), CAL_C)
    assert_boundary(window, paris(2024, 7, 5, 11))


def test_a_public_holiday_is_skipped() -> None:
    # Monday 11 November 2024 is the Armistice: the day before Tuesday 12 is Friday 8.
    window = VEILLE_11H.window(MEAL, date(2024, 11, 12), CAL_C)
    assert_boundary(window, paris(2024, 11, 8, 11))


def test_the_ascension_bridge_is_skipped() -> None:
    # Ascension is Thursday 29 May 2025 and Friday 30 is the « pont » (school holiday): the
    # school day before Monday 2 June is Tuesday 27 May.
    window = VEILLE_11H.window(MEAL, date(2025, 6, 2), CAL_C)
    assert_boundary(window, paris(2025, 5, 27, 11))


def test_a_commune_closure_is_skipped() -> None:
    calendar = SchoolCalendar(Zone.C, closures=(Closure(date(2024, 9, 13), "Grève"),))
    window = VEILLE_11H.window(MEAL, date(2024, 9, 16), calendar)
    assert_boundary(window, paris(2024, 9, 12, 11))


def test_two_school_days_before_a_monday_is_the_thursday() -> None:
    window = SchoolDaysBefore(2, time(11)).window(MEAL, date(2024, 9, 16), CAL_C)
    assert_boundary(window, paris(2024, 9, 12, 11))


def test_without_a_cutoff_the_deadline_is_the_service_time_on_that_day() -> None:
    window = SchoolDaysBefore(1).window(MEAL, date(2024, 9, 10), CAL_C)
    assert_boundary(window, paris(2024, 9, 9, 12))


def test_until_midnight_keeps_the_whole_school_day_on_time() -> None:
    # « au plus tard 2 jours ouvrés scolaires avant le jour souhaité à 24 h »: for a Monday, the
    # Thursday before until its midnight.
    rule = SchoolDaysBefore(2, until_midnight=True)
    window = rule.window(MEAL, date(2024, 9, 16), CAL_C)
    assert_boundary(window, paris(2024, 9, 13))
    assert not window.is_late(paris(2024, 9, 12, 23, 59, 59))


def test_until_midnight_after_a_friday_school_day_is_saturday_midnight() -> None:
    # For a Tuesday, the two school days before are Monday and the Friday before: its midnight
    # is the first instant of Saturday, not of the next school day.
    window = SchoolDaysBefore(2, until_midnight=True).window(MEAL, date(2024, 9, 17), CAL_C)
    assert_boundary(window, paris(2024, 9, 14))


def test_until_midnight_and_a_cutoff_are_not_given_together() -> None:
    kind, field, _, _ = refusal(lambda: SchoolDaysBefore(2, time(11), until_midnight=True))
    assert (kind, field) == ("InvalidValueError", "until_midnight")
    kind, field, _, _ = refusal(lambda: SchoolDaysBefore(2, until_midnight=1))  # type: ignore[arg-type]
    assert (kind, field) == ("InvalidTypeError", "until_midnight")


def test_a_wednesday_centre_closes_on_the_school_day_before() -> None:
    window = VEILLE_11H.window(WEDNESDAY, date(2024, 9, 11), CAL_C)
    assert_boundary(window, paris(2024, 9, 10, 11))


def test_across_the_spring_change_the_cutoff_is_wall_clock_time() -> None:
    # Summer time starts on Sunday 30 March 2025: Friday 28 at 11:00 is still winter time.
    window = VEILLE_11H.window(MEAL, date(2025, 3, 31), CAL_C)
    assert_boundary(window, paris(2025, 3, 28, 11))
    assert window.closes_at is not None
    assert window.closes_at.utcoffset() == timedelta(hours=1)


def test_counting_back_past_the_calendar_s_first_school_day_is_an_error() -> None:
    # The calendar's years start in 2017: Tuesday 3 January 2017, back from the Christmas break,
    # is its first school day, and no school day before it is known.
    kind, field, _, message = refusal(lambda: VEILLE_11H.window(MEAL, date(2017, 1, 3), CAL_C))
    assert (kind, field) == ("OutOfRangeError", "n")
    assert "2017-01-03" in message
    window = VEILLE_11H.window(MEAL, date(2017, 1, 5), CAL_C)
    assert_boundary(window, paris(2017, 1, 3, 11))


@pytest.mark.parametrize("days", [0, -1, 367])
def test_school_days_must_be_one_to_366(days: int) -> None:
    with pytest.raises(InvalidValueError) as caught:
        SchoolDaysBefore(days, time(11))
    assert caught.value.field == "days"


def test_school_days_must_be_a_whole_number() -> None:
    with pytest.raises(InvalidTypeError):
        SchoolDaysBefore("1", time(11))  # type: ignore[arg-type]


def test_the_calendar_refuses_zero_school_days() -> None:
    with pytest.raises(InvalidValueError):
        CAL_C.sub_school_days(date(2024, 9, 10), 0)
    with pytest.raises(OutOfRangeError):
        CAL_C.sub_school_days(date(2017, 1, 3), 1)


# WeekdayTable ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service_day", "deadline_day"),
    [
        (date(2024, 9, 16), date(2024, 9, 13)),  # lundi ← vendredi précédent
        (date(2024, 9, 17), date(2024, 9, 13)),  # mardi ← vendredi précédent
        (date(2024, 9, 19), date(2024, 9, 17)),  # jeudi ← mardi précédent
        (date(2024, 9, 20), date(2024, 9, 17)),  # vendredi ← mardi précédent
    ],
)
def test_each_weekday_closes_on_its_own_previous_weekday_at_9(
    service_day: date, deadline_day: date
) -> None:
    window = FRIDAY_TUESDAY_9H.window(MEAL, service_day, CAL_C)
    assert_boundary(window, paris(deadline_day.year, deadline_day.month, deadline_day.day, 9))


def test_the_same_weekday_is_the_one_a_week_before() -> None:
    table = WeekdayTable((WeekdayDeadline(frozenset({3}), 3, time(10)),))
    window = table.window(MEAL, date(2024, 9, 19), CAL_C)
    assert_boundary(window, paris(2024, 9, 12, 10))


def test_the_table_counts_weekdays_not_school_days() -> None:
    # « le vendredi précédent »: for Monday 4 November 2024, back from the holidays, the Friday
    # before is 1 November (a public holiday, in the holidays) — the table says a weekday.
    window = FRIDAY_TUESDAY_9H.window(MEAL, date(2024, 11, 4), CAL_C)
    assert_boundary(window, paris(2024, 11, 1, 9))


def test_weekday_tables_across_both_dst_changes() -> None:
    spring = FRIDAY_TUESDAY_9H.window(MEAL, date(2025, 3, 31), CAL_C)
    assert_boundary(spring, paris(2025, 3, 28, 9))
    autumn = FRIDAY_TUESDAY_9H.window(MEAL, date(2025, 10, 27), CAL_C)
    assert_boundary(autumn, paris(2025, 10, 24, 9))
    assert spring.closes_at is not None
    assert autumn.closes_at is not None
    assert spring.closes_at.utcoffset() == timedelta(hours=1)
    assert autumn.closes_at.utcoffset() == timedelta(hours=2)


def test_a_weekday_without_a_row_is_an_error_naming_it() -> None:
    kind, field, value, message = refusal(
        lambda: FRIDAY_TUESDAY_9H.window(WEDNESDAY, date(2024, 9, 11), CAL_C)
    )
    assert (kind, field, value) == ("InvalidValueError", "rows", "Wednesday")
    assert "2024-09-11" in message


def test_an_empty_table_is_refused() -> None:
    kind, field, _, _ = refusal(lambda: WeekdayTable(()))
    assert (kind, field) == ("InvalidValueError", "rows")


def test_a_weekday_in_two_rows_is_refused_at_the_second() -> None:
    kind, field, value, message = refusal(
        lambda: WeekdayTable(
            (
                WeekdayDeadline(frozenset({0, 1}), 4, time(9)),
                WeekdayDeadline(frozenset({1, 3}), 1, time(9)),
            )
        )
    )
    assert (kind, field, value) == ("InvalidValueError", "rows[1].service_weekdays", "Tuesday")
    assert "rows[0]" in message


@pytest.mark.parametrize(
    ("weekdays", "kind"),
    [
        (frozenset(), "InvalidValueError"),
        (frozenset({7}), "InvalidValueError"),
        (frozenset({"monday"}), "InvalidValueError"),
        (3, "InvalidTypeError"),
    ],
)
def test_a_row_needs_weekdays_0_to_6(weekdays: object, kind: str) -> None:
    refused, field, _, _ = refusal(lambda: WeekdayDeadline(weekdays, 4, time(9)))  # type: ignore[arg-type]
    assert (refused, field) == (kind, "service_weekdays")


def test_a_row_needs_a_deadline_weekday_0_to_6() -> None:
    kind, field, _, _ = refusal(lambda: WeekdayDeadline(frozenset({0}), 7, time(9)))
    assert (kind, field) == ("InvalidValueError", "weekday")


def test_a_table_holds_only_rows() -> None:
    kind, field, _, _ = refusal(lambda: WeekdayTable(("lundi",)))  # type: ignore[arg-type]
    assert (kind, field) == ("InvalidTypeError", "rows[0]")


# MonthlyDeadline --------------------------------------------------------------------------------


def test_before_the_20th_of_the_previous_month_the_20th_is_too_late() -> None:
    # « avant le 20 du mois précédent »: every day of March 2025 closes on 20 February at 00:00.
    for day in (date(2025, 3, 3), date(2025, 3, 31)):
        window = MonthlyDeadline(20).window(MEAL, day, CAL_C)
        assert_boundary(window, paris(2025, 2, 20))


def test_january_closes_in_december_of_the_year_before() -> None:
    window = MonthlyDeadline(20).window(MEAL, date(2025, 1, 6), CAL_C)
    assert_boundary(window, paris(2024, 12, 20))


@pytest.mark.parametrize(
    ("service_day", "last_day"),
    [
        (date(2025, 3, 3), date(2025, 2, 28)),  # February of a common year: 28 days
        (date(2024, 3, 4), date(2024, 2, 29)),  # February of a leap year: 29 days
        (date(2025, 5, 5), date(2025, 4, 30)),  # April: 30 days
        (date(2025, 2, 3), date(2025, 1, 31)),  # January: 31 days
    ],
)
def test_the_last_day_of_the_month_whatever_its_length(service_day: date, last_day: date) -> None:
    window = MonthlyDeadline(MONTH_LAST_DAY, time(12)).window(MEAL, service_day, CAL_C)
    assert_boundary(window, paris(last_day.year, last_day.month, last_day.day, 12))


def test_two_months_before_at_noon() -> None:
    window = MonthlyDeadline(10, time(12), months_before=2).window(MEAL, date(2025, 1, 9), CAL_C)
    assert_boundary(window, paris(2024, 11, 10, 12))


def test_the_last_day_of_the_previous_month_included_is_before_the_1st() -> None:
    # « au plus tard le dernier jour du mois précédent »: the whole last day is on time.
    window = MonthlyDeadline(1, months_before=0).window(MEAL, date(2025, 3, 3), CAL_C)
    assert_boundary(window, paris(2025, 3, 1))


def test_a_deadline_in_the_service_month_after_its_start_is_the_start() -> None:
    rule = MonthlyDeadline(20, months_before=0)
    early = rule.window(MEAL, date(2025, 3, 6), CAL_C)
    assert early.closes_at == service_start(MEAL, date(2025, 3, 6))
    assert early.closing_rule is SERVICE_START
    late = rule.window(MEAL, date(2025, 3, 24), CAL_C)
    assert_boundary(late, paris(2025, 3, 20))
    assert late.closing_rule is rule


def test_a_monthly_deadline_on_the_day_the_clocks_go_forward() -> None:
    # 31 March 2024 is the last day of March and the change to summer time: 02:30 does not
    # exist and is read as 03:30 summer time, as everywhere in the library.
    window = MonthlyDeadline(MONTH_LAST_DAY, time(2, 30)).window(MEAL, date(2024, 4, 8), CAL_C)
    assert window.closes_at is not None
    assert window.closes_at.isoformat() == "2024-03-31T03:30:00+02:00"


def test_a_monthly_deadline_on_the_day_the_clocks_go_back() -> None:
    # 27 October 2024 02:30 happens twice: the first one (summer time) is the deadline.
    window = MonthlyDeadline(27, time(2, 30)).window(MEAL, date(2024, 11, 4), CAL_C)
    assert window.closes_at is not None
    assert window.closes_at.isoformat() == "2024-10-27T02:30:00+02:00"


@pytest.mark.parametrize("day", [29, 30, 31])
def test_a_day_after_the_28th_is_refused_with_what_short_months_would_do(day: int) -> None:
    kind, field, value, message = refusal(lambda: MonthlyDeadline(day))
    assert (kind, field, value) == ("InvalidValueError", "day", day)
    assert "February has 28 days" in message
    assert '"last"' in message


@pytest.mark.parametrize(
    ("day", "kind"),
    [(0, "InvalidValueError"), (32, "InvalidValueError"), ("first", "InvalidTypeError")],
)
def test_a_day_is_1_to_28_or_last(day: object, kind: str) -> None:
    refused, field, _, message = refusal(lambda: MonthlyDeadline(day))  # type: ignore[arg-type]
    assert (refused, field) == (kind, "day")
    assert "February" not in message


@pytest.mark.parametrize("months", [-1, 13])
def test_months_before_is_0_to_12(months: int) -> None:
    kind, field, _, _ = refusal(lambda: MonthlyDeadline(20, months_before=months))
    assert (kind, field) == ("InvalidValueError", "months_before")


# EndOfDayBefore ---------------------------------------------------------------------------------


def test_8_days_before_is_sunday_midnight_for_a_monday() -> None:
    # Le Crès: « la date limite de prise en compte de votre réservation pour le lundi 2 septembre
    # (jour de rentrée scolaire) est le dimanche 25 août minuit ».
    window = EndOfDayBefore(8).window(MEAL, date(2024, 9, 2), CAL_C)
    assert_boundary(window, paris(2024, 8, 26))
    assert not window.is_late(paris(2024, 8, 25, 23, 59, 59))


def test_the_day_before_until_midnight_closes_as_the_service_day_begins() -> None:
    window = EndOfDayBefore(1).window(MEAL, date(2024, 9, 19), CAL_C)
    assert_boundary(window, paris(2024, 9, 19))


def test_end_of_day_across_both_dst_changes() -> None:
    # Sunday 26 October 2025 has 25 hours and Sunday 30 March 2025 has 23: the deadline is the
    # midnight that ends them, whatever their length.
    autumn = EndOfDayBefore(8).window(MEAL, date(2025, 11, 3), CAL_C)
    assert_boundary(autumn, paris(2025, 10, 27))
    spring = EndOfDayBefore(8).window(MEAL, date(2025, 4, 7), CAL_C)
    assert_boundary(spring, paris(2025, 3, 31))
    assert autumn.closes_at is not None
    assert spring.closes_at is not None
    assert autumn.closes_at.utcoffset() == timedelta(hours=1)
    assert spring.closes_at.utcoffset() == timedelta(hours=2)


def test_end_of_day_needs_one_day_or_more() -> None:
    kind, field, _, _ = refusal(lambda: EndOfDayBefore(0))
    assert (kind, field) == ("InvalidValueError", "days")


# Words ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "french", "english"),
    [
        (
            VEILLE_11H,
            "la veille (jour d'école) avant 11:00",
            "the previous school day before 11:00",
        ),
        (
            SchoolDaysBefore(2),
            "2 jours d'école avant le service",
            "2 school days before the service",
        ),
        (
            SchoolDaysBefore(2, until_midnight=True),
            "2 jours d'école avant le service, jusqu'à minuit",
            "2 school days before the service, until midnight",
        ),
        (
            FRIDAY_TUESDAY_9H,
            "lundi et mardi : le vendredi précédent avant 09:00 ; "
            "jeudi et vendredi : le mardi précédent avant 09:00",
            "Monday and Tuesday: the previous Friday before 09:00; "
            "Thursday and Friday: the previous Tuesday before 09:00",
        ),
        (
            MonthlyDeadline(20),
            "avant le 20 du mois précédent",
            "before day 20 of the previous month",
        ),
        (
            MonthlyDeadline(1, months_before=0),
            "avant le 1er du mois du service",
            "before day 1 of the service's month",
        ),
        (
            MonthlyDeadline(MONTH_LAST_DAY, time(12), 2),
            "avant le dernier jour du 2e mois précédent à 12:00",
            "before the last day of the month 2 months before at 12:00",
        ),
        (
            EndOfDayBefore(8),
            "8 jours avant le service, jusqu'à minuit",
            "8 days before the service, until midnight",
        ),
        (EndOfDayBefore(1), "la veille jusqu'à minuit", "the day before, until midnight"),
    ],
)
def test_each_rule_says_itself_as_the_reglement_does(
    rule: SchoolDaysBefore | WeekdayTable | MonthlyDeadline | EndOfDayBefore,
    french: str,
    english: str,
) -> None:
    assert rule.describe("fr") == french
    assert rule.describe("en") == english


# Properties -------------------------------------------------------------------------------------

_SCHOOL_WEEK_RULES = st.one_of(
    st.builds(SchoolDaysBefore, st.integers(1, 5), st.none() | st.times()),
    st.integers(1, 5).map(lambda days: SchoolDaysBefore(days, until_midnight=True)),
    monthly_deadlines(),
    st.integers(1, 30).map(EndOfDayBefore),
)


@settings(max_examples=150, deadline=None)
@given(
    calendars(max_closures=3),
    services(),
    deadline_rules(),
    st.dates(date(2018, 1, 1), date(2028, 6, 30)),
)
def test_a_deadline_never_falls_after_the_service_starts(
    calendar: SchoolCalendar, service: Service, rule: object, day: date
) -> None:
    window = rule.window(service, day, calendar)  # type: ignore[attr-defined]
    if window.closes_at is not None:
        assert window.closes_at <= service_start(service, day)


@settings(max_examples=150, deadline=None)
@given(
    _SCHOOL_WEEK_RULES,
    st.dates(date(2018, 1, 1), date(2028, 6, 29)),
    st.integers(1, 60),
)
def test_a_later_service_day_never_closes_earlier(
    rule: SchoolDaysBefore | MonthlyDeadline | EndOfDayBefore, day: date, later_by: int
) -> None:
    # So a change on time for a day is on time for every later day too: an earlier change is
    # never treated worse than a later one.
    later = min(day + timedelta(days=later_by), date(2028, 6, 30))
    first = rule.window(MEAL, day, CAL_B).closes_at
    second = rule.window(MEAL, later, CAL_B).closes_at
    assert first is not None
    assert second is not None
    assert first <= second


@settings(max_examples=100, deadline=None)
@given(_SCHOOL_WEEK_RULES, st.dates(date(2018, 1, 1), date(2028, 6, 30)))
def test_deciding_twice_gives_the_same_window(
    rule: SchoolDaysBefore | MonthlyDeadline | EndOfDayBefore, day: date
) -> None:
    assert rule.window(MEAL, day, CAL_B) == rule.window(MEAL, day, CAL_B)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 30), st.dates(date(2018, 1, 1), date(2028, 6, 30)))
def test_midnight_ending_d_minus_n_is_n_minus_1_clear_days(days: int, day: date) -> None:
    # Two ways of writing the same instant: the end of day D−n is the start of day D−n+1.
    ends = EndOfDayBefore(days).window(MEAL, day, CAL_B).closes_at
    assert ends == ClearDaysBefore(days - 1).window(MEAL, day, CAL_B).closes_at


@settings(max_examples=100, deadline=None)
@given(st.dates(date(2018, 1, 1), date(2028, 6, 30)), st.integers(1, 3))
def test_the_school_day_found_is_a_school_day_with_n_minus_1_school_days_between(
    day: date, days: int
) -> None:
    found = CAL_B.sub_school_days(day, days)
    assert CAL_B.is_school_day(found)
    between = [
        found + timedelta(days=n)
        for n in range(1, (day - found).days)
        if CAL_B.is_school_day(found + timedelta(days=n))
    ]
    assert len(between) == days - 1
