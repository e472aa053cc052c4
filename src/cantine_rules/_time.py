"""Europe/Paris instants: the one place where wall-clock times become aware datetimes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from cantine_rules.errors import InvalidTypeError, NaiveDatetimeError

__all__ = ["EUROPE_PARIS", "at_paris", "read_wall_clock", "require_aware"]

EUROPE_PARIS = ZoneInfo("Europe/Paris")
"""The time zone of every commune this library knows (metropolitan France)."""

# The first year of the European rule (the last Sundays of March and October, at 01:00 UTC),
# and the wall hours [2, 3) in which the clocks then change.
_EU_RULES_SINCE = 1996
_CHANGE_HOURS = (2, 3)


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
    # The same few (day, time) pairs come back all the time (each service's start on each day,
    # each deadline): the instants last placed are kept. The fold is part of the key, as two
    # times differing only by it are equal but do not name the same instant.
    key = (day, wall_time, wall_time.fold)
    found = _PLACED.get(key)
    if found is not None:
        return found
    local = datetime.combine(day, wall_time, tzinfo=EUROPE_PARIS)
    if (
        day.year >= _EU_RULES_SINCE
        and not _CHANGE_HOURS[0] <= wall_time.hour < _CHANGE_HOURS[1]
        and not wall_time.fold
    ):
        # Since 1996 the clocks change at 01:00 UTC, between 02:00 and 03:00 wall time: any
        # other hour shows once, and needs no round trip (most of what this function is asked).
        return local
    try:
        # A round trip through UTC normalises a non-existent wall time into the real one.
        instant = local.astimezone(UTC).astimezone(EUROPE_PARIS)
    except OverflowError:
        # Only the first and last hours datetime can hold overflow in UTC; the clocks do not
        # change then, so the wall time is the instant.
        instant = local
    if len(_PLACED) >= _PLACED_MOST:
        _PLACED.clear()
    _PLACED[key] = instant
    return instant


#: The instants at_paris placed last, by (day, wall time, fold); bounded (any day may be asked).
_PLACED: dict[tuple[date, time, int], datetime] = {}
_PLACED_MOST = 8192


def read_wall_clock(local: datetime) -> tuple[datetime, str]:
    """The Europe/Paris instant a date-time without an offset shows, and how it was read.

    The instant is the one [`at_paris`][] gives: a wall time in the spring-forward gap is moved
    forward by the gap, one in the autumn fall-back hour is its first occurrence. The words say
    so, for a note shown to whoever wrote the date-time.

    Raises:
        InvalidTypeError: *local* is not a date-time without an offset.

    Examples:
        >>> instant, how = read_wall_clock(datetime(2024, 9, 19, 17, 0))
        >>> instant.isoformat(), how
        ('2024-09-19T17:00:00+02:00', 'has no offset: read as Europe/Paris')
        >>> instant, how = read_wall_clock(datetime(2025, 3, 30, 2, 30))
        >>> instant.isoformat()
        '2025-03-30T03:30:00+02:00'
        >>> how.split("; ")
        ['has no offset: read as Europe/Paris', '02:30 does not exist that day (the clocks go forward): read as 03:30+02:00']
    """  # noqa: E501  (a doctest's answer is one line)
    if not isinstance(local, datetime) or local.tzinfo is not None:
        raise InvalidTypeError("local", local, "must be a date-time without an offset")
    instant = at_paris(local.date(), local.time().replace(fold=0))
    how = "has no offset: read as Europe/Paris"
    wall = _clock(local)
    if instant.replace(tzinfo=None) != local.replace(fold=0):
        moved = _clock(instant) + _offset(instant)
        return (
            instant,
            f"{how}; {wall} does not exist that day (the clocks go forward): read as {moved}",
        )
    if local.replace(fold=1, tzinfo=EUROPE_PARIS).utcoffset() != instant.utcoffset():
        first = wall + _offset(instant)
        return (
            instant,
            f"{how}; {wall} occurs twice that day (the clocks go back): read as the first, {first}",
        )
    return instant, how


def _clock(moment: datetime) -> str:
    """The wall time of *moment*, to the minute unless it has seconds."""
    exact = moment.second or moment.microsecond
    return moment.time().isoformat("auto" if exact else "minutes")


def _offset(instant: datetime) -> str:
    """The offset of *instant* as ISO 8601 writes it (``+02:00``)."""
    return instant.isoformat()[-6:]
