"""What the CLI and Python users call: read an inventory, choose its factors, compute it.

from ghgcalc.api import compute_file
outcome = compute_file("municipality.yaml")
outcome.result.total_t_co2e, [issue.format() for issue in outcome.issues]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ghgcalc import i18n
from ghgcalc.core.compute import compute, custom_factors, no_activities
from ghgcalc.core.plausibility import Checks, indicator_slips, period_plausibility
from ghgcalc.core.resolve import Catalogue, Choice, SetChoice
from ghgcalc.errors import FactorSetError, Issue, Location, Severity, UsageError, printable
from ghgcalc.errors import Path as DocPath
from ghgcalc.i18n import N_, tr
from ghgcalc.io.factor_store import ALWAYS_SEARCHED, DEFAULT_SETS, FactorStore, SetRef
from ghgcalc.io.files import ARCHIVE_SUFFIXES, DOWNLOAD_SUFFIXES, TABLE_SUFFIXES, is_regular, kind_of
from ghgcalc.io.inventory_reader import (
    INPUT_SUFFIXES,
    OTHER_WORKBOOK_SUFFIXES,
    Reading,
    display_name,
    read_inventory,
)
from ghgcalc.io.locator import Locator
from ghgcalc.io.text import STDIN
from ghgcalc.models.inventory import Inventory
from ghgcalc.models.period import Period, parse_period
from ghgcalc.models.result import InventoryResult
from ghgcalc.records import Record, frozen
from ghgcalc.thai import canonical_name

if TYPE_CHECKING:  # plans are imported only when a plan is computed: compute stays light
    from collections.abc import Sequence

    from ghgcalc.core.analysis import Settings
    from ghgcalc.core.audit import CopiesAudit, YearAudit
    from ghgcalc.core.compare import Comparison
    from ghgcalc.core.entity import Who
    from ghgcalc.core.plan import Evaluate, Projection
    from ghgcalc.core.trend import Trend
    from ghgcalc.models.factor import FactorSet

DEFAULT_GWP = "AR5"
# Issues about a mapping key itself (the gas name in `kg:`), located at the key, not its value.
_ABOUT_THE_KEY = frozenset({"gas-unknown", "gas-duplicate", "gas-double-count"})


@frozen
class Options(Record):
    gwp: str | None = None  # overrides the inventory's gwp
    factors: tuple[str, ...] | None = None  # overrides the inventory's factors list
    # the factor list itself, in place of `factors` and the inventory's (a comparison's: compare_file)
    sets: tuple[SetChoice, ...] | None = None
    store: FactorStore = field(default_factory=FactorStore)
    checks: Checks = field(default_factory=Checks)  # plausibility thresholds and last year's result
    # the uncertainty analysis and key categories (--uncertainty), against a base year's result
    analysis: Settings | None = None
    base: InventoryResult | None = None
    # Included inventories already computed in this run, by real path: a municipality included by
    # three hundred city files of a batch is read and computed once.
    included: dict[tuple[object, ...], Outcome] = field(default_factory=dict, compare=False, repr=False)
    # The factor choices of this run's inventories, shared between them (core.resolve.Catalogue).
    resolved: dict[tuple[object, ...], Choice] = field(default_factory=dict, compare=False, repr=False)
    # The gas weights of the factors of this run's inventories (core.compute.WeightsMemo).
    weights: dict[tuple[object, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    # The classes of lines of this run's inventories, by what they depend on (core.compute.compute).
    classes: dict[tuple[object, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    # The factor sets each list of factor sets gives (_set_choices): a batch names the same few lists.
    chosen: dict[tuple[object, ...], tuple[tuple[SetChoice, ...], tuple[Issue, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Each factor list's GWP bases for a period (_bases_of), by its entries from `chosen` and the
    # period's first and last day.
    bases: dict[tuple[object, ...], tuple[tuple[SetChoice, ...], tuple[tuple[str, str | None], ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # the inventory a table given as the input belongs to (compute big.parquet --header inv.yaml)
    header: str | None = None
    # the day of the run (the CLI's clock): a period that ends after next year is said to be a
    # slip (period-future); None, as in a library call without a day, leaves that unchecked
    today: dt.date | None = None


@frozen
class Outcome(Record):
    """One input file: its result (None when it could not be computed) and its problems."""

    source: str
    result: InventoryResult | None
    issues: tuple[Issue, ...]
    inventory: Inventory | None = None  # the validated file, when it computed
    reads: tuple[str, ...] = ()  # every file read: the input and the files it includes
    positions: Locator | None = None  # where the validated inventory's values are, when it computed
    who: Who | None = None  # which inventory it computed, once its result is left out (without_result)

    @property
    def has_errors(self) -> bool:
        return any(issue.is_error for issue in self.issues)


def without_result(outcome: Outcome) -> Outcome:
    """An outcome's problems, the files it read and which inventory it computed (identity), without
    its result or inventory: what a batch keeps of an input once its output is made (a worker sends
    back no result)."""
    o = outcome  # made anew: dataclasses.replace costs several times more, and this runs per input
    return Outcome(o.source, None, o.issues, None, o.reads, None, identity(o))


def identity(outcome: Outcome) -> Who | None:
    """Which local government, kind and period an input's computed inventory is of (None when it
    did not compute): what tells two inputs of a batch apart (repeated_input)."""
    if outcome.who is not None or outcome.result is None:
        return outcome.who
    # imported here, not with the module: only a batch asks (a microsecond an input), and every
    # single-file run, one process a file in a shell loop, would pay for the module at start-up
    from ghgcalc.core.entity import Who

    return Who.of(outcome.result)


def repeated_input(who: Who, earlier: Who) -> Issue:
    """inventory-repeated for an input of a batch (compute, validate) whose local government, kind
    and period an earlier input has (core/entity.Repeats): the batch's output holds both, and a
    total added up from it counts the inventory twice. The records keep their own status: this is
    said of the batch."""
    from ghgcalc.core.entity import code_key, other_totals

    codes = (who.code, earlier.code) if who.code is not None and earlier.code is not None else None
    one_code = codes is not None and code_key(codes[0]) == code_key(codes[1])
    code = " = ".join(dict.fromkeys(codes or ()))  # "500101 = 0500101": an Excel cell dropped the leading zero
    if (who.period_start, who.period_end) != (earlier.period_start, earlier.period_end):
        days = _shared_days(who, earlier)
        if one_code:
            message = tr(
                "the same local government (code {code}) as {first}, and periods that overlap: {period} here and "
                "{other} there both cover {start} to {end}: a total added up from the output counts those days twice",
                code=code,
                **days,
            )
        else:
            message = tr(
                "the same name ({name}) and province as {first}, and periods that overlap: {period} here and {other} "
                "there both cover {start} to {end}: a total added up from the output counts those days twice",
                name=printable(who.name),
                **days,
            )
        return Issue("inventory-repeated", message, Severity.WARNING, Location(who.file), hint=tr(OVERLAP_HINT))
    if other_totals(who, earlier):  # not a copy: a part of it, or another version
        message = tr(
            "the same local government ({who}) and period ({period}) as {first}, with another total ({total} t "
            "CO2e here, {other} there): a part of its inventory, or another version of it? A total added up from "
            "the output takes both",
            **_other_version(who, earlier, code if one_code else None),
        )
        return Issue("inventory-repeated", message, Severity.WARNING, Location(who.file), hint=tr(PARTS_HINT))
    if one_code:
        message = tr(
            "the same local government (code {code}) and period ({period}) as {first}: the output holds both, "
            "and a total added up from it counts this inventory twice",
            code=code,
            period=who.period,
            first=earlier.file,
        )
        hint = tr("if one file is a copy of the other, leave it out; if a code is wrong, correct organization.code")
    else:
        message = tr(
            "the same name ({name}), province and period ({period}) as {first}: the output holds both, and a "
            "total added up from it counts this inventory twice",
            name=printable(who.name),
            period=who.period,
            first=earlier.file,
        )
        hint = tr(
            "if one file is a copy of the other (the YAML and its workbook, a file saved twice), leave it out; if "
            "they are two local governments, give each its organization.code"
        )
    return Issue("inventory-repeated", message, Severity.WARNING, Location(who.file), hint=hint)


class SharedTables:
    """The activity tables the inputs of a batch read, one input at a time: an input that reads a
    table an earlier input read (the same file, or a copy of its bytes: a district's folder copied
    for the next district, its inventory edited and its meters left) is told (table-shared), since
    a total added up from the output counts the table's rows in both."""

    def __init__(self) -> None:
        self._files: dict[tuple[int, int], tuple[str, str]] = {}  # (device, inode) -> (input, table)
        self._sizes: dict[int, list[tuple[str, str | None, tuple[str, str]]]] = {}  # size -> (path, digest, ...)

    def shared(self, who: Who, told: bool = False) -> Issue | None:
        """table-shared for `who` when one of its tables is one an earlier input read; None when
        none is, or when `told` (inventory-repeated said already that the two are one inventory).
        Its tables are kept for the inputs after it either way."""
        found: tuple[str, str, str] | None = None
        for path, name in who.tables:
            try:
                stat = os.stat(path)
            except OSError:
                continue
            key = (stat.st_dev, stat.st_ino)
            earlier = self._files.get(key) or self._copy_of(path, stat.st_size)
            if earlier is not None and earlier[0] != who.file:
                found = found or (name, *earlier)
            self._files.setdefault(key, (who.file, name))
            self._sizes.setdefault(stat.st_size, []).append((path, None, (who.file, name)))
        if found is None or told:
            return None
        name, first, other = found
        message = tr(
            "the table {table} is the table {other} of {first} (the same file, or a copy of its bytes): a total "
            "added up from the output counts its rows in both inventories",
            table=printable(name),
            other=printable(other),
            first=first,
        )
        hint = tr(
            "give each inventory the table of its own rows (a district its own meters); if the two files are one "
            "inventory, leave one out"
        )
        return Issue("table-shared", message, Severity.WARNING, Location(who.file), hint=hint)

    def _copy_of(self, path: str, size: int) -> tuple[str, str] | None:
        earlier = self._sizes.get(size)
        if not earlier:
            return None
        digest = _digest(path)
        for number, (other, known, owner) in enumerate(earlier):
            if known is None:
                try:
                    known = _digest(other)
                except OSError:
                    continue
                earlier[number] = (other, known, owner)
            if known == digest:
                return owner
        return None


OVERLAP_HINT = N_(
    "a total takes each day once: leave out one of the two (the fiscal year's file or the calendar year's), or add "
    "up each period apart; if they are two local governments, give each its own organization.code"
)


PARTS_HINT = N_(
    "if one is an older version, leave it out; if they are parts of one inventory (scope 1 and 2 in one file, "
    "scope 3 in the other), put their activities in one file, so that the local government has one total; if "
    "they are two local governments, give each its own organization.code"
)


def _other_version(row: Any, earlier: Any, code: str | None) -> dict[str, object]:
    """What a message of two inventories of one local government and period with different totals
    names (Who, SummaryRow)."""
    from ghgcalc.core.entity import tonnes

    return {
        "who": tr("code {code}", code=code) if code else printable(row.name or ""),
        "period": row.period,
        "first": earlier.file,
        "total": tonnes(row.total),
        "other": tonnes(earlier.total),
    }


