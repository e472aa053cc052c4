"""Reading the family of a billing scenario: households, custody forms, dated QF records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cantine_rules.errors import PolicyError
from cantine_rules.plain import loads_scenario
from cantine_rules.pricing._custody import CustodySchedule, EveryOtherWeek, IsoWeekParity

HEAD = """
commune = "paris"
start = 2024-09-01
end = 2024-09-30
family = { id = "F-1" }
children = [{ id = "ines", first_name = "Inès", birth_date = 2016-02-14 }]
"""
HOMES = 'households = ["mere", "pere"]\n'


def problems(text: str) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        loads_scenario(text)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("custody", "kind"),
    [
        ('even_weeks = "mere"\nodd_weeks = "pere"', IsoWeekParity),
        ('first = "pere"\nsecond = "mere"\nfrom_monday = 2024-09-02', EveryOtherWeek),
        (
            'periods = [{ start = 2024-09-01, end = 2024-09-15, household = "mere" },'
            ' { start = 2024-09-16, end = 2024-09-30, household = "pere" }]',
            CustodySchedule,
        ),
    ],
)
def test_each_custody_form_is_read(custody: str, kind: type) -> None:
    scenario = loads_scenario(HEAD + HOMES + f'[[custody]]\nchild = "ines"\n{custody}\n')
    rule = scenario.custody[0].rule
    assert isinstance(rule, kind)
    # Monday 16 September 2024: ISO week 38 (even), two weeks after 2 September, the second period.
    expected = {IsoWeekParity: "mere", EveryOtherWeek: "pere", CustodySchedule: "pere"}[kind]
    assert rule.household_for(date(2024, 9, 16)) == expected


def test_a_custody_with_two_forms_or_none_says_which_it_needs() -> None:
    both = '[[custody]]\nchild = "ines"\neven_weeks = "mere"\nodd_weeks = "pere"\nfirst = "mere"\n'
    assert problems(HEAD + HOMES + both) == [
        "custody[0]: needs exactly one custody form: even_weeks/odd_weeks, "
        "first/second/from_monday or periods (got even_weeks/odd_weeks and "
        "first/second/from_monday)"
    ]
    assert problems(HEAD + HOMES + '[[custody]]\nchild = "ines"\n')[0].endswith("(got none)")


def test_custody_needs_households() -> None:
    text = HEAD + '[[custody]]\nchild = "ines"\neven_weeks = "mere"\nodd_weeks = "pere"\n'
    assert problems(text) == [
        f"custody[0].{key}: unknown household {home!r}; known: none (list them in households)"
        for key, home in (("even_weeks", "mere"), ("odd_weeks", "pere"))
    ]


RECORD = """
[[quotient_records]]
quotient_familial = "812"
document = "caf_attestation"
issued_on = 2024-06-03
received_on = 2024-06-20
"""


def test_a_family_with_one_home_gives_records_without_household() -> None:
    record = loads_scenario(HEAD + RECORD).quotient_records[0]
    assert (record.household, record.record.quotient.value) == (None, Decimal("812"))
    assert problems(HEAD + HOMES + RECORD) == [
        "quotient_records[0].household: missing required key"
    ]
    assert problems(
        HEAD + RECORD.replace("[[quotient_records]]", '[[quotient_records]]\nhousehold = "mere"')
    ) == [
        "quotient_records[0].household: unknown household 'mere'; known: none (list them in "
        "households)"
    ]


def test_records_replace_the_single_quotient() -> None:
    text = HEAD.replace('{ id = "F-1" }', '{ id = "F-1", quotient_familial = "500" }') + RECORD
    assert problems(text) == ["family.quotient_familial: give it or quotient_records, not both"]


def test_a_record_received_before_it_was_issued_is_refused_at_its_path() -> None:
    text = HEAD + RECORD.replace("received_on = 2024-06-20", "received_on = 2024-06-01")
    assert problems(text) == [
        "quotient_records[0].received_on: a document cannot be received before it was issued "
        "(2024-06-03) (got 2024-06-01)"
    ]


def test_households_built_in_python_are_checked_like_the_file() -> None:
    from cantine_rules.errors import InvalidValueError
    from cantine_rules.plain import Scenario

    period = ("paris", date(2024, 9, 1), date(2024, 9, 30), "F-1")
    # A lone id is one household, not four one-letter households.
    assert Scenario(*period, households="mere").households == ("mere",)
    with pytest.raises(InvalidValueError, match=r"households\[1\]: appears twice"):
        Scenario(*period, households=("mere", "mere"))
