"""Rich tables for people: totals per scope, the largest sources, then every line.

Text that comes from a file (names, labels, keys, units, sources, sheet and file names, titles of
one's own factor sets) reaches the terminal only as a rich `Text` made by `shown`: its control
characters, ANSI escapes, line breaks and bidirectional overrides are printed as escapes
(errors.printable), and rich never reads it as markup (`[bold]`, `[link=...]`). Markup is used
only in constant text written here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ghgcalc import thai
from ghgcalc.core.edition_gwp import EDITION_GWP, result_weights
from ghgcalc.errors import printable
from ghgcalc.i18n import N_, tr
from ghgcalc.models.period import Period
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.markdown import percent
from ghgcalc.reports.render_markdown import NOISE, below, fixed

SCOPE_NAMES = {
    "1": N_("Scope 1 (ประเภท 1) direct"),
    "2": N_("Scope 2 (ประเภท 2) energy indirect"),
    "3": N_("Scope 3 (ประเภท 3) other indirect"),
}
KINDS = {"organization": N_("organization"), "community": N_("community")}
LARGEST = 5
# Past this many lines a table is no longer read by a person; the rest is in --format csv.
MAX_TABLE_LINES = 500


def shown(value: object, style: str = "") -> Text:
    """Text from a user's file as the terminal shows it: escaped, never markup."""
    return Text(printable(str(value)), style=style)


# Column titles that are symbols or units, the same in every language (and as narrow).
SYMBOLS = frozenset({"", "#", "%", "±", "tCO2e", "GPC", "BAU"})


def columns(table: Table, names: tuple[tuple[str, str], ...], **options: Any) -> None:
    """Add the columns (title, justify) to `table`, each title in the language of the run. A text
    too long for a narrow terminal folds onto the next line, never cut short with an ellipsis: a
    factor edition `tgo-cfo@20…` could be either of TGO's editions."""
    options.setdefault("overflow", "fold")
    for name, justify in names:
        table.add_column(name if name in SYMBOLS else tr(name), justify=justify, **options)  # type: ignore[arg-type]


def titled(title: str, style: Any = box.SIMPLE) -> Table:
    """A table with a title (never read as markup: it may hold a name from a file)."""
    title_text = Text(printable(title), style="table.title")
    # at least as wide as its title, which would else wrap mid-word above a narrow (or empty) table
    return Table(box=style, title=title_text, title_justify="left", min_width=title_text.cell_len)


def tonnes(value: float) -> str:
    """tCO2e rounded for reading: two decimals from 1 t, rounded as the other reports round what they
    show (render_markdown.fixed: 2.675 t reads 2.68 t here as on the web page and in the workbook),
    three significant digits below."""
    if value == 0:
        return "0"
    if abs(value) >= 1:
        return fixed(value, 2)
    return small(value)


def small(value: float) -> str:
    """A number below 1 to three significant digits, never in exponent form (an officer does not read
    5e-13); one too small for 6 decimals reads "< 0.000001", as the other reports show it, and float
    noise (below render_markdown.NOISE) reads 0."""
    if abs(value) < NOISE:
        return "0"
    if abs(value) < 5e-7:
        return below(value, 6)
    return format(Decimal(f"{value:.3g}"), "f")


def share(part: float, whole: float) -> str:
    return percent(part, whole)


def period_text(period: Period) -> str:
    """The period as every report shows it (Period.shown): its name and its days in the same calendar."""
    return period.shown


def short_period(period: Period) -> str:
    """The period in a narrow column: its name, short (2567, FY2567: ปีงบประมาณ 2567 in Thai), else its days."""
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (10, 1, 9, 30) and end.year == start.year + 1:
        return tr("FY{year}", year=period.year_text(end.year))
    return period.name or period.dates_text


def scope_name(scope: str) -> str:
    return tr(SCOPE_NAMES[scope]) if scope in SCOPE_NAMES else tr("Scope {scope}", scope=printable(scope))


