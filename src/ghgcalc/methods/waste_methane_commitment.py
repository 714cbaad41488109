"""CH4 from solid waste disposal: the GPC methane-commitment method (GPC v1.1 Chapter 8, §8.3).

All the CH4 the waste landfilled in the inventory year will ever generate is assigned to that year:

    DOC = 0.15 A + 0.20 B + 0.40 C + 0.43 D + 0.24 E + 0.15 F      (GPC Eq. 8.1; A food, B garden,
          C paper, D wood, E textiles, F industrial, fractions of the wet waste)
    L0  = MCF x DOC x DOCf x F x 16/12                             (t CH4 per t waste)
    CH4 = MSW x L0 x (1 - f_rec) x (1 - OX)

The DOC weights are the wet-weight DOC values of IPCC 2006 Vol.5 Ch.2 Table 2.4; nappies, which the GPC
equation leaves out, count with their Table 2.4 value 0.24 (Eq. 3.7), so that the same composition gives
the same waste as in the first-order-decay method. The CH4 is of biogenic origin; no CO2 is reported.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ghgcalc.methods import Uncertain
from ghgcalc.methods.ranges import declare, declared
from ghgcalc.methods.waste_common import (
    DOCF_RANGE,
    DOCF_SOURCE,
    F_RANGE,
    F_SOURCE,
    MCF_BY_SITE,
    MCF_RANGE,
    MCF_SOURCE,
    SOUTH_EASTERN_ASIA_MSW,
    DocOrComposition,
    SiteType,
    WasteType,
    bulk_doc,
    composition_doc,
)

Fraction = Annotated[float, Field(ge=0, le=1)]


class Params(DocOrComposition):
    """The waste sent to one kind of disposal site in the inventory year."""

    tonnes: float = Field(ge=0, description="MSW_x, tonnes of wet waste landfilled in the inventory year")
    composition: dict[WasteType, Fraction] | None = Field(
        None,
        description="fractions of the wet waste by type (sum <= 1); GPC Eq. 8.1 categories A-F plus nappies; "
        "default IPCC 2006 Vol.5 Ch.2 Table 2.3, South-Eastern Asia",
    )
    doc: Fraction | None = Field(None, description="bulk DOC, fraction of wet waste, instead of a composition")
    site_type: SiteType = Field(
        "uncategorised", description="type of disposal site giving the MCF, IPCC 2006 Vol.5 Ch.3 Table 3.1"
    )
    mcf: Fraction | None = Field(None, description="methane correction factor overriding site_type (Table 3.1)")
    docf: Fraction = Field(
        0.5,
        description="DOCf, fraction of DOC that decomposes; IPCC 2006 Vol.5 Ch.3 p.3.13 default 0.5 (several GPC "
        "tools use 0.6: set it here to match them)",
    )
    f: Fraction = Field(0.5, description="F, fraction of CH4 in landfill gas by volume; IPCC 2006 Vol.5 Ch.3 p.3.15")
    recovery_fraction: Fraction = Field(
        0.0, description="f_rec, fraction of the CH4 generated that is recovered (flared or used); GPC §8.3"
    )
    ox: Fraction = Field(
        0.0,
        description="OX, oxidation factor; IPCC 2006 Vol.5 Ch.3 Table 3.2: 0 by default, 0.1 for well-managed "
        "sites covered with CH4-oxidising material",
    )


def uncertain(params: Params) -> list[Uncertain]:
    """MCF and DOCf with their IPCC 2006 Vol.5 Table 3.5 ranges."""
    site = f"{MCF_SOURCE}, {params.site_type}"
    mcf = params.mcf if params.mcf is not None else MCF_BY_SITE[params.site_type]
    return declared(
        declare("mcf", mcf, MCF_RANGE[params.site_type], site, given=params.mcf is not None, limit=1.0),
        declare("docf", params.docf, DOCF_RANGE, DOCF_SOURCE, given="docf" in params.model_fields_set, limit=1.0),
        declare("f", params.f, F_RANGE, F_SOURCE, given="f" in params.model_fields_set, limit=1.0),
        bulk_doc(params.doc),
    )


def degradable_organic_carbon(params: Params) -> float:
    """DOC of the wet waste: the bulk value, or GPC Eq. 8.1 (= IPCC Eq. 3.7) on the composition."""
    if params.doc is not None:
        return params.doc
    composition = params.composition if params.composition is not None else SOUTH_EASTERN_ASIA_MSW
    return composition_doc(composition)


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of CH4 the waste landfilled in the inventory year will generate, all counted in that year."""
    mcf = params.mcf if params.mcf is not None else MCF_BY_SITE[params.site_type]
    l0 = mcf * degradable_organic_carbon(params) * params.docf * params.f * 16.0 / 12.0
    ch4_t = params.tonnes * l0 * (1.0 - params.recovery_fraction) * (1.0 - params.ox)
    return {"CH4": ch4_t * 1000.0}
