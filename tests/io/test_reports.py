"""The Excel report (TGO Fr-04.1 / Fr-05 / Factors; the other forms in test_cfo_report.py) and the Markdown
summary, on real results."""

from __future__ import annotations

import dataclasses
import io
import json
import math
import subprocess
import sys
import zipfile
from collections.abc import Iterator

import pytest

from ghgcalc import api
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.markdown import exact, round_up, text, to_markdown
from ghgcalc.reports.report_xlsx import (
    BOUNDARY_SHEET,
    FACTORS_SHEET,
    INVENTORY_SHEET,
    ORGANISATION_SHEET,
    SOURCES_SHEET,
    SUMMARY_SHEET,
    to_xlsx,
)
from tests import municipality_by_hand as by_hand
from tests.conftest import ROOT, inventory, run_inventory

openpyxl = pytest.importorskip("openpyxl")

EXAMPLE = ROOT / "examples" / "municipality.yaml"
HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+2",
    "-3",
    "@SUM(A1)",
]


@pytest.fixture(autouse=True, scope="module")
def english() -> Iterator[None]:
    """These tests call the writers directly: in English, whatever language an earlier run of the CLI
    in this process left set."""
    from ghgcalc import i18n

    i18n.set_language("en")
    i18n.set_calendar("")
    yield


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> InventoryResult:
    """The example municipality with an output (86 staff), so that it has a carbon intensity."""
    content = EXAMPLE.read_text(encoding="utf-8")
    assert "\nfactors: tgo-cfo " in content
    path = tmp_path_factory.mktemp("town") / "town.yaml"
    path.write_text(content.replace("\nfactors: tgo-cfo ", "\noutput: {amount: 86, unit: staff}\nfactors: tgo-cfo ", 1))
    result = api.compute_file(str(path)).result
    assert result is not None and result.output is not None
    return result


@pytest.fixture(scope="module")
def town_book(town: InventoryResult):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(to_xlsx([town])))


def hostile_result() -> InventoryResult:
    activities = "".join(
        f"- activity: fuel\n  amount: {n + 1}\n  unit: L\n  label: {json.dumps(label)}\n"
        for n, label in enumerate(HOSTILE)
    )
    activities += (
        '- activity: power\n  amount: 2000\n  unit: kWh\n  label: "pipe | and\\nnewline\\x01 <b>"\n'
        "  category: \"=cmd|' /C calc'!A0\"\n"
        "- activity: r-22\n  amount: 2\n  unit: kg\n"
    )
    outcome = run_inventory(inventory(activities, period="2023", extra="output: {amount: 50, unit: staff}\n"))
    assert outcome.result is not None, outcome.issues
    return outcome.result


