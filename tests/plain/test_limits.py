"""Hostile plain data: files that are not files, too large, too deep, counts that overflow later.

Each case is answered quickly with the library's own errors (a PolicyError naming the path, or
an OSError for a file that is not read), never a crash, a hang or a read of the whole input.
"""

from __future__ import annotations

import os
import time
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules.errors import PolicyError
from cantine_rules.model import BookingChange, ChangeAction
from cantine_rules.plain import (
    MAX_DEADLINE_DAYS,
    MAX_DEADLINE_HOURS,
    MAX_DEADLINE_WEEKS,
    MAX_FILE_BYTES,
    MAX_HORIZON,
    MAX_NESTING,
    dumps_toml,
    from_data,
    load_scenario,
    load_toml,
    loads_scenario,
    loads_toml,
    scenario_from_data,
)
from cantine_rules.plain._toml import parse_toml, read_utf8, write_toml

ROOT = Path(__file__).resolve().parents[2]
MA_COMMUNE = ROOT / "examples" / "communes" / "ma-commune.toml"
PARIS_SCENARIO = ROOT / "examples" / "scenarios" / "paris.toml"


def only_problem(error: pytest.ExceptionInfo[PolicyError]) -> str:
    (problem,) = error.value.problems
    return f"{problem.path}: {problem.message}"


# Files ------------------------------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "commune.toml"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo: Path) -> None:
    started = time.monotonic()
    with pytest.raises(OSError, match="a FIFO, not a regular file"):
        read_utf8(fifo)
    with pytest.raises(OSError, match="a FIFO"):
        load_scenario(fifo)
    assert time.monotonic() - started < 1


def test_a_link_to_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    started = time.monotonic()
    with pytest.raises(OSError, match="a character device, not a regular file"):
        load_toml(link)
    assert time.monotonic() - started < 1


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        read_utf8(tmp_path)


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    # Ten megabytes of a policy (a sparse file: its size is known without reading it).
    big = tmp_path / "big.toml"
    with big.open("wb") as file:
        file.truncate(10 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(OSError, match=r"larger than 1048576 bytes \(1 MiB\), the limit"):
        load_toml(big)
    assert time.monotonic() - started < 1


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    text = MA_COMMUNE.read_text(encoding="utf-8")
    padded = text + "#" * (MAX_FILE_BYTES - len(text.encode("utf-8")) - 1) + "\n"
    path = tmp_path / "commune.toml"
    path.write_text(padded, encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_toml(path) == load_toml(MA_COMMUNE)
    with path.open("a", encoding="utf-8") as file:
        file.write("\n")
    with pytest.raises(OSError, match="larger than"):
        load_toml(path)


def test_a_text_over_the_limit_is_refused_before_parsing() -> None:
    with pytest.raises(PolicyError) as caught:
        loads_toml("#" * (MAX_FILE_BYTES + 1))
    assert "longer than 1048576 characters" in only_problem(caught)


def test_a_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "paris.toml"
    path.write_bytes(PARIS_SCENARIO.read_bytes().replace(b'"paris"', b'"p\xe2ris"'))
    with pytest.raises(PolicyError) as caught:
        load_scenario(path)
    assert caught.value.source == str(path)
    assert only_problem(caught).startswith("(top level): the file is not UTF-8 text")


# Nesting ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a = " + "[" * 10_000 + "]" * 10_000, "column 37"),
        ("a = " + "{ b = " * 10_000 + "1" + " }" * 10_000, "column 197"),
        ('x = 1\nslug = "x"\nlist = [\n' + "[" * 40 + "]" * 40 + "\n]", "line 4, column 32"),
    ],
    ids=["arrays", "inline tables", "multi-line"],
)
def test_arrays_and_inline_tables_nested_too_deep_are_bad_input(text: str, where: str) -> None:
    with pytest.raises(PolicyError) as caught:
        loads_toml(text)
    message = only_problem(caught)
    assert message.startswith("(top level): arrays and inline tables nested more than 32 levels")
    assert where in message
    with pytest.raises(PolicyError):
        loads_scenario(text)


