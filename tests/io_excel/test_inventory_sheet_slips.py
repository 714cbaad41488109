"""Slips on the Inventory sheet of a workbook: a period and days that disagree (the template's
pre-filled period used to win silently), a key given twice (the last used to win), a date in the
period cell (its suggested fiscal year) and an Inventory sheet under another name.

Hand numbers: tgo-cfo@2022-04 electricity-grid is 0.4999 kg CO2e/kWh, so 1,000 kWh is 0.4999 t.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.helpers import (
    GRID_T_PER_KWH,
    activities_workbook,
    ghgcalc,
    issues_coded,
    meter_row,
    total_of,
)

# --- D3, D4: the Inventory sheet -----------------------------------------------------------------


def test_a_period_and_dates_that_disagree_are_refused_naming_both(tmp_path: Path) -> None:
    """The template's pre-filled FY2570 beside period_start and period_end of FY2567: which one the
    officer meant cannot be known, and the wrong one changes the factor edition."""
    dates = [["period", "FY2570"], ["period_start", dt.datetime(2023, 10, 1)], ["period_end", dt.datetime(2024, 9, 30)]]
    activities_workbook(tmp_path / "town.xlsx", [meter_row("electricity-grid", "Offices", "kWh", 1000)], fields=dates)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1 and run.stdout == "", run
    [conflict] = issues_coded(run, "period-conflict")
    assert conflict.location == "town.xlsx[Inventory]!B4" and conflict.severity == "error", run
    assert "B5" in conflict.message and "B6" in conflict.message and "FY2570" in conflict.message
    assert conflict.hint is not None and "clear" in conflict.hint


def test_a_period_and_dates_that_agree_are_read(tmp_path: Path) -> None:
    dates = [["period", "FY2567"], ["period_start", dt.datetime(2023, 10, 1)], ["period_end", dt.datetime(2024, 9, 30)]]
    activities_workbook(tmp_path / "town.xlsx", [meter_row("electricity-grid", "Offices", "kWh", 1000)], fields=dates)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0 and not issues_coded(run, "period-conflict"), run
    assert total_of(run) == pytest.approx(12_000 * GRID_T_PER_KWH, rel=1e-12)


def test_a_key_given_twice_on_the_inventory_sheet_is_refused(tmp_path: Path) -> None:
    fields = [["period", 2567], ["gwp", "AR5"], ["period", "FY2569"]]
    activities_workbook(tmp_path / "town.xlsx", [meter_row("electricity-grid", "Offices", "kWh", 100)], fields=fields)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1 and run.stdout == "", run
    [duplicate] = issues_coded(run, "key-duplicate")
    assert duplicate.location == "town.xlsx[Inventory]!A6" and duplicate.severity == "error", run
    assert "B4" in duplicate.message and "B6" in duplicate.message


# --- D9, D10: the period cell and the Inventory sheet's name -------------------------------------


@pytest.mark.parametrize(
    ("day", "suggested"),
    [
        (dt.datetime(2023, 10, 1), "FY2567"),
        (dt.datetime(2024, 1, 1), "FY2567"),
        (dt.datetime(2024, 9, 30), "FY2567"),
        (dt.datetime(2024, 10, 1), "FY2568"),
    ],
)
def test_a_date_in_the_period_cell_suggests_its_fiscal_year(tmp_path: Path, day: dt.datetime, suggested: str) -> None:
    activities_workbook(
        tmp_path / "town.xlsx", [meter_row("electricity-grid", "Offices", "kWh", 100)], fields=[["period", day]]
    )
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1, run
    [invalid] = issues_coded(run, "period-invalid")
    assert invalid.location == "town.xlsx[Inventory]!B4", run
    assert suggested in invalid.message, run
    assert not [
        other for other in ("FY2566", "FY2567", "FY2568", "FY2569") if other != suggested and other in invalid.message
    ]


def test_an_inventory_sheet_in_lower_case_is_found(tmp_path: Path) -> None:
    activities_workbook(
        tmp_path / "town.xlsx", [meter_row("electricity-grid", "Offices", "kWh", 100)], inventory="inventory"
    )
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total_of(run) == pytest.approx(1200 * GRID_T_PER_KWH, rel=1e-12)


def test_an_inventory_sheet_under_another_name_is_named_in_the_hint(tmp_path: Path) -> None:
    activities_workbook(
        tmp_path / "town.xlsx", [meter_row("electricity-grid", "Offices", "kWh", 100)], inventory="ข้อมูล"
    )
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1, run
    [missing] = issues_coded(run, "sheet-missing")
    assert missing.hint is not None and "'ข้อมูล'" in missing.hint and "'Inventory'" in missing.hint, run
    assert "YAML" not in run.stderr, run
