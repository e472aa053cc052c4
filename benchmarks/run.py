"""The library's main work on a seeded commune of 10,000 children, each figure beside a reference.

    python benchmarks/run.py            # the full commune, prints a table
    python benchmarks/run.py --quick    # 500 children and small samples, for CI (a few seconds)
    python benchmarks/run.py --json     # one JSON object on stdout

Every figure is measured in the same run as its reference: ``workalendar``'s France calendar
(the working-day arithmetic a naive portal would use) or the library's own plain path (a tuple
of :class:`Booking` values). ``docs/performance.md`` says what each figure counts.

Not a timed test: timings depend on the machine, so the suite only checks the JSON's shape.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import attrs
import calendar_workdays
import cold_start
import commune
from workalendar.europe import France

import serve
from cantine_rules import EUROPE_PARIS, Booking, ChangeAction
from cantine_rules.bookings import BookingSet
from cantine_rules.calendar import SchoolCalendar
from cantine_rules.policies import BookingRules, DecisionStatus, PlanningPeriod, planning
from cantine_rules.pricing.accounts import (
    Attendance,
    AttendanceSheet,
    DecidedCharge,
    LineKey,
    build_invoice,
)
from cantine_rules.rules import ChangeWindowTable

T = TypeVar("T")

#: The targets; each figure is reported against its own, measured in the same run.
TARGETS: dict[str, tuple[str, float]] = {
    "decisions_per_s": (">=", 1_000_000),
    "decisions_vs_workalendar": (">=", 5),
    "workdays_vs_workalendar": (">=", 10),
    "planning_year_ms": ("<", 1),
    "planning_year_cold_ms": ("<=", 2),
    "invoice_lines_per_s": (">=", 1_500_000),
    "invoice_memory_mb_per_100k": ("<=", 300),
    # With --scale only: a commune of 1,000,000 children against the full profile's 10,000.
    "invoice_1m_vs_10k": (">=", 0.8),
    "invoice_memory_mb_per_100k_1m": ("<=", 300),
    "peak_mb_year_bookings": ("<=", 200),
    "serve_requests_per_s": (">=", serve.TARGET_REQUESTS_PER_S),
    "cli_cold_start_vs_python": ("<=", 8),
}


@attrs.frozen
class Sizes:
    children: int
    basket: int
    naive_sample: int
    workday_calls: int
    planning_children: int
    memory_reference_children: int
    repeat: int


FULL = Sizes(10_000, 20_000, 20_000, 20_000, 50, 250, 3)
QUICK = Sizes(500, 1_000, 1_000, 1_000, 5, 50, 1)
INVOICE_MONTH = (date(2025, 3, 1), date(2025, 3, 31))
PLANNING_AT = datetime(2024, 11, 15, 10, 0, tzinfo=EUROPE_PARIS)
LATE_CHARGES = 1_000
#: How many times a larger commune's invoice is built with --scale (the median is kept).
SCALE_REPEAT = 3
#: How many fresh rules draw their first grid for `planning_year_cold_ms` (the median is kept).
FRESH_RULES = 7


def timed(action: Callable[[], T], repeat: int = 1) -> tuple[T, float]:
    """*action*'s result and its median time over *repeat* runs, each after a full collection."""
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def year_table(rules: BookingRules) -> ChangeWindowTable:
    """The school year's change windows, as a portal builds them once and keeps them."""
    return ChangeWindowTable(rules, commune.YEAR.start, commune.YEAR.end)


