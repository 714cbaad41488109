"""`ghgcalc trend`: several years of one entity against a base year."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

import typer

from ghgcalc.cli.output import write_stdout
from ghgcalc.errors import ExitCode
from ghgcalc.i18n import tr


class TrendFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _rows(outcome: Any) -> list[dict[str, Any]]:
    rows = []
    for year in outcome.trend.years:
        result = year.result
        rows.append(
            {
                "source": result.source,
                "name": result.name,
                "period_start": result.period.start.isoformat(),
                "period_end": result.period.end.isoformat(),
                "base_year": year is outcome.trend.years[outcome.trend.base_index],
                "gwp": result.gwp,
                "factor_sets": [s.ref for s in result.factor_sets],
                "total_t_co2e": year.total_t_co2e,
                "by_scope_t_co2e": year.by_scope_t_co2e,
                "by_sector_t_co2e": result.community.by_sector_t_co2e if result.community else None,
                "change_from_base_t_co2e": year.change_from_base_t,
                "change_from_base_pct": year.change_from_base_pct,
                "change_from_previous_t_co2e": year.change_from_previous_t,
                "change_from_previous_pct": year.change_from_previous_pct,
                "intensities": year.intensities,
                "differs_from_base": list(year.differs_from_base),
                "missing_before": list(year.missing_before),
            }
        )
    return rows


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
        rows = _rows(outcome)
        rebased = outcome.rebased
        chosen = output_format or (TrendFormat.table if sys.stdout.isatty() else TrendFormat.json)
        if chosen is TrendFormat.json:
            data: dict[str, Any] = {"ghgcalc_trend": 1, "years": rows}
            if rebased is not None:
                data["base_year_recomputed"] = {
                    "source": rebased.source,
                    "gwp": rebased.gwp,
                    "factor_sets": [s.ref for s in rebased.factor_sets],
                    "total_t_co2e": rebased.total_t_co2e,
                    "by_scope_t_co2e": rebased.by_scope_t_co2e,
                }
            write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif chosen is TrendFormat.csv:
            from ghgcalc.io.writers import dicts_csv  # the one guarded CSV writer: labels are never formulas

            write_stdout(dicts_csv(rows))  # a list or mapping (scopes, intensities) is JSON in its cell
        else:
            from ghgcalc.cli import render

            render.trend_table(rows, rebased, [year.result.period for year in outcome.trend.years])
