"""Run the Python examples of a documentation page, so that the docs cannot drift from the code.

A page's ```python blocks run in order, in one namespace, so a block may use what an earlier
block defined. Two forms are checked:

- a block whose first line starts with ``>>>`` is a doctest: each output is compared
  (whitespace normalised, so ``14,40 €`` matches whatever space babel puts before the sign);
- any other block is run as a script; when a ```text block follows it (blank lines only in
  between), that block is what the script must print, compared line by line with whitespace
  normalised.

Anything that is not meant to run is fenced as something else (```text, ```sh, ```toml).
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
from pathlib import Path

import attrs

DOCS = Path(__file__).parent.parent / "docs"

# Each page of the site exists in French (``page.md``, the default language) and in English
# (``page.en.md``); the examples of both must run.
LANGUAGES = ("fr", "en")


def page_in(language: str, page: str) -> Path:
    """The documentation page *page* (``"reglements/presence.md"``) written in *language*."""
    if language not in LANGUAGES:
        raise ValueError(f"no {language!r} pages; the site has {LANGUAGES}")
    if language == "fr":
        return DOCS / page
    return DOCS / (page.removesuffix(".md") + ".en.md")


_FENCE = re.compile(
    r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL
)


@attrs.frozen
class Block:
    """One fenced block of a page: its language, its text and the line its text starts on."""

    lang: str
    body: str
    line: int
    expected_output: str | None = None


@attrs.frozen
class PageRun:
    """What running a page's examples did."""

    scripts: int
    doctests: int
    outputs_checked: int


def blocks(page: Path) -> list[Block]:
    """The python blocks of *page*, each with the ```text block that shows its output, if any."""
    text = page.read_text(encoding="utf-8")
    fences = list(_FENCE.finditer(text))
    found: list[Block] = []
    for index, fence in enumerate(fences):
        if fence.group("lang") != "python":
            continue
        expected = None
        if index + 1 < len(fences):
            following = fences[index + 1]
            between = text[fence.end() : following.start()]
            if following.group("lang") == "text" and not between.strip():
                expected = following.group("body")
        line = text.count("\n", 0, fence.start("body")) + 1
        found.append(Block("python", fence.group("body"), line, expected))
    return found


def _words_by_line(text: str) -> list[list[str]]:
    return [line.split() for line in text.strip().splitlines()]


def run_page(page: Path) -> PageRun:
    """Run every python block of *page*; raise AssertionError naming the page line on a mismatch."""
    namespace: dict[str, object] = {"__name__": f"docs.{page.stem}"}
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    parser = doctest.DocTestParser()
    scripts = doctests = outputs = 0
    for block in blocks(page):
        where = f"{page.name}:{block.line}"
        if block.body.lstrip().startswith(">>>"):
            test = parser.get_doctest(block.body, namespace, where, str(page), block.line - 1)
            report = io.StringIO()
            result = runner.run(test, out=report.write, clear_globs=False)
            assert result.failed == 0, f"{where}: doctest failed\n{report.getvalue()}"
            # DocTest runs on a copy of the namespace; keep what the block defined.
            namespace.update(test.globs)
            doctests += result.attempted
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(block.body, where, "exec"), namespace)
        scripts += 1
        if block.expected_output is not None:
            got = _words_by_line(printed.getvalue())
            want = _words_by_line(block.expected_output)
            assert got == want, (
                f"{where}: the block prints\n{printed.getvalue()}\n"
                f"but the page shows\n{block.expected_output}"
            )
            outputs += 1
    return PageRun(scripts, doctests, outputs)