def measure_decisions(
    rules: BookingRules, requests: Sequence[commune.PeriodRequest], sizes: Sizes, seed: int
) -> tuple[dict[str, Any], dict[tuple[str, str], tuple[date, ...]]]:
    """Period bookings in batch, a basket, single changes, and the naive workalendar loop."""

    def decide_year(table: ChangeWindowTable | None) -> list[Any]:
        return [
            rules.decide_period(
                request.child_ids,
                request.service_code,
                request.days,
                ChangeAction.ADD,
                commune.PERIOD_REQUESTED_AT,
                table=table,
            )
            for request in requests
        ]

    # Once, with nothing computed beforehand: the year's table is built inside the timing, then
    # every period booking reads its windows from it.
    outcomes, batch_seconds = timed(lambda: decide_year(year_table(rules)))
    # The same without a table: each call computes the windows of its own days.
    untabled, untabled_seconds = timed(lambda: decide_year(None))
    assert untabled == outcomes
    decisions = sum(len(outcome) for outcome in outcomes)
    service_days = sum(len(outcome.by_day) for outcome in outcomes)
    booked: dict[tuple[str, str], tuple[date, ...]] = {}
    on_time: dict[tuple[str, date], bool] = {}
    for request, outcome in zip(requests, outcomes, strict=True):
        accepted = outcome.accepted_days()
        for child_id in request.child_ids:
            booked[child_id, request.service_code] = accepted
        for decision in outcome.by_day:
            on_time[request.service_code, decision.change.day] = (
                decision.status is DecisionStatus.ACCEPTED
            )

    changes = commune.basket(
        rules.calendar,
        [child for request in requests for child in request.child_ids],
        sizes.basket,
        seed,
    )
    # A portal deciding baskets through the year keeps the year's table (built outside the timing).
    table = year_table(rules)
    many, many_seconds = timed(
        lambda: rules.decide_many(changes, price_of=commune.price_of, table=table), sizes.repeat
    )
    assert len(many) == len(changes)
    alone, alone_seconds = timed(
        lambda: rules.decide_many(changes, price_of=commune.price_of), sizes.repeat
    )
    assert alone == many
    prices = [commune.price_of(c.child_id, rules.service(c.service_code), c.day) for c in changes]

    def one_by_one() -> list[Any]:
        return [rules.decide(c, price=p) for c, p in zip(changes, prices, strict=True)]

    singles, single_seconds = timed(one_by_one, sizes.repeat)
    assert len(singles) == len(changes)

    # The naive portal: one workalendar call per child and day, then compare the instant.
    sample = [
        (request.service_code, day)
        for request in requests
        for _child in request.child_ids
        for day in request.days
    ][:: max(1, decisions // sizes.naive_sample)][: sizes.naive_sample]
    starts = {service.code: service.start for service in commune.SERVICES}
    reference = France()
    reference.holidays(commune.YEAR.start.year)
    reference.holidays(commune.YEAR.end.year)
    at = commune.PERIOD_REQUESTED_AT

    def naive() -> list[bool]:
        answers = []
        for code, day in sample:
            deadline_day = reference.sub_working_days(day, commune.DEADLINE_WORKING_DAYS)
            deadline = datetime.combine(deadline_day, starts[code], tzinfo=EUROPE_PARIS)
            answers.append(at < deadline)
        return answers

    naive_answers, naive_seconds = timed(naive, sizes.repeat)
    mismatches = sum(
        answer != on_time[key] for answer, key in zip(naive_answers, sample, strict=True)
    )
    batch_rate = decisions / batch_seconds
    many_rate = len(many) / many_seconds
    naive_rate = len(sample) / naive_seconds
    return {
        "decisions": decisions,
        "decisions_service_days_computed": service_days,
        "decisions_batch_s": round(batch_seconds, 4),
        "decisions_per_s": round(batch_rate),
        "decisions_without_table_per_s": round(decisions / untabled_seconds),
        "decide_many_changes": len(many),
        "decide_many_per_s": round(many_rate),
        "decide_many_without_table_per_s": round(len(many) / alone_seconds),
        "decide_per_s": round(len(singles) / single_seconds),
        "workalendar_loop_sample": len(sample),
        "workalendar_loop_per_s": round(naive_rate),
        "workalendar_loop_mismatches": mismatches,
        "decisions_vs_workalendar": round(batch_rate / naive_rate, 1),
        "decide_many_vs_workalendar": round(many_rate / naive_rate, 2),
    }, booked


def measure_workdays(sizes: Sizes, seed: int) -> dict[str, Any]:
    result = calendar_workdays.measure(sizes.workday_calls, seed)
    return {
        "workdays_calls": result["calls"],
        "workdays_per_s": result["cantine_rules_calls_per_s"],
        "workdays_workalendar_per_s": result["workalendar_calls_per_s"],
        "workdays_vs_workalendar": result["ratio"],
        "workdays_mismatches": result["mismatches"],
    }


def measure_planning(
    school_calendar: SchoolCalendar, year: BookingSet, sizes: Sizes
) -> dict[str, Any]:
    """One child's grid for the whole school year, every service (3 grids of 365 days)."""
    children = year.children()[: sizes.planning_children]

    def year_grids(
        rules: BookingRules,
        table: ChangeWindowTable | None,
        child_id: str,
        bookings: list[Booking],
    ) -> int:
        cells = 0
        for service in commune.SERVICES:
            grid = planning(
                rules,
                child_id,
                service.code,
                PlanningPeriod.SCHOOL_YEAR,
                commune.YEAR.start,
                at=PLANNING_AT,
                bookings=bookings,
                table=table,
            )
            cells += len(grid.days)
        return cells

    inputs = [(child_id, list(year.for_child(child_id))) for child_id in children]
    # Cold: the first grid drawn with freshly built rules and no table (the calendar is built
    # beforehand): every window is computed. A few times, each on new rules, for a median.
    cold = []
    for _ in range(FRESH_RULES):
        fresh = commune.rules(school_calendar)
        cells, seconds = timed(lambda: year_grids(fresh, None, *inputs[0]))  # noqa: B023
        cold.append(seconds)
    cold_seconds = statistics.median(cold)
    # A portal keeps the school year's table: built once, then read by every grid.
    table, table_seconds = timed(lambda: year_table(fresh))
    warm = []
    untabled = []
    for child_id, bookings in inputs:
        _cells, seconds = timed(lambda: year_grids(fresh, table, child_id, bookings))  # noqa: B023
        warm.append(seconds)
        _cells, seconds = timed(lambda: year_grids(fresh, None, child_id, bookings))  # noqa: B023
        untabled.append(seconds)
    warm_ms = statistics.median(warm) * 1000

    # The naive portal: one workalendar call per cell with a service, to find its deadline.
    reference = France()
    running = [
        (service.start, day)
        for service in commune.SERVICES
        for day in school_calendar.service_days(service.kind, commune.YEAR.start, commune.YEAR.end)
    ]

    def naive() -> int:
        open_cells = 0
        for start, day in running:
            deadline_day = reference.sub_working_days(day, commune.DEADLINE_WORKING_DAYS)
            open_cells += datetime.combine(deadline_day, start, tzinfo=EUROPE_PARIS) > PLANNING_AT
        return open_cells

    naive()  # warm workalendar's holiday cache, as our calendar is built outside the timing
    _open, naive_seconds = timed(naive, sizes.repeat)
    return {
        "planning_cells": cells,
        "planning_year_ms": round(warm_ms, 3),
        "planning_year_cold_ms": round(cold_seconds * 1000, 3),
        "planning_year_without_table_ms": round(statistics.median(untabled) * 1000, 3),
        "window_table_year_ms": round(table_seconds * 1000, 3),
        "planning_workalendar_deadlines_ms": round(naive_seconds * 1000, 3),
        "planning_vs_workalendar": round(naive_seconds * 1000 / warm_ms, 1),
    }


def plain_invoice(
    bookings: Sequence[Booking],
    attendance: Mapping[LineKey, Attendance],
    charges: Mapping[LineKey, DecidedCharge],
    start: date,
    end: date,
) -> tuple[int, int]:
    """The reference: a plain loop with build_invoice's rules, its number of lines and total.

    One pass over the bookings with a look-up of each day's record and charge, the price asked
    once per child and service (the commune's prices hold for the whole year), then the
    charges on days no longer booked. No line is kept: only the count and the total in cents.
    """
    prices: dict[tuple[str, str], int] = {}
    lines = total = 0
    billed = set()
    for booking in bookings:
        key = (booking.child_id, booking.service_code, booking.day)
        if not (start <= booking.day <= end and booking.state.books_the_day):
            continue
        billed.add(key)
        lines += 1
        record = attendance.get(key)
        justified = record is not None and record.justification is not None
        charge = charges.get(key)
        if charge is not None:
            total += 0 if justified and charge.waivable else charge.amount.cents
        elif not justified:
            group = (booking.child_id, booking.service_code)
            cents = prices.get(group)
            if cents is None:
                unit = commune.pricer(booking.child_id, booking.service_code, booking.day)
                cents = prices[group] = unit.unit_price.cents
            total += cents
    for key, charge in charges.items():
        if key not in billed and start <= key[2] <= end:
            lines += 1
            record = attendance.get(key)
            justified = record is not None and record.justification is not None
            total += 0 if justified and charge.waivable else charge.amount.cents
    return lines, total


def month_attendance(year: BookingSet, seed: int) -> AttendanceSheet:
    """The month's attendance as the agents recorded it, every booked day, as a sheet."""
    start, end = INVOICE_MONTH
    return commune.attendance_sheet(year.booked_between(start, end), seed)


def invoice_memory(year: BookingSet, seed: int) -> float:
    """MB that the month's attendance keeps and building its invoice takes at its peak."""
    start, end = INVOICE_MONTH
    charges = commune.late_charges(
        {(child, code): days for child, code, days in year.booked_between(start, end)},
        LATE_CHARGES,
        seed,
    )
    sheet, _, kept = traced_peak(lambda: month_attendance(year, seed))
    assert isinstance(sheet, AttendanceSheet)
    _invoice, peak, _ = traced_peak(
        lambda: build_invoice(
            year, commune.pricer, start=start, end=end, attendance=sheet, decided_charges=charges
        )
    )
    return kept + peak


def measure_invoice(year: BookingSet, seed: int, repeat: int) -> dict[str, Any]:
    """A month of the whole commune invoiced from the BookingSet and its AttendanceSheet; from
    Booking values and a dict of records; and by a plain loop."""
    start, end = INVOICE_MONTH
    month = {(child, code): days for child, code, days in year.booked_between(start, end)}
    records = commune.attendance(month, seed)
    sheet = month_attendance(year, seed)
    charges = commune.late_charges(month, LATE_CHARGES, seed)
    invoice, seconds = timed(
        lambda: build_invoice(
            year, commune.pricer, start=start, end=end, attendance=sheet, decided_charges=charges
        ),
        repeat,
    )
    bookings = [Booking(child, code, day) for (child, code), days in month.items() for day in days]
    reference, reference_seconds = timed(
        lambda: build_invoice(
            bookings,
            commune.pricer,
            start=start,
            end=end,
            attendance=records,
            decided_charges=charges,
        ),
        repeat,
    )
    (plain_lines, plain_cents), plain_seconds = timed(
        lambda: plain_invoice(bookings, records, charges, start, end), repeat
    )
    lines = len(invoice.lines)
    children = len(year.children())
    return {
        "invoice_month": start.strftime("%Y-%m"),
        "invoice_lines": lines,
        "invoice_s": round(seconds, 4),
        "invoice_lines_per_s": round(lines / seconds),
        "invoice_from_bookings_lines_per_s": round(len(reference.lines) / reference_seconds),
        "invoice_vs_bookings": round(reference_seconds / seconds, 2),
        "invoice_plain_loop_lines_per_s": round(plain_lines / plain_seconds),
        "invoice_vs_plain_loop": round(plain_seconds / seconds, 2),
        "invoice_memory_mb_per_100k": round(invoice_memory(year, seed) * 100_000 / children, 1),
        "invoice_matches_reference": (
            invoice == reference and plain_lines == lines and plain_cents == invoice.total.cents
        ),
    }


def timed_invoice(
    year: BookingSet,
    sheet: AttendanceSheet,
    charges: Mapping[LineKey, DecidedCharge],
    repeat: int = 1,
) -> tuple[int, float]:
    """The number of lines of the month's invoice, and the median time to build it."""
    start, end = INVOICE_MONTH
    invoice, seconds = timed(
        lambda: build_invoice(
            year, commune.pricer, start=start, end=end, attendance=sheet, decided_charges=charges
        ),
        repeat,
    )
    return len(invoice.lines), seconds


def scale_label(children: int) -> str:
    """``1m`` for 1,000,000 children, ``300k`` for 300,000: the suffix of the figures."""
    return f"{children // 1_000_000}m" if children % 1_000_000 == 0 else f"{children // 1000}k"


def measure_invoice_at(children: int, seed: int) -> dict[str, Any]:
    """The month's invoice of a commune of *children*, from its BookingSet and AttendanceSheet.

    The commune is made as the full profile's is (the same period bookings, decided in batch),
    only larger; the invoice is timed once, and its memory measured apart (tracemalloc slows
    what it traces).
    """
    school_calendar = commune.calendar()
    rules = commune.rules(school_calendar)
    table = year_table(rules)
    booked: dict[tuple[str, str], tuple[date, ...]] = {}
    for request in commune.period_requests(school_calendar, commune.child_ids(children), seed):
        accepted = rules.decide_period(
            request.child_ids,
            request.service_code,
            request.days,
            ChangeAction.ADD,
            commune.PERIOD_REQUESTED_AT,
            table=table,
        ).accepted_days()
        booked.update(
            ((child_id, request.service_code), accepted) for child_id in request.child_ids
        )
    year = BookingSet.from_days(booked)
    del booked
    start, end = INVOICE_MONTH
    charges = commune.late_charges(
        {(child, code): days for child, code, days in year.booked_between(start, end)},
        LATE_CHARGES,
        seed,
    )
    lines, seconds = timed_invoice(year, month_attendance(year, seed), charges, SCALE_REPEAT)
    label = scale_label(children)
    return {
        f"invoice_lines_{label}": lines,
        f"invoice_lines_per_s_{label}": round(lines / seconds),
        f"invoice_memory_mb_per_100k_{label}": round(
            invoice_memory(year, seed) * 100_000 / children, 1
        ),
    }


def traced_peak(build: Callable[[], object]) -> tuple[object, float, float]:
    """*build*'s result, and the peak and retained memory it allocated, in MB."""
    gc.collect()
    tracemalloc.start()
    try:
        result = build()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak / 1e6, current / 1e6


def measure_memory(
    booked: dict[tuple[str, str], tuple[date, ...]], children: Sequence[str], sizes: Sizes
) -> tuple[BookingSet, dict[str, Any]]:
    """The year's bookings held as a BookingSet, and a sample of them as a tuple of Booking."""
    year, peak, retained = traced_peak(lambda: BookingSet.from_days(booked))
    assert isinstance(year, BookingSet)
    sample = set(children[: sizes.memory_reference_children])
    sample_days = {key: days for key, days in booked.items() if key[0] in sample}

    def as_tuple() -> tuple[Booking, ...]:
        return tuple(
            Booking(child, code, day) for (child, code), days in sample_days.items() for day in days
        )

    held, reference_peak, _ = traced_peak(as_tuple)
    assert isinstance(held, tuple)
    scale = len(children) / len(sample)
    return year, {
        "booked_days": year.count(),
        "peak_mb_year_bookings": round(peak, 2),
        "retained_mb_year_bookings": round(retained, 2),
        "booking_tuple_sample_children": len(sample),
        "peak_mb_year_bookings_as_tuple": round(reference_peak * scale, 1),
        "memory_vs_tuple": round(reference_peak * scale / peak, 1),
    }


def verdicts(result: dict[str, Any]) -> dict[str, bool]:
    checks = {">=": float.__ge__, "<": float.__lt__, "<=": float.__le__}
    return {
        name: checks[sign](float(result[name]), float(target))
        for name, (sign, target) in TARGETS.items()
        if name in result
    }


def run(quick: bool, seed: int, scale: Sequence[int] = ()) -> dict[str, Any]:
    sizes = QUICK if quick else FULL
    school_calendar = commune.calendar()
    rules = commune.rules(school_calendar)
    children = commune.child_ids(sizes.children)
    requests = commune.period_requests(school_calendar, children, seed)
    result: dict[str, Any] = {
        "profile": "quick" if quick else "full",
        "seed": seed,
        "children": len(children),
        "services": len(commune.SERVICES),
        "school_year": commune.YEAR.label,
    }
    decisions, booked = measure_decisions(rules, requests, sizes, seed)
    year, memory = measure_memory(booked, children, sizes)
    result |= decisions
    result |= measure_workdays(sizes, seed)
    result |= measure_planning(school_calendar, year, sizes)
    result |= measure_invoice(year, seed, sizes.repeat)
    result |= memory
    result |= serve.measure_serve(2_000 if quick else 20_000)
    result |= cold_start.measure_cold_start(3 if quick else 21)
    if scale:
        # The full commune's invoice again, just before and after each larger one: other jobs
        # on the machine change its speed over the minutes a large commune takes.
        start, end = INVOICE_MONTH
        month = {(child, code): days for child, code, days in year.booked_between(start, end)}
        again = (
            year,
            month_attendance(year, seed),
            commune.late_charges(month, LATE_CHARGES, seed),
        )
        del month
    for size in scale:
        lines, before = timed_invoice(*again, sizes.repeat)
        result |= measure_invoice_at(size, seed)
        after = timed_invoice(*again, sizes.repeat)[1]
        label = scale_label(size)
        around = round(lines / statistics.median((before, after)))
        result[f"invoice_lines_per_s_around_{label}"] = around
        result[f"invoice_{label}_vs_10k"] = round(
            result[f"invoice_lines_per_s_{label}"] / around, 2
        )
    result["targets_met"] = verdicts(result)
    return result


ROWS = (
    ("decisions_per_s", "decisions/s, period bookings in batch (child x day)", "{:,}"),
    ("decisions_without_table_per_s", "  the same without a change-window table", "{:,}"),
    ("decide_many_per_s", "decisions/s, basket of individual changes", "{:,}"),
    ("decide_many_without_table_per_s", "  the same without a change-window table", "{:,}"),
    ("decide_per_s", "decisions/s, one change at a time (decide)", "{:,}"),
    ("workalendar_loop_per_s", "  reference: naive loop, workalendar per child x day", "{:,}"),
    ("decisions_vs_workalendar", "batch vs the naive loop", "{}x"),
    ("decide_many_vs_workalendar", "basket vs the naive loop", "{}x"),
    ("workdays_per_s", "sub_working_days calls/s", "{:,}"),
    ("workdays_workalendar_per_s", "  reference: workalendar France", "{:,}"),
    ("workdays_vs_workalendar", "working days vs workalendar", "{}x"),
    ("planning_year_ms", "planning, one child's school year, 3 services (ms)", "{}"),
    ("planning_year_cold_ms", "  the same, first grid on fresh rules (ms)", "{}"),
    ("planning_year_without_table_ms", "  the same, without a change-window table (ms)", "{}"),
    ("window_table_year_ms", "  building the school year's table, 3 services (ms)", "{}"),
    ("planning_workalendar_deadlines_ms", "  reference: its deadlines with workalendar (ms)", "{}"),
    ("invoice_lines_per_s", "invoice lines/s, a month from a BookingSet", "{:,}"),
    ("invoice_from_bookings_lines_per_s", "  reference: from a list of Booking", "{:,}"),
    ("invoice_plain_loop_lines_per_s", "  reference: a plain loop, same rules and total", "{:,}"),
    ("invoice_memory_mb_per_100k", "  MB per 100,000 children-month, with attendance", "{}"),
    ("invoice_lines_per_s_300k", "invoice lines/s, 300,000 children (--scale)", "{:,}"),
    ("invoice_300k_vs_10k", "  against 10,000 children, timed around it", "{}x"),
    ("invoice_memory_mb_per_100k_300k", "  MB per 100,000 children-month, with attendance", "{}"),
    ("invoice_lines_per_s_1m", "invoice lines/s, 1,000,000 children (--scale)", "{:,}"),
    ("invoice_1m_vs_10k", "  against 10,000 children, timed around it", "{}x"),
    ("invoice_memory_mb_per_100k_1m", "  MB per 100,000 children-month, with attendance", "{}"),
    ("peak_mb_year_bookings", "peak MB, the year's bookings as a BookingSet", "{}"),
    ("peak_mb_year_bookings_as_tuple", "  reference: as a tuple of Booking (scaled)", "{}"),
    ("serve_requests_per_s", "decide requests/s through one serve --stdio process", "{:,}"),
    ("serve_requests_per_cpu_s", "  the same per second of the service's CPU time", "{:,}"),
    ("cli_cold_start_vs_python", "one decide process, CPU time vs python -c pass", "{}x"),
    ("cli_decide_cpu_ms", "  the command's CPU time (ms)", "{}"),
    ("library_decide_cpu_ms", "  the library alone, same decision (ms)", "{}"),
    ("python_pass_cpu_ms", "  reference: python -c pass (ms)", "{}"),
)


def table(result: dict[str, Any]) -> str:
    met = result["targets_met"]
    lines = [
        f"{result['children']:,} children, {result['services']} services, school year "
        f"{result['school_year']}, {result['booked_days']:,} booked days, seed {result['seed']} "
        f"({result['profile']})",
        "",
        f"{'figure':<56} {'value':>14}  target",
    ]
    for key, label, shape in ROWS:
        if key not in result:
            continue
        target = ""
        if key in TARGETS:
            sign, bound = TARGETS[key]
            target = f"{sign} {bound:,} " + ("met" if met[key] else "MISSED")
        lines.append(f"{label:<56} {shape.format(result[key]):>14}  {target}")
    lines.append("")
    lines.append(
        f"{result['decisions']:,} decisions from {result['decisions_service_days_computed']:,} "
        f"(service, day) decisions; {result['invoice_lines']:,} invoice lines in "
        f"{result['invoice_month']}; mismatches: workalendar loop "
        f"{result['workalendar_loop_mismatches']}, working days {result['workdays_mismatches']}, "
        f"invoice equal to reference: {result['invoice_matches_reference']}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--scale",
        type=int,
        nargs="*",
        metavar="CHILDREN",
        help="also invoice communes of these sizes (1,000,000 when none is given); not for CI",
    )
    options = parser.parse_args(argv)
    scale = () if options.scale is None else tuple(options.scale) or (1_000_000,)
    result = run(options.quick, options.seed, scale)
    print(json.dumps(result) if options.json else table(result))
    wrong = (
        result["workalendar_loop_mismatches"]
        or result["workdays_mismatches"]
        or not result["invoice_matches_reference"]
    )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
