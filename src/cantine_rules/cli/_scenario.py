"""Billing scenarios: a family's bookings, attendance, late changes and payments over a period.

A scenario is a TOML file read with the standard library. Every problem in it is reported at
once with its path, as a [`PolicyError`][cantine_rules.errors.PolicyError]. Example::

    commune = "saint-just-d-avray"
    start = 2024-09-01
    end = 2024-09-30

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
    weekdays = ["monday", "tuesday", "thursday", "friday"]

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

    [[payments]]
    day = 2024-10-05
    amount = "45.60"
    mode = "card"
    reference = "CB-1"
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from cantine_rules._time import EUROPE_PARIS
from cantine_rules.errors import CantineRulesError, PolicyError, Problem
from cantine_rules.model import ChangeAction, Channel, Justification
from cantine_rules.money import Money

__all__ = [
    "AbsenceSpec",
    "BookingSpec",
    "ChangeSpec",
    "PaymentSpec",
    "Scenario",
    "loads_scenario",
]

T = TypeVar("T")

_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}


@attrs.frozen
class ChildSpec:
    """A child of the scenario's family."""

    id: str
    first_name: str
    birth_date: date


@attrs.frozen
class BookingSpec:
    """Days booked for a child: listed, or every given weekday of the period the service runs."""

    child: str
    service: str
    weekdays: frozenset[int] | None
    days: tuple[date, ...]


@attrs.frozen
class AbsenceSpec:
    """A booked day the child did not come."""

    child: str
    service: str
    day: date
    justification: Justification | None


@attrs.frozen
class ChangeSpec:
    """A change made during the period, decided by the commune's rules."""

    child: str
    service: str
    day: date
    action: ChangeAction
    at: datetime
    channel: Channel
    justification: Justification | None


@attrs.frozen
class PaymentSpec:
    """A payment received."""

    day: date
    amount: Money
    mode: str
    reference: str


@attrs.frozen
class Scenario:
    """A billing scenario, read and checked."""

    commune: str
    start: date
    end: date
    family_id: str
    quotient_familial: Decimal | None
    children: tuple[ChildSpec, ...]
    bookings: tuple[BookingSpec, ...]
    absences: tuple[AbsenceSpec, ...]
    changes: tuple[ChangeSpec, ...]
    payments: tuple[PaymentSpec, ...]
    opening_balance: Money
    notes: tuple[str, ...]


