"""A computed plan as a Document (reports/document.py), rendered by reports/render_*.py (the web
page of `ghgcalc plan -f html`): the plan and its base, BAU and plan by year, each measure's
reduction by year, the measures and their costs, the targets, the MACC, and where every number
comes from.

Pure: the typed plan document (models.plan_result.PlanResult) in, a Document out. Values stay exact
(the renderers format them); texts are in the run's language; years in the calendar the base
inventory was written in (B.E. for a base of 2566, or --calendar). Names from the plan file stay
plain text here: each renderer escapes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ghgcalc import __version__
from ghgcalc.i18n import language, tr
from ghgcalc.models.plan_result import BLOCKS, Measure, PlanResult, Year
from ghgcalc.reports.document import Cell, Chart, Column, Document, Fact, Row, Section, Series, Table, table
from ghgcalc.reports.plan_markdown import (
    base_period,
    driver_name,
    fields,
    matches,
    met_text,
    not_in_macc_reason,
    size_text,
    whole,
)

MISSING = "-"


def thb(value: float | None) -> float | None:
    """An amount of money the plan computed (a cost, a saving), to the satang as a budget reads it;
    the JSON keeps it exact. Prices and costs the plan gives are shown as given."""
    return None if value is None else round(value, 2)


def document(plan: PlanResult) -> Document:
    """The plan's report."""
    sections = [
        _summary(plan),
        _years(plan),
        _by_measure(plan),
        _measures(plan),
        _targets(plan),
        _macc(plan),
        _sources(plan),
    ]
    if plan.warnings:
        sections.append(
            Section(
                tr("Warnings: {count}", count=len(plan.warnings)),
                paragraphs=tuple(f"{w.severity.value}[{w.code}]: {w.message}" for w in plan.warnings),
                key="warnings",
            )
        )
    return Document(
        title=tr("GHG reduction plan: {name}", name=plan.name),
        language=language(),
        sections=tuple(sections),
        subtitle=tr(
            "{base} to {horizon}: BAU, measures, targets and costs",
            base=plan.year_text(plan.base.year),
            horizon=plan.year_text(plan.horizon),
        ),
        facts=_facts(plan),
        footer=tr("Made with ghgcalc {version}", version=__version__),
        source_notes=plan.factor_sets,
    )


def _facts(plan: PlanResult) -> tuple[Fact, ...]:
    base = plan.base
    rate = plan.discount_rate_pct
    return (
        Fact(tr("Plan file"), plan.source),
        Fact(tr("Base inventory"), f"{base.name} ({base.source})" if base.source else base.name),
        Fact(tr("Base period"), base_period(plan)),
        Fact(tr("Base year"), plan.year_text(base.year)),
        Fact(tr("Base total tCO2e"), whole(base.total_t_co2e)),
        Fact(tr("Horizon"), plan.year_text(plan.horizon)),
        Fact(tr("GWP set"), tr("{gwp} (IPCC, 100-year)", gwp=plan.gwp)),
        Fact(tr("Factor sets"), ", ".join(plan.factor_sets) or MISSING),
        Fact(tr("Discount rate %"), MISSING if rate is None else f"{rate:g}"),
    )


def _summary(plan: PlanResult) -> Section:
    """What the plan reaches in the horizon year, and how every number is made."""
    last = plan.years[-1]
    reached = tr(
        "In {year}, BAU is {bau} tCO2e; with the measures, net emissions are {net} tCO2e, {pct} below BAU.",
        year=plan.year_text(last.year),
        bau=whole(last.bau_t_co2e),
        net=whole(last.net_t_co2e),
        pct=MISSING if last.reduction_pct is None else f"{last.reduction_pct:.1f} %",
    )
    said = [reached]
    for target in plan.targets:
        if target.met:
            still = tr("margin {tonnes}", tonnes=whole(target.margin_t_co2e))
        else:
            still = tr("gap {tonnes}", tonnes=whole(target.gap_t_co2e))
        said.append(tr("{target}: {met} ({still} tCO2e).", target=target.name, met=met_text(target), still=still))
    return Section(tr("Summary"), paragraphs=(*said, plan.method), key="summary")


# --- by year -------------------------------------------------------------------------------------


