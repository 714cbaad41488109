"""A batch's output held on disk, not in memory, until it can be written.

A batch's CSV needs every entry before its first line (the header names the gases of all lines),
so thousands of results would otherwise all be held at once. What the output needs of each entry
(its CSV cells, or its JSON line) is written here as it comes and the result dropped; the output
is then made by reading them back one at a time, so a run's memory stays the same however many
inputs it has.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import IO, Any


class Spool:
    """Plain objects (text, numbers, lists, small records) written to a temporary file as they
    come, and read back in the same order."""

    def __init__(self) -> None:
        import tempfile  # only a batch that writes a spool needs it

        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - the spool outlives this call; close() ends it
        self.count = 0

    def add(self, item: object) -> None:
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def add_pickled(self, data: bytes) -> None:
        """An item already pickled (by a worker, where it was made): one pickle.dumps's bytes."""
        self._file.write(data)
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()
