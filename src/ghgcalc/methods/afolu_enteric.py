"""Methane from enteric fermentation, IPCC 2006 Tier 1 (Vol.4 Ch.10 §10.3, Eq. 10.19).

    CH4 = N x EF          (kg CH4/yr; N = average annual population in head, EF in kg CH4/head/yr)

One activity is one livestock category. Cattle factors depend on the region (Table 10.11, Asia by
default); swine and sheep on whether the country is developing or developed (Table 10.10).

The factor is declared for the uncertainty analysis as `ef` (±50 %, see EF_PCT), whether it comes
from a table or is given.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ghgcalc.methods import Uncertain
from ghgcalc.methods.plausible import Usual
from ghgcalc.methods.ranges import declare, declared

Animal = Literal[
    "dairy-cattle", "other-cattle", "buffalo", "swine", "sheep", "goats", "horses", "mules-asses", "camels"
]
CattleRegion = Literal[
    "asia",
    "indian-subcontinent",
    "north-america",
    "western-europe",
    "oceania",
    "latin-america",
    "africa-middle-east",
]
Development = Literal["developing", "developed"]

# Cattle, kg CH4/head/yr: GL2006 Vol.4 Table 10.11 (Asia dairy: average milk 1,650 kg/head/yr;
# Asia other cattle: multi-purpose cows, bulls and young).
EF_CATTLE: dict[str, dict[str, float]] = {
    "asia": {"dairy-cattle": 68, "other-cattle": 47},
    "indian-subcontinent": {"dairy-cattle": 58, "other-cattle": 27},
    "north-america": {"dairy-cattle": 128, "other-cattle": 53},
    "western-europe": {"dairy-cattle": 117, "other-cattle": 57},
    "oceania": {"dairy-cattle": 100, "other-cattle": 60},
    "latin-america": {"dairy-cattle": 72, "other-cattle": 56},
    "africa-middle-east": {"dairy-cattle": 46, "other-cattle": 31},
}

# Other livestock, kg CH4/head/yr: GL2006 Vol.4 Table 10.10 (developing, developed countries).
EF_OTHER: dict[str, dict[str, float]] = {
    "developing": {"buffalo": 55, "swine": 1.0, "sheep": 5, "goats": 5, "horses": 18, "mules-asses": 10, "camels": 46},
    "developed": {"buffalo": 55, "swine": 1.5, "sheep": 8, "goats": 5, "horses": 18, "mules-asses": 10, "camels": 46},
}

# 95 % range of a Tier 1 factor, % either side. GL2006 Vol.4 gives "±30-50 %" (Table 10.10, and §10.3.4
# for all Tier 1 factors, Table 10.11 included); the upper end is taken, as in ghgcalc.quality.
EF_PCT = 50.0
EF_SOURCE = (
    "IPCC 2006 Guidelines Vol.4 Ch.10 Table 10.10, p.10.28: 'All estimates have an uncertainty of ±30-50%'; "
    "§10.3.4, p.10.33, of the Tier 1 factors of Tables 10.10 and 10.11: 'unlikely to be known more accurately "
    "than ±30% and may be uncertain to ±50%'. Upper end taken: ±50 %"
)
# A factor given directly (a Tier 2 value): §10.3.4 says that without the compiler's own analysis "the
# uncertainty under the Tier 2 method should be assumed similar to the uncertainty under the Tier 1 method".
EF_GIVEN_SOURCE = (
    f"{EF_SOURCE}; applied to the factor given, as §10.3.4 says of Tier 2 factors without their own analysis"
)


class Params(BaseModel):
    """One livestock category in the inventory year."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    animal: Animal = Field(description="Livestock category (GL2006 Vol.4 Tables 10.10 and 10.11).")
    heads: float = Field(
        ge=0, description="Average annual population N, in head (animals present over the year on average)."
    )
    region: CattleRegion = Field(
        "asia", description="Region for the cattle factors of GL2006 Vol.4 Table 10.11; used for cattle only."
    )
    development: Development = Field(
        "developing",
        description="Country group for the swine and sheep factors of GL2006 Vol.4 Table 10.10 (Thailand: "
        "developing); the other animals of that table have one value for both.",
    )
    ef: float | None = Field(
        None, ge=0, description="Emission factor in kg CH4/head/yr given directly (overrides the tables)."
    )


def emission_factor(params: Params) -> float:
    """kg CH4/head/yr: the user's `ef`, or the Tier 1 default for the animal."""
    if params.ef is not None:
        return params.ef
    if params.animal in ("dairy-cattle", "other-cattle"):
        return EF_CATTLE[params.region][params.animal]
    return EF_OTHER[params.development][params.animal]


def uncertain(params: Params) -> list[Uncertain]:
    """The line's factor with ±50 % (EF_PCT), from a table or given directly; the analysis sets `ef`."""
    ef = emission_factor(params)
    low, high = ef * (1 - EF_PCT / 100), ef * (1 + EF_PCT / 100)
    source = EF_GIVEN_SOURCE if params.ef is not None else EF_SOURCE
    return declared(declare("ef", ef, (ef, low, high), source, given=False))


def usual(params: Params) -> list[Usual]:
    """A factor given: the animal's values in Tables 10.10-10.11 (every region and country group), with
    their ±50 % (EF_PCT) (method-param-unusual)."""
    values = [row[params.animal] for table in (EF_CATTLE, EF_OTHER) for row in table.values() if params.animal in row]
    low, high = min(values) * (1 - EF_PCT / 100), max(values) * (1 + EF_PCT / 100)
    return [Usual("ef", low, high, "kg CH4/head/yr", "IPCC 2006 Vol.4 Ch.10 Tables 10.10-10.11 (±50 %)")]


def compute(params: Params, year: int) -> dict[str, float]:
    """kg CH4 from enteric fermentation in the inventory year; `year` does not change the result. `ef` may be
    an array of drawn values (uncertain())."""
    return {"CH4": params.heads * emission_factor(params)}
