"""BAU and every stage (measures 1..k applied) for every year, each an inventory computed by the engine."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ghgcalc import gpc, gwp, methods, units
from ghgcalc.core.plan.prepare import Prepared, ResolvedMeasure
from ghgcalc.errors import Issue, Path, error, warning
from ghgcalc.i18n import tr
from ghgcalc.models.inventory import Activity, Inventory, MethodActivity
from ghgcalc.models.period import Period
from ghgcalc.models.result import InventoryResult, Line

# Computes one projected inventory; returns its result, or None and the errors.
Evaluate = Callable[[Inventory], tuple[InventoryResult | None, list[Issue]]]
TOLERANCE = 1e-9


@dataclass
class State:
    """Quantities of every line in one year at one stage, and what captures leave of each gas."""

    quantities: list[float | None]
    kept: dict[int, dict[str, float]] = field(default_factory=dict)  # line -> gas -> share left


@dataclass(frozen=True)
class Change:
    """What a measure did in one year."""

    ramp: float
    reduced: float  # in `reduced_unit`
    reduced_unit: str | None
    reduced_by_line: dict[int, float]  # line -> quantity cut, in the line's unit
    added: float
    achieved: float  # share of what the measure asked for that the lines could give
    removal_t_co2: float


@dataclass(frozen=True)
class Totals:
    t_co2e: float
    by_sector: dict[str, float]
    by_line: dict[int, float]


@dataclass(frozen=True)
class YearResult:
    year: int
    stages: tuple[Totals, ...]  # 0: BAU, k: after measure k
    changes: tuple[Change | None, ...]  # per measure
    indicators: dict[str, float]

    @property
    def bau_t_co2e(self) -> float:
        return self.stages[0].t_co2e

    @property
    def plan_t_co2e(self) -> float:
        return self.stages[-1].t_co2e

    @property
    def removals_t_co2(self) -> float:
        return math.fsum(c.removal_t_co2 for c in self.changes if c)

    @property
    def net_t_co2e(self) -> float:
        return self.plan_t_co2e - self.removals_t_co2

    def removal_t_co2(self, k: int) -> float:
        change = self.changes[k]
        return change.removal_t_co2 if change else 0.0

    def reduction_t_co2e(self, k: int) -> float:
        """Measure k's (0-based) cut in emissions: the total before it minus the total after it."""
        return self.stages[k].t_co2e - self.stages[k + 1].t_co2e


@dataclass(frozen=True)
class Projection:
    prepared: Prepared
    years: tuple[YearResult, ...]
    warnings: tuple[Issue, ...]


def _shifted(period: Period, years: int) -> Period:
    def move(day: Any) -> Any:
        try:
            return day.replace(year=day.year + years)
        except ValueError:  # 29 February
            return day.replace(year=day.year + years, day=28)

    return Period(move(period.start), move(period.end))


def _bau(prepared: Prepared, year: int) -> State:
    elapsed = year - prepared.base_year
    quantities: list[float | None] = [
        None if quantity is None else quantity * (1 + growth.rate_pct / 100) ** elapsed
        for quantity, growth in zip(prepared.base_quantities, prepared.growth, strict=True)
    ]
    added = len(prepared.lines) - len(quantities)  # the lines measures add: none in BAU
    return State(quantities + [0.0] * added)


