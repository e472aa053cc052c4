"""``cantine-rules debit``: the Paris month as a file and a summary; bad input, exit 2, one
line naming what is at fault."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cantine_rules.billing import bill
from cantine_rules.cli import main
from cantine_rules.plain import load_scenario
from tests.sepa._sepa import CREDITOR_FILE, PARIS, ROOT, schema

CREDITOR_TOML = CREDITOR_FILE.read_text(encoding="utf-8")


def _debit(*args: str) -> tuple[int, Any]:
    out = io.StringIO()
    code = main(["debit", *args, "--json"], stdout=out)
    return code, json.loads(out.getvalue())


def _creditor(tmp_path: Path, old: str, new: str) -> str:
    assert old in CREDITOR_TOML
    path = tmp_path / "creditor.toml"
    path.write_text(CREDITOR_TOML.replace(old, new), encoding="utf-8")
    return str(path)


def test_the_paris_month_gives_a_valid_file_whose_total_is_the_invoice(tmp_path: Path) -> None:
    out = tmp_path / "septembre.xml"
    code, data = _debit(str(PARIS), "--creditor", str(CREDITOR_FILE), "--out", str(out))
    assert code == 0
    total = bill(load_scenario(PARIS)).invoice.total
    assert data["total"] == str(total.amount)
    assert (data["count"], data["collection_date"], data["notified_on"]) == (
        1,
        "2024-10-14",
        "2024-09-30",
    )
    assert data["transactions"][0]["sequence"] == "FRST"
    assert data["rejected"] == []
    assert data["collected"] == ["CDE-13-0412-M1"]
    schema().validate(out.read_text(encoding="utf-8"))


def test_a_mandate_marked_recurrent_is_collected_rcur(tmp_path: Path) -> None:
    creditor = _creditor(tmp_path, 'sequence = "first"', 'sequence = "recurrent"')
    code, data = _debit(str(PARIS), "--creditor", creditor, "--out", str(tmp_path / "f.xml"))
    assert code == 0
    assert data["transactions"][0]["sequence"] == "RCUR"


def test_a_family_without_a_mandate_is_listed_and_no_file_is_written(tmp_path: Path) -> None:
    creditor = _creditor(tmp_path, 'family = "CDE-13-0412"', 'family = "CDE-75-0001"')
    out = tmp_path / "none.xml"
    code, data = _debit(str(PARIS), "--creditor", creditor, "--out", str(out))
    assert code == 0
    assert (data["count"], data["total"], data["file"]) == (0, "0.00", None)
    assert [(r["family"], r["reason"]) for r in data["rejected"]] == [("CDE-13-0412", "no_mandate")]
    assert not out.exists()


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('iban = "FR76 3000', 'iban = "FR77 3000', "mandates[0].iban"),
        ('bic = "AGRIFRPP"', 'bic = "AGRIXXPP"', "mandates[0].bic"),
        ('identifier = "FR72ZZZ123456"', 'identifier = "FR12ZZZ123456"', "creditor.identifier"),
        ('identifier = "FR72ZZZ123456"', 'identifier = "FR72-123456"', "creditor.identifier"),
        ("signed = 2024-09-02", "signed = 2024-10-15", "mandates[0].signed"),
        ('sequence = "first"', 'sequence = "FRST"', "mandates[0].sequence"),
    ],
)
def test_bad_input_is_a_typed_error_naming_its_path(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    creditor = _creditor(tmp_path, old, new)
    code, data = _debit(str(PARIS), "--creditor", creditor, "--out", str(tmp_path / "f.xml"))
    assert code == 2
    assert data["error"]["field"] == field
    assert not (tmp_path / "f.xml").exists()


def test_a_collection_date_before_the_delay_is_bad_input(tmp_path: Path) -> None:
    args = [str(PARIS), "--creditor", str(CREDITOR_FILE), "--out", str(tmp_path / "f.xml")]
    code, data = _debit(*args, "--collect-on", "2024-10-13")
    assert (code, data["error"]["field"]) == (2, "--collect-on")
    code, data = _debit(*args, "--collect-on", "2024-10-14")
    assert (code, data["collection_date"]) == (0, "2024-10-14")
    code, data = _debit(*args, "--notified-on", "2024-10-04")
    assert (code, data["collection_date"]) == (0, "2024-10-18")


def test_bad_input_through_the_command_line_is_exit_2_and_one_line(tmp_path: Path) -> None:
    creditor = _creditor(tmp_path, 'bic = "AGRIFRPP"', 'bic = "AGRIXXPP"')
    done = subprocess.run(
        [sys.executable, "-m", "cantine_rules", "debit", str(PARIS), "--creditor", creditor,
         "--out", str(tmp_path / "f.xml")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "mandates[0].bic" in done.stderr
    assert done.stdout == ""


def test_the_text_for_people(tmp_path: Path) -> None:
    out = io.StringIO()
    args = [str(PARIS), "--creditor", str(CREDITOR_FILE), "--out", str(tmp_path / "f.xml")]
    assert main(["debit", *args, "--lang", "en"], stdout=out) == 0
    first = out.getvalue().splitlines()[0]
    assert first.startswith("Direct debit on 2024-10-14: 1 transaction(s), total €")
