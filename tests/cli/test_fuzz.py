"""Fuzzing the command line and the scenario reader: a result or a clean exit 2, never a crash."""

from __future__ import annotations

import contextlib
import io
import json
import string
from contextlib import redirect_stderr
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules.cli import main
from cantine_rules.cli._scenario import loads_scenario
from cantine_rules.errors import CantineRulesError

WORDS = st.sampled_from(
    [
        "communes",
        "explain",
        "calendar",
        "decide",
        "planning",
        "price",
        "bill",
        "check",
        "paris",
        "chantraine",
        "saint-just-d-avray",
        "--service",
        "repas",
        "--day",
        "--at",
        "--action",
        "add",
        "cancel",
        "--channel",
        "office",
        "online",
        "--qf",
        "--json",
        "--lang",
        "en",
        "fr",
        "--from",
        "--to",
        "--month",
        "2024-09-19",
        "2024-09",
        "-1",
        "2024-09-19T17:00",
        "2024-13-45",
        "NaN",
        "1e999",
        "",
        "--justified",
        "x" * 300,
    ]
)
ARGUMENTS = st.lists(WORDS | st.text(string.printable, max_size=12), max_size=12)


@settings(max_examples=300, deadline=None)
@given(ARGUMENTS)
def test_cli_arguments_never_crash(arguments: list[str]) -> None:
    out = io.StringIO()
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(arguments, stdout=out)
    assert code in (0, 2), (arguments, err.getvalue())
    assert "Traceback" not in err.getvalue()
    assert "internal error" not in err.getvalue()
    if code == 0 and "--json" in arguments:
        json.loads(out.getvalue())


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
    with contextlib.suppress(CantineRulesError):
        loads_scenario(_toml(data))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_scenario_reader_on_any_text(text: str) -> None:
    with contextlib.suppress(CantineRulesError):
        loads_scenario(text)
