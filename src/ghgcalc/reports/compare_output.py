"""`compute --compare-factors`: one inventory under two factor editions, as JSON, CSV, Markdown and
a workbook (the table is drawn in cli/render.py from the same document).

Every format is drawn from `comparison_dict`, so they say the same thing.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ghgcalc.core.compare import Change, Comparison, LineChange
from ghgcalc.io.writers import csv_text
from ghgcalc.models.factor import Factor
from ghgcalc.reports.markdown import exact, text

COMPARE_FORMAT = 1
TONNES = "#,##0.00"  # shown rounded; the cell holds the exact number
PERCENT = '+0.00" %";-0.00" %"'


def _change(change: Change) -> dict[str, Any]:
    return {"own": change.own, "compared": change.compared, "change_t": change.t, "change_pct": change.pct}


def _factor(factor: Factor) -> dict[str, Any]:
    return {
        "set": factor.ref if factor.set_id not in ("custom", "method") else factor.set_id,
        "key": factor.key,
        "per": factor.per,
        "kg_per_unit": {g.gas: g.kg for g in factor.gases},
        "valid_from": factor.valid_from.isoformat() if factor.valid_from else None,
        "valid_to": factor.valid_to.isoformat() if factor.valid_to else None,
    }


def _line(change: LineChange) -> dict[str, Any]:
    own, compared = change.own, change.compared
    return {
        "line": own.index + 1,
        "id": own.id,
        "activity": own.activity,
        "label": own.label,
        "scope": own.scope,
        "amount": own.amount,
        "unit": own.unit,
        "factor_changed": change.factor_changed,
        "own": {"factor": _factor(own.factor), "t_co2e": own.t_co2e},
        "compared": {"factor": _factor(compared.factor), "t_co2e": compared.t_co2e},
        "change_t_co2e": change.t_co2e.t,
        "change_pct": change.t_co2e.pct,
    }


def notes(comparison: Comparison) -> list[str]:
    """What a reader must know to read the comparison right."""
    found = []
    outside = {
        line.compared.factor.ref
        for line in comparison.lines
        if line.factor_changed
        and not comparison.own.period.overlaps(line.compared.factor.valid_from, line.compared.factor.valid_to)
    }
    if outside:
        found.append(
            f"{', '.join(sorted(outside))} is not in force for {comparison.own.period.label}: the comparison "
            "shows the inventory on those factors, not the factors the period must use"
        )
    unchanged = len(comparison.lines) - comparison.changed_lines
    if unchanged:
        found.append(f"{unchanged} line(s) keep their own factor: the compared versions do not change it")
    return found


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    own, compared = comparison.own, comparison.compared
    return {
        "ghgcalc_compare": COMPARE_FORMAT,
        "source": own.source,
        "name": own.name,
        "period": own.period.to_dict(),
        "gwp": own.gwp,
        "own_factor_sets": [s.ref for s in own.factor_sets],
        "compared_factor_sets": [s.ref for s in compared.factor_sets],
        "total_t_co2e": _change(comparison.total_t_co2e),
        "by_scope_t_co2e": {scope: _change(c) for scope, c in comparison.by_scope_t_co2e.items()},
        "separately_reported_t_co2e": {name: _change(c) for name, c in comparison.separately_reported_t_co2e.items()},
        "changed_lines": comparison.changed_lines,
        "lines": [_line(line) for line in comparison.lines],
        "notes": notes(comparison),
    }


def to_json(comparisons: list[Comparison], as_array: bool) -> str:
    data: Any = [comparison_dict(c) for c in comparisons]
    if not as_array and len(comparisons) == 1:
        data = data[0]
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_jsonl(comparisons: list[Comparison]) -> str:
    return "".join(json.dumps(comparison_dict(c), ensure_ascii=False, allow_nan=False) + "\n" for c in comparisons)


CSV_COLUMNS = [
    "source",
    "name",
    "line",
    "id",
    "activity",
    "label",
    "scope",
    "amount",
    "unit",
    "own_factor",
    "compared_factor",
    "factor_changed",
    "own_t_co2e",
    "compared_t_co2e",
    "change_t_co2e",
    "change_pct",
]


def to_csv(comparisons: list[Comparison]) -> str:
    """One row per line of every inventory (the totals are the sums of the rows)."""
    rows = []
    for comparison in comparisons:
        for row in comparison_dict(comparison)["lines"]:
            rows.append(
                [
                    comparison.own.source,
                    comparison.own.name,
                    row["line"],
                    row["id"],
                    row["activity"],
                    row["label"],
                    row["scope"],
                    row["amount"],
                    row["unit"],
                    row["own"]["factor"]["set"],
                    row["compared"]["factor"]["set"],
                    row["factor_changed"],
                    row["own"]["t_co2e"],
                    row["compared"]["t_co2e"],
                    row["change_t_co2e"],
                    row["change_pct"],
                ]
            )
    return csv_text(CSV_COLUMNS, rows)


SHEET_HEADERS = [
    "line",
    "id",
    "activity",
    "label",
    "scope",
    "amount",
    "unit",
    "own factor",
    "compared factor",
    "factor changed",
    "own tCO2e",
    "compared tCO2e",
    "change tCO2e",
    "change %",
]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f} %"


def summary_rows(comparison: Comparison) -> list[tuple[str, Change]]:
    """Scope by scope, then the total: what every format shows first."""
    rows = [(f"Scope {scope}", change) for scope, change in comparison.by_scope_t_co2e.items()]
    return [*rows, ("Total", comparison.total_t_co2e)]


def to_markdown(comparisons: list[Comparison]) -> str:
    parts = []
    for comparison in comparisons:
        own, compared = comparison.own, comparison.compared
        out = [
            f"# {text(own.name)}: own factors against {text(', '.join(s.ref for s in compared.factor_sets))}",
            "",
            f"- Source (ไฟล์): {text(own.source)}",
            f"- Period (ช่วงเวลา): {text(own.period.label)}",
            f"- GWP: {text(own.gwp)} (100-year), the same in both",
            f"- Own factor sets: {text(', '.join(s.ref for s in own.factor_sets))}",
            "",
            "| | own tCO2e | compared tCO2e | change tCO2e | change |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, change in summary_rows(comparison):
            difference = exact(round(change.t, 9))  # a difference of two sums: no float noise in its last digits
            out.append(
                f"| {name} | {exact(change.own)} | {exact(change.compared)} | {difference} | {pct(change.pct)} |"
            )
        out += [
            "",
            "## Lines whose factor changes",
            "",
            "| line | activity | own factor | compared factor | own tCO2e | compared tCO2e | change |",
            "|---:|---|---|---|---:|---:|---:|",
        ]
        for row in (line for line in comparison.lines if line.factor_changed):
            name = row.own.label or row.own.activity
            out.append(
                f"| {row.own.index + 1} | {text(name)} | {text(row.own.factor.ref)} | {text(row.compared.factor.ref)} "
                f"| {exact(row.t_co2e.own)} | {exact(row.t_co2e.compared)} | {pct(row.t_co2e.pct)} |"
            )
        out += ["", *(f"- {text(note)}" for note in notes(comparison))]
        parts.append("\n".join(out).rstrip() + "\n")
    return "\n".join(parts)


def to_xlsx(comparisons: list[Comparison]) -> bytes:
    """One sheet per inventory: the totals by scope, then every line."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ghgcalc.io.xlsx_book import clean, save, text_cell

    book = Workbook()
    book.remove(book.active)
    for number, comparison in enumerate(comparisons, start=1):
        sheet = book.create_sheet(f"Comparison {number}" if len(comparisons) > 1 else "Comparison")
        data = comparison_dict(comparison)
        text_cell(sheet.cell(1, 1), clean(f"{comparison.own.name}: own factors against compared factors"))
        sheet.cell(1, 1).font = Font(bold=True, size=12)
        text_cell(
            sheet.cell(2, 1), clean(f"{comparison.own.source}, {comparison.own.period.label}, GWP {comparison.own.gwp}")
        )
        text_cell(sheet.cell(3, 1), clean("own: " + ", ".join(data["own_factor_sets"])))
        text_cell(sheet.cell(4, 1), clean("compared: " + ", ".join(data["compared_factor_sets"])))
        # the totals stand in the columns of the lines' tCO2e below them (K to N)
        row = 6
        for column, title in enumerate(SHEET_HEADERS[-4:], start=11):
            sheet.cell(row, column, title).font = Font(bold=True)
        for name, change in summary_rows(comparison):
            row += 1
            sheet.cell(row, 10, name).font = Font(bold=name == "Total")
            for column, value in enumerate((change.own, change.compared, change.t, change.pct), start=11):
                sheet.cell(row, column, value).number_format = PERCENT if column == 14 else TONNES
        row += 2
        for column, title in enumerate(SHEET_HEADERS, start=1):
            sheet.cell(row, column, title).font = Font(bold=True)
        for line in data["lines"]:
            row += 1
            values = [
                line["line"],
                line["id"],
                line["activity"],
                line["label"],
                line["scope"],
                line["amount"],
                line["unit"],
                line["own"]["factor"]["set"],
                line["compared"]["factor"]["set"],
                "yes" if line["factor_changed"] else "no",
                line["own"]["t_co2e"],
                line["compared"]["t_co2e"],
                line["change_t_co2e"],
                line["change_pct"],
            ]
            for column, value in enumerate(values, start=1):
                if isinstance(value, str):
                    text_cell(sheet.cell(row, column), clean(value))
                else:
                    cell = sheet.cell(row, column, value)
                    if column >= 11:  # tCO2e and the change: the cell holds the exact number
                        cell.number_format = PERCENT if column == 14 else TONNES
        for note in data["notes"]:
            row += 2
            text_cell(sheet.cell(row, 1), clean(note))
        widths = (6, 10, 20, 40, 6, 12, 11, 17, 17, 14, 12, 16, 14, 10)
        for letter, width in zip("ABCDEFGHIJKLMN", widths, strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.page_setup.orientation = "landscape"  # one page wide, as many pages long as the lines need
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if not comparisons:  # a workbook needs a sheet; say why it is empty
        text_cell(book.create_sheet("Comparison").cell(1, 1), "No results: no inventory could be compared")
    # dated by the data, never by the clock: the same comparison gives the same bytes
    stamp = dt.datetime.combine(comparisons[0].own.period.end, dt.time()) if comparisons else dt.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = stamp
    return save(book)
