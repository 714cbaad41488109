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

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, TypeVar

from ghgcalc.errors import UsageError, printable
from ghgcalc.i18n import N_, tr
from ghgcalc.io import files
from ghgcalc.records import Record, frozen

STDOUT = "-"

Format = TypeVar("Format", bound=StrEnum)
# other spellings of a format's extension
_EXTENSIONS = {"htm": "html", "markdown": "md", "ndjson": "jsonl"}
# names a JSON result may have without --format: JSON is text (and YAML)
_TEXT_EXTENSIONS = frozenset({"", "txt", "text", "out", "log", "yaml", "yml"})


# every extension of a format some command of ghgcalc writes, and the format it names; and those
# of formats people open that it never writes (a workbook written under .xlsm or .xls is refused by
# Excel, or opened with a warning, as its content is not what its name says)
_NAMED = {
    **{name: name for name in ("json", "jsonl", "csv", "xlsx", "md", "html", "parquet")},
    **_EXTENSIONS,
    "yaml": "yaml",
    "yml": "yaml",
    "xlsm": "xlsm",
    "xls": "xls",
    "ods": "ods",
    "pdf": "pdf",
    "docx": "docx",
}
# what a file of each format is, for a person
_WHAT = {
    "table": N_("a text table"),
    "json": N_("a JSON file"),
    "jsonl": N_("a JSON lines file"),
    "csv": N_("a CSV file"),
    "xlsx": N_("an Excel workbook"),
    "md": N_("a Markdown file"),
    "html": N_("a web page (HTML)"),
    "parquet": N_("a Parquet file"),
    "yaml": N_("a YAML file"),
    "xlsm": N_("an Excel macro-enabled workbook"),
    "xls": N_("an Excel 97-2003 workbook"),
    "ods": N_("an OpenDocument spreadsheet"),
    "pdf": N_("a PDF document"),
    "docx": N_("a Word document"),
}


def _named(path: str) -> str | None:
    """The format a file's extension names (_NAMED), None for a name of no format people know."""
    return _NAMED.get(os.path.splitext(path)[1].lower().lstrip("."))


def chosen_format(given: Format | None, path: str | None, formats: type[Format]) -> Format:
    """The format of a command's result: output_format's, else a table on a terminal and JSON
    otherwise (a pipe, `-o -`, a file of no format's name)."""
    return output_format(given, path, formats) or formats["table" if sys.stdout.isatty() and path is None else "json"]


def output_format(given: Format | None, path: str | None, formats: type[Format]) -> Format | None:
    """The format `-f`/`--format` and `-o path` give, the one rule of every command that takes
    both (docs/cli.md, "Writing to a file"): --format as given, unless the name of `-o` is of
    another format ghgcalc writes (`-f json -o r.xlsx`: a usage error, before any work; JSON in a
    .yaml file is YAML, and a name of no format, `-o result`, `-o r.txt`, takes the format given);
    without --format, the format the extension names (format_of), None for none."""
    if given is None:
        return format_of(path, formats)
    if path is None or path == STDOUT:
        return given
    named = _named(path)
    if named is not None and named != given.value and not (named == "yaml" and given.value == "json"):
        refuse_mismatch(given.value, path, named, named in formats.__members__)
    return given


class DiagnosticFormat(StrEnum):
    """What --diagnostics FILE writes, by the file's name (docs/diagnostics.md)."""

    jsonl = "jsonl"
    json = "json"
    csv = "csv"


def diagnostics_format(path: str) -> DiagnosticFormat:
    """JSON lines, or the JSON array or the CSV the name of `path` asks for (`problems.csv`, for a
    spreadsheet); a name of another format ghgcalc writes (`problems.xlsx`) is a usage error."""
    named = _named(path)
    if named is None:
        return DiagnosticFormat.jsonl
    if named not in DiagnosticFormat.__members__:
        raise UsageError(
            tr(
                "--diagnostics writes JSON lines, JSON or CSV, but {path} is named as {other}: nothing was written",
                path=printable(path),
                other=tr(_WHAT[named]),
            ),
            tr("name the file .jsonl, .json or .csv, e.g. {path}", path=printable(os.path.splitext(path)[0] + ".csv")),
        )
    return DiagnosticFormat(named)


