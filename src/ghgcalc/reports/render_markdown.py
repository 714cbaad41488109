"""A report Document (reports/document.py) as Markdown: GitHub pipe tables, charts as their text
alternative, for e-mail, wikis and a repository.

Numbers are shown as the report model asks (document.Kind), so one report reads the same in Markdown,
the workbook (render_xlsx.py) and the web page (render_html.py): tonnes thousands separated with 2
decimals, other numbers as exact as they are (at most 6 decimals, markdown.exact), shares and
percentages to one decimal ("12.5 %"), each rounded half up on its decimal digits as a spreadsheet
rounds what it shows (2.675 -> 2.68); a missing value is "–". Every text is escaped (markdown.text):
a `|` cannot split a cell, `<script>` is shown, not run, and a paragraph that starts like a heading
or a list stays a paragraph.
"""

from __future__ import annotations

import math
import re

from ghgcalc.i18n import N_, tr
from ghgcalc.io.xlsx_book import NOISE
from ghgcalc.reports import chart_data
from ghgcalc.reports.document import Cell, Chart, Document, Fact, Kind, Section, Table
from ghgcalc.reports.markdown import below, bold, exact, fixed, row, text

MISSING = "–"  # a cell with no value (an en dash)
INDENT = "\u00a0" * 4  # one level of a row's indentation: non-breaking spaces, which a table keeps
SOURCES = N_("Sources of the data")
_ALIGN = {**{kind: "---:" for kind in chart_data.NUMERIC}, "year": ":---:"}  # numbers right, years centred
_CODE = re.compile(r"[\w.\-/ ]+")  # a code shown in a code span: nothing a code span would show raw
_BLOCK_START = re.compile(r"([#+\-=~]|\d+[.)])")  # a line starting so is a heading, list, rule or fence


def render(document: Document) -> str:
    out = ["# " + heading(document.title), ""]
    if document.subtitle:
        out += [paragraph(document.subtitle), ""]
    out += _facts(document.facts)
    for section in document.sections:
        out += _section(section)
    if document.source_notes:
        out += ["## " + tr(SOURCES), ""]
        out += [f"- {text(note)}" for note in document.source_notes]
        out.append("")
    if document.footer:
        out += ["---", "", f"*{text(document.footer).strip()}*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def heading(value: str) -> str:
    """Text for a heading: escaped, and a closing '#' kept (Markdown drops a heading's trailing #s)."""
    words = text(value).strip()
    return words[:-1] + "\\#" if words.endswith("#") else words


def paragraph(value: str) -> str:
    """Text for a paragraph of its own: escaped, and never read as a heading, a list or a rule."""
    words = text(value).strip()
    start = _BLOCK_START.match(words)
    if start:
        end = start.end()
        words = words[: end - 1] + "\\" + words[end - 1 :]
    return words


def cell(value: Cell, kind: Kind) -> str:
    """One value as a table shows it (without emphasis or indentation)."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        if kind == "code" and _CODE.fullmatch(value):
            return f"`{value}`"
        return text(value)
    if kind == "tonnes":
        return fixed(value, 2)
    if kind in ("share", "percent"):
        return fixed(value * 100 if kind == "share" else value, 1) + " %"
    if kind == "year" and float(value).is_integer():
        return str(int(value))
    return number(value)


def number(value: float) -> str:
    """A number other than tonnes or a share: as exact as it is, to at most 6 decimals (markdown.exact);
    one too small for them reads "< 0.000001" (below)."""
    if not math.isfinite(value):
        return str(value)
    shown = round(value, 6)
    if not shown and abs(value) >= NOISE:
        return below(value, 6)
    return exact(shown)


def table_lines(table: Table, marked: frozenset[str] = frozenset()) -> list[str]:
    """The table as a pipe table: the header, the alignment row (numbers right, years centred), one
    line a row. A total or subtotal row is bold; a row's level indents its first cell; the first cell
    of a row whose text is in `marked` is bold (a chart's marked category)."""
    kinds = [column.kind for column in table.columns]
    out = [
        row([text(column.title) for column in table.columns]),
        "|" + "|".join(_ALIGN.get(kind, "---") for kind in kinds) + "|",
    ]
    for line in table.rows:
        shown = [cell(value, kind) for value, kind in zip(line.cells, kinds, strict=True)]
        if line.emphasis:
            shown = [bold(value) if value and value != MISSING else value for value in shown]
        elif line.cells and isinstance(line.cells[0], str) and line.cells[0] in marked:
            shown[0] = bold(shown[0])
        if shown and line.level > 0:
            shown[0] = INDENT * line.level + shown[0]
        out.append(row(shown))
    return out


def _facts(facts: tuple[Fact, ...]) -> list[str]:
    if not facts:
        return []
    return [*(f"- {text(fact.label)}: {text(fact.value)}" for fact in facts), ""]


def _section(section: Section) -> list[str]:
    out = ["## " + heading(section.title), ""]
    out += _facts(section.facts)
    for words in section.paragraphs:
        out += [paragraph(words), ""]
    for table in section.tables:
        out += _table(table, section.title)
    for chart in section.charts:
        out += _chart(chart, section.tables)
    return out


def _table(table: Table, section: str = "") -> list[str]:
    # a table's title under a heading of the same words ("By province") is not said twice
    out = ["### " + heading(table.title), ""] if table.title and table.title != section else []
    out += [*table_lines(table), ""]
    notes = [*table.notes, *(f"{column.title}: {column.note}" for column in table.columns if column.note)]
    for note in notes:
        out += [paragraph(note), ""]
    return out


def _chart(chart: Chart, tables: tuple[Table, ...]) -> list[str]:
    title = text(chart.title).strip().rstrip(".")
    alt = text(chart.alt).strip()
    words = tr("Chart: {title}. {alt}", title=title, alt=alt) if alt else tr("Chart: {title}", title=title)
    out = [f"*{words}*", ""]
    if chart_data.find(chart, tables) is None and chart.categories and chart.series:
        out += [*table_lines(chart_data.as_table(chart), frozenset(chart.marked)), ""]
    return out
