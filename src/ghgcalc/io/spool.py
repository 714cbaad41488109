"""A batch's output held on disk, not in memory, until it can be written.

A batch's CSV needs every entry before its first line (the header names the gases of all lines),
so thousands of results would otherwise all be held at once. What the output needs of each entry
is written to disk where the entry is computed, by that process (a worker, or the main process):
the text of its rows or its JSON line, and its CSV record for a batch whose columns turn out to
differ from those the text was made for. Only where it lies travels back to the main process,
which writes the output at the end by copying the texts in input order, a run of neighbouring
entries at a time. A run's memory stays the same however many inputs it has (a few numbers an
entry), and no entry's bytes travel between processes or are read twice.

Each process writes two files of its own (texts, records) in the run's private folder. It keeps
what it puts in a buffer of its own, written when it holds a megabyte and whenever the process
`flush`es: a worker flushes before it sends back the outcomes whose places it holds (a pool's
workers are stopped by a signal at the end, which would lose a buffer), and the main process before
it reads. Two system calls a small inventory were a fiftieth of a batch's time.
The main process opens a process's files when it first hears of them and removes their names at
once: a run that is killed leaves its folder behind with at most the files of a worker whose first
entries had not come back yet (the system's cleaning of its temporary folder removes them).
"""

from __future__ import annotations

import contextlib
import os
from array import array
from collections.abc import Callable, Iterator

# Where an entry lies: (process id, text offset, text length or -1 for none, record offset, record length)
Place = tuple[int, int, int, int, int]

_BLOCK = 1 << 20  # a long run of texts is read and passed on 1 MB at a time

_BUFFERED = 1 << 20  # what a process keeps before it writes it without being asked


class _Writer:
    """A process's two files in a folder, each with what is put but not yet written, and where each
    ends (what is written and what waits)."""

    __slots__ = ("ends", "records", "texts", "waiting")

    def __init__(self, texts: int, records: int) -> None:
        self.texts, self.records = texts, records
        self.ends = [0, 0]
        self.waiting = (bytearray(), bytearray())


# This process's open files by folder; a forked worker has its parent's entries too, under the
# parent's process id (never written by it), and opens its own.
_writers: dict[tuple[str, int], _Writer] = {}


class SpoolFull(OSError):
    """The spool's folder took no more (a full disk, a quota, a file size limit): an OSError whose
    filename is the folder, made in whichever process wrote, and sent on from a worker as it is."""


def put(folder: str, text: bytes | None, record: bytes) -> Place:
    """Write an entry's text (None: it has none) and record to this process's files in `folder`;
    SpoolFull if they cannot be written."""
    try:
        return _put(folder, text, record)
    except OSError as exc:
        raise SpoolFull(exc.errno, exc.strerror or str(exc), folder) from None


def _put(folder: str, text: bytes | None, record: bytes) -> Place:
    key = (folder, os.getpid())
    writer = _writers.get(key)
    if writer is None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        texts = os.open(os.path.join(folder, f"{key[1]}.text"), flags, 0o600)
        records = os.open(os.path.join(folder, f"{key[1]}.records"), flags, 0o600)
        writer = _writers[key] = _Writer(texts, records)
    ends, (waiting_texts, waiting_records) = writer.ends, writer.waiting
    text_at, record_at = ends
    if text is not None:
        waiting_texts += text
        ends[0] += len(text)
    waiting_records += record
    ends[1] += len(record)
    if len(waiting_texts) + len(waiting_records) >= _BUFFERED:
        _write_waiting(writer)
    return (key[1], text_at, -1 if text is None else len(text), record_at, len(record))


def flush(folder: str | None = None) -> None:
    """Write what this process has put (in `folder`, or in any) and not yet written; SpoolFull if
    it cannot be."""
    process = os.getpid()
    for (where, owner), writer in _writers.items():
        if owner == process and folder in (None, where):
            try:
                _write_waiting(writer)
            except OSError as exc:
                raise SpoolFull(exc.errno, exc.strerror or str(exc), where) from None


