"""Layouts of an Activities sheet that used to give a plausible wrong total without a word: cells
merged over two meter rows (the second row dropped), a row of numbers without an activity (dropped
unsaid), a cost column headed like the total (read as the amount), and a month or a date in the
first line (which made it a second header row).

Hand numbers: tgo-cfo@2022-04 electricity-grid is 0.4999 kg CO2e/kWh, so 1,000 kWh is 0.4999 t.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

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

# --- D1: merged cells and rows of bare numbers ---------------------------------------------------


def test_cells_merged_over_two_meter_rows_count_in_every_row(tmp_path: Path) -> None:
    """Activity, Label and Unit merged over rows 2:3 show on both rows: both meters are counted
    ((1,200 + 600) kWh), and a warning says once which cells were merged."""
    book = activities_workbook(
        tmp_path / "town.xlsx",
        [meter_row("electricity-grid", "Meters 1 and 2", "kWh", 100), meter_row(None, None, None, 50)],
    )
    for column in "ACD":
        book["Activities"].merge_cells(f"{column}2:{column}3")
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(1800 * GRID_T_PER_KWH, rel=1e-12)
    [merged] = issues_coded(run, "cell-merged")
    assert merged.severity == "warning" and merged.location == "town.xlsx[Activities]!A2", run
    assert "A2:A3" in merged.message and "D2:D3" in merged.message
    assert not issues_coded(run, "activity-missing"), run


def test_an_amount_merged_over_two_rows_is_refused_at_its_cells(tmp_path: Path) -> None:
    """A Total merged over two rows cannot say whose amount it is: refused, never read twice or once."""
    rows = [
        ["electricity-grid", None, "Meter 1", "kWh", None, *[None] * 12, 1000],
        ["electricity-grid", None, "Meter 2", "kWh", None, *[None] * 12, None],
    ]
    book = activities_workbook(tmp_path / "town.xlsx", rows)
    book["Activities"].merge_cells("R2:R3")
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1 and run.stdout == "", run
    [merged] = issues_coded(run, "cell-merged")
    assert merged.severity == "error" and merged.location == "town.xlsx[Activities]!R2", run
    assert "R2:R3" in merged.message


def test_a_row_of_bare_numbers_is_said_not_to_be_read(tmp_path: Path) -> None:
    """Row 3 has twelve months of 50 and nothing else: it is not a total of the rows above (1,000
    kWh), so it is said at its activity cell; the total stays that of row 2."""
    rows = [
        ["electricity-grid", None, "Offices", "kWh", None, *[None] * 12, 1000],
        [None, None, None, None, None, *[50] * 12, None],
    ]
    activities_workbook(tmp_path / "town.xlsx", rows)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    [missing] = issues_coded(run, "activity-missing")
    assert missing.location == "town.xlsx[Activities]!A3" and missing.severity == "warning", run
    assert total_of(run) == pytest.approx(1000 * GRID_T_PER_KWH, rel=1e-12)


def test_a_real_total_row_stays_silent(tmp_path: Path) -> None:
    """Bare rows whose amounts are the sum of the rows above (a subtotal, then a grand total of
    every line), and one labelled Total in another column, are total rows: not read, not said."""
    rows = [
        ["electricity-grid", None, "Offices", "kWh", None, *[100] * 12, None],
        ["electricity-grid", None, "Lights", "kWh", None, *[50] * 12, None],
        [None, None, None, None, None, *[150] * 12, None],  # the subtotal, month by month
        ["paper", None, "A4", "kg", None, *[None] * 12, 200],
        [None, None, None, None, None, *[None] * 12, 2000],  # 1,200 + 600 + 200
        [None, "Total", None, None, None, *[None] * 12, 9999],  # labelled, in the Scope column
    ]
    activities_workbook(tmp_path / "town.xlsx", rows)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert not issues_coded(run, "activity-missing"), run
    lines = json.loads(run.stdout)["lines"]
    assert len(lines) == 3, run


# --- D2: two columns for one field ---------------------------------------------------------------


@pytest.mark.parametrize("cost", ["รวม (บาท)", "Amount (THB)", "ปริมาณ (บาท)", "Total ฿", "Total (baht)"])
def test_a_cost_column_headed_like_the_total_is_not_the_amount(tmp_path: Path, cost: str) -> None:
    header = ["Activity", "Unit", cost, "Total / รวม"]
    activities_workbook(tmp_path / "town.xlsx", [["electricity-grid", "kWh", 4500, 1000]], header)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(1000 * GRID_T_PER_KWH, rel=1e-12)


@pytest.mark.parametrize(
    ("header", "cells"),
    [
        (["Activity", "Unit", "Amount", "Total"], ("C1", "D1")),
        (["Activity", "Unit", "Total", "หน่วย", "Label"], ("B1", "D1")),
        (["Activity", "ID", "Unit", "Total", "รหัส"], ("B1", "E1")),
        (["กิจกรรม", "Unit", "Total", "Activity"], ("A1", "D1")),
    ],
)
def test_two_columns_for_one_field_are_refused_naming_both(
    tmp_path: Path, header: list[str], cells: tuple[str, str]
) -> None:
    row = {
        ("C1", "D1"): ["electricity-grid", "kWh", 4500, 1000],
        ("B1", "D1"): ["electricity-grid", "kWh", 1000, "kWh", "Offices"],
        ("B1", "E1"): ["electricity-grid", "E1", "kWh", 1000, "E1"],
        ("A1", "D1"): ["electricity-grid", "kWh", 1000, "electricity-grid"],
    }[cells]
    activities_workbook(tmp_path / "town.xlsx", [row], header)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1 and run.stdout == "", run
    [duplicate] = issues_coded(run, "column-duplicate")
    assert duplicate.location == f"town.xlsx[Activities]!{cells[1]}" and duplicate.severity == "error", run
    assert cells[0] in duplicate.message and cells[1] in duplicate.message


# --- D7: a month or a date in the first data row -------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [("C", "ค่าไฟ (ม.ค.)"), ("S", "ใบแจ้งหนี้ (ต.ค. 2567)"), ("S", dt.datetime(2024, 1, 31))],
)
def test_a_month_in_the_first_data_row_does_not_make_it_a_header(tmp_path: Path, column: str, value: Any) -> None:
    rows = [
        ["electricity-grid", None, "Offices", "kWh", None, *[None] * 12, 1000],
        ["electricity-grid", None, "Lights", "kWh", None, *[None] * 12, 500],
    ]
    book = activities_workbook(tmp_path / "town.xlsx", rows, [*ACTIVITY_HEADER, "Evidence"])
    book["Activities"][f"{column}2"] = value
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(1500 * GRID_T_PER_KWH, rel=1e-12)


def test_a_date_in_the_first_row_of_a_total_only_sheet_is_data(tmp_path: Path) -> None:
    header = ["Activity", "Unit", "Total", "Evidence"]
    activities_workbook(tmp_path / "town.xlsx", [["electricity-grid", "kWh", 1000, dt.datetime(2024, 1, 31)]], header)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(1000 * GRID_T_PER_KWH, rel=1e-12)


def test_a_second_header_row_of_months_is_still_read(tmp_path: Path) -> None:
    """The layout the rule is for: a header over two rows, the months in the second."""
    header = ["Activity", "Unit", "Amount", *[None] * 11, "Total"]
    rows = [[None, None, *CALENDAR_MONTHS, None], ["electricity-grid", "kWh", *[100] * 12, None]]
    activities_workbook(tmp_path / "town.xlsx", rows, header)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(1200 * GRID_T_PER_KWH, rel=1e-12)


def test_a_note_or_an_empty_box_merged_below_the_lines_is_no_ones(tmp_path: Path) -> None:
    """A footnote (หมายเหตุ) and an empty signature box merged over rows below the lines, across the
    month columns: no meter's rows, so nothing is refused, filled or said; the total is the lines'
    (1,000 kWh x 0.4999 kg/kWh)."""
    rows = [["electricity-grid", None, "Offices", "kWh", None, *[None] * 12, 1000]]
    book = activities_workbook(tmp_path / "town.xlsx", rows)
    sheet = book["Activities"]
    sheet["A5"] = "หมายเหตุ: ข้อมูลจากใบแจ้งหนี้ กฟภ."
    sheet.merge_cells("A5:R7")
    sheet.merge_cells("F9:Q10")  # an empty box for a signature
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert issues_coded(run, "cell-merged") == [], run
    assert total_of(run) == pytest.approx(1000 * GRID_T_PER_KWH, rel=1e-12)


def test_a_bare_subtotal_after_a_labelled_one_is_a_subtotal(tmp_path: Path) -> None:
    """Two styles of subtotal in one sheet: 'รวม น้ำมัน' labelled, then a bare 120 under the two
    electricity rows (50 + 70). The bare one adds up the rows since the labelled one: a total row,
    rightly not read, and not said; the total is the lines' (120 kWh x 0.4999 kg/kWh, plus diesel)."""
    rows = [
        ["electricity-grid", None, "Office", "kWh", None, *[None] * 12, 100],
        ["electricity-grid", None, "Depot", "kWh", None, *[None] * 12, 200],
        [None, None, "รวม ไฟฟ้าสำนักงาน", None, None, *[None] * 12, 300],
        ["electricity-grid", None, "Pump 1", "kWh", None, *[None] * 12, 50],
        ["electricity-grid", None, "Pump 2", "kWh", None, *[None] * 12, 70],
        [None, None, None, None, None, *[None] * 12, 120],
    ]
    activities_workbook(tmp_path / "town.xlsx", rows)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert issues_coded(run, "activity-missing") == [], run
    assert total_of(run) == pytest.approx(420 * GRID_T_PER_KWH, rel=1e-12)


