"""A computed plan as a typed document: what the JSON, CSV, Markdown, workbook, web page and charts
of `ghgcalc plan` are drawn from.

The document says how each number was made: the base inventory and its factor versions, each line's
growth driver, each measure's parameters with their sources, what it cut or added in each year and
the stage totals its reduction is the difference of, its costs, the targets and the MACC. It is
built by `core.plan.result.plan_result`; `to_dict` gives the JSON document (its keys in the order
`ghgcalc plan -f json` has always written them) and `from_dict` reads that JSON back.

Values are exact (floats as computed); writers round for reading. Years are C.E. integers; the base
period keeps the year as its inventory wrote it, so every writer shows years in that calendar
(`PlanResult.year_text`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ghgcalc.errors import Issue, Severity
from ghgcalc.models.period import Period

PLAN_FORMAT = 1
# A measure's parameter blocks, in the order they are written: each as the plan and the catalogue
# gave it (the plan's own YAML keys and values, and its source).
BLOCKS = ("reduce", "add", "capture", "removal", "costs")

Block = Mapping[str, Any]


@dataclass(frozen=True)
class PlanBase:
    """The base inventory the plan starts from."""

    source: str | None
    name: str
    kind: str
    period: Period  # with the year as the inventory wrote it ("2566", "FY2567")
    year: int
    total_t_co2e: float


@dataclass(frozen=True)
class Driver:
    """A growth driver of the plan (population, gpp): its rate and where the rate comes from."""

    rate_pct: float
    source: str | None = None


@dataclass(frozen=True)
class Price:
    """What a unit of an activity costs, for a measure's savings."""

    thb_per_unit: float
    unit: str
    source: str | None = None


@dataclass(frozen=True)
class Growth:
    """How one base line grows in BAU."""

    line: int  # 1-based, as the base inventory lists it
    name: str
    activity: str
    gpc: str | None
    scope: int
    base_quantity: float | None  # None: a method line without a single quantity
    unit: str | None
    driver: str | None  # None: its own rate, or constant
    rate_pct: float
    source: str | None
    base_t_co2e: float


@dataclass(frozen=True)
class Year:
    """One year of the plan: BAU, the plan after every measure, removals and net."""

    year: int
    bau_t_co2e: float
    plan_t_co2e: float
    removals_t_co2: float
    net_t_co2e: float  # plan - removals
    by_measure_t_co2e: Mapping[str, float]  # each measure's reduction plus its removals
    bau_by_sector_t_co2e: Mapping[str, float]
    plan_by_sector_t_co2e: Mapping[str, float]
    indicators: Mapping[str, float]  # the base inventory's indicators grown by their drivers

    @property
    def reduction_t_co2e(self) -> float:
        return self.bau_t_co2e - self.net_t_co2e

    @property
    def reduction_pct(self) -> float | None:
        if not self.bau_t_co2e:
            return None
        return 100 * (self.bau_t_co2e - self.net_t_co2e) / self.bau_t_co2e

    @property
    def net_t_co2e_per_person(self) -> float | None:
        population = self.indicators.get("population")
        return self.net_t_co2e / population if population else None


@dataclass(frozen=True)
class MeasureYear:
    """What one measure did in one year (stage k: the total before it and after it)."""

    year: int
    ramp: float  # share of its full effect
    reduction_t_co2e: float  # before - after
    removal_t_co2: float
    before_t_co2e: float
    after_t_co2e: float
    reduced: float  # in reduced_unit
    reduced_unit: str | None
    added: float  # in the added line's unit
    achieved: float | None  # share of what it asked for that its lines could give; None: not started


@dataclass(frozen=True)
class Economics:
    """A measure in the horizon year: its abatement and what the part of it in place by then costs
    (core.plan.economics computes it)."""

    abatement_t_co2e: float  # in the horizon year: its emission cut plus its removals
    investment_thb: float | None
    annualised_investment_thb: float | None
    om_thb_per_year: float | None
    savings_thb_per_year: float | None
    net_annual_cost_thb: float | None
    cost_thb_per_t_co2e: float | None  # None: no costs, or no abatement


@dataclass(frozen=True)
class Measure:
    """A measure with the catalogue merged in, what it did each year and what it costs."""

    id: str
    name: str
    catalogue: str | None  # the catalogue entry it uses
    size: float
    size_unit: str
    size_source: str | None
    start: int
    ramp_years: int
    applies_to: tuple[Mapping[str, Any], ...]  # the plan's `applies_to` matches, as written
    lines: tuple[str, ...]  # the names of the lines it acts on
    adds: str | None  # the name of the line it adds
    reduce: Block | None
    add: Block | None
    capture: Block | None
    removal: Block | None
    costs: Block | None
    by_year: tuple[MeasureYear, ...]
    cumulative_t_co2e: float  # its reductions and removals over every year of the plan
    economics: Economics

    def block(self, name: str) -> Block | None:
        """One of BLOCKS by name."""
        found: Block | None = getattr(self, name)
        return found


