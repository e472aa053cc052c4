"""Writing a commune's fees of attendance nobody booked as plain data, defaults left out."""

from __future__ import annotations

from typing import Any

from cantine_rules.errors import InvalidTypeError
from cantine_rules.plain._dump import _clock, _decimal, _money
from cantine_rules.plain._schema import UNBOOKED_CHARGE_TAGS
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CostPrice,
    CountedPer,
    LatePickup,
    PickupBand,
    UnbookedPresence,
    UnbookedPresenceRules,
)
from cantine_rules.rules.late import BasePlus, BaseTimes, FlatPrice

__all__ = ["dump_late_pickups", "dump_unbooked_presence"]


def _charge(charge: object, path: str) -> dict[str, Any]:
    if type(charge) not in UNBOOKED_CHARGE_TAGS:
        known = ", ".join(sorted(kind.__name__ for kind in UNBOOKED_CHARGE_TAGS))
        raise InvalidTypeError(
            path, charge, f"has no plain-data form; the plain form knows {known}"
        )
    data: dict[str, Any] = {"type": UNBOOKED_CHARGE_TAGS[type(charge)]}
    if isinstance(charge, FlatPrice | CostPrice | BasePlus):
        data["amount"] = _money(charge.amount)
    else:
        assert isinstance(charge, BaseTimes)
        data["factor"] = _decimal(charge.factor)
    return data


def _presence(rule: UnbookedPresence, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {"charge": _charge(rule.charge, f"{path}.charge")}
    if rule.repeated:
        data["repeated"] = [
            {
                "from_occurrence": step.from_occurrence,
                "charge": _charge(step.charge, f"{path}.repeated[{index}].charge"),
            }
            for index, step in enumerate(rule.repeated)
        ]
    if rule.period is not None:
        data["period"] = rule.period.value
    if rule.counted_per is not CountedPer.CHILD:
        data["counted_per"] = rule.counted_per.value
    return data


def dump_unbooked_presence(rules: UnbookedPresenceRules) -> dict[str, Any]:
    """The ``unbooked_presence`` table of *rules*."""
    data: dict[str, Any] = {}
    if rules.default is not None:
        data["default"] = _presence(rules.default, "unbooked_presence.default")
    if rules.by_service:
        data["by_service"] = {
            code: _presence(rule, f"unbooked_presence.by_service.{code}")
            for code, rule in rules.by_service
        }
    return data


def _band(band: PickupBand) -> dict[str, Any]:
    data: dict[str, Any] = {"starts": _clock(band.starts)}
    if band.ends is not None:
        data["ends"] = _clock(band.ends)
    data["fee"] = _money(band.fee)
    if band.repeated:
        data["repeated"] = [
            {"from_occurrence": step.from_occurrence, "fee": _money(step.fee)}
            for step in band.repeated
        ]
    return data


def _late_pickup(rule: LatePickup) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if rule.boundary is not BoundarySide.EARLIER:
        data["boundary"] = rule.boundary.value
    if rule.per is not CountedPer.CHILD:
        data["per"] = rule.per.value
    if rule.period is not None:
        data["period"] = rule.period.value
    data["bands"] = [_band(band) for band in rule.bands]
    return data


def dump_late_pickups(rules: tuple[tuple[str, LatePickup], ...]) -> dict[str, Any]:
    """The ``late_pickup`` table: each service's rule by its code."""
    return {code: _late_pickup(rule) for code, rule in rules}