def _apply(prepared: Prepared, measure: ResolvedMeasure, year: int, before: State) -> tuple[State, Change | None]:
    ramp = measure.ramp(year)
    if ramp == 0:
        return before, None
    state = State(list(before.quantities), {k: dict(v) for k, v in before.kept.items()})
    lines = prepared.lines
    reduced, reduced_unit, by_line, achieved = 0.0, None, {}, 1.0
    if measure.reduce is not None:
        targets = measure.lines
        if measure.reduce.share is not None:
            cut = measure.reduce.share * ramp
            for i in targets:
                by_line[i] = (state.quantities[i] or 0.0) * cut
            reduced_unit = measure.reduce.unit or lines[targets[0]].unit
            reduced = math.fsum(
                v * units.conversion_factor(str(lines[i].unit), str(reduced_unit)) for i, v in by_line.items()
            )
        else:
            reduced_unit = measure.reduce.unit
            asked = (measure.reduce.amount or 0.0) * measure.size * ramp  # prepare() checked it is given
            # what the lines hold, in the measure's unit
            per_line = {
                i: (state.quantities[i] or 0.0) * units.conversion_factor(str(lines[i].unit), str(reduced_unit))
                for i in targets
            }
            available = math.fsum(per_line.values())
            reduced = min(asked, available)
            achieved = reduced / asked if asked else 1.0
            share = reduced / available if available else 0.0
            for i in targets:
                by_line[i] = (state.quantities[i] or 0.0) * share
        for i, cut_amount in by_line.items():
            state.quantities[i] = max(0.0, (state.quantities[i] or 0.0) - cut_amount)
    added = 0.0
    if measure.add is not None and measure.added_line is not None:
        if measure.add.per_reduced is not None:  # per unit cut, in the reduce block's unit
            added = reduced * measure.add.per_reduced
        else:
            added = (measure.add.amount or 0.0) * measure.size * ramp * achieved
        state.quantities[measure.added_line] = (state.quantities[measure.added_line] or 0.0) + added
    if measure.capture is not None:
        gas = gwp.canonical_gas(measure.capture.gas) or measure.capture.gas
        for i in measure.lines:
            left = state.kept.setdefault(i, {})
            left[gas] = left.get(gas, 1.0) * (1 - (measure.capture.share or 0.0) * ramp)
    removal = measure.removal.t_co2 * measure.size * ramp if measure.removal and measure.removal.t_co2 else 0.0
    return state, Change(ramp, reduced, reduced_unit, by_line, added, achieved, removal)


def _inventory(prepared: Prepared, year: int, history: list[State]) -> tuple[Inventory, list[int]]:
    """The inventory of `year` at one stage; `history[y - base_year]` is that stage's state in year y.
    Returns it with the projection line of each of its activities."""
    state = history[year - prepared.base_year]
    activities: list[Activity | MethodActivity] = []
    origin: list[int] = []
    for index, template in enumerate(prepared.templates):
        quantity = state.quantities[index]
        if index >= len(prepared.growth) and not quantity:
            continue  # a line a measure adds, not added (yet)
        if isinstance(template, Activity):
            activities.append(template.model_copy(update={"amount": quantity or 0.0}))
        elif quantity is None:
            activities.append(template)
        else:
            method = methods.METHODS[template.method]
            name = method.quantity[0] if method.quantity else ""
            if name == "deposits":
                projected = {
                    prepared.base_year + offset: s.quantities[index] or 0.0
                    for offset, s in enumerate(history[1 : year - prepared.base_year + 1], start=1)
                }
                value: Any = {**prepared.deposits[index], **projected}
            else:
                value = quantity
            activities.append(template.model_copy(update={"params": {**template.params, name: value}}))
        origin.append(index)
    update = {
        "activities": activities,
        "period": _shifted(prepared.base.period, year - prepared.base_year),
        "include": [],
    }
    return prepared.base.model_copy(update=update), origin


def _sector(line: Line) -> str:
    reference = gpc.reference(line.gpc) if line.gpc else None
    return reference.sector if reference else f"Scope {line.scope}"


def _totals(prepared: Prepared, result: InventoryResult, origin: list[int], state: State, elapsed: int) -> Totals:
    by_line: dict[int, float] = {}
    by_sector: dict[str, list[float]] = {}
    for line in result.lines:
        index = origin[line.index]
        t_co2e = line.t_co2e
        for gas, left in state.kept.get(index, {}).items():
            weight = gwp.per_unit(gas, result.gwp).in_total
            t_co2e -= line.gases_t.get(gas, 0.0) * weight * (1 - left)
        if index < len(prepared.growth) and state.quantities[index] is None:
            # a method line without a single quantity grows as a whole (its methods are linear)
            t_co2e *= (1 + prepared.growth[index].rate_pct / 100) ** elapsed
        by_line[index] = by_line.get(index, 0.0) + t_co2e
        by_sector.setdefault(_sector(line), []).append(t_co2e)
    return Totals(math.fsum(by_line.values()), {k: math.fsum(v) for k, v in by_sector.items()}, by_line)


