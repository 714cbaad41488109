"""A computed plan as data: JSON (`ghgcalc plan -f json`).

Pure: the typed plan document (models.plan_result.PlanResult, built by core.plan.plan_result) in,
text out. Values are exact; years are C.E. and keys are never translated, as in every JSON of
ghgcalc.
"""

from __future__ import annotations

import json

from ghgcalc.models.plan_result import PlanResult


def to_json(plan: PlanResult) -> str:
    return json.dumps(plan.to_dict(), ensure_ascii=False, indent=2) + "\n"
