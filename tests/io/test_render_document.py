"""The Markdown and xlsx renderers of a report Document (reports/render_markdown.py, render_xlsx.py).

A small document written by hand: two sections, a table with a column of each kind, an indented
row, a subtotal and a total, a bar chart drawn from the table's rows, a pie, a line with a gap and a
marked base year, a stacked bar; texts with '|', '<script>', '=SUM(A1)' and Thai. Every expected
text below is worked out by hand from those values (thousands separated, tonnes to 2 decimals,
shares x 100 to one decimal, rounded half up as a spreadsheet shows them), never copied from the
renderers' output.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from ghgcalc import i18n
from ghgcalc.reports import render_markdown, render_xlsx
from ghgcalc.reports.document import Chart, Column, Document, Fact, Row, Section, Series, table
from ghgcalc.reports.report_xlsx import (
    FMT_FRACTION,
    FMT_WHOLE,
    LINE_HEIGHT,
    MIN_SCALE,
    column_points,
    printable_points,
)

THAI = re.compile(r"[\u0e01-\u0e5b]")
EMU_PER_POINT = 12700
COLUMNS = [
    Column("Sector"),
    Column("GPC", "code"),
    Column("tCO2e", "tonnes"),
    Column("Share", "share"),
    Column("Change", "percent"),
    Column("Lines", "number"),
    Column("Year", "year"),
]
ROWS = [
    Row(("Stationary energy", "I", 1200.5, 0.6, 4.25, 12, "2567")),
    Row(("Residential buildings", "I.1", 700.25, 0.35, -1.5, 7, "2567"), level=1),
    Row(("Commercial <script>", "I.2", 500.25, 0.25, None, 5, "2567"), level=1),
    Row(("Subtotal energy", None, 1200.5, 0.6, None, 12, None), emphasis="subtotal"),
    Row(("ขยะ Waste", "III", 800.123456, 0.4, 10.0, 3.5, "2567")),
    Row(("Total", None, 2000.623456, 1.0, None, 15.5, None), emphasis="total"),
]
BAR = Chart(
    "Buildings",
    "bar",
    ("Residential buildings", "Commercial <script>"),  # rows 2 and 3 of the table, tonnes column
    (Series("tCO2e", (700.25, 500.25)),),
    alt="Residential buildings emit the most, 700.25 tCO2e.",
)
PIE = Chart(
    "Share by scope",
    "pie",
    ("Scope 1", "Scope 2", "Scope 3"),
    (Series("tCO2e", (900.0, 1000.0, 100.623456)),),
    alt="Scope 2 is half of the total.",
)
LINE = Chart(
    "Total by year",
    "line",
    ("2562", "2563", "2564", "2565"),
    (Series("Total", (2100.0, None, 1950.5, 2000.623456)), Series("Energy", (1300.0, None, 1100.0, 1200.5))),
    alt="The total fell 4.7 % from the base year 2562; 2563 has no inventory.",
    marked=("2562",),
)
STACKED = Chart(
    "By sector and year",
    "stacked-bar",
    ("2562", "2565"),
    (Series("Energy", (1300.0, 1200.5)), Series("Waste", (800.0, 800.123456))),
    alt="Energy is the larger part in both years.",
)


def sample(language: str = "en") -> Document:
    sectors = table(
        "Emissions by sector | 2567",
        COLUMNS,
        ROWS,
        notes=["=SUM(A1) is text, not a formula", "ขยะมูลฝอย | ก๊าซเรือนกระจก"],
        key="by-sector",
    )
    overview = Section(
        "ภาพรวม Overview",
        facts=(Fact("Province", "เชียงใหม่ Chiang Mai"),),
        paragraphs=("The inventory covers BASIC sources.", "# not a heading | <b>bold</b>"),
        tables=(sectors,),
        charts=(BAR, PIE),
        key="Overview",
    )
    trend = Section("Trend: by year / sector", charts=(LINE, STACKED))
    return Document(
        "GHG inventory <script>alert(1)</script>",
        language,
        (overview, trend),
        subtitle="=SUM(A1) fiscal year 2567",
        facts=(Fact("Period", "ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)"), Fact("GWP", "AR5")),
        footer="ghgcalc 0.0 test",
        source_notes=("tgo-cfo@2022-04 (sha256 0123456789ab)",),
    )


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_table_lines() -> None:
    text = render_markdown.render(sample())
    nbsp = "\u00a0" * 4
    expected = [
        "### Emissions by sector \\| 2567",
        "",
        "| Sector | GPC | tCO2e | Share | Change | Lines | Year |",
        "|---|---|---:|---:|---:|---:|:---:|",
        "| Stationary energy | `I` | 1,200.50 | 60.0 % | 4.3 % | 12 | 2567 |",
        f"| {nbsp}Residential buildings | `I.1` | 700.25 | 35.0 % | -1.5 % | 7 | 2567 |",
        f"| {nbsp}Commercial \\<script\\> | `I.2` | 500.25 | 25.0 % | – | 5 | 2567 |",
        "| **Subtotal energy** | – | **1,200.50** | **60.0 %** | – | **12** | – |",
        "| ขยะ Waste | `III` | 800.12 | 40.0 % | 10.0 % | 3.5 | 2567 |",
        "| **Total** | – | **2,000.62** | **100.0 %** | – | **15.5** | – |",
        "",
        "\\=SUM(A1) is text, not a formula",
        "",
        "ขยะมูลฝอย \\| ก๊าซเรือนกระจก",
        "",
    ]
    lines = text.splitlines()
    start = lines.index(expected[0])
    assert lines[start : start + len(expected)] == expected


def test_markdown_document_structure_and_escaping() -> None:
    text = render_markdown.render(sample())
    lines = text.splitlines()
    assert lines[0] == "# GHG inventory \\<script\\>alert(1)\\</script\\>"
    assert "<script>" not in text.replace("\\<script\\>", "")  # never raw HTML
    assert lines[2] == "\\=SUM(A1) fiscal year 2567"
    assert "- Period: ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)" in lines
    assert [line for line in lines if line.startswith("## ")] == [
        "## ภาพรวม Overview",
        "## Trend: by year / sector",
        "## Sources of the data",
    ]
    # a paragraph that starts like a heading stays a paragraph; its | and tags are escaped
    assert "\\# not a heading \\| \\<b\\>bold\\</b\\>" in lines
    # the source notes and the footer close the document
    assert lines[-5:] == ["- tgo-cfo@2022-04 (sha256 0123456789ab)", "", "---", "", "*ghgcalc 0.0 test*"]
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_charts_are_their_text_alternative_and_their_numbers() -> None:
    lines = render_markdown.render(sample()).splitlines()
    bar = lines.index("*Chart: Buildings. Residential buildings emit the most, 700.25 tCO2e.*")
    # the bar's numbers are rows of the sectors table: no second table of them
    assert lines[bar + 2] == "*Chart: Share by scope. Scope 2 is half of the total.*"
    pie = bar + 2
    assert lines[pie + 2 : pie + 8] == [
        "|  | tCO2e |",
        "|---|---:|",
        "| Scope 1 | 900.00 |",
        "| Scope 2 | 1,000.00 |",
        "| Scope 3 | 100.62 |",
        "",
    ]
    line = lines.index("*Chart: Total by year. The total fell 4.7 % from the base year 2562; 2563 has no inventory.*")
    assert lines[line + 2 : line + 8] == [
        "|  | Total | Energy |",
        "|---|---:|---:|",
        "| **2562** | 2,100.00 | 1,300.00 |",  # the marked base year
        "| 2563 | – | – |",  # the gap
        "| 2564 | 1,950.50 | 1,100.00 |",
        "| 2565 | 2,000.62 | 1,200.50 |",
    ]


def test_markdown_in_thai_says_chart_in_thai() -> None:
    i18n.set_language("th")
    text = render_markdown.render(sample("th"))
    assert "*แผนภูมิ: Buildings — Residential buildings emit the most, 700.25 tCO2e.*" in text
    assert "## แหล่งที่มาของข้อมูล" in text


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (None, "tonnes", "–"),
        (1234567.891, "tonnes", "1,234,567.89"),
        (2.675, "tonnes", "2.68"),  # half up on 2.675 as written (the float is 2.67499999...)
        (-1e-12, "tonnes", "0.00"),  # float noise (and -0.00 reads 0.00)
        (-0.001, "tonnes", "> -0.01"),  # a real value is never shown as 0
        (0.0004, "tonnes", "< 0.01"),
        (1e-9, "number", "< 0.000001"),
        (0.1 + 0.2, "number", "0.3"),  # 0.30000000000000004 is float noise
        (0.0125, "share", "1.3 %"),  # 1.25 % rounds half up, as a spreadsheet shows it
        (-1e-13, "share", "0.0 %"),
        (-0.0004, "share", "> -0.1 %"),
        (99.95, "percent", "100.0 %"),
        (1 / 3, "number", "0.333333"),
        (2567, "year", "2567"),
        ("NO", "tonnes", "NO"),  # a notation key in a number column
        ("a|b", "code", "a\\|b"),  # not a code span: its | must be escaped
        ("I.1.2", "code", "`I.1.2`"),
    ],
)
def test_markdown_cells_by_kind(value: Any, kind: Any, shown: str) -> None:
    assert render_markdown.cell(value, kind) == shown


# --- xlsx ----------------------------------------------------------------------------------------


def workbook(document: Document | None = None) -> Any:
    return load_workbook(io.BytesIO(render_xlsx.render(document or sample())))


def find(ws: Any, value: str) -> Any:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not on {ws.title}")


def resolve(wb: Any, reference: str) -> list[Any]:
    """The values of the cells a chart's formula ('Sheet'!$A$1:$A$3) points at."""
    sheet, _, cells = reference.rpartition("!")
    ws = wb[sheet.strip("'").replace("''", "'")]
    low_col, low_row, high_col, high_row = range_boundaries(cells.replace("$", ""))
    return [ws.cell(row=r, column=c).value for r in range(low_row, high_row + 1) for c in range(low_col, high_col + 1)]


