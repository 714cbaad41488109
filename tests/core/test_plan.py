"""Plans: the BAU projection, measures applied in order without double counting, targets and the MACC.

The base inventory is written here with its own factors (2 kg CO2 per litre, 0.5 kg CO2 per kWh)
so every expected number is worked out by hand from the plan's parameters.
"""

from __future__ import annotations

import math
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ghgcalc import api
from ghgcalc.core.plan import capital_recovery, plan_result

BASE = """\
ghgcalc: 1
name: Test town
period: 2024
gwp: AR5
indicators: {population: 10000}
custom_factors:
  - {key: fuel-test, per: L, kg: {CO2: 2.0}, scope: 1, source: test}
  - {key: grid-test, per: kWh, kg: {CO2: 0.5}, scope: 2, source: test}
activities:
  - {activity: fuel-test, amount: 1000, unit: L, label: Trucks}
  - {activity: grid-test, amount: 10000, unit: kWh, label: Street lighting}
  - {activity: grid-test, amount: 20000, unit: kWh, label: Offices}
"""
# tonnes in the base year: trucks 2, street lighting 5, offices 10
BASE_T = 17.0


def run_plan(tmp_path, plan: str, base: str = BASE) -> api.PlanOutcome:
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text("ghgcalc_plan: 1\nname: Test plan\nbase: base.yaml\n" + textwrap.dedent(plan), encoding="utf-8")
    return api.plan_file(str(path))


def result(tmp_path, plan: str, base: str = BASE) -> dict:
    outcome = run_plan(tmp_path, plan, base)
    assert outcome.projection is not None, [i.format() for i in outcome.issues]
    return plan_result(outcome.projection, outcome.source).to_dict()


def by_year(data: dict) -> dict[int, dict]:
    return {row["year"]: row for row in data["years"]}


def test_bau_grows_each_line_by_its_driver(tmp_path):
    data = result(
        tmp_path,
        """\
        horizon: 2027
        bau:
          drivers:
            population: {rate_pct: 2, source: test}
            gpp: {rate_pct: 5, source: test}
          default: population
          lines:
            - {match: {label: Offices}, driver: gpp}
            - {match: {label: Trucks}, rate_pct: -10}
        """,
    )
    years = by_year(data)
    assert years[2024]["bau_t_co2e"] == pytest.approx(BASE_T)
    for n, year in enumerate(range(2024, 2028)):
        expected = 2 * 0.9**n + 5 * 1.02**n + 10 * 1.05**n
        assert years[year]["bau_t_co2e"] == pytest.approx(expected, rel=1e-12)
        assert years[year]["indicators"]["population"] == pytest.approx(10000 * 1.02**n)
    assert [g["driver"] for g in data["growth"]] == [None, "population", "gpp"]
    assert [g["rate_pct"] for g in data["growth"]] == [-10, 2, 5]


def test_a_measure_ramps_up_evenly_from_its_start(tmp_path):
    data = result(
        tmp_path,
        """\
        horizon: 2030
        measures:
          - {id: led, start: 2026, ramp_years: 4, applies_to: {label: Street lighting}, reduce: {share: 0.6}}
        """,
    )
    cuts = {y: row["by_measure_t_co2e"]["led"] for y, row in by_year(data).items()}
    assert cuts == pytest.approx({2024: 0, 2025: 0, 2026: 0.75, 2027: 1.5, 2028: 2.25, 2029: 3.0, 2030: 3.0})


OVERLAP = """\
horizon: 2026
measures:
  - {id: first, start: 2025, applies_to: {label: Offices}, reduce: {share: 0.6}}
  - {id: second, start: 2025, applies_to: {label: Offices}, reduce: {share: 0.6}}
"""


def test_overlapping_measures_do_not_count_the_same_tonne_twice(tmp_path):
    data = result(tmp_path, OVERLAP)
    year = by_year(data)[2026]
    # the first cuts 60 % of 10 t; the second 60 % of the 4 t left, not another 6 t
    assert year["by_measure_t_co2e"] == pytest.approx({"first": 6.0, "second": 2.4})
    assert year["plan_t_co2e"] == pytest.approx(BASE_T - 8.4)
    for row in data["years"]:
        assert sum(row["by_measure_t_co2e"].values()) == pytest.approx(row["bau_t_co2e"] - row["net_t_co2e"])


