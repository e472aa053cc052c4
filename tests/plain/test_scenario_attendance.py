"""A scenario's attendance events, regimes and non-billable days; problems at their paths."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules.errors import PolicyError
from cantine_rules.plain import ChosenRegime, EventKind, loads_scenario

HEAD = """
commune = "examples/communes/la-magistere.toml"
start = 2018-11-05
end = 2018-11-16
family = { id = "LM-1" }
children = [{ id = "jules", first_name = "Jules", birth_date = 2011-05-14 }]
"""


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(PolicyError) as caught:
        loads_scenario(HEAD + text, source="s.toml")
    return [(problem.path, problem.message) for problem in caught.value.problems]


def test_events_regimes_and_declared_days_are_read() -> None:
    scenario = loads_scenario(
        HEAD
        + """
[[attendance]]
child = "jules"
service = "repas"
day = 2018-11-12
kind = "absent"
notice_at = 2018-11-12T08:00:00
certificate_at = 2018-11-13T18:00:00+01:00

[[regimes]]
child = "jules"
service = "repas"
regime = "fixed_days"
weekdays = ["lundi", "Thursday"]

[[non_billable_days]]
day = 2018-11-15
label = "Grève"
"""
    )
    [event] = scenario.attendance
    assert event.kind is EventKind.ABSENT
    assert event.notice_at is not None
    assert event.notice_at.isoformat() == "2018-11-12T08:00:00+01:00"
    assert scenario.notes == ("attendance[0].notice_at has no offset: read as Europe/Paris",)
    [chosen] = scenario.regimes
    assert (chosen.regime, chosen.weekdays) == (ChosenRegime.FIXED_DAYS, frozenset({0, 3}))
    assert not scenario.non_billable_days.is_billable("repas", date(2018, 11, 15))


def test_an_event_for_an_unknown_child_is_named_by_its_path() -> None:
    found = problems(
        """
[[attendance]]
child = "paul"
service = "repas"
day = 2018-11-12
kind = "present_unbooked"
"""
    )
    assert found == [("attendance[0].child", "unknown child 'paul'; known: jules")]


def test_a_notice_after_the_certificate_is_refused_at_the_notice() -> None:
    [(path, message)] = problems(
        """
[[attendance]]
child = "jules"
service = "repas"
day = 2018-11-12
kind = "absent"
notice_at = 2018-11-14T08:00:00+01:00
certificate_at = 2018-11-13T08:00:00+01:00
"""
    )
    assert path == "attendance[0].notice_at"
    assert message.startswith("must not come after the certificate handed in at 2018-11-13T08:00")


def test_a_late_pick_up_needs_its_instant_on_the_service_day() -> None:
    found = problems(
        """
[[attendance]]
child = "jules"
service = "repas"
day = 2018-11-12
kind = "late_pickup"

[[attendance]]
child = "jules"
service = "repas"
day = 2018-11-12
kind = "late_pickup"
picked_up_at = 2018-11-13T18:10:00+01:00

[[attendance]]
child = "jules"
service = "repas"
day = 2018-11-12
kind = "present_unbooked"
notice_at = 2018-11-12T08:00:00+01:00
"""
    )
    assert [path for path, _ in found] == [
        "attendance[0].picked_up_at",
        "attendance[1].picked_up_at",
        "attendance[2].notice_at",
    ]


def test_regime_choices_are_checked_and_unique_per_child_and_service() -> None:
    found = problems(
        """
[[regimes]]
child = "jules"
service = "repas"
regime = "fixed_days"

[[regimes]]
child = "jules"
service = "repas"
regime = "occasional"
weekdays = ["lundi"]

[[regimes]]
child = "jules"
service = "repas"
regime = "weekly"
"""
    )
    assert [path for path, _ in found] == [
        "regimes[0].weekdays",
        "regimes[1].weekdays",
        "regimes[2].regime",
    ]


def test_two_choices_for_one_child_and_service_are_refused() -> None:
    found = problems(
        """
[[regimes]]
child = "jules"
service = "repas"
regime = "occasional"

[[regimes]]
child = "jules"
service = "repas"
fees = ["carte"]
"""
    )
    assert found == [("regimes[1]", "a second choice for 'jules' at 'repas'")]
