"""The uncertain inputs of an inventory and Approach 1 (IPCC 2006 Vol.1 Ch.3, Eq. 3.1 and 3.2).

Every line's CO2e is its activity data times its factor (one value per gas) or a method's result.
The inputs are:
- the activity data of each line, independent of every other line;
- each factor value for one gas, shared by every line that uses that factor row: an error in it
  moves all those lines together (they are correlated through it);
- each method parameter (rice EFc, soils EF1, ...), shared by the lines that use the same value;
- a line's own `uncertainty: {factor: ...}`, which stands for its factor (or its method's result)
  and belongs to that line alone.

Approach 1 propagates them to first order. With s(l, i) the change of line l's tCO2e for a 1 %
change of input i, and U(i) the input's ±% at 95 %,

    variance(subset) = sum over inputs i of ( U(i) x sum over lines l in the subset of s(l, i) )²

which is Eq. 3.2 when no input is shared and Eq. 3.1 within a line (s = the line's tCO2e for its
activity data and, per gas, the gas's tCO2e for its factor). A method parameter's s comes from the
method itself (a central difference), so nonlinear methods (first-order decay) are handled too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ghgcalc import quality
from ghgcalc.i18n import tr
from ghgcalc.models.analysis import DEFAULT, GIVEN, METHOD, TABLE, Approach1, Input, LineUncertainty
from ghgcalc.models.inventory import Range
from ghgcalc.models.result import InventoryResult, Line

# A range whose both sides are within this many % is drawn as a normal distribution; a wider or
# more lopsided one as a lognormal. 60 % at 95 % is a standard deviation of about 30 % of the mean,
# the limit below which IPCC 2006 Vol.1 Ch.3 (§3.2.3.1) finds Approach 1 and normal PDFs adequate.
NORMAL_UP_TO_PCT = 60.0
_STEP = 1e-4  # relative step of the central difference for a method parameter's sensitivity


@dataclass
class LineModel:
    """How the inputs enter one line: the activity input, and the factor or method inputs."""

    position: int  # in result.lines
    line: Line
    activity: int  # the input of its activity data
    gas_inputs: dict[str, int] = field(default_factory=dict)  # gas -> input of its factor value
    line_factor: int | None = None  # a range for the line's whole factor or method result
    method: Any = None  # the Method, for lines whose parameters are drawn
    checked: Any = None  # the method's validated Params
    parameters: dict[int, Any] = field(default_factory=dict)  # input -> methods.Uncertain
    # input -> gas -> the change of the gas's tCO2e per relative change of the input (1 = 100 %)
    sensitivity: dict[int, dict[str, float]] = field(default_factory=dict)

    def add(self, number: int, by_gas: dict[str, float]) -> None:
        mine = self.sensitivity.setdefault(number, {})
        for gas, weight in by_gas.items():
            mine[gas] = mine.get(gas, 0.0) + weight


@dataclass
class Model:
    inputs: list[Input]
    lines: list[LineModel]
    year: int


def distribution(low_pct: float, high_pct: float) -> str:
    return "normal" if max(-low_pct, high_pct) <= NORMAL_UP_TO_PCT else "lognormal"


class _Inputs:
    """Inputs by identity: the same factor row and gas, or the same method parameter value, is one."""

    def __init__(self) -> None:
        self.items: list[Input] = []
        self._known: dict[tuple[Any, ...], int] = {}

    def add(
        self, identity: tuple[Any, ...] | None, name: str, kind: str, pct: Range, origin: str, source: str, index: int
    ) -> int:
        if identity is not None and identity in self._known:
            number = self._known[identity]
            found = self.items[number]
            if index not in found.lines:
                self.items[number] = Input(**{**found.__dict__, "lines": (*found.lines, index)})
            return number
        self.items.append(Input(name, kind, pct[0], pct[1], origin, source, distribution(*pct), (index,)))
        if identity is not None:
            self._known[identity] = len(self.items) - 1
        return len(self.items) - 1


def build(result: InventoryResult) -> Model:
    """The uncertain inputs of every line that counts in the total."""
    inputs = _Inputs()
    lines: list[LineModel] = []
    year = result.period.end.year
    for position, line in enumerate(result.lines):
        if line.t_co2e == 0:
            continue
        given = line.uncertainty_given
        grades = line.data_quality
        label = _line_name(line)
        if given is not None and given.activity is not None:
            pct, origin, source = given.activity, GIVEN, tr("the line's own uncertainty: activity")
        else:
            grade = grades.activity if grades else None
            default = quality.ACTIVITY[grade] if grade else quality.UNGRADED_ACTIVITY
            pct, origin, source = default.range_pct, DEFAULT, f"{default.rule}: {default.source}"
        activity = inputs.add(
            None, tr("activity data of {line}", line=label), "activity", pct, origin, source, line.index
        )
        model = LineModel(position, line, activity)
        whole = {gas: t for gas, t in line.t_co2e_by_gas.items() if t}
        model.add(activity, whole)
        if given is not None and given.factor is not None:
            model.line_factor = _given_factor(inputs, line, label, given.factor)
            model.add(model.line_factor, whole)
        elif line.method_params is not None:
            _method_inputs(model, inputs, year)
        else:
            _factor_inputs(model, inputs)
        lines.append(model)
    return Model(inputs.items, lines, year)


def _given_factor(inputs: _Inputs, line: Line, label: str, pct: Range) -> int:
    """The input of a range written on the line for its factor. A factor row is one value however
    many lines use it: lines on the same row that give it the same range share one input, so an
    error in the factor moves them together (the three lines of the grid factor, each written
    `factor: 7`, are ±7 % together, not three independent ±7 %). A method line's range is for its
    own result and stays its own."""
    source = tr("the line's own uncertainty: factor")
    if line.method_params is not None:
        return inputs.add(None, tr("method result of {line}", line=label), "factor", pct, GIVEN, source, line.index)
    factor = line.factor
    name = tr("{set}:{key} per {per}, the range given on its lines", set=factor.ref, key=factor.key, per=factor.per)
    identity = ("given factor", factor.ref, factor.key, factor.per, pct)
    return inputs.add(identity, name, "factor", pct, GIVEN, source, line.index)


def _line_name(line: Line) -> str:
    name = line.label or line.id or line.activity
    return tr("line {number} ({name})", number=line.index + 1, name=name)


# The factor categories whose CH4 and N2O parts IPCC's combustion ranges describe (GAS_FACTOR is
# quoted from Vol.2, Energy); a wastewater or waste factor's CH4 is not a combustion factor.
COMBUSTION = frozenset({"stationary-combustion", "mobile-combustion", "off-road", "biomass-combustion"})


def _factor_default(line: Line, gas: str | None = None) -> tuple[Range, str, str]:
    """The default range of a factor (or of one gas of it) without a published one: the CH4 and N2O
    parts of a combustion factor take IPCC's ranges for those gases whatever the grade, since the
    grades describe CO2 factors; everything else the grade's default (docs/data-quality.md)."""
    if gas is not None and gas in quality.GAS_FACTOR and line.factor.category in COMBUSTION:
        default = quality.GAS_FACTOR[gas]
        return default.range_pct, DEFAULT, f"{default.rule}: {default.source}"
    grade = line.data_quality.factor if line.data_quality else None
    default = quality.FACTOR[grade] if grade else quality.UNGRADED_FACTOR
    return default.range_pct, DEFAULT, f"{default.rule}: {default.source}"


