"""Excel inventories (docs/excel-format.md) read into the same document as a YAML file.

Cell values come from python-calamine, which reads a 100,000-row sheet many times faster than
openpyxl; formulas count by their cached values, macros are never run. Every value keeps its
sheet and cell, so problems are reported as `town.xlsx[Activities]!C17`.
"""

from __future__ import annotations

import functools
import math
import operator
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Sequence
from typing import Any, cast

from ghgcalc.errors import Issue, Location, Severity, printable, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.io import excel_organization
from ghgcalc.io.excel_cells import ExcelPositions, SheetReader, cell_name, cell_position, plain, row_numbers
from ghgcalc.io.excel_field_merges import merged_fields
from ghgcalc.io.excel_keys import key_of
from ghgcalc.io.excel_month_columns import MonthColumn, place_months
from ghgcalc.io.excel_months import NotAMonth, month_header
from ghgcalc.io.excel_quality import COLUMNS as QUALITY_COLUMNS
from ghgcalc.io.excel_quality import RANGES, line_fields, percent_cells_in, read_range
from ghgcalc.io.excel_row_slips import (
    HEADING,
    SUBTOTAL_WORDS,
    bare_amount,
    empty_first_months,
    has_amounts,
    header_again,
    header_units,
    hidden_sheet,
    merged_rows,
    percent_amounts,
    reads_like_total,
    same_unit,
    subtotal_check,
    tick_columns,
    units_row,
)
from ghgcalc.io.excel_xml import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEET_TEXT,
    SheetXml,
    check_zip,
    column_letter,
    features,
    foreign_workbook_at,
    measured,
)
from ghgcalc.io.files import is_regular, kind_of
from ghgcalc.io.summary_file import is_report, is_summary
from ghgcalc.models.period import Period, parse_period
from ghgcalc.numbers import number_text, read_number
from ghgcalc.thai import canonical_name, show_date, thai_to_arabic_digits

SHEETS = {
    "inventory": ("inventory", "ข้อมูลทั่วไป"),
    "organization": excel_organization.NAMES,
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
    "division": ("division", "หน่วยงานที่รับผิดชอบ", "หน่วยงาน", "responsible division"),
    **QUALITY_COLUMNS,  # data_quality.source, ..., evidence, uncertainty.activity, uncertainty.factor
}
# Every header text of the Activities columns, which a header's unit part is not (Total / รวม).
_COLUMN_NAMES = {name for spelled in ACTIVITY_COLUMNS.values() for name in spelled}
CUSTOM_COLUMNS = {
    "key": ("key",),
    "per": ("per", "ต่อหน่วย"),
    "gas": ("gas", "ก๊าซ"),
    "kg": ("kg",),
    "source": ("source", "แหล่งที่มา", "ที่มา"),
    "name": ("name", "ชื่อ"),
    "scope": ("scope", "ประเภท"),
    "category": ("category", "หมวด"),
    "ncv": ("ncv",),
    "density": ("density", "ความหนาแน่น"),
    "gwp_basis": ("gwp basis", "gwp_basis"),
    "valid_from": ("valid from", "valid_from"),
    "valid_to": ("valid to", "valid_to"),
    "uncertainty": ("uncertainty", "ความไม่แน่นอน"),
}
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
    "indicators_population",
    "indicators_staff",
    "indicators_gpp_million_thb",
    "indicators_area_km2",
    "language",
)


def _normalise_header(text: Any) -> tuple[str, ...]:
    """A header cell's names, lower case, each part between slashes and brackets on its own."""
    if text is None:
        return ()
    return _header_parts(str(text))


@functools.lru_cache(maxsize=4096)  # a folder of workbooks repeats the template's headers
def _header_parts(text: str) -> tuple[str, ...]:
    raw = thai_to_arabic_digits(text).lower()
    # "Activity uncertainty (%)", "Activity  uncertainty ±%" and "Activity uncertainty" are one name
    parts = (" ".join(part.split()).rstrip(" %±+-") for part in re.split(r"[/|()]", raw))
    return tuple(part for part in parts if part)


# Words of a header that say its column holds money, not an amount of the activity.
_MONEY = frozenset({"บาท", "thb", "baht", "฿"})


def _is_money(parts: Sequence[str]) -> bool:
    return any(word in _MONEY or "฿" in word for part in parts for word in part.split())


def _match(parts: Sequence[str], names: tuple[str, ...]) -> bool:
    return any(part in names for part in parts)


RESAVE = N_("open and save it again in a spreadsheet program")
CANNOT_READ = N_("the workbook cannot be read: {reason}")


def calamine_reason(exc: Exception) -> str:
    """Why python-calamine could not read a workbook, in words: its own message for damaged XML is
    a fragment of the XML (`t`), and says nothing to the person who saved the file."""
    from python_calamine import PasswordError, XmlError  # imported already: calamine raised exc

    if isinstance(exc, XmlError):
        return tr("the XML of a sheet is damaged or cut short ({detail})", detail=str(exc))
    if isinstance(exc, PasswordError):
        return tr("it is protected by a password")
    return str(exc)


TEMPLATE_HINT = N_("start from a template: ghgcalc init inventory.xlsx")


def read_workbook(path: str, source: str) -> tuple[dict[str, Any] | None, ExcelPositions, list[Issue]]:
    """The inventory document of a workbook, where each value is, and the problems found.

    Nothing is opened before the path is known to be a regular file, the zip to be within its
    limits and every sheet's used range to be within MAX_CELLS. OSError propagates.
    """
    reader = SheetReader(source)
    opened = _open_measured(path, reader)
    if opened is None:
        return None, reader.positions, reader.issues
    workbook, pending = opened
    from python_calamine import CalamineError

    roles = _Roles.of(workbook)
    order = roles.reading_order()
    sizes = {sheet.name: sheet.cells for sheet, _ in pending}
    sheets = _SheetRows(workbook, order, reader.forget_unsure, _threaded(pending))
    try:
        if order:
            sheets.begun(max(order, key=lambda name: sizes.get(name, 0)))
        if _unreadable(reader, pending):  # read while calamine reads the largest sheet
            return None, reader.positions, reader.issues
        del pending
        return _read_sheets(reader, sheets, roles, path), reader.positions, reader.issues
    except CalamineError as exc:
        reader.issue("xlsx-invalid", tr(CANNOT_READ, reason=calamine_reason(exc)), hint=tr(RESAVE))
        return None, reader.positions, reader.issues
    finally:
        sheets.close()
        workbook.close()


