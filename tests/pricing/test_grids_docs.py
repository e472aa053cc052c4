"""The examples of the page on tariff grids as règlements write them run as the page shows."""

from __future__ import annotations

from tests._doc_examples import DOCS, run_page


def test_the_examples_of_the_tariff_grids_page_run() -> None:
    run = run_page(DOCS / "reglements" / "tariff-grids.md")
    assert run.doctests > 0
