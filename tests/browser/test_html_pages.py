"""The web page of a report as a browser shows it: Chromium opens a page built from a sample
Document (tests/browser/sample.py: Thai text, a name that is markup, a wide table, each kind of
chart), prints it to PDF and takes screenshots, and the tests assert on what it rendered.

Screenshots and PDFs are written to the test's folder; set GHGCALC_BROWSER_OUT=folder to keep them.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import i18n
from ghgcalc.reports.render_html import render
from tests.browser import sample
from tests.browser.conftest import CHART_TEXT, DESKTOP, PHONE, keep, pdf_page_sizes, pdf_pages
from tests.io.test_render_html import contrast

A4 = (595.3, 841.9)  # points
SECTIONS = ("สรุปผล", "ตาราง GPC", "แนวโน้ม", "แผนลดก๊าซ")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    i18n.set_language("th")
    try:
        path = tmp_path_factory.mktemp("html") / "sample.html"
        path.write_text(render(sample.document()), encoding="utf-8")
    finally:
        i18n.set_language("en")
    return path


def png_size(path: Path) -> tuple[int, int]:
    with path.open("rb") as handle:
        head = handle.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


# --- nothing leaves the file, nothing goes wrong --------------------------------------------------


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_page_requests_nothing_and_reports_no_error(visit: Any, page_file: Path, width: int) -> None:
    seen = visit(page_file, width)
    assert seen.requests == [seen.url]
    assert seen.problems == [] and seen.errors == []
    # the hostile names are text on the page, not elements
    assert seen.page.locator("script, img, iframe").count() == 0
    assert sample.HOSTILE in seen.page.locator("h1").inner_text()


def test_the_checks_see_a_request_and_a_blocked_load(visit: Any, tmp_path: Path) -> None:
    """The two checks above can fail: a page that loads an image is seen requesting it, and with
    the page's Content-Security-Policy the same image is refused and reported on the console."""
    plain = tmp_path / "plain.html"
    plain.write_text('<!DOCTYPE html><html lang="en"><body><img src="http://127.0.0.1:9/x.png" alt=""></body></html>')
    seen = visit(plain)
    assert seen.other_requests == ["http://127.0.0.1:9/x.png"]
    guarded = tmp_path / "guarded.html"
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    guarded.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="{csp}">'
        '</head><body><img src="http://127.0.0.1:9/x.png" alt=""><script>console.log(1)</script></body></html>'
    )
    seen = visit(guarded)
    assert seen.other_requests == []
    blocked = " ".join(words for kind, words in seen.problems if kind == "error")
    assert "Content Security Policy" in blocked and "127.0.0.1:9/x.png" in blocked


# --- printed ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(browser: Any, page_file: Path, poppler: None) -> Path:
    page = browser.new_page()
    page.goto(page_file.resolve().as_uri())
    pdf = page_file.with_suffix(".pdf")
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()
    keep(pdf)
    return pdf


def test_the_printed_page_has_the_totals_and_the_thai_text(printed: Path) -> None:
    text = "\n".join(pdf_pages(printed))
    assert sample.TOTAL_TEXT in text  # 1,850,001.50, added up by hand in sample.py
    assert "1,000,000.25" in text and "600,000.50" in text and "250,000.75" in text
    for words in ("รายงานก๊าซเรือนกระจก", "จังหวัดตัวอย่าง", "ประเภทที่ 1", "ปีงบประมาณ 2567", *SECTIONS):
        assert words in text, words
    assert sample.HOSTILE in text  # printed as the text it is


def test_each_section_starts_a_page_and_a_wide_table_is_printed_landscape(printed: Path) -> None:
    pages = pdf_pages(printed)
    sizes = pdf_page_sizes(printed)
    assert len(pages) == len(sizes) >= len(SECTIONS)
    starts = []
    for title in SECTIONS:
        found = [n for n, page in enumerate(pages) if re.search(rf"^\s*{re.escape(title)}\s*$", page, re.M)]
        assert found, title
        starts.append(found[0])
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for start in starts[1:]:  # the heading is the page's first line
        first_line = next(line for line in pages[start].splitlines() if line.strip())
        assert first_line.strip() in SECTIONS
    portrait, landscape = A4, (A4[1], A4[0])
    for n, size in enumerate(sizes):
        wide = starts[1] <= n < starts[2]  # the GPC section has the 8-column table
        assert size == pytest.approx(landscape if wide else portrait, abs=1), (n, size)


