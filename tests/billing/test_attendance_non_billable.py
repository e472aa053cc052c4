"""A day the commune declared non-billable is never charged, whatever was booked or decided.

La Tessoualle (https://www.latessoualle.com/enfance-jeunesse/restauration-scolaire/): « Pour une
annulation au-delà de ce délai, le repas sera facturé. » A late cancellation of a day the commune
then declares non-billable (« En cas de sortie scolaire, aucune démarche d'annulation n'est à
effectuer », the shape's wording) costs nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cantine_rules.billing import bill
from cantine_rules.errors import PolicyError
from cantine_rules.money import Money
from cantine_rules.plain import loads_scenario

ROOT = Path(__file__).resolve().parents[2]

SCENARIO = """
commune = "examples/communes/la-tessoualle.toml"
start = 2022-09-12
end = 2022-09-16
family = { id = "LT-1" }
children = [{ id = "emma", first_name = "Emma", birth_date = 2014-03-08 }]
bookings = [{ child = "emma", service = "repas", weekdays = ["mardi"] }]

[[changes]]                    # too late: « le repas sera facturé »
child = "emma"
service = "repas"
day = 2022-09-13
action = "cancel"
at = 2022-09-12T10:00:00+02:00
"""


def test_a_late_cancellation_is_billed_the_meal() -> None:
    result = bill(loads_scenario(SCENARIO))
    [line] = result.invoice.lines
    assert (line.amount, line.reason) == (Money.euros("4.40"), "annulation hors délai")


def test_a_declared_non_billable_day_frees_it() -> None:
    declared = (
        SCENARIO
        + """
[[non_billable_days]]
day = 2022-09-13
label = "Sortie scolaire"
"""
    )
    [line] = bill(loads_scenario(declared)).invoice.lines
    assert (line.amount, line.reason) == (Money.zero(), "jour non facturable : Sortie scolaire")


def test_a_declaration_for_another_day_changes_nothing() -> None:
    declared = (
        SCENARIO
        + """
[[non_billable_days]]
day = 2022-09-12
label = "Grève"
"""
    )
    assert bill(loads_scenario(declared)).invoice.total == Money.euros("4.40")


def test_a_declaration_naming_an_unknown_service_is_refused_at_its_path() -> None:
    declared = (
        SCENARIO
        + """
[[non_billable_days]]
day = 2022-09-13
label = "Grève"
services = ["garderie"]
"""
    )
    with pytest.raises(PolicyError) as caught:
        bill(loads_scenario(declared))
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("non_billable_days[0].services[0]", "unknown 'garderie'; known: repas")
    ]
