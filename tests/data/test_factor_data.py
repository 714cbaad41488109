"""The bundled factor sets: integrity, row rules, and published totals reproduced from the gases."""

from __future__ import annotations

import csv
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from ghgcalc import gwp
from ghgcalc.io.factor_store import COLUMNS, OPTIONAL_COLUMNS, FactorStore
from tests.conftest import ROOT, run_inventory

FACTORS = ROOT / "factors"
VERSIONS = sorted(p for p in FACTORS.glob("*/*") if p.is_dir())
KNOWN_CATEGORIES = {
    "stationary-combustion",
    "mobile-combustion",
    "off-road",
    "biomass-combustion",
    "refrigerants",
    "fire-suppression",
    "wastewater",
    "purchased-electricity",
    "upstream-energy",
    "water-supply",
    "purchased-goods",
    "waste",
    "direct-release",
}


def rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "factors.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_bundled_sets_are_there():
    assert {f"{p.parent.name}@{p.name}" for p in VERSIONS} >= {
        "tgo-cfo@2020-02",
        "tgo-cfo@2022-04",
        "tgo-cfo@2026-02",
        "ipcc-2006@2006",
        "gases@1",
    }


@pytest.mark.parametrize("folder", VERSIONS, ids=lambda p: f"{p.parent.name}@{p.name}")
def test_tables_match_their_recorded_sha256(folder):
    meta = yaml.safe_load((folder / "set.yaml").read_text(encoding="utf-8"))
    for table in meta["tables"]:
        assert hashlib.sha256((folder / table["file"]).read_bytes()).hexdigest() == table["sha256"], table["file"]


@pytest.mark.parametrize("folder", VERSIONS, ids=lambda p: f"{p.parent.name}@{p.name}")
def test_rows_follow_the_rules(folder):
    meta = yaml.safe_load((folder / "set.yaml").read_text(encoding="utf-8"))
    assert meta["id"] == folder.parent.name and str(meta["version"]) == folder.name
    data = rows(folder)
    assert data, "a set has rows"
    assert [c for c in data[0] if c not in OPTIONAL_COLUMNS] == list(COLUMNS)  # verified_via may follow
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in data:
        assert row["key"] == row["key"].lower() and row["key"].replace("-", "").isalnum(), row["key"]
        assert row["source"].strip(), f"{row['key']} has no source"
        assert row["category"] in KNOWN_CATEGORIES, row["category"]
        assert row["scope"] in {"", "1", "2", "3"}
        assert gwp.canonical_gas(row["gas"]) is not None, row["gas"]
        assert Decimal(row["value"]) >= 0
        groups.setdefault((row["key"], row["per"]), []).append(row)
    shared = ("name_en", "category", "scope", "valid_from", "valid_to", "published_kgco2e", "ncv", "density")
    for (key, per), members in groups.items():
        # each gas row carries its own 95 % range (uncertainty_pct, uncertainty_source): not shared
        for column in (*shared, *(c for c in OPTIONAL_COLUMNS if not c.startswith("uncertainty_"))):
            assert len({m.get(column, "") for m in members}) == 1, f"{key}/{per}: rows disagree on {column}"
        gases = [m["gas"] for m in members]
        assert len(gases) == len(set(gases)), f"{key}/{per}: a gas twice"


def published_cases():
    for folder in VERSIONS:
        meta = yaml.safe_load((folder / "set.yaml").read_text(encoding="utf-8"))
        groups: dict[tuple[str, str], list[dict[str, str]]] = {}
        for row in rows(folder):
            if row["published_kgco2e"]:
                groups.setdefault((row["key"], row["per"]), []).append(row)
        overrides = tuple((gwp.canonical_gas(g), float(v)) for g, v in (meta.get("gwp_overrides") or {}).items())
        for (key, per), members in groups.items():
            case = f"{folder.parent.name}@{folder.name}:{key}/{per}"
            yield pytest.param(meta["gwp_basis"], overrides, members, id=case)


