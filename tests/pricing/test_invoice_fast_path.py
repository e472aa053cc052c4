"""The invoice read from bitmaps equals the invoice of a plain loop over the days, to the cent.

`build_invoice` works a child's service out with a few operations on bitmaps (a `BookingSet`,
an `AttendanceSheet`). Here every way in — a list of `Booking` and a dict of records, a
`BookingSet` and an `AttendanceSheet` — is compared, line by line and total by total, with a
plain loop that applies the module's four rules one day at a time, on generated communes:
children and services of `cantine_rules.testing`, days inside and outside the period, every
request state, every kind of record, waivable and standing decided charges, and tariffs that
change within the period or price each day apart.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import Booking, Justification, Money, RequestState
from cantine_rules.bookings import BookingSet
from cantine_rules.pricing.accounts import (
    Attendance,
    AttendanceSheet,
    DecidedCharge,
    Invoice,
    InvoiceLine,
    LineKey,
    LineKind,
    Presence,
    PricedUnit,
    UnitPricer,
    build_invoice,
)
from cantine_rules.testing import children, money, services

START, END = date(2024, 9, 1), date(2024, 10, 15)
RECORDS = (
    Attendance.present(),
    Attendance.absent(),
    *(Attendance.absent(justification) for justification in Justification),
)


@st.composite
def communes(draw: st.DrawFn) -> dict[str, object]:
    """Bookings, attendance, decided charges and a pricer for a few children and services."""
    kids = draw(st.lists(children().map(lambda child: child.id), min_size=1, max_size=4))
    codes = draw(st.lists(services().map(lambda service: service.code), min_size=1, max_size=3))
    days = st.integers(-5, (END - START).days + 5).map(lambda n: START + timedelta(days=n))
    keys = st.tuples(st.sampled_from(kids), st.sampled_from(codes), days)
    booked = draw(st.dictionaries(keys, st.sampled_from(list(RequestState)), max_size=60))
    attendance = draw(st.dictionaries(keys, st.sampled_from(RECORDS), max_size=60))
    charges = draw(
        st.dictionaries(
            keys,
            st.builds(
                DecidedCharge,
                money(0, 20_00),
                st.sampled_from(["tarif majoré", "prix du service"]),
                st.sampled_from(["ajout hors délai", "annulation hors délai"]),
                st.booleans(),
            ),
            max_size=8,
        )
    )
    # Per service, its prices from given days on; a versioned price says the days it holds for.
    changes = {
        code: sorted(
            [
                (START - timedelta(days=400), draw(money(0, 9_00))),
                *(
                    (START + timedelta(days=since), amount)
                    for since, amount in draw(
                        st.dictionaries(
                            st.integers(1, (END - START).days), money(0, 9_00), max_size=2
                        )
                    ).items()
                ),
            ]
        )
        for code in codes
    }
    versioned = draw(st.booleans())
    return {
        "bookings": [Booking(c, s, d, state) for (c, s, d), state in booked.items()],
        "attendance": attendance,
        "charges": charges,
        "pricer": _pricer(changes, versioned),
    }


def _pricer(
    changes: dict[str, list[tuple[date, Money]]], versioned: bool
) -> Callable[[str, str, date], PricedUnit]:
    def price(child_id: str, code: str, day: date) -> PricedUnit:
        bounds = [since for since, _ in changes[code]]
        index = max(n for n, since in enumerate(bounds) if since <= day)
        amount = changes[code][index][1] + Money.from_cents(len(child_id) % 3)
        name = f"tarif {index}"
        if not versioned:
            return PricedUnit(amount, name)
        until = bounds[index + 1] - timedelta(days=1) if index + 1 < len(bounds) else None
        return PricedUnit(amount, name, valid_from=bounds[index], valid_until=until)

    return price


def _plain(
    bookings: list[Booking],
    pricer: UnitPricer,
    attendance: dict[LineKey, Attendance],
    charges: dict[LineKey, DecidedCharge],
) -> tuple[list[InvoiceLine], int, tuple[LineKey, ...]]:
    """The invoice's lines, total in cents and unbooked presences, one day at a time."""
    booked = {
        (b.child_id, b.service_code, b.day)
        for b in bookings
        if START <= b.day <= END and b.state.books_the_day
    }
    keys = booked | {key for key in charges if START <= key[2] <= END}
    lines = []
    for key in sorted(keys):
        child_id, code, day = key
        record = attendance.get(key)
        justification = None if record is None else record.justification
        charge = charges.get(key)
        if charge is not None:
            name, price = charge.label, charge.amount
            if justification is not None and charge.waivable:
                kind, reason = LineKind.JUSTIFIED_ABSENCE, justification.value
            else:
                kind, reason = LineKind.DECIDED, charge.reason
        else:
            unit = pricer(child_id, code, day)
            name, price = unit.tariff_name, unit.unit_price
            if justification is not None:
                kind, reason = LineKind.JUSTIFIED_ABSENCE, justification.value
            elif record is not None and record.presence is Presence.ABSENT:
                kind, reason = LineKind.UNJUSTIFIED_ABSENCE, None
            else:
                kind, reason = LineKind.BOOKED, None
        free = kind is LineKind.JUSTIFIED_ABSENCE
        amount = Money.zero() if free else price
        lines.append(
            InvoiceLine(day, child_id, code, name, price, 0 if free else 1, amount, kind, reason)
        )
    unbooked = tuple(
        sorted(
            key
            for key, record in attendance.items()
            if record == Attendance.present() and START <= key[2] <= END and key not in keys
        )
    )
    return lines, sum(line.amount.cents for line in lines), unbooked


