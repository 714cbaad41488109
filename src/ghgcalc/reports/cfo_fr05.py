"""TGO Fr-05, the summary: for the reporting year and, with --base, the base year, each scope exact
and rounded up to a whole tonne (the form's ROUNDUP(x, 0), written as a value), the totals as sums
of the rounded scopes, the shares and the carbon intensity per unit of output; then the largest
sources with two charts, and the sign-off: prepared, reviewed and approved by, with the date.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ghgcalc.i18n import N_, tr
from ghgcalc.models.inventory import Person
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.cfo_text import NOTE_EXACT, NOTE_TO_FILL, SEPARATE_KINDS, date_text, heading, period_text
from ghgcalc.reports.markdown import SCOPES, largest, line_name, round_up, scope_totals
from ghgcalc.reports.report_xlsx import (
    FMT_SHARE,
    FMT_TCO2E,
    FMT_WHOLE,
    SECTION_FILL,
    TOTAL_FILL,
    _font,
    _header_row,
    _info_block,
    _share,
    _style_row,
    _title,
    _Wrap,
    form_page,
    keep_together,
    notes,
    put,
    to_fill,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TOP_SOURCES = 10
WIDTHS = {1: 46, 2: 17, 3: 17, 4: 14, 5: 14, 6: 24, 7: 16}
CHART_ROWS = 18  # rows the two charts, side by side, take (9 cm high)
NOTE_ROUNDUP = N_(
    "TGO Fr-05 rounds each scope up to a whole tonne (ROUNDUP(x, 0)); the totals are sums of the "
    "rounded scopes, as on the form. Shares and intensities are of the exact values unless the column "
    "says otherwise."
)
ROLES = (N_("Prepared by"), N_("Reviewed by"), N_("Approved by"))


def summary_sheet(ws: Worksheet, result: InventoryResult) -> None:
    _title(ws, tr("Fr-05 Summary of greenhouse gas emissions"))
    row = _info_block(ws, result, 2, full=False)
    sections: list[tuple[int, int]] = []
    start = row
    first_scope, row = _year_block(ws, result, row, tr("Reporting year: {period}", period=period_text(result.period)))
    sections.append((start, row - 1))
    if result.base is not None:
        base = result.base
        start = row + 1
        _, row = _year_block(ws, base, start, tr("Base year: {period}", period=period_text(base.period)))
        sections.append((start, row - 1))
    start = row + 1
    row, top_header = _largest_block(ws, result, start)
    sections.append((start, row - 1))
    charts_row = row + 1
    _charts(ws, result, (first_scope - 1, first_scope, top_header), charts_row)
    row = charts_row + CHART_ROWS
    sections.append((charts_row, row - 1))
    start = row
    row = notes(ws, row, [tr(NOTE_ROUNDUP), tr(NOTE_EXACT), tr(NOTE_TO_FILL)], list(WIDTHS.values()))
    sections.append((start, row - 1))
    start = row + 1
    row = sign_off(ws, result, start)
    sections.append((start, row - 1))
    form_page(ws, WIDTHS, _Wrap(frozenset({1}), top_header + 1, charts_row), header_rows="")
    keep_together(ws, sections)


def _year_block(ws: Worksheet, result: InventoryResult, row: int, title: str) -> tuple[int, int]:
    """One year's ROUNDUP table and intensity; returns its first scope row and the next free row."""
    from openpyxl.styles import Alignment

    scopes = scope_totals(result)
    rounded = {scope: round_up(value) for scope, value in scopes.items()}
    total = result.total_t_co2e
    s12 = math.fsum([scopes[1], scopes[2]])
    separate = result.separately_reported_t_co2e
    put(ws, row, 1, title)
    _style_row(ws, row, 5, SECTION_FILL)
    row += 1
    _header_row(
        ws,
        row,
        [
            heading(N_("Item")),
            heading(N_("tCO2e\n(exact)")),
            heading(N_("tCO2e rounded up\n(ROUNDUP, TGO Fr-05)")),
            heading(N_("% of Scope 1+2")),
            heading(N_("% of Scope 1+2+3")),
        ],
    )
    row = first = row + 1
    names = {1: N_("Scope 1"), 2: N_("Scope 2"), 3: N_("Scope 3")}
    for scope in SCOPES:
        put(ws, row, 1, tr(names[scope]))
        put(ws, row, 2, scopes[scope], FMT_TCO2E)
        put(ws, row, 3, rounded[scope], FMT_WHOLE)
        if scope < 3 and s12:
            put(ws, row, 4, scopes[scope] / s12, FMT_SHARE)
        if total:
            put(ws, row, 5, scopes[scope] / total, FMT_SHARE)
        row += 1
    other = math.fsum(separate.values())
    put(ws, row, 1, tr("Other (reported separately)"))
    put(ws, row, 2, other, FMT_TCO2E)
    put(ws, row, 3, round_up(other), FMT_WHOLE)
    row += 1
    for kind, value in separate.items():
        put(ws, row, 1, tr(SEPARATE_KINDS[kind])).alignment = Alignment(horizontal="left", indent=2)
        put(ws, row, 2, value, FMT_TCO2E)
        row += 1
    for label, value, whole, shares in (
        (tr("Total Scope 1 & 2"), s12, rounded[1] + rounded[2], (1.0 if s12 else None, _share(s12, total))),
        (tr("Total Scope 1 & 2 & 3"), total, sum(rounded.values()), (None, 1.0 if total else None)),
    ):
        put(ws, row, 1, label)
        put(ws, row, 2, value, FMT_TCO2E)
        put(ws, row, 3, whole, FMT_WHOLE)
        for column, share in zip((4, 5), shares, strict=True):
            if share is not None:
                put(ws, row, column, share, FMT_SHARE)
        _style_row(ws, row, 5, TOTAL_FILL)
        row += 1
    return first, _intensity_block(ws, result, row, (s12, total), rounded)


