"""Slips on the Inventory sheet of a workbook: a period and days that disagree (the template's
pre-filled period used to win silently), a key given twice (the last used to win), a date in the
period cell (its suggested fiscal year) and an Inventory sheet under another name.

Hand numbers: tgo-cfo@2022-04 electricity-grid is 0.4999 kg CO2e/kWh, so 1,000 kWh is 0.4999 t.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers import ghgcalc, issues

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HEADER = ["Activity", "Scope", "Label", "Unit", "ID", *MONTHS, "Total"]  # months in F..Q, Total in R
EF = 0.4999 / 1000  # t CO2e per kWh


def workbook(
    path: Path,
    rows: list[list[Any]],
    header: list[Any] | None = None,
    fields: list[list[Any]] | None = None,
    inventory: str = "Inventory",
) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = inventory
    for row in (["Field", "Value"], ["ghgcalc", 1], ["name", "Town"], *(fields or [["period", 2567]])):
        sheet.append(row)
    activities = book.create_sheet("Activities")
    activities.append(header or HEADER)
    for row in rows:
        activities.append(row)
    book.save(path)
    return book


def meter(activity: str | None, label: str | None, unit: str | None, month: float) -> list[Any]:
    return [activity, None, label, unit, None, *[month] * 12, None]


def found(run: Any, code: str) -> list[Any]:
    return [p for p in issues(run.stderr) if p.code == code]


def total(run: Any) -> float:
    return float(json.loads(run.stdout)["total_t_co2e"])


# --- D3, D4: the Inventory sheet -----------------------------------------------------------------


def test_a_period_and_dates_that_disagree_are_refused_naming_both(tmp_path: Path) -> None:
    """The template's pre-filled FY2570 beside period_start and period_end of FY2567: which one the
    officer meant cannot be known, and the wrong one changes the factor edition."""
    dates = [["period", "FY2570"], ["period_start", dt.datetime(2023, 10, 1)], ["period_end", dt.datetime(2024, 9, 30)]]
    workbook(tmp_path / "town.xlsx", [meter("electricity-grid", "Offices", "kWh", 1000)], fields=dates)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1 and run.stdout == "", run
    [conflict] = found(run, "period-conflict")
    assert conflict.location == "town.xlsx[Inventory]!B4" and conflict.severity == "error", run
    assert "B5" in conflict.message and "B6" in conflict.message and "FY2570" in conflict.message
    assert conflict.hint is not None and "clear" in conflict.hint


def test_a_period_and_dates_that_agree_are_read(tmp_path: Path) -> None:
    dates = [["period", "FY2567"], ["period_start", dt.datetime(2023, 10, 1)], ["period_end", dt.datetime(2024, 9, 30)]]
    workbook(tmp_path / "town.xlsx", [meter("electricity-grid", "Offices", "kWh", 1000)], fields=dates)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0 and not found(run, "period-conflict"), run
    assert total(run) == pytest.approx(12_000 * EF, rel=1e-12)


def test_a_key_given_twice_on_the_inventory_sheet_is_refused(tmp_path: Path) -> None:
    fields = [["period", 2567], ["gwp", "AR5"], ["period", "FY2569"]]
    workbook(tmp_path / "town.xlsx", [meter("electricity-grid", "Offices", "kWh", 100)], fields=fields)
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1 and run.stdout == "", run
    [duplicate] = found(run, "key-duplicate")
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
    workbook(tmp_path / "town.xlsx", [meter("electricity-grid", "Offices", "kWh", 100)], fields=[["period", day]])
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1, run
    [invalid] = found(run, "period-invalid")
    assert invalid.location == "town.xlsx[Inventory]!B4", run
    assert suggested in invalid.message, run
    assert not [
        other for other in ("FY2566", "FY2567", "FY2568", "FY2569") if other != suggested and other in invalid.message
    ]


def test_an_inventory_sheet_in_lower_case_is_found(tmp_path: Path) -> None:
    workbook(tmp_path / "town.xlsx", [meter("electricity-grid", "Offices", "kWh", 100)], inventory="inventory")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    assert total(run) == pytest.approx(1200 * EF, rel=1e-12)


def test_an_inventory_sheet_under_another_name_is_named_in_the_hint(tmp_path: Path) -> None:
    workbook(tmp_path / "town.xlsx", [meter("electricity-grid", "Offices", "kWh", 100)], inventory="ข้อมูล")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 1, run
    [missing] = found(run, "sheet-missing")
    assert missing.hint is not None and "'ข้อมูล'" in missing.hint and "'Inventory'" in missing.hint, run
    assert "YAML" not in run.stderr, run
