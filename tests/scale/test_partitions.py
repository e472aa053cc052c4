"""Cutting a month into partitions, billing them and adding their totals up (no cluster)."""

from __future__ import annotations

import math
import os
import pickle
import subprocess
import sys
from collections import Counter

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import InvalidValueError, Money, UnknownCommuneError, policies
from cantine_rules.billing import bill
from cantine_rules.scale import (
    MonthOfWork,
    MonthTotals,
    bill_month,
    bill_partition,
    combine,
    family_part,
    partitions,
)
from cantine_rules.testing import month_of_work

POLICIES = tuple(policies.get(slug) for slug in policies.names())
WORK = month_of_work(POLICIES, 25, seed=1)


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=40))
def test_partitions_are_a_partition_whatever_the_order_of_the_work(
    random: st.SearchStrategy[object], max_families: int
) -> None:
    shuffled = list(WORK.scenarios)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    policies_shuffled = list(WORK.policies)
    random.shuffle(policies_shuffled)  # type: ignore[attr-defined]
    cut = partitions(MonthOfWork(policies_shuffled, shuffled), max_families=max_families)
    # The same partitions as the work in its first order.
    assert cut == partitions(WORK, max_families=max_families)
    # Each family exactly once, in a partition of its own commune.
    seen = Counter((part.commune, s.family_id) for part in cut for s in part.scenarios)
    assert seen == Counter((s.commune, s.family_id) for s in WORK.scenarios)
    assert set(seen.values()) == {1}
    for part in cut:
        assert part.parts == math.ceil(25 / max_families)
        assert [s.family_id for s in part.scenarios] == sorted(s.family_id for s in part.scenarios)
        assert all(family_part(s.family_id, part.parts) == part.part for s in part.scenarios)


def test_a_commune_is_cut_by_family_hash_only_above_the_size() -> None:
    assert [p.commune for p in partitions(WORK, max_families=25)] == sorted(policies.names())
    parts = [p for p in partitions(WORK, max_families=10) if p.commune == "paris"]
    assert {p.parts for p in parts} == {3}
    assert sum(len(p.scenarios) for p in parts) == 25


_CUT_IN_A_PROCESS = """
from cantine_rules import policies
from cantine_rules.scale import partitions
from cantine_rules.testing import month_of_work
work = month_of_work([policies.get(slug) for slug in policies.names()], 25, seed=1)
for part in partitions(work, max_families=4):
    print(part.commune, part.part, *(s.family_id for s in part.scenarios))
"""


def test_partitions_do_not_depend_on_the_process() -> None:
    # CRC-32 of the id, not hash(): the same cut under any PYTHONHASHSEED, and as here.
    here = "".join(
        " ".join([part.commune, str(part.part), *(s.family_id for s in part.scenarios)]) + "\n"
        for part in partitions(WORK, max_families=4)
    )
    for seed in ("1", "4242"):
        done = subprocess.run(
            [sys.executable, "-c", _CUT_IN_A_PROCESS],
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ, PYTHONHASHSEED=seed),
            timeout=120,
        )
        assert done.stdout == here


def test_totals_are_the_bills_added_up() -> None:
    totals = bill_month(WORK, max_families=10)
    assert len(totals.families) == len(WORK.scenarios)
    for commune in totals.communes:
        scenarios = [s for s in WORK.scenarios if s.commune == commune.commune]
        results = [bill(s, policy=policies.get(commune.commune)) for s in scenarios]
        assert commune.families == len(scenarios)
        assert commune.invoiced == Money.sum(result.invoice.total for result in results)
        assert commune.balance == Money.sum(result.statement.balance for result in results)
    assert totals.invoiced == Money.sum(c.invoiced for c in totals.communes)
    assert totals.invoiced > Money.zero()
    # However the month is cut, the totals are the same.
    assert bill_month(WORK, max_families=3) == totals == bill_month(WORK)


def test_totals_combine_in_any_order_and_pickle() -> None:
    parts = [bill_partition(part) for part in partitions(WORK, max_families=7)]
    assert combine(parts) == combine(reversed(parts)) == combine([combine(parts[:3]), *parts[3:]])
    assert combine([]) == MonthTotals()
    whole = combine(parts)
    assert pickle.loads(pickle.dumps(whole)) == whole
    part = partitions(WORK, max_families=7)[0]
    assert pickle.loads(pickle.dumps(part)) == part


def test_a_family_counted_twice_is_refused() -> None:
    totals = bill_partition(partitions(WORK)[0])
    with pytest.raises(InvalidValueError, match="counts a family twice"):
        combine([totals, totals])
    twice = MonthOfWork(WORK.policies, (*WORK.scenarios, WORK.scenarios[0]))
    with pytest.raises(InvalidValueError, match="billed twice"):
        partitions(twice)


def test_a_family_of_an_unknown_commune_is_refused() -> None:
    stray = attrs.evolve(WORK.scenarios[0], commune="nowhere")
    with pytest.raises(UnknownCommuneError, match="nowhere"):
        partitions(MonthOfWork(WORK.policies, (stray,)))
    with pytest.raises(InvalidValueError, match="names a commune twice"):
        MonthOfWork((*WORK.policies, WORK.policies[0]), ())
    with pytest.raises(InvalidValueError, match="max_families"):
        partitions(WORK, max_families=0)
