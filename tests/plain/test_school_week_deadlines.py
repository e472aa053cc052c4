"""The school-week deadlines in plain data: as written by hand, every problem at its path, and
dump ∘ load = identity."""

from __future__ import annotations

import copy
from datetime import time
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import PolicyError, plain
from cantine_rules.plain import dumps_toml, from_data, loads_toml, to_data
from cantine_rules.rules.deadlines import (
    MONTH_LAST_DAY,
    AllOf,
    ChangeWindowRule,
    MonthlyDeadline,
    SchoolDaysBefore,
    WeekdayDeadline,
    WeekdayTable,
)
from cantine_rules.testing import deadline_rules

HEAD = """
slug = "semaine"
name = "Commune de la semaine"
payment_scheme = "postfacturation"
payment_modes = ["card"]

[calendar]
zone = "C"

[[services]]
code = "repas"
label = "Restauration scolaire"
kind = "meal"
start = "12:00"
end = "13:30"

[[services]]
code = "mercredi"
label = "Accueil du mercredi"
kind = "wednesday_centre"
start = "08:00"
end = "18:00"
"""


def _policy(add: str, cancel: str = '{ type = "end_of_day_before", days = 8 }') -> str:
    return HEAD + f"\n[rules.default]\nadd = {add}\ncancel = {cancel}\n"


def _problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(PolicyError) as caught:
        loads_toml(text)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def test_each_deadline_is_read_as_written_by_hand() -> None:
    text = _policy(
        '{ type = "all_of", rules = ['
        '{ type = "school_days_before", days = 1, cutoff = "11:00" }, '
        '{ type = "monthly_deadline", day = "last", at = "12:00", months_before = 2 }] }',
        '{ type = "weekday_table", rows = ['
        '{ service_weekdays = ["monday", "tuesday"], weekday = "thursday", cutoff = "10:00" }, '
        '{ service_weekdays = ["wednesday", "thursday", "friday"], weekday = "tuesday", '
        'cutoff = "10:00" }] }',
    )
    rules = loads_toml(text).booking.default
    assert rules.add == AllOf(
        (SchoolDaysBefore(1, time(11)), MonthlyDeadline(MONTH_LAST_DAY, time(12), 2))
    )
    assert rules.cancel == WeekdayTable(
        (
            WeekdayDeadline(frozenset({0, 1}), 3, time(10)),
            WeekdayDeadline(frozenset({2, 3, 4}), 1, time(10)),
        )
    )


def test_defaults_are_left_out_when_written() -> None:
    policy = loads_toml(_policy('{ type = "monthly_deadline", day = 20 }'))
    assert policy.booking.default.add == MonthlyDeadline(20)
    data = to_data(policy)["rules"]["default"]
    assert data["add"] == {"type": "monthly_deadline", "day": 20}
    assert data["cancel"] == {"type": "end_of_day_before", "days": 8}
    midnight = loads_toml(
        _policy('{ type = "school_days_before", days = 2, until_midnight = true }')
    )
    assert midnight.booking.default.add == SchoolDaysBefore(2, until_midnight=True)
    assert to_data(midnight)["rules"]["default"]["add"] == {
        "type": "school_days_before",
        "days": 2,
        "until_midnight": True,
    }
    without_cutoff = loads_toml(_policy('{ type = "school_days_before", days = 2 }'))
    assert to_data(without_cutoff)["rules"]["default"]["add"] == {
        "type": "school_days_before",
        "days": 2,
    }


def test_a_toml_file_round_trips_to_the_same_text() -> None:
    text = _policy(
        '{ type = "weekday_table", rows = [{ service_weekdays = ["monday", "tuesday", '
        '"wednesday", "thursday", "friday"], weekday = "friday", cutoff = "09:00" }] }'
    )
    policy = loads_toml(text)
    assert loads_toml(dumps_toml(policy)) == policy


# Problems at their paths --------------------------------------------------------------------


def test_a_monthly_deadline_on_the_31st_says_what_short_months_would_do() -> None:
    [(path, message)] = _problems(_policy('{ type = "monthly_deadline", day = 31 }'))
    assert path == "rules.default.add.day"
    assert "February has 28 days" in message
    assert 'write "last"' in message


