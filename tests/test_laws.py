"""The laws of a commune policy, on every reference commune and on generated policies."""

from __future__ import annotations

import os

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cantine_rules import Money, Service
from cantine_rules.calendar import SchoolCalendar
from cantine_rules.policies import (
    CommunePolicy,
    HoursBefore,
    ServiceRules,
    get,
    names,
)
from cantine_rules.pricing.tariffs import BracketGrid
from cantine_rules.rules.deadlines import ChangeWindow
from cantine_rules.testing import (
    LAWS,
    PolicyLawError,
    booking_changes,
    bracket_grids,
    check_policy,
    commune_policies,
    families,
    instants_around_dst,
)

#: Examples per law: bounded in CI, deeper with HYPOTHESIS_PROFILE=long.
EXAMPLES = 400 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25


@pytest.mark.parametrize("slug", names())
def test_every_reference_commune_obeys_the_laws(slug: str) -> None:
    check_policy(get(slug), max_examples=EXAMPLES)


# Each law runs its own @given: nesting is what checking a generated policy means here.
@settings(
    max_examples=8 if EXAMPLES == 25 else 100,
    deadline=None,
    suppress_health_check=[HealthCheck.nested_given, HealthCheck.too_slow],
)
@given(commune_policies())
def test_generated_policies_obey_the_laws_but_the_round_trip(policy: CommunePolicy) -> None:
    for name, law in LAWS.items():
        if name == "the plain-data form round-trips":
            continue
        law(policy, 5)


def test_laws_are_named() -> None:
    assert len(LAWS) == 21
    assert "a regime books only days the service runs" in LAWS
    assert "every day a service runs has its change windows" in LAWS
    assert "a deadline is never after the service starts" in LAWS
    assert "a quotient familial is never backdated" in LAWS
    assert "a top-up below the minimum is refused with its reason" in LAWS


@attrs.frozen
class _AfterTheStart:
    """A broken rule: its deadline is a day after the service starts."""

    def window(self, service: Service, day: object, calendar: SchoolCalendar) -> ChangeWindow:
        inner = HoursBefore(0).window(service, day, calendar)  # type: ignore[arg-type]
        assert inner.closes_at is not None
        from datetime import timedelta

        return ChangeWindow(closes_at=inner.closes_at + timedelta(days=1), closing_rule=self)

    def describe(self, lang: str = "fr") -> str:
        return "après le service"


def test_a_rule_closing_after_the_start_is_bounded_so_the_law_holds() -> None:
    policy = get("saint-just-d-avray")
    broken_rules = attrs.evolve(
        policy.booking, default=ServiceRules(_AfterTheStart(), _AfterTheStart())
    )
    broken = attrs.evolve(policy, booking=broken_rules)
    check_policy(broken, max_examples=10, skip=["the plain-data form round-trips"])
    with pytest.raises(LookupError, match="skip"):
        check_policy(broken, max_examples=1, skip=["no such law"])


def test_a_progressive_grid_whose_prices_fall_is_refused_at_construction() -> None:
    grid = get("paris").tariff("repas").versions[0].tariff
    assert isinstance(grid, BracketGrid)
    cheap_sixth = tuple(
        attrs.evolve(bracket, unit_price=Money.euros("0.01"))
        if bracket.name == "tarif 6"
        else bracket
        for bracket in grid.brackets
    )
    with pytest.raises(ValueError, match="fall"):
        attrs.evolve(grid, brackets=cheap_sixth)


def test_check_policy_reports_the_broken_law() -> None:
    policy = get("chantraine")

    def broken_law(_policy: CommunePolicy, _examples: int) -> None:
        raise AssertionError("counterexample: 12:00 < 11:45")

    original = dict(LAWS)
    LAWS.clear()
    LAWS["a deadline is never after the service starts"] = broken_law
    try:
        with pytest.raises(PolicyLawError) as caught:
            check_policy(policy, max_examples=1)
    finally:
        LAWS.clear()
        LAWS.update(original)
    assert caught.value.law == "a deadline is never after the service starts"
    assert "chantraine" in str(caught.value)
    assert isinstance(caught.value, AssertionError)


def test_check_policy_refuses_something_else() -> None:
    with pytest.raises(TypeError):
        check_policy("paris")  # type: ignore[arg-type]


@settings(max_examples=50)
@given(st.from_type(Money), st.from_type(Service), families(alternating_custody=True))
def test_registered_strategies(amount: Money, service: Service, family: object) -> None:
    assert not amount.is_negative()
    assert service.start < service.end
    assert len(family.households) == 2  # type: ignore[attr-defined]


@settings(max_examples=50)
@given(instants_around_dst())
def test_instants_around_dst_are_aware_and_near_a_change(instant: object) -> None:
    from datetime import datetime

    assert isinstance(instant, datetime)
    assert instant.tzinfo is not None
    assert instant.month in (3, 4, 10, 11)


@settings(max_examples=30)
@given(bracket_grids(progressive=True))
def test_generated_progressive_grids_are_progressive(grid: BracketGrid) -> None:
    prices = [bracket.unit_price for bracket in grid.brackets]
    assert prices == sorted(prices)  # type: ignore[type-var]


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_booking_changes_are_for_the_policy(data: st.DataObject) -> None:
    policy = get("alsh-postfacturation")
    change = data.draw(booking_changes(policy))
    assert change.service_code in {service.code for service in policy.services}