def _community(console: Console, result: InventoryResult) -> None:
    community = result.community
    assert community is not None
    table = titled(tr("Community totals (GPC, IPCC 2006)"), box.SIMPLE_HEAVY)
    columns(table, ((N_("Total"), "left"), ("tCO2e", "right")))
    table.add_row("GPC BASIC", tonnes(community.basic_t_co2e))
    table.add_row("GPC BASIC+", tonnes(community.basic_plus_t_co2e))
    table.add_row(tr("Territorial (all scope 1)"), tonnes(community.territorial_t_co2e))
    for sector, value in community.by_ipcc_sector_t_co2e.items():
        table.add_row(shown(tr("IPCC sector {sector}", sector=tr(sector))), tonnes(value))
    if community.outside_ipcc_t_co2e:
        table.add_row(tr("Scope 2 and 3 (no IPCC territorial sector)"), tonnes(community.outside_ipcc_t_co2e))
    console.print(table)
    for memo in community.included:
        console.print(
            shown(
                tr(
                    "Of which {name} ({source}), own operations: {total} tCO2e (a memo, inside the totals above)",
                    name=memo.name,
                    source=memo.source,
                    total=tonnes(memo.total_t_co2e),
                )
            )
        )
    completeness = titled(tr("Completeness (GPC sub-categories)"))
    columns(
        completeness,
        (
            ("GPC", "left"),
            (N_("Sub-sector"), "left"),
            (N_("Scope"), "right"),
            (N_("Level"), "left"),
            (N_("tCO2e or key"), "right"),
            (N_("Explanation"), "left"),
        ),
    )
    for row in community.completeness:
        if row.level not in ("basic", "basic+") and row.t_co2e is None and not row.notation_key:
            continue  # territorial-only and optional rows appear when they are used
        cell = (
            Text(tonnes(row.t_co2e))
            if row.t_co2e is not None
            else (shown(row.notation_key) if row.notation_key else Text(tr("missing"), style="yellow"))
        )
        completeness.add_row(
            shown(row.ref),
            shown(tr(row.subsector)),
            str(row.scope),
            shown(row.level.upper()),
            cell,
            shown(row.explanation or ""),
        )
    console.print(completeness)


def _line_tonnes(in_total: float, separate: float) -> str:
    """tCO2e of a line, with what it reports outside the total (R-22, biogenic CO2) in brackets."""
    if not separate:
        return tonnes(in_total)
    return tr("{in_total} (+{separate} separately)", in_total=tonnes(in_total), separate=tonnes(separate))


def amount(value: float) -> str:
    """An activity amount as written on a form: thousands separators, no exponent."""
    if value == int(value):
        return f"{value:,.0f}"
    if abs(value) < 0.01:
        return small(value)
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _buffer_console(terminal: bool) -> tuple[io.StringIO, Console]:
    """A console writing to a buffer: with colour and the terminal's width only for a terminal."""
    import shutil

    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 40)).columns if terminal else 120
    console = Console(file=buffer, width=width, force_terminal=terminal, no_color=not terminal, highlight=False)
    return buffer, console


def results_table(results: list[InventoryResult], terminal: bool) -> str:
    """The tables as text; with colour and the terminal's width only when they go to a terminal."""
    buffer, console = _buffer_console(terminal)
    for result in results:
        _one(console, result)
    return buffer.getvalue()


