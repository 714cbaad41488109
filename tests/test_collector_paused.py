"""A file is read and computed with the cyclic garbage collector paused (api.collector_paused):
with a 100,000-row workbook alive, each full collection would walk every cell again."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import api

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "municipality.yaml"


def test_the_collector_is_paused_while_a_file_is_read_and_restored_after(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    read = api.read_inventory

    def reading(path: str, **options: Any) -> Any:
        seen.append(gc.isenabled())
        return read(path, **options)

    monkeypatch.setattr(api, "read_inventory", reading)
    assert gc.isenabled()
    outcome = api.compute_file(str(EXAMPLE))
    assert outcome.result is not None and seen == [False]
    assert gc.isenabled()


def test_a_paused_collector_stays_paused_and_an_error_restores_it() -> None:
    gc.disable()
    try:
        with api.collector_paused():
            pass
        assert not gc.isenabled()  # the caller had paused it: still paused
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), api.collector_paused():
        raise RuntimeError
    assert gc.isenabled()
