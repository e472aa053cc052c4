"""Attendance regimes: every refusal in full (class, field, value and message)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from cantine_rules.money import Money
from cantine_rules.pricing._monthly import MonthlyFlatFee
from cantine_rules.rules.regimes import (
    ChangeEffect,
    DayChangeTerms,
    FixedDays,
    Occasional,
    ServiceRegimes,
)
from cantine_rules.sources import Source
from tests._helpers import refusal
from tests.rules.test_regimes import BOOKING

# Vigneux-de-Bretagne: « Choix 1 : un à cinq jours fixes par semaine ».
SOURCE = Source.example("un à cinq jours fixes par semaine")
MONTHLY = DayChangeTerms(ChangeEffect.NEXT_MONTH)
FIXED = FixedDays(MONTHLY, SOURCE)
CARD = MonthlyFlatFee("carte", "Carte", Money.euros(30), SOURCE)

CASES: list[tuple[Callable[[], object], tuple[str, object, object, str]]] = [
    (
        lambda: DayChangeTerms(ChangeEffect.NEXT_MONTH, notice_days="7"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "notice_days",
            "7",
            "notice_days: must be a whole number of days (got '7' of type str)",
        ),
    ),
    (
        lambda: DayChangeTerms(ChangeEffect.NEXT_MONTH, notice_days=-1),
        (
            "InvalidValueError",
            "notice_days",
            -1,
            "notice_days: must be from 0 to 366 days (got -1)",
        ),
    ),
    (
        lambda: DayChangeTerms(ChangeEffect.NEXT_MONTH, notice_days=367),
        (
            "InvalidValueError",
            "notice_days",
            367,
            "notice_days: must be from 0 to 366 days (got 367)",
        ),
    ),
    (
        lambda: DayChangeTerms(ChangeEffect.NEXT_MONTH, through_commune=1),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "through_commune",
            1,
            "through_commune: must be a bool (got 1 of type int)",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, min_days=0),
        ("InvalidValueError", "min_days", 0, "min_days: must be from 1 to 7 days a week (got 0)"),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, min_days="1"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "min_days",
            "1",
            "min_days: must be a whole number of days (got '1' of type str)",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, max_days=8),
        ("InvalidValueError", "max_days", 8, "max_days: must be from 1 to 7 days a week (got 8)"),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, min_days=3, max_days=2),
        ("InvalidValueError", "max_days", 2, "max_days: must not be below min_days (3) (got 2)"),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, max_days="2"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "max_days",
            "2",
            "max_days: must be a whole number of days (got '2' of type str)",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, unit_price="3.70"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "unit_price",
            "3.70",
            "unit_price: must be Money or None (got '3.70' of type str)",
        ),
    ),
    (
        lambda: Occasional(SOURCE, Money.euros("-1")),
        (
            "NegativeAmountError",
            "unit_price",
            Money.euros("-1.00"),
            "unit_price: must not be negative (got Money.euros('-1.00'))",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, weekdays=set()),
        (
            "InvalidValueError",
            "weekdays",
            [],
            "weekdays: name at least one weekday, or none (got [])",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, weekdays="01"),
        (
            "InvalidTypeError",
            "weekdays",
            "01",
            "weekdays: must be a set of weekday numbers (0=Monday) (got '01' of type str)",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, weekdays={7}),
        (
            "InvalidValueError",
            "weekdays",
            7,
            "weekdays: weekdays are 0 (Monday) to 6 (Sunday) (got 7)",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, weekdays={-1}),
        (
            "InvalidValueError",
            "weekdays",
            -1,
            "weekdays: weekdays are 0 (Monday) to 6 (Sunday) (got -1)",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, weekdays={True}),
        (
            "InvalidValueError",
            "weekdays",
            True,
            "weekdays: weekdays are 0 (Monday) to 6 (Sunday) (got True)",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", "x"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "offers",
            "x",
            "offers: must be FixedDays or Occasional values (got 'x' of type str)",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", [3]),
        (
            "InvalidTypeError",
            "offers[0]",
            3,
            "offers[0]: must be FixedDays or Occasional (got 3 of type int)",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", [Occasional(SOURCE), Occasional(SOURCE)]),
        (
            "InvalidValueError",
            "offers[1]",
            "Occasional",
            "offers[1]: a service offers each regime once (got 'Occasional')",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", [FIXED, Occasional(SOURCE), FIXED]),
        (
            "InvalidValueError",
            "offers[2]",
            "FixedDays",
            "offers[2]: a service offers each regime once (got 'FixedDays')",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", [FIXED], "x"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "monthly_fees",
            "x",
            "monthly_fees: must be MonthlyFlatFee values (got 'x' of type str)",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", [FIXED], [3]),
        (
            "InvalidTypeError",
            "monthly_fees[0]",
            3,
            "monthly_fees[0]: must be a MonthlyFlatFee (got 3 of type int)",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", [FIXED], [CARD, CARD]),
        (
            "InvalidValueError",
            "monthly_fees[1].code",
            "carte",
            "monthly_fees[1].code: appears twice (got 'carte')",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", []),
        (
            "InvalidValueError",
            "offers",
            (),
            "offers: a service offers at least one regime or one monthly fee (got ())",
        ),
    ),
    (
        lambda: FIXED.check_choice(BOOKING, "repas", {0, 2}),
        (
            "InvalidValueError",
            "weekdays",
            2,
            "weekdays: the service 'repas' does not run that weekday under the regime (got 2)",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, SOURCE, max_days=2).check_choice(BOOKING, "repas", {0, 1, 3}),
        (
            "InvalidValueError",
            "weekdays",
            [0, 1, 3],
            "weekdays: choose from 1 to 2 weekdays (got [0, 1, 3])",
        ),
    ),
    (
        lambda: FIXED.check_choice(BOOKING, "repas", set()),
        ("InvalidValueError", "weekdays", [], "weekdays: choose from 1 to 4 weekdays (got [])"),
    ),
    (
        lambda: FIXED.check_choice(BOOKING, "repas", "0"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "weekdays",
            "0",
            "weekdays: must be a set of weekday numbers (0=Monday) (got '0' of type str)",
        ),
    ),
    (
        lambda: ServiceRegimes("piscine", [FIXED]).check_against(BOOKING),
        (
            "UnknownServiceError",
            "service_code",
            "piscine",
            "service_code: unknown 'piscine'; known: repas",
        ),
    ),
    (
        lambda: ServiceRegimes(
            "repas", [FixedDays(MONTHLY, SOURCE, weekdays={2, 5})]
        ).check_against(BOOKING),
        (
            "InvalidValueError",
            "offers[0].weekdays",
            2,
            "offers[0].weekdays: the service 'repas' does not run that weekday (got 2)",
        ),
    ),
    (
        lambda: ServiceRegimes("repas", [FixedDays(MONTHLY, SOURCE, max_days=5)]).check_against(
            BOOKING
        ),
        (
            "InvalidValueError",
            "offers[0].max_days",
            5,
            "offers[0].max_days: the service 'repas' runs 4 days a week under the regime (got 5)",
        ),
    ),
    (
        lambda: ServiceRegimes(
            "repas", [Occasional(SOURCE), FixedDays(MONTHLY, SOURCE, min_days=5)]
        ).check_against(BOOKING),
        (
            "InvalidValueError",
            "offers[1].min_days",
            5,
            "offers[1].min_days: the service 'repas' runs 4 days a week under the regime (got 5)",
        ),
    ),
    (
        lambda: ServiceRegimes(
            "repas", [FixedDays(MONTHLY, SOURCE, weekdays={0, 1}, max_days=3)]
        ).check_against(BOOKING),
        (
            "InvalidValueError",
            "offers[0].max_days",
            3,
            "offers[0].max_days: the service 'repas' runs 2 days a week under the regime (got 3)",
        ),
    ),
]


@pytest.mark.parametrize(("call", "expected"), CASES)
def test_each_refusal_names_its_field_value_and_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_a_naive_request_instant_is_refused_by_name() -> None:
    naive = datetime(2024, 9, 1)
    name, field, value, message = refusal(lambda: MONTHLY.takes_effect(BOOKING.calendar, naive))
    assert (name, field, value) == ("NaiveDatetimeError", "requested_at", naive)
    assert message.startswith("requested_at: must be timezone-aware")


def test_weekdays_within_their_bounds_are_taken() -> None:
    assert FixedDays(MONTHLY, SOURCE, weekdays=[0, 6]).weekdays == frozenset({0, 6})
    assert FixedDays(MONTHLY, SOURCE, min_days=7, max_days=7).allowed_counts(frozenset()) == range(
        7, 8
    )
    assert DayChangeTerms(ChangeEffect.NEXT_MONTH, notice_days=366).notice_days == 366
    assert FixedDays(MONTHLY, SOURCE, unit_price=Money.zero()).unit_price == Money.zero()
