"""Activity tables (Parquet, CSV, a workbook's first sheet) computed in DuckDB (docs/tables.md).

A table holds the columns of an activity line, one row per line: millions of meters or vehicles.
Its rows are never Python objects. DuckDB reads the file once and sums the amount of each class
of rows (the same activity, unit, placement and grades, core/table_classes.py) while it checks
every row; the classes, a few hundred at most, are computed by the code that computes a file's
lines, and each class becomes one line of the result. Mass is linear in the amount, so a class's
line is exactly the sum of its rows' lines; `write_lines` gives every row's own result, streamed
from DuckDB to Parquet or CSV.

Every problem is located at its row and column (`meters.parquet[row 123456, amount]`, or the
sheet and cell of a workbook); the first rows of each kind of problem are listed and the rest
counted (`... and 48,211 more rows with unit-unknown`). DuckDB is imported only here, only when an
inventory has a table.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ghgcalc.core.plausibility import Thresholds
from ghgcalc.core.table_classes import ClassSums, Coefficients, RowClass, class_lines, group_line
from ghgcalc.errors import Issue, Location, Severity
from ghgcalc.i18n import tr
from ghgcalc.io.table_csv import NotUtf8, Ragged, Unreadable, read_csv
from ghgcalc.models.inventory import LARGEST_AMOUNT, AmountProblem, read_amount
from ghgcalc.models.result import BIOGENIC, NON_KYOTO, Line, TableSummary
from ghgcalc.numbers import number_text

if TYPE_CHECKING:
    from ghgcalc.core.resolve import Catalogue
    from ghgcalc.io.excel_cells import SheetReader
    from ghgcalc.models.inventory import Inventory

# The columns of a table: an activity line's fields (docs/inventory-format.md), the grades as
# three columns, and one column per month instead of `amount` (a header naming the month).
KEY_COLUMNS = (
    "activity",
    "unit",
    "scope",
    "gpc",
    "ipcc",
    "category",
    "ncv",
    "density",
    "division",
    "data_quality_source",
    "data_quality_activity",
    "data_quality_factor",
)
ROW_COLUMNS = ("amount", "label", "id", "evidence")
COLUMNS = (*KEY_COLUMNS, *ROW_COLUMNS)

# Rows listed one by one for each kind of problem; the rest are counted.
LISTED = 10
# Columns a table may have: its fields and a column per month of its period leave ample room for a
# spreadsheet's own; a file thousands of columns wide is no activity table (or has no header line).
LARGEST_COLUMNS = 1_000
# Classes of rows (distinct activity, unit, placement and grades) a table may hold: a real table
# has tens; millions of classes would be millions of lines, and is refused.
LARGEST_CLASSES = 100_000

# The number forms DuckDB reads itself; anything else ("12,500", Thai digits, a decimal comma)
# goes through the one strict reader (numbers.read_number), once per distinct text.
_PLAIN = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
# "12,500" and "1,234,567.5", as the strict reader reads them (numbers._GROUPED: the first group not
# a lone 0, "0,840" being a decimal comma), read in SQL without their commas: an export of millions
# of amounts formatted #,##0 would otherwise be millions of texts for the strict reader
_GROUPED = r"[+-]?([1-9]\d{0,2}|0\d{1,2})(,\d{3})+(\.\d*)?"
# DuckDB's number types: a list of them (INTEGER[]), a UUID or an interval is no number, read as its text
_NUMERIC = re.compile(
    r"(DOUBLE|FLOAT|REAL|DECIMAL\(\d+,\s*\d+\)|U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|UHUGEINT)", re.IGNORECASE
)
# The names the engine gives its own columns: a table's column of that name is told, not read
_RESERVED = ("__row", "file_row_number")


def _trimmed(column: str, prefix: str = "") -> str:
    return f"trim(CAST({prefix}{_name(column)} AS VARCHAR))"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _file(path: str) -> str:
    """A file for DuckDB's readers, which take * ? and [ as a glob: `a*.csv` would also read
    `ab.csv`. Each is matched as itself, in a class of its own ([*])."""
    return _literal("".join(f"[{ch}]" if ch in "*?[" else ch for ch in path))


def _name(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


@dataclass
class _Columns:
    """Where each field is in the table: the table's own column name, by field."""

    fields: dict[str, str] = field(default_factory=dict)
    months: list[tuple[int, str]] = field(default_factory=list)  # (the period's month 0-11, column)
    types: dict[str, str] = field(default_factory=dict)  # the table's column -> DuckDB type
    order: list[str] = field(default_factory=list)  # the table's columns, in order (for cells)
    units: dict[str, str] = field(default_factory=dict)  # an amount or month column -> the unit its header names


@dataclass(frozen=True)
class TableRead:
    lines: tuple[Line, ...]
    issues: tuple[Issue, ...]
    summary: TableSummary | None
    # the lines of classes of one row: their months are that row's, judged at the row already
    one_row: frozenset[int] = frozenset()


class _Table:
    """One table opened in DuckDB as the view `src` with its row number `__row` (1 = first row
    of data), and where its problems are shown."""

    def __init__(self, path: str, shown: str) -> None:

        self.path = path
        self.shown = shown
        self.sheet: str | None = None
        self.header_row = 0  # a workbook's header row (0-based)
        # DuckDB's name of a column -> its header as written (DuckDB renames a header written twice,
        # and names an empty one), and a workbook's column -> its number in the sheet (1 = A)
        self.titles: dict[str, str] = {}
        self.cells: dict[str, int] = {}
        # a workbook: what its XML says that calamine does not show (hidden rows, error cells)
        self.reader: SheetReader | None = None
        self.sheet_rows: list[list[Any]] = []  # kept only when the sheet hides rows or columns
        self.sheet_issues: list[Issue] = []  # a workbook's other sheets of activities
        self.separator: str | None = None  # a CSV's, as its header line shows it
        self.con = _connect()
        self._temporary: str | None = None
        suffix = Path(path).suffix.lower()
        if suffix == ".parquet":
            described = self.con.execute(f"DESCRIBE SELECT * FROM read_parquet({_file(path)})").fetchall()
            _reserved(shown, [row[0] for row in described])
            index = [_name(c) for c in _pandas_index(self.con, path) if c in {row[0] for row in described}]
            self.con.execute(
                f"CREATE VIEW src AS SELECT * EXCLUDE (file_row_number{''.join(', ' + c for c in index)}), "
                f"file_row_number + 1 AS __row FROM read_parquet({_file(path)}, file_row_number = true)"
            )
        elif suffix == ".csv":
            self.titles, self.separator = read_csv(self.con, path)
            _reserved(shown, list(self.titles.values()))
        else:
            self._workbook(path)

    def _workbook(self, path: str) -> None:
        """An inventory workbook's Activities sheet (its other sheets are the header's), else the
        first sheet, handed to DuckDB as columns: numbers as numbers, any other cell as its text
        (a date, a yes/no, "12,500": the strict reader decides, as for a CSV)."""
        import numpy as np
        from python_calamine import CalamineError

        from ghgcalc.io.excel_cells import SheetReader
        from ghgcalc.io.excel_reader import ACTIVITY_COLUMNS, SHEETS, _header_row, calamine_reason, checked_sheet

        def choose(sheets: list[str]) -> str:
            names = {name.strip().lower(): name for name in sheets}
            return next((names[n] for n in SHEETS["activities"] if n in names), sheets[0])

        # As for an inventory workbook: the zip's limits, then every sheet's used range from its XML,
        # before calamine lays a sheet out (one stray cell at XFD1048576 would ask it for 17 billion),
        # and what calamine does not show (error cells, formulas without a result, hidden rows)
        self.reader = reader = SheetReader(self.shown)
        try:
            found_sheet = checked_sheet(path, reader, choose, lookalikes=True)
        except CalamineError as exc:  # a password, broken XML: told as the table's problem
            raise ValueError(calamine_reason(exc)) from None
        if found_sheet is None:  # a sheet too large is told at its farthest cell; the rest as unreadable
            if reader.issues and reader.issues[0].code == "sheet-too-large":
                raise _Refused(reader.issues)
            raise ValueError(reader.issues[-1].message if reader.issues else "")
        self.sheet, rows = found_sheet
        # another sheet of activities, whose rows would not be counted, and the sheet read being hidden,
        # whose rows are (as for an inventory workbook)
        told = ("sheet-ambiguous", "sheet-ignored", "sheet-hidden")
        self.sheet_issues = [i for i in reader.issues if i.code in told]
        found = _header_row(rows[:20], ACTIVITY_COLUMNS["activity"]) if rows else None
        self.header_row = found or 0
        header, body = (rows[self.header_row], rows[self.header_row + 1 :]) if rows else ([], [])
        xml = reader.xml.get(self.sheet)
        if xml is not None and (xml.hidden_rows or xml.hidden_columns):
            self.sheet_rows = rows
        columns: dict[str, Any] = {}
        for number, values in enumerate(zip(*body, strict=True) if body else [[]] * len(header)):
            title = "" if header[number] is None else str(header[number]).strip()
            if not title and all(_empty(v) for v in values):
                continue  # an empty column (calamine gives an empty cell as '')
            name, copy = title or _letters(number + 1), 1
            while name in columns:  # a header written twice is told by read_columns, not lost here
                copy += 1
                name = f"{title} ({copy})"
            self.titles[name], self.cells[name] = title, number + 1
            numeric = all(v is None or (type(v) in (float, int)) for v in values)
            cells = values if numeric else [None if v is None else _cell_text(v) for v in values]
            columns[name] = np.array(cells, dtype=object)
        if not columns:
            raise ValueError(tr("the sheet '{sheet}' is empty; a table starts with a header row", sheet=self.sheet))
        _reserved(self.shown, list(self.titles.values()), self.sheet)
        self.con.register("cells", columns)
        self.con.execute("CREATE TABLE src AS SELECT *, row_number() OVER () AS __row FROM cells")

    def close(self) -> None:
        self.con.close()
        if self._temporary:
            Path(self._temporary).unlink(missing_ok=True)

    def where(self, row: int | None = None, column: str | None = None, columns: Sequence[str] = ()) -> Location:
        """A row and column of the table: a workbook's sheet and cell, else `file[row N, column]`.
        A workbook's cell is found by its own column number (`self.cells`): the sheet's empty
        columns are not the table's, so `columns`, the table's, cannot tell it."""
        if row is None:
            return Location(self.shown)
        if self.sheet is not None:
            letter = _letters(self.cells.get(column or "", 1))
            return Location(self.shown, sheet=self.sheet, cell=f"{letter}{self.header_row + 1 + row}")
        return Location(self.shown, row=row, field=column)


