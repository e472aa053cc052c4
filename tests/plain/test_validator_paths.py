"""The library's own validators, run by the reader, report at the key that holds the value.

Each case breaks one value of the full example that only the value's own class refuses (the
reader reads it as a well-formed number, day or name) and compares the one problem whole.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cantine_rules.errors import PolicyError, Problem
from cantine_rules.plain import from_data, to_data
from tests.plain.test_plain import EVERYTHING

_DATA = to_data(EVERYTHING)
_REPAS = ["tariffs", "repas", "versions"]
_MODIFIERS = [*_REPAS, 1, "tariff", "modifiers"]
_SOIR = ["tariffs", "soir", "versions", 0, "tariff"]
_MATIN_ADD = ["rules", "by_service", "matin", "add", "rules"]
_WINDOW = [*_MATIN_ADD, 1]


def _broken(keys: list[Any], value: object) -> tuple[Problem, ...]:
    data = copy.deepcopy(_DATA)
    table = data
    for key in keys[:-1]:
        table = table[key]
    table[keys[-1]] = value
    with pytest.raises(PolicyError) as caught:
        from_data(data)
    return caught.value.problems


@pytest.mark.parametrize(
    ("keys", "value", "path", "message"),
    [
        (
            ["calendar", "first_year"],
            2027,
            "calendar.last_year",
            "must not be before first_year 2027 (got 2026)",
        ),
        (
            ["calendar", "department"],
            "100",
            "calendar.department",
            "must be a metropolitan department code, '01' to '95' (got '100')",
        ),
        (
            ["calendar", "closures"],
            [{"day": "2035-05-30", "label": "Pont"}],
            "calendar.closures[0]",
            "is outside the calendar's years 2023-2026 (got 2035-05-30)",
        ),
        (
            ["calendar", "extra_open_days"],
            [{"day": "2035-05-30", "label": "Rattrapage"}],
            "calendar.extra_open_days[0]",
            "is outside the calendar's years 2023-2026 (got 2035-05-30)",
        ),
        (
            ["calendar", "school_week"],
            ["sunday"],
            "calendar.school_week",
            "weekdays: must be 0 (Monday) to 5 (Saturday) (got 6)",
        ),
        (
            ["services", 0, "end"],
            "11:00",
            "services[0].end",
            "must be after the start time 11:45:00 (got 11:00:00)",
        ),
        (
            [*_MATIN_ADD, 0, "hours"],
            10**6,
            "rules.by_service.matin.add.rules[0].hours",
            "must be at most 8784 (got 1000000)",
        ),
        (
            ["rules", "by_service", "soir", "add", "days"],
            367,
            "rules.by_service.soir.add.days",
            "must be at most 366 (got 367)",
        ),
        (
            ["rules", "by_service", "soir", "cancel", "weeks_before"],
            54,
            "rules.by_service.soir.cancel.weeks_before",
            "must be at most 53 (got 54)",
        ),
        (
            ["rules", "default", "cancel", "days"],
            367,
            "rules.default.cancel.days",
            "must be at most 366 (got 367)",
        ),
        (
            ["rules", "by_kind", "wednesday_centre", "cancel", "days"],
            367,
            "rules.by_kind.wednesday_centre.cancel.days",
            "must be at most 366 (got 367)",
        ),
        (
            [*_WINDOW, "closes_at"],
            "2024-05-01T00:00:00+02:00",
            "rules.by_service.matin.add.rules[1].closes_at",
            "must be after opens_at (got 2024-05-01T00:00:00+02:00)",
        ),
        (
            [*_WINDOW, "last_day"],
            "2024-09-01",
            "rules.by_service.matin.add.rules[1].last_day",
            "must not be before first_day (got 2024-09-01)",
        ),
        (
            ["rules", "default", "add", "rules", 1, "days"],
            732,
            "rules.default.add.rules[1].days",
            "must be at most 731 (got 732)",
        ),
        (
            ["rules", "default", "late_add", "office", "surcharge", "then", "factor"],
            "0.5",
            "rules.default.late_add.office.surcharge.then.factor",
            "a surcharge factor must be 1 or more (got 0.5)",
        ),
        (
            [*_REPAS, 0, "ends_on"],
            "2023-01-01",
            "tariffs.repas.versions[0].ends_on",
            "must not be before effective_from 2023-09-01 (got 2023-01-01)",
        ),
        (
            [*_REPAS, 1, "tariff", "tariff", "default_bracket"],
            "T9",
            "tariffs.repas.versions[1].tariff.tariff.default_bracket",
            "unknown 'T9'; known: T1, T2, T3, T4",
        ),
        (
            [*_SOIR, "minimum"],
            "9.00",
            "tariffs.soir.versions[0].tariff.maximum",
            "must not be below the minimum 9.00 EUR (got Money.euros('4.50'))",
        ),
        (
            [*_SOIR, "rate"],
            "-1",
            "tariffs.soir.versions[0].tariff.rate",
            "must be a fraction between 0 and 1 (0.0036) (got -1)",
        ),
        (
            [*_MODIFIERS, 0, "factors", 1, "factor"],
            "2",
            "tariffs.repas.versions[1].tariff.modifiers[0].factors[1].factor",
            "a reduction factor lies between 0 and 1 ('0.5') (got 2)",
        ),
        (
            [*_MODIFIERS, 1, "rate"],
            "-1",
            "tariffs.repas.versions[1].tariff.modifiers[1].rate",
            "a supplement is zero or more ('0.20' for +20 %) (got -1)",
        ),
        (
            [*_MODIFIERS, 2, "factor"],
            "-1",
            "tariffs.repas.versions[1].tariff.modifiers[2].factor",
            "a reduction factor lies between 0 and 1 ('0.5') (got -1)",
        ),
    ],
)
def test_a_value_its_class_refuses_is_reported_at_its_key(
    keys: list[Any], value: object, path: str, message: str
) -> None:
    assert _broken(keys, value) == (Problem(path, message),)