def _years(plan: PlanResult) -> Section:
    per_person = any(y.net_t_co2e_per_person is not None for y in plan.years)
    columns = [
        Column(tr("Year"), "year"),
        Column("BAU", "tonnes"),
        Column(tr("Plan"), "tonnes"),
        Column(tr("Removals"), "tonnes"),
        Column(tr("Net"), "tonnes"),
        Column(tr("Reduction"), "tonnes"),
        Column(tr("Reduction %"), "percent"),
    ]
    if per_person:
        columns.append(Column(tr("Net tCO2e per person"), "number"))
    rows: list[list[Cell]] = []
    for y in plan.years:
        cells: list[Cell] = [
            plan.year_text(y.year),
            y.bau_t_co2e,
            y.plan_t_co2e,
            y.removals_t_co2,
            y.net_t_co2e,
            y.reduction_t_co2e,
            y.reduction_pct,
        ]
        if per_person:
            cells.append(y.net_t_co2e_per_person)
        rows.append(cells)
    title = tr("BAU and plan by year (tCO2e)")
    data = table(title, columns, rows, notes=(tr("Net = plan − removals; reduction = BAU − net."),), key="years")
    return Section(title, tables=(data,), charts=(_trajectory(plan),), key="years")


def _trajectory(plan: PlanResult) -> Chart:
    first, last = plan.years[0], plan.years[-1]
    alt = tr(
        "BAU goes from {first} tCO2e in {start} to {bau} tCO2e in {end}; with the measures, net emissions "
        "are {net} tCO2e in {end}.",
        first=whole(first.bau_t_co2e),
        start=plan.year_text(first.year),
        bau=whole(last.bau_t_co2e),
        net=whole(last.net_t_co2e),
        end=plan.year_text(last.year),
    )
    return Chart(
        title=tr("BAU vs plan net (tCO2e)"),
        kind="line",
        categories=tuple(plan.year_text(y.year) for y in plan.years),
        series=(
            Series("BAU", tuple(y.bau_t_co2e for y in plan.years)),
            Series(tr("Plan net (plan − removals)"), tuple(y.net_t_co2e for y in plan.years)),
        ),
        alt=alt,
        marked=(plan.year_text(plan.base.year),),
        key="trajectory",
    )


def _by_measure(plan: PlanResult) -> Section:
    years = plan.years
    columns = [Column(tr("Measure"))] + [Column(plan.year_text(y.year), "tonnes") for y in years]
    rows: list[Row | Sequence[Cell]] = [
        [_label(m), *(y.by_measure_t_co2e.get(m.id) for y in years)] for m in plan.measures
    ]
    rows.append(Row((tr("Total (BAU − net)"), *(y.reduction_t_co2e for y in years)), emphasis="total"))
    title = tr("Reduction by measure and year (tCO2e)")
    data = table(
        title,
        columns,
        rows,
        notes=(tr("Each measure's reduction plus what it removes, in the order the measures apply."),),
        key="by-measure",
    )
    charts = (_wedges(plan),) if plan.measures else ()
    return Section(title, tables=(data,), charts=charts, key="by-measure")


def _label(measure: Measure) -> str:
    """'id: name', or the id alone where the name is the id (plain text: the renderer escapes it)."""
    return measure.id if measure.name in (None, "", measure.id) else f"{measure.id}: {measure.name}"


def _wedges(plan: PlanResult) -> Chart:
    """Each measure's reduction by year, stacked, from the first year a measure acts."""
    acting = [y for y in plan.years if any(y.by_measure_t_co2e.values())] or list(plan.years)
    last = plan.years[-1]
    largest = max(plan.measures, key=lambda m: last.by_measure_t_co2e.get(m.id, 0.0))
    alt = tr(
        "In {year} the measures cut {total} tCO2e; the largest cut is {measure}, {tonnes} tCO2e.",
        year=plan.year_text(last.year),
        total=whole(last.reduction_t_co2e),
        measure=largest.name,
        tonnes=whole(last.by_measure_t_co2e.get(largest.id)),
    )
    return Chart(
        title=tr("Reduction by measure (tCO2e), in plan order"),
        kind="stacked-bar",
        categories=tuple(plan.year_text(y.year) for y in acting),
        series=tuple(Series(m.name, tuple(_value(y, m) for y in acting)) for m in plan.measures),
        alt=alt,
        key="wedges",
    )


def _value(year: Year, measure: Measure) -> float | None:
    return year.by_measure_t_co2e.get(measure.id)


