"""The typed errors of invoices, baskets, wallets, ledgers and custody, and the checks raising them.

Each error subclasses the matching error of [`cantine_rules.errors`][], so it is also the builtin a
Python developer expects (``ValueError``, ``LookupError``) and names the field and the value.

Examples:
    >>> from cantine_rules import Money
    >>> try:
    ...     require_positive(Money.zero(), "credit.amount")
    ... except ZeroAmountError as error:
    ...     print(error)
    credit.amount: must be more than 0,00 € (got Money.euros('0.00'))
"""

from __future__ import annotations

from collections.abc import Iterable

from cantine_rules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NegativeAmountError,
    UnknownCodeError,
)
from cantine_rules.money import Money

__all__ = [
    "CustodyScheduleError",
    "PaymentMismatchError",
    "TicketCountError",
    "UnknownPaymentModeError",
    "ZeroAmountError",
    "require_money",
    "require_positive",
]


class UnknownPaymentModeError(UnknownCodeError):
    """A payment mode is not a known `PaymentMode`; the message lists the known ones."""

    def __init__(self, value: object, known: Iterable[str], field: str = "payment_mode") -> None:
        super().__init__(field, value, known)


class TicketCountError(InvalidValueError):
    """A number of paper cantine tickets is not a whole number of at least one."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field, value, "must be a whole number of tickets, at least 1")


class ZeroAmountError(InvalidValueError):
    """An amount that must be more than zero (a credit, a debit, a payment) was 0,00 €."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field, value, "must be more than 0,00 €")


class PaymentMismatchError(InvalidValueError):
    """A payment does not settle exactly what it is meant to pay."""


class CustodyScheduleError(InvalidValueError):
    """A custody schedule has overlapping or missing date ranges, or cannot answer a day."""


def require_money(value: object, field: str) -> Money:
    """Return *value* if it is [`Money`][], else raise [`InvalidTypeError`][] naming *field*.

    Examples:
        >>> require_money(Money.euros("3.60"), "cost")
        Money.euros('3.60')
    """
    if not isinstance(value, Money):
        raise InvalidTypeError(field, value, "must be Money (for example Money.euros('3.60'))")
    return value


def require_positive(value: object, field: str) -> Money:
    """Return *value* if it is Money above zero; a negative or zero amount raises naming *field*.

    A negative amount raises [`NegativeAmountError`][cantine_rules.errors.NegativeAmountError],
    zero raises [`ZeroAmountError`][]; both are ``ValueError``.

    Examples:
        >>> require_positive(Money.euros("30"), "amount")
        Money.euros('30.00')
    """
    amount = require_money(value, field)
    if amount.cents < 0:
        raise NegativeAmountError(field, amount)
    if amount.cents == 0:
        raise ZeroAmountError(field, amount)
    return amount
