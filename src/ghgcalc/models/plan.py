"""The plan file (`ghgcalc plan`) and the measures catalogue as pydantic models: shape only, no I/O.

A plan names a base inventory, a horizon year, how activities grow without action (BAU), the
measures that change activities, and targets. A measure may take its numbers from the catalogue
(`use:`); any block it writes itself overrides the catalogue's, field by field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.models.inventory import KEY_PATTERN, GwpSet
from ghgcalc.numbers import LARGEST_NUMBER, NumberError, read_number
from ghgcalc.thai import to_ce_year

Text = Annotated[str, Field(min_length=1)]
MEASURE_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


def _number(value: Any) -> float:
    """A number as people write it: 12500, "12,500", "๑๒,๕๐๐"; a decimal comma, a yes/no answer,
    a date or infinity is refused (ghgcalc.numbers). Ranges are the fields' own (Field below)."""
    if (type(value) is int or type(value) is float) and -LARGEST_NUMBER <= value <= LARGEST_NUMBER:
        return float(value)  # the common case
    try:
        return read_number(value, "")  # the plan reader names the field
    except NumberError as problem:
        # the message is the context's, never the template: a value written in it ({x}) stays as written
        context = {"problem": problem.message, **({"hint": problem.hint} if problem.hint else {})}
        raise PydanticCustomError(problem.code, "{problem}", context) from None


def _whole(value: Any) -> int:
    """A whole number (ramp years), read as every other number is."""
    number = _number(value)
    if not number.is_integer():
        raise PydanticCustomError("number-invalid", tr("{value} is not a whole number"), {"value": number})
    return int(number)


def _year(value: Any) -> Any:
    """A C.E. or B.E. year (2030 or 2573), Thai digits allowed."""
    try:
        number = read_number(value, "")
    except NumberError as problem:
        raise PydanticCustomError(
            "year-invalid", "{problem}", {"problem": problem.message, "hint": tr("a year, C.E. or B.E.: 2030 or 2573")}
        ) from None
    if number != int(number):
        raise PydanticCustomError(
            "year-invalid", "{problem}", {"problem": tr("{value} is not a year", value=repr(value))}
        )
    year = to_ce_year(int(number))
    if not 1900 <= year <= 2200:
        raise PydanticCustomError(
            "year-invalid",
            "{problem}",
            {"problem": tr("{value} is out of range: write a C.E. or B.E. year", value=repr(value))},
        )
    return year


