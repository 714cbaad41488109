"""The calculation core on tiny fixture factor sets: every number computed by hand in the test."""

from __future__ import annotations

import math

import pytest

from tests.conftest import inventory, run_inventory


def codes(outcome):
    return [i.code for i in outcome.issues]


def test_per_gas_masses_and_co2e_with_fossil_methane():
    outcome = run_inventory(inventory("- {activity: fuel, amount: 1000, unit: L}", period="2022"))
    line = outcome.result.lines[0]
    assert line.gases_t == {"CO2": 2.0, "CH4_fossil": 0.001, "N2O": 0.0001}
    # AR5: fossil CH4 30, N2O 265 (the set's own GWP basis is the default)
    assert line.t_co2e == pytest.approx(2.0 + 0.001 * 30 + 0.0001 * 265, rel=1e-12)
    assert line.gwp == {"CO2": 1.0, "CH4_fossil": 30.0, "N2O": 265.0}
    assert outcome.result.gwp == "AR5"


@pytest.mark.parametrize(
    ("gwp_set", "ch4", "n2o"),
    [("SAR", 21, 310), ("AR4", 25, 298), ("AR5", 30, 265), ("AR6", 29.8, 273)],
)
def test_gwp_set_changes_only_the_weighting(gwp_set, ch4, n2o):
    outcome = run_inventory(inventory("- {activity: fuel, amount: 1000, unit: L}", period="2022"), gwp=gwp_set)
    line = outcome.result.lines[0]
    assert line.gases_t == {"CO2": 2.0, "CH4_fossil": 0.001, "N2O": 0.0001}
    assert line.t_co2e == pytest.approx(2.0 + 0.001 * ch4 + 0.0001 * n2o, rel=1e-12)


def test_biogenic_co2_is_reported_separately_and_biomass_methane_counts():
    outcome = run_inventory(inventory("- {activity: wood, amount: 2, unit: t}"))
    result = outcome.result
    assert result.lines[0].gases_t == {"CO2_biogenic": 3.0, "CH4": 0.001}
    assert result.total_t_co2e == pytest.approx(0.001 * 28)  # AR5 non-fossil CH4
    assert result.separately_reported_t_co2e["CO2_biogenic"] == pytest.approx(3.0)


def test_hcfc_and_hcfc_share_of_blends_are_outside_the_total():
    outcome = run_inventory(
        inventory("""
        - {activity: r-22, amount: 10, unit: kg}
        - {activity: r-401a, amount: 10, unit: kg}
        - {activity: r-410a, amount: 10, unit: kg}
    """)
    )
    r22, r401a, r410a = outcome.result.lines
    assert r22.t_co2e == 0 and r22.separately_reported_t_co2e["non_kyoto"] == pytest.approx(0.01 * 1760)
    # R-401A = HCFC-22 53 % / HFC-152a 13 % / HCFC-124 34 % (ASHRAE 34); AR5 GWPs 1760 / 138 / 527
    assert r401a.t_co2e == pytest.approx(0.01 * 0.13 * 138)
    assert r401a.separately_reported_t_co2e["non_kyoto"] == pytest.approx(0.01 * (0.53 * 1760 + 0.34 * 527))
    # R-410A = HFC-32 50 % / HFC-125 50 %: AR5 (677 + 3170) / 2 = 1923.5
    assert r410a.t_co2e == pytest.approx(0.01 * 1923.5)
    assert outcome.result.total_t_co2e == pytest.approx(r401a.t_co2e + r410a.t_co2e)


def test_monthly_values_are_summed_and_kept():
    outcome = run_inventory(inventory("- {activity: power, amount: [100, 200, '1,000', '๑๐๐'], unit: kWh}"))
    line = outcome.result.lines[0]
    assert line.amount == 1400
    assert line.monthly == (100, 200, 1000, 100)


def test_units_are_converted_to_the_factor_unit():
    outcome = run_inventory(inventory("- {activity: power, amount: 2, unit: MWh}"))
    assert outcome.result.lines[0].t_co2e == pytest.approx(2000 * 0.4 / 1000)


def test_ncv_bridge_from_scf_to_mj():
    outcome = run_inventory(inventory("- {activity: gas, amount: 1000, unit: scf}"))
    assert outcome.result.lines[0].gases_t["CO2"] == pytest.approx(1000 * 1.0 * 0.05 / 1000)


def test_density_and_ncv_bridge_from_litres_to_tj():
    # 1000 L x 0.8 kg/L = 0.8 t = 0.0008 Gg; x 43.0 TJ/Gg = 0.0344 TJ; x 74100 kg/TJ = 2549.04 kg
    outcome = run_inventory(inventory("- {activity: oil, amount: 1000, unit: L}"))
    assert outcome.result.lines[0].gases_t["CO2"] == pytest.approx(2.54904, rel=1e-12)


