"""The prepaid wallet (porte-monnaie): credits, debits, alert, escalation.

The family credits the wallet by the modes the commune accepts; each booked service is debited
from it. The wallet keeps its movements in a
[`Ledger`][cantine_rules.pricing.accounts.Ledger] with the same sign convention (balance =
credits − debits), so its balance is always the sum of its movements and a statement of it reads
like any account statement.

**The alert threshold is inclusive.** « à partir de 30 € vous serez relancer par mail et sms »
(seed 000): *à partir de* means *from that amount on*, so the reminder fires when the balance is
**at or below** the threshold, not only below it; a cent above it sends nothing.

**A negative balance escalates.** « Tous les comptes négatifs seront immédiatement rappelés par le
service comptable de la mairie et si non règlement directement transmis au contentieux du trésor
public. » Below 0,00 € the status is [`WalletStatus.ESCALATED`][]. The seed sets no delay before
the Trésor public takes over, so that step is left to the commune. 0,00 € is not negative: it is a
low balance.

A wallet has no commune's defaults: its threshold and modes are given, or taken from a commune's
policy with [`CommunePolicy.wallet`][cantine_rules.policies.commune.CommunePolicy.wallet].

Examples:
    >>> from datetime import date
    >>> from cantine_rules import Money
    >>> wallet = Wallet(alert_threshold=Money.euros("30"), accepted_modes={PaymentMode.CARD})
    >>> wallet = wallet.credit(date(2024, 9, 2), Money.euros("40"), PaymentMode.CARD, "CB-1")
    >>> wallet.debit(date(2024, 9, 3), Money.euros("10"), "repas").status.value
    'low_balance'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import non_negative_money
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import Booking
from cantine_rules.money import Money
from cantine_rules.pricing._account_errors import require_positive
from cantine_rules.pricing._ledger import EntryType, Ledger
from cantine_rules.pricing._moved import default_alert_threshold, default_credit_modes
from cantine_rules.pricing._payment import PaymentMode
from cantine_rules.pricing._priced_unit import UnitPricer

__all__ = ["Wallet", "WalletStatus"]


class WalletStatus(StrEnum):
    """Where a wallet's balance stands against its alert threshold and zero."""

    IN_CREDIT = "in_credit"
    """Above the alert threshold: nothing to do."""
    LOW_BALANCE = "low_balance"
    """At or below the alert threshold, not negative: remind the family by e-mail and SMS."""
    ESCALATED = "escalated"
    """Negative: recalled by the accounts service, then sent to the Trésor public if unpaid."""

    @property
    def needs_reminder(self) -> bool:
        """True when the family must be reminded to credit the wallet (low or negative).

        Examples:
            >>> WalletStatus.LOW_BALANCE.needs_reminder, WalletStatus.IN_CREDIT.needs_reminder
            (True, False)
        """
        return self is not WalletStatus.IN_CREDIT


def _modes(value: Iterable[object]) -> frozenset[PaymentMode]:
    if isinstance(value, str):
        value = (value,)
    modes = frozenset(PaymentMode.parse(item, field="accepted_modes") for item in value)
    if not modes:
        raise InvalidValueError("accepted_modes", modes, "must accept at least one mode")
    if PaymentMode.TICKETS in modes:
        raise InvalidValueError(
            "accepted_modes", PaymentMode.TICKETS, "a wallet holds euros; tickets cannot credit it"
        )
    return modes


def _ledger(_instance: Any, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Ledger):
        raise InvalidTypeError("ledger", value, "must be a Ledger")


