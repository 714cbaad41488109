"""What a workbook's XML says that python-calamine does not show, read before calamine opens it.

calamine gives error cells (`#DIV/0!`) as empty, cannot see hidden rows and columns, and lays every
sheet out as one dense range from A1 to its farthest cell: a 14 KB file with one cell at
XFD1048576 asks it for 17 billion cells and the process aborts. So, within the zip limits checked
first, each sheet's XML is scanned once for its used range (refused past MAX_CELLS), its error
cells, formulas saved without a result, and hidden rows and columns (docs/excel-format.md, Limits).
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import xml.parsers.expat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from ghgcalc.i18n import tr

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100
# Excel's own limits, and the most cells (rows x columns of the range from A1 to the farthest
# cell) a sheet may span: a 100,000-row x 20-column sheet is 2,000,000; calamine holds each cell
# in 32 bytes and Python in a list slot, so 10,000,000 cells stay under about 1 GB.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELLS = 10_000_000
# The most characters of shared text a sheet may show: calamine and Python hold a copy of a shared
# string in every cell that uses it, so one 32,767-character text in 100,000 cells of a 2 MB file
# is 3 GB. A 100,000-row sheet of labels of 100 characters is 10,000,000.
MAX_SHEET_TEXT = 100_000_000

_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\s([^>]*)>")
_REL_TAG = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)>")
# The standard form every spreadsheet program writes: <c r="B7" ...>, rows as <row r="7" ...>.
_CELL_COLUMN = re.compile(rb'<c r="([A-Za-z]+)')
_CELL_ROW = re.compile(rb'<c r="[A-Za-z]+(\d+)')
_ROW_REF = re.compile(rb'<row r="(\d+)"')
_ROW_DIGITS = 9  # longer row numbers are past any limit (and int() of 5,000 digits raises)
_PREFIXED_C = re.compile(rb":c[\s/>]")
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row\s([^>]*)>")
_COL_TAG = re.compile(rb"<(?:[\w.-]+:)?col\s([^>]*)>")
# a cell with content (not self-closing <c r="A1"/>): its attributes and body
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?)(?<!/)>(.*?)</(?:[\w.-]+:)?c>", re.S)
_ERROR_TYPE = re.compile(rb"""\bt\s*=\s*["']e["']""")
_ERROR_VALUE = re.compile(rb"""=\s*["']e["']""")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)</")
_TRUE = {"1", "true"}
_FULL_CALC = re.compile(rb"""<(?:[\w.-]+:)?calcPr\s[^>]*?\bfullCalcOnLoad\s*=\s*["'](?:1|true)["']""")
_MERGE = re.compile(
    rb"""<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})["']"""
)
_SHARED_END = re.compile(rb"</(?:[\w.-]+:)?si>")
# a shared-string cell's index: <c r="B2" t="s"><v>7</v></c>, its attributes in any order
_SHARED_INDEX = re.compile(rb"""<(?:[\w.-]+:)?c\s[^>]*?\bt\s*=\s*["']s["'][^>]*>\s*<(?:[\w.-]+:)?v>\s*(\d{1,9})\s*<""")


@dataclass
class SheetXml:
    """One sheet as its XML has it. Rows and columns are 1-based, as Excel numbers them."""

    name: str
    member: str
    rows: int = 0  # the used range runs from A1 to (rows, columns)
    columns: int = 0
    no_value: set[str] = field(default_factory=set)  # cells whose formula was saved without a result
    errors: dict[str, str] = field(default_factory=dict)  # cell -> "#DIV/0!"
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    text: int = 0  # the characters of shared text its cells show, at most (_shared_text)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (top, left, bottom, right), 1-based
    # the workbook asks to be recalculated when opened (calcPr fullCalcOnLoad): it was saved by a
    # program that does not calculate formulas (xlsxwriter, openpyxl, exceljs...), which saves 0
    recalc: bool = False
    unsure: dict[str, str] = field(default_factory=dict)  # cell -> the result 0 (or none) such a program saved

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_number(letters: bytes | str) -> int:
    """A -> 1, Z -> 26, AA -> 27 (1-based, as in the XML)."""
    number = 0
    for char in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        number = number * 26 + ord(char) - 64
    return number


_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: .xls, or an .xlsx under a password
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected .xlsx keeps its zip in
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"  # an .ods zip's first member, stored as it is


