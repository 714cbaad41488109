"""Indirect N2O from managed soils, IPCC 2006 Tier 1 (Vol.4 Ch.11 §11.2.2, Eq. 11.9 and 11.10).

    N2O(ATD)-N = [F_SN x FracGASF + (F_ON + F_PRP) x FracGASM] x EF4          (volatilisation, Eq. 11.9)
    N2O(L)-N   = (F_SN + F_ON + F_PRP + F_CR + F_SOM) x FracLEACH x EF5       (leaching/runoff, Eq. 11.10)
    N2O        = (N2O(ATD)-N + N2O(L)-N) x 44/28

The nitrogen amounts are the same as those of the direct method (afolu_soils_direct), with F_PRP the
total deposited by grazing animals. FracLEACH applies only where leaching happens (rainfall minus
evapotranspiration exceeds the soil's water holding capacity in the rainy season, or the land is
irrigated); elsewhere give `frac_leach: 0`. 44/28 is `n2o_per_n2o_n`; each N amount may carry its
own unit ({amount: 12.5, unit: short_ton}).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ghgcalc.methods import Uncertain
from ghgcalc.methods.overrides import Mass, check_mass, n2o_ratio_field, nitrogen_in
from ghgcalc.methods.ranges import Range, declare, declared

# GL2006 Vol.4 Table 11.3
EF4 = 0.01  # kg N2O-N per kg NH3-N + NOx-N volatilised
EF5 = 0.0075  # kg N2O-N per kg N leached or run off
FRAC_GASF = 0.10  # synthetic fertiliser N that volatilises as NH3 and NOx, kg N/kg N
FRAC_GASM = 0.20  # organic N applied and N deposited by grazing animals that volatilises, kg N/kg N
FRAC_LEACH = 0.30  # N added or mineralised that is lost by leaching and runoff, kg N/kg N

# 95 % ranges as printed in GL2006 Vol.4 Table 11.3 (IPCC EFDB rows 417414-417418).
EF4_RANGE: Range = (EF4, 0.002, 0.05)
EF5_RANGE: Range = (EF5, 0.0005, 0.025)
FRAC_GASF_RANGE: Range = (FRAC_GASF, 0.03, 0.3)
FRAC_GASM_RANGE: Range = (FRAC_GASM, 0.05, 0.5)
FRAC_LEACH_RANGE: Range = (FRAC_LEACH, 0.1, 0.8)

MassUnit = Literal["kg", "t"]
KG_PER: dict[str, float] = {"kg": 1.0, "t": 1000.0}

Amount = Annotated[float, Field(ge=0)]
Nitrogen = Amount | Mass  # a number in `n_unit`, or {amount, unit} in any mass unit
N_AMOUNTS = ("f_sn", "f_on", "f_prp", "f_cr", "f_som")
Fraction = Annotated[float, Field(ge=0, le=1)]


class Params(BaseModel):
    """Nitrogen added to managed soils in the inventory year, and the loss fractions."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    n_unit: MassUnit = Field("kg", description="Unit of every nitrogen amount below: kg N or t N.")
    f_sn: Nitrogen = Field(0.0, description="Synthetic fertiliser N applied, F_SN.")
    f_on: Nitrogen = Field(0.0, description="Organic N applied (manure, compost, sewage sludge, other), F_ON.")
    f_prp: Nitrogen = Field(0.0, description="Urine and dung N deposited by grazing animals, F_PRP.")
    f_cr: Nitrogen = Field(0.0, description="N in crop residues returned to soils, F_CR (leaching only).")
    f_som: Nitrogen = Field(0.0, description="N mineralised with loss of soil organic matter, F_SOM (leaching only).")
    frac_gasf: Fraction = Field(FRAC_GASF, description="FracGASF, kg N/kg N (GL2006 Vol.4 Table 11.3: 0.10).")
    frac_gasm: Fraction = Field(FRAC_GASM, description="FracGASM, kg N/kg N (GL2006 Vol.4 Table 11.3: 0.20).")
    frac_leach: Fraction = Field(
        FRAC_LEACH,
        description="FracLEACH-(H), kg N/kg N (GL2006 Vol.4 Table 11.3: 0.30); 0 where no leaching occurs.",
    )
    ef4: Amount = Field(EF4, description="EF4, kg N2O-N/(kg NH3-N + NOx-N) (GL2006 Vol.4 Table 11.3: 0.01).")
    ef5: Amount = Field(EF5, description="EF5, kg N2O-N/kg N leached (GL2006 Vol.4 Table 11.3: 0.0075).")
    n2o_per_n2o_n: float = n2o_ratio_field()

    @model_validator(mode="after")
    def _units(self) -> Params:
        for name in N_AMOUNTS:
            check_mass(getattr(self, name), name)
        return self


def uncertain(params: Params) -> list[Uncertain]:
    """The loss fractions and EF4, EF5 of the pathways this line has N for, with the ranges of GL2006
    Vol.4 Table 11.3; a fraction set to 0 (no leaching) is not varied."""
    amount = {name: _amount(getattr(params, name)) for name in N_AMOUNTS}
    mine = params.model_fields_set
    table = "IPCC 2006 Guidelines Vol.4 Ch.11 Table 11.3"
    volatilised = amount["f_on"] + amount["f_prp"]
    found = []
    if amount["f_sn"] > 0:
        found.append(
            declare("frac_gasf", params.frac_gasf, FRAC_GASF_RANGE, table, given="frac_gasf" in mine, limit=1.0)
        )
    if volatilised > 0:
        found.append(
            declare("frac_gasm", params.frac_gasm, FRAC_GASM_RANGE, table, given="frac_gasm" in mine, limit=1.0)
        )
    if amount["f_sn"] * params.frac_gasf + volatilised * params.frac_gasm > 0:
        found.append(declare("ef4", params.ef4, EF4_RANGE, table, given="ef4" in mine))
    if sum(amount.values()) * params.frac_leach > 0:
        found.append(
            declare("frac_leach", params.frac_leach, FRAC_LEACH_RANGE, table, given="frac_leach" in mine, limit=1.0)
        )
        found.append(declare("ef5", params.ef5, EF5_RANGE, table, given="ef5" in mine))
    return declared(*found)


def _amount(value: float | Mass) -> float:
    return value.amount if isinstance(value, Mass) else value


def volatilisation_n2o_n(params: Params) -> float:
    """kg N2O-N from atmospheric deposition of volatilised N, GL2006 Vol.4 Eq. 11.9."""
    n, kg = nitrogen_in(params, N_AMOUNTS, KG_PER[params.n_unit])
    return (n["f_sn"] * params.frac_gasf + (n["f_on"] + n["f_prp"]) * params.frac_gasm) * kg * params.ef4


def leaching_n2o_n(params: Params) -> float:
    """kg N2O-N from leaching and runoff, GL2006 Vol.4 Eq. 11.10."""
    n, kg = nitrogen_in(params, N_AMOUNTS, KG_PER[params.n_unit])
    total = n["f_sn"] + n["f_on"] + n["f_prp"] + n["f_cr"] + n["f_som"]
    return total * kg * params.frac_leach * params.ef5


def compute(params: Params, year: int) -> dict[str, float]:
    """kg indirect N2O from managed soils in the inventory year; `year` does not change the result."""
    return {"N2O": (volatilisation_n2o_n(params) + leaching_n2o_n(params)) * params.n2o_per_n2o_n}
