"""Writing the rule shapes added for the example communes as plain data.

Canonical, as the rest of the policy: a field at its default is left out (no free day, no limit
on the charged days), and the document kinds are written in a stable order.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from cantine_rules.pricing.tariffs import ReferenceDate
from cantine_rules.rules.absences import AbsenceDocument, RunCharges

__all__ = ["dump_documents", "dump_reference_date", "dump_run_charges"]


def dump_run_charges(run: RunCharges) -> dict[str, Any]:
    """The ``run`` table of an absence policy."""
    data: dict[str, Any] = {}
    if run.free_days:
        data["free_days"] = run.free_days
    if run.charged_days is not None:
        data["charged_days"] = run.charged_days
    return data


def dump_documents(kinds: Collection[AbsenceDocument]) -> list[str]:
    """The ``waived_by_documents`` list of an absence policy, in the enum's order."""
    return [kind.value for kind in AbsenceDocument if kind in kinds]


def dump_reference_date(reference: ReferenceDate) -> dict[str, int]:
    """``quotient_policy.reference_date``."""
    return {"month": reference.month, "day": reference.day}
