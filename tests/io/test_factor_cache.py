"""The bundled factor sets, parsed once and kept in the cache folder: used only under their key,
never a reason for a run to fail, and never read from a file another user could have written."""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers import ghgcalc_process

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "municipality.yaml"
IN_FORCE = "factors-tgo-cfo-2022-04.pickle"  # the version in force for the example's FY2567


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GHGCALC_CACHE_DIR", str(folder))
    return folder


def _total(tmp_path: Path) -> float:
    run = ghgcalc_process(tmp_path, "compute", str(EXAMPLE), "-f", "json")
    assert run.code == 0, run.stderr
    return float(json.loads(run.stdout)["total_t_co2e"])


def _doctored(path: Path, key: str | None = None, scale: float = 1000.0) -> None:
    """Rewrite a kept set with every factor `scale` times larger (under `key`, else its own)."""
    kept_key, kept = pickle.loads(path.read_bytes())
    factors = {
        name: tuple(replace(f, gases=tuple(replace(g, kg=g.kg * scale) for g in f.gases)) for f in variants)
        for name, variants in kept.factors.items()
    }
    path.write_bytes(pickle.dumps((key or kept_key, replace(kept, factors=factors))))


def test_the_first_run_keeps_the_sets_and_the_next_reads_them(cache: Path, tmp_path: Path) -> None:
    total = _total(tmp_path)
    kept = sorted(p.name for p in cache.iterdir())
    assert IN_FORCE in kept and "factors-gases-1.pickle" in kept
    assert _total(tmp_path) == total
    # proof that the kept set is what the next run uses: a doctored copy under the right key is read
    _doctored(cache / IN_FORCE)
    assert _total(tmp_path) > 100 * total


def test_a_set_kept_under_another_key_is_read_again_and_kept_anew(cache: Path, tmp_path: Path) -> None:
    total = _total(tmp_path)
    _doctored(cache / IN_FORCE, key="a key of other tables or other code")
    assert _total(tmp_path) == total
    assert pickle.loads((cache / IN_FORCE).read_bytes())[0] != "a key of other tables or other code"


def test_a_damaged_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    total = _total(tmp_path)
    (cache / IN_FORCE).write_bytes(b"\x80\x05not a pickle")
    assert _total(tmp_path) == total


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX")
def test_a_file_others_can_write_is_never_read(cache: Path, tmp_path: Path) -> None:
    total = _total(tmp_path)
    _doctored(cache / IN_FORCE)
    (cache / IN_FORCE).chmod(0o666)
    assert _total(tmp_path) == total


def test_a_folder_that_cannot_be_written_costs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GHGCALC_CACHE_DIR", str(blocked / "cache"))
    run = ghgcalc_process(tmp_path, "compute", str(EXAMPLE), "-f", "json")
    assert run.code == 0 and run.stderr == ""
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GHGCALC_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert _total(tmp_path) > 0
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_without_a_setting_the_sets_are_kept_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GHGCALC_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _total(tmp_path)
    assert (tmp_path / "xdg" / "ghgcalc" / IN_FORCE).is_file()


def test_the_key_covers_the_code_of_every_module_the_reader_uses() -> None:
    # a change to any of them may change what a set parses to: it must change the key
    import ast
    import importlib
    import importlib.util

    from ghgcalc.io import factor_cache

    covered = set(factor_cache.PARSING_MODULES)
    for name in ("ghgcalc.io.factor_store", "ghgcalc.models.factor", "ghgcalc.gwp", "ghgcalc.numbers"):
        tree = ast.parse(Path(importlib.import_module(name).__file__ or "").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ghgcalc"):
                modules = {node.module}
                if hasattr(importlib.import_module(node.module), "__path__"):  # a package: its modules
                    named = {f"{node.module}.{alias.name}" for alias in node.names}
                    modules |= {m for m in named if importlib.util.find_spec(m) is not None}
                # what is data, a message or an error to refuse with (never cached) need not be here
                kept = modules - {"ghgcalc", "ghgcalc.io", "ghgcalc.models", "ghgcalc.i18n", "ghgcalc.errors"}
                kept -= {"ghgcalc.io.factor_check"}  # checks a user's own sets, which are never kept
                assert kept <= covered, f"{name} imports {sorted(kept - covered)}"
