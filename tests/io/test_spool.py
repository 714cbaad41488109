"""The spool gives back each entry where its process put it, in the order the entries were added,
whatever their sizes and whichever process wrote them (io/spool.py)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from ghgcalc.io.spool import Spool, flush, put


def _texts(spool: Spool, copied: set[int]) -> list[tuple[bytes | None, bytes | None]]:
    return list(spool.read(copied.__contains__))


def _put_many(folder: str, first: int, count: int) -> list[tuple[int, int, int, int, int]]:
    """Entries put by this process, flushed as a batch's worker does before it sends their places."""
    places = [put(folder, f"text {n}\n".encode(), f"record {n}".encode()) for n in range(first, first + count)]
    flush()
    return places


def _put_unflushed(folder: str) -> tuple[int, int, int, int, int]:
    return put(folder, b"text\n", b"record")


@pytest.mark.skipif(sys.platform != "linux", reason="a forked process writes entries of its own")
def test_entries_of_several_processes_come_back_in_the_order_they_were_added() -> None:
    spool = Spool()
    try:
        mine = _put_many(spool.folder, 0, 3)
        with multiprocessing.get_context("fork").Pool(1) as pool:
            theirs = pool.apply(_put_many, (spool.folder, 3, 3))
        assert {place[0] for place in theirs} != {os.getpid()}
        for place in (mine[0], theirs[0], theirs[1], mine[1], mine[2], theirs[2]):
            spool.add(place, 0)
        assert spool.count == 6
        order = (0, 3, 4, 1, 2, 5)
        assert b"".join(text or b"" for text, _ in _texts(spool, {0})) == b"".join(
            f"text {n}\n".encode() for n in order
        )
        assert _texts(spool, set()) == [(None, f"record {n}".encode()) for n in order]
    finally:
        spool.close()


def test_neighbouring_texts_come_in_one_piece_and_a_long_one_in_blocks() -> None:
    spool = Spool()
    try:
        long = b"x" * (3 << 20)
        places = [put(spool.folder, b"a\n", b"1"), put(spool.folder, b"b\n", b"2"), put(spool.folder, long, b"3")]
        places.append(put(spool.folder, None, b"4"))  # no text: its record, even when its tag is copied
        places.append(put(spool.folder, b"c\n", b"5"))
        for place in places:
            spool.add(place, 0)
        read = _texts(spool, {0})
        assert read[0] == (b"a\nb\n" + long[: (1 << 20) - 4], None)  # a run, read a megabyte at a time
        assert b"".join(text or b"" for text, _ in read[:4]) == b"a\nb\n" + long
        assert read[4:] == [(None, b"4"), (b"c\n", None)]
        # an entry of another tag breaks the run and is given as its record
        other = Spool()
        try:
            for n, place in enumerate(_put_many(other.folder, 0, 4)):
                other.add(place, n % 2)
            assert _texts(other, {0}) == [
                (b"text 0\n", None),
                (None, b"record 1"),
                (b"text 2\n", None),
                (None, b"record 3"),
            ]
        finally:
            other.close()
    finally:
        spool.close()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps an open file's name")
def test_a_spools_files_have_no_names_once_heard_of_and_close_removes_its_folder() -> None:
    spool = Spool()
    folder = Path(spool.folder)
    assert folder.stat().st_mode & 0o077 == 0  # the user's own
    spool.add(put(spool.folder, b"a\n", b"1"), 0)
    assert list(folder.iterdir()) == []  # a run killed now leaves an empty folder, and no data
    assert _texts(spool, {0}) == [(b"a\n", None)]
    spool.close()
    assert not folder.exists()


def test_an_empty_spool_gives_nothing() -> None:
    spool = Spool()
    assert list(spool.read(lambda tag: True)) == []
    spool.close()


def test_what_a_process_puts_waits_in_its_buffer_until_it_flushes_or_reads() -> None:
    spool = Spool()
    try:
        place = put(spool.folder, b"a\n", b"1")
        texts = Path(spool.folder) / f"{os.getpid()}.text"
        assert texts.stat().st_size == 0  # two writes a small inventory are what the buffer saves
        spool.add(place, 0)
        assert _texts(spool, {0}) == [(b"a\n", None)]  # its own reading writes it first
        big = b"x" * (1 << 20)
        spool.add(put(spool.folder, big, b"2"), 0)
        written = os.fstat(spool._files[0][0]).st_size  # (its name is gone: the main process heard of it)
        assert written == 2 + len(big)  # a megabyte waiting is written at once
        assert b"".join(text or b"" for text, _ in _texts(spool, {0})) == b"a\n" + big
    finally:
        spool.close()


@pytest.mark.skipif(sys.platform != "linux", reason="a forked process writes entries of its own")
def test_a_forked_process_never_writes_what_its_parent_left_in_its_buffer() -> None:
    spool = Spool()
    try:
        mine = _put_unflushed(spool.folder)  # waiting in this process's buffer when the worker forks
        with multiprocessing.get_context("fork").Pool(1) as pool:
            theirs = pool.apply(_put_many, (spool.folder, 1, 1))  # the worker flushes its own only
        for place in (mine, theirs[0]):
            spool.add(place, 0)
        assert b"".join(text or b"" for text, _ in _texts(spool, {0})) == b"text\ntext 1\n"
        assert (Path(spool.folder) / f"{os.getpid()}.text").exists() is False  # named once heard of
    finally:
        spool.close()
