"""The plain-data form of attendance regimes and monthly fees: round trip, and every problem
reported at its path."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from cantine_rules.errors import PolicyError
from cantine_rules.plain import dumps_toml, from_data, loads_toml, to_data
from cantine_rules.plain._schema import FEE_TAGS, REGIME_TAGS
from cantine_rules.policies import CommunePolicy
from cantine_rules.testing import policies_with_regimes

_SOURCE = {"kind": "example", "reference": "un à cinq jours fixes par semaine"}

_BASE = """\
slug = "ma-commune"
name = "Ma Commune"
payment_scheme = "postfacturation"
payment_modes = ["card"]
calendar = { zone = "B" }

[[services]]
code = "repas"
label = "Repas"
kind = "meal"
start = "11:45"
end = "13:30"

[rules.default]
add = { type = "hours_before", hours = 48 }
cancel = { type = "hours_before", hours = 48 }

[[regimes.repas.offers]]
type = "fixed_days"
label = "Forfait"
min_days = 1
max_days = 4
unit_price = "3.20"
changes = { effect = "next_period", notice_days = 15, through_commune = false }
source = { kind = "example", reference = "jours fixes" }

[[regimes.repas.offers]]
type = "occasional"
unit_price = "3.70"
source = { kind = "example", reference = "repas occasionnel 3,70 €" }

