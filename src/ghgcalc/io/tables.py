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

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ghgcalc.core.table_classes import ClassSums, Coefficients, RowClass, class_lines, group_line
from ghgcalc.errors import Issue, Location, Severity
from ghgcalc.i18n import tr
from ghgcalc.models.inventory import LARGEST_AMOUNT, AmountProblem, read_amount
from ghgcalc.models.result import BIOGENIC, NON_KYOTO, Line, TableSummary

if TYPE_CHECKING:
    from ghgcalc.core.resolve import Catalogue
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
# Classes of rows (distinct activity, unit, placement and grades) a table may hold: a real table
# has tens; millions of classes would be millions of lines, and is refused.
LARGEST_CLASSES = 100_000

# The number forms DuckDB reads itself; anything else ("12,500", Thai digits, a decimal comma)
# goes through the one strict reader (numbers.read_number), once per distinct text.
_PLAIN = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
_NUMERIC = ("DOUBLE", "FLOAT", "REAL", "DECIMAL", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "U")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _name(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


@dataclass
class _Columns:
    """Where each field is in the table: the table's own column name, by field."""

    fields: dict[str, str] = field(default_factory=dict)
    months: list[tuple[int, str]] = field(default_factory=list)  # (the period's month 0-11, column)
    types: dict[str, str] = field(default_factory=dict)  # the table's column -> DuckDB type
    order: list[str] = field(default_factory=list)  # the table's columns, in order (for cells)


@dataclass(frozen=True)
class TableRead:
    lines: tuple[Line, ...]
    issues: tuple[Issue, ...]
    summary: TableSummary | None


class _Table:
    """One table opened in DuckDB as the view `src` with its row number `__row` (1 = first row
    of data), and where its problems are shown."""

    def __init__(self, path: str, shown: str) -> None:
        import duckdb

        self.path = path
        self.shown = shown
        self.sheet: str | None = None
        self.con = duckdb.connect()
        self.con.execute("SET preserve_insertion_order = true")
        self._temporary: str | None = None
        suffix = Path(path).suffix.lower()
        if suffix == ".parquet":
            self.con.execute(
                "CREATE VIEW src AS SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS __row "
                f"FROM read_parquet({_literal(path)}, file_row_number = true)"
            )
        elif suffix == ".csv":
            self._csv(path)
        else:
            self._workbook(path)

    def _csv(self, path: str) -> None:
        # every cell as text: the strict reader decides what is a number, not DuckDB's sniffer
        self.con.execute(
            "CREATE TABLE src AS SELECT *, row_number() OVER () AS __row "
            f"FROM read_csv({_literal(path)}, header = true, all_varchar = true, encoding = 'utf-8')"
        )

    def _workbook(self, path: str) -> None:
        """The first sheet through a temporary CSV of its cells as text (the same path as a CSV)."""
        import csv
        import tempfile

        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(path)
        self.sheet = book.sheet_names[0]
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        handle, self._temporary = tempfile.mkstemp(suffix=".csv")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            for row in rows:
                writer.writerow(["" if cell is None else _cell_text(cell) for cell in row])
        self._csv(self._temporary)

    def close(self) -> None:
        self.con.close()
        if self._temporary:
            Path(self._temporary).unlink(missing_ok=True)

    def where(self, row: int | None = None, column: str | None = None, columns: Sequence[str] = ()) -> Location:
        """A row and column of the table: a workbook's sheet and cell, else `file[row N, column]`."""
        if row is None:
            return Location(self.shown)
        if self.sheet is not None:
            letter = _letters(list(columns).index(column) + 1) if column is not None and column in columns else "A"
            return Location(self.shown, sheet=self.sheet, cell=f"{letter}{row + 1}")
        return Location(self.shown, row=row, field=column)


def _cell_text(value: object) -> str:
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
    period_months = _period_months(inventory)
    for name, kind, *_ in table.con.execute("DESCRIBE src").fetchall():
        if name == "__row":
            continue
        found.order.append(name)
        found.types[name] = str(kind)
        key = name.strip().lower()
        if key in COLUMNS:
            if key in found.fields:
                issues.append(_column_issue(table, found, "table-column-twice", name, key))
            found.fields[key] = name
            continue
        try:
            month = month_header(name)
        except NotAMonth as exc:
            issues.append(_column_issue(table, found, "table-column-unknown", name, str(exc)))
            continue
        if month is None:
            issues.append(_column_issue(table, found, "table-column-unknown", name, ""))
            continue
        slot = _month_slot(month.month, month.year, period_months)
        if slot is None:
            issues.append(_column_issue(table, found, "table-month-outside", name, ""))
        elif any(slot == taken for taken, _ in found.months):
            issues.append(_column_issue(table, found, "table-column-twice", name, name))
        else:
            found.months.append((slot, name))
    for required in ("activity", "unit"):
        if required not in found.fields:
            issues.append(
                _issue(
                    "table-column-missing",
                    tr("the table has no column '{column}'", column=required),
                    table.where(),
                    tr("the columns are: {columns}", columns=", ".join(COLUMNS)),
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
    found.months.sort()
    return found, issues


def _column_issue(table: _Table, found: _Columns, code: str, name: str, detail: str) -> Issue:
    where = table.where()
    if table.sheet:
        where = Location(table.shown, sheet=table.sheet, cell=f"{_letters(found.order.index(name) + 1)}1")
    if code == "table-column-twice":
        return _issue(code, tr("two columns are '{column}'", column=detail), where)
    if code == "table-month-outside":
        return _issue(
            code,
            tr("column '{column}' is a month outside the inventory's period", column=name),
            where,
            tr("a table gives the months of the inventory's period, one column each"),
        )
    import difflib

    close = difflib.get_close_matches(name.strip().lower(), COLUMNS, n=1, cutoff=0.7)
    hint = (
        tr("did you mean '{column}'?", column=close[0])
        if close
        else tr("the columns are: {columns}, and one column per month", columns=", ".join(COLUMNS))
    )
    message = tr("'{column}' is not a column of an activity table", column=name)
    return _issue(code, f"{message}: {detail}" if detail else message, where, hint)


def _period_months(inventory: Inventory) -> list[tuple[int, int]]:
    period = inventory.period
    found = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _month_slot(month: int, year: int | None, months: list[tuple[int, int]]) -> int | None:
    """The position of a month in the period; a month without a year must be unambiguous."""
    slots = [i for i, (y, m) in enumerate(months) if m == month and (year is None or y == year)]
    return slots[0] if len(slots) == 1 else None


def _issue(code: str, message: str, where: Location, hint: str | None = None, severe: bool = True) -> Issue:
    return Issue(code, message, Severity.ERROR if severe else Severity.WARNING, where, hint=hint)


# --- the rows, checked and typed, in SQL ----------------------------------------------------------


class _Rows:
    """The SQL of the table's rows: each field typed, and the first problem of each row."""

    def __init__(self, table: _Table, columns: _Columns) -> None:
        self.table = table
        self.columns = columns
        self.numeric = [c for c in self._number_columns() if not self._typed(c)]

    def _number_columns(self) -> list[str]:
        found = [name for _, name in self.columns.months]
        if "amount" in self.columns.fields:
            found.insert(0, self.columns.fields["amount"])
        return found

    def _typed(self, column: str) -> bool:
        return self.columns.types[column].upper().startswith(_NUMERIC)

    def read_texts(self) -> dict[str, tuple[float | None, str | None]]:
        """Each distinct number written in a form DuckDB does not read, through the strict reader:
        its value, or the code of its problem."""
        if not self.numeric:
            return {}
        parts = [
            f"SELECT DISTINCT trim({_name(c)}) AS text FROM src WHERE trim({_name(c)}) <> '' "
            f"AND NOT regexp_full_match(trim({_name(c)}), {_literal(_PLAIN)})"
            for c in self.numeric
        ]
        texts: dict[str, tuple[float | None, str | None]] = {}
        for (text,) in self.table.con.execute(" UNION ".join(parts)).fetchall():
            try:
                texts[text] = (read_amount(text), None)
            except AmountProblem as problem:
                texts[text] = (None, problem.code)
        con = self.table.con
        con.execute("CREATE TEMP TABLE texts (text VARCHAR, value DOUBLE, code VARCHAR)")
        if texts:
            con.executemany("INSERT INTO texts VALUES (?, ?, ?)", [(t, v, c) for t, (v, c) in texts.items()])
        return texts

    def number(self, column: str, joined: str) -> tuple[str, str]:
        """The SQL of a number column's value and of its problem code (NULL when it is fine)."""
        q = _name(column)
        if self._typed(column):
            value = f"CAST({q} AS DOUBLE)"
            raw_problem = "NULL"
        else:
            text = f"NULLIF(trim({q}), '')"
            plain = f"regexp_full_match({text}, {_literal(_PLAIN)})"
            value = f"(CASE WHEN {plain} THEN TRY_CAST({text} AS DOUBLE) ELSE {joined}.value END)"
            raw_problem = f"(CASE WHEN {text} IS NOT NULL AND NOT {plain} THEN {joined}.code END)"
        problem = (
            f"COALESCE({raw_problem}, CASE WHEN isnan({value}) OR isinf({value}) THEN 'amount-not-finite' "
            f"WHEN {value} < 0 THEN 'amount-negative' WHEN {value} > {LARGEST_AMOUNT!r} THEN 'amount-too-large' END)"
        )
        return value, problem

    def text(self, key: str) -> str:
        column = self.columns.fields.get(key)
        return f"NULLIF(trim(CAST({_name(column)} AS VARCHAR)), '')" if column else "CAST(NULL AS VARCHAR)"

    def sql(self) -> str:
        """SELECT of every row: __row, the key fields, amount (the months summed), months given,
        the months, and `problem`, the code of the row's first problem."""
        joins, values, problems = [], {}, {}
        for number, column in enumerate(self._number_columns()):
            alias = f"t{number}"
            if column in self.numeric:
                joins.append(f"LEFT JOIN texts {alias} ON {alias}.text = NULLIF(trim(src.{_name(column)}), '')")
            values[column], problems[column] = self.number(column, alias)
        month_columns = [name for _, name in self.columns.months]
        amount_column = self.columns.fields.get("amount")
        given_amount = (
            f"({values[amount_column]} IS NOT NULL OR {problems[amount_column]} IS NOT NULL)"
            if amount_column
            else "false"
        )
        month_given = [f"({values[c]} IS NOT NULL OR {problems[c]} IS NOT NULL)" for c in month_columns]
        any_month = " OR ".join(month_given) or "false"
        all_months = " AND ".join(month_given) or "false"
        month_sum = " + ".join(f"COALESCE({values[c]}, 0)" for c in month_columns) or "0"
        amount = (
            f"(CASE WHEN {any_month} THEN {month_sum} ELSE {values[amount_column] if amount_column else 'NULL'} END)"
        )
        checks = [
            ("activity", f"{self.text('activity')} IS NULL", "activity-missing"),
            ("unit", f"{self.text('unit')} IS NULL", "unit-missing"),
            ("amount", f"{given_amount} AND ({any_month})", "amount-and-months"),
            ("amount", f"NOT {given_amount} AND NOT ({any_month})", "amount-missing"),
        ]
        cases = [f"WHEN {condition} THEN '{code}'" for _, condition, code in checks]
        for column in self._number_columns():
            cases.append(f"WHEN {problems[column]} IS NOT NULL THEN {problems[column]}")
        scope = self.text("scope")
        cases.append(f"WHEN {scope} IS NOT NULL AND {scope} NOT IN ('1', '2', '3') THEN 'scope-invalid'")
        fields = ", ".join(f"{self.text(key)} AS {key}" for key in (*KEY_COLUMNS, "label", "id", "evidence"))
        months = "".join(f", {values[c]} AS m{slot}" for slot, c in self.columns.months)
        partial = f"(({any_month}) AND NOT ({all_months}))" if month_columns else "false"
        return (
            f"SELECT src.__row AS __row, {fields}, {amount} AS amount, ({any_month}) AS monthly, "
            f"{partial} AS partial{months}, CASE {' '.join(cases)} END AS problem "
            f"FROM src {' '.join(joins)}"
        )


# --- computing a table ----------------------------------------------------------------------------

_FIELD_OF_CODE = {
    "activity-missing": "activity",
    "unit-missing": "unit",
    "scope-invalid": "scope",
}


def compute_table(
    path: str, shown: str, inventory: Inventory, catalogue: Catalogue, gwp_set: str, first_index: int
) -> TableRead:
    """The table's rows as lines of the result (one per class of rows, numbered from
    `first_index`), every problem located at its rows, and the table's summary."""
    import duckdb

    try:
        table = _Table(path, shown)
    except (duckdb.Error, OSError, ValueError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        message = tr("cannot read the table: {reason}", reason=reason)
        hint = tr("an activity table is a Parquet file, a CSV file in UTF-8 with a header row, or a workbook")
        return TableRead((), (_issue("table-unreadable", message, Location(shown), hint),), None)
    try:
        return _compute(table, inventory, catalogue, gwp_set, first_index)
    except duckdb.Error as exc:
        reason = str(exc).strip().splitlines()[0]
        message = tr("cannot read the table: {reason}", reason=reason)
        return TableRead((), (_issue("table-unreadable", message, Location(shown)),), None)
    finally:
        table.close()


def _compute(table: _Table, inventory: Inventory, catalogue: Catalogue, gwp_set: str, first_index: int) -> TableRead:
    columns, issues = read_columns(table, inventory)
    if any(i.is_error for i in issues):
        return TableRead((), tuple(issues), None)
    rows = _Rows(table, columns)
    rows.read_texts()
    con = table.con
    con.execute(f"CREATE TEMP VIEW rows AS {rows.sql()}")
    keys = ", ".join(KEY_COLUMNS)
    month_sums = "".join(f", fsum(m{slot})" for slot, _ in columns.months)
    found = con.execute(
        f"SELECT {keys}, problem, count(*), min(__row), fsum(amount), max(amount), "
        f"count(*) FILTER (WHERE monthly), count(*) FILTER (WHERE partial){month_sums} "
        f"FROM rows GROUP BY ALL ORDER BY min(__row)"
    ).fetchall()
    width = len(KEY_COLUMNS)
    classes: list[RowClass] = []
    sums: list[ClassSums] = []
    problem_rows: dict[str, int] = {}
    partial_rows = 0
    for record in found:
        problem, count, first, amount, largest, monthly, partial = record[width : width + 7]
        partial_rows += partial
        if problem is not None:
            problem_rows[problem] = problem_rows.get(problem, 0) + count
            continue
        key = dict(zip(KEY_COLUMNS, record[:width], strict=True))
        classes.append(
            RowClass(
                activity=key["activity"],
                unit=key["unit"],
                scope=int(key["scope"]) if key["scope"] else None,
                gpc=key["gpc"],
                ipcc=key["ipcc"],
                category=key["category"],
                ncv=key["ncv"],
                density=key["density"],
                division=key["division"],
                quality_source=key["data_quality_source"],
                quality_activity=key["data_quality_activity"],
                quality_factor=key["data_quality_factor"],
            )
        )
        months = tuple(record[width + 7 :]) if columns.months and monthly == count else None
        sums.append(ClassSums(count, amount, months, first, largest))
    total_rows = sum(record[width + 1] for record in found)
    if len(classes) > LARGEST_CLASSES:
        message = tr(
            "the table's rows fall into {count} classes (activity, unit, placement, grades); at most {largest}",
            count=f"{len(classes):,}",
            largest=f"{LARGEST_CLASSES:,}",
        )
        return TableRead((), (_issue("table-too-many-classes", message, table.where()),), None)
    for code, count in sorted(problem_rows.items()):
        issues.extend(_row_problems(table, columns, code, count))
    if partial_rows:
        issues.extend(_row_problems(table, columns, "amount-month-empty", partial_rows, severe=False))
    coefficients, class_problems = class_lines(classes, inventory, catalogue, gwp_set)
    issues.extend(_class_problems(table, columns, classes, sums, class_problems))
    issues.extend(_too_large(table, columns, classes, sums, coefficients))
    lines: list[Line] = []
    line_of: dict[int, int] = {}
    for number in range(len(classes)):
        if number in coefficients:
            text = tr("{table}: {count} rows", table=table.shown, count=f"{sums[number].rows:,}")
            line_of[number] = first_index + len(lines)
            lines.append(group_line(line_of[number], coefficients[number], sums[number], text))
    issues.sort(key=lambda issue: issue.location.order if issue.location else ("", 0, 0))
    summary = TableSummary(
        file=table.shown,
        path=os.path.abspath(table.path),
        rows=total_rows,
        first_line=first_index,
        lines=len(lines),
        recipe=_Recipe(columns, classes, coefficients, line_of),
    )
    return TableRead(tuple(lines), tuple(issues), summary)


def _row_messages(code: str) -> tuple[str, str | None]:
    messages = {
        "activity-missing": (tr("the row has no activity"), tr("write the factor key of the row's activity")),
        "unit-missing": (tr("the row has no unit"), tr("write the unit of the row's amount, e.g. kWh, L, kg")),
        "amount-missing": (
            tr("the row has no amount and no monthly values"),
            tr("write the amount, or the months; 0 for none"),
        ),
        "amount-and-months": (
            tr("the row gives both an amount and monthly values"),
            tr("give one: the amount, or the months"),
        ),
        "scope-invalid": (tr("the scope is not 1, 2 or 3"), tr("write 1, 2 or 3, or leave it empty")),
        "amount-month-empty": (
            tr("the row leaves some months empty; they count as 0"),
            tr("write 0 for a month with nothing, or the month's reading"),
        ),
    }
    return messages.get(code, (code, None))


def _listed_rows(table: _Table, condition: str, parameters: Sequence[object] = ()) -> list[dict[str, Any]]:
    """The first LISTED rows of the table meeting a condition on `rows`, with their cells as written."""
    con = table.con
    con.execute(
        "SELECT src.* FROM src JOIN (SELECT __row FROM rows WHERE "
        f"{condition} ORDER BY __row LIMIT {LISTED}) AS chosen USING (__row) ORDER BY __row",
        list(parameters),
    )
    names = [d[0] for d in con.description or ()]
    return [dict(zip(names, values, strict=True)) for values in con.fetchall()]


def _more(table: _Table, code: str, count: int, severe: bool = True) -> Issue:
    message = tr("... and {count} more rows with {code}", count=f"{count:,}", code=code)
    return _issue(code, message, table.where(), severe=severe)


def _row_problems(table: _Table, columns: _Columns, code: str, count: int, severe: bool = True) -> list[Issue]:
    condition = "partial" if code == "amount-month-empty" else "problem = ?"
    listed = _listed_rows(table, condition, () if code == "amount-month-empty" else (code,))
    message, hint = _row_messages(code)
    found = []
    for cells in listed:
        column: str | None = columns.fields.get(_FIELD_OF_CODE.get(code, "amount"), None)
        text, shown_hint = message, hint
        if code.startswith("amount-") and code not in ("amount-missing", "amount-and-months", "amount-month-empty"):
            column, text, shown_hint = _number_problem(cells, columns)
        elif code == "amount-month-empty":
            column = next((name for _, name in columns.months if _empty(cells.get(name))), column)
        elif code == "scope-invalid":
            text = tr("scope is '{value}'; it is 1, 2 or 3", value=str(cells.get(column or "")))
        found.append(_issue(code, text, table.where(cells["__row"], column, columns.order), shown_hint, severe))
    if count > len(listed):
        found.append(_more(table, code, count - len(listed), severe))
    return found


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


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


def _class_condition(row_class: RowClass) -> tuple[str, list[object]]:
    values: list[object] = [
        row_class.activity,
        row_class.unit,
        None if row_class.scope is None else str(row_class.scope),
        row_class.gpc,
        row_class.ipcc,
        row_class.category,
        row_class.ncv,
        row_class.density,
        row_class.division,
        row_class.quality_source,
        row_class.quality_activity,
        row_class.quality_factor,
    ]
    condition = " AND ".join(f"{key} IS NOT DISTINCT FROM ?" for key in KEY_COLUMNS)
    return f"problem IS NULL AND {condition}", values


def _class_problems(
    table: _Table,
    columns: _Columns,
    classes: list[RowClass],
    sums: list[ClassSums],
    problems: dict[int, list[Issue]],
) -> list[Issue]:
    """A class's problems at its rows: the first rows of each code listed, the others counted.
    A warning (a factor used outside its validity) is told once, at the class's first row."""
    by_code: dict[str, list[tuple[int, Issue]]] = {}
    counts: dict[str, int] = {}
    found: list[Issue] = []
    for number, issues in sorted(problems.items()):
        for issue in issues:
            field_name = issue.path[2] if len(issue.path) > 2 else "activity"
            column = columns.fields.get(str(field_name), columns.fields.get("activity"))
            if not issue.is_error:
                where = table.where(sums[number].first_row, column, columns.order)
                found.append(Issue(issue.code, issue.message, issue.severity, where, hint=issue.hint))
                continue
            counts[issue.code] = counts.get(issue.code, 0) + sums[number].rows
            if len(by_code.get(issue.code, ())) >= LISTED:
                continue
            condition, values = _class_condition(classes[number])
            for cells in _listed_rows(table, condition, values):
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


def _too_large(
    table: _Table,
    columns: _Columns,
    classes: list[RowClass],
    sums: list[ClassSums],
    coefficients: dict[int, Coefficients],
) -> list[Issue]:
    """Rows whose line comes to more than any real inventory line (core/compute.LARGEST_LINE_T)."""
    from ghgcalc.core.compute import LARGEST_LINE_T

    found: list[Issue] = []
    column = columns.fields.get("amount") or (columns.months[0][1] if columns.months else None)
    for number, unit in coefficients.items():
        if sums[number].largest * unit.largest <= LARGEST_LINE_T:
            continue
        limit = LARGEST_LINE_T / unit.largest
        condition, values = _class_condition(classes[number])
        listed = _listed_rows(table, f"{condition} AND amount > ?", [*values, limit])
        for cells in listed:
            message = tr("this row comes to more than {largest} t, beyond any real inventory line", largest="1e+15")
            hint = tr("check the amount, its unit and the factor for extra digits or a wrong unit")
            found.append(_issue("result-too-large", message, table.where(cells["__row"], column, columns.order), hint))
    return found


# --- every row's own result -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Recipe:
    """What `write_lines` needs to give every row its result: the classes and their coefficients."""

    columns: _Columns
    classes: list[RowClass]
    coefficients: dict[int, Coefficients]
    line_of: dict[int, int]  # class number -> index of its line in the result


# The columns of the lines file: the CSV's (io/writers.CSV_COLUMNS), then the table and row a line
# comes from and its evidence; the gases (t_CO2, t_CH4, ...) follow t_co2e's neighbours.
_LINE_TEXT = ("source", "name", "period_start", "period_end", "gwp")


def write_lines(results: Sequence[Any], target: str, kind: str) -> int:
    """Every line of the results, activity tables' rows included, to `target` as Parquet or CSV
    (`kind`): the number of lines written. DuckDB streams the rows: memory does not grow with a
    table. The columns are the CSV's (io/writers.CSV_COLUMNS), the tonnes of each gas (t_gas_CO2:
    column names do not tell case apart in DuckDB, and the CSV's t_CO2e would be its t_co2e), then
    the table and row a line comes from and its evidence."""
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
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE own (" + ", ".join(f"{_name(c)} {_line_type(c)}" for c in header) + ")")
        selects = []
        for result in results:
            from_tables = {n for t in result.tables for n in range(t.first_line, t.first_line + t.lines)}
            own = [_own_row(line, result, gases) for line in result.lines if line.index not in from_tables]
            if own:
                con.executemany(f"INSERT INTO own VALUES ({', '.join('?' for _ in header)})", own)
            selects.append(f"SELECT * FROM own WHERE source = {_literal(result.source)}")
            for summary in result.tables:
                part = os.path.join(folder, f"{len(parts)}.parquet")
                _table_part(summary, result, gases, part)
                parts.append(part)
                selects.append(f"SELECT * FROM read_parquet({_literal(part)})")
        query = " UNION ALL BY NAME ".join(selects) if selects else "SELECT * FROM own"
        ordered = ", ".join(_name(c) for c in header)
        options = "FORMAT parquet" if kind == "parquet" else "FORMAT csv, HEADER true"
        con.execute(f"COPY (SELECT {ordered} FROM ({query})) TO {_literal(target)} ({options})")
        (count,) = con.execute(f"SELECT count(*) FROM ({query})").fetchone() or (0,)
        return int(count)
    finally:
        con.close()
        for part in parts:
            Path(part).unlink(missing_ok=True)
        os.rmdir(folder)


def _line_type(column: str) -> str:
    if column in ("line", "scope", "row"):
        return "BIGINT"
    if column == "amount" or column.startswith("t_") or column.endswith("_t") or column.endswith("_t_co2e"):
        return "DOUBLE"
    return "VARCHAR"


def _own_row(line: Line, result: Any, gases: list[str]) -> list[object]:
    separate = line.separately_reported_t_co2e
    return [
        result.source,
        result.name,
        result.period.start.isoformat(),
        result.period.end.isoformat(),
        result.gwp,
        line.index + 1,
        line.id,
        line.activity,
        line.label,
        line.scope,
        line.category,
        line.gpc,
        line.ipcc,
        line.amount,
        line.unit,
        line.factor.set_id,
        line.factor.version,
        line.factor.key,
        line.factor.per,
        line.factor.source,
        line.t_co2e,
        separate.get(BIOGENIC, 0.0),
        separate.get(NON_KYOTO, 0.0),
        *(line.gases_t.get(gas) for gas in gases),
        None,
        None,
        line.evidence,
    ]


def _table_part(summary: TableSummary, result: Any, gases: list[str], part: str) -> None:
    """One table's rows with their results, joined to their class's coefficients, to Parquet."""
    recipe = summary.recipe
    assert isinstance(recipe, _Recipe)
    table = _Table(summary.path, summary.file)
    try:
        rows = _Rows(table, recipe.columns)
        rows.read_texts()
        con = table.con
        con.execute(f"CREATE TEMP VIEW rows AS {rows.sql()}")
        keys = [f"k_{key} VARCHAR" for key in KEY_COLUMNS]
        values = [
            "line BIGINT",
            "scope_out BIGINT",
            "category_out VARCHAR",
            "gpc_out VARCHAR",
            "ipcc_out VARCHAR",
            "factor_set VARCHAR",
            "factor_version VARCHAR",
            "factor_key VARCHAR",
            "factor_per VARCHAR",
            "factor_source VARCHAR",
            "c_t_co2e DOUBLE",
            "c_biogenic DOUBLE",
            "c_non_kyoto DOUBLE",
            *(f"{_name('c_' + gas)} DOUBLE" for gas in gases),
        ]
        con.execute(f"CREATE TEMP TABLE coef ({', '.join([*keys, *values])})")
        records = []
        for number, unit in recipe.coefficients.items():
            line = unit.line
            separate = line.separately_reported_t_co2e
            records.append(
                [
                    *_class_values(recipe.classes[number]),
                    recipe.line_of[number] + 1,
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
            )
        if records:
            con.executemany(f"INSERT INTO coef VALUES ({', '.join('?' for _ in records[0])})", records)
        on = " AND ".join(f"r.{key} IS NOT DISTINCT FROM c.k_{key}" for key in KEY_COLUMNS)
        gas_columns = "".join(f", r.amount * c.{_name('c_' + gas)} AS {_name('t_gas_' + gas)}" for gas in gases)
        con.execute(
            f"COPY (SELECT {_literal(result.source)} AS source, {_literal(result.name)} AS name, "
            f"{_literal(result.period.start.isoformat())} AS period_start, "
            f"{_literal(result.period.end.isoformat())} AS period_end, {_literal(result.gwp)} AS gwp, "
            "c.line AS line, r.id AS id, r.activity AS activity, r.label AS label, c.scope_out AS scope, "
            "c.category_out AS category, c.gpc_out AS gpc, c.ipcc_out AS ipcc, r.amount AS amount, r.unit AS unit, "
            "c.factor_set, c.factor_version, c.factor_key, c.factor_per, c.factor_source, "
            "r.amount * c.c_t_co2e AS t_co2e, r.amount * c.c_biogenic AS co2_biogenic_t, "
            f"r.amount * c.c_non_kyoto AS non_kyoto_t_co2e{gas_columns}, "
            f'{_literal(summary.file)} AS "table", r.__row AS "row", r.evidence AS evidence '
            f"FROM rows r JOIN coef c ON {on} WHERE r.problem IS NULL ORDER BY r.__row) "
            f"TO {_literal(part)} (FORMAT parquet)"
        )
    finally:
        table.close()


def _class_values(row_class: RowClass) -> list[object]:
    return _class_condition(row_class)[1]
