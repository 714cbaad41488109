"""Slips in an Activities sheet that change the total and that nothing else would catch, each a
located warning: the first months left empty (read as 0), a row of amounts without an activity
(not read), a total row keyed like its lines (counted twice), an amount formatted as a percentage
(12 % is the number 0.12: refused); and in any inventory, a period
whose year is a slip (2657 for 2567, 1/10/68 read as 1968) and a YAML list of decimal commas."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers import activities_workbook, ghgcalc, issues, write

MONTHS = ["Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"]
FISCAL_2567 = [["period", "FY2567"]]
STEADY = [4150.0, 4230.0, 4180.0, 4210.0, 4190.0, 4220.0, 4170.0, 4160.0, 4200.0, 4180.0, 4205.0, 4195.0]


def workbook(path: Path, rows: list[list[Any]], period: list[list[Any]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Inventory"
    for row in (["Field", "Value"], ["ghgcalc", 1], ["name", "Town"], *(period or [["period", "FY2567"]])):
        sheet.append(row)
    activities = book.create_sheet("Activities")
    activities.append(["Activity", "Scope", "Label", "Unit", "ID", *MONTHS, "Total"])
    for row in rows:
        activities.append(row)
    book.save(path)
    return path


def line(activity: str | None, label: str, months: list[float | None], total: float | None = None) -> list[Any]:
    return [activity, None, label, "kWh", None, *months, total]


def found(run: Any, code: str) -> list[Any]:
    return [p for p in issues(run.stderr) if p.code == code]


def test_empty_first_months_are_said_to_be_read_as_zero(tmp_path: Path) -> None:
    workbook(tmp_path / "town.xlsx", [line("electricity-grid", "Street lights", [None, None, *STEADY[2:]])])
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert run.code == 0, run
    [empty] = found(run, "amount-months-empty")
    assert empty.location == "town.xlsx[Activities]!F2" and empty.severity == "warning"
    assert "(F2:G2)" in empty.message and "read as 0" in empty.message


def test_a_row_of_amounts_without_an_activity_is_said_not_to_be_read(tmp_path: Path) -> None:
    rows = [
        line("electricity-grid", "Offices", STEADY),
        line(None, "Child centre", STEADY),  # the activity forgotten: not counted
        line(None, "รวม", [None] * 12, sum(STEADY) * 2),  # a grand total row: rightly not read, not said
    ]
    workbook(tmp_path / "town.xlsx", rows)
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    [missing] = found(run, "activity-missing")
    assert missing.location == "town.xlsx[Activities]!A3", run
    assert "not counted" in missing.message


def test_a_total_row_keyed_like_its_lines_is_said_to_count_them_twice(tmp_path: Path) -> None:
    offices, lights = STEADY, [2 * m for m in STEADY]
    rows = [
        line("electricity-grid", "Offices", offices),
        line("electricity-grid", "Street lights", lights),
        line("paper", "A4", [None] * 12, 450.0),
        line("electricity-grid", "All electricity", [None] * 12, sum(offices) + sum(lights)),  # by its amount
        line("electricity-grid", "รวมไฟฟ้าทั้งหมด", [None] * 12, 10.0),  # by its label
    ]
    rows[2][3] = "kg"
    workbook(tmp_path / "town.xlsx", rows)
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert [p.location for p in found(run, "subtotal-suspected")] == [
        "town.xlsx[Activities]!A5",
        "town.xlsx[Activities]!A6",
    ], run


def test_a_row_in_another_unit_is_no_total_of_the_rows_above(tmp_path: Path) -> None:
    """A total is in the unit of the rows it adds up: 1.5 MWh under rows of 1 and 0.5 kWh a year
    (their sum, 1.5, in kWh) is a row of its own; 1.5 kWh under them is the total."""
    rows = [
        line("electricity-grid", "Pump 1", [None] * 12, 1.0),
        line("electricity-grid", "Pump 2", [None] * 12, 0.5),
        line("electricity-grid", "Water plant", [None] * 12, 1.5),
    ]
    rows[2][3] = "MWh"
    workbook(tmp_path / "town.xlsx", rows)
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert not found(run, "subtotal-suspected"), run.stderr  # it was said, adding kWh and MWh
    rows[2][3] = "kWh"
    workbook(tmp_path / "town.xlsx", rows)
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert [p.location for p in found(run, "subtotal-suspected")] == ["town.xlsx[Activities]!A4"], run


def test_a_period_years_away_from_now_is_said_to_be_a_slip(tmp_path: Path) -> None:
    towns = {"future.yaml": "2657", "past.yaml": "1968", "now.yaml": str(dt.date.today().year + 543)}
    for name, period in towns.items():
        write(
            tmp_path,
            name,
            f"ghgcalc: 1\nname: T\nperiod: {period}\nactivities:\n  - {{activity: paper, amount: 5, unit: kg}}\n",
        )
    run = ghgcalc(tmp_path, "validate", *towns)
    said = [(p.location, p.code) for p in issues(run.stderr) if p.code.startswith("period-")]
    assert said == [("future.yaml:3:9", "period-future"), ("past.yaml:3:9", "period-early")], run
    dates = [["period_start", dt.datetime(1968, 10, 1)], ["period_end", dt.datetime(1969, 9, 30)]]  # 1/10/68
    workbook(tmp_path / "town.xlsx", [line("electricity-grid", "Offices", STEADY)], dates)
    [early] = found(ghgcalc(tmp_path, "validate", "town.xlsx"), "period-early")
    assert early.location == "town.xlsx[Inventory]!B4" and "two digits" in early.message


def test_a_yaml_list_of_decimal_commas_is_an_error_not_twice_the_months(tmp_path: Path) -> None:
    body = "ghgcalc: 1\nname: T\nperiod: FY2567\nactivities:\n  - activity: lpg-stationary\n    unit: kg\n"
    write(tmp_path, "commas.yaml", body + "    amount: [45,5, 48,2, 47,8, 46,1, 44,9, 45,7]\n")
    write(tmp_path, "compact.yaml", body + "    amount: [41,42,43,44,45,46,47,48,49,50,51,52]\n")  # meant as it reads
    run = ghgcalc(tmp_path, "validate", "commas.yaml", "compact.yaml")
    assert [(p.location, p.code) for p in issues(run.stderr) if p.severity == "error"] == [
        ("commas.yaml:7:13", "number-list-decimal-comma")
    ], run
    assert "45.5" in run.stderr


def test_an_amount_formatted_as_a_percentage_is_refused_at_its_cell(tmp_path: Path) -> None:
    """A month typed into a column formatted as %: the sheet shows 12%, the cell holds 0.12, and
    which of the two was meant cannot be known; every other cell of the row is read as it is."""
    path = workbook(tmp_path / "town.xlsx", [line("electricity-grid", "Offices", STEADY, None)])
    book = openpyxl.load_workbook(path)
    cell = book["Activities"]["H2"]  # December
    cell.value, cell.number_format = 0.12, "0%"
    book["Activities"]["D2"].number_format = "0%"  # a text cell (the unit) formatted so is no amount
    book.save(path)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1 and run.stdout == "", run
    [percent] = found(run, "amount-percent")
    assert percent.location == "town.xlsx[Activities]!H2" and percent.severity == "error", run
    assert "12%" in percent.message and "0.12" in percent.message
    assert len(issues(run.stderr)) == 1, run


def test_a_unit_in_an_amount_header_must_be_the_rows_unit(tmp_path: Path) -> None:
    """`Total (MWh)` over a row in kWh: 1,200 read as kWh is 0.6 t, as MWh 600 t; which one is meant
    only the officer knows, so the row is refused at its cell. A header unit the rows agree with is
    read as it is (1.2 MWh x 0.4999 kg/kWh = 0.59988 t)."""
    book = activities_workbook(
        tmp_path / "town.xlsx",
        [["electricity-grid", "kWh", "Offices", 1200], ["electricity-grid", "MWh", "Pumps", 1.2]],
        ["Activity", "Unit", "Label", "Total (MWh)"],
        FISCAL_2567,
    )
    activities = book["Activities"]
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1, run
    [header] = found(run, "unit-header")
    assert header.location == "town.xlsx[Activities]!D2" and header.severity == "error"
    assert "kWh" in header.message and "MWh" in header.message
    activities.delete_rows(2)
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert json.loads(run.stdout)["total_t_co2e"] == pytest.approx(1.2 * 1000 * 0.4999 / 1000, rel=1e-12)


def test_a_column_of_ticks_with_a_line_unticked_is_said_not_to_be_read(tmp_path: Path) -> None:
    """A checkbox column (`นับ`, TRUE/FALSE) beside the lines: ghgcalc does not read it, so the
    unticked car sold in the year is counted; that is said at the column's header, with its row. A
    column of notes holding one FALSE among its text, and ticks all TRUE, are not said."""
    rows = [
        ["diesel-mobile", "L", 1200, True, "รถ 1", True],
        ["diesel-mobile", "L", 800, False, False, True],
        ["electricity-grid", "kWh", 24000, None, "สำนักงาน", True],
    ]
    header = ["Activity", "Unit", "Total", "นับ", "หมายเหตุ", "ตรวจแล้ว"]
    activities_workbook(tmp_path / "town.xlsx", rows, header, FISCAL_2567)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    [ticks] = found(run, "column-ticks-ignored")
    assert ticks.location == "town.xlsx[Activities]!D1", run
    assert "'นับ'" in ticks.message and "(rows 3)" in ticks.message
    # counted all the same: 2,000 L of diesel
    assert sum(line["amount"] for line in json.loads(run.stdout)["lines"][:2]) == 2000
    thai = ghgcalc(tmp_path, "validate", "town.xlsx", "--lang", "th")
    assert "ช่องติ๊ก" in thai.stderr, thai


def test_a_hidden_row_of_the_inventory_sheet_is_said_where_it_is_read(tmp_path: Path) -> None:
    """A `gwp: AR4` row hidden on the Inventory sheet changes every line's weights: it is read, and
    said at its row, with the field it holds."""
    path = workbook(
        tmp_path / "town.xlsx", [line("electricity-grid", "Office", STEADY)], [["period", "FY2567"], ["gwp", "AR4"]]
    )
    book = openpyxl.load_workbook(path)
    book["Inventory"].row_dimensions[5].hidden = True
    book.save(path)
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    [hidden] = found(run, "row-hidden")
    assert hidden.location == "town.xlsx[Inventory]!A5", run
    assert hidden.message.endswith("(rows 5: gwp)")


def test_a_scope_cell_formatted_as_text_is_the_scope_it_shows(tmp_path: Path) -> None:
    """A Scope column formatted as text (green triangles in Excel) holds "1" or Thai "๓": the
    workbook was refused with "'scope' is '1'; it must be one of 1, 2, 3", while an amount typed
    as text ("12,500") is read. The scope it shows is the scope, on both sheets that have one."""
    book = activities_workbook(
        tmp_path / "town.xlsx",
        [
            ["electricity-grid", "2", "Offices", "kWh", None, *[None] * 12, "12,500"],
            ["my-paper", None, "Paper, the factor's scope", "kg", None, *[None] * 12, 100],
            ["paper", " ๓ ", "Paper", "kg", None, *[None] * 12, 100],
        ],
    )
    factors = book.create_sheet("Custom factors")
    factors.append(["Key", "Per", "Gas", "kg", "Scope", "Source"])
    factors.append(["my-paper", "kg", "CO2e", 2.0, "3", "supplier sheet"])
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    lines = json.loads(run.stdout)["lines"]
    assert [line["scope"] for line in lines] == [2, 3, 3]
