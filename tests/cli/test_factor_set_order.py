"""Two sets of an inventory's factor list that both have a key: the first one listed gives the
factor (docs/inventory-format.md, "How a factor is chosen"), and the other's value, which the user
listed the set for, is said not to be used (`factor-hidden`).

Numbers: TGO diesel on road, April 2022 (tgo-cfo@2022-04): CO2 2.698722, CH4 0.000142038, N2O
0.000142038 kg/L, 2.7406232 kgCO2e/L with AR5 (fossil CH4 30); the supplier's own row: CO2 2.5 kg/L."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FACTOR_HEADER, ghgcalc, issues, own_factor_set, write

TABLE = FACTOR_HEADER + (
    'diesel-mobile,Supplier B7 diesel,,mobile-combustion,1,L,CO2,2.5,,,,,,"Supplier data sheet SDS-7, p. 3",\n'
    'boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.68,,,,,,"Supplier data sheet SDS-7, p. 3",\n'
    'r-32,R-32,,refrigerants,1,kg,HFC-32,1,,,,,,"Same as the gases set",\n'
)
TOWN = """\
ghgcalc: 1
name: Test Town
period: 2568
factors: {factors}
activities:
  - {{activity: diesel-mobile, amount: 1000, unit: L}}
  - {{activity: boiler-diesel, amount: 100, unit: L}}
  - {{activity: diesel-mobile, amount: 10, unit: L}}
  - {{activity: r-32, amount: 1, unit: kg}}
"""
TGO_DIESEL = 2.698722 + 0.000142038 * 30 + 0.000142038 * 265


@pytest.mark.parametrize(
    ("factors", "used", "other", "t"),
    [
        ("[tgo-cfo, my-boilers]", "tgo-cfo@2022-04", "my-boilers", TGO_DIESEL),
        ("[my-boilers, tgo-cfo]", "my-boilers@2024", "tgo-cfo", 2.5),
    ],
)
def test_a_key_of_two_listed_sets_says_which_value_is_not_used(
    tmp_path: Path, factors: str, used: str, other: str, t: float
) -> None:
    own_factor_set(tmp_path, TABLE)
    write(tmp_path, "town.yaml", TOWN.format(factors=factors))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    first = json.loads(run.stdout)["lines"][0]
    assert first["factor"]["set"] + "@" + first["factor"]["version"] == used
    assert first["t_co2e"] == pytest.approx(t)  # the first set listed gives the factor, as documented
    hidden = [w for w in issues(run.stderr) if w.code == "factor-hidden"]
    # once, at the first line of the key; not for r-32, whose numbers are the same in both sets
    assert [w.location for w in hidden] == ["town.yaml:6:16"], run
    assert hidden[0].message.startswith(f"'diesel-mobile': {used} ("), hidden[0].message
    assert f"{other}@" in hidden[0].message and "is not used" in hidden[0].message
    assert hidden[0].hint is not None and f"list {other} before" in hidden[0].hint


def test_sets_without_a_shared_key_say_nothing(tmp_path: Path) -> None:
    """TGO and the IPCC set share no key; TGO's refrigerants equal the gases set's."""
    write(
        tmp_path,
        "town.yaml",
        TOWN.replace("boiler-diesel", "diesel-residential").format(factors="[tgo-cfo, ipcc-2006]"),
    )
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert run.code == 0, run
    assert [w.code for w in issues(run.stderr)] == [], run
