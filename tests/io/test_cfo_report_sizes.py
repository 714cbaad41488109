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


THAI_NAME = "เทศบาลตำบลหนองบัวแดงพัฒนาก้าวหน้าเจริญรุ่งเรืองยั่งยืนตลอดไปชั่วกาลนาน อำเภอเมืองตัวอย่าง จังหวัดตัวอย่างมากๆ"


def printed_columns(text: str) -> float:
    """The width a text prints at, at least: a Thai letter 1.15 columns (LibreOffice's Thai font, measured
    on the page image of this name; vowel and tone marks above or below a letter none), any other
    character 0.8."""
    import unicodedata

    return sum(1.15 if "\u0e00" <= char <= "\u0e7f" else 0.8 for char in text if unicodedata.category(char) != "Mn")


def merged_width(ws: Any, row: int, column: int) -> float:
    from openpyxl.utils import get_column_letter

    last = next((r.max_col for r in ws.merged_cells.ranges if (r.min_row, r.min_col) == (row, column)), column)
    return sum(ws.column_dimensions[get_column_letter(c)].width or 9 for c in range(column, last + 1))


def test_fr01_a_long_thai_name_without_spaces_gets_the_lines_it_needs(tmp_path: Path) -> None:
    """110 characters, 93 of them Thai letters with no space between words: wider than the merged
    cell (B:D) it is written in, so its row is two lines high (it had no height and printed its second
    line over the next row)."""
    write(tmp_path, "long.yaml", f"ghgcalc: 1\nname: {THAI_NAME}\nperiod: FY2567\nfactors: tgo-cfo\nactivities: []\n")
    ws = book(tmp_path, "long.yaml", "--lang", "th")["Fr-01 Organisation"]
    row = next(cell.row for cell in ws["B"] if cell.value == THAI_NAME)
    width = merged_width(ws, row, 2)
    lines = -(-printed_columns(THAI_NAME) // (width - 1))
    assert lines >= 2
    assert (ws.row_dimensions[row].height or 15) >= 15 * lines


@pytest.mark.parametrize("count", [500, 800])
def test_fr02_lists_every_source_whole_over_as_many_rows_as_it_needs(tmp_path: Path, count: int) -> None:
    """800 sources named in 45 Thai characters each are some 39,000 characters: more than the 32,767
    an Excel cell holds (565 were listed, the last cut mid-word) and far more than a printed page (a
    row of 1,413 points printed cut at the page's foot). Every name is listed whole, in rows each
    within a cell's limit and Excel's 409 points, and high enough for its lines."""
    labels = [f"รถบรรทุกน้ำดับเพลิงคันที่ {n:04} กองสาธารณสุขและสิ่งแวดล้อม" for n in range(1, count + 1)]
    body = "".join(f"  - {{activity: diesel-mobile, unit: L, amount: 10, label: {label}}}\n" for label in labels)
    write(tmp_path, "many.yaml", f"ghgcalc: 1\nname: เทศบาล\nperiod: FY2567\nfactors: tgo-cfo\nactivities:\n{body}")
    ws = book(tmp_path, "many.yaml", "--lang", "th")["Fr-02 Boundary"]
    scope_1 = [cell.row for cell in ws["A"] if str(cell.value or "").startswith("ประเภทที่ 1")]
    assert len(scope_1) > 1 and f"({count} รายการ)" in ws.cell(scope_1[0], 1).value
    assert all("(ต่อ)" in ws.cell(row, 1).value for row in scope_1[1:])
    listed = []
    for row in scope_1:
        text = ws.cell(row, 3).value
        listed += text.split("; ")
        assert len(text) <= 32_767
        height = ws.row_dimensions[row].height or 15
        assert height <= 409
        assert height >= 15 * -(-printed_columns(text) // (merged_width(ws, row, 3) - 1))
    assert listed == labels
