"""InvoiceLines: the columnar lines of build_invoice read exactly as a tuple of InvoiceLine."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Booking, Justification, Money
from cantine_rules.pricing.accounts import (
    Attendance,
    Invoice,
    InvoiceLine,
    InvoiceLines,
    LineKind,
    build_invoice,
    flat_pricer,
)

PRICER = flat_pricer(Money.euros("3.60"), "à l'unité")
SEPTEMBER = {"start": date(2024, 9, 1), "end": date(2024, 9, 30)}


def _invoice() -> Invoice:
    bookings = [
        Booking(child, code, date(2024, 9, day))
        for child in ("a", "b")
        for code in ("matin", "repas")
        for day in (2, 3, 5)
    ]
    sick = {("b", "repas", date(2024, 9, 3)): Attendance.absent(Justification.MEDICAL_CERTIFICATE)}
    return build_invoice(bookings, PRICER, attendance=sick, **SEPTEMBER)  # type: ignore[arg-type]


def test_lines_read_as_the_tuple_of_lines_they_stand_for() -> None:
    invoice = _invoice()
    lines = invoice.lines
    assert isinstance(lines, InvoiceLines)
    as_tuple = tuple(lines)
    assert len(lines) == len(as_tuple) == 12
    assert [lines[index] for index in range(12)] == list(as_tuple)
    assert lines[-1] == as_tuple[-1]
    assert lines[2:7] == as_tuple[2:7]
    assert lines[::-1] == as_tuple[::-1]
    assert lines == as_tuple
    assert as_tuple == lines
    assert lines == list(as_tuple)
    assert lines != as_tuple[:-1]
    assert hash(lines) == hash(as_tuple)
    assert repr(lines) == f"InvoiceLines({as_tuple!r})"
    assert lines.__eq__("lines") is NotImplemented
    sick = lines[10]
    assert (sick.child_id, sick.service_code, sick.day.day) == ("b", "repas", 3)
    assert (sick.kind, sick.quantity, sick.amount) == (LineKind.JUSTIFIED_ABSENCE, 0, Money.zero())
    assert sick.reason == "medical_certificate"
    with pytest.raises(IndexError):
        lines[12]
    with pytest.raises(IndexError):
        lines[-13]


def test_invoices_compare_equal_whichever_way_their_lines_are_held() -> None:
    invoice = _invoice()
    again = Invoice.from_lines(invoice.start, invoice.end, reversed(tuple(invoice.lines)))
    assert again == invoice
    assert invoice == _invoice()
    assert hash(again) == hash(invoice)


def test_an_empty_invoice_has_no_lines() -> None:
    empty = build_invoice([], PRICER, **SEPTEMBER)  # type: ignore[arg-type]
    assert empty.lines == ()
    assert list(empty.lines) == []
    assert not isinstance(empty.lines[0:0], InvoiceLine)
