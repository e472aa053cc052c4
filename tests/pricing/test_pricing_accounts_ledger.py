"""The account ledger and statement (seed 003) and the prepaid wallet (seed 000)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import (
    Booking,
    InvalidTypeError,
    InvalidValueError,
    Money,
    NegativeAmountError,
    RequestState,
)
from cantine_rules.pricing.accounts import (
    OPENING_LABEL,
    EntryType,
    Ledger,
    LedgerEntry,
    PaymentMode,
    PricedUnit,
    Side,
    UnknownPaymentModeError,
    Wallet,
    WalletStatus,
    ZeroAmountError,
    flat_pricer,
)
from tests._helpers import assert_warned_from, refusal

EUR = Money.euros
DAY = date(2024, 9, 2)
#: Seed 000's wallet, written out: « à partir de 30 € vous serez relancer par mail et sms »;
#: « choisir le mode de règlement carte bancaire, chèque et virement ».
SEED_000_WALLET = Wallet(alert_threshold=EUR("30"), accepted_modes=("card", "cheque", "transfer"))

# -- ledger -----------------------------------------------------------------------------------


def test_seed_003_an_empty_account_shows_the_opening_row_and_a_zero_balance() -> None:
    # Seed 003: « Votre solde à ce jour est de 0,00 € » and the only row
    # « 24.08.2018 SOLDE A CE JOUR 0,00€ 0,00€ 0,00€ ».
    statement = Ledger().statement(date(2018, 8, 24))
    assert statement.balance == EUR("0")
    assert statement.opening.day == date(2018, 8, 24)
    assert statement.opening.label == OPENING_LABEL == "SOLDE A CE JOUR"
    assert statement.opening.type is None
    assert (statement.opening.debit, statement.opening.credit, statement.opening.balance) == (
        EUR("0"),
        EUR("0"),
        EUR("0"),
    )
    assert statement.rows == ()
    assert statement.is_complete


def _seven_movements() -> Ledger:
    ledger = Ledger()
    ledger = ledger.credit(date(2024, 9, 2), EUR("50"), "CHQ-1", mode=PaymentMode.CHEQUE)
    ledger = ledger.debit(date(2024, 10, 1), EUR("45.60"), "F-2024-09", invoice="F-2024-09")
    ledger = ledger.credit(date(2024, 10, 5), EUR("20"), "CB-2", mode=PaymentMode.CARD)
    ledger = ledger.debit(date(2024, 11, 1), EUR("38.40"), "F-2024-10", invoice="F-2024-10")
    ledger = ledger.credit(
        date(2024, 11, 9), EUR("14.00"), "PAYFIP-3", mode=PaymentMode.PAYFIP, invoice="F-2024-10"
    )
    ledger = ledger.debit(date(2024, 12, 1), EUR("30.00"), "F-2024-11", invoice="F-2024-11")
    return ledger.credit(date(2024, 12, 10), EUR("30.00"), "PRLV-4", mode=PaymentMode.DIRECT_DEBIT)


def test_seed_003_the_statement_lists_the_5_last_movements_after_the_opening_balance() -> None:
    # Seed 003: « Relevé de compte: Date, Type, Référence, Facture, Débit, Crédit, Solde » and
    # « Liste des 5 derniers mouvements. Afficher tout ».
    ledger = _seven_movements()
    statement = ledger.statement(date(2024, 12, 31))
    assert len(statement.rows) == 5
    assert statement.hidden == 2
    assert not statement.is_complete
    # The opening row carries the balance brought forward from the two hidden movements.
    assert statement.opening.balance == EUR("50") - EUR("45.60")
    assert statement.opening.day == date(2024, 10, 5)
    assert [row.reference for row in statement.rows] == [
        "CB-2",
        "F-2024-10",
        "PAYFIP-3",
        "F-2024-11",
        "PRLV-4",
    ]
    first = statement.rows[0]
    assert (first.type, first.label, first.credit, first.balance) == (
        EntryType.PAYMENT,
        "Paiement",
        EUR("20"),
        EUR("24.40"),
    )
    assert statement.rows[1].invoice == "F-2024-10"
    assert statement.rows[1].label == "Facture"
    assert statement.balance == statement.rows[-1].balance == ledger.balance == EUR("0")
    # « Afficher tout »
    everything = ledger.statement(date(2024, 12, 31), last=None)
    assert len(everything.rows) == 7
    assert everything.opening.balance == EUR("0")
    assert everything.is_complete


def test_a_statement_leaves_out_entries_after_its_day() -> None:
    statement = _seven_movements().statement(date(2024, 11, 30), last=2)
    assert [row.reference for row in statement.rows] == ["F-2024-10", "PAYFIP-3"]
    assert statement.balance == EUR("50") - EUR("45.60") + EUR("20") - EUR("38.40") + EUR("14")
    assert statement.hidden == 3


@pytest.mark.parametrize("bad", [0, -1, 2.0, True])
def test_a_statement_needs_a_positive_number_of_movements(bad: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Ledger().statement(DAY, last=bad)  # type: ignore[arg-type]
    assert caught.value.field == "last"


def test_sign_convention_a_family_that_owes_money_has_a_negative_balance() -> None:
    ledger = Ledger().debit(DAY, EUR("14.40"), "F-1")
    assert ledger.balance == EUR("-14.40")
    assert ledger.total_debits == EUR("14.40")
    assert ledger.total_credits == EUR("0")
    assert EntryType.INVOICE.side is Side.DEBIT
    assert EntryType.PAYMENT.side is Side.CREDIT


def test_entries_are_kept_in_date_order_and_same_day_entries_in_posting_order() -> None:
    ledger = (
        Ledger()
        .debit(date(2024, 10, 1), EUR("3"), "b")
        .credit(date(2024, 9, 1), EUR("5"), "a")
        .debit(date(2024, 10, 1), EUR("1"), "c")
    )
    assert [entry.reference for entry in ledger.entries] == ["a", "b", "c"]
    assert [row.balance for row in ledger.rows()] == [EUR("5"), EUR("2"), EUR("1")]
    assert ledger.balance_on(date(2024, 9, 30)) == EUR("5")


def test_ledgers_are_immutable_values() -> None:
    empty = Ledger()
    credited = empty.credit(DAY, EUR("5"), "a")
    assert empty.entries == ()
    assert credited != empty
    assert credited == Ledger().credit(DAY, EUR("5"), "a")


@pytest.mark.parametrize(("amount", "error"), [("-5", NegativeAmountError), ("0", ZeroAmountError)])
def test_ledger_credits_and_debits_must_be_above_zero(
    amount: str, error: type[InvalidValueError]
) -> None:
    with pytest.raises(error) as credit:
        Ledger().credit(DAY, EUR(amount), "x")
    assert credit.value.field == "amount"
    with pytest.raises(error) as debit:
        Ledger().debit(DAY, EUR(amount), "x")
    assert debit.value.field == "amount"


def test_an_entry_is_a_debit_or_a_credit_on_the_side_its_type_allows() -> None:
    with pytest.raises(InvalidValueError, match="not both"):
        LedgerEntry(DAY, EntryType.ADJUSTMENT, "x", EUR("1"), EUR("1"))
    with pytest.raises(ZeroAmountError):
        LedgerEntry(DAY, EntryType.ADJUSTMENT, "x", EUR("0"), EUR("0"))
    with pytest.raises(InvalidValueError) as credit_on_invoice:
        LedgerEntry(DAY, EntryType.INVOICE, "x", EUR("0"), EUR("1"))
    assert credit_on_invoice.value.field == "credit"
    with pytest.raises(InvalidValueError) as debit_on_payment:
        LedgerEntry(DAY, EntryType.PAYMENT, "x", EUR("1"), EUR("0"))
    assert debit_on_payment.value.field == "debit"
    with pytest.raises(NegativeAmountError):
        LedgerEntry(DAY, EntryType.ADJUSTMENT, "x", EUR("-1"), EUR("0"))
    with pytest.raises(InvalidValueError) as tickets:
        LedgerEntry(DAY, EntryType.PAYMENT, "x", EUR("0"), EUR("1"), mode=PaymentMode.TICKETS)
    assert tickets.value.field == "mode"
    with pytest.raises(InvalidTypeError) as stray:
        Ledger((object(),))  # type: ignore[arg-type]
    assert stray.value.field == "entries[0]"


operations = st.lists(
    st.tuples(
        st.booleans(),
        st.integers(min_value=1, max_value=100_000),
        st.integers(min_value=0, max_value=400),
    ),
    max_size=40,
)


@given(operations)
def test_property_balance_is_credits_minus_debits_and_each_row_the_sum_up_to_it(
    ops: list[tuple[bool, int, int]],
) -> None:
    ledger = Ledger()
    credits = debits = 0
    for is_credit, cents, offset in ops:
        day = DAY + timedelta(days=offset)
        if is_credit:
            ledger = ledger.credit(day, Money.from_cents(cents), "c")
            credits += cents
        else:
            ledger = ledger.debit(day, Money.from_cents(cents), "d")
            debits += cents
    assert ledger.balance == Money.from_cents(credits - debits)
    assert ledger.total_credits - ledger.total_debits == ledger.balance
    running = 0
    for entry, row in zip(ledger.entries, ledger.rows(), strict=True):
        running += entry.credit.cents - entry.debit.cents
        assert row.balance == Money.from_cents(running)
    statement = ledger.statement(DAY + timedelta(days=400))
    assert statement.balance == ledger.balance
    if statement.rows:
        first = statement.rows[0]
        assert statement.opening.balance + first.credit - first.debit == first.balance


# -- wallet -----------------------------------------------------------------------------------


def test_seed_000_the_wallet_is_credited_by_card_cheque_or_transfer() -> None:
    # Seed 000: « choisir le mode de règlement carte bancaire, chèque et virement ».
    wallet = SEED_000_WALLET
    for mode in ("card", "cheque", "transfer"):
        wallet = wallet.credit(DAY, EUR("20"), mode, f"{mode}-1")
    assert wallet.balance == EUR("60")
    assert [entry.mode for entry in wallet.ledger.entries] == [
        PaymentMode.CARD,
        PaymentMode.CHEQUE,
        PaymentMode.TRANSFER,
    ]
    with pytest.raises(InvalidValueError) as refused:
        wallet.credit(DAY, EUR("20"), PaymentMode.DIRECT_DEBIT, "x")
    assert refused.value.field == "mode"
    assert "card, cheque, transfer" in str(refused.value)
    with pytest.raises(UnknownPaymentModeError) as unknown:
        wallet.credit(DAY, EUR("20"), "espèces", "x")
    assert unknown.value.field == "mode"


def test_seed_000_the_alert_fires_at_30_euros_inclusive() -> None:
    # Seed 000: « à partir de 30 € vous serez relancer par mail et sms »: from 30 € on.
    wallet = SEED_000_WALLET.credit(DAY, EUR("30.01"), "card", "CB-1")
    assert wallet.status is WalletStatus.IN_CREDIT
    assert not wallet.status.needs_reminder
    at_30 = wallet.debit(DAY, EUR("0.01"), "x")
    assert at_30.balance == EUR("30")
    assert at_30.status is WalletStatus.LOW_BALANCE
    assert at_30.status.needs_reminder
    assert at_30.debit(DAY, EUR("30"), "x").status is WalletStatus.LOW_BALANCE  # 0,00 €


def test_seed_000_a_negative_wallet_escalates() -> None:
    # Seed 000: « Tous les comptes négatifs seront immédiatement rappelés par le service
    # comptable de la mairie et si non règlement directement transmis au contentieux du trésor
    # public. »
    wallet = SEED_000_WALLET.credit(DAY, EUR("3.50"), "card", "CB-1").debit(
        DAY, EUR("3.60"), "repas"
    )
    assert wallet.balance == EUR("-0.10")
    assert wallet.status is WalletStatus.ESCALATED
    assert wallet.status.needs_reminder
    assert wallet.credit(DAY, EUR("0.10"), "card", "CB-2").status is WalletStatus.LOW_BALANCE


def test_wallet_operations_return_a_new_wallet() -> None:
    wallet = SEED_000_WALLET
    credited = wallet.credit(DAY, EUR("10"), "card", "CB-1")
    assert wallet.balance == EUR("0")
    assert credited.balance == EUR("10")


@pytest.mark.parametrize(("amount", "error"), [("-5", NegativeAmountError), ("0", ZeroAmountError)])
def test_wallet_credits_and_debits_must_be_above_zero(
    amount: str, error: type[InvalidValueError]
) -> None:
    with pytest.raises(error) as credit:
        SEED_000_WALLET.credit(DAY, EUR(amount), "card", "x")
    assert credit.value.field == "amount"
    with pytest.raises(error) as debit:
        SEED_000_WALLET.debit(DAY, EUR(amount), "x")
    assert debit.value.field == "amount"


def test_a_wallet_debits_each_booked_service_at_its_unit_price() -> None:
    pricer = flat_pricer(EUR("3.60"), "à l'unité")
    wallet = SEED_000_WALLET.credit(DAY, EUR("50"), "card", "CB-1")
    wallet = wallet.debit_booking(Booking("louise", "cantine", date(2024, 9, 3)), pricer)
    assert wallet.balance == EUR("46.40")
    entry = wallet.ledger.entries[-1]
    assert (entry.type, entry.reference, entry.label) == (
        EntryType.CONSUMPTION,
        "louise/cantine/2024-09-03",
        "à l'unité",
    )
    pending = Booking("louise", "cantine", date(2024, 9, 4), RequestState.PENDING)
    with pytest.raises(InvalidValueError) as caught:
        wallet.debit_booking(pending, pricer)
    assert caught.value.field == "booking.state"
    free = flat_pricer(EUR("0"), "gratuit")
    assert wallet.debit_booking(Booking("louise", "cantine", date(2024, 9, 5)), free) is wallet


def test_wallet_configuration_is_checked() -> None:
    with pytest.raises(InvalidValueError) as tickets:
        Wallet(alert_threshold=EUR("30"), accepted_modes=frozenset({PaymentMode.TICKETS}))
    assert tickets.value.field == "accepted_modes"
    with pytest.raises(InvalidValueError):
        Wallet(alert_threshold=EUR("30"), accepted_modes=frozenset())
    with pytest.raises(NegativeAmountError) as threshold:
        Wallet(alert_threshold=EUR("-1"), accepted_modes=("card",))
    assert threshold.value.field == "alert_threshold"
    assert Wallet(alert_threshold=EUR("30"), accepted_modes=["payfip"]).accepted_modes == frozenset(
        {PaymentMode.PAYFIP}
    )


def test_a_wallet_without_threshold_or_modes_still_takes_seed_000s_with_a_warning() -> None:
    # Deprecated until 0.3: the defaults were Chantraine's, whose module now holds them.
    with pytest.warns(DeprecationWarning, match=r"^Wallet\(\) without ") as caught:
        wallet = Wallet()
    assert wallet == SEED_000_WALLET
    messages = [str(warning.message) for warning in caught]
    assert [message.split(" takes")[0] for message in messages] == [
        "Wallet() without alert_threshold",
        "Wallet() without accepted_modes",
    ]
    assert "cantine_rules.policies.chantraine.ALERT_THRESHOLD" in messages[0]
    assert "CommunePolicy.wallet()" in messages[0]
    # The warning points at the code that built the wallet, not at the library.
    assert_warned_from(caught, __file__)
    with pytest.warns(DeprecationWarning, match="without accepted_modes") as only_modes:
        half = Wallet(alert_threshold=EUR("20"))
    assert len(only_modes) == 1
    assert half.alert_threshold == EUR("20")
    assert half.accepted_modes == SEED_000_WALLET.accepted_modes


@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(min_value=1, max_value=10_000)),
        max_size=50,
    )
)
def test_property_a_wallet_never_loses_or_invents_a_cent(ops: list[tuple[bool, int]]) -> None:
    wallet = SEED_000_WALLET
    expected = 0
    for is_credit, cents in ops:
        if is_credit:
            wallet = wallet.credit(DAY, Money.from_cents(cents), "card", "c")
            expected += cents
        else:
            wallet = wallet.debit(DAY, Money.from_cents(cents), "d")
            expected -= cents
    assert wallet.balance == Money.from_cents(expected)
    assert wallet.balance == wallet.ledger.total_credits - wallet.ledger.total_debits
    assert len(wallet.ledger.entries) == len(ops)
    assert (wallet.status is WalletStatus.ESCALATED) == (expected < 0)
    assert (wallet.status is WalletStatus.IN_CREDIT) == (expected > 3000)


# -- exact refusals and limits ------------------------------------------------------------------

_PAID = LedgerEntry(DAY, EntryType.PAYMENT, "CB", EUR(0), EUR(1))
_MEAL = flat_pricer(EUR("3.60"), "à l'unité")


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: LedgerEntry(DAY, EntryType.ADJUSTMENT, "R", EUR(1), EUR(1)),
            (
                "InvalidValueError",
                "credit",
                EUR(1),
                "credit: an entry is a debit or a credit, not both (got Money.euros('1.00'))",
            ),
        ),
        (
            lambda: LedgerEntry(DAY, EntryType.ADJUSTMENT, "R", EUR(0), EUR(0)),
            (
                "ZeroAmountError",
                "debit",
                EUR(0),
                "debit: must be more than 0,00 € (got Money.euros('0.00'))",
            ),
        ),
        (
            lambda: LedgerEntry(DAY, EntryType.INVOICE, "F-1", EUR(0), EUR(1)),
            (
                "InvalidValueError",
                "credit",
                EUR(1),
                "credit: an invoice entry is a debit (got Money.euros('1.00'))",
            ),
        ),
        (
            lambda: LedgerEntry(DAY, EntryType.REFUND, "R-1", EUR(0), EUR(1)),
            (
                "InvalidValueError",
                "credit",
                EUR(1),
                "credit: a refund entry is a debit (got Money.euros('1.00'))",
            ),
        ),
        (
            lambda: LedgerEntry(DAY, EntryType.PAYMENT, "CB", EUR(1), EUR(0)),
            (
                "InvalidValueError",
                "debit",
                EUR(1),
                "debit: a payment entry is a credit (got Money.euros('1.00'))",
            ),
        ),
        (
            lambda: LedgerEntry(DAY, EntryType.PAYMENT, "CB", EUR(0), EUR(1), mode="cb"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "mode",
                "cb",
                "mode: must be a PaymentMode (card, cheque, transfer, direct_debit, payfip, "
                "cash, tickets) (got 'cb' of type str)",
            ),
        ),
        (
            lambda: LedgerEntry(
                DAY, EntryType.PAYMENT, "CB", EUR(0), EUR(1), mode=PaymentMode.TICKETS
            ),
            (
                "InvalidValueError",
                "mode",
                PaymentMode.TICKETS,
                "mode: paper tickets are counted in tickets, not euros; they move no money "
                "(got <PaymentMode.TICKETS: 'tickets'>)",
            ),
        ),
        (
            lambda: Ledger((_PAID, "x")),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "entries[1]",
                "x",
                "entries[1]: must be a LedgerEntry (got 'x' of type str)",
            ),
        ),
        (
            lambda: Ledger().debit(DAY, "3.60", "F-1"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "amount",
                "3.60",
                "amount: must be Money (for example Money.euros('3.60')) (got '3.60' of type str)",
            ),
        ),
        (
            lambda: Ledger().debit(DAY, EUR(-1), "F-1"),
            (
                "NegativeAmountError",
                "amount",
                EUR(-1),
                "amount: must not be negative (got Money.euros('-1.00'))",
            ),
        ),
        (
            lambda: Ledger().credit(DAY, EUR(0), "CB"),
            (
                "ZeroAmountError",
                "amount",
                EUR(0),
                "amount: must be more than 0,00 € (got Money.euros('0.00'))",
            ),
        ),
        (
            lambda: Ledger().statement(DAY, last=0),
            (
                "InvalidValueError",
                "last",
                0,
                "last: must be None (show all) or a whole number ≥ 1 (got 0)",
            ),
        ),
        (
            lambda: Ledger().statement("2024-09-02"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "as_of",
                "2024-09-02",
                "as_of: must be a datetime.date (got '2024-09-02' of type str)",
            ),
        ),
        (
            lambda: Wallet(alert_threshold=EUR("30"), accepted_modes=("card", "bitcoin")),
            (
                "UnknownPaymentModeError",
                "accepted_modes",
                "bitcoin",
                "accepted_modes: unknown 'bitcoin'; known: card, cash, cheque, direct_debit, "
                "payfip, tickets, transfer",
            ),
        ),
        (
            lambda: Wallet(alert_threshold=EUR("30"), accepted_modes=()),
            (
                "InvalidValueError",
                "accepted_modes",
                frozenset(),
                "accepted_modes: must accept at least one mode (got frozenset())",
            ),
        ),
        (
            lambda: Wallet(alert_threshold=EUR("30"), accepted_modes=("card", "tickets")),
            (
                "InvalidValueError",
                "accepted_modes",
                PaymentMode.TICKETS,
                "accepted_modes: a wallet holds euros; tickets cannot credit it "
                "(got <PaymentMode.TICKETS: 'tickets'>)",
            ),
        ),
        (
            lambda: Wallet(
                ledger="x",  # type: ignore[arg-type]
                alert_threshold=EUR("30"),
                accepted_modes=("card",),
            ),
            ("InvalidTypeError", "ledger", "x", "ledger: must be a Ledger (got 'x' of type str)"),
        ),
        (
            lambda: SEED_000_WALLET.credit(DAY, EUR(50), "payfip", "P-1"),
            (
                "InvalidValueError",
                "mode",
                PaymentMode.PAYFIP,
                "mode: this wallet is credited by card, cheque, transfer "
                "(got <PaymentMode.PAYFIP: 'payfip'>)",
            ),
        ),
        (
            lambda: SEED_000_WALLET.debit_booking("x", _MEAL),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "booking",
                "x",
                "booking: must be a Booking (got 'x' of type str)",
            ),
        ),
        (
            lambda: SEED_000_WALLET.debit_booking(
                Booking("louise", "repas", DAY, RequestState.PENDING), _MEAL
            ),
            (
                "InvalidValueError",
                "booking.state",
                RequestState.PENDING,
                "booking.state: only a booking that books the day is debited "
                "(got <RequestState.PENDING: 'pending'>)",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_an_unknown_payment_mode_is_named_payment_mode_unless_told_otherwise() -> None:
    assert UnknownPaymentModeError("bitcoin", ["card"]).field == "payment_mode"
    with pytest.raises(UnknownPaymentModeError) as caught:
        PaymentMode.parse("bitcoin")
    assert caught.value.field == "payment_mode"


def test_a_credit_keeps_its_invoice_and_label() -> None:
    ledger = Ledger().credit(
        DAY, EUR(10), "VIR-1", mode=PaymentMode.TRANSFER, invoice="F-1", label="solde"
    )
    (entry,) = ledger.entries
    assert (entry.invoice, entry.mode, entry.label) == ("F-1", PaymentMode.TRANSFER, "solde")


def test_the_balance_on_a_day_counts_the_entries_of_that_day() -> None:
    ledger = Ledger().credit(DAY, EUR(10), "CB").debit(DAY, EUR(3), "F-1")
    assert ledger.balance_on(DAY) == EUR(7)
    assert ledger.balance_on(DAY - timedelta(days=1)) == EUR(0)


def test_a_statement_of_the_last_movement_only_counts_the_day_it_is_drawn_up() -> None:
    ledger = Ledger().credit(DAY, EUR(10), "CB").debit(DAY + timedelta(days=1), EUR(3), "F-1")
    statement = ledger.statement(DAY + timedelta(days=1), last=1)
    assert statement.as_of == DAY + timedelta(days=1)
    assert [row.reference for row in statement.rows] == ["F-1"]
    assert (statement.hidden, statement.balance) == (1, EUR(7))
    assert statement.opening.balance == EUR(10)


def test_a_wallet_accepts_one_mode_given_alone() -> None:
    assert Wallet(alert_threshold=EUR("30"), accepted_modes="card").accepted_modes == frozenset(
        {PaymentMode.CARD}
    )


def test_a_booking_is_debited_at_the_price_of_its_child() -> None:
    def pricer(child_id: str, service_code: str, day: date) -> PricedUnit:
        return PricedUnit(EUR({"louise": "3.60", "zoe": "1.20"}[child_id]), "tarif " + child_id)

    wallet = SEED_000_WALLET.debit_booking(Booking("zoe", "repas", DAY), pricer)
    assert wallet.balance == EUR("-1.20")
    assert wallet.ledger.entries[0].label == "tarif zoe"
