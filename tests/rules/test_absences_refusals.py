"""Absences: every refusal in full (class, field, value and message), as a portal shows it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest

from cantine_rules import Money, Service, ServiceKind
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.rules.absences import (
    AbsenceDocument,
    AbsencePolicy,
    AbsenceRules,
    CertificateWithin,
    HeldDocument,
    RunCharges,
    WaitingDays,
)
from tests._helpers import refusal

CALENDAR = SchoolCalendar(Zone.B)
MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
MONDAY = date(2024, 9, 30)


def _judge(**given: object) -> Callable[[], object]:
    arguments: dict[str, object] = {"calendar": CALENDAR, "notice_at": None}
    arguments.update(given)
    return lambda: AbsencePolicy().judge(MEAL, [MONDAY], **arguments)  # type: ignore[arg-type]


CASES: list[tuple[Callable[[], object], tuple[str, object, object, str]]] = [
    (
        lambda: CertificateWithin("48"),  # type: ignore[arg-type]
        ("InvalidTypeError", "hours", "48", "hours: must be an int (got '48' of type str)"),
    ),
    (
        lambda: CertificateWithin(0),
        ("InvalidValueError", "hours", 0, "hours: must be from 1 to 8784 (got 0)"),
    ),
    (
        lambda: CertificateWithin(8785),
        ("InvalidValueError", "hours", 8785, "hours: must be from 1 to 8784 (got 8785)"),
    ),
    (
        lambda: CertificateWithin(48, waiting_days=-1),
        ("InvalidValueError", "waiting_days", -1, "waiting_days: must be from 0 to 31 (got -1)"),
    ),
    (
        lambda: CertificateWithin(48, waiting_days=32),
        ("InvalidValueError", "waiting_days", 32, "waiting_days: must be from 0 to 31 (got 32)"),
    ),
    (
        lambda: CertificateWithin(48, late_waiting_days=32),
        (
            "InvalidValueError",
            "late_waiting_days",
            32,
            "late_waiting_days: must be from 0 to 31 (got 32)",
        ),
    ),
    (
        lambda: CertificateWithin(48, late_waiting_days=1, latest_hours=0),
        ("InvalidValueError", "latest_hours", 0, "latest_hours: must be from 1 to 8784 (got 0)"),
    ),
    (
        lambda: CertificateWithin(48, late_waiting_days=1, latest_hours=48),
        ("InvalidValueError", "latest_hours", 48, "latest_hours: must be more than hours (got 48)"),
    ),
    (
        lambda: CertificateWithin(48, latest_hours=96),
        (
            "InvalidValueError",
            "latest_hours",
            96,
            "latest_hours: needs late_waiting_days: what a late certificate waives (got 96)",
        ),
    ),
    (
        lambda: WaitingDays(0),
        ("InvalidValueError", "days", 0, "days: must be from 1 to 31 (got 0)"),
    ),
    (
        lambda: RunCharges(0, None),
        (
            "InvalidValueError",
            "charged_days",
            None,
            "charged_days: with no free day, give how many days are charged (got None)",
        ),
    ),
    (
        lambda: RunCharges(1, 0),
        ("InvalidValueError", "charged_days", 0, "charged_days: must be from 1 to 31 (got 0)"),
    ),
    (
        lambda: RunCharges(1, 32),
        ("InvalidValueError", "charged_days", 32, "charged_days: must be from 1 to 31 (got 32)"),
    ),
    (
        lambda: AbsencePolicy(waived_by_documents="employer"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "waived_by_documents",
            "employer",
            "waived_by_documents: must be AbsenceDocument values (got 'employer' of type str)",
        ),
    ),
    (
        lambda: AbsencePolicy(waived_by_documents=3),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "waived_by_documents",
            3,
            "waived_by_documents: must be AbsenceDocument values (got 3 of type int)",
        ),
    ),
    (
        lambda: AbsencePolicy(waived_by_documents=["payslip"]),
        (
            "InvalidValueError",
            "waived_by_documents",
            "payslip",
            "waived_by_documents: must be an AbsenceDocument (medical, employer) (got 'payslip')",
        ),
    ),
    (
        lambda: AbsencePolicy(charge=3),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "charge",
            3,
            "charge: must be BookedPrice or FlatCharge (got 3 of type int)",
        ),
    ),
    (
        lambda: AbsencePolicy(notice="9h"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "notice",
            "9h",
            "notice: must be a ChangeWindowRule or None (got '9h' of type str)",
        ),
    ),
    (
        lambda: AbsencePolicy(waiting=3),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "waiting",
            3,
            "waiting: must be WaitingDays or None (got 3 of type int)",
        ),
    ),
    (
        lambda: AbsencePolicy(certificate=72),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "certificate",
            72,
            "certificate: must be CertificateWithin or CertificatesNotAccepted or None "
            "(got 72 of type int)",
        ),
    ),
    (
        lambda: AbsencePolicy(run=2),  # type: ignore[arg-type]
        ("InvalidTypeError", "run", 2, "run: must be RunCharges or None (got 2 of type int)"),
    ),
    (
        _judge(documents="employer"),
        (
            "InvalidTypeError",
            "documents",
            "employer",
            "documents: must be HeldDocument values (got 'employer' of type str)",
        ),
    ),
    (
        _judge(documents=["employer"]),
        (
            "InvalidTypeError",
            "documents",
            "employer",
            "documents: must be a HeldDocument (got 'employer' of type str)",
        ),
    ),
    (
        _judge(),
        (
            "MissingPriceError",
            "price",
            None,
            "price: an absence charged at the booked price is based on the service's price; "
            "give the price",
        ),
    ),
    (
        lambda: AbsenceRules(3),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "default",
            3,
            "default: must be an AbsencePolicy or None (got 3 of type int)",
        ),
    ),
    (
        lambda: AbsenceRules(None, {"soir": 1}),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "by_service.soir",
            1,
            "by_service.soir: must be an AbsencePolicy (got 1 of type int)",
        ),
    ),
]


@pytest.mark.parametrize(("call", "expected"), CASES)
def test_each_refusal_names_its_field_value_and_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_a_naive_certificate_instant_is_refused_by_name() -> None:
    naive = datetime(2024, 9, 30, 8)
    name, field, value, message = refusal(_judge(certificate_at=naive))
    assert (name, field, value) == ("NaiveDatetimeError", "certificate_at", naive)
    assert message.startswith("certificate_at: must be timezone-aware")


def test_documents_accepted_are_a_set_of_kinds_given_by_value() -> None:
    policy = AbsencePolicy(waived_by_documents=["employer", AbsenceDocument.MEDICAL, "employer"])
    assert policy.waived_by_documents == frozenset(AbsenceDocument)
    assert HeldDocument(AbsenceDocument.MEDICAL, MONDAY).covers(MONDAY)
    assert AbsencePolicy(waived_by_documents=()).waived_by_documents == frozenset()
    assert AbsencePolicy().charge.cost(MONDAY, lambda day: Money.euros("3.60")) == Money.euros(
        "3.60"
    )
