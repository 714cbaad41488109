"""AFOLU and energy methods against their equations, worked by hand here with the table values typed in.

Sources of the typed values: IPCC 2006 Guidelines (GL2006) Vol.4 Tables 5.11-5.14 (rice), 10.10/10.11
(enteric), 10.14/10.19/10.21 (manure), 11.1/11.3 (soils), Eq. 11.12/11.13 (liming, urea); the
Asian typical animal masses of Annex 10A.2 as tabulated by Wolf et al. 2017 (Carbon Balance Manag.
12:16, Table 2). No published worked example with numbers was found for these IPCC methods; the T&D
test reproduces a third-party published example (see there).
"""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from ghgcalc.methods import (
    afolu_enteric,
    afolu_liming,
    afolu_manure,
    afolu_rice,
    afolu_soils_direct,
    afolu_soils_indirect,
    afolu_urea,
    energy_grid_td_losses,
    energy_road_distance,
)

YEAR = 2024
N2O_N_TO_N2O = 44 / 28
C_TO_CO2 = 44 / 12


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-12, abs=1e-12)


# --- rice cultivation (GL2006 Vol.4 Eq. 5.1-5.3) -------------------------------------------------


def rice(**params: object) -> dict[str, float]:
    return afolu_rice.compute(afolu_rice.Params.model_validate(params), YEAR)


def test_rice_baseline_is_efc_times_days_times_hectares():
    # continuously flooded, short dry pre-season, no amendments: every scaling factor is 1
    out = rice(
        area=1,
        area_unit="ha",
        days=100,
        water_regime="continuously-flooded",
        pre_season="non-flooded-less-than-180-days",
    )
    assert out == {"CH4": approx(1.30 * 100 * 1)}


def test_rice_equation_5_1_to_5_3_by_hand():
    # 10 rai = 1.6 ha; single drainage (SFw 0.60, Table 5.12); dry > 180 days before (SFp 0.68, Table 5.13);
    # straw ploughed in > 30 days before, 2 t/ha dry (CFOA 0.29) and farmyard manure 5 t/ha (CFOA 0.14, Table 5.14)
    sfo = (1 + 2 * 0.29 + 5 * 0.14) ** 0.59
    ef = 1.30 * 0.60 * 0.68 * sfo * 1.0
    expected = ef * 120 * (10 * 0.16)
    out = rice(
        area=10,
        days=120,
        water_regime="intermittent-single-aeration",
        pre_season="non-flooded-more-than-180-days",
        organic_amendments=[
            {"type": "straw-more-than-30-days-before", "t_per_ha": 2},
            {"type": "farmyard-manure", "t_per_ha": 5},
        ],
    )
    assert out == {"CH4": approx(expected)}
    assert expected == pytest.approx(165.61, abs=0.005)  # the number quoted in docs/methods/afolu-energy.md


@pytest.mark.parametrize(
    ("regime", "sfw"),
    [
        ("upland", 0.0),
        ("continuously-flooded", 1.0),
        ("intermittent-single-aeration", 0.60),
        ("intermittent-multiple-aeration", 0.52),
        ("rainfed-regular", 0.28),
        ("rainfed-drought-prone", 0.25),
        ("deep-water", 0.31),
        ("irrigated-aggregated", 0.78),
        ("rainfed-deep-water-aggregated", 0.27),
    ],
)
def test_rice_water_regimes_table_5_12(regime: str, sfw: float):
    out = rice(area=1, area_unit="ha", days=1, water_regime=regime, pre_season="aggregated")
    assert out["CH4"] == approx(1.30 * sfw * 1.22)


@pytest.mark.parametrize(
    ("pre_season", "sfp"),
    [
        ("non-flooded-less-than-180-days", 1.0),
        ("non-flooded-more-than-180-days", 0.68),
        ("flooded-more-than-30-days", 1.90),
        ("aggregated", 1.22),
    ],
)
def test_rice_pre_season_table_5_13(pre_season: str, sfp: float):
    out = rice(area=1, area_unit="ha", days=1, water_regime="continuously-flooded", pre_season=pre_season)
    assert out["CH4"] == approx(1.30 * sfp)


