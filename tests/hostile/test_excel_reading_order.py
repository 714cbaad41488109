"""python-calamine reads a workbook's sheets in a thread of its own while the reader reads their
XML for what calamine does not show; the problem reported is still the one a scan of each sheet's
XML, then calamine, meet first."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from ghgcalc.io import excel_reader
from tests.hostile.test_excel import ACTIVITIES_XML, Book, _far_cell, expect, patch, run_on

WAIT_S = 10


def _unreadable_hidden_row(xml: bytes) -> bytes:
    # "²" is a digit to str.isdigit() but not to int(): reading the hidden rows raises ValueError
    return xml.replace(b"</sheetData>", b'<row r="\xc2\xb2" hidden="1"/></sheetData>')


def test_an_unreadable_sheet_xml_is_reported_before_its_size(tmp_path: Path) -> None:
    """The sheet is both too large and unreadable: its XML is read before its size is judged."""
    path = Book().save(tmp_path / "town.xlsx")
    patch(path, ACTIVITIES_XML, lambda xml: _unreadable_hidden_row(_far_cell(xml)))
    run = run_on(tmp_path, process=True)
    expect(run, "xlsx-invalid", "town.xlsx", message="invalid literal for int()")
    assert "sheet-too-large" not in run.stderr


def test_an_unreadable_sheet_xml_of_a_readable_size(tmp_path: Path) -> None:
    path = Book().save(tmp_path / "town.xlsx")
    patch(path, ACTIVITIES_XML, _unreadable_hidden_row)
    expect(run_on(tmp_path), "xlsx-invalid", "town.xlsx", message="invalid literal for int()")


def test_calamine_reads_the_largest_sheet_while_the_xml_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The XML's error cells and hidden rows are read while calamine, in another thread, reads the
    Activities sheet: each waits here for the other to have begun, which only a concurrent reader
    passes."""
    Book().save(tmp_path / "town.xlsx")
    reading, read = threading.Event(), threading.Event()
    threads: list[str] = []
    sheet, features = excel_reader._sheet, excel_reader.features

    def calamine(workbook: Any, name: str) -> list[list[Any]]:
        threads.append(threading.current_thread().name)
        if name == "Activities":
            reading.set()
            assert read.wait(WAIT_S), "the XML was not read while calamine read the sheet"
        return sheet(workbook, name)

    def xml(*args: Any) -> None:
        assert reading.wait(WAIT_S), "calamine did not read the sheet while the XML was read"
        features(*args)
        read.set()

    monkeypatch.setattr(excel_reader, "_sheet", calamine)
    monkeypatch.setattr(excel_reader, "features", xml)
    run = run_on(tmp_path)
    assert run.code == 0, run
    assert threads and threading.current_thread().name not in threads
