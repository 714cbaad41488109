"""The data-quality summary of a result (docs/data-quality.md), in a module of its own: written for
every result whose lines give grades or evidence, which need not import the uncertainty analysis."""

from __future__ import annotations

from ghgcalc.records import Record, frozen


@frozen
class DataQualitySummary(Record):
    lines_by_source: dict[str, int]  # 1st, 2nd, other, not given
    lines_by_activity_grade: dict[str, int]
    lines_by_factor_grade: dict[str, int]
    score: str | None  # the emission-weighted grade of the graded lines (ghgcalc.quality.overall_grade)
    score_points: float | None
    for_verifier: tuple[tuple[int, str, str], ...]  # (activity index, label, why): no evidence, source "other"