def table(ws, first_header: str = "ลำดับ\n#") -> tuple[dict[str, int], list[tuple]]:  # type: ignore[no-untyped-def]
    """Fr-04.1's header (title -> column) and its line rows, up to the separately reported block."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(n for n, row in enumerate(rows) if row[0] == first_header)
    header = {title: n for n, title in enumerate(rows[start]) if title}
    lines = []
    for row in rows[start + 1 :]:
        if isinstance(row[0], str) and row[0].startswith("Reported separately"):
            break
        if isinstance(row[0], int):
            lines.append(row)
    return header, lines


def same(value: object, expected: float) -> bool:
    """A cell holds the result's number: openpyxl writes 16 significant digits, the double's precision."""
    return value == pytest.approx(expected, rel=1e-15, abs=0)


def column(header: dict[str, int], *words: str) -> int:
    """The one column whose header has each of `words` as one of its lines."""
    found = [n for title, n in header.items() if all(w in title.split("\n") for w in words)]
    assert len(found) == 1, (words, found)
    return found[0]


def summary_rows(ws) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    return {row[0]: row for row in ws.iter_rows(values_only=True) if isinstance(row[0], str)}


# --- the workbook --------------------------------------------------------------------------------


FORMS = [ORGANISATION_SHEET, BOUNDARY_SHEET, SOURCES_SHEET, INVENTORY_SHEET, SUMMARY_SHEET, FACTORS_SHEET]


def test_sheets_in_tgo_order(town_book):  # type: ignore[no-untyped-def]
    assert town_book.sheetnames == FORMS


def test_every_line_with_the_result_numbers_exactly(town, town_book):  # type: ignore[no-untyped-def]
    header, rows = table(town_book[INVENTORY_SHEET])
    assert len(rows) == len(town.lines)
    n = column(header, "#")
    by_number = {row[n]: row for row in rows}
    total = town.total_t_co2e
    scopes = town.by_scope_t_co2e
    for line in town.lines:
        row = by_number[line.index + 1]
        assert row[column(header, "Scope")] == line.scope
        assert row[column(header, "Activity")] == line.activity
        assert row[column(header, "Quantity as written")] == line.amount
        assert row[column(header, "Unit as written")] == line.unit
        assert same(row[column(header, "Quantity")], line.amount * line.conversion)
        assert row[column(header, "Unit")] == line.factor.per
        assert same(row[column(header, "Total GHG")], line.t_co2e)
        assert same(row[column(header, "% of scope")], line.t_co2e / scopes[str(line.scope)])
        assert same(row[column(header, "% of S1+2+3")], line.t_co2e / total)
        assert line.factor.ref in row[column(header, "Factor (set@version key)")]
        for gas, tonnes in line.gases_t.items():
            name = gas.replace("_fossil", " fossil")
            assert same(row[column(header, name, "(t)")], tonnes), gas
            assert row[column(header, "GWP", name)] == line.gwp[gas]
        for gas, tonnes in line.t_co2e_by_gas.items():
            if tonnes:
                assert same(row[column(header, gas.replace("_fossil", " fossil"), "(tCO2e)")], tonnes), gas
        for value in line.factor.gases:
            name = value.gas.replace("_fossil", " fossil")
            assert row[column(header, f"EF {name}", "(kg/unit)")] == value.kg


def test_cells_are_numbers_with_formats_not_text(town_book):  # type: ignore[no-untyped-def]
    ws = town_book[INVENTORY_SHEET]
    header, _ = table(ws)
    rows = [row for row in ws.iter_rows() if isinstance(row[0].value, int) and row[1].value in (1, 2, 3)]
    rows = [row for row in rows if row[column(header, "% of scope")].value is not None]
    assert len(rows) == 16
    for row in rows:
        total = row[column(header, "Total GHG")]
        assert total.data_type == "n" and total.number_format != "General"
        assert row[column(header, "Quantity as written")].data_type == "n"
        assert row[column(header, "% of scope")].number_format.endswith("%")


def test_scope_subtotals_and_separately_reported_block(town, town_book):  # type: ignore[no-untyped-def]
    ws = town_book[INVENTORY_SHEET]
    header, _ = table(ws)
    total_column = column(header, "Total GHG")
    separate_column = column(header, "Reported separately")
    label_column = column(header, "Description")
    totals = {
        row[label_column]: row for row in ws.iter_rows(values_only=True) if "total" in str(row[label_column]).lower()
    }
    assert same(totals["Scope 1 total"][total_column], town.by_scope_t_co2e["1"])
    assert same(totals["Scope 2 total"][total_column], town.by_scope_t_co2e["2"])
    assert same(totals["Scope 1+2+3 total"][total_column], town.total_t_co2e)
    # R-22 is counted outside the total, in the block TGO calls "รายงานแยก"
    assert totals["Reported separately, total"][separate_column] == pytest.approx(5.28)
    assert totals["Reported separately, total"][total_column] == pytest.approx(5.28)
    assert ws.freeze_panes is not None


def test_summary_rounds_each_scope_up_like_tgo_roundup(town, town_book):  # type: ignore[no-untyped-def]
    rows = summary_rows(town_book[SUMMARY_SHEET])
    scopes = town.by_scope_t_co2e
    # the scopes computed by hand from TGO's factors (tests/municipality_by_hand.py): 107.38 rounds up to 108
    assert scopes == pytest.approx(by_hand.BY_SCOPE_T_CO2E, rel=1e-12)
    assert [math.ceil(by_hand.BY_SCOPE_T_CO2E[s]) for s in "123"] == [108, 196, 21]
    for scope, whole in (("1", 108), ("2", 196), ("3", 21)):
        row = rows[f"Scope {scope}"]
        assert same(row[1], scopes[scope]) and row[2] == whole
    # the totals are sums of the rounded scopes, as on the form
    assert rows["Total Scope 1 & 2"][2] == 108 + 196
    assert rows["Total Scope 1 & 2 & 3"][2] == 108 + 196 + 21
    assert same(rows["Total Scope 1 & 2 & 3"][1], town.total_t_co2e)
    assert rows["Other (reported separately)"][1:3] == (pytest.approx(5.28), 6)
    assert rows["Scope 1"][3] == pytest.approx(scopes["1"] / (scopes["1"] + scopes["2"]))
    assert rows["Scope 1"][4] == pytest.approx(scopes["1"] / town.total_t_co2e)


def test_summary_carbon_intensity(town, town_book):  # type: ignore[no-untyped-def]
    rows = summary_rows(town_book[SUMMARY_SHEET])
    intensity = town.intensity
    assert same(rows["Carbon intensity (Scope 1+2)"][1], intensity["scope_1_2"])
    assert same(rows["Carbon intensity (Scope 1+2+3)"][1], intensity["scope_1_2_3"])
    assert same(rows["Carbon intensity (Scope 1+2)"][2], (108 + 196) / 86)
    assert rows["Carbon intensity (Scope 1+2)"][3] == "tCO2e/staff"


def test_summary_without_output_says_so():
    outcome = api.compute_file(str(EXAMPLE))
    assert outcome.result is not None and outcome.result.output is None
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([outcome.result])))
    rows = summary_rows(book[SUMMARY_SHEET])
    intensities = [label for label in rows if str(label).startswith("Carbon intensity (")]
    assert len(intensities) == 2 and all(rows[label][1] is None for label in intensities), intensities
    assert any("no output given" in str(label) for label in rows)


def test_native_charts_pie_and_bar(town):  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(io.BytesIO(to_xlsx([town]))) as archive:
        charts = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/charts/")]
    assert len(charts) == 2
    assert any("<c:pieChart>" in chart or "<pieChart>" in chart for chart in charts)
    assert any("barChart>" in chart and 'barDir val="bar"' in chart for chart in charts)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([town])))
    assert len(book[SUMMARY_SHEET]._charts) == 2
    assert not any(book[name]._charts for name in FORMS if name != SUMMARY_SHEET)


def test_factors_sheet_lists_every_factor_used(town, town_book):  # type: ignore[no-untyped-def]
    rows = list(town_book[FACTORS_SHEET].iter_rows(values_only=True))
    keys = {(row[0], row[2]) for row in rows if row[0] and row[2]}
    assert {(line.factor.set_id, line.factor.key) for line in town.lines} <= keys
    texts = {str(value) for row in rows for value in row if value is not None}
    for the_set in town.factor_sets:
        assert the_set.sha256 in texts  # the full hash, for a verifier to check
    diesel = next(row for row in rows if row[2] == "diesel-mobile")
    assert 2.698722 in diesel and 0.000142038 in diesel


def test_user_text_that_looks_like_a_formula_stays_text():
    result = hostile_result()
    data = to_xlsx([result])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in sheet or "<f " in sheet for sheet in sheets)  # not one formula in the file
    assert any("HYPERLINK" in sheet for sheet in sheets)
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for ws in book for row in ws.iter_rows() for cell in row if cell.value is not None]
    for label in HOSTILE:
        found = [cell for cell in cells if cell.value == label]
        assert found, label
        assert all(cell.data_type == "s" for cell in found)
        assert all(cell.quotePrefix for cell in found)  # Excel keeps it text when the cell is edited
    assert any(cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s" for cell in cells)
    # a control character (which XML cannot hold) is dropped, not a crash
    assert any(cell.value == "pipe | and\nnewline <b>" for cell in cells)


@pytest.mark.parametrize("value", ["\tcmd", "\rcmd", "=1+1", "plain", "1234"])
def test_put_writes_every_text_as_text(value: str):
    from ghgcalc.reports.report_xlsx import put

    ws = openpyxl.Workbook().active
    cell = put(ws, 1, 1, value)
    assert cell.value == value and cell.data_type == "s"
    assert bool(cell.quotePrefix) is (value[0] in "=+-@\t\r")


def test_same_results_same_bytes(town):  # type: ignore[no-untyped-def]
    first = to_xlsx([town])
    assert to_xlsx([town]) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    assert "2024-09-30T00:00:00Z" in core  # the end of the period, not the clock


def test_several_inventories_one_set_of_sheets_each(town):  # type: ignore[no-untyped-def]
    other = hostile_result()
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([town, other])))
    warned = [f"Warnings ({n})" for n, result in ((1, town), (2, other)) if result.warnings]
    assert other.warnings and not town.warnings  # the hostile inventory's warnings get their sheet
    assert book.sheetnames == [f"{name} ({n})" for n in (1, 2) for name in FORMS] + warned
    assert book[f"{SUMMARY_SHEET} (2)"]["B2"].value == "Test"


def test_empty_scope_and_biogenic_co2():
    outcome = run_inventory(inventory("- activity: wood\n  amount: 100\n  unit: kg\n", period="2024"))
    assert outcome.result is not None, outcome.issues
    result = outcome.result
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([result])))
    rows = summary_rows(book[SUMMARY_SHEET])
    assert rows["Scope 2"][1:3] == (0.0, 0)
    assert rows["Scope 1"][2] == 1  # 0.0014 t of CH4 x 28 rounds up to one tonne
    assert rows["Biogenic CO2"][1] == pytest.approx(0.15)
    assert rows["Other (reported separately)"][2] == 1
    header, lines = table(book[INVENTORY_SHEET])
    assert lines[0][column(header, "CO2 biogenic", "(t)")] == pytest.approx(0.15)
    assert any("no lines" in str(v) for row in book[INVENTORY_SHEET].iter_rows(values_only=True) for v in row)


def test_no_results_still_a_workbook():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([])))
    assert book.sheetnames == [SUMMARY_SHEET]
    assert "No results" in book[SUMMARY_SHEET]["A1"].value
    assert to_markdown([]) == ""


def test_report_module_does_not_import_openpyxl_until_asked():
    code = "import sys, ghgcalc.reports.report_xlsx, ghgcalc.reports.markdown; print('openpyxl' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("tonnes", "whole"),
    [(107.38, 108), (107.0, 107), (0.0, 0), (0.001, 1), (3.0000000000000004, 3), (2.000001, 3)],
)
def test_round_up_is_roundup_to_whole_tonnes(tonnes: float, whole: int):
    assert round_up(tonnes) == whole


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_totals_scopes_and_sources(town):  # type: ignore[no-untyped-def]
    md = to_markdown([town])
    assert md.startswith("# เทศบาลตำบลตัวอย่าง (Example Subdistrict Municipality)\n")
    # FY2567 is written in B.E.: its days are shown in B.E. too (2023-10-01 to 2024-09-30)
    assert "- Period: fiscal year 2567 (1 Oct 2566 – 30 Sep 2567)" in md and "AR5" in md
    assert "tgo-cfo@2022-04 (sha256 956700631a3d)" in md
    assert "| Scope 1 direct | 107.37980560264 | 108 | 33.2 % |" in md
    assert f"| **Total** | **{exact(town.total_t_co2e)}** | **325** | 100.0 % |" in md
    assert "Non-Kyoto gases" in md and "| 5.28 |" in md
    assert "tCO2e/staff" in md and exact(town.intensity["scope_1_2"]) in md
    assert "| 1 | Street lighting | electricity-grid | 2 | 93.18136 | 28.8 % |" in md
    assert md.count("\n| ") - md.count("\n|---") > 0
    assert "- gases@1 (" in md and ": r-410a" in md
    assert to_markdown([town]) == md


def test_markdown_escapes_user_text():
    result = hostile_result()
    md = to_markdown([result])
    assert "pipe \\| and newline \\<b\\>" in md
    for line in md.splitlines():
        if line.startswith("| ") and "pipe" in line:
            assert line.count(" | ") == line.replace("\\|", "").count(" | ")  # the escaped pipe splits nothing
    assert "\nnewline" not in md
    assert text("a\\|b") == "a\\\\\\|b"


def test_markdown_several_inventories_and_no_output(town):  # type: ignore[no-untyped-def]
    plain = api.compute_file(str(EXAMPLE)).result
    assert plain is not None
    md = to_markdown([town, plain])
    assert md.count("\n---\n") == 1
    assert md.count("Carbon intensity") == 1


def test_exact_numbers_have_no_exponent():
    assert exact(4.58892e-05) == "0.0000458892"
    assert exact(70.15096700000001) == "70.150967"
    assert exact(1234567.5) == "1,234,567.5"
    assert exact(86.0) == "86"


def test_the_markdown_example_in_the_docs_is_what_ghgcalc_writes(tmp_path):  # type: ignore[no-untyped-def]
    doc = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    example = doc.split("```markdown\n", 1)[1].split("```", 1)[0]
    content = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "town.yaml"
    path.write_text(content.replace("\nfactors: tgo-cfo ", "\noutput: {amount: 86, unit: staff}\nfactors: tgo-cfo ", 1))
    result = api.compute_file(str(path)).result
    assert result is not None
    assert to_markdown([dataclasses.replace(result, source="town.yaml")]) == example
