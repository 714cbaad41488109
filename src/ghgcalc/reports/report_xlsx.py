"""The CFO workbook after TGO's forms (docs/cfo-report.md): the assembly and the layout its sheets share.

Fr-01 organisation, Fr-02 boundary, Fr-03 sources (reports/cfo_forms.py), Fr-04.1 the quantification,
Fr-04.2 the base year's and Fr-04.3 its recalculation (cfo_fr04.py, cfo_recalc.py), Fr-05 the summary
of both years with the sign-off (cfo_fr05.py), with --uncertainty the Uncertainty, Key categories and
Data quality sheets (analysis_xlsx.py), then the factors and the documents they are cited from
(cfo_factors.py). Each sheet prints on A4 landscape pages, its titles repeated, no text below 8 pt.

Pure: results in, the bytes of an .xlsx out. openpyxl is imported only when a report is made, so
the CLI pays for it only with `--format xlsx`. Every cell holds the exact value of the result; only
the number formats round what is shown. The one exception is TGO's Fr-05 column, which rounds each
scope up to a whole tonne as the form's ROUNDUP(x, 0) does, written as a value, not a formula.

Several inventories give one set of sheets each, the sheet names suffixed " (1)", " (2)", ... The
sheet names are the same in every language (scripts read them); what is on them is in the language
of the run. Text from the user is always written as text, never as a formula, and the file's bytes
depend only on the results (fixed document and ZIP timestamps), so two runs give the same file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ghgcalc import __version__
from ghgcalc.core.edition_gwp import EDITION_GWP, result_weights
from ghgcalc.i18n import N_, tr
from ghgcalc.io.xlsx_book import clean as _clean
from ghgcalc.io.xlsx_book import save, text_cell
from ghgcalc.models.factor import Factor
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.cfo_text import NOTE_EXACT as _NOTE_EXACT
from ghgcalc.reports.cfo_text import period_text
from ghgcalc.reports.markdown import exact

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

ORGANISATION_SHEET = "Fr-01 Organisation"
BOUNDARY_SHEET = "Fr-02 Boundary"
SOURCES_SHEET = "Fr-03 Sources"
INVENTORY_SHEET = "Fr-04.1 Inventory"
BASE_SHEET = "Fr-04.2 Base year"
RECALCULATION_SHEET = "Fr-04.3 Recalculation"
SUMMARY_SHEET = "Fr-05 Summary"
FACTORS_SHEET = "Factors"
WARNINGS_SHEET = "Warnings"

FMT_TCO2E = "#,##0.0000##"
FMT_GAS_T = "#,##0.000000"
FMT_SHARE = "0.00%"
FMT_WHOLE = "#,##0"
FMT_FRACTION = "#,##0.0#####"
FMT_GENERAL = "General"
# A factor (kg per unit) as its cell holds it, but read in a narrow column: General shows 4.93E-05
# for a small one, which a reader of TGO's forms does not expect; below 0.001 it is shown with ten
# decimals (0.0000492963), 0 as 0, the rest as General (2.70757206). The cell keeps every digit.
FMT_FACTOR = "[=0]0;[<0.001]0.##########;General"
# A factor of more digits than the column holds (TGO's 2026 LPG, 3.113282944444448): General in a
# format with conditions is not shortened to fit by LibreOffice, which shows ###; to nine decimals
FMT_FACTOR_LONG = "[=0]0;[<0.001]0.##########;0.#########"
FACTOR_DIGITS = 12  # the characters a factor column (13 wide) shows whole
FMT_DATE = "yyyy-mm-dd"
FMT_PCT_NUMBER = "0.00"  # a percentage the result holds in % (25.0 is 25 %); the title says %
FONT = "Calibri"
HEADER_FILL = "DDEBF7"
SECTION_FILL = "F2F2F2"
TOTAL_FILL = "FFF2CC"
TO_FILL = "FCE4D6"  # a blank the inventory does not fill: to be written in by hand
NUMBER_WIDTH = 14
LINE_HEIGHT = 15  # points per line of 11-point text
MOST_ROW_HEIGHT = 409  # points: the highest row Excel has
NOTE_EXACT = _NOTE_EXACT  # English, marked for the catalog: shown with tr(NOTE_EXACT)

# Printing. Column widths are in Excel's units (the width of a '0' of 11-point Calibri, 7 pixels at
# 96 dpi, 0.75 point a pixel; column_points). A page is A4 landscape within the margins below; a sheet wider than a
# page is printed at a scale no smaller than MIN_SCALE, so that 11-point text prints at 8 points at
# least, across as many pages as it needs (cfo_fr04.py splits Fr-04.1's columns into page blocks).
PAPER_WIDTH_PT = {"A4": 841.89, "A3": 1190.55}  # landscape
PAPER_HEIGHT_PT = {"A4": 595.28, "A3": 841.89}
MARGIN_SIDE_IN = 0.4
MARGIN_TOP_IN = 0.6  # and bottom; the footer sits within it
MIN_SCALE = 75  # % of 11 points: 8.25 points
SMALLEST_PRINTED_PT = 8.0


def to_xlsx(results: list[InventoryResult]) -> bytes:
    """The CFO workbook: for each result Fr-01, Fr-02, Fr-03, Fr-04.1, with a base year (--base)
    Fr-04.2 and Fr-04.3, Fr-05, with an analysis (--uncertainty) Uncertainty, Key categories and
    Data quality, then Factors; for a community's among them the sheets of the GPC's layout
    (render_xlsx.add_sheets), suffixed as the forms are."""
    from openpyxl import Workbook

    from ghgcalc.reports import cfo_factors, cfo_forms, cfo_fr04, cfo_fr05, cfo_recalc
    from ghgcalc.reports.inventory_report import gpc_layout, page
    from ghgcalc.reports.render_xlsx import add_sheets

    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, result in enumerate(results, start=1):
        suffix = f" ({number})" if len(results) > 1 else ""
        if gpc_layout(result):  # a community among organisations: the GPC's tables, as it has alone
            add_sheets(workbook, page(result), suffix)
            continue

        def sheet(name: str, suffix: str = suffix) -> Worksheet:
            return workbook.create_sheet(name + suffix)

        cfo_forms.organisation_sheet(sheet(ORGANISATION_SHEET), result)
        cfo_forms.boundary_sheet(sheet(BOUNDARY_SHEET), result)
        cfo_forms.sources_sheet(sheet(SOURCES_SHEET), result)
        cfo_fr04.quantification_sheet(sheet(INVENTORY_SHEET), result, base_year=False)
        if result.base is not None:
            cfo_fr04.quantification_sheet(sheet(BASE_SHEET), result.base, base_year=True)
            cfo_recalc.recalculation_sheet(sheet(RECALCULATION_SHEET), result, result.base)
        cfo_fr05.summary_sheet(sheet(SUMMARY_SHEET), result)
        if result.analysis is not None:
            from ghgcalc.reports.analysis_xlsx import analysis_sheets

            analysis_sheets(workbook, result, result.analysis, suffix)
        cfo_factors.factors_sheet(sheet(FACTORS_SHEET), result)
        if result.warnings:  # as the Markdown, the web page and a community's workbook give them
            _warnings_sheet(workbook, result, suffix)
    if not results:  # a workbook needs a sheet; say why it is empty
        put(workbook.create_sheet(SUMMARY_SHEET), 1, 1, tr("No results: no inventory could be computed"))
    _properties(workbook, results)
    return save(workbook)


def _warnings_sheet(workbook: Workbook, result: InventoryResult, suffix: str) -> None:
    """The inventory's warnings on a sheet of their own, after Factors: a verifier who gets the
    workbook alone sees what the terminal, the Markdown and the web page said."""
    from dataclasses import replace

    from ghgcalc.reports.inventory_report import inventory_document, warnings_sections
    from ghgcalc.reports.render_xlsx import add_sheets

    sections = tuple(replace(section, key=WARNINGS_SHEET) for section in warnings_sections(result))
    add_sheets(workbook, replace(inventory_document(result), sections=sections), suffix)


def _properties(workbook: Workbook, results: list[InventoryResult]) -> None:
    """Document properties that depend on the results only: 'created' is the end of the period."""
    stamp = dt.datetime.combine(results[0].period.end, dt.time()) if results else dt.datetime(2000, 1, 1)
    props = workbook.properties
    props.creator = props.lastModifiedBy = f"ghgcalc {__version__}"
    props.created = props.modified = stamp
    names = "; ".join(r.name for r in results)
    props.title = _clean(tr("GHG inventory: {names}", names=names))[:250]


# --- cells and layout ----------------------------------------------------------------------------


def put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None) -> Any:
    """Write one cell. Text is always stored as text (xlsx_book.text_cell): one that starts like a
    formula keeps its characters and gets Excel's quote prefix, so it is shown, never run."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text_cell(cell, _clean(value))
    else:
        cell.value = value
    if number_format == FMT_FACTOR and isinstance(value, float) and len(repr(value)) > FACTOR_DIGITS:
        number_format = FMT_FACTOR_LONG
    if number_format:
        cell.number_format = number_format
    return cell


