"""python-calamine reads a large workbook's sheets in a thread of its own while the reader reads
their XML for what calamine does not show (a small one's as they are asked for); the problem
reported is still the one a scan of each sheet's XML, then calamine, meet first."""

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
    """The XML's error cells and hidden rows of a large workbook are read while calamine, in another
    thread, reads the Activities sheet: each waits here for the other to have begun, which only a
    concurrent reader passes."""
    Book().save(tmp_path / "town.xlsx")
    monkeypatch.setattr(excel_reader, "THREADED_CELLS", 0)  # the example's sheets, as large as any
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


def test_a_small_workbook_is_read_without_a_thread_and_gives_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A municipality's workbook is read by calamine in the reader's own thread (a thread's start
    and hand-overs cost more than they save there), with the same result, warnings included."""
    Book().save(tmp_path / "town.xlsx")
    threads: list[str] = []
    sheet = excel_reader._sheet

    def calamine(workbook: Any, name: str) -> list[list[Any]]:
        threads.append(threading.current_thread().name)
        return sheet(workbook, name)

    monkeypatch.setattr(excel_reader, "_sheet", calamine)
    alone = run_on(tmp_path)
    assert alone.code == 0, alone
    assert set(threads) == {threading.current_thread().name}
    monkeypatch.setattr(excel_reader, "THREADED_CELLS", 0)
    threaded = run_on(tmp_path)
    assert threading.current_thread().name not in threads[-1:]
    assert (threaded.code, threaded.stdout, threaded.stderr) == (alone.code, alone.stdout, alone.stderr)
