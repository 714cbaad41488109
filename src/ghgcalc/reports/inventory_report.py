"""An organisation's inventory as one report Document (reports/document.py): what a municipality
shows its council, rendered to a web page (`compute --format html`) and to any other format.

For each inventory: the summary facts (organisation type and province when given, the period as
written, GWP, factor sets), the totals by scope with their shares and TGO Fr-05's ROUNDUP figures,
what is reported separately, the intensity per unit of output, the largest sources, every line,
the factors and the documents they come from, and, when the result has them, the uncertainty, key
categories and data quality (reports/inventory_analysis.py). A community inventory is laid out in
the GPC's tables by reports/gpc_report.py.

Values are the result's own floats, as the JSON result holds them; only a renderer rounds what it
shows. The exception is TGO's Fr-05 column, whole tonnes rounded up as the form's ROUNDUP(x, 0).
Pure: results in, a Document out; texts are translated when the document is built.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from ghgcalc import __version__
from ghgcalc.core.edition_gwp import EDITION_GWP, result_weights
from ghgcalc.i18n import N_, language, tr
from ghgcalc.io.factor_names import factor_name
from ghgcalc.models.factor import Factor, FactorSet
from ghgcalc.models.result import InventoryResult, Line
from ghgcalc.reports.cfo_fr05 import NOTE_ROUNDUP
from ghgcalc.reports.cfo_text import SEPARATE_KINDS, date_text, local_government, period_text
from ghgcalc.reports.document import Cell, Chart, Column, Document, Fact, Row, Section, Series, table
from ghgcalc.reports.markdown import SCOPE_LABELS, SCOPES, kind_text, largest, line_name, round_up, scope_totals
from ghgcalc.reports.render_markdown import fixed

TOP_SOURCES = 10  # as TGO Fr-05 lists them
NOTE_SEPARATE = N_(
    'Reported separately, outside the total (the row "อื่น ๆ" of TGO Fr-05): biogenic CO2 and gases '
    "outside the Kyoto basket such as R-22."
)
NOTE_LINES = N_(
    "Amounts are the activity data as the inventory gives them (monthly values summed), in its units; "
    "tCO2e are the line's emissions counted in the total."
)
NOTE_FACTORS = N_(
    "A factor comes from its set's document, listed above with the publisher, title and edition; its "
    "source is the table, page or sheet row the value is read from, then the transcription it was read "
    "through or checked against."
)


def document(results: Sequence[InventoryResult]) -> Document:
    """One Document for the results: one inventory's own, or a section per inventory for several."""
    pages = [page(result) for result in results]
    if len(pages) == 1:
        return pages[0]
    return combine(pages)


def gpc_layout(result: InventoryResult) -> bool:
    """Whether an inventory is laid out in the GPC's tables (a community's, docs/community.md) rather
    than as TGO's CFO forms (an organisation's): in every format, whatever else the run computes."""
    return result.kind == "community" and result.community is not None


def page(result: InventoryResult) -> Document:
    """One inventory's report: a community's in the GPC's layout (reports/gpc_report.py), an
    organisation's here."""
    if gpc_layout(result):
        from ghgcalc.reports import gpc_report

        return gpc_report.document(result)
    return inventory_document(result)


def combine(pages: Sequence[Document]) -> Document:
    """Several inventories on one page. Each opens with a section under its name that holds its facts
    and its first part (a printed page never holds a name alone); each later section names the
    inventory too, so that a printed page says whose numbers it shows. Keys are prefixed so that
    every anchor of the page is unique."""
    sections: list[Section] = []
    notes: list[str] = []
    for number, page in enumerate(pages, start=1):
        prefix = f"inventory-{number}"
        parts = [_prefixed(section, prefix) for section in page.sections]
        first = parts[0] if parts else Section(page.title)
        sections.append(
            replace(
                first,
                title=page.title,
                facts=(*page.facts, *first.facts),
                paragraphs=(*((page.subtitle,) if page.subtitle else ()), *first.paragraphs),
                key=prefix,
            )
        )
        sections += [
            replace(section, title=tr("{title}: {name}", title=section.title, name=page.title)) for section in parts[1:]
        ]
        notes += [note for note in page.source_notes if note not in notes]
    names = [page.title for page in pages]
    return Document(
        title=tr("Greenhouse gas inventories"),
        language=language(),
        sections=tuple(sections),
        subtitle=tr("{count} inventories: {names}", count=len(pages), names="; ".join(names))
        if pages
        else tr("No inventory was computed."),
        footer=_footer(),
        source_notes=tuple(notes),
    )


