"""What the command prints with --json, against the schema of each command.

Besides the answers checked here, every answer that the tests of ``tests/cli`` produce is checked
by the hook of ``_validation.py``.
"""

from __future__ import annotations

import io
import json
import re
import shlex
import subprocess
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

import tests.cli.test_cli as cli_tests
from cantine_rules import policies
from cantine_rules.cli import _COMMANDS, main
from tests.schemas._validation import assert_valid, checking_run, output_schema, problems

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "command-line.en.md").read_text(encoding="utf-8")
POLICY_FILES = sorted((ROOT / "examples" / "communes").glob("*.toml"))
SCENARIO_FILES = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))


def answer(*args: str) -> tuple[int, Any]:
    """The exit code and the JSON printed by ``cantine-rules ARGS --json``, run in process."""
    out = io.StringIO()
    with redirect_stderr(io.StringIO()):
        code = main([*args, "--json"], stdout=out)
    return code, json.loads(out.getvalue())


def _typical(slug: str) -> list[tuple[str, ...]]:
    """Each command on the commune *slug*, with typical options."""
    policy = policies.get(slug)
    first = policy.services[0].code
    last = policy.services[-1].code
    decide = ("decide", slug, "--service", first, "--day", "2024-09-23")
    return [
        ("explain", slug),
        ("explain", slug, "--lang", "en"),
        ("calendar", slug, "--from", "2024-04-01", "--to", "2024-05-31"),
        (*decide, "--action", "add", "--at", "2024-09-19T16:59:59+02:00"),
        (*decide, "--action", "add", "--at", "2024-09-22T17:00", "--channel", "office"),
        (*decide, "--action", "cancel", "--at", "2024-09-23T08:00", "--justified", "--qf", "700"),
        (*decide, "--action", "add", "--at", "2026-01-01T00:00+01:00", "--lang", "en"),
        ("planning", slug, "--service", first, "--month", "2024-09", "--at", "2024-09-19T10:00"),
        ("planning", slug, "--service", last, "--month", "2025-02", "--at", "2025-01-31T18:00"),
        ("price", slug, "--service", first, "--day", "2024-10-01"),
        ("price", slug, "--service", last, "--qf", "300", "--day", "2021-01-04"),
    ]


@pytest.mark.parametrize("slug", policies.names())
def test_each_command_on_each_reference_commune(slug: str) -> None:
    for args in _typical(slug):
        code, data = answer(*args)
        assert code == 0, (args, data)
        assert_valid(args[0], data)


def test_the_reference_communes() -> None:
    code, data = answer("communes")
    assert code == 0
    assert_valid("communes", data)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_bill_of_each_example_scenario(path: Path, lang: str) -> None:
    code, data = answer("bill", str(path), "--lang", lang)
    assert code == 0
    assert_valid("bill", data)


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("cost", [(), ("--cost", "3.50"), ("--cost", "0.50")])
def test_check_on_each_example_policy(path: Path, cost: tuple[str, ...]) -> None:
    code, data = answer("check", str(path), *cost)
    assert code == 0
    assert_valid("check", data)


def test_check_on_a_policy_with_problems(tmp_path: Path) -> None:
    bad = tmp_path / "ville.toml"
    bad.write_text('slug = "ville"\nname = "Ville"\n[calendar]\nzone = "D"\n', encoding="utf-8")
    code, data = answer("check", str(bad))
    assert code == 2
    assert data["problems"]
    assert_valid("check", data)


