"""A week of one service: each day's closing instants, and what a late change costs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Final

from cantine_rules._time import EUROPE_PARIS
from cantine_rules.errors import InvalidTypeError
from cantine_rules.model import BookingChange, ChangeAction, Channel
from cantine_rules.pictures._messages import say
from cantine_rules.pictures._svg import check_size, coordinate, element, root, text
from cantine_rules.policies._messages import LOCALES, check_lang, money
from cantine_rules.policies.commune import CommunePolicy
from cantine_rules.rules.decisions import Decision, DecisionStatus, Reason
from cantine_rules.rules.window_table import DayWindows

__all__ = ["deadline_week"]

_PAD: Final = 12
_HEADER: Final = 44
_COLUMN_TOP: Final = 52
_COLUMN_HEIGHT: Final = 150
_LEGEND_LINE: Final = 18
_RUNS_FILL: Final = "#e3f2fd"
_CLOSED_FILL: Final = "#eeeeee"
_MUTED: Final = "#616161"
# The child of the decisions the legend asks for: any name does, no account is checked.
_CHILD: Final = "enfant"


def _short_day(day: date, lang: str) -> str:
    from babel.dates import format_date  # babel is imported where it is used (start-up)

    return format_date(day, "EEE d MMM", locale=LOCALES[lang])


def _short_instant(instant: datetime, lang: str) -> str:
    local = instant.astimezone(EUROPE_PARIS)
    return f"{_short_day(local.date(), lang)} {local:%H:%M}"


def _outcome(decision: Decision, lang: str) -> str:
    """What a late change's decision means for the family, in a few words."""
    if decision.status is DecisionStatus.REFUSED:
        if decision.reason is Reason.TOO_LATE_CONTACT and decision.detail:
            return say(lang, "outcome.refused.contact", contact=decision.detail)
        return say(lang, "outcome.refused")
    if decision.status is DecisionStatus.ACCEPTED_LATE and decision.missing_figure is not None:
        return say(lang, "outcome.unknown_amount")
    if decision.reason is Reason.LATE_SURCHARGE and decision.charge is not None:
        return say(lang, "outcome.surcharge", charge=money(lang, decision.charge))
    if decision.reason is Reason.LATE_STILL_CHARGED and decision.charge is not None:
        return say(lang, "outcome.still_charged", charge=money(lang, decision.charge))
    if decision.reason is Reason.LATE_CHARGE_WAIVED:
        return say(lang, "outcome.waived")
    return say(lang, "outcome.accepted")


def _late_lines(
    policy: CommunePolicy, code: str, day: date, windows: DayWindows, lang: str
) -> list[str]:
    """What a change made at each window's closing instant is told, online and at the office."""
    lines: list[str] = []
    for action, key in (
        (ChangeAction.ADD, "week.late.add"),
        (ChangeAction.CANCEL, "week.late.cancel"),
    ):
        window = windows.window(action)
        if window is None or window.closes_at is None:
            continue
        outcomes = {
            channel: _outcome(
                policy.decide(BookingChange(action, _CHILD, code, day, window.closes_at, channel)),
                lang,
            )
            for channel in (Channel.ONLINE, Channel.OFFICE)
        }
        lines.append(
            say(lang, key, online=outcomes[Channel.ONLINE], office=outcomes[Channel.OFFICE])
        )
    return lines


def deadline_week(
    policy: CommunePolicy, service_code: str, week: date, lang: str = "fr", *, width: int = 720
) -> str:
    """One week of a service as an SVG picture: its days, deadlines and late costs.

    The week is the Monday-to-Friday week holding *week* (and its Saturday or Sunday when the
    service runs then). Each day shows whether the service runs (or the holiday or closure that
    stops it), when it starts, and the instant its add and cancel windows close, as the
    commune's booking rules compute them
    ([`BookingRules.day_windows`][cantine_rules.rules.booking.BookingRules.day_windows]): a
    change is on time strictly before that instant, across daylight-saving changes. The legend
    says what a change made at the closing instant of the first service day of the week is
    told, online and at the office, from the commune's own decisions
    ([`CommunePolicy.decide`][cantine_rules.policies.commune.CommunePolicy.decide]; a charge
    based on the price is priced without a QF, at the default bracket).

    The picture has a ``<title>``, a ``<desc>`` (every day in words), ``role="img"`` and an
    ``aria-label``; each day is a group with ``data-day``, ``data-runs`` and, when the service
    runs, ``data-add-closes-at`` and ``data-cancel-closes-at`` (ISO 8601 with the offset).

    Args:
        policy: the commune.
        service_code: the service (« repas »).
        week: any day of the week to draw.
        lang: ``"fr"`` or ``"en"``.
        width: the picture's width, in pixels.

    Raises:
        UnknownServiceError: the commune has no service *service_code*.
        OutOfRangeError: the commune's calendar does not know the week.
        InvalidValueError: *lang* is not ``"fr"`` nor ``"en"`` (field ``lang``), or the picture
            is narrower than 480 pixels.

    Examples:
        >>> from cantine_rules import policies
        >>> svg = deadline_week(policies.get("chantraine"), "repas", date(2025, 3, 31), "en")
        >>> 'data-add-closes-at="2025-03-29T10:45:00+01:00"' in svg  # 48 h across the DST change
        True
    """
    if not isinstance(policy, CommunePolicy):
        raise InvalidTypeError("policy", policy, "must be a CommunePolicy")
    if not isinstance(week, date):
        raise InvalidTypeError("week", week, "must be a date")
    check_lang(lang)
    check_size("width", width, 480)
    service = policy.service(service_code)
    monday = week - timedelta(days=week.weekday())
    days = [monday + timedelta(days=offset) for offset in range(7)]
    windows = {day: policy.booking.day_windows(service_code, day) for day in days}
    shown = [day for day in days if day.weekday() < 5 or windows[day].add is not None]
    column = (width - 2 * _PAD) / len(shown)
    body: list[str] = []
    summaries: list[str] = []
    for index, day in enumerate(shown):
        group, summary = _day(day, windows[day], lang, _PAD + index * column, column)
        body.append(group)
        summaries.append(summary)
    running = [day for day in shown if windows[day].add is not None]
    if running:
        first = running[0]
        lines = [
            say(lang, "week.late.day", day=_short_day(first, lang)),
            *(
                f"• {line}"
                for line in _late_lines(policy, service_code, first, windows[first], lang)
            ),
        ]
    else:
        lines = [say(lang, "week.none_runs")]
    legend_top = _COLUMN_TOP + _COLUMN_HEIGHT + 24
    for number, line in enumerate(lines):
        body.append(
            text(line, {"class": "late", "x": _PAD, "y": legend_top + number * _LEGEND_LINE})
        )
    height = legend_top + len(lines) * _LEGEND_LINE
    title = say(lang, "week.title", label=service.label, monday=_short_day(monday, lang))
    description = say(lang, "week.summary", days="; ".join(summaries), late=" ".join(lines))
    background = element(
        "rect", {"x": 0, "y": 0, "width": width, "height": height, "fill": "#ffffff"}
    )
    heading = text(title, {"x": _PAD, "y": 22, "font-size": 14, "font-weight": "bold"})
    return root(width, height, title, description, [background, heading, *body], "deadline-week")