def _prefixed(section: Section, prefix: str) -> Section:
    return replace(
        section,
        key=f"{prefix}-{section.key}",
        tables=tuple(replace(t, key=f"{prefix}-{t.key}") for t in section.tables),
        charts=tuple(replace(c, key=f"{prefix}-{c.key}") for c in section.charts),
    )


def _footer() -> str:
    return tr("Made with ghgcalc {version}", version=__version__)


def inventory_document(result: InventoryResult) -> Document:
    """The report of one organisation's inventory."""
    from ghgcalc.reports.inventory_analysis import analysis_sections

    sections = [
        _by_scope(result),
        *_intensity(result),
        *_largest(result),
        _lines(result),
        *analysis_sections(result),
        _factors(result),
        *warnings_sections(result),
    ]
    return Document(
        title=result.name,
        language=language(),
        sections=tuple(sections),
        subtitle=tr("Greenhouse gas inventory, {period}", period=period_text(result.period)),
        facts=summary_facts(result),
        footer=_footer(),
        source_notes=tuple(f"{s.ref} sha256 {s.sha256}" for s in result.factor_sets),
    )


def summary_facts(result: InventoryResult) -> tuple[Fact, ...]:
    facts = [Fact(tr("Name"), result.name)]
    if result.kind != "organization":  # an organisation is what this report is about; say when it is not
        facts.append(Fact(tr("Kind"), kind_text(result.kind)))
    organisation = result.organization
    if organisation is not None and organisation.type is not None:
        facts.append(Fact(tr("Type of local government"), local_government(organisation.type) or ""))
    if organisation is not None and organisation.province:
        facts.append(Fact(tr("Province"), organisation.province))
    facts += [
        Fact(tr("Period"), period_text(result.period)),
        Fact(tr("GWP"), tr("{gwp} (100-year)", gwp=result.gwp)),
        *((Fact(tr(EDITION_GWP), weights),) if (weights := result_weights(result)) else ()),
        Fact(tr("Factor sets"), "; ".join(_set_title(s.ref, result) for s in result.factor_sets) or "-"),
        Fact(tr("Source file"), result.source),
    ]
    if result.tables:
        from ghgcalc.reports.gpc_report import tables_text

        facts.append(Fact(tr("Activity tables"), tables_text(result)))
    return tuple(facts)


def _set_title(ref: str, result: InventoryResult) -> str:
    the_set = next(s for s in result.factor_sets if s.ref == ref)
    title = the_set.title_th if language() == "th" and the_set.title_th else the_set.title
    return tr("{ref} ({title})", ref=ref, title=title) if title else ref


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _by_scope(result: InventoryResult) -> Section:
    """Totals by scope, exact and as TGO Fr-05 rounds them up, with shares; the separately reported."""
    scopes = scope_totals(result)
    rounded = {scope: round_up(value) for scope, value in scopes.items()}
    total = result.total_t_co2e
    s12 = math.fsum([scopes[1], scopes[2]])
    columns = (
        Column(tr("Scope")),
        Column("tCO2e", "tonnes"),
        Column(tr("TGO Fr-05 (rounded up)"), "number"),
        Column(tr("% of Scope 1+2"), "share"),
        Column(tr("% of Scope 1+2+3"), "share"),
    )
    rows: list[Row] = [
        Row(
            (
                tr(SCOPE_LABELS[scope]),
                scopes[scope],
                rounded[scope],
                _share(scopes[scope], s12) if scope < 3 else None,
                _share(scopes[scope], total),
            )
        )
        for scope in SCOPES
    ]
    rows += [
        Row(
            (tr("Total Scope 1 & 2"), s12, rounded[1] + rounded[2], 1.0 if s12 else None, _share(s12, total)),
            "subtotal",
        ),
        Row((tr("Total Scope 1 & 2 & 3"), total, sum(rounded.values()), None, 1.0 if total else None), "total"),
    ]
    tables = [table(tr("Emissions by scope"), columns, rows, notes=[tr(NOTE_ROUNDUP)], key="by-scope")]
    separate = result.separately_reported_t_co2e
    other = math.fsum(separate.values())
    if other:
        separate_rows: list[Row] = [
            Row((tr(SEPARATE_KINDS[kind]), value, None), level=1) for kind, value in separate.items() if value
        ]
        separate_rows.append(Row((tr("Other (reported separately)"), other, round_up(other)), "total"))
        tables.append(
            table(
                tr("Reported separately"),
                (Column(tr("Item")), Column("tCO2e", "tonnes"), Column(tr("TGO Fr-05 (rounded up)"), "number")),
                separate_rows,
                notes=[tr(NOTE_SEPARATE)],
                key="separately-reported",
            )
        )
    paragraphs = () if other else (tr("Reported separately: none."),)
    return Section(
        tr("Emissions by scope"),
        paragraphs=paragraphs,
        tables=tuple(tables),
        charts=_scope_chart(result, scopes, total),
        key="emissions",
    )


