"""Excel inventories (docs/excel-format.md) read into the same document as a YAML file.

Cell values come from python-calamine, which reads a 100,000-row sheet many times faster than
openpyxl; formulas count by their cached values, macros are never run. Every value keeps its
sheet and cell, so problems are reported as `town.xlsx[Activities]!C17`.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, cast

from ghgcalc.errors import Issue, Location, Path, Severity
from ghgcalc.thai import thai_to_arabic_digits

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100

SHEETS = {
    "inventory": ("inventory", "ข้อมูลทั่วไป"),
    "activities": ("activities", "กิจกรรม"),
    "custom_factors": ("custom factors", "custom_factors", "ค่าการปล่อยเฉพาะ"),
}
# Header texts of the Activities columns (lower case; a header "Unit / หน่วย" matches either part).
ACTIVITY_COLUMNS = {
    "activity": ("activity", "กิจกรรม"),
    "scope": ("scope", "ประเภท", "ขอบเขต"),
    "category": ("category", "หมวด"),
    "label": ("label", "รายละเอียด"),
    "unit": ("unit", "หน่วย"),
    "id": ("id", "รหัส"),
    "total": ("total", "รวม", "amount", "ปริมาณ"),
    "ncv": ("ncv",),
    "density": ("density", "ความหนาแน่น"),
    "gpc": ("gpc",),
    "ipcc": ("ipcc",),
}
CUSTOM_COLUMNS = {
    "key": ("key",),
    "per": ("per", "ต่อหน่วย"),
    "gas": ("gas", "ก๊าซ"),
    "kg": ("kg",),
    "source": ("source", "แหล่งที่มา"),
    "name": ("name", "ชื่อ"),
    "scope": ("scope", "ประเภท"),
    "category": ("category", "หมวด"),
    "ncv": ("ncv",),
    "density": ("density", "ความหนาแน่น"),
    "gwp_basis": ("gwp basis", "gwp_basis"),
    "valid_from": ("valid from", "valid_from"),
    "valid_to": ("valid to", "valid_to"),
}
_MONTHS = [
    ("jan", "january", "ม.ค.", "มกราคม"),
    ("feb", "february", "ก.พ.", "กุมภาพันธ์"),
    ("mar", "march", "มี.ค.", "มีนาคม", "มิ.ค."),  # "มิ.ค." is a typo seen in a real TGO form
    ("apr", "april", "เม.ย.", "เมษายน"),
    ("may", "พ.ค.", "พฤษภาคม"),
    ("jun", "june", "มิ.ย.", "มิถุนายน"),
    ("jul", "july", "ก.ค.", "กรกฎาคม"),
    ("aug", "august", "ส.ค.", "สิงหาคม"),
    ("sep", "sept", "september", "ก.ย.", "กันยายน"),
    ("oct", "october", "ต.ค.", "ตุลาคม"),
    ("nov", "november", "พ.ย.", "พฤศจิกายน"),
    ("dec", "december", "ธ.ค.", "ธันวาคม"),
]
MONTH_NAMES = {name: number for number, names in enumerate(_MONTHS, start=1) for name in names}
SUBTOTAL_WORDS = {"total", "subtotal", "sum", "รวม", "รวมทั้งสิ้น", "ผลรวม"}
INVENTORY_KEYS = (
    "ghgcalc",
    "name",
    "kind",
    "period",
    "period_start",
    "period_end",
    "gwp",
    "factors",
    "output_amount",
    "output_unit",
    "output_name",
)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell(row: int, column: int) -> str:
    return f"{column_letter(column)}{row + 1}"


@dataclass
class ExcelPositions:
    """Paths of the document to sheet!cell, computed from a few tables rather than stored per value."""

    source: str
    cells: dict[Path, tuple[str, str]] = field(default_factory=dict)  # header fields, custom factors
    activity_rows: list[int] = field(default_factory=list)  # 0-based sheet row of each activity
    activity_columns: dict[str, int] = field(default_factory=dict)  # field -> column
    month_columns: list[int] = field(default_factory=list)
    amount_column: dict[int, int] = field(default_factory=dict)  # activity -> column its amount came from
    sheet: str = "Activities"

    def locate(self, path: Path, at_key: bool = False) -> Location:
        probe = tuple(path)
        while probe:
            where = self._where(probe)
            if where is not None:
                return Location(self.source, sheet=where[0], cell=where[1])
            probe = probe[:-1]
        return Location(self.source)

    def _where(self, path: Path) -> tuple[str, str] | None:
        if path in self.cells:
            return self.cells[path]
        if len(path) < 2 or path[0] != "activities" or not isinstance(path[1], int):
            return None
        index = path[1]
        if index >= len(self.activity_rows):
            return None
        row = self.activity_rows[index]
        if len(path) == 2:
            return self.sheet, _cell(row, self.activity_columns.get("activity", 0))
        name = path[2]
        if name == "amount":
            if len(path) >= 4 and isinstance(path[3], int) and path[3] < len(self.month_columns):
                return self.sheet, _cell(row, self.month_columns[path[3]])
            column = self.amount_column.get(index, self.activity_columns.get("total"))
            return (self.sheet, _cell(row, column)) if column is not None else None
        if isinstance(name, str) and name in self.activity_columns:
            return self.sheet, _cell(row, self.activity_columns[name])
        return None

    def resolve(self, loc: tuple[object, ...]) -> Path:
        path: list[str | int] = []
        for part in loc:
            candidate = cast(Path, (*path, part))
            known = candidate == ("activities",) or self._where(candidate) is not None
            if known or any(k[: len(candidate)] == candidate for k in self.cells):
                path.append(part)  # type: ignore[arg-type]
        return tuple(path)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.positions = ExcelPositions(source)
        self.issues: list[Issue] = []
        self.no_value: dict[str, set[str]] = {}  # sheet -> cells whose formula has no cached value

    def issue(
        self, code: str, message: str, sheet: str | None = None, cell: str | None = None, hint: str | None = None
    ) -> None:
        self.issues.append(
            Issue(code, message, Severity.ERROR, Location(self.source, sheet=sheet, cell=cell), hint=hint)
        )

    def value(self, sheet: str, rows: list[list[Any]], row: int, column: int) -> Any:
        """A cell's value: None when empty; text stripped; whole numbers as int."""
        if row >= len(rows) or column >= len(rows[row]):
            return None
        value = rows[row][column]
        if value == "" or value is None:
            missing = self.no_value.get(sheet)
            if missing and _cell(row, column) in missing:
                self.issue(
                    "formula-no-value",
                    f"the formula in {_cell(row, column)} has no saved result",
                    sheet,
                    _cell(row, column),
                    "open the workbook in a spreadsheet program and save it, so that its formulas are calculated",
                )
            return None
        return _plain(value)


