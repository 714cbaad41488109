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

from ghgcalc.i18n import N_, tr
from ghgcalc.models.analysis import (
    DEFAULT,
    GIVEN,
    METHOD,
    TABLE,
    Analysis,
    DataQualitySummary,
    KeyCategory,
    Spread,
    Table32,
)
from ghgcalc.models.result import InventoryResult
from ghgcalc.quality import TIER_MEANING
from ghgcalc.reports.markdown import bold, exact, row, text

# IPCC 2006 Vol.1 Ch.3 Table 3.2's columns, by letter, titled short; emissions in tCO2e. The texts
# here are English, marked for the catalog: they are shown with tr().
TABLE_3_2 = {
    "A": N_("Category"),
    "B": N_("Gas"),
    "C": N_("Base year tCO2e"),
    "D": N_("Year t tCO2e"),
    "E": N_("Activity data uncertainty, %"),
    "F": N_("Factor uncertainty, %"),
    "G": N_("Combined uncertainty, %"),
    "H": N_("Contribution to variance, year t"),
    "I": N_("Type A sensitivity"),
    "J": N_("Type B sensitivity"),
    "K": N_("Trend uncertainty from the factor, %"),
    "L": N_("Trend uncertainty from activity data, %"),
    "M": N_("Contribution to the trend's variance"),
}
YEAR_COLUMNS = "ABDEFGH"  # without a base year (C is the base year's emissions)
TREND_COLUMNS = "ABCDEFGHIJKLM"
ALL_GASES = N_("all (CO2e)")  # an organisation's categories are assessed with the gases together
ASSESSMENTS = (N_("level"), N_("trend"), N_("level × uncertainty"), N_("trend × uncertainty"))
NOT_GIVEN = N_("not given")  # also the data's name for a line without a tier or a grade
GRADES = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
# where an input's range comes from (models.analysis), in words
ORIGINS = {
    GIVEN: N_("given"),
    TABLE: N_("factor table"),
    METHOD: N_("method default"),
    DEFAULT: N_("default"),
}
FORMULAS_YEAR = N_("G = √(E² + F²); H = (G × D)² / (ΣD)² with G as a fraction; the total's uncertainty is √ΣH.")
FORMULAS = N_(
    "G = √(E² + F²); H = (G × D)² / (ΣD)² with G as a fraction; I and J as fractions; K = I × F; "
    "L = J × E × √2; M = K² + L² with K and L as fractions; the total's uncertainty is √ΣH, the trend's √ΣM."
)
NOTE_TABLE = N_(
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


def _uncertainty(result: InventoryResult, analysis: Analysis) -> list[str]:
    table = analysis.table_3_2
    columns = table_columns(table)
    out = ["## " + tr("Uncertainty"), ""]
    if analysis.base_source is not None:
        out += [tr("Base year: {source}", source=text(analysis.base_source)), ""]
    out += [
        "### " + tr("IPCC 2006 Table 3.2, Approach 1"),
        "",
        row([f"{letter}: {tr(TABLE_3_2[letter])}" for letter in columns]),
        "|" + "|".join("---" if letter in "AB" else "---:" for letter in columns) + "|",
    ]
    for item in table.rows:
        cells = {
            "A": text(item.category),
            "B": text(item.gas) if item.gas else tr(ALL_GASES),
            "C": exact(item.base_t_co2e or 0.0),
            "D": exact(item.t_co2e),
            "E": pct(item.activity_pct),
            "F": pct(item.factor_pct),
            "G": pct(item.combined_pct),
            "H": variance(item.variance_contribution),
            "I": sensitivity(item.type_a or 0.0),
            "J": sensitivity(item.type_b or 0.0),
            "K": pct(item.trend_from_factor_pct or 0.0),
            "L": pct(item.trend_from_activity_pct or 0.0),
            "M": variance(item.trend_variance or 0.0),
        }
        out.append(row([cells[letter] for letter in columns]))
    sum_h = math.fsum(item.variance_contribution for item in table.rows)
    totals = {letter: "" for letter in columns} | {
        "A": bold(tr("Total")),
        "C": bold(exact(table.base_total_t_co2e or 0.0)),
        "D": bold(exact(math.fsum(item.t_co2e for item in table.rows))),
        "H": bold(variance(sum_h)),
        "M": bold(variance(math.fsum(item.trend_variance or 0.0 for item in table.rows))),
    }
    uncertain = {letter: "" for letter in columns} | {
        "A": bold(tr("Uncertainty, % (√ΣH; trend √ΣM)") if trend(table) else tr("Uncertainty, % (√ΣH)")),
        "H": bold(pct(table.total_pct)),
        "M": bold(pct(table.trend_uncertainty_pct or 0.0)),
    }
    out += [row([totals[letter] for letter in columns]), row([uncertain[letter] for letter in columns]), ""]
    out += [tr("Uncertainty of the total (√ΣH): ±{pct} %.", pct=pct(table.total_pct))]
    if table.trend_pct is not None and table.trend_uncertainty_pct is not None:
        out += [
            tr(
                "Trend from the base year: {trend} %, ±{pct} percentage points (√ΣM).",
                trend=format(table.trend_pct, "+,.2f"),
                pct=pct(table.trend_uncertainty_pct),
            )
        ]
    out += ["", tr(FORMULAS if trend(table) else FORMULAS_YEAR), tr(NOTE_TABLE), ""]
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
    titles = [
        "tCO2e",
        tr("Approach 1, ± %"),
        tr("Monte Carlo mean"),
        tr("2.5th percentile"),
        tr("97.5th percentile"),
        tr("Range, % of the mean"),
    ]
    out = ["### " + tr("Totals at 95 %"), "", "| " + row(titles), "|---|---:|---:|---:|---:|---:|---:|"]
    total = carlo.total if carlo else None
    out.append(row([bold(tr("Total")), exact(result.total_t_co2e), pct(first.total_pct), *_spread_cells(total)]))
    for scope, value in result.by_scope_t_co2e.items():
        spread = carlo.by_scope.get(scope) if carlo else None
        out.append(
            row(
                [
                    tr("Scope {scope}", scope=text(scope)),
                    exact(value),
                    pct(first.by_scope_pct.get(scope, 0.0)),
                    *_spread_cells(spread),
                ]
            )
        )
    out.append("")
    if carlo is not None:
        out += [
            tr(
                "Approach 1: error propagation (IPCC 2006 Vol.1 Ch.3, Eq. 3.1 and 3.2). Monte Carlo (Approach 2): "
                "{draws} draws, seed {seed}; the same seed gives the same numbers.",
                draws=format(carlo.draws, ","),
                seed=carlo.seed,
            ),
            "",
        ]
    counts: dict[str, int] = {}
    for item in analysis.inputs:
        counts[item.origin] = counts.get(item.origin, 0) + 1
    if counts:
        found = ", ".join(
            f"{n} {tr(ORIGINS[origin]) if origin in ORIGINS else text(origin)}" for origin, n in counts.items()
        )
        out += [
            tr(
                "Where the {count} input ranges come from: {found} (docs/data-quality.md).",
                count=len(analysis.inputs),
                found=found,
            ),
            "",
        ]
    return out


def _key_categories(analysis: Analysis) -> list[str]:
    rows = analysis.key_categories
    if not rows:
        return []
    with_trend = any(item.trend_assessment is not None for item in rows)
    titles = [
        "#",
        tr("Category"),
        tr("Gas"),
        "tCO2e",
        tr("Level share"),
        tr("Cumulative"),
        tr("Uncertainty, ± %"),
        tr("Level × uncertainty"),
    ]
    align = ["---:", "---", "---", *["---:"] * 5]
    if with_trend:
        titles += [tr("Base year tCO2e"), tr("Trend assessment"), tr("Trend share")]
        align += ["---:"] * 3
    titles.append(tr("Key by"))
    align.append("---")
    out = [
        "## " + tr("Key categories (IPCC 2006 Vol.1 Ch.4)"),
        "",
        row(titles),
        "|" + "|".join(align) + "|",
    ]
    for number, item in enumerate(rows, start=1):
        cells = [
            str(number),
            text(item.category),
            text(item.gas) if item.gas else tr(ALL_GASES),
            exact(item.t_co2e),
            f"{100 * item.level_share:.2f} %",
            f"{100 * item.cumulative:.2f} %",
            pct(item.uncertainty_pct),
            f"{100 * item.level_uncertainty_share:.2f} %",
        ]
        if with_trend:
            cells += [
                exact(item.base_t_co2e or 0.0),
                f"{item.trend_assessment or 0.0:.4f}",
                f"{100 * (item.trend_share or 0.0):.2f} %",
            ]
        names = key_by(item)
        cells.append(tr("**key**: {by}", by=", ".join(tr(name) for name in names)) if names else "-")
        out.append(row(cells))
    out += [
        "",
        tr(
            "{key} of {count} categories are key. Level and trend (Approach 1, Eq. 4.1 and 4.2): the categories "
            "that, largest first, make up 95 % of the total (of the sum of the trend assessments); level × "
            "uncertainty and trend × uncertainty (Approach 2): 90 %.",
            key=sum(1 for item in rows if item.key),
            count=len(rows),
        ),
        "",
    ]
    return out


def verifier_count(summary: DataQualitySummary) -> int:
    return len({index for index, _, _ in summary.for_verifier})


def grade_text(grade: str) -> str:
    """A grade or tier value in the words of the run ("not given", "high"); other values as written."""
    if grade == NOT_GIVEN:
        return tr(NOT_GIVEN)
    return tr(GRADES[grade]) if grade in GRADES else text(grade)


def _data_quality(summary: DataQualitySummary) -> list[str]:
    out = [
        "## " + tr("Data quality"),
        "",
        row([tr("Source tier"), "TGO Fr-04.1", tr("Lines")]),
        "|---|---|---:|",
    ]
    for tier, count in summary.lines_by_source.items():
        label = "-" if tier == NOT_GIVEN else tier_label(tier)
        out.append(row([grade_text(tier), label, str(count)]))
    out += [
        "",
        row([tr("Grade (GPC)"), tr("Activity data, lines"), tr("Emission factor, lines")]),
        "|---|---:|---:|",
    ]
    for grade, count in summary.lines_by_activity_grade.items():
        out.append(row([grade_text(grade), str(count), str(summary.lines_by_factor_grade.get(grade, 0))]))
    score = (
        tr("- (no line is graded)")
        if summary.score is None or summary.score_points is None
        else tr(
            "{grade} ({points} of 3: high 3, medium 2, low 1, weighted by tCO2e)",
            grade=grade_text(summary.score),
            points=format(summary.score_points, ".2f"),
        )
    )
    asked = verifier_count(summary)
    out += ["", tr("Score: {score}.", score=score), ""]
    out += [
        tr("For the verifier: 1 line without evidence or of source tier other.")
        if asked == 1
        else tr("For the verifier: {count} lines without evidence or of source tier other.", count=asked)
    ]
    if summary.for_verifier:
        out += ["", row([tr("Line"), tr("Name"), tr("Why")]), "|---:|---|---|"]
        out += [row([str(index + 1), text(name), text(why)]) for index, name, why in summary.for_verifier]
    return [*out, ""]
