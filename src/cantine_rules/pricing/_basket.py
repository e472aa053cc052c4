"""Pay-at-booking basket (« Paiement immédiat », seed 001): priced pending changes, paid to count.

The recap lists, per line, « Date, Elément, Tarification, Coût », then « A payer : 14.40€ » for
four meals at 3,60 €. Any amount still owed is added: « Vous avez un restant dû de 0.00€ à
régulariser lors de votre prochaine réservation ». Nothing is booked until the basket is paid: « si
vous ne faites pas cette manipulation vos réservations ne seront pas prises en compte ». So a
[`Basket`][] holds no booking at all; only [`Basket.pay`][] returns bookings, in a
[`BasketReceipt`][].

Paper cantine tickets (seed 001) pay one ticket per line; the restant dû, in euros, cannot be paid
in tickets and stays owed.

Examples:
    >>> from datetime import date, time
    >>> from cantine_rules import Child, Money, Service, ServiceKind
    >>> from cantine_rules.pricing._priced_unit import flat_pricer
    >>> louise = Child("louise", "Louise", date(2012, 5, 4))
    >>> cantine = Service("cantine", "Cantine", ServiceKind.MEAL, time(11, 30), time(13, 30))
    >>> basket = Basket().add(louise, cantine, date(2016, 9, 1), flat_pricer(Money.euros("3.60"),
    ...                                                                    "à l'unité"))
    >>> basket.to_pay
    Money.euros('3.60')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from itertools import pairwise
from typing import Any

import attrs

from cantine_rules._validators import a_date, identifier, non_negative_money
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownCodeError
from cantine_rules.model import Booking, Child, RequestState, Service
from cantine_rules.money import Money
from cantine_rules.pricing._account_errors import PaymentMismatchError
from cantine_rules.pricing._payment import Payment
from cantine_rules.pricing._priced_unit import PricedUnit, UnitPricer

__all__ = ["Basket", "BasketLine", "BasketReceipt"]


@attrs.frozen
class BasketLine:
    """One priced pending change: « Date, Elément, Tarification, Coût » (seed 001).

    Attributes:
        day: the service day (« Date »).
        child_id: the child booked.
        service_code: the service booked.
        element: what the family reads (« Louise - Cantine »).
        tariff_name: the « Tarification » (« à l'unité »).
        cost: the « Coût », 0,00 € or more.

    Examples:
        >>> BasketLine(date(2016, 9, 1), "louise", "cantine", "Louise - Cantine", "à l'unité",
        ...            Money.euros("3.60")).cost
        Money.euros('3.60')
    """

    day: date = attrs.field(validator=a_date)
    child_id: str = attrs.field(validator=identifier)
    service_code: str = attrs.field(validator=identifier)
    element: str = attrs.field(validator=identifier)
    tariff_name: str = attrs.field(validator=identifier)
    cost: Money = attrs.field(validator=non_negative_money)

    @property
    def key(self) -> tuple[date, str, str]:
        """``(day, child_id, service_code)``: the line's place in the recap."""
        return (self.day, self.child_id, self.service_code)


def _lines(value: Iterable[BasketLine]) -> tuple[BasketLine, ...]:
    items = tuple(value)
    for index, item in enumerate(items):
        # Checked before sorting, so a stray value raises the typed error, not AttributeError.
        if not isinstance(item, BasketLine):
            raise InvalidTypeError(f"lines[{index}]", item, "must be a BasketLine")
    ordered = tuple(sorted(items, key=_line_key))
    for previous, current in pairwise(ordered):
        if previous.key == current.key:
            raise InvalidValueError("lines", current.key, "the same child, service and day twice")
    return ordered


def _line_key(line: BasketLine) -> tuple[date, str, str]:
    return line.key


@attrs.frozen
class Basket:
    """The pending changes of a family, priced line by line, and the amount still owed.

    Immutable: [`add`][], [`remove`][] and [`clear`][] return a new basket. Lines are kept in
    date, child, service order, as the recap shows them.

    Attributes:
        lines: the priced pending changes.
        outstanding: the restant dû carried from before, 0,00 € or more.

    Examples:
        >>> Basket(outstanding=Money.euros("2.00")).to_pay
        Money.euros('2.00')
    """

    lines: tuple[BasketLine, ...] = attrs.field(default=(), converter=_lines)
    outstanding: Money = attrs.field(factory=Money.zero, validator=non_negative_money)

    @property
    def subtotal(self) -> Money:
        """The sum of the lines' costs, without the restant dû."""
        return Money.sum(line.cost for line in self.lines)

    @property
    def to_pay(self) -> Money:
        """« A payer »: the lines plus the restant dû.

        Examples:
            >>> Basket().to_pay
            Money.euros('0.00')
        """
        return self.subtotal + self.outstanding

    def add(
        self,
        child: Child,
        service: Service,
        day: date,
        pricer: UnitPricer,
        *,
        element: str | None = None,
    ) -> Basket:
        """This basket with *child* booked for *service* on *day*, priced by *pricer*.

        *element* defaults to « first name - service label » (« Louise - Cantine »).

        Raises:
            InvalidValueError: the same child, service and day is already in the basket.

        Examples:
            >>> from datetime import time
            >>> from cantine_rules import ServiceKind
            >>> from cantine_rules.pricing._priced_unit import flat_pricer
            >>> kid = Child("louise", "Louise", date(2012, 5, 4))
            >>> meal = Service("cantine", "Cantine", ServiceKind.MEAL, time(11, 30), time(13, 30))
            >>> line = Basket().add(kid, meal, date(2016, 9, 1), flat_pricer(Money.euros("3.60"),
            ...                                                            "à l'unité")).lines[0]
            >>> line.element, line.tariff_name
            ('Louise - Cantine', "à l'unité")
        """
        if not isinstance(child, Child):
            raise InvalidTypeError("child", child, "must be a Child")
        if not isinstance(service, Service):
            raise InvalidTypeError("service", service, "must be a Service")
        if not isinstance(day, date) or isinstance(day, datetime):
            # Checked before the pricer sees it, so the error names the field, not the tariff.
            raise InvalidTypeError("day", day, "must be a datetime.date")
        unit = pricer(child.id, service.code, day)
        if not isinstance(unit, PricedUnit):
            raise InvalidTypeError("pricer", unit, "must return a PricedUnit")
        line = BasketLine(
            day,
            child.id,
            service.code,
            element if element is not None else f"{child.first_name} - {service.label}",
            unit.tariff_name,
            unit.unit_price,
        )
        return attrs.evolve(self, lines=(*self.lines, line))

    def remove(self, child_id: str, service_code: str, day: date) -> Basket:
        """This basket without the line for *child_id*, *service_code* and *day*.

        Raises:
            UnknownCodeError: no such line (field ``line``; the message lists the lines).

        Examples:
            >>> line = BasketLine(date(2016, 9, 1), "louise", "cantine", "Louise - Cantine",
            ...                   "à l'unité", Money.euros("3.60"))
            >>> Basket((line,)).remove("louise", "cantine", date(2016, 9, 1)).lines
            ()
        """
        kept = tuple(line for line in self.lines if line.key != (day, child_id, service_code))
        if len(kept) == len(self.lines):
            known = (f"{line.child_id}/{line.service_code}/{line.day}" for line in self.lines)
            raise UnknownCodeError("line", f"{child_id}/{service_code}/{day}", known)
        return attrs.evolve(self, lines=kept)

    def clear(self) -> Basket:
        """« Tout supprimer »: no line left; the restant dû is still owed.

        Examples:
            >>> Basket(outstanding=Money.euros("1")).clear().to_pay
            Money.euros('1.00')
        """
        return attrs.evolve(self, lines=())

    def pay(self, payment: Payment) -> BasketReceipt:
        """Pay the basket: its lines become validated bookings.

        A euro payment must be exactly [`to_pay`][] (lines and restant dû) and leaves nothing
        owed. A payment in tickets must count one ticket per line and leaves the restant dû owed.

        Raises:
            PaymentMismatchError: the payment does not settle the basket exactly (field
                ``payment.amount`` or ``payment.tickets``).

        Examples:
            >>> from cantine_rules.pricing._payment import PaymentMode
            >>> basket = Basket(outstanding=Money.euros("2"))
            >>> basket.pay(Payment.euros(PaymentMode.CARD, Money.euros("2"))).outstanding
            Money.euros('0.00')
        """
        if not isinstance(payment, Payment):
            raise InvalidTypeError("payment", payment, "must be a Payment")
        if payment.mode.counts_tickets:
            if payment.tickets != len(self.lines):
                raise PaymentMismatchError(
                    "payment.tickets",
                    payment.tickets,
                    f"one ticket per line: this basket takes {len(self.lines)}",
                )
            outstanding = self.outstanding
        else:
            if payment.amount != self.to_pay:
                raise PaymentMismatchError(
                    "payment.amount", payment.amount, f"the basket's « A payer » is {self.to_pay}"
                )
            outstanding = Money.zero()
        bookings = tuple(
            Booking(line.child_id, line.service_code, line.day, RequestState.VALIDATED)
            for line in self.lines
        )
        return BasketReceipt(self.lines, bookings, payment, outstanding)


def _bookings(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(item, Booking) for item in value):
        raise InvalidTypeError(attribute.name, value, "must be a tuple of Booking")


@attrs.frozen
class BasketReceipt:
    """A paid basket: the lines paid, the bookings they became, the payment, the restant dû.

    Examples:
        >>> BasketReceipt((), (), Payment.in_tickets(1), Money.zero()).bookings
        ()
    """

    lines: tuple[BasketLine, ...]
    bookings: tuple[Booking, ...] = attrs.field(validator=_bookings)
    payment: Payment
    outstanding: Money = attrs.field(validator=non_negative_money)

    @property
    def paid(self) -> Money:
        """The euros paid (0,00 € for tickets)."""
        return self.payment.amount
