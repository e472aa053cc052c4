"""A change of fixed days asked during a school-holiday break waits for the next break."""

from __future__ import annotations

from datetime import date, datetime

from cantine_rules import EUROPE_PARIS
from cantine_rules.rules.regimes import ChangeEffect, DayChangeTerms
from tests.rules.test_regimes import BOOKING

# Paris (CDE 12): « 15 jours avant la période des futures vacances pour un effet sur le bimestre
# suivant ». Zone B, 2024: the Toussaint break runs from Saturday 19 October to Sunday 3 November,
# the Christmas break from Saturday 21 December to Sunday 5 January 2025.


def _effect(terms: DayChangeTerms, at: datetime) -> tuple[date, datetime]:
    change = terms.takes_effect(BOOKING.calendar, at)
    assert change is not None
    return change.from_day, change.deadline


def test_a_request_during_a_break_takes_effect_after_the_next_one() -> None:
    terms = DayChangeTerms(ChangeEffect.NEXT_PERIOD)
    christmas = (date(2025, 1, 6), datetime(2024, 12, 21, tzinfo=EUROPE_PARIS))
    for at in (
        datetime(2024, 10, 19, tzinfo=EUROPE_PARIS),
        datetime(2024, 10, 25, 9, tzinfo=EUROPE_PARIS),
        datetime(2024, 11, 3, 12, tzinfo=EUROPE_PARIS),
    ):
        assert _effect(terms, at) == christmas
    # The last instant before the Toussaint break still changes the days from 4 November.
    assert _effect(terms, datetime(2024, 10, 18, 23, 59, 59, tzinfo=EUROPE_PARIS)) == (
        date(2024, 11, 4),
        datetime(2024, 10, 19, tzinfo=EUROPE_PARIS),
    )


def test_fifteen_days_of_notice_before_the_christmas_break() -> None:
    terms = DayChangeTerms(ChangeEffect.NEXT_PERIOD, notice_days=15)
    assert _effect(terms, datetime(2024, 10, 25, tzinfo=EUROPE_PARIS)) == (
        date(2025, 1, 6),
        datetime(2024, 12, 6, tzinfo=EUROPE_PARIS),
    )
