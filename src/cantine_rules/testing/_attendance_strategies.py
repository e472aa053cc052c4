"""Hypothesis strategies for what happened on the day: a billing scenario's attendance events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from hypothesis import strategies as st

from cantine_rules._time import at_paris
from cantine_rules.plain._scenario_attendance import AttendanceEvent, EventKind

__all__ = ["absences_with_notice", "attendance_events"]


def _instants_around(day: date, days_before: int) -> st.SearchStrategy[datetime]:
    """An instant, to the second, from *days_before* days before *day* to its evening."""
    first = at_paris(day - timedelta(days=days_before), time(0))
    span = int((at_paris(day, time(20)) - first).total_seconds())
    return st.integers(0, span).map(lambda seconds: first + timedelta(seconds=seconds))


@st.composite
def absences_with_notice(
    draw: st.DrawFn, child: str, service: str, days: Sequence[date], days_before: int = 5
) -> list[AttendanceEvent]:
    """Absences from some of *days* (booked days), each with no notice or a notice instant.

    A certificate, when drawn, comes at or after the notice (as a scenario requires).

    Examples:
        >>> from hypothesis import find
        >>> strategy = absences_with_notice("louise", "repas", [date(2024, 9, 16)])
        >>> [(event.kind.value, event.day) for event in find(strategy, bool)]
        [('absent', datetime.date(2024, 9, 16))]
    """
    chosen = draw(st.lists(st.sampled_from(list(days)), unique=True))
    events = []
    for day in sorted(chosen):
        notice = draw(st.none() | _instants_around(day, days_before))
        certificate = None
        if draw(st.booleans()):
            after = draw(st.integers(0, 5 * 24 * 3600))
            certificate = (notice or at_paris(day, time(0))) + timedelta(seconds=after)
        events.append(
            AttendanceEvent(
                EventKind.ABSENT, child, service, day, notice_at=notice, certificate_at=certificate
            )
        )
    return events


@st.composite
def attendance_events(
    draw: st.DrawFn,
    child: str,
    service: str,
    booked: Sequence[date],
    unbooked: Sequence[date],
    pickup_from: time | None = None,
) -> list[AttendanceEvent]:
    """Events a child's period may hold, each consistent with the days booked.

    Absences from some *booked* days, presences on some *unbooked* days and, when
    *pickup_from* is given (the service's end), pick-ups up to an hour after it on days the
    child came.

    Examples:
        >>> from hypothesis import find
        >>> strategy = attendance_events("louise", "soir", [date(2024, 9, 16)],
        ...                              [date(2024, 9, 17)], pickup_from=time(18))
        >>> late = lambda events: any(e.kind is EventKind.LATE_PICKUP for e in events)
        >>> [event.picked_up_at.isoformat() for event in find(strategy, late)]
        ['2024-09-16T18:00:00+02:00']
    """
    events = draw(absences_with_notice(child, service, booked))
    missed = {event.day for event in events}
    present = draw(st.lists(st.sampled_from(list(unbooked)), unique=True)) if unbooked else []
    events += [AttendanceEvent(EventKind.PRESENT_UNBOOKED, child, service, day) for day in present]
    if pickup_from is not None:
        came = sorted({*present, *(day for day in booked if day not in missed)})
        late = draw(st.lists(st.sampled_from(came), unique=True)) if came else []
        for day in late:
            after = timedelta(seconds=draw(st.integers(0, 3600)))
            events.append(
                AttendanceEvent(
                    EventKind.LATE_PICKUP,
                    child,
                    service,
                    day,
                    picked_up_at=at_paris(day, pickup_from) + after,
                )
            )
    return events
