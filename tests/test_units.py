"""Units: the fast table agrees with pint, Thai spellings, bridges, errors."""

from __future__ import annotations

import pytest

from ghgcalc import units


@pytest.mark.parametrize("unit", sorted(units._SCALES))
def test_fast_scales_agree_with_pint(unit):
    kind, scale = units._SCALES[unit]
    base = {"mass": "kg", "volume": "m**3", "energy": "J", "count": "count", "area": "m**2", "length": "m"}[kind]
    assert units._pint_factor(unit, base, units.Bridges()) == pytest.approx(scale, rel=1e-12)


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("ลิตร", "L", 1),
        ("ลบ.ม.", "m3", 1),
        ("m³", "L", 1000),
        ("กก.", "kg", 1),
        ("ตัน", "kg", 1000),
        ("ton", "kg", 1000),
        ("MWh", "kWh", 1000),
        ("กิโลวัตต์ชั่วโมง", "kWh", 1),
        ("ไร่", "m2", 1600),
        ("งาน", "m2", 400),
        ("ตารางวา", "m2", 4),
        ("rai", "ha", 0.16),
        ("GJ", "MJ", 1000),
        ("person-day", "count", 1),
        ("scf", "m3", 0.028316846592),
        ("kg", "t", 0.001),
    ],
)
def test_conversions(source, target, factor):
    assert units.conversion_factor(source, target) == pytest.approx(factor, rel=1e-12)


def test_bridges_connect_dimensions():
    assert units.conversion_factor("L", "kg", units.Bridges(density="0.54 kg/L")) == pytest.approx(0.54)
    assert units.conversion_factor("kg", "L", units.Bridges(density="0.54 kg/L")) == pytest.approx(1 / 0.54)
    assert units.conversion_factor("scf", "MJ", units.Bridges(ncv="1.02 MJ/scf")) == pytest.approx(1.02)
    both = units.Bridges(ncv="43.0 TJ/Gg", density="0.832 kg/L")
    assert units.conversion_factor("L", "TJ", both) == pytest.approx(0.832e-6 * 43.0)


def test_unknown_and_incompatible_units():
    with pytest.raises(units.UnitError) as unknown:
        units.conversion_factor("apples", "kg")
    assert unknown.value.code == "unit-unknown"
    with pytest.raises(units.UnitError) as incompatible:
        units.conversion_factor("kWh", "L")
    assert incompatible.value.code == "unit-incompatible" and incompatible.value.hint


BRIDGED = [
    # (source, target, ncv, density)
    ("L", "TJ", "43.0 TJ/Gg", "0.832 kg/L"),
    ("ML", "TJ", "43.0 TJ/Gg", "0.832 kg/L"),
    ("ML", "TJ", "47.3 TJ/Gg", "0.54 kg/L"),
    ("m3", "GJ", "48.0 TJ/Gg", "0.72 kg/m3"),
    ("t", "TJ", "25.8 TJ/Gg", None),
    ("kg", "MJ", "15.6 MJ/kg", None),
    ("L", "MJ", "36.42 MJ/L", None),
    ("ML", "TJ", "36.42 MJ/L", None),
    ("TJ", "L", "43.0 TJ/Gg", "0.832 kg/L"),
    ("kWh", "kg", "43.0 TJ/Gg", None),
    ("L", "kg", None, "0.84 kg/L"),
    ("t", "m3", None, "540 kg/m3"),
    ("L", "t", "43 TJ/Gg", "0.832 kg/L"),
]


@pytest.mark.parametrize(("source", "target", "ncv", "density"), BRIDGED)
def test_bridged_conversions_without_pint_agree_with_pint(source, target, ncv, density):
    bridges = units.Bridges(ncv=ncv, density=density)
    fast = units._quick_bridged(source, target, bridges)
    assert fast is not None
    assert fast == pytest.approx(units._pint_factor(source, target, bridges), rel=1e-12)


@pytest.mark.parametrize(
    ("source", "target", "ncv", "density"),
    [
        ("L", "TJ", None, "43.0 TJ/Gg"),  # a density that is not mass per volume
        ("L", "TJ", "0.832 kg/L", None),  # an ncv that is not energy per mass or volume
        ("L", "TJ", "-43 TJ/Gg", "0.8 kg/L"),
        ("L", "TJ", "43 TJ/Gg", "0.8 lb/gal"),  # outside the fast table: pint decides
        ("L", "kWh", None, None),
    ],
)
def test_bridges_the_fast_path_cannot_take_go_to_pint(source, target, ncv, density):
    assert units._quick_bridged(source, target, units.Bridges(ncv=ncv, density=density)) is None


def test_megalitre_is_not_millilitre():
    assert units.conversion_factor("ML", "L") == pytest.approx(1e6)
    assert units.conversion_factor("ml", "L") == pytest.approx(1e-3)
    assert units.conversion_factor("mL", "L") == pytest.approx(1e-3)


@pytest.mark.parametrize("density", [". kg/L", "1.2.3 kg/L", "0 kg/L", "inf kg/L", "nan kg/L", "1e400 kg/L"])
def test_malformed_bridges_are_left_to_pint_to_explain(density):
    assert units._quick_bridge(density, "density") is None