def _day(day: date, windows: DayWindows, lang: str, x: float, column: float) -> tuple[str, str]:
    """The group of one day, and the day in words for the picture's description."""
    middle = x + column / 2
    runs = windows.add is not None and windows.cancel is not None
    parts = [
        element(
            "rect",
            {
                "x": coordinate(x + 2),
                "y": _COLUMN_TOP - 20,
                "width": coordinate(column - 4),
                "height": _COLUMN_HEIGHT + 20,
                "rx": 4,
                "fill": _RUNS_FILL if runs else _CLOSED_FILL,
            },
        ),
        text(
            _short_day(day, lang),
            {
                "x": coordinate(middle),
                "y": _COLUMN_TOP - 4,
                "text-anchor": "middle",
                "font-weight": "bold",
            },
        ),
    ]
    name = _short_day(day, lang)
    if not runs:
        parts.append(
            text(
                say(lang, "week.no_service"),
                {
                    "x": coordinate(middle),
                    "y": _COLUMN_TOP + 24,
                    "text-anchor": "middle",
                    "fill": _MUTED,
                },
            )
        )
        if windows.closed:
            parts.append(
                text(
                    windows.closed,
                    {
                        "x": coordinate(middle),
                        "y": _COLUMN_TOP + 42,
                        "text-anchor": "middle",
                        "fill": _MUTED,
                        "font-size": 10,
                    },
                )
            )
            summary = say(lang, "week.day.closed.reason", day=name, reason=windows.closed)
        else:
            summary = say(lang, "week.day.closed", day=name)
        attributes: dict[str, str | None] = {
            "class": "service-day",
            "data-day": day.isoformat(),
            "data-runs": "false",
        }
        return element("g", attributes, *parts), summary
    assert windows.add is not None
    assert windows.cancel is not None
    starts = windows.start.astimezone(EUROPE_PARIS)
    parts.append(
        text(
            say(lang, "week.starts", time=f"{starts:%H:%M}"),
            {"x": coordinate(middle), "y": _COLUMN_TOP + 20, "text-anchor": "middle"},
        )
    )
    closing: dict[str, str] = {}
    for row, (key, window) in enumerate(
        (("week.add", windows.add), ("week.cancel", windows.cancel))
    ):
        top = _COLUMN_TOP + 50 + row * 52
        closes_at = window.closes_at
        words = (
            say(lang, "week.no_deadline") if closes_at is None else _short_instant(closes_at, lang)
        )
        closing[key] = words
        parts.append(
            text(
                say(lang, key),
                {
                    "x": coordinate(middle),
                    "y": top,
                    "text-anchor": "middle",
                    "fill": _MUTED,
                    "font-size": 11,
                },
            )
        )
        parts.append(
            text(
                words,
                {
                    "class": "closes-at",
                    "x": coordinate(middle),
                    "y": top + 17,
                    "text-anchor": "middle",
                    "font-weight": "bold",
                },
            )
        )
    attributes = {
        "class": "service-day",
        "data-day": day.isoformat(),
        "data-runs": "true",
        "data-add-closes-at": None
        if windows.add.closes_at is None
        else windows.add.closes_at.isoformat(),
        "data-cancel-closes-at": None
        if windows.cancel.closes_at is None
        else windows.cancel.closes_at.isoformat(),
    }
    summary = say(
        lang, "week.day.summary", day=name, add=closing["week.add"], cancel=closing["week.cancel"]
    )
    return element("g", attributes, *parts), summary
