"""The trend of one entity over several years as a Document (reports/document.py), rendered to
Markdown, xlsx and HTML by reports/render_*.py: totals by year with the base year marked and the
change against it, the totals by GPC sector (a city or province) and by scope, the intensities
per person, per million THB of GPP and per unit of output, and how each year was computed.

A year with no inventory between two that have one is a row that says so and a gap in the charts:
it is never estimated from the years around it. Years are named as the inventories wrote them
(2562 for an inventory of 2562, FY2567 for a fiscal year; --calendar chooses the era)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ghgcalc import __version__
from ghgcalc.core.entity import entities
from ghgcalc.core.trend import Trend, Year
from ghgcalc.gpc import SECTOR_NAMES
from ghgcalc.i18n import N_, language, tr
from ghgcalc.models.period import Period
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.document import Cell, Chart, Column, Document, Fact, Section, Series, table
from ghgcalc.thai import show_date, show_year

SCOPES = {"1": N_("Scope 1"), "2": N_("Scope 2"), "3": N_("Scope 3")}
# indicator -> (its column, the intensity's column), in the order of the table
INDICATORS = {
    "population": (N_("Population"), N_("tCO2e per person")),
    "gpp_million_thb": (N_("GPP, million THB"), N_("tCO2e per million THB of GPP")),
    "area_km2": (N_("Area, km2"), N_("tCO2e per km2")),
    "staff": (N_("Staff"), N_("tCO2e per staff member")),
}
KINDS = {"organization": N_("organization"), "community": N_("community")}


@dataclass(frozen=True)
class Slot:
    """One year of the timeline: an inventory's (`year`), or a year with none (`year` is None)."""

    name: str  # as the reader expects it: 2562, FY2567, or the dates
    year: Year | None
    period: Period


# --- the timeline: the inventories' years and the years missing between them ---------------------


def _years_later(day: dt.date, years: int) -> dt.date | None:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return None


def _whole_year(period: Period) -> bool:
    following = _years_later(period.start, 1)
    return following is not None and period.end == following - dt.timedelta(days=1)


def period_name(period: Period, buddhist: bool) -> str:
    """A calendar year by its year (2562 or 2019), a Thai fiscal year as FY2567, else its dates."""
    start, end = period.start, period.end
    if _whole_year(period) and (start.month, start.day) == (1, 1):
        return show_year(start.year, buddhist)
    if _whole_year(period) and (start.month, start.day) == (10, 1):
        return tr("FY{year}", year=show_year(end.year, buddhist))
    return tr("{start} to {end}", start=show_date(start, buddhist), end=show_date(end, buddhist))


def year_once(sentence: str) -> str:
    """A translated sentence that names a year after the language's word for one (Thai writes
    "ปี {year}"): a fiscal year's name in Thai already begins with that word (ปีงบประมาณ 2567), and
    "ปี ปีงบประมาณ 2567" reads "ปีงบประมาณ 2567". Only for sentences whose msgstr puts the word
    right before the year (a title's "รายปี", by year, is another word)."""
    word = tr("Year")
    fiscal = tr("FY{year}", year="\0").split("\0")[0].strip()
    if not fiscal.startswith(word) or fiscal == word:
        return sentence
    return sentence.replace(f"{word} {fiscal}", fiscal)


def _missing(before: Period, after: Period) -> list[Period]:
    """The periods no inventory covers between two: whole years like the one before (2563, 2565
    between 2562 and 2566), else the uncovered days as one period."""
    first, last = before.end + dt.timedelta(days=1), after.start - dt.timedelta(days=1)
    if first > last:
        return []
    if _whole_year(before):
        slots = []
        for k in range(1, 12):
            start, end = _years_later(before.start, k), _years_later(before.start, k + 1)
            if start is None or end is None or end - dt.timedelta(days=1) > last:
                break
            slots.append(Period(start, end - dt.timedelta(days=1)))
        if slots and slots[-1].end == last:
            return slots
    return [Period(first, last)]


def timeline(trend: Trend) -> list[Slot]:
    """Every year from the first inventory to the last, in order, the missing ones included."""
    slots: list[Slot] = []
    previous: Period | None = None
    for year in trend.years:
        period = year.result.period
        if previous is not None:  # the missing years named in the era of the year before them
            slots += [Slot(period_name(gap, previous.buddhist), None, gap) for gap in _missing(previous, period)]
        slots.append(Slot(period_name(period, period.buddhist), year, period))
        previous = period
    return slots


# --- the document ---------------------------------------------------------------------------------


class Outcome(Protocol):
    """What api.trend_files returns (api.TrendOutcome), as this report reads it: reports sit below
    the API and take its results without importing it."""

    @property
    def trend(self) -> Trend | None: ...

    @property
    def rebased(self) -> InventoryResult | None: ...


