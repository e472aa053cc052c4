"""The immutable values: every validator, every state transition."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from cantine_rules import (
    BillingUnit,
    Booking,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    EmptyIdentifierError,
    Family,
    FloatMoneyError,
    Guardian,
    Household,
    IllegalTransitionError,
    InvalidTypeError,
    InvalidValueError,
    Justification,
    NaiveDatetimeError,
    NegativeAmountError,
    QuotientFamilial,
    QuotientFamilialSource,
    RequestState,
    SchoolLevel,
    Service,
    ServiceKind,
)
from cantine_rules.errors import UnknownCodeError

EUROPE_PARIS = ZoneInfo("Europe/Paris")
MEAL = Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(11, 30), time(13, 30))
AT = datetime(2024, 9, 16, 10, 0, tzinfo=EUROPE_PARIS)


def test_values_are_frozen_and_compare_by_value() -> None:
    assert (
        Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(11, 30), time(13, 30))
        == MEAL
    )
    assert hash(MEAL) == hash(attrs.evolve(MEAL))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        MEAL.code = "x"  # type: ignore[misc]


@pytest.mark.parametrize("bad", ["", "   ", " repas", "repas "])
def test_empty_or_padded_identifiers_are_refused(bad: str) -> None:
    with pytest.raises(EmptyIdentifierError) as caught:
        Service(bad, "Cantine", ServiceKind.MEAL, time(11, 30), time(13, 30))
    assert caught.value.field == "code"
    assert caught.value.value == bad


def test_identifier_must_be_a_str() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Child(42, "Louise", date(2017, 1, 1))  # type: ignore[arg-type]
    assert caught.value.field == "id"


def test_service_end_must_follow_start() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Service("repas", "Repas", ServiceKind.MEAL, time(13, 30), time(11, 30))
    assert caught.value.field == "end"


def test_service_times_are_wall_clock_times() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Service("repas", "Repas", ServiceKind.MEAL, time(11, 30, tzinfo=UTC), time(13, 30))
    assert caught.value.field == "start"
    with pytest.raises(InvalidTypeError):
        Service("repas", "Repas", ServiceKind.MEAL, "11:30", time(13, 30))  # type: ignore[arg-type]


def test_service_kind_and_billing_unit_must_be_members() -> None:
    with pytest.raises(InvalidTypeError, match="ServiceKind"):
        Service("repas", "Repas", "meal", time(11, 30), time(13, 30))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="BillingUnit"):
        Service("repas", "Repas", ServiceKind.MEAL, time(11, 30), time(13, 30), "day")  # type: ignore[arg-type]
    assert MEAL.billing_unit is BillingUnit.SESSION


def test_service_kinds_are_the_six_of_the_domain() -> None:
    assert {kind.value for kind in ServiceKind} == {
        "meal",
        "morning_care",
        "evening_care",
        "study",
        "wednesday_centre",
        "holiday_centre",
    }


def test_child_dates_must_be_dates_not_datetimes() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Child("c1", "Louise", datetime(2017, 1, 1, tzinfo=EUROPE_PARIS))  # type: ignore[arg-type]
    assert caught.value.field == "birth_date"
    child = Child(
        "c1", "Louise", date(2017, 1, 1), school="École Jules Ferry", level=SchoolLevel.CE1
    )
    assert not child.level.is_maternelle  # type: ignore[union-attr]
    assert SchoolLevel.GS.is_maternelle
    with pytest.raises(InvalidTypeError):
        Child("c1", "Louise", date(2017, 1, 1), school=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        Child("c1", "Louise", date(2017, 1, 1), level="CE1")  # type: ignore[arg-type]


def test_quotient_familial_is_decimal_never_float_never_negative() -> None:
    qf = QuotientFamilial("812", QuotientFamilialSource.CAF_ATTESTATION, date(2024, 6, 3))
    assert qf.value == Decimal("812")
    with pytest.raises(FloatMoneyError):
        QuotientFamilial(812.0, QuotientFamilialSource.CAF_ATTESTATION, date(2024, 6, 3))  # type: ignore[arg-type]
    with pytest.raises(NegativeAmountError) as caught:
        QuotientFamilial("-1", QuotientFamilialSource.TAX_NOTICE, date(2024, 6, 3))
    assert caught.value.field == "quotient_familial.value"
    with pytest.raises(InvalidValueError):
        QuotientFamilial("beaucoup", QuotientFamilialSource.TAX_NOTICE, date(2024, 6, 3))
    with pytest.raises(InvalidTypeError):
        QuotientFamilial("500", "caf", date(2024, 6, 3))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        QuotientFamilial("500", QuotientFamilialSource.TAX_NOTICE, "2024-06-03")  # type: ignore[arg-type]


def _family(**changes: Any) -> Family:
    base = Family(
        "F-1",
        guardians=(Guardian("g1", "Camille Martin"), Guardian("g2", "Alex Martin")),
        households=(Household("h1", ("g1",)), Household("h2", ("g2",))),
        children=(Child("c1", "Louise", date(2017, 1, 1)),),
    )
    return attrs.evolve(base, **changes)


def test_family_lookups() -> None:
    family = _family()
    assert family.child("c1").first_name == "Louise"
    assert family.household("h2").guardian_ids == ("g2",)
    with pytest.raises(UnknownCodeError) as caught:
        family.child("c9")
    assert caught.value.known == ("c1",)
    assert isinstance(caught.value, LookupError)
    assert not isinstance(caught.value, KeyError)
    with pytest.raises(UnknownCodeError):
        family.household("h9")


def test_family_refuses_duplicate_ids_and_unknown_guardians() -> None:
    kid = Child("c1", "Louise", date(2017, 1, 1))
    with pytest.raises(InvalidValueError, match="children"):
        _family(children=(kid, kid))
    with pytest.raises(InvalidValueError, match="guardians"):
        _family(guardians=(Guardian("g1", "A"), Guardian("g1", "B")), households=())
    with pytest.raises(InvalidValueError, match="households"):
        _family(households=(Household("h1", ("g1",)), Household("h1", ("g2",))))
    with pytest.raises(UnknownCodeError, match=r"households\[0\].guardian_ids"):
        _family(households=(Household("h1", ("g7",)),))
    with pytest.raises(InvalidTypeError, match=r"children\[0\]"):
        _family(children=("c1",))
    with pytest.raises(TypeError):
        _family(quotient_familial="812")


def test_family_lists_become_tuples() -> None:
    family = Family("F-2", children=[Child("c1", "Louise", date(2017, 1, 1))])  # type: ignore[arg-type]
    assert isinstance(family.children, tuple)


ALL_TRANSITIONS = list(itertools.product(RequestState, RequestState))
LEGAL = {
    (RequestState.PENDING, RequestState.VALIDATED),
    (RequestState.PENDING, RequestState.REFUSED),
    (RequestState.VALIDATED, RequestState.CANCELLATION_REQUESTED),
    (RequestState.CANCELLATION_REQUESTED, RequestState.CANCELLED),
    (RequestState.CANCELLATION_REQUESTED, RequestState.VALIDATED),
}


@pytest.mark.parametrize(("source", "target"), ALL_TRANSITIONS)
def test_every_transition_legal_or_illegal(source: RequestState, target: RequestState) -> None:
    booking = Booking("c1", "repas", date(2024, 9, 19), source)
    assert source.can_become(target) == ((source, target) in LEGAL)
    if (source, target) in LEGAL:
        assert booking.transition(target).state is target
        assert booking.state is source  # the original is untouched
    else:
        with pytest.raises(IllegalTransitionError) as caught:
            booking.transition(target)
        assert caught.value.source is source
        assert caught.value.target is target
        assert set(caught.value.allowed) == set(source.allowed_next())
        assert isinstance(caught.value, ValueError)


def test_final_states_and_booked_days() -> None:
    assert {s for s in RequestState if s.is_final} == {RequestState.CANCELLED, RequestState.REFUSED}
    assert {s for s in RequestState if s.books_the_day} == {
        RequestState.VALIDATED,
        RequestState.CANCELLATION_REQUESTED,
    }


def test_booking_validators() -> None:
    with pytest.raises(InvalidTypeError):
        Booking("c1", "repas", date(2024, 9, 19), "validated")  # type: ignore[arg-type]
    with pytest.raises(EmptyIdentifierError):
        Booking("c1", "", date(2024, 9, 19))
    assert Booking("c1", "repas", date(2024, 9, 19)).state is RequestState.VALIDATED


def test_booking_change_needs_an_aware_instant() -> None:
    change = BookingChange(ChangeAction.CANCEL, "c1", "repas", date(2024, 9, 19), AT)
    assert change.channel is Channel.ONLINE
    assert change.justification is None
    with pytest.raises(NaiveDatetimeError) as caught:
        BookingChange(ChangeAction.ADD, "c1", "repas", date(2024, 9, 19), datetime(2024, 9, 16))
    assert caught.value.field == "requested_at"
    with pytest.raises(InvalidTypeError):
        BookingChange(ChangeAction.ADD, "c1", "repas", date(2024, 9, 19), "2024-09-16T10:00")  # type: ignore[arg-type]


def test_booking_change_enums() -> None:
    with pytest.raises(InvalidTypeError):
        BookingChange("add", "c1", "repas", date(2024, 9, 19), AT)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        BookingChange(ChangeAction.ADD, "c1", "repas", date(2024, 9, 19), AT, "office")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        BookingChange(
            ChangeAction.ADD,
            "c1",
            "repas",
            date(2024, 9, 19),
            AT,
            justification="certificat",  # type: ignore[arg-type]
        )
    change = BookingChange(
        ChangeAction.CANCEL,
        "c1",
        "repas",
        date(2024, 9, 19),
        AT,
        Channel.OFFICE,
        Justification.MEDICAL_CERTIFICATE,
    )
    assert change.justification is Justification.MEDICAL_CERTIFICATE