@pytest.mark.parametrize(
    ("written", "path", "says"),
    [
        ('{ type = "monthly_deadline", day = "first" }', "rules.default.add.day", '"last"'),
        ('{ type = "monthly_deadline", day = 0 }', "rules.default.add.day", "1 to 28"),
        ('{ type = "monthly_deadline", day = 2.5 }', "rules.default.add.day", "a float"),
        (
            '{ type = "monthly_deadline", day = 20, months_before = 13 }',
            "rules.default.add.months_before",
            "at most 12",
        ),
        (
            '{ type = "monthly_deadline", day = 20, at = "24:00" }',
            "rules.default.add.at",
            "HH:MM",
        ),
        ('{ type = "monthly_deadline" }', "rules.default.add.day", "missing"),
        ('{ type = "school_days_before", days = 0 }', "rules.default.add.days", "one or more"),
        ('{ type = "school_days_before" }', "rules.default.add.days", "missing"),
        (
            '{ type = "school_days_before", days = 2, cutoff = "11:00", until_midnight = true }',
            "rules.default.add.until_midnight",
            "cannot be given with a cutoff",
        ),
        (
            '{ type = "school_days_before", days = 2, until_midnight = "yes" }',
            "rules.default.add.until_midnight",
            "true or false",
        ),
        ('{ type = "end_of_day_before", days = 0 }', "rules.default.add.days", "one or more"),
        ('{ type = "end_of_day_before", days = -1 }', "rules.default.add.days", "≥ 0"),
        ('{ type = "weekday_table", rows = [] }', "rules.default.add.rows", "at least one"),
        ('{ type = "weekday_table" }', "rules.default.add.rows", "missing"),
    ],
)
def test_a_wrong_value_is_reported_at_its_path(written: str, path: str, says: str) -> None:
    problems = _problems(_policy(written))
    assert [where for where, _ in problems] == [path]
    assert says in problems[0][1]


def test_a_weekday_table_row_is_checked_key_by_key() -> None:
    problems = _problems(
        _policy(
            '{ type = "weekday_table", rows = ['
            '{ service_weekdays = ["monday", "lundi", "monday"], weekday = "friday" }, '
            '{ service_weekdays = [], weekday = "tuesday", cutoff = "09:00", day = 1 }] }'
        )
    )
    assert [path for path, _ in problems] == [
        "rules.default.add.rows[0].service_weekdays[1]",
        "rules.default.add.rows[0].cutoff",
        "rules.default.add.rows[1].service_weekdays",
        "rules.default.add.rows[1].day",
    ]


def test_a_weekday_repeated_in_a_row_or_in_two_rows_is_named() -> None:
    repeated = _problems(
        _policy(
            '{ type = "weekday_table", rows = [{ service_weekdays = ["monday", "monday"], '
            'weekday = "friday", cutoff = "09:00" }] }'
        )
    )
    assert repeated == [
        ("rules.default.add.rows[0].service_weekdays[1]", "day 'monday' appears twice")
    ]
    in_two = _problems(
        _policy(
            '{ type = "weekday_table", rows = ['
            '{ service_weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"], '
            'weekday = "friday", cutoff = "09:00" }, '
            '{ service_weekdays = ["tuesday"], weekday = "friday", cutoff = "09:00" }] }'
        )
    )
    assert [path for path, _ in in_two] == ["rules.default.add.rows[1].service_weekdays"]
    assert "rows[0]" in in_two[0][1]


def test_a_weekday_table_lacking_a_day_a_service_runs_on_is_reported_at_load() -> None:
    # The meal runs Monday, Tuesday, Thursday and Friday; the Wednesday centre on Wednesdays.
    problems = _problems(
        _policy(
            '{ type = "weekday_table", rows = ['
            '{ service_weekdays = ["monday", "tuesday"], weekday = "friday", cutoff = "09:00" }, '
            '{ service_weekdays = ["thursday"], weekday = "tuesday", cutoff = "09:00" }] }'
        )
    )
    [(path, message)] = problems
    assert path == "rules.default.add.rows"
    assert "wednesday, friday" in message
    assert "'repas', 'mercredi'" in message


def test_a_weekday_table_inside_all_of_is_checked_at_its_own_path() -> None:
    text = (
        _policy('{ type = "end_of_day_before", days = 8 }')
        + "\n[rules.by_service.repas]\n"
        + 'add = { type = "end_of_day_before", days = 8 }\n'
        + 'cancel = { type = "all_of", rules = [{ type = "end_of_day_before", days = 1 }, '
        + '{ type = "weekday_table", rows = [{ service_weekdays = ["monday"], '
        + 'weekday = "friday", cutoff = "09:00" }] }] }\n'
    )
    [(path, message)] = _problems(text)
    assert path == "rules.by_service.repas.cancel.rules[1].rows"
    assert "tuesday, thursday, friday" in message