def _one(console: Console, result: InventoryResult) -> None:
    total = result.total_t_co2e
    sets = ", ".join(s.ref for s in result.factor_sets)
    console.print(Text.assemble(shown(result.name, "bold"), "  (", shown(result.source), ")"))
    kind = tr(KINDS[result.kind]) if result.kind in KINDS else result.kind
    period = period_text(result.period)
    if sets:
        facts = tr(
            "{kind}, {period}, GWP {gwp} (100-year), factors {sets}",
            kind=kind,
            period=period,
            gwp=result.gwp,
            sets=sets,
        )
    else:
        facts = tr("{kind}, {period}, GWP {gwp} (100-year), no factor used", kind=kind, period=period, gwp=result.gwp)
    console.print(shown(facts))
    weights = result_weights(result)
    if weights:  # an edition's own weight (TGO 2026: fossil CH4 28), else a recomputation with the set differs
        console.print(shown(f"{tr(EDITION_GWP)}: {weights}"))

    summary = titled(tr("Emissions by scope"), box.SIMPLE_HEAVY)
    columns(summary, ((N_("Scope"), "left"), ("tCO2e", "right"), (N_("share"), "right")))
    for scope, value in result.by_scope_t_co2e.items():
        summary.add_row(shown(scope_name(scope)), tonnes(value), share(value, total))
    summary.add_row(Text(tr("Total"), style="bold"), Text(tonnes(total), style="bold"), "100.0 %" if total else "-")
    separate = result.separately_reported_t_co2e
    if separate["CO2_biogenic"]:
        summary.add_row(tr("Biogenic CO2 (reported separately)"), tonnes(separate["CO2_biogenic"]), "")
    if separate["non_kyoto"]:
        summary.add_row(tr("Non-Kyoto gases, e.g. R-22 (reported separately)"), tonnes(separate["non_kyoto"]), "")
    console.print(summary)
    if result.community is not None:
        _community(console, result)
    if result.analysis is not None or any(line.data_quality or line.evidence for line in result.lines):
        from ghgcalc.cli.render_analysis import print_analysis

        print_analysis(console, result)

    if not result.lines:  # no empty tables of sources and lines: say there are none
        console.print(tr("No lines: the inventory has no emission source to list."))
        if result.warnings:
            console.print(
                Text(tr("{count} warning(s), printed on standard error", count=len(result.warnings)), style="yellow")
            )
        console.print()
        return
    largest = sorted(result.lines, key=lambda line: line.t_co2e, reverse=True)[:LARGEST]
    top = titled(tr("Largest sources"))
    columns(top, ((N_("Emission source"), "left"), ("tCO2e", "right"), (N_("share"), "right")))
    for line in largest:
        top.add_row(shown(line.label or line.activity), tonnes(line.t_co2e), share(line.t_co2e, total))
    console.print(top)

    lines = titled(tr("Lines"))
    columns(
        lines,
        (
            ("#", "right"),
            (N_("Activity"), "left"),
            (N_("Amount"), "right"),
            (N_("Unit"), "left"),
            (N_("Scope"), "right"),
            ("tCO2e", "right"),
            (N_("Factor"), "left"),
        ),
    )
    rows = [
        [
            Text(str(line.index + 1)),
            shown(line.activity)
            if not line.label
            else Text.assemble(shown(line.label), " ", shown(f"({line.activity})", "dim")),
            Text(amount(line.amount)),
            shown(line.unit),
            Text(str(line.scope)),
            Text(_line_tonnes(line.t_co2e, sum(line.separately_reported_t_co2e.values()))),
            shown(line.factor.ref),
        ]
        for line in result.lines[:MAX_TABLE_LINES]
    ]
    if fits(lines, rows, console.width):
        for row in rows:
            lines.add_row(*row)
        console.print(lines)
    else:  # a terminal too narrow for the lines without breaking a word: a line at a time
        records(console, lines, rows)
    if len(result.lines) > MAX_TABLE_LINES:
        more = f"{len(result.lines) - MAX_TABLE_LINES:,}"
        console.print(shown(tr("... and {count} more lines: see them all with --format csv", count=more)))
    if result.warnings:
        console.print(
            Text(tr("{count} warning(s), printed on standard error", count=len(result.warnings)), style="yellow")
        )
    console.print()


def fits(table: Table, rows: list[list[Text]], width: int) -> bool:
    """Whether `rows` fit the table's columns in `width` with no word broken (words_fit)."""
    return words_fit([str(column.header) for column in table.columns], [[c.plain for c in row] for row in rows], width)


