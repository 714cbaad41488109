"""`compute --compare-factors`: one inventory under two factor editions, as JSON, CSV, Markdown and
a workbook (the table is drawn in cli/render.py from the same document).

Every format is drawn from `comparison_dict`, so they say the same thing. The Markdown, the
workbook and the notes speak the language of the run; the JSON keys and CSV columns never change.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ghgcalc.core.compare import Change, Comparison, LineChange
from ghgcalc.core.edition_gwp import edition_weights, weights_text
from ghgcalc.i18n import N_, tr
from ghgcalc.io.writers import csv_text
from ghgcalc.models.factor import Factor
from ghgcalc.reports.markdown import exact, period_text, text
from ghgcalc.reports.markdown import row as md_row

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
        "own": {"factor": _factor(own.factor), "gwp": own.gwp, "t_co2e": own.t_co2e},
        "compared": {"factor": _factor(compared.factor), "gwp": compared.gwp, "t_co2e": compared.t_co2e},
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
            tr(
                "{sets} is not in force for {period}: the comparison shows the inventory on those factors, "
                "not the factors the period must use",
                sets=", ".join(sorted(outside)),
                period=period_text(comparison.own.period),
            )
        )
    kept = comparison.kept()
    named = ", ".join(comparison.named)
    if kept and len(kept) == len(comparison.lines):
        found.append(
            tr(
                "{sets} has a factor for no line of this inventory: every line keeps its own factor, so nothing "
                "changes; compare with a version of the set the inventory uses ({own})",
                sets=named,
                own=", ".join(s.ref for s in comparison.own.factor_sets),
            )
        )
    elif kept:
        keys = sorted({line.own.factor.key for line in kept})
        shown = ", ".join(keys[:5])
        if len(keys) > 5:
            shown = tr("{listed} and {count} more", listed=shown, count=len(keys) - 5)
        found.append(
            tr(
                "{count} line(s) keep their own factor: {sets} has no factor for their key ({keys})",
                count=len(kept),
                sets=named,
                keys=shown,
            )
        )
    same = len(comparison.lines) - comparison.changed_lines - len(kept)
    if same:
        found.append(tr("{count} line(s) have the same factor in {sets} as their own", count=same, sets=named))
    weights = _weights_note(comparison)
    if weights:
        found.append(weights)
    return found


def _weights_note(comparison: Comparison) -> str | None:
    """Where the two sides' editions weigh a gas differently (TGO 2026's fossil CH4 28 against
    AR5's 30), a line changes with the same kg of each gas: say which weights each side used."""
    gwp = comparison.own.gwp
    own = edition_weights((c.own for c in comparison.lines), gwp)
    compared = edition_weights((c.compared for c in comparison.lines), gwp)
    if own == compared:
        return None
    none = tr("{gwp}'s own values", gwp=gwp)
    return tr(
        "the editions weigh gases differently, so a line may change with the same kg of each gas: "
        "own factors {own}; compared factors {compared}",
        own=weights_text(own, gwp) or none,
        compared=weights_text(compared, gwp) or none,
    )


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
        "named_factor_sets": list(comparison.named),
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


SHEET_HEADERS = [  # English, for the catalog; shown with tr()
    N_("line"),
    N_("id"),
    N_("activity"),
    N_("label"),
    N_("scope"),
    N_("amount"),
    N_("unit"),
    N_("own factor"),
    N_("compared factor"),
    N_("factor changed"),
    N_("own tCO2e"),
    N_("compared tCO2e"),
    N_("change tCO2e"),
    N_("change %"),
]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f} %"


def summary_rows(comparison: Comparison) -> list[tuple[str, Change]]:
    """Scope by scope, then the total: what every format shows first, named in the run's language."""
    rows = [(tr("Scope {scope}", scope=scope), change) for scope, change in comparison.by_scope_t_co2e.items()]
    return [*rows, (tr("Total"), comparison.total_t_co2e)]


