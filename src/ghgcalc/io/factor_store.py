"""The bundled factor sets: find them, check their hashes, read them into Factor objects.

Layout (docs/factor-sets.md): factors/<set id>/<version>/set.yaml + CSV tables. Sets are read
on first use and kept for the life of the process.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import math
import re
from dataclasses import replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

import yaml

from ghgcalc import gwp
from ghgcalc.errors import FactorSetError, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.io import factor_cache, text
from ghgcalc.io.text import MAX_TEXT_BYTES
from ghgcalc.models.factor import Factor, FactorSet, GasValue
from ghgcalc.models.inventory import LARGEST_RANGE_PCT
from ghgcalc.numbers import NumberError, read_number
from ghgcalc.records import Record, frozen
from ghgcalc.thai import BE_THRESHOLD

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):
    """set.yaml as written: a date stays its text, read by `set_date` (YAML's own reading turns
    2567-12-31 into a C.E. date and fails on 2567-02-29, a B.E. leap day)."""


def _as_text(loader: yaml.BaseLoader, node: yaml.Node) -> str:
    return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)


class TextDatesLoader(yaml.SafeLoader):
    """`_Loader` on the pure-Python reader, for the checker (factor_check)."""


TextDatesLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)

# Searched after the sets an inventory names: releasing 1 kg of a gas is 1 kg of that gas.
ALWAYS_SEARCHED = "gases"
DEFAULT_SETS = ("tgo-cfo",)


# The header of every factors.csv (docs/factor-sets.md).
COLUMNS = (
    "key",
    "name_en",
    "name_th",
    "category",
    "scope",
    "per",
    "gas",
    "value",
    "published_kgco2e",
    "valid_from",
    "valid_to",
    "ncv",
    "density",
    "source",
    "notes",
)
# Columns a table may add to COLUMNS; a table without them reads as before.
OPTIONAL_COLUMNS = ("verified_via", "uncertainty_pct", "uncertainty_source")


def recorded_sha256(value: object) -> str | None:
    """A table's sha256 as set.yaml records it, as the hex digest compares: lower case (PowerShell's
    Get-FileHash writes upper case), and 64 digits where YAML read a digest of digits alone as a
    number (which drops its leading zeros); None when none is recorded, or it is no sha256."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip().lower()
    if isinstance(value, int):
        text = text.zfill(64)
    return text if len(text) == 64 and all(c in "0123456789abcdef" for c in text) else None


def read_range_pct(text: str) -> tuple[float, float]:
    """A factor row's uncertainty_pct: "7" is ±7 %, "-2.0/+0.9" is 2 % below to 0.9 % above (95 %).
    Raises ValueError with what is wrong."""
    parts = text.strip().split("/")
    try:
        if len(parts) == 1:
            pct = read_number(parts[0], "uncertainty_pct", minimum=0, maximum=LARGEST_RANGE_PCT)
            return (-pct, pct)
        if len(parts) == 2:
            low = read_number(parts[0], "uncertainty_pct", minimum=-100, maximum=100)
            high = read_number(parts[1].lstrip("+"), "uncertainty_pct", minimum=0, maximum=LARGEST_RANGE_PCT)
            if low <= 0:
                return (low, high)
    except NumberError as problem:
        raise ValueError(tr("{problem} (write 7 for ±7 %, or -2.0/+0.9)", problem=problem.message)) from None
    raise ValueError(tr("uncertainty_pct {value} is not ±% or lower/upper (write 7, or -2.0/+0.9)", value=repr(text)))


_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


@frozen
class SetRef(Record):
    id: str
    version: str | None  # None: every version, the one in force is chosen per factor

    @classmethod
    def parse(cls, text: str) -> SetRef:
        """Read "id" or "id@version"; raises FactorSetError for anything that is not a set name."""
        name, at, version = text.strip().partition("@")
        name, version = name.strip(), version.strip()
        if not _NAME.fullmatch(name) or (at and not _NAME.fullmatch(version)):
            hint = tr("write SET or SET@VERSION, e.g. tgo-cfo or tgo-cfo@2022-04")
            if _NAME.fullmatch(text.strip().lower()):
                hint = tr("set names are lowercase: {name}", name=text.strip().lower())
            raise FactorSetError(tr("unknown factor set {name}", name=repr(text)), hint)
        return cls(name, version or None)

    def __str__(self) -> str:
        return f"{self.id}@{self.version}" if self.version else self.id


