"""CO2 from urea fertilisation, IPCC 2006 Tier 1 (Vol.4 Ch.11 §11.4, Eq. 11.13).

    CO2-C = M x EF           (M = urea applied, t; EF = 0.20 t C/t urea)
    CO2   = CO2-C x 44/12

EF 0.20 is the carbon content of urea, CO(NH2)2 (12.011 / 60.06 = 0.200 by mass). It is the most
urea can emit, so its uncertainty range (declared as `ef`) lies all below it: -50 %, +0 %.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ghgcalc.methods import Uncertain
from ghgcalc.methods.ranges import Range, declare, declared

CO2_PER_C = 44 / 12
EF_UREA = 0.20  # t C per t urea, GL2006 Vol.4 §11.4 (Eq. 11.13)
EF_RANGE: Range = (EF_UREA, EF_UREA * 0.5, EF_UREA)  # -50 %, +0 %
EF_SOURCE = (
    "IPCC 2006 Guidelines Vol.4 Ch.11 §11.4.1, Tier 1 Step 2, p.11.32, of EF 0.20 in Eq. 11.13: 'A default -50% "
    "uncertainty may be applied (Note: uncertainties can not exceed the default emission factor because this "
    "value represents the absolute maximum emissions associated with urea fertilization)'"
)

MassUnit = Literal["t", "kg"]
KG_PER: dict[str, float] = {"kg": 1.0, "t": 1000.0}


class Params(BaseModel):
    """Urea (and urea-containing fertiliser, counted as urea) applied in the inventory year."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    urea: float = Field(ge=0, description="Mass of urea applied, M (GL2006 Vol.4 Eq. 11.13), in `mass_unit`.")
    mass_unit: MassUnit = Field("t", description="Unit of `urea`: t (tonnes) or kg.")
    ef: float = Field(EF_UREA, ge=0, le=1, description="EF, t C per t urea (GL2006 Vol.4 §11.4: 0.20).")


def uncertain(params: Params) -> list[Uncertain]:
    """EF with -50 %/+0 % (§11.4.1); a factor given keeps that range relative to it."""
    return declared(declare("ef", params.ef, EF_RANGE, EF_SOURCE, given="ef" in params.model_fields_set))


def compute(params: Params, year: int) -> dict[str, float]:
    """kg CO2 from urea applied in the inventory year; `year` does not change the result. `ef` may be an
    array of drawn values (uncertain())."""
    return {"CO2": params.urea * KG_PER[params.mass_unit] * params.ef * CO2_PER_C}