def _shared_days(row: Any, earlier: Any) -> dict[str, object]:
    """What a message of two overlapping periods names (Who, SummaryRow): each period as written and
    the days both cover (ISO)."""
    return {
        "first": earlier.file,
        "period": row.period,
        "other": earlier.period,
        "start": str(max(row.period_start, earlier.period_start)),
        "end": str(min(row.period_end, earlier.period_end)),
    }


def expand_inputs(paths: list[str]) -> list[str]:
    """Files named on the command line; folders give their inventories, sorted. Raises UsageError."""
    return _expanded(paths)[0]


def inputs_once(paths: list[str], files: list[str] | None = None) -> tuple[list[str], tuple[Issue, ...]]:
    """The files of `paths` (expand_inputs's, or `files` they gave, a recursive summary's) with each
    file once, in the order first named, and the warnings of the inputs: input-repeated for each
    later name of a file already named (another path to it, or a link), so that `ghgcalc summary
    towns/ towns/a.yaml` counts a.yaml once, never twice; and folder-not-read for a named folder
    whose own folders hold inventories, which are not read. A single folder without links is not
    looked at again: its names are files of their own."""
    unread: list[tuple[str, list[str]]] = []
    skipped: list[tuple[str, list[str]]] = []
    if files is None:
        files, linked = _expanded(paths, unread, skipped)
    else:
        linked = True
    warnings = [_unread_folders(folder, names) for folder, names in unread]
    warnings += [issue for folder, names in skipped for issue in _other_workbooks(folder, names)]
    if len(files) < 2 or (len(paths) == 1 and not linked):
        return files, tuple(warnings)
    first_named: dict[object, str] = {}
    kept: list[str] = []
    for path in files:
        key = path if path == STDIN else _identity(path)
        first = first_named.setdefault(key, path)
        if len(kept) < len(first_named):  # a file not named before
            kept.append(path)
            continue
        shown = display_name(first)
        said = (
            tr("named again: it is computed once")
            if path == first
            else tr("the same file as {first}, under another name: it is computed once", first=printable(shown))
        )
        warnings.append(
            Issue(
                "input-repeated",
                said,
                Severity.WARNING,
                Location(display_name(path)),
                hint=tr(
                    "name each inventory once (a folder gives every inventory in it; a link in it names a file again)"
                ),
            )
        )
    return kept, tuple(warnings)


def without_output(files: list[str], output: str | None) -> tuple[list[str], tuple[Issue, ...]]:
    """`files` without the run's own output file, which a folder of inventories may hold (the
    summary.xlsx of the last run, written into the folder it summarises), and a warning naming it
    when it was there: it is the output, not an inventory, and is replaced, never read. Any other
    file there (an inventory: `-o towns/b.yaml --force`) is read by the run: UsageError."""
    if output is None or not os.path.lexists(output):
        return files, ()
    own = _identity(output)
    kept = [path for path in files if path == STDIN or _identity(path) != own]
    if len(kept) == len(files):
        return files, ()
    passed = next(path for path in files if path != STDIN and _identity(path) == own)
    from ghgcalc.io.summary_file import is_summary

    if not is_summary(output):
        raise UsageError(
            tr(
                "{path} is an inventory in the folder read; ghgcalc never writes over what it reads",
                path=printable(display_name(passed)),
            ),
            tr("write the summary to another file, outside the folder of inventories (-o ../summary.xlsx)"),
        )
    note = Issue(
        "input-is-output",
        tr("this run's output file: not read as an inventory"),
        Severity.WARNING,
        Location(display_name(passed)),
        hint=tr("write the output outside the folder of inventories (-o ../summary.xlsx)"),
    )
    return kept, (note,)


def found_in_folders(paths: list[str], files: list[str]) -> frozenset[str]:
    """The `files` a folder of `paths` gave, not named themselves: those a run passes over when they
    are no inventory (PassedOver); a file named on the command line is read as given."""
    named = set(paths)
    return frozenset(path for path in files if path not in named and path != STDIN)


PLAN, SUMMARY, REPORT = "plan", "summary", "report"
_DOCUMENT_KINDS = {"document-is-plan": PLAN, "document-is-summary": SUMMARY, "document-is-report": REPORT}


def document_kind(outcome: Any) -> str | None:
    """PLAN, SUMMARY or REPORT for the outcome of a file that is a reduction plan, or a summary or a
    report ghgcalc wrote, as its reading found (document-is-plan, -summary, -report); None for any
    other outcome.
    Found where the file is read anyway, so a folder of 7,850 inventories is not read twice."""
    own = getattr(outcome, "outcome", outcome)  # a CompareOutcome holds the Outcome
    if own.result is not None or len(own.issues) != 1:
        return None
    return _DOCUMENT_KINDS.get(own.issues[0].code)


@frozen
class PassedOver(Record):
    """A file of a folder of inventories that is none (a plan, a summary or a report ghgcalc wrote), in place of
    its outcome in a run: said once with a warning (`issue`) and left out of the results; its
    `outcome` is what reading it gave (validate checks a plan as a plan instead)."""

    path: str
    kind: str
    outcome: Outcome

    @property
    def issue(self) -> Issue:
        return _passed_over(self.path, self.kind)


def without_documents(
    paths: list[str], files: list[str], outcomes: tuple[Outcome, ...]
) -> tuple[list[str], tuple[Outcome, ...], tuple[Issue, ...]]:
    """The `files` and their `outcomes` without those of a plan or a summary a folder of `paths`
    gave, and a warning for each (see PassedOver); UsageError if nothing else is left."""
    folder = found_in_folders(paths, files)
    kept: list[tuple[str, Outcome]] = []
    passed: list[PassedOver] = []
    for path, outcome in zip(files, outcomes, strict=True):
        kind = document_kind(outcome) if path in folder else None
        if kind is None:
            kept.append((path, outcome))
        else:
            passed.append(PassedOver(path, kind, outcome))
    nothing_left(paths, len(kept), passed)
    return [path for path, _ in kept], tuple(o for _, o in kept), tuple(p.issue for p in passed)


def nothing_left(paths: list[str], read: int, passed: list[PassedOver]) -> None:
    """UsageError when a run found nothing but plans and summaries to read (`read` inventories)."""
    if read or not passed:
        return
    raise UsageError(
        tr(
            "{paths}: no inventory to read; passed over, as not inventories: {names}",
            paths=printable(" ".join(paths)),
            names=printable(_first_names([display_name(p.path) for p in passed])),
        ),
        passed[0].issue.hint,
    )


# what a run says of a document in a folder that is no inventory: its code, message and hint
_PASSED_OVER = {
    PLAN: (
        "plan-in-folder",
        N_("a reduction plan (ghgcalc_plan:), not an inventory: passed over"),
        N_("project it with: ghgcalc plan {file}; check it with: ghgcalc validate {file}"),
    ),
    REPORT: (
        "report-in-folder",
        N_("a report ghgcalc wrote, not an inventory: passed over"),
        N_("write reports outside the folder of inventories (-o ../report.xlsx)"),
    ),
    SUMMARY: (
        "summary-in-folder",
        N_("a summary ghgcalc wrote, not an inventory: passed over"),
        N_("write summaries outside the folder of inventories (-o ../summary.xlsx)"),
    ),
}


def _passed_over(path: str, kind: str) -> Issue:
    shown = display_name(path)
    code, message, hint = _PASSED_OVER[kind]
    return Issue(code, tr(message), Severity.WARNING, Location(shown), hint=tr(hint, file=shown))


def _first_names(names: list[str], most: int = 5) -> str:
    """The first `most` of `names`, and "..." for the others: a message stays one line."""
    return ", ".join(names[:most]) + (", ..." if len(names) > most else "")


def _unread_folders(folder: str, names: list[str]) -> Issue:
    return Issue(
        "folder-not-read",
        tr(
            "{count} folder(s) in it hold inventories, which are not read: {names}",
            count=len(names),
            names=printable(_first_names(names)),
        ),
        Severity.WARNING,
        Location(folder),
        hint=tr("name them too (a folder gives only the files in it), or give summary --recursive"),
    )


def _identity(path: str) -> object:
    """The file `path` names, whatever the path to it (a link's target); the path itself if it
    cannot be looked at (it is then reported when it is read)."""
    try:
        found = os.stat(path)
    except OSError:
        return path
    return (found.st_dev, found.st_ino)


def _expanded(
    paths: list[str],
    unread: list[tuple[str, list[str]]] | None = None,
    skipped: list[tuple[str, list[str]]] | None = None,
) -> tuple[list[str], bool]:
    """expand_inputs's files, and whether a folder among them holds a link (a name of another file);
    each named folder whose own folders hold inventories is added to `unread`, with their names."""
    files: list[str] = []
    linked = False
    for path in paths:
        if path == STDIN:
            files.append(path)
        elif os.path.isdir(path):
            others: list[str] = []
            found, links, folders = _folder_inputs(path, others)
            if others and skipped is not None:
                skipped.append((path, others))
            if not found:
                raise UsageError(
                    tr(
                        "{path}: the folder holds no {suffixes} or {last} file",
                        path=path,
                        suffixes=", ".join(INPUT_SUFFIXES[:-1]),
                        last=INPUT_SUFFIXES[-1],
                    ),
                    tr(
                        "its folders {names} hold inventories: name them, or give summary --recursive",
                        names=printable(_first_names(folders)),
                    )
                    if folders
                    else _others_hint(path, others)
                    if others
                    else None,
                )
            files.extend(sorted(found))
            linked = linked or links
            if folders and unread is not None:
                unread.append((path, folders))
        elif os.path.exists(path):
            files.append(path)
        elif os.path.lexists(path):
            raise UsageError(
                tr("{path}: a link to a file that does not exist (or links in a loop)", path=printable(path)),
                tr("give the path of the inventory itself"),
            )
        else:
            raise UsageError(tr("{path}: no such file or folder", path=path))
    return files, linked


