"""Every rule a factor-set version must follow, checked in one pass with file:line locations.

Used by `ghgcalc factors validate PATH`, by the factor store before it loads a user's own set
(a set with errors is refused), and by the tests for the bundled sets. Nothing outside the
version's folder is ever opened: a table named `../../etc/passwd` is refused by its path.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ghgcalc import gwp, units
from ghgcalc.errors import FactorSetError, Issue, Location, Severity, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.io.factor_store import (
    COLUMNS,
    TextDatesLoader,
    gwp_overrides,
    read_range_pct,
    read_set_file,
    recorded_sha256,
    set_date,
)
from ghgcalc.numbers import NumberError, read_number

_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_SHARED = (
    "name_en",
    "category",
    "scope",
    "valid_from",
    "valid_to",
    "published_kgco2e",
    "ncv",
    "density",
    "verified_via",  # optional (OPTIONAL_COLUMNS): a table without it agrees on ""
)
_REQUIRED = ("id", "version", "title", "publisher", "published", "tables")
_SET_DATES = ("published", "valid_from", "valid_to")
_SCALARS = (
    "id",
    "version",
    "title",
    "title_th",
    "publisher",
    "edition",
    "url",
    "licence",
    "notes",
    "gwp_basis",
    *_SET_DATES,
)
_QUOTE_HINT = N_(
    'a value holding a comma must be in double quotes ("Table 2, p. 4"); every row has as many fields as the header'
)
_SEE_DOCS = N_("see docs/factor-sets.md")


def _issue(
    code: str,
    message: str,
    file: Path,
    line: int | None = None,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Issue:
    return Issue(code, message, severity, Location(str(file), line), hint=hint)


def version_folders(path: Path) -> list[Path]:
    """The version folders under `path`: itself, its versions, or the versions of its sets."""
    if (path / "set.yaml").is_file():
        return [path]
    found = sorted(p.parent for p in path.glob("*/set.yaml")) or sorted(p.parent for p in path.glob("*/*/set.yaml"))
    return found


class _Lines:
    """Line numbers of the top-level keys of set.yaml and of the items of its `tables` list."""

    def __init__(self, text: str) -> None:
        self.keys: dict[str, int] = {}
        self.tables: list[int] = []
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return
        if not isinstance(node, yaml.MappingNode):
            return
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                self.keys[str(key.value)] = key.start_mark.line + 1
                if key.value == "tables" and isinstance(value, yaml.SequenceNode):
                    self.tables = [item.start_mark.line + 1 for item in value.value]

    def key(self, name: str) -> int | None:
        return self.keys.get(name)

    def table(self, index: int) -> int | None:
        return self.tables[index] if index < len(self.tables) else self.keys.get("tables")


def _read_meta(meta_path: Path) -> tuple[Any, _Lines | None, Issue | None]:
    try:
        text = read_set_file(meta_path, "set.yaml").decode("utf-8-sig")
    except FactorSetError as exc:  # too large, or not a file: refused before it is read
        return None, None, _issue(exc.code or "factor-set-invalid", exc.message, meta_path, hint=exc.hint)
    except OSError as exc:
        problem = tr("{file} cannot be read: {reason}", file="set.yaml", reason=exc.strerror or exc)
        return None, None, _issue("factor-set-invalid", problem, meta_path)
    except UnicodeDecodeError:
        return None, None, _issue("factor-set-invalid", tr("{file} is not UTF-8 text", file="set.yaml"), meta_path)
    try:
        meta = yaml.load(text, Loader=TextDatesLoader)  # dates as written: set_date reads them
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        reason = getattr(exc, "problem", None) or tr("it is not valid YAML")
        line = mark.line + 1 if mark is not None else None
        hint = None
        if "tag" in str(exc):
            hint = tr("set.yaml holds plain values only: remove the '!' tag")
        problem = tr("{file} cannot be read: {reason}", file="set.yaml", reason=reason)
        return None, None, _issue("factor-set-invalid", problem, meta_path, line, hint)
    return meta, _Lines(text), None


def table_path(folder: Path, name: object) -> tuple[Path | None, str | None]:
    """The table file a set.yaml names, or why it is refused: only a plain relative name inside
    the version's folder (no '..', no absolute path, no link leading out). Decided from the path
    alone and `resolve()`; nothing outside the folder is opened."""
    if not isinstance(name, str) or not name.strip():
        return None, tr("a table entry needs 'file: NAME.csv'")
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or re.match(r"[A-Za-z]:", name):
        return None, tr("table file '{name}' is outside the set's folder", name=visible(name))
    candidate = folder / pure
    try:
        inside = candidate.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        return None, tr("table file '{name}' leads outside the set's folder", name=visible(name))
    return candidate, None


def check_version(folder: Path) -> list[Issue]:
    meta_path = folder / "set.yaml"
    meta, lines, problem = _read_meta(meta_path)
    if problem is not None:
        return [problem]
    assert lines is not None
    if not isinstance(meta, dict):
        return [
            _issue(
                "factor-set-invalid",
                tr("set.yaml is not a mapping of fields (id, version, title, ...)"),
                meta_path,
                1,
                tr("see docs/factor-sets.md for the shape of set.yaml"),
            )
        ]
    issues = [
        _issue("factor-set-invalid", tr("'{field}' is missing", field=key), meta_path, hint=tr(_SEE_DOCS))
        for key in _REQUIRED
        if not meta.get(key)
    ]
    # a list or mapping where one value belongs is refused before it is shown or compared: an
    # alias bomb (a few lines that stand for billions of items) must never be turned into text
    issues.extend(
        _issue(
            "factor-set-invalid",
            tr("'{field}' must be one value, not a list or mapping", field=key),
            meta_path,
            lines.key(key),
        )
        for key in _SCALARS
        if isinstance(meta.get(key), (list, dict))
    )
    if issues:
        return issues
    if str(meta["id"]) != folder.parent.name or str(meta["version"]) != folder.name:
        issues.append(
            _issue(
                "factor-set-invalid",
                tr(
                    "set.yaml names {name} but lies in {folder}",
                    name=f"{meta['id']}@{meta['version']}",
                    folder=f"{folder.parent.name}/{folder.name}",
                ),
                meta_path,
                lines.key("id"),
                hint=tr("keep a set as <id>/<version>/set.yaml"),
            )
        )
    dates: dict[str, dt.date | None] = {}
    for field in _SET_DATES:
        try:
            dates[field] = set_date(meta.get(field), field)
        except FactorSetError as exc:
            issues.append(_issue("factor-set-invalid", exc.message, meta_path, lines.key(field), exc.hint))
    issues.extend(_reversed(dates.get("valid_from"), dates.get("valid_to"), meta_path, lines.key("valid_to")))
    basis = meta.get("gwp_basis")
    if basis not in (None, "SAR", "AR4", "AR5", "AR6"):
        issues.append(
            _issue(
                "factor-set-invalid",
                tr("gwp_basis {value} is not SAR, AR4, AR5 or AR6", value=repr(basis)),
                meta_path,
                lines.key("gwp_basis"),
            )
        )
        basis = None
    overrides: tuple[tuple[str, float], ...] = ()
    try:
        overrides = gwp_overrides(meta.get("gwp_overrides"), "set.yaml")
    except FactorSetError as exc:
        message = exc.message.removeprefix("set.yaml: ")  # the place is the issue's location
        issues.append(_issue("factor-set-invalid", message, meta_path, lines.key("gwp_overrides"), exc.hint))
    if overrides and meta.get("gwp_basis") is None:  # edition_weights applies them under gwp_basis alone
        issues.append(
            _issue(
                "factor-set-invalid",
                tr("gwp_overrides without gwp_basis: the weights would never apply"),
                meta_path,
                lines.key("gwp_overrides"),
                tr("add the GWP set the weights depart from, e.g. gwp_basis: AR5"),
            )
        )
    tables = meta["tables"]
    if not isinstance(tables, list):
        issues.append(
            _issue(
                "factor-set-invalid",
                tr("'tables' is not a list"),
                meta_path,
                lines.key("tables"),
                tr("write it as a list of '- file: NAME.csv' entries, each with its 'sha256: ...'"),
            )
        )
        return issues
    validity = (dates.get("valid_from"), dates.get("valid_to"))
    defined: dict[tuple[str, str], tuple[Path, int]] = {}  # each key and unit: the table and line it is first in
    for index, table in enumerate(tables):
        issues.extend(_check_entry(folder, meta_path, table, lines.table(index), basis, overrides, validity, defined))
    return issues


def check_in_set(folder: Path, sound: set[Path]) -> list[Issue]:
    """What is wrong with a version beside the sets around it: its set's id is a bundled set's
    (every other command refuses the folder, so that no bundled factor is silently replaced), or
    another version of its set is published the same day and holds a key for the same days
    (which of the two is newer, and so used, cannot be told; the folder names would decide it as
    text). Only the versions in `sound` (check_version found no error in them) are read."""
    from ghgcalc.io.factor_store import TIE_HINT, bundled_root, published_ties, read_version, tie_message

    meta_path = folder / "set.yaml"
    meta, lines, problem = _read_meta(meta_path)
    if problem is not None or not isinstance(meta, dict) or lines is None:
        return []  # reported by check_version
    issues = []
    bundled = bundled_root()
    set_id = folder.parent.name
    if (bundled / set_id).is_dir() and folder.parent.resolve() != (bundled / set_id).resolve():
        issues.append(
            _issue(
                "factor-set-id-bundled",
                tr(
                    "{name} is the id of a set that comes with ghgcalc: the other commands refuse it",
                    name=repr(visible(set_id)),
                ),
                meta_path,
                lines.key("id"),
                tr("give your own set another id (and its folder that name), e.g. my-{name}", name=set_id),
            )
        )
    if folder not in sound:
        return issues  # its own problems are reported by check_version, and it is not read
    try:
        mine = read_version(folder.parent.parent, set_id, folder.name)
    except FactorSetError:
        return issues
    others = []
    for sibling in sorted(p for p in folder.parent.iterdir() if p != folder and p in sound):
        try:
            others.append(read_version(folder.parent.parent, set_id, sibling.name))
        except FactorSetError:
            continue  # reported where that version is checked
    for one, other, key in published_ties([mine, *others]):
        if one is not mine:
            continue
        issues.append(
            _issue(
                "factor-set-version-tie",
                tie_message(one, other, key),
                meta_path,
                lines.key("published"),
                tr(TIE_HINT),
            )
        )
    return issues


def _reversed(start: dt.date | None, end: dt.date | None, file: Path, line: int | None) -> list[Issue]:
    """A validity whose valid_to is before its valid_from: no period can use it."""
    if start is None or end is None or end >= start:
        return []
    return [
        _issue(
            "factor-set-invalid" if file.name == "set.yaml" else "factor-row-invalid",
            tr("valid_to ({end}) is before valid_from ({start})", end=end.isoformat(), start=start.isoformat()),
            file,
            line,
            tr("swap them, or correct the one mistyped"),
        )
    ]


def _check_entry(
    folder: Path,
    meta_path: Path,
    table: object,
    line: int | None,
    basis: str | None,
    overrides: tuple[tuple[str, float], ...] = (),
    validity: tuple[dt.date | None, dt.date | None] = (None, None),
    defined: dict[tuple[str, str], tuple[Path, int]] | None = None,
) -> list[Issue]:
    if not isinstance(table, dict):
        return [
            _issue(
                "factor-set-invalid",
                tr("a table entry is not a mapping"),
                meta_path,
                line,
                tr("write each table as '- file: NAME.csv' with its 'sha256: ...'"),
            )
        ]
    name = table.get("file")
    path, refused = table_path(folder, name)
    if path is None:
        hint = tr("keep the tables next to set.yaml")
        return [_issue("factor-table-missing", refused or "", meta_path, line, hint)]
    shown = visible(str(name))
    if not path.exists():
        return [_issue("factor-table-missing", tr("table '{name}' is not there", name=shown), meta_path, line)]
    if not path.is_file():
        return [_issue("factor-table-missing", tr("table '{name}' is not a regular file", name=shown), meta_path, line)]
    try:
        data = read_set_file(path, shown)
    except FactorSetError as exc:  # too large, or not a file: refused before it is read
        return [_issue(exc.code or "factor-table-invalid", exc.message, meta_path, line, exc.hint)]
    except OSError as exc:
        return [
            _issue(
                "factor-table-missing",
                tr("table '{name}' cannot be read: {reason}", name=shown, reason=exc.strerror or exc),
                meta_path,
                line,
            )
        ]
    issues: list[Issue] = []
    digest = hashlib.sha256(data).hexdigest()
    recorded = recorded_sha256(table.get("sha256"))
    if recorded != digest:
        if recorded is not None:
            issues.append(
                _issue(
                    "factor-table-changed",
                    tr(
                        "{file} has changed: its sha256 is {actual}, set.yaml records {recorded}",
                        file=path,
                        actual=digest,
                        recorded=recorded,
                    ),
                    meta_path,
                    line,
                    hint=tr("a released table is never edited: restore it, or publish the change as a new version"),
                )
            )
        else:
            issues.append(
                _issue(
                    "factor-table-unhashed",
                    tr("no sha256 recorded for {name}", name=shown),
                    meta_path,
                    line,
                    hint=tr("record it in set.yaml: sha256: {digest}", digest=digest),
                )  # an error, as compute refuses such a set: validate passes only what compute reads
            )
    issues.extend(check_table(data, path, basis, overrides, validity, defined))
    return issues


def check_table(
    data: bytes,
    path: Path,
    gwp_basis: str | None,
    overrides: tuple[tuple[str, float], ...] = (),
    validity: tuple[dt.date | None, dt.date | None] = (None, None),
    defined: dict[tuple[str, str], tuple[Path, int]] | None = None,
) -> list[Issue]:
    """Every problem of one factors.csv; printed totals are checked with the set's gwp_basis and its
    own weights (`overrides`), a row's dates with the set's (`validity`, its valid_from and valid_to).
    `defined`: the keys and units of the version's tables before this one, with where they are;
    this table's are added."""
    try:
        text = data.decode("utf-8-sig")  # a BOM, as Excel's "CSV UTF-8" writes it, is allowed
    except UnicodeDecodeError:
        return [_issue("factor-table-invalid", tr("the table is not UTF-8"), path, hint=tr("save it as CSV UTF-8"))]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    issues: list[Issue] = []
    groups: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    unsound: set[tuple[str, str]] = set()  # groups with a row error: their values are not added up
    try:
        header = reader.fieldnames or []
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:  # csv.DictReader keeps the last of them: a value read from the wrong column
            return [
                _issue(
                    "factor-table-invalid",
                    tr("the header names a column twice: {columns}", columns=", ".join(repeated)),
                    path,
                    1,
                    hint=tr("keep one column of each name"),
                )
            ]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            semicolons = len(header) == 1 and ";" in header[0]
            return [
                _issue(
                    "factor-table-invalid",
                    tr("missing columns: {columns}", columns=", ".join(missing)),
                    path,
                    1,
                    hint=tr("the columns are separated by semicolons: save the table as CSV with commas (CSV UTF-8)")
                    if semicolons
                    else tr("the columns are: {columns}", columns=",".join(COLUMNS)),
                )
            ]
        for row in reader:
            line = reader.line_num
            if not any(value.strip() for value in row.values() if isinstance(value, str)) and None not in row:
                continue  # a row of commas alone, as a spreadsheet leaves below a table: no factor
            extra = row.pop(None, None)  # DictReader's key for extra fields
            short = sum(1 for value in row.values() if value is None)
            if extra or short:
                count = len(COLUMNS if reader.fieldnames is None else reader.fieldnames) + len(extra or ()) - short
                issues.append(
                    _issue(
                        "factor-row-invalid",
                        tr(
                            "the row has {count} fields, the header has {header}",
                            count=count,
                            header=len(reader.fieldnames or ()),
                        ),
                        path,
                        line,
                        tr(_QUOTE_HINT),
                    )
                )
                continue
            if not _check_row(row, path, line, issues, validity):
                unsound.add((row["key"], row["per"]))
            groups.setdefault((row["key"], row["per"]), []).append((line, row))
    except csv.Error as exc:
        # the reader counts a line once it is read whole: the one it stopped in is the next
        line = reader.line_num + 1
        problem = tr("the table cannot be read as CSV: {reason}", reason=exc)
        issues.append(_issue("factor-table-invalid", problem, path, line))
    for (key, per), members in groups.items():
        issues.extend(_check_group(key, per, members, path, gwp_basis, (key, per) not in unsound, overrides))
        if defined is None:
            continue
        if (key, per) not in defined:
            defined[key, per] = (path, members[0][0])
            continue
        other, other_line = defined[key, per]  # the loader would keep the first and never use this one
        issues.append(
            _issue(
                "factor-duplicate",
                tr(
                    "{factor} is defined in {other} (line {other_line}) and again here: "
                    "one version holds one factor per key and unit, and this one would never be used",
                    factor=f"{key}/{per}",
                    other=other.name,
                    other_line=other_line,
                ),
                path,
                members[0][0],
                tr("keep one of them; publish a change as a new version of the set"),
            )
        )
    return issues


