"""The inventory report (reports/inventory_report.py): one Document per organisation inventory,
showing the numbers of the JSON result (docs/reports.md, "The web page").

The municipality's numbers are compared with the JSON of the same run (what the report must
repeat); the small town's are worked out by hand from the inputs written below.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import api, i18n
from ghgcalc.core.analysis import Settings
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.document import Document, Section, Table
from ghgcalc.reports.inventory_report import document
from tests import municipality_by_hand as by_hand
from tests.helpers import ghgcalc, write

ROOT = Path(__file__).resolve().parents[2]
MUNICIPALITY = ROOT / "examples" / "municipality.yaml"
DRAWS = "2000"  # fewer than the default: the test compares, it does not need the precision

# Custom factors only, so every number below is a hand computation:
#   grid  10,000 kWh x 0.5 kg CO2/kWh                       = 5 t           (scope 2)
#   fuel   1,234 L   x 2.0 kg CO2/L                         = 2.468 t       (scope 1)
#   wood     200 kg  x 0.001 kg CH4/kg x 28 (AR5, CH4)      = 0.0056 tCO2e  (scope 1)
#            200 kg  x 1.5 kg biogenic CO2/kg               = 0.3 t, reported separately
# Scope 1 = 2.4736, scope 2 = 5, total 7.4736; TGO Fr-05 rounds up: 3 and 5, 8 in all.
# Intensity per staff (100): 0.074736 exact, 8 / 100 = 0.08 from the rounded tonnes.
TOWN = """ghgcalc: 1
name: {name}
period: 2567
output: {{amount: 100, unit: staff}}
organization: {{type: town-municipality, province: Example Province}}
custom_factors:
  - {{key: grid, per: kWh, kg: {{CO2: 0.5}}, source: "test grid, table 1"}}
  - {{key: fuel, per: L, kg: {{CO2: 2.0}}, source: test fuel}}
  - {{key: wood, per: kg, kg: {{CO2_biogenic: 1.5, CH4: 0.001}}, source: test wood}}
activities:
  - {{activity: grid, category: electricity, amount: 10000, unit: kWh, scope: 2, label: Offices}}
  - {{activity: fuel, category: vehicles, amount: 1234, unit: L, scope: 1, label: "{label}"}}
  - {{activity: wood, category: kitchen, amount: 200, unit: kg, scope: 1}}
