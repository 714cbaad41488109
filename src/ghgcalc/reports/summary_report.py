"""A programme's summary (`ghgcalc summary`) as one Document (reports/document.py), rendered to
the terminal, Markdown, xlsx and HTML: the inventories (one row per input file, failed ones
included, with their first error), the rollups by province and by type of local government with
a chart of the totals, and the outliers among peers (core/summary.py says the rule).

A workbook has one sheet per section, never one per file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ghgcalc import __version__
from ghgcalc.core.summary import INTENSITIES, MIN_PEERS, OUTLIER_RATIO, Outlier, Rollup, SummaryRow
from ghgcalc.errors import Issue
from ghgcalc.i18n import N_, language, tr
from ghgcalc.models.inventory import LOCAL_GOVERNMENT_TH
from ghgcalc.models.period import Period
from ghgcalc.reports.document import Cell, Chart, Column, Document, Fact, Section, Series, Table, table

INTENSITY_TITLES = {
    "per_staff": N_("tCO2e per staff member"),
    "per_capita": N_("tCO2e per person"),
    "per_output": N_("tCO2e per unit of output"),
}


@dataclass(frozen=True)
class Summary:
    """What the report shows (api.SummaryOutcome has these fields)."""

    rows: tuple[SummaryRow, ...]
    by_province: tuple[Rollup, ...]
    by_type: tuple[Rollup, ...]
    outliers: tuple[Outlier, ...]
    warnings: tuple[Issue, ...] = ()  # of the summary as a whole: shown first, as the reader must see them


# the inventories' columns a terminal has room for (`compact`): the other formats show them all
COMPACT = ("file", "name", "province", "type", "period", "status", "errors", "warnings", "first_error_code", "total")


def document(summary: Summary, compact: bool = False) -> Document:
    """The summary; `compact` keeps the inventories' table to the columns of COMPACT (a terminal)."""
    rows = summary.rows
    counts = {status: sum(1 for r in rows if r.status == status) for status in ("ok", "warnings", "errors")}
    facts = (
        Fact(tr("Files"), str(len(rows)), len(rows)),
        Fact(tr("Computed without problems"), str(counts["ok"]), counts["ok"]),
        Fact(tr("Computed with warnings"), str(counts["warnings"]), counts["warnings"]),
        Fact(tr("With errors (not computed)"), str(counts["errors"]), counts["errors"]),
    )
    warned = (
        (Section(tr("Warnings"), paragraphs=tuple(_warning_text(w) for w in summary.warnings), key="warnings"),)
        if summary.warnings
        else ()
    )
    sections = (
        *warned,
        Section(tr("Inventories"), tables=(_inventories(rows, compact),), key="inventories"),
        _rollup_section(tr("By province"), tr("Province"), summary.by_province, "by-province"),
        _rollup_section(tr("By type of local government"), tr("Type"), summary.by_type, "by-type"),
        Section(
            tr("Outliers among peers"),
            paragraphs=(
                tr(
                    "An intensity is an outlier when it is more than {ratio} times the median of its peers "
                    "or less than that median divided by {ratio}; peers are the inventories of the same type "
                    "of local government, over a period of the same length, that have the intensity (the "
                    "inventory itself included), at least {peers} of them.",
                    ratio=format(OUTLIER_RATIO, "g"),
                    peers=MIN_PEERS,
                ),
            ),
            tables=(_outliers(summary.outliers),),
            key="outliers",
        ),
    )
    return Document(
        title=tr("Summary of {count} inventories", count=len(rows)),
        language=language(),
        sections=sections,
        facts=facts,
        footer=tr("ghgcalc {version}", version=__version__),
    )


def _warning_text(warning: Issue) -> str:
    """A warning of the summary as a paragraph: where (a file), what, and what to do."""
    where = f"{warning.location}: " if warning.location is not None else ""
    return f"{where}{warning.message} ({warning.hint})" if warning.hint else f"{where}{warning.message}"


# The inventories' columns in the order a person reads a row (the table, Markdown, workbook and web
# page): which one, how it went and its total first; then when and what it is, the scopes and the
# intensities; the problems; last the file and how it was computed. The CSV and JSON keep the
# order of core/summary.py's SummaryRow, which scripts read (docs/cli.md, "ghgcalc summary").
READING_ORDER = (
    "name",
    "status",
    "total",
    "period",
    "type",
    "province",
    "code",
    "scope_1",
    "scope_2",
    "scope_3",
    "separately_reported",
    *INTENSITIES,
    "errors",
    "warnings",
    "first_error_code",
    "first_error",
    "file",
    "factor_editions",
    "gwp",
)


