"""Bad attendance input is a typed error naming its path, and exit 2 through the command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cantine_rules.billing import bill
from cantine_rules.errors import PolicyError
from cantine_rules.plain import loads_scenario

ROOT = Path(__file__).resolve().parents[2]

HEAD = """
commune = "examples/communes/plivot.toml"
start = 2024-09-02
end = 2024-09-13
family = { id = "PL-1" }
children = [{ id = "ambre", first_name = "Ambre", birth_date = 2015-07-12 }]
regimes = [{ child = "ambre", service = "cantine", regime = "fixed_days", weekdays = ["lundi"] }]
"""


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(PolicyError) as caught:
        bill(loads_scenario(HEAD + text))
    return [(problem.path, problem.message) for problem in caught.value.problems]


def test_events_on_unknown_services_outside_the_period_or_on_the_wrong_days() -> None:
    found = problems(
        """
[[attendance]]
child = "ambre"
service = "piscine"
day = 2024-09-03
kind = "absent"

[[attendance]]
child = "ambre"
service = "cantine"
day = 2024-09-20
kind = "absent"

[[attendance]]
child = "ambre"
service = "cantine"
day = 2024-09-03
kind = "absent"

[[attendance]]
child = "ambre"
service = "cantine"
day = 2024-09-09
kind = "present_unbooked"

[[attendance]]
child = "ambre"
service = "etude"
day = 2024-09-09
kind = "late_pickup"
picked_up_at = 2024-09-09T18:30:00+02:00
"""
    )
    assert found == [
        ("attendance[0].service", "unknown 'piscine'; known: cantine, etude, matin"),
        ("attendance[1].day", "2024-09-20 is outside the period 2024-09-02 to 2024-09-13"),
        # Tuesdays are not among the fixed days: an absence needs a booked day.
        ("attendance[2].day", "cantine is not booked for ambre that day"),
        ("attendance[3].day", "cantine is booked for ambre that day"),
        ("attendance[4].service", "plivot sets no late pick-up fee for it"),
    ]


def test_regimes_the_commune_does_not_offer() -> None:
    text = HEAD.replace(
        'regimes = [{ child = "ambre", service = "cantine", regime = "fixed_days", '
        'weekdays = ["lundi"] }]',
        """
[[regimes]]
child = "ambre"
service = "cantine"
regime = "fixed_days"
weekdays = ["mercredi"]

[[regimes]]
child = "ambre"
service = "matin"
regime = "occasional"
fees = ["forfait_mensuel", "carte"]
""",
    )
    with pytest.raises(PolicyError) as caught:
        bill(loads_scenario(text))
    found = [(problem.path, problem.message) for problem in caught.value.problems]
    assert found == [
        (
            "regimes[0].weekdays",
            "the service 'cantine' does not run that weekday under the regime (got 2)",
        ),
        ("regimes[1].fees[1]", "unknown fee 'carte'; known: forfait_mensuel"),
        ("regimes[1].regime", "the service offers no occasional regime"),
    ]


def test_the_command_answers_exit_2_with_the_path(tmp_path: Path) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(
        HEAD
        + """
[[attendance]]
child = "ambre"
service = "cantine"
day = 2024-09-03
kind = "absent"
""",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "cantine_rules", "bill", str(scenario), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert "attendance[0].day" in error["message"]


def test_a_service_with_data_folders_reads_no_policy_file_a_scenario_names_outside_them(
    tmp_path: Path,
) -> None:
    from cantine_rules.serve import Service

    allowed = tmp_path / "allowed"
    allowed.mkdir()
    scenario = allowed / "s.toml"
    outside = (ROOT / "examples" / "communes" / "plivot.toml").resolve()
    scenario.write_text(HEAD.replace("examples/communes/plivot.toml", str(outside)), "utf-8")
    service = Service(data_dirs=[str(allowed)])
    answer, code = service.answer({"command": "bill", "scenario": str(scenario)})
    assert code == 2
    assert answer["error"]["field"] == "commune"
    # The same file inside a data folder is read.
    (allowed / "plivot.toml").write_text(outside.read_text("utf-8"), "utf-8")
    scenario.write_text(
        HEAD.replace("examples/communes/plivot.toml", str(allowed / "plivot.toml")), "utf-8"
    )
    answer, code = service.answer({"command": "bill", "scenario": str(scenario)})
    assert (code, answer["ok"]) == (0, True)