def project(prepared: Prepared, evaluate: Evaluate) -> tuple[Projection | None, list[Issue]]:
    """BAU and every stage for every year from the base year to the horizon."""
    stages = len(prepared.measures) + 1
    histories: list[list[State]] = [[] for _ in range(stages)]
    years: list[YearResult] = []
    issues: list[Issue] = []
    for year in prepared.years:
        state = _bau(prepared, year)
        histories[0].append(state)
        changes: list[Change | None] = []
        for k, measure in enumerate(prepared.measures, start=1):
            state, change = _apply(prepared, measure, year, state)
            histories[k].append(state)
            changes.append(change)
        totals: list[Totals] = []
        for k in range(stages):
            if k and changes[k - 1] is None:
                totals.append(totals[-1])  # the measure does nothing yet
                continue
            inventory, origin = _inventory(prepared, year, histories[k])
            result, problems = evaluate(inventory)
            if result is None:
                issues.extend(_blame(problems, origin, prepared))
                return None, issues
            totals.append(_totals(prepared, result, origin, histories[k][-1], year - prepared.base_year))
        years.append(YearResult(year, tuple(totals), tuple(changes), _indicators(prepared, year)))
    last = years[-1]
    for k, measure in enumerate(prepared.measures):
        # the first year it is capped in: a measure that asks a fixed amount of lines that grow is
        # capped in the early years only, and the horizon alone would not show it
        capped = [(y.year, c) for y in years if (c := y.changes[k]) is not None and c.achieved < 1 - TOLERANCE]
        if capped:
            year, change = capped[0]
            issues.append(
                warning(
                    "measure-capped",
                    tr(
                        "measure '{id}' asks for more than its lines hold in {year}: {share} % of it could be done",
                        id=measure.id,
                        year=prepared.base_result.period.year_text(year),
                        share=f"{100 * change.achieved:.0f}",
                    ),
                    ("measures", measure.index, "size"),
                    tr("lower its size, or widen applies_to"),
                )
            )
    names = {"population": "population", "gpp_million_thb": "gpp"}  # as _indicators grows them
    for field_name in prepared.base_result.indicators:
        driver = names.get(field_name)
        if driver is not None and driver not in prepared.plan.bau.drivers and prepared.plan.bau.drivers:
            issues.append(
                warning(
                    "indicator-not-grown",
                    tr(
                        "no driver is named {driver}: the {indicator} indicator stays at its base-year value, so the "
                        "intensity against it follows the emissions alone",
                        driver=driver,
                        indicator=field_name,
                    ),
                    ("bau", "drivers"),
                    tr("name the driver of the population 'population' (and of GPP 'gpp') under bau.drivers"),
                )
            )
    for k, measure in enumerate(prepared.measures, start=1):
        alone = measure.reduce is None and measure.add is None and measure.removal is None
        change = last.changes[k - 1]
        if measure.capture is not None and alone and change is not None:
            before = last.stages[k - 1].t_co2e
            if abs(before - last.stages[k].t_co2e) <= TOLERANCE * max(1.0, abs(before)):  # a gas no line emits
                issues.append(
                    warning(
                        "measure-no-effect",
                        tr(
                            "measure '{id}' captures {gas}, which its lines do not emit: it changes nothing",
                            id=measure.id,
                            gas=measure.capture.gas,
                        ),
                        ("measures", measure.index, "capture"),
                        tr("check the gas (CH4_fossil, CH4, N2O...) or the lines it applies to"),
                    )
                )
    return Projection(prepared, tuple(years), tuple(issues)), issues


def _blame(problems: list[Issue], origin: list[int], prepared: Prepared) -> list[Issue]:
    """Errors of a projected inventory, pointed at the measure whose added line caused them."""
    found = []
    for problem in problems:
        if not problem.is_error:
            continue
        path: Path = ()
        if len(problem.path) >= 2 and problem.path[0] == "activities" and isinstance(problem.path[1], int):
            line = prepared.lines[origin[problem.path[1]]]
            adder = next((m for m in prepared.measures if m.id == line.added_by), None)
            if adder is not None:
                path = ("measures", adder.index, "add")
        found.append(
            error(problem.code, tr("in the projection: {problem}", problem=problem.message), path, problem.hint)
        )
    return found


def _indicators(prepared: Prepared, year: int) -> dict[str, float]:
    """The base inventory's indicators grown by the driver of the same name (population, gpp)."""
    names = {"population": "population", "gpp_million_thb": "gpp"}
    found = {}
    for field_name, value in prepared.base_result.indicators.items():
        driver = prepared.plan.bau.drivers.get(names.get(field_name, field_name))
        rate = driver.rate_pct if driver else 0.0
        found[field_name] = value * (1 + rate / 100) ** (year - prepared.base_year)
    return found
