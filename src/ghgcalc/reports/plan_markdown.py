"""A Markdown report of a computed plan (`ghgcalc plan -f md`), for a report or a wiki.

Pure: the plan document of `plan_output.plan_dict` in, text out. Tonnes and THB are rounded to whole
numbers and percentages to one decimal, for reading; the JSON and the workbook keep the exact values.
A cost below zero (a measure that saves more than it costs) stays negative.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ghgcalc.reports.markdown import exact, text

BLOCKS = ("reduce", "add", "capture", "removal", "costs")
MISSING = "-"


def whole(value: float | None) -> str:
    """Tonnes or THB rounded to a whole number with thousands separators; '-' where there is none."""
    return MISSING if value is None else f"{round(value):,}"


def pct(value: float | None) -> str:
    return MISSING if value is None else f"{value:.1f} %"


def number(value: Any, escape: Callable[[object], str] = text) -> str:
    """A parameter as given (a size, a rate, an amount): exact, with separators."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return escape(value)
    return exact(value)


def fields(block: dict[str, Any], escape: Callable[[object], str] = text) -> str:
    """A measure's block without its source, as 'name value' pairs: 'amount 1,300, unit kWh'.
    `escape=str` gives plain text (for a spreadsheet cell)."""
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


def matches(applies_to: list[dict[str, Any]], escape: Callable[[object], str] = text) -> str:
    """Which lines a measure applies to, as written in the plan: 'gpc I.1.2; activity landfill-fod'."""
    said = "; ".join(", ".join(f"{escape(k)} {escape(v)}" for k, v in match.items()) for match in applies_to)
    return said or MISSING


def driver_name(growth: dict[str, Any]) -> str:
    """A line's growth driver; a line without one grows at a rate of its own, or stays constant."""
    return str(growth["driver"] or ("own rate" if growth["rate_pct"] else "none (constant)"))


def label(measure: dict[str, Any]) -> str:
    """'id: name', or the id alone where the name is the id."""
    same = measure["name"] in (None, measure["id"])
    return text(measure["id"]) if same else f"{text(measure['id'])}: {text(measure['name'])}"


def not_in_macc_reason(measure: dict[str, Any], horizon: int) -> str:
    """Why a measure has no bar in the MACC: no costs, or nothing abated in the horizon year."""
    if measure.get("net_annual_cost_thb") is None:
        return "no costs given"
    return f"no abatement in {horizon}"