def _connect() -> Any:
    """An in-memory DuckDB that keeps rows in the table's order and spills what does not fit in
    memory to the system's temporary folder (never to a `.tmp` in the user's folder)."""
    import tempfile

    import duckdb

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    folder = os.path.join(tempfile.gettempdir(), f"ghgcalc-duckdb-{os.getpid()}")
    con.execute(f"SET temp_directory = {_literal(folder)}")
    return con


def _pandas_index(con: Any, path: str) -> list[str]:
    """The columns of a Parquet file that are a pandas DataFrame's index (`__index_level_0__`, which
    `df[df.amount > 0].to_parquet(...)` writes, or a named index such as `meter`), as its metadata
    says: a row label, not data, that pandas reads back as the index. An index named as a field
    (`activity`) is read as that field."""
    import json

    found = con.execute(f"SELECT value FROM parquet_kv_metadata({_file(path)}) WHERE key = 'pandas'").fetchone()
    if found is None:
        return []
    try:
        index = json.loads(found[0]).get("index_columns", [])
    except (ValueError, AttributeError):
        return []
    return [c for c in index if isinstance(c, str) and _field_of(c) is None] if isinstance(index, list) else []


def _reserved(shown: str, titles: list[str], sheet: str | None = None) -> None:
    """Refuse a table with a column named as one of the engine's own (`__row`, `file_row_number`):
    DuckDB would rename one of the two, or refuse the file in its own words."""
    taken = [title for title in titles if title.strip().lower() in _RESERVED]
    if taken:
        where = Location(shown, sheet=sheet) if sheet else Location(shown)
        hint = tr("rename or delete the column: it is not a column of an activity table")
        message = tr("'{column}' is not a column of an activity table", column=taken[0])
        raise _Refused([Issue("table-column-unknown", message, Severity.ERROR, where, hint=hint)])


class _Refused(ValueError):
    """A workbook refused before it is opened (a zip bomb, a sheet too large), with its issues."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues[0].message if issues else "")
        self.issues = tuple(issues)


def _cell_text(value: object) -> str:
    """A workbook cell in a column of texts, as text: a date as 2024-01-01, True as True, and a
    whole number as the officer typed it (-3, not the -3.0 the sheet stores)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _letters(number: int) -> str:
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def read_columns(table: _Table, inventory: Inventory) -> tuple[_Columns, list[Issue]]:
    """The table's columns mapped to fields; unknown, doubled and missing columns are errors."""
    from ghgcalc.io.excel_months import NotAMonth, month_header

    found = _Columns()
    issues: list[Issue] = []
    from ghgcalc.io.excel_month_columns import months_of_period

    period_months = months_of_period(inventory.period)
    headers: list[tuple[int, int | None]] = []  # the month columns' (month, year), left to right
    described = table.con.execute("DESCRIBE src").fetchall()
    if len(described) > LARGEST_COLUMNS + 1:  # and __row, the row number
        message = tr(
            "the table has {count} columns; an activity table has at most {largest}",
            count=f"{len(described) - 1:,}",
            largest=f"{LARGEST_COLUMNS:,}",
        )
        hint = tr("the first line is the header: activity, unit, and amount or one column per month")
        return found, [_issue("table-too-wide", message, table.where(), hint)]
    for name, kind, *_ in described:
        if name == "__row":
            continue
        title = table.titles.get(name, name)
        if not title.strip() and _untitled_and_empty(table, name):
            continue  # a trailing separator on every line of a CSV: an empty column, no column
        found.order.append(name)
        found.types[name] = str(kind)
        key = _field_of(title)
        if key is not None:
            if key in found.fields:
                issues.append(_column_issue(table, "table-column-twice", name, key))
            found.fields[key] = name
            if key == "amount" and (unit := _header_unit(title)) is not None:
                found.units[name] = unit
            continue
        if _uncertainty_column(title):  # ghgcalc's own template: a table's rows carry no uncertainty
            if not _untitled_and_empty(table, name):
                issues.append(_ignored(table, name))
            continue
        try:
            month = month_header(title)
        except NotAMonth as exc:
            issues.append(_column_issue(table, "table-column-unknown", name, str(exc)))
            continue
        if month is None:
            issues.append(_column_issue(table, "table-column-unknown", name, ""))
            continue
        slot = _month_slot(month.month, month.year, period_months)
        if slot is None and month.year is None and [m for _, m in period_months].count(month.month) > 1:
            issues.append(_column_issue(table, "table-month-ambiguous", name, ""))
        elif slot is None:
            if _untitled_and_empty(table, name):
                continue  # a twelve-month template used for a half year: ignored, as an Excel inventory does
            issues.append(_column_issue(table, "table-month-outside", name, ""))
        elif any(slot == taken for taken, _ in found.months):
            issues.append(_column_issue(table, "table-column-twice", name, title))
        else:
            found.months.append((slot, name))
            headers.append((month.month, month.year))
            if (unit := _header_unit(title)) is not None:
                found.units[name] = unit
    for required in ("activity", "unit"):
        if required not in found.fields:
            hint = tr("the columns are: {columns}", columns=", ".join(COLUMNS))
            if required == "unit" and found.units:  # a unit in a header is checked against the rows', not taken
                name, unit = next(iter(found.units.items()))
                hint = tr(
                    "the header '{column}' names {unit}: add a column 'unit' with {unit} on every row",
                    column=table.titles.get(name, name),
                    unit=unit,
                )
            issues.append(
                _issue(
                    "table-column-missing",
                    tr("the table has no column '{column}'", column=required),
                    table.where(),
                    hint,
                )
            )
    if "amount" not in found.fields and not found.months:
        issues.append(
            _issue(
                "table-column-missing",
                tr("the table has no column 'amount' and no month columns"),
                table.where(),
                tr("add a column 'amount', or one column per month headed by the month (Jan 2024, ม.ค. 67)"),
            )
        )
    if found.months and not any(year for _, year in headers) and len(headers) >= 12:
        from ghgcalc.io.excel_month_columns import order_mismatch

        mismatch = order_mismatch(headers[0][0], inventory.period)  # as the columns are, left to right
        if mismatch is not None:
            where = _header_cell(table, found.months[0][1])
            issues.append(_issue("period-months-mismatch", mismatch[0], where, mismatch[1], severe=False))
    found.months.sort()
    if found.months and not any(i.is_error for i in issues) and len(found.months) < len(period_months):
        issues.append(_months_missing(table, found, inventory, period_months))
    return found, _few_of_each(table, issues)


