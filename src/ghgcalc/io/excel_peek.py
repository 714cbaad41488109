"""A workbook's own `language` (its Inventory sheet's `language` row), read before the run says a
word (cli/language.py), as a YAML inventory's `language:` is: from the sheet's XML alone, after the
zip's checks and within small limits, so that a hostile or huge workbook is never read for it."""

from __future__ import annotations

import itertools
import re
import zipfile

from ghgcalc.io.excel_xml import _attributes, _unescape, check_zip, workbook_parts

# The Inventory sheet is a few dozen rows; the shared strings of a workbook of 100,000 labelled lines
# run to a few MB, read only up to the one string needed.
_SHEET_LIMIT = 1 << 20
_STRINGS_LIMIT = 16 << 20
_CELLS_LOOKED_AT = 10_000  # the Inventory sheet's A and B cells come long before
_PIECE = 4096  # a cell's or a shared string's XML looked at, at most: "th" is short
# Every pattern is bounded (no `.*?` across a hostile file): a tag's attributes to _PIECE bytes, a
# cell's content to the next cell's start, so that a sheet of unclosed tags costs one pass.
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\s([^<>]{0,4096})>")
_SHARED_ITEM = re.compile(rb"<(?:[\w.-]+:)?si[\s>/]")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)<")
_TEXT = re.compile(rb"<(?:[\w.-]+:)?t(?:\s[^<>]{0,256})?>([^<]*)<")
_REF = re.compile(r"([A-Z]+)(\d+)")


def workbook_language(path: str, sheet_names: tuple[str, ...]) -> str | None:
    """`th` or `en` from the `language` row of the sheet named one of `sheet_names` (lower case),
    or None: no such row, or a workbook this does not read (too large, damaged, unusual)."""
    if check_zip(path) is not None:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            named, shared = workbook_parts(archive)
            member = next((m for m, name in named.items() if name.strip().lower() in sheet_names), None)
            if member is None or archive.getinfo(member).file_size > _SHEET_LIMIT:
                return None
            strings = _SharedStrings(archive, shared)
            data = archive.read(member)
            rows: dict[str, dict[str, tuple[str, bytes]]] = {}  # the A and B cells of each row
            starts = list(itertools.islice(_CELL.finditer(data), _CELLS_LOOKED_AT))
            for number, cell in enumerate(starts):
                attrs = _attributes(cell.group(1))
                found = _REF.fullmatch(attrs.get("r", ""))
                if found is None or found.group(1) not in ("A", "B") or cell.group(1).endswith(b"/"):
                    continue
                end = starts[number + 1].start() if number + 1 < len(starts) else len(data)
                content = data[cell.end() : min(end, cell.end() + _PIECE)]  # up to the next cell
                rows.setdefault(found.group(2), {})[found.group(1)] = (attrs.get("t", ""), content)
            for row in rows.values():
                if "A" in row and "B" in row and (strings.text(*row["A"]) or "").strip().lower() == "language":
                    chosen = (strings.text(*row["B"]) or "").strip().lower()
                    return chosen if chosen in ("th", "en") else None
    except (KeyError, zipfile.BadZipFile, ValueError, EOFError, OSError):
        return None
    return None


class _SharedStrings:
    """The workbook's shared strings, read on the first cell that needs one (within _STRINGS_LIMIT)."""

    def __init__(self, archive: zipfile.ZipFile, member: str | None) -> None:
        self._archive = archive
        self._member = member
        self._data: bytes | None = None

    def text(self, kind: str, content: bytes) -> str | None:
        """A cell's text: inline, a formula's text result or a shared string; None for a number."""
        if kind == "inlineStr":
            return _decoded(b"".join(_TEXT.findall(content)))
        value = _VALUE.search(content)
        if value is None:
            return None
        if kind == "str":
            return _decoded(value.group(1))
        if kind == "s" and value.group(1).strip().isdigit():
            return self._shared(int(value.group(1)))
        return None

    def _shared(self, index: int) -> str | None:
        """The shared string at `index`: its <si> from its start to the next one's, <t> by <t>."""
        if self._data is None:
            info = self._archive.getinfo(self._member) if self._member else None
            self._data = self._archive.read(info) if info is not None and info.file_size <= _STRINGS_LIMIT else b""
        items = itertools.islice(_SHARED_ITEM.finditer(self._data), index, index + 2)
        found = [item.start() for item in items]
        if not found:
            return None
        end = found[1] if len(found) > 1 else len(self._data)
        return _decoded(b"".join(_TEXT.findall(self._data[found[0] : min(end, found[0] + _PIECE)])))


def _decoded(raw: bytes) -> str:
    return _unescape(raw.decode("utf-8", "replace"))