# The largest set.yaml or factor table read: the limit of an inventory file (io/text.py), some 130
# times the largest bundled table (tgo-cfo@2026-02, 0.24 MB for 217 rows). A file past it is
# refused from its size, before it is read: parsing a 200 MB table took 1.5 GB of memory.
MAX_SET_FILE_BYTES = MAX_TEXT_BYTES


def read_set_file(path: Traversable, shown: str) -> bytes:
    """The bytes of a set.yaml or a table; a user's file (a Path) only if it is a regular file of at
    most MAX_SET_FILE_BYTES. Raises OSError as reading does, FactorSetError (file-too-large,
    factor-table-missing for a pipe or a device) before reading what would be refused."""
    if not isinstance(path, Path):
        return path.read_bytes()
    size = MAX_SET_FILE_BYTES // (1024 * 1024)
    too_large = FactorSetError(
        tr("{file} is larger than {size} MB", file=shown, size=size),
        tr(
            "a set.yaml or a table is at most {size} MB: split a table into several, each listed in set.yaml", size=size
        ),
        code="file-too-large",
    )
    if path.stat().st_size > MAX_SET_FILE_BYTES:
        raise too_large
    try:
        data = text.read_bytes(str(path), regular_only=True)
    except text.NotRegular as exc:
        raise FactorSetError(
            tr("{file} is {kind}, not a file", file=shown, kind=tr(exc.kind)), code="factor-table-missing"
        ) from None
    if len(data) > MAX_SET_FILE_BYTES:  # grown since it was looked at
        raise too_large
    return data


def _root() -> Traversable:
    return resources.files("ghgcalc").joinpath("factors")


def bundled_root() -> Path:
    """The folder of the sets that come with ghgcalc, as a path (to tell a user's own sets from them)."""
    return Path(str(_root()))


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def set_date(value: object, field: str) -> dt.date | None:
    """A date of a factor set (set.yaml's published, valid_from, valid_to; a row's valid_from,
    valid_to): ISO and C.E. None when empty. Raises FactorSetError: a date a factor set gives is
    never guessed, so a Buddhist Era year (2400 or more, as an inventory may write) is refused
    with its C.E. date, not read as a year of the 26th century."""
    if value in (None, ""):
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    day = _ISO_DAY.fullmatch(text)
    if day is not None and int(day.group(1)) >= BE_THRESHOLD:
        year, month, date = (int(g) for g in day.groups())
        try:
            ce = dt.date(year - 543, month, date).isoformat()
        except ValueError:
            ce = None
        if ce is not None:
            raise FactorSetError(
                tr(
                    "{field} {value} has a Buddhist Era year: the dates of a factor set are C.E.",
                    field=field,
                    value=repr(visible(text)),
                ),
                tr("write {date} (the B.E. year less 543)", date=ce),
            )
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FactorSetError(
            tr("{field} {value} is not an ISO date (YYYY-MM-DD)", field=field, value=repr(visible(text)))
        ) from None