def title_text(chart: Any) -> str:
    return "".join(run.t for paragraph in chart.title.tx.rich.p for run in paragraph.r or ())


def test_xlsx_sheets_are_named_after_the_sections() -> None:
    assert workbook().sheetnames == ["Overview", "Trend by year sector"]
    long = "A very long section title that runs past thirty-one characters"
    names = render_xlsx.sheet_names([Section(long), Section(long.upper()), Section("History"), Section("[?]")])
    assert names == [long[:31].rstrip(), long.upper()[:27].rstrip() + " (2)", "History (2)", "4"]
    assert all(len(name) <= 31 for name in names)


def test_xlsx_cells_hold_exact_values_with_formats_by_kind() -> None:
    ws = workbook()["Overview"]
    header = find(ws, "Sector").row
    assert [ws.cell(row=header, column=c).value for c in range(1, 8)] == [c.title for c in COLUMNS]
    assert ws.cell(row=header - 1, column=1).value == "Emissions by sector | 2567"
    for offset, row in enumerate(ROWS, start=1):
        values = [ws.cell(row=header + offset, column=c).value for c in range(1, 8)]
        assert values == list(row.cells)
    first = header + 1
    formats = [ws.cell(row=first, column=c).number_format for c in range(3, 7)]
    assert formats == ["#,##0.00", "0.0 %", '0.0" %"', FMT_WHOLE]
    assert ws.cell(row=header + 5, column=6).number_format == FMT_FRACTION  # 3.5 lines
    assert ws.cell(row=first, column=7).data_type == "s"  # the year as the builder wrote it
    assert ws.cell(row=header + 2, column=1).alignment.indent == 1


