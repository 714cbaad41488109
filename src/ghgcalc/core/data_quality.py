"""The data-quality summary of a result: what a verifier reads first (docs/data-quality.md). Light:
written for every result whose lines give grades or evidence, with or without --uncertainty."""

from __future__ import annotations

import math

from ghgcalc import quality
from ghgcalc.i18n import tr
from ghgcalc.models.data_quality import DataQualitySummary
from ghgcalc.models.result import InventoryResult

NOT_GIVEN = "not given"
_NOISE = 1e-9  # far above the rounding of a weighted mean (about 1e-15), far below any real difference


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
            verifier.append((line.index, name, tr("no evidence")))
        if grades and grades.source == "other":
            verifier.append((line.index, name, tr("source tier: other")))
    points_total = math.fsum(weights)
    score = math.fsum(weighted) / points_total if points_total else None
    if score is not None:
        score = _snapped(score)
    return DataQualitySummary(
        lines_by_source=by_source,
        lines_by_activity_grade=by_activity,
        lines_by_factor_grade=by_factor,
        score=quality.overall_grade(score) if score is not None else None,
        score_points=score,
        for_verifier=tuple(verifier),
    )


def _snapped(score: float) -> float:
    """The weighted mean without the noise of float arithmetic: a mean that is a whole or a half
    number of points (2.5 for lines graded high and medium) is that number, not 2.4999999999999996
    (which would read as medium, by the tCO2e of the line alone) or 3.0000000000000004."""
    half = round(score * 2) / 2
    if abs(score - half) <= _NOISE:
        score = half
    return min(max(score, float(quality.GRADE_POINTS["low"])), float(quality.GRADE_POINTS["high"]))