@pytest.mark.parametrize(
    ("amendment", "cfoa"),
    [
        ("straw-less-than-30-days-before", 1.0),
        ("straw-more-than-30-days-before", 0.29),
        ("compost", 0.05),
        ("farmyard-manure", 0.14),
        ("green-manure", 0.50),
    ],
)
def test_rice_organic_amendments_table_5_14(amendment: str, cfoa: float):
    out = rice(
        area=1,
        area_unit="ha",
        days=1,
        sfw=1,
        sfp=1,
        organic_amendments=[{"type": amendment, "t_per_ha": 3}],
    )
    assert out["CH4"] == approx(1.30 * (1 + 3 * cfoa) ** 0.59)


@pytest.mark.parametrize(("area", "unit"), [(6.25, "rai"), (25, "ngan"), (2500, "tarang-wa"), (1, "ha")])
def test_rice_thai_area_units_are_one_hectare(area: float, unit: str):
    # 1 rai = 4 ngan = 400 tarang wa = 1,600 m2, so 1 ha = 6.25 rai = 25 ngan = 2,500 tarang wa
    out = rice(area=area, area_unit=unit, days=100, water_regime="continuously-flooded", sfp=1)
    assert out["CH4"] == approx(130.0)


def test_rice_area_unit_defaults_to_rai():
    out = rice(area=1, days=1, sfw=1, sfp=1)
    assert out["CH4"] == approx(1.30 * 0.16)


def test_rice_numbers_override_the_tables():
    out = rice(
        area=1,
        area_unit="ha",
        days=10,
        efc=1.19,
        sfw=0.5,
        sfp=0.9,
        sfs_r=1.1,
        organic_amendments=[{"cfoa": 0.2, "t_per_ha": 4}],
    )
    assert out["CH4"] == approx(1.19 * 0.5 * 0.9 * (1 + 4 * 0.2) ** 0.59 * 1.1 * 10)


@pytest.mark.parametrize(
    "params",
    [
        {"area": 1, "days": 100, "pre_season": "aggregated"},  # no water regime
        {"area": 1, "days": 100, "water_regime": "continuously-flooded", "sfw": 1, "pre_season": "aggregated"},
        {"area": 1, "days": 100, "water_regime": "flooded", "pre_season": "aggregated"},  # not a Table 5.12 name
        {"area": -1, "days": 100, "sfw": 1, "sfp": 1},
        {"area": 1, "sfw": 1, "sfp": 1},  # days has no default
        {"area": 1, "days": 0, "sfw": 1, "sfp": 1},
        {"area": 1, "days": 100, "sfw": 1, "sfp": 1, "area_unit": "acre"},
        {"area": 1, "days": 100, "sfw": 1, "sfp": 1, "organic_amendments": [{"t_per_ha": 2}]},
        {"area": 1, "days": 100, "sfw": 1, "sfp": 1, "organic_amendments": [{"type": "compost", "t_per_ha": -2}]},
        {"area": float("nan"), "days": 100, "sfw": 1, "sfp": 1},
        {"area": 1, "days": 100, "sfw": 1, "sfp": 1, "colour": "green"},
    ],
)
def test_rice_bad_parameters_are_refused(params: dict[str, object]):
    with pytest.raises(ValidationError):
        afolu_rice.Params.model_validate(params)


# --- enteric fermentation (GL2006 Vol.4 Tables 10.10 and 10.11) ------------------------------------


