"""`ghgcalc trend`: several years of one entity against a base year."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

from ghgcalc.cli.output import write_stdout
from ghgcalc.errors import ExitCode
from ghgcalc.i18n import tr


class TrendFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def register(app: typer.Typer) -> None:
    @app.command()
    def trend(
        paths: list[str] = typer.Argument(..., metavar="PATH", help="The inventories of one entity, or a folder."),
        base_year: int | None = typer.Option(
            None, "--base-year", help="The year (C.E. or B.E.) the base inventory ends in; default: the earliest."
        ),
        output_format: TrendFormat | None = typer.Option(None, "--format", "-f", help="table, json or csv."),
    ) -> None:
        """Totals per year, change against the base year and year on year, and intensities."""
        from ghgcalc import api
        from ghgcalc.errors import printable

        outcome = api.trend_files(paths, base_year=base_year)
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
        chosen = output_format or (TrendFormat.table if sys.stdout.isatty() else TrendFormat.json)
        if chosen is TrendFormat.json:
            write_stdout(json.dumps(writers.trend_dict(trend, rebased), ensure_ascii=False, indent=2) + "\n")
        elif chosen is TrendFormat.csv:
            write_stdout(writers.trend_csv(trend))  # the one guarded CSV writer: labels are never formulas
        else:
            from ghgcalc.cli import render

            render.trend_table(writers.trend_rows(trend), rebased, [year.result.period for year in trend.years])
