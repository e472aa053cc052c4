"""Small helpers shared by the tests."""

from __future__ import annotations

from datetime import datetime

from cantine_rules import PARIS


def paris(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """An aware Europe/Paris datetime, as a family's browser would send it."""
    return datetime(year, month, day, hour, minute, second, tzinfo=PARIS)
