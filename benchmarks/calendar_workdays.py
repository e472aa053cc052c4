"""Working-day subtraction: cantine_rules' SchoolCalendar against workalendar's France.

Both answer the same N ``sub_working_days(day, n)`` calls, with seeded random days and deltas;
the answers must be equal. Prints both rates and their ratio (the target is at least 10x).

    python benchmarks/calendar_workdays.py            # N = 20,000
    python benchmarks/calendar_workdays.py --quick    # N = 1,000
    python benchmarks/calendar_workdays.py --json     # one JSON object on stdout

Not a timed test: timings depend on the machine, so the suite never asserts on them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta

from workalendar.europe import France

from cantine_rules.calendar import SchoolCalendar, Zone

FIRST_YEAR, LAST_YEAR = 2017, 2028
# Deadlines count back a few working days (48 h, 5 jours ouvrés); up to 20 covers them all.
MAX_DELTA = 20


def calls(count: int, seed: int) -> list[tuple[date, int]]:
    generator = random.Random(seed)
    # Keep 2 months clear of the first year so that every answer stays inside the calendar.
    first = date(FIRST_YEAR, 3, 1)
    span = (date(LAST_YEAR, 12, 31) - first).days
    return [
        (first + timedelta(days=generator.randrange(span)), generator.randint(0, MAX_DELTA))
        for _ in range(count)
    ]


def measure(count: int, seed: int) -> dict[str, float | int]:
    """Time *count* seeded ``sub_working_days`` calls on both calendars; count the mismatches."""
    work = calls(count, seed)

    started = time.perf_counter()
    ours = SchoolCalendar(Zone.C, first_year=FIRST_YEAR, last_year=LAST_YEAR)
    # The per-day table is built on the calendar's first question: it is part of building.
    ours.is_working_day(date(FIRST_YEAR, 1, 2))
    build_seconds = time.perf_counter() - started

    started = time.perf_counter()
    our_answers = [ours.sub_working_days(day, n) for day, n in work]
    our_seconds = time.perf_counter() - started

    # Many days at once, one call per count (a commune's rule has one): grouped beforehand.
    by_count: dict[int, list[date]] = {}
    for day, n in work:
        by_count.setdefault(n, []).append(day)
    started = time.perf_counter()
    many = {n: ours.sub_working_days_many(days, n) for n, days in by_count.items()}
    many_seconds = time.perf_counter() - started
    singles = {
        n: tuple(ours.sub_working_days(day, n) for day in days) for n, days in by_count.items()
    }
    reference = France()
    # Warm workalendar's per-year holiday cache, as our build is outside our timing.
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        reference.holidays(year)
    started = time.perf_counter()
    reference_answers = [reference.sub_working_days(day, n) for day, n in work]
    reference_seconds = time.perf_counter() - started

    mismatches = sum(a != b for a, b in zip(our_answers, reference_answers, strict=True))
    mismatches += sum(many[n] != singles[n] for n in by_count)
    return {
        "calls": count,
        "seed": seed,
        "build_ms": round(build_seconds * 1000, 2),
        "cantine_rules_calls_per_s": round(count / our_seconds),
        "workalendar_calls_per_s": round(count / reference_seconds),
        "ratio": round(reference_seconds / our_seconds, 1),
        "many_days_per_s": round(count / many_seconds),
        "many_ratio": round(reference_seconds / many_seconds, 1),
        "mismatches": mismatches,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1,000 calls instead of 20,000")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("-n", type=int, default=None, help="number of calls")
    parser.add_argument("--seed", type=int, default=2024)
    options = parser.parse_args(argv)
    count = options.n or (1_000 if options.quick else 20_000)
    result = measure(count, options.seed)
    mismatches = result["mismatches"]
    if options.json:
        print(json.dumps(result))
    else:
        print(f"{count} sub_working_days calls, seed {options.seed}")
        print(f"  calendar built in      {result['build_ms']} ms")
        print(f"  cantine_rules          {result['cantine_rules_calls_per_s']:>12,} calls/s")
        print(f"  workalendar France     {result['workalendar_calls_per_s']:>12,} calls/s")
        print(f"  ratio                  {result['ratio']:>12}x (target >= 10x)")
        print(f"  many days at once      {result['many_days_per_s']:>12,} days/s")
        print(f"  ratio, many at once    {result['many_ratio']:>12}x")
        print(f"  mismatches             {mismatches:>12}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
