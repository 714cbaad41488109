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

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ghgcalc import gpc, gwp, methods, units
from ghgcalc.errors import Issue, Path, error, warning
from ghgcalc.models.inventory import Activity, Inventory, MethodActivity
from ghgcalc.models.period import Period
from ghgcalc.models.plan import Add, CatalogueMeasure, Costs, Match, Measure, Plan, Price, Removal
from ghgcalc.models.result import InventoryResult, Line

# Computes one projected inventory; returns its result, or None and the errors.
Evaluate = Callable[[Inventory], tuple[InventoryResult | None, list[Issue]]]
TOLERANCE = 1e-9


# --- lines and matching --------------------------------------------------------------------------
@dataclass(frozen=True)
class LineInfo:
    """A line of the projection: a base inventory line, or one a measure adds."""

    activity: str
    label: str | None
    scope: int
    category: str | None
    gpc: str | None
    id: str | None
    unit: str | None  # the unit of its quantity; None if it has no single quantity
    added_by: str | None = None  # the measure that adds it

    @property
    def name(self) -> str:
        return self.label or self.activity


def matches(line: LineInfo, match: Match) -> bool:
    if match.activity is not None and line.activity != match.activity.lower():
        return False
    if match.gpc is not None:
        wanted = match.gpc.strip().upper()
        if line.gpc is None or not (line.gpc == wanted or line.gpc.startswith(wanted + ".")):
            return False
    if match.scope is not None and line.scope != match.scope:
        return False
    if match.category is not None and (line.category or "").casefold() != match.category.casefold():
        return False
    if match.label is not None and (line.label or "").casefold() != match.label.casefold():
        return False
    return match.id is None or line.id == match.id


def matching(lines: Sequence[LineInfo], rules: Sequence[Match]) -> list[int]:
    return [i for i, line in enumerate(lines) if any(matches(line, rule) for rule in rules)]


# --- measures with the catalogue merged in -------------------------------------------------------
@dataclass(frozen=True)
class ResolvedMeasure:
    id: str
    name: str
    use: str | None
    size: float
    size_unit: str
    size_source: str | None
    start: int
    ramp_years: int
    applies_to: tuple[Match, ...]
    lines: tuple[int, ...]  # the projection lines it acts on
    reduce: Any  # Reduce | None, merged
    add: Add | None
    capture: Any  # Capture | None
    removal: Removal | None
    costs: Costs | None
    added_line: int | None  # the projection line it adds

    def ramp(self, year: int) -> float:
        """Share of full effect in `year`: 0 before the start, rising evenly over ramp_years."""
        if year < self.start:
            return 0.0
        return min(1.0, (year - self.start + 1) / self.ramp_years)


def _merge(entry: Any, given: Any, kind: type[BaseModel]) -> Any:
    """A catalogue block overridden field by field by the plan's block; sources say who gave what."""
    if given is None:
        return entry
    values = given.model_dump(exclude_unset=True)
    numbers = sorted(k for k in values if k != "source")
    if entry is None:
        if "source" not in values:
            values["source"] = "given in the plan"
        return kind.model_validate(values)
    merged = {**entry.model_dump(exclude_none=True), **values}
    if "source" not in values and numbers:
        merged["source"] = f"given in the plan ({', '.join(numbers)}); the rest: {entry.source}"
    return kind.model_validate(merged)


# --- the prepared plan ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Growth:
    driver: str | None
    rate_pct: float
    source: str | None


@dataclass(frozen=True)
class Prepared:
    plan: Plan
    base: Inventory
    base_result: InventoryResult
    base_year: int
    years: tuple[int, ...]
    lines: tuple[LineInfo, ...]
    templates: tuple[Activity | MethodActivity, ...]
    base_quantities: tuple[float | None, ...]
    growth: tuple[Growth, ...]  # per base line
    measures: tuple[ResolvedMeasure, ...]
    deposits: dict[int, dict[int, float]]  # landfill-fod lines: their deposits up to the base year
    notes: tuple[str, ...]


def _quantity(activity: Activity | MethodActivity, base_year: int) -> tuple[float | None, str | None]:
    if isinstance(activity, Activity):
        return activity.total, activity.unit
    method = methods.get(activity.method)
    if method is None or method.quantity is None:
        return None, None
    name = method.quantity[0]
    if name == "deposits":
        deposits = _deposits(activity)
        earlier = [y for y in deposits if y <= base_year]
        return (deposits[max(earlier)] if earlier else 0.0), "t"
    value = activity.params.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, None
    return float(value), method.quantity_unit(activity.params)


