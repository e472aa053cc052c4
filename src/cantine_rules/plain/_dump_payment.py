"""Writing the payment terms of a policy as plain data, the inverse of ``_load_payment``.

The policy writer imports this module where it first needs it, so this one may use the writer's
helpers (a source, a decimal, an amount).
"""

from __future__ import annotations

from typing import Any

from cantine_rules.plain._dump import _decimal, _money, _source
from cantine_rules.plain._schema import CREDIT_TAGS, QUOTIENT_EFFECT_TAGS
from cantine_rules.pricing.accounts import (
    CreditTreatment,
    MinimumTopUp,
    Prepayment,
    Refund,
    ServicePayment,
)
from cantine_rules.pricing.tariffs import QuotientEffect

__all__ = ["credit_treatment", "minimum_top_up", "payment_by_service", "quotient_effect"]


def _prepayment(prepayment: Prepayment) -> dict[str, Any]:
    return {"share": _decimal(prepayment.share)}


def payment_by_service(payments: tuple[ServicePayment, ...]) -> dict[str, Any]:
    """``payment_by_service``, by service code, in the policy's order."""
    data: dict[str, Any] = {}
    for payment in payments:
        entry: dict[str, Any] = {"scheme": payment.scheme.value}
        if payment.prepayment is not None:
            entry["prepayment"] = _prepayment(payment.prepayment)
        entry["source"] = _source(payment.source)
        data[payment.service_code] = entry
    return data


def minimum_top_up(minimum: MinimumTopUp) -> dict[str, Any]:
    """``minimum_top_up``; ``per_child`` is written only when false."""
    data: dict[str, Any] = {"amount": _money(minimum.amount)}
    if not minimum.per_child:
        data["per_child"] = False
    data["source"] = _source(minimum.source)
    return data


def credit_treatment(treatment: CreditTreatment) -> dict[str, Any]:
    """``credit_treatment``, tagged with its ``type``."""
    data: dict[str, Any] = {"type": CREDIT_TAGS[type(treatment)]}
    if isinstance(treatment, Refund):
        data["rate"] = _decimal(treatment.rate)
    data["source"] = _source(treatment.source)
    return data


def quotient_effect(effect: QuotientEffect) -> dict[str, Any]:
    """``quotient_policy.takes_effect``, tagged with its ``type``."""
    return {"type": QUOTIENT_EFFECT_TAGS[type(effect)]}