def _factor_inputs(model: LineModel, inputs: _Inputs) -> None:
    """One input per gas of the factor: its row's published range, else the grade's default. Lines
    using the same row share it."""
    line = model.line
    factor = line.factor
    for value in factor.gases:
        tonnes = line.t_co2e_by_gas.get(value.gas, 0.0)
        if tonnes == 0 or value.gas in model.gas_inputs:
            continue
        if value.uncertainty is not None:
            origin = GIVEN if factor.set_id == "custom" else TABLE
            pct, source = value.uncertainty, value.uncertainty_source
        else:
            pct, origin, source = _factor_default(line, value.gas)
        identity = ("factor", factor.ref, factor.key, factor.per, value.gas, pct, origin)
        name = tr("{set}:{key} per {per}, {gas}", set=factor.ref, key=factor.key, per=factor.per, gas=value.gas)
        number = inputs.add(identity, name, "factor", pct, origin, source, line.index)
        model.gas_inputs[value.gas] = number
        model.add(number, {value.gas: tonnes})


def _method_inputs(model: LineModel, inputs: _Inputs, year: int) -> None:
    """The method's declared parameters, each with its sensitivity from the method itself; a method
    that declares none gets the factor grade's default on its whole result."""
    from ghgcalc import methods

    line = model.line
    method = methods.get(line.activity)
    declared = []
    if method is not None and line.method_params is not None:
        model.method = method
        model.checked = method.checked(dict(line.method_params))
        declared = method.uncertain(model.checked)
    if method is None or not declared:
        gases = [gas for gas, tonnes in line.t_co2e_by_gas.items() if tonnes]
        pct, origin, source = _factor_default(line, gases[0] if len(gases) == 1 else None)
        model.line_factor = inputs.add(
            None, tr("method result of {line}", line=_line_name(line)), "factor", pct, origin, source, line.index
        )
        model.add(model.line_factor, {gas: t for gas, t in line.t_co2e_by_gas.items() if t})
        return
    central = method.compute_checked(model.checked, year)
    for parameter in declared:
        pct = _relative(parameter.low, parameter.value), _relative(parameter.high, parameter.value)
        identity = ("parameter", line.activity, parameter.field, parameter.value, parameter.low, parameter.high)
        name = f"{line.activity} {parameter.field} = {parameter.value:g}"
        number = inputs.add(identity, name, "parameter", pct, METHOD, parameter.source, line.index)
        model.parameters[number] = parameter
        model.add(number, _parameter_sensitivity(model, parameter, central, year))