def refuse_mismatch(given: str, path: str, named: str, writable: bool, option: str = "--format") -> None:
    """The usage error of a format given (`option`, --format or import's --to) that the output
    file's name contradicts: both named, and the two ways out (the format the name says, when the
    command writes it, or a name of the format given)."""
    what, other = tr(_WHAT[given]), tr(_WHAT[named])
    fixed = printable(os.path.splitext(path)[0] + "." + ("txt" if given == "table" else given))
    short = "-f" if option == "--format" else option
    message = tr(
        "{option} {format} writes {what}, but {path} is named as {other}: nothing was written",
        option=option,
        format=given,
        what=what,
        path=printable(path),
        other=other,
    )
    if writable:
        raise UsageError(
            message,
            tr(
                "for {other} write {option} {named}; for {what} write -o {fixed}",
                other=other,
                option=short,
                named=named,
                what=what,
                fixed=fixed,
            ),
        )
    raise UsageError(message, tr("write -o {fixed}", fixed=fixed))


def format_of(path: str | None, formats: type[Format]) -> Format | None:
    """The format an output file's extension names (`-o report.xlsx`: xlsx), when the command
    writes it: the format of a run without --format, which never writes JSON into a file named
    .xlsx or .csv. None for standard output, or a name of text (`result.txt`, no extension): JSON
    then, as for standard output that is not a terminal. Any other extension (`.pdf`, `.xls`,
    `.xlsm`) is a usage error: the file would not be what its name says."""
    if path is None or path == STDOUT:
        return None
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    extension = _EXTENSIONS.get(extension, extension)
    if extension != "table" and extension in formats.__members__:
        return formats[extension]
    if extension in _TEXT_EXTENSIONS:
        return None
    written = [name for name in formats.__members__ if name != "table"]
    names = {"first": ", .".join(written[:-1]), "rest": written[-1]}
    raise UsageError(
        tr("{path}: ghgcalc does not write .{extension} files", path=printable(path), extension=extension),
        # a name of a format people know (.xlsm, .pdf) takes no other format: --format is no way out
        tr("name the file .{first} or .{rest}", **names)
        if extension in _NAMED
        else tr("name the file .{first} or .{rest}, or give the format with --format", **names),
    )


class OutputError(UsageError):
    """The result could not be written (exit 2): nothing was written."""


@frozen
class Target(Record):
    """A checked place to write one result: standard output, or `path` (a link's target)."""

    shown: str | None  # as the user wrote it; None for standard output
    path: str | None  # the file written: `shown`, or the file a link points to
    replace: bool  # the file exists and --force was given

    def refuse_reads(self, read: Iterable[str]) -> None:
        """Raise UsageError if this target is one of `read`, the files the run read."""
        if self.path is not None:
            _refuse_inputs(self.shown or self.path, self.path, read)

    def write(self, data: files.Data, read: Iterable[str] = (), announce: bool = True) -> None:
        """Write the result (a text or bytes, or a text in parts, written as they are made); `read`
        are the files the run read, which are never replaced. A file written is named on standard
        error (`announce`), with a workbook's sheets."""
        if self.path is None:
            write_stdout(data)
            return
        self.refuse_reads(read)
        with _writing(self):
            if self.replace:
                files.write_atomic(self.path, data)
            else:
                files.write_new(self.path, data)
        if announce:
            say_written(self.shown or self.path, data if isinstance(data, bytes) else None)


def write_file(target: Target, produce: Any, read: Iterable[str] = ()) -> None:
    """Write a file that `produce(path)` streams itself (the lines of an activity table), into
    place only when whole, with -o's checks; standard output cannot take it."""
    if target.path is None:
        raise UsageError(tr("this output is a binary file: give it a file"), tr("add -o lines.parquet"))
    target.refuse_reads(read)
    with _writing(target):
        files.write_by(target.path, produce, target.replace)
    say_written(target.shown or target.path)


