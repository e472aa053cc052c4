"""Properties of billing what happened on the day, on the example communes' scenarios.

No charge is negative; an earlier notice never costs more; the order of the events never
changes the bill; a period of whole months bills what its months bill one by one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import at_paris
from cantine_rules.billing import BillResult, bill
from cantine_rules.money import Money
from cantine_rules.plain import AttendanceEvent, EventKind, Scenario, load_scenario
from cantine_rules.testing import attendance_events

ROOT = Path(__file__).resolve().parents[2]
FEW = settings(max_examples=25, deadline=None)


def scenario(name: str) -> Scenario:
    return load_scenario(ROOT / "examples" / "scenarios" / f"{name}.toml")


MAGISTERE = scenario("la-magistere-carence")
COLOMBAN = scenario("saint-colomban-absences")
VAILHAUQUES = scenario("vailhauques-sans-reservation")
COETMIEUX = scenario("coetmieux-retard")
SAUSSAY = scenario("saussay-carte-mensuelle")

# The booked days of each scenario (Monday, Tuesday, Thursday, Friday), and Vailhauques's
# days without booking (its bookings are Mondays and Tuesdays).
MAGISTERE_DAYS = [date(2018, 11, d) for d in (5, 6, 8, 9, 12, 13, 15, 16)]
COLOMBAN_DAYS = [date(2020, 1, d) for d in (13, 14, 16, 17, 20, 21, 23, 24)]
VAILHAUQUES_UNBOOKED = [date(2024, 10, d) for d in (10, 11, 17, 18)]
VAILHAUQUES_BOOKED = [date(2024, 10, d) for d in (7, 8, 14, 15)]


def with_events(base: Scenario, events: list[AttendanceEvent]) -> Scenario:
    return attrs.evolve(base, attendance=tuple(events), notes=())


def absent(child: str, day: date, notice_at: datetime | None) -> AttendanceEvent:
    return AttendanceEvent(EventKind.ABSENT, child, "repas", day, notice_at=notice_at)


def notices(days: list[date]) -> st.SearchStrategy[datetime | None]:
    """No notice, or a notice from five days before the first day to the last day's evening."""
    first = at_paris(days[0] - timedelta(days=5), time(0))
    span = int((at_paris(days[-1], time(20)) - first).total_seconds())
    return st.one_of(
        st.none(), st.integers(0, span).map(lambda seconds: first + timedelta(seconds=seconds))
    )


def absences(base_child: str, days: list[date]) -> st.SearchStrategy[list[AttendanceEvent]]:
    return st.lists(
        st.tuples(st.sampled_from(days), notices(days)), unique_by=lambda item: item[0]
    ).map(lambda items: [absent(base_child, day, notice) for day, notice in items])


def no_negative_line(result: BillResult) -> bool:
    return all(not line.amount.is_negative() for line in result.invoice.lines)


@FEW
@given(events=absences("jules", MAGISTERE_DAYS))
def test_la_magistere_charges_are_never_negative_nor_above_the_booked_price(
    events: list[AttendanceEvent],
) -> None:
    result = bill(with_events(MAGISTERE, events))
    assert no_negative_line(result)
    # An absence never costs more than being there: 8 meals at 2,60 €.
    assert result.invoice.total <= Money.euros("20.80")


@FEW
@given(
    days=st.lists(st.sampled_from(MAGISTERE_DAYS[4:]), min_size=1, unique=True),
    later=notices(MAGISTERE_DAYS[4:]),
    earlier_by=st.integers(0, 5 * 24 * 3600),
)
def test_an_earlier_notice_never_costs_more_at_la_magistere(
    days: list[date], later: datetime | None, earlier_by: int
) -> None:
    """Waiting days counted from the notice: told earlier, the same run costs no more."""
    if later is None:
        return
    earlier = later - timedelta(seconds=earlier_by)
    late = bill(with_events(MAGISTERE, [absent("jules", day, later) for day in days]))
    early = bill(with_events(MAGISTERE, [absent("jules", day, earlier) for day in days]))
    assert early.invoice.total <= late.invoice.total


@FEW
@given(
    day=st.sampled_from(COLOMBAN_DAYS),
    later=notices(COLOMBAN_DAYS),
    earlier_by=st.integers(0, 3 * 24 * 3600),
)
def test_an_earlier_notice_never_costs_more_at_saint_colomban(
    day: date, later: datetime | None, earlier_by: int
) -> None:
    unannounced = bill(with_events(COLOMBAN, [absent("maelys", day, None)]))
    if later is None:
        return
    late = bill(with_events(COLOMBAN, [absent("maelys", day, later)]))
    early = bill(
        with_events(COLOMBAN, [absent("maelys", day, later - timedelta(seconds=earlier_by))])
    )
    assert early.invoice.total <= late.invoice.total <= unannounced.invoice.total


@FEW
@given(
    events=attendance_events("nina", "repas", VAILHAUQUES_BOOKED, VAILHAUQUES_UNBOOKED),
    data=st.data(),
)
def test_the_order_of_the_events_never_changes_the_bill(
    events: list[AttendanceEvent], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(events))
    first = bill(with_events(VAILHAUQUES, events))
    assert no_negative_line(first)
    assert first.invoice == bill(with_events(VAILHAUQUES, shuffled)).invoice


@FEW
@given(data=st.data())
def test_the_order_of_late_pick_ups_never_changes_a_family_fee(data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(COETMIEUX.attendance))
    assert bill(COETMIEUX).invoice == bill(with_events(COETMIEUX, shuffled)).invoice


SAUSSAY_BOOKED = frozenset(
    line.day for line in bill(attrs.evolve(SAUSSAY, regimes=())).invoice.lines
)
SAUSSAY_DAYS = [
    day
    for day in (date(2025, 9, 1) + timedelta(days=n) for n in range(61))
    if day.weekday() in (0, 1, 3, 4)
]


def split(base: Scenario, start: date, end: date) -> Scenario:
    events = [event for event in base.attendance if start <= event.day <= end]
    return attrs.evolve(base, start=start, end=end, attendance=tuple(events), notes=())


@FEW
@given(
    missed=st.lists(st.sampled_from(SAUSSAY_DAYS), unique=True),
    child=st.sampled_from(["alice", "rose"]),
)
def test_a_period_of_whole_months_bills_what_its_months_bill(
    missed: list[date], child: str
) -> None:
    """Monthly cards are billed by the month, so September–October = September + October."""
    events = [absent(child, day, None) for day in missed if day in SAUSSAY_BOOKED]
    whole = with_events(SAUSSAY, events)
    september = bill(split(whole, date(2025, 9, 1), date(2025, 9, 30))).invoice
    october = bill(split(whole, date(2025, 10, 1), date(2025, 10, 31))).invoice
    both = bill(whole).invoice
    assert sorted(both.lines, key=repr) == sorted([*september.lines, *october.lines], key=repr)
    assert both.total == september.total + october.total
    assert no_negative_line(bill(whole))
