"""`ghgcalc summary`: many inventories, one row each (failed ones included), their rollups by
province and by type of local government, and the outliers among peers."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import sys
from enum import StrEnum
from typing import Any

import typer

from ghgcalc.cli import batch, clock
from ghgcalc.cli.compute import GwpChoice
from ghgcalc.errors import ExitCode, UsageError
from ghgcalc.i18n import N_, tr

SUMMARY_FORMAT = 1


class SummaryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    xlsx = "xlsx"
    md = "md"
    html = "html"


FORMAT_HELP = N_(
    "table, csv, json, jsonl, xlsx, md or html; default: from the -o file's extension, else table on a "
    "terminal and json otherwise."
)


def _chosen(output_format: SummaryFormat | None, out: str | None) -> SummaryFormat:
    from ghgcalc.cli.output import STDOUT
    from ghgcalc.cli.output import output_format as format_given

    if out is not None and out != STDOUT:
        return format_given(output_format, out, SummaryFormat) or SummaryFormat.json
    if output_format is not None:
        return output_format
    return SummaryFormat.table if sys.stdout.isatty() else SummaryFormat.json


def record(row: Any) -> dict[str, Any]:
    """One input file as a JSON/CSV record (core/summary.py SummaryRow; the keys are its fields,
    whose values are plain: read as they are, not deep-copied as dataclasses.asdict does)."""
    data = {name: getattr(row, name) for name in _row_fields()}
    data["factor_editions"] = list(row.factor_editions)
    return data


@functools.cache
def _row_fields() -> tuple[str, ...]:
    from ghgcalc.core.summary import SummaryRow

    return tuple(field.name for field in dataclasses.fields(SummaryRow))


def _rollup(rollup: Any) -> dict[str, Any]:
    return {
        "group": rollup.group or None,
        "files": rollup.count,
        "computed": rollup.ok,
        "with_errors": rollup.with_errors,
        "total_t_co2e": rollup.total,
        "intensities": {
            name: {"count": s.count, "median": s.median, "min": s.low, "max": s.high}
            for name, s in rollup.intensities.items()
        },
    }


def _json(outcome: Any) -> str:
    data = {
        "summary_format": SUMMARY_FORMAT,
        "files": len(outcome.rows),
        "inventories": [record(row) for row in outcome.rows],
        "by_province": [_rollup(r) for r in outcome.by_province],
        "by_type": [_rollup(r) for r in outcome.by_type],
        "outliers": [dataclasses.asdict(o) for o in outcome.outliers],
        "warnings": [warning.to_dict() for warning in outcome.warnings],
    }
    from ghgcalc.io import json_text

    return json_text.dumps(data) + "\n"  # json.dumps(data, indent=2)'s text, its C encoder's speed


def _csv(outcome: Any) -> str:
    from ghgcalc.core.summary import SummaryRow
    from ghgcalc.io import writers

    columns = [f.name for f in dataclasses.fields(SummaryRow)]
    rows = [{**record(row), "factor_editions": " ".join(row.factor_editions)} for row in outcome.rows]
    return writers.dicts_csv(rows, columns)  # the one guarded CSV writer: names are never formulas


def row_of(outcome: Any) -> tuple[Any, Any]:
    """An input's summary row, made where it was computed (a worker), and its outcome without its
    result: a run holds a few hundred bytes per file, and a worker sends back no result."""
    from ghgcalc import api

    return api.without_result(outcome), api.summary_row(outcome)


def register(app: typer.Typer) -> None:
    @app.command(help=tr("One row per inventory (failed ones included), rollups by province and type, outliers."))
    def summary(
        paths: list[str] = typer.Argument(..., metavar="PATH", help=tr("Inventory files or folders of them.")),
        recursive: bool = typer.Option(False, "--recursive", "-r", help=tr("Also read the folders under a folder.")),
        output_format: SummaryFormat | None = typer.Option(None, "--format", "-f", help=tr(FORMAT_HELP)),
        out: str | None = typer.Option(
            None, "--output", "-o", metavar="FILE", help=tr("Write the summary to this file.")
        ),
        force: bool = typer.Option(False, "--force", help=tr("Replace an existing output file.")),
        jobs: str | None = typer.Option(None, "--jobs", "-j", metavar="N", help=tr(batch.JOBS_HELP)),
        gwp: GwpChoice | None = typer.Option(
            None, "--gwp", help=tr("GWP set for every inventory; overrides each one's.")
        ),
    ) -> None:
        from ghgcalc import api
        from ghgcalc.cli.output import check_target, write_stdout
        from ghgcalc.reports.summary_report import Summary, document

        chosen = _chosen(output_format, out)
        if chosen is SummaryFormat.xlsx and out is None and sys.stdout.isatty():
            raise UsageError(tr("--format xlsx writes a workbook: give it a file"), tr("add -o summary.xlsx"))
        if chosen is SummaryFormat.table and out is not None:
            raise UsageError(
                tr("the summary's table is for the terminal"),
                tr("write csv, json, jsonl, md, html or xlsx to a file: add --format csv"),
            )
        target = check_target(out, [p for p in paths if p != "-"], force)
        found, unreadable = api.summary_inputs(paths, recursive) if recursive else (None, [])
        (inputs, once), jobs_count = api.inputs_once(paths, found), batch.parse_jobs(jobs)
        inputs, itself = api.without_output(inputs, target.path)
        repeats = (*unreadable, *once, *itself)
        for repeat in repeats:  # a file named twice (one row, never counted twice), a folder not read
            print(repeat.format(), file=sys.stderr)
        rows, outcomes, passed = [], [], []
        options = api.Options(gwp=gwp.value if gwp else None, today=clock.today())
        # on `jobs` cores, in the order of the files; each problem printed as it comes; the workers
        # stopped at once if this stops early (Ctrl-C); a plan or another summary in the folder is
        # passed over (api.PassedOver), said as it comes
        passable = api.found_in_folders(paths, inputs)
        computing = batch.outcomes(inputs, options, jobs_count, shape=row_of, passable=passable)
        with contextlib.closing(computing):
            for found in computing:
                if isinstance(found, api.PassedOver):
                    passed.append(found)
                    print(found.issue.format(), file=sys.stderr)
                    continue
                computed, row = found
                for issue in computed.issues:
                    print(issue.format(), file=sys.stderr)
                rows.append(row)
                outcomes.append(computed)
        api.nothing_left(paths, len(rows), passed)
        repeats = (*repeats, *(document.issue for document in passed))  # printed as they came
        outcome = api.summarised(tuple(rows), tuple(outcomes), repeats)
        for warning in outcome.warnings[len(repeats) :]:  # the repeats were printed before computing
            print(warning.format(), file=sys.stderr)
        built = Summary(outcome.rows, outcome.by_province, outcome.by_type, outcome.outliers, tuple(outcome.warnings))
        data: str | bytes
        if chosen is SummaryFormat.table:
            from ghgcalc.cli.render_document import document_text

            write_stdout(document_text(document(built, compact=True), terminal=sys.stdout.isatty()))
        else:
            if chosen is SummaryFormat.json:
                data = _json(outcome)
            elif chosen is SummaryFormat.jsonl:
                data = "".join(json.dumps(record(row), ensure_ascii=False) + "\n" for row in outcome.rows)
            elif chosen is SummaryFormat.csv:
                data = _csv(outcome)
            elif chosen is SummaryFormat.md:
                from ghgcalc.reports import render_markdown

                data = render_markdown.render(document(built))
            elif chosen is SummaryFormat.xlsx:
                from ghgcalc.reports import render_xlsx

                data = render_xlsx.render(document(built))
            else:
                from ghgcalc.reports import render_html

                data = render_html.render(document(built))
            target.write(data, read=[read for computed in outcome.outcomes for read in computed.reads])
        errors = sum(1 for row in outcome.rows if row.status == "errors")
        warned = sum(1 for row in outcome.rows if row.status == "warnings")
        ok = len(outcome.rows) - errors - warned
        tally = {"files": len(outcome.rows), "ok": ok, "warned": warned, "errors": errors}
        shown = {name: format(count, ",") for name, count in tally.items()}
        print(
            tr("summary of {files} file(s): {ok} ok, {warned} with warnings, {errors} with errors", **shown),
            file=sys.stderr,
        )
        if errors:
            raise typer.Exit(ExitCode.INPUT_ERRORS)