def _listed(folder: str) -> list[os.DirEntry[str]]:
    """The entries of a folder named on the command line; UsageError if it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as exc:
        raise UsageError(
            tr("{path}: the folder cannot be read: {reason}", path=printable(folder), reason=exc.strerror or str(exc)),
            tr("check that you may read the folder (its permissions), or name the files in it"),
        ) from None


def _is_input(entry: os.DirEntry[str]) -> bool:
    """Whether a folder's entry is an input: a name with an inventory's suffix (Excel's lock files
    and macOS's AppleDouble files aside) that is not a folder, whatever else it is (a link to
    nothing or a pipe is refused, and said, when it is read)."""
    return (
        _is_input_name(entry.name)
        and not entry.name.startswith(EXCEL_LOCK)
        and not _is_folder(entry)
        and not _is_apple_double(entry)
    )


# macOS writes `._town.yaml` beside `town.yaml` on a USB stick or a network share, and into a zip
# (under __MACOSX/): the file's Finder data in an AppleDouble file, which starts with these bytes
APPLE_DOUBLE = b"\x00\x05\x16\x07"


def _is_apple_double(entry: os.DirEntry[str]) -> bool:
    """Whether a folder's entry is an AppleDouble file (its name starts with `._`, its bytes with
    the format's own): never an inventory; a file of such a name that is one is read."""
    if not entry.name.startswith("._"):
        return False
    try:
        if not entry.is_file():  # (a pipe would never answer)
            return False
        with open(entry.path, "rb") as handle:
            return handle.read(len(APPLE_DOUBLE)) == APPLE_DOUBLE
    except OSError:
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder or a link to one (False for a link to nothing or in a loop)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _folder_inputs(folder: str, others: list[str] | None = None) -> tuple[list[str], bool, list[str]]:
    """The inventories of `folder` as pathlib names them (str(Path(folder) / name)), found with
    os.scandir: a programme's folder of thousands of files is listed without a stat each (a
    DirEntry knows whether it is a folder, following a link, and whether it is a link); whether
    one of them is a link; and the folders in it (not hidden) that hold inventories of their own,
    by name, sorted. The .xls and .ods spreadsheets in it, which are not read, go into `others`.

    Every name with an inventory's suffix that is not a folder is an input, whatever it is: a link
    to nothing, links in a loop or a pipe get their row and their error when read (file-unreadable,
    file-not-regular), never vanish from the batch. Excel's lock files (`~$town.xlsx`, made beside
    a workbook open in Excel) are not inventories and are passed over."""
    prefix = str(Path(folder) / "x")[:-1]  # "towns/" for "./towns/", "" for "."
    found: list[str] = []
    linked = False
    folders: list[str] = []
    for entry in _listed(folder):
        if _is_input(entry):
            found.append(prefix + entry.name)
            linked = linked or entry.is_symlink()
        elif others is not None and _is_other_workbook(entry):
            others.append(entry.name)
        elif not entry.name.startswith(".") and _is_folder(entry) and _holds_inventories(entry.path):
            folders.append(entry.name)
    if others is not None:
        others.sort()
    return found, linked, sorted(folders)


EXCEL_LOCK = "~$"  # the start of the name of the lock file Excel makes beside an open workbook


def _is_input_name(name: str) -> bool:
    """Whether a file of this name is an inventory to read: its suffix (PurePath.suffix's rule)."""
    dot = name.rfind(".")
    return 0 < dot < len(name) - 1 and name[dot:].lower() in INPUT_SUFFIXES


def _is_other_workbook(entry: os.DirEntry[str]) -> bool:
    """Whether a folder's entry holds inventories ghgcalc does not read, said, not read: a spreadsheet
    of another format (.xls, .ods), a zip archive of inventories, an inventory still being downloaded
    (`town.xlsx.crdownload`). Only names that are no inventory's come here: one test of the suffix
    for each, and the look into a zip."""
    name = entry.name.lower()
    if name.endswith(OTHER_WORKBOOK_SUFFIXES):
        return not name.startswith(EXCEL_LOCK) and not _is_folder(entry)
    if name.endswith(ARCHIVE_SUFFIXES):
        return _archive_of_inventories(entry.path)
    if name.endswith(DOWNLOAD_SUFFIXES):  # Safari's .download is a folder; Chrome's may be `Unconfirmed 1.crdownload`
        return _is_input_name(name.rpartition(".")[0]) or name.endswith(".crdownload")
    return False


def _others_hint(folder: str, others: list[str]) -> str | None:
    """The hint of a folder that holds no inventory ghgcalc reads but others (_other_workbooks): for
    spreadsheets of another format, to save them as .xlsx; for archives and downloads, their warnings'."""
    said = [issue for issue in _other_workbooks(folder, others) if issue.code != "workbook-unsupported"]
    if not said:
        return tr(
            "its spreadsheets {names} are .xls or .ods workbooks: save them as Excel Workbook (.xlsx)",
            names=printable(_first_names(others)),
        )
    return "; ".join(f"{issue.message}: {issue.hint}" for issue in said)


def _archive_of_inventories(path: str) -> bool:
    """Whether a zip archive holds an inventory (a .yaml or a workbook, macOS's __MACOSX/ copies
    aside), or cannot be listed (cut short: still being downloaded)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return not os.path.isdir(path)
    return any(_is_input_name(n.rpartition("/")[2]) for n in names if not n.startswith("__MACOSX/"))


def _other_workbooks(folder: str, names: list[str]) -> list[Issue]:
    """The warnings of the files in `folder` that hold inventories and are not read (_is_other_workbook)."""
    lowered = [(name, name.lower()) for name in names]
    archives = [name for name, low in lowered if low.endswith(ARCHIVE_SUFFIXES)]
    downloads = [name for name, low in lowered if low.endswith(DOWNLOAD_SUFFIXES)]
    sheets = [name for name in names if name not in archives and name not in downloads]
    where = Location(display_name(folder))
    found = []
    if sheets:
        message = tr(
            "{count} spreadsheet(s) in it are .xls or .ods workbooks, which are not read: {names}",
            count=len(sheets),
            names=printable(_first_names(sheets)),
        )
        hint = tr("open each in a spreadsheet program and save it as Excel Workbook (.xlsx) to include it")
        found.append(Issue("workbook-unsupported", message, Severity.WARNING, where, hint=hint))
    if archives:
        message = tr(
            "{count} zip archive(s) in it hold inventories, which are not read: {names}",
            count=len(archives),
            names=printable(_first_names(archives)),
        )
        hint = tr("unpack each into the folder (or into a folder of its own, and name that too) to include them")
        found.append(Issue("archive-not-read", message, Severity.WARNING, where, hint=hint))
    if downloads:
        message = tr(
            "{count} file(s) in it are still being downloaded or were cut short, and are not read: {names}",
            count=len(downloads),
            names=printable(_first_names(downloads)),
        )
        hint = tr(
            "wait until the download ends (the name then ends in .yaml or .xlsx), or download the file again; "
            "then run again"
        )
        found.append(Issue("download-unfinished", message, Severity.WARNING, where, hint=hint))
    return found


def _holds_inventories(folder: str) -> bool:
    """Whether `folder` has an inventory file of its own (a look until the first)."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if _is_input(entry):
                    return True
    except OSError:  # a folder that cannot be listed is not read either way
        return False
    return False


def check_factor_refs(refs: tuple[str, ...], store: FactorStore) -> None:
    """Raise UsageError (FactorSetError) if a set named on the command line does not exist."""
    for text in refs:
        store.select(SetRef.parse(text))


def compute_file(path: str, options: Options | None = None, keep_positions: bool = False) -> Outcome:
    """Read and compute one inventory file. `keep_positions` keeps where its values are in the file
    (for a second computation of the same inventory); a batch leaves it off, to hold less per file."""
    with collector_paused():
        outcome = _compute_file(path, options or Options(), follow_includes=True, keep_positions=keep_positions)
    if path == STDIN:
        return outcome
    o = outcome  # made anew: dataclasses.replace costs several times more, and this runs per input
    return Outcome(o.source, o.result, o.issues, o.inventory, (path, *o.reads), o.positions)


class collector_paused:  # (a lower-case name: it is used as a function, `with collector_paused():`)
    """Python's cyclic garbage collector paused (as it was before, after). Reading and computing a
    file makes many objects and few reference cycles; with a 100,000-row workbook's cells alive,
    each full collection walks them all again (40 % of reading and validating one). Objects
    without cycles are still freed at once; any cycles wait for the next collection. (A class,
    not a generator: a batch enters it twice for every input.)"""

    __slots__ = ("_paused",)

    def __enter__(self) -> None:
        self._paused = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._paused:
            gc.enable()


def _compute_file(path: str, options: Options, follow_includes: bool, keep_positions: bool = False) -> Outcome:
    source = display_name(path)
    table = None
    if options.header is not None and os.path.splitext(path)[1].lower() in TABLE_SUFFIXES:
        table, path = path, options.header  # the table's lines in the header's inventory
    try:
        reading = read_inventory(path, header=table is not None)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = Issue(
            "file-unreadable", tr("cannot read the file: {reason}", reason=reason), Severity.ERROR, Location(source)
        )
        return Outcome(source, None, (problem,))
    if reading.inventory is not None and table is not None:
        given = [os.path.abspath(table), *reading.inventory.activities_table]
        with_table = reading.inventory.model_copy(update={"activities_table": given})
        reading = Reading(with_table, reading.positions, reading.issues, reading.partial, reading.kept)
    if reading.positions is None:
        return Outcome(source, None, tuple(reading.issues))
    if reading.inventory is not None:
        folder = _folder(path) if reading.inventory.activities_table else None
        outcome = compute_inventory(reading.inventory, reading.positions, source, options, folder=folder)
        if reading.inventory.include:
            if follow_includes:
                outcome = _with_included(outcome, reading.inventory, reading.positions, path, options)
            else:
                outcome = _nested_include(outcome, reading.positions)
        if outcome.result is not None:
            kept = reading.positions if keep_positions else None
            outcome = Outcome(outcome.source, outcome.result, outcome.issues, reading.inventory, outcome.reads, kept)
            if options.analysis is not None and follow_includes:
                outcome = _analysed(outcome, reading.positions, options)
            if follow_includes:
                outcome = _against_other_years(outcome, reading.positions, options)
            if options.base is not None and follow_includes and outcome.result is not None:
                outcome = replace(outcome, result=replace(outcome.result, base=options.base))
        if not reading.issues:
            return outcome
        # warnings of the reader (an Excel row without an amount) come first, as in the file
        both = (*reading.issues, *outcome.issues)
        result = outcome.result and replace(outcome.result, warnings=tuple(i for i in both if not i.is_error))
        return Outcome(source, result, both, outcome.inventory, outcome.reads, outcome.positions)
    issues = list(reading.issues)
    reads: tuple[str, ...] = ()
    if reading.partial is not None:
        # the well-formed activities still meet their factors and units, so one run shows every problem
        folder = _folder(path) if reading.partial.activities_table else None
        rest = compute_inventory(reading.partial, reading.positions, source, options, reading.kept, folder)
        issues.extend(rest.issues)
        issues.sort(key=lambda i: i.location.order if i.location else ("", 0, 0))
        reads = rest.reads
    return Outcome(source, None, tuple(issues), reads=reads)


def _folder(path: str) -> str:
    """The folder of an inventory's activity tables: its file's (worked out only for one that has them)."""
    return os.path.dirname(os.path.abspath(path)) if path != STDIN else os.getcwd()