def to_fill(ws: Worksheet, row: int, column: int, last: int | None = None) -> None:
    """A blank the inventory leaves: shaded and underlined to be written in by hand, never invented
    (columns `column` to `last`, merged when more than one)."""
    from openpyxl.styles import Border, PatternFill, Side

    last = last or column
    for number in range(column, last + 1):
        cell = ws.cell(row=row, column=number)
        cell.fill = PatternFill("solid", fgColor=TO_FILL)
        cell.border = Border(bottom=Side(style="dotted"))
    if last > column:
        ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=last)


def notes(ws: Worksheet, row: int, texts: list[str], widths: Sequence[float]) -> int:
    """Notes below a table, each wrapped in one cell merged across `widths` (the table's columns), so
    that a long note neither runs past the printed page nor widens it; returns the next row."""
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    for note in texts:
        put(ws, row, 1, note).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        ws.row_dimensions[row].height = LINE_HEIGHT * _lines(note, sum(widths), bold=True) + 3  # room to spare
        row += 1
    return row


def _amount_format(value: float) -> str:
    return FMT_WHOLE if value == int(value) else FMT_FRACTION


def _font(bold: bool = False, size: int = 11) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT, size=size, bold=bold)


def _style_row(ws: Worksheet, row: int, last: int, fill: str | None, bold: bool = True) -> None:
    """A section or total row: bold, filled, a rule above."""
    from openpyxl.styles import Border, PatternFill, Side

    for column in range(1, last + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = _font(bold)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        cell.border = Border(top=Side(style="thin"))


def _header_row(ws: Worksheet, row: int, titles: list[str], first: int = 1) -> None:
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    thin = Side(style="thin")
    for column, title in enumerate(titles, start=first):
        cell = put(ws, row, column, title)
        cell.font = _font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)


