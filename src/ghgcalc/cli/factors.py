"""`ghgcalc factors list` and `ghgcalc factors show`."""

from __future__ import annotations

import json
import sys
from enum import Enum, StrEnum
from typing import Any

import typer

from ghgcalc.cli.output import write_stdout
from ghgcalc.errors import UsageError, visible

FACTORS_DIR_HELP = "Also a folder of your own factor sets (<id>/<version>/set.yaml)."


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


def _set_summary(s: Any) -> dict[str, Any]:
    return {
        "id": s.id,
        "version": s.version,
        "title": s.title,
        "publisher": s.publisher,
        "published": s.published.isoformat(),
        "valid_from": s.valid_from.isoformat() if s.valid_from else None,
        "valid_to": s.valid_to.isoformat() if s.valid_to else None,
        "gwp_basis": s.gwp_basis,
        "keys": len(s.factors),
        "rows": s.row_count,
        "sha256": s.sha256,
    }


def _rows(sets: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for s in sets:
        for key in sorted(s.factors):
            for f in s.factors[key]:
                for g in f.gases:
                    rows.append(
                        {
                            "set": s.id,
                            "version": s.version,
                            "key": key,
                            "name_en": f.name_en,
                            "name_th": f.name_th,
                            "category": f.category,
                            "scope": f.scope,
                            "per": f.per,
                            "gas": g.gas,
                            "value": g.kg,
                            "valid_from": f.valid_from.isoformat() if f.valid_from else None,
                            "valid_to": f.valid_to.isoformat() if f.valid_to else None,
                            "source": f.source,
                        }
                    )
    return rows


def _default_format(choice: Enum | None, enum: type[Enum]) -> Any:
    return choice or (enum["table"] if sys.stdout.isatty() else enum["json"])


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="The bundled emission-factor sets.", no_args_is_help=True)
    app.add_typer(group, name="factors")

    @group.command("list")
    def list_(
        set_ref: str | None = typer.Option(
            None, "--set", metavar="SET[@VERSION]", help="SET or SET@VERSION: list its rows."
        ),
        output_format: ListFormat | None = typer.Option(None, "--format", "-f", help="table, json or csv."),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=FACTORS_DIR_HELP),
    ) -> None:
        """The factor sets, or the rows of one set."""
        from ghgcalc.cli.compute import _store
        from ghgcalc.io.factor_store import SetRef

        store = _store(factors_dir)
        chosen = _default_format(output_format, ListFormat)
        if set_ref is None:
            sets = [v for set_id in store.set_ids() for v in store.versions(set_id)]
            data = [_set_summary(s) for s in sets]
            columns = ["id", "version", "title", "published", "valid_from", "valid_to", "gwp_basis", "keys"]
        else:
            sets = store.select(SetRef.parse(set_ref))
            data = _rows(sets)
            columns = ["set", "version", "key", "per", "gas", "value", "scope", "category", "name_en"]
        if chosen is ListFormat.json:
            write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif chosen is ListFormat.csv:
            from ghgcalc.io.writers import dicts_csv  # the one guarded CSV writer

            write_stdout(dicts_csv(data, columns))
        else:
            from ghgcalc.cli import render

            render.plain_table(data, columns, title="Factor sets" if set_ref is None else f"Factors of {set_ref}")

    @group.command("validate")
    def validate(
        paths: list[str] = typer.Argument(
            ..., metavar="PATH", help="A factor-set version folder, a set, or a folder of sets."
        ),
    ) -> None:
        """Check your own factor sets with the rules of the bundled ones; every problem with its location."""
        from pathlib import Path

        from ghgcalc.errors import ExitCode
        from ghgcalc.io.factor_check import check_version, version_folders

        failed = 0
        for path in paths:
            given = Path(path)
            if given.name == "set.yaml" and given.is_file():  # the file itself: its version folder
                given = given.parent
            folders = version_folders(given) if given.is_dir() else []
            if not folders:
                raise UsageError(f"{path}: no factor set here", "give a folder holding <id>/<version>/set.yaml")
            for folder in folders:
                problems = check_version(folder)
                for problem in problems:
                    print(problem.format(), file=sys.stderr)
                errors = sum(1 for p in problems if p.is_error)
                failed += bool(errors)
                status = "ok" if not errors else "invalid"
                print(f"{folder}: {status} ({errors} error(s), {len(problems) - errors} warning(s))", file=sys.stderr)
        if failed:
            raise typer.Exit(ExitCode.INPUT_ERRORS)

    @group.command("show")
    def show(
        key: str = typer.Argument(..., metavar="KEY", help="The factor key, e.g. diesel-mobile."),
        set_ref: str | None = typer.Option(
            None, "--set", metavar="SET[@VERSION]", help="SET or SET@VERSION; default: every set."
        ),
        output_format: ShowFormat | None = typer.Option(None, "--format", "-f", help="table or json."),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=FACTORS_DIR_HELP),
    ) -> None:
        """One factor with its full provenance (every version and unit that has the key)."""
        from ghgcalc.cli.compute import _store
        from ghgcalc.io.factor_store import SetRef
        from ghgcalc.io.writers import factor_dict

        store = _store(factors_dir)
        refs = [SetRef.parse(set_ref)] if set_ref else [SetRef(i, None) for i in store.set_ids()]
        found = []
        for ref in refs:
            for version in store.select(ref):
                for factor in version.factors.get(key, ()):
                    entry = factor_dict(factor)
                    entry.update(
                        {
                            "name_th": factor.name_th,
                            "category": factor.category,
                            "scope": factor.scope,
                            "ncv": factor.ncv,
                            "density": factor.density,
                            "published_kgco2e": factor.published_kgco2e,
                            "notes": factor.notes,
                            "set_title": version.title,
                            "set_edition": version.edition,
                            "set_url": version.url,
                            "set_sha256": version.sha256,
                        }
                    )
                    found.append(entry)
        if not found:
            import difflib

            keys = sorted({k for ref in refs for v in store.select(ref) for k in v.factors})
            close = difflib.get_close_matches(key, keys, n=3)
            hint = (
                ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?")
                if close
                else "list the keys with 'ghgcalc factors list --set tgo-cfo'"
            )
            raise UsageError(f"no factor '{visible(key)}' in {set_ref or 'the bundled sets'}", hint)
        if _default_format(output_format, ShowFormat) is ShowFormat.json:
            write_stdout(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        else:
            from ghgcalc.cli import render

            render.factor_cards(found)
