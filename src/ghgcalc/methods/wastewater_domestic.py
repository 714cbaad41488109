"""CH4 from domestic wastewater treatment and discharge (IPCC 2006 Vol.5 Ch.6, Eq. 6.1–6.3).

TOW = P x BOD x 0.001 x I x days                   (Eq. 6.3, kg BOD/yr; BOD in g/person/day; days 365)
EF_j = Bo x MCF_j                                  (Eq. 6.2)
CH4 = [sum_j share_j x EF_j] x (TOW - S) - R       (Eq. 6.1, kg CH4/yr; never below zero)

or, with a per-person factor instead of BOD x Bo x MCF (as some published inventories print it):

CH4 = P x ch4_kg_per_person_year - R
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import N_, tr
from ghgcalc.methods import Uncertain
from ghgcalc.methods.overrides import days_field, given, located
from ghgcalc.methods.plausible import Usual
from ghgcalc.methods.ranges import Range, at_least_zero, declare, declared
from ghgcalc.methods.waste_common import Strict
from ghgcalc.methods.wastewater_common import MCF_BY_SYSTEM, Pathway, check_recovery, check_shares, weighted_mcf

Region = Literal[
    "asia-middle-east-latin-america",
    "india",
    "japan",
    "africa",
    "egypt",
    "brazil",
    "west-bank-gaza",
    "canada-europe-russia-oceania",
    "denmark",
    "germany",
    "greece",
    "italy",
    "sweden",
    "turkey",
    "usa",
]

# BOD, g per person per day: IPCC 2006 Vol.5 Ch.6 Table 6.4.
BOD_G_PER_PERSON_DAY: dict[str, float] = {
    "asia-middle-east-latin-america": 40.0,
    "india": 34.0,
    "japan": 42.0,
    "africa": 37.0,
    "egypt": 34.0,
    "brazil": 50.0,
    "west-bank-gaza": 50.0,
    "canada-europe-russia-oceania": 60.0,
    "denmark": 62.0,
    "germany": 62.0,
    "greece": 57.0,
    "italy": 60.0,
    "sweden": 75.0,
    "turkey": 38.0,
    "usa": 85.0,
}

# I, correction for industrial BOD discharged into sewers: IPCC 2006 Vol.5 Ch.6 p.6.14.
INDUSTRIAL_CORRECTION = {"collected": 1.25, "uncollected": 1.0}

# Bo 0.6 kg CH4/kg BOD +-30 %, IPCC 2006 Vol.5 Ch.6 Table 6.7 (bonsai_ipcc 0.5.3,
# data/waste/wastewater/par_b0_bod.csv: 0.42-0.78).
BO_RANGE: Range = (0.6, 0.42, 0.78)
# Bo is the maximum CH4 producing capacity of the wastewater's organics (IPCC 2006 Vol.5 Ch.6 p.6.12):
# 0.6 kg CH4/kg BOD, so a larger value given is impossible by definition (0.6 typed as 60 % is refused).
BO_MAX = 0.6


# The parameters of the BOD x Bo x MCF path, which a per-person CH4 factor replaces.
BOD_PATH = ("region", "bod_g_per_person_day", "collection", "i", "pathways", "bo", "sludge_kg_bod", "days_per_year")


class Params(Strict):
    """The domestic wastewater of one population in the inventory year."""

    population: float = Field(ge=0, description="P, persons served")
    region: Region = Field(
        "asia-middle-east-latin-america", description="region for the default BOD, IPCC 2006 Vol.5 Ch.6 Table 6.4"
    )
    bod_g_per_person_day: float | None = Field(
        None, ge=0, description="BOD per person, g/day, overriding Table 6.4 (Thailand: Asia, 40)"
    )
    collection: Literal["collected", "uncollected"] = Field(
        "collected", description="whether the wastewater is collected in sewers; sets I (p.6.14: 1.25 / 1.00)"
    )
    i: float | None = Field(None, ge=0, description="I, industrial co-discharge correction, overriding 'collection'")
    pathways: list[Pathway] | None = Field(
        None,
        min_length=1,
        description="where the wastewater goes: shares adding up to 1, each with a Table 6.3 system or an MCF "
        "(required unless 'ch4_kg_per_person_year' is given)",
    )
    bo: float = Field(
        0.6,
        ge=0,
        le=BO_MAX,
        description="Bo, kg CH4 per kg BOD, the maximum CH4 producing capacity; IPCC 2006 Vol.5 Ch.6 p.6.12: 0.6, "
        "which is also its largest value",
        json_schema_extra={
            "hint": N_("Bo is at most {max} kg CH4/kg BOD (IPCC 2006 Vol.5 Ch.6 p.6.12): a fraction, not a percent"),
            "hint_values": {"max": f"{BO_MAX:g}"},
        },
    )
    sludge_kg_bod: float = Field(0.0, ge=0, description="S, organic component removed as sludge, kg BOD/yr (Eq. 6.1)")
    recovered_kg_ch4: float = Field(0.0, ge=0, description="R, CH4 recovered, kg/yr (Eq. 6.1)")
    days_per_year: float = days_field()
    ch4_kg_per_person_year: float | None = Field(
        None,
        ge=0,
        description="kg CH4 per person per year, instead of BOD x Bo x MCF (then no BOD, pathway, Bo, I, "
        "sludge or days parameter is given)",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Params:
        if self.ch4_kg_per_person_year is not None:
            both = given(self, BOD_PATH)
            if both:
                raise located(
                    "per-person-and-bod",
                    tr("'ch4_kg_per_person_year' replaces BOD x Bo x MCF, so {names} cannot be given with it"),
                    "ch4_kg_per_person_year",
                    tr(
                        "give either ch4_kg_per_person_year alone, or the BOD path (pathways, and region or "
                        "bod_g_per_person_day), not both"
                    ),
                    names=", ".join(f"'{name}'" for name in both),
                )
            return self
        if self.pathways is None:
            raise located(
                "pathways-missing",
                tr("'pathways' is missing: say where the wastewater goes"),
                "pathways",
                tr("add e.g. pathways: [{share: 1, system: septic-system}], or give ch4_kg_per_person_year instead"),
            )
        check_shares(self.pathways)
        if self.sludge_kg_bod > total_organics(self):
            raise PydanticCustomError(
                "sludge-exceeds-load",
                tr("the BOD removed as sludge ({sludge} kg) is more than the BOD in the wastewater ({tow} kg)"),
                {"sludge": self.sludge_kg_bod, "tow": round(total_organics(self), 3)},
            )
        return self

    @model_validator(mode="after")
    def _recovery_within_generation(self) -> Params:
        check_recovery(self.recovered_kg_ch4, generated_kg(self))
        return self


def uncertain(params: Params) -> list[Uncertain]:
    """Bo with its IPCC 2006 Vol.5 Table 6.7 range (the BOD x Bo x MCF path only). The MCFs are per
    pathway, not a parameter of their own, so they are not varied here."""
    if params.ch4_kg_per_person_year is not None:
        return []
    source = "IPCC 2006 Guidelines Vol.5 Ch.6 Table 6.7 (Bo, p.6.12)"
    return declared(declare("bo", params.bo, BO_RANGE, source, given="bo" in params.model_fields_set))


def total_organics(params: Params) -> float:
    """TOW, kg BOD per year (Eq. 6.3)."""
    bod = params.bod_g_per_person_day
    if bod is None:
        bod = BOD_G_PER_PERSON_DAY[params.region]
    i = params.i if params.i is not None else INDUSTRIAL_CORRECTION[params.collection]
    return params.population * bod * 0.001 * i * params.days_per_year


def generated_kg(params: Params) -> float:
    """kg of CH4 generated before recovery (Eq. 6.1 without R); `bo` may be an array of drawn values."""
    if params.ch4_kg_per_person_year is not None:
        return params.population * params.ch4_kg_per_person_year
    return params.bo * weighted_mcf(params.pathways or []) * (total_organics(params) - params.sludge_kg_bod)


def usual(params: Params) -> list[Usual]:
    """The BOD, I and per-person factor given, against Table 6.4 and p.6.14 (method-param-unusual)."""
    table = "IPCC 2006 Vol.5 Ch.6"
    bod = BOD_G_PER_PERSON_DAY.values()
    i_low, i_high = min(INDUSTRIAL_CORRECTION.values()), max(INDUSTRIAL_CORRECTION.values())
    # the most a person's wastewater can give: the largest BOD and I, Bo, and the largest MCF (Table 6.3)
    most = max(bod) * 0.001 * i_high * 365 * BO_MAX * max(MCF_BY_SYSTEM.values())
    return [
        Usual("bod_g_per_person_day", min(bod), max(bod), "g/person/day", f"{table} Table 6.4"),
        Usual("i", i_low, i_high, "", f"{table} p.6.14"),
        Usual("ch4_kg_per_person_year", 0.0, most, "kg/person/yr", f"{table} Tables 6.3, 6.4, p.6.12, p.6.14"),
    ]


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of CH4 from the population's wastewater in the inventory year."""
    return {"CH4": at_least_zero(generated_kg(params) - params.recovered_kg_ch4)}
