"""Who may book at all, and on which days a service runs."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from cantine_rules import Family
from cantine_rules.calendar import SchoolCalendar, ServiceDays, Zone
from cantine_rules.policies import BookingRules, DecisionStatus, FamilyAccount, Reason, Requirements
from tests._helpers import paris
from tests.rules._fixtures import (
    ADD,
    CAL_B,
    CHANTRAINE_LIKE,
    FAMILY,
    LATE_AT,
    MEAL,
    SEED_002,
    SOME_RULES,
    THURSDAY,
    change,
)


@pytest.mark.parametrize(
    ("account", "requirements", "reason"),
    [
        (
            FamilyAccount(FAMILY, False, True, {("c1", "repas")}),
            Requirements(),
            Reason.ACCOUNT_NOT_VALIDATED,
        ),
        (FamilyAccount(Family("F-7"), True, True), Requirements(), Reason.CHILD_NOT_IN_FAMILY),
        (FamilyAccount(FAMILY, True, True), Requirements(), Reason.CHILD_NOT_REGISTERED),
        (
            FamilyAccount(FAMILY, True, False, {("c1", "repas")}),
            Requirements(dossier_validated=True),
            Reason.DOSSIER_NOT_VALIDATED,
        ),
    ],
)
def test_who_may_book(account: FamilyAccount, requirements: Requirements, reason: Reason) -> None:
    # Seed 000: « la mairie va vérifier vos informations, et valider votre compte à son tour »;
    # « Vous devez ajouter vos enfants avant de planifier la cantine ». Seed 004: « Suite à la
    # validation de votre dossier, vous pouvez inscrire votre enfant ».
    rules = attrs.evolve(CHANTRAINE_LIKE, requirements=requirements)
    decision = rules.decide(
        change(ADD, "repas", THURSDAY, paris(2024, 9, 1, 9, 0)), account=account
    )
    assert decision.status is DecisionStatus.REFUSED
    assert decision.reason is reason
    assert decision.explain().startswith("Ajout refusé : ")
    assert decision.explain("en").startswith("Addition refused: ")


def test_eligible_family_is_accepted() -> None:
    account = FamilyAccount(FAMILY, True, True, {("c1", "repas")})
    decision = CHANTRAINE_LIKE.decide(
        change(ADD, "repas", THURSDAY, paris(2024, 9, 1, 9, 0)), account=account
    )
    assert decision.status is DecisionStatus.ACCEPTED


def test_a_refused_family_keeps_its_service_start() -> None:
    account = FamilyAccount(FAMILY, False)
    decision = CHANTRAINE_LIKE.decide(change(ADD, "repas", THURSDAY, LATE_AT), account=account)
    assert decision.service_start == paris(2024, 9, 19, 12, 0)
    closed = CHANTRAINE_LIKE.decide(change(ADD, "repas", date(2024, 11, 11), LATE_AT))
    assert closed.service_start == paris(2024, 11, 11, 12, 0)


@pytest.mark.parametrize(
    ("service", "day", "detail"),
    [
        ("repas", date(2024, 9, 18), None),  # a Wednesday
        ("repas", date(2024, 10, 22), "Vacances de la Toussaint"),
        ("repas", date(2024, 11, 11), "Armistice"),
        ("mercredi", date(2024, 10, 23), "Vacances de la Toussaint"),
        ("vacances", date(2024, 9, 19), None),
    ],
)
def test_a_day_the_service_does_not_run_is_refused_with_its_reason(
    service: str, day: date, detail: str | None
) -> None:
    decision = SEED_002.decide(change(ADD, service, day, paris(2024, 9, 1, 9, 0)))
    assert decision.status is DecisionStatus.REFUSED
    assert decision.reason is Reason.NOT_A_SERVICE_DAY
    assert decision.detail == detail
    assert f"({detail or 'pas de service ce jour-là'})" in decision.explain()
    assert f"({detail or 'no service that day'})" in decision.explain("en")


def test_commune_closure_is_named() -> None:
    from cantine_rules.calendar import Closure

    calendar = SchoolCalendar(Zone.B, closures=(Closure(date(2024, 9, 19), "Grève"),))
    rules = attrs.evolve(SEED_002, calendar=calendar)
    decision = rules.decide(change(ADD, "repas", THURSDAY, paris(2024, 9, 1, 9, 0)))
    assert decision.detail == "Grève"
    assert "n'a pas lieu le jeudi 19 septembre 2024 (Grève)" in decision.explain()


def test_service_days_set_where_a_service_runs() -> None:
    # A meal served on Wednesdays without school as well (a commune's own choice).
    days = frozenset({ServiceDays.SCHOOL_DAYS, ServiceDays.WEDNESDAYS})
    rules = BookingRules(CAL_B, (MEAL,), SOME_RULES, service_days={"repas": days})
    assert rules.days_of("repas") == days
    wednesday = rules.decide(change(ADD, "repas", date(2024, 9, 18), paris(2024, 9, 1, 9)))
    assert wednesday.status is DecisionStatus.ACCEPTED
