"""The batch as a pain.008.001.02 file (SEPA Core direct debit), written by `sepaxml`.

`sepaxml` builds the XML and checks it against the ISO 20022 schema it ships before handing it
over; one payment information block per sequence type (FRST, RCUR), with the batch's collection
date. The file's message and block identifiers are made by `sepaxml` from the time and a random
part, so two files of the same batch differ there and nowhere else.
"""

from __future__ import annotations

from typing import Any, Final

from cantine_rules.errors import InvalidValueError
from cantine_rules.sepa._batch import DebitBatch
from cantine_rules.sepa._parties import Creditor

__all__ = ["SCHEMA", "to_pain008"]

SCHEMA: Final = "pain.008.001.02"
"""The message the file follows: the SEPA Core direct debit of the EPC's implementation guide."""


def to_pain008(batch: DebitBatch, creditor: Creditor) -> bytes:
    """The pain.008.001.02 XML of *batch*, collected into *creditor*'s account (UTF-8).

    Names are written in the SEPA character set: `sepaxml` transliterates accents (« Inès »
    becomes « Ines ») and cuts a name at 70 characters.

    Raises:
        InvalidValueError: the batch has no transaction (a pain.008 file holds at least one).
    """
    if not isinstance(batch, DebitBatch):
        raise InvalidValueError("batch", batch, "must be a DebitBatch")
    if not isinstance(creditor, Creditor):
        raise InvalidValueError("creditor", creditor, "must be a Creditor")
    if not batch.transactions:
        raise InvalidValueError("batch", batch.count, "has no transaction to write")
    # Imported here: the file is written by the `sepa` extra's library, and only when asked for.
    from sepaxml import SepaDD  # type: ignore[import-untyped]

    config: dict[str, Any] = {
        "name": creditor.name,
        "IBAN": creditor.iban,
        "BIC": creditor.bic,
        "batch": True,
        "creditor_id": creditor.identifier,
        "currency": "EUR",
    }
    document = SepaDD(config, schema=SCHEMA, clean=True)
    for transaction in batch.transactions:
        mandate = transaction.mandate
        reference = transaction.invoice.reference
        document.add_payment(
            {
                "name": mandate.debtor,
                "IBAN": mandate.iban,
                "BIC": mandate.bic,
                "amount": transaction.amount.cents,
                "type": transaction.sequence.value,
                "collection_date": batch.collection_date,
                "mandate_id": mandate.reference,
                "mandate_date": mandate.signed,
                "description": reference,
                "endtoend_id": reference,
            }
        )
    written: bytes = document.export(validate=True)
    return written
