"""Which cells of a sheet show their number as a percentage, read from the workbook's XML.

python-calamine gives a cell typed `5%` as the number 0.05 and says nothing of its format, so a
column of percentages (the uncertainty columns) cannot be read from the values alone. A cell's
format is its style (`s="3"` on `<c>`, the fourth `<xf>` of `cellXfs` in the styles part), whose
`numFmtId` is either built in or a `<numFmt>` of the styles part with its format code.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator

from ghgcalc.io.excel_xml import column_letter

# Built-in percentage formats, whose code the file does not carry: 9 "0%" and 10 "0.00%" in every
# language, 67 "t0%" and 68 "t0.00%" in the Thai list (ECMA-376 Part 1, §18.8.30 numFmt).
BUILT_IN_PERCENT = frozenset({9, 10, 67, 68})

_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REL = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)>")
_NUM_FMT = re.compile(rb"<(?:[\w.-]+:)?numFmt\s([^>]*)>")
_CELL_XFS = re.compile(rb"<(?:[\w.-]+:)?cellXfs\b[^>]*>(.*?)</(?:[\w.-]+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:[\w.-]+:)?xf\b([^>]*)>")
_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*)>")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c\s([^<>]*)>")
# a cell's reference and style among its attributes (r="H7", s="3"), whatever their order
_REF = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})["']""")
_STYLE = re.compile(rb"""(?:^|\s)s\s*=\s*["'](\d{1,9})["']""")
# What a format code shows literally, which never scales the number: "text", \x, _x (a space as
# wide as x), *x (x repeated) and [...] (a colour, a condition, a locale)
_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def _attributes(raw: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, double, single in _ATTR.findall(raw):
        local = name.decode("utf-8", "replace").rpartition(":")[2]
        found.setdefault(local, html.unescape((double or single).decode("utf-8", "replace")))
    return found


def is_percent_code(code: str) -> bool:
    """Whether a number format code multiplies the number by 100: an unquoted % in it."""
    return "%" in _LITERAL.sub("", code)


def percent_styles(archive: zipfile.ZipFile) -> set[int] | None:
    """The style indexes (`s` of a cell) whose number format is a percentage; None when the
    styles part cannot be read. A workbook without a styles part has none."""
    names = set(archive.namelist())
    member = "xl/styles.xml"
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names:
        for raw in _REL.findall(archive.read(rels)):
            attrs = _attributes(raw)
            if attrs.get("Type", "").endswith("/styles"):
                target = attrs.get("Target", "")
                member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    if member not in names:
        return set()
    data = archive.read(member)
    codes = {}
    for raw in _NUM_FMT.findall(data):
        attrs = _attributes(raw)
        if not attrs.get("numFmtId", "").isdigit():
            return None
        codes[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
    block = _CELL_XFS.search(data)
    if block is None:
        return set()
    found = set()
    for index, raw in enumerate(_XF.findall(block.group(1))):
        number = _attributes(raw).get("numFmtId", "0")
        if not number.isdigit():
            return None
        fmt = int(number)
        if fmt in BUILT_IN_PERCENT or (fmt in codes and is_percent_code(codes[fmt])):
            found.add(index)
    return found


def _styled(data: bytes, styles: set[int]) -> Iterator[bytes]:
    """The attributes of each cell whose style is one of `styles`: each s="N" found first (a scan
    for a short literal is some twenty times faster than matching every tag), then its tag."""
    wanted = b"|".join(str(index).encode() for index in sorted(styles))
    for match in re.finditer(rb"""\ss\s*=\s*["'](?:""" + wanted + rb""")["']""", data):
        start, end = data.rfind(b"<", 0, match.start()), data.find(b">", match.end())
        tag = _CELL_TAG.match(data, start, end + 1) if start >= 0 and end >= 0 else None
        if tag is not None:  # not an s="N" in the text of a cell, or in another element
            yield tag.group(1)


def percent_cells(path: str, member: str, columns: set[int]) -> set[tuple[int, int]] | None:
    """(row, column), 0-based, of the cells in `columns` of the sheet part `member` whose number
    format is a percentage; None when the XML does not say (a percentage style on a cell without a
    reference, a styles part that cannot be read). The workbook's zip was checked before."""
    with zipfile.ZipFile(path) as archive:
        styles = percent_styles(archive)
        if styles is None:
            return None
        if not styles:
            return set()  # the common case: no percentage anywhere, the sheet is not read again
        data = archive.read(member)
    # a cell without a style has the first: with the first a percentage, every cell is a candidate
    candidates = _CELL_START.findall(data) if 0 in styles else list(_styled(data, styles))
    letters = {column_letter(column).encode(): column for column in columns}
    found = set()
    for raw in candidates:
        style = _STYLE.search(raw)
        if int(style.group(1) if style else b"0") not in styles:
            continue
        ref = _REF.search(raw)
        if ref is None:
            return None  # a percentage cell we cannot place
        column = letters.get(ref.group(1).upper())
        if column is not None:
            found.add((int(ref.group(2)) - 1, column))
    return found
