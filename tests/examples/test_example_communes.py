"""Every example commune in ``examples/communes``: a real règlement written without code.

Each file loads with the checks of ``cantine-rules check``, obeys the laws of the testing kit,
reads back from its own plain-data form, names the public page it was written from, and says
where each of its public figures comes from.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cantine_rules.cli import main
from cantine_rules.plain import from_data, load_toml, to_data
from cantine_rules.sources import SourceKind
from cantine_rules.testing import check_policy

ROOT = Path(__file__).resolve().parents[2]
COMMUNES = sorted((ROOT / "examples" / "communes").glob("*.toml"))
#: ``ma-commune.toml`` is the template of the guide to configuring a commune, not a real commune.
REAL_COMMUNES = [path for path in COMMUNES if path.name != "ma-commune.toml"]
_URL = re.compile(r"https?://\S+")


def _ids(path: Path) -> str:
    return path.stem


@pytest.mark.parametrize("path", COMMUNES, ids=_ids)
def test_the_command_checks_the_file_without_a_problem(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(path), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["problems"] == [], answer


@pytest.mark.parametrize("path", COMMUNES, ids=_ids)
def test_the_file_reads_back_from_its_plain_form(path: Path) -> None:
    policy = load_toml(path)
    assert from_data(to_data(policy)) == policy


@pytest.mark.parametrize("path", COMMUNES, ids=_ids)
def test_the_commune_obeys_the_laws(path: Path) -> None:
    check_policy(load_toml(path), max_examples=15)


@pytest.mark.parametrize("path", REAL_COMMUNES, ids=_ids)
def test_the_file_names_the_page_it_was_written_from(path: Path) -> None:
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert _URL.search(header), f"{path.name}: the header comment gives no address"


@pytest.mark.parametrize("path", REAL_COMMUNES, ids=_ids)
def test_every_public_figure_gives_its_address(path: Path) -> None:
    policy = load_toml(path)
    for rule in policy.explain():
        source = rule.source
        if source is not None and source.kind is SourceKind.PUBLIC:
            assert _URL.search(source.reference), (rule.topic, source.reference)
