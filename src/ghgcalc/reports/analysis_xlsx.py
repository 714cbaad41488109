"""The Uncertainty and Key categories sheets of the Excel report (`compute --uncertainty -f xlsx`).

The Uncertainty sheet is IPCC 2006 Vol.1 Ch.3 Table 3.2 ("Approach 1 uncertainty calculation"):
a row of the column letters above the titles, as IPCC prints them, and each letter in the
spreadsheet column of the same letter, so that K = I x F reads as =I7*F7. Column C (the base year)
and I to M (the trend) are filled only with a base year (--base). Then the totals row, the
uncertainty of the total (√ΣH, under H) and of the trend (√ΣM, under M), and the 95 % ranges of
the total and each scope by Approach 1 and Monte Carlo.

Cells hold the result's exact values, as in the rest of the report: E, F, G, K and L in % (25.0 is
25 %), I and J and the shares as fractions shown as %, H and M as the result gives them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

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
from ghgcalc.reports.report_xlsx import (
    FMT_SHARE,
    FMT_TCO2E,
    LINE_HEIGHT,
    NOTE_EXACT,
    SECTION_FILL,
    TOTAL_FILL,
    _finish,
    _font,
    _header_row,
    _info,
    _info_block,
    _lines,
    _style_row,
    _title,
    _Wrap,
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

TITLES = {
    "A": "หมวด\nCategory",
    "B": "ก๊าซ\nGas",
    "C": "ปีฐาน\nBase year\ntCO2e",
    "D": "ปีที่รายงาน\nYear t\ntCO2e",
    "E": "ความไม่แน่นอนของข้อมูลกิจกรรม\nActivity data uncertainty\n%",
    "F": "ความไม่แน่นอนของค่าการปล่อย\nFactor uncertainty\n%",
    "G": "ความไม่แน่นอนรวม\nCombined uncertainty\n%",
    "H": "สัดส่วนต่อความแปรปรวน\nContribution to variance, year t",
    "I": "ความไวแบบ A\nType A sensitivity",
    "J": "ความไวแบบ B\nType B sensitivity",
    "K": "ความไม่แน่นอนของแนวโน้มจากค่าการปล่อย\nTrend uncertainty from the factor\n%",
    "L": "ความไม่แน่นอนของแนวโน้มจากข้อมูลกิจกรรม\nTrend uncertainty from activity data\n%",
    "M": "สัดส่วนต่อความแปรปรวนของแนวโน้ม\nContribution to the trend's variance",
}
LETTERS = "ABCDEFGHIJKLM"
ALL_GASES = "ทุกก๊าซ / all (CO2e)"
NOTE_INDEPENDENT = (
    "ตาราง 3.2 รวมหมวดต่าง ๆ อย่างเป็นอิสระต่อกัน / Table 3.2 adds the categories as independent, as IPCC's "
    "table does; Approach 1 (the totals above) counts once an input several categories share, so the two can differ."
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
    _title(ws, "ความไม่แน่นอน / Uncertainty (IPCC 2006 Vol.1 Ch.3, Table 3.2, Approach 1)")
    row = _info_block(ws, result, 4, full=False)
    if analysis.base_source is not None:
        row = _info(ws, row - 1, "ปีฐาน / Base year", analysis.base_source, 4) + 1
    else:
        row = _info(ws, row - 1, "ปีฐาน / Base year", "ไม่มี / none (give one with --base)", 4) + 1
    row = _totals_block(ws, result, analysis, row)
    method_row = row
    row += 2
    put(ws, row, 1, "ตาราง 3.2 / IPCC 2006 Table 3.2, Approach 1").font = _font(bold=True)
    row += 1
    _letters_row(ws, row, count)
    header = row + 1
    _header_row(ws, header, [TITLES[letter] for letter in LETTERS[:count]])
    ws.freeze_panes = ws.cell(row=header + 1, column=3)
    ws.print_title_rows = f"{row}:{header}"
    row = header + 1
    for item in table.rows:
        values: list[tuple[Any, str | None]] = [
            (item.category, None),
            (item.gas or ALL_GASES, None),
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
    notes = [FORMULAS if with_trend else FORMULAS_YEAR, NOTE_INDEPENDENT, NOTE_EXACT]
    widths = {1: 22, 2: 16, 3: 18, 4: 18, 5: 15, 6: 15, 7: 15, 8: 16}
    widths |= {column: 17 for column in range(9, count + 1)}
    _finish(ws, widths, landscape_a3=with_trend)
    _one_page_if_short(ws, len(table.rows))
    _notes(ws, method_row, [carlo_note(analysis)], [widths[column] for column in range(1, 9)])
    _notes(ws, row + 1, notes, [widths[column] for column in range(1, count + 1)])


SHORT = 25  # categories: a table this short prints on one page


def _one_page_if_short(ws: Worksheet, rows: int) -> None:
    """A short table prints on one page (an organisation's dozen categories must not leave its totals
    row alone on a second page); a long one runs on, its titles repeated on every page."""
    if rows <= SHORT:
        ws.page_setup.fitToHeight = 1


def _notes(ws: Worksheet, row: int, notes: list[str], widths: list[float]) -> int:
    """Notes below a table, each wrapped in one cell merged across the table's width, so that a long
    note neither runs past the printed page nor widens it; returns the next row."""
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    for note in notes:
        put(ws, row, 1, note).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        ws.row_dimensions[row].height = LINE_HEIGHT * _lines(note, sum(widths), bold=False) + 3
        row += 1
    return row


def _table_totals(ws: Worksheet, row: int, table: Table32, count: int) -> int:
    """Table 3.2's totals row (ΣC, ΣD, ΣH, ΣM) and its uncertainty row (√ΣH under H, √ΣM under M)."""
    put(ws, row, 1, "รวม / Total")
    if table.base_total_t_co2e is not None:
        put(ws, row, 3, table.base_total_t_co2e, FMT_TCO2E)
    put(ws, row, 4, math.fsum(item.t_co2e for item in table.rows), FMT_TCO2E)
    put(ws, row, 8, math.fsum(item.variance_contribution for item in table.rows), FMT_VARIANCE)
    if table.trend_uncertainty_pct is not None:
        put(ws, row, 13, math.fsum(item.trend_variance or 0.0 for item in table.rows), FMT_VARIANCE)
    _style_row(ws, row, count, TOTAL_FILL)
    row += 1
    label = "ความไม่แน่นอน % / Uncertainty, % (√ΣH" + ("; trend √ΣM)" if table.trend_uncertainty_pct is not None else ")")
    put(ws, row, 1, label)
    put(ws, row, 8, table.total_pct, FMT_PCT)
    if table.trend_uncertainty_pct is not None:
        put(ws, row, 13, table.trend_uncertainty_pct, FMT_PCT)
    _style_row(ws, row, count, TOTAL_FILL)
    row += 1
    if table.trend_pct is not None:
        put(ws, row, 1, "แนวโน้มจากปีฐาน % / Trend from the base year, %")
        put(ws, row, 4, table.trend_pct, FMT_PCT)
        row += 1
    return row


