"""MkDocs hooks of this site: the commune pages are generated from the policies at build time.

A page of ``docs/communes/`` holds its hand-written part and a marker,
``<!-- cantine-rules: commune SLUG -->``, which becomes the commune's rules, tariff grids and
week pictures in the page's language (``cantine_rules.pictures.commune_page``). Any page may show
one service's week with ``<!-- cantine-rules: week SLUG SERVICE YYYY-MM-DD -->``
(``cantine_rules.pictures.deadline_week``). The page "Mutation testing" shows the recorded
scores with ``<!-- cantine-rules: mutation-scores -->`` and the survivors judged equivalent with
``<!-- cantine-rules: mutation-equivalents -->``, from the files ``tools/mutation.py report``
writes and reads. A page can then never disagree with the code or the run.
mkdocs.yml loads this file under ``hooks:``.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import Path
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

SCORES_MARKER = "<!-- cantine-rules: mutation-scores -->"
"""Where the table of the recorded mutation scores goes."""

EQUIVALENTS_MARKER = "<!-- cantine-rules: mutation-equivalents -->"
"""Where the list of the survivors judged equivalent goes."""

TOOLS = Path(__file__).resolve().parent

HEADINGS = {
    "en": ("module", "mutants", "killed", "equivalent", "survivors", "not run", "score"),
    "fr": ("module", "mutants", "tués", "équivalents", "survivants", "non lancés", "score"),
}

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
    if SCORES_MARKER in markdown:
        markdown = markdown.replace(SCORES_MARKER, mutation_scores(lang))
    if EQUIVALENTS_MARKER in markdown:
        markdown = markdown.replace(EQUIVALENTS_MARKER, mutation_equivalents(lang))
    return MARKER.sub(
        lambda found: commune_page(policies.get(found["slug"]), lang, week=WEEK), markdown
    )


def _number(value: int | str, lang: str) -> str:
    # French groups thousands with a narrow no-break space and writes a decimal comma.
    text = f"{value:,}" if isinstance(value, int) else value
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def _path(module: str) -> str:
    # A package's module is its __init__.py, as the source tree names it.
    relative = module.removeprefix("cantine_rules.").replace(".", "/")
    package = TOOLS.parent / "src" / "cantine_rules" / relative / "__init__.py"
    return f"`{relative}/__init__.py`" if package.exists() else f"`{relative}.py`"


def mutation_scores(lang: str) -> str:
    """The table of ``tools/mutation-scores.json``: each module's counts and score."""
    recorded = json.loads((TOOLS / "mutation-scores.json").read_text(encoding="utf-8"))
    rows = [
        "| " + " | ".join(HEADINGS[lang]) + " |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    every = [*recorded["modules"].items(), ("", recorded["totals"])]
    for module, counts in every:
        name = _path(module) if module else ("**all**" if lang == "en" else "**ensemble**")
        stopped = counts["killed"] + counts["equivalent"]
        survivors = counts["mutants"] - stopped - counts["not_run"]
        cells = [
            counts["mutants"],
            counts["killed"],
            counts["equivalent"],
            survivors,
            counts["not_run"],
        ]
        numbers = [_number(cell, lang) for cell in cells]
        rows.append(
            f"| {name} | " + " | ".join(numbers) + f" | {_number(counts['score'], lang)} % |"
        )
    return "\n".join(rows)


def mutation_equivalents(lang: str) -> str:
    """The survivors of ``tools/mutation-equivalents.toml``, by module, each with its reason."""
    listed = tomllib.loads((TOOLS / "mutation-equivalents.toml").read_text(encoding="utf-8"))
    parts = []
    for module, mutants in sorted(listed.items()):
        parts.append(f"**{_path(module)}** ({len(mutants)})\n")
        for name, reasons in sorted(mutants.items()):
            parts.append(f"- `{name.removeprefix(module + '.')}`: {reasons[lang]}")
        parts.append("")
    return "\n".join(parts)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """MkDocs event: expand the markers of a page before it is rendered."""
    return expand(markdown, language(page.file.src_uri))
