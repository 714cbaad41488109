"""`ghgcalc plan`: BAU and plan by year, measures, targets and the MACC, from one plan file."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Any

import typer

from ghgcalc.errors import ExitCode, UsageError, printable
from ghgcalc.i18n import tr


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"
    html = "html"


CHART_NAMES = ("trajectory", "macc")


def _chart_targets(folder: str, plan_path: str, force: bool) -> dict[str, Any]:
    from ghgcalc.cli.output import check_target

    if not os.path.isdir(folder):
        raise UsageError(
            tr("{folder}: no such folder for the charts", folder=folder),
            tr("create it first, or give another with --charts"),
        )
    stem = os.path.splitext(os.path.basename(plan_path))[0] if plan_path != "-" else "plan"
    paths = {name: os.path.join(folder, f"{stem}-{name}.png") for name in CHART_NAMES}
    return {name: check_target(path, [plan_path], force) for name, path in paths.items()}


def register(app: typer.Typer) -> None:
    @app.command(
        help=tr("Project a base inventory to the horizon (BAU), apply measures in order, check targets, cost them.")
    )
    def plan(
        path: str = typer.Argument(
            ..., metavar="PLAN", help=tr("A plan file (YAML): base inventory, horizon, measures.")
        ),
        output_format: PlanFormat | None = typer.Option(
            None,
            "--format",
            "-f",
            help=(
                tr(
                    "table, json, jsonl, csv, md, xlsx or html; default: from the -o file's extension, else table "
                    "on a terminal and json otherwise."
                )
            ),
        ),
        out: str | None = typer.Option(
            None, "--output", "-o", metavar="FILE", help=tr("Write the result to this file.")
        ),
        charts: str | None = typer.Option(
            None, "--charts", metavar="DIR", help=tr("Also draw PLAN-trajectory.png and PLAN-macc.png in this folder.")
        ),
        charts_fit: bool = typer.Option(
            False,
            "--charts-fit",
            help=tr(
                "Fit the trajectory chart's y-axis to the values instead of starting it at zero (the chart says so)."
            ),
        ),
        force: bool = typer.Option(False, "--force", help=tr("Replace existing output files.")),
    ) -> None:
        from ghgcalc import api
        from ghgcalc.cli.output import check_target

        if not os.path.isfile(path):
            from ghgcalc.io.files import kind_of

            kind = kind_of(path)
            if kind == "missing":
                raise UsageError(tr("{path}: no such file", path=path))
            raise UsageError(tr("'{name}' is {kind}, not a file", name=path, kind=tr(kind)), tr("give the plan's file"))
        from ghgcalc.cli.output import chosen_format

        chosen = chosen_format(output_format, out, PlanFormat)
        if chosen is PlanFormat.xlsx and out is None and sys.stdout.isatty():
            raise UsageError(tr("--format xlsx writes a workbook: give it a file"), tr("add -o plan.xlsx"))
        if charts_fit and not charts:
            raise UsageError(
                tr("--charts-fit changes the charts, and no charts are drawn"),
                tr("add --charts DIR to draw them, --charts . for this folder"),
            )
        target = check_target(out, [path], force)
        charts_to = _chart_targets(charts, path, force) if charts else {}
        for chart in charts_to.values():
            if target.path is not None and os.path.realpath(target.path) == os.path.realpath(chart.path):
                raise UsageError(
                    tr("-o and --charts name the same file {path}", path=printable(chart.shown)),
                    tr("give the result a file of its own, or draw the charts in another folder"),
                )
        if charts_to:
            try:
                import matplotlib  # noqa: F401
            except ImportError:
                raise UsageError(
                    tr("--charts needs matplotlib, which is not installed"),
                    tr('pip install "ghgcalc[charts]"'),
                ) from None
        outcome = api.plan_file(path)
        for issue in outcome.issues:
            print(issue.format(), file=sys.stderr)
        if outcome.projection is None:
            print(tr("ghgcalc: {source}: the plan has errors", source=printable(outcome.source)), file=sys.stderr)
            raise typer.Exit(ExitCode.INPUT_ERRORS)
        for note in outcome.notes:
            print(tr("note: {note}", note=printable(note)), file=sys.stderr)
        read = outcome.reads
        for each in (target, *charts_to.values()):  # all checked before anything is written
            each.refuse_reads(read)
        from ghgcalc.core.plan import plan_result

        result = plan_result(outcome.projection, outcome.source)
        data: str | bytes
        if chosen in (PlanFormat.json, PlanFormat.jsonl, PlanFormat.csv):
            from ghgcalc.reports import plan_output

            write = {
                PlanFormat.json: plan_output.to_json,
                PlanFormat.jsonl: plan_output.to_jsonl,
                PlanFormat.csv: plan_output.to_csv,
            }[chosen]
            data = write(result)
        elif chosen is PlanFormat.md:
            from ghgcalc.reports.plan_markdown import to_markdown

            data = to_markdown(result)
        elif chosen is PlanFormat.html:
            from ghgcalc.reports import render_html
            from ghgcalc.reports.plan_report import document

            data = render_html.render(document(result))
        elif chosen is PlanFormat.xlsx:
            from ghgcalc.reports.plan_xlsx import to_xlsx

            data = to_xlsx(result)
        else:
            from ghgcalc.cli import render

            data = render.plan_tables(result.to_dict(), terminal=out is None and sys.stdout.isatty())
        target.write(data, read=read)
        if charts_to:
            from ghgcalc.reports.plan_charts import macc_png, trajectory_png

            charts_to["trajectory"].write(trajectory_png(result, from_zero=not charts_fit), read=read)
            charts_to["macc"].write(macc_png(result), read=read)
