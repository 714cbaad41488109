"""Road transport from distance travelled: vehicle-km x a per-km factor (GPC II.1, IPCC 1.A.3.b).

    kg gas = vehicle-km x kg gas/km
    kg gas = vehicle-km x fuel economy (L/100 km) / 100 x kg gas/L

IPCC 2006 estimates road CO2 from fuel sold (Vol.2 Ch.3 Eq. 3.2.1) and publishes no per-km
defaults, so this method has none either: the user gives the factor and names its source (e.g. a
national transport study, a TGO per-litre factor with a measured fuel economy). Fuel-based
estimates are preferred where fuel data exist; distance is the fallback, or a way to split fuel use
into in-boundary and transboundary trips.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr

Gas = Literal["CO2", "CH4", "N2O", "CO2e"]
GwpSet = Literal["SAR", "AR4", "AR5", "AR6"]
PerUnit = Annotated[dict[Gas, Annotated[float, Field(ge=0)]], Field(min_length=1)]


class Params(BaseModel):
    """Distance travelled by one vehicle type in the inventory year, and its factor."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    vehicle: Annotated[str, Field(min_length=1)] = Field(
        description="Vehicle type as the factor's source names it (e.g. 'motorcycle', 'diesel pickup')."
    )
    vehicle_km: float = Field(ge=0, description="Vehicle-kilometres travelled in the year by this vehicle type.")
    kg_per_km: PerUnit | None = Field(
        None, description="kg of each gas per vehicle-km. Give this, or `fuel_economy` with `kg_per_litre`."
    )
    fuel_economy: float | None = Field(None, gt=0, le=1000, description="Fuel use in litres per 100 km.")
    kg_per_litre: PerUnit | None = Field(None, description="kg of each gas per litre of the fuel.")
    source: Annotated[str, Field(min_length=1)] = Field(
        description="Where the factor (and the fuel economy) come from: publication, table, year. Required."
    )
    gwp_basis: GwpSet | None = Field(
        None, description="GWP set behind a CO2e factor, as its source states (needed only for CO2e)."
    )

    @model_validator(mode="after")
    def _one_path(self) -> Params:
        by_fuel = self.fuel_economy is not None or self.kg_per_litre is not None
        if self.kg_per_km is not None and by_fuel:
            raise PydanticCustomError(
                "choice-conflict", tr("give kg_per_km, or fuel_economy with kg_per_litre, not both")
            )
        if self.kg_per_km is None and (self.fuel_economy is None or self.kg_per_litre is None):
            raise PydanticCustomError(
                "choice-missing", tr("give kg_per_km, or both fuel_economy (L/100 km) and kg_per_litre")
            )
        factor = self.kg_per_km if self.kg_per_km is not None else self.kg_per_litre
        if factor is not None and "CO2e" in factor and len(factor) > 1:
            raise PydanticCustomError(
                "factor-gases-mixed",
                tr("give the factor per gas (CO2, CH4, N2O) or as CO2e alone, not both: the total would count twice"),
            )
        return self


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of each gas from the distance travelled in the inventory year; `year` does not change it."""
    if params.kg_per_km is not None:
        return {gas: params.vehicle_km * kg for gas, kg in params.kg_per_km.items()}
    assert params.fuel_economy is not None and params.kg_per_litre is not None  # checked by the model
    litres = params.vehicle_km * params.fuel_economy / 100
    return {gas: litres * kg for gas, kg in params.kg_per_litre.items()}
