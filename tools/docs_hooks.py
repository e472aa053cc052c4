"""MkDocs hooks of this site: the commune pages are generated from the policies at build time.

A page of ``docs/communes/`` holds its hand-written part and a marker,
``<!-- cantine-rules: commune SLUG -->``, which becomes the commune's rules, tariff grids and
week pictures in the page's language (``cantine_rules.pictures.commune_page``). Any page may show
one service's week with ``<!-- cantine-rules: week SLUG SERVICE YYYY-MM-DD -->``
(``cantine_rules.pictures.deadline_week``). A page can then never disagree with the code.
mkdocs.yml loads this file under ``hooks:``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from cantine_rules import policies
from cantine_rules.pictures import commune_page, deadline_week
from cantine_rules.pictures._page import figure

MARKER = re.compile(r"<!-- cantine-rules: commune (?P<slug>[a-z0-9-]+) -->")
"""Where a commune's generated part goes."""

WEEK_MARKER = re.compile(
    r"<!-- cantine-rules: week (?P<slug>[a-z0-9-]+) (?P<service>[a-z0-9_-]+) "
    r"(?P<day>\d{4}-\d{2}-\d{2}) -->"
)
"""Where one service's week of deadlines goes."""

WEEK = date(2024, 9, 30)
"""The first week drawn for each service (a later one for a service that does not run then)."""


def language(src_uri: str) -> str:
    """The language of a page from its file name: ``page.en.md`` is English, ``page.md`` French."""
    return "en" if src_uri.endswith(".en.md") else "fr"


def expand(markdown: str, lang: str) -> str:
    """*markdown* with each marker replaced by the part or the picture it names."""
    markdown = WEEK_MARKER.sub(
        lambda found: figure(
            deadline_week(
                policies.get(found["slug"]),
                found["service"],
                date.fromisoformat(found["day"]),
                lang,
            )
        ),
        markdown,
    )
    return MARKER.sub(
        lambda found: commune_page(policies.get(found["slug"]), lang, week=WEEK), markdown
    )


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """MkDocs event: expand the markers of a page before it is rendered."""
    return expand(markdown, language(page.file.src_uri))
