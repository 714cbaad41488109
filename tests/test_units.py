"""Units: the fast table agrees with pint, Thai spellings, bridges, errors."""

from __future__ import annotations

import pytest

from ghgcalc import units


@pytest.mark.parametrize("unit", sorted(units._SCALES))
def test_fast_scales_agree_with_pint(unit):
    kind, scale = units._SCALES[unit]
    base = {"mass": "kg", "volume": "m**3", "energy": "J", "area": "m**2", "length": "m"}.get(kind, kind)
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
        ("person-day", "person_day", 1),
        ("คน-วัน", "person_day", 1),
        ("คน", "persons", 1),
        ("ตัว", "head", 1),
        ("คัน", "vehicle", 1),
        ("ห้อง", "room", 1),
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


# Every metric spelling of a multiple of the tonne, with the kg it is; pint alone reads several of
# them as US short tons (its kiloton is 907,184.74 kg, its Mton 907,184,740 kg).
METRIC_TONS = {
    "t": 1e3,
    "ton": 1e3,
    "tons": 1e3,
    "TON": 1e3,
    "ตัน": 1e3,
    "MT": 1e3,
    "kt": 1e6,
    "KT": 1e6,
    "kton": 1e6,
    "ktons": 1e6,
    "kilotonne": 1e6,
    "kilotonnes": 1e6,
    "kiloton": 1e6,
    "kilotons": 1e6,
    "Kilotons": 1e6,
    "Gg": 1e6,
    "Mt": 1e9,
    "Mton": 1e9,
    "Mtons": 1e9,
    "megatonne": 1e9,
    "megatonnes": 1e9,
    "megaton": 1e9,
    "megatons": 1e9,
}


@pytest.mark.parametrize(("unit", "kg"), sorted(METRIC_TONS.items()))
def test_tons_are_metric(unit, kg):
    assert units.conversion_factor(unit, "kg") == pytest.approx(kg, rel=1e-12)
    # the same number through pint, from the spelling ghgcalc hands it
    registry = units.registry()
    pint_kg = registry.Quantity(1.0, units.normalise(unit)).to("kg").magnitude
    assert pint_kg == pytest.approx(kg, rel=1e-12)


def test_pint_alone_would_read_kiloton_and_mton_as_short_tons():
    # Why the spellings above are aliased: what pint makes of them by itself.
    registry = units.registry()
    assert registry.Quantity(1.0, "kiloton").to("kg").magnitude == pytest.approx(907_184.74)
    assert registry.Quantity(1.0, "Mton").to("kg").magnitude == pytest.approx(907_184_740)


def test_short_ton_only_by_name():
    assert units.conversion_factor("short_ton", "kg") == pytest.approx(907.18474)
    assert units.conversion_factor("short_tons", "t") == pytest.approx(0.90718474)


@pytest.mark.parametrize(
    "unit", ["mton", "gigaton", "Gton", "long_ton", "UK_ton", "US_ton", "ton_force", "ton_TNT", "kiloshort_ton"]
)
def test_other_tons_are_refused(unit):
    with pytest.raises(units.UnitError) as refused:
        units.check_unit(unit)
    assert refused.value.code in ("unit-ambiguous", "unit-unknown")
    assert refused.value.hint


@pytest.mark.parametrize("unit", ["mton", "gigaton", "long_ton", "UK_ton", "US_ton", "ton_force", "ton_TNT"])
def test_tons_pint_knows_are_ambiguous(unit):
    with pytest.raises(units.UnitError) as refused:
        units.check_unit(unit)
    assert refused.value.code == "unit-ambiguous"
    assert "short_ton" in (refused.value.hint or "")


@pytest.mark.parametrize(
    "unit", ["%", "percent", "ppm", "permille", "dimensionless", "radian", "degree", "1", "kWh/kWh", "count/count"]
)
def test_dimensionless_units_are_not_amounts(unit):
    with pytest.raises(units.UnitError) as refused:
        units.check_unit(unit)
    assert refused.value.code == "unit-not-amount"
    assert refused.value.hint


COUNTS = {
    "count": ["count", "unit", "units"],
    "person": ["person", "persons", "people", "คน", "staff", "employees"],
    "person_day": ["person_day", "person-day", "person-days", "person_days", "คน-วัน", "man-day", "man-days"],
    "head": ["head", "heads", "ตัว"],
    "vehicle": ["vehicle", "vehicles", "คัน"],
    "room": ["room", "rooms", "ห้อง"],
}


@pytest.mark.parametrize(("kind", "spellings"), sorted(COUNTS.items()))
def test_counts_have_kinds(kind, spellings):
    for spelling in spellings:
        assert units.count_kind(spelling) == kind, spelling
        assert units.conversion_factor(spelling, kind) == 1.0
    for other in COUNTS:
        if other != kind:
            with pytest.raises(units.UnitError) as refused:
                units.conversion_factor(spelling, other)
            assert refused.value.code == "unit-incompatible"
            # pint, with ghgcalc's definitions, keeps them apart too
            with pytest.raises(units.UnitError):
                units._pint_factor(units.normalise(spelling), other, units.Bridges())


def test_persons_for_person_days_hint_the_multiplication():
    hint = units.count_mismatch_hint("คน", "person_day", "septic-tank")
    assert hint is not None and "working days" in hint and "14,700 person-days" in hint
    assert units.count_mismatch_hint("person_day", "person_day", "septic-tank") is None
    assert units.count_mismatch_hint("kg", "person_day", "septic-tank") is None


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("diesel-mobil\u0435", "diesel-mobile"),
        ("kWh\u200b", "kWh"),
        ("diesel\u2013mobile", "diesel-mobile"),
        ("\u0440etrol", "petrol"),
        ("\uff4b\uff57\uff48", "kwh"),
        ("ลิตร", "ลิตร"),
    ],
)
def test_fold_lookalikes(text, folded):
    assert units.fold(text) == folded


def test_lookalike_hint_names_each_character():
    hint = units.lookalike_hint("diesel-mobil\u0435\u200b")
    assert "CYRILLIC SMALL LETTER IE, which looks like 'e'" in hint
    assert "ZERO WIDTH SPACE, an invisible character" in hint
    assert "\\u0435" in hint and "\u0435" not in hint


@pytest.mark.parametrize(("unit", "fix"), [("kWh\u200b", "kWh"), ("kW\u04bb", "kWh"), ("\u0441ount", "count")])
def test_unknown_units_with_lookalikes_are_shown_and_fixed(unit, fix):
    with pytest.raises(units.UnitError) as unknown:
        units.check_unit(unit)
    assert unknown.value.code == "unit-unknown"
    assert str(unknown.value).isascii()
    assert f"did you mean '{fix}'?" in (unknown.value.hint or "")


def test_spaces_of_any_kind_around_a_unit_are_ignored():
    assert units.conversion_factor("kWh\u00a0", "kWh") == 1.0
    assert units.conversion_factor("\u00a0MWh", "kWh") == 1000.0


def test_the_units_a_run_normalises_are_kept_to_a_bound():
    """normalise keeps at most 4,096 unit texts (an activity table of a million rows may write a
    million units, each kept for the rest of the run): it was also under an unbounded cache."""
    units.normalise.cache_clear()
    for number in range(5000):
        units.normalise(f"{number} kWh")
    assert units.normalise.cache_info().maxsize == 4096
    assert units.normalise.cache_info().currsize <= 4096
    assert units.normalise(" ลิตร ") == "L"
