"""Write factors/gases/<version>/factors.csv: the direct release of each gas, by mass.

Releasing 1 kg of a gas is 1 kg of that gas; its CO2e comes from the inventory's GWP set (a blend
by its composition). The rows are generated from ghgcalc's GWP and blend tables so that every gas
ghgcalc can weigh can also be entered as an activity (refrigerant top-ups, SF6 from switchgear).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ghgcalc import gwp
from ghgcalc.io.factor_store import COLUMNS

VERSION = "1"
OUT = Path(__file__).resolve().parents[1] / "factors" / "gases" / VERSION / "factors.csv"
SOURCE = "Definition: a release of 1 kg of a gas is 1 kg of that gas (mass balance, IPCC 2006 Vol.3 Ch.7)"


def key_of(name: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", name.lower()).strip("-")


def main() -> None:
    table = gwp._table()
    rows = []

    def add(key: str, gas: str, name: str, category: str, notes: str = "") -> None:
        rows.append([key, name, "", category, "1", "kg", gas, "1", "", "", "", "", "", SOURCE, notes])

    for gas in sorted(table.values):
        if gas == gwp.CH4_FOSSIL:
            add(
                "ch4-fossil",
                gas,
                "Fossil methane released",
                "direct-release",
                "Fugitive fossil methane; AR5/AR6 weigh it with the fossil-methane GWP",
            )
            continue
        category = "refrigerants" if gas.startswith(("HFC", "HCFC", "CFC")) else "direct-release"
        add(key_of(gas), gas, f"{gas} released", category)
        number = re.fullmatch(r"(?:HFC|HCFC|CFC)-(\d+[a-z]*)", gas)
        if number:
            add(f"r-{number.group(1).lower()}", gas, f"R-{number.group(1)} ({gas}) released", "refrigerants")
    for blend, parts in sorted(table.blends.items()):
        composition = " / ".join(f"{c} {w * 100:g}%" for c, w in parts.items())
        add(
            key_of(blend),
            blend,
            f"{blend} released",
            "refrigerants",
            f"Blend, mass composition {composition} (ANSI/ASHRAE 34-2019); HFC/PFC share in the total, "
            "HCFC share reported separately",
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