def _totals_block(ws: Worksheet, result: InventoryResult, analysis: Analysis, row: int) -> int:
    """The 95 % ranges of the total and each scope: Approach 1 (±%) and Monte Carlo (percentiles)."""
    first, carlo = analysis.approach_1, analysis.monte_carlo
    put(ws, row, 1, "ช่วงความเชื่อมั่น 95 % / Totals at 95 %")
    _style_row(ws, row, 8, SECTION_FILL)
    row += 1
    _header_row(
        ws,
        row,
        [
            "รายการ\nItem",
            "tCO2e",
            "Approach 1\n± %",
            "Monte Carlo\nค่าเฉลี่ย / mean\ntCO2e",
            "Monte Carlo\n2.5th percentile\ntCO2e",
            "Monte Carlo\n97.5th percentile\ntCO2e",
            "ต่ำกว่าค่าเฉลี่ย\nbelow the mean\n%",
            "สูงกว่าค่าเฉลี่ย\nabove the mean\n%",
        ],
    )
    row += 1
    rows: list[tuple[str, float, float, Spread | None]] = [
        ("รวม / Total", result.total_t_co2e, first.total_pct, carlo.total if carlo else None)
    ]
    for scope, value in result.by_scope_t_co2e.items():
        spread = carlo.by_scope.get(scope) if carlo else None
        rows.append((f"ประเภท {scope} / Scope {scope}", value, first.by_scope_pct.get(scope, 0.0), spread))
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
    method = "Approach 1: error propagation (IPCC 2006 Vol.1 Ch.3, Eq. 3.1, 3.2)."
    if carlo is None:
        return method
    return (
        f"{method} Monte Carlo (Approach 2): {carlo.draws:,} draws, seed {carlo.seed}; the 2.5th and 97.5th "
        "percentiles, and their % of the draws' mean; the same seed gives the same numbers."
    )


