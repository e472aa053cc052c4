"""The plain-data form of payment terms, payment defaults and quotient familial timing."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from cantine_rules import Money
from cantine_rules.errors import PolicyError, Problem
from cantine_rules.plain import dumps_toml, from_data, loads_toml, to_data
from cantine_rules.plain._schema import CREDIT_TAGS, QUOTIENT_EFFECT_TAGS
from cantine_rules.policies import CommunePolicy, get
from cantine_rules.pricing.accounts import (
    CarryForward,
    MinimumTopUp,
    PaymentScheme,
    Prepayment,
    Refund,
    ServicePayment,
)
from cantine_rules.pricing.tariffs import FromNextMonth, QuotientPolicy
from cantine_rules.schemas import to_json_data
from cantine_rules.sources import Source, SourceKind
from cantine_rules.testing import commune_policies
from tests._doc_examples import LANGUAGES, page_in, run_page
from tests.schemas._validation import assert_valid

_SRC = Source.public("Règlement intérieur, art. 7")

PAYMENT_TERMS = attrs.evolve(
    get("alsh-postfacturation"),
    payment_by_service=(
        ServicePayment("vacances", PaymentScheme.IMMEDIATE, _SRC, Prepayment()),
        ServicePayment("mercredi", PaymentScheme.POSTFACTURATION, _SRC, Prepayment("0.3")),
        ServicePayment("etude", PaymentScheme.PREPAID, _SRC),
    ),
    minimum_top_up=MinimumTopUp(Money.euros("20"), _SRC, per_child=False),
    credit_treatment=Refund("0.5", _SRC),
    quotient_policy=QuotientPolicy(None, None, _SRC, FromNextMonth(), zero_means_unknown=True),
)


def test_payment_terms_are_written_as_documented() -> None:
    data = to_data(PAYMENT_TERMS)
    source = {"kind": "public", "reference": "Règlement intérieur, art. 7"}
    assert data["payment_by_service"] == {
        "vacances": {"scheme": "immediate", "prepayment": {"share": "1"}, "source": source},
        "mercredi": {"scheme": "postfacturation", "prepayment": {"share": "0.3"}, "source": source},
        "etude": {"scheme": "prepaid", "source": source},
    }
    assert data["minimum_top_up"] == {"amount": "20.00", "per_child": False, "source": source}
    assert data["credit_treatment"] == {"type": "refund", "rate": "0.5", "source": source}
    assert data["quotient_policy"] == {
        "source": source,
        "takes_effect": {"type": "next_month"},
        "zero_means_unknown": True,
    }


def test_payment_terms_survive_plain_data_toml_and_the_schema() -> None:
    data = to_data(PAYMENT_TERMS)
    assert from_data(data) == PAYMENT_TERMS
    assert to_data(from_data(data)) == data
    text = dumps_toml(PAYMENT_TERMS)
    assert loads_toml(text) == PAYMENT_TERMS
    assert tomllib.loads(text) == data
    assert_valid("policy", to_json_data(data))


def test_every_new_tag_is_read_back() -> None:
    carry = attrs.evolve(PAYMENT_TERMS, credit_treatment=CarryForward(_SRC))
    assert to_data(carry)["credit_treatment"]["type"] == CREDIT_TAGS[type(carry.credit_treatment)]
    assert from_data(to_data(carry)) == carry
    assert set(CREDIT_TAGS.values()) == {"carry_forward", "refund"}
    assert set(QUOTIENT_EFFECT_TAGS.values()) == {"from_reception", "next_month"}
    written = {"type": "from_reception"}
    data = to_data(PAYMENT_TERMS)
    data["quotient_policy"]["takes_effect"] = written
    # The default effect is read, and left out when written again.
    assert "takes_effect" not in to_data(from_data(data))["quotient_policy"]


# Payment defaults ------------------------------------------------------------------------------


def _without_payment() -> dict[str, Any]:
    data = to_data(get("saint-just-d-avray"))
    del data["payment_scheme"]
    del data["payment_modes"]
    data["citations"] = [c for c in data["citations"] if c["topic"] != "payment"]
    return data


def test_a_file_without_payment_scheme_and_modes_loads_with_the_defaults() -> None:
    data = _without_payment()
    policy = from_data(data)
    assert policy.payment_defaults == {"payment_scheme", "payment_modes"}
    assert policy.payment_scheme is PaymentScheme.POSTFACTURATION
    assert to_data(policy) == data
    (rule,) = [rule for rule in policy.explain("fr") if rule.topic == "payment"]
    assert rule.source is not None
    assert rule.source.kind is SourceKind.DEFAULT
    assert_valid("policy", to_json_data(data))


def test_a_file_stating_the_default_values_keeps_them_stated() -> None:
    data = _without_payment()
    data["payment_scheme"] = "postfacturation"
    policy = from_data(data)
    assert policy.payment_defaults == {"payment_modes"}
    assert to_data(policy)["payment_scheme"] == "postfacturation"
    assert to_data(policy) == data


@pytest.mark.parametrize("slug", ["chantraine", "paris", "saint-just-d-avray"])
def test_a_reference_commune_states_its_payment_and_dumps_the_same(slug: str) -> None:
    policy = get(slug)
    assert not policy.payment_defaults
    data = to_data(policy)
    assert "payment_scheme" in data
    assert "payment_modes" in data


# Bad input -------------------------------------------------------------------------------------


def _problems(data: Any) -> list[Problem]:
    with pytest.raises(PolicyError) as caught:
        from_data(data)
    return list(caught.value.problems)


def test_a_negative_minimum_top_up_is_reported_at_its_path() -> None:
    data = to_data(PAYMENT_TERMS)
    data["minimum_top_up"]["amount"] = "-20"
    (problem,) = _problems(data)
    assert problem.path == "minimum_top_up.amount"
    assert "negative" in problem.message


def test_a_minimum_top_up_of_zero_is_reported_at_its_path() -> None:
    data = to_data(PAYMENT_TERMS)
    data["minimum_top_up"]["amount"] = "0"
    (problem,) = _problems(data)
    assert problem.path == "minimum_top_up.amount"


def test_an_unknown_service_in_the_per_service_table_is_reported_at_its_path() -> None:
    data = to_data(PAYMENT_TERMS)
    data["payment_by_service"]["piscine"] = {
        "scheme": "immediate",
        "source": data["citations"][0]["source"],
    }
    (problem,) = _problems(data)
    assert problem.path == "payment_by_service.piscine"
    assert "unknown service 'piscine'" in problem.message


def test_a_refund_rate_above_100_percent_is_reported_at_its_path() -> None:
    data = to_data(PAYMENT_TERMS)
    data["credit_treatment"]["rate"] = "1.5"
    (problem,) = _problems(data)
    assert problem.path == "credit_treatment.rate"
    assert "100 %" in problem.message


def test_a_prepayment_share_of_zero_is_reported_at_its_path() -> None:
    data = to_data(PAYMENT_TERMS)
    data["payment_by_service"]["vacances"]["prepayment"]["share"] = "0"
    (problem,) = _problems(data)
    assert problem.path == "payment_by_service.vacances.prepayment.share"


def test_every_payment_problem_is_reported_together() -> None:
    data = to_data(PAYMENT_TERMS)
    data["payment_by_service"]["vacances"]["scheme"] = "later"
    data["credit_treatment"] = {"type": "refunded", "rate": "0.5"}
    data["quotient_policy"]["takes_effect"] = {"type": "next_year"}
    data["minimum_top_up"]["per_child"] = "yes"
    paths = [problem.path for problem in _problems(data)]
    assert paths == [
        "payment_by_service.vacances.scheme",
        "minimum_top_up.per_child",
        "credit_treatment.type",
        "quotient_policy.takes_effect.type",
    ]


def test_a_quotient_policy_without_deadline_loads() -> None:
    data = to_data(PAYMENT_TERMS)
    assert "registration_deadline" not in data["quotient_policy"]
    policy = from_data(data)
    assert policy.quotient_policy is not None
    assert policy.quotient_policy.registration_deadline is None
    data["quotient_policy"]["registration_deadline"] = date(2024, 8, 23)
    assert from_data(data).quotient_policy.registration_deadline == date(2024, 8, 23)  # type: ignore[union-attr]


# dump ∘ load -----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commune_policies())
def test_dump_then_load_is_the_identity_on_generated_payment_terms(policy: CommunePolicy) -> None:
    data = to_data(policy)
    assert from_data(data) == policy
    assert to_data(from_data(data)) == data


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_payment_page_examples_run(language: str) -> None:
    run = run_page(page_in(language, "reglements/payment.md"))
    assert run.doctests > 0
