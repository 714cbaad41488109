"""Inventory workbooks that did not come from Excel, or were put together by hand: written by a
script (xlsxwriter and libraries like it, which do not calculate formulas), with sheets hidden or
very hidden, a chart sheet under the Activities name, a copied Inventory sheet, and a second table
under the first on the Activities sheet.

Hand numbers: tgo-cfo@2022-04 electricity-grid is 0.4999 kg CO2e/kWh, so 1,000 kWh is 0.4999 t.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.helpers import (
    ACTIVITY_HEADER,
    CALENDAR_MONTHS,
    GRID_T_PER_KWH,
    activities_workbook,
    ghgcalc,
    issues,
    issues_coded,
    meter_row,
    total_of,
)


def _rewrite(path: Path, change: dict[str, tuple[bytes, bytes]]) -> None:
    """Replace, in each named part of the zip, every match of a pattern (as a program that wrote
    the file differently would have written it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename in change:
                pattern, replacement = change[item.filename]
                content, count = re.subn(pattern, replacement, content)
                assert count, (item.filename, pattern)
            dst.writestr(item, content)
    path.write_bytes(out.getvalue())


# --- formulas saved by a program that does not calculate them -------------------------------------


def test_formula_results_of_a_writer_that_does_not_calculate_are_not_read_as_zero(tmp_path: Path) -> None:
    """xlsxwriter (and openpyxl, exceljs...) cannot calculate: it saves each formula with the result
    0 and asks the spreadsheet program to recalculate on opening (fullCalcOnLoad). 12 months of
    ='raw'!B2 were read as 12 zeros: 0 t for 12,000 kWh, exit 0. Each such cell is now refused."""
    book = activities_workbook(
        tmp_path / "script.xlsx",
        [meter_row("electricity-grid", "Office", "kWh", 1000), meter_row("paper", "A4", "kg", 5)],
    )
    sheet = book["Activities"]
    for column in "FGHIJKLMNOPQ":
        sheet[f"{column}2"] = f"=1000+0*{column}3"
    book.save(tmp_path / "script.xlsx")
    _rewrite(tmp_path / "script.xlsx", {"xl/worksheets/sheet2.xml": (rb"(</f>)<v\s*/?>(?:</v>)?", rb"\1<v>0</v>")})
    run = ghgcalc(tmp_path, "compute", "script.xlsx", "-f", "json")
    assert run.code == 1, run
    found = issues_coded(run, "formula-no-value")
    assert [p.location for p in found] == [f"script.xlsx[Activities]!{c}2" for c in "FGHIJKLMNOPQ"], run
    assert "does not calculate" in found[0].message and "0" in found[0].message, found[0]
    assert "save" in (found[0].hint or ""), found[0]


def test_formula_results_saved_by_a_spreadsheet_program_count(tmp_path: Path) -> None:
    """The same cells saved by a spreadsheet program (it recalculated, and the workbook no longer
    asks for it) count by their saved result, 0 included; so do non-zero results of a writer."""
    book = activities_workbook(tmp_path / "excel.xlsx", [meter_row("electricity-grid", "Office", "kWh", 1000)])
    book["Activities"]["F2"] = "=1000*1"
    book["Activities"]["G2"] = "=1000*0"
    book.save(tmp_path / "excel.xlsx")
    sheet = "xl/worksheets/sheet2.xml"
    _rewrite(tmp_path / "excel.xlsx", {sheet: (rb"(<f>1000\*1</f>)<v\s*/?>(?:</v>)?", rb"\1<v>1000</v>")})
    _rewrite(tmp_path / "excel.xlsx", {sheet: (rb"(<f>1000\*0</f>)<v\s*/?>(?:</v>)?", rb"\1<v>0</v>")})
    _rewrite(tmp_path / "excel.xlsx", {"xl/workbook.xml": (rb'\s*fullCalcOnLoad="1"', b"")})
    run = ghgcalc(tmp_path, "compute", "excel.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(11_000 * GRID_T_PER_KWH)
    assert not issues_coded(run, "formula-no-value"), run


# --- hidden sheets, chart sheets, copied sheets -------------------------------------------------


def test_a_hidden_activities_sheet_that_is_read_is_said(tmp_path: Path) -> None:
    """Last year's Activities sheet very hidden (Excel's Unhide does not even list it), this year's
    rows on a visible copy: the hidden sheet's 12,000 kWh were counted, and the only warning said
    'only Activities is read' of a sheet the officer cannot see."""
    book = activities_workbook(tmp_path / "town.xlsx", [meter_row("electricity-grid", "Office", "kWh", 1000)])
    book["Activities"].sheet_state = "veryHidden"
    copy = book.create_sheet("Activities (2)")
    copy.append(ACTIVITY_HEADER)
    copy.append(meter_row("electricity-grid", "Office", "kWh", 2000))
    book["Inventory"].sheet_state = "hidden"
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    hidden = issues_coded(run, "sheet-hidden")
    assert [(p.location, p.severity) for p in hidden] == [
        ("town.xlsx[Inventory]!A1", "warning"),
        ("town.xlsx[Activities]!A1", "warning"),
    ], run
    assert "very hidden" in hidden[1].message and "counted" in hidden[1].message, hidden[1]
    assert "Unhide" in (hidden[0].hint or ""), hidden[0]
    assert issues_coded(run, "sheet-ignored"), run


def test_a_chart_sheet_named_activities_is_not_the_activities(tmp_path: Path) -> None:
    """A chart of the data on its own sheet named 'Activities', the rows on 'กิจกรรม': the chart
    sheet was taken for the Activities sheet (header-missing) and the real one for a second one."""
    book = activities_workbook(tmp_path / "town.xlsx", [meter_row("electricity-grid", "Office", "kWh", 1000)])
    book["Activities"].title = "กิจกรรม"
    book.create_chartsheet("Activities")
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(12_000 * GRID_T_PER_KWH)
    assert not [p for p in issues(run.stderr) if p.severity == "error"], run


def test_a_copy_of_the_inventory_sheet_under_another_name_is_said(tmp_path: Path) -> None:
    """Right-click > Move or Copy gives 'Inventory (2)'; the officer set the period there. It was
    not read, without a word: the period of 'Inventory' (2567) gave the total."""
    book = activities_workbook(tmp_path / "town.xlsx", [meter_row("electricity-grid", "Office", "kWh", 1000)])
    copy = book.copy_worksheet(book["Inventory"])
    copy.title = "Inventory (2)"
    copy["B4"] = 2568
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    ignored = issues_coded(run, "sheet-ignored")
    assert [(p.location, p.severity) for p in ignored] == [("town.xlsx[Inventory (2)]!A1", "warning")], run
    assert "Inventory" in ignored[0].message, ignored[0]


# --- a second table on the Activities sheet -------------------------------------------------------


def test_a_second_table_under_the_first_is_refused_at_its_header_row(tmp_path: Path) -> None:
    """A second table under the first, its header for other months: each of its header cells was
    reported 'is not a number' (12 errors that do not say what is wrong). One error now names the
    row as a second header."""
    header = ["Activity", "Unit", *[f"{m} 2024" for m in CALENDAR_MONTHS]]
    rows = [
        ["electricity-grid", "kWh", *[1000] * 12],
        [],
        ["Activity", "Unit", *[f"{m} 2025" for m in CALENDAR_MONTHS]],
        ["electricity-grid", "kWh", *[2000] * 12],
    ]
    activities_workbook(tmp_path / "two.xlsx", rows, header=header)
    run = ghgcalc(tmp_path, "compute", "two.xlsx", "-f", "json")
    assert run.code == 1, run
    assert [(p.location, p.code) for p in issues(run.stderr) if p.severity == "error"] == [
        ("two.xlsx[Activities]!A4", "header-repeated")
    ], run


def test_a_header_repeated_as_it_is_is_passed_over(tmp_path: Path) -> None:
    """Two tables with the same columns (one per division, as printed pages repeat the header): the
    repeated header row is not a line, and both tables count."""
    rows = [
        meter_row("electricity-grid", "Office", "kWh", 1000),
        [],
        ["กองช่าง"],
        ACTIVITY_HEADER,
        meter_row("electricity-grid", "Pumps", "kWh", 500),
    ]
    activities_workbook(tmp_path / "two.xlsx", rows)
    run = ghgcalc(tmp_path, "compute", "two.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(18_000 * GRID_T_PER_KWH)
    assert not [p for p in issues(run.stderr) if p.code not in ("amount-empty",)], run


# --- notes beside the lines ------------------------------------------------------------------------


def test_a_note_merged_beside_the_lines_in_a_column_not_read_is_not_said(tmp_path: Path) -> None:
    """A หมายเหตุ (note) column, not one ghgcalc reads, with one note merged over two meter rows: it was
    warned cell-merged ('each row is read with the value its top cell holds') of a cell that is
    never read. A merge in a column that is read (the label) is still said."""
    header = [*ACTIVITY_HEADER, "หมายเหตุ"]
    rows = [[*meter_row("electricity-grid", "Office", "kWh", 1000), "PEA invoices"], meter_row("paper", "A4", "kg", 5)]
    book = activities_workbook(tmp_path / "note.xlsx", rows, header=header)
    book["Activities"].merge_cells("S2:S3")
    book.save(tmp_path / "note.xlsx")
    run = ghgcalc(tmp_path, "compute", "note.xlsx", "-f", "json")
    assert run.code == 0, run
    assert not issues_coded(run, "cell-merged"), run
    book["Activities"].merge_cells("C2:C3")
    book.save(tmp_path / "note.xlsx")
    run = ghgcalc(tmp_path, "compute", "note.xlsx", "-f", "json")
    assert [p.message.split(" (")[1].split(")")[0] for p in issues_coded(run, "cell-merged")] == ["C2:C3"], run
