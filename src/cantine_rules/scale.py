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
``distributed`` cluster (``pip install "cantine-rules[dask]"``) and gathers only the totals. It
sends each commune's policy once to every worker, where one unpickled (warm) copy serves all the
commune's partitions, and each partition's families as one pickle. Every value here pickles,
and equal values give equal bytes in every process.

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

import hashlib
import itertools
import pickle
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from cantine_rules.billing import bill
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownCommuneError
from cantine_rules.money import Money
from cantine_rules.plain import Scenario
from cantine_rules.policies import CommunePolicy

__all__ = [
    "DEFAULT_MAX_FAMILIES",
    "PARTITIONS_PER_THREAD",
    "CommuneTotal",
    "FamilyTotal",
    "MonthOfWork",
    "MonthTotals",
    "Partition",
    "ShippedMonth",
    "ShippedPartition",
    "bill_month",
    "bill_on_dask",
    "bill_partition",
    "bill_shipped",
    "combine",
    "family_part",
    "partitions",
    "ship",
]

DEFAULT_MAX_FAMILIES = 5_000
"""The most families a partition holds by default: about 60 MB of bills at once (see docs)."""

PARTITIONS_PER_THREAD = 4
"""How many partitions [`bill_on_dask`][] aims at per worker thread when it sizes them itself.

Partitions differ in cost (a commune's month may cost three times another's per family): with a
few per thread, the last one to finish leaves the other threads idle only briefly, and each still
carries enough families that the cost of a task (its messages, its pickles) is small beside its
billing."""


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
    """What [`ship`][], [`bill_shipped`][] and [`bill_on_dask`][] ask of a Dask client."""

    def map(self, func: Callable[..., Any], *iterables: Sequence[Any], **kwargs: Any) -> Any:
        """Submit *func* on each item."""

    def gather(self, futures: Any) -> Any:
        """The results of *futures*."""

    def scatter(self, data: Any, **kwargs: Any) -> Any:
        """Place *data* on the workers; futures that tasks take as arguments."""

    def nthreads(self) -> Mapping[str, int]:
        """The threads of each worker, by worker address."""


def _need_distributed() -> None:
    try:
        import distributed  # noqa: F401 - only to fail early, with the extra to install
    except ImportError as missing:
        raise ImportError(
            "cantine_rules.scale.bill_on_dask needs Dask's distributed scheduler: "
            "pip install 'cantine-rules[dask]'"
        ) from missing


class _WarmPolicies:
    """The *size* policies this process unpickled last, by the SHA-256 of their pickle.

    A policy builds tables on first use (its calendar's index of days, its change windows, its
    prices). Kept here, one unpickled copy serves every partition of its commune a worker bills,
    instead of a cold copy per partition. Equal policies pickle to equal bytes, so the digest
    names a policy in every process; the least recently used is dropped past *size*, so a worker
    serving thousands of communes holds a bounded number of them.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._held: OrderedDict[str, CommunePolicy] = OrderedDict()
        # A worker may run several threads; the dict is shared between them.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._held)

    def get(self, digest: str, pickled: bytes) -> CommunePolicy:
        """The policy *pickled* is, unpickled only if no copy is held under *digest*."""
        with self._lock:
            policy = self._held.get(digest)
            if policy is not None:
                self._held.move_to_end(digest)
                return policy
        # Unpickled outside the lock, so that the other threads keep billing meanwhile.
        arrived = pickle.loads(pickled)
        if not isinstance(arrived, CommunePolicy):
            raise InvalidTypeError("policy", arrived, "must be a CommunePolicy")
        with self._lock:
            # Two threads may have unpickled it at once: the first copy is the one kept.
            policy = self._held.setdefault(digest, arrived)
            while len(self._held) > self._size:
                self._held.popitem(last=False)
        return policy


_WARM_POLICIES = _WarmPolicies(64)


def _unpickled_families(families: bytes) -> tuple[Scenario, ...]:
    """A partition's families, unpickled on the worker that holds their pickle (see [`ship`][])."""
    return _scenarios(pickle.loads(families))


def _bill_shipped(
    digest: str, policy: bytes, part: int, parts: int, scenarios: tuple[Scenario, ...]
) -> bytes:
    """Bill a partition as [`ship`][] placed it, on a worker; its totals, pickled.

    The families are the worker's own values, unpickled when they were placed; the totals go
    back as one pickle of plain bytes: Dask's own pickler calls back into Python for every object
    it writes, the standard one does not.
    """
    partition = Partition(_WARM_POLICIES.get(digest, policy), part, parts, scenarios)
    return pickle.dumps(bill_partition(partition), protocol=pickle.HIGHEST_PROTOCOL)


