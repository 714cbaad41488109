"""`ghgcalc init`: a commented starter inventory."""

from __future__ import annotations

import os
from enum import StrEnum
from importlib import resources

import typer

from ghgcalc.errors import UsageError


class Kind(StrEnum):
    organization = "organization"
    community = "community"
    plan = "plan"


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        path: str = typer.Argument(..., metavar="FILE", help="The file to write: .yaml, or .xlsx for a workbook."),
        kind: Kind = typer.Option(
            Kind.organization, "--kind", help="organization (CFO), community, or plan (a reduction plan)."
        ),
        fiscal: bool = typer.Option(
            False, "--fiscal", help="Months October to September (a Thai fiscal year) in an .xlsx starter."
        ),
        force: bool = typer.Option(False, "--force", help="Replace an existing file."),
    ) -> None:
        """Write a starter inventory (commented YAML, or a workbook with drop-down lists) or a starter plan."""
        from ghgcalc.io.writers import write_atomic

        suffix = os.path.splitext(path)[1].lower()
        if suffix not in (".yaml", ".yml", ".xlsx"):
            raise UsageError(f"{path}: the file name must end in .yaml, .yml or .xlsx")
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            raise UsageError(f"{folder}: no such folder", "create the folder first, or write the starter elsewhere")
        if os.path.isdir(path):
            raise UsageError(f"{path} is a folder", "give the name of the file to write, e.g. town.yaml")
        if os.path.exists(path) and not force:
            raise UsageError(f"{path} already exists", "add --force to replace it, or choose another name")
        if kind is Kind.plan and suffix == ".xlsx":
            raise UsageError("a plan is a YAML file", f"write it as {os.path.splitext(path)[0]}.yaml")
        if suffix == ".xlsx":
            from ghgcalc.io.excel_writer import inventory_workbook

            write_atomic(path, inventory_workbook(None, kind=kind.value, fiscal=fiscal))
        else:
            starter = resources.files("ghgcalc").joinpath("data").joinpath(f"starter-{kind.value}.yaml")
            write_atomic(path, starter.read_text("utf-8"))
        if kind is Kind.plan:
            print(f"wrote {path}: name your base inventory under base:, then run: ghgcalc plan {path}")
        else:
            print(f"wrote {path}: fill in the amounts, then run: ghgcalc compute {path}")
