"""Calculation methods beyond amount x factor, one module each, named in an inventory line:

    - {method: landfill-fod, params: {deposits: {2020: 12000, 2021: 12500}, climate: tropical-wet}, gpc: III.1.1}

Every module has a pydantic `Params` (each parameter documented, defaults from IPCC 2006 with
their table) and a pure `compute(params, year) -> {gas: kg}`. Modules are imported only when an
inventory uses them.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ghgcalc import i18n
from ghgcalc.i18n import N_, tr
from ghgcalc.numbers import LARGEST_NUMBER, NumberError, read_number

ParamsPath = tuple[str | int, ...]


class ParamsError(ValueError):
    """A method's parameters are wrong: (path inside params, issue code, message) per problem, and
    the hint of each problem that has one, by its path."""

    def __init__(self, problems: list[tuple[ParamsPath, str, str]], hints: dict[ParamsPath, str] | None = None) -> None:
        super().__init__("; ".join(message for _, _, message in problems))
        self.problems = problems
        self.hints = hints or {}


@dataclass(frozen=True)
class Notice:
    """A warning about a method line that computed: where inside its params (() for the line as a whole),
    the issue code, the message and a hint, in the language of the run."""

    where: ParamsPath
    code: str
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Uncertain:
    """A parameter of one method line that the uncertainty analysis varies (docs/uncertainty.md).

    `field` is a top-level field of the method's Params; the analysis sets it to an array of drawn
    values (Params.model_copy(update=...), no validation) and calls compute(), so compute() must do
    only arithmetic on it (operators and `**`; math.e ** x for exp(x); no `if` on its value).
    """

    field: str
    value: float  # the value the line used
    low: float  # the 95 % confidence interval, in the parameter's own unit: 2.5th percentile
    high: float  # 97.5th percentile
    source: str  # the document and table the range comes from
    limit: float | None = None  # a physical upper limit draws are cut at (a fraction: 1.0)


@dataclass(frozen=True)
class Method:
    name: str
    module: str
    title: str  # in English (the line's name_en); marked with N_, so tr(title) is its Thai
    gpc: str | None  # the GPC reference its lines default to
    ipcc: str | None  # IPCC 2006 category; None for scope 3 methods
    category: str
    source: str
    # The parameter that carries the line's activity data, and its unit ("@name": the unit is in
    # parameter `name`). Plans grow and cut a line through it; None for methods with several inputs.
    quantity: tuple[str, str] | None = None
    # Whether its equations give a year's emissions whatever the period (per head or person per year,
    # x 365, first-order decay by calendar year), rather than following amounts given for the period.
    annual: bool = False

    def run(self, params: dict[str, Any], year: int, days: int | None = None) -> tuple[dict[str, float], list[Notice]]:
        """kg of each gas in `year`, and the warnings about the line; raises ParamsError for wrong
        parameters. `days`: the length of the inventory's period, for the warning of an annual method
        in a period that is not a year."""
        module = importlib.import_module(self.module)
        numbers, problems, hints = read_params(params, _schema(self.module))
        try:
            checked = module.Params.model_validate(numbers)
        except ValidationError as exc:
            # the model's problems too, except where the number reader already said what is wrong
            # (keys compared as text: a year key the reader saw as "2020" the model may hold as 2020)
            said = {tuple(map(str, where)) for where, _, _ in problems}
            for err in exc.errors(include_url=False):
                where = tuple(p for p in err["loc"] if isinstance(p, str | int))
                context = err.get("ctx") or {}
                if context.get("param"):  # a problem a model validator located at one parameter
                    where = (*where, *str(context["param"]).split("."))
                if not any(tuple(map(str, where[: len(path)])) == path for path in said):
                    problems.append((where, "method-params", _message(err, where)))
                    hint = context.get("hint") or _field_hint(module.Params, where) or _percent_hint(err)
                    if hint:
                        hints[where] = str(hint)
            raise ParamsError(problems, hints) from None
        if problems:  # refused by the reader, though the lax model took it (1_000, true)
            raise ParamsError(problems, hints)
        check = getattr(module, "check", None)
        if check is not None:  # a problem of the values given that needs the year (raises ParamsError)
            try:
                check(checked, year)
            except ParamsError as exc:
                written = {where: _written(where, params) for where, _, _ in exc.problems}
                raise ParamsError(
                    [(written[where], code, message) for where, code, message in exc.problems],
                    {written[where]: hint for where, hint in exc.hints.items() if where in written},
                ) from None
        try:
            gases = dict(module.compute(checked, year))
        except ValueError as exc:  # a combination of parameters the method cannot use
            raise ParamsError([((), "method-params", str(exc))]) from None
        from ghgcalc.methods import plausible

        notices = plausible.unusual(checked, getattr(module, "usual", None))
        more = getattr(module, "notices", None)
        if more is not None:
            notices.extend(more(checked, year))
        if self.annual and days is not None:
            notices.extend(plausible.period_not_a_year(days))
        return gases, [_as_written(notice, params) for notice in notices]

    def checked(self, params: dict[str, Any]) -> Any:
        """The validated Params of a line this method already computed without problems."""
        module = importlib.import_module(self.module)
        numbers, _, _ = read_params(params, _schema(self.module))
        return module.Params.model_validate(numbers)

    def uncertain(self, checked: Any) -> list[Uncertain]:
        """The parameters of a line the uncertainty analysis varies, with their 95 % ranges; none
        when the module declares none (then only the line's own `uncertainty:` applies)."""
        module = importlib.import_module(self.module)
        declare = getattr(module, "uncertain", None)
        return list(declare(checked)) if declare is not None else []

    def compute_checked(self, checked: Any, year: int) -> dict[str, Any]:
        """compute() on Params already validated (with drawn arrays in place of some values)."""
        return dict(importlib.import_module(self.module).compute(checked, year))

    def quantity_unit(self, params: dict[str, Any]) -> str | None:
        """The unit of the quantity parameter in these params (its default when not given)."""
        if self.quantity is None:
            return None
        unit = self.quantity[1]
        if not unit.startswith("@"):
            return unit
        given = params.get(unit[1:])
        if given is None:
            given = importlib.import_module(self.module).Params.model_fields[unit[1:]].default
        return str(given)


def _as_written(notice: Notice, params: object) -> Notice:
    return Notice(_written(notice.where, params), notice.code, notice.message, notice.hint)


def _written(where: ParamsPath, params: object) -> ParamsPath:
    """`where` in the keys as the user wrote them ("๒๐๒๔" or "2024" for the year 2024), so that a problem
    is located at them."""
    path: list[str | int] = []
    node = params
    for part in where:
        if isinstance(node, dict):
            key = next((k for k in node if k == part or _same_key(k, part)), part)
            path.append(key)
            node = node.get(key)
        else:
            path.append(part)
            node = node[part] if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node) else None
    return tuple(path)


