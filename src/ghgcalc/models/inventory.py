"""The inventory file (contract §2) as pydantic models: shape and type checks, no I/O.

Errors raised here carry a stable code (the pydantic error type) and, where the problem is inside
a value (one month of a monthly list), a `subpath` in their context so the reader can point at it.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from ghgcalc.models.period import PERIOD_HINT, Period, parse_period
from ghgcalc.thai import parse_number

GwpSet = Literal["SAR", "AR4", "AR5", "AR6"]
KEY_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
# No inventory line is larger than this, in any unit; bigger is a typo or an attack.
LARGEST_AMOUNT = 1e15


def _number(value: Any, subpath: tuple[int, ...] = ()) -> float:
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError(
            "amount-invalid", "{value} is not a number", {"value": repr(value), "subpath": subpath}
        )
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer with hundreds of digits
            raise PydanticCustomError(
                "amount-too-large", "the amount is implausibly large", {"value": "", "subpath": subpath}
            ) from None
    elif isinstance(value, str):
        try:
            number = parse_number(value)
        except ValueError:
            raise PydanticCustomError(
                "amount-invalid", "{value} is not a number", {"value": repr(value), "subpath": subpath}
            ) from None
    else:
        raise PydanticCustomError(
            "amount-invalid", "{value} is not a number", {"value": repr(value), "subpath": subpath}
        )
    if math.isnan(number) or math.isinf(number):
        raise PydanticCustomError(
            "amount-not-finite", "the amount is {value}", {"value": repr(value), "subpath": subpath}
        )
    if number < 0:
        raise PydanticCustomError(
            "amount-negative", "the amount {value} is negative", {"value": repr(value), "subpath": subpath}
        )
    if number > LARGEST_AMOUNT:
        raise PydanticCustomError(
            "amount-too-large", "the amount {value} is implausibly large", {"value": repr(value), "subpath": subpath}
        )
    return number


def _amount(value: Any) -> Any:
    if isinstance(value, list):
        if not value:
            raise PydanticCustomError("amount-invalid", "the monthly list is empty", {"subpath": ()})
        return [_number(item, (index,)) for index, item in enumerate(value)]
    return _number(value)


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
    valid_from: str | None = None
    valid_to: str | None = None

    @field_validator("kg")
    @classmethod
    def _finite(cls, value: dict[str, float]) -> dict[str, float]:
        for gas, number in value.items():
            if math.isnan(number) or math.isinf(number) or number < 0:
                raise PydanticCustomError(
                    "factor-value-invalid", "the value for {gas} must be a finite number >= 0", {"gas": gas}
                )
        return value


class Activity(_Strict):
    """One line of the inventory: how much of what, in which unit."""

    activity: Annotated[str, Field(min_length=1)]
    amount: Amount
    unit: Annotated[str, Field(min_length=1)]
    scope: Literal[1, 2, 3] | None = None
    category: str | None = None
    label: str | None = None
    id: str | None = None
    ncv: str | None = None
    density: str | None = None

    @property
    def total(self) -> float:
        return math.fsum(self.amount) if isinstance(self.amount, list) else self.amount

    @property
    def monthly(self) -> list[float] | None:
        return list(self.amount) if isinstance(self.amount, list) else None


class Inventory(_Strict):
    ghgcalc: Literal[1]
    name: Annotated[str, Field(min_length=1)]
    kind: Literal["organization", "community"] = "organization"
    period: Annotated[Period, BeforeValidator(_period)]
    gwp: GwpSet | None = None
    factors: Annotated[list[str] | None, BeforeValidator(_key_list)] = None
    custom_factors: list[CustomFactor] = []
    activities: list[Activity]
