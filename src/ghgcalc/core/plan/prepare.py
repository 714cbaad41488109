"""A plan checked against its base inventory: lines, growth rules, measures with the catalogue merged in."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ghgcalc import gwp, methods, units
from ghgcalc.core.texts import either
from ghgcalc.errors import Issue, Path, error, visible, warning
from ghgcalc.i18n import tr
from ghgcalc.models.inventory import Activity, Inventory, MethodActivity
from ghgcalc.models.plan import Add, Capture, CatalogueMeasure, Costs, Match, Measure, Plan, Reduce, Removal
from ghgcalc.models.result import InventoryResult


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
    index: int  # its place in the plan's measures
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
    reduce: Reduce | None
    add: Add | None
    capture: Capture | None
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
            values["source"] = tr("given in the plan")
        return kind.model_validate(values)
    merged = {**entry.model_dump(exclude_none=True), **values}
    if "source" not in values and numbers:
        merged["source"] = tr(
            "given in the plan ({fields}); the rest: {source}", fields=", ".join(numbers), source=entry.source
        )
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
    base_quantities: tuple[float | None, ...]  # per base line
    growth: tuple[Growth, ...]  # per base line
    measures: tuple[ResolvedMeasure, ...]
    deposits: dict[int, dict[int, float]]  # landfill-fod lines: their deposits up to the base year
    notes: tuple[str, ...]


def _quantity(activity: Activity | MethodActivity) -> tuple[float | None, str | None]:
    """A line's quantity and its unit; landfill deposits are read apart (see `_deposits`)."""
    if isinstance(activity, Activity):
        return activity.total, activity.unit
    method = methods.get(activity.method)
    if method is None or method.quantity is None:
        return None, None
    name = method.quantity[0]
    value = activity.params.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, None
    return float(value), method.quantity_unit(activity.params)


def _deposits(activity: MethodActivity, base_year: int) -> dict[int, float]:
    """A landfill's deposits up to the base year, by year (the method's own reading of them)."""
    method = methods.METHODS["landfill-fod"]
    checked = importlib.import_module(method.module).Params.model_validate(activity.params)
    return {year: tonnes for year, tonnes in checked.deposits.items() if year <= base_year}


def prepare(
    plan: Plan, base: Inventory, base_result: InventoryResult, catalogue: dict[str, CatalogueMeasure]
) -> tuple[Prepared | None, list[Issue]]:
    """Check the plan against its base inventory and merge the catalogue; every problem has a path."""
    issues: list[Issue] = []
    base_year = base_result.period.end.year
    year_text = base_result.period.year_text  # a year as the base inventory writes its years (B.E. or C.E.)
    if plan.horizon <= base_year:
        issues.append(
            error(
                "horizon-invalid",
                tr(
                    "the horizon {horizon} is not after the base year {base}",
                    horizon=year_text(plan.horizon),
                    base=year_text(base_year),
                ),
                ("horizon",),
                tr("give a later year, e.g. 2030 or 2573"),
            )
        )
        return None, issues
    if plan.horizon - base_year > 80:
        issues.append(error("horizon-invalid", tr("a plan covers at most 80 years"), ("horizon",)))
        return None, issues
    days = (base_result.period.end - base_result.period.start).days + 1
    if not 365 <= days <= 366:
        issues.append(
            warning(
                "base-period-not-a-year",
                tr(
                    "the base inventory covers {days} days ({period}), "
                    "not a year: every projected year repeats that period's emissions",
                    days=days,
                    period=base_result.period.label,
                ),
                ("base",),
                tr("base a plan on a whole calendar or fiscal year's inventory"),
            )
        )
    years = tuple(range(base_year, plan.horizon + 1))
    by_index = {line.index: line for line in base_result.lines}
    infos: list[LineInfo] = []
    templates: list[Activity | MethodActivity] = []
    quantities: list[float | None] = []
    deposits: dict[int, dict[int, float]] = {}
    for index, activity in enumerate(base.activities):
        line = by_index[index]
        quantity, unit = _quantity(activity)
        if isinstance(activity, MethodActivity) and activity.method == "landfill-fod":
            deposits[index] = _deposits(activity, base_year)
            quantity, unit = (deposits[index][max(deposits[index])] if deposits[index] else 0.0), "t"
        infos.append(LineInfo(line.activity, line.label, line.scope, line.category, line.gpc, line.id, unit))
        templates.append(activity)
        quantities.append(quantity)
    growth = _growth(plan, infos, issues)
    resolved: list[ResolvedMeasure] = []
    for index, measure in enumerate(plan.measures):
        done = _resolve(index, measure, plan, catalogue, infos, templates, base_result, issues)
        if done is not None:
            resolved.append(done)
    for index, target in enumerate(plan.targets):
        if not base_year < target.year <= plan.horizon:
            issues.append(
                error(
                    "target-year-invalid",
                    tr(
                        "the target year {year} is outside the plan ({first}-{last})",
                        year=year_text(target.year),
                        first=year_text(base_year + 1),
                        last=year_text(plan.horizon),
                    ),
                    ("targets", index, "year"),
                    tr("move the horizon or the target"),
                )
            )
    invested = [m for m in resolved if m.costs and m.costs.investment_thb]
    if invested and plan.discount_rate_pct is None:
        first = invested[0]
        issues.append(
            error(
                "discount-rate-missing",
                tr(
                    "measure '{id}' has an investment to annualise but the plan gives no discount_rate_pct",
                    id=first.id,
                ),
                ("measures", first.index, "costs" if plan.measures[first.index].costs else "use"),
                tr("add e.g. discount_rate_pct: 6 with the rate your agency uses; 0 means no discounting"),
            )
        )
    issues.extend(_price_units(plan, infos))
    notes = []
    unmatched = [infos[i].name for i, g in enumerate(growth) if g.driver is None and g.rate_pct == 0]
    if unmatched and plan.bau.default is None:
        notes.append(
            tr("{count} line(s) stay constant in BAU (no growth rule and no bau.default)", count=len(unmatched))
        )
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


