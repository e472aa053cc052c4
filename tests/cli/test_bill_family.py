"""`cantine-rules bill` on a family: households, dated QF records, reported changes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cantine_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]
CUSTODY = (ROOT / "examples" / "scenarios" / "paris.toml").read_text("utf-8")


def bill_file(tmp_path: Path, text: str, *options: str) -> int:
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    return main(["bill", str(path), *options])


def test_bill_gives_each_household_its_invoice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bill_file(tmp_path, CUSTODY, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [(home["household"], home["total"]) for home in data["households"]] == [
        ("mere", "45.36"),
        ("pere", "53.10"),
    ]
    assert data["invoice"]["totals"]["total"] == "98.46"
    assert data["reported"] == []


def test_a_bracket_without_a_sourced_price_is_an_outcome_not_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Paris: tarif 7 starts at 1901 € and no source gives its price.
    text = CUSTODY.replace('quotient_familial = "1000"', 'quotient_familial = "1901"')
    assert bill_file(tmp_path, text, "--json") == 0
    reported = json.loads(capsys.readouterr().out)["reported"]
    assert {item["kind"] for item in reported} == {"unknown_price"}
    assert reported[0] == {
        "kind": "unknown_price",
        "path": "bookings",
        "child": "ines",
        "service": "repas",
        "day": "2024-09-23",
        "reason": "quotient_familial 1901: lies in 'tarif 7' or in a later bracket whose "
        "threshold no source gives",
    }
    # Only the father's weeks after his attestation came (16 September) are unknown.
    assert [item["day"] for item in reported] == [f"2024-09-{day}" for day in (23, 24, 25, 26, 27)]
    assert bill_file(tmp_path, text) == 0
    assert "prix inconnu : un QF de 1\u202f901 est en « tarif 7 »" in capsys.readouterr().out


PERIODS = 'periods = [{ start = 2024-09-01, end = 2024-09-15, household = "mere" }, {SECOND}]'


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (  # custody weeks that overlap
            'even_weeks = "mere"\nodd_weeks = "pere"',
            PERIODS.replace(
                "{SECOND}", '{ start = 2024-09-15, end = 2024-09-30, household = "pere" }'
            ),
            "custody[0].periods[1]: overlaps periods[0] (2024-09-15)",
        ),
        (  # custody weeks that leave a week to no one
            'even_weeks = "mere"\nodd_weeks = "pere"',
            PERIODS.replace(
                "{SECOND}", '{ start = 2024-09-23, end = 2024-09-30, household = "pere" }'
            ),
            "custody[0].periods[1]: leaves days without custody: 2024-09-16 to 2024-09-22",
        ),
        (  # explicit periods that stop before the period ends
            'even_weeks = "mere"\nodd_weeks = "pere"',
            PERIODS.replace(
                "{SECOND}", '{ start = 2024-09-16, end = 2024-09-27, household = "pere" }'
            ),
            "custody[0].periods: leaves days of the period to no household: "
            "2024-09-28 to 2024-09-30",
        ),
        (  # the same household has both parities: the other has no week
            'odd_weeks = "pere"',
            'odd_weeks = "mere"',
            "custody[0].odd_weeks: must differ from even_weeks",
        ),
        (  # a QF record dated after the period
            "received_on = 2024-09-16",
            "received_on = 2024-10-02",
            "quotient_records[1].received_on: is after the period billed (it ends on 2024-09-30)",
        ),
        (  # an event for an unknown child
            'child = "ines"\neven_weeks',
            'child = "lea"\neven_weeks',
            "custody[0].child: unknown child 'lea'; known: adam, ines",
        ),
        (
            'child = "adam"\nservice',
            'child = "lea"\nservice',
            "bookings[1].child: unknown child 'lea'; known: adam, ines",
        ),
        (  # a household the family does not list
            'household = "pere"\nquotient_familial',
            'household = "oncle"\nquotient_familial',
            "quotient_records[1].household: unknown household 'oncle'; known: mere, pere",
        ),
    ],
)
def test_bad_family_input_is_a_typed_error_with_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: str, after: str, expected: str
) -> None:
    assert before in CUSTODY
    assert bill_file(tmp_path, CUSTODY.replace(before, after, 1)) == 2
    assert expected in capsys.readouterr().err


def test_the_alsh_office_scenario_reports_what_it_does_not_bill(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = ROOT / "examples" / "scenarios" / "alsh-postfacturation.toml"
    assert main(["bill", str(path), "--json", "--lang", "en"]) == 0
    reported = json.loads(capsys.readouterr().out)["reported"]
    assert [(item["kind"], item["path"], item["day"]) for item in reported] == [
        ("cancel_not_booked", "changes[8]", "2024-09-09"),
        ("absence_not_booked", "absences[1]", "2024-09-16"),
        ("already_booked", "changes[7]", "2024-09-17"),
    ]
