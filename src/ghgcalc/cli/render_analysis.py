"""The uncertainty analysis in the terminal (`compute --uncertainty`): the 95 % ranges of the total
and of each scope, the key categories and the data-quality line, after the totals.

Narrow on purpose: each table fits 80 columns (tonnes to three significant digits, short titles); the
full detail (every category, Table 3.2, the inputs) is in --format md, xlsx and json.
"""

from __future__ import annotations

import math

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ghgcalc.cli.render import SYMBOLS, shown
from ghgcalc.i18n import N_, tr
from ghgcalc.models.analysis import Analysis, DataQualitySummary, KeyCategory, Spread
from ghgcalc.models.result import InventoryResult

KEY_MARK = "✓"  # an assessment that makes the category key


def pct(value: float) -> str:
    """A percentage for reading, one decimal: 12.6 %."""
    return f"{value:.1f} %"


def signed_pct(value: float) -> str:
    return f"{value:+.1f} %"


def decimals(values: list[float]) -> int:
    """Decimals that give the smallest of `values` three significant digits (at most three, none
    from 100 t up): a 95 % range is not known to the hundredth of a tonne of a city's total."""
    smallest = min((abs(v) for v in values if v), default=0.0)
    if not smallest:
        return 0
    return min(3, max(0, 2 - math.floor(math.log10(smallest))))


