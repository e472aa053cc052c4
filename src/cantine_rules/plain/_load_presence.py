"""Reading a commune's fees of attendance nobody booked from plain data, with paths.

``unbooked_presence`` (a ``default`` and rules ``by_service``) and ``late_pickup`` (rules by
service code): see [`cantine_rules.rules.attendance_fees`][] for what they mean.

>>> from cantine_rules.plain._read import Reader
>>> reader = Reader()
>>> bands = [{"starts": "18:00", "ends": "18:15", "fee": "10"}, {"starts": "18:15", "fee": "50"}]
>>> late_pickups(reader, {"soir": {"bands": bands}}, "late_pickup")["soir"].bands[1].fee
Money.euros('50.00')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Final

from cantine_rules.plain._load import _amount_surcharge, _base_times
from cantine_rules.plain._read import (
    Parser,
    Reader,
    Table,
    choice,
    clock,
    integer,
    list_of,
    money,
    same_names,
    table_of,
    tagged,
)
from cantine_rules.plain._schema import UNBOOKED_CHARGE_TAGS
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CostPrice,
    CountedPer,
    LatePickup,
    PickupBand,
    RepeatedCharge,
    RepeatedFee,
    RepetitionPeriod,
    UnbookedPresence,
    UnbookedPresenceRules,
)
from cantine_rules.rules.late import BasePlus, BaseTimes, FlatPrice, Surcharge

__all__ = ["late_pickups", "unbooked_presence"]

# A repeated step starts from the second occurrence: the first is the rule's own charge or fee.
_REPEAT: Final = integer(minimum=2)

_CHARGES: Final[Mapping[str, Callable[[Reader, Table], Surcharge]]] = {
    UNBOOKED_CHARGE_TAGS[FlatPrice]: partial(_amount_surcharge, FlatPrice),
    UNBOOKED_CHARGE_TAGS[CostPrice]: partial(_amount_surcharge, CostPrice),
    UNBOOKED_CHARGE_TAGS[BasePlus]: partial(_amount_surcharge, BasePlus),
    UNBOOKED_CHARGE_TAGS[BaseTimes]: _base_times,
}


_charge: Final[Parser[Surcharge]] = tagged(_CHARGES)


def _repeated_charge(reader: Reader, value: object, path: str) -> RepeatedCharge:
    table = Table(reader, value, path)
    first = table.required("from_occurrence", _REPEAT)
    charge = table.required("charge", _charge)
    table.close()
    return reader.build(
        path, same_names("from_occurrence", "charge"), lambda: RepeatedCharge(first, charge)
    )


def _presence(reader: Reader, value: object, path: str) -> UnbookedPresence:
    table = Table(reader, value, path)
    charge = table.required("charge", _charge)
    repeated = table.optional("repeated", list_of(_repeated_charge, non_empty=True), ())
    period = table.optional("period", choice(RepetitionPeriod), None)
    counted = table.optional("counted_per", choice(CountedPer), CountedPer.CHILD)
    table.close()
    return reader.build(
        path,
        same_names("charge", "repeated", "period", "counted_per"),
        lambda: UnbookedPresence(charge, repeated, period, counted),
    )


def unbooked_presence(reader: Reader, value: object, path: str) -> UnbookedPresenceRules:
    """The ``unbooked_presence`` table: a ``default`` rule and rules ``by_service``."""
    table = Table(reader, value, path)
    default = table.optional("default", _presence, None)
    by_service = table.optional("by_service", table_of(_presence), {})
    table.close()
    return reader.build(
        path,
        same_names("default", "by_service"),
        lambda: UnbookedPresenceRules(default, by_service),
    )


def _repeated_fee(reader: Reader, value: object, path: str) -> RepeatedFee:
    table = Table(reader, value, path)
    first = table.required("from_occurrence", _REPEAT)
    fee = table.required("fee", money)
    table.close()
    return reader.build(path, same_names("from_occurrence", "fee"), lambda: RepeatedFee(first, fee))


def _band(reader: Reader, value: object, path: str) -> PickupBand:
    table = Table(reader, value, path)
    starts = table.required("starts", clock)
    ends = table.optional("ends", clock, None)
    fee = table.required("fee", money)
    repeated = table.optional("repeated", list_of(_repeated_fee, non_empty=True), ())
    table.close()
    return reader.build(
        path,
        same_names("starts", "ends", "fee", "repeated"),
        lambda: PickupBand(starts, ends, fee, repeated),
    )


def _late_pickup(reader: Reader, value: object, path: str) -> LatePickup:
    table = Table(reader, value, path)
    bands = table.required("bands", list_of(_band, non_empty=True))
    boundary = table.optional("boundary", choice(BoundarySide), BoundarySide.EARLIER)
    per = table.optional("per", choice(CountedPer), CountedPer.CHILD)
    period = table.optional("period", choice(RepetitionPeriod), None)
    table.close()
    return reader.build(
        path,
        same_names("bands", "boundary", "per", "period"),
        lambda: LatePickup(bands, boundary, per, period),
    )


#: The ``late_pickup`` table: a rule by service code.
late_pickups: Final = table_of(_late_pickup)
