"""The bottom-up province (examples/province-bottom-up/): its electricity customers and vehicles
come from two Parquet tables computed in DuckDB, its other lines from the file. Its tables sum to
the seven lines of examples/province.yaml they replace, so both compute to the same totals."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import duckdb

from tests.conftest import ROOT
from tests.helpers import ghgcalc

FOLDER = ROOT / "examples" / "province-bottom-up"


def _result(path) -> dict:
    run = ghgcalc(path.parent, "compute", path.name, "-f", "json")
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def test_the_bottom_up_province_computes_as_its_line_by_line_twin():
    bottom_up = _result(FOLDER / "province.yaml")
    twin = _result(ROOT / "examples" / "province.yaml")
    assert _same(bottom_up["total_t_co2e"], twin["total_t_co2e"])
    for member in ("by_scope_t_co2e", "by_gas_t", "separately_reported_t_co2e", "ipcc_sectors_t_co2e"):
        assert bottom_up[member].keys() == twin[member].keys()
        assert all(_same(bottom_up[member][k], v) for k, v in twin[member].items()), member
    ours, theirs = bottom_up["gpc"]["by_reference_t_co2e"], twin["gpc"]["by_reference_t_co2e"]
    assert ours.keys() == theirs.keys()
    assert all(_same(ours[k], v) for k, v in theirs.items())
    assert [(t["file"], t["rows"]) for t in bottom_up["tables"]] == [
        ("electricity-customers.parquet", 36_000),
        ("vehicles.parquet", 145_000),
    ]


def test_the_tables_sum_to_the_lines_they_replace():
    # examples/province.yaml: I.1.2 318,400 MWh, I.2.2 201,700, I.3.2 266,900, I.5.2 48,200;
    # II.1.1 diesel 182.5 ML, gasoline 96.4 ML, LPG 8.3 ML
    months = " + ".join(
        f'"{m}"' for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    )
    electricity = dict(
        duckdb.sql(
            f"SELECT gpc, sum({months}) FROM read_parquet('{FOLDER / 'electricity-customers.parquet'}') GROUP BY gpc"
        ).fetchall()
    )
    assert electricity == {"I.1.2": 318_400_000, "I.2.2": 201_700_000, "I.3.2": 266_900_000, "I.5.2": 48_200_000}
    fuel = dict(
        duckdb.sql(
            f"SELECT activity, sum(amount) FROM read_parquet('{FOLDER / 'vehicles.parquet'}') GROUP BY 1"
        ).fetchall()
    )
    assert fuel == {"diesel-road": 182_500_000, "motor-gasoline-road-uncontrolled": 96_400_000, "lpg-road": 8_300_000}


def test_the_tables_are_what_generate_py_writes(tmp_path):
    done = subprocess.run([sys.executable, str(FOLDER / "generate.py"), str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for name in ("electricity-customers.parquet", "vehicles.parquet"):
        committed, fresh = FOLDER / name, tmp_path / name
        differ = duckdb.sql(
            f"SELECT count(*) FROM ((SELECT * FROM '{committed}' EXCEPT ALL SELECT * FROM '{fresh}') "
            f"UNION ALL (SELECT * FROM '{fresh}' EXCEPT ALL SELECT * FROM '{committed}'))"
        ).fetchall()
        assert differ == [(0,)], name


def test_the_report_names_the_tables_and_the_lines_their_rows_became():
    run = ghgcalc(FOLDER, "compute", "province.yaml", "-f", "md")
    assert run.code == 0, run.stderr
    # 26 lines in the file, then 4 classes of customers (I.1.2, I.2.2, I.3.2, I.5.2) and 3 of vehicles
    assert (
        "Activity tables: electricity-customers.parquet (36,000 rows, lines 27-30); "
        "vehicles.parquet (145,000 rows, lines 31-33)"
    ) in run.stdout
    assert "vehicles.parquet: diesel-road (II.1.1), 60,000 rows" in run.stdout
