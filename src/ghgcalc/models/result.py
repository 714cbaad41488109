"""The result of one inventory: lines with per-gas masses, and the totals made from them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ghgcalc.errors import Issue
from ghgcalc.models.factor import Factor, FactorSet
from ghgcalc.models.inventory import DataQuality, GivenUncertainty, Organization
from ghgcalc.models.period import Period
from ghgcalc.records import Record, frozen

if TYPE_CHECKING:
    from ghgcalc.models.analysis import Analysis

BIOGENIC = "CO2_biogenic"
NON_KYOTO = "non_kyoto"


@frozen
class Line(Record):
    index: int  # position in the inventory's activities
    activity: str
    amount: float  # in `unit`, monthly values summed
    monthly: tuple[float, ...] | None
    unit: str
    scope: int
    category: str | None
    label: str | None
    id: str | None  # the activity's own id, if it gave one
    gpc: str | None  # GPC reference number
    ipcc: str | None  # IPCC 2006 category
    factor: Factor
    conversion: float  # activity units -> factor.per units
    gases_t: dict[str, float]  # tonnes of each gas (a blend under its own name)
    gwp: dict[str, float]  # the GWP applied to each gas's in-total share
    t_co2e: float  # counted in the total
    separately_reported_t_co2e: dict[str, float]  # CO2_biogenic and non_kyoto, outside the total
    t_co2e_by_gas: dict[str, float] = field(default_factory=dict)  # each gas's part of t_co2e
    data_quality: DataQuality | None = None  # as the inventory line gives them
    evidence: str | None = None
    uncertainty_given: GivenUncertainty | None = None
    method_params: Mapping[str, Any] | None = None  # a method line's params, as written
    division: str | None = None  # who is responsible for the source (TGO Fr-03)


_new = object.__new__
_set = object.__setattr__


def new_line(values: dict[str, Any]) -> Line:
    """The Line of `values`, every field given in Line's order, as Line(**values) makes it: a
    frozen dataclass sets its fields one call at a time, and 100,000 lines make 2.3 million calls
    (tests/models/test_new_line.py compares the two)."""
    line: Line = _new(Line)
    _set(line, "__dict__", values)
    return line


def _sum(values: list[float]) -> float:
    return math.fsum(values)


@frozen
class CompletenessRow(Record):
    ref: str
    sector: str
    subsector: str
    scope: int
    level: str
    t_co2e: float | None  # None when no line reports to it
    notation_key: str | None
    explanation: str | None


@frozen
class IncludedInventory(Record):
    """An organisation inventory inside a community one: a memo by GPC reference, not added again."""

    source: str
    name: str
    total_t_co2e: float
    by_reference_t_co2e: dict[str, float]


@frozen
class CommunityReport(Record):
    """A city's or province's totals in the GPC and in the IPCC 2006 sectors."""

    basic_t_co2e: float
    basic_plus_t_co2e: float
    territorial_t_co2e: float  # every scope 1 line (GPC's "territorial" total)
    by_reference_t_co2e: dict[str, float]
    by_sector_t_co2e: dict[str, float]
    by_ipcc_sector_t_co2e: dict[str, float]  # Energy, IPPU, AFOLU, Waste: scope 1 lines only
    outside_ipcc_t_co2e: float  # scope 2 and 3 lines: no territorial IPCC category
    completeness: tuple[CompletenessRow, ...]
    included: tuple[IncludedInventory, ...] = ()


@frozen
class TableSummary(Record):
    """An activity table of the inventory (docs/tables.md): its rows are in the result as one
    line per class of rows; `recipe` lets io/tables.write_lines give every row its own result."""

    file: str  # as the inventory names it
    path: str  # where it was read
    rows: int
    first_line: int  # the index of its first line in the result; its lines follow
    lines: int  # the classes of rows, each a line of the result
    recipe: object = field(default=None, compare=False, repr=False)


@frozen
class InventoryResult(Record):
    source: str
    name: str
    kind: str
    period: Period
    gwp: str
    factor_sets: tuple[FactorSet, ...]  # the set versions that gave at least one line
    lines: tuple[Line, ...]
    warnings: tuple[Issue, ...] = field(default=())
    output: tuple[float, str, str | None] | None = None  # amount, unit, name (TGO Fr-01 ผลผลิต)
    community: CommunityReport | None = None  # GPC and IPCC-sector totals, for kind: community
    indicators: dict[str, float] = field(default_factory=dict)  # population, gpp_million_thb, area_km2, staff
    analysis: Analysis | None = None  # uncertainty and key categories, when asked for (--uncertainty)
    base: InventoryResult | None = None  # the base year's result, when given (--base): Fr-04.2, Fr-05
    organization: Organization | None = None  # the reporting organisation (TGO Fr-01 to Fr-03, sign-off)
    tables: tuple[TableSummary, ...] = ()  # activity tables, whose classes of rows are among the lines

    @property
    def total_t_co2e(self) -> float:
        return _sum([line.t_co2e for line in self.lines])

    @classmethod
    def new(cls, values: dict[str, Any]) -> InventoryResult:
        """The result of `values`, every field given in the class's order, as cls(**values) makes it
        (new_line; each inventory of a batch makes one: a frozen dataclass sets its fifteen fields
        one call at a time)."""
        result: InventoryResult = _new(cls)
        _set(result, "__dict__", values)
        return result

    def _grouped(self, key: str) -> dict[str, float]:
        groups: dict[str, list[float]] = {}
        for line in self.lines:
            groups.setdefault(str(getattr(line, key) or "uncategorised"), []).append(line.t_co2e)
        return {name: _sum(values) for name, values in groups.items()}

    @property
    def by_scope_t_co2e(self) -> dict[str, float]:
        return dict(sorted(self._grouped("scope").items()))

    @property
    def by_category_t_co2e(self) -> dict[str, float]:
        return self._grouped("category")

    @property
    def by_gas_t(self) -> dict[str, float]:
        groups: dict[str, list[float]] = {}
        for line in self.lines:
            for gas, tonnes in line.gases_t.items():
                groups.setdefault(gas, []).append(tonnes)
        return {gas: _sum(values) for gas, values in groups.items()}

    @property
    def intensity(self) -> dict[str, float] | None:
        """tCO2e per unit of output, for Scopes 1+2 and 1+2+3 (TGO Fr-05), if an output is given."""
        if not self.output or not self.output[0]:
            return None
        scopes = self.by_scope_t_co2e
        s12 = _sum([scopes.get("1", 0.0), scopes.get("2", 0.0)])
        return {"scope_1_2": s12 / self.output[0], "scope_1_2_3": self.total_t_co2e / self.output[0]}

    @property
    def separately_reported_t_co2e(self) -> dict[str, float]:
        return {
            name: _sum([line.separately_reported_t_co2e.get(name, 0.0) for line in self.lines])
            for name in (BIOGENIC, NON_KYOTO)
        }
