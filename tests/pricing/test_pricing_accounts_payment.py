"""Payment modes, payments in euros and in paper tickets, unit prices."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import InvalidTypeError, InvalidValueError, Money, NegativeAmountError
from cantine_rules.pricing.accounts import (
    Payment,
    PaymentMode,
    PricedUnit,
    TicketCountError,
    UnknownPaymentModeError,
    ZeroAmountError,
    flat_pricer,
    ticket_count,
)
from tests._helpers import refusal


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("card", PaymentMode.CARD),
        ("CHEQUE", PaymentMode.CHEQUE),
        (" transfer ", PaymentMode.TRANSFER),
        ("direct_debit", PaymentMode.DIRECT_DEBIT),
        ("payfip", PaymentMode.PAYFIP),
        (" Cash ", PaymentMode.CASH),
        ("tickets", PaymentMode.TICKETS),
        (PaymentMode.CARD, PaymentMode.CARD),
    ],
)
def test_payment_modes_parse(text: str, mode: PaymentMode) -> None:
    assert PaymentMode.parse(text) is mode


@pytest.mark.parametrize("bad", ["bitcoin", "", "carte", None, 3])
def test_an_unknown_payment_mode_lists_the_known_ones(bad: object) -> None:
    with pytest.raises(UnknownPaymentModeError) as caught:
        PaymentMode.parse(bad)
    assert caught.value.field == "payment_mode"
    assert caught.value.value == bad
    assert caught.value.known == (
        "card",
        "cash",
        "cheque",
        "direct_debit",
        "payfip",
        "tickets",
        "transfer",
    )
    assert "known: card, cash, cheque, direct_debit, payfip, tickets, transfer" in str(caught.value)
    assert isinstance(caught.value, LookupError)


def test_seed_001_tickets_are_counted_in_tickets_not_euros() -> None:
    # Seed 001: « les personnes qui auraient encore en leur possession des tickets cantine, il
    # vous faudra vous présenter en mairie pour faire les réservations et payer avec ce mode
    # paiement là jusqu'à écoulement de ceux-ci ».
    payment = Payment.in_tickets(4)
    assert payment.mode is PaymentMode.TICKETS
    assert payment.tickets == 4
    assert payment.amount == Money.zero()
    assert PaymentMode.TICKETS.counts_tickets
    assert not any(mode.counts_tickets for mode in PaymentMode if mode is not PaymentMode.TICKETS)


@pytest.mark.parametrize("bad", [0, -1, 2.0, 1.5, "3", True, None])
def test_a_ticket_count_must_be_a_whole_positive_number(bad: object) -> None:
    with pytest.raises(TicketCountError) as caught:
        Payment.in_tickets(bad)  # type: ignore[arg-type]
    assert caught.value.field == "tickets"
    assert caught.value.value == bad
    with pytest.raises(TicketCountError):
        ticket_count(bad, "tickets")


def test_a_euro_payment_must_be_above_zero() -> None:
    with pytest.raises(NegativeAmountError) as negative:
        Payment.euros("card", Money.euros("-1"))
    assert negative.value.field == "amount"
    with pytest.raises(ZeroAmountError) as zero:
        Payment.euros(PaymentMode.CHEQUE, Money.zero())
    assert zero.value.field == "amount"
    with pytest.raises(InvalidTypeError):
        Payment.euros("card", "3.60")  # type: ignore[arg-type]


def test_a_euro_payment_cannot_be_made_in_tickets_and_vice_versa() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Payment(PaymentMode.TICKETS, Money.euros("3.60"), 1)
    assert caught.value.field == "amount"
    with pytest.raises(InvalidValueError) as tickets:
        Payment(PaymentMode.CARD, Money.euros("3.60"), 1)
    assert tickets.value.field == "tickets"
    with pytest.raises(UnknownPaymentModeError) as mode:
        Payment.euros("espèces", Money.euros("1"))
    assert mode.value.field == "mode"


def test_priced_unit_validity() -> None:
    unit = PricedUnit(
        Money.euros("2.28"), "Tarif 4", valid_from=date(2024, 9, 1), valid_until=date(2025, 8, 31)
    )
    assert unit.is_versioned
    assert unit.holds_on(date(2025, 8, 31))
    assert not unit.holds_on(date(2025, 9, 1))
    assert not PricedUnit(Money.euros("1"), "x").is_versioned
    with pytest.raises(InvalidValueError) as caught:
        PricedUnit(Money.euros("1"), "x", valid_from=date(2024, 9, 2), valid_until=date(2024, 9, 1))
    assert caught.value.field == "valid_until"
    with pytest.raises(NegativeAmountError):
        PricedUnit(Money.euros("-1"), "x")


def test_flat_pricer_prices_every_day_the_same() -> None:
    pricer = flat_pricer(Money.euros("3.60"), "à l'unité")
    assert pricer("a", "b", date(2016, 9, 1)) == pricer("c", "d", date(2030, 1, 1))


def test_a_ticket_count_that_is_not_a_whole_number_of_at_least_one_is_refused() -> None:
    assert refusal(lambda: Payment("tickets", Money.zero(), tickets=0)) == (
        "TicketCountError",
        "tickets",
        0,
        "tickets: must be a whole number of tickets, at least 1 (got 0)",
    )
