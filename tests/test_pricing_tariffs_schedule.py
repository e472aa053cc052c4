"""Tariff schedules: which version is in force on a day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import InvalidTypeError, Money
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariff_errors import NoTariffInForceError, ScheduleError
from cantine_rules.pricing._tariffs import PricingContext, UnitPrice
from cantine_rules.sources import Source

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
