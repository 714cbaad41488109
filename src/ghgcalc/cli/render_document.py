"""A report Document (reports/document.py) on the terminal: the same sections, tables and numbers
as its Markdown, workbook and web page, drawn with rich. Values are shown as the Markdown renderer
shows them (render_markdown.cell), so a number reads the same in every format; text from input
files is escaped of terminal controls (cli.render.shown)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ghgcalc.cli.render import _buffer_console, shown, words_fit
from ghgcalc.i18n import tr
from ghgcalc.reports import chart_data
from ghgcalc.reports.document import Cell, Chart, Document, Fact, Kind, Section, Table
from ghgcalc.reports.render_markdown import INDENT, MISSING, fixed, number

_JUSTIFY = {"year": "center", **{kind: "right" for kind in chart_data.NUMERIC}}


def document_text(document: Document, terminal: bool) -> str:
    buffer, console = _buffer_console(terminal)
    console.print(Text(document.title, style="bold"))
    if document.subtitle:
        console.print(shown(document.subtitle))
    _facts(console, document.facts)
    for section in document.sections:
        _section(console, section)
    for note in document.source_notes:
        console.print(shown(note), style="dim")
    return buffer.getvalue()


def _facts(console: Console, facts: tuple[Fact, ...]) -> None:
    for fact in facts:
        console.print(Text.assemble((f"{fact.label}: ", "bold"), shown(fact.value)))


def _section(console: Console, section: Section) -> None:
    console.print()
    console.rule(Text(section.title, style="bold"), align="left")
    _facts(console, section.facts)
    for paragraph in section.paragraphs:
        console.print(shown(paragraph))
    for table in section.tables:
        _table(console, table)
    for chart in section.charts:
        _chart(console, chart)


def plain(value: Cell, kind: Kind) -> str:
    """One value as every format shows it (render_markdown.cell, without Markdown's escapes)."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        return value
    if kind == "tonnes":
        return fixed(value, 2)
    if kind in ("share", "percent"):
        return fixed(value * 100 if kind == "share" else value, 1) + " %"
    if kind == "year" and float(value).is_integer():
        return str(int(value))
    return number(value)


def _table(console: Console, table: Table) -> None:
    rows = [
        [plain(value, column.kind) for value, column in zip(row.cells, table.columns, strict=True)]
        for row in table.rows
    ]
    if not words_fit([column.title for column in table.columns], rows, console.width):
        _records(console, table, rows)
        return
    shown_table = RichTable(title=table.title, title_justify="left", box=box.SIMPLE_HEAVY, title_style="bold")
    for column in table.columns:
        # a text too long for a narrow terminal folds onto the next line, never cut short: a file's
        # name or a type (subdistrict-municipality, subdistrict-administrative-organization) whose
        # end is cut off could be taken for another
        shown_table.add_column(column.title, justify=_JUSTIFY.get(column.kind, "left"), overflow="fold")  # type: ignore[arg-type]
    for row, cells in zip(table.rows, rows, strict=True):
        if row.level and cells:
            cells[0] = INDENT * row.level + cells[0]
        style = "bold" if row.emphasis else ""
        shown_table.add_row(*(shown(text, style) for text in cells))
    console.print(shown_table)
    for note in table.notes:
        console.print(shown(note), style="dim")


def _records(console: Console, table: Table, rows: list[list[str]]) -> None:
    """A table too wide for the terminal, one row at a time: each value under its column's title,
    as `title: value` lines (a form any width shows whole), a blank line between rows."""
    console.print(Text(table.title, style="bold"))
    for cells in rows:
        console.print()
        for column, text in zip(table.columns, cells, strict=True):
            if text != MISSING:
                console.print(Text.assemble((f"{column.title}: ", "bold"), shown(text)))
    for note in table.notes:
        console.print(shown(note), style="dim")


def _chart(console: Console, chart: Chart) -> None:
    console.print(shown(tr("Chart: {title}. {alt}", title=chart.title, alt=chart.alt), "italic"))
