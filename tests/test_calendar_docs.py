"""The examples of docs/calendar.md run and show what they claim."""

from __future__ import annotations

import doctest
from pathlib import Path

DOC = Path(__file__).parent.parent / "docs" / "calendar.md"


def test_the_calendar_guide_examples_run() -> None:
    result = doctest.testfile(
        str(DOC), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 10
    assert result.failed == 0
