"""What one ``decide`` process costs, against ``python -c pass``: CPU time, same run.

    python benchmarks/cold_start.py            # 11 runs of each process, prints a table
    python benchmarks/cold_start.py --runs 21  # more runs
    python benchmarks/cold_start.py --json     # one JSON object on stdout

A portal in another language calls the command once per question, so a process's start-up is
most of what a decision costs it. Three processes are timed, one run of each in turn so that a
busy machine slows them alike, and the median of each is kept:

- ``python -c pass``, the reference;
- the command, ``cantine-rules decide saint-just-d-avray … --json``, as the ``cantine-rules``
  script that pip installs runs it (the same two lines, given to ``python -c``, so that a working
  copy on ``PYTHONPATH`` is measured; ``python -m cantine_rules`` costs a few milliseconds more, for
  ``runpy``);
- the library alone: the same decision and its French explanation, as JSON, without the command
  line (``from cantine_rules.policies import get`` …).

The time is the CPU time (user + system) of the child process, from
``resource.getrusage(RUSAGE_CHILDREN)``. The children run as an installed package does: with
compiled bytecode, written once to a temporary cache by a first untimed run of each process
(``PYTHONPYCACHEPREFIX``), so that neither the measure nor the source tree depends on
``PYTHONDONTWRITEBYTECODE``. They import ``cantine_rules`` from where this interpreter does
(run with ``PYTHONPATH=src`` to measure a working copy).

Not a timed test: ``docs/performance.md`` ("Start-up") says what the figures were.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence

#: The command measured: one booking change decided, as JSON.
DECIDE_ARGUMENTS = (
    "decide",
    "saint-just-d-avray",
    "--service",
    "repas",
    "--day",
    "2024-09-23",
    "--action",
    "add",
    "--at",
    "2024-09-19T16:59:59+02:00",
    "--json",
)

#: What the ``cantine-rules`` script installed by pip runs (``[project.scripts]``).
CONSOLE_SCRIPT = "import sys\nfrom cantine_rules.__main__ import main\nsys.exit(main())\n"

#: What ``decide --json`` imports and does, without the command line.
LIBRARY_DECIDE = """\
import json
from datetime import date, datetime
from cantine_rules.model import BookingChange, ChangeAction, Channel
from cantine_rules.policies import get
from cantine_rules.pricing.tariffs import PricingContext

policy = get("saint-just-d-avray")
change = BookingChange(
    ChangeAction.ADD, "child", "repas", date(2024, 9, 23),
    datetime.fromisoformat("2024-09-19T16:59:59+02:00"), Channel.ONLINE,
)
decision = policy.decide(change, context=PricingContext(None))
print(json.dumps({"status": decision.status.value, "message": decision.explain("fr")}))
"""


def processes() -> dict[str, list[str]]:
    """The processes timed, by name: the reference, the command, the library alone."""
    python = sys.executable
    return {
        "python": [python, "-c", "pass"],
        "cli": [python, "-c", CONSOLE_SCRIPT, *DECIDE_ARGUMENTS],
        "library": [python, "-c", LIBRARY_DECIDE],
    }


def child_environment(cache: str) -> dict[str, str]:
    """This process's environment, with bytecode written to and read from *cache*."""
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = cache
    return environment


def cpu_ms(command: Sequence[str], environment: Mapping[str, str]) -> float:
    """The CPU time (user + system, in ms) of one run of *command*, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used * 1000


def check_answers(environment: Mapping[str, str]) -> None:
    """Run the command and the library's twin once: both must accept the change."""
    for name, command in processes().items():
        if name == "python":
            continue
        done = subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
        status = json.loads(done.stdout)["status"]
        if status != "accepted":
            raise SystemExit(f"{name}: the change should be accepted, got {status!r}")


def measure_cold_start(runs: int) -> dict[str, float]:
    """The median CPU time of each process over *runs* runs, and their ratios to Python's.

    Returns:
        ``python_pass_cpu_ms``, ``cli_decide_cpu_ms``, ``library_decide_cpu_ms`` and
        ``cli_cold_start_vs_python`` (the command's time over ``python -c pass``'s; the
        target is at most 8), ``library_decide_vs_python`` (the library alone), and ``runs``.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="cantine-rules-pycache-") as cache:
        environment = child_environment(cache)
        # Untimed: writes the bytecode, as installing the package does, and checks the answers.
        check_answers(environment)
        commands = processes()
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(cpu_ms(command, environment))
    python, cli, library = (statistics.median(times[name]) for name in commands)
    return {
        "python_pass_cpu_ms": round(python, 2),
        "cli_decide_cpu_ms": round(cli, 2),
        "library_decide_cpu_ms": round(library, 2),
        "cli_cold_start_vs_python": round(cli / python, 2),
        "library_decide_vs_python": round(library / python, 2),
        "runs": runs,
    }


def table(result: Mapping[str, float]) -> str:
    """The result for people, one figure per line."""
    return "\n".join(
        [
            f"median CPU time of {result['runs']} runs each (ms)",
            f"  python -c pass                            {result['python_pass_cpu_ms']:8.1f}",
            f"  cantine-rules decide … --json             {result['cli_decide_cpu_ms']:8.1f}"
            f"   {result['cli_cold_start_vs_python']:5.1f}x  (target <= 8)",
            f"  the same decision, library only           {result['library_decide_cpu_ms']:8.1f}"
            f"   {result['library_decide_vs_python']:5.1f}x",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=11, help="runs of each process (default 11)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    options = parser.parse_args(argv)
    result = measure_cold_start(options.runs)
    print(json.dumps(result) if options.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
