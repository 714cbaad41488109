"""Emission factors and factor sets as the calculation core sees them."""

from __future__ import annotations

import datetime as dt

from ghgcalc.records import Record, frozen


@frozen
class GasValue(Record):
    gas: str  # canonical gas name (see ghgcalc.gwp.canonical_gas)
    kg: float  # kg of the gas per one `per` unit of activity
    # the 95 % interval of `kg` in % of it, (lower, upper), where the source publishes one
    uncertainty: tuple[float, float] | None = None
    uncertainty_source: str = ""


@frozen
class Factor(Record):
    """One factor: the gases emitted per unit of an activity, with where the numbers come from."""

    set_id: str  # "custom" for factors defined in the inventory
    version: str
    key: str
    per: str
    gases: tuple[GasValue, ...]
    source: str
    name_en: str = ""
    name_th: str = ""
    category: str | None = None
    scope: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    ncv: str | None = None
    density: str | None = None
    gwp_basis: str | None = None  # the GWP set behind CO2e values and the published total
    published_kgco2e: str | None = None
    notes: str = ""
    # the transcription or copy the value was read through or checked against (`source` names the
    # publisher's own document); empty where the set's table has no verified_via column
    verified_via: str = ""
    # the edition's own weights, where it departs from the IPCC values of its gwp_basis (TGO's 2026
    # edition weighs fossil CH4 28, not AR5's 30); applied when an inventory uses that gwp_basis
    gwp_overrides: tuple[tuple[str, float], ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.set_id}@{self.version}" if self.version else self.set_id


@frozen
class FactorSet(Record):
    """One released version of a factor set."""

    id: str
    version: str
    title: str
    publisher: str
    published: dt.date
    sha256: str  # of the set's tables, in order; recorded in every result
    factors: dict[str, tuple[Factor, ...]]  # key -> its unit variants
    title_th: str = ""
    edition: str = ""
    url: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    gwp_basis: str | None = None
    licence: str = ""
    notes: str = ""
    gwp_overrides: tuple[tuple[str, float], ...] = ()  # see Factor.gwp_overrides

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def row_count(self) -> int:
        return sum(len(f.gases) for variants in self.factors.values() for f in variants)
