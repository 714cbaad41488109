"""Large-table benchmark: activity tables computed in DuckDB (docs/tables.md) against their floors,
in the same session, interleaved so that machine load affects them alike.

1. `ghgcalc compute big.parquet --header province.yaml -f json` on N meter rows (default 10 million)
   against the floor: a hand-written DuckDB query over the same file that joins a factor table,
   multiplies and groups by scope (the engine itself, with none of ghgcalc's checks); and, for
   scale, the same query reading every column the result depends on (activity, unit, GPC
   reference: the floor's query reads only the activity and the amount);
2. its peak memory (the largest resident set, from getrusage of the children);
3. the same run writing every row's result (`--lines lines.parquet`), for rows per second;
4. the 100,000-row Activities workbook of bench/excel.py given as a table
   (`ghgcalc compute activities.xlsx --header town.yaml`) against python-calamine's raw read of it.

    python bench/large.py                     # 10,000,000 rows, 3 rounds
    python bench/large.py --rows 1000000 --rounds 5

The Parquet file is generated once into bench/results/ by DuckDB and reused.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from excel import workbook
from interleaved import ghgcalc_command, measured, private_cache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results"

# Customer classes of a province's electricity and fuel sales: (activity, unit, GPC reference,
# share of the rows). The amounts are random; the mix is what a bottom-up province brings.
MIX = (
    ("electricity-grid", "kWh", "I.1.2", 70),
    ("electricity-grid", "kWh", "I.2.2", 15),
    ("electricity-grid", "kWh", "I.3.2", 5),
    ("diesel-road", "L", "II.1.1", 6),
    ("motor-gasoline-road-uncontrolled", "L", "II.1.1", 4),
)
HEADER = """ghgcalc: 1
name: Benchmark province
kind: community
period: 2566
factors: [tgo-cfo, ipcc-2006]
"""
# The floor's factor table: round kgCO2e per unit with each class's scope, not TGO's or IPCC's
# values (they only give the query a join and a multiplication to do).
FLOOR = """\
import sys
import duckdb
con = duckdb.connect()
con.execute(
    "CREATE TABLE factors AS SELECT * FROM (VALUES ('electricity-grid', 2, 0.5), ('diesel-road', 1, 2.7), "
    "('motor-gasoline-road-uncontrolled', 1, 2.2)) f(activity, scope, kg)"
)
print(con.execute(
    "SELECT f.scope, sum(t.amount * f.kg) / 1000 FROM read_parquet(?) t JOIN factors f USING (activity) "
    "GROUP BY f.scope",
    [sys.argv[1]],
).fetchall())
"""
# The floor's query reading what ghgcalc must read: a row's unit and GPC reference decide its result.
INFORMED = FLOOR.replace('"GROUP BY f.scope"', '"GROUP BY f.scope, t.unit, t.gpc"')


def parquet(rows: int) -> Path:
    path = OUT / f"meters-{rows}.parquet"
    if path.exists():
        return path
    import duckdb

    OUT.mkdir(parents=True, exist_ok=True)
    bounds, start = [], 0
    for activity, unit, ref, share in MIX:
        start += share
        bounds.append((start, (activity, unit, ref)))

    def pick(index: int) -> str:
        return "CASE " + " ".join(f"WHEN i % 100 < {high} THEN '{case[index]}'" for high, case in bounds) + " END"

    temporary = path.with_suffix(".tmp")
    duckdb.connect().execute(
        f"COPY (SELECT 'C' || lpad(i::VARCHAR, 9, '0') AS id, {pick(0)} AS activity, {pick(1)} AS unit, "
        f"{pick(2)} AS gpc, round(10 + random() * 990, 1) AS amount FROM range({rows}) r(i)) "
        f"TO '{temporary}' (FORMAT parquet)"
    )
    temporary.rename(path)
    return path


def run(runs: dict[str, list[str]], rounds: int) -> dict[str, tuple[float, float]]:
    """Median seconds and largest peak memory of each command, the commands taking turns."""
    for command in runs.values():  # the file cache, and a check that each command succeeds
        measured(command)
    times: dict[str, list[float]] = {name: [] for name in runs}
    peaks = {name: 0.0 for name in runs}
    for _ in range(rounds):
        for name, command in runs.items():
            seconds, peak = measured(command)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(values), peaks[name]) for name, values in times.items()}


def show(title: str, found: dict[str, tuple[float, float]], rows: int) -> None:
    floor = next(iter(found.values()))[0]
    width = max(len(name) for name in found) + 2
    print(title)
    print(f"  {'command':{width}} {'median s':>9} {'ratio':>6} {'peak MB':>8} {'rows/s':>12}")
    for name, (median, peak) in found.items():
        print(f"  {name:{width}} {median:9.2f} {median / floor:6.2f} {peak:8.0f} {rows / median:12,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    private_cache()
    cli = ghgcalc_command()
    big = parquet(args.rows)
    sheet = workbook(100_000)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "floor.py").write_text(FLOOR, encoding="utf-8")
        (folder / "informed.py").write_text(INFORMED, encoding="utf-8")
        (folder / "province.yaml").write_text(HEADER, encoding="utf-8")
        (folder / "town.yaml").write_text(
            "ghgcalc: 1\nname: Benchmark town\nperiod: FY2567\nfactors: tgo-cfo\n", encoding="utf-8"
        )
        header = str(folder / "province.yaml")
        tables = run(
            {
                "floor: hand-written DuckDB query (join, multiply, group by scope)": [
                    sys.executable, str(folder / "floor.py"), str(big),
                ],
                "ghgcalc compute big.parquet --header province.yaml -f json": [
                    *cli, "compute", str(big), "--header", header, "-f", "json",
                ],
                "  the floor's query grouped also by unit and GPC reference": [
                    sys.executable, str(folder / "informed.py"), str(big),
                ],
                "  ... and --lines lines.parquet (every row's result)": [
                    *cli, "compute", str(big), "--header", header, "-f", "json", "--force",
                    "--lines", str(folder / "lines.parquet"),
                ],
            },
            args.rounds,
        )  # fmt: skip
        show(f"{args.rows:,} rows from Parquet, {args.rounds} rounds", tables, args.rows)
        raw = (
            "from python_calamine import CalamineWorkbook\n"
            f"CalamineWorkbook.from_path({str(sheet)!r}).get_sheet_by_name('Activities').to_python()"
        )
        sheets = run(
            {
                "floor: python-calamine raw read of Activities": [sys.executable, "-c", raw],
                "ghgcalc compute activities.xlsx --header town.yaml -f json": [
                    *cli, "compute", str(sheet), "--header", str(folder / "town.yaml"), "-f", "json",
                ],
            },
            args.rounds,
        )  # fmt: skip
        show("100,000-row Activities workbook as a table", sheets, 100_000)


if __name__ == "__main__":
    main()
