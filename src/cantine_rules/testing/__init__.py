"""A property-testing kit for commune developers: hypothesis strategies and the laws of a policy.

Needs hypothesis: ``pip install "cantine-rules[testing]"``.

>>> from cantine_rules import policies
>>> from cantine_rules.testing import check_policy
>>> check_policy(policies.get("chantraine"), max_examples=5)

Strategies are registered for the library's types, so ``st.from_type(Service)`` works for
[`Service`][cantine_rules.model.Service], [`Child`][cantine_rules.model.Child],
[`Family`][cantine_rules.model.Family], [`Money`][cantine_rules.money.Money],
[`SchoolCalendar`][cantine_rules.calendar.SchoolCalendar],
[`BracketGrid`][cantine_rules.pricing.tariffs.BracketGrid],
[`PricingContext`][cantine_rules.pricing.tariffs.PricingContext],
[`ServiceRules`][cantine_rules.rules.booking.ServiceRules],
[`BookingRules`][cantine_rules.rules.booking.BookingRules],
[`CommunePolicy`][cantine_rules.policies.commune.CommunePolicy],
[`UnbookedPresence`][cantine_rules.rules.attendance_fees.UnbookedPresence],
[`AbsencePolicy`][cantine_rules.rules.absences.AbsencePolicy],
[`MinimumTopUp`][cantine_rules.pricing.accounts.MinimumTopUp] and
[`QuotientPolicy`][cantine_rules.pricing.tariffs.QuotientPolicy],
[`DayChangeTerms`][cantine_rules.rules.regimes.DayChangeTerms] and
[`MonthlyFlatFee`][cantine_rules.pricing.tariffs.MonthlyFlatFee]
(`late_pickups(service)` draws the late pick-up bands of a given service;
`custody_rules()` draws the custody rule of a child between two households).

The installed package also declares a ``hypothesis`` entry point
(`cantine_rules._hypothesis_hook`): hypothesis imports this module when it is itself imported,
so ``st.from_type(Money)`` works in a test that never imports this module
(``HYPOTHESIS_NO_PLUGINS=1`` turns that off).
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - fail early with a clear message
except ImportError as missing:  # pragma: no cover - depends on the environment
    raise ImportError(
        "cantine_rules.testing needs hypothesis: pip install 'cantine-rules[testing]'"
    ) from missing

from hypothesis import strategies as st

from cantine_rules.calendar import SchoolCalendar
from cantine_rules.model import Child, Family, Service
from cantine_rules.money import Money
from cantine_rules.policies.commune import CommunePolicy
from cantine_rules.pricing._monthly import MonthlyFlatFee
from cantine_rules.pricing.accounts import MinimumTopUp
from cantine_rules.pricing.tariffs import BracketGrid, PricingContext, QuotientPolicy
from cantine_rules.rules.absences import AbsencePolicy
from cantine_rules.rules.attendance_fees import UnbookedPresence
from cantine_rules.rules.booking import BookingRules, ServiceRules
from cantine_rules.rules.regimes import DayChangeTerms
from cantine_rules.testing._attendance_strategies import absences_with_notice, attendance_events
from cantine_rules.testing._family_strategies import custody_rules
from cantine_rules.testing._laws import LAWS, PolicyLawError, check_policy
from cantine_rules.testing._regime_strategies import (
    day_change_terms,
    fixed_days_regimes,
    monthly_flat_fees,
    occasional_regimes,
    policies_with_regimes,
    service_regimes,
)
from cantine_rules.testing._scale import month_of_work
from cantine_rules.testing._strategies import (
    absence_policies,
    absence_rules,
    booking_changes,
    booking_rules,
    bracket_grids,
    calendars,
    children,
    commune_policies,
    credit_treatments,
    deadline_rules,
    direct_debit_terms,
    families,
    instants_around_dst,
    late_handlings,
    late_pickups,
    minimum_top_ups,
    modifiers,
    money,
    monthly_deadlines,
    non_billable_days,
    pricing_contexts,
    quotient_policies,
    quotient_records,
    quotients,
    service_payments,
    service_rules,
    services,
    surcharges,
    tariffs,
    unbooked_presences,
    weekday_tables,
)

__all__ = [
    "LAWS",
    "PolicyLawError",
    "absence_policies",
    "absence_rules",
    "absences_with_notice",
    "attendance_events",
    "booking_changes",
    "booking_rules",
    "bracket_grids",
    "calendars",
    "check_policy",
    "children",
    "commune_policies",
    "credit_treatments",
    "custody_rules",
    "day_change_terms",
    "deadline_rules",
    "direct_debit_terms",
    "families",
    "fixed_days_regimes",
    "instants_around_dst",
    "late_handlings",
    "late_pickups",
    "minimum_top_ups",
    "modifiers",
    "money",
    "month_of_work",
    "monthly_deadlines",
    "monthly_flat_fees",
    "non_billable_days",
    "occasional_regimes",
    "policies_with_regimes",
    "pricing_contexts",
    "quotient_policies",
    "quotient_records",
    "quotients",
    "service_payments",
    "service_regimes",
    "service_rules",
    "services",
    "surcharges",
    "tariffs",
    "unbooked_presences",
    "weekday_tables",
]


st.register_type_strategy(Money, money())
st.register_type_strategy(Service, services())
st.register_type_strategy(Child, children())
st.register_type_strategy(Family, families())
st.register_type_strategy(SchoolCalendar, calendars())
st.register_type_strategy(BracketGrid, bracket_grids())
st.register_type_strategy(PricingContext, pricing_contexts())
st.register_type_strategy(ServiceRules, service_rules())
st.register_type_strategy(BookingRules, booking_rules())
st.register_type_strategy(CommunePolicy, commune_policies())
st.register_type_strategy(UnbookedPresence, unbooked_presences())
st.register_type_strategy(AbsencePolicy, absence_policies())
st.register_type_strategy(MinimumTopUp, minimum_top_ups())
st.register_type_strategy(QuotientPolicy, quotient_policies())
st.register_type_strategy(MonthlyFlatFee, monthly_flat_fees())
st.register_type_strategy(DayChangeTerms, day_change_terms())
