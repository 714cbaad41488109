"""Direct N2O from managed soils, IPCC 2006 Tier 1 (Vol.4 Ch.11 §11.2.1, Eq. 11.1).

    N2O-N = (F_SN + F_ON + F_CR + F_SOM) x EF1        (EF1FR instead of EF1 for flooded rice)
          + F_OS x EF2                                 (drained organic soils, cropland/grassland)
          + F_PRP,CPP x EF3PRP,CPP + F_PRP,SO x EF3PRP,SO
    N2O   = N2O-N x 44/28

F_SN is all the synthetic fertiliser N applied (GL2006 no longer subtracts the volatilised part, as
the 1996 method did; `deduct_volatilised_n: true` subtracts F_SN x FracGASF first, as the Revised
1996 Guidelines did). One activity is one kind of land: put N applied to flooded rice in its own
activity with `flooded_rice: true`. 44/28 is `n2o_per_n2o_n`; each N amount may carry its own unit
({amount: 12.5, unit: short_ton}); areas take Thai units (ไร่, งาน, ตารางวา).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ghgcalc.i18n import tr
from ghgcalc.methods import Uncertain
from ghgcalc.methods.overrides import (
    Mass,
    check_mass,
    given,
    ha_per,
    located,
    n2o_ratio_field,
    nitrogen_in,
)
from ghgcalc.methods.ranges import Range, declare, declared

EF1 = 0.01  # kg N2O-N/kg N, GL2006 Vol.4 Table 11.1
EF1FR = 0.003  # flooded rice fields, Table 11.1
EF3PRP_CPP = 0.02  # cattle (dairy, non-dairy and buffalo), poultry and pigs, Table 11.1
EF3PRP_SO = 0.01  # sheep and "other animals", Table 11.1

OrganicSoilClimate = Literal["tropical", "temperate"]
# EF2 for drained organic soils under cropland and grassland, kg N2O-N/ha/yr: GL2006 Vol.4 Table 11.1.
EF2_CROP_GRASS: dict[str, float] = {"tropical": 16, "temperate": 8}

MassUnit = Literal["kg", "t"]
KG_PER: dict[str, float] = {"kg": 1.0, "t": 1000.0}
FRAC_GASF = 0.10  # kg N/kg N volatilised from synthetic fertiliser: GL2006 Vol.4 Table 11.3 (as in 1996: 0.1)

# 95 % ranges as printed in GL2006 Vol.4 Table 11.1 (IPCC EFDB rows 417317-417325) and Table 11.3
# (row 417416, FracGASF).
EF1_RANGE: Range = (EF1, 0.003, 0.03)
EF1FR_RANGE: Range = (EF1FR, 0.000, 0.006)
EF3PRP_CPP_RANGE: Range = (EF3PRP_CPP, 0.007, 0.06)
EF3PRP_SO_RANGE: Range = (EF3PRP_SO, 0.003, 0.03)
EF2_RANGE: dict[str, Range] = {"tropical": (16, 5, 48), "temperate": (8, 2, 24)}
FRAC_GASF_RANGE: Range = (FRAC_GASF, 0.03, 0.3)

NitrogenAmount = Annotated[float, Field(ge=0)]
# An N amount: a number in `n_unit`, or {amount, unit} in any mass unit.
Nitrogen = NitrogenAmount | Mass
N_AMOUNTS = ("f_sn", "f_on", "f_cr", "f_som", "f_prp_cpp", "f_prp_so")


class Params(BaseModel):
    """Nitrogen added to managed soils of one kind in the inventory year."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    n_unit: MassUnit = Field("kg", description="Unit of every nitrogen amount below: kg N or t N.")
    f_sn: Nitrogen = Field(0.0, description="Synthetic fertiliser N applied, F_SN (Eq. 11.1).")
    f_on: Nitrogen = Field(
        0.0, description="Organic N applied (manure, compost, sewage sludge, other), F_ON (Eq. 11.1)."
    )
    f_cr: Nitrogen = Field(0.0, description="N in crop residues returned to soils, F_CR (Eq. 11.1).")
    f_som: Nitrogen = Field(0.0, description="N mineralised with loss of soil organic matter, F_SOM (Eq. 11.1).")
    f_prp_cpp: Nitrogen = Field(
        0.0, description="Urine and dung N deposited on pasture, range and paddock by cattle, poultry and pigs."
    )
    f_prp_so: Nitrogen = Field(
        0.0, description="Urine and dung N deposited on pasture, range and paddock by sheep and other animals."
    )
    flooded_rice: bool = Field(
        False, description="True when the N inputs go to flooded rice fields: EF1FR is used instead of EF1."
    )
    ef1: NitrogenAmount = Field(EF1, description="EF1, kg N2O-N/kg N (GL2006 Vol.4 Table 11.1: 0.01).")
    ef1fr: NitrogenAmount = Field(
        EF1FR, description="EF1FR for flooded rice, kg N2O-N/kg N (GL2006 Vol.4 Table 11.1: 0.003)."
    )
    ef3prp_cpp: NitrogenAmount = Field(
        EF3PRP_CPP, description="EF3PRP for cattle, poultry and pigs, kg N2O-N/kg N (Table 11.1: 0.02)."
    )
    ef3prp_so: NitrogenAmount = Field(
        EF3PRP_SO, description="EF3PRP for sheep and other animals, kg N2O-N/kg N (Table 11.1: 0.01)."
    )
    organic_soil_area: NitrogenAmount = Field(
        0.0, description="Area of drained or managed organic soils under cropland or grassland, F_OS (Eq. 11.1)."
    )
    area_unit: str = Field(
        "rai", description="Unit of `organic_soil_area`: rai (ไร่), ngan (งาน), tarang-wa (ตารางวา), ha, m2 or km2."
    )
    organic_soil_climate: OrganicSoilClimate = Field(
        "tropical",
        description="Climate of the organic soils; selects EF2 from GL2006 Vol.4 Table 11.1 (tropical 16, "
        "temperate 8 kg N2O-N/ha/yr, cropland and grassland).",
    )
    ef2: NitrogenAmount | None = Field(None, description="EF2, kg N2O-N/ha/yr, given directly (overrides the table).")
    n2o_per_n2o_n: float = n2o_ratio_field()
    deduct_volatilised_n: bool = Field(
        False,
        description="True: F_SN x (1 - FracGASF) goes under EF1, the Revised 1996 IPCC practice; "
        "false (default): all of F_SN, as GL2006 Eq. 11.1.",
    )
    frac_gasf: Annotated[float, Field(ge=0, le=1)] = Field(
        FRAC_GASF,
        description="FracGASF, kg N volatilised per kg synthetic N (GL2006 Vol.4 Table 11.3: 0.10); "
        "used only with deduct_volatilised_n: true.",
    )

    @model_validator(mode="after")
    def _overrides(self) -> Params:
        for name in N_AMOUNTS:
            check_mass(getattr(self, name), name)
        ha_per(self.area_unit)
        if given(self, ["frac_gasf"]) and not self.deduct_volatilised_n:
            raise located(
                "frac-gasf-unused",
                tr("'frac_gasf' is used here only to deduct volatilised N as in 1996, and that is not asked for"),
                "frac_gasf",
                tr(
                    "add deduct_volatilised_n: true to subtract F_SN x frac_gasf before EF1, or remove frac_gasf "
                    "(the indirect line soils-indirect-n2o takes frac_gasf for volatilisation)"
                ),
            )
        return self


