"""A municipality inside its city: `include:` places its lines in the GPC without counting twice."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT
from tests.helpers import INPUT_ERRORS, ghgcalc, issues

TOWN = """\
ghgcalc: 1
name: Town
kind: community
period: FY2567
factors: [tgo-cfo, ipcc-2006]
include: {include}
activities:
  - {{gpc: I.2.2, activity: electricity-grid, amount: 10000, unit: MWh}}
  - {{gpc: II.1.1, activity: diesel-road, amount: 2, unit: ML}}
"""


def result(run) -> dict:
    assert run.code == 0, run
    return json.loads(run.stdout)


def test_included_lines_are_a_memo_by_gpc_reference(tmp_path):
    shutil.copy(ROOT / "examples" / "municipality.yaml", tmp_path / "municipality.yaml")
    (tmp_path / "town.yaml").write_text(TOWN.format(include="municipality.yaml"), encoding="utf-8")
    (tmp_path / "alone.yaml").write_text(TOWN.format(include="[]"), encoding="utf-8")
    town = result(ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json"))
    alone = result(ghgcalc(tmp_path, "compute", "alone.yaml", "-f", "json"))
    municipality = result(ghgcalc(tmp_path, "compute", "municipality.yaml", "-f", "json"))
    # nothing is counted twice: the town's totals are the same with or without the memo
    assert town["total_t_co2e"] == alone["total_t_co2e"]
    assert town["gpc"]["basic_t_co2e"] == alone["gpc"]["basic_t_co2e"]
    [memo] = town["gpc"]["included"]
    assert memo["total_t_co2e"] == pytest.approx(municipality["total_t_co2e"])
    assert sum(memo["by_reference_t_co2e"].values()) == pytest.approx(municipality["total_t_co2e"])
    lines = municipality["lines"]
    diesel = sum(x["t_co2e"] for x in lines if x["activity"] in ("diesel-mobile", "gasohol-95", "gasohol-91"))
    electricity = sum(x["t_co2e"] for x in lines if x["activity"] == "electricity-grid")
    assert memo["by_reference_t_co2e"]["II.1.1"] == pytest.approx(diesel)  # vehicles: on-road transport
    assert memo["by_reference_t_co2e"]["I.2.2"] == pytest.approx(electricity)  # grid electricity, scope 2
    assert memo["by_reference_t_co2e"]["IV.2"] > 0  # refrigerants and extinguishers: product use


@pytest.mark.parametrize(
    ("include", "code"),
    [
        ("nosuch.yaml", "include-missing"),
        ("town.yaml", "include-cycle"),
        ("broken.yaml", "include-failed"),
        ("other-town.yaml", "include-kind"),
    ],
)
def test_include_mistakes(tmp_path, include, code):
    (tmp_path / "town.yaml").write_text(TOWN.format(include=include), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(
        "ghgcalc: 1\nname: B\nperiod: 2024\nactivities: [{activity: x}]\n", encoding="utf-8"
    )
    (tmp_path / "other-town.yaml").write_text(TOWN.format(include="[]"), encoding="utf-8")
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert run.code == INPUT_ERRORS
    printed = [p for p in issues(run.stderr) if p.code == code]
    assert printed and printed[0].location.startswith("town.yaml:6:")