@pytest.mark.parametrize(
    "text",
    [
        "a" + ".a" * 100_000 + " = 1",
        "[a" + ".a" * 100_000 + "]\nx = 1",
        "x = { a" + ".a" * 40 + " = 1 }",
    ],
    ids=["dotted key", "table name", "inline dotted key"],
)
def test_a_key_of_too_many_parts_is_bad_input(text: str) -> None:
    # tomllib keeps a table per prefix of a dotted key: 10,000 parts take 400 MB.
    started = time.monotonic()
    with pytest.raises(PolicyError) as caught:
        loads_toml(text)
    assert "a key of more than 32 dotted parts" in only_problem(caught)
    assert time.monotonic() - started < 1


def test_nesting_up_to_the_bound_is_read() -> None:
    deepest = "[" * MAX_NESTING + "]" * MAX_NESTING
    assert parse_toml(f"a = {deepest}")["a"] == tomllib.loads(f"a = {deepest}")["a"]
    key = ".".join(["k"] * MAX_NESTING)
    assert parse_toml(f"{key} = 1") == tomllib.loads(f"{key} = 1")


@pytest.mark.parametrize(
    "text",
    [
        'a = "' + "[" * 100 + '"',
        "a = '" + "{" * 100 + "'",
        'a = """\n' + "[" * 100 + '\n"""',
        "a = '''" + "." * 100 + "'''",
        "a = 1 # " + "[" * 100,
        'a = "\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\""',
        'a = """ "" [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ """',
        'a = """q"""""\nb = "' + "[" * 40 + '"',
        '"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.1.2.3.4.5.6.7.8" = 1',
        "t = 1979-05-27T07:32:00.999999Z\nf = [" + "1.5, " * 100 + "]",
    ],
)
def test_brackets_and_dots_inside_strings_comments_and_values_do_not_count(text: str) -> None:
    assert parse_toml(text) == tomllib.loads(text)


PLAIN_TEXT = st.text(st.sampled_from("[]{}.'\"\\#\n =,aé"), max_size=30)
DATA = st.recursive(
    st.integers(-5, 5) | PLAIN_TEXT | st.dates(date(2000, 1, 1), date(2030, 1, 1)),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(PLAIN_TEXT.filter(bool), children, max_size=3)
    ),
    max_leaves=20,
)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@given(st.dictionaries(PLAIN_TEXT.filter(bool), DATA, max_size=4))
def test_a_text_within_the_bounds_reads_as_the_toml_parser_reads_it(data: dict[str, Any]) -> None:
    # Whatever the strings and keys hold (brackets, quotes, dots, escapes, comments signs), the
    # nesting check refuses nothing the parser reads within the bounds.
    text = write_toml(data)
    if _depth(data) <= MAX_NESTING // 2:
        assert parse_toml(text) == tomllib.loads(text) == data


# Deadline counts -------------------------------------------------------------------------------


def _with_rule(rule: dict[str, Any]) -> dict[str, Any]:
    data = tomllib.loads(MA_COMMUNE.read_text(encoding="utf-8"))
    data["rules"]["default"]["add"] = rule
    return data


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ({"type": "hours_before", "hours": 10**9}, "hours: must be at most 8784 (got 1000000000)"),
        ({"type": "working_days_before", "days": 10**6}, "days: must be at most 366 (got 1000000)"),
        (
            {"type": "calendar_days_before", "days": 10**6, "at": "10:00"},
            "days: must be at most 366 (got 1000000)",
        ),
        ({"type": "clear_days_before", "days": 367}, "days: must be at most 366 (got 367)"),
        ({"type": "max_horizon", "days": 10**6}, "days: must be at most 731 (got 1000000)"),
        (
            {"type": "weekday_before", "weekday": "monday", "cutoff": "10:00", "weeks_before": 54},
            "weeks_before: must be at most 53 (got 54)",
        ),
    ],
)
def test_deadline_counts_beyond_their_bound_are_refused_at_load(
    rule: dict[str, Any], problem: str
) -> None:
    with pytest.raises(PolicyError) as caught:
        from_data(_with_rule(rule))
    assert only_problem(caught) == f"rules.default.add.{problem}"


