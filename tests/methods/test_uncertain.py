"""The parameters each method declares for the uncertainty analysis (`uncertain(params)`), checked
against compute() and against the printed tables.

Expected ranges are typed in here from their sources, not read from the code under test:
- GL2006 Vol.4 Tables 5.11-5.13 (rice) and 11.1, 11.3 (managed soils): the "2006 IPCC default" rows
  of the IPCC Emission Factor Database export kept in Open-Earth-Foundation/CityCatalyst
  (app/seed-data/emissions_factors/data_raw/EFDB_2006_IPCC_guidelines/EFDB_output.xlsx), e.g. row
  415830 "1.3 (0.80 - 2.20) kg CH4/ha/day" and row 417317 "0.01(0.003 - 0.03) kg N2O-N/kg N input";
- GL2006 Vol.5 Table 4.1 (composting, anaerobic digestion): ipcc-methods-and-frameworks.md §3.3;
- GL2006 Vol.5 Table 3.5 (MCF, DOCf), Table 3.3 (k), Table 6.7 (Bo) and Table 6.11 (F_IND-COM): the
  IPCC parameter tables of bonsai_ipcc 0.5.3 (data/waste/swd/par_mcf.csv, par_doc_f.csv, par_k.csv,
  data/waste/wastewater/par_b0_bod.csv, par_f_ind_com.csv), which print the same percentages;
- GL2006 Vol.4 Ch.10 (enteric fermentation, manure management), Ch.11 §11.3-11.4 (liming, urea), Vol.5
  Ch.5 §5.7.1 (open burning) and Ch.6 Table 6.10 (industrial Bo): the official PDFs, read for these
  tests (public copies in icra/ecam, frontend/docs/2006-ipcc/); each number's page is beside it.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ghgcalc import methods
from ghgcalc.methods import Uncertain
from tests.helpers import assert_input_error, at, ghgcalc, write

YEAR = 2024
REL = 1e-12

# Lines of the methods whose ranges were read from the GL2006 PDFs (see the module docstring).
ENTERIC_CATTLE: dict[str, Any] = {"animal": "other-cattle", "heads": 1250}  # Table 10.11, Asia: 47
ENTERIC_SWINE: dict[str, Any] = {"animal": "swine", "heads": 400, "development": "developed"}  # Table 10.10: 1.5
ENTERIC_GIVEN: dict[str, Any] = {"animal": "buffalo", "heads": 300, "ef": 60}
MANURE_DAIRY: dict[str, Any] = {  # the worked example of docs/methods/afolu-energy.md
    "animal": "dairy-cattle",
    "heads": 100,
    "temperature": 27.4,
    "ms": {"solid-storage": 0.5, "daily-spread": 0.2, "pasture-range-paddock": 0.3},
}
MANURE_PASTURE: dict[str, Any] = {
    "animal": "buffalo",
    "heads": 50,
    "tam": 300,
    "temperature": 25,
    "ms": {"pasture-range-paddock": 1},
}
MANURE_GIVEN: dict[str, Any] = {
    "animal": "swine",
    "heads": 2000,
    "tam": 60,
    "ef_ch4": 10,
    "nex_rate": 0.42,
    "ms": {"pit-storage": 0.5, "uncovered-anaerobic-lagoon": 0.5},
    "ef3": {"pit-storage": 0.004},
}
MANURE_WEIGHTED: dict[str, Any] = {
    "animal": "other-cattle",
    "heads": 80,
    "temperature": 30,
    "ms": {"dry-lot": 1},
    "ef3_weighted": 0.03,
}
UREA: dict[str, Any] = {"urea": 100}
UREA_GIVEN: dict[str, Any] = {"urea": 100, "ef": 0.15}
LIMING: dict[str, Any] = {"limestone": 10, "dolomite": 5}
DOLOMITE_ONLY: dict[str, Any] = {"dolomite": 5, "ef_dolomite": 0.1}
OPEN_BURNING: dict[str, Any] = {  # the worked example of docs/methods/waste.md
    "tonnes": 100,
    "technology": "open-burning",
    "composition": {"food": 0.5, "paper": 0.2, "plastics": 0.3},
}
OPEN_BURNING_GIVEN: dict[str, Any] = {**OPEN_BURNING, "of": 0.9, "ch4_g_per_t": 3000}
INCINERATOR: dict[str, Any] = {"tonnes": 100, "technology": "batch-stoker"}
INDUSTRIAL: dict[str, Any] = {  # the worked example of docs/methods/waste.md
    "production_t": 1000,
    "wastewater_m3_per_t": 20,
    "cod_kg_per_m3": 5,
    "pathways": [{"share": 1, "system": "anaerobic-deep-lagoon"}],
}
INDUSTRIAL_GIVEN: dict[str, Any] = {"cod_kg": 50_000, "pathways": [{"share": 1, "mcf": 0.3}], "bo": 0.21}

# (module, params, the fields it must declare)
CASES: list[tuple[str, dict[str, Any], list[str]]] = [
    (
        "afolu_rice",
        {
            "area": 10,
            "area_unit": "ha",
            "days": 120,
            "water_regime": "intermittent-single-aeration",
            "pre_season": "non-flooded-more-than-180-days",
        },
        ["efc", "sfw", "sfp"],
    ),
    ("afolu_rice", {"area": 5, "days": 100, "efc": 1.5, "sfw": 0.5, "pre_season": "aggregated"}, ["efc", "sfp"]),
    (
        "afolu_rice",
        {"area": 5, "days": 100, "water_regime": "upland", "pre_season": "flooded-more-than-30-days"},
        [],
    ),
    (
        "afolu_soils_direct",
        {
            "f_sn": 1000,
            "f_on": 300,
            "f_prp_cpp": 200,
            "f_prp_so": 50,
            "organic_soil_area": 10,
            "area_unit": "ha",
            "deduct_volatilised_n": True,
        },
        ["ef1", "ef3prp_cpp", "ef3prp_so", "ef2", "frac_gasf"],
    ),
    ("afolu_soils_direct", {"f_sn": {"amount": 2, "unit": "t"}, "flooded_rice": True}, ["ef1fr"]),
    (
        "afolu_soils_direct",
        {"f_on": 100, "organic_soil_area": 4, "organic_soil_climate": "temperate", "ef2": 6},
        ["ef1", "ef2"],
    ),
    (
        "afolu_soils_indirect",
        {"f_sn": 1000, "f_on": 500, "f_prp": 300, "f_cr": 100},
        ["frac_gasf", "frac_gasm", "ef4", "frac_leach", "ef5"],
    ),
    ("afolu_soils_indirect", {"f_on": 500, "frac_leach": 0}, ["frac_gasm", "ef4"]),
    ("waste_biological", {"treatment": "composting", "tonnes": 1200}, ["ef_ch4_g_per_kg", "ef_n2o_g_per_kg"]),
    (
        "waste_biological",
        {"treatment": "anaerobic-digestion", "tonnes": 500, "basis": "dry", "recovered_kg_ch4": 200},
        ["ef_ch4_g_per_kg"],
    ),
    (
        "waste_biological",
        {"treatment": "composting", "tonnes": 100, "basis": "dry", "ef_ch4_g_per_kg": 5},
        ["ef_ch4_g_per_kg", "ef_n2o_g_per_kg"],
    ),
    ("waste_landfill_fod", {"deposits": {2000: 1000, 2010: 2500, 2020: 3000}}, ["mcf", "docf", "f"]),
    (
        "waste_landfill_fod",
        {"deposits": {2015: 4000}, "doc": 0.15, "site_type": "managed-anaerobic", "recovered_t_ch4": {2024: 2}},
        ["mcf", "docf", "f", "doc", "k"],
    ),
    (
        "waste_landfill_fod",
        {"deposits": {2010: 800}, "k": 0.1, "mcf": 0.7, "docf": 0.6, "climate": "tropical-dry"},
        ["mcf", "docf", "f", "k"],
    ),
    ("waste_methane_commitment", {"tonnes": 1000}, ["mcf", "docf", "f"]),
    (
        "waste_methane_commitment",
        {"tonnes": 400, "site_type": "unmanaged-shallow", "docf": 0.6},
        ["mcf", "docf", "f"],
    ),
    (
        "wastewater_domestic",
        {"population": 10000, "pathways": [{"share": 0.7, "system": "septic-system"}, {"share": 0.3, "mcf": 0.1}]},
        ["bo"],
    ),
    ("wastewater_domestic", {"population": 10000, "ch4_kg_per_person_year": 1.2}, []),
    (
        "wastewater_n2o",
        {"population": 10000, "protein_kg_per_person_year": 25, "advanced_plant_share": 0.2},
        ["f_ind_com"],
    ),
    ("afolu_enteric", ENTERIC_CATTLE, ["ef"]),
    ("afolu_enteric", ENTERIC_SWINE, ["ef"]),
    ("afolu_enteric", ENTERIC_GIVEN, ["ef"]),
    ("afolu_manure", MANURE_DAIRY, ["ef_ch4", "nex_rate", "tam", "ef3_weighted"]),
    ("afolu_manure", MANURE_PASTURE, ["ef_ch4"]),  # no EF3 on pasture: N2O is reported under managed soils
    ("afolu_manure", MANURE_GIVEN, ["ef_ch4", "nex_rate", "ef3_weighted"]),
    ("afolu_manure", MANURE_WEIGHTED, ["ef_ch4", "nex_rate", "tam", "ef3_weighted"]),
    ("afolu_urea", UREA, ["ef"]),
    ("afolu_urea", UREA_GIVEN, ["ef"]),
    ("afolu_liming", LIMING, ["ef_limestone", "ef_dolomite"]),
    ("afolu_liming", DOLOMITE_ONLY, ["ef_dolomite"]),
    ("waste_incineration", OPEN_BURNING, ["of", "ch4_g_per_t", "n2o_g_per_t"]),
    ("waste_incineration", OPEN_BURNING_GIVEN, ["of", "ch4_g_per_t", "n2o_g_per_t"]),
    ("waste_incineration", INCINERATOR, []),
    ("wastewater_industrial", INDUSTRIAL, ["bo"]),
    ("wastewater_industrial", INDUSTRIAL_GIVEN, ["bo"]),
]
IDS = [f"{module}-{i}" for i, (module, _, _) in enumerate(CASES)]


def module_of(name: str) -> Any:
    return importlib.import_module(f"ghgcalc.methods.{name}")


def prepared(name: str, params: dict[str, Any]) -> tuple[Any, Any, list[Uncertain]]:
    module = module_of(name)
    checked = module.Params.model_validate(params)
    return module, checked, module.uncertain(checked)


def same(found: dict[str, Any], expected: dict[str, Any]) -> bool:
    return found.keys() == expected.keys() and all(
        np.allclose(found[gas], expected[gas], rtol=REL, atol=0) for gas in expected
    )


# --- (1) the declared fields are the ones compute() uses, with the value it used ----------------


@pytest.mark.parametrize(("name", "params", "fields"), CASES, ids=IDS)
def test_declared_fields_are_the_line_s_own(name: str, params: dict[str, Any], fields: list[str]) -> None:
    module, checked, declared = prepared(name, params)
    assert [u.field for u in declared] == fields
    base = module.compute(checked, YEAR)
    for u in declared:
        assert u.field in module.Params.model_fields
        # setting the field to the declared value changes nothing: it is the value compute() used
        assert module.compute(checked.model_copy(update={u.field: u.value}), YEAR) == base, u.field
        # and compute() reads the field: another value changes the result
        assert module.compute(checked.model_copy(update={u.field: u.value * 0.9}), YEAR) != base, u.field


def test_a_number_given_directly_overrides_the_table_choice() -> None:
    # rice: sfw overrides water_regime, sfp overrides pre_season (the analysis sets these fields)
    module, checked, _ = prepared("afolu_rice", CASES[0][1])
    base = module.compute(checked, YEAR)["CH4"]
    doubled = module.compute(checked.model_copy(update={"sfw": 2 * 0.60}), YEAR)["CH4"]
    assert doubled == pytest.approx(2 * base, rel=REL)
    halved = module.compute(checked.model_copy(update={"sfp": 0.68 / 2}), YEAR)["CH4"]
    assert halved == pytest.approx(base / 2, rel=REL)
    # landfill: mcf overrides site_type, k overrides the climate table
    fod = module_of("waste_landfill_fod")
    line = fod.Params.model_validate({"deposits": {2000: 1000}, "doc": 0.2})
    ch4 = fod.compute(line, YEAR)["CH4"]
    assert fod.compute(line.model_copy(update={"mcf": 0.3}), YEAR)["CH4"] == pytest.approx(ch4 / 2, rel=REL)
    slow = fod.compute(line.model_copy(update={"k": 0.05}), YEAR)["CH4"]
    assert slow != ch4
    # enteric: ef overrides Tables 10.10/10.11 (other cattle, Asia: 47)
    enteric, cattle, _ = prepared("afolu_enteric", ENTERIC_CATTLE)
    assert enteric.compute(cattle, YEAR)["CH4"] == 1250 * 47
    assert enteric.compute(cattle.model_copy(update={"ef": 60.0}), YEAR)["CH4"] == 1250 * 60
    # manure: ef_ch4 overrides Table 10.14 (dairy, Asia, 27 degC: 31), ef3_weighted the shares x Table 10.21
    manure, dairy, _ = prepared("afolu_manure", MANURE_DAIRY)
    assert manure.compute(dairy.model_copy(update={"ef_ch4": 20.0}), YEAR)["CH4"] == 100 * 20
    nex = 0.47 * 350 / 1000 * 365  # Table 10.19 and Annex 10A.2, Asia dairy
    n2o = manure.compute(dairy.model_copy(update={"ef3_weighted": 0.01}), YEAR)["N2O"]
    assert n2o == pytest.approx(100 * nex * 0.01 * 44 / 28, rel=REL)
    # open burning: ch4_g_per_t overrides the 6,500 g/t of §5.4.2, of the 0.58 of Table 5.2
    burning, line, _ = prepared("waste_incineration", OPEN_BURNING)
    assert burning.compute(line.model_copy(update={"ch4_g_per_t": 1000.0}), YEAR)["CH4"] == 100 * 1000 / 1000
    co2 = burning.compute(line, YEAR)["CO2"]
    assert burning.compute(line.model_copy(update={"of": 0.29}), YEAR)["CO2"] == pytest.approx(co2 / 2, rel=REL)


def test_doubling_a_factor_doubles_its_term() -> None:
    # soils direct, Eq. 11.1: only the F_SN term, so doubling EF1 doubles N2O
    module, checked, _ = prepared("afolu_soils_direct", {"f_sn": 1000})
    base = module.compute(checked, YEAR)["N2O"]
    assert base == pytest.approx(1000 * 0.01 * 44 / 28, rel=REL)
    assert module.compute(checked.model_copy(update={"ef1": 0.02}), YEAR)["N2O"] == pytest.approx(2 * base, rel=REL)
    # methane commitment: CH4 is proportional to MCF and to DOCf
    mc = module_of("waste_methane_commitment")
    line = mc.Params.model_validate({"tonnes": 1000, "doc": 0.15})
    ch4 = mc.compute(line, YEAR)["CH4"]
    assert ch4 == pytest.approx(1000 * 0.6 * 0.15 * 0.5 * 0.5 * 16 / 12 * 1000, rel=REL)
    assert mc.compute(line.model_copy(update={"docf": 1.0}), YEAR)["CH4"] == pytest.approx(2 * ch4, rel=REL)
    # urea, Eq. 11.13: CO2 = M x EF x 44/12, so half the EF is half the CO2
    urea, line, _ = prepared("afolu_urea", UREA)
    assert urea.compute(line, YEAR)["CO2"] == pytest.approx(100_000 * 0.20 * 44 / 12, rel=REL)
    assert urea.compute(line.model_copy(update={"ef": 0.10}), YEAR)["CO2"] == pytest.approx(100_000 * 0.10 * 44 / 12)
    # liming, Eq. 11.12: halving EF_limestone halves only the limestone term
    liming, line, _ = prepared("afolu_liming", LIMING)
    halved = liming.compute(line.model_copy(update={"ef_limestone": 0.06}), YEAR)["CO2"]
    assert halved == pytest.approx((10_000 * 0.06 + 5_000 * 0.13) * 44 / 12, rel=REL)
    # industrial wastewater, Eq. 6.4: CH4 is proportional to Bo (100,000 kg COD x MCF 0.8 of a deep lagoon)
    industrial, line, _ = prepared("wastewater_industrial", INDUSTRIAL)
    assert industrial.compute(line, YEAR)["CH4"] == pytest.approx(0.25 * 0.8 * 100_000, rel=REL)
    assert industrial.compute(line.model_copy(update={"bo": 0.5}), YEAR)["CH4"] == pytest.approx(0.5 * 0.8 * 100_000)


# --- (2) ranges around the value, with their source -----------------------------------------------


@pytest.mark.parametrize(("name", "params", "fields"), CASES, ids=IDS)
def test_ranges_hold_the_value_and_cite_their_table(name: str, params: dict[str, Any], fields: list[str]) -> None:
    _, _, declared = prepared(name, params)
    for u in declared:
        assert u.low <= u.value <= u.high, u
        assert u.low < u.high, u
        assert "IPCC 2006 Guidelines" in u.source and ("Table" in u.source or "§" in u.source), u.source
        if u.limit is not None:
            assert u.limit == 1.0 and u.value <= u.limit


FRACTIONS = {"sfw", "mcf", "docf", "frac_gasf", "frac_gasm", "frac_leach", "of"}


def test_fractions_are_cut_at_one() -> None:
    for name, params, _ in CASES:
        for u in prepared(name, params)[2]:
            if u.field in FRACTIONS - {"sfw"}:  # SFw is a scaling factor: the aggregated rows reach 1.26
                assert u.limit == 1.0, (name, u.field)


# --- (3) compute() on drawn arrays equals compute() on each number ------------------------------


def draws(u: Uncertain) -> np.ndarray:
    values = np.linspace(u.low, u.high, 5)
    values[0] = max(values[0], u.value * 0.05)  # a range from 0 (EF1FR, anaerobic digestion): keep it positive
    return np.minimum(values, u.limit) if u.limit is not None else values


@pytest.mark.parametrize(("name", "params", "fields"), CASES, ids=IDS)
def test_compute_takes_arrays(name: str, params: dict[str, Any], fields: list[str]) -> None:
    module, checked, declared = prepared(name, params)
    for u in declared:
        values = draws(u)
        vector = module.compute(checked.model_copy(update={u.field: values}), YEAR)
        for i, value in enumerate(values):
            scalar = module.compute(checked.model_copy(update={u.field: float(value)}), YEAR)
            picked = {gas: np.broadcast_to(np.asarray(v, dtype=float), (5,))[i] for gas, v in vector.items()}
            assert same(picked, scalar), (u.field, i, picked, scalar)
    if declared:  # every parameter drawn at once, as the Monte Carlo analysis does
        update = {u.field: draws(u) for u in declared}
        vector = module.compute(checked.model_copy(update=update), YEAR)
        for i in range(5):
            one = {field: float(values[i]) for field, values in update.items()}
            scalar = module.compute(checked.model_copy(update=one), YEAR)
            picked = {gas: np.broadcast_to(np.asarray(v, dtype=float), (5,))[i] for gas, v in vector.items()}
            assert same(picked, scalar), (i, picked, scalar)


def test_recovery_larger_than_generation_is_still_zero_on_arrays() -> None:
    module = module_of("waste_biological")
    # the value given recovers all the CH4 generated (100 t x 0.8 g/kg, Table 4.1): more would be refused
    line = module.Params.model_validate({"treatment": "anaerobic-digestion", "tonnes": 100, "recovered_kg_ch4": 80})
    out = module.compute(line.model_copy(update={"ef_ch4_g_per_kg": np.array([0.5, 0.8, 2.0])}), YEAR)
    # 100 t x 0.5 g/kg = 50 kg < 80 kg recovered -> 0; 80 -> 0; 200 - 80 = 120
    assert list(out["CH4"]) == [0.0, 0.0, 120.0]
    industrial = module_of("wastewater_industrial")
    line = industrial.Params.model_validate({**INDUSTRIAL, "recovered_kg_ch4": 20_000})
    out = industrial.compute(line.model_copy(update={"bo": np.array([0.2, 0.25, 0.3])}), YEAR)
    # 0.2 x 0.8 x 100,000 = 16,000 kg < 20,000 recovered -> 0; 20,000 -> 0; 24,000 - 20,000 = 4,000
    assert list(out["CH4"]) == [0.0, 0.0, pytest.approx(4_000.0, rel=REL)]


# --- (4) the ranges against the printed tables, by hand --------------------------------------------


def declared_by_field(name: str, params: dict[str, Any]) -> dict[str, Uncertain]:
    return {u.field: u for u in prepared(name, params)[2]}


def bounds(u: Uncertain) -> tuple[float, float, float]:
    return (u.value, u.low, u.high)


def test_rice_ranges_are_tables_5_11_to_5_13() -> None:
    found = declared_by_field("afolu_rice", CASES[0][1])
    assert bounds(found["efc"]) == (1.30, 0.80, 2.20)  # EFc, Table 5.11 (EFDB 415830)
    assert bounds(found["sfw"]) == (0.60, 0.46, 0.80)  # single aeration, Table 5.12 (EFDB 415833)
    assert bounds(found["sfp"]) == (0.68, 0.58, 0.80)  # non-flooded > 180 days, Table 5.13 (EFDB 415841)
    assert "Table 5.11" in found["efc"].source and "Table 5.12" in found["sfw"].source


def test_a_value_given_keeps_the_default_s_relative_range() -> None:
    found = declared_by_field("afolu_rice", CASES[1][1])
    # efc: 1.5 given; Table 5.11 prints 1.30 (0.80-2.20), i.e. -38.5 % / +69.2 %
    assert found["efc"].low == pytest.approx(1.5 * 0.80 / 1.30, rel=REL)
    assert found["efc"].high == pytest.approx(1.5 * 2.20 / 1.30, rel=REL)
    assert "applied relative to the value given" in found["efc"].source
    assert bounds(found["sfp"]) == (1.22, 1.07, 1.40)  # aggregated, Table 5.13 (EFDB 415843)
    assert "applied relative" not in found["sfp"].source


def test_soils_ranges_are_tables_11_1_and_11_3() -> None:
    direct = declared_by_field("afolu_soils_direct", CASES[3][1])
    assert bounds(direct["ef1"]) == (0.01, 0.003, 0.03)  # EFDB 417317
    assert bounds(direct["ef3prp_cpp"]) == (0.02, 0.007, 0.06)  # EFDB 417324
    assert bounds(direct["ef3prp_so"]) == (0.01, 0.003, 0.03)
    assert bounds(direct["ef2"]) == (16, 5, 48)  # tropical cropland and grassland, EFDB 417320
    assert bounds(direct["frac_gasf"]) == (0.10, 0.03, 0.3)  # Table 11.3, EFDB 417416
    rice = declared_by_field("afolu_soils_direct", CASES[4][1])
    assert bounds(rice["ef1fr"]) == (0.003, 0.000, 0.006)  # EFDB 417318
    temperate = declared_by_field("afolu_soils_direct", CASES[5][1])
    # EF2 given as 6 on temperate soils: Table 11.1 prints 8 (2-24)
    assert temperate["ef2"].low == pytest.approx(6 * 2 / 8, rel=REL)
    assert temperate["ef2"].high == pytest.approx(6 * 24 / 8, rel=REL)
    indirect = declared_by_field("afolu_soils_indirect", CASES[6][1])
    assert bounds(indirect["ef4"]) == (0.01, 0.002, 0.05)  # EFDB 417414
    assert bounds(indirect["ef5"]) == (0.0075, 0.0005, 0.025)  # EFDB 417415
    assert bounds(indirect["frac_gasm"]) == (0.20, 0.05, 0.5)  # EFDB 417417
    assert bounds(indirect["frac_leach"]) == (0.30, 0.1, 0.8)  # EFDB 417418


def test_biological_ranges_are_table_4_1() -> None:
    wet = declared_by_field("waste_biological", CASES[8][1])
    assert bounds(wet["ef_ch4_g_per_kg"]) == (4.0, 0.03, 8.0)  # composting, wet weight
    assert bounds(wet["ef_n2o_g_per_kg"]) == (0.24, 0.06, 0.6)
    digester = declared_by_field("waste_biological", CASES[9][1])
    assert bounds(digester["ef_ch4_g_per_kg"]) == (2.0, 0.0, 20.0)  # anaerobic digestion, dry weight
    assert "ef_n2o_g_per_kg" not in digester  # "assumed negligible": no range
    given = declared_by_field("waste_biological", CASES[10][1])
    # 5 g/kg given for composting on dry weight; Table 4.1 prints 10 (0.08-20)
    assert given["ef_ch4_g_per_kg"].low == pytest.approx(5 * 0.08 / 10, rel=REL)
    assert given["ef_ch4_g_per_kg"].high == pytest.approx(5 * 20 / 10, rel=REL)
    assert bounds(given["ef_n2o_g_per_kg"]) == (0.6, 0.2, 1.6)


def test_landfill_ranges_are_tables_3_3_and_3_5() -> None:
    default = declared_by_field("waste_landfill_fod", CASES[11][1])
    # MCF uncategorised 0.6, Table 3.5 "-50 %, +60 %": 0.3 to 0.96; DOCf 0.5 +-20 %: 0.4 to 0.6
    mcf = default["mcf"]
    assert (mcf.value, mcf.low, mcf.high) == (0.6, pytest.approx(0.6 * 0.5), pytest.approx(0.6 * 1.6))
    docf = default["docf"]
    assert (docf.value, docf.low, docf.high) == (0.5, pytest.approx(0.5 * 0.8), pytest.approx(0.5 * 1.2))
    bulk = declared_by_field("waste_landfill_fod", CASES[12][1])
    assert bounds(bulk["mcf"]) == (1.0, 0.9, 1.0)  # managed anaerobic: -10 %, +0 %
    assert bounds(bulk["k"]) == (0.17, 0.15, 0.2)  # bulk waste, tropical wet, Table 3.3
    given = declared_by_field("waste_landfill_fod", CASES[13][1])
    assert given["k"].low == pytest.approx(0.1 * 0.05 / 0.065, rel=REL)  # tropical dry bulk: 0.065 (0.05-0.08)
    assert given["mcf"].high == pytest.approx(0.7 * 1.6, rel=REL)  # relative to uncategorised
    shallow = declared_by_field("waste_methane_commitment", CASES[15][1])
    assert (shallow["mcf"].low, shallow["mcf"].high) == (pytest.approx(0.4 * 0.7), pytest.approx(0.4 * 1.3))
    # Table 3.5 p.3.27: F = 0.5 "For IPCC default value: ±5%"; DOC "For IPCC default values: ±20%"
    assert bounds(default["f"]) == (0.5, pytest.approx(0.475), pytest.approx(0.525))
    assert bounds(bulk["doc"]) == (0.15, pytest.approx(0.12), pytest.approx(0.18))
    assert "±5%" in default["f"].source and "±20%" in bulk["doc"].source


def test_landfill_range_tables_agree_with_the_defaults_compute_uses() -> None:
    common = module_of("waste_common")
    assert {site: row[0] for site, row in common.MCF_RANGE.items()} == common.MCF_BY_SITE
    assert {zone: row[0] for zone, row in common.K_BULK_RANGE.items()} == {
        zone: table["bulk"] for zone, table in common.K_BY_CLIMATE.items()
    }


def test_wastewater_ranges_are_tables_6_7_and_6_11() -> None:
    domestic = declared_by_field("wastewater_domestic", CASES[16][1])
    assert domestic["bo"].value == 0.6  # Bo +-30 %
    assert (domestic["bo"].low, domestic["bo"].high) == (pytest.approx(0.6 * 0.7), pytest.approx(0.6 * 1.3))
    n2o = declared_by_field("wastewater_n2o", CASES[18][1])
    assert bounds(n2o["f_ind_com"]) == (1.25, 1.0, 1.5)


def relative(u: Uncertain) -> tuple[float, float]:
    """The range as multiples of the value, rounded off the last bits of float arithmetic."""
    return (round(u.low / u.value, 12), round(u.high / u.value, 12))


def test_enteric_range_is_the_upper_end_of_30_to_50_percent() -> None:
    # Table 10.10 p.10.28 "±30-50%", §10.3.4 p.10.33 "may be uncertain to ±50%": upper end, ±50 %
    cattle = declared_by_field("afolu_enteric", ENTERIC_CATTLE)["ef"]
    assert cattle.value == 47 and relative(cattle) == (0.5, 1.5)  # Table 10.11 p.10.29, Asia other cattle
    assert "±30-50%" in cattle.source and "Upper end taken" in cattle.source
    swine = declared_by_field("afolu_enteric", ENTERIC_SWINE)["ef"]
    assert (swine.value, swine.low, swine.high) == (1.5, 0.75, 2.25)  # Table 10.10, developed countries
    given = declared_by_field("afolu_enteric", ENTERIC_GIVEN)["ef"]
    assert given.value == 60 and relative(given) == (0.5, 1.5)  # §10.3.4: Tier 2 "similar to ... Tier 1"
    assert "Tier 2" in given.source


def test_manure_ranges_are_tables_10_14_10_19_and_10_21() -> None:
    dairy = declared_by_field("afolu_manure", MANURE_DAIRY)
    # CH4 Table 10.14 p.10.39 (Asia dairy, 27 degC: 31) "±30 %"; Nrate Table 10.19 p.10.59 (0.47) "±50%"
    assert dairy["ef_ch4"].value == 31 and relative(dairy["ef_ch4"]) == (0.7, 1.3)
    assert dairy["nex_rate"].value == 0.47 and relative(dairy["nex_rate"]) == (0.5, 1.5)
    # TAM, Annex 10A.2: dairy cows (Table 10A-4 p.10.77, Asia 350 kg) "±10%"
    assert dairy["tam"].value == 350 and relative(dairy["tam"]) == (0.9, 1.1)
    # EF3 Table 10.21 pp.10.62-10.64 "Factor of 2"; 0.5 x 0.005 (solid storage) + 0.2 x 0 + 0.3 x 0
    ef3 = dairy["ef3_weighted"]
    assert ef3.value == pytest.approx(0.0025, rel=REL) and relative(ef3) == (0.5, 2.0)
    assert "Factor of 2" in ef3.source and "applied relative" not in ef3.source
    given = declared_by_field("afolu_manure", MANURE_GIVEN)
    assert given["ef_ch4"].value == 10 and relative(given["ef_ch4"]) == (0.7, 1.3)
    assert given["nex_rate"].value == 0.42 and "applied relative to the value given" in given["nex_rate"].source
    assert "tam" not in given  # swine: no default mass carried, so no range for the one given
    assert given["ef3_weighted"].value == pytest.approx(0.5 * 0.004, rel=REL)  # the lagoon's EF3 is 0
    assert "applied relative to the value given" in given["ef3_weighted"].source
    weighted = declared_by_field("afolu_manure", MANURE_WEIGHTED)
    assert bounds(weighted["ef3_weighted"]) == (0.03, 0.015, 0.06)
    # other cattle (Table 10A-5 p.10.78, Asia 319 kg) "±25%"
    assert weighted["tam"].value == 319 and relative(weighted["tam"]) == (0.75, 1.25)


def test_urea_and_liming_ranges_lie_below_the_carbon_content() -> None:
    # §11.4.1 p.11.32 and §11.3.1 p.11.27: "-50%", and no higher than the factor, the maximum
    urea = declared_by_field("afolu_urea", UREA)["ef"]
    assert (urea.value, urea.low, urea.high) == (0.20, 0.10, 0.20)
    given = declared_by_field("afolu_urea", UREA_GIVEN)["ef"]
    assert (given.low, given.high) == (pytest.approx(0.075, rel=REL), pytest.approx(0.15, rel=REL))
    lime = declared_by_field("afolu_liming", LIMING)
    assert bounds(lime["ef_limestone"]) == (0.12, 0.06, 0.12)
    assert bounds(lime["ef_dolomite"]) == (0.13, 0.065, 0.13)
    dolomite = declared_by_field("afolu_liming", DOLOMITE_ONLY)
    assert "ef_limestone" not in dolomite  # no limestone applied: nothing to vary
    assert (dolomite["ef_dolomite"].low, dolomite["ef_dolomite"].high) == (pytest.approx(0.05), pytest.approx(0.1))


def test_open_burning_ranges_are_section_5_7_1() -> None:
    burning = declared_by_field("waste_incineration", OPEN_BURNING)
    # CO2 factor of open burning ±40 %, carried by OF 0.58 (Table 5.2); CH4 and N2O "± 100 percent or more"
    assert burning["of"].value == 0.58 and relative(burning["of"]) == (0.6, 1.4) and burning["of"].limit == 1.0
    assert bounds(burning["ch4_g_per_t"]) == (6500, 0, 13000)  # §5.4.2 p.5.20: 6,500 g/t wet
    assert bounds(burning["n2o_g_per_t"]) == (150, 0, 300)  # Table 5.6 p.5.22: 150 g/t dry
    given = declared_by_field("waste_incineration", OPEN_BURNING_GIVEN)
    assert given["of"].value == 0.9 and given["of"].high == pytest.approx(1.26, rel=REL)  # drawn values cut at 1
    assert given["ch4_g_per_t"].value == 3000 and "applied relative" in given["ch4_g_per_t"].source
    assert declared_by_field("waste_incineration", INCINERATOR) == {}


def test_industrial_bo_range_is_table_6_10() -> None:
    bo = declared_by_field("wastewater_industrial", INDUSTRIAL)["bo"]
    assert bo.value == 0.25 and relative(bo) == (0.7, 1.3)  # Table 6.10 p.6.23 "± 30%"
    given = declared_by_field("wastewater_industrial", INDUSTRIAL_GIVEN)["bo"]
    assert given.value == 0.21 and relative(given) == (0.7, 1.3)
    assert "applied relative to the value given" in given.source


# --- which methods declare parameters, through the method registry -------------------------------

WITH_RANGES = {
    "rice-cultivation",
    "soils-direct-n2o",
    "soils-indirect-n2o",
    "landfill-fod",
    "methane-commitment",
    "biological-treatment",
    "wastewater-domestic",
    "wastewater-n2o",
    "enteric-fermentation",
    "manure-management",
    "urea-application",
    "liming",
    "incineration",  # open burning only: see test_open_burning_ranges_are_section_5_7_1
    "wastewater-industrial",
}


def test_the_methods_with_published_ranges_declare_them() -> None:
    for name, method in methods.METHODS.items():
        has = hasattr(importlib.import_module(method.module), "uncertain")
        assert has == (name in WITH_RANGES), name


def test_the_registry_hands_the_declarations_over() -> None:
    method = methods.get("rice-cultivation")
    assert method is not None
    checked = method.checked(CASES[0][1])
    assert [u.field for u in method.uncertain(checked)] == ["efc", "sfw", "sfp"]
    enteric = methods.get("enteric-fermentation")
    assert enteric is not None
    [ef] = enteric.uncertain(enteric.checked({"animal": "buffalo", "heads": 10}))
    assert (ef.field, ef.value, ef.low, ef.high) == ("ef", 55, 27.5, 82.5)  # Table 10.10, ±50 %
    incineration = methods.get("incineration")
    assert incineration is not None
    assert incineration.uncertain(incineration.checked(INCINERATOR)) == []
    road = methods.get("road-distance")
    assert road is not None and not hasattr(importlib.import_module(road.module), "uncertain")


# --- what a user runs: the CLI on a file -------------------------------------------------------------

DECLARED_LINES = """\
ghgcalc: 1
name: Test district
kind: community
period: 2024
activities:
  - {method: enteric-fermentation, params: {animal: other-cattle, heads: 1250}}
  - {method: enteric-fermentation, params: {animal: other-cattle, heads: 500}}
  - method: manure-management
    params: {animal: dairy-cattle, heads: 100, temperature: 27.4, ms: {solid-storage: 0.5, daily-spread: 0.5}}
  - {method: urea-application, params: {urea: 100}}
  - {method: incineration, params: {tonnes: 100, technology: open-burning}}
  - {method: incineration, params: {tonnes: 100, technology: batch-stoker}}
