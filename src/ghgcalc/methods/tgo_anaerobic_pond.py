"""CH4 from an organisation's wastewater pond, as TGO's calculation form 1.5(1) computes it.

Source: TGO form 1.5(1), sheet "CH4จากบ่อบำบัดไม่เติมอากาศ" (Green Office workbook FY2568), citing the
CFO requirements, 7th printing (Jan 2564):

    CH4 (kg) = factor x [(Wi x CODin) - S]
    Wi    = wastewater, m3 = 80 % of the tap water used (unless the wastewater volume is known)
    CODin = 0.12 kg/m3 (the 120 mg/L effluent standard, used when COD is not measured)
    S     = COD removed as sludge, kg (0 in the sheet)

factor: 0.05 anaerobic pond <= 2 m deep; 0.2 anaerobic pond > 2 m deep; 0.075 aerobic pond, unmanaged or
overloaded; 0 aerobic pond, well managed. (These equal IPCC Bo 0.25 kg CH4/kg COD x MCF 0.2 / 0.8 / 0.3 / 0,
IPCC 2006 Vol.5 Ch.6 Table 6.3 — our reading, the sheet does not say so.)
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.methods.waste_common import Strict

PondType = Literal["anaerobic-shallow", "anaerobic-deep", "aerobic-overloaded", "aerobic-well-managed"]

# kg CH4 per kg COD, as printed in the TGO sheet's notes.
FACTOR_BY_POND: dict[str, float] = {
    "anaerobic-shallow": 0.05,  # anaerobic, depth <= 2 m
    "anaerobic-deep": 0.2,  # anaerobic, depth > 2 m
    "aerobic-overloaded": 0.075,  # aerobic, not well managed / overloaded
    "aerobic-well-managed": 0.0,
}

Volume = Annotated[float, Field(ge=0)]


def _total(value: float | list[float] | None) -> float:
    if value is None:
        return 0.0
    return sum(value) if isinstance(value, list) else value


class Params(Strict):
    """Water used (or wastewater treated) in the inventory year, by year or by month."""

    pond_type: PondType = Field(
        "anaerobic-shallow", description="kind of pond, giving the factor of the TGO sheet (0.05 / 0.2 / 0.075 / 0)"
    )
    tap_water_m3: Volume | list[Volume] | None = Field(
        None, description="tap water used, m3 (one number, or one per month); Wi = wastewater_fraction x this"
    )
    wastewater_m3: Volume | list[Volume] | None = Field(
        None, description="wastewater entering the pond, m3, when known (instead of tap_water_m3)"
    )
    wastewater_fraction: float = Field(
        0.8, ge=0, le=1, description="share of the tap water that becomes wastewater; TGO sheet default 80 %"
    )
    cod_in_kg_per_m3: float = Field(
        0.12, ge=0, description="CODin, kg/m3 entering the pond; TGO sheet default 0.12 (120 mg/L standard)"
    )
    sludge_kg_cod: float = Field(0.0, ge=0, description="S, COD removed as sludge, kg; TGO sheet 0")

    @model_validator(mode="after")
    def _one_volume(self) -> Params:
        if (self.tap_water_m3 is None) == (self.wastewater_m3 is None):
            raise PydanticCustomError("volume-once", tr("give either 'tap_water_m3' or 'wastewater_m3'"))
        if self.sludge_kg_cod > cod_load(self):
            raise PydanticCustomError(
                "sludge-exceeds-load", tr("the COD removed as sludge is more than the COD entering the pond")
            )
        return self


def cod_load(params: Params) -> float:
    """Wi x CODin, kg COD."""
    if params.wastewater_m3 is not None:
        wastewater = _total(params.wastewater_m3)
    else:
        wastewater = params.wastewater_fraction * _total(params.tap_water_m3)
    return wastewater * params.cod_in_kg_per_m3


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of CH4 from the pond in the inventory year."""
    return {"CH4": FACTOR_BY_POND[params.pond_type] * (cod_load(params) - params.sludge_kg_cod)}
