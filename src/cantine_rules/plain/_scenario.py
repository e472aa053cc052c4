"""Billing scenarios as plain data: a family's bookings, absences, changes and payments.

A scenario is read by the same reader as a commune policy (the same tables, leaf parsers and
problems named by their path), with the conventions of [`SCENARIO_CONVENTIONS`][]: a date-time
without an offset is read as Europe/Paris (and a note says so), weekdays may be named in French,
and decimals may take any form Python's ``Decimal`` reads. Every problem is reported at once, in
one [`PolicyError`][cantine_rules.errors.PolicyError]. An example::

    commune = "saint-just-d-avray"
    start = 2024-09-01
    end = 2024-09-30
    opening_balance = "-4.20"            # optional, euros; below zero when the family owed

    [family]
    id = "F-0042"
    quotient_familial = "812"            # optional, euros

    [[children]]
    id = "louise"
    first_name = "Louise"
    birth_date = 2017-03-02

    [[bookings]]                         # every Monday, Tuesday, Thursday and Friday it runs
    child = "louise"
    service = "repas"
    weekdays = ["monday", "tuesday", "thursday", "friday"]   # or days = [2024-09-02, …]

    [[absences]]
    child = "louise"
    service = "repas"
    day = 2024-09-12
    justification = "medical_certificate"   # optional

    [[changes]]                          # decided by the commune's rules, then billed
    child = "louise"
    service = "repas"
    day = 2024-09-20
    action = "cancel"
    at = 2024-09-19T18:00:00+02:00
    channel = "office"                   # optional, online by default
    justification = "medical_certificate"   # optional

    [[payments]]
    day = 2024-10-05
    amount = "45.60"
    mode = "card"
    reference = "CB-1"
    scheme = "postfacturation"           # optional: what it pays; the commune's scheme by default
    currency = "EUR"                     # optional; no other currency is read

    [[payments]]                         # paper tickets at the mairie pay a basket
    day = 2024-10-07
    mode = "tickets"
    tickets = 4
    reference = "MAIRIE-12"

Examples:
    >>> scenario = loads_scenario('''
    ... commune = "paris"
    ... start = 2024-10-01
    ... end = 2024-10-31
    ... family = { id = "CDE-75-0815" }
    ... children = [{ id = "ines", first_name = "Inès", birth_date = 2016-02-14 }]
    ... bookings = [{ child = "ines", service = "repas", weekdays = ["lundi", "Tuesday"] }]
    ... [[changes]]
    ... child = "ines"
    ... service = "repas"
    ... day = 2024-10-03
    ... action = "add"
    ... at = 2024-09-30T09:00:00
    ... ''')
    >>> sorted(scenario.bookings[0].weekdays)
    [0, 1]
    >>> scenario.changes[0].requested_at.isoformat()
    '2024-09-30T09:00:00+02:00'
    >>> scenario.notes
    ('changes[0].at has no offset: read as Europe/Paris',)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Set
from datetime import date
from decimal import Decimal
from typing import Any, Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import (
    a_date,
    enum_member,
    identifier,
    non_negative_decimal,
    require_day,
    tuple_of,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownCodeError
from cantine_rules.model import BookingChange, ChangeAction, Channel, Child, Family, Justification
from cantine_rules.money import Money
from cantine_rules.plain._read import (
    Conventions,
    Parser,
    Reader,
    Table,
    choice,
    day,
    ident,
    index_path,
    instant,
    join,
    list_of,
    non_negative_number,
    read_document,
    same_names,
    signed_money,
    unique,
    weekday,
)
from cantine_rules.plain._scenario_attendance import (
    AttendanceEvent,
    RegimeChoice,
    attendance_events,
    non_billable_days,
    regime_choices,
)
from cantine_rules.plain._scenario_family import (
    CustodySpec,
    QuotientSpec,
    check_family,
    custody_parser,
    household_ids,
    quotient_parser,
    read_households,
)
from cantine_rules.plain._scenario_schemes import PaymentSpec, read_payment
from cantine_rules.plain._toml import parse_toml, read_utf8
from cantine_rules.rules.non_billable import NonBillableDays

__all__ = [
    "SCENARIO_CONVENTIONS",
    "AbsenceSpec",
    "BookingSpec",
    "CustodySpec",
    "PaymentSpec",
    "QuotientSpec",
    "Scenario",
    "load_scenario",
    "loads_scenario",
    "scenario_from_data",
]

SCENARIO_CONVENTIONS: Final = Conventions(
    local_instants=True, french_weekdays=True, decimal_literals=True
)
"""The lenient forms a billing scenario may use (see
[`Conventions`][cantine_rules.plain.Conventions]): date-times without an offset (read as
Europe/Paris, and noted), French weekday names, and decimals in any form ``Decimal`` reads."""


def _weekdays(value: Iterable[int] | None) -> frozenset[int] | None:
    return None if value is None else frozenset(value)


def _check_weekdays(
    _instance: BookingSpec, attribute: attrs.Attribute[Any], value: frozenset[int] | None
) -> None:
    if value is not None and (not value or not all(type(d) is int and 0 <= d <= 6 for d in value)):
        raise InvalidValueError(
            attribute.name, sorted(value, key=str), "must hold weekday numbers 0 (Monday) to 6"
        )


def _days(value: Iterable[date]) -> tuple[date, ...]:
    return tuple(value)


def _check_days(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[date, ...]
) -> None:
    for index, item in enumerate(value):
        require_day(item, f"{attribute.name}[{index}]")


@pickled_by_fields
@attrs.frozen
class BookingSpec:
    """Days booked for a child (validated bookings at the start of the period).

    Attributes:
        child: the child's id.
        service: the service's code.
        weekdays: every such weekday of the period the service runs (0 is Monday), if given.
        days: days booked besides, each checked to be a day the service runs.

    Examples:
        >>> BookingSpec("louise", "repas", weekdays={0, 3}).weekdays == frozenset({0, 3})
        True
    """

    child: str = attrs.field(validator=identifier)
    service: str = attrs.field(validator=identifier)
    weekdays: frozenset[int] | None = attrs.field(
        default=None, converter=_weekdays, validator=_check_weekdays
    )
    days: tuple[date, ...] = attrs.field(default=(), converter=_days, validator=_check_days)


@attrs.frozen
class AbsenceSpec:
    """A booked day the child did not come; with a justification it is not charged.

    Examples:
        >>> AbsenceSpec("louise", "repas", date(2024, 9, 12)).justification is None
        True
    """

    child: str = attrs.field(validator=identifier)
    service: str = attrs.field(validator=identifier)
    day: date = attrs.field(validator=a_date)
    justification: Justification | None = attrs.field(
        default=None, validator=attrs.validators.optional(enum_member(Justification))
    )


def _quotient(value: object) -> Decimal | None:
    return None if value is None else non_negative_decimal(value, "quotient_familial")


def _check_end(instance: Scenario, attribute: attrs.Attribute[date], value: date) -> None:
    a_date(instance, attribute, value)
    if value < instance.start:
        raise InvalidValueError(attribute.name, value, f"must not be before start {instance.start}")


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _money(_instance: Scenario, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Money):
        raise InvalidTypeError(attribute.name, value, "must be Money")


@attrs.frozen
class Scenario:
    """A family's period to bill: its bookings, absences, changes and payments, read and checked.

    Build one in Python, or read one with [`loads_scenario`][cantine_rules.plain.loads_scenario];
    `cantine_rules.billing.bill` bills it.

    Attributes:
        commune: the commune's registry name (``"saint-just-d-avray"``).
        start: the first day of the period.
        end: the last day of the period (not before *start*).
        family_id: the family's number; the invoice's reference is made from it.
        quotient_familial: the family's quotient familial in euros, if the tariff uses one.
        children: the family's children; every booking, absence and change names one of them.
        bookings: the days booked at the start of the period (validated bookings).
        absences: the booked days a child did not come.
        changes: the changes made, each decided by the commune's rules.
        payments: the payments received.
        opening_balance: the family's balance before the period (below zero when it owed).
        notes: what the reader assumed (a date-time without an offset read as Europe/Paris).
        households: the family's homes, by id; the first pays for every child not in custody.
            None listed: the family is billed as one home.
        custody: the children in alternating custody, each with the rule giving its weeks.
        quotient_records: the quotient familial records, each with the day it was received
            (and its household); with them, *quotient_familial* is not given.
        attendance: what happened on the day: absences with their notice, presences without
            booking, late pick-ups (see `cantine_rules.plain._scenario_attendance`).
        regimes: the attendance regime and monthly fees of each child's service.
        non_billable_days: days the commune declared it bills nothing (a strike, an outing),
            besides those its policy lists.

    Raises:
        UnknownCodeError: a booking, absence or change names a child not listed.

    Examples:
        >>> child = Child("louise", "Louise", date(2017, 3, 2))
        >>> scenario = Scenario("paris", date(2024, 10, 1), date(2024, 10, 31), "F-1",
        ...                     children=(child,))
        >>> scenario.family.child("louise").first_name
        'Louise'
    """

    commune: str = attrs.field(validator=identifier)
    start: date = attrs.field(validator=a_date)
    end: date = attrs.field(validator=_check_end)
    family_id: str = attrs.field(validator=identifier)
    quotient_familial: Decimal | None = attrs.field(default=None, converter=_quotient)
    children: tuple[Child, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(Child)
    )
    bookings: tuple[BookingSpec, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(BookingSpec)
    )
    absences: tuple[AbsenceSpec, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(AbsenceSpec)
    )
    changes: tuple[BookingChange, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(BookingChange)
    )
    payments: tuple[PaymentSpec, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(PaymentSpec)
    )
    opening_balance: Money = attrs.field(factory=Money.zero, validator=_money)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=tuple_of(str))
    # The family's homes (see plain/_scenario_family.py).
    households: tuple[str, ...] = attrs.field(
        default=(), converter=household_ids, validator=tuple_of(str)
    )
    custody: tuple[CustodySpec, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(CustodySpec)
    )
    quotient_records: tuple[QuotientSpec, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(QuotientSpec)
    )
    attendance: tuple[AttendanceEvent, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(AttendanceEvent)
    )
    regimes: tuple[RegimeChoice, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(RegimeChoice)
    )
    non_billable_days: NonBillableDays = attrs.field(
        factory=NonBillableDays, validator=attrs.validators.instance_of(NonBillableDays)
    )

    def __attrs_post_init__(self) -> None:
        known = {child.id for child in self.children}
        for field, named in (
            ("bookings", [booking.child for booking in self.bookings]),
            ("absences", [absence.child for absence in self.absences]),
            ("changes", [change.child_id for change in self.changes]),
            ("attendance", [event.child for event in self.attendance]),
            ("regimes", [chosen.child for chosen in self.regimes]),
        ):
            for index, child_id in enumerate(named):
                if child_id not in known:
                    raise UnknownCodeError(f"{field}[{index}].child", child_id, known)
        # The family's own checks: no two children share an id.
        Family(self.family_id, children=self.children)
        if self.quotient_records and self.quotient_familial is not None:
            raise InvalidValueError(
                "quotient_familial", self.quotient_familial, "give it or quotient_records, not both"
            )
        if self.custody and not self.households:
            raise InvalidValueError("households", (), "custody needs the family's households")
        check_family(self.households, self.custody, self.quotient_records, known, self.end)

    @property
    def family(self) -> Family:
        """The family billed: its number and its children."""
        return Family(self.family_id, children=self.children)


# Reading ----------------------------------------------------------------------------------------


def _child(reader: Reader, value: object, path: str) -> Child:
    table = Table(reader, value, path)
    child_id = table.required("id", ident)
    first_name = table.required("first_name", ident)
    birth_date = table.required("birth_date", day)
    table.close()
    return reader.build(
        path,
        same_names("id", "first_name", "birth_date"),
        lambda: Child(child_id, first_name, birth_date),
    )


def _child_of(known: Set[str] | None) -> Parser[str]:
    """A parser of a child's id, one of *known* (any id when the children could not be read)."""
    listed = ", ".join(sorted(known or ())) or "none"

    def parse(reader: Reader, value: object, path: str) -> str:
        child_id = ident(reader, value, path)
        if known is not None and child_id not in known:
            raise reader.fail(path, f"unknown child {child_id!r}; known: {listed}")
        return child_id

    return parse


