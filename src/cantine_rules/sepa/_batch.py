"""The direct-debit batch of a period: one transaction per invoice due, or the reason it is not.

[`build_batch`][] takes the invoices due (an [`InvoiceDue`][] per invoice a family must pay,
such as [`bill`][cantine_rules.billing.bill] produces), the families' mandates and the commune's
[`DirectDebitTerms`][cantine_rules.pricing._direct_debit.DirectDebitTerms]:

* the collection date is the day the families are told the amounts (*notified_on*) plus the
  commune's pre-notification delay (14 calendar days by default), or a later day asked for;
* every invoice due becomes exactly one transaction, for its exact amount, with the invoice's
  reference as the remittance information and as the end-to-end identification — or one
  rejection that says why (the family has no mandate, or its mandate is revoked by then): a
  family is never silently skipped;
* the sequence type is FRST for a mandate never collected, RCUR for one already collected: the
  mandate's own ``sequence``, or its reference among *collected*, the history passed in. The
  batch's [`DebitBatch.collected`][] is that history with this batch's mandates added, for the
  next month.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import a_date, identifier, require_day
from cantine_rules.errors import InvalidTypeError, InvalidValueError, NegativeAmountError
from cantine_rules.money import Money
from cantine_rules.pricing._direct_debit import DirectDebitTerms
from cantine_rules.pricing._ledger import LedgerEntry
from cantine_rules.pricing._payment import PaymentMode
from cantine_rules.sepa._parties import _SEPA_IDENTIFIER, Mandate, SequenceType

__all__ = [
    "DebitBatch",
    "InvoiceDue",
    "Rejection",
    "RejectionReason",
    "Transaction",
    "build_batch",
]


def _amount_due(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Money):
        raise InvalidTypeError(attribute.name, value, "must be Money")
    if value.is_negative():
        raise NegativeAmountError(attribute.name, value)
    if value.is_zero():
        raise InvalidValueError(attribute.name, value, "an invoice of 0,00 € has nothing due")


def _reference(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(attribute.name, value, "must be a str")
    if _SEPA_IDENTIFIER.fullmatch(value) is None:
        raise InvalidValueError(
            attribute.name,
            value,
            "must be 1 to 35 letters, digits or / - ? : ( ) . , ' + (the SEPA character set)",
        )


@attrs.frozen
class InvoiceDue:
    """An invoice a family must pay: its reference and its amount, above 0,00 €.

    Attributes:
        family_id: the family that owes it.
        reference: the invoice's reference (``F-0042-202410``), 1 to 35 SEPA characters: the
            debit's remittance information and end-to-end identification.
        amount: what is due, exact to the cent.

    Examples:
        >>> InvoiceDue("CDE-75-0815", "CDE-75-0815-202410", Money.euros("51.84")).amount
        Money.euros('51.84')
    """

    family_id: str = attrs.field(validator=identifier)
    reference: str = attrs.field(validator=_reference)
    amount: Money = attrs.field(validator=_amount_due)


@attrs.frozen
class Transaction:
    """One debit of the batch: an invoice due, collected under its family's mandate."""

    invoice: InvoiceDue
    mandate: Mandate
    sequence: SequenceType

    @property
    def amount(self) -> Money:
        """The invoice's amount, exactly."""
        return self.invoice.amount


class RejectionReason(StrEnum):
    """Why an invoice due is not in the batch."""

    NO_MANDATE = "no_mandate"
    """The family has signed no mandate: it pays otherwise."""
    REVOKED = "revoked"
    """The family's mandate is revoked on or before the collection date."""


@attrs.frozen
class Rejection:
    """An invoice due that the batch does not collect, and why."""

    invoice: InvoiceDue
    reason: RejectionReason
    mandate: Mandate | None = None

    def describe(self) -> str:
        """The reason in the library's words (English).

        Examples:
            >>> due = InvoiceDue("F1", "F1-202410", Money.euros("3"))
            >>> Rejection(due, RejectionReason.NO_MANDATE).describe()
            'family F1 has no direct-debit mandate'
        """
        if self.reason is RejectionReason.NO_MANDATE or self.mandate is None:
            return f"family {self.invoice.family_id} has no direct-debit mandate"
        return f"mandate {self.mandate.reference} is revoked from {self.mandate.revoked}"


@pickled_by_fields
@attrs.frozen
class DebitBatch:
    """A direct-debit batch: its collection date, its transactions and the invoices it rejects.

    Attributes:
        notified_on: the day the families were told the amounts.
        collection_date: the day the debits are collected (« date d'échéance »).
        transactions: one per invoice collected, by family then invoice reference.
        rejected: one per invoice due that is not collected, in the same order.
        collected: the mandate references already collected before, and those of this batch:
            the history to pass to the next month's batch.
    """

    notified_on: date = attrs.field(validator=a_date)
    collection_date: date = attrs.field(validator=a_date)
    transactions: tuple[Transaction, ...]
    rejected: tuple[Rejection, ...]
    collected: frozenset[str]

    @property
    def total(self) -> Money:
        """The sum of the transactions' amounts."""
        return Money.sum(transaction.amount for transaction in self.transactions)

    @property
    def count(self) -> int:
        """How many transactions the batch holds."""
        return len(self.transactions)

    def payments(self, family_id: str) -> tuple[LedgerEntry, ...]:
        """The ledger credits the batch's debits of *family_id* post when collected.

        Each is a payment by direct debit on the collection date, referenced by its invoice.
        """
        return tuple(
            LedgerEntry.credit_of(
                self.collection_date,
                transaction.amount,
                transaction.invoice.reference,
                mode=PaymentMode.DIRECT_DEBIT,
                invoice=transaction.invoice.reference,
            )
            for transaction in self.transactions
            if transaction.invoice.family_id == family_id
        )


