"""Where a chart's numbers are shown: in one of its section's tables, or in a small table of their own.

A renderer shows a chart's numbers once. When a table of the section holds the chart's categories in
consecutive rows of one column and each series in a column titled with the series' name (the same
values, a gap where the table has no value), the chart is drawn from that table (the xlsx chart
references its cells) and Markdown shows only the chart's text alternative; otherwise `as_table`
gives the chart's data as a table to show (and to draw from) beside the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ghgcalc.reports.document import Chart, Column, Kind, Row, Table

NUMERIC: frozenset[Kind] = frozenset({"tonnes", "number", "share", "percent"})
_LABELS: frozenset[Kind] = frozenset({"text", "code", "year"})


@dataclass(frozen=True)
class Found:
    """The chart's data inside `table`: categories in `category_column` of rows `first_row` to
    `first_row + len(categories) - 1`, the series in `series_columns` (one per series, in order)."""

    table: Table
    category_column: int
    first_row: int
    series_columns: tuple[int, ...]


def find(chart: Chart, tables: Sequence[Table]) -> Found | None:
    """The first table that holds the chart's data, or None."""
    count = len(chart.categories)
    if not count or not chart.series:
        return None
    for table in tables:
        rows = table.rows
        for column, kind in enumerate(col.kind for col in table.columns):
            if kind not in _LABELS:
                continue
            for first in range(len(rows) - count + 1):
                if all(_label(rows[first + i].cells[column]) == chart.categories[i] for i in range(count)):
                    series = _series_columns(chart, table, first)
                    if series is not None:
                        return Found(table, column, first, series)
    return None


def _label(cell: object) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _series_columns(chart: Chart, table: Table, first: int) -> tuple[int, ...] | None:
    found: list[int] = []
    for series in chart.series:
        for column, col in enumerate(table.columns):
            if col.kind in NUMERIC and col.title == series.name and column not in found:
                cells = [table.rows[first + i].cells[column] for i in range(len(chart.categories))]
                if all(_same(cell, value) for cell, value in zip(cells, series.values, strict=True)):
                    found.append(column)
                    break
        else:
            return None
    return tuple(found)


def _same(cell: object, value: float | None) -> bool:
    if value is None or cell is None:
        return value is None and cell is None
    return isinstance(cell, int | float) and not isinstance(cell, bool) and cell == value


def value_kind(chart: Chart) -> Kind:
    """How the chart's values are shown in its own table: tonnes when its axis is in tCO2e."""
    return "tonnes" if chart.y_title == "tCO2e" else "number"


def as_table(chart: Chart) -> Table:
    """The chart's data as a table: the categories (untitled, as a chart's category axis is), then
    one column per series. Its title is the chart's."""
    kind = value_kind(chart)
    columns = (Column(""), *(Column(series.name, kind) for series in chart.series))
    rows = tuple(
        Row((category, *(series.values[i] if i < len(series.values) else None for series in chart.series)))
        for i, category in enumerate(chart.categories)
    )
    return Table(chart.title, columns, rows, key=chart.key)
