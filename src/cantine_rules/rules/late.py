"""What happens past the deadline: refuse, accept with a surcharge, or accept and keep charging.

A commune says, per channel (the parents' portal or the office), what it does with a late add and
a late cancellation ([`LateHandling`][]). A late add accepted at a price uses a
[`Surcharge`][]; a late cancellation accepted but still billed uses [`KeepCharging`][]; a
medical certificate may waive that charge ([`MedicalWaiver`][]).

Seed 002: « Périscolaire Hors délais (- 48h) : Un ajout vous sera facturé d'un tarif majoré (4€ le
matin / 10€ le soir). Une annulation vous sera facturé le prix du service »:

Examples:
    >>> from cantine_rules import Money
    >>> late_add = LateHandling(
    ...     online=Refuse(contact="l'ALSH"), office=AcceptWithSurcharge(FlatPrice(Money.euros(4)))
    ... )
    >>> late_add.office.surcharge.charge(Money.euros("1.50"), LateContext())
    Money.euros('4.00')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

import attrs

from cantine_rules._validators import instance_of, non_negative_money, optional_text
from cantine_rules.errors import CantineRulesError, InvalidTypeError, InvalidValueError
from cantine_rules.model import Channel
from cantine_rules.money import Money, to_decimal
from cantine_rules.rules._messages import amount_in, decimal_in, words

__all__ = [
    "AcceptLate",
    "AcceptWithSurcharge",
    "BasePlus",
    "BaseTimes",
    "FlatPenalty",
    "FlatPrice",
    "FreeAllowance",
    "KeepCharging",
    "LateContext",
    "LateHandling",
    "LateOutcome",
    "MedicalWaiver",
    "MissingPriceError",
    "Refuse",
    "Surcharge",
]


class MissingPriceError(CantineRulesError, LookupError):
    """A late charge is based on the service's price, and no price was given."""

    def __init__(self, what: str) -> None:
        self.field = "price"
        self.value = None
        super().__init__(f"price: {what} is based on the service's price; give the price")


