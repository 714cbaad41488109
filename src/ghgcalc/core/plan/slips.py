"""A plan's numbers that are most likely slips of scale, warned at the number: a fraction typed where
a percent belongs (`discount_rate_pct: 0.06` for 6 %, `reduction_pct: 0.2` for 20 %), costs or
prices that give a cost per tonne no measure has (a whole project's investment written per
luminaire, a price per MWh written per kWh), and a measure that adds more than it cuts in the
horizon year (an `add` amount with a digit too many). Only the user knows what was meant, so each is a
warning, never a correction (docs/plans.md, "Numbers that look like slips")."""

from __future__ import annotations

from collections.abc import Sequence

from ghgcalc.core.plan.project import TOLERANCE, Projection
from ghgcalc.errors import Issue, warning
from ghgcalc.i18n import tr
from ghgcalc.models.plan import Plan
from ghgcalc.models.plan_result import Economics

# THB per tCO2e beyond which a measure's cost is a slip: about 28,000 USD, some 30 times the dearest
# removal on sale (direct air capture, about 1,000 USD per t) and far beyond any local measure.
COST_LIMIT_THB = 1_000_000


def _shown(value: float) -> str:
    return f"{value:,.10g}"


def percent_slips(plan: Plan) -> list[Issue]:
    """A discount rate or a target reduction above 0 and under 1: a fraction typed for a percent."""
    issues = []
    rate = plan.discount_rate_pct
    if rate is not None and 0 < rate < 1:
        issues.append(
            warning(
                "plan-percent-unusual",
                tr(
                    "discount_rate_pct is {value}, a rate of {value} % a year, not {percent} %: "
                    "a fraction typed for a percent?",
                    value=_shown(rate),
                    percent=_shown(rate * 100),
                ),
                ("discount_rate_pct",),
                tr(
                    "if the rate is {percent} %, write discount_rate_pct: {percent}; the field is in percent",
                    percent=_shown(rate * 100),
                ),
            )
        )
    for index, target in enumerate(plan.targets):
        pct = target.reduction_pct
        if pct is not None and pct < 1:
            issues.append(
                warning(
                    "plan-percent-unusual",
                    tr(
                        "reduction_pct is {value}, a target of -{value} %, not -{percent} %: "
                        "a fraction typed for a percent?",
                        value=_shown(pct),
                        percent=_shown(pct * 100),
                    ),
                    ("targets", index, "reduction_pct"),
                    tr(
                        "if the target is -{percent} %, write reduction_pct: {percent}; the field is in percent",
                        percent=_shown(pct * 100),
                    ),
                )
            )
    return issues


def cost_slips(projection: Projection, costed: Sequence[Economics]) -> list[Issue]:
    """A measure whose cost per tonne in the horizon year is beyond COST_LIMIT_THB either way."""
    prepared = projection.prepared
    year = prepared.base_result.period.year_text(prepared.plan.horizon)
    issues = []
    for measure, money in zip(prepared.measures, costed, strict=True):
        cost = money.cost_thb_per_t_co2e
        if cost is None or abs(cost) <= COST_LIMIT_THB:
            continue
        given = prepared.plan.measures[measure.index].costs is not None
        issues.append(
            warning(
                "measure-cost-unusual",
                tr(
                    "measure '{id}' comes to {cost} THB per tCO2e in {year}, beyond {limit} either way: "
                    "a cost or a price written for the whole project, or in another unit?",
                    id=measure.id,
                    cost=f"{cost:,.0f}",
                    year=year,
                    limit=f"{COST_LIMIT_THB:,}",
                ),
                ("measures", measure.index, "costs" if given else "use"),
                tr(
                    "costs are per size unit ({unit}; the size is {size}): divide a whole project's investment "
                    "and O&M by the size; prices are per unit of the activity (THB per kWh, not per MWh)",
                    unit=measure.size_unit,
                    size=_shown(measure.size),
                ),
            )
        )
    return issues


def increase_slips(projection: Projection) -> list[Issue]:
    """A measure whose reduction and removals in the horizon year add up to an increase: it is left
    out of the MACC as having "no abatement", which does not say that it adds emissions."""
    prepared = projection.prepared
    last = projection.years[-1]
    year = prepared.base_result.period.year_text(last.year)
    issues = []
    for k, measure in enumerate(prepared.measures):
        change = last.changes[k]
        net = last.reduction_t_co2e(k) + (change.removal_t_co2 if change else 0.0)
        if net >= -TOLERANCE * max(1.0, abs(last.stages[k].t_co2e)):
            continue
        issues.append(
            warning(
                "measure-increases-emissions",
                tr(
                    "measure '{id}' adds {tonnes} tCO2e in {year} instead of cutting: what it adds emits more "
                    "than what it cuts",
                    id=measure.id,
                    tonnes=f"{-net:,.0f}",
                    year=year,
                ),
                ("measures", measure.index, "add" if prepared.plan.measures[measure.index].add else "id"),
                tr(
                    "check what it adds per size unit (amount, per_reduced) and its unit; a composting or "
                    "digestion measure emits in its first year and avoids landfill methane from the next"
                ),
            )
        )
    return issues
