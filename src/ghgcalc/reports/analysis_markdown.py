"""The uncertainty analysis, key categories and data quality as Markdown sections (`compute
--uncertainty -f md`), and the names the Excel report shares with them.

Table 3.2 is laid out as IPCC prints it (2006 IPCC Guidelines Vol.1 Ch.3, Table 3.2, "Approach 1
uncertainty calculation"): columns A to H for the year, I to M for the trend against a base year,
a totals row, then the uncertainty of the total (√ΣH) and of the trend (√ΣM). Emissions are in
tCO2e where IPCC's national table has Gg CO2 equivalent. Tonnes are exact (markdown.exact);
percentages are rounded to two decimals, the contributions to variance (squared fractions, as
IPCC's table has them) to six.
"""

from __future__ import annotations

import math

from ghgcalc.models.analysis import Analysis, DataQualitySummary, KeyCategory, Spread, Table32
from ghgcalc.models.result import InventoryResult
from ghgcalc.quality import TIER_MEANING
from ghgcalc.reports.markdown import exact, text

# IPCC 2006 Vol.1 Ch.3 Table 3.2's columns, by letter, titled short; emissions in tCO2e.
TABLE_3_2 = {
    "A": "Category",
    "B": "Gas",
    "C": "Base year tCO2e",
    "D": "Year t tCO2e",
    "E": "Activity data uncertainty, %",
    "F": "Factor uncertainty, %",
    "G": "Combined uncertainty, %",
    "H": "Contribution to variance, year t",
    "I": "Type A sensitivity",
    "J": "Type B sensitivity",
    "K": "Trend uncertainty from the factor, %",
    "L": "Trend uncertainty from activity data, %",
    "M": "Contribution to the trend's variance",
}
YEAR_COLUMNS = "ABDEFGH"  # without a base year (C is the base year's emissions)
TREND_COLUMNS = "ABCDEFGHIJKLM"
ALL_GASES = "all (CO2e)"  # an organisation's categories are assessed with the gases together
ASSESSMENTS = ("level", "trend", "level × uncertainty", "trend × uncertainty")
NOT_GIVEN = "not given"
FORMULAS_YEAR = "G = √(E² + F²); H = (G × D)² / (ΣD)² with G as a fraction; the total's uncertainty is √ΣH."
FORMULAS = (
    "G = √(E² + F²); H = (G × D)² / (ΣD)² with G as a fraction; I and J as fractions; K = I × F; "
    "L = J × E × √2; M = K² + L² with K and L as fractions; the total's uncertainty is √ΣH, the trend's √ΣM."
)
NOTE_TABLE = (
    "Table 3.2 adds the categories as independent of each other, as IPCC's table does; the Approach 1 "
    "total below also counts once an input that several categories share (a factor, a method "
    "parameter), so the two can differ. Uncertainties are half the 95 % confidence interval in % of "
    "the value; the larger side where a range is asymmetric."
)


def pct(value: float) -> str:
    return f"{value:,.2f}"


def sensitivity(value: float) -> str:
    """I and J, dimensionless, to four decimals as IPCC's worked example (Table 3.4) prints them."""
    return f"{value:.4f}"


def variance(value: float) -> str:
    """H and M, squared fractions as IPCC's table has them: six decimals, so that a category with a
    thousandth of the variance still shows."""
    return f"{value:,.6f}"


def tier_label(tier: str) -> str:
    """TGO Fr-04.1's own words for a source tier: "1st" -> "Self collect / Supplier"."""
    meaning = next((words for name, words in TIER_MEANING.items() if name == tier), None)
    return meaning.split(":", 1)[0] if meaning else "-"


def key_by(row: KeyCategory) -> list[str]:
    flags = (row.key_level, row.key_trend, row.key_level_uncertainty, row.key_trend_uncertainty)
    return [name for name, flag in zip(ASSESSMENTS, flags, strict=True) if flag]


def trend(table: Table32) -> bool:
    return table.trend_uncertainty_pct is not None


def table_columns(table: Table32) -> str:
    return TREND_COLUMNS if trend(table) else YEAR_COLUMNS


