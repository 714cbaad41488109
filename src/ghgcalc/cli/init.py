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


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        path: str = typer.Argument(..., metavar="FILE", help="The file to write (.yaml)."),
        kind: Kind = typer.Option(Kind.organization, "--kind", help="organization (CFO) or community."),
        force: bool = typer.Option(False, "--force", help="Replace an existing file."),
    ) -> None:
        """Write a commented starter inventory to fill in."""
        from ghgcalc.io.writers import write_atomic

        suffix = os.path.splitext(path)[1].lower()
        if suffix == ".xlsx":
            raise UsageError(
                "Excel starters are not available yet", "write a .yaml starter: ghgcalc init inventory.yaml"
            )
        if suffix not in (".yaml", ".yml"):
            raise UsageError(f"{path}: the file name must end in .yaml or .yml")
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            raise UsageError(f"{folder}: no such folder", "create the folder first, or write the starter elsewhere")
        if os.path.isdir(path):
            raise UsageError(f"{path} is a folder", "give the name of the file to write, e.g. town.yaml")
        if os.path.exists(path) and not force:
            raise UsageError(f"{path} already exists", "add --force to replace it, or choose another name")
        text = resources.files("ghgcalc").joinpath("data").joinpath(f"starter-{kind.value}.yaml").read_text("utf-8")
        write_atomic(path, text)
        print(f"wrote {path}: fill in the amounts, then run: ghgcalc compute {path}")
