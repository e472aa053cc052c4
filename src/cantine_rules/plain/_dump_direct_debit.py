"""Writing a policy's direct-debit terms as plain data, the inverse of ``_load_direct_debit``.

The policy writer imports this module where it first needs it, so this one may use the writer's
helpers (a source, an amount).
"""

from __future__ import annotations

from typing import Any

from cantine_rules.plain._dump import _money, _source
from cantine_rules.pricing._direct_debit import DirectDebitTerms

__all__ = ["direct_debit"]


def direct_debit(terms: DirectDebitTerms) -> dict[str, Any]:
    """``direct_debit``; ``return_fee`` is written only when the commune charges one."""
    data: dict[str, Any] = {"pre_notification_days": terms.pre_notification_days}
    if terms.return_fee is not None:
        data["return_fee"] = _money(terms.return_fee)
    data["source"] = _source(terms.source)
    return data