def _deposits(activity: MethodActivity) -> dict[int, float]:
    method = methods.METHODS["landfill-fod"]
    checked = importlib.import_module(method.module).Params.model_validate(activity.params)
    return dict(checked.deposits)


def prepare(
    plan: Plan, base: Inventory, base_result: InventoryResult, catalogue: dict[str, CatalogueMeasure]
) -> tuple[Prepared | None, list[Issue]]:
    """Check the plan against its base inventory and merge the catalogue; every problem has a path."""
    issues: list[Issue] = []
    base_year = base_result.period.end.year
    if plan.horizon <= base_year:
        issues.append(
            error(
                "horizon-invalid",
                f"the horizon {plan.horizon} is not after the base year {base_year}",
                ("horizon",),
                "give a later year, e.g. 2030 or 2573",
            )
        )
        return None, issues
    if plan.horizon - base_year > 80:
        issues.append(error("horizon-invalid", "a plan covers at most 80 years", ("horizon",)))
        return None, issues
    years = tuple(range(base_year, plan.horizon + 1))
    by_index = {line.index: line for line in base_result.lines}
    infos: list[LineInfo] = []
    templates: list[Activity | MethodActivity] = []
    quantities: list[float | None] = []
    deposits: dict[int, dict[int, float]] = {}
    for index, activity in enumerate(base.activities):
        line = by_index[index]
        quantity, unit = _quantity(activity, base_year)
        if isinstance(activity, MethodActivity) and activity.method == "landfill-fod":
            deposits[index] = {y: t for y, t in _deposits(activity).items() if y <= base_year}
        infos.append(LineInfo(line.activity, line.label, line.scope, line.category, line.gpc, line.id, unit))
        templates.append(activity)
        quantities.append(quantity)
    growth = _growth(plan, infos, issues)
    resolved: list[ResolvedMeasure] = []
    for index, measure in enumerate(plan.measures):
        done = _resolve(index, measure, plan, catalogue, infos, templates, base_year, issues)
        if done is not None:
            resolved.append(done)
            if done.added_line is not None:
                quantities.append(0.0)
    for index, target in enumerate(plan.targets):
        if not base_year < target.year <= plan.horizon:
            issues.append(
                error(
                    "target-year-invalid",
                    f"the target year {target.year} is outside the plan ({base_year + 1}-{plan.horizon})",
                    ("targets", index, "year"),
                    "move the horizon or the target",
                )
            )
    invested = [
        i for i, m in enumerate(plan.measures) if m.id in {r.id for r in resolved if r.costs and r.costs.investment_thb}
    ]
    if invested and plan.discount_rate_pct is None:
        first = plan.measures[invested[0]]
        issues.append(
            error(
                "discount-rate-missing",
                f"measure '{first.id}' has an investment to annualise but the plan gives no discount_rate_pct",
                ("measures", invested[0], "costs") if first.costs else ("measures", invested[0], "use"),
                "add e.g. discount_rate_pct: 6 with the rate your agency uses; 0 means no discounting",
            )
        )
    notes = []
    unmatched = [infos[i].name for i, g in enumerate(growth) if g.driver is None and g.rate_pct == 0]
    if unmatched and plan.bau.default is None:
        notes.append(f"{len(unmatched)} line(s) stay constant in BAU (no growth rule and no bau.default)")
    if any(i.is_error for i in issues):
        return None, issues
    prepared = Prepared(
        plan=plan,
        base=base,
        base_result=base_result,
        base_year=base_year,
        years=years,
        lines=tuple(infos),
        templates=tuple(templates),
        base_quantities=tuple(quantities),
        growth=tuple(growth),
        measures=tuple(resolved),
        deposits=deposits,
        notes=tuple(notes),
    )
    return prepared, issues


