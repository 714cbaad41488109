"""A real line too small for a report's decimals (0.0004 t, 2e-7 t) is never shown as 0: it reads
"< 0.01" (or "< 0.000001", "< 0.1 %") in every format, or with its significant digits, and the
workbook's cell keeps the exact value; only float noise (below 1e-9) reads 0 (docs/reports.md,
"Numbers: exact, and TGO's rounding beside them")."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.test_compute_html import Page
from tests.helpers import ghgcalc, write

TINY = """ghgcalc: 1
name: Tiny town
kind: {kind}
period: FY2567
factors: tgo-cfo
activities:
  - {{activity: diesel-mobile, label: trucks, unit: L, amount: 1000{gpc_diesel}}}
  - {{activity: electricity-grid, label: pump, unit: kWh, amount: 0.8{gpc_grid}}}
  - {{activity: electricity-grid, label: micro, unit: kWh, amount: 0.0004{gpc_grid}}}
"""
ORGANISATION = TINY.format(kind="organization", gpc_diesel="", gpc_grid="")
COMMUNITY = TINY.format(kind="community", gpc_diesel=", gpc: II.1.1", gpc_grid=", gpc: I.1.2")
_FIXED = re.compile(r"[#,]*0(?:\.(?P<decimals>[0#]+))?(?P<after>%|\s%|\"[^\"]*\")?")


def _reads_zero(value: float, number_format: str) -> bool:
    """Whether a plain fixed-decimal format shows this nonzero value as 0 (0.00, 0.0000, 0.00%)."""
    fixed = _FIXED.fullmatch(number_format)
    if fixed is None:
        return False
    scale = 100 if (fixed["after"] or "").strip() == "%" else 1
    step = Decimal(1).scaleb(-len(fixed["decimals"] or ""))
    return Decimal(repr(value * scale)).quantize(step, ROUND_HALF_UP) == 0


def test_the_cfo_workbook_never_shows_a_real_line_as_zero(tmp_path: Path) -> None:
    write(tmp_path, "tiny.yaml", ORGANISATION)
    run = ghgcalc(tmp_path, "compute", "tiny.yaml", "-f", "xlsx", "-o", "tiny.xlsx")
    assert run.code == 0, run
    book = load_workbook(tmp_path / "tiny.xlsx")
    zeros = [
        f"{sheet.title}!{cell.coordinate} {cell.value} {cell.number_format}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "n" and abs(cell.value or 0) >= 1e-9 and _reads_zero(cell.value, cell.number_format)
    ]
    assert zeros == []
    lines = book["Fr-04.1 Inventory"]
    micro = next(row for row in lines.iter_rows() if any(cell.value == "micro" for cell in row))
    tonnes = [cell for cell in micro if cell.data_type == "n" and 1e-7 < (cell.value or 0) < 1e-6]
    assert tonnes and all('"< 0.000001"' in cell.number_format for cell in tonnes), tonnes
    assert {cell.value for cell in tonnes} == {0.0004 * 0.4999 / 1000}  # the cell keeps the exact value


def test_the_web_page_the_markdown_and_the_terminal_never_show_a_real_line_as_zero(tmp_path: Path) -> None:
    write(tmp_path, "tiny.yaml", ORGANISATION)
    html = ghgcalc(tmp_path, "compute", "tiny.yaml", "-f", "html")
    assert html.code == 0, html
    page = Page()
    page.feed(html.stdout)
    rows = {row[0]: row for table in page.tables.values() for row in table if row and row[0] in ("pump", "micro")}
    assert "< 0.01" in rows["pump"] and "0.00" not in rows["pump"], rows["pump"]
    assert "< 0.01" in rows["micro"] and "0.0004" in rows["micro"] and "0.00" not in rows["micro"], rows["micro"]
    assert "0.0 %" not in html.stdout.split("pump", 1)[1].split("micro", 1)[0]

    table = ghgcalc(tmp_path, "compute", "tiny.yaml", "-f", "table")
    assert table.code == 0, table
    micro = next(line for line in table.stdout.splitlines() if "micro (electricity-grid)" in line)
    assert "e-" not in micro and "0.0004" in micro and "< 0.000001" in micro, micro  # not 2e-07

    markdown = ghgcalc(tmp_path, "compute", "tiny.yaml", "-f", "md")
    assert markdown.code == 0, markdown
    pump = next(line for line in markdown.stdout.splitlines() if "| pump |" in line)
    assert "0.00039992" in pump and "< 0.1 %" in pump, pump

    write(tmp_path, "town.yaml", COMMUNITY)
    gpc = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "md")
    assert gpc.code == 0, gpc
    grid = [line for line in gpc.stdout.splitlines() if line.startswith("|") and "buildings (Scope 2)" in line]
    assert grid and all("< 0.01" in line and "| 0.00 |" not in line for line in grid), grid