def foreign_workbook(data: bytes) -> tuple[str, str] | None:
    """What a spreadsheet file that is no .xlsx workbook is (`data`: its bytes, or their start for
    a zip), and how to make it one: a workbook under a password, an Excel 97-2003 (.xls) or an
    OpenDocument (.ods) one; None for anything else."""
    resave = tr("open it in a spreadsheet program and save it as Excel Workbook (.xlsx)")
    if data.startswith(_CFB):
        if _ENCRYPTED in data:
            return (
                tr("the workbook is protected by a password, so it cannot be read"),
                tr("open it, remove the password (File > Info > Protect Workbook) and save it again"),
            )
        return tr("the file is an Excel 97-2003 workbook (.xls), which ghgcalc does not read"), resave
    if data.startswith(b"PK") and _ODS in data[:256]:
        return tr("the file is an OpenDocument spreadsheet (.ods), which ghgcalc does not read"), resave
    return None


def foreign_workbook_at(path: str) -> tuple[str, str] | None:
    """foreign_workbook of the file at `path` (at most MAX_FILE_BYTES of it are read, and only when
    it starts as a compound file does it need more than its first bytes)."""
    with open(path, "rb") as handle:
        head = handle.read(256)
        if not head.startswith(_CFB):
            return foreign_workbook(head)
        return foreign_workbook(head + handle.read(MAX_FILE_BYTES))


