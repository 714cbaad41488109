"""A store finds each set's versions once: a batch asks for the same sets for every inventory."""

from __future__ import annotations

import pytest

from ghgcalc.io.factor_store import FactorSetError, FactorStore


def test_a_store_looks_for_a_sets_versions_once(monkeypatch: pytest.MonkeyPatch) -> None:
    store = FactorStore()
    looked: list[str] = []
    find = store._find_versions

    def counted(set_id: str) -> list[object]:
        looked.append(set_id)
        return find(set_id)  # type: ignore[return-value]

    monkeypatch.setattr(store, "_find_versions", counted)
    first = store.versions("tgo-cfo")
    first.clear()  # a caller's list is its own
    again = store.versions("tgo-cfo")
    assert again and looked == ["tgo-cfo"]
    assert FactorStore().versions("tgo-cfo") == again  # another store finds the same versions


def test_an_unknown_set_is_an_error_each_time() -> None:
    store = FactorStore()
    for _ in range(2):
        with pytest.raises(FactorSetError):
            store.versions("no-such-set")
