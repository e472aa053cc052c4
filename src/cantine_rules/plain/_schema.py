"""The ``type`` tags of the plain-data form, shared by loading and dumping.

Each tagged union of the plain form is a fixed table from a class to its tag. Loading looks a tag
up in it and nothing else: a tag never names a Python object.

>>> DEADLINE_TAGS[WorkingDaysBefore]
'working_days_before'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from cantine_rules.plain._read import WEEKDAYS
from cantine_rules.pricing._monthly import MonthlyFlatFee
from cantine_rules.pricing.accounts import CarryForward, Refund
from cantine_rules.pricing.tariffs import (
    BracketGrid,
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    EffortRate,
    FromNextMonth,
    FromReception,
    MedicalMealFactor,
    MedicalMealFlatPrice,
    ModifiedTariff,
    NonResidentSupplement,
    SiblingReduction,
    SiteSupplement,
    UnitPrice,
)
from cantine_rules.rules.absences import (
    BookedPrice,
    CertificatesNotAccepted,
    CertificateWithin,
    FlatCharge,
)
from cantine_rules.rules.attendance_fees import CostPrice
from cantine_rules.rules.deadlines import (
    AllOf,
    CalendarDaysBefore,
    ClearDaysBefore,
    EndOfDayBefore,
    FixedWindow,
    HoursBefore,
    MaxHorizon,
    MonthlyDeadline,
    SchoolDaysBefore,
    WeekdayBefore,
    WeekdayTable,
    WorkingDaysBefore,
)
from cantine_rules.rules.late import (
    AcceptLate,
    AcceptWithSurcharge,
    BasePlus,
    BaseTimes,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    KeepCharging,
    Refuse,
)
from cantine_rules.rules.regimes import FixedDays, Occasional

__all__ = [
    "ABSENCE_CHARGE_TAGS",
    "CERTIFICATE_TAGS",
    "CREDIT_TAGS",
    "DEADLINE_TAGS",
    "FEE_TAGS",
    "MODIFIER_TAGS",
    "OUTCOME_TAGS",
    "QUOTIENT_EFFECT_TAGS",
    "REGIME_TAGS",
    "SURCHARGE_TAGS",
    "TARIFF_TAGS",
    "UNBOOKED_CHARGE_TAGS",
    "UNKNOWN",
    "WEEKDAYS",
]


#: Written for a bracket's threshold or price that no source gives (there is no null in TOML).
UNKNOWN: Final = "unknown"

DEADLINE_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        HoursBefore: "hours_before",
        WorkingDaysBefore: "working_days_before",
        WeekdayBefore: "weekday_before",
        CalendarDaysBefore: "calendar_days_before",
        ClearDaysBefore: "clear_days_before",
        FixedWindow: "fixed_window",
        MaxHorizon: "max_horizon",
        AllOf: "all_of",
        SchoolDaysBefore: "school_days_before",
        WeekdayTable: "weekday_table",
        MonthlyDeadline: "monthly_deadline",
        EndOfDayBefore: "end_of_day_before",
    }
)

OUTCOME_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        Refuse: "refuse",
        AcceptWithSurcharge: "surcharge",
        KeepCharging: "keep_charging",
        AcceptLate: "accept_late",
    }
)

SURCHARGE_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        FlatPrice: "flat_price",
        BasePlus: "base_plus",
        BaseTimes: "base_times",
        FlatPenalty: "flat_penalty",
        FreeAllowance: "free_allowance",
    }
)

UNBOOKED_CHARGE_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        FlatPrice: "flat_price",
        CostPrice: "cost_price",
        BasePlus: "base_plus",
        BaseTimes: "base_times",
    }
)
"""The charges of a presence without booking: the prices among the surcharges, and the cost
price (a flat penalty or a free allowance counts late changes, not presences)."""

TARIFF_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        UnitPrice: "unit_price",
        BracketGrid: "bracket_grid",
        EffortRate: "effort_rate",
        ModifiedTariff: "modified",
        ByChildrenCount: "by_children_count",
        BySiblingRank: "by_sibling_rank",
        ByResidence: "by_residence",
    }
)

MODIFIER_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        SiblingReduction: "sibling_reduction",
        NonResidentSupplement: "non_resident_supplement",
        MedicalMealFactor: "medical_meal_factor",
        MedicalMealFlatPrice: "medical_meal_flat_price",
        SiteSupplement: "site_supplement",
    }
)

ABSENCE_CHARGE_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        BookedPrice: "booked_price",
        FlatCharge: "flat",
    }
)

CERTIFICATE_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        CertificateWithin: "within",
        CertificatesNotAccepted: "not_accepted",
    }
)

CREDIT_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        CarryForward: "carry_forward",
        Refund: "refund",
    }
)

QUOTIENT_EFFECT_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        FromReception: "from_reception",
        FromNextMonth: "next_month",
    }
)

REGIME_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        FixedDays: "fixed_days",
        Occasional: "occasional",
    }
)

FEE_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {
        MonthlyFlatFee: "monthly_flat_fee",
    }
)