def words_fit(titles: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> bool:
    """Whether a table of these titles and rows fits `width` columns with no word of a cell or a
    title broken: a number or a factor edition split over two lines, or a Thai word cut inside a
    syllable (Thai has no spaces between words: a Thai text is one word), is misread."""
    return words_width(titles, rows) <= width


def words_width(titles: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
    """The width a table of these titles and rows needs for no word to be broken: each column takes
    its longest word and three columns of padding and rule."""
    from rich.cells import cell_len

    needed = 0
    for index, title in enumerate(titles):
        texts = [title, *(row[index] for row in rows)]
        needed += max((cell_len(word) for text in texts for word in text.split()), default=0) + 3
    return needed


def records(console: Console, table: Table, rows: list[list[Text]]) -> None:
    """A table too wide for the terminal, one row at a time: each value after its column's title
    (`title: value` lines, which any width shows whole), a blank line between rows."""
    if table.title is not None:
        console.print(table.title)
    for row in rows:
        console.print()
        for column, cell in zip(table.columns, row, strict=True):
            if cell.plain:
                console.print(Text.assemble((f"{column.header}: ", "bold"), cell))


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


def plain_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], title: str) -> None:
    """Rows of dicts as a table: `columns` are (key, title), the titles in the language of the run.
    A table too wide for the terminal is shown a row at a time (records): rich would cut its
    numbers short (`0.000179…`) and break its words."""
    console = _console()
    table = titled(title)
    for _, heading in columns:
        table.add_column(shown(tr(heading)))
    cells = [[Text("") if row.get(key) is None else shown(row.get(key)) for key, _ in columns] for row in rows]
    needed = words_width([str(column.header) for column in table.columns], [[c.plain for c in row] for row in cells])
    if needed > console.width:
        if console.is_terminal:
            records(console, table, cells)
            return
        console.width = needed  # a pipe or a file: one row a line, as wide as it takes (grep, diff)
    for row_cells in cells:
        table.add_row(*row_cells)
    console.print(table)


# The fields of `factors show`, in order, with their names for a person (in English the field itself).
FACTOR_FIELDS = (
    ("name", N_("name")),
    ("name_th", N_("name_th")),
    ("per", N_("per")),
    ("kg_per_unit", N_("kg_per_unit")),
    ("published_kgco2e", N_("published_kgco2e")),
    ("gwp_basis", N_("gwp_basis")),
    ("scope", N_("scope")),
    ("category", N_("category")),
    ("valid_from", N_("valid_from")),
    ("valid_to", N_("valid_to")),
    ("ncv", N_("ncv")),
    ("density", N_("density")),
    ("source", N_("source")),
    ("verified_via", N_("verified_via")),
    ("notes", N_("notes")),
    ("set_title", N_("set_title")),
    ("set_edition", N_("set_edition")),
    ("set_url", N_("set_url")),
    ("set_sha256", N_("set_sha256")),
)


def factor_cards(entries: list[dict[str, Any]], thai_first: bool = False) -> None:
    """`factors show`: one card per factor; `thai_first` puts the Thai name on top."""
    console = _console()
    fields = list(FACTOR_FIELDS)
    if thai_first:
        fields.insert(0, fields.pop(1))
    for entry in entries:
        table = Table(
            box=box.SIMPLE,
            show_header=False,
            title=shown(f"{entry['key']} ({entry['set']}@{entry['version']})", "table.title"),
            title_justify="left",
        )
        table.add_column("field", style="bold")
        table.add_column("value")
        for field, label in fields:
            value = entry.get(field)
            if value in (None, "", {}):
                continue
            if isinstance(value, dict):
                value = ", ".join(f"{gas} {kg!r} kg" for gas, kg in value.items())  # every digit of the set
            elif field in ("valid_from", "valid_to"):
                value = day_text(value)
            table.add_row(tr(label), shown(value))
        console.print(table)


def day_text(value: Any) -> str:
    """An ISO date of a factor set (2022-04-01) for a person: B.E. with --calendar be."""
    import datetime as dt

    try:
        return thai.show_date(dt.date.fromisoformat(str(value)), buddhist=False)
    except ValueError:
        return str(value)


