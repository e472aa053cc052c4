"""Writing the attendance regimes and monthly flat fees of a policy as plain data.

Canonical as the rest of the policy's form: a field at its default value is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, cast

import attrs

from cantine_rules.errors import InvalidTypeError
from cantine_rules.plain._schema import FEE_TAGS, REGIME_TAGS, WEEKDAYS
from cantine_rules.pricing._monthly import FeeBasis, MonthlyFlatFee
from cantine_rules.rules.regimes import DayChangeTerms, FixedDays, Occasional, ServiceRegimes
from cantine_rules.sources import Source

__all__ = ["dump_regimes"]

_FIXED_LABEL: Final = cast(str, attrs.fields_dict(FixedDays)["label"].default)
_OCCASIONAL_LABEL: Final = cast(str, attrs.fields_dict(Occasional)["label"].default)


def _changes(terms: DayChangeTerms, source: Callable[[Source], dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"effect": terms.effect.value}
    if terms.notice_days:
        data["notice_days"] = terms.notice_days
    if not terms.through_commune:
        data["through_commune"] = False
    if terms.source is not None:
        data["source"] = source(terms.source)
    return data


def _offer(offer: object, path: str, source: Callable[[Source], dict[str, Any]]) -> dict[str, Any]:
    if type(offer) not in REGIME_TAGS:
        known = ", ".join(sorted(kind.__name__ for kind in REGIME_TAGS))
        raise InvalidTypeError(path, offer, f"has no plain-data form; the plain form knows {known}")
    data: dict[str, Any] = {"type": REGIME_TAGS[type(offer)]}
    if isinstance(offer, FixedDays):
        if offer.label != _FIXED_LABEL:
            data["label"] = offer.label
        if offer.min_days != 1:
            data["min_days"] = offer.min_days
        if offer.max_days is not None:
            data["max_days"] = offer.max_days
        if offer.weekdays is not None:
            data["weekdays"] = [WEEKDAYS[day] for day in sorted(offer.weekdays)]
        data["changes"] = _changes(offer.changes, source)
    else:
        assert isinstance(offer, Occasional)
        if offer.label != _OCCASIONAL_LABEL:
            data["label"] = offer.label
    if offer.unit_price is not None:
        data["unit_price"] = str(offer.unit_price.amount)
    data["source"] = source(offer.source)
    return data


def _fee(fee: MonthlyFlatFee, source: Callable[[Source], dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": FEE_TAGS[MonthlyFlatFee],
        "code": fee.code,
        "label": fee.label,
        "amount": str(fee.amount.amount),
    }
    if fee.per is not FeeBasis.CHILD:
        data["per"] = fee.per.value
    if fee.by_children:
        data["by_children"] = [
            {"children": item.children, "amount": str(item.amount.amount)}
            for item in fee.by_children
        ]
    if fee.refund_per_absent_day is not None:
        data["refund_per_absent_day"] = str(fee.refund_per_absent_day.amount)
    if fee.term_months:
        data["term_months"] = list(fee.term_months)
    data["source"] = source(fee.source)
    return data


def dump_regimes(
    regimes: tuple[ServiceRegimes, ...], source: Callable[[Source], dict[str, Any]]
) -> dict[str, Any]:
    """The ``regimes`` table of a policy; *source* writes a source as the rest of the form does."""
    data: dict[str, Any] = {}
    for service_regimes in regimes:
        code = service_regimes.service_code
        entry: dict[str, Any] = {}
        if service_regimes.offers:
            entry["offers"] = [
                _offer(offer, f"regimes.{code}.offers[{index}]", source)
                for index, offer in enumerate(service_regimes.offers)
            ]
        if service_regimes.monthly_fees:
            entry["monthly_fees"] = [_fee(fee, source) for fee in service_regimes.monthly_fees]
        data[code] = entry
    return data
