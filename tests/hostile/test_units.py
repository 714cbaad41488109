"""Units and counts mean what people mean (issue 10 §4), through the CLI in-process.

- Every metric spelling of the kilotonne and the megatonne is 1,000 t and 1,000,000 t, never pint's
  US short ton; short tons only as `short_ton`; any other ton pint knows is refused with a hint.
- A share or a pure number (`%`, `ppm`, `dimensionless`, radians) is not an amount.
- Counts have kinds: persons, person-days, heads, vehicles, rooms and plain counts are never
  converted into one another; persons for the per-person-day septic-tank factor say how to fix it.
- Invisible and look-alike characters in keys and units are printed as escapes and named in the
  hint, with the key or unit they pass for.

Each case asserts the exit code, the located message (and its hint), that no traceback appears
(tests.helpers.ghgcalc) and that no file in the folder changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import Run, assert_input_error, at, ghgcalc, issues, snapshot, write

# A custom factor of 1 kg CO2 per metric tonne: the line's amount in tonnes is its kg of CO2.
PER_TONNE = "  - {key: sludge, per: t, kg: {CO2: 1}, scope: 1, source: test factor}\n"


def inventory(activity: str, amount: str, unit: str, factors: str = "") -> str:
    custom = f"custom_factors:\n{factors}" if factors else ""
    return (
        f"ghgcalc: 1\nname: Town\nperiod: 2567\n{custom}"
        f"activities:\n  - activity: {activity}\n    amount: {amount}\n    unit: {unit}\n"
    )


def compute(tmp_path: Path, text: str) -> Run:
    write(tmp_path, "town.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert snapshot(tmp_path) == before, "a run changed a file"
    return run


def unit_at(text: str, unit: str) -> tuple[int, int]:
    """Where the value of the line's `unit:` is."""
    line, column = at(text, f"unit: {unit}")
    return line, column + len("unit: ")


def amount_in_tonnes(run: Run) -> float:
    assert run.code == 0, run
    line = json.loads(run.stdout)["lines"][0]
    return float(line.get("amount_in_factor_unit", line["amount"]))


# --------------------------------------------------------------------------------------------
# Tons: metric in every spelling a person writes


# spelling -> tonnes in one of it (1 kt = 1,000 t, 1 Mt = 1,000,000 t; a US short ton is 2,000 lb
# of 0.45359237 kg)
METRIC = {
    "t": 1.0,
    "ton": 1.0,
    "tons": 1.0,
    "Tons": 1.0,
    "tonne": 1.0,
    "ตัน": 1.0,
    "MT": 1.0,
    "kt": 1e3,
    "KT": 1e3,
    "kton": 1e3,
    "ktons": 1e3,
    "kilotonne": 1e3,
    "kilotonnes": 1e3,
    "kiloton": 1e3,
    "kilotons": 1e3,
    "Kilotons": 1e3,
    "Gg": 1e3,
    "Mt": 1e6,
    "Mton": 1e6,
    "Mtons": 1e6,
    "megatonne": 1e6,
    "megatonnes": 1e6,
    "megaton": 1e6,
    "megatons": 1e6,
    "Megatons": 1e6,
    "short_ton": 2000 * 0.45359237 / 1000,
    "short_tons": 2000 * 0.45359237 / 1000,
}


@pytest.mark.parametrize(("unit", "tonnes"), METRIC.items(), ids=METRIC.keys())
def test_tons_are_metric_unless_short_ton_is_written(tmp_path: Path, unit: str, tonnes: float) -> None:
    run = compute(tmp_path, inventory("sludge", "2", unit, PER_TONNE))
    assert amount_in_tonnes(run) == pytest.approx(2 * tonnes, rel=1e-12)
    assert run.stderr.strip() == "" or "error[" not in run.stderr


# Every other ton pint knows: US or British, prefixed, a force, an energy. Refused, with the fix.
OTHER_TONS = ["mton", "gigaton", "Gton", "long_ton", "UK_ton", "US_ton", "ton_force", "long_ton_force", "ton_TNT"]


