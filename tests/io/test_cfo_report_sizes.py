"""The CFO workbook for a large organisation (docs/cfo-report.md): every number is shown, never ###,
every source of Fr-02 is listed whole, and a long name gets the rows it needs.

The checks read the written workbook as a reader's spreadsheet program lays it out: a column is wide
enough for the text its number format shows (Calibri's digits about a column unit each, its comma and
point half of one), a row high enough for the lines its wrapped text takes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import i18n
from tests.helpers import ghgcalc, write

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")
    i18n.set_calendar("")


def book(cwd: Path, name: str, *args: str) -> Any:
    out = cwd / "report.xlsx"
    run = ghgcalc(cwd, *args, "compute", name, "-f", "xlsx", "-o", str(out), "--force")
    assert run.code == 0, run
    return openpyxl.load_workbook(out)


def shown(value: float, number_format: str) -> str | None:
    """The text a fixed-point number format shows (the formats of the CFO forms), else None."""
    match = re.fullmatch(r"(#,##)?0(?:\.(0*)(#*))?(%?)", number_format)
    if match is None:
        return None
    comma, zeros, optional, percent = match.groups()
    zeros, optional = zeros or "", optional or ""
    number = value * 100 if percent else value
    text = f"{number:{',' if comma else ''}.{len(zeros) + len(optional)}f}"
    while optional and text.endswith("0"):
        text, optional = text[:-1], optional[:-1]
    return text + percent


def too_narrow(ws: Any) -> list[str]:
    """The numbers a column is too narrow for: shown as ### in Excel and LibreOffice."""
    from openpyxl.utils import get_column_letter

    merged = {(r.min_row, r.min_col): r.max_col for r in ws.merged_cells.ranges}
    found = []
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, int | float) or isinstance(cell.value, bool):
                continue
            text = shown(cell.value, cell.number_format)
            if text is None:
                continue
            last = merged.get((cell.row, cell.column), cell.column)
            width = sum(ws.column_dimensions[get_column_letter(c)].width or 9 for c in range(cell.column, last + 1))
            # a digit is a column unit; a comma, point or sign half of one; a unit of padding
            needed = sum(1 if char.isdigit() else 0.5 for char in text) + 1
            if needed > width:
                found.append(f"{ws.title}!{cell.coordinate} {text} in width {width}")
    return found


def test_a_total_of_a_million_tonnes_and_more_is_shown_in_every_cell(tmp_path: Path) -> None:
    """400 million litres of diesel is 1,096,249 tCO2e; 1e12 L a thousand times that. Every cell of
    every sheet is wide enough for its number: the grand total of Fr-04.1 and the tonnes of each gas
    were ### at 6 decimals in a column 14 or 15 wide."""
    for amount in ("4e8", "1e12"):
        write(
            tmp_path,
            "big.yaml",
            "ghgcalc: 1\nname: Big city\nperiod: FY2567\nfactors: tgo-cfo\noutput: {amount: 3, unit: staff}\n"
            f"activities:\n  - {{activity: diesel-mobile, label: trucks, unit: L, amount: {amount}}}\n"
            "  - {activity: paper, label: paper, unit: kg, amount: 0.0004}\n",
        )
        workbook = book(tmp_path, "big.yaml")
        fr04 = workbook["Fr-04.1 Inventory"]
        totals = [row for row in fr04.iter_rows() if any(c.value == "Scope 1+2+3 total" for c in row)]
        assert totals and any(isinstance(c.value, float) and c.value > 1e6 for c in totals[0])
        assert [problem for ws in workbook for problem in too_narrow(ws)] == []
