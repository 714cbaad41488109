"""Reading a user's file as text: size limit, encodings, binary detection."""

from __future__ import annotations

import os
import stat
import sys

from ghgcalc.errors import Issue, Location, Severity
from ghgcalc.i18n import tr

# An inventory of 100,000 lines is about 15 MB of YAML; past this a file is a mistake or an attack.
MAX_TEXT_BYTES = 32 * 1024 * 1024

STDIN = "-"


class NotRegular(Exception):
    """The path is not a regular file (a pipe, a device, a socket): `kind` says what, in words."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def read_bytes(path: str, regular_only: bool = False) -> bytes:
    """The bytes of `path` (or standard input for '-'); raises OSError as open() does. With
    `regular_only`, a path that is not a regular file raises NotRegular before anything is read:
    it is opened without waiting (a pipe nobody writes to would block the open), and looked at
    through the descriptor itself, so that what is read is what was looked at."""
    if path == STDIN:
        return sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    flags = _OPEN_REGULAR_ONLY if regular_only else _OPEN
    # unbuffered: a small inventory is one read, without a buffer of its own to fill and copy from
    with open(os.open(path, flags), "rb", buffering=0) as handle:
        # a first read of the file's size: read(MAX_TEXT_BYTES + 1) allocates a buffer of the limit's
        # size (32 MB) for every file, which costs a small inventory most of its reading time (a
        # pipe or a special file says 0: its first read is a small one, the rest follows)
        status = os.fstat(handle.fileno())
        if regular_only and not stat.S_ISREG(status.st_mode):
            from ghgcalc.io.files import kind_of_mode

            raise NotRegular(kind_of_mode(status.st_mode))
        first = min(max(status.st_size + 1, _SMALLEST_READ), MAX_TEXT_BYTES + 1)
        data = handle.read(first)
        if len(data) == status.st_size < first:  # the whole file, as its size says
            return data
        parts = [data]
        left = MAX_TEXT_BYTES + 1 - len(data)
        while left > 0 and data:  # a pipe's or /proc's read gives what it holds: read on until the end
            data = handle.read(left)
            parts.append(data)
            left -= len(data)
        return b"".join(parts)


_SMALLEST_READ = 4096
_OPEN = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # (O_BINARY: Windows only)
_OPEN_REGULAR_ONLY = _OPEN | getattr(os, "O_NONBLOCK", 0)  # a pipe opened so does not wait for a writer


def decode(data: bytes, source: str) -> tuple[str | None, Issue | None]:
    """Text of a file: UTF-8 (a BOM allowed) or UTF-16 with a BOM; anything else is an issue."""
    if len(data) > MAX_TEXT_BYTES:
        return None, Issue(
            "file-too-large",
            tr("the file is larger than {size} MB", size=MAX_TEXT_BYTES // (1024 * 1024)),
            Severity.ERROR,
            Location(source),
            hint=tr("split the inventory into several files"),
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data[:8192]:
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            line_start = data.rfind(b"\n", 0, exc.start) + 1
            column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
            return None, Issue(
                "encoding-invalid",
                tr("byte {byte} is not UTF-8", byte=f"0x{data[exc.start]:02x}"),
                Severity.ERROR,
                Location(source, line, column),
                hint=tr("save the file as UTF-8 (Thai text saved as Windows-874 or TIS-620 must be re-saved)"),
            )
    from ghgcalc.io.excel_xml import foreign_workbook

    workbook = foreign_workbook(data)  # an .xls or .ods given as an inventory
    if workbook is not None:
        return None, Issue("workbook-unsupported", workbook[0], Severity.ERROR, Location(source), hint=workbook[1])
    return None, Issue(
        "file-not-text",
        tr("the file is not a text file"),
        Severity.ERROR,
        Location(source),
        hint=tr("give a YAML inventory (.yaml) here"),
    )
