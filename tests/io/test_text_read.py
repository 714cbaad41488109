"""io/text.read_bytes reads a file whole up to the size limit, whatever its size against its first read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ghgcalc.io import text


@pytest.mark.parametrize(
    "size", [0, 1, text._SMALLEST_READ - 1, text._SMALLEST_READ, text._SMALLEST_READ + 1, 3_000_000]
)
def test_a_file_is_read_whole(tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (tmp_path / "f.yaml").write_bytes(data)
    assert text.read_bytes(str(tmp_path / "f.yaml")) == data


def test_a_file_past_the_limit_is_read_one_byte_past_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # one byte more than the limit is what decode needs to refuse it (file-too-large)
    monkeypatch.setattr(text, "MAX_TEXT_BYTES", text._SMALLEST_READ + 10)
    (tmp_path / "big.yaml").write_bytes(b"a" * (text._SMALLEST_READ + 100))
    assert len(text.read_bytes(str(tmp_path / "big.yaml"))) == text._SMALLEST_READ + 11
    (tmp_path / "small.yaml").write_bytes(b"a" * 100)
    monkeypatch.setattr(text, "MAX_TEXT_BYTES", 50)
    assert len(text.read_bytes(str(tmp_path / "small.yaml"))) == 51


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="Linux's /proc")
def test_a_file_that_says_it_is_empty_is_read_whole() -> None:
    # /proc files (like pipes) report a size of 0; this one is longer than the first read
    with open("/proc/self/maps", "rb") as handle:
        expected = handle.read()
    assert len(expected) > text._SMALLEST_READ
    found = text.read_bytes("/proc/self/maps")
    assert found.splitlines()[:5] == expected.splitlines()[:5] and len(found) > text._SMALLEST_READ
