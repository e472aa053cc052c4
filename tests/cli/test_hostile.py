"""The command on hostile input: exit 2 and one clear line (or a correct answer), quickly.

Each case goes through the real command, ``python -m cantine_rules`` in a subprocess with a
timeout and memory and CPU limits where the process itself matters (a FIFO, a device, output
that cannot be written), else through ``main``.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shlex
import subprocess
import sys
import time
import tomllib
from contextlib import redirect_stderr
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cantine_rules._time import at_paris
from cantine_rules.cli import main
from cantine_rules.money import MAX_EUROS
from cantine_rules.plain import (
    MAX_DEADLINE_DAYS,
    MAX_DEADLINE_HOURS,
    MAX_DEADLINE_WEEKS,
    MAX_FILE_BYTES,
    MAX_HORIZON,
    MAX_NESTING,
    dumps_toml,
)

ROOT = Path(__file__).resolve().parents[2]
MA_COMMUNE = ROOT / "examples" / "communes" / "ma-commune.toml"
PARIS_SCENARIO = ROOT / "examples" / "scenarios" / "paris.toml"
DECIDE = ("--service", "repas", "--day", "2025-03-20", "--action", "add", "--at")

MEMORY = 500 * 1024 * 1024
SECONDS = 5


def _limits() -> None:  # pragma: no cover (runs in the child)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def run(
    *args: str, stdout: Any = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m cantine_rules ARGS`` within 5 s and 500 MB; fails the test on a hang."""
    return subprocess.run(
        [sys.executable, "-m", "cantine_rules", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=SECONDS,
        preexec_fn=_limits,  # the test process starts no threads
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[bytes], *expected: str) -> str:
    """The one line on stderr of a run that exited 2, holding every text *expected*."""
    error = result.stderr.decode("utf-8")
    assert result.returncode == 2, error
    assert "Traceback" not in error
    assert error.count("\n") == 1, error
    for text in expected:
        assert text in error
    return error


def answer(*args: str) -> tuple[int, str, str]:
    """``main(ARGS)`` in this process: exit code, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        code = main(list(args), stdout=out)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


# Files that are not files ----------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.toml"
    os.mkfifo(path)
    return path


@pytest.fixture
def zero(tmp_path: Path) -> Path:
    path = tmp_path / "zero.toml"
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (("check", "{}"), "POLICY"),
        (("bill", "{}"), "SCENARIO"),
        (("explain", "{}"), "commune"),
        (("decide", "{}", *DECIDE, "2025-03-13T09:00"), "commune"),
    ],
    ids=["check", "bill", "explain", "decide"],
)
@pytest.mark.parametrize("kind", ["fifo", "zero", "directory"])
def test_a_fifo_a_device_or_a_directory_is_refused_before_reading(
    command: tuple[str, ...], field: str, kind: str, fifo: Path, zero: Path, tmp_path: Path
) -> None:
    # Before: a FIFO hung the command; a link to /dev/zero grew it to 2 GB, then it crashed.
    path = {"fifo": fifo, "zero": zero, "directory": tmp_path / "communes.d"}[kind]
    if kind == "directory":
        path.mkdir()
    shown = {"fifo": "a FIFO", "zero": "a character device", "directory": "Is a directory"}[kind]
    args = [part.format(path) for part in command]
    line = one_line(run(*args), f"{field}: cannot be read ({shown}")
    assert line.endswith(f"(got {str(path)!r})\n")


def test_a_ten_megabyte_policy_is_refused_by_its_size_at_once(tmp_path: Path) -> None:
    # Before: 8.8 s to read and report a 10 MB policy.
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 10_000_000 + "\n", encoding="utf-8")
    started = time.monotonic()
    line = one_line(run("check", str(big)), "POLICY: cannot be read (larger than 1048576 bytes")
    assert time.monotonic() - started < 2
    assert "(1 MiB), the limit" in line
    code, _, err = answer("decide", str(big), *DECIDE, "2025-03-13T09:00")
    assert code == 2
    assert err.startswith("error: commune: cannot be read (larger than 1048576 bytes")


# What is in the file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deep", "column"),
    [
        ("a = " + "[" * 10_000 + "]" * 10_000, 37),
        ("a = " + "{ b = " * 10_000 + "1" + " }" * 10_000, 197),
    ],
    ids=["arrays", "inline tables"],
)
def test_deeply_nested_toml_is_bad_input_not_a_recursion_error(
    tmp_path: Path, deep: str, column: int
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(deep, encoding="utf-8")
    code, _, err = answer("check", str(path))
    assert code == 2
    assert err == (
        "(top level): arrays and inline tables nested more than 32 levels deep"
        f" (at line 1, column {column})\n"
    )
    code, out, err = answer("bill", str(path), "--json")
    assert code == 2
    assert "nested more than 32 levels deep" in err
    assert json.loads(out)["error"]["kind"] == "PolicyError"


def test_a_policy_that_is_not_utf8_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MA_COMMUNE.read_text(encoding="utf-8").encode("latin-1"))
    code, _, err = answer("check", str(path))
    assert code == 2
    assert err.startswith("(top level): the file is not UTF-8 text: 'utf-8' codec can't decode")


@pytest.mark.parametrize(
    ("rule", "key", "message"),
    [
        (
            {"type": "hours_before", "hours": 10**9},
            "hours",
            "must be at most 8784 (got 1000000000)",
        ),
        (
            {"type": "calendar_days_before", "days": 10**6, "at": "10:00"},
            "days",
            "must be at most 366 (got 1000000)",
        ),
    ],
)
def test_deadline_counts_that_would_overflow_are_refused_by_check(
    tmp_path: Path, rule: dict[str, Any], key: str, message: str
) -> None:
    # Before: check accepted them, and decide then crashed with OverflowError.
    data = tomllib.loads(MA_COMMUNE.read_text(encoding="utf-8"))
    data["rules"]["default"]["add"] = rule
    path = tmp_path / "commune.toml"
    path.write_text(dumps_toml(data), encoding="utf-8")
    code, out, _ = answer("check", str(path), "--json")
    assert code == 2
    assert json.loads(out)["problems"] == [{"path": f"rules.default.add.{key}", "message": message}]
    code, out, err = answer("decide", str(path), *DECIDE, "2025-03-13T09:00", "--json")
    assert code == 2
    assert json.loads(out)["error"]["field"] == f"rules.default.add.{key}"
    assert "OverflowError" not in err


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("check", str(MA_COMMUNE), "--cost", "1e30"), "--cost"),
        (("check", str(MA_COMMUNE), "--cost", "1000000000000"), "--cost"),
        (("price", "paris", "--service", "repas", "--qf", "1e30"), "--qf"),
    ],
)
def test_amounts_beyond_the_bound_are_bad_input(args: tuple[str, ...], field: str) -> None:
    # Before: decimal.InvalidOperation for 27 digits.
    code, out, err = answer(*args, "--json")
    assert code == 2
    assert err.startswith(f"error: {field}: is not a number written like 812 or 3.50")
    assert json.loads(out)["error"]["field"] == field


# Strict inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--qf", "١٢٣"),
        ("--qf", "1_000"),
        ("--qf", "１２３"),
        ("--qf", "1e3"),
        ("--qf", "+812"),
        ("--day", "20241001"),
        ("--day", "2024-W40-2"),
        ("--day", "2024-275"),
        ("--day", "２０２４-10-01"),
    ],
)
def test_unicode_digits_underscores_and_compact_dates_are_refused(option: str, value: str) -> None:
    args = {"--qf": ("--day", "2024-10-01"), "--day": ("--qf", "812")}[option]
    code, _, err = answer("price", "paris", "--service", "repas", option, value, *args)
    assert code == 2
    assert err.startswith(f"error: {option}: is not a ")
    assert err.endswith(f"(got {value!r})\n")


@pytest.mark.parametrize(
    ("option", "value"),
    [("--at", "20240930T1000"), ("--at", "2024-W40-1T10:00"), ("--month", "202410")],
)
def test_compact_date_times_and_months_are_refused(option: str, value: str) -> None:
    month = value if option == "--month" else "2024-10"
    at = value if option == "--at" else "2024-09-01T10:00"
    code, _, err = answer("planning", "paris", "--service", "repas", "--month", month, "--at", at)
    assert code == 2
    assert err.startswith(f"error: {option}: is not a ")


def test_blanks_around_a_value_are_ignored() -> None:
    code, out, _ = answer(
        "price", "paris", "--service", "repas", "--qf", " 812 ", "--day", " 2024-10-01", "--json"
    )
    assert code == 0
    assert json.loads(out)["day"] == "2024-10-01"


# Daylight saving time --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "instant", "note"),
    [
        (
            "2025-03-30T02:30",
            "2025-03-30T03:30:00+02:00",
            "02:30 does not exist that day (the clocks go forward): read as 03:30+02:00",
        ),
        (
            "2025-10-26T02:30",
            "2025-10-26T02:30:00+02:00",
            "02:30 occurs twice that day (the clocks go back): read as the first, 02:30+02:00",
        ),
    ],
)
def test_an_offsetless_time_at_a_clock_change_is_read_as_at_paris_reads_it(
    at: str, instant: str, note: str
) -> None:
    wall = datetime.fromisoformat(at)
    assert at_paris(wall.date(), wall.time()).isoformat() == instant
    code, out, _ = answer(
        "decide",
        "paris",
        "--service",
        "repas",
        "--day",
        "2025-11-03",
        "--action",
        "add",
        "--at",
        at,
        "--json",
    )
    assert code == 0
    assert json.loads(out)["notes"] == [f"--at {at} has no offset: read as Europe/Paris; {note}"]


def test_a_planning_at_a_time_the_clocks_skip_is_the_planning_an_hour_later() -> None:
    planning = ("planning", "paris", "--service", "repas", "--month", "2025-04", "--json")
    _, gap, _ = answer(*planning, "--at", "2025-03-30T02:30")
    _, later, _ = answer(*planning, "--at", "2025-03-30T03:30+02:00")
    assert json.loads(gap)["days"] == json.loads(later)["days"]


# Output that cannot be written -----------------------------------------------------------------


def test_a_reader_that_went_away_ends_quietly() -> None:
    # cantine-rules explain paris | head -c1, with the reader gone before the first write.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run("explain", "paris", stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == b""


# Standard output closed once Python started (a write fails), or before (no sys.stdout: >&-).
_CLOSED_LATER = "import os, runpy, sys; os.close(1); sys.argv = ['x', 'communes']; " + (
    "runpy.run_module('cantine_rules', run_name='__main__')"
)


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (f'{shlex.quote(sys.executable)} -c "{_CLOSED_LATER}"', "Bad file descriptor"),
        (
            f"{shlex.quote(sys.executable)} -m cantine_rules communes >&-",
            "standard output is closed",
        ),
    ],
    ids=["closed later", "closed before"],
)
def test_a_closed_standard_output_ends_with_one_line(command: str, reason: str) -> None:
    result = subprocess.run(
        command, shell=True, stderr=subprocess.PIPE, timeout=SECONDS, cwd=ROOT, check=False
    )
    assert result.returncode == 1
    assert result.stderr.decode() == f"error: cannot write the output ({reason})\n"


@pytest.mark.parametrize("args", [("communes", "--json"), ("explain", "paris"), ("--help",)])
def test_a_full_disk_ends_with_one_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        result = run(*args, stdout=full)
    assert result.returncode == 1
    assert result.stderr.decode() == "error: cannot write the output (No space left on device)\n"


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["PYTHONIOENCODING=ascii", "LANG=C"],
)
def test_the_output_is_utf8_whatever_the_locale(env: dict[str, str]) -> None:
    result = run("explain", "paris", env=env)
    assert result.returncode == 0, result.stderr
    assert "Caisses des écoles" in result.stdout.decode("utf-8")
    bad = run("decide", "montcuq", *DECIDE, "2025-03-13T09:00", "--lang", "fr", env=env)
    assert one_line(bad, "commune: unknown 'montcuq'")


def test_a_file_name_that_is_not_utf8_is_written_escaped(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/\xff.toml"
    result = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"cantine_rules", b"bill", name, b"--json"],
        capture_output=True,
        timeout=SECONDS,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    error = json.loads(result.stdout.decode("utf-8"))["error"]
    assert error["message"].endswith("\\udcff.toml')")
    assert b"Traceback" not in result.stderr


def test_the_command_line_page_gives_the_limits_the_code_has() -> None:
    page = (ROOT / "docs" / "command-line.en.md").read_text(encoding="utf-8")
    start, end = page.index("## Inputs and limits"), page.index("### Daylight saving time")
    section = " ".join(page[start:end].split())
    assert f"{MAX_FILE_BYTES:,} bytes" in section
    assert f"more than {MAX_NESTING} levels deep" in section
    assert f"at most {MAX_DEADLINE_DAYS} (`MAX_DEADLINE_DAYS`)" in section
    assert f"at most {MAX_DEADLINE_HOURS:,} (`MAX_DEADLINE_HOURS`)" in section
    assert f"at most {MAX_DEADLINE_WEEKS} (`MAX_DEADLINE_WEEKS`)" in section
    assert f"at most {MAX_HORIZON} (`MAX_HORIZON`)" in section
    assert Decimal(10) ** 12 == MAX_EUROS
    assert "±10¹² €" in section
