"""The audit of TGO workbooks as documents: JSON, Markdown and a findings workbook (docs/tgo-workbooks.md).

All three are drawn from one plain document (`audit_document`), so they say the same thing. Its
words (the verdicts, the titles) are in the language of the run; its keys and the kinds of finding
(recompute, factor, ...) are codes and never change.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ghgcalc.core.audit import KINDS, CopiesAudit, Finding, YearAudit, effect_text
from ghgcalc.i18n import N_, tr
from ghgcalc.thai import BE_THRESHOLD, show_year, to_ce_year

KIND_NAMES = {  # shown with tr()
    "recompute": N_("printed values that do not follow their inputs"),
    "factor": N_("factors differing from TGO's edition in force"),
    "plausibility": N_("unlikely monthly values"),
    "consistency": N_("sheets that disagree"),
    "copies": N_("copies of one year that disagree"),
}
HEAD = [  # the findings sheet's columns, shown with tr()
    N_("Workbook"),
    N_("Sheet"),
    N_("Kind"),
    N_("Cells"),
    N_("Month"),
    N_("Stated"),
    N_("Expected"),
    N_("Effect"),
    N_("Finding"),
    N_("Ask"),
]


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "code": f.code,
        "sheet": f.sheet,
        "cells": list(f.cells),
        "where": f.where,
        "month": f.month,
        "stated": f.stated,
        "expected": f.expected,
        "edition": f.edition,
        "effect_t": f.effect_t,
        "message": f.message,
        "ask": f.ask,
    }


def verdict(year: YearAudit) -> str:
    if not year.findings:
        return tr(
            "{matches} of {compared} printed values follow from their inputs, {factors} factors are those of "
            "TGO's edition in force; nothing to ask",
            matches=year.matches,
            compared=year.compared,
            factors=year.factors_compared,
        )
    counts = ", ".join(f"{n} {tr(KIND_NAMES[k])}" for k in KINDS if (n := sum(1 for f in year.findings if f.kind == k)))
    return tr(
        "{matches} of {compared} printed values follow from their inputs; {count} findings: {counts}",
        matches=year.matches,
        compared=year.compared,
        count=len(year.findings),
        counts=counts,
    )


def year_text(year: int) -> str:
    """A workbook's year as a person reads it: as the workbook wrote it (B.E. in TGO's forms), or
    in the calendar of --calendar."""
    return show_year(to_ce_year(year), year >= BE_THRESHOLD)


def audit_document(
    files: list[tuple[str, str, tuple[YearAudit, ...]]], copies: list[CopiesAudit] | tuple[CopiesAudit, ...] = ()
) -> dict[str, Any]:
    """`files`: (workbook, form, its years' audits); `copies`: copies of one year compared."""
    return {
        "ghgcalc_audit": 1,
        "workbooks": [
            {
                "workbook": source,
                "form": form,
                "years": [
                    {
                        "sheet": y.sheet,
                        "year": y.year,
                        "compared": y.compared,
                        "matches": y.matches,
                        "factors_compared": y.factors_compared,
                        "findings": [_finding(f) for f in y.findings],
                        "verdict": verdict(y),
                        "ask": [f.ask for f in y.findings],
                    }
                    for y in years
                ],
            }
            for source, form, years in files
        ],
        "copies": [
            {
                "year": c.year,
                "copies": list(c.copies),
                "compared": c.compared,
                "findings": [_finding(f) for f in c.findings],
                "verdict": c.verdict,
                "ask": [f.ask for f in c.findings],
            }
            for c in copies
        ],
        "findings": sum(len(y.findings) for _, _, years in files for y in years) + sum(len(c.findings) for c in copies),
    }


def audit_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _md(text: object) -> str:
    """Text from a workbook in a Markdown table cell: no pipes, no line breaks, no markup."""
    out = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")
    for c in "*_`[]<>#":
        out = out.replace(c, "\\" + c)
    return out


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def audit_markdown(document: dict[str, Any]) -> str:
    lines = ["# " + tr("Audit of TGO workbooks"), ""]
    for book in document["workbooks"]:
        lines += [f"## {_md(book['workbook'])} ({_md(book['form'])})", ""]
        for year in book["years"]:
            lines += [
                f"### {_md(year['sheet'])} ({year_text(year['year'])})",
                "",
                tr("Verdict: {verdict}.", verdict=_md(year["verdict"])),
                "",
            ]
            if year["findings"]:
                lines += [_row(["#", tr("kind"), tr("where"), tr("finding")]), "|---|---|---|---|"]
                for i, f in enumerate(year["findings"], start=1):
                    lines.append(f"| {i} | {f['kind']} | {_md(f['where'])} | {_md(f['message'])} |")
                lines += ["", tr("What to ask the municipality:"), ""]
                lines += [f"{i}. {_md(a)}" for i, a in enumerate(year["ask"], start=1)]
                lines.append("")
    if document.get("copies"):
        lines += ["## " + tr("Copies of one year"), ""]
    for copy in document.get("copies", []):
        lines += [
            f"### {year_text(copy['year'])}: {_md(', '.join(copy['copies']))}",
            "",
            tr("Verdict: {verdict}.", verdict=_md(copy["verdict"])),
            "",
        ]
        if copy["findings"]:
            lines += [_row(["#", tr("where"), tr("finding")]), "|---|---|---|"]
            for i, f in enumerate(copy["findings"], start=1):
                lines.append(f"| {i} | {_md(f['where'])} | {_md(f['message'])} |")
            lines += ["", tr("What to ask the municipality:"), ""]
            lines += [f"{i}. {_md(a)}" for i, a in enumerate(copy["ask"], start=1)]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def audit_xlsx(document: dict[str, Any]) -> bytes:
    """One sheet "Findings": a row per finding, and each year's verdict above its findings."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ghgcalc.io.xlsx_book import save, text_cell

    wb = Workbook()
    ws = wb.active
    ws.title = "Findings"
    head = [tr(name) for name in HEAD]
    # 184 wide in all: one A4 landscape page across at 75 % or more of 11 points (report_xlsx.MIN_SCALE),
    # the texts wrapped within their columns
    widths = [16, 18, 9, 12, 7, 12, 12, 12, 48, 38]
    row = 1
    ws.cell(row, 1).value = tr("Audit of TGO workbooks")
    ws.cell(row, 1).font = Font(bold=True, size=13)
    row += 2
    for c, (name, width) in enumerate(zip(head, widths, strict=True), start=1):
        text_cell(ws.cell(row, c), name).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row, c).column_letter].width = width
    row += 1
    wrap = Alignment(wrap_text=True, vertical="top")
    right = Alignment(wrap_text=True, vertical="top", horizontal="right", indent=1)
    groups = [(book["workbook"], year["sheet"], year) for book in document["workbooks"] for year in book["years"]]
    groups += [(", ".join(c["copies"]), year_text(c["year"]), c) for c in document.get("copies", [])]
    for workbook, sheet, year in groups:
        said = tr("Verdict: {verdict}", verdict=year["verdict"])
        for column, value in ((1, workbook), (2, sheet), (9, said)):
            text_cell(ws.cell(row, column), value).alignment = wrap
        ws.cell(row, 9).font = Font(bold=True)
        _height(ws, row, [workbook, sheet] + [None] * 6 + [said], widths)
        row += 1
        for f in year["findings"]:
            values: list[Any] = [
                workbook,
                f["sheet"],
                f["kind"],
                f["where"] if f["kind"] == "copies" else ", ".join(f["cells"]),
                f["month"],
                f["stated"],
                f["expected"],
                effect_text(f["effect_t"]) if f["effect_t"] is not None else None,
                f["message"],
                f["ask"],
            ]
            for c, v in enumerate(values, start=1):
                cell = ws.cell(row, c)
                if isinstance(v, str):
                    text_cell(cell, v)
                else:
                    cell.value = v
                cell.alignment = right if c == 8 else wrap  # the effect, "-0.222 kg", kept off the value beside it
            _height(ws, row, values, widths)
            row += 1
    ws.freeze_panes = "A4"
    # one page wide, landscape: a verifier prints it and attaches it
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    return save(wb)


def _height(ws: Any, row: int, values: list[Any], widths: list[int]) -> None:
    """A row tall enough for its wrapped text (spreadsheet programs do not grow rows they open)."""
    lines = max(
        (math.ceil(len(v) / (w * 1.1)) for v, w in zip(values, widths, strict=False) if isinstance(v, str)), default=1
    )
    ws.row_dimensions[row].height = 15 * max(lines, 1)
