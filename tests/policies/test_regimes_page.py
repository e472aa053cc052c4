"""The examples of the regimes page run and print what the page shows."""

from __future__ import annotations

import pytest

from tests._doc_examples import LANGUAGES, page_in, run_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_examples_of_the_regimes_page_run(language: str) -> None:
    run = run_page(page_in(language, "reglements/regimes.md"))
    assert run.doctests > 0
