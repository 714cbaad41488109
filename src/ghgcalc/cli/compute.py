"""`ghgcalc compute` and `ghgcalc validate`."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

import typer

from ghgcalc.cli import batch, clock
from ghgcalc.errors import ExitCode, UsageError, printable
from ghgcalc.i18n import N_, tr
from ghgcalc.io.spool import SpoolFull

FORMAT_HELP = N_("Output format; default: from the -o file's extension, else table on a terminal and json otherwise.")
# A workbook of the CFO forms of more inventories than this is too many sheets to find one's way
# in (six each): `summary` writes one row per inventory.
MOST_WORKBOOK_INVENTORIES = 50


class ResultFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    md = "md"
    html = "html"
    parquet = "parquet"  # every line, an activity table's rows included (docs/tables.md)


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class GwpChoice(StrEnum):
    SAR = "SAR"
    AR4 = "AR4"
    AR5 = "AR5"
    AR6 = "AR6"


def _factor_refs(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    refs = tuple(part.strip() for value in values for part in value.split(",") if part.strip())
    if not refs:
        raise UsageError(
            tr("--factors names no factor set"), tr("write --factors tgo-cfo or --factors tgo-cfo@2022-04")
        )
    return refs


FACTORS_DIR_HELP = N_("A folder of your own factor sets (<id>/<version>/set.yaml); check them with 'factors validate'.")


def _store(dirs: list[str] | None) -> Any:
    from ghgcalc.io.factor_store import FactorStore

    for folder in dirs or ():
        if not Path(folder).is_dir():
            raise UsageError(tr("{folder}: no such folder of factor sets", folder=folder))
        # <dir>/<id>/<version>/set.yaml: a set's own folder, or one of its versions, is one level too deep
        given = Path(folder).resolve()
        above = given.parent.parent if (given / "set.yaml").is_file() else None  # a version's folder
        if above is None and any(given.glob("*/set.yaml")):  # a set's folder
            above = given.parent
        if above is not None:
            above = Path(os.path.relpath(above))
            raise UsageError(
                tr("{folder} is a factor set's own folder, not a folder of factor sets", folder=folder),
                tr("give the folder that holds it: --factors-dir {above}", above=above),
            )
    return FactorStore(extra=tuple(Path(folder) for folder in dirs or ()))


class Problems:
    """Where a run's problems go. Each is printed on standard error as it is found (as a JSON line
    instead of the human lines with `--diagnostics -`) and kept for the diagnostics file and for
    `validate --format json|jsonl` (docs/diagnostics.md)."""

    def __init__(self, json_on_stderr: bool = False) -> None:
        self.json_on_stderr = json_on_stderr
        self.found: list[dict[str, object]] = []

    def report(self, issue: Any, source: str) -> None:
        record = issue.to_diagnostic(source)
        self.found.append(record)
        # one write, its line end included: a Ctrl-C between a message and its line end (print's
        # second write) would leave "ghgcalc: interrupted" at the end of the message's last line
        sys.stderr.write(json_line(record) if self.json_on_stderr else issue.format() + "\n")


def _pass_over(document: Any, passed: list[Any], problems: Problems) -> None:
    """A plan or a summary found in a folder of inventories (api.PassedOver): said once, not read."""
    passed.append(document)
    problems.report(document.issue, document.outcome.source)


def _report_input_warnings(warnings: tuple[Any, ...], problems: Problems) -> None:
    """The warnings of the inputs (api.inputs_once): a file named twice, at the later name; a
    folder whose own folders hold inventories, which are not read."""
    for issue in warnings:
        problems.report(issue, issue.location.file if issue.location else "")


def json_line(record: dict[str, object]) -> str:
    import json

    return json.dumps(record, ensure_ascii=False) + "\n"


DIAGNOSTICS_HELP = N_(
    "Also write every problem to FILE: JSON lines, or JSON or CSV by its name (- for standard error, "
    "instead of the messages)."
)


def _diagnostics_target(diagnostics: str | None, inputs: list[str], force: bool, out: str | None = None) -> Any:
    """The checked diagnostics file (refused like -o: an input, a folder, a device, the -o file, a
    name of a format it does not write)."""
    from ghgcalc.cli.output import check_target, diagnostics_format

    if diagnostics is None or diagnostics == "-":
        return None
    if out is not None and out != "-" and Path(out).resolve() == Path(diagnostics).resolve():
        raise UsageError(
            tr("--diagnostics and -o name the same file {path}", path=diagnostics),
            tr("give the diagnostics a file of their own"),
        )
    target = check_target(diagnostics, inputs, force, named="")
    diagnostics_format(diagnostics)  # a name of another format: refused once it is known to be writable
    return target


# the keys of every diagnostic, in the schema's order (src/ghgcalc/data/diagnostic.schema.json)
DIAGNOSTIC_KEYS = ("file", "line", "column", "sheet", "cell", "row", "field", "severity", "code", "message", "hint")


def _write_diagnostics(target: Any, problems: Problems, read: list[str]) -> None:
    """The diagnostics file: JSON lines, or a JSON array or a CSV by its name (diagnostics_format)."""
    if target is None:
        return
    from ghgcalc.cli.output import DiagnosticFormat, diagnostics_format

    chosen = diagnostics_format(target.shown or target.path)
    if chosen is DiagnosticFormat.csv:
        from ghgcalc.io.writers import csv_text

        text = csv_text(
            list(DIAGNOSTIC_KEYS), ([record.get(key) for key in DIAGNOSTIC_KEYS] for record in problems.found)
        )
    elif chosen is DiagnosticFormat.json:
        import json

        text = json.dumps(problems.found, ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(json_line(r) for r in problems.found)
    target.write(text, read=read)


def _run(
    files: list[str],
    gwp: GwpChoice | None,
    factors: list[str] | None,
    store: Any = None,
    checks: Any = None,
    compare: tuple[str, ...] = (),
    analysis: Any = None,
    base: Any = None,
    problems: Problems | None = None,
    jobs: int = 1,
    streamed: Streamed | None = None,
    header: str | None = None,
    results: bool = True,
    passable: frozenset[str] = frozenset(),
    passed_over: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Compute every input; print each problem on standard error as it is found. Each outcome is
    kept as it comes; a streamed output keeps it without its result (see Streamed), and so does a
    run that needs no `results` (validate): a worker sends back only the problems. An input of
    `passable` that is a plan or a summary (api.PassedOver) goes to `passed_over` as it comes, not
    among the outcomes."""
    from ghgcalc import api

    options = api.Options(
        gwp=gwp.value if gwp else None, factors=_factor_refs(factors), store=store or _store(None), today=clock.today()
    )
    options = replace(options, header=header)
    if checks is not None:
        options = replace(options, checks=checks)
    options = replace(options, analysis=analysis, base=base)
    if options.factors:
        api.check_factor_refs(options.factors, options.store)
    problems = problems or Problems()
    outcomes: list[Any] = []
    repeats = None
    if len(files) > 1 and not compare:  # two inputs of one inventory: its total twice in the output
        from ghgcalc.core.entity import Repeats

        repeats = Repeats()
        shared = api.SharedTables()  # a table two inputs read: its rows in both
    shape = streamed.shape if streamed is not None else None if results else api.without_result
    # in input order, on `jobs` cores; closed at once if this stops early (Ctrl-C, a full disk), so
    # that the workers are stopped before anything else is done (the spool removed, another pool)
    with contextlib.closing(batch.outcomes(files, options, jobs, compare, shape, passable)) as computed:
        for found in computed:
            if isinstance(found, api.PassedOver) and passed_over is not None:
                passed_over(found)
                continue
            if streamed is not None:
                found = streamed.keep(found)
            if compare:
                compared = found
                outcome = compared.outcome
                issues = (*outcome.issues, *compared.issues)
            else:
                outcome = found
                issues = outcome.issues
            for issue in issues:
                problems.report(issue, outcome.source)
            who = api.identity(outcome) if repeats is not None else None
            earlier = repeats.earlier(who) if repeats is not None and who is not None else None
            if who is not None and earlier is not None:  # said of this input, and counted with its problems
                repeated = api.repeated_input(who, earlier)
                problems.report(repeated, outcome.source)
                outcome = replace(outcome, issues=(*outcome.issues, repeated))
            told = shared.shared(who, told=earlier is not None) if who is not None and repeats is not None else None
            if told is not None:
                problems.report(told, outcome.source)
                outcome = replace(outcome, issues=(*outcome.issues, told))
            outcomes.append(compared if compare else outcome)
    return outcomes