[[regimes.repas.monthly_fees]]
type = "monthly_flat_fee"
code = "carte"
label = "Carte mensuelle"
amount = "59.00"
per = "family"
by_children = [{ children = 2, amount = "57.00" }]
refund_per_absent_day = "3.85"
source = { kind = "example", reference = "carte mensuelle" }
"""


def _data() -> dict[str, Any]:
    return tomllib.loads(_BASE)


def _paths(data: dict[str, Any]) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        from_data(data)
    return [problem.path for problem in caught.value.problems]


def test_a_policy_with_every_regime_shape_round_trips() -> None:
    policy = loads_toml(_BASE)
    regimes = policy.regimes_of("repas")
    assert regimes is not None
    assert {type(offer) for offer in regimes.offers} == set(REGIME_TAGS)
    assert {type(fee) for fee in regimes.monthly_fees} == set(FEE_TAGS)
    data = to_data(policy)
    assert from_data(data) == policy
    assert to_data(from_data(data)) == data
    assert loads_toml(dumps_toml(policy)) == policy


def test_defaults_are_left_out_of_the_dump() -> None:
    data = _data()
    data["regimes"]["repas"]["offers"] = [
        {"type": "fixed_days", "changes": {"effect": "next_month"}, "source": _SOURCE}
    ]
    del data["regimes"]["repas"]["monthly_fees"]
    assert to_data(from_data(data))["regimes"] == {
        "repas": {
            "offers": [
                {"type": "fixed_days", "changes": {"effect": "next_month"}, "source": _SOURCE}
            ]
        }
    }


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        # A fixed-days regime with 0 days, or more than the service's four days.
        (("offers", 0, "min_days", 0), "regimes.repas.offers[0].min_days"),
        (("offers", 0, "max_days", 5), "regimes.repas.offers[0].max_days"),
        (("offers", 0, "max_days", 8), "regimes.repas.offers[0].max_days"),
        # A weekday the service does not run (a four-day week: no Wednesday).
        (("offers", 0, "weekdays", ["monday", "wednesday"]), "regimes.repas.offers[0].weekdays"),
        (("offers", 0, "weekdays", ["monday", "monday"]), "regimes.repas.offers[0].weekdays[1]"),
        (("offers", 0, "weekdays", ["lundi"]), "regimes.repas.offers[0].weekdays[0]"),
        (("offers", 0, "type", "fixed_day"), "regimes.repas.offers[0].type"),
        (("offers", 1, "unit_price", 3.7), "regimes.repas.offers[1].unit_price"),
        # A refund greater than the fee.
        (
            ("monthly_fees", 0, "refund_per_absent_day", "60.00"),
            "regimes.repas.monthly_fees[0].refund_per_absent_day",
        ),
        (("monthly_fees", 0, "per", "household"), "regimes.repas.monthly_fees[0].per"),
    ],
)
def test_bad_regimes_are_reported_at_their_path(
    edit: tuple[str, int, str, object], path: str
) -> None:
    data = _data()
    table, index, key, value = edit
    data["regimes"]["repas"][table][index][key] = value
    assert path in _paths(data)


def test_the_weekdays_a_family_chooses_among() -> None:
    data = _data()
    data["regimes"]["repas"]["offers"][0]["weekdays"] = ["friday", "monday"]
    data["regimes"]["repas"]["offers"][0]["max_days"] = 2
    policy = from_data(data)
    assert to_data(policy)["regimes"]["repas"]["offers"][0]["weekdays"] == ["monday", "friday"]
    text = {rule.topic: rule.text for rule in policy.explain("fr")}["regime.repas.fixed_days"]
    assert "de 1 à 2 jours fixes par semaine parmi : lundi, vendredi" in text
    # Three weekdays among two is more than the regime offers.
    data["regimes"]["repas"]["offers"][0]["max_days"] = 3
    assert _paths(data) == ["regimes.repas.offers[0].max_days"]


def test_a_notice_of_more_than_a_year_is_reported() -> None:
    data = _data()
    data["regimes"]["repas"]["offers"][0]["changes"]["notice_days"] = 400
    assert _paths(data) == ["regimes.repas.offers[0].changes.notice_days"]


def test_a_regime_of_an_unknown_service_is_reported() -> None:
    data = _data()
    data["regimes"]["cantine"] = copy.deepcopy(data["regimes"].pop("repas"))
    assert _paths(data) == ["regimes.cantine"]


def test_a_service_offering_the_same_regime_twice_is_reported() -> None:
    data = _data()
    offers = data["regimes"]["repas"]["offers"]
    offers.append(copy.deepcopy(offers[1]))
    assert _paths(data) == ["regimes.repas.offers[2]"]


def test_two_fees_with_one_code_are_reported() -> None:
    data = _data()
    fees = data["regimes"]["repas"]["monthly_fees"]
    fees.append(copy.deepcopy(fees[0]))
    assert _paths(data) == ["regimes.repas.monthly_fees[1].code"]


def test_children_thresholds_that_do_not_rise_are_reported() -> None:
    data = _data()
    data["regimes"]["repas"]["monthly_fees"][0]["by_children"].append(
        {"children": 2, "amount": "50.00"}
    )
    assert _paths(data) == ["regimes.repas.monthly_fees[0].by_children[1].children"]


def test_every_problem_of_the_regimes_is_reported_at_once() -> None:
    data = _data()
    data["regimes"]["repas"]["offers"][0]["min_days"] = 0
    data["regimes"]["repas"]["monthly_fees"][0]["amount"] = 59.0
    assert set(_paths(data)) == {
        "regimes.repas.offers[0].min_days",
        "regimes.repas.monthly_fees[0].amount",
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(policies_with_regimes())
def test_dump_then_load_is_the_identity(policy: CommunePolicy) -> None:
    data = to_data(policy)
    assert from_data(data) == policy
    assert to_data(from_data(data)) == data
    assert loads_toml(dumps_toml(policy)) == policy


def test_a_service_priced_by_a_monthly_fee_alone() -> None:
    data = _data()
    del data["regimes"]["repas"]["offers"]
    policy = from_data(data)
    regimes = policy.regimes_of("repas")
    assert regimes is not None
    assert regimes.offers == ()
    assert to_data(policy)["regimes"]["repas"].keys() == {"monthly_fees"}


def test_a_service_with_neither_regime_nor_fee_is_reported() -> None:
    data = _data()
    data["regimes"]["repas"] = {}
    assert _paths(data) == ["regimes.repas.offers"]


def test_change_terms_may_cite_their_own_default() -> None:
    data = _data()
    default = {"kind": "default", "reference": "the règlement says nothing of changing the days"}
    data["regimes"]["repas"]["offers"][0]["changes"]["source"] = default
    policy = from_data(data)
    rules = {rule.topic: rule for rule in policy.explain("en")}
    assert rules["regime.repas.fixed_days.changes"].is_default
    assert not rules["regime.repas.fixed_days"].is_default
    assert to_data(policy)["regimes"]["repas"]["offers"][0]["changes"]["source"] == default
