"""The reader's leaf parsers and tables: each problem exactly as the user reads it, at its path."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, time
from typing import Any

import pytest

from cantine_rules import PolicyError
from cantine_rules.errors import Problem
from cantine_rules.model import ServiceKind
from cantine_rules.plain._read import (
    Conventions,
    Parser,
    Reader,
    ReadError,
    Table,
    boolean,
    choice,
    clock,
    ident,
    integer,
    join,
    list_of,
    money,
    non_negative_number,
    read_document,
    same_names,
    signed_money,
    table_of,
    tagged,
    text,
    unique,
    weekday,
)

_DAYS = "monday, tuesday, wednesday, thursday, friday, saturday, sunday"
_KINDS = "meal, morning_care, evening_care, study, wednesday_centre, holiday_centre"


def _count(reader: Reader, table: Table) -> int:
    count = table.required("n", integer(minimum=0))
    table.close()
    return reader.build(table.path, same_names("n"), lambda: count)


def _tagged() -> Parser[int]:
    return tagged({"a": lambda reader, table: 1, "bb": _count})


def _problems(parse: Parser[object], value: object, conventions: Conventions) -> list[str]:
    reader = Reader(conventions)
    with pytest.raises(ReadError):
        parse(reader, value, "services[0].x")
    return [str(problem) for problem in reader.problems]


@pytest.mark.parametrize(
    ("parse", "value", "expected"),
    [
        (lambda: text, 3, ["services[0].x: must be a string, got an integer (3)"]),
        (lambda: boolean, "yes", ["services[0].x: must be true or false, got a string ('yes')"]),
        (lambda: ident, "  ", ["services[0].x: must not be empty"]),
        (lambda: ident, " repas", ["services[0].x: must not start or end with white space"]),
        (
            lambda: integer(minimum=1, maximum=5),
            True,
            ["services[0].x: must be a whole number, got a boolean (true)"],
        ),
        (lambda: integer(minimum=1, maximum=5), 0, ["services[0].x: must be ≥ 1 (got 0)"]),
        (lambda: integer(minimum=1, maximum=5), 6, ["services[0].x: must be ≤ 5 (got 6)"]),
        (lambda: money, "-1", ["services[0].x: must not be negative (got '-1')"]),
        (lambda: non_negative_number, "-0.5", ["services[0].x: must not be negative (got '-0.5')"]),
        (
            lambda: signed_money,
            "-1.005",
            [
                "services[0].x: has a fraction of a cent; use Money.rounded() to round it half-up "
                "(got -1.005)"
            ],
        ),
        (
            lambda: weekday,
            3,
            [f"services[0].x: must be a day name (one of: {_DAYS}), got an integer (3)"],
        ),
        (
            lambda: weekday,
            "Thursday",
            [f"services[0].x: unknown day 'Thursday' (allowed: {_DAYS})"],
        ),
        (lambda: weekday, "jeudi", [f"services[0].x: unknown day 'jeudi' (allowed: {_DAYS})"]),
        (
            lambda: clock,
            time(17, tzinfo=UTC),
            ["services[0].x: must be a wall-clock time without an offset"],
        ),
        (
            lambda: clock,
            "17h00",
            ['services[0].x: must be a time written "HH:MM", such as "17:00" (got \'17h00\')'],
        ),
        (lambda: clock, 17, ['services[0].x: must be a time written "HH:MM", got an integer (17)']),
        (
            lambda: choice(ServiceKind),
            3,
            [f"services[0].x: must be a string (one of: {_KINDS}), got an integer (3)"],
        ),
        (lambda: list_of(text, non_empty=True), [], ["services[0].x: must hold at least one item"]),
        (lambda: list_of(text), "a", ["services[0].x: must be a list, got a string ('a')"]),
        (
            lambda: list_of(text),
            [1, "a", 2],
            [
                "services[0].x[0]: must be a string, got an integer (1)",
                "services[0].x[2]: must be a string, got an integer (2)",
            ],
        ),
        (lambda: table_of(text), [], ["services[0].x: must be a table, got a list"]),
        (
            lambda: table_of(text),
            {1: "a", " soir": "b", "matin": 2, "repas": "c"},
            [
                "services[0].x: keys must be strings, got an integer (1)",
                'services[0].x." soir": must not start or end with white space',
                "services[0].x.matin: must be a string, got an integer (2)",
            ],
        ),
        (
            _tagged,
            {"type": 3},
            ["services[0].x.type: must be a string (one of: a, bb), got an integer (3)"],
        ),
        (
            _tagged,
            {"type": "b"},
            ["services[0].x.type: unknown type 'b'; did you mean 'bb'? (allowed: a, bb)"],
        ),
        (_tagged, {"type": "zzz"}, ["services[0].x.type: unknown type 'zzz' (allowed: a, bb)"]),
        (_tagged, {}, ["services[0].x.type: missing required key (one of: a, bb)"]),
    ],
)
def test_a_strict_parser_says_what_is_wrong_at_the_path(
    parse: Callable[[], Parser[object]], value: object, expected: list[str]
) -> None:
    # Each parser is made inside the test, as the reader makes its own while it reads.
    assert _problems(parse(), value, Conventions()) == expected


def test_french_weekday_names_are_listed_when_the_convention_allows_them() -> None:
    french = Conventions(french_weekdays=True)
    assert _problems(weekday, 7, french) == [
        f"services[0].x: must be a day name (one of: {_DAYS}; or lundi, mardi, mercredi, "
        "jeudi, vendredi, samedi, dimanche), got an integer (7)"
    ]
    assert weekday(Reader(french), "Jeudi", "x") == 3
    assert weekday(Reader(french), "SUNDAY", "x") == 6


def test_a_clock_takes_seconds_and_a_tagged_table_its_loader() -> None:
    assert clock(Reader(), "17:00:30", "x") == time(17, 0, 30)
    assert _tagged()(Reader(), {"type": "bb", "n": 2}, "x") == 2


def test_a_key_that_is_not_plain_is_quoted_in_a_path() -> None:
    assert join("tariffs", 'garderie "du soir"') == 'tariffs."garderie \\"du soir\\""'
    assert join("tariffs", "a.b") == 'tariffs."a.b"'
    assert join("", "slug") == "slug"


def _closed(value: Mapping[Any, object], path: str, read: Callable[[Table], object]) -> list[str]:
    reader = Reader()
    table = Table(reader, value, path)
    read(table)
    with pytest.raises(ReadError):
        table.close()
    return [str(problem) for problem in reader.problems]


def test_a_table_refuses_keys_that_are_not_strings() -> None:
    assert _closed(
        {1: 2, "days": 3}, "rules.default.add", lambda t: t.optional("days", text, "")
    ) == [
        "rules.default.add: keys must be strings, got an integer (1)",
        "rules.default.add.days: must be a string, got an integer (3)",
    ]


def test_an_unknown_key_at_the_top_level_lists_what_is_allowed() -> None:
    assert _closed({"x": 1}, "", lambda table: None) == ["x: unknown key; (allowed: none)"]


def test_past_twenty_unknown_keys_no_hint_is_looked_for() -> None:
    # The hint is kept for a short list; a long one is reported quickly without it.
    keys = {f"day{i}": 1 for i in range(21)}
    problems = _closed(keys, "t", lambda table: table.optional("day", integer(), 0))
    assert len(problems) == 21
    assert problems[0] == "t.day0: unknown key; (allowed: day)"
    few = _closed({"dya": 1}, "t", lambda table: table.optional("day", integer(), 0))
    assert few == ["t.dya: unknown key; did you mean 'day'? (allowed: day)"]


def test_an_empty_table_with_nothing_to_read_closes() -> None:
    table = Table(Reader(), {}, "calendar")
    table.close()
    assert not table.reader.problems


def test_a_value_seen_twice_is_reported_at_each_later_path() -> None:
    reader = Reader()
    seen = [("a", "repas"), ("b", "soir"), ("c", "repas"), ("d", "repas")]
    assert not unique(reader, seen, "service code")
    assert reader.problems == [
        Problem("c", "service code 'repas' appears twice"),
        Problem("d", "service code 'repas' appears twice"),
    ]
    assert unique(Reader(), [("a", 1), ("b", 2)], "rank")


def test_a_document_read_to_nothing_without_a_problem_still_fails() -> None:
    with pytest.raises(PolicyError) as caught:
        read_document(Reader(), lambda reader: None, "ma-commune.toml")
    assert caught.value.problems == (Problem("(top level)", "could not be read"),)
    assert caught.value.source == "ma-commune.toml"
    assert read_document(Reader(), lambda reader: 3, None) == 3


def test_a_load_that_stops_without_saying_why_is_a_problem_of_the_document() -> None:
    def stops(reader: Reader) -> int:
        raise ReadError

    with pytest.raises(PolicyError) as caught:
        read_document(Reader(), stops, None)
    assert caught.value.problems == (Problem("(top level)", "could not be read"),)


def test_an_unknown_key_lists_every_key_allowed() -> None:
    def read(table: Table) -> None:
        table.optional("days", integer(), 0)
        table.optional("cutoff", clock, None)

    assert _closed({"dyas": 1}, "rules.default.add", read) == [
        "rules.default.add.dyas: unknown key; did you mean 'days'? (allowed: days, cutoff)"
    ]


def test_twenty_unknown_keys_still_get_their_hint() -> None:
    keys = {f"day{letter}": 1 for letter in "abcdefghijklmnopqrst"}
    problems = _closed(keys, "t", lambda table: table.optional("day", integer(), 0))
    assert len(problems) == 20
    assert problems[0] == "t.daya: unknown key; did you mean 'day'? (allowed: day)"
