"""Strategies for a family in alternating custody: the rule that gives each day a household."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from cantine_rules.pricing._custody import (
    CustodyPeriod,
    CustodyRule,
    CustodySchedule,
    EveryOtherWeek,
    IsoWeekParity,
)

__all__ = ["custody_rules"]


@st.composite
def custody_rules(
    draw: st.DrawFn,
    households: tuple[str, str] = ("mere", "pere"),
    *,
    start: date = date(2024, 9, 1),
    end: date = date(2025, 7, 4),
) -> CustodyRule:
    """A custody rule between two *households* that gives every day of *start*..*end* to one.

    Even and odd ISO weeks, strict alternation from a Monday near *start*, or explicit periods
    cut at random days, without gap or overlap, covering *start* to *end*.

    Examples:
        >>> from hypothesis import find
        >>> rule = find(custody_rules(), lambda rule: isinstance(rule, IsoWeekParity))
        >>> rule.household_for(date(2024, 9, 2)) in ("mere", "pere")
        True
    """
    first, second = draw(st.permutations(households))
    kind = draw(st.sampled_from(("parity", "alternation", "schedule")))
    if kind == "parity":
        return IsoWeekParity(first, second)
    if kind == "alternation":
        day = draw(st.dates(start - timedelta(days=14), start + timedelta(days=14)))
        return EveryOtherWeek(first, second, from_monday=day - timedelta(days=day.weekday()))
    span = (end - start).days
    cuts = sorted(draw(st.sets(st.integers(0, max(span - 1, 0)), min_size=0, max_size=6)))
    periods = []
    begin = start
    for index, cut in enumerate(cuts):
        stop = start + timedelta(days=cut)
        periods.append(CustodyPeriod(begin, stop, (first, second)[index % 2]))
        begin = stop + timedelta(days=1)
    periods.append(CustodyPeriod(begin, end, (first, second)[len(cuts) % 2]))
    return CustodySchedule(periods)
