"""A scenario's values built in Python refuse what the file would: class, field, value, words.

Seed 004: « En cas de garde alternée, n'oubliez pas de nous joindre votre jugement de divorce et
de préciser vos semaines de garde »: each household of a custody must be one of the family's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from decimal import Decimal

import pytest

from cantine_rules import at_paris
from cantine_rules.model import Child, QuotientFamilial, QuotientFamilialSource
from cantine_rules.plain import ChosenRegime, EventKind, Scenario
from cantine_rules.plain._scenario import BookingSpec
from cantine_rules.plain._scenario_attendance import AttendanceEvent, RegimeChoice
from cantine_rules.plain._scenario_family import CustodySpec, QuotientSpec
from cantine_rules.pricing._custody import CustodyPeriod, CustodySchedule, IsoWeekParity
from cantine_rules.pricing._quotient import QuotientRecord
from tests._helpers import refusal
from tests.plain.test_scenario_family import HEAD, HOMES, RECORD, problems

_DAY = date(2024, 9, 16)
_EIGHT = at_paris(_DAY, time(8))
_SEVEN_PM = at_paris(_DAY, time(19))
_NEXT_NIGHT = at_paris(date(2024, 9, 17), time(0, 30))
_INES = Child("ines", "Inès", date(2016, 2, 14))
_PERIOD = ("paris", date(2024, 9, 1), date(2024, 9, 30), "F-1")
_HOMES = ("mere", "pere")


def _record(received_on: date) -> QuotientRecord:
    quotient = QuotientFamilial(
        Decimal("500"), QuotientFamilialSource.CAF_ATTESTATION, date(2024, 6, 3)
    )
    return QuotientRecord(quotient, received_on)


def _custody(even: str = "mere", odd: str = "pere", child: str = "ines") -> CustodySpec:
    return CustodySpec(child, IsoWeekParity(even, odd))


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: AttendanceEvent(
                EventKind.PRESENT_UNBOOKED, "ines", "repas", _DAY, notice_at=_EIGHT
            ),
            (
                "InvalidValueError",
                "notice_at",
                _EIGHT,
                "notice_at: only an absence has one (got 2024-09-16T08:00:00+02:00)",
            ),
        ),
        (
            lambda: AttendanceEvent(
                EventKind.LATE_PICKUP,
                "ines",
                "soir",
                _DAY,
                certificate_at=_EIGHT,
                picked_up_at=_SEVEN_PM,
            ),
            (
                "InvalidValueError",
                "certificate_at",
                _EIGHT,
                "certificate_at: only an absence has one (got 2024-09-16T08:00:00+02:00)",
            ),
        ),
        (
            lambda: AttendanceEvent(EventKind.LATE_PICKUP, "ines", "soir", _DAY),
            (
                "InvalidValueError",
                "picked_up_at",
                None,
                "picked_up_at: a late pick-up needs its instant (got None)",
            ),
        ),
        (
            lambda: AttendanceEvent(
                EventKind.LATE_PICKUP, "ines", "soir", _DAY, picked_up_at=_NEXT_NIGHT
            ),
            (
                "InvalidValueError",
                "picked_up_at",
                _NEXT_NIGHT,
                "picked_up_at: must be on the service's day 2024-09-16 "
                "(got 2024-09-17T00:30:00+02:00)",
            ),
        ),
        (
            lambda: AttendanceEvent(EventKind.ABSENT, "ines", "soir", _DAY, picked_up_at=_SEVEN_PM),
            (
                "InvalidValueError",
                "picked_up_at",
                _SEVEN_PM,
                "picked_up_at: only a late pick-up has one (got 2024-09-16T19:00:00+02:00)",
            ),
        ),
        (
            lambda: RegimeChoice("ines", "repas", ChosenRegime.FIXED_DAYS, set()),
            (
                "InvalidValueError",
                "weekdays",
                frozenset(),
                "weekdays: fixed days need their weekdays (got frozenset())",
            ),
        ),
        (
            lambda: RegimeChoice("ines", "repas", None, {0}, ("carte",)),
            (
                "InvalidValueError",
                "weekdays",
                [0],
                "weekdays: only fixed days are chosen by weekday (got [0])",
            ),
        ),
        (
            lambda: RegimeChoice("ines", "repas"),
            (
                "InvalidValueError",
                "regime",
                None,
                "regime: choose a regime, monthly fees, or both (got None)",
            ),
        ),
        (
            lambda: RegimeChoice("ines", "repas", fees="carte"),
            (
                "InvalidTypeError",
                "fees",
                "carte",
                "fees: must be a list of fee codes (got 'carte' of type str)",
            ),
        ),
        (
            lambda: RegimeChoice("ines", "repas", fees=("carte", " ")),
            (
                "InvalidTypeError",
                "fees[1]",
                " ",
                "fees[1]: must be a fee's code (got ' ' of type str)",
            ),
        ),
        (
            lambda: RegimeChoice("ines", "repas", fees=("carte", 3)),  # type: ignore[arg-type]
            ("InvalidTypeError", "fees[1]", 3, "fees[1]: must be a fee's code (got 3 of type int)"),
        ),
        (
            lambda: RegimeChoice("ines", "repas", fees=("carte", "carte")),
            ("InvalidValueError", "fees[1]", "carte", "fees[1]: appears twice (got 'carte')"),
        ),
        (
            lambda: BookingSpec("ines", "repas", weekdays={0, 7}),
            (
                "InvalidValueError",
                "weekdays",
                [0, 7],
                "weekdays: must hold weekday numbers 0 (Monday) to 6 (got [0, 7])",
            ),
        ),
        (
            lambda: BookingSpec("ines", "repas", weekdays=set()),
            (
                "InvalidValueError",
                "weekdays",
                [],
                "weekdays: must hold weekday numbers 0 (Monday) to 6 (got [])",
            ),
        ),
        (
            lambda: BookingSpec("ines", "repas", weekdays={True}),
            (
                "InvalidValueError",
                "weekdays",
                [True],
                "weekdays: must hold weekday numbers 0 (Monday) to 6 (got [True])",
            ),
        ),
        (
            lambda: CustodySpec("ines", "mere"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "rule",
                "mere",
                "rule: must be IsoWeekParity, EveryOtherWeek or CustodySchedule "
                "(got 'mere' of type str)",
            ),
        ),
        (
            lambda: Scenario(*_PERIOD, children=(_INES,), custody=(_custody(),)),
            (
                "InvalidValueError",
                "households",
                (),
                "households: custody needs the family's households (got ())",
            ),
        ),
        (
            lambda: Scenario(
                *_PERIOD, children=(_INES,), households=_HOMES, custody=(_custody(odd="tante"),)
            ),
            (
                "InvalidValueError",
                "custody[0]",
                "tante",
                "custody[0]: is not one of the family's households (got 'tante')",
            ),
        ),
        (
            lambda: Scenario(
                *_PERIOD,
                children=(_INES,),
                households=_HOMES,
                custody=(_custody(), _custody("pere", "mere")),
            ),
            (
                "InvalidValueError",
                "custody[1].child",
                "ines",
                "custody[1].child: has two custodies (got 'ines')",
            ),
        ),
        (
            lambda: Scenario(
                *_PERIOD, children=(_INES,), households=_HOMES, custody=(_custody(child="lou"),)
            ),
            (
                "UnknownCodeError",
                "custody[0].child",
                "lou",
                "custody[0].child: unknown 'lou'; known: ines",
            ),
        ),
        (
            lambda: Scenario(
                *_PERIOD,
                children=(_INES,),
                households=_HOMES,
                quotient_records=(QuotientSpec(_record(date(2024, 6, 20)), "tante"),),
            ),
            (
                "InvalidValueError",
                "quotient_records[0].household",
                "tante",
                "quotient_records[0].household: must be one of the family's households "
                "(got 'tante')",
            ),
        ),
        (
            lambda: Scenario(
                *_PERIOD,
                children=(_INES,),
                quotient_records=(QuotientSpec(_record(date(2024, 6, 20)), "mere"),),
            ),
            (
                "InvalidValueError",
                "quotient_records[0].household",
                "mere",
                "quotient_records[0].household: the family lists no households (got 'mere')",
            ),
        ),
        (
            lambda: Scenario(
                *_PERIOD,
                children=(_INES,),
                quotient_records=(QuotientSpec(_record(date(2024, 10, 1))),),
            ),
            (
                "InvalidValueError",
                "quotient_records[0].received_on",
                date(2024, 10, 1),
                "quotient_records[0].received_on: is after the period billed (it ends on "
                "2024-09-30) (got 2024-10-01)",
            ),
        ),
    ],
)
def test_a_scenario_value_refuses_with_its_field(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_a_record_received_after_the_period_is_refused_in_the_file() -> None:
    text = HEAD + RECORD.replace("received_on = 2024-06-20", "received_on = 2024-10-01")
    assert problems(text) == [
        "quotient_records[0].received_on: is after the period billed (it ends on 2024-09-30): a "
        "record received later cannot price it"
    ]


def test_custody_periods_that_leave_days_to_no_one_name_them() -> None:
    text = (
        HEAD
        + HOMES
        + '[[custody]]\nchild = "ines"\n'
        + 'periods = [{ start = 2024-09-05, end = 2024-09-15, household = "mere" }]\n'
    )
    assert problems(text) == [
        "custody[0].periods: leaves days of the period to no household: 2024-09-01 to "
        "2024-09-04, 2024-09-16 to 2024-09-30"
    ]


def test_a_household_listed_twice_or_a_period_of_an_unknown_one_is_named() -> None:
    assert problems(HEAD + 'households = ["mere", "pere", "mere"]\n') == [
        "households[2]: household 'mere' appears twice"
    ]
    text = (
        HEAD
        + HOMES
        + '[[custody]]\nchild = "ines"\n'
        + 'periods = [{ start = 2024-09-01, end = 2024-09-30, household = "tante" }]\n'
    )
    assert problems(text) == [
        "custody[0].periods[0].household: unknown household 'tante'; known: mere, pere"
    ]


def test_the_days_a_schedule_leaves_are_cut_to_the_period_asked() -> None:
    spec = CustodySpec(
        "ines", CustodySchedule((CustodyPeriod(date(2024, 9, 5), date(2024, 9, 10), "mere"),))
    )
    assert spec.uncovered(date(2024, 9, 6), date(2024, 9, 8)) is None
    assert spec.uncovered(date(2024, 9, 1), date(2024, 9, 3)) == "2024-09-01 to 2024-09-03"
    assert spec.uncovered(date(2024, 9, 12), date(2024, 9, 13)) == "2024-09-12 to 2024-09-13"
    assert _custody().uncovered(date(2024, 9, 1), date(2024, 9, 30)) is None


def test_the_households_of_a_schedule_are_named_once_in_order() -> None:
    periods = (
        CustodyPeriod(date(2024, 9, 1), date(2024, 9, 10), "pere"),
        CustodyPeriod(date(2024, 9, 11), date(2024, 9, 20), "mere"),
        CustodyPeriod(date(2024, 9, 21), date(2024, 9, 30), "pere"),
    )
    assert CustodySpec("ines", CustodySchedule(periods)).households == ("pere", "mere")
    assert _custody("pere", "mere").households == ("pere", "mere")


def test_a_custody_period_ending_before_it_starts_is_named_at_its_end() -> None:
    text = (
        HEAD
        + HOMES
        + '[[custody]]\nchild = "ines"\n'
        + 'periods = [{ start = 2024-09-15, end = 2024-09-01, household = "mere" }]\n'
    )
    assert problems(text) == [
        "custody[0].periods[0].end: must not be before start 2024-09-15 (got 2024-09-01)"
    ]
