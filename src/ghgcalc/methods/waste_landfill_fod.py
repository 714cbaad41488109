"""CH4 from solid waste disposal sites: the IPCC first-order decay method (IPCC 2006 Vol.5 Ch.3).

Per waste type x (Eq. 3.1–3.7):

    DDOCm_d,T    = W_T x frac_x x DOC_x x DOCf x MCF                      (Eq. 3.2, deposited in year T)
    DDOCm_a,T    = DDOCm_d,T x e^(-k (13 - M)/12) + DDOCm_a,T-1 x e^(-k)   (Eq. 3.4 with Annex 3A.1 delay)
    decomposed_T = DDOCm_d,T x (1 - e^(-k (13 - M)/12)) + DDOCm_a,T-1 x (1 - e^(-k))   (Eq. 3.5)
    CH4 gen_T    = decomposed_T x F x 16/12                                (Eq. 3.6)
    CH4 emitted  = max(0, sum_x CH4 gen_x,T - R_T) x (1 - OX)              (Eq. 3.1)

M is the month decomposition starts: deposits are taken to arrive on average mid-year, so M = delay + 7;
the IPCC default delay of 6 months gives M = 13, that is 1 January of the year after deposition, and no CH4
from a deposit in its own year. The CH4 is of biogenic origin; no CO2 is reported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.methods import Notice, ParamsError, Uncertain
from ghgcalc.methods.overrides import located
from ghgcalc.methods.plausible import shown
from ghgcalc.methods.ranges import at_least_zero, declare, declared
from ghgcalc.methods.waste_common import (
    DOC_WET,
    DOCF_RANGE,
    DOCF_SOURCE,
    F_RANGE,
    F_SOURCE,
    K_BULK_RANGE,
    K_BY_CLIMATE,
    K_CLASS,
    MCF_BY_SITE,
    MCF_RANGE,
    MCF_SOURCE,
    SOUTH_EASTERN_ASIA_MSW,
    Climate,
    DocOrComposition,
    SiteType,
    WasteType,
    bulk_doc,
)
from ghgcalc.numbers import NumberError, read_number

FIRST_YEAR, LAST_YEAR = 1800, 2200
BE_OFFSET = 543  # a Buddhist Era year is the CE year + 543
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]  # CE; a Buddhist Era year (CE + 543) falls outside
Tonnes = Annotated[float, Field(ge=0)]
Fraction = Annotated[float, Field(ge=0, le=1)]
K_MAX = 10.0
Rate = Annotated[float, Field(gt=0, le=K_MAX)]


def _by_year(value: Any, info: ValidationInfo) -> Any:
    """`{2010: 5000, ...}` as it is, or `[{year: 2010, tonnes: 5000}, ...]` turned into that mapping; a year
    written in Thai digits read as the year; Buddhist Era years refused with their C.E. years."""
    if isinstance(value, list):
        value = _listed(value)
    if not isinstance(value, Mapping):
        return value
    years = {key: _year(key) for key in value}
    buddhist = [(key, year) for key, year in years.items() if year is not None and _buddhist(year)]
    if buddhist:
        raise located(
            "year-buddhist-era",
            tr("{field}: {years} is a Buddhist Era (B.E.) year; the years here are C.E. years")
            if len(buddhist) == 1
            else tr("{field}: {years} are Buddhist Era (B.E.) years; the years here are C.E. years"),
            str(buddhist[0][0]),
            tr(
                "write the C.E. year, which is the B.E. year - 543: {examples}",
                examples=", ".join(f"{year} → {year - BE_OFFSET}" for _, year in buddhist),
            ),
            years=", ".join(str(year) for _, year in buddhist),
            field=info.field_name,
        )
    by_year: dict[Any, Any] = {}
    for key, item in value.items():
        year = years[key] if years[key] is not None else key
        if year in by_year:  # "2020" and "๒๐๒๐"
            raise PydanticCustomError("deposit-year-repeated", tr("the year {year} is given twice"), {"year": year})
        by_year[year] = item
    return by_year


def _year(key: object) -> int | None:
    """A year key as a number ("2020", "๒๐๒๐" and 2020 alike); None for a key that is not a whole number."""
    if isinstance(key, bool):
        return None
    try:
        number = read_number(key, "")
    except NumberError:
        return None
    return int(number) if number.is_integer() else None


def _buddhist(year: int) -> bool:
    return year > LAST_YEAR and FIRST_YEAR <= year - BE_OFFSET <= LAST_YEAR


def _listed(value: list[Any]) -> dict[Any, Any]:
    by_year: dict[Any, Any] = {}
    for index, item in enumerate(value):
        if not isinstance(item, Mapping) or set(item) != {"year", "tonnes"}:
            raise PydanticCustomError(
                "deposit-invalid",
                tr("item {index} must be a mapping with exactly the keys 'year' and 'tonnes'"),
                {"index": index},
            )
        if item["year"] in by_year:
            raise PydanticCustomError(
                "deposit-year-repeated", tr("the year {year} is given twice"), {"year": item["year"]}
            )
        by_year[item["year"]] = item["tonnes"]
    return by_year


def _rate(value: Any) -> Any:
    """One k, or a mapping of a k per waste type: a k that is not more than 0 (or more than K_MAX) is said once,
    not as the failures of both shapes."""
    if isinstance(value, Mapping):
        for kind, item in value.items():
            if _bad_rate(item):
                raise located(
                    "k-invalid",
                    tr("k.{kind}: must be more than 0 and at most {max} a year"),
                    str(kind),
                    _k_hint(),
                    kind=kind,
                    max=f"{K_MAX:g}",
                )
    elif _bad_rate(value):
        raise PydanticCustomError(
            "k-invalid",
            tr("must be more than 0 and at most {max} a year, or a mapping of a k per waste type"),
            {"max": f"{K_MAX:g}", "hint": _k_hint()},
        )
    return value


def _k_hint() -> str:
    rates = [k for row in K_BY_CLIMATE.values() for k in row.values()]
    return tr(
        "k is the methane generation rate: IPCC 2006 Vol.5 Ch.3 Table 3.3 gives {low} to {high} a year; "
        "e.g. k: 0.17, or k: {{food: 0.4, paper: 0.07}}",
        low=f"{min(rates):g}",
        high=f"{max(rates):g}",
    )


def _bad_rate(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not 0 < value <= K_MAX


class Params(DocOrComposition):
    """First-order decay of the waste deposited at one site (or one group of sites alike)."""

    deposits: Annotated[dict[Year, Tonnes], BeforeValidator(_by_year)] = Field(
        min_length=1,
        description="tonnes of wet waste deposited, by calendar year (CE): a mapping year -> tonnes or a list "
        "of {year, tonnes}; IPCC 2006 Vol.5 Ch.3 Eq. 3.2 (W). Give at least 50 years of history "
        "(Vol.5 Ch.3 §3.2.1) or the early years' residue is missed.",
    )
    composition: dict[WasteType, Fraction] | None = Field(
        None,
        description="fractions of the wet waste by type (sum <= 1; the rest has no DOC); default IPCC 2006 "
        "Vol.5 Ch.2 Table 2.3, South-Eastern Asia. DOC per type from Table 2.4 (Eq. 3.7).",
    )
    doc: Fraction | None = Field(
        None,
        description="bulk DOC, fraction of wet waste, instead of a composition; it decays with the 'bulk "
        "waste' k of IPCC 2006 Vol.5 Ch.3 Table 3.3",
    )
    climate: Climate = Field(
        "tropical-wet",
        description="climate zone for k, IPCC 2006 Vol.5 Ch.3 Table 3.3; most of Thailand is tropical-wet "
        "(MAT > 20 °C, MAP >= 1000 mm)",
    )
    k: Annotated[Rate | dict[WasteType, Rate] | None, BeforeValidator(_rate)] = Field(
        None,
        description="methane generation rate (1/yr) overriding Table 3.3: one number for all waste, or a "
        "number per waste type (types not given keep the table value)",
    )
    site_type: SiteType = Field(
        "uncategorised", description="type of disposal site giving the MCF, IPCC 2006 Vol.5 Ch.3 Table 3.1"
    )
    mcf: Fraction | None = Field(None, description="methane correction factor overriding site_type (Table 3.1)")
    docf: Fraction = Field(0.5, description="DOCf, fraction of DOC that decomposes; IPCC 2006 Vol.5 Ch.3 p.3.13")
    f: Fraction = Field(0.5, description="F, fraction of CH4 in landfill gas by volume; IPCC 2006 Vol.5 Ch.3 p.3.15")
    ox: Fraction = Field(
        0.0,
        description="OX, oxidation factor; IPCC 2006 Vol.5 Ch.3 Table 3.2: 0 by default, 0.1 for well-managed "
        "sites covered with CH4-oxidising material (soil, compost)",
    )
    recovered_t_ch4: Annotated[dict[Year, Tonnes], BeforeValidator(_by_year)] = Field(
        default_factory=dict,
        description="tonnes of CH4 recovered (flared or used for energy), by calendar year; R in IPCC 2006 "
        "Vol.5 Ch.3 Eq. 3.1, subtracted before oxidation",
    )
    delay_months: float = Field(
        6.0,
        ge=0,
        le=6,
        description="delay between deposition (taken as mid-year) and the start of decomposition; IPCC 2006 "
        "Vol.5 Ch.3 p.3.19 default 6 months, i.e. reaction start month M = delay + 7 = 13 (Annex 3A.1): "
        "decomposition starts 1 January of the year after deposition",
    )

    @model_validator(mode="after")
    def _k_fits_doc(self) -> Params:
        if self.doc is not None and isinstance(self.k, dict):
            raise PydanticCustomError("k-per-type-with-bulk-doc", tr("with a bulk 'doc', give 'k' as one number"))
        return self


def uncertain(params: Params) -> list[Uncertain]:
    """MCF and DOCf with their IPCC 2006 Vol.5 Table 3.5 ranges; k with the bulk-waste range of Table 3.3
    where one k decays all the waste (a bulk `doc`, or a single `k` given), not one k per waste type."""
    site = f"{MCF_SOURCE}, {params.site_type}"
    mcf = params.mcf if params.mcf is not None else MCF_BY_SITE[params.site_type]
    found = [
        declare("mcf", mcf, MCF_RANGE[params.site_type], site, given=params.mcf is not None, limit=1.0),
        declare("docf", params.docf, DOCF_RANGE, DOCF_SOURCE, given="docf" in params.model_fields_set, limit=1.0),
        declare("f", params.f, F_RANGE, F_SOURCE, given="f" in params.model_fields_set, limit=1.0),
        bulk_doc(params.doc),
    ]
    one_k = _one_k(params)
    if params.doc is not None or one_k is not None:
        row = K_BULK_RANGE[params.climate]
        source = f"IPCC 2006 Guidelines Vol.5 Ch.3 Table 3.3 (bulk waste, {params.climate})"
        found.append(declare("k", row[0] if one_k is None else one_k, row, source, given=one_k is not None))
    return declared(*found)


def _one_k(params: Params) -> float | None:
    """The one k given for all the waste, if any (not one per waste type)."""
    return None if params.k is None or isinstance(params.k, dict) else params.k


def streams(params: Params) -> list[tuple[float, float]]:
    """(DOC as fraction of the deposited wet waste, k) for each decaying part of the waste; k may be an
    array of drawn values (uncertain())."""
    table = K_BY_CLIMATE[params.climate]
    one_k = _one_k(params)
    if params.doc is not None:
        return [(params.doc, one_k if one_k is not None else table["bulk"])]
    composition = params.composition if params.composition is not None else SOUTH_EASTERN_ASIA_MSW
    found = []
    for kind, fraction in composition.items():
        if fraction <= 0 or DOC_WET[kind] == 0:
            continue
        if isinstance(params.k, dict) and kind in params.k:
            k = params.k[kind]
        elif one_k is not None:
            k = one_k
        else:
            k = table[K_CLASS[kind]]
        found.append((fraction * DOC_WET[kind], k))
    return found


def _decomposed_t(deposits: Mapping[int, float], ddocm_per_tonne: float, k: float, delay: float, year: int) -> float:
    """DDOCm (t) decomposing in `year` (Eq. 3.4 and 3.5 with the Annex 3A.1 start month M = delay + 7).
    Arithmetic only (e ** x for exp), so that k, DOCf and MCF may be arrays of drawn values."""
    stays = math.e**-k  # share of last year's stock still there at the end of this year
    own_stays = math.e ** (-k * (6.0 - delay) / 12.0)  # e^(-k (13 - M)/12): this year's deposit at year end
    accumulated = 0.0  # DDOCma at the end of the previous year
    decomposed = 0.0
    for t in range(min(deposits), year + 1):
        deposited = deposits.get(t, 0.0) * ddocm_per_tonne
        decomposed = accumulated * (1.0 - stays) + deposited * (1.0 - own_stays)
        accumulated = accumulated * stays + deposited * own_stays
    return decomposed


def generated_t(params: Params, year: int) -> float:
    """t of CH4 generated in `year` (Eq. 3.6), before recovery and oxidation."""
    if year < min(params.deposits):
        return 0.0
    mcf = params.mcf if params.mcf is not None else MCF_BY_SITE[params.site_type]
    generated = 0.0
    for doc, k in streams(params):
        decomposed = _decomposed_t(params.deposits, doc * params.docf * mcf, k, params.delay_months, year)
        generated += decomposed * params.f * 16.0 / 12.0
    return generated


def check(params: Params, year: int) -> None:
    """The CH4 recovered in the inventory year cannot be more than the CH4 generated in it (Eq. 3.1): a
    larger R is a slip of unit, which would make the line 0 without a word."""
    recovered = params.recovered_t_ch4.get(year, 0.0)
    generated = generated_t(params, year)
    if recovered > generated:
        where = ("recovered_t_ch4", year)
        message = tr(
            "recovered_t_ch4: the CH4 recovered in {year} ({recovered} t) is more than the CH4 generated "
            "in it ({generated} t)",
            year=year,
            recovered=shown(recovered),
            generated=shown(generated),
        )
        hint = tr(
            "recovery is in t of CH4: check for kg written in a field of t, or a biogas volume (m3) written as t CH4"
        )
        raise ParamsError([(where, "method-params", message)], {where: hint})


def notices(params: Params, year: int) -> list[Notice]:
    """Deposits dated after the inventory year, and years missing inside the history."""
    return _after_period(params, year) + _gaps(params, year)


def _gaps(params: Params, year: int) -> list[Notice]:
    """Years with no deposit between the first and the last deposit counted: each is a year of 0 t, which a
    history of yearly records (Vol.5 Ch.3 §3.2.1) almost never has; a row left out is the usual cause. Said
    at the deposit after the first gap; a year the site took nothing is written as 0 and not said."""
    counted = sorted(deposit for deposit in params.deposits if deposit <= year)
    if len(counted) < 2:
        return []
    given = set(counted)
    missing = [gap for gap in range(counted[0], counted[-1]) if gap not in given]
    if not missing:
        return []
    after = min(deposit for deposit in counted if deposit > missing[0])
    message = tr(
        "no deposit is given for {years}, between {first} and {last}: the line counts no waste landfilled in {years}",
        years=_years(missing),
        first=counted[0],
        last=counted[-1],
    )
    hint = tr(
        "add the tonnes of {year} (and of every year missing) to deposits; write {year}: 0 for a year the site "
        "took no waste",
        year=missing[0],
    )
    return [Notice(("deposits", after), "deposits-gap", message, hint)]


def _years(years: list[int]) -> str:
    """2017, 2019 and runs as ranges: 2003-2007."""
    runs: list[list[int]] = []
    for value in years:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


def _after_period(params: Params, year: int) -> list[Notice]:
    """Deposits dated after the inventory year: not counted (Eq. 3.4-3.5 decay only the deposits up to
    year T), said at the first of them."""
    later = sorted(deposit for deposit in params.deposits if deposit > year)
    if not later:
        return []
    years = ", ".join(str(deposit) for deposit in later)
    if len(later) == len(params.deposits):
        message = tr(
            "every deposit ({years}) is after {year}, the year the period ends: none is counted, and this line is 0",
            years=years,
            year=year,
        )
    else:
        message = tr(
            "the deposits of {years} are after {year}, the year the period ends: they are not counted",
            years=years,
            year=year,
        )
    hint = tr("deposit years are C.E. years up to the inventory's year: check them, and the inventory's period")
    return [Notice(("deposits", later[0]), "deposits-after-period", message, hint)]


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of CH4 emitted in calendar year `year` from all the deposits up to and including that year."""
    recovered_t = params.recovered_t_ch4.get(year, 0.0)
    emitted_t = at_least_zero(generated_t(params, year) - recovered_t) * (1.0 - params.ox)
    return {"CH4": emitted_t * 1000.0}
