"""Rich tables for people: totals per scope, the largest sources, then every line.

Text that comes from a file (names, labels, keys, units, sources, sheet and file names, titles of
one's own factor sets) reaches the terminal only as a rich `Text` made by `shown`: its control
characters, ANSI escapes, line breaks and bidirectional overrides are printed as escapes
(errors.printable), and rich never reads it as markup (`[bold]`, `[link=...]`). Markup is used
only in constant text written here.
"""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ghgcalc.errors import printable
from ghgcalc.models.result import InventoryResult

SCOPE_NAMES = {
    "1": "Scope 1 (ประเภท 1) direct",
    "2": "Scope 2 (ประเภท 2) energy indirect",
    "3": "Scope 3 (ประเภท 3) other indirect",
}
LARGEST = 5
# Past this many lines a table is no longer read by a person; the rest is in --format csv.
MAX_TABLE_LINES = 500


def shown(value: object, style: str = "") -> Text:
    """Text from a user's file as the terminal shows it: escaped, never markup."""
    return Text(printable(str(value)), style=style)


def tonnes(value: float) -> str:
    """tCO2e rounded for reading: two decimals from 1 t, three significant digits below."""
    if value == 0:
        return "0"
    if abs(value) >= 1:
        return f"{value:,.2f}"
    return f"{value:.3g}"


def share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def _community(console: Console, result: InventoryResult) -> None:
    community = result.community
    assert community is not None
    table = Table(box=box.SIMPLE_HEAVY, title="Community totals (GPC, IPCC 2006)", title_justify="left")
    table.add_column("Total")
    table.add_column("tCO2e", justify="right")
    table.add_row("GPC BASIC", tonnes(community.basic_t_co2e))
    table.add_row("GPC BASIC+", tonnes(community.basic_plus_t_co2e))
    table.add_row("Territorial (all scope 1)", tonnes(community.territorial_t_co2e))
    for sector, value in community.by_ipcc_sector_t_co2e.items():
        table.add_row(f"IPCC sector {sector}", tonnes(value))
    if community.outside_ipcc_t_co2e:
        table.add_row("Scope 2 and 3 (no IPCC territorial sector)", tonnes(community.outside_ipcc_t_co2e))
    console.print(table)
    for memo in community.included:
        console.print(
            Text.assemble(
                "Of which ",
                shown(memo.name),
                " (",
                shown(memo.source),
                f"), own operations: {tonnes(memo.total_t_co2e)} tCO2e (a memo, inside the totals above)",
            )
        )
    completeness = Table(box=box.SIMPLE, title="Completeness (GPC sub-categories)", title_justify="left")
    for name, justify in (
        ("GPC", "left"),
        ("Sub-sector", "left"),
        ("Scope", "right"),
        ("Level", "left"),
        ("tCO2e or key", "right"),
        ("Explanation", "left"),
    ):
        completeness.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in community.completeness:
        if row.level not in ("basic", "basic+") and row.t_co2e is None and not row.notation_key:
            continue  # territorial-only and optional rows appear when they are used
        cell = (
            Text(tonnes(row.t_co2e))
            if row.t_co2e is not None
            else (shown(row.notation_key) if row.notation_key else Text("missing", style="yellow"))
        )
        completeness.add_row(
            shown(row.ref),
            shown(row.subsector),
            str(row.scope),
            shown(row.level.upper()),
            cell,
            shown(row.explanation or ""),
        )
    console.print(completeness)


def _line_tonnes(in_total: float, separate: float) -> str:
    """tCO2e of a line, with what it reports outside the total (R-22, biogenic CO2) in brackets."""
    return f"{tonnes(in_total)} (+{tonnes(separate)} separately)" if separate else tonnes(in_total)


def amount(value: float) -> str:
    """An activity amount as written on a form: thousands separators, no exponent."""
    if value == int(value):
        return f"{value:,.0f}"
    if abs(value) < 0.01:
        return f"{value:.3g}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def results_table(results: list[InventoryResult], terminal: bool) -> str:
    """The tables as text; with colour and the terminal's width only when they go to a terminal."""
    import shutil

    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 40)).columns if terminal else 120
    console = Console(file=buffer, width=width, force_terminal=terminal, no_color=not terminal, highlight=False)
    for result in results:
        _one(console, result)
    return buffer.getvalue()


