"""The policy and scenario schemas against the files the library reads.

A file the reader accepts in the documented forms is valid against its schema, once converted to
JSON by the documented rule (`to_json_data`); a file it refuses for its structure (an unknown key,
a wrong `type`, a float amount) is refused by the schema as well, at the same place.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cantine_rules import policies
from cantine_rules.errors import PolicyError
from cantine_rules.plain import from_data, loads_scenario, scenario_from_data, to_data
from cantine_rules.policies import CommunePolicy
from cantine_rules.schemas import to_json_data
from cantine_rules.testing import commune_policies
from tests.plain.test_plain import EVERYTHING
from tests.plain.test_plain_properties import mutated_dumps
from tests.schemas._validation import assert_valid, problems

ROOT = Path(__file__).resolve().parents[2]
POLICY_FILES = sorted((ROOT / "examples" / "communes").glob("*.toml"))
SCENARIO_FILES = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))
MA_COMMUNE = ROOT / "examples" / "communes" / "ma-commune.toml"


def _json(path: Path) -> Any:
    with path.open("rb") as file:
        return to_json_data(tomllib.load(file))


def test_the_json_rule() -> None:
    data = {
        "day": date(2024, 9, 2),
        "at": datetime(2024, 6, 1, 8, 0, tzinfo=UTC),
        "local": datetime(2024, 9, 19, 17, 0),
        "start": time(11, 45),
        "list": ({"n": 1, "yes": True, "s": "3.60"},),
    }
    assert to_json_data(data) == {
        "day": "2024-09-02",
        "at": "2024-06-01T08:00:00+00:00",
        "local": "2024-09-19T17:00:00",
        "start": "11:45:00",
        "list": [{"n": 1, "yes": True, "s": "3.60"}],
    }


# Policies -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda path: path.name)
def test_every_example_policy_file_is_valid(path: Path) -> None:
    assert_valid("policy", _json(path))


@pytest.mark.parametrize("slug", policies.names())
def test_every_reference_commune_is_valid_and_its_json_reads_back(slug: str) -> None:
    policy = policies.get(slug)
    data = to_json_data(to_data(policy))
    assert_valid("policy", data)
    # The library reads the JSON form as it reads the TOML file.
    assert from_data(data) == policy


def test_a_policy_with_every_tagged_type_is_valid_and_its_json_reads_back() -> None:
    data = to_json_data(to_data(EVERYTHING))
    assert_valid("policy", data)
    assert from_data(data) == EVERYTHING


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commune_policies())
def test_a_generated_policy_is_valid(policy: CommunePolicy) -> None:
    data = to_json_data(to_data(policy))
    assert_valid("policy", data)
    assert from_data(data) == policy


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_dumps())
def test_what_the_reader_accepts_the_schema_accepts(
    case: tuple[str, tuple[Any, ...], dict[str, Any]],
) -> None:
    _, _, data = case
    try:
        from_data(data)
    except PolicyError:
        return
    assert_valid("policy", to_json_data(data))


def _steps(path: str) -> list[str | int]:
    """A problem's path as steps: ``services[0].start`` is ``["services", 0, "start"]``."""
    return [
        int(index) if index else key
        for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path)
        if key or index
    ]


def _refused_alike(reader: Callable[[Any], object], schema_name: str, data: Any) -> None:
    """The reader refuses *data*, and the schema too, where the reader says or just above."""
    with pytest.raises(PolicyError) as caught:
        reader(data)
    read = [_steps(problem.path) for problem in caught.value.problems]
    found = problems(schema_name, to_json_data(data))
    assert found, f"the schema accepts what the reader refuses: {caught.value}"
    assert any(steps[: len(where)] == where for where, _ in found for steps in read), (found, read)


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for step in path[:-1]:
            data = data[step]
        data[path[-1]] = value

    return change


def _rename(path: tuple[Any, ...], new: str) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for step in path[:-1]:
            data = data[step]
        data[new] = data.pop(path[-1])

    return change


def _drop(path: tuple[Any, ...]) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for step in path[:-1]:
            data = data[step]
        del data[path[-1]]

    return change


POLICY_BREAKS = {
    "an unknown top-level key": _set(("zone",), "B"),
    "a misspelt channel": _rename(("rules", "default", "late_add", "office"), "ofice"),
    "an unknown deadline type": _set(("rules", "default", "add", "type"), "weekday_befor"),
    "a deadline without its type": _drop(("rules", "default", "add", "type")),
    "a key of another type": _set(("rules", "default", "cancel", "type"), "hours_before"),
    "a surcharge of the wrong type": _set(
        ("rules", "default", "late_add", "office", "surcharge", "type"), "base_times"
    ),
    "a float amount": _set(("tariffs", "soir", "versions", 0, "tariff", "amount"), 2.1),
    "a fraction of a cent": _set(("tariffs", "soir", "versions", 0, "tariff", "amount"), "2.105"),
    "a missing required key": _drop(("services", 1, "kind")),
    "an unknown enum value": _set(("calendar", "zone"), "D"),
    "a time written 11h45": _set(("services", 0, "start"), "11h45"),
    "a French weekday": _set(("rules", "default", "add", "weekday"), "jeudi"),
    "a rule for an unknown kind": _set(
        ("rules", "by_kind"), {"lunch": {"add": {"type": "max_horizon", "days": 1}}}
    ),
    "a label with a trailing newline": _set(("services", 0, "label"), "Repas\n"),
    "a date that does not exist": _set(
        ("tariffs", "repas", "versions", 0, "effective_from"), "2024-02-30"
    ),
    "a date-time in place of a day": _set(
        ("calendar", "closures", 0, "day"), datetime(2025, 5, 30, tzinfo=UTC)
    ),
    "a payment mode twice": _set(("payment_modes",), ["card", "card"]),
    "a deadline beyond its bound": _set(
        ("rules", "by_service", "soir", "add"), {"type": "hours_before", "hours": 10**6}
    ),
    "a booking horizon beyond two years": _set(
        ("rules", "default", "add"), {"type": "max_horizon", "days": 732}
    ),
    "a source without its reference": _drop(("citations", 0, "source", "reference")),
}


