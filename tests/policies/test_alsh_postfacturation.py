"""The ALSH « postfacturation » espace famille (seed 002), replayed."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import (
    Booking,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    Money,
    RequestState,
)
from cantine_rules.calendar import Zone
from cantine_rules.policies import (
    CommunePolicy,
    DecisionStatus,
    FamilyAccount,
    PaymentScheme,
    Reason,
    alsh_postfacturation,
    decided_charges,
    get,
    submit,
)
from cantine_rules.pricing.accounts import LineKind, PaymentMode, build_invoice
from tests._helpers import paris
from tests.policies._commune_base import CommuneTests

THURSDAY = date(2024, 9, 19)


@pytest.fixture
def alsh() -> CommunePolicy:
    # Composed again for each test (see `build_policy`), the same policy as the registry's.
    return alsh_postfacturation.build_policy()


class TestAlshPostfacturation(CommuneTests):
    slug = "alsh-postfacturation"
    module = alsh_postfacturation

    @pytest.fixture
    def commune(self) -> CommunePolicy:
        return alsh_postfacturation.build_policy()


def test_the_registry_gives_the_policy_the_module_composes() -> None:
    assert get("alsh-postfacturation") is alsh_postfacturation.POLICY
    assert alsh_postfacturation.build_policy() == alsh_postfacturation.POLICY


def change(
    action: ChangeAction, code: str, day: date, *at: int, office: bool = False
) -> BookingChange:
    channel = Channel.OFFICE if office else Channel.ONLINE
    return BookingChange(action, "c1", code, day, paris(*at), channel)  # type: ignore[arg-type]


def test_48h_jours_ouvres_for_the_periscolaire(alsh: CommunePolicy) -> None:
    # « un délai de 48h jours ouvrés pour le périscolaire »: counted back from the service day, 2
    # working days before a Thursday is the Tuesday, at the service's start time.
    decision = alsh.decide(change(ChangeAction.ADD, "soir", THURSDAY, 2024, 9, 17, 16, 29, 59))
    assert decision.status is DecisionStatus.ACCEPTED
    assert decision.deadline == paris(2024, 9, 17, 16, 30)
    monday = alsh.decide(change(ChangeAction.ADD, "matin", date(2024, 9, 23), 2024, 9, 19, 7, 30))
    assert monday.status is DecisionStatus.REFUSED
    assert monday.deadline == paris(2024, 9, 19, 7, 30)


def test_5_jours_ouvres_for_wednesdays_is_one_week(alsh: CommunePolicy) -> None:
    # « 5 jours ouvrés pour les mercredis et vacances »; « Mercredi et Vacances (- 7 jours) ».
    decision = alsh.decide(change(ChangeAction.ADD, "mercredi", date(2024, 9, 18), 2024, 9, 1, 9))
    assert decision.deadline == paris(2024, 9, 11, 8, 0)


def test_late_online_means_contact_the_alsh(alsh: CommunePolicy) -> None:
    # « Passé ces délais il vous sera impossible d'inscrire/désinscrire vos enfants en ligne.
    # Votre solution, contacter l'ALSH afin de procéder à l'inscription ou l'annulation. »
    decision = alsh.decide(change(ChangeAction.CANCEL, "soir", THURSDAY, 2024, 9, 18, 9))
    assert decision.reason is Reason.TOO_LATE_CONTACT
    assert "contactez l'ALSH" in decision.explain()


@pytest.mark.parametrize(("code", "surcharged"), [("matin", "4.00"), ("soir", "10.00")])
def test_late_periscolaire_add_costs_4_or_10_euros(
    alsh: CommunePolicy, code: str, surcharged: str
) -> None:
    # « Périscolaire Hors délais (- 48h) : Un ajout vous sera facturé d'un tarif majoré (4€ le
    # matin / 10€ le soir) »
    decision = alsh.decide(change(ChangeAction.ADD, code, THURSDAY, 2024, 9, 18, 9, office=True))
    assert decision.status is DecisionStatus.ACCEPTED_LATE
    assert decision.charge == Money.euros(surcharged)


def test_late_wednesday_add_costs_the_day_price_plus_3_euros(alsh: CommunePolicy) -> None:
    # « Mercredi et Vacances (- 7 jours) : Un ajout vous sera facturé d'un tarif majoré (tarif
    # journée + 3€) »
    wednesday = date(2024, 9, 18)
    decision = alsh.decide(
        change(ChangeAction.ADD, "mercredi", wednesday, 2024, 9, 12, 9, office=True)
    )
    day_price = alsh.price("mercredi", wednesday).unit_price
    assert decision.charge == day_price + Money.euros(3)


def test_late_cancellation_is_billed_the_price_of_the_service(alsh: CommunePolicy) -> None:
    # « Une annulation vous sera facturé le prix du service »
    decision = alsh.decide(
        change(ChangeAction.CANCEL, "soir", THURSDAY, 2024, 9, 18, 9, office=True)
    )
    assert decision.reason is Reason.LATE_STILL_CHARGED
    assert decision.charge == alsh.price("soir", THURSDAY).unit_price
    assert decision.explain().startswith("Annulation hors délai : le délai (2 jours ouvrés")


def test_every_tuesday_of_the_period(alsh: CommunePolicy) -> None:
    # « J'ouvre pour la période du 01/09/2021 au 04/07/2022, si je coche périscolaire soir le
    # mardi, cela signifie que mon enfant sera inscrit tous les mardis de l'année. »
    expansion = alsh.calendar.expand(
        alsh.service("soir").kind, date(2021, 9, 1), date(2022, 7, 4), weekdays=frozenset({1})
    )
    assert all(day.weekday() == 1 for day in expansion.days)
    assert expansion.days[0] == date(2021, 9, 7)
    assert {skipped.reason.value for skipped in expansion.skipped} <= {
        "public_holiday",
        "school_holiday",
        "closure",
    }
    result = alsh.booking.decide_period(
        ["c1"], "soir", expansion.days, ChangeAction.ADD, paris(2021, 8, 25, 20)
    )
    assert result.accepted_days() == expansion.days


def test_request_states_and_the_month_invoice(alsh: CommunePolicy) -> None:
    # « Demande en cours / Demande validée / Demande d'annulation / Demande refusée »; all services
    # « postfacturation ».
    assert alsh.payment_scheme is PaymentScheme.POSTFACTURATION
    add = alsh.decide(change(ChangeAction.ADD, "soir", THURSDAY, 2024, 9, 10, 9))
    booking = submit(add, auto_validate=alsh.booking.auto_validate)
    assert booking is not None
    assert booking.state is RequestState.PENDING
    booking = booking.transition(RequestState.VALIDATED)
    late_cancel = alsh.decide(
        change(ChangeAction.CANCEL, "soir", THURSDAY, 2024, 9, 18, 9, office=True)
    )
    cancelled = submit(late_cancel, booking)
    assert cancelled is not None
    assert cancelled.state is RequestState.CANCELLATION_REQUESTED
    cancelled = cancelled.transition(RequestState.CANCELLED)
    invoice = build_invoice(
        [cancelled, Booking("c1", "repas", THURSDAY)],
        alsh.pricer(),
        start=date(2024, 9, 1),
        end=date(2024, 9, 30),
        decided_charges=decided_charges([late_cancel]),
    )
    kinds = {line.service_code: line.kind for line in invoice.lines}
    assert kinds == {"soir": LineKind.DECIDED, "repas": LineKind.BOOKED}
    assert (
        invoice.total
        == alsh.price("soir", THURSDAY).unit_price + alsh.price("repas", THURSDAY).unit_price
    )


def test_the_name_families_see(alsh: CommunePolicy) -> None:
    assert alsh.name == "Espace famille ALSH (postfacturation)"


@pytest.mark.parametrize(
    ("code", "day", "on_time", "late"),
    [
        # « 48h jours ouvrés pour le périscolaire »: a cancellation for Thursday by Tuesday, at
        # the service's start time; the restaurant and the étude follow the périscolaire.
        ("soir", THURSDAY, (2024, 9, 17, 16, 29), (2024, 9, 17, 16, 30)),
        ("matin", THURSDAY, (2024, 9, 17, 7, 29), (2024, 9, 17, 7, 30)),
        ("repas", THURSDAY, (2024, 9, 17, 11, 44), (2024, 9, 17, 11, 45)),
        ("etude", THURSDAY, (2024, 9, 17, 16, 29), (2024, 9, 17, 16, 30)),
        # « 5 jours ouvrés pour les mercredis et vacances »: one week before, at 8:00.
        ("mercredi", date(2024, 9, 18), (2024, 9, 11, 7, 59), (2024, 9, 11, 8, 0)),
        ("vacances", date(2024, 10, 23), (2024, 10, 16, 7, 59), (2024, 10, 16, 8, 0)),
    ],
)
@pytest.mark.parametrize("action", [ChangeAction.ADD, ChangeAction.CANCEL])
def test_each_service_closes_its_changes_as_the_guide_says(
    alsh: CommunePolicy,
    action: ChangeAction,
    code: str,
    day: date,
    on_time: tuple[int, ...],
    late: tuple[int, ...],
) -> None:
    assert alsh.decide(change(action, code, day, *on_time)).status is DecisionStatus.ACCEPTED
    assert alsh.decide(change(action, code, day, *late)).reason is Reason.TOO_LATE_CONTACT


@pytest.mark.parametrize("code", ["repas", "etude", "matin", "soir", "mercredi", "vacances"])
def test_a_late_cancellation_at_the_alsh_is_billed_the_price_of_the_service(
    alsh: CommunePolicy, code: str
) -> None:
    # « Une annulation vous sera facturé le prix du service », for the périscolaire and for
    # Wednesdays and holidays; the restaurant and the étude follow the périscolaire.
    day = (
        date(2024, 10, 23)
        if code == "vacances"
        else date(2024, 9, 18 if code == "mercredi" else 19)
    )
    decision = alsh.decide(
        change(ChangeAction.CANCEL, code, day, day.year, day.month, day.day - 1, 7, office=True)
    )
    assert decision.reason is Reason.LATE_STILL_CHARGED
    assert decision.charge == alsh.price(code, day).unit_price


@pytest.mark.parametrize("code", ["repas", "etude"])
def test_a_late_meal_or_etude_added_at_the_alsh_costs_the_normal_price(
    alsh: CommunePolicy, code: str
) -> None:
    decision = alsh.decide(change(ChangeAction.ADD, code, THURSDAY, 2024, 9, 18, 9, office=True))
    assert decision.status is DecisionStatus.ACCEPTED_LATE
    assert decision.charge == alsh.price(code, THURSDAY).unit_price


def test_a_late_holiday_day_added_at_the_alsh_costs_the_day_price_plus_3_euros(
    alsh: CommunePolicy,
) -> None:
    # « Mercredi et Vacances (- 7 jours) : … tarif journée + 3€ »
    day = date(2024, 10, 23)
    decision = alsh.decide(change(ChangeAction.ADD, "vacances", day, 2024, 10, 21, 9, office=True))
    assert decision.charge == alsh.price("vacances", day).unit_price + Money.euros(3)


def test_only_a_validated_account_books_only_a_registered_child(alsh: CommunePolicy) -> None:
    # « … un lien qui vous permettra d'activer votre compte. … sélectionner l'enfant de votre
    # foyer concerné par l'inscription. »
    family = Family("F1", children=(Child("c1", "Louise", date(2017, 1, 1)),))
    add = change(ChangeAction.ADD, "soir", THURSDAY, 2024, 9, 10, 9)
    registered = {("c1", "soir")}
    not_activated = FamilyAccount(family, registrations=registered)
    assert alsh.decide(add, account=not_activated).reason is Reason.ACCOUNT_NOT_VALIDATED
    not_registered = FamilyAccount(family, account_validated=True)
    assert alsh.decide(add, account=not_registered).reason is Reason.CHILD_NOT_REGISTERED
    both = FamilyAccount(family, account_validated=True, registrations=registered)
    assert alsh.decide(add, account=both).status is DecisionStatus.ACCEPTED


def test_payment_by_card_or_direct_debit_after_the_month(alsh: CommunePolicy) -> None:
    # « RESTAURATION SCOLAIRE - postfacturation, ETUDE DIRIGEE - postfacturation, ALSH -
    # postfacturation »; the guide names no payment mode: card and direct debit are assumed.
    assert alsh.payment_modes == {PaymentMode.CARD, PaymentMode.DIRECT_DEBIT}
    assert {alsh.scheme_of(service.code) for service in alsh.services} == {
        PaymentScheme.POSTFACTURATION
    }
    assert alsh.calendar.zone is Zone.C