def n2o_n(params: Params) -> float:
    """kg N2O-N, GL2006 Vol.4 Eq. 11.1."""
    n, kg = nitrogen_in(params, N_AMOUNTS, KG_PER[params.n_unit])
    f_sn = n["f_sn"] * (1.0 - params.frac_gasf) if params.deduct_volatilised_n else n["f_sn"]
    inputs = (f_sn + n["f_on"] + n["f_cr"] + n["f_som"]) * kg
    from_inputs = inputs * (params.ef1fr if params.flooded_rice else params.ef1)
    from_prp = (n["f_prp_cpp"] * params.ef3prp_cpp + n["f_prp_so"] * params.ef3prp_so) * kg
    ha = params.organic_soil_area * ha_per(params.area_unit)
    ef2 = params.ef2 if params.ef2 is not None else EF2_CROP_GRASS[params.organic_soil_climate]
    return from_inputs + from_prp + ha * ef2


def uncertain(params: Params) -> list[Uncertain]:
    """The emission factors (and FracGASF, where it is deducted) of the terms this line has N for,
    with the ranges of GL2006 Vol.4 Tables 11.1 and 11.3."""
    amount = {name: _amount(getattr(params, name)) for name in N_AMOUNTS}
    mine = params.model_fields_set
    table = "IPCC 2006 Guidelines Vol.4 Ch.11 Table 11.1"
    found = []
    if amount["f_sn"] + amount["f_on"] + amount["f_cr"] + amount["f_som"] > 0:
        if params.flooded_rice:
            found.append(declare("ef1fr", params.ef1fr, EF1FR_RANGE, table, given="ef1fr" in mine))
        else:
            found.append(declare("ef1", params.ef1, EF1_RANGE, table, given="ef1" in mine))
    if amount["f_prp_cpp"] > 0:
        found.append(declare("ef3prp_cpp", params.ef3prp_cpp, EF3PRP_CPP_RANGE, table, given="ef3prp_cpp" in mine))
    if amount["f_prp_so"] > 0:
        found.append(declare("ef3prp_so", params.ef3prp_so, EF3PRP_SO_RANGE, table, given="ef3prp_so" in mine))
    if params.organic_soil_area > 0:
        row = EF2_RANGE[params.organic_soil_climate]
        ef2 = params.ef2 if params.ef2 is not None else row[0]
        where = f"{table} (EF2, {params.organic_soil_climate} cropland and grassland)"
        found.append(declare("ef2", ef2, row, where, given=params.ef2 is not None))
    if params.deduct_volatilised_n and amount["f_sn"] > 0:
        source = "IPCC 2006 Guidelines Vol.4 Ch.11 Table 11.3"
        found.append(
            declare("frac_gasf", params.frac_gasf, FRAC_GASF_RANGE, source, given="frac_gasf" in mine, limit=1.0)
        )
    return declared(*found)


def _amount(value: float | Mass) -> float:
    return value.amount if isinstance(value, Mass) else value


def compute(params: Params, year: int) -> dict[str, float]:
    """kg N2O emitted directly from managed soils in the inventory year; `year` does not change it."""
    return {"N2O": n2o_n(params) * params.n2o_per_n2o_n}
