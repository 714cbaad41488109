"""The Uncertainty and Key categories sheets of the Excel report (`compute --uncertainty -f xlsx`).

The Uncertainty sheet is IPCC 2006 Vol.1 Ch.3 Table 3.2 ("Approach 1 uncertainty calculation"):
a row of the column letters above the titles, as IPCC prints them, and each letter in the
spreadsheet column of the same letter, so that K = I x F reads as =I7*F7. Column C (the base year)
and I to M (the trend) are filled only with a base year (--base). Then the totals row, the
uncertainty of the total (√ΣH, under H) and of the trend (√ΣM, under M), and the 95 % ranges of
the total and each scope by Approach 1 and Monte Carlo.

Cells hold the result's exact values, as in the rest of the report: E, F, G, K and L in % (25.0 is
25 %), I and J and the shares as fractions shown as %, H and M as the result gives them. Titles,
labels and notes are in the language of the run, column headings Thai over English (cfo_text).
Wide tables print across pages at one scale, their first columns repeated (report_xlsx.page_blocks).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ghgcalc.i18n import N_, tr
from ghgcalc.models.analysis import Analysis, DataQualitySummary, Spread, Table32
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.analysis_markdown import (
    ASSESSMENTS,
    FORMULAS,
    FORMULAS_YEAR,
    NOT_GIVEN,
    key_by,
    tier_label,
    trend,
    verifier_count,
)
from ghgcalc.reports.cfo_text import heading
from ghgcalc.reports.report_xlsx import (
    FMT_SHARE,
    FMT_TCO2E,
    NOTE_EXACT,
    SECTION_FILL,
    TOTAL_FILL,
    _finish,
    _font,
    _header_row,
    _info,
    _info_block,
    _style_row,
    _title,
    _Wrap,
    form_page,
    notes,
    page_blocks,
    put,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

UNCERTAINTY_SHEET = "Uncertainty"
KEY_SHEET = "Key categories"
QUALITY_SHEET = "Data quality"
FMT_PCT = "0.00"  # a percentage held in % (the title says %)
FMT_VARIANCE = "0.000000"  # H and M, squared fractions (IPCC's units)
FMT_TREND = "0.0000"
FMT_RANGE = "#,##0.00"  # Monte Carlo tonnes: the cell exact, the display to the hundredth
KEY_MARK = "✓"
GRADE_WORDS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}

TITLES = {  # English, marked for the catalog; shown with cfo_text.heading
    "A": N_("Category"),
    "B": N_("Gas"),
    "C": N_("Base year\ntCO2e"),
    "D": N_("Year t\ntCO2e"),
    "E": N_("Activity data uncertainty\n%"),
    "F": N_("Factor uncertainty\n%"),
    "G": N_("Combined uncertainty\n%"),
    "H": N_("Contribution to variance, year t"),
    "I": N_("Type A sensitivity"),
    "J": N_("Type B sensitivity"),
    "K": N_("Trend uncertainty from the factor\n%"),
    "L": N_("Trend uncertainty from activity data\n%"),
    "M": N_("Contribution to the trend's variance"),
}
LETTERS = "ABCDEFGHIJKLM"
ALL_GASES = N_("all gases (CO2e)")
NOTE_INDEPENDENT = N_(
    "Table 3.2 adds the categories as independent, as IPCC's table does; Approach 1 (the totals above) "
    "counts once an input several categories share, so the two can differ."
)
NOTE_KEY_COUNT = N_(
    "{count} of {total} categories are key (bold). Level and trend (Approach 1, Eq. 4.1, 4.2): largest "
    "first, the categories that make up 95 % of the total (of the sum of the trend assessments)."
)
NOTE_KEY_APPROACH_2 = N_("Level × uncertainty and trend × uncertainty (Approach 2): 90 %.")
KEY_FLAGS = (
    N_("Key by level"),
    N_("Key by trend"),
    N_("Key by level × uncertainty"),
    N_("Key by trend × uncertainty"),
)


def analysis_sheets(workbook: Workbook, result: InventoryResult, analysis: Analysis, suffix: str) -> None:
    uncertainty_sheet(workbook.create_sheet(UNCERTAINTY_SHEET + suffix), result, analysis)
    key_sheet(workbook.create_sheet(KEY_SHEET + suffix), result, analysis)
    quality_sheet(workbook.create_sheet(QUALITY_SHEET + suffix), result, analysis.data_quality)


def _letters_row(ws: Worksheet, row: int, count: int) -> None:
    """IPCC's column letters above the titles, in the spreadsheet columns of the same letters."""
    from openpyxl.styles import Alignment

    for column in range(1, count + 1):
        cell = put(ws, row, column, LETTERS[column - 1])
        cell.font = _font(bold=True)
        cell.alignment = Alignment(horizontal="center")


