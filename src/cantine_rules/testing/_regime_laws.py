"""The laws of a policy's attendance regimes and monthly flat fees, checked with hypothesis.

They hold vacuously for a policy without regimes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules._time import EUROPE_PARIS, at_paris
from cantine_rules.policies.commune import CommunePolicy
from cantine_rules.pricing._monthly import MonthlyFlatFee
from cantine_rules.rules.regimes import FixedDays, service_weekdays

__all__ = ["REGIME_LAWS"]

_FIRST = date(2024, 9, 1)
_LAST = date(2025, 8, 31)


def _fixed(policy: CommunePolicy) -> list[tuple[str, FixedDays]]:
    return [
        (regimes.service_code, regimes.fixed_days)
        for regimes in policy.regimes
        if regimes.fixed_days is not None
    ]


def _fees(policy: CommunePolicy) -> list[tuple[str, MonthlyFlatFee]]:
    return [(r.service_code, fee) for r in policy.regimes for fee in r.monthly_fees]


def _booked_days_run(policy: CommunePolicy, examples: int) -> None:
    offers = _fixed(policy)
    if not offers:
        return

    @settings(max_examples=examples, deadline=None, database=None, report_multiple_bugs=False)
    @given(st.sampled_from(offers), st.data())
    def law(offer: tuple[str, FixedDays], data: st.DataObject) -> None:
        code, regime = offer
        runs = service_weekdays(policy.booking, code)
        counts = regime.allowed_counts(runs)
        size = data.draw(st.sampled_from(list(counts)))
        choosable = sorted(regime.choosable(runs))
        chosen = frozenset(data.draw(st.permutations(choosable))[:size])
        start = data.draw(st.dates(_FIRST, _LAST))
        end = start + timedelta(days=data.draw(st.integers(0, 120)))
        end = min(end, _LAST)
        booked = regime.booked_days(policy.booking, code, chosen, start, end)
        kinds = policy.booking.days_of(code)
        runs_on = set(policy.calendar.service_days(kinds, start, end))
        assert set(booked.days) <= runs_on, sorted(set(booked.days) - runs_on)
        assert all(day.weekday() in chosen for day in booked.days)
        # Every chosen weekday the service runs is booked: none is left out.
        assert {d for d in runs_on if d.weekday() in chosen} == set(booked.days)
        assert booked == regime.booked_days(policy.booking, code, chosen, start, end)

    law()


def _fee_bounded_and_monotone(policy: CommunePolicy, examples: int) -> None:
    fees = _fees(policy)
    if not fees:
        return

    @settings(max_examples=examples, deadline=None, database=None, report_multiple_bugs=False)
    @given(st.sampled_from(fees), st.data())
    def law(entry: tuple[str, MonthlyFlatFee], data: st.DataObject) -> None:
        code, fee = entry
        month = data.draw(st.dates(_FIRST, _LAST)).replace(day=1)
        following = (month + timedelta(days=32)).replace(day=1)
        kinds = policy.booking.days_of(code)
        days = policy.calendar.service_days(kinds, month, following - timedelta(days=1))
        booked = data.draw(st.lists(st.sampled_from(days), unique=True)) if days else []
        fewer = data.draw(st.lists(st.sampled_from(booked), unique=True)) if booked else []
        more = sorted(
            set(fewer) | set(data.draw(st.lists(st.sampled_from(booked))) if booked else [])
        )
        children = data.draw(st.integers(1, 6))
        light = fee.month_charge(month, booked, absent_days=fewer, children=children)
        heavy = fee.month_charge(month, booked, absent_days=more, children=children)
        assert not light.amount.is_negative()
        assert not heavy.amount.is_negative()
        assert light.amount <= light.fee
        assert heavy.amount <= heavy.fee
        assert heavy.amount <= light.amount, (fewer, light, more, heavy)
        assert light == fee.month_charge(month, booked, absent_days=fewer, children=children)

    law()


def _earlier_request_no_later(policy: CommunePolicy, examples: int) -> None:
    offers = _fixed(policy)
    if not offers:
        return

    @settings(max_examples=examples, deadline=None, database=None, report_multiple_bugs=False)
    @given(
        st.sampled_from(offers),
        st.datetimes(datetime(2024, 9, 1), datetime(2025, 6, 30)),
        st.integers(0, 90 * 86400),
    )
    def law(offer: tuple[str, FixedDays], wall: datetime, earlier_by: int) -> None:
        terms = offer[1].changes
        later_at = wall.replace(tzinfo=EUROPE_PARIS)
        earlier_at = later_at - timedelta(seconds=earlier_by)
        later = terms.takes_effect(policy.calendar, later_at)
        earlier = terms.takes_effect(policy.calendar, earlier_at)
        if later is None:
            return
        assert earlier is not None
        assert earlier_at < earlier.deadline
        assert later_at < later.deadline
        assert earlier.from_day <= later.from_day, (earlier, later)
        # The deadline of a change never falls after the new days start.
        assert later.deadline <= at_paris(later.from_day, time(0)), later
        assert later.from_day > later_at.date()

    law()


#: The laws of regimes and monthly fees, by name.
REGIME_LAWS: dict[str, Callable[[CommunePolicy, int], None]] = {
    "a regime books only days the service runs": _booked_days_run,
    "a monthly fee is never negative, never above the fee, and more absences never cost more": (
        _fee_bounded_and_monotone
    ),
    "an earlier change of the chosen days never takes effect later": _earlier_request_no_later,
}
