"""A table row's outlying month (a 10x slip in one meter's reading) is warned at its row and month
column, by the rule a file's monthly line gets (core/plausibility, --threshold month=N)."""

from __future__ import annotations

import duckdb

from tests.helpers import ghgcalc, write

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _meters(tmp_path, slip_every: int | None) -> None:
    # 200 meters reading 100 kWh a month; every `slip_every`-th reads 1,050 in April (10.5x)
    april = f"CASE WHEN i % {slip_every} = 0 THEN 1050.0 ELSE 100.0 END" if slip_every else "100.0"
    months = ", ".join(f"{april if m == 'Apr' else '100.0'} AS {m}" for m in MONTHS)
    duckdb.sql(
        f"COPY (SELECT 'electricity-grid' AS activity, 'kWh' AS unit, {months} FROM range(1, 201) t(i)) "
        f"TO '{tmp_path / 'meters.parquet'}' (FORMAT parquet)"
    )
    write(tmp_path, "town.yaml", "ghgcalc: 1\nname: Town\nperiod: 2567\nactivities_table: meters.parquet\n")


def test_the_first_ten_rows_with_an_outlying_month_are_named_and_the_rest_counted(tmp_path):
    _meters(tmp_path, 7)  # rows 7, 14, ..., 196: 28 rows
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert run.code == 0
    named = [line.split(":")[0] for line in run.stderr.splitlines() if "warning[amount-outlier]: month 4" in line]
    assert named == [f"meters.parquet[row {7 * k}, Apr]" for k in range(1, 11)]
    assert "meters.parquet: warning[amount-outlier]: ... and 18 more rows with amount-outlier" in run.stderr
    # 1,050 is 10.5 times the median of the other months (100): the same words as a file's line
    assert "1,050 kWh is 10 times the median of the other months (100 kWh)" in run.stderr


def test_steady_meters_and_the_month_check_turned_off_give_no_warning(tmp_path):
    _meters(tmp_path, None)
    assert "amount-outlier" not in ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json").stderr
    _meters(tmp_path, 7)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json", "--threshold", "month=off")
    assert run.code == 0 and "amount-outlier" not in run.stderr


def test_a_class_of_one_row_has_its_outlying_month_told_once_at_the_row(tmp_path):
    """A class of one row sums its one row: its outlying month was told at the row and again at the
    class (the line of its rows in the result)."""
    months = ", ".join(f"{'20000.0' if m == 'Dec' else '1000.0'} AS {m}" for m in MONTHS)
    steady = ", ".join(f"100.0 AS {m}" for m in MONTHS)
    duckdb.sql(
        f"COPY (SELECT 'electricity-grid' AS activity, 'kWh' AS unit, {months} "
        f"UNION ALL SELECT 'diesel-mobile', 'L', {steady} FROM range(2)) "
        f"TO '{tmp_path / 'meters.parquet'}' (FORMAT parquet)"
    )
    write(tmp_path, "town.yaml", "ghgcalc: 1\nname: Town\nperiod: 2567\nactivities_table: meters.parquet\n")
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert run.code == 0, run
    told = [line.split(": warning")[0] for line in run.stderr.splitlines() if "warning[amount-outlier]" in line]
    assert told == ["meters.parquet[row 1, Dec]"], run.stderr
