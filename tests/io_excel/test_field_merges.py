"""Merged cells on the sheets of fields (Inventory, Organization): a workbook keeps a merged range's
value in its top-left cell only, and a field is one row, so a value under a merged field name was
dropped and a field under a merged value read as empty, without a word (docs/excel-format.md,
"Merged cells"). Each is now said at its cell; the inventory itself (the period, the total) is read
as the fields say.

Hand numbers: tgo-cfo@2022-04 electricity-grid is 0.4999 kg CO2e/kWh, so 12 x 1,000 kWh is 5.9988 t.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import GRID_T_PER_KWH, activities_workbook, ghgcalc, issues_coded, meter_row, total_of

ROWS = [meter_row("electricity-grid", "Offices", "kWh", 1000)]


def _book(tmp_path: Path, fields: list[list[object]], merge: str, sheet: str = "Inventory") -> None:
    book = activities_workbook(tmp_path / "town.xlsx", ROWS, fields=fields)
    if sheet not in book.sheetnames:
        organization = book.create_sheet(sheet)
        organization.append(["Field", "Value"])
        for row in fields:
            organization.append(row)
    book[sheet].merge_cells(merge)
    book.save(tmp_path / "town.xlsx")


def test_a_value_under_a_merged_field_name_is_an_error_at_it(tmp_path: Path) -> None:
    # rows: 1 Field/Value, 2 ghgcalc, 3 name, 4 period 2567, 5 (A merged with A4) FY2569
    _book(tmp_path, [["period", 2567], [None, "FY2569"]], "A4:A5")
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert run.code == 1, run
    [merged] = issues_coded(run, "cell-merged")
    assert merged.location == "town.xlsx[Inventory]!B5" and merged.severity == "error", run
    assert "'period'" in merged.message and "A4:A5" in merged.message and "not read" in merged.message


def test_a_field_under_a_merged_value_is_said_to_be_read_as_empty(tmp_path: Path) -> None:
    _book(tmp_path, [["period", 2567], ["gwp", None]], "B4:B5")
    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    [merged] = issues_coded(run, "cell-merged")
    assert merged.location == "town.xlsx[Inventory]!B5" and merged.severity == "warning", run
    assert "'period'" in merged.message and "'gwp'" in merged.message and "read as empty" in merged.message
    assert total_of(run) == pytest.approx(12 * 1000 * GRID_T_PER_KWH)


def test_a_field_merged_with_its_value_is_said_and_no_python_none_is_shown(tmp_path: Path) -> None:
    # the period's name typed over its value: the field has no value, and the period is missing
    _book(tmp_path, [["period", None], ["period_start", None], ["period_end", None]], "A4:B4")
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert run.code == 1, run
    [merged] = issues_coded(run, "cell-merged")
    assert merged.location == "town.xlsx[Inventory]!A4" and merged.severity == "warning", run
    assert issues_coded(run, "key-missing") and "None" not in run.stderr, run


def test_an_organization_value_under_a_merged_field_name_is_an_error(tmp_path: Path) -> None:
    fields = [["preparer.name", "Somchai"], [None, "Officer"]]
    _book(tmp_path, fields, "A2:A3", sheet="Organization")
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert run.code == 1, run
    [merged] = issues_coded(run, "cell-merged")
    assert merged.location == "town.xlsx[Organization]!B3" and merged.severity == "error", run
    assert "'preparer.name'" in merged.message
