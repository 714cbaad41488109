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
