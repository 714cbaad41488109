"""Slips in a community inventory that used to give a plausible wrong total without a word: a GPC
reference of another scope, a method line's population typed ten times, a lower-case notation key,
a method line pasted twice, FOD beside methane commitment, and the wording of line-dominates.
Each expected number is worked out by hand in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import at, ghgcalc, issues, write

HEAD = "ghgcalc: 1\nname: Test province\nkind: community\nperiod: 2566\nfactors: [tgo-cfo, ipcc-2006]\n"
# 452,000 persons x 40 g BOD x 0.001 x 1.25 x 365 days x Bo 0.6 x MCF 0.5 (septic) = 2,474.7 t CH4
WASTEWATER = "{population: 452000, pathways: [{share: 1, system: septic-system}]}"
WASTEWATER_CH4_T = 452_000 * 40 * 0.001 * 1.25 * 365 * 0.6 * 0.5 / 1000


def _run(tmp_path: Path, text: str, *args: str):
    write(tmp_path, "p.yaml", text)
    run = ghgcalc(tmp_path, "compute", "p.yaml", "-f", "json", *args)
    assert run.code == 0, run
    return run, json.loads(run.stdout)


def _warnings(run, code: str):
    return [p for p in issues(run.stderr) if p.code == code and p.severity == "warning"]


def _where(text: str, marker: str, occurrence: int = 1) -> str:
    line, column = at(text, marker, occurrence)
    return f"p.yaml:{line}:{column}"


# --- a GPC reference of another scope (D4) -----------------------------------------------------

RESCOPED = HEAD + (
    "activities:\n"
    "  - {gpc: I.1.1, activity: electricity-grid, amount: 318400, unit: MWh}\n"
    "  - {gpc: I.1.1, activity: lpg-residential, amount: 9850, unit: t}\n"
    "  - {gpc: I.1.2, method: grid-td-losses, params: {electricity: 96800, electricity_unit: MWh,"
    " loss_fraction: 0.06, grid_ef: 0.412, source: x}}\n"
    "  - {gpc: V.3, method: road-distance, params: {vehicle: pickup, vehicle_km: 20000,"
    " kg_per_km: {CO2: 0.27}, source: x}}\n"
)


def test_a_reference_of_another_scope_is_warned_at_the_gpc_naming_the_one_that_fits(tmp_path: Path) -> None:
    run, result = _run(tmp_path, RESCOPED)
    found = {p.location: p for p in _warnings(run, "gpc-unusual")}
    assert len(found) == 3, run
    grid = found[_where(RESCOPED, "I.1.1")]
    assert "'electricity-grid' is usually scope 2" in grid.message and "GPC I.1.1" in grid.message
    assert grid.hint is not None and "gpc: I.1.2" in grid.hint
    losses = found[_where(RESCOPED, "I.1.2")]
    assert "'grid-td-losses'" in losses.message and "I.x.3" in losses.message
    assert losses.hint is not None and "gpc: I.1.3" in losses.hint
    road = found[_where(RESCOPED, "V.3")]
    assert "'road-distance'" in road.message and road.hint is not None and "gpc: II.1.1" in road.hint
    # the LPG under I.1.1 is where it belongs; the numbers are the line's as written (a warning only):
    # 318,400 MWh x 0.4999 kgCO2e/kWh = 159,168.16 t, counted as scope 1 under I.1.1
    assert _where(RESCOPED, "I.1.1", 2) not in found
    assert result["gpc"]["by_reference_t_co2e"]["I.1.1"] > 318_400 * 0.4999


def test_the_references_the_gpc_gives_these_lines_are_not_warned(tmp_path: Path) -> None:
    fitting = (
        RESCOPED.replace("gpc: I.1.1, activity: electricity", "gpc: I.1.2, activity: electricity")
        .replace("gpc: I.1.2, method", "gpc: I.2.3, method")
        .replace("gpc: V.3", "gpc: II.1.3")
    )
    run, _ = _run(tmp_path, fitting)
    assert not _warnings(run, "gpc-unusual"), run


# --- a method line's population against the inventory's (D7) -----------------------------------

POPULATION = HEAD + (
    "indicators: {population: 452000}\n"
    "activities:\n"
    "  - {gpc: III.4.1, method: wastewater-domestic, params: {population: 4520000,"
    " pathways: [{share: 1, system: septic-system}]}}\n"
    "  - {gpc: III.4.1, method: wastewater-n2o, params: {population: 300000, protein_kg_per_person_year: 25}}\n"
)


def test_a_population_ten_times_the_inventory_s_is_warned_at_the_parameter(tmp_path: Path) -> None:
    run, _ = _run(tmp_path, POPULATION)
    [found] = _warnings(run, "population-unusual")  # 300,000 covers part of 452,000: not warned
    assert found.location == _where(POPULATION, "4520000")
    # 4,520,000 / 452,000 = 10
    assert "4,520,000" in found.message and "10 times" in found.message and "452,000" in found.message
    again = ghgcalc(tmp_path, "compute", "p.yaml", "-f", "json", "--threshold", "population=off")
    assert again.code == 0 and not _warnings(again, "population-unusual")


def test_an_output_typed_ten_times_is_warned_in_a_trend(tmp_path: Path) -> None:
    line = "activities:\n  - {gpc: I.1.2, activity: electricity-grid, amount: 318400, unit: MWh}\n"
    before = HEAD.replace("2566", "2565") + "output: {amount: 452000, unit: persons}\n" + line
    now = HEAD + "output: {amount: 4520000, unit: persons}\n" + line
    write(tmp_path, "a.yaml", before)
    write(tmp_path, "b.yaml", now)
    run = ghgcalc(tmp_path, "trend", "a.yaml", "b.yaml", "-f", "json")
    assert run.code == 0, run
    [found] = _warnings(run, "indicator-change")
    line_no, column = at(now, "4520000")
    assert found.location == f"b.yaml:{line_no}:{column}"
    assert "output.amount is 4,520,000, 10 times the 452,000 of a.yaml" in found.message


# --- a notation key under a lower-case reference (D8) ------------------------------------------


def test_a_lower_case_notation_key_counts_for_its_reference(tmp_path: Path) -> None:
    text = HEAD + (
        "notation_keys:\n  i.3.1: {key: NO, explanation: no factories}\n  i.1.2: {key: NO}\n"
        "activities:\n  - {gpc: i.1.2, activity: electricity-grid, amount: 318400, unit: MWh}\n"
    )
    run, result = _run(tmp_path, text)
    rows = {row["ref"]: row for row in result["gpc"]["completeness"]}
    assert rows["I.3.1"]["notation_key"] == "NO" and rows["I.3.1"]["explanation"] == "no factories"
    [incomplete] = _warnings(run, "gpc-incomplete")
    assert "I.3.1," not in incomplete.message and "I.3.2" in incomplete.message
    [conflict] = _warnings(run, "notation-conflict")  # located at the key as written
    assert conflict.location == _where(text, "{key: NO}") and "I.1.2" in conflict.message


# --- method lines pasted twice, two landfill methods (D9) --------------------------------------

REPEATED = HEAD + (
    "activities:\n"
    f"  - {{gpc: III.4.1, method: wastewater-domestic, params: {WASTEWATER}}}\n"
    f"  - {{gpc: III.4.1, method: wastewater-domestic, params: {WASTEWATER}}}\n"
    f"  - {{gpc: III.4.1, label: rural, method: wastewater-domestic, params: {WASTEWATER}}}\n"
    "  - {gpc: III.1.1, method: methane-commitment, params: {tonnes: 8400}}\n"
    "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2020: 8400, 2021: 8400}}}\n"
    "  - {gpc: III.1.2, method: landfill-fod, params: {deposits: {2020: 8400, 2021: 8400}}}\n"
)


def test_a_method_line_pasted_twice_is_line_repeated(tmp_path: Path) -> None:
    run, result = _run(tmp_path, REPEATED)
    [repeated] = _warnings(run, "line-repeated")  # the labelled line and the III.1.2 line differ
    line, _ = at(REPEATED, "- {gpc: III.4.1", 2)
    assert repeated.location.startswith(f"p.yaml:{line}:") and "as activity 1" in repeated.message
    # all still count (a warning only): three lines of 2,474.7 t CH4 at AR5's GWP of 28
    assert result["gpc"]["by_reference_t_co2e"]["III.4.1"] == pytest.approx(3 * WASTEWATER_CH4_T * 28)


def test_fod_beside_methane_commitment_under_one_reference_is_warned(tmp_path: Path) -> None:
    run, _ = _run(tmp_path, REPEATED)
    [mixed] = _warnings(run, "landfill-methods-mixed")  # III.1.2 has only one method
    line, _ = at(REPEATED, "method: landfill-fod")
    assert mixed.location is not None and mixed.location.startswith(f"p.yaml:{line}:")
    assert "III.1.1" in mixed.message and "activity 4" in mixed.message


# --- messages (D12) -----------------------------------------------------------------------------


def test_line_dominates_next_to_zero_lines_says_so_and_names_a_method_s_parameters(tmp_path: Path) -> None:
    text = HEAD + (
        "activities:\n"
        "  - {gpc: III.1.1, label: a, method: landfill-fod, params: {deposits: {2020: 50000}}}\n"
        "  - {gpc: I.1.2, activity: electricity-grid, amount: 0, unit: MWh}\n"
        "  - {gpc: I.2.2, activity: electricity-grid, amount: 0, unit: MWh}\n"
    )
    run, _ = _run(tmp_path, text)
    [found] = _warnings(run, "line-dominates")
    assert found.message == "this line is 100.0 % of the total; every other line is 0"
    assert found.hint is not None and "'landfill-fod' (deposits)" in found.hint and "run" not in found.hint


def test_a_data_quality_grade_must_be_one_of_the_tiers(tmp_path: Path) -> None:
    text = HEAD + (
        "activities:\n  - {gpc: I.1.2, activity: electricity-grid, amount: 1, unit: MWh, data_quality: {source: 3}}\n"
    )
    write(tmp_path, "p.yaml", text)
    run = ghgcalc(tmp_path, "validate", "p.yaml")
    assert run.code == 1
    assert "source is '3'; it must be one of 1st, 2nd, other" in run.stderr


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_new_warnings_are_said_in_both_languages(tmp_path: Path, lang: str) -> None:
    write(tmp_path, "p.yaml", RESCOPED)
    run = ghgcalc(tmp_path, "compute", "p.yaml", "--lang", lang)
    assert run.code == 0 and len(_warnings(run, "gpc-unusual")) == 3
    assert ("ประเภทที่" in run.stderr) == (lang == "th")
