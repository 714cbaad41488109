"""The community report in the GPC's layout (reports/gpc_report.py): its numbers are the JSON result's.

Every expected number here is read from the JSON that `ghgcalc compute -f json` prints for the same
file, or computed by hand from it and from the inventory's own indicators; none is copied from the
report itself.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import api, i18n
from ghgcalc.reports import gpc_report
from ghgcalc.reports.document import Document, Row, Section, Table
from tests.conftest import ROOT
from tests.helpers import ghgcalc

EXAMPLES = ("examples/province.yaml", "examples/city.yaml")


def computed(path: str | Path) -> tuple[Document, dict[str, Any]]:
    """The report built from the file and the JSON the CLI prints for it."""
    run = ghgcalc(ROOT, "compute", str(path), "-f", "json")
    assert run.code == 0, run
    outcome = api.compute_file(str(path if Path(path).is_absolute() else ROOT / path))
    assert outcome.result is not None
    return gpc_report.document(outcome.result), json.loads(run.stdout)


def section(document: Document, key: str) -> Section:
    return next(s for s in document.sections if s.key == key)


def table(document: Document, key: str) -> Table:
    return next(t for s in document.sections for t in s.tables if t.key == key)


def total_row(found: Table) -> Row:
    (row,) = [row for row in found.rows if row.emphasis == "total"]
    return row


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request: pytest.FixtureRequest) -> tuple[Document, dict[str, Any]]:
    return computed(request.param)


# --- the GPC reporting table ----------------------------------------------------------------------


def test_every_cell_of_the_gpc_table_is_the_json_value_or_its_notation_key(example: tuple[Document, dict]) -> None:
    document, result = example
    gpc = result["gpc"]
    by_ref = gpc["by_reference_t_co2e"]
    rows = gpc["completeness"]
    found = table(document, "gpc-by-sector")
    checked = 0
    for row in found.rows:
        if row.level == 1:  # a sub-sector: its BASIC/BASIC+ sub-categories by scope
            name = row.cells[1]
            for scope, cell in zip((1, 2, 3), row.cells[2:5], strict=True):
                (ref,) = [
                    r for r in rows if r["subsector"] == name and r["scope"] == scope and r["level"] != "territorial"
                ] or [None]
                if ref is None:
                    assert cell is None, (name, scope)  # the GPC has no such sub-category
                    continue
                expected = by_ref.get(ref["ref"], ref["notation_key"])
                assert cell == expected, (ref["ref"], cell, expected)
                checked += 1
        if row.level == 2:  # a territorial-only sub-category on its own row
            assert row.cells[2] == by_ref.get(
                row.cells[0], next(r["notation_key"] for r in rows if r["ref"] == row.cells[0])
            )
    # every BASIC and BASIC+ sub-category is a cell of the table
    assert checked == sum(1 for r in rows if r["level"] in ("basic", "basic+"))


def test_the_totals_are_the_json_totals(example: tuple[Document, dict]) -> None:
    document, result = example
    gpc = result["gpc"]
    total = total_row(table(document, "gpc-by-sector")).cells
    scope_1, scope_2, scope_3, everything, basic, basic_plus = total[2:]
    assert scope_1 == gpc["territorial_t_co2e"]
    assert basic == gpc["basic_t_co2e"]
    assert basic_plus == gpc["basic_plus_t_co2e"]
    # by hand from the JSON: the sub-categories of each level and scope
    levels = {r["ref"]: (r["level"], r["scope"]) for r in gpc["completeness"]}
    by_ref = gpc["by_reference_t_co2e"]
    assert basic == pytest.approx(math.fsum(v for r, v in by_ref.items() if levels[r][0] == "basic"), rel=1e-12)
    assert basic_plus == pytest.approx(
        math.fsum(v for r, v in by_ref.items() if levels[r][0] in ("basic", "basic+")), rel=1e-12
    )
    assert scope_2 == pytest.approx(math.fsum(v for r, v in by_ref.items() if levels[r][1] == 2), rel=1e-12)
    assert scope_3 == pytest.approx(math.fsum(v for r, v in by_ref.items() if levels[r][1] == 3), rel=1e-12)
    assert everything == pytest.approx(result["total_t_co2e"], rel=1e-12)  # every line has a GPC reference
    summary = {row.cells[0]: row.cells[1] for row in table(document, "summary-totals").rows}
    assert summary["GPC BASIC"] == gpc["basic_t_co2e"]
    assert summary["GPC BASIC+"] == gpc["basic_plus_t_co2e"]
    assert summary["Territorial (all scope 1)"] == gpc["territorial_t_co2e"]


def test_each_sector_row_totals_its_json_sector(example: tuple[Document, dict]) -> None:
    document, result = example
    sectors = result["gpc"]["by_sector_t_co2e"]
    rows = [row for row in table(document, "gpc-by-sector").rows if row.emphasis == "subtotal"]
    shown = {row.cells[1]: row.cells[5] for row in rows if row.cells[5] is not None}
    assert shown == sectors


def test_each_notation_key_is_explained_under_the_table(example: tuple[Document, dict]) -> None:
    document, result = example
    notes = "\n".join(table(document, "gpc-by-sector").notes)
    for row in result["gpc"]["completeness"]:
        if row["notation_key"] and row["explanation"]:
            assert row["ref"] in notes and row["explanation"] in notes
    assert "NO not occurring" in notes


# --- IPCC sectors, completeness, provenance -------------------------------------------------------


def test_the_ipcc_sectors_are_the_json_ones_with_each_gpc_row(example: tuple[Document, dict]) -> None:
    document, result = example
    found = table(document, "ipcc-sectors")
    sectors = {row.cells[1]: row.cells[4] for row in found.rows if row.emphasis == "subtotal"}
    for name in ("Energy", "IPPU", "AFOLU", "Waste"):
        assert sectors[name] == result["ipcc_sectors_t_co2e"].get(name)
    assert sectors["Scope 2 and 3 (no IPCC territorial sector)"] == result["outside_ipcc_territorial_t_co2e"]
    # the crosswalk: each scope 1 line's GPC reference is shown with its own IPCC category
    pairs = {(row.cells[0], row.cells[2]) for row in found.rows if row.level == 1 and row.cells[0]}
    for line in result["lines"]:
        if line["scope"] == 1:
            assert (line["ipcc"], line["gpc"]) in pairs
    # scope 2 and 3 rows are outside the IPCC sectors
    outside = {row.cells[2] for row in found.rows if row.level == 1 and not row.cells[0]}
    assert outside == {line["gpc"] for line in result["lines"] if line["scope"] != 1}


def test_the_completeness_table_lists_every_basic_sub_category(example: tuple[Document, dict]) -> None:
    document, result = example
    shown = {row.cells[0]: row for row in table(document, "completeness").rows}
    for row in result["gpc"]["completeness"]:
        if row["level"] in ("basic", "basic+"):
            cells = shown[row["ref"]].cells
            assert cells[5] == row["t_co2e"] and cells[6] == (row["notation_key"] or "")
            assert cells[7] == (row["explanation"] or "")


def test_a_missing_sub_category_is_flagged(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "city.yaml").read_text(encoding="utf-8")
    text = text.replace("  I.7.1: {key: NO}\n", "").replace("include: municipality.yaml\n", "")
    (tmp_path / "city.yaml").write_text(text, encoding="utf-8")
    document, _ = computed(tmp_path / "city.yaml")
    row = next(row for row in table(document, "completeness").rows if row.cells[0] == "I.7.1")
    assert row.cells[8] == "missing: give a value or a notation key"
    assert section(document, "completeness").paragraphs[0].startswith("1 BASIC or BASIC+ sub-categories")
    cell = next(r for r in table(document, "gpc-by-sector").rows if r.cells[0] == "I.7").cells[2]
    assert cell == "missing"
    # and the inventory's warning is in the report too
    assert [row.cells[0] for row in table(document, "warnings").rows] == ["gpc-incomplete"]


def test_the_data_quality_of_graded_lines_is_a_section() -> None:
    document, result = computed("examples/province.yaml")
    quality = section(document, "data-quality")
    assert result["data_quality"] and quality.tables
    assert "issues" not in {s.key for s in document.sections}  # the example computes without warnings


def test_the_factor_sets_and_the_lines_that_used_them(example: tuple[Document, dict]) -> None:
    document, result = example
    sets = {row.cells[0]: row.cells for row in table(document, "factor-sets").rows}
    for used in result["factor_sets"]:
        ref = f"{used['id']}@{used['version']}"
        assert sets[ref][1] == used["title"] and sets[ref][4] == used["sha256"]
    lines = table(document, "factor-lines").rows
    assert [row.cells[0] for row in lines] == list(range(1, len(result["lines"]) + 1))
    assert [row.cells[3] for row in lines] == [line["factor"]["key"] for line in result["lines"]]


# --- the included municipality: a memo, never added ------------------------------------------------


def test_the_included_municipality_is_a_memo_never_added() -> None:
    document, result = computed("examples/city.yaml")
    (memo,) = result["gpc"]["included"]
    assert memo["source"].endswith("municipality.yaml")
    found = table(document, "included-1")
    values = {row.cells[0]: row.cells[2] for row in found.rows if row.emphasis != "total"}
    assert values == memo["by_reference_t_co2e"]
    assert total_row(found).cells[2] == memo["total_t_co2e"]
    # the GPC totals are the city's lines alone: the memo's tonnes are not in them
    lines = math.fsum(line["t_co2e"] for line in result["lines"])
    everything = total_row(table(document, "gpc-by-sector")).cells[5]
    assert everything == pytest.approx(lines, rel=1e-12)
    assert everything != pytest.approx(lines + memo["total_t_co2e"], rel=1e-9)
    assert "never added" in section(document, "included").paragraphs[0]


def test_without_an_include_there_is_no_memo_section() -> None:
    document, _ = computed("examples/province.yaml")
    assert "included" not in {s.key for s in document.sections}


# --- intensities ----------------------------------------------------------------------------------


def test_intensities_from_the_indicators_by_hand(tmp_path: Path) -> None:
    # the example province with indicators (illustrative test inputs, like the example itself)
    text = (ROOT / "examples" / "province.yaml").read_text(encoding="utf-8")
    text += "\nindicators: {population: 452000, gpp_million_thb: 96400, area_km2: 7200}\n"
    (tmp_path / "province.yaml").write_text(text, encoding="utf-8")
    document, result = computed(tmp_path / "province.yaml")
    basic, basic_plus = result["gpc"]["basic_t_co2e"], result["gpc"]["basic_plus_t_co2e"]
    rows = {row.cells[0]: row.cells for row in table(document, "summary-intensities").rows}
    assert rows["Population"] == ("Population", 452000, "persons", basic / 452000, basic_plus / 452000)
    assert rows["Gross provincial product (GPP)"] == (
        "Gross provincial product (GPP)",
        96400,
        "million THB",
        basic / 96400,
        basic_plus / 96400,
    )
    assert rows["Area"][3] == basic / 7200
    # the example's output (its registered population) is shown as it is given
    assert rows["registered population"][1:3] == (452000, "persons")


def test_no_indicators_and_no_output_give_no_intensity_table(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "province.yaml").read_text(encoding="utf-8")
    text = text.replace("output: {amount: 452000, unit: persons, name: registered population}\n", "")
    (tmp_path / "province.yaml").write_text(text, encoding="utf-8")
    document, _ = computed(tmp_path / "province.yaml")
    assert "summary-intensities" not in {t.key for t in section(document, "summary").tables}


# --- territorial-only rows --------------------------------------------------------------------------


def test_a_territorial_only_line_is_in_scope_1_but_not_in_basic(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "city.yaml").read_text(encoding="utf-8")
    text = text.replace("include: municipality.yaml\n", "")
    text += "  - {gpc: I.4.4, activity: lpg-commercial, amount: 10, unit: t, label: Gas engine selling to the grid}\n"
    (tmp_path / "city.yaml").write_text(text, encoding="utf-8")
    document, result = computed(tmp_path / "city.yaml")
    value = result["gpc"]["by_reference_t_co2e"]["I.4.4"]
    found = table(document, "gpc-by-sector")
    row = next(row for row in found.rows if row.cells[0] == "I.4.4")
    assert row.level == 2 and row.cells[2] == value and row.cells[6:] == (None, None)
    energy = next(row for row in found.rows if row.cells[0] == "I.4")
    assert energy.cells[2] == "NO"  # I.4.1 keeps its own key
    total = total_row(found).cells
    assert total[2] == result["gpc"]["territorial_t_co2e"]
    assert total[6] == result["gpc"]["basic_t_co2e"]
    assert total[2] - value == pytest.approx(
        math.fsum(
            v
            for r, v in result["gpc"]["by_reference_t_co2e"].items()
            if r in ("I.1.1", "I.2.1", "II.1.1", "III.4.1", "IV.2")
        ),
        rel=1e-12,
    )


# --- charts -------------------------------------------------------------------------------------------


def test_the_charts_alt_texts_name_the_largest_values(example: tuple[Document, dict]) -> None:
    document, result = example
    charts = {chart.key: chart for chart in section(document, "charts").charts}
    sectors = result["gpc"]["by_sector_t_co2e"]
    largest = max(sectors, key=sectors.__getitem__)
    alt = charts["chart-sectors"].alt
    assert alt.startswith(f"Emissions by GPC sector, largest first: {largest} {sectors[largest]:,.0f} tCO2e")
    assert (
        dict(zip(charts["chart-sectors"].categories, charts["chart-sectors"].series[0].values, strict=True)) == sectors
    )
    scopes = result["by_scope_t_co2e"]
    top = max(scopes, key=scopes.__getitem__)
    assert f"largest first: Scope {top} {scopes[top]:,.0f} tCO2e" in charts["chart-scopes"].alt
    # by gas in tCO2e, by hand from the lines: tonnes of each gas x its GWP
    gases: dict[str, float] = {}
    for line in result["lines"]:
        for gas, tonnes in line["gases_t"].items():
            if gas != "CO2_biogenic" and not (line.get("separately_reported_t_co2e") or {}).get("non_kyoto"):
                gases[gas] = gases.get(gas, 0.0) + tonnes * line["gwp"][gas]
    shown = dict(zip(charts["chart-gases"].categories, charts["chart-gases"].series[0].values, strict=True))
    shown = {("CO2e" if name.startswith("CO2e") else name): value for name, value in shown.items()}
    assert shown == pytest.approx({gas: value for gas, value in gases.items() if value}, rel=1e-12)
    first = max(shown, key=shown.__getitem__)
    assert charts["chart-gases"].alt.split("largest first: ")[1].startswith(first)


# --- in Thai --------------------------------------------------------------------------------------


def test_a_thai_run_has_thai_labels_and_the_same_numbers() -> None:
    english, result = computed("examples/province.yaml")
    i18n.set_language("th")
    outcome = api.compute_file(str(ROOT / "examples" / "province.yaml"))
    assert outcome.result is not None
    thai = gpc_report.document(outcome.result)
    assert thai.language == "th"
    assert [s.title for s in thai.sections][:4] == ["สรุป", "ตารางรายงานตาม GPC", "ภาคตาม IPCC", "ความครบถ้วน"]
    found = table(thai, "gpc-by-sector")
    assert found.rows[0].cells[1] == "พลังงานจากแหล่งอยู่กับที่"  # Stationary energy, from models.po
    assert [c.title for c in found.columns][2] == "ประเภทที่ 1"
    # the same numbers as the English document
    assert [row.cells[2:] for row in found.rows] == [row.cells[2:] for row in table(english, "gpc-by-sector").rows]
    chart = next(c for c in section(thai, "charts").charts if c.key == "chart-sectors")
    assert "การขนส่ง" in chart.alt.split(":")[1].split(";")[0]  # the largest sector, Transportation, in Thai
    assert result["period"]["start"] == "2023-01-01"
    period = next(f.value for f in thai.facts if f.label == i18n.tr("Period"))
    assert period.startswith("2566 (1 ม.ค. 2566")  # the year as the inventory wrote it (B.E.)


def test_an_organisation_result_is_refused() -> None:
    outcome = api.compute_file(str(ROOT / "examples" / "municipality.yaml"))
    assert outcome.result is not None
    with pytest.raises(ValueError, match="not a community inventory"):
        gpc_report.document(outcome.result)


# --- what a user runs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES)
def test_the_web_page_of_a_community_is_the_gpc_report(path: str, tmp_path: Path) -> None:
    result = json.loads(ghgcalc(ROOT, "compute", path, "-f", "json").stdout)
    out = tmp_path / "page.html"
    run = ghgcalc(ROOT, "compute", path, "-f", "html", "-o", str(out))
    assert run.code == 0, run
    page = out.read_text(encoding="utf-8")
    for title in ("GPC reporting tables", "IPCC sectors", "Completeness", "Factor provenance"):
        assert title in page
    for total in ("basic_t_co2e", "basic_plus_t_co2e", "territorial_t_co2e"):
        assert f"{result['gpc'][total]:,.2f}" in page  # tonnes to two decimals, as the page shows them
    thai = tmp_path / "page-th.html"
    assert ghgcalc(ROOT, "compute", path, "-f", "html", "--lang", "th", "-o", str(thai)).code == 0
    assert "ตารางรายงานตาม GPC" in thai.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES)
def test_markdown_and_workbook_of_a_community_are_the_gpc_report(path: str, tmp_path: Path) -> None:
    import openpyxl

    result = json.loads(ghgcalc(ROOT, "compute", path, "-f", "json").stdout)
    markdown = ghgcalc(ROOT, "compute", path, "-f", "md")
    assert markdown.code == 0, markdown
    assert "## GPC reporting tables" in markdown.stdout and "## IPCC sectors" in markdown.stdout
    assert f"{result['gpc']['basic_t_co2e']:,.2f}" in markdown.stdout
    out = tmp_path / "report.xlsx"
    assert ghgcalc(ROOT, "compute", path, "-f", "xlsx", "-o", str(out)).code == 0
    book = openpyxl.load_workbook(out)
    values = [cell for ws in book.worksheets for row in ws.iter_rows(values_only=True) for cell in row]
    # the cell keeps the value (a workbook stores 15-16 significant digits)
    assert any(
        isinstance(v, float) and v == pytest.approx(result["gpc"]["basic_plus_t_co2e"], rel=1e-15) for v in values
    )
    assert not any(name.startswith("Fr-0") for name in book.sheetnames)  # not the CFO forms


def test_an_organisation_keeps_the_cfo_forms() -> None:
    markdown = ghgcalc(ROOT, "compute", "examples/municipality.yaml", "-f", "md")
    assert markdown.code == 0 and "GPC reporting tables" not in markdown.stdout
