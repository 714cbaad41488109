"""Tables and checks shared by the solid-waste methods (IPCC 2006 Vol.5 Ch.2, Ch.3 and Ch.5).

Values exactly as printed in the source, as fractions (the tables print percentages). Where a table
prints "–" the value here is 0 and the comment says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.methods import Uncertain

WasteType = Literal[
    "food",
    "garden",
    "paper",
    "wood",
    "textiles",
    "nappies",
    "rubber",
    "plastics",
    "metal",
    "glass",
    "other",
    "industrial",
]
WASTE_TYPES: tuple[WasteType, ...] = get_args(WasteType)
Composition = dict[WasteType, float]

SiteType = Literal["managed-anaerobic", "managed-semi-aerobic", "unmanaged-deep", "unmanaged-shallow", "uncategorised"]
Climate = Literal["boreal-temperate-dry", "boreal-temperate-wet", "tropical-dry", "tropical-wet"]

# Published compositions are rounded, and IPCC Table 2.3 for South-Eastern Asia adds up to 100.7 %:
# a composition may exceed 1 by this much before it is refused.
COMPOSITION_TOLERANCE = 0.01


class Strict(BaseModel):
    """Every method's parameters: unknown keys refused, values frozen, NaN and infinity refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# IPCC 2006 Vol.5 Ch.2 Table 2.3, MSW composition, South-Eastern Asia (fractions of wet weight).
# Printed total 100.7 %; kept as printed.
SOUTH_EASTERN_ASIA_MSW: dict[WasteType, float] = {
    "food": 0.435,
    "paper": 0.129,
    "wood": 0.099,
    "textiles": 0.027,
    "rubber": 0.009,
    "plastics": 0.072,
    "metal": 0.033,
    "glass": 0.040,
    "other": 0.163,
}

# DOC, fraction of wet weight: IPCC 2006 Vol.5 Ch.2 Table 2.4 (default column).
# Rubber and leather: Table 2.4 prints 0.39 in brackets because rubber is not assumed to degrade
# anaerobically in SWDS, so it carries no DOC here. Plastics, metal, glass, other inert: "–" (0).
# Industrial waste: 0.15, the constant of the GPC (2014/2021) DOC equation (Eq. 8.1, category F).
DOC_WET: dict[WasteType, float] = {
    "food": 0.15,
    "garden": 0.20,
    "paper": 0.40,
    "wood": 0.43,
    "textiles": 0.24,
    "nappies": 0.24,
    "rubber": 0.0,
    "plastics": 0.0,
    "metal": 0.0,
    "glass": 0.0,
    "other": 0.0,
    "industrial": 0.15,
}

# Dry-matter content, fraction of wet weight: IPCC 2006 Vol.5 Ch.2 Table 2.4.
# Industrial waste: no default in Table 2.4 or Table 5.2 (None: the user must give it).
DRY_MATTER: dict[WasteType, float | None] = {
    "food": 0.40,
    "garden": 0.40,
    "paper": 0.90,
    "wood": 0.85,
    "textiles": 0.80,
    "nappies": 0.40,
    "rubber": 0.84,
    "plastics": 1.00,
    "metal": 1.00,
    "glass": 1.00,
    "other": 0.90,
    "industrial": None,
}

# Total carbon content, fraction of dry weight: IPCC 2006 Vol.5 Ch.2 Table 2.4; metal and glass "–" (0).
# Industrial waste: 0.50, IPCC 2006 Vol.5 Ch.5 Table 5.2.
CARBON_FRACTION: dict[WasteType, float] = {
    "food": 0.38,
    "garden": 0.49,
    "paper": 0.46,
    "wood": 0.50,
    "textiles": 0.50,
    "nappies": 0.70,
    "rubber": 0.67,
    "plastics": 0.75,
    "metal": 0.0,
    "glass": 0.0,
    "other": 0.03,
    "industrial": 0.50,
}

