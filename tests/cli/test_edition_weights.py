"""An edition's own GWP weights (`gwp_overrides` in set.yaml): TGO's 2026 edition weighs fossil CH4
28, not AR5's 30, and its printed totals follow only with 28.

The row is TGO's diesel, stationary combustion, per litre ("EF TGO AR5 V2" row 29): CO2 2.698722,
CH4 0.00010926, N2O 0.000021852 kg, printed total 2.70757206 kgCO2e (= CO2 + CH4 x 28 + N2O x 265);
the April 2022 edition prints 2.7078 for the same gases (CH4 x 30).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.helpers import FACTOR_HEADER, INPUT_ERRORS, ghgcalc, issues, own_factor_set, snapshot, write

CO2, CH4, N2O = 2.698722, 0.00010926, 0.000021852
ROWS = "".join(
    f"boiler-diesel,Diesel,,stationary-combustion,1,L,{gas},{value},2.70757206,,,,,V2 row 29,\n"
    for gas, value in (("CO2", CO2), ("CH4_fossil", CH4), ("N2O", N2O))
)
INVENTORY = (
    "ghgcalc: 1\nname: T\nperiod: 2026\nfactors: [my-boilers]\nactivities:\n"
    "  - {activity: boiler-diesel, amount: 1000, unit: L}\n"
)


def edition(root: Path, overrides: str) -> None:
    table = FACTOR_HEADER + ROWS
    digest = hashlib.sha256(table.encode()).hexdigest()
    meta = (
        'id: my-boilers\nversion: "2026"\ntitle: Boilers\npublisher: Example Municipality\n'
        f"published: 2026-02-18\ngwp_basis: AR5\n{overrides}tables:\n  - file: factors.csv\n    sha256: {digest}\n"
    )
    own_factor_set(root, table, version="2026", meta=meta)


def compute(folder: Path, *args: str) -> dict:
    write(folder, "town.yaml", INVENTORY)
    run = ghgcalc(folder, "compute", "town.yaml", "--factors-dir", "myf", "-f", "json", *args)
    assert run.code == 0, run
    return json.loads(run.stdout)


def test_the_editions_weight_reproduces_its_printed_total(tmp_path: Path) -> None:
    edition(tmp_path, "gwp_overrides: {CH4_fossil: 28}\n")
    result = compute(tmp_path)
    [line] = result["lines"]
    assert line["gwp"]["CH4_fossil"] == 28
    assert line["factor"]["gwp_overrides"] == {"CH4_fossil": 28}
    assert result["total_t_co2e"] == pytest.approx(1000 * 2.70757206 / 1000, abs=1e-12)
    assert result["total_t_co2e"] == pytest.approx((CO2 + CH4 * 28 + N2O * 265), abs=1e-12)


def test_without_the_weight_the_ipcc_value_applies(tmp_path: Path) -> None:
    edition(tmp_path, "")
    result = compute(tmp_path)
    assert result["lines"][0]["gwp"]["CH4_fossil"] == 30
    assert result["total_t_co2e"] == pytest.approx(CO2 + CH4 * 30 + N2O * 265, abs=1e-12)


def test_under_another_gwp_set_that_sets_values_apply(tmp_path: Path) -> None:
    """The edition's weight belongs to its own basis (AR5); an inventory computed in AR6 takes AR6's
    fossil CH4 (29.8) and N2O (273), as for every other factor."""
    edition(tmp_path, "gwp_overrides: {CH4_fossil: 28}\n")
    result = compute(tmp_path, "--gwp", "AR6")
    assert result["lines"][0]["gwp"]["CH4_fossil"] == 29.8
    assert result["total_t_co2e"] == pytest.approx(CO2 + CH4 * 29.8 + N2O * 273, abs=1e-12)


def test_factors_validate_checks_the_printed_total_with_the_editions_weight(tmp_path: Path) -> None:
    edition(tmp_path, "gwp_overrides: {CH4_fossil: 28}\n")
    run = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert run.code == 0 and "factor-total-differs" not in run.stderr, run


def test_without_the_weight_the_printed_total_differs(tmp_path: Path) -> None:
    edition(tmp_path, "")
    run = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert [p.code for p in issues(run.stderr)] == ["factor-total-differs"], run


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ("gwp_overrides: {CH5: 28}\n", "not a gas"),
        ("gwp_overrides: {CH4_fossil: -1}\n", "negative"),
        ("gwp_overrides: {CH4_fossil: '2,8'}\n", "decimal comma"),
        ("gwp_overrides: 28\n", "not a mapping"),
    ],
)
def test_a_bad_weight_is_a_located_error(tmp_path: Path, overrides: str, says: str) -> None:
    edition(tmp_path, overrides)
    write(tmp_path, "town.yaml", INVENTORY)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert run.code == INPUT_ERRORS, run
    [problem] = [p for p in issues(run.stderr) if p.code == "factor-set-invalid"]
    assert problem.location == "myf/my-boilers/2026/set.yaml:7" and says in problem.message, run
    computed = ghgcalc(tmp_path, "compute", "town.yaml", "--factors-dir", "myf", "-f", "json")
    assert computed.code == INPUT_ERRORS and computed.stdout == "", computed
    assert snapshot(tmp_path) == before


ROUTED_ROWS = (
    "boiler-x,Boiler X,,stationary-combustion,1,L,CO2,2.5,,,,,,Test sheet,\n"
    "bio-x,Bio X,,biomass-combustion,1,kg,CO2_biogenic,1.5,,,,,,Test sheet,\n"
    "bio-x,Bio X,,biomass-combustion,1,kg,CH4,0.001,,,,,,Test sheet,\n"
    "r22-x,R22 X,,refrigerants,1,kg,HCFC-22,1,,,,,,Test sheet,\n"
)
ROUTED_INVENTORY = (
    "ghgcalc: 1\nname: T\nperiod: 2024\nfactors: [my-ovr]\nactivities:\n"
    "  - {activity: bio-x, amount: 1000, unit: kg}\n"
    "  - {activity: r22-x, amount: 10, unit: kg}\n"
    "  - {activity: boiler-x, amount: 1000, unit: L}\n"
)


def routed_set(root: Path, overrides: str) -> Path:
    table = FACTOR_HEADER + ROUTED_ROWS
    digest = hashlib.sha256(table.encode()).hexdigest()
    meta = (
        'id: my-ovr\nversion: "2024"\ntitle: Ovr\npublisher: Example Municipality\n'
        f"published: 2024-01-01\ngwp_basis: AR5\ngwp_overrides: {overrides}\n"
        f"tables:\n  - file: factors.csv\n    sha256: {digest}\n"
    )
    return own_factor_set(root, table, set_id="my-ovr", meta=meta)


def test_an_own_weight_keeps_biogenic_co2_and_montreal_gases_out_of_the_total(tmp_path: Path) -> None:
    """A weight of its own changes a gas's number, never where it is counted. By hand: in the total
    bio-x CH4 1000 kg x 0.001 x 28 = 0.028 t and boiler-x 1000 L x 2.5 = 2.5 t: 2.528 t; apart,
    biogenic CO2 1000 x 1.5 = 1.5 t and R-22 10 kg x 1760 = 17.6 t."""
    routed_set(tmp_path, "{CO2_biogenic: 1, HCFC-22: 1760}")
    assert ghgcalc(tmp_path, "factors", "validate", "myf").code == 0
    write(tmp_path, "town.yaml", ROUTED_INVENTORY)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    result = json.loads(run.stdout)
    assert result["total_t_co2e"] == pytest.approx(2.528)
    assert result["separately_reported_t_co2e"]["CO2_biogenic"] == pytest.approx(1.5)
    assert result["separately_reported_t_co2e"]["non_kyoto"] == pytest.approx(17.6)


@pytest.mark.parametrize("gas", ["CO2e", "R-401A"])
def test_a_weight_for_co2e_or_a_mixed_blend_is_refused(tmp_path: Path, gas: str) -> None:
    """CO2e is weighted already; R-401A is HCFC-22 and HCFC-124 (Montreal) with HFC-152a (Kyoto),
    counted partly in the total and partly apart, so no one weight can stand for it."""
    routed_set(tmp_path, f"{{HCFC-22: 1760, {gas}: 5}}")
    run = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert run.code == INPUT_ERRORS
    [problem] = [p for p in issues(run.stderr) if p.severity == "error"]
    assert problem.code == "factor-set-invalid" and problem.location == "myf/my-ovr/2024/set.yaml:7"
    assert gas in problem.message and problem.hint == f"remove {gas} from gwp_overrides"
    write(tmp_path, "town.yaml", ROUTED_INVENTORY)
    refused = ghgcalc(tmp_path, "compute", "town.yaml", "--factors-dir", "myf", "-f", "json")
    assert refused.code == INPUT_ERRORS and refused.stdout == ""
    [at_inventory] = issues(refused.stderr)
    assert at_inventory.code == "factor-set-invalid" and at_inventory.location == "town.yaml:4:10"
    assert "set.yaml:7" in at_inventory.message