def _plain(value: Any) -> Any:
    """A cell's value as _Reader.value gives it, for a sheet without formula problems."""
    if value == "" or value is None:
        return None
    kind = type(value)
    if kind is str:
        return value.strip() or None
    if kind is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if kind is dt.datetime and value.time() == dt.time():
        return value.date()
    return value


def _normalise_header(text: Any) -> list[str]:
    if text is None:
        return []
    raw = thai_to_arabic_digits(str(text)).lower().replace("\n", " ")
    return [part.strip() for part in re.split(r"[/|()]", raw) if part.strip()]


def _match(parts: list[str], names: tuple[str, ...]) -> bool:
    return any(part in names for part in parts)


def _month(parts: list[str]) -> int | None:
    for part in parts:
        if part in MONTH_NAMES:
            return MONTH_NAMES[part]
        if part.rstrip(".") in MONTH_NAMES:
            return MONTH_NAMES[part.rstrip(".")]
    return None


def check_zip(path: str) -> str | None:
    """Why a workbook must not be opened (too large, a zip bomb, not a zip), or None."""
    size = FilePath(path).stat().st_size
    if size > MAX_FILE_BYTES:
        return f"the workbook is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = 0
            for info in archive.infolist():
                unpacked += info.file_size
                if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
                    return f"{info.filename} inflates {info.file_size // max(info.compress_size, 1)} times"
            if unpacked > MAX_UNPACKED_BYTES:
                return f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB"
    except zipfile.BadZipFile:
        return "the file is not an Excel workbook (.xlsx), or it is damaged or truncated"
    return None