@pytest.mark.parametrize(
    ("params", "ef"),
    [
        ({"animal": "dairy-cattle"}, 68),
        ({"animal": "other-cattle"}, 47),
        ({"animal": "dairy-cattle", "region": "indian-subcontinent"}, 58),
        ({"animal": "other-cattle", "region": "north-america"}, 53),
        ({"animal": "buffalo"}, 55),
        ({"animal": "swine"}, 1.0),
        ({"animal": "swine", "development": "developed"}, 1.5),
        ({"animal": "sheep"}, 5),
        ({"animal": "sheep", "development": "developed"}, 8),
        ({"animal": "goats"}, 5),
        ({"animal": "horses"}, 18),
        ({"animal": "mules-asses"}, 10),
        ({"animal": "camels"}, 46),
        ({"animal": "buffalo", "ef": 70.5}, 70.5),
    ],
)
def test_enteric_is_heads_times_tier_1_factor(params: dict[str, object], ef: float):
    out = afolu_enteric.compute(afolu_enteric.Params.model_validate({**params, "heads": 1234}), YEAR)
    assert out == {"CH4": approx(1234 * ef)}


@pytest.mark.parametrize(
    "params",
    [
        {"animal": "other-cattle", "heads": -5},
        {"animal": "chicken", "heads": 5},
        {"animal": "other-cattle", "heads": 5, "region": "mars"},
        {"animal": "other-cattle", "heads": 5, "ef": -1},
        {"animal": "other-cattle"},
        {"animal": "other-cattle", "heads": float("inf")},
    ],
)
def test_enteric_bad_parameters_are_refused(params: dict[str, object]):
    with pytest.raises(ValidationError):
        afolu_enteric.Params.model_validate(params)


# --- manure management (GL2006 Vol.4 Eq. 10.22, 10.25, 10.30) --------------------------------------


def manure(**params: object) -> dict[str, float]:
    return afolu_manure.compute(afolu_manure.Params.model_validate(params), YEAR)


def test_manure_dairy_cattle_by_hand():
    # 27.4 degC rounds to the 27 degC column: 31 kg CH4/head/yr (Table 10.14, Asia dairy cows).
    # Nex = 0.47 kg N/1000 kg/day (Table 10.19) x 350 kg (TAM) / 1000 x 365 days.
    # EF3: solid storage 0.005, daily spread 0 (Table 10.21); pasture is reported under soils.
    nex = 0.47 * 350 / 1000 * 365
    n2o = 100 * nex * (0.5 * 0.005 + 0.2 * 0.0 + 0.3 * 0.0) * 44 / 28
    out = manure(
        animal="dairy-cattle",
        heads=100,
        temperature=27.4,
        ms={"solid-storage": 0.5, "daily-spread": 0.2, "pasture-range-paddock": 0.3},
    )
    assert out == {"CH4": approx(100 * 31), "N2O": approx(n2o)}
    assert n2o == pytest.approx(23.59, abs=0.005)  # the number quoted in docs/methods/afolu-energy.md


@pytest.mark.parametrize(
    ("animal", "temperature", "ef"),
    [
        ("dairy-cattle", 5, 9),  # <= 10 degC column
        ("dairy-cattle", 10, 9),
        ("dairy-cattle", 11, 10),
        ("dairy-cattle", 15, 13),
        ("dairy-cattle", 20, 18),
        ("dairy-cattle", 25, 26),
        ("dairy-cattle", 26, 28),
        ("dairy-cattle", 26.5, 31),  # rounds half up to 27
        ("dairy-cattle", 28, 31),
        ("dairy-cattle", 35, 31),  # >= 28 degC column
        ("other-cattle", 27, 1),
        ("swine", 15, 3),
        ("swine", 20, 4),
        ("swine", 24, 5),
        ("swine", 27, 7),
        ("buffalo", 14, 1),
        ("buffalo", 15, 2),
        ("buffalo", 30, 2),
    ],
)
def test_manure_ch4_table_10_14_asia(animal: str, temperature: float, ef: float):
    out = manure(animal=animal, heads=10, temperature=temperature, tam=100, ms={"daily-spread": 1})
    assert out["CH4"] == approx(10 * ef)


