"""How a month is shipped to a cluster: policies once per worker, partitions sized to the threads.

A client that runs every task here stands for the cluster, so that what is unpickled and how
often can be seen; `test_dask.py` runs the same code on a real cluster.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

from cantine_rules import InvalidTypeError, policies
from cantine_rules import scale as scale_module
from cantine_rules.policies import CommunePolicy
from cantine_rules.scale import (
    DEFAULT_MAX_FAMILIES,
    PARTITIONS_PER_THREAD,
    Partition,
    bill_month,
    bill_on_dask,
    bill_shipped,
    partitions,
    ship,
)
from cantine_rules.testing import month_of_work

pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install 'cantine-rules[dask]'"
)

POLICIES = tuple(policies.get(slug) for slug in policies.names())
WORK = month_of_work(POLICIES, 25, seed=3)


class HereClient:
    """A client whose workers are this process: it runs each task at once, in order."""

    def __init__(self, threads: int) -> None:
        self.threads = threads
        self.scattered: list[Any] = []

    def map(self, func: Callable[..., Any], *iterables: Sequence[Any], **kwargs: Any) -> Any:
        assert kwargs == {"pure": False}
        return [func(*arguments) for arguments in zip(*iterables, strict=True)]

    def gather(self, futures: Any) -> Any:
        return list(futures)

    def scatter(self, data: Any, **kwargs: Any) -> Any:
        self.scattered.append((data, kwargs))
        return list(data)

    def nthreads(self) -> Mapping[str, int]:
        return {f"worker-{number}": 1 for number in range(self.threads)}


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that has unpickled no policy yet."""
    monkeypatch.setattr(scale_module, "_WARM_POLICIES", scale_module._WarmPolicies(64))


@pytest.mark.usefixtures("cold")
def test_each_policy_is_unpickled_once_and_serves_all_its_partitions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = bill_month(WORK)
    billed: dict[str, set[int]] = {}
    bill_partition = scale_module.bill_partition

    def recording(partition: Partition) -> Any:
        billed.setdefault(partition.commune, set()).add(id(partition.policy))
        # A copy that came through a pickle, not this process's policy.
        assert all(partition.policy is not policy for policy in POLICIES)
        return bill_partition(partition)

    monkeypatch.setattr(scale_module, "bill_partition", recording)
    client = HereClient(threads=2)
    totals = bill_on_dask(client, WORK, max_families=4)
    assert totals == here
    # Six or seven partitions a commune, one unpickled policy for all of them.
    cut = partitions(WORK, max_families=4)
    assert len(cut) > 6 * len(POLICIES)
    assert {slug: len(ids) for slug, ids in billed.items()} == {p.slug: 1 for p in POLICIES}
    assert len(scale_module._WARM_POLICIES) == len(POLICIES)
    # The policies went out once each, to every worker; the families once per partition.
    (sent_policies, how), (sent_families, _how) = client.scattered
    assert how == {"broadcast": True, "hash": False}
    assert len(sent_policies) == len(POLICIES)
    assert all(isinstance(blob, bytes) for blob in (*sent_policies, *sent_families))
    assert len(sent_families) == len(cut)


def test_partitions_are_sized_to_the_threads_largest_first() -> None:
    month = ship(HereClient(threads=2), WORK)
    # 125 families on 2 threads: at most 16 families a partition, so each commune in two.
    wanted = 2 * PARTITIONS_PER_THREAD
    assert [part.families for part in month.partitions] == sorted(
        (len(part.scenarios) for part in partitions(WORK, max_families=-(-125 // wanted))),
        reverse=True,
    )
    assert {part.parts for part in month.partitions} == {2}
    assert sum(part.families for part in month.partitions) == len(WORK.scenarios)
    # Many threads never cut below one family a part, few never above the default size.
    assert {part.parts for part in ship(HereClient(threads=500), WORK).partitions} == {25}
    assert (
        ship(HereClient(threads=1), WORK, max_families=DEFAULT_MAX_FAMILIES).partitions[0].families
        == 25
    )
    assert bill_shipped(HereClient(threads=2), month) == bill_month(WORK)


def test_an_empty_month_ships_nothing() -> None:
    client = HereClient(threads=2)
    empty = ship(client, month_of_work(POLICIES, 0))
    assert empty.partitions == ()
    assert client.scattered == []
    assert bill_shipped(client, empty) == bill_on_dask(client, month_of_work(POLICIES, 0))


def test_the_warm_policies_keep_the_most_recent_and_refuse_a_stranger() -> None:
    warm = scale_module._WarmPolicies(2)
    blobs = [pickle.dumps(policy) for policy in POLICIES[:3]]
    first = warm.get("a", blobs[0])
    assert isinstance(first, CommunePolicy)
    assert first == POLICIES[0]
    assert first is not POLICIES[0]
    assert warm.get("a", blobs[0]) is first
    warm.get("b", blobs[1])
    warm.get("a", blobs[0])  # a is now the most recent: b goes first
    warm.get("c", blobs[2])
    assert len(warm) == 2
    assert warm.get("a", blobs[0]) is first
    assert warm.get("b", blobs[1]) is not None  # unpickled again
    with pytest.raises(InvalidTypeError, match="policy"):
        warm.get("d", pickle.dumps("not a policy"))