@pytest.mark.parametrize(
    "rule",
    [
        {"type": "hours_before", "hours": MAX_DEADLINE_HOURS},
        {"type": "working_days_before", "days": MAX_DEADLINE_DAYS},
        {"type": "calendar_days_before", "days": MAX_DEADLINE_DAYS, "at": "10:00"},
        {"type": "clear_days_before", "days": MAX_DEADLINE_DAYS},
        {"type": "max_horizon", "days": MAX_HORIZON},
        {
            "type": "weekday_before",
            "weekday": "monday",
            "cutoff": "10:00",
            "weeks_before": MAX_DEADLINE_WEEKS,
        },
    ],
)
def test_a_deadline_at_its_bound_loads_and_decides(rule: dict[str, Any]) -> None:
    policy = from_data(_with_rule(rule))
    assert from_data(tomllib.loads(dumps_toml(policy))) == policy
    change = BookingChange(
        ChangeAction.ADD,
        "child",
        "repas",
        date(2027, 3, 18),
        datetime.fromisoformat("2025-03-13T09:00:00+01:00"),
    )
    # A decision, not an OverflowError: a year (two for a horizon) back from 2027 stays inside
    # the calendar.
    assert policy.decide(change).status.value in {"accepted", "refused", "accepted_late"}


# Strict forms ----------------------------------------------------------------------------------


def test_scenario_amounts_are_written_with_the_digits_0_to_9() -> None:
    data = scenario_from_data(
        {
            "commune": "paris",
            "start": "2024-10-01",
            "end": "2024-10-31",
            "family": {"id": "F", "quotient_familial": "1_000"},
        }
    )
    # Kept, and documented: a scenario may write a decimal in any form Decimal reads.
    assert str(data.quotient_familial) == "1000"
    with pytest.raises(PolicyError) as caught:
        scenario_from_data(
            {
                "commune": "paris",
                "start": "2024-10-01",
                "end": "2024-10-31",
                "family": {"id": "F", "quotient_familial": "١٢٣"},
            }
        )
    assert only_problem(caught) == (
        "family.quotient_familial: must be written with the digits 0-9 (got '١٢٣')"
    )


@pytest.mark.parametrize("written", ["1_000", "١٢٣", "１２", "1e3", " 3.60"])
def test_policy_amounts_take_the_strict_form_only(written: str) -> None:
    data = tomllib.loads(MA_COMMUNE.read_text(encoding="utf-8"))
    data["tariffs"]["soir"]["versions"][0]["tariff"]["amount"] = written
    with pytest.raises(PolicyError) as caught:
        from_data(data)
    assert only_problem(caught).startswith(
        "tariffs.soir.versions[0].tariff.amount: must be a decimal number written like"
    )


@pytest.mark.parametrize("written", ["20240901", "2024-W36-1", "2024-245", "２０２４-09-01"])
def test_compact_week_and_ordinal_dates_are_refused_in_both_formats(written: str) -> None:
    data = tomllib.loads(MA_COMMUNE.read_text(encoding="utf-8"))
    data["tariffs"]["soir"]["versions"][0]["effective_from"] = written
    with pytest.raises(PolicyError) as caught:
        from_data(data)
    assert only_problem(caught).startswith(
        "tariffs.soir.versions[0].effective_from: must be a date such as 2024-09-02"
    )
    with pytest.raises(PolicyError) as caught:
        scenario_from_data(
            {"commune": "paris", "start": written, "end": "2024-10-31", "family": {"id": "F"}}
        )
    assert only_problem(caught).startswith("start: must be a date such as 2024-09-02")


