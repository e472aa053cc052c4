"""Period bookings: the same change for many children over many days, decided once per day."""

from __future__ import annotations

from datetime import date

import attrs

from cantine_rules import Money, Service, ServiceKind
from cantine_rules.calendar import SchoolCalendar
from cantine_rules.policies import (
    BookingRules,
    ChangeWindow,
    DecisionStatus,
    ServiceRules,
    WorkingDaysBefore,
)
from tests._helpers import paris
from tests.rules._fixtures import (
    ADD,
    CAL_B,
    CANCEL,
    EVENING,
    LATE_AT,
    OFFICE,
    ONLINE,
    SEED_002,
    THURSDAY,
    change,
)


def test_period_booking_every_tuesday_is_decided_once_per_day() -> None:
    # Seed 002: « J'ouvre pour la période du 01/09/2021 au 04/07/2022, si je coche périscolaire
    # soir le mardi, cela signifie que mon enfant sera inscrit tous les mardis de l'année ».
    calls: list[date] = []

    @attrs.frozen
    class Counting:
        inner: WorkingDaysBefore

        def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
            calls.append(day)
            return self.inner.window(service, day, calendar)

        def describe(self, lang: str = "fr") -> str:
            return self.inner.describe(lang)

    counting = Counting(WorkingDaysBefore(2))
    rules = BookingRules(CAL_B, (EVENING,), ServiceRules(counting, counting))
    expansion = CAL_B.expand(
        ServiceKind.EVENING_CARE, date(2021, 9, 1), date(2022, 7, 4), weekdays=frozenset({1})
    )
    children = [f"child-{n}" for n in range(50)]
    result = rules.decide_period(children, "soir", expansion.days, ADD, paris(2021, 8, 20, 10, 0))
    assert len(calls) == len(expansion.days)
    assert len(result) == 50 * len(expansion.days)
    assert result.accepted_days() == expansion.days
    decisions = list(result)
    assert {d.change.child_id for d in decisions} == set(children)
    assert all(d.status is DecisionStatus.ACCEPTED for d in decisions)


def test_period_booking_made_late_refuses_the_first_days() -> None:
    days = CAL_B.service_days(ServiceKind.EVENING_CARE, date(2024, 9, 16), date(2024, 9, 27))
    result = SEED_002.decide_period(["c1"], "soir", days, ADD, paris(2024, 9, 17, 16, 30))
    assert result.refused_days() == (date(2024, 9, 16), date(2024, 9, 17), date(2024, 9, 19))
    assert result.accepted_days()[0] == date(2024, 9, 20)


def test_a_period_is_decided_day_by_day_as_one_change_would_be() -> None:
    days = [date(2024, 11, 11), THURSDAY, date(2024, 9, 18), date(2024, 9, 20), date(2024, 9, 27)]
    at = paris(2024, 9, 18, 9, 0)
    price = Money.euros("2.10")
    for action in (ADD, CANCEL):
        for channel in (ONLINE, OFFICE):
            period = SEED_002.decide_period(
                ["c1", "c2"], "soir", days, action, at, channel=channel, price=price
            )
            single = tuple(
                SEED_002.decide(change(action, "soir", day, at, channel), price=price)
                for day in days
            )
            assert period.by_day == single
    late_office = SEED_002.decide_period(["c1"], "soir", [THURSDAY], ADD, at, channel=OFFICE)
    assert late_office.by_day[0].charge == Money.euros(10)


def test_a_period_by_day_is_made_out_for_the_first_child() -> None:
    period = SEED_002.decide_period(["c1", "c2"], "soir", [THURSDAY], ADD, LATE_AT)
    assert [d.change.child_id for d in period.by_day] == ["c1"]
    assert [d.change.child_id for d in period] == ["c1", "c2"]


def test_a_period_for_no_children_decides_the_days_and_yields_nothing() -> None:
    period = SEED_002.decide_period([], "soir", [THURSDAY, date(2024, 9, 27)], ADD, LATE_AT)
    assert len(period) == 0
    assert list(period) == []
    assert period.refused_days() == (THURSDAY,)
    assert period.accepted_days() == (date(2024, 9, 27),)
