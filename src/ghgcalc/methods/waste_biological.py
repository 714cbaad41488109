"""CH4 and N2O from composting and anaerobic digestion (IPCC 2006 Vol.5 Ch.4, Eq. 4.1 and 4.2, Table 4.1).

    CH4 = M x EF_CH4 - R        N2O = M x EF_N2O

With M in tonnes and EF in g per kg of waste treated, M x EF is in kg. The default factors assume 60 %
moisture in the wet waste (Table 4.1). R, the CH4 recovered, applies to anaerobic digestion; the result
is never below zero.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.methods.waste_common import Strict

Treatment = Literal["composting", "anaerobic-digestion"]
Basis = Literal["wet", "dry"]

# g gas per kg of waste treated: IPCC 2006 Vol.5 Ch.4 Table 4.1 (N2O from anaerobic digestion: "assumed
# negligible", 0).
EF_CH4_G_PER_KG: dict[tuple[str, str], float] = {
    ("composting", "dry"): 10.0,
    ("composting", "wet"): 4.0,
    ("anaerobic-digestion", "dry"): 2.0,
    ("anaerobic-digestion", "wet"): 0.8,
}
EF_N2O_G_PER_KG: dict[tuple[str, str], float] = {
    ("composting", "dry"): 0.6,
    ("composting", "wet"): 0.24,
    ("anaerobic-digestion", "dry"): 0.0,
    ("anaerobic-digestion", "wet"): 0.0,
}


class Params(Strict):
    """Organic waste treated in one kind of biological treatment in the inventory year."""

    treatment: Treatment = Field(description="composting or anaerobic digestion at biogas facilities; Table 4.1")
    tonnes: float = Field(ge=0, description="M, tonnes of waste treated, on the basis given by 'basis'")
    basis: Basis = Field("wet", description="whether 'tonnes' (and the factors) are wet or dry weight; Table 4.1")
    ef_ch4_g_per_kg: float | None = Field(
        None, ge=0, description="CH4 factor, g per kg of waste (same basis), overriding IPCC 2006 Vol.5 Table 4.1"
    )
    ef_n2o_g_per_kg: float | None = Field(
        None, ge=0, description="N2O factor, g per kg of waste (same basis), overriding IPCC 2006 Vol.5 Table 4.1"
    )
    recovered_kg_ch4: float = Field(
        0.0, ge=0, description="R, kg of CH4 recovered (anaerobic digestion only); IPCC 2006 Vol.5 Eq. 4.1"
    )

    @model_validator(mode="after")
    def _recovery_only_from_digesters(self) -> Params:
        if self.recovered_kg_ch4 > 0 and self.treatment != "anaerobic-digestion":
            raise PydanticCustomError(
                "recovery-not-applicable",
                "recovered CH4 applies to anaerobic digestion, not to {treatment}",
                {"treatment": self.treatment},
            )
        return self


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of CH4 and N2O from the waste treated in the inventory year."""
    key = (params.treatment, params.basis)
    ef_ch4 = params.ef_ch4_g_per_kg if params.ef_ch4_g_per_kg is not None else EF_CH4_G_PER_KG[key]
    ef_n2o = params.ef_n2o_g_per_kg if params.ef_n2o_g_per_kg is not None else EF_N2O_G_PER_KG[key]
    ch4 = max(0.0, params.tonnes * ef_ch4 - params.recovered_kg_ch4)
    return {"CH4": ch4, "N2O": params.tonnes * ef_n2o}
