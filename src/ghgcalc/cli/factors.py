"""`ghgcalc factors list`, `show`, `validate` and `diff`."""

from __future__ import annotations

import json
import sys
from enum import Enum, StrEnum
from typing import Any

import typer

from ghgcalc.cli.output import write_stdout
from ghgcalc.errors import UsageError, printable, visible
from ghgcalc.i18n import N_, language, tr

FACTORS_DIR_HELP = N_("Also a folder of your own factor sets (<id>/<version>/set.yaml).")


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


def _with_verified_via(entry: dict[str, Any], verified_via: str) -> dict[str, Any]:
    """`factors show` names the transcription a value was read through right after its source,
    empty where the set records none (a result's factor has it only where it is recorded)."""
    shown: dict[str, Any] = {}
    for name, value in entry.items():
        shown[name] = value
        if name == "source":
            shown["verified_via"] = verified_via
    return shown


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


# The columns of the terminal tables: (key of the row, its title, in English the key itself). JSON
# and CSV keep the keys. In Thai, "name" is the factor's Thai name where the row has one.
SET_COLUMNS = [
    ("id", N_("id")),
    ("version", N_("version")),
    ("title", N_("title")),
    ("published", N_("published")),
    ("valid_from", N_("valid_from")),
    ("valid_to", N_("valid_to")),
    ("gwp_basis", N_("gwp_basis")),
    ("keys", N_("keys")),
]
ROW_COLUMNS = [
    ("set", N_("set")),
    ("version", N_("version")),
    ("key", N_("key")),
    ("per", N_("per")),
    ("gas", N_("gas")),
    ("value", N_("value")),
    ("scope", N_("scope")),
    ("category", N_("category")),
    ("name", N_("name_en")),
]


def _for_people(rows: list[dict[str, Any]], titles: dict[str, str]) -> list[dict[str, Any]]:
    """The rows as the terminal shows them, in the language of the run: a factor's name (Thai when
    the run is in Thai and the row has one), a set's Thai title (`titles`, by SET@VERSION), dates
    as --calendar wants them."""
    from ghgcalc.cli.render import day_text
    from ghgcalc.io.factor_names import row_name

    thai = language() == "th"
    shown = []
    for row in rows:
        row = dict(row)
        if "name_en" in row:
            row["name"] = row_name(row["set"], row["key"], row["name_en"], row.get("name_th") or "", thai)
        if thai and "id" in row and titles.get(f"{row['id']}@{row['version']}"):
            row["title"] = titles[f"{row['id']}@{row['version']}"]
        for field in ("published", "valid_from", "valid_to"):
            if row.get(field):
                row[field] = day_text(row[field])
        shown.append(row)
    return shown


def _version_of(store: Any, text: str) -> Any:
    """The FactorSet that SET@VERSION names; a usage error without a version or for an unknown one."""
    from ghgcalc.io.factor_store import SetRef

    ref = SetRef.parse(text)
    if ref.version is None:
        versions = ", ".join(f"{ref.id}@{s.version}" for s in store.versions(ref.id))
        raise UsageError(
            tr("'{ref}' names no version: factors diff compares two versions", ref=visible(text)),
            tr("name one as SET@VERSION; the versions are: {versions}", versions=versions),
        )
    return store.select(ref)[0]