COMPARE_HELP = N_(
    "Also compute each inventory with these factor-set versions (SET@VERSION) and show the difference, "
    "line by line and by scope, instead of the result."
)


def _compare_refs(values: list[str] | None, store: Any) -> tuple[str, ...]:
    """The versions to compare with: each names a version that exists, one of each set (else a usage
    error), each once."""
    from ghgcalc.core.compare import one_version_each
    from ghgcalc.io.factor_store import SetRef

    named = []
    for text in _factor_refs(values) or ():
        ref = SetRef.parse(text)
        if ref.version is None:
            known = ", ".join(s.ref for s in store.versions(ref.id))
            raise UsageError(
                tr("--compare-factors {ref} names no version", ref=text), tr("name one: {versions}", versions=known)
            )
        store.select(ref)
        named.append((ref.id, ref.version))
    return one_version_each(named)  # each once; two versions of one set are refused


PREVIOUS_HELP = N_("Last year's inventory: warn on each line that changed more than 3 times from it (it is only read).")
THRESHOLD_HELP = N_("Plausibility limits, e.g. month=5,previous=3 (or NAME=off); see docs/inventory-format.md.")


def _checks(
    previous: str | None,
    thresholds: list[str] | None,
    gwp: GwpChoice | None,
    factors: list[str] | None,
    store: Any,
    problems: Problems | None = None,
) -> tuple[Any, list[str]]:
    """The plausibility checks of the run and the files they read: the thresholds given, and last
    year's result when --previous names a file (its errors are printed and stop the command)."""
    from ghgcalc import api
    from ghgcalc.core.plausibility import Checks, ThresholdError, parse_thresholds

    try:
        checks = Checks(parse_thresholds(thresholds or []))
    except ThresholdError as exc:
        raise UsageError(str(exc), exc.hint) from None
    if previous is None:
        return checks, []
    options = api.Options(
        gwp=gwp.value if gwp else None, factors=_factor_refs(factors), store=store, checks=checks, today=clock.today()
    )
    before = api.read_previous(previous, options)
    problems = problems or Problems()
    for issue in before.issues:
        if issue.is_error:
            problems.report(issue, before.source)
    if before.result is None:
        shown = printable(before.source)
        print(
            tr("ghgcalc: the previous year's inventory {source} has errors: nothing was compared", source=shown),
            file=sys.stderr,
        )
        raise typer.Exit(ExitCode.INPUT_ERRORS)
    return replace(checks, previous=before.result), list(before.reads)


