"""A batch's output held on disk, not in memory, until it can be written.

A batch's CSV needs every entry before its first line (the header names the gases of all lines),
so thousands of results would otherwise all be held at once. What the output needs of each entry
(its CSV cells, or its JSON line) is written here as it comes and the result dropped; the output
is then made by reading them back one at a time, so a run's memory stays the same however many
inputs it has.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Iterator
from typing import IO, Any


class Spool:
    """Plain objects (text, numbers, lists, small records) written to a temporary file as they
    come, and read back in the same order."""

    def __init__(self) -> None:
        import tempfile  # only a batch that writes a spool needs it

        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - the spool outlives this call; close() ends it
        # each item's length: read back by its length and unpickled from the bytes (pickle.load
        # from the file costs several reads and calls per item); 8 bytes an item
        self._sizes = array("q")

    @property
    def count(self) -> int:
        return len(self._sizes)

    def add(self, item: object) -> None:
        self.add_pickled(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))

    def add_pickled(self, data: bytes) -> None:
        """An item already pickled (by a worker, where it was made): one pickle.dumps's bytes."""
        self._file.write(data)
        self._sizes.append(len(data))

    def __iter__(self) -> Iterator[Any]:
        file = self._file
        file.flush()
        file.seek(0)
        loads, read = pickle.loads, file.read
        block = b""
        at = 0
        for size in self._sizes:
            if at + size > len(block):  # the next items read at once, a block of at least 1 MB
                block = block[at:] + read(max(size, 1 << 20))
                at = 0
            yield loads(block[at : at + size])
            at += size

    def close(self) -> None:
        self._file.close()
