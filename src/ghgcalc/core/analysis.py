"""How sure an inventory is and which sources matter: one call for the whole analysis
(`compute --uncertainty`): the inputs and Approach 1, Monte Carlo, key categories with Table 3.2,
and the data-quality summary a verifier reads first."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ghgcalc import quality
from ghgcalc.core.key_categories import assess
from ghgcalc.core.uncertainty import approach_1, build
from ghgcalc.errors import Issue
from ghgcalc.models.analysis import Analysis, DataQualitySummary
from ghgcalc.models.result import InventoryResult

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 1  # fixed, so the same inventory gives the same numbers on every run
NOT_GIVEN = "not given"


@dataclass(frozen=True)
class Settings:
    draws: int = DEFAULT_DRAWS
    seed: int = DEFAULT_SEED


def analyse(
    result: InventoryResult, settings: Settings, base: InventoryResult | None = None
) -> tuple[Analysis, list[Issue]]:
    """The analysis of a computed inventory (and its base year's, for the trend)."""
    model, issues = build(result)
    monte_carlo = None
    if model.lines:
        from ghgcalc.core import montecarlo  # numpy: only when an analysis is asked for

        monte_carlo = montecarlo.simulate(model, list(result.by_scope_t_co2e), settings.draws, settings.seed)
    key_categories, table = assess(result, model, base)
    analysis = Analysis(
        inputs=tuple(model.inputs),
        approach_1=approach_1(model, result),
        monte_carlo=monte_carlo,
        key_categories=key_categories,
        table_3_2=table,
        data_quality=data_quality(result),
        base_source=base.source if base is not None else None,
    )
    return analysis, issues


def data_quality(result: InventoryResult) -> DataQualitySummary:
    """Counts of lines by TGO source tier and GPC grade, the emission-weighted grade of the graded
    lines, and the lines a verifier will ask about: no evidence, or a source of tier "other"."""
    by_source: dict[str, int] = {"1st": 0, "2nd": 0, "other": 0, NOT_GIVEN: 0}
    by_activity: dict[str, int] = {"high": 0, "medium": 0, "low": 0, NOT_GIVEN: 0}
    by_factor: dict[str, int] = dict(by_activity)
    weighted: list[float] = []
    weights: list[float] = []
    verifier: list[tuple[int, str, str]] = []
    for line in result.lines:
        grades = line.data_quality
        by_source[(grades.source if grades else None) or NOT_GIVEN] += 1
        by_activity[(grades.activity if grades else None) or NOT_GIVEN] += 1
        by_factor[(grades.factor if grades else None) or NOT_GIVEN] += 1
        points = [quality.GRADE_POINTS[g] for g in (grades.activity, grades.factor) if g] if grades else []
        if points and line.t_co2e:
            weighted.append(line.t_co2e * math.fsum(points) / len(points))
            weights.append(line.t_co2e)
        name = line.label or line.id or line.activity
        if not line.evidence:
            verifier.append((line.index, name, "no evidence"))
        if grades and grades.source == "other":
            verifier.append((line.index, name, "source tier: other"))
    points_total = math.fsum(weights)
    score = math.fsum(weighted) / points_total if points_total else None
    return DataQualitySummary(
        lines_by_source=by_source,
        lines_by_activity_grade=by_activity,
        lines_by_factor_grade=by_factor,
        score=quality.overall_grade(score) if score is not None else None,
        score_points=score,
        for_verifier=tuple(verifier),
    )