# Fossil carbon, fraction of total carbon: IPCC 2006 Vol.5 Ch.2 Table 2.4; food and wood "–" (0),
# metal and glass carry no carbon. Industrial waste: 0.90, IPCC 2006 Vol.5 Ch.5 Table 5.2.
FOSSIL_CARBON_FRACTION: dict[WasteType, float] = {
    "food": 0.0,
    "garden": 0.0,
    "paper": 0.01,
    "wood": 0.0,
    "textiles": 0.20,
    "nappies": 0.10,
    "rubber": 0.20,
    "plastics": 1.00,
    "metal": 0.0,
    "glass": 0.0,
    "other": 1.00,
    "industrial": 0.90,
}

# MCF by type of solid waste disposal site: IPCC 2006 Vol.5 Ch.3 Table 3.1.
MCF_BY_SITE: dict[str, float] = {
    "managed-anaerobic": 1.0,
    "managed-semi-aerobic": 0.5,
    "unmanaged-deep": 0.8,  # >= 5 m deep and/or high water table
    "unmanaged-shallow": 0.4,  # < 5 m deep
    "uncategorised": 0.6,
}

# MCF with its 95 % range, IPCC 2006 Vol.5 Ch.3 Table 3.5 (managed -10 %/+0 %, semi-aerobic +-20 %,
# unmanaged deep +-20 %, unmanaged shallow +-30 %, uncategorised -50 %/+60 % of the Table 3.1 value),
# as tabulated in bonsai_ipcc 0.5.3, data/waste/swd/par_mcf.csv.
MCF_RANGE: dict[str, tuple[float, float, float]] = {
    "managed-anaerobic": (1.0, 0.9, 1.0),
    "managed-semi-aerobic": (0.5, 0.4, 0.6),
    "unmanaged-deep": (0.8, 0.64, 0.96),
    "unmanaged-shallow": (0.4, 0.28, 0.52),
    "uncategorised": (0.6, 0.3, 0.96),
}
MCF_SOURCE = "IPCC 2006 Guidelines Vol.5 Ch.3 Table 3.5 (MCF of Table 3.1)"
# DOCf 0.5 +-20 %, IPCC 2006 Vol.5 Ch.3 Table 3.5 (bonsai_ipcc 0.5.3, data/waste/swd/par_doc_f.csv, MSW).
DOCF_RANGE = (0.5, 0.4, 0.6)
DOCF_SOURCE = "IPCC 2006 Guidelines Vol.5 Ch.3 Table 3.5 (DOCf)"
# F, the fraction of CH4 in landfill gas: "For IPCC default value: ±5%" (Table 3.5, p.3.27)
F_RANGE = (0.5, 0.475, 0.525)
F_SOURCE = "IPCC 2006 Guidelines Vol.5 Ch.3 Table 3.5 (F = 0.5: 'For IPCC default value: ±5%', p.3.27)"
# DOC: "For IPCC default values: ±20%" (Table 3.5, p.3.27); a bulk DOC given keeps that relative range
DOC_RELATIVE = 0.20
DOC_SOURCE = (
    "IPCC 2006 Guidelines Vol.5 Ch.3 Table 3.5 (DOC: 'For IPCC default values: ±20%', p.3.27), "
    "applied relative to the bulk DOC given"
)


def bulk_doc(value: float | None) -> Uncertain | None:
    """The bulk DOC of a line that gives one (not a composition), with Table 3.5's ±20 %."""
    if not value:
        return None
    return Uncertain("doc", value, value * (1 - DOC_RELATIVE), value * (1 + DOC_RELATIVE), DOC_SOURCE, limit=1.0)