def _write_waiting(writer: _Writer) -> None:
    for handle, waiting in zip((writer.texts, writer.records), writer.waiting, strict=True):
        if waiting:
            _write_all(handle, waiting)
            waiting.clear()


def _write_all(handle: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


class Spool:
    """The entries of a batch, in input order, each where a process `put` it in `folder`; `tag` is
    the caller's small number for an entry's kind (the gas columns its text was made for)."""

    def __init__(self) -> None:
        import tempfile  # only a batch that writes a spool needs it

        self.folder = tempfile.mkdtemp(prefix="ghgcalc-")  # the user's alone (0700)
        self._processes: dict[int, int] = {}  # process id -> index into _files
        self._files: list[tuple[int, int]] = []  # (texts, records), open for reading
        self._entries = array("q")  # six numbers an entry: process index, tag, and its Place's four

    @property
    def count(self) -> int:
        return len(self._entries) // 6

    def add(self, place: Place, tag: int) -> None:
        process, text_at, text_size, record_at, record_size = place
        index = self._processes.get(process)
        if index is None:
            index = self._processes[process] = self._opened(process)
        self._entries.extend((index, tag, text_at, text_size, record_at, record_size))

    def _opened(self, process: int) -> int:
        names = [os.path.join(self.folder, f"{process}.{kind}") for kind in ("text", "records")]
        handles = [os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0)) for name in names]
        self._files.append((handles[0], handles[1]))
        for name in names:  # the files live on while open; a killed run leaves none behind
            with contextlib.suppress(OSError):  # Windows keeps an open file's name (close removes it)
                os.unlink(name)
        return len(self._files) - 1

    def flush(self) -> None:
        """Write what this process has put here and not yet written (SpoolFull if it cannot be)."""
        flush(self.folder)

    def read(self, copied: Callable[[int], bool]) -> Iterator[tuple[bytes | None, bytes | None]]:
        """The entries in order: (text, None) for entries with a text whose tag is `copied` (those
        of neighbouring entries in one piece, up to a megabyte), (None, record) for the others."""
        self.flush()
        entries = self._entries
        run_file, run_start, run_end = -1, 0, 0
        for at in range(0, len(entries), 6):
            index, tag, text_at, text_size, record_at, record_size = entries[at : at + 6]
            if text_size >= 0 and copied(tag):
                if index == run_file and text_at == run_end:
                    run_end += text_size
                    continue
                yield from self._texts(run_file, run_start, run_end)
                run_file, run_start, run_end = index, text_at, text_at + text_size
                continue
            yield from self._texts(run_file, run_start, run_end)
            run_file = -1
            yield None, _read(self._files[index][1], record_at, record_size)
        yield from self._texts(run_file, run_start, run_end)

    def _texts(self, index: int, start: int, end: int) -> Iterator[tuple[bytes, None]]:
        if index < 0:
            return
        handle = self._files[index][0]
        while start < end:
            size = min(_BLOCK, end - start)
            yield _read(handle, start, size), None
            start += size

    def close(self) -> None:
        for texts, records in self._files:
            os.close(texts)
            os.close(records)
        self._files.clear()
        for key in [key for key in _writers if key[0] == self.folder]:  # this process's own files
            writer = _writers.pop(key)
            os.close(writer.texts)
            os.close(writer.records)
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


def _read(handle: int, at: int, size: int) -> bytes:
    """`size` bytes at `at` of a file written whole before it is read."""
    os.lseek(handle, at, os.SEEK_SET)
    data = os.read(handle, size)
    while len(data) < size:  # a short read: a signal, or a file system that gives less at a time
        more = os.read(handle, size - len(data))
        if not more:
            raise OSError(f"the batch's spool ends early at byte {at + len(data)}")
        data += more
    return data
