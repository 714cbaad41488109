"""Whether a file is a summary `ghgcalc summary` wrote: the one file in a folder of inventories
that a summary written into that folder (`summary towns/ -o towns/summary.xlsx --force`) passes
over and replaces. Anything else there, an inventory above all, is read and never replaced.

And what a file in a folder of inventories is when it is none (not_inventory): a reduction plan
or a summary, which a run on the folder passes over and says so (docs/cli.md, "A folder")."""

from __future__ import annotations

import os
import re
import zipfile
import zlib

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
    return _TEXT_SUMMARY.match(head) is not None


def _summary_workbook(path: str) -> bool:
    if check_zip(path) is not None:
        return False
    with zipfile.ZipFile(path) as archive:
        sheets = set(workbook_parts(archive)[0].values())
    return "inventories" in sheets and sheets <= SUMMARY_SHEETS


PLAN = "plan"
SUMMARY = "summary"
# a plan's own key at the top level of its first part (as io/inventory_reader.py tells a plan),
# in YAML's block or flow style, and an inventory's, which makes the file an inventory
_PLAN_KEY = re.compile(r'^(?:ghgcalc_plan|"ghgcalc_plan"|\{\s*"?ghgcalc_plan"?)\s*:', re.MULTILINE)
_INVENTORY_KEY = re.compile(r'^(?:ghgcalc|"ghgcalc")\s*:', re.MULTILINE)


def not_inventory(path: str) -> str | None:
    """PLAN for a reduction plan (a `ghgcalc_plan:` key and no `ghgcalc:` key in its first 4 KB),
    SUMMARY for a summary ghgcalc wrote, else None: an inventory, or anything its reading will say
    (a file that cannot be read, a pipe, which is never opened here)."""
    try:
        if not os.path.isfile(path):
            return None
        if path.lower().endswith(EXCEL_SUFFIXES):
            return SUMMARY if _summary_workbook(path) else None
        with open(path, "rb") as handle:
            head = handle.read(_LOOKED_AT).decode("utf-8-sig", "replace")
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        return None  # (a damaged or encrypted workbook: its reading says what it is)
    if _TEXT_SUMMARY.match(head) is not None:
        return SUMMARY
    if _PLAN_KEY.search(head) and not _INVENTORY_KEY.search(head):
        return PLAN
    return None
