"""A computed plan as an Excel workbook (`ghgcalc plan -f xlsx`): Summary, Years, Measures, MACC,
Growth and Sources sheets, with native charts drawn from the cells.

Pure: the typed plan document (models.plan_result.PlanResult) in, the bytes of an .xlsx out. openpyxl is
imported only when a workbook is made. Cells hold the exact values of the document; only the number
formats round what is shown. Text from the plan is always written as text, never as a formula, and
the bytes depend only on the document (fixed document and ZIP timestamps), as in report_xlsx.
Titles and notes are in the language of the run; years in the calendar of the base inventory
(plan_markdown.year). The sheet names stay as they are, for the scripts that read them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ghgcalc import __version__
from ghgcalc.i18n import tr
from ghgcalc.io.xlsx_book import clean, save
from ghgcalc.models.plan_result import BLOCKS, PlanResult
from ghgcalc.reports.markdown import exact
from ghgcalc.reports.plan_markdown import (
    base_period,
    driver_name,
    fields,
    matches,
    met_text,
    not_in_macc_reason,
    year,
)
from ghgcalc.reports.report_xlsx import (
    FMT_WHOLE,
    LINE_HEIGHT,
    SECTION_FILL,
    _finish,
    _header_row,
    _info,
    _lines,
    _style_row,
    _title,
    _Wrap,
    put,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

SUMMARY_SHEET = "Summary"
YEARS_SHEET = "Years"
MEASURES_SHEET = "Measures"
MACC_SHEET = "MACC"
GROWTH_SHEET = "Growth"
SOURCES_SHEET = "Sources"

FMT_T = FMT_WHOLE  # tonnes
FMT_THB = FMT_WHOLE
FMT_SHARE = "0.0%"
FMT_PARAM = "#,##0.######"  # a parameter as given: 1.2, 0.5, 10,000
FMT_YEAR = "0"
FMT_PER_PERSON = "0.00"
HEADER = 3  # the header row of every table sheet: title, a note, then the table


def to_xlsx(plan: PlanResult) -> bytes:
    """The plan workbook; the same document always gives the same bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    summary = workbook.create_sheet(SUMMARY_SHEET)
    years = workbook.create_sheet(YEARS_SHEET)
    _years_sheet(years, plan)
    _summary_sheet(summary, plan, years)
    _measures_sheet(workbook.create_sheet(MEASURES_SHEET), plan)
    _macc_sheet(workbook.create_sheet(MACC_SHEET), plan)
    _growth_sheet(workbook.create_sheet(GROWTH_SHEET), plan)
    _sources_sheet(workbook.create_sheet(SOURCES_SHEET), plan)
    _properties(workbook, plan)
    return save(workbook)


def _properties(workbook: Workbook, plan: PlanResult) -> None:
    """Properties that depend on the document only: 'created' is the end of the base period."""
    stamp = dt.datetime.combine(plan.base.period.end, dt.time())
    props = workbook.properties
    props.creator = props.lastModifiedBy = f"ghgcalc {__version__}"
    props.created = props.modified = stamp
    props.title = clean(tr("GHG reduction plan: {name}", name=plan.name))[:250]


def _table(ws: Worksheet, row: int, values: list[tuple[Any, str | None]]) -> None:
    """One table row; None leaves the cell empty (not applicable), never a 0."""
    for column, (value, number_format) in enumerate(values, start=1):
        if value is not None and value != "":
            put(ws, row, column, value, number_format)


def _note(ws: Worksheet, text: str) -> None:
    put(ws, 2, 1, text)


def _year(plan: PlanResult, value: int) -> int:
    """A year for a cell, as a number: B.E. when the base inventory was written in B.E."""
    return int(year(plan, value))


def _two(words: str, unit: str) -> str:
    """A column title: its words, and its unit on a line of its own."""
    return f"{words}\n{unit}"


# --- Years ---------------------------------------------------------------------------------------


