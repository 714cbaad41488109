"""What measures cost per tonne, the marginal abatement cost curve (MACC), and whether the targets
are met."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ghgcalc import units
from ghgcalc.core.plan.prepare import Prepared, ResolvedMeasure
from ghgcalc.core.plan.project import TOLERANCE, Change, Projection
from ghgcalc.i18n import tr
from ghgcalc.models.plan import Price
from ghgcalc.models.plan_result import Economics, MaccBar


def capital_recovery(rate_pct: float, years: float) -> float:
    """The share of an investment paid back each year over `years` at `rate_pct` (annuity factor)."""
    rate = rate_pct / 100
    if rate == 0:
        return 1 / years
    return rate * (1 + rate) ** years / ((1 + rate) ** years - 1)


def economics(projection: Projection, k: int) -> Economics:
    """Measure k (0-based) in the horizon year. Net annual cost = annualised investment + O&M -
    savings; cost per tonne = net annual cost / abatement (None without costs or abatement)."""
    prepared = projection.prepared
    measure = prepared.measures[k]
    last = projection.years[-1]
    change = last.changes[k]
    abatement = last.reduction_t_co2e(k) + (change.removal_t_co2 if change else 0.0)
    costs = measure.costs
    savings = _savings(prepared, measure, change, prepared.plan.prices) if change else None
    if costs is None:
        return Economics(abatement, None, None, None, savings, None, None)
    # what is in place in the horizon year: the whole size once the ramp is over, a share of it before
    deployed = measure.size * (change.ramp if change else 0.0)
    investment = (costs.investment_thb or 0.0) * deployed
    rate = prepared.plan.discount_rate_pct or 0.0
    annualised = investment * capital_recovery(rate, costs.lifetime_years) if costs.lifetime_years else 0.0
    om = (costs.om_thb_per_year or 0.0) * deployed
    net = annualised + om - (savings or 0.0)
    per_t = net / abatement if abatement > TOLERANCE else None
    return Economics(abatement, investment, annualised, om, savings, net, per_t)


def macc(projection: Projection, costed: Sequence[Economics]) -> tuple[MaccBar, ...]:
    """The marginal abatement cost curve of the horizon year: every measure with a cost per tonne,
    cheapest first (ties by id), each bar starting where the cheaper ones before it end.
    `costed[k]` is measure k's economics."""
    measures = projection.prepared.measures
    priced = [(money.cost_thb_per_t_co2e, measures[k].id, k) for k, money in enumerate(costed)]
    ranked = sorted((cost, measure_id, k) for cost, measure_id, k in priced if cost is not None)
    bars, cumulative = [], 0.0
    for cost, measure_id, k in ranked:
        abatement = costed[k].abatement_t_co2e
        bars.append(MaccBar(measure_id, measures[k].name, abatement, cost, cumulative, cumulative + abatement))
        cumulative += abatement
    return tuple(bars)


def not_in_macc(projection: Projection, costed: Sequence[Economics]) -> tuple[str, ...]:
    """The ids of the measures without a bar (no costs, or no abatement in the horizon year), in
    plan order."""
    measures = projection.prepared.measures
    return tuple(measures[k].id for k, money in enumerate(costed) if money.cost_thb_per_t_co2e is None)


def _savings(prepared: Prepared, measure: ResolvedMeasure, change: Change, prices: dict[str, Price]) -> float | None:
    """THB a year the measure saves: what it cuts at its price, less what it adds at its price."""
    values: list[float] = []
    for i, amount in change.reduced_by_line.items():
        price = prices.get(prepared.lines[i].activity)
        if price is not None and prepared.lines[i].unit:
            values.append(
                amount * units.conversion_factor(str(prepared.lines[i].unit), price.unit) * price.thb_per_unit
            )
    if measure.added_line is not None and change.added:
        line = prepared.lines[measure.added_line]
        price = prices.get(line.activity)
        if price is not None and line.unit:
            values.append(-change.added * units.conversion_factor(line.unit, price.unit) * price.thb_per_unit)
    return math.fsum(values) if values else None


@dataclass(frozen=True)
class TargetCheck:
    name: str
    year: int
    kind: str  # reduction-vs-bau | reduction-vs-base | net-zero
    target_t_co2e: float
    plan_net_t_co2e: float
    bau_t_co2e: float
    gap_t_co2e: float  # still to cut; 0 or less when met

    @property
    def met(self) -> bool:
        return self.gap_t_co2e <= TOLERANCE


def check_targets(projection: Projection) -> list[TargetCheck]:
    prepared = projection.prepared
    by_year = {y.year: y for y in projection.years}
    base_total = projection.years[0].bau_t_co2e
    year_text = prepared.base_result.period.year_text  # the years as the base inventory writes them
    checks = []
    for target in prepared.plan.targets:
        year = by_year[target.year]
        if target.net_zero:
            kind, goal = "net-zero", 0.0
            name = target.name or tr("net zero by {year}", year=year_text(target.year))
        else:
            pct = target.reduction_pct or 0.0
            reference = year.bau_t_co2e if target.against == "bau" else base_total
            kind, goal = f"reduction-vs-{target.against}", reference * (1 - pct / 100)
            against = (
                tr("BAU") if target.against == "bau" else tr("the base year {year}", year=year_text(prepared.base_year))
            )
            name = target.name or tr(
                "-{pct} % against {against} by {year}", pct=f"{pct:g}", against=against, year=year_text(target.year)
            )
        checks.append(
            TargetCheck(name, target.year, kind, goal, year.net_t_co2e, year.bau_t_co2e, year.net_t_co2e - goal)
        )
    return checks
