"""The uncertainty, key categories and data quality of an inventory as report Sections (the
inventory report, reports/inventory_report.py): the same tables as the Markdown's
(reports/analysis_markdown.py, whose words they share), with exact values a renderer rounds.

IPCC 2006 Vol.1 Ch.3 Table 3.2 is laid out as IPCC prints it, columns A to H for the year and I to
M for the trend against a base year; key categories after Vol.1 Ch.4; the data-quality summary
(lines by TGO tier and by grade, and the lines a verifier will ask about) whenever the lines are
graded, with or without --uncertainty, as the JSON result has it.
"""

from __future__ import annotations

import math

from ghgcalc.i18n import tr
from ghgcalc.models.analysis import Analysis, DataQualitySummary, Spread, Table32, Table32Row
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.analysis_markdown import (
    ALL_GASES,
    FORMULAS,
    FORMULAS_YEAR,
    GRADES,
    NOT_GIVEN,
    NOTE_TABLE,
    ORIGINS,
    TABLE_3_2,
    key_by,
    table_columns,
    tier_label,
    trend,
    verifier_count,
)
from ghgcalc.reports.cfo_text import SCOPE_NAMES
from ghgcalc.reports.document import Cell, Column, Kind, Row, Section, Table, table

# Table 3.2's columns: how each is shown (C and D tonnes, E-G and K-L in %, H and M squared fractions)
KINDS: dict[str, Kind] = {
    "A": "code",
    "B": "text",
    "C": "tonnes",
    "D": "tonnes",
    "E": "percent",
    "F": "percent",
    "G": "percent",
    "H": "number",
    "I": "number",
    "J": "number",
    "K": "percent",
    "L": "percent",
    "M": "number",
}


def analysis_sections(result: InventoryResult) -> list[Section]:
    """Uncertainty and Key categories with an analysis, then Data quality; Data quality alone when
    the lines are graded (or give evidence) but no analysis ran; nothing otherwise."""
    analysis = result.analysis
    if analysis is not None:
        return [
            _uncertainty(result, analysis),
            *_key_categories(analysis),
            _data_quality(analysis.data_quality),
        ]
    if any(line.data_quality is not None or line.evidence is not None for line in result.lines):
        from ghgcalc.core.data_quality import data_quality

        return [_data_quality(data_quality(result))]
    return []


def _spread(spread: Spread | None) -> tuple[Cell, ...]:
    if spread is None:
        return (None, None, None, None, None)
    return (spread.mean, spread.low, spread.high, spread.low_pct, spread.high_pct)


def _uncertainty(result: InventoryResult, analysis: Analysis) -> Section:
    first, carlo = analysis.approach_1, analysis.monte_carlo
    columns = (
        Column(tr("Item")),
        Column("tCO2e", "tonnes"),
        Column(tr("Approach 1, ± %"), "percent"),
        Column(tr("Monte Carlo mean"), "tonnes"),
        Column(tr("2.5th percentile"), "tonnes"),
        Column(tr("97.5th percentile"), "tonnes"),
        Column(tr("Low, % of the mean"), "percent"),
        Column(tr("High, % of the mean"), "percent"),
    )
    rows: list[Row] = [
        Row(
            (tr("Total"), result.total_t_co2e, first.total_pct, *_spread(carlo.total if carlo else None)),
            "total",
        )
    ]
    for scope, value in result.by_scope_t_co2e.items():
        spread = carlo.by_scope.get(scope) if carlo else None
        name = tr(SCOPE_NAMES[int(scope)]) if scope.isdigit() and int(scope) in SCOPE_NAMES else scope
        rows.append(Row((name, value, first.by_scope_pct.get(scope, 0.0), *_spread(spread)), level=1))
    paragraphs = []
    if analysis.base_source is not None:
        paragraphs.append(tr("Base year: {source}", source=analysis.base_source))
    if carlo is not None:
        paragraphs.append(
            tr(
                "Approach 1: error propagation (IPCC 2006 Vol.1 Ch.3, Eq. 3.1 and 3.2). Monte Carlo (Approach 2): "
                "{draws} draws, seed {seed}; the same seed gives the same numbers.",
                draws=format(carlo.draws, ","),
                seed=carlo.seed,
            )
        )
    counts: dict[str, int] = {}
    for item in analysis.inputs:
        counts[item.origin] = counts.get(item.origin, 0) + 1
    if counts:
        found = ", ".join(f"{n} {tr(ORIGINS[origin]) if origin in ORIGINS else origin}" for origin, n in counts.items())
        paragraphs.append(
            tr(
                "Where the {count} input ranges come from: {found} (docs/data-quality.md).",
                count=len(analysis.inputs),
                found=found,
            )
        )
    totals = table(tr("Totals at 95 %"), columns, rows, key="uncertainty-totals")
    return Section(
        tr("Uncertainty"),
        paragraphs=tuple(paragraphs),
        tables=(totals, _table_3_2(analysis.table_3_2)),
        key="uncertainty",
    )


def _cells(item: Table32Row) -> dict[str, Cell]:
    return {
        "A": item.category,
        "B": item.gas if item.gas else tr(ALL_GASES),
        "C": item.base_t_co2e,
        "D": item.t_co2e,
        "E": item.activity_pct,
        "F": item.factor_pct,
        "G": item.combined_pct,
        "H": item.variance_contribution,
        "I": item.type_a,
        "J": item.type_b,
        "K": item.trend_from_factor_pct,
        "L": item.trend_from_activity_pct,
        "M": item.trend_variance,
    }