def _title(ws: Worksheet, text: str) -> None:
    put(ws, 1, 1, text).font = _font(bold=True, size=14)
    ws.row_dimensions[1].height = 22


def _info(ws: Worksheet, row: int, label: str, value: Any, value_column: int) -> int:
    """A label and its value in the block above a table; returns the next row."""
    from openpyxl.styles import Alignment

    put(ws, row, 1, label).font = _font(bold=True)
    put(ws, row, value_column, value).alignment = Alignment(horizontal="left")
    return row + 1


def factor_sets_text(result: InventoryResult) -> str:
    sets = "; ".join(f"{s.ref} (sha256 {s.sha256[:12]})" for s in result.factor_sets)
    if any(line.factor.set_id == "custom" for line in result.lines):
        custom = tr("custom (defined in the inventory)")
        sets = f"{sets}; {custom}" if sets else custom
    return sets


def output_text(result: InventoryResult) -> str | None:
    if result.output is None:
        return None
    amount, unit, name = result.output
    if name:
        return tr("{amount} {unit} ({name})", amount=exact(amount), unit=unit, name=name)
    return f"{exact(amount)} {unit}"


def _info_block(ws: Worksheet, result: InventoryResult, value_column: int, full: bool) -> int:
    """Name, period, GWP, factor sets, output (and, in full, kind and source); returns the next row."""
    row = _info(ws, 2, tr("Name"), result.name, value_column)
    row = _info(ws, row, tr("Reporting period"), period_text(result.period), value_column)
    row = _info(ws, row, tr("GWP set"), tr("{gwp} (IPCC, 100-year)", gwp=result.gwp), value_column)
    weights = result_weights(result)
    if weights:
        row = _info(ws, row, tr(EDITION_GWP), weights, value_column)
    row = _info(ws, row, tr("Factor sets"), factor_sets_text(result), value_column)
    output = output_text(result)
    if output is not None:
        row = _info(ws, row, tr("Output"), output, value_column)
    if full:
        kinds = {"organization": N_("organization"), "community": N_("community")}
        row = _info(ws, row, tr("Kind"), tr(kinds.get(result.kind, result.kind)), value_column)
        made = tr("{source} (ghgcalc {version})", source=result.source, version=__version__)
        row = _info(ws, row, tr("Source file"), made, value_column)
    return row + 1


