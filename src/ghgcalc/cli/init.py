"""`ghgcalc init`: a commented starter inventory or plan, dated by today (docs/cli.md, init)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from string import Template

import typer

from ghgcalc import i18n
from ghgcalc.cli import clock
from ghgcalc.errors import UsageError, printable
from ghgcalc.i18n import tr


class Kind(StrEnum):
    organization = "organization"
    community = "community"
    plan = "plan"


def starter_yaml(kind: str, fiscal: bool, today: dt.date, language: str = i18n.DEFAULT) -> str:
    """The text of a YAML starter, dated by `today`: an inventory of the current fiscal year
    (`fiscal`) or calendar year; a plan whose measures start the year after the latest base year
    an inventory started today can have, with a horizon of 2030 or, later, five years on. Its
    comments, labels and names in `language` (th or en)."""
    from ghgcalc.io.excel_writer import starter_period
    from ghgcalc.io.starters import starter_text
    from ghgcalc.thai import BE_OFFSET

    template = Template(starter_text(kind, language))
    if kind != "plan":
        return template.substitute(period=starter_period(today, fiscal))
    start = today.year + (1 if today.month >= 10 else 0) + 1  # after the base year, fiscal or calendar (C.E.)
    horizon = max(2030, start + 4)
    return template.substitute(
        start=start + BE_OFFSET, later=start + 1 + BE_OFFSET, horizon=horizon + BE_OFFSET, horizon_ce=horizon
    )


def register(app: typer.Typer) -> None:
    @app.command(
        help=tr("Write a starter inventory (commented YAML, or a workbook with drop-down lists) or a starter plan.")
    )
    def init(
        path: str = typer.Argument(..., metavar="FILE", help=tr("The file to write: .yaml, or .xlsx for a workbook.")),
        kind: Kind = typer.Option(
            Kind.organization, "--kind", help=tr("organization (CFO), community, or plan (a reduction plan).")
        ),
        fiscal: bool = typer.Option(
            False,
            "--fiscal",
            help=tr(
                "The current Thai fiscal year (October to September; months from October in a workbook);"
                " default: the current calendar year."
            ),
        ),
        force: bool = typer.Option(False, "--force", help=tr("Replace an existing file.")),
    ) -> None:
        from ghgcalc.cli.output import check_target

        suffix = os.path.splitext(path)[1].lower()
        if suffix not in (".yaml", ".yml", ".xlsx"):
            raise UsageError(tr("{path}: the file name must end in .yaml, .yml or .xlsx", path=path))
        if kind is Kind.plan and suffix == ".xlsx":
            raise UsageError(
                tr("a plan is a YAML file"), tr("write it as {path}", path=f"{os.path.splitext(path)[0]}.yaml")
            )
        target = check_target(
            path, [], force, named=""
        )  # never a folder, a device, a pipe; a new file created exclusively
        if suffix == ".xlsx":
            from ghgcalc.io.excel_writer import inventory_workbook

            target.write(inventory_workbook(None, kind=kind.value, fiscal=fiscal, today=clock.today()), announce=False)
        else:
            target.write(starter_yaml(kind.value, fiscal, clock.today(), i18n.language()), announce=False)
        shown = printable(path)
        if kind is Kind.plan:
            said = tr("wrote {path}: name your base inventory under base:, then run: ghgcalc plan {path}", path=shown)
        else:
            said = tr("wrote {path}: fill in the amounts, then run: ghgcalc compute {path}", path=shown)
        print(said, file=sys.stderr)