@pytest.mark.parametrize("unit", OTHER_TONS)
def test_tons_pint_reads_as_us_or_british_are_refused(tmp_path: Path, unit: str) -> None:
    text = inventory("sludge", "2", unit, PER_TONNE)
    run = compute(tmp_path, text)
    assert_input_error(
        run, "town.yaml", "unit-ambiguous", unit_at(text, unit), hint="short_ton", message="metric tonne"
    )


def test_a_ton_for_a_bundled_per_kg_factor_is_a_metric_tonne(tmp_path: Path) -> None:
    per_kg = compute(tmp_path, inventory("waste-landfill", "1000", "kg"))
    per_t = compute(tmp_path, inventory("waste-landfill", "1", "ton"))
    assert json.loads(per_t.stdout)["total_t_co2e"] == pytest.approx(json.loads(per_kg.stdout)["total_t_co2e"])


# --------------------------------------------------------------------------------------------
# Shares and pure numbers are not amounts

NOT_AMOUNTS = {
    "percent-sign": '"%"',
    "percent": "percent",
    "ppm": "ppm",
    "permille": "permille",
    "dimensionless": "dimensionless",
    "radian": "radian",
    "a-bare-number": '"1"',
    "kwh-per-kwh": "kWh/kWh",
}


@pytest.mark.parametrize("unit", NOT_AMOUNTS.values(), ids=NOT_AMOUNTS.keys())
def test_a_share_is_not_an_amount(tmp_path: Path, unit: str) -> None:
    text = inventory("electricity-grid", "12", unit)
    run = compute(tmp_path, text)
    assert_input_error(
        run, "town.yaml", "unit-not-amount", unit_at(text, unit), hint="activity's own unit", message="not an amount"
    )


# --------------------------------------------------------------------------------------------
# Counts have kinds

PERSONS = ["คน", "persons", "person", "staff", "people"]


@pytest.mark.parametrize("unit", PERSONS)
def test_persons_for_the_per_person_day_septic_tank_factor_show_the_fix(tmp_path: Path, unit: str) -> None:
    text = inventory("septic-tank", "60", unit)
    run = compute(tmp_path, text)
    printed = assert_input_error(
        run,
        "town.yaml",
        "unit-incompatible",
        unit_at(text, unit),
        hint="multiply persons by working days (60 persons x 245 days = 14,700 person-days)",
    )
    assert "septic-tank" in printed.message and "person_day" in printed.message


PERSON_DAYS = ["person_day", "person-days", "person_days", "คน-วัน", "man-days", "Person-Days"]


@pytest.mark.parametrize("unit", PERSON_DAYS)
def test_person_days_are_accepted_in_every_spelling(tmp_path: Path, unit: str) -> None:
    reference = compute(tmp_path, inventory("septic-tank", "14700", "person_day"))
    run = compute(tmp_path, inventory("septic-tank", "14700", unit))
    assert run.code == 0, run
    assert json.loads(run.stdout)["by_gas_t"] == json.loads(reference.stdout)["by_gas_t"]
    assert json.loads(run.stdout)["lines"][0]["factor"]["per"] == "person_day"


def test_septic_tank_in_person_days_is_working_days_times_staff(tmp_path: Path) -> None:
    # The TGO form multiplies working days x employees x 0.012 kg CH4: the line in person-days
    # and the form's own method (tgo-septic-tank) give the same CH4.
    line = compute(tmp_path, inventory("septic-tank", "14700", "person_day"))
    method = compute(
        tmp_path,
        "ghgcalc: 1\nname: Town\nperiod: 2567\nactivities:\n"
        "  - {method: tgo-septic-tank, params: {working_days: 245, employees: 60}}\n",
    )
    assert method.code == 0, method
    assert json.loads(line.stdout)["by_gas_t"]["CH4"] == pytest.approx(json.loads(method.stdout)["by_gas_t"]["CH4"])


# A custom factor per one kind of count, and an amount counted in another kind.
def per(kind: str) -> str:
    return f"  - {{key: counted, per: {kind}, kg: {{CO2: 1}}, scope: 1, source: test factor}}\n"