def _few_of_each(table: _Table, issues: list[Issue]) -> list[Issue]:
    """The first LISTED column problems of each kind, then how many more there are."""
    counts: dict[str, int] = {}
    kept = []
    for issue in issues:
        counts[issue.code] = counts.get(issue.code, 0) + 1
        if counts[issue.code] <= LISTED:
            kept.append(issue)
    for code, count in counts.items():
        if count > LISTED:
            message = tr("... and {count} more columns with {code}", count=f"{count - LISTED:,}", code=code)
            kept.append(_issue(code, message, table.where()))
    return kept


def _months_missing(table: _Table, found: _Columns, inventory: Inventory, months: list[tuple[int, int]]) -> Issue:
    """A table whose month columns leave out months of the period: its rows' totals would be short
    (an error, as on an Excel inventory's Activities sheet: io/excel_month_columns)."""
    from ghgcalc.io.excel_month_columns import _shown_month

    given = {slot for slot, _ in found.months}
    missing = [_shown_month(inventory.period, *months[i]) for i in range(len(months)) if i not in given]
    listed = ", ".join(missing[:6])
    if len(missing) > 6:
        listed = tr("{listed} and {count} more", listed=listed, count=len(missing) - 6)
    first = found.months[0][1]
    where = table.where()
    if table.sheet:
        where = Location(
            table.shown, sheet=table.sheet, cell=f"{_letters(table.cells.get(first, 1))}{table.header_row + 1}"
        )
    message = tr("no column for {months}: the period runs {period}", months=listed, period=inventory.period.label)
    hint = tr("add a column for each month of the period (0 for a month without use), or give an amount column")
    return _issue("month-missing", message, where, hint)


# The Activities sheet's headers (io/excel_reader.ACTIVITY_COLUMNS, English or Thai) that name a
# table's fields: an inventory workbook's sheet can be given as a table.
_SHEET_FIELDS = {
    "total": "amount",
    "data_quality.source": "data_quality_source",
    "data_quality.activity": "data_quality_activity",
    "data_quality.factor": "data_quality_factor",
}


def _field_of(header: str) -> str | None:
    """The field a column header names: its own key (amount, unit, ...), else an Activities
    sheet's header ("Unit / หน่วย", "Total / รวม")."""
    key = header.strip().lower()
    if key in COLUMNS:
        return key
    from ghgcalc.io.excel_reader import ACTIVITY_COLUMNS, _match, _normalise_header

    parts = _normalise_header(header)
    for name, synonyms in ACTIVITY_COLUMNS.items():
        field_name = _SHEET_FIELDS.get(name, name)
        if field_name in COLUMNS and _match(parts, synonyms):
            return field_name
    return None


def _header_cell(table: _Table, name: str) -> Location:
    """A column's header: a workbook's header cell, else the table."""
    if table.sheet:
        return Location(
            table.shown, sheet=table.sheet, cell=f"{_letters(table.cells.get(name, 1))}{table.header_row + 1}"
        )
    return table.where()


def _uncertainty_column(header: str) -> bool:
    """Whether a header is an uncertainty column of ghgcalc's own Activities sheet (excel_quality)."""
    from ghgcalc.io.excel_quality import RANGES
    from ghgcalc.io.excel_reader import ACTIVITY_COLUMNS, _match, _normalise_header

    parts = _normalise_header(header)
    return any(_match(parts, ACTIVITY_COLUMNS[name]) for name in RANGES if name in ACTIVITY_COLUMNS)


def _ignored(table: _Table, name: str) -> Issue:
    where = table.where()
    if table.sheet:
        where = Location(
            table.shown, sheet=table.sheet, cell=f"{_letters(table.cells.get(name, 1))}{table.header_row + 1}"
        )
    message = tr(
        "the column '{column}' is not read: a table's rows are computed without their uncertainty",
        column=table.titles.get(name, name),
    )
    hint = tr("give the lines whose uncertainty matters in the inventory file, or clear the column")
    return _issue("table-column-ignored", message, where, hint, severe=False)


def _header_unit(header: str) -> str | None:
    """The unit a number column's header names besides its field or month (`amount (MWh)`,
    `ปริมาณ (หน่วย)`, `Jan (MWh)`), as written; None when it names none."""
    from ghgcalc.io.excel_reader import ACTIVITY_COLUMNS
    from ghgcalc.io.header_units import header_unit

    return header_unit(header, {*ACTIVITY_COLUMNS["total"], *COLUMNS})


def _untitled_and_empty(table: _Table, name: str) -> bool:
    found = table.con.execute(f"SELECT 1 FROM src WHERE NULLIF({_trimmed(name)}, '') IS NOT NULL LIMIT 1")
    return found.fetchone() is None


def _column_issue(table: _Table, code: str, name: str, detail: str) -> Issue:
    where = table.where()
    if table.sheet:
        cell = f"{_letters(table.cells.get(name, 1))}{table.header_row + 1}"
        where = Location(table.shown, sheet=table.sheet, cell=cell)
    title = table.titles.get(name, name)
    if code == "table-column-twice":
        return _issue(code, tr("two columns are '{column}'", column=detail), where)
    if code == "table-month-ambiguous":
        return _issue(
            code,
            tr("column '{column}' names a month the inventory's period holds more than once", column=title),
            where,
            tr("write the month with its year: Jan 2024, ม.ค. 67"),
        )
    if code == "table-month-outside":
        return _issue(
            code,
            tr("column '{column}' is a month outside the inventory's period", column=title),
            where,
            tr("a table gives the months of the inventory's period, one column each"),
        )
    import difflib

    close = difflib.get_close_matches(title.strip().lower(), COLUMNS, n=1, cutoff=0.7)
    hint = (
        tr("did you mean '{column}'?", column=close[0])
        if close
        else tr("the columns are: {columns}, and one column per month", columns=", ".join(COLUMNS))
    )
    message = (
        tr("'{column}' is not a column of an activity table", column=title)
        if title.strip()
        else tr("a column without a header holds values")
    )
    return _issue(code, f"{message}: {detail}" if detail else message, where, hint)


def _month_slot(month: int, year: int | None, months: list[tuple[int, int]]) -> int | None:
    """The position of a month in the period; a month without a year must be unambiguous."""
    slots = [i for i, (y, m) in enumerate(months) if m == month and (year is None or y == year)]
    return slots[0] if len(slots) == 1 else None


def _issue(code: str, message: str, where: Location, hint: str | None = None, severe: bool = True) -> Issue:
    return Issue(code, message, Severity.ERROR if severe else Severity.WARNING, where, hint=hint)


# --- the rows, typed and checked, in SQL ----------------------------------------------------------


