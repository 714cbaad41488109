"""A report Document (reports/document.py) as an xlsx workbook: one sheet per section, native charts.

Each sheet starts with the document's title and facts, then the section's title, facts and
paragraphs, then its tables (a bold title row, a filled header row, the rows, the notes) and its
charts, each below the last table so that none covers a table. A chart is drawn from the cells of
the table that holds its numbers (reports/chart_data.py), else from a small table of its data
written just below it. Every cell holds the exact value; the number format by the column's kind
rounds what is shown as Markdown and the web page show it (tonnes to 2 decimals, shares and
percentages to one decimal). Text is always text, never a formula (io/xlsx_book.text_cell through
report_xlsx.put), and the bytes depend on the document only (xlsx_book.save, fixed properties).

Printing: A4 landscape, one page wide (text columns narrowed and wrapped until 11-point text prints
at 8 points or more; a sheet still wider prints across pages at that scale, its first column
repeated); the header row repeats on every page of a sheet that is one table; a chart and a short
table are kept on one page. Thai letters print wider than report_xlsx's estimate counts (LibreOffice
measured: 1.15 columns a letter in its Thai fallback font, against 1.2 x 0.9, and a Thai line ends
at a long word), so this module sizes its columns and rows with its own count.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ghgcalc import __version__
from ghgcalc.i18n import tr
from ghgcalc.io.xlsx_book import clean, save
from ghgcalc.reports import chart_data
from ghgcalc.reports.document import Cell, Chart, Document, Fact, Kind, Section, Table
from ghgcalc.reports.render_markdown import SOURCES
from ghgcalc.reports.report_xlsx import (
    FMT_FRACTION,
    FMT_WHOLE,
    LINE_HEIGHT,
    MIN_SCALE,
    SECTION_FILL,
    TOTAL_FILL,
    column_points,
    finish,
    font,
    header_row,
    keep_together,
    margins,
    printable_points,
    put,
    sheet_title,
    style_row,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FMT_TONNES_2 = "#,##0.00"  # tonnes as the report model shows them in a table (the cell keeps them exact)
FMT_SHARE_1 = "0.0 %"  # a fraction as a percentage to one decimal, as Markdown shows it
FMT_PERCENT_1 = '0.0" %"'  # a value already in %
FMT_YEAR = "0"
FORMATS: dict[Kind, str] = {"tonnes": FMT_TONNES_2, "share": FMT_SHARE_1, "percent": FMT_PERCENT_1, "year": FMT_YEAR}
SHEET_NAME_LIMIT = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
SPAN_WIDTH = 120  # the width (Excel's units) facts, paragraphs and notes are merged across, at least
LABEL_WIDTH = (12, 28)  # the first column holds the facts' labels: at least, and at most as wide as them
TEXT_WIDTH = (8, 50)
NARROWEST_TEXT = 16  # a text column is narrowed to fit the page down to this
NUMBER_WIDTH = (10, 20)
EXTRA_WIDTH = 12  # a column added to reach SPAN_WIDTH
# Columns a letter takes at 11 points (LibreOffice measured with its Thai fallback font: 26 Thai
# letters or 35 Latin ones fill a column 30 wide); Thai vowel and tone marks above or below take none.
# A digit takes one (Excel's column unit is the width of Calibri's 0), a capital a little more, and
# `@ % & m w M W` half as much again: a version or a code (`tgo-cfo@2022-04, gases@1`) counted at
# the lower-case letters' width was wrapped by the spreadsheet into a row sized for one line.
THAI_UNITS = 1.15
LATIN_UNITS = 0.85
DIGIT_UNITS = 1.0
CAPITAL_UNITS = 1.1
WIDE_UNITS = 1.5
_WIDE = frozenset("@%&mwMW")
SHORT_TABLE = 12  # a table of at most this many rows is kept on one page
CM = 72 / 2.54  # points in a centimetre
CHART_HEIGHT_CM = 8.0
CHART_WIDTH_CM = (14.0, 24.0)  # within A4 landscape's printed width at 100 %
LONG_CATEGORY = 12  # a bar chart with a longer category name lies on its side, the names in a column
MARK_COLOUR = "C00000"  # the outline of a marked category (the base year)
STAMP = dt.datetime(2000, 1, 1)  # the document properties' date: a document carries none


def render(document: Document) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    add_sheets(workbook, document)
    _properties(workbook, document)
    return save(workbook, STAMP)


def add_sheets(workbook: Workbook, document: Document, suffix: str = "") -> None:
    """A sheet for each section of `document`, its name ending in `suffix` (" (2)": the second
    inventory of a workbook of several)."""
    sections = document.sections or (Section(document.title),)
    for section, name in zip(sections, sheet_names(sections), strict=True):
        name = name[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        _SheetWriter(workbook.create_sheet(name), document, section).write()


def sheet_names(sections: Sequence[Section]) -> list[str]:
    """A sheet name for each section: its key, else its title, without the characters a sheet name
    cannot hold, at most 31 characters, unique (a spreadsheet ignores case), " (2)" added if not."""
    names: list[str] = []
    taken: set[str] = {"history"}  # Excel keeps this name for itself
    for number, section in enumerate(sections, start=1):
        base = " ".join(_SHEET_FORBIDDEN.sub(" ", section.key or section.title).split()).strip("'")
        base = base[:SHEET_NAME_LIMIT].strip() or str(number)
        name, count = base, 1
        while name.casefold() in taken:
            count += 1
            suffix = f" ({count})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _properties(workbook: Workbook, document: Document) -> None:
    props = workbook.properties
    props.creator = props.lastModifiedBy = f"ghgcalc {__version__}"
    props.created = props.modified = STAMP
    props.title = clean(document.title)[:250]
    props.language = document.language


class _CharUnits(dict[str, float]):
    """The columns each character takes, worked out on first sight (a summary's workbook measures
    hundreds of thousands of cells)."""

    def __missing__(self, char: str) -> float:
        if unicodedata.category(char) == "Mn":  # a Thai vowel or tone mark above or below
            found = 0.0
        elif "\u0e00" <= char <= "\u0e7f":
            found = THAI_UNITS
        elif char in _WIDE:
            found = WIDE_UNITS
        elif char.isdigit():
            found = DIGIT_UNITS
        else:
            found = CAPITAL_UNITS if char.isupper() else LATIN_UNITS
        self[char] = found
        return found


_CHAR_UNITS = _CharUnits()


def units(text: str, bold: bool = False) -> float:
    """The columns (Excel's units) a text takes on one line, about."""
    return sum(map(_CHAR_UNITS.__getitem__, text)) * (1.05 if bold else 1.0)


def lines(text: str, width: float, bold: bool = False) -> int:
    """The lines a text wrapped in a column of `width` takes (a wrapped line ends at a word: 10 % lost)."""
    room = max(1.0, width - 1)
    return sum(
        1 if units(part, bold) <= room else math.ceil(units(part, bold) * 1.1 / room) for part in text.split("\n")
    )


class _SheetWriter:
    def __init__(self, ws: Worksheet, document: Document, section: Section) -> None:
        self.ws = ws
        self.document = document
        self.section = section
        self.headers: dict[int, int] = {}  # id(table) -> the row of its header
        # a chart whose numbers no table holds gets a table of its own, written just below it
        self.own = {
            id(chart): chart_data.as_table(chart)
            for chart in section.charts
            if chart.categories and chart.series and chart_data.find(chart, section.tables) is None
        }
        self.widths = self._widths([*section.tables, *self.own.values()])
        self.span = max(self.widths)
        self.groups: list[tuple[int, int]] = []  # rows that print on one page
        self.tables = 0

    # --- widths ----------------------------------------------------------------------------------

    def _widths(self, tables: Sequence[Table]) -> dict[int, float]:
        widths: dict[int, float] = {}
        narrowable: set[int] = set()
        numeric: set[int] = set()
        for table in tables:
            for number, column in enumerate(table.columns, start=1):
                values = [line.cells[number - 1] for line in table.rows]
                title = _longest_word(column.title)
                if column.kind in chart_data.NUMERIC or column.kind == "year":
                    numeric.add(number)
                    needed = max([units(_shown(value, column.kind)) + 2 for value in values] + [title])
                    width = min(NUMBER_WIDTH[1], max(NUMBER_WIDTH[0], needed))
                else:
                    narrowable.add(number)
                    indent = max((line.level for line in table.rows), default=0) * 2 if number == 1 else 1
                    needed = max([units(str(v)) + 2 + indent for v in values if v is not None] + [title])
                    width = min(TEXT_WIDTH[1], max(TEXT_WIDTH[0], needed))
                widths[number] = max(widths.get(number, 0), math.ceil(width))
        facts = [*self.document.facts, *self.section.facts]
        label = max((units(fact.label, bold=True) + 2 for fact in facts), default=0)
        widths[1] = max(widths.get(1, 0), min(LABEL_WIDTH[1], max(LABEL_WIDTH[0], math.ceil(label))))
        # text columns wrap: narrow the widest until the sheet prints one page wide at 8 points
        room = printable_points("A4") * 100 / MIN_SCALE
        narrowable -= numeric
        while sum(column_points(w) for w in widths.values()) > room:
            widest = max(narrowable, key=lambda number: widths[number], default=None)
            if widest is None or widths[widest] <= NARROWEST_TEXT:
                break
            widths[widest] -= 1
        while sum(widths.values()) < SPAN_WIDTH:
            widths[len(widths) + 1] = EXTRA_WIDTH
        return widths

    def _height(self, row: int, count: int) -> None:
        """Room for `count` lines in `row` (never lower than it is)."""
        if count > 1:
            dimension = self.ws.row_dimensions[row]
            dimension.height = max(dimension.height or 0, LINE_HEIGHT * count + 3)

    # --- writing ---------------------------------------------------------------------------------

    def write(self) -> None:
        ws = self.ws
        sheet_title(ws, self.document.title)
        row = 2
        if self.document.subtitle:
            row = self._merged(row, 1, self.document.subtitle)
        row = self._facts(row, self.document.facts) + 1
        put(ws, row, 1, self.section.title).font = font(bold=True, size=13)
        ws.row_dimensions[row].height = 20
        row = self._facts(row + 1, self.section.facts)
        for words in self.section.paragraphs:
            row = self._merged(row, 1, words)
        self.groups.append((1, row))  # the top is a group: a chart below it may go to the next page
        row += 1
        for table in self.section.tables:
            row = self._table(row, table) + 1
        for chart in self.section.charts:
            row = self._chart(row, chart) + 1
        self._end(row)
        self._print()

    def _merged(self, row: int, column: int, words: str, size: int = 11, number: float | None = None) -> int:
        """Text wrapped in one cell merged to the sheet's last column (a number that shows as
        `words`, where there is one); returns the next row."""
        from openpyxl.styles import Alignment

        cell = put(self.ws, row, column, words) if number is None else put(self.ws, row, column, number, "#,##0")
        cell.font = font(size=size)
        # (a number, right-aligned by Excel, would stand at the far end of the merged cells)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if self.span > column:
            self.ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=self.span)
        width = sum(self.widths[number] for number in range(column, self.span + 1))
        self._height(row, lines(words, width))
        return row + 1

    def _facts(self, row: int, facts: Sequence[Fact]) -> int:
        from openpyxl.styles import Alignment

        for fact in facts:
            label = put(self.ws, row, 1, fact.label)
            label.font = font(bold=True)
            label.alignment = Alignment(wrap_text=True, vertical="top")
            self._height(row, lines(fact.label, self.widths[1], bold=True))
            self._merged(row, 2, fact.value, number=fact.number)
            row += 1
        return row

    def _table(self, row: int, table: Table, marked: frozenset[str] = frozenset()) -> int:
        """The table from `row`: title, header, rows, notes; returns the row after it."""
        from openpyxl.styles import Alignment

        ws = self.ws
        start = row
        last = len(table.columns)
        self.tables += 1
        if table.title:
            put(ws, row, 1, table.title)
            style_row(ws, row, last, SECTION_FILL)
            row += 1
        header_row(ws, row, [column.title for column in table.columns])
        self._height(row, max(lines(c.title, self.widths[n], bold=True) for n, c in enumerate(table.columns, 1)))
        self.headers[id(table)] = row
        row += 1
        alignments: dict[tuple[str | None, bool, int], Alignment] = {}  # one each: a table may be long
        for line in table.rows:
            if line.emphasis:
                style_row(ws, row, last, TOTAL_FILL if line.emphasis == "total" else None)
            needed = 1
            for number, (value, column) in enumerate(zip(line.cells, table.columns, strict=True), start=1):
                cell = put(ws, row, number, value, _format(value, column.kind))
                if column.kind in chart_data.NUMERIC:
                    key: tuple[str | None, bool, int] = ("right", False, 0)
                elif column.kind == "year":  # a year labels a row or stands beside a date: centred
                    key = ("center", False, 0)
                else:  # text wraps; the first column indented by the row's level, the others by 1
                    key = ("left", True, line.level if number == 1 else 1)
                    if isinstance(value, str):
                        needed = max(needed, lines(value, self.widths[number] - key[2], bool(line.emphasis)))
                if key not in alignments:
                    alignments[key] = Alignment(horizontal=key[0], vertical="top", wrap_text=key[1], indent=key[2])
                cell.alignment = alignments[key]
                if number == 1 and isinstance(value, str) and value in marked:
                    cell.font = font(bold=True)
            self._height(row, needed)
            row += 1
        notes = [*table.notes, *(f"{column.title}: {column.note}" for column in table.columns if column.note)]
        for note in notes:
            row = self._merged(row, 1, note)
        if len(table.rows) <= SHORT_TABLE:
            self.groups.append((start - 1, row - 1))
        return row

    def _chart(self, row: int, chart: Chart) -> int:
        """The chart, and below it its numbers when no table holds them; returns the row after."""
        if not chart.categories or not chart.series:
            return row
        _, height, _ = _size(chart)
        rows = math.ceil(height * CM / LINE_HEIGHT)
        for number in range(row, row + rows):  # the rows the chart covers, at the height counted
            self.ws.row_dimensions[number].height = LINE_HEIGHT
        # from the blank row above: a break right at the chart's top edge prints its frame on both pages
        self.groups.append((row - 1, row + rows - 1))
        after = row + rows
        own = self.own.get(id(chart))
        found: chart_data.Found | None
        if own is not None:
            after = self._table(after + 1, own, frozenset(chart.marked))
            found = chart_data.Found(own, 0, 0, tuple(range(1, len(own.columns))))
        else:
            found = chart_data.find(chart, self.section.tables)
        if found is not None:
            drawn = self._draw(chart, found)
            drawn.anchor = f"A{row}"
            self.ws.add_chart(drawn)
        return after

    def _draw(self, chart: Chart, found: chart_data.Found) -> Any:
        from openpyxl.chart import BarChart, LineChart, PieChart, Reference, Series
        from openpyxl.chart.label import DataLabelList
        from openpyxl.chart.marker import DataPoint, Marker
        from openpyxl.chart.series import SeriesLabel, StrRef
        from openpyxl.utils import get_column_letter, quote_sheetname

        ws = self.ws
        header = self.headers[id(found.table)]
        first = header + 1 + found.first_row
        last = first + len(chart.categories) - 1
        drawn: Any
        drawn_width, drawn_height, lying = _size(chart)
        if chart.kind == "pie":
            drawn = PieChart()
            columns = found.series_columns[:1]  # a pie shows one series; the text alternative says the rest
        elif chart.kind == "line":
            drawn = LineChart()
            columns = found.series_columns
        else:
            drawn = BarChart()
            drawn.type = "bar" if lying else "col"
            if chart.kind == "stacked-bar":
                drawn.grouping = "stacked"
                drawn.overlap = 100
            columns = found.series_columns
        marked = [i for i, category in enumerate(chart.categories) if category in chart.marked]
        for column in columns:
            series = Series(Reference(ws, min_col=column + 1, min_row=first, max_row=last))
            where = f"{quote_sheetname(ws.title)}!${get_column_letter(column + 1)}${header}"
            series.tx = SeriesLabel(strRef=StrRef(where))
            if chart.kind == "line":
                series.smooth = False
                series.marker = Marker(symbol="circle", size=6)  # a value between two gaps still shows
                series.dPt = [DataPoint(idx=i, marker=Marker(symbol="diamond", size=11)) for i in marked]
            elif chart.kind != "pie":
                series.dPt = [_marked_bar(i) for i in marked]
            drawn.series.append(series)
        drawn.set_categories(Reference(ws, min_col=found.category_column + 1, min_row=first, max_row=last))
        drawn.title = _chart_title(chart.title)
        drawn.width, drawn.height = drawn_width, drawn_height
        if chart.kind == "pie":
            drawn.dataLabels = DataLabelList()
            drawn.dataLabels.showPercent = True
            for shown in ("showVal", "showCatName", "showSerName", "showLegendKey"):
                setattr(drawn.dataLabels, shown, False)
            drawn.legend.position = "r"
            return drawn
        drawn.display_blanks = "gap"  # a year without a value is a gap, never a zero
        drawn.x_axis.delete = False
        drawn.y_axis.delete = False
        drawn.x_axis.tickLblPos = "low"  # category names beside the plot, also by negative bars
        if lying:
            drawn.x_axis.scaling.orientation = "maxMin"  # the first category on top ...
            drawn.y_axis.crosses = "max"  # ... and the value axis still below
        drawn.y_axis.title = chart.y_title
        values = [v for s in chart.series for v in s.values if v is not None]
        if values and min(values) >= 0:
            drawn.y_axis.scaling.min = 0  # the axis starts at zero: a change is not exaggerated
        drawn.y_axis.number_format = FMT_WHOLE if values and max(abs(v) for v in values) >= 10 else "General"
        if len(columns) == 1:
            drawn.legend = None  # the title names the one series
        else:
            drawn.legend.position = "b"
        return drawn

    def _end(self, row: int) -> None:
        """The document's source notes and footer, below everything else."""
        from openpyxl.styles import Font

        start = row
        if self.document.source_notes:
            put(self.ws, row, 1, tr(SOURCES)).font = font(bold=True)
            row += 1
            for note in self.document.source_notes:
                row = self._merged(row, 1, note)
        if self.document.footer:
            self._merged(row, 1, self.document.footer, size=9)
            self.ws.cell(row=row, column=1).font = Font(name=font().name, size=9, color="595959")
            row += 1
        if row > start:
            self.groups.append((start - 1, row - 1))

    # --- printing --------------------------------------------------------------------------------

    def _print(self) -> None:
        ws = self.ws
        columns = sorted(self.widths)
        wide = sum(column_points(self.widths[c]) for c in columns)
        scale = math.floor(100 * printable_points("A4") / wide)
        if scale >= MIN_SCALE:  # one page wide at 8 points or more
            finish(ws, self.widths, landscape_a3=False)
            ws.page_setup.scale = min(100, scale)  # what keep_together counts with; fit-to-width prints
            margins(ws)
        else:  # across pages, the first column repeated
            finish(ws, self.widths, landscape_a3=False, blocks=[columns], title_columns=1)
        if self.tables == 1 and not self.section.charts:
            header = next(iter(self.headers.values()))
            ws.print_title_rows = f"{header}:{header}"
        keep_together(ws, self.groups)


