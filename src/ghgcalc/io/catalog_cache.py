"""The catalogs of Thai texts, parsed once and kept for the runs after it (io/kept.py says where).

A Thai run reads every text of the catalog, some 2,400 of them in 20 PO files, before its first
message: parsing them was about 15 ms of a small inventory's run, against 2 ms to read them kept.
A kept catalog is used only when its key matches: the digest of the PO files' names and bytes, of
the parser's code (i18n.py) and of the Python and ghgcalc versions. An edited PO file is parsed
again at the next run, whatever its date says.
"""

from __future__ import annotations

_FORMAT = b"1"  # bump when the kept form changes in a way the key cannot see


class Keeper:
    """i18n's CatalogKeeper, keeping each language's catalog in the file catalog-<language>.pickle."""

    def __init__(self) -> None:
        self._keys: dict[str, str | None] = {}  # by language: the key of the files of this run

    def load(self, language: str, files: list[tuple[str, bytes]]) -> dict[str, str] | None:
        from ghgcalc.io import kept

        if kept.folder() is None:
            return None
        found = kept.read(_name(language))
        if not isinstance(found, tuple) or len(found) != 2:
            return None
        kept_key, catalog = found
        wanted = self._key(language, files)
        return catalog if wanted is not None and kept_key == wanted and isinstance(catalog, dict) else None

    def store(self, language: str, files: list[tuple[str, bytes]], catalog: dict[str, str]) -> None:
        from ghgcalc.io import kept

        wanted = self._key(language, files) if kept.folder() is not None else None
        if wanted is not None:
            kept.write(_name(language), (wanted, catalog))

    def _key(self, language: str, files: list[tuple[str, bytes]]) -> str | None:
        if language not in self._keys:
            self._keys[language] = _key(files)
        return self._keys[language]


def _name(language: str) -> str:
    return f"catalog-{language}.pickle"


def _key(files: list[tuple[str, bytes]]) -> str | None:
    """The key of a catalog parsed from `files`; None when the parser's code cannot be read to key it."""
    import hashlib
    import sys
    from pathlib import Path

    from ghgcalc import __version__, i18n

    digest = hashlib.sha256(_FORMAT + sys.version.encode() + __version__.encode())
    try:
        digest.update(Path(i18n.__file__ or "").read_bytes())
    except OSError:
        return None
    for name, data in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()