def plan_tables(plan: dict[str, Any], terminal: bool) -> str:
    """BAU and plan by year, each measure's reduction, the targets and the MACC, as text. Years
    as the base inventory wrote them (B.E. for a base of 2566)."""
    from ghgcalc.reports.plan_markdown import whole as _whole

    buffer, console = _buffer_console(terminal)
    base = plan["base"]
    buddhist = thai.written_in_be(base.get("period_written"))

    def year(value: int) -> str:
        return thai.show_year(int(value), buddhist)

    console.print(Text.assemble(shown(plan["name"], "bold")))
    console.print(
        shown(
            tr(
                "base {name} ({year}, {total} tCO2e), horizon {horizon}, {gwp}, {sets}",
                name=base["name"],
                year=year(base["year"]),
                total=tonnes(base["total_t_co2e"]),
                horizon=year(plan["horizon"]),
                gwp=plan["gwp"],
                sets=", ".join(plan["factor_sets"]),
            )
        )
    )
    measures = plan["measures"]
    years = titled(tr("BAU and plan by year (tCO2e)"), box.SIMPLE_HEAVY)
    columns(
        years,
        (
            (N_("Year"), "left"),
            ("BAU", "right"),
            (N_("Plan"), "right"),
            (N_("Removals"), "right"),
            (N_("Net"), "right"),
            (N_("Reduction"), "right"),
            ("%", "right"),
        ),
    )
    for row in plan["years"]:
        pct = "-" if row["reduction_pct"] is None else f"{row['reduction_pct']:.1f}"
        years.add_row(
            year(row["year"]),
            _whole(row["bau_t_co2e"]),
            _whole(row["plan_t_co2e"]),
            _whole(row["removals_t_co2"]),
            _whole(row["net_t_co2e"]),
            _whole(row["reduction_t_co2e"]),
            pct,
        )
    console.print(years)
    wedges = titled(tr("Reduction by measure (tCO2e), in plan order"), box.SIMPLE_HEAVY)
    wedges.add_column(tr("Measure"))
    later = [row for row in plan["years"] if row["year"] > base["year"]]
    for row in later:
        wedges.add_column(year(row["year"]), justify="right")
    for m in measures:
        wedges.add_row(shown(m["id"]), *(_whole(row["by_measure_t_co2e"][m["id"]]) for row in later))
    console.print(wedges)
    table = titled(tr("Measures (abatement in {year})", year=year(plan["horizon"])), box.SIMPLE_HEAVY)
    columns(
        table,
        (
            (N_("Measure"), "left"),
            (N_("Size"), "right"),
            (N_("Start"), "right"),
            (N_("tCO2e/yr"), "right"),
            (N_("Cumulative"), "right"),
            (N_("Investment THB"), "right"),
            (N_("Net THB/yr"), "right"),
            (N_("THB/tCO2e"), "right"),
        ),
        no_wrap=True,
    )
    for m in measures:
        table.add_row(
            shown(m["id"]),
            shown(f"{m['size']:,.10g} {m['size_unit']}"),
            tr("{start} +{years}y", start=year(m["start"]), years=m["ramp_years"]),
            _whole(m["horizon_abatement_t_co2e"]),
            _whole(m["cumulative_t_co2e"]),
            _whole(m["investment_thb"]),
            _whole(m["net_annual_cost_thb"]),
            _whole(m["cost_thb_per_t_co2e"]),
        )
    console.print(table)
    if plan["targets"]:
        targets = titled(tr("Targets (tCO2e)"), box.SIMPLE_HEAVY)
        columns(
            targets,
            (
                (N_("Target"), "left"),
                (N_("Goal"), "right"),
                (N_("Plan net"), "right"),
                (N_("Gap"), "right"),
                (N_("Met"), "left"),
            ),
        )
        for t in plan["targets"]:
            targets.add_row(
                shown(t["name"]),
                _whole(t["target_t_co2e"]),
                _whole(t["plan_net_t_co2e"]),
                _whole(t["gap_t_co2e"]),
                tr("yes") if t["met"] else Text(tr("no"), style="red"),
            )
        console.print(targets)
    if plan["macc"]:
        macc = titled(tr("Marginal abatement cost curve, cheapest first"), box.SIMPLE_HEAVY)
        columns(
            macc,
            (
                (N_("Measure"), "left"),
                (N_("THB/tCO2e"), "right"),
                (N_("tCO2e/yr"), "right"),
                (N_("Cumulative tCO2e/yr"), "right"),
            ),
        )
        for bar in plan["macc"]:
            macc.add_row(
                shown(bar["id"]),
                _whole(bar["cost_thb_per_t_co2e"]),
                _whole(bar["abatement_t_co2e"]),
                _whole(bar["to_t_co2e"]),
            )
        console.print(macc)
    if plan["not_in_macc"]:
        console.print(
            shown(
                tr("Not in the MACC (no costs, or no abatement): {measures}", measures=", ".join(plan["not_in_macc"]))
            )
        )
    return buffer.getvalue()


def _kg(value: float | None) -> str:
    """A factor rounded for reading (the JSON and CSV hold it exact); '-' where a side has none."""
    return "-" if value is None else f"{value:.6g}"


STATUSES = {
    "added": N_("added"),
    "changed": N_("changed"),
    "not-in-new": N_("not-in-new"),
    "removed": N_("removed"),
    "unchanged": N_("unchanged"),
}


