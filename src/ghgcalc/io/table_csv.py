"""A CSV activity table read into DuckDB (docs/tables.md), with a dialect that is never guessed.

DuckDB's sniffer guesses a file's quote and comment characters from its lines: one label in
single quotes ('Office, main') made it take ' as the quote and swallow the rows up to the next '
into a label; a `#` made it take `#` as a comment, dropping a row and cutting `Pump #4` to `Pump`.
The dialect is therefore fixed: values quoted with ", a quote inside doubled (""), no comment
character, and the separator the header line shows. A file that does not read so is told at its
line: a line of another width (`table-line-fields`), a line too long, a file that is not UTF-8.
A file whose lines end both in CRLF and in LF (two exports put together) is read from a copy
whose line ends are all LF, in the system's temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import re
from typing import Any

from ghgcalc.i18n import tr

# DuckDB's longest line (its max_line_size, 2 MiB): no activity table has a longer one
LONGEST_LINE = 2_097_152


class NotUtf8(ValueError):
    """A CSV file that is not UTF-8 text (nor UTF-16 little-endian with its mark), at a line."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line


class Ragged(ValueError):
    """A CSV line with more or fewer fields than the header, at its line."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


class Unreadable(ValueError):
    """A CSV file DuckDB cannot read, in our words, at a line when one is known, with a hint."""

    def __init__(self, line: int | None, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.line = line
        self.hint = hint


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _file(path: str) -> str:
    """A file for DuckDB's readers, which take * ? and [ as a glob: each is matched as itself."""
    return _literal("".join(f"[{ch}]" if ch in "*?[" else ch for ch in path))


def read_csv(con: Any, path: str) -> tuple[dict[str, str], str]:
    """The CSV at `path` as the table `src` of `con` (every cell as text, `__row` its record's
    number), each DuckDB column's header as written (DuckDB renames a header written twice), and
    the separator of its values."""
    import duckdb

    # every cell as text: the strict reader decides what is a number, not DuckDB's sniffer
    with open(path, "rb") as stream:
        start = stream.read(4)
    if start.startswith(b"\xfe\xff"):  # DuckDB reads big-endian UTF-16 as no rows at all
        raise NotUtf8(None, tr("the file is UTF-16 big-endian"))
    encoding = "utf-16" if start.startswith(b"\xff\xfe") else "utf-8"  # Excel's "Unicode text"
    if encoding == "utf-8":  # UTF-16 without its mark (a database's export) has a NUL in every ASCII letter
        with open(path, "rb") as stream:
            if b"\x00" in stream.read(4096):
                reason = tr("the file holds NUL bytes: it is UTF-16 text without its byte-order mark, or no text")
                raise NotUtf8(1, reason)
    text = "utf-16" if encoding == "utf-16" else "utf-8-sig"
    with open(path, "rb") as stream:  # the header line's separator (ASCII); its text is DuckDB's to judge
        separator = delimiter(stream.readline(LONGEST_LINE).decode(text, errors="replace"))
    source, copy = path, None
    try:
        while True:
            try:
                titles = _read(con, source, encoding, separator)
                break
            except duckdb.Error as exc:
                if copy is None and encoding == "utf-8" and _mixed_line_ends(path):
                    source = copy = _with_lf(path)  # read again, once, from a copy ending every line in LF
                    continue
                _explain(path, text, separator, str(exc))
    finally:
        if copy is not None:
            os.unlink(copy)
    names = [row[0] for row in con.execute("DESCRIBE src").fetchall() if row[0] != "__row"]
    check_width(path, text, separator, len(names))
    shifts = _empty_lines(path, text, separator)
    if shifts:  # DuckDB skips an empty line; a spreadsheet shows it as a row, and so do we
        con.execute("CREATE TEMP TABLE shifts (record BIGINT, empty BIGINT)")
        con.executemany("INSERT INTO shifts VALUES (?, ?)", shifts)
        con.execute(
            "CREATE TABLE rows_shown AS SELECT src.* EXCLUDE (__row), src.__row + coalesce(shifts.empty, 0) "
            "AS __row FROM src ASOF LEFT JOIN shifts ON src.__row >= shifts.record ORDER BY src.__row"
        )
        con.execute("DROP TABLE src")
        con.execute("ALTER TABLE rows_shown RENAME TO src")
    return {name: "" if title is None else str(title) for name, title in zip(names, titles, strict=False)}, separator


def _read(con: Any, path: str, encoding: str, separator: str) -> tuple[Any, ...]:
    read = (
        f"read_csv({_file(path)}, all_varchar = true, encoding = {_literal(encoding)}, "
        f"delim = {_literal(separator)}, quote = '\"', escape = '\"', comment = '', max_line_size = {LONGEST_LINE}"
    )
    titles = con.execute(f"SELECT * FROM {read}, header = false) LIMIT 1").fetchone()
    if titles is None:
        raise ValueError(tr("the file is empty; a table starts with a header row"))
    con.execute(f"CREATE TABLE src AS SELECT *, row_number() OVER () AS __row FROM {read}, header = true)")
    return tuple(titles)


