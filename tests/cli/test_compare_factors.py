"""`compute --compare-factors`: one inventory under its own edition and another, line by line.

Expected numbers are computed here by hand from TGO's published factors: grid 0.4999 kgCO2e/kWh
(grid mix 2016-2018, TGO "Emission Factor CFO" April 2022) and 0.4750 kgCO2e/kWh (grid mix
2022-2024, TGO's edition of February 2026); stationary diesel, the same gases in both editions
(CO2 2.698722, CH4 0.00010926, N2O 0.000021852 kg/L), fossil CH4 weighted 30 in April 2022 and 28
in 2026 (N2O 265).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import INPUT_ERRORS, USAGE, assert_usage_error, ghgcalc, snapshot, write

GRID_2022 = 0.4999  # kgCO2e/kWh
GRID_2026 = 0.4750
CO2, CH4, N2O = 2.698722, 0.00010926, 0.000021852  # kg per L of diesel, stationary
DIESEL_2022 = CO2 + CH4 * 30 + N2O * 265  # kgCO2e/L
DIESEL_2026 = CO2 + CH4 * 28 + N2O * 265

TOWN = """\
ghgcalc: 1
name: Test Town
period: {period}
activities:
  - {{activity: electricity-grid, amount: 1000, unit: kWh, label: Offices}}
  - {{activity: diesel-stationary, amount: 100, unit: L, label: '=HYPERLINK("http://x")'}}
"""


def compare(folder: Path, period: str, other: str, *args: str) -> dict:
    write(folder, "town.yaml", TOWN.format(period=period))
    run = ghgcalc(folder, "compute", "town.yaml", "--compare-factors", other, "-f", "json", *args)
    assert run.code == 0, run
    return json.loads(run.stdout)


def test_the_grid_change_of_2026_line_by_line(tmp_path: Path) -> None:
    data = compare(tmp_path, "FY2567", "tgo-cfo@2026-02")
    grid, diesel = data["lines"]
    assert grid["own"]["factor"]["set"] == "tgo-cfo@2022-04"
    assert grid["compared"]["factor"]["set"] == "tgo-cfo@2026-02"
    assert grid["own"]["t_co2e"] == pytest.approx(1000 * GRID_2022 / 1000)
    assert grid["compared"]["t_co2e"] == pytest.approx(1000 * GRID_2026 / 1000)
    assert grid["change_t_co2e"] == pytest.approx((GRID_2026 - GRID_2022) * 1000 / 1000)
    assert grid["change_pct"] == pytest.approx(100 * (GRID_2026 - GRID_2022) / GRID_2022)
    assert grid["factor_changed"] and diesel["factor_changed"]
    assert diesel["own"]["t_co2e"] == pytest.approx(100 * DIESEL_2022 / 1000)
    assert diesel["compared"]["t_co2e"] == pytest.approx(100 * DIESEL_2026 / 1000)
    assert diesel["change_t_co2e"] == pytest.approx(100 * CH4 * (28 - 30) / 1000)
    assert data["changed_lines"] == 2
    total_change = (GRID_2026 - GRID_2022) * 1000 / 1000 + 100 * CH4 * (28 - 30) / 1000
    assert data["total_t_co2e"]["change_t"] == pytest.approx(total_change)
    assert data["by_scope_t_co2e"]["1"]["change_t"] == pytest.approx(100 * CH4 * (28 - 30) / 1000)
    assert data["by_scope_t_co2e"]["2"]["change_pct"] == pytest.approx(100 * (GRID_2026 - GRID_2022) / GRID_2022)
    assert data["gwp"] == "AR5"
    # FY2567 ends before the 2026 edition comes into force: the comparison says so
    assert any("not in force for fiscal year 2567" in note for note in data["notes"])


def test_a_fiscal_2569_inventory_against_the_old_edition(tmp_path: Path) -> None:
    """FY2569 takes the 2026 grid factor (the newer edition in force); compared with 2022-04 the
    change has the other sign."""
    data = compare(tmp_path, "FY2569", "tgo-cfo@2022-04")
    grid = data["lines"][0]
    assert grid["own"]["factor"]["set"] == "tgo-cfo@2026-02"
    assert grid["compared"]["factor"]["set"] == "tgo-cfo@2022-04"
    assert grid["change_t_co2e"] == pytest.approx(GRID_2022 - GRID_2026)


def test_every_format(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", TOWN.format(period="FY2567"))
    base = ("compute", "town.yaml", "--compare-factors", "tgo-cfo@2026-02")
    rows = list(csv.DictReader(io.StringIO(ghgcalc(tmp_path, *base, "-f", "csv").stdout)))
    assert [r["factor_changed"] for r in rows] == ["True", "True"]
    assert rows[1]["label"].startswith("'=")  # the formula guard of every CSV
    assert float(rows[0]["change_t_co2e"]) == pytest.approx(GRID_2026 - GRID_2022)
    write(tmp_path, "town-2.yaml", TOWN.format(period="FY2567"))  # a file of its own: the same file is computed once
    lines = ghgcalc(tmp_path, "compute", "town.yaml", "town-2.yaml", *base[2:], "-f", "jsonl").stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["ghgcalc_compare"] == 1 for line in lines)
    markdown = ghgcalc(tmp_path, *base, "-f", "md").stdout
    assert "| Scope 2 |" in markdown and "| Total |" in markdown and "-4.98 %" in markdown
    table = ghgcalc(tmp_path, *base, "-f", "table").stdout
    assert "Lines whose factor changes" in table and "Offices" in table and "-4.98 %" in table
    assert ghgcalc(tmp_path, *base, "-f", "xlsx", "-o", "c.xlsx").code == 0
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["Comparison"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(c.value == "Total" for c in cells)
    assert all(c.data_type != "f" for c in cells), "a label became a formula"


def test_a_version_must_be_named_and_exist(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", TOWN.format(period="FY2567"))
    before = snapshot(tmp_path)
    assert_usage_error(ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", "tgo-cfo"), "names no version")
    assert_usage_error(ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", "tgo-cfo@2030"), "2030")
    assert_usage_error(ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", "nosuch@1"), "nosuch")
    assert snapshot(tmp_path) == before


def test_two_versions_of_one_set_are_refused_and_a_version_named_twice_counts_once(tmp_path: Path) -> None:
    """tgo-cfo@2020-02 with tgo-cfo@2026-02: each line would take the first that has its key (the
    diesel of 2020-02, the grid of 2026-02), a "compared" column of two editions mixed."""
    write(tmp_path, "town.yaml", TOWN.format(period="FY2567"))
    for args in (["tgo-cfo@2020-02,tgo-cfo@2026-02"], ["tgo-cfo@2026-02", "--compare-factors", "tgo-cfo@2020-02"]):
        run = ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", *args, "-f", "json")
        assert_usage_error(run, "2 versions of tgo-cfo", "2020-02", "2026-02", "one version of a set at a time")
    twice = compare(tmp_path, "FY2567", "tgo-cfo@2026-02", "--compare-factors", "tgo-cfo@2026-02")
    assert twice == compare(tmp_path, "FY2567", "tgo-cfo@2026-02")
    assert twice["compared_factor_sets"].count("tgo-cfo@2026-02") == 1


def test_an_inventory_with_errors_is_not_compared(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", TOWN.format(period="FY2567").replace("amount: 100", "amount: -100"))
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "--compare-factors", "tgo-cfo@2026-02", "-f", "json")
    assert run.code == INPUT_ERRORS and run.stdout == ""
    assert "amount-negative" in run.stderr


def test_the_output_never_replaces_the_input(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", TOWN.format(period="FY2567"))
    before = snapshot(tmp_path)
    run = ghgcalc(
        tmp_path, "compute", "town.yaml", "--compare-factors", "tgo-cfo@2026-02", "-o", "town.yaml", "--force"
    )
    assert run.code == USAGE
    assert snapshot(tmp_path) == before


FY2569 = """\
ghgcalc: 1
name: Test Town
period: FY2569
activities:
  - {activity: diesel-mobile, amount: 1000, unit: L}
  - {activity: electricity-grid, amount: 100000, unit: kWh}
  - {activity: septic-tank, amount: 1000, unit: person_day}
