"""Every commune's explanations, word for word in both languages, as recorded and read.

Each reference commune and each example commune (``examples/communes/``) is explained in French
and in English, and every rule's text is compared with ``tests/data/explanations/<slug>.txt``.
A change of wording shows here as a diff a reader can check sentence by sentence. After a
deliberate change, write the records again and read the diff before committing::

    CANTINE_RULES_RECORD_EXPLANATIONS=1 python -m pytest \
        tests/policies/test_explanations_recorded.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cantine_rules.plain import load_toml
from cantine_rules.policies import CommunePolicy, get, names

ROOT = Path(__file__).resolve().parents[2]
RECORDS = ROOT / "tests" / "data" / "explanations"
EXAMPLES = sorted((ROOT / "examples" / "communes").glob("*.toml"))
RECORDING = os.environ.get("CANTINE_RULES_RECORD_EXPLANATIONS") == "1"


def explained(policy: CommunePolicy) -> str:
    """The commune's rules in both languages: a heading per language, one line per rule.

    Each line gives the rule's topic, the kind of its source (``none`` when it has none) and
    its text.
    """
    parts = []
    for lang in ("fr", "en"):
        lines = [
            f"{rule.topic} [{'none' if rule.source is None else rule.source.kind.value}]: "
            f"{rule.text}"
            for rule in policy.explain(lang)
        ]
        parts.append("\n".join([f"# {lang}", *lines]))
    return "\n\n".join(parts) + "\n"


def check(slug: str, policy: CommunePolicy) -> None:
    record = RECORDS / f"{slug}.txt"
    text = explained(policy)
    if RECORDING:
        record.write_text(text, encoding="utf-8")
    assert text == record.read_text(encoding="utf-8"), slug


@pytest.mark.parametrize("slug", names())
def test_a_reference_commune_explains_itself_as_recorded(slug: str) -> None:
    check(slug, get(slug))


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_an_example_commune_explains_itself_as_recorded(path: Path) -> None:
    check(path.stem, load_toml(path))


def test_every_commune_has_its_record_and_no_record_is_left_over() -> None:
    slugs = {*names(), *(path.stem for path in EXAMPLES)}
    assert {record.stem for record in RECORDS.glob("*.txt")} == slugs
