"""Several years of one entity: totals per year, change against a base year and year on year,
intensities, and whether the years were computed alike (factor versions, GWP set); periods that
overlap (two inventories of one year) and the years missing between two inventories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ghgcalc.core.texts import day_text
from ghgcalc.i18n import tr
from ghgcalc.models.period import Period
from ghgcalc.models.result import InventoryResult
from ghgcalc.thai import BE_OFFSET

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
    # how it differs from the inventory before it, when that is not the base year (its change 'vs previous')
    differs_from_previous: tuple[str, ...] = field(default=())
    missing_before: tuple[str, ...] = field(default=())  # the periods no inventory covers before this one


@dataclass(frozen=True)
class Trend:
    years: tuple[Year, ...]
    base_index: int


def _pct(change: float, reference: float) -> float | None:
    return 100 * change / reference if reference else None


def _sets(result: InventoryResult) -> dict[str, str]:
    return {s.id: s.ref for s in result.factor_sets}


def _sets_differ(result: InventoryResult, other: InventoryResult, always: frozenset[str]) -> bool:
    """Another version of a set, or a set one year used and the other did not; a set searched in
    every run (`always`: the gases by mass) used in one year only is no difference: the other year
    had it too and needed none of it (an air conditioner installed this year)."""
    mine, theirs = _sets(result), _sets(other)
    return any(
        mine.get(i) != theirs.get(i) and not (i in always and (i not in mine or i not in theirs))
        for i in mine.keys() | theirs.keys()
    )


def differences(
    result: InventoryResult, base: InventoryResult, always: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    found = []
    if result.gwp != base.gwp:
        found.append(tr("GWP {gwp}, base year {base}", gwp=result.gwp, base=base.gwp))
    if _sets_differ(result, base, always):
        mine, theirs = sorted(_sets(result).values()), sorted(_sets(base).values())
        found.append(tr("factor sets {sets}; base year {base}", sets=", ".join(mine), base=", ".join(theirs)))
    return tuple(found)


def differences_from_previous(
    result: InventoryResult, previous: InventoryResult, always: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """How `result` was computed otherwise than the inventory before it: its change 'vs previous'
    is then partly the GWP set's or the factors', not the activities'."""
    found = []
    if result.gwp != previous.gwp:
        found.append(tr("GWP {gwp}, previous inventory {other}", gwp=result.gwp, other=previous.gwp))
    if _sets_differ(result, previous, always):
        mine, theirs = sorted(_sets(result).values()), sorted(_sets(previous).values())
        found.append(
            tr("factor sets {sets}; previous inventory {other}", sets=", ".join(mine), other=", ".join(theirs))
        )
    return tuple(found)


def overlapping(periods: list[Period]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of periods that share at least one day: two inventories of one year
    (2024 and 2567, or calendar 2024 and FY2567, which share January to September 2024)."""
    return [
        (i, j)
        for i, first in enumerate(periods)
        for j in range(i + 1, len(periods))
        if first.overlaps(periods[j].start, periods[j].end)
    ]


def _year_later(day: dt.date, years: int) -> dt.date | None:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return None


def _whole_year(period: Period) -> bool:
    """Twelve months from any first day: a calendar year, a fiscal year, April to March..."""
    following = _year_later(period.start, 1)
    return following is not None and period.end == following - dt.timedelta(days=1)


def label(period: Period, like: Period | None = None) -> str:
    """A year as an officer names it: FY2567 for a Thai fiscal year, 2024 (B.E. 2567) for a
    calendar year (both years, whichever the inventory was written in), else its dates, shown as
    `like`'s dates are (the inventory that names the period; by default the period itself)."""
    like = like or period
    dates = tr("{start} to {end}", start=day_text(period.start, like), end=day_text(period.end, like))
    if _whole_year(period) and (period.start.month, period.start.day) == (10, 1):
        return tr("FY{year} ({dates})", year=period.end.year + BE_OFFSET, dates=dates)
    if _whole_year(period) and (period.start.month, period.start.day) == (1, 1):
        return tr("{year} (B.E. {be_year})", year=period.start.year, be_year=period.start.year + BE_OFFSET)
    return dates


def missing(before: Period, after: Period) -> tuple[str, ...]:
    """The periods between two inventories that no inventory covers: whole years named like the
    one before (FY2566 between FY2565 and FY2567), else the uncovered dates."""
    first, last = before.end + dt.timedelta(days=1), after.start - dt.timedelta(days=1)
    if first > last:
        return ()
    if _whole_year(before):
        slots = []
        for k in range(1, 12):
            start, end = _year_later(before.start, k), _year_later(before.start, k + 1)
            if start is None or end is None or end - dt.timedelta(days=1) > last:
                break
            slots.append(Period(start, end - dt.timedelta(days=1)))
        if slots and slots[-1].end == last and len(slots) <= 10:
            return tuple(label(slot, before) for slot in slots)
    return (label(Period(first, last), before),)


def trend(results: list[InventoryResult], base_index: int = 0, always: frozenset[str] = frozenset()) -> Trend:
    """`results` in time order, their periods apart (see `overlapping`); the base year is
    `results[base_index]`; `always` are the sets every run searches (see `differences`)."""
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
                differs_from_base=differences(result, base, always) if result is not base else (),
                differs_from_previous=differences_from_previous(result, previous, always)
                if previous is not None and previous is not base
                else (),
                missing_before=missing(previous.period, result.period) if previous else (),
            )
        )
        previous = result
    return Trend(tuple(years), base_index)
