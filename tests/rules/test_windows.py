"""Rules as values, and the change windows they give: computed once per basket or per table."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import Booking, ChangeAction, Money, Service, ServiceKind, policies
from cantine_rules.calendar import SchoolCalendar, ServiceDays
from cantine_rules.policies import (
    BookingRules,
    ChangeWindow,
    DayStatus,
    HoursBefore,
    PlanningPeriod,
    ServiceRules,
    planning,
    planning_between,
)
from cantine_rules.rules.deadlines import service_start
from cantine_rules.rules.window_table import ChangeWindowTable
from cantine_rules.testing import booking_changes, booking_rules
from tests._helpers import paris, refusal
from tests.rules._fixtures import (
    ADD,
    CAL_B,
    CANCEL,
    CHANTRAINE_LIKE,
    EVENING,
    LATE_AT,
    MEAL,
    MORNING,
    OFFICE,
    SEED_002,
    SOME_RULES,
    THURSDAY,
    change,
)

_LOOSE = ServiceRules(HoursBefore(1), HoursBefore(1))


def test_the_order_rules_are_given_in_does_not_change_the_rules() -> None:
    both = {ServiceKind.MORNING_CARE: _LOOSE, ServiceKind.EVENING_CARE: _LOOSE}
    days = {
        "matin": frozenset({ServiceDays.SCHOOL_DAYS}),
        "soir": frozenset({ServiceDays.SCHOOL_DAYS}),
    }
    services = (MORNING, EVENING)
    one = BookingRules(CAL_B, services, SOME_RULES, by_kind=both, service_days=days)
    other = BookingRules(
        CAL_B,
        services,
        SOME_RULES,
        by_kind=dict(reversed(both.items())),
        service_days=dict(reversed(days.items())),
    )
    assert one == other
    assert hash(one) == hash(other)


@attrs.frozen
class _Counting:
    """A deadline rule that records each day it is asked about."""

    inner: HoursBefore
    calls: list[date] = attrs.field(factory=list, eq=False)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        self.calls.append(day)
        return self.inner.window(service, day, calendar)

    def describe(self, lang: str = "fr") -> str:
        return self.inner.describe(lang)


def test_each_window_is_computed_once_by_the_rules_and_once_per_table() -> None:
    counting = _Counting(HoursBefore(48))
    rules = BookingRules(CAL_B, (MEAL,), ServiceRules(counting, counting))
    basket = [change(ADD, "repas", THURSDAY, LATE_AT)] * 3 + [
        change(CANCEL, "repas", THURSDAY, LATE_AT)
    ]
    # A basket computes each (service, day) once, however many changes ask for it; the rules
    # remember it, so a later basket, period or single change reads it again.
    rules.decide_many(basket)
    assert counting.calls == [THURSDAY]
    rules.decide_many(basket)
    rules.decide(basket[0])
    rules.decide_period(["c1", "c2"], "repas", [THURSDAY], ADD, LATE_AT)
    assert counting.calls == [THURSDAY]
    # A table built from fresh rules computes each of its days once; baskets, periods and grids
    # then only read it.
    counting.calls.clear()
    fresh = BookingRules(CAL_B, (MEAL,), ServiceRules(counting, counting))
    table = ChangeWindowTable(fresh, THURSDAY, THURSDAY)
    assert counting.calls == [THURSDAY]
    fresh.decide_many(basket, table=table)
    fresh.decide_period(["c1", "c2"], "repas", [THURSDAY], ADD, LATE_AT, table=table)
    planning_between(fresh, "c1", "repas", THURSDAY, THURSDAY, at=LATE_AT, table=table)
    assert counting.calls == [THURSDAY]
    # A window asked of the rules alone is computed each time (any day may be asked).
    assert fresh.window(ADD, "repas", THURSDAY) == fresh.window(ADD, "repas", THURSDAY)
    assert counting.calls == [THURSDAY] * 3


def test_the_rules_remember_a_bounded_number_of_days() -> None:
    counting = _Counting(HoursBefore(48))
    rules = BookingRules(CAL_B, (MEAL,), ServiceRules(counting, counting))
    days = [date(2023, 9, 1) + timedelta(days=n) for n in range(1200)]
    for day in days:
        rules.day_windows("repas", day)
    assert len(rules._index["repas"].windows) <= 1100
    # Remembered or computed again, a day's windows are the same.
    again = BookingRules(CAL_B, (MEAL,), ServiceRules(counting, counting))
    assert [rules.day_windows("repas", day) for day in days] == [
        again.day_windows("repas", day) for day in days
    ]


# Equal rules are equal bytes -------------------------------------------------------------------


def _used(rules: BookingRules) -> None:
    """Every way the engine reads rules: a change, a basket, a period and a planning grid."""
    rules.decide(change(ADD, "repas", THURSDAY, LATE_AT))
    rules.decide_many([change(CANCEL, "repas", date(2024, 9, 20), LATE_AT)])
    rules.decide_period(["c1"], "repas", [date(2024, 9, 23)], ADD, LATE_AT)
    planning(rules, "c1", "repas", PlanningPeriod.MONTH, THURSDAY, at=LATE_AT)
    rules.window(CANCEL, "repas", date(2024, 10, 1))


def test_rules_pickle_to_the_same_bytes_before_and_after_use() -> None:
    rules = BookingRules(CAL_B, (MEAL, EVENING), SOME_RULES)
    before = pickle.dumps(rules)
    _used(rules)
    assert pickle.dumps(rules) == before
    assert pickle.loads(before) == rules
    # An equal value, built and used apart, is the same bytes too.
    twin = BookingRules(CAL_B, (MEAL, EVENING), SOME_RULES)
    _used(twin)
    assert pickle.dumps(twin) == before


def test_rules_round_trip_through_pickle_and_decide_alike() -> None:
    _used(SEED_002)
    copy = pickle.loads(pickle.dumps(SEED_002))
    assert copy == SEED_002
    late = change(CANCEL, "soir", THURSDAY, LATE_AT, OFFICE)
    assert copy.decide(late, price=Money.euros(2)) == SEED_002.decide(late, price=Money.euros(2))


# The table -------------------------------------------------------------------------------------

_SPAN = (date(2024, 9, 16), date(2024, 11, 17))
_TABLE = ChangeWindowTable(SEED_002, *_SPAN)
SEED_002_CODES = ("repas", "matin", "soir", "mercredi", "vacances")
KNOWN_CODES = "known: matin, mercredi, repas, soir, vacances"


def test_a_table_holds_every_service_on_every_day_of_its_span() -> None:
    assert _TABLE.services == SEED_002_CODES
    assert len(_TABLE) == 5 * 63
    assert _TABLE.covers("soir", date(2024, 9, 16))
    assert _TABLE.covers("soir", date(2024, 11, 17))
    assert not _TABLE.covers("soir", date(2024, 11, 18))
    assert not _TABLE.covers("piscine", THURSDAY)


def test_a_table_holds_what_the_rules_say_of_each_day() -> None:
    for code in _TABLE.services:
        for offset in range(63):
            day = _SPAN[0] + timedelta(days=offset)
            entry = _TABLE.entry(code, day)
            assert entry == SEED_002.day_windows(code, day)
            assert entry is not None
            assert entry.start == service_start(SEED_002.service(code), day)
            if entry.add is None:
                assert entry.cancel is None
                assert entry.closed == SEED_002.no_service_reason(code, day)
            for action in ChangeAction:
                assert _TABLE.window(action, code, day) == SEED_002.window(action, code, day)


def test_a_closed_day_in_the_table_names_its_holiday() -> None:
    # Seed 002's zone B: the Toussaint holidays run from 19 October to 3 November 2024.
    entry = _TABLE.entry("repas", date(2024, 10, 22))
    assert entry is not None
    assert (entry.add, entry.cancel, entry.closed) == (None, None, "Vacances de la Toussaint")
    (cell,) = _TABLE.closed_cells("repas", date(2024, 10, 22), date(2024, 10, 22))
    assert cell is not None
    assert (cell.status, cell.reason) == (DayStatus.CLOSED, "Vacances de la Toussaint")
    assert _TABLE.closed_cells("repas", THURSDAY, THURSDAY) == (None,)


def test_a_table_reads_a_run_of_days_with_none_outside_its_span() -> None:
    held = _TABLE.entries("soir", date(2024, 9, 14), date(2024, 9, 17))
    assert held[:2] == (None, None)
    assert held[2:] == (
        _TABLE.entry("soir", date(2024, 9, 16)),
        _TABLE.entry("soir", date(2024, 9, 17)),
    )
    assert _TABLE.entries("soir", date(2025, 1, 1), date(2025, 1, 3)) == (None,) * 3
    assert _TABLE.entries("soir", date(2024, 9, 17), date(2024, 9, 16)) == ()


def test_a_table_is_a_value() -> None:
    again = ChangeWindowTable(SEED_002, *_SPAN, services=SEED_002_CODES)
    assert again == _TABLE
    assert hash(again) == hash(_TABLE)
    assert ChangeWindowTable(SEED_002, *_SPAN, services=["soir"]) != _TABLE
    copy = pickle.loads(pickle.dumps(_TABLE))
    assert copy == _TABLE
    assert copy.entries("soir", *_SPAN) == _TABLE.entries("soir", *_SPAN)
    assert pickle.dumps(copy) == pickle.dumps(_TABLE)


def test_a_table_of_a_school_year_runs_from_september_to_august() -> None:
    table = ChangeWindowTable.for_school_year(SEED_002, date(2025, 2, 3), services=["repas"])
    assert (table.first, table.last, table.services) == (
        date(2024, 9, 1),
        date(2025, 8, 31),
        ("repas",),
    )


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: ChangeWindowTable("rules", *_SPAN),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "rules",
                "rules",
                "rules: must be BookingRules (got 'rules' of type str)",
            ),
        ),
        (
            lambda: ChangeWindowTable(SEED_002, date(2024, 9, 2), date(2024, 9, 1)),
            (
                "InvalidValueError",
                "last",
                date(2024, 9, 1),
                "last: must not be before 2024-09-02 (got 2024-09-01)",
            ),
        ),
        (
            lambda: ChangeWindowTable(SEED_002, *_SPAN, services=["repas", "piscine"]),
            (
                "UnknownServiceError",
                "services[1]",
                "piscine",
                f"services[1]: unknown 'piscine'; {KNOWN_CODES}",
            ),
        ),
        (
            lambda: SEED_002.decide_many([], table="table"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "table",
                "table",
                "table: must be a ChangeWindowTable (got 'table' of type str)",
            ),
        ),
    ],
)
def test_bad_tables_are_refused_naming_the_field(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_a_table_of_other_rules_is_refused_everywhere_it_is_taken() -> None:
    other = ChangeWindowTable(CHANTRAINE_LIKE, THURSDAY, THURSDAY)
    calls: list[Callable[[], object]] = [
        lambda: SEED_002.decide_many([change(ADD, "repas", THURSDAY, LATE_AT)], table=other),
        lambda: SEED_002.decide_period(["c1"], "repas", [THURSDAY], ADD, LATE_AT, table=other),
        lambda: planning_between(
            SEED_002, "c1", "repas", THURSDAY, THURSDAY, at=LATE_AT, table=other
        ),
    ]
    for call in calls:
        name, field, value, message = refusal(call)
        assert (name, field, value) == ("InvalidValueError", "table", other)
        assert message.startswith("table: was built from other booking rules")
    # Equal rules built apart share their tables.
    twin = BookingRules(CAL_B, (MEAL,), ServiceRules(add=HoursBefore(48), cancel=HoursBefore(48)))
    assert twin.decide_many([change(ADD, "repas", THURSDAY, LATE_AT)], table=other)


# The same answers with or without a table ------------------------------------------------------

_TERM = (date(2024, 9, 2), date(2025, 7, 4))


@settings(max_examples=40)
@given(st.data())
def test_decisions_and_grids_are_the_same_with_or_without_a_table(data: st.DataObject) -> None:
    rules = data.draw(booking_rules())
    changes = data.draw(st.lists(booking_changes(rules, *_TERM), min_size=1, max_size=12))
    # A table over part of the term: some changes read it, the others are computed.
    first = data.draw(st.dates(*_TERM))
    table = ChangeWindowTable(rules, first, first + timedelta(days=data.draw(st.integers(0, 90))))

    def price_of(child_id: str, service: Service, day: date) -> Money:
        return Money.from_cents(300 + day.day)

    assert rules.decide_many(changes, price_of=price_of, table=table) == rules.decide_many(
        changes, price_of=price_of
    )
    one = changes[0]
    # The days of the changes, and the week around the first (days without service included).
    days = sorted(
        {c.day for c in changes if c.service_code == one.service_code}
        | {one.day + timedelta(days=offset) for offset in range(-3, 4)}
    )
    period = (["c1", "c2"], one.service_code, days, one.action, one.requested_at)
    with_table = rules.decide_period(
        *period, channel=one.channel, price=Money.euros(3), table=table
    )
    assert with_table == rules.decide_period(*period, channel=one.channel, price=Money.euros(3))
    grid = (
        rules,
        one.child_id,
        one.service_code,
        one.day - timedelta(days=20),
        one.day + timedelta(days=20),
    )
    bookings = [Booking(c.child_id, c.service_code, c.day) for c in changes]
    assert planning_between(
        *grid, at=one.requested_at, bookings=bookings, table=table
    ) == planning_between(*grid, at=one.requested_at, bookings=bookings)


def test_a_commune_draws_the_same_grids_with_its_table() -> None:
    commune = policies.get("saint-just-d-avray")
    table = ChangeWindowTable.for_school_year(commune.booking, date(2024, 9, 2))
    at = paris(2024, 9, 19, 16, 59)
    bookings = [
        Booking("c1", "repas", date(2024, 9, 23)),
        Booking("c1", "repas", date(2024, 11, 12)),
    ]
    for period in PlanningPeriod:
        for day in (date(2024, 9, 25), date(2025, 8, 20)):
            grid = commune.planning("c1", "repas", period, day, at=at, bookings=bookings)
            assert (
                commune.planning("c1", "repas", period, day, at=at, bookings=bookings, table=table)
                == grid
            )