"""


def test_compute_uncertainty_varies_the_declared_parameters(tmp_path: Path) -> None:
    write(tmp_path, "district.yaml", DECLARED_LINES)
    run = ghgcalc(tmp_path, "compute", "district.yaml", "--uncertainty", "--format", "json")
    assert run.code == 0, run
    inputs = json.loads(run.stdout)["uncertainty"]["inputs"]
    found = {i["name"]: (i["low_pct"], i["high_pct"], i["lines"]) for i in inputs if i["kind"] == "parameter"}
    assert found == {
        # one factor for both cattle lines: an error in it moves them together
        "enteric-fermentation ef = 47": (-50, 50, [1, 2]),  # Table 10.10, §10.3.4 (upper end of ±30-50 %)
        "manure-management ef_ch4 = 31": (-30, 30, [3]),  # Table 10.14
        "manure-management nex_rate = 0.47": (-50, 50, [3]),  # Table 10.19
        "manure-management tam = 350": (-10, 10, [3]),  # Table 10A-4
        "manure-management ef3_weighted = 0.0025": (-50, 100, [3]),  # Table 10.21, a factor of 2
        "urea-application ef = 0.2": (-50, 0, [4]),  # §11.4.1
        "incineration of = 0.58": (-40, 40, [5]),  # §5.7.1, open burning
        "incineration ch4_g_per_t = 6500": (-100, 100, [5]),
        "incineration n2o_g_per_t = 150": (-100, 100, [5]),
    }
    # the incinerator declares nothing: its whole result keeps the factor's data-quality default
    [whole] = [i for i in inputs if i["name"].startswith("method result of") and i["lines"] == [6]]
    assert whole["kind"] == "factor"


def test_ef3_weighted_with_ef3_is_refused_at_the_parameter(tmp_path: Path) -> None:
    text = DECLARED_LINES.replace(
        "daily-spread: 0.5}}", "daily-spread: 0.5}, ef3: {solid-storage: 0.004},\n             ef3_weighted: 0.002}"
    )
    write(tmp_path, "district.yaml", text)
    run = ghgcalc(tmp_path, "compute", "district.yaml")
    line, _ = at(text, "ef3_weighted:")
    assert_input_error(run, "district.yaml", "method-params", (line, None), hint="not both", message="ef3_weighted")
    assert "Traceback" not in run.stderr
