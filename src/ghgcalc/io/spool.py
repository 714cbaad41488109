"""A batch's entries held on disk, not in memory, until its output can be written.

A batch's CSV needs every entry before its first line (the header names the gases of all lines),
so thousands of results would otherwise all be held at once. Each entry is written here as it
comes and dropped; the output is then made by reading them back one at a time, so a run's memory
stays the same however many inputs it has. The factor sets, shared by every result (and most of
its size), are kept once in memory and the written results name them.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any

from ghgcalc.models.factor import FactorSet
from ghgcalc.models.result import InventoryResult

SetKey = tuple[str, str, str]


class Spool:
    """A batch's entries (results, or records of failed inputs) written to a temporary file as
    they come, and read back in the same order."""

    def __init__(self) -> None:
        import tempfile  # only a batch that writes a spool needs it

        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - the spool outlives this call; close() ends it
        self._sets: dict[SetKey, FactorSet] = {}
        self.count = 0

    def add(self, entry: object) -> None:
        if isinstance(entry, InventoryResult) and entry.factor_sets:
            keys = []
            for factor_set in entry.factor_sets:
                key = (factor_set.id, factor_set.version, factor_set.sha256)
                self._sets.setdefault(key, factor_set)
                keys.append(key)
            entry = replace(entry, factor_sets=tuple(keys))  # type: ignore[arg-type]  # restored in __iter__
        pickle.dump(entry, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self.count):
            entry = pickle.load(self._file)
            if isinstance(entry, InventoryResult) and entry.factor_sets:
                entry = replace(entry, factor_sets=tuple(self._sets[key] for key in entry.factor_sets))  # type: ignore[index]
            yield entry

    def close(self) -> None:
        self._file.close()
