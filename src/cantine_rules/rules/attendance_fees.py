"""Fees for attendance nobody booked: a presence without booking, and a late pick-up.

Two shapes of real règlements that bookings alone do not price:

* **a presence without booking** ([`UnbookedPresence`][]): the child ate (or stayed) without a
  booking. The charge is a [`Surcharge`][cantine_rules.rules.late.Surcharge] of the late-change
  engine, the same values meaning the same thing: a flat price (« ce repas vous sera facturé
  10 € »), the normal price plus an amount (« majoration de 2 € par repas pris sans
  inscription »), the price times a factor; plus [`CostPrice`][], the flat cost price a
  règlement names as such (« au prix coûtant d'un repas, soit 5,49 € »). A higher charge may
  apply when the presence is repeated within a period (« la présence répétée … sera majorée de
  5 € »): [`RepeatedCharge`][] says from which occurrence, [`RepetitionPeriod`][] within what.
  [`price_unbooked_presence`][] is the one function that prices it.
* **a late pick-up** ([`LatePickup`][]): bands of pick-up time after the service ends, each with
  a flat fee (« de 18h00 à 18h15 : 10 € ; au-delà de 18h15 : 50 € »), per child or per family,
  optionally higher on repetition. [`late_pickup_fee`][] is the one function that prices it.

Which band holds the instant that ends one band and starts the next is the règlement's word,
kept as data ([`BoundarySide`][]): « au-delà de 18h15 » (beyond 18:15) leaves 18:15:00 in the
band that ends then (``earlier``, the default); « à partir de 18h50 » (from 18:50) puts 18:50:00
in the band that starts then (``later``). The service's end is such a boundary too: with
``earlier``, a pick-up at the closing time exactly is on time.

Occurrences are counted by the caller (the bills of the period know them): *earlier_in_period*
is how many unbooked presences (or late pick-ups) of the child, or of the family, the same
period already holds; [`count_in_period`][] counts them from their days.

Examples:
    >>> from datetime import date, datetime, time
    >>> from cantine_rules import EUROPE_PARIS, Money, Service, ServiceKind
    >>> from cantine_rules.rules.late import BasePlus
    >>> rule = UnbookedPresence(
    ...     BasePlus(Money.euros(2)),
    ...     repeated=(RepeatedCharge(2, BasePlus(Money.euros(5))),),
    ...     period=RepetitionPeriod.MONTH,
    ... )
    >>> price_unbooked_presence(rule, Money.euros("2.85"), earlier_in_period=0).amount
    Money.euros('4.85')
    >>> price_unbooked_presence(rule, Money.euros("2.85"), earlier_in_period=1).amount
    Money.euros('7.85')
    >>> soir = Service("soir", "Garderie", ServiceKind.EVENING_CARE, time(16, 30), time(18))
    >>> pickup = LatePickup(
    ...     (
    ...         PickupBand(time(18), time(18, 15), Money.euros(10)),
    ...         PickupBand(time(18, 15), None, Money.euros(50)),
    ...     )
    ... )
    >>> at = datetime(2024, 9, 19, 18, 15, tzinfo=EUROPE_PARIS)
    >>> late_pickup_fee(pickup, soir, date(2024, 9, 19), at).amount
    Money.euros('10.00')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from enum import StrEnum
from itertools import pairwise
from typing import Any

import attrs

from cantine_rules._time import EUROPE_PARIS, at_paris, require_aware
from cantine_rules._validators import (
    a_time,
    enum_member,
    instance_of,
    non_negative_money,
    require_day,
    require_items,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import Service
from cantine_rules.money import Money
from cantine_rules.rules._messages import amount_in, words
from cantine_rules.rules.late import (
    FlatPenalty,
    FreeAllowance,
    LateContext,
    Surcharge,
)

__all__ = [
    "BoundarySide",
    "CostPrice",
    "CountedPer",
    "LatePickup",
    "PickupBand",
    "PickupFee",
    "RepeatedCharge",
    "RepeatedFee",
    "RepetitionPeriod",
    "UnbookedCharge",
    "UnbookedPresence",
    "UnbookedPresenceRules",
    "count_in_period",
    "late_pickup_fee",
    "price_unbooked_presence",
]


# Repetition ------------------------------------------------------------------------------------


class RepetitionPeriod(StrEnum):
    """Within what a repeated presence or late pick-up is counted."""

    MONTH = "month"
    """The calendar month."""
    SCHOOL_YEAR = "school_year"
    """The school year, taken from 1 September to 31 August."""

    def first_day(self, day: date) -> date:
        """The first day of the period holding *day*.

        Examples:
            >>> RepetitionPeriod.SCHOOL_YEAR.first_day(date(2025, 3, 14))
            datetime.date(2024, 9, 1)
        """
        if self is RepetitionPeriod.MONTH:
            return day.replace(day=1)
        return date(day.year if day.month >= 9 else day.year - 1, 9, 1)


class CountedPer(StrEnum):
    """Whose occurrences are counted, and who is charged a fee: each child or the family."""

    CHILD = "child"
    FAMILY = "family"


def count_in_period(period: RepetitionPeriod, earlier_days: Iterable[date], day: date) -> int:
    """How many of *earlier_days* lie in the period of *day*, before *day*.

    Examples:
        >>> days = [date(2024, 9, 30), date(2024, 10, 3), date(2024, 10, 10)]
        >>> count_in_period(RepetitionPeriod.MONTH, days, date(2024, 10, 10))
        1
        >>> count_in_period(RepetitionPeriod.SCHOOL_YEAR, days, date(2024, 10, 10))
        2
    """
    require_day(day, "day")
    start = period.first_day(day)
    return sum(1 for earlier in earlier_days if start <= require_day(earlier, "earlier_days") < day)


def _from_second(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    _occurrence(value, attribute.name, 2)


def _occurrence(value: object, field: str, minimum: int) -> int:
    if type(value) is not int:
        raise InvalidTypeError(field, value, "must be a whole number")
    if value < minimum:
        raise InvalidValueError(field, value, f"must be {minimum} or more")
    return value


def _check_repeats(firsts: Sequence[int], field: str) -> None:
    """Occurrences strictly rising, each step from the 2nd occurrence on (the 1st is the base)."""
    previous = 1
    for index, first in enumerate(firsts):
        if first <= previous:
            raise InvalidValueError(
                f"{field}[{index}].from_occurrence",
                first,
                f"must be after occurrence {previous}, the step before it",
            )
        previous = first


def _step(firsts: Sequence[int], occurrence: int) -> int:
    """Which step applies to *occurrence*: 0 for the base, i + 1 for repeated step i."""
    index = 0
    for position, first in enumerate(firsts):
        if occurrence >= first:
            index = position + 1
    return index


def _earlier(value: object) -> int:
    return _occurrence(value, "earlier_in_period", 0)


def _needs_period(period: RepetitionPeriod | None, repeats: bool) -> None:
    if repeats and period is None:
        raise InvalidValueError(
            "period", period, "a charge that rises on repetition needs the period it counts in"
        )


# Presence without booking ---------------------------------------------------------------------


@attrs.frozen
class CostPrice:
    """Billed at the cost price of the service, a figure the commune states.

    « au prix coûtant d'un repas, soit 5,49 € »: a flat amount, said to be the cost price (which
    no tariff may exceed, Code de l'éducation R531-53).

    Examples:
        >>> CostPrice(Money.euros("5.49")).charge(None, LateContext())
        Money.euros('5.49')
        >>> CostPrice(Money.euros("5.49")).describe("en")
        'cost price €5.49'
    """

    amount: Money = attrs.field(validator=non_negative_money)

    def charge(self, base: Money | None, context: LateContext) -> Money:
        """See [`Surcharge`][cantine_rules.rules.late.Surcharge]."""
        return self.amount

    def describe(self, lang: str = "fr") -> str:
        """See [`Surcharge`][cantine_rules.rules.late.Surcharge]."""
        return words(lang)["surcharge.cost_price"].format(amount=amount_in(self.amount, lang))


def _presence_charge(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Surcharge):
        raise InvalidTypeError(attribute.name, value, "must be a Surcharge")
    if isinstance(value, FreeAllowance | FlatPenalty):
        # Both count late changes of a batch or a month; a presence's repetition is counted by
        # the repeated steps instead, in their own period.
        raise InvalidTypeError(
            attribute.name,
            value,
            "must be a price (flat_price, cost_price, base_plus, base_times); "
            "say repetition with repeated steps",
        )


@attrs.frozen
class RepeatedCharge:
    """From the *from_occurrence*-th presence without booking in the period, *charge* applies.

    « la présence répétée … sera majorée de 5 € »: ``RepeatedCharge(2, BasePlus(5 €))``.
    """

    from_occurrence: int = attrs.field(validator=_from_second)
    charge: Surcharge = attrs.field(validator=_presence_charge)


def _repeated_charges(value: Iterable[RepeatedCharge]) -> tuple[RepeatedCharge, ...]:
    result = require_items(value, RepeatedCharge, "repeated")
    _check_repeats([item.from_occurrence for item in result], "repeated")
    return result


@attrs.frozen
class UnbookedPresence:
    """What a presence without booking costs: *charge*, or a repeated step's charge.

    Attributes:
        charge: the charge of a first presence without booking in the period.
        repeated: higher charges from a given occurrence in the period, occurrences rising.
        period: the period the occurrences are counted in; needed when *repeated* is given.
        counted_per: whose presences are counted: each child's (the default) or the family's.

    « Dans le cas où un enfant est présent à la cantine alors que son repas n'a pas été réservé,
    ce repas vous sera facturé 10€ » (Vailhauques):

    Examples:
        >>> from cantine_rules.rules.late import FlatPrice
        >>> rule = UnbookedPresence(FlatPrice(Money.euros(10)))
        >>> price_unbooked_presence(rule, None, earlier_in_period=4).amount
        Money.euros('10.00')
    """

    charge: Surcharge = attrs.field(validator=_presence_charge)
    repeated: tuple[RepeatedCharge, ...] = attrs.field(default=(), converter=_repeated_charges)
    period: RepetitionPeriod | None = attrs.field(
        default=None, validator=attrs.validators.optional(enum_member(RepetitionPeriod))
    )
    counted_per: CountedPer = attrs.field(
        default=CountedPer.CHILD, validator=enum_member(CountedPer)
    )

    def __attrs_post_init__(self) -> None:
        _needs_period(self.period, bool(self.repeated))

    def charge_at(self, occurrence: int) -> Surcharge:
        """The charge of the *occurrence*-th presence without booking in the period (1 first)."""
        _occurrence(occurrence, "occurrence", 1)
        index = _step([item.from_occurrence for item in self.repeated], occurrence)
        return self.charge if index == 0 else self.repeated[index - 1].charge


@attrs.frozen
class UnbookedCharge:
    """The charge of one presence without booking, and why.

    Attributes:
        amount: what is billed for the presence (never negative).
        occurrence: the presence's place in its period (1 for the first).
        charge: the rule's charge that gave the amount.
    """

    amount: Money
    occurrence: int
    charge: Surcharge

    def explain(self, lang: str = "fr") -> str:
        """Why the presence costs *amount*, in *lang*.

        Examples:
            >>> from cantine_rules.rules.late import FlatPrice
            >>> rule = UnbookedPresence(FlatPrice(Money.euros(10)))
            >>> price_unbooked_presence(rule, None, 0).explain("en")
            'Presence without booking (no. 1 in its period): surcharged price €10.00, so €10.00.'
        """
        return words(lang)["unbooked.reason"].format(
            occurrence=self.occurrence,
            rule=self.charge.describe(lang),
            amount=amount_in(self.amount, lang),
        )


def price_unbooked_presence(
    rule: UnbookedPresence, base: Money | None, earlier_in_period: int
) -> UnbookedCharge:
    """The charge of a presence without booking, with its reason.

    Args:
        rule: the commune's rule for the service.
        base: the service's normal price for the child that day, or None when the caller has
            not looked it up; a charge based on it then raises
            [`MissingPriceError`][cantine_rules.rules.late.MissingPriceError].
        earlier_in_period: how many presences without booking the same period already holds,
            counted per child or per family as the rule's *counted_per* says.

    Raises:
        InvalidValueError: *earlier_in_period* is negative.
        MissingPriceError: the charge is based on the price and *base* is None.
    """
    if not isinstance(rule, UnbookedPresence):
        raise InvalidTypeError("rule", rule, "must be an UnbookedPresence")
    occurrence = _earlier(earlier_in_period) + 1
    charge = rule.charge_at(occurrence)
    return UnbookedCharge(charge.charge(base, LateContext()), occurrence, charge)


def _presence_map(
    value: Mapping[str, UnbookedPresence] | Iterable[tuple[str, UnbookedPresence]],
) -> tuple[tuple[str, UnbookedPresence], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    result = tuple(sorted(items, key=lambda item: item[0]))
    for code, rule in result:
        if not isinstance(code, str) or not isinstance(rule, UnbookedPresence):
            raise InvalidTypeError(
                "by_service", code, "must map a service code to UnbookedPresence"
            )
    return result


@attrs.frozen
class UnbookedPresenceRules:
    """A commune's rules for presences without booking: by service code, else *default*.

    A service with neither has no rule: the library prices nothing for it.

    Examples:
        >>> from cantine_rules.rules.late import FlatPrice
        >>> rules = UnbookedPresenceRules(
        ...     by_service={"repas": UnbookedPresence(FlatPrice(Money.euros(10)))}
        ... )
        >>> rules.for_service("soir") is None
        True
    """

    default: UnbookedPresence | None = attrs.field(
        default=None,
        validator=instance_of(UnbookedPresence, "an UnbookedPresence", optional=True),
    )
    by_service: tuple[tuple[str, UnbookedPresence], ...] = attrs.field(
        default=(), converter=_presence_map
    )

    def for_service(self, code: str) -> UnbookedPresence | None:
        """The rule of the service *code*: its own, else the default, else None."""
        for service_code, rule in self.by_service:
            if service_code == code:
                return rule
        return self.default


# Late pick-up ---------------------------------------------------------------------------------


class BoundarySide(StrEnum):
    """Which band holds the instant where one band ends and the next starts."""

    EARLIER = "earlier"
    """The band that ends there: « au-delà de 18h15 » leaves 18:15:00 in the band before; a
    pick-up at the service's closing time exactly is on time."""
    LATER = "later"
    """The band that starts there: « à partir de 18h50 » puts 18:50:00 in the band from 18:50;
    a pick-up at the service's closing time exactly is in the first band."""