# name -> (the factor's per, the line's unit)
KINDS = {
    "heads-for-per-person": ("person", "ตัว"),
    "heads-for-per-person-english": ("persons", "heads"),
    "persons-for-per-head": ("head", "คน"),
    "vehicles-for-per-room": ("room", "คัน"),
    "rooms-for-per-vehicle": ("vehicle", "ห้อง"),
    "persons-for-per-count": ("count", "persons"),
    "count-for-per-person": ("person", "count"),
    "units-for-per-vehicle": ("vehicle", "units"),
    "person-days-for-per-person": ("person", "person_day"),
    "count-for-per-person-day": ("person_day", "count"),
}


@pytest.mark.parametrize("case", KINDS.values(), ids=KINDS.keys())
def test_counts_of_different_kinds_are_not_interchangeable(tmp_path: Path, case: tuple[str, str]) -> None:
    kind, unit = case
    text = inventory("counted", "60", unit, per(kind))
    run = compute(tmp_path, text)
    printed = assert_input_error(run, "town.yaml", "unit-incompatible", unit_at(text, unit), hint="counted is per")
    assert "counts" in printed.message


SAME_KIND = {
    "persons": ("person", "คน"),
    "heads": ("head", "ตัว"),
    "vehicles": ("vehicle", "คัน"),
    "rooms": ("room", "ห้อง"),
    "count": ("count", "units"),
}


@pytest.mark.parametrize("case", SAME_KIND.values(), ids=SAME_KIND.keys())
def test_a_count_of_the_factors_own_kind_is_accepted(tmp_path: Path, case: tuple[str, str]) -> None:
    kind, unit = case
    run = compute(tmp_path, inventory("counted", "60", unit, per(kind)))
    assert run.code == 0, run
    assert json.loads(run.stdout)["by_gas_t"]["CO2"] == pytest.approx(60 / 1000)


# --------------------------------------------------------------------------------------------
# Invisible and look-alike characters

# name -> (the key as written, how it is printed, the character's name, the key it passes for)
KEYS = {
    "cyrillic-e": ("diesel-mobil\u0435", "diesel-mobil\\u0435", "CYRILLIC SMALL LETTER IE", "diesel-mobile"),
    "cyrillic-o": ("diesel-m\u043ebile", "diesel-m\\u043ebile", "CYRILLIC SMALL LETTER O", "diesel-mobile"),
    "cyrillic-a-and-o": ("p\u0430per", "p\\u0430per", "CYRILLIC SMALL LETTER A", "paper"),
    "zero-width-space": ("electricity-grid\u200b", "electricity-grid\\u200b", "ZERO WIDTH SPACE", "electricity-grid"),
    "en-dash": ("diesel\u2013mobile", "diesel\\u2013mobile", "EN DASH", "diesel-mobile"),
    "greek-omicron": ("lpg-stati\u03bfnary", "lpg-stati\\u03bfnary", "GREEK SMALL LETTER OMICRON", "lpg-stationary"),
    "soft-hyphen": ("diesel-\u00admobile", "diesel-\\xadmobile", "SOFT HYPHEN", "diesel-mobile"),
}


@pytest.mark.parametrize("case", KEYS.values(), ids=KEYS.keys())
def test_lookalike_keys_are_shown_escaped_and_named(tmp_path: Path, case: tuple[str, str, str, str]) -> None:
    key, shown, name, meant = case
    text = inventory(f'"{key}"', "10", "L")
    run = compute(tmp_path, text)
    printed = assert_input_error(
        run, "town.yaml", "factor-missing", at(text, f'"{key}"'), hint=f"did you mean '{meant}'?"
    )
    assert f"'{shown}'" in printed.message
    assert name in (printed.hint or "")
    assert key not in run.stderr  # the raw characters never reach the terminal