@dataclass(frozen=True)
class Target:
    name: str
    year: int
    kind: str  # reduction-vs-bau | reduction-vs-base | net-zero
    target_t_co2e: float
    bau_t_co2e: float
    plan_net_t_co2e: float
    gap_t_co2e: float  # still to cut; 0 when met
    margin_t_co2e: float  # cut beyond the target; 0 when not met
    met: bool


@dataclass(frozen=True)
class MaccBar:
    """A measure's bar in the marginal abatement cost curve, cheapest first."""

    id: str
    name: str
    abatement_t_co2e: float  # its width
    cost_thb_per_t_co2e: float  # its height
    from_t_co2e: float  # where it starts: the abatement of the cheaper bars before it
    to_t_co2e: float


@dataclass(frozen=True)
class PlanResult:
    source: str
    name: str
    base: PlanBase
    horizon: int
    gwp: str
    factor_sets: tuple[str, ...]
    method: str  # how every number is made, in the run's language
    discount_rate_pct: float | None
    drivers: Mapping[str, Driver]
    prices: Mapping[str, Price]
    growth: tuple[Growth, ...]
    years: tuple[Year, ...]
    measures: tuple[Measure, ...]
    targets: tuple[Target, ...]
    macc: tuple[MaccBar, ...]
    not_in_macc: tuple[str, ...]  # ids of the measures without a bar: no costs, or no abatement
    warnings: tuple[Issue, ...]

    @property
    def buddhist(self) -> bool:
        """Whether years are shown in B.E.: as the base inventory's period was written (or --calendar)."""
        return self.base.period.buddhist

    def year_text(self, year_ce: int) -> str:
        """A (C.E.) year as the plan's reader expects it: 2573 for a B.E. inventory, else 2030."""
        return self.base.period.year_text(year_ce)

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    # --- the JSON document ------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of `ghgcalc plan -f json`."""
        base = self.base
        return {
            "ghgcalc_plan_result": PLAN_FORMAT,
            "source": self.source,
            "name": self.name,
            "base": {
                "source": base.source,
                "name": base.name,
                "kind": base.kind,
                "period": base.period.to_dict(),
                # the period as the base inventory wrote it ("2566", "FY2567"): the plan's years are
                # shown in its calendar (B.E. or C.E.) in the Markdown, the workbook and the charts
                "period_written": base.period.written,
                "year": base.year,
                "total_t_co2e": base.total_t_co2e,
            },
            "horizon": self.horizon,
            "gwp": self.gwp,
            "factor_sets": list(self.factor_sets),
            "method": self.method,
            "discount_rate_pct": self.discount_rate_pct,
            "drivers": {name: _given(vars(d)) for name, d in self.drivers.items()},
            "prices": {name: _given(vars(p)) for name, p in self.prices.items()},
            "growth": [dict(vars(g)) for g in self.growth],
            "years": [_year_dict(y) for y in self.years],
            "measures": [_measure_dict(m) for m in self.measures],
            "targets": [dict(vars(t)) for t in self.targets],
            "macc": [dict(vars(bar)) for bar in self.macc],
            "not_in_macc": list(self.not_in_macc),
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlanResult:
        """A plan document read back from its JSON (`to_dict`)."""
        base = data["base"]
        period = base["period"]
        return cls(
            source=data["source"],
            name=data["name"],
            base=PlanBase(
                source=base["source"],
                name=base["name"],
                kind=base["kind"],
                period=Period(
                    dt.date.fromisoformat(period["start"]),
                    dt.date.fromisoformat(period["end"]),
                    base.get("period_written"),
                ),
                year=base["year"],
                total_t_co2e=base["total_t_co2e"],
            ),
            horizon=data["horizon"],
            gwp=data["gwp"],
            factor_sets=tuple(data["factor_sets"]),
            method=data["method"],
            discount_rate_pct=data.get("discount_rate_pct"),
            drivers={name: Driver(**d) for name, d in data["drivers"].items()},
            prices={name: Price(**p) for name, p in data.get("prices", {}).items()},
            growth=tuple(Growth(**g) for g in data["growth"]),
            years=tuple(_year(y) for y in data["years"]),
            measures=tuple(_measure(m) for m in data["measures"]),
            targets=tuple(Target(**t) for t in data["targets"]),
            macc=tuple(MaccBar(**bar) for bar in data["macc"]),
            not_in_macc=tuple(data["not_in_macc"]),
            warnings=tuple(_issue(w) for w in data.get("warnings", ())),
        )


def _given(values: Mapping[str, Any]) -> dict[str, Any]:
    """A driver or price as the plan gave it: a source it did not give is left out."""
    return {k: v for k, v in values.items() if v is not None}


def _year_dict(year: Year) -> dict[str, Any]:
    return {
        "year": year.year,
        "bau_t_co2e": year.bau_t_co2e,
        "plan_t_co2e": year.plan_t_co2e,
        "removals_t_co2": year.removals_t_co2,
        "net_t_co2e": year.net_t_co2e,
        "reduction_t_co2e": year.reduction_t_co2e,
        "reduction_pct": year.reduction_pct,
        "by_measure_t_co2e": dict(year.by_measure_t_co2e),
        "bau_by_sector_t_co2e": dict(year.bau_by_sector_t_co2e),
        "plan_by_sector_t_co2e": dict(year.plan_by_sector_t_co2e),
        "indicators": dict(year.indicators),
        "net_t_co2e_per_person": year.net_t_co2e_per_person,
    }


def _year(data: Mapping[str, Any]) -> Year:
    return Year(
        year=data["year"],
        bau_t_co2e=data["bau_t_co2e"],
        plan_t_co2e=data["plan_t_co2e"],
        removals_t_co2=data["removals_t_co2"],
        net_t_co2e=data["net_t_co2e"],
        by_measure_t_co2e=dict(data["by_measure_t_co2e"]),
        bau_by_sector_t_co2e=dict(data["bau_by_sector_t_co2e"]),
        plan_by_sector_t_co2e=dict(data["plan_by_sector_t_co2e"]),
        indicators=dict(data["indicators"]),
    )


def _block(block: Block | None) -> dict[str, Any] | None:
    return None if block is None else dict(block)


def _measure_dict(m: Measure) -> dict[str, Any]:
    money = m.economics
    return {
        "id": m.id,
        "name": m.name,
        "catalogue": m.catalogue,
        "size": m.size,
        "size_unit": m.size_unit,
        "size_source": m.size_source,
        "start": m.start,
        "ramp_years": m.ramp_years,
        "applies_to": [dict(match) for match in m.applies_to],
        "lines": list(m.lines),
        "adds": m.adds,
        **{name: _block(m.block(name)) for name in BLOCKS},
        "by_year": [dict(vars(y)) for y in m.by_year],
        "cumulative_t_co2e": m.cumulative_t_co2e,
        "horizon_abatement_t_co2e": money.abatement_t_co2e,
        "investment_thb": money.investment_thb,
        "annualised_investment_thb": money.annualised_investment_thb,
        "om_thb_per_year": money.om_thb_per_year,
        "savings_thb_per_year": money.savings_thb_per_year,
        "net_annual_cost_thb": money.net_annual_cost_thb,
        "cost_thb_per_t_co2e": money.cost_thb_per_t_co2e,
    }


def _measure(data: Mapping[str, Any]) -> Measure:
    return Measure(
        id=data["id"],
        name=data["name"],
        catalogue=data.get("catalogue"),
        size=data["size"],
        size_unit=data["size_unit"],
        size_source=data.get("size_source"),
        start=data["start"],
        ramp_years=data["ramp_years"],
        applies_to=tuple(dict(match) for match in data["applies_to"]),
        lines=tuple(data["lines"]),
        adds=data.get("adds"),
        reduce=_block(data.get("reduce")),
        add=_block(data.get("add")),
        capture=_block(data.get("capture")),
        removal=_block(data.get("removal")),
        costs=_block(data.get("costs")),
        by_year=tuple(MeasureYear(**y) for y in data["by_year"]),
        cumulative_t_co2e=data["cumulative_t_co2e"],
        economics=Economics(
            abatement_t_co2e=data["horizon_abatement_t_co2e"],
            investment_thb=data["investment_thb"],
            annualised_investment_thb=data["annualised_investment_thb"],
            om_thb_per_year=data["om_thb_per_year"],
            savings_thb_per_year=data["savings_thb_per_year"],
            net_annual_cost_thb=data["net_annual_cost_thb"],
            cost_thb_per_t_co2e=data["cost_thb_per_t_co2e"],
        ),
    )


def _issue(data: Mapping[str, Any]) -> Issue:
    """A warning read back; its location (a file:line text) is not read back into a Location."""
    return Issue(data["code"], data["message"], Severity(data["severity"]), hint=data.get("hint"))
