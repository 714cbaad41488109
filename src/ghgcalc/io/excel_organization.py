"""The Organization sheet (องค์กร) of an inventory workbook: the `organization:` block of TGO's Fr-01
and Fr-02 (docs/excel-format.md, "Organization").

One field per row, its key in column A as YAML writes it, dotted for a person's details
(`preparer.name`), its value in column B, a description in Thai (C) and English (D) that is never
read. Below the fields, two small tables: the row `facilities` starts the sites inside the boundary
(name, address, note in columns A-C), the row `excluded` what is left out and why (A-B); a table's
first row under its key names the columns and is not read. The reader gives the document's
`organization` mapping with every value's cell; the model checks it as it checks YAML.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ghgcalc.errors import visible
from ghgcalc.i18n import N_, tr
from ghgcalc.io.excel_cells import SheetReader, cell_name
from ghgcalc.io.excel_labels import bilingual, english, thai

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEET = "Organization"
NAMES = ("organization", "organisation", "องค์กร")  # as the reader finds the sheet (lower case)
TABLES = ("facilities", "excluded")
_ROLES = {
    "preparer": N_("Prepared by"),
    "reviewer": N_("Reviewed by"),
    "approver": N_("Approved by"),
    "contact": N_("Contact person"),
}
_PARTS = {"name": N_("full name"), "position": N_("position"), "phone": N_("phone"), "email": N_("email")}
_ROLE_PART = N_("{role}: {part}")
# The fields, in the order of Fr-01, with their description (key, English msgid).
FIELDS: tuple[tuple[str, str], ...] = (
    (
        "type",
        N_(
            "Type of local government: เทศบาลนคร, เทศบาลเมือง, เทศบาลตำบล, องค์การบริหารส่วนจังหวัด, "
            "องค์การบริหารส่วนตำบล, กรุงเทพมหานคร or เมืองพัทยา (or its key, e.g. subdistrict-municipality)"
        ),
    ),
    ("code", N_("The local government's code")),
    ("address", N_("Address of the office")),
    ("province", N_("Province")),
    ("base_year", N_("Base year (Fr-01): 2566, FY2566 or 2023")),
    (
        "consolidation",
        N_("How the boundary is drawn: operational-control (when empty), financial-control or equity-share"),
    ),
    *((f"{role}.{part}", "") for role in _ROLES for part in _PARTS),
    ("signed", N_("The day the report is signed: a date, e.g. 2568-11-30 (B.E. years are understood)")),
)
KEYS = tuple(key for key, _ in FIELDS)
# Text fields: a number typed there is its text (a code, a phone number); their cells are text cells.
_TEXT = {"code", "address", "province", *(f"{role}.{part}" for role in _ROLES for part in _PARTS)}
_TABLE_COLUMNS = {
    "facilities": (("name", N_("Name")), ("address", N_("Address")), ("note", N_("Note"))),
    "excluded": (("what", N_("What is left out")), ("why", N_("Why"))),
}
_TABLE_TITLES = {
    "facilities": N_("Sites and facilities inside the boundary (TGO Fr-02)"),
    "excluded": N_("Left out of the boundary or of the inventory, and why (TGO Fr-02)"),
}
_TABLE_NOTE = N_("one row each; add rows above the next table as needed")
BLANK_ROWS = 5  # empty rows to fill under each table
CONSOLIDATIONS = ("operational-control", "financial-control", "equity-share")


def description(key: str) -> tuple[str, str]:
    """A field's description in Thai and in English."""
    role, _, part = key.partition(".")
    if role in _ROLES and part in _PARTS:
        return (
            thai(_ROLE_PART, role=thai(_ROLES[role]), part=thai(_PARTS[part])),
            english(_ROLE_PART, role=_ROLES[role], part=_PARTS[part]),
        )
    msgid = dict(FIELDS).get(key, "")
    return (thai(msgid), english(msgid)) if msgid else ("", "")


def header_texts() -> set[str]:
    """The column names of the two tables, lower case, in both languages: the row that holds them is not data."""
    found = set()
    for columns in _TABLE_COLUMNS.values():
        for _, msgid in columns:
            found.update({english(msgid).lower(), thai(msgid).lower()})
    return found


# --- writing ---------------------------------------------------------------------------------------


def flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """A mapping as dotted keys and single values: {preparer: {name: A}} is [("preparer.name", "A")]."""
    if isinstance(value, dict) and (value or not prefix):  # the top mapping, even empty, has no row of its own
        found: list[tuple[str, Any]] = []
        for key, item in value.items():
            found.extend(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return found
    return [(prefix, value)]


def check(organization: Any) -> str | None:
    """Why an `organization:` value cannot be written on the sheet (it would be lost), or None."""
    if organization is None:
        return None
    if not isinstance(organization, dict):
        return tr("organization is {value}, not a mapping", value=visible(repr(organization))[:60])
    for table in TABLES:
        items = organization.get(table)
        if items is None:
            continue
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return tr("organization.{table} is not a list of mappings", table=table)
        names = {name for name, _ in _TABLE_COLUMNS[table]}
        for item in items:
            unknown = sorted(str(key) for key in item if key not in names)
            if unknown:
                return tr(
                    "organization.{table} has the keys {keys}; a workbook has a column for each of {columns} only",
                    table=table,
                    keys=", ".join(unknown),
                    columns=", ".join(sorted(names)),
                )
    return None


def write(sheet: Worksheet, organization: dict[str, Any] | None, put: Any, header: Any) -> dict[str, int]:
    """Fill the sheet with `organization` (None: the blank form); returns the row of each field.
    `put` and `header` are the writer's own cell and header functions (io/excel_writer.py)."""
    from openpyxl.styles import Font

    values = dict(flatten({key: value for key, value in (organization or {}).items() if key not in TABLES}))
    header(
        sheet,
        [(bilingual(N_("Field")), 32), (bilingual(N_("Value")), 46), ("คำอธิบาย", 70), ("Description", 70)],
    )
    rows: dict[str, int] = {}
    row = 1
    for key in (*KEYS, *(k for k in values if k not in KEYS)):  # keys the format lacks: for the reader to report
        row += 1
        rows[key] = row
        put(sheet, row, 1, key)
        put(sheet, row, 2, values.get(key))
        if key in _TEXT:
            sheet.cell(row=row, column=2).number_format = "@"  # a phone number keeps its leading 0
        in_thai, in_english = description(key)
        put(sheet, row, 3, in_thai or None)
        put(sheet, row, 4, in_english or None)
    bold = Font(bold=True)
    for table in TABLES:
        row += 2
        put(sheet, row, 1, table)
        put(sheet, row, 2, bilingual(_TABLE_TITLES[table]))
        put(sheet, row, 3, thai(_TABLE_NOTE))
        put(sheet, row, 4, english(_TABLE_NOTE))
        sheet.cell(row=row, column=1).font = sheet.cell(row=row, column=2).font = bold
        row += 1
        columns = _TABLE_COLUMNS[table]
        for column, (_, msgid) in enumerate(columns, start=1):
            put(sheet, row, column, bilingual(msgid))
            sheet.cell(row=row, column=column).font = bold
        items = (organization or {}).get(table) or []
        for item in [*items, *([{}] * BLANK_ROWS)]:
            row += 1
            for column, (name, _) in enumerate(columns, start=1):
                put(sheet, row, column, item.get(name))
                sheet.cell(row=row, column=column).number_format = "@"
    return rows


# --- reading ---------------------------------------------------------------------------------------


def _text(key: str, value: Any) -> Any:
    """A number typed in a text field is its text: a code 5110101, a phone number."""
    if key in _TEXT and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _nest(target: dict[str, Any], parts: list[str], value: Any) -> bool:
    """Put `value` at the dotted path `parts`; False when a single value is already there."""
    for part in parts[:-1]:
        inner = target.setdefault(part, {})
        if not isinstance(inner, dict):
            return False
        target = inner
    if parts[-1] in target:
        return False
    target[parts[-1]] = value
    return True


_DOTTED = re.compile(r"[^.\s]+(\.[^.\s]+)*")


def read(reader: SheetReader, sheet: str, rows: list[list[Any]]) -> dict[str, Any] | None:
    """The `organization` mapping of the sheet, or None when nothing is filled in."""
    cells = reader.positions.cells
    found: dict[str, Any] = {}
    table: str | None = None
    headers = header_texts()
    seen_header = False
    for row in range(1, len(rows)):
        first = reader.value(sheet, rows, row, 0)
        key = str(first).strip() if first is not None else ""
        if key in TABLES:
            table, seen_header = key, False
            cells.setdefault(("organization", key), (sheet, cell_name(row, 0)))
            continue
        if table is None:
            if key:
                _field(reader, sheet, rows, row, key, found)
            continue
        columns = _TABLE_COLUMNS[table]
        values = [reader.value(sheet, rows, row, column) for column in range(len(columns))]
        if all(value is None for value in values):
            continue
        if not seen_header and any(_is_header(value, headers) for value in values):
            seen_header = True  # the table's column names
            continue
        items = found.setdefault(table, [])
        index = len(items)
        item = {
            name: value if isinstance(value, str) else str(value)
            for (name, _), value in zip(columns, values, strict=True)
            if value is not None
        }
        items.append(item)
        path = ("organization", table, index)
        cells[path] = (sheet, cell_name(row, 0))
        for column, (name, _) in enumerate(columns):
            cells[(*path, name)] = (sheet, cell_name(row, column))
    if not found:
        return None
    cells.setdefault(("organization",), (sheet, "A1"))
    return found


def _is_header(value: Any, headers: set[str]) -> bool:
    """Whether a cell names a column of the tables: 'Name / ชื่อ', 'Why'."""
    if not isinstance(value, str):
        return False
    return any(" ".join(part.split()).lower() in headers for part in re.split(r"[/|]", value))


def _field(reader: SheetReader, sheet: str, rows: list[list[Any]], row: int, key: str, found: dict[str, Any]) -> None:
    value = reader.value(sheet, rows, row, 1)
    if value is None:
        return
    if not _DOTTED.fullmatch(key):
        reader.issue(
            "key-unknown",
            tr("unknown field '{key}'", key=visible(key)),
            sheet,
            cell_name(row, 0),
            tr("the fields are: {fields}", fields=", ".join(KEYS)),
        )
        return
    parts = key.split(".")
    if not _nest(found, parts, _text(key, value)):
        reader.issue(
            "key-duplicate",
            tr("'{key}' is given twice", key=visible(key)),
            sheet,
            cell_name(row, 0),
            tr("keep one of them"),
        )
        return
    cells = reader.positions.cells
    for depth in range(1, len(parts) + 1):
        cells.setdefault(("organization", *parts[:depth]), (sheet, cell_name(row, 1)))