def _intensity_block(
    ws: Worksheet, result: InventoryResult, row: int, exact_totals: tuple[float, float], rounded: dict[int, int]
) -> int:
    """TGO Fr-05's carbon intensity: tCO2e per unit of the output the inventory gives."""
    from openpyxl.styles import Alignment

    if result.output is None or not result.output[0]:
        put(ws, row, 1, tr("Carbon intensity: no output given (add output: to the inventory)"))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        for label in (tr("Carbon intensity (Scope 1+2)"), tr("Carbon intensity (Scope 1+2+3)")):
            row += 1
            put(ws, row, 1, label)
            to_fill(ws, row, 2)
            to_fill(ws, row, 4)
        return row + 1
    amount, unit, _ = result.output
    _header_row(
        ws,
        row,
        [
            heading(N_("Carbon intensity")),
            heading(N_("exact")),
            heading(N_("from the rounded tonnes")),
            heading(N_("Unit")),
        ],
    )
    row += 1
    for label, value, whole in (
        (tr("Carbon intensity (Scope 1+2)"), exact_totals[0], rounded[1] + rounded[2]),
        (tr("Carbon intensity (Scope 1+2+3)"), exact_totals[1], sum(rounded.values())),
    ):
        put(ws, row, 1, label)
        put(ws, row, 2, value / amount, FMT_TCO2E)
        put(ws, row, 3, whole / amount, FMT_TCO2E)
        put(ws, row, 4, f"tCO2e/{unit}").alignment = Alignment(horizontal="center")
        row += 1
    return row


def _largest_block(ws: Worksheet, result: InventoryResult, row: int) -> tuple[int, int]:
    """The top sources as a table (the bar chart's data); returns the next row and the header row."""
    from openpyxl.styles import Alignment

    total = result.total_t_co2e
    top = largest(result, TOP_SOURCES)
    put(ws, row, 1, tr("Largest sources (top {count}), reporting year", count=TOP_SOURCES))
    _style_row(ws, row, 5, SECTION_FILL)
    header = row + 1
    _header_row(
        ws,
        header,
        [
            heading(N_("Emission source")),
            "tCO2e",
            heading(N_("Scope")),
            heading(N_("% of total")),
            heading(N_("Activity")),
        ],
    )
    row = header + 1
    for line in top:
        put(ws, row, 1, line_name(line))
        put(ws, row, 2, line.t_co2e, FMT_TCO2E)
        put(ws, row, 3, line.scope).alignment = Alignment(horizontal="center")
        if total:
            put(ws, row, 4, line.t_co2e / total, FMT_SHARE)
        put(ws, row, 5, line.activity).alignment = Alignment(indent=1)
        row += 1
    return row, header


