"""A month for many communes and families: one process against a local Dask cluster of two.

    python benchmarks/scale.py                  # 7 communes x 2,000 families, prints the figures
    python benchmarks/scale.py --families 200   # smaller

The same ``MonthOfWork`` is billed by ``bill_month`` in this process, then on a ``LocalCluster``
of two worker processes of one thread each, twice:

- **placed**: ``ship`` places the partitions on the workers before the clock starts (as when
  each worker reads its own partitions from storage); the clock times ``bill_shipped``, the
  billing and the totals' way back. This is ``dask_speedup_2_workers``.
- **shipped**: the clock times ``bill_on_dask`` from the ``MonthOfWork`` in this process:
  cutting, pickling and sending the data, billing, totals
  (``dask_speedup_2_workers_shipped``).

The cluster's start-up and one small warm-up month (the workers import the library and unpickle
the policies) are left out of both. The results must equal this process's to the cent. Also
measured: the CPU time of this process and of each worker over each run, the speed-up the CPU
times allow on two free cores, the load average of the machine before and after each run (other
processes share its cores), and the peak memory of one partition of known size, read from its
pickle and billed (tracemalloc, in this process).
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import pickle
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cantine_rules import policies
from cantine_rules.plain import load_toml
from cantine_rules.policies import CommunePolicy
from cantine_rules.scale import (
    MonthOfWork,
    MonthTotals,
    bill_month,
    bill_on_dask,
    bill_partition,
    bill_shipped,
    partitions,
    ship,
)
from cantine_rules.testing import month_of_work

ROOT = Path(__file__).resolve().parent.parent
#: Example communes whose tariffs run through the benchmark's month, besides the reference ones.
EXAMPLES = ("le-rove", "vailhauques")
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


def _cpu_bound(single_cpu: float, workers: list[float], client: float, cores: int = 2) -> float:
    """The speed-up the CPU times allow on *cores* free cores: the wall time can be no less than
    the busiest worker's CPU time, nor than all the CPU time (client included) spread evenly."""
    return round(single_cpu / max(max(workers), (sum(workers) + client) / cores), 2)


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def measure_scale(families: int, seed: int = 2024, workers: int = 2) -> dict[str, Any]:
    """Bill the same month here and on a local cluster; the figures and the speed-ups."""
    from distributed import Client, LocalCluster, wait

    work = month_of_work(communes(), families, seed=seed)
    gc.collect()
    load_single = _load()
    started, cpu = time.perf_counter(), time.process_time()
    here = bill_month(work)
    single, single_cpu = time.perf_counter() - started, time.process_time() - cpu
    figures: dict[str, Any] = {
        "scale_communes": len(work.policies),
        "scale_families": len(work.scenarios),
        "scale_lines": here.lines,
        "scale_invoiced": str(here.invoiced.amount),
        "scale_workers": workers,
        "scale_single_s": round(single, 3),
        "scale_single_cpu_s": round(single_cpu, 3),
        "scale_single_load": [load_single, _load()],
        "scale_families_per_s_single": round(len(work.scenarios) / single),
        "scale_lines_per_s_single": round(here.lines / single),
    }
    equal = True
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
        # Warm-up, left out of the timing: each worker imports the library, unpickles the
        # communes' policies and builds their tables.
        bill_on_dask(client, month_of_work(communes(), 20, seed=seed + 1), max_families=5)

        def run(name: str, bill: Callable[[], MonthTotals]) -> None:
            nonlocal equal
            gc.collect()
            load = _load()
            before, client_cpu = client.run(_cpu_seconds), _cpu_seconds()
            started = time.perf_counter()
            totals = bill()
            wall = time.perf_counter() - started
            after, client_cpu = client.run(_cpu_seconds), _cpu_seconds() - client_cpu
            # The CPU time each worker process spent on the month, and this process's (the
            # client and, in a LocalCluster, the scheduler).
            spent = sorted(round(after[worker] - before[worker], 3) for worker in after)
            equal = equal and totals == here
            figures.update(
                {
                    f"scale_cluster{name}_s": round(wall, 3),
                    f"scale_worker{name}_cpu_s": spent,
                    f"scale_client{name}_cpu_s": round(client_cpu, 3),
                    f"scale_cluster{name}_load": [load, _load()],
                    f"dask_speedup_2_workers{name}": round(single / wall, 2),
                    f"dask_speedup_2_workers{name}_cpu_bound": _cpu_bound(
                        single_cpu, spent, client_cpu
                    ),
                }
            )

        month = ship(client, work)
        # Placed before the clock: the families wait on the workers, as if read there.
        wait([part.scenarios for part in month.partitions])  # type: ignore[no-untyped-call]
        run("", functools.partial(bill_shipped, client, month))
        figures["scale_partitions"] = len(month.partitions)
        figures["scale_partition_families"] = [
            min(part.families for part in month.partitions),
            max(part.families for part in month.partitions),
        ]
        del month
        run("_shipped", functools.partial(bill_on_dask, client, work))
    if not equal:
        raise AssertionError("the cluster's totals differ from this process's")
    parts = partitions(work, max_families=figures["scale_partition_families"][1])
    figures["scale_shipped_mb"] = round(
        sum(len(pickle.dumps(part.scenarios, protocol=pickle.HIGHEST_PROTOCOL)) for part in parts)
        / 1e6,
        2,
    )
    figures["scale_totals_equal"] = equal
    # The highest of the loads above, for the summary of benchmarks/run.py.
    figures["load_average_1min"] = max(
        load for key, loads in figures.items() if key.endswith("_load") for load in loads
    )
    figures["cpu_count"] = os.cpu_count()
    return figures | partition_memory(work, MEMORY_FAMILIES)


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
            print(f"{key:<42} {value}")
    return 0 if result["scale_totals_equal"] else 1


if __name__ == "__main__":
    sys.exit(main())
