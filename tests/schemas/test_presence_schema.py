"""The policy schema's presences without booking and late pick-ups, against the reader."""

from __future__ import annotations

from typing import Any

import pytest

from cantine_rules.plain import from_data, to_data
from cantine_rules.plain._schema import UNBOOKED_CHARGE_TAGS
from cantine_rules.schemas import schema, to_json_data
from tests.plain.test_presence_plain import BAD, TEXT, _with
from tests.schemas._validation import assert_valid, problems


def test_every_charge_tag_has_its_variant() -> None:
    defs = schema("policy")["$defs"]
    node = defs["unbooked_charge"]
    assert node["properties"]["type"]["enum"] == list(UNBOOKED_CHARGE_TAGS.values())
    for tag, case in zip(UNBOOKED_CHARGE_TAGS.values(), node["allOf"], strict=True):
        assert case["if"] == {"required": ["type"], "properties": {"type": {"const": tag}}}
        assert case["then"] == {"$ref": f"#/$defs/{tag}"}
        assert defs[tag]["properties"]["type"] == {"const": tag}
        assert defs[tag]["additionalProperties"] is False


def test_the_documented_form_is_valid_and_reads_back() -> None:
    import tomllib

    policy = from_data(_with(tomllib.loads(TEXT)))
    data = to_json_data(to_data(policy))
    assert_valid("policy", data)
    assert from_data(data) == policy


# What the schema can see: the structure, not the times' order nor the services' codes.
STRUCTURAL = [
    "a float fee",
    "a boundary misspelt",
    "no band",
    "a repetition from the first occurrence",
    "a penalty that counts late changes",
    "a period misspelt",
]


@pytest.mark.parametrize("name", STRUCTURAL)
def test_what_the_reader_refuses_for_its_structure_the_schema_refuses(name: str) -> None:
    extra, path = BAD[name]
    data: Any = to_json_data(_with(extra))
    found = problems("policy", data)
    assert found, name
    steps = [
        int(step) if step.isdigit() else step
        for step in path.replace("[", ".").replace("]", "").split(".")
    ]
    assert any(steps[: len(where)] == where for where, _ in found), (found, steps)
