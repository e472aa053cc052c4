"""Billing a month for many communes and families, in partitions, on one machine or a cluster.

A national vendor bills millions of children a month: more invoice lines than one process should
hold. The month is cut into **partitions**, each billed on its own by
[`bill`][cantine_rules.billing.bill] (the same function a portal calls for one family) into
compact **totals**, and the totals are added up:

1. [`MonthOfWork`][] says what to bill: each commune's policy and each family's
   [`Scenario`][cantine_rules.plain.Scenario], as the billing API takes them.
2. [`partitions`][] cuts it by commune, and a commune with more than *max_families* families
   into parts by a stable hash of the family's id (CRC-32, the same in every process, unlike
   Python's ``hash()``). A partition holds its commune's policy and its families, sorted by id:
   the same work in any order gives the same partitions.
3. [`bill_partition`][] bills one partition and keeps, per family, what it was invoiced, what its
   basket asks, its balance and how many lines it had ([`FamilyTotal`][]) — not the invoices.
4. [`combine`][] adds totals up, per family and per commune ([`MonthTotals`][]), in an order of
   their own.

[`bill_month`][] runs the partitions in this process; [`bill_on_dask`][] maps them on a Dask
``distributed`` cluster (``pip install "cantine-rules[dask]"``) and gathers only the totals.
Every value here pickles, and equal values give equal bytes in every process.

Examples:
    >>> from cantine_rules import policies
    >>> from cantine_rules.plain import load_scenario
    >>> scenario = load_scenario("examples/scenarios/saint-just-d-avray.toml")
    >>> work = MonthOfWork((policies.get("saint-just-d-avray"),), (scenario,))
    >>> totals = bill_month(work)
    >>> totals.communes[0].invoiced, totals.families[0].family_id
    (Money.euros('74.60'), 'F-0042')
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

import attrs

from cantine_rules.billing import bill
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownCommuneError
from cantine_rules.money import Money
from cantine_rules.plain import Scenario
from cantine_rules.policies import CommunePolicy

__all__ = [
    "DEFAULT_MAX_FAMILIES",
    "CommuneTotal",
    "FamilyTotal",
    "MonthOfWork",
    "MonthTotals",
    "Partition",
    "bill_month",
    "bill_on_dask",
    "bill_partition",
    "combine",
    "family_part",
    "partitions",
]

DEFAULT_MAX_FAMILIES = 5_000
"""The most families a partition holds by default: about 60 MB of bills at once (see docs)."""


def _policies(value: Iterable[CommunePolicy]) -> tuple[CommunePolicy, ...]:
    found = tuple(value)
    for index, policy in enumerate(found):
        if not isinstance(policy, CommunePolicy):
            raise InvalidTypeError(f"policies[{index}]", policy, "must be a CommunePolicy")
    slugs = [policy.slug for policy in found]
    for slug in slugs:
        if slugs.count(slug) > 1:
            raise InvalidValueError("policies", slug, "names a commune twice")
    return tuple(sorted(found, key=lambda policy: policy.slug))


def _scenarios(value: Iterable[Scenario]) -> tuple[Scenario, ...]:
    found = tuple(value)
    for index, scenario in enumerate(found):
        if not isinstance(scenario, Scenario):
            raise InvalidTypeError(f"scenarios[{index}]", scenario, "must be a Scenario")
    return found


@attrs.frozen
class MonthOfWork:
    """What a month bills: the communes' policies and their families' scenarios.

    Attributes:
        policies: one policy per commune, by slug.
        scenarios: one per family; each names its commune by slug or alias.

    Raises:
        InvalidValueError: two policies are the same commune.
    """

    policies: tuple[CommunePolicy, ...] = attrs.field(converter=_policies)
    scenarios: tuple[Scenario, ...] = attrs.field(converter=_scenarios)


@attrs.frozen
class Partition:
    """A part of a month that is billed on its own: one commune's policy and some of its families.

    Attributes:
        policy: the commune's policy.
        part: which part of the commune this is, from 0.
        parts: how many parts the commune was cut into.
        scenarios: the families of this part, sorted by family id.
    """

    policy: CommunePolicy
    part: int
    parts: int
    scenarios: tuple[Scenario, ...]

    @property
    def commune(self) -> str:
        """The commune's slug."""
        return self.policy.slug


