"""The bundled factor sets, parsed once and kept on disk for the runs after it.

Reading a set's CSV tables row by row through the strict number reader is most of what a small
inventory's run does after its imports; a released set never changes, so its parsed form is kept
in the user's cache folder (io/kept.py says where, and how a kept file is read and written).

A kept set is used only when its key matches: the digest of the set's own bytes (set.yaml and
every table, after their recorded sha256 were checked), of the code that parses them, and of the
Python and ghgcalc versions. Anything else (no file, another key, a damaged file, a file that
another user could have written) is read from the tables again.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from pathlib import Path

from ghgcalc.io import kept
from ghgcalc.models.factor import FactorSet

# The modules whose code decides what a parsed set is: the reader and what it calls of ghgcalc
# (tests/io/test_factor_cache.py checks that every ghgcalc module they import is here).
PARSING_MODULES = (
    "ghgcalc.io.factor_cache",
    "ghgcalc.io.kept",
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
    if kept.folder() is None:
        return None
    try:
        digest = hashlib.sha256(_code_digest())
    except OSError:
        return None
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _name(set_id: str, version: str) -> str:
    return f"factors-{set_id}-{version}.pickle"


def load(set_id: str, version: str, wanted: str) -> FactorSet | None:
    """The kept set under `wanted`, or None."""
    found = kept.read(_name(set_id, version))
    if not isinstance(found, tuple) or len(found) != 2:
        return None
    kept_key, factor_set = found
    return factor_set if kept_key == wanted and isinstance(factor_set, FactorSet) else None


def store(set_id: str, version: str, wanted: str, factor_set: FactorSet) -> None:
    """Keep `factor_set` under `wanted` (written whole; nothing when the folder cannot be written)."""
    kept.write(_name(set_id, version), (wanted, factor_set))
