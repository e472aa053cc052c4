"""Reading a commune's absence policies and non-billable days from plain data.

``[absences.default]`` and ``[absences.by_service.<code>]`` each hold one absence policy;
``[[non_billable_days]]`` lists the days the commune never charges. Every problem is reported
with its path, as in the rest of the policy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from cantine_rules.plain._load_extra import documents, run_charges
from cantine_rules.plain._read import (
    Parser,
    Reader,
    ReadError,
    Table,
    choice,
    day,
    ident,
    index_path,
    integer,
    join,
    list_of,
    money,
    same_names,
    table_of,
    tagged,
    unique,
)
from cantine_rules.plain._schema import ABSENCE_CHARGE_TAGS, CERTIFICATE_TAGS
from cantine_rules.rules.absences import (
    MAX_WAITING_DAYS,
    AbsenceCharge,
    AbsencePolicy,
    AbsenceRules,
    BookedPrice,
    CertificateRule,
    CertificatesNotAccepted,
    CertificateWithin,
    DayCount,
    FlatCharge,
    WaitingDays,
)
from cantine_rules.rules.deadlines import MAX_HOURS, ChangeWindowRule
from cantine_rules.rules.non_billable import NonBillableDay, NonBillableDays

__all__ = ["absence_rules", "check_service_codes", "non_billable_days"]

_HOURS: Final = integer(minimum=1, maximum=MAX_HOURS)
_WAITING: Final = integer(minimum=1, maximum=MAX_WAITING_DAYS)
_CERTIFICATE_WAITING: Final = integer(minimum=0, maximum=MAX_WAITING_DAYS)


def _booked_price(reader: Reader, table: Table) -> AbsenceCharge:
    table.close()
    return BookedPrice()


def _flat(reader: Reader, table: Table) -> AbsenceCharge:
    amount = table.required("amount", money)
    table.close()
    return reader.build(table.path, same_names("amount"), lambda: FlatCharge(amount))


_CHARGES: Final[Mapping[str, Callable[[Reader, Table], AbsenceCharge]]] = {
    ABSENCE_CHARGE_TAGS[BookedPrice]: _booked_price,
    ABSENCE_CHARGE_TAGS[FlatCharge]: _flat,
}


_charge: Final[Parser[AbsenceCharge]] = tagged(_CHARGES)


def _waiting(reader: Reader, value: object, path: str) -> WaitingDays:
    table = Table(reader, value, path)
    days = table.required("days", _WAITING)
    counted_in = table.optional("counted_in", choice(DayCount), DayCount.SERVICE_DAYS)
    table.close()
    return reader.build(
        path, same_names("days", "counted_in"), lambda: WaitingDays(days, counted_in)
    )


def _within(reader: Reader, table: Table) -> CertificateRule:
    hours = table.required("hours", _HOURS)
    waiting = table.optional("waiting_days", _CERTIFICATE_WAITING, 0)
    late_waiting = table.optional("late_waiting_days", _CERTIFICATE_WAITING, None)
    latest = table.optional("latest_hours", _HOURS, None)
    table.close()
    return reader.build(
        table.path,
        same_names("hours", "waiting_days", "late_waiting_days", "latest_hours"),
        lambda: CertificateWithin(hours, waiting, late_waiting, latest),
    )


def _not_accepted(reader: Reader, table: Table) -> CertificateRule:
    table.close()
    return CertificatesNotAccepted()


_CERTIFICATES: Final[Mapping[str, Callable[[Reader, Table], CertificateRule]]] = {
    CERTIFICATE_TAGS[CertificateWithin]: _within,
    CERTIFICATE_TAGS[CertificatesNotAccepted]: _not_accepted,
}


_certificate: Final[Parser[CertificateRule]] = tagged(_CERTIFICATES)


def _policy(deadline: Parser[ChangeWindowRule]) -> Parser[AbsencePolicy]:
    def read(reader: Reader, value: object, path: str) -> AbsencePolicy:
        table = Table(reader, value, path)
        charge: AbsenceCharge = table.optional("charge", _charge, BookedPrice())
        notice = table.optional("notice", deadline, None)
        waiting = table.optional("waiting", _waiting, None)
        certificate = table.optional("certificate", _certificate, None)
        run = table.optional("run", run_charges, None)
        waivers = table.optional("waived_by_documents", documents, frozenset())
        table.close()
        return reader.build(
            path,
            same_names("charge", "notice", "waiting", "certificate", "run", "waived_by_documents"),
            lambda: AbsencePolicy(charge, notice, waiting, certificate, run, waivers),
        )

    return read


def absence_rules(deadline: Parser[ChangeWindowRule]) -> Parser[AbsenceRules]:
    """The parser of the ``absences`` table; *deadline* reads a notice deadline.

    The notice is any deadline of the policy's rules (``calendar_days_before`` with
    ``days = 0`` is « le jour même avant … »), read by the same parser as ``rules``.
    """
    policy = _policy(deadline)

    def read(reader: Reader, value: object, path: str) -> AbsenceRules:
        table = Table(reader, value, path)
        default = table.optional("default", policy, None)
        by_service = table.optional("by_service", table_of(policy), {})
        table.close()
        return reader.build(
            path, same_names("default", "by_service"), lambda: AbsenceRules(default, by_service)
        )

    return read


def _sites_or_services(what: str) -> Parser[tuple[str, ...]]:
    def read(reader: Reader, value: object, path: str) -> tuple[str, ...]:
        items = list_of(ident, non_empty=True)(reader, value, path)
        if not unique(reader, ((index_path(path, i), v) for i, v in enumerate(items)), what):
            raise ReadError
        return items

    return read


def _non_billable_day(reader: Reader, value: object, path: str) -> NonBillableDay:
    table = Table(reader, value, path)
    when = table.required("day", day)
    label = table.required("label", ident)
    services = table.optional("services", _sites_or_services("service"), ())
    sites = table.optional("sites", _sites_or_services("site"), ())
    table.close()
    return reader.build(
        path,
        same_names("day", "label", "services", "sites"),
        lambda: NonBillableDay(when, label, services, sites),
    )


def non_billable_days(reader: Reader, value: object, path: str) -> NonBillableDays:
    """The parser of the ``non_billable_days`` list."""
    days = list_of(_non_billable_day)(reader, value, path)
    return reader.build(path, same_names("days"), lambda: NonBillableDays(days))


def check_service_codes(reader: Reader, data: Mapping[str, object], known: frozenset[str]) -> bool:
    """Record a problem at each unknown service code of absences and non-billable days.

    True when there is none. Read from the raw data, so that the check runs even where a
    neighbouring value is wrong.
    """
    listed = ", ".join(sorted(known)) or "none"
    ok = True
    absences = data.get("absences")
    by_service = absences.get("by_service") if isinstance(absences, Mapping) else None
    codes: list[tuple[str, object]] = []
    if isinstance(by_service, Mapping):
        codes += [(join("absences.by_service", str(code)), code) for code in by_service]
    days = data.get("non_billable_days")
    for index, declared in enumerate(days if isinstance(days, list | tuple) else ()):
        services = declared.get("services") if isinstance(declared, Mapping) else None
        if isinstance(services, list | tuple):
            path = f"{index_path('non_billable_days', index)}.services"
            codes += [(index_path(path, i), code) for i, code in enumerate(services)]
    for path, code in codes:
        if isinstance(code, str) and code not in known:
            reader.fail(path, f"unknown service {code!r} (the services are: {listed})")
            ok = False
    return ok