def _growth(plan: Plan, lines: list[LineInfo], issues: list[Issue]) -> list[Growth]:
    drivers = plan.bau.drivers

    def driver_growth(name: str, path: Path) -> Growth:
        if name not in drivers:
            known = ", ".join(sorted(drivers)) or "none yet"
            issues.append(
                error("driver-unknown", f"no driver '{name}' under bau.drivers", path, f"the drivers: {known}")
            )
            return Growth(name, 0.0, None)
        return Growth(name, drivers[name].rate_pct, drivers[name].source)

    default = Growth(None, 0.0, None)
    if plan.bau.default is not None:
        default = driver_growth(plan.bau.default, ("bau", "default"))
    found: list[Growth] = []
    used = [False] * len(plan.bau.lines)
    for line in lines:
        chosen = default
        for index, rule in enumerate(plan.bau.lines):
            if any(matches(line, m) for m in rule.match):
                used[index] = True
                if rule.driver is not None:
                    chosen = driver_growth(rule.driver, ("bau", "lines", index, "driver"))
                else:
                    chosen = Growth(None, rule.rate_pct or 0.0, rule.source)
                break
        found.append(chosen)
    for index, was_used in enumerate(used):
        if not was_used:
            issues.append(
                warning("growth-unused", "this rule matches no line of the base inventory", ("bau", "lines", index))
            )
    return found


def _resolve(
    index: int,
    measure: Measure,
    plan: Plan,
    catalogue: dict[str, CatalogueMeasure],
    lines: list[LineInfo],
    templates: list[Activity | MethodActivity],
    base_year: int,
    issues: list[Issue],
) -> ResolvedMeasure | None:
    from ghgcalc.models.plan import Capture, Reduce

    path: Path = ("measures", index)
    before = len(issues)

    def problem(code: str, message: str, where: Path = (), hint: str | None = None) -> None:
        issues.append(error(code, f"measure '{measure.id}': {message}", (*path, *where), hint))

    entry = None
    if measure.use is not None:
        entry = catalogue.get(measure.use)
        if entry is None:
            known = ", ".join(sorted(catalogue))
            problem(
                "measure-unknown", f"no measure '{measure.use}' in the catalogue", ("use",), f"the catalogue: {known}"
            )
            return None
    if measure.start <= base_year:
        problem(
            "measure-start-invalid",
            f"starts in {measure.start}, not after the base year {base_year}",
            ("start",),
            "what was done by the base year is already in the base inventory",
        )
    reduce = _merge(entry and entry.reduce, measure.reduce, Reduce)
    add = _merge(entry and entry.add, measure.add, Add)
    capture = _merge(entry and entry.capture, measure.capture, Capture)
    removal = _merge(entry and entry.removal, measure.removal, Removal)
    costs = _merge(entry and entry.costs, measure.costs, Costs)
    if not any((reduce, add, capture, removal)):
        problem(
            "measure-empty",
            "does nothing: give reduce, add, capture or removal, or use a catalogue entry",
            (),
            "e.g. use: led-street-lighting (the catalogue: docs/measures.md), or reduce: {share: 0.3}",
        )
    if reduce is not None and (reduce.share is None) == (reduce.amount is None or reduce.unit is None):
        problem("measure-reduce-invalid", "reduce needs either share, or amount with unit", ("reduce",))
    if capture is not None and capture.share is None:
        problem("measure-capture-invalid", "capture needs a share", ("capture",))
    if removal is not None and removal.t_co2 is None:
        problem("measure-removal-invalid", "removal needs t_co2 per size unit per year", ("removal",))
    if costs is not None and costs.investment_thb and not costs.lifetime_years:
        problem("measure-costs-invalid", "an investment needs lifetime_years to be annualised", ("costs",))
    acting = reduce is not None or capture is not None
    targets: list[int] = []
    applies_to = tuple(measure.applies_to or ())
    if acting:
        if not applies_to:
            hint = entry.applies_to_hint if entry and entry.applies_to_hint else None
            problem(
                "measure-applies-to-missing",
                "say which lines it acts on with applies_to",
                (),
                f"e.g. applies_to: {{label: ...}}; the catalogue says: {hint}" if hint else None,
            )
        else:
            targets = matching(lines, applies_to)
            if not targets:
                problem(
                    "measure-applies-to-none",
                    "applies_to matches no line of the base inventory (or of the measures before it)",
                    ("applies_to",),
                    _closest(applies_to, lines),
                )
    if reduce is not None and targets:
        without = [lines[i].name for i in targets if lines[i].unit is None]
        if without:
            problem(
                "measure-line-no-quantity",
                f"cannot cut '{without[0]}': its method has no single quantity to reduce",
                ("applies_to",),
                "use capture for such lines, or match other lines",
            )
        elif reduce.unit is not None:
            for i in targets:
                try:
                    units.conversion_factor(reduce.unit, str(lines[i].unit))
                except units.UnitError:
                    problem(
                        "measure-unit-mismatch",
                        f"reduce is in {reduce.unit} but '{lines[i].name}' is in {lines[i].unit}",
                        ("reduce", "unit"),
                        "match lines of one kind, or give the reduction in their unit",
                    )
                    break
        else:
            found_units = {units.normalise(str(lines[i].unit)) for i in targets}
            if add is not None and add.per_reduced is not None and len(found_units) > 1:
                problem(
                    "measure-unit-mismatch",
                    f"the lines it cuts are in several units ({', '.join(sorted(found_units))})",
                    ("reduce",),
                    "give reduce.unit so per_reduced has one unit to count in",
                )
    added_line = None
    if add is not None:
        added_line = _added_line(measure, add, reduce, entry, path, problem, lines, templates)
    if len(issues) > before and any(i.is_error for i in issues[before:]):
        return None
    return ResolvedMeasure(
        id=measure.id,
        name=measure.name or (entry.name if entry else measure.id),
        use=measure.use,
        size=measure.size,
        size_unit=measure.size_unit or (entry.size_unit if entry else "measure"),
        size_source=measure.size_source,
        start=measure.start,
        ramp_years=measure.ramp_years,
        applies_to=applies_to,
        lines=tuple(targets),
        reduce=reduce,
        add=add,
        capture=capture,
        removal=removal,
        costs=costs,
        added_line=added_line,
    )