def _size(chart: Chart) -> tuple[float, float, bool]:
    """The chart's width and height in cm, and whether its bars lie on their side (long names)."""
    count = len(chart.categories)
    lying = chart.kind in ("bar", "stacked-bar") and max(units(c) for c in chart.categories) > LONG_CATEGORY
    if lying:  # room for each name in a column beside its bar
        return CHART_WIDTH_CM[1], min(18.0, max(CHART_HEIGHT_CM, 3 + 0.8 * count)), True
    return min(CHART_WIDTH_CM[1], max(CHART_WIDTH_CM[0], 8 + 1.2 * count)), CHART_HEIGHT_CM, False


def _chart_title(text: str) -> Any:
    """A chart's title in bold 13-point type (a spreadsheet's 18 points wraps a Thai title)."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun

    letters = CharacterProperties(sz=1300, b=True)
    line = Paragraph(pPr=ParagraphProperties(defRPr=letters), r=[RegularTextRun(rPr=letters, t=clean(text))])
    return Title(tx=Text(rich=RichText(p=[line])), overlay=False)


def _marked_bar(index: int) -> Any:
    from openpyxl.chart.marker import DataPoint
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.drawing.line import LineProperties

    outline = LineProperties(solidFill=MARK_COLOUR, w=28575)  # 2.25 points, the series' own fill kept
    return DataPoint(idx=index, invertIfNegative=False, spPr=GraphicalProperties(ln=outline))


def _format(value: Cell, kind: Kind) -> str | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if kind == "number":
        return FMT_WHOLE if float(value).is_integer() else FMT_FRACTION
    return FORMATS.get(kind)


def _shown(value: Cell, kind: Kind) -> str:
    """About what a cell shows, to size its column."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind == "tonnes":
        return f"{value:,.2f}"
    if kind in ("share", "percent"):
        return f"{value * (100 if kind == 'share' else 1):.1f} %"
    if kind == "year":
        return str(value)
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _longest_word(title: str) -> float:
    """A header wraps between words; its longest word must fit."""
    return max((units(word, bold=True) + 2 for word in title.split()), default=0)
