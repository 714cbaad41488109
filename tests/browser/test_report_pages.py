"""The examples' web pages in a real browser, as a province and a city share them: `ghgcalc compute
examples/province.yaml --format html`, the city, a trend over the example province's three years
and `ghgcalc plan examples/plan.yaml`, each in English and in Thai. Chromium opens each page,
prints it and takes screenshots (GHGCALC_BROWSER_OUT=folder keeps them), and the tests check what it
rendered against the same command's JSON result.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ghgcalc.reports.render_html import tonnes_text
from tests.browser.conftest import CHART_TEXT, DESKTOP, PHONE, keep, pdf_pages
from tests.conftest import ROOT
from tests.helpers import ghgcalc

TREND = ("examples/province-2562.yaml", "examples/province-2564.yaml", "examples/province.yaml")
REPORTS = {
    "province": ("compute", "examples/province.yaml"),
    "city": ("compute", "examples/city.yaml"),
    "trend": ("trend", *TREND),
    "plan": ("plan", "examples/plan.yaml"),
}
LANGUAGES = ("en", "th")
THAI = re.compile(r"[\u0e00-\u0e7f]")


def _numbers(report: str, result: dict[str, Any]) -> list[float]:
    """The tonnes a reader looks for first, from the command's JSON result."""
    if report in ("province", "city"):
        gpc = result["gpc"]
        return [gpc["basic_t_co2e"], gpc["basic_plus_t_co2e"], gpc["territorial_t_co2e"]]
    if report == "trend":
        return [year["total_t_co2e"] for year in result["years"]]
    last = result["years"][-1]  # the plan's horizon
    return [last["bau_t_co2e"], last["net_t_co2e"], last["reduction_t_co2e"]]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """pages(report, language): the report's page in that language (made once), with the numbers the
    same command's JSON result gives."""
    folder = tmp_path_factory.mktemp("reports")
    made: dict[tuple[str, str], tuple[Path, list[float]]] = {}

    def page_of(report: str, language: str) -> tuple[Path, list[float]]:
        if (report, language) not in made:
            command = REPORTS[report]
            run = ghgcalc(ROOT, *command, "--format", "json")
            assert run.code == 0, run
            numbers = _numbers(report, json.loads(run.stdout))
            page = folder / f"{report}-{language}.html"
            run = ghgcalc(ROOT, *command, "--format", "html", "-o", str(page), "--lang", language)
            assert run.code == 0, run
            made[report, language] = (page, numbers)
        return made[report, language]

    return page_of


CASES = [(report, language) for report in REPORTS for language in LANGUAGES]
IDS = [f"{report}-{language}" for report, language in CASES]


def _section_titles(page: Any) -> list[str]:
    return page.locator("main > section > h2").all_inner_texts()


def _flat(words: str) -> str:
    return re.sub(r"\s+", "", words)


@pytest.mark.parametrize(("report", "language"), CASES, ids=IDS)
def test_the_page_opens_offline_and_prints_its_numbers_and_sections(
    visit: Any, pages: Any, poppler: None, report: str, language: str
) -> None:
    path, numbers = pages(report, language)
    seen = visit(path)
    assert seen.requests == [seen.url], seen.other_requests
    assert seen.problems == [] and seen.errors == []
    assert seen.page.locator("html").get_attribute("lang") == language
    pdf = path.with_suffix(".pdf")
    seen.page.pdf(path=str(pdf), prefer_css_page_size=True)
    keep(pdf)
    printed = pdf_pages(pdf)
    text = "\n".join(printed)
    for number in numbers:  # as the JSON result has them, to two decimals
        assert tonnes_text(number) in text, (tonnes_text(number), report)
    titles = _section_titles(seen.page)
    assert len(titles) >= 3
    flat = [_flat(page) for page in printed]
    assert _flat(titles[0]) in _flat(text)  # the first section follows the title block
    for title in titles[1:]:  # every other starts a page of its own
        assert any(page.startswith(_flat(title)) for page in flat), title
    if language == "th":
        assert sum(bool(THAI.search(title)) for title in titles) == len(titles), titles
        assert THAI.search(text)


@pytest.mark.parametrize(("report", "language"), CASES, ids=IDS)
def test_the_page_fits_a_phone_and_a_desktop_and_its_charts_keep_their_text(
    visit: Any, pages: Any, report: str, language: str
) -> None:
    path, _ = pages(report, language)
    for width in (DESKTOP, PHONE):
        page = visit(path, width).page
        shot = path.with_name(f"{path.stem}-{width}.png")
        page.screenshot(path=str(shot), full_page=True)
        keep(shot)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        charts = page.evaluate(CHART_TEXT)
        assert charts, "no chart"
        for chart in charts:
            assert chart["label"], "a chart without its text alternative"
            for t in chart["texts"]:
                inside = t["left"] >= -0.5 and t["right"] <= chart["width"] + 0.5
                assert inside and t["top"] >= -0.5 and t["bottom"] <= chart["height"] + 0.5, (chart["label"][:40], t)
                if width == PHONE:
                    assert t["size"] >= 11.5, t
