"""`ghgcalc compute x.yaml --format html [-o page.html]`: one self-contained web page for the
inventories of the run, in its language, with the numbers of the JSON result (docs/reports.md,
"The web page").

The page is read back with the standard library's HTML parser: what a browser would show in each
table cell, by the table's id. The numbers expected are the JSON result's, of the same run.
"""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ghgcalc.reports.render_html import cell_text
from tests import municipality_by_hand as by_hand
from tests.helpers import USAGE, ghgcalc, write

ROOT = Path(__file__).resolve().parents[2]
MUNICIPALITY = str(ROOT / "examples" / "municipality.yaml")
DRAWS = ("--draws", "2000", "--seed", "1")

TOWN = """ghgcalc: 1
name: "{name}"
period: 2024
custom_factors:
  - {{key: grid, per: kWh, kg: {{CO2: 0.5}}, source: test grid}}
activities:
  - {{activity: grid, amount: 1000, unit: kWh, scope: 2, label: "{label}"}}
"""


class Page(HTMLParser):
    """The text of every table cell, by table id, and every tag and attribute of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "table":
            self._table = found.get("id") or f"table-{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def table(page: Page, key: str) -> list[list[str]]:
    """A table's body rows (the header row left out), found by the key it was built with."""
    found = [rows for name, rows in page.tables.items() if name.endswith(key)]
    assert len(found) == 1, (key, list(page.tables))
    return found[0][1:]


def run_json(tmp_path: Path, *args: str) -> dict[str, Any]:
    run = ghgcalc(tmp_path, "compute", *args, "-f", "json")
    assert run.code == 0, run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def run_html(tmp_path: Path, *args: str) -> str:
    run = ghgcalc(tmp_path, "compute", *args, "-f", "html")
    assert run.code == 0, run
    return run.stdout


def test_the_page_shows_the_numbers_of_the_json(tmp_path: Path) -> None:
    data = run_json(tmp_path, MUNICIPALITY)
    html = run_html(tmp_path, MUNICIPALITY)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    page = read(html)
    scopes = table(page, "by-scope")
    shown = [row[1] for row in scopes]
    by_scope = [data["by_scope_t_co2e"][str(scope)] for scope in (1, 2, 3)]
    total = data["total_t_co2e"]
    assert shown[:3] == [cell_text(value, "tonnes") for value in by_scope]
    assert shown[4] == cell_text(total, "tonnes")
    # TGO Fr-05: each scope rounded up to a whole tonne (107.38 -> 108 ...), the totals sums of those; the
    # scopes computed by hand from TGO's factors (tests/municipality_by_hand.py), not read off the JSON
    whole = [math.ceil(by_hand.BY_SCOPE_T_CO2E[scope]) for scope in "123"]
    assert whole == [108, 196, 21]
    assert [row[2] for row in scopes] == [str(n) for n in (*whole, whole[0] + whole[1], sum(whole))]
    lines = table(page, "lines")
    assert len(lines) == len(data["lines"])
    for row, line in zip(lines, data["lines"], strict=True):
        assert line["activity"] in row and line["unit"] in row
        assert cell_text(line["t_co2e"], "tonnes") in row
        assert cell_text(line["amount"], "number") in row
        assert line["factor"]["key"] in row and f"{line['factor']['set']}@{line['factor']['version']}" in row
    sets = table(page, "factor-sets")
    assert [row[-1] for row in sets] == [s["sha256"] for s in data["factor_sets"]]


def test_each_factor_used_is_shown_with_its_values_as_tgo_prints_them(tmp_path: Path) -> None:
    """A verifier redoes a line from the page: the factors table gave each factor's key, name, unit
    and source but not its numbers. Diesel on road in TGO's CFO factors of April 2022 (sheet "EF TGO
    AR5"): 2.698722 kg CO2, 0.000142038 kg CH4 and 0.000142038 kg N2O per litre; LPG 3.1105963 kg CO2
    per kg; grid electricity 0.4999 kg CO2e per kWh."""
    page = read(run_html(tmp_path, MUNICIPALITY))
    values = {row[0]: row[4].replace("\u00a0", " ") for row in table(page, "factors")}
    assert "CO2\u00a02.698722" in table(page, "factors")[0][4]  # a gas and its value never part
    assert values["diesel-mobile"] == "CO2 2.698722; CH4_fossil 0.000142038; N2O 0.000142038"
    assert values["lpg-stationary"].startswith("CO2 3.1105963; ")
    assert values["diesel-stationary"].endswith("N2O 0.000021852")  # never in exponent form
    assert values["electricity-grid"] == "CO2e 0.4999"