def test_manure_swine_with_tam_and_lagoon():
    nex = 0.40 * 60 / 1000 * 365  # Table 10.19 Asia swine; TAM given by the user
    out = manure(
        animal="swine",
        heads=2000,
        temperature=28,
        tam=60,
        ms={"uncovered-anaerobic-lagoon": 0.6, "pit-storage": 0.3, "composting-passive-windrow": 0.1},
    )
    assert out["CH4"] == approx(2000 * 7)
    assert out["N2O"] == approx(2000 * nex * (0.6 * 0 + 0.3 * 0.002 + 0.1 * 0.01) * 44 / 28)


@pytest.mark.parametrize(
    ("system", "ef3"),
    [
        ("daily-spread", 0),
        ("solid-storage", 0.005),
        ("dry-lot", 0.02),
        ("liquid-slurry-with-crust", 0.005),
        ("liquid-slurry-without-crust", 0),
        ("uncovered-anaerobic-lagoon", 0),
        ("pit-storage", 0.002),
        ("anaerobic-digester", 0),
        ("deep-bedding-no-mixing", 0.01),
        ("deep-bedding-active-mixing", 0.07),
        ("composting-in-vessel", 0.006),
        ("composting-static-pile", 0.006),
        ("composting-intensive-windrow", 0.1),
        ("composting-passive-windrow", 0.01),
        ("poultry-manure-with-litter", 0.001),
        ("poultry-manure-without-litter", 0.001),
        ("aerobic-treatment-natural-aeration", 0.01),
        ("aerobic-treatment-forced-aeration", 0.005),
    ],
)
def test_manure_ef3_table_10_21(system: str, ef3: float):
    out = manure(animal="other-cattle", heads=1, ef_ch4=1, ms={system: 1})
    assert out["N2O"] == approx(0.34 * 319 / 1000 * 365 * ef3 * 44 / 28)


def test_manure_other_animal_with_every_value_given():
    out = manure(
        animal="other",
        heads=500,
        ef_ch4=0.02,
        nex_rate=0.82,
        tam=1.8,
        ms={"poultry-manure-with-litter": 1},
        ef3={"poultry-manure-with-litter": 0.002},
    )
    assert out == {"CH4": approx(500 * 0.02), "N2O": approx(500 * 0.82 * 1.8 / 1000 * 365 * 0.002 * 44 / 28)}


@pytest.mark.parametrize(
    "params",
    [
        {"animal": "dairy-cattle", "heads": 10, "temperature": 27, "ms": {"solid-storage": 0.5, "dry-lot": 0.4}},
        {"animal": "dairy-cattle", "heads": 10, "temperature": 27, "ms": {"solid-storage": 1.2, "dry-lot": -0.2}},
        {"animal": "dairy-cattle", "heads": 10, "temperature": 27, "ms": {}},
        {"animal": "dairy-cattle", "heads": 10, "temperature": 27, "ms": {"septic-tank": 1}},
        {"animal": "dairy-cattle", "heads": -10, "temperature": 27, "ms": {"solid-storage": 1}},
        {"animal": "dairy-cattle", "heads": 10, "ms": {"solid-storage": 1}},  # no temperature, no ef_ch4
        {"animal": "swine", "heads": 10, "temperature": 27, "ms": {"solid-storage": 1}},  # no TAM default
        {"animal": "buffalo", "heads": 10, "temperature": 27, "ms": {"solid-storage": 1}},  # no TAM default
        {"animal": "other", "heads": 10, "ef_ch4": 1, "tam": 2, "ms": {"solid-storage": 1}},  # no nex_rate
        {"animal": "other", "heads": 10, "nex_rate": 1, "tam": 2, "temperature": 27, "ms": {"solid-storage": 1}},
        {"animal": "goats", "heads": 10, "temperature": 27, "ms": {"solid-storage": 1}},
    ],
)
def test_manure_bad_parameters_are_refused(params: dict[str, object]):
    with pytest.raises(ValidationError):
        afolu_manure.Params.model_validate(params)


