"""What ghgcalc keeps between runs in the user's cache folder: parsed factor sets (factor_cache)
and the parsed Thai catalog (catalog_cache).

The folder is `$GHGCALC_CACHE_DIR`, else `$XDG_CACHE_HOME/ghgcalc`, else `~/.cache/ghgcalc`
(`GHGCALC_CACHE_DIR=` empty turns keeping off). A kept file is a pickle, which runs code when it is
read: only the user's own file, writable by them alone, is read. A kept file is never a reason for
a run to fail: one missing, damaged or not the user's is made again from its sources, and a folder
that cannot be written is simply not used. Each file is written whole (a temporary file moved into
place), so a run that reads it meanwhile sees the old one or the new one.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
from pathlib import Path

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
    """Where kept files are, or None when keeping is off."""
    chosen = os.environ.get("GHGCALC_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ghgcalc" if os.path.isabs(base) else None


def _private(info: os.stat_result) -> bool:
    """The user's own file, writable by them alone. Windows has neither owners nor group bits in
    a stat (a writable file shows 0o666): there the folder's own access rules keep it the user's."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(name: str) -> object | None:
    """What the kept file `name` holds, or None (keeping off, no file, damaged, not the user's)."""
    home = folder()
    if home is None:
        return None
    try:
        with (home / name).open("rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return None
            return pickle.load(handle)
    except _UNREADABLE:
        return None


def write(name: str, value: object) -> None:
    """Keep `value` in the file `name`, written whole; nothing when it cannot be."""
    import tempfile  # only a run that keeps something writes

    home = folder()
    if home is None:
        return
    temporary = None
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=home, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, home / name)
    except (OSError, pickle.PicklingError):
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