def key_sheet(ws: Worksheet, result: InventoryResult, analysis: Analysis) -> None:
    from openpyxl.styles import Alignment

    rows = analysis.key_categories
    with_trend = any(item.trend_assessment is not None for item in rows)
    titles = [
        "ลำดับ\n#",
        "หมวด\nCategory",
        "ก๊าซ\nGas",
        "tCO2e",
        "สัดส่วน\nLevel share",
        "สะสม\nCumulative",
        "ความไม่แน่นอน\nUncertainty\n± %",
        "ระดับ × ความไม่แน่นอน\nLevel × uncertainty\nshare",
    ]
    if with_trend:
        titles += ["ปีฐาน\nBase year\ntCO2e", "การประเมินแนวโน้ม\nTrend assessment", "สัดส่วนแนวโน้ม\nTrend share"]
    flags = [
        "หลักโดยระดับ\nKey by level",
        "หลักโดยแนวโน้ม\nKey by trend",
        "หลักโดยระดับ × ความไม่แน่นอน\nKey by level × uncertainty",
        "หลักโดยแนวโน้ม × ความไม่แน่นอน\nKey by trend × uncertainty",
    ]
    titles += flags if with_trend else [flags[0], flags[2]]
    _title(ws, "หมวดหลัก / Key categories (IPCC 2006 Vol.1 Ch.4)")
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
            (item.gas or ALL_GASES, None),
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
    notes = [
        f"{key_count} of {len(rows)} categories are key (bold). ระดับและแนวโน้ม / Level and trend (Approach 1, "
        "Eq. 4.1, 4.2): largest first, the categories that make up 95 % of the total (of the sum of the trend "
        "assessments).",
        "ระดับ × ความไม่แน่นอน / Level × uncertainty and trend × uncertainty (Approach 2): 90 %.",
        NOTE_EXACT,
    ]
    widths = {1: 7, 2: 24, 3: 18, 4: 18, 5: 12, 6: 12, 7: 14, 8: 16}
    widths |= {column: 14 for column in range(9, len(titles) + 1)}
    if with_trend:
        widths[9] = 18  # the base year's tonnes
    _finish(ws, widths, landscape_a3=False)
    _one_page_if_short(ws, len(rows))
    _notes(ws, row + 1, notes, [widths[column] for column in range(1, len(titles) + 1)])


def quality_sheet(ws: Worksheet, result: InventoryResult, summary: DataQualitySummary) -> None:
    """Lines by TGO source tier and GPC grade, the score, and the lines a verifier will ask about."""
    from openpyxl.styles import Alignment

    _title(ws, "คุณภาพข้อมูล / Data quality")
    row = _info_block(ws, result, 2, full=False)
    _header_row(ws, row, ["แหล่งข้อมูล\nSource tier", "TGO Fr-04.1", "รายการ\nLines"])
    row += 1
    for tier, count in summary.lines_by_source.items():
        put(ws, row, 1, "ไม่ระบุ / not given" if tier == NOT_GIVEN else tier)
        put(ws, row, 2, "-" if tier == NOT_GIVEN else tier_label(tier))
        put(ws, row, 3, count)
        row += 1
    row += 1
    _header_row(ws, row, ["ระดับ (GPC)\nGrade", "ข้อมูลกิจกรรม\nActivity data, lines", "ค่าการปล่อย\nFactor, lines"])
    row += 1
    for grade, count in summary.lines_by_activity_grade.items():
        put(ws, row, 1, "ไม่ระบุ / not given" if grade == NOT_GIVEN else grade)
        put(ws, row, 2, count)
        put(ws, row, 3, summary.lines_by_factor_grade.get(grade, 0))
        row += 1
    row += 1
    put(ws, row, 1, "คะแนน / Score").font = _font(bold=True)
    if summary.score is None or summary.score_points is None:
        put(ws, row, 2, "- (ไม่มีรายการที่ระบุระดับ / no line is graded)")
    else:
        put(ws, row, 2, summary.score)
        put(ws, row, 3, summary.score_points, '0.00" of 3"')
        put(ws, row + 1, 2, "high 3, medium 2, low 1; weighted by tCO2e over the graded lines")
        row += 1
    row += 2
    asked = verifier_count(summary)
    put(ws, row, 1, f"สำหรับผู้ทวนสอบ / For the verifier: {asked} line{'' if asked == 1 else 's'}")
    _style_row(ws, row, 3, SECTION_FILL)
    row += 1
    first = row
    if summary.for_verifier:
        _header_row(ws, row, ["ลำดับ\n#", "รายการ\nLine", "เหตุผล\nWhy"])
        row += 1
        for index, name, why in summary.for_verifier:
            put(ws, row, 1, index + 1).alignment = Alignment(horizontal="center")
            put(ws, row, 2, name)
            put(ws, row, 3, why)
            row += 1
    _finish(ws, {1: 26, 2: 48, 3: 24}, landscape_a3=False, wrap=_Wrap(frozenset({2}), first, row))
