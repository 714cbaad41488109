"""The 95 % ranges of the bundled factor rows (uncertainty_pct, uncertainty_source): their form,
their source, and hand checks against the printed IPCC 2006 tables they come from.

uncertainty_pct is "7" (±7 %) or "-2.0/+0.9" (2.0 % below to 0.9 % above the row's value), each
limit (printed limit - printed default) / printed default x 100, rounded half up to 1 decimal.
"""

from __future__ import annotations

import csv
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from ghgcalc.io.factor_store import FactorStore
from tests.conftest import ROOT
from tests.helpers import ghgcalc

FACTORS = ROOT / "factors"
VERSIONS = sorted(p for p in FACTORS.glob("*/*") if p.is_dir())
SYMMETRIC = re.compile(r"\d+(?:\.\d+)?")
ASYMMETRIC = re.compile(r"-(\d+(?:\.\d+)?)/\+(\d+(?:\.\d+)?)")
# how every filled source states the printed numbers it was computed from
PRINTED = re.compile(r"default ([\d ]+(?:\.\d+)?), lower ([\d ]+(?:\.\d+)?), upper ([\d ]+(?:\.\d+)?) kg/TJ")


def rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "factors.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def row(set_id: str, version: str, key: str, per: str, gas: str) -> dict[str, str]:
    found = [r for r in rows(FACTORS / set_id / version) if (r["key"], r["per"], r["gas"]) == (key, per, gas)]
    assert len(found) == 1, (set_id, version, key, per, gas)
    return found[0]


def parse(text: str) -> tuple[float, float]:
    """(lower, upper) in % of the value; AssertionError if `text` is neither form."""
    if SYMMETRIC.fullmatch(text):
        assert float(text) > 0, f"±{text} %: a range is wider than 0"
        return -float(text), float(text)
    found = ASYMMETRIC.fullmatch(text)
    assert found, f"{text!r} is neither 7 nor -2.0/+0.9"
    below, above = float(found[1]), float(found[2])
    assert 0 <= below <= 100, f"{text!r}: a quantity that cannot be negative is at most 100 % below"
    assert above > 0, f"{text!r}: the upper limit lies above the value"
    return -below, above


def percent(default: str, lower: str, upper: str) -> str:
    """The uncertainty_pct of printed (default, lower, upper), by the rule in the module docstring."""
    d, lo, hi = (Decimal(x.replace(" ", "")) for x in (default, lower, upper))
    tenth = Decimal("0.1")
    below = ((d - lo) / d * 100).quantize(tenth, rounding=ROUND_HALF_UP)
    above = ((hi - d) / d * 100).quantize(tenth, rounding=ROUND_HALF_UP)
    return f"-{below}/+{above}"


@pytest.mark.parametrize("folder", VERSIONS, ids=lambda p: f"{p.parent.name}@{p.name}")
def test_every_range_has_its_form_and_a_source(folder):
    for r in rows(folder):
        text, source = r.get("uncertainty_pct", "").strip(), r.get("uncertainty_source", "").strip()
        where = f"{folder.parent.name}@{folder.name} {r['key']}/{r['per']} {r['gas']}"
        if text:
            parse(text)
            assert source, f"{where}: a range without its source"
            assert "2006 IPCC Guidelines" in source and "p." in source, f"{where}: the source names no table page"
        else:
            assert not source, f"{where}: a source without a range"


@pytest.mark.parametrize(
    ("set_id", "version", "at_least"),
    [("ipcc-2006", "2006", 230), ("tgo-cfo", "2020-02", 76), ("tgo-cfo", "2022-04", 91)],
)
def test_ranges_follow_the_limits_their_source_quotes(set_id, version, at_least):
    """Each filled range is recomputed from the default and limits its source quotes from the table."""
    checked = 0
    for r in rows(FACTORS / set_id / version):
        if not r.get("uncertainty_pct"):
            continue
        quoted = PRINTED.search(r["uncertainty_source"])
        assert quoted, f"{r['key']} {r['gas']}: the source does not quote the printed default and limits"
        assert percent(*quoted.groups()) == r["uncertainty_pct"], (r["key"], r["gas"], quoted.groups())
        checked += 1
    assert checked >= at_least


