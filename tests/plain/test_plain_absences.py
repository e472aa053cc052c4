"""The plain form of absences and non-billable days: round trip and problems named by path."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from cantine_rules.errors import PolicyError
from cantine_rules.plain import dumps_toml, from_data, loads_toml, to_data
from cantine_rules.rules.absences import AbsenceRules
from cantine_rules.rules.non_billable import NonBillableDays
from cantine_rules.testing import absence_rules, non_billable_days

ROOT = Path(__file__).resolve().parents[2]
MA_COMMUNE = loads_toml((ROOT / "examples" / "communes" / "ma-commune.toml").read_text())
CODES = [service.code for service in MA_COMMUNE.services]

ABSENCES = """
[absences.default]
charge = { type = "flat", amount = "3.75" }
notice = { type = "calendar_days_before", days = 0, at = "09:00" }

[absences.by_service.soir]
waiting = { days = 3, counted_in = "calendar_days" }
certificate = { type = "within", hours = 72, late_waiting_days = 2, latest_hours = 240 }

[[non_billable_days]]
day = 2025-05-06
label = "Sortie scolaire"
services = ["repas"]
sites = ["maternelle"]
"""
TEXT = (ROOT / "examples" / "communes" / "ma-commune.toml").read_text() + ABSENCES


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(absence_rules(CODES), non_billable_days(CODES))
def test_dump_then_load_is_the_identity(rules: AbsenceRules, days: NonBillableDays) -> None:
    policy = attrs.evolve(MA_COMMUNE, absences=rules, non_billable_days=days)
    data = to_data(policy)
    assert from_data(data) == policy
    assert loads_toml(dumps_toml(policy)) == policy
    assert to_data(from_data(data)) == data


def test_the_written_form_is_the_form_read() -> None:
    policy = loads_toml(TEXT)
    data = to_data(policy)
    assert data["absences"] == {
        "default": {
            "charge": {"type": "flat", "amount": "3.75"},
            "notice": {"type": "calendar_days_before", "days": 0, "at": "09:00"},
        },
        "by_service": {
            "soir": {
                "waiting": {"days": 3, "counted_in": "calendar_days"},
                "certificate": {
                    "type": "within",
                    "hours": 72,
                    "late_waiting_days": 2,
                    "latest_hours": 240,
                },
            }
        },
    }
    assert [day["label"] for day in data["non_billable_days"]] == ["Sortie scolaire"]
    assert "absences" not in to_data(MA_COMMUNE)
    assert "non_billable_days" not in to_data(MA_COMMUNE)


def _problems(text: str) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        loads_toml(text)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "hours = 72",
            "hours = 0",
            "absences.by_service.soir.certificate.hours: must be ≥ 1 (got 0)",
        ),
        (
            "hours = 72",
            "hours = -48",
            "absences.by_service.soir.certificate.hours: must be ≥ 1 (got -48)",
        ),
        (
            'at = "09:00"',
            'at = "25:00"',
            'absences.default.notice.at: must be a time written "HH:MM", such as "17:00" '
            "(got '25:00')",
        ),
        (
            "days = 3,",
            "days = 40,",
            "absences.by_service.soir.waiting.days: must be ≤ 31 (got 40)",
        ),
        (
            'services = ["repas"]',
            'services = ["cantine"]',
            "non_billable_days[0].services[0]: unknown service 'cantine' (the services are: "
            "repas, soir)",
        ),
        (
            "[absences.by_service.soir]",
            "[absences.by_service.piscine]",
            "absences.by_service.piscine: unknown service 'piscine' (the services are: repas, "
            "soir)",
        ),
        (
            'type = "flat"',
            'type = "forfait"',
            "absences.default.charge.type: unknown type 'forfait' (allowed: booked_price, flat)",
        ),
        (
            "late_waiting_days = 2, ",
            "",
            "absences.by_service.soir.certificate.latest_hours: needs late_waiting_days: what a "
            "late certificate waives (got 240)",
        ),
        (
            'counted_in = "calendar_days"',
            'counted_in = "jours"',
            "absences.by_service.soir.waiting.counted_in: unknown value 'jours' (allowed: "
            "service_days, calendar_days)",
        ),
        (
            'label = "Sortie scolaire"',
            'label = "Sortie scolaire"\nsite = ["x"]',
            "non_billable_days[0].site: unknown key; did you mean 'sites'? (allowed: day, label, "
            "services, sites)",
        ),
    ],
)
def test_bad_input_is_reported_at_its_path(old: str, new: str, expected: str) -> None:
    assert old in TEXT
    assert _problems(TEXT.replace(old, new)) == [expected]


def test_every_problem_is_reported_at_once() -> None:
    broken = (
        TEXT.replace("hours = 72", "hours = 0")
        .replace('at = "09:00"', 'at = "9h"')
        .replace('services = ["repas"]', 'services = ["cantine"]')
    )
    assert [problem.split(":")[0] for problem in _problems(broken)] == [
        "absences.default.notice.at",
        "absences.by_service.soir.certificate.hours",
        "non_billable_days[0].services[0]",
    ]
