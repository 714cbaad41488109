"""The key categories of IPCC's own worked example, on the command line: IPCC 2006 Guidelines
Vol.1 Ch.4 §4.5, Tables 4.7 and 4.8, "Example of Approach 1 Level (Trend) Assessment for the Finnish
GHG inventory for 2003 using a subset (CO2 from category 3B was excluded from the analysis)",
pp. 4.24-4.26. The inputs are Table 4.6's emissions (pp. 4.23-4.24, Gg CO2 eq, as printed) less the
CO2 of 3B, written as an inventory of 2003 and one of the base year 1990; every expected number is
the one IPCC prints, and the key categories are IPCC's (the subset has no removals, which an
inventory cannot hold). Read in V1_4_Ch4_MethodChoice.pdf of
https://www.ipcc-nggip.iges.or.jp/public/2006gl/ (the copy in icra/ecam's frontend/docs/2006-ipcc/)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import ghgcalc, write

# Table 4.6 less CO2 of 3B (Land), in its order: (category, E0 1990, Et 2003) in Gg CO2 eq
SUBSET = [
    ("1A1 Energy Industries: Solid CO2", 9279, 17311),
    ("1A3b Road Transportation CO2", 10800, 11447),
    ("1A4 Other Sectors: Liquid CO2", 6714, 5651),
    ("1A2 Manufacturing Industries and Construction: Solid CO2", 6410, 5416),
    ("1A1 Energy Industries: Peat CO2", 3972, 9047),
    ("1A1 Energy Industries: Gas CO2", 2659, 6580),
    ("4A Solid Waste Disposal CH4", 3678, 2497),
    ("3C4 Direct N2O Emissions from managed soils N2O", 3513, 2619),
    ("1A2 Manufacturing Industries and Construction: Liquid CO2", 4861, 4736),
    ("3A1 Enteric Fermentation CH4", 1868, 1537),
    ("2B2 Nitric Acid Production N2O", 1595, 1396),
    ("1A2 Manufacturing Industries and Construction: Gas CO2", 2094, 2174),
    ("1A2 Manufacturing Industries and Construction: Peat CO2", 1561, 1498),
    ("2A1 Cement Production CO2", 786, 500),
    ("3C2 Liming CO2", 618, 277),
    ("1A1 Energy Industries: Liquid CO2", 2607, 3110),
    ("2F1 Refrigeration and Air Conditioning HFCs, PFCs", 0, 578),
    ("3C5 Indirect N2O Emissions from managed soils N2O", 735, 592),
    ("3A2 Manure Management N2O", 623, 461),
    ("1A3b Road Transportation N2O", 160, 516),
    ("1A3e Other Transportation CO2", 644, 651),
    ("3C1 Biomass Burning CO2", 180, 91),
    ("1A3a Civil Aviation CO2", 320, 316),
    ("1A3c Railways CO2", 191, 134),
    ("1B2aii Flaring CO2", 123, 63),
    ("2G Other Product Manufacture and Use SF6", 87, 22),
    ("1A4 Other Sectors: Biomass CH4", 282, 307),
    ("4D Wastewater Treatment and Discharge CH4", 153, 128),
    ("4D Wastewater Treatment and Discharge N2O", 133, 102),
    ("1A4 Other Sectors: Gas CO2", 98, 225),
    ("3A2 Manure Management CH4", 215, 222),
    ("2D Non-Energy Products from Fuels and Solvent Use CO2", 640, 830),
    ("1A3b Road Transportation CH4", 90, 47),
    ("1A2 Manufacturing Industries and Construction: Biomass N2O", 111, 81),
    ("1A1 Energy Industries: Biomass N2O", 10, 80),
    ("1A2 Manufacturing Industries and Construction: Solid N2O", 108, 90),
    ("2F4 Aerosols HFCs", 0, 63),
    ("1A2 Manufacturing Industries and Construction: Peat N2O", 56, 29),
    ("2G Other Product Manufacture and Use N2O", 62, 40),
    ("1A5 Non-Specified: Gas CO2", 222, 363),
    ("1B2b Fugitive Emissions from Fuels - Natural Gas CH4", 4, 52),
    ("1A4 Other Sectors: Peat CO2", 123, 131),
    ("1A1 Energy Industries: Solid N2O", 85, 162),
    ("1A5 Non-Specified: Liquid CO2", 734, 1083),
    ("2A2 Lime Production CO2", 383, 513),
    ("1A4 Other Sectors: Liquid N2O", 56, 47),
    ("1A1 Energy Industries: Biomass CH4", 2, 31),
    ("1A1 Energy Industries: Gas N2O", 18, 51),
    ("2F2 Foam Blowing Agents HFCs", 0, 25),
    ("1A1 Energy Industries: Peat N2O", 141, 226),
    ("1A4 Other Sectors: Solid CO2", 33, 25),
    ("1A4 Other Sectors: Biomass N2O", 56, 61),
    ("3C1 Biomass Burning CH4", 16, 8),
    ("1A2 Manufacturing Industries and Construction: Liquid N2O", 39, 41),
    ("1A4 Other Sectors: Liquid CH4", 19, 15),
    ("1A2 Manufacturing Industries and Construction: Biomass CH4", 20, 19),
    ("4 Miscellaneous N2O", 8, 3),
    ("2A3/2A4 Limestone and Dolomite Use CO2", 99, 148),
    ("1A1 Energy Industries: Liquid N2O", 26, 30),
    ("1A3d Water-borne Navigation CH4", 8, 5),
    ("2A3/2A4 Soda Ash Use CO2", 18, 20),
    ("1A3d Water-borne Navigation CO2", 361, 519),
    ("1A2 Manufacturing Industries and Construction: Liquid CH4", 9, 7),
    ("1A2 Manufacturing Industries and Construction: Gas N2O", 17, 19),
    ("1A1 Energy Industries: Solid CH4", 9, 16),
    ("1A2 Manufacturing Industries and Construction: Solid CH4", 4, 2),
    ("1A1 Energy Industries: Gas CH4", 4, 9),
    ("1A4 Other Sectors: Solid CH4", 2, 1),
    ("1A2 Manufacturing Industries and Construction: Peat CH4", 4, 3),
    ("1A3e Other Transportation N2O", 5, 5),
    ("2C1 Iron and Steel Production CH4", 5, 9),
    ("3 Miscellaneous CH4", 5, 6),
    ("1A3a Civil Aviation N2O", 4, 4),
    ("3C1 Biomass Burning N2O", 2, 1),
    ("1A3e Other Transportation CH4", 5, 6),
    ("1A1 Energy Industries: Liquid CH4", 6, 7),
    ("1B2a Fugitive Emissions from Fuels - Oil CH4", 8, 10),
    ("1A3c Railways N2O", 2, 1),
    ("1A4 Other Sectors: Peat CH4", 1, 1),
    ("1A4 Other Sectors: Gas N2O", 1, 1),
    ("1A4 Other Sectors: Peat N2O", 1, 2),
    ("2B8 Petrochemical and Carbon Black Production CH4", 4, 5),
    ("1A2 Manufacturing Industries and Construction: Gas CH4", 5, 6),
    ("1A4 Other Sectors: Solid N2O", 0.5, 0.3),
    ("1A1 Energy Industries: Peat CH4", 5, 7),
    ("1A5 Non-Specified: Gas N2O", 1, 2),
    ("1A3a Civil Aviation CH4", 0.4, 0.3),
    ("1A3c Railways CH4", 0.2, 0.2),
    ("1A5 Non-Specified: Liquid N2O", 6, 9),
    ("1A4 Other Sectors: Gas CH4", 0.1, 0.3),
    ("1A3d Water-borne Navigation N2O", 3, 4),
    ("1A5 Non-Specified: Gas CH4", 0.3, 0.4),
    ("1A5 Non-Specified: Liquid CH4", 2, 2),
    ("2 Miscellaneous CO2, HFCs, PFCs, SF6", 68, 168),
]
# Table 4.7, the key categories by level: (category, Lx,t, cumulative) as printed
LEVEL = [
    ("1A1 Energy Industries: Solid CO2", 0.203, 0.203),
    ("1A3b Road Transportation CO2", 0.134, 0.337),
    ("1A1 Energy Industries: Peat CO2", 0.106, 0.443),
    ("1A1 Energy Industries: Gas CO2", 0.077, 0.52),
    ("1A4 Other Sectors: Liquid CO2", 0.066, 0.586),
    ("1A2 Manufacturing Industries and Construction: Solid CO2", 0.063, 0.65),
    ("1A2 Manufacturing Industries and Construction: Liquid CO2", 0.055, 0.705),
    ("1A1 Energy Industries: Liquid CO2", 0.036, 0.742),
    ("3C4 Direct N2O Emissions from managed soils N2O", 0.031, 0.772),
    ("4A Solid Waste Disposal CH4", 0.029, 0.802),
    ("1A2 Manufacturing Industries and Construction: Gas CO2", 0.025, 0.827),
    ("3A1 Enteric Fermentation CH4", 0.018, 0.845),
    ("1A2 Manufacturing Industries and Construction: Peat CO2", 0.018, 0.863),
    ("2B2 Nitric Acid Production N2O", 0.016, 0.879),
    ("1A5 Non-Specified: Liquid CO2", 0.013, 0.892),
    ("2D Non-Energy Products from Fuels and Solvent Use CO2", 0.01, 0.901),
    ("1A3e Other Transportation CO2", 0.008, 0.909),
    ("3C5 Indirect N2O Emissions from managed soils N2O", 0.007, 0.916),
    ("2F1 Refrigeration and Air Conditioning HFCs, PFCs", 0.007, 0.923),
    ("1A3d Water-borne Navigation CO2", 0.006, 0.929),
    ("1A3b Road Transportation N2O", 0.006, 0.935),
    ("2A2 Lime Production CO2", 0.006, 0.941),
    ("2A1 Cement Production CO2", 0.006, 0.947),
    ("3A2 Manure Management N2O", 0.005, 0.952),
]
# Table 4.8, the key categories by trend: (category, Tx,t, % contribution to trend) as printed
TREND = [
    ("1A1 Energy Industries: Solid CO2", 0.086, 0.194),
    ("1A1 Energy Industries: Peat CO2", 0.06, 0.135),
    ("1A1 Energy Industries: Gas CO2", 0.048, 0.107),
    ("1A4 Other Sectors: Liquid CO2", 0.035, 0.078),
    ("1A2 Manufacturing Industries and Construction: Solid CO2", 0.033, 0.074),
    ("4A Solid Waste Disposal CH4", 0.028, 0.062),
    ("3C4 Direct N2O Emissions from managed soils N2O", 0.023, 0.052),
    ("1A3b Road Transportation CO2", 0.023, 0.051),
    ("1A2 Manufacturing Industries and Construction: Liquid CO2", 0.016, 0.036),
    ("3A1 Enteric Fermentation CH4", 0.01, 0.023),
    ("2F1 Refrigeration and Air Conditioning HFCs, PFCs", 0.008, 0.018),
    ("2B2 Nitric Acid Production N2O", 0.008, 0.017),
    ("3C2 Liming CO2", 0.007, 0.015),
    ("2A1 Cement Production CO2", 0.006, 0.014),
    ("1A2 Manufacturing Industries and Construction: Peat CO2", 0.005, 0.012),
    ("1A2 Manufacturing Industries and Construction: Gas CO2", 0.005, 0.011),
    ("1A3b Road Transportation N2O", 0.005, 0.01),
    ("3C5 Indirect N2O Emissions from managed soils N2O", 0.004, 0.009),
    ("3A2 Manure Management N2O", 0.004, 0.009),
    ("1A5 Non-Specified: Liquid CO2", 0.003, 0.006),
    ("3C1 Biomass Burning CO2", 0.002, 0.004),
    ("1A3e Other Transportation CO2", 0.002, 0.004),
    ("1A4 Other Sectors: Gas CO2", 0.001, 0.003),
    ("1A3c Railways CO2", 0.001, 0.003),
    ("1A5 Non-Specified: Gas CO2", 0.001, 0.003),
]


def _inventory(name: str, period: int, column: int) -> str:
    lines = "".join(f'  - {{activity: gg, amount: {row[column]}, unit: t, category: "{row[0]}"}}\n' for row in SUBSET)
    return (
        f"ghgcalc: 1\nname: {name}\nperiod: {period}\ncustom_factors:\n"
        "  - {key: gg, per: t, kg: {CO2: 1000}, scope: 1, source: IPCC 2006 Vol.1 Ch.4 Table 4.6}\n"
        f"activities:\n{lines}"
    )


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("finland")
    write(folder, "finland-2003.yaml", _inventory("Finland 2003", 2003, 2))
    write(folder, "finland-1990.yaml", _inventory("Finland 1990", 1990, 1))
    run = ghgcalc(folder, "compute", "finland-2003.yaml", "--uncertainty", "--base", "finland-1990.yaml", "-f", "json")
    assert run.code == 0, run.stderr
    return {row["category"]: row for row in json.loads(run.stdout)["key_categories"]}


def test_the_key_categories_by_level_are_ipccs(assessed: dict[str, dict]) -> None:
    assert {c for c, row in assessed.items() if "level" in row["key_by"]} == {c for c, _, _ in LEVEL}
    for category, share, cumulative in LEVEL:
        row = assessed[category]
        assert (round(row["level_share"], 3), round(row["cumulative"], 3)) == (share, cumulative), category


def test_the_key_categories_by_trend_are_ipccs(assessed: dict[str, dict]) -> None:
    """Trend as Eq. 4.2; IPCC's sums (70,692 and 85,352) are of the unrounded rows, ours of the rows
    as printed (70,696.5 and 85,356.5), so a trend may differ by one in its third decimal."""
    assert {c for c, row in assessed.items() if "trend" in row["key_by"]} == {c for c, _, _ in TREND}
    for category, trend, share in TREND:
        row = assessed[category]
        assert row["trend_assessment"] == pytest.approx(trend, abs=0.0006), category
        assert row["trend_share"] == pytest.approx(share, abs=0.0006), category
    assert sum(row["trend_assessment"] for row in assessed.values()) == pytest.approx(0.445, abs=0.0006)
