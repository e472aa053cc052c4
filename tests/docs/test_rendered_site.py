"""The built site in a real browser: the home page and a commune page, in French and English.

The site is built with ``mkdocs build --strict`` into a temporary folder, served on the loopback
address, and each page is rendered by headless Chromium (``--dump-dom``); the rendered DOM must
hold the commune's pictures (SVG with their titles) and its tariff grid as a table. Where no
Chromium is installed, or the documentation's packages are not, the test is skipped with the
reason (shown by ``-ra``).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
_BUILD_TIMEOUT = 600  # seconds: the API reference makes the build slow on a busy machine
_PAGE_TIMEOUT = 120


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _missing() -> str | None:
    """Why the test cannot run here, or None."""
    if _chromium() is None:
        return "no Chromium browser (chromium) on this machine"
    for module in ("mkdocs", "mkdocs_static_i18n", "material", "mkdocstrings"):
        if importlib.util.find_spec(module) is None:
            return f"the documentation's packages are not installed ({module}): pip install .[docs]"
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base address of the freshly built site, served until the tests are done."""
    reason = _missing()
    if reason is not None:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("site")
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        # The build's hook imports this checkout's package, not another installed copy.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    built = subprocess.run(
        [*command, "--site-dir", str(folder)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=_BUILD_TIMEOUT,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _rendered(url: str, profile: Path) -> str:
    """The DOM of *url* once Chromium has loaded it and run its scripts."""
    chromium = _chromium()
    assert chromium is not None
    shown = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=_PAGE_TIMEOUT,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr[-2000:]
    return shown.stdout


_FRENCH = {
    "plot": "<title>« Restauration scolaire » : prix selon le quotient familial</title>",
    "week": "<title>« Restauration scolaire » : délais de la semaine du lun. 30 sept.</title>",
    "row": "<td>tarif 2</td>",
    "price": "0,85",
    "home": "<title>« Repas » : délais de la semaine du lun. 23 sept.</title>",
}
_ENGLISH = {
    "plot": "<title>« Restauration scolaire »: price by quotient familial</title>",
    "week": "<title>« Restauration scolaire »: deadlines of the week of Mon 30 Sep</title>",
    "row": "<td>tarif 2</td>",
    "price": "€0.85",
    "home": "<title>« Repas »: deadlines of the week of Mon 23 Sep</title>",
}


@pytest.mark.parametrize(("prefix", "words"), [("", _FRENCH), ("en/", _ENGLISH)], ids=["fr", "en"])
def test_the_pages_render_with_their_pictures(
    site: str, tmp_path: Path, prefix: str, words: dict[str, str]
) -> None:
    home = _rendered(f"{site}/{prefix}", tmp_path / "home")
    assert "<h1" in home
    assert 'href="communes/paris/"' in home
    # The home page shows Saint-Just-d'Avray's week of deadlines, drawn when the site was built.
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="deadline-week" role="img"' in home
    assert words["home"] in home
    paris = _rendered(f"{site}/{prefix}communes/paris/", tmp_path / "paris")
    for picture in ("tariff-step-plot", "deadline-week"):
        assert f'<svg xmlns="http://www.w3.org/2000/svg" class="{picture}" role="img"' in paris
    assert words["plot"] in paris
    assert words["week"] in paris
    # The grid is a real table, with the published prices.
    assert "<table>" in paris
    assert words["row"] in paris
    assert words["price"] in paris