def _check_row(
    row: dict[str, str],
    path: Path,
    line: int,
    issues: list[Issue],
    validity: tuple[dt.date | None, dt.date | None] = (None, None),
) -> bool:
    """Check one row; True if it is sound enough to be checked with the other rows of its key."""
    before = len(issues)

    def bad(message: str, hint: str | None = None) -> None:
        issues.append(_issue("factor-row-invalid", message, path, line, hint))

    if not _KEY.fullmatch(row["key"]):
        bad(tr("key '{key}' is not lowercase a-z, 0-9 and '-'", key=visible(row["key"])))
    if not row["source"].strip():
        bad(tr("the row has no source"), tr("every factor names where its value comes from"))
    if gwp.canonical_gas(row["gas"]) is None:
        bad(tr("unknown gas '{gas}'", gas=visible(row["gas"])), gwp.unknown_gas_hint(row["gas"]))
    try:
        read_number(row["value"], "value", minimum=0)  # the one reader the loader uses too
    except NumberError as exc:
        bad(exc.message, exc.hint)
    if row["scope"] not in ("", "1", "2", "3"):
        bad(
            tr("scope {scope} is not 1, 2 or 3", scope=repr(row["scope"])),
            tr("write the scope as a whole number: 1, 2 or 3"),
        )
    own: dict[str, dt.date | None] = {}
    for column in ("valid_from", "valid_to"):
        try:
            own[column] = set_date(row[column], column)
        except FactorSetError as exc:
            bad(exc.message, exc.hint)
    if len(own) == 2 and (own["valid_from"] or own["valid_to"]):  # the set's dates where the row has none
        start, end = own["valid_from"] or validity[0], own["valid_to"] or validity[1]
        issues.extend(_reversed(start, end, path, line))
    try:
        units.check_unit(row["per"])
    except units.UnitError as exc:
        bad(str(exc), exc.hint)
    pct = (row.get("uncertainty_pct") or "").strip()
    if pct:
        try:
            read_range_pct(pct)
        except ValueError as exc:
            bad(str(exc))
        if not (row.get("uncertainty_source") or "").strip():
            bad(tr("uncertainty_pct has no uncertainty_source"), tr("name the table the 95 % range comes from"))
    return len(issues) == before


