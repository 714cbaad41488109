"""One format-neutral model of a report: a Document of Sections holding facts, paragraphs, Tables
and Charts, built once by a report (GPC tables, a trend, a plan, an inventory summary) and rendered
to Markdown, xlsx, HTML and the terminal by the renderers (reports/render_*.py, cli/render.py).

Texts are already in the run's language when a document is built (tr() at build time); values are
kept exact (floats, ints) with a Kind that tells a renderer how to show them, so every format
shows the same numbers. Text from an input file stays plain text here: each renderer escapes it
for its format (HTML, Markdown, a spreadsheet's formula guard).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

# How a column's values are shown (the value itself is always kept exact):
#   text      words, names, keys (escaped, never a formula)
#   tonnes    tCO2e or tonnes, thousands separated, 2 decimals in tables (exact in xlsx cells)
#   number    any other quantity, thousands separated, as many decimals as it has (up to 6)
#   share     a fraction shown as a percentage (0.125 -> 12.5 %)
#   percent   a value already in % (4.1 -> 4.1 %)
#   year      a year as the reader expects it (already made text by the builder: "2567")
#   code      a reference such as a GPC number or a notation key (monospace where a format has it)
Kind = Literal["text", "tonnes", "number", "share", "percent", "year", "code"]
Cell = str | float | int | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = "text"
    note: str | None = None  # what the column means, for a tooltip or a footnote


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    emphasis: Literal["", "subtotal", "total"] = ""  # bold rules for subtotals and totals
    level: int = 0  # indentation of the first cell (a sub-category under its sector)


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()  # shown under the table
    key: str = ""  # a stable name for tests and for xlsx sheet or HTML anchors ("gpc-by-sector")

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row.cells) != len(self.columns):
                raise ValueError(
                    f"table {self.key or self.title!r}: a row has {len(row.cells)} cells, not {len(self.columns)}"
                )


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per category; None where there is no value (a gap)


@dataclass(frozen=True)
class Chart:
    """A chart of one table's numbers. `alt` is the text alternative a screen reader reads and the
    Markdown shows: say what the chart shows in one or two sentences, with its largest numbers."""

    title: str
    kind: Literal["bar", "stacked-bar", "line", "pie"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt: str
    y_title: str = "tCO2e"
    marked: tuple[str, ...] = ()  # categories to mark (the base year)
    key: str = ""


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    number: int | float | None = None  # a count or amount the value shows, kept a number in a workbook


@dataclass(frozen=True)
class Section:
    title: str
    facts: tuple[Fact, ...] = ()
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    key: str = ""  # a stable name (an xlsx sheet, an HTML id)


@dataclass(frozen=True)
class Document:
    title: str
    language: str  # "th" or "en": the HTML lang attribute, fonts
    sections: tuple[Section, ...]
    subtitle: str = ""
    facts: tuple[Fact, ...] = ()  # who, what period, which factors and GWP
    footer: str = ""  # the tool and version, shown small at the end
    source_notes: tuple[str, ...] = field(default=())  # provenance lines (factor sets and their hashes)


def table(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Row | Sequence[Cell]],
    *,
    notes: Sequence[str] = (),
    key: str = "",
) -> Table:
    """A Table from plain rows (sequences of cells) or Rows."""
    built = tuple(row if isinstance(row, Row) else Row(tuple(row)) for row in rows)
    return Table(title, tuple(columns), built, tuple(notes), key)
