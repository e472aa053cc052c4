"""Writing the deadlines of the school week as plain data (the keys `_load_deadlines` reads).

>>> from datetime import time
>>> from cantine_rules.rules.deadlines import MonthlyDeadline
>>> dump_school_week_deadline(MonthlyDeadline(20, time(12)), time.isoformat)
{'day': 20, 'at': '12:00:00'}
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any, Final

from cantine_rules.plain._schema import WEEKDAYS
from cantine_rules.rules.deadlines import (
    EndOfDayBefore,
    MonthlyDeadline,
    SchoolDaysBefore,
    WeekdayTable,
)

__all__ = ["SCHOOL_WEEK_DEADLINE_TYPES", "dump_school_week_deadline"]

#: The deadline classes this module writes.
SCHOOL_WEEK_DEADLINE_TYPES: Final = (
    SchoolDaysBefore,
    WeekdayTable,
    MonthlyDeadline,
    EndOfDayBefore,
)

_MONTHLY_DEFAULTS: Final = MonthlyDeadline(1)


def dump_school_week_deadline(
    rule: SchoolDaysBefore | WeekdayTable | MonthlyDeadline | EndOfDayBefore,
    clock: Callable[[time], str],
) -> dict[str, Any]:
    """The keys of *rule* besides its ``type``, with the fields at their default left out.

    *clock* writes a time of day, as the rest of the document writes it.
    """
    data: dict[str, Any] = {}
    if isinstance(rule, SchoolDaysBefore):
        data["days"] = rule.days
        if rule.cutoff is not None:
            data["cutoff"] = clock(rule.cutoff)
        if rule.until_midnight:
            data["until_midnight"] = True
    elif isinstance(rule, WeekdayTable):
        data["rows"] = [
            {
                "service_weekdays": [WEEKDAYS[d] for d in sorted(row.service_weekdays)],
                "weekday": WEEKDAYS[row.weekday],
                "cutoff": clock(row.cutoff),
            }
            for row in rule.rows
        ]
    elif isinstance(rule, MonthlyDeadline):
        data["day"] = rule.day
        if rule.at != _MONTHLY_DEFAULTS.at:
            data["at"] = clock(rule.at)
        if rule.months_before != _MONTHLY_DEFAULTS.months_before:
            data["months_before"] = rule.months_before
    else:
        data["days"] = rule.days
    return data
