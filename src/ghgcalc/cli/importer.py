"""`ghgcalc import`: TGO's calculation form 1.5(1) or CFO V-Sheet as ghgcalc inventories, one per year."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

import typer

from ghgcalc.errors import ExitCode, Issue, UsageError, printable
from ghgcalc.i18n import tr
from ghgcalc.io.files import EXCEL_SUFFIXES, YAML_SUFFIXES


def register(app: typer.Typer) -> None:
    @app.command(
        name="import",
        help=tr("Import TGO's form 1.5(1) or CFO V-Sheet: one inventory per year sheet, each line citing its cells."),
    )
    def import_(
        workbook: str = typer.Argument(
            ..., metavar="WORKBOOK", help=tr("TGO's form 1.5(1) or CFO V-Sheet workbook (.xlsx).")
        ),
        out: str | None = typer.Option(
            None,
            "-o",
            "--output",
            metavar="OUT",
            help=tr(
                "A .yaml or .xlsx file (one year), or a folder for several years (<stem>-<year>.yaml "
                "or .xlsx each, see --to). Default: standard output (YAML, one year only)."
            ),
        ),
        to: str | None = typer.Option(
            None,
            "--to",
            metavar="yaml|xlsx",
            help=tr("Write YAML or ghgcalc's own workbook. Default: the suffix of -o FILE; yaml for a folder."),
        ),
        force: bool = typer.Option(False, "--force", help=tr("Replace existing output files.")),
    ) -> None:
        from ghgcalc.cli.output import Target, check_target
        from ghgcalc.io import tgo_vsheet
        from ghgcalc.io.excel_writer import inventory_workbook
        from ghgcalc.io.tgo_form import FormYear, read_form
        from ghgcalc.io.tgo_form_inventory import inventory_of, printed_differences
        from ghgcalc.io.yaml_writer import inventory_yaml

        if not Path(workbook).exists():
            raise UsageError(tr("{path}: no such file", path=workbook))
        if Path(workbook).suffix.lower() not in EXCEL_SUFFIXES:
            raise UsageError(tr("{path}: give TGO's form 1.5(1) or CFO V-Sheet as an .xlsx workbook", path=workbook))
        folder = out is not None and (out.endswith(("/", os.sep)) or os.path.isdir(out))
        fmt = _format(out, folder, to)
        if folder and out is not None and not os.path.isdir(out):
            raise UsageError(
                tr("{path}: no such folder", path=out),
                tr("create the folder first, or give a .{suffix} file", suffix=fmt),
            )
        single = None if folder else check_target(out, [workbook], force)
        name = Path(workbook).name
        documents: list[tuple[int, dict[str, Any]]] = []  # (B.E. year, document)
        form_years: list[FormYear | None] = []  # form 1.5(1)'s year of each document: its septic and pond rows
        if tgo_vsheet.looks_like_vsheet(workbook):
            vsheet = tgo_vsheet.read_vsheet(workbook, workbook)
            problems = list(vsheet.issues)
            for vyear, document, issues in tgo_vsheet.inventories_of(vsheet, name):
                documents.append((vyear.year, document))
                form_years.append(None)
                problems.extend(issues)
            origin = f"{name} (TGO CFO V-Sheet TCFO_R_01)"
        else:
            form = read_form(workbook, workbook)
            problems = [_neither(p) for p in form.issues]
            for form_year in form.years:
                document, issues = inventory_of(form_year, name)
                documents.append((form_year.year, document))
                form_years.append(form_year)
                problems.extend(issues)
            problems.extend(printed_differences(form, name))
            origin = f"{name} (TGO form 1.5(1))"
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        if not documents or any(p.is_error for p in problems):
            raise typer.Exit(ExitCode.INPUT_ERRORS)

        def render(document: dict[str, Any], form_year: FormYear | None) -> tuple[str | bytes, list[str]]:
            if fmt == "yaml":
                return inventory_yaml(document, origin=origin), []
            flat, notes = workbook_document(document, form_year, name)
            return inventory_workbook(flat, kind="organization"), notes

        if folder and out is not None:
            stem = Path(workbook).stem
            targets: list[tuple[Target, str | bytes, list[str]]] = []
            for (be_year, document), of_form in zip(documents, form_years, strict=True):
                path = os.path.join(out, f"{stem}-{be_year}.{fmt}")
                targets.append((check_target(path, [workbook], force), *render(document, of_form)))
            names = [t.shown for t, _, _ in targets]
            if len(set(names)) != len(names):
                twice = next(n for n in names if names.count(n) > 1)
                year = next(y for (y, _), n in zip(documents, names, strict=True) if n == twice)
                raise UsageError(
                    tr(
                        "{name} has two year sheets of {year}; both would be written to {file}",
                        name=name,
                        year=year,
                        file=twice,
                    ),
                    tr("import them one at a time from copies of the workbook with one of the sheets each"),
                )
            for target, data, notes in targets:
                _notes(target.shown or "", notes)
                target.write(data, [workbook])
            return
        if len(documents) > 1:
            years = ", ".join(str(y) for y, _ in documents)
            holds = (
                tr(
                    "{name} holds {count} year sheets ({years}); one YAML file holds one inventory",
                    name=name,
                    count=len(documents),
                    years=years,
                )
                if fmt == "yaml"
                else tr(
                    "{name} holds {count} year sheets ({years}); one workbook holds one inventory",
                    name=name,
                    count=len(documents),
                    years=years,
                )
            )
            command = f"ghgcalc import {printable(workbook)} -o imported/" + ("" if fmt == "yaml" else " --to xlsx")
            raise UsageError(holds, tr("write them into a folder, one file per year: {command}", command=command))
        assert single is not None
        data, notes = render(documents[0][1], form_years[0])
        if single.shown is not None:
            _notes(single.shown, notes)
        single.write(data, [workbook])


def _neither(problem: Issue) -> Issue:
    """The form-1.5(1) reader's "no year sheet" refusal, said of both forms `import` reads."""
    if problem.code != "tgo-form-unknown" or problem.message not in (NO_YEAR_SHEET, tr(NO_YEAR_SHEET)):
        return problem
    return dataclasses.replace(
        problem,
        message=tr(
            "the workbook is neither TGO's form 1.5(1) (no year sheet 'สรุปการคำนวณ ปี 25xx') "
            "nor TGO's CFO V-Sheet (no sheets 'Fr-01' and 'Fr-04.1')"
        ),
        hint=tr(
            "give TGO's calculation form 1.5(1) or the CFO V-Sheet (TCFO_R_01) as the office filled it; "
            "for ghgcalc's own workbook use ghgcalc compute or ghgcalc convert"
        ),
    )