def _years_sheet(ws: Worksheet, plan: PlanResult) -> None:
    measures = plan.measures
    per_person = any(row.net_t_co2e_per_person is not None for row in plan.years)
    _title(ws, tr("BAU and plan by year (tCO2e): {name}", name=plan.name))
    _note(ws, tr("Net = plan − removals; reduction = BAU − net = the sum of the measure columns."))
    titles = [
        tr("Year"),
        _two("BAU", "tCO2e"),
        _two(tr("Plan"), "tCO2e"),
        _two(tr("Removals"), "tCO2"),
        _two(tr("Net"), "tCO2e"),
        _two(tr("Reduction"), "tCO2e"),
        tr("Reduction %"),
        *(m.id for m in measures),
    ]
    if per_person:
        titles.append(tr("Net tCO2e per person"))
    _header_row(ws, HEADER, titles)
    ws.freeze_panes = ws.cell(row=HEADER + 1, column=2)
    row = HEADER + 1
    for item in plan.years:
        share = None if item.reduction_pct is None else item.reduction_pct / 100
        values: list[tuple[Any, str | None]] = [
            (_year(plan, item.year), FMT_YEAR),
            (item.bau_t_co2e, FMT_T),
            (item.plan_t_co2e, FMT_T),
            (item.removals_t_co2, FMT_T),
            (item.net_t_co2e, FMT_T),
            (item.reduction_t_co2e, FMT_T),
            (share, FMT_SHARE),
            *((item.by_measure_t_co2e.get(m.id), FMT_T) for m in measures),
        ]
        if per_person:
            values.append((item.net_t_co2e_per_person, FMT_PER_PERSON))
        _table(ws, row, values)
        row += 1
    widths = {1: 8} | {column: 15 for column in range(2, len(titles) + 1)}
    _finish(ws, widths, landscape_a3=len(titles) > 12)


# --- Summary -------------------------------------------------------------------------------------


def _summary_sheet(ws: Worksheet, plan: PlanResult, years: Worksheet) -> None:
    from openpyxl.styles import Alignment

    base = plan.base
    _title(ws, tr("GHG reduction plan: {name}", name=plan.name))
    rate = plan.discount_rate_pct
    facts: list[tuple[str, Any, str | None]] = [
        (tr("Plan"), plan.name, None),
        (tr("Plan file"), plan.source, None),
        (tr("Base inventory"), f"{base.name} ({base.source})", None),
        (tr("Base period"), base_period(plan), None),
        (tr("Base year"), _year(plan, base.year), FMT_YEAR),
        (tr("Base total tCO2e"), base.total_t_co2e, FMT_T),
        (tr("Horizon"), _year(plan, plan.horizon), FMT_YEAR),
        (tr("GWP set"), tr("{gwp} (IPCC, 100-year)", gwp=plan.gwp), None),
        (tr("Factor sets"), ", ".join(plan.factor_sets), None),
        (tr("Discount rate %"), "-" if rate is None else rate, FMT_PARAM),
    ]
    row = 2
    for label, value, number_format in facts:
        row = _info(ws, row, label, value, 2)
        if number_format:
            ws.cell(row=row - 1, column=2).number_format = number_format
    method = row + 1
    put(ws, method, 1, plan.method).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=method, start_column=1, end_row=method, end_column=9)

    row = method + 2
    put(ws, row, 1, tr("Targets"))
    _style_row(ws, row, 9, SECTION_FILL)
    row += 1
    _header_row(
        ws,
        row,
        [
            tr("Target"),
            tr("Year"),
            tr("Kind"),
            _two(tr("Target"), "tCO2e"),
            _two("BAU", "tCO2e"),
            _two(tr("Plan net"), "tCO2e"),
            _two(tr("Gap"), "tCO2e"),
            _two(tr("Margin"), "tCO2e"),
            tr("Met"),
        ],
    )
    row += 1
    for t in plan.targets:
        _table(
            ws,
            row,
            [
                (t.name, None),
                (_year(plan, t.year), FMT_YEAR),
                (t.kind, None),
                (t.target_t_co2e, FMT_T),
                (t.bau_t_co2e, FMT_T),
                (t.plan_net_t_co2e, FMT_T),
                (t.gap_t_co2e, FMT_T),
                (t.margin_t_co2e, FMT_T),
                (met_text(t), None),
            ],
        )
        row += 1
    if not plan.targets:
        put(ws, row, 1, tr("No targets in the plan."))
        row += 1
    targets_end = row
    if plan.warnings:
        row += 1
        put(ws, row, 1, tr("Warnings: {count}", count=len(plan.warnings)))
        _style_row(ws, row, 9, SECTION_FILL)
        for issue in plan.warnings:
            row += 1
            put(ws, row, 1, f"{issue.severity.value}[{issue.code}]: {issue.message}")
    _trajectory_chart(ws, years, len(plan.years))
    widths = {1: 40, 2: 10, 3: 18, 4: 14, 5: 14, 6: 15, 7: 14, 8: 14, 9: 12}
    _finish(ws, widths, landscape_a3=False, wrap=_Wrap(frozenset({1, 3}), method + 3, targets_end))
    # the method spans the merged columns A:I; _finish counted it in column A alone. Thai text gets a
    # spare line: how wide its letters print depends on the Thai font of the spreadsheet program
    lines = _lines(plan.method, sum(widths.values()), False) + (1 if re.search("[\u0e01-\u0e5b]", plan.method) else 0)
    ws.row_dimensions[method].height = LINE_HEIGHT * lines + 3