# --- measures, targets, MACC ---------------------------------------------------------------------


def _measures(plan: PlanResult) -> Section:
    horizon = plan.year_text(plan.horizon)
    columns = [
        Column(tr("Id"), "code"),
        Column(tr("Name")),
        Column(tr("Size")),
        Column(tr("Start"), "year"),
        Column(tr("Ramp (years)"), "number"),
        Column(tr("Abatement tCO2e/yr"), "tonnes"),
        Column(tr("Cumulative tCO2e"), "tonnes"),
        Column(tr("Investment THB"), "number"),
        Column(tr("O&M THB/yr"), "number"),
        Column(tr("Savings THB/yr"), "number"),
        Column(tr("Net annual cost THB"), "number"),
        Column(tr("THB/tCO2e"), "number"),
    ]
    rows = [
        [
            m.id,
            m.name,
            size_text(m, str),
            plan.year_text(m.start),
            m.ramp_years,
            m.economics.abatement_t_co2e,
            m.cumulative_t_co2e,
            thb(m.economics.investment_thb),
            thb(m.economics.om_thb_per_year),
            thb(m.economics.savings_thb_per_year),
            thb(m.economics.net_annual_cost_thb),
            thb(m.economics.cost_thb_per_t_co2e),
        ]
        for m in plan.measures
    ]
    note = tr(
        "Net annual cost = annualised investment + O&M − savings; THB/tCO2e = net annual cost ÷ abatement "
        "in {year}. A negative cost saves money.",
        year=horizon,
    )
    title = tr("Measures (abatement in {year})", year=horizon)
    applies = table(
        tr("What each measure acts on"),
        [
            Column(tr("Id"), "code"),
            Column(tr("Catalogue entry"), "code"),
            Column(tr("Applies to")),
            Column(tr("Lines")),
        ],
        [
            [
                m.id,
                m.catalogue,
                matches(m.applies_to, str),
                "; ".join([*m.lines, *([tr("adds the line: {line}", line=m.adds)] if m.adds else [])]) or MISSING,
            ]
            for m in plan.measures
        ],
        key="applies-to",
    )
    return Section(title, tables=(table(title, columns, rows, notes=(note,), key="measures"), applies), key="measures")


def _targets(plan: PlanResult) -> Section:
    title = tr("Targets")
    if not plan.targets:
        return Section(title, paragraphs=(tr("No targets in the plan."),), key="targets")
    columns = [
        Column(tr("Target")),
        Column(tr("Year"), "year"),
        Column(tr("Target tCO2e"), "tonnes"),
        Column(tr("BAU tCO2e"), "tonnes"),
        Column(tr("Plan net tCO2e"), "tonnes"),
        Column(tr("Gap"), "tonnes"),
        Column(tr("Margin"), "tonnes"),
        Column(tr("Met")),
    ]
    rows: list[list[Cell]] = [
        [
            t.name,
            plan.year_text(t.year),
            t.target_t_co2e,
            t.bau_t_co2e,
            t.plan_net_t_co2e,
            t.gap_t_co2e,
            t.margin_t_co2e,
            met_text(t),
        ]
        for t in plan.targets
    ]
    return Section(title, tables=(table(title, columns, rows, key="targets"),), key="targets")


