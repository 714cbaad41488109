"""The community report in the GPC's own layout, built once as a Document (reports/document.py) and
rendered to Markdown, xlsx and HTML by the renderers.

Sections: the summary (BASIC, BASIC+ and territorial totals, intensities from `indicators:`), the
GPC reporting table (sectors and sub-sectors by scope, with the references, scopes and reporting
levels of data/gpc.csv and its sources; every empty cell with its notation key), the IPCC-sector
view with the crosswalk of each GPC row, the completeness table, the included inventories as an
"of which" memo (never added), charts, the uncertainty, key categories and data quality when the
result has them (reports/inventory_analysis.py), the factor sets each line used, and the warnings.

Every number is the result's own value (the JSON's), or a sum of them where the JSON has no such
total (a sub-sector's row across scopes); nothing is rounded here (renderers show Kinds).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Literal

from ghgcalc import __version__, gpc
from ghgcalc.core.edition_gwp import EDITION_GWP, result_weights
from ghgcalc.i18n import N_, language, tr
from ghgcalc.io.factor_names import factor_name
from ghgcalc.models.period import Period
from ghgcalc.models.result import BIOGENIC, NON_KYOTO, CommunityReport, CompletenessRow, InventoryResult, Line
from ghgcalc.reports.document import (
    Cell,
    Chart,
    Column,
    Document,
    Fact,
    Row,
    Section,
    Series,
    Table,
    table,
)
from ghgcalc.reports.render_markdown import fixed
from ghgcalc.thai import show_date

SCOPES = (1, 2, 3)
REQUIRED = ("basic", "basic+")  # every sub-category of these levels shows a value or a notation key
LEVELS = {
    "basic": "BASIC",
    "basic+": "BASIC+",
    "territorial": N_("territorial only"),
    "optional": N_("optional"),
}
# Sub-categories that share their sub-sector's scope 1 with a BASIC one but are territorial only
# (outside BASIC and BASIC+: their level in data/gpc.csv): each on a row of its own below its sub-sector.
TERRITORIAL_ROWS = {
    "I.4.4": N_("Energy generation supplied to the grid (territorial only)"),
    "III.1.3": N_("Waste from outside the boundary, disposed of inside (territorial only)"),
    "III.2.3": N_("Waste from outside the boundary, treated inside (territorial only)"),
    "III.3.3": N_("Waste from outside the boundary, treated inside (territorial only)"),
    "III.4.3": N_("Wastewater from outside the boundary, treated inside (territorial only)"),
}
# Indicators a community's intensities are computed against (Indicators in models/inventory.py):
# key, unit shown, what one is. `staff` is an organisation's, not a community's.
INDICATORS = (
    ("population", N_("persons"), N_("Population")),
    ("gpp_million_thb", N_("million THB"), N_("Gross provincial product (GPP)")),
    ("area_km2", "km²", N_("Area")),
)
SEPARATE = {BIOGENIC: N_("Biogenic CO2"), NON_KYOTO: N_("Non-Kyoto gases, e.g. R-22")}
LARGEST_IN_ALT = 3


def document(result: InventoryResult) -> Document:
    """The GPC report of one community inventory (kind: community)."""
    community = result.community
    if community is None:
        raise ValueError(f"{result.source}: not a community inventory (kind: {result.kind})")
    sections = [
        _summary(result, community),
        _gpc_tables(community),
        _ipcc(result, community),
        _completeness(community),
    ]
    if community.included:
        sections.append(_included(community))
    from ghgcalc.reports.inventory_analysis import analysis_sections  # uncertainty, key categories, grades

    sections += [_charts(result, community), *analysis_sections(result), _provenance(result), *_warnings(result)]
    return Document(
        title=result.name,
        language=language(),
        subtitle=tr("Community greenhouse gas inventory in the GPC's layout (GPC v1.1)"),
        sections=tuple(sections),
        facts=_facts(result),
        footer=tr("Made with ghgcalc {version}", version=__version__),
        source_notes=tuple(f"{s.ref} sha256 {s.sha256}" for s in result.factor_sets),
    )


# --- small helpers --------------------------------------------------------------------------------


def _sum(values: Iterable[float]) -> float:
    return math.fsum(values)


def period_text(period: Period) -> str:
    """The period as every report shows it (Period.shown): its name and its days in the same calendar."""
    return period.shown


def whole(value: float) -> str:
    """Tonnes for a sentence (a chart's text alternative): whole, thousands separated."""
    return fixed(value, 0)


def share(part: float, total: float) -> str:
    return fixed(100 * part / total, 1) + " %" if total else "-"


def level_text(level: str) -> str:
    shown = LEVELS.get(level, level)
    return shown if shown.startswith("BASIC") else tr(shown)


def key_meaning(key: str) -> str:
    return tr(gpc.NOTATION_KEYS[key]) if key in gpc.NOTATION_KEYS else key


def _facts(result: InventoryResult) -> tuple[Fact, ...]:
    thai = language() == "th"
    sets = ", ".join(f"{s.ref} ({s.title_th if thai and s.title_th else s.title})" for s in result.factor_sets)
    return (
        Fact(tr("Name"), result.name),
        Fact(tr("Period"), period_text(result.period)),
        Fact(tr("GWP"), tr("{gwp} (100-year)", gwp=result.gwp)),
        *((Fact(tr(EDITION_GWP), weights),) if (weights := result_weights(result)) else ()),
        Fact(tr("Factor sets"), sets or "-"),
        Fact(tr("Source"), result.source),
        *((Fact(tr("Activity tables"), tables_text(result)),) if result.tables else ()),
    )


def tables_text(result: InventoryResult) -> str:
    """electricity-customers.parquet (36,000 rows, lines 27-30); ..."""
    return "; ".join(
        tr(
            "{file} ({rows} rows, lines {first}-{last})",
            file=t.file,
            rows=f"{t.rows:,}",
            first=t.first_line + 1,
            last=t.first_line + t.lines,
        )
        for t in result.tables
        if t.lines  # a table without rows gave no line (warned as table-empty)
    )


# --- summary --------------------------------------------------------------------------------------


def _summary(result: InventoryResult, community: CommunityReport) -> Section:
    tonnes = Column("tCO2e", "tonnes")
    rows: list[Row | Sequence[Cell]] = [
        Row((tr("GPC BASIC"), community.basic_t_co2e), "total"),
        Row((tr("GPC BASIC+"), community.basic_plus_t_co2e), "total"),
        (tr("Territorial (all scope 1)"), community.territorial_t_co2e),
    ]
    separate = result.separately_reported_t_co2e
    rows += [
        (tr("{name}, reported separately (outside the totals)", name=tr(SEPARATE[name])), value)
        for name, value in separate.items()
        if value
    ]
    totals = table(
        tr("Totals"),
        (Column(tr("Total")), tonnes),
        rows,
        notes=(
            tr("BASIC: stationary energy and transportation in scopes 1 and 2, waste in scopes 1 and 3."),
            tr("BASIC+: BASIC with IPPU, AFOLU, and the T&D losses and transboundary transport of scope 3."),
            tr("Territorial: every emission inside the boundary (all scope 1), whoever caused it."),
        ),
        key="summary-totals",
    )
    tables = [totals]
    intensities = _intensities(result, community)
    if intensities is not None:
        tables.append(intensities)
    return Section(tr("Summary"), tables=tuple(tables), key="summary")


def _intensities(result: InventoryResult, community: CommunityReport) -> Table | None:
    """tCO2e per person, per million THB of GPP and per km², for BASIC and BASIC+, from what the
    inventory gives (`indicators:`, and `output:` when it names one); None when it gives nothing."""
    rows: list[Sequence[Cell]] = []
    for key, unit, name in INDICATORS:
        amount = result.indicators.get(key)
        if amount:
            rows.append(_intensity_row(tr(name), amount, tr(unit), community))
    if result.output is not None and result.output[0]:
        output, output_unit, output_name = result.output
        rows.append(_intensity_row(output_name or output_unit, output, output_unit, community))
    if not rows:
        return None
    return table(
        tr("Intensities"),
        (
            Column(tr("Indicator")),
            Column(tr("Amount"), "number"),
            Column(tr("Unit")),
            Column(tr("BASIC, tCO2e per unit"), "number"),
            Column(tr("BASIC+, tCO2e per unit"), "number"),
        ),
        rows,
        notes=(tr("As the inventory gives them (indicators: and output:); none is estimated here."),),
        key="summary-intensities",
    )


def _intensity_row(name: str, amount: float, unit: str, community: CommunityReport) -> tuple[Cell, ...]:
    return (name, amount, unit, community.basic_t_co2e / amount, community.basic_plus_t_co2e / amount)


# --- the GPC reporting table ----------------------------------------------------------------------


def _subsectors() -> list[tuple[str, str, list[gpc.Reference]]]:
    """(sector, sub-sector, its references) in the GPC's order."""
    found: dict[tuple[str, str], list[gpc.Reference]] = {}
    for ref in gpc.references().values():
        found.setdefault((ref.sector, ref.subsector), []).append(ref)
    return [(sector, sub, refs) for (sector, sub), refs in found.items()]


def _numeral(ref: str, parts: int) -> str:
    """The sector's or sub-sector's own number: I.1.2 -> I (1 part) or I.1 (2 parts)."""
    return ".".join(ref.split(".")[:parts])


def _cell(ref: str, community: CommunityReport, rows: dict[str, CompletenessRow]) -> Cell:
    """A sub-category's value, else its notation key, else 'missing' for a BASIC/BASIC+ one."""
    value = community.by_reference_t_co2e.get(ref)
    if value is not None:
        return value
    row = rows.get(ref)
    if row is not None and row.notation_key:
        return row.notation_key
    return tr("missing") if row is not None and row.level in REQUIRED else None


def _shown(ref: gpc.Reference, community: CommunityReport, rows: dict[str, CompletenessRow]) -> bool:
    """Territorial-only and optional sub-categories are listed when they have a value or a key."""
    if ref.level in REQUIRED:
        return True
    row = rows.get(ref.ref)
    return ref.ref in community.by_reference_t_co2e or bool(row and row.notation_key)


def _values(refs: Iterable[gpc.Reference], community: CommunityReport) -> list[float]:
    return [community.by_reference_t_co2e[r.ref] for r in refs if r.ref in community.by_reference_t_co2e]


def _totals(refs: Sequence[gpc.Reference], community: CommunityReport) -> tuple[Cell, ...]:
    """Scope 1, 2, 3, total, BASIC, BASIC+ of some references (None where none has a value)."""

    def summed(chosen: Iterable[gpc.Reference]) -> Cell:
        values = _values(chosen, community)
        return _sum(values) if values else None

    return (
        *(summed(r for r in refs if r.scope == scope) for scope in SCOPES),
        summed(refs),
        summed(r for r in refs if r.level == "basic"),
        summed(r for r in refs if r.level in REQUIRED),
    )


def _gpc_tables(community: CommunityReport) -> Section:
    rows_by_ref = {row.ref: row for row in community.completeness}
    columns = (
        Column(tr("GPC ref."), "code"),
        Column(tr("Sector and sub-sector")),
        *(Column(tr("Scope {scope}", scope=scope), "tonnes") for scope in SCOPES),
        Column(tr("Total"), "tonnes"),
        Column("BASIC", "tonnes", tr("the sub-categories in BASIC")),
        Column("BASIC+", "tonnes", tr("BASIC and the sub-categories added in BASIC+")),
    )
    rows: list[Row] = []
    by_sector: dict[str, list[tuple[str, list[gpc.Reference]]]] = {}
    for sector, sub, refs in _subsectors():
        by_sector.setdefault(sector, []).append((sub, refs))
    for sector, subsectors in by_sector.items():
        every = [ref for _, refs in subsectors for ref in refs]
        if not any(_shown(ref, community, rows_by_ref) for ref in every):
            continue
        numeral = _numeral(every[0].ref, 1)
        sector_cells = list(_totals(every, community))
        sector_cells[3] = community.by_sector_t_co2e.get(sector, sector_cells[3])  # the JSON's own sum
        rows.append(Row((numeral, tr(sector), *sector_cells), "subtotal"))
        for sub, refs in subsectors:
            main = [ref for ref in refs if ref.ref not in TERRITORIAL_ROWS]
            if not any(_shown(ref, community, rows_by_ref) for ref in main):
                continue
            by_scope = {ref.scope: ref for ref in main}
            cells = [_cell(by_scope[s].ref, community, rows_by_ref) if s in by_scope else None for s in SCOPES]
            rows.append(Row((_numeral(main[0].ref, 2), tr(sub), *cells, *_totals(main, community)[3:]), level=1))
            for ref in refs:
                if ref.ref in TERRITORIAL_ROWS and _shown(ref, community, rows_by_ref):
                    value = _cell(ref.ref, community, rows_by_ref)
                    total = value if isinstance(value, float) else None
                    rows.append(
                        Row((ref.ref, tr(TERRITORIAL_ROWS[ref.ref]), value, None, None, total, None, None), level=2)
                    )
    references = list(gpc.references().values())
    rows.append(
        Row(
            (
                "",
                tr("Total"),
                community.territorial_t_co2e,
                *(_totals(references, community)[1:3]),
                _sum(community.by_reference_t_co2e.values()),
                community.basic_t_co2e,
                community.basic_plus_t_co2e,
            ),
            "total",
        )
    )
    gpc_table = Table(
        tr("Emissions by sector, sub-sector and scope (tCO2e)"),
        columns,
        tuple(rows),
        _gpc_notes(community),
        "gpc-by-sector",
    )
    return Section(
        tr("GPC reporting tables"),
        paragraphs=(
            tr(
                "Each cell is one GPC sub-category: its tCO2e, or the notation key the inventory gives "
                "for it. An empty cell has no sub-category in the GPC."
            ),
        ),
        tables=(gpc_table,),
        key="gpc",
    )


def _gpc_notes(community: CommunityReport) -> tuple[str, ...]:
    keyed = [row for row in community.completeness if row.notation_key and row.t_co2e is None]
    used = list(dict.fromkeys(row.notation_key for row in keyed if row.notation_key))
    notes = []
    if used:
        legend = ", ".join(tr("{key} {meaning}", key=key, meaning=key_meaning(key)) for key in used)
        notes.append(tr("Notation keys: {legend}.", legend=legend))
    explained: dict[tuple[str, str], list[str]] = {}  # the same key and words for several references once
    for row in keyed:
        if row.notation_key and row.explanation:
            explained.setdefault((row.notation_key, row.explanation), []).append(row.ref)
    for (key, explanation), refs in explained.items():
        notes.append(tr("{ref} {key}: {explanation}", ref=", ".join(refs), key=key, explanation=explanation))
    if any(row.t_co2e is None and not row.notation_key and row.level in REQUIRED for row in community.completeness):
        notes.append(tr("missing: a BASIC or BASIC+ sub-category with neither a value nor a notation key."))
    notes.append(
        tr("The total of scope 1 is the territorial total; BASIC and BASIC+ leave out the territorial-only rows.")
    )
    return tuple(notes)


# --- IPCC sectors -----------------------------------------------------------------------------------


def _ipcc(result: InventoryResult, community: CommunityReport) -> Section:
    """The scope 1 lines by IPCC sector and category, each with the GPC sub-category it is reported
    under; scope 2 and 3 lie outside the territorial IPCC sectors."""
    references = gpc.references()
    crosswalk: dict[str, dict[tuple[str, str], list[float]]] = {}
    outside: dict[str, list[float]] = {}
    for line in result.lines:
        known = references.get(line.gpc or "")
        if known is None:
            continue
        sector = gpc.IPCC_SECTORS.get((line.ipcc or "")[:1]) if line.scope == 1 else None
        if sector:
            crosswalk.setdefault(sector, {}).setdefault((line.ipcc or "", known.ref), []).append(line.t_co2e)
        else:
            outside.setdefault(known.ref, []).append(line.t_co2e)
    rows: list[Row] = []
    for code, sector in gpc.IPCC_SECTORS.items():
        rows.append(Row((code, tr(sector), "", "", community.by_ipcc_sector_t_co2e.get(sector)), "subtotal"))
        for (category, ref), values in sorted(crosswalk.get(sector, {}).items(), key=_ipcc_order):
            rows.append(Row((category, "", ref, tr(references[ref].subsector), _sum(values)), level=1))
    rows.append(
        Row(("", tr("Scope 2 and 3 (no IPCC territorial sector)"), "", "", community.outside_ipcc_t_co2e), "subtotal")
    )
    for ref, values in sorted(outside.items(), key=lambda item: list(references).index(item[0])):
        scope = tr("Scope {scope}", scope=references[ref].scope)
        name = tr("{name} ({scope})", name=tr(references[ref].subsector), scope=scope)
        rows.append(Row(("", "", ref, name, _sum(values)), level=1))
    in_sectors = _sum(community.by_ipcc_sector_t_co2e.values())
    rows.append(Row(("", tr("Total"), "", "", _sum((in_sectors, community.outside_ipcc_t_co2e))), "total"))
    crosswalk_table = Table(
        tr("Emissions by IPCC 2006 sector, with the GPC sub-category of each"),
        (
            Column(tr("IPCC category"), "code"),
            Column(tr("IPCC sector")),
            Column(tr("GPC ref."), "code"),
            Column(tr("GPC sub-sector")),
            Column("tCO2e", "tonnes"),
        ),
        tuple(rows),
        (
            tr(
                "Only scope 1 emissions occur in the territory and belong to an IPCC sector; scope 2 and 3 "
                "emissions occur elsewhere and are shown apart."
            ),
        ),
        "ipcc-sectors",
    )
    return Section(tr("IPCC sectors"), tables=(crosswalk_table,), key="ipcc")


def _ipcc_order(item: tuple[tuple[str, str], list[float]]) -> tuple[str, int]:
    (category, ref), _ = item
    return category, list(gpc.references()).index(ref)


# --- completeness ---------------------------------------------------------------------------------


def _completeness(community: CommunityReport) -> Section:
    rows: list[Row] = []
    missing = 0
    for row in community.completeness:
        if row.level not in REQUIRED and row.t_co2e is None and not row.notation_key:
            continue  # territorial-only and optional sub-categories appear when they are used
        if row.t_co2e is not None:
            status = tr("reported")
        elif row.notation_key:
            status = key_meaning(row.notation_key)
        else:
            status = tr("missing: give a value or a notation key")
            missing += 1
        rows.append(
            Row(
                (
                    row.ref,
                    tr(row.sector),
                    tr(row.subsector),
                    row.scope,
                    level_text(row.level),
                    row.t_co2e,
                    row.notation_key or "",
                    row.explanation or "",
                    status,
                ),
                "subtotal" if row.t_co2e is None and not row.notation_key else "",
            )
        )
    if missing:
        summary = tr(
            "{count} BASIC or BASIC+ sub-categories have neither a value nor a notation key: the inventory "
            "is not complete.",
            count=missing,
        )
    else:
        summary = tr("Every BASIC and BASIC+ sub-category has a value or a notation key.")
    completeness = Table(
        tr("Completeness (GPC sub-categories)"),
        (
            Column(tr("GPC ref."), "code"),
            Column(tr("Sector")),
            Column(tr("Sub-sector")),
            Column(tr("Scope"), "number"),
            Column(tr("Level")),
            Column("tCO2e", "tonnes"),
            Column(tr("Notation key"), "code"),
            Column(tr("Explanation")),
            Column(tr("Status")),
        ),
        tuple(rows),
        key="completeness",
    )
    return Section(tr("Completeness"), paragraphs=(summary,), tables=(completeness,), key="completeness")


# --- included inventories ----------------------------------------------------------------------------


def _included(community: CommunityReport) -> Section:
    rows_by_ref = {row.ref: row for row in community.completeness}
    references = gpc.references()
    paragraphs = [
        tr(
            "These inventories are inside the community's totals: their emissions are shown as \"of "
            'which" and never added to them.'
        )
    ]
    tables = []
    for index, memo in enumerate(community.included, start=1):
        paragraphs.append(
            tr(
                "Of which {name} ({source}), own operations: {total} tCO2e (a memo, inside the totals above)",
                name=memo.name,
                source=memo.source,
                total=whole(memo.total_t_co2e),
            )
        )
        rows: list[Row] = []
        for ref, value in memo.by_reference_t_co2e.items():
            known = references.get(ref)
            name = tr(known.subsector) if known else ref
            rows.append(Row((ref, name, value, _cell(ref, community, rows_by_ref))))
        rows.append(Row(("", tr("Total"), memo.total_t_co2e, None), "total"))
        tables.append(
            Table(
                tr("Of which: {name}", name=memo.name),
                (
                    Column(tr("GPC ref."), "code"),
                    Column(tr("GPC sub-sector")),
                    Column(tr("Of which, tCO2e"), "tonnes"),
                    Column(tr("Community, tCO2e"), "tonnes"),
                ),
                tuple(rows),
                (tr("A memo: already counted in the community's column; not added to any total."),),
                f"included-{index}",
            )
        )
    return Section(tr("Included inventories"), paragraphs=tuple(paragraphs), tables=tuple(tables), key="included")


# --- charts -----------------------------------------------------------------------------------------


def _alt(what: str, pairs: Sequence[tuple[str, float]], total: float) -> str:
    """'Emissions by GPC sector, largest first: Transportation 804,392 tCO2e (43.7 %); ...'"""
    largest = sorted(pairs, key=lambda pair: -pair[1])[:LARGEST_IN_ALT]
    items = "; ".join(
        tr("{name} {value} tCO2e ({share})", name=name, value=whole(value), share=share(value, total))
        for name, value in largest
    )
    return tr("{what}, largest first: {items}.", what=what, items=items)


def _chart(
    title: str, kind: Literal["bar", "pie"], pairs: Sequence[tuple[str, float]], total: float, key: str
) -> Chart:
    categories = tuple(name for name, _ in pairs)
    values = tuple(value for _, value in pairs)
    return Chart(
        title,
        kind,
        categories,
        (Series("tCO2e", values),),
        _alt(title, pairs, total),
        key=key,
    )


def gas_totals(lines: Iterable[Line]) -> dict[str, float]:
    """tCO2e of each gas in the total (a factor given in CO2e counts as its own 'gas'), largest first."""
    found: dict[str, list[float]] = {}
    for line in lines:
        for gas, tonnes in line.t_co2e_by_gas.items():
            found.setdefault(gas, []).append(tonnes)
    totals = {gas: _sum(values) for gas, values in found.items()}
    return dict(sorted(((g, v) for g, v in totals.items() if v), key=lambda item: -item[1]))


def _charts(result: InventoryResult, community: CommunityReport) -> Section:
    order = list(dict.fromkeys(ref.sector for ref in gpc.references().values()))
    sectors = [(tr(s), community.by_sector_t_co2e[s]) for s in order if community.by_sector_t_co2e.get(s)]
    sector_total = _sum(value for _, value in sectors)
    scopes = [(tr("Scope {scope}", scope=s), v) for s, v in result.by_scope_t_co2e.items() if v]
    gases = [
        (tr("CO2e (factors given in CO2e)") if gas == "CO2e" else gas, value)
        for gas, value in gas_totals(result.lines).items()
    ]
    total = result.total_t_co2e
    charts = (
        _chart(tr("Emissions by GPC sector"), "bar", sectors, sector_total, "chart-sectors"),
        _chart(tr("Emissions by scope"), "pie", scopes, total, "chart-scopes"),
        _chart(tr("Emissions by gas"), "bar", gases, total, "chart-gases"),
    )
    return Section(tr("Charts"), charts=charts, key="charts")


# --- factor provenance ------------------------------------------------------------------------------


def line_numbers(numbers: Sequence[int]) -> str:
    """1, 2, 3, 5 -> '1–3, 5'."""
    spans: list[list[int]] = []
    for number in sorted(numbers):
        if spans and number == spans[-1][-1] + 1:
            spans[-1].append(number)
        else:
            spans.append([number])
    return ", ".join(f"{span[0]}–{span[-1]}" if len(span) > 1 else str(span[0]) for span in spans)


def _provenance(result: InventoryResult) -> Section:
    thai = language() == "th"
    used: dict[str, list[int]] = {}
    for line in result.lines:
        used.setdefault(line.factor.ref, []).append(line.index + 1)
    rows: list[Sequence[Cell]] = []
    for s in result.factor_sets:
        title = s.title_th if thai and s.title_th else s.title
        rows.append(
            (
                s.ref,
                title,
                s.publisher,
                show_date(s.published, result.period.buddhist),
                s.sha256,
                line_numbers(used.get(s.ref, [])),
            )
        )
    known = {s.ref for s in result.factor_sets}
    for ref, numbers in used.items():
        if ref in known:
            continue
        title = (
            tr("Calculation methods (their parameters are in the inventory)")
            if ref == "method"
            else tr("Factors written in the inventory")
        )
        rows.append((ref, title, "", "", "", line_numbers(numbers)))
    sets = table(
        tr("Factor sets used"),
        (
            Column(tr("Set"), "code"),
            Column(tr("Title")),
            Column(tr("Publisher")),
            Column(tr("Published")),
            Column("sha256", "code"),
            Column(tr("Lines")),
        ),
        rows,
        notes=(tr("The sha256 is of the set's tables as used; a verifier can recompute it."),),
        key="factor-sets",
    )
    lines = table(
        tr("Factor of each line"),
        (
            Column("#", "number"),
            Column(tr("Emission source")),
            Column(tr("GPC ref."), "code"),
            Column(tr("Factor or method"), "code"),
            Column(tr("Set"), "code"),
            Column(tr("Source")),
        ),
        [
            (line.index + 1, _line_name(line), line.gpc or "", line.factor.key, line.factor.ref, line.factor.source)
            for line in result.lines
        ],
        key="factor-lines",
    )
    return Section(tr("Factor provenance"), tables=(sets, lines), key="factors")


def _warnings(result: InventoryResult) -> list[Section]:
    if not result.warnings:
        return []
    title = tr("Warnings: {count}", count=len(result.warnings))
    rows = [(issue.code, issue.message) for issue in result.warnings]
    columns = (Column(tr("Code"), "code"), Column(tr("Message")))
    return [Section(title, tables=(table(title, columns, rows, key="warnings"),), key="issues")]


def _line_name(line: Line) -> str:
    return line.label or factor_name(line.factor) or line.activity
