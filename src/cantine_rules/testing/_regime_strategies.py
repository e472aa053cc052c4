"""Hypothesis strategies for attendance regimes and monthly flat fees."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from cantine_rules.policies.commune import CommunePolicy
from cantine_rules.pricing._monthly import (
    ChildrenAmount,
    FeeBasis,
    MonthlyFlatFee,
    school_year_months,
)
from cantine_rules.rules.regimes import (
    ChangeEffect,
    DayChangeTerms,
    FixedDays,
    Occasional,
    Regime,
    ServiceRegimes,
    service_weekdays,
)
from cantine_rules.sources import Source
from cantine_rules.testing._strategies import commune_policies, money

__all__ = [
    "day_change_terms",
    "fixed_days_regimes",
    "monthly_flat_fees",
    "occasional_regimes",
    "policies_with_regimes",
    "service_regimes",
]

_EXAMPLE = Source.example("generated for a property test")


def day_change_terms() -> st.SearchStrategy[DayChangeTerms]:
    """When chosen days may change: every effect, a notice of up to two months."""
    return st.builds(
        DayChangeTerms,
        st.sampled_from(list(ChangeEffect)),
        st.integers(0, 60),
        st.booleans(),
        st.none() | st.just(Source.default("the règlement says nothing of changing the days")),
    )


@st.composite
def fixed_days_regimes(
    draw: st.DrawFn, service_weekdays: frozenset[int] = frozenset(range(5))
) -> FixedDays:
    """A fixed-days regime for a service that runs on *service_weekdays* (0=Monday).

    It may name the weekdays a family chooses among (some of the service's).
    """
    runs = sorted(service_weekdays)
    named = draw(st.none() | st.lists(st.sampled_from(runs), min_size=1, unique=True))
    choosable = len(runs) if named is None else len(named)
    low = draw(st.integers(1, choosable))
    high = draw(st.none() | st.integers(low, choosable))
    price = draw(st.none() | money(0, 8_00))
    weekdays = None if named is None else frozenset(named)
    label = "Jours fixes"
    return FixedDays(draw(day_change_terms()), _EXAMPLE, low, high, price, label, weekdays)


def occasional_regimes() -> st.SearchStrategy[Occasional]:
    """An occasional regime, with or without a price of its own."""
    return st.builds(Occasional, st.just(_EXAMPLE), st.none() | money(0, 10_00))


@st.composite
def monthly_flat_fees(draw: st.DrawFn, code: str = "forfait") -> MonthlyFlatFee:
    """A monthly fee, per child or family, maybe by number of children, maybe refunding absences.

    Its refund never exceeds its smallest amount. Some cover a term of following months of the
    school year rather than each month.
    """
    amount = draw(money(0, 120_00))
    thresholds = draw(st.lists(st.integers(2, 6), max_size=3, unique=True))
    by_children = tuple(
        ChildrenAmount(children, draw(money(0, 120_00))) for children in sorted(thresholds)
    )
    lowest = min([amount, *(item.amount for item in by_children)])
    refund = draw(st.none() | money(0, lowest.cents))
    # A term: following months in the school year's order, or none for a fee due each month.
    order = school_year_months()
    opening = draw(st.integers(0, 11))
    length = draw(st.integers(0, 12 - opening))
    term = order[opening : opening + length]
    return MonthlyFlatFee(
        code,
        f"Forfait {code}",
        amount,
        _EXAMPLE,
        draw(st.sampled_from(list(FeeBasis))),
        by_children,
        refund,
        term,
    )


@st.composite
def service_regimes(draw: st.DrawFn, policy: CommunePolicy, code: str) -> ServiceRegimes:
    """The regimes and fees of the service *code* of *policy*, fitting the days it runs."""
    runs = service_weekdays(policy.booking, code)
    offers: list[Regime] = []
    if draw(st.booleans()):
        offers.append(draw(fixed_days_regimes(runs)))
    if draw(st.booleans()):
        offers.append(draw(occasional_regimes()))
    # A service without a regime is priced by a monthly fee alone.
    codes = draw(
        st.lists(
            st.sampled_from(["carte", "panier", "surveillance"]),
            unique=True,
            min_size=0 if offers else 1,
        )
    )
    fees = tuple(draw(monthly_flat_fees(fee_code)) for fee_code in codes)
    return ServiceRegimes(code, tuple(offers), fees)


@st.composite
def policies_with_regimes(draw: st.DrawFn) -> CommunePolicy:
    """A generated commune whose services offer attendance regimes and monthly fees."""
    policy = draw(commune_policies())
    codes = [service.code for service in policy.services]
    chosen = draw(st.lists(st.sampled_from(codes), min_size=1, unique=True))
    return attrs.evolve(
        policy, regimes=tuple(draw(service_regimes(policy, code)) for code in chosen)
    )
