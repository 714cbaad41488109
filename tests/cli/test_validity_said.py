"""A factor used on no day of its dates is said to be so, not as one that "does not cover the whole
period": a supplier's set valid for 2024, listed before tgo-cfo and kept into FY2569, gave the 2569
diesel line its 2.5 kgCO2/L (1000 L: 2.5 t, by hand) where TGO's 2026 edition is in force, and the
warning read as if the value held for part of the year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FACTOR_HEADER, ghgcalc, issues_coded, own_factor_set, write

ROW = "diesel-mobile,Supplier diesel,,mobile-combustion,1,L,CO2,2.5,,2024-01-01,2024-12-31,,,Supplier SDS 2024,\n"
TOWN = """\
ghgcalc: 1
name: Test Town
period: {period}
factors: [my-boilers, tgo-cfo]
activities:
  - {{activity: diesel-mobile, amount: 1000, unit: L}}
"""


def compute(folder: Path, period: str, *args: str) -> tuple[dict, str]:
    write(folder, "town.yaml", TOWN.format(period=period))
    run = ghgcalc(folder, "compute", "town.yaml", "--factors-dir", "myf", "-f", "json", *args)
    assert run.code == 0, run
    [warning] = issues_coded(run, "factor-out-of-validity")
    return json.loads(run.stdout), warning.message


def test_a_factor_valid_on_no_day_of_the_period_is_said_so(tmp_path: Path) -> None:
    own_factor_set(tmp_path, FACTOR_HEADER + ROW)
    result, message = compute(tmp_path, "FY2569")
    assert result["total_t_co2e"] == pytest.approx(2.5, abs=1e-12)
    assert "my-boilers@2024 is valid 2024-01-01 to 2024-12-31, on no day of the period FY2569" in message
    assert "whole period" not in message
    _, thai = compute(tmp_path, "FY2569", "--lang", "th")
    assert "ไม่ตรงกับวันใดเลยในช่วงเวลาการรายงาน" in thai


def test_a_factor_valid_for_part_of_the_period_still_says_the_whole_period(tmp_path: Path) -> None:
    own_factor_set(tmp_path, FACTOR_HEADER + ROW)
    _, message = compute(tmp_path, "FY2567")  # 2023-10-01 to 2024-09-30: nine of its months in 2024
    assert "which does not cover the whole period FY2567" in message