UNCERTAINTY_HELP = N_(
    "Add the uncertainty (IPCC Approach 1 and Monte Carlo), the key categories and the data-quality "
    "summary; see docs/uncertainty.md."
)
DRAWS_HELP = N_("Monte Carlo draws (with --uncertainty); default 10,000.")
SEED_HELP = N_("Seed of the Monte Carlo draws (with --uncertainty); the same seed gives the same numbers. Default 1.")
BASE_HELP = N_(
    "The base year's inventory: its forms Fr-04.2/Fr-05 in the report and, with --uncertainty, the trend "
    "key categories and trend uncertainty."
)
LARGEST_DRAWS = 1_000_000


def _analysis(uncertainty: bool, draws: str | None, seed: str | None) -> Any:
    """The analysis settings; usage errors for --draws or --seed without --uncertainty and for
    numbers out of range."""
    from ghgcalc.numbers import NumberError, read_number

    if not uncertainty:
        for name, value in (("--draws", draws), ("--seed", seed)):
            if value is not None:
                raise UsageError(
                    tr("{option} needs --uncertainty", option=name),
                    tr("add --uncertainty to compute the uncertainty and key categories"),
                )
        return None
    from ghgcalc.core.analysis import DEFAULT_DRAWS, DEFAULT_SEED, Settings

    def whole(value: str | None, name: str, default: int, least: int, most: int) -> int:
        if value is None:
            return default
        try:
            number = read_number(value, name, minimum=least, maximum=most)
        except NumberError as problem:
            raise UsageError(problem.message, _whole_hint(least, most)) from None
        if not number.is_integer():
            raise UsageError(
                tr("{option} {value} is not a whole number", option=name, value=value), _whole_hint(least, most)
            )
        return int(number)

    return Settings(
        draws=whole(draws, "--draws", DEFAULT_DRAWS, 100, LARGEST_DRAWS),
        seed=whole(seed, "--seed", DEFAULT_SEED, 0, 2**63 - 1),
    )


def _whole_hint(least: int, most: int) -> str:
    return tr("give a whole number from {least} to {most}", least=f"{least:,}", most=f"{most:,}")


def _base(
    base: str | None, gwp: GwpChoice | None, factors: list[str] | None, store: Any, problems: Problems | None = None
) -> tuple[Any, list[str]]:
    """The base year's result (--base) and the files it read; its errors stop the command."""
    if base is None:
        return None, []
    from ghgcalc import api

    options = api.Options(
        gwp=gwp.value if gwp else None, factors=_factor_refs(factors), store=store, today=clock.today()
    )
    found = api.read_base(base, options)
    problems = problems or Problems()
    for issue in found.issues:
        if issue.is_error:
            problems.report(issue, found.source)
    if found.result is None:
        print(
            tr(
                "ghgcalc: the base year's inventory {source} has errors: nothing was computed",
                source=printable(found.source),
            ),
            file=sys.stderr,
        )
        raise typer.Exit(ExitCode.INPUT_ERRORS)
    return found.result, list(found.reads)


def tally(source: str, errors: int, warnings: int) -> str:
    """`town.yaml: ok (0 error(s), 2 warning(s))`, the line `validate` prints for each input. A name
    that starts with `{` is written `./{x.yaml`: with `--diagnostics -`, only the JSON lines on
    standard error start with `{` (docs/diagnostics.md)."""
    if source.startswith("{"):
        source = f"./{source}"
    if errors:
        return tr(
            "{source}: invalid ({errors} error(s), {warnings} warning(s))",
            source=source,
            errors=errors,
            warnings=warnings,
        )
    if warnings:  # as the run's tally counts it: "with warnings", never "ok" beside "0 ok"
        return tr("{source}: ok, with warnings ({warnings} warning(s))", source=source, warnings=warnings)
    return tr(
        "{source}: ok ({errors} error(s), {warnings} warning(s))", source=source, errors=errors, warnings=warnings
    )


