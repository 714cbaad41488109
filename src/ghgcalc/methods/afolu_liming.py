"""CO2 from liming, IPCC 2006 Tier 1 (Vol.4 Ch.11 §11.3, Eq. 11.12).

    CO2-C = M_limestone x EF_limestone + M_dolomite x EF_dolomite     (t; EF in t C/t)
    CO2   = CO2-C x 44/12

The factors are the carbon contents of pure limestone, CaCO3 (12.011 / 100.09 = 0.120), and
dolomite, CaMg(CO3)2 (2 x 12.011 / 184.40 = 0.130).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CO2_PER_C = 44 / 12
EF_LIMESTONE = 0.12  # t C per t CaCO3, GL2006 Vol.4 §11.3 (Eq. 11.12)
EF_DOLOMITE = 0.13  # t C per t CaMg(CO3)2, GL2006 Vol.4 §11.3 (Eq. 11.12)

MassUnit = Literal["t", "kg"]
KG_PER: dict[str, float] = {"kg": 1.0, "t": 1000.0}


class Params(BaseModel):
    """Carbonate lime applied to soils in the inventory year."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    limestone: float = Field(0.0, ge=0, description="Calcic limestone (CaCO3) applied, in `mass_unit`.")
    dolomite: float = Field(0.0, ge=0, description="Dolomite (CaMg(CO3)2) applied, in `mass_unit`.")
    mass_unit: MassUnit = Field("t", description="Unit of the amounts: t (tonnes) or kg.")
    ef_limestone: float = Field(EF_LIMESTONE, ge=0, le=1, description="t C per t limestone (GL2006 Vol.4 §11.3: 0.12).")
    ef_dolomite: float = Field(EF_DOLOMITE, ge=0, le=1, description="t C per t dolomite (GL2006 Vol.4 §11.3: 0.13).")


def compute(params: Params, year: int) -> dict[str, float]:
    """kg CO2 from liming in the inventory year; `year` does not change the result."""
    carbon = params.limestone * params.ef_limestone + params.dolomite * params.ef_dolomite
    return {"CO2": carbon * KG_PER[params.mass_unit] * CO2_PER_C}