def compute_inventory(
    inventory: Inventory,
    positions: Locator,
    source: str,
    options: Options,
    activity_rows: tuple[int, ...] | None = None,
    folder: str | None = None,
) -> Outcome:
    """Compute a validated inventory. `activity_rows` maps its activities to their rows in the file
    when some were left out (see Reading.partial); its activity tables are found from `folder`."""
    issues: list[Issue] = []
    custom, broken, custom_issues = custom_factors(inventory)
    issues.extend(custom_issues)
    sets, set_issues = (list(options.sets), []) if options.sets is not None else _set_choices(inventory, options)
    issues.extend(set_issues)
    # each set's GWP basis, looked up once: the default GWP set and the mixed-bases warning both use them
    bases = _bases_of(sets, inventory.period, options) if options.gwp is None and inventory.gwp is None else None
    gwp_set = options.gwp or inventory.gwp or _default_gwp(bases or [])
    catalogue = Catalogue(custom, sets, broken, options.resolved)
    tables = None
    if inventory.activities_table:
        limits = options.checks.thresholds
        tables = _tables(inventory, catalogue, gwp_set, folder or os.getcwd(), positions, limits, source)
    table_lines = tables.lines if tables else ()
    result, line_issues = compute(
        inventory, catalogue, gwp_set, source, options.checks, table_lines, options.weights, options.classes
    )
    if tables is not None:
        from ghgcalc.core.table_twins import table_twins

        result = replace(result, tables=tables.summaries)
        line_issues = tables.issues + [tables.locate(i) for i in line_issues if not tables.judged_by_row(i)]
        line_issues += table_twins(result.lines, tables.summaries)  # a line the table gives already
    if set_issues:  # a line's factor is "missing" only because its set is: say that once
        line_issues = [i for i in line_issues if i.code != "factor-missing"]
    issues.extend(line_issues)
    if bases is not None:
        issues.extend(_bases_differ(bases, gwp_set, result))
    issues.extend(period_plausibility(inventory.period, options.today))
    issues.extend(indicator_slips(result.indicators))
    if activity_rows is None:  # (the inventory of the well-formed lines of a file may have none)
        issues.extend(no_activities(inventory))
    if activity_rows is not None:
        issues = [replace(i, path=_in_file(i.path, activity_rows)) for i in issues]
    located: tuple[Issue, ...] = ()
    has_errors = False
    if issues:  # (most inventories have none: no generators to run over nothing)
        located = tuple(
            replace(i, location=i.location or positions.locate(i.path, at_key=i.code in _ABOUT_THE_KEY)) for i in issues
        )
        has_errors = any(i.is_error for i in located)
    warnings = tuple(i for i in located if not i.is_error) if located else ()
    if warnings or result.warnings:  # (the line's warnings, now located in the file)
        result = replace(result, warnings=warnings)
    # the tables are read by the run: -o, --lines and --diagnostics never write over them
    reads = tables.reads if tables is not None else ()
    return Outcome(source, None if has_errors else result, located, reads=reads)


def _analysed(outcome: Outcome, positions: Locator, options: Options) -> Outcome:
    """The outcome with its uncertainty analysis and key categories (options.analysis)."""
    from ghgcalc.core.analysis import analyse

    assert outcome.result is not None and options.analysis is not None
    analysis = analyse(outcome.result, options.analysis, options.base)
    return replace(outcome, result=replace(outcome.result, analysis=analysis))


def _against_other_years(outcome: Outcome, positions: Locator, options: Options) -> Outcome:
    """The warnings on the inventories given with this one: a base year (`--base`) that does not
    come before it, and a base year or a last year's inventory (`--previous`) of another
    organisation or of another kind (core/entity.py)."""
    if outcome.result is None or (options.checks.previous is None and options.base is None):
        return outcome
    from ghgcalc.core.entity import other_entity
    from ghgcalc.errors import warning

    found: list[Issue] = []
    if options.checks.previous is not None:
        found.extend(other_entity(options.checks.previous, outcome.result, "previous"))
    if options.base is not None:
        if options.base.period.start >= outcome.result.period.start:
            found.append(
                warning(
                    "base-not-earlier",
                    tr(
                        "the base year's inventory ({base}) does not come before this one ({this}): "
                        "the trend runs backwards",
                        base=options.base.period.label,
                        this=outcome.result.period.label,
                    ),
                    ("period",),
                    tr("give the base-year inventory with --base and this year's as the input"),
                )
            )
        found.extend(other_entity(options.base, outcome.result, "base"))
    if not found:
        return outcome
    located = [replace(i, location=i.location or positions.locate(i.path)) for i in found]
    result = replace(outcome.result, warnings=(*outcome.result.warnings, *located))
    return replace(outcome, result=result, issues=(*outcome.issues, *located))


@frozen
class _Tables(Record):
    """An inventory's activity tables, computed (io/tables.py)."""

    lines: tuple[Any, ...]
    issues: list[Issue]
    summaries: tuple[Any, ...]
    first_line: int
    reads: tuple[str, ...] = ()  # every table file opened
    one_row: frozenset[int] = frozenset()  # the lines of classes of one row (TableRead.one_row)

    def judged_by_row(self, issue: Issue) -> bool:
        """A missing reading is judged on each row of a table (io/table_months.month_zeros): on a
        class's summed months it would say less, and again. An outlying month of a class of one row
        is its row's, told at the row (io/table_months.month_outliers)."""
        path = issue.path
        if len(path) < 2 or not isinstance(path[1], int):
            return False
        if issue.code == "amount-outlier":
            return path[1] in self.one_row
        return (
            issue.code == "amount-month-zero"
            and path[1] >= self.first_line
            and any(s.first_line <= path[1] < s.first_line + s.lines for s in self.summaries)
        )

    def locate(self, issue: Issue) -> Issue:
        """A check of a line made from a table's rows (a monthly slip) is told at the table."""
        path = issue.path
        if len(path) < 2 or path[0] != "activities" or not isinstance(path[1], int) or path[1] < self.first_line:
            return issue
        for summary in self.summaries:
            if summary.first_line <= path[1] < summary.first_line + summary.lines:
                line = next(x for x in self.lines if x.index == path[1])
                where = Location(summary.file)
                message = f"{issue.message} ({line.label})"
                return replace(issue, location=where, message=message)
        return issue


def _tables(
    inventory: Inventory,
    catalogue: Catalogue,
    gwp_set: str,
    folder: str,
    positions: Locator,
    limits: Any,
    source: str,
) -> _Tables:
    from ghgcalc.io.tables import compute_table

    lines: list[Any] = []
    issues: list[Issue] = []
    summaries: list[Any] = []
    first = len(inventory.activities)
    names = inventory.activities_table
    # with --header the table given comes first, made absolute: the header's own tables follow it
    given = 1 if names and os.path.isabs(names[0]) and names[0] == os.path.abspath(source) else 0
    read_from: dict[tuple[int, int], str] = {}  # each table read (device, inode) -> its name
    opened: list[str] = []  # their paths
    one_row: set[int] = set()
    sizes: dict[int, list[tuple[str, str, str | None]]] = {}  # size -> (path, name, digest when worked out)
    for number, name in enumerate(names):
        where = Location(source) if number < given else positions.locate(("activities_table", number - given))
        path = os.path.join(folder, name)
        problem = None
        if Path(name).suffix.lower() not in TABLE_SUFFIXES:
            problem = tr("'{name}' is not a table ghgcalc reads", name=printable(name))
        elif not os.path.exists(path):
            problem = tr("{name}: no such file", name=printable(name))
        elif not is_regular(path):
            problem = tr("{name} is {kind}, not a file", name=printable(name), kind=tr(kind_of(path)))
        if problem is not None:
            hint = tr("name a .parquet, .csv or .xlsx file, beside the inventory or by its path")
            issues.append(Issue("table-unreadable", problem, Severity.ERROR, where, hint=hint))
            continue
        # a table given as the input (compute t.parquet --header inv.yaml, made absolute to be
        # found beside the header) is shown as it was typed, in its problems and the lines file
        shown = source if number < given else display_name(name)
        found = os.stat(path)
        identity = (found.st_dev, found.st_ino)  # t.csv, ./t.csv and a link to it are one table
        if identity in read_from:
            earlier = read_from[identity]
            message = tr(
                "'{name}' is the table '{earlier}' named again: its rows would count twice",
                name=printable(shown),
                earlier=printable(earlier),
            )
            hint = (
                tr("the table given with --header is computed already; leave it out of activities_table")
                if given and earlier == source
                else tr("name each table once")
            )
            issues.append(Issue("table-duplicate", message, Severity.ERROR, where, hint=hint))
            continue
        twin = _same_content(path, found.st_size, sizes)
        if twin is not None:  # meters.csv and "meters (1).csv", a browser's second download
            message = tr(
                "'{name}' holds the same bytes as the table '{earlier}': its rows would count twice",
                name=printable(shown),
                earlier=printable(twin),
            )
            hint = tr("name one of the two copies, or check that the second file is the export meant")
            issues.append(Issue("table-duplicate", message, Severity.ERROR, where, hint=hint))
            continue
        sizes.setdefault(found.st_size, []).append((path, shown, None))
        read_from[identity] = shown
        opened.append(path)
        read = compute_table(path, shown, inventory, catalogue, gwp_set, first + len(lines), limits)
        lines.extend(read.lines)
        issues.extend(read.issues)
        one_row.update(read.one_row)
        if read.summary is not None:
            summaries.append(read.summary)
    return _Tables(tuple(lines), issues, tuple(summaries), first, tuple(opened), frozenset(one_row))


def _same_content(path: str, size: int, sizes: dict[int, list[tuple[str, str, str | None]]]) -> str | None:
    """The name of a table read already whose bytes are this file's, if any: the sizes first, then
    a hash of the bytes of the tables of this size only (worked out once each)."""
    earlier = sizes.get(size)
    if not earlier:
        return None
    digest = _digest(path)
    for number, (other, name, known) in enumerate(earlier):
        if known is None:
            known = _digest(other)
            earlier[number] = (other, name, known)
        if known == digest:
            return name
    return None


def _digest(path: str) -> str:
    import hashlib

    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def read_base(path: str, options: Options) -> Outcome:
    """The base year's inventory for the trend of the key categories and Table 3.2 (`--base`): read
    and computed like an input, never written; raises UsageError when `path` is not a file."""
    if path != STDIN and not os.path.isfile(path):
        raise UsageError(
            _not_a_file("--base", path), tr("name the base year's inventory file, e.g. --base town-2562.yaml")
        )
    return compute_file(path, replace(options, analysis=None, base=None, checks=Checks(options.checks.thresholds)))


def _not_a_file(option: str, path: str) -> str:
    """The usage error of an option that names a file (--base, --previous) given a folder or nothing."""
    if os.path.isdir(path):
        return tr("{option} {path}: is a folder", option=option, path=path)
    return tr("{option} {path}: no such file", option=option, path=path)


def _nested_include(outcome: Outcome, positions: Locator) -> Outcome:
    """An included inventory that includes others: only one level is allowed (only organisation
    inventories can be included, and they include nothing), so its includes are not followed."""
    problem = Issue(
        "include-nested",
        tr("an included inventory cannot include others"),
        Severity.ERROR,
        positions.locate(("include",)),
        ("include",),
        tr("only a community inventory includes, and only organisation inventories are included"),
    )
    return Outcome(outcome.source, None, (*outcome.issues, problem), outcome.inventory, outcome.reads)


# More distinct files than this under one `include:` is a mistake (or an attack), not a city.
MAX_INCLUDES = 1_000
_COPY_HERE = N_("copy the inventory into this folder (or a folder under it) and name it relative to this file")