def open_checked(path: str, reader: SheetReader) -> Any | None:
    """The workbook at `path` opened with python-calamine, once the path is known to be a regular
    file, the zip to be within its limits and every sheet's used range to be within MAX_CELLS (its
    XML read into `reader.xml`); None, with the problem among `reader.issues`, when it is not.
    OSError propagates (a missing or unreadable path). Every workbook reader starts here."""
    opened = _open_measured(path, reader)
    if opened is None:
        return None
    workbook, pending = opened
    if _unreadable(reader, pending):
        workbook.close()
        return None
    return workbook


def checked_sheet(
    path: str, reader: SheetReader, choose: Callable[[list[str]], str], lookalikes: bool = False
) -> tuple[str, Any] | None:
    """One sheet of the workbook at `path` (`choose` names it among the sheets), after the checks
    of open_checked, and its rows, read by calamine in a thread of its own while the XML is read for
    what calamine does not show (`reader.xml`); None, with the problem among `reader.issues`, when
    it cannot be read. calamine's own errors propagate (CalamineError), for the caller to word.
    With `lookalikes`, another sheet of activities is told as for an inventory workbook
    (sheet-ambiguous, sheet-ignored): its rows would not be counted."""
    opened = _open_measured(path, reader)
    if opened is None:
        return None
    workbook, pending = opened
    name = choose(workbook.sheet_names)
    hidden = _Roles.of(workbook).hidden
    if name in hidden:  # read and counted, though whoever opens the workbook does not see it
        hidden_sheet(reader, name, hidden[name])
    others = [other for other in workbook.sheet_names if other != name] if lookalikes else []
    sheets = _SheetRows(workbook, [name, *others], threaded=_threaded(pending))
    try:
        sheets.begun(name)
        if _unreadable(reader, pending):
            return None
        del pending
        rows = sheets.rows(name)
        found = [(other, sheets.rows(other)) for other in others]
        _lookalikes(reader, name, [(other, cells) for other, cells in found if _activity_rows(cells)])
        return name, rows
    finally:
        sheets.close()
        workbook.close()


def _threaded(measured: list[tuple[SheetXml, bytes]]) -> bool:
    """Whether a workbook of these measured sheets is read by calamine in a thread of its own."""
    return max((sheet.cells for sheet, _ in measured), default=0) > THREADED_CELLS


_SCAN_ERRORS = (KeyError, zipfile.BadZipFile, zlib.error, ValueError, EOFError, NotImplementedError)


def _open_measured(path: str, reader: SheetReader) -> tuple[Any, list[tuple[SheetXml, bytes]]] | None:
    """open_checked's workbook once every used range is measured, and each sheet's XML, whose
    error cells and hidden rows (excel_xml.features) are still to be read, by `_unreadable`.

    The problem reported is the one a whole scan (excel_xml.scan: each sheet measured, then its
    XML read) before calamine meets first: so where this stops, the XML of the sheets measured
    so far is read first."""
    os.stat(path)
    if not is_regular(path):
        reader.issue(
            "file-not-regular",
            tr("the path is {kind}, not a workbook file", kind=tr(kind_of(path))),
            hint=tr("give the path of the .xlsx file itself"),
        )
        return None
    foreign = foreign_workbook_at(path)  # a password, an .xls or an .ods under the name .xlsx
    if foreign is not None:
        reader.issue("xlsx-refused", foreign[0], hint=foreign[1])
        return None
    refusal = check_zip(path)
    if refusal:
        reader.issue("xlsx-refused", refusal, hint=tr("give an .xlsx workbook saved by a spreadsheet program"))
        return None
    pending: list[tuple[SheetXml, bytes]] = []
    try:
        for found in measured(path):
            pending.append(found)
    except _SCAN_ERRORS as exc:
        if not _unreadable(reader, pending):
            reader.issue("xlsx-invalid", tr(CANNOT_READ, reason=exc), hint=tr(RESAVE))
        return None
    sheets = [sheet for sheet, _ in pending]
    if _oversized(sheets):
        if not _unreadable(reader, pending):
            _too_large(reader, sheets)
        return None
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(path), pending
    except (CalamineError, OSError, KeyError, zipfile.BadZipFile) as exc:
        if not _unreadable(reader, pending):
            reader.issue("xlsx-invalid", tr(CANNOT_READ, reason=calamine_reason(exc)), hint=tr(RESAVE))
        return None


def _unreadable(reader: SheetReader, pending: list[tuple[SheetXml, bytes]]) -> bool:
    """Read the measured sheets' XML for what calamine does not show (into `reader.xml`); True,
    with the problem among `reader.issues`, when it cannot be read. Each XML is let go once read."""
    try:
        while pending:
            sheet, data = pending.pop(0)
            features(sheet, data)
            reader.xml[sheet.name] = sheet
    except _SCAN_ERRORS as exc:
        reader.issue("xlsx-invalid", tr(CANNOT_READ, reason=exc), hint=tr(RESAVE))
        return True
    return False


def _oversized(measured: list[SheetXml]) -> bool:
    return any(_too_big(sheet) or sheet.text > MAX_SHEET_TEXT for sheet in measured)


def _too_big(sheet: SheetXml) -> bool:
    return sheet.rows > MAX_ROWS or sheet.columns > MAX_COLUMNS or sheet.cells > MAX_CELLS


def _too_large(reader: SheetReader, measured: list[SheetXml]) -> bool:
    """Refuse a sheet whose range from A1 to its farthest cell is more than calamine should lay out."""
    for sheet in measured:
        if sheet.text > MAX_SHEET_TEXT and not _too_big(sheet):
            reader.issue(
                "sheet-too-large",
                tr(
                    "the sheet's cells show {count} characters of text (a long text repeated in many cells), "
                    "more than the {limit} ghgcalc reads from one sheet",
                    count=f"{sheet.text:,}",
                    limit=f"{MAX_SHEET_TEXT:,}",
                ),
                sheet.name,
                hint=tr("shorten the long texts, or clear the cells that repeat them"),
            )
            return True
        if not _too_big(sheet):
            continue
        if sheet.rows >= 10**9 or sheet.columns >= MAX_COLUMNS * 26:  # a reference too long to read as one
            reader.issue(
                "sheet-too-large",
                tr(
                    "the sheet has a cell past Excel's last row ({rows}) or last column (XFD): the file was "
                    "not saved by a spreadsheet program, or is damaged",
                    rows=f"{MAX_ROWS:,}",
                ),
                sheet.name,
                hint=tr("open and save it again in a spreadsheet program"),
            )
            return True
        farthest = f"{column_letter(min(sheet.columns, MAX_COLUMNS * 26) - 1)}{sheet.rows}"
        reader.issue(
            "sheet-too-large",
            tr(
                "the sheet's cells reach {cell}: {rows} rows x {columns} columns from A1, "
                "more than the {limit} cells ghgcalc reads from one sheet",
                cell=farthest,
                rows=f"{sheet.rows:,}",
                columns=f"{sheet.columns:,}",
                limit=f"{MAX_CELLS:,}",
            ),
            sheet.name,
            farthest if len(farthest) <= 12 else None,
            tr(
                "delete the stray cells far beyond your data (select the empty rows and columns after it, "
                "delete them and save), or split the data over several workbooks"
            ),
        )
        return True
    return False


