"""Properties of the plain-data form: any input gives a policy or a PolicyError, never a crash."""

from __future__ import annotations

import copy
from datetime import UTC, date, time
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cantine_rules import Money, PolicyError, Service, ServiceKind, policies
from cantine_rules.calendar import Closure, SchoolCalendar, Zone
from cantine_rules.plain import dumps_toml, from_data, loads_toml, to_data
from cantine_rules.policies import (
    AcceptLate,
    AcceptWithSurcharge,
    AllOf,
    BasePlus,
    BaseTimes,
    BookingRules,
    CalendarDaysBefore,
    ClearDaysBefore,
    CommunePolicy,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    HoursBefore,
    KeepCharging,
    LateHandling,
    MaxHorizon,
    MedicalWaiver,
    PaymentScheme,
    Refuse,
    ServiceRules,
    WeekdayBefore,
    WorkingDaysBefore,
)
from cantine_rules.pricing.accounts import PaymentMode
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    EffortRate,
    TariffSchedule,
    TariffVersion,
    UnitPrice,
)
from cantine_rules.sources import Source, SourceKind
from tests.plain.test_plain import EVERYTHING

SOME = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOP_KEYS = (
    "slug",
    "name",
    "calendar",
    "services",
    "rules",
    "payment_scheme",
    "payment_modes",
    "tariffs",
    "default",
    "add",
    "type",
    "versions",
    "amount",
    "zone",
)

leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["B", "meal", "11:45", "3.60", "refuse", "hours_before", "unknown", "1e999"])
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(UTC))
    | st.times()
)
keys = st.sampled_from(TOP_KEYS) | st.text(max_size=8)
json_like = st.recursive(
    leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


def _load(data: object) -> CommunePolicy | PolicyError:
    try:
        return from_data(data)  # type: ignore[arg-type]
    except PolicyError as error:
        caught = error
    assert caught.problems, "a PolicyError lists at least one problem"
    for problem in caught.problems:
        assert isinstance(problem.path, str)
        assert problem.path
        assert problem.message
    return caught


@SOME
@given(json_like)
def test_any_json_like_value_gives_a_policy_or_a_policy_error(data: object) -> None:
    _load(data)


@SOME
@given(st.dictionaries(keys, json_like, max_size=8))
def test_any_table_gives_a_policy_or_a_policy_error(data: dict[str, Any]) -> None:
    _load(data)


# Mutations of valid dumps ----------------------------------------------------------------------

DUMPS = [to_data(policies.get(slug)) for slug in policies.names()] + [to_data(EVERYTHING)]


def _paths(value: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*prefix, index))
            found.extend(_paths(item, (*prefix, index)))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def mutated_dumps(draw: st.DrawFn) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    data = copy.deepcopy(draw(st.sampled_from(DUMPS)))
    path = draw(st.sampled_from(_paths(data)))
    parent, last = _parent(data, path), path[-1]
    mutation = draw(st.sampled_from(["drop", "rename", "retype", "empty", "repeat"]))
    if mutation == "drop":
        del parent[last]
    elif mutation == "rename":
        if isinstance(parent, dict):
            parent[last + draw(st.sampled_from(["s", "_", "x"]))] = parent.pop(last)
        else:
            parent.insert(last, parent[last])
    elif mutation == "retype":
        parent[last] = draw(leaves | st.lists(leaves, max_size=2) | st.just({}))
    elif mutation == "empty":
        parent[last] = [] if isinstance(parent[last], list) else {}
    elif isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    else:
        parent[last] = [parent[last]]
    return mutation, path, data


@SOME
@given(mutated_dumps())
def test_a_mutated_dump_gives_a_policy_or_a_policy_error(
    case: tuple[str, tuple[Any, ...], dict[str, Any]],
) -> None:
    _, _, data = case
    result = _load(data)
    if isinstance(result, CommunePolicy):
        # What loads dumps back to data that loads to the same policy.
        assert from_data(to_data(result)) == result


@SOME
@given(mutated_dumps())
def test_a_mutated_dump_written_as_toml_gives_a_policy_or_a_policy_error(
    case: tuple[str, tuple[Any, ...], dict[str, Any]],
) -> None:
    _, _, data = case
    try:
        text = dumps_toml(data)
    except (TypeError, ValueError):
        return  # a value TOML cannot hold (a float, None): nothing to write
    try:
        loads_toml(text)
    except PolicyError as error:
        caught = error
    else:
        return
    assert caught.problems


# Generated policies ----------------------------------------------------------------------------

clocks = st.times().map(lambda t: t.replace(microsecond=0))
money = st.integers(min_value=0, max_value=5000).map(Money.from_cents)
sources = st.builds(Source, st.sampled_from(SourceKind), st.text().map(lambda s: f"x{s}x"))