def _width(text: str) -> float:
    """Columns a text takes, about: Thai letters are wider than Latin ones, and Thai vowel and
    tone marks sit above or below a letter and take none."""
    return sum(1.2 if "\u0e00" <= char <= "\u0e7f" else 1.0 for char in text if unicodedata.category(char) != "Mn")


def _fit(values: list[str], least: int, most: int) -> int:
    return max(least, min(most, math.ceil(max((_width(v) * 0.9 for v in values), default=0)) + 2))


# What a number shown by a format takes, in Excel's units (the width of a '0' of 11-point Calibri, 7
# pixels): Calibri's digits are 7.4 pixels wide, its comma, point and space 3.7, '%' 10.5, a minus 7;
# a cell also keeps about a unit for its padding. A number that does not fit is shown as ###.
_DIGIT_UNITS = 7.4 / 7
_NARROW_UNITS = 3.7 / 7
_PERCENT_UNITS = 10.5 / 7
_QUOTED = re.compile(r'"([^"]*)"')
_CONDITION = re.compile(r"\[[^\]]*\]")


def number_units(value: float, number_format: str | None, bold: bool = False) -> float | None:
    """The columns a number takes as `number_format` shows it, about; None for a format that never
    shows ### (General, which a spreadsheet program shortens to fit, a date, a conditional factor)."""
    if not number_format or "General" in number_format or "[" in number_format or "y" in number_format:
        return None
    section = number_format.split(";")[0]
    literal = "".join(_QUOTED.findall(section))
    section = _CONDITION.sub("", _QUOTED.sub("", section))
    percent = "%" in section
    digits_part = section.replace("%", "").strip()
    places = digits_part.split(".", 1)[1] if "." in digits_part else ""
    shown = abs(value) * (100 if percent else 1)
    text = f"{shown:,.{len(places)}f}" if "," in digits_part else f"{shown:.{len(places)}f}"
    optional = len(places) - len(places.rstrip("#"))  # decimals shown only when not 0
    for _ in range(optional):
        if not text.endswith("0"):
            break
        text = text[:-1]
    if value < 0:
        text = "-" + text
    units = sum(_DIGIT_UNITS if char.isdigit() or char == "-" else _NARROW_UNITS for char in text)
    units += _PERCENT_UNITS * percent + sum(_PERCENT_UNITS if char == "%" else _NARROW_UNITS for char in literal)
    return units * (1.05 if bold else 1.0) + 1


def fit_numbers(ws: Worksheet, widths: Mapping[int, float]) -> dict[int, float]:
    """`widths` with each column widened, where needed, to show every number written in it by its
    number format: a total of a million tonnes at six decimals is shown, never ###. A number in
    merged cells widens the last column of the merge."""
    fitted = dict(widths)
    spans = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
                continue
            needed = number_units(value, cell.number_format, bool(cell.font and cell.font.bold))
            if needed is None:
                continue
            span = spans.get((cell.row, cell.column))
            columns = list(range(span.min_col, span.max_col + 1)) if span else [cell.column]
            have = sum(fitted.get(column, 9) for column in columns)
            if needed > have:
                fitted[columns[-1]] = math.ceil(fitted.get(columns[-1], 9) + needed - have)
    return fitted


def _column_texts(ws: Worksheet, column: int, first: int, last: int) -> list[str]:
    return [str(ws.cell(row=r, column=column).value or "") for r in range(first, last + 1)]


# A Thai letter prints 1.15 columns wide in the Thai font a spreadsheet program falls back on (LibreOffice
# measured, render_xlsx.THAI_UNITS), whatever the weight: a Thai name written without spaces is counted
# at that width, not at the width of the Latin letters of the column's font.
THAI_LETTER = 1.15


def _lines(text: str, width: float, bold: bool) -> int:
    """How many lines a wrapped text takes in a column of `width`: the width it prints at (a Thai
    letter wider than a Latin one, vowel and tone marks above or below a letter taking none) over
    the column's."""
    room = max(1.0, width - 1)
    scale = 1.0 if bold else 0.9  # Latin letters are a little narrower than the '0' a column width counts
    thai = max(THAI_LETTER, 1.2 * scale)
    count = 0
    for part in text.split("\n"):
        units = sum(
            thai if "\u0e00" <= char <= "\u0e7f" else scale for char in part if unicodedata.category(char) != "Mn"
        )
        count += max(1, math.ceil(units / room))
    return count


@dataclass(frozen=True)
class _Wrap:
    """Text columns that wrap when too long for their width, in a block of rows (a sheet's table)."""

    columns: frozenset[int] = frozenset()
    first: int = 0
    last: int = -1


