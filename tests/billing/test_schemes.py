"""The payment scheme of each service: invoice, basket and wallet side by side; the properties."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import Child, Money, policies
from cantine_rules.billing import BillResult, WalletEventKind, bill
from cantine_rules.billing._schemes import wallet_events
from cantine_rules.errors import PolicyError
from cantine_rules.plain import BookingSpec, PaymentSpec, Scenario
from cantine_rules.pricing.accounts import (
    Ledger,
    PaymentScheme,
    Prepayment,
    ServicePayment,
    Wallet,
    WalletStatus,
)
from cantine_rules.sources import Source

ROOT = Path(__file__).resolve().parents[2]
SARAH = Child("sarah", "Sarah", date(2015, 11, 20))
OCTOBER = (date(2024, 10, 1), date(2024, 10, 31))

# The ALSH of seed 002 bills everything after the month; a règlement's « paiement anticipé
# correspondant à 100% de la somme … avant la clôture des inscriptions » for the holidays makes
# its vacances paid at booking while its périscolaire stays billed after the month.
HOLIDAYS_PAID_AT_BOOKING = attrs.evolve(
    policies.get("alsh-postfacturation"),
    payment_by_service=(
        ServicePayment(
            "vacances",
            PaymentScheme.IMMEDIATE,
            Source.example("paiement anticipé correspondant à 100% de la somme"),
            Prepayment(),
        ),
    ),
)


def mixed(*payments: PaymentSpec) -> BillResult:
    scenario = Scenario(
        "alsh-postfacturation",
        *OCTOBER,
        "F-9",
        children=(SARAH,),
        bookings=(
            BookingSpec("sarah", "repas", days=(date(2024, 10, 14), date(2024, 10, 15))),
            BookingSpec("sarah", "vacances", days=(date(2024, 10, 21), date(2024, 10, 22))),
        ),
        payments=payments,
    )
    return bill(scenario, policy=HOLIDAYS_PAID_AT_BOOKING)


def test_each_service_is_paid_by_its_own_scheme() -> None:
    assert HOLIDAYS_PAID_AT_BOOKING.scheme_of("vacances") is PaymentScheme.IMMEDIATE
    assert HOLIDAYS_PAID_AT_BOOKING.scheme_of("repas") is PaymentScheme.POSTFACTURATION
    result = mixed(
        PaymentSpec(date(2024, 10, 2), Money.euros("24.00"), "card", "CB-VAC", scheme="immediate")
    )
    # The meals are on the invoice; the two holiday days (12,00 € each) are in the basket.
    assert [line.service_code for line in result.invoice.lines] == ["repas", "repas"]
    assert result.invoice.total == Money.euros("7.00")
    assert result.basket is not None
    assert [line.service_code for line in result.basket.lines] == ["vacances", "vacances"]
    assert (result.basket.to_pay, result.basket.paid) == (Money.euros("24.00"), True)
    assert result.wallet is None
    # The account: the basket paid and its payment cancel out; the invoice is still owed.
    assert result.statement.balance == Money.euros("-7.00")


def test_an_unpaid_holiday_basket_books_nothing_but_the_invoice_stands() -> None:
    result = mixed()
    assert result.basket is not None
    assert not result.basket.paid
    assert {booking.service_code for booking in result.bookings} == {"repas"}
    assert result.invoice.total == Money.euros("7.00")


def test_a_payment_towards_a_scheme_the_commune_does_not_use_is_reported() -> None:
    with pytest.raises(PolicyError) as caught:
        mixed(PaymentSpec(date(2024, 10, 2), Money.euros("5"), "card", "CB-1", scheme="prepaid"))
    [problem] = caught.value.problems
    assert problem.path == "payments[0].scheme"
    assert "immediate, postfacturation" in problem.message


def test_tickets_where_the_commune_takes_none_are_reported_at_their_mode() -> None:
    with pytest.raises(PolicyError) as caught:
        mixed(PaymentSpec(date(2024, 10, 2), Money.zero(), "tickets", "T-1", tickets=2))
    assert [problem.path for problem in caught.value.problems] == ["payments[0].mode"]


def test_a_payment_in_another_currency_is_bad_input_with_its_path(tmp_path: Path) -> None:
    scenario = (ROOT / "examples" / "scenarios" / "lutins-gourmands.toml").read_text("utf-8")
    bad = tmp_path / "usd.toml"
    bad.write_text(scenario + 'currency = "USD"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cantine_rules", "bill", str(bad), "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "payments[0].currency: must be EUR" in result.stderr + result.stdout


# Properties --------------------------------------------------------------------------------------

amounts = st.integers(min_value=1, max_value=6000).map(lambda cents: Money(cents))
movements = st.lists(st.tuples(st.booleans(), amounts), max_size=30)


@given(
    opening=st.integers(min_value=-3000, max_value=6000).map(lambda cents: Money(cents)),
    threshold=st.integers(min_value=0, max_value=5000).map(lambda cents: Money(cents)),
    moves=movements,
)
def test_a_wallet_event_fires_exactly_on_a_crossing(
    opening: Money, threshold: Money, moves: list[tuple[bool, Money]]
) -> None:
    # The oracle is the wallet's own status (in credit / low / escalated), asked after each
    # movement: an event fires where, and only where, that status crosses downwards.
    wallet = Wallet(alert_threshold=threshold, accepted_modes=["card"])
    day = date(2024, 9, 2)
    if not opening.is_zero():
        ledger = Ledger().credit(day, opening, "REPORT") if opening.cents > 0 else None
        ledger = ledger or Ledger().debit(day, -opening, "REPORT")
        wallet = attrs.evolve(wallet, ledger=ledger)
    statuses = [wallet.status]
    for is_credit, amount in moves:
        if is_credit:
            wallet = wallet.credit(day, amount, "card", "CB")
        else:
            wallet = wallet.debit(day, amount, "repas")
        statuses.append(wallet.status)
    rows = wallet.ledger.rows()[0 if opening.is_zero() else 1 :]
    events = wallet_events(opening, rows, threshold)
    expected = []
    for before, after, row in zip(statuses[:-1], statuses[1:], rows, strict=True):
        if before is WalletStatus.IN_CREDIT and after is not WalletStatus.IN_CREDIT:
            expected.append((WalletEventKind.LOW_BALANCE, row.balance))
        if before is not WalletStatus.ESCALATED and after is WalletStatus.ESCALATED:
            expected.append((WalletEventKind.NEGATIVE, row.balance))
    assert [(event.kind, event.balance) for event in events] == expected


NOVEMBER = [date(2024, 11, 4) + timedelta(days=offset) for offset in range(26)]
SCHOOL_DAYS = [day for day in NOVEMBER if day.weekday() in (0, 1, 3, 4) and day.day != 11]
LUCAS = Child("lucas", "Lucas", date(2016, 9, 9))


@st.composite
def chantraine_periods(draw: st.DrawFn) -> Scenario:
    meals = draw(st.lists(st.sampled_from(SCHOOL_DAYS), unique=True, max_size=12))
    evenings = draw(st.lists(st.sampled_from(SCHOOL_DAYS), unique=True, max_size=6))
    payments = draw(
        st.lists(
            st.builds(
                PaymentSpec,
                st.sampled_from(NOVEMBER),
                amounts,
                st.sampled_from(["card", "cheque", "transfer"]),
                st.sampled_from(["CB-1", "CHQ-2", "VIR-3"]),
            ),
            max_size=5,
        )
    )
    opening = Money(draw(st.integers(min_value=-2000, max_value=6000)))
    return Scenario(
        "chantraine",
        NOVEMBER[0],
        NOVEMBER[-1],
        "CH-1",
        children=(LUCAS,),
        bookings=(
            BookingSpec("lucas", "repas", days=meals),
            BookingSpec("lucas", "garderie-soir", days=evenings),
        ),
        payments=payments,
        opening_balance=opening,
    )


@settings(max_examples=40, deadline=None)
@given(chantraine_periods(), st.randoms(use_true_random=False))
def test_credits_minus_debits_is_the_balance_at_every_row_whatever_the_order(
    scenario: Scenario, random: object
) -> None:
    result = bill(scenario)
    wallet = result.wallet
    assert wallet is not None
    for rows in (wallet.rows, result.statement.rows):
        running = 0
        for row in rows:
            running += row.credit.cents - row.debit.cents
            assert row.balance.cents == running
    assert wallet.balance == result.statement.balance
    # The same inputs in another order bill the same.
    shuffled = list(scenario.payments)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    bookings = tuple(reversed(scenario.bookings))
    again = bill(attrs.evolve(scenario, payments=tuple(shuffled), bookings=bookings))
    assert again.wallet == wallet
    assert again.statement == result.statement


@settings(max_examples=30, deadline=None)
@given(
    days=st.lists(st.sampled_from(SCHOOL_DAYS), unique=True, min_size=1, max_size=8),
    owed=st.integers(min_value=0, max_value=2000),
    in_tickets=st.booleans(),
)
def test_a_paid_basket_settles_exactly_its_a_payer(
    days: list[date], owed: int, in_tickets: bool
) -> None:
    lines = len(days)
    restant = Money(owed)
    to_pay = Money(360 * lines + owed)  # « à l'unité 3.60€ » each, and the restant dû
    payment = (
        PaymentSpec(days[0], Money.zero(), "tickets", "T", tickets=lines)
        if in_tickets
        else PaymentSpec(days[0], to_pay, "payfip", "PF")
    )
    scenario = Scenario(
        "lutins-gourmands",
        NOVEMBER[0],
        NOVEMBER[-1],
        "LG-1",
        children=(Child("louise", "Louise", date(2011, 5, 4)),),
        bookings=(BookingSpec("louise", "cantine", days=days),),
        payments=(payment,),
        opening_balance=-restant,
    )
    result = bill(scenario)
    basket = result.basket
    assert basket is not None
    assert basket.to_pay == to_pay
    assert basket.paid
    assert basket.outstanding == (restant if in_tickets else Money.zero())
    assert result.statement.balance == -basket.outstanding
    assert len(result.bookings) == lines
