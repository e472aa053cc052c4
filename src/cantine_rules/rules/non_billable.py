"""Days the commune declares non-billable: a school outing, a strike, an absent teacher.

On such a day a booked service is never charged and the family has nothing to do: « En cas de
sortie scolaire, aucune démarche d'annulation n'est à effectuer » (Vigneux-de-Bretagne). A
[`NonBillableDay`][] names its day and label, and may be limited to some services and to some
schools or sites; [`NonBillableDays.is_billable`][] answers for a service, a day and a site.

Examples:
    Strasbourg, 24 June 2019: « Aucune démarche n'est nécessaire pour l'annulation des
    réservations des repas. Ces repas du 24 juin ne seront pas facturés pour les enfants
    scolarisés en maternelle ».

    >>> from datetime import date
    >>> strike = NonBillableDay(date(2019, 6, 24), "Grève des ATSEM", services=("repas",),
    ...                         sites=("maternelle",))
    >>> days = NonBillableDays((strike,))
    >>> days.is_billable("repas", date(2019, 6, 24), site="maternelle")
    False
    >>> days.is_billable("repas", date(2019, 6, 24), site="élémentaire")
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from cantine_rules._validators import a_date, identifier, require_identifier, require_items
from cantine_rules.errors import InvalidValueError

__all__ = ["NonBillableDay", "NonBillableDays"]


def _codes(value: Iterable[str], field: str) -> tuple[str, ...]:
    items = require_items(value, str, field)
    for index, item in enumerate(items):
        require_identifier(item, f"{field}[{index}]")
        if item in items[:index]:
            raise InvalidValueError(f"{field}[{index}]", item, "appears twice")
    return items


def _services(value: Iterable[str]) -> tuple[str, ...]:
    return _codes(value, "services")


def _sites(value: Iterable[str]) -> tuple[str, ...]:
    return _codes(value, "sites")


@attrs.frozen
class NonBillableDay:
    """A day the commune never charges, for some services and sites or for all.

    Attributes:
        day: the day.
        label: why (« Sortie scolaire », « Grève »).
        services: the service codes it covers; empty for every service.
        sites: the schools or sites it covers, as a child's ``school`` names them; empty for
            every site.

    Vigneux-de-Bretagne: « En cas de sortie scolaire, aucune démarche d'annulation n'est à
    effectuer ».

    Examples:
        >>> outing = NonBillableDay(date(2025, 5, 6), "Sortie scolaire")
        >>> outing.covers("repas", date(2025, 5, 6)), outing.covers("repas", date(2025, 5, 7))
        (True, False)
    """

    day: date = attrs.field(validator=a_date)
    label: str = attrs.field(validator=identifier)
    services: tuple[str, ...] = attrs.field(default=(), converter=_services)
    sites: tuple[str, ...] = attrs.field(default=(), converter=_sites)

    def covers(self, code: str, day: date, site: str | None = None) -> bool:
        """True when this declaration makes *code* on *day* at *site* non-billable.

        A declaration limited to some sites covers a child only when the child's site is
        known and among them: the library never waives a charge it cannot attribute.
        """
        if day != self.day:
            return False
        if self.services and code not in self.services:
            return False
        return not self.sites or (site is not None and site in self.sites)


def _days(value: Iterable[NonBillableDay]) -> tuple[NonBillableDay, ...]:
    return require_items(value, NonBillableDay, "days")


@attrs.frozen
class NonBillableDays:
    """Every day a commune declared non-billable, in the order the commune lists them.

    Examples:
        >>> NonBillableDays().is_billable("repas", date(2025, 5, 6))
        True
    """

    days: tuple[NonBillableDay, ...] = attrs.field(default=(), converter=_days)

    def is_billable(self, code: str, day: date, *, site: str | None = None) -> bool:
        """False when a declaration covers service *code* on *day* for a child at *site*."""
        return not any(entry.covers(code, day, site) for entry in self.days)
