"""Writing a commune's absence policies and non-billable days as plain data.

Canonical, as the rest of the policy: a field at its default is left out (a charge at the
booked price, waiting days counted in service days, a certificate's zero waiting days).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cantine_rules.plain._dump_extra import dump_documents, dump_run_charges
from cantine_rules.plain._schema import ABSENCE_CHARGE_TAGS, CERTIFICATE_TAGS
from cantine_rules.rules.absences import (
    AbsencePolicy,
    AbsenceRules,
    CertificateWithin,
    DayCount,
    FlatCharge,
)
from cantine_rules.rules.non_billable import NonBillableDays

__all__ = ["dump_absences", "dump_non_billable_days"]

DeadlineWriter = Callable[[object, str], dict[str, Any]]
"""Writes a deadline rule at a path (the policy writer's own, so both write it alike)."""


def _policy(policy: AbsencePolicy, path: str, deadline: DeadlineWriter) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if isinstance(policy.charge, FlatCharge):
        data["charge"] = {
            "type": ABSENCE_CHARGE_TAGS[FlatCharge],
            "amount": str(policy.charge.amount.amount),
        }
    if policy.notice is not None:
        data["notice"] = deadline(policy.notice, f"{path}.notice")
    if policy.waiting is not None:
        waiting: dict[str, Any] = {"days": policy.waiting.days}
        if policy.waiting.counted_in is not DayCount.SERVICE_DAYS:
            waiting["counted_in"] = policy.waiting.counted_in.value
        data["waiting"] = waiting
    certificate = policy.certificate
    if certificate is not None:
        written: dict[str, Any] = {"type": CERTIFICATE_TAGS[type(certificate)]}
        if isinstance(certificate, CertificateWithin):
            written["hours"] = certificate.hours
            if certificate.waiting_days:
                written["waiting_days"] = certificate.waiting_days
            if certificate.late_waiting_days is not None:
                written["late_waiting_days"] = certificate.late_waiting_days
            if certificate.latest_hours is not None:
                written["latest_hours"] = certificate.latest_hours
        data["certificate"] = written
    if policy.run is not None:
        data["run"] = dump_run_charges(policy.run)
    if policy.waived_by_documents:
        data["waived_by_documents"] = dump_documents(policy.waived_by_documents)
    return data


def dump_absences(rules: AbsenceRules, deadline: DeadlineWriter) -> dict[str, Any]:
    """The ``absences`` table of *rules*."""
    data: dict[str, Any] = {}
    if rules.default is not None:
        data["default"] = _policy(rules.default, "absences.default", deadline)
    if rules.by_service:
        data["by_service"] = {
            code: _policy(policy, f"absences.by_service.{code}", deadline)
            for code, policy in rules.by_service
        }
    return data


def dump_non_billable_days(days: NonBillableDays) -> list[dict[str, Any]]:
    """The ``non_billable_days`` list of *days*."""
    written: list[dict[str, Any]] = []
    for declared in days.days:
        data: dict[str, Any] = {"day": declared.day, "label": declared.label}
        if declared.services:
            data["services"] = list(declared.services)
        if declared.sites:
            data["sites"] = list(declared.sites)
        written.append(data)
    return written