@pytest.mark.parametrize(
    "written",
    ["20241001T1000", "2024-W40-2T10:00", "2024-10-01T10", "2024-10-01T10:00+0200", "2024-10-01"],
)
def test_compact_date_times_are_refused_in_a_scenario(written: str) -> None:
    change = {"child": "a", "service": "repas", "day": "2024-10-03", "action": "add"}
    with pytest.raises(PolicyError) as caught:
        scenario_from_data(
            {
                "commune": "paris",
                "start": "2024-10-01",
                "end": "2024-10-31",
                "family": {"id": "F"},
                "children": [{"id": "a", "first_name": "A", "birth_date": "2016-02-14"}],
                "changes": [{**change, "at": written}],
            }
        )
    assert only_problem(caught) == (
        f"changes[0].at: must be a date-time such as 2024-06-01T08:00:00+02:00 (got {written!r})"
    )


# Daylight saving time --------------------------------------------------------------------------


def test_a_scenario_time_in_the_spring_gap_is_moved_forward_and_noted() -> None:
    scenario = scenario_from_data(
        {
            "commune": "paris",
            "start": "2025-03-01",
            "end": "2025-03-31",
            "family": {"id": "F"},
            "children": [{"id": "a", "first_name": "A", "birth_date": "2016-02-14"}],
            "changes": [
                {
                    "child": "a",
                    "service": "repas",
                    "day": "2025-03-31",
                    "action": "add",
                    "at": datetime(2025, 3, 30, 2, 30),
                },
                {
                    "child": "a",
                    "service": "repas",
                    "day": "2025-04-01",
                    "action": "add",
                    "at": "2025-03-30T02:30:00",
                },
            ],
        }
    )
    # As at_paris reads it: 02:30 does not exist on 30 March 2025, a clock not changed shows 03:30.
    assert [change.requested_at.isoformat() for change in scenario.changes] == [
        "2025-03-30T03:30:00+02:00",
        "2025-03-30T03:30:00+02:00",
    ]
    assert scenario.notes == tuple(
        f"changes[{index}].at has no offset: read as Europe/Paris; 02:30 does not exist that day"
        " (the clocks go forward): read as 03:30+02:00"
        for index in (0, 1)
    )


def test_the_limits_are_exported() -> None:
    assert (MAX_FILE_BYTES, MAX_NESTING) == (1024 * 1024, 32)
    assert (MAX_DEADLINE_DAYS, MAX_DEADLINE_HOURS, MAX_DEADLINE_WEEKS) == (366, 366 * 24, 53)
    assert MAX_HORIZON == 731


def test_many_unknown_keys_are_reported_quickly_without_hints() -> None:
    # 'did you mean' costs a string comparison with every allowed key: past 20 unknown keys in a
    # table, they are listed without it (80,000 such keys took 4 s to report, most of it there).
    few = "\n".join(f"nmae{i} = 1" for i in range(3)) + "\n" + MA_COMMUNE.read_text("utf-8")
    with pytest.raises(PolicyError) as caught:
        loads_toml(few)
    assert caught.value.problems[0].message.startswith("unknown key; did you mean 'name'?")
    many = "\n".join(f"nmae{i} = 1" for i in range(50_000)) + "\n" + MA_COMMUNE.read_text("utf-8")
    started = time.monotonic()
    with pytest.raises(PolicyError) as caught:
        loads_toml(many)
    assert time.monotonic() - started < 5
    assert len(caught.value.problems) == 50_000
    assert caught.value.problems[0].message.startswith("unknown key; (allowed: slug, name,")


@pytest.mark.parametrize(
    "picked_up_at",
    # The edges of Python's calendar: no day in Europe/Paris holds them.
    ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"],
)
def test_an_instant_beyond_the_calendar_is_a_problem_at_its_path(picked_up_at: str) -> None:
    scenario = ROOT / "examples" / "scenarios" / "coetmieux-retard.toml"
    text = scenario.read_text(encoding="utf-8").replace(
        "picked_up_at = 2024-11-18T18:49:59+01:00", f'picked_up_at = "{picked_up_at}"', 1
    )
    assert picked_up_at in text
    with pytest.raises(PolicyError) as raised:
        loads_scenario(text)
    assert [problem.path for problem in raised.value.problems] == ["attendance[0].picked_up_at"]
    assert "beyond the dates" in str(raised.value)
