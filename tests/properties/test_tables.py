"""Property: an inventory whose lines are rows of an activity table (DuckDB, io/tables.py) gives
the result of the same inventory with the same lines written in the file (the Python path):
the totals by scope, category, gas, GPC reference and IPCC sector, the separately reported gases,
and every line's own result, to 1e-9 relative.

The generated rows mix the things a table path could get wrong: units to convert (MWh and kWh,
t and kg, ML, m3 and L), a density bridge, monthly values, a blend of HFCs (R-410A), a gas
reported outside the total (R-22), a biogenic fuel (charcoal), grades, and Parquet and CSV.
"""

from __future__ import annotations

import csv
import json
import math

import duckdb
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghgcalc.numbers import SMALLEST_NUMBER
from tests.helpers import ghgcalc

# (activity, units it may be written in, GPC references, extra fields) from examples/province.yaml
KINDS = (
    ("electricity-grid", ("kWh", "MWh"), ("I.1.2", "I.2.2", "I.3.2"), {}),
    ("lpg-residential", ("kg", "t"), ("I.1.1",), {}),
    ("charcoal-residential", ("t", "kg"), ("I.1.1",), {}),
    ("diesel-road", ("L", "ML", "m3"), ("II.1.1", "II.1.3"), {}),
    ("lpg-road", ("L", "ML"), ("II.1.1",), {"density": "0.54 kg/L"}),
    ("r-410a", ("kg",), ("IV.2",), {}),
    ("r-22", ("kg",), ("IV.2",), {}),
)
HEADER = """ghgcalc: 1
name: Generated Province
kind: community
period: 2566
factors: [tgo-cfo, ipcc-2006]
"""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SMALL = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# 0, or a number the reader takes: none above 0 is below SMALLEST_NUMBER (1e-320 is refused)
amounts = st.one_of(st.just(0.0), st.floats(min_value=SMALLEST_NUMBER, max_value=1e6))


@st.composite
def rows(draw: st.DrawFn) -> dict[str, object]:
    activity, units, refs, extra = draw(st.sampled_from(KINDS))
    row: dict[str, object] = {
        "activity": activity,
        "unit": draw(st.sampled_from(units)),
        "gpc": draw(st.sampled_from(refs)),
        **extra,
    }
    if draw(st.booleans()):
        row["months"] = draw(st.lists(amounts, min_size=12, max_size=12))
    else:
        row["amount"] = draw(amounts)
    grade = draw(st.sampled_from((None, "high", "medium", "low")))
    if grade:
        row["data_quality_activity"] = grade
    return row


def _as_line(row: dict[str, object]) -> dict[str, object]:
    line = {k: v for k, v in row.items() if k not in ("months", "data_quality_activity")}
    line["amount"] = row.get("months", row.get("amount"))
    if "data_quality_activity" in row:
        line["data_quality"] = {"activity": row["data_quality_activity"]}
    return line


def _write_table(tmp_path, table: list[dict[str, object]], kind: str) -> str:
    columns = ["activity", "unit", "gpc", "density", "data_quality_activity", "amount", *MONTHS]
    records = []
    for row in table:
        months = row.get("months") or [None] * 12
        records.append([row.get(c) for c in columns[:6]] + list(months))
    if kind == "csv":
        path = tmp_path / "rows.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(columns)
            writer.writerows(
                [["" if v is None else repr(v) if isinstance(v, float) else v for v in r] for r in records]
            )
        return path.name
    con = duckdb.connect()
    types = ["VARCHAR"] * 5 + ["DOUBLE"] * 13
    con.execute("CREATE TABLE t (" + ", ".join(f'"{c}" {k}' for c, k in zip(columns, types, strict=True)) + ")")
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' for _ in columns)})", records)
    con.execute(f"COPY t TO '{tmp_path / 'rows.parquet'}' (FORMAT parquet)")
    return "rows.parquet"


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _same_totals(table: dict, lines: dict) -> None:
    assert _close(table["total_t_co2e"], lines["total_t_co2e"])
    for member in ("by_scope_t_co2e", "by_category_t_co2e", "by_gas_t", "separately_reported_t_co2e"):
        assert table[member].keys() == lines[member].keys(), member
        for key, value in lines[member].items():
            assert _close(table[member][key], value), (member, key)
    for member in ("basic_t_co2e", "basic_plus_t_co2e", "territorial_t_co2e"):
        assert _close(table["gpc"][member], lines["gpc"][member]), member
    pairs = (
        (table["gpc"]["by_reference_t_co2e"], lines["gpc"]["by_reference_t_co2e"]),
        (table["gpc"]["by_sector_t_co2e"], lines["gpc"]["by_sector_t_co2e"]),
        (table["ipcc_sectors_t_co2e"], lines["ipcc_sectors_t_co2e"]),
    )
    for ours, theirs in pairs:
        assert ours.keys() == theirs.keys()
        for key, value in theirs.items():
            assert _close(ours[key], value), key


@SMALL
@given(table=st.lists(rows(), min_size=1, max_size=30), kind=st.sampled_from(("parquet", "csv")))
def test_a_table_computes_as_its_lines(tmp_path_factory, table, kind):
    tmp_path = tmp_path_factory.mktemp("table")
    (tmp_path / "lines.yaml").write_text(
        HEADER + yaml.safe_dump({"activities": [_as_line(r) for r in table]}, allow_unicode=True), encoding="utf-8"
    )
    name = _write_table(tmp_path, table, kind)
    (tmp_path / "tables.yaml").write_text(HEADER + f"activities_table: {name}\n", encoding="utf-8")

    by_lines = ghgcalc(tmp_path, "compute", "lines.yaml", "-f", "json")
    by_table = ghgcalc(tmp_path, "compute", "tables.yaml", "-f", "json", "--lines", "each.csv")
    assert by_lines.code == 0, by_lines.stderr
    assert by_table.code == 0, by_table.stderr
    lines, tables = json.loads(by_lines.stdout), json.loads(by_table.stdout)
    _same_totals(tables, lines)
    assert tables["tables"] == [{"file": name, "rows": len(table), "lines": [1, len(tables["lines"])]}]

    with (tmp_path / "each.csv").open(encoding="utf-8") as stream:
        each = sorted(csv.DictReader(stream), key=lambda r: int(r["row"]))
    assert len(each) == len(table)
    for row, line in zip(each, lines["lines"], strict=True):
        assert row["activity"] == line["activity"] and row["gpc"] == line["gpc"]
        assert _close(float(row["amount"]), line["amount"])
        assert _close(float(row["t_co2e"]), line["t_co2e"])
        for gas, tonnes in line["gases_t"].items():
            assert _close(float(row[f"t_gas_{gas}"]), tonnes), gas