@settings(max_examples=150)
@given(communes())
def test_every_way_in_gives_the_invoice_of_the_plain_loop(commune: dict[str, object]) -> None:
    bookings: list[Booking] = commune["bookings"]  # type: ignore[assignment]
    attendance: dict[LineKey, Attendance] = commune["attendance"]  # type: ignore[assignment]
    charges: dict[LineKey, DecidedCharge] = commune["charges"]  # type: ignore[assignment]
    pricer: UnitPricer = commune["pricer"]  # type: ignore[assignment]
    lines, cents, unbooked = _plain(bookings, pricer, attendance, charges)
    period = {"start": START, "end": END, "decided_charges": charges}
    sheet = AttendanceSheet.from_records(attendance)
    invoices = [
        build_invoice(bookings, pricer, attendance=attendance, **period),  # type: ignore[arg-type]
        build_invoice(BookingSet.from_bookings(bookings), pricer, attendance=sheet, **period),  # type: ignore[arg-type]
        build_invoice(bookings, pricer, attendance=sheet, **period),  # type: ignore[arg-type]
    ]
    for invoice in invoices:
        assert list(invoice.lines) == lines
        assert [invoice.lines[index] for index in range(-len(lines), 0)] == lines
        assert invoice.total == Money.from_cents(cents)
        assert invoice.unbooked_presences == unbooked
        assert invoice == Invoice.from_lines(START, END, lines, unbooked)
        assert invoice == invoices[0]
        assert pickle.loads(pickle.dumps(invoice)) == invoice
    by_child: dict[str, int] = {}
    for line in lines:
        by_child[line.child_id] = by_child.get(line.child_id, 0) + line.amount.cents
    assert {key: value.cents for key, value in invoices[1].totals_by_child.items()} == by_child


@given(communes())
def test_a_sheet_reads_as_the_records_it_was_made_from(commune: dict[str, object]) -> None:
    attendance: dict[LineKey, Attendance] = commune["attendance"]  # type: ignore[assignment]
    sheet = AttendanceSheet.from_records(attendance)
    assert sheet == attendance
    assert dict(sheet) == attendance
    assert list(sheet) == sorted(attendance)
    assert len(sheet) == len(attendance)
    assert all(sheet[key] == record for key, record in attendance.items())
    assert sheet == AttendanceSheet.from_records(dict(reversed(attendance.items())))
    assert pickle.loads(pickle.dumps(sheet)) == sheet
    # Built kind by kind and combined, the same sheet.
    combined = AttendanceSheet.from_records({})
    for record in RECORDS:
        days: dict[tuple[str, str], list[date]] = {}
        for (child_id, code, day), kept in attendance.items():
            if kept == record:
                days.setdefault((child_id, code), []).append(day)
        combined = combined | AttendanceSheet.from_days(days, record)
    assert combined == sheet
    assert hash(combined) == hash(sheet)


def test_a_later_sheet_wins_where_both_record_a_day() -> None:
    day = date(2024, 9, 2)
    present = AttendanceSheet.from_days({("c1", "repas"): [day, day + timedelta(1)]}, RECORDS[0])
    sick = AttendanceSheet.from_records({("c1", "repas", day): RECORDS[2]})
    assert dict(present | sick) == {
        ("c1", "repas", day): RECORDS[2],
        ("c1", "repas", day + timedelta(1)): RECORDS[0],
    }
    assert dict(sick | present) == dict(present)
    assert repr(sick) == "AttendanceSheet(<1 records from 2024-09-02>)"
    assert ("c1", "repas", day) in sick
    assert ("c1", "soir", day) not in sick
    assert ("c1", "repas", "2024-09-02") not in sick  # type: ignore[comparison-overlap]
    assert AttendanceSheet.from_records(sick) is sick