def test_manure_shares_error_has_its_code():
    with pytest.raises(ValidationError) as caught:
        afolu_manure.Params.model_validate(
            {"animal": "dairy-cattle", "heads": 1, "temperature": 27, "ms": {"solid-storage": 0.5}}
        )
    assert caught.value.errors()[0]["type"] == "shares-not-one"


# --- managed soils (GL2006 Vol.4 Eq. 11.1, 11.9, 11.10) --------------------------------------------


def test_soils_direct_by_hand():
    # (F_SN + F_ON + F_CR + F_SOM) x EF1 0.01 + F_PRP,CPP x 0.02 + F_PRP,SO x 0.01 (Table 11.1)
    n2o_n = (10_000 + 2_000 + 1_500 + 0) * 0.01 + 3_000 * 0.02 + 500 * 0.01
    out = afolu_soils_direct.compute(
        afolu_soils_direct.Params(f_sn=10_000, f_on=2_000, f_cr=1_500, f_prp_cpp=3_000, f_prp_so=500), YEAR
    )
    assert n2o_n == pytest.approx(200.0)
    assert out == {"N2O": approx(n2o_n * N2O_N_TO_N2O)}


def test_soils_direct_flooded_rice_uses_ef1fr():
    out = afolu_soils_direct.compute(afolu_soils_direct.Params(f_sn=12_000, f_cr=1_500, flooded_rice=True), YEAR)
    assert out["N2O"] == approx((12_000 + 1_500) * 0.003 * N2O_N_TO_N2O)


def test_soils_direct_tonnes_and_organic_soils_in_rai():
    # 2 t N x 0.01 + 100 rai (16 ha) drained tropical organic soil x EF2 16 kg N2O-N/ha/yr (Table 11.1)
    params = afolu_soils_direct.Params(n_unit="t", f_sn=2, organic_soil_area=100)
    assert afolu_soils_direct.compute(params, YEAR)["N2O"] == approx((2_000 * 0.01 + 16 * 16) * N2O_N_TO_N2O)
    temperate = afolu_soils_direct.Params(organic_soil_area=1, area_unit="ha", organic_soil_climate="temperate")
    assert afolu_soils_direct.compute(temperate, YEAR)["N2O"] == approx(8 * N2O_N_TO_N2O)


def test_soils_indirect_by_hand():
    # volatilisation: (F_SN x FracGASF 0.10 + (F_ON + F_PRP) x FracGASM 0.20) x EF4 0.01
    # leaching: (F_SN + F_ON + F_PRP + F_CR + F_SOM) x FracLEACH 0.30 x EF5 0.0075 (Table 11.3)
    volatilised = (10_000 * 0.10 + (2_000 + 3_500) * 0.20) * 0.01
    leached = (10_000 + 2_000 + 3_500 + 1_500 + 0) * 0.30 * 0.0075
    out = afolu_soils_indirect.compute(
        afolu_soils_indirect.Params(f_sn=10_000, f_on=2_000, f_prp=3_500, f_cr=1_500), YEAR
    )
    assert (volatilised, leached) == (pytest.approx(21.0), pytest.approx(38.25))
    assert out == {"N2O": approx((volatilised + leached) * N2O_N_TO_N2O)}


def test_soils_indirect_dry_land_without_leaching():
    out = afolu_soils_indirect.compute(afolu_soils_indirect.Params(n_unit="t", f_sn=1, frac_leach=0), YEAR)
    assert out["N2O"] == approx(1_000 * 0.10 * 0.01 * N2O_N_TO_N2O)


@pytest.mark.parametrize(
    ("model", "params"),
    [
        (afolu_soils_direct.Params, {"f_sn": -1}),
        (afolu_soils_direct.Params, {"f_sn": 1, "n_unit": "lb"}),
        (afolu_soils_indirect.Params, {"frac_gasf": 1.5}),
        (afolu_soils_indirect.Params, {"f_on": -3}),
        (afolu_soils_indirect.Params, {"fsn": 3}),
    ],
)
def test_soils_bad_parameters_are_refused(model: type, params: dict[str, object]):
    with pytest.raises(ValidationError):
        model.model_validate(params)