def _same_key(written: object, part: object) -> bool:
    try:
        return read_number(written, "") == read_number(part, "")
    except NumberError:
        return str(written).strip() == str(part)


@functools.cache
def _schema(module: str) -> dict[str, Any]:
    """The JSON schema of a method's Params: which parameters are numbers, at any depth."""
    return dict(importlib.import_module(module).Params.model_json_schema())


def read_params(
    params: object, schema: dict[str, Any]
) -> tuple[object, list[tuple[ParamsPath, str, str]], dict[ParamsPath, str]]:
    """`params` with every value the schema says is a number read by the one number reader
    (ghgcalc.numbers): "12,500" and Thai digits accepted; a decimal comma, a yes/no answer, a date,
    0x1A or 1_000 refused with the parameter's name. Other values are left to the Params model."""
    problems: list[tuple[ParamsPath, str, str]] = []
    hints: dict[ParamsPath, str] = {}
    defs = schema.get("$defs", {})

    def branches(node: dict[str, Any]) -> list[dict[str, Any]]:
        if "$ref" in node:
            return branches(defs.get(node["$ref"].rsplit("/", 1)[-1], {}))
        found = [node]
        for key in ("anyOf", "oneOf", "allOf"):
            for option in node.get(key, []):
                found.extend(branches(option))
        return found

    def read(value: object, node: dict[str, Any], path: ParamsPath) -> object:
        options = branches(node)
        if isinstance(value, dict):
            for option in options:
                if "properties" in option or isinstance(option.get("additionalProperties"), dict):
                    fields, rest = option.get("properties", {}), option.get("additionalProperties")
                    return {
                        key: read(item, fields.get(key, rest if isinstance(rest, dict) else {}), (*path, key))
                        for key, item in value.items()
                    }
            return value
        if isinstance(value, list):
            for option in options:
                if isinstance(option.get("items"), dict):
                    return [read(item, option["items"], (*path, index)) for index, item in enumerate(value)]
            return value
        kinds = {option.get("type") for option in options}
        if not kinds & {"number", "integer"} or kinds & {"string", "boolean"} or value is None:
            return value
        if (type(value) is int or type(value) is float) and abs(value) <= LARGEST_NUMBER:
            return value  # a plain finite number (NaN fails the comparison): the Params model checks its range
        try:
            number = read_number(value, ".".join(str(p) for p in path))
        except NumberError as problem:
            problems.append((path, "method-params", problem.message))
            if problem.hint:
                hints[path] = problem.hint
            return value
        return int(number) if "integer" in kinds and number.is_integer() else number

    return read(params, schema, ()), problems, hints


