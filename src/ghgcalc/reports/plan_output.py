"""A computed plan as data: JSON, JSON lines and CSV (`ghgcalc plan -f json|jsonl|csv`).

Pure: the typed plan document (models.plan_result.PlanResult, built by core.plan.plan_result) in,
text out. Values are exact; years are C.E. and keys and headers are never translated, as in every
JSON and CSV of ghgcalc.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ghgcalc.io.writers import csv_text
from ghgcalc.models.plan_result import PlanResult

# One row per year and stage: stage 0 is BAU, stage k the year's total once measures 1..k apply.
CSV_COLUMNS = (
    "year",
    "stage",
    "measure",
    "name",
    "t_co2e",
    "reduction_t_co2e",
    "removal_t_co2",
    "ramp",
    "reduced",
    "reduced_unit",
    "added",
    "achieved",
)
BAU = "bau"


def to_json(plan: PlanResult) -> str:
    return json.dumps(plan.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_jsonl(plan: PlanResult) -> str:
    """The plan document on one line, as `compute -f jsonl` writes one result a line."""
    return json.dumps(plan.to_dict(), ensure_ascii=False) + "\n"


def to_csv(plan: PlanResult) -> str:
    """The plan year by year and stage by stage, for a pivot table or a chart in a spreadsheet.

    Each year has a BAU row (stage 0, measure `bau`: t_co2e is BAU) and a row per measure in plan
    order (t_co2e: the year's emissions once it applies; reduction_t_co2e: the total before it
    minus the total after it; removal_t_co2: what it removes). The reductions and removals of a year
    add up to BAU minus net; its last row's t_co2e is the plan before removals."""
    return csv_text(CSV_COLUMNS, _rows(plan))


def _rows(plan: PlanResult) -> Iterator[tuple[Any, ...]]:
    for index, year in enumerate(plan.years):
        yield (year.year, 0, BAU, "BAU", year.bau_t_co2e, None, None, None, None, None, None, None)
        for stage, measure in enumerate(plan.measures, start=1):
            done = measure.by_year[index]
            yield (
                year.year,
                stage,
                measure.id,
                measure.name,
                done.after_t_co2e,
                done.reduction_t_co2e,
                done.removal_t_co2,
                done.ramp,
                done.reduced,
                done.reduced_unit,
                done.added,
                done.achieved,
            )
