"""`ghgcalc compute` and `ghgcalc validate`."""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from ghgcalc.errors import ExitCode, UsageError, printable
from ghgcalc.i18n import tr

FORMAT_HELP = "Output format; default: table on a terminal, json otherwise."


class ResultFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    md = "md"
    html = "html"


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


FACTORS_DIR_HELP = "A folder of your own factor sets (<id>/<version>/set.yaml); check them with 'factors validate'."


def _store(dirs: list[str] | None) -> Any:
    from ghgcalc.io.factor_store import FactorStore

    for folder in dirs or ():
        if not Path(folder).is_dir():
            raise UsageError(tr("{folder}: no such folder of factor sets", folder=folder))
    return FactorStore(extra=tuple(Path(folder) for folder in dirs or ()))


def _run(
    files: list[str],
    gwp: GwpChoice | None,
    factors: list[str] | None,
    store: Any = None,
    checks: Any = None,
    compare: tuple[str, ...] = (),
    analysis: Any = None,
    base: Any = None,
) -> list[Any]:
    """Compute every input; print each problem on standard error as it is found."""
    from ghgcalc import api

    options = api.Options(gwp=gwp.value if gwp else None, factors=_factor_refs(factors), store=store or _store(None))
    if checks is not None:
        options = replace(options, checks=checks)
    options = replace(options, analysis=analysis, base=base)
    if options.factors:
        api.check_factor_refs(options.factors, options.store)
    outcomes: list[Any] = []
    for path in files:
        if compare:
            compared = api.compare_file(path, compare, options)
            outcome = compared.outcome
            issues = (*outcome.issues, *compared.issues)
        else:
            outcome = api.compute_file(path, options)
            issues = outcome.issues
        for issue in issues:
            print(issue.format(), file=sys.stderr)
        outcomes.append(compared if compare else outcome)
    return outcomes


COMPARE_HELP = (
    "Also compute each inventory with these factor-set versions (SET@VERSION) and show the difference, "
    "line by line and by scope, instead of the result."
)


def _compare_refs(values: list[str] | None, store: Any) -> tuple[str, ...]:
    """The versions to compare with: each names a version that exists (else a usage error)."""
    from ghgcalc.io.factor_store import SetRef

    refs = _factor_refs(values) or ()
    for text in refs:
        ref = SetRef.parse(text)
        if ref.version is None:
            known = ", ".join(s.ref for s in store.versions(ref.id))
            raise UsageError(
                tr("--compare-factors {ref} names no version", ref=text), tr("name one: {versions}", versions=known)
            )
        store.select(ref)
    return refs


PREVIOUS_HELP = "Last year's inventory: warn on each line that changed more than 3 times from it (it is only read)."
THRESHOLD_HELP = "Plausibility limits, e.g. month=5,previous=3 (or NAME=off); see docs/inventory-format.md."