def _one(console: Console, result: InventoryResult) -> None:
    total = result.total_t_co2e
    sets = ", ".join(s.ref for s in result.factor_sets)
    console.print(Text.assemble(shown(result.name, "bold"), "  (", shown(result.source), ")"))
    console.print(shown(f"{result.kind}, {result.period.label}, GWP {result.gwp} (100-year), factors {sets}"))

    summary = Table(box=box.SIMPLE_HEAVY, title="Emissions by scope", title_justify="left")
    summary.add_column("Scope")
    summary.add_column("tCO2e", justify="right")
    summary.add_column("share", justify="right")
    for scope, value in result.by_scope_t_co2e.items():
        summary.add_row(SCOPE_NAMES.get(scope) or shown(scope), tonnes(value), share(value, total))
    summary.add_row("[bold]Total[/bold]", f"[bold]{tonnes(total)}[/bold]", "100.0 %" if total else "-")
    separate = result.separately_reported_t_co2e
    if separate["CO2_biogenic"]:
        summary.add_row("Biogenic CO2 (reported separately)", tonnes(separate["CO2_biogenic"]), "")
    if separate["non_kyoto"]:
        summary.add_row("Non-Kyoto gases, e.g. R-22 (reported separately)", tonnes(separate["non_kyoto"]), "")
    console.print(summary)
    if result.community is not None:
        _community(console, result)
    if result.analysis is not None or any(line.data_quality or line.evidence for line in result.lines):
        from ghgcalc.cli.render_analysis import print_analysis

        print_analysis(console, result)

    largest = sorted(result.lines, key=lambda line: line.t_co2e, reverse=True)[:LARGEST]
    top = Table(box=box.SIMPLE, title="Largest sources", title_justify="left")
    top.add_column("Source")
    top.add_column("tCO2e", justify="right")
    top.add_column("share", justify="right")
    for line in largest:
        top.add_row(shown(line.label or line.activity), tonnes(line.t_co2e), share(line.t_co2e, total))
    console.print(top)

    lines = Table(box=box.SIMPLE, title="Lines", title_justify="left")
    for name, justify in (
        ("#", "right"),
        ("Activity", "left"),
        ("Amount", "right"),
        ("Unit", "left"),
        ("Scope", "right"),
        ("tCO2e", "right"),
        ("Factor", "left"),
    ):
        lines.add_column(name, justify=justify)  # type: ignore[arg-type]
    for line in result.lines[:MAX_TABLE_LINES]:
        what = (
            shown(line.activity)
            if not line.label
            else Text.assemble(shown(line.label), " ", shown(f"({line.activity})", "dim"))
        )
        lines.add_row(
            str(line.index + 1),
            what,
            amount(line.amount),
            shown(line.unit),
            str(line.scope),
            _line_tonnes(line.t_co2e, sum(line.separately_reported_t_co2e.values())),
            shown(line.factor.ref),
        )
    console.print(lines)
    if len(result.lines) > MAX_TABLE_LINES:
        console.print(f"... and {len(result.lines) - MAX_TABLE_LINES:,} more lines: see them all with --format csv")
    if result.warnings:
        console.print(f"[yellow]{len(result.warnings)} warning(s), printed on standard error[/yellow]")
    console.print()


