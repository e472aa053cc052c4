"""The command's answers do not depend on Python's string hashing (``PYTHONHASHSEED``).

Sets and frozensets (payment modes, registrations, service days) iterate in an order that
depends on the hash seed of each process; every answer must be written in an order of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))

COMMANDS = [
    ("communes",),
    ("explain", "paris"),
    ("explain", "chantraine", "--lang", "en"),
    ("check", "examples/communes/ma-commune.toml"),
    (
        "planning",
        "alsh-postfacturation",
        "--service",
        "soir",
        "--month",
        "2024-09",
        "--at",
        "2024-09-10T10:00+02:00",
    ),
    *(("bill", str(path.relative_to(ROOT))) for path in SCENARIOS),
]


def answer(seed: str, args: tuple[str, ...]) -> str:
    environment = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run(
        [sys.executable, "-m", "cantine_rules", *args, "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=environment,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_an_answer_is_the_same_whatever_the_hash_seed(args: tuple[str, ...]) -> None:
    assert answer("1", args) == answer("2", args) == answer("12345", args)