def _charts(ws: Worksheet, result: InventoryResult, rows: tuple[int, int, int], at: int) -> None:
    """A pie of the scopes (exact values) and a bar chart of the largest sources, drawn from the
    cells, side by side below the tables (within the printed page)."""
    from openpyxl.chart import BarChart, PieChart, Reference
    from openpyxl.chart.label import DataLabelList

    header, first_scope, top_header = rows
    if result.total_t_co2e:
        pie = PieChart()
        pie.title = tr("Share by scope")
        pie.add_data(Reference(ws, min_col=2, min_row=header, max_row=first_scope + 2), titles_from_data=True)
        pie.set_categories(Reference(ws, min_col=1, min_row=first_scope, max_row=first_scope + 2))
        pie.dataLabels = DataLabelList()
        pie.dataLabels.showPercent = True
        for shown in ("showVal", "showCatName", "showSerName", "showLegendKey"):
            setattr(pie.dataLabels, shown, False)
        pie.width, pie.height = 10, 9
        ws.add_chart(pie, f"A{at}")
    count = len(largest(result, TOP_SOURCES))
    if count:
        bar = BarChart()
        bar.type = "bar"
        bar.title = tr("Largest sources (tCO2e)")
        values = Reference(ws, min_col=2, min_row=top_header, max_row=top_header + count)
        bar.add_data(values, titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=top_header + 1, max_row=top_header + count))
        bar.x_axis.scaling.orientation = "maxMin"  # the largest on top ...
        bar.y_axis.crosses = "max"  # ... and the tonnes axis still below
        bar.x_axis.delete = False
        bar.y_axis.delete = False
        bar.y_axis.number_format = FMT_WHOLE
        bar.y_axis.title = "tCO2e"
        bar.legend = None
        bar.width, bar.height = 16, 9
        ws.add_chart(bar, f"C{at}")


def sign_off(ws: Worksheet, result: InventoryResult, row: int) -> int:
    """Who prepared, reviewed and approved the report, from `organization:`; every name the
    inventory leaves out, every signature and a date not given are blanks to fill in. Returns the
    next row."""
    from openpyxl.styles import Alignment

    organisation = result.organization
    people: tuple[Person | None, ...] = (None, None, None)
    signed = None
    if organisation is not None:
        people = (organisation.preparer, organisation.reviewer, organisation.approver)
        signed = date_text(organisation.signed, result.period)
    put(ws, row, 1, tr("Sign-off"))
    _style_row(ws, row, 7, SECTION_FILL)
    header = row + 1
    _header_row(
        ws,
        header,
        [
            heading(N_("Role")),
            heading(N_("Name")),
            "",
            heading(N_("Position")),
            "",
            heading(N_("Signature")),
            heading(N_("Date")),
        ],
    )
    ws.merge_cells(start_row=header, start_column=2, end_row=header, end_column=3)
    ws.merge_cells(start_row=header, start_column=4, end_row=header, end_column=5)
    row = header + 1
    for role, person in zip(ROLES, people, strict=True):
        put(ws, row, 1, tr(role)).font = _font(bold=True)
        ws.row_dimensions[row].height = 34  # room for a signature
        if person is not None:
            put(ws, row, 2, person.name)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        else:
            to_fill(ws, row, 2, 3)
        if person is not None and person.position:
            put(ws, row, 4, person.position)
            ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
        else:
            to_fill(ws, row, 4, 5)
        to_fill(ws, row, 6)  # a signature is always by hand
        if signed and person is not None:  # a role the inventory names nobody for has signed on no date
            put(ws, row, 7, signed)
        else:
            to_fill(ws, row, 7)
        for column in range(1, 8):
            ws.cell(row=row, column=column).alignment = Alignment(vertical="center", wrap_text=column in (2, 4))
        row += 1
    return row
