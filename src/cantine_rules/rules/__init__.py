"""The booking-rule engine: deadlines, late handling, decisions and the planning grid.

No commune's data lives here: the engine decides a change with the rules it is given. The
communes, which compose these values with their sources, are in
[`cantine_rules.policies`][].

* [`cantine_rules.rules.deadlines`][]: until when (and from when) a change is on time;
* [`cantine_rules.rules.late`][]: what happens past a deadline, and what it costs;
* ``cantine_rules.rules.absences``: an absence judged by when the family gave notice, waiting
  days (« jours de carence ») and medical certificates;
* ``cantine_rules.rules.non_billable``: the days a commune declares never charged (outings,
  strikes);
* [`cantine_rules.rules.decisions`][]: a decision, its stable reason and its explanation;
* [`cantine_rules.rules.booking`][]: a commune's booking rules and the one decision path shared
  by single changes, baskets and periods;
* ``cantine_rules.rules.window_table``: ``ChangeWindowTable``, the windows of a span of days
  computed once, which a portal keeps and passes to baskets, periods and planning grids;
* [`cantine_rules.rules.planning_grid`][]: each day's status for a child and a service.

Examples:
    >>> from datetime import date, datetime, time
    >>> from cantine_rules import EUROPE_PARIS, BookingChange, ChangeAction, Service, ServiceKind
    >>> from cantine_rules.calendar import SchoolCalendar, Zone
    >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
    >>> rules = BookingRules(
    ...     SchoolCalendar(Zone.B), (meal,), ServiceRules(HoursBefore(48), HoursBefore(48))
    ... )
    >>> at = datetime(2024, 9, 17, 12, 0, tzinfo=EUROPE_PARIS)
    >>> rules.decide(BookingChange(ChangeAction.ADD, "c1", "repas", date(2024, 9, 19), at)).reason
    <Reason.TOO_LATE: 'too_late'>
"""

from typing import TYPE_CHECKING, Final

from cantine_rules._lazy import OnFirstUse
from cantine_rules.rules._absence_rules import AbsenceRules
from cantine_rules.rules.booking import (
    BookingRules,
    FamilyAccount,
    PeriodDecisions,
    PriceLookup,
    Requirements,
    ServiceRules,
    decided_charges,
    submit,
)
from cantine_rules.rules.change_columns import ChangeColumns
from cantine_rules.rules.deadlines import (
    AllOf,
    CalendarDaysBefore,
    ChangeWindow,
    ChangeWindowRule,
    ClearDaysBefore,
    EndOfDayBefore,
    FixedWindow,
    HoursBefore,
    MaxHorizon,
    MonthlyDeadline,
    SchoolDaysBefore,
    ServiceStart,
    WeekdayBefore,
    WeekdayDeadline,
    WeekdayTable,
    WorkingDaysBefore,
    service_start,
)
from cantine_rules.rules.decisions import Decision, DecisionColumns, DecisionStatus, Reason
from cantine_rules.rules.late import (
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
from cantine_rules.rules.non_billable import NonBillableDay, NonBillableDays
from cantine_rules.rules.window_table import ChangeWindowTable, DayWindows

if TYPE_CHECKING:
    from cantine_rules.rules.absences import (
        AbsenceDocument,
        AbsencePolicy,
        AbsenceReason,
        AbsentDay,
        BookedPrice,
        CertificatesNotAccepted,
        CertificateWithin,
        DayCount,
        FlatCharge,
        HeldDocument,
        RunCharges,
        WaitingDays,
    )
    from cantine_rules.rules.planning_grid import (
        DayStatus,
        PlanningDay,
        PlanningGrid,
        PlanningPeriod,
        period_bounds,
        planning,
        planning_between,
    )

__all__ = [
    "AbsenceDocument",
    "AbsencePolicy",
    "AbsenceReason",
    "AbsenceRules",
    "AbsentDay",
    "AcceptLate",
    "AcceptWithSurcharge",
    "AllOf",
    "BasePlus",
    "BaseTimes",
    "BookedPrice",
    "BookingRules",
    "CalendarDaysBefore",
    "CertificateWithin",
    "CertificatesNotAccepted",
    "ChangeColumns",
    "ChangeWindow",
    "ChangeWindowRule",
    "ChangeWindowTable",
    "ClearDaysBefore",
    "DayCount",
    "DayStatus",
    "DayWindows",
    "Decision",
    "DecisionColumns",
    "DecisionStatus",
    "EndOfDayBefore",
    "FamilyAccount",
    "FixedWindow",
    "FlatCharge",
    "FlatPenalty",
    "FlatPrice",
    "FreeAllowance",
    "HeldDocument",
    "HoursBefore",
    "KeepCharging",
    "LateContext",
    "LateHandling",
    "LateOutcome",
    "MaxHorizon",
    "MedicalWaiver",
    "MissingPriceError",
    "MonthlyDeadline",
    "NonBillableDay",
    "NonBillableDays",
    "PeriodDecisions",
    "PlanningDay",
    "PlanningGrid",
    "PlanningPeriod",
    "PriceLookup",
    "Reason",
    "Refuse",
    "Requirements",
    "RunCharges",
    "SchoolDaysBefore",
    "ServiceRules",
    "ServiceStart",
    "Surcharge",
    "WaitingDays",
    "WeekdayBefore",
    "WeekdayDeadline",
    "WeekdayTable",
    "WorkingDaysBefore",
    "decided_charges",
    "period_bounds",
    "planning",
    "planning_between",
    "service_start",
    "submit",
]

#: The planning grid and the judging of absences are imported on first use: deciding a change
#: draws no grid and judges no absence (see ``cantine_rules._lazy``). `AbsenceRules`, which
#: every commune holds, is imported at once from its own small module.
_ON_FIRST_USE: Final = OnFirstUse(
    __name__,
    {
        "cantine_rules.rules.absences": (
            "AbsenceDocument",
            "AbsencePolicy",
            "AbsenceReason",
            "AbsentDay",
            "BookedPrice",
            "CertificatesNotAccepted",
            "CertificateWithin",
            "DayCount",
            "FlatCharge",
            "HeldDocument",
            "RunCharges",
            "WaitingDays",
        ),
        "cantine_rules.rules.planning_grid": (
            "DayStatus",
            "PlanningDay",
            "PlanningGrid",
            "PlanningPeriod",
            "period_bounds",
            "planning",
            "planning_between",
        ),
    },
)

if not TYPE_CHECKING:
    # PEP 562. Type checkers read the same names from the imports above, and still report a
    # name the module does not have.
    __getattr__ = _ON_FIRST_USE.attribute
    __dir__ = _ON_FIRST_USE.directory
