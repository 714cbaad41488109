"""A programme's summary of many inventories (`ghgcalc summary`): one row per input file, failed
ones included, the rollups by province and by type of local government, and the outliers among
peers. Pure: the rows are made by the API (api.summary_row) from each file's outcome.

The outlier rule (docs/cli.md, `ghgcalc summary`): an intensity (per staff member, per person, per
unit of output) is an outlier when it is more than OUTLIER_RATIO times the median of its peers, or
less than the median divided by OUTLIER_RATIO. Peers are the inventories of the same type of local
government (or, without a type, of the same kind: organization or community) over a period of the
same length in months (a quarter's tCO2e per person is a quarter of a year's) that have that
intensity, the inventory itself included, and for the intensity per unit of output the same unit
of output; there must be at least MIN_PEERS of them, and their median must be above zero."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ghgcalc.core.entity import Repeats
from ghgcalc.core.plausibility import period_months
from ghgcalc.core.provinces import province_key
from ghgcalc.models.period import Period

OUTLIER_RATIO = 3.0
MIN_PEERS = 5
INTENSITIES = ("per_staff", "per_capita", "per_output")  # the row's fields, in their order
NONE_GROUP = ""  # the group of rows that do not say their province or type


@dataclass(frozen=True)
class SummaryRow:
    """One input file. A file that failed has status "errors", its first error and no totals."""

    file: str
    status: str  # "ok", "warnings" or "errors"
    errors: int
    warnings: int
    name: str | None = None
    code: str | None = None  # organization.code: the local government's code
    province: str | None = None  # organization.province
    type: str | None = None  # organization.type, else the inventory's kind
    period: str | None = None  # as the inventory wrote it: FY2567, 2566, or its dates
    first_error_code: str | None = None
    first_error: str | None = None  # its message
    first_error_at: str | None = None  # where it is: file:line:column, or sheet!cell
    scope_1: float | None = None
    scope_2: float | None = None
    scope_3: float | None = None
    total: float | None = None
    separately_reported: float | None = None  # biogenic CO2 and non-Kyoto gases, outside the total
    per_staff: float | None = None
    per_capita: float | None = None
    per_output: float | None = None
    factor_editions: tuple[str, ...] = ()  # set@version of every set that gave a line
    gwp: str | None = None
    # the period's first and last day (ISO): one period whether written 2567 or 2024
    period_start: str | None = None
    period_end: str | None = None
    kind: str | None = None  # organization or community, whatever its type
    output_unit: str | None = None  # the unit of output.amount, which per_output is per


@dataclass(frozen=True)
class Spread:
    """The intensities of a group: how many, their median, smallest and largest."""

    count: int
    median: float
    low: float
    high: float


@dataclass(frozen=True)
class Rollup:
    group: str  # the province or type; NONE_GROUP when the inventories do not say
    count: int  # files
    ok: int  # computed (with or without warnings)
    with_errors: int
    total: float | None  # tCO2e of the computed files; None when none of its files computed
    intensities: dict[str, Spread]  # by INTENSITIES name, when at least one file has it


@dataclass(frozen=True)
class Outlier:
    file: str
    name: str | None
    type: str
    intensity: str  # one of INTENSITIES
    value: float
    peer_median: float
    peers: int
    ratio: float  # value / peer_median


def status_of(errors: int, warnings: int) -> str:
    return "errors" if errors else "warnings" if warnings else "ok"


def spread(values: Sequence[float]) -> Spread | None:
    if not values:
        return None
    return Spread(len(values), statistics.median(values), min(values), max(values))


def rollups(rows: Sequence[SummaryRow], key: Callable[[SummaryRow], str | None]) -> list[Rollup]:
    """Rows grouped by `key` (a province, a type), sorted by group name; rows without one last."""
    groups: dict[str, list[SummaryRow]] = {}
    for row in rows:
        groups.setdefault(key(row) or NONE_GROUP, []).append(row)
    found = []
    for group in sorted(groups, key=lambda g: (g == NONE_GROUP, g)):
        members = groups[group]
        computed = [r for r in members if r.total is not None]
        spreads = {}
        for name in INTENSITIES:
            values = [v for r in computed if (v := getattr(r, name)) is not None]
            if (found_spread := spread(values)) is not None:
                spreads[name] = found_spread
        found.append(
            Rollup(
                group=group,
                count=len(members),
                ok=len(computed),
                with_errors=sum(1 for r in members if r.status == "errors"),
                total=sum(r.total for r in computed if r.total is not None) if computed else None,
                intensities=spreads,
            )
        )
    return found


def by_province(rows: Sequence[SummaryRow]) -> list[Rollup]:
    return rollups(rows, lambda r: r.province)


def by_type(rows: Sequence[SummaryRow]) -> list[Rollup]:
    return rollups(rows, lambda r: r.type)


def _period_of(row: SummaryRow) -> tuple[str | None, ...]:
    """A row's period as its days (2567 and 2024 are one period), else as written."""
    return (row.period_start, row.period_end) if row.period_start else (row.period,)


def repeated(rows: Sequence[SummaryRow]) -> list[tuple[SummaryRow, SummaryRow]]:
    """Each computed row that repeats an earlier computed row's local government, kind and period
    (core/entity.Repeats), with that earlier row: both count in the rollups."""
    seen = Repeats()
    found = []
    for row in rows:
        if row.period is None or row.status == "errors":
            continue
        earlier = seen.earlier(row)
        if earlier is not None:
            found.append((row, earlier))
    return found