# name -> (the unit as written, how it is printed, the character's name, the unit it passes for)
UNITS = {
    "zero-width-space": ("kWh\u200b", "kWh\\u200b", "ZERO WIDTH SPACE", "kWh"),
    "word-joiner": ("k\u2060Wh", "k\\u2060Wh", "WORD JOINER", "kWh"),
    "cyrillic-shha": ("kW\u04bb", "kW\\u04bb", "CYRILLIC SMALL LETTER SHHA", "kWh"),
    "bom": ("\ufeffkWh", "\\ufeffkWh", "ZERO WIDTH NO-BREAK SPACE", "kWh"),
    "fullwidth": ("\uff4b\uff57\uff48", "\\uff4b\\uff57\\uff48", "FULLWIDTH LATIN SMALL LETTER K", "kwh"),
    "bidi-override": ("\u202ekWh", "\\u202ekWh", "RIGHT-TO-LEFT OVERRIDE", "kWh"),
}


@pytest.mark.parametrize("case", UNITS.values(), ids=UNITS.keys())
def test_lookalike_units_are_shown_escaped_and_named(tmp_path: Path, case: tuple[str, str, str, str]) -> None:
    unit, shown, name, meant = case
    text = inventory("electricity-grid", "10", f'"{unit}"')
    run = compute(tmp_path, text)
    printed = assert_input_error(
        run, "town.yaml", "unit-unknown", unit_at(text, f'"{unit}"'), hint=f"did you mean '{meant}'?"
    )
    assert f"'{shown}'" in printed.message
    assert name in (printed.hint or "")
    assert unit not in run.stderr


def test_a_cyrillic_letter_in_a_unit_that_passes_for_nothing_is_still_named(tmp_path: Path) -> None:
    text = inventory("electricity-grid", "10", '"\u0441\u043ebbles"')
    run = compute(tmp_path, text)
    printed = assert_input_error(run, "town.yaml", "unit-unknown", unit_at(text, '"'), hint="CYRILLIC SMALL LETTER ES")
    assert "'\\u0441\\u043ebbles'" in printed.message


def test_a_no_break_space_inside_a_unit_is_named(tmp_path: Path) -> None:
    text = inventory("electricity-grid", "10", '"US\u00a0gallon"')
    run = compute(tmp_path, text)
    printed = assert_input_error(run, "town.yaml", "unit-unknown", unit_at(text, '"US'), hint="NO-BREAK SPACE")
    assert "US\\xa0gallon" in printed.message


@pytest.mark.parametrize("unit", ['"kWh\u00a0"', '"\u00a0kWh"', '"k\u00a0Wh"', '"MWh\u202f"'])
def test_spaces_of_any_kind_around_or_inside_a_short_unit_are_ignored(tmp_path: Path, unit: str) -> None:
    # A unit is read ignoring spaces (docs/inventory-format.md): a no-break space is a space.
    plain = compute(tmp_path, inventory("electricity-grid", "10", unit.replace("\u00a0", "").replace("\u202f", "")))
    run = compute(tmp_path, inventory("electricity-grid", "10", unit))
    assert run.code == 0, run
    assert json.loads(run.stdout)["total_t_co2e"] == json.loads(plain.stdout)["total_t_co2e"]


def test_a_lookalike_custom_factor_key_is_refused_shown_and_named(tmp_path: Path) -> None:
    # A custom factor's key is plain lowercase ASCII: one with a Cyrillic letter is refused where it
    # is defined, printed escaped, the letter named.
    key = "sl\u0443dge"
    factor = f'  - {{key: "{key}", per: t, kg: {{CO2: 1}}, scope: 1, source: test factor}}\n'
    text = inventory(f'"{key}"', "2", "t", factor)
    run = compute(tmp_path, text)
    printed = assert_input_error(
        run, "town.yaml", "value-invalid", at(text, f'"{key}"'), hint="CYRILLIC SMALL LETTER U, which looks like 'y'"
    )
    assert "'sl\\u0443dge'" in printed.message
    assert key not in run.stderr


def test_many_lookalike_lines_each_get_their_own_message(tmp_path: Path) -> None:
    lines = "".join(
        f'  - {{activity: "{key}", amount: 1, unit: L}}\n'
        for key in ("diesel-mobil\u0435", "diesel-m\u043ebile", "d\u0456esel-mobile")
    )
    run = compute(tmp_path, f"ghgcalc: 1\nname: Town\nperiod: 2567\nactivities:\n{lines}")
    missing = [p for p in issues(run.stderr) if p.code == "factor-missing"]
    assert run.code == 1 and len(missing) == 3
    assert all("did you mean 'diesel-mobile'?" in (p.hint or "") for p in missing)
    assert run.stderr.isascii()


