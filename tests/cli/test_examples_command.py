"""``cantine-rules examples``: the example files shipped, listed and copied."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

from cantine_rules.cli import main
from cantine_rules.serve import Service

ROOT = Path(__file__).resolve().parents[2]


def answer(*args: str) -> tuple[int, Any, str]:
    """The exit code, the JSON printed and standard error of ``cantine-rules ARGS --json``."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        code = main([*args, "--json"], stdout=out)
    return code, json.loads(out.getvalue()), err.getvalue()


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cantine_rules", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_list_gives_every_file_of_the_example_folders() -> None:
    code, data, _ = answer("examples", "list")
    assert code == 0
    listed = [(example["name"], example["kind"]) for example in data["examples"]]
    on_disk = (
        [
            (f"communes/{path.name}", "policy")
            for path in sorted((ROOT / "examples" / "communes").glob("*.toml"))
        ]
        + [
            (f"scenarios/{path.name}", "scenario")
            for path in sorted((ROOT / "examples" / "scenarios").glob("*.toml"))
        ]
        + [
            (f"direct-debit/{path.name}", "creditor")
            for path in sorted((ROOT / "examples" / "direct-debit").glob("*.toml"))
        ]
    )
    assert listed == on_disk
    for example in data["examples"]:
        shipped = Path(example["path"]).read_bytes()
        assert shipped == (ROOT / "examples" / example["name"]).read_bytes()


def test_list_for_people_is_one_name_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "communes/ma-commune.toml" in lines
    assert "scenarios/saint-just-d-avray.toml" in lines


def test_copy_then_the_readme_s_commands_work_outside_a_checkout(tmp_path: Path) -> None:
    copied = run(tmp_path, "examples", "copy", "scenarios/saint-just-d-avray.toml")
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout == "copié : examples/scenarios/saint-just-d-avray.toml\n"
    billed = run(tmp_path, "bill", "examples/scenarios/saint-just-d-avray.toml", "--json")
    assert billed.returncode == 0, billed.stderr
    assert json.loads(billed.stdout)["commune"] == "saint-just-d-avray"
    # Again: the same text is already there, nothing is written.
    again = run(tmp_path, "examples", "copy", "scenarios/saint-just-d-avray.toml", "--lang", "en")
    assert again.returncode == 0, again.stderr
    assert again.stdout == "already up to date: examples/scenarios/saint-just-d-avray.toml\n"


def test_copy_into_a_folder_keeps_the_file_name(tmp_path: Path) -> None:
    code, data, _ = answer("examples", "copy", "communes/ma-commune.toml", str(tmp_path))
    assert code == 0
    assert data == {
        "example": {
            "name": "communes/ma-commune.toml",
            "kind": "policy",
            "path": data["example"]["path"],
        },
        "destination": str(tmp_path / "ma-commune.toml"),
        "written": True,
    }
    checked = run(tmp_path, "check", "ma-commune.toml")
    assert checked.returncode == 0, checked.stderr


def test_copy_in_a_checkout_onto_the_example_itself_changes_nothing() -> None:
    before = (ROOT / "examples/scenarios/paris.toml").read_bytes()
    result = run(ROOT, "examples", "copy", "scenarios/paris.toml", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["written"] is False
    assert (ROOT / "examples/scenarios/paris.toml").read_bytes() == before


def test_copy_replaces_another_text_only_when_forced(tmp_path: Path) -> None:
    mine = tmp_path / "paris.toml"
    mine.write_text("# mine\n", encoding="utf-8")
    refused = run(tmp_path, "examples", "copy", "scenarios/paris.toml", "paris.toml")
    assert refused.returncode == 2
    assert refused.stderr == (
        "error: DEST: already exists with another text (--force replaces it) (got 'paris.toml')\n"
    )
    assert mine.read_text(encoding="utf-8") == "# mine\n"
    forced = run(tmp_path, "examples", "copy", "scenarios/paris.toml", "paris.toml", "--force")
    assert forced.returncode == 0, forced.stderr
    assert mine.read_bytes() == (ROOT / "examples/scenarios/paris.toml").read_bytes()


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (("copy",), "NAME", "NAME: is missing"),
        (("copy", "paris"), "NAME", "NAME: unknown 'paris'; known: communes/"),
        (("copy", "../pyproject.toml"), "NAME", "NAME: unknown '../pyproject.toml'"),
        (("list", "paris"), "NAME", "NAME: list takes no argument (got 'paris')"),
        (("show",), None, "invalid choice: 'show'"),
        ((), None, "the following arguments are required: list|copy"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: tuple[str, ...], field: str | None, message: str
) -> None:
    code, data, stderr = answer("examples", *args)
    assert code == 2
    assert data["error"]["field"] == field
    assert message in data["error"]["message"]
    assert stderr.count("\n") == 1
    assert message in stderr


def test_copy_to_a_place_that_cannot_be_written_is_bad_input(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, data, _ = answer("examples", "copy", "scenarios/paris.toml", str(blocker / "x.toml"))
    assert code == 2
    assert data["error"]["field"] == "DEST"
    assert "cannot be written" in data["error"]["message"]


def test_the_service_lists_the_examples_and_copies_none(tmp_path: Path) -> None:
    service = Service()
    listed, code = service.answer({"id": 1, "command": "examples", "action": "list"})
    assert code == 0
    assert listed["result"] == answer("examples", "list")[1]
    target = tmp_path / "copied.toml"
    refused, code = service.answer(
        {
            "command": "examples",
            "action": "copy",
            "name": "scenarios/paris.toml",
            "dest": str(target),
        }
    )
    assert code == 2
    assert refused["error"]["field"] == "action"
    assert not target.exists()
