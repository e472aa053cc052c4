"""The plain-data form of presences without booking and late pick-ups: paths and round trips."""

from __future__ import annotations

import copy
import tomllib
from datetime import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cantine_rules import Money, policies
from cantine_rules.errors import PolicyError
from cantine_rules.plain import dumps_toml, from_data, loads_toml, to_data
from cantine_rules.policies import CommunePolicy
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CostPrice,
    CountedPer,
    LatePickup,
    PickupBand,
    RepeatedCharge,
    RepeatedFee,
    RepetitionPeriod,
    UnbookedPresence,
    UnbookedPresenceRules,
)
from cantine_rules.rules.late import BasePlus, FlatPrice
from cantine_rules.testing import late_pickups, unbooked_presences

MA_COMMUNE = Path(__file__).resolve().parents[2] / "examples" / "communes" / "ma-commune.toml"
with MA_COMMUNE.open("rb") as _file:
    BASE: dict[str, Any] = tomllib.load(_file)

# « majoration de 2 € par repas pris sans inscription »; « la présence répétée … sera majorée
# de 5 € »; « de 18h00 à 18h15 : 10 € ; au-delà de 18h15 : 50 € » (the soir service ends 18:30).
TEXT = """
[unbooked_presence.default]
charge = { type = "base_plus", amount = "2.00" }
period = "month"
counted_per = "family"
repeated = [{ from_occurrence = 2, charge = { type = "base_plus", amount = "5.00" } }]

[unbooked_presence.by_service.soir]
charge = { type = "cost_price", amount = "5.49" }

[late_pickup.soir]
per = "family"
period = "school_year"
bands = [
    { starts = "18:30", ends = "18:45", fee = "10.00" },
    { starts = "18:45", fee = "50.00", repeated = [{ from_occurrence = 3, fee = "60.00" }] },
]
"""


def _with(extra: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(extra))
    return data


def _paths(data: dict[str, Any]) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        from_data(data)
    return [problem.path for problem in caught.value.problems]


def test_the_toml_form_reads_into_the_values() -> None:
    policy = from_data(_with(tomllib.loads(TEXT)))
    assert policy.unbooked_presence == UnbookedPresenceRules(
        UnbookedPresence(
            BasePlus(Money.euros(2)),
            (RepeatedCharge(2, BasePlus(Money.euros(5))),),
            RepetitionPeriod.MONTH,
            CountedPer.FAMILY,
        ),
        {"soir": UnbookedPresence(CostPrice(Money.euros("5.49")))},
    )
    assert policy.late_pickup == (
        (
            "soir",
            LatePickup(
                (
                    PickupBand(policy.service("soir").end, time(18, 45), Money.euros(10)),
                    PickupBand(
                        time(18, 45), None, Money.euros(50), (RepeatedFee(3, Money.euros(60)),)
                    ),
                ),
                BoundarySide.EARLIER,
                CountedPer.FAMILY,
                RepetitionPeriod.SCHOOL_YEAR,
            ),
        ),
    )
    # Written back as it was read (defaults left out), through data and TOML.
    data = to_data(policy)
    assert data["late_pickup"] == tomllib.loads(TEXT)["late_pickup"]
    assert data["unbooked_presence"] == tomllib.loads(TEXT)["unbooked_presence"]
    assert loads_toml(dumps_toml(policy)) == policy


def _pickup(*bands: dict[str, Any], **keys: Any) -> dict[str, Any]:
    return {"late_pickup": {"soir": {"bands": list(bands), **keys}}}