# The form-1.5(1) reader's message (io/tgo_form.py) when a workbook has no year sheet.
NO_YEAR_SHEET = "the workbook has no year sheet of TGO's form 1.5(1) ('สรุปการคำนวณ ปี 25xx')"


def _format(out: str | None, folder: bool, to: str | None) -> str:
    """What `import` writes: "yaml" or "xlsx", from --to and the suffix of -o FILE."""
    if to is not None and to.lower() not in ("yaml", "xlsx"):
        raise UsageError(tr("--to {value}: write yaml or xlsx", value=to), tr("--to yaml (the default) or --to xlsx"))
    wanted = to.lower() if to is not None else None
    if out is None or out == "-":
        if wanted == "xlsx":
            raise UsageError(
                tr("a workbook is not written to standard output"),
                tr("give the file or folder with -o: -o imported.xlsx, or -o imported/ --to xlsx"),
            )
        return "yaml"
    if folder:
        return wanted or "yaml"
    suffix = Path(out).suffix.lower()
    if suffix not in (*YAML_SUFFIXES, ".xlsx"):
        raise UsageError(
            tr("{path}: the output must end in .yaml, .yml or .xlsx, or be a folder (end it with /)", path=out),
            tr("write one year to a .yaml or .xlsx file, or several years into a folder: -o imported/"),
        )
    fmt = "xlsx" if suffix == ".xlsx" else "yaml"
    if wanted is not None and wanted != fmt:
        from ghgcalc.cli.output import refuse_mismatch

        refuse_mismatch(wanted, out, fmt, True, option="--to")
    return fmt


