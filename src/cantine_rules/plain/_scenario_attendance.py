"""What happened on the day, and the attendance regimes chosen, in a billing scenario.

Three optional sections of a scenario file, read by the scenario's reader with its conventions
(a date-time without an offset is Europe/Paris, and noted)::

    [[attendance]]                       # a booked day the child missed, told at an instant
    child = "louise"
    service = "repas"
    day = 2024-09-16
    kind = "absent"
    notice_at = 2024-09-16T08:30:00      # optional: when the family gave notice
    certificate_at = 2024-09-17T18:00:00 # optional: when a medical certificate was handed in

    [[attendance]]
    child = "louise"
    service = "repas"
    day = 2024-09-19
    kind = "present_unbooked"            # the child ate without a booking

    [[attendance]]
    child = "louise"
    service = "soir"
    day = 2024-09-19
    kind = "late_pickup"
    picked_up_at = 2024-09-19T18:20:00

    [[regimes]]                          # the regime and monthly fees a child is under
    child = "louise"
    service = "repas"
    regime = "fixed_days"                # or "occasional"
    weekdays = ["lundi", "mardi", "jeudi", "vendredi"]
    fees = ["carte_mensuelle"]           # optional: codes of the service's monthly fees

    [[non_billable_days]]                # a day the commune declared it bills nothing
    day = 2024-09-26
    label = "Grève"
    services = ["repas"]                 # optional: every service by default

The values are checked on their own here (a notice given after the certificate it precedes, a
pick-up on another day); whether the child's service, regime and fees exist is the commune's
business, checked when the scenario is billed.

Examples:
    >>> from datetime import date
    >>> AttendanceEvent(EventKind.PRESENT_UNBOOKED, "louise", "repas", date(2024, 9, 19)).kind
    <EventKind.PRESENT_UNBOOKED: 'present_unbooked'>
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._time import EUROPE_PARIS, require_aware
from cantine_rules._validators import a_date, enum_member, identifier
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.plain._load_absences import non_billable_days
from cantine_rules.plain._read import (
    Parser,
    Reader,
    Table,
    choice,
    day,
    ident,
    index_path,
    instant,
    list_of,
    same_names,
    weekday,
)

__all__ = [
    "AttendanceEvent",
    "ChosenRegime",
    "EventKind",
    "RegimeChoice",
    "attendance_events",
    "non_billable_days",
    "regime_choices",
]


class EventKind(StrEnum):
    """What was recorded for a child, a service and a day."""

    ABSENT = "absent"
    """A booked day the child missed; judged by when notice was given and any certificate."""
    PRESENT_UNBOOKED = "present_unbooked"
    """The child came on a day not booked."""
    LATE_PICKUP = "late_pickup"
    """The child was picked up after the service ended."""


def _optional_instant(
    _instance: AttendanceEvent, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    if not isinstance(value, datetime):
        raise InvalidTypeError(attribute.name, value, "must be a datetime")
    require_aware(value, attribute.name)


@attrs.frozen
class AttendanceEvent:
    """One attendance record of a child's service on a day.

    Attributes:
        kind: absent, present without booking, or picked up late.
        child: the child's id.
        service: the service's code.
        day: the service's day.
        notice_at: for an absence, when the family gave notice; None when it gave none.
        certificate_at: for an absence, when a medical certificate was handed in; never before
            the notice.
        picked_up_at: for a late pick-up, when the child was picked up (that day, in Paris).

    Raises:
        InvalidValueError: an instant given for another kind of event, a late pick-up without
            its instant or on another day, a certificate handed in before the notice.

    Examples:
        >>> from cantine_rules import at_paris
        >>> from datetime import time
        >>> AttendanceEvent(EventKind.ABSENT, "louise", "repas", date(2024, 9, 16),
        ...                 notice_at=at_paris(date(2024, 9, 17), time(8)),
        ...                 certificate_at=at_paris(date(2024, 9, 16), time(18)))
        Traceback (most recent call last):
        ...
        cantine_rules.errors.InvalidValueError: notice_at: must not come after the certificate handed in at 2024-09-16T18:00:00+02:00 (got 2024-09-17T08:00:00+02:00)
    """  # noqa: E501  (a doctest's answer is one line)

    kind: EventKind = attrs.field(validator=enum_member(EventKind))
    child: str = attrs.field(validator=identifier)
    service: str = attrs.field(validator=identifier)
    day: date = attrs.field(validator=a_date)
    notice_at: datetime | None = attrs.field(default=None, validator=_optional_instant)
    certificate_at: datetime | None = attrs.field(default=None, validator=_optional_instant)
    picked_up_at: datetime | None = attrs.field(default=None, validator=_optional_instant)

    def __attrs_post_init__(self) -> None:
        absent = self.kind is EventKind.ABSENT
        for field in ("notice_at", "certificate_at"):
            if not absent and getattr(self, field) is not None:
                raise InvalidValueError(field, getattr(self, field), "only an absence has one")
        if self.kind is EventKind.LATE_PICKUP:
            if self.picked_up_at is None:
                raise InvalidValueError("picked_up_at", None, "a late pick-up needs its instant")
            if self.picked_up_at.astimezone(EUROPE_PARIS).date() != self.day:
                raise InvalidValueError(
                    "picked_up_at", self.picked_up_at, f"must be on the service's day {self.day}"
                )
        elif self.picked_up_at is not None:
            raise InvalidValueError(
                "picked_up_at", self.picked_up_at, "only a late pick-up has one"
            )
        notice, certificate = self.notice_at, self.certificate_at
        if notice is not None and certificate is not None and notice > certificate:
            raise InvalidValueError(
                "notice_at",
                notice,
                f"must not come after the certificate handed in at {certificate.isoformat()}",
            )


class ChosenRegime(StrEnum):
    """The regime a family chose for a child's service, among those the commune offers."""

    FIXED_DAYS = "fixed_days"
    """Fixed weekdays, every such day of the period booked."""
    OCCASIONAL = "occasional"
    """Days booked one by one."""


