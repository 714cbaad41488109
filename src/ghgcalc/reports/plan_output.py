"""A computed plan as one JSON-ready document: what every table, workbook and chart is drawn from.

The document says how each number was made: the base inventory and its factor versions, each
line's growth driver, each measure's parameters with their sources, what it cut or added in each
year, and the stage totals its reduction is the difference of.
"""

from __future__ import annotations

import math
from typing import Any

from ghgcalc.core.plan import Projection, ResolvedMeasure, check_targets, economics
from ghgcalc.i18n import N_, tr

PLAN_FORMAT = 1
METHOD = N_(
    "Every year is the base inventory recomputed with the same factor set versions and GWP: "
    "BAU grows each line's quantity by its driver; measures then apply in the order given, each to "
    "what the ones before it left, so a measure's reduction is the total before it minus the total "
    "after it and the reductions add up to BAU minus plan."
)


def _block(block: Any) -> dict[str, Any] | None:
    return None if block is None else block.model_dump(exclude_none=True)


def _match(measure: ResolvedMeasure) -> list[dict[str, Any]]:
    return [m.model_dump(exclude_none=True) for m in measure.applies_to]


def plan_dict(projection: Projection, source: str) -> dict[str, Any]:
    prepared = projection.prepared
    plan = prepared.plan
    base = prepared.base_result
    years = projection.years
    measures = prepared.measures
    costed = [(k, economics(projection, k)) for k in range(len(measures))]
    macc = sorted(
        (item for item in costed if item[1].cost_thb_per_t_co2e is not None),
        key=lambda item: (item[1].cost_thb_per_t_co2e, measures[item[0]].id),
    )
    curve, cumulative = [], 0.0
    for k, money in macc:
        curve.append(
            {
                "id": measures[k].id,
                "name": measures[k].name,
                "abatement_t_co2e": money.abatement_t_co2e,
                "cost_thb_per_t_co2e": money.cost_thb_per_t_co2e,
                "from_t_co2e": cumulative,
                "to_t_co2e": cumulative + money.abatement_t_co2e,
            }
        )
        cumulative += money.abatement_t_co2e
    growth = []
    for index, line in enumerate(prepared.lines[: len(prepared.growth)]):
        rule = prepared.growth[index]
        growth.append(
            {
                "line": index + 1,
                "name": line.name,
                "activity": line.activity,
                "gpc": line.gpc,
                "scope": line.scope,
                "base_quantity": prepared.base_quantities[index],
                "unit": line.unit,
                "driver": rule.driver,
                "rate_pct": rule.rate_pct,
                "source": rule.source,
                "base_t_co2e": years[0].stages[0].by_line.get(index, 0.0),
            }
        )
    measure_rows = []
    for k, money in costed:
        measure = measures[k]
        by_year: list[dict[str, Any]] = []
        for year in years:
            change = year.changes[k]
            by_year.append(
                {
                    "year": year.year,
                    "ramp": change.ramp if change else 0.0,
                    "reduction_t_co2e": year.reduction_t_co2e(k),
                    "removal_t_co2": change.removal_t_co2 if change else 0.0,
                    "before_t_co2e": year.stages[k].t_co2e,
                    "after_t_co2e": year.stages[k + 1].t_co2e,
                    "reduced": change.reduced if change else 0.0,
                    "reduced_unit": change.reduced_unit if change else None,
                    "added": change.added if change else 0.0,
                    "achieved": change.achieved if change else None,
                }
            )
        measure_rows.append(
            {
                "id": measure.id,
                "name": measure.name,
                "catalogue": measure.use,
                "size": measure.size,
                "size_unit": measure.size_unit,
                "size_source": measure.size_source,
                "start": measure.start,
                "ramp_years": measure.ramp_years,
                "applies_to": _match(measure),
                "lines": [prepared.lines[i].name for i in measure.lines],
                "adds": prepared.lines[measure.added_line].name if measure.added_line is not None else None,
                "reduce": _block(measure.reduce),
                "add": _block(measure.add),
                "capture": _block(measure.capture),
                "removal": _block(measure.removal),
                "costs": _block(measure.costs),
                "by_year": by_year,
                "cumulative_t_co2e": math.fsum(y.reduction_t_co2e(k) + y.removal_t_co2(k) for y in years),
                "horizon_abatement_t_co2e": money.abatement_t_co2e,
                "investment_thb": money.investment_thb,
                "annualised_investment_thb": money.annualised_investment_thb,
                "om_thb_per_year": money.om_thb_per_year,
                "savings_thb_per_year": money.savings_thb_per_year,
                "net_annual_cost_thb": money.net_annual_cost_thb,
                "cost_thb_per_t_co2e": money.cost_thb_per_t_co2e,
            }
        )
    year_rows = []
    for year in years:
        year_rows.append(
            {
                "year": year.year,
                "bau_t_co2e": year.bau_t_co2e,
                "plan_t_co2e": year.plan_t_co2e,
                "removals_t_co2": year.removals_t_co2,
                "net_t_co2e": year.net_t_co2e,
                "reduction_t_co2e": year.bau_t_co2e - year.net_t_co2e,
                "reduction_pct": 100 * (year.bau_t_co2e - year.net_t_co2e) / year.bau_t_co2e
                if year.bau_t_co2e
                else None,
                "by_measure_t_co2e": {
                    m.id: year.reduction_t_co2e(k) + year.removal_t_co2(k) for k, m in enumerate(measures)
                },
                "bau_by_sector_t_co2e": year.stages[0].by_sector,
                "plan_by_sector_t_co2e": year.stages[-1].by_sector,
                "indicators": year.indicators,
                "net_t_co2e_per_person": year.net_t_co2e / year.indicators["population"]
                if year.indicators.get("population")
                else None,
            }
        )
    targets = [
        {
            "name": check.name,
            "year": check.year,
            "kind": check.kind,
            "target_t_co2e": check.target_t_co2e,
            "bau_t_co2e": check.bau_t_co2e,
            "plan_net_t_co2e": check.plan_net_t_co2e,
            "gap_t_co2e": max(0.0, check.gap_t_co2e),
            "margin_t_co2e": max(0.0, -check.gap_t_co2e),
            "met": check.met,
        }
        for check in check_targets(projection)
    ]
    return {
        "ghgcalc_plan_result": PLAN_FORMAT,
        "source": source,
        "name": plan.name,
        "base": {
            "source": base.source,
            "name": base.name,
            "kind": base.kind,
            "period": base.period.to_dict(),
            # the period as the base inventory wrote it ("2566", "FY2567"): the plan's years are shown
            # in its calendar (B.E. or C.E.) in the Markdown, the workbook and the charts
            "period_written": base.period.written,
            "year": prepared.base_year,
            "total_t_co2e": base.total_t_co2e,
        },
        "horizon": plan.horizon,
        "gwp": base.gwp,
        "factor_sets": [s.ref for s in base.factor_sets],
        "method": tr(METHOD),
        "discount_rate_pct": plan.discount_rate_pct,
        "drivers": {name: d.model_dump(exclude_none=True) for name, d in plan.bau.drivers.items()},
        "prices": {name: p.model_dump(exclude_none=True) for name, p in plan.prices.items()},
        "growth": growth,
        "years": year_rows,
        "measures": measure_rows,
        "targets": targets,
        "macc": curve,
        "not_in_macc": [measures[k].id for k, money in costed if money.cost_thb_per_t_co2e is None],
        "warnings": [w.to_dict() for w in projection.warnings],
    }
