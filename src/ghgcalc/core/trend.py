"""Several years of one entity: totals per year, change against a base year and year on year,
intensities, and whether the years were computed alike (factor versions, GWP set)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ghgcalc.models.result import InventoryResult

INTENSITIES = {  # indicator -> (label, unit of the intensity)
    "population": ("per person", "tCO2e/person"),
    "gpp_million_thb": ("per million THB of GPP", "tCO2e/million THB"),
    "area_km2": ("per km2", "tCO2e/km2"),
    "staff": ("per staff member", "tCO2e/staff"),
}


@dataclass(frozen=True)
class Year:
    result: InventoryResult
    total_t_co2e: float
    by_scope_t_co2e: dict[str, float]
    change_from_base_t: float | None
    change_from_base_pct: float | None
    change_from_previous_t: float | None
    change_from_previous_pct: float | None
    intensities: dict[str, float]
    differs_from_base: tuple[str, ...] = field(default=())  # how its calculation differs from the base year's


@dataclass(frozen=True)
class Trend:
    years: tuple[Year, ...]
    base_index: int


def _pct(change: float, reference: float) -> float | None:
    return 100 * change / reference if reference else None


def _method(result: InventoryResult) -> tuple[str, frozenset[str]]:
    return result.gwp, frozenset(s.ref for s in result.factor_sets)


def differences(result: InventoryResult, base: InventoryResult) -> tuple[str, ...]:
    found = []
    if result.gwp != base.gwp:
        found.append(f"GWP {result.gwp}, base year {base.gwp}")
    mine, theirs = _method(result)[1], _method(base)[1]
    if mine != theirs:
        found.append(f"factor sets {', '.join(sorted(mine))}; base year {', '.join(sorted(theirs))}")
    return tuple(found)


def trend(results: list[InventoryResult], base_index: int = 0) -> Trend:
    """`results` in time order; the base year is `results[base_index]`."""
    base = results[base_index]
    years = []
    previous: InventoryResult | None = None
    for result in results:
        total = result.total_t_co2e
        intensities = {
            name: total / value for name, value in result.indicators.items() if value and name in INTENSITIES
        }
        if result.output and result.output[0]:
            intensities["output"] = total / result.output[0]
        from_base = total - base.total_t_co2e
        from_previous = total - previous.total_t_co2e if previous else None
        years.append(
            Year(
                result=result,
                total_t_co2e=total,
                by_scope_t_co2e=result.by_scope_t_co2e,
                change_from_base_t=from_base,
                change_from_base_pct=_pct(from_base, base.total_t_co2e),
                change_from_previous_t=from_previous,
                change_from_previous_pct=_pct(from_previous, previous.total_t_co2e)
                if previous and from_previous is not None
                else None,
                intensities=intensities,
                differs_from_base=differences(result, base) if result is not base else (),
            )
        )
        previous = result
    return Trend(tuple(years), base_index)
