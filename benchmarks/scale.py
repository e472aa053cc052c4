"""A month for many communes and families: one process against a local Dask cluster of two.

    python benchmarks/scale.py                  # 7 communes x 2,000 families, prints the figures
    python benchmarks/scale.py --families 200   # smaller

The same ``MonthOfWork`` is billed by ``bill_month`` in this process, then by ``bill_on_dask`` on
a ``LocalCluster`` of two worker processes of one thread each. The cluster's start-up and one
small warm-up month (the workers import the library) are left out of the timing; the partitions
are **shipped** from this process to the workers inside the timing (pickled policies and
scenarios), and only their totals come back. The two results must be equal to the cent.

Also measured: the peak memory of one partition of known size, read from its pickle and billed
(tracemalloc, in this process), and the load average of the machine, since other processes share
its cores.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from cantine_rules import policies
from cantine_rules.plain import load_toml
from cantine_rules.policies import CommunePolicy
from cantine_rules.scale import MonthOfWork, bill_month, bill_on_dask, bill_partition, partitions
from cantine_rules.testing import month_of_work

ROOT = Path(__file__).resolve().parent.parent
#: Example communes whose tariffs run through the benchmark's month, besides the reference ones.
EXAMPLES = ("le-rove", "vailhauques")
MAX_FAMILIES = 500
MEMORY_FAMILIES = 500


def communes() -> tuple[CommunePolicy, ...]:
    return (
        *(policies.get(slug) for slug in policies.names()),
        *(load_toml(ROOT / "examples" / "communes" / f"{name}.toml") for name in EXAMPLES),
    )


def partition_memory(work: MonthOfWork, families: int) -> dict[str, Any]:
    """The peak memory of a worker's partition of *families* families: read from its pickle,
    then billed (tracemalloc, in this process)."""
    first = partitions(work, max_families=10**9)[0]
    part = partitions(MonthOfWork((first.policy,), first.scenarios[:families]), max_families=10**9)[
        0
    ]
    shipped = pickle.dumps(part)
    gc.collect()
    tracemalloc.start()
    try:
        arrived = pickle.loads(shipped)
        _current, loaded = tracemalloc.get_traced_memory()
        totals = bill_partition(arrived)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {
        "partition_memory_commune": part.commune,
        "partition_memory_families": len(part.scenarios),
        "partition_memory_lines": totals.lines,
        "partition_loaded_mb": round(loaded / 1e6, 2),
        "partition_peak_mb": round(peak / 1e6, 2),
        "partition_pickle_kb": round(len(shipped) / 1e3, 1),
    }


def _cpu_seconds() -> float:
    """The CPU time of the process it runs in (user and system), in seconds."""
    times = os.times()
    return times.user + times.system


def measure_scale(families: int, seed: int = 2024, workers: int = 2) -> dict[str, Any]:
    """Bill the same month here and on a local cluster; the figures and the speed-up."""
    from distributed import Client, LocalCluster

    work = month_of_work(communes(), families, seed=seed)
    parts = partitions(work, max_families=MAX_FAMILIES)
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    here = bill_month(work, max_families=MAX_FAMILIES)
    single, single_cpu = time.perf_counter() - started, time.process_time() - cpu
    load_before = os.getloadavg()
    with (
        LocalCluster(  # type: ignore[no-untyped-call]  # distributed leaves it untyped
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            # The scheduler serves HTTP (health, metrics) even without the dashboard: on a free
            # port, so that another cluster on this machine cannot stop this one starting.
            dashboard_address=":0",
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        # Warm-up, left out of the timing: each worker imports the library and builds its tables.
        bill_on_dask(client, month_of_work(communes(), 20, seed=seed + 1), max_families=5)
        before = client.run(_cpu_seconds)
        started = time.perf_counter()
        there = bill_on_dask(client, work, max_families=MAX_FAMILIES)
        clustered = time.perf_counter() - started
        after = client.run(_cpu_seconds)
    # The CPU time each worker process spent on the month: with cores of their own, the wall
    # time would approach the larger of the two.
    worker_cpu = sorted(round(after[name] - before[name], 3) for name in after)
    if there != here:
        raise AssertionError("the cluster's totals differ from this process's")
    return {
        "scale_communes": len(work.policies),
        "scale_families": len(work.scenarios),
        "scale_lines": here.lines,
        "scale_invoiced": str(here.invoiced.amount),
        "scale_partitions": len(parts),
        "scale_max_families": MAX_FAMILIES,
        "scale_workers": workers,
        "scale_single_s": round(single, 3),
        "scale_single_cpu_s": round(single_cpu, 3),
        "scale_cluster_s": round(clustered, 3),
        "scale_worker_cpu_s": worker_cpu,
        "scale_families_per_s_single": round(len(work.scenarios) / single),
        "scale_lines_per_s_single": round(here.lines / single),
        "scale_shipped_mb": round(sum(len(pickle.dumps(part)) for part in parts) / 1e6, 2),
        "scale_totals_equal": there == here,
        "dask_speedup_2_workers": round(single / clustered, 2),
        "load_average_1min": round(max(load_before[0], os.getloadavg()[0]), 2),
        "cpu_count": os.cpu_count(),
    } | partition_memory(work, MEMORY_FAMILIES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--families", type=int, default=2_000, help="families per commune")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    options = parser.parse_args(argv)
    result = measure_scale(options.families, options.seed)
    if options.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:<32} {value}")
    return 0 if result["scale_totals_equal"] else 1


if __name__ == "__main__":
    sys.exit(main())
