"""The examples of docs/direct-debit.md run and print what the page shows."""

from __future__ import annotations

from tests._doc_examples import DOCS, run_page


def test_the_examples_of_the_direct_debit_page_run() -> None:
    run = run_page(DOCS / "direct-debit.md")
    assert run.doctests >= 5
