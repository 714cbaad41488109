"""`ghgcalc import`: TGO's calculation form 1.5(1) or CFO V-Sheet as ghgcalc inventories, one per year."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

import typer

from ghgcalc.errors import ExitCode, Issue, UsageError, printable
from ghgcalc.io.files import EXCEL_SUFFIXES, YAML_SUFFIXES


def register(app: typer.Typer) -> None:
    @app.command(name="import")
    def import_(
        workbook: str = typer.Argument(
            ..., metavar="WORKBOOK", help="TGO's form 1.5(1) or CFO V-Sheet workbook (.xlsx)."
        ),
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
        """Import TGO's form 1.5(1) or CFO V-Sheet: one inventory per year sheet, each line citing its cells."""
        from ghgcalc.cli.output import Target, check_target
        from ghgcalc.io import tgo_vsheet
        from ghgcalc.io.tgo_form import inventory_of, read_form
        from ghgcalc.io.yaml_writer import inventory_yaml

        if not Path(workbook).exists():
            raise UsageError(f"{workbook}: no such file")
        if Path(workbook).suffix.lower() not in EXCEL_SUFFIXES:
            raise UsageError(f"{workbook}: give TGO's form 1.5(1) or CFO V-Sheet as an .xlsx workbook")
        folder = out is not None and (out.endswith(("/", os.sep)) or os.path.isdir(out))
        if out is not None and not folder and Path(out).suffix.lower() not in YAML_SUFFIXES:
            raise UsageError(
                f"{out}: the output must end in .yaml or .yml, or be a folder (end it with /)",
                "write one year to a .yaml file, or several years into a folder: -o imported/",
            )
        if folder and out is not None and not os.path.isdir(out):
            raise UsageError(f"{out}: no such folder", "create the folder first, or give a .yaml file")
        single = None if folder else check_target(out, [workbook], force)
        name = Path(workbook).name
        documents: list[tuple[int, dict[str, Any]]] = []  # (B.E. year, document)
        if tgo_vsheet.looks_like_vsheet(workbook):
            vsheet = tgo_vsheet.read_vsheet(workbook, workbook)
            problems = list(vsheet.issues)
            for vyear, document, issues in tgo_vsheet.inventories_of(vsheet, name):
                documents.append((vyear.year, document))
                problems.extend(issues)
            origin = f"{name} (TGO CFO V-Sheet TCFO_R_01)"
        else:
            form = read_form(workbook, workbook)
            problems = [_neither(p) for p in form.issues]
            for form_year in form.years:
                document, issues = inventory_of(form_year, name)
                documents.append((form_year.year, document))
                problems.extend(issues)
            origin = f"{name} (TGO form 1.5(1))"
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        if not documents or any(p.is_error for p in problems):
            raise typer.Exit(ExitCode.INPUT_ERRORS)
        if folder and out is not None:
            stem = Path(workbook).stem
            targets: list[tuple[Target, str]] = []
            for be_year, document in documents:
                path = os.path.join(out, f"{stem}-{be_year}.yaml")
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
            years = ", ".join(str(y) for y, _ in documents)
            raise UsageError(
                f"{name} holds {len(documents)} year sheets ({years}); one YAML file holds one inventory",
                f"write them into a folder, one file per year: ghgcalc import {printable(workbook)} -o imported/",
            )
        assert single is not None
        _, document = documents[0]
        single.write(inventory_yaml(document, origin=origin), [workbook])
        if single.shown is not None:
            print(f"wrote {printable(single.shown)}", file=sys.stderr)


def _neither(problem: Issue) -> Issue:
    """The form-1.5(1) reader's "no year sheet" refusal, said of both forms `import` reads."""
    if problem.code != "tgo-form-unknown" or "no year sheet" not in problem.message:
        return problem
    return dataclasses.replace(
        problem,
        message="the workbook is neither TGO's form 1.5(1) (no year sheet 'สรุปการคำนวณ ปี 25xx') "
        "nor TGO's CFO V-Sheet (no sheets 'Fr-01' and 'Fr-04.1')",
        hint="give TGO's calculation form 1.5(1) or the CFO V-Sheet (TCFO_R_01) as the office filled it; "
        "for ghgcalc's own workbook use ghgcalc compute or ghgcalc convert",
    )
