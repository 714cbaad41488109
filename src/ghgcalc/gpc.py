"""The GPC (Global Protocol for Community-Scale GHG Emission Inventories, v1.1) reference numbers,
their scopes and reporting levels, and the crosswalk to IPCC 2006 categories: data in
`data/gpc.csv`, with sources."""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

NOTATION_KEYS = {
    "NO": "not occurring",
    "NE": "not estimated",
    "IE": "included elsewhere",
    "C": "confidential",
    "NA": "not applicable",
}
IPCC_SECTORS = {"1": "Energy", "2": "IPPU", "3": "AFOLU", "4": "Waste"}


@dataclass(frozen=True)
class Reference:
    ref: str  # e.g. "I.1.1"
    sector: str
    subsector: str
    scope: int
    level: str  # basic | basic+ | territorial | optional
    ipcc: str  # IPCC 2006 category code, empty for scope 2 and 3 rows
    description: str

    @property
    def ipcc_sector(self) -> str | None:
        return IPCC_SECTORS.get(self.ipcc[:1]) if self.ipcc else None


@functools.cache
def references() -> dict[str, Reference]:
    text = resources.files("ghgcalc").joinpath("data").joinpath("gpc.csv").read_text(encoding="utf-8")
    return {
        row["ref"]: Reference(
            row["ref"],
            row["sector"],
            row["subsector"],
            int(row["scope"]),
            row["level"],
            row["ipcc"],
            row["description"],
        )
        for row in csv.DictReader(io.StringIO(text))
    }


def reference(ref: str) -> Reference | None:
    """The GPC reference `ref` (case and spaces forgiven: "i.1.1" is I.1.1), or None."""
    return references().get(ref.strip().upper().replace(" ", ""))