class _Reader:
    """Collects every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def table(self, data: Mapping[str, Any], path: str, allowed: Sequence[str]) -> None:
        for key in data:
            if key not in allowed:
                self.fail(
                    f"{path}{key}" if path else key, f"unknown key; known: {', '.join(allowed)}"
                )

    def get(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        convert: Callable[[Any, str], T],
        *,
        required: bool = True,
        default: T | None = None,
    ) -> T | None:
        where = f"{path}{key}"
        if key not in data:
            if required:
                self.fail(where, "is missing")
            return default
        try:
            return convert(data[key], where)
        except _BadValueError as bad:
            self.fail(where, str(bad))
        except CantineRulesError as error:
            self.fail(where, str(error))
        return default

    def items(self, data: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(key, "must be an array of tables ([[" + key + "]])")
            return []
        result: list[tuple[str, Mapping[str, Any]]] = []
        for index, item in enumerate(value):
            where = f"{key}[{index}]"
            if not isinstance(item, dict):
                self.fail(where, "must be a table")
                continue
            result.append((where + ".", item))
        return result


class _BadValueError(Exception):
    """A value that does not fit; the reader turns it into a problem."""


def _text(value: Any, _where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _BadValueError("must be a non-empty string")
    return value


def _day(value: Any, _where: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise _BadValueError("must be a date (YYYY-MM-DD)")
    return value


def _decimal(value: Any, _where: str) -> Decimal:
    if isinstance(value, bool | float):
        raise _BadValueError('must be a string such as "812" or an integer, never a float')
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, str):
        raise _BadValueError("must be a number written as a string")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise _BadValueError(f"{value!r} is not a number") from None
    if not result.is_finite() or result < 0:
        raise _BadValueError("must be a finite number, zero or more")
    return result


def _money(value: Any, _where: str) -> Money:
    if isinstance(value, float):
        raise _BadValueError('money is never a float; write it as a string such as "3.60"')
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _BadValueError('must be an amount written as a string such as "3.60"')
    return Money.euros(value)


def _enum(kind: type[Any]) -> Callable[[Any, str], Any]:
    def convert(value: Any, _where: str) -> Any:
        known = [member.value for member in kind]
        if value not in known:
            raise _BadValueError(f"unknown {value!r}; known: {', '.join(known)}")
        return kind(value)

    return convert


def _weekdays(value: Any, _where: str) -> frozenset[int]:
    if not isinstance(value, list) or not value:
        raise _BadValueError("must be a non-empty list of weekday names")
    days = set()
    for name in value:
        if not isinstance(name, str) or name.lower() not in _WEEKDAYS:
            raise _BadValueError(
                f"unknown weekday {name!r}; known: {', '.join(list(_WEEKDAYS)[:7])}"
            )
        days.add(_WEEKDAYS[name.lower()])
    return frozenset(days)


def _days(value: Any, where: str) -> tuple[date, ...]:
    if not isinstance(value, list):
        raise _BadValueError("must be a list of dates")
    return tuple(_day(item, where) for item in value)


def _instant(notes: list[str]) -> Callable[[Any, str], datetime]:
    def convert(value: Any, where: str) -> datetime:
        if isinstance(value, datetime):
            instant = value
        elif isinstance(value, str):
            try:
                instant = datetime.fromisoformat(value)
            except ValueError:
                raise _BadValueError("must be a datetime (YYYY-MM-DDTHH:MM:SS+02:00)") from None
        else:
            raise _BadValueError("must be a datetime (YYYY-MM-DDTHH:MM:SS+02:00)")
        if instant.tzinfo is None:
            notes.append(f"{where} has no offset: read as Europe/Paris")
            instant = instant.replace(tzinfo=EUROPE_PARIS)
        return instant

    return convert


def loads_scenario(text: str, *, source: str | None = None) -> Scenario:
    """Read a billing scenario from TOML text.

    Raises:
        PolicyError: every problem found, each with its path.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError([Problem("(file)", f"not valid TOML: {error}")], source) from None
    reader = _Reader()
    notes: list[str] = []
    reader.table(
        data,
        "",
        (
            "commune",
            "start",
            "end",
            "family",
            "children",
            "bookings",
            "absences",
            "changes",
            "payments",
            "opening_balance",
        ),
    )
    commune = reader.get(data, "commune", "", _text)
    start = reader.get(data, "start", "", _day)
    end = reader.get(data, "end", "", _day)
    if start is not None and end is not None and end < start:
        reader.fail("end", f"must not be before start {start}")
    opening = reader.get(data, "opening_balance", "", _money, required=False)
    family = data.get("family")
    family_id: str | None = None
    quotient: Decimal | None = None
    if not isinstance(family, dict):
        reader.fail("family", "is missing (a [family] table with an id)")
    else:
        reader.table(family, "family.", ("id", "quotient_familial"))
        family_id = reader.get(family, "id", "family.", _text)
        quotient = reader.get(family, "quotient_familial", "family.", _decimal, required=False)
    children = []
    for path, item in reader.items(data, "children"):
        reader.table(item, path, ("id", "first_name", "birth_date"))
        child_id = reader.get(item, "id", path, _text)
        first_name = reader.get(item, "first_name", path, _text)
        birth_date = reader.get(item, "birth_date", path, _day)
        if child_id and first_name and birth_date:
            children.append(ChildSpec(child_id, first_name, birth_date))
    known_children = {child.id for child in children}

    def child_of(item: Mapping[str, Any], path: str) -> str | None:
        child = reader.get(item, "child", path, _text)
        if child is not None and child not in known_children:
            reader.fail(
                f"{path}child",
                f"unknown child {child!r}; known: {', '.join(sorted(known_children)) or 'none'}",
            )
            return None
        return child

    bookings = []
    for path, item in reader.items(data, "bookings"):
        reader.table(item, path, ("child", "service", "weekdays", "days"))
        child = child_of(item, path)
        service = reader.get(item, "service", path, _text)
        weekdays = reader.get(item, "weekdays", path, _weekdays, required=False)
        no_days: tuple[date, ...] = ()
        days = reader.get(item, "days", path, _days, required=False, default=no_days)
        if weekdays is None and not days:
            reader.fail(path.rstrip("."), "needs weekdays or days")
        if child and service:
            bookings.append(BookingSpec(child, service, weekdays, days or ()))
    absences = []
    for path, item in reader.items(data, "absences"):
        reader.table(item, path, ("child", "service", "day", "justification"))
        child = child_of(item, path)
        service = reader.get(item, "service", path, _text)
        day = reader.get(item, "day", path, _day)
        justification = reader.get(
            item, "justification", path, _enum(Justification), required=False
        )
        if child and service and day:
            absences.append(AbsenceSpec(child, service, day, justification))
    changes = []
    for path, item in reader.items(data, "changes"):
        reader.table(
            item, path, ("child", "service", "day", "action", "at", "channel", "justification")
        )
        child = child_of(item, path)
        service = reader.get(item, "service", path, _text)
        day = reader.get(item, "day", path, _day)
        action = reader.get(item, "action", path, _enum(ChangeAction))
        at = reader.get(item, "at", path, _instant(notes))
        channel = reader.get(
            item, "channel", path, _enum(Channel), required=False, default=Channel.ONLINE
        )
        justification = reader.get(
            item, "justification", path, _enum(Justification), required=False
        )
        if child and service and day and action and at and channel:
            changes.append(ChangeSpec(child, service, day, action, at, channel, justification))
    payments = []
    for path, item in reader.items(data, "payments"):
        reader.table(item, path, ("day", "amount", "mode", "reference"))
        day = reader.get(item, "day", path, _day)
        amount = reader.get(item, "amount", path, _money)
        mode = reader.get(item, "mode", path, _text)
        reference = reader.get(item, "reference", path, _text)
        if day and amount and mode and reference:
            payments.append(PaymentSpec(day, amount, mode, reference))
    if reader.problems:
        raise PolicyError(reader.problems, source)
    # Every missing value was reported as a problem above.
    assert commune is not None
    assert start is not None
    assert end is not None
    assert family_id is not None
    return Scenario(
        commune,
        start,
        end,
        family_id,
        quotient,
        tuple(children),
        tuple(bookings),
        tuple(absences),
        tuple(changes),
        tuple(payments),
        opening or Money.zero(),
        tuple(notes),
    )