def _macc(plan: PlanResult) -> Section:
    horizon = plan.year_text(plan.horizon)
    title = tr("Marginal abatement cost curve ({year}, cheapest first)", year=horizon)
    left_out = []
    for measure_id in plan.not_in_macc:
        measure = plan.measure(measure_id)
        why = not_in_macc_reason(measure, horizon) if measure else tr("unknown measure")
        left_out.append(f"{_label(measure) if measure else measure_id} ({why})")
    paragraphs = [tr("Not in the curve:") + " " + "; ".join(left_out)] if left_out else []
    if not plan.macc:
        return Section(title, paragraphs=(tr("No measure has both costs and abatement."), *paragraphs), key="macc")
    columns = [
        Column("#", "number"),
        Column(tr("Id"), "code"),
        Column(tr("Name")),
        Column(tr("THB/tCO2e"), "number"),
        Column(tr("Abatement tCO2e/yr"), "tonnes"),
        Column(tr("Cumulative from"), "tonnes"),
        Column(tr("Cumulative to"), "tonnes"),
    ]
    rows: list[list[Cell]] = [
        [rank, bar.id, bar.name, thb(bar.cost_thb_per_t_co2e), bar.abatement_t_co2e, bar.from_t_co2e, bar.to_t_co2e]
        for rank, bar in enumerate(plan.macc, start=1)
    ]
    cheapest, dearest = plan.macc[0], plan.macc[-1]
    alt = tr(
        "{count} measures, cheapest first: {cheapest} at {low} THB per tCO2e to {dearest} at {high}; "
        "together they abate {total} tCO2e a year in {year}.",
        count=len(plan.macc),
        cheapest=cheapest.name,
        low=whole(cheapest.cost_thb_per_t_co2e),
        dearest=dearest.name,
        high=whole(dearest.cost_thb_per_t_co2e),
        total=whole(dearest.to_t_co2e),
        year=horizon,
    )
    chart = Chart(
        title=tr("THB per tCO2e, cheapest first"),
        kind="bar",
        categories=tuple(bar.name for bar in plan.macc),
        series=(Series(tr("THB per tCO2e"), tuple(thb(bar.cost_thb_per_t_co2e) for bar in plan.macc)),),
        alt=alt,
        y_title=tr("THB per tCO2e"),
        key="macc",
    )
    data = table(
        title,
        columns,
        rows,
        notes=(
            tr(
                "Cheapest first; each bar spans its abatement in {year}, from the cumulative 'from' to 'to'.",
                year=horizon,
            ),
        ),
        key="macc",
    )
    return Section(title, paragraphs=tuple(paragraphs), tables=(data,), charts=(chart,), key="macc")


# --- where the numbers come from -----------------------------------------------------------------


def _sources(plan: PlanResult) -> Section:
    tables: list[Table] = []
    paragraphs: list[str] = []
    if plan.drivers:
        tables.append(
            table(
                tr("Growth drivers"),
                [Column(tr("Driver"), "code"), Column(tr("Rate %/yr"), "number"), Column(tr("Source"))],
                [[name, d.rate_pct, d.source or MISSING] for name, d in plan.drivers.items()],
                key="drivers",
            )
        )
    else:
        paragraphs.append(tr("No drivers: lines without a rate of their own stay at their base quantity."))
    if plan.prices:
        tables.append(
            table(
                tr("Prices"),
                [
                    Column(tr("Activity"), "code"),
                    Column(tr("THB per unit"), "number"),
                    Column(tr("Unit")),
                    Column(tr("Source")),
                ],
                [[name, p.thb_per_unit, p.unit, p.source or MISSING] for name, p in plan.prices.items()],
                key="prices",
            )
        )
    parts: list[list[Cell]] = []
    for m in plan.measures:
        parts.append([m.id, "size", size_text(m, str), m.size_source or MISSING])
        for name in BLOCKS:
            block = m.block(name)
            if block:
                parts.append([m.id, name, fields(block, str), block.get("source") or MISSING])
    tables.append(
        table(
            tr("Measures"),
            [Column(tr("Measure"), "code"), Column(tr("Part"), "code"), Column(tr("Values")), Column(tr("Source"))],
            parts,
            key="measure-sources",
        )
    )
    growth: list[list[Cell]] = [
        [
            g.line,
            g.name,
            g.activity,
            g.gpc,
            g.scope,
            g.base_quantity,
            g.unit,
            g.base_t_co2e,
            driver_name(g),
            g.rate_pct,
            g.source or MISSING,
        ]
        for g in plan.growth
    ]
    tables.append(
        table(
            tr("Growth by line (BAU)"),
            [
                Column("#", "number"),
                Column(tr("Line")),
                Column(tr("Activity"), "code"),
                Column("GPC", "code"),
                Column(tr("Scope"), "number"),
                Column(tr("Base quantity"), "number"),
                Column(tr("Unit")),
                Column(tr("Base year tCO2e"), "tonnes"),
                Column(tr("Driver")),
                Column(tr("Rate %/yr"), "number"),
                Column(tr("Source")),
            ],
            growth,
            notes=(tr("Each line's quantity grows by its driver's rate, compounded each year from the base year."),),
            key="growth",
        )
    )
    return Section(tr("Where the numbers come from"), paragraphs=tuple(paragraphs), tables=tuple(tables), key="sources")
