"""Reading the rule shapes added for the example communes from plain data.

Which days of a run of absence may be charged (``run = { free_days = 2, charged_days = 2 }``)
and the standing documents that waive absences (``waived_by_documents = ["employer"]``), inside
an absence policy; the reference date of the quotient familial (``reference_date = { month = 3,
day = 31 }``, inside ``quotient_policy``). Every problem is reported with its path, as in the
rest of the policy; the months of a fee by term (``term_months = [9, 10, 11, 12]``).
"""

from __future__ import annotations

from typing import Final

from cantine_rules.plain._read import (
    Reader,
    ReadError,
    Table,
    choice,
    index_path,
    integer,
    list_of,
    same_names,
    unique,
)
from cantine_rules.pricing.tariffs import ReferenceDate
from cantine_rules.rules.absences import MAX_WAITING_DAYS, AbsenceDocument, RunCharges

__all__ = ["documents", "reference_date", "run_charges", "term_months"]

_FREE: Final = integer(minimum=0, maximum=MAX_WAITING_DAYS)
_CHARGED: Final = integer(minimum=1, maximum=MAX_WAITING_DAYS)


def run_charges(reader: Reader, value: object, path: str) -> RunCharges:
    """The parser of an absence policy's ``run`` table."""
    table = Table(reader, value, path)
    free = table.optional("free_days", _FREE, 0)
    charged = table.optional("charged_days", _CHARGED, None)
    table.close()
    return reader.build(
        path, same_names("free_days", "charged_days"), lambda: RunCharges(free, charged)
    )


def documents(reader: Reader, value: object, path: str) -> frozenset[AbsenceDocument]:
    """The parser of an absence policy's ``waived_by_documents`` list (each kind once)."""
    kinds = list_of(choice(AbsenceDocument), non_empty=True)(reader, value, path)
    written = ((index_path(path, i), kind.value) for i, kind in enumerate(kinds))
    if not unique(reader, written, "document"):
        raise ReadError
    return frozenset(kinds)


def reference_date(reader: Reader, value: object, path: str) -> ReferenceDate:
    """The parser of ``quotient_policy.reference_date``: a month and a day of that month."""
    table = Table(reader, value, path)
    month = table.required("month", integer(minimum=1, maximum=12))
    day = table.required("day", integer(minimum=1, maximum=31))
    table.close()
    return reader.build(path, same_names("month", "day"), lambda: ReferenceDate(month, day))


def term_months(reader: Reader, value: object, path: str) -> tuple[int, ...]:
    """The parser of a fee's ``term_months``: months from 1 to 12, each once."""
    months = list_of(integer(minimum=1, maximum=12), non_empty=True)(reader, value, path)
    if not unique(reader, ((index_path(path, i), m) for i, m in enumerate(months)), "month"):
        raise ReadError
    return months
