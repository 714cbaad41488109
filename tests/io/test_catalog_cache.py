"""The Thai catalog, parsed once and kept in the cache folder: the same texts as the PO files give,
used only under their key (an edited PO file is read again), never a reason for a run to fail."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from ghgcalc import i18n
from ghgcalc.io.catalog_cache import Keeper
from tests.helpers import ghgcalc_process

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "municipality.yaml"
KEPT = "catalog-th.pickle"
PO = Path(i18n.__file__).parent / "locale" / "th"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GHGCALC_CACHE_DIR", str(folder))
    return folder


def _thai(tmp_path: Path) -> str:
    """The example's table in Thai (its headings, scopes and notes are catalog texts)."""
    run = ghgcalc_process(tmp_path, "compute", str(EXAMPLE), "-f", "md", "--lang", "th")
    assert run.code == 0 and run.stderr == "", run.stderr
    return run.stdout


def _files() -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in sorted(PO.glob("*.po"))]


def _doctored(path: Path, key: str | None = None) -> None:
    """Rewrite the kept catalog with a text of the table's heading changed (under `key`, else its own)."""
    kept_key, catalog = pickle.loads(path.read_bytes())
    catalog = {msgid: text.replace("ประเภท", "DOCTORED") for msgid, text in catalog.items()}
    path.write_bytes(pickle.dumps((key or kept_key, catalog)))


def test_a_thai_run_keeps_the_catalog_and_the_next_reads_it(cache: Path, tmp_path: Path) -> None:
    table = _thai(tmp_path)
    assert "ประเภท" in table and (cache / KEPT).is_file()
    assert _thai(tmp_path) == table
    _doctored(cache / KEPT)  # proof that the kept catalog is what the next run uses
    assert "DOCTORED" in _thai(tmp_path)


def test_the_kept_catalog_holds_the_texts_the_po_files_give(cache: Path) -> None:
    files = _files()
    parsed: dict[str, str] = {}
    for _name, data in files:
        for msgid, msgstr in i18n.read_po(data.decode("utf-8")):
            if msgid and msgstr:
                parsed.setdefault(msgid, msgstr)
    Keeper().store("th", files, parsed)
    assert Keeper().load("th", files) == parsed
    assert len(parsed) > 2000


def test_an_edited_po_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    files = _files()
    Keeper().store("th", files, {"Scope": "kept"})
    edited = [(name, data + b'\nmsgid "x"\nmsgstr "y"\n' if n == 0 else data) for n, (name, data) in enumerate(files)]
    assert Keeper().load("th", files) == {"Scope": "kept"}
    assert Keeper().load("th", edited) is None
    renamed = [(f"renamed-{name}", data) for name, data in files]
    assert Keeper().load("th", renamed) is None


def test_a_catalog_kept_under_another_key_or_damaged_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    table = _thai(tmp_path)
    _doctored(cache / KEPT, key="a key of other PO files or another parser")
    assert _thai(tmp_path) == table
    assert pickle.loads((cache / KEPT).read_bytes())[0] != "a key of other PO files or another parser"
    (cache / KEPT).write_bytes(b"\x80\x05not a pickle")
    assert _thai(tmp_path) == table


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX")
def test_a_catalog_others_can_write_is_never_read(cache: Path, tmp_path: Path) -> None:
    table = _thai(tmp_path)
    _doctored(cache / KEPT)
    (cache / KEPT).chmod(0o666)
    assert _thai(tmp_path) == table


def test_with_the_cache_off_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GHGCALC_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert "ประเภท" in _thai(tmp_path)
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()