def uncertainty_sheet(ws: Worksheet, result: InventoryResult, analysis: Analysis) -> None:
    table = analysis.table_3_2
    with_trend = trend(table)
    count = len(LETTERS) if with_trend else LETTERS.index("H") + 1
    _title(ws, tr("Uncertainty (IPCC 2006 Vol.1 Ch.3, Table 3.2, Approach 1)"))
    row = _info_block(ws, result, 4, full=False)
    base = analysis.base_source if analysis.base_source is not None else tr("none (give one with --base)")
    row = _info(ws, row - 1, tr("Base year"), base, 4) + 1
    row = _totals_block(ws, result, analysis, row)
    method_row = row
    row += 2
    put(ws, row, 1, tr("IPCC 2006 Table 3.2, Approach 1")).font = _font(bold=True)
    row += 1
    _letters_row(ws, row, count)
    header = row + 1
    _header_row(ws, header, [heading(TITLES[letter]) for letter in LETTERS[:count]])
    ws.freeze_panes = ws.cell(row=header + 1, column=3)
    ws.print_title_rows = f"{row}:{header}"
    row = header + 1
    for item in table.rows:
        values: list[tuple[Any, str | None]] = [
            (item.category, None),
            (item.gas or tr(ALL_GASES), None),
            (item.base_t_co2e, FMT_TCO2E),
            (item.t_co2e, FMT_TCO2E),
            (item.activity_pct, FMT_PCT),
            (item.factor_pct, FMT_PCT),
            (item.combined_pct, FMT_PCT),
            (item.variance_contribution, FMT_VARIANCE),
            (item.type_a, FMT_TREND),  # dimensionless, as IPCC's Table 3.4 prints them
            (item.type_b, FMT_TREND),
            (item.trend_from_factor_pct, FMT_PCT),
            (item.trend_from_activity_pct, FMT_PCT),
            (item.trend_variance, FMT_VARIANCE),
        ]
        for column, (value, number_format) in enumerate(values[:count], start=1):
            if value is not None:
                put(ws, row, column, value, number_format)
        row += 1
    row = _table_totals(ws, row, table, count)
    texts = [tr(FORMULAS if with_trend else FORMULAS_YEAR), tr(NOTE_INDEPENDENT), tr(NOTE_EXACT)]
    widths: dict[int, float] = {1: 24, 2: 16, 3: 18, 4: 18, 5: 15, 6: 15, 7: 15, 8: 16}
    widths |= {column: 17 for column in range(9, count + 1)}
    first_page = [widths[column] for column in range(1, 9)]
    notes(ws, method_row, [carlo_note(analysis)], first_page)
    notes(ws, row + 1, texts, first_page)
    widths = _finish(ws, widths, landscape_a3=False)
    blocks = [list(range(1, 9)), list(range(9, count + 1))] if with_trend else [list(range(1, count + 1))]
    page_blocks(ws, widths, blocks, 2, "A4")


def _table_totals(ws: Worksheet, row: int, table: Table32, count: int) -> int:
    """Table 3.2's totals row (ΣC, ΣD, ΣH, ΣM) and its uncertainty row (√ΣH under H, √ΣM under M)."""
    put(ws, row, 1, tr("Total"))
    if table.base_total_t_co2e is not None:
        put(ws, row, 3, table.base_total_t_co2e, FMT_TCO2E)
    put(ws, row, 4, math.fsum(item.t_co2e for item in table.rows), FMT_TCO2E)
    put(ws, row, 8, math.fsum(item.variance_contribution for item in table.rows), FMT_VARIANCE)
    if table.trend_uncertainty_pct is not None:
        put(ws, row, 13, math.fsum(item.trend_variance or 0.0 for item in table.rows), FMT_VARIANCE)
    _style_row(ws, row, count, TOTAL_FILL)
    row += 1
    if table.trend_uncertainty_pct is not None:
        label = tr("Uncertainty, % (√ΣH; trend √ΣM)")
    else:
        label = tr("Uncertainty, % (√ΣH)")
    put(ws, row, 1, label)
    put(ws, row, 8, table.total_pct, FMT_PCT)
    if table.trend_uncertainty_pct is not None:
        put(ws, row, 13, table.trend_uncertainty_pct, FMT_PCT)
    _style_row(ws, row, count, TOTAL_FILL)
    row += 1
    if table.trend_pct is not None:
        put(ws, row, 1, tr("Trend from the base year, %"))
        put(ws, row, 4, table.trend_pct, FMT_PCT)
        row += 1
    return row