def _message(err: Any, path: ParamsPath) -> str:
    if (err.get("ctx") or {}).get("param"):
        return str(err["msg"])  # a located problem says itself which parameter it is about
    where = ".".join(str(p) for p in path)
    text = pydantic_text(err)
    return f"{where}: {text}" if where else text


# Pydantic's own messages for the error types a method's Params can raise, as pydantic writes them in
# English: English keeps pydantic's text exactly (err["msg"]); another language gets the catalog's
# text, filled from the error's context. The errors our validators raise (a type with a '-') are
# already in the language of the run.
_PYDANTIC: dict[str, str] = {
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "literal_error": N_("Input should be {expected}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "finite_number": N_("Input should be a finite number"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "string_type": N_("Input should be a valid string"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "list_type": N_("Input should be a valid list"),
    "tuple_type": N_("Input should be a valid tuple"),
    # pydantic's English has an "s" placeholder ({expected_plural}); these are the catalog's own
    "string_too_short": N_("String should have at least {min_length} character(s)"),
    "too_short": N_("{field_type} should have at least {min_length} item(s) after validation, not {actual_length}"),
}
_LAST_OR = re.compile(r" or (?=[^,]*$)")


def _shown(value: object) -> str:
    """A limit as pydantic's English shows it: 0 and 366 for 0.0 and 366.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def pydantic_text(err: Any) -> str:
    """The message of one pydantic error of a method's Params, in the language of the run."""
    template = _PYDANTIC.get(str(err["type"]))
    if template is None or i18n.language() == i18n.DEFAULT:
        return str(err["msg"])
    context = {key: _shown(value) for key, value in (err.get("ctx") or {}).items()}
    if "expected" in context:  # "'wet' or 'dry'": the values, without pydantic's English "or"
        context["expected"] = _LAST_OR.sub(", ", context["expected"])
    try:
        return tr(template, **context)
    except (KeyError, IndexError):  # a context this pydantic version does not give
        return str(err["msg"])


def _percent_hint(err: Any) -> str | None:
    """For a fraction (at most 1) given as a percentage (DOC 15 for 0.15, a share of 70): the fraction."""
    value = err.get("input")
    if err.get("type") != "less_than_equal" or (err.get("ctx") or {}).get("le") != 1:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 < value <= 100:
        return None
    return tr(
        "this is a fraction from 0 to 1: if {value} is a percentage, write {fraction}",
        value=_shown(value),
        fraction=f"{value / 100:.6g}",
    )


def _field_hint(model: Any, path: ParamsPath) -> str | None:
    """The hint a top-level parameter declares for its bounds (Field(json_schema_extra={"hint": ...},
    marked with N_; its placeholders filled from "hint_values")), in the language of the run."""
    if len(path) != 1 or not isinstance(path[0], str):
        return None
    field = model.model_fields.get(path[0])
    extra = getattr(field, "json_schema_extra", None)
    if not isinstance(extra, dict) or not extra.get("hint"):
        return None
    values = extra.get("hint_values")
    return tr(str(extra["hint"]), **values) if isinstance(values, dict) else tr(str(extra["hint"]))


_IPCC = "IPCC 2006 Guidelines for National Greenhouse Gas Inventories"
_AFOLU = [
    Method(
        "rice-cultivation",
        "ghgcalc.methods.afolu_rice",
        N_("Rice cultivation CH4"),
        "V.3",
        "3.C.7",
        "rice-cultivation",
        f"{_IPCC}, Vol.4 Ch.5 Eq. 5.1-5.3, Tables 5.11-5.14",
        quantity=("area", "@area_unit"),
    ),
    Method(
        "enteric-fermentation",
        "ghgcalc.methods.afolu_enteric",
        N_("Enteric fermentation CH4"),
        "V.1",
        "3.A.1",
        "enteric-fermentation",
        f"{_IPCC}, Vol.4 Ch.10 Tier 1, Tables 10.10-10.11",
        quantity=("heads", "head"),
        annual=True,
    ),
    Method(
        "manure-management",
        "ghgcalc.methods.afolu_manure",
        N_("Manure management CH4 and direct N2O"),
        "V.1",
        "3.A.2",
        "manure-management",
        f"{_IPCC}, Vol.4 Ch.10 Eq. 10.22, 10.25, 10.30, Tables 10.14, 10.19, 10.21",
        quantity=("heads", "head"),
        annual=True,
    ),
    Method(
        "soils-direct-n2o",
        "ghgcalc.methods.afolu_soils_direct",
        N_("Managed soils direct N2O"),
        "V.3",
        "3.C.4",
        "soils-direct-n2o",
        f"{_IPCC}, Vol.4 Ch.11 Eq. 11.1, Table 11.1",
    ),
    Method(
        "soils-indirect-n2o",
        "ghgcalc.methods.afolu_soils_indirect",
        N_("Managed soils indirect N2O"),
        "V.3",
        "3.C.5",
        "soils-indirect-n2o",
        f"{_IPCC}, Vol.4 Ch.11 Eq. 11.9-11.10, Table 11.3",
    ),
    Method(
        "urea-application",
        "ghgcalc.methods.afolu_urea",
        N_("Urea application CO2"),
        "V.3",
        "3.C.3",
        "urea-application",
        f"{_IPCC}, Vol.4 Ch.11 Eq. 11.13",
        quantity=("urea", "@mass_unit"),
    ),
    Method(
        "liming",
        "ghgcalc.methods.afolu_liming",
        N_("Liming CO2"),
        "V.3",
        "3.C.2",
        "liming",
        f"{_IPCC}, Vol.4 Ch.11 Eq. 11.12",
    ),
]
_ENERGY = [
    Method(
        "road-distance",
        "ghgcalc.methods.energy_road_distance",
        N_("Road transport from vehicle-km"),
        "II.1.1",
        "1.A.3.b",
        "road-distance",
        "the user's factor per km or per litre, with its source (IPCC 2006 has no per-km defaults)",
        quantity=("vehicle_km", "km"),
    ),
    Method(
        "grid-td-losses",
        "ghgcalc.methods.energy_grid_td_losses",
        N_("Grid electricity T&D losses (scope 3)"),
        "I.1.3",
        None,
        "grid-td-losses",
        "GPC scope 3 T&D losses; the user's grid factor with its source",
        quantity=("electricity", "@electricity_unit"),
    ),
]
_WASTE = [
    Method(
        "landfill-fod",
        "ghgcalc.methods.waste_landfill_fod",
        N_("Solid waste disposal CH4 (first-order decay)"),
        "III.1.1",
        "4.A",
        "waste",
        f"{_IPCC}, Vol.5 Ch.3 Eq. 3.1-3.7, Annex 3A.1; Tables 2.3, 2.4, 3.1-3.3",
        quantity=("deposits", "t"),
        annual=True,
    ),
    Method(
        "methane-commitment",
        "ghgcalc.methods.waste_methane_commitment",
        N_("Solid waste disposal CH4 (GPC methane commitment)"),
        "III.1.1",
        "4.A",
        "waste",
        f"GPC v1.1 Ch.8 Eq. 8.1; {_IPCC}, Vol.5 Tables 2.4, 3.1",
        quantity=("tonnes", "t"),
    ),
    Method(
        "biological-treatment",
        "ghgcalc.methods.waste_biological",
        N_("Composting and anaerobic digestion"),
        "III.2.1",
        "4.B",
        "waste",
        f"{_IPCC}, Vol.5 Ch.4 Eq. 4.1-4.2, Table 4.1",
        quantity=("tonnes", "t"),
    ),
    Method(
        "incineration",
        "ghgcalc.methods.waste_incineration",
        N_("Incineration and open burning of waste"),
        "III.3.1",
        "4.C",
        "waste",
        f"{_IPCC}, Vol.5 Ch.5 Eq. 5.1-5.2, Tables 5.2, 5.3, 5.6; Table 2.4",
        quantity=("tonnes", "t"),
    ),
    Method(
        "wastewater-domestic",
        "ghgcalc.methods.wastewater_domestic",
        N_("Domestic wastewater CH4"),
        "III.4.1",
        "4.D.1",
        "wastewater",
        f"{_IPCC}, Vol.5 Ch.6 Eq. 6.1-6.3, Tables 6.3, 6.4",
        quantity=("population", "person"),
        annual=True,
    ),
    Method(
        "wastewater-industrial",
        "ghgcalc.methods.wastewater_industrial",
        N_("Industrial wastewater CH4"),
        "III.4.1",
        "4.D.2",
        "wastewater",
        f"{_IPCC}, Vol.5 Ch.6 Eq. 6.4-6.6, Tables 6.3, 6.8",
    ),
    Method(
        "wastewater-n2o",
        "ghgcalc.methods.wastewater_n2o",
        N_("N2O from wastewater effluent"),
        "III.4.1",
        "4.D.1",
        "wastewater",
        f"{_IPCC}, Vol.5 Ch.6 Eq. 6.7-6.9, Table 6.11",
        quantity=("population", "person"),
        annual=True,
    ),
    Method(
        "tgo-septic-tank",
        "ghgcalc.methods.tgo_septic_tank",
        N_("CH4 from septic tanks (TGO form 1.5(1))"),
        "III.4.1",
        "4.D.1",
        "wastewater",
        "TGO form 1.5(1), sheet 'CH4จาก Septic tank'",
    ),
    Method(
        "tgo-anaerobic-pond",
        "ghgcalc.methods.tgo_anaerobic_pond",
        N_("CH4 from wastewater ponds (TGO form 1.5(1))"),
        "III.4.1",
        "4.D.1",
        "wastewater",
        "TGO form 1.5(1), sheet 'CH4จากบ่อบำบัดไม่เติมอากาศ'; CFO requirements 7th printing (Jan 2564)",
    ),
]
METHODS: dict[str, Method] = {method.name: method for method in (*_WASTE, *_AFOLU, *_ENERGY)}


def get(name: str) -> Method | None:
    return METHODS.get(name.strip().lower())


def names() -> list[str]:
    return sorted(METHODS)
