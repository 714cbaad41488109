"""The uncertainty analysis, key categories and data-quality summary as JSON-ready dicts (the
`uncertainty`, `key_categories` and `data_quality` members of a result; contract §4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a result with grades but no analysis needs only data_quality_dict
    from ghgcalc.models.analysis import Analysis, KeyCategory, Spread, Table32
    from ghgcalc.models.data_quality import DataQualitySummary
    from ghgcalc.models.result import InventoryResult


def _spread(spread: Spread) -> dict[str, float]:
    return {
        "mean_t_co2e": spread.mean,
        "low_t_co2e": spread.low,
        "high_t_co2e": spread.high,
        "low_pct": spread.low_pct,
        "high_pct": spread.high_pct,
    }


def data_quality_dict(summary: DataQualitySummary) -> dict[str, Any]:
    return {
        "lines_by_source": summary.lines_by_source,
        "lines_by_activity_grade": summary.lines_by_activity_grade,
        "lines_by_factor_grade": summary.lines_by_factor_grade,
        "score": summary.score,
        "score_points": summary.score_points,
        "for_verifier": [{"line": index + 1, "name": name, "why": why} for index, name, why in summary.for_verifier],
    }


def key_category_dict(row: KeyCategory) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": row.category,
        "gas": row.gas,
        "t_co2e": row.t_co2e,
        "level_share": row.level_share,
        "cumulative": row.cumulative,
        "uncertainty_pct": row.uncertainty_pct,
        "level_uncertainty_share": row.level_uncertainty_share,
        "key": row.key,
        "key_by": [
            name
            for name, flag in (
                ("level", row.key_level),
                ("trend", row.key_trend),
                ("level x uncertainty", row.key_level_uncertainty),
                ("trend x uncertainty", row.key_trend_uncertainty),
            )
            if flag
        ],
    }
    if row.trend_assessment is not None:
        data["base_t_co2e"] = row.base_t_co2e
        data["trend_assessment"] = row.trend_assessment
        data["trend_share"] = row.trend_share
    return data


def table_dict(table: Table32) -> dict[str, Any]:
    rows = []
    for row in table.rows:
        data: dict[str, Any] = {
            "category": row.category,
            "gas": row.gas,
            "t_co2e": row.t_co2e,
            "activity_pct": row.activity_pct,
            "factor_pct": row.factor_pct,
            "combined_pct": row.combined_pct,
            "variance_contribution": row.variance_contribution,
        }
        if row.type_a is not None:
            data |= {
                "base_t_co2e": row.base_t_co2e,
                "type_a_sensitivity": row.type_a,
                "type_b_sensitivity": row.type_b,
                "trend_from_factor_pct": row.trend_from_factor_pct,
                "trend_from_activity_pct": row.trend_from_activity_pct,
                "trend_variance": row.trend_variance,
            }
        rows.append(data)
    found: dict[str, Any] = {"rows": rows, "total_pct": table.total_pct}
    if table.trend_pct is not None:
        found |= {
            "base_total_t_co2e": table.base_total_t_co2e,
            "trend_pct": table.trend_pct,
            "trend_uncertainty_pct": table.trend_uncertainty_pct,
        }
    return found


def analysis_dict(result: InventoryResult, analysis: Analysis) -> dict[str, Any]:
    first = analysis.approach_1
    uncertainty: dict[str, Any] = {
        "approach_1": {
            "total_pct": first.total_pct,
            "by_scope_pct": first.by_scope_pct,
            "by_category_pct": first.by_category_pct,
            "lines": [
                {
                    "line": row.index + 1,
                    "t_co2e": row.t_co2e,
                    "activity_pct": row.activity_pct,
                    "factor_pct": row.factor_pct,
                    "combined_pct": row.combined_pct,
                    "share_of_variance": row.share_of_variance,
                    "from": list(row.origins),
                }
                for row in first.lines
            ],
        },
    }
    if analysis.monte_carlo is not None:
        carlo = analysis.monte_carlo
        uncertainty["monte_carlo"] = {
            "draws": carlo.draws,
            "seed": carlo.seed,
            **_spread(carlo.total),
            "by_scope": {scope: _spread(spread) for scope, spread in carlo.by_scope.items()},
        }
    uncertainty["table_3_2"] = table_dict(analysis.table_3_2)
    uncertainty["inputs"] = [
        {
            "name": item.name,
            "kind": item.kind,
            "low_pct": item.low_pct,
            "high_pct": item.high_pct,
            "distribution": item.distribution,
            "from": item.origin,
            "source": item.source,
            "lines": [index + 1 for index in item.lines],
        }
        for item in analysis.inputs
    ]
    if analysis.base_source is not None:
        uncertainty["base"] = analysis.base_source
    return {
        "uncertainty": uncertainty,
        "key_categories": [key_category_dict(row) for row in analysis.key_categories],
        "data_quality": data_quality_dict(analysis.data_quality),
    }
