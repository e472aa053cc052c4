"""Absences: the days of a run that may be charged, and standing documents that waive them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import Money, Service, ServiceKind
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.rules.absences import (
    AbsenceDocument,
    AbsencePolicy,
    AbsenceReason,
    CertificateWithin,
    HeldDocument,
    RunCharges,
    WaitingDays,
)
from cantine_rules.rules.deadlines import CalendarDaysBefore
from cantine_rules.testing import absence_policies
from tests._helpers import paris, refusal

CALENDAR = SchoolCalendar(Zone.B)
MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
PRICE = Money.euros("3.60")
FREE = Money.zero()
# Two weeks of meals: Monday 30 September to Friday 11 October 2024, no Wednesday.
DAYS = CALENDAR.service_days(ServiceKind.MEAL, date(2024, 9, 30), date(2024, 10, 11))


def _judge(
    policy: AbsencePolicy,
    days: tuple[date, ...],
    notice: datetime | None = None,
    certificate: datetime | None = None,
    documents: tuple[HeldDocument, ...] = (),
) -> list[tuple[AbsenceReason, Money]]:
    judged = policy.judge(
        MEAL,
        days,
        calendar=CALENDAR,
        notice_at=notice,
        certificate_at=certificate,
        price_of=lambda day: PRICE,
        documents=documents,
    )
    return [(day.reason, day.charge) for day in judged]


# « Si votre enfant est absent un ou deux jours, les repas seront pris en charge par la mairie.
# En cas d'absence de plus deux jours, les repas des troisième et quatrième jours seront
# facturés » (Saint-Jean-du-Bois)
TWO_FREE_TWO_CHARGED = AbsencePolicy(run=RunCharges(free_days=2, charged_days=2))


def test_one_or_two_days_are_free_the_third_and_fourth_charged_the_fifth_free() -> None:
    assert [reason for reason, _ in _judge(TWO_FREE_TWO_CHARGED, DAYS[:2])] == [
        AbsenceReason.FREE_FIRST_DAYS
    ] * 2
    assert _judge(TWO_FREE_TWO_CHARGED, DAYS[:5]) == [
        (AbsenceReason.FREE_FIRST_DAYS, FREE),
        (AbsenceReason.FREE_FIRST_DAYS, FREE),
        (AbsenceReason.NO_NOTICE, PRICE),
        (AbsenceReason.NO_NOTICE, PRICE),
        (AbsenceReason.AFTER_CHARGED_DAYS, FREE),
    ]


def test_charged_days_are_still_free_with_notice_in_time() -> None:
    # « … sauf si les parents ont prévenu »: the notice rule frees the days it covers.
    policy = AbsencePolicy(notice=CalendarDaysBefore(0, time(9)), run=RunCharges(2, 2))
    third = DAYS[2]
    in_time = paris(third.year, third.month, third.day, 8, 59, 59)
    late = in_time + timedelta(seconds=1)
    assert _judge(policy, DAYS[:3], in_time)[2] == (AbsenceReason.NOTICE_IN_TIME, FREE)
    assert _judge(policy, DAYS[:3], late)[2] == (AbsenceReason.LATE_NOTICE, PRICE)


def test_only_the_first_day_may_be_charged() -> None:
    # « la 1ère journée est due. Au-delà de cette carence, les jours seront à déduire »
    # (Saint-Lager)
    policy = AbsencePolicy(run=RunCharges(charged_days=1))
    assert _judge(policy, DAYS[:3]) == [
        (AbsenceReason.NO_NOTICE, PRICE),
        (AbsenceReason.AFTER_CHARGED_DAYS, FREE),
        (AbsenceReason.AFTER_CHARGED_DAYS, FREE),
    ]


def test_free_days_without_a_limit_leave_every_later_day_judged() -> None:
    policy = AbsencePolicy(run=RunCharges(free_days=1))
    assert [charge for _, charge in _judge(policy, DAYS)] == [FREE] + [PRICE] * (len(DAYS) - 1)


def test_run_positions_count_the_absent_booked_days_in_date_order() -> None:
    # Given out of order and with a gap, the run is still Monday, Thursday, the next Monday.
    run = (DAYS[4], DAYS[0], DAYS[2])
    assert _judge(TWO_FREE_TWO_CHARGED, run) == [
        (AbsenceReason.FREE_FIRST_DAYS, FREE),
        (AbsenceReason.FREE_FIRST_DAYS, FREE),
        (AbsenceReason.NO_NOTICE, PRICE),
    ]


def test_a_certificate_waives_the_charged_days_of_a_run() -> None:
    policy = AbsencePolicy(run=RunCharges(2, 2), certificate=CertificateWithin(48))
    start = paris(2024, 9, 30, 12)
    within = _judge(policy, DAYS[:4], certificate=start + timedelta(hours=48, seconds=-1))
    assert [charge for _, charge in within] == [FREE] * 4
    late = _judge(policy, DAYS[:4], certificate=start + timedelta(hours=48))
    assert [charge for _, charge in late] == [FREE, FREE, PRICE, PRICE]


def test_waiting_days_judge_the_days_a_run_charges() -> None:
    policy = AbsencePolicy(waiting=WaitingDays(1), run=RunCharges(free_days=1))
    # Notice on the first day: it is free by the run; the second is after the waiting day.
    assert _judge(policy, DAYS[:2], paris(2024, 9, 30, 8)) == [
        (AbsenceReason.FREE_FIRST_DAYS, FREE),
        (AbsenceReason.AFTER_WAITING_DAYS, FREE),
    ]


# « Parents aux emplois du temps atypiques … avec justificatif de l'employeur à renouveler chaque
# rentrée scolaire » (Le Crès)
EMPLOYER = AbsencePolicy(waived_by_documents=[AbsenceDocument.EMPLOYER])


def test_an_employer_statement_on_file_waives_the_school_year() -> None:
    held = (HeldDocument(AbsenceDocument.EMPLOYER, DAYS[1]),)
    assert _judge(EMPLOYER, DAYS[:3], documents=held) == [
        (AbsenceReason.NO_NOTICE, PRICE),  # before the statement came
        (AbsenceReason.WAIVED_BY_DOCUMENT, FREE),  # the day it came
        (AbsenceReason.WAIVED_BY_DOCUMENT, FREE),
    ]


@pytest.mark.parametrize(
    ("day", "covered"),
    [
        (date(2025, 8, 29), True),  # a Friday before the 31 August
        (date(2025, 9, 1), False),  # the new school year: « à renouveler chaque rentrée »
    ],
)
def test_a_statement_is_renewed_each_school_year(day: date, covered: bool) -> None:
    held = HeldDocument(AbsenceDocument.EMPLOYER, date(2024, 9, 2))
    assert held.covers(day) is covered
    assert held.covers(date(2025, 8, 31))
    assert not held.covers(date(2024, 9, 1))


def test_a_document_of_a_kind_the_commune_does_not_take_changes_nothing() -> None:
    held = (HeldDocument(AbsenceDocument.MEDICAL, DAYS[0]),)
    assert _judge(EMPLOYER, DAYS[:1], documents=held) == [(AbsenceReason.NO_NOTICE, PRICE)]
    policy = AbsencePolicy()
    employer = (HeldDocument(AbsenceDocument.EMPLOYER, DAYS[0]),)
    assert _judge(policy, DAYS[:1], documents=employer) == [(AbsenceReason.NO_NOTICE, PRICE)]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: RunCharges(0, None), ("InvalidValueError", "charged_days", None)),
        (lambda: RunCharges(-1, 2), ("InvalidValueError", "free_days", -1)),
        (lambda: RunCharges(32, 2), ("InvalidValueError", "free_days", 32)),
        (lambda: RunCharges(1, 0), ("InvalidValueError", "charged_days", 0)),
        (lambda: RunCharges(True, 2), ("InvalidTypeError", "free_days", True)),  # type: ignore[arg-type]
        (lambda: AbsencePolicy(run=2), ("InvalidTypeError", "run", 2)),  # type: ignore[arg-type]
        (
            lambda: AbsencePolicy(waived_by_documents=["payslip"]),
            ("InvalidValueError", "waived_by_documents", "payslip"),
        ),
        (
            lambda: AbsencePolicy(waived_by_documents="employer"),  # type: ignore[arg-type]
            ("InvalidTypeError", "waived_by_documents", "employer"),
        ),
        (
            lambda: HeldDocument("fax", date(2024, 9, 2)),  # type: ignore[arg-type]
            ("InvalidTypeError", "kind", "fax"),
        ),
        (
            lambda: EMPLOYER.judge(
                MEAL,
                DAYS[:1],
                calendar=CALENDAR,
                notice_at=None,
                documents=["employer"],  # type: ignore[list-item]
            ),
            ("InvalidTypeError", "documents", "employer"),
        ),
    ],
)
def test_bad_values_are_typed_errors_naming_their_field(
    call: object, expected: tuple[str, str, object]
) -> None:
    assert refusal(call)[:3] == expected  # type: ignore[arg-type]


_INSTANTS = st.integers(-5 * 86400, 20 * 86400).map(
    lambda s: paris(2024, 9, 30) + timedelta(seconds=s)
)
_DOCUMENTS = st.lists(
    st.builds(
        HeldDocument,
        st.sampled_from(list(AbsenceDocument)),
        st.dates(date(2024, 8, 1), date(2024, 10, 20)),
    ),
    max_size=2,
).map(tuple)


@settings(max_examples=200, deadline=None)
@given(
    absence_policies(),
    st.lists(st.sampled_from(DAYS), min_size=1, max_size=8),
    st.none() | _INSTANTS,
    st.none() | _INSTANTS,
    _DOCUMENTS,
)
def test_runs_and_documents_never_cost_more(
    policy: AbsencePolicy,
    days: list[date],
    notice: datetime | None,
    certificate: datetime | None,
    documents: tuple[HeldDocument, ...],
) -> None:
    run = tuple(days)
    answer = _judge(policy, run, notice, certificate, documents)
    assert all(not charge.is_negative() for _, charge in answer)
    assert answer == _judge(policy, run, notice, certificate, documents)
    # A document on file never raises a charge.
    for low, high in zip(answer, _judge(policy, run, notice, certificate), strict=True):
        assert low[1] <= high[1]
    # No day charged at a position the run frees.
    if policy.run is not None:
        for position, (reason, charge) in enumerate(answer):
            if not policy.run.judged(position):
                assert charge == FREE, (position, reason)
