"""School calendars: public and school holidays, closures, school days, working days.

A [`SchoolCalendar`][] answers, for one commune, what kind of day each day is: jour férié
(Alsace-Moselle included), school holidays of its zone, the commune's closures and extra open
days, school days of its school week, jours ouvrés and jours ouvrables; it does working-day
arithmetic and expands a booking for a period into its service days. See ``docs/calendar.md``.

Examples:
    >>> from datetime import date
    >>> calendar = SchoolCalendar(Zone.C)
    >>> calendar.is_school_day(date(2024, 5, 10)), calendar.school_holiday(date(2024, 5, 10))
    (False, "Pont de l'Ascension")
"""

from typing import TYPE_CHECKING, Final

from cantine_rules._lazy import OnFirstUse
from cantine_rules.calendar._calendar import (
    PACKAGE_SCHOOL_HOLIDAYS,
    SHIPPED_SCHOOL_HOLIDAYS,
    SchoolCalendar,
)
from cantine_rules.calendar._model import (
    DEFAULT_SERVICE_DAYS,
    FOUR_AND_A_HALF_DAYS,
    FOUR_DAYS,
    Closure,
    ExtraOpenDay,
    SchoolWeek,
    ServiceDays,
    Zone,
)

if TYPE_CHECKING:
    from cantine_rules.calendar._answers import (
        DataSource,
        DayInfo,
        PeriodExpansion,
        SchoolYear,
        SkippedDay,
        SkipReason,
    )
    from cantine_rules.calendar._official import (
        OfficialBreak,
        OfficialSchoolHolidays,
        load_official_school_holidays,
    )

__all__ = [
    "DEFAULT_SERVICE_DAYS",
    "FOUR_AND_A_HALF_DAYS",
    "FOUR_DAYS",
    "PACKAGE_SCHOOL_HOLIDAYS",
    "SHIPPED_SCHOOL_HOLIDAYS",
    "Closure",
    "DataSource",
    "DayInfo",
    "ExtraOpenDay",
    "OfficialBreak",
    "OfficialSchoolHolidays",
    "PeriodExpansion",
    "SchoolCalendar",
    "SchoolWeek",
    "SchoolYear",
    "ServiceDays",
    "SkipReason",
    "SkippedDay",
    "Zone",
    "load_official_school_holidays",
]

#: The calendar's answers that are values of their own and the Ministry's dataset are imported on
#: first use: deciding a change asks the calendar only yes-or-no questions and counts working
#: days (see ``cantine_rules._lazy``).
_ON_FIRST_USE: Final = OnFirstUse(
    __name__,
    {
        "cantine_rules.calendar._answers": (
            "DataSource",
            "DayInfo",
            "PeriodExpansion",
            "SchoolYear",
            "SkipReason",
            "SkippedDay",
        ),
        "cantine_rules.calendar._official": (
            "OfficialBreak",
            "OfficialSchoolHolidays",
            "load_official_school_holidays",
        ),
    },
)

if not TYPE_CHECKING:
    # PEP 562. Type checkers read the same names from the imports above, and still report a
    # name the module does not have.
    __getattr__ = _ON_FIRST_USE.attribute
    __dir__ = _ON_FIRST_USE.directory