def _closest(rules: Sequence[Match], lines: Sequence[LineInfo]) -> str:
    """A hint naming the lines the user probably meant."""
    import difflib

    for rule in rules:
        for field_name in ("label", "activity", "gpc", "category", "id"):
            wanted = getattr(rule, field_name)
            if wanted is None:
                continue
            known = sorted({str(getattr(line, field_name)) for line in lines if getattr(line, field_name)})
            close = difflib.get_close_matches(str(wanted), known, n=3, cutoff=0.5)
            if close:
                return f"did you mean {field_name}: {' or '.join(repr(c) for c in close)}?"
            if known:
                shown = ", ".join(repr(k) for k in known[:12])
                return f"the {field_name}s in the base inventory: {shown}" + (" ..." if len(known) > 12 else "")
    return "match by activity, gpc, scope, category, label or id as the inventory writes them"


def _added_line(
    measure: Measure,
    add: Add,
    reduce: Any,
    entry: CatalogueMeasure | None,
    path: Path,
    problem: Callable[..., None],
    lines: list[LineInfo],
    templates: list[Activity | MethodActivity],
) -> int | None:
    if (add.activity is None) == (add.method is None):
        problem("measure-add-invalid", "add needs either activity (a factor key) or method", ("add",))
        return None
    if (add.amount is None) == (add.per_reduced is None):
        problem("measure-add-invalid", "add needs either amount (per size unit) or per_reduced", ("add",))
        return None
    if add.per_reduced is not None and reduce is None:
        problem("measure-add-invalid", "per_reduced needs a reduce block in the same measure", ("add", "per_reduced"))
        return None
    label = add.label or f"{measure.name or (entry.name if entry else measure.id)} (added)"
    if add.activity is not None:
        if add.unit is None:
            problem("measure-add-invalid", "add needs the unit of its amount", ("add",))
            return None
        template: Activity | MethodActivity = Activity(
            activity=add.activity, amount=1.0, unit=add.unit, scope=add.scope, gpc=add.gpc, label=label
        )
        unit: str | None = add.unit
        name = add.activity
    else:
        method = methods.get(str(add.method))
        if method is None or method.quantity is None or method.quantity[0] == "deposits":
            usable = ", ".join(m.name for m in methods.METHODS.values() if m.quantity and m.quantity[0] != "deposits")
            problem("measure-add-invalid", f"cannot add lines of method '{add.method}'", ("add", "method"), usable)
            return None
        template = MethodActivity(
            method=method.name, params=dict(add.params), scope=add.scope, gpc=add.gpc, label=label
        )
        unit = method.quantity_unit(add.params)
        name = method.name
        if add.unit is not None and units.normalise(add.unit) != units.normalise(str(unit)):
            problem("measure-unit-mismatch", f"{name} counts in {unit}, not {add.unit}", ("add", "unit"))
            return None
    lines.append(LineInfo(name, label, add.scope or 0, None, add.gpc, None, unit, added_by=measure.id))
    templates.append(template)
    return len(lines) - 1


