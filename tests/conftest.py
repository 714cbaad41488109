"""Shared helpers: compute an inventory written inline against the tiny fixture factor sets."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from ghgcalc import api
from ghgcalc.io.factor_store import FactorStore
from ghgcalc.io.inventory_reader import read_inventory_text

FIXTURE_FACTORS = Path(__file__).parent / "fixtures" / "factors"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def _cache_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Parsed factor sets are kept in a folder of the test session, never in the user's own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GHGCALC_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _english_between_tests() -> Iterator[None]:
    """The language and calendar are the process's (the CLI sets them per run): every test starts
    and ends in English with years as written, whatever a test before it ran with."""
    from ghgcalc import i18n

    i18n.set_language("en")
    i18n.set_calendar("")
    yield
    i18n.set_language("en")
    i18n.set_calendar("")


@pytest.fixture(scope="session")
def mini_store() -> FactorStore:
    return FactorStore(FIXTURE_FACTORS)


def run_inventory(text: str, store: FactorStore | None = None, **options: object) -> api.Outcome:
    """Compute an inventory given as YAML text (dedented) against `store` (the fixture sets by default)."""
    store = store or FactorStore(FIXTURE_FACTORS)
    reading = read_inventory_text(textwrap.dedent(text), "test.yaml")
    if reading.inventory is None or reading.positions is None:
        return api.Outcome("test.yaml", None, tuple(reading.issues))
    options_ = api.Options(store=store, **options)  # type: ignore[arg-type]
    return api.compute_inventory(reading.inventory, reading.positions, "test.yaml", options_)


def inventory(activities: str, period: str = "2024", extra: str = "") -> str:
    """A minimal inventory on the fixture set `mini` with the given activities block."""
    return f"ghgcalc: 1\nname: Test\nperiod: {period}\nfactors: mini\n{extra}activities:\n" + textwrap.indent(
        textwrap.dedent(activities), "  "
    )