def _trajectory_chart(ws: Worksheet, years: Worksheet, count: int) -> None:
    """BAU and the plan's net emissions by year, drawn from the Years sheet's cells."""
    from openpyxl.chart import LineChart, Reference

    if not count:
        return
    chart = LineChart()
    chart.title = tr("BAU vs plan net (tCO2e)")
    for column in (2, 5):  # BAU, Net
        chart.add_data(Reference(years, min_col=column, min_row=HEADER, max_row=HEADER + count), titles_from_data=True)
    chart.set_categories(Reference(years, min_col=1, min_row=HEADER + 1, max_row=HEADER + count))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.title = tr("Year")
    chart.y_axis.title = "tCO2e"
    chart.y_axis.number_format = FMT_WHOLE
    chart.width, chart.height = 20, 10
    ws.add_chart(chart, "K2")


# --- Measures ------------------------------------------------------------------------------------


def _measures_sheet(ws: Worksheet, plan: PlanResult) -> None:
    horizon = year(plan, plan.horizon)
    in_macc = {bar.id for bar in plan.macc}
    _title(ws, tr("Measures: {name}", name=plan.name))
    _note(
        ws,
        tr(
            "Abatement and costs in {year}; net annual cost = annualised investment + O&M − savings; "
            "THB per tCO2e = net annual cost ÷ abatement (negative: the measure saves money).",
            year=horizon,
        ),
    )
    columns: list[tuple[str, float]] = [
        (tr("Id"), 12),
        (tr("Name"), 26),
        (tr("Start"), 8),
        (tr("Ramp years"), 9),
        (tr("Size"), 12),
        (tr("Size unit"), 10),
        (_two(tr("Abatement in {year}", year=horizon), tr("tCO2e/yr")), 14),
        (_two(tr("Cumulative"), "tCO2e"), 14),
        (_two(tr("Investment"), tr("THB")), 16),
        (_two(tr("Annualised"), tr("THB/yr")), 15),
        (_two("O&M", tr("THB/yr")), 14),
        (_two(tr("Savings"), tr("THB/yr")), 15),
        (_two(tr("Net annual cost"), tr("THB")), 16),
        (tr("THB per tCO2e"), 12),
        (tr("In MACC"), 18),
        (tr("Size source"), 24),
        (tr("Catalogue entry"), 14),
        (tr("Applies to"), 24),
        (tr("Lines"), 30),
        (tr("Adds line"), 22),
    ]
    for block in BLOCKS:
        columns += [(block, 30), (tr("{block}\nsource", block=block), 30)]
    _header_row(ws, HEADER, [title for title, _ in columns])
    ws.freeze_panes = ws.cell(row=HEADER + 1, column=3)
    row = HEADER + 1
    for m in plan.measures:
        macc = tr("yes") if m.id in in_macc else tr("no: {reason}", reason=not_in_macc_reason(m, horizon))
        values: list[tuple[Any, str | None]] = [
            (m.id, None),
            (m.name, None),
            (_year(plan, m.start), FMT_YEAR),
            (m.ramp_years, FMT_YEAR),
            (m.size, FMT_PARAM),
            (m.size_unit, None),
            (m.economics.abatement_t_co2e, FMT_T),
            (m.cumulative_t_co2e, FMT_T),
            (m.economics.investment_thb, FMT_THB),
            (m.economics.annualised_investment_thb, FMT_THB),
            (m.economics.om_thb_per_year, FMT_THB),
            (m.economics.savings_thb_per_year, FMT_THB),
            (m.economics.net_annual_cost_thb, FMT_THB),
            (m.economics.cost_thb_per_t_co2e, FMT_THB),
            (macc, None),
            (m.size_source, None),
            (m.catalogue, None),
            (matches(m.applies_to, str) if m.applies_to else None, None),
            ("; ".join(m.lines), None),
            (m.adds, None),
        ]
        for block in BLOCKS:
            given = m.block(block)
            values += [(fields(given, str) if given else None, None), (given.get("source") if given else None, None)]
        _table(ws, row, values)
        row += 1
    widths = {column: width for column, (_, width) in enumerate(columns, start=1)}
    text_columns = frozenset({2, 15, 16, 18, 19, 20, *range(21, len(columns) + 1)})
    _finish(ws, widths, landscape_a3=True, wrap=_Wrap(text_columns, HEADER + 1, row))