# --- projecting ----------------------------------------------------------------------------------
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
    quantities: list[float | None] = []
    for index, quantity in enumerate(prepared.base_quantities):
        if index >= len(prepared.growth) or quantity is None:
            quantities.append(0.0 if index >= len(prepared.growth) else None)
        else:
            quantities.append(quantity * (1 + prepared.growth[index].rate_pct / 100) ** elapsed)
    return State(quantities)


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
            asked = measure.reduce.amount * measure.size * ramp
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
            left[gas] = left.get(gas, 1.0) * (1 - measure.capture.share * ramp)
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
        for k, change in enumerate(changes):
            if change is not None and change.achieved < 1 - TOLERANCE and year == prepared.years[-1]:
                measure = prepared.measures[k]
                issues.append(
                    warning(
                        "measure-capped",
                        f"measure '{measure.id}' asks for more than its lines hold in {year}: "
                        f"{100 * change.achieved:.0f} % of it could be done",
                        ("measures", prepared.plan.measures.index(_plan_measure(prepared, measure.id)), "size"),
                        "lower its size, or widen applies_to",
                    )
                )
        years.append(YearResult(year, tuple(totals), tuple(changes), _indicators(prepared, year)))
    return Projection(prepared, tuple(years), tuple(issues)), issues


def _plan_measure(prepared: Prepared, measure_id: str) -> Measure:
    return next(m for m in prepared.plan.measures if m.id == measure_id)


def _blame(problems: list[Issue], origin: list[int], prepared: Prepared) -> list[Issue]:
    """Errors of a projected inventory, pointed at the measure whose added line caused them."""
    found = []
    for problem in problems:
        if not problem.is_error:
            continue
        path: Path = ()
        if len(problem.path) >= 2 and problem.path[0] == "activities" and isinstance(problem.path[1], int):
            line = prepared.lines[origin[problem.path[1]]]
            if line.added_by is not None:
                index = prepared.plan.measures.index(_plan_measure(prepared, line.added_by))
                path = ("measures", index, "add")
        found.append(error(problem.code, f"in the projection: {problem.message}", path, problem.hint))
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


# --- costs and targets ---------------------------------------------------------------------------
def capital_recovery(rate_pct: float, years: float) -> float:
    """The share of an investment paid back each year over `years` at `rate_pct` (annuity factor)."""
    rate = rate_pct / 100
    if rate == 0:
        return 1 / years
    return rate * (1 + rate) ** years / ((1 + rate) ** years - 1)


@dataclass(frozen=True)
class Economics:
    abatement_t_co2e: float  # in the horizon year: its emission cut plus its removals
    investment_thb: float | None
    annualised_investment_thb: float | None
    om_thb_per_year: float | None
    savings_thb_per_year: float | None
    net_annual_cost_thb: float | None
    cost_thb_per_t_co2e: float | None


def economics(projection: Projection, k: int) -> Economics:
    prepared = projection.prepared
    measure = prepared.measures[k]
    last = projection.years[-1]
    change = last.changes[k]
    abatement = last.reduction_t_co2e(k) + (change.removal_t_co2 if change else 0.0)
    costs = measure.costs
    savings = _savings(prepared, measure, change, prepared.plan.prices) if change else None
    if costs is None:
        return Economics(abatement, None, None, None, savings, None, None)
    investment = (costs.investment_thb or 0.0) * measure.size
    rate = prepared.plan.discount_rate_pct or 0.0
    annualised = investment * capital_recovery(rate, costs.lifetime_years) if costs.lifetime_years else 0.0
    om = (costs.om_thb_per_year or 0.0) * measure.size
    net = annualised + om - (savings or 0.0)
    per_t = net / abatement if abatement > TOLERANCE else None
    return Economics(abatement, investment, annualised, om, savings, net, per_t)


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
    checks = []
    for target in prepared.plan.targets:
        year = by_year[target.year]
        if target.net_zero:
            kind, goal = "net-zero", 0.0
            name = target.name or f"net zero by {target.year}"
        else:
            pct = target.reduction_pct or 0.0
            reference = year.bau_t_co2e if target.against == "bau" else base_total
            kind, goal = f"reduction-vs-{target.against}", reference * (1 - pct / 100)
            against = "BAU" if target.against == "bau" else f"the base year {prepared.base_year}"
            name = target.name or f"-{pct:g} % against {against} by {target.year}"
        checks.append(
            TargetCheck(name, target.year, kind, goal, year.net_t_co2e, year.bau_t_co2e, year.net_t_co2e - goal)
        )
    return checks
