"""CO2, CH4 and N2O from incineration and open burning of waste (IPCC 2006 Vol.5 Ch.5).

    CO2 fossil   = sum_i W x frac_i x dm_i x CF_i x FCF_i x OF x 44/12          (Eq. 5.1/5.2)
    CO2 biogenic = sum_i W x frac_i x dm_i x CF_i x (1 - FCF_i) x OF x 44/12    (reported apart)
    CH4          = W x EF_CH4                                                   (Eq. 5.4; EF per t wet)
    N2O          = W x EF_N2O (wet basis) or W x dm x EF_N2O (dry basis)        (Eq. 5.5)

dm, CF and FCF by waste type from Table 2.4 (industrial waste: CF and FCF from Table 5.2, dm from the user);
OF 1.0 for incineration and 0.58 for open burning (Table 5.2).

Uncertainty (§5.7.1) is declared for open burning only: the CO2 factor as a whole (carried by `of`,
which every CO2 term multiplies), the CH4 and the N2O factor. For incinerators IPCC gives the CO2
parameters' ranges per waste type (Table 2.4), which are not single parameters here; declaring CH4
and N2O alone would leave the line's main gas, fossil CO2, with no uncertainty at all, so an
incinerator line declares nothing and keeps its data-quality default on the whole result.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.methods import Uncertain
from ghgcalc.methods.ranges import declare, declared
from ghgcalc.methods.waste_common import (
    CARBON_FRACTION,
    DRY_MATTER,
    FOSSIL_CARBON_FRACTION,
    SOUTH_EASTERN_ASIA_MSW,
    Composition,
    Strict,
    WasteType,
    check_composition,
)

Technology = Literal[
    "continuous-stoker",
    "continuous-fluidised-bed",
    "semi-continuous-stoker",
    "semi-continuous-fluidised-bed",
    "batch-stoker",
    "batch-fluidised-bed",
    "open-burning",
]
Basis = Literal["wet", "dry"]
Fraction = Annotated[float, Field(ge=0, le=1)]

# CH4, g per tonne of wet MSW (= kg/Gg): IPCC 2006 Vol.5 Ch.5 Table 5.3 (continuous fluidised bed "≈ 0");
# open burning 6,500 g/t MSW, Vol.5 Ch.5 §5.4.2.
CH4_G_PER_T: dict[str, float] = {
    "continuous-stoker": 0.2,
    "continuous-fluidised-bed": 0.0,
    "semi-continuous-stoker": 6.0,
    "semi-continuous-fluidised-bed": 188.0,
    "batch-stoker": 60.0,
    "batch-fluidised-bed": 237.0,
    "open-burning": 6500.0,
}

# N2O, g per tonne of MSW and the weight basis: IPCC 2006 Vol.5 Ch.5 Table 5.6.
N2O_G_PER_T: dict[str, tuple[float, str]] = {
    "continuous-stoker": (50.0, "wet"),
    "continuous-fluidised-bed": (50.0, "wet"),
    "semi-continuous-stoker": (50.0, "wet"),
    "semi-continuous-fluidised-bed": (50.0, "wet"),
    "batch-stoker": (60.0, "wet"),
    "batch-fluidised-bed": (60.0, "wet"),
    "open-burning": (150.0, "dry"),
}

# Oxidation factor, fraction of carbon input: IPCC 2006 Vol.5 Ch.5 Table 5.2.
OXIDATION_FACTOR = {"incineration": 1.0, "open-burning": 0.58}

# 95 % ranges, ± % of the value: IPCC 2006 Vol.5 Ch.5 §5.7.1, p.5.23.
_SECTION = "IPCC 2006 Guidelines Vol.5 Ch.5 §5.7.1, p.5.23"
OPEN_BURNING_CO2_PCT = 40.0
OPEN_BURNING_CO2_SOURCE = (
    f"{_SECTION}: 'Uncertainties associated with CO2 emission factors for open burning depend on uncertainties "
    "related to fraction of dry matter in waste open-burned, fraction of carbon in the dry matter, fraction of "
    "fossil carbon in the total carbon, combustion efficiency, and fraction of carbon oxidised and emitted as CO2. "
    "A default value of ± 40 percent is proposed for countries relying on default data on the composition'; "
    "carried by OF (Table 5.2: 0.58), which multiplies every CO2 term"
)
CH4_N2O_PCT = 100.0
CH4_N2O_SOURCE = (
    f"{_SECTION}: 'If default values for N2O and CH4 emission factors are used, uncertainty ranges have been "
    "estimated to be ± 100 percent or more' (no upper figure printed: ±100 % taken)"
)
CH4_SOURCE = f"{CH4_N2O_SOURCE}, of the open-burning CH4 factor (§5.4.2, p.5.20: 6,500 g/t wet)"
N2O_SOURCE = f"{CH4_N2O_SOURCE}, of the open-burning N2O factor (Table 5.6, p.5.22: 150 g/t dry)"
GIVEN = "applied relative to the value given"


class Params(Strict):
    """Waste burned in one kind of incinerator, or burned in the open, in the inventory year."""

    tonnes: float = Field(ge=0, description="W, tonnes of wet waste burned")
    technology: Technology = Field(
        description="incinerator type (IPCC 2006 Vol.5 Ch.5 Tables 5.3 and 5.6) or 'open-burning'"
    )
    composition: dict[WasteType, Fraction] | None = Field(
        None,
        description="fractions of the wet waste by type, adding up to 1; default IPCC 2006 Vol.5 Ch.2 "
        "Table 2.3, South-Eastern Asia",
    )
    dm: dict[WasteType, Fraction] | None = Field(
        None, description="dry-matter fraction by waste type overriding IPCC 2006 Vol.5 Ch.2 Table 2.4"
    )
    cf: dict[WasteType, Fraction] | None = Field(
        None, description="total-carbon fraction of dry matter by waste type overriding Table 2.4 / 5.2"
    )
    fcf: dict[WasteType, Fraction] | None = Field(
        None, description="fossil fraction of total carbon by waste type overriding Table 2.4 / 5.2"
    )
    of: Fraction | None = Field(
        None, description="oxidation factor overriding Table 5.2 (1.0 incineration, 0.58 open burning)"
    )
    ch4_g_per_t: float | None = Field(
        None, ge=0, description="CH4 factor, g per t of wet waste, overriding Table 5.3 / §5.4.2"
    )
    n2o_g_per_t: float | None = Field(None, ge=0, description="N2O factor, g per t, overriding Table 5.6")
    n2o_basis: Basis | None = Field(
        None, description="weight basis of n2o_g_per_t; default that of Table 5.6 (dry for open burning, else wet)"
    )

    @field_validator("composition")
    @classmethod
    def _composition_is_whole(cls, value: Composition | None) -> Composition | None:
        check_composition(value, complete=True)
        return value

    @model_validator(mode="after")
    def _dry_matter_known(self) -> Params:
        for kind, fraction in self.fractions().items():
            if fraction > 0 and self.dry_matter(kind) is None:
                raise PydanticCustomError(
                    "dry-matter-missing",
                    tr("IPCC gives no default dry-matter content for {kind} waste: give it under 'dm'"),
                    {"kind": kind},
                )
        return self

    def fractions(self) -> Composition:
        return dict(self.composition if self.composition is not None else SOUTH_EASTERN_ASIA_MSW)

    def dry_matter(self, kind: WasteType) -> float | None:
        return self.dm[kind] if self.dm is not None and kind in self.dm else DRY_MATTER[kind]


def oxidation_factor(params: Params) -> float:
    process = "open-burning" if params.technology == "open-burning" else "incineration"
    return params.of if params.of is not None else OXIDATION_FACTOR[process]


def ch4_factor(params: Params) -> float:
    """g CH4 per t of wet waste."""
    return params.ch4_g_per_t if params.ch4_g_per_t is not None else CH4_G_PER_T[params.technology]


def uncertain(params: Params) -> list[Uncertain]:
    """Open burning: OF (standing for the whole CO2 factor, ±40 %, cut at 1), the CH4 and the N2O factor
    (±100 %); a value given keeps the range relative to it. Incinerators: none (see the module docstring)."""
    if params.technology != "open-burning":
        return []
    n2o = params.n2o_g_per_t if params.n2o_g_per_t is not None else N2O_G_PER_T[params.technology][0]
    rows = [  # field, value, ± %, source, the value given (None: the default), limit
        ("of", oxidation_factor(params), OPEN_BURNING_CO2_PCT, OPEN_BURNING_CO2_SOURCE, params.of, 1.0),
        ("ch4_g_per_t", ch4_factor(params), CH4_N2O_PCT, CH4_SOURCE, params.ch4_g_per_t, None),
        ("n2o_g_per_t", n2o, CH4_N2O_PCT, N2O_SOURCE, params.n2o_g_per_t, None),
    ]
    return declared(
        *(
            declare(
                field,
                value,
                (value, value * (1 - pct / 100), value * (1 + pct / 100)),
                source if given is None else f"{source}; {GIVEN}",
                given=False,
                limit=limit,
            )
            for field, value, pct, source, given, limit in rows
        )
    )


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of fossil CO2, biogenic CO2, CH4 and N2O from the waste burned in the inventory year. `of`,
    `ch4_g_per_t` and `n2o_g_per_t` may be arrays of drawn values (uncertain())."""
    of = oxidation_factor(params)
    cf: Composition = {**CARBON_FRACTION, **(params.cf or {})}
    fcf: Composition = {**FOSSIL_CARBON_FRACTION, **(params.fcf or {})}
    fossil_t = biogenic_t = dry_t = 0.0
    for kind, fraction in params.fractions().items():
        dry = params.tonnes * fraction * (params.dry_matter(kind) or 0.0)
        dry_t += dry
        fossil_t += dry * cf[kind] * fcf[kind] * of * 44.0 / 12.0
        biogenic_t += dry * cf[kind] * (1.0 - fcf[kind]) * of * 44.0 / 12.0
    ch4_g = params.tonnes * ch4_factor(params)
    n2o_factor, n2o_basis = N2O_G_PER_T[params.technology]
    if params.n2o_g_per_t is not None:
        n2o_factor = params.n2o_g_per_t
    if params.n2o_basis is not None:
        n2o_basis = params.n2o_basis
    n2o_g = n2o_factor * (dry_t if n2o_basis == "dry" else params.tonnes)
    return {
        "CO2": fossil_t * 1000.0,
        "CO2_biogenic": biogenic_t * 1000.0,
        "CH4": ch4_g / 1000.0,
        "N2O": n2o_g / 1000.0,
    }
