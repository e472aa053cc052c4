"""Payment terms beyond the commune's one scheme: per service, prepaid, topped up, credited back.

A commune may bill one service after the month and ask another to be paid before its booking
deadline: « Pour valider la réservation, le paiement anticipé correspondant à 100% de la somme
devra être effectué … avant la clôture des inscriptions » (a règlement, for the school holidays),
while its périscolaire is billed after the fact. The values here say so as data:

- [`ServicePayment`][]: the scheme of one service, and its [`Prepayment`][] if any;
- [`MinimumTopUp`][]: the least a family may credit to its wallet at once, « minimum de crédit
  20 euros par enfant » (a commune's page);
- [`CarryForward`][] and [`Refund`][]: what becomes of a credit the family is owed (a cancelled
  day already paid): deducted from what it pays next, or refunded at a rate.

Each answers one question with a pure function (`Prepayment.amount_due`,
`Prepayment.is_on_time`, `MinimumTopUp.check`, `treat`), for billing to use.

**On time is strictly before.** A prepayment due « avant la clôture » is on time when made
strictly before the booking deadline: a payment at the deadline's instant is late, as a change
is (the library's one rule for deadlines).

Examples:
    >>> minimum = MinimumTopUp(Money.euros("20"), Source.example("minimum de crédit 20 euros"))
    >>> minimum.check(Money.euros("39.99"), children=2).accepted
    False
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

import attrs

from cantine_rules._time import require_aware
from cantine_rules._validators import a_bool, enum_member, identifier
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.money import Money, to_decimal
from cantine_rules.pricing._account_errors import require_positive
from cantine_rules.pricing._payment import PaymentScheme
from cantine_rules.pricing._tariffs import _a_source as a_source
from cantine_rules.sources import Source

__all__ = [
    "DEFAULT_CREDIT_TREATMENT",
    "CarryForward",
    "CreditTreatment",
    "MinimumTopUp",
    "Prepayment",
    "Refund",
    "ServicePayment",
    "TopUpCheck",
    "TopUpRefusal",
    "TreatedCredit",
]

_WHOLE: Final = Decimal(1)


def _fraction(value: object, field: str, *, zero_allowed: bool) -> Decimal:
    """*value* as a Decimal fraction of the whole: above (or from) 0, at most 1 (100 %)."""
    fraction = to_decimal(value, field)
    low_ok = fraction >= 0 if zero_allowed else fraction > 0
    if not low_ok or fraction > _WHOLE:
        low = "from 0" if zero_allowed else "above 0"
        raise InvalidValueError(
            field, value, f"must be a fraction {low} to 1 (100 %), such as 0.5 for 50 %"
        )
    return fraction


def _share(value: object) -> Decimal:
    return _fraction(value, "share", zero_allowed=False)


def _refund_rate(value: object) -> Decimal:
    return _fraction(value, "rate", zero_allowed=True)


@attrs.frozen
class Prepayment:
    """A share of a booking's price, paid strictly before the service's booking deadline.

    « Pour valider la réservation, le paiement anticipé correspondant à 100% de la somme devra
    être effectué … avant la clôture des inscriptions » (a règlement intérieur for the school
    holidays): a share of 1. The deadline is the one the service's booking
    rule sets for adding the day (see
    [`CommunePolicy.prepayment_deadline`][cantine_rules.policies.commune.CommunePolicy.prepayment_deadline]).

    Attributes:
        share: the fraction of the price paid in advance, above 0 and at most 1 (100 %).

    Examples:
        >>> Prepayment().amount_due(Money.euros("12.35"))
        Money.euros('12.35')
        >>> Prepayment("0.3").amount_due(Money.euros("12.35"))
        Money.euros('3.71')
    """

    share: Decimal = attrs.field(default=_WHOLE, converter=_share)

    def amount_due(self, price: Money) -> Money:
        """The part of *price* to pay in advance, rounded once, half-up, to the cent."""
        if not isinstance(price, Money):
            raise InvalidTypeError("price", price, "must be Money")
        return price.require_non_negative("price").times(self.share)

    @staticmethod
    def is_on_time(paid_at: datetime, deadline: datetime) -> bool:
        """True when a payment made at *paid_at* is strictly before *deadline*.

        Examples:
            >>> from cantine_rules._time import at_paris
            >>> from datetime import date, time
            >>> deadline = at_paris(date(2025, 10, 3), time(0, 0))
            >>> Prepayment.is_on_time(at_paris(date(2025, 10, 2), time(23, 59, 59)), deadline)
            True
            >>> Prepayment.is_on_time(deadline, deadline)
            False
        """
        return require_aware(paid_at, "paid_at") < require_aware(deadline, "deadline")


def _prepayment(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Prepayment):
        raise InvalidTypeError(attribute.name, value, "must be a Prepayment or None")


@attrs.frozen
class ServicePayment:
    """How one service is paid, where it differs from the commune's scheme.

    Attributes:
        service_code: the service.
        scheme: when it is paid (after the month, at booking, from a wallet).
        source: where the rule comes from.
        prepayment: the share paid before the booking deadline, if the service is prepaid.

    Examples:
        >>> vacances = ServicePayment(
        ...     "vacances", PaymentScheme.IMMEDIATE, Source.example("paiement anticipé 100 %"),
        ...     Prepayment(),
        ... )
        >>> vacances.scheme.value, vacances.prepayment.share
        ('immediate', Decimal('1'))
    """

    service_code: str = attrs.field(validator=identifier)
    scheme: PaymentScheme = attrs.field(validator=enum_member(PaymentScheme))
    source: Source = attrs.field(validator=a_source)
    prepayment: Prepayment | None = attrs.field(default=None, validator=_prepayment)


class TopUpRefusal(StrEnum):
    """Why a wallet top-up is refused."""

    BELOW_MINIMUM = "below_minimum"
    """Less than the commune's minimum for the children it is credited for."""