def run_tally(files: int, ok: int, warnings: int, errors: int) -> str:
    """`7,850 files: 7,812 ok, 31 with warnings, 7 with errors`, the last line of `validate`."""
    return tr(
        "{files} file(s): {ok} ok, {warnings} with warnings, {errors} with errors",
        files=f"{files:,}",
        ok=f"{ok:,}",
        warnings=f"{warnings:,}",
        errors=f"{errors:,}",
    )


def _exit_on_errors(outcomes: list[Any]) -> None:
    failed = sum(1 for o in outcomes if o.has_errors)
    if failed:
        print(
            tr("ghgcalc: {failed} of {count} input(s) have errors", failed=failed, count=len(outcomes)), file=sys.stderr
        )
        raise typer.Exit(ExitCode.INPUT_ERRORS)


def _comparison_text(comparisons: list[Any], chosen: ResultFormat, as_array: bool, to_stdout: bool) -> str | bytes:
    from ghgcalc.reports import compare_output

    if chosen is ResultFormat.table:
        from ghgcalc.cli import render

        return render.comparison_table(comparisons, terminal=to_stdout and sys.stdout.isatty())
    if chosen is ResultFormat.json:
        return compare_output.to_json(comparisons, as_array=as_array)
    if chosen is ResultFormat.jsonl:
        return compare_output.to_jsonl(comparisons)
    if chosen is ResultFormat.md:
        return compare_output.to_markdown(comparisons)
    if chosen is ResultFormat.xlsx:
        return compare_output.to_xlsx(comparisons)
    return compare_output.to_csv(comparisons)


def _entries(outcomes: list[Any]) -> list[Any]:
    """Every input of the run in order: its result, or the record of an input that failed
    (docs/cli.md, "A batch keeps every input")."""
    return [_entry(outcome) for outcome in outcomes]


def _entry(outcome: Any) -> Any:
    from ghgcalc.io.writers import FailedInput

    if outcome.result is not None:
        return outcome.result
    errors = [i for i in outcome.issues if i.is_error]
    return FailedInput(outcome.source, len(errors), len(outcome.issues) - len(errors), errors[0])


class Streamed:
    """A batch's CSV or JSON Lines, streamed: where each input is computed (a worker, with --jobs)
    its outcome is shaped into what the output needs (the CSV's rows and record, or the JSON line),
    written to the run's spool there, and sent back as an outcome without its result, with where its
    entry lies. Memory stays flat however many inputs a run has, and a worker sends back a few
    hundred bytes. The output is written from the spool at the end (the CSV's header depends on
    every entry)."""

    def __init__(self, chosen: ResultFormat) -> None:
        from functools import partial

        from ghgcalc.io.spool import Spool
        from ghgcalc.io.writers import CsvLayout

        self.csv, self.json = chosen is ResultFormat.csv, chosen is ResultFormat.json
        self.spool = Spool()
        # with the CSV, the layout of the records shaped so far where they are computed (see shaped)
        self.shape = partial(shaped, Shaping(CsvLayout() if self.csv else None, self.spool.folder, self.json))
        self.layout = CsvLayout()
        self.gases: dict[tuple[str, ...] | None, int] = {}  # the gas columns of entries' texts, by tag
        self.results = 0

    def keep(self, found: tuple[Any, Any, bool]) -> Any:
        outcome, (place, gases, columns), computed = found
        if columns is not None:  # what the record adds to the batch's columns
            added, uncertainty, quality, failed = columns
            layout = self.layout
            layout.gases.update(added)
            layout.uncertainty, layout.quality = layout.uncertainty or uncertainty, layout.quality or quality
            layout.failed = layout.failed or failed
        tag = self.gases.get(gases)
        if tag is None:
            tag = self.gases[gases] = len(self.gases)
        self.spool.add(place, tag)
        self.results += computed
        return outcome

    def chunks(self) -> Iterator[bytes]:
        """The output, UTF-8: each entry's text copied when it was made for this batch's columns
        (a JSON line always), its rows made from its record otherwise."""
        from itertools import groupby

        from ghgcalc.io import writers

        if self.json:  # an array: each entry's text begins with the separator (see shaped), the first's dropped
            items = (text for text, _ in self.spool.read(lambda tag: True) if text is not None)
            first = next(items, None)
            if first is None:
                yield b"[]\n"
                return
            yield b"[" + first[1:]
            yield from items
            yield b"\n]\n"
            return
        if not self.csv:
            yield from (text for text, _ in self.spool.read(lambda tag: True) if text is not None)
            return
        made = writers.text_gases(self.layout)
        copied = {tag for gases, tag in self.gases.items() if gases is not None and gases == made}
        yield writers.csv_header(self.layout).encode("utf-8")
        for texts, group in groupby(self.spool.read(copied.__contains__), key=lambda entry: entry[0] is not None):
            if texts:
                yield from (text for text, _ in group if text is not None)
            else:
                records = (writers.unpacked(record) for _, record in group if record is not None)
                yield from (chunk.encode("utf-8") for chunk in writers.csv_body_chunks(records, self.layout))