def fixed(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def wants_data_quality(result: InventoryResult) -> bool:
    """The same rule as the JSON: with an analysis, or when a line gives grades or evidence."""
    return result.analysis is not None or any(
        line.data_quality is not None or line.evidence is not None for line in result.lines
    )


def print_analysis(console: Console, result: InventoryResult) -> None:
    """What `compute --uncertainty` adds after the totals; the data-quality line alone when the
    lines are graded but no analysis was asked for."""
    analysis = result.analysis
    if analysis is not None:
        _uncertainty(console, result, analysis)
        _key_categories(console, result, analysis)
        summary = analysis.data_quality
    elif wants_data_quality(result):
        from ghgcalc.core.data_quality import data_quality

        summary = data_quality(result)
    else:
        return
    for line in data_quality_lines(summary):
        console.print(line)
    console.print()


def _range(spread: Spread, places: int) -> tuple[str, str]:
    return (
        f"{fixed(spread.low, places)} – {fixed(spread.high, places)}",
        f"{signed_pct(spread.low_pct)} / {signed_pct(spread.high_pct)}",
    )


def _uncertainty(console: Console, result: InventoryResult, analysis: Analysis) -> None:
    first = analysis.approach_1
    carlo = analysis.monte_carlo
    table = Table(box=box.SIMPLE_HEAVY, title=tr("Uncertainty (95 %)"), title_justify="left")
    table.add_column("")
    table.add_column("tCO2e", justify="right")
    table.add_column(tr("Approach 1"), justify="right")
    table.add_column(tr("Monte Carlo tCO2e"), justify="right", no_wrap=True)
    table.add_column("", justify="right", no_wrap=True)
    rows: list[tuple[Text, float, float, Spread | None]] = [
        (Text(tr("Total"), style="bold"), result.total_t_co2e, first.total_pct, carlo.total if carlo else None)
    ]
    for scope, value in result.by_scope_t_co2e.items():
        spread = carlo.by_scope.get(scope) if carlo else None
        rows.append((shown(tr("Scope {scope}", scope=scope)), value, first.by_scope_pct.get(scope, 0.0), spread))
    places = decimals([value for row in rows for value in (row[1], *((row[3].low,) if row[3] else ()))])
    for name, value, approach, spread in rows:
        low_high, signs = _range(spread, places) if spread is not None else ("-", "")
        table.add_row(name, fixed(value, places), f"± {pct(approach)}", low_high, signs)
    console.print(table)
    # notes as short lines of their own: a terminal of 80 columns must not break "90 %" in two
    console.print(tr("Approach 1: error propagation (IPCC 2006 Vol.1 Ch.3, Eq. 3.1 and 3.2)."))
    if carlo is not None:
        console.print(
            tr("Monte Carlo (Approach 2): {draws} draws, seed {seed};", draws=f"{carlo.draws:,}", seed=carlo.seed)
        )
        console.print(tr("the 2.5th and 97.5th percentiles, and their % of the draws' mean."))
    table32 = analysis.table_3_2
    if table32.trend_pct is not None and table32.trend_uncertainty_pct is not None:
        console.print(
            tr(
                "Trend since the base year: {trend}, ± {points} percentage points (Table 3.2).",
                trend=signed_pct(table32.trend_pct),
                points=f"{table32.trend_uncertainty_pct:.1f}",
            )
        )
    console.print()


def key_by(row: KeyCategory, trend: bool) -> list[bool]:
    """The assessments in IPCC's order: level, trend, level x uncertainty, trend x uncertainty."""
    if trend:
        return [row.key_level, row.key_trend, row.key_level_uncertainty, row.key_trend_uncertainty]
    return [row.key_level, row.key_level_uncertainty]


def _key_categories(console: Console, result: InventoryResult, analysis: Analysis) -> None:
    rows = analysis.key_categories
    if not rows:
        return
    trend = any(row.trend_assessment is not None for row in rows)
    community = any(row.gas is not None for row in rows)
    table = Table(box=box.SIMPLE, title=tr("Key categories (IPCC 2006 Vol.1 Ch.4)"), title_justify="left")
    table.add_column(tr("Category"), overflow="fold")
    if community:
        table.add_column(tr("Gas"))
    for name in ("tCO2e", N_("Level"), N_("Cum."), "±"):
        table.add_column(name if name in SYMBOLS else tr(name), justify="right", no_wrap=True)
    for name in ("L", "T", "L×U", "T×U") if trend else ("L", "L×U"):
        table.add_column(name, justify="center", no_wrap=True)
    key = [row for row in rows if row.key]
    places = decimals([row.t_co2e for row in key])
    for row in key:
        cells: list[Text | str] = [shown(row.category)]
        if community:
            cells.append(shown(row.gas or ""))
        cells += [
            fixed(row.t_co2e, places),
            pct(100 * row.level_share),
            pct(100 * row.cumulative),
            pct(row.uncertainty_pct),
        ]
        cells += [KEY_MARK if flag else "" for flag in key_by(row, trend)]
        table.add_row(*cells)
    console.print(table)
    console.print(tr("Level: share of the total; ±: the category's uncertainty (Approach 1)."))
    console.print(tr("Key by L: level, 95 % (Approach 1); L×U: level × uncertainty, 90 % (Approach 2)."))
    if trend:
        console.print(tr("Key by T: trend, 95 % (Approach 1); T×U: trend × uncertainty, 90 % (Approach 2)."))
    if len(rows) > len(key):
        console.print(
            tr(
                "{count} more categories are not key: see them with --format md, xlsx or json.",
                count=len(rows) - len(key),
            )
        )
    console.print()


def verifier_lines(summary: DataQualitySummary) -> int:
    """How many lines a verifier will ask about (a line with no evidence and of tier "other" once)."""
    return len({index for index, _, _ in summary.for_verifier})


def data_quality_lines(summary: DataQualitySummary) -> list[str]:
    """Three short lines (none wider than 80 columns for counts below a thousand)."""
    counts = ", ".join(f"{_tier(tier)} {n}" for tier, n in summary.lines_by_source.items() if n)
    if summary.score is None:
        score = tr("Data quality: score -.")
    else:
        score = tr(
            "Data quality: score {score} ({points} of 3, weighted by tCO2e).",
            score=tr(GRADES[summary.score]) if summary.score in GRADES else summary.score,
            points=f"{summary.score_points:.2f}",
        )
    asked = verifier_lines(summary)
    ask = (
        tr("A verifier will ask about 1 line: no evidence, or source tier other.")
        if asked == 1
        else tr("A verifier will ask about {count} lines: no evidence, or source tier other.", count=asked)
    )
    return [score, tr("Lines by source tier (TGO Fr-04.1): {counts}.", counts=counts or tr("none")), ask]


GRADES = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
TIERS = {"not given": N_("not given"), "other": N_("other")}  # 1st, 2nd, 3rd are TGO's own names


def _tier(tier: str) -> str:
    return tr(TIERS[tier]) if tier in TIERS else tier
