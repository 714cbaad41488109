"""The Activities sheet's common rows are read without a call per cell (io/excel_reader.py): the
document, the issues and the positions must be those of reading every cell one by one, as the
reader does on a sheet with error cells (SheetReader.value)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ghgcalc.io import excel_cells
from ghgcalc.io.excel_reader import read_workbook

MONTHS = ["Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"]
CELLS: list[Any] = [
    None,
    "",
    "  ",
    " text ",
    "ไฟฟ้า",
    "total",
    " Subtotal ",
    "electricity-grid — การใช้พลังงานไฟฟ้า",
    "diesel-mobile",
    "-5",
    0,
    0.0,
    -0.0,
    1,
    12.0,
    12.5,
    -3.0,
    2.0**60,
    1e300,
    True,
    dt.datetime(2024, 1, 2),
    dt.datetime(2024, 1, 2, 3, 4),
]


def sheet_rows(generator: random.Random, count: int) -> list[list[Any]]:
    rows = []
    for _ in range(count):
        width = generator.choice([18, 18, 18, 3, 10, 0])  # short rows too: cells past a row's end
        row = [generator.choice(CELLS) for _ in range(width)]
        if width and generator.random() < 0.7:
            row[0] = generator.choice(["diesel-mobile", "paper", "electricity-grid — ไฟฟ้า", 5, " total "])
        rows.append(row)
    return rows


def workbook(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Inventory"
    for row in (["Field", "Value"], ["ghgcalc", 1], ["name", "Town"], ["period", "FY2567"]):
        sheet.append(row)
    activities = book.create_sheet("Activities")
    activities.append(["Activity", "Scope", "Label", "Unit", "ID", *MONTHS, "Total"])
    for row in rows:
        activities.append(row)
    book.save(path)
    return path


def read(path: Path) -> tuple[Any, ...]:
    document, positions, issues = read_workbook(str(path), "town.xlsx")
    return repr(document), repr(positions), [repr(i) for i in issues]


@pytest.mark.parametrize("seed", range(6))
def test_rows_read_fast_are_read_as_cell_by_cell(tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    path = workbook(tmp_path / "town.xlsx", sheet_rows(random.Random(seed), 60))
    cell_by_cell = []
    careful = excel_cells.SheetReader.value

    def value(self: excel_cells.SheetReader, *args: Any) -> Any:
        cell_by_cell.append(args)
        return careful(self, *args)

    monkeypatch.setattr(excel_cells.SheetReader, "value", value)
    fast = read(path)
    assert len(cell_by_cell) < 40  # the header and the Inventory sheet: the rows were read fast
    # every cell through SheetReader.value, as on a sheet with error cells
    monkeypatch.setattr(excel_cells.SheetReader, "special", lambda self, sheet: True)
    assert read(path) == fast
    assert fast[0].count("'amount'") > 20  # rows were read


def test_whole_numbers_stay_whole_for_convert(tmp_path: Path) -> None:
    path = workbook(tmp_path / "town.xlsx", [["paper", None, "a", "kg", "r1", 12.0, 12.5, 0.0, *[1.0] * 9, None]])
    document, _positions, _issues = read_workbook(str(path), "town.xlsx")
    assert document is not None
    amount = document["activities"][0]["amount"]
    assert amount[:3] == [12, 12.5, 0] and [type(m) for m in amount[:3]] == [int, float, int]