# --- MACC ----------------------------------------------------------------------------------------


def _macc_sheet(ws: Worksheet, plan: PlanResult) -> None:
    horizon = year(plan, plan.horizon)
    bars = plan.macc
    _title(ws, tr("Marginal abatement cost curve ({year})", year=horizon))
    _note(
        ws,
        tr("Cheapest first; each bar spans its abatement in {year}, from the cumulative 'from' to 'to'.", year=horizon),
    )
    _header_row(
        ws,
        HEADER,
        [
            "#",
            tr("Id"),
            tr("Name"),
            tr("THB per tCO2e"),
            _two(tr("Abatement in {year}", year=horizon), tr("tCO2e/yr")),
            _two(tr("Cumulative from"), "tCO2e"),
            _two(tr("Cumulative to"), "tCO2e"),
        ],
    )
    row = HEADER + 1
    for rank, bar in enumerate(bars, start=1):
        _table(
            ws,
            row,
            [
                (rank, None),
                (bar.id, None),
                (bar.name, None),
                (bar.cost_thb_per_t_co2e, FMT_THB),
                (bar.abatement_t_co2e, FMT_T),
                (bar.from_t_co2e, FMT_T),
                (bar.to_t_co2e, FMT_T),
            ],
        )
        row += 1
    if not bars:
        put(ws, row, 1, tr("No measure has both costs and abatement."))
        row += 1
    if plan.not_in_macc:
        row += 1
        put(ws, row, 1, tr("Not in the curve"))
        _style_row(ws, row, 7, SECTION_FILL)
        for measure_id in plan.not_in_macc:
            row += 1
            measure = plan.measure(measure_id)
            put(ws, row, 2, measure_id)
            if measure:
                put(ws, row, 3, measure.name)
                put(ws, row, 4, not_in_macc_reason(measure, horizon))
    if bars:
        _macc_chart(ws, len(bars))
    # names (C) and the reasons a measure is not in the curve (D) wrap in their columns
    _finish(ws, {1: 6, 2: 12, 3: 30, 4: 16, 5: 16, 6: 16, 7: 16}, False, _Wrap(frozenset({3, 4}), HEADER + 1, row))


