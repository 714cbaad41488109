"""Amount x factor for every line: per-gas masses, CO2e with one GWP set, issues with paths."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ghgcalc import gpc, gwp, i18n, units
from ghgcalc.core import plausibility
from ghgcalc.core.resolve import Catalogue, ResolveError, SetChoice
from ghgcalc.core.texts import either
from ghgcalc.errors import Issue, Path, error, visible, warning
from ghgcalc.i18n import tr
from ghgcalc.models.factor import Factor, FactorSet, GasValue
from ghgcalc.models.inventory import Activity, DeclaredGas, Inventory, MethodActivity
from ghgcalc.models.result import BIOGENIC, NON_KYOTO, InventoryResult, Line, new_line

if TYPE_CHECKING:
    from ghgcalc.core.plausibility import Checks
    from ghgcalc.models.period import Period

CUSTOM = "custom"
METHOD = "method"  # the set of a method's result as a one-off factor


# A 95 % range this narrow (in %) is unusual for activity data or a factor: it may be a fraction
# typed for a percentage (0.05 for 5 %).
TINY_PCT = 0.5


def tiny_range(pct: tuple[float, float] | None, path: Path, issues: list[Issue]) -> None:
    """Warn of a range below TINY_PCT (0 is allowed: a number known exactly)."""
    if pct is None or not 0 < max(-pct[0], pct[1]) < TINY_PCT:
        return
    shown = f"±{pct[1]:g}" if -pct[0] == pct[1] else f"[{pct[0]:g}, {pct[1]:g}]"
    meant = f"{100 * max(-pct[0], pct[1]):g}"
    issues.append(
        warning(
            "uncertainty-tiny",
            tr("{shown} means {shown} %, a range narrower than any meter or invoice gives", shown=shown),
            path,
            tr("if you meant {meant} %, write {meant}: uncertainties are written in %, not as fractions", meant=meant),
        )
    )


def declared_gases(inventory: Inventory) -> tuple[dict[str, DeclaredGas], list[Issue]]:
    """The gases the inventory declares (`gases:`), by name; a name that is a gas ghgcalc knows, or
    one declared twice, is an error (the tables' value would be replaced or the GWP ambiguous)."""
    found: dict[str, DeclaredGas] = {}
    issues: list[Issue] = []
    for index, gas in enumerate(inventory.gases):
        path = ("gases", index, "name")
        known = gwp.canonical_gas(gas.name)
        if known is not None:
            issues.append(
                error(
                    "gas-declared-known",
                    tr("'{name}' is {gas}, which ghgcalc knows with its IPCC GWPs", name=visible(gas.name), gas=known),
                    path,
                    tr("remove the declaration and write the gas by its name; declare only gases the tables lack"),
                )
            )
        elif gas.name in found:
            issues.append(error("gas-declared-twice", tr("'{name}' is declared twice", name=visible(gas.name)), path))
        else:
            found[gas.name] = gas
    return found, issues


def _weights(gas: str, gwp_set: str, factor: Factor, declared: dict[str, DeclaredGas]) -> gwp.Weighted:
    """How one unit of `gas` is weighed: a declared gas by its own GWP for the set, else the tables
    (with the factor edition's own weights)."""
    own = declared.get(gas)
    if own is None:
        return gwp.edition_weights(gas, gwp_set, factor.gwp_basis, factor.gwp_overrides)
    value = own.gwp.get(gwp_set)  # type: ignore[call-overload]  # GwpSet keys are the set names
    if value is None:
        given = ", ".join(own.gwp)
        problem = tr(
            "the declared gas {gas} has no GWP for {gwp} (it gives {given})", gas=gas, gwp=gwp_set, given=given
        )
        return gwp.Weighted(problems=(problem,))
    if own.counts == "separately":
        return gwp.Weighted(non_kyoto=value, gwp=value)
    return gwp.Weighted(in_total=value, gwp=value)


# Each gas of a factor with its kg per unit and how one unit of it is weighed under a run's GWP set:
# (gas, kg, in the total, biogenic, non-Kyoto, the GWP applied or None, problems).
GasWeights = tuple[tuple[str, float, float, float, float, float | None, tuple[str, ...]], ...]


class WeightsMemo(dict[int, tuple[Factor, GasWeights]]):
    """Each factor's gas weights in one computation, by the factor's id (`_factor_weights`); with
    `shared`, a run's, those of the factor sets' factors are kept across the run's inventories
    too (a batch of thousands uses the same few dozen), by the factor, the GWP set and the
    language of their problems. Only for an inventory that declares no gases of its own."""

    def __init__(self, shared: dict[tuple[object, ...], tuple[Factor, GasWeights]] | None = None) -> None:
        super().__init__()
        self.shared = shared
        self.classes: dict[tuple[object, ...], LineClass] = {}  # compute_line's classes of lines


class LineClass(NamedTuple):
    """What compute_line works out for a line before its amount, the same for every line of one
    computation with the same activity, unit, ncv, density, scope, GPC reference and IPCC
    category: kept once such a line is computed without a problem (an issue, a GWP missing), so
    that the next are computed from it with the same operations on their own amounts."""

    factor: Factor
    conversion: float
    scope: int
    gpc: str | None
    ipcc: str | None
    weights: GasWeights
    gwp: dict[str, float]  # copied into each line
    month_limit: int
    # (gas, kg, weight in the total) of each gas, when no gas is named twice and none has a
    # biogenic or non-Kyoto share (as most factors): the line's sums are then its gases' own
    counted: tuple[tuple[str, float, float], ...] | None = None


def _counted(weights: GasWeights) -> tuple[tuple[str, float, float], ...] | None:
    if len({w[0] for w in weights}) < len(weights) or any(w[3] or w[4] for w in weights):
        return None
    return tuple((gas, kg, weight) for gas, kg, weight, *_ in weights)


def _factor_weights(
    factor: Factor, gwp_set: str, declared: dict[str, DeclaredGas], memo: dict[int, tuple[Factor, GasWeights]]
) -> GasWeights:
    """`_weights` of each gas of `factor`, worked out once per factor in a run (100,000 lines use a
    few dozen factors). The memo holds the factor itself, so its id is not reused while it is kept."""
    found = memo.get(id(factor))
    if found is None or found[0] is not factor:
        shared = getattr(memo, "shared", None) if factor.set_id not in (CUSTOM, METHOD) and not declared else None
        key = (id(factor), gwp_set, i18n.language())
        found = shared.get(key) if shared is not None else None
        if found is None or found[0] is not factor:
            weights = tuple(
                (value.gas, value.kg, w.in_total, w.biogenic, w.non_kyoto, w.gwp, w.problems)
                for value in factor.gases
                for w in (_weights(value.gas, gwp_set, factor, declared),)
            )
            found = (factor, weights)
            if shared is not None:
                shared[key] = found
        memo[id(factor)] = found
    return found[1]


def custom_factors(inventory: Inventory) -> tuple[dict[str, Factor], frozenset[str], list[Issue]]:
    """The inventory's own factors as Factor objects, the keys of those with errors, and the errors."""
    factors: dict[str, Factor] = {}
    seen: set[str] = set()
    declared, issues = declared_gases(inventory)
    for index, custom in enumerate(inventory.custom_factors):
        path = ("custom_factors", index)
        if custom.key in seen:
            message = tr("custom factor '{key}' is defined twice", key=custom.key)
            issues.append(error("factor-duplicate", message, (*path, "key")))
            continue
        seen.add(custom.key)
        gases = []
        spelled: dict[str, str] = {}  # canonical gas -> the spelling that named it first
        for name, kg in custom.kg.items():
            gas = name if name in declared else gwp.canonical_gas(name)
            if gas is None:
                issues.append(
                    error(
                        "gas-unknown",
                        tr("'{gas}' is not a gas ghgcalc knows", gas=visible(name)),
                        (*path, "kg", name),
                        gwp.unknown_gas_hint(name),
                    )
                )
            elif gas in spelled:  # `CO2` and `co2`, `R-32` and `HFC-32`: summed, the gas would count twice
                first = spelled[gas]
                issues.append(
                    error(
                        "gas-duplicate",
                        tr(
                            "'{name}' is the same gas as '{first}' ({gas}): custom factor '{key}' gives it twice",
                            name=visible(name),
                            first=visible(first),
                            gas=gas,
                            key=custom.key,
                        ),
                        (*path, "kg", name),
                        tr(
                            "give {gas} once: keep '{first}' or '{name}', not both",
                            gas=gas,
                            first=visible(first),
                            name=visible(name),
                        ),
                    )
                )
            else:
                spelled[gas] = name
                given = tr("the custom factor's own uncertainty (custom_factors: uncertainty)")
                gases.append(GasValue(gas, kg, custom.uncertainty, given if custom.uncertainty else ""))
        double = gwp.double_count(spelled)
        if double is not None:
            total, parts = double
            issues.append(
                error(
                    "gas-double-count",
                    tr(
                        "custom factor '{key}' gives both {total} (a total of gases) and {gases}: "
                        "the same emission would be counted twice",
                        key=custom.key,
                        total=total,
                        gases=", ".join(visible(p) for p in parts),
                    ),
                    (*path, "kg", total),
                    tr("keep the gases and remove {total}, or give only {total} with its gwp_basis", total=total),
                )
            )
            gases.clear()  # refused: the lines that use it are not computed
        try:
            units.check_unit(custom.per)
            for field in ("ncv", "density"):
                if getattr(custom, field):
                    units.check_bridge(getattr(custom, field), field)
        except units.UnitError as exc:
            issues.append(error(exc.code, str(exc), (*path, exc.field or "per"), exc.hint))
            continue
        if len(gases) == len(custom.kg):
            if not any(g.kg for g in gases):
                issues.append(
                    warning(
                        "factor-zero",
                        tr(
                            "custom factor '{key}' is 0 for every gas: the lines that use it add nothing",
                            key=custom.key,
                        ),
                        (*path, "kg"),
                        tr("check the values against the source; a factor of 0 is rarely what a source prints"),
                    )
                )
            tiny_range(custom.uncertainty, (*path, "uncertainty"), issues)
            factors[custom.key] = Factor(
                set_id=CUSTOM,
                version="",
                key=custom.key,
                per=custom.per,
                gases=tuple(gases),
                source=custom.source,
                name_en=custom.name or "",
                category=custom.category,
                scope=custom.scope,
                ncv=custom.ncv,
                density=custom.density,
                gwp_basis=custom.gwp_basis,
                valid_from=custom.valid_from,
                valid_to=custom.valid_to,
            )
    return factors, frozenset(seen - set(factors)), issues


def shadowed_factors(inventory: Inventory, catalogue: Catalogue) -> list[Issue]:
    """A warning for each custom factor whose key is also a key of a set the inventory searches:
    the set's value (named, with the number) is no longer used for this inventory."""
    issues: list[Issue] = []
    bare = Catalogue({}, catalogue.sets)
    warned: set[str] = set()
    for index, custom in enumerate(inventory.custom_factors):
        if custom.key not in catalogue.custom or custom.key in warned:
            continue
        warned.add(custom.key)
        hidden = _hidden_factor(bare, custom.key, custom.per, inventory)
        if hidden is None:
            continue
        issues.append(
            warning(
                "factor-shadowed",
                tr(
                    "custom factor '{key}' replaces {set} {hidden} ({value}) for this inventory",
                    key=custom.key,
                    set=hidden.ref,
                    hidden=hidden.key,
                    value=_value_text(hidden),
                ),
                ("custom_factors", index, "key"),
                tr(
                    "if the {set} value is the one to use, remove the custom factor; "
                    "else give it a key of its own (and name that key in the activities)",
                    set=hidden.ref,
                ),
            )
        )
    return issues


def _hidden_factor(bare: Catalogue, key: str, per: str, inventory: Inventory) -> Factor | None:
    """The factor of the sets that `key` would give without the custom factor: the variant the
    custom factor's unit would use, else the newest version's first."""
    try:
        return bare.resolve(key, per, inventory.period, units.Bridges()).factor
    except (ResolveError, units.UnitError):
        for choice in bare.sets:
            for version in reversed(choice.versions):
                if key in version.factors:
                    return version.factors[key][0]
    return None


def hidden_factors(chosen: Iterable[tuple[int, Activity, Factor]], catalogue: Catalogue, period: Period) -> list[Issue]:
    """A warning at the first line of a key that another set of the factor list, listed after the
    one that gave it, also holds with other numbers (`factors: [tgo-cfo, my-diesel]`, both with
    diesel-mobile): the first set listed gives the factor, and the other's value, which the set was
    listed for, is not used. Versions of the same set and equal numbers (TGO's refrigerants and
    the gases set's) say nothing."""
    issues: list[Issue] = []
    sets = catalogue.sets
    for index, activity, factor in chosen:
        key = factor.key
        position = _position(sets, factor.set_id, key)
        if position is None:
            continue
        for later in sets[position + 1 :]:
            if later.id == factor.set_id or not _holds(later, key):
                continue
            try:
                other = (
                    Catalogue({}, [later])
                    .resolve_line(factor.key, activity.unit, period, activity.ncv, activity.density)
                    .factor
                )
            except (ResolveError, units.UnitError):
                continue
            if sorted((g.gas, g.kg) for g in other.gases) == sorted((g.gas, g.kg) for g in factor.gases):
                continue
            message = tr(
                "'{key}': {used} ({value}) is used, the first set in factors that has it; {other} ({other_value}), "
                "listed after it, also has it and is not used",
                key=factor.key,
                used=factor.ref,
                value=_value_text(factor),
                other=other.ref,
                other_value=_value_text(other),
            )
            hint = tr(
                "to use the value of {other}, list {other} before {used} in factors (in a workbook, the factors "
                "row of the Inventory sheet)",
                other=later.id,
                used=factor.set_id,
            )
            issues.append(warning("factor-hidden", message, ("activities", index, "activity"), hint))
            break
    return issues


def _holds(choice: SetChoice, key: str) -> bool:
    """Whether a version of the set has `key` (looked up, not gathered: this runs for every line;
    a plain loop, not any() over a generator, whose frame costs more than the look-ups)."""
    for version in choice.versions:  # noqa: SIM110 - any() over a generator costs more, every line
        if key in version.factors:
            return True
    return False


def _position(sets: Sequence[SetChoice], set_id: str, key: str) -> int | None:
    """Where in the factor list the set that gave `key` is."""
    for position, choice in enumerate(sets):
        if choice.id == set_id and _holds(choice, key):
            return position
    return None


def _value_text(factor: Factor) -> str:
    """0.4999 kgCO2e/kWh; (2.68 kgCO2 + 0.0001 kgCH4)/L."""
    parts = " + ".join(f"{g.kg:.10g} kg{g.gas}" for g in factor.gases)
    return f"{parts}/{factor.per}" if len(factor.gases) == 1 else f"({parts})/{factor.per}"


def compute(
    inventory: Inventory,
    catalogue: Catalogue,
    gwp_set: str,
    source: str,
    checks: Checks | None = None,
    table_lines: Sequence[Line] = (),
    weights: dict[tuple[object, ...], tuple[Factor, GasWeights]] | None = None,
    classes: dict[tuple[object, ...], dict[tuple[object, ...], LineClass]] | None = None,
) -> tuple[InventoryResult, list[Issue]]:
    """The result of an inventory whose shape is valid; errors among the issues mean lines are missing.
    `table_lines` are its activity tables' lines (core/table_classes.py), after its own; `weights`
    keeps the factors' gas weights across a run's inventories (WeightsMemo), `classes` the classes
    of lines (LineClass) of its inventories of the same sets, period, kind and GWP set."""
    issues: list[Issue] = []
    lines: list[Line] = []
    warned_basis: set[str] = set()
    issues.extend(shadowed_factors(inventory, catalogue))
    declared, _ = declared_gases(inventory)  # their problems are told with the custom factors
    ids: dict[str, int] = {}
    memo = WeightsMemo(weights)
    # A class depends on the line's own fields and, besides, only on the catalogue's sets (none of
    # the inventory's own factors or gases), the period, the kind and the GWP set
    scope = catalogue.run_scope(inventory.period) if classes is not None and not declared else None
    shared_key = None if scope is None else (scope, inventory.kind, gwp_set)
    known = classes.get(shared_key) if shared_key is not None and classes is not None else None
    if known:
        memo.classes = dict(known)
    chosen: dict[str, tuple[int, Activity, Factor]] = {}  # each key's first line: the other sets holding it
    for index, activity in enumerate(inventory.activities):
        path = ("activities", index)
        if activity.id is not None:
            if activity.id in ids:
                issues.append(
                    error(
                        "id-duplicate",
                        tr(
                            "id '{id}' is also the id of activity {number}",
                            id=activity.id,
                            number=ids[activity.id] + 1,
                        ),
                        (*path, "id"),
                        tr("give each activity its own id"),
                    )
                )
            ids.setdefault(activity.id, index)
        if activity.uncertainty is not None:
            for name in ("activity", "factor"):
                tiny_range(getattr(activity.uncertainty, name), (*path, "uncertainty", name), issues)
        line = compute_line(index, activity, catalogue, inventory, gwp_set, declared, warned_basis, issues, memo)
        if line is not None:
            lines.append(line)
            if isinstance(activity, Activity) and line.factor.set_id != CUSTOM:
                chosen.setdefault(line.factor.key, (index, activity, line.factor))
    issues.extend(hidden_factors(chosen.values(), catalogue, inventory.period))
    if any(line.data_quality is not None or line.uncertainty_given is not None for line in lines):
        from ghgcalc.core.factor_ranges import differing_ranges

        issues.extend(differing_ranges(lines, len(inventory.activities)))
    if shared_key is not None and classes is not None and not issues and len(memo.classes) > len(known or ()):
        # Kept for the next inventories only from one whose lines said nothing: a class is kept once
        # a line of it is computed without a problem, but a factor's GWP-basis warning is told at
        # its first line only, once per inventory, and a class of such a factor (kept from its
        # second line) would leave it untold in the next inventory
        classes[shared_key] = memo.classes
    issues = _editions_once(issues)
    lines.extend(table_lines)
    population = inventory.indicators.population if inventory.indicators else None
    issues.extend(plausibility.check(lines, inventory.period, checks, inventory.kind, population))
    if any(line.method_params is not None for line in lines):
        from ghgcalc.core.method_lines import fertiliser_nitrogen, wastewater_populations

        issues.extend(fertiliser_nitrogen(lines))
        if population:
            limit = (checks or plausibility.Checks()).thresholds.population
            issues.extend(wastewater_populations(lines, population, limit))
    if any(line.gpc for line in lines):
        from ghgcalc.core.community import mixed_landfill_methods, unusual_ipcc, unusual_references

        issues.extend(unusual_references(lines))
        issues.extend(unusual_ipcc(lines, {i for i, a in enumerate(inventory.activities) if a.ipcc}))
        issues.extend(mixed_landfill_methods(lines))
    community = None
    if inventory.kind == "community" or inventory.notation_keys:
        from ghgcalc.core.community import check_notation_keys, report

        issues.extend(check_notation_keys(inventory))
        community, community_issues = report(inventory, lines)
        issues.extend(community_issues)
    output = inventory.output
    indicators = inventory.indicators
    result = InventoryResult.new(
        {
            "source": source,
            "name": inventory.name,
            "kind": inventory.kind,
            "period": inventory.period,
            "gwp": gwp_set,
            "factor_sets": _sets_used(catalogue, lines),
            "lines": tuple(lines),
            "warnings": tuple(i for i in issues if not i.is_error) if issues else (),
            "output": (output.amount, output.unit, output.name) if output else None,
            "community": community,
            "indicators": indicators.model_dump(exclude_none=True) if indicators else {},
            "analysis": None,
            "base": None,
            "organization": inventory.organization,
            "tables": (),
        }
    )
    return result, issues


def no_activities(inventory: Inventory) -> list[Issue]:
    """An inventory without a single activity (nor an activity table): its total is 0, which a
    deleted sheet or a template never filled in gives as readily as a year without emissions."""
    if inventory.activities or inventory.activities_table:
        return []
    return [
        warning(
            "activities-none",
            tr("the inventory has no activities: its total is 0"),
            ("activities",),
            tr("add its activities (a template's example rows that were deleted, or a sheet left empty?)"),
        )
    ]


EDITION_CODES = frozenset({"factor-edition-overlap", "factor-edition-superseded", "factor-out-of-validity"})


def _editions_once(issues: list[Issue]) -> list[Issue]:
    """One factor-edition-overlap (-superseded, factor-out-of-validity) warning for the activities
    that share what it says (the diesel, the petrol and the LPG of FY2569 all take TGO's 2026
    edition; every April 2022 factor of a base year FY2565 starts on 1 April 2022), at the first
    one's line, naming each activity: an inventory of twenty lines gets one or two such warnings,
    not twenty."""
    if not issues:
        return issues
    notes: dict[tuple[str, str], list[int]] = {}
    for index, issue in enumerate(issues):
        if issue.code in EDITION_CODES and issue.message.startswith("'"):
            _key, _, note = issue.message[1:].partition("': ")  # "'{key}': {note}", as resolve writes it
            notes.setdefault((issue.code, note), []).append(index)
    if all(len(found) == 1 for found in notes.values()):
        return issues
    from dataclasses import replace

    merged: dict[int, Issue] = {}
    dropped: set[int] = set()
    for (_code, note), found in notes.items():
        keys = dict.fromkeys(issues[index].message[1:].partition("': ")[0] for index in found)
        named = ", ".join(f"'{key}'" for key in keys)
        merged[found[0]] = replace(issues[found[0]], message=f"{named}: {note}")
        dropped.update(found[1:])
    return [merged.get(index, issue) for index, issue in enumerate(issues) if index not in dropped]


def compute_line(
    index: int,
    activity: Activity | MethodActivity,
    catalogue: Catalogue,
    inventory: Inventory,
    gwp_set: str,
    declared: dict[str, DeclaredGas],
    warned_basis: set[str],
    issues: list[Issue],
    memo: dict[int, tuple[Factor, GasWeights]],
    suggest: bool = True,
) -> Line | None:
    """One activity's line, or None with its errors added to `issues` (at ("activities", index, ...));
    `warned_basis` keeps a GWP-basis warning to once per factor, `memo` each factor's gas weights;
    `suggest=False` leaves out the did-you-mean of an unknown key (a table's later classes, whose
    problems are only counted)."""
    classes = getattr(memo, "classes", None)
    # an Activity's fields are read from its __dict__, where pydantic keeps them: an attribute of a
    # model takes Python's slow path (BaseModel defines __getattr__), and a line reads a dozen
    values = activity.__dict__
    if (
        classes is None
        or type(activity) is not Activity
        or not (values["scope"] is None or type(values["scope"]) is int)
    ):
        return _computed_line(
            index, activity, catalogue, inventory, gwp_set, declared, warned_basis, issues, memo, suggest
        )
    key = (
        values["activity"],
        values["unit"],
        values["ncv"],
        values["density"],
        values["scope"],
        values["gpc"],
        values["ipcc"],
    )
    known = classes.get(key)
    if known is not None:
        line = _class_line(index, activity, known)
        if line is not None:
            return line
    reported = len(issues)
    line = _computed_line(index, activity, catalogue, inventory, gwp_set, declared, warned_basis, issues, memo, suggest)
    if line is not None and known is None and len(issues) == reported:
        weights = _factor_weights(line.factor, gwp_set, declared, memo)
        months = 12 * inventory.period.years
        classes[key] = LineClass(
            line.factor,
            line.conversion,
            line.scope,
            line.gpc,
            line.ipcc,
            weights,
            dict(line.gwp),
            months,
            _counted(weights),
        )
    return line


def _computed_line(
    index: int,
    activity: Activity | MethodActivity,
    catalogue: Catalogue,
    inventory: Inventory,
    gwp_set: str,
    declared: dict[str, DeclaredGas],
    warned_basis: set[str],
    issues: list[Issue],
    memo: dict[int, tuple[Factor, GasWeights]],
    suggest: bool,
) -> Line | None:
    path: Path = ("activities", index)
    if (
        not isinstance(activity, MethodActivity)
        and (activity.ncv or activity.density)
        and not _bridges_valid(activity, path, issues)
    ):
        return None
    if isinstance(activity, MethodActivity):
        found = _method_source(activity, inventory, path, issues)
    else:
        found = _factor_source(activity, catalogue, inventory, path, issues, suggest)
    if found is None:
        return None
    factor, conversion, quantity = found
    placed = _placement(activity, factor, inventory, path, issues)
    if placed is None:
        return None
    scope, reference, ipcc = placed
    weights = _factor_weights(factor, gwp_set, declared, memo)
    line, problems = _line(index, activity, quantity, factor, conversion, scope, weights, reference, ipcc)
    field = "method" if isinstance(activity, MethodActivity) else "activity"
    if not _plausible_size(line):
        issues.append(
            error(
                "result-too-large",
                tr(
                    "this line comes to {size}, beyond any real inventory line (at most {largest} t)",
                    size=_size(line),
                    largest=f"{LARGEST_LINE_T:g}",
                ),
                (*path, "params" if field == "method" else "amount"),
                tr("check the amount, its unit and the factor for extra digits or a wrong unit"),
            )
        )
        return None
    for problem in problems:
        issues.append(error("gwp-missing", problem, (*path, field), tr("choose another GWP set with --gwp")))
    weighted_elsewhere = factor.gwp_basis not in (None, gwp_set) and any(g.gas == gwp.CO2E for g in factor.gases)
    if weighted_elsewhere and factor.ref + factor.key not in warned_basis:
        warned_basis.add(factor.ref + factor.key)
        issues.append(
            warning(
                "gwp-basis-mismatch",
                tr(
                    "'{key}' ({set}) is given in CO2e computed with {basis}; "
                    "the inventory uses {gwp} and that value is not re-weighted",
                    key=factor.key,
                    set=factor.ref,
                    basis=factor.gwp_basis,
                    gwp=gwp_set,
                ),
                (*path, field),
            )
        )
    return line


# No line of a real inventory comes near this: the whole world emits about 5e10 t CO2e a year,
# and this is 20,000 times that (room for any real line, and for amounts at the 1e15 limit in
# small units). Anything larger, or not finite (1e308 x 1e9 is infinity to a computer), is a typo
# and is refused at the line instead of reaching JSON, CSV, a table or a workbook as inf or NaN.
LARGEST_LINE_T = 1e15


def _plausible_size(line: Line) -> bool:
    values = [line.t_co2e, *line.gases_t.values(), *line.separately_reported_t_co2e.values()]
    # every value is a float: NaN and infinity fail the comparison too
    return all(map(LARGEST_LINE_T.__ge__, map(abs, values)))


def _size(line: Line) -> str:
    values = [line.t_co2e, *line.gases_t.values()]
    if not all(math.isfinite(v) for v in values):
        return tr("more than a computer can count")
    return f"{max(abs(v) for v in values):.3g} t"


def _bridges_valid(activity: Activity, path: Path, issues: list[Issue]) -> bool:
    """An activity's own ncv and density are checked even where its line needs no conversion:
    a wrong bridge is a wrong statement about the fuel, and the next factor may need it."""
    valid = True
    for field in ("ncv", "density"):
        text = getattr(activity, field)
        if text:
            try:
                units.check_bridge(text, field)
            except units.UnitError as exc:
                issues.append(error(exc.code, str(exc), (*path, field), exc.hint))
                valid = False
    return valid


# What a line is computed from: the factor (or a method's result as one), the conversion of the
# line's amount to the factor's unit, and the line's amount, unit and monthly values.
Quantity = tuple[float, str, tuple[float, ...] | None]


def _factor_source(
    activity: Activity,
    catalogue: Catalogue,
    inventory: Inventory,
    path: Path,
    issues: list[Issue],
    suggest: bool = True,
) -> tuple[Factor, float, Quantity] | None:
    amount = activity.amount
    if isinstance(amount, list) and len(amount) > (month_limit := 12 * inventory.period.years):
        issues.append(
            error(
                "amount-too-many-months",
                tr(
                    "{count} monthly values for a period of {years} year(s); at most {limit}",
                    count=len(amount),
                    years=inventory.period.years,
                    limit=month_limit,
                ),
                (*path, "amount"),
            )
        )
        return None
    try:
        choice = catalogue.resolve_line(
            activity.activity, activity.unit, inventory.period, activity.ncv, activity.density
        )
    except ResolveError as exc:
        if exc.code != "factor-broken":  # a broken custom factor is already reported
            hint = exc.hint or (_suggest(activity.activity, catalogue) if suggest else None)
            issues.append(error(exc.code, str(exc), (*path, "activity"), hint))
        return None
    except units.UnitError as exc:
        field = "unit" if exc.code.startswith("unit-") else "activity"
        if exc.field and getattr(activity, exc.field, None):
            field = exc.field  # the activity's own ncv or density
        issues.append(error(exc.code, str(exc), (*path, field), exc.hint))
        return None
    for code, message in choice.notes:
        issues.append(warning(code, message, (*path, "activity")))
    for field, message in choice.unusual_bridges:
        issues.append(warning("bridge-unusual", message, (*path, field)))
    factor = choice.factor
    if factor.set_id != CUSTOM and not any(
        gas.kg for gas in factor.gases
    ):  # (a custom one is said where it is defined)
        issues.append(
            warning(
                "factor-zero",
                tr(
                    "'{key}' from {set} is 0 for every gas: this line adds nothing",
                    key=factor.key,
                    set=factor.ref,
                ),
                (*path, "activity"),
                tr("check the factor set's values against their source (ghgcalc factors show {key})", key=factor.key),
            )
        )
    months = tuple(amount) if isinstance(amount, list) else None
    return choice.factor, choice.conversion, (activity.total, activity.unit, months)


def _method_source(
    activity: MethodActivity, inventory: Inventory, path: Path, issues: list[Issue]
) -> tuple[Factor, float, Quantity] | None:
    """A method's result as a one-off factor: its gases per one run of the method."""
    from ghgcalc import methods

    method = methods.get(activity.method)
    if method is None:
        known = ", ".join(methods.names())
        issues.append(
            error(
                "method-unknown",
                tr("no method '{method}'", method=activity.method),
                (*path, "method"),
                tr("the methods are: {known}", known=known),
            )
        )
        return None
    period = inventory.period
    try:
        gases, notices = method.run(activity.params, period.end.year, (period.end - period.start).days + 1)
    except methods.ParamsError as exc:
        for where, code, message in exc.problems:
            hint = exc.hints.get(where)
            message = tr("{method}: {problem}", method=activity.method, problem=message)
            issues.append(error(code, message, (*path, "params", *where), hint))
        return None
    for notice in notices:
        message = tr("{method}: {problem}", method=activity.method, problem=notice.message)
        issues.append(warning(notice.code, message, (*path, "params", *notice.where), notice.hint))
    factor = Factor(
        set_id=METHOD,
        version="",
        key=activity.method,
        per="run",
        gases=tuple(GasValue(gas, kg) for gas, kg in gases.items()),
        source=method.source,
        name_en=method.title,
        category=method.category,
    )
    return factor, 1.0, (1.0, "run", None)


def _placement(
    activity: Activity | MethodActivity, factor: Factor, inventory: Inventory, path: Path, issues: list[Issue]
) -> tuple[int, gpc.Reference | None, str | None] | None:
    """The line's scope, GPC reference and IPCC category: the GPC gives the scope where it is given;
    the category is the line's own, else its method's, else the GPC crosswalk's."""
    default_ref = default_ipcc = None
    if isinstance(activity, MethodActivity):
        from ghgcalc import methods

        method = methods.get(activity.method)
        if method is not None:
            default_ref, default_ipcc = method.gpc, method.ipcc
    written = activity.gpc or default_ref
    reference = gpc.reference(written) if written else None
    if written and reference is None:
        issues.append(
            error(
                "gpc-unknown",
                tr("'{ref}' is not a GPC reference number", ref=written),
                (*path, "gpc"),
                tr("write it as in the GPC, e.g. I.1.1, II.1.1, III.1.1, IV.2, V.3"),
            )
        )
        return None
    if reference is None and inventory.kind == "community":
        issues.append(
            error(
                "gpc-missing",
                tr("a community inventory needs the GPC reference of each line"),
                (*path, "activity"),
                tr("add e.g. 'gpc: I.1.2' (residential grid electricity)"),
            )
        )
        return None
    if reference is not None and activity.scope is not None and activity.scope != reference.scope:
        issues.append(
            error(
                "scope-mismatch",
                tr(
                    "GPC {ref} is scope {scope}, the line says scope {given}",
                    ref=reference.ref,
                    scope=reference.scope,
                    given=activity.scope,
                ),
                (*path, "scope"),
                tr("leave scope out: the GPC reference gives it"),
            )
        )
        return None
    scope = reference.scope if reference else activity.scope or factor.scope
    if scope is None:
        issues.append(
            error(
                "scope-missing",
                tr("'{key}' has no default scope", key=factor.key),
                (*path, "activity"),
                tr("add 'scope: 1', 2 or 3 to the activity"),
            )
        )
        return None
    ipcc = activity.ipcc or default_ipcc or (reference.ipcc if reference and reference.ipcc else None)
    return scope, reference, ipcc


def _line(
    index: int,
    activity: Activity | MethodActivity,
    quantity: Quantity,
    factor: Factor,
    conversion: float,
    scope: int,
    weighed: GasWeights,
    reference: gpc.Reference | None,
    ipcc: str | None,
) -> tuple[Line, list[str]]:
    total, unit, months = quantity
    gwps: dict[str, float] = {}
    problems: list[str] = []
    for gas, _kg, _weight, _biogenic, _non_kyoto, gwp_value, gas_problems in weighed:
        if gas_problems:
            problems.extend(gas_problems)
        if gwp_value is not None:
            gwps[gas] = gwp_value
    method = isinstance(activity, MethodActivity)
    line = _made(
        index,
        activity,
        activity.method if method else activity.activity,  # type: ignore[union-attr]
        total,
        months,
        unit,
        scope,
        reference.ref if reference else None,
        ipcc,
        factor,
        conversion,
        weighed,
        gwps,
        activity.params if method else None,  # type: ignore[union-attr]
    )
    return line, problems


def _made(
    index: int,
    activity: Activity | MethodActivity,
    name: str,
    total: float,
    months: tuple[float, ...] | None,
    unit: str,
    scope: int,
    reference: str | None,
    ipcc: str | None,
    factor: Factor,
    conversion: float,
    weighed: GasWeights,
    gwps: dict[str, float],
    params: dict[str, Any] | None,
) -> Line:
    """The line of `total` units: its amount in the factor's unit, each gas's tonnes, CO2e counted
    in the total and reported apart, in that order of operations for every line."""
    amount_in_per = total * conversion
    gases_t: dict[str, float] = {}
    in_total: list[float] = []
    by_gas: dict[str, float] = {}
    biogenic: list[float] = []
    non_kyoto: list[float] = []
    for gas, kg, weight, biogenic_weight, non_kyoto_weight, _gwp, _problems in weighed:
        tonnes = amount_in_per * kg / 1000.0
        gases_t[gas] = gases_t.get(gas, 0.0) + tonnes
        counted = tonnes * weight
        in_total.append(counted)
        by_gas[gas] = by_gas.get(gas, 0.0) + counted
        biogenic.append(tonnes * biogenic_weight)
        non_kyoto.append(tonnes * non_kyoto_weight)
    separate: dict[str, float] = {}
    if any(biogenic):
        separate[BIOGENIC] = math.fsum(biogenic)
    if any(non_kyoto):
        separate[NON_KYOTO] = math.fsum(non_kyoto)
    # Line's fields in their order (new_line: as Line(...) sets them, at a third of the cost)
    return new_line(
        {
            "index": index,
            "activity": name,
            "amount": total,
            "monthly": months,
            "unit": unit,
            "scope": scope,
            "category": activity.category or factor.category,
            "label": activity.label,
            "id": activity.id,
            "gpc": reference,
            "ipcc": ipcc,
            "factor": factor,
            "conversion": conversion,
            "gases_t": gases_t,
            "gwp": gwps,
            "t_co2e": math.fsum(in_total),
            "separately_reported_t_co2e": separate,
            "t_co2e_by_gas": by_gas,
            "data_quality": activity.data_quality,
            "evidence": activity.evidence,
            "uncertainty_given": activity.uncertainty,
            "method_params": params,
            "division": activity.division,
        }
    )


def _class_line(index: int, activity: Activity, known: LineClass) -> Line | None:
    """The line of an activity of a class already computed (LineClass), or None where it may have a
    problem of its own (too many months, a result too large): compute_line then finds and tells it.
    The activity's fields are read from its __dict__ (see compute_line)."""
    values = activity.__dict__
    amount = values["amount"]
    months = None
    if isinstance(amount, list):
        if len(amount) > known.month_limit:
            return None
        months = tuple(amount)
        total = math.fsum(amount)  # Activity.total
    else:
        total = amount
    if known.counted is None:
        line = _made(
            index,
            activity,
            values["activity"],
            total,
            months,
            values["unit"],
            known.scope,
            known.gpc,
            known.ipcc,
            known.factor,
            known.conversion,
            known.weights,
            dict(known.gwp),
            None,
        )
        return line if _plausible_size(line) else None
    # _made's operations on each gas, for gases named once and without a biogenic or non-Kyoto
    # share: a gas's sum is 0.0 plus its own value, and a share of 0 is nothing reported apart
    # (0 times a finite mass; a mass that is not finite makes the line too large, told afresh)
    amount_in_per = total * known.conversion
    gases_t: dict[str, float] = {}
    in_total: list[float] = []
    by_gas: dict[str, float] = {}
    for gas, kg, weight in known.counted:
        tonnes = amount_in_per * kg / 1000.0
        if not abs(tonnes) <= LARGEST_LINE_T:  # (_plausible_size; NaN fails the comparison too)
            return None
        gases_t[gas] = 0.0 + tonnes
        counted = tonnes * weight
        in_total.append(counted)
        by_gas[gas] = 0.0 + counted
    t_co2e = math.fsum(in_total)
    if not abs(t_co2e) <= LARGEST_LINE_T:
        return None
    factor = known.factor
    return new_line(
        {
            "index": index,
            "activity": values["activity"],
            "amount": total,
            "monthly": months,
            "unit": values["unit"],
            "scope": known.scope,
            "category": values["category"] or factor.category,
            "label": values["label"],
            "id": values["id"],
            "gpc": known.gpc,
            "ipcc": known.ipcc,
            "factor": factor,
            "conversion": known.conversion,
            "gases_t": gases_t,
            "gwp": dict(known.gwp),
            "t_co2e": t_co2e,
            "separately_reported_t_co2e": {},
            "t_co2e_by_gas": by_gas,
            "data_quality": values["data_quality"],
            "evidence": values["evidence"],
            "uncertainty_given": values["uncertainty"],
            "method_params": None,
            "division": values["division"],
        }
    )


def _sets_used(catalogue: Catalogue, lines: list[Line]) -> tuple[FactorSet, ...]:
    """The set versions the lines took factors from, in the order searched, each once (a version
    listed twice, `factors: [tgo-cfo@2022-04, tgo-cfo]`, is one table)."""
    refs = {line.factor.ref for line in lines}
    used: dict[str, FactorSet] = {}
    for choice in catalogue.sets:
        for version in choice.versions:
            if version.ref in refs:
                used.setdefault(version.ref, version)
    return tuple(used.values())


def _bare_key(key: str) -> str:
    return "".join(character for character in key.lower() if character.isalnum())


def _suggest(key: str, catalogue: Catalogue) -> str:
    import difflib

    if gwp.is_hydrocarbon(key):
        return gwp.unknown_gas_hint(key)
    keys = sorted(catalogue.keys())
    # keys compared as written and without case, spaces or hyphens: R32 is r-32, "Diesel Mobile" diesel-mobile
    bare = {_bare_key(known): known for known in keys}
    same = bare.get(_bare_key(key))
    close = [same] if same is not None else difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
    if close:
        return tr("did you mean {keys}?", keys=either(f"'{c}'" for c in close))
    return tr("list the keys with 'ghgcalc factors list --set tgo-cfo', or define it under custom_factors")
