"""Fuzzing the command line: a result or a clean exit 2, never a crash, never slow.

Over the command's arguments, policy files and scenario files: never exit 1, never a traceback,
never more than 5 s a case. The subprocess cases also run under a 500 MB address-space limit;
the in-process cases are bounded by their input (a mutated example file, a dozen arguments).
"""

from __future__ import annotations

import io
import json
import re
import resource
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]
MA_COMMUNE = ROOT / "examples" / "communes" / "ma-commune.toml"
SCENARIOS = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))

SECONDS = 5
MEMORY = 500 * 1024 * 1024

WORDS = st.sampled_from(
    [
        "communes",
        "explain",
        "calendar",
        "decide",
        "planning",
        "price",
        "bill",
        "check",
        "paris",
        "chantraine",
        "saint-just-d-avray",
        str(MA_COMMUNE),
        str(SCENARIOS[0]),
        "/dev/zero",
        "/dev/null",
        "/",
        "./nowhere.toml",
        "--service",
        "repas",
        "soir",
        "--day",
        "--at",
        "--action",
        "add",
        "cancel",
        "--channel",
        "office",
        "online",
        "--qf",
        "--cost",
        "--json",
        "--lang",
        "en",
        "fr",
        "--from",
        "--to",
        "--month",
        "2024-09-19",
        "2025-03-20",
        "2024-09",
        "-1",
        "2024-09-19T17:00",
        "2025-03-30T02:30",
        "2025-10-26T02:30",
        "0001-01-01T00:00",
        "9999-12-31T23:59-23:59",
        "9999-12-31",
        "2024-13-45",
        "20240101",
        "2024-W01-1",
        "١٢٣",
        "1_000",
        "1e30",
        "99999999999999999999999999",
        "NaN",
        "1e999",
        "",
        "--justified",
        "x" * 300,
    ]
)
ARGUMENTS = st.lists(WORDS | st.text(string.printable, max_size=12), max_size=12)


def run_main(arguments: list[str]) -> tuple[int, str]:
    """``main(ARGUMENTS)`` in this process, checked for a clean answer within 5 s."""
    out = io.StringIO()
    err = io.StringIO()
    started = time.monotonic()
    with redirect_stderr(err):
        code = main(arguments, stdout=out)
    assert time.monotonic() - started < SECONDS, arguments
    assert code in (0, 2), (arguments, err.getvalue())
    assert "Traceback" not in err.getvalue()
    assert "internal error" not in err.getvalue()
    if "--json" in arguments and (code == 0 or out.getvalue()):
        json.loads(out.getvalue())
    return code, out.getvalue()


@settings(max_examples=300, deadline=None)
@given(ARGUMENTS)
def test_cli_arguments_never_crash(arguments: list[str]) -> None:
    run_main(arguments)


def _limits() -> None:  # pragma: no cover (runs in the child)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


@settings(max_examples=12, deadline=None)
@given(ARGUMENTS)
def test_the_command_process_never_crashes_nor_exceeds_its_limits(arguments: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cantine_rules", *arguments],
        capture_output=True,
        timeout=SECONDS,
        preexec_fn=_limits,  # the test process starts no threads
        cwd=ROOT,
        check=False,
    )
    assert result.returncode in (0, 2), (arguments, result.stderr[-2000:])
    assert b"Traceback" not in result.stderr


# Files: an example with one value replaced by a hostile one ------------------------------------

# A TOML value as it stands after "=": a string, a number, a date or a time, true or false.
_VALUE = re.compile(r'=\s*("(?:[^"\\\n]|\\.)*"|[-+0-9][-+0-9:TZ._e]*|true|false)')
HOSTILE_VALUES = st.sampled_from(
    [
        "1e30",
        "-1",
        "0",
        "1000000",
        "1000000000",
        "9223372036854775807",
        "99999999999999999999",
        "1_000",
        '"1_000"',
        '"١٢٣"',
        '"1e30"',
        '"99999999999999999999999999"',
        '"+3.6"',
        '" 3.60 "',
        '"NaN"',
        "nan",
        "inf",
        "3.6",
        "true",
        '""',
        '"x"',
        '"' + "x" * 300 + '"',
        "2024-02-29",
        "0001-01-01",
        "9999-12-31",
        '"20240101"',
        '"2024-W01-1"',
        "2025-03-30T02:30:00",
        "2025-10-26T02:30:00",
        '"2025-03-30T02:30"',
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+14:00",
        "10:00:00",
        '"25:00"',
        "[]",
        "{}",
        '[1, "a"]',
        '{ type = "x" }',
        "[" * 40 + "]" * 40,
    ]
)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def mutated(original: Path, data: st.DataObject, folder: Path) -> Path:
    """A copy of *original* with one of its values replaced by a hostile one."""
    text = original.read_text(encoding="utf-8")
    values = list(_VALUE.finditer(text))
    found = values[data.draw(st.integers(0, len(values) - 1), label="value")]
    new = data.draw(HOSTILE_VALUES, label="replacement")
    text = text[: found.start(1)] + new + text[found.end(1) :]
    path = folder / original.name
    path.write_text(text, encoding="utf-8")
    return path


DAYS = st.sampled_from(["2025-03-20", "2025-03-31", "2024-09-02", "2028-08-31", "2017-09-04"])
INSTANTS = st.sampled_from(
    ["2025-03-13T09:00", "2025-03-30T02:30", "2025-10-26T02:30", "2025-03-13T09:00:00+01:00"]
)


@settings(deadline=None)
@given(st.data())
def test_policy_files_give_an_answer_or_bad_input(folder: Path, data: st.DataObject) -> None:
    path = str(mutated(MA_COMMUNE, data, folder))
    code, _ = run_main(["check", path, "--json"])
    if code != 0:
        return
    service = data.draw(st.sampled_from(["repas", "soir"]), label="service")
    day, at = data.draw(DAYS, label="day"), data.draw(INSTANTS, label="at")
    action = data.draw(st.sampled_from(["add", "cancel"]), label="action")
    channel = data.draw(st.sampled_from(["online", "office"]), label="channel")
    run_main(["explain", path, "--json"])
    run_main(["calendar", path, "--from", day, "--to", "2025-12-31", "--json"])
    run_main(["price", path, "--service", service, "--qf", "812", "--day", day, "--json"])
    run_main(["planning", path, "--service", service, "--month", day[:7], "--at", at, "--json"])
    decide = ["decide", path, "--service", service, "--day", day, "--action", action]
    run_main([*decide, "--at", at, "--channel", channel, "--qf", "812", "--json"])


@settings(deadline=None)
@given(st.sampled_from(SCENARIOS), st.data())
def test_scenario_files_give_a_bill_or_bad_input(
    folder: Path, scenario: Path, data: st.DataObject
) -> None:
    path = mutated(scenario, data, folder)
    run_main(["bill", str(path), "--json"])
    run_main(["bill", str(path), "--lang", "en"])


@settings(deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_a_file_give_an_answer_or_bad_input(folder: Path, content: bytes) -> None:
    path = folder / "bytes.toml"
    path.write_bytes(content)
    run_main(["check", str(path)])
    run_main(["bill", str(path), "--json"])
    run_main(["explain", str(path), "--json"])