TOTAL_WORDS = ["ยอดรวม", "รวมทั้งหมด", "รวมทั้งปี", "รวมไฟฟ้า", "รวม (kWh)", "Grand total", "Total:", "TOTAL"]


@pytest.mark.parametrize("column", ["activity", "label"])
@pytest.mark.parametrize("word", TOTAL_WORDS)
def test_a_total_row_in_the_officers_own_words_is_a_total_row(tmp_path: Path, column: str, word: str) -> None:
    """A subtotal under two meters, labelled in the words Thai offices use, in the Activity or the
    Label column: a total row, not read and not said (neither factor-missing nor activity-missing);
    the total is the meters' (100 + 200 kWh a month, twelve months)."""
    total_row = [word if column == "activity" else None, None, word if column == "label" else None, "kWh", None]
    rows = [
        meter_row("electricity-grid", "Meter 1", "kWh", 100),
        meter_row("electricity-grid", "Meter 2", "kWh", 200),
        [*total_row, *[300] * 12, None],
    ]
    activities_workbook(tmp_path / "town.xlsx", rows)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert not [p for p in issues(run.stderr) if p.code in ("factor-missing", "activity-missing")], run
    assert total_of(run) == pytest.approx(3600 * GRID_T_PER_KWH, rel=1e-12)


def test_a_unit_the_header_gives_is_the_unit_of_rows_that_leave_it_out(tmp_path: Path) -> None:
    """`Total / รวม (kWh)` over rows whose Unit cells are empty: the header says the unit once for
    the column, so the rows are in kWh (1,000 kWh x 0.4999 kg/kWh), never an error of an empty unit."""
    header = ["Activity", "Scope", "Label", "Unit", "ID", *CALENDAR_MONTHS, "Total / รวม (kWh)"]
    rows = [["electricity-grid", None, "Offices", None, None, *[None] * 12, 1000]]
    activities_workbook(tmp_path / "town.xlsx", rows, header=header)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(1000 * GRID_T_PER_KWH, rel=1e-12)