def _tonnes(value: float) -> str:
    """Tonnes in a chart's text alternative, as a table shows them (two decimals, "< 0.01")."""
    return fixed(value, 2)


def _scope_chart(result: InventoryResult, scopes: dict[int, float], total: float) -> tuple[Chart, ...]:
    if total <= 0:
        return ()
    shown = [scope for scope in SCOPES if scopes[scope] > 0]
    names = tuple(tr(SCOPE_LABELS[scope]) for scope in shown)
    parts = "; ".join(
        tr(
            "{name}: {tonnes} tCO2e ({share} %)",
            name=name,
            tonnes=_tonnes(scopes[scope]),
            share=fixed(100 * scopes[scope] / total, 1),
        )
        for name, scope in zip(names, shown, strict=True)
    )
    alt = tr("Emissions by scope, of {total} tCO2e in all: {parts}.", total=_tonnes(total), parts=parts)
    return (
        Chart(
            tr("Share by scope"),
            "pie",
            names,
            (Series("tCO2e", tuple(scopes[scope] for scope in shown)),),
            alt,
            key="by-scope-chart",
        ),
    )


def _intensity(result: InventoryResult) -> list[Section]:
    """TGO Fr-05's carbon intensity: tCO2e per unit of the output the inventory gives."""
    intensity = result.intensity
    if result.output is None or intensity is None:
        return []
    amount, unit, name = result.output
    scopes = scope_totals(result)
    s12_rounded = round_up(scopes[1]) + round_up(scopes[2])
    all_rounded = s12_rounded + round_up(scopes[3])
    per = tr("tCO2e per {unit}", unit=unit)
    rows = [
        (tr("Scope 1+2"), intensity["scope_1_2"], s12_rounded / amount),
        (tr("Scope 1+2+3"), intensity["scope_1_2_3"], all_rounded / amount),
    ]
    facts = [Fact(tr("Output"), f"{amount:,.15g} {unit}")]
    if name:
        facts.append(Fact(tr("Name"), name))
    columns = (
        Column(tr("Scopes")),
        Column(per, "number"),
        Column(tr("TGO Fr-05 (from rounded-up tonnes)"), "number"),
    )
    return [
        Section(
            tr("Carbon intensity"),
            facts=tuple(facts),
            tables=(table(tr("Carbon intensity"), columns, rows, key="intensity"),),
            key="carbon-intensity",
        )
    ]


def _largest(result: InventoryResult) -> list[Section]:
    top = largest(result, TOP_SOURCES)
    if not top:
        return []
    total = result.total_t_co2e
    columns = (
        Column(tr("Emission source")),
        Column(tr("Activity"), "code"),
        Column(tr("Scope"), "number"),
        Column("tCO2e", "tonnes"),
        Column(tr("% of total"), "share"),
    )
    rows = [(line_name(line), line.activity, line.scope, line.t_co2e, _share(line.t_co2e, total)) for line in top]
    names = tuple(line_name(line) for line in top)
    first = top[0]
    alt = tr(
        "The {count} largest sources in tCO2e, largest first; the largest is {name}: {tonnes} tCO2e "
        "({share} % of the total).",
        count=len(top),
        name=line_name(first),
        tonnes=_tonnes(first.t_co2e),
        share=fixed(100 * first.t_co2e / total, 1),
    )
    chart = Chart(
        tr("Largest sources (tCO2e)"),
        "bar",
        names,
        (Series("tCO2e", tuple(line.t_co2e for line in top)),),
        alt,
        key="largest-chart",
    )
    title = tr("Largest sources (top {count})", count=TOP_SOURCES)
    return [
        Section(title, tables=(table(title, columns, rows, key="largest"),), charts=(chart,), key="largest-sources")
    ]


