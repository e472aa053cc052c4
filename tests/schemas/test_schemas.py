"""The JSON Schemas shipped: valid draft 2020-12 schemas, whole, in step with the library."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from cantine_rules.calendar import ServiceDays, Zone
from cantine_rules.cli import _COMMANDS, main
from cantine_rules.errors import UnknownCodeError
from cantine_rules.model import BillingUnit, ChangeAction, Channel, Justification, ServiceKind
from cantine_rules.plain._schema import (
    DEADLINE_TAGS,
    MODIFIER_TAGS,
    OUTCOME_TAGS,
    SURCHARGE_TAGS,
    TARIFF_TAGS,
    WEEKDAYS,
)
from cantine_rules.policies.commune import PaymentScheme
from cantine_rules.pricing._checks import FindingCode
from cantine_rules.pricing._invoice import LineKind
from cantine_rules.pricing._ledger import EntryType
from cantine_rules.pricing.accounts import PaymentMode
from cantine_rules.pricing.tariffs import AppliesWhen, DocumentKind
from cantine_rules.rules.absences import AbsenceDocument
from cantine_rules.rules.deadlines import MAX_DAYS, MAX_HORIZON_DAYS, MAX_HOURS, MAX_WEEKS
from cantine_rules.rules.decisions import DecisionStatus, Reason
from cantine_rules.rules.planning_grid import DayStatus
from cantine_rules.schemas import ID_PREFIX, names, schema
from cantine_rules.sources import SourceKind
from tests._doc_examples import LANGUAGES, page_in, run_page
from tests.schemas._validation import FORMATS, assert_valid, problems

ROOT = Path(__file__).resolve().parents[2]
FILES = ("policy", "scenario")
OUTPUTS = (
    "bill",
    "calendar",
    "check",
    "communes",
    "debit",
    "decide",
    "examples",
    "explain",
    "planning",
    "price",
)


def test_the_names_are_the_two_files_the_error_and_every_command_with_json_output() -> None:
    assert set(names()) == {*FILES, "error", *OUTPUTS}
    assert names() == tuple(sorted(names()))
    # Every command but `schema` (which prints a schema) has the schema of its output.
    assert set(_COMMANDS) - {"schema"} == set(OUTPUTS)


@pytest.mark.parametrize("name", names())
def test_every_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    document = schema(name)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] == ID_PREFIX + name
    assert document["title"]
    assert document["description"]


def _references(node: object, base: str) -> Iterator[str]:
    """Every ``$ref`` under *node*, made absolute against the ``$id`` in force."""
    if isinstance(node, dict):
        base = node.get("$id", base)
        for key, value in node.items():
            if key == "$ref":
                yield base + value if value.startswith("#") else value
            else:
                yield from _references(value, base)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item, base)


@pytest.mark.parametrize("name", names())
def test_a_schema_is_whole_every_reference_resolves_within_it(name: str) -> None:
    document = schema(name)
    registry: Registry[Any] = Registry().with_resource(
        document["$id"], DRAFT202012.create_resource(document)
    )
    resolver = registry.crawl().resolver()
    for reference in _references(document, document["$id"]):
        resolver.lookup(reference)  # raises when it does not resolve


def test_every_command_allows_its_result_or_the_error_object() -> None:
    for name in OUTPUTS:
        document = schema(name)
        assert document["oneOf"] == [
            {"$ref": "#/$defs/result"},
            {"$ref": "urn:cantine-rules:schema:error"},
        ]
        assert document["$defs"]["urn:cantine-rules:schema:error"] == schema("error")


def test_the_error_object() -> None:
    assert_valid("error", {"error": {"kind": "UsageError", "message": "m", "field": None}})
    assert_valid("decide", {"error": {"kind": "InternalError", "message": "m", "field": "--at"}})
    assert problems("error", {"error": {"kind": "UsageError", "message": "m"}})
    assert problems("error", {"error": {"kind": "x", "message": "m", "field": None}})
    assert problems("error", {"error": {"kind": "A", "message": "m", "field": None}, "x": 1})


def test_formats_are_checked_not_only_annotated() -> None:
    # Without rfc3339-validator, jsonschema would skip date-time silently.
    assert not FORMATS.conforms("2024-09-19T17:00", "date-time")
    assert FORMATS.conforms("2024-09-19T17:00:00+02:00", "date-time")
    assert not FORMATS.conforms("2024-02-30", "date")


def test_schema_gives_a_fresh_document_each_time() -> None:
    first = schema("decide")
    first["$defs"].clear()
    assert schema("decide")["$defs"]


def test_an_unknown_schema_is_an_unknown_code_listing_the_names() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        schema("../policy")
    assert caught.value.field == "name"
    assert caught.value.known == names()


# In step with the library: every enum and every tag --------------------------------------------


def _at(name: str, *path: str) -> Any:
    node: Any = schema(name)
    for step in path:
        node = node[step]
    return node


def _values(kind: type[Enum]) -> set[str]:
    return {str(member.value) for member in kind}


ENUMS = [
    (("policy", "$defs", "source", "properties", "kind", "enum"), SourceKind),
    (("policy", "$defs", "calendar", "properties", "zone", "enum"), Zone),
    (("policy", "$defs", "service", "properties", "kind", "enum"), ServiceKind),
    (("policy", "$defs", "service", "properties", "billing_unit", "enum"), BillingUnit),
    (("policy", "$defs", "service", "properties", "days", "items", "enum"), ServiceDays),
    (("policy", "$defs", "rules", "properties", "by_kind", "propertyNames", "enum"), ServiceKind),
    (("policy", "properties", "payment_scheme", "enum"), PaymentScheme),
    (("policy", "properties", "payment_modes", "items", "enum"), PaymentMode),
    (
        ("policy", "$defs", "dossier_requirement", "properties", "accepted", "items", "enum"),
        DocumentKind,
    ),
    (("policy", "$defs", "dossier_requirement", "properties", "applies_when", "enum"), AppliesWhen),
    (("policy", "$defs", "absence_document", "enum"), AbsenceDocument),
    (("scenario", "$defs", "justification", "enum"), Justification),
    (("scenario", "$defs", "change", "properties", "action", "enum"), ChangeAction),
    (("scenario", "$defs", "change", "properties", "channel", "enum"), Channel),
    (("decide", "$defs", "decision", "properties", "status", "enum"), DecisionStatus),
    (("decide", "$defs", "decision", "properties", "reason", "enum"), Reason),
    (("planning", "$defs", "result", "properties", "days", "items", "properties"), DayStatus),
    (("bill", "$defs", "result", "properties", "invoice", "properties", "lines"), LineKind),
    (("bill", "$defs", "result", "properties", "statement", "properties", "rows"), EntryType),
    (("check", "$defs", "loaded", "properties", "findings", "items", "properties"), FindingCode),
    (("communes", "$defs", "result", "properties", "communes", "items", "properties"), Zone),
    (("explain", "$defs", "source", "properties", "kind", "enum"), SourceKind),
    (("price", "$defs", "source", "properties", "kind", "enum"), SourceKind),
]
# Where the enum sits deeper than the path above says (array items, nullable values).
_DEEPER: dict[type[Enum], tuple[str, ...]] = {
    DayStatus: ("status", "enum"),
    LineKind: ("items", "properties", "kind", "enum"),
    EntryType: ("items", "properties", "type", "anyOf", "0", "enum"),
    FindingCode: ("code", "enum"),
    Zone: ("zone", "enum"),
}


@pytest.mark.parametrize(("path", "kind"), ENUMS, ids=lambda value: str(value)[:60])
def test_every_enum_lists_the_library_values(path: tuple[str, ...], kind: type[Enum]) -> None:
    node: Any = _at(*path)
    if isinstance(node, dict):
        for step in _DEEPER[kind]:
            node = node[int(step)] if isinstance(node, list) else node[step]
    assert set(node) == _values(kind)
    assert len(node) == len(set(node))


def test_the_payment_mode_of_a_scenario_is_any_mode_paid_in_euros() -> None:
    pattern = _at("scenario", "$defs", "payment", "properties", "mode", "pattern")
    for mode in PaymentMode:
        valid = not problems("scenario", _scenario_with_mode(mode.value.upper()))
        assert valid is not mode.counts_tickets, (mode, pattern)


def _scenario_with_mode(mode: str) -> dict[str, Any]:
    return {
        "commune": "paris",
        "start": "2024-10-01",
        "end": "2024-10-31",
        "family": {"id": "F"},
        "payments": [{"day": "2024-10-02", "amount": "1", "mode": mode, "reference": "R"}],
    }


def test_weekdays_are_the_library_weekdays() -> None:
    assert _at("policy", "$defs", "weekday", "enum") == list(WEEKDAYS)


@pytest.mark.parametrize(
    ("union", "tags", "extra"),
    [
        ("deadline", DEADLINE_TAGS, {}),
        ("outcome", OUTCOME_TAGS, {"surcharge": "accept_with_surcharge"}),
        ("surcharge", SURCHARGE_TAGS, {}),
        ("tariff", TARIFF_TAGS, {}),
        ("modifier", MODIFIER_TAGS, {}),
    ],
)
def test_every_tag_of_a_union_has_its_variant(union: str, tags: Any, extra: dict[str, str]) -> None:
    defs = schema("policy")["$defs"]
    node = defs[union]
    assert node["required"] == ["type"]
    assert node["properties"]["type"]["enum"] == list(tags.values())
    for tag, case in zip(tags.values(), node["allOf"], strict=True):
        assert case["if"] == {"required": ["type"], "properties": {"type": {"const": tag}}}
        variant = defs[case["then"]["$ref"].removeprefix("#/$defs/")]
        assert variant["properties"]["type"] == {"const": tag}
        assert variant["additionalProperties"] is False
        assert case["then"]["$ref"] == f"#/$defs/{extra.get(tag, tag)}"


def test_deadline_counts_have_the_library_bounds() -> None:
    defs = schema("policy")["$defs"]
    bounds = {"hours": MAX_HOURS, "days": MAX_DAYS, "weeks": MAX_WEEKS, "horizon": MAX_HORIZON_DAYS}
    for leaf, bound in bounds.items():
        assert (defs[leaf]["minimum"], defs[leaf]["maximum"]) == (0, bound)
    counted = {
        ("hours_before", "hours"): "hours",
        ("working_days_before", "days"): "days",
        ("calendar_days_before", "days"): "days",
        ("clear_days_before", "days"): "days",
        ("weekday_before", "weeks_before"): "weeks",
        ("max_horizon", "days"): "horizon",
    }
    for (tag, key), leaf in counted.items():
        assert defs[tag]["properties"][key]["$ref"] == f"#/$defs/{leaf}"


@pytest.mark.parametrize(
    ("group", "leaves"),
    [
        (FILES, ("ident", "day", "instant")),
        (OUTPUTS, ("day", "instant", "amount", "price", "currency", "source")),
    ],
)
def test_a_leaf_means_the_same_in_every_schema_that_defines_it(
    group: tuple[str, ...], leaves: tuple[str, ...]
) -> None:
    for leaf in leaves:
        found = [
            json.dumps(schema(name)["$defs"][leaf], sort_keys=True)
            for name in group
            if leaf in schema(name)["$defs"]
        ]
        assert len(set(found)) == 1, leaf


# The command ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", names())
def test_the_command_prints_the_schema(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", name]) == 0
    human = capsys.readouterr().out
    assert json.loads(human) == schema(name)
    assert human.startswith('{\n  "$schema"')
    assert main(["schema", name, "--json"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1
    assert json.loads(printed) == schema(name)


def test_an_unknown_schema_name_is_bad_input_listing_the_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "invoice", "--json"]) == 2
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    assert_valid("error", printed)
    assert printed["error"]["kind"] == "UnknownCodeError"
    assert printed["error"]["field"] == "name"
    assert "known: bill, calendar, check" in printed["error"]["message"]
    assert captured.err.startswith("error: name: unknown 'invoice'")


def test_the_schema_command_through_the_real_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cantine_rules", "schema", "scenario", "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == schema("scenario")
    missing = subprocess.run(
        [sys.executable, "-m", "cantine_rules", "schema"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert missing.returncode == 2
    assert "required: NAME" in missing.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_python_example_of_the_command_line_page(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.chdir(ROOT)
    assert run_page(page_in(language, "command-line.md")).doctests > 0
