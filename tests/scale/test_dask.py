"""A month billed on a real Dask cluster of two worker processes equals the month billed here."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cantine_rules import policies
from cantine_rules.plain import load_toml
from cantine_rules.scale import bill_month, bill_on_dask, bill_shipped, partitions, ship
from cantine_rules.testing import month_of_work

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install 'cantine-rules[dask]'"
)

ROOT = Path(__file__).resolve().parents[2]
# The reference communes, and example communes whose tariffs run through October 2024.
EXAMPLES = ("le-rove", "vailhauques")
COMMUNES = (
    *(policies.get(slug) for slug in policies.names()),
    *(load_toml(ROOT / "examples" / "communes" / f"{name}.toml") for name in EXAMPLES),
)
WORK = month_of_work(COMMUNES, 40, seed=7)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            # The scheduler serves HTTP (health, metrics) even without the dashboard: on a free
            # port, so that another cluster on this machine cannot stop this one starting.
            dashboard_address=":0",
            silence_logs=40,
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def test_the_cluster_has_two_worker_processes(client: Any) -> None:
    workers = client.scheduler_info()["workers"]
    assert len(workers) == 2
    pids = client.run(lambda: __import__("os").getpid())
    assert len(set(pids.values())) == 2


def test_a_month_on_the_cluster_equals_the_month_here_to_the_cent(client: Any) -> None:
    here = bill_month(WORK)
    # Small partitions, so that each commune is cut by family hash and both workers bill.
    assert len(partitions(WORK, max_families=15)) > 2 * len(COMMUNES)
    there = bill_on_dask(client, WORK, max_families=15)
    assert there == here
    assert there.invoiced == here.invoiced
    assert len(there.families) == len(WORK.scenarios)
    assert there.lines > 0


def test_both_worker_processes_bill_partitions_with_one_warm_policy_a_commune(
    client: Any,
) -> None:
    month = ship(client, WORK, max_families=10)
    distributed.wait([part.scenarios for part in month.partitions])
    holders = {
        worker
        for held in client.who_has([part.scenarios for part in month.partitions]).values()
        for worker in held
    }
    assert len(holders) == 2
    assert bill_shipped(client, month) == bill_month(WORK)
    # Each worker keeps one unpickled policy a commune, however many partitions it billed.
    assert len(month.partitions) > 3 * len(COMMUNES)
    held = client.run(lambda: len(__import__("cantine_rules.scale").scale._WARM_POLICIES))
    assert all(0 < count <= len(COMMUNES) for count in held.values())


def test_without_distributed_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ImportError, match=r"cantine-rules\[dask\]"):
        bill_on_dask(object(), WORK)  # type: ignore[arg-type]


def test_the_scale_benchmark_reports_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--families", "20", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["scale_totals_equal"] is True
    assert result["scale_families"] == 20 * 7
    assert result["scale_workers"] == 2
    for name in (
        "dask_speedup_2_workers",
        "dask_speedup_2_workers_cpu_bound",
        "dask_speedup_2_workers_shipped",
        "scale_single_s",
        "scale_cluster_s",
        "scale_cluster_shipped_s",
    ):
        assert isinstance(result[name], float), name
        assert result[name] > 0, name
    assert len(result["scale_worker_cpu_s"]) == 2
    assert len(result["scale_cluster_load"]) == 2
    assert result["partition_memory_families"] == 20
    assert result["partition_peak_mb"] > 0
