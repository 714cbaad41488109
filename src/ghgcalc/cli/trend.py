"""`ghgcalc trend`: several years of one entity against a base year."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

import typer

from ghgcalc.errors import ExitCode, UsageError
from ghgcalc.i18n import N_, tr


class TrendFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"
    html = "html"


FORMAT_HELP = N_(
    "table, json, csv, md, xlsx or html; default: from the -o file's extension, else table on a terminal and json "
    "otherwise."
)


def _report(outcome: Any, chosen: TrendFormat) -> str | bytes:
    """The trend's report (reports/trend_report.py) in Markdown, a workbook or a web page."""
    from ghgcalc.reports.trend_report import document

    built = document(outcome)
    if chosen is TrendFormat.md:
        from ghgcalc.reports import render_markdown

        return render_markdown.render(built)
    if chosen is TrendFormat.xlsx:
        from ghgcalc.reports import render_xlsx

        return render_xlsx.render(built)
    from ghgcalc.reports import render_html

    return render_html.render(built)


def register(app: typer.Typer) -> None:
    @app.command(help=tr("Totals per year, change against the base year and year on year, and intensities."))
    def trend(
        paths: list[str] = typer.Argument(..., metavar="PATH", help=tr("The inventories of one entity, or a folder.")),
        base_year: int | None = typer.Option(
            None, "--base-year", help=tr("The year (C.E. or B.E.) the base inventory ends in; default: the earliest.")
        ),
        output_format: TrendFormat | None = typer.Option(None, "--format", "-f", help=tr(FORMAT_HELP)),
        out: str | None = typer.Option(
            None, "--output", "-o", metavar="FILE", help=tr("Write the result to this file.")
        ),
        force: bool = typer.Option(False, "--force", help=tr("Replace an existing output file.")),
    ) -> None:
        from ghgcalc import api
        from ghgcalc.cli.output import check_target, chosen_format
        from ghgcalc.errors import printable

        chosen = chosen_format(output_format, out, TrendFormat)
        if chosen is TrendFormat.xlsx and out is None and sys.stdout.isatty():
            raise UsageError(tr("--format xlsx writes a workbook: give it a file"), tr("add -o trend.xlsx"))
        if chosen is TrendFormat.table and out is not None:
            raise UsageError(
                tr("the trend's table is for the terminal"),
                tr("write md, html, xlsx, json or csv to a file: add --format md"),
            )
        target = check_target(out, [p for p in paths if p != "-"], force)
        outcome = api.trend_files(paths, base_year=base_year)
        for issue in outcome.passed:  # a plan or a summary in the folder
            print(issue.format(), file=sys.stderr)
        for computed in outcome.outcomes:
            for issue in computed.issues:
                print(issue.format(), file=sys.stderr)
        for issue in outcome.issues:
            print(issue.format(), file=sys.stderr)
        if outcome.trend is None:
            why = (
                tr("ghgcalc: the trend needs one inventory per period")
                if outcome.issues
                else tr("ghgcalc: the trend needs every inventory computed without errors")
            )
            print(why, file=sys.stderr)
            raise typer.Exit(ExitCode.INPUT_ERRORS)
        for note in outcome.notes:
            print(tr("note: {note}", note=printable(note)), file=sys.stderr)
        from ghgcalc.io import writers

        trend = outcome.trend
        rebased = outcome.rebased
        data: str | bytes
        if chosen is TrendFormat.table:  # the report's sections, as its md, xlsx and html show them
            from ghgcalc.cli.output import write_stdout
            from ghgcalc.cli.render_document import document_text
            from ghgcalc.reports.trend_report import document

            write_stdout(document_text(document(outcome), terminal=sys.stdout.isatty()))
            return
        if chosen is TrendFormat.json:
            data = json.dumps(writers.trend_dict(trend, rebased), ensure_ascii=False, indent=2) + "\n"
        elif chosen is TrendFormat.csv:
            data = writers.trend_csv(trend)  # the one guarded CSV writer: labels are never formulas
        else:
            data = _report(outcome, chosen)
        target.write(data, read=[read for computed in outcome.outcomes for read in computed.reads])
