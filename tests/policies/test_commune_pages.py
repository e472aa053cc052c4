"""The commune pages of the documentation are generated from the policies and kept in sync."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cantine_rules.policies import get, names

ROOT = Path(__file__).resolve().parents[2]
_SPEC = importlib.util.spec_from_file_location("commune_pages", ROOT / "tools" / "commune_pages.py")
assert _SPEC is not None
assert _SPEC.loader is not None
commune_pages = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(commune_pages)


@pytest.mark.parametrize("slug", names())
def test_the_page_is_up_to_date(slug: str) -> None:
    page = ROOT / "docs" / "communes" / f"{slug}.en.md"
    assert page.read_text(encoding="utf-8") == commune_pages.render(get(slug)), (
        "run: python tools/commune_pages.py"
    )
