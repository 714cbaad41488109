"""A Markdown report of a computed plan (`ghgcalc plan -f md`), for a report or a wiki.

Pure: the typed plan document (models.plan_result.PlanResult) in, text out. Tonnes and THB are rounded to whole
numbers and percentages to one decimal, for reading; the JSON and the workbook keep the exact values.
A cost below zero (a measure that saves more than it costs) stays negative. Words are in the
language of the run; years in the calendar the base inventory was written in (or --calendar).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ghgcalc.i18n import tr
from ghgcalc.models.plan_result import BLOCKS, Growth, Measure, PlanResult, Target
from ghgcalc.reports.markdown import bold, exact, row, text
from ghgcalc.thai import show_date

MISSING = "-"


def whole(value: float | None) -> str:
    """Tonnes or THB rounded to a whole number with thousands separators; '-' where there is none."""
    return MISSING if value is None else f"{round(value):,}"


def pct(value: float | None) -> str:
    return MISSING if value is None else f"{value:.1f} %"


def year(plan: PlanResult, value: int) -> str:
    """A (C.E.) year of the plan as its reader expects it: 2573 for a B.E. inventory, else 2030."""
    return plan.year_text(value)


def base_period(plan: PlanResult) -> str:
    """The base inventory's first and last day: '1 ม.ค. 2566 to 31 ธ.ค. 2566', '2023-01-01 to 2023-12-31'."""
    period = plan.base.period
    start, end = (show_date(day, plan.buddhist) for day in (period.start, period.end))
    return tr("{start} to {end}", start=start, end=end)


def number(value: Any, escape: Callable[[object], str] = text) -> str:
    """A parameter as given (a size, a rate, an amount): exact, with separators."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return escape(value)
    return exact(value)


def fields(block: Mapping[str, Any], escape: Callable[[object], str] = text) -> str:
    """A measure's block without its source, as 'name value' pairs: 'amount 1,300, unit kWh'.
    The names are the plan's YAML keys, as written. `escape=str` gives plain text (for a cell)."""
    parts = []
    for key, value in block.items():
        if key == "source" or value is None or value == {}:
            continue
        if isinstance(value, dict):
            inner = ", ".join(f"{escape(k)} {number(v, escape)}" for k, v in value.items())
            parts.append(f"{escape(key)} ({inner})")
        else:
            parts.append(f"{escape(key)} {number(value, escape)}")
    return ", ".join(parts) or MISSING


def matches(applies_to: Sequence[Mapping[str, Any]], escape: Callable[[object], str] = text) -> str:
    """Which lines a measure applies to, as written in the plan: 'gpc I.1.2; activity landfill-fod'."""
    said = "; ".join(", ".join(f"{escape(k)} {escape(v)}" for k, v in match.items()) for match in applies_to)
    return said or MISSING


def driver_name(growth: Growth) -> str:
    """A line's growth driver; a line without one grows at a rate of its own, or stays constant."""
    if growth.driver:
        return str(growth.driver)
    return tr("own rate") if growth.rate_pct else tr("none (constant)")


def label(measure: Measure) -> str:
    """'id: name', or the id alone where the name is the id."""
    same = measure.name in (None, measure.id)
    return text(measure.id) if same else f"{text(measure.id)}: {text(measure.name)}"


def not_in_macc_reason(measure: Measure, horizon: str) -> str:
    """Why a measure has no bar in the MACC: no costs, or nothing abated in the horizon year
    (`horizon` as shown: plan_markdown.year)."""
    if measure.economics.net_annual_cost_thb is None:
        return tr("no costs given")
    return tr("no abatement in {year}", year=horizon)


def met_text(target: Target) -> str:
    return tr("met") if target.met else tr("not met")


def size_text(measure: Measure, escape: Callable[[object], str] = text) -> str:
    """'18,000 luminaire': the size as given and its unit."""
    return f"{number(measure.size, escape)} {escape(measure.size_unit or '')}".strip()