# --- urea and liming (GL2006 Vol.4 Eq. 11.13 and 11.12) ------------------------------------------


def test_urea_by_hand():
    out = afolu_urea.compute(afolu_urea.Params(urea=100), YEAR)
    assert out == {"CO2": approx(100 * 0.20 * 44 / 12 * 1000)}
    assert afolu_urea.compute(afolu_urea.Params(urea=500, mass_unit="kg"), YEAR)["CO2"] == approx(500 * 0.20 * C_TO_CO2)


def test_liming_by_hand():
    out = afolu_liming.compute(afolu_liming.Params(limestone=10, dolomite=5), YEAR)
    assert out == {"CO2": approx((10 * 0.12 + 5 * 0.13) * 44 / 12 * 1000)}


def test_carbon_factors_are_the_carbon_contents_of_the_minerals():
    # Standard atomic weights: C 12.011, O 15.999, N 14.007, H 1.008, Ca 40.078, Mg 24.305.
    c, o, n, h, ca, mg = 12.011, 15.999, 14.007, 1.008, 40.078, 24.305
    urea = c / (c + o + 2 * (n + 2 * h))
    limestone = c / (ca + c + 3 * o)
    dolomite = 2 * c / (ca + mg + 2 * (c + 3 * o))
    assert round(urea, 2) == afolu_urea.EF_UREA
    assert round(limestone, 2) == afolu_liming.EF_LIMESTONE
    assert round(dolomite, 2) == afolu_liming.EF_DOLOMITE


@pytest.mark.parametrize(
    ("model", "params"),
    [
        (afolu_urea.Params, {"urea": -1}),
        (afolu_urea.Params, {}),
        (afolu_urea.Params, {"urea": 1, "ef": 2}),
        (afolu_liming.Params, {"limestone": -1}),
        (afolu_liming.Params, {"chalk": 1}),
    ],
)
def test_urea_and_liming_bad_parameters_are_refused(model: type, params: dict[str, object]):
    with pytest.raises(ValidationError):
        model.model_validate(params)


# --- road transport from distance -----------------------------------------------------------------


def test_road_distance_per_km_factor():
    params = energy_road_distance.Params(
        vehicle="motorcycle",
        vehicle_km=12_000,
        kg_per_km={"CO2": 0.05, "CH4": 0.00002, "N2O": 0.000001},
        source="a test factor",
    )
    out = energy_road_distance.compute(params, YEAR)
    assert out == {"CO2": approx(600), "CH4": approx(0.24), "N2O": approx(0.012)}


def test_road_distance_fuel_economy_times_per_litre_factor():
    params = energy_road_distance.Params(
        vehicle="diesel pickup", vehicle_km=20_000, fuel_economy=8, kg_per_litre={"CO2e": 2.7}, source="a test"
    )
    assert energy_road_distance.compute(params, YEAR) == {"CO2e": approx(20_000 * 8 / 100 * 2.7)}


@pytest.mark.parametrize(
    "params",
    [
        {"vehicle": "car", "vehicle_km": 1, "kg_per_km": {"CO2": 0.2}},  # no source
        {"vehicle": "car", "vehicle_km": 1, "kg_per_km": {"CO2": 0.2}, "source": "   "},
        {"vehicle": "car", "vehicle_km": 1, "source": "x"},  # no factor
        {"vehicle": "car", "vehicle_km": 1, "fuel_economy": 7, "source": "x"},  # no per-litre factor
        {"vehicle": "car", "vehicle_km": 1, "kg_per_km": {"CO2": 0.2}, "fuel_economy": 7, "source": "x"},
        {"vehicle": "car", "vehicle_km": 1, "kg_per_km": {"CO2": 0.2, "CO2e": 0.21}, "source": "x"},
        {"vehicle": "car", "vehicle_km": 1, "kg_per_km": {"SO2": 0.2}, "source": "x"},
        {"vehicle": "car", "vehicle_km": 1, "kg_per_km": {}, "source": "x"},
        {"vehicle": "car", "vehicle_km": -1, "kg_per_km": {"CO2": 0.2}, "source": "x"},
        {"vehicle": "", "vehicle_km": 1, "kg_per_km": {"CO2": 0.2}, "source": "x"},
    ],
)
def test_road_distance_bad_parameters_are_refused(params: dict[str, object]):
    with pytest.raises(ValidationError):
        energy_road_distance.Params.model_validate(params)


