"""The laws every reference commune obeys, run on every registered commune.

As python-holidays runs its common country tests on every country, these tests run on every
commune of the registry; a new commune gets them for free. Per-commune tests replaying each
seed's own examples are in the test module of each commune, in this folder.
"""

from __future__ import annotations

import pkgutil
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest

import cantine_rules.policies as policies_package
from cantine_rules import (
    BookingChange,
    ChangeAction,
    Channel,
    InvalidValueError,
    Money,
    UnknownCommuneError,
)
from cantine_rules._deprecation import MOVED_MODULES
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
from cantine_rules.pricing.accounts import PaymentMode, Wallet
from cantine_rules.pricing.tariffs import MissingFigureError
from cantine_rules.sources import SourceKind
from tests._helpers import paris

COMMUNES = names()


@pytest.fixture(params=COMMUNES)
def commune(request: pytest.FixtureRequest) -> CommunePolicy:
    return get(request.param)


def test_registry_lists_the_five_reference_communes() -> None:
    assert COMMUNES == (
        "alsh-postfacturation",
        "chantraine",
        "lutins-gourmands",
        "paris",
        "saint-just-d-avray",
    )


def test_registry_and_modules_agree() -> None:
    # Every module that defines a POLICY is registered, and every registered name loads its own.
    modules = {
        info.name
        for info in pkgutil.iter_modules(policies_package.__path__)
        if not info.name.startswith("_")
        and f"cantine_rules.policies.{info.name}" not in MOVED_MODULES
    }
    commune_modules = set()
    for module_name in modules:
        module = __import__(f"cantine_rules.policies.{module_name}", fromlist=["POLICY"])
        if isinstance(getattr(module, "POLICY", None), CommunePolicy):
            commune_modules.add(module.POLICY.slug)
    assert commune_modules == set(COMMUNES)


def test_aliases_and_spelling_variants_resolve() -> None:
    for slug, slug_aliases in aliases().items():
        for alias in (slug, *slug_aliases, slug.upper()):
            assert get(alias).slug == slug
    assert get("Saint-Just-d'Avray").slug == "saint-just-d-avray"
    assert get("st just d avray").slug == "saint-just-d-avray"


def test_an_unknown_commune_lists_the_known_ones() -> None:
    with pytest.raises(UnknownCommuneError) as caught:
        get("montcuq")
    assert caught.value.known == COMMUNES
    assert "paris" in str(caught.value)
    assert isinstance(caught.value, LookupError)
    with pytest.raises(TypeError):
        get(75)  # type: ignore[arg-type]


def test_slug_matches_registry_and_aliases(commune: CommunePolicy) -> None:
    assert get(commune.slug) is commune
    # The policy carries the registry's aliases (for its plain-data form), in the same order.
    assert commune.aliases == aliases()[commune.slug]


def test_the_registry_is_the_one_place_aliases_are_written() -> None:
    package = Path(policies_package.__file__).parent
    written = {alias for slug_aliases in aliases().values() for alias in slug_aliases}
    for module in package.glob("*.py"):
        if module.name == "registry.py":
            continue
        text = module.read_text(encoding="utf-8")
        repeated = sorted(alias for alias in written if f'"{alias}"' in text)
        assert not repeated, (module.name, repeated)


def test_every_rule_cites_a_source(commune: CommunePolicy) -> None:
    topics = {citation.topic for citation in commune.citations}
    for required in ("calendar", "requirements", "payment"):
        assert required in topics, required
    for service in commune.services:
        assert f"service.{service.code}" in topics
        assert f"rules.{service.code}" in topics
    if commune.wallet_alert_threshold is not None:
        assert "wallet" in topics
    for rule in commune.explain():
        assert rule.source is not None, rule.topic
        assert rule.source.reference.strip()


def test_citations_name_only_existing_services(commune: CommunePolicy) -> None:
    codes = {service.code for service in commune.services}
    for citation in commune.citations:
        kind, _, code = citation.topic.partition(".")
        if kind in ("service", "rules"):
            assert code in codes, citation.topic


def test_defaults_are_marked_as_defaults_in_explain(commune: CommunePolicy) -> None:
    for lang in ("fr", "en"):
        rendered = [rule.render(lang) for rule in commune.explain(lang)]
        label = "default" if lang == "en" else "valeur par défaut"
        for rule, line in zip(commune.explain(lang), rendered, strict=True):
            assert rule.is_default == (
                rule.source is not None and rule.source.kind is SourceKind.DEFAULT
            )
            if rule.is_default:
                assert label in line
            else:
                assert label not in line.rsplit("[", 1)[1]