COMMON_ROWS = 4  # a change of a field that this many rows share is said once, after the table
COMMON_NAMED = 5  # the keys named in it; the others are counted


def _field_changes(row: dict[str, Any]) -> list[str]:
    """What changed in a row besides its gases and total: `gwp_overrides - -> CH4_fossil 28`."""
    return [f"{f} {row['old_' + f] or '-'} -> {row['new_' + f] or '-'}" for f in row["changed_fields"]]


def _common_changes(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The field changes that COMMON_ROWS rows or more share (a new version's GWP weights or validity
    apply to most of its rows), each with the rows' keys in order: said once, not on 38 lines."""
    keys: dict[str, list[str]] = {}
    for row in rows:
        for text in _field_changes(row):
            keys.setdefault(text, [])
            if row["key"] not in keys[text]:
                keys[text].append(row["key"])
    counted = {text: sum(text in _field_changes(row) for row in rows) for text in keys}
    return {text: keys[text] for text in keys if counted[text] >= COMMON_ROWS}


KEY_FOLDED = 16  # a longer factor key folds over two lines in the diff table; the numbers never do


def diff_table(data: dict[str, Any]) -> None:
    """`ghgcalc factors diff --format table`: a changed row as one line per gas then its kgCO2e per
    unit with the change; an added or not-in-NEW row as its kgCO2e line; then what else changed.
    Every key, unit and gas from a set is escaped."""
    console = _console()
    table = titled(f"{data['old']} -> {data['new']}")
    for name in (N_("status"), N_("key"), N_("per"), N_("kg per unit"), N_("old"), N_("new"), N_("change"), "%"):
        right = name in ("old", "new", "change", "%")
        table.add_column(
            name if name in SYMBOLS else tr(name),
            justify="right" if right else "left",
            no_wrap=name != "key",
            overflow="fold" if name == "key" else "ellipsis",
            min_width=KEY_FOLDED if name == "key" else None,
        )
    also = []
    common = _common_changes(data["rows"])
    groups: list[list[list[Text]]] = []  # a row of the set: a line per gas, then its kgCO2e
    for row in data["rows"]:
        changes = "; ".join(text for text in _field_changes(row) if text not in common)
        if changes:
            also.append(tr("{key} per {per}: {changes}", key=row["key"], per=row["per"], changes=changes))
        status = STATUSES.get(row["status"])
        head = [shown(tr(status) if status else row["status"]), shown(row["key"]), shown(row["per"])]
        group: list[list[Text]] = []
        if row["status"] == "changed":
            for gas in row["gases"]:
                group.append(
                    [*head, shown(gas["gas"]), Text(_kg(gas["old_kg"])), Text(_kg(gas["new_kg"])), Text(""), Text("")]
                )
        change = "" if row["change_kgco2e"] is None else f"{row['change_kgco2e']:+.6g}"
        pct = "" if row["change_pct"] is None else f"{row['change_pct']:+.2f} %"
        group.append(
            [
                *head,
                Text("= kgCO2e"),
                Text(_kg(row["old_kgco2e"])),
                Text(_kg(row["new_kgco2e"])),
                Text(change),
                Text(pct),
            ]
        )
        groups.append(group)
    every = [cells for group in groups for cells in group]
    folded = [[cells[0], Text(cells[1].plain[:KEY_FOLDED]), *cells[2:]] for cells in every]  # a key may fold
    if fits(table, folded, console.width):
        for group in groups:
            for number, cells in enumerate(group):  # the status, key and unit on a row's first line only
                table.add_row(*(cells if number == 0 else [Text(""), Text(""), Text(""), *cells[3:]]))
        console.print(table)
    else:  # a terminal too narrow for the columns: a line at a time, never a key or a number cut to "…"
        records(console, table, every)
    for change, keys in common.items():  # a version's own weights or dates: said once, not on every row
        named = ", ".join(keys[:COMMON_NAMED])
        if len(keys) > COMMON_NAMED:
            named = tr("{named} and {count} more", named=named, count=len(keys) - COMMON_NAMED)
        console.print(shown(tr("{change}: {count} rows ({keys})", change=change, count=len(keys), keys=named)))
    for line in also:
        console.print(shown(line))
    counts = data["counts"]
    tally = ", ".join(
        tr("{count} {status}", count=n, status=tr(STATUSES[status]) if status in STATUSES else status)
        for status, n in counts.items()
    )
    console.print(shown(tr("{counts} (unchanged rows not listed)", counts=tally)))
    console.print(shown(data["note"]))


def comparison_table(comparisons: list[Any], terminal: bool) -> str:
    """`compute --compare-factors`: totals by scope under both editions, then the lines whose factor
    changes (the same document as the JSON, reports/compare_output.py)."""
    from ghgcalc.reports.compare_output import notes, pct

    buffer, console = _buffer_console(terminal)
    for comparison in comparisons:
        own = comparison.own
        console.print(Text.assemble(shown(own.name, "bold"), "  (", shown(own.source), ")"))
        console.print(
            shown(
                tr(
                    "{period}, GWP {gwp}: own factors {own}; compared {compared}",
                    period=period_text(own.period),
                    gwp=own.gwp,
                    own=", ".join(s.ref for s in own.factor_sets),
                    compared=", ".join(comparison.named),
                )
            )
        )
        summary = titled(tr("Emissions by scope, two editions"), box.SIMPLE_HEAVY)
        columns(
            summary,
            (
                ("", "left"),
                (N_("own tCO2e"), "right"),
                (N_("compared tCO2e"), "right"),
                (N_("change tCO2e"), "right"),
                (N_("change"), "right"),
            ),
        )
        rows = [(scope_label(scope), change) for scope, change in comparison.by_scope_t_co2e.items()]
        for name, change in [*rows, (Text(tr("Total"), style="bold"), comparison.total_t_co2e)]:
            summary.add_row(name, tonnes(change.own), tonnes(change.compared), tonnes(change.t), pct(change.pct))
        console.print(summary)
        lines = titled(tr("Lines whose factor changes"))
        columns(
            lines,
            (
                ("#", "right"),
                (N_("activity"), "left"),
                (N_("own factor"), "left"),
                (N_("compared"), "left"),
                (N_("own tCO2e"), "right"),
                (N_("compared tCO2e"), "right"),
                (N_("change"), "right"),
            ),
        )
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
            console.print(shown(tr("note: {note}", note=note)))
        console.print()
    return buffer.getvalue()


def scope_label(scope: str) -> Text:
    return shown(tr("Scope {scope}", scope=scope))


def _asks(console: Console, asks: list[str]) -> None:
    console.print(Text(tr("What to ask the municipality:"), style="bold"))
    for i, ask in enumerate(asks, start=1):
        console.print(Text.assemble(f"{i}. ", shown(ask)))


def audit_tables(document: dict[str, Any], terminal: bool) -> str:
    """`ghgcalc audit` as rich tables: per year its verdict, its findings and what to ask."""
    buffer, console = _buffer_console(terminal)
    for book in document["workbooks"]:
        for year in book["years"]:
            console.print(
                Text.assemble(shown(book["workbook"], "bold"), "  ", shown(f"[{year['sheet']}]"), f"  {year['year']}")
            )
            console.print(shown(tr("Verdict: {verdict}", verdict=year["verdict"])))
            if not year["findings"]:
                console.print()
                continue
            table = titled(tr("Findings"))
            columns(table, (("#", "left"), (N_("Kind"), "left"), (N_("Where"), "left"), (N_("Finding"), "left")))
            for i, f in enumerate(year["findings"], start=1):
                table.add_row(str(i), f["kind"], shown(f["where"]), shown(f["message"]))
            console.print(table)
            _asks(console, year["ask"])
            console.print()
    for copy in document.get("copies", []):
        console.print(
            Text.assemble(
                shown(tr("Copies of {year}", year=copy["year"]), "bold"), "  ", shown(", ".join(copy["copies"]))
            )
        )
        console.print(shown(tr("Verdict: {verdict}", verdict=copy["verdict"])))
        if copy["findings"]:
            table = titled(tr("Differences"))
            columns(table, (("#", "left"), (N_("Where"), "left"), (N_("Finding"), "left")))
            for i, f in enumerate(copy["findings"], start=1):
                table.add_row(str(i), shown(f["where"]), shown(f["message"]))
            console.print(table)
            _asks(console, copy["ask"])
        console.print()
    return buffer.getvalue()