def document(source: Outcome | Trend, rebased: InventoryResult | None = None) -> Document:
    """The trend's report. From a TrendOutcome (api.trend_files) its base year recomputed is taken
    too; with a core Trend it is `rebased`. The notes are the report's own: the missing years are
    rows of their own, not notes about the change 'vs previous' as on the terminal."""
    if not isinstance(source, Trend):
        if source.trend is None:
            raise ValueError("a trend outcome with errors has no report")
        trend, rebased = source.trend, source.rebased
    else:
        trend = source
    slots = timeline(trend)
    base = trend.years[trend.base_index]
    base_name = next(slot.name for slot in slots if slot.year is base)
    latest = trend.years[-1].result
    community = any(year.result.community is not None for year in trend.years)
    sections = [_totals(slots, base_name)]
    if community:
        sections.append(_by_sector(slots))
    sections.append(_by_scope(slots, chart=not community))
    intensities = _intensities(slots)
    if intensities is not None:
        sections.append(intensities)
    sections.append(_method(slots, trend, rebased))
    first, last = _span(slots)
    missing = [slot.name for slot in slots if slot.year is None]
    facts = [
        Fact(tr("Name"), latest.name),
        Fact(tr("Kind"), tr(KINDS[latest.kind]) if latest.kind in KINDS else latest.kind),
        Fact(tr("Years"), tr("{first} to {last}", first=first, last=last)),
        Fact(tr("Base year"), base_name),
        Fact(tr("Number of inventories"), str(len(trend.years))),
    ]
    if missing:
        facts.append(Fact(tr("Years with no inventory"), ", ".join(missing)))
    return Document(
        title=tr("Greenhouse gas emissions by year, {first} to {last}", first=first, last=last),
        language=language(),
        sections=tuple(sections),
        subtitle=latest.name,
        facts=tuple(facts),
        footer=tr("Made with ghgcalc {version}", version=__version__),
        source_notes=tuple(
            dict.fromkeys(f"{s.ref} sha256 {s.sha256}" for year in trend.years for s in year.result.factor_sets)
        ),
    )


def _tonnes(value: float) -> str:
    return f"{value:,.0f}"


def _span(slots: list[Slot]) -> tuple[str, str]:
    """The first and last year of the trend (2562, 2566), or the first and last day when they are
    not whole years."""
    first, last = slots[0], slots[-1]
    if _whole_year(first.period) and _whole_year(last.period):
        return first.name, last.name
    buddhist = first.period.buddhist
    return show_date(first.period.start, buddhist), show_date(last.period.end, buddhist)


def _missing_note(slot: Slot) -> str:
    if _whole_year(slot.period):
        return tr("no inventory for this year")
    return tr("no inventory for this period")


def _totals(slots: list[Slot], base_name: str) -> Section:
    rows: list[Sequence[Cell]] = []
    previous_name, after_gap = "", False
    for slot in slots:
        year = slot.year
        if year is None:
            rows.append((slot.name, None, None, None, None, None, _missing_note(slot)))
            after_gap = True
            continue
        notes = [tr("base year")] if slot.name == base_name else []
        if after_gap:
            notes.append(year_once(tr("change from the previous inventory: against {year}", year=previous_name)))
        notes += year.differs_from_base
        notes += [tr("change from the previous inventory: {how}", how=how) for how in year.differs_from_previous]
        rows.append(
            (
                slot.name,
                year.total_t_co2e,
                year.change_from_base_t,
                year.change_from_base_pct,
                year.change_from_previous_t,
                year.change_from_previous_pct,
                "; ".join(notes),
            )
        )
        previous_name, after_gap = slot.name, False
    missing = [slot.name for slot in slots if slot.year is None]
    table_notes = [year_once(tr("The base year is {year}.", year=base_name))]
    if missing:
        table_notes.append(
            year_once(
                tr(
                    "No inventory for {years}: these years are left empty, never estimated from the years around them.",
                    years=", ".join(missing),
                )
            )
        )
    totals = table(
        tr("Total emissions by year"),
        (
            Column(tr("Year"), "year"),
            Column(tr("Total, tCO2e"), "tonnes"),
            Column(tr("Change from the base year, tCO2e"), "tonnes"),
            Column(tr("Change from the base year, %"), "percent"),
            Column(tr("Change from the previous inventory, tCO2e"), "tonnes"),
            Column(tr("Change from the previous inventory, %"), "percent"),
            Column(tr("Note")),
        ),
        rows,
        notes=table_notes,
        key="trend-totals",
    )
    values = tuple(slot.year.total_t_co2e if slot.year else None for slot in slots)
    known = [(slot.name, slot.year) for slot in slots if slot.year is not None]
    (first, first_year), (last, last_year) = known[0], known[-1]
    alt = tr(
        "Total emissions by year, a line from {first} to {last}: {first_total} tCO2e in {first} and "
        "{last_total} tCO2e in {last}; the base year {base} is marked.",
        first=first,
        last=last,
        first_total=_tonnes(first_year.total_t_co2e),
        last_total=_tonnes(last_year.total_t_co2e),
        base=base_name,
    )
    if missing:
        alt += " " + tr("No inventory for {years}: gaps in the line.", years=", ".join(missing))
    alt = year_once(alt)
    chart = Chart(
        tr("Total emissions by year"),
        "line",
        tuple(slot.name for slot in slots),
        (Series(tr("Total"), values),),
        alt,
        marked=(base_name,),
        key="trend-totals-chart",
    )
    return Section(tr("Emissions by year"), tables=(totals,), charts=(chart,), key="totals")


