"""CH4 from industrial wastewater treatment and discharge (IPCC 2006 Vol.5 Ch.6 §6.2.3, Eq. 6.4–6.6).

TOW  = P x W x COD                        (Eq. 6.6, kg COD/yr: t product x m3/t x kg COD/m3)
EF_j = Bo x MCF_j                         (Eq. 6.5)
CH4  = [sum_j share_j x EF_j] x (TOW - S) - R      (Eq. 6.4, kg CH4/yr; never below zero)

Bo is declared for the uncertainty analysis with the ±30 % of Table 6.10. Table 6.10 leaves the MCF's
range to expert judgement, and its factor of 2 on W x COD is a range of the activity data, which the
analysis takes from the line's data quality; neither is declared here.
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import N_, tr
from ghgcalc.methods import Uncertain
from ghgcalc.methods.ranges import Range, at_least_zero, declare, declared
from ghgcalc.methods.waste_common import Strict
from ghgcalc.methods.wastewater_common import Pathway, check_recovery, check_shares, weighted_mcf

BO_DEFAULT = 0.25  # kg CH4/kg COD, IPCC 2006 Vol.5 Ch.6 §6.2.3.2, p.6.21
# Bo is the maximum CH4 producing capacity (p.6.21): 0.25 kg CH4/kg COD is the stoichiometric limit (the
# oxygen demand of 1 kg COD oxidises 0.25 kg CH4), so a larger value given is impossible by definition.
BO_MAX = 0.25
BO_RANGE: Range = (BO_DEFAULT, BO_DEFAULT * 0.7, BO_DEFAULT * 1.3)  # ±30 %
BO_SOURCE = (
    "IPCC 2006 Guidelines Vol.5 Ch.6 Table 6.10 'Default uncertainty ranges for industrial wastewater', p.6.23: "
    "'Maximum CH4 producing capacity (Bo) ± 30%'"
)


class Params(Strict):
    """The wastewater of one industry in the inventory year: a total COD, or product x volume x COD."""

    cod_kg: float | None = Field(None, ge=0, description="TOW, total COD in the wastewater, kg/yr")
    production_t: float | None = Field(None, ge=0, description="P, tonnes of product made (Eq. 6.6)")
    wastewater_m3_per_t: float | None = Field(
        None, ge=0, description="W, m3 of wastewater per tonne of product (Eq. 6.6; typical values in Table 6.9)"
    )
    wastewater_m3: float | None = Field(None, ge=0, description="volume of wastewater, m3/yr, instead of P x W")
    cod_kg_per_m3: float | None = Field(None, ge=0, description="COD concentration, kg/m3 (Eq. 6.6)")
    pathways: list[Pathway] = Field(
        min_length=1,
        description="where the wastewater goes: shares adding up to 1, each with a Table 6.3/6.8 system or an MCF",
    )
    bo: float = Field(
        BO_DEFAULT,
        ge=0,
        le=BO_MAX,
        description="Bo, kg CH4 per kg COD, the maximum CH4 producing capacity; IPCC 2006 Vol.5 Ch.6 p.6.21: 0.25, "
        "which is also its largest value",
        json_schema_extra={
            "hint": N_("Bo is at most {max} kg CH4/kg COD (IPCC 2006 Vol.5 Ch.6 p.6.21): a fraction, not a percent"),
            "hint_values": {"max": f"{BO_MAX:g}"},
        },
    )
    sludge_kg_cod: float = Field(0.0, ge=0, description="S, organic component removed as sludge, kg COD/yr")
    recovered_kg_ch4: float = Field(0.0, ge=0, description="R, CH4 recovered, kg/yr (Eq. 6.4)")

    @model_validator(mode="after")
    def _consistent(self) -> Params:
        by_volume = self.wastewater_m3 is not None
        by_product = self.production_t is not None or self.wastewater_m3_per_t is not None
        if self.cod_kg is not None:
            if by_volume or by_product or self.cod_kg_per_m3 is not None:
                raise PydanticCustomError(
                    "cod-given-twice", tr("give 'cod_kg' alone, or the volume and 'cod_kg_per_m3'")
                )
        elif by_volume == by_product or self.cod_kg_per_m3 is None:
            raise PydanticCustomError(
                "cod-incomplete",
                tr(
                    "give 'cod_kg', or 'cod_kg_per_m3' with either 'wastewater_m3' or 'production_t' and "
                    "'wastewater_m3_per_t'"
                ),
            )
        elif by_product and (self.production_t is None or self.wastewater_m3_per_t is None):
            raise PydanticCustomError("cod-incomplete", tr("give both 'production_t' and 'wastewater_m3_per_t'"))
        check_shares(self.pathways)
        if self.sludge_kg_cod > total_organics(self):
            raise PydanticCustomError(
                "sludge-exceeds-load",
                tr("the COD removed as sludge ({sludge} kg) is more than the COD in the wastewater ({tow} kg)"),
                {"sludge": self.sludge_kg_cod, "tow": round(total_organics(self), 3)},
            )
        check_recovery(self.recovered_kg_ch4, generated_kg(self))
        return self


def total_organics(params: Params) -> float:
    """TOW, kg COD per year (Eq. 6.6)."""
    if params.cod_kg is not None:
        return params.cod_kg
    volume = params.wastewater_m3
    if volume is None:
        volume = (params.production_t or 0.0) * (params.wastewater_m3_per_t or 0.0)
    return volume * (params.cod_kg_per_m3 or 0.0)


def uncertain(params: Params) -> list[Uncertain]:
    """Bo with the ±30 % of Table 6.10; a Bo given keeps that range relative to it."""
    return declared(declare("bo", params.bo, BO_RANGE, BO_SOURCE, given="bo" in params.model_fields_set))


def generated_kg(params: Params) -> float:
    """kg of CH4 generated before recovery (Eq. 6.4 without R)."""
    return params.bo * weighted_mcf(params.pathways) * (total_organics(params) - params.sludge_kg_cod)


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of CH4 from the industry's wastewater in the inventory year. `bo` may be an array of drawn values
    (uncertain())."""
    return {"CH4": at_least_zero(generated_kg(params) - params.recovered_kg_ch4)}
