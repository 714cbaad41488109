"""Every rule a factor-set version must follow, checked in one pass with file:line locations.

Used by `ghgcalc factors validate PATH` for a user's own sets, and by the tests for the bundled
ones. Loading (factor_store) stops at the first problem; this reports them all.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from ghgcalc import gwp, units
from ghgcalc.errors import Issue, Location, Severity
from ghgcalc.io.factor_store import COLUMNS

_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_SHARED = ("name_en", "category", "scope", "valid_from", "valid_to", "published_kgco2e", "ncv", "density")
_REQUIRED = ("id", "version", "title", "publisher", "published", "tables")


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


def check_version(folder: Path) -> list[Issue]:
    meta_path = folder / "set.yaml"
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [_issue("factor-set-invalid", f"set.yaml cannot be read: {exc}", meta_path)]
    if not isinstance(meta, dict):
        return [_issue("factor-set-invalid", "set.yaml is not a mapping", meta_path)]
    issues = [_issue("factor-set-invalid", f"'{key}' is missing", meta_path) for key in _REQUIRED if not meta.get(key)]
    if issues:
        return issues
    if str(meta["id"]) != folder.parent.name or str(meta["version"]) != folder.name:
        issues.append(
            _issue(
                "factor-set-invalid",
                f"set.yaml names {meta['id']}@{meta['version']} but lies in {folder.parent.name}/{folder.name}",
                meta_path,
                hint="keep a set as <id>/<version>/set.yaml",
            )
        )
    basis = meta.get("gwp_basis")
    if basis not in (None, "SAR", "AR4", "AR5", "AR6"):
        issues.append(_issue("factor-set-invalid", f"gwp_basis {basis!r} is not SAR, AR4, AR5 or AR6", meta_path))
        basis = None
    for table in meta["tables"]:
        name = table.get("file") if isinstance(table, dict) else None
        if not name or not (folder / name).is_file():
            issues.append(_issue("factor-table-missing", f"table {name!r} is not there", meta_path))
            continue
        data = (folder / name).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if table.get("sha256") != digest:
            recorded = table.get("sha256")
            if recorded and re.fullmatch(r"[0-9a-f]{64}", str(recorded)):
                issues.append(
                    _issue(
                        "factor-table-changed",
                        f"{name} does not match its recorded sha256",
                        meta_path,
                        hint="a released table is never edited: publish the change as a new version",
                    )
                )
            else:
                issues.append(
                    _issue(
                        "factor-table-unhashed",
                        f"no sha256 recorded for {name}",
                        meta_path,
                        hint=f"record it in set.yaml: sha256: {digest}",
                        severity=Severity.WARNING,
                    )
                )
        issues.extend(check_table(data, folder / name, basis))
    return issues


def check_table(data: bytes, path: Path, gwp_basis: str | None) -> list[Issue]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [_issue("factor-table-invalid", "the table is not UTF-8", path)]
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [
            _issue(
                "factor-table-invalid",
                f"missing columns: {', '.join(missing)}",
                path,
                1,
                hint=f"the columns are: {','.join(COLUMNS)}",
            )
        ]
    issues: list[Issue] = []
    groups: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    for line, row in enumerate(reader, start=2):
        groups.setdefault((row["key"], row["per"]), []).append((line, row))

        def bad(message: str, hint: str | None = None, line: int = line) -> None:
            issues.append(_issue("factor-row-invalid", message, path, line, hint))

        if not _KEY.fullmatch(row["key"] or ""):
            bad(f"key {row['key']!r} is not lowercase a-z, 0-9 and '-'")
        if not (row["source"] or "").strip():
            bad("the row has no source", "every factor names where its value comes from")
        if gwp.canonical_gas(row["gas"] or "") is None:
            bad(f"unknown gas {row['gas']!r}", "e.g. CO2, CH4, CH4_fossil, N2O, HFC-134a, R-410A, CO2e, CO2_biogenic")
        try:
            value = float(row["value"])
            if not math.isfinite(value) or value < 0:
                bad(f"value {row['value']!r} must be a finite number >= 0")
        except (TypeError, ValueError):
            bad(f"value {row['value']!r} is not a number")
        if row["scope"] not in ("", "1", "2", "3"):
            bad(f"scope {row['scope']!r} is not 1, 2 or 3")
        for column in ("valid_from", "valid_to"):
            if row[column]:
                try:
                    dt.date.fromisoformat(row[column])
                except ValueError:
                    bad(f"{column} {row[column]!r} is not an ISO date (YYYY-MM-DD)")
        try:
            units.check_unit(row["per"] or "")
        except units.UnitError as exc:
            bad(str(exc), exc.hint)
    for (key, per), members in groups.items():
        first_line = members[0][0]
        for column in _SHARED:
            if len({m[column] for _, m in members}) > 1:
                issues.append(
                    _issue("factor-row-invalid", f"the rows of {key}/{per} disagree on {column}", path, first_line)
                )
        gases = [m["gas"] for _, m in members]
        if len(gases) != len(set(gases)):
            issues.append(_issue("factor-row-invalid", f"{key}/{per} gives a gas twice", path, first_line))
        issues.extend(_published(members, key, per, path, gwp_basis))
    return issues


def _published(
    members: list[tuple[int, dict[str, str]]], key: str, per: str, path: Path, gwp_basis: str | None
) -> list[Issue]:
    line, first = members[0]
    if not first["published_kgco2e"] or gwp_basis is None:
        return []
    try:
        printed = Decimal(first["published_kgco2e"])
        total = 0.0
        for _, row in members:
            weighted = gwp.weigh(gwp.canonical_gas(row["gas"]) or "", float(row["value"]), gwp_basis)
            total += weighted.in_total + weighted.non_kyoto
    except (InvalidOperation, ValueError, KeyError):
        return []  # the row problems are reported above
    exponent = printed.as_tuple().exponent
    half_unit = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) / 2
    if abs(Decimal(repr(total)) - printed) > half_unit + Decimal("1e-12"):
        return [
            _issue(
                "factor-total-differs",
                f"{key}/{per}: the gases give {total:.10g} kg CO2e with {gwp_basis}, the source prints {printed}",
                path,
                line,
                severity=Severity.WARNING,
            )
        ]
    return []
