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

from cantine_rules.calendar._calendar import PACKAGE_SCHOOL_HOLIDAYS, SchoolCalendar
from cantine_rules.calendar._model import (
    DEFAULT_SERVICE_DAYS,
    FOUR_AND_A_HALF_DAYS,
    FOUR_DAYS,
    Closure,
    DataSource,
    DayInfo,
    ExtraOpenDay,
    PeriodExpansion,
    SchoolWeek,
    SchoolYear,
    ServiceDays,
    SkippedDay,
    SkipReason,
    Zone,
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