@attrs.frozen
class RepeatedFee:
    """From the *from_occurrence*-th late pick-up in the period, a band costs *fee*."""

    from_occurrence: int = attrs.field(validator=_from_second)
    fee: Money = attrs.field(validator=non_negative_money)


def _repeated_fees(value: Iterable[RepeatedFee]) -> tuple[RepeatedFee, ...]:
    result = require_items(value, RepeatedFee, "repeated")
    _check_repeats([item.from_occurrence for item in result], "repeated")
    return result


def _band_end(instance: PickupBand, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    a_time(instance, _attribute, value)
    assert isinstance(value, time)
    if value <= instance.starts:
        raise InvalidValueError(
            "ends", value, f"must be after the band's start {instance.starts} (a band has a length)"
        )


@attrs.frozen
class PickupBand:
    """A band of pick-up time after the service's end, and its fee.

    Attributes:
        starts: the wall-clock time the band starts (the service's end, or the previous band's
            end).
        ends: the wall-clock time it ends; None for the last band, and only for it (« au-delà
            de 18h15 »).
        fee: the fee of a pick-up in the band (zero for a grace period).
        repeated: higher fees from a given occurrence in the period, never lower than the fee
            before them.
    """

    starts: time = attrs.field(validator=a_time)
    ends: time | None = attrs.field(validator=_band_end)
    fee: Money = attrs.field(validator=non_negative_money)
    repeated: tuple[RepeatedFee, ...] = attrs.field(default=(), converter=_repeated_fees)

    def __attrs_post_init__(self) -> None:
        previous = self.fee
        for index, item in enumerate(self.repeated):
            if item.fee < previous:
                raise InvalidValueError(
                    f"repeated[{index}].fee", item.fee, "a repeated late pick-up never costs less"
                )
            previous = item.fee

    def fee_at(self, occurrence: int) -> Money:
        """The fee of the *occurrence*-th late pick-up of the period in this band (1 first)."""
        _occurrence(occurrence, "occurrence", 1)
        index = _step([item.from_occurrence for item in self.repeated], occurrence)
        return self.fee if index == 0 else self.repeated[index - 1].fee


def _bands(value: Iterable[PickupBand]) -> tuple[PickupBand, ...]:
    bands = require_items(value, PickupBand, "bands")
    if not bands:
        raise InvalidValueError("bands", bands, "must hold at least one band")
    for index, (before, band) in enumerate(pairwise(bands), start=1):
        if before.ends is None:
            raise InvalidValueError(
                f"bands[{index - 1}].ends", None, "only the last band may be open-ended"
            )
        if band.starts != before.ends:
            what = "leaves a gap after" if band.starts > before.ends else "overlaps"
            raise InvalidValueError(
                f"bands[{index}].starts",
                band.starts,
                f"{what} the band before, which ends at {before.ends}",
            )
    if bands[-1].ends is not None:
        # « au-delà de 18h15 »: a règlement's last band has no end; one that had would leave
        # later pick-ups unpriced.
        raise InvalidValueError(
            f"bands[{len(bands) - 1}].ends", bands[-1].ends, "the last band has no end"
        )
    # Every occurrence count where some band's fee changes: between them, fees are constant.
    counts = sorted({1} | {item.from_occurrence for band in bands for item in band.repeated})
    for index, (before, band) in enumerate(pairwise(bands), start=1):
        for count in counts:
            if band.fee_at(count) < before.fee_at(count):
                raise InvalidValueError(
                    f"bands[{index}].fee",
                    band.fee_at(count),
                    f"a later pick-up never costs less (occurrence {count} costs "
                    f"{before.fee_at(count)} in the band before)",
                )
    return bands


@attrs.frozen
class LatePickup:
    """Late pick-up fees of one service: bands of time after its end, each with its fee.

    The first band starts at the service's end, each next band where the one before ends, and
    the last is open-ended: no gap, no overlap, no band of zero length. A later band
    never costs less, nor does a repeated late pick-up.

    Attributes:
        bands: the bands, in order.
        boundary: which band holds an instant where two bands meet (see [`BoundarySide`][]).
        per: whether the fee is charged per child picked up late or once per family.
        period: the period repetitions are counted in; needed when a band has repeated fees.

    « de 18h00 à 18h15 : 10 € ; au-delà de 18h15 : 50 € »:

    Examples:
        >>> pickup = LatePickup(
        ...     (
        ...         PickupBand(time(18), time(18, 15), Money.euros(10)),
        ...         PickupBand(time(18, 15), None, Money.euros(50)),
        ...     )
        ... )
        >>> pickup.bands[1].fee
        Money.euros('50.00')
    """

    bands: tuple[PickupBand, ...] = attrs.field(converter=_bands)
    boundary: BoundarySide = attrs.field(
        default=BoundarySide.EARLIER, validator=enum_member(BoundarySide)
    )
    per: CountedPer = attrs.field(default=CountedPer.CHILD, validator=enum_member(CountedPer))
    period: RepetitionPeriod | None = attrs.field(
        default=None, validator=attrs.validators.optional(enum_member(RepetitionPeriod))
    )

    def __attrs_post_init__(self) -> None:
        _needs_period(self.period, any(band.repeated for band in self.bands))

    @property
    def starts(self) -> time:
        """When the first band starts: the end of the service it belongs to."""
        return self.bands[0].starts

    def require_end(self, service: Service, field: str) -> None:
        """Refuse a *service* that does not end when the first band starts (no gap, no overlap).

        Raises:
            InvalidValueError: at *field*, the path of the first band's start.
        """
        if self.starts != service.end:
            raise InvalidValueError(
                field,
                self.starts,
                f"the first band starts when « {service.label} » ends, at {service.end}",
            )


@attrs.frozen
class PickupFee:
    """The fee of one late pick-up, and the band it fell in.

    Attributes:
        amount: the fee (zero in a grace band).
        band: the band's position in the rule (0 for the first).
        occurrence: the late pick-up's place in its period (1 for the first).
        picked_up_at: the instant of the pick-up, in Europe/Paris.
    """

    amount: Money
    band: int
    occurrence: int
    picked_up_at: datetime

    def explain(self, lang: str = "fr") -> str:
        """Why the pick-up costs *amount*, in *lang*.

        Examples:
            >>> from cantine_rules import Service, ServiceKind
            >>> soir = Service("soir", "Garderie", ServiceKind.EVENING_CARE, time(16), time(18))
            >>> pickup = LatePickup((PickupBand(time(18), None, Money.euros(6)),))
            >>> at = datetime(2024, 9, 19, 18, 20, tzinfo=EUROPE_PARIS)
            >>> late_pickup_fee(pickup, soir, date(2024, 9, 19), at).explain("en")
            'Picked up at 18:20:00 (band 1, late pick-up no. 1 in its period): €6.00.'
        """
        return words(lang)["pickup.reason"].format(
            time=self.picked_up_at.time().isoformat(timespec="seconds"),
            band=self.band + 1,
            occurrence=self.occurrence,
            amount=amount_in(self.amount, lang),
        )


def late_pickup_fee(
    rule: LatePickup,
    service: Service,
    day: date,
    picked_up_at: datetime,
    earlier_in_period: int = 0,
) -> PickupFee | None:
    """The fee of picking a child up at *picked_up_at* from *service* on *day*; None if on time.

    Band edges are the Europe/Paris instants of their wall-clock times on *day*, so a day when
    the clocks change is priced by the clock on the wall. A pick-up before the service's end (or
    at it, with the ``earlier`` boundary) is on time.

    Args:
        rule: the service's late pick-up rule; its first band starts at the service's end.
        service: the service the child was picked up from.
        day: the service's day.
        picked_up_at: when the child was picked up; timezone-aware.
        earlier_in_period: how many late pick-ups the same period already holds, counted per
            child or per family as the rule's *per* says.

    Raises:
        InvalidValueError: the rule's first band does not start at the service's end; or
            *earlier_in_period* is negative.
        NaiveDatetimeError: *picked_up_at* has no time zone.
    """
    if not isinstance(rule, LatePickup):
        raise InvalidTypeError("rule", rule, "must be a LatePickup")
    if not isinstance(service, Service):
        raise InvalidTypeError("service", service, "must be a Service")
    require_day(day, "day")
    instant = require_aware(picked_up_at, "picked_up_at").astimezone(EUROPE_PARIS)
    occurrence = _earlier(earlier_in_period) + 1
    rule.require_end(service, "rule.bands[0].starts")

    def within(edge: time) -> bool:
        """True when the pick-up falls on the earlier side of *edge* on *day*."""
        bound = at_paris(day, edge)
        return instant <= bound if rule.boundary is BoundarySide.EARLIER else instant < bound

    if within(service.end):
        return None
    # The last band has no end (checked when the rule was made), so one band always holds it.
    index = next(i for i, band in enumerate(rule.bands) if band.ends is None or within(band.ends))
    return PickupFee(rule.bands[index].fee_at(occurrence), index, occurrence, instant)
