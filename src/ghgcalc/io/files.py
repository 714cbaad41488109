"""Writing files so that nothing the user has is lost: atomic replacement, exclusive creation.

A result is written to a temporary file beside its target and only then moved into place, so a
reader (or a crash, a full disk, Ctrl-C) never leaves half a file, and no temporary file is left
behind. A new file is created exclusively: two runs racing for the same new path do not silently
overwrite each other, the second is told that the file exists.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from ghgcalc.i18n import N_, tr

# The one list of the files ghgcalc reads as inventories (here, in a module light enough for the
# command line to import at start-up): what a folder argument contributes.
EXCEL_SUFFIXES = (".xlsx", ".xlsm")  # an .xlsm is read for its values; its macros never run
YAML_SUFFIXES = (".yaml", ".yml")
INPUT_SUFFIXES = (*YAML_SUFFIXES, *EXCEL_SUFFIXES)
# Spreadsheets ghgcalc does not read: taken from a folder all the same, so that each is refused by
# name (save it as .xlsx) and counted, never left out of a batch in silence.
OTHER_WORKBOOK_SUFFIXES = (".xls", ".ods")
# What else a folder of files sent in by email, LINE or a shared drive holds, that ghgcalc does not
# read, and says so, since the inventories in it are otherwise left out of a batch in silence: a zip
# archive of them, and a download not finished (Firefox's .part, Chrome's and Edge's .crdownload,
# .partial, Safari's .download).
ARCHIVE_SUFFIXES = (".zip",)
DOWNLOAD_SUFFIXES = (".part", ".crdownload", ".partial", ".download")
# Activity tables (io/tables.py): named by an inventory's activities_table, or given with --header.
TABLE_SUFFIXES = (".parquet", ".csv", ".xlsx")


class FileExists(OSError):
    """The target appeared while the result was being computed (another run wrote it)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# a text, bytes, or a text in parts, each a str or UTF-8 bytes (a batch's output as it is made)
Data = str | bytes | Iterable[str] | Iterable[bytes]


def _parts(data: Data) -> Iterable[bytes]:
    if isinstance(data, bytes):
        return (data,)
    if isinstance(data, str):
        return (data.encode("utf-8"),)
    return (part if isinstance(part, bytes) else part.encode("utf-8") for part in data)


def _temporary(target: Path, data: Data) -> str:
    """`data` in a new temporary file in `target`'s folder, flushed to disk; its path."""
    import tempfile  # only commands that write files need it (it pulls in random and hashlib)

    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            for part in _parts(data):
                stream.write(part)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(path: str, data: Data) -> None:
    """Write `path`, replacing it if it exists, through a temporary file in the same folder."""
    target = Path(path)
    temporary = _temporary(target, data)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        os.chmod(temporary, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_new(path: str, data: Data) -> None:
    """Create `path`, which must not exist: raises FileExists if it does, even if it appeared a
    moment ago. The file appears whole (a hard link to a finished temporary file)."""
    target = Path(path)
    temporary = _temporary(target, data)
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        try:
            os.link(temporary, target)  # atomic, and fails if the name is taken
        except FileExistsError:
            raise FileExists(errno.EEXIST, tr("the file exists"), path) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            _create_exclusive(target, temporary)  # a file system without hard links
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_by(path: str, produce: Callable[[str], None], replace: bool) -> None:
    """Write `path` by `produce(temporary)`, a writer that streams to a file of its own (DuckDB's
    COPY): the temporary file sits beside `path` and only a finished one is moved into place,
    replacing `path` when `replace`, else created exclusively (FileExists if it appeared)."""
    import tempfile

    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    os.unlink(temporary)  # the writer creates it
    try:
        produce(temporary)
        os.chmod(temporary, target.stat().st_mode & 0o7777 if replace and target.exists() else 0o666 & ~_umask())
        if replace:
            os.replace(temporary, target)
            return
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise FileExists(errno.EEXIST, tr("the file exists"), path) from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _create_exclusive(target: Path, temporary: str) -> None:
    """`target` created exclusively, with the finished temporary file's bytes."""
    import shutil

    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise FileExists(errno.EEXIST, tr("the file exists"), str(target)) from None
    try:
        with os.fdopen(handle, "wb") as stream, open(temporary, "rb") as finished:
            shutil.copyfileobj(finished, stream)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def is_regular(path: str) -> bool:
    """Whether `path` (links followed) is a regular file: not a folder, device, pipe or socket."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def kind_of(path: str) -> str:
    """What `path` is, in words, for a message: 'a folder', 'a device', 'a pipe (FIFO)', ...; in
    English, which callers compare: a message shows it as tr(kind_of(path))."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return N_("missing")
    return kind_of_mode(mode)


def kind_of_mode(mode: int) -> str:
    """kind_of's words for a file's mode (os.stat's st_mode)."""
    if stat.S_ISREG(mode):
        return N_("a file")
    if stat.S_ISDIR(mode):
        return N_("a folder")
    if stat.S_ISFIFO(mode):
        return N_("a pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    return N_("not a regular file")
