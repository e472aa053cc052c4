"""A value of the wrong type given to an engine class is refused by name, never by a bare
``TypeError``: the error is the library's, names the field and the value, and says what it takes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest

from cantine_rules import Service, ServiceKind
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.rules.attendance_fees import UnbookedPresenceRules
from cantine_rules.rules.booking import BookingRules, FamilyAccount, ServiceRules
from cantine_rules.rules.deadlines import HoursBefore
from cantine_rules.rules.late import KeepCharging, Refuse
from cantine_rules.rules.regimes import ChangeEffect, DayChangeTerms, FixedDays, Occasional
from cantine_rules.sources import Source
from tests._helpers import refusal

MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
RULES = ServiceRules(HoursBefore(48), HoursBefore(48))
CALENDAR = SchoolCalendar(Zone.B)
MONTHLY = DayChangeTerms(ChangeEffect.NEXT_MONTH)

CASES: list[tuple[Callable[[], object], tuple[str, object, object, str]]] = [
    (
        lambda: ServiceRules(HoursBefore(48), HoursBefore(48), late_add=Refuse()),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "late_add",
            Refuse(),
            "late_add: must be a LateHandling (got Refuse(contact=None) of type Refuse)",
        ),
    ),
    (
        lambda: ServiceRules(HoursBefore(48), HoursBefore(48), late_cancel=None),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "late_cancel",
            None,
            "late_cancel: must be a LateHandling (got None of type NoneType)",
        ),
    ),
    (
        lambda: FamilyAccount("F-1"),  # type: ignore[arg-type]
        ("InvalidTypeError", "family", "F-1", "family: must be a Family (got 'F-1' of type str)"),
    ),
    (
        lambda: BookingRules("B", (MEAL,), RULES),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "calendar",
            "B",
            "calendar: must be a SchoolCalendar (got 'B' of type str)",
        ),
    ),
    (
        lambda: BookingRules(CALENDAR, (MEAL,), None),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "default",
            None,
            "default: must be ServiceRules (got None of type NoneType)",
        ),
    ),
    (
        lambda: BookingRules(CALENDAR, (MEAL,), RULES, requirements=True),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "requirements",
            True,
            "requirements: must be Requirements (got True of type bool)",
        ),
    ),
    (
        lambda: KeepCharging(1),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "waiver",
            1,
            "waiver: must be a MedicalWaiver or None (got 1 of type int)",
        ),
    ),
    (
        lambda: DayChangeTerms(ChangeEffect.NEXT_MONTH, source="x"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "source",
            "x",
            "source: must be a Source or None (got 'x' of type str)",
        ),
    ),
    (
        lambda: FixedDays("next_month", Source.example("x")),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "changes",
            "next_month",
            "changes: must be DayChangeTerms (got 'next_month' of type str)",
        ),
    ),
    (
        lambda: FixedDays(MONTHLY, "x"),  # type: ignore[arg-type]
        ("InvalidTypeError", "source", "x", "source: must be a Source (got 'x' of type str)"),
    ),
    (
        lambda: Occasional(None),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "source",
            None,
            "source: must be a Source (got None of type NoneType)",
        ),
    ),
    (
        lambda: UnbookedPresenceRules(default=3),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "default",
            3,
            "default: must be an UnbookedPresence or None (got 3 of type int)",
        ),
    ),
]


@pytest.mark.parametrize(("call", "expected"), CASES)
def test_a_value_of_the_wrong_type_is_refused_by_name(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_none_is_taken_where_the_field_is_optional() -> None:
    assert KeepCharging(None).waiver is None
    assert DayChangeTerms(ChangeEffect.NEXT_MONTH, source=None).source is None
    assert UnbookedPresenceRules(None).default is None
