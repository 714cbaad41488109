"""Where results go: standard output, or a file written atomically that never replaces an input."""

from __future__ import annotations

import os
import sys

from ghgcalc.errors import UsageError
from ghgcalc.io.writers import write_atomic


def emit(text: str, out: str | None, inputs: list[str], force: bool) -> None:
    if out is None or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
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
    write_atomic(out, text)