def _default_format(choice: Enum | None, enum: type[Enum]) -> Any:
    return choice or (enum["table"] if sys.stdout.isatty() else enum["json"])


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=tr("The bundled emission-factor sets."), no_args_is_help=True)
    app.add_typer(group, name="factors")

    @group.command("list", help=tr("The factor sets, or the rows of one set."))
    def list_(
        set_ref: str | None = typer.Option(
            None, "--set", metavar="SET[@VERSION]", help=tr("SET or SET@VERSION: list its rows.")
        ),
        output_format: ListFormat | None = typer.Option(None, "--format", "-f", help=tr("table, json or csv.")),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=tr(FACTORS_DIR_HELP)),
    ) -> None:
        from ghgcalc.cli.compute import _store
        from ghgcalc.io import writers
        from ghgcalc.io.factor_store import SetRef

        store = _store(factors_dir)
        chosen = _default_format(output_format, ListFormat)
        if set_ref is None:
            sets = [v for set_id in store.set_ids() for v in store.versions(set_id)]
            data = writers.set_rows(sets)
            columns = writers.SET_COLUMNS
            titles = {s.id + "@" + s.version: s.title_th for s in sets if s.title_th}
        else:
            sets = store.select(SetRef.parse(set_ref))
            data = writers.factor_rows(sets)
            columns = writers.FACTOR_COLUMNS
        if chosen is ListFormat.json:
            write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif chosen is ListFormat.csv:
            write_stdout(writers.dicts_csv(data, columns))  # the one guarded CSV writer
        else:
            from ghgcalc.cli import render

            if set_ref is None:
                render.plain_table(_for_people(data, titles), SET_COLUMNS, tr("Factor sets"))
            else:
                rows = _for_people(data, {})
                render.plain_table(rows, ROW_COLUMNS, tr("Factors of {set}", set=set_ref))

    @group.command(
        "diff", help=tr("Two factor-set versions compared: rows added, changed (per gas and CO2e) and not in NEW.")
    )
    def diff(
        old: str = typer.Argument(..., metavar="OLD", help=tr("SET@VERSION, e.g. tgo-cfo@2022-04.")),
        new: str = typer.Argument(..., metavar="NEW", help=tr("SET@VERSION, e.g. tgo-cfo@2026-02.")),
        output_format: DiffFormat | None = typer.Option(None, "--format", "-f", help=tr("table, json or csv.")),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=tr(FACTORS_DIR_HELP)),
    ) -> None:
        from ghgcalc.cli.compute import _store
        from ghgcalc.core.editions import diff as compare

        store = _store(factors_dir)
        from ghgcalc.io import writers

        data = writers.factor_diff_dict(compare(_version_of(store, old), _version_of(store, new)))
        chosen = _default_format(output_format, DiffFormat)
        if chosen is DiffFormat.json:
            write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif chosen is DiffFormat.csv:
            write_stdout(writers.factor_diff_csv(data))  # the one guarded CSV writer
        else:
            from ghgcalc.cli import render

            render.diff_table(data)

    @group.command(
        "validate",
        help=tr("Check your own factor sets with the rules of the bundled ones; every problem with its location."),
    )
    def validate(
        paths: list[str] = typer.Argument(
            ..., metavar="PATH", help=tr("A factor-set version folder, a set, or a folder of sets.")
        ),
    ) -> None:
        from pathlib import Path

        from ghgcalc.cli.compute import tally
        from ghgcalc.errors import ExitCode
        from ghgcalc.io.factor_check import check_in_set, check_version, version_folders

        failed = 0
        for path in paths:
            given = Path(path)
            if given.name == "set.yaml" and given.is_file():  # the file itself: its version folder
                given = given.parent
            folders = version_folders(given) if given.is_dir() else []
            if not folders:
                raise UsageError(
                    tr("{path}: no factor set here", path=path), tr("give a folder holding <id>/<version>/set.yaml")
                )
            checked = {folder: check_version(folder) for folder in folders}
            # a version beside its set's others (check_in_set) is compared with those without errors
            for sibling in {v.parent for folder in folders for v in folder.parent.glob("*/set.yaml")}:
                if sibling not in checked:
                    checked[sibling] = check_version(sibling)
            sound = {folder for folder, problems in checked.items() if not any(p.is_error for p in problems)}
            for folder in folders:
                problems = [*checked[folder], *check_in_set(folder, sound)]
                for problem in problems:
                    print(problem.format(), file=sys.stderr)
                errors = sum(1 for p in problems if p.is_error)
                failed += bool(errors)
                print(tally(printable(str(folder)), errors, len(problems) - errors), file=sys.stderr)
        if failed:
            raise typer.Exit(ExitCode.INPUT_ERRORS)

    @group.command("show", help=tr("One factor with its full provenance (every version and unit that has the key)."))
    def show(
        key: str = typer.Argument(..., metavar="KEY", help=tr("The factor key, e.g. diesel-mobile.")),
        set_ref: str | None = typer.Option(
            None, "--set", metavar="SET[@VERSION]", help=tr("SET or SET@VERSION; default: every set.")
        ),
        output_format: ShowFormat | None = typer.Option(None, "--format", "-f", help=tr("table or json.")),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=tr(FACTORS_DIR_HELP)),
    ) -> None:
        from ghgcalc.cli.compute import _store
        from ghgcalc.io.factor_store import SetRef
        from ghgcalc.io.writers import factor_dict

        store = _store(factors_dir)
        refs = [SetRef.parse(set_ref)] if set_ref else [SetRef(i, None) for i in store.set_ids()]
        found = []
        thai_titles: list[str] = []  # each factor's set's Thai title, for the table in Thai
        for ref in refs:
            for version in store.select(ref):
                for factor in version.factors.get(key, ()):
                    entry = _with_verified_via(factor_dict(factor), factor.verified_via)
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
                    thai_titles.append(version.title_th)
        if not found:
            import difflib

            keys = sorted({k for ref in refs for v in store.select(ref) for k in v.factors})
            close = difflib.get_close_matches(key, keys, n=3)
            if len(close) == 1:
                hint = tr("did you mean '{key}'?", key=close[0])
            elif close:
                hint = tr("did you mean one of {keys}?", keys=", ".join(f"'{c}'" for c in close))
            else:
                hint = tr("list the keys with 'ghgcalc factors list --set tgo-cfo'")
            if set_ref:
                raise UsageError(tr("no factor '{key}' in {set}", key=visible(key), set=set_ref), hint)
            raise UsageError(tr("no factor '{key}' in the bundled sets", key=visible(key)), hint)
        if _default_format(output_format, ShowFormat) is ShowFormat.json:
            write_stdout(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        else:
            from ghgcalc.cli import render
            from ghgcalc.io.factor_names import thai_name

            thai = language() == "th"
            # the card's Thai name: the set's own, else the display catalog's (never in the JSON)
            found = [{**e, "name_th": thai_name(e["set"], e["key"], e["name_th"])} for e in found]
            if thai:
                found = [{**e, "set_title": t or e["set_title"]} for e, t in zip(found, thai_titles, strict=True)]
            render.factor_cards(found, thai_first=thai)
