"""The assertions every reference commune shares, run by each commune's own test module.

As python-holidays' common test base checks what every country shares, each commune's test
module subclasses `CommuneTests`, naming its slug, its module and its own figures; it gets every
assertion below for free and adds the replays of its own seed. The class is not collected by
itself (its name does not start with ``Test``).
"""

from __future__ import annotations

import ast
import inspect
import os
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from types import ModuleType
from typing import ClassVar

import pytest

from cantine_rules import BookingChange, ChangeAction, Channel, plain
from cantine_rules.policies import (
    CommunePolicy,
    DayStatus,
    DecisionStatus,
    PlanningPeriod,
    aliases,
    get,
    names,
    service_start,
)
from cantine_rules.policies._messages import MESSAGES, say
from cantine_rules.pricing.tariffs import MissingFigureError
from cantine_rules.sources import SourceKind
from cantine_rules.testing import check_policy
from tests._helpers import paris

#: Examples per law of `check_policy`: bounded in CI, deeper with HYPOTHESIS_PROFILE=long.
EXAMPLES = 400 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25

#: How the policy uses one of the commune's figures: a function of the policy giving the value
#: the module's figure must equal, or None for a figure the policy uses through another one.
FigureUse = Callable[[CommunePolicy], object] | None


def _assigned_names(module: ModuleType) -> set[str]:
    """The names a module's own source assigns at top level (not the names it imports)."""
    tree = ast.parse(inspect.getsource(module))
    assigned: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            assigned.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            assigned.add(node.target.id)
    return assigned


