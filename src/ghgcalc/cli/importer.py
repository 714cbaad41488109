"""`ghgcalc import`: TGO's calculation form 1.5(1) as ghgcalc inventories, one per year sheet."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from ghgcalc.errors import ExitCode, UsageError, printable
from ghgcalc.io.files import EXCEL_SUFFIXES, YAML_SUFFIXES


def register(app: typer.Typer) -> None:
    @app.command(name="import")
    def import_(
        workbook: str = typer.Argument(..., metavar="WORKBOOK", help="TGO's form 1.5(1) workbook (.xlsx)."),
        out: str | None = typer.Option(
            None,
            "-o",
            "--output",
            metavar="OUT",
            help="A .yaml file (one year), or a folder for several years (<stem>-<year>.yaml each). "
            "Default: standard output (one year only).",
        ),
        force: bool = typer.Option(False, "--force", help="Replace existing output files."),
    ) -> None:
        """Import TGO's form 1.5(1): one inventory per year sheet, each line citing its cells."""
        from ghgcalc.cli.output import Target, check_target
        from ghgcalc.io.tgo_form import inventory_of, read_form
        from ghgcalc.io.yaml_writer import inventory_yaml

        if not Path(workbook).exists():
            raise UsageError(f"{workbook}: no such file")
        if Path(workbook).suffix.lower() not in EXCEL_SUFFIXES:
            raise UsageError(f"{workbook}: give TGO's form 1.5(1) as an .xlsx workbook")
        folder = out is not None and (out.endswith(("/", os.sep)) or os.path.isdir(out))
        if out is not None and not folder and Path(out).suffix.lower() not in YAML_SUFFIXES:
            raise UsageError(
                f"{out}: the output must end in .yaml or .yml, or be a folder (end it with /)",
                "write one year to a .yaml file, or several years into a folder: -o imported/",
            )
        if folder and out is not None and not os.path.isdir(out):
            raise UsageError(f"{out}: no such folder", "create the folder first, or give a .yaml file")
        single = None if folder else check_target(out, [workbook], force)
        form = read_form(workbook, workbook)
        name = Path(workbook).name
        documents = []
        problems = list(form.issues)
        for year in form.years:
            document, issues = inventory_of(year, name)
            documents.append((year, document))
            problems.extend(issues)
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        if not documents or any(p.is_error for p in problems):
            raise typer.Exit(ExitCode.INPUT_ERRORS)
        origin = f"{name} (TGO form 1.5(1))"
        if folder and out is not None:
            stem = Path(workbook).stem
            targets: list[tuple[Target, str]] = []
            for year, document in documents:
                path = os.path.join(out, f"{stem}-{year.year}.yaml")
                targets.append((check_target(path, [workbook], force), inventory_yaml(document, origin=origin)))
            names = [t.shown for t, _ in targets]
            if len(set(names)) != len(names):
                raise UsageError(
                    f"{name} has two year sheets of the same year; they would be written to one file",
                    "import them one at a time from copies of the workbook with one of the sheets each",
                )
            for target, text in targets:
                target.write(text, [workbook])
                print(f"wrote {printable(target.shown or '')}", file=sys.stderr)
            return
        if len(documents) > 1:
            years = ", ".join(str(y.year) for y, _ in documents)
            raise UsageError(
                f"{name} holds {len(documents)} year sheets ({years}); one YAML file holds one inventory",
                f"write them into a folder, one file per year: ghgcalc import {printable(workbook)} -o imported/",
            )
        assert single is not None
        year, document = documents[0]
        single.write(inventory_yaml(document, origin=origin), [workbook])
        if single.shown is not None:
            print(f"wrote {printable(single.shown)}", file=sys.stderr)