Number = Annotated[float, BeforeValidator(_number)]
Positive = Annotated[float, BeforeValidator(_number), Field(gt=0, allow_inf_nan=False)]
NonNegative = Annotated[float, BeforeValidator(_number), Field(ge=0, allow_inf_nan=False)]
Share = Annotated[float, BeforeValidator(_number), Field(gt=0, le=1)]
Year = Annotated[int, BeforeValidator(_year)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Match(_Strict):
    """Which inventory lines a rule or a measure is about; every field given must hold."""

    activity: str | None = None  # a factor key or a method name
    gpc: str | None = None  # a GPC reference, or its start: "I.3" matches I.3.1 and I.3.2
    scope: Literal[1, 2, 3] | None = None
    category: str | None = None
    label: str | None = None
    id: str | None = None

    @model_validator(mode="after")
    def _something(self) -> Match:
        if not any(v is not None for v in self.__dict__.values()):
            raise PydanticCustomError(
                "match-empty",
                "{problem}",
                {"problem": tr("say which lines: activity, gpc, scope, category, label or id")},
            )
        return self


def _matches(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


Matches = Annotated[list[Match], BeforeValidator(_matches), Field(min_length=1)]


class Driver(_Strict):
    """A growth driver of the BAU projection (population, gross provincial product, ...)."""

    rate_pct: Annotated[float, BeforeValidator(_number), Field(ge=-50, le=50)]
    source: str | None = None


class GrowthRule(_Strict):
    """Lines that follow a driver, or a rate of their own; the first rule that matches a line wins."""

    match: Matches
    driver: str | None = None
    rate_pct: Annotated[float, BeforeValidator(_number), Field(ge=-50, le=50)] | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _one(self) -> GrowthRule:
        if (self.driver is None) == (self.rate_pct is None):
            raise PydanticCustomError("growth-invalid", "{problem}", {"problem": tr("give either driver or rate_pct")})
        return self


class Bau(_Strict):
    drivers: dict[Annotated[str, Field(pattern=KEY_PATTERN)], Driver] = {}
    default: str | None = None  # the driver of every line no rule matches; None: they stay constant
    lines: list[GrowthRule] = []


# --- what a measure does, per size unit per year at full effect ------------------------------------
class Reduce(_Strict):
    amount: Positive | None = None
    unit: Text | None = None
    share: Share | None = None
    source: str | None = None


class Add(_Strict):
    activity: Annotated[str, Field(pattern=KEY_PATTERN)] | None = None
    method: Text | None = None
    params: dict[str, Any] = {}
    amount: NonNegative | None = None
    per_reduced: NonNegative | None = None  # added quantity per unit of the quantity the measure cut
    unit: Text | None = None
    scope: Literal[1, 2, 3] | None = None
    gpc: str | None = None
    label: str | None = None
    source: str | None = None


class Capture(_Strict):
    gas: Text = "CH4"
    share: Share | None = None
    source: str | None = None


class Removal(_Strict):
    t_co2: Positive | None = None
    source: str | None = None


class Costs(_Strict):
    investment_thb: NonNegative | None = None
    om_thb_per_year: NonNegative | None = None
    lifetime_years: Annotated[float, BeforeValidator(_number), Field(gt=0, le=100)] | None = None
    source: str | None = None


class _Effects(_Strict):
    """What a measure does and costs, per size unit: the blocks a plan's measure may override."""

    reduce: Reduce | None = None
    add: Add | None = None
    capture: Capture | None = None
    removal: Removal | None = None
    costs: Costs | None = None


class CatalogueMeasure(_Effects):
    """A measure of the catalogue: its defaults, each block with the source of its numbers."""

    id: Annotated[str, Field(pattern=MEASURE_ID)]
    name: Text
    name_th: str | None = None
    size_unit: Text
    description: str | None = None
    applies_to_hint: str | None = None


class Catalogue(_Strict):
    ghgcalc_measures: Literal[1]
    measures: list[CatalogueMeasure]


class Measure(_Effects):
    """A measure of the plan; `use` takes a catalogue entry's blocks, which this one's override."""

    id: Annotated[str, Field(pattern=MEASURE_ID)]
    use: str | None = None
    name: str | None = None
    size: Positive = 1.0
    size_unit: str | None = None
    size_source: str | None = None
    start: Year
    ramp_years: Annotated[int, BeforeValidator(_whole), Field(ge=1, le=50)] = 1
    applies_to: Matches | None = None


class Target(_Strict):
    """A reduction against BAU or the base year in a given year, or net zero (carbon neutrality)."""

    year: Year
    reduction_pct: Annotated[float, BeforeValidator(_number), Field(gt=0, le=100)] | None = None
    against: Literal["bau", "base"] = "bau"
    net_zero: bool = False
    name: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Target:
        if (self.reduction_pct is None) == (not self.net_zero):
            raise PydanticCustomError(
                "target-invalid",
                "{problem}",
                {
                    "problem": tr("give either reduction_pct or net_zero: true"),
                    "hint": tr("e.g. {year: 2030, reduction_pct: 20} or {year: 2050, net_zero: true}"),
                },
            )
        return self


class Price(_Strict):
    """What one unit of an activity costs, to value what a measure saves or adds."""

    thb_per_unit: NonNegative
    unit: Text
    source: str | None = None


def _list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Plan(_Strict):
    ghgcalc_plan: Literal[1]
    name: Text
    base: Text  # the base-year inventory, relative to the plan file
    horizon: Year
    gwp: GwpSet | None = None
    factors: Annotated[list[str] | None, BeforeValidator(_list)] = None
    catalogue: Annotated[list[str], BeforeValidator(_list)] = []  # more catalogue files
    bau: Bau = Bau()
    measures: list[Measure] = []
    targets: list[Target] = []
    prices: dict[str, Price] = {}
    discount_rate_pct: Annotated[float, BeforeValidator(_number), Field(ge=0, le=50)] | None = None
