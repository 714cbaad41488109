"""Community inventories: GPC references, BASIC / BASIC+ totals, IPCC sectors and completeness."""

from __future__ import annotations

import pytest

from ghgcalc import gpc
from ghgcalc.io.factor_store import FactorStore
from tests.conftest import run_inventory

CITY = """\
ghgcalc: 1
name: Test city
kind: community
period: 2023
factors: [tgo-cfo, ipcc-2006]
notation_keys:
  I.7.1: {key: NO, explanation: no coal mining in the province}
  II.4.1: {key: IE, explanation: reported by the airport operator under I.2.1}
activities:
  - {activity: electricity-grid, amount: 1000, unit: MWh, gpc: I.1.2}
  - {activity: electricity-grid, amount: 500, unit: MWh, gpc: I.2.2}
  - {activity: lpg-residential, amount: 10, unit: t, gpc: I.1.1}
  - {activity: diesel-road, amount: 10000, unit: L, gpc: II.1.1}
  - {activity: electricity-grid-upstream, amount: 1500, unit: MWh, gpc: I.1.3}
  - {activity: r-410a, amount: 20, unit: kg, gpc: IV.2}
"""


def test_the_gpc_table_is_complete_and_consistent():
    refs = gpc.references()
    assert len(refs) == 53
    assert {r.level for r in refs.values()} == {"basic", "basic+", "territorial", "optional"}
    # scope 2 and 3 rows have no territorial IPCC category; scope 1 rows all have one
    for ref in refs.values():
        assert bool(ref.ipcc) == (ref.scope == 1) or ref.ref == "VI.1", ref.ref
    assert refs["I.4.4"].level == "territorial" and refs["III.1.2"].scope == 3
    assert refs["V.3"].ipcc == "3.C" and refs["II.1.1"].ipcc == "1.A.3.b"


def test_basic_basic_plus_territorial_and_ipcc_sectors():
    outcome = run_inventory(CITY, store=FactorStore())
    result = outcome.result
    lines = {line.gpc: line for line in result.lines}
    community = result.community
    basic = lines["I.1.2"].t_co2e + lines["I.2.2"].t_co2e + lines["I.1.1"].t_co2e + lines["II.1.1"].t_co2e
    assert community.basic_t_co2e == pytest.approx(basic)
    # BASIC+ adds T&D / upstream (I.1.3) and product use (IV.2)
    assert community.basic_plus_t_co2e == pytest.approx(basic + lines["I.1.3"].t_co2e + lines["IV.2"].t_co2e)
    assert community.territorial_t_co2e == pytest.approx(
        lines["I.1.1"].t_co2e + lines["II.1.1"].t_co2e + lines["IV.2"].t_co2e
    )
    assert community.by_ipcc_sector_t_co2e == pytest.approx(
        {"Energy": lines["I.1.1"].t_co2e + lines["II.1.1"].t_co2e, "IPPU": lines["IV.2"].t_co2e}
    )
    assert lines["I.1.2"].scope == 2 and lines["I.1.3"].scope == 3 and lines["IV.2"].ipcc == "2.F-2.H"
    assert community.outside_ipcc_t_co2e == pytest.approx(
        lines["I.1.2"].t_co2e + lines["I.2.2"].t_co2e + lines["I.1.3"].t_co2e
    )


def test_completeness_lists_every_sub_category_and_warns_once():
    outcome = run_inventory(CITY, store=FactorStore())
    rows = {row.ref: row for row in outcome.result.community.completeness}
    assert len(rows) == 53
    assert rows["I.7.1"].notation_key == "NO" and rows["I.7.1"].t_co2e is None
    assert rows["I.1.2"].t_co2e is not None
    [incomplete] = [i for i in outcome.issues if i.code == "gpc-incomplete"]
    missing = [r for r in rows.values() if r.level in ("basic", "basic+") and r.t_co2e is None and not r.notation_key]
    assert incomplete.message.startswith(f"{len(missing)} GPC sub-categories")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("gpc: I.1.2}", "gpc: I.9.9}"),
        (
            "{activity: electricity-grid, amount: 1000, unit: MWh, gpc: I.1.2}",
            "{activity: electricity-grid, amount: 1000, unit: MWh}",
        ),
        ("gpc: I.1.2}", "gpc: I.1.2, scope: 1}"),
    ],
    ids=["gpc-unknown", "gpc-missing", "scope-mismatch"],
)
def test_gpc_mistakes(change, code):
    old, new = change, code
    expected = {
        "gpc: I.9.9}": "gpc-unknown",
        "{activity: electricity-grid, amount: 1000, unit: MWh}": "gpc-missing",
        "gpc: I.1.2, scope: 1}": "scope-mismatch",
    }[new]
    outcome = run_inventory(CITY.replace(old, new, 1), store=FactorStore())
    assert outcome.result is None
    assert expected in [i.code for i in outcome.issues]
    [issue] = [i for i in outcome.issues if i.code == expected]
    assert issue.location.line == 10


def test_notation_keys_are_checked():
    text = CITY.replace(
        "II.4.1: {key: IE, explanation: reported by the airport operator under I.2.1}",
        "II.4.1: {key: IE}\n  X.1: {key: NO}\n  I.1.2: {key: NO, explanation: none}",
    )
    outcome = run_inventory(text, store=FactorStore())
    codes = [i.code for i in outcome.issues]
    assert "notation-unexplained" in codes and "gpc-unknown" in codes and "notation-conflict" in codes


@pytest.mark.parametrize("name", ["province", "city"])
def test_the_bundled_community_examples_compute_complete(name):
    from ghgcalc import api
    from tests.conftest import ROOT

    outcome = api.compute_file(str(ROOT / "examples" / f"{name}.yaml"))
    assert [i.format() for i in outcome.issues] == []
    community = outcome.result.community
    rows = [r for r in community.completeness if r.level in ("basic", "basic+")]
    assert all(r.t_co2e is not None or r.notation_key for r in rows)
    assert community.basic_plus_t_co2e == pytest.approx(outcome.result.total_t_co2e)
    assert set(community.by_ipcc_sector_t_co2e) <= {"Energy", "IPPU", "AFOLU", "Waste"}