@pytest.mark.parametrize("change", POLICY_BREAKS.values(), ids=list(POLICY_BREAKS))
def test_a_policy_the_reader_refuses_for_its_structure_the_schema_refuses(
    change: Callable[[Any], None],
) -> None:
    with MA_COMMUNE.open("rb") as file:
        data = tomllib.load(file)
    change(data)
    _refused_alike(from_data, "policy", data)


# Scenarios ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda path: path.name)
def test_every_example_scenario_is_valid_and_its_json_reads_back(path: Path) -> None:
    data = _json(path)
    assert_valid("scenario", data)
    assert scenario_from_data(data) == loads_scenario(path.read_text(encoding="utf-8"))


def _page_scenarios() -> tuple[str, str]:
    page = (ROOT / "docs" / "command-line.en.md").read_text(encoding="utf-8")
    section = page[page.index("### The scenario file") :]
    good, bad = re.findall(r"```toml\n(.*?)```", section, re.DOTALL)[:2]
    return good, bad


def test_the_scenarios_of_the_command_line_page() -> None:
    good, bad = _page_scenarios()
    assert_valid("scenario", to_json_data(tomllib.loads(good)))
    _refused_alike(scenario_from_data, "scenario", tomllib.loads(bad))


def test_the_conventions_of_a_hand_written_scenario_are_valid() -> None:
    # « a date-time without an offset … is read as Europe/Paris »; « a weekday may be named in
    # French, in any case »; decimals « in any form Python's Decimal reads »; « a payment's mode
    # is read in any case », and an opening balance may be below zero.
    data = _json(ROOT / "examples" / "scenarios" / "saint-just-d-avray.toml")
    data["changes"][0]["at"] = "2024-09-19T16:30:00"
    data["bookings"][0]["weekdays"] = ["Lundi", "MARDI", "thursday", "Vendredi"]
    data["payments"][0]["amount"] = " 4_5.6e0 "
    data["payments"][0]["mode"] = "PayFiP"
    data["opening_balance"] = "-4.20"
    data["family"]["quotient_familial"] = "+812"
    scenario_from_data(data)
    assert_valid("scenario", data)


def _scenario() -> Any:
    return _json(ROOT / "examples" / "scenarios" / "chantraine.toml")


SCENARIO_BREAKS = {
    "an unknown top-level key": _set(("zone",), "B"),
    "a misspelt family id": _rename(("family", "id"), "idd"),
    # Not 30.0: JSON does not tell it from 30, which the reader accepts.
    "a float amount": _set(("payments", 0, "amount"), 30.5),
    "paper tickets": _set(("payments", 0, "mode"), "tickets"),
    "an unknown action": _set(("changes", 0, "action"), "move"),
    "an unknown weekday": _set(("bookings", 0, "weekdays", 0), "lun"),
    "a booking of no day": _drop(("bookings", 0, "weekdays")),
    "a change without when": _drop(("changes", 0, "at")),
    "a change at a time that is not one": _set(("changes", 0, "at"), "tomorrow"),
    "an empty child id": _set(("children", 0, "id"), ""),
    "a number that is not one": _set(("opening_balance",), "35,00"),
    "an infinite balance": _set(("opening_balance",), "Infinity"),
}


@pytest.mark.parametrize("change", SCENARIO_BREAKS.values(), ids=list(SCENARIO_BREAKS))
def test_a_scenario_the_reader_refuses_for_its_structure_the_schema_refuses(
    change: Callable[[Any], None],
) -> None:
    data = _scenario()
    change(data)
    _refused_alike(scenario_from_data, "scenario", data)


# Not the string "2024-11-07": the reader also reads a day alone as a date-time (midnight), an
# ISO 8601 form the schema leaves out, as the command-line page says.
LENIENT_LEAVES = (
    st.sampled_from(
        [
            "jeudi",
            "Thursday",
            "THURSDAY",
            "2024-11-07T09:00:00",
            "2024-11-07T09:00:00+01:00",
            "+3.6",
            "1e3",
            " 812 ",
            "1_000",
            "-4.20",
            "PayFiP",
            " card ",
            "tickets",
            "",
            " x",
            "x",
            "medical_certificate",
            "office",
            "cancel",
        ]
    )
    | st.integers(-3, 3)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
)


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return [path]
    return [leaf for key, item in items for leaf in _leaves(item, (*path, key))]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_what_the_scenario_reader_accepts_the_schema_accepts(data: st.DataObject) -> None:
    scenario = copy.deepcopy(_json(data.draw(st.sampled_from(SCENARIO_FILES))))
    for _ in range(data.draw(st.integers(1, 3))):
        leaf = data.draw(st.sampled_from(_leaves(scenario)))
        _set(leaf, data.draw(LENIENT_LEAVES))(scenario)
    try:
        scenario_from_data(scenario)
    except PolicyError:
        return
    assert_valid("scenario", to_json_data(scenario))
