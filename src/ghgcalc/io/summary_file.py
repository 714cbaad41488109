"""Whether a file is a summary `ghgcalc summary` wrote: the one file in a folder of inventories
that a summary written into that folder (`summary towns/ -o towns/summary.xlsx --force`) passes
over and replaces. Anything else there, an inventory above all, is read and never replaced.
A summary workbook given as an inventory is found where it is read (excel_reader), and so is any
other workbook ghgcalc wrote that holds no inventory (a report: is_report)."""

from __future__ import annotations

import re
import zipfile

from ghgcalc.io.excel_xml import check_zip, workbook_parts
from ghgcalc.io.files import EXCEL_SUFFIXES

# the keys of the summary workbook's sheets (reports/summary_report.py), whatever the language
SUMMARY_SHEETS = frozenset({"warnings", "inventories", "by-province", "by-type", "outliers"})
_LOOKED_AT = 4096  # a text summary says what it is in its first line (its first key in JSON)
_TEXT_SUMMARY = re.compile(
    r'\{\s*"summary_format"\s*:'  # -f json
    r'|\{"file": .*"status": "(?:ok|warnings|errors)", "errors": \d+, "warnings": \d+'  # -f jsonl
    r"|file,status,errors,warnings,"  # -f csv's header
)


def is_summary_text(text: str) -> bool:
    """Whether `text` is a summary ghgcalc wrote as JSON, JSON lines or CSV (saved under any name)."""
    return text.startswith(("{", "file,")) and _TEXT_SUMMARY.match(text[:_LOOKED_AT]) is not None


def is_summary(path: str) -> bool:
    """Whether the file at `path` is a summary ghgcalc wrote (a workbook of the summary's sheets,
    its JSON, JSON lines or CSV); False for anything else, or a file that cannot be read."""
    try:
        if path.lower().endswith(EXCEL_SUFFIXES):
            return _summary_workbook(path)
        with open(path, "rb") as handle:
            head = handle.read(_LOOKED_AT).decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError):
        return False
    return is_summary_text(head)


def _summary_workbook(path: str) -> bool:
    if check_zip(path) is not None:
        return False
    with zipfile.ZipFile(path) as archive:
        sheets = set(workbook_parts(archive)[0].values())
    return "inventories" in sheets and sheets <= SUMMARY_SHEETS


# the creator the report writers put into a workbook's document properties, "ghgcalc 0.1.0"
# (reports/render_xlsx, report_xlsx, plan_xlsx), kept by Excel when a person saves the file again;
# an inventory ghgcalc writes (init, convert: io/excel_writer) says "ghgcalc" alone, and may be an
# officer's own inventory with its sheets renamed
_REPORT_CREATOR = re.compile(rb"<dc:creator>ghgcalc [0-9]")


def is_report(path: str) -> bool:
    """Whether the workbook at `path` is a report ghgcalc wrote (its document properties' creator)."""
    try:
        if check_zip(path) is not None:
            return False
        with zipfile.ZipFile(path) as archive:
            return _REPORT_CREATOR.search(archive.read("docProps/core.xml")[:4096]) is not None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError):
        return False