def test_order_changes_the_attribution_not_the_total(tmp_path):
    a_line = "  - {id: a, start: 2025, applies_to: {label: Offices}, reduce: {share: 0.3}}\n"
    b_line = "  - {id: b, start: 2025, applies_to: {label: Offices}, reduce: {share: 0.6}}\n"
    a_first = by_year(result(tmp_path, "horizon: 2026\nmeasures:\n" + a_line + b_line))[2026]
    b_first = by_year(result(tmp_path, "horizon: 2026\nmeasures:\n" + b_line + a_line))[2026]
    both = 10 * (1 - 0.7 * 0.4)  # 10 t less 30 % and less 60 %, in either order: 7.2 t
    assert a_first["plan_t_co2e"] == pytest.approx(BASE_T - both) == pytest.approx(b_first["plan_t_co2e"])
    assert a_first["by_measure_t_co2e"] == pytest.approx({"a": 3.0, "b": 4.2})
    assert b_first["by_measure_t_co2e"] == pytest.approx({"a": 1.2, "b": 6.0})


def test_an_absolute_cut_is_capped_at_what_its_lines_hold(tmp_path):
    outcome = run_plan(
        tmp_path,
        """\
        horizon: 2026
        measures:
          - {id: solar, start: 2025, size: 30, applies_to: {label: Street lighting}, reduce: {amount: 500, unit: kWh}}
        """,
    )
    data = plan_result(outcome.projection, outcome.source).to_dict()
    assert by_year(data)[2026]["by_measure_t_co2e"]["solar"] == pytest.approx(5.0)  # all 10,000 kWh, not 15,000
    assert data["measures"][0]["by_year"][-1]["achieved"] == pytest.approx(10000 / 15000)
    assert [i.code for i in outcome.issues] == ["measure-capped"]


def test_a_switch_adds_what_it_replaces_with(tmp_path):
    data = result(
        tmp_path,
        """\
        horizon: 2025
        measures:
          - id: ev
            start: 2025
            size: 2
            applies_to: {label: Trucks}
            reduce: {amount: 400, unit: L}
            add: {activity: grid-test, amount: 1000, unit: kWh, label: EV charging}
        """,
    )
    # 800 L of diesel out (1.6 t), 2,000 kWh in (1.0 t)
    assert by_year(data)[2025]["by_measure_t_co2e"]["ev"] == pytest.approx(0.6)
    assert data["measures"][0]["adds"] == "EV charging"


def test_per_reduced_follows_the_quantity_actually_cut(tmp_path):
    data = result(
        tmp_path,
        """\
        horizon: 2025
        measures:
          - id: ev
            start: 2025
            size: 10
            applies_to: {label: Trucks}
            reduce: {amount: 400, unit: L}
            add: {activity: grid-test, per_reduced: 2.5, unit: kWh}
        """,
    )
    # asks for 4,000 L, the trucks burn 1,000: 1,000 L cut, 2,500 kWh added
    measure = data["measures"][0]["by_year"][-1]
    assert measure["reduced"] == pytest.approx(1000) and measure["added"] == pytest.approx(2500)
    assert by_year(data)[2025]["by_measure_t_co2e"]["ev"] == pytest.approx(2.0 - 1.25)


def test_removals_count_towards_net_and_net_zero(tmp_path):
    data = result(
        tmp_path,
        """\
        horizon: 2026
        measures:
          - {id: trees, start: 2025, size: 10, removal: {t_co2: 1.2, source: test}}
        targets:
          - {year: 2026, net_zero: true}
        """,
    )
    year = by_year(data)[2026]
    assert year["removals_t_co2"] == pytest.approx(12) and year["net_t_co2e"] == pytest.approx(BASE_T - 12)
    target = data["targets"][0]
    assert not target["met"] and target["gap_t_co2e"] == pytest.approx(BASE_T - 12)


def test_target_against_bau_and_against_the_base_year(tmp_path):
    data = result(
        tmp_path,
        """\
        horizon: 2030
        bau:
          drivers: {population: {rate_pct: 10}}
          default: population
        measures:
          - {id: cut, start: 2025, applies_to: {label: Offices}, reduce: {share: 0.5}}
        targets:
          - {year: 2030, reduction_pct: 20}
          - {year: 2030, reduction_pct: 20, against: base}
        """,
    )
    bau = BASE_T * 1.1**6
    net = bau - 5 * 1.1**6
    vs_bau, vs_base = data["targets"]
    assert vs_bau["target_t_co2e"] == pytest.approx(0.8 * bau)
    assert vs_bau["met"] and vs_bau["margin_t_co2e"] == pytest.approx(0.8 * bau - net)
    assert vs_base["target_t_co2e"] == pytest.approx(0.8 * BASE_T)
    assert not vs_base["met"] and vs_base["gap_t_co2e"] == pytest.approx(net - 0.8 * BASE_T)


