"""A returned debit: the collection undone in the ledger, with the commune's fee, so that the
statement and the restant dû are right again."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from cantine_rules.billing import bill
from cantine_rules.errors import InvalidValueError
from cantine_rules.money import Money
from cantine_rules.plain import load_scenario
from cantine_rules.policies import get
from cantine_rules.pricing._direct_debit import DirectDebitTerms
from cantine_rules.pricing.accounts import EntryType, Ledger, PaymentMode
from cantine_rules.sepa import InvoiceDue, ReturnedDebit, ReturnReason, build_batch, record_return
from cantine_rules.sources import Source
from tests.sepa._sepa import PARIS, mandate


def _collected_october() -> tuple[Ledger, Money, str]:
    """The Paris family's October: invoiced, then paid by this batch's debit."""
    scenario = attrs.evolve(load_scenario(PARIS), payments=())
    result = bill(scenario)
    due = InvoiceDue(scenario.family_id, result.invoice_reference, result.invoice.total)
    batch = build_batch(
        [due], [mandate()], terms=get("paris").direct_debit_terms, notified_on=date(2024, 10, 31)
    )
    ledger = Ledger().debit(
        scenario.end,
        result.invoice.total,
        result.invoice_reference,
        invoice=result.invoice_reference,
    )
    ledger = ledger.post(*batch.payments(scenario.family_id))
    return ledger, result.invoice.total, result.invoice_reference


def test_a_collected_debit_settles_the_invoice() -> None:
    ledger, _, reference = _collected_october()
    assert ledger.balance == Money.zero()
    credit = ledger.entries[-1]
    assert (credit.day, credit.invoice, credit.mode) == (
        date(2024, 11, 14),
        reference,
        PaymentMode.DIRECT_DEBIT,
    )


def test_a_return_without_a_fee_makes_the_invoice_owed_again() -> None:
    ledger, total, reference = _collected_october()
    returned = ReturnedDebit(date(2024, 11, 20), reference, total, ReturnReason.AM04, "RJ-1")
    after = record_return(ledger, returned, get("paris").direct_debit_terms)
    assert after.balance == -total  # restant dû: the invoice again
    row = after.statement(date(2024, 11, 30), last=None).rows[-1]
    assert (row.type, row.label, row.invoice) == (
        EntryType.REVERSAL,
        "Rejet de prélèvement (AM04)",
        reference,
    )
    assert row.debit == total


def test_a_return_with_the_commune_s_fee_adds_the_fee_to_what_is_owed() -> None:
    ledger, total, reference = _collected_october()
    terms = DirectDebitTerms(14, Source.example("frais de rejet : 5 €"), Money.euros("5"))
    returned = ReturnedDebit(date(2024, 11, 20), reference, total, ReturnReason.MD01, "RJ-2")
    statement = record_return(ledger, returned, terms).statement(date(2024, 11, 30), last=None)
    assert statement.balance == -(total + Money.euros("5"))
    assert [row.type for row in statement.rows[-2:]] == [EntryType.REVERSAL, EntryType.FEE]
    assert statement.rows[-1].debit == Money.euros("5.00")
    # Before the return the statement says the invoice is paid.
    assert ledger.statement(date(2024, 11, 19)).balance == Money.zero()


def test_reason_codes_and_amounts_are_checked() -> None:
    assert ReturnReason.parse(" md06 ") is ReturnReason.MD06
    with pytest.raises(InvalidValueError) as caught:
        ReturnReason.parse("ZZ99")
    assert caught.value.field == "reason"
    with pytest.raises(InvalidValueError) as amount:
        ReturnedDebit(date(2024, 11, 20), "F-1", Money.euros("-1"), ReturnReason.AM04, "RJ")
    assert amount.value.field == "amount"
