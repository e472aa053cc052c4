"""The policy schema's absences and non-billable days agree with the library."""

from __future__ import annotations

from typing import Any

import pytest

from cantine_rules.plain._schema import ABSENCE_CHARGE_TAGS, CERTIFICATE_TAGS
from cantine_rules.rules.absences import MAX_WAITING_DAYS, DayCount
from cantine_rules.rules.deadlines import MAX_HOURS
from cantine_rules.schemas import schema
from tests.schemas._validation import problems


@pytest.mark.parametrize(
    ("union", "tags", "variants"),
    [
        ("absence_charge", ABSENCE_CHARGE_TAGS, {"flat": "flat_charge"}),
        (
            "certificate",
            CERTIFICATE_TAGS,
            {"within": "certificate_within", "not_accepted": "certificates_not_accepted"},
        ),
    ],
)
def test_every_tag_has_its_variant(union: str, tags: Any, variants: dict[str, str]) -> None:
    defs = schema("policy")["$defs"]
    node = defs[union]
    assert node["properties"]["type"]["enum"] == list(tags.values())
    for tag, case in zip(tags.values(), node["allOf"], strict=True):
        assert case["if"] == {"required": ["type"], "properties": {"type": {"const": tag}}}
        assert case["then"]["$ref"] == f"#/$defs/{variants.get(tag, tag)}"
        variant = defs[variants.get(tag, tag)]
        assert variant["properties"]["type"] == {"const": tag}
        assert variant["additionalProperties"] is False


def test_counts_have_the_library_bounds() -> None:
    defs = schema("policy")["$defs"]
    waiting = defs["waiting_days"]["properties"]
    assert (waiting["days"]["minimum"], waiting["days"]["maximum"]) == (1, MAX_WAITING_DAYS)
    assert waiting["counted_in"]["enum"] == [kind.value for kind in DayCount]
    within = defs["certificate_within"]["properties"]
    for key in ("hours", "latest_hours"):
        assert (within[key]["minimum"], within[key]["maximum"]) == (1, MAX_HOURS)


BASE: dict[str, Any] = {
    "slug": "x",
    "name": "X",
    "payment_scheme": "postfacturation",
    "payment_modes": ["card"],
    "calendar": {"zone": "B"},
    "services": [
        {"code": "repas", "label": "Repas", "kind": "meal", "start": "12:00", "end": "13:30"}
    ],
    "rules": {
        "default": {
            "add": {"type": "hours_before", "hours": 48},
            "cancel": {"type": "hours_before", "hours": 48},
        }
    },
}


def test_a_certificate_of_zero_hours_and_a_latest_without_late_days_are_refused() -> None:
    good = {**BASE, "absences": {"default": {"certificate": {"type": "within", "hours": 48}}}}
    assert problems("policy", good) == []
    for certificate in (
        {"type": "within", "hours": 0},
        {"type": "within", "hours": 48, "latest_hours": 240},
        {"type": "not_accepted", "hours": 48},
    ):
        bad = {**BASE, "absences": {"default": {"certificate": certificate}}}
        assert problems("policy", bad) != []
    day = {"day": "2025-05-06", "label": "Sortie", "services": ["repas", "repas"]}
    assert problems("policy", {**BASE, "non_billable_days": [day]}) != []