def _sectors(year: Year) -> dict[str, float]:
    community = year.result.community
    return community.by_sector_t_co2e if community else {}


def _scopes(year: Year) -> dict[str, float]:
    return year.by_scope_t_co2e


def _breakdown(
    slots: list[Slot],
    parts: Callable[[Year], dict[str, float]],
    names: list[tuple[str, str]],
    title: str,
    key: str,
    chart: bool,
) -> Section:
    """A table (and a stacked bar chart) of each year's totals by sector or scope: `parts` gives a
    year's totals by name, `names` are (name, as the reader reads it) in the order shown."""
    rows: list[Sequence[Cell]] = []
    for slot in slots:
        if slot.year is None:
            rows.append((slot.name, *(None for _ in names), None, _missing_note(slot)))
        else:
            found = parts(slot.year)
            rows.append((slot.name, *(found.get(n, 0.0) for n, _ in names), slot.year.total_t_co2e, ""))
    columns = (
        Column(tr("Year"), "year"),
        *(Column(shown, "tonnes") for _, shown in names),
        Column(tr("Total, tCO2e"), "tonnes"),
        Column(tr("Note")),
    )
    charts: tuple[Chart, ...] = ()
    if chart:
        series = tuple(
            Series(shown, tuple(parts(slot.year).get(n, 0.0) if slot.year else None for slot in slots))
            for n, shown in names
        )
        last = next(slot for slot in reversed(slots) if slot.year is not None)
        found = parts(last.year) if last.year else {}
        largest = sorted(((found.get(n, 0.0), shown) for n, shown in names), reverse=True)[:3]
        alt = year_once(
            tr(
                "{title}, stacked bars from {first} to {last}; in {last} the largest are {largest}.",
                title=title,
                first=slots[0].name,
                last=last.name,
                largest="; ".join(tr("{name} {total} tCO2e", name=shown, total=_tonnes(v)) for v, shown in largest),
            )
        )
        charts = (Chart(title, "stacked-bar", tuple(s.name for s in slots), series, alt, key=f"{key}-chart"),)
    titled = tr("{title} and year, tCO2e", title=title)
    return Section(
        title, tables=(table(titled, columns, rows, key=key),), charts=charts, key=key.removeprefix("trend-")
    )


def _by_sector(slots: list[Slot]) -> Section:
    """The GPC sectors in the GPC's order (gpc.py), each in the run's language."""
    found = {name for slot in slots if slot.year for name in _sectors(slot.year)}
    names = [name for name in SECTOR_NAMES if name in found] + sorted(found - set(SECTOR_NAMES))
    shown = [(name, tr(name)) for name in names]
    return _breakdown(slots, _sectors, shown, tr("Emissions by GPC sector"), "trend-by-sector", True)


def _by_scope(slots: list[Slot], chart: bool) -> Section:
    found = sorted({scope for slot in slots if slot.year for scope in slot.year.by_scope_t_co2e})
    shown = [(s, tr(SCOPES[s]) if s in SCOPES else tr("Scope {scope}", scope=s)) for s in found]
    return _breakdown(slots, _scopes, shown, tr("Emissions by scope"), "trend-by-scope", chart)


def _output_unit(slots: list[Slot]) -> tuple[str, str] | None:
    """The output's unit and name when every year that gives one gives the same unit."""
    outputs = {
        (s.year.result.output[1], s.year.result.output[2] or "") for s in slots if s.year and s.year.result.output
    }
    units = {unit for unit, _ in outputs}
    if len(units) != 1:
        return None
    unit = units.pop()
    names = {name for _, name in outputs if name}
    return unit, names.pop() if len(names) == 1 else ""


