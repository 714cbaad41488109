"""The route past one machine (docs/scale.md): the part of an activity table's computation that
grows with its rows, the amounts summed by class, run on Apache Spark, beside DuckDB.

ghgcalc reads a table in DuckDB in one grouped pass (io/tables.py): the rows' amounts summed by
their key columns, a few hundred classes at most; each class is then computed in Python by the code
that computes a file's line. Only the grouped pass needs a cluster when a table outgrows one
machine, and this script runs it on Spark with SQL that both engines read alike (no DuckDB-only
functions, no Spark-only syntax), so that the two can be compared class by class.

    python3 -m venv /work/spark-venv
    /work/spark-venv/bin/pip install pyspark duckdb
    /work/spark-venv/bin/python scripts/spark_route.py bench/results/meters-10000000.parquet \\
        --master 'local[2]' --rounds 3 --check --classes classes.csv
    ghgcalc compute classes.csv --header province.yaml -f json > classes.json
    ghgcalc compute meters-10000000.parquet --header province.yaml -f json > table.json
    python scripts/spark_route.py --totals classes.json table.json    # the same totals?

`--check` runs the same SQL in DuckDB and compares each class (rows exactly, amounts to 1e-9
relative); `--classes` writes the classes as an activity table (a few hundred rows) that ghgcalc
computes to the same totals as the whole table, which `--totals` compares (every total of the two
JSON results: by scope, category, gas, GPC reference and IPCC sector, to 1e-9). pyspark and Java 17
are needed here only: this script is not a dependency of ghgcalc and ghgcalc does not import it.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

# The key columns of an activity table: rows that write them alike are one class (only these exact
# names are looked for: ghgcalc also reads other cases and an Excel inventory's headers, and month
# columns). A row outside 0..LARGEST_AMOUNT, or without an amount, is a row ghgcalc refuses; the
# route counts them so that no class hides one (NaN is above every number in both engines, so the
# one range test catches it too).
from ghgcalc.io.tables import KEY_COLUMNS
from ghgcalc.models.inventory import LARGEST_AMOUNT

RELATIVE = 1e-9


def query(keys: list[str]) -> str:
    """The grouped pass, in SQL that DuckDB and Spark both read: the view `meters`, the key
    columns, standard aggregates."""
    listed = ", ".join(keys)
    return (
        f"SELECT {listed}, count(*) AS n_rows, sum(amount) AS amount, "
        f"sum(CASE WHEN amount >= 0 AND amount <= {LARGEST_AMOUNT:.0f} THEN 0 ELSE 1 END) AS bad_rows "
        f"FROM meters GROUP BY {listed} ORDER BY {listed}"
    )


def timed(run, rounds: int) -> tuple[list[tuple], float, float]:
    """The rows of a query, the seconds of its first run and the median of `rounds` more."""
    start = time.perf_counter()
    rows = run()
    first = time.perf_counter() - start
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return rows, first, statistics.median(times) if times else first


def _peak_mb(pid: int) -> float:
    """A process's largest resident set so far, in MB (Linux; 0 elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    found = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(found[0]) / 1024 if found else 0.0


