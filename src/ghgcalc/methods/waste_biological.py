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

from ghgcalc.i18n import tr
from ghgcalc.methods import Uncertain
from ghgcalc.methods.plausible import Usual
from ghgcalc.methods.ranges import Range, at_least_zero, declare, declared
from ghgcalc.methods.waste_common import Strict
from ghgcalc.methods.wastewater_common import check_recovery

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

# The same factors with their ranges as printed in Table 4.1 (N2O from anaerobic digestion, negligible,
# has none).
EF_CH4_RANGE: dict[tuple[str, str], Range] = {
    ("composting", "dry"): (10.0, 0.08, 20.0),
    ("composting", "wet"): (4.0, 0.03, 8.0),
    ("anaerobic-digestion", "dry"): (2.0, 0.0, 20.0),
    ("anaerobic-digestion", "wet"): (0.8, 0.0, 8.0),
}
EF_N2O_RANGE: dict[tuple[str, str], Range] = {
    ("composting", "dry"): (0.6, 0.2, 1.6),
    ("composting", "wet"): (0.24, 0.06, 0.6),
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
                tr("recovered CH4 applies to anaerobic digestion, not to {treatment}"),
                {"treatment": self.treatment},
            )
        check_recovery(self.recovered_kg_ch4, self.tonnes * factors(self)[0])
        return self


def uncertain(params: Params) -> list[Uncertain]:
    """The CH4 and N2O factors with the ranges of IPCC 2006 Vol.5 Table 4.1, for the line's treatment
    and weight basis."""
    key = (params.treatment, params.basis)
    source = f"IPCC 2006 Guidelines Vol.5 Ch.4 Table 4.1 ({params.treatment}, {params.basis} weight)"
    ef_ch4, ef_n2o = factors(params)
    ch4 = declare("ef_ch4_g_per_kg", ef_ch4, EF_CH4_RANGE[key], source, given=params.ef_ch4_g_per_kg is not None)
    n2o = None
    if key in EF_N2O_RANGE:
        n2o = declare("ef_n2o_g_per_kg", ef_n2o, EF_N2O_RANGE[key], source, given=params.ef_n2o_g_per_kg is not None)
    return declared(ch4, n2o)


def factors(params: Params) -> tuple[float, float]:
    """g CH4 and g N2O per kg of waste: the user's factors, or Table 4.1's."""
    key = (params.treatment, params.basis)
    ef_ch4 = params.ef_ch4_g_per_kg if params.ef_ch4_g_per_kg is not None else EF_CH4_G_PER_KG[key]
    ef_n2o = params.ef_n2o_g_per_kg if params.ef_n2o_g_per_kg is not None else EF_N2O_G_PER_KG[key]
    return ef_ch4, ef_n2o


def usual(params: Params) -> list[Usual]:
    """The factors given, against Table 4.1's ranges for the treatment and basis (method-param-unusual)."""
    key = (params.treatment, params.basis)
    source = f"IPCC 2006 Vol.5 Ch.4 Table 4.1 ({params.treatment}, {params.basis} weight)"
    found = [Usual("ef_ch4_g_per_kg", EF_CH4_RANGE[key][1], EF_CH4_RANGE[key][2], "g/kg", source)]
    if key in EF_N2O_RANGE:
        found.append(Usual("ef_n2o_g_per_kg", EF_N2O_RANGE[key][1], EF_N2O_RANGE[key][2], "g/kg", source))
    return found


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of CH4 and N2O from the waste treated in the inventory year."""
    ef_ch4, ef_n2o = factors(params)
    ch4 = at_least_zero(params.tonnes * ef_ch4 - params.recovered_kg_ch4)
    return {"CH4": ch4, "N2O": params.tonnes * ef_n2o}