def _sized_to(families: int, threads: int) -> int:
    """The *max_families* that cuts *families* into about `PARTITIONS_PER_THREAD` per thread."""
    wanted = max(1, threads) * PARTITIONS_PER_THREAD
    return max(1, min(DEFAULT_MAX_FAMILIES, -(-families // wanted)))


@attrs.frozen
class ShippedPartition:
    """A partition placed on a cluster by [`ship`][]: what it is, and where its data waits.

    Attributes:
        commune: the commune's slug.
        part: which part of the commune this is, from 0.
        parts: how many parts the commune was cut into.
        families: how many families it holds.
        digest: the SHA-256 of the commune's policy's pickle, which names it on the workers.
        policy: the future of that pickle, held by every worker.
        scenarios: the future of its families, unpickled and held by one worker.
    """

    commune: str
    part: int
    parts: int
    families: int
    digest: str
    policy: Any = attrs.field(eq=False, repr=False)
    scenarios: Any = attrs.field(eq=False, repr=False)


@attrs.frozen
class ShippedMonth:
    """A month whose partitions wait on a cluster's workers, for [`bill_shipped`][].

    The cluster holds the data as long as this value lives (it holds the futures).

    Attributes:
        partitions: the partitions, the largest first.
    """

    partitions: tuple[ShippedPartition, ...]


def ship(client: DaskClient, work: MonthOfWork, *, max_families: int | None = None) -> ShippedMonth:
    """Cut *work* into partitions and place them on the workers of a Dask cluster.

    Each commune's policy is pickled once and sent once to every worker (``scatter`` with
    ``broadcast``); each partition's families are pickled as one ``bytes``, sent to one worker,
    and unpickled there by a task of their own, so that they wait in that worker's memory, as
    its own values, until [`bill_shipped`][] bills them where they are. One pickle of plain bytes
    is sent as it is, whereas Dask's own pickler, given the partition's values, would call back
    into Python for every object it writes, and the scheduler would unpickle and pickle them
    again.

    Args:
        client: a ``distributed.Client`` connected to the cluster.
        work: the month to bill.
        max_families: the most families a partition holds (see [`partitions`][]); by default,
            sized to the cluster: about [`PARTITIONS_PER_THREAD`][] partitions per worker
            thread, and never more than [`DEFAULT_MAX_FAMILIES`][] families.

    Raises:
        ImportError: Dask's ``distributed`` is not installed (the ``dask`` extra).

    Examples:
        The month placed first, then billed (with a ``client`` as in [`bill_on_dask`][])::

            from distributed import wait

            month = ship(client, work)
            wait([part.scenarios for part in month.partitions])
            totals = bill_shipped(client, month)
    """
    _need_distributed()
    if max_families is None:
        max_families = _sized_to(len(work.scenarios), sum(client.nthreads().values()))
    # The largest partitions first, so that the last ones to run are short.
    parts = sorted(
        partitions(work, max_families=max_families), key=lambda part: -len(part.scenarios)
    )
    if not parts:
        return ShippedMonth(())
    billed = {part.commune: part.policy for part in parts}
    pickled = {
        slug: pickle.dumps(policy, protocol=pickle.HIGHEST_PROTOCOL)
        for slug, policy in billed.items()
    }
    digests = {slug: hashlib.sha256(blob).hexdigest() for slug, blob in pickled.items()}
    # hash=False: keys of their own, not from the contents. A key from the contents would be
    # the same for the same policy in two months, and the end of the first month, releasing it,
    # could take it from under the second.
    placed = dict(
        zip(
            pickled,
            client.scatter(list(pickled.values()), broadcast=True, hash=False),
            strict=True,
        )
    )
    pickles = client.scatter(
        [pickle.dumps(part.scenarios, protocol=pickle.HIGHEST_PROTOCOL) for part in parts],
        hash=False,
    )
    # Each task runs where its pickle waits (Dask places a task with its data), and its result
    # stays there: the families are then that worker's values, read as they would be from its
    # own storage, and billing them moves nothing.
    families = client.map(_unpickled_families, pickles, pure=False)
    return ShippedMonth(
        tuple(
            ShippedPartition(
                part.commune,
                part.part,
                part.parts,
                len(part.scenarios),
                digests[part.commune],
                placed[part.commune],
                scenarios,
            )
            for part, scenarios in zip(parts, families, strict=True)
        )
    )


def bill_shipped(client: DaskClient, month: ShippedMonth) -> MonthTotals:
    """Bill a month [`ship`][] placed on the cluster: one task per partition, totals gathered.

    Each task runs where its families wait. A worker unpickles a commune's policy on first use
    and keeps it, by its digest, for every partition of the commune it bills; only the totals
    come back, and they are combined here.

    Raises:
        ImportError: Dask's ``distributed`` is not installed (the ``dask`` extra).
    """
    _need_distributed()
    if not month.partitions:
        return MonthTotals()
    shipped = month.partitions
    # pure=False: a task key from a random token, not from hashing each task's arguments.
    futures = client.map(
        _bill_shipped,
        [part.digest for part in shipped],
        [part.policy for part in shipped],
        [part.part for part in shipped],
        [part.parts for part in shipped],
        [part.scenarios for part in shipped],
        pure=False,
    )
    return combine(pickle.loads(totals) for totals in client.gather(futures))


def bill_on_dask(
    client: DaskClient, work: MonthOfWork, *, max_families: int | None = None
) -> MonthTotals:
    """Bill *work* on a Dask ``distributed`` cluster: [`ship`][] it, then [`bill_shipped`][].

    Each commune's policy is sent once to every worker, where one unpickled (warm) copy serves
    all the commune's partitions; each partition's families travel as one pickle, and only
    their totals come back. The result equals [`bill_month`][]'s to the cent, whatever the
    number of workers and however the month is cut.

    Args:
        client: a ``distributed.Client`` connected to the cluster.
        work: the month to bill.
        max_families: the most families a partition holds; by default sized to the cluster
            (see [`ship`][]).

    Raises:
        ImportError: Dask's ``distributed`` is not installed (the ``dask`` extra).

    Examples:
        On a cluster of two worker processes on this machine::

            from distributed import Client, LocalCluster

            with LocalCluster(n_workers=2, threads_per_worker=1) as cluster:
                with Client(cluster) as client:
                    totals = bill_on_dask(client, work)
    """
    return bill_shipped(client, ship(client, work, max_families=max_families))
