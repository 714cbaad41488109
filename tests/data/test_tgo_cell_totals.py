"""TGO's CFO template (V-Sheet, sheet "EF TGO AR5") holds each total to 7-9 significant digits;
the PDF and TGO forms print them to 4 decimals. Both must follow from the per-gas values in
tgo-cfo@2022-04 and AR5 (CO2 1, fossil CH4 30, CH4 28, N2O 265).

Expected values: the cell totals as read from the template (team reference, thai-cfo-and-provinces
§2.2, "Total kgCO2e/unit (cell value)" column), typed here independently of the factor table.
"""

from __future__ import annotations

import pytest

from ghgcalc.io.factor_store import FactorStore

CELL_TOTALS = {
    ("natural-gas", "scf"): 0.05727963,
    ("natural-gas", "MJ"): 0.0561565,
    ("lignite", "kg"): 1.0619459,
    ("fuel-oil-a", "L"): 3.2200242,
    ("fuel-oil-c", "L"): 3.2457484,
    ("diesel-stationary", "L"): 2.7077906,
    ("anthracite", "kg"): 3.1000435,
    ("sub-bituminous-coal", "kg"): 2.5454302,
    ("jet-kerosene", "L"): 2.4774930,
    ("lpg-stationary", "L"): 1.6812260,
    ("lpg-stationary", "kg"): 3.1133815,
    ("gasoline-stationary", "L"): 2.1894025,
    ("fuel-wood", "kg"): 0.030381,
    ("bagasse", "kg"): 0.014307,
    ("palm-kernel-shell", "kg"): 0.035207,
    ("corn-cob", "kg"): 0.031882,
    ("biogas", "m3"): 0.001140685,
    ("gasoline-uncontrolled", "L"): 2.2394242,
    ("gasoline-oxidation-catalyst", "L"): 2.2719116,
    ("gasoline-low-mileage-ldv", "L"): 2.2327033,
    ("diesel-mobile", "L"): 2.7406232,
    ("cng", "kg"): 2.2609245,
    ("lpg-mobile", "L"): 1.7306461,
    ("lpg-mobile", "kg"): 3.2049001,
    ("diesel-offroad", "L"): 2.9792835,
    ("gasoline-4-stroke-agriculture", "L"): 2.2738004,
    ("gasoline-4-stroke-forestry", "L"): 2.181564,
    ("gasoline-4-stroke-industry", "L"): 2.2454684,
    ("gasoline-4-stroke-household", "L"): 2.3115764,
    ("gasoline-2-stroke-agriculture", "L"): 2.3171169,
    ("gasoline-2-stroke-forestry", "L"): 2.3454489,
    ("gasoline-2-stroke-industry", "L"): 2.3076729,
    ("gasoline-2-stroke-household", "L"): 2.3548929,
}
AR5 = {"CO2": 1, "CH4_fossil": 30, "CH4": 28, "N2O": 265, "CO2_biogenic": 0}


@pytest.fixture(scope="module")
def tgo_2022():
    return FactorStore().load("tgo-cfo", "2022-04")


@pytest.mark.parametrize(("key", "per"), sorted(CELL_TOTALS), ids=lambda v: str(v))
def test_cell_total_follows_from_the_gases(tgo_2022, key, per):
    [factor] = [f for f in tgo_2022.factors[key] if f.per == per]
    total = sum(g.kg * AR5[g.gas] for g in factor.gases)
    digits = len(repr(CELL_TOTALS[(key, per)]).split(".")[1])
    assert total == pytest.approx(CELL_TOTALS[(key, per)], abs=0.6 * 10**-digits)


def test_biogenic_co2_cells(tgo_2022):
    """The "(CO2only)" rows of biomass fuels: CO2 reported separately, outside the totals."""
    expected = {
        "fuel-wood": 1.79088,
        "bagasse": 0.753,
        "palm-kernel-shell": 1.853,
        "corn-cob": 1.678,
        "biogas": 1.142778,
    }
    for key, value in expected.items():
        [factor] = tgo_2022.factors[key]
        assert {g.gas: g.kg for g in factor.gases}["CO2_biogenic"] == value
