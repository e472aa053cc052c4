"""How a family pays: payment modes, and one payment in euros or in paper cantine tickets.

Examples:
    >>> PaymentMode.parse("cheque")
    <PaymentMode.CHEQUE: 'cheque'>
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

import attrs

from cantine_rules._validators import enum_member, optional_text
from cantine_rules.errors import InvalidValueError
from cantine_rules.money import Money
from cantine_rules.pricing._account_errors import (
    TicketCountError,
    UnknownPaymentModeError,
    require_money,
    require_positive,
)

__all__ = [
    "DEFAULT_PAYMENT_MODES",
    "DEFAULT_PAYMENT_SCHEME",
    "Payment",
    "PaymentMode",
    "PaymentScheme",
    "ticket_count",
]


class PaymentMode(StrEnum):
    """A way of paying the commune.

    Every mode but [`TICKETS`][] pays in euros.
    """

    CARD = "card"
    """Carte bancaire, at the counter or online (« carte bancaire », seed 000)."""
    CHEQUE = "cheque"
    """Chèque (« chèque », seed 000)."""
    TRANSFER = "transfer"
    """Virement (« virement », seed 000)."""
    DIRECT_DEBIT = "direct_debit"
    """Prélèvement automatique (« adhérer au prélèvement automatique », seed 004)."""
    PAYFIP = "payfip"
    """PayFiP, the State's online payment of public debts (« Référence de la dette », seed 001)."""
    CASH = "cash"
    """Espèces, at the counter of the mairie or the régie (« EN MAIRIE, aux heures d'ouverture
    pour les chèques et les espèces », Le Rove)."""
    TICKETS = "tickets"
    """Paper cantine tickets, counted in tickets, not euros: « les personnes qui auraient encore en
    leur possession des tickets cantine, il vous faudra vous présenter en mairie pour faire les
    réservations et payer avec ce mode paiement là jusqu'à écoulement de ceux-ci » (seed 001)."""

    @classmethod
    def parse(cls, text: object, *, field: str = "payment_mode") -> PaymentMode:
        """The mode named *text* (its value, any case, surrounding blanks ignored).

        Raises:
            UnknownPaymentModeError: *text* names no mode; the message lists the known ones.

        Examples:
            >>> PaymentMode.parse(" PayFiP ")
            <PaymentMode.PAYFIP: 'payfip'>
        """
        if isinstance(text, PaymentMode):
            return text
        if isinstance(text, str):
            try:
                return cls(text.strip().lower())
            except ValueError:
                pass
        raise UnknownPaymentModeError(text, (mode.value for mode in cls), field=field)

    @property
    def counts_tickets(self) -> bool:
        """True for paper tickets, which are counted in tickets rather than euros.

        Examples:
            >>> PaymentMode.TICKETS.counts_tickets, PaymentMode.CARD.counts_tickets
            (True, False)
        """
        return self is PaymentMode.TICKETS


class PaymentScheme(StrEnum):
    """When families pay."""

    POSTFACTURATION = "postfacturation"
    """After the fact, on an invoice for the month (seeds 002, 003 and 004)."""
    IMMEDIATE = "immediate"
    """At booking: « Paiement immédiat », bookings count only once paid (seed 001)."""
    PREPAID = "prepaid"
    """From a prepaid wallet, « porte-monnaie », that must stay in credit (seed 000)."""


DEFAULT_PAYMENT_SCHEME: Final = PaymentScheme.POSTFACTURATION
"""The scheme of a commune whose règlement does not say how families pay: billed after the
month. The library's choice, never a commune's fact: billing after the service is what most
règlements describe (seeds 002, 003, 004), and it asks nothing of a family before the service.
"""

DEFAULT_PAYMENT_MODES: Final = frozenset({PaymentMode.CHEQUE, PaymentMode.PAYFIP})
"""The modes of a commune whose règlement names none: PayFiP, the State's online payment of
public debts (the décret n° 2018-689 of 1 August 2018 asks public bodies to offer an online
payment service), and the cheque. The library's choice, never a commune's fact
(`CommunePolicy.explain` marks it as a default).
"""


def ticket_count(value: object, field: str = "tickets") -> int:
    """Return *value* if it is a whole number of tickets of at least one, else raise naming *field*.

    A bool, a float (even ``2.0``), a string or a number below one raises
    [`TicketCountError`][]: half a ticket does not exist and a count is never guessed.

    Examples:
        >>> ticket_count(4)
        4
    """
    if type(value) is not int or value < 1:
        raise TicketCountError(field, value)
    return value


def _mode(value: object) -> PaymentMode:
    return PaymentMode.parse(value, field="mode")


def _check_amount(instance: Payment, _attribute: attrs.Attribute[Money], value: Money) -> None:
    if instance.mode.counts_tickets:
        if not require_money(value, "amount").is_zero():
            raise InvalidValueError("amount", value, "must be 0,00 € for a payment in tickets")
    else:
        require_positive(value, "amount")


def _check_tickets(instance: Payment, _attribute: attrs.Attribute[int], value: int) -> None:
    if instance.mode.counts_tickets:
        ticket_count(value)
    elif value != 0:
        raise InvalidValueError("tickets", value, f"must be 0 for a payment by {instance.mode}")


@attrs.frozen
class Payment:
    """One payment: an amount of euros by a euro mode, or a number of paper tickets.

    Build one with [`euros`][] or [`in_tickets`][]. A euro payment is above 0,00 € and counts
    no ticket; a ticket payment counts at least one whole ticket and no euro.

    Attributes:
        mode: how it was paid.
        amount: the euros paid (0,00 € for tickets).
        tickets: the tickets handed in (0 for a euro payment).
        reference: the commune's or the bank's reference, if any (PayFiP « Référence de la dette »).

    Examples:
        >>> Payment.euros(PaymentMode.PAYFIP, Money.euros("3.80"), "20181231x207x8573").amount
        Money.euros('3.80')
    """

    mode: PaymentMode = attrs.field(converter=_mode, validator=enum_member(PaymentMode))
    amount: Money = attrs.field(validator=_check_amount)
    tickets: int = attrs.field(default=0, validator=_check_tickets)
    reference: str | None = attrs.field(default=None, validator=optional_text)

    @classmethod
    def euros(cls, mode: PaymentMode | str, amount: Money, reference: str | None = None) -> Payment:
        """A payment of *amount* euros by *mode* (any mode but tickets).

        Examples:
            >>> Payment.euros("card", Money.euros("14.40")).mode
            <PaymentMode.CARD: 'card'>
        """
        return cls(mode, amount, 0, reference)

    @classmethod
    def in_tickets(cls, count: int, reference: str | None = None) -> Payment:
        """A payment of *count* paper cantine tickets.

        Examples:
            >>> Payment.in_tickets(4).tickets
            4
        """
        return cls(PaymentMode.TICKETS, Money.zero(), ticket_count(count), reference)
