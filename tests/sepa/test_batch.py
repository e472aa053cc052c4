"""The batch: a month of the Paris example as a pain.008 file valid against the ISO 20022
schema, FRST then RCUR, the pre-notification delay at its boundary, and the batch's laws."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
import xmlschema
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules.billing import BillResult, bill
from cantine_rules.errors import InvalidValueError, NegativeAmountError
from cantine_rules.money import Money
from cantine_rules.plain import load_scenario
from cantine_rules.policies import get
from cantine_rules.pricing._direct_debit import DirectDebitTerms
from cantine_rules.sepa import (
    DebitBatch,
    InvoiceDue,
    RejectionReason,
    SequenceType,
    build_batch,
    to_pain008,
)
from cantine_rules.sources import Source
from tests.sepa._sepa import CREDITOR, NAMESPACE, OTHER_IBAN, PARIS, mandate, schema

PARIS_TERMS = get("paris").direct_debit_terms


def _month(first: date, last: date) -> BillResult:
    return bill(attrs.evolve(load_scenario(PARIS), start=first, end=last))


def _due(result: BillResult) -> InvoiceDue:
    return InvoiceDue(result.scenario.family_id, result.invoice_reference, result.invoice.total)


def _texts(xml: bytes, tag: str) -> list[str]:
    return [node.text or "" for node in ET.fromstring(xml).iter(NAMESPACE + tag)]


def test_a_month_of_the_paris_example_is_a_valid_pain_008_file_totalling_its_invoice() -> None:
    # Seed 004: « vous pouvez ensuite adhérer au prélèvement automatique pour éviter les
    # factures impayées ».
    october = bill(load_scenario(PARIS))
    assert october.invoice.total > Money.zero()
    batch = build_batch(
        [_due(october)], [mandate()], terms=PARIS_TERMS, notified_on=date(2024, 10, 31)
    )
    xml = to_pain008(batch, CREDITOR)
    schema().validate(xml.decode())
    assert batch.total == october.invoice.total
    # The group header and the one payment block both sum to the invoice, to the cent.
    assert _texts(xml, "CtrlSum") == [str(october.invoice.total.amount)] * 2
    assert _texts(xml, "InstdAmt") == [str(october.invoice.total.amount)]
    assert _texts(xml, "SeqTp") == ["FRST"]
    assert _texts(xml, "ReqdColltnDt") == ["2024-11-14"]
    # The invoice's reference is the remittance information and the end-to-end id.
    assert _texts(xml, "Ustrd") == [october.invoice_reference]
    assert _texts(xml, "EndToEndId") == [october.invoice_reference]
    assert _texts(xml, "MndtId") == ["RUM-1"]
    assert _texts(xml, "DtOfSgntr") == ["2024-09-02"]


def test_the_second_month_marks_the_same_mandate_recurrent() -> None:
    october = build_batch(
        [_due(_month(date(2024, 10, 1), date(2024, 10, 31)))],
        [mandate()],
        terms=PARIS_TERMS,
        notified_on=date(2024, 10, 31),
    )
    november_bill = _month(date(2024, 11, 1), date(2024, 11, 30))
    november = build_batch(
        [_due(november_bill)],
        [mandate()],
        terms=PARIS_TERMS,
        notified_on=date(2024, 11, 30),
        collected=october.collected,
    )
    assert [t.sequence for t in october.transactions] == [SequenceType.FIRST]
    assert [t.sequence for t in november.transactions] == [SequenceType.RECURRENT]
    xml = to_pain008(november, CREDITOR)
    schema().validate(xml.decode())
    assert _texts(xml, "SeqTp") == ["RCUR"]
    assert _texts(xml, "ReqdColltnDt") == ["2024-12-14"]
    assert november.total == november_bill.invoice.total


def test_first_and_recurrent_debits_go_in_two_blocks_of_one_file() -> None:
    invoices = [
        InvoiceDue("A", "A-202410", Money.euros("10.00")),
        InvoiceDue("B", "B-202410", Money.euros("0.01")),
    ]
    mandates = [mandate("A", "RUM-A"), mandate("B", "RUM-B", sequence=SequenceType.RECURRENT)]
    batch = build_batch(invoices, mandates, terms=PARIS_TERMS, notified_on=date(2024, 10, 31))
    xml = to_pain008(batch, CREDITOR)
    schema().validate(xml.decode())
    assert sorted(_texts(xml, "SeqTp")) == ["FRST", "RCUR"]
    assert _texts(xml, "CtrlSum")[0] == "10.01"
    assert _texts(xml, "NbOfTxs")[0] == "2"


def test_the_collection_date_respects_the_pre_notification_delay_at_its_boundary() -> None:
    invoices = [InvoiceDue("CDE-13-0412", "F-202410", Money.euros("35.64"))]
    told = date(2024, 10, 31)
    at_the_limit = build_batch(
        invoices,
        [mandate()],
        terms=PARIS_TERMS,
        notified_on=told,
        collection_date=told + timedelta(14),
    )
    assert at_the_limit.collection_date == date(2024, 11, 14)
    with pytest.raises(InvalidValueError) as caught:
        build_batch(
            invoices,
            [mandate()],
            terms=PARIS_TERMS,
            notified_on=told,
            collection_date=told + timedelta(13),
        )
    assert caught.value.field == "collection_date"
    # A commune's own delay replaces the default.
    five = DirectDebitTerms(5, Source.example("prélevé 5 jours après l'avis"))
    assert build_batch(invoices, [mandate()], terms=five, notified_on=told).collection_date == (
        date(2024, 11, 5)
    )


def test_a_mandate_signed_after_the_collection_date_is_bad_input_with_its_path() -> None:
    invoices = [InvoiceDue("CDE-13-0412", "F-202410", Money.euros("35.64"))]
    on_the_day = mandate(signed=date(2024, 11, 14))
    batch = build_batch(invoices, [on_the_day], terms=PARIS_TERMS, notified_on=date(2024, 10, 31))
    assert batch.count == 1
    with pytest.raises(InvalidValueError) as caught:
        build_batch(
            invoices,
            [mandate("other", "RUM-0"), mandate(signed=date(2024, 11, 15))],
            terms=PARIS_TERMS,
            notified_on=date(2024, 10, 31),
        )
    assert caught.value.field == "mandates[1].signed"


def test_a_negative_or_zero_amount_due_is_refused_naming_the_amount() -> None:
    with pytest.raises(NegativeAmountError) as caught:
        InvoiceDue("F", "F-1", Money.euros("-0.01"))
    assert caught.value.field == "amount"
    with pytest.raises(InvalidValueError) as zero:
        InvoiceDue("F", "F-1", Money.zero())
    assert zero.value.field == "amount"


def test_a_family_without_a_mandate_in_force_is_rejected_with_its_reason() -> None:
    invoices = [
        InvoiceDue("A", "A-1", Money.euros("3.00")),
        InvoiceDue("B", "B-1", Money.euros("4.00")),
        InvoiceDue("C", "C-1", Money.euros("5.00")),
    ]
    mandates = [
        mandate("A", "RUM-A"),
        mandate("C", "RUM-C", iban=OTHER_IBAN, revoked=date(2024, 11, 14)),
    ]
    batch = build_batch(invoices, mandates, terms=PARIS_TERMS, notified_on=date(2024, 10, 31))
    assert [t.invoice.reference for t in batch.transactions] == ["A-1"]
    assert [(r.invoice.reference, r.reason) for r in batch.rejected] == [
        ("B-1", RejectionReason.NO_MANDATE),
        ("C-1", RejectionReason.REVOKED),
    ]
    assert batch.rejected[1].describe() == "mandate RUM-C is revoked from 2024-11-14"
    # Revoked the day after the collection: still in force on the day.
    later = [mandates[0], mandate("C", "RUM-C", revoked=date(2024, 11, 15))]
    kept = build_batch(invoices, later, terms=PARIS_TERMS, notified_on=date(2024, 10, 31))
    assert [t.invoice.reference for t in kept.transactions] == ["A-1", "C-1"]


def test_two_mandates_of_one_reference_or_one_family_and_an_invoice_due_twice() -> None:
    due = [InvoiceDue("A", "A-1", Money.euros("3.00"))]
    told = date(2024, 10, 31)
    cases = [
        ([mandate("A", "RUM-A"), mandate("B", "RUM-A")], due, "mandates[1].reference"),
        ([mandate("A", "RUM-A"), mandate("A", "RUM-B")], due, "mandates[1].family_id"),
        ([mandate("A", "RUM-A")], due * 2, "invoices[1].reference"),
    ]
    for mandates, invoices, field in cases:
        with pytest.raises(InvalidValueError) as caught:
            build_batch(invoices, mandates, terms=PARIS_TERMS, notified_on=told)
        assert caught.value.field == field


def test_a_batch_with_no_transaction_writes_no_file() -> None:
    batch = build_batch(
        [InvoiceDue("A", "A-1", Money.euros("3.00"))],
        [],
        terms=PARIS_TERMS,
        notified_on=date(2024, 10, 31),
    )
    with pytest.raises(InvalidValueError, match="no transaction"):
        to_pain008(batch, CREDITOR)


# Laws ------------------------------------------------------------------------------------------

_FAMILIES = [f"F{number}" for number in range(6)]


@st.composite
def _batches(draw: st.DrawFn) -> tuple[list[InvoiceDue], list[str], DebitBatch]:
    invoices: list[InvoiceDue] = []
    for family in draw(st.lists(st.sampled_from(_FAMILIES), max_size=12)):
        cents = draw(st.integers(min_value=1, max_value=10_000_000))
        invoices.append(InvoiceDue(family, f"{family}-{len(invoices)}", Money.from_cents(cents)))
    with_mandate = draw(st.lists(st.sampled_from(_FAMILIES), unique=True))
    mandates = [mandate(family, f"RUM-{family}") for family in with_mandate]
    collected = draw(st.sets(st.sampled_from([f"RUM-{family}" for family in _FAMILIES])))
    batch = build_batch(
        draw(st.permutations(invoices)),
        draw(st.permutations(mandates)),
        terms=PARIS_TERMS,
        notified_on=date(2024, 10, 31),
        collected=collected,
    )
    return invoices, with_mandate, batch


@given(_batches())
def test_the_total_is_the_sum_of_the_transactions_and_every_invoice_appears_once(
    drawn: tuple[list[InvoiceDue], list[str], DebitBatch],
) -> None:
    invoices, with_mandate, batch = drawn
    assert batch.total.amount == sum(
        (t.amount.amount for t in batch.transactions), start=Decimal(0)
    )
    placed = [t.invoice for t in batch.transactions] + [r.invoice for r in batch.rejected]
    assert sorted(placed, key=lambda i: i.reference) == sorted(invoices, key=lambda i: i.reference)
    # A family without a mandate is rejected, never silently skipped.
    for invoice in invoices:
        if invoice.family_id not in with_mandate:
            assert any(r.invoice == invoice for r in batch.rejected)
    assert batch.count == len(batch.transactions)


@given(_batches())
def test_a_mandate_once_collected_is_recurrent_and_stays_in_the_history(
    drawn: tuple[list[InvoiceDue], list[str], DebitBatch],
) -> None:
    _, _, batch = drawn
    for transaction in batch.transactions:
        assert transaction.mandate.reference in batch.collected
    again = build_batch(
        [t.invoice for t in batch.transactions],
        # Each mandate once, though it may collect several invoices.
        list({t.mandate.reference: t.mandate for t in batch.transactions}.values()),
        terms=PARIS_TERMS,
        notified_on=date(2024, 11, 30),
        collected=batch.collected,
    )
    assert all(t.sequence is SequenceType.RECURRENT for t in again.transactions)


@given(_batches())
def test_the_file_of_any_batch_is_valid_and_sums_to_the_batch(
    drawn: tuple[list[InvoiceDue], list[str], DebitBatch],
) -> None:
    _, _, batch = drawn
    if not batch.transactions:
        return
    xml = to_pain008(batch, CREDITOR)
    assert _texts(xml, "CtrlSum")[0] == str(batch.total.amount)
    assert _texts(xml, "NbOfTxs")[0] == str(batch.count)


def test_the_schema_check_would_catch_a_wrong_file() -> None:
    # The validation above can fail: a sequence type the schema does not know is refused.
    batch = build_batch(
        [InvoiceDue("A", "A-1", Money.euros("3.00"))],
        [mandate("A", "RUM-A")],
        terms=PARIS_TERMS,
        notified_on=date(2024, 10, 31),
    )
    wrong = to_pain008(batch, CREDITOR).replace(b"<SeqTp>FRST", b"<SeqTp>NEXT")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        schema().validate(wrong.decode())


@given(_batches())
def test_the_batch_does_not_depend_on_the_order_of_its_inputs(
    drawn: tuple[list[InvoiceDue], list[str], DebitBatch],
) -> None:
    invoices, with_mandate, _ = drawn
    mandates = [mandate(family, f"RUM-{family}") for family in with_mandate]

    def decided(order: int) -> DebitBatch:
        return build_batch(
            invoices[::order],
            mandates[::order],
            terms=PARIS_TERMS,
            notified_on=date(2024, 10, 31),
            collected=["RUM-F0"],
        )

    # Deciding twice, in the other order, gives the same batch.
    assert decided(1) == decided(-1)