def _totals_block(ws: Worksheet, result: InventoryResult, analysis: Analysis, row: int) -> int:
    """The 95 % ranges of the total and each scope: Approach 1 (±%) and Monte Carlo (percentiles)."""
    first, carlo = analysis.approach_1, analysis.monte_carlo
    put(ws, row, 1, tr("Totals at 95 %"))
    _style_row(ws, row, 8, SECTION_FILL)
    row += 1
    _header_row(
        ws,
        row,
        [
            heading(N_("Item")),
            "tCO2e",
            heading(N_("Approach 1\n± %")),
            heading(N_("Monte Carlo mean\ntCO2e")),
            heading(N_("Monte Carlo\n2.5th percentile\ntCO2e")),
            heading(N_("Monte Carlo\n97.5th percentile\ntCO2e")),
            heading(N_("below the mean\n%")),
            heading(N_("above the mean\n%")),
        ],
    )
    row += 1
    rows: list[tuple[str, float, float, Spread | None]] = [
        (tr("Total"), result.total_t_co2e, first.total_pct, carlo.total if carlo else None)
    ]
    for scope, value in result.by_scope_t_co2e.items():
        spread = carlo.by_scope.get(scope) if carlo else None
        rows.append((tr("Scope {scope}", scope=scope), value, first.by_scope_pct.get(scope, 0.0), spread))
    for label, value, pct, spread in rows:
        put(ws, row, 1, label)
        put(ws, row, 2, value, FMT_TCO2E)
        put(ws, row, 3, pct, FMT_PCT)
        if spread is not None:
            for column, number in enumerate((spread.mean, spread.low, spread.high), start=4):
                put(ws, row, column, number, FMT_RANGE)
            put(ws, row, 7, spread.low_pct, FMT_PCT)
            put(ws, row, 8, spread.high_pct, FMT_PCT)
        row += 1
    return row


def carlo_note(analysis: Analysis) -> str:
    carlo = analysis.monte_carlo
    method = tr("Approach 1: error propagation (IPCC 2006 Vol.1 Ch.3, Eq. 3.1, 3.2).")
    if carlo is None:
        return method
    draws = f"{carlo.draws:,}"
    return tr(
        "{method} Monte Carlo (Approach 2): {draws} draws, seed {seed}; the 2.5th and 97.5th percentiles, and "
        "their % of the draws' mean; the same seed gives the same numbers.",
        method=method,
        draws=draws,
        seed=carlo.seed,
    )