def _inventories(rows: Sequence[SummaryRow], compact: bool) -> Table:
    titles = {
        "file": Column(tr("File")),
        "name": Column(tr("Name")),
        "code": Column(tr("Code"), "code"),
        "province": Column(tr("Province")),
        "type": Column(tr("Type")),
        "period": Column(tr("Period")),
        "status": Column(tr("Status"), "code"),
        "errors": Column(tr("Errors"), "number"),
        "warnings": Column(tr("Warnings"), "number"),
        "first_error_code": Column(tr("First error"), "code"),
        "first_error": Column(tr("Message")),
        "scope_1": Column(tr("Scope 1, tCO2e"), "tonnes"),
        "scope_2": Column(tr("Scope 2, tCO2e"), "tonnes"),
        "scope_3": Column(tr("Scope 3, tCO2e"), "tonnes"),
        "total": Column(tr("Total, tCO2e"), "tonnes"),
        "separately_reported": Column(tr("Separately reported, tCO2e"), "tonnes"),
        **{name: Column(tr(INTENSITY_TITLES[name]), "number") for name in INTENSITIES},
        "factor_editions": Column(tr("Factor editions"), "code"),
        "gwp": Column(tr("GWP"), "code"),
    }
    kept = [name for name in READING_ORDER if not compact or name in COMPACT]
    columns = [titles[name] for name in kept]
    cells: list[Sequence[Cell]] = []
    for r in rows:
        message = r.first_error
        if message is not None and r.first_error_at:
            message = tr("{where}: {message}", where=r.first_error_at, message=message)
        every: dict[str, Cell] = {
            "file": r.file,
            "name": r.name,
            "code": r.code,
            "province": r.province,
            "type": type_name(r.type),
            "period": period_name(r),
            "status": tr(STATUS_WORDS[r.status]),
            "errors": r.errors,
            "warnings": r.warnings,
            "first_error_code": r.first_error_code,
            "first_error": message,
            "scope_1": r.scope_1,
            "scope_2": r.scope_2,
            "scope_3": r.scope_3,
            "total": r.total,
            "separately_reported": r.separately_reported,
            **{name: getattr(r, name) for name in INTENSITIES},
            "factor_editions": ", ".join(r.factor_editions) or None,
            "gwp": r.gwp,
        }
        cells.append([every[name] for name in kept])
    return table(tr("One row per input file"), columns, cells, key="inventories")


# A row's status in the reader's words; the CSV and JSON keep the word itself, for scripts.
STATUS_WORDS = {"ok": N_("ok"), "warnings": N_("with warnings"), "errors": N_("with errors")}


def type_name(key: str | None) -> str | None:
    """A type of local government as the reader says it: TGO's Thai name in a Thai run, else the
    key in words (`subdistrict administrative organization`: a narrow table wraps it between words;
    the CSV and JSON keep the key); an inventory's kind in the run's language."""
    if key is None:
        return None
    if key in LOCAL_GOVERNMENT_TH:
        return LOCAL_GOVERNMENT_TH[key] if language() == "th" else key.replace("-", " ")
    return tr(key) if key in ("organization", "community") else key


def _rollup_section(title: str, group_title: str, rollups: Sequence[Rollup], key: str) -> Section:
    present = [name for name in INTENSITIES if any(name in r.intensities for r in rollups)]
    columns = [
        Column(group_title),
        Column(tr("Files"), "number"),
        Column(tr("Computed"), "number"),
        Column(tr("With errors"), "number"),
        Column(tr("Total, tCO2e"), "tonnes"),
    ]
    for name in present:
        what = tr(INTENSITY_TITLES[name])
        columns += [
            Column(tr("{intensity}: median", intensity=what), "number"),
            Column(tr("{intensity}: min", intensity=what), "number"),
            Column(tr("{intensity}: max", intensity=what), "number"),
        ]
    cells: list[Sequence[Cell]] = []
    for r in rollups:
        spreads: list[Cell] = []
        for name in present:
            found = r.intensities.get(name)
            spreads += [found.median, found.low, found.high] if found else [None, None, None]
        cells.append((_group(r, key) or tr("(not given)"), r.count, r.ok, r.with_errors, r.total, *spreads))
    computed = [r for r in rollups if r.total is not None]  # a group of failed files has no bar (not 0)
    groups = tuple(_group(r, key) or tr("(not given)") for r in computed)
    chart = Chart(
        title=tr("Total emissions: {what}", what=title),
        kind="bar",
        categories=groups,
        series=(Series(tr("Total, tCO2e"), tuple(r.total or 0.0 for r in computed)),),
        alt=_alt(computed, groups),
        key=f"{key}-chart",
    )
    return Section(title, tables=(table(title, columns, cells, key=key),), charts=(chart,), key=key)


def _group(rollup: Rollup, key: str) -> str | None:
    return type_name(rollup.group) if key == "by-type" else rollup.group


def _alt(rollups: Sequence[Rollup], groups: Sequence[str]) -> str:
    if not rollups:
        return tr("No inventory was computed.")
    largest = max(range(len(rollups)), key=lambda i: rollups[i].total or 0.0)
    return tr(
        "Total tCO2e of the computed inventories of {count} groups; the largest is {group} with {total} tCO2e.",
        count=len(rollups),
        group=groups[largest],
        total=format(rollups[largest].total or 0.0, ",.2f"),
    )


def _outliers(found: Sequence[Outlier]) -> Table:
    columns = (
        Column(tr("File")),
        Column(tr("Name")),
        Column(tr("Type")),
        Column(tr("Intensity")),
        Column(tr("Value"), "number"),
        Column(tr("Peer median"), "number"),
        Column(tr("Peers"), "number"),
        Column(tr("Times the median"), "number"),
    )
    cells = [
        (
            o.file,
            o.name,
            type_name(o.type),
            tr(INTENSITY_TITLES[o.intensity]),
            o.value,
            o.peer_median,
            o.peers,
            round(o.ratio, 2),
        )
        for o in found
    ]
    notes = () if found else (tr("No intensity is far from its peers' median."),)
    return table(tr("Outliers among peers"), columns, cells, notes=notes, key="outliers")


def period_name(row: SummaryRow) -> str | None:
    """The period for a reader, as every other report names it (Period.name: "ปีงบประมาณ 2567" in Thai,
    "fiscal year 2567", a year in the calendar shown); as written when it has no name (its days)."""
    if not (row.period_start and row.period_end):
        return row.period
    period = Period(dt.date.fromisoformat(row.period_start), dt.date.fromisoformat(row.period_end), row.period)
    return period.name or row.period