def test_xlsx_totals_and_subtotals_are_bold() -> None:
    ws = workbook()["Overview"]
    header = find(ws, "Sector").row
    bold = {offset: [ws.cell(row=header + offset, column=c).font.b for c in (1, 3, 4)] for offset in range(1, 7)}
    assert bold == {1: [False] * 3, 2: [False] * 3, 3: [False] * 3, 4: [True] * 3, 5: [False] * 3, 6: [True] * 3}
    assert ws.cell(row=header, column=1).font.b  # the header row
    assert ws.cell(row=header - 1, column=1).font.b  # the table's title


def test_xlsx_text_is_never_a_formula() -> None:
    data = render_xlsx.render(sample())
    wb = load_workbook(io.BytesIO(data))
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
    note = find(wb["Overview"], "=SUM(A1) is text, not a formula")
    assert note.data_type == "s" and note.quotePrefix
    assert find(wb["Overview"], "=SUM(A1) fiscal year 2567").data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in archive.read(name) for name in sheets)


def test_xlsx_shows_the_document_facts_and_sources_on_every_sheet() -> None:
    wb = workbook()
    for ws in wb:
        assert ws["A1"].value == "GHG inventory <script>alert(1)</script>"
        assert find(ws, "Period").offset(column=1).value == "ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)"
        find(ws, "tgo-cfo@2022-04 (sha256 0123456789ab)")
        find(ws, "ghgcalc 0.0 test")
    assert find(wb["Overview"], "Province").offset(column=1).value == "เชียงใหม่ Chiang Mai"