def test_with_uncertainty_the_page_shows_the_analysis_of_the_json(tmp_path: Path) -> None:
    data = run_json(tmp_path, MUNICIPALITY, "--uncertainty", *DRAWS)
    page = read(run_html(tmp_path, MUNICIPALITY, "--uncertainty", *DRAWS))
    first, carlo = data["uncertainty"]["approach_1"], data["uncertainty"]["monte_carlo"]
    total = table(page, "uncertainty-totals")[0]
    assert total[1:] == [
        cell_text(data["total_t_co2e"], "tonnes"),
        cell_text(first["total_pct"], "percent"),
        cell_text(carlo["mean_t_co2e"], "tonnes"),
        cell_text(carlo["low_t_co2e"], "tonnes"),
        cell_text(carlo["high_t_co2e"], "tonnes"),
        cell_text(carlo["low_pct"], "percent"),
        cell_text(carlo["high_pct"], "percent"),
    ]
    rows_3_2 = table(page, "table-3-2")
    for row, item in zip(rows_3_2, data["uncertainty"]["table_3_2"]["rows"], strict=False):
        assert row[0] == item["category"] and cell_text(item["combined_pct"], "percent") in row
    key = table(page, "key-categories")
    assert [row[0] for row in key] == [item["category"] for item in data["key_categories"]]
    verifier = table(page, "data-quality-verifier")
    assert [row[0] for row in verifier] == [item["name"] for item in data["data_quality"]["for_verifier"]]


def test_text_from_the_inventory_is_shown_as_text(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", TOWN.format(name="<script>alert(1)</script>", label="=SUM(A1)"))
    html = run_html(tmp_path, "town.yaml")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = read(html)
    assert not [tag for tag, _ in page.tags if tag == "script"]
    assert any("<script>alert(1)</script>" in part for part in page.text)  # the name, as text
    assert [row[0] for row in table(page, "lines")] == ["=SUM(A1)"]
    # nothing leaves the file: no address to fetch in any src or href
    fetched = [value for _, attrs in page.tags for name, value in attrs.items() if name in ("src", "href")]
    assert all(value is None or value.startswith("#") for value in fetched), fetched


def test_thai_labels_and_buddhist_years(tmp_path: Path) -> None:
    html = run_html(tmp_path, MUNICIPALITY, "--lang", "th")
    page = read(html)
    assert '<html lang="th">' in html
    text = " ".join(page.text)
    assert "ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)" in text
    assert "การปล่อยก๊าซเรือนกระจกแยกตามประเภท" in text  # Emissions by scope
    assert [row[0] for row in table(page, "by-scope")][:3] == [
        "ประเภทที่ 1 การปล่อยทางตรง",
        "ประเภทที่ 2 การปล่อยทางอ้อมจากการใช้พลังงาน",
        "ประเภทที่ 3 การปล่อยทางอ้อมอื่น ๆ",
    ]
    assert "Emissions by scope" not in text and "fiscal year" not in text
    assert not re.search(r"\b2023\b|\b2024\b", text), "years as the inventory wrote them: B.E."


def test_several_inventories_one_page(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", TOWN.format(name="Small town", label="Offices"))
    page = read(run_html(tmp_path, "town.yaml", MUNICIPALITY))
    titles = [tag for tag, _ in page.tags if tag == "h1"]
    assert len(titles) == 1
    text = " ".join(page.text)
    assert "Small town" in text and "เทศบาลตำบลตัวอย่าง" in text
    scopes = [name for name in page.tables if name.endswith("-by-scope")]
    assert len(scopes) == 2  # a section each


def test_output_file_is_never_overwritten(tmp_path: Path) -> None:
    target = write(tmp_path, "page.html", "my own page\n")
    run = ghgcalc(tmp_path, "compute", MUNICIPALITY, "-f", "html", "-o", "page.html")
    assert run.code == USAGE and "page.html" in run.stderr and "--force" in run.stderr, run
    assert target.read_text(encoding="utf-8") == "my own page\n"
    run = ghgcalc(tmp_path, "compute", MUNICIPALITY, "-f", "html", "-o", "page.html", "--force")
    assert run.code == 0 and "wrote page.html" in run.stderr, run
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]  # no temporary file left


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "compute", MUNICIPALITY, "-f", "html", "-o", "page.html")
    assert run.code == 0 and run.stdout == "", run
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert html == run_html(tmp_path, MUNICIPALITY)


def test_html_does_not_show_a_factor_comparison(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "compute", MUNICIPALITY, "-f", "html", "--compare-factors", "tgo-cfo@2020-02")
    assert run.code == USAGE and run.stdout == "", run
    assert "--format html" in run.stderr
