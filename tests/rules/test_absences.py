"""Absences judged by the notice, waiting days and medical certificates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import Money, Service, ServiceKind
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.rules.absences import (
    AbsencePolicy,
    AbsenceReason,
    AbsenceRules,
    AbsentDay,
    BookedPrice,
    CertificatesNotAccepted,
    CertificateWithin,
    DayCount,
    FlatCharge,
    WaitingDays,
)
from cantine_rules.rules.deadlines import CalendarDaysBefore
from cantine_rules.rules.late import MissingPriceError
from cantine_rules.testing import absence_policies
from tests._helpers import paris, refusal

CALENDAR = SchoolCalendar(Zone.B)
MEAL = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
PRICE = Money.euros("3.60")
SECOND = timedelta(seconds=1)
# Monday 30 September to Friday 4 October 2024: meals Monday, Tuesday, Thursday, Friday.
WEEK = (date(2024, 9, 30), date(2024, 10, 1), date(2024, 10, 3), date(2024, 10, 4))


def _judge(
    policy: AbsencePolicy,
    days: tuple[date, ...],
    notice: datetime | None,
    certificate: datetime | None = None,
) -> list[tuple[AbsenceReason, Money]]:
    judged = policy.judge(
        MEAL,
        days,
        calendar=CALENDAR,
        notice_at=notice,
        certificate_at=certificate,
        price_of=lambda day: PRICE,
    )
    return [(day.reason, day.charge) for day in judged]


FREE_IN_TIME = (AbsenceReason.NOTICE_IN_TIME, Money.zero())

# « absence non signalée (avant 9h le jour même) 3,75 € » (St-Colomban)
SAME_DAY_9 = AbsencePolicy(FlatCharge(Money.euros("3.75")), CalendarDaysBefore(0, time(9)))


def test_notice_before_9h_the_same_day_is_free_at_9h_it_is_charged_flat() -> None:
    monday = WEEK[:1]
    assert _judge(SAME_DAY_9, monday, paris(2024, 9, 30, 8, 59, 59)) == [FREE_IN_TIME]
    late = (AbsenceReason.LATE_NOTICE, Money.euros("3.75"))
    assert _judge(SAME_DAY_9, monday, paris(2024, 9, 30, 9)) == [late]
    assert _judge(SAME_DAY_9, monday, None) == [(AbsenceReason.NO_NOTICE, Money.euros("3.75"))]


def test_a_notice_deadline_after_the_start_is_the_start() -> None:
    # « avant 14h le jour même » for a meal at 12:00 closes when the meal starts.
    policy = AbsencePolicy(notice=CalendarDaysBefore(0, time(14)))
    assert policy.notice_deadline(MEAL, WEEK[0], CALENDAR) == paris(2024, 9, 30, 12)
    assert AbsencePolicy().notice_deadline(MEAL, WEEK[0], CALENDAR) is None
    # Without a notice rule nor waiting days, notice alone frees no day.
    assert _judge(AbsencePolicy(), WEEK[:1], paris(2024, 9, 28)) == [
        (AbsenceReason.LATE_NOTICE, PRICE)
    ]


@pytest.mark.parametrize(
    ("counted_in", "expected"),
    [
        # Two service days from Monday: Monday and Tuesday; Thursday is free.
        (DayCount.SERVICE_DAYS, ["waiting_day", "waiting_day", "after_waiting_days"]),
        # Two calendar days from Monday: Monday and Tuesday; Thursday is free too.
        (DayCount.CALENDAR_DAYS, ["waiting_day", "waiting_day", "after_waiting_days"]),
    ],
)
def test_two_waiting_days_from_a_monday_notice(counted_in: DayCount, expected: list[str]) -> None:
    policy = AbsencePolicy(waiting=WaitingDays(2, counted_in))
    judged = _judge(policy, WEEK[:3], paris(2024, 9, 30, 7))
    assert [reason.value for reason, _ in judged] == expected


def test_service_days_skip_the_wednesday_without_school_calendar_days_do_not() -> None:
    # Told on Tuesday: three service days are Tuesday, Thursday, Friday; three calendar days
    # are Tuesday, Wednesday, Thursday.
    notice = paris(2024, 10, 1, 7)
    days = WEEK[1:]
    service = _judge(AbsencePolicy(waiting=WaitingDays(3)), days, notice)
    calendar = _judge(AbsencePolicy(waiting=WaitingDays(3, DayCount.CALENDAR_DAYS)), days, notice)
    assert [reason.value for reason, _ in service] == ["waiting_day"] * 3
    assert [reason.value for reason, _ in calendar] == ["waiting_day"] * 2 + ["after_waiting_days"]


def test_a_day_before_the_notice_is_charged_as_late() -> None:
    policy = AbsencePolicy(waiting=WaitingDays(1))
    assert _judge(policy, WEEK[:2], paris(2024, 10, 1, 7)) == [
        (AbsenceReason.LATE_NOTICE, PRICE),
        (AbsenceReason.WAITING_DAY, PRICE),
    ]


# A certificate « sous 48h », counted from the start of the first absent day.
WITHIN_48 = AbsencePolicy(certificate=CertificateWithin(48))
# « sous 72h … A défaut du respect de ce délai de 72h, deux jours de carence … Au-delà de 10
# jours, le certificat médical ne sera pas pris en compte » (Saint-Exupéry).
WITHIN_72 = AbsencePolicy(certificate=CertificateWithin(72, late_waiting_days=2, latest_hours=240))
WAIVED = (AbsenceReason.WAIVED_BY_CERTIFICATE, Money.zero())
UNTOLD = (AbsenceReason.NO_NOTICE, PRICE)


def test_a_certificate_at_exactly_48_hours_is_too_late() -> None:
    start = paris(2024, 9, 30, 12)
    assert _judge(WITHIN_48, WEEK, None, start + timedelta(hours=48) - SECOND) == [WAIVED] * 4
    assert _judge(WITHIN_48, WEEK, None, start + timedelta(hours=48)) == [UNTOLD] * 4


def test_a_certificate_after_72_hours_leaves_two_waiting_days_after_ten_days_nothing() -> None:
    start = paris(2024, 9, 30, 12)
    assert _judge(WITHIN_72, WEEK, None, start + timedelta(hours=72) - SECOND) == [WAIVED] * 4
    assert _judge(WITHIN_72, WEEK, None, start + timedelta(hours=72)) == [UNTOLD] * 2 + [WAIVED] * 2
    ten_days = start + timedelta(hours=240)
    assert _judge(WITHIN_72, WEEK, None, ten_days - SECOND) == [UNTOLD] * 2 + [WAIVED] * 2
    assert _judge(WITHIN_72, WEEK, None, ten_days) == [UNTOLD] * 4


def test_certificate_hours_are_elapsed_across_the_change_to_winter_time() -> None:
    # Friday 25 October 2024, 12:00 summer time; the clocks go back on Sunday 27: 48 elapsed
    # hours later is Sunday 11:00 winter time, not 12:00.
    friday = (date(2024, 10, 25),)  # the last school day before the Toussaint holidays
    limit = paris(2024, 10, 27, 11)
    start = paris(2024, 10, 25, 12)
    assert limit.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=48)
    assert limit - start == timedelta(hours=47)  # the wall clocks differ by one hour less
    assert _judge(WITHIN_48, friday, None, limit - SECOND) == [WAIVED]
    assert _judge(WITHIN_48, friday, None, limit) == [UNTOLD]


def test_waiting_days_under_a_certificate_stay_charged() -> None:
    # « jour de carence »: the first absent day is charged even with a certificate.
    policy = AbsencePolicy(certificate=CertificateWithin(48, waiting_days=1))
    assert _judge(policy, WEEK[:2], None, paris(2024, 9, 30, 18)) == [UNTOLD, WAIVED]


def test_certificates_not_accepted_change_nothing() -> None:
    policy = AbsencePolicy(certificate=CertificatesNotAccepted())
    assert _judge(policy, WEEK[:1], None, paris(2024, 9, 30, 8)) == [UNTOLD]


def test_a_certificate_never_frees_a_day_already_free() -> None:
    judged = _judge(SAME_DAY_9, WEEK[:1], paris(2024, 9, 30, 8), paris(2024, 9, 30, 9))
    assert judged == [FREE_IN_TIME]


def test_the_booked_price_is_asked_only_for_a_charged_day() -> None:
    asked: list[date] = []

    def price_of(day: date) -> Money:
        asked.append(day)
        return PRICE

    policy = AbsencePolicy(BookedPrice(), CalendarDaysBefore(1, time(10)))
    policy.judge(
        MEAL, WEEK[:2], calendar=CALENDAR, notice_at=paris(2024, 9, 30, 8), price_of=price_of
    )
    assert asked == [WEEK[0]]
    with pytest.raises(MissingPriceError):
        policy.judge(MEAL, WEEK[:1], calendar=CALENDAR, notice_at=None)


def test_days_are_judged_once_in_date_order() -> None:
    judged = SAME_DAY_9.judge(MEAL, [WEEK[1], WEEK[0], WEEK[1]], calendar=CALENDAR, notice_at=None)
    assert [day.day for day in judged] == list(WEEK[:2])
    assert all(isinstance(day, AbsentDay) and day.charged for day in judged)


def test_rules_by_service_and_by_default() -> None:
    rules = AbsenceRules(SAME_DAY_9, {"soir": WITHIN_48})
    assert rules.for_service("repas") is SAME_DAY_9
    assert rules.for_service("soir") is WITHIN_48
    assert AbsenceRules(None, {"soir": WITHIN_48}).for_service("repas") is None
    assert AbsenceRules({"soir": WITHIN_48}.get("x")).is_empty


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: CertificateWithin(0), ("InvalidValueError", "hours", 0)),
        (lambda: CertificateWithin(-48), ("InvalidValueError", "hours", -48)),
        (
            lambda: CertificateWithin(48, latest_hours=48, late_waiting_days=1),
            ("InvalidValueError", "latest_hours", 48),
        ),
        (lambda: CertificateWithin(48, latest_hours=96), ("InvalidValueError", "latest_hours", 96)),
        (lambda: WaitingDays(0), ("InvalidValueError", "days", 0)),
        (lambda: WaitingDays(32), ("InvalidValueError", "days", 32)),
        (lambda: WaitingDays(True), ("InvalidTypeError", "days", True)),  # type: ignore[arg-type]
        (lambda: FlatCharge(Money.euros("-1")), ("NegativeAmountError", "amount", Money.euros(-1))),
        (lambda: AbsencePolicy(charge=3), ("InvalidTypeError", "charge", 3)),  # type: ignore[arg-type]
        (lambda: AbsencePolicy(notice="9h"), ("InvalidTypeError", "notice", "9h")),  # type: ignore[arg-type]
        (
            lambda: AbsenceRules(None, {"soir": 1}),  # type: ignore[arg-type]
            ("InvalidTypeError", "by_service.soir", 1),
        ),
        (
            lambda: SAME_DAY_9.judge(
                MEAL, [WEEK[0]], calendar=CALENDAR, notice_at=datetime(2024, 9, 30, 8)
            ),
            ("NaiveDatetimeError", "notice_at", datetime(2024, 9, 30, 8)),
        ),
    ],
)
def test_bad_values_are_typed_errors_naming_their_field(
    call: object, expected: tuple[str, str, object]
) -> None:
    assert refusal(call)[:3] == expected  # type: ignore[arg-type]


# Properties ------------------------------------------------------------------------------------

_SCHOOL_DAYS = CALENDAR.service_days(ServiceKind.MEAL, WEEK[0], date(2024, 10, 18))
_DAYS = st.lists(st.sampled_from(_SCHOOL_DAYS), min_size=1, max_size=6)
_INSTANTS = st.integers(-5 * 86400, 20 * 86400).map(
    lambda s: paris(2024, 9, 30) + timedelta(seconds=s)
)


@settings(max_examples=200, deadline=None)
@given(
    absence_policies(),
    _DAYS,
    st.none() | _INSTANTS,
    st.none() | _INSTANTS,
    st.integers(0, 10 * 86400),
)
def test_properties_of_judging(
    policy: AbsencePolicy,
    days: list[date],
    notice: datetime | None,
    certificate: datetime | None,
    earlier_by: int,
) -> None:
    answer = _judge(policy, tuple(days), notice, certificate)
    # No negative charge; the same answer twice.
    assert all(not charge.is_negative() for _, charge in answer)
    assert answer == _judge(policy, tuple(days), notice, certificate)
    # An earlier notice is never charged more than a later one, nor a notice more than none.
    earlier = (notice or paris(2024, 10, 30)) - timedelta(seconds=earlier_by)
    for low, high in zip(_judge(policy, tuple(days), earlier, certificate), answer, strict=True):
        assert low[1] <= high[1]
    # A certificate never raises a charge.
    without = _judge(policy, tuple(days), notice, None)
    for low, high in zip(answer, without, strict=True):
        assert low[1] <= high[1]
