"""The communes: `CommunePolicy`, the reference communes and their registry.

``names()`` lists the reference communes and ``get(slug)`` gives one's `CommunePolicy`
(aliases accepted, modules imported on first use). Each reference commune is one module here
holding every figure and rule of that commune with its sources.

The booking-rule engine the policies are composed from lives in [`cantine_rules.rules`][]; its
names are re-exported here for convenience, so ``from cantine_rules.policies import
HoursBefore`` keeps working.
"""

from typing import TYPE_CHECKING, Final

from cantine_rules._lazy import OnFirstUse
from cantine_rules.policies.commune import (
    Citation,
    CommunePolicy,
    ExplainedRule,
    PaymentScheme,
    describe_tariff,
    unit_price_schedules,
)
from cantine_rules.policies.registry import aliases, get, names
from cantine_rules.rules import (
    AcceptLate,
    AcceptWithSurcharge,
    AllOf,
    BasePlus,
    BaseTimes,
    BookingRules,
    CalendarDaysBefore,
    ChangeColumns,
    ChangeWindow,
    ChangeWindowRule,
    ClearDaysBefore,
    Decision,
    DecisionColumns,
    DecisionStatus,
    FamilyAccount,
    FixedWindow,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    HoursBefore,
    KeepCharging,
    LateContext,
    LateHandling,
    LateOutcome,
    MaxHorizon,
    MedicalWaiver,
    MissingPriceError,
    PeriodDecisions,
    PriceLookup,
    Reason,
    Refuse,
    Requirements,
    ServiceRules,
    ServiceStart,
    Surcharge,
    WeekdayBefore,
    WorkingDaysBefore,
    decided_charges,
    service_start,
    submit,
)

if TYPE_CHECKING:
    from cantine_rules.rules import (
        DayStatus,
        PlanningDay,
        PlanningGrid,
        PlanningPeriod,
        period_bounds,
        planning,
        planning_between,
    )

__all__ = [
    "AcceptLate",
    "AcceptWithSurcharge",
    "AllOf",
    "BasePlus",
    "BaseTimes",
    "BookingRules",
    "CalendarDaysBefore",
    "ChangeColumns",
    "ChangeWindow",
    "ChangeWindowRule",
    "Citation",
    "ClearDaysBefore",
    "CommunePolicy",
    "DayStatus",
    "Decision",
    "DecisionColumns",
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

#: The planning grid is imported on first use, as `cantine_rules.rules` does: deciding a change
#: does not draw one (see ``cantine_rules._lazy``).
_ON_FIRST_USE: Final = OnFirstUse(
    __name__,
    {
        "cantine_rules.rules": (
            "DayStatus",
            "PlanningDay",
            "PlanningGrid",
            "PlanningPeriod",
            "period_bounds",
            "planning",
            "planning_between",
        )
    },
)

if not TYPE_CHECKING:
    # PEP 562. Type checkers read the same names from the imports above, and still report a
    # name the module does not have.
    __getattr__ = _ON_FIRST_USE.attribute
    __dir__ = _ON_FIRST_USE.directory