def _with_included(outcome: Outcome, inventory: Inventory, positions: Locator, path: str, options: Options) -> Outcome:
    """Organisation inventories named under `include:`, placed in the GPC as a memo of the totals.

    An include is confined to the including file's folder tree (docs/community.md): an absolute
    path, a path that leads out, or a link that points out is refused before anything is opened,
    and only regular files are read."""
    from ghgcalc.core.community import included

    issues = list(outcome.issues)
    memos = []
    reads: list[str] = []
    here = os.path.realpath(path) if path != STDIN else None
    folder = os.path.dirname(os.path.abspath(path)) if path != STDIN else os.getcwd()
    home = os.path.realpath(folder)
    seen: dict[str, str] = {}
    repeats: list[str] = []  # said once, however many there are
    for index, name in enumerate(inventory.include):
        where: DocPath = ("include", index) if len(inventory.include) > 1 else ("include",)

        def problem(code: str, message: str, hint: str | None = None, at: DocPath = where) -> None:
            issues.append(Issue(code, message, Severity.ERROR, positions.locate(at), at, hint))

        if inventory.kind != "community":
            problem(
                "include-not-community",
                tr("only a community inventory can include others"),
                tr("write kind: community, or compute the inventories one by one"),
            )
            break
        shown_name = printable(name)
        if os.path.isabs(name) or name.startswith("~"):
            problem(
                "include-outside",
                tr(
                    "'{name}' is an absolute path; an include names a file in this inventory's folder tree",
                    name=shown_name,
                ),
                tr(_COPY_HERE),
            )
            continue
        target = os.path.normpath(os.path.join(folder, name))
        real = os.path.realpath(target)
        if os.path.commonpath([home, real]) != home:
            problem(
                "include-outside",
                tr("'{name}' leads outside this inventory's folder tree ({folder})", name=shown_name, folder=folder),
                tr(_COPY_HERE),
            )
            continue
        if real == here:
            problem("include-cycle", tr("'{name}' is this inventory itself", name=shown_name))
            continue
        if real in seen:
            repeats.append(name)
            continue
        seen[real] = name
        if len(seen) > MAX_INCLUDES:
            problem(
                "include-too-many",
                tr("more than {count} inventories are included", count=format(MAX_INCLUDES, ",")),
                tr("split the list"),
            )
            break
        if not os.path.lexists(target) or not os.path.exists(real):
            problem(
                "include-missing",
                tr("'{name}': no such file", name=shown_name),
                tr("paths are relative to this file's folder"),
            )
            continue
        if not is_regular(real):
            problem(
                "include-not-a-file",
                tr("'{name}' is {kind}, not an inventory file", name=shown_name, kind=tr(kind_of(real))),
                tr("name a .yaml or .xlsx inventory"),
            )
            continue
        shown = os.path.relpath(target) if path != STDIN or not os.path.isabs(target) else target
        memo_key = (real, options.gwp, options.factors)
        inner = options.included.get(memo_key)
        if inner is None:
            inner = _compute_file(shown, options, follow_includes=False)
            options.included[memo_key] = inner
            issues.extend(inner.issues)  # an included file's own problems are told once per run
        reads += [target, *inner.reads]  # its tables too
        if inner.result is None:
            problem("include-failed", tr("'{name}' has errors (above)", name=shown_name))
        elif inner.result.kind != "organization":
            problem(
                "include-kind",
                tr(
                    "'{name}' is a {kind} inventory; only organisation inventories can be included",
                    name=shown_name,
                    kind=inner.result.kind,
                ),
            )
        else:
            memos.append(included(inner.result))
            if inner.result.period != inventory.period:
                issues.append(
                    Issue(
                        "include-period",
                        tr(
                            "'{name}' covers {covered}, not this inventory's period {period}",
                            name=shown_name,
                            covered=inner.result.period.label,
                            period=inventory.period.label,
                        ),
                        Severity.WARNING,
                        positions.locate(where),
                        where,
                    )
                )
    if repeats:
        named = ", ".join(f"'{printable(n)}'" for n in repeats[:3]) + (" ..." if len(repeats) > 3 else "")
        issues.append(
            Issue(
                "include-duplicate",
                tr("{count} entries name a file included already: {named}", count=len(repeats), named=named),
                Severity.ERROR,
                positions.locate(("include",)),
                ("include",),
                tr("include each inventory once"),
            )
        )
    result = outcome.result
    if result is not None and result.community is not None:
        result = replace(result, community=replace(result.community, included=tuple(memos)))
    if any(i.is_error for i in issues):
        result = None
    return Outcome(outcome.source, result, tuple(issues), reads=(*outcome.reads, *reads))


def _in_file(path: tuple[str | int, ...], rows: tuple[int, ...]) -> tuple[str | int, ...]:
    if len(path) >= 2 and path[0] == "activities" and isinstance(path[1], int):
        return ("activities", rows[path[1]], *path[2:])
    return path


def _set_choices(inventory: Inventory, options: Options) -> tuple[list[SetChoice], list[Issue]]:
    """The factor sets an inventory searches, and the problems of its list of them; worked out
    once per list in a run (the store's sets do not change during it)."""
    written = options.factors if options.factors is not None else inventory.factors
    several = isinstance(written, list) and len(written) > 1  # a problem is located at its item
    listed = tuple(written) if isinstance(written, list | tuple) else written
    key = (options.factors is None, listed, several, i18n.language())
    found = options.chosen.get(key)
    if found is None:
        choices, issues = _set_choices_of(inventory, options)
        found = options.chosen[key] = (tuple(choices), tuple(issues))
    return list(found[0]), list(found[1])


def _set_choices_of(inventory: Inventory, options: Options) -> tuple[list[SetChoice], list[Issue]]:
    from_file = options.factors is None
    refs = list(options.factors if options.factors is not None else inventory.factors or DEFAULT_SETS)
    if all(r.partition("@")[0].strip() != ALWAYS_SEARCHED for r in refs):
        refs.append(ALWAYS_SEARCHED)
    choices: list[SetChoice] = []
    issues: list[Issue] = []
    for index, text in enumerate(refs):
        try:
            ref = SetRef.parse(text)
            versions = options.store.choose(ref)
        except FactorSetError as exc:
            if not from_file:
                raise
            path = (
                ("factors", index)
                if isinstance(inventory.factors, list) and len(inventory.factors) > 1
                else ("factors",)
            )
            issues.append(Issue(exc.code, exc.message, Severity.ERROR, path=path, hint=exc.hint))
            continue
        later: tuple[FactorSet, ...] = ()
        if ref.version is not None:  # what replaced the pinned version (every version is loaded already)
            later = tuple(v for v in options.store.versions(ref.id) if v.published > versions[0].published)
        choices.append(SetChoice(ref.id, tuple(versions), pinned=ref.version is not None, later=later))
    return choices, issues


def _bases_of(sets: list[SetChoice], period: Period, options: Options) -> Sequence[tuple[str, str | None]]:
    """_set_bases, worked out once a run for each factor list of options.chosen (whose entries a
    batch's inventories share) and period: keyed by the entries' ids and the period's first and last
    day (all a basis depends on), the entries kept with the answer so that no other takes their ids."""
    if options.sets is not None:  # a comparison's own list, made for each inventory
        return _set_bases(sets, period)
    key = (*map(id, sets), period.start, period.end)
    found = options.bases.get(key)
    if found is None:
        found = options.bases[key] = (tuple(sets), tuple(_set_bases(sets, period)))
    return found[1]


def _set_bases(sets: list[SetChoice], period: Period) -> list[tuple[str, str | None]]:
    """Each set's id and GWP basis for `period`, in the order the sets are searched."""
    return [(choice.id, _set_basis(choice, period)) for choice in sets]


def _default_gwp(bases: Sequence[tuple[str, str | None]]) -> str:
    """The GWP basis of the first set that has one (docs/factor-sets.md); `bases` from _set_bases."""
    for _set_id, basis in bases:
        if basis:
            return basis
    return DEFAULT_GWP


def _set_basis(choice: SetChoice, period: Period) -> str | None:
    """A set's GWP basis: its newest version in force for the period, else its newest, that has one."""
    in_force = [v for v in choice.versions if period.overlaps(v.valid_from, v.valid_to) and v.gwp_basis]
    with_basis = in_force or [v for v in choice.versions if v.gwp_basis]
    return str(with_basis[-1].gwp_basis) if with_basis else None


def _bases_differ(set_bases: Sequence[tuple[str, str | None]], taken: str, result: InventoryResult) -> list[Issue]:
    """A warning at `factors` when the sets the lines use have different GWP bases and the inventory
    gives no gwp: the first set's is taken for every line, which a set listed first (a supplier's
    CO2-only set of AR6) may switch for all the others without a word. `set_bases` from _set_bases."""
    if all(not basis or basis == taken for _set_id, basis in set_bases):  # (most lists) none differs
        return []
    used = {v.id for v in result.factor_sets}
    bases = {set_id: basis for set_id, basis in set_bases if set_id in used}
    others = sorted({basis for basis in bases.values() if basis and basis != taken})
    first = next((set_id for set_id, basis in set_bases if basis == taken), None)
    if not others or first is None:
        return []
    named = ", ".join(f"{set_id} ({basis})" for set_id, basis in bases.items() if basis and basis != taken)
    return [
        Issue(
            "gwp-basis-mixed",
            tr(
                "the factor sets' GWP bases differ: every line is weighed with {taken}, the gwp_basis of "
                "{first} (the first set that has one), not with that of {others}",
                taken=taken,
                first=first,
                others=named,
            ),
            Severity.WARNING,
            path=("factors",),
            hint=tr(
                "to choose the GWP set, write gwp: {other} (or gwp: {taken}) in the inventory",
                other=others[0],
                taken=taken,
            ),
        )
    ]


@frozen
class TrendOutcome(Record):
    """Several years of one entity (see core/trend.py); `rebased` is the base year recomputed with
    the newest year's GWP set and factor versions, when the years were computed differently."""

    outcomes: tuple[Outcome, ...]
    trend: Trend | None
    rebased: InventoryResult | None
    notes: tuple[str, ...]
    issues: tuple[Issue, ...] = ()  # problems of the years together (two inventories of one period)
    passed: tuple[Issue, ...] = ()  # the documents of a folder that are not inventories (passed_over)