# --- T&D losses (GPC scope 3) ---------------------------------------------------------------------


def td(**params: object) -> dict[str, float]:
    return energy_grid_td_losses.compute(energy_grid_td_losses.Params.model_validate(params), YEAR)


def test_td_losses_per_delivered():
    out = td(electricity=1_000_000, loss_fraction=0.06, grid_ef=0.4999, source="TGO CFO 2016-2018 grid mix")
    assert out == {"CO2e": approx(1_000_000 * 0.06 * 0.4999)}


def test_td_losses_per_supplied_reproduces_a_published_example():
    # help.carbontrail.co, "What are transmission and distribution losses": 100 MWh consumed on a grid
    # with a 6 % T&D loss rate means 106.38 MWh generated, 6.38 MWh of it lost.
    losses_kwh = 100_000 * 0.06 / (1 - 0.06)
    assert losses_kwh == pytest.approx(6_380, abs=5)  # 6.38 MWh is rounded to 10 kWh
    assert 100_000 + losses_kwh == pytest.approx(106_380, abs=5)
    out = td(
        electricity=100, electricity_unit="MWh", loss_fraction=0.06, loss_basis="per-supplied", grid_ef=1, source="x"
    )
    assert out == {"CO2e": approx(losses_kwh)}


@pytest.mark.parametrize(
    "params",
    [
        {"electricity": 1, "loss_fraction": 0.06, "grid_ef": 0.5},  # no source
        {"electricity": 1, "loss_fraction": 1, "grid_ef": 0.5, "source": "x"},
        {"electricity": 1, "loss_fraction": -0.1, "grid_ef": 0.5, "source": "x"},
        {"electricity": 1, "loss_fraction": 0.06, "source": "x"},  # no grid factor
        {"electricity": -1, "loss_fraction": 0.06, "grid_ef": 0.5, "source": "x"},
        {"electricity": 1, "loss_fraction": 0.06, "grid_ef": 0.5, "source": "x", "loss_basis": "per-generated"},
    ],
)
def test_td_bad_parameters_are_refused(params: dict[str, object]):
    with pytest.raises(ValidationError):
        energy_grid_td_losses.Params.model_validate(params)


# --- the interface every method module follows ----------------------------------------------------


@pytest.mark.parametrize(
    "module",
    [
        afolu_rice,
        afolu_enteric,
        afolu_manure,
        afolu_soils_direct,
        afolu_soils_indirect,
        afolu_urea,
        afolu_liming,
        energy_road_distance,
        energy_grid_td_losses,
    ],
)
def test_every_parameter_is_described_and_params_are_frozen(module: object):
    params = module.Params  # type: ignore[attr-defined]
    assert params.model_config["extra"] == "forbid" and params.model_config["frozen"] is True
    for name, field in params.model_fields.items():
        assert field.description, f"{module.__name__}.{name} has no description"  # type: ignore[attr-defined]
    assert callable(module.compute)  # type: ignore[attr-defined]


def test_results_are_finite_numbers_of_known_gases():
    results = [
        rice(area=3, days=110, sfw=0.6, sfp=1),
        afolu_enteric.compute(afolu_enteric.Params(animal="buffalo", heads=3), YEAR),
        afolu_urea.compute(afolu_urea.Params(urea=1), YEAR),
    ]
    for result in results:
        assert set(result) <= {"CO2", "CH4", "N2O", "CO2e"}
        assert all(math.isfinite(v) and v >= 0 for v in result.values())