def _sheet(workbook: Any, name: str) -> list[list[Any]]:
    # skip_empty_area=False: row 1 and column A stay in place, so every cell keeps its address
    return cast(list[list[Any]], workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))


class _Roles:
    """Which sheet of a workbook is which, by name; every other sheet is looked at as a possible
    activities sheet under another name. Only sheets of cells count: a chart sheet named
    'Activities' is not the activities."""

    def __init__(self, names: list[str], hidden: dict[str, bool] | None = None) -> None:
        self.hidden = hidden or {}  # sheet -> very hidden (True) or hidden (False); visible ones are absent
        sheets = {name.strip().lower(): name for name in names}
        for name in names:  # a name pasted with an invisible character ('Activities\u200b') is still its sheet
            sheets.setdefault(canonical_name(name).lower(), name)

        def find(kind: str) -> str | None:
            return next((sheets[n] for n in SHEETS[kind] if n in sheets), None)

        self.inventory, self.organization = find("inventory"), find("organization")
        self.custom, self.activities = find("custom_factors"), find("activities")
        known = (self.inventory, self.organization, self.custom, self.activities)
        self.others = [n for n in names if n not in known]

    @classmethod
    def of(cls, workbook: Any) -> _Roles:
        """The roles of a workbook's worksheets (python-calamine's metadata: type and visibility)."""
        metadata = getattr(workbook, "sheets_metadata", None)
        if metadata is None:
            return cls(list(workbook.sheet_names))

        def named(value: Any) -> str:
            return str(getattr(value, "name", value)).rpartition(".")[2]

        names = [m.name for m in metadata if named(m.typ) == "WorkSheet"]
        hidden = {m.name: named(m.visible) == "VeryHidden" for m in metadata if named(m.visible) != "Visible"}
        return cls(names, hidden)

    def reading_order(self) -> list[str]:
        """The sheets in the order _read_sheets reads them."""
        order = [self.inventory, self.organization, *self.others, self.activities, self.custom]
        return list(dict.fromkeys(name for name in order if name is not None))


# A workbook whose largest sheet has more cells than this is read by calamine in a thread of its
# own (_SheetRows): below it, the thread's start and its hand-overs cost more than the overlap saves
# (a municipality's workbook of a few hundred lines: about a tenth of its reading time).
THREADED_CELLS = 50_000


