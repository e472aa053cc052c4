"""Booking rules, the reference communes and their registry.

``names()`` lists the reference communes and ``get(slug)`` gives one's `CommunePolicy`
(aliases accepted, modules imported on first use).

The deadline rules are in [`cantine_rules.policies.deadlines`][], late handling and surcharges
in [`cantine_rules.policies.late`][], decisions in [`cantine_rules.policies.decisions`][], a
commune's rules and the deciding in [`cantine_rules.policies.booking`][], and the planning grid
in [`cantine_rules.policies.planning`][]. The names below are re-exported for convenience.
"""

from cantine_rules.policies.booking import (
    BookingRules,
    FamilyAccount,
    PeriodDecisions,
    PriceLookup,
    Requirements,
    ServiceRules,
    decided_charges,
    submit,
)
from cantine_rules.policies.commune import (
    Citation,
    CommunePolicy,
    ExplainedRule,
    PaymentScheme,
    describe_tariff,
    unit_price_schedules,
)
from cantine_rules.policies.deadlines import (
    AllOf,
    CalendarDaysBefore,
    ChangeWindow,
    ChangeWindowRule,
    ClearDaysBefore,
    FixedWindow,
    HoursBefore,
    MaxHorizon,
    ServiceStart,
    WeekdayBefore,
    WorkingDaysBefore,
    service_start,
)
from cantine_rules.policies.decisions import Decision, DecisionStatus, Reason
from cantine_rules.policies.late import (
    AcceptLate,
    AcceptWithSurcharge,
    BasePlus,
    BaseTimes,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    KeepCharging,
    LateContext,
    LateHandling,
    LateOutcome,
    MedicalWaiver,
    MissingPriceError,
    Refuse,
    Surcharge,
)
from cantine_rules.policies.planning import (
    DayStatus,
    PlanningDay,
    PlanningGrid,
    PlanningPeriod,
    period_bounds,
    planning,
    planning_between,
)
from cantine_rules.policies.registry import aliases, get, names

__all__ = [
    "AcceptLate",
    "AcceptWithSurcharge",
    "AllOf",
    "BasePlus",
    "BaseTimes",
    "BookingRules",
    "CalendarDaysBefore",
    "ChangeWindow",
    "ChangeWindowRule",
    "Citation",
    "ClearDaysBefore",
    "CommunePolicy",
    "DayStatus",
    "Decision",
    "DecisionStatus",
    "ExplainedRule",
    "FamilyAccount",
    "FixedWindow",
    "FlatPenalty",
    "FlatPrice",
    "FreeAllowance",
    "HoursBefore",
    "KeepCharging",
    "LateContext",
    "LateHandling",
    "LateOutcome",
    "MaxHorizon",
    "MedicalWaiver",
    "MissingPriceError",
    "PaymentScheme",
    "PeriodDecisions",
    "PlanningDay",
    "PlanningGrid",
    "PlanningPeriod",
    "PriceLookup",
    "Reason",
    "Refuse",
    "Requirements",
    "ServiceRules",
    "ServiceStart",
    "Surcharge",
    "WeekdayBefore",
    "WorkingDaysBefore",
    "aliases",
    "decided_charges",
    "describe_tariff",
    "get",
    "names",
    "period_bounds",
    "planning",
    "planning_between",
    "service_start",
    "submit",
    "unit_price_schedules",
]