@pickled_by_fields
@attrs.frozen
class Wallet:
    """A prepaid wallet: its movements, its alert threshold and the modes that may credit it.

    Immutable: [`credit`][], [`debit`][] and [`debit_booking`][] return a new wallet. A commune's
    wallet comes from its policy
    ([`CommunePolicy.wallet`][cantine_rules.policies.commune.CommunePolicy.wallet]).

    Deprecated: a wallet built without ``alert_threshold`` or ``accepted_modes`` still takes
    the values that were its defaults (seed 000's: 30 €; card, cheque, transfer), with a
    `DeprecationWarning`, until 0.3.

    Attributes:
        ledger: the movements; the balance is their sum.
        alert_threshold: the balance at or below which the family is reminded (0,00 € or more).
        accepted_modes: the payment modes that may credit the wallet.

    Examples:
        >>> empty = Wallet(alert_threshold=Money.euros("20"), accepted_modes=["card", "cheque"])
        >>> empty.status.value
        'low_balance'
    """

    ledger: Ledger = attrs.field(factory=Ledger, validator=_ledger)
    alert_threshold: Money = attrs.field(
        factory=default_alert_threshold, validator=non_negative_money
    )
    accepted_modes: frozenset[PaymentMode] = attrs.field(
        factory=default_credit_modes, converter=_modes
    )

    @property
    def balance(self) -> Money:
        """The sum of the movements: credits − debits."""
        return self.ledger.balance

    @property
    def status(self) -> WalletStatus:
        """In credit, low (≤ the alert threshold) or escalated (< 0,00 €).

        Examples:
            >>> Wallet(alert_threshold=Money.zero(), accepted_modes=["card"]).status.value
            'low_balance'
        """
        balance = self.ledger.balance
        if balance.cents < 0:
            return WalletStatus.ESCALATED
        if balance <= self.alert_threshold:
            return WalletStatus.LOW_BALANCE
        return WalletStatus.IN_CREDIT

    def credit(self, day: date, amount: Money, mode: PaymentMode | str, reference: str) -> Wallet:
        """This wallet credited with *amount* (above zero) paid by *mode*.

        Raises:
            NegativeAmountError: *amount* is below zero.
            ZeroAmountError: *amount* is zero.
            InvalidValueError: *mode* is not one the wallet accepts (field ``mode``).
            UnknownPaymentModeError: *mode* is not a payment mode at all.

        Examples:
            >>> wallet = Wallet(alert_threshold=Money.euros("20"), accepted_modes=["cheque"])
            >>> wallet.credit(date(2024, 9, 2), Money.euros("50"), "cheque", "CHQ-1").balance
            Money.euros('50.00')
        """
        require_positive(amount, "amount")
        payment_mode = PaymentMode.parse(mode, field="mode")
        if payment_mode not in self.accepted_modes:
            accepted = ", ".join(sorted(self.accepted_modes))
            raise InvalidValueError("mode", payment_mode, f"this wallet is credited by {accepted}")
        ledger = self.ledger.credit(day, amount, reference, mode=payment_mode)
        return attrs.evolve(self, ledger=ledger)

    def debit(
        self, day: date, amount: Money, reference: str, *, label: str | None = None
    ) -> Wallet:
        """This wallet with *amount* (above zero) taken for a service.

        The debit is taken even if it makes the balance negative: the meal was served, and the
        negative balance escalates (see [`status`][]).

        Examples:
            >>> wallet = Wallet(alert_threshold=Money.euros("20"), accepted_modes=["card"])
            >>> wallet.debit(date(2024, 9, 3), Money.euros("3.60"), "repas").status.value
            'escalated'
        """
        require_positive(amount, "amount")
        ledger = self.ledger.debit(
            day, amount, reference, entry_type=EntryType.CONSUMPTION, label=label
        )
        return attrs.evolve(self, ledger=ledger)

    def debit_booking(self, booking: Booking, pricer: UnitPricer) -> Wallet:
        """This wallet with one booked service taken at its unit price, on the booking's day.

        A booking that does not book the day (pending, cancelled, refused) is refused; a service
        priced 0,00 € moves nothing and returns this wallet. The reference is
        ``child/service/day``, the label the tariff name.

        Examples:
            >>> from cantine_rules import Booking
            >>> from cantine_rules.pricing._priced_unit import flat_pricer
            >>> meal = Booking("louise", "cantine", date(2024, 9, 3))
            >>> wallet = Wallet(alert_threshold=Money.euros("20"), accepted_modes=["card"])
            >>> wallet.debit_booking(meal, flat_pricer(Money.euros("3.60"), "à l'unité")).balance
            Money.euros('-3.60')
        """
        if not isinstance(booking, Booking):
            raise InvalidTypeError("booking", booking, "must be a Booking")
        if not booking.state.books_the_day:
            raise InvalidValueError(
                "booking.state", booking.state, "only a booking that books the day is debited"
            )
        priced = pricer(booking.child_id, booking.service_code, booking.day)
        if priced.unit_price.is_zero():
            return self
        reference = f"{booking.child_id}/{booking.service_code}/{booking.day.isoformat()}"
        return self.debit(booking.day, priced.unit_price, reference, label=priced.tariff_name)
