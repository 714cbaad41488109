"""The audit's workbook prints as a verifier attaches it: A4 landscape, one page wide at a size that
can be read (75 % or more of 11 points, as the CFO report prints), every text whole. It printed on
US Letter at 55 % (6 points), and a year's verdict row cut its workbook's path and sheet name where
the next column began."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ghgcalc.reports.report_xlsx import MIN_SCALE, column_points, printable_points
from tests.helpers import ghgcalc
from tests.tgo_workbooks import generate as g


def test_the_audit_workbook_prints_on_a4_at_a_readable_size_and_cuts_no_text(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False)
    g.form_1_5_1(tmp_path / "gh2568.xlsx")
    run = ghgcalc(tmp_path, "--lang", "th", "audit", "gh2569.xlsx", "gh2568.xlsx", "-f", "xlsx", "-o", "audit.xlsx")
    assert run.code == 0, run
    ws = load_workbook(tmp_path / "audit.xlsx")["Findings"]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"
    wide = sum(column_points(ws.column_dimensions[get_column_letter(c)].width) for c in range(1, ws.max_column + 1))
    assert wide * MIN_SCALE / 100 <= printable_points("A4"), f"{wide:.0f} pt prints below {MIN_SCALE} %"
    verdicts = [row for row in range(4, ws.max_row + 1) if ws.cell(row, 9).font.bold]
    assert verdicts
    for row in verdicts:
        for column in (1, 2):
            cell = ws.cell(row, column)
            width = ws.column_dimensions[get_column_letter(column)].width
            assert cell.alignment.wrap_text or len(str(cell.value or "")) <= width, (cell.coordinate, cell.value)