def _lines(result: InventoryResult) -> Section:
    """Every line of the inventory, in its order, with the factor it used."""
    separate = any(line.separately_reported_t_co2e for line in result.lines)
    columns = [
        Column(tr("Emission source")),
        Column("#", "number"),
        Column(tr("Activity"), "code"),
        Column(tr("Amount"), "number"),
        Column(tr("Unit")),
        Column(tr("Scope"), "number"),
        Column("tCO2e", "tonnes"),
        *([Column(tr("Reported separately, tCO2e"), "tonnes")] if separate else []),
        Column(tr("Factor key"), "code"),
        Column(tr("Factor set"), "code"),
    ]
    rows = [_line_row(line, separate) for line in result.lines]
    title = tr("Every line")
    return Section(title, tables=(table(title, columns, rows, notes=[tr(NOTE_LINES)], key="lines"),), key="all-lines")


def _line_row(line: Line, separate: bool) -> tuple[Cell, ...]:
    outside = math.fsum(line.separately_reported_t_co2e.values()) if line.separately_reported_t_co2e else None
    return (
        line_name(line),  # its label, else its factor's name
        line.index + 1,
        line.activity,
        line.amount,
        line.unit,
        line.scope,
        line.t_co2e,
        *([outside] if separate else []),
        line.factor.key,
        line.factor.ref,
    )


def used_factors(result: InventoryResult) -> list[Factor]:
    """Each factor the lines used, once, in the order the lines first use it."""
    found: dict[tuple[str, str, str], Factor] = {}
    for line in result.lines:
        found.setdefault((line.factor.ref, line.factor.key, line.factor.per), line.factor)
    return list(found.values())


def set_document(the_set: FactorSet) -> str:
    """The publisher's document a set transcribes: publisher, title and edition, in the run's language."""
    title = the_set.title_th if language() == "th" and the_set.title_th else the_set.title
    parts = [the_set.publisher, title, the_set.edition]
    return ". ".join(part.rstrip(".") for part in parts if part)


def _factors(result: InventoryResult) -> Section:
    """The documents the factors come from (one row per factor set, with its hash), then each factor
    used with the table, page or row it is read from and the transcription it was read through."""
    factors = used_factors(result)
    verified = any(factor.verified_via for factor in factors)
    thai = language() == "th"
    documents: list[tuple[Cell, ...]] = [
        (s.ref, set_document(s), date_text(s.published, result.period) or "", s.sha256) for s in result.factor_sets
    ]
    custom = sorted({factor.ref for factor in factors if factor.set_id == "custom"})
    documents += [(ref, tr("defined in the inventory (custom factor)"), "", "") for ref in custom]
    document_columns = (
        Column(tr("Set"), "code"),
        Column(tr("Document (publisher, title, edition)")),
        Column(tr("Published")),
        Column("sha256", "code"),
    )
    columns = [
        Column(tr("Key"), "code"),
        Column(tr("Set"), "code"),
        Column(tr("Name")),
        Column(tr("Per")),
        Column(tr("kg of each gas per unit")),
        Column(tr("Source")),
        *([Column(tr("Verified via"))] if verified else []),
    ]
    rows = [
        (
            factor.key,
            factor.ref,
            factor_name(factor, thai),
            factor.per,
            # every digit the set holds, as its source prints it: a verifier redoes a line from it;
            # a gas and its value joined by a no-break space, so that a narrow column breaks between gases
            "; ".join(f"{g.gas}\u00a0{Decimal(repr(g.kg)):f}" for g in factor.gases),
            factor.source,
            *([factor.verified_via] if verified else []),
        )
        for factor in factors
    ]
    return Section(
        tr("Emission factors used, and the documents they are cited from"),
        tables=(
            table(tr("Factor sets"), document_columns, documents, key="factor-sets"),
            table(tr("Factors"), columns, rows, notes=[tr(NOTE_FACTORS)], key="factors"),
        ),
        key="factor-provenance",
    )


def warnings_sections(result: InventoryResult) -> list[Section]:
    if not result.warnings:
        return []
    # where each is and how to fix it: a verifier who gets the workbook alone finds the line from it
    rows = [
        (issue.code, issue.message, str(issue.location) if issue.location else "", issue.hint or "")
        for issue in result.warnings
    ]
    title = tr("Warnings: {count}", count=len(result.warnings))
    columns = (Column(tr("Code"), "code"), Column(tr("Message")), Column(tr("Where"), "code"), Column(tr("How to fix")))
    return [Section(title, tables=(table(title, columns, rows, key="warnings"),), key="issues")]