class _Rows:
    """The SQL of the table's rows. Per row, DuckDB only reads the numbers and checks them; the key
    columns are grouped as stored and read once per distinct value (`_Group`), in Python."""

    def __init__(self, table: _Table, columns: _Columns) -> None:
        self.table = table
        self.columns = columns
        self.numbers = [name for _, name in columns.months]
        if "amount" in columns.fields:
            self.numbers.insert(0, columns.fields["amount"])
        self.numeric = [c for c in self.numbers if not self._typed(c)]
        self.keys = [key for key in KEY_COLUMNS if key in columns.fields]  # the key columns present
        self.joined: list[str] = []
        self.grouped: list[str] = []  # the columns that hold numbers with thousands commas

    def _typed(self, column: str) -> bool:
        return _NUMERIC.fullmatch(self.columns.types[column]) is not None

    def read_texts(self) -> None:
        """Each distinct number written in a form DuckDB does not read ("12,500", Thai digits, a
        decimal comma) through the strict reader, into the table `texts`: its value, or the code of
        its problem. `self.joined` are the columns that hold such texts; `self.grouped` those that
        hold numbers with commas between their thousands, read in SQL (a NULL text here)."""
        con = self.table.con
        con.execute("CREATE TEMP TABLE texts (text VARCHAR, value DOUBLE, code VARCHAR)")
        if not self.numeric:
            return
        parts = [
            f"SELECT DISTINCT {number} AS col, CASE WHEN regexp_full_match({_trimmed(c)}, {_literal(_GROUPED)}) "
            f"THEN NULL ELSE {_trimmed(c)} END AS text FROM src WHERE {_trimmed(c)} <> '' "
            f"AND NOT regexp_full_match({_trimmed(c)}, {_literal(_PLAIN)})"
            for number, c in enumerate(self.numeric)
        ]
        texts: dict[str, tuple[float | None, str | None]] = {}
        for number, text in con.execute(" UNION ".join(parts)).fetchall():
            if text is None:  # its column holds "12,500"s, read in SQL
                self.grouped.append(self.numeric[number])
                continue
            if self.numeric[number] not in self.joined:
                self.joined.append(self.numeric[number])
            if text in texts:
                continue
            try:
                texts[text] = (read_amount(text), None)
            except AmountProblem as problem:
                texts[text] = (None, problem.code)
        if texts:  # in one block: executemany inserts a row at a time (2 million "1,234"s took over 20 minutes)
            import numpy as np

            given = {
                "text": np.array(list(texts), dtype=object),
                "value": np.array([math.nan if v is None else v for v, _ in texts.values()], dtype=np.float64),
                "code": np.array([c for _, c in texts.values()], dtype=object),
            }
            con.register("texts_given", given)
            con.execute("INSERT INTO texts SELECT text, CASE WHEN code IS NULL THEN value END, code FROM texts_given")
            con.unregister("texts_given")

    def _number(self, column: str, alias: str) -> tuple[str, str]:
        """The SQL of a number column's value and of its unreadable text's problem code."""
        if self._typed(column):
            return f"CAST(src.{_name(column)} AS DOUBLE)", "CAST(NULL AS VARCHAR)"
        text = f"NULLIF({_trimmed(column, 'src.')}, '')"
        if column not in self.joined and column not in self.grouped:  # only plain numbers (read_texts)
            return f"TRY_CAST({text} AS DOUBLE)", "CAST(NULL AS VARCHAR)"
        plain = f"regexp_full_match({text}, {_literal(_PLAIN)})"
        grouped = f"regexp_full_match({text}, {_literal(_GROUPED)})"
        other = f"{alias}.value" if column in self.joined else "CAST(NULL AS DOUBLE)"
        value = (
            f"(CASE WHEN {plain} THEN TRY_CAST({text} AS DOUBLE) "
            f"WHEN {grouped} THEN TRY_CAST(replace({text}, ',', '') AS DOUBLE) ELSE {other} END)"
        )
        if column not in self.joined:
            return value, "CAST(NULL AS VARCHAR)"
        return value, f"(CASE WHEN {text} IS NOT NULL AND NOT {plain} AND NOT {grouped} THEN {alias}.code END)"

    def raw(self, key: str) -> str:
        """A key column as stored, as text (a Parquet integer scope as '1')."""
        column = self.columns.fields[key]
        return (
            f"src.{_name(column)}"
            if self.columns.types[column] == "VARCHAR"
            else f"CAST(src.{_name(column)} AS VARCHAR)"
        )

    def text(self, key: str) -> str:
        column = self.columns.fields.get(key)
        return f"NULLIF({_trimmed(column, 'src.')}, '')" if column else "CAST(NULL AS VARCHAR)"

    def sql(self) -> str:
        """SELECT of every row but blank ones: __row, the key columns as stored (k_activity, ...),
        label, id and evidence, amount (the months summed when the row gives months), whether it
        gives months and whether some are empty, the months (m0, ...), and `problem`, the code of
        the row's first problem with its numbers (NULL when they are fine)."""
        joins, typed = [], []
        for number, column in enumerate(self.numbers):
            alias = f"t{number}"
            if column in self.joined:
                joins.append(f"LEFT JOIN texts {alias} ON {alias}.text = NULLIF({_trimmed(column, 'src.')}, '')")
            value, unreadable = self._number(column, alias)
            typed.append(f"{value} AS v{number}, {unreadable} AS u{number}")
        fields = [f"{self.raw(key)} AS k_{key}" for key in self.keys]
        fields += [f"{self.text(key)} AS {key}" for key in ("label", "id", "evidence")]
        # the activity first: a row that has one is not blank, and the test stops there
        first = [self.columns.fields[k] for k in ("activity", "unit", "amount") if k in self.columns.fields]
        order = [*first, *(c for c in self.columns.order if c not in first)]
        blank = " AND ".join(
            f"src.{_name(c)} IS NULL" if self._typed(c) else f"NULLIF({_trimmed(c, 'src.')}, '') IS NULL" for c in order
        )
        inner = (
            f"SELECT src.__row AS __row, {', '.join([*fields, *typed])} FROM src {' '.join(joins)} "
            f"WHERE NOT ({blank or 'false'})"  # a blank row (a spreadsheet's empty line) is no row
        )
        has_amount = "amount" in self.columns.fields
        months = [self.numbers.index(name) for _, name in self.columns.months]
        given = {n: f"(v{n} IS NOT NULL OR u{n} IS NOT NULL)" for n in range(len(self.numbers))}
        given_amount = given[0] if has_amount else "false"
        any_month = " OR ".join(given[n] for n in months) or "false"
        all_months = " AND ".join(given[n] for n in months) or "false"
        month_sum = " + ".join(f"COALESCE(v{n}, 0)" for n in months) or "0"
        amount = f"(CASE WHEN {any_month} THEN {month_sum} ELSE {'v0' if has_amount else 'NULL'} END)"
        mismatch = f"abs(({month_sum}) - v0) > 1e-9 * greatest(1, abs(v0))" if has_amount and months else "false"
        cases = [f"WHEN NOT {given_amount} AND NOT ({any_month}) THEN 'amount-missing'"]
        for n, column in enumerate(self.numbers):
            cases.append(f"WHEN u{n} IS NOT NULL THEN u{n}")
            # a text's infinity is a number too long for a double (1e309; 'inf' is read as a
            # text, above): too large, as the strict reader says, not an infinity
            infinite = "'amount-not-finite'" if self._typed(column) else "'amount-too-large'"
            cases.append(f"WHEN isnan(v{n}) THEN 'amount-not-finite' WHEN isinf(v{n}) THEN {infinite}")
            cases.append(f"WHEN v{n} < 0 THEN 'amount-negative'")
            cases.append(f"WHEN v{n} > {LARGEST_AMOUNT!r} THEN 'amount-too-large'")
        cases.append(f"WHEN {given_amount} AND ({any_month}) AND {mismatch} THEN 'total-mismatch'")
        partial = f"(({any_month}) AND NOT ({all_months}))" if months else "false"
        # `bad`: any problem, cheaply (NaN is above every number in DuckDB, so one range test
        # catches NaN, infinities, negatives and the too large); `problem` names it, when asked for
        checks = [f"(NOT {given_amount} AND NOT ({any_month}))"]
        for n, column in enumerate(self.numbers):
            checks.append(f"NOT COALESCE(v{n} >= 0 AND v{n} <= {LARGEST_AMOUNT!r}, true)")
            if column in self.joined:
                checks.append(f"u{n} IS NOT NULL")
        if mismatch != "false":
            checks.append(f"({given_amount} AND ({any_month}) AND {mismatch})")
        month_values = "".join(f", v{n} AS m{slot}" for (slot, _), n in zip(self.columns.months, months, strict=True))
        keys = "".join(f"k_{key}, " for key in self.keys)
        return (
            f"SELECT __row, {keys}label, id, evidence, {amount} AS amount, ({any_month}) AS monthly, "
            f"{partial} AS partial{month_values}, ({' OR '.join(checks)}) AS bad, "
            f"CASE WHEN NOT ({' OR '.join(checks)}) THEN NULL {' '.join(cases)} END AS problem FROM ({inner})"
        )

    def match(self, raw: tuple[object, ...]) -> tuple[str, list[object]]:
        """The condition on `rows` of a group's key columns as stored, and its parameters."""
        if not self.keys:
            return "true", []
        return " AND ".join(f"k_{key} IS NOT DISTINCT FROM ?" for key in self.keys), list(raw)


