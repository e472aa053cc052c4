"""Replaying a commune's deadlines at their boundaries: one second before, and at, each one."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from cantine_rules import BookingChange, ChangeAction, Channel
from cantine_rules.plain import load_toml
from cantine_rules.policies import CommunePolicy
from cantine_rules.rules.decisions import Decision

COMMUNES = Path(__file__).resolve().parents[2] / "examples" / "communes"
SECOND = timedelta(seconds=1)


def commune(slug: str) -> CommunePolicy:
    """The example commune *slug*, read from its file as `cantine-rules check` reads it."""
    return load_toml(COMMUNES / f"{slug}.toml")


def decide(
    policy: CommunePolicy,
    action: ChangeAction,
    day: date,
    at: datetime,
    channel: Channel = Channel.ONLINE,
    service: str = "repas",
) -> Decision:
    """The decision on *action* for *service* on *day*, asked at *at* through *channel*."""
    return policy.decide(BookingChange(action, "c1", service, day, at, channel=channel))


def assert_deadline(
    policy: CommunePolicy,
    action: ChangeAction,
    day: date,
    deadline: datetime,
    *,
    service: str = "repas",
) -> tuple[Decision, Decision]:
    """On time one second before *deadline*, late at it; the decisions, for more checks."""
    before = decide(policy, action, day, deadline - SECOND, service=service)
    at = decide(policy, action, day, deadline, service=service)
    assert before.reason.value == "on_time", before.explain()
    assert before.deadline == deadline
    assert at.reason.value != "on_time", at.explain()
    assert at.deadline == deadline
    return before, at
