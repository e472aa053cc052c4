"""``cantine-rules serve --stdio`` as a real process: every answer is the one-shot command's."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cantine_rules.serve import MAX_LINE_BYTES, Service, serve_lines
from tests.serve._oneshot import (
    COMMANDS,
    MA_COMMUNE,
    ROOT,
    SCENARIOS,
    good_request,
    one_shot,
    one_shot_process,
)


def serve(
    lines: list[bytes], *options: str, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """``cantine-rules serve --stdio`` fed *lines*, until its input ends."""
    return subprocess.run(
        [sys.executable, "-m", "cantine_rules", "serve", "--stdio", *options],
        input=b"".join(lines),
        capture_output=True,
        check=False,
        cwd=ROOT,
        timeout=timeout,
    )


def answers(done: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def line(request: object) -> bytes:
    return json.dumps(request).encode() + b"\n"


def usage(field: str | None, ident: object = None) -> dict[str, Any]:
    """What the answer to a request that is not a command line looks like."""
    return {"id": ident, "ok": False, "kind": "UsageError", "field": field}


def ill_typed(field: str, ident: object) -> dict[str, Any]:
    return {"id": ident, "ok": False, "kind": "InvalidTypeError", "field": field}


def bad_line(chance: random.Random, ident: int) -> tuple[bytes, dict[str, Any] | None]:
    """A line that stands for no command line, and what its answer says (None: no answer)."""
    decide = {
        "id": ident,
        "command": "decide",
        "commune": "paris",
        "service": "repas",
        "day": "2024-10-03",
        "action": "add",
        "at": "2024-10-01T10:00",
    }
    cases: list[tuple[bytes, dict[str, Any] | None]] = [
        (b"not json\n", usage(None)),
        (b'{"id": 1, "command": \n', usage(None)),
        (b"[1, 2]\n", usage(None)),
        (b"42\n", usage(None)),
        (line({"id": ident, "command": "dance"}), usage("command", ident)),
        (line({"id": ident, "command": "serve", "stdio": True}), usage("command", ident)),
        (line({"id": ident}), usage("command", ident)),
        (line({"id": ident, "command": ["decide"]}), ill_typed("command", ident)),
        (line({**decide, "colour": "red"}), usage("colour", ident)),
        (line({**decide, "json": True}), usage("json", ident)),
        (line({**decide, "day": 20241003}), ill_typed("day", ident)),
        (line({**decide, "qf": 812}), ill_typed("qf", ident)),
        (line({**decide, "justified": "yes"}), ill_typed("justified", ident)),
        (line({**decide, "commune": "a\x00.toml"}), {**usage("commune", ident), "kind": None}),
        (line({**decide, "id": [ident]}), ill_typed("id", None)),
        (line({**decide, "id": 1.5}), ill_typed("id", None)),
        (b'{"id": 3, "command": "communes", "lang": "\xff"}\n', usage(None)),
        (b"[" * 5000 + b"\n", usage(None)),
        (b"x" * (MAX_LINE_BYTES + 10) + b"\n", usage(None)),
        (b"\n", None),
        (b"   \t \n", None),
    ]
    return chance.choice(cases)


def matches(answer: dict[str, Any], expected: dict[str, Any]) -> bool:
    error = answer.get("error") or {}
    return (
        answer["id"] == expected["id"]
        and answer["ok"] is expected["ok"]
        and (expected["kind"] is None or error.get("kind") == expected["kind"])
        and error.get("field") == expected["field"]
    )


@pytest.fixture
def bad_check(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text('slug = "x"\nname = 3\n', encoding="utf-8")
    return path


def test_thousands_of_mixed_lines_answered_as_the_one_shot_command(bad_check: Path) -> None:
    chance = random.Random(14)
    # Requests come back, as from a portal: 2,000 lines drawn from 300 requests, each of which
    # the one-shot side runs once.
    pool = [good_request(chance, bad_check) for _ in range(300)]
    lines: list[bytes] = []
    expected: list[tuple[str, Any]] = []
    for ident in range(2_000):
        if chance.random() < 0.15:
            text, answer = bad_line(chance, ident)
            lines.append(text)
            if answer is not None:
                expected.append(("shape", answer))
        else:
            request = {"id": ident, **chance.choice(pool)}
            lines.append(line(request))
            expected.append(("one-shot", request))
    started = time.monotonic()
    got = answers(serve(lines))
    assert time.monotonic() - started < 60
    assert len(got) == len(expected)
    answered_ok: set[str] = set()
    for answer, (kind, want) in zip(got, expected, strict=True):
        if kind == "shape":
            assert matches(answer, want), (answer, want)
            continue
        assert answer["id"] == want["id"]
        assert {k: v for k, v in answer.items() if k != "id"} == one_shot(want), want
        if answer["ok"]:
            answered_ok.add(want["command"])
    # Every command was answered, not only refused.
    assert answered_ok == set(COMMANDS)


def test_a_sample_equals_the_command_run_as_its_own_process(bad_check: Path) -> None:
    requests: list[dict[str, Any]] = [
        {"command": "communes"},
        {
            "command": "decide",
            "commune": "saint-just-d-avray",
            "service": "repas",
            "day": "2024-09-23",
            "action": "add",
            "at": "2024-09-19T17:00",
        },
        {"command": "price", "commune": str(MA_COMMUNE), "service": "repas", "qf": "-1"},
        {"command": "calendar", "commune": "paris", "from": "2024-05-06", "to": "2024-05-01"},
        {"command": "bill", "scenario": str(SCENARIOS[0]), "lang": "en"},
        {"command": "check", "policy": str(bad_check)},
        {"command": "planning", "commune": "paris", "service": "repas", "month": "2024-10"},
    ]
    got = answers(serve([line({"id": n, **r}) for n, r in enumerate(requests)]))
    for number, (request, answer) in enumerate(zip(requests, got, strict=True)):
        assert answer.pop("id") == number
        assert answer == one_shot_process(request), request


def test_a_check_with_problems_is_not_ok_and_gives_its_report(bad_check: Path) -> None:
    (answer,) = answers(serve([line({"id": "c", "command": "check", "policy": str(bad_check)})]))
    assert answer["ok"] is False
    assert {problem["path"] for problem in answer["result"]["problems"]} >= {"name"}


def test_bad_lines_are_answered_and_the_service_goes_on() -> None:
    communes = line({"id": "after", "command": "communes"})
    got = answers(serve([b"{oops\n", b"\xff\xfe\n", communes, b"[]\n", communes]))
    assert [answer["ok"] for answer in got] == [False, False, True, False, True]
    assert got[-1]["id"] == "after"
    assert got[0]["error"]["message"].startswith("request: is not JSON")
    assert got[1]["error"]["message"] == "request: is not UTF-8 text (byte 0)"


def test_an_overlong_line_is_an_error_and_the_next_line_is_read() -> None:
    long = b'{"id": 1, "command": "communes", "lang": "' + b"x" * MAX_LINE_BYTES + b'"}\n'
    got = answers(serve([long, line({"id": 2, "command": "communes"})]))
    assert got[0] == {
        "id": None,
        "ok": False,
        "error": {
            "kind": "UsageError",
            "message": f"request: is longer than {MAX_LINE_BYTES} bytes",
            "field": None,
        },
    }
    assert got[1]["id"] == 2
    assert got[1]["ok"] is True


def test_a_bad_option_names_its_key_and_the_known_ones() -> None:
    (answer,) = answers(serve([line({"id": 5, "command": "price", "commune": "paris", "q": "1"})]))
    assert answer["error"] == {
        "kind": "UsageError",
        "message": "q: not an option of price (its options: commune, day, lang, qf, service)",
        "field": "q",
    }


def test_the_last_line_may_lack_its_newline_and_eof_ends_the_service() -> None:
    done = serve([b'{"id": 1, "command": "communes"}'])
    assert [answer["id"] for answer in answers(done)] == [1]
    assert serve([]).returncode == 0


def test_each_answer_is_written_as_soon_as_it_is_ready() -> None:
    # A portal writes a request and waits for its answer before writing the next one.
    service = subprocess.Popen(
        [sys.executable, "-m", "cantine_rules", "serve", "--stdio"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    assert service.stdin is not None
    assert service.stdout is not None
    for ident in range(3):
        service.stdin.write(line({"id": ident, "command": "communes"}))
        service.stdin.flush()
        assert json.loads(service.stdout.readline())["id"] == ident
    service.stdin.close()
    assert service.wait(timeout=30) == 0
    service.stdout.close()


def test_a_reader_that_goes_away_ends_the_service_quietly() -> None:
    service = subprocess.Popen(
        [sys.executable, "-m", "cantine_rules", "serve", "--stdio"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert service.stdin is not None
    assert service.stdout is not None
    assert service.stderr is not None
    service.stdin.write(line({"id": 0, "command": "communes"}))
    service.stdin.flush()
    service.stdout.readline()
    service.stdout.close()  # the reader goes away
    try:
        for ident in range(200):
            service.stdin.write(line({"id": ident, "command": "communes"}))
        service.stdin.close()
    except BrokenPipeError:
        pass  # the service has already stopped
    assert service.wait(timeout=30) == 1
    assert service.stderr.read() == b""
    service.stderr.close()


def test_a_policy_file_is_read_again_when_it_changes(tmp_path: Path) -> None:
    policy = tmp_path / "ma-commune.toml"
    shutil.copy(MA_COMMUNE, policy)
    decide = {
        "command": "decide",
        "commune": str(policy),
        "service": "repas",
        "day": "2025-03-20",
        "action": "add",
        # « add: weekday_before thursday 10:00 »: half an hour late.
        "at": "2025-03-13T10:30+01:00",
    }
    service = subprocess.Popen(
        [sys.executable, "-m", "cantine_rules", "serve", "--stdio", "--policy", str(policy)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    assert service.stdin is not None
    assert service.stdout is not None

    def ask() -> dict[str, Any]:
        assert service.stdin is not None
        assert service.stdout is not None
        service.stdin.write(line({"id": 1, **decide}))
        service.stdin.flush()
        answer: dict[str, Any] = json.loads(service.stdout.readline())
        return answer

    assert ask()["result"]["status"] == "refused"
    text = policy.read_text(encoding="utf-8")
    changed = text.replace(
        'weekday = "thursday", cutoff = "10:00"', 'weekday = "thursday", cutoff = "11:00"'
    )
    assert changed != text
    policy.write_text(changed, encoding="utf-8")
    stamp = policy.stat().st_mtime_ns + 1_000_000_000  # a second later, whatever the clock
    os.utime(policy, ns=(stamp, stamp))
    assert ask()["result"]["status"] == "accepted"
    policy.write_text(text.replace('name = "Ma Commune"', "name = 3"), encoding="utf-8")
    broken = ask()
    assert broken["ok"] is False
    assert broken["error"]["kind"] == "PolicyError"
    service.stdin.close()
    assert service.wait(timeout=30) == 0
    service.stdout.close()


def test_data_dirs_limit_the_files_a_request_names(tmp_path: Path) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    shutil.copy(SCENARIOS[0], allowed / "s.toml")
    (tmp_path / "outside.toml").write_text("", encoding="utf-8")
    (allowed / "link.toml").symlink_to(tmp_path / "outside.toml")
    got = answers(
        serve(
            [
                line({"id": 1, "command": "bill", "scenario": str(allowed / "s.toml")}),
                line({"id": 2, "command": "bill", "scenario": str(tmp_path / "outside.toml")}),
                line({"id": 3, "command": "check", "policy": str(allowed / "link.toml")}),
                line({"id": 4, "command": "explain", "commune": "paris"}),
            ],
            "--data-dir",
            str(allowed),
        )
    )
    assert [answer["ok"] for answer in got] == [True, False, False, True]
    assert got[1]["error"]["field"] == "scenario"
    assert "is not a file this service reads" in got[1]["error"]["message"]
    assert got[2]["error"]["field"] == "policy"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--policy", "nowhere.toml"), "error: --policy: cannot be read"),
        (("--port", "8001"), "error: --port: is for --http only"),
        (("--data-dir", "nowhere"), "error: --data-dir: is not a folder"),
    ],
)
def test_a_bad_start_is_bad_input_before_any_answer(options: tuple[str, ...], message: str) -> None:
    done = serve([line({"id": 1, "command": "communes"})], *options)
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().startswith(message)
    assert b"Traceback" not in done.stderr


def test_a_policy_file_with_problems_stops_the_start(bad_check: Path) -> None:
    done = serve([], "--policy", str(bad_check), "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["kind"] == "PolicyError"
    assert b"Traceback" not in done.stderr


def test_a_full_disk_ends_the_service_quietly() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cantine_rules", "serve", "--stdio"],
            input=line({"id": 1, "command": "communes"}) * 3,
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            cwd=ROOT,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr == b""


class FailingInput(io.BytesIO):
    def readline(self, size: int | None = -1) -> bytes:
        raise OSError(5, "Input/output error")


def test_an_input_that_fails_ends_the_service_as_bad_input() -> None:
    sink = io.BytesIO()
    assert serve_lines(Service(), FailingInput(), sink) == 2
    assert sink.getvalue() == b""
