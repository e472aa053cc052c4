"""The examples of docs/direct-debit.md run and print what the page shows."""

from __future__ import annotations

import pytest

from tests._doc_examples import LANGUAGES, page_in, run_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_examples_of_the_direct_debit_page_run(language: str) -> None:
    run = run_page(page_in(language, "direct-debit.md"))
    assert run.doctests >= 5
