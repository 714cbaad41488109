"""N2O from domestic wastewater (IPCC 2006 Vol.5 Ch.6 §6.3, Eq. 6.7–6.9, Table 6.11).

    N_effluent  = P x Protein x F_NPR x F_NON-CON x F_IND-COM - N_sludge       (Eq. 6.8, kg N/yr)
    N2O effluent = N_effluent x EF_effluent x 44/28                           (Eq. 6.7, kg N2O/yr)
    (44/28 is `n2o_per_n2o_n`; a protein per day is made yearly with `days_per_year`, 365)
    N2O plants   = P x T_plant x F_IND-COM x EF_plant                         (Eq. 6.9; g -> kg)

The plant term covers centralised advanced treatment plants with nitrification/denitrification; it is
zero unless `advanced_plant_share` is given.
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.methods import Uncertain
from ghgcalc.methods.overrides import N2O_PER_N2O_N, days_field, given, located, n2o_ratio_field
from ghgcalc.methods.ranges import Range, declare, declared
from ghgcalc.methods.waste_common import Strict

# F_IND-COM 1.25 (1.0-1.5), IPCC 2006 Vol.5 Ch.6 Table 6.11 (bonsai_ipcc 0.5.3,
# data/waste/wastewater/par_f_ind_com.csv).
F_IND_COM_RANGE: Range = (1.25, 1.0, 1.5)


class Params(Strict):
    """The domestic wastewater of one population in the inventory year."""

    population: float = Field(ge=0, description="P, persons")
    protein_kg_per_person_year: float | None = Field(
        None, ge=0, description="Protein, annual per-capita protein consumption, kg/person/yr (FAO data; Eq. 6.8)"
    )
    protein_g_per_person_day: float | None = Field(
        None, ge=0, description="the same as g/person/day (as FAO food balance sheets print it); x days_per_year / 1000"
    )
    days_per_year: float = days_field()
    n2o_per_n2o_n: float = n2o_ratio_field()
    f_npr: float = Field(0.16, ge=0, le=1, description="F_NPR, kg N per kg protein; IPCC 2006 Vol.5 Table 6.11")
    f_non_con: float = Field(
        1.1,
        ge=1,
        description="F_NON-CON, factor for non-consumed protein added to wastewater; Table 6.11: 1.1 without "
        "household garbage disposals, 1.4 with",
    )
    f_ind_com: float = Field(
        1.25, ge=1, description="F_IND-COM, factor for industrial and commercial co-discharged protein; Table 6.11"
    )
    n_sludge_kg: float = Field(0.0, ge=0, description="N_SLUDGE, kg N removed with sludge per year; default 0")
    ef_effluent: float = Field(
        0.005, ge=0, le=1, description="EF_EFFLUENT, kg N2O-N per kg N discharged; IPCC 2006 Vol.5 Table 6.11"
    )
    advanced_plant_share: float = Field(
        0.0, ge=0, le=1, description="T_PLANT, share of the population served by advanced centralised plants"
    )
    ef_plant_g_per_person_year: float = Field(
        3.2, ge=0, description="EF_PLANT, g N2O per person per year; IPCC 2006 Vol.5 Ch.6 p.6.26"
    )

    @model_validator(mode="after")
    def _protein_once(self) -> Params:
        if (self.protein_kg_per_person_year is None) == (self.protein_g_per_person_day is None):
            raise PydanticCustomError(
                "protein-once",
                tr("give the protein consumption once: 'protein_kg_per_person_year' or 'protein_g_per_person_day'"),
            )
        if self.protein_g_per_person_day is None and given(self, ["days_per_year"]):
            raise located(
                "days-without-daily-protein",
                tr("'days_per_year' only turns 'protein_g_per_person_day' into a yearly amount"),
                "days_per_year",
                tr("remove days_per_year, or give the protein as protein_g_per_person_day"),
            )
        if self.n_sludge_kg > nitrogen_in_wastewater(self):
            raise PydanticCustomError(
                "sludge-exceeds-load",
                tr("the nitrogen removed with sludge is more than the nitrogen in the wastewater"),
            )
        return self


def uncertain(params: Params) -> list[Uncertain]:
    """F_IND-COM with its IPCC 2006 Vol.5 Table 6.11 range."""
    source = "IPCC 2006 Guidelines Vol.5 Ch.6 Table 6.11 (F_IND-COM)"
    return declared(
        declare("f_ind_com", params.f_ind_com, F_IND_COM_RANGE, source, given="f_ind_com" in params.model_fields_set)
    )


def nitrogen_in_wastewater(params: Params) -> float:
    """P x Protein x F_NPR x F_NON-CON x F_IND-COM, kg N per year (Eq. 6.8 before N_SLUDGE)."""
    protein = params.protein_kg_per_person_year
    if protein is None:
        protein = (params.protein_g_per_person_day or 0.0) * params.days_per_year / 1000.0
    return params.population * protein * params.f_npr * params.f_non_con * params.f_ind_com


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of N2O from wastewater effluent (and advanced plants, if any) in the inventory year."""
    n_effluent = nitrogen_in_wastewater(params) - params.n_sludge_kg
    effluent = n_effluent * params.ef_effluent
    # the default keeps the arithmetic (x 44 / 28) of earlier releases, so that results stay byte-identical
    effluent = effluent * 44.0 / 28.0 if params.n2o_per_n2o_n == N2O_PER_N2O_N else effluent * params.n2o_per_n2o_n
    plants_g = params.population * params.advanced_plant_share * params.f_ind_com * params.ef_plant_g_per_person_year
    return {"N2O": effluent + plants_g / 1000.0}