def _items(values: Iterable[object], item_type: type[Any], field: str) -> tuple[Any, ...]:
    if isinstance(values, str | bytes):
        raise InvalidTypeError(field, values, f"must be a collection of {item_type.__name__}")
    items = tuple(values)
    for index, item in enumerate(items):
        if not isinstance(item, item_type):
            raise InvalidTypeError(f"{field}[{index}]", item, f"must be a {item_type.__name__}")
    return items


def _mandates_by_family(mandates: tuple[Mandate, ...], collection: date) -> dict[str, Mandate]:
    by_family: dict[str, Mandate] = {}
    references: set[str] = set()
    for index, mandate in enumerate(mandates):
        where = f"mandates[{index}]"
        if mandate.reference in references:
            raise InvalidValueError(
                f"{where}.reference", mandate.reference, "is the reference of another mandate"
            )
        if mandate.family_id in by_family:
            raise InvalidValueError(
                f"{where}.family_id", mandate.family_id, "already has a mandate: one per family"
            )
        # A debit may only be collected under a mandate the debtor has already signed.
        if mandate.signed > collection:
            raise InvalidValueError(
                f"{where}.signed",
                mandate.signed,
                f"is after the collection date {collection.isoformat()}",
            )
        references.add(mandate.reference)
        by_family[mandate.family_id] = mandate
    return by_family


def build_batch(
    invoices: Iterable[InvoiceDue],
    mandates: Iterable[Mandate],
    *,
    terms: DirectDebitTerms,
    notified_on: date,
    collection_date: date | None = None,
    collected: Iterable[str] = (),
) -> DebitBatch:
    """The batch collecting *invoices* under the families' *mandates*.

    Args:
        invoices: the invoices due, each reference once.
        mandates: the families' mandates, one per family, each reference once.
        terms: the commune's direct-debit terms (its pre-notification delay).
        notified_on: the day the families were told the amounts and the date.
        collection_date: the day asked for; by default the earliest the delay allows.
        collected: the references of the mandates already collected (their debits are RCUR).

    Raises:
        InvalidValueError: *collection_date* is before the delay allows, two invoices or two
            mandates share a reference, a family has two mandates, or a mandate is signed
            after the collection date (each names its path, such as ``mandates[0].signed``).

    Examples:
        >>> from cantine_rules.policies import get
        >>> mandate = Mandate("F1", "RUM-1", date(2024, 9, 2), "Camille Martin",
        ...                   "FR7630006000011234567890189", "AGRIFRPP")
        >>> invoices = [InvoiceDue("F1", "F1-202410", Money.euros("51.84")),
        ...             InvoiceDue("F2", "F2-202410", Money.euros("12.96"))]
        >>> batch = build_batch(invoices, [mandate], terms=get("paris").direct_debit_terms,
        ...                     notified_on=date(2024, 10, 31))
        >>> batch.collection_date, batch.total, [r.reason.value for r in batch.rejected]
        (datetime.date(2024, 11, 14), Money.euros('51.84'), ['no_mandate'])
        >>> batch.transactions[0].sequence.value, sorted(batch.collected)
        ('FRST', ['RUM-1'])
    """
    if not isinstance(terms, DirectDebitTerms):
        raise InvalidTypeError("terms", terms, "must be DirectDebitTerms")
    require_day(notified_on, "notified_on")
    earliest = terms.collection_date(notified_on)
    if collection_date is None:
        collection_date = earliest
    require_day(collection_date, "collection_date")
    if collection_date < earliest:
        raise InvalidValueError(
            "collection_date",
            collection_date,
            f"is before {earliest.isoformat()}, {terms.pre_notification_days} days after the "
            f"families were told ({notified_on.isoformat()})",
        )
    due = _items(invoices, InvoiceDue, "invoices")
    by_family = _mandates_by_family(_items(mandates, Mandate, "mandates"), collection_date)
    history = frozenset(_items(collected, str, "collected"))
    seen: set[str] = set()
    for index, invoice in enumerate(due):
        if invoice.reference in seen:
            raise InvalidValueError(
                f"invoices[{index}].reference", invoice.reference, "is due twice"
            )
        seen.add(invoice.reference)
    transactions: list[Transaction] = []
    rejected: list[Rejection] = []
    for invoice in sorted(due, key=lambda item: (item.family_id, item.reference)):
        mandate = by_family.get(invoice.family_id)
        if mandate is None:
            rejected.append(Rejection(invoice, RejectionReason.NO_MANDATE))
        elif not mandate.in_force(collection_date):
            rejected.append(Rejection(invoice, RejectionReason.REVOKED, mandate))
        else:
            recurrent = mandate.sequence is SequenceType.RECURRENT or mandate.reference in history
            sequence = SequenceType.RECURRENT if recurrent else SequenceType.FIRST
            transactions.append(Transaction(invoice, mandate, sequence))
    now_collected = history | {transaction.mandate.reference for transaction in transactions}
    return DebitBatch(
        notified_on, collection_date, tuple(transactions), tuple(rejected), now_collected
    )
