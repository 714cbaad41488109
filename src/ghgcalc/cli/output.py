"""Where results go: standard output, or a file that never replaces anything the run reads.

The rules (docs/cli.md, "Output files"):

- `-o FILE` is checked before any input is computed: its folder must exist and take a new file,
  and FILE must not be an input, a folder, or anything but a regular file (a device such as
  /dev/null, a pipe, a socket), even with --force;
- a link is written through: the file it points to is replaced (the link stays a link, and never
  points to a stale file); a link to nothing is refused;
- without --force an existing FILE is refused, and a new FILE is created exclusively, so a run
  that races another for the same new name is told the file exists instead of overwriting it;
- after the inputs are computed, FILE is checked again against every file the run read (files
  reached through `include:`, a plan's base and catalogues, the tables of --factors-dir sets);
- a write that fails (a full disk, a closed standard output) is reported, exit 2, and leaves no
  partial or temporary file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from ghgcalc.errors import UsageError
from ghgcalc.io import files

STDOUT = "-"


class OutputError(UsageError):
    """The result could not be written (exit 2): nothing was written."""


@dataclass(frozen=True)
class Target:
    """A checked place to write one result: standard output, or `path` (a link's target)."""

    shown: str | None  # as the user wrote it; None for standard output
    path: str | None  # the file written: `shown`, or the file a link points to
    replace: bool  # the file exists and --force was given

    def refuse_reads(self, read: Iterable[str]) -> None:
        """Raise UsageError if this target is one of `read`, the files the run read."""
        if self.path is not None:
            _refuse_inputs(self.shown or self.path, self.path, read)

    def write(self, data: str | bytes, read: Iterable[str] = ()) -> None:
        """Write the result; `read` are the files the run read, which are never replaced."""
        if self.path is None:
            write_stdout(data)
            return
        self.refuse_reads(read)
        try:
            if self.replace:
                files.write_atomic(self.path, data)
            else:
                files.write_new(self.path, data)
        except files.FileExists:
            raise OutputError(
                f"{self.shown} already exists (it was created while this run was computing)",
                "add --force to replace it, or choose another path with -o; nothing was written",
            ) from None
        except OSError as exc:
            raise OutputError(
                f"cannot write {self.shown}: {exc.strerror or exc}", "nothing was written; free space or choose -o"
            ) from None


def check_target(out: str | None, inputs: Iterable[str], force: bool, named: str = "with -o") -> Target:
    """Check `out` before any work; raises UsageError for anything it must not replace. `named` says
    how the user names the file, for the hints: "with -o", or "" for a command's own argument."""
    if out is None or out == STDOUT:
        return Target(None, None, False)
    path = out
    if os.path.islink(out):
        path = os.path.realpath(out)
        if not os.path.lexists(path):
            raise UsageError(
                f"{out} is a link to {path}, which does not exist", "give the path of a real file, or remove the link"
            )
    if os.path.lexists(path):
        kind = files.kind_of(path)
        if kind == "a folder":
            raise UsageError(f"{out} is a folder", f"give the path of a file {named}".rstrip())
        if kind != "a file":
            raise UsageError(
                f"{out} is {kind}, not a regular file; ghgcalc writes its results only to regular files",
                f"choose the path of a regular file {named}".rstrip()
                + (", or leave -o out to write to standard output" if named == "with -o" else ""),
            )
        _refuse_inputs(out, path, (i for i in inputs if i != STDOUT))
        if not force:
            raise UsageError(
                f"{out} already exists", f"add --force to replace it, or choose another path {named}".rstrip()
            )
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise UsageError(f"{folder}: no such folder for the output file")
    _probe(folder, out)
    return Target(out, path, os.path.lexists(path))


def _refuse_inputs(shown: str, path: str, read: Iterable[str]) -> None:
    real = os.path.realpath(path)
    for name in read:
        if os.path.realpath(name) == real:
            raise UsageError(
                f"{shown} is read by this run ({name}); ghgcalc never writes over what it reads",
                "choose another output path with -o",
            )


def _probe(folder: str, out: str) -> None:
    """Create and remove a file in `folder`: an unwritable output is found before any work."""
    import tempfile

    try:
        handle, name = tempfile.mkstemp(prefix=".ghgcalc-probe.", dir=folder)
    except OSError as exc:
        raise UsageError(
            f"cannot write {out}: {exc.strerror or exc} in {folder}", "choose a folder you can write to"
        ) from None
    os.close(handle)
    os.unlink(name)


def write_stdout(data: str | bytes) -> None:
    """Write to standard output; a closed pipe, a closed or full output is OutputError (exit 2)."""
    stream = sys.stdout
    try:
        if stream is None:
            raise ValueError("closed")
        if isinstance(data, bytes):
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
        else:
            stream.write(data)
            stream.flush()
    except (OSError, ValueError) as exc:  # a closed pipe (`| head`), a closed or full standard output
        silence_stdout()
        reason = getattr(exc, "strerror", None) or "it is closed"
        raise OutputError(
            f"cannot write the result to standard output: {reason}",
            "the result was not written in full; to keep it whole, write it to a file (-o FILE, or > FILE)",
        ) from None


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's last flush at exit does not fail again."""
    stream = sys.stdout
    try:
        fileno = stream.fileno() if stream is not None else 1
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fileno)
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no file descriptor (tests), or none to replace
        pass