def _count(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValueError(attribute.name, value, "must be a whole number, zero or more")


@attrs.frozen
class LateContext:
    """What a late charge may depend on beyond the price.

    Attributes:
        prior_late_in_month: late changes the same child already made this month (for a free
            allowance).
        penalty_already_charged: whether a per-family penalty was already charged for this
            batch of changes.
        sick_day_index: the position (1 for the first) of this day within a sick absence covered
            by one medical certificate (for a « jour de carence »).
    """

    prior_late_in_month: int = attrs.field(default=0, validator=_count)
    penalty_already_charged: bool = False
    sick_day_index: int = attrs.field(default=1, validator=_count)


def _require_price(base: Money | None, what: str) -> Money:
    if base is None:
        raise MissingPriceError(what)
    return base


@runtime_checkable
class Surcharge(Protocol):
    """How much a late add costs, given the service's normal price."""

    def charge(self, base: Money | None, context: LateContext) -> Money:
        """The amount billed for the late service day; never negative.

        *base* is the service's normal price, or None when the caller has not looked it up: a
        charge based on it then raises [`MissingPriceError`][], and the engine, when it can look
        the price up, asks again with it. A charge that needs no price (a flat surcharged price)
        is made without ever asking a tariff.
        """
        ...

    def describe(self, lang: str = "fr") -> str:
        """The surcharge in a few words."""
        ...


@attrs.frozen
class FlatPrice:
    """A late add is billed a flat surcharged price, whatever the normal price.

    Seed 002: « tarif majoré (4€ le matin / 10€ le soir) ».
    """

    amount: Money = attrs.field(validator=non_negative_money)

    def charge(self, base: Money | None, context: LateContext) -> Money:
        """See [`Surcharge`][]."""
        return self.amount

    def describe(self, lang: str = "fr") -> str:
        """See [`Surcharge`][]."""
        return words(lang)["surcharge.flat_price"].format(amount=amount_in(self.amount, lang))


@attrs.frozen
class BasePlus:
    """A late add is billed the normal price plus a fixed amount.

    Seed 002: « Mercredi et Vacances (- 7 jours) : Un ajout vous sera facturé d'un tarif majoré
    (tarif journée + 3€) ».
    """

    amount: Money = attrs.field(validator=non_negative_money)

    def charge(self, base: Money | None, context: LateContext) -> Money:
        """See [`Surcharge`][]."""
        return _require_price(base, "a price plus a fixed amount") + self.amount

    def describe(self, lang: str = "fr") -> str:
        """See [`Surcharge`][]."""
        table = words(lang)
        if self.amount.is_zero():
            return table["surcharge.normal_price"]
        return table["surcharge.base_plus"].format(amount=amount_in(self.amount, lang))


def _factor(value: object) -> Decimal:
    result = to_decimal(value, "factor")
    if result < 1:
        raise InvalidValueError("factor", value, "a surcharge factor must be 1 or more")
    return result


@attrs.frozen
class BaseTimes:
    """A late add is billed the normal price times a factor, rounded once half-up to the cent.

    « late booking +50 % » (seen in other communes) is ``BaseTimes(Decimal("1.5"))``.
    """

    factor: Decimal = attrs.field(converter=_factor)

    def charge(self, base: Money | None, context: LateContext) -> Money:
        """See [`Surcharge`][]."""
        return _require_price(base, "a price times a factor").times(self.factor)

    def describe(self, lang: str = "fr") -> str:
        """See [`Surcharge`][]."""
        percent = decimal_in((self.factor - 1) * 100, lang)
        return words(lang)["surcharge.base_times"].format(percent=percent)


@attrs.frozen
class FlatPenalty:
    """A flat penalty charged once per family per batch of late changes, on top of the price.

    « a flat penalty per late registration » (seen in other communes): in a batch, the first late
    change of a family carries the penalty, the others only their normal price.
    """

    amount: Money = attrs.field(validator=non_negative_money)

    def charge(self, base: Money | None, context: LateContext) -> Money:
        """See [`Surcharge`][]."""
        price = _require_price(base, "a penalty on top of the price")
        return price if context.penalty_already_charged else price + self.amount

    def describe(self, lang: str = "fr") -> str:
        """See [`Surcharge`][]."""
        return words(lang)["surcharge.flat_penalty"].format(amount=amount_in(self.amount, lang))


_surcharge = instance_of(Surcharge, "a Surcharge")


@attrs.frozen
class FreeAllowance:
    """The first *free_per_month* late changes of a month at the normal price, then *then*.

    « the first two late meals of a month at normal price, surcharge from the third » (seen in
    other communes) is ``FreeAllowance(2, BaseTimes(Decimal("1.5")))``.
    """

    free_per_month: int = attrs.field(validator=_count)
    then: Surcharge = attrs.field(validator=_surcharge)

    def charge(self, base: Money | None, context: LateContext) -> Money:
        """See [`Surcharge`][]."""
        if context.prior_late_in_month < self.free_per_month:
            return _require_price(base, "a free allowance at the normal price")
        return self.then.charge(base, context)

    def describe(self, lang: str = "fr") -> str:
        """See [`Surcharge`][]."""
        return words(lang)["surcharge.free_allowance"].format(
            free=self.free_per_month, then=self.then.describe(lang)
        )


@attrs.frozen
class MedicalWaiver:
    """A medical certificate waives the charge of a late cancellation, after *waiting_days*.

    Chantraine: « bien justifier les absences en cas de maladie par un certificat médical ».
    With ``waiting_days=1`` the first sick day is still charged (« jour de carence », seen in
    other communes).
    """

    waiting_days: int = attrs.field(default=0, validator=_count)

    def waives(self, context: LateContext) -> bool:
        """True when the day is past the waiting days of the sick absence."""
        return context.sick_day_index > self.waiting_days


@attrs.frozen
class Refuse:
    """The change is refused; *contact* names who can still help (« contacter l'ALSH »)."""

    contact: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen
class AcceptWithSurcharge:
    """A late add is accepted and billed through *surcharge*."""

    surcharge: Surcharge = attrs.field(validator=_surcharge)


@attrs.frozen
class KeepCharging:
    """A late cancellation is accepted, but the service is still billed at its price.

    Seed 002: « Une annulation vous sera facturé le prix du service ».
    """

    waiver: MedicalWaiver | None = attrs.field(
        default=None,
        validator=instance_of(MedicalWaiver, "a MedicalWaiver", optional=True),
    )


@attrs.frozen
class AcceptLate:
    """A late change is accepted with no charge of its own (an office's discretion)."""


LateOutcome = Refuse | AcceptWithSurcharge | KeepCharging | AcceptLate
"""What a channel does with a late change: refuse it, or accept it (at a surcharge, still billed,
or with no charge of its own)."""

_OUTCOMES = (Refuse, AcceptWithSurcharge, KeepCharging, AcceptLate)


def _outcome(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, _OUTCOMES):
        raise InvalidTypeError(
            attribute.name,
            value,
            "must be Refuse, AcceptWithSurcharge, KeepCharging or AcceptLate",
        )


@attrs.frozen
class LateHandling:
    """What each channel does with a change made past its deadline. Both refuse by default."""

    online: LateOutcome = attrs.field(factory=Refuse, validator=_outcome)
    office: LateOutcome = attrs.field(factory=Refuse, validator=_outcome)

    def for_channel(self, channel: Channel) -> LateOutcome:
        """The outcome for *channel*."""
        return self.online if channel is Channel.ONLINE else self.office
