"""Prélèvement automatique: SEPA mandates, the month's direct-debit batch, its pain.008 file.

Seed 004: « vous pouvez ensuite adhérer au prélèvement automatique pour éviter les factures
impayées ». This room turns the invoices a period bills into the file a commune (or its Caisse
des écoles) hands its bank:

* [`Creditor`][] and [`Mandate`][]: the parties, IBAN and BIC checked by `schwifty`, the SEPA
  creditor identifier by its ISO 7064 mod 97-10 key;
* [`build_batch`][]: one transaction per invoice due, the collection date after the commune's
  pre-notification delay, FRST then RCUR, a rejection (never a silent skip) for a family
  without a mandate in force;
* [`to_pain008`][]: the batch as a pain.008.001.02 file, written and checked against the ISO
  20022 schema by `sepaxml`;
* [`record_return`][]: a debit sent back by the family's bank, as a reversal (and the commune's
  fee) in the family's ledger;
* [`load_creditor`][]: the creditor and the mandates from a TOML file.

It needs the ``sepa`` extra (``pip install "cantine-rules[sepa]"``); the rest of the library
never imports it.

Examples:
    >>> from datetime import date
    >>> from cantine_rules.money import Money
    >>> from cantine_rules.policies import get
    >>> mandate = Mandate("F1", "RUM-1", date(2024, 9, 2), "Camille Martin",
    ...                   "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP")
    >>> batch = build_batch([InvoiceDue("F1", "F1-202410", Money.euros("51.84"))], [mandate],
    ...                     terms=get("paris").direct_debit_terms, notified_on=date(2024, 10, 31))
    >>> creditor = Creditor("Caisse des écoles", "FR72ZZZ123456",
    ...                     "FR76 1751 5900 0008 0000 0000 058", "CEPAFRPP")
    >>> b"<SeqTp>FRST</SeqTp>" in to_pain008(batch, creditor)
    True
"""

from __future__ import annotations

from cantine_rules.sepa._batch import (
    DebitBatch,
    InvoiceDue,
    Rejection,
    RejectionReason,
    Transaction,
    build_batch,
)
from cantine_rules.sepa._pain008 import SCHEMA, to_pain008
from cantine_rules.sepa._parties import (
    Creditor,
    Mandate,
    SequenceType,
    check_bic,
    check_creditor_identifier,
    check_iban,
)
from cantine_rules.sepa._plain import DebitFile, load_creditor
from cantine_rules.sepa._returns import ReturnedDebit, ReturnReason, record_return

__all__ = [
    "SCHEMA",
    "Creditor",
    "DebitBatch",
    "DebitFile",
    "InvoiceDue",
    "Mandate",
    "Rejection",
    "RejectionReason",
    "ReturnReason",
    "ReturnedDebit",
    "SequenceType",
    "Transaction",
    "build_batch",
    "check_bic",
    "check_creditor_identifier",
    "check_iban",
    "load_creditor",
    "record_return",
    "to_pain008",
]
