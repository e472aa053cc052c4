"""The examples of the regimes page run and print what the page shows."""

from __future__ import annotations

from tests._doc_examples import DOCS, run_page


def test_the_examples_of_the_regimes_page_run() -> None:
    run = run_page(DOCS / "reglements" / "regimes.md")
    assert run.doctests > 0
