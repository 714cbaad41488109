"""Manure management: CH4 (Tier 1) and direct N2O (Tier 1), IPCC 2006 Vol.4 Ch.10 §10.4-10.5.

    CH4   = N x EF_T(temperature)                                       (Eq. 10.22, Table 10.14)
    Nex   = Nrate x TAM / 1000 x 365      (kg N/head/yr)                (Eq. 10.30, Table 10.19)
    N2O_D = [sum_S N x Nex x MS_S x EF3_S] x 44/28                      (Eq. 10.25, Table 10.21)

Only the Asia rows are carried (Tables 10.14 and 10.19); give `ef_ch4`, `nex_rate` and `tam` for
anything else (animal "other"). Indirect N2O from manure management (volatilisation and leaching,
Eq. 10.26-10.29, Table 10.22) is NOT computed here: its loss fractions by animal and system were not
available to check. Manure left on pasture, range and paddock (and dung burned for fuel) has no N2O
under manure management: the first is reported under managed soils (F_PRP, Eq. 11.1), the second
under Energy, so their EF3 here is 0; their shares still count towards the total of 1.

For the uncertainty analysis the CH4 factor (`ef_ch4`), the N excretion rate (`nex_rate`), the cattle's
typical mass (`tam`) and the MS-weighted EF3 (`ef3_weighted`, the bracket of Eq. 10.25 divided by
N x Nex) are declared with the ranges GL2006 gives for their defaults; the analysis sets those fields
to drawn values.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import N_, tr
from ghgcalc.methods import Uncertain
from ghgcalc.methods.overrides import located, n2o_ratio_field
from ghgcalc.methods.plausible import Usual
from ghgcalc.methods.ranges import declare, declared

Animal = Literal["dairy-cattle", "other-cattle", "swine", "buffalo", "other"]

# Manure CH4, kg CH4/head/yr, Asia, by annual average temperature: GL2006 Vol.4 Table 10.14, the
# 19 columns <=10, 11, 12, ..., 27, >=28 degC.
EF_CH4_ASIA: dict[str, tuple[int, ...]] = {
    "dairy-cattle": (9, 10, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 23, 24, 26, 28, 31, 31),
    "other-cattle": (1,) * 19,
    "swine": (2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 7, 7),
    "buffalo": (1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
}
COLDEST_COLUMN_C = 10  # the first column is "<= 10 degC", the last ">= 28 degC"
WARMEST_COLUMN_C = 28

# Default N excretion rate Nrate, kg N/(1000 kg animal mass)/day, Asia: GL2006 Vol.4 Table 10.19.
# (Swine: 0.40 for all swine; the table also gives market swine 0.42 and breeding swine 0.24.)
NRATE_ASIA: dict[str, float] = {"dairy-cattle": 0.47, "other-cattle": 0.34, "swine": 0.40, "buffalo": 0.32}

# Typical animal mass TAM, kg/head, Asia: GL2006 Vol.4 Annex 10A.2, Tables 10A-4 (dairy cows) and
# 10A-5 (other cattle), as tabulated in Wolf et al. 2017, Carbon Balance Manag. 12:16, Table 2,
# column "IPCC 2006", row "E.-S.E. Asia". Not found for swine and buffalo: give `tam` for those.
TAM_ASIA: dict[str, float] = {"dairy-cattle": 350, "other-cattle": 319}

System = Literal[
    "pasture-range-paddock",
    "burned-for-fuel",
    "daily-spread",
    "solid-storage",
    "dry-lot",
    "liquid-slurry-with-crust",
    "liquid-slurry-without-crust",
    "uncovered-anaerobic-lagoon",
    "pit-storage",
    "anaerobic-digester",
    "deep-bedding-no-mixing",
    "deep-bedding-active-mixing",
    "composting-in-vessel",
    "composting-static-pile",
    "composting-intensive-windrow",
    "composting-passive-windrow",
    "poultry-manure-with-litter",
    "poultry-manure-without-litter",
    "aerobic-treatment-natural-aeration",
    "aerobic-treatment-forced-aeration",
]
# EF3, kg N2O-N per kg N excreted, by manure management system: GL2006 Vol.4 Table 10.21.
# Pasture/range/paddock and burned for fuel are 0 here because they are reported elsewhere (see above).
EF3: dict[str, float] = {
    "pasture-range-paddock": 0.0,
    "burned-for-fuel": 0.0,
    "daily-spread": 0.0,
    "solid-storage": 0.005,
    "dry-lot": 0.02,
    "liquid-slurry-with-crust": 0.005,
    "liquid-slurry-without-crust": 0.0,
    "uncovered-anaerobic-lagoon": 0.0,
    "pit-storage": 0.002,
    "anaerobic-digester": 0.0,
    "deep-bedding-no-mixing": 0.01,
    "deep-bedding-active-mixing": 0.07,
    "composting-in-vessel": 0.006,
    "composting-static-pile": 0.006,
    "composting-intensive-windrow": 0.1,
    "composting-passive-windrow": 0.01,
    "poultry-manure-with-litter": 0.001,
    "poultry-manure-without-litter": 0.001,
    "aerobic-treatment-natural-aeration": 0.01,
    "aerobic-treatment-forced-aeration": 0.005,
}

# 95 % ranges of the Tier 1 defaults, GL2006 Vol.4 Ch.10 (the PDF, pages as printed).
_CH10 = "IPCC 2006 Guidelines Vol.4 Ch.10"
CH4_PCT = 30.0  # ± %, the CH4 factors of Tables 10.14-10.16
CH4_SOURCE = (
    f"{_CH10} Table 10.14, p.10.39: 'The uncertainty in these emission factors is ±30 %'; §10.4.4, p.10.48: "
    "'The uncertainty range for the default factors is estimated to be ±30%'"
)
NRATE_PCT = 50.0  # ± %, the N excretion rates of Table 10.19
NRATE_SOURCE = (
    f"{_CH10} Table 10.19, p.10.59: 'The uncertainty in these estimates is ±50%'; §10.5.5, p.10.66: "
    "'Uncertainty ranges for the default N excretion rates are estimated at about ±50%'"
)
# TAM, ± %: Annex 10A.2 notes on "Mass": Table 10A-4 (dairy), Table 10A-5 (other cattle).
TAM_PCT: dict[str, float] = {"dairy-cattle": 10.0, "other-cattle": 25.0}
TAM_SOURCE: dict[str, str] = {
    "dairy-cattle": f"{_CH10} Annex 10A.2 Table 10A-4, p.10.77, note a: 'Average dairy cow mass for each region "
    "(default estimates are ±10%)'",
    "other-cattle": f"{_CH10} Annex 10A.2 Table 10A-5, p.10.78, note a: 'Average other cattle mass for each region "
    "(default estimates are ±25%)'",
}
EF3_PCT = (50.0, 100.0)  # -50 %, +100 %: "a factor of 2" (EF3/2 to EF3 x 2), every non-zero EF3 of Table 10.21
EF3_SOURCE = (
    f"{_CH10} Table 10.21, pp.10.62-10.64: uncertainty range 'Factor of 2' for every system with a non-zero "
    "EF3; §10.5.5, p.10.66: 'large uncertainties associated with the default emission factors for this source "
    "category (–50% to +100%)'; applied to the MS-weighted EF3 of the line"
)
GIVEN = "applied relative to the value given"

SHARE_TOLERANCE = 1e-6
Share = Annotated[float, Field(ge=0, le=1)]
NonNegative = Annotated[float, Field(ge=0)]
# EF3 is kg N2O-N per kg N excreted: the N2O-N cannot be more than the N, so 1 is its limit by definition
# (Table 10.21's largest value is 0.1).
EF3Value = Annotated[float, Field(ge=0, le=1)]
EF3_HINT = N_("EF3 is a fraction of the N: write 0.005 for 0.5 % (Table 10.21: 0 to 0.1)")


class Params(BaseModel):
    """One livestock category and how its manure is managed, in the inventory year."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    animal: Animal = Field(
        description="Livestock category (Asia rows of GL2006 Vol.4 Tables 10.14 and 10.19); 'other' needs "
        "`ef_ch4`, `nex_rate` and `tam`."
    )
    heads: NonNegative = Field(
        description="Average annual population N, in head (animals present over the year on average)."
    )
    region: Literal["asia"] = Field("asia", description="Region of the default factors; only Asia is carried.")
    temperature: float | None = Field(
        None,
        ge=-60,
        le=60,
        description="Annual average temperature, degC, of where the manure is managed; selects the column of "
        "GL2006 Vol.4 Table 10.14 (rounded to the nearest degree; <= 10 and >= 28 are the end columns). "
        "Needed unless `ef_ch4` is given.",
    )
    ef_ch4: NonNegative | None = Field(
        None, description="Manure CH4 factor in kg CH4/head/yr given directly (overrides Table 10.14)."
    )
    nex_rate: NonNegative | None = Field(
        None,
        description="N excretion rate, kg N/(1000 kg animal mass)/day (overrides GL2006 Vol.4 Table 10.19, Asia: "
        "dairy 0.47, other cattle 0.34, swine 0.40, buffalo 0.32).",
    )
    tam: NonNegative | None = Field(
        None,
        description="Typical animal mass, kg/head. Defaults (GL2006 Annex 10A.2, Asia): dairy cattle 350, other "
        "cattle 319; required for swine, buffalo and 'other'.",
    )
    ms: dict[System, Share] = Field(
        min_length=1,
        description="Share of the manure handled in each system, MS (fractions summing to 1; GL2006 Vol.4 Eq. 10.25).",
    )
    ef3: dict[System, EF3Value] = Field(
        default_factory=dict,
        description="EF3 per system, kg N2O-N/kg N, given directly (overrides GL2006 Vol.4 Table 10.21).",
    )
    ef3_weighted: EF3Value | None = Field(
        None,
        description="EF3 of the line's manure as a whole, kg N2O-N/kg N excreted: sum over systems of MS x EF3 "
        "(GL2006 Vol.4 Eq. 10.25), given directly instead of `ef3` (the shares `ms` then do not change N2O).",
        json_schema_extra={"hint": EF3_HINT},
    )
    n2o_per_n2o_n: float = n2o_ratio_field()

    @model_validator(mode="after")
    def _complete(self) -> Params:
        total = math.fsum(self.ms.values())
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise PydanticCustomError(
                "shares-not-one",
                tr("the manure management shares add up to {total}, not 1"),
                {"total": round(total, 9)},
            )
        if self.ef3_weighted is not None and self.ef3:
            raise located(
                "ef3-given-twice",
                tr("'ef3_weighted' replaces the per-system 'ef3', so the two cannot be given together"),
                "ef3_weighted",
                tr("give ef3 per system, or one ef3_weighted (sum of MS x EF3) for the line, not both"),
            )
        if self.ef_ch4 is None and (self.animal == "other" or self.temperature is None):
            what = tr("temperature (or ef_ch4)") if self.animal != "other" else "ef_ch4"
            raise PydanticCustomError("value-missing", tr("{what} is needed for the CH4 factor"), {"what": what})
        if self.nex_rate is None and self.animal == "other":
            raise PydanticCustomError(
                "value-missing", tr("{what} is needed for the N2O estimate"), {"what": "nex_rate"}
            )
        if self.tam is None and self.animal not in TAM_ASIA:
            raise PydanticCustomError(
                "value-missing",
                tr("tam (typical animal mass, kg) is needed: no Asian default is carried for {animal}"),
                {"animal": self.animal},
            )
        return self


