"""A refused table value is quoted in the message, and a total that disagrees with its months says
both numbers (docs/tables.md): the officer sees what is wrong without adding twelve cells or
opening the Parquet file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.helpers import activities_workbook, ghgcalc, meter_row, write
from tests.hostile.test_table_traps import failed, problem, run


def _parquet(path: Path, select: str) -> None:
    con = duckdb.connect()
    try:
        con.execute(f"COPY (SELECT {select}) TO '{path}' (FORMAT parquet)")
    finally:
        con.close()


def test_a_time_amount_is_said_to_be_a_time(tmp_path: Path) -> None:
    _parquet(tmp_path / "t.parquet", "'electricity-grid' AS activity, TIME '10:00:00' AS amount, 'kWh' AS unit")
    found = run(tmp_path, "t.parquet")
    failed(found)
    message, hint = problem(found, "t.parquet[row 1, amount]", "amount-invalid")
    assert message == "the amount: the time 10:00:00 is not a number"
    assert hint == "write the amount as a number, not as a time or a duration"


def test_an_interval_amount_is_quoted(tmp_path: Path) -> None:
    select = "'electricity-grid' AS activity, INTERVAL 3 DAY + INTERVAL 2 HOUR AS amount, 'kWh' AS unit"
    _parquet(tmp_path / "t.parquet", select)
    found = run(tmp_path, "t.parquet")
    failed(found)
    message, _ = problem(found, "t.parquet[row 1, amount]", "amount-invalid")
    assert message == "the amount: the duration 3 days 02:00:00 is not a number"
    thai = run(tmp_path, "t.parquet", "--lang", "th")
    assert "ระยะเวลา 3 วัน 02:00:00 ไม่ใช่ตัวเลข" in thai.stderr, thai


def test_a_total_that_is_not_its_months_sum_says_both_numbers(tmp_path: Path) -> None:
    months = ",".join(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))
    write(tmp_path, "t.csv", f"activity,amount,unit,{months}\nelectricity-grid,1300,kWh,{','.join(['100'] * 12)}\n")
    found = run(tmp_path, "t.csv")
    failed(found)
    message, _ = problem(found, "t.csv[row 1, amount]", "total-mismatch")
    assert message == "the amount 1,300 is not the sum of the row's months, 1,200"


def test_a_workbook_total_that_is_not_its_months_sum_says_both_numbers(tmp_path: Path) -> None:
    activities_workbook(tmp_path / "town.xlsx", [[*meter_row("electricity-grid", "office", "kWh", 100)[:-1], 1250.5]])
    found = ghgcalc(tmp_path, "validate", "town.xlsx")
    failed(found)
    message, _ = problem(found, "town.xlsx[Activities]!R2", "total-mismatch")
    assert message == "the total 1,250.5 is not the sum of the months, 1,200"