def _price_units(plan: Plan, lines: Sequence[LineInfo]) -> list[Issue]:
    """A price's unit must be one the lines it values (and the lines measures add) convert to."""
    issues = []
    for activity, price in plan.prices.items():
        path: Path = ("prices", activity, "unit")
        try:
            units.check_unit(price.unit)
            for line in lines:
                if line.activity == activity and line.unit:
                    units.conversion_factor(str(line.unit), price.unit)
        except units.UnitError as exc:
            found = sorted({str(line.unit) for line in lines if line.activity == activity and line.unit})
            issues.append(
                error(
                    "price-unit-invalid",
                    tr(
                        "the price of '{activity}' is per '{unit}': {problem}",
                        activity=visible(activity),
                        unit=visible(price.unit),
                        problem=exc,
                    ),
                    path,
                    tr("give the price per the lines' unit ({units})", units=", ".join(found)) if found else exc.hint,
                )
            )
    return issues


def _growth(plan: Plan, lines: list[LineInfo], issues: list[Issue]) -> list[Growth]:
    drivers = plan.bau.drivers

    def driver_growth(name: str, path: Path) -> Growth:
        if name not in drivers:
            known = ", ".join(sorted(drivers)) or tr("none yet")
            issues.append(
                error(
                    "driver-unknown",
                    tr("no driver '{name}' under bau.drivers", name=name),
                    path,
                    tr("the drivers: {known}", known=known),
                )
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
                warning("growth-unused", tr("this rule matches no line of the base inventory"), ("bau", "lines", index))
            )
    return found


