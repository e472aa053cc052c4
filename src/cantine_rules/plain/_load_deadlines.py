"""Reading the deadlines of the school week from plain data.

Previous school days, weekday tables, monthly deadlines and the end of day D−n.

Each loader reads one ``type`` of deadline (its tag is in `_schema.DEADLINE_TAGS`);
[`check_weekday_tables`][] then checks, once the booking rules are built, that every weekday
table has a row for each weekday its services run on.

>>> from cantine_rules.plain._read import Reader, Table
>>> reader = Reader()
>>> rule = SCHOOL_WEEK_DEADLINES["monthly_deadline"](
...     reader, Table(reader, {"day": 31}, "rules.default.add")
... )
Traceback (most recent call last):
...
cantine_rules._reading.ReadError
>>> str(reader.problems[0]).split(" (")[0]
'rules.default.add.day: is not in every month'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Final

from cantine_rules.plain._read import (
    WEEKDAYS,
    Reader,
    ReadError,
    Table,
    boolean,
    clock,
    describe,
    index_path,
    integer,
    join,
    list_of,
    same_names,
    unique,
    weekday,
)
from cantine_rules.plain._schema import DEADLINE_TAGS
from cantine_rules.rules.booking import BookingRules
from cantine_rules.rules.deadlines import (
    MONTH_LAST_DAY,
    AllOf,
    ChangeWindowRule,
    EndOfDayBefore,
    MonthlyDeadline,
    SchoolDaysBefore,
    WeekdayDeadline,
    WeekdayTable,
)

__all__ = ["SCHOOL_WEEK_DEADLINES", "check_weekday_tables"]

# Counts are read as whole numbers from zero; the rule values refuse zero or too many, at their
# path, in their own words.
_COUNT: Final = integer(minimum=0)


def _school_days_before(reader: Reader, table: Table) -> ChangeWindowRule:
    days = table.required("days", _COUNT)
    cutoff = table.optional("cutoff", clock, None)
    midnight = table.optional("until_midnight", boolean, False)
    table.close()
    return reader.build(
        table.path,
        same_names("days", "cutoff", "until_midnight"),
        lambda: SchoolDaysBefore(days, cutoff, midnight),
    )


def _service_weekdays(reader: Reader, value: object, path: str) -> frozenset[int]:
    days = list_of(weekday, non_empty=True)(reader, value, path)
    named = ((index_path(path, i), WEEKDAYS[d]) for i, d in enumerate(days))
    if not unique(reader, named, "day"):
        raise ReadError
    return frozenset(days)


def _weekday_row(reader: Reader, value: object, path: str) -> WeekdayDeadline:
    table = Table(reader, value, path)
    days = table.required("service_weekdays", _service_weekdays)
    named = table.required("weekday", weekday)
    cutoff = table.required("cutoff", clock)
    table.close()
    return reader.build(
        path,
        same_names("service_weekdays", "weekday", "cutoff"),
        lambda: WeekdayDeadline(days, named, cutoff),
    )


def _weekday_table(reader: Reader, table: Table) -> ChangeWindowRule:
    rows = table.required("rows", list_of(_weekday_row, non_empty=True))
    table.close()
    return reader.build(table.path, same_names("rows"), lambda: WeekdayTable(rows))


def _month_day(reader: Reader, value: object, path: str) -> int | str:
    if value == MONTH_LAST_DAY or type(value) is int:
        # The rule says which days are allowed, and why a day after the 28th is not.
        return value
    raise reader.fail(
        path, f'must be a day of the month (1 to 28) or "{MONTH_LAST_DAY}", got {describe(value)}'
    )


_MONTHLY_DEFAULTS: Final = MonthlyDeadline(1)


def _monthly_deadline(reader: Reader, table: Table) -> ChangeWindowRule:
    day = table.required("day", _month_day)
    at = table.optional("at", clock, _MONTHLY_DEFAULTS.at)
    months = table.optional("months_before", _COUNT, _MONTHLY_DEFAULTS.months_before)
    table.close()
    return reader.build(
        table.path,
        same_names("day", "at", "months_before"),
        lambda: MonthlyDeadline(day, at, months),
    )


def _end_of_day_before(reader: Reader, table: Table) -> ChangeWindowRule:
    days = table.required("days", _COUNT)
    table.close()
    return reader.build(table.path, same_names("days"), lambda: EndOfDayBefore(days))


#: The loader of each school-week deadline, by its ``type`` tag.
SCHOOL_WEEK_DEADLINES: Final[Mapping[str, Callable[[Reader, Table], ChangeWindowRule]]] = {
    DEADLINE_TAGS[SchoolDaysBefore]: _school_days_before,
    DEADLINE_TAGS[WeekdayTable]: _weekday_table,
    DEADLINE_TAGS[MonthlyDeadline]: _monthly_deadline,
    DEADLINE_TAGS[EndOfDayBefore]: _end_of_day_before,
}


def _tables(rule: ChangeWindowRule, path: str) -> Iterator[tuple[str, WeekdayTable]]:
    """Every weekday table in *rule*, with its path (inside ``all_of`` too)."""
    if isinstance(rule, WeekdayTable):
        yield path, rule
    elif isinstance(rule, AllOf):
        for index, part in enumerate(rule.rules):
            yield from _tables(part, index_path(join(path, "rules"), index))


def check_weekday_tables(reader: Reader, booking: BookingRules) -> None:
    """Record a problem for each weekday table that lacks a weekday one of its services runs on.

    A service runs on the weekdays its calendar gives it (``SchoolCalendar.service_weekdays``);
    the table must say the deadline of each, or deciding a change on that day would fail. The
    problem names the table's path and the services and weekdays it misses.
    """
    by_code = dict(booking.by_service)
    by_kind = dict(booking.by_kind)
    missing: dict[str, tuple[set[int], list[str]]] = {}
    for service in booking.services:
        if service.code in by_code:
            where = join("rules.by_service", service.code)
        elif service.kind in by_kind:
            where = join("rules.by_kind", service.kind.value)
        else:
            where = "rules.default"
        runs = booking.calendar.service_weekdays(booking.days_of(service.code))
        rules = booking.rules_for(service.code)
        for action, rule in (("add", rules.add), ("cancel", rules.cancel)):
            for path, table in _tables(rule, join(where, action)):
                lacking = runs - table.weekdays()
                if lacking:
                    days, codes = missing.setdefault(join(path, "rows"), (set(), []))
                    days |= lacking
                    codes.append(service.code)
    for path, (days, codes) in missing.items():
        names = ", ".join(WEEKDAYS[d] for d in sorted(days))
        listed = ", ".join(repr(code) for code in codes)
        them = "it" if len(days) == 1 else "them"
        who, verb, those = (
            (f"the service {listed}", "runs", "that service")
            if len(codes) == 1
            else (f"the services {listed}", "run", "those services")
        )
        reader.fail(
            path,
            f"has no row for {names}, and {who} {verb} on {them}: add {them} to a row "
            f"(or give {those} rules of their own)",
        )
