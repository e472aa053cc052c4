"""The worked examples of the page on presences without booking and late pick-ups run."""

from __future__ import annotations

import pytest

from tests._doc_examples import LANGUAGES, page_in, run_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_examples_of_the_page_run(language: str) -> None:
    run = run_page(page_in(language, "reglements/presence.md"))
    assert run.doctests >= 2