def province_spellings(rows: Sequence[SummaryRow]) -> list[list[tuple[str, int]]]:
    """Provinces written more than one way (`เชียงใหม่`, `จ.เชียงใหม่`, `จังหวัดเชียงใหม่`; `Chiang Mai`,
    `chiang mai province`; `เชียงใหม่` and `Chiang Mai`, core/provinces.py): for each, every spelling
    and how many rows have it, most rows first. The rollups group by the name as written, so such a
    province is split into groups."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        if row.province is None:
            continue
        spellings = counts.setdefault(province_key(row.province), {})
        spellings[row.province] = spellings.get(row.province, 0) + 1
    return [
        sorted(spellings.items(), key=lambda item: (-item[1], item[0]))
        for spellings in counts.values()
        if len(spellings) > 1
    ]


def periods(rows: Sequence[SummaryRow]) -> list[str]:
    """The periods of the computed rows (by their days: 2567 and 2024 are one), each once as the
    first row to have it wrote it, in the order of the rows: more than one, and the rollups add
    inventories of different years together."""
    found: dict[tuple[str | None, ...], str] = {}
    for row in rows:
        if row.status != "errors" and row.period is not None:
            found.setdefault(_period_of(row), row.period)
    return list(found.values())


def kinds(rows: Sequence[SummaryRow]) -> list[str]:
    """The kinds of the computed rows (organization, community), each once: both, and a province's
    rollup adds a city's community inventory to its own municipality's, whose operations it holds."""
    return list(dict.fromkeys(row.kind for row in rows if row.status != "errors" and row.kind is not None))


def gwp_sets(rows: Sequence[SummaryRow]) -> list[str]:
    """The GWP sets of the computed rows, each once, in the order of the rows: more than one, and
    the rollups add tonnes of CO2e weighted in different ways."""
    return list(dict.fromkeys(row.gwp for row in rows if row.status != "errors" and row.gwp is not None))


def editions(rows: Sequence[SummaryRow]) -> list[list[tuple[str, int]]]:
    """Factor sets whose computed rows of one period (by its days) used different editions (one
    file pinned to tgo-cfo@2022-04 among files on the edition in force): for each set and period,
    every edition (or editions, `+`-joined, of a file that used two) and how many rows used it, in
    the order first met, when two rows have no edition in common. Their tonnes come from different
    factors, yet the rollups add them and the outliers compare them; inventories of different
    periods are periods-mixed's to say."""
    found: dict[tuple[object, ...], dict[str, int]] = {}
    for row in rows:
        if row.status == "errors" or row.period is None:
            continue
        versions: dict[str, list[str]] = {}
        for ref in row.factor_editions:
            set_id, _, _ = ref.partition("@")
            versions.setdefault(set_id, []).append(ref)
        for set_id, refs in versions.items():
            used = found.setdefault((set_id, *_period_of(row)), {})
            shown = "+".join(sorted(refs))
            used[shown] = used.get(shown, 0) + 1
    return [list(used.items()) for used in found.values() if _apart(used)]


def _apart(used: dict[str, int]) -> bool:
    """Two rows used editions of a set with none in common: a row that used two (a line only the
    older one has) beside rows on one of them is no slip."""
    shared = [frozenset(names.split("+")) for names in used]
    return any(not a & b for i, a in enumerate(shared) for b in shared[i + 1 :])


def output_units(rows: Sequence[SummaryRow]) -> list[str]:
    """The units of the outputs the computed rows' per_output is per, each once as first written, in
    the order of the rows: more than one, and the intensities per unit of output are per persons
    beside per staff or per tonnes of waste (the rollups' spread mixes them)."""
    found: dict[str, str] = {}
    for row in rows:
        if row.per_output is not None and row.output_unit is not None:
            found.setdefault(_unit_key(row.output_unit), row.output_unit)
    return list(found.values())


def _unit_key(unit: str | None) -> str:
    return " ".join((unit or "").split()).casefold()


def _peer_group(row: SummaryRow, name: str) -> tuple[str, str, int | None]:
    """Who a row's intensity is compared with: its type, for per_output its output's unit too, and
    the length of its period: an intensity of a half year is not compared with those of years."""
    unit = _unit_key(row.output_unit) if name == "per_output" else ""
    return row.type or NONE_GROUP, unit, _months(row)


def _months(row: SummaryRow) -> int | None:
    """The length of a row's period in whole months (plausibility.period_months: a year is 12)."""
    if not row.period_start or not row.period_end:
        return None
    return period_months(Period(dt.date.fromisoformat(row.period_start), dt.date.fromisoformat(row.period_end)))


def outliers(rows: Sequence[SummaryRow]) -> list[Outlier]:
    """The intensities far from their peers' median (the rule in this module's docstring), in the
    order of the rows, then of INTENSITIES. An intensity per unit of output has for peers only the
    outputs in the same unit (tCO2e per person is not compared with tCO2e per staff member)."""
    found = []
    for name in INTENSITIES:
        peers: dict[tuple[str, str, int | None], list[float]] = {}
        for row in rows:
            value = getattr(row, name)
            if row.type and value is not None:
                peers.setdefault(_peer_group(row, name), []).append(value)
        for row in rows:
            value = getattr(row, name)
            group = peers.get(_peer_group(row, name), [])
            if value is None or len(group) < MIN_PEERS:
                continue
            median = statistics.median(group)
            if median > 0 and (value > OUTLIER_RATIO * median or value < median / OUTLIER_RATIO):
                found.append(
                    Outlier(row.file, row.name, row.type or "", name, value, median, len(group), value / median)
                )
    order = {row.file: index for index, row in enumerate(rows)}
    return sorted(found, key=lambda o: (order[o.file], INTENSITIES.index(o.intensity)))
