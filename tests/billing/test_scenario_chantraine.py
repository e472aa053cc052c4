"""Seed 000, Chantraine, replayed end to end: 48 h, the certificate, the wallet and its events.

Each assertion quotes the sentence of the seed it comes from.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

from cantine_rules import Money
from cantine_rules.billing import BillResult, WalletEventKind, bill
from cantine_rules.errors import PolicyError
from cantine_rules.plain import load_scenario
from cantine_rules.pricing.accounts import EntryType

SCENARIO = Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "chantraine.toml"


# Billed again for each test (a few milliseconds): mutation testing then sees that every test
# reaches the billing functions, not only the first one of the module.
@pytest.fixture
def result() -> BillResult:
    return bill(load_scenario(SCENARIO))


def test_changes_count_48_hours_before_the_meal(result: BillResult) -> None:
    # « Attention les réservations sont prises en compte 48h avant le repas »: the meal starts at
    # 11:45, so a cancellation at 11:44:59 two days before is taken, one at 11:45:00 is not.
    decided = [(d.change.day, d.status.value, d.reason.value) for d in result.decisions]
    assert decided == [
        (date(2024, 11, 8), "refused", "too_late"),
        (date(2024, 11, 19), "accepted", "on_time"),
        (date(2024, 11, 22), "refused", "too_late"),
    ]


def test_each_service_is_taken_from_the_wallet_on_its_day(result: BillResult) -> None:
    # « Porte-monnaie »: the wallet is debited when the service is consumed, line by line. The
    # meal of 14 November is not taken: « bien justifier les absences en cas de maladie par un
    # certificat médical »; nor that of 19 November, cancelled in time; nor 11 November (a
    # public holiday). The refused cancellations leave 8 and 22 November booked, so taken.
    wallet = result.wallet
    assert wallet is not None
    meal, garderie = Money.euros("3.50"), Money.euros("2.00")
    debits = [(row.day, row.reference, row.debit) for row in wallet.rows if not row.debit.is_zero()]
    days = (4, 5, 7, 8, 12, 15, 18, 21, 22, 25, 26, 28, 29)
    expected = [(date(2024, 11, d), f"lucas/repas/2024-11-{d:02d}", meal) for d in days]
    expected += [
        (date(2024, 11, d), f"lucas/garderie-soir/2024-11-{d:02d}", garderie) for d in (5, 7)
    ]
    assert sorted(debits) == sorted(expected)
    # Taken as the day goes: on 5 November, the lunch (11:45) before the garderie (16:30).
    fifth = [row.reference for row in wallet.rows if row.day == date(2024, 11, 5)]
    assert fifth == ["lucas/repas/2024-11-05", "lucas/garderie-soir/2024-11-05"]
    assert all(row.type is EntryType.CONSUMPTION for row in wallet.rows if not row.debit.is_zero())


def test_the_balance_through_time(result: BillResult) -> None:
    # « Vous pourrez interroger votre compte »: every row with the balance after it, from the
    # 35,00 € carried over to the cheque of 25 November (« carte bancaire, chèque et virement »).
    wallet = result.wallet
    assert wallet is not None
    balances = [str(row.balance.amount) for row in wallet.rows]
    assert balances == [
        "35.00",  # carried over
        "31.50",  # 4/11 meal
        "28.00",  # 5/11 meal at 11:45
        "26.00",  # 5/11 garderie at 16:30
        "22.50",  # 7/11 meal
        "20.50",  # 7/11 garderie
        "17.00",  # 8/11 meal (late cancellation refused)
        "13.50",  # 12/11
        "10.00",  # 15/11 (14/11 justified by a certificate)
        "6.50",  # 18/11 (19/11 cancelled in time)
        "3.00",  # 21/11
        "-0.50",  # 22/11 (late cancellation refused)
        "39.50",  # 25/11 cheque of 40,00 €, credited before the meal of the day
        "36.00",  # 25/11 meal
        "32.50",  # 26/11
        "29.00",  # 28/11
        "25.50",  # 29/11
    ]
    assert wallet.balance == result.statement.balance == Money.euros("25.50")


def test_the_reminder_at_30_euros_and_the_negative_account(result: BillResult) -> None:
    # « à partir de 30 € vous serez relancer par mail et sms »: on the way down through 30 €,
    # again after the cheque lifted it above 30 €. « Tous les comptes négatifs seront
    # immédiatement rappelés par le service comptable de la mairie et si non règlement
    # directement transmis au contentieux du trésor public »: once, when it goes below zero.
    wallet = result.wallet
    assert wallet is not None
    assert wallet.threshold == Money.euros("30")
    assert [(e.kind, e.day, e.balance) for e in wallet.events] == [
        (WalletEventKind.LOW_BALANCE, date(2024, 11, 5), Money.euros("28.00")),
        (WalletEventKind.NEGATIVE, date(2024, 11, 22), Money.euros("-0.50")),
        (WalletEventKind.LOW_BALANCE, date(2024, 11, 28), Money.euros("29.00")),
    ]


def test_a_prepaid_commune_issues_no_invoice_and_no_basket(result: BillResult) -> None:
    # « Créditez votre compte … qui doit toujours être crédité »: prepaid, never billed after.
    assert result.invoice.total == Money.zero()
    assert result.invoice.lines == ()
    assert result.basket is None


def test_the_wallet_is_credited_only_by_the_commune_s_modes(result: BillResult) -> None:
    # « Vous allez dans le bouton porte-monnaie, choisir le mode de règlement carte bancaire,
    # chèque et virement »: a PayFiP payment is not one of them.
    payfip = attrs.evolve(result.scenario.payments[0], mode="payfip")
    with pytest.raises(PolicyError) as caught:
        bill(attrs.evolve(result.scenario, payments=(payfip,)))
    [problem] = caught.value.problems
    assert problem.path == "payments[0].mode"
    assert "card, cheque, transfer" in problem.message
