"""Fuzzing the service's requests: an answer each, bad input at worst, never an internal error."""

from __future__ import annotations

import json
import resource
import time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules.plain import load_toml
from cantine_rules.policies import get, names
from cantine_rules.serve import Service
from cantine_rules.serve._service import encode
from tests.serve._oneshot import MA_COMMUNE, SCENARIOS

SERVICE = Service()
#: The options of each command (docs/service.md), to reach the commands themselves.
OPTIONS = {
    "communes": ("lang",),
    "explain": ("commune", "lang"),
    "calendar": ("commune", "from", "to", "lang"),
    "decide": ("commune", "service", "day", "action", "at", "channel", "justified", "qf"),
    "planning": ("commune", "service", "month", "at", "lang"),
    "price": ("commune", "service", "qf", "day", "lang"),
    "bill": ("scenario", "lang"),
    "check": ("policy", "cost", "lang"),
    "examples": ("action", "name", "dest", "force", "lang"),
}
DAYS = ["2024-09-19", "2024-09-23", "2024-03-31", "2025-03-20", "0001-01-01", "9999-12-31"]
INSTANTS = ["2024-09-19T17:00", "2024-03-31T02:30", "2024-10-27T02:30+01:00", "2024-09-19T17:00Z"]
INSTANTS += ["0001-01-01T00:00", "9999-12-31T23:59", "9999-12-31T23:59-14:00"]
NUMBERS = ["0", "812", "1400.50", "-1", "1e30", "1e12", "999999999999.99", "NaN", "1e-30", "0e9"]
#: Values meant for each option, so that most requests reach the rules.
LIKELY = {
    "lang": ["fr", "en"],
    "commune": [*names(), str(MA_COMMUNE)],
    "service": ["repas", "etude", "garderie-soir", "cantine", "vacances", "mercredi", "soir"],
    "day": DAYS,
    "from": DAYS,
    "to": DAYS,
    "at": INSTANTS,
    "month": ["2024-09", "2024-03", "0001-01", "9999-12"],
    "channel": ["online", "office"],
    "qf": NUMBERS,
    "cost": NUMBERS,
    "scenario": [str(path) for path in SCENARIOS],
    "policy": [str(MA_COMMUNE)],
    # The service lists the examples and refuses to copy one (it writes no file).
    "action": ["add", "cancel", "list", "copy"],
    "name": ["scenarios/paris.toml", "communes/ma-commune.toml", "paris"],
    "dest": ["copied.toml", "/tmp"],
}

#: Keys of requests: every option, and keys no command takes.
KEYS = st.sampled_from(
    sorted({key for keys in OPTIONS.values() for key in keys} | {"id", "command", "json", "stdio"})
)
#: Words of every kind, in any place: commands, values of other options, odd numbers and paths.
WORDS = st.sampled_from(
    sorted(
        {value for values in LIKELY.values() for value in values}
        | {*OPTIONS, "serve", "1e999", "NaN", "--", "-x", "été", "missing.toml", "./", "a/b"}
        | {"", " ", "x" * 300}
    )
)
SCALARS = WORDS | st.text(max_size=10) | st.integers() | st.floats() | st.booleans() | st.none()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
REQUESTS = st.dictionaries(KEYS | st.text(max_size=5), VALUES, max_size=9)
BASELINE_KB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def answered(text: bytes) -> dict[str, Any]:
    started = time.monotonic()
    answer, code = SERVICE.answer_bytes(text)
    assert time.monotonic() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - BASELINE_KB < 500_000
    assert code in (0, 2), answer
    line = encode(answer)
    assert line.count(b"\n") == 1
    assert json.loads(line) == answer
    if not answer["ok"] and "error" in answer:
        assert answer["error"]["kind"] != "InternalError", answer
    return answer


@settings(max_examples=400, deadline=None)
@given(REQUESTS)
def test_request_objects_never_crash_the_service(request: dict[str, Any]) -> None:
    answer = answered(json.dumps(request).encode())
    ident = request.get("id")
    if isinstance(ident, str | int) and not isinstance(ident, bool):
        assert answer["id"] == ident
    else:
        assert answer["id"] is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_line_is_answered(text: bytes) -> None:
    answered(text)


#: The services each commune runs.
RUNS = {slug: [service.code for service in get(slug).services] for slug in names()}
RUNS[str(MA_COMMUNE)] = [service.code for service in load_toml(MA_COMMUNE).services]


@st.composite
def commands(draw: st.DrawFn) -> dict[str, Any]:
    command = draw(st.sampled_from(sorted(OPTIONS)))
    request: dict[str, Any] = {"id": draw(st.integers(0, 10**6)), "command": command}
    for key in OPTIONS[command]:
        if key in ("justified", "force"):
            request[key] = draw(st.booleans())
        elif key == "service" and request.get("commune") in RUNS:
            # A service the commune runs, most of the time.
            request[key] = draw(st.sampled_from(RUNS[request["commune"]] + ["piscine"]))
        elif draw(st.integers(0, 9)) < 8:
            request[key] = draw(st.sampled_from(LIKELY[key]))
        elif draw(st.booleans()):
            request[key] = draw(WORDS | st.text(max_size=6))
    return request


@settings(max_examples=400, deadline=None)
@given(commands())
def test_commands_with_any_values_answer_or_refuse(request: dict[str, Any]) -> None:
    answer = answered(json.dumps(request).encode())
    assert answer["id"] == request["id"]