def trend_files(paths: list[str], options: Options | None = None, base_year: int | None = None) -> TrendOutcome:
    """Several years of one entity. Each file is read once: a base year computed differently from
    the newest year is recomputed from the inventory already read, never by reading its file again
    (standard input cannot be read twice, and a file could have changed in between)."""
    import itertools

    from ghgcalc.core.trend import differences, label, missing, overlapping, trend
    from ghgcalc.io.yaml_reader import Positions
    from ghgcalc.thai import to_ce_year

    options = options or Options()
    files = expand_inputs(paths)
    if files.count(STDIN) > 1:
        raise UsageError(tr("standard input ('-') is named twice"), tr("give '-' once; name the other years' files"))
    outcomes = tuple(compute_file(path, options) for path in files)
    files, outcomes, passed = without_documents(paths, files, outcomes)  # a plan or a summary in a folder
    if any(o.has_errors for o in outcomes) or not any(o.result for o in outcomes):
        return TrendOutcome(outcomes, None, None, (), passed=passed)
    computed = sorted(
        (o for o in outcomes if o.result is not None),
        key=lambda o: (o.result.period.start, o.result.period.end) if o.result else (),
    )
    results = [o.result for o in computed if o.result is not None]
    problems = []
    for i, j in overlapping([r.period for r in results]):
        first, second = results[i], results[j]
        same = first.source == second.source and first.source != display_name(STDIN)
        if same:
            message = tr("{source} is named twice in this trend", source=second.source)
            hint = tr("name each file once")
        else:
            hint = tr(
                "keep one inventory per year: move drafts and copies out of the folder, or name the files one by one"
            )
            if first.period == second.period:
                message = tr(
                    "{source} covers the same period as {other}: {period}",
                    source=second.source,
                    other=first.source,
                    period=label(second.period),
                )
            else:
                shared = Period(
                    max(first.period.start, second.period.start), min(first.period.end, second.period.end)
                ).label
                message = tr(
                    "{source} ({period}) and {other} ({other_period}) both cover {shared}: "
                    "two inventories of one period cannot make a trend",
                    source=second.source,
                    period=label(second.period),
                    other=first.source,
                    other_period=label(first.period),
                    shared=shared,
                )
        problems.append(Issue("trend-period-overlap", message, Severity.ERROR, Location(second.source), hint=hint))
    if problems:
        return TrendOutcome(outcomes, None, None, (), tuple(problems), passed)
    base_index = 0
    if base_year is not None:
        wanted = to_ce_year(base_year)
        matches = [i for i, r in enumerate(results) if r.period.end.year == wanted]
        if not matches:
            years = ", ".join(r.period.year_text(r.period.end.year) for r in results)
            raise UsageError(
                tr("no inventory ends in {year}", year=results[-1].period.year_text(wanted)),
                tr("the inventories end in: {years}", years=years),
            )
        base_index = matches[0]
    from ghgcalc.core.entity import entities

    notes = []
    if len(named := entities(results)) > 1:
        notes.append(tr("the inventories name different entities: {names}", names=", ".join(sorted(named))))
    if len({r.kind for r in results}) > 1:  # a city's community inventory beside its own municipality's
        kinds = ", ".join(f"{r.source}: {tr(r.kind)}" for r in results)
        notes.append(
            tr(
                "the years are of different kinds of inventory (an organisation's own, a community's): {kinds}; "
                "their totals are not comparable",
                kinds=kinds,
            )
        )
    days = {r.source: (r.period.end - r.period.start).days + 1 for r in results}
    lengths = [r for r in results if not 360 <= days[r.source] <= 366]
    if lengths:  # a half year shows a fall of about half, two years a doubling
        shown = ", ".join(tr("{source}: {days} days", source=r.source, days=days[r.source]) for r in lengths)
        notes.append(tr("not every period is a year ({periods}): their totals are not comparable", periods=shown))
    output_units = {r.output[1] for r in results if r.output}
    if len(output_units) > 1:
        notes.append(
            tr(
                "the outputs are in different units ({units}): the intensity per unit of output is not comparable",
                units=", ".join(sorted(output_units)),
            )
        )
    starts = {(r.period.start.month, r.period.start.day) for r in results}
    if len(starts) > 1:
        years = ", ".join(f"{r.source}: {label(r.period)}" for r in results)
        notes.append(
            tr("the years do not start on the same day (fiscal and calendar years mixed?): {years}", years=years)
        )
    for before, after in itertools.pairwise(results):
        gap = missing(before.period, after.period)
        if gap:
            notes.append(
                tr(
                    "no inventory for {gap}: the change 'vs previous' of {after} is against {before}, "
                    "not against the year just before",
                    gap=", ".join(gap),
                    after=after.source,
                    before=before.source,
                )
            )
    from ghgcalc.io.factor_store import ALWAYS_SEARCHED

    always = frozenset({ALWAYS_SEARCHED})
    base, latest = results[base_index], results[-1]
    rebased = None
    if differences(latest, base, always):
        refs = tuple(s.ref for s in latest.factor_sets)
        wanted_options = replace(options, gwp=latest.gwp, factors=refs or None)
        kept = computed[base_index].inventory
        again = (
            compute_inventory(kept, Positions(base.source), base.source, wanted_options) if kept is not None else None
        )
        rebased = again.result if again is not None else None
        why = next((i.message for i in again.issues if i.is_error), "") if again is not None else ""
        changed = "; ".join(differences(latest, base, always))
        if rebased:
            note = tr(
                "the base year ({source}) was computed differently: {changes} - recomputed with the newest "
                "year's GWP and factor versions",
                source=base.source,
                changes=changed,
            )
        elif why:
            note = tr(
                "the base year ({source}) was computed differently: {changes} - it could not be recomputed "
                "with the newest year's GWP and factor versions ({why})",
                source=base.source,
                changes=changed,
                why=why,
            )
        else:
            note = tr(
                "the base year ({source}) was computed differently: {changes} - it could not be recomputed "
                "with the newest year's GWP and factor versions",
                source=base.source,
                changes=changed,
            )
        notes.append(note)
    # each year against the one before it: lines that changed more than 3 times (core/plausibility.py)
    path_of = {id(o): f for o, f in zip(outcomes, files, strict=True)}
    changes = tuple(
        issue
        for before, after in itertools.pairwise(computed)
        if before.result is not None
        for issue in previous_year_warnings(before.result, after, path_of[id(after)], options)
    )
    return TrendOutcome(outcomes, trend(results, base_index, always), rebased, tuple(notes), changes, passed)


@frozen
class PlanOutcome(Record):
    """A plan file: its projection (None when it has errors), the checks on it and its problems."""

    source: str
    projection: Projection | None
    base: Outcome | None
    issues: tuple[Issue, ...]
    notes: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()  # the plan, its catalogues, its base and what the base includes

    @property
    def has_errors(self) -> bool:
        return any(issue.is_error for issue in self.issues) or self.projection is None


def plan_file(path: str, options: Options | None = None) -> PlanOutcome:
    """Read a plan, compute its base inventory, project BAU and the measures to the horizon."""
    from ghgcalc.core.plan import economics, prepare, project
    from ghgcalc.core.plan.slips import cost_slips, increase_slips, percent_slips
    from ghgcalc.io.plan_reader import BUNDLED_CATALOGUE, read_catalogue, read_plan

    options = options or Options()
    source = display_name(path)
    plan, positions, issues = read_plan(path)
    if plan is None or positions is None:
        return PlanOutcome(source, None, None, tuple(issues))
    own = [i for i in issues if not i.is_error]  # the plan's own warnings, for its documents too
    folder = os.path.dirname(os.path.abspath(path)) if path != STDIN else os.getcwd()

    def beside(name: str) -> str:
        """`name` relative to the plan's folder, written as the plan's own path is (relative or not)."""
        if os.path.isabs(name) or path == STDIN:
            return os.path.normpath(os.path.join(folder, name))
        return os.path.normpath(os.path.join(os.path.dirname(path), name))

    def located(found: list[Issue]) -> list[Issue]:
        return [replace(i, location=i.location or positions.locate(i.path)) for i in found]

    reads = [path] if path != STDIN else []
    catalogue, problems = read_catalogue(BUNDLED_CATALOGUE)
    issues.extend(problems)
    for index, name in enumerate(plan.catalogue):
        where: DocPath = ("catalogue", index) if len(plan.catalogue) > 1 else ("catalogue",)
        if not is_regular(beside(name)):
            issues.extend(located([Issue("catalogue-missing", _not_a_plan_file(name, beside(name)), path=where)]))
            continue
        reads.append(beside(name))
        more, problems = read_catalogue(beside(name))
        issues.extend(problems)
        catalogue.update(more)
    base_path = beside(plan.base)
    if not is_regular(base_path):
        problem = Issue(
            "base-missing",
            _not_a_plan_file(plan.base, base_path),
            path=("base",),
            hint=tr("paths are relative to the plan"),
        )
        return PlanOutcome(source, None, None, tuple(issues + located([problem])), reads=tuple(reads))
    wanted = replace(
        options, gwp=options.gwp or plan.gwp, factors=options.factors or (tuple(plan.factors) if plan.factors else None)
    )
    base = compute_file(base_path, wanted)
    reads.extend(base.reads)
    issues.extend(base.issues)
    if base.result is None or base.inventory is None:
        problem = Issue(
            "base-failed", tr("the base inventory '{name}' has errors (above)", name=plan.base), path=("base",)
        )
        return PlanOutcome(source, None, base, tuple(issues + located([problem])), reads=tuple(reads))
    prepared, problems = prepare(plan, base.inventory, base.result, catalogue)
    problems = located(problems + percent_slips(plan))
    issues.extend(problems)
    own.extend(problems)
    if prepared is None or any(i.is_error for i in issues):
        return PlanOutcome(source, None, base, tuple(issues), reads=tuple(reads))
    projection, problems = project(prepared, _evaluator(base.inventory, base.result, options))
    if projection is not None:
        costed = [economics(projection, k) for k in range(len(prepared.measures))]
        problems = problems + increase_slips(projection) + cost_slips(projection, costed)
    problems = located(problems)
    issues.extend(problems)
    if projection is not None:  # every warning of the plan in its JSON, workbook, page: not on the terminal only
        projection = replace(projection, warnings=tuple(own + problems))
    return PlanOutcome(source, projection, base, tuple(issues), prepared.notes, tuple(reads))


def _not_a_plan_file(name: str, path: str) -> str:
    """A path a plan names that is not a file: missing, or a folder, a pipe..., said as it is."""
    kind = kind_of(path)
    if kind == "missing":
        return tr("'{name}': no such file", name=name)
    return tr("'{name}' is {kind}, not a file", name=name, kind=tr(kind))


def _evaluator(base: Inventory, result: InventoryResult, options: Options) -> Evaluate:
    """Computes projected years on the base year's factor set versions and GWP set, so that the
    projection changes only by what the plan changes."""
    pinned = tuple(s.ref for s in result.factor_sets)
    custom, broken, _ = custom_factors(base)
    sets, _ = _set_choices(base, replace(options, factors=pinned or None))
    catalogue = Catalogue(custom, sets, broken)

    def evaluate(inventory: Inventory) -> tuple[InventoryResult | None, list[Issue]]:
        computed, issues = compute(inventory, catalogue, result.gwp, result.source)
        return (None if any(i.is_error for i in issues) else computed), issues

    return evaluate


# --------------------------------------------------------------------------------------------
# Last year's inventory: `--previous` on compute and validate, the year before in a trend


def read_previous(path: str, options: Options | None = None) -> Outcome:
    """Last year's inventory, for the plausibility checks of this year's (`--previous`): read and
    computed like an input, never written. Its own problems are in the outcome for the caller to
    report; its result, when it has one, goes in `Options.checks.previous`. Raises UsageError when
    `path` is not a file."""
    from ghgcalc.core.plausibility import Checks

    if path != STDIN and not os.path.isfile(path):
        raise UsageError(
            _not_a_file("--previous", path), tr("name last year's inventory file, e.g. --previous town-2566.yaml")
        )
    options = options or Options()
    return compute_file(path, replace(options, checks=Checks(options.checks.thresholds)))


