"""The direct-debit terms of a policy in plain data: round trip, problems with their paths."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given

from cantine_rules import policies
from cantine_rules.errors import PolicyError
from cantine_rules.money import Money
from cantine_rules.plain import from_data, to_data
from cantine_rules.pricing._direct_debit import DirectDebitTerms
from cantine_rules.sources import Source
from cantine_rules.testing import direct_debit_terms

PARIS = policies.get("paris")
SOURCE = {"kind": "example", "reference": "prélevé 10 jours après l'avis ; frais de rejet 5 €"}


def _with(terms: object) -> dict[str, Any]:
    data = to_data(PARIS)
    data["direct_debit"] = terms
    return data


def test_the_terms_load_and_dump_as_written() -> None:
    data = _with({"pre_notification_days": 10, "return_fee": "5.00", "source": SOURCE})
    policy = from_data(data)
    assert policy.direct_debit == DirectDebitTerms(
        10, Source.example(SOURCE["reference"]), Money.euros("5")
    )
    assert to_data(policy)["direct_debit"] == data["direct_debit"]
    # Left out, the terms are the library's default and the file stays without them.
    assert "direct_debit" not in to_data(PARIS)
    assert PARIS.direct_debit_terms.pre_notification_days == 14


@given(direct_debit_terms())
def test_dump_then_load_is_the_identity(terms: DirectDebitTerms) -> None:
    policy = attrs.evolve(PARIS, direct_debit=terms)
    assert from_data(to_data(policy)) == policy


@pytest.mark.parametrize(
    ("terms", "path"),
    [
        ({"pre_notification_days": 0, "source": SOURCE}, "direct_debit.pre_notification_days"),
        ({"pre_notification_days": 367, "source": SOURCE}, "direct_debit.pre_notification_days"),
        ({"pre_notification_days": "14", "source": SOURCE}, "direct_debit.pre_notification_days"),
        (
            {"pre_notification_days": 14, "return_fee": "-1", "source": SOURCE},
            "direct_debit.return_fee",
        ),
        (
            {"pre_notification_days": 14, "return_fee": "0", "source": SOURCE},
            "direct_debit.return_fee",
        ),
        ({"pre_notification_days": 14}, "direct_debit.source"),
        ({"pre_notification_days": 14, "source": SOURCE, "delay": 3}, "direct_debit.delay"),
    ],
)
def test_each_problem_names_its_path(terms: dict[str, object], path: str) -> None:
    with pytest.raises(PolicyError) as caught:
        from_data(_with(terms))
    assert [problem.path for problem in caught.value.problems] == [path]
