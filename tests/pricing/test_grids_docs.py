"""The examples of the page on tariff grids as règlements write them run as the page shows."""

from __future__ import annotations

import pytest

from tests._doc_examples import LANGUAGES, page_in, run_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_examples_of_the_tariff_grids_page_run(language: str) -> None:
    run = run_page(page_in(language, "reglements/tariff-grids.md"))
    assert run.doctests > 0