"""


def town(tmp_path: Path, name: str = "Test town", label: str = "Vehicles") -> Path:
    return write(tmp_path, "town.yaml", TOWN.format(name=name, label=label))


def compute(path: Path, uncertainty: bool = False) -> InventoryResult:
    settings = Settings(draws=int(DRAWS), seed=1) if uncertainty else None
    result = api.compute_file(str(path), api.Options(analysis=settings)).result
    assert result is not None
    return result


def json_result(tmp_path: Path, path: Path, *extra: str) -> dict[str, Any]:
    run = ghgcalc(tmp_path, "compute", str(path), "-f", "json", *extra)
    assert run.code == 0, run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def section(doc: Document, key: str) -> Section:
    found = [s for s in doc.sections if s.key == key]
    assert len(found) == 1, [s.key for s in doc.sections]
    return found[0]


def table_of(doc: Document, key: str) -> Table:
    found = [t for s in doc.sections for t in s.tables if t.key == key]
    assert len(found) == 1, key
    return found[0]


def column(table: Table, index: int) -> list[Any]:
    return [row.cells[index] for row in table.rows]


# --- the municipality: the JSON's numbers --------------------------------------------------------


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("plain")
    return document([compute(MUNICIPALITY)]), json_result(tmp, MUNICIPALITY)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("analysed")
    data = json_result(tmp, MUNICIPALITY, "--uncertainty", "--draws", DRAWS, "--seed", "1")
    return document([compute(MUNICIPALITY, uncertainty=True)]), data


def test_summary_facts(plain: tuple[Document, dict[str, Any]]) -> None:
    doc, data = plain
    facts = {fact.label: fact.value for fact in doc.facts}
    assert doc.title == data["name"]
    assert facts["Type of local government"] == "Subdistrict municipality (เทศบาลตำบล)"
    assert facts["Province"] == "จังหวัดตัวอย่าง (Example Province)"
    assert facts["Period"].startswith("fiscal year 2567")  # FY2567 as written: B.E.
    assert facts["GWP"] == f"{data['gwp']} (100-year)"
    for factor_set in data["factor_sets"]:
        assert f"{factor_set['id']}@{factor_set['version']}" in facts["Factor sets"]
        assert any(factor_set["sha256"] in note for note in doc.source_notes)


def test_scopes_equal_the_json_and_round_up_as_tgo_does(plain: tuple[Document, dict[str, Any]]) -> None:
    doc, data = plain
    scopes = table_of(doc, "by-scope")
    by_scope = data["by_scope_t_co2e"]
    assert column(scopes, 1)[:3] == [by_scope.get(str(scope), 0.0) for scope in (1, 2, 3)]
    assert column(scopes, 1)[4] == data["total_t_co2e"]
    # TGO Fr-05: ROUNDUP(x, 0) per scope, the totals sums of the rounded scopes
    rounded = [math.ceil(by_scope[str(scope)]) for scope in (1, 2, 3)]
    assert column(scopes, 2) == [*rounded, rounded[0] + rounded[1], sum(rounded)]
    # the scopes of examples/municipality.yaml computed by hand from TGO's factors (tests/municipality_by_hand.py)
    assert by_scope == pytest.approx(by_hand.BY_SCOPE_T_CO2E, rel=1e-12)
    assert rounded == [math.ceil(by_hand.BY_SCOPE_T_CO2E[s]) for s in "123"] == [108, 196, 21]
    assert column(scopes, 4)[:3] == [by_scope[str(s)] / data["total_t_co2e"] for s in (1, 2, 3)]
    separate = table_of(doc, "separately-reported")
    assert separate.rows[-1].cells[1] == sum(data["separately_reported_t_co2e"].values())


def test_every_line_as_the_json_has_it(plain: tuple[Document, dict[str, Any]]) -> None:
    doc, data = plain
    lines = table_of(doc, "lines")
    titles = [c.title for c in lines.columns]
    assert len(lines.rows) == len(data["lines"])
    for row, line in zip(lines.rows, data["lines"], strict=True):
        cells = dict(zip(titles, row.cells, strict=True))
        assert cells["Activity"] == line["activity"]
        assert cells["Emission source"] == (line["label"] or line["factor"].get("name") or line["activity"])
        assert cells["Amount"] == line["amount"]
        assert cells["Unit"] == line["unit"]
        assert cells["Scope"] == line["scope"]
        assert cells["tCO2e"] == line["t_co2e"]
        assert cells["Factor key"] == line["factor"]["key"]
        assert cells["Factor set"] == f"{line['factor']['set']}@{line['factor']['version']}"
    assert math.fsum(column(lines, titles.index("tCO2e"))) == pytest.approx(data["total_t_co2e"], rel=1e-15)


def test_largest_sources_and_their_chart(plain: tuple[Document, dict[str, Any]]) -> None:
    doc, data = plain
    top = sorted((line["t_co2e"] for line in data["lines"]), reverse=True)[:10]
    largest = table_of(doc, "largest")
    assert column(largest, 3) == top
    chart = section(doc, "largest-sources").charts[0]
    assert chart.kind == "bar" and chart.series[0].values == tuple(top)
    assert f"{top[0]:,.2f}" in chart.alt
    pie = section(doc, "emissions").charts[0]
    assert pie.kind == "pie" and sum(v or 0.0 for v in pie.series[0].values) == pytest.approx(data["total_t_co2e"])
    assert all(f"{value:,.2f}" in pie.alt for value in data["by_scope_t_co2e"].values())


def test_factor_provenance(plain: tuple[Document, dict[str, Any]]) -> None:
    doc, data = plain
    factors = table_of(doc, "factors")
    titles = [c.title for c in factors.columns]
    rows = {(row.cells[1], row.cells[0]): dict(zip(titles, row.cells, strict=True)) for row in factors.rows}
    for line in data["lines"]:
        factor = line["factor"]
        cited = rows[(f"{factor['set']}@{factor['version']}", factor["key"])]
        assert cited["Source"] == factor["source"]
    # each set's document: the publisher (TGO) first, then the set's title and edition, and its hash
    sets = table_of(doc, "factor-sets")
    assert column(sets, 0) == [f"{s['id']}@{s['version']}" for s in data["factor_sets"]]
    assert column(sets, 1)[0].startswith("Thailand Greenhouse Gas Management Organization")
    assert "Emission Factor CFO" in column(sets, 1)[0]
    assert column(sets, 3) == [s["sha256"] for s in data["factor_sets"]]


def anchors(doc: Document) -> list[str]:
    """The keys of a document's sections, tables and charts: the ids of a web page's anchors."""
    keys = [s.key for s in doc.sections] + [t.key for s in doc.sections for t in s.tables]
    return keys + [c.key for s in doc.sections for c in s.charts]


def test_every_anchor_is_named_once(analysed: tuple[Document, dict[str, Any]]) -> None:
    keys = anchors(analysed[0])
    assert all(keys) and len(keys) == len(set(keys))


def test_data_quality_without_uncertainty(plain: tuple[Document, dict[str, Any]]) -> None:
    doc, data = plain
    assert [s.key for s in doc.sections if s.key in ("uncertainty", "key-category-analysis")] == []
    quality = data["data_quality"]
    assert column(table_of(doc, "data-quality-tiers"), 2) == list(quality["lines_by_source"].values())
    grades = table_of(doc, "data-quality-grades")
    assert column(grades, 1) == list(quality["lines_by_activity_grade"].values())
    assert column(grades, 2) == list(quality["lines_by_factor_grade"].values())
    verifier = table_of(doc, "data-quality-verifier")
    assert [(r.cells[1], r.cells[0]) for r in verifier.rows] == [
        (v["line"], v["name"]) for v in quality["for_verifier"]
    ]


def test_uncertainty_totals_equal_the_json(analysed: tuple[Document, dict[str, Any]]) -> None:
    doc, data = analysed
    first, carlo = data["uncertainty"]["approach_1"], data["uncertainty"]["monte_carlo"]
    totals = table_of(doc, "uncertainty-totals")
    total = totals.rows[0].cells
    assert total[1:] == (
        data["total_t_co2e"],
        first["total_pct"],
        carlo["mean_t_co2e"],
        carlo["low_t_co2e"],
        carlo["high_t_co2e"],
        carlo["low_pct"],
        carlo["high_pct"],
    )
    for row, (scope, value) in zip(totals.rows[1:], data["by_scope_t_co2e"].items(), strict=True):
        spread = carlo["by_scope"][scope]
        assert row.cells[1:] == (
            value,
            first["by_scope_pct"][scope],
            spread["mean_t_co2e"],
            spread["low_t_co2e"],
            spread["high_t_co2e"],
            spread["low_pct"],
            spread["high_pct"],
        )
    paragraphs = " ".join(section(doc, "uncertainty").paragraphs)
    assert f"{carlo['draws']:,} draws, seed {carlo['seed']}" in paragraphs


def test_table_3_2_equals_the_json(analysed: tuple[Document, dict[str, Any]]) -> None:
    doc, data = analysed
    expected = data["uncertainty"]["table_3_2"]
    found = table_of(doc, "table-3-2")
    letters = [c.title.split(":")[0] for c in found.columns]
    assert letters == list("ABDEFGH")  # no base year: IPCC's year columns only
    names = {
        "A": "category",
        "D": "t_co2e",
        "E": "activity_pct",
        "F": "factor_pct",
        "G": "combined_pct",
        "H": "variance_contribution",
    }
    rows = found.rows[: len(expected["rows"])]
    for row, item in zip(rows, expected["rows"], strict=True):
        cells = dict(zip(letters, row.cells, strict=True))
        assert {letter: cells[letter] for letter in names} == {letter: item[name] for letter, name in names.items()}
    uncertain = dict(zip(letters, found.rows[-1].cells, strict=True))
    assert uncertain["G"] == expected["total_pct"]


def test_key_categories_and_data_quality_equal_the_json(analysed: tuple[Document, dict[str, Any]]) -> None:
    doc, data = analysed
    found = table_of(doc, "key-categories")
    titles = [c.title for c in found.columns]
    assert len(found.rows) == len(data["key_categories"])
    for row, item in zip(found.rows, data["key_categories"], strict=True):
        cells = dict(zip(titles, row.cells, strict=True))
        assert (cells["Category"], cells["tCO2e"], cells["Level share"], cells["Cumulative"]) == (
            item["category"],
            item["t_co2e"],
            item["level_share"],
            item["cumulative"],
        )
        assert cells["Uncertainty, ± %"] == item["uncertainty_pct"]
        assert (cells["Key by"] != "-") == item["key"]
    key = sum(1 for item in data["key_categories"] if item["key"])
    assert section(doc, "key-category-analysis").paragraphs[0].startswith(f"{key} of {len(data['key_categories'])}")
    quality = data["data_quality"]
    assert column(table_of(doc, "data-quality-tiers"), 2) == list(quality["lines_by_source"].values())
    assert f"{quality['score_points']:.2f} of 3" in " ".join(section(doc, "data-quality").paragraphs)


# --- by hand: a small town -----------------------------------------------------------------------


def test_town_by_hand(tmp_path: Path) -> None:
    doc = document([compute(town(tmp_path))])
    scopes = table_of(doc, "by-scope")
    assert column(scopes, 1) == [pytest.approx(2.4736), 5.0, 0.0, pytest.approx(7.4736), pytest.approx(7.4736)]
    assert column(scopes, 2) == [3, 5, 0, 8, 8]
    separate = table_of(doc, "separately-reported")
    assert [row.cells[:2] for row in separate.rows] == [
        ("Biogenic CO2", pytest.approx(0.3)),
        ("Other (reported separately)", pytest.approx(0.3)),
    ]
    assert separate.rows[-1].cells[2] == 1  # 0.3 t rounded up
    intensity = table_of(doc, "intensity")
    assert column(intensity, 1) == [pytest.approx(0.074736), pytest.approx(0.074736)]
    assert column(intensity, 2) == [pytest.approx(0.08), pytest.approx(0.08)]
    assert "per staff" in intensity.columns[1].title
    facts = {fact.label: fact.value for fact in doc.facts}
    assert facts["Type of local government"] == "Town municipality (เทศบาลเมือง)"
    assert facts["Period"] == "2567 (1 Jan 2567 – 31 Dec 2567)"
    # no analysis and no grades: no uncertainty, key-category or data-quality section
    assert not {"uncertainty", "key-category-analysis", "data-quality"} & {s.key for s in doc.sections}


def test_text_from_the_input_is_kept_as_written(tmp_path: Path) -> None:
    """The Document holds user text as it is; each renderer escapes it for its format."""
    doc = document([compute(town(tmp_path, name="<script>alert(1)</script>", label="=SUM(A1)"))])
    assert doc.title == "<script>alert(1)</script>"
    assert "=SUM(A1)" in column(table_of(doc, "lines"), 0)


def test_thai_labels_and_buddhist_years(tmp_path: Path) -> None:
    result = compute(MUNICIPALITY)
    i18n.set_language("th")
    doc = document([result])
    assert doc.language == "th"
    facts = {fact.label: fact.value for fact in doc.facts}
    assert facts["ช่วงเวลา"] == "ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)"
    assert facts["ประเภทองค์กรปกครองส่วนท้องถิ่น"] == "เทศบาลตำบล"
    assert section(doc, "emissions").title == "การปล่อยก๊าซเรือนกระจกแยกตามประเภท"
    assert column(table_of(doc, "by-scope"), 0)[0] == "ประเภทที่ 1 การปล่อยทางตรง"
    assert section(doc, "all-lines").title == "ทุกรายการ"
    # every section title and worded column title is Thai; the numbers are the English run's
    i18n.set_language("en")
    plain = document([result])
    for thai_section, english_section in zip(doc.sections, plain.sections, strict=True):
        assert thai_section.title != english_section.title
        for thai_table, english_table in zip(thai_section.tables, english_section.tables, strict=True):
            for thai_column, english_column in zip(thai_table.columns, english_table.columns, strict=True):
                if any(c.isalpha() and c.isascii() for c in english_column.title.split(":")[-1]):
                    symbols = {"tCO2e", "sha256", "TGO Fr-04.1"}
                    assert thai_column.title != english_column.title or english_column.title in symbols
            for thai_row, english_row in zip(thai_table.rows, english_table.rows, strict=True):
                numbers = [c for c in english_row.cells if isinstance(c, float | int)]
                assert [c for c in thai_row.cells if isinstance(c, float | int)] == numbers


def test_several_inventories_a_section_each(tmp_path: Path) -> None:
    first = compute(town(tmp_path))
    second = compute(MUNICIPALITY)
    doc = document([first, second])
    heads = [s for s in doc.sections if s.key in ("inventory-1", "inventory-2")]
    assert [s.title for s in heads] == [first.name, second.name]
    assert heads[0].facts and heads[1].facts
    # a name never stands alone on a printed page: its section holds the inventory's first part
    assert next(t.key for t in heads[0].tables) == "inventory-1-by-scope"
    keys = anchors(doc)
    assert all(keys) and len(keys) == len(set(keys)), "every anchor of the page is unique"
    scopes = [t for s in doc.sections for t in s.tables if t.key.endswith("-by-scope")]
    assert [t.rows[-1].cells[1] for t in scopes] == [first.total_t_co2e, second.total_t_co2e]
    # a section's title names its inventory
    assert section(doc, "inventory-2-all-lines").title.endswith(second.name)


def test_a_community_inventory_is_laid_out_in_the_gpc_tables(tmp_path: Path) -> None:
    """A province's page is the GPC report's (reports/gpc_report.py); beside a municipality, each
    keeps its own layout on the one page."""
    province = compute(ROOT / "examples" / "province.yaml")
    alone = document([province])
    assert "gpc-by-sector" in [t.key for s in alone.sections for t in s.tables]
    both = document([province, compute(MUNICIPALITY)])
    keys = [t.key for s in both.sections for t in s.tables]
    assert "inventory-1-gpc-by-sector" in keys and "inventory-2-by-scope" in keys
    assert "inventory-1-by-scope" not in keys
