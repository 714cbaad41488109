"""A gas the GWP tables lack, declared in the inventory with its GWP per set and a source.

CARB's GHG inventory reports "ODS substitutes" as one mix with a GWP of 1446 (AR4); an inventory
that reproduces such a line declares the mix and reports it under its own name. Expected numbers
are computed here by hand: 100 kg x 1446 / 1000 = 144.6 tCO2e.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import INPUT_ERRORS, assert_input_error, at, ghgcalc, issues, snapshot, write

INVENTORY = """\
ghgcalc: 1
name: Test
period: 2024
gwp: {gwp}
gases:
  - name: ODS substitutes (CARB)
    gwp: {{AR4: 1446}}
    source: CARB GHG inventory, ODS substitutes mix
{extra}custom_factors:
  - key: ods-mix
    per: kg
    kg: {{ODS substitutes (CARB): 1}}
    source: one kg of the mix per kg released
activities:
  - {{activity: ods-mix, amount: 100, unit: kg, scope: 1}}
"""


def run(folder: Path, gwp: str = "AR4", extra: str = "") -> tuple[str, object]:
    text = INVENTORY.format(gwp=gwp, extra=extra)
    write(folder, "town.yaml", text)
    return text, ghgcalc(folder, "compute", "town.yaml", "-f", "json")


def test_a_declared_gas_is_weighed_by_its_own_gwp_and_reported_by_name(tmp_path: Path) -> None:
    _, done = run(tmp_path)
    assert done.code == 0, done
    result = json.loads(done.stdout)
    assert result["total_t_co2e"] == pytest.approx(100 * 1446 / 1000)
    assert result["by_gas_t"] == {"ODS substitutes (CARB)": pytest.approx(0.1)}
    assert result["lines"][0]["gwp"] == {"ODS substitutes (CARB)": 1446}


def test_reported_separately_when_it_is_outside_the_kyoto_basket(tmp_path: Path) -> None:
    text = INVENTORY.format(gwp="AR4", extra="").replace(
        "    source: CARB GHG inventory, ODS substitutes mix\n",
        "    source: CARB GHG inventory, ODS substitutes mix\n    counts: separately\n",
    )
    write(tmp_path, "town.yaml", text)
    result = json.loads(ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json").stdout)
    assert result["total_t_co2e"] == 0
    assert result["separately_reported_t_co2e"]["non_kyoto"] == pytest.approx(144.6)


def test_a_gwp_set_the_declaration_lacks_is_an_error(tmp_path: Path) -> None:
    text, done = run(tmp_path, gwp="AR5")
    assert_input_error(done, "town.yaml", "gwp-missing", at(text, "ods-mix, amount"), hint="--gwp")


def test_a_known_gas_cannot_be_declared(tmp_path: Path) -> None:
    text = INVENTORY.format(gwp="AR4", extra="").replace("ODS substitutes (CARB)", "HFC-134a")
    write(tmp_path, "town.yaml", text)
    before = snapshot(tmp_path)
    done = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert_input_error(done, "town.yaml", "gas-declared-known", at(text, "HFC-134a"), hint="remove the declaration")
    assert snapshot(tmp_path) == before


def test_declared_twice(tmp_path: Path) -> None:
    extra = "  - {name: ODS substitutes (CARB), gwp: {AR4: 1400}, source: another}\n"
    _, done = run(tmp_path, extra=extra)
    assert done.code == INPUT_ERRORS
    assert [p.code for p in issues(done.stderr) if p.severity == "error"] == ["gas-declared-twice"]


@pytest.mark.parametrize(
    ("gwp", "code"), [("{AR4: -5}", "gwp-invalid"), ("{AR9: 5}", "value-invalid"), ("{}", "value-empty")]
)
def test_a_bad_gwp_is_located(tmp_path: Path, gwp: str, code: str) -> None:
    text = INVENTORY.format(gwp="AR4", extra="").replace("{AR4: 1446}", gwp)
    write(tmp_path, "town.yaml", text)
    done = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert done.code == INPUT_ERRORS, done
    assert any(p.code == code and p.location and p.location.startswith("town.yaml:7:") for p in issues(done.stderr)), (
        done
    )
