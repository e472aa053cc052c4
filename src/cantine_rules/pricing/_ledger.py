"""A family's account: immutable entries, a balance derived from them, and the account statement.

**Sign convention.** Every entry is either a *debit* (the family owes more: an invoice, a service
taken from a prepaid wallet, a refund paid out) or a *credit* (the family owes less: a payment, a
wallet top-up). The balance is ``credits − debits``: positive when the family is in credit, negative
when it owes money. The balance is never stored; it is the sum of the entries, every time.

The statement of seed 003 shows « Relevé de compte: Date, Type, Référence, Facture,
Débit, Crédit, Solde », opens on a « SOLDE A CE JOUR » row, lists « les 5 derniers mouvements » and
offers « Afficher tout »; [`Ledger.statement`][] gives exactly that.

Examples:
    >>> from datetime import date
    >>> from cantine_rules import Money
    >>> ledger = Ledger().debit(date(2024, 10, 1), Money.euros("45.60"), "F-2024-09")
    >>> ledger.credit(date(2024, 10, 8), Money.euros("45.60"), "CB-123").balance
    Money.euros('0.00')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any, Final

import attrs

from cantine_rules._validators import (
    a_date,
    enum_member,
    identifier,
    non_negative_money,
    optional_text,
    tuple_of,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.money import Money
from cantine_rules.pricing._account_errors import ZeroAmountError, require_positive
from cantine_rules.pricing._payment import PaymentMode

__all__ = [
    "OPENING_LABEL",
    "EntryType",
    "Ledger",
    "LedgerEntry",
    "Side",
    "Statement",
    "StatementRow",
]

OPENING_LABEL: Final = "SOLDE A CE JOUR"
"""The label of a statement's first row, as the statement of seed 003 shows it."""


class Side(StrEnum):
    """Which column of the statement an entry of a given type may be written in."""

    DEBIT = "debit"
    CREDIT = "credit"
    EITHER = "either"


class EntryType(StrEnum):
    """What an account entry is; decides on which side it may be written."""

    INVOICE = "invoice"
    """A postfacturation invoice (debit)."""
    CONSUMPTION = "consumption"
    """A booked service taken from a prepaid wallet (debit)."""
    PAYMENT = "payment"
    """Money received from the family, or a wallet top-up (credit)."""
    REFUND = "refund"
    """Money paid back to the family (debit: it lowers what the family holds)."""
    ADJUSTMENT = "adjustment"
    """A correction by the commune (either side)."""
    OPENING = "opening"
    """The balance brought over from an earlier system (either side)."""
    REVERSAL = "reversal"
    """A payment undone: a direct debit the family's bank sent back (debit)."""
    FEE = "fee"
    """A fee the commune charges, such as for a returned direct debit (debit)."""

    @property
    def side(self) -> Side:
        """The side entries of this type are written on.

        Examples:
            >>> EntryType.PAYMENT.side.value
            'credit'
        """
        return _SIDES[self]

    @property
    def label(self) -> str:
        """The French label a statement shows in its « Type » column.

        Examples:
            >>> EntryType.INVOICE.label
            'Facture'
        """
        return _LABELS[self]


_SIDES: Final = {
    EntryType.INVOICE: Side.DEBIT,
    EntryType.CONSUMPTION: Side.DEBIT,
    EntryType.PAYMENT: Side.CREDIT,
    EntryType.REFUND: Side.DEBIT,
    EntryType.ADJUSTMENT: Side.EITHER,
    EntryType.OPENING: Side.EITHER,
    EntryType.REVERSAL: Side.DEBIT,
    EntryType.FEE: Side.DEBIT,
}
_LABELS: Final = {
    EntryType.INVOICE: "Facture",
    EntryType.CONSUMPTION: "Consommation",
    EntryType.PAYMENT: "Paiement",
    EntryType.REFUND: "Remboursement",
    EntryType.ADJUSTMENT: "Régularisation",
    EntryType.OPENING: "Solde initial",
    EntryType.REVERSAL: "Rejet de prélèvement",
    EntryType.FEE: "Frais",
}