def _macc_chart(ws: Worksheet, count: int) -> None:
    """THB per tCO2e of each measure, cheapest first. A spreadsheet bar cannot be as wide as the
    abatement; the PNG chart (--charts) draws the true curve."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "col"
    chart.title = tr("THB per tCO2e, cheapest first")
    chart.add_data(Reference(ws, min_col=4, min_row=HEADER, max_row=HEADER + count), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=3, min_row=HEADER + 1, max_row=HEADER + count))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.tickLblPos = "low"  # names below the plot, also under bars below zero
    chart.y_axis.title = tr("THB per tCO2e")
    chart.y_axis.number_format = FMT_WHOLE
    chart.legend = None
    chart.width, chart.height = 20, 10
    ws.add_chart(chart, "I2")


# --- Growth and Sources --------------------------------------------------------------------------


def _growth_sheet(ws: Worksheet, plan: PlanResult) -> None:
    _title(ws, tr("BAU growth by line"))
    _note(ws, tr("Each line's quantity grows by its driver's rate, compounded each year from the base year."))
    titles = [
        "#",
        tr("Name"),
        tr("Activity"),
        "GPC",
        tr("Scope"),
        tr("Base quantity"),
        tr("Unit"),
        _two(tr("Base year"), "tCO2e"),
        tr("Driver"),
        _two(tr("Rate"), tr("%/yr")),
        tr("Source"),
    ]
    _header_row(ws, HEADER, titles)
    ws.freeze_panes = ws.cell(row=HEADER + 1, column=3)
    row = HEADER + 1
    for g in plan.growth:
        _table(
            ws,
            row,
            [
                (g.line, None),
                (g.name, None),
                (g.activity, None),
                (g.gpc, None),
                (g.scope, None),
                (g.base_quantity, FMT_PARAM),
                (g.unit, None),
                (g.base_t_co2e, FMT_T),
                (driver_name(g), None),
                (g.rate_pct, FMT_PARAM),
                (g.source, None),
            ],
        )
        row += 1
    widths = {1: 7, 2: 40, 3: 22, 4: 9, 5: 8, 6: 15, 7: 8, 8: 14, 9: 14, 10: 10, 11: 40}
    _finish(ws, widths, landscape_a3=False, wrap=_Wrap(frozenset({2, 11}), HEADER + 1, row))


def _sources_sheet(ws: Worksheet, plan: PlanResult) -> None:
    """Where every number of the plan comes from: drivers, prices, each measure's size and blocks."""
    _title(ws, tr("Where the numbers come from"))
    _note(ws, tr("Each line's growth and its source: the {sheet} sheet.", sheet=GROWTH_SHEET))
    _header_row(ws, HEADER, [tr("Kind"), tr("Item"), tr("Part"), tr("Values"), tr("Source")])
    rows: list[tuple[str, str, str, str, str | None]] = []
    per_year = tr("%/yr")
    for name, driver in plan.drivers.items():
        rows.append((tr("driver"), name, "rate_pct", f"{exact(driver.rate_pct)} {per_year}", driver.source))
    for name, price in plan.prices.items():
        rows.append(
            (
                tr("price"),
                name,
                "thb_per_unit",
                f"{exact(price.thb_per_unit)} THB/{price.unit}",
                price.source,
            )
        )
    for m in plan.measures:
        size = f"{exact(m.size)} {m.size_unit or ''}".strip()
        rows.append((tr("measure"), m.id, "size", size, m.size_source))
        for block in BLOCKS:
            given = m.block(block)
            if given:
                rows.append((tr("measure"), m.id, block, fields(given, str), given.get("source")))
    row = HEADER + 1
    for kind, item, part, values, source in rows:
        _table(ws, row, [(kind, None), (item, None), (part, None), (values, None), (source or "-", None)])
        row += 1
    _finish(ws, {1: 10, 2: 20, 3: 14, 4: 50, 5: 50}, landscape_a3=False, wrap=_Wrap(frozenset({4, 5}), HEADER, row))
