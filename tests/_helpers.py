"""Small helpers shared by the tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from cantine_rules import PARIS, CantineRulesError


def paris(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """An aware Europe/Paris datetime, as a family's browser would send it."""
    return datetime(year, month, day, hour, minute, second, tzinfo=PARIS)


def refusal(call: Callable[[], object]) -> tuple[str, object, object, str]:
    """What a call that must fail raises: the error's class name, field, value and message.

    Fails the test when the call raises anything that is not a [`CantineRulesError`][], so a
    refusal that degrades into a bare ``TypeError`` is caught too.
    """
    with pytest.raises(CantineRulesError) as caught:
        call()
    error = caught.value
    field = getattr(error, "field", None)
    return type(error).__name__, field, getattr(error, "value", None), str(error)
