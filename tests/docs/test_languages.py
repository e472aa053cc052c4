"""Every page of the site is in French (``page.md``, the default) and English (``page.en.md``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests._doc_examples import DOCS

ENGLISH = sorted(DOCS.rglob("*.en.md"))
FRENCH = sorted(page for page in DOCS.rglob("*.md") if not page.name.endswith(".en.md"))


def _prose(page: Path) -> list[str]:
    """The lines of *page* a translator writes: not code, not a directive, not a heading."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    return [
        line
        for line in text.splitlines()
        if line.strip() and not line.startswith(("#", ":::", "<!--"))
    ]


def test_both_languages_have_pages() -> None:
    assert len(ENGLISH) > 50
    assert len(FRENCH) == len(ENGLISH)


@pytest.mark.parametrize("french", FRENCH, ids=lambda page: str(page.relative_to(DOCS)))
def test_a_french_page_has_its_english_page(french: Path) -> None:
    assert french.with_name(french.name.removesuffix(".md") + ".en.md").is_file()


@pytest.mark.parametrize("english", ENGLISH, ids=lambda page: str(page.relative_to(DOCS)))
def test_an_english_page_has_its_french_page_in_french(english: Path) -> None:
    french = english.with_name(english.name.removesuffix(".en.md") + ".md")
    assert french.is_file()
    if _prose(english):
        # A page with prose is translated, not copied.
        assert _prose(french) != _prose(english)
