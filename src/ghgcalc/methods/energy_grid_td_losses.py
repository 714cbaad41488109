"""Transmission and distribution losses of grid electricity, GPC scope 3 (I.x.3, BASIC+).

    losses (kWh) = E x L                  loss_basis "per-delivered": L = losses / electricity delivered
    losses (kWh) = E x L / (1 - L)        loss_basis "per-supplied":  L = losses / electricity entering the grid
    CO2e (kg)    = losses x grid EF (kg CO2e/kWh)

E is the electricity consumed (delivered at the meters) in the city for the sub-sector. Loss rates
are usually published as a share of the electricity supplied to the network (e.g. World Bank
EG.ELC.LOSS.ZS, "% of output"): use "per-supplied" for those. The GPC text giving its own formula
could not be checked for this module, so the basis is explicit and the default is the simpler
"per-delivered" reading.

Do not use a grid factor that already includes T&D losses (TGO's 2022-2024 scope 2 factor is
described as "fuel combustion + T&D losses"): the losses would then be counted in scope 2 and
again here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ghgcalc.methods.plausible import Usual

EnergyUnit = Literal["kWh", "MWh"]
KWH_PER: dict[str, float] = {"kWh": 1.0, "MWh": 1000.0}
LossBasis = Literal["per-delivered", "per-supplied"]
GwpSet = Literal["SAR", "AR4", "AR5", "AR6"]


class Params(BaseModel):
    """Grid electricity consumed by one sub-sector in the inventory year, the loss rate and the grid factor."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    electricity: float = Field(ge=0, description="Grid electricity consumed (delivered at the meters), E.")
    electricity_unit: EnergyUnit = Field("kWh", description="Unit of `electricity`: kWh or MWh.")
    loss_fraction: float = Field(ge=0, lt=1, description="T&D loss rate L as a fraction (0.06 for 6 %).")
    loss_basis: LossBasis = Field(
        "per-delivered",
        description="What L is a share of: 'per-delivered' (losses / electricity delivered) or 'per-supplied' "
        "(losses / electricity entering the grid, the usual published rate).",
    )
    grid_ef: float = Field(ge=0, description="Grid emission factor, kg CO2e/kWh, excluding T&D losses. Required.")
    source: Annotated[str, Field(min_length=1)] = Field(
        description="Where the grid factor and the loss rate come from: publication, table, year. Required."
    )
    gwp_basis: GwpSet | None = Field(None, description="GWP set behind the grid factor's CO2e, as its source states.")


# Thailand's grid factors: EPPO's generation-based 0.412-0.530 kg CO2/kWh (2011-2022) and TGO's 0.4750
# and 0.4999 kg CO2e/kWh (the project's reference notes, ipcc-methods-and-frameworks.md §2.6). IPCC 2006
# has no table of grid factors.
GRID_EF_THAILAND = (0.412, 0.530)


def usual(params: Params) -> list[Usual]:
    """The grid factor given, against Thailand's published factors (method-param-unusual)."""
    return [Usual("grid_ef", *GRID_EF_THAILAND, "kg CO2e/kWh", "Thailand's grid factors (EPPO, TGO)")]


def losses_kwh(params: Params) -> float:
    """kWh lost in transmission and distribution to deliver the electricity consumed."""
    delivered = params.electricity * KWH_PER[params.electricity_unit]
    rate = params.loss_fraction
    return delivered * rate if params.loss_basis == "per-delivered" else delivered * rate / (1 - rate)


def compute(params: Params, year: int) -> dict[str, float]:
    """kg CO2e from T&D losses in the inventory year; `year` does not change the result."""
    return {"CO2e": losses_kwh(params) * params.grid_ef}