# Methane generation rate k (1/yr): IPCC 2006 Vol.5 Ch.3 Table 3.3, by climate zone and decay class.
K_BY_CLIMATE: dict[str, dict[str, float]] = {
    "boreal-temperate-dry": {
        "paper-textiles": 0.04,
        "wood-straw": 0.02,
        "other-organic": 0.05,
        "food-sludge": 0.06,
        "bulk": 0.05,
    },
    "boreal-temperate-wet": {
        "paper-textiles": 0.06,
        "wood-straw": 0.03,
        "other-organic": 0.10,
        "food-sludge": 0.185,
        "bulk": 0.09,
    },
    "tropical-dry": {
        "paper-textiles": 0.045,
        "wood-straw": 0.025,
        "other-organic": 0.065,
        "food-sludge": 0.085,
        "bulk": 0.065,
    },
    "tropical-wet": {
        "paper-textiles": 0.07,
        "wood-straw": 0.035,
        "other-organic": 0.17,
        "food-sludge": 0.40,
        "bulk": 0.17,
    },
}

# k for bulk waste with its range as printed in Table 3.3 (bonsai_ipcc 0.5.3, data/waste/swd/par_k.csv,
# the bulk-waste rows).
K_BULK_RANGE: dict[str, tuple[float, float, float]] = {
    "boreal-temperate-dry": (0.05, 0.04, 0.06),
    "boreal-temperate-wet": (0.09, 0.08, 0.1),
    "tropical-dry": (0.065, 0.05, 0.08),
    "tropical-wet": (0.17, 0.15, 0.2),
}

# Which Table 3.3 row each waste type decays with. Nappies: "other (non-food) organic putrescible"
# and industrial waste: "bulk waste", as the IPCC Waste Model does (not re-checked against the
# spreadsheet). Types without DOC decay with "bulk"; it does not matter, their DOC is 0.
K_CLASS: dict[WasteType, str] = {
    "food": "food-sludge",
    "garden": "other-organic",
    "paper": "paper-textiles",
    "wood": "wood-straw",
    "textiles": "paper-textiles",
    "nappies": "other-organic",
    "rubber": "bulk",
    "plastics": "bulk",
    "metal": "bulk",
    "glass": "bulk",
    "other": "bulk",
    "industrial": "bulk",
}


def check_composition(value: Composition | None, *, complete: bool = False) -> Composition | None:
    """Fractions must add up to at most 1 (or to 1, when `complete`), within COMPOSITION_TOLERANCE."""
    if value is None:
        return None
    total = sum(value.values())
    if total == 0:  # a composition left unfilled, not waste without DOC: it would give 0 without a word
        raise PydanticCustomError(
            "composition-empty",
            tr("the composition is empty (its fractions add up to 0): the waste would give no emissions"),
            {
                "hint": tr(
                    "leave 'composition' out for the default composition (IPCC 2006 Vol.5 Table 2.3, "
                    "South-Eastern Asia), or give the fraction of each waste type"
                )
            },
        )
    if total > 1 + COMPOSITION_TOLERANCE:
        raise PydanticCustomError(
            "composition-over-one",
            tr("the waste fractions add up to {total}, more than 1"),
            {"total": round(total, 6)},
        )
    if complete and total < 1 - COMPOSITION_TOLERANCE:
        raise PydanticCustomError(
            "composition-incomplete",
            tr("the waste fractions add up to {total}; give every component so that they add up to 1"),
            {"total": round(total, 6)},
        )
    return value


def composition_doc(composition: Mapping[WasteType, float]) -> float:
    """IPCC 2006 Vol.5 Eq. 3.7: DOC = sum of DOC_i x W_i (fractions of wet waste)."""
    return sum(DOC_WET[kind] * fraction for kind, fraction in composition.items())


class DocOrComposition(Strict):
    """Parameters of the landfill methods: the waste as a bulk `doc` or as a `composition`, not both."""

    @field_validator("composition", check_fields=False)
    @classmethod
    def _composition_at_most_one(cls, value: Composition | None) -> Composition | None:
        return check_composition(value)

    @model_validator(mode="after")
    def _doc_or_composition(self) -> DocOrComposition:
        if getattr(self, "doc", None) is not None and getattr(self, "composition", None) is not None:
            raise PydanticCustomError("doc-and-composition", tr("give either 'doc' or 'composition', not both"))
        return self