class CommuneTests:
    """What every reference commune obeys; a subclass names the commune.

    Attributes:
        slug: the commune's registry name.
        module: the commune's module under ``cantine_rules.policies``.
        figures: the commune's own figures, by name in its module, with how its policy uses
            each; every one must be written in the module itself.
    """

    slug: str
    module: ModuleType
    figures: ClassVar[Mapping[str, FigureUse]] = {}

    @pytest.fixture
    def commune(self) -> CommunePolicy:
        """The policy the tests below check; a module that composes its policy in a function
        gives a fresh one (see ``alsh_postfacturation.build_policy``)."""
        return get(self.slug)

    # The registry and the module ----------------------------------------------------------------

    def test_registered(self, commune: CommunePolicy) -> None:
        assert self.slug in names()
        assert get(self.slug) is self.module.POLICY
        assert commune == self.module.POLICY
        assert commune.slug == self.slug
        assert self.module.__name__ == f"cantine_rules.policies.{self.slug.replace('-', '_')}"
        # The policy carries the registry's aliases (for its plain-data form), in the same order.
        assert commune.aliases == aliases()[self.slug]
        for alias in commune.aliases:
            assert get(alias) is self.module.POLICY

    def test_the_communes_figures_are_reachable_from_its_module_alone(
        self, commune: CommunePolicy
    ) -> None:
        written_here = _assigned_names(self.module)
        exported = set(self.module.__all__)
        assert "POLICY" in exported
        for name, use in self.figures.items():
            assert name in written_here, f"{name} is not written in {self.module.__name__}"
            assert name in exported, name
            if use is not None:
                assert use(commune) == getattr(self.module, name), name

    def test_round_trips_through_plain_data_and_toml(self, commune: CommunePolicy) -> None:
        data = plain.to_data(commune)
        assert plain.from_data(data) == commune
        assert plain.loads_toml(plain.dumps_toml(commune)) == commune

    # Sources and explanations -------------------------------------------------------------------

    def test_every_rule_cites_a_source(self, commune: CommunePolicy) -> None:
        topics = {citation.topic for citation in commune.citations}
        for required in ("calendar", "requirements", "payment"):
            assert required in topics, required
        for service in commune.services:
            assert f"service.{service.code}" in topics
            assert f"rules.{service.code}" in topics
        if commune.wallet_alert_threshold is not None:
            assert "wallet" in topics

    def test_citations_name_only_existing_services(self, commune: CommunePolicy) -> None:
        codes = {service.code for service in commune.services}
        for citation in commune.citations:
            kind, _, code = citation.topic.partition(".")
            if kind in ("service", "rules"):
                assert code in codes, citation.topic

    @pytest.mark.parametrize("lang", list(MESSAGES))
    def test_explain_gives_every_rule_a_source_or_a_default_marker(
        self, commune: CommunePolicy, lang: str
    ) -> None:
        label = say(lang, f"source.kind.{SourceKind.DEFAULT.value}")
        rules = commune.explain(lang)
        for rule in rules:
            assert rule.source is not None, rule.topic
            assert rule.source.reference.strip(), rule.topic
            assert rule.is_default == (rule.source.kind is SourceKind.DEFAULT)
            tail = rule.render(lang).rsplit("[", 1)[1]
            if rule.is_default:
                assert tail.startswith(label), rule.topic
            else:
                assert label not in tail, rule.topic
                assert say(lang, f"source.kind.{rule.source.kind.value}") in tail
        text = "\n".join(rule.text for rule in rules)
        for service in commune.services:
            assert service.label in text
        with pytest.raises(ValueError, match="lang"):
            commune.explain("de")

    def test_both_languages_explain_the_same_rules(self, commune: CommunePolicy) -> None:
        topics = {lang: [rule.topic for rule in commune.explain(lang)] for lang in MESSAGES}
        assert topics["en"] == topics["fr"]
        assert commune.explain() == commune.explain("fr")

    # Prices -------------------------------------------------------------------------------------

    def test_every_service_is_priced_or_marked(self, commune: CommunePolicy) -> None:
        explained = {rule.topic: rule for rule in commune.explain()}
        for service in commune.services:
            schedule = commune.tariff(service.code)
            assert f"tariff.{service.code}" in explained
            for version in schedule.versions:
                # A price is either sourced or a default said to be one.
                assert version.source.sourced or version.source.kind is SourceKind.DEFAULT

    def test_every_service_is_priced_on_a_school_day(self, commune: CommunePolicy) -> None:
        day = commune.calendar.service_days(
            commune.services[0].kind, date(2024, 9, 2), date(2024, 9, 30)
        )[0]
        for service in commune.services:
            try:
                price = commune.price(service.code, day)
            except MissingFigureError:
                pytest.fail(f"{service.code}: no price for a family without a QF")
            assert not price.unit_price.is_negative()

    def test_the_pricer_matches_price(self, commune: CommunePolicy) -> None:
        pricer = commune.pricer()
        day = date(2024, 9, 2)
        for service in commune.services:
            unit = pricer("c1", service.code, day)
            assert unit.unit_price == commune.price(service.code, day).unit_price
            assert unit.holds_on(day)

    # Deadlines and decisions --------------------------------------------------------------------

    def test_deadlines_never_after_the_service_starts(self, commune: CommunePolicy) -> None:
        for service in commune.services:
            days = commune.calendar.service_days(service.kind, date(2024, 9, 1), date(2025, 7, 4))
            assert days, service.code
            for day in days[::7]:
                for action in ChangeAction:
                    window = commune.booking.window(action, service.code, day)
                    assert window.closes_at is not None
                    assert window.closes_at <= service_start(service, day)

    def test_a_change_made_a_month_ahead_is_on_time(self, commune: CommunePolicy) -> None:
        for service in commune.services:
            day = commune.calendar.service_days(service.kind, date(2024, 11, 4), date(2025, 2, 28))[
                0
            ]
            at = paris(day.year, day.month, day.day, 9) - timedelta(days=30)
            change = BookingChange(ChangeAction.ADD, "c1", service.code, day, at)
            decision = commune.decide(change)
            assert decision.status is DecisionStatus.ACCEPTED, (service.code, decision.explain())

    def test_a_change_after_the_service_started_is_never_accepted_on_time(
        self, commune: CommunePolicy
    ) -> None:
        for service in commune.services:
            day = commune.calendar.service_days(service.kind, date(2024, 11, 4), date(2025, 2, 28))[
                0
            ]
            at = service_start(service, day) + timedelta(minutes=1)
            for channel in Channel:
                change = BookingChange(ChangeAction.CANCEL, "c1", service.code, day, at, channel)
                decision = commune.decide(change)
                assert decision.status is not DecisionStatus.ACCEPTED
                if decision.charge is not None:
                    assert not decision.charge.is_negative()

    def test_a_month_planning_grid(self, commune: CommunePolicy) -> None:
        for service in commune.services:
            grid = commune.planning(
                "c1",
                service.code,
                PlanningPeriod.MONTH,
                date(2024, 11, 15),
                at=paris(2024, 10, 1, 9),
            )
            assert len(grid.days) == 30
            statuses = {day.status for day in grid.days}
            assert statuses <= set(DayStatus)
            if service.kind.value not in ("holiday_centre",):
                assert DayStatus.BOOKABLE in statuses, service.code

    def test_the_laws_of_a_commune_policy_hold(self, commune: CommunePolicy) -> None:
        check_policy(commune, max_examples=EXAMPLES)