def temperature_column(temperature: float) -> int:
    """Index into the 19 columns of Table 10.14 (<=10, 11, ..., 27, >=28 degC); rounds half up."""
    degrees = math.floor(temperature + 0.5)
    return min(max(degrees, COLDEST_COLUMN_C), WARMEST_COLUMN_C) - COLDEST_COLUMN_C


def ch4_factor(params: Params) -> float:
    """kg CH4/head/yr."""
    if params.ef_ch4 is not None:
        return params.ef_ch4
    assert params.temperature is not None  # checked by the model
    return EF_CH4_ASIA[params.animal][temperature_column(params.temperature)]


def excretion_rate(params: Params) -> float:
    """Nrate, kg N/(1000 kg animal mass)/day."""
    return params.nex_rate if params.nex_rate is not None else NRATE_ASIA[params.animal]


def animal_mass(params: Params) -> float:
    """TAM, kg/head."""
    return params.tam if params.tam is not None else TAM_ASIA[params.animal]


def n_excreted(params: Params) -> float:
    """Nex in kg N/head/yr, GL2006 Vol.4 Eq. 10.30."""
    return excretion_rate(params) * animal_mass(params) / 1000 * 365


def weighted_ef3(params: Params) -> float:
    """sum over systems of MS x EF3, kg N2O-N/kg N excreted (Eq. 10.25): `ef3_weighted`, or the shares
    with the per-system factors."""
    if params.ef3_weighted is not None:
        return params.ef3_weighted
    return math.fsum(share * params.ef3.get(system, EF3[system]) for system, share in params.ms.items())


