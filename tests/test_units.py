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