# Characters that pass for nothing: named, never a crash (folding them leaves them as they are).
ODD_UNITS = {
    "combining-accent": ("kWh\u0301", "kWh\\u0301", "COMBINING ACUTE ACCENT"),
    "cjk": ("\u4e00", "\\u4e00", "CJK UNIFIED IDEOGRAPH-4E00"),
    "accented-letter": ("k\u00e9", "k\\xe9", "LATIN SMALL LETTER E WITH ACUTE"),
    "emoji": ("\U0001f600", "\\U0001f600", "GRINNING FACE"),
    "only-a-zero-width-space": ("\u200b", "\\u200b", "ZERO WIDTH SPACE"),
}


@pytest.mark.parametrize("case", ODD_UNITS.values(), ids=ODD_UNITS.keys())
def test_units_of_characters_that_pass_for_nothing_are_named(tmp_path: Path, case: tuple[str, str, str]) -> None:
    unit, shown, name = case
    text = inventory("electricity-grid", "10", f'"{unit}"')
    run = compute(tmp_path, text)
    printed = assert_input_error(run, "town.yaml", "unit-unknown", unit_at(text, '"'), hint=name)
    assert f"'{shown}'" in printed.message
    assert run.stderr.isascii()


@pytest.mark.parametrize(
    ("density", "refused"),
    [("0.8 long_ton/m3", True), ("0.8 UK_ton/m3", True), ("0.0008 kt/m3", False), ("0.0008 short_ton/L", False)],
)
def test_a_bridge_reads_tons_as_amounts_do(tmp_path: Path, density: str, refused: bool) -> None:
    text = (
        "ghgcalc: 1\nname: T\nperiod: 2567\nactivities:\n"
        f"  - {{activity: diesel-stationary, amount: 100, unit: kg, density: '{density}'}}\n"
    )
    write(tmp_path, "b.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "b.yaml", "-f", "json")
    if refused:
        assert_input_error(run, "b.yaml", "bridge-invalid", at(text, "'0.8"), hint="metric tonne")
    else:
        assert run.code == 0, run
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------------------------
# A barrel of fuel is the oil barrel (159 L); pint's barrel is the US liquid barrel (119 L), and a
# drum of diesel is 200 L: every plain barrel is refused, with the fix


@pytest.mark.parametrize("unit", ["bbl", "barrel", "barrels", "beer_barrel"])
def test_a_barrel_pint_reads_as_119_litres_is_refused(tmp_path: Path, unit: str) -> None:
    text = inventory("diesel-mobile", "10", unit)
    run = compute(tmp_path, text)
    assert_input_error(run, "town.yaml", "unit-ambiguous", unit_at(text, unit), hint="oil_barrel", message="159 L")


def test_the_oil_barrel_asked_for_by_name_is_42_us_gallons(tmp_path: Path) -> None:
    per_barrel = compute(tmp_path, inventory("diesel-mobile", "10", "oil_barrel"))
    per_litre = compute(tmp_path, inventory("diesel-mobile", str(10 * 158.987294928), "L"))
    assert json.loads(per_barrel.stdout)["total_t_co2e"] == pytest.approx(json.loads(per_litre.stdout)["total_t_co2e"])


def test_a_bridge_per_barrel_is_refused_too(tmp_path: Path) -> None:
    text = inventory("diesel-road", "1000", "L").replace("period: 2567\n", "period: 2567\nfactors: [ipcc-2006]\n")
    run = compute(tmp_path, text + '    density: "132 kg/bbl"\n')
    assert run.code == 1 and "bridge-invalid" in run.stderr and "oil_barrel" in run.stderr, run


# --------------------------------------------------------------------------------------------
# pint's gallon is the US gallon (3.785 L); the imperial gallon is 4.546 L: a plain gallon is
# refused, a gallon named by its kind is read


@pytest.mark.parametrize("unit", ["gal", "gallon", "gallons"])
def test_a_gallon_of_no_kind_is_refused(tmp_path: Path, unit: str) -> None:
    text = inventory("diesel-mobile", "10", unit)
    run = compute(tmp_path, text)
    assert_input_error(
        run, "town.yaml", "unit-ambiguous", unit_at(text, unit), hint="imperial_gallon", message="4.546 L"
    )


@pytest.mark.parametrize(("unit", "litres"), [("US_liquid_gallon", 3.785411784), ("imperial_gallon", 4.54609)])
def test_a_gallon_named_by_its_kind_is_read(tmp_path: Path, unit: str, litres: float) -> None:
    per_gallon = compute(tmp_path, inventory("diesel-mobile", "10", unit))
    per_litre = compute(tmp_path, inventory("diesel-mobile", str(10 * litres), "L"))
    assert json.loads(per_gallon.stdout)["total_t_co2e"] == pytest.approx(json.loads(per_litre.stdout)["total_t_co2e"])


# --------------------------------------------------------------------------------------------
# หน่วย is the kWh of an electricity bill: beside a fuel's factor per L it was read as kWh of the
# fuel's energy (2 หน่วย of diesel = 0.2 L through its NCV), a plausible wrong amount


@pytest.mark.parametrize(("activity", "per"), [("diesel-mobile", "L"), ("paper", "kg")])
def test_the_bill_unit_beside_a_fuel_is_refused(tmp_path: Path, activity: str, per: str) -> None:
    text = inventory(activity, "200", "หน่วย")
    run = compute(tmp_path, text)
    assert_input_error(
        run, "town.yaml", "unit-ambiguous", unit_at(text, "หน่วย"), hint=f"({per}, or", message=f"per {per}"
    )


def test_the_bill_unit_beside_electricity_is_a_kwh(tmp_path: Path) -> None:
    in_units = compute(tmp_path, inventory("electricity-grid", "24000", "หน่วย"))
    in_kwh = compute(tmp_path, inventory("electricity-grid", "24000", "kWh"))
    assert in_units.code == 0, in_units
    assert json.loads(in_units.stdout)["total_t_co2e"] == json.loads(in_kwh.stdout)["total_t_co2e"]


# --------------------------------------------------------------------------------------------
# Words written as units: each refused with what to write; money never gets another unit as its
# hint ('THB' got "did you mean 't'?", which turned 100 baht of diesel into 100 tonnes)


@pytest.mark.parametrize(
    ("activity", "unit", "hint"),
    [
        ("diesel-mobile", "THB", "money"),
        ("diesel-mobile", "บาท", "money"),
        ("paper", "รีม", "2.5 kg"),
        ("paper", "ream", "2.5 kg"),
        ("paper", "แผ่น", "5 g"),
        ("lpg-stationary", "ถัง", "cylinders or drums"),
    ],
)
def test_a_word_that_is_no_unit_is_refused_with_what_to_write(tmp_path: Path, activity: str, unit: str, hint: str):
    text = inventory(activity, "100", unit)
    run = compute(tmp_path, text)
    assert_input_error(run, "town.yaml", "unit-unknown", unit_at(text, unit), hint=hint)
    assert "did you mean" not in run.stderr


def test_a_cubic_metre_in_spoken_thai_is_a_cubic_metre(tmp_path: Path) -> None:
    spoken = compute(tmp_path, inventory("tap-water-pwa", "120", "คิว"))
    written = compute(tmp_path, inventory("tap-water-pwa", "120", "m3"))
    assert spoken.code == 0, spoken
    assert json.loads(spoken.stdout)["total_t_co2e"] == json.loads(written.stdout)["total_t_co2e"]


@pytest.mark.parametrize(("written", "same_as"), [("กิโลลิตร", "kL"), ("ตร.ม.", "m2"), ("ตารางกิโลเมตร", "km2")])
def test_thai_names_of_metric_units_are_read(written: str, same_as: str) -> None:
    from ghgcalc.units import conversion_factor

    assert conversion_factor(written, same_as) == 1.0
