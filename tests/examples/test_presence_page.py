"""The worked examples of the page on presences without booking and late pick-ups run."""

from __future__ import annotations

from tests._doc_examples import DOCS, run_page


def test_the_examples_of_the_page_run() -> None:
    run = run_page(DOCS / "reglements" / "presence.md")
    assert run.doctests >= 2
