"""The inventory file (contract §2) as pydantic models: shape and type checks, no I/O.

Errors raised here carry a stable code (the pydantic error type) and, where the problem is inside
a monthly list, every bad month in their context so the reader can point at each one.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ghgcalc.models.period import PERIOD_HINT, Period, parse_date, parse_period
from ghgcalc.thai import parse_number

GwpSet = Literal["SAR", "AR4", "AR5", "AR6"]
KEY_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
# No inventory line is larger than this, in any unit; bigger is a typo or an attack.
LARGEST_AMOUNT = 1e15


class _AmountProblem(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _number(value: Any) -> float:
    """One amount as a person wrote it; raises _AmountProblem with a code and a message."""
    kind = type(value)
    if (kind is float or kind is int) and 0 < value <= LARGEST_AMOUNT:
        return float(value)  # the common case, checked first: a positive finite number
    if value is None:
        raise _AmountProblem("amount-invalid", "the amount is empty")
    if isinstance(value, bool):
        raise _AmountProblem("amount-invalid", f"{str(value).lower()} is not a number")
    if not isinstance(value, int | float | str):
        raise _AmountProblem("amount-invalid", "a list or mapping is not a number")
    if isinstance(value, str):
        if not value.strip():
            raise _AmountProblem("amount-invalid", "the amount is empty")
        try:
            number = parse_number(value)
        except ValueError as exc:
            raise _AmountProblem("amount-invalid", str(exc)) from None
    else:
        try:
            number = float(value)
        except OverflowError:  # an integer with hundreds of digits
            raise _AmountProblem("amount-too-large", "the amount is implausibly large") from None
    if math.isinf(number) and number > 0 and isinstance(value, str) and any(ch.isdigit() for ch in value):
        raise _AmountProblem("amount-too-large", f"the amount {value!r} is implausibly large")
    if number < 0 and not (math.isinf(number) and not any(ch.isdigit() for ch in str(value))):
        raise _AmountProblem("amount-negative", f"the amount {value!r} is negative")
    if math.isnan(number) or math.isinf(number):
        raise _AmountProblem("amount-not-finite", f"the amount is {value!r}")
    if number > LARGEST_AMOUNT:
        raise _AmountProblem("amount-too-large", f"the amount {value!r} is implausibly large")
    return number + 0.0  # -0.0 becomes 0.0


def _amount(value: Any) -> Any:
    """A number or a list of monthly numbers; every bad month is reported, not only the first."""
    if not isinstance(value, list):
        return _single_amount(value)
    if not value:
        raise PydanticCustomError("amount-invalid", "the monthly list is empty")
    if all(type(item) is float and 0 <= item <= LARGEST_AMOUNT for item in value):
        return [item + 0.0 for item in value]  # the common case: numbers from a spreadsheet
    numbers, problems = [], []
    for index, item in enumerate(value):
        try:
            numbers.append(_number(item))
        except _AmountProblem as problem:
            problems.append((index, problem.code, str(problem)))
    if problems:
        # one error carrying every bad month; the reader turns it into one issue per month
        raise PydanticCustomError(
            "amount-invalid-months",
            "{count} bad monthly values",
            {
                "count": len(problems),
                "months": problems,
            },
        )
    return numbers


def _single_amount(value: Any) -> float:
    try:
        return _number(value)
    except _AmountProblem as problem:
        raise PydanticCustomError(problem.code, str(problem)) from None


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    try:
        return parse_period(value)
    except ValueError as exc:
        raise PydanticCustomError("period-invalid", str(exc), {"hint": PERIOD_HINT}) from None


def _key_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Amount = Annotated[float | list[float], BeforeValidator(_amount)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class CustomFactor(_Strict):
    """A factor defined in the inventory itself; it wins over the factor sets."""

    key: Annotated[str, Field(pattern=KEY_PATTERN)]
    per: Annotated[str, Field(min_length=1)]
    kg: Annotated[dict[str, float], Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]
    name: str | None = None
    scope: Literal[1, 2, 3] | None = None
    category: str | None = None
    ncv: str | None = None
    density: str | None = None
    gwp_basis: GwpSet | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @field_validator("valid_from", "valid_to", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        try:
            return parse_date(value, str(info.field_name))
        except ValueError as exc:
            raise PydanticCustomError("date-invalid", str(exc)) from None

    @model_validator(mode="after")
    def _ordered(self) -> CustomFactor:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise PydanticCustomError(
                "date-invalid",
                "valid_to ({end}) is before valid_from ({start})",
                {"start": str(self.valid_from), "end": str(self.valid_to)},
            )
        return self

    @field_validator("kg")
    @classmethod
    def _finite(cls, value: dict[str, float]) -> dict[str, float]:
        for gas, number in value.items():
            if math.isnan(number) or math.isinf(number) or number < 0:
                raise PydanticCustomError(
                    "factor-value-invalid", "the value for {gas} must be a finite number >= 0", {"gas": gas}
                )
        return value


class Output(_Strict):
    """What the organisation produces in the period (TGO Fr-01 ผลผลิต), for carbon intensity."""

    amount: Annotated[float, BeforeValidator(_single_amount)]
    unit: Annotated[str, Field(min_length=1)]
    name: str | None = None


class Indicators(_Strict):
    """Figures an intensity is computed against (Fr-01, provincial indicators); each optional."""

    population: Annotated[float, BeforeValidator(_single_amount)] | None = None
    gpp_million_thb: Annotated[float, BeforeValidator(_single_amount)] | None = None
    area_km2: Annotated[float, BeforeValidator(_single_amount)] | None = None
    staff: Annotated[float, BeforeValidator(_single_amount)] | None = None


class NotationKey(_Strict):
    """Why a GPC sub-category has no value: NO, NE, IE, C or NA, with its explanation."""

    key: Literal["NO", "NE", "IE", "C", "NA"]
    explanation: str | None = None


class Activity(_Strict):
    """One line of the inventory: how much of what, in which unit."""

    activity: Annotated[str, Field(min_length=1)]
    amount: Amount
    unit: Annotated[str, Field(min_length=1)]
    scope: Literal[1, 2, 3] | None = None
    category: str | None = None
    label: str | None = None
    id: Annotated[str, Field(min_length=1)] | None = None
    ncv: str | None = None
    density: str | None = None
    gpc: str | None = None  # GPC reference number, e.g. I.1.1 (community inventories)
    ipcc: str | None = None  # IPCC 2006 category, e.g. 1.A.4.b; default: the GPC crosswalk

    @property
    def total(self) -> float:
        return math.fsum(self.amount) if isinstance(self.amount, list) else self.amount

    @property
    def monthly(self) -> list[float] | None:
        return list(self.amount) if isinstance(self.amount, list) else None


class MethodActivity(_Strict):
    """A line computed by a method beyond amount x factor (landfill FOD, rice, livestock, ...)."""

    method: Annotated[str, Field(min_length=1)]
    params: dict[str, Any] = {}
    scope: Literal[1, 2, 3] | None = None
    category: str | None = None
    label: str | None = None
    id: Annotated[str, Field(min_length=1)] | None = None
    gpc: str | None = None
    ipcc: str | None = None


def _line_kind(value: Any) -> str:
    return "method" if isinstance(value, dict) and "method" in value else "factor"


AnyActivity = Annotated[
    Annotated[Activity, Tag("factor")] | Annotated[MethodActivity, Tag("method")],
    Discriminator(_line_kind),
]


class Inventory(_Strict):
    ghgcalc: Literal[1]
    name: Annotated[str, Field(min_length=1)]
    kind: Literal["organization", "community"] = "organization"
    period: Annotated[Period, BeforeValidator(_period)]
    gwp: GwpSet | None = None
    factors: Annotated[list[str] | None, BeforeValidator(_key_list)] = None
    output: Output | None = None
    indicators: Indicators | None = None
    notation_keys: dict[str, NotationKey] = {}
    include: Annotated[list[str], BeforeValidator(_key_list)] = []  # organisation inventories inside a community
    custom_factors: list[CustomFactor] = []
    activities: list[AnyActivity]
