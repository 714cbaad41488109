"""Where a value of an inventory document is: the one interface of the YAML and Excel readers."""

from __future__ import annotations

from typing import Protocol

from ghgcalc.errors import Location, Path


class Locator(Protocol):
    """Maps paths into a document (("activities", 3, "unit")) to places in its file."""

    source: str

    def locate(self, path: Path, at_key: bool = False) -> Location:
        """The place of `path`, or of its nearest ancestor that has one."""
        ...

    def resolve(self, loc: tuple[object, ...]) -> Path:
        """A validation error's loc as a document path, dropping the parts that are not in it."""
        ...