def _explain(path: str, text: str, separator: str, message: str) -> None:
    """Raise what is wrong with a CSV file DuckDB could not read, in our words, at its line."""
    if "not utf-8 encoded" in message:
        line = re.search(r"CSV Error on Line: (\d+)", message)
        raise NotUtf8(int(line[1]) if line else None, tr("the file is not UTF-8")) from None
    check_width(path, text, separator, None)
    long = _long_line(path)
    if long is not None:
        raise Unreadable(
            long,
            tr("line {line} is longer than {largest} bytes", line=long, largest=f"{LONGEST_LINE:,}"),
            tr("an activity table has one row per line; check the line for a value that never ends"),
        )
    quote = _open_quote(path, text, separator)
    hint = tr('quote a value with " and write a " inside it twice ("Pump ""A"""); separate values with a comma')
    if quote is not None:
        raise Unreadable(quote, tr('a value quoted with " on line {line} is never closed', line=quote), hint)
    raise Unreadable(None, tr("the file cannot be read as a CSV table"), hint)


def delimiter(first_line: str) -> str:
    """The separator of a CSV, as its header line shows it: the one it holds most of."""
    counts = {mark: first_line.count(mark) for mark in ",;\t|"}
    return max(counts, key=lambda mark: counts[mark]) if any(counts.values()) else ","


def check_width(path: str, encoding: str, separator: str, width: int | None) -> None:
    """Raise Ragged at the first line whose fields are not as many as the header's, when the header
    does not have the `width` columns DuckDB found (None: DuckDB could not read the file).

    Given lines of different widths (a value 12,500 written without quotes), DuckDB's sniffer reads
    the file as one column, or takes a later line for the header: the user would be told of
    columns that are not theirs. Here the first line wider or narrower than another is named."""
    import csv

    with open(path, encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=separator)
        try:
            header = next(reader, [])
            if len(header) == width:
                return
            for record in reader:
                if record and len(record) != len(header):
                    message = tr(
                        "line {line} has {count} fields; the header (line 1) has {width}",
                        line=reader.line_num,
                        count=len(record),
                        width=len(header),
                    )
                    raise Ragged(reader.line_num, message)
        except (csv.Error, UnicodeDecodeError):  # a line too long or a byte not UTF-8: told by the caller
            return


def _long_line(path: str) -> int | None:
    with open(path, "rb") as stream:
        for number, line in enumerate(stream, 1):
            if len(line) > LONGEST_LINE:
                return number
    return None


def _open_quote(path: str, encoding: str, separator: str) -> int | None:
    """The line where a quoted value starts that no quote closes (Python's reader takes the rest of
    the file into it), if any."""
    import csv

    with open(path, encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=separator, strict=True)
        start = 1
        try:
            for _ in reader:
                start = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError):
            return start
    return None


def _mixed_line_ends(path: str) -> bool:
    """Whether the file's lines end both in CRLF and in a bare LF (a scan of its bytes)."""
    lf = crlf = 0
    last = b""
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            lf += chunk.count(b"\n")
            crlf += chunk.count(b"\r\n") + (last == b"\r" and chunk.startswith(b"\n"))
            last = chunk[-1:]
    return 0 < crlf < lf


def _with_lf(path: str) -> str:
    """A copy of the file in the system's temporary folder with every CRLF made LF. Nothing is left
    there if the copy cannot be made whole (a full disk, Ctrl-C): Unreadable, naming the folder."""
    import tempfile

    copy = None
    try:
        handle, copy = tempfile.mkstemp(prefix="ghgcalc-", suffix=".csv")
        with open(path, "rb") as source, os.fdopen(handle, "wb") as target:
            carry = b""
            while chunk := source.read(1 << 20):
                chunk = carry + chunk
                carry = b"\r" if chunk.endswith(b"\r") else b""
                target.write((chunk[:-1] if carry else chunk).replace(b"\r\n", b"\n"))
            target.write(carry)
    except BaseException as exc:
        if copy is not None:
            with contextlib.suppress(OSError):
                os.unlink(copy)
        if not isinstance(exc, OSError):
            raise
        folder = tempfile.gettempdir()
        raise Unreadable(
            None,
            tr(
                "cannot copy the table into the temporary folder {folder} (its lines end in CRLF and in LF, "
                "and are read from a copy): {reason}",
                folder=folder,
                reason=exc.strerror or str(exc),
            ),
            tr(
                "free space there, or name a folder with room in TMPDIR (TMPDIR=/data/tmp ghgcalc ...); "
                "or save the table again with one kind of line end"
            ),
        ) from None
    return copy


def _empty_lines(path: str, encoding: str, separator: str) -> list[tuple[int, int]]:
    """Where a CSV has empty lines, which DuckDB skips: (the first record after some, how many
    empty lines come before it in all). A file without two line breaks in a row has none and is
    not read again (a fast scan of its bytes); one that has is read by Python's csv reader, which
    tells an empty line from a quoted value's line breaks."""
    import csv

    if encoding != "utf-16":
        import mmap

        with open(path, "rb") as raw, mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ) as data:
            end = len(data)
            while end and data[end - 1] in b"\r\n":  # the line breaks that end the file are no empty line
                end -= 1
            if data.find(b"\n\n", 0, end) < 0 and data.find(b"\n\r\n", 0, end) < 0:
                return []
    shifts: list[tuple[int, int]] = []
    with open(path, encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=separator)
        next(reader, None)  # the header
        record = empty = 0
        waiting = False
        for fields in reader:
            if not fields:
                empty, waiting = empty + 1, True
                continue
            record += 1
            if waiting:
                shifts.append((record, empty))
                waiting = False
    return shifts