class FactorStore:
    """Factor sets under the bundled folder and, first, under a project's own folders (`extra`)."""

    def __init__(self, root: Traversable | None = None, extra: tuple[Traversable, ...] = ()) -> None:
        self.root = root if root is not None else _root()
        self.extra = extra
        # A user's own sets may change between two runs of one process (the Python API, the
        # tests): they are cached per store. The bundled sets are cached for the process.
        self._own: dict[tuple[str, str], FactorSet] = {}
        # Every version of a set, found once per store: a batch asks for the same sets per file.
        self._versions: dict[str, list[FactorSet]] = {}

    @staticmethod
    def _ids(root: Traversable) -> set[str]:
        return {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}

    def set_ids(self) -> list[str]:
        return sorted(self._ids(self.root).union(*(self._ids(r) for r in self.extra)))

    def _root_of(self, set_id: str) -> Traversable | None:
        homes = [r for r in (*self.extra, self.root) if r.joinpath(set_id).is_dir()]
        if len(homes) > 1:
            raise FactorSetError(
                tr(
                    "factor set {name} is in more than one folder: {folders}",
                    name=repr(set_id),
                    folders=", ".join(map(str, homes)),
                ),
                tr("give your own set another id"),
            )
        return homes[0] if homes else None

    def versions(self, set_id: str) -> list[FactorSet]:
        """Every version of a set, oldest first (by publication date)."""
        if set_id not in self._versions:
            self._versions[set_id] = self._find_versions(set_id)
        return list(self._versions[set_id])

    def _find_versions(self, set_id: str) -> list[FactorSet]:
        root = self._root_of(set_id) if _NAME.fullmatch(set_id) else None
        if root is None:
            known = ", ".join(self.set_ids())
            raise FactorSetError(
                tr("unknown factor set {name}", name=repr(set_id)), tr("the sets are: {sets}", sets=known)
            )
        folder = root.joinpath(set_id)
        names = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
        loaded = (self._load(root, set_id, name) for name in names)
        return sorted(loaded, key=lambda s: (s.published, s.version))

    def choose(self, ref: SetRef) -> list[FactorSet]:
        """`select` for an inventory's factor list, where the version of a key is chosen by date:
        raises FactorSetError (factor-set-invalid) for a set of the user's own with two versions
        that would be told apart only by the text of their names (published_ties)."""
        versions = self.select(ref)
        ties = published_ties(versions) if ref.version is None else []
        root = self._root_of(ref.id) if ties else None
        if ties and root is not None and root != self.root:
            hint = tr("every problem, with its line: ghgcalc factors validate {folder}", folder=root)
            hints = f"{tr(TIE_HINT)}; {hint}"  # two hints, each translated
            raise FactorSetError(tie_message(*ties[0]), hints, code="factor-set-invalid")
        return versions

    def select(self, ref: SetRef) -> list[FactorSet]:
        versions = self.versions(ref.id)
        if ref.version is None:
            return versions
        chosen = [s for s in versions if s.version == ref.version]
        if not chosen:
            known = ", ".join(s.version for s in versions)
            raise FactorSetError(
                tr("factor set {name} has no version {version}", name=repr(ref.id), version=repr(ref.version)),
                tr("its versions are: {versions}", versions=known),
            )
        return chosen

    def load(self, set_id: str, version: str) -> FactorSet:
        return self._load(self._root_of(set_id) or self.root, set_id, version)

    def _load(self, root: Traversable, set_id: str, version: str) -> FactorSet:
        if root == self.root:
            return _load(root, set_id, version)  # type: ignore[arg-type]  # Path and MultiplexedPath hash
        if (set_id, version) not in self._own:
            folder = root.joinpath(set_id).joinpath(version)
            if isinstance(folder, Path):  # a user's own set: every rule of `factors validate`, first
                _refuse_if_invalid(folder, root)
            self._own[set_id, version] = _load.__wrapped__(root, set_id, version)
        return self._own[set_id, version]

    def own_files(self) -> list[str]:
        """The files of the user's own sets loaded so far (set.yaml and its tables): never written over."""
        found: list[str] = []
        for root in self.extra:
            for set_id, version in self._own:
                folder = Path(str(root)) / set_id / version
                if folder.is_dir():
                    found.extend(str(p) for p in folder.iterdir() if p.is_file())
        return found


def _refuse_if_invalid(folder: Path, root: Traversable) -> None:
    """Raise FactorSetError (factor-set-invalid) with the first error the checker finds in a set."""
    from ghgcalc.io.factor_check import check_version  # only a user's own sets are checked on load

    errors = [issue for issue in check_version(folder) if issue.is_error]
    if not errors:
        return
    first = errors[0]
    message = f"{first.location}: {first.message}"
    if len(errors) > 1:
        message = tr("{problem} (and {count} more problem(s))", problem=message, count=len(errors) - 1)
    hint = tr("every problem, with its line: ghgcalc factors validate {folder}", folder=root)
    raise FactorSetError(message, f"{first.hint}; {hint}" if first.hint else hint, code="factor-set-invalid")


TIE_HINT = N_("give the newer version the day it was published (or end the older one's validity before the other's)")