def _checks(
    previous: str | None, thresholds: list[str] | None, gwp: GwpChoice | None, factors: list[str] | None, store: Any
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
    options = api.Options(gwp=gwp.value if gwp else None, factors=_factor_refs(factors), store=store, checks=checks)
    before = api.read_previous(previous, options)
    for issue in before.issues:
        if issue.is_error:
            print(issue.format(), file=sys.stderr)
    if before.result is None:
        shown = printable(before.source)
        print(
            tr("ghgcalc: the previous year's inventory {source} has errors: nothing was compared", source=shown),
            file=sys.stderr,
        )
        raise typer.Exit(ExitCode.INPUT_ERRORS)
    return replace(checks, previous=before.result), list(before.reads)


UNCERTAINTY_HELP = (
    "Add the uncertainty (IPCC Approach 1 and Monte Carlo), the key categories and the data-quality "
    "summary; see docs/uncertainty.md."
)
DRAWS_HELP = "Monte Carlo draws (with --uncertainty); default 10,000."
SEED_HELP = "Seed of the Monte Carlo draws (with --uncertainty); the same seed gives the same numbers. Default 1."
BASE_HELP = (
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


def _base(base: str | None, gwp: GwpChoice | None, factors: list[str] | None, store: Any) -> tuple[Any, list[str]]:
    """The base year's result (--base) and the files it read; its errors stop the command."""
    if base is None:
        return None, []
    from ghgcalc import api

    options = api.Options(gwp=gwp.value if gwp else None, factors=_factor_refs(factors), store=store)
    found = api.read_base(base, options)
    for issue in found.issues:
        if issue.is_error:
            print(issue.format(), file=sys.stderr)
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
    """`town.yaml: ok (0 error(s), 2 warning(s))`, the line `validate` prints for each input."""
    if errors:
        return tr(
            "{source}: invalid ({errors} error(s), {warnings} warning(s))",
            source=source,
            errors=errors,
            warnings=warnings,
        )
    return tr(
        "{source}: ok ({errors} error(s), {warnings} warning(s))", source=source, errors=errors, warnings=warnings
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


def _community(results: list[Any]) -> bool:
    """Community inventories (and only they) are reported in the GPC's layout; organisations keep
    the TGO CFO forms."""
    return bool(results) and all(result.kind == "community" for result in results)


def register(app: typer.Typer) -> None:
    @app.command()
    def compute(
        paths: list[str] = typer.Argument(
            ..., metavar="PATH", help="Inventory files, folders of them, or - for standard input."
        ),
        output_format: ResultFormat | None = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
        out: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the result to this file."),
        force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=FACTORS_DIR_HELP),
        gwp: GwpChoice | None = typer.Option(None, "--gwp", help="GWP set; overrides the inventory's."),
        factors: list[str] | None = typer.Option(
            None,
            "--factors",
            metavar="SET[@VERSION]",
            help="Factor set SET or SET@VERSION (repeat or comma-separate); overrides the inventory's.",
        ),
        previous: str | None = typer.Option(None, "--previous", metavar="FILE", help=PREVIOUS_HELP),
        threshold: list[str] | None = typer.Option(None, "--threshold", metavar="NAME=VALUE", help=THRESHOLD_HELP),
        compare_factors: list[str] | None = typer.Option(
            None, "--compare-factors", metavar="SET@VERSION", help=COMPARE_HELP
        ),
        uncertainty: bool = typer.Option(False, "--uncertainty", help=UNCERTAINTY_HELP),
        draws: str | None = typer.Option(None, "--draws", metavar="N", help=DRAWS_HELP),
        seed: str | None = typer.Option(None, "--seed", metavar="S", help=SEED_HELP),
        base: str | None = typer.Option(None, "--base", metavar="FILE", help=BASE_HELP),
    ) -> None:
        """Compute one inventory per input file."""
        from ghgcalc import api
        from ghgcalc.cli.output import check_target
        from ghgcalc.io import writers

        files = api.expand_inputs(paths)
        if output_format is ResultFormat.xlsx and out is None and sys.stdout.isatty():
            raise UsageError(tr("--format xlsx writes a workbook: give it a file"), tr("add -o report.xlsx"))
        store = _store(factors_dir)
        target = check_target(out, [*files, *([previous] if previous else []), *([base] if base else [])], force)
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
        checks, previous_reads = _checks(previous, threshold, gwp, factors, store)
        settings = _analysis(uncertainty, draws, seed)
        base_result, base_reads = _base(base, gwp, factors, store)
        previous_reads += base_reads
        compare = _compare_refs(compare_factors, store) if compare_factors else ()
        outcomes = _run(files, gwp, factors, store, checks, compare, settings, base_result)
        chosen = output_format or (ResultFormat.table if sys.stdout.isatty() and out is None else ResultFormat.json)
        # several inputs (or a folder) give a JSON array, one file a single object (contract §1)
        as_array = len(paths) > 1 or any(p != "-" and Path(p).is_dir() for p in paths)
        read = [*(r for o in outcomes for r in (o.outcome if compare else o).reads), *store.own_files()]
        if compare:
            comparisons = [o.comparison for o in outcomes if o.comparison is not None]
            if comparisons or as_array:
                target.write(_comparison_text(comparisons, chosen, as_array, out is None), read=read)
            _exit_on_errors(outcomes)
            return
        results = [o.result for o in outcomes if o.result is not None]
        text: str | bytes
        if chosen is ResultFormat.table:
            from ghgcalc.cli import render

            text = render.results_table(results, terminal=out is None and sys.stdout.isatty())
        elif chosen is ResultFormat.json:
            text = writers.to_json(results, as_array=as_array)
        elif chosen is ResultFormat.jsonl:
            text = writers.to_jsonl(results)
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
            text = writers.to_csv(results)
        if results or as_array:
            target.write(text, read=[*read, *previous_reads])
        _exit_on_errors(outcomes)

    @app.command()
    def validate(
        paths: list[str] = typer.Argument(
            ..., metavar="PATH", help="Inventory files, folders of them, or - for standard input."
        ),
        gwp: GwpChoice | None = typer.Option(None, "--gwp", help="GWP set to check against."),
        factors_dir: list[str] | None = typer.Option(None, "--factors-dir", metavar="DIR", help=FACTORS_DIR_HELP),
        factors: list[str] | None = typer.Option(
            None, "--factors", metavar="SET[@VERSION]", help="Factor set SET or SET@VERSION."
        ),
        previous: str | None = typer.Option(None, "--previous", metavar="FILE", help=PREVIOUS_HELP),
        threshold: list[str] | None = typer.Option(None, "--threshold", metavar="NAME=VALUE", help=THRESHOLD_HELP),
    ) -> None:
        """Check inventories without printing totals; every problem is printed with its location."""
        from ghgcalc import api

        files, store = api.expand_inputs(paths), _store(factors_dir)
        outcomes = _run(files, gwp, factors, store, _checks(previous, threshold, gwp, factors, store)[0])
        failed = [o for o in outcomes if o.has_errors]
        for outcome in outcomes:
            errors = sum(1 for i in outcome.issues if i.is_error)
            warnings = len(outcome.issues) - errors
            print(tally(printable(outcome.source), errors, warnings), file=sys.stderr)
        if failed:
            raise typer.Exit(ExitCode.INPUT_ERRORS)
