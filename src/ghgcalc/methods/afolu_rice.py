"""Methane from rice cultivation, IPCC 2006 Tier 1 (Vol.4 Ch.5 §5.5, Eq. 5.1-5.3).

    EF_i  = EFc x SFw x SFp x SFo x SFs,r                   (Eq. 5.2, kg CH4/ha/day)
    SFo   = (1 + sum_i ROA_i x CFOA_i) ** 0.59              (Eq. 5.3)
    CH4   = EF_i x t_i x A_i                                (Eq. 5.1, here in kg rather than Gg)
    CH4   = EF_season x A_i                                 (with `ef_season`, kg CH4/ha per season)

One activity is one sub-unit of harvested area (one water regime, one season): a wet-season and a
dry-season crop on the same land are two activities, each with its own area and cultivation period.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.methods import Uncertain
from ghgcalc.methods.overrides import given, ha_per, located
from ghgcalc.methods.plausible import Usual
from ghgcalc.methods.ranges import Range, declare, declared

WaterRegime = Literal[
    "upland",
    "continuously-flooded",
    "intermittent-single-aeration",
    "intermittent-multiple-aeration",
    "rainfed-regular",
    "rainfed-drought-prone",
    "deep-water",
    "irrigated-aggregated",
    "rainfed-deep-water-aggregated",
]
# SFw, scaling factor for the water regime during the cultivation period: GL2006 Vol.4 Table 5.12.
# The two "aggregated" rows are for when only irrigated vs rainfed/deep water is known.
SFW: dict[str, float] = {
    "upland": 0.0,
    "continuously-flooded": 1.0,
    "intermittent-single-aeration": 0.60,
    "intermittent-multiple-aeration": 0.52,
    "rainfed-regular": 0.28,
    "rainfed-drought-prone": 0.25,
    "deep-water": 0.31,
    "irrigated-aggregated": 0.78,
    "rainfed-deep-water-aggregated": 0.27,
}

PreSeason = Literal[
    "non-flooded-less-than-180-days",
    "non-flooded-more-than-180-days",
    "flooded-more-than-30-days",
    "aggregated",
]
# SFp, scaling factor for the water regime before the cultivation period: GL2006 Vol.4 Table 5.13.
SFP: dict[str, float] = {
    "non-flooded-less-than-180-days": 1.0,
    "non-flooded-more-than-180-days": 0.68,
    "flooded-more-than-30-days": 1.90,
    "aggregated": 1.22,
}

Amendment = Literal[
    "straw-less-than-30-days-before",
    "straw-more-than-30-days-before",
    "compost",
    "farmyard-manure",
    "green-manure",
]
# CFOA, conversion factor for organic amendments: GL2006 Vol.4 Table 5.14 (straw incorporated
# shortly (< 30 days) or long (> 30 days) before cultivation).
CFOA: dict[str, float] = {
    "straw-less-than-30-days-before": 1.0,
    "straw-more-than-30-days-before": 0.29,
    "compost": 0.05,
    "farmyard-manure": 0.14,
    "green-manure": 0.50,
}

EFC_DEFAULT = 1.30  # kg CH4/ha/day, GL2006 Vol.4 Table 5.11 (continuously flooded, no amendments)
SFO_EXPONENT = 0.59  # GL2006 Vol.4 Eq. 5.3

# 95 % ranges as printed in GL2006 Vol.4 Tables 5.11-5.13 (IPCC EFDB rows 415830-415843). Upland (0)
# and deep water (0.31) have none; nor has a factor given as a number instead of a table row.
EFC_RANGE: Range = (EFC_DEFAULT, 0.80, 2.20)
SFW_RANGE: dict[str, Range] = {
    "continuously-flooded": (1.0, 0.79, 1.26),
    "intermittent-single-aeration": (0.60, 0.46, 0.80),
    "intermittent-multiple-aeration": (0.52, 0.41, 0.66),
    "rainfed-regular": (0.28, 0.21, 0.37),
    "rainfed-drought-prone": (0.25, 0.18, 0.36),
    "irrigated-aggregated": (0.78, 0.62, 0.98),
    "rainfed-deep-water-aggregated": (0.27, 0.21, 0.34),
}
SFP_RANGE: dict[str, Range] = {
    "non-flooded-less-than-180-days": (1.0, 0.88, 1.14),
    "non-flooded-more-than-180-days": (0.68, 0.58, 0.80),
    "flooded-more-than-30-days": (1.90, 1.65, 2.18),
    "aggregated": (1.22, 1.07, 1.40),
}

NonNegative = Annotated[float, Field(ge=0)]


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)


class OrganicAmendment(_Params):
    """One organic amendment applied to the sub-unit: its kind (or its CFOA) and the rate."""

    type: Amendment | None = Field(
        None, description="Kind of amendment; selects CFOA from GL2006 Vol.4 Table 5.14. Give this or `cfoa`."
    )
    cfoa: NonNegative | None = Field(
        None, description="Conversion factor for this amendment, given directly (overrides Table 5.14)."
    )
    t_per_ha: NonNegative = Field(
        description="Application rate ROA in tonnes per hectare: dry weight for straw, fresh weight for the "
        "others (GL2006 Vol.4 Eq. 5.3)."
    )

    @model_validator(mode="after")
    def _one_factor(self) -> OrganicAmendment:
        _exactly_one(self.type, self.cfoa, "type", "cfoa")
        return self

    @property
    def factor(self) -> float:
        return self.cfoa if self.cfoa is not None else CFOA[str(self.type)]


# The parameters of the daily factor x days, which a per-season factor replaces.
DAILY_PATH = ("days", "efc", "water_regime", "sfw", "pre_season", "sfp", "organic_amendments", "sfs_r")


def _none() -> list[OrganicAmendment]:
    """No amendments, the default (a function, not `list`: see models.inventory._no_items)."""
    return []


class Params(_Params):
    """One sub-unit of rice harvested area in the inventory year."""

    area: NonNegative = Field(description="Harvested area of this sub-unit in the year (A in Eq. 5.1).")
    area_unit: str = Field(
        "rai",
        description="Unit of `area`: rai or ไร่ (1,600 m2 = 0.16 ha), ngan or งาน (400 m2), tarang-wa or ตารางวา "
        "(4 m2), ha, m2 or km2.",
    )
    days: float | None = Field(
        None,
        gt=0,
        le=366,
        description="Cultivation period in days (t in Eq. 5.1). GL2006 gives no default: use the local crop calendar. "
        "Required unless `ef_season` is given.",
    )
    ef_season: NonNegative | None = Field(
        None,
        description="kg CH4 per ha per season, the whole EF_i x t_i of Eq. 5.1, instead of the daily factor "
        "x days (then no days, efc or scaling factor is given).",
    )
    efc: NonNegative = Field(
        EFC_DEFAULT,
        description="Baseline emission factor EFc, kg CH4/ha/day, continuously flooded without organic amendments "
        "(GL2006 Vol.4 Table 5.11: 1.30).",
    )
    water_regime: WaterRegime | None = Field(
        None, description="Water regime during cultivation; selects SFw from GL2006 Vol.4 Table 5.12. Or give `sfw`."
    )
    sfw: NonNegative | None = Field(None, description="SFw given directly (overrides `water_regime`).")
    pre_season: PreSeason | None = Field(
        None, description="Water regime before cultivation; selects SFp from GL2006 Vol.4 Table 5.13. Or give `sfp`."
    )
    sfp: NonNegative | None = Field(None, description="SFp given directly (overrides `pre_season`).")
    organic_amendments: list[OrganicAmendment] = Field(
        default_factory=_none,
        description="Organic amendments applied, each {type, t_per_ha} (Eq. 5.3, Table 5.14); none: SFo = 1.",
    )
    sfs_r: NonNegative = Field(
        1.0,
        description="Scaling factor for soil type and rice cultivar, SFs,r (Eq. 5.2); 1 when no national data exist.",
    )

    @model_validator(mode="after")
    def _choices(self) -> Params:
        ha_per(self.area_unit)
        if self.ef_season is not None:
            both = given(self, DAILY_PATH)
            if both:
                raise located(
                    "season-and-daily-factor",
                    tr("'ef_season' is kg CH4/ha for the whole season, so {names} cannot be given with it"),
                    "ef_season",
                    tr(
                        "give either ef_season alone (kg CH4/ha per season), or days with the daily factor "
                        "(water_regime or sfw, pre_season or sfp), not both"
                    ),
                    names=", ".join(f"'{name}'" for name in both),
                )
            return self
        if self.days is None:
            raise located(
                "days-missing",
                tr("'days' is missing: the cultivation period in days"),
                "days",
                tr("add e.g. days: 120 from the local crop calendar, or give ef_season (kg CH4/ha per season) instead"),
            )
        _exactly_one(self.water_regime, self.sfw, "water_regime", "sfw")
        _exactly_one(self.pre_season, self.sfp, "pre_season", "sfp")
        return self


def _exactly_one(choice: object, number: object, choice_name: str, number_name: str) -> None:
    if choice is None and number is None:
        raise PydanticCustomError(
            "choice-missing", tr("give {choice} or {number}"), {"choice": choice_name, "number": number_name}
        )
    if choice is not None and number is not None:
        raise PydanticCustomError(
            "choice-conflict", tr("give {choice} or {number}, not both"), {"choice": choice_name, "number": number_name}
        )


def area_ha(params: Params) -> float:
    return params.area * ha_per(params.area_unit)


def scaling_factor_organic(params: Params) -> float:
    """SFo, GL2006 Vol.4 Eq. 5.3."""
    return (1.0 + sum(item.t_per_ha * item.factor for item in params.organic_amendments)) ** SFO_EXPONENT


def daily_factor(params: Params) -> float:
    """EF_i in kg CH4/ha/day, GL2006 Vol.4 Eq. 5.2."""
    sfw = params.sfw if params.sfw is not None else SFW[str(params.water_regime)]
    sfp = params.sfp if params.sfp is not None else SFP[str(params.pre_season)]
    return params.efc * sfw * sfp * scaling_factor_organic(params) * params.sfs_r


def uncertain(params: Params) -> list[Uncertain]:
    """EFc, and SFw and SFp where a table row gives them, with the ranges of Tables 5.11-5.13. A line
    with `ef_season` declares none (its factor has no IPCC default), nor does upland rice (SFw 0: no CH4)."""
    if params.ef_season is not None or daily_factor(params) == 0:
        return []
    table = "IPCC 2006 Guidelines Vol.4 Ch.5"
    found = [declare("efc", params.efc, EFC_RANGE, f"{table} Table 5.11", given="efc" in params.model_fields_set)]
    regime, pre = str(params.water_regime), str(params.pre_season)
    if params.sfw is None and regime in SFW_RANGE:
        found.append(declare("sfw", SFW[regime], SFW_RANGE[regime], f"{table} Table 5.12 ({regime})", given=False))
    if params.sfp is None and pre in SFP_RANGE:
        found.append(declare("sfp", SFP[pre], SFP_RANGE[pre], f"{table} Table 5.13 ({pre})", given=False))
    return declared(*found)


# The cultivation period of a Thai crop: in-season about 100-120 days (wet- and dry-season crops apart);
# GL2006 has no default (the project's reference notes, ipcc-methods-and-frameworks.md §4.1).
DAYS_THAILAND = (100.0, 120.0)


def usual(params: Params) -> list[Usual]:
    """The ranges of Tables 5.11-5.13 for the factors a line may give as numbers (method-param-unusual)."""
    table = "IPCC 2006 Vol.4 Ch.5"
    sfw_high = max(high for _, _, high in SFW_RANGE.values())  # 1.26, continuously flooded
    sfp_low = min(low for _, low, _ in SFP_RANGE.values())  # 0.58
    sfp_high = max(high for _, _, high in SFP_RANGE.values())  # 2.18, flooded pre-season
    # a season's factor: the largest daily factor of the tables (EFc x SFw x SFp) over the longest season
    season_high = EFC_RANGE[2] * sfw_high * sfp_high * 366
    return [
        Usual("efc", EFC_RANGE[1], EFC_RANGE[2], "kg CH4/ha/day", f"{table} Table 5.11"),
        Usual("sfw", 0.0, sfw_high, "", f"{table} Table 5.12"),
        Usual("sfp", sfp_low, sfp_high, "", f"{table} Table 5.13"),
        # no table of SFs,r: 1 without national data (Eq. 5.2); bounded as the other scaling factors are
        Usual("sfs_r", 0.0, sfp_high, "", f"{table} Tables 5.12-5.13 (the scaling factors)"),
        Usual("days", *DAYS_THAILAND, "days", "a Thai crop calendar (in-season, IPCC 2006 Vol.4 Ch.5 §5.5)"),
        Usual("ef_season", 0.0, season_high, "kg CH4/ha", f"{table} Tables 5.11-5.13 x 366 days"),
    ]


def compute(params: Params, year: int) -> dict[str, float]:
    """kg CH4 emitted by this sub-unit in the inventory year (Eq. 5.1); `year` does not change the result."""
    if params.ef_season is not None:
        return {"CH4": params.ef_season * area_ha(params)}
    return {"CH4": daily_factor(params) * (params.days or 0.0) * area_ha(params)}
