"""The library's main work on a seeded commune of 10,000 children, each figure beside a reference.

    python benchmarks/run.py            # the full commune, prints a table
    python benchmarks/run.py --quick    # 500 children and small samples, for CI (a few seconds)
    python benchmarks/run.py --json     # one JSON object on stdout

The full profile also bills a month of 7 communes x 2,000 families on one process and on a local
Dask cluster of two worker processes (``benchmarks/scale.py``; needs the ``dask`` extra).

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

import scale
import serve
from cantine_rules import EUROPE_PARIS, Booking, ChangeAction
from cantine_rules.bookings import BookingSet
from cantine_rules.calendar import SchoolCalendar
from cantine_rules.policies import (
    BookingRules,
    ChangeColumns,
    Decision,
    DecisionColumns,
    DecisionStatus,
    PlanningPeriod,
    Reason,
    planning,
)
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
    "decide_many_vs_workalendar": (">=", 5),
    "decide_vs_workalendar": (">=", 2),
    "columnar_vs_workalendar": (">=", 50),
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
    # Full profile only (it starts a Dask cluster): absent from --quick.
    "dask_speedup_2_workers": (">=", 1.6),
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
#: Families per commune of the month billed on one process and on a two-worker Dask cluster.
SCALE_FAMILIES = 2_000
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
    school_calendar: SchoolCalendar,
    rules: BookingRules,
    requests: Sequence[commune.PeriodRequest],
    sizes: Sizes,
    seed: int,
) -> dict[str, Any]:
    """Full decisions, one per change: single calls, a basket, its columns; the naive loop."""
    changes = commune.basket(
        school_calendar,
        [child for request in requests for child in request.child_ids],
        sizes.basket,
        seed,
    )
    prices = [commune.price_of(c.child_id, rules.service(c.service_code), c.day) for c in changes]

    def one_by_one(deciding: BookingRules) -> list[Decision]:
        return [deciding.decide(c, price=p) for c, p in zip(changes, prices, strict=True)]

    # Cold: fresh rules decide the basket one change at a time, remembering no day yet.
    _cold, cold_seconds = timed(lambda: one_by_one(commune.rules(school_calendar)))
    # A portal keeps the school year's table (built outside the timing) and its rules, which
    # remember the windows of the days they decided: every timing below is of warm calls, after
    # one untimed pass of each (which also imports what a late charge needs on first use).
    table = year_table(rules)
    rules.decide_many(changes, price_of=commune.price_of, table=table)
    rules.decide_columns(changes, price_of=commune.price_of, table=table)
    one_by_one(rules)
    many, many_seconds = timed(
        lambda: rules.decide_many(changes, price_of=commune.price_of, table=table), sizes.repeat
    )
    assert len(many) == len(changes)
    alone, alone_seconds = timed(
        lambda: rules.decide_many(changes, price_of=commune.price_of), sizes.repeat
    )
    assert alone == many
    singles, single_seconds = timed(lambda: one_by_one(rules), sizes.repeat)
    assert len(singles) == len(changes)
    # The columns as a portal reading its rows would hold them, built outside the timing: the
    # figure is of deciding them. Building them is timed apart, from the changes (values checked
    # already) and from the bare tuples of a database (every value checked).
    held = ChangeColumns.of(changes)
    rules.decide_columns(held, price_of=commune.price_of, table=table)
    columns, columns_seconds = timed(
        lambda: rules.decide_columns(held, price_of=commune.price_of, table=table), sizes.repeat
    )
    assert columns == DecisionColumns.from_decisions(many)
    _held, of_seconds = timed(lambda: ChangeColumns.of(changes), sizes.repeat)
    bare = attrs.astuple(held, recurse=False, filter=lambda field, _value: field.init)
    checked, checked_seconds = timed(lambda: ChangeColumns(*bare), sizes.repeat)
    assert checked == held
    from_changes, from_changes_seconds = timed(
        lambda: rules.decide_columns(changes, price_of=commune.price_of, table=table), sizes.repeat
    )
    assert from_changes == columns

    # The naive portal: for each change, workalendar's deadline day, combined with the service's
    # start time, compared with the change's instant.
    starts = {service.code: service.start for service in commune.SERVICES}
    reference = France()
    reference.holidays(commune.YEAR.start.year)
    reference.holidays(commune.YEAR.end.year)

    def naive() -> list[bool]:
        answers = []
        for change in changes:
            deadline_day = reference.sub_working_days(change.day, commune.DEADLINE_WORKING_DAYS)
            deadline = datetime.combine(
                deadline_day, starts[change.service_code], tzinfo=EUROPE_PARIS
            )
            answers.append(change.requested_at < deadline)
        return answers

    naive_answers, naive_seconds = timed(naive, sizes.repeat)
    mismatches = sum(
        answer != (decision.reason is Reason.ON_TIME)
        for answer, decision in zip(naive_answers, many, strict=True)
    )
    naive_rate = len(changes) / naive_seconds
    many_rate = len(many) / many_seconds
    single_rate = len(singles) / single_seconds
    columns_rate = len(columns) / columns_seconds
    from_changes_rate = len(from_changes) / from_changes_seconds
    return {
        "decide_many_changes": len(many),
        "decisions_per_s": round(many_rate),
        "decide_many_without_table_per_s": round(len(alone) / alone_seconds),
        "decide_per_s": round(single_rate),
        "decide_cold_per_s": round(len(changes) / cold_seconds),
        "columnar_per_s": round(columns_rate),
        "columnar_from_changes_per_s": round(from_changes_rate),
        "change_columns_of_per_s": round(len(changes) / of_seconds),
        "change_columns_checked_per_s": round(len(changes) / checked_seconds),
        "workalendar_loop_sample": len(changes),
        "workalendar_loop_per_s": round(naive_rate),
        "workalendar_loop_mismatches": mismatches,
        "decide_many_vs_workalendar": round(many_rate / naive_rate, 2),
        "decide_vs_workalendar": round(single_rate / naive_rate, 2),
        "columnar_vs_workalendar": round(columns_rate / naive_rate, 2),
        "columnar_from_changes_vs_workalendar": round(from_changes_rate / naive_rate, 2),
    }


def measure_periods(
    rules: BookingRules, requests: Sequence[commune.PeriodRequest], sizes: Sizes
) -> tuple[dict[str, Any], dict[tuple[str, str], tuple[date, ...]]]:
    """The year's period bookings: each (service, day) decided once and shared by its children.

    Both the library and the reference loop share the answer of a (service, day) between the
    children who ticked it, so the answers per second grow with the number of children: these
    figures are labelled shared, and compare the two ways of sharing, not decisions.
    """

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

    # Fresh rules, the year's table built inside the timing: every (service, day) is computed.
    outcomes, seconds = timed(lambda: decide_year(year_table(rules)))
    answers = sum(len(outcome) for outcome in outcomes)
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

    # The naive portal sharing the same way: one workalendar deadline per (service, day) of each
    # request, its answer given to every child of the request.
    starts = {service.code: service.start for service in commune.SERVICES}
    reference = France()
    reference.holidays(commune.YEAR.start.year)
    reference.holidays(commune.YEAR.end.year)
    at = commune.PERIOD_REQUESTED_AT

    def naive_shared() -> list[tuple[str, date, bool, int]]:
        shared = []
        for request in requests:
            for day in request.days:
                deadline_day = reference.sub_working_days(day, commune.DEADLINE_WORKING_DAYS)
                deadline = datetime.combine(
                    deadline_day, starts[request.service_code], tzinfo=EUROPE_PARIS
                )
                shared.append((request.service_code, day, at < deadline, len(request.child_ids)))
        return shared

    shared, naive_seconds = timed(naive_shared, sizes.repeat)
    mismatches = sum(answer != on_time[code, day] for code, day, answer, _ in shared)
    rate = answers / seconds
    naive_rate = sum(children for *_, children in shared) / naive_seconds
    return {
        "period_answers_shared": answers,
        "period_service_days": service_days,
        "period_service_days_per_s": round(service_days / seconds),
        "period_answers_shared_per_s": round(rate),
        "period_workalendar_shared_per_s": round(naive_rate),
        "period_shared_vs_workalendar": round(rate / naive_rate, 2),
        "period_workalendar_mismatches": mismatches,
    }, booked


def measure_workdays(sizes: Sizes, seed: int) -> dict[str, Any]:
    result = calendar_workdays.measure(sizes.workday_calls, seed)
    return {
        "workdays_calls": result["calls"],
        "workdays_per_s": result["cantine_rules_calls_per_s"],
        "workdays_workalendar_per_s": result["workalendar_calls_per_s"],
        "workdays_vs_workalendar": result["ratio"],
        "workdays_many_per_s": result["many_days_per_s"],
        "workdays_many_vs_workalendar": result["many_ratio"],
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


def run(quick: bool, seed: int, larger: Sequence[int] = ()) -> dict[str, Any]:
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
    # The period bookings first, on fresh rules: they compute every (service, day) they decide.
    periods, booked = measure_periods(rules, requests, sizes)
    year, memory = measure_memory(booked, children, sizes)
    result |= measure_decisions(school_calendar, rules, requests, sizes, seed)
    result |= periods
    result |= measure_workdays(sizes, seed)
    result |= measure_planning(school_calendar, year, sizes)
    result |= measure_invoice(year, seed, sizes.repeat)
    result |= memory
    result |= serve.measure_serve(2_000 if quick else 20_000)
    result |= cold_start.measure_cold_start(3 if quick else 21)
    if not quick:
        result |= scale.measure_scale(SCALE_FAMILIES, seed)
    if larger:
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
    for size in larger:
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
    ("decisions_per_s", "decisions/s, a basket of changes (decide_many)", "{:,}"),
    ("decide_many_without_table_per_s", "  the same without a change-window table", "{:,}"),
    ("decide_per_s", "decisions/s, one change at a time (decide)", "{:,}"),
    ("decide_cold_per_s", "  the same on fresh rules, no day remembered", "{:,}"),
    ("columnar_per_s", "decisions/s, ChangeColumns held, into columns", "{:,}"),
    ("columnar_from_changes_per_s", "  the same from the BookingChange values", "{:,}"),
    ("change_columns_of_per_s", "  ChangeColumns.of(changes), rows/s", "{:,}"),
    ("change_columns_checked_per_s", "  ChangeColumns from bare tuples, checked, rows/s", "{:,}"),
    ("workalendar_loop_per_s", "  reference: naive loop, workalendar per change", "{:,}"),
    ("decide_many_vs_workalendar", "basket vs the naive loop", "{}x"),
    ("decide_vs_workalendar", "one change at a time vs the naive loop", "{}x"),
    ("columnar_vs_workalendar", "columns (ChangeColumns held) vs the naive loop", "{}x"),
    ("columnar_from_changes_vs_workalendar", "  from the BookingChange values", "{}x"),
    ("period_service_days_per_s", "period bookings: (service, day) decisions/s", "{:,}"),
    ("period_answers_shared_per_s", "  child x day answers/s, shared (not decisions)", "{:,}"),
    ("period_workalendar_shared_per_s", "  reference: workalendar, shared alike", "{:,}"),
    ("period_shared_vs_workalendar", "  shared answers vs workalendar shared", "{}x"),
    ("workdays_per_s", "sub_working_days calls/s", "{:,}"),
    ("workdays_workalendar_per_s", "  reference: workalendar France", "{:,}"),
    ("workdays_vs_workalendar", "working days vs workalendar", "{}x"),
    ("workdays_many_per_s", "sub_working_days_many, days/s", "{:,}"),
    ("workdays_many_vs_workalendar", "  many days at once vs workalendar", "{}x"),
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
    ("dask_speedup_2_workers", "a month, one process vs 2 Dask workers (speed-up)", "{}x"),
    ("dask_speedup_2_workers_cpu_bound", "  what the CPU times allow on 2 free cores", "{}x"),
    ("dask_speedup_2_workers_shipped", "  the data shipped inside the timing", "{}x"),
    ("scale_single_s", "  one process (s)", "{}"),
    ("scale_cluster_s", "  LocalCluster, 2 worker processes, data placed (s)", "{}"),
    ("scale_families_per_s_single", "  families billed/s, one process", "{:,}"),
    ("partition_peak_mb", "  peak MB, one partition of 500 families", "{}"),
    ("load_average_1min", "  load average of the machine (1 min)", "{}"),
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
        f"{result['decide_many_changes']:,} changes, each decided in full; period bookings: "
        f"{result['period_service_days']:,} (service, day) decisions shared as "
        f"{result['period_answers_shared']:,} child x day answers; {result['invoice_lines']:,} "
        f"invoice lines in {result['invoice_month']}; mismatches: workalendar loop "
        f"{result['workalendar_loop_mismatches']}, shared loop "
        f"{result['period_workalendar_mismatches']}, working days "
        f"{result['workdays_mismatches']}, invoice equal to reference: "
        f"{result['invoice_matches_reference']}"
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
    larger = () if options.scale is None else tuple(options.scale) or (1_000_000,)
    result = run(options.quick, options.seed, larger)
    print(json.dumps(result) if options.json else table(result))
    wrong = (
        result["workalendar_loop_mismatches"]
        or result["period_workalendar_mismatches"]
        or result["workdays_mismatches"]
        or not result["invoice_matches_reference"]
    )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