def check_zip(path: str) -> str | None:
    """Why a workbook must not be opened (too large, a zip bomb, not a zip), or None."""
    size = FilePath(path).stat().st_size
    if size > MAX_FILE_BYTES:
        return tr("the workbook is larger than {size} MB", size=MAX_FILE_BYTES // (1024 * 1024))
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = 0
            for info in archive.infolist():
                unpacked += info.file_size
                if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
                    ratio = info.file_size // max(info.compress_size, 1)
                    return tr("{part} inflates {ratio} times", part=info.filename, ratio=ratio)
            if unpacked > MAX_UNPACKED_BYTES:
                return tr("the workbook unpacks to more than {size} MB", size=MAX_UNPACKED_BYTES // (1024 * 1024))
    except (zipfile.BadZipFile, ValueError, EOFError):
        return tr("the file is not an Excel workbook (.xlsx), or it is damaged or truncated")
    return None


def _attributes(raw: bytes) -> dict[str, str]:
    """Attributes of a start tag, namespace prefixes dropped (r:id -> id)."""
    found: dict[str, str] = {}
    for name, double, single in _ATTR.findall(raw):
        local = name.decode("utf-8", "replace").rpartition(":")[2]
        found.setdefault(local, _unescape((double or single).decode("utf-8", "replace")))
    return found


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def scan(path: str) -> list[SheetXml]:
    """Every worksheet part of the workbook, named by its sheet where the workbook names it.

    Parts the workbook does not list are scanned too (named by their path): calamine must never
    meet a sheet that was not measured first. Raises zipfile.BadZipFile, KeyError, OSError.
    """
    sheets: list[SheetXml] = []
    for sheet, data in measured(path):
        features(sheet, data)
        sheets.append(sheet)
    return sheets


def workbook_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str | None]:
    """The workbook's sheets as {zip member: sheet name}, in the workbook's order, and the member of
    its shared strings (None without one), from xl/workbook.xml and its relationships."""
    names = set(archive.namelist())
    workbook = archive.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = archive.read(rels_name) if rels_name in names else b""
    targets = {}
    shared = None
    for raw in _REL_TAG.findall(rels):
        attrs = _attributes(raw)
        target = attrs.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        targets[attrs.get("Id", "")] = member
        if attrs.get("Type", "").endswith("/sharedStrings") and member in names and shared is None:
            shared = member
    named: dict[str, str] = {}
    for raw in _SHEET_TAG.findall(workbook):
        attrs = _attributes(raw)
        member = targets.get(attrs.get("id", ""), "")
        if member in names and member not in named:
            named[member] = attrs.get("name", member)
    return named, shared


def measured(path: str) -> Iterator[tuple[SheetXml, bytes]]:
    """scan's sheets one at a time, each with its used range and its XML, before `features` has
    read the XML's error cells, formulas without a result and hidden rows and columns: what
    calamine may be given once every used range is known; the rest can be read while it reads."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        named, shared = workbook_parts(archive)
        recalc = "xl/workbook.xml" in names and _FULL_CALC.search(archive.read("xl/workbook.xml")) is not None
        # the length of each shared string (its XML, an upper bound)
        strings = [len(item) for item in _SHARED_END.split(archive.read(shared))] if shared else []
        for member in sorted(names):
            if member not in named and not member.lower().endswith(".xml"):
                continue
            data = archive.read(member)
            if member not in named and b"sheetData" not in data:
                continue
            sheet = SheetXml(named.get(member, member), member, recalc=recalc)
            sheet.rows, sheet.columns = _measure(data)
            sheet.text = _shared_text(data, strings)
            yield sheet, data


def _shared_text(data: bytes, strings: list[int]) -> int:
    """How much shared text a sheet's cells show: at most its shared-string cells times the longest
    string (one count, enough for most sheets), else each cell's string added up."""
    if not strings:
        return 0
    cells = data.count(b't="s"') + data.count(b"t='s'")
    longest = max(strings)
    if cells * longest <= MAX_SHEET_TEXT:
        return cells * longest
    return sum(strings[int(index)] for index in _SHARED_INDEX.findall(data) if int(index) < len(strings))


def _number(digits: bytes | str) -> int:
    return int(digits) if len(digits) <= _ROW_DIGITS else 10**_ROW_DIGITS


def _column(letters: bytes | str) -> int:
    return column_number(letters) if len(letters) <= 4 else MAX_COLUMNS * 26


def _measure(data: bytes) -> tuple[int, int]:
    """The used range (last row, last column), as calamine will lay it out."""
    quick = _measure_quickly(data)
    return quick if quick is not None else _measure_fully(data)


def _measure_fully(data: bytes) -> tuple[int, int]:
    if _nonstandard(data):
        # cells or rows without a reference, prefixed tags, other quoting: read every tag as
        # calamine does (a few seconds per 50 MB of XML); only unusual writers come here
        return _measure_exactly(data)
    rows = max(map(_number, set(_ROW_REF.findall(data))), default=0)
    # the columns of the first rows, which name every column in most sheets (a header)
    columns = max(map(_column, set(_CELL_COLUMN.findall(data, 0, _HEAD_BYTES))), default=0)
    if 0 < rows < 10**_ROW_DIGITS and 0 < columns < 26 and _beyond(rows, columns).search(data) is None:
        return rows, columns  # no cell lies beyond the last row tag and the header's last column
    # sets of the distinct letters and row numbers: the fastest way found to the largest of each
    letters = set(_CELL_COLUMN.findall(data))
    numbers = set(_CELL_ROW.findall(data)) | set(_ROW_REF.findall(data))
    return max(map(_number, numbers), default=0), max(map(_column, letters), default=0)


_HEAD_BYTES = 1 << 20


def _measure_quickly(data: bytes) -> tuple[int, int] | None:
    """The used range found with one search of the sheet, for a sheet as spreadsheet programs
    write it: its last row tag the last row, the header's last column (before Z) the last column,
    and no cell or row tag past them, nor written otherwise (_nonstandard). None for any other
    sheet, which _measure measures in full: where this gives a range, that gives the same."""
    at = data.rfind(b'<row r="')
    last = _ROW_REF.match(data, at) if at >= 0 else None
    if last is None or len(last.group(1)) > _ROW_DIGITS:
        return None
    rows = int(last.group(1))
    columns = max(map(_column, set(_CELL_COLUMN.findall(data, 0, _HEAD_BYTES))), default=0)
    if not (rows > 0 and 0 < columns < 26) or _PREFIXED_C.search(data) is not None:
        return None
    after = chr(65 + columns)  # the letter of the next column (columns is 1-based)
    larger = _larger(rows)
    # a cell or row tag not written `<c r="` / `<row r="` (as _nonstandard), a cell past the range
    # (as _beyond), or a row tag past the last
    pattern = (
        rf'<(?:c(?:(?! r=")(?![A-Za-z])| r="(?:[A-Za-z]{{2}}|[{after}-Z{after.lower()}-z]|[A-Za-z](?:{larger})"))'
        rf'|row(?:(?! r=")(?![A-Za-z])| r="(?:{larger})"))'
    )
    return (rows, columns) if re.search(pattern.encode("ascii"), data) is None else None


def _larger(rows: int) -> str:
    """A pattern of the row numbers past `rows` (a leading 0 only makes it cautious)."""
    digits = str(rows)
    larger = [rf"\d{{{len(digits) + 1},}}"]  # more digits
    for at, digit in enumerate(digits):  # as many digits, larger at the first that differs
        if digit != "9":
            rest = len(digits) - at - 1
            larger.append(f"{digits[:at]}[{int(digit) + 1}-9]" + (rf"\d{{{rest}}}" if rest else ""))
    return "|".join(larger)


def _beyond(rows: int, columns: int) -> re.Pattern[bytes]:
    """A cell reference past row `rows` or column `columns` (a single letter before Z): one search
    of the sheet instead of collecting every cell's reference."""
    after = chr(65 + columns)  # the letter of the next column (columns is 1-based)
    pattern = rf'<c r="(?:[A-Za-z]{{2}}|[{after}-Z{after.lower()}-z]|[A-Za-z](?:{_larger(rows)})")'
    return re.compile(pattern.encode("ascii"))


def _nonstandard(data: bytes) -> bool:
    """Whether a cell or row tag is not written `<c r="B7"` / `<row r="7"` (<col>, <cfRule>... are fine)."""
    for tag in (rb'<c(?! r=")', rb'<row(?! r=")'):
        for match in re.finditer(tag, data):
            following = data[match.end() : match.end() + 1]
            if not following.isalpha():
                return True
    return _PREFIXED_C.search(data) is not None


def _measure_exactly(data: bytes) -> tuple[int, int]:
    rows = columns = row = column = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal rows, columns, row, column
        local = name.rpartition(":")[2]
        if local == "row":
            number = attrs.get("r", "")
            row = _number(number) if number.isdigit() else row + 1
            column = 0
            rows = max(rows, row)
        elif local == "c":
            match = re.fullmatch(r"([A-Za-z]+)(\d+)", attrs.get("r", ""))
            if match:
                column = _column(match.group(1))
                rows = max(rows, _number(match.group(2)))
            else:
                column += 1
            columns = max(columns, column)

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    with contextlib.suppress(xml.parsers.expat.ExpatError):
        parser.Parse(data, True)  # on damage calamine reports it; the range read so far bounds it
    return rows, columns


def features(sheet: SheetXml, data: bytes) -> None:
    """What calamine does not show of a measured sheet, from its XML."""
    formulas = b"f>" in data  # </f>, </x:f>: faster to find than "<f" among a million "<"
    errors = _ERROR_VALUE.search(data) is not None  # t="e", found fast; checked per cell below
    if formulas or errors:
        for raw, body in _CELL.findall(data):
            has_formula = b"<f" in body or b":f" in body
            is_error = _ERROR_TYPE.search(raw) is not None
            if not (has_formula or is_error):
                continue
            ref = _attributes(raw).get("r", "").upper()
            value = _VALUE.search(body)
            if ref and is_error:
                sheet.errors[ref] = value.group(1).decode("utf-8", "replace") if value else "#N/A"
            elif ref and not value:
                sheet.no_value.add(ref)
            elif ref and sheet.recalc and value and value.group(1).strip() in (b"0", b""):
                sheet.unsure[ref] = value.group(1).decode("ascii").strip()
    _merged(sheet, data)
    if b"hidden" not in data:
        return
    for raw in _ROW_TAG.findall(data):
        attrs = _attributes(raw)
        if attrs.get("hidden", "").lower() in _TRUE and attrs.get("r", "").isdigit():
            sheet.hidden_rows.add(_number(attrs["r"]))
    for raw in _COL_TAG.findall(data):
        attrs = _attributes(raw)
        low, high = attrs.get("min", ""), attrs.get("max", "")
        if attrs.get("hidden", "").lower() in _TRUE and low.isdigit() and high.isdigit():
            # a hidden range may run to the sheet's last column (XFD): only the used part matters
            last = min(_number(high), sheet.columns)
            sheet.hidden_columns.update(range(_number(low), last + 1))


def _merged(sheet: SheetXml, data: bytes) -> None:
    """The merged ranges of a sheet. <mergeCells> follows <sheetData>, so only the end of the XML
    is searched: a 67 MB sheet is not read again for them."""
    end = data.rfind(b"sheetData>")
    if data.find(b"mergeCell", max(end, 0)) < 0:
        return
    for left, top, right, bottom in _MERGE.findall(data, max(end, 0)):
        first, last = sorted((int(top), int(bottom)))
        low, high = sorted((column_number(left), column_number(right)))
        sheet.merged.append((first, low, last, high))