simple_deadlines = st.one_of(
    st.builds(HoursBefore, st.integers(0, 200)),
    st.builds(WorkingDaysBefore, st.integers(0, 10), st.none() | clocks),
    st.builds(WeekdayBefore, st.integers(0, 6), clocks, st.integers(0, 3)),
    st.builds(CalendarDaysBefore, st.integers(0, 10), clocks),
    st.builds(ClearDaysBefore, st.integers(0, 20), st.booleans()),
    st.builds(MaxHorizon, st.integers(0, 100)),
)
deadlines = simple_deadlines | st.lists(simple_deadlines, min_size=1, max_size=3).map(
    lambda rules: AllOf(tuple(rules))
)
simple_surcharges = st.one_of(
    st.builds(FlatPrice, money),
    st.builds(BasePlus, money),
    st.builds(FlatPenalty, money),
    st.builds(BaseTimes, st.decimals(min_value=1, max_value=3, places=2)),
)
surcharges = simple_surcharges | st.builds(FreeAllowance, st.integers(0, 5), simple_surcharges)
outcomes = st.one_of(
    st.builds(Refuse, st.none() | st.text()),
    st.builds(AcceptWithSurcharge, surcharges),
    st.builds(KeepCharging, st.none() | st.builds(MedicalWaiver, st.integers(0, 3))),
    st.just(AcceptLate()),
)
lates = st.builds(LateHandling, outcomes, outcomes)
service_rules = st.builds(ServiceRules, deadlines, deadlines, lates, lates)

SERVICES = (
    Service("repas", "Repas", ServiceKind.MEAL, time(11, 30), time(13, 30)),
    Service("soir", "Soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30)),
    Service("mercredi", "Mercredi", ServiceKind.WEDNESDAY_CENTRE, time(8), time(18)),
)


@st.composite
def tariffs(draw: st.DrawFn, source: Source) -> Any:
    kind = draw(st.sampled_from(["unit", "rate", "grid"]))
    if kind == "unit":
        return UnitPrice(draw(money), draw(st.just(source) | sources))
    if kind == "rate":
        low, high = sorted((draw(money), draw(money)))
        rate = draw(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("0.05"), places=4))
        return EffortRate(rate, low, high, source, draw(st.none() | money))
    lowers = sorted(draw(st.sets(st.integers(1, 3000), max_size=4)))
    prices = sorted(draw(st.lists(money, min_size=len(lowers) + 1, max_size=len(lowers) + 1)))
    brackets = tuple(
        Bracket(f"T{i + 1}", str(lower), price, draw(st.just(source) | sources))
        for i, (lower, price) in enumerate(zip([0, *lowers], prices, strict=True))
    )
    return BracketGrid(brackets, draw(st.sampled_from([b.name for b in brackets])))


@st.composite
def small_policies(draw: st.DrawFn) -> CommunePolicy:
    services = SERVICES[: draw(st.integers(1, 3))]
    codes = [service.code for service in services]
    priced = draw(st.lists(st.sampled_from(codes), unique=True))
    schedules = []
    for code in priced:
        source = draw(sources)
        ends = draw(st.none() | st.just(date(2025, 8, 31)))
        version = TariffVersion(date(2024, 9, 1), draw(tariffs(source)), source, ends)
        schedules.append(TariffSchedule(code, (version,)))
    closures = draw(
        st.lists(st.dates(date(2024, 1, 1), date(2028, 12, 31)), unique=True, max_size=3)
    )
    return CommunePolicy(
        slug="c-" + draw(st.text("abcdefgh-", min_size=1, max_size=8)),
        name=draw(st.text(min_size=1).map(lambda s: "Commune " + s.strip() + "x")),
        booking=BookingRules(
            calendar=SchoolCalendar(
                draw(st.sampled_from(Zone)),
                closures=tuple(Closure(day, f"fermeture {day}") for day in closures),
            ),
            services=services,
            default=draw(service_rules),
            by_service=draw(st.dictionaries(st.sampled_from(codes), service_rules, max_size=2)),
            auto_validate=draw(st.booleans()),
        ),
        payment_scheme=draw(st.sampled_from(PaymentScheme)),
        payment_modes=draw(st.frozensets(st.sampled_from(PaymentMode))),
        tariffs=tuple(schedules),
        wallet_alert_threshold=draw(st.none() | money),
        aliases=tuple(draw(st.lists(st.sampled_from(["alias-a", "alias-b"]), unique=True))),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_policies())
def test_a_generated_policy_survives_plain_data_and_toml(policy: CommunePolicy) -> None:
    data = to_data(policy)
    assert from_data(data) == policy
    assert to_data(from_data(data)) == data
    assert loads_toml(dumps_toml(policy)) == policy
