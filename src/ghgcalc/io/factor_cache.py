"""The bundled factor sets, parsed once and kept on disk for the runs after it.

Reading a set's CSV tables row by row through the strict number reader is most of what a small
inventory's run does after its imports; a released set never changes, so its parsed form is kept
in the user's cache folder (`$GHGCALC_CACHE_DIR`, else `$XDG_CACHE_HOME/ghgcalc`, else
`~/.cache/ghgcalc`; `GHGCALC_CACHE_DIR=` empty turns it off).

A kept set is used only when its key matches: the digest of the set's own bytes (set.yaml and
every table, after their recorded sha256 were checked), of the code that parses them, and of the
Python and ghgcalc versions. Anything else (no file, another key, a damaged file, a file that
another user could have written) is read from the tables again, and the cache is never a reason
for a run to fail: a folder that cannot be written is simply not used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from ghgcalc.models.factor import FactorSet

# The modules whose code decides what a parsed set is: the reader and what it calls of ghgcalc
# (tests/io/test_factor_cache.py checks that every ghgcalc module they import is here).
PARSING_MODULES = (
    "ghgcalc.io.factor_cache",
    "ghgcalc.io.factor_store",
    "ghgcalc.models.factor",
    "ghgcalc.models.inventory",
    "ghgcalc.gwp",
    "ghgcalc.numbers",
    "ghgcalc.thai",
    "ghgcalc.io.text",  # the size limit of a set's files
    "ghgcalc.records",  # how a factor compares, hashes and shows
)
# Bump when the pickled form changes in a way the code digest cannot see.
_FORMAT = b"1"
# What reading a missing, truncated or damaged pickle raises.
_UNREADABLE = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    IndexError,
    TypeError,
    ValueError,
)


def folder() -> Path | None:
    """Where parsed sets are kept, or None when caching is off."""
    chosen = os.environ.get("GHGCALC_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ghgcalc" if os.path.isabs(base) else None


@functools.cache
def _code_digest() -> bytes:
    """The bytes of the modules and data that decide what a parsed set is (gas names, numbers)."""
    import importlib
    from importlib import resources

    from ghgcalc import __version__

    digest = hashlib.sha256(_FORMAT + sys.version.encode() + __version__.encode())
    for name in PARSING_MODULES:
        digest.update(Path(importlib.import_module(name).__file__ or "").read_bytes())
    data = resources.files("ghgcalc").joinpath("data")
    for name in ("gwp100.csv", "blends.csv"):
        digest.update(data.joinpath(name).read_bytes())
    return digest.digest()


def key(*parts: bytes) -> str | None:
    """The key of a set read from `parts` (its set.yaml and its tables' bytes, in order), or None
    when caching is off or the code cannot be read to key it."""
    if folder() is None:
        return None
    try:
        digest = hashlib.sha256(_code_digest())
    except OSError:
        return None
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _file(set_id: str, version: str) -> Path | None:
    home = folder()
    return home / f"factors-{set_id}-{version}.pickle" if home is not None else None


def _private(info: os.stat_result) -> bool:
    """The user's own file, writable by them alone. Windows has neither owners nor group bits in
    a stat (a writable file shows 0o666): there the folder's own access rules keep it the user's."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load(set_id: str, version: str, wanted: str) -> FactorSet | None:
    """The kept set under `wanted`, or None."""
    path = _file(set_id, version)
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            # a pickle runs code when it is read: only the user's own file, writable by them alone
            if not _private(os.fstat(handle.fileno())):
                return None
            kept_key, kept = pickle.load(handle)
    except _UNREADABLE:  # no file, or damaged: read the tables again
        return None
    return kept if kept_key == wanted and isinstance(kept, FactorSet) else None


def store(set_id: str, version: str, wanted: str, factor_set: FactorSet) -> None:
    """Keep `factor_set` under `wanted`, written whole (a temporary file moved into place)."""
    import tempfile  # only the first run writes

    path = _file(set_id, version)
    if path is None:
        return
    temporary = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".factors-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump((wanted, factor_set), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError):  # a folder that cannot be written: read the tables next time
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