@attrs.frozen
class TopUpCheck:
    """The answer of [`MinimumTopUp.check`][]: accepted, or refused with the reason.

    Attributes:
        accepted: True when the top-up may be credited.
        minimum: the least this top-up could be.
        refusal: why it is refused (None when accepted).
        shortfall: what the refused top-up lacked to reach the minimum (0,00 € when accepted).

    Examples:
        >>> minimum = MinimumTopUp(Money.euros("20"), Source.example("20 euros par enfant"))
        >>> minimum.check(Money.euros("15"), children=2).shortfall
        Money.euros('25.00')
    """

    accepted: bool
    minimum: Money
    refusal: TopUpRefusal | None = None
    shortfall: Money = attrs.field(factory=Money.zero)


def _children(value: object) -> int:
    if type(value) is not int or value < 1:
        raise InvalidValueError("children", value, "must be a whole number of children, at least 1")
    return value


def _positive_minimum(_instance: Any, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Money):
        raise InvalidTypeError("amount", value, "must be Money")
    require_positive(value, "amount")


@attrs.frozen
class MinimumTopUp:
    """The least a family may credit to its prepaid wallet at once.

    « Le paiement se fera uniquement par carte bleue, via le portail du service public, avec un
    minimum de crédit 20 euros par enfant » (a commune's page « La cantine »): 20 € for each
    child the top-up is for, so 40 € for two children. A top-up at the minimum is accepted; a
    cent below, it is refused.

    Attributes:
        amount: the minimum, above 0,00 € (per child, or per family).
        source: where the rule comes from.
        per_child: True when the minimum counts once per child the top-up is for.

    Examples:
        >>> minimum = MinimumTopUp(Money.euros("20"), Source.example("20 euros par enfant"))
        >>> minimum.check(Money.euros("40"), children=2).accepted
        True
        >>> minimum.check(Money.euros("19.99")).refusal.value
        'below_minimum'
    """

    amount: Money = attrs.field(validator=_positive_minimum)
    source: Source = attrs.field(validator=a_source)
    per_child: bool = attrs.field(default=True, validator=a_bool)

    def minimum_for(self, children: int = 1) -> Money:
        """The least a top-up for *children* children (at least one) may be."""
        count = _children(children)
        return self.amount * count if self.per_child else self.amount

    def check(self, top_up: Money, children: int = 1) -> TopUpCheck:
        """Whether *top_up* (above 0,00 €) for *children* children may be credited.

        Raises:
            ZeroAmountError, NegativeAmountError: *top_up* is not above 0,00 € (field
                ``top_up``).
        """
        require_positive(top_up, "top_up")
        minimum = self.minimum_for(children)
        if top_up < minimum:
            return TopUpCheck(False, minimum, TopUpRefusal.BELOW_MINIMUM, minimum - top_up)
        return TopUpCheck(True, minimum)


@attrs.frozen
class TreatedCredit:
    """What becomes of a credit: carried to what the family pays next, refunded, or kept.

    The three parts add up to the credit.
    """

    carried: Money
    refunded: Money
    forfeited: Money

    @property
    def total(self) -> Money:
        """The credit treated: carried + refunded + forfeited."""
        return self.carried + self.refunded + self.forfeited


def _credit(value: object) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError("credit", value, "must be Money")
    return value.require_non_negative("credit")


@attrs.frozen
class CarryForward:
    """A credit is deducted from what the family pays next (its next invoice, or its wallet).

    « vous pouvez décocher à tout moment sauf la semaine en cours, vous allez être recréditer
    directement » (a commune's page); « les jours seront à déduire le mois suivant » (a wording
    seen in other communes).

    Examples:
        >>> CarryForward(Source.example("à déduire le mois suivant")).treat(
        ...     Money.euros("7.20")
        ... ).carried
        Money.euros('7.20')
    """

    source: Source = attrs.field(validator=a_source)

    def treat(self, credit: Money) -> TreatedCredit:
        """The whole *credit* (0,00 € or more) is carried forward."""
        amount = _credit(credit)
        return TreatedCredit(amount, Money.zero(), Money.zero())


@attrs.frozen
class Refund:
    """A credit is refunded at a rate of its amount; the rest is not owed back.

    Attributes:
        rate: the refunded fraction, from 0 to 1 (100 %); never above.
        source: where the rule comes from.

    Examples:
        >>> Refund("0.5", Source.example("remboursé à 50 %")).treat(Money.euros("7.25")).refunded
        Money.euros('3.63')
    """

    rate: Decimal = attrs.field(converter=_refund_rate)
    source: Source = attrs.field(validator=a_source)

    def treat(self, credit: Money) -> TreatedCredit:
        """*credit* (0,00 € or more) times the rate, rounded once, half-up, to the cent."""
        amount = _credit(credit)
        refunded = amount.times(self.rate)
        return TreatedCredit(Money.zero(), refunded, amount - refunded)


CreditTreatment = CarryForward | Refund
"""What becomes of a credit the family is owed."""

DEFAULT_CREDIT_TREATMENT: Final = CarryForward(
    Source.default(
        "a credit stays on the family's account and is deducted from what it pays next: "
        "nothing is lost when the règlement does not say"
    )
)
"""The treatment of a commune whose règlement does not say what becomes of a credit."""