def _booking(known: Set[str] | None) -> Parser[BookingSpec]:
    def parse(reader: Reader, value: object, path: str) -> BookingSpec:
        table = Table(reader, value, path)
        child = table.required("child", _child_of(known))
        service = table.required("service", ident)
        weekdays = table.optional("weekdays", list_of(weekday, non_empty=True), None)
        days = table.optional("days", list_of(day), ())
        if table.got("weekdays") and table.got("days") and weekdays is None and not days:
            reader.fail(path, "needs weekdays or days")
            table.ok = False
        table.close()
        return reader.build(
            path,
            same_names("child", "service", "weekdays", "days"),
            lambda: BookingSpec(child, service, weekdays, days),
        )

    return parse


def _absence(known: Set[str] | None) -> Parser[AbsenceSpec]:
    def parse(reader: Reader, value: object, path: str) -> AbsenceSpec:
        table = Table(reader, value, path)
        child = table.required("child", _child_of(known))
        service = table.required("service", ident)
        when = table.required("day", day)
        justification = table.optional("justification", choice(Justification), None)
        table.close()
        return reader.build(
            path,
            same_names("child", "service", "day", "justification"),
            lambda: AbsenceSpec(child, service, when, justification),
        )

    return parse


_CHANGE_FIELDS: Final = {
    "action": "action",
    "child_id": "child",
    "service_code": "service",
    "day": "day",
    "requested_at": "at",
    "channel": "channel",
    "justification": "justification",
}