def to_markdown(comparisons: list[Comparison]) -> str:
    parts = []
    for comparison in comparisons:
        own = comparison.own
        out = [
            "# "
            + tr(
                "{name}: own factors against {sets}",
                name=text(own.name),
                sets=text(", ".join(comparison.named)),
            ),
            "",
            "- " + tr("Source: {source}", source=text(own.source)),
            "- " + tr("Period: {period}", period=text(period_text(own.period))),
            "- " + tr("GWP: {gwp} (100-year), the same in both", gwp=text(own.gwp)),
            "- " + tr("Own factor sets: {sets}", sets=text(", ".join(s.ref for s in own.factor_sets))),
            "",
            "| " + md_row([tr("own tCO2e"), tr("compared tCO2e"), tr("change tCO2e"), tr("change")]),
            "|---|---:|---:|---:|---:|",
        ]
        for name, change in summary_rows(comparison):
            difference = exact(round(change.t, 9))  # a difference of two sums: no float noise in its last digits
            out.append(md_row([name, exact(change.own), exact(change.compared), difference, pct(change.pct)]))
        titles = [
            tr("line"),
            tr("activity"),
            tr("own factor"),
            tr("compared factor"),
            tr("own tCO2e"),
            tr("compared tCO2e"),
            tr("change"),
        ]
        out += ["", "## " + tr("Lines whose factor changes"), "", md_row(titles), "|---:|---|---|---|---:|---:|---:|"]
        for line in (line for line in comparison.lines if line.factor_changed):
            name = line.own.label or line.own.activity
            cells = [
                str(line.own.index + 1),
                text(name),
                text(line.own.factor.ref),
                text(line.compared.factor.ref),
                exact(line.t_co2e.own),
                exact(line.t_co2e.compared),
                pct(line.t_co2e.pct),
            ]
            out.append(md_row(cells))
        out += ["", *(f"- {text(note)}" for note in notes(comparison))]
        parts.append("\n".join(out).rstrip() + "\n")
    return "\n".join(parts)


WIDTHS = (6, 10, 20, 40, 8, 12, 11, 17, 17, 14, 12, 16, 14, 10)  # columns A to N


def _titles(sheet: Any, row: int, titles: list[str], first: int) -> None:
    """Column titles in bold, wrapped within their column (Thai titles are longer than English
    ones), the row as tall as the longest needs."""
    from openpyxl.styles import Alignment, Font

    from ghgcalc.reports.report_xlsx import LINE_HEIGHT, _lines

    lines = 1
    for column, title in enumerate(titles, start=first):
        cell = sheet.cell(row, column, tr(title))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        lines = max(lines, _lines(cell.value, WIDTHS[column - 1], True))
    if lines > 1:
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 3


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
        own = comparison.own
        text_cell(sheet.cell(1, 1), clean(tr("{name}: own factors against compared factors", name=own.name)))
        sheet.cell(1, 1).font = Font(bold=True, size=12)
        text_cell(sheet.cell(2, 1), clean(f"{own.source}, {period_text(own.period)}, GWP {own.gwp}"))
        text_cell(sheet.cell(3, 1), clean(tr("own: {sets}", sets=", ".join(data["own_factor_sets"]))))
        text_cell(sheet.cell(4, 1), clean(tr("compared: {sets}", sets=", ".join(data["named_factor_sets"]))))
        # the totals stand in the columns of the lines' tCO2e below them (K to N)
        row = 6
        _titles(sheet, row, SHEET_HEADERS[-4:], 11)
        summary = summary_rows(comparison)
        for place, (name, change) in enumerate(summary, start=1):
            row += 1
            sheet.cell(row, 10, name).font = Font(bold=place == len(summary))  # the total
            for column, value in enumerate((change.own, change.compared, change.t, change.pct), start=11):
                sheet.cell(row, column, value).number_format = PERCENT if column == 14 else TONNES
        row += 2
        _titles(sheet, row, SHEET_HEADERS, 1)
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
                tr("yes") if line["factor_changed"] else tr("no"),
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
        for letter, width in zip("ABCDEFGHIJKLMN", WIDTHS, strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.page_setup.orientation = "landscape"  # one page wide, as many pages long as the lines need
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if not comparisons:  # a workbook needs a sheet; say why it is empty
        text_cell(book.create_sheet("Comparison").cell(1, 1), tr("No results: no inventory could be compared"))
    # dated by the data, never by the clock: the same comparison gives the same bytes
    stamp = dt.datetime.combine(comparisons[0].own.period.end, dt.time()) if comparisons else dt.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = stamp
    return save(book)