@contextlib.contextmanager
def _writing(target: Target) -> Iterator[None]:
    """A file appearing meanwhile, or one that cannot be written, as OutputError (exit 2)."""
    try:
        yield
    except files.FileExists:
        raise OutputError(
            tr("{path} already exists (it was created while this run was computing)", path=target.shown),
            tr("add --force to replace it, or choose another path with -o; nothing was written"),
        ) from None
    except OSError as exc:
        raise OutputError(
            tr("cannot write {path}: {reason}", path=target.shown, reason=exc.strerror or exc),
            _write_hint(exc.errno),
        ) from None


def _write_hint(number: int | None) -> str:
    """What to do about a file that could not be written, by what the system said."""
    import errno

    if number in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return tr("nothing was written; free space on the disk, or write to another disk with -o")
    if number == errno.ENAMETOOLONG:
        return tr("nothing was written; choose a shorter file name with -o")
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("nothing was written; choose a folder you may write to with -o")
    return tr("nothing was written; choose another path with -o")


SHEETS_NAMED = 12  # the first sheets a `wrote` line names


def say_written(shown: str, data: str | bytes | None = None) -> None:
    """`wrote FILE` on standard error; for a workbook, its sheets: `wrote r.xlsx (3 sheets: ...)`."""
    names = sheet_names(data) if isinstance(data, bytes) else []
    if names:
        listed = ", ".join(names[:SHEETS_NAMED])
        if len(names) > SHEETS_NAMED:  # a workbook of several inventories' forms: a line, not a page
            listed = tr("{sheets} and {count} more", sheets=listed, count=format(len(names) - SHEETS_NAMED, ","))
        line = tr("wrote {path} ({count} sheet(s): {sheets})", path=shown, count=format(len(names), ","), sheets=listed)
    else:
        line = tr("wrote {path}", path=shown)
    print(printable(line), file=sys.stderr)