# Hand checks: the default and the 95 % limits as the IPCC 2006 Guidelines print them (kg/TJ),
# and the percentages worked out by hand.
HAND = [
    # Vol.2 Ch.1 Table 1.4 p.1.23, Gas/Diesel Oil: 74 100 (72 600 - 74 800)
    # -1500/74100 = -2.02 %, +700/74100 = +0.94 %
    ("ipcc-2006", "2006", "diesel-energy-industries", "TJ", "CO2", "74100", "72600", "74800", "-2.0/+0.9"),
    # Vol.2 Ch.1 Table 1.4 p.1.24 (and Ch.2 Table 2.5 p.2.23), Natural Gas: 56 100 (54 300 - 58 300)
    # -1800/56100 = -3.21 %, +2200/56100 = +3.92 %
    ("ipcc-2006", "2006", "natural-gas-residential", "TJ", "CO2", "56100", "54300", "58300", "-3.2/+3.9"),
    # Vol.2 Ch.1 Table 1.4 p.1.23, Lignite: 101 000 (90 900 - 115 000); -10.0 %, +13.86 %
    ("ipcc-2006", "2006", "lignite-manufacturing", "TJ", "CO2", "101000", "90900", "115000", "-10.0/+13.9"),
    # Vol.2 Ch.1 Table 1.4 p.1.24, Wood/Wood Waste: 112 000 (95 000 - 132 000); -15.18 %, +17.86 %
    ("ipcc-2006", "2006", "wood-commercial", "TJ", "CO2_biogenic", "112000", "95000", "132000", "-15.2/+17.9"),
    # Vol.2 Ch.2 Table 2.2 p.2.16, Gas/Diesel Oil CH4: 3 (1 - 10); -2/3 = -66.67 %, +7/3 = +233.33 %
    ("ipcc-2006", "2006", "diesel-energy-industries", "TJ", "CH4", "3", "1", "10", "-66.7/+233.3"),
    # Vol.2 Ch.2 Table 2.3 p.2.18, Other Bituminous Coal CH4: 10 (3 - 30); -70 %, +200 %
    ("ipcc-2006", "2006", "other-bituminous-coal-manufacturing", "TJ", "CH4", "10", "3", "30", "-70.0/+200.0"),
    # Vol.2 Ch.2 Table 2.4 p.2.21, Charcoal N2O: 1 (0.3 - 3); -70 %, +200 %
    ("ipcc-2006", "2006", "charcoal-commercial", "TJ", "N2O", "1", "0.3", "3", "-70.0/+200.0"),
    # Vol.2 Ch.2 Table 2.5 p.2.22, Lignite CH4: 300 (100 - 900); -66.67 %, +200 %
    ("ipcc-2006", "2006", "lignite-residential", "TJ", "CH4", "300", "100", "900", "-66.7/+200.0"),
    # Vol.2 Ch.2 Table 2.2 p.2.17, Wood/Wood Waste N2O: 4 (1.5 - 15); -62.5 %, +275 %
    ("ipcc-2006", "2006", "wood-energy-industries", "TJ", "N2O", "4", "1.5", "15", "-62.5/+275.0"),
    # Vol.2 Ch.3 Table 3.2.2 p.3.21, Motor Gasoline - Uncontrolled CH4: 33 (9.6 - 110)
    # -23.4/33 = -70.91 %, +77/33 = +233.33 %
    ("ipcc-2006", "2006", "motor-gasoline-road-uncontrolled", "TJ", "CH4", "33", "9.6", "110", "-70.9/+233.3"),
    # Vol.2 Ch.3 Table 3.2.2 p.3.21, Gas / Diesel Oil N2O: 3.9 (1.3 - 12); -66.67 %, +8.1/3.9 = +207.69 %
    ("ipcc-2006", "2006", "diesel-road", "TJ", "N2O", "3.9", "1.3", "12", "-66.7/+207.7"),
    # Vol.2 Ch.3 Table 3.2.2 p.3.21, Natural Gas CH4: 92 (50 - 1 540); -42/92 = -45.65 %, +1448/92 = +1573.91 %
    ("ipcc-2006", "2006", "natural-gas-road", "TJ", "CH4", "92", "50", "1540", "-45.7/+1573.9"),
    # and N2O: 3 (1 - 77); -66.67 %, +74/3 = +2466.67 % (the widest range a bundled row carries)
    ("ipcc-2006", "2006", "natural-gas-road", "TJ", "N2O", "3", "1", "77", "-66.7/+2466.7"),
    # Vol.2 Ch.3 Table 3.3.1 p.3.36, Diesel N2O: 28.6 (14.3 - 85.8); -50 %, +200 %
    ("ipcc-2006", "2006", "diesel-off-road", "TJ", "N2O", "28.6", "14.3", "85.8", "-50.0/+200.0"),
    # Vol.2 Ch.3 Table 3.3.1 p.3.36, Diesel CH4: 4.15 (1.67 - 10.4); -2.48/4.15 = -59.76 %, +6.25/4.15 = +150.60 %
    ("ipcc-2006", "2006", "diesel-off-road", "TJ", "CH4", "4.15", "1.67", "10.4", "-59.8/+150.6"),
    # TGO rows carry the range of the IPCC default they are built from (value = default x NCV):
    # diesel 74 100 kg/TJ x 36.42 MJ/L, Vol.2 Ch.2 Table 2.2 p.2.16 CO2 (= Table 1.4 p.1.23)
    ("tgo-cfo", "2022-04", "diesel-stationary", "L", "CO2", "74100", "72600", "74800", "-2.0/+0.9"),
    # LPG per kg = per litre / 0.54; Table 2.2 p.2.16 LPG CH4 1 (0.3 - 3)
    ("tgo-cfo", "2022-04", "lpg-stationary", "kg", "CH4_fossil", "1", "0.3", "3", "-70.0/+200.0"),
    # wood 30 kg CH4/TJ x 15.99 MJ/kg, Table 2.2 p.2.17 Wood/Wood Waste CH4 30 (10 - 100)
    ("tgo-cfo", "2022-04", "fuel-wood", "kg", "CH4", "30", "10", "100", "-66.7/+233.3"),
    # Table 3.2.1 p.3.16, Compressed Natural Gas CO2 56 100 (54 300 - 58 300)
    ("tgo-cfo", "2020-02", "cng", "kg", "CO2", "56100", "54300", "58300", "-3.2/+3.9"),
    # Table 3.2.2 p.3.21, Motor Gasoline - Oxidation Catalyst N2O 8.0 (2.6 - 24); -67.5 %, +200 %
    ("tgo-cfo", "2020-02", "gasoline-oxidation-catalyst", "L", "N2O", "8.0", "2.6", "24", "-67.5/+200.0"),
]


