"""Global warming potentials (100-year) and the weighting of gas masses into CO2e.

The table is data (`data/gwp100.csv`, written from the `globalwarmingpotentials` package by
`scripts/update_gwp.py`, plus the fossil/non-fossil methane split it lacks), and refrigerant blends
are weighted by their ASHRAE 34 composition (`data/blends.csv`). Only the Kyoto share of a gas
counts in a total; Montreal-Protocol gases (HCFCs, CFCs) and biogenic CO2 are reported separately.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Mapping
from dataclasses import field
from importlib import resources

from ghgcalc import i18n
from ghgcalc.i18n import tr
from ghgcalc.records import Record, frozen

GWP_SETS = ("SAR", "AR4", "AR5", "AR6")

# Gases with a meaning beyond a GWP value.
CO2E = "CO2e"  # already weighted by the factor's publisher
CO2_BIOGENIC = "CO2_biogenic"  # reported separately, never in the total
CH4_FOSSIL = "CH4_fossil"

# ASHRAE numbers of single-compound refrigerants whose table name is not HFC-/HCFC-/CFC-<n>.
_R_NUMBER_ALIASES = {"14": "CF4", "116": "C2F6", "218": "C3F8", "C318": "cC4F8", "744": "CO2"}
# Hydrocarbon refrigerants: real components of blends, with no GWP in the IPCC tables used.
_HYDROCARBONS = {"R-290": "propane", "R-600": "butane", "R-600a": "isobutane"}


@frozen
class Weighted(Record):
    """CO2e of one gas mass under one GWP set, split by where it is reported."""

    in_total: float = 0.0
    non_kyoto: float = 0.0
    biogenic: float = 0.0
    gwp: float | None = None  # the GWP that weighed the mass (a blend's: by composition), in or out of the total
    problems: tuple[str, ...] = field(default=())


@frozen
class _Table(Record):
    values: dict[str, dict[str, float | None]]  # gas -> set -> GWP
    kinds: dict[str, str]  # gas -> kyoto | montreal | other
    blends: dict[str, dict[str, float]]  # blend -> component -> mass fraction
    lookup: dict[str, str]  # normalised spelling -> canonical name


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).upper()


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("ghgcalc").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@functools.cache
def _table() -> _Table:
    values: dict[str, dict[str, float | None]] = {}
    kinds: dict[str, str] = {}
    for row in _read("gwp100.csv"):
        values[row["gas"]] = {s: float(row[s]) if row[s] else None for s in GWP_SETS}
        kinds[row["gas"]] = row["kind"]
    blends: dict[str, dict[str, float]] = {}
    for row in _read("blends.csv"):
        blends.setdefault(row["blend"], {})[row["component"]] = float(row["mass_percent"]) / 100
    lookup = {_normalise(gas): gas for gas in values}
    lookup.update({_normalise(blend): blend for blend in blends})
    for special in (CO2E, CO2_BIOGENIC, CH4_FOSSIL):
        lookup[_normalise(special)] = special
    lookup[_normalise("CH4 fossil")] = CH4_FOSSIL
    return _Table(values, kinds, blends, lookup)


@functools.cache
def canonical_gas(name: str) -> str | None:
    """The canonical spelling of a gas name, or None if ghgcalc does not know the gas.

    Accepts `HFC-134a` and `HFC134a`, refrigerant numbers (`R-32` is HFC-32, `R-22` is HCFC-22,
    `R-410A` the blend), and the special names CO2e, CO2_biogenic and CH4_fossil.
    """
    table = _table()
    key = _normalise(name)
    if key in table.lookup:
        return table.lookup[key]
    match = re.fullmatch(r"R(C?\d+[A-Z]?[A-Z]?)", key)
    if match:
        number = match.group(1)
        if number in _R_NUMBER_ALIASES:
            return _R_NUMBER_ALIASES[number]
        for prefix in ("HFC", "HCFC", "CFC"):
            candidate = table.lookup.get(prefix + number)
            if candidate:
                return candidate
    return None


def double_count(gases: Mapping[str, str]) -> tuple[str, list[str]] | None:
    """`gases`: canonical name -> the spelling a user wrote, of one factor. A CO2e total beside
    masses of gases that are weighed into CO2e counts the same emission twice: the CO2e spelling
    and the others' spellings; None when the factor is one or the other. Biogenic CO2 is reported
    apart from the total, so it may stand beside CO2e."""
    if CO2E not in gases:
        return None
    others = [spelling for gas, spelling in gases.items() if gas not in (CO2E, CO2_BIOGENIC)]
    return (gases[CO2E], others) if others else None


def is_hydrocarbon(name: str) -> bool:
    """R-290, R-600, R-600a in any spelling: refrigerants with no GWP in the IPCC tables used."""
    return _normalise(name) in {_normalise(h) for h in _HYDROCARBONS}


def unknown_gas_hint(name: str) -> str:
    """What to tell a user whose gas name ghgcalc does not know."""
    if is_hydrocarbon(name):
        return tr("hydrocarbon refrigerants (R-290, R-600, R-600a) have no GWP in the IPCC tables used; leave them out")
    return tr("write e.g. CO2, CH4, CH4_fossil, N2O, HFC-134a, R-410A, CO2e or CO2_biogenic")


def gwp_value(gas: str, gwp_set: str) -> float | None:
    """The GWP of a single gas; CH4_fossil falls back on CH4 where the set has no fossil value."""
    table = _table()
    if gas == CH4_FOSSIL:
        value = table.values[CH4_FOSSIL][gwp_set]
        return value if value is not None else table.values["CH4"][gwp_set]
    row = table.values.get(gas)
    return row[gwp_set] if row else None


def per_unit(gas: str, gwp_set: str) -> Weighted:
    """`weigh` of one unit of mass, remembered: multiply its shares by a mass to weigh that mass."""
    return _per_unit(gas, gwp_set, i18n.language())


@functools.cache
def _per_unit(gas: str, gwp_set: str, language: str) -> Weighted:
    """Remembered per language: its problems are words in the language of the run."""
    return weigh(gas, 1.0, gwp_set)


def edition_weights(gas: str, gwp_set: str, basis: str | None, overrides: tuple[tuple[str, float], ...]) -> Weighted:
    """The weights of one unit of `gas` under `gwp_set`, with a factor edition's own GWP where it
    gives one and the inventory uses the edition's basis (under another GWP set, that set's values)."""
    if overrides and gwp_set == basis:
        for name, value in overrides:
            if name == gas:
                return _routed(gas, value)
    return per_unit(gas, gwp_set)


def _routed(gas: str, value: float) -> Weighted:
    """One unit of `gas` weighed `value` (an edition's own weight) and reported where the gas is
    always reported: biogenic CO2 and Montreal-Protocol gases apart from the total, never in it.
    (CO2e and blends with a Montreal-Protocol share have no override: `override_problem`.)"""
    if gas == CO2_BIOGENIC:
        return Weighted(biogenic=value, gwp=value)
    table = _table()
    kinds = _blend_kinds(gas, table) if gas in table.blends else {table.kinds.get(gas, "kyoto")}
    if kinds <= {"kyoto"} or gas == CH4_FOSSIL:
        return Weighted(in_total=value, gwp=value)
    return Weighted(non_kyoto=value, gwp=value)


def _blend_kinds(blend: str, table: _Table) -> set[str]:
    """Whether a blend's components are Kyoto gases, Montreal-Protocol gases or both (hydrocarbons,
    with no GWP, are neither)."""
    return {"kyoto" if table.kinds[c] == "kyoto" else "other" for c in table.blends[blend] if c in table.kinds}


def override_problem(gas: str) -> str | None:
    """Why a factor edition cannot give `gas` (canonical) a weight of its own, or None if it can:
    CO2e is weighted already, and a blend with a Montreal-Protocol share is counted partly in the
    total and partly apart, so that one weight cannot say how much goes where."""
    if gas == CO2E:
        return tr("CO2e is weighted already by the source: it has no GWP of its own")
    table = _table()
    if gas in table.blends and len(_blend_kinds(gas, table)) > 1:
        return tr(
            "{gas} is a blend with a Montreal-Protocol share, reported apart from the total: "
            "one weight cannot say how much of it counts in the total",
            gas=gas,
        )
    return None


def weigh(gas: str, mass: float, gwp_set: str) -> Weighted:
    """CO2e of `mass` of a canonical gas name under `gwp_set`, in the unit of `mass`."""
    if gas == CO2E:
        return Weighted(in_total=mass, gwp=1.0)
    if gas == CO2_BIOGENIC:
        return Weighted(biogenic=mass, gwp=1.0)
    table = _table()
    if gas in table.blends:
        return _weigh_blend(gas, mass, gwp_set, table)
    value = gwp_value(gas, gwp_set)
    if value is None:
        return Weighted(problems=(tr("{gas} has no 100-year GWP in {gwp_set}", gas=gas, gwp_set=gwp_set),))
    if table.kinds.get(gas, "kyoto") == "kyoto" or gas == CH4_FOSSIL:
        return Weighted(in_total=mass * value, gwp=value)
    return Weighted(non_kyoto=mass * value, gwp=value)


def _weigh_blend(blend: str, mass: float, gwp_set: str, table: _Table) -> Weighted:
    kyoto_gwp = 0.0
    montreal_gwp = 0.0
    problems = []
    for component, fraction in table.blends[blend].items():
        if component in _HYDROCARBONS:
            continue
        value = gwp_value(component, gwp_set)
        if value is None:
            problems.append(
                tr(
                    "{component} (in {blend}) has no 100-year GWP in {gwp_set}",
                    component=component,
                    blend=blend,
                    gwp_set=gwp_set,
                )
            )
        elif table.kinds[component] == "kyoto":
            kyoto_gwp += fraction * value
        else:
            montreal_gwp += fraction * value
    return Weighted(
        in_total=mass * kyoto_gwp,
        non_kyoto=mass * montreal_gwp,
        gwp=kyoto_gwp + montreal_gwp,
        problems=tuple(problems),
    )
