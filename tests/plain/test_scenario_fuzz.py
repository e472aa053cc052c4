"""Fuzzing the scenario reader: a scenario or a PolicyError, never a crash."""

from __future__ import annotations

import contextlib
import json
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules.errors import PolicyError
from cantine_rules.plain import loads_scenario

TOML_VALUES = st.recursive(
    st.none().map(lambda _: "x")
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.dates(date(2016, 1, 1), date(2030, 12, 31))
    | st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "child",
                    "service",
                    "day",
                    "days",
                    "weekdays",
                    "id",
                    "amount",
                    "mode",
                    "action",
                    "at",
                    "x",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def _toml(data: dict[str, object]) -> str:
    """A crude TOML writer for the fuzzer: strings, numbers, dates, arrays and inline tables."""

    def value(item: object) -> str:
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, datetime | date):
            return item.isoformat()
        if isinstance(item, int | float):
            return repr(item)
        if isinstance(item, str):
            return json.dumps(item)
        if isinstance(item, list):
            return "[" + ", ".join(value(part) for part in item) + "]"
        assert isinstance(item, dict)
        return "{" + ", ".join(f"{json.dumps(k)} = {value(v)}" for k, v in item.items()) + "}"

    return "\n".join(f"{json.dumps(key)} = {value(item)}" for key, item in data.items())


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "commune",
                "start",
                "end",
                "family",
                "children",
                "bookings",
                "absences",
                "changes",
                "payments",
                "opening_balance",
                "other",
            ]
        ),
        TOML_VALUES,
        max_size=8,
    )
)
def test_scenario_reader_gives_a_scenario_or_a_policy_error(data: dict[str, object]) -> None:
    with contextlib.suppress(PolicyError):
        loads_scenario(_toml(data))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_scenario_reader_on_any_text(text: str) -> None:
    with contextlib.suppress(PolicyError):
        loads_scenario(text)