def test_a_printed_table_row_is_never_split_and_its_heading_repeats(printed: Path) -> None:
    pages = [page for page in pdf_pages(printed) if "ส่วนย่อยของ" in page]
    assert len(pages) >= 2  # the GPC table runs over a page break
    rows = 0
    for page in pages:
        assert "ภาคส่วน / Sub-sector" in page  # the heading row, on each page of the table
        # a sub-sector's name and its numbers are on one page: each row's first number is beside it
        for match in re.finditer(r"ส่วนย่อยของ (I|II|III|IV|V)\b", page):
            line = page[match.start() : page.index("\n", match.start())]
            assert re.search(r"\d{1,3}(,\d{3})*\.\d\d", line), line
            rows += 1
    assert rows == 5


# --- on the screen -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_screenshots_and_nothing_wider_than_the_screen(visit: Any, page_file: Path, tmp_path: Path, width: int) -> None:
    seen = visit(page_file, width)
    page = seen.page
    shot = tmp_path / f"sample-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    keep(shot)
    assert png_size(shot)[0] == width and png_size(shot)[1] > 2000
    # the page never scrolls sideways; a table wider than the screen scrolls inside its box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    overflowing = page.evaluate(
        "Array.from(document.querySelectorAll('.table-wrap')).filter(w => w.scrollWidth > w.clientWidth + 1)"
        ".map(w => w.querySelector('table').id)"
    )
    if width == PHONE:
        assert "table-gpc" in overflowing
    else:
        assert overflowing == []


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_chart_text_leaves_its_drawing(visit: Any, page_file: Path, width: int) -> None:
    """Measured on the glyphs the browser drew (getBBox), in every chart of the page."""
    charts = visit(page_file, width).page.evaluate(CHART_TEXT)
    assert len(charts) == 5
    for chart in charts:
        for t in chart["texts"]:
            inside = t["left"] >= -0.5 and t["right"] <= chart["width"] + 0.5
            inside = inside and t["top"] >= -0.5 and t["bottom"] <= chart["height"] + 0.5
            assert inside, (chart["label"][:40], t)


def test_chart_text_is_readable_on_a_phone(visit: Any, page_file: Path) -> None:
    charts = visit(page_file, PHONE).page.evaluate(CHART_TEXT)
    smallest = min(t["size"] for chart in charts for t in chart["texts"])
    assert smallest >= 11.5  # CSS pixels: a 12-unit label shown at least this big on a 390 px phone


def test_thai_is_drawn_with_a_font_that_has_thai_letters(visit: Any, page_file: Path) -> None:
    page = visit(page_file).page
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    used = {}
    for selector in ("h1", "#s-summary-title", "svg text"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        used[selector] = {f["familyName"]: f["glyphCount"] for f in fonts}
    thai_fonts = {"Sarabun", "Noto Sans Thai", "Leelawadee UI", "Thonburi", "Tahoma", "Loma", "Garuda"}
    for selector, fonts in used.items():
        assert thai_fonts & set(fonts), (selector, fonts)  # a font of the page's stack drew the Thai


# --- for every reader ----------------------------------------------------------------------------------


def test_the_browser_reads_the_tables_and_charts_as_their_roles(visit: Any, page_file: Path) -> None:
    page = visit(page_file).page
    for chart in (c for s in sample.document().sections for c in s.charts):
        assert page.get_by_role("img", name=chart.alt, exact=True).count() == 1
    table = page.get_by_role("table", name="ตารางการรายงานตาม GPC", exact=True)
    assert table.count() == 1
    assert table.get_by_role("columnheader").count() == 8
    assert table.get_by_role("rowheader", name="ส่วนย่อยของ III", exact=True).count() == 1
    assert page.get_by_role("region", name="การปล่อยแยกตามประเภท", exact=True).count() == 1
    assert page.get_by_role("navigation").get_by_role("link").count() == len(SECTIONS)


def test_the_numbers_are_right_aligned_and_the_colours_as_rendered_meet_aa(visit: Any, page_file: Path) -> None:
    page = visit(page_file).page
    style = "(e, p) => getComputedStyle(e)[p]"
    assert page.locator("#table-gpc tbody td.num").first.evaluate(style, "textAlign") == "right"

    def rgb(css: str) -> str:
        r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
        return f"#{r:02x}{g:02x}{b:02x}"

    background = rgb(page.locator("body").evaluate(style, "backgroundColor"))
    head = rgb(page.locator("#table-gpc thead th").first.evaluate(style, "backgroundColor"))
    checks = {
        "p": background,
        ".subtitle": background,
        ".notes li": background,
        "summary": background,
        "footer p": background,
        "nav a": background,
        "#table-gpc thead th": head,
    }
    for selector, behind in checks.items():
        colour = rgb(page.locator(selector).first.evaluate(style, "color"))
        assert contrast(colour, behind) >= 4.5, (selector, colour, behind)