def _resolve(
    index: int,
    measure: Measure,
    plan: Plan,
    catalogue: dict[str, CatalogueMeasure],
    lines: list[LineInfo],
    templates: list[Activity | MethodActivity],
    base_result: InventoryResult,
    issues: list[Issue],
) -> ResolvedMeasure | None:
    path: Path = ("measures", index)
    before = len(issues)
    base_year = base_result.period.end.year
    year_text = base_result.period.year_text

    def problem(code: str, message: str, where: Path = (), hint: str | None = None) -> None:
        issues.append(
            error(code, tr("measure '{id}': {problem}", id=measure.id, problem=message), (*path, *where), hint)
        )

    entry = None
    if measure.use is not None:
        entry = catalogue.get(measure.use)
        if entry is None:
            known = ", ".join(sorted(catalogue))
            problem(
                "measure-unknown",
                tr("no measure '{use}' in the catalogue", use=measure.use),
                ("use",),
                tr("the catalogue: {known}", known=known),
            )
            return None
    if measure.start <= base_year:
        problem(
            "measure-start-invalid",
            tr(
                "starts in {start}, not after the base year {base}",
                start=year_text(measure.start),
                base=year_text(base_year),
            ),
            ("start",),
            tr("what was done by the base year is already in the base inventory"),
        )
    elif measure.start > plan.horizon:
        issues.append(
            warning(
                "measure-after-horizon",
                tr(
                    "measure '{id}' starts in {start}, after the horizon {horizon}: it has no effect in this plan",
                    id=measure.id,
                    start=year_text(measure.start),
                    horizon=year_text(plan.horizon),
                ),
                (*path, "start"),
                tr(
                    "start it by {horizon}, or move the horizon to {start} or later",
                    horizon=year_text(plan.horizon),
                    start=year_text(measure.start),
                ),
            )
        )
    elif measure.start + measure.ramp_years - 1 > plan.horizon:
        issues.append(
            warning(
                "measure-ramp-after-horizon",
                tr(
                    "measure '{id}' reaches its full effect only in {full}, after the horizon {horizon}: "
                    "the plan counts {share} % of it in {horizon}",
                    id=measure.id,
                    full=year_text(measure.start + measure.ramp_years - 1),
                    horizon=year_text(plan.horizon),
                    share=f"{100 * (plan.horizon - measure.start + 1) / measure.ramp_years:.0f}",
                ),
                (*path, "ramp_years"),
                tr("a shorter ramp_years, an earlier start or a later horizon shows it in full"),
            )
        )
    reduce = _merge(entry and entry.reduce, measure.reduce, Reduce)
    add = _merge(entry and entry.add, measure.add, Add)
    capture = _merge(entry and entry.capture, measure.capture, Capture)
    removal = _merge(entry and entry.removal, measure.removal, Removal)
    costs = _merge(entry and entry.costs, measure.costs, Costs)
    if not any((reduce, add, capture, removal)):
        problem(
            "measure-empty",
            tr("does nothing: give reduce, add, capture or removal, or use a catalogue entry"),
            (),
            tr("e.g. use: led-street-lighting (the catalogue: docs/measures.md), or reduce: {share: 0.3}"),
        )
    if reduce is not None and (reduce.share is None) == (reduce.amount is None or reduce.unit is None):
        problem(
            "measure-reduce-invalid",
            tr("reduce needs either share, or amount with unit"),
            ("reduce",),
            tr("e.g. reduce: {share: 0.3} or reduce: {amount: 628.5, unit: kWh}"),
        )
    if capture is not None and gwp.canonical_gas(capture.gas) is None:
        problem(
            "gas-unknown",
            tr("'{gas}' is not a gas ghgcalc knows", gas=capture.gas),
            ("capture", "gas"),
            tr("e.g. capture: {gas: CH4, share: 0.9}"),
        )
    if capture is not None and capture.share is None:
        problem(
            "measure-capture-invalid",
            tr("capture needs a share"),
            ("capture",),
            tr("e.g. capture: {gas: CH4, share: 0.9}"),
        )
    if removal is not None and removal.t_co2 is None:
        problem(
            "measure-removal-invalid",
            tr("removal needs t_co2 per size unit per year"),
            ("removal",),
            tr("e.g. removal: {t_co2: 0.009, source: ...}"),
        )
    if costs is not None and costs.investment_thb is None and costs.om_thb_per_year is None:
        # costs: {} or only its source: the measure would enter the MACC as free (investment 0)
        problem(
            "measure-costs-invalid",
            tr("costs gives no figure: neither investment_thb nor om_thb_per_year"),
            ("costs",),
            tr("give its investment (with lifetime_years) or its yearly O&M, or leave costs out until they are known"),
        )
    elif costs is not None and costs.investment_thb and not costs.lifetime_years:
        problem(
            "measure-costs-invalid",
            tr("an investment needs lifetime_years to be annualised"),
            ("costs",),
            tr("e.g. costs: {investment_thb: 9000, lifetime_years: 10}"),
        )
    acting = reduce is not None or capture is not None
    targets: list[int] = []
    applies_to = tuple(measure.applies_to or ())
    if acting:
        if not applies_to:
            hint = entry.applies_to_hint if entry and entry.applies_to_hint else None
            problem(
                "measure-applies-to-missing",
                tr("say which lines it acts on with applies_to"),
                (),
                tr("e.g. applies_to: {{label: ...}}; the catalogue says: {hint}", hint=hint) if hint else None,
            )
        else:
            targets = matching(lines, applies_to)
            if not targets:
                problem(
                    "measure-applies-to-none",
                    tr("applies_to matches no line of the base inventory (or of the measures before it)"),
                    ("applies_to",),
                    _closest(applies_to, lines),
                )
    if reduce is not None and targets:
        without = [lines[i].name for i in targets if lines[i].unit is None]
        if without:
            problem(
                "measure-line-no-quantity",
                tr("cannot cut '{line}': its method has no single quantity to reduce", line=without[0]),
                ("applies_to",),
                tr("use capture for such lines, or match other lines"),
            )
        elif reduce.unit is not None:
            for i in targets:
                try:
                    units.conversion_factor(reduce.unit, str(lines[i].unit))
                except units.UnitError:
                    problem(
                        "measure-unit-mismatch",
                        tr(
                            "reduce is in {unit} but '{line}' is in {line_unit}",
                            unit=reduce.unit,
                            line=lines[i].name,
                            line_unit=lines[i].unit,
                        ),
                        ("reduce", "unit"),
                        tr("match lines of one kind, or give the reduction in their unit"),
                    )
                    break
        else:
            found_units = {units.normalise(str(lines[i].unit)) for i in targets}
            first = str(lines[targets[0]].unit)
            mixed = []
            for i in targets:
                try:
                    units.conversion_factor(str(lines[i].unit), first)
                except units.UnitError:
                    mixed.append(i)
            if mixed:  # what the share cuts is counted in the first line's unit: kWh and L do not add up
                problem(
                    "measure-unit-mismatch",
                    tr(
                        "it cuts lines in units that do not add up: '{line}' in {unit}, '{other}' in {other_unit}",
                        line=lines[targets[0]].name,
                        unit=first,
                        other=lines[mixed[0]].name,
                        other_unit=lines[mixed[0]].unit,
                    ),
                    ("applies_to",),
                    tr("give one measure for each kind of line, so that what each cuts adds up in one unit"),
                )
            elif add is not None and add.per_reduced is not None and len(found_units) > 1:
                problem(
                    "measure-unit-mismatch",
                    tr("the lines it cuts are in several units ({units})", units=", ".join(sorted(found_units))),
                    ("reduce",),
                    tr("give reduce.unit so per_reduced has one unit to count in"),
                )
    added_line = None
    if add is not None:
        added_line = _added_line(measure, add, reduce, entry, path, problem, lines, templates)
    if len(issues) > before and any(i.is_error for i in issues[before:]):
        return None
    return ResolvedMeasure(
        index=index,
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
                return tr("did you mean {field}: {values}?", field=field_name, values=either(repr(c) for c in close))
            if known:
                shown = ", ".join(repr(k) for k in known[:12]) + (" ..." if len(known) > 12 else "")
                return tr("the {field}s in the base inventory: {shown}", field=field_name, shown=shown)
    return tr("match by activity, gpc, scope, category, label or id as the inventory writes them")


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
        problem(
            "measure-add-invalid",
            tr("add needs either activity (a factor key) or method"),
            ("add",),
            tr("e.g. add: {activity: electricity-grid, amount: 28000, unit: kWh}"),
        )
        return None
    if (add.amount is None) == (add.per_reduced is None):
        problem(
            "measure-add-invalid",
            tr("add needs either amount (per size unit) or per_reduced"),
            ("add",),
            tr("amount is added per size unit a year; per_reduced per unit the measure cuts"),
        )
        return None
    if add.per_reduced is not None and reduce is None:
        problem(
            "measure-add-invalid",
            tr("per_reduced needs a reduce block in the same measure"),
            ("add", "per_reduced"),
            tr("give the measure a reduce block, or add an amount per size unit instead"),
        )
        return None
    label = add.label or f"{measure.name or (entry.name if entry else measure.id)} (added)"
    if add.activity is not None:
        if add.unit is None:
            problem("measure-add-invalid", tr("add needs the unit of its amount"), ("add",), tr("e.g. unit: kWh"))
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
            problem(
                "measure-add-invalid",
                tr("cannot add lines of method '{method}'", method=add.method),
                ("add", "method"),
                tr("the methods a measure can add: {usable}", usable=usable),
            )
            return None
        template = MethodActivity(
            method=method.name, params=dict(add.params), scope=add.scope, gpc=add.gpc, label=label
        )
        unit = method.quantity_unit(add.params)
        name = method.name
        if add.unit is not None and units.normalise(add.unit) != units.normalise(str(unit)):
            problem(
                "measure-unit-mismatch",
                tr("{method} counts in {unit}, not {given}", method=name, unit=unit, given=add.unit),
                ("add", "unit"),
                tr("write unit: {unit}, or leave it out", unit=unit),
            )
            return None
    lines.append(LineInfo(name, label, add.scope or 0, None, add.gpc, None, unit, added_by=measure.id))
    templates.append(template)
    return len(lines) - 1