@dataclass
class _Group:
    """The rows whose key columns are stored alike (and whose numbers have the same problem)."""

    raw: tuple[object, ...]  # the key columns as stored, in _Rows.keys order
    problem: str | None
    sums: ClassSums
    partial: int  # rows with some months empty


def _row_class(rows: _Rows, raw: tuple[object, ...]) -> tuple[RowClass | None, str | None]:
    """The class of a group's rows (texts stripped, empty as none), or the code of its problem."""
    value = {key: (None if v is None else str(v).strip() or None) for key, v in zip(rows.keys, raw, strict=True)}
    if value.get("activity") is None:
        return None, "activity-missing"
    if value.get("unit") is None:
        return None, "unit-missing"
    scope = None
    if value.get("scope") is not None:
        try:
            number = float(str(value["scope"]))
        except ValueError:
            number = 0.0
        if number not in (1.0, 2.0, 3.0):
            return None, "scope-invalid"
        scope = int(number)
    return (
        RowClass(
            activity=str(value["activity"]),
            unit=str(value["unit"]),
            scope=scope,
            gpc=value.get("gpc"),
            ipcc=value.get("ipcc"),
            category=value.get("category"),
            ncv=value.get("ncv"),
            density=value.get("density"),
            division=value.get("division"),
            quality_source=value.get("data_quality_source"),
            quality_activity=value.get("data_quality_activity"),
            quality_factor=value.get("data_quality_factor"),
        ),
        None,
    )


def _merged(sums: list[ClassSums]) -> ClassSums:
    monthly = None
    if all(s.monthly is not None for s in sums):
        monthly = tuple(math.fsum(parts) for parts in zip(*(s.monthly or () for s in sums), strict=True))
    return ClassSums(
        rows=sum(s.rows for s in sums),
        amount=math.fsum(s.amount for s in sums),
        monthly=monthly,
        first_row=min(s.first_row for s in sums),
        largest=max(s.largest for s in sums),
    )


# --- computing a table ----------------------------------------------------------------------------


