"""A change-window table answers each action with its own window, inside and outside its span."""

from __future__ import annotations

from datetime import date, timedelta

from cantine_rules.model import ChangeAction
from cantine_rules.rules.attendance_fees import RepetitionPeriod, count_in_period
from cantine_rules.rules.window_table import ChangeWindowTable
from tests.rules._fixtures import THURSDAY, _add_48_cancel_1


def test_the_table_gives_each_action_its_own_window_in_and_out_of_its_span() -> None:
    rules = _add_48_cancel_1()  # adding closes 48 h before the meal, cancelling 1 h before
    table = ChangeWindowTable(rules, THURSDAY, THURSDAY + timedelta(days=1))
    saturday = THURSDAY + timedelta(days=2)
    for day in (THURSDAY, THURSDAY + timedelta(days=1), saturday, THURSDAY - timedelta(days=1)):
        add = table.window(ChangeAction.ADD, "repas", day)
        cancel = table.window(ChangeAction.CANCEL, "repas", day)
        assert add == rules.window(ChangeAction.ADD, "repas", day)
        assert cancel == rules.window(ChangeAction.CANCEL, "repas", day)
        assert add.closes_at is not None
        assert cancel.closes_at is not None
        assert cancel.closes_at - add.closes_at == timedelta(hours=47)


def test_a_school_year_counts_from_the_september_before() -> None:
    # From January to August, the school year began on 1 September of the year before.
    assert RepetitionPeriod.SCHOOL_YEAR.first_day(date(2025, 3, 14)) == date(2024, 9, 1)
    assert RepetitionPeriod.SCHOOL_YEAR.first_day(date(2025, 8, 31)) == date(2024, 9, 1)
    assert RepetitionPeriod.SCHOOL_YEAR.first_day(date(2025, 9, 1)) == date(2025, 9, 1)
    assert RepetitionPeriod.MONTH.first_day(date(2025, 3, 14)) == date(2025, 3, 1)
    days = [date(2024, 8, 31), date(2024, 9, 1), date(2025, 1, 6), date(2025, 3, 14)]
    assert count_in_period(RepetitionPeriod.SCHOOL_YEAR, days, date(2025, 3, 14)) == 2
    assert count_in_period(RepetitionPeriod.MONTH, days, date(2025, 3, 14)) == 0