def sections(result: InventoryResult) -> list[str]:
    """Uncertainty, Key categories and Data quality with an analysis; Data quality alone when the
    lines are graded but no analysis ran."""
    analysis = result.analysis
    if analysis is None:
        from ghgcalc.core.data_quality import data_quality

        return _data_quality(data_quality(result))
    return [*_uncertainty(result, analysis), *_key_categories(analysis), *_data_quality(analysis.data_quality)]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _uncertainty(result: InventoryResult, analysis: Analysis) -> list[str]:
    table = analysis.table_3_2
    columns = table_columns(table)
    out = ["## Uncertainty (ความไม่แน่นอน)", ""]
    if analysis.base_source is not None:
        out += [f"Base year (ปีฐาน): {text(analysis.base_source)}", ""]
    out += [
        "### IPCC 2006 Table 3.2, Approach 1 (ตาราง 3.2)",
        "",
        _row([f"{letter}: {TABLE_3_2[letter]}" for letter in columns]),
        "|" + "|".join("---" if letter in "AB" else "---:" for letter in columns) + "|",
    ]
    for row in table.rows:
        cells = {
            "A": text(row.category),
            "B": text(row.gas) if row.gas else ALL_GASES,
            "C": exact(row.base_t_co2e or 0.0),
            "D": exact(row.t_co2e),
            "E": pct(row.activity_pct),
            "F": pct(row.factor_pct),
            "G": pct(row.combined_pct),
            "H": variance(row.variance_contribution),
            "I": sensitivity(row.type_a or 0.0),
            "J": sensitivity(row.type_b or 0.0),
            "K": pct(row.trend_from_factor_pct or 0.0),
            "L": pct(row.trend_from_activity_pct or 0.0),
            "M": variance(row.trend_variance or 0.0),
        }
        out.append(_row([cells[letter] for letter in columns]))
    sum_h = math.fsum(row.variance_contribution for row in table.rows)
    totals = {letter: "" for letter in columns} | {
        "A": "**Total (รวม)**",
        "C": f"**{exact(table.base_total_t_co2e or 0.0)}**",
        "D": f"**{exact(math.fsum(row.t_co2e for row in table.rows))}**",
        "H": f"**{variance(sum_h)}**",
        "M": f"**{variance(math.fsum(row.trend_variance or 0.0 for row in table.rows))}**",
    }
    uncertain = {letter: "" for letter in columns} | {
        "A": "**Uncertainty, % (√ΣH; trend √ΣM)**" if trend(table) else "**Uncertainty, % (√ΣH)**",
        "H": f"**{pct(table.total_pct)}**",
        "M": f"**{pct(table.trend_uncertainty_pct or 0.0)}**",
    }
    out += [_row([totals[letter] for letter in columns]), _row([uncertain[letter] for letter in columns]), ""]
    out += [f"Uncertainty of the total (√ΣH): ±{pct(table.total_pct)} %."]
    if table.trend_pct is not None and table.trend_uncertainty_pct is not None:
        out += [
            f"Trend from the base year: {table.trend_pct:+,.2f} %, ±{pct(table.trend_uncertainty_pct)} "
            "percentage points (√ΣM)."
        ]
    out += ["", FORMULAS if trend(table) else FORMULAS_YEAR, NOTE_TABLE, ""]
    return out + _totals(result, analysis)


def _spread_cells(spread: Spread | None) -> list[str]:
    if spread is None:
        return ["-", "-", "-", "-"]
    return [
        exact(spread.mean),
        exact(spread.low),
        exact(spread.high),
        f"{spread.low_pct:+.2f} % / {spread.high_pct:+.2f} %",
    ]


