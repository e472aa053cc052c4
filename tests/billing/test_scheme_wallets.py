"""The prepaid wallet of a bill in detail: its opening, its movements and their modes, where its
events fall; a basket paid in tickets and euros that does not match « A payer »."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

from cantine_rules import Child, Money, PolicyError, policies
from cantine_rules.billing import BillResult, WalletEventKind, bill
from cantine_rules.billing._schemes import wallet_events
from cantine_rules.plain import BookingSpec, PaymentSpec, Scenario, load_scenario
from cantine_rules.pricing.accounts import (
    EntryType,
    Ledger,
    PaymentMode,
    PaymentScheme,
    ServicePayment,
)
from cantine_rules.sources import Source

ROOT = Path(__file__).resolve().parents[2]
SARAH = Child("sarah", "Sarah", date(2015, 11, 20))
LUCAS = Child("lucas", "Lucas", date(2016, 9, 9))

# The ALSH of seed 002 bills after the month; here its holidays are taken from a prepaid wallet
# with a reminder at 20,00 €, while the commune's own scheme stays the invoice.
HOLIDAYS_PREPAID = attrs.evolve(
    policies.get("alsh-postfacturation"),
    payment_by_service=(
        ServicePayment(
            "vacances", PaymentScheme.PREPAID, Source.example("a prepaid wallet for the holidays")
        ),
    ),
    wallet_alert_threshold=Money.euros("20"),
)


def holidays(opening: str, *payments: PaymentSpec) -> BillResult:
    scenario = Scenario(
        "alsh-postfacturation",
        date(2024, 10, 1),
        date(2024, 10, 31),
        "F-9",
        children=(SARAH,),
        bookings=(BookingSpec("sarah", "vacances", days=(date(2024, 10, 21), date(2024, 10, 22))),),
        payments=payments,
        opening_balance=Money.euros(opening),
    )
    return bill(scenario, policy=HOLIDAYS_PREPAID)


def test_a_wallet_beside_the_invoice_opens_empty_the_balance_carried_stays_on_the_statement() -> (
    None
):
    # The balance carried over (a debt of 5,00 €) belongs to the commune's own scheme, the
    # invoice: the wallet starts at 0,00 € and holds only its credits and consumptions.
    result = holidays(
        "-5.00",
        PaymentSpec(date(2024, 10, 2), Money.euros("30"), "card", "CB-7", scheme="prepaid"),
    )
    wallet = result.wallet
    assert wallet is not None
    assert (wallet.opening, wallet.threshold) == (Money.zero(), Money.euros("20"))
    assert [(row.day, row.reference, str(row.balance.amount)) for row in wallet.rows] == [
        (date(2024, 10, 2), "CB-7", "30.00"),
        (date(2024, 10, 21), "sarah/vacances/2024-10-21", "18.00"),
        (date(2024, 10, 22), "sarah/vacances/2024-10-22", "6.00"),
    ]
    assert [entry.mode for entry in wallet.ledger.entries] == [PaymentMode.CARD, None, None]
    assert [(e.kind, e.day, e.balance) for e in wallet.events] == [
        (WalletEventKind.LOW_BALANCE, date(2024, 10, 21), Money.euros("18.00"))
    ]
    assert result.statement.rows[0].reference == "REPORT"


def test_a_wallet_beside_the_invoice_goes_negative_from_zero_whatever_was_carried() -> None:
    # No payment: the first holiday day takes the empty wallet below zero (it was already
    # under the threshold: no reminder). The debt carried over is the invoice's, not the
    # wallet's, so it does not hide the crossing.
    wallet = holidays("-5.00").wallet
    assert wallet is not None
    assert [(e.kind, e.day, e.balance) for e in wallet.events] == [
        (WalletEventKind.NEGATIVE, date(2024, 10, 21), Money.euros("-12.00")),
    ]


def chantraine(opening: str) -> BillResult:
    # « à partir de 30 € vous serez relancer par mail et sms » (seed 000), a meal at 3,50 €.
    scenario = Scenario(
        "chantraine",
        date(2024, 11, 4),
        date(2024, 11, 8),
        "CH-1",
        children=(LUCAS,),
        bookings=(BookingSpec("lucas", "repas", days=(date(2024, 11, 4), date(2024, 11, 5))),),
        opening_balance=Money.euros(opening),
    )
    return bill(scenario)


def test_the_first_meal_after_the_balance_carried_can_fire_the_reminder() -> None:
    wallet = chantraine("31.00").wallet
    assert wallet is not None
    assert [(e.kind, e.day, e.balance) for e in wallet.events] == [
        (WalletEventKind.LOW_BALANCE, date(2024, 11, 4), Money.euros("27.50"))
    ]


def test_an_empty_wallet_goes_negative_on_the_first_meal() -> None:
    wallet = chantraine("0").wallet
    assert wallet is not None
    assert wallet.opening == Money.zero()
    # Already under 30,00 €: no reminder, only the crossing of zero.
    assert [(e.kind, e.day, e.balance) for e in wallet.events] == [
        (WalletEventKind.NEGATIVE, date(2024, 11, 4), Money.euros("-3.50")),
    ]


def test_tickets_and_euros_that_do_not_pay_the_restant_du_are_reported_at_the_euros() -> None:
    # Seed 001: the restant dû « à régulariser lors de votre prochaine réservation ». Two
    # tickets pay the two meals; the 1,00 € beside them is not the 2,00 € still owed.
    scenario = Scenario(
        "lutins-gourmands",
        date(2024, 11, 4),
        date(2024, 11, 8),
        "LG-1",
        children=(Child("louise", "Louise", date(2011, 5, 4)),),
        bookings=(BookingSpec("louise", "cantine", days=(date(2024, 11, 4), date(2024, 11, 5))),),
        payments=(
            PaymentSpec(date(2024, 11, 4), Money.zero(), "tickets", "T-1", tickets=2),
            PaymentSpec(date(2024, 11, 4), Money.euros("1.00"), "payfip", "PF-1"),
        ),
        opening_balance=Money.euros("-2.00"),
    )
    with pytest.raises(PolicyError) as caught:
        bill(scenario)
    assert [problem.path for problem in caught.value.problems] == ["payments[1].amount"]


def test_the_reminder_fires_at_30_euros_exactly_and_not_from_30_euros() -> None:
    # « à partir de 30 € vous serez relancer par mail et sms » (seed 000): coming down to
    # 30,00 € is a crossing; going lower from 30,00 € is not, the family was already reminded.
    day, threshold = date(2024, 11, 4), Money.euros("30")
    down_to = Ledger().credit(day, Money.euros("35"), "REPORT").debit(day, Money.euros("5"), "r")
    assert [
        (e.kind, e.balance) for e in wallet_events(Money.euros("35"), down_to.rows()[1:], threshold)
    ] == [(WalletEventKind.LOW_BALANCE, Money.euros("30.00"))]
    below = Ledger().credit(day, Money.euros("30"), "REPORT").debit(day, Money.euros("3.50"), "r")
    assert wallet_events(Money.euros("30"), below.rows()[1:], threshold) == ()


def test_the_statement_names_the_balance_carried_and_the_basket_paid() -> None:
    # A credit carried over is an adjustment, not a payment; the basket paid through PayFiP
    # (seed 001) is debited as « Paiement immédiat ».
    [carried, *_] = chantraine("31.00").statement.rows
    assert (carried.reference, carried.type, carried.credit) == (
        "REPORT",
        EntryType.ADJUSTMENT,
        Money.euros("31.00"),
    )
    scenario = load_scenario(ROOT / "examples" / "scenarios" / "lutins-gourmands.toml")
    paid = bill(scenario).statement.rows[1]
    assert (paid.type, paid.label, paid.debit) == (
        EntryType.CONSUMPTION,
        "Paiement immédiat",
        Money.euros("14.40"),
    )


def test_tickets_where_the_commune_takes_none_are_a_problem_of_the_scenario() -> None:
    tickets = PaymentSpec(date(2024, 10, 2), Money.zero(), "tickets", "T-1", tickets=2)
    with pytest.raises(PolicyError) as caught:
        holidays("0", tickets)
    assert caught.value.source == "scenario"
    assert [str(problem) for problem in caught.value.problems] == [
        "payments[0].mode: alsh-postfacturation takes no tickets"
    ]
