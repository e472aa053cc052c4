"""The service's benchmark runs, checks every answer and reports its figures; never timed here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "serve.py"


def test_the_benchmark_reports_the_rate_of_checked_answers() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--requests", "500", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    # A wrong answer fails the script's own checks (exit code 1).
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["serve_requests"] == 500
    assert isinstance(result["serve_requests_per_s"], int)
    assert result["serve_requests_per_s"] > 0
    assert result["serve_start_ms"] > 0
    assert isinstance(result["target_met"], bool)