class _SheetRows:
    """A workbook's sheets as rows, read by python-calamine in the order they are asked for. With
    `threaded` (a large workbook), in a thread of its own: calamine lets other threads run while it
    reads (it parses outside Python's lock), so the reader meanwhile reads the XML for what calamine
    does not show, and the first sheets, while calamine reads the largest; only that thread calls
    the workbook until close(). Otherwise each sheet is read when it is first asked for."""

    def __init__(
        self,
        workbook: Any,
        names: list[str],
        prepare: Callable[[str, list[list[Any]]], None] | None = None,
        threaded: bool = True,
    ) -> None:
        import threading

        self._prepare = prepare  # called on a sheet's rows each time they are given
        self._workbook = workbook
        self._names = names
        self._found: dict[str, tuple[list[list[Any]] | None, BaseException | None]] = {}
        self._closed = False
        self._thread: threading.Thread | None = None
        if not threaded:
            return
        self._ready = {name: threading.Event() for name in names}
        self._begun = {name: threading.Event() for name in names}
        self._thread = threading.Thread(target=self._read, name="calamine", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for name in self._names:
            if self._closed:
                return
            self._begun[name].set()
            try:
                self._found[name] = (_sheet(self._workbook, name), None)
            except BaseException as exc:  # noqa: BLE001 - raised again where the sheet is asked for
                self._found[name] = (None, exc)
            self._ready[name].set()

    def begun(self, name: str) -> None:
        """Wait until calamine is reading the sheet `name`. Python's own long calls (a search of
        a sheet's XML) hold the lock calamine needs between sheets: work meant to be done while it
        reads the largest sheet starts once it does."""
        if self._thread is not None:
            self._begun[name].wait()

    def rows(self, name: str) -> list[list[Any]]:
        if self._thread is not None:
            self._ready[name].wait()
        elif name not in self._found:
            try:
                self._found[name] = (_sheet(self._workbook, name), None)
            except BaseException as exc:  # noqa: BLE001 - raised below, as from the thread
                self._found[name] = (None, exc)
        rows, error = self._found[name]
        if error is not None:
            raise error
        if self._prepare is not None:
            self._prepare(name, cast(list[list[Any]], rows))
        return cast(list[list[Any]], rows)

    def close(self) -> None:
        """Wait for the sheet being read (no more are read): the workbook may then be closed."""
        self._closed = True
        if self._thread is not None:
            self._thread.join()


def _ghgcalc_output(path: str) -> tuple[str, str, str] | None:
    """The code, message and hint of a workbook ghgcalc wrote that holds no inventory (a summary, a
    report), else None; in the language of the run."""
    if is_summary(path):
        return (
            "document-is-summary",
            tr("this workbook is a summary ghgcalc wrote (ghgcalc summary), not an inventory"),
            tr("compute the inventories it summarises; write summaries outside the folder of inventories"),
        )
    if is_report(path):
        return (
            "document-is-report",
            tr("this workbook is a report ghgcalc wrote (its forms or tables), not an inventory"),
            tr("compute the inventory it was written from; keep reports outside the folder of inventories"),
        )
    return None


def _tgo_workbook(path: str, names: list[str]) -> tuple[str, str, str] | None:
    """The code, message and hint of one of TGO's workbooks that `ghgcalc import` reads (form 1.5(1):
    year sheets 'สรุปการคำนวณ ปี 2568'; the CFO V-Sheet: sheets Fr-01 and Fr-04.1), else None: a
    folder of a province's files holds them beside ghgcalc's own workbooks."""
    from ghgcalc.io.tgo_form import squeeze

    squeezed = {squeeze(name) for name in names}
    if {"fr-01", "fr-04.1"} <= squeezed:
        form = tr("TGO's CFO V-Sheet")
    elif any(name.startswith("สรุปการคำนวณ") for name in squeezed):
        form = tr("TGO's calculation form 1.5(1)")
    else:
        return None
    return (
        "document-is-tgo-form",
        tr("this workbook is {form}, not a ghgcalc inventory: it is not computed", form=form),
        tr(
            "make ghgcalc inventories of it, one per year, and compute those: ghgcalc import {path} -o imported/",
            path=printable(path),
        ),
    )


def _read_sheets(reader: SheetReader, sheets: _SheetRows, roles: _Roles, path: str) -> dict[str, Any]:
    document: dict[str, Any] = {}
    inventory_sheet = roles.inventory
    for name in (inventory_sheet, roles.organization, roles.activities, roles.custom):
        if name is not None and name in roles.hidden:
            hidden_sheet(reader, name, roles.hidden[name])
    written = _ghgcalc_output(path) if inventory_sheet is None and roles.activities is None else None
    if inventory_sheet is None and roles.activities is None and written is None:
        written = _tgo_workbook(path, roles.others)  # TGO's own form, for `ghgcalc import`
    if written is not None:  # a summary or a report of ours, or TGO's form, given as an inventory
        code, message, hint = written
        reader.issue(code, message, hint=hint)
        reader.positions.no_inventory = True
        return document
    if inventory_sheet is None:
        named = next((name for name in roles.others if _inventory_keys(sheets.rows(name))), None)
        hint = tr(TEMPLATE_HINT)
        if named is not None:
            hint = tr(
                "the sheet '{sheet}' looks like the inventory's fields: name it 'Inventory'", sheet=visible(named)
            )
        reader.issue("sheet-missing", tr("the workbook has no 'Inventory' sheet"), hint=hint)
        reader.positions.no_inventory = True
    else:
        merged_fields(reader, inventory_sheet, sheets.rows(inventory_sheet))
        _read_inventory(reader, inventory_sheet, sheets.rows(inventory_sheet), document)
        for name in roles.others:
            if _inventory_keys(sheets.rows(name)):  # a copy (Inventory (2)) whose values would be lost unseen
                reader.issue(
                    "sheet-ignored",
                    tr(
                        "the sheet '{sheet}' has the inventory's fields but is not read: only '{chosen}' is",
                        sheet=visible(name),
                        chosen=visible(inventory_sheet),
                    ),
                    name,
                    "A1",
                    tr(
                        "copy the values that are meant into '{chosen}', or delete the sheet",
                        chosen=visible(inventory_sheet),
                    ),
                    Severity.WARNING,
                )
    organization_sheet = roles.organization
    if organization_sheet is not None:
        rows = sheets.rows(organization_sheet)
        tables = [n for n, row in enumerate(rows) if row and str(row[0]).strip() in excel_organization.TABLES]
        merged_fields(reader, organization_sheet, rows, tables[0] if tables else None)  # the fields above the tables
        organization = excel_organization.read(reader, organization_sheet, rows)
        if organization is not None:
            document["organization"] = organization
    custom_sheet = roles.custom
    activities_sheet = roles.activities
    lookalikes = [(name, sheets.rows(name)) for name in roles.others]
    lookalikes = [(name, rows) for name, rows in lookalikes if _activity_rows(rows)]
    if activities_sheet is None:
        hint = tr(TEMPLATE_HINT)
        if lookalikes:
            hint = tr(
                "the sheet '{sheet}' looks like activities: name it 'Activities'", sheet=visible(lookalikes[0][0])
            )
        reader.issue("sheet-missing", tr("the workbook has no 'Activities' sheet"), hint=hint)
    else:
        rows = sheets.rows(activities_sheet)
        period = _period(document.get("period"))
        document["activities"] = _read_activities(reader, activities_sheet, rows, period, path)
        _hidden(reader, activities_sheet, rows)
        _lookalikes(reader, activities_sheet, lookalikes)
    if custom_sheet is not None:
        custom = _read_custom(reader, custom_sheet, sheets.rows(custom_sheet), path)
        if custom:
            document["custom_factors"] = custom
    return document


def _inventory_keys(rows: list[list[Any]]) -> bool:
    """Whether a sheet looks like the Inventory sheet: column A names at least two of its fields
    (ghgcalc, name, period...) in its first rows."""
    keys = {str(row[0]).strip() for row in rows[:40] if row and type(row[0]) is str}
    return len(keys & set(INVENTORY_KEYS)) >= 2


def _period(value: Any) -> Period | None:
    try:
        return parse_period(value) if value is not None else None
    except (ValueError, TypeError):
        return None  # reported by the inventory's validation


def _activity_rows(rows: list[list[Any]]) -> bool:
    """Whether a sheet looks like activities: a header with activity, unit and amount or month
    columns, and a row below it with an activity."""
    header = _header_row(rows, ACTIVITY_COLUMNS["activity"])
    if header is None:
        return False
    found: set[str] = set()
    activity = None
    for column, cell in enumerate(rows[header]):
        parts = _normalise_header(cell)
        for name in ("activity", "unit", "total"):
            if _match(parts, ACTIVITY_COLUMNS[name]):
                found.add(name)
                activity = column if name == "activity" and activity is None else activity
        if _is_month(cell):
            found.add("total")
    if found != {"activity", "unit", "total"} or activity is None:
        return False
    return any(
        activity < len(row)
        and plain(row[activity]) is not None
        and str(row[activity]).strip().lower() not in SUBTOTAL_WORDS
        for row in rows[header + 1 :]
    )


def _is_month(cell: Any) -> bool:
    try:
        return month_header(cell) is not None
    except NotAMonth:
        return False


def _lookalikes(reader: SheetReader, used: str, lookalikes: list[tuple[str, list[list[Any]]]]) -> None:
    """Another sheet with activities is either a second 'Activities' (an error: which is meant?)
    or a sheet ghgcalc does not read (a warning, so that its rows are not lost unseen)."""
    for name, _rows in lookalikes:
        shown, chosen = visible(name), visible(used)
        if name.strip().lower() in SHEETS["activities"]:
            reader.issue(
                "sheet-ambiguous",
                tr(
                    "the workbook has two activity sheets, '{chosen}' and '{other}'; only one can be read",
                    chosen=chosen,
                    other=shown,
                ),
                name,
                "A1",
                tr(
                    "put every activity on one sheet, and delete the other or rename it if it is not part "
                    "of the inventory"
                ),
            )
        else:
            reader.issue(
                "sheet-ignored",
                tr(
                    "the sheet '{sheet}' has activities but is not read: only '{chosen}' is", sheet=shown, chosen=chosen
                ),
                name,
                "A1",
                tr(
                    "move its rows into '{chosen}' if they belong to this inventory, or delete the sheet", chosen=chosen
                ),
                Severity.WARNING,
            )


def _read_inventory(reader: SheetReader, sheet: str, rows: list[list[Any]], document: dict[str, Any]) -> None:
    fields: dict[str, tuple[Any, str]] = {}
    for row in range(1, len(rows)):
        key = reader.value(sheet, rows, row, 0)
        if key is None:
            continue
        key = str(key).strip()
        if key not in INVENTORY_KEYS:
            reader.issue(
                "key-unknown",
                tr("unknown field '{key}'", key=visible(key)),
                sheet,
                cell_name(row, 0),
                tr("the fields are: {fields}", fields=", ".join(INVENTORY_KEYS)),
            )
            continue
        value = reader.value(sheet, rows, row, 1)
        if key in fields and (value is not None or fields[key][0] is not None):
            reader.issue(
                "key-duplicate",
                tr(
                    "'{key}' is given twice, in {first} and {second}: only one can be read",
                    key=key,
                    first=fields[key][1],
                    second=cell_name(row, 1),
                ),
                sheet,
                cell_name(row, 0),
                tr("keep one of the two rows and delete the other"),
            )
            if fields[key][0] is not None:
                continue
        fields[key] = (value, cell_name(row, 1))
    _hidden_fields(reader, sheet, fields)
    _period_conflict(reader, sheet, fields)
    positions = reader.positions.cells
    for key in ("ghgcalc", "name", "kind", "period", "gwp", "language"):
        if key in fields and fields[key][0] is not None:
            document[key] = fields[key][0]
            positions[(key,)] = (sheet, fields[key][1])
    start, start_cell = fields.get("period_start", (None, ""))
    end, end_cell = fields.get("period_end", (None, ""))
    if "period" not in document and (start is not None or end is not None):  # else: no period at all
        document["period"] = {"start": start, "end": end}
        positions[("period",)] = (sheet, start_cell or end_cell)
        positions[("period", "start")] = (sheet, start_cell)
        positions[("period", "end")] = (sheet, end_cell)
    if "factors" in fields and fields["factors"][0] is not None:
        document["factors"] = [part.strip() for part in str(fields["factors"][0]).split(",") if part.strip()]
        positions[("factors",)] = (sheet, fields["factors"][1])
        for index in range(len(document["factors"])):
            positions[("factors", index)] = (sheet, fields["factors"][1])
    indicators = {
        key.removeprefix("indicators_"): found for key, found in fields.items() if key.startswith("indicators_")
    }
    if any(value is not None for value, _cell in indicators.values()):
        document["indicators"] = {name: value for name, (value, _) in indicators.items() if value is not None}
        for name, (_, cell) in indicators.items():
            positions[("indicators", name)] = (sheet, cell)
        positions[("indicators",)] = (sheet, next(iter(indicators.values()))[1])
    output = {name: fields[f"output_{name}"] for name in ("amount", "unit", "name") if f"output_{name}" in fields}
    if any(value is not None for value, _cell_ref in output.values()):
        document["output"] = {name: value for name, (value, _) in output.items() if value is not None}
        for name, (_, cell) in output.items():
            positions[("output", name)] = (sheet, cell)
        positions[("output",)] = (sheet, next(iter(output.values()))[1])


def _hidden_fields(reader: SheetReader, sheet: str, fields: dict[str, tuple[Any, str]]) -> None:
    """Hidden rows of the Inventory sheet are read like the others (a `gwp` or `period` row hidden
    changes every line): say so, naming them, as on the Activities sheet."""
    xml = reader.xml.get(sheet)
    if xml is None or not xml.hidden_rows:
        return
    hidden = sorted(
        (cell_position(cell)[0], key)
        for key, (value, cell) in fields.items()
        if value is not None and cell_position(cell)[0] + 1 in xml.hidden_rows
    )
    if hidden:
        reader.issue(
            "row-hidden",
            tr(
                "{count} hidden row(s) hold fields that are read (rows {rows}: {fields})",
                count=len(hidden),
                rows=row_numbers([row for row, _ in hidden]),
                fields=", ".join(key for _, key in hidden),
            ),
            sheet,
            cell_name(hidden[0][0], 0),
            tr("unhide the rows to check them; delete the fields that do not belong"),
            Severity.WARNING,
        )


def _period_conflict(reader: SheetReader, sheet: str, fields: dict[str, tuple[Any, str]]) -> None:
    """The period and period_start/period_end both filled must name the same days: the template
    comes with its period filled in, and an officer who types the dates below it would otherwise
    get the period's year (and its factor edition) without a word."""
    from ghgcalc.models.period import parse_date

    period, period_cell = fields.get("period", (None, ""))
    given = {key: fields[key] for key in ("period_start", "period_end") if key in fields and fields[key][0] is not None}
    if period is None or not given:
        return
    try:
        days = parse_period(period)
    except (ValueError, TypeError):
        return  # the period's own error is reported by the inventory's validation
    for key, (value, _cell) in given.items():
        try:
            day = parse_date(value, key)
        except (ValueError, TypeError):
            day = None
        if day != (days.start if key == "period_start" else days.end):
            break
    else:
        return
    cells = ", ".join(cell for _, cell in given.values())
    shown = tr("{start} to {end}", start=show_date(days.start, days.buddhist), end=show_date(days.end, days.buddhist))
    reader.issue(
        "period-conflict",
        tr(
            "the period {period} ({dates}) and the days in {cells} disagree: which one is meant cannot be known",
            period=visible(str(period)),
            dates=shown,
            cells=cells,
        ),
        sheet,
        period_cell,
        tr(
            "clear the period cell {cell} to use the first and last days, or clear {cells} to use the period",
            cell=period_cell,
            cells=cells,
        ),
    )


def _is_data(header: list[Any], second: list[Any]) -> bool:
    """Whether the row under the header is a line rather than a second header row: it has text in
    the activity column that is not a month, and a number (a month header is text or a date).
    A label `ค่าไฟ (ม.ค.)` or a date in an evidence cell of the first line does not make it a header."""
    names = ACTIVITY_COLUMNS["activity"]
    column = next((c for c, cell in enumerate(header) if _match(_normalise_header(cell), names)), None)
    if column is None or column >= len(second):
        return False
    activity = plain(second[column])
    if type(activity) is not str or _is_month(activity):
        return False
    return any(type(cell) in (int, float) for cell in second)


def _header_row(rows: list[list[Any]], names: tuple[str, ...]) -> int | None:
    for row in range(min(5, len(rows))):
        if any(_match(_normalise_header(cell), names) for cell in rows[row]):
            return row
    return None


def scope_of_cell(value: Any) -> Any:
    """A scope cell as the number it shows: a cell formatted as text holds "1" (or Thai "๑"), which
    is scope 1, as the text "12,500" is an amount. Anything else is kept, to be reported as it is."""
    if isinstance(value, str):
        digit = thai_to_arabic_digits(value.strip())
        if digit in ("1", "2", "3"):
            return int(digit)
    return value


# The fields of an activity row read as they are, in this order (the scope as a number, the others as text).
_TEXT_FIELDS = ("scope", "category", "label", "unit", "id", "ncv", "density", "gpc", "ipcc", "division")
_EXACT = 2**53  # whole floats below this are read as int (plain)


def _read_activities(
    reader: SheetReader, sheet: str, rows: list[list[Any]], period: Period | None = None, path: str | None = None
) -> list[dict[str, Any]]:
    positions = reader.positions
    positions.sheet = sheet
    header = _header_row(rows, ACTIVITY_COLUMNS["activity"])
    if header is None:
        reader.issue(
            "header-missing",
            tr("no header row with an 'Activity' column in the first five rows"),
            sheet,
            "A1",
            tr("the first row names the columns: Activity, Scope, Unit, Jan ... Dec, Total"),
        )
        return []
    # A header may span two rows (merged cells above the month names): read both.
    width = max((len(r) for r in rows[header : header + 2]), default=0)
    second = rows[header + 1] if header + 1 < len(rows) else []
    two_rows = any(_is_month(cell) for cell in second) and not _is_data(rows[header], second)
    first_data = header + (2 if two_rows else 1)
    months = _columns(reader, sheet, rows, header, two_rows, width)
    positions.month_columns = place_months(reader, sheet, rows, months, period, first_data)
    columns = positions.activity_columns
    quality = [name for name in QUALITY_COLUMNS if name in columns]
    ranges = [name for name in RANGES if name in columns]
    amount_columns = {*positions.month_columns, *([columns["total"]] if "total" in columns else [])}
    xml = reader.xml.get(sheet)
    if xml is not None and xml.merged:
        read_columns = {*columns.values(), *amount_columns}
        merged_rows(reader, sheet, rows, xml.merged, first_data, amount_columns, columns["activity"], read_columns)
    percent_at = percent_cells_in(reader, sheet, rows, {columns[n] for n in ranges} | amount_columns, first_data, path)
    # {column: the unit its header names}
    header_named = header_units(rows, header, two_rows, amount_columns, _COLUMN_NAMES)
    agrees: dict[str, list[tuple[int, str]]] = {}  # a row's unit -> the header units it is not
    percent_rows: dict[int, list[int]] = {}  # the amount cells shown as percentages, by row
    for at_row, at_column in sorted(percent_at or ()):
        if at_column in amount_columns:
            percent_rows.setdefault(at_row, []).append(at_column)
    activities: list[dict[str, Any]] = []
    empty: list[int] = []
    special = reader.special(sheet)
    month_columns = positions.month_columns
    names = list(columns)
    wanted = [*columns.values(), *month_columns]  # the cells of a row that are read, in this order
    pick = operator.itemgetter(*wanted) if len(wanted) > 1 else None
    last = max(wanted, default=0)
    texts = [name for name in _TEXT_FIELDS if name in columns]
    keys: dict[str, str] = {}  # an activity cell's text -> its key ("" for a subtotal's label)
    totals: dict[str, tuple[int, float]] = {}  # by activity: the rows read so far and their amounts' sum
    since = grand = 0.0  # the amounts of the rows read since the last total row, and of all of them
    repeated: set[int] = set()  # the second row of a two-row header repeated as it is
    first_read = len(positions.activity_rows)
    for row in range(first_data, len(rows)):
        if row in repeated:
            continue
        reported = len(reader.issues)
        if special:
            values = {name: reader.value(sheet, rows, row, column) for name, column in columns.items()}
            months_read = [reader.value(sheet, rows, row, column) for column in month_columns]
        elif pick is not None and len(rows[row]) > last:  # the common case, kept cheap: 100,000 rows
            read = [
                (cell.strip() or None)
                if type(cell) is str
                else (int(cell) if cell.is_integer() and -_EXACT < cell < _EXACT else cell)
                if type(cell) is float
                else plain(cell)  # as plain() reads text and floats, without a call per cell
                for cell in pick(rows[row])
            ]
            values = dict(zip(names, read, strict=False))
            months_read = read[len(names) :]
        else:
            cells = rows[row]
            values = {name: plain(cells[column]) if column < len(cells) else None for name, column in columns.items()}
            months_read = [plain(cells[c]) if c < len(cells) else None for c in month_columns]
        key = values.get("activity")
        if key is not None:
            text = str(key)
            activity = keys.get(text)
            if activity is None:
                # "electricity-grid — ไฟฟ้า..." from the list is its key
                adds_up = text.strip().lower() in SUBTOTAL_WORDS or reads_like_total(text)
                activity = keys[text] = "" if adds_up else key_of(text)
                if activity and _match(_normalise_header(text), ACTIVITY_COLUMNS["activity"]):
                    activity = keys[text] = HEADING
            if activity == HEADING:  # a header row again: a second table, or a printout's page header
                del reader.issues[reported:]
                repeated.update(header_again(reader, sheet, rows, header, two_rows, row, columns["activity"]))
                continue
            if not activity:
                del reader.issues[reported:]  # a labelled subtotal row is not read: nor are its cells
                since = 0.0  # the next subtotal adds up the rows after it
                continue
        if key is None and len(reader.issues) == reported and has_amounts(values, months_read):
            # a row labelled as a total (in any of its cells), or one of bare numbers that add up the
            # rows above it, is a total row, which is rightly not read; any other row lost its activity
            if any(reads_like_total(value) for value in values.values()):
                since = 0.0  # the next subtotal adds up the rows after it
                continue
            if units_row(values, months_read):
                continue  # "(kWh)" under each month: the layout's own row, not a line
            described = values.get("label") is not None or values.get("unit") is not None
            amount = None if described else bare_amount(values.get("total"), months_read)
            if amount is not None and any(math.isclose(amount, s, rel_tol=1e-6) for s in (since, grand)):
                since = 0.0  # a subtotal: the next one adds up the rows after it
                continue
            reader.issue(
                "activity-missing",
                tr("this row has amounts but no activity: it is not read, and its emissions are not counted"),
                sheet,
                cell_name(row, columns["activity"]),
                tr("choose the activity from the list in this cell, or delete the row")
                if described
                else tr(
                    "choose the activity from the list in this cell; if the row is a total of the rows above, "
                    "write รวม (Total) in this cell"
                ),
                Severity.WARNING,
            )
            continue
        if percent_rows and row in percent_rows:
            percent_amounts(reader, sheet, rows, row, percent_rows[row])
        if len(reader.issues) > reported or key is None:
            continue  # an empty or subtotal row, or a cell with an error: reported, not read further
        item: dict[str, Any] = {"activity": activity}
        for name in texts:
            value = values[name]
            if value is not None:
                item[name] = scope_of_cell(value) if name == "scope" else str(value)
        if quality:
            percent = None if percent_at is None else {n for n in ranges if (row, columns[n]) in percent_at}
            fields, problems = line_fields({name: values.get(name) for name in quality}, percent)
            for name, code, message, hint in problems:
                reader.issue(code, message, sheet, cell_name(row, columns[name]), hint)
            item.update(fields)
        index = len(activities)
        while months_read and months_read[-1] is None:
            months_read.pop()
        if months_read and months_read[0] is None:
            empty_first_months(reader, sheet, row, month_columns, months_read)
        total = values.get("total")
        if months_read:
            item["amount"] = months_read if None not in months_read else [0 if m is None else m for m in months_read]
            positions.amount_column[index] = month_columns[0]
            if total is not None and not _sums_to(item["amount"], total):
                reader.issue(
                    "total-mismatch",
                    tr(
                        "the total {total} is not the sum of the months, {months}",
                        total=number_text(read_number(total)),
                        months=number_text(math.fsum(read_number(m) for m in item["amount"])),
                    ),
                    sheet,
                    cell_name(row, columns["total"]),
                    tr("correct the months or the total, or clear the total"),
                )
        elif total is not None:
            item["amount"] = total
        else:
            empty.append(row)  # a row not filled in yet, as in a fresh template
            continue
        if header_named:
            unit = str(item.get("unit", ""))
            given = set(header_named.values())
            if not unit and len(given) == 1:  # the header gives the unit the row leaves out
                unit = item["unit"] = next(iter(given))
            if unit not in agrees:
                agrees[unit] = [(column, named) for column, named in header_named.items() if not same_unit(unit, named)]
            if agrees[unit]:
                column, named = agrees[unit][0]
                reader.issue(
                    "unit-header",
                    tr(
                        "the row's unit is {unit}, but the column's header says {named}",
                        unit=visible(unit) or "''",
                        named=visible(named),
                    ),
                    sheet,
                    cell_name(row, column),
                    tr(
                        "write the amounts in {named} and the unit {named}, or take the unit out of the header",
                        named=visible(named),
                    ),
                )
                continue
        said = len(reader.issues)
        annual = subtotal_check(reader, sheet, row, columns, item, totals)
        if len(reader.issues) > said:  # read, but said to be a subtotal: the rows after it start again
            since = 0.0
        elif annual is not None:
            since += annual
            grand += annual
        positions.activity_rows.append(row)
        activities.append(item)
    read_rows = positions.activity_rows[first_read:]
    tick_columns(reader, sheet, rows, header, read_rows, {*columns.values(), *amount_columns})
    if empty:
        column = columns.get("total", month_columns[0] if month_columns else 0)
        listed = row_numbers(empty)
        reader.issues.append(
            Issue(
                "amount-empty",
                tr("{count} row(s) without an amount are skipped (rows {rows})", count=len(empty), rows=listed),
                Severity.WARNING,
                Location(reader.source, sheet=sheet, cell=cell_name(empty[0], column)),
                hint=tr("enter the monthly amounts or a total, or delete the rows"),
            )
        )
    return activities


def _columns(
    reader: SheetReader, sheet: str, rows: list[list[Any]], header: int, two_rows: bool, width: int
) -> list[MonthColumn]:
    """The month columns of the header, in column order; the other known columns into positions."""
    positions = reader.positions
    months: list[MonthColumn] = []
    for column in range(width):
        header_rows = [header, header + 1] if two_rows else [header]
        texts = [rows[r][column] if column < len(rows[r]) else None for r in header_rows]
        month: MonthColumn | None = None
        unread: tuple[int, str] | None = None
        for row, text in zip(header_rows, texts, strict=True):
            if text in ("", None):
                reader.value(sheet, rows, row, column)  # a header cell with an error is reported
                continue
            try:
                found = month_header(text)
            except NotAMonth as problem:
                unread = unread or (row, str(problem))
                continue
            if found is not None and month is None:
                month = MonthColumn(column, found, cell_name(row, column))
        if month is not None:
            months.append(month)
            continue
        parts = [p for text in texts for p in _normalise_header(text)]
        if _is_money(parts):
            continue  # a cost column, รวม (บาท) or Amount (THB), is not an amount of the activity
        known = next((n for n, names in ACTIVITY_COLUMNS.items() if _match(parts, names)), None)
        if known is not None and known in positions.activity_columns:
            first = positions.activity_columns[known]
            at = next((r for r, text in zip(header_rows, texts, strict=True) if text not in ("", None)), header)
            first_at = next(
                (r for r in header_rows if first < len(rows[r]) and rows[r][first] not in ("", None)), header
            )
            reader.issue(
                "column-duplicate",
                tr(
                    "two columns are headed as the {field}, {first} and {second}: only one can be read",
                    field=known,
                    first=cell_name(first_at, first),
                    second=cell_name(at, column),
                ),
                sheet,
                cell_name(at, column),
                tr(
                    "keep one {field} column; rename the other (a cost in baht: add (บาท) to its header), or delete it",
                    field=known,
                ),
            )
        elif known is not None:
            positions.activity_columns[known] = column
        elif unread is not None:
            shown = visible(str(texts[header_rows.index(unread[0])]))
            reader.issue(
                "month-header-invalid",
                tr("the header '{header}' cannot be read as a month: {problem}", header=shown, problem=unread[1]),
                sheet,
                cell_name(unread[0], column),
                tr(
                    "write the month as Oct, ต.ค., ต.ค. 2566, Oct 2023 or 10/2023 (a four-digit year), "
                    "or give the cell a date"
                ),
            )
    return months


def _hidden(reader: SheetReader, sheet: str, rows: list[list[Any]]) -> None:
    positions = reader.positions
    amount_columns = [
        *positions.month_columns,
        *([positions.activity_columns["total"]] if "total" in positions.activity_columns else []),
    ]
    first_column = positions.activity_columns.get("activity", 0)
    hidden_notes(reader, sheet, rows, positions.activity_rows, amount_columns, first_column)


def hidden_notes(
    reader: SheetReader,
    sheet: str,
    rows: list[list[Any]],
    data_rows: list[int],
    amount_columns: list[int],
    first_column: int,
) -> None:
    """Hidden rows and columns are read like the others; say so, naming them, when they carry amounts.
    `data_rows` and `amount_columns` are 0-based indices into `rows`, the sheet as calamine gives it."""
    xml = reader.xml.get(sheet)
    if xml is None or not (xml.hidden_rows or xml.hidden_columns):
        return
    hidden_rows = [r for r in data_rows if r + 1 in xml.hidden_rows]
    if hidden_rows:
        first = cell_name(hidden_rows[0], first_column)
        listed = row_numbers(hidden_rows)
        reader.issue(
            "row-hidden",
            tr(
                "{count} hidden row(s) carry amounts that are counted (rows {rows})",
                count=len(hidden_rows),
                rows=listed,
            ),
            sheet,
            first,
            tr("unhide the rows to check them (a filter hides rows too); delete the rows that do not belong"),
            Severity.WARNING,
        )
    for column in amount_columns:
        if column + 1 not in xml.hidden_columns:
            continue
        filled = [r for r in data_rows if column < len(rows[r]) and rows[r][column] not in ("", None)]
        if filled:
            reader.issue(
                "column-hidden",
                tr(
                    "column {column} is hidden but its amounts are counted ({count} row(s), first {cell})",
                    column=column_letter(column),
                    count=len(filled),
                    cell=cell_name(filled[0], column),
                ),
                sheet,
                cell_name(filled[0], column),
                tr("unhide the column to check it; delete it if its amounts do not belong"),
                Severity.WARNING,
            )


def _sums_to(months: list[Any], total: Any) -> bool:
    from ghgcalc.numbers import NumberError

    try:
        numbers = [read_number(m) for m in months]
        expected = read_number(total)
    except NumberError:
        return True  # the amounts themselves are reported as invalid
    return abs(sum(numbers) - expected) <= 1e-9 * max(1.0, abs(expected))


_FACTOR_FIELDS = tuple(name for name in CUSTOM_COLUMNS if name not in ("key", "gas", "kg"))


def _read_custom(
    reader: SheetReader, sheet: str, rows: list[list[Any]], path: str | None = None
) -> list[dict[str, Any]]:
    """One factor per key: rows that share a key give its gases and must agree on everything else."""
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
    ranges = {columns["uncertainty"]} if "uncertainty" in columns else set()
    percent_at = percent_cells_in(reader, sheet, rows, ranges, header + 1, path)
    for row in range(header + 1, len(rows)):
        values = {name: reader.value(sheet, rows, row, column) for name, column in columns.items()}
        key = values.get("key")
        if key is None:
            continue
        if values.get("uncertainty") is not None:  # a range, read as on the Activities sheet
            at = (row, columns["uncertainty"])
            shown = None if percent_at is None else at in percent_at
            values["uncertainty"], problem = read_range(values["uncertainty"], shown)
            if problem is not None:
                reader.issue(problem[0], problem[1], sheet, cell_name(*at), problem[2])
        key = str(key)
        if key not in by_key:
            by_key[key] = len(factors)
            factors.append({"key": key, "kg": {}})
            cells[("custom_factors", by_key[key])] = (sheet, cell_name(row, columns["key"]))
        index = by_key[key]
        factor = factors[index]
        for name in _FACTOR_FIELDS:
            value = values.get(name)
            if value is None:
                continue
            where = cells.get(("custom_factors", index, name))
            if name == "scope":
                value = scope_of_cell(value)
            if name not in factor:
                factor[name] = value
                cells[("custom_factors", index, name)] = (sheet, cell_name(row, columns[name]))
            elif str(factor[name]).strip() != str(value).strip() and where is not None:
                here = cell_name(row, columns[name])
                reader.issue(
                    "factor-conflict",
                    tr(
                        "custom factor '{key}' has {field} '{first}' in {first_cell} but '{second}' in {second_cell}",
                        key=visible(key),
                        field=name,
                        first=visible(str(factor[name])),
                        first_cell=where[1],
                        second=visible(str(value)),
                        second_cell=here,
                    ),
                    sheet,
                    here,
                    tr(
                        "rows with the same key make one factor: give {field} once (or the same in every row), "
                        "or give the other factor its own key",
                        field=name,
                    ),
                )
        gas, amount = values.get("gas"), values.get("kg")
        if gas is None:
            continue
        gas = str(gas)
        if gas in factor["kg"]:
            first = cells[("custom_factors", index, "kg", gas)][1]
            here = cell_name(row, columns.get("kg", columns.get("gas", 0)))
            reader.issue(
                "gas-duplicate",
                tr(
                    "custom factor '{key}' gives {gas} twice, in {first} and {second}",
                    key=visible(key),
                    gas=visible(gas),
                    first=first,
                    second=here,
                ),
                sheet,
                here,
                tr("keep one row for {gas}: the gas would count twice", gas=visible(gas)),
            )
            continue
        factor["kg"][gas] = amount
        cells[("custom_factors", index, "kg")] = (sheet, cell_name(row, columns.get("gas", 0)))
        cells[("custom_factors", index, "kg", gas)] = (sheet, cell_name(row, columns.get("kg", 0)))
    _hidden_factors(reader, sheet, rows, header, columns["key"])
    return factors


def _hidden_factors(reader: SheetReader, sheet: str, rows: list[list[Any]], header: int, key_column: int) -> None:
    """Hidden rows of the Custom factors sheet are read like the others (an old factor hidden, not
    deleted, still replaces the set's): say so, naming them, as on the Activities sheet."""
    xml = reader.xml.get(sheet)
    if xml is None or not xml.hidden_rows:
        return
    hidden = [
        row
        for row in range(header + 1, len(rows))
        if row + 1 in xml.hidden_rows and key_column < len(rows[row]) and rows[row][key_column] not in ("", None)
    ]
    if hidden:
        listed = row_numbers(hidden)
        reader.issue(
            "row-hidden",
            tr("{count} hidden row(s) hold custom factors that are used (rows {rows})", count=len(hidden), rows=listed),
            sheet,
            cell_name(hidden[0], key_column),
            tr("unhide the rows to check them; delete the factors that do not belong"),
            Severity.WARNING,
        )
