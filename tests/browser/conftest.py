"""A real browser for the web pages' tests: the system's headless Chromium (Debian's `chromium`,
installed by .ci/run), driven by Playwright from PyPI with `executable_path`, so no browser is
downloaded. Every page is opened with all requests intercepted: the page's own file is served,
anything else is refused and recorded, and so are console messages and script errors.

The tests are skipped, saying why, where there is no Chromium or no Playwright; .ci/run installs both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DESKTOP, PHONE = 1280, 390


def chromium_binary() -> str | None:
    """$GHGCALC_CHROMIUM, else the first Chromium on PATH."""
    named = os.environ.get("GHGCALC_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Visit:
    """What happened while a page was open."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)  # every request the page made, its own included
    console: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    errors: list[str] = field(default_factory=list)  # uncaught script errors

    @property
    def other_requests(self) -> list[str]:
        return [r for r in self.requests if r != self.url]

    @property
    def problems(self) -> list[tuple[str, str]]:
        return [(kind, words) for kind, words in self.console if kind in ("error", "warning")]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    binary = chromium_binary()
    if binary is None:
        pytest.skip(
            f"no Chromium found ({', '.join(CANDIDATES)} or $GHGCALC_CHROMIUM); .ci/run installs Debian's chromium"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
    )
    with sync_api.sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
        launched = playwright.chromium.launch(executable_path=binary, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """visit(path, width) opens a file at a window width and returns its Visit."""
    contexts = []

    def open_page(path: Path, width: int = DESKTOP, height: int = 900) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        contexts.append(context)
        page = context.new_page()
        url = path.resolve().as_uri()
        seen = Visit(page, url)

        def route(request_route: Any) -> None:
            seen.requests.append(request_route.request.url)
            if request_route.request.url == url:
                request_route.continue_()
            else:
                request_route.abort()

        page.route("**/*", route)
        page.on("console", lambda message: seen.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        page.goto(url, wait_until="load")
        return seen

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def poppler() -> None:
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} not found (Debian: poppler-utils, which .ci/run installs)")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext lays it out."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def pdf_page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            words = line.split("size:")[1].split()
            sizes.append((float(words[0]), float(words[2])))
    return sizes


def keep(path: Path) -> None:
    """Copy a screenshot or PDF to $GHGCALC_BROWSER_OUT, to look at after the run."""
    folder = os.environ.get("GHGCALC_BROWSER_OUT")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


# Run in the page: every <text> of every chart against its drawing's box (in the drawing's units),
# and the smallest text as shown on the screen, in CSS pixels.
CHART_TEXT = """
() => Array.from(document.querySelectorAll('svg[role="img"]')).map(svg => {
  const box = svg.viewBox.baseVal;
  const scale = svg.getBoundingClientRect().width / box.width;
  const texts = Array.from(svg.querySelectorAll('text')).map(t => {
    const b = t.getBBox();
    return {text: t.textContent, left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height,
            size: parseFloat(t.getAttribute('font-size')) * scale};
  });
  return {label: svg.getAttribute('aria-label'), width: box.width, height: box.height, texts: texts};
})
"""