def _change(known: Set[str] | None) -> Parser[BookingChange]:
    def parse(reader: Reader, value: object, path: str) -> BookingChange:
        table = Table(reader, value, path)
        child = table.required("child", _child_of(known))
        service = table.required("service", ident)
        when = table.required("day", day)
        action = table.required("action", choice(ChangeAction))
        at = table.required("at", instant)
        channel = table.optional("channel", choice(Channel), Channel.ONLINE)
        justification = table.optional("justification", choice(Justification), None)
        table.close()
        return reader.build(
            path,
            _CHANGE_FIELDS,
            lambda: BookingChange(action, child, service, when, at, channel, justification),
        )

    return parse


def _family(reader: Reader, value: object, path: str) -> tuple[str, Decimal | None]:
    table = Table(reader, value, path)
    family_id = table.required("id", ident)
    quotient = table.optional("quotient_familial", non_negative_number, None)
    table.close()
    return family_id, quotient


def _load_scenario(reader: Reader, data: Mapping[str, Any]) -> Scenario:
    table = Table(reader, data, "")
    commune = table.required("commune", ident)
    start = table.required("start", day)
    end = table.required("end", day)
    family = table.required("family", _family)
    if table.got("start") and table.got("end") and end < start:
        reader.fail("end", f"must not be before start {start}")
        table.ok = False
    children = table.optional("children", list_of(_child), ())
    known = None
    if table.got("children"):
        ids = [(join(index_path("children", i), "id"), c.id) for i, c in enumerate(children)]
        if not unique(reader, ids, "child id"):
            table.ok = False
        known = {child.id for child in children}
    bookings = table.optional("bookings", list_of(_booking(known)), ())
    absences = table.optional("absences", list_of(_absence(known)), ())
    changes = table.optional("changes", list_of(_change(known)), ())
    payments = table.optional("payments", list_of(read_payment), ())
    opening = table.optional("opening_balance", signed_money, Money.zero())
    households = table.optional("households", read_households, ())
    homes = households if table.got("households") else None
    period = (start, end) if table.got("start") and table.got("end") and start <= end else None
    custody = table.optional(
        "custody", list_of(custody_parser(homes, _child_of(known), period)), ()
    )
    records = table.optional(
        "quotient_records", list_of(quotient_parser(homes, end if period else None)), ()
    )
    attendance = table.optional("attendance", attendance_events(_child_of(known)), ())
    regimes = table.optional("regimes", regime_choices(_child_of(known)), ())
    declared = table.optional("non_billable_days", non_billable_days, NonBillableDays())
    table.close()
    family_id, quotient = family
    if records and quotient is not None:
        raise reader.fail("family.quotient_familial", "give it or quotient_records, not both")
    return Scenario(
        commune,
        start,
        end,
        family_id,
        quotient,
        children,
        bookings,
        absences,
        changes,
        payments,
        opening,
        tuple(reader.notes),
        households,
        custody,
        records,
        attendance=attendance,
        regimes=regimes,
        non_billable_days=declared,
    )


def scenario_from_data(data: Mapping[str, Any], *, source: str | None = None) -> Scenario:
    """The scenario *data* describes (plain data, as `tomllib` reads it), checked whole.

    Raises:
        PolicyError: listing every problem, each with its path and what is wrong.

    Examples:
        >>> from cantine_rules.errors import PolicyError
        >>> try:
        ...     scenario_from_data({"commune": "paris", "start": "2024-10-01"})
        ... except PolicyError as error:
        ...     [problem.path for problem in error.problems]
        ['end', 'family']
    """
    reader = Reader(SCENARIO_CONVENTIONS)
    return read_document(reader, lambda reader: _load_scenario(reader, data), source)


def loads_scenario(text: str, *, source: str | None = None) -> Scenario:
    """The scenario written in the TOML *text*.

    Raises:
        PolicyError: the text is not valid TOML, or every problem of the scenario it holds.
    """
    return scenario_from_data(parse_toml(text, source), source=source)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """The scenario in the TOML file at *path* (UTF-8); problems name the file.

    Raises:
        PolicyError: as `loads_scenario`, or the file is not UTF-8.
        OSError: the file cannot be read.
    """
    return loads_scenario(read_utf8(path), source=os.fspath(path))