def on_spark(path: str, master: str, rounds: int) -> tuple[list[str], list[tuple], float, float, float, float]:
    from pyspark.sql import SparkSession

    start = time.perf_counter()
    spark = (
        SparkSession.builder.master(master)
        .appName("ghgcalc-route")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    spark.read.parquet(path).createOrReplaceTempView("meters")
    columns = spark.table("meters").columns
    keys = [key for key in KEY_COLUMNS if key in columns]
    sql = query(keys)
    rows, first, median = timed(lambda: [tuple(r) for r in spark.sql(sql).collect()], rounds)
    peak = _peak_mb(spark._jvm.java.lang.ProcessHandle.current().pid())  # the JVM's own, not Python's
    spark.stop()
    return keys, rows, started, first, median, peak


def on_duckdb(path: str, keys: list[str], rounds: int) -> tuple[list[tuple], float, float, str]:
    import duckdb

    con = duckdb.connect()
    quoted = "'" + path.replace("'", "''") + "'"
    con.execute(f"CREATE VIEW meters AS SELECT * FROM read_parquet({quoted})")
    threads = con.execute("SELECT current_setting('threads')").fetchone()
    sql = query(keys)
    rows, first, median = timed(lambda: con.execute(sql).fetchall(), rounds)
    return rows, first, median, str(threads[0] if threads else "?")


def compare(keys: list[str], spark: list[tuple], duck: list[tuple]) -> float:
    """The largest relative difference of a class's amount; exits when the classes or their row
    counts differ, or an amount differs by more than RELATIVE."""
    width = len(keys)
    theirs = {row[:width]: row[width:] for row in duck}
    if set(theirs) != {row[:width] for row in spark}:
        sys.exit("the engines found different classes")
    worst = 0.0
    for row in spark:
        rows, amount, bad = row[width:]
        other_rows, other_amount, other_bad = theirs[row[:width]]
        if (rows, bad) != (other_rows, other_bad):
            sys.exit(f"{row[:width]}: {rows} rows ({bad} bad) on Spark, {other_rows} ({other_bad}) in DuckDB")
        difference = abs(amount - other_amount) / max(abs(other_amount), 1e-300)
        worst = max(worst, difference)
        if difference > RELATIVE:
            sys.exit(f"{row[:width]}: amount {amount!r} on Spark, {other_amount!r} in DuckDB")
    return worst


def write_classes(target: Path, keys: list[str], rows: list[tuple]) -> None:
    """The classes as an activity table: the key columns and the summed amount (repr keeps every
    digit of a float), which ghgcalc computes like any table."""
    with target.open("w", newline="", encoding="utf-8") as file:
        out = csv.writer(file)
        out.writerow([*keys, "amount"])
        for row in rows:
            out.writerow([*("" if v is None else v for v in row[: len(keys)]), repr(row[len(keys) + 1])])


# The totals of a JSON result (docs/cli.md): every number under these keys is compared.
TOTALS = (
    "total_t_co2e",
    "by_scope_t_co2e",
    "by_category_t_co2e",
    "by_gas_t",
    "separately_reported_t_co2e",
    "gpc",
    "ipcc_sectors_t_co2e",
)


def _numbers(value: object, where: str) -> dict[str, float]:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return {}
    if isinstance(value, int | float):
        return {where: float(value)}
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return {k: v for key, item in items for k, v in _numbers(item, f"{where}/{key}").items()}


def same_totals(first: Path, second: Path) -> None:
    """Exits unless two JSON results of ghgcalc compute have the same totals to RELATIVE."""
    import json

    a, b = (json.loads(path.read_text(encoding="utf-8")) for path in (first, second))
    ours = {k: v for key in TOTALS for k, v in _numbers(a.get(key), key).items()}
    theirs = {k: v for key in TOTALS for k, v in _numbers(b.get(key), key).items()}
    if ours.keys() != theirs.keys():
        sys.exit(f"different totals: {sorted(ours.keys() ^ theirs.keys())}")
    worst = max((abs(ours[k] - theirs[k]) / max(abs(theirs[k]), 1e-300) for k in ours if theirs[k]), default=0.0)
    print(f"{len(ours)} totals; largest relative difference {worst:.1e} (limit {RELATIVE:.0e})")
    if worst > RELATIVE:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parquet", nargs="?", help="an activity table (Parquet) with an amount column")
    parser.add_argument("--master", default="local[2]", help="Spark master (local[N], spark://..., yarn)")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs after the first (median)")
    parser.add_argument("--check", action="store_true", help="run the same SQL in DuckDB and compare")
    parser.add_argument("--classes", type=Path, help="write the classes as a CSV activity table")
    parser.add_argument("--totals", type=Path, nargs=2, metavar="JSON", help="compare two results' totals, and stop")
    args = parser.parse_args()
    if args.totals:
        same_totals(*args.totals)
        return
    if not args.parquet:
        parser.error("give an activity table (Parquet), or --totals")
    path = str(Path(args.parquet).resolve())

    keys, rows, started, first, median, peak = on_spark(path, args.master, args.rounds)
    print(query(keys))
    print()
    print(f"{'class (' + ', '.join(keys) + ')':60} {'rows':>12} {'amount':>24} {'bad rows':>9}")
    for row in rows:
        label = " | ".join("" if v is None else str(v) for v in row[: len(keys)])
        n_rows, amount, bad = row[len(keys) :]
        print(f"{label:60} {n_rows:12,} {amount:24.6f} {bad:9,}")
    total = sum(row[len(keys)] for row in rows)
    rounds = f"median of {args.rounds}"
    print()
    print(f"Spark {args.master}: session {started:.2f} s, first query {first:.2f} s, {rounds} {median:.2f} s")
    print(f"  {total:,} rows, {total / median:,.0f} rows/s (median query); JVM peak memory {peak:,.0f} MB")
    if args.check:
        duck, duck_first, duck_median, threads = on_duckdb(path, keys, args.rounds)
        worst = compare(keys, rows, duck)
        own = _peak_mb(os.getpid())
        print(f"DuckDB, {threads} threads: first query {duck_first:.2f} s, {rounds} {duck_median:.2f} s")
        print(f"  {total / duck_median:,.0f} rows/s (median query); Python and DuckDB peak memory {own:,.0f} MB")
        print(f"same classes and rows; largest relative difference of an amount {worst:.1e} (limit {RELATIVE:.0e})")
    if args.classes:
        write_classes(args.classes, keys, rows)
        print(f"wrote {len(rows)} classes to {args.classes}")


if __name__ == "__main__":
    main()
