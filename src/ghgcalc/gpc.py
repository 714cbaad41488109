"""The GPC (Global Protocol for Community-Scale GHG Emission Inventories, v1.1) reference numbers,
their scopes and reporting levels, and the crosswalk to IPCC 2006 categories: data in
`data/gpc.csv`, with sources."""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

from ghgcalc.i18n import N_
from ghgcalc.records import Record, frozen

# In English (the sector names are also the keys of the result's by-sector totals); marked with N_,
# so tr(name) shows them in the language of the run.
NOTATION_KEYS = {
    "NO": N_("not occurring"),
    "NE": N_("not estimated"),
    "IE": N_("included elsewhere"),
    "C": N_("confidential"),
    "NA": N_("not applicable"),
}
IPCC_SECTORS = {"1": N_("Energy"), "2": N_("IPPU"), "3": N_("AFOLU"), "4": N_("Waste")}

# The GPC's sector and sub-sector names as data/gpc.csv writes them (and the result's keys): marked
# here for the catalog, so tr(name) shows them in the language of the run.
SECTOR_NAMES = (
    N_("Stationary energy"),
    N_("Transportation"),
    N_("Waste"),
    N_("Industrial processes and product use"),
    N_("Agriculture, forestry and other land use"),
    N_("Other scope 3"),
    N_("Residential buildings"),
    N_("Commercial and institutional buildings and facilities"),
    N_("Manufacturing industries and construction"),
    N_("Energy industries"),
    N_("Agriculture, forestry and fishing activities"),
    N_("Non-specified sources"),
    N_("Fugitive emissions from mining, processing, storage and transportation of coal"),
    N_("Fugitive emissions from oil and natural gas systems"),
    N_("On-road"),
    N_("Railways"),
    N_("Waterborne navigation"),
    N_("Aviation"),
    N_("Off-road"),
    N_("Solid waste disposal"),
    N_("Biological treatment of waste"),
    N_("Incineration and open burning"),
    N_("Wastewater treatment and discharge"),
    N_("Industrial processes"),
    N_("Product use"),
    N_("Livestock"),
    N_("Land"),
    N_("Aggregate sources and non-CO2 emission sources on land"),
)


@frozen
class Reference(Record):
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