def _relative(bound: float, value: float) -> float:
    return round((bound - value) / value * 100, 9) if value else 0.0  # 10 %, not 9.999999999999998


def _parameter_sensitivity(model: LineModel, parameter: Any, central: dict[str, float], year: int) -> dict[str, float]:
    """tCO2e of each gas of the line per relative change of the parameter: the gas's tCO2e times the
    method's elasticity for that gas (central difference)."""
    if parameter.value == 0:
        return {}
    up = model.method.compute_checked(
        model.checked.model_copy(update={parameter.field: parameter.value * (1 + _STEP)}), year
    )
    down = model.method.compute_checked(
        model.checked.model_copy(update={parameter.field: parameter.value * (1 - _STEP)}), year
    )
    found = {}
    for gas, tonnes in model.line.t_co2e_by_gas.items():
        base = central.get(gas, 0.0)
        if base and tonnes:
            found[gas] = tonnes * (up.get(gas, 0.0) - down.get(gas, 0.0)) / (2 * _STEP * base)
    return found


# --- Approach 1 ----------------------------------------------------------------------------------

Select = Callable[[LineModel, str], bool]


def _everything(line: LineModel, gas: str) -> bool:
    return True


def summed(model: Model, select: Select = _everything, kinds: str = "all") -> dict[int, float]:
    """Each input's summed sensitivity over the selected parts (line, gas) of the inventory;
    kinds: all, activity (activity data only) or factor (everything else)."""
    found: dict[int, float] = {}
    for line in model.lines:
        for number, by_gas in line.sensitivity.items():
            is_activity = number == line.activity
            if (kinds == "activity" and not is_activity) or (kinds == "factor" and is_activity):
                continue
            for gas, weight in by_gas.items():
                if select(line, gas):
                    found[number] = found.get(number, 0.0) + weight
    return found


def variance(model: Model, select: Select = _everything, kinds: str = "all") -> float:
    """Eq. 3.2 with shared inputs: the sum over inputs of (U x the summed sensitivities)²."""
    return math.fsum((model.inputs[n].half_width_pct / 100 * s) ** 2 for n, s in summed(model, select, kinds).items())


def percent(value: float, total: float) -> float:
    """A variance (t²) as ±% of a total."""
    return math.sqrt(value) / abs(total) * 100 if total else 0.0


def _in_scope(scope: str) -> Select:
    return lambda line, gas: str(line.line.scope) == scope


def _in_category(category: str) -> Select:
    return lambda line, gas: str(line.line.category or "uncategorised") == category


def approach_1(model: Model, result: InventoryResult) -> Approach1:
    shared = summed(model)
    whole = math.fsum((model.inputs[n].half_width_pct / 100 * s) ** 2 for n, s in shared.items())
    rows = []
    for line in model.lines:
        own = activity = share = 0.0
        for number, by_gas in line.sensitivity.items():
            u = model.inputs[number].half_width_pct / 100
            weight = math.fsum(by_gas.values())
            own += (u * weight) ** 2
            share += u * u * weight * shared[number]  # its part of the input's (shared) variance
            if number == line.activity:
                activity += (u * weight) ** 2
        t = line.line.t_co2e
        rows.append(
            LineUncertainty(
                index=line.line.index,
                t_co2e=t,
                activity_pct=percent(activity, t),
                factor_pct=percent(own - activity, t),
                combined_pct=percent(own, t),
                share_of_variance=share / whole if whole else 0.0,
                origins=_origins(model, line),
            )
        )
    by_scope = {scope: percent(variance(model, _in_scope(scope)), t) for scope, t in result.by_scope_t_co2e.items()}
    by_category = {
        category: percent(variance(model, _in_category(category)), t)
        for category, t in result.by_category_t_co2e.items()
    }
    return Approach1(
        total_pct=percent(whole, result.total_t_co2e),
        by_scope_pct=by_scope,
        by_category_pct=by_category,
        lines=tuple(rows),
    )


def _origins(model: Model, line: LineModel) -> tuple[str, ...]:
    """Where each of the line's ranges comes from: "activity: default", "CH4: factor table", ..."""
    gases = {number: gas for gas, number in line.gas_inputs.items()}
    found = []
    for number in line.sensitivity:
        if number == line.activity:
            what = "activity"
        elif number in line.parameters:
            what = line.parameters[number].field
        else:
            what = gases.get(number, "factor")
        found.append(f"{what}: {model.inputs[number].origin}")
    return tuple(found)
