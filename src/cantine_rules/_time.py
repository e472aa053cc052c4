"""Europe/Paris instants: the one place where wall-clock times become aware datetimes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from cantine_rules.errors import InvalidTypeError, NaiveDatetimeError

__all__ = ["EUROPE_PARIS", "at_paris", "require_aware"]

EUROPE_PARIS = ZoneInfo("Europe/Paris")
"""The time zone of every commune this library knows (metropolitan France)."""


def require_aware(value: object, field: str) -> datetime:
    """Return *value* if it is a timezone-aware datetime, else raise an error naming *field*."""
    if not isinstance(value, datetime):
        raise InvalidTypeError(field, value, "must be a timezone-aware datetime")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise NaiveDatetimeError(field, value)
    return value


def at_paris(day: date, wall_time: time) -> datetime:
    """The Europe/Paris instant showing *wall_time* on *day*.

    Wall times that do not exist (the spring-forward gap, 02:00-03:00 on the last Sunday of March)
    are moved forward by the length of the gap, as a clock that was not changed would show; wall
    times that occur twice (the autumn fall-back hour) take the first occurrence (``fold=0``).

    Examples:
        >>> at_paris(date(2024, 3, 31), time(2, 30)).isoformat()
        '2024-03-31T03:30:00+02:00'
    """
    local = datetime.combine(day, wall_time, tzinfo=EUROPE_PARIS)
    # A round trip through UTC normalises a non-existent wall time into the real one.
    return local.astimezone(UTC).astimezone(EUROPE_PARIS)