def to_markdown(plan: dict[str, Any]) -> str:
    out: list[str] = []
    out += _head(plan)
    out += _years(plan)
    out += _by_measure(plan)
    out += _measures(plan)
    out += _targets(plan)
    out += _macc(plan)
    out += _sources(plan)
    if plan.get("warnings"):
        out += [f"## Warnings (คำเตือน): {len(plan['warnings'])}", ""]
        for issue in plan["warnings"]:
            said = f"{issue.get('severity')}[{issue.get('code')}]: {issue.get('message')}"
            out.append(f"- {text(said)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _head(plan: dict[str, Any]) -> list[str]:
    base = plan["base"]
    period = base["period"]
    sets = ", ".join(plan["factor_sets"]) or MISSING
    rate = plan.get("discount_rate_pct")
    return [
        f"# {text(plan['name'])}",
        "",
        f"- Plan file (ไฟล์แผน): {text(plan['source'])}",
        f"- Base inventory (บัญชีปีฐาน): {text(base['name'])} ({text(base['source'])}), "
        f"{period['start']} to {period['end']}, {whole(base['total_t_co2e'])} tCO2e",
        f"- Base year (ปีฐาน): {base['year']}; horizon (ปีเป้าหมาย): {plan['horizon']}",
        f"- GWP: {text(plan['gwp'])} (100-year)",
        f"- Factor sets (ชุดค่าการปล่อย): {text(sets)}",
        f"- Discount rate (อัตราคิดลด): {MISSING if rate is None else number(rate) + ' %'}",
        "",
        text(plan["method"]),
        "",
    ]


def _years(plan: dict[str, Any]) -> list[str]:
    per_person = any(row.get("net_t_co2e_per_person") is not None for row in plan["years"])
    extra = " Net tCO2e per person |" if per_person else ""
    out = [
        "## BAU and plan by year (tCO2e)",
        "",
        f"| Year | BAU | Plan | Removals | Net | Reduction | Reduction % |{extra}",
        "|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if per_person else ""),
    ]
    for row in plan["years"]:
        cells = [
            str(row["year"]),
            whole(row["bau_t_co2e"]),
            whole(row["plan_t_co2e"]),
            whole(row["removals_t_co2"]),
            whole(row["net_t_co2e"]),
            whole(row["reduction_t_co2e"]),
            pct(row["reduction_pct"]),
        ]
        if per_person:
            value = row.get("net_t_co2e_per_person")
            cells.append(MISSING if value is None else f"{value:.2f}")
        out.append("| " + " | ".join(cells) + " |")
    out += ["", "Net = plan − removals; reduction = BAU − net.", ""]
    return out


def _by_measure(plan: dict[str, Any]) -> list[str]:
    years = plan["years"]
    out = [
        "## Reduction by measure and year (tCO2e)",
        "",
        "Each measure's reduction plus what it removes, in the order the measures apply.",
        "",
        "| Measure | " + " | ".join(str(row["year"]) for row in years) + " |",
        "|---|" + "---:|" * len(years),
    ]
    for measure in plan["measures"]:
        values = [whole(row["by_measure_t_co2e"].get(measure["id"])) for row in years]
        out.append(f"| {label(measure)} | " + " | ".join(values) + " |")
    totals = [f"**{whole(row['bau_t_co2e'] - row['net_t_co2e'])}**" for row in years]
    out += ["| **Total (BAU − net)** | " + " | ".join(totals) + " |", ""]
    return out


def _measures(plan: dict[str, Any]) -> list[str]:
    out = [
        f"## Measures (abatement in {plan['horizon']})",
        "",
        "| Id | Name | Size | Start | Ramp (years) | Abatement tCO2e/yr | Cumulative tCO2e | Investment THB "
        "| O&M THB/yr | Savings THB/yr | Net annual cost THB | THB/tCO2e |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in plan["measures"]:
        size = f"{number(m['size'])} {text(m['size_unit'] or '')}".strip()
        cells = [
            text(m["id"]),
            text(m["name"]),
            size,
            str(m["start"]),
            str(m["ramp_years"]),
            whole(m["horizon_abatement_t_co2e"]),
            whole(m["cumulative_t_co2e"]),
            whole(m["investment_thb"]),
            whole(m["om_thb_per_year"]),
            whole(m["savings_thb_per_year"]),
            whole(m["net_annual_cost_thb"]),
            whole(m["cost_thb_per_t_co2e"]),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        "Net annual cost = annualised investment + O&M − savings; THB/tCO2e = net annual cost ÷ abatement "
        f"in {plan['horizon']}. A negative cost saves money.",
        "",
    ]
    return out


def _targets(plan: dict[str, Any]) -> list[str]:
    out = ["## Targets (เป้าหมาย)", ""]
    if not plan["targets"]:
        return [*out, "No targets in the plan.", ""]
    out += [
        "| Target | Year | Target tCO2e | BAU tCO2e | Plan net tCO2e | Gap or margin tCO2e | Met |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for t in plan["targets"]:
        still = f"gap {whole(t['gap_t_co2e'])}" if not t["met"] else f"margin {whole(t['margin_t_co2e'])}"
        cells = [
            text(t["name"]),
            str(t["year"]),
            whole(t["target_t_co2e"]),
            whole(t["bau_t_co2e"]),
            whole(t["plan_net_t_co2e"]),
            still,
            "met" if t["met"] else "not met",
        ]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def _macc(plan: dict[str, Any]) -> list[str]:
    out = [f"## Marginal abatement cost curve ({plan['horizon']}, cheapest first)", ""]
    if plan["macc"]:
        out += [
            "| # | Id | Name | THB/tCO2e | Abatement tCO2e/yr | Cumulative from | Cumulative to |",
            "|---:|---|---|---:|---:|---:|---:|",
        ]
        for rank, bar in enumerate(plan["macc"], start=1):
            cells = [
                str(rank),
                text(bar["id"]),
                text(bar["name"]),
                whole(bar["cost_thb_per_t_co2e"]),
                whole(bar["abatement_t_co2e"]),
                whole(bar["from_t_co2e"]),
                whole(bar["to_t_co2e"]),
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    else:
        out += ["No measure has both costs and abatement.", ""]
    by_id = {m["id"]: m for m in plan["measures"]}
    if plan["not_in_macc"]:
        out += ["Not in the curve:", ""]
        for measure_id in plan["not_in_macc"]:
            measure = by_id.get(measure_id, {})
            why = not_in_macc_reason(measure, plan["horizon"]) if measure else "unknown measure"
            out.append(f"- {label(measure) if measure else text(measure_id)} ({why})")
        out.append("")
    return out


def _sources(plan: dict[str, Any]) -> list[str]:
    out = ["## Where the numbers come from (ที่มาของตัวเลข)", "", "### Growth drivers", ""]
    if plan["drivers"]:
        out += ["| Driver | Rate %/yr | Source |", "|---|---:|---|"]
        for name, driver in plan["drivers"].items():
            out.append(f"| {text(name)} | {number(driver['rate_pct'])} | {text(driver.get('source') or MISSING)} |")
    else:
        out.append("No drivers: lines without a rate of their own stay at their base quantity.")
    out.append("")
    if plan.get("prices"):
        out += ["### Prices", "", "| Activity | THB per unit | Unit | Source |", "|---|---:|---|---|"]
        for name, price in plan["prices"].items():
            out.append(
                f"| {text(name)} | {number(price['thb_per_unit'])} | {text(price['unit'])} "
                f"| {text(price.get('source') or MISSING)} |"
            )
        out.append("")
    out += ["### Measures", ""]
    for m in plan["measures"]:
        size = f"size {number(m['size'])} {text(m['size_unit'] or '')}".strip()
        if m.get("size_source"):
            size += f" (source: {text(m['size_source'])})"
        from_catalogue = f", from the catalogue entry {text(m['catalogue'])}" if m.get("catalogue") else ""
        out.append(f"- **{text(m['id'])}** ({text(m['name'])}){from_catalogue}: {size}")
        out.append(f"  - applies to: {matches(m['applies_to'])}")
        if m["lines"]:
            out.append(f"  - lines: {'; '.join(text(line) for line in m['lines'])}")
        if m.get("adds"):
            out.append(f"  - adds the line: {text(m['adds'])}")
        for name in BLOCKS:
            block = m.get(name)
            if block:
                out.append(f"  - {name}: {fields(block)}; source: {text(block.get('source') or MISSING)}")
    out += ["", "### Growth by line (BAU)", ""]
    out += ["| # | Line | Activity | Driver | Rate %/yr | Source |", "|---:|---|---|---|---:|---|"]
    for g in plan["growth"]:
        rate = MISSING if g["rate_pct"] is None else number(g["rate_pct"])
        out.append(
            f"| {g['line']} | {text(g['name'])} | {text(g['activity'])} | {text(driver_name(g))} "
            f"| {rate} | {text(g.get('source') or MISSING)} |"
        )
    return [*out, ""]
