"""The values a school calendar is built from: zones, kinds of service day, closures, school weeks.

Examples:
    >>> Zone.parse("zone b"), FOUR_DAYS.has_school(2)
    (<Zone.B: 'B'>, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import a_date, identifier
from cantine_rules.errors import CalendarError, InvalidTypeError, UnknownCodeError
from cantine_rules.model import ServiceKind

__all__ = [
    "DEFAULT_SERVICE_DAYS",
    "FOUR_AND_A_HALF_DAYS",
    "FOUR_DAYS",
    "WEEKDAY_NAMES",
    "Closure",
    "ExtraOpenDay",
    "SchoolWeek",
    "ServiceDays",
    "Zone",
    "days_off",
    "require_day",
    "service_days_of",
    "to_zone",
    "zone_or_none",
]

WEEKDAY_NAMES: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
"""French weekday names, Monday first, for labels shown to families."""


def require_day(value: object, field: str) -> date:
    """Return *value* if it is a ``datetime.date`` (not a datetime), else an error naming *field*.

    Examples:
        >>> require_day(date(2024, 5, 13), "day")
        datetime.date(2024, 5, 13)
    """
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidTypeError(field, value, "must be a datetime.date (a day, not a datetime)")
    return value


def days_off(after_class_on: date, resumption: date) -> Iterator[date]:
    """The days off of a break the Ministry's calendar states, in order.

    The calendar's own rule: « Le départ en vacances a lieu après la classe des jours indiqués.
    La reprise des cours s'effectue le matin des jours indiqués. » So the days off run from the
    day after *after_class_on* to the eve of *resumption*: both days it names have class.

    Examples:
        >>> [day.day for day in days_off(date(2016, 10, 29), date(2016, 11, 3))]
        [30, 31, 1, 2]
    """
    day = after_class_on + timedelta(days=1)
    while day < resumption:
        yield day
        day += timedelta(days=1)


class Zone(StrEnum):
    """A school-holiday zone of metropolitan France (set by académie).

    Examples:
        >>> Zone.parse("Zone C") is Zone.C
        True
    """

    A = "A"
    B = "B"
    C = "C"

    @classmethod
    def parse(cls, text: str) -> Zone:
        """The zone written as ``"A"``, ``"zone a"`` or ``"Zone A"`` (case and spaces ignored).

        Raises:
            UnknownCodeError: for anything else, listing A, B and C.
            InvalidTypeError: when *text* is not a str.

        """
        return to_zone(text)


def zone_or_none(text: object) -> Zone | None:
    """The zone *text* names (a Zone, ``"A"``, ``"zone a"``, ``"Zone A"``), or None.

    Examples:
        >>> zone_or_none("Corse") is None
        True
    """
    if isinstance(text, Zone):
        return text
    if not isinstance(text, str):
        return None
    words = text.split()
    if len(words) == 2 and words[0].casefold() == "zone":
        words = words[1:]
    if len(words) != 1:
        return None
    try:
        return Zone(words[0].upper())
    except ValueError:
        return None


def to_zone(value: object) -> Zone:
    """Converter: a [`Zone`][], or a str naming one; a typed error otherwise.

    Examples:
        >>> to_zone("Zone B")
        <Zone.B: 'B'>
    """
    found = zone_or_none(value)
    if found is None:
        if not isinstance(value, str):
            raise InvalidTypeError("zone", value, "must be a Zone or a str such as 'Zone A'")
        raise UnknownCodeError("zone", value, (member.value for member in Zone))
    return found


class ServiceDays(StrEnum):
    """On which kind of day a service runs."""

    SCHOOL_DAYS = "school_days"
    """School days: meals, garderie, étude."""
    WEDNESDAYS = "wednesdays"
    """Wednesdays without school, outside the school holidays: ALSH du mercredi."""
    SCHOOL_HOLIDAYS = "school_holidays"
    """Monday to Friday inside the school holidays: ALSH des vacances."""


DEFAULT_SERVICE_DAYS: Final[Mapping[ServiceKind, frozenset[ServiceDays]]] = MappingProxyType(
    {
        ServiceKind.MEAL: frozenset({ServiceDays.SCHOOL_DAYS}),
        ServiceKind.MORNING_CARE: frozenset({ServiceDays.SCHOOL_DAYS}),
        ServiceKind.EVENING_CARE: frozenset({ServiceDays.SCHOOL_DAYS}),
        ServiceKind.STUDY: frozenset({ServiceDays.SCHOOL_DAYS}),
        ServiceKind.WEDNESDAY_CENTRE: frozenset({ServiceDays.WEDNESDAYS}),
        ServiceKind.HOLIDAY_CENTRE: frozenset({ServiceDays.SCHOOL_HOLIDAYS}),
    }
)
"""The kind of day each kind of service runs on, unless a commune says otherwise."""


def service_days_of(value: object, field: str = "service_days") -> frozenset[ServiceDays]:
    """The kinds of day of a [`ServiceKind`][], or a non-empty frozenset of ServiceDays as is.

    Examples:
        >>> sorted(service_days_of(ServiceKind.WEDNESDAY_CENTRE))
        [<ServiceDays.WEDNESDAYS: 'wednesdays'>]
    """
    if isinstance(value, ServiceKind):
        return DEFAULT_SERVICE_DAYS[value]
    if isinstance(value, frozenset) and value and all(isinstance(v, ServiceDays) for v in value):
        return value
    raise InvalidTypeError(
        field, value, "must be a ServiceKind or a non-empty frozenset of ServiceDays"
    )


@attrs.frozen
class Closure:
    """A day the commune closes its schools and services: a pont, an exceptional closure, a strike.

    Examples:
        >>> Closure(date(2024, 5, 10), "Pont de l'Ascension").label
        "Pont de l'Ascension"
    """

    day: date = attrs.field(validator=a_date)
    label: str = attrs.field(validator=identifier)


@attrs.frozen
class ExtraOpenDay:
    """A day the commune opens school although it would not have school (a day made up for).

    Examples:
        >>> ExtraOpenDay(date(2024, 5, 15), "Rattrapage du pont").day.isoformat()
        '2024-05-15'
    """

    day: date = attrs.field(validator=a_date)
    label: str = attrs.field(validator=identifier)


def _weekdays(value: object) -> frozenset[int]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError("weekdays", value, "must be a set of weekday numbers (0=Monday)")
    return frozenset(value)


def _school_weekdays(
    _instance: Any, attribute: attrs.Attribute[Any], value: frozenset[Any]
) -> None:
    if not value:
        raise CalendarError(attribute.name, value, "a school week needs at least one day")
    for weekday in value:
        if not isinstance(weekday, int) or isinstance(weekday, bool):
            raise InvalidTypeError(attribute.name, weekday, "weekdays are ints, 0=Monday")
        # There is no school on Sunday anywhere in France.
        if not 0 <= weekday <= 5:
            raise CalendarError(attribute.name, weekday, "must be 0 (Monday) to 5 (Saturday)")


@pickled_by_fields
@attrs.frozen
class SchoolWeek:
    """The weekdays with school (0=Monday … 5=Saturday).

    Examples:
        >>> FOUR_AND_A_HALF_DAYS.has_school(2)
        True
    """

    weekdays: frozenset[int] = attrs.field(converter=_weekdays, validator=_school_weekdays)

    def has_school(self, weekday: int) -> bool:
        """True when the week has school on *weekday* (0=Monday)."""
        return weekday in self.weekdays


FOUR_DAYS: Final = SchoolWeek(frozenset({0, 1, 3, 4}))
"""The « semaine de quatre jours »: school on Monday, Tuesday, Thursday and Friday."""
FOUR_AND_A_HALF_DAYS: Final = SchoolWeek(frozenset({0, 1, 2, 3, 4}))
"""The « semaine de quatre jours et demi »: school Monday to Friday, Wednesday morning included."""