"""
# mobile diesel in TGO's edition of February 2020 (AR4 sheet), weighted with the inventory's AR5
DIESEL_MOBILE_2020 = 2.698722 + 0.000142038 * 30 + 0.000142038 * 265  # kgCO2e/L


@pytest.mark.parametrize("other", ["tgo-cfo@2020-02", "gases@1", "ipcc-2006@2006"])
def test_a_key_the_compared_version_lacks_keeps_exactly_its_own_factor(tmp_path: Path, other: str) -> None:
    """FY2569 takes the grid and diesel from tgo-cfo@2026-02 and the septic tank from 2022-04.
    tgo-cfo@2020-02 has no electricity-grid row, gases@1 and ipcc-2006@2006 hold none of these
    keys: such a line keeps the 2026-02 factor it used, never the older 2022-04 one."""
    write(tmp_path, "town.yaml", FY2569)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", other, "-f", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    diesel, grid, septic = data["lines"]
    assert grid["own"]["factor"]["set"] == grid["compared"]["factor"]["set"] == "tgo-cfo@2026-02"
    assert grid["compared"]["t_co2e"] == pytest.approx(100_000 * GRID_2026 / 1000)
    assert grid["change_t_co2e"] == 0 and not grid["factor_changed"]
    assert septic["compared"]["factor"]["set"] == "tgo-cfo@2022-04" and septic["change_t_co2e"] == 0
    if other == "tgo-cfo@2020-02":
        assert diesel["compared"]["factor"]["set"] == "tgo-cfo@2020-02"
        assert diesel["compared"]["t_co2e"] == pytest.approx(1000 * DIESEL_MOBILE_2020 / 1000)
        change = diesel["compared"]["t_co2e"] - diesel["own"]["t_co2e"]
        assert change == pytest.approx(0.000284, abs=1e-6)
        assert data["total_t_co2e"]["change_t"] == pytest.approx(change)
        assert data["by_scope_t_co2e"]["2"]["change_t"] == 0
    else:
        assert diesel["compared"]["factor"]["set"] == "tgo-cfo@2026-02"
        assert data["total_t_co2e"]["change_t"] == 0 and data["changed_lines"] == 0
