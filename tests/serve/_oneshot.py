"""The one-shot command's answer to a service request, and a generator of mixed requests.

A request stands for a command line (docs/service.md): its keys are the options without their
dashes, ``commune``, ``scenario`` and ``policy`` the positional argument. The command line is
written here from that rule, not from the service's code, so the two are checked one against
the other.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cantine_rules.cli import main
from cantine_rules.policies import get, names
from cantine_rules.schemas import names as schema_names

ROOT = Path(__file__).resolve().parents[2]
MA_COMMUNE = ROOT / "examples" / "communes" / "ma-commune.toml"
SCENARIOS = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))
POSITIONAL = ("commune", "scenario", "policy", "name")
#: The positional arguments of the commands that have more than one, in their order.
POSITIONALS = {"examples": ("action", "name", "dest")}
COMMANDS = (
    "bill",
    "calendar",
    "check",
    "communes",
    "decide",
    "examples",
    "explain",
    "planning",
    "price",
    "schema",
)


def command_line(request: dict[str, Any]) -> list[str]:
    """The arguments of ``cantine-rules`` that *request* stands for, with ``--json``."""
    words = [request["command"]]
    places = POSITIONALS.get(request["command"], POSITIONAL)
    positional = [request[key] for key in places if request.get(key) is not None]
    for key, value in request.items():
        if key in ("id", "command") or value is None or value is False or key in places:
            continue
        if value is True:
            words.append("--" + key.replace("_", "-"))
        else:
            words.append("--" + key.replace("_", "-") + "=" + value)
    return [*words, "--json", *(["--", *positional] if positional else [])]


def as_answer(code: int, printed: str) -> dict[str, Any]:
    """What the command printed with ``--json``, as the service's answer (without ``id``)."""
    data = json.loads(printed)
    if code != 0 and set(data) == {"error"}:
        return {"ok": False, "error": data["error"]}
    return {"ok": code == 0, "result": data}


_KNOWN: dict[tuple[str, ...], dict[str, Any]] = {}


def one_shot(request: dict[str, Any]) -> dict[str, Any]:
    """The command's answer to *request*, run in this process (each command line once)."""
    argv = tuple(command_line(request))
    if argv not in _KNOWN:
        out = io.StringIO()
        with contextlib.redirect_stderr(io.StringIO()):
            code = main(list(argv), stdout=out)
        _KNOWN[argv] = as_answer(code, out.getvalue())
    return _KNOWN[argv]


def one_shot_process(request: dict[str, Any]) -> dict[str, Any]:
    """The command's answer to *request*, run as its own process, as a portal would."""
    done = subprocess.run(
        [sys.executable, "-m", "cantine_rules", *command_line(request)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=60,
    )
    assert "Traceback" not in done.stderr
    return as_answer(done.returncode, done.stdout)


def _service_of(chance: random.Random) -> tuple[str, str]:
    if chance.random() < 0.2:
        return str(MA_COMMUNE), chance.choice(("repas", "soir"))
    slug = chance.choice(names())
    return slug, chance.choice([service.code for service in get(slug).services])


DAYS = [date(2024, 9, 2) + timedelta(days=offset) for offset in range(0, 300, 11)]


def _day(chance: random.Random) -> date:
    return chance.choice(DAYS)


def _instant(chance: random.Random, day: date) -> str:
    moment = f"{day - timedelta(days=chance.choice((0, 1, 3, 8)))}T{chance.choice((9, 17)):02}:00"
    return moment + chance.choice(("", "+02:00", "Z"))


def good_request(chance: random.Random, bad_check: Path) -> dict[str, Any]:
    """A request of a random command, with valid options, or one value wrong at random."""
    # decide three times as often: portals ask it most.
    command = chance.choice([*COMMANDS, "decide", "decide"])
    commune, service = _service_of(chance)
    day = _day(chance)
    request: dict[str, Any] = {"command": command}
    if command == "explain":
        request |= {"commune": commune, "lang": chance.choice(("fr", "en", None))}
    elif command == "calendar":
        end = day + timedelta(days=chance.randrange(-2, 20))
        request |= {"commune": commune, "from": str(day), "to": str(end)}
    elif command == "decide":
        request |= {
            "commune": commune,
            "service": service,
            "day": str(day),
            "action": chance.choice(("add", "cancel")),
            "at": _instant(chance, day),
            "channel": chance.choice(("online", "office", None)),
            "justified": chance.choice((True, False, None)),
            "qf": chance.choice((None, "0", "812", "1400.50")),
            "lang": chance.choice(("fr", "en", None)),
        }
    elif command == "planning":
        request |= {
            "commune": commune,
            "service": service,
            "month": f"{day:%Y-%m}",
            "at": _instant(chance, day),
        }
    elif command == "price":
        request |= {"commune": commune, "service": service, "qf": chance.choice(("235", None))}
        request["day"] = str(day)
    elif command == "bill":
        request |= {"scenario": str(chance.choice(SCENARIOS)), "lang": chance.choice(("en", None))}
    elif command == "check":
        request["policy"] = str(chance.choice((MA_COMMUNE, bad_check)))
        request["cost"] = chance.choice((None, "3.50", "abc"))
    elif command == "schema":
        request["name"] = chance.choice((*schema_names(), "invoice"))
    elif command == "examples":
        request["action"] = "list"
    if chance.random() < 0.25 and len(request) > 1:
        # One value made wrong: the command's own error is the answer.
        key = chance.choice(sorted(set(request) - {"command"}))
        request[key] = chance.choice(
            ("2024-13-45", "nowhere", "-1", "maybe", "", "missing.toml", "tomorrow", "x" * 40)
        )
        if key in ("justified",):
            request[key] = True
    if chance.random() < 0.05 and len(request) > 2:
        del request[chance.choice(sorted(set(request) - {"command"}))]  # a missing option
    return {key: value for key, value in request.items() if value is not None}
