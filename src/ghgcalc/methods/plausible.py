"""Warnings about method lines that compute but whose numbers are likely a slip (docs/methods/*.md,
"Unusual values").

A parameter a person types is most often wrong by a slip of scale: a percent typed for a fraction
(x 100), g for kg (x 1000), a year's figure for a day's (x 365), years for days (/ 365). A value that is
impossible by definition is refused by the method's Params model. A value that is possible but far
from every value of the parameter's published table is computed as given and said: each method
declares, with `usual(params)`, the range its table prints for each parameter (the smallest and the
largest value, or their 95 % limits where the table prints them), and a value given more than FAR
times beyond that range gets the warning `method-param-unusual` at the parameter, naming the value,
the range and the slip that would bring the value into it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ghgcalc.i18n import N_, tr
from ghgcalc.methods import Notice

# How far beyond its table's range a value must be to be said. The slips sought are factors of 100 to
# 1000; the 95 % limits already hold the spread of the published values, and twice them leaves room for
# national (Tier 2) values, which the tables' own ranges need not cover.
FAR = 2.0

# The slips of scale, in the order they are tried: dividing a value too large by the factor (or
# multiplying a value too small) brings it into the table's range.
_TOO_HIGH = (
    (100.0, N_("100 times too large: a percent typed for a fraction?")),
    (1000.0, N_("g typed for kg?")),
    (365.0, N_("a year's figure typed for a day's?")),
)
_TOO_LOW = (
    (365.0, N_("years typed for days?")),
    (100.0, N_("100 times too small: a fraction typed where a percent belongs?")),
    (1000.0, N_("kg typed for g?")),
)


@dataclass(frozen=True)
class Usual:
    """The values a parameter takes in its published table."""

    field: str  # a top-level parameter (a mapping's values are each checked, at their key)
    low: float  # the smallest value of the table (its 95 % lower limit where printed); 0: no lower check
    high: float  # the largest value (its 95 % upper limit where printed)
    unit: str  # the parameter's unit, as the table prints it ("" for a scaling factor)
    source: str  # the table: document, volume, chapter, table


def shown(value: float) -> str:
    """A number as a message shows it: thousands grouped, at most 3 decimals, small ones to 4 digits."""
    if value == 0 or abs(value) >= 1:
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{value:.4g}"


def unusual(params: Any, declare: Callable[[Any], Iterable[Usual]] | None) -> list[Notice]:
    """The warnings about the parameters given (not the defaults) far outside their table's range."""
    if declare is None:
        return []
    found: list[Notice] = []
    for usual in declare(params):
        if usual.field not in params.model_fields_set:
            continue
        value = getattr(params, usual.field)
        items: Iterable[tuple[tuple[str | int, ...], object]]
        if isinstance(value, Mapping):
            items = (((usual.field, key), item) for key, item in value.items())
        else:
            items = (((usual.field,), value),)
        for where, number in items:
            if isinstance(number, int | float) and not isinstance(number, bool):
                notice = _notice(usual, where, float(number))
                if notice is not None:
                    found.append(notice)
    return found


def _notice(usual: Usual, where: tuple[str | int, ...], value: float) -> Notice | None:
    if value > usual.high * FAR:
        slips = [(1 / factor, text) for factor, text in _TOO_HIGH]
    elif usual.low > 0 and value < usual.low / FAR:
        slips = list(_TOO_LOW)
    else:
        return None
    name = ".".join(str(part) for part in where)
    unit = f" {usual.unit}" if usual.unit else ""
    fixed = _slip(usual, value, slips)
    values = {
        "name": name,
        "value": shown(value),
        "unit": unit,
        "low": shown(usual.low),
        "high": shown(usual.high),
        "source": usual.source,
    }
    if fixed is None:
        message = tr("{name} is {value}{unit}, far outside {low} to {high}, the range of {source}", **values)
        hint = tr(
            "check {name} and its unit against the source of the value; if {value} is right, keep it: "
            "the line is computed with it",
            **values,
        )
    else:
        corrected, slip = fixed
        message = tr(
            "{name} is {value}{unit}, far outside {low} to {high}, the range of {source}: {slip}",
            **values,
            slip=tr(slip),
        )
        hint = tr(
            "if {name} is {fixed}{unit}, write {fixed}; if {value} is right, keep it: the line is computed with it",
            **values,
            fixed=shown(corrected),
        )
    return Notice(where, "method-param-unusual", message, hint)


def _slip(usual: Usual, value: float, slips: list[tuple[float, str]]) -> tuple[float, str] | None:
    """The value the first slip that explains it gives, and the slip: one that brings the value into the
    table's range, else one that brings it near (within FAR)."""
    for low, high in ((usual.low, usual.high), (usual.low / FAR, usual.high * FAR)):
        for factor, text in slips:
            if low <= value * factor <= high:
                return value * factor, text
    return None


def period_not_a_year(days: int) -> list[Notice]:
    """The warning of a method whose equations give a year's emissions, in a period that is not a year."""
    if days in (365, 366):
        return []
    return [
        Notice(
            (),
            "method-period-not-a-year",
            tr(
                "this method gives a year's emissions, but the period is {days} days: the line counts a whole year",
                days=f"{days:,}",
            ),
            tr(
                "give the inventory a period of one year (period: 2566 or FY2567), or scale the line's yearly "
                "parameters (heads, population) by the period's share of the year"
            ),
        )
    ]
