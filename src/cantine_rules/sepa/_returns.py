"""A returned debit (an R-transaction): the collection undone in the family's account.

When the family's bank sends a debit back — insufficient funds (AM04), no mandate (MD01), a
closed account (AC04), a refund the debtor asked for (MD06) … — the payment the collection had
credited is undone: [`record_return`][] posts a **reversal** (a debit of the amount returned,
« Rejet de prélèvement », with its reason code) and, if the commune's règlement sets one, its
**fee** for a returned debit. The statement then shows both rows and the balance, so the restant
dû, is what the family owes again.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Final

import attrs

from cantine_rules._validators import a_date, enum_member, identifier
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.money import Money
from cantine_rules.pricing._direct_debit import DirectDebitTerms
from cantine_rules.pricing._ledger import EntryType, Ledger, LedgerEntry

__all__ = ["ReturnReason", "ReturnedDebit", "record_return"]


class ReturnReason(StrEnum):
    """The ISO 20022 reason code of a returned SEPA direct debit (the EPC's R-transactions)."""

    AC01 = "AC01"
    """The account identifier is incorrect."""
    AC04 = "AC04"
    """The account is closed."""
    AC06 = "AC06"
    """The account is blocked."""
    AC13 = "AC13"
    """The debtor's account is a consumer account that may not be debited."""
    AG01 = "AG01"
    """Direct debits are forbidden on this account."""
    AG02 = "AG02"
    """The operation or transaction code is wrong."""
    AM04 = "AM04"
    """Insufficient funds."""
    AM05 = "AM05"
    """A duplicate collection."""
    BE05 = "BE05"
    """The creditor is not recognised."""
    FF01 = "FF01"
    """The file or transaction format is invalid."""
    MD01 = "MD01"
    """No mandate."""
    MD02 = "MD02"
    """The mandate data are missing or wrong."""
    MD06 = "MD06"
    """The debtor asked for a refund."""
    MD07 = "MD07"
    """The debtor is deceased."""
    MS02 = "MS02"
    """Refused by the debtor, no reason given."""
    MS03 = "MS03"
    """Refused by the debtor's bank, no reason given."""
    RC01 = "RC01"
    """The BIC is incorrect."""
    RR01 = "RR01"
    """Regulatory reason: the debtor's account or identification is missing."""
    RR02 = "RR02"
    """Regulatory reason: the debtor's name or address is missing."""
    RR03 = "RR03"
    """Regulatory reason: the creditor's name or address is missing."""
    RR04 = "RR04"
    """Regulatory reason."""
    SL01 = "SL01"
    """A service the debtor's bank offers (a block or a whitelist the debtor set)."""

    @classmethod
    def parse(cls, text: object, *, field: str = "reason") -> ReturnReason:
        """The reason whose code is *text* (any case).

        Examples:
            >>> ReturnReason.parse("am04")
            <ReturnReason.AM04: 'AM04'>
        """
        if not isinstance(text, str):
            raise InvalidTypeError(field, text, "must be a str")
        try:
            return cls(text.strip().upper())
        except ValueError:
            known = ", ".join(member.value for member in cls)
            raise InvalidValueError(field, text, f"is not a reason code ({known})") from None


@attrs.frozen
class ReturnedDebit:
    """A debit the family's bank sent back.

    Attributes:
        day: the day the return was booked on the creditor's account.
        invoice: the reference of the invoice the debit collected (its end-to-end id).
        amount: the amount returned, above 0,00 €.
        reason: the reason code.
        reference: the bank's reference of the return, shown on the statement.

    Examples:
        >>> ReturnedDebit(date(2024, 11, 20), "F1-202410", Money.euros("51.84"),
        ...               ReturnReason.AM04, "RJ-1").reason.value
        'AM04'
    """

    day: date = attrs.field(validator=a_date)
    invoice: str = attrs.field(validator=identifier)
    amount: Money = attrs.field()
    reason: ReturnReason = attrs.field(validator=enum_member(ReturnReason))
    reference: str = attrs.field(validator=identifier)

    @amount.validator
    def _positive(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Money):
            raise InvalidTypeError(attribute.name, value, "must be Money")
        if value.is_negative() or value.is_zero():
            raise InvalidValueError(attribute.name, value, "must be above 0,00 €")


_FEE_REFERENCE: Final = "FRAIS-{reference}"


def record_return(ledger: Ledger, returned: ReturnedDebit, terms: DirectDebitTerms) -> Ledger:
    """*ledger* with the return posted: the reversal, then the commune's fee if it has one.

    Examples:
        >>> from cantine_rules.sources import Source
        >>> paid = Ledger().debit(date(2024, 10, 31), Money.euros("51.84"), "F1-202410")
        >>> paid = paid.credit(date(2024, 11, 14), Money.euros("51.84"), "F1-202410")
        >>> terms = DirectDebitTerms(14, Source.example("frais de rejet 5 €"), Money.euros("5"))
        >>> returned = ReturnedDebit(date(2024, 11, 20), "F1-202410", Money.euros("51.84"),
        ...                          ReturnReason.AM04, "RJ-1")
        >>> record_return(paid, returned, terms).balance
        Money.euros('-56.84')
    """
    if not isinstance(ledger, Ledger):
        raise InvalidTypeError("ledger", ledger, "must be a Ledger")
    if not isinstance(returned, ReturnedDebit):
        raise InvalidTypeError("returned", returned, "must be a ReturnedDebit")
    if not isinstance(terms, DirectDebitTerms):
        raise InvalidTypeError("terms", terms, "must be DirectDebitTerms")
    entries = [
        LedgerEntry.debit_of(
            returned.day,
            returned.amount,
            returned.reference,
            entry_type=EntryType.REVERSAL,
            invoice=returned.invoice,
            label=f"{EntryType.REVERSAL.label} ({returned.reason.value})",
        )
    ]
    if terms.return_fee is not None:
        entries.append(
            LedgerEntry.debit_of(
                returned.day,
                terms.return_fee,
                _FEE_REFERENCE.format(reference=returned.reference),
                entry_type=EntryType.FEE,
                invoice=returned.invoice,
                label="Frais de rejet de prélèvement",
            )
        )
    return ledger.post(*entries)
