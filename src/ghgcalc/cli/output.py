"""Where results go: standard output, or a file written atomically that never replaces an input."""

from __future__ import annotations

import os
import sys

from ghgcalc.errors import UsageError
from ghgcalc.io.writers import write_atomic


def check_target(out: str | None, inputs: list[str], force: bool) -> None:
    """Raise UsageError before any work if `out` cannot be written: an input, a folder, an existing file."""
    if out is None or out == "-":
        return
    for path in inputs:
        if path != "-" and os.path.exists(out) and os.path.samefile(path, out):
            raise UsageError(
                f"{out} is an input file; ghgcalc never writes over its inputs", "choose another output path with -o"
            )
    if os.path.isdir(out):
        raise UsageError(f"{out} is a folder", "give a file path to -o")
    if os.path.exists(out) and not force:
        raise UsageError(f"{out} already exists", "add --force to replace it, or choose another path with -o")
    parent = os.path.dirname(out) or "."
    if not os.path.isdir(parent):
        raise UsageError(f"{parent}: no such folder for the output file")


def emit(data: str | bytes, out: str | None) -> None:
    """Write the result to standard output or, atomically, to `out` (checked by check_target)."""
    if out is None or out == "-":
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
            sys.stdout.flush()
        return
    write_atomic(out, data)
