"""Write src/ghgcalc/data/gwp100.csv from the `globalwarmingpotentials` package.

The package carries the IPCC 100-year GWPs (SAR, AR4, AR5, AR6) but no fossil/non-fossil methane
split; this script adds those rows with their sources. ghgcalc reads the CSV at run time, so the
CLI does not import the package (its import costs more than the whole calculation).

Run after upgrading the package:  python scripts/update_gwp.py
tests/test_gwp.py checks that the CSV still equals the package.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import globalwarmingpotentials as gwp_package

OUT = Path(__file__).resolve().parents[1] / "src" / "ghgcalc" / "data" / "gwp100.csv"
SETS = {"SAR": "SARGWP100", "AR4": "AR4GWP100", "AR5": "AR5GWP100", "AR6": "AR6GWP100"}
PFCS = {"cC3F6", "SF5CF3", "CF4", "C2F6", "C3F8", "cC4F8", "C4F10", "C5F12", "C6F14", "C7F16", "C8F18", "C10F18"}
PACKAGE_SOURCE = (
    f"globalwarmingpotentials {gwp_package.__version__}: GHG Protocol GWP table (Feb 2016) for "
    "SAR/AR4/AR5 (AR5 = WG1 Ch.8 Table 8.A.1, no climate-carbon feedback); AR6 WG1 Table 7.SM.7"
)

# What the package lacks, each with its source.
SUPPLEMENT = [
    # gas, SAR, AR4, AR5, AR6, source
    (
        "CH4_fossil",
        "",
        "",
        "30",
        "29.8",
        "AR5 WG1 Table 8.7 footnote (fossil CH4 +2 on GWP100 = 30); AR6 WG1 Table 7.15 (29.8). "
        "SAR and AR4 have no fossil value: ghgcalc uses their CH4 value",
    ),
]
# AR6 Table 7.15 splits methane; the package's single AR6 value (27.9, Table 7.SM.7) is replaced by
# the non-fossil value, because every CH4 that is not fossil (biomass, waste, agriculture) is
# non-fossil and fossil methane has its own gas name.
AR6_NON_FOSSIL_CH4 = ("27.0", "AR6 WG1 Table 7.15, CH4 non-fossil (the package's 27.9 is the unsplit 7.SM.7 value)")


def display_name(species: str) -> str:
    """HFC134a -> HFC-134a, HCFC22 -> HCFC-22, CFC11 -> CFC-11; formulas unchanged."""
    match = re.fullmatch(r"(HFC|HCFC|CFC|HFO|HFE|HCFE|HG)(\d.*)", species)
    return f"{match.group(1)}-{match.group(2)}" if match else species


def kind(species: str) -> str:
    if species in {"CO2", "CH4", "N2O", "SF6", "NF3"} or species in PFCS or species.startswith("HFC"):
        return "kyoto"
    if species.startswith(("HCFC", "CFC", "Halon")) or species in {"CCl4", "CH3CCl3", "CH3Br", "CH3Cl"}:
        return "montreal"
    return "other"


def fmt(value: float | None) -> str:
    if value is None or math.isnan(value):
        return ""
    return f"{value:g}"


def main() -> None:
    species = sorted({s for column in SETS.values() for s in gwp_package.data[column]} | {"CO2"})
    rows = []
    for name in species:
        values = {label: gwp_package.data[column].get(name) for label, column in SETS.items()}
        if name == "CO2":
            values = dict.fromkeys(SETS, 1.0)
        source = PACKAGE_SOURCE
        ar6 = fmt(values["AR6"])
        if name == "CH4":
            ar6, note = AR6_NON_FOSSIL_CH4
            source = f"{PACKAGE_SOURCE}; AR6: {note}"
        rows.append(
            [display_name(name), kind(name), fmt(values["SAR"]), fmt(values["AR4"]), fmt(values["AR5"]), ar6, source]
        )
    for gas, sar, ar4, ar5, ar6, source in SUPPLEMENT:
        rows.append([gas, "kyoto", sar, ar4, ar5, ar6, source])
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["gas", "kind", "SAR", "AR4", "AR5", "AR6", "source"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} gases to {OUT}")


if __name__ == "__main__":
    main()
