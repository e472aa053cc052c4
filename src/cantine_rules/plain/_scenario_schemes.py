"""A scenario's payments: euros or paper tickets, each towards one payment scheme.

A payment in euros goes to what the family owes by one scheme: the invoice of the services billed
after the month (postfacturation), the basket of the services paid at booking (paiement immédiat)
or the prepaid wallet (porte-monnaie). Without ``scheme`` it goes to the commune's own scheme.
Paper tickets only pay a basket: « les personnes qui auraient encore en leur possession des
tickets cantine, il vous faudra vous présenter en mairie pour faire les réservations et payer
avec ce mode paiement là jusqu'à écoulement de ceux-ci » (seed 001). The library bills in euros:
a payment written in any other currency is a problem at its ``currency``.

Examples:
    >>> from datetime import date
    >>> PaymentSpec(date(2016, 9, 1), Money.zero(), "tickets", "MAIRIE-1", tickets=4).payment
    Payment(mode=<PaymentMode.TICKETS: 'tickets'>, amount=Money.euros('0.00'), tickets=4, reference='MAIRIE-1')
"""  # noqa: E501

from __future__ import annotations

from datetime import date
from typing import Any, Final

import attrs

from cantine_rules._validators import a_date, identifier
from cantine_rules.errors import InvalidValueError
from cantine_rules.money import Money
from cantine_rules.plain._read import (
    Reader,
    Table,
    choice,
    day,
    ident,
    integer,
    join,
    money,
    same_names,
    text,
)
from cantine_rules.pricing.accounts import Payment, PaymentMode, PaymentScheme, ticket_count

__all__ = ["CURRENCY", "PaymentSpec", "read_payment"]

CURRENCY: Final = "EUR"
"""The one currency a scenario's payments may be written in."""


def _payment_mode(value: object) -> PaymentMode:
    return PaymentMode.parse(value, field="mode")


def _check_amount(instance: PaymentSpec, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Money):
        raise InvalidValueError(attribute.name, value, "must be Money")
    if instance.mode.counts_tickets:
        if not value.is_zero():
            raise InvalidValueError(attribute.name, value.amount, "tickets are counted, not euros")
    elif value.is_negative() or value.is_zero():
        raise InvalidValueError(attribute.name, value.amount, "must be above zero")


def _check_tickets(instance: PaymentSpec, attribute: attrs.Attribute[Any], value: object) -> None:
    if instance.mode.counts_tickets:
        ticket_count(value, attribute.name)
    elif value != 0:
        raise InvalidValueError(attribute.name, value, f"a payment by {instance.mode} counts none")


def _scheme(value: object) -> object:
    """A scheme's name as its member (any other value is left for the validator to refuse)."""
    if isinstance(value, str) and not isinstance(value, PaymentScheme):
        try:
            return PaymentScheme(value)
        except ValueError:
            return value
    return value


def _check_scheme(instance: PaymentSpec, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, PaymentScheme):
        known = ", ".join(scheme.value for scheme in PaymentScheme)
        raise InvalidValueError(attribute.name, value, f"must be one of {known}, or None")
    if instance.mode.counts_tickets and value not in (None, PaymentScheme.IMMEDIATE):
        raise InvalidValueError(
            attribute.name, str(value), "paper tickets pay only a basket (paiement immédiat)"
        )


@attrs.frozen
class PaymentSpec:
    """A payment received: euros above zero by a euro mode, or a number of paper tickets.

    Attributes:
        day: the day it was received.
        amount: the euros paid, above zero (0,00 € for tickets).
        mode: how it was paid (a name is read as [`PaymentMode.parse`][] reads it).
        reference: the payment's reference on the account statement.
        tickets: the paper tickets handed in (at least one for tickets, else 0).
        scheme: what it pays: the invoice (postfacturation), the basket (immediate) or the
            wallet (prepaid); None for the commune's own scheme (tickets: the basket).

    Examples:
        >>> PaymentSpec(date(2024, 10, 5), Money.euros("45.60"), "Card", "CB-1").mode
        <PaymentMode.CARD: 'card'>
    """

    day: date = attrs.field(validator=a_date)
    amount: Money = attrs.field(validator=_check_amount)
    mode: PaymentMode = attrs.field(converter=_payment_mode)
    reference: str = attrs.field(validator=identifier)
    tickets: int = attrs.field(default=0, validator=_check_tickets)
    scheme: PaymentScheme | None = attrs.field(
        default=None, converter=_scheme, validator=_check_scheme
    )

    @property
    def payment(self) -> Payment:
        """The payment as the accounts know it (euros, or tickets)."""
        return Payment(self.mode, self.amount, self.tickets, self.reference)

    def scheme_or(self, commune_scheme: PaymentScheme) -> PaymentScheme:
        """What this payment pays: its own scheme, the basket for tickets, else *commune_scheme*.

        Examples:
            >>> tickets = PaymentSpec(date(2016, 9, 1), Money.zero(), "tickets", "T", tickets=1)
            >>> tickets.scheme_or(PaymentScheme.POSTFACTURATION).value
            'immediate'
        """
        if self.scheme is not None:
            return self.scheme
        return PaymentScheme.IMMEDIATE if self.mode.counts_tickets else commune_scheme


_TICKET_COUNT: Final = integer(minimum=1)


def read_payment(reader: Reader, value: object, path: str) -> PaymentSpec:
    """A ``[[payments]]`` table; every problem at its path (``payments[0].currency``)."""
    table = Table(reader, value, path)
    when = table.required("day", day)
    # Any case and surrounding blanks, as PaymentMode.parse reads a mode.
    mode = table.required("mode", text)
    in_tickets = table.got("mode") and mode.strip().lower() == PaymentMode.TICKETS.value
    if in_tickets:
        amount = table.optional("amount", money, Money.zero())
        tickets = table.required("tickets", _TICKET_COUNT)
    else:
        amount = table.required("amount", money)
        tickets = table.optional("tickets", _TICKET_COUNT, 0)
    reference = table.required("reference", ident)
    scheme = table.optional("scheme", choice(PaymentScheme), None)
    currency = table.optional("currency", text, CURRENCY)
    if table.got("currency") and currency != CURRENCY:
        reader.fail(join(path, "currency"), f"must be {CURRENCY}: the library bills in euros only")
        table.ok = False
    table.close()
    return reader.build(
        path,
        same_names("day", "amount", "mode", "reference", "tickets", "scheme"),
        lambda: PaymentSpec(when, amount, mode, reference, tickets, scheme),
    )
