"""The plain form of the days of a run that may be charged and of standing documents."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from cantine_rules.errors import PolicyError
from cantine_rules.plain import dumps_toml, from_data, loads_toml, to_data
from cantine_rules.pricing.tariffs import QuotientPolicy, ReferenceDate
from cantine_rules.rules.absences import AbsenceDocument, AbsencePolicy, AbsenceRules, RunCharges
from cantine_rules.testing import absence_policies, quotient_policies

ROOT = Path(__file__).resolve().parents[2]
MA_COMMUNE_TEXT = (ROOT / "examples" / "communes" / "ma-commune.toml").read_text()
MA_COMMUNE = loads_toml(MA_COMMUNE_TEXT)
TEXT = (
    MA_COMMUNE_TEXT
    + """
[absences.default]
run = { free_days = 2, charged_days = 2 }
waived_by_documents = ["employer"]
"""
)


def test_the_written_form_is_the_form_read() -> None:
    policy = loads_toml(TEXT)
    assert policy.absences.default == AbsencePolicy(
        run=RunCharges(2, 2), waived_by_documents=[AbsenceDocument.EMPLOYER]
    )
    assert to_data(policy)["absences"] == {
        "default": {"run": {"free_days": 2, "charged_days": 2}, "waived_by_documents": ["employer"]}
    }


def test_defaults_are_left_out() -> None:
    only_charged = AbsenceRules(AbsencePolicy(run=RunCharges(charged_days=1)))
    data = to_data(attrs.evolve(MA_COMMUNE, absences=only_charged))
    assert data["absences"] == {"default": {"run": {"charged_days": 1}}}
    only_free = AbsenceRules(AbsencePolicy(run=RunCharges(free_days=3)))
    data = to_data(attrs.evolve(MA_COMMUNE, absences=only_free))
    assert data["absences"] == {"default": {"run": {"free_days": 3}}}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(absence_policies())
def test_dump_then_load_is_the_identity(absence: AbsencePolicy) -> None:
    policy = attrs.evolve(MA_COMMUNE, absences=AbsenceRules(absence))
    data = to_data(policy)
    assert from_data(data) == policy
    assert loads_toml(dumps_toml(policy)) == policy
    assert to_data(from_data(data)) == data


def _problems(text: str) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        loads_toml(text)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "run = { free_days = 2, charged_days = 2 }",
            "run = {}",
            "absences.default.run.charged_days: with no free day, give how many days are charged "
            "(got None)",
        ),
        (
            "free_days = 2",
            "free_days = -1",
            "absences.default.run.free_days: must be ≥ 0 (got -1)",
        ),
        (
            "charged_days = 2",
            "charged_days = 0",
            "absences.default.run.charged_days: must be ≥ 1 (got 0)",
        ),
        (
            "charged_days = 2",
            "charged = 2",
            "absences.default.run.charged: unknown key; did you mean 'charged_days'? (allowed: "
            "free_days, charged_days)",
        ),
        (
            '["employer"]',
            '["employeur"]',
            "absences.default.waived_by_documents[0]: unknown value 'employeur'; did you mean "
            "'employer'? (allowed: medical, employer)",
        ),
        (
            '["employer"]',
            '["employer", "employer"]',
            "absences.default.waived_by_documents[1]: document 'employer' appears twice",
        ),
        (
            '["employer"]',
            "[]",
            "absences.default.waived_by_documents: must hold at least one item",
        ),
    ],
)
def test_bad_input_is_reported_at_its_path(old: str, new: str, expected: str) -> None:
    assert old in TEXT
    assert _problems(TEXT.replace(old, new)) == [expected]


FAY_TEXT = (ROOT / "examples" / "communes" / "fay-aux-loges.toml").read_text()


def test_the_reference_date_is_read_and_written_as_month_and_day() -> None:
    policy = loads_toml(FAY_TEXT)
    assert policy.quotient_policy is not None
    assert policy.quotient_policy.reference_date == ReferenceDate(3, 31)
    assert to_data(policy)["quotient_policy"]["reference_date"] == {"month": 3, "day": 31}


@settings(max_examples=100, deadline=None)
@given(quotient_policies())
def test_a_quotient_policy_round_trips(quotient: QuotientPolicy) -> None:
    policy = attrs.evolve(MA_COMMUNE, quotient_policy=quotient)
    assert from_data(to_data(policy)) == policy


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "reference_date = { month = 4, day = 31 }",
            "quotient_policy.reference_date.day: must be from 1 to 30 in that month (got 31)",
        ),
        (
            "reference_date = { month = 13, day = 1 }",
            "quotient_policy.reference_date.month: must be ≤ 12 (got 13)",
        ),
        (
            "reference_date = { month = 3 }",
            "quotient_policy.reference_date.day: missing required key",
        ),
        (
            'reference_date = "31/03"',
            "quotient_policy.reference_date: must be a table, got a string ('31/03')",
        ),
    ],
)
def test_a_bad_reference_date_is_reported_at_its_path(new: str, expected: str) -> None:
    old = "reference_date = { month = 3, day = 31 }"
    assert old in FAY_TEXT
    assert _problems(FAY_TEXT.replace(old, new)) == [expected]


NOYERS_TEXT = (ROOT / "examples" / "communes" / "noyers-sur-cher.toml").read_text()


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "term_months = [9, 11]",
            "regimes.soir.monthly_fees[0].term_months: must be following months in the school "
            "year's order (September to August) (got [9, 11])",
        ),
        (
            "term_months = [9, 13]",
            "regimes.soir.monthly_fees[0].term_months[1]: must be ≤ 12 (got 13)",
        ),
        (
            "term_months = [9, 9]",
            "regimes.soir.monthly_fees[0].term_months[1]: month 9 appears twice",
        ),
        (
            "term_months = []",
            "regimes.soir.monthly_fees[0].term_months: must hold at least one item",
        ),
    ],
)
def test_a_bad_term_is_reported_at_its_path(new: str, expected: str) -> None:
    # The evening garderie's first term, the last of the file's three copies.
    old = "term_months = [9, 10, 11, 12]"
    head, _, tail = NOYERS_TEXT.rpartition(old)
    assert head
    assert _problems(head + new + tail) == [expected]
