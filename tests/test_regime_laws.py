"""The laws of attendance regimes and monthly fees, on generated policies, and a broken fee
that they catch."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from cantine_rules import Money
from cantine_rules.policies import CommunePolicy, get
from cantine_rules.pricing.tariffs import MonthCharge, MonthlyFlatFee
from cantine_rules.rules.regimes import ServiceRegimes
from cantine_rules.sources import Source
from cantine_rules.testing import LAWS, PolicyLawError, check_policy, policies_with_regimes
from cantine_rules.testing._regime_laws import REGIME_LAWS


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.nested_given, HealthCheck.too_slow],
)
@given(policies_with_regimes())
def test_generated_policies_with_regimes_obey_every_law(policy: CommunePolicy) -> None:
    for name in REGIME_LAWS:
        LAWS[name](policy, 5)
    LAWS["the plain-data form round-trips"](policy, 1)


@attrs.frozen
class _ChargesPerAbsence(MonthlyFlatFee):
    """A broken fee: each absence costs a day more, instead of being refunded."""

    def month_charge(
        self,
        month: date,
        booked_days: Iterable[date],
        *,
        absent_days: Iterable[date] = (),
        children: int = 1,
    ) -> MonthCharge:
        charge = super().month_charge(month, booked_days, children=children)
        extra = Money.euros("1.00") * len(set(absent_days))
        return attrs.evolve(charge, amount=charge.amount + extra)


def test_a_fee_that_charges_absences_breaks_a_law() -> None:
    broken = _ChargesPerAbsence("f", "Forfait", Money.euros("10.00"), Source.example("x"))
    policy = attrs.evolve(
        get("saint-just-d-avray"), regimes=[ServiceRegimes("repas", [], [broken])]
    )
    with pytest.raises(PolicyLawError) as caught:
        check_policy(policy, max_examples=30, skip={"the plain-data form round-trips"})
    assert "monthly fee" in caught.value.law