def test_activity_density_overrides_the_factor_density():
    outcome = run_inventory(inventory("- {activity: oil, amount: 1000, unit: L, density: 0.85 kg/L}"))
    assert outcome.result.lines[0].gases_t["CO2"] == pytest.approx(1000 * 0.85 / 1e6 * 43.0 * 74100 / 1000)


def test_unit_variant_is_chosen_by_the_activity_unit():
    by_kg = run_inventory(inventory("- {activity: lpg, amount: 100, unit: kg}")).result.lines[0]
    by_l = run_inventory(inventory("- {activity: lpg, amount: 100, unit: L}")).result.lines[0]
    assert (by_kg.factor.per, by_kg.gases_t["CO2"]) == ("kg", pytest.approx(0.3))
    assert (by_l.factor.per, by_l.gases_t["CO2"]) == ("L", pytest.approx(0.15))


def test_version_in_force_is_chosen_by_period():
    old = run_inventory(inventory("- {activity: power, amount: 1000, unit: kWh}", period="2021"))
    new = run_inventory(inventory("- {activity: power, amount: 1000, unit: kWh}", period="2025"))
    assert old.result.lines[0].factor.version == "2020" and old.result.total_t_co2e == pytest.approx(0.5)
    assert new.result.lines[0].factor.version == "2024" and new.result.total_t_co2e == pytest.approx(0.4)
    assert not old.issues and not new.issues


def test_two_versions_in_force_use_the_newer_and_warn():
    outcome = run_inventory(inventory("- {activity: power, amount: 1000, unit: kWh}", period="2024"))
    assert outcome.result.lines[0].factor.version == "2024"
    [issue] = outcome.issues
    assert issue.code == "factor-edition-overlap" and not issue.is_error
    assert "mini@2020" in issue.message and issue.location.line == 6


def test_pinned_version_out_of_validity_warns():
    text = inventory("- {activity: power, amount: 1000, unit: kWh}", period="2026").replace(
        "factors: mini", "factors: mini@2020"
    )
    outcome = run_inventory(text)
    assert outcome.result.lines[0].factor.version == "2020"
    assert codes(outcome) == ["factor-out-of-validity"]


def test_custom_factor_wins_over_sets():
    extra = "custom_factors:\n  - {key: power, per: kWh, kg: {CO2: 0.1}, scope: 2, source: meter data}\n"
    outcome = run_inventory(inventory("- {activity: power, amount: 1000, unit: kWh}", extra=extra))
    line = outcome.result.lines[0]
    assert (line.factor.set_id, line.t_co2e) == ("custom", pytest.approx(0.1))


def test_co2e_factor_under_another_gwp_is_a_warning():
    outcome = run_inventory(inventory("- {activity: power, amount: 1000, unit: kWh}", period="2025"), gwp="AR6")
    assert codes(outcome) == ["gwp-basis-mismatch"]
    assert outcome.result.lines[0].t_co2e == pytest.approx(0.4)


def test_scope_comes_from_the_factor_or_the_activity():
    outcome = run_inventory(
        inventory("""
        - {activity: paper, amount: 1, unit: t}
        - {activity: paper, amount: 1, unit: t, scope: 3}
    """)
    )
    assert codes(outcome) == ["scope-missing"]
    assert outcome.result is None
    assert outcome.issues[0].location.line == 7


def test_totals_are_sums_of_lines():
    outcome = run_inventory(
        inventory(
            """
        - {activity: fuel, amount: 1000, unit: L, category: boilers}
        - {activity: power, amount: 3000, unit: kWh}
        - {activity: wood, amount: 1, unit: t}
    """,
            period="2025",
        )
    )
    result = outcome.result
    lines = result.lines
    assert result.total_t_co2e == math.fsum(line.t_co2e for line in lines)
    assert result.by_scope_t_co2e == {"1": lines[0].t_co2e + lines[2].t_co2e, "2": lines[1].t_co2e}
    assert set(result.by_category_t_co2e) == {"boilers", "purchased-electricity", "biomass-combustion"}
    assert result.by_gas_t["CO2e"] == pytest.approx(1.2)


def test_every_problem_is_reported_in_one_pass():
    outcome = run_inventory(
        inventory("""
        - {activity: nosuch, amount: 1, unit: L}
        - {activity: fuel, amount: 1, unit: kWh}
        - {activity: fuel, amount: 1, unit: apples}
        - {activity: fuel, amount: [1,2,3,4,5,6,7,8,9,10,11,12,13], unit: L}
    """)
    )
    assert codes(outcome) == ["factor-missing", "unit-incompatible", "unit-unknown", "amount-too-many-months"]
    assert [i.location.line for i in outcome.issues] == [7, 8, 9, 10]
    assert outcome.result is None