def key_sheet(ws: Worksheet, result: InventoryResult, analysis: Analysis) -> None:
    from openpyxl.styles import Alignment

    rows = analysis.key_categories
    with_trend = any(item.trend_assessment is not None for item in rows)
    titles = [
        heading(N_("#")),
        heading(N_("Category")),
        heading(N_("Gas")),
        "tCO2e",
        heading(N_("Level share")),
        heading(N_("Cumulative")),
        heading(N_("Uncertainty\n± %")),
        heading(N_("Level × uncertainty\nshare")),
    ]
    if with_trend:
        titles += [heading(N_("Base year\ntCO2e")), heading(N_("Trend assessment")), heading(N_("Trend share"))]
    flags = [heading(flag) for flag in KEY_FLAGS]
    titles += flags if with_trend else [flags[0], flags[2]]
    _title(ws, tr("Key categories (IPCC 2006 Vol.1 Ch.4)"))
    header = _info_block(ws, result, 4, full=False)
    _header_row(ws, header, titles)
    ws.freeze_panes = ws.cell(row=header + 1, column=3)
    ws.print_title_rows = f"{header}:{header}"
    row = header + 1
    center = Alignment(horizontal="center")
    bold = _font(bold=True)
    for number, item in enumerate(rows, start=1):
        cells: list[tuple[Any, str | None]] = [
            (number, None),
            (item.category, None),
            (item.gas or tr(ALL_GASES), None),
            (item.t_co2e, FMT_TCO2E),
            (item.level_share, FMT_SHARE),
            (item.cumulative, FMT_SHARE),
            (item.uncertainty_pct, FMT_PCT),
            (item.level_uncertainty_share, FMT_SHARE),
        ]
        if with_trend:
            cells += [
                (item.base_t_co2e, FMT_TCO2E),
                (item.trend_assessment, FMT_TREND),
                (item.trend_share, FMT_SHARE),
            ]
        for column, (value, number_format) in enumerate(cells, start=1):
            if value is not None:
                put(ws, row, column, value, number_format)
        names = key_by(item)
        for column, name in enumerate(ASSESSMENTS if with_trend else ASSESSMENTS[::2], start=len(cells) + 1):
            if name in names:
                put(ws, row, column, KEY_MARK).alignment = center
        ws.cell(row=row, column=1).alignment = center
        if item.key:
            for column in range(1, len(titles) + 1):
                ws.cell(row=row, column=column).font = bold
        row += 1
    key_count = sum(1 for item in rows if item.key)
    texts = [tr(NOTE_KEY_COUNT, count=key_count, total=len(rows)), tr(NOTE_KEY_APPROACH_2), tr(NOTE_EXACT)]
    widths: dict[int, float] = {1: 7, 2: 24, 3: 18, 4: 18, 5: 12, 6: 12, 7: 14, 8: 16}
    widths |= {column: 15 for column in range(9, len(titles) + 1)}
    if with_trend:
        widths[9] = 18  # the base year's tonnes
    notes(ws, row + 1, texts, [widths[column] for column in range(1, 9)])
    widths = _finish(ws, widths, landscape_a3=False, wrap=_Wrap(frozenset({2}), header + 1, row))
    blocks = [list(range(1, 9)), list(range(9, len(titles) + 1))]
    page_blocks(ws, widths, blocks, 3, "A4")


def quality_sheet(ws: Worksheet, result: InventoryResult, summary: DataQualitySummary) -> None:
    """Lines by TGO source tier and GPC grade, the score, and the lines a verifier will ask about."""
    from openpyxl.styles import Alignment

    _title(ws, tr("Data quality"))
    row = _info_block(ws, result, 2, full=False)
    _header_row(ws, row, [heading(N_("Source tier")), "TGO Fr-04.1", heading(N_("Lines"))])
    row += 1
    for tier, count in summary.lines_by_source.items():
        put(ws, row, 1, tr(NOT_GIVEN) if tier == NOT_GIVEN else tier)
        put(ws, row, 2, "-" if tier == NOT_GIVEN else tier_label(tier))
        put(ws, row, 3, count)
        row += 1
    row += 1
    _header_row(
        ws, row, [heading(N_("Grade (GPC)")), heading(N_("Activity data, lines")), heading(N_("Factor, lines"))]
    )
    row += 1
    for grade, count in summary.lines_by_activity_grade.items():
        put(ws, row, 1, tr(NOT_GIVEN) if grade == NOT_GIVEN else tr(GRADE_WORDS.get(grade, grade)))
        put(ws, row, 2, count)
        put(ws, row, 3, summary.lines_by_factor_grade.get(grade, 0))
        row += 1
    row += 1
    put(ws, row, 1, tr("Score")).font = _font(bold=True)
    if summary.score is None or summary.score_points is None:
        put(ws, row, 2, tr("- (no line is graded)"))
    else:
        put(ws, row, 2, tr(GRADE_WORDS.get(summary.score, summary.score)))
        put(ws, row, 3, summary.score_points, "0.00")
        put(ws, row + 1, 2, tr("points of 3: high 3, medium 2, low 1; weighted by tCO2e over the graded lines"))
        row += 1
    row += 2
    put(ws, row, 1, tr("For the verifier: lines to look at ({count})", count=verifier_count(summary)))
    _style_row(ws, row, 3, SECTION_FILL)
    row += 1
    first = row
    if summary.for_verifier:
        _header_row(ws, row, [heading(N_("#")), heading(N_("Line")), heading(N_("Why"))])
        row += 1
        for index, name, why in summary.for_verifier:
            put(ws, row, 1, index + 1).alignment = Alignment(horizontal="center")
            put(ws, row, 2, name)
            put(ws, row, 3, why)
            row += 1
    form_page(ws, {1: 26, 2: 48, 3: 30}, _Wrap(frozenset({2, 3}), first, row))
