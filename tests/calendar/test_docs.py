"""The examples of docs/calendar.md run and show what they claim."""

from __future__ import annotations

from tests._doc_examples import DOCS, run_page


def test_the_calendar_guide_examples_run() -> None:
    run = run_page(DOCS / "calendar.md")
    assert run.doctests > 10