def test_explain_names_every_service_in_both_languages(commune: CommunePolicy) -> None:
    for lang in ("fr", "en"):
        text = "\n".join(rule.text for rule in commune.explain(lang))
        for service in commune.services:
            assert service.label in text
    with pytest.raises(ValueError, match="lang"):
        commune.explain("de")


def test_every_service_is_priced_on_a_school_day(commune: CommunePolicy) -> None:
    day = commune.calendar.service_days(
        commune.services[0].kind, date(2024, 9, 2), date(2024, 9, 30)
    )[0]
    for service in commune.services:
        try:
            price = commune.price(service.code, day)
        except MissingFigureError:
            pytest.fail(f"{service.code}: no price for a family without a QF")
        assert not price.unit_price.is_negative()


def test_deadlines_never_after_the_service_starts(commune: CommunePolicy) -> None:
    for service in commune.services:
        days = commune.calendar.service_days(service.kind, date(2024, 9, 1), date(2025, 7, 4))
        assert days, service.code
        for day in days[::7]:
            for action in ChangeAction:
                window = commune.booking.window(action, service.code, day)
                assert window.closes_at is not None
                assert window.closes_at <= service_start(service, day)


def test_a_change_made_a_month_ahead_is_on_time(commune: CommunePolicy) -> None:
    for service in commune.services:
        day = commune.calendar.service_days(service.kind, date(2024, 11, 4), date(2025, 2, 28))[0]
        at = paris(day.year, day.month, day.day, 9) - timedelta(days=30)
        change = BookingChange(ChangeAction.ADD, "c1", service.code, day, at)
        decision = commune.decide(change)
        assert decision.status is DecisionStatus.ACCEPTED, (service.code, decision.explain())


def test_a_change_after_the_service_started_is_never_accepted_on_time(
    commune: CommunePolicy,
) -> None:
    for service in commune.services:
        day = commune.calendar.service_days(service.kind, date(2024, 11, 4), date(2025, 2, 28))[0]
        at = service_start(service, day) + timedelta(minutes=1)
        for channel in Channel:
            change = BookingChange(ChangeAction.CANCEL, "c1", service.code, day, at, channel)
            decision = commune.decide(change)
            assert decision.status is not DecisionStatus.ACCEPTED
            if decision.charge is not None:
                assert not decision.charge.is_negative()


def test_a_month_planning_grid(commune: CommunePolicy) -> None:
    for service in commune.services:
        grid = commune.planning(
            "c1", service.code, PlanningPeriod.MONTH, date(2024, 11, 15), at=paris(2024, 10, 1, 9)
        )
        assert len(grid.days) == 30
        statuses = {day.status for day in grid.days}
        assert statuses <= set(DayStatus)
        if service.kind.value not in ("holiday_centre",):
            assert DayStatus.BOOKABLE in statuses, service.code


def test_the_pricer_matches_price(commune: CommunePolicy) -> None:
    pricer = commune.pricer()
    day = date(2024, 9, 2)
    for service in commune.services:
        unit = pricer("c1", service.code, day)
        assert unit.unit_price == commune.price(service.code, day).unit_price
        assert unit.holds_on(day)


def test_a_communes_wallet_comes_from_its_policy() -> None:
    chantraine = get("chantraine")
    assert chantraine.wallet() == Wallet(
        alert_threshold=Money.euros(30), accepted_modes=chantraine.payment_modes
    )
    with pytest.raises(InvalidValueError) as no_wallet:
        get("paris").wallet()
    assert no_wallet.value.field == "wallet_alert_threshold"
    with_wallet = attrs.evolve(get("lutins-gourmands"), wallet_alert_threshold=Money.euros(10))
    # Paper tickets cannot credit a wallet that holds euros.
    assert with_wallet.wallet().accepted_modes == {PaymentMode.PAYFIP}
    tickets_only = attrs.evolve(with_wallet, payment_modes={PaymentMode.TICKETS})
    with pytest.raises(InvalidValueError) as tickets:
        tickets_only.wallet()
    assert tickets.value.field == "payment_modes"
