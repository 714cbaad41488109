"""What every workbook ghgcalc writes shares: text cells that are never formulas, and the same
bytes for the same workbook.

The report (`compute -f xlsx`), the plan workbook (`plan -f xlsx`) and the inventory workbook
(`convert`, `init`) all write their text through `text_cell` and their bytes through `save`.
openpyxl is imported by the callers (only when a workbook is made), never at import time here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ghgcalc.io.writers import looks_like_formula

if TYPE_CHECKING:
    from openpyxl import Workbook

# Characters an XLSX file cannot hold (XML 1.0 forbids them); the longest text a cell can hold.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CELL_LIMIT = 32767
# Below this a number is float noise (fsum of exact lines gives 4e-16 where the form's arithmetic
# gives 0), shown as the format shows 0; the reports' rule too (render_markdown.fixed, markdown._NOISE_DECIMALS)
NOISE = 1e-9
ZIP_TIME = dt.datetime(1980, 1, 1)  # the earliest time a ZIP entry can carry


def clean(value: str) -> str:
    """Text a cell can hold: the characters XML forbids dropped, cut at Excel's cell limit."""
    return ILLEGAL.sub("", value)[:CELL_LIMIT]


def text_cell(cell: Any, text: str) -> Any:
    """Put `text` in an openpyxl cell as text, whatever it starts with.

    openpyxl stores a str that starts with "=" as a formula, and a spreadsheet runs text that
    starts like one (writers.looks_like_formula) when a person edits the cell. Every workbook
    writer puts its text through here: the cell is typed text ("s"), never a formula ("f"), and
    text that looks like a formula gets Excel's quote prefix, so it stays text when edited. The
    characters are kept as they are (no ' is added, unlike CSV)."""
    cell.value = text  # openpyxl takes "=..." for a formula here ...
    cell.data_type = "s"  # ... and this makes it text again
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one time, so the same workbook gives the same bytes."""

    def __init__(self, *args: Any, when: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._when = when.timetuple()[:6]

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            entry = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._when)
            entry.compress_type = self.compression
            entry.external_attr = 0o600 << 16  # what ZipFile.writestr gives a named entry
            zinfo_or_arcname = entry
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # openpyxl writes each worksheet to a temporary file first; its entry would carry the file's time
        with open(filename, "rb") as stream:
            self.writestr(arcname or filename, stream.read())


# A plain fixed-decimal number format ("#,##0.00", "0.0000##", "0.00%", '0.0" %"'): its digits, then
# what it prints after them (a % sign, which scales the value by 100, or a quoted unit)
_FIXED = re.compile(r'(?P<digits>[#,]*0(?:\.(?P<decimals>[0#]+))?)(?P<after>%|\s%|"[^"]*")?')


def tiny_format(value: object, number_format: str) -> str | None:
    """The number format that shows a value too small for `number_format` as "< 0.01" (or "> -0.01",
    "< 0.1 %", "< 1"), never as 0, or None when the format shows it. A nonzero line of 0.0004 t
    under "#,##0.00" reads 0.00 and a reader takes the source for zero; the cell keeps the exact
    value, and a value typed in later (0, or one big enough) shows in the original format."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not abs(value) >= NOISE:
        return None
    fixed = _FIXED.fullmatch(number_format)
    if fixed is None:
        return None
    decimals = len(fixed["decimals"] or "")
    after = fixed["after"] or ""
    scale = 100 if after.strip() == "%" else 1
    step = Decimal(1).scaleb(-decimals)
    half = step / 2 / scale
    if Decimal(abs(value)) >= half:
        return None
    shown = format(step, "f") + after.strip('"')
    if value > 0:
        return f'[>={format(half, "f")}]{number_format};[>0]"< {shown}";{number_format}'
    return f'[<=-{format(half, "f")}]{number_format};[<0]"> -{shown}";{number_format}'


def show_tiny(workbook: Workbook) -> None:
    """Every number cell too small for its fixed-decimal format gets tiny_format's format."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "n" and cell.value:
                    better = tiny_format(cell.value, cell.number_format)
                    if better is not None:
                        cell.number_format = better


def save(workbook: Workbook, when: dt.datetime = ZIP_TIME) -> bytes:
    """The workbook's bytes, the same on every run: every zip entry dated `when`. The caller sets
    the document properties (created, modified) from the document, never from the clock. A number
    its cell's format would round to 0 is shown as "< 0.01" (tiny_format)."""
    from openpyxl.writer.excel import ExcelWriter

    show_tiny(workbook)

    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the current time as the modification date.
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, when=when) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()
