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
from typing import TYPE_CHECKING, Any

from ghgcalc.io.writers import looks_like_formula

if TYPE_CHECKING:
    from openpyxl import Workbook

# Characters an XLSX file cannot hold (XML 1.0 forbids them); the longest text a cell can hold.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CELL_LIMIT = 32767
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


def save(workbook: Workbook, when: dt.datetime = ZIP_TIME) -> bytes:
    """The workbook's bytes, the same on every run: every zip entry dated `when`. The caller sets
    the document properties (created, modified) from the document, never from the clock."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the current time as the modification date.
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, when=when) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()
