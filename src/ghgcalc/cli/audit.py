"""`ghgcalc audit`: a TGO workbook recomputed and checked, for a verifier (docs/tgo-workbooks.md)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from ghgcalc.errors import ExitCode, UsageError
from ghgcalc.i18n import tr
from ghgcalc.io.files import EXCEL_SUFFIXES


class AuditFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    xlsx = "xlsx"


def register(app: typer.Typer) -> None:
    @app.command(
        name="audit",
        help=tr(
            "Audit TGO workbooks: recompute every line and total, check factors, months and sheets.\n\n"
            "Exit code 0 when the audit ran, whatever it found (the findings are its result); 1 when a "
            "workbook cannot be read as TGO's form 1.5(1); 2 for a usage error."
        ),
    )
    def audit(
        workbooks: list[str] = typer.Argument(
            ..., metavar="WORKBOOK...", help=tr("TGO form 1.5(1) workbooks (.xlsx).")
        ),
        output_format: AuditFormat | None = typer.Option(
            None,
            "--format",
            "-f",
            help=tr(
                "Output format; default: from the -o file's extension, else table on a terminal and json otherwise."
            ),
        ),
        out: str | None = typer.Option(None, "-o", "--output", metavar="OUT", help=tr("Write the report to OUT.")),
        force: bool = typer.Option(False, "--force", help=tr("Replace an existing OUT.")),
    ) -> None:
        from ghgcalc.api import audit_files
        from ghgcalc.cli.output import check_target
        from ghgcalc.reports import audit_output

        for workbook in workbooks:
            if not Path(workbook).exists():
                raise UsageError(tr("{path}: no such file", path=workbook))
            if Path(workbook).suffix.lower() not in EXCEL_SUFFIXES:
                raise UsageError(tr("{path}: give TGO's form 1.5(1) as an .xlsx workbook", path=workbook))
        from ghgcalc.cli.output import chosen_format

        chosen = chosen_format(output_format, out, AuditFormat)
        if chosen is AuditFormat.xlsx and out is None and sys.stdout.isatty():
            raise UsageError(tr("--format xlsx writes a workbook: give it a file"), tr("add -o audit.xlsx"))
        target = check_target(out, workbooks, force)
        outcomes = audit_files(workbooks)
        for outcome in outcomes:
            for issue in outcome.issues:
                print(issue.format(), file=sys.stderr)
        if any(o.has_errors for o in outcomes):
            raise typer.Exit(ExitCode.INPUT_ERRORS)
        copies = [c for o in outcomes for c in o.copies]
        document = audit_output.audit_document([(o.source, o.form, o.years) for o in outcomes], copies)
        data: str | bytes
        if chosen is AuditFormat.table:
            from ghgcalc.cli import render

            data = render.audit_tables(document, terminal=out is None and sys.stdout.isatty())
        elif chosen is AuditFormat.json:
            data = audit_output.audit_json(document)
        elif chosen is AuditFormat.md:
            data = audit_output.audit_markdown(document)
        else:
            data = audit_output.audit_xlsx(document)
        target.write(data, workbooks)
