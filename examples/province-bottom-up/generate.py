"""Writes the two activity tables of the bottom-up province (ILLUSTRATIVE data, made up).

    python examples/province-bottom-up/generate.py [FOLDER]     # default: beside this script

- electricity-customers.parquet: one row per electricity customer, twelve monthly readings in kWh;
- vehicles.parquet: one row per registered vehicle, its fuel for the year in litres.

The rows are random but their sums are exactly the amounts of ../province.yaml's lines they
replace (318,400 MWh of residential electricity, 182.5 ML of road diesel, ...), in whole kWh and
litres, so the bottom-up inventory computes to the same totals as its line-by-line twin. The same
seed gives the same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import duckdb
import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 2566
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# (GPC reference, tariff class, customers, kWh in the year: the line of ../province.yaml in MWh x 1000)
CUSTOMERS = (
    ("I.1.2", "residential", 30_000, 318_400_000),
    ("I.2.2", "commercial and government", 4_000, 201_700_000),
    ("I.3.2", "industrial", 500, 266_900_000),
    ("I.5.2", "agricultural pumping", 1_500, 48_200_000),
)
# (activity, vehicles, litres in the year: the line of ../province.yaml in ML x 1,000,000, density)
VEHICLES = (
    ("diesel-road", 60_000, 182_500_000, None),
    ("motor-gasoline-road-uncontrolled", 80_000, 96_400_000, None),
    ("lpg-road", 5_000, 8_300_000, "0.54 kg/L"),
)


def split(total: int, parts: int, spread: float, generator: random.Random) -> list[int]:
    """`parts` whole numbers that sum exactly to `total`, each within a factor of about `spread`."""
    weights = [generator.uniform(1, spread) for _ in range(parts)]
    scale = total / sum(weights)
    values = [int(w * scale) for w in weights]
    values[-1] += total - sum(values)  # the rounding remainder, so that the sum is exact
    return values


def write(path: Path, columns: dict[str, list[object]]) -> None:
    con = duckdb.connect()
    con.register("rows", {name: np.array(values, dtype=object) for name, values in columns.items()})
    temporary = path.with_suffix(".tmp")
    con.execute(f"COPY rows TO '{temporary}' (FORMAT parquet, COMPRESSION zstd)")
    temporary.replace(path)


def electricity(generator: random.Random, folder: Path) -> None:
    columns: dict[str, list[object]] = {
        name: []
        for name in (
            "id",
            "label",
            "activity",
            "unit",
            "gpc",
            "data_quality_source",
            "data_quality_activity",
            "data_quality_factor",
            "evidence",
            *MONTHS,
        )
    }
    number = 0
    for ref, tariff, customers, kwh in CUSTOMERS:
        yearly = split(kwh, customers, 20, generator)
        for year in yearly:
            number += 1
            months = split(year, 12, 1.5, generator) if year >= 12 else [year] + [0] * 11
            for name, value in (
                ("id", f"PEA-{number:07d}"),
                ("label", tariff),
                ("activity", "electricity-grid"),
                ("unit", "kWh"),
                ("gpc", ref),
                ("data_quality_source", "2nd"),
                ("data_quality_activity", "high"),
                ("data_quality_factor", "medium"),
                ("evidence", "PEA billing records 2566"),
            ):
                columns[name].append(value)
            for month, value in zip(MONTHS, months, strict=True):
                columns[month].append(float(value))
    write(folder / "electricity-customers.parquet", columns)


def vehicles(generator: random.Random, folder: Path) -> None:
    columns: dict[str, list[object]] = {
        name: []
        for name in (
            "id",
            "activity",
            "amount",
            "unit",
            "density",
            "gpc",
            "data_quality_source",
            "data_quality_activity",
            "data_quality_factor",
            "evidence",
        )
    }
    number = 0
    for activity, count, litres, density in VEHICLES:
        for amount in split(litres, count, 10, generator):
            number += 1
            for name, value in (
                ("id", f"DLT-{number:07d}"),
                ("activity", activity),
                ("amount", float(amount)),
                ("unit", "L"),
                ("density", density),
                ("gpc", "II.1.1"),
                ("data_quality_source", "2nd"),
                ("data_quality_activity", "high"),
                ("data_quality_factor", "low"),
                ("evidence", "DLT registration and fuel card records 2566"),
            ):
                columns[name].append(value)
    write(folder / "vehicles.parquet", columns)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    generator = random.Random(SEED)
    electricity(generator, folder)
    vehicles(generator, folder)