@attrs.frozen(order=True)
class FamilyTotal:
    """What a month bills one family, without the invoice itself.

    Attributes:
        commune: the commune's slug.
        family_id: the family's number.
        invoiced: the invoice's total (the services billed after the month).
        basket: what the basket of the services paid at booking asks (0,00 € without one).
        balance: the family's balance at the end of the month (below zero when it owes).
        lines: the lines of the invoice and of the basket.
    """

    commune: str
    family_id: str
    invoiced: Money
    basket: Money
    balance: Money
    lines: int


@attrs.frozen(order=True)
class CommuneTotal:
    """What a month bills the families of one commune, added up.

    Attributes:
        commune: the commune's slug.
        families: how many families were billed.
        invoiced: the sum of their invoices.
        basket: the sum of what their baskets ask.
        balance: the sum of their balances.
        lines: the sum of their lines.
    """

    commune: str
    families: int
    invoiced: Money
    basket: Money
    balance: Money
    lines: int


@attrs.frozen
class MonthTotals:
    """The totals of a month, or of some of its partitions: per family and per commune.

    Attributes:
        families: one per family, by commune then family id.
        communes: one per commune, by slug.
    """

    families: tuple[FamilyTotal, ...] = ()
    communes: tuple[CommuneTotal, ...] = ()

    @property
    def invoiced(self) -> Money:
        """Every commune's invoices, added up."""
        return Money.sum(commune.invoiced for commune in self.communes)

    @property
    def lines(self) -> int:
        """Every commune's lines, added up."""
        return sum(commune.lines for commune in self.communes)


# Cutting the month -----------------------------------------------------------------------------


def family_part(family_id: str, parts: int) -> int:
    """The part of its commune a family falls in, the same in every process.

    CRC-32 of the id's UTF-8 bytes, modulo *parts*: Python's ``hash()`` of a string changes with
    each process's ``PYTHONHASHSEED``, so it cannot say where a family goes.

    Examples:
        >>> family_part("F-0042", 4), family_part("F-0042", 1)
        (1, 0)
    """
    return zlib.crc32(family_id.encode("utf-8")) % parts


