"""The examples of docs/calendar.md run and show what they claim."""

from __future__ import annotations

import pytest

from tests._doc_examples import LANGUAGES, page_in, run_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_guide_examples_run(language: str) -> None:
    run = run_page(page_in(language, "calendar.md"))
    assert run.doctests > 10
