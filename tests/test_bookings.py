"""BookingSet: a compact set of booked days that gives back the bookings it was built from."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import Booking, InvalidTypeError, InvalidValueError, Money, RequestState
from cantine_rules.bookings import BookingSet
from cantine_rules.pricing.accounts import Attendance, DecidedCharge, build_invoice, flat_pricer

FIRST = date(2024, 8, 20)
CHILDREN = st.sampled_from(["c1", "c2", "louise", "E00042"])
SERVICES = st.sampled_from(["repas", "garderie_matin", "garderie_soir"])
DAYS = st.integers(0, 400).map(lambda offset: FIRST + timedelta(days=offset))
KEYS = st.tuples(CHILDREN, SERVICES, DAYS)


@st.composite
def bookings(draw: st.DrawFn) -> list[Booking]:
    keys = draw(st.sets(KEYS, max_size=60))
    states = st.sampled_from(list(RequestState))
    return [
        Booking(child, code, day, draw(states) if draw(st.booleans()) else RequestState.VALIDATED)
        for child, code, day in keys
    ]


def _canonical(items: list[Booking]) -> list[Booking]:
    return sorted(items, key=lambda b: (b.child_id, b.service_code, b.day))


@given(bookings())
def test_from_bookings_then_iterating_gives_the_same_bookings(items: list[Booking]) -> None:
    booked = BookingSet.from_bookings(items)
    assert list(booked) == _canonical(items)
    assert len(booked) == booked.count() == len(items)
    assert BookingSet.from_bookings(reversed(items)) == booked


@given(bookings(), KEYS, st.sampled_from(list(RequestState)))
def test_membership_matches_the_bookings(
    items: list[Booking], key: tuple[str, str, date], state: RequestState
) -> None:
    booked = BookingSet.from_bookings(items)
    by_key = {(b.child_id, b.service_code, b.day): b for b in items}
    assert (key in booked) is (key in by_key)
    probe = Booking(*key, state)
    assert (probe in booked) is (by_key.get(key) == probe)
    assert booked.state_of(*key) == (by_key[key].state if key in by_key else None)
    for booking in items:
        assert booking in booked


@given(bookings(), CHILDREN, SERVICES)
def test_days_of_a_child_and_service(items: list[Booking], child: str, code: str) -> None:
    booked = BookingSet.from_bookings(items)
    expected = sorted(b.day for b in items if (b.child_id, b.service_code) == (child, code))
    assert booked.days_of(child, code) == tuple(expected)
    assert list(booked.for_child(child)) == _canonical([b for b in items if b.child_id == child])


@given(bookings(), bookings())
def test_union_and_difference_are_set_operations_on_the_days(
    left: list[Booking], right: list[Booking]
) -> None:
    a, b = BookingSet.from_bookings(left), BookingSet.from_bookings(right)
    left_keys = {(x.child_id, x.service_code, x.day) for x in left}
    right_keys = {(x.child_id, x.service_code, x.day) for x in right}
    union = a | b
    assert {(x.child_id, x.service_code, x.day) for x in union} == left_keys | right_keys
    # Where both hold a day, the right-hand state wins.
    expected_states = {(x.child_id, x.service_code, x.day): x.state for x in left}
    expected_states |= {(x.child_id, x.service_code, x.day): x.state for x in right}
    assert {(x.child_id, x.service_code, x.day): x.state for x in union} == expected_states
    difference = a - b
    assert list(difference) == _canonical(
        [x for x in left if (x.child_id, x.service_code, x.day) not in right_keys]
    )
    assert (a - a) == BookingSet.from_bookings([])
    assert a.union(BookingSet.from_bookings([])) == a


@given(bookings(), DAYS, st.integers(0, 60))
def test_booked_between_keeps_the_days_that_book_in_the_period(
    items: list[Booking], start: date, length: int
) -> None:
    end = start + timedelta(days=length)
    booked = BookingSet.from_bookings(items)
    found = [
        (child, code, day)
        for child, code, days in booked.booked_between(start, end)
        for day in days
    ]
    expected = sorted(
        (b.child_id, b.service_code, b.day)
        for b in items
        if start <= b.day <= end and b.state.books_the_day
    )
    assert found == expected


@given(bookings())
def test_an_invoice_from_the_set_equals_the_invoice_from_the_bookings(
    items: list[Booking],
) -> None:
    pricer = flat_pricer(Money.euros("3.60"), "à l'unité")
    start, end = date(2024, 9, 1), date(2024, 12, 31)
    attendance = {(b.child_id, b.service_code, b.day): Attendance.absent() for b in items[::3]}
    late = DecidedCharge(Money.euros("10"), "tarif majoré", "ajout hors délai")
    charges = {(b.child_id, b.service_code, b.day): late for b in items[1::5]}
    charges[("c9", "repas", date(2024, 10, 1))] = late
    expected = build_invoice(
        items, pricer, start=start, end=end, attendance=attendance, decided_charges=charges
    )
    booked = BookingSet.from_bookings(items)
    actual = build_invoice(
        booked, pricer, start=start, end=end, attendance=attendance, decided_charges=charges
    )
    assert actual == expected
    assert list(actual.lines) == list(expected.lines)


def test_from_days_books_every_day_given_in_one_state() -> None:
    booked = BookingSet.from_days(
        {("c1", "repas"): [date(2024, 9, 3), date(2024, 9, 2)], ("c2", "soir"): ()},
        RequestState.PENDING,
    )
    assert list(booked) == [
        Booking("c1", "repas", date(2024, 9, 2), RequestState.PENDING),
        Booking("c1", "repas", date(2024, 9, 3), RequestState.PENDING),
    ]
    assert booked.groups() == (("c1", "repas"),)
    assert booked.first_day == date(2024, 9, 2)
    assert list(booked.booked_between(date(2024, 9, 1), date(2024, 9, 30))) == []


def test_an_empty_set() -> None:
    empty = BookingSet.from_bookings([])
    assert not empty
    assert len(empty) == 0
    assert empty.first_day is None
    assert list(empty) == []
    assert ("c1", "repas", date(2024, 9, 2)) not in empty
    assert empty.days_of("c1", "repas") == ()
    assert repr(empty) == "BookingSet(<0 days from None>)"
    assert hash(empty) == hash(BookingSet.from_days({}))


def test_bad_input_is_refused_with_typed_errors() -> None:
    day = date(2024, 9, 2)
    with pytest.raises(InvalidValueError, match="twice"):
        BookingSet.from_bookings([Booking("c1", "repas", day), Booking("c1", "repas", day)])
    with pytest.raises(InvalidTypeError, match=r"bookings\[1\]"):
        BookingSet.from_bookings([Booking("c1", "repas", day), ("c1", "repas", day)])  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match=r"datetime\.date"):
        BookingSet.from_days({("c1", "repas"): [datetime(2024, 9, 2, 12)]})
    with pytest.raises(InvalidTypeError, match="keys"):
        BookingSet.from_days({"c1": [day]})  # type: ignore[dict-item]
    with pytest.raises(InvalidTypeError, match="RequestState"):
        BookingSet.from_days({("c1", "repas"): [day]}, "validated")  # type: ignore[arg-type]
    booked = BookingSet.from_days({("c1", "repas"): [day]})
    with pytest.raises(InvalidValueError, match="before start"):
        list(booked.booked_between(day, day - timedelta(days=1)))
    with pytest.raises(InvalidTypeError):
        booked.union(["c1"])  # type: ignore[arg-type]
    assert booked.__or__(["c1"]) is NotImplemented
    assert booked.__eq__("c1") is NotImplemented
    assert ("c1", "repas", datetime(2024, 9, 2)) not in booked
    assert "c1" not in booked