def partitions(
    work: MonthOfWork, *, max_families: int = DEFAULT_MAX_FAMILIES
) -> tuple[Partition, ...]:
    """The partitions of *work*: by commune, and by family hash inside the largest communes.

    A commune of *n* families is cut into ``ceil(n / max_families)`` parts by
    [`family_part`][]; a part may hold a few more or fewer families than the average. Partitions
    come by commune, then part; each holds its families sorted by id, and a part with no family
    is left out.

    Raises:
        UnknownCommuneError: a scenario names a commune *work* has no policy for.
        InvalidValueError: *max_families* is less than 1, or a family is listed twice.

    Examples:
        >>> from cantine_rules import policies
        >>> from cantine_rules.plain import load_scenario
        >>> scenario = load_scenario("examples/scenarios/paris.toml")
        >>> [p.commune for p in partitions(MonthOfWork((policies.get("paris"),), (scenario,)))]
        ['paris']
    """
    if not isinstance(max_families, int) or max_families < 1:
        raise InvalidValueError("max_families", max_families, "must be 1 or more")
    by_name: dict[str, CommunePolicy] = {}
    for policy in work.policies:
        for name in (policy.slug, *policy.aliases):
            by_name[name] = policy
    families: dict[str, dict[str, Scenario]] = {policy.slug: {} for policy in work.policies}
    for scenario in work.scenarios:
        named = by_name.get(scenario.commune)
        if named is None:
            raise UnknownCommuneError(scenario.commune, sorted(by_name))
        commune = families[named.slug]
        if scenario.family_id in commune:
            raise InvalidValueError(
                "scenarios", scenario.family_id, f"is billed twice in {named.slug}"
            )
        commune[scenario.family_id] = scenario
    cut: list[Partition] = []
    for policy in work.policies:
        commune = families[policy.slug]
        parts = max(1, -(-len(commune) // max_families))
        buckets: list[list[Scenario]] = [[] for _ in range(parts)]
        for family_id in sorted(commune):
            buckets[family_part(family_id, parts)].append(commune[family_id])
        cut.extend(
            Partition(policy, index, parts, tuple(bucket))
            for index, bucket in enumerate(buckets)
            if bucket
        )
    return tuple(cut)


# Billing a partition ---------------------------------------------------------------------------


def bill_partition(partition: Partition) -> MonthTotals:
    """Bill each family of *partition* with [`bill`][cantine_rules.billing.bill]; keep totals.

    Each bill is dropped once its totals are read: a partition holds one family's invoice at a
    time, besides its scenarios.

    Raises:
        CantineRulesError: a family's scenario cannot be billed (as `bill` raises it).
    """
    families = []
    for scenario in partition.scenarios:
        result = bill(scenario, policy=partition.policy)
        basket = result.basket
        families.append(
            FamilyTotal(
                partition.commune,
                scenario.family_id,
                result.invoice.total,
                Money.zero() if basket is None else basket.to_pay,
                result.statement.balance,
                len(result.invoice.lines) + (0 if basket is None else len(basket.basket.lines)),
            )
        )
    return combine([MonthTotals(tuple(families))])


def combine(totals: Iterable[MonthTotals]) -> MonthTotals:
    """The totals of several partitions as one: families sorted, communes added up again.

    Raises:
        InvalidValueError: a family is in two of the totals.

    Examples:
        >>> combine([]) == MonthTotals()
        True
    """
    families = sorted(family for total in totals for family in total.families)
    for before, after in itertools.pairwise(families):
        if (before.commune, before.family_id) == (after.commune, after.family_id):
            raise InvalidValueError("totals", after.family_id, "counts a family twice")
    communes: dict[str, list[FamilyTotal]] = {}
    for family in families:
        communes.setdefault(family.commune, []).append(family)
    return MonthTotals(
        tuple(families),
        tuple(
            CommuneTotal(
                commune,
                len(members),
                Money.sum(member.invoiced for member in members),
                Money.sum(member.basket for member in members),
                Money.sum(member.balance for member in members),
                sum(member.lines for member in members),
            )
            for commune, members in sorted(communes.items())
        ),
    )


def bill_month(work: MonthOfWork, *, max_families: int = DEFAULT_MAX_FAMILIES) -> MonthTotals:
    """Bill every partition of *work* in this process, one after the other, and combine them."""
    return combine(bill_partition(part) for part in partitions(work, max_families=max_families))


# On a cluster ---------------------------------------------------------------------------------


class DaskClient(Protocol):
    """What [`bill_on_dask`][] asks of a ``distributed.Client``."""

    def map(self, func: Callable[..., Any], *iterables: Sequence[Any], **kwargs: Any) -> Any:
        """Submit *func* on each item."""

    def gather(self, futures: Any) -> Any:
        """The results of *futures*."""


def _need_distributed() -> None:
    try:
        import distributed  # noqa: F401 - only to fail early, with the extra to install
    except ImportError as missing:
        raise ImportError(
            "cantine_rules.scale.bill_on_dask needs Dask's distributed scheduler: "
            "pip install 'cantine-rules[dask]'"
        ) from missing


def bill_on_dask(
    client: DaskClient, work: MonthOfWork, *, max_families: int = DEFAULT_MAX_FAMILIES
) -> MonthTotals:
    """Bill *work* on a Dask ``distributed`` cluster: one task per partition, totals gathered.

    Each partition travels to a worker as a pickle (its policy and its families), is billed
    there by [`bill_partition`][], and only its totals come back; they are combined here. The
    result equals [`bill_month`][]'s to the cent, whatever the number of workers.

    Args:
        client: a ``distributed.Client`` connected to the cluster.
        work: the month to bill.
        max_families: the most families a partition holds (see [`partitions`][]).

    Raises:
        ImportError: Dask's ``distributed`` is not installed (the ``dask`` extra).

    Examples:
        On a cluster of two worker processes on this machine::

            from distributed import Client, LocalCluster

            with LocalCluster(n_workers=2, threads_per_worker=1) as cluster:
                with Client(cluster) as client:
                    totals = bill_on_dask(client, work)
    """
    _need_distributed()
    parts = partitions(work, max_families=max_families)
    # pure=False: a task key from a random token, not from hashing each partition's contents
    # (which would cost a pass over every family before any is billed).
    futures = client.map(bill_partition, parts, pure=False)
    return combine(client.gather(futures))