def _check_credit(instance: LedgerEntry, attribute: attrs.Attribute[Any], value: object) -> None:
    non_negative_money(instance, attribute, value)
    debit, credit = instance.debit.cents, instance.credit.cents
    if debit and credit:
        raise InvalidValueError("credit", value, "an entry is a debit or a credit, not both")
    if not debit and not credit:
        raise ZeroAmountError("debit", instance.debit)
    side = instance.type.side
    entry = f"{'an' if instance.type.value[0] in 'aeiou' else 'a'} {instance.type} entry"
    if side is Side.DEBIT and credit:
        raise InvalidValueError("credit", value, f"{entry} is a debit")
    if side is Side.CREDIT and debit:
        raise InvalidValueError("debit", instance.debit, f"{entry} is a credit")


def _check_mode(instance: LedgerEntry, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    enum_member(PaymentMode)(instance, attribute, value)
    if value is PaymentMode.TICKETS:
        raise InvalidValueError(
            "mode", value, "paper tickets are counted in tickets, not euros; they move no money"
        )


@attrs.frozen
class LedgerEntry:
    """One movement of a family's account: a debit or a credit, never both, never zero.

    Attributes:
        day: the date of the movement.
        type: what it is; an invoice is a debit, a payment a credit (see [`EntryType`][]).
        reference: the commune's reference of the movement (a payment reference, an invoice number).
        debit: what it adds to what the family owes (0,00 € on a credit).
        credit: what it adds to what the family holds (0,00 € on a debit).
        invoice: the invoice it belongs to or settles, if any (the « Facture » column).
        mode: how a payment was made, if it is one.
        label: a free text shown with it.

    Examples:
        >>> LedgerEntry(
        ...     date(2024, 10, 1), EntryType.INVOICE, "F-1", Money.euros("3.60"), Money.zero()
        ... )  # doctest: +ELLIPSIS
        LedgerEntry(day=datetime.date(2024, 10, 1), type=<EntryType.INVOICE: 'invoice'>, ...)
    """

    day: date = attrs.field(validator=a_date)
    type: EntryType = attrs.field(validator=enum_member(EntryType))
    reference: str = attrs.field(validator=identifier)
    debit: Money = attrs.field(validator=non_negative_money)
    credit: Money = attrs.field(validator=_check_credit)
    invoice: str | None = attrs.field(default=None, validator=optional_text)
    mode: PaymentMode | None = attrs.field(default=None, validator=_check_mode)
    label: str | None = attrs.field(default=None, validator=optional_text)

    @classmethod
    def debit_of(
        cls,
        day: date,
        amount: Money,
        reference: str,
        *,
        entry_type: EntryType = EntryType.INVOICE,
        invoice: str | None = None,
        label: str | None = None,
    ) -> LedgerEntry:
        """A debit of *amount* (above zero); an invoice by default.

        Examples:
            >>> LedgerEntry.debit_of(date(2024, 10, 1), Money.euros("14.40"), "F-1").signed
            Money.euros('-14.40')
        """
        require_positive(amount, "amount")
        return cls(day, entry_type, reference, amount, Money.zero(), invoice, None, label)

    @classmethod
    def credit_of(
        cls,
        day: date,
        amount: Money,
        reference: str,
        *,
        mode: PaymentMode | None = None,
        entry_type: EntryType = EntryType.PAYMENT,
        invoice: str | None = None,
        label: str | None = None,
    ) -> LedgerEntry:
        """A credit of *amount* (above zero); a payment by default.

        Examples:
            >>> LedgerEntry.credit_of(date(2024, 10, 1), Money.euros("14.40"), "VIR-1").signed
            Money.euros('14.40')
        """
        require_positive(amount, "amount")
        return cls(day, entry_type, reference, Money.zero(), amount, invoice, mode, label)

    @property
    def signed(self) -> Money:
        """What the entry adds to the balance: its credit, or minus its debit.

        Examples:
            >>> paid = Money.euros("5")
            >>> LedgerEntry(date(2024, 10, 1), EntryType.PAYMENT, "CB", Money.zero(), paid).signed
            Money.euros('5.00')
        """
        return Money(self.credit.cents - self.debit.cents)


@attrs.frozen
class StatementRow:
    """One row of an account statement (« Date, Type, Référence, Facture, Débit, Crédit, Solde »).

    ``type`` is None on the opening row, whose ``label`` is « SOLDE A CE JOUR ».

    Examples:
        >>> row = StatementRow(date(2018, 8, 24), None, OPENING_LABEL, None, None, Money.zero(),
        ...                    Money.zero(), Money.zero())
        >>> row.label, row.balance
        ('SOLDE A CE JOUR', Money.euros('0.00'))
    """

    day: date
    type: EntryType | None
    label: str
    reference: str | None
    invoice: str | None
    debit: Money
    credit: Money
    balance: Money


@attrs.frozen
class Statement:
    """An account statement as of a day: the opening row, the movements shown, the balance.

    Attributes:
        as_of: the day the statement is drawn up; later entries are left out.
        balance: « Votre solde à ce jour est de … »: the balance at the end of *as_of*.
        opening: the « SOLDE A CE JOUR » row: the balance before the first movement shown, dated
            that movement's day (or *as_of* when none is shown).
        rows: the movements shown, oldest first, each with the running balance after it.
        hidden: how many earlier movements are left out (« Afficher tout » shows them).

    Examples:
        >>> Ledger().statement(date(2018, 8, 24)).opening.label
        'SOLDE A CE JOUR'
    """

    as_of: date
    balance: Money
    opening: StatementRow
    rows: tuple[StatementRow, ...]
    hidden: int

    @property
    def is_complete(self) -> bool:
        """True when every movement up to *as_of* is shown."""
        return self.hidden == 0


def _by_day(entries: Iterable[LedgerEntry]) -> tuple[LedgerEntry, ...]:
    items = tuple(entries)
    for index, item in enumerate(items):
        # Checked here, before sorting, so a stray value raises the typed error, not AttributeError.
        if not isinstance(item, LedgerEntry):
            raise InvalidTypeError(f"entries[{index}]", item, "must be a LedgerEntry")
    # A stable sort: entries of the same day keep the order they were posted in.
    return tuple(sorted(items, key=_entry_day))


def _entry_day(entry: LedgerEntry) -> date:
    return entry.day


@attrs.frozen
class Ledger:
    """A family's account: its entries in date order (same-day entries in posting order).

    Immutable: [`post`][], [`debit`][] and [`credit`][] return a new ledger. The balance is
    always the sum of the entries (``credits − debits``); there is no separate total to drift.

    Examples:
        >>> topped_up = Ledger().credit(date(2024, 9, 2), Money.euros("50"), "CHQ-1")
        >>> topped_up.debit(date(2024, 9, 3), Money.euros("3.60"), "repas").balance
        Money.euros('46.40')
    """

    entries: tuple[LedgerEntry, ...] = attrs.field(
        default=(), converter=_by_day, validator=tuple_of(LedgerEntry)
    )

    # Posting ------------------------------------------------------------------------------------

    def post(self, *entries: LedgerEntry) -> Ledger:
        """This ledger with *entries* added.

        Examples:
            >>> entry = LedgerEntry(
            ...     date(2024, 9, 2), EntryType.OPENING, "reprise", Money.euros("2"), Money.zero()
            ... )
            >>> Ledger().post(entry).balance
            Money.euros('-2.00')
        """
        return Ledger(self.entries + entries)

    def debit(
        self,
        day: date,
        amount: Money,
        reference: str,
        *,
        entry_type: EntryType = EntryType.INVOICE,
        invoice: str | None = None,
        label: str | None = None,
    ) -> Ledger:
        """This ledger with a debit of *amount* (above zero) added; an invoice by default.

        Examples:
            >>> Ledger().debit(date(2024, 10, 1), Money.euros("14.40"), "F-1").balance
            Money.euros('-14.40')
        """
        return self.post(
            LedgerEntry.debit_of(
                day, amount, reference, entry_type=entry_type, invoice=invoice, label=label
            )
        )

    def credit(
        self,
        day: date,
        amount: Money,
        reference: str,
        *,
        mode: PaymentMode | None = None,
        entry_type: EntryType = EntryType.PAYMENT,
        invoice: str | None = None,
        label: str | None = None,
    ) -> Ledger:
        """This ledger with a credit of *amount* (above zero) added; a payment by default.

        Examples:
            >>> Ledger().credit(date(2024, 10, 1), Money.euros("14.40"), "VIR-1").balance
            Money.euros('14.40')
        """
        return self.post(
            LedgerEntry.credit_of(
                day,
                amount,
                reference,
                mode=mode,
                entry_type=entry_type,
                invoice=invoice,
                label=label,
            )
        )

    # Reading ------------------------------------------------------------------------------------

    @property
    def balance(self) -> Money:
        """``credits − debits`` over every entry: negative when the family owes money.

        Examples:
            >>> Ledger().balance
            Money.euros('0.00')
        """
        return Money(sum(entry.credit.cents - entry.debit.cents for entry in self.entries))

    @property
    def total_debits(self) -> Money:
        """The sum of the debit column."""
        return Money(sum(entry.debit.cents for entry in self.entries))

    @property
    def total_credits(self) -> Money:
        """The sum of the credit column."""
        return Money(sum(entry.credit.cents for entry in self.entries))

    def balance_on(self, day: date) -> Money:
        """The balance at the end of *day*: the sum of the entries dated on or before it.

        Examples:
            >>> ledger = Ledger().debit(date(2024, 10, 1), Money.euros("3"), "F-1")
            >>> ledger.balance_on(date(2024, 9, 30))
            Money.euros('0.00')
        """
        return Money(
            sum(
                entry.credit.cents - entry.debit.cents for entry in self.entries if entry.day <= day
            )
        )

    def rows(self) -> tuple[StatementRow, ...]:
        """Every entry as a statement row, oldest first, with the running balance after it.

        Examples:
            >>> Ledger().credit(date(2024, 9, 2), Money.euros("5"), "CB").rows()[0].balance
            Money.euros('5.00')
        """
        rows: list[StatementRow] = []
        running = 0
        for entry in self.entries:
            running += entry.credit.cents - entry.debit.cents
            rows.append(_row(entry, Money(running)))
        return tuple(rows)

    def statement(
        self, as_of: date, *, last: int | None = 5, opening_label: str = OPENING_LABEL
    ) -> Statement:
        """The account statement at the end of *as_of*, showing the *last* movements.

        « Liste des 5 derniers mouvements. Afficher tout » (seed 003): ``last=5`` by default,
        ``last=None`` shows every movement. Entries dated after *as_of* are left out.

        Raises:
            InvalidValueError: *last* is not None nor a whole number of at least 1.

        Examples:
            >>> Ledger().statement(date(2018, 8, 24)).balance
            Money.euros('0.00')
        """
        if last is not None and (type(last) is not int or last < 1):
            raise InvalidValueError("last", last, "must be None (show all) or a whole number ≥ 1")
        a_date(None, _AS_OF, as_of)
        rows = [row for row in self.rows() if row.day <= as_of]
        shown = rows if last is None else rows[-last:]
        hidden = len(rows) - len(shown)
        balance = rows[-1].balance if rows else Money.zero()
        if shown:
            first = shown[0]
            brought_forward = first.balance - first.credit + first.debit
            opening_day = first.day
        else:
            brought_forward, opening_day = balance, as_of
        opening = StatementRow(
            opening_day,
            None,
            opening_label,
            None,
            None,
            Money.zero(),
            Money.zero(),
            brought_forward,
        )
        return Statement(as_of, balance, opening, tuple(shown), hidden)


_AS_OF: Final = attrs.fields(Statement).as_of


def _row(entry: LedgerEntry, balance: Money) -> StatementRow:
    return StatementRow(
        entry.day,
        entry.type,
        entry.label or entry.type.label,
        entry.reference,
        entry.invoice,
        entry.debit,
        entry.credit,
        balance,
    )
