"""Treatment pathways and MCFs shared by the wastewater CH4 methods (IPCC 2006 Vol.5 Ch.6)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.methods.overrides import located
from ghgcalc.methods.plausible import shown
from ghgcalc.methods.waste_common import Strict

System = Literal[
    "untreated-sea-river-lake",
    "untreated-stagnant-sewer",
    "untreated-flowing-sewer",
    "aerobic-well-managed",
    "aerobic-overloaded",
    "anaerobic-sludge-digester",
    "anaerobic-reactor",
    "anaerobic-shallow-lagoon",
    "anaerobic-deep-lagoon",
    "septic-system",
    "latrine-dry-family",
    "latrine-dry-communal",
    "latrine-wet",
    "latrine-sediment-removal",
]

# MCF by treatment or discharge system: IPCC 2006 Vol.5 Ch.6 Table 6.3 (domestic); the industrial
# Table 6.8 gives the same values for the systems it lists.
MCF_BY_SYSTEM: dict[str, float] = {
    "untreated-sea-river-lake": 0.1,
    "untreated-stagnant-sewer": 0.5,
    "untreated-flowing-sewer": 0.0,
    "aerobic-well-managed": 0.0,  # centralised aerobic treatment plant, well managed
    "aerobic-overloaded": 0.3,  # centralised aerobic treatment plant, not well managed / overloaded
    "anaerobic-sludge-digester": 0.8,
    "anaerobic-reactor": 0.8,
    "anaerobic-shallow-lagoon": 0.2,  # depth < 2 m
    "anaerobic-deep-lagoon": 0.8,  # depth > 2 m
    "septic-system": 0.5,
    "latrine-dry-family": 0.1,  # dry climate, groundwater below the latrine, small family (3-5 persons)
    "latrine-dry-communal": 0.5,  # dry climate, communal (many users)
    "latrine-wet": 0.7,  # wet climate / flush water use, groundwater above the latrine
    "latrine-sediment-removal": 0.1,  # regular sediment removal for fertiliser
}

# Pathway shares must add up to 1 within this, so that no wastewater is silently left out.
SHARE_TOLERANCE = 0.001


class Pathway(Strict):
    """A share of the wastewater and where it goes: a system of Table 6.3, or its MCF directly."""

    share: float = Field(ge=0, le=1, description="U_i x T_i,j: fraction of the organic load on this pathway")
    system: System | None = Field(None, description="treatment or discharge system, IPCC 2006 Vol.5 Table 6.3")
    mcf: float | None = Field(None, ge=0, le=1, description="methane correction factor instead of 'system'")

    @model_validator(mode="after")
    def _system_or_mcf(self) -> Pathway:
        if (self.system is None) == (self.mcf is None):
            raise PydanticCustomError("pathway-system-or-mcf", tr("give either 'system' or 'mcf' for each pathway"))
        return self

    def methane_correction(self) -> float:
        return self.mcf if self.mcf is not None else MCF_BY_SYSTEM[self.system or ""]


def check_shares(pathways: Sequence[Pathway]) -> None:
    total = sum(p.share for p in pathways)
    if abs(total - 1.0) > SHARE_TOLERANCE:
        raise PydanticCustomError(
            "pathway-shares-not-one",
            tr("the pathway shares add up to {total}, not 1 (add a pathway with mcf 0 for wastewater that emits none)"),
            {"total": round(total, 6)},
        )


def check_recovery(recovered: float, generated: float, param: str = "recovered_kg_ch4") -> None:
    """CH4 recovered (R of Eq. 6.1, 6.4 or 4.1) cannot be more than the CH4 generated: a larger R is a
    slip of unit, which would make the line 0 without a word."""
    if recovered > generated:
        raise located(
            "recovery-exceeds-generation",
            tr("{name}: the CH4 recovered ({recovered} kg) is more than the CH4 generated ({generated} kg)"),
            param,
            tr(
                "recovery is kg of CH4 in the inventory year: check for t written as kg, or a biogas volume "
                "(m3) written as kg CH4"
            ),
            name=param,
            recovered=shown(recovered),
            generated=shown(generated),
        )


def weighted_mcf(pathways: Sequence[Pathway]) -> float:
    """sum over pathways of share x MCF (the Bo is applied by the caller, Eq. 6.2 / 6.5)."""
    return sum(p.share * p.methane_correction() for p in pathways)
