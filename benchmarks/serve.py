"""Decide requests answered through one ``cantine-rules serve --stdio`` process.

The requests are written all at once (pipelined) while the answers are read; every answer is
checked against the one-shot command's JSON (``cantine-rules decide … --json``, run in this
process). The figure is the rate of answered requests once the service has started.

    python benchmarks/serve.py            # 20,000 requests
    python benchmarks/serve.py --quick    # 2,000 requests
    python benchmarks/serve.py --json     # one JSON object on stdout
    python benchmarks/serve.py --requests 500

Not a timed test: timings depend on the machine, so the suite never asserts on them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from typing import Any

from cantine_rules.cli import main as command
from cantine_rules.policies import get, names

#: The throughput the service aims at, in requests answered a second.
TARGET_REQUESTS_PER_S = 10_000
#: How many different requests the stream cycles through; each one's answer is checked.
DISTINCT = 400
SCHOOL_YEAR = (date(2024, 9, 2), date(2025, 7, 4))


def decide_requests(count: int, seed: int = 2024) -> list[dict[str, Any]]:
    """*count* decide requests over the reference communes, their services and a school year."""
    chance = random.Random(seed)
    services = [(slug, service.code) for slug in names() for service in get(slug).services]
    span = (SCHOOL_YEAR[1] - SCHOOL_YEAR[0]).days
    requests = []
    for _ in range(count):
        slug, service = chance.choice(services)
        day = SCHOOL_YEAR[0] + timedelta(days=chance.randrange(span))
        at = datetime.combine(day, datetime.min.time()) - timedelta(
            hours=chance.randrange(1, 24 * 12), minutes=chance.choice((0, 15, 30, 59))
        )
        request: dict[str, Any] = {
            "command": "decide",
            "commune": slug,
            "service": service,
            "day": day.isoformat(),
            "action": chance.choice(("add", "cancel")),
            "at": at.isoformat(timespec="minutes") + chance.choice(("", "+02:00", "+01:00")),
        }
        if chance.random() < 0.2:
            request["channel"] = "office"
        if chance.random() < 0.1:
            request["justified"] = True
        if chance.random() < 0.3:
            request["qf"] = str(chance.randrange(0, 3000))
        requests.append(request)
    return requests


def one_shot(request: dict[str, Any]) -> dict[str, Any]:
    """What ``cantine-rules decide … --json`` prints for *request*, as a service answer."""
    argv = ["decide", request["commune"], "--json"]
    for key, value in request.items():
        if key in ("command", "commune", "id"):
            continue
        argv += [f"--{key}"] if value is True else [f"--{key}", value]
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):
        code = command(argv, stdout=out)
    data = json.loads(out.getvalue())
    if code != 0:
        return {"ok": False, "error": data["error"]}
    return {"ok": True, "result": data}


def measure_serve(requests: int) -> dict[str, float]:
    """Sends *requests* decide requests through one ``serve --stdio`` process.

    Returns ``serve_requests_per_s`` (answers per second, from the first request written to the
    last answer read, the service already started), ``serve_requests``, ``serve_start_ms``
    (from starting the process to its first answer) and, on Linux,
    ``serve_requests_per_cpu_s`` (answers per second of the service's CPU time).
    """
    pool = decide_requests(min(DISTINCT, requests))
    expected = [one_shot(request) for request in pool]
    lines = [
        json.dumps({"id": number, **pool[number % len(pool)]}).encode() + b"\n"
        for number in range(requests)
    ]
    started = time.perf_counter()
    service = subprocess.Popen(
        [sys.executable, "-m", "cantine_rules", "serve", "--stdio"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert service.stdin is not None
    assert service.stdout is not None
    service.stdin.write(b'{"id": "warm", "command": "communes"}\n')
    service.stdin.flush()
    service.stdout.readline()
    start_ms = (time.perf_counter() - started) * 1000

    def write() -> None:
        assert service.stdin is not None
        service.stdin.write(b"".join(lines))
        service.stdin.close()

    writer = threading.Thread(target=write)
    cpu_before = cpu_seconds(service.pid)
    began = time.perf_counter()
    writer.start()
    answers = [service.stdout.readline() for _ in range(requests)]
    seconds = time.perf_counter() - began
    cpu = cpu_seconds(service.pid) - cpu_before
    writer.join()
    service.stdout.close()
    assert service.wait(timeout=60) == 0
    for number, line in enumerate(answers):
        answer = json.loads(line)
        assert answer.pop("id") == number, line
        assert answer == expected[number % len(pool)], (pool[number % len(pool)], answer)
    result = {
        "serve_requests_per_s": round(requests / seconds),
        "serve_requests": requests,
        "serve_start_ms": round(start_ms, 1),
    }
    if cpu > 0:
        # The same per second of the service's own CPU time: what a machine busy with other
        # work does not change.
        result["serve_requests_per_cpu_s"] = round(requests / cpu)
    return result


def cpu_seconds(pid: int) -> float:
    """The CPU time process *pid* has used so far (Linux; 0.0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    # utime and stime, the 14th and 15th fields, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="2,000 requests, for CI")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--requests", type=int, help="how many requests (default 20,000)")
    options = parser.parse_args(argv)
    count = options.requests or (2_000 if options.quick else 20_000)
    result: dict[str, Any] = dict(measure_serve(count))
    result["target_met"] = result["serve_requests_per_s"] >= TARGET_REQUESTS_PER_S
    if options.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['serve_requests']:,} decide requests through serve --stdio: "
            f"{result['serve_requests_per_s']:,} requests/s (target >= {TARGET_REQUESTS_PER_S:,}: "
            f"{'met' if result['target_met'] else 'MISSED'}); first answer after "
            f"{result['serve_start_ms']} ms; "
            f"{result.get('serve_requests_per_cpu_s', 0):,} requests per CPU second"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
