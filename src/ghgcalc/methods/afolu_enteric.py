"""Methane from enteric fermentation, IPCC 2006 Tier 1 (Vol.4 Ch.10 §10.3, Eq. 10.19).

    CH4 = N x EF          (kg CH4/yr; N = average annual population in head, EF in kg CH4/head/yr)

One activity is one livestock category. Cattle factors depend on the region (Table 10.11, Asia by
default); swine and sheep on whether the country is developing or developed (Table 10.10).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


def compute(params: Params, year: int) -> dict[str, float]:
    """kg CH4 from enteric fermentation in the inventory year; `year` does not change the result."""
    return {"CH4": params.heads * emission_factor(params)}
