"""Invoice one month of a 10,000-child commune (about 600,000 lines) and print lines per second.

Run: ``python benchmarks/invoice_month.py``. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from cantine_rules import Booking, Justification, Money
from cantine_rules.pricing._invoice import Attendance, DecidedCharge, build_invoice
from cantine_rules.pricing._priced_unit import PricedUnit

CHILDREN = 10_000
SERVICES = ("repas", "garderie_matin", "garderie_soir")
START, END = date(2024, 9, 1), date(2024, 9, 30)
SCHOOL_DAYS = [
    START + timedelta(days=offset)
    for offset in range(30)
    if (START + timedelta(days=offset)).weekday() < 5
]
YEAR_FROM, YEAR_UNTIL = date(2024, 9, 1), date(2025, 8, 31)
GRID = {
    service: [
        PricedUnit(
            Money.from_cents(base + 40 * bracket),
            f"Tarif {bracket + 1}",
            valid_from=YEAR_FROM,
            valid_until=YEAR_UNTIL,
        )
        for bracket in range(10)
    ]
    for service, base in zip(SERVICES, (13, 50, 80), strict=True)
}
calls = 0


def pricer(child_id: str, service_code: str, day: date) -> PricedUnit:
    global calls
    calls += 1
    return GRID[service_code][int(child_id[-5:]) % 10]


def main() -> None:
    rng = random.Random(2024)
    children = [f"child-{number:05d}" for number in range(CHILDREN)]
    bookings = [
        Booking(child, service, day)
        for child in children
        for service in SERVICES
        for day in SCHOOL_DAYS
    ]
    rng.shuffle(bookings)
    attendance: dict[tuple[str, str, date], Attendance] = {}
    sick = Attendance.absent(Justification.MEDICAL_CERTIFICATE)
    away = Attendance.absent()
    present = Attendance.present()
    for booking in bookings:
        roll = rng.random()
        key = (booking.child_id, booking.service_code, booking.day)
        attendance[key] = sick if roll < 0.02 else away if roll < 0.05 else present
    late = DecidedCharge(Money.euros("10"), "tarif majoré", "ajout hors délai")
    decided = {
        (rng.choice(children), "garderie_soir", rng.choice(SCHOOL_DAYS)): late for _ in range(1000)
    }
    for label, kwargs in (
        ("bookings only", {}),
        (
            "with attendance and decided charges",
            {"attendance": attendance, "decided_charges": decided},
        ),
    ):
        global calls
        calls = 0
        began = time.perf_counter()
        invoice = build_invoice(bookings, pricer, start=START, end=END, **kwargs)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - began
        lines = len(invoice.lines)
        print(
            f"{label}: {lines} lines in {elapsed:.2f} s = {lines / elapsed:,.0f} lines/s; "
            f"{calls} pricer calls; total {invoice.total.format('fr_FR')}"
        )


if __name__ == "__main__":
    main()
