"""Rules as values, and the change windows they give: computed once per basket or per table."""

from __future__ import annotations

from datetime import date

import attrs

from cantine_rules import Service, ServiceKind
from cantine_rules.calendar import SchoolCalendar, ServiceDays
from cantine_rules.policies import (
    BookingRules,
    ChangeWindow,
    HoursBefore,
    ServiceRules,
    planning_between,
)
from cantine_rules.rules.window_table import ChangeWindowTable
from tests.rules._fixtures import (
    ADD,
    CAL_B,
    CANCEL,
    EVENING,
    LATE_AT,
    MEAL,
    MORNING,
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


def test_each_window_is_computed_once_per_basket_and_once_per_table() -> None:
    counting = _Counting(HoursBefore(48))
    rules = BookingRules(CAL_B, (MEAL,), ServiceRules(counting, counting))
    basket = [change(ADD, "repas", THURSDAY, LATE_AT)] * 3 + [
        change(CANCEL, "repas", THURSDAY, LATE_AT)
    ]
    # A basket computes each (service, day) once, however many changes ask for it.
    rules.decide_many(basket)
    assert counting.calls == [THURSDAY]
    # A table computes each of its days once; baskets, periods and grids then only read it.
    table = ChangeWindowTable(rules, THURSDAY, THURSDAY)
    assert counting.calls == [THURSDAY] * 2
    rules.decide_many(basket, table=table)
    rules.decide_period(["c1", "c2"], "repas", [THURSDAY], ADD, LATE_AT, table=table)
    planning_between(rules, "c1", "repas", THURSDAY, THURSDAY, at=LATE_AT, table=table)
    assert counting.calls == [THURSDAY] * 2
    # The rules keep nothing: a window asked of them is computed each time.
    assert rules.window(ADD, "repas", THURSDAY) == rules.window(ADD, "repas", THURSDAY)
    assert counting.calls == [THURSDAY] * 4