class _Stdout:
    """Standard output for rich: a closed pipe or a full disk is an OutputError (exit 2, one line)."""

    def write(self, text: str) -> int:
        from ghgcalc.cli.output import write_stdout

        write_stdout(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        import sys

        return sys.stdout is not None and sys.stdout.isatty()


def _console() -> Console:
    """Standard output: the terminal's width on a terminal, 120 columns into a pipe or file."""
    stream = _Stdout()
    return Console(file=stream, highlight=False, width=None if stream.isatty() else 120)  # type: ignore[arg-type]


def plain_table(rows: list[dict[str, Any]], columns: list[str], title: str) -> None:
    table = Table(box=box.SIMPLE, title=shown(title), title_justify="left")
    for column in columns:
        table.add_column(shown(column))
    for row in rows:
        table.add_row(*(Text("") if row.get(c) is None else shown(row.get(c)) for c in columns))
    _console().print(table)


def factor_cards(entries: list[dict[str, Any]]) -> None:
    console = _console()
    for entry in entries:
        table = Table(
            box=box.SIMPLE,
            show_header=False,
            title=shown(f"{entry['key']} ({entry['set']}@{entry['version']})"),
            title_justify="left",
        )
        table.add_column("field", style="bold")
        table.add_column("value")
        for field in (
            "name",
            "name_th",
            "per",
            "kg_per_unit",
            "published_kgco2e",
            "gwp_basis",
            "scope",
            "category",
            "valid_from",
            "valid_to",
            "ncv",
            "density",
            "source",
            "verified_via",
            "notes",
            "set_title",
            "set_edition",
            "set_url",
            "set_sha256",
        ):
            value = entry.get(field)
            if value in (None, "", {}):
                continue
            if isinstance(value, dict):
                value = ", ".join(f"{gas} {kg:g} kg" for gas, kg in value.items())
            table.add_row(field, shown(value))
        console.print(table)


def trend_table(rows: list[dict[str, Any]], rebased: Any) -> None:
    console = _console()
    table = Table(box=box.SIMPLE_HEAVY, title="Emissions by year", title_justify="left")
    for name, justify in (
        ("Period", "left"),
        ("tCO2e", "right"),
        ("vs base", "right"),
        ("vs previous", "right"),
        ("Intensity", "left"),
        ("Note", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        period = f"{row['period_start']} to {row['period_end']}" + (" (base)" if row["base_year"] else "")
        base = (
            "" if row["base_year"] or row["change_from_base_pct"] is None else f"{row['change_from_base_pct']:+.1f} %"
        )
        previous = "" if row["change_from_previous_pct"] is None else f"{row['change_from_previous_pct']:+.1f} %"
        from ghgcalc.core.trend import INTENSITIES

        intensity = ", ".join(
            f"{value:.4g} {INTENSITIES[name][1] if name in INTENSITIES else 'tCO2e/unit of output'}"
            for name, value in row["intensities"].items()
        )
        table.add_row(
            shown(period),
            tonnes(row["total_t_co2e"]),
            base,
            previous,
            shown(intensity),
            shown("; ".join([*row["differs_from_base"], *(f"no inventory for {m}" for m in row["missing_before"])])),
        )
    console.print(table)
    if rebased is not None:
        console.print(
            shown(
                f"Base year recomputed with {rebased.gwp} and {', '.join(s.ref for s in rebased.factor_sets)}: "
                f"{tonnes(rebased.total_t_co2e)} tCO2e"
            )
        )


def plan_tables(plan: dict[str, Any], terminal: bool) -> str:
    """BAU and plan by year, each measure's reduction, the targets and the MACC, as text."""
    import shutil

    from ghgcalc.reports.plan_markdown import whole as _whole

    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 40)).columns if terminal else 120
    console = Console(file=buffer, width=width, force_terminal=terminal, no_color=not terminal, highlight=False)
    base = plan["base"]
    console.print(
        Text.assemble(
            shown(plan["name"], "bold"),
            ": base ",
            shown(base["name"]),
            shown(
                f" ({base['year']}, {tonnes(base['total_t_co2e'])} tCO2e), horizon {plan['horizon']}, "
                f"{plan['gwp']}, {', '.join(plan['factor_sets'])}"
            ),
        )
    )
    measures = plan["measures"]
    years = Table(box=box.SIMPLE_HEAVY, title="BAU and plan by year (tCO2e)", title_justify="left")
    for name in ("Year", "BAU", "Plan", "Removals", "Net", "Reduction", "%"):
        years.add_column(name, justify="left" if name == "Year" else "right")
    for row in plan["years"]:
        pct = "-" if row["reduction_pct"] is None else f"{row['reduction_pct']:.1f}"
        years.add_row(
            str(row["year"]),
            _whole(row["bau_t_co2e"]),
            _whole(row["plan_t_co2e"]),
            _whole(row["removals_t_co2"]),
            _whole(row["net_t_co2e"]),
            _whole(row["reduction_t_co2e"]),
            pct,
        )
    console.print(years)
    wedges = Table(box=box.SIMPLE_HEAVY, title="Reduction by measure (tCO2e), in plan order", title_justify="left")
    wedges.add_column("Measure")
    later = [row for row in plan["years"] if row["year"] > base["year"]]
    for row in later:
        wedges.add_column(str(row["year"]), justify="right")
    for m in measures:
        wedges.add_row(shown(m["id"]), *(_whole(row["by_measure_t_co2e"][m["id"]]) for row in later))
    console.print(wedges)
    table = Table(box=box.SIMPLE_HEAVY, title=f"Measures (abatement in {plan['horizon']})", title_justify="left")
    for name, justify in (
        ("Measure", "left"),
        ("Size", "right"),
        ("Start", "right"),
        ("tCO2e/yr", "right"),
        ("Cumulative", "right"),
        ("Investment THB", "right"),
        ("Net THB/yr", "right"),
        ("THB/tCO2e", "right"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for m in measures:
        table.add_row(
            shown(m["id"]),
            shown(f"{m['size']:,.10g} {m['size_unit']}"),
            f"{m['start']} +{m['ramp_years']}y",
            _whole(m["horizon_abatement_t_co2e"]),
            _whole(m["cumulative_t_co2e"]),
            _whole(m["investment_thb"]),
            _whole(m["net_annual_cost_thb"]),
            _whole(m["cost_thb_per_t_co2e"]),
        )
    console.print(table)
    if plan["targets"]:
        targets = Table(box=box.SIMPLE_HEAVY, title="Targets (tCO2e)", title_justify="left")
        for name in ("Target", "Goal", "Plan net", "Gap", "Met"):
            targets.add_column(name, justify="left" if name in ("Target", "Met") else "right")
        for t in plan["targets"]:
            targets.add_row(
                shown(t["name"]),
                _whole(t["target_t_co2e"]),
                _whole(t["plan_net_t_co2e"]),
                _whole(t["gap_t_co2e"]),
                "yes" if t["met"] else Text("no", style="red"),
            )
        console.print(targets)
    if plan["macc"]:
        macc = Table(box=box.SIMPLE_HEAVY, title="Marginal abatement cost curve, cheapest first", title_justify="left")
        for name in ("Measure", "THB/tCO2e", "tCO2e/yr", "Cumulative tCO2e/yr"):
            macc.add_column(name, justify="left" if name == "Measure" else "right")
        for bar in plan["macc"]:
            macc.add_row(
                shown(bar["id"]),
                _whole(bar["cost_thb_per_t_co2e"]),
                _whole(bar["abatement_t_co2e"]),
                _whole(bar["to_t_co2e"]),
            )
        console.print(macc)
    if plan["not_in_macc"]:
        console.print(shown(f"Not in the MACC (no costs, or no abatement): {', '.join(plan['not_in_macc'])}"))
    return buffer.getvalue()


def _kg(value: float | None) -> str:
    """A factor rounded for reading (the JSON and CSV hold it exact); '-' where a side has none."""
    return "-" if value is None else f"{value:.6g}"


def diff_table(data: dict[str, Any]) -> None:
    """`ghgcalc factors diff --format table`: a changed row as one line per gas then its kgCO2e per
    unit with the change; an added or not-in-NEW row as its kgCO2e line; then what else changed.
    Every key, unit and gas from a set is escaped."""
    console = _console()
    table = Table(box=box.SIMPLE, title=shown(f"{data['old']} -> {data['new']}"), title_justify="left")
    for name in ("status", "key", "per", "kg per unit", "old", "new", "change", "%"):
        right = name in ("old", "new", "change", "%")
        table.add_column(name, justify="right" if right else "left", no_wrap=name != "key")
    also = []
    for row in data["rows"]:
        if row["changed_fields"]:
            changes = (f"{f} {row['old_' + f] or '-'} -> {row['new_' + f] or '-'}" for f in row["changed_fields"])
            also.append(f"{row['key']} per {row['per']}: " + "; ".join(changes))
        head = [shown(row["status"]), shown(row["key"]), shown(row["per"])]
        if row["status"] == "changed":
            for gas in row["gases"]:
                table.add_row(*head, shown(gas["gas"]), _kg(gas["old_kg"]), _kg(gas["new_kg"]), "", "")
                head = [Text(""), Text(""), Text("")]
        change = "" if row["change_kgco2e"] is None else f"{row['change_kgco2e']:+.6g}"
        pct = "" if row["change_pct"] is None else f"{row['change_pct']:+.2f} %"
        table.add_row(*head, "= kgCO2e", _kg(row["old_kgco2e"]), _kg(row["new_kgco2e"]), change, pct)
    console.print(table)
    for line in also:
        console.print(shown(line))
    counts = data["counts"]
    console.print(shown(", ".join(f"{n} {status}" for status, n in counts.items()) + " (unchanged rows not listed)"))
    console.print(shown(data["note"]))


def comparison_table(comparisons: list[Any], terminal: bool) -> str:
    """`compute --compare-factors`: totals by scope under both editions, then the lines whose factor
    changes (the same document as the JSON, reports/compare_output.py)."""
    import shutil

    from ghgcalc.reports.compare_output import notes, pct, summary_rows

    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 40)).columns if terminal else 120
    console = Console(file=buffer, width=width, force_terminal=terminal, no_color=not terminal, highlight=False)
    for comparison in comparisons:
        own, compared = comparison.own, comparison.compared
        console.print(Text.assemble(shown(own.name, "bold"), "  (", shown(own.source), ")"))
        own_sets = ", ".join(s.ref for s in own.factor_sets)
        other_sets = ", ".join(s.ref for s in compared.factor_sets)
        console.print(shown(f"{own.period.label}, GWP {own.gwp}: own factors {own_sets}; compared {other_sets}"))
        summary = Table(box=box.SIMPLE_HEAVY, title="Emissions by scope, two editions", title_justify="left")
        for name, justify in (("", "left"), ("own tCO2e", "right"), ("compared tCO2e", "right")):
            summary.add_column(name, justify=justify)  # type: ignore[arg-type]
        summary.add_column("change tCO2e", justify="right")
        summary.add_column("change", justify="right")
        for name, change in summary_rows(comparison):
            summary.add_row(name, tonnes(change.own), tonnes(change.compared), tonnes(change.t), pct(change.pct))
        console.print(summary)
        lines = Table(box=box.SIMPLE, title="Lines whose factor changes", title_justify="left")
        for name, justify in (("#", "right"), ("activity", "left"), ("own factor", "left"), ("compared", "left")):
            lines.add_column(name, justify=justify)  # type: ignore[arg-type]
        for name in ("own tCO2e", "compared tCO2e", "change"):
            lines.add_column(name, justify="right")
        for row in (line for line in comparison.lines if line.factor_changed):
            lines.add_row(
                str(row.own.index + 1),
                shown(row.own.label or row.own.activity),
                shown(row.own.factor.ref),
                shown(row.compared.factor.ref),
                tonnes(row.t_co2e.own),
                tonnes(row.t_co2e.compared),
                pct(row.t_co2e.pct),
            )
        console.print(lines)
        for note in notes(comparison):
            console.print(shown(f"note: {note}"))
        console.print()
    return buffer.getvalue()


def audit_tables(document: dict[str, Any], terminal: bool) -> str:
    """`ghgcalc audit` as rich tables: per year its verdict, its findings and what to ask."""
    import io
    import shutil

    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 40)).columns if terminal else 120
    console = Console(file=buffer, width=width, force_terminal=terminal, no_color=not terminal, highlight=False)
    for book in document["workbooks"]:
        for year in book["years"]:
            console.print(
                Text.assemble(shown(book["workbook"], "bold"), "  ", shown(f"[{year['sheet']}]"), f"  {year['year']}")
            )
            console.print(Text.assemble("Verdict: ", shown(year["verdict"])))
            if not year["findings"]:
                console.print()
                continue
            table = Table(box=box.SIMPLE, title="Findings", title_justify="left")
            for name in ("#", "Kind", "Where", "Finding"):
                table.add_column(name)
            for i, f in enumerate(year["findings"], start=1):
                table.add_row(str(i), f["kind"], shown(f["where"]), shown(f["message"]))
            console.print(table)
            console.print(Text("What to ask the municipality:", style="bold"))
            for i, ask in enumerate(year["ask"], start=1):
                console.print(Text.assemble(f"{i}. ", shown(ask)))
            console.print()
    for copy in document.get("copies", []):
        console.print(Text.assemble(shown(f"Copies of {copy['year']}", "bold"), "  ", shown(", ".join(copy["copies"]))))
        console.print(Text.assemble("Verdict: ", shown(copy["verdict"])))
        if copy["findings"]:
            table = Table(box=box.SIMPLE, title="Differences", title_justify="left")
            for name in ("#", "Where", "Finding"):
                table.add_column(name)
            for i, f in enumerate(copy["findings"], start=1):
                table.add_row(str(i), shown(f["where"]), shown(f["message"]))
            console.print(table)
            console.print(Text("What to ask the municipality:", style="bold"))
            for i, ask in enumerate(copy["ask"], start=1):
                console.print(Text.assemble(f"{i}. ", shown(ask)))
        console.print()
    return buffer.getvalue()
