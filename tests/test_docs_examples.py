"""The Python examples of the documentation run, and print what the pages show."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._doc_examples import DOCS, LANGUAGES, blocks, page_in, run_page

PAGES = [
    "index.md",
    "getting-started.md",
    "start/portal-python.md",
    "start/portal-any-language.md",
    "start/commune-integrator.md",
    "start/back-office.md",
    "concepts.md",
    "booking-rules.md",
    "pricing-tariffs.md",
    "pricing-accounts.md",
    "property-testing.md",
    "reglements/school-week-deadlines.md",
    "reglements/attendance-billing.md",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_the_examples_of_a_page_run(page: str, language: str) -> None:
    run = run_page(page_in(language, page))
    assert run.scripts + run.doctests > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_printed_output_of_the_getting_started_page_is_checked(language: str) -> None:
    python = blocks(page_in(language, "getting-started.md"))
    printing = [block for block in python if "print(" in block.body]
    assert printing
    assert all(block.expected_output is not None for block in printing)


def test_a_doctest_that_disagrees_with_its_page_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```python\n>>> 1 + 1\n3\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"page\.md:2: doctest failed"):
        run_page(page)


def test_a_script_whose_output_differs_from_the_page_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text('```python\nprint("14,40\\u00a0€")\n```\n\n```text\n14,41 €\n```\n')
    with pytest.raises(AssertionError, match="the page shows"):
        run_page(page)


def test_blocks_share_one_namespace_and_spaces_are_normalised(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\n>>> total = 4\n```\n\n"
        "```python\nprint(total,  'repas')\n```\n\n```text\n4 repas\n```\n\n"
        "```sh\nnot python\n```\n",
        encoding="utf-8",
    )
    run = run_page(page)
    assert (run.scripts, run.doctests, run.outputs_checked) == (1, 1, 1)


def test_the_readme_examples_run() -> None:
    run = run_page(DOCS.parent / "README.md")
    assert run.scripts >= 2