def uncertain(params: Params) -> list[Uncertain]:
    """The CH4 factor (±30 %), Nrate (±50 %), the cattle's TAM (±10 % dairy, ±25 % other) and the weighted
    EF3 (a factor of 2), each as the line uses it; the N2O ones only where the line has N2O (no EF3 for
    pasture, daily spread, lagoons, digesters). No TAM range for swine, buffalo or 'other': no default
    mass is carried for them."""
    rows = [  # field, value, % below, % above, source, whether the value was given
        ("ef_ch4", ch4_factor(params), CH4_PCT, CH4_PCT, CH4_SOURCE, params.ef_ch4 is not None)
    ]
    ef3 = weighted_ef3(params)
    if ef3 > 0 and n_excreted(params) > 0:
        ef3_given = params.ef3_weighted is not None or any(system in params.ms for system in params.ef3)
        rows.append(
            ("nex_rate", excretion_rate(params), NRATE_PCT, NRATE_PCT, NRATE_SOURCE, params.nex_rate is not None)
        )
        if params.animal in TAM_PCT:
            pct = TAM_PCT[params.animal]
            rows.append(("tam", animal_mass(params), pct, pct, TAM_SOURCE[params.animal], params.tam is not None))
        rows.append(("ef3_weighted", ef3, *EF3_PCT, EF3_SOURCE, ef3_given))
    return declared(
        *(
            declare(
                field,
                value,
                (value, value * (1 - below / 100), value * (1 + above / 100)),
                f"{source}; {GIVEN}" if given else source,
                given=False,
            )
            for field, value, below, above, source, given in rows
        )
    )