def _table_3_2(table32: Table32) -> Table:
    letters = table_columns(table32)
    columns = [Column(f"{letter}: {tr(TABLE_3_2[letter])}", KINDS[letter]) for letter in letters]
    rows = [Row(tuple(_cells(item)[letter] for letter in letters)) for item in table32.rows]
    blank: dict[str, Cell] = dict.fromkeys(letters)
    totals = blank | {
        "A": tr("Total"),
        "B": "",
        "C": table32.base_total_t_co2e,
        "D": math.fsum(item.t_co2e for item in table32.rows),
        "H": math.fsum(item.variance_contribution for item in table32.rows),
        "M": math.fsum(item.trend_variance or 0.0 for item in table32.rows) if trend(table32) else None,
    }
    with_trend = trend(table32)
    # the uncertainty of the total (and of the trend) as percentages, under G, the combined uncertainty
    uncertain = blank | {"A": tr("Uncertainty, % (√ΣH)"), "B": "", "G": table32.total_pct}
    rows += [
        Row(tuple(totals[letter] for letter in letters), "subtotal"),
        Row(tuple(uncertain[letter] for letter in letters), "total"),
    ]
    if with_trend:
        of_trend = blank | {
            "A": tr("Trend uncertainty, percentage points (√ΣM)"),
            "B": "",
            "G": table32.trend_uncertainty_pct,
        }
        rows.append(Row(tuple(of_trend[letter] for letter in letters), "total"))
    notes = [tr("Uncertainty of the total (√ΣH): ±{pct} %.", pct=format(table32.total_pct, ",.2f"))]
    if table32.trend_pct is not None and table32.trend_uncertainty_pct is not None:
        notes.append(
            tr(
                "Trend from the base year: {trend} %, ±{pct} percentage points (√ΣM).",
                trend=format(table32.trend_pct, "+,.2f"),
                pct=format(table32.trend_uncertainty_pct, ",.2f"),
            )
        )
    notes += [tr(FORMULAS if with_trend else FORMULAS_YEAR), tr(NOTE_TABLE)]
    return table(tr("IPCC 2006 Table 3.2, Approach 1"), columns, rows, notes=notes, key="table-3-2")


def _key_categories(analysis: Analysis) -> list[Section]:
    found = analysis.key_categories
    if not found:
        return []
    with_trend = any(item.trend_assessment is not None for item in found)
    columns = [
        Column(tr("Category"), "code"),
        Column(tr("Gas")),
        Column("tCO2e", "tonnes"),
        Column(tr("Level share"), "share"),
        Column(tr("Cumulative"), "share"),
        Column(tr("Uncertainty, ± %"), "percent"),
        Column(tr("Level × uncertainty"), "share"),
    ]
    if with_trend:
        columns += [
            Column(tr("Base year tCO2e"), "tonnes"),
            Column(tr("Trend assessment"), "number"),
            Column(tr("Trend share"), "share"),
        ]
    columns.append(Column(tr("Key by")))
    rows = []
    for item in found:
        cells: list[Cell] = [
            item.category,
            item.gas if item.gas else tr(ALL_GASES),
            item.t_co2e,
            item.level_share,
            item.cumulative,
            item.uncertainty_pct,
            item.level_uncertainty_share,
        ]
        if with_trend:
            cells += [item.base_t_co2e, item.trend_assessment, item.trend_share]
        names = key_by(item)
        cells.append(", ".join(tr(name) for name in names) if names else "-")
        rows.append(Row(tuple(cells)))
    summary = tr(
        "{key} of {count} categories are key. Level and trend (Approach 1, Eq. 4.1 and 4.2): the categories "
        "that, largest first, make up 95 % of the total (of the sum of the trend assessments); level × "
        "uncertainty and trend × uncertainty (Approach 2): 90 %.",
        key=sum(1 for item in found if item.key),
        count=len(found),
    )
    title = tr("Key categories (IPCC 2006 Vol.1 Ch.4)")
    return [
        Section(
            title,
            paragraphs=(summary,),
            tables=(table(title, columns, rows, key="key-categories"),),
            key="key-category-analysis",
        )
    ]


def grade_text(grade: str) -> str:
    """A grade or tier value in the words of the run ("not given", "high"); other values as written."""
    if grade == NOT_GIVEN:
        return tr(NOT_GIVEN)
    return tr(GRADES[grade]) if grade in GRADES else grade


def _data_quality(summary: DataQualitySummary) -> Section:
    tiers = table(
        tr("Lines by source tier"),
        (Column(tr("Source tier")), Column("TGO Fr-04.1"), Column(tr("Lines"), "number")),
        [
            (grade_text(tier), "-" if tier == NOT_GIVEN else tier_label(tier), count)
            for tier, count in summary.lines_by_source.items()
        ],
        key="data-quality-tiers",
    )
    grades = table(
        tr("Lines by grade"),
        (
            Column(tr("Grade (GPC)")),
            Column(tr("Activity data, lines"), "number"),
            Column(tr("Emission factor, lines"), "number"),
        ),
        [
            (grade_text(grade), count, summary.lines_by_factor_grade.get(grade, 0))
            for grade, count in summary.lines_by_activity_grade.items()
        ],
        key="data-quality-grades",
    )
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
    paragraphs = (
        tr("Score: {score}.", score=score),
        tr("For the verifier: 1 line without evidence or of source tier other.")
        if asked == 1
        else tr("For the verifier: {count} lines without evidence or of source tier other.", count=asked),
    )
    tables = [tiers, grades]
    if summary.for_verifier:
        tables.append(
            table(
                tr("For the verifier"),
                (Column(tr("Name")), Column(tr("Line"), "number"), Column(tr("Why"))),
                [(name, index + 1, why) for index, name, why in summary.for_verifier],
                key="data-quality-verifier",
            )
        )
    return Section(tr("Data quality"), paragraphs=paragraphs, tables=tuple(tables), key="data-quality")
