"""Tariffs versioned by the day they take effect (a new grid each 1 September).

A [`TariffSchedule`][] holds the versions of one service's tariff, each from the day it takes
effect, with its source. The version in force on a day is the latest one that took effect on or
before it; a version may be ended (``ends_on``) when no later one is known, so that a figure is
never applied beyond the period its source covers.

Examples:
    >>> from cantine_rules.money import Money
    >>> from cantine_rules.pricing._tariffs import UnitPrice
    >>> src = Source.example("grid")
    >>> schedule = TariffSchedule("repas", (
    ...     TariffVersion(date(2023, 9, 1), UnitPrice(Money.euros("3.50"), src), src),
    ...     TariffVersion(date(2024, 9, 1), UnitPrice(Money.euros("3.60"), src), src),
    ... ))
    >>> schedule.price(date(2024, 8, 31), PricingContext()).unit_price
    Money.euros('3.50')
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import a_date, identifier, optional_date, require_day, tuple_of
from cantine_rules.pricing._tariff_errors import NoTariffInForceError, ScheduleError
from cantine_rules.pricing._tariffs import Price, PricingContext, Tariff, a_tariff
from cantine_rules.pricing._tariffs import _a_source as a_source
from cantine_rules.sources import Source

__all__ = ["TariffSchedule", "TariffVersion"]


def _check_end(instance: TariffVersion, attribute: attrs.Attribute[Any], value: object) -> None:
    optional_date(instance, attribute, value)
    if isinstance(value, date) and value < instance.effective_from:
        raise ScheduleError(
            attribute.name, value, f"must not be before effective_from {instance.effective_from}"
        )


@attrs.frozen
class TariffVersion:
    """One version of a tariff: in force from a day, optionally until a last day.

    Attributes:
        effective_from: the first day it applies (a school year's grid: 1 September).
        tariff: the tariff of that period.
        source: where this version comes from (a deliberation, a published grid, a seed).
        ends_on: the last day it applies, when a source says so or no later version is known;
            None when it lasts until the next version.

    Examples:
        >>> from cantine_rules.money import Money
        >>> from cantine_rules.pricing._tariffs import UnitPrice
        >>> src = Source.example("grid")
        >>> v = TariffVersion(date(2024, 9, 1), UnitPrice(Money.euros("3.60"), src), src,
        ...                   ends_on=date(2025, 8, 31))
        >>> v.in_force_on(date(2025, 9, 1))
        False
    """

    effective_from: date = attrs.field(validator=a_date)
    tariff: Tariff = attrs.field(validator=a_tariff)
    source: Source = attrs.field(validator=a_source)
    ends_on: date | None = attrs.field(default=None, validator=_check_end)

    def in_force_on(self, day: date) -> bool:
        """True when *day* lies within this version's own period."""
        require_day(day, "day")
        return self.effective_from <= day and (self.ends_on is None or day <= self.ends_on)


def _version_tuple(value: Iterable[TariffVersion]) -> tuple[TariffVersion, ...]:
    return tuple(value)


def _check_versions(
    instance: TariffSchedule, attribute: attrs.Attribute[Any], value: tuple[TariffVersion, ...]
) -> None:
    tuple_of(TariffVersion)(instance, attribute, value)
    if not value:
        raise ScheduleError("versions", value, "a schedule needs at least one version")
    for index in range(1, len(value)):
        previous, version = value[index - 1], value[index]
        if version.effective_from <= previous.effective_from:
            raise ScheduleError(
                f"versions[{index}].effective_from",
                version.effective_from,
                f"versions take effect in strictly increasing order; versions[{index - 1}] "
                f"takes effect on {previous.effective_from}",
            )
        if previous.ends_on is not None and previous.ends_on >= version.effective_from:
            raise ScheduleError(
                f"versions[{index - 1}].ends_on",
                previous.ends_on,
                f"overlaps versions[{index}], in force from {version.effective_from}",
            )


@pickled_by_fields
@attrs.frozen
class TariffSchedule:
    """The successive versions of one service's tariff.

    Attributes:
        service_code: the service priced (``"repas"``).
        versions: by strictly increasing ``effective_from``; an ended version must end before
            the next one takes effect.

    Examples:
        >>> from cantine_rules.money import Money
        >>> from cantine_rules.pricing._tariffs import UnitPrice
        >>> src = Source.example("grid")
        >>> schedule = TariffSchedule("repas", (
        ...     TariffVersion(date(2024, 9, 1), UnitPrice(Money.euros("3.60"), src), src),))
        >>> schedule.at(date(2025, 1, 6)).effective_from
        datetime.date(2024, 9, 1)
    """

    service_code: str = attrs.field(validator=identifier)
    versions: tuple[TariffVersion, ...] = attrs.field(
        converter=_version_tuple, validator=_check_versions
    )
    _starts: tuple[date, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # Precomputed once so that at() is a bisect, not a scan.
        starts = tuple(version.effective_from for version in self.versions)
        object.__setattr__(self, "_starts", starts)

    def at(self, day: date) -> TariffVersion:
        """The version in force on *day*: the latest that took effect on or before it.

        Raises:
            NoTariffInForceError: *day* is before the first version, or after the end of an
                ended version that no later version follows.

        """
        require_day(day, "day")
        index = bisect_right(self._starts, day) - 1
        if index < 0:
            raise NoTariffInForceError(
                "day",
                day,
                f"no tariff of {self.service_code!r} before its first version "
                f"(in force from {self._starts[0]})",
            )
        version = self.versions[index]
        if version.ends_on is not None and day > version.ends_on:
            raise NoTariffInForceError(
                "day",
                day,
                f"the tariff of {self.service_code!r} in force from {version.effective_from} "
                f"ended on {version.ends_on} and no later version is given",
            )
        return version

    def price(self, day: date, context: PricingContext) -> Price:
        """The price on *day* for *context*, by the version in force that day."""
        return self.at(day).tariff.price(context)
