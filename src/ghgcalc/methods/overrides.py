"""Method constants a user can override, and the checks they share (docs/methods/*.md, "Overrides").

Published inventories fix some conventions differently from the IPCC defaults the methods use: 365.2425
days a year, a rounded 44/28, the 1996 volatilisation deduction, N in US short tons, areas in rai.
Each is a parameter with the IPCC value as its default, so that leaving it out changes nothing.

A problem found here is raised with `located(...)`: the error names the parameter it is about and
carries a hint, which `Method.run` turns into a located issue (file:line:col of that parameter).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ghgcalc.errors import visible
from ghgcalc.i18n import N_, tr
from ghgcalc.units import UnitError, conversion_factor, normalise, quick_factor

# N2O-N -> N2O: molar masses 44/28 (GL2006 Vol.4 Eq. 11.1 and Vol.5 Eq. 6.7).
N2O_PER_N2O_N = 44 / 28
# A rounding of 44/28 (1.57, 1.571) is accepted; outside this range it is a slip such as 44/12 or 28/44.
N2O_RATIO_BOUNDS = (1.5, 1.6)

DAYS_PER_YEAR = 365.0
DAYS_BOUNDS = (360.0, 366.0)  # a 360-day accounting year up to a leap year; 365.2425 is the Gregorian mean


def located(code: str, message: str, param: str, hint: str, **values: object) -> PydanticCustomError:
    """A problem about one parameter, raised by a model validator: `Method.run` locates it at `param`
    (a dotted path inside the model: "f_sn.unit") and prints `hint` under it. `message` and `hint`
    come in the language of the run (`tr(...)`); `message`'s placeholders are filled from `values`."""
    return PydanticCustomError(code, message, {**values, "param": param, "hint": hint})


def n2o_ratio_field() -> Any:
    low, high = N2O_RATIO_BOUNDS
    return Field(
        N2O_PER_N2O_N,
        ge=low,
        le=high,
        description="N2O per N2O-N, the molar-mass ratio 44/28 (1.571428...); a rounding such as 1.57 reproduces "
        "inventories that print it rounded.",
        json_schema_extra={
            "hint": N_("write 44/28, or it rounded between {low} and {high} (e.g. 1.571)"),
            "hint_values": {"low": f"{low:g}", "high": f"{high:g}"},
        },
    )


def days_field() -> Any:
    low, high = DAYS_BOUNDS
    return Field(
        DAYS_PER_YEAR,
        ge=low,
        le=high,
        description="days per year that turn a daily per-person load into a yearly one; 365 (IPCC), 365.2425 "
        "(the Gregorian mean year some published inventories use).",
        json_schema_extra={
            "hint": N_("write a year's days, between {low} and {high} (365 or 365.2425)"),
            "hint_values": {"low": f"{low:g}", "high": f"{high:g}"},
        },
    )


def given(model: BaseModel, names: Iterable[str]) -> list[str]:
    """The parameters among `names` that the user wrote (defaults left out)."""
    return [name for name in names if name in model.model_fields_set]


# --- masses of nitrogen -------------------------------------------------------------------------

# shown with tr(_MASS_HINT) (its braces are YAML, not placeholders: it is never formatted)
_MASS_HINT = N_(
    "write a mass unit: kg, t (the metric tonne), g, kt, lb, or short_ton for US short tons; "
    "e.g. f_sn: {amount: 12.5, unit: short_ton}"
)


class Mass(BaseModel):
    """An amount with its own unit beside it: {amount: 12.5, unit: short_ton}."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    amount: float = Field(ge=0, description="the amount, in `unit`")
    unit: str = Field(description="any mass unit ghgcalc.units reads; a ton is metric, US short tons are short_ton")

    def kg(self) -> float:
        return self.amount * kg_per(self.unit, "unit")


def kg_per(unit: str, param: str) -> float:
    """kg in one `unit`, or a located error naming `param`."""
    try:
        factor = conversion_factor(unit, "kg")
    except UnitError as exc:
        if exc.code == "unit-ambiguous":  # said in the officer's words, without the unit library's name
            problem = tr(
                "{name}: '{unit}' is a US or British ton, not the metric tonne (ตัน, 1,000 kg)",
                name=param,
                unit=visible(unit),
            )
            hint = tr(
                "write t for metric tonnes (1,000 kg), or short_ton only if the amount really is in US short tons"
            )
            raise located("mass-unit", "{problem}", param, hint, problem=problem) from None
        raise located("mass-unit", "{problem}", param, tr(_MASS_HINT), problem=f"{param}: {exc}") from None
    return factor


def check_mass(value: float | Mass, param: str) -> None:
    if isinstance(value, Mass):
        kg_per(value.unit, f"{param}.unit")


def to_kg(value: float | Mass, kg_per_plain: float) -> float:
    """A plain number is in the method's own unit (`n_unit`); a Mass carries its unit."""
    return value.kg() if isinstance(value, Mass) else value * kg_per_plain


# --- areas --------------------------------------------------------------------------------------

# Spellings ghgcalc.units lacks (`tarang-wa` with a hyphen, as the methods always wrote it).
_AREA_SPELLING = {"tarang-wa": "tarang_wa", "ha": "hectare"}
AREA_HINT = N_("write rai (ไร่), ngan (งาน), tarang-wa (ตารางวา), ha (เฮกตาร์), m2 or km2; 1 ไร่ = 1,600 m2")


def ha_per(unit: str, param: str = "area_unit") -> float:
    """Hectares in one `unit` (rai, ไร่, ngan, งาน, tarang-wa, ตารางวา, ha, m2 ...), through ghgcalc.units."""
    spelled = _AREA_SPELLING.get(unit.strip(), unit)
    factor = quick_factor(normalise(spelled), "hectare")
    if factor is None:
        message = tr("{name}: '{unit}' is not an area unit ghgcalc knows")
        raise located("area-unit", message, param, tr(AREA_HINT), name=param, unit=visible(unit))
    return factor


def nitrogen_in(params: BaseModel, names: Iterable[str], kg_per_plain: float) -> tuple[dict[str, float], float]:
    """The N amounts `names` of `params`, and the factor that turns them into kg.

    With plain numbers only, the amounts stay in the method's `n_unit` and the factor is its kg, so
    that sums are taken before the conversion exactly as before amounts could carry units; with any
    amount that carries its own unit, every amount is in kg and the factor is 1."""
    values = {name: getattr(params, name) for name in names}
    if not any(isinstance(value, Mass) for value in values.values()):
        return {name: float(value) for name, value in values.items()}, kg_per_plain
    return {name: to_kg(value, kg_per_plain) for name, value in values.items()}, 1.0
