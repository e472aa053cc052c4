"""The worked examples of the page on the family in a bill run."""

from __future__ import annotations

from tests._doc_examples import DOCS, run_page


def test_the_examples_of_the_page_run() -> None:
    run = run_page(DOCS / "reglements" / "family.md")
    assert run.doctests >= 3