def test_capital_recovery_factor_matches_annuity_tables():
    # annuity factor tables: 6 % over 10 years 0.13587, 10 % over 20 years 0.11746
    assert capital_recovery(6, 10) == pytest.approx(0.13587, abs=5e-6)
    assert capital_recovery(10, 20) == pytest.approx(0.11746, abs=5e-6)
    assert capital_recovery(0, 8) == pytest.approx(1 / 8)


MACC = """\
horizon: 2026
discount_rate_pct: 6
prices:
  grid-test: {thb_per_unit: 4, unit: kWh, source: test}
measures:
  - id: led
    start: 2025
    applies_to: {label: Street lighting}
    reduce: {share: 0.5}
    costs: {investment_thb: 100000, om_thb_per_year: 1000, lifetime_years: 10}
  - id: offices
    start: 2025
    applies_to: {label: Offices}
    reduce: {amount: 2000, unit: kWh}
    costs: {investment_thb: 50000, lifetime_years: 10}
  - id: trucks
    start: 2025
    applies_to: {label: Trucks}
    reduce: {share: 0.5}
    costs: {om_thb_per_year: 500}
  - {id: free, start: 2025, applies_to: {label: Trucks}, reduce: {share: 0.1}}
"""


def test_macc_arithmetic_and_cheapest_first(tmp_path):
    data = result(tmp_path, MACC)
    crf = 0.1358679582
    led = (100000 * crf + 1000 - 5000 * 4) / 2.5  # 5,000 kWh saved, 2.5 t
    offices = (50000 * crf - 2000 * 4) / 1.0  # 2,000 kWh, 1 t
    trucks = 500 / 1.0  # 500 L, 1 t; no price for fuel-test: no savings counted
    measures = {m["id"]: m for m in data["measures"]}
    assert measures["led"]["cost_thb_per_t_co2e"] == pytest.approx(led, rel=1e-9)
    assert measures["offices"]["cost_thb_per_t_co2e"] == pytest.approx(offices, rel=1e-9)
    assert measures["trucks"]["cost_thb_per_t_co2e"] == pytest.approx(trucks)
    assert measures["led"]["savings_thb_per_year"] == pytest.approx(20000)
    curve = data["macc"]
    assert [bar["id"] for bar in curve] == sorted(
        ["led", "offices", "trucks"], key=lambda i: measures[i]["cost_thb_per_t_co2e"]
    )
    assert [bar["cost_thb_per_t_co2e"] for bar in curve] == sorted(bar["cost_thb_per_t_co2e"] for bar in curve)
    edge = 0.0
    for bar in curve:
        assert bar["from_t_co2e"] == pytest.approx(edge)
        edge += bar["abatement_t_co2e"]
        assert bar["to_t_co2e"] == pytest.approx(edge)
    assert data["not_in_macc"] == ["free"]


def test_projected_years_use_the_base_years_factor_versions(tmp_path):
    # the grid factor of tgo-cfo@2026-02 (0.4750) is in force from 2026, but the plan keeps 0.4999
    base = BASE.replace("grid-test, amount: 20000", "electricity-grid, amount: 20000")
    data = result(tmp_path, "horizon: 2027\n", base)
    years = by_year(data)
    assert years[2027]["bau_t_co2e"] == pytest.approx(years[2024]["bau_t_co2e"])
    assert years[2024]["bau_t_co2e"] == pytest.approx(2 + 5 + 20000 * 0.4999 / 1000)
    assert "tgo-cfo@2022-04" in data["factor_sets"]


