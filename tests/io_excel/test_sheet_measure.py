"""A sheet's used range is measured by one search when its first rows name its last column and no
cell lies past the last row tag (io/excel_xml.py): the range must be the one found by collecting
every cell's reference, which decides whether calamine may lay the sheet out."""

from __future__ import annotations

import random
import re

import pytest

from ghgcalc.io import excel_xml
from ghgcalc.io.excel_xml import _measure, column_letter


def every_reference(data: bytes) -> tuple[int, int]:
    """The used range from every cell's and row's reference (the measure before the search)."""
    letters = set(re.findall(rb'<c r="([A-Za-z]+)', data))
    numbers = set(re.findall(rb'<c r="[A-Za-z]+(\d+)', data)) | set(re.findall(rb'<row r="(\d+)"', data))
    return max(map(excel_xml._number, numbers), default=0), max(map(excel_xml._column, letters), default=0)


def sheet(generator: random.Random) -> bytes:
    rows = generator.choice([1, 3, 9, 10, 11, 99, 100, 101, 250])
    width = generator.randint(1, 27)
    parts = ["<worksheet><sheetData>"]
    for row in range(1, rows + 1):
        parts.append(f'<row r="{row}">')
        for column in range(width if row == 1 else generator.randint(0, width)):
            parts.append(f'<c r="{column_letter(column)}{row}"><v>1</v></c>')
        parts.append("</row>")
    parts.append("</sheetData></worksheet>")
    text = "".join(parts)
    for _ in range(generator.randint(0, 2)):  # a stray cell beyond the header or the last row tag
        letters = generator.choice(["A", "Z", "AA", column_letter(width), column_letter(width - 1), "r", "xfd"])
        number = generator.choice([rows, rows + 1, rows * 10, 1, 10**9, "0" + str(rows + 1), 999])
        text = text.replace("</row>", f'<c r="{letters}{number}"><v>2</v></c></row>', 1)
    return text.encode()


@pytest.mark.parametrize("seed", range(400))
def test_the_range_is_the_one_of_every_reference(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = sheet(random.Random(seed))
    assert _measure(data) == every_reference(data)
    # the first rows read for the last column are a 1 MB head: as if these sheets were long
    monkeypatch.setattr(excel_xml, "_HEAD_BYTES", random.Random(seed).choice([20, 60, 200, 2000]))
    assert _measure(data) == every_reference(data)


class Refuse:
    def findall(self, *args: object) -> list[bytes]:
        raise AssertionError("every cell's reference collected")


def test_a_sheet_whose_header_names_its_columns_is_measured_by_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = b'<row r="1"><c r="A1"/><c r="C1"/></row><row r="2"><c r="B2"/></row>'
    beyond = plain.replace(b'<c r="B2"', b'<c r="D2"')
    assert every_reference(plain) == (2, 3) and every_reference(beyond) == (2, 4)
    monkeypatch.setattr(excel_xml, "_CELL_ROW", Refuse())
    monkeypatch.setattr(excel_xml, "_HEAD_BYTES", plain.index(b"</row>"))  # the header row
    assert _measure(plain) == (2, 3)  # the check can fail: the search alone measured it
    with pytest.raises(AssertionError):
        _measure(beyond)  # a cell past the header's last column: every reference is collected


def shuffled(generator: random.Random) -> bytes:
    """A sheet as an unusual writer might leave it: a row tag past the last, rows out of order, a
    row number with a leading 0, a row or cell tag without its reference, a prefixed cell."""
    data = sheet(generator)
    rows = re.findall(rb"<row.*?</row>", data)
    change = generator.choice(["late-row", "early-last", "leading-zero", "bare-row", "bare-cell", "prefixed", "none"])
    if change == "late-row":
        number = generator.choice([len(rows) + 1, len(rows) * 10, 10**10])
        rows.insert(generator.randrange(len(rows) + 1), b'<row r="%d"><c r="A%d"/></row>' % (number, number))
    elif change == "early-last" and len(rows) > 1:
        rows.insert(0, rows.pop())
    elif change == "leading-zero":
        rows.append(b'<row r="0%d"/>' % (len(rows) + 1))
    elif change == "bare-row":
        rows.append(b"<row><c><v>1</v></c></row>")
    elif change == "bare-cell":
        rows[-1] = rows[-1].replace(b"</row>", b"<c><v>3</v></c></row>")
    elif change == "prefixed":
        rows[-1] = rows[-1].replace(b"</row>", b'<x:c r="A1"/></row>')
    return b"<worksheet><sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"


@pytest.mark.parametrize("seed", range(400))
def test_the_quick_measure_is_the_full_one_where_it_measures(seed: int) -> None:
    """_measure_quickly gives a range only where it is the full measure's (or leaves the sheet to it)."""
    data = shuffled(random.Random(seed))
    quick = excel_xml._measure_quickly(data)
    assert quick is None or quick == excel_xml._measure_fully(data)
    assert _measure(data) == excel_xml._measure_fully(data)


def test_the_quick_measure_leaves_a_late_row_to_the_full_one() -> None:
    # the comparison can fail: a row tag past the last row tag is found by the one search
    data = b'<sheetData><row r="1"><c r="A1"/></row><row r="70"/><row r="2"><c r="B2"/></row></sheetData>'
    assert excel_xml._measure_quickly(data) is None
    assert _measure(data) == (70, 2)
    assert excel_xml._measure_quickly(data.replace(b'<row r="70"/>', b"")) == (2, 2)