def _check_group(
    key: str,
    per: str,
    members: list[tuple[int, dict[str, str]]],
    path: Path,
    gwp_basis: str | None,
    sound: bool,
    overrides: tuple[tuple[str, float], ...] = (),
) -> list[Issue]:
    issues: list[Issue] = []
    first_line = members[0][0]
    for column in _SHARED:
        if len({m.get(column, "") for _, m in members}) > 1:
            issues.append(
                _issue(
                    "factor-row-invalid",
                    tr("the rows of {factor} disagree on {column}", factor=f"{key}/{per}", column=column),
                    path,
                    first_line,
                )
            )
    spelled: dict[str, str] = {}  # canonical gas -> its first spelling
    lines: dict[str, int] = {}
    for line, row in members:
        gas = gwp.canonical_gas(row["gas"])
        if gas is None:
            continue  # reported with its row
        if gas in spelled:
            issues.append(
                _issue(
                    "gas-duplicate",
                    tr(
                        "{factor}: '{gas}' is the same gas as '{other}' (line {line}): the gas would be counted twice",
                        factor=f"{key}/{per}",
                        gas=visible(row["gas"]),
                        other=visible(spelled[gas]),
                        line=lines[gas],
                    ),
                    path,
                    line,
                    tr("give {gas} once for {factor}", gas=gas, factor=f"{key}/{per}"),
                )
            )
        else:
            spelled[gas], lines[gas] = row["gas"], line
    double = gwp.double_count(spelled)
    if double is not None:
        total, parts = double
        issues.append(
            _issue(
                "gas-double-count",
                tr(
                    "{factor} gives both {total} (a total of gases) and {gases}: "
                    "the same emission would be counted twice",
                    factor=f"{key}/{per}",
                    total=total,
                    gases=", ".join(map(visible, parts)),
                ),
                path,
                lines[gwp.CO2E],
                tr(
                    "keep the gases and remove the {total} row, or give only {total} (with the set's gwp_basis)",
                    total=total,
                ),
            )
        )
    if not sound:
        return issues
    if not any(read_number(row["value"]) for _, row in members):
        issues.append(
            _issue(
                "factor-zero",
                tr("{factor} is 0 for every gas: the lines that use it add nothing", factor=f"{key}/{per}"),
                path,
                first_line,
                tr("check the values against the source"),
                severity=Severity.WARNING,
            )
        )
    if not any(i.is_error for i in issues):
        issues.extend(_published(members, key, per, path, gwp_basis, overrides))
    return issues