def _finish(
    ws: Worksheet,
    widths: Mapping[int, float],
    landscape_a3: bool,
    wrap: _Wrap = _Wrap(),
    blocks: Sequence[Sequence[int]] | None = None,
    title_columns: int = 0,
) -> dict[int, float]:
    """Column widths; text too long for its column wraps, and its row gets the height for it (no
    spreadsheet program fits row heights on opening a file), every cell of such a row set at the top
    so that the numbers stand level with the first line of text; printing: landscape, one page wide,
    or, with `blocks` (the sheet's columns in groups that print together), a page or more across
    for each block at one scale, the first `title_columns` repeated on every page (page_blocks).
    Every column is first widened to show the numbers written in it (fit_numbers); returns the
    widths set, for a caller that lays out pages itself."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    widths = fit_numbers(ws, widths)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    alignments: dict[tuple[str | None, bool], Any] = {}  # one object per kind: there may be thousands of lines

    def align(cell: Any, wrap_text: bool) -> None:
        key = (cell.alignment.horizontal, wrap_text)
        if key not in alignments:
            alignments[key] = Alignment(horizontal=key[0], vertical="top", wrap_text=wrap_text)
        cell.alignment = alignments[key]

    merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    for row in ws.iter_rows(min_row=2):
        lines = 1
        long_texts = []
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            span = merged.get((cell.row, cell.column))
            columns = range(span.min_col, span.max_col + 1) if span else (cell.column,)
            width = sum(widths.get(column, 9) for column in columns)
            if cell.alignment.wrap_text:
                lines = max(lines, _lines(cell.value, width, bool(cell.font.bold)))
            elif cell.column in wrap.columns and wrap.first <= cell.row <= wrap.last:
                needed = _lines(cell.value, width, bool(cell.font.bold))
                if needed > 1:
                    long_texts.append(cell)
                    lines = max(lines, needed)
        if long_texts:
            for cell in row:
                if cell.value is not None:
                    align(cell, cell in long_texts)
        if lines > 1:  # a row set higher before (a blank to write in) keeps its height
            needed = min(MOST_ROW_HEIGHT, LINE_HEIGHT * lines + 3)
            ws.row_dimensions[row[0].row].height = max(ws.row_dimensions[row[0].row].height or 0, needed)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if landscape_a3 else ws.PAPERSIZE_A4
    ws.print_options.gridLines = False
    if blocks is None:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        page_blocks(ws, widths, blocks, title_columns, "A3" if landscape_a3 else "A4")
    return widths


def column_points(width: float) -> float:
    """The printed width of a column of `width` (Excel's units) at 100 %, in points: 7 pixels a
    unit and 5 of padding, as spreadsheet programs lay it out (LibreOffice measured: 6 units print
    47 pixels wide), at 0.75 point a pixel."""
    return (7 * width + 5) * 0.75


def printable_points(paper: str) -> float:
    """The width a page prints within its side margins, less 4 % for the rounding of column widths
    that differs from one spreadsheet program to another."""
    return 0.96 * (PAPER_WIDTH_PT[paper] - 2 * MARGIN_SIDE_IN * 72)


def page_blocks(
    ws: Worksheet, widths: Mapping[int, float], blocks: Sequence[Sequence[int]], title_columns: int, paper: str
) -> list[list[int]]:
    """Print a wide sheet across pages: each block of columns starts a page and takes as many pages
    as it needs at MIN_SCALE; the first `title_columns` repeat on every page, and the scale is the
    largest at which the widest page fits. Returns the columns of each page."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    room = printable_points(paper) * 100 / MIN_SCALE
    titles = [column for column in range(1, title_columns + 1)]
    title_pt = sum(column_points(widths.get(column, 9)) for column in titles)
    pages: list[list[int]] = []
    for block in blocks:
        page: list[int] = []
        used = 0.0 if block[0] == 1 else title_pt
        for column in block:
            needed = column_points(widths.get(column, 9))
            if page and used + needed > room:
                pages.append(page)
                page, used = [], title_pt
            page.append(column)
            used += needed
        if page:
            pages.append(page)
    widest = max(
        sum(column_points(widths.get(c, 9)) for c in (page if page[0] == 1 else [*titles, *page])) for page in pages
    )
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.scale = max(MIN_SCALE, min(100, math.floor(100 * printable_points(paper) / widest)))
    for page in pages[:-1]:
        ws.col_breaks.append(Break(id=page[-1]))
    if titles:
        ws.print_title_cols = f"A:{get_column_letter(titles[-1])}"
    margins(ws)
    return pages


def keep_together(ws: Worksheet, groups: Sequence[tuple[int, int]], paper: str = "A4") -> None:
    """Page breaks above a group of rows (a section of a form, a scope of a table) that would start
    near the foot of a page and run on to the next, when the group fits on one page. The page's
    height at the sheet's scale, less the rows repeated at the top of each page, is walked row by row
    (rows 15 points high unless set), and every page ends at a break of its own, a little before the
    program would break it: a program that fits a row or two more on a page (LibreOffice, Excel and
    their fonts differ) would otherwise move every later page and print a group's heading at a page
    foot with its rows on the next page. A group too long for a page is broken after its heading's
    first row under it, never between them, and its last row (a total) keeps the row above it."""
    from openpyxl.worksheet.pagebreak import Break

    scale = (ws.page_setup.scale or 100) / 100
    room = 0.95 * (PAPER_HEIGHT_PT[paper] - 2 * MARGIN_TOP_IN * 72) / scale

    def height(row: int) -> float:
        return ws.row_dimensions[row].height or LINE_HEIGHT

    repeated = 0.0
    if ws.print_title_rows:
        first, last = (int(part.strip("$")) for part in ws.print_title_rows.split(":"))
        repeated = sum(height(row) for row in range(first, last + 1))
    ends = dict(groups)
    totals = set(ends.values())
    used = 0.0
    page = 1  # the first row of the page
    grouped = False  # a group already on this page: breaking above the next leaves a page with content
    for row in range(1, ws.max_row + 1):
        if row in ends:
            size = sum(height(r) for r in range(row, ends[row] + 1))
            if used + size > room and size <= room - repeated and grouped:
                ws.row_breaks.append(Break(id=row - 1))
                used, page = repeated, row
            grouped = True
        if used + height(row) > room and row > page:  # the page is full: it ends above this row ...
            above = row
            if above - 1 > page and (above - 1 in ends or (above in totals and above - 1 not in ends)):
                above -= 1  # ... or above the heading that would end it, or with the total's last row
            ws.row_breaks.append(Break(id=above - 1))
            used, page = repeated + sum(height(r) for r in range(above, row)), above
        used += height(row)


def margins(ws: Worksheet) -> None:
    """Narrow side margins, and each page's footer: the sheet's name and the page number."""
    ws.page_margins.left = ws.page_margins.right = MARGIN_SIDE_IN
    ws.page_margins.top = ws.page_margins.bottom = MARGIN_TOP_IN
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "&A – &P / &N"
    ws.oddFooter.center.size = 9
    ws.HeaderFooter.scaleWithDoc = False  # 9 points on paper, whatever the sheet's scale


def form_page(ws: Worksheet, widths: Mapping[int, float], wrap: _Wrap = _Wrap(), header_rows: str = "") -> None:
    """A form of the CFO set printed on A4 landscape, one page wide (its widths fit one at MIN_SCALE
    or more), its table's title rows repeated on every page."""
    _finish(ws, widths, landscape_a3=False, wrap=wrap, blocks=[sorted(widths)], title_columns=0)
    if header_rows:
        ws.print_title_rows = header_rows


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


_GAS_FIRST = ("CO2", "CH4_fossil", "CH4", "N2O", "SF6", "NF3")
_GAS_LAST = ("CO2e", "CO2_biogenic")
_GAS_NAMES = {"CH4_fossil": "CH4 fossil", "CO2_biogenic": "CO2 biogenic"}


def gas_order(gases: set[str]) -> list[str]:
    """The gases of an inventory in TGO's column order: CO2, CH4 fossil, CH4, N2O, SF6, NF3, the
    others by name, then pre-weighted CO2e and biogenic CO2."""
    first = [gas for gas in _GAS_FIRST if gas in gases]
    last = [gas for gas in _GAS_LAST if gas in gases]
    return first + sorted(gases - set(first) - set(last)) + last


def _gas(gas: str) -> str:
    return _GAS_NAMES.get(gas, gas)


def _factor_kg(factor: Factor) -> dict[str, float]:
    kg: dict[str, float] = {}
    for value in factor.gases:
        kg[value.gas] = kg.get(value.gas, 0.0) + value.kg
    return kg


# Public names of the layout helpers for the format-neutral renderer (reports/render_xlsx.py); the
# CFO sheets keep importing the old names.
font = _font
header_row = _header_row
sheet_title = _title
style_row = _style_row
finish = _finish