def to_markdown(plan: PlanResult) -> str:
    out: list[str] = []
    out += _head(plan)
    out += _years(plan)
    out += _by_measure(plan)
    out += _measures(plan)
    out += _targets(plan)
    out += _macc(plan)
    out += _sources(plan)
    if plan.warnings:
        out += ["## " + tr("Warnings: {count}", count=len(plan.warnings)), ""]
        for issue in plan.warnings:
            said = f"{issue.severity.value}[{issue.code}]: {issue.message}"
            out.append(f"- {text(said)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _head(plan: PlanResult) -> list[str]:
    base = plan.base
    sets = ", ".join(plan.factor_sets) or MISSING
    rate = plan.discount_rate_pct
    rate_shown = MISSING if rate is None else f"{number(rate)} %"
    return [
        f"# {text(plan.name)}",
        "",
        "- " + tr("Plan file: {source}", source=text(plan.source)),
        "- "
        + tr(
            "Base inventory: {name} ({source}), {period}, {total} tCO2e",
            name=text(base.name),
            source=text(base.source),
            period=base_period(plan),
            total=whole(base.total_t_co2e),
        ),
        "- "
        + tr(
            "Base year: {base}; horizon: {horizon}",
            base=year(plan, base.year),
            horizon=year(plan, plan.horizon),
        ),
        "- " + tr("GWP: {gwp} (100-year)", gwp=text(plan.gwp)),
        "- " + tr("Factor sets: {sets}", sets=text(sets)),
        "- " + tr("Discount rate: {rate}", rate=rate_shown),
        "",
        text(plan.method),
        "",
    ]


def _years(plan: PlanResult) -> list[str]:
    per_person = any(item.net_t_co2e_per_person is not None for item in plan.years)
    titles = [tr("Year"), "BAU", tr("Plan"), tr("Removals"), tr("Net"), tr("Reduction"), tr("Reduction %")]
    if per_person:
        titles.append(tr("Net tCO2e per person"))
    out = [
        "## " + tr("BAU and plan by year (tCO2e)"),
        "",
        row(titles),
        "|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if per_person else ""),
    ]
    for item in plan.years:
        cells = [
            year(plan, item.year),
            whole(item.bau_t_co2e),
            whole(item.plan_t_co2e),
            whole(item.removals_t_co2),
            whole(item.net_t_co2e),
            whole(item.reduction_t_co2e),
            pct(item.reduction_pct),
        ]
        if per_person:
            value = item.net_t_co2e_per_person
            cells.append(MISSING if value is None else f"{value:.2f}")
        out.append(row(cells))
    out += ["", tr("Net = plan − removals; reduction = BAU − net."), ""]
    return out


def _by_measure(plan: PlanResult) -> list[str]:
    years = plan.years
    out = [
        "## " + tr("Reduction by measure and year (tCO2e)"),
        "",
        tr("Each measure's reduction plus what it removes, in the order the measures apply."),
        "",
        row([tr("Measure"), *(year(plan, item.year) for item in years)]),
        "|---|" + "---:|" * len(years),
    ]
    for measure in plan.measures:
        values = [whole(item.by_measure_t_co2e.get(measure.id)) for item in years]
        out.append(row([label(measure), *values]))
    totals = [f"**{whole(item.bau_t_co2e - item.net_t_co2e)}**" for item in years]
    out += [row([bold(tr("Total (BAU − net)")), *totals]), ""]
    return out


def _measures(plan: PlanResult) -> list[str]:
    horizon = year(plan, plan.horizon)
    titles = [
        tr("Id"),
        tr("Name"),
        tr("Size"),
        tr("Start"),
        tr("Ramp (years)"),
        tr("Abatement tCO2e/yr"),
        tr("Cumulative tCO2e"),
        tr("Investment THB"),
        tr("O&M THB/yr"),
        tr("Savings THB/yr"),
        tr("Net annual cost THB"),
        tr("THB/tCO2e"),
    ]
    out = [
        "## " + tr("Measures (abatement in {year})", year=horizon),
        "",
        row(titles),
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in plan.measures:
        size = size_text(m)
        cells = [
            text(m.id),
            text(m.name),
            size,
            year(plan, m.start),
            str(m.ramp_years),
            whole(m.economics.abatement_t_co2e),
            whole(m.cumulative_t_co2e),
            whole(m.economics.investment_thb),
            whole(m.economics.om_thb_per_year),
            whole(m.economics.savings_thb_per_year),
            whole(m.economics.net_annual_cost_thb),
            whole(m.economics.cost_thb_per_t_co2e),
        ]
        out.append(row(cells))
    out += [
        "",
        tr(
            "Net annual cost = annualised investment + O&M − savings; THB/tCO2e = net annual cost ÷ abatement "
            "in {year}. A negative cost saves money.",
            year=horizon,
        ),
        "",
    ]
    return out


def _targets(plan: PlanResult) -> list[str]:
    out = ["## " + tr("Targets"), ""]
    if not plan.targets:
        return [*out, tr("No targets in the plan."), ""]
    titles = [
        tr("Target"),
        tr("Year"),
        tr("Target tCO2e"),
        tr("BAU tCO2e"),
        tr("Plan net tCO2e"),
        tr("Gap or margin tCO2e"),
        tr("Met"),
    ]
    out += [row(titles), "|---|---:|---:|---:|---:|---:|---|"]
    for t in plan.targets:
        if t.met:
            still = tr("margin {tonnes}", tonnes=whole(t.margin_t_co2e))
        else:
            still = tr("gap {tonnes}", tonnes=whole(t.gap_t_co2e))
        cells = [
            text(t.name),
            year(plan, t.year),
            whole(t.target_t_co2e),
            whole(t.bau_t_co2e),
            whole(t.plan_net_t_co2e),
            still,
            met_text(t),
        ]
        out.append(row(cells))
    return [*out, ""]


def _macc(plan: PlanResult) -> list[str]:
    horizon = year(plan, plan.horizon)
    out = ["## " + tr("Marginal abatement cost curve ({year}, cheapest first)", year=horizon), ""]
    if plan.macc:
        titles = [
            "#",
            tr("Id"),
            tr("Name"),
            tr("THB/tCO2e"),
            tr("Abatement tCO2e/yr"),
            tr("Cumulative from"),
            tr("Cumulative to"),
        ]
        out += [row(titles), "|---:|---|---|---:|---:|---:|---:|"]
        for rank, bar in enumerate(plan.macc, start=1):
            cells = [
                str(rank),
                text(bar.id),
                text(bar.name),
                whole(bar.cost_thb_per_t_co2e),
                whole(bar.abatement_t_co2e),
                whole(bar.from_t_co2e),
                whole(bar.to_t_co2e),
            ]
            out.append(row(cells))
        out.append("")
    else:
        out += [tr("No measure has both costs and abatement."), ""]
    if plan.not_in_macc:
        out += [tr("Not in the curve:"), ""]
        for measure_id in plan.not_in_macc:
            measure = plan.measure(measure_id)
            why = not_in_macc_reason(measure, horizon) if measure else tr("unknown measure")
            out.append(f"- {label(measure) if measure else text(measure_id)} ({why})")
        out.append("")
    return out


def _sources(plan: PlanResult) -> list[str]:
    out = ["## " + tr("Where the numbers come from"), "", "### " + tr("Growth drivers"), ""]
    if plan.drivers:
        out += [row([tr("Driver"), tr("Rate %/yr"), tr("Source")]), "|---|---:|---|"]
        for name, driver in plan.drivers.items():
            out.append(row([text(name), number(driver.rate_pct), text(driver.source or MISSING)]))
    else:
        out.append(tr("No drivers: lines without a rate of their own stay at their base quantity."))
    out.append("")
    if plan.prices:
        out += [
            "### " + tr("Prices"),
            "",
            row([tr("Activity"), tr("THB per unit"), tr("Unit"), tr("Source")]),
            "|---|---:|---|---|",
        ]
        for name, price in plan.prices.items():
            cells = [
                text(name),
                number(price.thb_per_unit),
                text(price.unit),
                text(price.source or MISSING),
            ]
            out.append(row(cells))
        out.append("")
    out += ["### " + tr("Measures"), ""]
    for m in plan.measures:
        amount = size_text(m)
        size = tr("size {size}", size=amount)
        if m.size_source:
            size = tr("{size} (source: {source})", size=size, source=text(m.size_source))
        if m.catalogue:
            said = tr(
                "**{id}** ({name}), from the catalogue entry {entry}: {size}",
                id=text(m.id),
                name=text(m.name),
                entry=text(m.catalogue),
                size=size,
            )
        else:
            said = tr("**{id}** ({name}): {size}", id=text(m.id), name=text(m.name), size=size)
        out.append(f"- {said}")
        out.append("  - " + tr("applies to: {lines}", lines=matches(m.applies_to)))
        if m.lines:
            out.append("  - " + tr("lines: {lines}", lines="; ".join(text(line) for line in m.lines)))
        if m.adds:
            out.append("  - " + tr("adds the line: {line}", line=text(m.adds)))
        for name in BLOCKS:
            block = m.block(name)
            if block:
                said = tr(
                    "{block}: {values}; source: {source}",
                    block=name,
                    values=fields(block),
                    source=text(block.get("source") or MISSING),
                )
                out.append(f"  - {said}")
    out += ["", "### " + tr("Growth by line (BAU)"), ""]
    titles = ["#", tr("Line"), tr("Activity"), tr("Driver"), tr("Rate %/yr"), tr("Source")]
    out += [row(titles), "|---:|---|---|---|---:|---|"]
    for g in plan.growth:
        rate = MISSING if g.rate_pct is None else number(g.rate_pct)
        cells = [
            str(g.line),
            text(g.name),
            text(g.activity),
            text(driver_name(g)),
            rate,
            text(g.source or MISSING),
        ]
        out.append(row(cells))
    return [*out, ""]