def _intensities(slots: list[Slot]) -> Section | None:
    years = [slot.year for slot in slots if slot.year is not None]
    given = [name for name in INDICATORS if any(name in year.intensities for year in years)]
    output = any("output" in year.intensities for year in years)
    if not given and not output:
        return None
    columns = [Column(tr("Year"), "year")]
    for name in given:
        columns += [Column(tr(INDICATORS[name][0]), "number"), Column(tr(INDICATORS[name][1]), "number")]
    same = _output_unit(slots)
    if output:
        if same is None:
            columns += [Column(tr("Output"), "number"), Column(tr("tCO2e per unit of output"), "number")]
        else:
            unit, name = same
            what = tr("Output, {unit} ({name})", unit=unit, name=name) if name else tr("Output, {unit}", unit=unit)
            columns += [Column(what, "number"), Column(tr("tCO2e per unit of output ({unit})", unit=unit), "number")]
    columns.append(Column(tr("Note")))
    rows: list[Sequence[Cell]] = []
    for slot in slots:
        year = slot.year
        if year is None:
            rows.append((slot.name, *(None for _ in columns[1:-1]), _missing_note(slot)))
            continue
        cells: list[Cell] = [slot.name]
        absent = []
        for name in given:
            value = year.result.indicators.get(name)
            cells += [value, year.intensities.get(name)]
            if name not in year.intensities:
                absent.append(name)
        if output:
            amount = year.result.output[0] if year.result.output else None
            cells += [amount, year.intensities.get("output")]
        note = tr("not given: {indicators}", indicators=", ".join(absent)) if absent else ""
        rows.append((*cells, note))
    notes = [tr("An intensity is the year's total emissions divided by the figure the inventory gives for that year.")]
    if not given:
        notes.append(
            tr(
                "For intensities per person and per million THB of GPP, give the inventories "
                "`indicators:` (population, gpp_million_thb)."
            )
        )
    built = table(tr("Intensities by year"), columns, rows, notes=notes, key="trend-intensities")
    return Section(tr("Intensities"), tables=(built,), key="intensities")


def _method_notes(slots: list[Slot], trend: Trend, rebased: InventoryResult | None) -> list[str]:
    """What a reader must know before comparing the years: other entities, years that start on
    other days, a base year computed differently that could not be recomputed."""
    results = [year.result for year in trend.years]
    notes = []
    names = sorted(entities(results))
    if len(names) > 1:
        notes.append(tr("the inventories name different entities: {names}", names=", ".join(names)))
    if len({(r.period.start.month, r.period.start.day) for r in results}) > 1:
        years = ", ".join(slot.name for slot in slots if slot.year is not None)
        notes.append(
            tr("the years do not start on the same day (fiscal and calendar years mixed?): {years}", years=years)
        )
    # (a year between them computed otherwise says so on its own row: the base is rebased for the newest)
    if rebased is None and trend.years[-1].differs_from_base:
        notes.append(
            tr(
                "The base year was computed with another GWP set or other factor versions than the newest "
                "year and could not be recomputed with the newest year's: compare the years with care."
            )
        )
    return notes


def _method(slots: list[Slot], trend: Trend, rebased: InventoryResult | None) -> Section:
    rows: list[Sequence[Cell]] = []
    for slot in slots:
        if slot.year is None:
            rows.append((slot.name, None, None, None, _missing_note(slot)))
            continue
        result = slot.year.result
        rows.append(
            (
                slot.name,
                result.source,
                result.gwp,
                ", ".join(s.ref for s in result.factor_sets),
                "; ".join(slot.year.differs_from_base),
            )
        )
    built = table(
        tr("How each year was computed"),
        (
            Column(tr("Year"), "year"),
            Column(tr("Inventory file")),
            Column(tr("GWP"), "code"),
            Column(tr("Factor sets"), "code"),
            Column(tr("Differs from the base year")),
        ),
        rows,
        key="trend-method",
    )
    tables = [built]
    if rebased is not None:
        tables.append(
            table(
                tr("The base year recomputed with the newest year's GWP and factor versions"),
                (
                    Column(tr("Inventory file")),
                    Column(tr("GWP"), "code"),
                    Column(tr("Factor sets"), "code"),
                    Column(tr("Total, tCO2e"), "tonnes"),
                ),
                [(rebased.source, rebased.gwp, ", ".join(s.ref for s in rebased.factor_sets), rebased.total_t_co2e)],
                key="trend-rebased",
            )
        )
    notes = _method_notes(slots, trend, rebased)
    return Section(tr("How the years were computed"), paragraphs=tuple(notes), tables=tuple(tables), key="method")