def previous_year_warnings(
    previous: InventoryResult, current: Outcome, path: str, options: Options | None = None
) -> tuple[Issue, ...]:
    """The lines of `current` (computed from `path`) that changed more than the `previous` threshold
    from the year before (core/plausibility.py compare_years), for a trend whose years were computed
    apart. The file is read again only to place a warning at its line; standard input, which cannot
    be read twice, gives the file's name alone."""
    from ghgcalc.core.plausibility import compare_years

    if current.result is None:
        return ()
    limits = (options or Options()).checks.thresholds
    found = compare_years(previous, current.result, limits=limits)
    if not found:
        return ()
    positions = read_inventory(path).positions if path != STDIN else None
    return tuple(
        replace(i, location=positions.locate(i.path) if positions is not None else Location(current.source))
        for i in found
    )


# --------------------------------------------------------------------------------------------
# One inventory under two factor editions: `compute --compare-factors`


@frozen
class CompareOutcome(Record):
    """An input computed with its own factors (`outcome`) and with other versions of a set."""

    outcome: Outcome
    comparison: Comparison | None  # None when either computation has errors
    issues: tuple[Issue, ...]  # the errors under the compared factors, located in the file

    @property
    def has_errors(self) -> bool:
        return self.outcome.has_errors or any(i.is_error for i in self.issues)


def compare_file(path: str, refs: tuple[str, ...], options: Options | None = None) -> CompareOutcome:
    """Compute `path`, then the same validated inventory with the versions `refs` (SET@VERSION)
    searched first and, after them, each key its own result took from a set with exactly that
    version (core/compare.kept_versions), with its own GWP set. Raises FactorSetError for an
    unknown set or version."""
    from ghgcalc.core.compare import compare, kept_versions

    options = options or Options()
    compared = [(ref, tuple(options.store.select(ref))) for ref in map(SetRef.parse, refs)]
    own = compute_file(path, options, keep_positions=True)
    if own.result is None or own.inventory is None or own.positions is None:
        return CompareOutcome(own, None, ())
    sets = [SetChoice(ref.id, versions, pinned=ref.version is not None) for ref, versions in compared]
    sets += [SetChoice(v.id, (v,), pinned=True) for v in kept_versions(own.result)]
    # the kept versions hold only some of their keys: their choices are not shared with the run's
    wanted = replace(options, gwp=own.result.gwp, sets=tuple(sets), resolved={}, classes={})
    other = compute_inventory(own.inventory, own.positions, own.source, wanted)
    under = ", ".join(refs)
    errors = tuple(
        replace(i, message=tr("under {refs}: {message}", refs=under, message=i.message))
        for i in other.issues
        if i.is_error
    )
    if other.result is None:
        return CompareOutcome(own, None, errors)
    named = tuple(version.ref for _, versions in compared for version in versions)
    return CompareOutcome(own, compare(own.result, other.result, named), errors)


@frozen
class AuditOutcome(Record):
    """One TGO workbook audited (core/audit.py): each year's findings, and the reader's problems."""

    source: str
    years: tuple[YearAudit, ...]
    issues: tuple[Issue, ...]  # the reader's: an error means the workbook is not a TGO form it reads
    form: str = "form 1.5(1)"
    # copies of one year compared (core/audit.compare_copies), kept with the workbook of the first copy
    copies: tuple[CopiesAudit, ...] = ()

    @property
    def has_errors(self) -> bool:
        return not self.years or any(i.is_error for i in self.issues)


def audit_files(paths: list[str], options: Options | None = None) -> list[AuditOutcome]:
    """Audit each TGO workbook: its own arithmetic, the factor edition in force, plausibility,
    consistency between its sheets. Form 1.5(1) through io/tgo_form.py; the V-Sheet CFO through
    io/tgo_vsheet.py where that reader is installed (`looks_like_vsheet`, `read_vsheet`, `stated_years`)."""
    from ghgcalc.core.audit import audit_year, compare_copies
    from ghgcalc.core.audit_repeated import repeated_years
    from ghgcalc.io.tgo_form import read_form
    from ghgcalc.io.tgo_form_inventory import stated_years

    options = options or Options()
    refs = options.factors or ("tgo-cfo",)
    versions = [(ref.id, ref.version is not None, tuple(options.store.select(ref))) for ref in map(SetRef.parse, refs)]
    outcomes: list[AuditOutcome] = []
    stated: list[tuple[str, str, Any]] = []  # (workbook, form, StatedYear) of every year read
    places: list[tuple[int, int]] = []  # (outcome, its year) of each of `stated`
    for path in paths:
        source = display_name(path)
        vsheet = _vsheet_reader()
        try:
            if vsheet is not None and vsheet.looks_like_vsheet(path):
                book = vsheet.read_vsheet(path, source)
                read = vsheet.stated_years(book)
                stated += [(source, "V-Sheet CFO", y) for y in read]
                places += [(len(outcomes), i) for i in range(len(read))]
                audits = [audit_year(y, _audit_catalogue(versions), options.checks.thresholds) for y in read]
                outcomes.append(AuditOutcome(source, tuple(audits), tuple(book.issues), "V-Sheet CFO"))
                continue
            form = read_form(path, source)
        except OSError as exc:
            problem = Issue(
                "file-unreadable",
                tr("cannot read the file: {reason}", reason=exc.strerror or exc),
                Severity.ERROR,
                Location(source),
            )
            outcomes.append(AuditOutcome(source, (), (problem,)))
            continue
        audits = []
        for year in stated_years(form):
            stated.append((source, "form 1.5(1)", year))
            places.append((len(outcomes), len(audits)))
            audits.append(audit_year(year, _audit_catalogue(versions), options.checks.thresholds))
        outcomes.append(AuditOutcome(source, tuple(audits), tuple(form.issues)))
    for index, found in repeated_years(stated).items():
        book, number = places[index]
        years = list(outcomes[book].years)
        years[number] = replace(years[number], findings=(*years[number].findings, *found))
        outcomes[book] = replace(outcomes[book], years=tuple(years))
    for copies in compare_copies(stated):
        at = next(i for i, o in enumerate(outcomes) if o.source == copies.workbook)
        outcomes[at] = replace(outcomes[at], copies=(*outcomes[at].copies, copies))
    return outcomes


def _audit_catalogue(versions: list[tuple[str, bool, tuple[FactorSet, ...]]]) -> Catalogue:
    """A new catalogue for each audited year: a catalogue remembers its choices for one period."""
    return Catalogue({}, [SetChoice(i, v, pinned=p) for i, p, v in versions])


def _vsheet_reader() -> Any:
    """io/tgo_vsheet.py when it is there with the three functions the audit uses, else None."""
    import importlib
    import importlib.util

    if importlib.util.find_spec("ghgcalc.io.tgo_vsheet") is None:
        return None
    module = importlib.import_module("ghgcalc.io.tgo_vsheet")
    wanted = ("looks_like_vsheet", "read_vsheet", "stated_years")
    return module if all(hasattr(module, name) for name in wanted) else None


if TYPE_CHECKING:
    from ghgcalc.core.summary import Outlier, Rollup, SummaryRow


@frozen
class SummaryOutcome(Record):
    """`ghgcalc summary`: one row per input file (failed ones included), in the order of the
    files, the rollups by province and by type of local government, and the outliers among peers
    (core/summary.py)."""

    rows: tuple[SummaryRow, ...]
    by_province: tuple[Rollup, ...]
    by_type: tuple[Rollup, ...]
    outliers: tuple[Outlier, ...]
    outcomes: tuple[Outcome, ...] = field(default=(), repr=False)
    warnings: tuple[Issue, ...] = ()  # of the summary as a whole (summarised), not of one file

    @property
    def has_errors(self) -> bool:
        return any(row.status == "errors" for row in self.rows)


def summary_inputs(paths: list[str], recursive: bool = False) -> tuple[list[str], list[Issue]]:
    """The files of a summary: as expand_inputs, and with `recursive` the inventories of every
    folder under a named folder too (links to folders followed, each folder once; hidden folders
    passed over, as folder-not-read does), sorted by path (deterministic); and a warning for each
    folder under it that could not be read (folder-unreadable). Raises UsageError."""
    if not recursive:
        return expand_inputs(paths), []
    files: list[str] = []
    problems: list[Issue] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = sorted(_tree_inputs(path, problems), key=lambda p: Path(p).parts)
            if not found:
                raise UsageError(
                    tr(
                        "{path}: no {suffixes} or {last} file in the folder or under it",
                        path=path,
                        suffixes=", ".join(INPUT_SUFFIXES[:-1]),
                        last=INPUT_SUFFIXES[-1],
                    )
                )
            files.extend(found)
        else:
            files.extend(expand_inputs([path]))
    return files, problems


def _tree_inputs(top: str, problems: list[Issue]) -> list[str]:
    """The inventories of `top` and of every folder under it (_folder_inputs's rule in each)."""
    found: list[str] = []
    seen: set[object] = set()
    waiting = [top]
    while waiting:
        folder = waiting.pop()
        identity = _identity(folder)
        if identity in seen:  # a link back to a folder already read (a loop, or two links to one)
            continue
        seen.add(identity)
        try:
            entries = _listed(folder)
        except UsageError:
            if folder == top:
                raise
            problems.append(
                Issue(
                    "folder-unreadable",
                    tr("the folder cannot be read: its inventories are not in the summary"),
                    Severity.WARNING,
                    Location(display_name(folder)),
                    hint=tr("check that you may read the folder (its permissions)"),
                )
            )
            continue
        prefix = str(Path(folder) / "x")[:-1]
        others = []
        for entry in entries:
            if _is_input(entry):
                found.append(prefix + entry.name)
            elif _is_other_workbook(entry):
                others.append(entry.name)
            elif not entry.name.startswith(".") and _is_folder(entry):
                waiting.append(prefix + entry.name)
        if others:
            problems.extend(_other_workbooks(folder, sorted(others)))
    return found


def summary_files(paths: list[str], options: Options | None = None, recursive: bool = False) -> SummaryOutcome:
    """Compute every inventory of `paths` (files and folders) and summarise them: a file's errors
    never stop the others, and each file gives exactly one row."""
    options = options or Options()
    found, unreadable = summary_inputs(paths, recursive) if recursive else (None, [])
    files, repeats = inputs_once(paths, found)
    outcomes = tuple(compute_file(path, options) for path in files)
    files, outcomes, passed = without_documents(paths, files, outcomes)  # a plan or a summary in a folder
    return summarised(tuple(summary_row(outcome) for outcome in outcomes), outcomes, (*unreadable, *repeats, *passed))


def summarised(
    rows: tuple[SummaryRow, ...], outcomes: tuple[Outcome, ...] = (), repeats: tuple[Issue, ...] = ()
) -> SummaryOutcome:
    """The summary of these rows (one per input file, summary_row): the rollups, the outliers, and
    the warnings of the summary: `repeats` (files named twice, inputs_once) first, then what would
    make a rollup misleading (_summary_warnings)."""
    from ghgcalc.core import summary

    return SummaryOutcome(
        rows,
        tuple(summary.by_province(rows)),
        tuple(summary.by_type(rows)),
        tuple(summary.outliers(rows)),
        outcomes,
        (*repeats, *_summary_warnings(rows)),
    )


