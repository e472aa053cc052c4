"""The commune pages of the documentation are built from the policies when the site is built.

Each page of docs/communes/ holds its hand-written part and a marker; the site's hook
(tools/docs_hooks.py) replaces the marker with `commune_page`, in the page's language. These
tests render every commune in both languages and check that the tables and pictures are there
and that their figures are the policy's.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path

import pytest

from cantine_rules import ChangeAction
from cantine_rules.pictures import commune_page
from cantine_rules.policies import get, names
from cantine_rules.policies._messages import money
from cantine_rules.policies.commune import describe_bounds
from cantine_rules.pricing.tariffs import BracketGrid
from tests.pictures._svg import of_class, parse

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "communes"
_SPEC = importlib.util.spec_from_file_location("docs_hooks", ROOT / "tools" / "docs_hooks.py")
assert _SPEC is not None
assert _SPEC.loader is not None
docs_hooks = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(docs_hooks)

WEEK = date(2024, 9, 30)
_SVG = re.compile(r"<svg .*?</svg>", re.DOTALL)


def _grids(slug: str) -> list[BracketGrid]:
    return [
        version.tariff
        for schedule in get(slug).tariffs
        for version in schedule.versions
        if isinstance(version.tariff, BracketGrid)
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("slug", names())
def test_a_page_has_its_rules_its_grids_and_a_week_of_each_service(slug: str, lang: str) -> None:
    policy = get(slug)
    page = commune_page(policy, lang, week=WEEK)
    pictures = [parse(svg) for svg in _SVG.findall(page)]
    plots = [root for root in pictures if root.get("class") == "tariff-step-plot"]
    weeks = [root for root in pictures if root.get("class") == "deadline-week"]
    assert len(plots) == len(_grids(slug))
    assert len(weeks) == len(policy.services)
    # Every rule but the tariffs is a row of the rules table, in the page's language.
    for rule in policy.explain(lang):
        if not rule.topic.startswith("tariff."):
            assert f"| `{rule.topic}` | {rule.text.replace('|', chr(92) + '|')} |" in page
    # The closing instants drawn are the rules' own.
    for service, week in zip(policy.services, weeks, strict=True):
        for day in of_class(week, "g", "service-day"):
            if day.get("data-runs") == "true":
                window = policy.booking.window(
                    ChangeAction.ADD, service.code, date.fromisoformat(day.get("data-day", ""))
                )
                assert window.closes_at is not None
                assert day.get("data-add-closes-at") == window.closes_at.isoformat()
    assert f"cantine-rules explain {slug}" in page
    # Internal names of the source texts are never shown.
    assert "seed" not in page.lower()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_paris_grid_is_a_table_of_its_brackets(lang: str) -> None:
    page = commune_page(get("paris"), lang, week=WEEK)
    not_given = {"fr": "non donné par les sources", "en": "not given by the sources"}[lang]
    for grid in _grids("paris"):
        for bracket in grid.brackets:
            bounds = not_given if bracket.lower is None else describe_bounds(bracket, lang)
            price = not_given if bracket.unit_price is None else money(lang, bracket.unit_price)
            assert f"| {bracket.name} | {bounds} | {price} |" in page
    # No bracket is written « QF ? : ? » any more.
    assert "?" not in "".join(line for line in page.splitlines() if line.startswith("| tarif"))
    assert {
        "fr": "| tarif 2 | dès QF 235 | 0,85\xa0€ |",
        "en": "| tarif 2 | from QF 235 | €0.85 |",
    }[lang] in page


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.md")), ids=lambda path: path.name)
def test_each_page_is_expanded_by_the_hook(page: Path) -> None:
    slug = page.name.split(".")[0]
    text = page.read_text(encoding="utf-8")
    assert text.count("<!-- cantine-rules: commune ") == 1
    assert f"<!-- cantine-rules: commune {slug} -->" in text
    lang = docs_hooks.language(f"communes/{page.name}")
    assert lang == ("en" if page.name.endswith(".en.md") else "fr")
    expanded = docs_hooks.expand(text, lang)
    assert "<!-- cantine-rules:" not in expanded
    assert expanded.startswith(text.split("<!--")[0])
    assert commune_page(get(slug), lang, week=docs_hooks.WEEK) in expanded


def test_every_commune_has_a_page_in_both_languages() -> None:
    assert sorted(path.name for path in PAGES.glob("*.md")) == sorted(
        f"{slug}{suffix}.md" for slug in names() for suffix in ("", ".en")
    )
