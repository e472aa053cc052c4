"""Chantraine (seed 000), replayed sentence by sentence."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import ClassVar

from cantine_rules import (
    Booking,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    Justification,
    Money,
)
from cantine_rules.calendar import Zone
from cantine_rules.policies import DecisionStatus, FamilyAccount, Reason, chantraine, get
from cantine_rules.pricing.accounts import PaymentMode, WalletStatus
from tests._helpers import paris
from tests.policies._commune_base import CommuneTests, FigureUse

CHANTRAINE = get("chantraine")
THURSDAY = date(2024, 9, 19)


class TestChantraine(CommuneTests):
    slug = "chantraine"
    module = chantraine
    figures: ClassVar[Mapping[str, FigureUse]] = {
        "ALERT_THRESHOLD": lambda policy: policy.wallet_alert_threshold,
        "CREDIT_MODES": lambda policy: policy.payment_modes,
    }


def test_zone_b() -> None:
    assert CHANTRAINE.calendar.zone is Zone.B


def test_reservations_taken_48h_before_the_meal() -> None:
    # « Attention les réservations sont prises en compte 48h avant le repas »
    start = paris(2024, 9, 19, 11, 45)
    on_time = BookingChange(
        ChangeAction.ADD, "c1", "repas", THURSDAY, start - timedelta(hours=48, seconds=1)
    )
    late = BookingChange(ChangeAction.ADD, "c1", "repas", THURSDAY, start - timedelta(hours=48))
    assert CHANTRAINE.decide(on_time).status is DecisionStatus.ACCEPTED
    refused = CHANTRAINE.decide(late)
    assert refused.status is DecisionStatus.REFUSED
    assert refused.reason is Reason.TOO_LATE


def test_the_mairie_counter_does_the_same() -> None:
    # « Pour toutes les personnes ne possédant pas de moyen de connexion sur internet, passez à
    # la mairie principale aux heures d'ouverture. »
    late = BookingChange(
        ChangeAction.CANCEL, "c1", "repas", THURSDAY, paris(2024, 9, 18, 9), Channel.OFFICE
    )
    assert CHANTRAINE.decide(late).status is DecisionStatus.REFUSED


def test_the_mairie_validates_the_account_and_children_come_first() -> None:
    # « Une fois votre compte validé, la mairie va vérifier vos informations, et valider votre
    # compte à son tour. » « Vous devez ajouter vos enfants avant de planifier la cantine. »
    change = BookingChange(ChangeAction.ADD, "louise", "repas", THURSDAY, paris(2024, 9, 1, 9))
    empty = FamilyAccount(Family("F1"), account_validated=True)
    pending = FamilyAccount(Family("F1", children=(Child("louise", "Louise", date(2017, 1, 1)),)))
    ready = FamilyAccount(
        Family("F1", children=(Child("louise", "Louise", date(2017, 1, 1)),)),
        account_validated=True,
        registrations={("louise", "repas")},
    )
    assert CHANTRAINE.decide(change, account=pending).reason is Reason.ACCOUNT_NOT_VALIDATED
    assert CHANTRAINE.decide(change, account=empty).reason is Reason.CHILD_NOT_IN_FAMILY
    assert CHANTRAINE.decide(change, account=ready).status is DecisionStatus.ACCEPTED


def test_prepaid_wallet_reminder_at_30_euros_and_escalation_when_negative() -> None:
    # « choisir le mode de règlement carte bancaire, chèque et virement »; « à partir de 30 € vous
    # serez relancer par mail et sms »; « Tous les comptes négatifs seront immédiatement rappelés
    # par le service comptable de la mairie ».
    assert CHANTRAINE.payment_modes == {PaymentMode.CARD, PaymentMode.CHEQUE, PaymentMode.TRANSFER}
    assert CHANTRAINE.wallet_alert_threshold == Money.euros(30)
    pricer = CHANTRAINE.pricer()
    wallet = CHANTRAINE.wallet()
    assert wallet.alert_threshold == Money.euros(30)
    assert wallet.accepted_modes == CHANTRAINE.payment_modes
    wallet = wallet.credit(date(2024, 9, 1), Money.euros("40.00"), PaymentMode.CARD, "CB-1")
    assert wallet.status is WalletStatus.IN_CREDIT
    days = CHANTRAINE.calendar.service_days(
        CHANTRAINE.service("repas").kind, date(2024, 9, 2), date(2024, 10, 18)
    )
    statuses = []
    for day in days[:13]:
        wallet = wallet.debit_booking(Booking("louise", "repas", day), pricer)
        statuses.append(wallet.status)
    assert WalletStatus.LOW_BALANCE in statuses
    assert statuses[-1] is WalletStatus.ESCALATED
    assert (
        wallet.balance == Money.euros("40.00") - CHANTRAINE.price("repas", days[0]).unit_price * 13
    )


def test_medical_certificate_is_a_justification() -> None:
    # « bien justifier les absences en cas de maladie par un certificat médical »: a late
    # cancellation is still refused online; the absence is justified on the invoice.
    change = BookingChange(
        ChangeAction.CANCEL,
        "c1",
        "repas",
        THURSDAY,
        paris(2024, 9, 19, 8),
        justification=Justification.MEDICAL_CERTIFICATE,
    )
    assert CHANTRAINE.decide(change).status is DecisionStatus.REFUSED


def test_the_missing_figures_are_defaults() -> None:
    explained = {rule.topic: rule for rule in CHANTRAINE.explain()}
    assert explained["rules.repas"].is_default is False
    assert explained["rules.garderie-soir"].is_default is True
    assert explained["tariff.repas"].is_default is True