BAD = {
    "overlapping bands": (
        _pickup(
            {"starts": "18:30", "ends": "18:45", "fee": "10"},
            {"starts": "18:40", "fee": "50"},
        ),
        "late_pickup.soir.bands[1].starts",
    ),
    "a gap between bands": (
        _pickup(
            {"starts": "18:30", "ends": "18:45", "fee": "10"},
            {"starts": "18:50", "fee": "50"},
        ),
        "late_pickup.soir.bands[1].starts",
    ),
    "a gap after the service's end": (
        _pickup({"starts": "18:35", "fee": "10"}),
        "late_pickup.soir.bands[0].starts",
    ),
    "a band of zero length": (
        _pickup(
            {"starts": "18:30", "ends": "18:30", "fee": "10"}, {"starts": "18:30", "fee": "50"}
        ),
        "late_pickup.soir.bands[0].ends",
    ),
    "a last band with an end": (
        _pickup({"starts": "18:30", "ends": "19:00", "fee": "10"}),
        "late_pickup.soir.bands[0].ends",
    ),
    "a later band cheaper": (
        _pickup(
            {"starts": "18:30", "ends": "18:45", "fee": "50"}, {"starts": "18:45", "fee": "10"}
        ),
        "late_pickup.soir.bands[1].fee",
    ),
    "a repeated fee lower": (
        _pickup(
            {"starts": "18:30", "fee": "10", "repeated": [{"from_occurrence": 2, "fee": "5"}]},
            period="month",
        ),
        "late_pickup.soir.bands[0].repeated[0].fee",
    ),
    "a repeated fee without its period": (
        _pickup(
            {"starts": "18:30", "fee": "10", "repeated": [{"from_occurrence": 2, "fee": "15"}]}
        ),
        "late_pickup.soir.period",
    ),
    "a float fee": (_pickup({"starts": "18:30", "fee": 10.5}), "late_pickup.soir.bands[0].fee"),
    "a boundary misspelt": (
        _pickup({"starts": "18:30", "fee": "10"}, boundary="before"),
        "late_pickup.soir.boundary",
    ),
    "no band": (_pickup(), "late_pickup.soir.bands"),
    "a late pick-up of an unknown service": (
        {"late_pickup": {"garderie": {"bands": [{"starts": "18:30", "fee": "10"}]}}},
        "late_pickup.garderie",
    ),
    "an unknown service": (
        {
            "unbooked_presence": {
                "by_service": {"cantine": {"charge": {"type": "flat_price", "amount": "10"}}}
            }
        },
        "unbooked_presence.by_service.cantine",
    ),
    "a repetition without its period": (
        {
            "unbooked_presence": {
                "default": {
                    "charge": {"type": "base_plus", "amount": "2"},
                    "repeated": [
                        {"from_occurrence": 2, "charge": {"type": "base_plus", "amount": "5"}}
                    ],
                }
            }
        },
        "unbooked_presence.default.period",
    ),
    "a repetition from the first occurrence": (
        {
            "unbooked_presence": {
                "default": {
                    "charge": {"type": "base_plus", "amount": "2"},
                    "period": "month",
                    "repeated": [
                        {"from_occurrence": 1, "charge": {"type": "base_plus", "amount": "5"}}
                    ],
                }
            }
        },
        "unbooked_presence.default.repeated[0].from_occurrence",
    ),
    "occurrences not rising": (
        {
            "unbooked_presence": {
                "default": {
                    "charge": {"type": "base_plus", "amount": "2"},
                    "period": "month",
                    "repeated": [
                        {"from_occurrence": 3, "charge": {"type": "base_plus", "amount": "5"}},
                        {"from_occurrence": 2, "charge": {"type": "base_plus", "amount": "6"}},
                    ],
                }
            }
        },
        "unbooked_presence.default.repeated[1].from_occurrence",
    ),
    "a penalty that counts late changes": (
        {"unbooked_presence": {"default": {"charge": {"type": "flat_penalty", "amount": "2"}}}},
        "unbooked_presence.default.charge.type",
    ),
    "a period misspelt": (
        {
            "unbooked_presence": {
                "default": {"charge": {"type": "flat_price", "amount": "10"}, "period": "year"}
            }
        },
        "unbooked_presence.default.period",
    ),
}


@pytest.mark.parametrize(("extra", "path"), BAD.values(), ids=list(BAD))
def test_bad_input_is_a_problem_at_its_path(extra: dict[str, Any], path: str) -> None:
    assert _paths(_with(extra)) == [path]


def test_every_problem_is_reported_at_once() -> None:
    extra = {
        "unbooked_presence": {"default": {"charge": {"type": "flat_price", "amount": 1.5}}},
        "late_pickup": {"soir": {"bands": [{"starts": "18h30", "fee": "10"}]}},
    }
    assert _paths(_with(extra)) == [
        "unbooked_presence.default.charge.amount",
        "late_pickup.soir.bands[0].starts",
    ]


@st.composite
def _policies(draw: st.DrawFn) -> CommunePolicy:
    policy = draw(st.sampled_from([policies.get(slug) for slug in policies.names()]))
    codes = [service.code for service in policy.services]
    presence = UnbookedPresenceRules(
        draw(st.none() | unbooked_presences()),
        draw(st.dictionaries(st.sampled_from(codes), unbooked_presences(), max_size=2)),
    )
    pickup = {
        service.code: draw(late_pickups(service))
        for service in policy.services
        if draw(st.booleans())
    }
    return attrs.evolve(policy, unbooked_presence=presence, late_pickup=pickup)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_policies())
def test_dump_then_load_is_the_identity(policy: CommunePolicy) -> None:
    data = to_data(policy)
    assert from_data(data) == policy
    assert to_data(from_data(data)) == data
    assert loads_toml(dumps_toml(policy)) == policy


def test_a_charge_of_the_commune_s_own_has_no_plain_form() -> None:
    @attrs.frozen
    class Voucher:
        def charge(self, base: Money | None, context: object) -> Money:
            return Money.zero()

        def describe(self, lang: str = "fr") -> str:
            return "bon"

    policy = attrs.evolve(
        policies.get("chantraine"),
        unbooked_presence=UnbookedPresenceRules(UnbookedPresence(Voucher())),  # type: ignore[arg-type]
    )
    with pytest.raises(TypeError, match=r"unbooked_presence\.default\.charge"):
        to_data(policy)


def test_a_flat_price_is_written_as_the_late_changes_write_it() -> None:
    policy = attrs.evolve(
        policies.get("chantraine"),
        unbooked_presence=UnbookedPresenceRules(UnbookedPresence(FlatPrice(Money.euros(10)))),
    )
    assert to_data(policy)["unbooked_presence"] == {
        "default": {"charge": {"type": "flat_price", "amount": "10.00"}}
    }
