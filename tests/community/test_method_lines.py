"""Method lines in an inventory: the registry, parameters located in the file, and results."""

from __future__ import annotations

import importlib

import pytest

from ghgcalc import methods
from ghgcalc.io.factor_store import FactorStore
from tests.conftest import run_inventory


@pytest.mark.parametrize("name", methods.names())
def test_every_registered_method_has_documented_params_and_a_pure_compute(name):
    method = methods.get(name)
    module = importlib.import_module(method.module)
    assert callable(module.compute)
    for field_name, field in module.Params.model_fields.items():
        assert field.description, f"{name}.{field_name} has no description"
    assert method.source and method.title and method.category


RICE = """\
ghgcalc: 1
name: Test district
kind: community
period: 2566
activities:
  - method: rice-cultivation
    label: wet-season rice
    params:
      area: 1000
      days: 120
      water_regime: rainfed-regular
      pre_season: non-flooded-less-than-180-days
"""


def test_a_method_line_computes_and_reports_under_its_gpc_and_ipcc_category():
    outcome = run_inventory(RICE, store=FactorStore())
    [line] = outcome.result.lines
    # IPCC 2006 Eq. 5.1-5.2: 1,000 rai = 160 ha x 1.30 kg CH4/ha/day x SFw 0.28 x SFp 1 x 120 days
    assert line.gases_t["CH4"] == pytest.approx(160 * 1.30 * 0.28 * 1.0 * 120 / 1000)
    assert (line.gpc, line.ipcc, line.scope, line.activity) == ("V.3", "3.C.7", 1, "rice-cultivation")
    assert line.t_co2e == pytest.approx(line.gases_t["CH4"] * 28)  # non-fossil CH4, AR5
    community = outcome.result.community
    assert community.by_ipcc_sector_t_co2e == pytest.approx({"AFOLU": line.t_co2e})
    assert community.basic_t_co2e == 0 and community.basic_plus_t_co2e == pytest.approx(line.t_co2e)


def test_method_parameter_problems_are_located_in_the_params():
    outcome = run_inventory(
        RICE.replace("days: 120", "days: -3").replace("area: 1000", "area: lots"), store=FactorStore()
    )
    assert outcome.result is None
    found = {(i.code, i.location.line) for i in outcome.issues}
    assert ("method-params", 9) in found and ("method-params", 10) in found  # area, days


def test_an_unknown_method_lists_the_known_ones():
    outcome = run_inventory(RICE.replace("method: rice-cultivation", "method: rice"), store=FactorStore())
    [issue] = [i for i in outcome.issues if i.is_error]
    assert issue.code == "method-unknown" and "rice-cultivation" in issue.hint and issue.location.line == 6