def _notes(shown: str, notes: list[str]) -> None:
    for note in notes:
        print(tr("note: {path}: {note}", path=printable(shown), note=printable(note)), file=sys.stderr)


METHOD_ROWS = {"tgo-septic-tank": "septic", "tgo-anaerobic-pond": "pond"}


def workbook_document(document: dict[str, Any], form_year: Any, file: str) -> tuple[dict[str, Any], list[str]]:
    """The imported `document` as ghgcalc's workbook can hold it, with a note for each change.

    The workbook has no method lines: form 1.5(1)'s septic-tank and pond lines (tgo-septic-tank,
    tgo-anaerobic-pond) become ordinary lines of the monthly kgCH4 the summary sheet prints
    (G16:AC16, G17:AC17 in the wide layout), with the sheet's EF (D16, D17: 28 kgCO2e/kgCH4) as a
    custom factor citing its cell - so the workbook computes to the total the sheet prints, as the
    YAML does. The YAML keeps the method and its inputs (days x staff; the pond's water)."""
    from ghgcalc.io.tgo_form import FormYear, cell_range
    from ghgcalc.io.tgo_form_inventory import CATEGORIES

    activities = [a for a in document.get("activities") or [] if isinstance(a, dict)]
    if not any("method" in a for a in activities):
        return document, []
    if not isinstance(form_year, FormYear):  # only form 1.5(1) has method lines
        raise UsageError(
            tr("{file}: an imported line uses a method, which ghgcalc's workbook cannot hold", file=file),
            tr("write YAML instead (leave --to out, or -o FILE.yaml)"),
        )
    rows = {row.kind: row for row in form_year.rows if row.kind in METHOD_ROWS.values()}
    custom = [dict(f) for f in document.get("custom_factors") or []]
    lines: list[dict[str, Any]] = []
    notes: list[str] = []
    for line in activities:
        method = line.get("method")
        if method is None:
            lines.append(line)
            continue
        row = rows.get(METHOD_ROWS.get(str(method), ""))
        if row is None or row.ef is None:
            raise UsageError(
                tr(
                    "{file}: the {method} line has no row in '{sheet}' to write to a workbook",
                    file=file,
                    method=method,
                    sheet=form_year.sheet,
                ),
                tr("write YAML instead (leave --to out, or -o FILE.yaml)"),
            )
        key = f"{'septic-tank' if row.kind == 'septic' else 'wastewater-pond'}-r{row.row}"
        months = f"{file}[{form_year.sheet}]!{cell_range(row.month_cells)}"
        ef = f"{file}[{form_year.sheet}]!{row.ef_cell}"
        inputs = tr("working days x staff") if row.kind == "septic" else tr("the pond's water per month")
        custom.append(
            {
                "key": key,
                "name": tr(
                    "{label}: the EF of TGO's form 1.5(1), kgCO2e per kgCH4 "
                    "(the YAML import keeps TGO's method {method})",
                    label=row.label,
                    method=method,
                ),
                "per": "kg",
                "kg": {"CO2e": row.ef},
                "gwp_basis": "AR5",
                "source": ef,
                "category": CATEGORIES["septic-tank"],
            }
        )
        original = str(line.get("label", ""))
        inside = original[original.rfind("(") + 1 : -1] if original.endswith(")") else ""
        lines.append(
            {
                "activity": key,
                "label": tr(
                    "{label}, kgCH4 per month ({cells}; from {inputs})", label=row.label, cells=months, inputs=inside
                )
                if inside
                else tr("{label}, kgCH4 per month ({cells})", label=row.label, cells=months),
                "unit": "kg",
                "amount": [int(v) if float(v).is_integer() else v for v in row.months],
                "scope": line.get("scope", row.scope or 1),
            }
        )
        notes.append(
            tr(
                "{method}: written as the kgCH4 per month that '{sheet}' prints ({cells}) x its EF ({ef}); "
                "the workbook cannot hold the method, the YAML import keeps it with {inputs}",
                method=method,
                sheet=form_year.sheet,
                cells=cell_range(row.month_cells),
                ef=row.ef_cell,
                inputs=inputs,
            )
        )
    flat = dict(document)
    flat["custom_factors"] = custom
    flat["activities"] = lines
    return flat, notes
