"""CO2 from liming, IPCC 2006 Tier 1 (Vol.4 Ch.11 §11.3, Eq. 11.12).

    CO2-C = M_limestone x EF_limestone + M_dolomite x EF_dolomite     (t; EF in t C/t)
    CO2   = CO2-C x 44/12

The factors are the carbon contents of pure limestone, CaCO3 (12.011 / 100.09 = 0.120), and
dolomite, CaMg(CO3)2 (2 x 12.011 / 184.40 = 0.130). They are the most lime can emit, so their
uncertainty ranges (declared as `ef_limestone` and `ef_dolomite`) lie all below them: -50 %, +0 %.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ghgcalc.methods import Uncertain
from ghgcalc.methods.ranges import Range, declare, declared

CO2_PER_C = 44 / 12
EF_LIMESTONE = 0.12  # t C per t CaCO3, GL2006 Vol.4 §11.3 (Eq. 11.12)
EF_DOLOMITE = 0.13  # t C per t CaMg(CO3)2, GL2006 Vol.4 §11.3 (Eq. 11.12)
LIMESTONE_RANGE: Range = (EF_LIMESTONE, EF_LIMESTONE * 0.5, EF_LIMESTONE)  # -50 %, +0 %
DOLOMITE_RANGE: Range = (EF_DOLOMITE, EF_DOLOMITE * 0.5, EF_DOLOMITE)
EF_SOURCE = (
    "IPCC 2006 Guidelines Vol.4 Ch.11 §11.3.1, Tier 1 Step 2, p.11.27, of EF 0.12 (limestone) and 0.13 "
    "(dolomite) in Eq. 11.12: 'The uncertainty is -50% based on approximations suggesting emissions may be less "
    "than half of the maximum value, which is the current factor value (West and McBride, 2005) (Note: "
    "uncertainties can not exceed the emission factors because these value represent the absolute maximum "
    "emissions associated with liming)'"
)

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


def uncertain(params: Params) -> list[Uncertain]:
    """The factor of each material applied, with -50 %/+0 % (§11.3.1); a factor given keeps that range
    relative to it."""
    given = params.model_fields_set
    return declared(
        declare("ef_limestone", params.ef_limestone, LIMESTONE_RANGE, EF_SOURCE, given="ef_limestone" in given)
        if params.limestone > 0
        else None,
        declare("ef_dolomite", params.ef_dolomite, DOLOMITE_RANGE, EF_SOURCE, given="ef_dolomite" in given)
        if params.dolomite > 0
        else None,
    )


def compute(params: Params, year: int) -> dict[str, float]:
    """kg CO2 from liming in the inventory year; `year` does not change the result. `ef_limestone` and
    `ef_dolomite` may be arrays of drawn values (uncertain())."""
    carbon = params.limestone * params.ef_limestone + params.dolomite * params.ef_dolomite
    return {"CO2": carbon * KG_PER[params.mass_unit] * CO2_PER_C}