def usual(params: Params) -> list[Usual]:
    """Nrate, the cattle's TAM and EF3 given, against their tables with the ranges `uncertain` uses
    (method-param-unusual)."""
    nrate = NRATE_ASIA.values()
    # EF3 of Table 10.21: 0 to 0.1, each "a factor of 2" (EF3_PCT)
    ef3_high = max(EF3.values()) * (1 + EF3_PCT[1] / 100)
    # TAM: the heaviest of Annex 10A.2's Asian cattle with its range; no mass is carried for other animals,
    # so only a value above the cattle's is said
    tam_high = max(TAM_ASIA[animal] * (1 + TAM_PCT[animal] / 100) for animal in TAM_ASIA)
    return [
        Usual(
            "nex_rate",
            min(nrate) * (1 - NRATE_PCT / 100),
            max(nrate) * (1 + NRATE_PCT / 100),
            "kg N/1000 kg mass/day",
            f"{_CH10} Table 10.19 (Asia, ±50 %)",
        ),
        Usual("tam", 0.0, tam_high, "kg/head", f"{_CH10} Annex 10A.2 Tables 10A-4, 10A-5 (Asia)"),
        Usual("ef3_weighted", 0.0, ef3_high, "kg N2O-N/kg N", f"{_CH10} Table 10.21 (a factor of 2)"),
        Usual("ef3", 0.0, ef3_high, "kg N2O-N/kg N", f"{_CH10} Table 10.21 (a factor of 2)"),
    ]


def compute(params: Params, year: int) -> dict[str, float]:
    """kg CH4 and kg direct N2O from manure management in the inventory year; `year` does not change it.
    `ef_ch4`, `nex_rate` and `ef3_weighted` may be arrays of drawn values (uncertain())."""
    n2o_n = params.heads * n_excreted(params) * weighted_ef3(params)
    return {"CH4": params.heads * ch4_factor(params), "N2O": n2o_n * params.n2o_per_n2o_n}
