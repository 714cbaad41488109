"""Method defaults a user can override (docs/methods/*.md, "Overrides"): each override against a hand
computation from the method's equation and the documented constants, and each exclusivity or bound
as a located error with a hint.

Constants typed in here from their sources, not read from the code under test: IPCC 2006 Vol.5
Ch.6 (Bo 0.6 kg CH4/kg BOD, Table 6.4 Asia BOD 40 g/person/day, I 1.25 collected, Table 6.3 MCF
septic 0.5; Table 6.11 F_NPR 0.16, F_NON-CON 1.1, F_IND-COM 1.25, EF_EFFLUENT 0.005); IPCC 2006
Vol.4 Table 11.1 (EF1 0.01, EF2 tropical 16) and Table 11.3 (FracGASF 0.10, FracLEACH 0.30, EF4
0.01, EF5 0.0075); Table 5.11-5.13 (EFc 1.30, SFw rainfed-regular 0.28); 1 rai = 1,600 m2
(4 ngan, 400 tarang wa); the US short ton 2,000 lb = 907.18474 kg and the pound 0.45359237 kg (NIST
SP 811). None of these tests reproduces a published inventory: no published calculation using
these overrides was found (see docs/methods/waste.md, "Overrides").
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from ghgcalc.io.factor_store import FactorStore
from tests.conftest import run_inventory
from tests.helpers import assert_input_error, at, ghgcalc, snapshot, write

N2O_PER_N2O_N = 44 / 28
RAI_HA = 1600 / 10_000
SHORT_TON_KG = 907.18474
POUND_KG = 0.45359237


def inventory(method: str, params: str) -> str:
    """A community inventory with one method line; `params` is the YAML under `params:`."""
    body = textwrap.indent(textwrap.dedent(params).strip(), "      ")
    return (
        "ghgcalc: 1\nname: Test district\nkind: community\nperiod: 2566\nactivities:\n"
        f"  - method: {method}\n    params:\n{body}\n"
    )


def kg(method: str, params: str) -> dict[str, float]:
    """kg of each gas of the one line, computed through the whole inventory path."""
    outcome = run_inventory(inventory(method, params), store=FactorStore())
    errors = [issue for issue in outcome.issues if issue.is_error]
    assert outcome.result is not None, errors
    [line] = outcome.result.lines
    return {gas: tonnes * 1000 for gas, tonnes in line.gases_t.items()}


def close(value: float) -> object:
    return pytest.approx(value, rel=1e-12)


# --- wastewater organics: days per year and a per-person CH4 factor --------------------------------

DOMESTIC = """
population: 50000
pathways: [{share: 1, system: septic-system}]
"""


def test_days_per_year_default_is_365():
    tow = 50_000 * 40 * 0.001 * 1.25 * 365  # Eq. 6.3
    assert kg("wastewater-domestic", DOMESTIC) == {"CH4": close(0.6 * 0.5 * tow)}
    assert kg("wastewater-domestic", DOMESTIC + "days_per_year: 365") == kg("wastewater-domestic", DOMESTIC)


def test_days_per_year_gregorian():
    tow = 50_000 * 40 * 0.001 * 1.25 * 365.2425
    out = kg("wastewater-domestic", DOMESTIC + "days_per_year: 365.2425")
    assert out == {"CH4": close(0.6 * 0.5 * tow)}
    assert out["CH4"] / kg("wastewater-domestic", DOMESTIC)["CH4"] == close(365.2425 / 365)


def test_days_per_year_with_sludge_and_recovery():
    tow = 1_000 * 40 * 0.001 * 1.25 * 360
    params = "population: 1000\npathways: [{share: 1, mcf: 0.8}]\ndays_per_year: 360\nsludge_kg_bod: 500\n"
    out = kg("wastewater-domestic", params + "recovered_kg_ch4: 100")
    assert out == {"CH4": close(0.6 * 0.8 * (tow - 500) - 100)}


def test_per_person_ch4_factor_replaces_bod_bo_mcf():
    out = kg("wastewater-domestic", "population: 50000\nch4_kg_per_person_year: 2.5\nrecovered_kg_ch4: 1000")
    assert out == {"CH4": close(50_000 * 2.5 - 1_000)}


def test_wastewater_n2o_days_per_year_and_ratio():
    base = "population: 100000\nprotein_g_per_person_day: 68.5\n"
    n = 100_000 * 68.5 * 365.2425 / 1000 * 0.16 * 1.1 * 1.25  # Eq. 6.8, protein per day made yearly
    assert kg("wastewater-n2o", base + "days_per_year: 365.2425") == {"N2O": close(n * 0.005 * 44 / 28)}
    n = 100_000 * 68.5 * 365 / 1000 * 0.16 * 1.1 * 1.25
    assert kg("wastewater-n2o", base + "n2o_per_n2o_n: 1.57") == {"N2O": close(n * 0.005 * 1.57)}
    assert kg("wastewater-n2o", base) == {"N2O": close(n * 0.005 * 44 / 28)}


# --- soils: N2O-N -> N2O, the 1996 volatilisation deduction, N in any mass unit ----------------------


def test_soils_direct_n2o_ratio_override():
    assert kg("soils-direct-n2o", "f_sn: 10000\nn2o_per_n2o_n: 1.571") == {"N2O": close(10_000 * 0.01 * 1.571)}
    assert kg("soils-direct-n2o", "f_sn: 10000") == {"N2O": close(10_000 * 0.01 * 44 / 28)}


def test_soils_indirect_n2o_ratio_override():
    n2o_n = 10_000 * 0.10 * 0.01 + 10_000 * 0.30 * 0.0075  # Eq. 11.9 + 11.10
    assert kg("soils-indirect-n2o", "f_sn: 10000\nn2o_per_n2o_n: 1.57") == {"N2O": close(n2o_n * 1.57)}


def test_manure_n2o_ratio_override():
    # 100 dairy cows, Nex 0.47 kg N/1000 kg/day x 350 kg x 365 days (Table 10.19, Annex 10A.2),
    # all in solid storage, EF3 0.005 (Table 10.21): N2O-N, then N2O by the ratio given
    n2o_n = 100 * 0.47 * 350 / 1000 * 365 * 0.005
    params = "animal: dairy-cattle\nheads: 100\ntemperature: 27\nms: {solid-storage: 1}"
    assert kg("manure-management", params + "\nn2o_per_n2o_n: 1.57")["N2O"] == close(n2o_n * 1.57)
    assert kg("manure-management", params)["N2O"] == close(n2o_n * 44 / 28)


def test_1996_volatilisation_deduction_with_the_default_fracgasf():
    # Revised 1996 practice: F_SN x (1 - FracGASF) under EF1; organic N as given
    out = kg("soils-direct-n2o", "f_sn: 10000\nf_on: 2000\ndeduct_volatilised_n: true")
    assert out == {"N2O": close((10_000 * (1 - 0.10) + 2_000) * 0.01 * N2O_PER_N2O_N)}


def test_1996_volatilisation_deduction_with_its_own_fracgasf():
    out = kg("soils-direct-n2o", "f_sn: 10000\ndeduct_volatilised_n: true\nfrac_gasf: 0.2\nflooded_rice: true")
    assert out == {"N2O": close(10_000 * (1 - 0.2) * 0.003 * N2O_PER_N2O_N)}


def test_2006_practice_is_the_default():
    assert kg("soils-direct-n2o", "f_sn: 10000\ndeduct_volatilised_n: false") == kg("soils-direct-n2o", "f_sn: 10000")


def test_nitrogen_in_us_short_tons():
    out = kg("soils-direct-n2o", "f_sn: {amount: 10, unit: short_ton}\nf_on: 2\nn_unit: t")
    assert out == {"N2O": close((10 * SHORT_TON_KG + 2 * 1000) * 0.01 * N2O_PER_N2O_N)}


def test_nitrogen_in_thai_and_metric_units():
    out = kg("soils-direct-n2o", "f_sn: {amount: 3, unit: ตัน}\nf_on: {amount: 500, unit: กก.}\nf_cr: 250")
    assert out == {"N2O": close((3 * 1000 + 500 + 250) * 0.01 * N2O_PER_N2O_N)}


def test_indirect_nitrogen_in_pounds():
    n = 1000 * POUND_KG
    out = kg("soils-indirect-n2o", "f_sn: {amount: 1000, unit: lb}")
    assert out == {"N2O": close((n * 0.10 * 0.01 + n * 0.30 * 0.0075) * N2O_PER_N2O_N)}


# --- rice: a per-season factor --------------------------------------------------------------------


def test_rice_per_season_factor():
    assert kg("rice-cultivation", "area: 10\nef_season: 150") == {"CH4": close(150 * 10 * RAI_HA)}
    assert kg("rice-cultivation", "area: 2\narea_unit: ha\nef_season: 150") == {"CH4": close(300.0)}


# --- Thai digits and Thai area units in method parameters ---------------------------------------------

DAILY = "water_regime: rainfed-regular\npre_season: non-flooded-less-than-180-days\n"


def test_thai_digits_in_method_parameters():
    out = kg("rice-cultivation", 'area: "๑,๐๐๐"\ndays: "๑๒๐"\n' + DAILY)
    assert out == {"CH4": close(1_000 * RAI_HA * 1.30 * 0.28 * 120)}
    out = kg("wastewater-domestic", DOMESTIC + 'days_per_year: "๓๖๕.๒๔๒๕"')
    assert out == {"CH4": close(0.6 * 0.5 * 50_000 * 40 * 0.001 * 1.25 * 365.2425)}
    out = kg("soils-direct-n2o", 'f_sn: {amount: "๑๐", unit: short_ton}')
    assert out == {"N2O": close(10 * SHORT_TON_KG * 0.01 * N2O_PER_N2O_N)}


@pytest.mark.parametrize(
    ("area", "unit", "m2"),
    [("10", "ไร่", 16_000), ("10", "งาน", 4_000), ("10", "ตารางวา", 40), ("10", "ตร.ว.", 40), ("1", "เฮกตาร์", 10_000)],
)
def test_thai_area_units_for_rice(area: str, unit: str, m2: float):
    out = kg("rice-cultivation", f"area: {area}\narea_unit: {unit}\ndays: 100\n" + DAILY)
    assert out == {"CH4": close(m2 / 10_000 * 1.30 * 0.28 * 100)}


def test_thai_area_units_for_organic_soils():
    out = kg("soils-direct-n2o", "organic_soil_area: 100\narea_unit: ไร่")
    assert out == {"N2O": close(100 * RAI_HA * 16 * N2O_PER_N2O_N)}


# --- located errors: exclusivity and bounds ------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    method: str
    params: str
    marker: str  # where the error points: the parameter's key (its line)
    hint: str
    message: str = ""


BAD = {
    "per-person-and-bod": Bad(
        "wastewater-domestic",
        "population: 1000\nbod_g_per_person_day: 40\nch4_kg_per_person_year: 2.5",
        "ch4_kg_per_person_year",
        "ch4_kg_per_person_year alone",
        "bod_g_per_person_day",
    ),
    "per-person-and-pathways": Bad(
        "wastewater-domestic",
        "population: 1000\nch4_kg_per_person_year: 2.5\npathways: [{share: 1, system: septic-system}]",
        "ch4_kg_per_person_year",
        "not both",
        "pathways",
    ),
    "days-above-366": Bad(
        "wastewater-domestic", DOMESTIC + "days_per_year: 400", "days_per_year", "365.2425", "less than or equal to 366"
    ),
    "days-below-360": Bad(
        "wastewater-domestic", DOMESTIC + "days_per_year: 36.5", "days_per_year", "between 360 and 366"
    ),
    "n2o-days-without-daily-protein": Bad(
        "wastewater-n2o",
        "population: 1000\nprotein_kg_per_person_year: 25\ndays_per_year: 365.25",
        "days_per_year",
        "protein_g_per_person_day",
    ),
    "ratio-44-12-by-mistake": Bad("soils-direct-n2o", "f_sn: 1\nn2o_per_n2o_n: 3.667", "n2o_per_n2o_n", "44/28"),
    "ratio-inverted": Bad("soils-indirect-n2o", "f_sn: 1\nn2o_per_n2o_n: 0.636", "n2o_per_n2o_n", "44/28"),
    "wastewater-ratio": Bad(
        "wastewater-n2o", "population: 1\nprotein_kg_per_person_year: 25\nn2o_per_n2o_n: 2", "n2o_per_n2o_n", "1.571"
    ),
    "frac-gasf-without-deduction": Bad(
        "soils-direct-n2o", "f_sn: 100\nfrac_gasf: 0.2", "frac_gasf", "deduct_volatilised_n: true"
    ),
    "us-ton-is-not-short-ton": Bad(
        "soils-direct-n2o", "f_sn: {amount: 3, unit: US_ton}", "unit", "short_ton", "US or British ton"
    ),
    "n-in-litres": Bad("soils-indirect-n2o", "f_on: {amount: 3, unit: L}", "unit", "mass unit"),
    "season-and-days": Bad(
        "rice-cultivation", "area: 10\nef_season: 150\ndays: 120", "ef_season", "ef_season alone", "'days'"
    ),
    "season-and-water-regime": Bad(
        "rice-cultivation", "area: 10\nef_season: 150\nwater_regime: rainfed-regular", "ef_season", "not both"
    ),
    "rice-no-days": Bad("rice-cultivation", "area: 10\nsfw: 1\nsfp: 1", "area", "ef_season", "'days' is missing"),
    "rice-acre": Bad("rice-cultivation", "area: 10\narea_unit: acre\nef_season: 1", "area_unit", "ไร่", "acre"),
    "soils-area-litres": Bad(
        "soils-direct-n2o", "organic_soil_area: 1\narea_unit: L", "area_unit", "1,600 m2", "not an area unit"
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_overrides_refused_at_the_parameter(tmp_path: Path, name: str):
    case = BAD[name]
    text = inventory(case.method, case.params)
    write(tmp_path, "x.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json")
    line, _ = at(text, case.marker + ":")
    assert_input_error(run, "x.yaml", "method-params", (line, None), hint=case.hint, message=case.message or None)
    assert "Traceback" not in run.stderr
    assert snapshot(tmp_path) == before


# --- the examples printed in docs/methods, worked by hand again ----------------------------------------


def test_documented_override_examples():
    tow = 50_000 * 40 * 0.001 * 1.25 * 365.2425
    pathways = "pathways: [{share: 0.6, system: septic-system}, {share: 0.3, system: aerobic-overloaded}, "
    pathways += "{share: 0.1, system: untreated-sea-river-lake}]\n"
    params = "population: 50000\n" + pathways + "sludge_kg_bod: 10000\nrecovered_kg_ch4: 5000\ndays_per_year: 365.2425"
    ef = 0.6 * (0.6 * 0.5 + 0.3 * 0.3 + 0.1 * 0.1)
    assert kg("wastewater-domestic", params) == {"CH4": close(ef * (tow - 10_000) - 5_000)}
    assert ef * (tow - 10_000) - 5_000 == pytest.approx(211_745.5)  # printed in waste.md
    out = kg("soils-direct-n2o", "f_sn: {amount: 10, unit: short_ton}\nf_on: 2000\ndeduct_volatilised_n: true")
    expected = (10 * SHORT_TON_KG * 0.9 + 2_000) * 0.01 * N2O_PER_N2O_N
    assert out == {"N2O": close(expected)} and expected == pytest.approx(159.73, abs=0.005)  # afolu-energy.md
    assert kg("rice-cultivation", "area: 10\narea_unit: ไร่\nef_season: 150") == {"CH4": close(240.0)}
