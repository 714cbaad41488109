"""Plans: a base inventory projected year by year without action (BAU), then with measures.

Every projected year is an inventory computed like any other, on the same factors and GWP: the
base inventory's lines with their quantities grown by their drivers (stage 0, BAU), then changed
by each measure in plan order (stage k = measures 1..k applied). A measure's reduction in a year
is the total at stage k-1 minus the total at stage k, so the measures' reductions add up to BAU
minus plan exactly and two measures never count the same tonne: the second one only sees what
the first one left.

Landfill first-order decay keeps its history: a tonne diverted in 2026 is missing from the
landfill's 2026 deposit at that stage, so its methane is missing from 2027 onwards.
"""

from ghgcalc.core.plan.economics import (
    Economics,
    TargetCheck,
    capital_recovery,
    check_targets,
    economics,
    macc,
    not_in_macc,
)
from ghgcalc.core.plan.prepare import LineInfo, Prepared, ResolvedMeasure, matches, prepare
from ghgcalc.core.plan.project import Evaluate, Projection, YearResult, project
from ghgcalc.core.plan.result import plan_result

__all__ = [
    "Economics",
    "Evaluate",
    "LineInfo",
    "Prepared",
    "Projection",
    "ResolvedMeasure",
    "TargetCheck",
    "YearResult",
    "capital_recovery",
    "check_targets",
    "economics",
    "macc",
    "matches",
    "not_in_macc",
    "plan_result",
    "prepare",
    "project",
]