def _formulas_without_values(path: str) -> dict[str, set[str]]:
    """Cells whose formula was saved without a result, per sheet name (calamine shows them empty)."""
    found: dict[str, set[str]] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace") if "xl/workbook.xml" in names else ""
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = archive.read(rels_name).decode("utf-8", "replace") if rels_name in names else ""
        targets = dict(re.findall(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
        targets.update({k: v for v, k in re.findall(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
        for name, rel in re.findall(r'<sheet[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', workbook):
            target = targets.get(rel, "")
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if member not in names:
                continue
            data = archive.read(member)
            if b"<f" not in data:
                continue
            for cell, body in re.findall(rb'<c r="([A-Z]+[0-9]+)"[^>]*?>(.*?)</c>', data, flags=re.S):
                if b"<f" in body and not re.search(rb"<v>[^<]+</v>", body):
                    found.setdefault(_unescape(name), set()).add(cell.decode())
    return found


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def read_workbook(path: str, source: str) -> tuple[dict[str, Any] | None, ExcelPositions, list[Issue]]:
    """The inventory document of a workbook, where each value is, and the problems found."""
    reader = _Reader(source)
    refusal = check_zip(path)
    if refusal:
        reader.issue("xlsx-refused", refusal, hint="give an .xlsx workbook saved by a spreadsheet program")
        return None, reader.positions, reader.issues
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(path)
        reader.no_value = _formulas_without_values(path)
    except (CalamineError, OSError, KeyError, zipfile.BadZipFile) as exc:
        reader.issue(
            "xlsx-invalid",
            f"the workbook cannot be read: {exc}",
            hint="open and save it again in a spreadsheet program",
        )
        return None, reader.positions, reader.issues
    sheets = {name.strip().lower(): name for name in workbook.sheet_names}

    def find(kind: str) -> str | None:
        return next((sheets[n] for n in SHEETS[kind] if n in sheets), None)

    document: dict[str, Any] = {}
    inventory_sheet = find("inventory")
    if inventory_sheet is None:
        reader.issue(
            "sheet-missing",
            "the workbook has no 'Inventory' sheet",
            hint="start from a template: ghgcalc init inventory.xlsx",
        )
    else:
        _read_inventory(reader, inventory_sheet, workbook.get_sheet_by_name(inventory_sheet).to_python(), document)
    activities_sheet = find("activities")
    if activities_sheet is None:
        reader.issue(
            "sheet-missing",
            "the workbook has no 'Activities' sheet",
            hint="start from a template: ghgcalc init inventory.xlsx",
        )
    else:
        rows = workbook.get_sheet_by_name(activities_sheet).to_python()
        document["activities"] = _read_activities(reader, activities_sheet, rows)
    custom_sheet = find("custom_factors")
    if custom_sheet is not None:
        custom = _read_custom(reader, custom_sheet, workbook.get_sheet_by_name(custom_sheet).to_python())
        if custom:
            document["custom_factors"] = custom
    workbook.close()
    return document, reader.positions, reader.issues


def _read_inventory(reader: _Reader, sheet: str, rows: list[list[Any]], document: dict[str, Any]) -> None:
    fields: dict[str, tuple[Any, str]] = {}
    for row in range(1, len(rows)):
        key = reader.value(sheet, rows, row, 0)
        if key is None:
            continue
        key = str(key).strip()
        if key not in INVENTORY_KEYS:
            reader.issue(
                "key-unknown",
                f"unknown field '{key}'",
                sheet,
                _cell(row, 0),
                f"the fields are: {', '.join(INVENTORY_KEYS)}",
            )
            continue
        fields[key] = (reader.value(sheet, rows, row, 1), _cell(row, 1))
    positions = reader.positions.cells
    for key in ("ghgcalc", "name", "kind", "period", "gwp"):
        if key in fields and fields[key][0] is not None:
            document[key] = fields[key][0]
            positions[(key,)] = (sheet, fields[key][1])
    if "period" not in document and ("period_start" in fields or "period_end" in fields):
        start, start_cell = fields.get("period_start", (None, ""))
        end, end_cell = fields.get("period_end", (None, ""))
        document["period"] = {"start": start, "end": end}
        positions[("period",)] = (sheet, start_cell or end_cell)
        positions[("period", "start")] = (sheet, start_cell)
        positions[("period", "end")] = (sheet, end_cell)
    if "factors" in fields and fields["factors"][0] is not None:
        document["factors"] = [part.strip() for part in str(fields["factors"][0]).split(",") if part.strip()]
        positions[("factors",)] = (sheet, fields["factors"][1])
        for index in range(len(document["factors"])):
            positions[("factors", index)] = (sheet, fields["factors"][1])
    output = {name: fields[f"output_{name}"] for name in ("amount", "unit", "name") if f"output_{name}" in fields}
    if any(value is not None for value, _cell_ref in output.values()):
        document["output"] = {name: value for name, (value, _) in output.items() if value is not None}
        for name, (_, cell) in output.items():
            positions[("output", name)] = (sheet, cell)
        positions[("output",)] = (sheet, next(iter(output.values()))[1])


def _header_row(rows: list[list[Any]], names: tuple[str, ...]) -> int | None:
    for row in range(min(5, len(rows))):
        if any(_match(_normalise_header(cell), names) for cell in rows[row]):
            return row
    return None


def _read_activities(reader: _Reader, sheet: str, rows: list[list[Any]]) -> list[dict[str, Any]]:
    positions = reader.positions
    positions.sheet = sheet
    header = _header_row(rows, ACTIVITY_COLUMNS["activity"])
    if header is None:
        reader.issue(
            "header-missing",
            "no header row with an 'Activity' column in the first five rows",
            sheet,
            "A1",
            "the first row names the columns: Activity, Scope, Unit, Jan ... Dec, Total",
        )
        return []
    # A header may span two rows (merged cells above the month names): read both.
    width = max((len(r) for r in rows[header : header + 2]), default=0)
    second = rows[header + 1] if header + 1 < len(rows) else []
    two_rows = any(_month(_normalise_header(cell)) for cell in second)
    for column in range(width):
        parts = _normalise_header(rows[header][column] if column < len(rows[header]) else None)
        if two_rows:
            parts += _normalise_header(second[column] if column < len(second) else None)
        month = _month(parts)
        if month is not None:
            positions.month_columns.append(column)
            continue
        for name, synonyms in ACTIVITY_COLUMNS.items():
            if name not in positions.activity_columns and _match(parts, synonyms):
                positions.activity_columns[name] = column
                break
    columns = positions.activity_columns
    activities: list[dict[str, Any]] = []
    empty: list[int] = []
    for row in range(header + (2 if two_rows else 1), len(rows)):
        reported = len(reader.issues)
        if reader.no_value.get(sheet):
            values = {name: reader.value(sheet, rows, row, column) for name, column in columns.items()}
        else:  # the common case, kept cheap
            cells = rows[row]
            values = {name: _plain(cells[column]) if column < len(cells) else None for name, column in columns.items()}
        if reader.no_value.get(sheet):
            months = [reader.value(sheet, rows, row, column) for column in positions.month_columns]
        else:  # the common case, kept cheap: 12 cells a row, 100,000 rows
            cells = rows[row]
            months = [_plain(cells[c]) if c < len(cells) else None for c in positions.month_columns]
        key = values.get("activity")
        if key is None or str(key).strip().lower() in SUBTOTAL_WORDS:
            continue  # an empty or subtotal row
        if len(reader.issues) > reported:
            continue  # a formula without a result: reported, and the row is not read further
        item: dict[str, Any] = {"activity": str(key)}
        for name in ("scope", "category", "label", "unit", "id", "ncv", "density", "gpc", "ipcc"):
            value = values.get(name)
            if value is not None:
                item[name] = value if name == "scope" else str(value)
        index = len(activities)
        while months and months[-1] is None:
            months.pop()
        total = values.get("total")
        if months:
            item["amount"] = [0 if m is None else m for m in months]
            positions.amount_column[index] = positions.month_columns[0]
            if total is not None and not _sums_to(item["amount"], total):
                reader.issue(
                    "total-mismatch",
                    f"the total {total!r} is not the sum of the months",
                    sheet,
                    _cell(row, columns["total"]),
                    "correct the months or the total, or clear the total",
                )
        elif total is not None:
            item["amount"] = total
        else:
            empty.append(row)  # a row not filled in yet, as in a fresh template
            continue
        positions.activity_rows.append(row)
        activities.append(item)
    if empty:
        column = columns.get("total", positions.month_columns[0] if positions.month_columns else 0)
        listed = ", ".join(str(r + 1) for r in empty[:10]) + (", ..." if len(empty) > 10 else "")
        reader.issues.append(
            Issue(
                "amount-empty",
                f"{len(empty)} row(s) without an amount are skipped (rows {listed})",
                Severity.WARNING,
                Location(reader.source, sheet=sheet, cell=_cell(empty[0], column)),
                hint="enter the monthly amounts or a total, or delete the rows",
            )
        )
    return activities


def _sums_to(months: list[Any], total: Any) -> bool:
    from ghgcalc.thai import parse_number

    try:
        numbers = [m if isinstance(m, int | float) else parse_number(str(m)) for m in months]
        expected = total if isinstance(total, int | float) else parse_number(str(total))
    except ValueError:
        return True  # the amounts themselves are reported as invalid
    return abs(sum(numbers) - expected) <= 1e-9 * max(1.0, abs(expected))


def _read_custom(reader: _Reader, sheet: str, rows: list[list[Any]]) -> list[dict[str, Any]]:
    header = _header_row(rows, CUSTOM_COLUMNS["key"])
    if header is None:
        return []
    columns: dict[str, int] = {}
    for column, cell in enumerate(rows[header]):
        parts = _normalise_header(cell)
        for name, synonyms in CUSTOM_COLUMNS.items():
            if name not in columns and _match(parts, synonyms):
                columns[name] = column
                break
    factors: list[dict[str, Any]] = []
    by_key: dict[str, int] = {}
    cells = reader.positions.cells
    for row in range(header + 1, len(rows)):
        values = {name: reader.value(sheet, rows, row, column) for name, column in columns.items()}
        key = values.get("key")
        if key is None:
            continue
        key = str(key)
        if key not in by_key:
            by_key[key] = len(factors)
            factors.append({"key": key, "kg": {}})
            index = by_key[key]
            cells[("custom_factors", index)] = (sheet, _cell(row, columns["key"]))
            for name, value in values.items():
                if name in ("key", "gas", "kg") or value is None:
                    continue
                factors[index][name] = value
                cells[("custom_factors", index, name)] = (sheet, _cell(row, columns[name]))
        index = by_key[key]
        gas, amount = values.get("gas"), values.get("kg")
        if gas is not None:
            factors[index]["kg"][str(gas)] = amount
            cells[("custom_factors", index, "kg")] = (sheet, _cell(row, columns.get("gas", 0)))
            cells[("custom_factors", index, "kg", str(gas))] = (sheet, _cell(row, columns.get("kg", 0)))
    return factors
