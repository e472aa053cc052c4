"""What accounts need from a tariff: the price of one unit of a service for a child on a day.

Invoices, baskets and wallets take a [`UnitPricer`][], a plain callable, so that any tariff (a
flat price, a quotient familial grid, a taux d'effort) plugs in without this package knowing it.

Examples:
    >>> from datetime import date
    >>> from cantine_rules import Money
    >>> flat = flat_pricer(Money.euros("3.60"), "à l'unité")
    >>> flat("louise", "cantine", date(2016, 9, 1)).unit_price
    Money.euros('3.60')
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from cantine_rules._validators import identifier, non_negative_money, optional_date
from cantine_rules.errors import InvalidValueError
from cantine_rules.money import Money

__all__ = ["PricedUnit", "UnitPricer", "flat_pricer"]


def _check_until(instance: PricedUnit, attribute: attrs.Attribute[Any], value: object) -> None:
    optional_date(instance, attribute, value)
    start = instance.valid_from
    if isinstance(value, date) and start is not None and value < start:
        raise InvalidValueError("valid_until", value, f"must not be before valid_from {start}")


@attrs.frozen
class PricedUnit:
    """The price of one unit of a service, the tariff it comes from, and the days it holds for.

    ``valid_from`` and ``valid_until`` (inclusive; ``None`` for open-ended) tell the invoice for
    which days the same child and service keep this exact price — typically the tariff version's
    effective dates, narrowed to the family's quotient familial attestation. The invoice then asks
    the pricer once per version instead of once per line. When both are left ``None`` the price
    is taken to hold for the day asked only, which is always correct but prices every line.

    Attributes:
        unit_price: the price of one unit, 0,00 € or more.
        tariff_name: as shown to families (« à l'unité », « Tarif 3 »).
        valid_from: the first day this price holds for, or None.
        valid_until: the last day this price holds for, or None.

    Examples:
        >>> PricedUnit(Money.euros("3.60"), "à l'unité").tariff_name
        "à l'unité"
    """

    unit_price: Money = attrs.field(validator=non_negative_money)
    tariff_name: str = attrs.field(validator=identifier)
    valid_from: date | None = attrs.field(default=None, validator=optional_date)
    valid_until: date | None = attrs.field(default=None, validator=_check_until)

    @property
    def is_versioned(self) -> bool:
        """True when the price states a range of days, so it may be reused within it."""
        return self.valid_from is not None or self.valid_until is not None

    def holds_on(self, day: date) -> bool:
        """True when *day* lies within ``valid_from``..``valid_until`` (open ends hold).

        Examples:
            >>> unit = PricedUnit(Money.euros("1"), "T1", valid_from=date(2024, 9, 1))
            >>> unit.holds_on(date(2024, 8, 31)), unit.holds_on(date(2024, 9, 2))
            (False, True)
        """
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


UnitPricer = Callable[[str, str, date], PricedUnit]
"""The price of one unit of *service_code* for *child_id* on *day*:
``pricer(child_id, service_code, day) -> PricedUnit``. A tariff of any kind plugs in here.
"""


def flat_pricer(unit_price: Money, tariff_name: str) -> UnitPricer:
    """A pricer charging *unit_price* for every child, service and day (the seed 001 cantine).

    Its price holds for every day, so an invoice asks it once per child and service.

    Examples:
        >>> pricer = flat_pricer(Money.euros("3.60"), "à l'unité")
        >>> pricer("c1", "repas", date(2024, 9, 2)).is_versioned
        True
    """
    priced = PricedUnit(unit_price, tariff_name, valid_from=date.min, valid_until=date.max)

    def price(_child_id: str, _service_code: str, _day: date) -> PricedUnit:
        return priced

    return price
