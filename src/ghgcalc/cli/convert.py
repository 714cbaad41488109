"""`ghgcalc convert`: an inventory from YAML to Excel and back, without losing anything."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from ghgcalc.errors import ExitCode, Issue, Location, Severity, UsageError
from ghgcalc.i18n import tr
from ghgcalc.io.files import EXCEL_SUFFIXES, YAML_SUFFIXES


def register(app: typer.Typer) -> None:
    @app.command(help=tr("Convert an inventory between YAML and Excel; the result computes the same."))
    def convert(
        source: str = typer.Argument(..., metavar="IN", help=tr("The inventory to read (.yaml, .yml, .xlsx, .xlsm).")),
        target: str = typer.Argument(..., metavar="OUT", help=tr("The file to write (.yaml or .xlsx).")),
        force: bool = typer.Option(False, "--force", help=tr("Replace an existing output file.")),
    ) -> None:
        from ghgcalc.cli.output import check_target, say_written
        from ghgcalc.io.writers import write_atomic

        source_suffix, target_suffix = Path(source).suffix.lower(), Path(target).suffix.lower()
        if not Path(source).is_file():
            raise UsageError(tr("{path}: no such file", path=source))
        if source_suffix not in YAML_SUFFIXES + EXCEL_SUFFIXES:
            raise UsageError(tr("{path}: give a .yaml, .yml, .xlsx or .xlsm inventory", path=source))
        if target_suffix not in (*YAML_SUFFIXES, ".xlsx"):
            raise UsageError(tr("{path}: the output must end in .yaml, .yml or .xlsx", path=target))
        check_target(target, [source], force, named="")
        document, problems = _read(source)
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        if document is None or any(p.is_error for p in problems):
            raise typer.Exit(ExitCode.INPUT_ERRORS)
        if target_suffix == ".xlsx":
            from ghgcalc.io.excel_writer import inventory_workbook

            activities = document.get("activities")
            # what the workbook has no place for: written as text it would be lost, or break the workbook
            unsupported = [str(key) for key, value in document.items() if key not in WORKBOOK_KEYS and value]
            if isinstance(activities, list) and any(isinstance(a, dict) and "method" in a for a in activities):
                unsupported.append(tr("method lines"))
            if unsupported:
                raise UsageError(
                    tr(
                        "{path} has {what}, which an Excel workbook cannot hold yet",
                        path=source,
                        what=", ".join(unsupported),
                    ),
                    tr("keep this inventory in YAML; nothing was written"),
                )

            kind = "community" if document.get("kind") == "community" else "organization"
            data: str | bytes = inventory_workbook(document, kind=kind)
        else:
            from ghgcalc.io.yaml_writer import inventory_yaml

            data = inventory_yaml(document, origin=Path(source).name)
        write_atomic(target, data)
        say_written(target, data)


# The fields an inventory workbook holds (docs/excel-format.md): its sheets and Inventory rows.
WORKBOOK_KEYS = frozenset(
    {"ghgcalc", "name", "kind", "period", "gwp", "factors", "output", "indicators", "language"}
    | {"organization", "activities", "custom_factors"}
)


def _read(path: str) -> tuple[dict[str, Any] | None, list[Issue]]:
    """The inventory document of a file as written (not validated: `ghgcalc validate` does that)."""
    if path.lower().endswith(EXCEL_SUFFIXES):
        from ghgcalc.io.excel_reader import read_workbook

        document, _cells, problems = read_workbook(path, path)
        return document, problems
    from ghgcalc.io import text as text_io
    from ghgcalc.io.yaml_reader import parse

    text, problem = text_io.decode(text_io.read_bytes(path), path)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    parsed, _positions, problems = parse(text, path)
    document = parsed if isinstance(parsed, dict) else None
    if not problems and document is None:
        problems = [
            Issue(
                "document-invalid",
                tr("the file is not an inventory (a YAML mapping)"),
                Severity.ERROR,
                Location(path, 1, 1),
            )
        ]
    return document, problems