def _spool_full(exc: OSError) -> UsageError:
    """A batch whose spool (in the system's temporary folder) took no more: exit 2, nothing written."""
    from ghgcalc.cli.output import OutputError

    return OutputError(
        tr(
            "cannot keep the batch's output in the temporary folder {folder}: {reason}",
            folder=os.path.dirname(exc.filename),  # the run's own folder in it is gone
            reason=exc.strerror,
        ),
        tr(
            "nothing was written; free space there, or name a folder with room in TMPDIR (TMPDIR=/data/tmp ghgcalc ...)"
        ),
    )


class Shaping(NamedTuple):
    """What shaping an outcome needs (sent to each worker): the layout of the CSV records shaped so
    far in that process (None for JSON and JSON Lines), the spool's folder, and whether the output
    is a JSON array."""

    seen: Any
    folder: str
    json: bool = False


def shaped(how: Shaping, outcome: Any) -> tuple[Any, tuple[Any, Any, Any], bool]:
    """An outcome without its result; its entry written to the spool (its CSV rows' text and record,
    its record of a JSON array, or its JSON line) and where it lies, with the gas columns of its
    rows' text and what its record adds to the CSV's columns; and whether it computed. The text of
    a record's rows is made for the layout of the records shaped so far in this process (a
    worker's own), which the batch's writer copies when the whole batch's layout has the same
    columns (most batches)."""
    from ghgcalc import api
    from ghgcalc.io import spool, writers

    entry = _entry(outcome)
    seen = how.seen
    if seen is not None:
        record = writers.csv_record(entry)
        own = writers.CsvLayout()
        own.add(record)
        columns = (own.gases, own.uncertainty, own.quality, own.failed)
        seen.add(record)
        gases, text, packed = writers.spooled_record(record, seen)
        payload: tuple[Any, Any, Any] = (spool.put(how.folder, text, packed), gases, columns)
    else:
        # an item of a JSON array with the separator before it (the first one's "," is dropped at the end)
        item = ",\n  " + writers.json_item(entry) if how.json else writers.jsonl_line(entry)
        payload = (spool.put(how.folder, item.encode("utf-8"), b""), None, None)
    if outcome.result is None:
        return outcome, payload, False
    return api.without_result(outcome), payload, True


def _community(results: list[Any]) -> bool:
    """Community inventories (and only they) are reported in the GPC's layout; organisations keep
    the TGO CFO forms."""
    return bool(results) and all(result.kind == "community" for result in results)


HEADER_HELP = N_(
    "With activity tables as the inputs (.parquet, .csv, .xlsx): the inventory they belong to (docs/tables.md)."
)
LINES_HELP = N_("Also write every line, each activity table's rows included, to FILE (.parquet or .csv).")


def _check_tables(files: list[str], header: str | None) -> None:
    """An activity table is an input only with --header, and --header only with tables."""
    from ghgcalc.io.files import TABLE_SUFFIXES

    # with --header a workbook is a table too (its Activities sheet); without, an inventory
    suffixes = TABLE_SUFFIXES if header else TABLE_SUFFIXES[:2]
    tables = [f for f in files if os.path.splitext(f)[1].lower() in suffixes]  # Path's suffix, without a Path each
    if tables and header is None:
        raise UsageError(
            tr("{path} is an activity table, not an inventory", path=printable(tables[0])),
            tr("give the inventory it belongs to: --header inventory.yaml (docs/tables.md)"),
        )
    if header is not None and len(tables) != len(files):
        raise UsageError(
            tr("--header gives the inventory of an activity table; the inputs must be tables (.parquet, .csv, .xlsx)"),
            tr("name the tables in the inventory's activities_table, or give only tables with --header"),
        )
    if header is not None and not Path(header).is_file():
        raise UsageError(tr("{path}: no such file", path=printable(header)), tr("--header names an inventory file"))


def _lines_target(lines: str | None, inputs: list[str], force: bool, out: str | None, diagnostics: str | None) -> Any:
    from ghgcalc.cli.output import check_target

    if lines is None:
        return None
    if not lines.lower().endswith((".parquet", ".csv")):
        raise UsageError(tr("--lines writes a .parquet or .csv file"), tr("name it lines.parquet or lines.csv"))
    if out is not None and out != "-" and Path(out).resolve() == Path(lines).resolve():
        raise UsageError(tr("--lines and -o name the same file {path}", path=lines), tr("give each its own file"))
    if diagnostics not in (None, "-") and Path(diagnostics).resolve() == Path(lines).resolve():
        raise UsageError(
            tr("--lines and --diagnostics name the same file {path}", path=lines), tr("give each its own file")
        )
    return check_target(lines, inputs, force, named="")