def _weekdays(value: Iterable[int] | None) -> frozenset[int] | None:
    return None if value is None else frozenset(value)


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidTypeError("fees", value, "must be a list of fee codes")
    return tuple(value)


@pickled_by_fields
@attrs.frozen
class RegimeChoice:
    """The regime and the monthly fees a child is under for one service.

    Attributes:
        child: the child's id.
        service: the service's code.
        regime: the regime chosen, or None for a child under monthly fees only.
        weekdays: the weekdays chosen (0 is Monday), for fixed days only.
        fees: the codes of the service's monthly fees the child pays; the days of the service
            they cover are billed by the month, not one by one.

    Examples:
        >>> RegimeChoice("louise", "repas", ChosenRegime.FIXED_DAYS, {0, 1}).weekdays
        frozenset({0, 1})
        >>> RegimeChoice("louise", "repas", ChosenRegime.OCCASIONAL, {0})
        Traceback (most recent call last):
        ...
        cantine_rules.errors.InvalidValueError: weekdays: only fixed days are chosen by weekday (got [0])
    """  # noqa: E501  (a doctest's answer is one line)

    child: str = attrs.field(validator=identifier)
    service: str = attrs.field(validator=identifier)
    regime: ChosenRegime | None = attrs.field(
        default=None, validator=attrs.validators.optional(enum_member(ChosenRegime))
    )
    weekdays: frozenset[int] | None = attrs.field(default=None, converter=_weekdays)
    fees: tuple[str, ...] = attrs.field(default=(), converter=_codes)

    def __attrs_post_init__(self) -> None:
        fixed = self.regime is ChosenRegime.FIXED_DAYS
        if fixed and not self.weekdays:
            raise InvalidValueError("weekdays", self.weekdays, "fixed days need their weekdays")
        if not fixed and self.weekdays is not None:
            raise InvalidValueError(
                "weekdays", sorted(self.weekdays), "only fixed days are chosen by weekday"
            )
        if self.regime is None and not self.fees:
            raise InvalidValueError("regime", None, "choose a regime, monthly fees, or both")
        for index, code in enumerate(self.fees):
            if not isinstance(code, str) or not code.strip():
                raise InvalidTypeError(f"fees[{index}]", code, "must be a fee's code")
            if code in self.fees[:index]:
                raise InvalidValueError(f"fees[{index}]", code, "appears twice")


# Reading ----------------------------------------------------------------------------------------


def _event(child_id: Parser[str]) -> Parser[AttendanceEvent]:
    def parse(reader: Reader, value: object, path: str) -> AttendanceEvent:
        table = Table(reader, value, path)
        child = table.required("child", child_id)
        service = table.required("service", ident)
        when = table.required("day", day)
        kind = table.required("kind", choice(EventKind))
        notice_at = table.optional("notice_at", instant, None)
        certificate_at = table.optional("certificate_at", instant, None)
        picked_up_at = table.optional("picked_up_at", instant, None)
        table.close()
        return reader.build(
            path,
            same_names(
                "kind", "child", "service", "day", "notice_at", "certificate_at", "picked_up_at"
            ),
            lambda: AttendanceEvent(
                kind, child, service, when, notice_at, certificate_at, picked_up_at
            ),
        )

    return parse


def attendance_events(child_id: Parser[str]) -> Parser[tuple[AttendanceEvent, ...]]:
    """The parser of the ``attendance`` list; *child_id* reads a child's id (one listed)."""
    return list_of(_event(child_id))


def _regime(child_id: Parser[str]) -> Parser[RegimeChoice]:
    def parse(reader: Reader, value: object, path: str) -> RegimeChoice:
        table = Table(reader, value, path)
        child = table.required("child", child_id)
        service = table.required("service", ident)
        regime = table.optional("regime", choice(ChosenRegime), None)
        weekdays = table.optional("weekdays", list_of(weekday, non_empty=True), None)
        fees = table.optional("fees", list_of(ident), ())
        table.close()
        return reader.build(
            path,
            same_names("child", "service", "regime", "weekdays", "fees"),
            lambda: RegimeChoice(child, service, regime, weekdays, fees),
        )

    return parse


def regime_choices(child_id: Parser[str]) -> Parser[tuple[RegimeChoice, ...]]:
    """The parser of the ``regimes`` list: one choice per child and service."""
    read = list_of(_regime(child_id))

    def parse(reader: Reader, value: object, path: str) -> tuple[RegimeChoice, ...]:
        choices = read(reader, value, path)
        seen: set[tuple[str, str]] = set()
        for index, chosen in enumerate(choices):
            key = (chosen.child, chosen.service)
            if key in seen:
                raise reader.fail(
                    index_path(path, index),
                    f"a second choice for {chosen.child!r} at {chosen.service!r}",
                )
            seen.add(key)
        return choices

    return parse
