"""Postfacturation: invoice lines and totals from bookings, attendance and decided charges."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import (
    Booking,
    InvalidTypeError,
    InvalidValueError,
    Justification,
    Money,
    NegativeAmountError,
    RequestState,
)
from cantine_rules.pricing.accounts import (
    Attendance,
    DecidedCharge,
    Invoice,
    LineKind,
    Presence,
    PricedUnit,
    UnitPricer,
    build_invoice,
    flat_pricer,
)
from tests._helpers import refusal

EUR = Money.euros
START, END = date(2024, 9, 1), date(2024, 9, 30)
MEAL = flat_pricer(EUR("3.60"), "à l'unité")


def _pricer(prices: dict[str, str]) -> UnitPricer:
    units = {code: PricedUnit(EUR(price), f"tarif {code}") for code, price in prices.items()}

    def price(_child_id: str, service_code: str, day: date) -> PricedUnit:
        unit = units[service_code]
        return PricedUnit(unit.unit_price, unit.tariff_name, day, day)

    return price


def test_booked_days_are_charged_and_totalled_per_child_per_service_and_overall() -> None:
    pricer = _pricer({"repas": "3.60", "soir": "2.10"})
    bookings = [
        Booking("louise", "repas", date(2024, 9, 2)),
        Booking("louise", "soir", date(2024, 9, 2)),
        Booking("louise", "repas", date(2024, 9, 3)),
        Booking("paul", "repas", date(2024, 9, 2)),
    ]
    invoice = build_invoice(bookings, pricer, start=START, end=END)
    assert [(line.child_id, line.service_code, line.day.day) for line in invoice.lines] == [
        ("louise", "repas", 2),
        ("louise", "repas", 3),
        ("louise", "soir", 2),
        ("paul", "repas", 2),
    ]
    first = invoice.lines[0]
    assert (first.tariff_name, first.unit_price, first.quantity, first.amount, first.kind) == (
        "tarif repas",
        EUR("3.60"),
        1,
        EUR("3.60"),
        LineKind.BOOKED,
    )
    assert invoice.total == EUR("12.90")
    assert dict(invoice.totals_by_child) == {"louise": EUR("9.30"), "paul": EUR("3.60")}
    assert dict(invoice.totals_by_service) == {"repas": EUR("10.80"), "soir": EUR("2.10")}
    assert (invoice.start, invoice.end) == (date(2024, 9, 1), date(2024, 9, 30))


def test_only_states_that_book_the_day_count() -> None:
    day = date(2024, 9, 2)
    bookings = [
        Booking("a", "repas", day, RequestState.VALIDATED),
        Booking("b", "repas", day, RequestState.CANCELLATION_REQUESTED),
        Booking("c", "repas", day, RequestState.PENDING),
        Booking("d", "repas", day, RequestState.CANCELLED),
        Booking("e", "repas", day, RequestState.REFUSED),
    ]
    invoice = build_invoice(bookings, MEAL, start=START, end=END)
    assert [line.child_id for line in invoice.lines] == ["a", "b"]


def test_days_outside_the_period_are_left_for_another_invoice() -> None:
    bookings = [Booking("a", "repas", date(2024, 8, 30)), Booking("a", "repas", date(2024, 10, 1))]
    invoice = build_invoice(bookings, MEAL, start=START, end=END)
    assert invoice.lines == ()
    assert invoice.total == EUR("0")
    assert dict(invoice.totals_by_child) == {}


def test_seed_000_a_justified_absence_is_not_charged_an_unjustified_one_is() -> None:
    # Seed 000: « bien justifier les absences en cas de maladie par un certificat médical ».
    days = [date(2024, 9, d) for d in (2, 3, 5, 6)]
    bookings = [Booking("louise", "repas", day) for day in days]
    attendance = {
        ("louise", "repas", days[0]): Attendance.present(),
        ("louise", "repas", days[1]): Attendance.absent(Justification.MEDICAL_CERTIFICATE),
        ("louise", "repas", days[2]): Attendance.absent(),
    }
    invoice = build_invoice(bookings, MEAL, attendance=attendance, start=START, end=END)
    kinds = [(line.kind, line.quantity, line.amount) for line in invoice.lines]
    assert kinds == [
        (LineKind.BOOKED, 1, EUR("3.60")),
        (LineKind.JUSTIFIED_ABSENCE, 0, EUR("0")),
        (LineKind.UNJUSTIFIED_ABSENCE, 1, EUR("3.60")),
        (LineKind.BOOKED, 1, EUR("3.60")),  # no record: charged as booked
    ]
    assert invoice.lines[1].reason == "medical_certificate"
    assert invoice.lines[1].unit_price == EUR("3.60")
    assert invoice.total == EUR("10.80")


def test_seed_002_late_changes_are_charged_as_the_booking_rules_decided() -> None:
    # Seed 002: « Périscolaire Hors délais (- 48h) : Un ajout vous sera facturé d'un tarif majoré
    # (4€ le matin / 10€ le soir) » and « Une annulation vous sera facturé le prix du service ».
    pricer = _pricer({"soir": "2.10", "matin": "1.50"})
    late_add, late_cancel = date(2024, 9, 3), date(2024, 9, 5)
    bookings = [
        Booking("paul", "soir", date(2024, 9, 2)),
        Booking("paul", "soir", late_add),  # added at the ALSH after the deadline
        Booking("paul", "matin", late_cancel, RequestState.CANCELLED),  # cancelled too late
    ]
    decided = {
        ("paul", "soir", late_add): DecidedCharge(EUR("10"), "tarif majoré", "ajout hors délai"),
        ("paul", "matin", late_cancel): DecidedCharge(
            EUR("1.50"), "prix du service", "annulation hors délai"
        ),
    }
    invoice = build_invoice(bookings, pricer, decided_charges=decided, start=START, end=END)
    lines = {(line.service_code, line.day): line for line in invoice.lines}
    added = lines["soir", late_add]
    assert (added.tariff_name, added.unit_price, added.amount, added.kind, added.reason) == (
        "tarif majoré",
        EUR("10"),
        EUR("10"),
        LineKind.DECIDED,
        "ajout hors délai",
    )
    cancelled = lines["matin", late_cancel]
    assert (cancelled.amount, cancelled.kind, cancelled.reason) == (
        EUR("1.50"),
        LineKind.DECIDED,
        "annulation hors délai",
    )
    assert invoice.total == EUR("2.10") + EUR("10") + EUR("1.50")


def test_a_justified_absence_waives_even_a_decided_charge() -> None:
    day = date(2024, 9, 3)
    decided = {("paul", "soir", day): DecidedCharge(EUR("10"), "tarif majoré", "ajout hors délai")}
    attendance = {("paul", "soir", day): Attendance.absent(Justification.MEDICAL_CERTIFICATE)}
    invoice = build_invoice(
        [Booking("paul", "soir", day)],
        MEAL,
        attendance=attendance,
        decided_charges=decided,
        start=START,
        end=END,
    )
    (line,) = invoice.lines
    assert (line.kind, line.amount, line.unit_price) == (
        LineKind.JUSTIFIED_ABSENCE,
        EUR("0"),
        EUR("10"),
    )


def test_a_charge_decided_with_the_justification_in_hand_is_not_waived_again() -> None:
    # A late cancellation made with a medical certificate on the first sick day (« jour de
    # carence »): the booking rules already weighed the certificate and kept the charge.
    day = date(2024, 9, 3)
    decided = {
        ("paul", "soir", day): DecidedCharge(
            EUR("2.10"), "prix du service", "annulation hors délai", waivable=False
        )
    }
    attendance = {("paul", "soir", day): Attendance.absent(Justification.MEDICAL_CERTIFICATE)}
    invoice = build_invoice(
        [], MEAL, attendance=attendance, decided_charges=decided, start=START, end=END
    )
    (line,) = invoice.lines
    assert (line.kind, line.amount) == (LineKind.DECIDED, EUR("2.10"))


def test_a_decided_charge_on_an_absent_day_stays_a_decided_charge() -> None:
    day = date(2024, 9, 5)
    decided = {("paul", "matin", day): DecidedCharge(EUR("1.50"), "prix", "annulation hors délai")}
    attendance = {("paul", "matin", day): Attendance.absent()}
    invoice = build_invoice(
        [], MEAL, attendance=attendance, decided_charges=decided, start=START, end=END
    )
    assert [(line.kind, line.amount) for line in invoice.lines] == [(LineKind.DECIDED, EUR("1.50"))]


def test_a_presence_without_booking_nor_charge_is_listed_not_billed() -> None:
    day = date(2024, 9, 2)
    attendance = {
        ("zoe", "repas", day): Attendance.present(),
        ("zoe", "repas", date(2024, 9, 3)): Attendance.absent(),
        ("zoe", "repas", date(2024, 10, 1)): Attendance.present(),  # another period
        ("louise", "repas", day): Attendance.present(),
    }
    invoice = build_invoice(
        [Booking("louise", "repas", day)], MEAL, attendance=attendance, start=START, end=END
    )
    assert [line.child_id for line in invoice.lines] == ["louise"]
    assert invoice.unbooked_presences == (("zoe", "repas", day),)


def test_the_pricer_is_asked_once_per_tariff_version() -> None:
    asked: list[tuple[str, str, date]] = []
    old = PricedUnit(EUR("3.40"), "2023-2024", valid_until=date(2024, 8, 31))
    new = PricedUnit(EUR("3.60"), "2024-2025", valid_from=date(2024, 9, 1))

    def pricer(child_id: str, service_code: str, day: date) -> PricedUnit:
        asked.append((child_id, service_code, day))
        return old if day < date(2024, 9, 1) else new

    days = [date(2024, 8, 26) + timedelta(days=offset) for offset in range(14)]
    bookings = [Booking(child, "repas", day) for child in ("a", "b") for day in days]
    invoice = build_invoice(bookings, pricer, start=date(2024, 8, 1), end=date(2024, 9, 30))
    assert len(invoice.lines) == 28
    assert asked == [
        ("a", "repas", date(2024, 8, 26)),
        ("a", "repas", date(2024, 9, 1)),
        ("b", "repas", date(2024, 8, 26)),
        ("b", "repas", date(2024, 9, 1)),
    ]
    assert invoice.total == (EUR("3.40") * 6 + EUR("3.60") * 8) * 2
    assert {line.tariff_name for line in invoice.lines} == {"2023-2024", "2024-2025"}


def test_a_price_without_validity_is_asked_for_every_line() -> None:
    asked: list[date] = []

    def pricer(_child_id: str, _service_code: str, day: date) -> PricedUnit:
        asked.append(day)
        return PricedUnit(EUR("1"), "x")

    days = [date(2024, 9, d) for d in (2, 3, 4)]
    build_invoice([Booking("a", "repas", day) for day in days], pricer, start=START, end=END)
    assert asked == days


def test_a_price_that_does_not_hold_on_the_day_asked_is_refused() -> None:
    def pricer(_child_id: str, _service_code: str, _day: date) -> PricedUnit:
        return PricedUnit(EUR("1"), "x", valid_until=date(2020, 1, 1))

    with pytest.raises(InvalidValueError) as caught:
        build_invoice([Booking("a", "repas", date(2024, 9, 2))], pricer, start=START, end=END)
    assert caught.value.field == "pricer"


def test_bad_input_raises_typed_errors_naming_the_field() -> None:
    day = date(2024, 9, 2)
    with pytest.raises(InvalidValueError) as twice:
        build_invoice(
            [Booking("a", "repas", day), Booking("a", "repas", day)], MEAL, start=START, end=END
        )
    assert twice.value.field == "bookings"
    with pytest.raises(InvalidValueError) as period:
        build_invoice([], MEAL, start=date(2024, 9, 30), end=date(2024, 9, 1))
    assert period.value.field == "end"
    with pytest.raises(InvalidTypeError) as stray:
        build_invoice([Booking("a", "repas", day), "x"], MEAL, start=START, end=END)  # type: ignore[list-item]
    assert stray.value.field == "bookings[1]"
    with pytest.raises(InvalidTypeError) as record:
        build_invoice(
            [Booking("a", "repas", day)],
            MEAL,
            attendance={("a", "repas", day): "absent"},  # type: ignore[dict-item]
            start=START,
            end=END,
        )
    assert record.value.field.startswith("attendance[")
    with pytest.raises(InvalidTypeError) as charge:
        build_invoice(
            [],
            MEAL,
            decided_charges={("a", "repas", day): EUR("10")},  # type: ignore[dict-item]
            start=START,
            end=END,
        )
    assert charge.value.field.startswith("decided_charges[")
    with pytest.raises(InvalidTypeError) as when:
        build_invoice([], MEAL, start="2024-09-01", end=date(2024, 9, 30))  # type: ignore[arg-type]
    assert when.value.field == "start"


def test_attendance_and_decided_charges_are_checked() -> None:
    with pytest.raises(InvalidValueError) as present:
        Attendance(Presence.PRESENT, Justification.MEDICAL_CERTIFICATE)
    assert present.value.field == "justification"
    with pytest.raises(NegativeAmountError) as negative:
        DecidedCharge(EUR("-1"), "x", "y")
    assert negative.value.field == "amount"
    assert Attendance.present().presence is Presence.PRESENT
    assert not Attendance.absent().is_justified_absence


def test_from_lines_puts_lines_in_canonical_order() -> None:
    invoice = build_invoice(
        [Booking("b", "repas", date(2024, 9, 2)), Booking("a", "repas", date(2024, 9, 3))],
        MEAL,
        start=START,
        end=END,
    )
    rebuilt = Invoice.from_lines(invoice.start, invoice.end, reversed(invoice.lines))
    assert rebuilt == invoice


children = st.sampled_from(["a", "b", "c"])
services = st.sampled_from(["repas", "matin", "soir"])
days = st.integers(min_value=0, max_value=40).map(lambda n: date(2024, 8, 25) + timedelta(days=n))
states = st.sampled_from(list(RequestState))
booking_keys = st.tuples(children, services, days)


@given(
    st.dictionaries(booking_keys, states, max_size=40),
    st.dictionaries(
        booking_keys,
        st.sampled_from(
            [
                Attendance.present(),
                Attendance.absent(),
                Attendance.absent(Justification.MEDICAL_CERTIFICATE),
            ]
        ),
        max_size=20,
    ),
    st.dictionaries(
        booking_keys,
        st.integers(min_value=0, max_value=2000).map(
            lambda cents: DecidedCharge(Money.from_cents(cents), "majoré", "hors délai")
        ),
        max_size=5,
    ),
    st.randoms(use_true_random=False),
)
def test_property_an_invoice_does_not_depend_on_the_order_of_its_bookings(
    booked: dict[tuple[str, str, date], RequestState],
    attendance: dict[tuple[str, str, date], Attendance],
    decided: dict[tuple[str, str, date], DecidedCharge],
    random: object,
) -> None:
    pricer = _pricer({"repas": "3.60", "matin": "1.15", "soir": "2.05"})
    bookings = [Booking(c, s, d, state) for (c, s, d), state in booked.items()]
    invoice = build_invoice(
        bookings, pricer, attendance=attendance, decided_charges=decided, start=START, end=END
    )
    shuffled = list(bookings)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    again = build_invoice(
        shuffled,
        pricer,
        attendance=dict(reversed(attendance.items())),
        decided_charges=dict(reversed(decided.items())),
        start=START,
        end=END,
    )
    assert again == invoice
    assert [line.key for line in invoice.lines] == sorted(line.key for line in invoice.lines)
    assert invoice.total == Money.sum(line.amount for line in invoice.lines)
    assert Money.sum(invoice.totals_by_child.values()) == invoice.total
    assert Money.sum(invoice.totals_by_service.values()) == invoice.total
    for line in invoice.lines:
        assert line.amount == line.unit_price * line.quantity


# Exact refusals ---------------------------------------------------------------------------------

_ONE = [Booking("louise", "repas", date(2024, 9, 2))]
_KEY = ("louise", "repas", date(2024, 9, 2))
_KEY_TEXT = "('louise', 'repas', datetime.date(2024, 9, 2))"
_CHARGE = DecidedCharge(EUR(1), "tarif majoré", "ajout hors délai")


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: Attendance(Presence.ABSENT, "sick"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "justification",
                "sick",
                "justification: must be a Justification (medical_certificate, commune_agreement) "
                "(got 'sick' of type str)",
            ),
        ),
        (
            lambda: Attendance(Presence.PRESENT, Justification.MEDICAL_CERTIFICATE),
            (
                "InvalidValueError",
                "justification",
                Justification.MEDICAL_CERTIFICATE,
                "justification: only an absence is justified "
                "(got <Justification.MEDICAL_CERTIFICATE: 'medical_certificate'>)",
            ),
        ),
        (
            lambda: build_invoice(_ONE, MEAL, start="2024-09-01", end=END),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "start",
                "2024-09-01",
                "start: must be a datetime.date (got '2024-09-01' of type str)",
            ),
        ),
        (
            lambda: build_invoice(_ONE, MEAL, start=START, end=datetime(2024, 9, 30)),
            (
                "InvalidTypeError",
                "end",
                datetime(2024, 9, 30),
                "end: must be a datetime.date (got 2024-09-30T00:00:00 of type datetime)",
            ),
        ),
        (
            lambda: build_invoice(_ONE, MEAL, start=START, end=date(2024, 8, 31)),
            (
                "InvalidValueError",
                "end",
                date(2024, 8, 31),
                "end: must not be before start 2024-09-01 (got 2024-08-31)",
            ),
        ),
        (
            lambda: build_invoice(_ONE, MEAL, start=START, end=END, decided_charges={_KEY: "10"}),  # type: ignore[dict-item]
            (
                "InvalidTypeError",
                f"decided_charges[{_KEY_TEXT}]",
                "10",
                f"decided_charges[{_KEY_TEXT}]: must be a DecidedCharge (got '10' of type str)",
            ),
        ),
        (
            lambda: build_invoice(
                _ONE,
                MEAL,
                start=START,
                end=END,
                decided_charges={("louise", "repas", "2024-09-02"): _CHARGE},  # type: ignore[dict-item]
            ),
            (
                "InvalidTypeError",
                "decided_charges[('louise', 'repas', '2024-09-02')]",
                ("louise", "repas", "2024-09-02"),
                "decided_charges[('louise', 'repas', '2024-09-02')]: the key must be "
                "(child_id, service_code, day) "
                "(got ('louise', 'repas', '2024-09-02') of type tuple)",
            ),
        ),
        (
            lambda: build_invoice(
                _ONE,
                MEAL,
                start=START,
                end=END,
                decided_charges={("louise", "repas"): _CHARGE},  # type: ignore[dict-item]
            ),
            (
                "InvalidTypeError",
                "decided_charges[('louise', 'repas')]",
                ("louise", "repas"),
                "decided_charges[('louise', 'repas')]: the key must be "
                "(child_id, service_code, day) (got ('louise', 'repas') of type tuple)",
            ),
        ),
        (
            lambda: build_invoice(_ONE, lambda c, s, d: EUR(1), start=START, end=END),  # type: ignore[arg-type, return-value]
            (
                "InvalidTypeError",
                "pricer",
                EUR(1),
                "pricer: must return a PricedUnit (got Money.euros('1.00') of type Money)",
            ),
        ),
        (
            lambda: build_invoice(
                _ONE,
                lambda c, s, d: PricedUnit(EUR(1), "t", date(2024, 10, 1)),
                start=START,
                end=END,
            ),
            (
                "InvalidValueError",
                "pricer",
                PricedUnit(EUR(1), "t", date(2024, 10, 1)),
                "pricer: returned a price whose validity does not include 2024-09-02 "
                "(got PricedUnit(unit_price=Money.euros('1.00'), tariff_name='t', "
                "valid_from=datetime.date(2024, 10, 1), valid_until=None))",
            ),
        ),
        (
            lambda: build_invoice([*_ONE, "x"], MEAL, start=START, end=END),  # type: ignore[list-item]
            (
                "InvalidTypeError",
                "bookings[1]",
                "x",
                "bookings[1]: must be a Booking (got 'x' of type str)",
            ),
        ),
        (
            lambda: build_invoice(_ONE + _ONE, MEAL, start=START, end=END),
            (
                "InvalidValueError",
                "bookings",
                _KEY,
                f"bookings: book the same day twice (got {_KEY_TEXT})",
            ),
        ),
        (
            lambda: build_invoice(_ONE, MEAL, start=START, end=END, attendance={_KEY: "present"}),  # type: ignore[dict-item]
            (
                "InvalidTypeError",
                f"attendance[{_KEY_TEXT}]",
                "present",
                f"attendance[{_KEY_TEXT}]: must be Attendance (got 'present' of type str)",
            ),
        ),
        (
            lambda: build_invoice(
                _ONE,
                MEAL,
                start=START,
                end=END,
                attendance={("louise", "repas", date(2024, 9, 3)): "present"},  # type: ignore[dict-item]
            ),
            (
                "InvalidTypeError",
                "attendance[('louise', 'repas', datetime.date(2024, 9, 3))]",
                "present",
                "attendance[('louise', 'repas', datetime.date(2024, 9, 3))]: must be Attendance "
                "(got 'present' of type str)",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


# The first and last day, justified absences, unbooked presences --------------------------------


def test_decided_charges_on_the_first_and_last_day_of_the_period_are_billed() -> None:
    charges = {("a", "soir", day): _CHARGE for day in (START, END)}
    invoice = build_invoice([], MEAL, start=START, end=END, decided_charges=charges)
    assert [line.day for line in invoice.lines] == [START, END]
    assert invoice.total == EUR(2)


def test_a_justified_absence_line_says_why_and_the_next_days_are_still_billed() -> None:
    days = [date(2024, 9, 2), date(2024, 9, 3), date(2024, 9, 5)]
    sick = {("louise", "repas", days[0]): Attendance.absent(Justification.MEDICAL_CERTIFICATE)}
    invoice = build_invoice(
        [Booking("louise", "repas", day) for day in days],
        MEAL,
        start=START,
        end=END,
        attendance=sick,
    )
    assert [(line.kind, line.reason) for line in invoice.lines] == [
        (LineKind.JUSTIFIED_ABSENCE, "medical_certificate"),
        (LineKind.BOOKED, None),
        (LineKind.BOOKED, None),
    ]
    assert invoice.total == EUR("7.20")


def test_an_unbooked_presence_is_listed_even_when_other_records_match_booked_days() -> None:
    booked = {("louise", "repas", date(2024, 9, day)): Attendance.present() for day in (2, 3)}
    unbooked = ("louise", "repas", date(2024, 9, 5))
    invoice = build_invoice(
        [Booking("louise", "repas", date(2024, 9, day)) for day in (2, 3)],
        MEAL,
        start=START,
        end=END,
        attendance={**booked, unbooked: Attendance.present()},
    )
    assert invoice.unbooked_presences == (unbooked,)


def test_unbooked_presences_on_the_first_and_last_day_are_listed() -> None:
    attendance = {("zoe", "repas", day): Attendance.present() for day in (START, END)}
    invoice = build_invoice([], MEAL, start=START, end=END, attendance=attendance)
    assert invoice.unbooked_presences == (("zoe", "repas", START), ("zoe", "repas", END))


def test_a_presence_on_a_day_charged_by_a_decision_is_not_unbooked() -> None:
    # A late add decided at the office: the day is charged though no booking remains for it.
    key = ("zoe", "soir", date(2024, 9, 12))
    elsewhere = ("louise", "repas", date(2024, 9, 12))  # present, neither booked nor charged
    invoice = build_invoice(
        [],
        MEAL,
        start=START,
        end=END,
        attendance={key: Attendance.present(), elsewhere: Attendance.present()},
        decided_charges={key: _CHARGE},
    )
    assert invoice.unbooked_presences == (elsewhere,)
    assert [line.kind for line in invoice.lines] == [LineKind.DECIDED]


def test_reading_past_the_last_line_is_an_index_error() -> None:
    lines = build_invoice(_ONE, MEAL, start=START, end=END).lines
    assert lines[-1] == lines[0]
    with pytest.raises(IndexError, match=r"^invoice line index out of range$"):
        lines[1]
    with pytest.raises(IndexError, match=r"^invoice line index out of range$"):
        lines[-2]


def test_invoice_lines_differ_when_any_column_differs() -> None:
    def lines(
        child: str = "louise",
        day: date = date(2024, 9, 2),
        price: str = "3.60",
        attendance: Attendance | None = None,
    ) -> Sequence[object]:
        records = {} if attendance is None else {(child, "repas", day): attendance}
        return build_invoice(
            [Booking(child, "repas", day)],
            flat_pricer(EUR(price), "à l'unité"),
            start=START,
            end=END,
            attendance=records,
        ).lines

    reference = lines()
    assert reference == lines()
    assert reference != lines(child="zoe")
    assert reference != lines(day=date(2024, 9, 3))
    assert reference != lines(price="3.70")
    assert reference != lines(attendance=Attendance.absent())
    assert reference != lines(attendance=Attendance.absent(Justification.COMMUNE_AGREEMENT))


def test_a_booking_on_the_last_day_of_the_period_is_billed() -> None:
    invoice = build_invoice(
        [Booking("louise", "repas", day) for day in (START, END)], MEAL, start=START, end=END
    )
    assert [line.day for line in invoice.lines] == [START, END]


def test_a_waived_decided_charge_says_why_and_the_next_days_are_still_billed() -> None:
    # Rule 2 of build_invoice: a justified absence is not charged, even on a day a decision
    # charged, when that charge is waivable.
    late, next_day = date(2024, 9, 12), date(2024, 9, 13)
    invoice = build_invoice(
        [Booking("zoe", "soir", next_day)],
        MEAL,
        start=START,
        end=END,
        attendance={("zoe", "soir", late): Attendance.absent(Justification.MEDICAL_CERTIFICATE)},
        decided_charges={("zoe", "soir", late): _CHARGE},
    )
    assert [(line.day, line.kind, line.reason) for line in invoice.lines] == [
        (late, LineKind.JUSTIFIED_ABSENCE, "medical_certificate"),
        (next_day, LineKind.BOOKED, None),
    ]
    assert invoice.total == EUR("3.60")