@pytest.mark.parametrize(("set_id", "version", "key", "per", "gas", "default", "lower", "upper", "expected"), HAND)
def test_hand_checks_against_the_printed_tables(set_id, version, key, per, gas, default, lower, upper, expected):
    assert percent(default, lower, upper) == expected  # the hand computation in the comment above
    found = row(set_id, version, key, per, gas)
    assert found["uncertainty_pct"] == expected
    if set_id == "ipcc-2006":
        assert Decimal(found["value"]) == Decimal(default)


# Rows that must stay empty, and why.
EMPTY = [
    # Vol.2 Ch.3 Table 3.2.2 p.3.21 prints "na" for the LPG limits
    ("ipcc-2006", "2006", "lpg-road", "TJ", "CH4"),
    ("ipcc-2006", "2006", "lpg-road", "TJ", "N2O"),
    ("tgo-cfo", "2022-04", "lpg-mobile", "L", "CH4_fossil"),
    # TGO's CNG CH4 (2022-04) is left as its table was filled; the IPCC row now carries the range
    ("tgo-cfo", "2022-04", "cng", "kg", "CH4_fossil"),
    # TGO publishes no uncertainty, and these rows are not built from an IPCC default
    ("tgo-cfo", "2022-04", "electricity-grid", "kWh", "CO2e"),
    ("tgo-cfo", "2022-04", "r-32", "kg", "HFC-32"),
    ("tgo-cfo", "2022-04", "septic-tank", "person_day", "CH4"),
    ("tgo-cfo", "2022-04", "waste-landfill", "kg", "CO2e"),
    # gasoline's factor applied by TGO's form to ethanol blends: its error is not the IPCC range
    ("tgo-cfo", "2022-04", "gasohol-e85", "L", "CO2"),
    # Table 3.3.1 p.3.36 prints no 4-stroke forestry CH4 (the row's value is a blank recorded as 0)
    ("tgo-cfo", "2022-04", "gasoline-4-stroke-forestry", "L", "CH4_fossil"),
]


@pytest.mark.parametrize(("set_id", "version", "key", "per", "gas"), EMPTY)
def test_rows_without_a_published_range_stay_empty(set_id, version, key, per, gas):
    found = row(set_id, version, key, per, gas)
    assert found["uncertainty_pct"] == "" and found["uncertainty_source"] == ""


def test_the_store_gives_each_gas_its_own_range():
    """What the calculation reads: IPCC diesel (Table 1.4 p.1.23; Table 2.2 p.2.16)."""
    diesel = FactorStore().load("ipcc-2006", "2006").factors["diesel-energy-industries"][0]
    ranges = {g.gas: g.uncertainty for g in diesel.gases}
    assert ranges == {"CO2": (-2.0, 0.9), "CH4": (-66.7, 233.3), "N2O": (-66.7, 233.3)}
    assert all("Table" in g.uncertainty_source for g in diesel.gases)


@pytest.mark.parametrize(
    "folder", [FACTORS / "ipcc-2006" / "2006", FACTORS / "tgo-cfo" / "2020-02", FACTORS / "tgo-cfo" / "2022-04"]
)
def test_factors_validate_accepts_the_ranges(tmp_path, folder):
    run = ghgcalc(tmp_path, "factors", "validate", str(folder))
    assert run.code == 0, run
    assert "uncertainty" not in run.stderr
