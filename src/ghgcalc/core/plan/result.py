"""A projection summed up as the typed plan document every plan output is drawn from."""

from __future__ import annotations

import math

from pydantic import BaseModel

from ghgcalc.core.plan.economics import check_targets, economics, macc, not_in_macc
from ghgcalc.core.plan.prepare import ResolvedMeasure
from ghgcalc.core.plan.project import Projection
from ghgcalc.i18n import N_, tr
from ghgcalc.models import plan_result as doc
from ghgcalc.models.plan_result import Block

METHOD = N_(
    "Every year is the base inventory recomputed with the same factor set versions and GWP: "
    "BAU grows each line's quantity by its driver; measures then apply in the order given, each to "
    "what the ones before it left, so a measure's reduction is the total before it minus the total "
    "after it and the reductions add up to BAU minus plan."
)


def plan_result(projection: Projection, source: str) -> doc.PlanResult:
    """The plan document of a projection; `source` is the plan file as the user named it."""
    prepared = projection.prepared
    plan = prepared.plan
    base = prepared.base_result
    costed = [economics(projection, k) for k in range(len(prepared.measures))]
    return doc.PlanResult(
        source=source,
        name=plan.name,
        base=doc.PlanBase(
            source=base.source,
            name=base.name,
            kind=base.kind,
            period=base.period,
            year=prepared.base_year,
            total_t_co2e=base.total_t_co2e,
        ),
        horizon=plan.horizon,
        gwp=base.gwp,
        factor_sets=tuple(s.ref for s in base.factor_sets),
        method=tr(METHOD),
        discount_rate_pct=plan.discount_rate_pct,
        drivers={name: doc.Driver(d.rate_pct, d.source) for name, d in plan.bau.drivers.items()},
        prices={name: doc.Price(p.thb_per_unit, p.unit, p.source) for name, p in plan.prices.items()},
        growth=_growth(projection),
        years=_years(projection),
        measures=tuple(_measure(projection, k, money) for k, money in enumerate(costed)),
        targets=tuple(
            doc.Target(
                name=check.name,
                year=check.year,
                kind=check.kind,
                target_t_co2e=check.target_t_co2e,
                bau_t_co2e=check.bau_t_co2e,
                plan_net_t_co2e=check.plan_net_t_co2e,
                gap_t_co2e=max(0.0, check.gap_t_co2e),
                margin_t_co2e=max(0.0, -check.gap_t_co2e),
                met=check.met,
            )
            for check in check_targets(projection)
        ),
        macc=macc(projection, costed),
        not_in_macc=not_in_macc(projection, costed),
        warnings=projection.warnings,
    )


def _growth(projection: Projection) -> tuple[doc.Growth, ...]:
    prepared = projection.prepared
    first = projection.years[0].stages[0]
    return tuple(
        doc.Growth(
            line=index + 1,
            name=line.name,
            activity=line.activity,
            gpc=line.gpc,
            scope=line.scope,
            base_quantity=prepared.base_quantities[index],
            unit=line.unit,
            driver=rule.driver,
            rate_pct=rule.rate_pct,
            source=rule.source,
            base_t_co2e=first.by_line.get(index, 0.0),
        )
        for index, (line, rule) in enumerate(zip(prepared.lines, prepared.growth, strict=False))
    )


def _years(projection: Projection) -> tuple[doc.Year, ...]:
    measures = projection.prepared.measures
    return tuple(
        doc.Year(
            year=year.year,
            bau_t_co2e=year.bau_t_co2e,
            plan_t_co2e=year.plan_t_co2e,
            removals_t_co2=year.removals_t_co2,
            net_t_co2e=year.net_t_co2e,
            by_measure_t_co2e={m.id: year.reduction_t_co2e(k) + year.removal_t_co2(k) for k, m in enumerate(measures)},
            bau_by_sector_t_co2e=year.stages[0].by_sector,
            plan_by_sector_t_co2e=year.stages[-1].by_sector,
            indicators=year.indicators,
        )
        for year in projection.years
    )


def _block(block: BaseModel | None) -> Block | None:
    """A measure's block as the plan and the catalogue gave it, without the fields left out."""
    return None if block is None else block.model_dump(exclude_none=True)


def _measure(projection: Projection, k: int, money: doc.Economics) -> doc.Measure:
    prepared = projection.prepared
    years = projection.years
    measure: ResolvedMeasure = prepared.measures[k]
    by_year = []
    for year in years:
        change = year.changes[k]
        by_year.append(
            doc.MeasureYear(
                year=year.year,
                ramp=change.ramp if change else 0.0,
                reduction_t_co2e=year.reduction_t_co2e(k),
                removal_t_co2=change.removal_t_co2 if change else 0.0,
                before_t_co2e=year.stages[k].t_co2e,
                after_t_co2e=year.stages[k + 1].t_co2e,
                reduced=change.reduced if change else 0.0,
                reduced_unit=change.reduced_unit if change else None,
                added=change.added if change else 0.0,
                achieved=change.achieved if change else None,
            )
        )
    return doc.Measure(
        id=measure.id,
        name=measure.name,
        catalogue=measure.use,
        size=measure.size,
        size_unit=measure.size_unit,
        size_source=measure.size_source,
        start=measure.start,
        ramp_years=measure.ramp_years,
        applies_to=tuple(m.model_dump(exclude_none=True) for m in measure.applies_to),
        lines=tuple(prepared.lines[i].name for i in measure.lines),
        adds=prepared.lines[measure.added_line].name if measure.added_line is not None else None,
        reduce=_block(measure.reduce),
        add=_block(measure.add),
        capture=_block(measure.capture),
        removal=_block(measure.removal),
        costs=_block(measure.costs),
        by_year=tuple(by_year),
        cumulative_t_co2e=math.fsum(y.reduction_t_co2e(k) + y.removal_t_co2(k) for y in years),
        economics=money,
    )