def test_a_complete_table_for_a_service_with_its_own_rules_loads() -> None:
    text = (
        _policy('{ type = "end_of_day_before", days = 8 }')
        + "\n[rules.by_service.repas]\n"
        + 'add = { type = "weekday_table", rows = ['
        + '{ service_weekdays = ["monday", "tuesday"], weekday = "friday", cutoff = "09:00" }, '
        + '{ service_weekdays = ["thursday", "friday"], weekday = "tuesday", cutoff = "09:00" }'
        + "] }\n"
        + 'cancel = { type = "end_of_day_before", days = 8 }\n'
    )
    assert plain.loads_toml(text).booking.rules_for("repas").add == WeekdayTable(
        (
            WeekdayDeadline(frozenset({0, 1}), 4, time(9)),
            WeekdayDeadline(frozenset({3, 4}), 1, time(9)),
        )
    )


def test_a_table_lacking_days_of_two_services_names_them_all_in_words() -> None:
    problems = _problems(
        _policy(
            '{ type = "weekday_table", rows = ['
            '{ service_weekdays = ["monday", "tuesday"], weekday = "friday", cutoff = "09:00" }, '
            '{ service_weekdays = ["thursday"], weekday = "tuesday", cutoff = "09:00" }] }'
        )
    )
    assert problems == [
        (
            "rules.default.add.rows",
            "has no row for wednesday, friday, and the services 'repas', 'mercredi' run on them: "
            "add them to a row (or give those services rules of their own)",
        )
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            '["monday", "tuesday", "thursday"]',
            "has no row for friday, and the service 'repas' runs on it: add it to a row (or give "
            "that service rules of their own)",
        ),
        (
            '["monday"]',
            "has no row for tuesday, thursday, friday, and the service 'repas' runs on them: add "
            "them to a row (or give that service rules of their own)",
        ),
    ],
)
def test_a_table_of_the_rules_by_kind_is_checked_at_its_path(rows: str, message: str) -> None:
    text = (
        _policy('{ type = "end_of_day_before", days = 8 }')
        + "\n[rules.by_kind.meal]\n"
        + f'add = {{ type = "weekday_table", rows = [{{ service_weekdays = {rows}, '
        + 'weekday = "friday", cutoff = "09:00" }] }\n'
        + 'cancel = { type = "end_of_day_before", days = 8 }\n'
    )
    assert _problems(text) == [("rules.by_kind.meal.add.rows", message)]


def test_a_monthly_day_that_is_neither_a_number_nor_last_is_refused_in_words() -> None:
    assert _problems(_policy('{ type = "monthly_deadline", day = "first" }')) == [
        (
            "rules.default.add.day",
            "must be a day of the month (1 to 28) or \"last\", got a string ('first')",
        )
    ]


# dump ∘ load = identity ---------------------------------------------------------------------


_BASE = to_data(loads_toml(_policy('{ type = "end_of_day_before", days = 8 }')))


@settings(max_examples=200, deadline=None)
@given(deadline_rules(), deadline_rules())
def test_any_deadline_survives_plain_data_and_toml(
    add: ChangeWindowRule, cancel: ChangeWindowRule
) -> None:
    policy = from_data(_BASE)
    rules = policy.booking.default
    booking = attrs.evolve(policy.booking, default=attrs.evolve(rules, add=add, cancel=cancel))
    policy = attrs.evolve(policy, booking=booking)
    data = to_data(policy)
    assert from_data(data) == policy
    assert to_data(from_data(data)) == data
    assert loads_toml(dumps_toml(policy)) == policy


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(
        ["school_days_before", "weekday_table", "monthly_deadline", "end_of_day_before"]
    ),
    st.dictionaries(
        st.sampled_from(
            ["days", "cutoff", "until_midnight", "rows", "day", "at", "months_before", "extra"]
        ),
        st.none()
        | st.integers(-40, 400)
        | st.booleans()
        | st.sampled_from(["last", "09:00", "monday", "25:00"])
        | st.lists(st.sampled_from(["monday", "x"]), max_size=3),
        max_size=4,
    ),
)
def test_any_table_gives_a_policy_or_problems_at_its_paths(kind: str, keys: dict[str, Any]) -> None:
    data: dict[str, Any] = copy.deepcopy(_BASE)
    data["rules"]["default"]["add"] = {"type": kind, **keys}
    paths: list[str] = []
    try:
        from_data(data)
    except PolicyError as error:
        paths = [problem.path for problem in error.problems]
    assert all(path.startswith("rules.default.add") for path in paths)
