"""Alternating custody (seed 004): each household billed for its weeks; splits lose no cent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import Booking, Child, Family, Guardian, Household, InvalidValueError, Money
from cantine_rules.errors import OutOfRangeError, UnknownCodeError
from cantine_rules.pricing.accounts import (
    Attendance,
    CustodyPeriod,
    CustodySchedule,
    CustodyScheduleError,
    EveryOtherWeek,
    IsoWeekParity,
    bill_by_household,
    build_invoice,
    custody_days,
    flat_pricer,
    split_between_households,
)
from tests._helpers import refusal

EUR = Money.euros
PARITY = IsoWeekParity(even_weeks="mother", odd_weeks="father")
TARIF_5 = flat_pricer(EUR("3.62"), "Tarif 5")
FAMILY = Family(
    "F-75",
    guardians=(Guardian("g1", "Anne"), Guardian("g2", "Marc")),
    households=(Household("mother", ("g1",)), Household("father", ("g2",))),
    children=(Child("zoe", "Zoé", date(2016, 4, 2)), Child("leo", "Léo", date(2018, 1, 9))),
)


def _school_days(start: date, end: date) -> list[date]:
    count = (end - start).days + 1
    days = (start + timedelta(days=offset) for offset in range(count))
    return [day for day in days if day.weekday() in (0, 1, 3, 4)]


def test_seed_004_each_household_is_billed_for_its_custody_weeks() -> None:
    # Seed 004: « En cas de garde alternée, n'oubliez pas de nous joindre votre jugement de divorce
    # et de préciser vos semaines de garde sur le bulletin d'inscription ».
    start, end = date(2024, 9, 2), date(2024, 9, 29)  # ISO weeks 36 to 39
    days = _school_days(start, end)
    bookings = [Booking(child, "repas", day) for child in ("zoe", "leo") for day in days]
    invoice = build_invoice(bookings, TARIF_5, start=start, end=end)
    # Zoé alternates; Léo (another union) lives with his mother.
    split = bill_by_household(invoice, {"zoe": PARITY}, default_household="mother", family=FAMILY)
    assert list(split) == ["father", "mother"]
    father, mother = split["father"], split["mother"]
    assert {line.day.isocalendar().week for line in father.lines} == {37, 39}
    assert {line.child_id for line in father.lines} == {"zoe"}
    assert {line.day.isocalendar().week for line in mother.lines if line.child_id == "zoe"} == {
        36,
        38,
    }
    assert dict(father.totals_by_child) == {"zoe": EUR("3.62") * 8}
    assert dict(mother.totals_by_child) == {"leo": EUR("3.62") * 16, "zoe": EUR("3.62") * 8}
    assert father.total + mother.total == invoice.total
    assert (father.start, father.end) == (start, end)


def test_unbooked_presences_follow_the_custody_rule() -> None:
    day = date(2024, 9, 9)  # week 37: father
    attendance = {("zoe", "repas", day): Attendance.present()}
    invoice = build_invoice(
        [], TARIF_5, start=date(2024, 9, 1), end=date(2024, 9, 30), attendance=attendance
    )
    split = bill_by_household(invoice, {"zoe": PARITY}, default_household="mother")
    assert list(split) == ["father"]
    assert split["father"].unbooked_presences == (("zoe", "repas", day),)


def test_households_and_children_must_be_the_familys() -> None:
    invoice = build_invoice(
        [Booking("zoe", "repas", date(2024, 9, 9))],
        TARIF_5,
        start=date(2024, 9, 1),
        end=date(2024, 9, 30),
    )
    with pytest.raises(UnknownCodeError) as household:
        bill_by_household(
            invoice,
            {"zoe": IsoWeekParity("mother", "dad")},
            default_household="mother",
            family=FAMILY,
        )
    assert household.value.field == "household"
    with pytest.raises(UnknownCodeError) as child:
        bill_by_household(invoice, {"tom": PARITY}, default_household="mother", family=FAMILY)
    assert child.value.field == "child"


@pytest.mark.parametrize(
    ("week_53", "next_week_1"),
    [(date(2020, 12, 28), date(2021, 1, 4)), (date(2026, 12, 28), date(2027, 1, 4))],
)
def test_iso_week_53_then_week_1_gives_the_odd_household_two_weeks_running(
    week_53: date, next_week_1: date
) -> None:
    assert week_53.isocalendar().week == 53
    assert next_week_1.isocalendar().week == 1
    before = week_53 - timedelta(days=7)  # week 52: even
    after = next_week_1 + timedelta(days=7)  # week 2: even
    assert [PARITY.household_for(day) for day in (before, week_53, next_week_1, after)] == [
        "mother",
        "father",
        "father",
        "mother",
    ]
    # Fourteen days in a row with the odd-week household.
    run = {PARITY.household_for(week_53 + timedelta(days=n)) for n in range(14)}
    assert run == {"father"}


def test_a_year_of_52_weeks_keeps_the_alternation_across_new_year() -> None:
    week_52, week_1 = date(2024, 12, 23), date(2024, 12, 30)
    assert (week_52.isocalendar().week, week_1.isocalendar().week) == (52, 1)
    assert (PARITY.household_for(week_52), PARITY.household_for(week_1)) == ("mother", "father")


def test_every_other_week_alternates_strictly_across_week_53() -> None:
    rule = EveryOtherWeek("mother", "father", from_monday=date(2026, 12, 21))
    mondays = [date(2026, 12, 21) + timedelta(weeks=n) for n in range(4)]
    assert [rule.household_for(day) for day in mondays] == ["mother", "father", "mother", "father"]
    assert rule.household_for(date(2026, 12, 20)) == "father"  # the Sunday before
    assert rule.household_for(date(2027, 1, 3)) == "father"  # week 53's Sunday
    with pytest.raises(InvalidValueError) as not_monday:
        EveryOtherWeek("mother", "father", from_monday=date(2026, 12, 22))
    assert not_monday.value.field == "from_monday"


def test_the_two_households_of_a_rule_must_differ() -> None:
    with pytest.raises(InvalidValueError) as caught:
        IsoWeekParity("mother", "mother")
    assert caught.value.field == "odd_weeks"


def test_an_explicit_schedule_answers_by_date_range() -> None:
    schedule = CustodySchedule(
        [
            CustodyPeriod(date(2024, 9, 16), date(2024, 9, 30), "father"),
            CustodyPeriod(date(2024, 9, 1), date(2024, 9, 15), "mother"),
        ]
    )
    assert [period.household_id for period in schedule.periods] == ["mother", "father"]
    assert schedule.household_for(date(2024, 9, 1)) == "mother"
    assert schedule.household_for(date(2024, 9, 15)) == "mother"
    assert schedule.household_for(date(2024, 9, 16)) == "father"
    assert schedule.household_for(date(2024, 9, 30)) == "father"
    with pytest.raises(OutOfRangeError) as outside:
        schedule.household_for(date(2024, 10, 1))
    assert outside.value.field == "day"
    assert custody_days(schedule, date(2024, 9, 1), date(2024, 9, 30)) == {
        "father": 15,
        "mother": 15,
    }


def test_a_schedule_with_overlapping_or_missing_ranges_is_refused() -> None:
    with pytest.raises(CustodyScheduleError, match="overlaps") as overlap:
        CustodySchedule(
            [
                CustodyPeriod(date(2024, 9, 1), date(2024, 9, 15), "mother"),
                CustodyPeriod(date(2024, 9, 15), date(2024, 9, 30), "father"),
            ]
        )
    assert overlap.value.field == "periods[1]"
    with pytest.raises(CustodyScheduleError, match="2024-09-16 to 2024-09-17") as gap:
        CustodySchedule(
            [
                CustodyPeriod(date(2024, 9, 18), date(2024, 9, 30), "father"),
                CustodyPeriod(date(2024, 9, 1), date(2024, 9, 15), "mother"),
            ]
        )
    assert gap.value.field == "periods[0]"
    with pytest.raises(CustodyScheduleError) as empty:
        CustodySchedule([])
    assert empty.value.field == "periods"
    with pytest.raises(InvalidValueError) as backwards:
        CustodyPeriod(date(2024, 9, 15), date(2024, 9, 1), "mother")
    assert backwards.value.field == "end"


def test_splitting_an_amount_between_households_loses_no_cent() -> None:
    parts = split_between_households(EUR("45.25"), {"mother": 1, "father": 1})
    assert parts == {"mother": EUR("22.63"), "father": EUR("22.62")}
    weights = custody_days(PARITY, date(2024, 9, 2), date(2024, 9, 22))
    assert weights == {"father": 7, "mother": 14}
    assert split_between_households(EUR("100"), weights) == {
        "father": EUR("33.33"),
        "mother": EUR("66.67"),
    }
    with pytest.raises(InvalidValueError):
        split_between_households(EUR("10"), {})
    with pytest.raises(InvalidValueError):
        split_between_households(EUR("10"), {"mother": 0, "father": 0})


@given(
    st.integers(min_value=-(10**8), max_value=10**8),
    st.dictionaries(
        st.text(min_size=1, max_size=5), st.integers(min_value=0, max_value=1000), min_size=1
    ).filter(lambda weights: sum(weights.values()) > 0),
)
def test_property_a_split_sums_back_to_the_amount(cents: int, weights: dict[str, int]) -> None:
    parts = split_between_households(Money.from_cents(cents), weights)
    assert list(parts) == list(weights)
    assert Money.sum(parts.values()) == Money.from_cents(cents)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 1)),
    st.integers(min_value=0, max_value=60),
)
def test_property_custody_splits_of_an_invoice_add_back_to_it(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    days = [start + timedelta(days=n) for n in range(length + 1)]
    bookings = [Booking(child, "repas", day) for child in ("zoe", "leo") for day in days]
    invoice = build_invoice(bookings, TARIF_5, start=start, end=end)
    split = bill_by_household(invoice, {"zoe": PARITY}, default_household="mother")
    assert Money.sum(bill.total for bill in split.values()) == invoice.total
    assert sum(len(bill.lines) for bill in split.values()) == len(invoice.lines)
    assert sum(custody_days(PARITY, start, end).values()) == length + 1


# -- exact refusals and limits ------------------------------------------------------------------

_SEPT_1, _SEPT_15 = date(2024, 9, 1), date(2024, 9, 15)
_FIRST_HALF = CustodyPeriod(_SEPT_1, _SEPT_15, "mother")
_ONE_LINE = build_invoice(
    [Booking("zoe", "repas", date(2024, 9, 2))],
    flat_pricer(Money.euros(1), "t"),
    start=_SEPT_1,
    end=date(2024, 9, 30),
)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: IsoWeekParity("mother", "mother"),
            (
                "InvalidValueError",
                "odd_weeks",
                "mother",
                "odd_weeks: must differ from even_weeks (got 'mother')",
            ),
        ),
        (
            lambda: EveryOtherWeek("mother", "father", date(2024, 9, 3)),
            (
                "InvalidValueError",
                "from_monday",
                date(2024, 9, 3),
                "from_monday: must be a Monday (got 2024-09-03)",
            ),
        ),
        (
            lambda: EveryOtherWeek("mother", "father", "2024-09-02"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "from_monday",
                "2024-09-02",
                "from_monday: must be a datetime.date (got '2024-09-02' of type str)",
            ),
        ),
        (
            lambda: CustodyPeriod(date(2024, 9, 2), "2024-09-08", "mother"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "end",
                "2024-09-08",
                "end: must be a datetime.date (got '2024-09-08' of type str)",
            ),
        ),
        (
            lambda: CustodyPeriod(date(2024, 9, 2), date(2024, 9, 1), "mother"),
            (
                "InvalidValueError",
                "end",
                date(2024, 9, 1),
                "end: must not be before start 2024-09-02 (got 2024-09-01)",
            ),
        ),
        (
            lambda: CustodySchedule([]),
            (
                "CustodyScheduleError",
                "periods",
                (),
                "periods: must hold at least one period (got ())",
            ),
        ),
        (
            lambda: CustodySchedule([_FIRST_HALF, "x"]),  # type: ignore[list-item]
            (
                "InvalidTypeError",
                "periods[1]",
                "x",
                "periods[1]: must be a CustodyPeriod (got 'x' of type str)",
            ),
        ),
        (
            lambda: CustodySchedule(
                [_FIRST_HALF, CustodyPeriod(_SEPT_15, date(2024, 9, 30), "father")]
            ),
            (
                "CustodyScheduleError",
                "periods[1]",
                CustodyPeriod(_SEPT_15, date(2024, 9, 30), "father"),
                "periods[1]: overlaps periods[0] (2024-09-15) (got CustodyPeriod("
                "start=datetime.date(2024, 9, 15), end=datetime.date(2024, 9, 30), "
                "household_id='father'))",
            ),
        ),
        (
            # A gap of a single day is a gap.
            lambda: CustodySchedule(
                [_FIRST_HALF, CustodyPeriod(date(2024, 9, 17), date(2024, 9, 30), "father")]
            ),
            (
                "CustodyScheduleError",
                "periods[1]",
                CustodyPeriod(date(2024, 9, 17), date(2024, 9, 30), "father"),
                "periods[1]: leaves days without custody: 2024-09-16 to 2024-09-16 (got "
                "CustodyPeriod(start=datetime.date(2024, 9, 17), end=datetime.date(2024, 9, 30), "
                "household_id='father'))",
            ),
        ),
        (
            lambda: CustodySchedule([_FIRST_HALF]).household_for(date(2024, 9, 16)),
            (
                "OutOfRangeError",
                "day",
                date(2024, 9, 16),
                "day: is outside the custody schedule (2024-09-01 to 2024-09-15) (got 2024-09-16)",
            ),
        ),
        (
            lambda: bill_by_household(
                _ONE_LINE,
                [("zoe", IsoWeekParity("m", "f"))],  # type: ignore[arg-type]
                default_household="m",
            ),
            (
                "InvalidTypeError",
                "custody",
                [("zoe", IsoWeekParity("m", "f"))],
                "custody: must map child ids to custody rules "
                "(got [('zoe', IsoWeekParity(even_weeks='m', odd_weeks='f'))] of type list)",
            ),
        ),
        (
            lambda: bill_by_household(_ONE_LINE, {"zoe": "weekly"}, default_household="m"),  # type: ignore[dict-item]
            (
                "InvalidTypeError",
                "custody['zoe']",
                "weekly",
                "custody['zoe']: must be a custody rule (got 'weekly' of type str)",
            ),
        ),
        (
            lambda: custody_days(IsoWeekParity("m", "f"), date(2024, 9, 2), date(2024, 9, 1)),
            (
                "InvalidValueError",
                "end",
                date(2024, 9, 1),
                "end: must not be before start 2024-09-02 (got 2024-09-01)",
            ),
        ),
        (
            lambda: split_between_households("45.25", {"m": 1}),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "amount",
                "45.25",
                "amount: must be Money (for example Money.euros('3.60')) (got '45.25' of type str)",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_every_other_week_gives_each_whole_week_to_one_household() -> None:
    rule = EveryOtherWeek("mother", "father", from_monday=date(2024, 9, 2))
    first_week = [date(2024, 9, 2) + timedelta(days=offset) for offset in range(7)]
    second_week = [day + timedelta(days=7) for day in first_week]
    assert {rule.household_for(day) for day in first_week} == {"mother"}
    assert {rule.household_for(day) for day in second_week} == {"father"}


def test_a_custody_period_may_be_a_single_day() -> None:
    day = date(2024, 9, 2)
    schedule = CustodySchedule([CustodyPeriod(day, day, "father")])
    assert schedule.household_for(day) == "father"


def test_an_unbooked_presence_of_a_child_without_custody_goes_to_the_default_household() -> None:
    day = date(2024, 9, 3)
    invoice = build_invoice(
        [],
        flat_pricer(Money.euros(1), "t"),
        start=_SEPT_1,
        end=date(2024, 9, 30),
        attendance={("louise", "repas", day): Attendance.present()},
    )
    split = bill_by_household(
        invoice, {"zoe": IsoWeekParity("mother", "father")}, default_household="mother"
    )
    assert list(split) == ["mother"]
    assert split["mother"].unbooked_presences == (("louise", "repas", day),)