def _summary_warnings(rows: tuple[SummaryRow, ...]) -> list[Issue]:
    """What would make a rollup misleading: a province written more than one way (split into
    groups), inventories of more than one period or GWP set (added together), and a file whose
    local government and period an earlier file has too (a copy under another name, counted
    twice). Only the user knows which is right, so each is a warning, never a correction."""
    from ghgcalc.core.summary import editions, gwp_sets, kinds, output_units, periods, province_spellings, repeated

    found: list[Issue] = []
    for spellings in province_spellings(rows):
        written = ", ".join(tr("'{name}' ({count} file(s))", name=name, count=count) for name, count in spellings)
        message = tr(
            "one province written {count} ways: {spellings}; the rollups count each way as a province",
            count=len(spellings),
            spellings=written,
        )
        hint = tr("write each province the same way in organization.province")
        found.append(Issue("province-spellings", message, Severity.WARNING, hint=hint))
    named = periods(rows)
    if len(named) > 1:  # a programme's folder of one fiscal year, with another year's file in it
        message = tr(
            "the computed inventories are of {count} periods ({periods}): the rollups add them together",
            count=len(named),
            periods=_first_names(named),
        )
        hint = tr("summarise one period at a time (a folder per year), or read the rollups as years added")
        found.append(Issue("periods-mixed", message, Severity.WARNING, hint=hint))
    if len(kinds(rows)) > 1:  # a province's community inventory beside its municipalities' own
        message = tr(
            "the computed inventories are of organisations and of communities: a community inventory holds its "
            "local governments' own emissions, so a rollup that adds both counts them twice"
        )
        hint = tr("summarise organisations (CFO) and communities (GPC) apart: a folder for each")
        found.append(Issue("kinds-mixed", message, Severity.WARNING, hint=hint))
    weights = gwp_sets(rows)
    if len(weights) > 1:  # one inventory on AR4 among AR5 ones: its tonnes are weighted otherwise
        message = tr(
            "the computed inventories use {count} GWP sets ({sets}): the rollups add tonnes of CO2e weighted "
            "differently",
            count=len(weights),
            sets=", ".join(weights),
        )
        hint = tr("compute them on one GWP set: give it with --gwp or write the same gwp: in each inventory")
        found.append(Issue("gwp-mixed", message, Severity.WARNING, hint=hint))
    for used in editions(rows):  # one file pinned to an older edition among files on the one in force
        message = tr(
            "inventories of one period use {count} editions of a factor set: {editions}; the rollups add their "
            "tonnes and the outliers compare them, though their factors differ",
            count=len(used),
            editions=", ".join(tr("'{name}' ({count} file(s))", name=name, count=count) for name, count in used),
        )
        hint = tr(
            "compute them with one edition: write factors: with the set alone (the edition in force for the "
            "period) in each inventory, or the same SET@VERSION in all"
        )
        found.append(Issue("editions-mixed", message, Severity.WARNING, hint=hint))
    units = output_units(rows)
    if len(units) > 1:  # tCO2e per person beside tCO2e per staff member: one column, one spread
        message = tr(
            "the outputs are in {count} units ({units}): the rollups' tCO2e per unit of output mix them",
            count=len(units),
            units=", ".join(units),
        )
        hint = tr(
            "give every inventory's output in one unit, or read that intensity unit by unit "
            "(an outlier's peers have outputs in its own unit)"
        )
        found.append(Issue("output-units-mixed", message, Severity.WARNING, hint=hint))
    found += [_repeated_warning(row, earlier) for row, earlier in repeated(rows)]
    return found


def _repeated_warning(row: SummaryRow, earlier: SummaryRow) -> Issue:
    """inventory-repeated for `row`, whose local government and period `earlier` has too
    (core/summary.py repeated): one code under two names is said as such (a code typed twice is as
    likely as a copy), and so is one name whose code only one of the two files gives."""
    from ghgcalc.core.entity import code_key, other_totals

    names = {canonical_name(r.name or "").casefold() for r in (row, earlier)}
    shown = {"period": row.period, "first": earlier.file, "name": printable(row.name or "")}
    codes = [code for code in (row.code, earlier.code) if code is not None]
    one_code = len(codes) == 2 and code_key(codes[0]) == code_key(codes[1])
    code = " = ".join(dict.fromkeys(codes))  # "500101 = 0500101": an Excel cell dropped the leading zero
    if (row.period_start, row.period_end) != (earlier.period_start, earlier.period_end):
        message = tr(
            "the same local government ({name}) as {first}, and periods that overlap: {period} here and {other} "
            "there both cover {start} to {end}: the rollups count those days twice",
            name=printable(row.name or "") + (f", {code}" if one_code else ""),
            **_shared_days(row, earlier),
        )
        return Issue("inventory-repeated", message, Severity.WARNING, Location(row.file), hint=tr(OVERLAP_HINT))
    if other_totals(row, earlier) and not (one_code and len(names) > 1):  # a part of it, or another version
        message = tr(
            "the same local government ({who}) and period ({period}) as {first}, with another total ({total} t "
            "CO2e here, {other} there): a part of its inventory, or another version of it? The rollups count both",
            **_other_version(row, earlier, code if one_code else None),
        )
        return Issue("inventory-repeated", message, Severity.WARNING, Location(row.file), hint=tr(PARTS_HINT))
    if one_code and len(names) > 1:
        message = tr(
            "the same organization.code ({code}) and period ({period}) as {first}, under another name ({name}, "
            "there {first_name}): both are counted in the rollups",
            code=code,
            first_name=printable(earlier.name or ""),
            **shown,
        )
        hint = tr("if the code of one of them is wrong, correct its organization.code; if one is a copy, remove it")
    elif one_code:
        message = tr(
            "the same local government (code {code}) and period ({period}) as {first}: both are counted in the rollups",
            code=code,
            period=row.period,
            first=earlier.file,
        )
        hint = tr("if one file is a copy of the other, remove it; if a code is wrong, correct organization.code")
    elif codes:
        message = tr(
            "the same name ({name}), province and period ({period}) as {first}, and only one of the two gives "
            "organization.code ({code}): both are counted in the rollups",
            code=code,
            **shown,
        )
        hint = tr(
            "if one file is a copy of the other, remove it; if they are two local governments, give each its own "
            "organization.code"
        )
    else:
        message = tr(
            "the same name ({name}) and period ({period}) as {first}, and no organization.code: both are "
            "counted in the rollups",
            **shown,
        )
        hint = tr(
            "if one file is a copy of the other (the YAML and its workbook, a file saved twice), remove it; if "
            "they are two local governments, give each its organization.code"
        )
    return Issue("inventory-repeated", message, Severity.WARNING, Location(row.file), hint=hint)


def _summary_identity(path: str) -> dict[str, Any]:
    """Who a file that did not compute is, when its `name:`, `period:` and `organization:` could be
    read: from the validated fields when only a line is wrong (an unknown factor, a bad unit), else
    from the file's text as written, when the file's shape is wrong (`staff: -80`, `activites:`).
    It is read again, since only failed files need this (never standard input, which cannot be read
    twice)."""
    if path == STDIN:
        return {}
    try:
        reading = read_inventory(path)
    except OSError:
        return {}
    inventory = reading.inventory or reading.partial
    if inventory is None:
        return _written_identity(path)
    organization = inventory.organization
    return {
        "name": inventory.name,
        "code": organization.code if organization else None,
        "province": canonical_name(organization.province) if organization and organization.province else None,
        "type": (organization.type if organization and organization.type else None) or inventory.kind,
        "period": inventory.period.written or inventory.period.label,
        "period_start": inventory.period.start.isoformat(),
        "period_end": inventory.period.end.isoformat(),
        "kind": inventory.kind,
    }


def _written_identity(path: str) -> dict[str, Any]:
    """_summary_identity's fields from a file that could not be validated, taken as written where
    each is plain text or a number (nothing of a value of another shape is guessed)."""
    from ghgcalc.io.inventory_reader import read_document

    document = read_document(path)
    if document is None:
        return {}

    def text(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        return str(value).strip() or None

    organization = document.get("organization")
    organization = organization if isinstance(organization, dict) else {}
    province = text(organization.get("province"))
    kind = text(document.get("kind")) or "organization"  # the inventory's default, as validated rows have it
    found = {
        "name": text(document.get("name")),
        "code": text(organization.get("code")),
        "province": canonical_name(province) if province else None,  # one writing, as a validated row's
        "type": text(organization.get("type")) or kind,
        "kind": kind,
    }
    period = document.get("period")
    written = text(period)
    if written is not None:
        found["period"] = written
        with contextlib.suppress(ValueError):
            dates = parse_period(period)
            found["period_start"], found["period_end"] = dates.start.isoformat(), dates.end.isoformat()
    return {key: value for key, value in found.items() if value is not None}


def summary_row(outcome: Outcome) -> SummaryRow:
    """An input file's row of a summary, from its outcome (compute_file's); a file that did not
    compute is read again for who it is (_summary_identity)."""
    from ghgcalc.core.summary import SummaryRow, status_of

    path = STDIN if outcome.source == display_name(STDIN) else outcome.source

    errors = [i for i in outcome.issues if i.is_error]
    warnings = len(outcome.issues) - len(errors)
    first = errors[0] if errors else None
    counts = {
        "file": outcome.source,
        "status": status_of(len(errors), warnings),
        "errors": len(errors),
        "warnings": warnings,
        "first_error_code": first.code if first else None,
        "first_error": printable(first.message) if first else None,
        "first_error_at": printable(str(first.location)) if first and first.location else None,
    }
    result = outcome.result
    if result is None:
        return SummaryRow(**counts, **_summary_identity(path))  # type: ignore[arg-type]
    organization = result.organization
    scopes = result.by_scope_t_co2e
    total = result.total_t_co2e

    def per(amount: float | None) -> float | None:
        return total / amount if amount else None

    return SummaryRow(
        **counts,  # type: ignore[arg-type]
        name=result.name,
        code=organization.code if organization else None,
        province=canonical_name(organization.province) if organization and organization.province else None,
        type=(organization.type if organization and organization.type else None) or result.kind,
        period=result.period.written or result.period.label,
        period_start=result.period.start.isoformat(),
        period_end=result.period.end.isoformat(),
        kind=result.kind,
        scope_1=scopes.get("1", 0.0),
        scope_2=scopes.get("2", 0.0),
        scope_3=scopes.get("3", 0.0),
        total=total,
        separately_reported=sum(result.separately_reported_t_co2e.values()),
        per_staff=per(result.indicators.get("staff")),
        per_capita=per(result.indicators.get("population")),
        per_output=per(result.output[0] if result.output else None),
        factor_editions=tuple(s.ref for s in result.factor_sets),
        gwp=result.gwp,
        output_unit=result.output[1] if result.output else None,
    )