def test_xlsx_charts_are_native_and_drawn_from_the_cells() -> None:
    wb = workbook()
    overview, trend = wb["Overview"], wb["Trend by year sector"]
    kinds = [(type(c).__name__, title_text(c)) for c in overview._charts]
    assert kinds == [("BarChart", "Buildings"), ("PieChart", "Share by scope")]
    assert [(type(c).__name__, title_text(c)) for c in trend._charts] == [
        ("LineChart", "Total by year"),
        ("BarChart", "By sector and year"),
    ]
    expected = {chart.title: chart for chart in (BAR, PIE, LINE, STACKED)}
    for ws in (overview, trend):
        for drawn in ws._charts:
            chart = expected[title_text(drawn)]
            for series, given in zip(drawn.series, chart.series, strict=True):
                assert resolve(wb, series.val.numRef.f) == list(given.values)
                categories = series.cat.strRef or series.cat.numRef
                assert [str(v) for v in resolve(wb, categories.f)] == list(chart.categories)
                assert resolve(wb, series.tx.strRef.f) == [given.name]
    # the bar is drawn from the sectors table itself, its tonnes column
    header = find(overview, "Sector").row
    bar = overview._charts[0].series[0]
    assert bar.val.numRef.f == f"'Overview'!$C${header + 2}:$C${header + 3}"
    stacked = trend._charts[1]
    assert stacked.grouping == "stacked" and stacked.overlap == 100


def test_xlsx_line_chart_shows_gaps_and_marks_the_base_year() -> None:
    ws = workbook()["Trend by year sector"]
    line = ws._charts[0]
    assert line.display_blanks == "gap"
    for series in line.series:
        assert [point.idx for point in series.dPt] == [0]  # 2562, the marked category
    found = find(ws, "2562")
    assert found.font.b
    assert found.offset(row=1).value == "2563" and found.offset(row=1, column=1).value is None


def test_xlsx_charts_never_cover_a_table() -> None:
    wb = workbook()
    for ws in wb:
        for drawn in ws._charts:
            top = drawn.anchor._from.row + 1  # 1-based
            rows = math.ceil(drawn.anchor.ext.height / EMU_PER_POINT / LINE_HEIGHT)
            covered = [
                cell.coordinate
                for row in ws.iter_rows(min_row=top, max_row=top + rows)
                for cell in row
                if cell.value is not None
            ]
            assert not covered, (ws.title, title_text(drawn), covered)
            assert drawn.anchor._from.col == 0


def test_xlsx_prints_on_a4_landscape_one_page_wide() -> None:
    wb = workbook()
    for ws in wb:
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", int(ws.PAPERSIZE_A4))
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth, setup.fitToHeight) in ((1, 0), ("1", "0"))
        # fitted to the width, 11-point text still prints at 8 points or more
        widths = [ws.column_dimensions[letter].width for letter in ws.column_dimensions]
        assert sum(column_points(w) for w in widths) * MIN_SCALE / 100 <= printable_points("A4")
        sizes = {cell.font.sz for row in ws.iter_rows() for cell in row if cell.value is not None}
        assert min(sizes) >= 8
    # two tables on each sheet (a chart's numbers are a table): no one header to repeat
    assert wb["Overview"].print_title_rows is None
    assert wb["Trend by year sector"].print_title_rows is None


def test_xlsx_a_wide_table_prints_across_pages_at_8_points() -> None:
    columns = [Column("Name")] + [Column(f"A long column title number {n}", "tonnes") for n in range(1, 19)]
    rows = [Row((f"Line {n}", *(1000.0 * n + c for c in range(18)))) for n in range(1, 40)]
    wide = Document("Wide", "en", (Section("Every line", tables=(table("All lines", columns, rows),)),))
    ws = workbook(wide)["Every line"]
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.scale >= MIN_SCALE
    assert ws.print_title_cols == "$A:$A"  # the names repeat on every page across
    header = find(ws, "Name").row
    assert ws.print_title_rows == f"${header}:${header}"  # the one table's header on every page down
    assert ws.col_breaks.brk  # split between columns


def test_xlsx_is_the_same_bytes_for_the_same_document() -> None:
    first, second = render_xlsx.render(sample()), render_xlsx.render(sample())
    assert first == second
    assert render_xlsx.render(sample("th")) != first  # the language is in the properties


def test_xlsx_in_thai() -> None:
    i18n.set_language("th")
    wb = workbook(sample("th"))
    ws = wb["Overview"]
    assert find(ws, "ภาพรวม Overview").font.b
    find(ws, "แหล่งที่มาของข้อมูล")
    assert THAI.search(find(ws, "ขยะมูลฝอย | ก๊าซเรือนกระจก").value)


def test_xlsx_prints_with_libreoffice(tmp_path: Path) -> None:
    """What a person prints: LibreOffice opens the workbook and its PDF has the numbers as the
    formats show them, the Thai text and every chart's title."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext is not installed")
    i18n.set_language("th")
    path = tmp_path / "report.xlsx"
    path.write_bytes(render_xlsx.render(sample("th")))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    for shown in ("2,000.62", "1,200.50", "800.12", "60.0 %", "4.3 %", "ขยะมูลฝอย", "แหล่งที่มาของข้อมูล", "Buildings"):
        assert shown in text, shown
    assert "Total by year" in text and "By sector and year" in text