def published_ties(versions: list[FactorSet]) -> list[tuple[FactorSet, FactorSet, str]]:
    """(version, other version, key) for two versions of one set published the same day that both
    hold a key in force on a same day, each pair in both orders: which of the two is newer, and so
    gives the key, cannot be told (only the order of their folder names as text would decide)."""
    found = []
    for one in versions:
        for other in versions:
            if one is other or one.published != other.published:
                continue
            shared = sorted(one.factors.keys() & other.factors.keys())
            key = next((k for k in shared if _together(one.factors[k], other.factors[k])), None)
            if key is not None:
                found.append((one, other, key))
    return found


def _together(these: tuple[Factor, ...], those: tuple[Factor, ...]) -> bool:
    """Whether a factor of `these` and one of `those` are valid on a same day (None: open)."""
    return any(
        (a.valid_from is None or b.valid_to is None or a.valid_from <= b.valid_to)
        and (b.valid_from is None or a.valid_to is None or b.valid_from <= a.valid_to)
        for a in these
        for b in those
    )


def tie_message(one: FactorSet, other: FactorSet, key: str) -> str:
    return tr(
        "{name} and {other} are both published {day} and both give {key} for the same days: "
        "which one is newer, and so used, cannot be told",
        name=one.ref,
        other=other.ref,
        day=one.published.isoformat(),
        key=repr(key),
    )


def read_version(root: Traversable, set_id: str, version: str) -> FactorSet:
    """A version read as it is, every time (no cache, no checks but the loader's own): the checker's."""
    return _read_version(root, set_id, version)


@functools.cache
def _load(root: Traversable, set_id: str, version: str) -> FactorSet:
    try:
        return _read_version(root, set_id, version)
    except FactorSetError as exc:  # whatever is wrong inside a set that exists makes it invalid
        raise FactorSetError(exc.message, exc.hint, code="factor-set-invalid") from None