def _totals(result: InventoryResult, analysis: Analysis) -> list[str]:
    first, carlo = analysis.approach_1, analysis.monte_carlo
    out = [
        "### Totals at 95 % (ช่วงความเชื่อมั่น 95 %)",
        "",
        "| | tCO2e | Approach 1, ± % | Monte Carlo mean | 2.5th percentile | 97.5th percentile "
        "| Range, % of the mean |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total = carlo.total if carlo else None
    out.append(_row(["**Total (รวม)**", exact(result.total_t_co2e), pct(first.total_pct), *_spread_cells(total)]))
    for scope, value in result.by_scope_t_co2e.items():
        spread = carlo.by_scope.get(scope) if carlo else None
        out.append(
            _row(
                [f"Scope {text(scope)}", exact(value), pct(first.by_scope_pct.get(scope, 0.0)), *_spread_cells(spread)]
            )
        )
    out.append("")
    if carlo is not None:
        out += [
            f"Approach 1: error propagation (IPCC 2006 Vol.1 Ch.3, Eq. 3.1 and 3.2). Monte Carlo (Approach 2): "
            f"{carlo.draws:,} draws, seed {carlo.seed}; the same seed gives the same numbers.",
            "",
        ]
    counts: dict[str, int] = {}
    for item in analysis.inputs:
        counts[item.origin] = counts.get(item.origin, 0) + 1
    if counts:
        found = ", ".join(f"{n} {text(origin)}" for origin, n in counts.items())
        out += [f"Where the {len(analysis.inputs)} input ranges come from: {found} (docs/data-quality.md).", ""]
    return out


def _key_categories(analysis: Analysis) -> list[str]:
    rows = analysis.key_categories
    if not rows:
        return []
    with_trend = any(row.trend_assessment is not None for row in rows)
    titles = ["#", "Category", "Gas", "tCO2e", "Level share", "Cumulative", "Uncertainty, ± %", "Level × uncertainty"]
    if with_trend:
        titles += ["Base year tCO2e", "Trend assessment", "Trend share"]
    titles.append("Key by")
    out = [
        "## Key categories (หมวดหลัก, IPCC 2006 Vol.1 Ch.4)",
        "",
        _row(titles),
        "|" + "|".join("---" if t in ("Category", "Gas", "Key by") else "---:" for t in titles) + "|",
    ]
    for number, row in enumerate(rows, start=1):
        cells = [
            str(number),
            text(row.category),
            text(row.gas) if row.gas else ALL_GASES,
            exact(row.t_co2e),
            f"{100 * row.level_share:.2f} %",
            f"{100 * row.cumulative:.2f} %",
            pct(row.uncertainty_pct),
            f"{100 * row.level_uncertainty_share:.2f} %",
        ]
        if with_trend:
            cells += [
                exact(row.base_t_co2e or 0.0),
                f"{row.trend_assessment or 0.0:.4f}",
                f"{100 * (row.trend_share or 0.0):.2f} %",
            ]
        names = key_by(row)
        cells.append(("**key**: " + ", ".join(names)) if names else "-")
        out.append(_row(cells))
    out += [
        "",
        f"{sum(1 for row in rows if row.key)} of {len(rows)} categories are key. Level and trend (Approach 1, "
        "Eq. 4.1 and 4.2): the categories that, largest first, make up 95 % of the total (of the sum of the trend "
        "assessments); level × uncertainty and trend × uncertainty (Approach 2): 90 %.",
        "",
    ]
    return out


def verifier_count(summary: DataQualitySummary) -> int:
    return len({index for index, _, _ in summary.for_verifier})


def _data_quality(summary: DataQualitySummary) -> list[str]:
    out = [
        "## Data quality (คุณภาพข้อมูล)",
        "",
        "| Source tier | TGO Fr-04.1 | Lines |",
        "|---|---|---:|",
    ]
    for tier, count in summary.lines_by_source.items():
        label = "-" if tier == NOT_GIVEN else tier_label(tier)
        out.append(_row([text(tier), label, str(count)]))
    out += ["", "| Grade (GPC) | Activity data, lines | Emission factor, lines |", "|---|---:|---:|"]
    for grade, count in summary.lines_by_activity_grade.items():
        out.append(_row([text(grade), str(count), str(summary.lines_by_factor_grade.get(grade, 0))]))
    score = (
        "- (no line is graded)"
        if summary.score is None or summary.score_points is None
        else f"{summary.score} ({summary.score_points:.2f} of 3: high 3, medium 2, low 1, weighted by tCO2e)"
    )
    asked = verifier_count(summary)
    out += ["", f"Score (คะแนน): {score}.", ""]
    out += [
        f"For the verifier (ผู้ทวนสอบ): {asked} line{'' if asked == 1 else 's'} without evidence or of source tier other."
    ]
    if summary.for_verifier:
        out += ["", "| Line | Name | Why |", "|---:|---|---|"]
        out += [_row([str(index + 1), text(name), text(why)]) for index, name, why in summary.for_verifier]
    return [*out, ""]