def _write_lines(target: Any, results: list[Any], read: list[str], kind: str | None = None) -> None:
    from ghgcalc.cli.output import write_file
    from ghgcalc.io.tables import write_lines

    chosen = kind or ("parquet" if str(target.path).lower().endswith(".parquet") else "csv")
    write_file(target, lambda path: write_lines(results, path, chosen), read)


def register(app: typer.Typer) -> None:
    @app.command(help=tr("Compute one inventory per input file."))
    def compute(
        paths: list[str] = typer.Argument(
            ..., metavar="PATH", help=tr("Inventory files, folders of them, or - for standard input.")
        ),
        output_format: ResultFormat | None = typer.Option(None, "--format", "-f", help=tr(FORMAT_HELP)),
        out: str | None = typer.Option(
            None, "--output", "-o", metavar="FILE", help=tr("Write the result to this file.")
        ),
        force: bool = typer.Option(False, "--force", help=tr("Replace an existing output file.")),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=tr(FACTORS_DIR_HELP)),
        gwp: GwpChoice | None = typer.Option(None, "--gwp", help=tr("GWP set; overrides the inventory's.")),
        factors: list[str] | None = typer.Option(
            None,
            "--factors",
            metavar="SET[@VERSION]",
            help=tr("Factor set SET or SET@VERSION (repeat or comma-separate); overrides the inventory's."),
        ),
        previous: str | None = typer.Option(None, "--previous", metavar="FILE", help=tr(PREVIOUS_HELP)),
        threshold: list[str] | None = typer.Option(None, "--threshold", metavar="NAME=VALUE", help=tr(THRESHOLD_HELP)),
        compare_factors: list[str] | None = typer.Option(
            None, "--compare-factors", metavar="SET@VERSION", help=tr(COMPARE_HELP)
        ),
        uncertainty: bool = typer.Option(False, "--uncertainty", help=tr(UNCERTAINTY_HELP)),
        draws: str | None = typer.Option(None, "--draws", metavar="N", help=tr(DRAWS_HELP)),
        seed: str | None = typer.Option(None, "--seed", metavar="S", help=tr(SEED_HELP)),
        base: str | None = typer.Option(None, "--base", metavar="FILE", help=tr(BASE_HELP)),
        jobs: str | None = typer.Option(None, "--jobs", "-j", metavar="N", help=tr(batch.JOBS_HELP)),
        diagnostics: str | None = typer.Option(None, "--diagnostics", metavar="FILE", help=tr(DIAGNOSTICS_HELP)),
        header: str | None = typer.Option(None, "--header", metavar="FILE", help=tr(HEADER_HELP)),
        lines: str | None = typer.Option(None, "--lines", metavar="FILE", help=tr(LINES_HELP)),
    ) -> None:
        from ghgcalc import api
        from ghgcalc.cli.output import check_target
        from ghgcalc.io import writers

        files, input_warnings = api.inputs_once(paths)
        _check_tables(files, header)
        from ghgcalc.cli.output import chosen_format
        from ghgcalc.cli.output import output_format as format_given

        output_format = format_given(output_format, out, ResultFormat)  # never JSON in a file named .xlsx
        if output_format is ResultFormat.xlsx and out is None and sys.stdout.isatty():
            raise UsageError(tr("--format xlsx writes a workbook: give it a file"), tr("add -o report.xlsx"))
        if output_format is ResultFormat.xlsx and len(files) > MOST_WORKBOOK_INVENTORIES:
            raise UsageError(
                tr(
                    "--format xlsx writes the CFO forms of each inventory as sheets of one workbook: "
                    "{count} inventories are more than {most}",
                    count=format(len(files), ","),
                    most=MOST_WORKBOOK_INVENTORIES,
                ),
                tr(
                    "for one row per inventory write `ghgcalc summary` to a workbook (-o summary.xlsx); "
                    "for every line, --format csv; or compute fewer inventories at a time"
                ),
            )
        store, jobs_count = _store(factors_dir), batch.parse_jobs(jobs)
        inputs = [*files, *([previous] if previous else []), *([base] if base else []), *([header] if header else [])]
        target = check_target(out, inputs, force)
        lines_target = _lines_target(lines, inputs, force, out, diagnostics)
        if lines_target is not None and compare_factors:
            raise UsageError(
                tr("--lines writes every line of the inventories; --compare-factors writes a comparison instead"),
                tr("run the comparison and the lines one at a time"),
            )
        if output_format is ResultFormat.parquet and (compare_factors or target.path is None):
            raise UsageError(
                tr("--format parquet writes every line of the inventories to a Parquet file"),
                tr("give it a file with -o lines.parquet; it does not compare factor sets"),
            )
        diagnostics_target = _diagnostics_target(diagnostics, inputs, force, out)
        problems = Problems(json_on_stderr=diagnostics == "-")
        if output_format is ResultFormat.html and compare_factors:
            raise UsageError(
                tr("--format html shows an inventory, not a comparison of factor sets"),
                tr("compare with --format md or xlsx, or leave out --compare-factors"),
            )
        if uncertainty and compare_factors:
            raise UsageError(
                tr("--uncertainty and --compare-factors are two different results"), tr("run them one at a time")
            )
        if base is not None and len(files) > 1:
            raise UsageError(
                tr("--base compares one inventory with its base year; {count} inputs were given", count=len(files)),
                tr("run one inventory at a time with its own --base"),
            )
        settings = _analysis(uncertainty, draws, seed)
        compare = _compare_refs(compare_factors, store) if compare_factors else ()
        try:
            checks, previous_reads = _checks(previous, threshold, gwp, factors, store, problems)
            base_result, base_reads = _base(base, gwp, factors, store, problems)
        except typer.Exit:
            _write_diagnostics(diagnostics_target, problems, inputs)
            raise
        previous_reads += base_reads
        chosen = chosen_format(output_format, out, ResultFormat)
        # a streamed output keeps no results: the lines file (--lines) needs them; one input is held
        # whole anyway (its result is in memory), so it is written without a spool
        streamed_formats = (ResultFormat.csv, ResultFormat.jsonl, ResultFormat.json)
        stream = chosen in streamed_formats and not compare and lines_target is None and len(files) > 1
        streamed = Streamed(chosen) if stream else None
        _report_input_warnings(input_warnings, problems)  # a file named twice, a folder not read
        passed: list[Any] = []  # a plan or a summary in a folder, passed over
        try:
            outcomes = _run(
                files,
                gwp,
                factors,
                store,
                checks,
                compare,
                settings,
                base_result,
                problems,
                jobs_count,
                streamed,
                header,
                passable=api.found_in_folders(paths, files),
                passed_over=lambda document: _pass_over(document, passed, problems),
            )
            api.nothing_left(paths, len(outcomes), passed)  # a folder of nothing but plans
            if streamed is not None:
                streamed.spool.flush()  # what this process computed: a full disk told as the spool's
        except BaseException as exc:
            if streamed is not None:
                streamed.spool.close()
            if isinstance(exc, SpoolFull):
                raise _spool_full(exc) from None
            raise
        # several inputs (or a folder) give a JSON array, one file a single object (contract §1)
        as_array = len(paths) > 1 or any(p != "-" and Path(p).is_dir() for p in paths)
        read = [*(r for o in outcomes for r in (o.outcome if compare else o).reads), *store.own_files()]
        if compare:
            comparisons = [o.comparison for o in outcomes if o.comparison is not None]
            if comparisons or as_array:
                target.write(_comparison_text(comparisons, chosen, as_array, out is None), read=read)
            _write_diagnostics(diagnostics_target, problems, read)
            _exit_on_errors(outcomes)
            return
        if streamed is not None:
            try:
                if streamed.results or as_array:
                    target.write(streamed.chunks(), read=[*read, *previous_reads])
            finally:
                streamed.spool.close()
            _write_diagnostics(diagnostics_target, problems, [*read, *previous_reads])
            _exit_on_errors(outcomes)
            return
        results = [o.result for o in outcomes if o.result is not None]
        if lines_target is not None and results:
            _write_lines(lines_target, results, [*read, *previous_reads])
        if chosen is ResultFormat.parquet:
            if results:
                _write_lines(target, results, [*read, *previous_reads], kind="parquet")
            _write_diagnostics(diagnostics_target, problems, [*read, *previous_reads])
            _exit_on_errors(outcomes)
            return
        text: str | bytes
        # the output makes many objects and no cycles, with the inputs' results alive (see collector_paused)
        with api.collector_paused():
            if chosen is ResultFormat.table:
                from ghgcalc.cli import render

                text = render.results_table(results, terminal=out is None and sys.stdout.isatty())
            elif chosen is ResultFormat.json:
                text = writers.to_json(_entries(outcomes), as_array=as_array)
            elif chosen is ResultFormat.jsonl:
                text = writers.to_jsonl(_entries(outcomes))
            elif chosen is ResultFormat.md and _community(results):
                from ghgcalc.reports import render_markdown
                from ghgcalc.reports.inventory_report import document

                text = render_markdown.render(document(results))  # the GPC's layout (docs/community.md)
            elif chosen is ResultFormat.md:
                from ghgcalc.reports.markdown import to_markdown

                text = to_markdown(results)
            elif chosen is ResultFormat.xlsx and _community(results):
                from ghgcalc.reports import render_xlsx
                from ghgcalc.reports.inventory_report import document

                text = render_xlsx.render(document(results))
            elif chosen is ResultFormat.xlsx:
                from ghgcalc.reports.report_xlsx import to_xlsx

                text = to_xlsx(results)
            elif chosen is ResultFormat.html:
                from ghgcalc.reports import render_html
                from ghgcalc.reports.inventory_report import document

                text = render_html.render(document(results))  # one page, a section per inventory
            else:
                text = writers.to_csv(_entries(outcomes))
        if results or as_array:
            target.write(text, read=[*read, *previous_reads])
        _write_diagnostics(diagnostics_target, problems, [*read, *previous_reads])
        _exit_on_errors(outcomes)

    @app.command(help=tr("Check inventories without printing totals; every problem is printed with its location."))
    def validate(
        paths: list[str] = typer.Argument(
            ..., metavar="PATH", help=tr("Inventory files, folders of them, or - for standard input.")
        ),
        gwp: GwpChoice | None = typer.Option(None, "--gwp", help=tr("GWP set to check against.")),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=tr(FACTORS_DIR_HELP)),
        factors: list[str] | None = typer.Option(
            None, "--factors", metavar="SET[@VERSION]", help=tr("Factor set SET or SET@VERSION.")
        ),
        previous: str | None = typer.Option(None, "--previous", metavar="FILE", help=tr(PREVIOUS_HELP)),
        threshold: list[str] | None = typer.Option(None, "--threshold", metavar="NAME=VALUE", help=tr(THRESHOLD_HELP)),
        output_format: ProblemFormat = typer.Option(
            ProblemFormat.text,
            "--format",
            "-f",
            help=tr("text: nothing on standard output; json or jsonl: every problem."),
        ),
        diagnostics: str | None = typer.Option(None, "--diagnostics", metavar="FILE", help=tr(DIAGNOSTICS_HELP)),
        force: bool = typer.Option(False, "--force", help=tr("Replace an existing diagnostics file.")),
        jobs: str | None = typer.Option(None, "--jobs", "-j", metavar="N", help=tr(batch.JOBS_HELP)),
        header: str | None = typer.Option(None, "--header", metavar="FILE", help=tr(HEADER_HELP)),
    ) -> None:
        from ghgcalc import api
        from ghgcalc.cli.output import write_stdout

        (files, input_warnings), store = api.inputs_once(paths), _store(factors_dir)
        _check_tables(files, header)
        jobs_count = batch.parse_jobs(jobs)
        inputs = [*files, *([previous] if previous else []), *([header] if header else [])]
        diagnostics_target = _diagnostics_target(diagnostics, inputs, force)
        problems = Problems(json_on_stderr=diagnostics == "-")
        try:
            checks = _checks(previous, threshold, gwp, factors, store, problems)[0]
        except typer.Exit:
            _write_diagnostics(diagnostics_target, problems, inputs)
            raise
        _report_input_warnings(input_warnings, problems)  # a file named twice, a folder not read
        documents: dict[str, tuple[str, tuple[Any, ...]]] = {}  # a plan, or a summary: what it was checked as
        passed: set[str] = set()  # every plan and summary, checked as a document or passed over
        in_folders = api.found_in_folders(paths, files)

        def check_document(document: Any) -> None:
            """A plan, named or in a folder, checked as a plan (docs/cli.md, "ghgcalc validate"); a
            summary named as an inventory is its error; one in a folder is passed over."""
            passed.add(document.path)
            if document.kind == api.PLAN:
                planned = api.plan_file(document.path)
                documents[document.path] = (planned.source, planned.issues)
            elif document.path not in in_folders:
                documents[document.path] = (document.outcome.source, document.outcome.issues)
            shown, issues = documents.get(document.path, (document.outcome.source, (document.issue,)))
            for issue in issues:
                problems.report(issue, shown)

        outcomes = _run(
            files,
            gwp,
            factors,
            store,
            checks,
            problems=problems,
            jobs=jobs_count,
            header=header,
            results=False,
            passable=frozenset(files),
            passed_over=check_document,
        )
        read = iter(outcomes)  # in the order of the files, without the documents that are no inventory
        checked: list[tuple[str, tuple[Any, ...]]] = []
        for path in files:
            if path in documents:
                checked.append(documents[path])
            elif path not in passed:
                outcome = next(read)
                checked.append((outcome.source, outcome.issues))
        counts = {"ok": 0, "warnings": 0, "errors": 0}
        for source, issues in checked:
            errors = sum(1 for i in issues if i.is_error)
            warnings = len(issues) - errors
            counts["errors" if errors else "warnings" if warnings else "ok"] += 1
            print(tally(printable(source), errors, warnings), file=sys.stderr)
        print(run_tally(len(checked), counts["ok"], counts["warnings"], counts["errors"]), file=sys.stderr)
        if output_format is ProblemFormat.json:
            import json

            write_stdout(json.dumps(problems.found, ensure_ascii=False, indent=2) + "\n")
        elif output_format is ProblemFormat.jsonl:
            write_stdout("".join(json_line(r) for r in problems.found))
        _write_diagnostics(diagnostics_target, problems, inputs)
        if counts["errors"]:
            raise typer.Exit(ExitCode.INPUT_ERRORS)