@pytest.mark.parametrize(("gwp_basis", "overrides", "members"), list(published_cases()))
def test_published_total_is_reproduced_from_the_gases(gwp_basis, overrides, members):
    """TGO prints per-gas factors and a total per unit; the total must follow from the gases and the
    sheet's GWPs (AR5: fossil CH4 30, CH4 28, N2O 265; AR4: 25 and 298; an edition's own weights,
    such as fossil CH4 28 in the 2026 edition, from its set.yaml), to the printed decimals."""
    printed = Decimal(members[0]["published_kgco2e"])
    weights = [(gwp.edition_weights(gwp.canonical_gas(m["gas"]), gwp_basis, gwp_basis, overrides), m) for m in members]
    total = sum(w.in_total * float(m["value"]) for w, m in weights)
    # refrigerants outside the Kyoto basket: TGO prints the GWP, ghgcalc reports it separately
    total += sum(w.non_kyoto * float(m["value"]) for w, m in weights)
    half_unit = Decimal(1).scaleb(printed.as_tuple().exponent) / 2
    assert abs(Decimal(repr(total)) - printed) <= half_unit + Decimal("1e-12"), (total, printed)


def test_every_tgo_total_is_checked():
    checked = {case.id for case in published_cases()}
    assert sum(1 for c in checked if c.startswith("tgo-cfo@2022-04")) >= 50
    assert sum(1 for c in checked if c.startswith("tgo-cfo@2020-02")) >= 25


def test_tgo_per_litre_factors_are_ipcc_per_tj_times_dede_ncv():
    """TGO builds its factors as IPCC 2006 default (kg/TJ) x DEDE NCV; computing 1 L of diesel on the
    ipcc-2006 set with TGO's NCV (36.42 MJ/L) must give TGO's printed per-gas values."""
    text = """\
        ghgcalc: 1
        name: Cross-check
        period: 2023
        factors: ipcc-2006
        activities:
          - {activity: diesel-energy-industries, amount: 1000, unit: L, ncv: 36.42 MJ/L}
          - {activity: diesel-road, amount: 1000, unit: L, ncv: 36.42 MJ/L}
    """
    outcome = run_inventory(text, store=FactorStore())
    stationary, mobile = outcome.result.lines
    # tgo-cfo@2022-04 diesel-stationary: 2.698722 / 0.00010926 / 0.000021852 kg per L
    assert stationary.gases_t["CO2"] == pytest.approx(2.698722, rel=1e-9)
    assert stationary.gases_t["CH4"] == pytest.approx(0.00010926, rel=1e-9)
    assert stationary.gases_t["N2O"] == pytest.approx(0.000021852, rel=1e-9)
    # diesel-mobile: 2.698722 / 0.000142038 / 0.000142038
    assert mobile.gases_t["CH4"] == pytest.approx(0.000142038, rel=1e-9)
    assert mobile.gases_t["N2O"] == pytest.approx(0.000142038, rel=1e-9)


def test_ipcc_co2_factors_follow_from_carbon_content():
    """IPCC 2006 Table 1.4 CO2 = Table 1.3 carbon content x 44/12 (to the three figures printed)."""
    carbon = {
        "diesel": 20.2,
        "motor-gasoline": 18.9,
        "lpg": 17.2,
        "natural-gas": 15.3,
        "residual-fuel-oil": 21.1,
        "anthracite": 26.8,
        "sub-bituminous-coal": 26.2,
        "lignite": 27.6,
    }
    data = {r["key"]: r for r in rows(FACTORS / "ipcc-2006" / "2006") if r["gas"] == "CO2"}
    for fuel, c in carbon.items():
        value = float(data[f"{fuel}-commercial"]["value"])
        assert value == pytest.approx(c * 44 / 12 * 1000, rel=0.005), fuel


def test_every_bundled_set_loads():
    store = FactorStore()
    for set_id in store.set_ids():
        for version in store.versions(set_id):
            assert version.factors and version.sha256


def test_a_changed_table_is_refused(tmp_path):
    import shutil

    from ghgcalc.errors import FactorSetError

    shutil.copytree(FACTORS / "tgo-cfo" / "2026-02", tmp_path / "tgo-cfo" / "2026-02")
    table = tmp_path / "tgo-cfo" / "2026-02" / "factors.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("0.4750", "0.3750"), encoding="utf-8")
    with pytest.raises(FactorSetError, match=r"factors\.csv has changed"):
        FactorStore(tmp_path).versions("tgo-cfo")


@pytest.mark.parametrize("folder", VERSIONS, ids=lambda p: f"{p.parent.name}@{p.name}")
def test_bundled_sets_pass_the_checker_users_run(folder):
    from ghgcalc.io.factor_check import check_version

    assert [issue.format() for issue in check_version(folder)] == []