def test_landfill_diversion_avoids_methane_from_the_next_year(tmp_path):
    base = BASE.replace(
        "activities:\n",
        "activities:\n"
        "  - method: landfill-fod\n"
        "    label: Landfill\n"
        "    params: {deposits: {2020: 1000, 2021: 1000, 2022: 1000, 2023: 1000, 2024: 1000}, climate: tropical-wet,"
        " site_type: managed-anaerobic}\n",
    )
    plan = """\
        horizon: 2027
        measures:
          - id: compost
            start: 2026
            size: 400
            applies_to: {activity: landfill-fod}
            reduce: {amount: 1, unit: t}
            add: {method: biological-treatment, params: {treatment: composting, basis: wet}, per_reduced: 1}
        """
    data = result(tmp_path, plan, base)
    years = by_year(data)
    # 2026: nothing decays from this year's deposit yet; the compost emits (IPCC Table 4.1: 4 g CH4, 0.24 g N2O
    # per kg wet waste) -> 400 t x (0.004 x 28 + 0.00024 x 265) = 70.24 tCO2e more
    assert years[2026]["by_measure_t_co2e"]["compost"] == pytest.approx(-400 * (0.004 * 28 + 0.00024 * 265))
    assert years[2027]["by_measure_t_co2e"]["compost"] > 0
    # the same deposits written into an inventory by hand give the same landfill emissions in 2027
    by_hand = base.replace("period: 2024", "period: 2027").replace(
        "2024: 1000}", "2024: 1000, 2025: 1000, 2026: 600, 2027: 600}"
    )
    (tmp_path / "hand.yaml").write_text(by_hand, encoding="utf-8")
    hand = api.compute_file(str(tmp_path / "hand.yaml")).result
    landfill = next(line.t_co2e for line in hand.lines if line.activity == "landfill-fod")
    compost_2027 = 400 * (0.004 * 28 + 0.00024 * 265)
    assert years[2027]["plan_t_co2e"] == pytest.approx(BASE_T + landfill + compost_2027)


def test_capture_cuts_only_the_gas_it_captures(tmp_path):
    base = BASE.replace(
        "activities:\n",
        "activities:\n"
        "  - method: wastewater-domestic\n"
        "    label: Wastewater\n"
        "    params: {population: 10000, pathways: [{share: 1, system: septic-system}]}\n",
    )
    (tmp_path / "b.yaml").write_text(base, encoding="utf-8")
    line = api.compute_file(str(tmp_path / "b.yaml")).result.lines[0]
    data = result(
        tmp_path,
        """\
        horizon: 2025
        measures:
          - {id: biogas, start: 2025, applies_to: {label: Wastewater}, capture: {gas: CH4, share: 0.75}}
        """,
        base,
    )
    assert by_year(data)[2025]["by_measure_t_co2e"]["biogas"] == pytest.approx(0.75 * line.gases_t["CH4"] * 28)


MEASURE = st.fixed_dictionaries(
    {
        "label": st.sampled_from(["Trucks", "Street lighting", "Offices"]),
        "start": st.integers(2025, 2028),
        "ramp": st.integers(1, 3),
        "effect": st.one_of(
            st.floats(0.01, 1).map(lambda share: f"reduce: {{share: {share!r}}}"),
            st.floats(1, 30000).map(lambda amount: f"reduce: {{amount: {amount!r}, unit: kWh}}"),
        ),
    }
)


@settings(max_examples=25, deadline=None)
@given(st.lists(MEASURE, min_size=1, max_size=4))
def test_reductions_always_add_up_to_bau_minus_plan(tmp_path_factory, measures):
    lines = []
    for n, m in enumerate(measures):
        effect = m["effect"]
        if "unit: kWh" in effect and m["label"] == "Trucks":
            effect = effect.replace("kWh", "L")
        lines.append(
            f"  - {{id: m{n}, start: {m['start']}, ramp_years: {m['ramp']}, "
            f"applies_to: {{label: {m['label']}}}, {effect}}}\n"
        )
    plan = "horizon: 2029\nbau: {drivers: {g: {rate_pct: 3}}, default: g}\nmeasures:\n" + "".join(lines)
    data = result(tmp_path_factory.mktemp("p"), plan)
    for year in data["years"]:
        cuts = year["by_measure_t_co2e"].values()
        assert math.fsum(cuts) == pytest.approx(year["bau_t_co2e"] - year["plan_t_co2e"], abs=1e-9)
        assert all(cut >= -1e-9 for cut in cuts)  # cutting use never adds emissions
        assert year["plan_t_co2e"] >= -1e-9  # and never takes a line below zero


def test_a_measure_still_ramping_is_costed_for_the_part_in_place(tmp_path):
    plan = MACC.replace("horizon: 2026", "horizon: 2025").replace(
        "  - id: offices\n    start: 2025\n", "  - id: offices\n    start: 2025\n    ramp_years: 4\n"
    )
    offices = next(m for m in result(tmp_path, plan)["measures"] if m["id"] == "offices")
    # a quarter of the 2,000 kWh cut and a quarter of the investment in 2025: the same THB per tonne
    assert offices["horizon_abatement_t_co2e"] == pytest.approx(0.25)
    assert offices["investment_thb"] == pytest.approx(12500)
    assert offices["cost_thb_per_t_co2e"] == pytest.approx(50000 * 0.1358679582 - 2000 * 4, rel=1e-9)