def sheet_names(data: bytes) -> list[str]:
    """The sheet names of an .xlsx workbook's bytes, in order (its xl/workbook.xml); [] for any
    other bytes. Our own bytes, just written: no need for openpyxl."""
    import io
    import zipfile
    from xml.etree import ElementTree

    if not data.startswith(b"PK"):
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            root = ElementTree.fromstring(book.read("xl/workbook.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return []
    return [sheet.get("name", "") for sheet in root.iter() if sheet.tag.rsplit("}", 1)[-1] == "sheet"]


def check_target(out: str | None, inputs: Iterable[str], force: bool, named: str = "with -o") -> Target:
    """Check `out` before any work; raises UsageError for anything it must not replace. `named` says
    how the user names the file, for the hints: "with -o", or "" for a command's own argument."""
    if out is None or out == STDOUT:
        return Target(None, None, False)
    with_o = named == "with -o"
    if not out.strip():  # `-o ""`, `-o "$UNSET"` in a script: refused before any work
        raise UsageError(
            tr("the output file's name is empty"),
            tr("give the name of a file with -o, e.g. -o result.csv") if with_o else tr("give the name of a file"),
        )
    path = out
    if os.path.islink(out):
        path = os.path.realpath(out)
        if not os.path.lexists(path):
            raise UsageError(
                tr("{path} is a link to {target}, which does not exist", path=out, target=path),
                tr("give the path of a real file, or remove the link"),
            )
    if os.path.lexists(path):
        if os.path.isdir(path):
            raise UsageError(
                tr("{path} is a folder", path=out),
                tr("give the path of a file with -o") if with_o else tr("give the path of a file"),
            )
        if not files.is_regular(path):
            raise UsageError(
                tr(
                    "{path} is {kind}, not a regular file; ghgcalc writes its results only to regular files",
                    path=out,
                    kind=tr(files.kind_of(path)),
                ),
                tr("choose the path of a regular file with -o, or leave -o out to write to standard output")
                if with_o
                else tr("choose the path of a regular file"),
            )
        _refuse_inputs(out, path, (i for i in inputs if i != STDOUT))
        if not force:
            raise UsageError(
                tr("{path} already exists", path=out),
                tr("add --force to replace it, or choose another path with -o")
                if with_o
                else tr("add --force to replace it, or choose another path"),
            )
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise UsageError(
            tr("{folder}: no such folder for the output file", folder=folder),
            tr("create the folder first, or choose another path with -o")
            if with_o
            else tr("create the folder first, or choose another path"),
        )
    _probe(folder, out)
    return Target(out, path, os.path.lexists(path))


def _refuse_inputs(shown: str, path: str, read: Iterable[str]) -> None:
    real = os.path.realpath(path)
    for name in _same_file_maybe(real, read):
        if os.path.realpath(name) == real:
            raise UsageError(
                tr(
                    "{path} is read by this run ({name}); ghgcalc never writes over what it reads",
                    path=shown,
                    name=name,
                ),
                tr("write the output to another file"),
            )


def _same_file_maybe(real: str, read: Iterable[str]) -> Iterator[str]:
    """The names among `read` that may resolve to `real`: a file with another device and inode
    cannot, nor can one that exists when `real` does not (a stat is a fraction of a realpath, and
    a programme's batch reads thousands of files); a name that cannot be looked at may."""
    target: tuple[int, int] | None = None
    try:
        status = os.stat(real)
        target = (status.st_dev, status.st_ino)
    except FileNotFoundError:
        pass
    except OSError:
        yield from read  # (it may exist: realpath decides)
        return
    for name in read:
        try:
            other = os.stat(name)
        except OSError:
            yield name
            continue
        if (other.st_dev, other.st_ino) == target:
            yield name


def _probe(folder: str, out: str) -> None:
    """Create and remove a file in `folder`: an unwritable output is found before any work."""
    import tempfile

    try:
        handle, name = tempfile.mkstemp(prefix=".ghgcalc-probe.", dir=folder)
    except OSError as exc:
        raise UsageError(
            tr("cannot write {path}: {reason} in {folder}", path=out, reason=exc.strerror or exc, folder=folder),
            tr("choose a folder you can write to"),
        ) from None
    os.close(handle)
    os.unlink(name)


def write_stdout(data: files.Data) -> None:
    """Write to standard output; a closed pipe, a closed or full output is OutputError (exit 2)."""
    stream = sys.stdout
    try:
        if stream is None:
            raise ValueError("closed")
        descriptor = _descriptor(stream)
        if descriptor is not None:
            stream.flush()
            pending: list[bytes] = []  # a batch gives its text in many small parts: written 1 MB at a time
            size = 0
            for part in (data,) if isinstance(data, str | bytes) else data:
                pending.append(part if isinstance(part, bytes) else part.encode("utf-8"))
                size += len(pending[-1])
                if size >= _WRITE_SIZE:
                    _write_all(descriptor, b"".join(pending))
                    pending, size = [], 0
            _write_all(descriptor, b"".join(pending))
        elif isinstance(data, bytes):
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
        else:
            for part in (data,) if isinstance(data, str) else data:
                if isinstance(part, bytes) and hasattr(stream, "buffer"):  # UTF-8 already (a batch's spooled rows)
                    stream.flush()
                    stream.buffer.write(part)
                elif isinstance(part, bytes):  # a text stream of its own (a caller's StringIO)
                    stream.write(part.decode("utf-8"))
                else:
                    stream.write(part)
            stream.flush()
    except (OSError, ValueError) as exc:  # a closed pipe (`| head`), a closed or full standard output
        silence_stdout()
        reason = getattr(exc, "strerror", None) or tr("it is closed")
        raise OutputError(
            tr("cannot write the result to standard output: {reason}", reason=reason),
            tr("the result was not written in full; to keep it whole, write it to a file (-o FILE, or > FILE)"),
        ) from None


def _descriptor(stream: Any) -> int | None:
    """The file descriptor to write a result to with os.write (POSIX, a real standard output), or
    None: Python's buffered write drops the rest of a large write in silence when the reader of a
    pipe goes away in the middle of it (`| head`): the write returns short, SIGPIPE is ignored, and
    no error is raised; os.write in a loop meets the closed pipe (EPIPE) on its next call. Windows
    keeps the text stream, which writes its line ends."""
    if os.name != "posix":
        return None
    try:
        return int(stream.fileno())
    except (OSError, ValueError, AttributeError):  # a stream of its own (tests, a caller's StringIO)
        return None


_WRITE_SIZE = 1 << 20


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


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
