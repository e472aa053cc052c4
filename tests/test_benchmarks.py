"""The benchmark script runs and reports every figure; its timings are never asserted on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"

FIGURES = {
    "decisions_per_s": int,
    "decide_many_without_table_per_s": int,
    "decide_per_s": int,
    "decide_cold_per_s": int,
    "columnar_per_s": int,
    "columnar_from_changes_per_s": int,
    "change_columns_of_per_s": int,
    "change_columns_checked_per_s": int,
    "workalendar_loop_per_s": int,
    "decide_many_vs_workalendar": float,
    "decide_vs_workalendar": float,
    "columnar_vs_workalendar": float,
    "columnar_from_changes_vs_workalendar": float,
    "period_service_days_per_s": int,
    "period_answers_shared_per_s": int,
    "period_workalendar_shared_per_s": int,
    "period_shared_vs_workalendar": float,
    "workdays_vs_workalendar": float,
    "workdays_many_per_s": int,
    "workdays_many_vs_workalendar": float,
    "planning_year_ms": float,
    "planning_year_cold_ms": float,
    "planning_year_without_table_ms": float,
    "window_table_year_ms": float,
    "invoice_lines_per_s": int,
    "invoice_from_bookings_lines_per_s": int,
    "invoice_plain_loop_lines_per_s": int,
    "invoice_vs_plain_loop": float,
    "invoice_memory_mb_per_100k": float,
    # --scale 1000: the same month for a commune of 1,000 children.
    "invoice_lines_per_s_1k": int,
    "invoice_lines_per_s_around_1k": int,
    "invoice_1k_vs_10k": float,
    "invoice_memory_mb_per_100k_1k": float,
    "peak_mb_year_bookings": float,
    "peak_mb_year_bookings_as_tuple": float,
    "serve_requests_per_s": int,
    "cli_cold_start_vs_python": float,
    "cli_decide_cpu_ms": float,
    "python_pass_cpu_ms": float,
}
COUNTS = (
    "children",
    "decide_many_changes",
    "period_answers_shared",
    "period_service_days",
    "workalendar_loop_sample",
    "workdays_calls",
    "planning_cells",
    "invoice_lines",
    "invoice_lines_1k",
    "booked_days",
    "serve_requests",
)


def test_quick_profile_prints_every_figure_as_json() -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--json", "--scale", "1000"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["profile"] == "quick"
    for name, kind in FIGURES.items():
        value = result[name]
        assert isinstance(value, int | float), name
        assert not isinstance(value, bool), name
        assert value >= 0, name
        if kind is int:
            assert isinstance(value, int), name
    for name in COUNTS:
        assert isinstance(result[name], int), name
        assert result[name] > 0, name
    for name in (
        "workalendar_loop_mismatches",
        "period_workalendar_mismatches",
        "workdays_mismatches",
    ):
        assert result[name] == 0, name
    assert result["invoice_matches_reference"] is True
    assert set(result["targets_met"]) == {
        "decide_many_vs_workalendar",
        "decide_vs_workalendar",
        "columnar_vs_workalendar",
        "workdays_vs_workalendar",
        "planning_year_ms",
        "planning_year_cold_ms",
        "invoice_lines_per_s",
        "invoice_memory_mb_per_100k",
        "peak_mb_year_bookings",
        "serve_requests_per_s",
        "cli_cold_start_vs_python",
    }
    assert all(isinstance(met, bool) for met in result["targets_met"].values())
    # Decisions are counted one per change; answers shared between children are only counted
    # apart, under their own name.
    assert result["decide_many_changes"] == result["workalendar_loop_sample"]
    assert "decisions" not in result