def _read_version(root: Traversable, set_id: str, version: str) -> FactorSet:
    folder = root.joinpath(set_id).joinpath(version)
    bundled = root == _root()
    where = f"factors/{set_id}/{version}" if bundled else str(folder)
    try:
        meta_bytes = read_set_file(folder.joinpath("set.yaml"), f"{where}/set.yaml")
        meta = yaml.load(meta_bytes.decode("utf-8-sig"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FactorSetError(tr("{file} cannot be read: {reason}", file=f"{where}/set.yaml", reason=exc)) from None
    if not isinstance(meta, dict):
        raise FactorSetError(tr("{file} is not a mapping", file=f"{where}/set.yaml"))
    if not isinstance(meta.get("tables"), list):
        raise FactorSetError(tr("{file}: 'tables' is not a list of tables", file=f"{where}/set.yaml"))
    for required in ("id", "version", "title", "publisher", "published", "tables"):
        if not meta.get(required):
            raise FactorSetError(tr("{file}: '{field}' is missing", file=f"{where}/set.yaml", field=required))
    if str(meta["id"]) != set_id or str(meta["version"]) != version:
        raise FactorSetError(
            tr("{file} names itself {name}", file=f"{where}/set.yaml", name=f"{meta['id']}@{meta['version']}")
        )
    gwp_basis = meta.get("gwp_basis") or None
    overrides = gwp_overrides(meta.get("gwp_overrides"), f"{where}/set.yaml")
    valid_from = set_date(meta.get("valid_from"), f"{where}/set.yaml: valid_from")
    valid_to = set_date(meta.get("valid_to"), f"{where}/set.yaml: valid_to")
    digest = hashlib.sha256()
    tables: list[tuple[str, bytes]] = []
    for table in meta["tables"]:
        name = table.get("file") if isinstance(table, dict) else None
        if not isinstance(name, str) or not _inside(name):
            raise FactorSetError(
                tr(
                    "{file}: {name} is not the name of a table in its folder",
                    file=f"{where}/set.yaml",
                    name=visible(repr(name)),
                )
            )
        try:
            data = read_set_file(folder.joinpath(name), f"{where}/{name}")
        except OSError as exc:
            raise FactorSetError(
                tr("{file} cannot be read: {reason}", file=f"{where}/{name}", reason=exc.strerror or exc)
            ) from None
        actual = hashlib.sha256(data).hexdigest()
        recorded = recorded_sha256(table.get("sha256"))
        if recorded is None:  # (never turn a list, an alias bomb?, into text)
            raise FactorSetError(
                tr("{file} records no sha256 for {table}", file=f"{where}/set.yaml", table=name),
                tr(
                    "record it in set.yaml: sha256: {digest} (check your own sets with: ghgcalc factors validate DIR)",
                    digest=actual,
                ),
                code="factor-set-invalid",
            )
        if actual != recorded:
            raise FactorSetError(
                tr(
                    "{file} has changed: its sha256 is {actual}, set.yaml records {recorded}",
                    file=f"{where}/{name}",
                    actual=actual,
                    recorded=recorded,
                ),
                tr(
                    "a released factor table is never edited; restore it, or publish the change as a new version "
                    "(check your own sets with: ghgcalc factors validate DIR)"
                ),
                code="factor-set-invalid",
            )
        digest.update(data)
        tables.append((name, data))
    # a released set's tables were just checked against their recorded sha256: parsed once, kept
    cache_key = factor_cache.key(meta_bytes, *(data for _, data in tables)) if bundled else None
    kept = factor_cache.load(set_id, version, cache_key) if cache_key else None
    if kept is not None:
        return kept
    factors: dict[str, list[Factor]] = {}
    for name, data in tables:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FactorSetError(tr("{file} is not UTF-8 text", file=f"{where}/{name}")) from None
        _read_rows(text, f"{where}/{name}", set_id, version, gwp_basis, valid_from, valid_to, factors)
    parsed = FactorSet(
        id=set_id,
        version=version,
        title=str(meta["title"]),
        title_th=str(meta.get("title_th") or ""),
        publisher=str(meta["publisher"]),
        edition=str(meta.get("edition") or ""),
        url=str(meta.get("url") or ""),
        published=set_date(meta["published"], f"{where}/set.yaml: published") or dt.date.min,
        valid_from=valid_from,
        valid_to=valid_to,
        gwp_basis=gwp_basis,
        licence=str(meta.get("licence") or ""),
        notes=str(meta.get("notes") or ""),
        sha256=digest.hexdigest(),
        factors={
            key: tuple(replace(f, gwp_overrides=overrides) if overrides else f for f in variants)
            for key, variants in factors.items()
        },
        gwp_overrides=overrides,
    )
    if cache_key:
        factor_cache.store(set_id, version, cache_key, parsed)
    return parsed


def gwp_overrides(value: object, where: str) -> tuple[tuple[str, float], ...]:
    """A set's own GWP weights (`gwp_overrides: {CH4_fossil: 28}`): known gases, positive numbers.
    Raises FactorSetError."""
    if value in (None, {}):
        return ()
    if not isinstance(value, dict):
        raise FactorSetError(
            tr("{where}: gwp_overrides is not a mapping of gas: GWP", where=where), tr("write e.g. {{CH4_fossil: 28}}")
        )
    found = []
    for name, number in value.items():
        gas = gwp.canonical_gas(str(name))
        if gas is None:
            raise FactorSetError(
                tr(
                    "{where}: gwp_overrides names {name}, not a gas ghgcalc knows",
                    where=where,
                    name=repr(visible(str(name))),
                )
            )
        problem = gwp.override_problem(gas)
        if problem is not None:
            raise FactorSetError(
                tr("{where}: {problem}", where=f"{where}: gwp_overrides", problem=problem),
                tr("remove {gas} from gwp_overrides", gas=gas),
            )
        try:
            weight = read_number(number, tr("the GWP of {gas}", gas=gas), minimum=0, zero=False)
        except NumberError as exc:
            raise FactorSetError(
                tr("{where}: {problem}", where=f"{where}: gwp_overrides", problem=exc.message), exc.hint
            ) from None
        found.append((gas, weight))
    return tuple(found)


def _uncertainty(row: dict[str, str], where: str) -> tuple[tuple[float, float] | None, str]:
    text, source = (row.get("uncertainty_pct") or "").strip(), (row.get("uncertainty_source") or "").strip()
    if not text:
        return None, ""
    try:
        pct = read_range_pct(text)
    except ValueError as exc:
        raise FactorSetError(tr("{where}: {problem}", where=where, problem=exc)) from None
    if not source:
        raise FactorSetError(
            tr("{where}: uncertainty_pct {value} has no uncertainty_source", where=where, value=repr(text))
        )
    return pct, source


def _inside(name: str) -> bool:
    """A table's name is a plain relative path in the version's folder: never '..' or absolute."""
    pure = PurePosixPath(name.replace("\\", "/"))
    return bool(pure.parts) and not pure.is_absolute() and ".." not in pure.parts and not re.match(r"[A-Za-z]:", name)


def _read_rows(
    text: str,
    where: str,
    set_id: str,
    version: str,
    gwp_basis: str | None,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    factors: dict[str, list[Factor]],
) -> None:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    grouped: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    try:
        header = reader.fieldnames or []
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:  # csv.DictReader keeps the last of them: a value read from the wrong column
            raise FactorSetError(
                tr("{where}: the header names a column twice: {columns}", where=where, columns=", ".join(repeated))
            )
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise FactorSetError(tr("{where}: missing columns {columns}", where=where, columns=", ".join(missing)))
        for row in reader:
            if not any(value.strip() for value in row.values() if isinstance(value, str)) and None not in row:
                continue  # a row of commas alone, as a spreadsheet leaves below a table: no factor
            if None in row or None in row.values():
                fields = len(reader.fieldnames or COLUMNS)
                raise FactorSetError(
                    tr(
                        "{where}: the row does not have the header's {count} fields",
                        where=f"{where}:{reader.line_num}",
                        count=fields,
                    )
                )
            grouped.setdefault((row["key"], row["per"]), []).append((reader.line_num, row))
    except csv.Error as exc:
        raise FactorSetError(
            tr("{where}: the table cannot be read as CSV: {reason}", where=f"{where}:{reader.line_num + 1}", reason=exc)
        ) from None
    for (key, per), rows in grouped.items():
        first_line, first = rows[0]
        gases = []
        spelled: dict[str, str] = {}
        for line, row in rows:
            gas = gwp.canonical_gas(row["gas"])
            if gas is None:
                raise FactorSetError(
                    tr("{where}: unknown gas {gas}", where=f"{where}:{line}", gas=visible(repr(row["gas"])))
                )
            if gas in spelled:
                raise FactorSetError(
                    tr(
                        "{where}: {factor} gives {gas} twice ({first}, {second})",
                        where=f"{where}:{line}",
                        factor=f"{key}/{per}",
                        gas=gas,
                        first=repr(spelled[gas]),
                        second=repr(row["gas"]),
                    )
                )
            spelled[gas] = row["gas"]
            try:
                value = read_number(row["value"], "value", minimum=0)  # 2,7 is a decimal comma, not 27
            except NumberError as problem:
                raise FactorSetError(
                    tr("{where}: {problem}", where=f"{where}:{line}", problem=problem.message)
                ) from None
            if not math.isfinite(value) or value < 0:
                raise FactorSetError(
                    tr(
                        "{where}: value {value} must be finite and >= 0",
                        where=f"{where}:{line}",
                        value=repr(row["value"]),
                    )
                )
            if not row["source"].strip():
                raise FactorSetError(tr("{where}: the row has no source", where=f"{where}:{line}"))
            gases.append(GasValue(gas, value, *_uncertainty(row, f"{where}:{line}")))
        if gwp.double_count(spelled) is not None:
            raise FactorSetError(
                tr(
                    "{where}: {factor} gives both CO2e and the gases it totals",
                    where=f"{where}:{first_line}",
                    factor=f"{key}/{per}",
                )
            )
        if first["scope"] not in ("", "1", "2", "3"):
            raise FactorSetError(
                tr("{where}: scope {scope} is not 1, 2 or 3", where=f"{where}:{first_line}", scope=repr(first["scope"]))
            )
        factors.setdefault(key, []).append(
            Factor(
                set_id=set_id,
                version=version,
                key=key,
                per=per,
                gases=tuple(gases),
                source=first["source"],
                name_en=first["name_en"],
                name_th=first["name_th"],
                category=first["category"] or None,
                scope=int(first["scope"]) if first["scope"] else None,
                valid_from=set_date(first["valid_from"], f"{where}:{first_line}: valid_from") or valid_from,
                valid_to=set_date(first["valid_to"], f"{where}:{first_line}: valid_to") or valid_to,
                ncv=first["ncv"] or None,
                density=first["density"] or None,
                gwp_basis=gwp_basis,
                published_kgco2e=first["published_kgco2e"] or None,
                notes=first["notes"],
                verified_via=first.get("verified_via") or "",
            )
        )
