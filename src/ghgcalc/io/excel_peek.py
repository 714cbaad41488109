"""A workbook's own `language` (its Inventory sheet's `language` row), read before the run says a
word (cli/language.py), as a YAML inventory's `language:` is: from the sheet's XML alone, after the
zip's checks and within small limits, so that a hostile or huge workbook is never read for it."""

from __future__ import annotations

import re
import zipfile

from ghgcalc.io.excel_xml import _REL_TAG, _SHEET_TAG, _attributes, _unescape, check_zip

# The Inventory sheet is a few dozen rows; the shared strings of a workbook of 100,000 labelled lines
# run to a few MB, read only up to the one string needed.
_SHEET_LIMIT = 1 << 20
_STRINGS_LIMIT = 16 << 20
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.S)
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>(.*?)</(?:[\w.-]+:)?v>", re.S)
_TEXT = re.compile(rb"<(?:[\w.-]+:)?t(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?t>", re.S)
_REF = re.compile(r"([A-Z]+)(\d+)")
_SHARED_ITEM = re.compile(rb"<(?:[\w.-]+:)?si(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?si>", re.S)


def workbook_language(path: str, sheet_names: tuple[str, ...]) -> str | None:
    """`th` or `en` from the `language` row of the sheet named one of `sheet_names` (lower case),
    or None: no such row, or a workbook this does not read (too large, damaged, unusual)."""
    if check_zip(path) is not None:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_member(archive, sheet_names)
            if member is None or archive.getinfo(member).file_size > _SHEET_LIMIT:
                return None
            strings = _SharedStrings(archive)
            rows: dict[str, dict[str, tuple[str, bytes]]] = {}  # the A and B cells of each row
            for attributes, content in _CELL.findall(archive.read(member)):
                attrs = _attributes(attributes)
                found = _REF.fullmatch(attrs.get("r", ""))
                if found is not None and found.group(1) in ("A", "B"):
                    rows.setdefault(found.group(2), {})[found.group(1)] = (attrs.get("t", ""), content or b"")
            for row in rows.values():
                if "A" in row and "B" in row and (strings.text(*row["A"]) or "").strip().lower() == "language":
                    chosen = (strings.text(*row["B"]) or "").strip().lower()
                    return chosen if chosen in ("th", "en") else None
    except (KeyError, zipfile.BadZipFile, ValueError, EOFError, OSError):
        return None
    return None


def _sheet_member(archive: zipfile.ZipFile, names: tuple[str, ...]) -> str | None:
    targets = {}
    for raw in _REL_TAG.findall(archive.read("xl/_rels/workbook.xml.rels")):
        attrs = _attributes(raw)
        target = attrs.get("Target", "")
        targets[attrs.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    for raw in _SHEET_TAG.findall(archive.read("xl/workbook.xml")):
        attrs = _attributes(raw)
        if attrs.get("name", "").strip().lower() in names:
            return targets.get(attrs.get("id", ""))
    return None


class _SharedStrings:
    """The workbook's shared strings, read on the first cell that needs one (within _STRINGS_LIMIT)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._items: list[bytes] | None = None

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
            items = self._shared()
            index = int(value.group(1))
            return _decoded(b"".join(_TEXT.findall(items[index]))) if index < len(items) else None
        return None

    def _shared(self) -> list[bytes]:
        if self._items is None:
            info = self._archive.getinfo("xl/sharedStrings.xml")
            data = self._archive.read(info) if info.file_size <= _STRINGS_LIMIT else b""
            self._items = [item.group(1) for item in _SHARED_ITEM.finditer(data)]
        return self._items


def _decoded(raw: bytes) -> str:
    return _unescape(raw.decode("utf-8", "replace"))
