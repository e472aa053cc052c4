"""Tariff schedules: which version is in force on a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from cantine_rules import InvalidTypeError, Money
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariff_errors import NoTariffInForceError, ScheduleError
from cantine_rules.pricing._tariffs import PricingContext, UnitPrice
from cantine_rules.sources import Source
from tests._helpers import refusal

SRC = Source.example("test schedule")


def _version(start: date, price: str, ends_on: date | None = None) -> TariffVersion:
    return TariffVersion(start, UnitPrice(Money.euros(price), SRC), SRC, ends_on)


SCHEDULE = TariffSchedule(
    "repas",
    (
        _version(date(2023, 9, 1), "3.40"),
        _version(date(2024, 9, 1), "3.50"),
        _version(date(2025, 9, 1), "3.60", ends_on=date(2026, 8, 31)),
    ),
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 9, 1), "3.40"),
        (date(2024, 8, 31), "3.40"),
        (date(2024, 9, 1), "3.50"),
        (date(2025, 8, 31), "3.50"),
        (date(2025, 9, 1), "3.60"),
        (date(2026, 8, 31), "3.60"),
    ],
)
def test_each_new_grid_takes_effect_on_its_day(day: date, expected: str) -> None:
    assert SCHEDULE.price(day, PricingContext()).unit_price == Money.euros(expected)


def test_a_day_before_the_first_version_is_an_error() -> None:
    with pytest.raises(NoTariffInForceError) as caught:
        SCHEDULE.at(date(2023, 8, 31))
    assert caught.value.field == "day"
    assert "2023-09-01" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_an_ended_version_does_not_run_on() -> None:
    assert SCHEDULE.at(date(2026, 8, 31)).effective_from == date(2025, 9, 1)
    with pytest.raises(NoTariffInForceError, match="ended on 2026-08-31"):
        SCHEDULE.at(date(2026, 9, 1))
    assert not SCHEDULE.versions[2].in_force_on(date(2026, 9, 1))
    assert SCHEDULE.versions[2].in_force_on(date(2026, 8, 31))


def test_versions_must_take_effect_in_increasing_order() -> None:
    with pytest.raises(ScheduleError) as caught:
        TariffSchedule("repas", (_version(date(2024, 9, 1), "1"), _version(date(2023, 9, 1), "1")))
    assert caught.value.field == "versions[1].effective_from"
    with pytest.raises(ScheduleError) as repeated:
        TariffSchedule("repas", (_version(date(2024, 9, 1), "1"), _version(date(2024, 9, 1), "2")))
    assert repeated.value.field == "versions[1].effective_from"


def test_an_ended_version_must_end_before_the_next() -> None:
    with pytest.raises(ScheduleError) as caught:
        TariffSchedule(
            "repas",
            (
                _version(date(2024, 9, 1), "1", ends_on=date(2025, 9, 1)),
                _version(date(2025, 9, 1), "2"),
            ),
        )
    assert caught.value.field == "versions[0].ends_on"
    with pytest.raises(ScheduleError) as backwards:
        _version(date(2024, 9, 1), "1", ends_on=date(2024, 8, 31))
    assert backwards.value.field == "ends_on"


def test_a_gap_between_an_ended_version_and_the_next_is_no_tariff() -> None:
    schedule = TariffSchedule(
        "repas",
        (
            _version(date(2020, 9, 1), "1", ends_on=date(2021, 8, 31)),
            _version(date(2024, 9, 1), "2"),
        ),
    )
    with pytest.raises(NoTariffInForceError):
        schedule.at(date(2022, 1, 10))
    assert schedule.at(date(2024, 9, 2)).effective_from == date(2024, 9, 1)


def test_schedule_checks_its_input() -> None:
    with pytest.raises(ScheduleError):
        TariffSchedule("repas", ())
    with pytest.raises(InvalidTypeError) as caught:
        TariffSchedule("repas", ("v",))  # type: ignore[arg-type]
    assert caught.value.field == "versions[0]"
    with pytest.raises(InvalidTypeError):
        SCHEDULE.at(datetime(2024, 9, 2, 12))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as bad_tariff:
        TariffVersion(date(2024, 9, 1), Money.euros("3.60"), SRC)  # type: ignore[arg-type]
    assert bad_tariff.value.field == "tariff"


# Exact refusals and the first and last day of a version -----------------------------------------

V_2024 = _version(date(2024, 9, 1), "3.60")


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: TariffVersion(date(2024, 9, 1), "3.60", SRC),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "tariff",
                "3.60",
                "tariff: must be a Tariff (with a price method) (got '3.60' of type str)",
            ),
        ),
        (
            lambda: _version(date(2024, 9, 1), "3.60", "2025-08-31"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "ends_on",
                "2025-08-31",
                "ends_on: must be a datetime.date (got '2025-08-31' of type str)",
            ),
        ),
        (
            lambda: _version(date(2024, 9, 1), "3.60", date(2024, 8, 31)),
            (
                "ScheduleError",
                "ends_on",
                date(2024, 8, 31),
                "ends_on: must not be before effective_from 2024-09-01 (got 2024-08-31)",
            ),
        ),
        (
            lambda: V_2024.in_force_on("2024-09-01"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "day",
                "2024-09-01",
                "day: must be a datetime.date (got '2024-09-01' of type str)",
            ),
        ),
        (
            lambda: TariffSchedule("repas", ()),
            (
                "ScheduleError",
                "versions",
                (),
                "versions: a schedule needs at least one version (got ())",
            ),
        ),
        (
            lambda: TariffSchedule("repas", (V_2024, _version(date(2024, 9, 1), "3.70"))),
            (
                "ScheduleError",
                "versions[1].effective_from",
                date(2024, 9, 1),
                "versions[1].effective_from: versions take effect in strictly increasing order; "
                "versions[0] takes effect on 2024-09-01 (got 2024-09-01)",
            ),
        ),
        (
            lambda: TariffSchedule(
                "repas", (_version(date(2023, 9, 1), "3.50", date(2024, 9, 1)), V_2024)
            ),
            (
                "ScheduleError",
                "versions[0].ends_on",
                date(2024, 9, 1),
                "versions[0].ends_on: overlaps versions[1], in force from 2024-09-01 "
                "(got 2024-09-01)",
            ),
        ),
        (
            lambda: TariffSchedule("repas", (V_2024,)).at("2024-09-01"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "day",
                "2024-09-01",
                "day: must be a datetime.date (got '2024-09-01' of type str)",
            ),
        ),
        (
            lambda: TariffSchedule("repas", (V_2024,)).at(date(2024, 8, 31)),
            (
                "NoTariffInForceError",
                "day",
                date(2024, 8, 31),
                "day: no tariff of 'repas' before its first version (in force from 2024-09-01) "
                "(got 2024-08-31)",
            ),
        ),
        (
            lambda: SCHEDULE.at(date(2026, 9, 1)),
            (
                "NoTariffInForceError",
                "day",
                date(2026, 9, 1),
                "day: the tariff of 'repas' in force from 2025-09-01 ended on 2026-08-31 and no "
                "later version is given (got 2026-09-01)",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_a_version_is_in_force_from_its_first_to_its_last_day() -> None:
    one_day = _version(date(2024, 9, 2), "3.60", ends_on=date(2024, 9, 2))
    assert one_day.in_force_on(date(2024, 9, 2))
    assert not one_day.in_force_on(date(2024, 9, 1))
    assert not one_day.in_force_on(date(2024, 9, 3))
    assert TariffSchedule("repas", (one_day,)).at(date(2024, 9, 2)) is one_day