def _published(
    members: list[tuple[int, dict[str, str]]],
    key: str,
    per: str,
    path: Path,
    gwp_basis: str | None,
    overrides: tuple[tuple[str, float], ...] = (),
) -> list[Issue]:
    line, first = members[0]
    if not first["published_kgco2e"] or gwp_basis is None:
        return []
    try:
        printed = Decimal(first["published_kgco2e"])
        total = 0.0
        for _, row in members:
            weights = gwp.edition_weights(gwp.canonical_gas(row["gas"]) or "", gwp_basis, gwp_basis, overrides)
            mass = read_number(row["value"])
            total += mass * weights.in_total + mass * weights.non_kyoto
    except (InvalidOperation, ValueError, KeyError):  # NumberError is a ValueError
        return []  # the row problems are reported above
    if not printed.is_finite():
        return [_issue("factor-row-invalid", tr("published_kgco2e {value} is not a number", value=printed), path, line)]
    exponent = printed.as_tuple().exponent
    half_unit = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) / 2
    if abs(Decimal(repr(total)) - printed) > half_unit + Decimal("1e-12"):
        return [
            _issue(
                "factor-total-differs",
                tr(
                    "{factor}: the gases give {total} kg CO2e with {basis}, the source prints {printed}",
                    factor=f"{key}/{per}",
                    total=f"{total:.10g}",
                    basis=gwp_basis,
                    printed=printed,
                ),
                path,
                line,
                severity=Severity.WARNING,
            )
        ]
    return []