def _page_commands() -> list[list[str]]:
    """Every ``cantine-rules …`` command of the command-line page."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", PAGE, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line)
            if words and words[0] == "cantine-rules":
                commands.append(words[1:])
    return commands


def test_every_command_of_the_command_line_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    commands = _page_commands()
    assert {words[0] for words in commands} >= {"communes", "decide", "bill", "check"}
    for words in commands:
        args = [word for word in words if word != "--json"]
        code, data = answer(*args)
        assert code == 0, (words, data)
        name = output_schema(args)
        if name is not None:
            assert_valid(name, data)


def test_the_decision_shown_on_the_command_line_page() -> None:
    section = PAGE[PAGE.index("## `decide") :]
    shown = json.loads(re.findall(r"```json\n(.*?)```", section, re.DOTALL)[0])
    assert_valid("decide", shown)


def _cases(test: Any) -> list[tuple[str, ...]]:
    """The command lines a parametrized test of ``tests/cli/test_cli.py`` runs."""
    (mark,) = [mark for mark in test.pytestmark if mark.name == "parametrize"]
    return [tuple(case[0]) for case in mark.args[1]]


BAD_INPUT = _cases(cli_tests.test_bad_input_exits_2_with_what_and_where) + _cases(
    cli_tests.test_with_json_an_error_is_also_a_json_object_on_stdout
)


@pytest.mark.parametrize("args", BAD_INPUT, ids=" ".join)
def test_the_error_of_each_bad_input_case_of_the_command_line_tests(
    args: tuple[str, ...],
) -> None:
    code, data = answer(*args)
    assert code == 2
    assert set(data) == {"error"}
    assert_valid("error", data)
    name = output_schema(args)
    assert name is not None
    assert_valid(name, data)


# The schemas are not vacuous: a wrong answer is refused ---------------------------------------


def _decision() -> Any:
    return answer(*_typical("saint-just-d-avray")[3])[1]


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("decide", lambda data: data.update(charge=2.1)),
        ("decide", lambda data: data.update(status="maybe")),
        ("decide", lambda data: data.update(deadline="2024-09-19T17:00")),
        ("decide", lambda data: data.update(extra=1)),
        ("decide", lambda data: data.pop("notes")),
        ("decide", lambda data: data.update(currency="USD")),
    ],
)
def test_a_wrong_decision_is_refused(name: str, wrong: Any) -> None:
    data = _decision()
    assert_valid(name, data)
    wrong(data)
    assert problems(name, data)


def test_a_wrong_bill_is_refused() -> None:
    data = answer("bill", str(SCENARIO_FILES[0]))[1]
    data["decisions"] = [{**_decision(), "child": "x", "service": "y"}]  # no day nor action
    assert problems("bill", data)
    data = answer("bill", str(SCENARIO_FILES[0]))[1]
    data["invoice"]["lines"][0]["amount"] = "3.6"
    assert problems("bill", data)


def test_a_loaded_policy_has_no_problems_and_a_refused_one_no_grids() -> None:
    data = answer("check", str(POLICY_FILES[0]))[1]
    data["problems"] = [{"path": "slug", "message": "x"}]
    assert problems("check", data)
    data = {"policy": "p.toml", "problems": [], "findings": [], "grids": []}
    assert problems("check", data)


# The hook that checks every answer the tests produce ------------------------------------------


def test_the_hook_checks_an_answer_made_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(_arguments: object, _policies: object) -> object:
        return {"communes": [{"slug": "x"}]}, "x", 0

    monkeypatch.setitem(_COMMANDS, "communes", wrong)
    with pytest.raises(AssertionError, match="not a valid 'communes'"):
        main(["communes", "--json"], stdout=io.StringIO())


def test_the_hook_checks_an_answer_made_by_a_subprocess() -> None:
    def printed(text: str, code: int = 0) -> Any:
        def run(args: list[str], **_options: object) -> subprocess.CompletedProcess[str]:
            return subprocess.CompletedProcess(args, code, text, "")

        return checking_run(run)

    argv = ["python", "-m", "cantine_rules", "price", "paris", "--service", "repas", "--json"]
    with pytest.raises(AssertionError, match="not a valid 'price'"):
        printed('{"unit_price": 7}')(argv)
    with pytest.raises(AssertionError, match="not JSON"):
        printed("7,00 €")(argv)
    printed("", 2)(argv)  # cut short: left to the test that made it
    printed('{"unit_price": 7}')(argv[:-1])  # without --json: text for people
    with pytest.raises(AssertionError, match="not a valid 'error'"):
        printed('{"error": "unknown command"}', 2)([*argv[:3], "frobnicate", "--json"])