def compute_table(
    path: str,
    shown: str,
    inventory: Inventory,
    catalogue: Catalogue,
    gwp_set: str,
    first_index: int,
    limits: Thresholds | None = None,
) -> TableRead:
    """The table's rows as lines of the result (one per class of rows, numbered from
    `first_index`), every problem located at its rows, and the table's summary. `limits` are the
    plausibility thresholds of the run (a row's outlying month)."""
    import duckdb

    try:
        table = _Table(path, shown)
    except _Refused as exc:
        return TableRead((), exc.issues, None)
    except NotUtf8 as exc:
        hint = tr("save the file as UTF-8 (Thai text saved as Windows-874 or TIS-620 must be re-saved)")
        return TableRead((), (_issue("encoding-invalid", str(exc), Location(shown, exc.line), hint),), None)
    except Ragged as exc:
        hint = tr('the first line is the header; quote a value that holds a comma with " ("12,500", not \'12,500\')')
        return TableRead((), (_issue("table-line-fields", str(exc), Location(shown, exc.line), hint),), None)
    except Unreadable as exc:
        return TableRead((), (_issue("table-unreadable", str(exc), Location(shown, exc.line), exc.hint),), None)
    except (duckdb.Error, OSError, ValueError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        message = tr("cannot read the table: {reason}", reason=reason)
        hint = tr("an activity table is a Parquet file, a CSV file in UTF-8 with a header row, or a workbook")
        return TableRead((), (_issue("table-unreadable", message, Location(shown), hint),), None)
    try:
        return _compute(table, inventory, catalogue, gwp_set, first_index, limits or Thresholds())
    except duckdb.Error as exc:
        reason = str(exc).strip().splitlines()[0]
        message = tr("cannot read the table: {reason}", reason=reason)
        return TableRead((), (_issue("table-unreadable", message, Location(shown)),), None)
    finally:
        table.close()


_CELL_NAME = re.compile(r"([A-Z]+)(\d+)")


def _sheet_notes(table: _Table, columns: _Columns) -> list[Issue]:
    """What a workbook table's XML shows and calamine does not, told as for an inventory workbook:
    a cell of its rows that holds a spreadsheet error or a formula saved without its result (an
    error: calamine gives it as empty), and hidden rows and columns whose amounts are counted."""
    from ghgcalc.io.excel_reader import hidden_notes
    from ghgcalc.io.excel_xml import column_number

    reader, sheet = table.reader, table.sheet
    xml = reader.xml.get(sheet) if reader is not None and sheet is not None else None
    if reader is None or sheet is None or xml is None:
        return []
    before = len(reader.issues)
    used = {table.cells[name] for name in columns.order if name in table.cells}
    special: list[tuple[int, int, str]] = []
    for cell in (*xml.errors, *xml.no_value):
        found = _CELL_NAME.fullmatch(cell)
        if found and int(found[2]) > table.header_row + 1 and column_number(found[1]) in used:
            special.append((int(found[2]), column_number(found[1]), cell))
    for _, _, cell in sorted(special)[:LISTED]:
        reader.emptycell_name(sheet, xml, cell)
    if len(special) > LISTED:
        reader.issues.append(_more(table, reader.issues[-1].code, len(special) - LISTED))
    if table.sheet_rows:
        rows = table.sheet_rows
        data_rows = [r for r in range(table.header_row + 1, len(rows)) if any(v not in ("", None) for v in rows[r])]
        amounts = [columns.fields.get("amount"), *(name for _, name in columns.months)]
        amount_columns = [table.cells[name] - 1 for name in amounts if name is not None and name in table.cells]
        first_column = table.cells.get(columns.fields.get("activity", ""), 1) - 1
        hidden_notes(reader, sheet, rows, data_rows, amount_columns, first_column)
    return reader.issues[before:]


def _groups(rows: _Rows) -> list[_Group]:
    """One pass over the table: the rows grouped by their key columns as stored, summed, and
    whether they have problems; a second pass, only when some do, names them."""
    months = bool(rows.columns.months)
    # a month empty in every row of a group sums to NULL; an empty month counts as 0 (a warning)
    month_sums = "".join(f", COALESCE(fsum(m{slot}), 0)" for slot, _ in rows.columns.months)
    flags = ", count(*) FILTER (WHERE monthly), count(*) FILTER (WHERE partial)" if months else ", 0, 0"
    keys = "".join(f"k_{key}, " for key in rows.keys)
    con = rows.table.con
    found = con.execute(
        f"SELECT {keys}bad, count(*), min(__row), fsum(amount), max(amount){flags}{month_sums} "
        f"FROM rows GROUP BY ALL ORDER BY min(__row)"
    ).fetchall()
    if any(record[len(rows.keys)] for record in found):
        named = con.execute(
            f"SELECT {keys}problem, count(*), min(__row), fsum(amount), max(amount){flags}{month_sums} "
            f"FROM rows WHERE bad GROUP BY ALL ORDER BY min(__row)"
        ).fetchall()
        found = [r for r in found if not r[len(rows.keys)]] + named
        found.sort(key=lambda r: r[len(rows.keys) + 2])
    width = len(rows.keys)
    groups = []
    for record in found:
        problem, count, first, amount, largest, monthly, partial = record[width : width + 7]
        problem = problem if isinstance(problem, str) else None  # `bad` (false) for a good group
        sums = ClassSums(
            count, amount, tuple(record[width + 7 :]) if months and monthly == count else None, first, largest
        )
        groups.append(_Group(tuple(record[:width]), problem, sums, partial))
    return groups


def _compute(
    table: _Table, inventory: Inventory, catalogue: Catalogue, gwp_set: str, first_index: int, limits: Thresholds
) -> TableRead:
    columns, issues = read_columns(table, inventory)
    issues[:0] = table.sheet_issues
    issues.extend(_sheet_notes(table, columns))
    if any(i.is_error for i in issues):
        return TableRead((), tuple(issues), None)
    rows = _Rows(table, columns)
    rows.read_texts()
    from ghgcalc.io.table_slips import thousands_dots

    issues.extend(thousands_dots(rows))
    table.con.execute(f"CREATE TEMP VIEW rows AS {rows.sql()}")
    groups = _groups(rows)
    classes: list[RowClass] = []
    members: list[list[_Group]] = []  # the groups of each class
    number_of: dict[RowClass, int] = {}
    problems: dict[str, list[_Group]] = {}
    for group in groups:
        row_class, problem = _row_class(rows, group.raw)
        problem = problem or group.problem
        if problem is not None or row_class is None:
            problems.setdefault(problem or "", []).append(group)
            continue
        if row_class not in number_of:
            number_of[row_class] = len(classes)
            classes.append(row_class)
            members.append([])
        members[number_of[row_class]].append(group)
    if len(classes) > LARGEST_CLASSES:
        message = tr(
            "the table's rows fall into {count} classes (activity, unit, placement, grades); at most {largest}",
            count=f"{len(classes):,}",
            largest=f"{LARGEST_CLASSES:,}",
        )
        return TableRead((), (_issue("table-too-many-classes", message, table.where()),), None)
    for code, found in sorted(problems.items()):
        issues.extend(_row_problems(rows, code, found))
    partial = [g for g in groups if g.partial]
    if partial:
        issues.extend(_row_problems(rows, "amount-month-empty", partial, severe=False))
    sums = [_merged([g.sums for g in group]) for group in members]
    coefficients, class_problems = class_lines(classes, inventory, catalogue, gwp_set)
    issues.extend(_class_problems(rows, members, sums, class_problems, classes))
    issues.extend(_too_large(rows, classes, members, sums, coefficients))
    issues.extend(_header_units(rows, classes, members, coefficients))
    if not any(i.is_error for i in issues):
        from ghgcalc.io.table_months import month_outliers, month_zeros

        issues.extend(month_outliers(rows, limits))
        issues.extend(month_zeros(rows, limits))
        from ghgcalc.io.table_slips import subtotals

        issues.extend(subtotals(rows))
    lines: list[Line] = []
    line_of: dict[int, int] = {}
    for number in range(len(classes)):
        if number in coefficients:
            text = _class_label(table.shown, classes[number], sums[number].rows)
            line_of[number] = first_index + len(lines)
            lines.append(group_line(line_of[number], coefficients[number], sums[number], text))
    if not groups and not any(i.is_error for i in issues):
        message = tr("the table has no rows: it adds nothing to the total")
        hint = tr("check that the export holds its rows (a query that found nothing gives a header alone)")
        issues.append(_issue("table-empty", message, table.where(), hint, severe=False))
    issues.sort(key=_in_row_order)
    summary = TableSummary(
        file=table.shown,
        path=os.path.abspath(table.path),
        rows=sum(g.sums.rows for g in groups),
        first_line=first_index,
        lines=len(lines),
        recipe=_Recipe(columns, classes, members, coefficients, line_of),
    )
    one_row = frozenset(line_of[number] for number in line_of if sums[number].rows == 1)
    return TableRead(tuple(lines), tuple(issues), summary, one_row)


def _class_label(table: str, row_class: RowClass, rows: int) -> str:
    """A class's line as a person reads it: the table, what its rows are, and how many."""
    count = f"{rows:,}"
    where = row_class.gpc or (tr("scope {scope}", scope=row_class.scope) if row_class.scope else None)
    if where:
        if rows == 1:
            return tr("{table}: {activity} ({where}), 1 row", table=table, activity=row_class.activity, where=where)
        return tr(
            "{table}: {activity} ({where}), {count} rows",
            table=table,
            activity=row_class.activity,
            where=where,
            count=count,
        )
    if rows == 1:
        return tr("{table}: {activity}, 1 row", table=table, activity=row_class.activity)
    return tr("{table}: {activity}, {count} rows", table=table, activity=row_class.activity, count=count)


def _in_row_order(issue: Issue) -> tuple[int, tuple[str, int, int]]:
    """Problems at rows in row order, then those of the whole table (`... and 990 more rows`)."""
    where = issue.location
    if where is None or (where.row is None and where.cell is None):
        return 1, ("", 0, 0)
    return 0, where.order


# --- problems at their rows -----------------------------------------------------------------------


def _row_messages(code: str) -> tuple[str, str | None]:
    messages = {
        "activity-missing": (tr("the row has no activity"), tr("write the factor key of the row's activity")),
        "unit-missing": (tr("the row has no unit"), tr("write the unit of the row's amount, e.g. kWh, L, kg")),
        "amount-missing": (
            tr("the row has no amount and no monthly values"),
            tr("write the amount, or the months; 0 for none"),
        ),
        "total-mismatch": ("", tr("correct the months or the amount, or clear the amount")),  # text: _mismatch
        "scope-invalid": (tr("the scope is not 1, 2 or 3"), tr("write 1, 2 or 3, or leave it empty")),
        "amount-month-empty": (
            tr("the row leaves some months empty; they count as 0"),
            tr("write 0 for a month with nothing, or the month's reading"),
        ),
    }
    return messages.get(code, (code, None))


_FIELD_OF_CODE = {"activity-missing": "activity", "unit-missing": "unit", "scope-invalid": "scope"}


def _listed(
    rows: _Rows, groups: list[_Group], extra: str = "", parameters: Sequence[object] = ()
) -> list[dict[str, Any]]:
    """The first LISTED rows of some groups (meeting an `extra` condition), with their cells as
    written, in row order."""
    found: list[dict[str, Any]] = []
    con = rows.table.con
    for group in sorted(groups, key=lambda g: g.sums.first_row):
        if len(found) >= LISTED:
            break
        condition, values = rows.match(group.raw)
        condition += " AND problem IS NOT DISTINCT FROM ?" + (f" AND {extra}" if extra else "")
        con.execute(
            "SELECT src.* FROM src JOIN (SELECT __row FROM rows WHERE "
            f"{condition} ORDER BY __row LIMIT {LISTED}) AS chosen USING (__row) ORDER BY __row",
            [*values, group.problem, *parameters],
        )
        names = [d[0] for d in con.description or ()]
        found.extend(dict(zip(names, cells, strict=True)) for cells in con.fetchall())
    return sorted(found, key=lambda cells: cells["__row"])[:LISTED]


def _more(table: _Table, code: str, count: int, severe: bool = True) -> Issue:
    message = tr("... and {count} more rows with {code}", count=f"{count:,}", code=code)
    return _issue(code, message, table.where(), severe=severe)


def _row_problems(rows: _Rows, code: str, groups: list[_Group], severe: bool = True) -> list[Issue]:
    columns, table = rows.columns, rows.table
    listed = _listed(rows, groups, "partial" if code == "amount-month-empty" else "")
    count = sum(g.partial if code == "amount-month-empty" else g.sums.rows for g in groups)
    message, hint = _row_messages(code)
    found = []
    for cells in listed:
        column: str | None = columns.fields.get(_FIELD_OF_CODE.get(code, "amount"), None)
        text, shown_hint = message, hint
        if code.startswith("amount-") and code not in ("amount-missing", "amount-month-empty"):
            column, text, shown_hint = _number_problem(cells, columns)
        elif code == "amount-month-empty":
            column = next((name for _, name in columns.months if _empty(cells.get(name))), column)
        elif code == "scope-invalid":
            text = tr("scope is '{value}'; it is 1, 2 or 3", value=_cell_text(cells.get(column or "")))
        elif code == "total-mismatch":
            text = _mismatch(cells, columns)
        found.append(_issue(code, text, table.where(cells["__row"], column, columns.order), shown_hint, severe))
    if count > len(listed):
        found.append(_more(table, code, count - len(listed), severe))
    return found


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _mismatch(cells: dict[str, Any], columns: _Columns) -> str:
    """The row's amount and its months' sum, both said, so the officer need not add twelve cells."""

    def read(value: object) -> float:
        return 0.0 if _empty(value) else read_amount(value.strip() if isinstance(value, str) else value)

    given = read(cells.get(columns.fields["amount"]))
    months = math.fsum(read(cells.get(name)) for _, name in columns.months)
    return tr(
        "the amount {amount} is not the sum of the row's months, {months}",
        amount=number_text(given),
        months=number_text(months),
    )


def _number_problem(cells: dict[str, Any], columns: _Columns) -> tuple[str | None, str, str | None]:
    """The first cell of a row's numbers the strict reader refuses: its column, message and hint."""
    names = [columns.fields["amount"]] if "amount" in columns.fields else []
    for name in [*names, *(n for _, n in columns.months)]:
        value = cells.get(name)
        if _empty(value):
            continue
        try:
            read_amount(value.strip() if isinstance(value, str) else value)
        except AmountProblem as problem:
            return name, str(problem), problem.hint
    return names[0] if names else None, tr("the amount cannot be read"), None


def _class_problems(
    rows: _Rows,
    members: list[list[_Group]],
    sums: list[ClassSums],
    problems: dict[int, list[Issue]],
    classes: list[RowClass],
) -> list[Issue]:
    """A class's problems at its rows: the first rows of each code listed, the others counted.
    A warning (a factor used outside its validity) is told once, at the class's first row."""
    columns, table = rows.columns, rows.table
    by_code: dict[str, list[tuple[int, Issue]]] = {}
    counts: dict[str, int] = {}
    found: list[Issue] = []
    for number, issues in sorted(problems.items()):
        for issue in issues:
            field_name = issue.path[2] if len(issue.path) > 2 else "activity"
            column = columns.fields.get(str(field_name), columns.fields.get("activity"))
            if issue.code == "data-quality-invalid":  # at its grade's column, in our words only
                column = _grade_column(classes[number], columns) or column
                issue = replace(issue, message=re.sub(r"\s*\[type=[^\]]*\]$", "", issue.message))
            if not issue.is_error:
                where = table.where(sums[number].first_row, column, columns.order)
                found.append(Issue(issue.code, issue.message, issue.severity, where, hint=issue.hint))
                continue
            counts[issue.code] = counts.get(issue.code, 0) + sums[number].rows
            if len(by_code.get(issue.code, ())) >= LISTED:
                continue
            for cells in _listed(rows, members[number]):
                where = table.where(cells["__row"], column, columns.order)
                by_code.setdefault(issue.code, []).append(
                    (cells["__row"], Issue(issue.code, issue.message, issue.severity, where, hint=issue.hint))
                )
    for code, listed in by_code.items():
        listed.sort(key=lambda pair: pair[0])
        found.extend(issue for _, issue in listed[:LISTED])
        if counts[code] > LISTED:
            found.append(_more(table, code, counts[code] - min(LISTED, len(listed))))
    return found


def _grade_column(row_class: RowClass, columns: _Columns) -> str | None:
    """The first grade column of a class that is not a grade (its data-quality-invalid)."""
    from ghgcalc.models.inventory import DataQuality

    grades = (
        ("source", row_class.quality_source),
        ("activity", row_class.quality_activity),
        ("factor", row_class.quality_factor),
    )
    for name, value in grades:
        try:
            DataQuality.model_validate({name: value})
        except ValueError:
            return columns.fields.get(f"data_quality_{name}")
    return None


def _too_large(
    rows: _Rows,
    classes: list[RowClass],
    members: list[list[_Group]],
    sums: list[ClassSums],
    coefficients: dict[int, Coefficients],
) -> list[Issue]:
    """Rows whose line comes to more than any real inventory line (core/compute.LARGEST_LINE_T)."""
    from ghgcalc.core.compute import LARGEST_LINE_T

    columns, table = rows.columns, rows.table
    found: list[Issue] = []
    column = columns.fields.get("amount") or (columns.months[0][1] if columns.months else None)
    for number, unit in coefficients.items():
        if sums[number].largest * unit.largest <= LARGEST_LINE_T:
            if sums[number].amount * unit.largest > LARGEST_LINE_T:  # each row within, their line beyond
                message = tr(
                    "the {count} rows of {activity} in {unit} come to {total} t together, more than {largest} t, "
                    "beyond any real inventory line",
                    count=f"{sums[number].rows:,}",
                    activity=classes[number].activity,
                    unit=classes[number].unit,
                    total=f"{sums[number].amount * unit.largest:.3g}",
                    largest="1e+15",
                )
                hint = tr("check the rows' amounts and unit for extra digits or a wrong unit")
                found.append(_issue("result-too-large", message, table.where(), hint))
            continue
        for cells in _listed(rows, members[number], "amount > ?", [LARGEST_LINE_T / unit.largest]):
            message = tr("this row comes to more than {largest} t, beyond any real inventory line", largest="1e+15")
            hint = tr("check the amount, its unit and the factor for extra digits or a wrong unit")
            found.append(_issue("result-too-large", message, table.where(cells["__row"], column, columns.order), hint))
    return found


def _header_units(
    rows: _Rows, classes: list[RowClass], members: list[list[_Group]], coefficients: dict[int, Coefficients]
) -> list[Issue]:
    """Rows whose unit is not the unit a number column's header names (`amount (MWh)` over rows in
    kWh): which of the two is meant only the user knows, and the amounts would be 1,000 times off."""
    from ghgcalc.units import UnitError, conversion_factor

    columns, table = rows.columns, rows.table
    if not columns.units:
        return []
    found: list[Issue] = []
    count = 0
    for number in sorted(coefficients, key=lambda n: min(g.sums.first_row for g in members[n])):
        unit = classes[number].unit
        for column, named in columns.units.items():
            try:
                same = conversion_factor(unit, named) == 1.0
            except UnitError:
                same = False
            if same:
                continue
            count += sum(g.sums.rows for g in members[number])
            if len(found) >= LISTED:
                break
            title = table.titles.get(column, column)
            message = tr(
                "the row's unit is {unit}, but the column '{column}' says {named}", unit=unit, column=title, named=named
            )
            hint = tr(
                "write the amounts in {named} and the unit {named}, or take the unit out of the header", named=named
            )
            for cells in _listed(rows, members[number])[: LISTED - len(found)]:
                found.append(
                    _issue("table-unit-header", message, table.where(cells["__row"], column, columns.order), hint)
                )
            break
    if count > len(found):
        found.append(_more(table, "table-unit-header", count - len(found)))
    return found


# --- every row's own result -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Recipe:
    """What `write_lines` needs to give every row its result: the columns, the classes with their
    groups of rows as stored, and each class's coefficients and line."""

    columns: _Columns
    classes: list[RowClass]
    members: list[list[_Group]]
    coefficients: dict[int, Coefficients]
    line_of: dict[int, int]  # class number -> index of its line in the result


def write_lines(results: Sequence[Any], target: str, kind: str) -> None:
    """Every line of the results, activity tables' rows included, to `target` as Parquet or CSV
    (`kind`). DuckDB streams the rows: memory does not grow with a table. The columns are the
    CSV's (io/writers.CSV_COLUMNS), the tonnes of each gas (t_gas_CO2: DuckDB's column names do not
    tell case apart, and the CSV's t_CO2e would be its t_co2e), then the table and row a line comes
    from and its evidence."""
    import tempfile

    import duckdb

    from ghgcalc.io.writers import CSV_COLUMNS

    gases = sorted(
        {gas for result in results for line in result.lines for gas in line.gases_t}
        | {
            gas
            for result in results
            for summary in result.tables
            for unit in summary.recipe.coefficients.values()
            for gas in unit.gases
        }
    )
    header = [*CSV_COLUMNS, *(f"t_gas_{gas}" for gas in gases), "table", "row", "evidence"]
    folder = tempfile.mkdtemp(prefix=".ghgcalc-lines.", dir=os.path.dirname(os.path.abspath(target)))
    parts: list[str] = []
    try:
        own = []
        for result in results:
            from_tables = {n for t in result.tables for n in range(t.first_line, t.first_line + t.lines)}
            own += [_own_row(line, result, gases) for line in result.lines if line.index not in from_tables]
            for summary in result.tables:
                parts.append(os.path.join(folder, f"{len(parts)}.parquet"))
                _table_part(summary, result, gases, header, parts[-1])
        if own or not parts:
            parts.insert(0, os.path.join(folder, "own.parquet"))
            con = _connect()
            con.execute("CREATE TABLE own (" + ", ".join(f"{_name(c)} {_line_type(c)}" for c in header) + ")")
            if own:
                con.executemany(f"INSERT INTO own VALUES ({', '.join('?' for _ in header)})", own)
            con.execute(f"COPY own TO {_literal(parts[0])} (FORMAT parquet)")
            con.close()
        if kind == "parquet" and len(parts) == 1:
            os.replace(parts[0], target)
            return
        con = _connect()
        every = "[" + ", ".join(_file(p) for p in parts) + "]"
        options = "FORMAT parquet" if kind == "parquet" else "FORMAT csv, HEADER true"
        select = "*" if kind == "parquet" else ", ".join(_guarded(c) for c in header)
        con.execute(f"COPY (SELECT {select} FROM read_parquet({every})) TO {_literal(target)} ({options})")
        con.close()
    except duckdb.Error as exc:  # a full disk, a table changed since it was computed: nothing is written
        raise OSError(str(exc).strip().splitlines()[0]) from None
    finally:
        for part in parts:
            Path(part).unlink(missing_ok=True)
        os.rmdir(folder)


# io/writers.looks_like_formula in SQL: text a spreadsheet would run as a formula (= + - @, ASCII or
# full-width, after any white space; or a first tab or carriage return). RE2's \s is ASCII only:
# the class is the white space Python's str.lstrip takes off.
_FORMULA = r"^([\t\r]|[\s\v\x{1c}-\x{1f}\x{85}\p{Z}]*[=+\-@\x{ff1d}\x{ff0b}\x{ff0d}\x{ff20}])"


def _guarded(column: str) -> str:
    """A column of the lines CSV: text a spreadsheet would run gets a leading ' (shown, never
    run), as in every CSV ghgcalc writes (io/writers.csv_text)."""
    name = _name(column)
    if _line_type(column) != "VARCHAR":
        return name
    return f"CASE WHEN regexp_matches({name}, {_literal(_FORMULA)}) THEN '''' || {name} ELSE {name} END AS {name}"


def _line_type(column: str) -> str:
    if column in ("line", "scope", "row"):
        return "BIGINT"
    if column == "amount" or column.startswith("t_") or column.endswith("_t") or column.endswith("_t_co2e"):
        return "DOUBLE"
    return "VARCHAR"


def _own_row(line: Line, result: Any, gases: list[str]) -> list[object]:
    """A file's own line in the lines file: the CSV's values, its gases, no table or row."""
    from ghgcalc.io.writers import line_cells

    return [*line_cells(result, line), *(line.gases_t.get(gas) for gas in gases), None, None, line.evidence]


def _table_part(summary: TableSummary, result: Any, gases: list[str], header: list[str], part: str) -> None:
    """One table's rows with their results (amount x their class's coefficients) to Parquet, in
    the lines file's columns: the rows are joined to their class by the key columns as stored."""
    recipe = summary.recipe
    assert isinstance(recipe, _Recipe)
    table = _Table(summary.path, summary.file)
    try:
        rows = _Rows(table, recipe.columns)
        rows.read_texts()
        con = table.con
        con.execute(f"CREATE TEMP VIEW rows AS {rows.sql()}")
        values: dict[str, str] = {
            "line": "BIGINT",
            "activity": "VARCHAR",
            "unit": "VARCHAR",
            "scope": "BIGINT",
            "category": "VARCHAR",
            "gpc": "VARCHAR",
            "ipcc": "VARCHAR",
            "factor_set": "VARCHAR",
            "factor_version": "VARCHAR",
            "factor_key": "VARCHAR",
            "factor_per": "VARCHAR",
            "factor_source": "VARCHAR",
            "c_t_co2e": "DOUBLE",
            "c_biogenic": "DOUBLE",
            "c_non_kyoto": "DOUBLE",
            **{f"c_{gas}": "DOUBLE" for gas in gases},
        }
        keys = [f"k_{key}" for key in rows.keys]
        con.execute(
            "CREATE TEMP TABLE coef ("
            + ", ".join([*(f"{k} VARCHAR" for k in keys), *(f"{_name(c)} {t}" for c, t in values.items())])
            + ")"
        )
        records = []
        for number, unit in recipe.coefficients.items():
            line = unit.line
            separate = line.separately_reported_t_co2e
            row_class = recipe.classes[number]
            shared = [
                recipe.line_of[number] + 1,
                row_class.activity,
                row_class.unit,
                line.scope,
                line.category,
                line.gpc,
                line.ipcc,
                line.factor.set_id,
                line.factor.version,
                line.factor.key,
                line.factor.per,
                line.factor.source,
                line.t_co2e,
                separate.get(BIOGENIC, 0.0),
                separate.get(NON_KYOTO, 0.0),
                *(line.gases_t.get(gas) for gas in gases),
            ]
            records += [[*group.raw, *shared] for group in recipe.members[number] if group.problem is None]
        if records:
            con.executemany(f"INSERT INTO coef VALUES ({', '.join('?' for _ in records[0])})", records)
        on = " AND ".join(f"r.{k} IS NOT DISTINCT FROM c.{k}" for k in keys) or "true"
        computed = {
            "source": _literal(result.source),
            "name": _literal(result.name),
            "period_start": _literal(result.period.start.isoformat()),
            "period_end": _literal(result.period.end.isoformat()),
            "gwp": _literal(result.gwp),
            "line": "c.line",
            "id": "r.id",
            "activity": "c.activity",
            "label": "r.label",
            "scope": "c.scope",
            "category": "c.category",
            "gpc": "c.gpc",
            "ipcc": "c.ipcc",
            "amount": "r.amount",
            "unit": "c.unit",
            "factor_set": "c.factor_set",
            "factor_version": "c.factor_version",
            "factor_key": "c.factor_key",
            "factor_per": "c.factor_per",
            "factor_source": "c.factor_source",
            "t_co2e": "r.amount * c.c_t_co2e",
            "co2_biogenic_t": "r.amount * c.c_biogenic",
            "non_kyoto_t_co2e": "r.amount * c.c_non_kyoto",
            **{f"t_gas_{gas}": f"r.amount * c.{_name('c_' + gas)}" for gas in gases},
            "table": _literal(summary.file),
            "row": "r.__row",
            "evidence": "r.evidence",
        }
        select = ", ".join(f"{computed[c]} AS {_name(c)}" for c in header)
        con.execute(
            f"COPY (SELECT {select} FROM rows r JOIN coef c ON {on} WHERE r.problem IS NULL) "
            f"TO {_literal(part)} (FORMAT parquet)"
        )
    finally:
        table.close()
