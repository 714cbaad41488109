"""The CFO workbook's forms print without an orphaned heading (docs/cfo-report.md, "Printing"): every
page of Fr-03 and Fr-04.1 ends at a break the workbook sets, a little before a spreadsheet program
would end it, so LibreOffice and Excel break where ghgcalc counted (a program that fitted two rows
more on a page printed "Reported separately" at a page foot with its rows on the next page); a
heading is never a page's last row, and a scope without lines says so under its heading.

The pages are measured as a program lays them out: the rows' heights (15 points unless set), the
sheet's scale and A4 landscape between the margins, the table's heading rows repeated on each page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ghgcalc.reports.report_xlsx import LINE_HEIGHT, MARGIN_TOP_IN, PAPER_HEIGHT_PT
from tests.helpers import ghgcalc, write

SECTION = "00F2F2F2"  # the fill of a form's section heading (a scope, "Reported separately")


def _inventory(lines: int) -> str:
    rows = []
    for number in range(1, lines + 1):
        if number % 3 == 0:
            label = f"Meter {number} town hall building"
            rows.append(f"  - {{activity: electricity-grid, label: '{label}', unit: kWh, amount: 1000}}")
        else:
            rows.append(f"  - {{activity: diesel-mobile, label: 'Truck {number}', unit: L, amount: 100}}")
    return "ghgcalc: 1\nname: Test town\nperiod: FY2567\nactivities:\n" + "\n".join(rows) + "\n"


def _pages(ws: Any) -> list[list[int]]:
    breaks = sorted(brk.id for brk in ws.row_breaks.brk)
    pages, first = [], 1
    for last in [*breaks, ws.max_row]:
        pages.append(list(range(first, last + 1)))
        first = last + 1
    return [page for page in pages if page]


def _height(ws: Any, row: int) -> float:
    return ws.row_dimensions[row].height or LINE_HEIGHT


def _heading(ws: Any, row: int) -> bool:
    cell = ws.cell(row=row, column=1)
    return isinstance(cell.value, str) and cell.fill.fgColor.rgb == SECTION


@pytest.mark.parametrize("lines", [1, 12, 28, 40])
def test_every_page_ends_where_the_workbook_breaks_it_and_never_on_a_heading(tmp_path: Path, lines: int) -> None:
    write(tmp_path, "town.yaml", _inventory(lines))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "xlsx", "-o", "town.xlsx")
    assert run.code == 0, run
    book = load_workbook(tmp_path / "town.xlsx")
    for name in ("Fr-03 Sources", "Fr-04.1 Inventory"):
        ws = book[name]
        room = (PAPER_HEIGHT_PT["A4"] - 2 * MARGIN_TOP_IN * 72) * 100 / (ws.page_setup.scale or 100)
        first, last = (int(part.strip("$")) for part in ws.print_title_rows.split(":"))
        repeated = sum(_height(ws, row) for row in range(first, last + 1))
        for number, page in enumerate(_pages(ws)):
            height = sum(_height(ws, row) for row in page) + (repeated if number else 0)
            assert height <= room, f"{name}: page {number + 1} (rows {page[0]}-{page[-1]}) is {height:.0f} pt"
            filled = [row for row in page if any(cell.value is not None for cell in ws[row])]
            assert not _heading(ws, filled[-1]), f"{name}: page {number + 1} ends on the heading at row {filled[-1]}"
        for row in range(1, ws.max_row):
            if _heading(ws, row):  # something under every heading: a line, or "no lines"
                assert ws.cell(row=row + 1, column=3).value or ws.cell(row=row + 1, column=1).value, (name, row)


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_notes_under_fr04_1_never_print_alone_on_a_page(tmp_path: Path, language: str) -> None:
    """The example's Fr-04.1 printed its two notes alone on a page under the repeated headings (the
    notes, 78 points high in Thai, did not fit under the last table): every page has a line or a total."""
    from tests.conftest import ROOT

    run = ghgcalc(
        tmp_path,
        "--lang",
        language,
        "compute",
        str(ROOT / "examples" / "municipality.yaml"),
        "-f",
        "xlsx",
        "-o",
        "m.xlsx",
    )
    assert run.code == 0, run
    book = load_workbook(tmp_path / "m.xlsx")
    for name in ("Fr-03 Sources", "Fr-04.1 Inventory"):
        ws = book[name]
        for number, page in enumerate(_pages(ws)):
            numbers = [row for row in page if any(isinstance(cell.value, int | float) for cell in ws[row])]
            assert numbers, f"{name}: page {number + 1} (rows {page[0]}-{page[-1]}) has no line and no total"


def test_fr03_s_last_column_never_runs_past_the_printed_page(tmp_path: Path) -> None:
    """The R-22 line's mark "reported separately" ran out of Fr-03's last column, 14 wide: LibreOffice
    printed the overflow, "eparately", on a page of its own. A text in the last column wraps or fits."""
    from openpyxl.utils import get_column_letter

    from tests.conftest import ROOT

    run = ghgcalc(tmp_path, "--lang", "en", "compute", str(ROOT / "examples" / "municipality.yaml"), "-o", "m.xlsx")
    assert run.code == 0, run
    ws = load_workbook(tmp_path / "m.xlsx")["Fr-03 Sources"]
    last = ws.max_column  # the significance mark
    width = ws.column_dimensions[get_column_letter(last)].width
    marks = [ws.cell(row=row, column=last) for row in range(1, ws.max_row + 1)]
    texts = [cell for cell in marks if isinstance(cell.value, str)]
    assert any(cell.value == "reported separately" for cell in texts), [cell.value for cell in texts]
    for cell in texts:
        assert cell.alignment.wrap_text or len(cell.value) <= width, (cell.coordinate, cell.value, width)
