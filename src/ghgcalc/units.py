"""Units: the spellings users bring, and conversions through one lazily built pint registry.

Most lines of an inventory are in the very unit of their factor (litres of diesel against a
per-litre factor); those need no conversion and never build the registry, which keeps the CLI
fast in shell loops. Everything else goes through pint, with ghgcalc's own definitions below.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from typing import TYPE_CHECKING

from ghgcalc.errors import is_visible, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.numbers import NumberError, read_number
from ghgcalc.records import Record, frozen
from ghgcalc.thai import thai_to_arabic_digits

if TYPE_CHECKING:  # pint is imported only when a conversion needs it
    import pint

# Definitions pint lacks. Sources: rai/ngan/tarang wa (1 rai = 4 ngan = 400 tarang wa = 1,600 m2);
# scf is a cubic foot of gas at standard conditions (converted as a geometric volume). Things
# counted have kinds that never convert into each other: persons, person-days, heads of livestock,
# vehicles and rooms are each a dimension of their own; pint's `count` (dimensionless) is the
# generic count, for things of no other kind.
_DEFINITIONS = """
rai = 1600 * meter ** 2
ngan = 400 * meter ** 2
tarang_wa = 4 * meter ** 2
scf = foot ** 3 = standard_cubic_foot
MMBtu = 1e6 * british_thermal_unit
person = [person]
person_day = [person_day]
head = [head]
vehicle = [vehicle]
room = [room]
"""

# Spellings users write, mapped to what pint (with the definitions above) reads. Keys are
# compared after stripping spaces; the Thai names are those of TGO forms and Thai bills.
_ALIASES = {
    "m3": "m**3",
    "m³": "m**3",
    "ลบ.ม.": "m**3",
    "ลบ.ม": "m**3",
    "ลบม": "m**3",
    "ลบม.": "m**3",
    "ลูกบาศก์เมตร": "m**3",
    "กิโลลิตร": "kL",
    "คิว": "m**3",  # spoken Thai for a cubic metre, as water and concrete are ordered
    "l": "L",
    "litre": "L",
    "liter": "L",
    "litres": "L",
    "liters": "L",
    "ลิตร": "L",
    "kg": "kg",
    "กิโลกรัม": "kg",
    "กก.": "kg",
    "กก": "kg",
    "g": "g",
    "กรัม": "g",
    # In Thailand a "ton" is the metric tonne; pint's "ton" is the US short ton.
    "t": "t",
    "mt": "t",  # "MT" in trade papers is the metric ton, never pint's millitonne
    "metric_ton": "t",
    "ton": "t",
    "tons": "t",
    "tonne": "t",
    "tonnes": "t",
    "ตัน": "t",
    "kwh": "kWh",
    "กิโลวัตต์ชั่วโมง": "kWh",
    "หน่วย": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "wh": "Wh",
    "mj": "MJ",
    "gj": "GJ",
    "tj": "TJ",
    "kj": "kJ",
    "scf": "scf",
    "mmbtu": "MMBtu",
    "rai": "rai",
    "ไร่": "rai",
    "ngan": "ngan",
    "งาน": "ngan",
    "tarang_wa": "tarang_wa",
    "tarangwa": "tarang_wa",
    "ตารางวา": "tarang_wa",
    "ตร.ว.": "tarang_wa",
    "ha": "hectare",
    "เฮกตาร์": "hectare",
    "km2": "km**2",
    "ตร.กม.": "km**2",
    "ตารางกิโลเมตร": "km**2",
    "m2": "m**2",
    "ตร.ม.": "m**2",
    "ตารางเมตร": "m**2",
    "km": "km",
    "กิโลเมตร": "km",
    "กม.": "km",
    # Counts, each of its own kind (see _DEFINITIONS): never converted into one another.
    "count": "count",
    "unit": "count",
    "units": "count",
    "person-day": "person_day",
    "person-days": "person_day",
    "person_day": "person_day",
    "person_days": "person_day",
    "personday": "person_day",
    "persondays": "person_day",
    "man-day": "person_day",
    "man-days": "person_day",
    "man_day": "person_day",
    "man_days": "person_day",
    "คน-วัน": "person_day",
    "คนวัน": "person_day",
    "คน*วัน": "person_day",
    "คนxวัน": "person_day",
    "head": "head",
    "heads": "head",
    "ตัว": "head",
    "คน": "person",
    "person": "person",
    "persons": "person",
    "people": "person",
    "staff": "person",
    "employee": "person",
    "employees": "person",
    "vehicle": "vehicle",
    "vehicles": "vehicle",
    "คัน": "vehicle",
    "room": "room",
    "rooms": "room",
    "ห้อง": "room",
    # Metric multiples of the tonne; pint would read kiloton, megaton and Mton as US short tons.
    "gg": "Gg",
    "kt": "kilotonne",
    "kton": "kilotonne",
    "ktons": "kilotonne",
    "kilotonne": "kilotonne",
    "kilotonnes": "kilotonne",
    "kiloton": "kilotonne",
    "kilotons": "kilotonne",
    "Mt": "megatonne",  # compared before lower-casing: `mt` and `MT` are the metric ton
    "Mton": "megatonne",
    "Mtons": "megatonne",
    "megatonne": "megatonne",
    "megatonnes": "megatonne",
    "megaton": "megatonne",
    "megatons": "megatonne",
}

# Exact scale factors for the common units, so the usual conversions (MWh to kWh, t to kg) need
# no pint. tests/test_units.py checks every entry against pint.
_SCALES: dict[str, tuple[str, float]] = {
    "g": ("mass", 1e-3),
    "kg": ("mass", 1.0),
    "t": ("mass", 1e3),
    "kilotonne": ("mass", 1e6),
    "Gg": ("mass", 1e6),
    "megatonne": ("mass", 1e9),
    "mL": ("volume", 1e-6),
    "L": ("volume", 1e-3),
    "kL": ("volume", 1.0),
    "ML": ("volume", 1e3),  # megalitre, as provincial fuel sales are reported; "ml" stays the millilitre
    "m**3": ("volume", 1.0),
    "Wh": ("energy", 3.6e3),
    "kWh": ("energy", 3.6e6),
    "MWh": ("energy", 3.6e9),
    "GWh": ("energy", 3.6e12),
    "kJ": ("energy", 1e3),
    "MJ": ("energy", 1e6),
    "GJ": ("energy", 1e9),
    "TJ": ("energy", 1e12),
    "count": ("count", 1.0),
    "person": ("person", 1.0),
    "person_day": ("person_day", 1.0),
    "head": ("head", 1.0),
    "vehicle": ("vehicle", 1.0),
    "room": ("room", 1.0),
    "m**2": ("area", 1.0),
    "km**2": ("area", 1e6),
    "hectare": ("area", 1e4),
    "rai": ("area", 1600.0),
    "ngan": ("area", 400.0),
    "tarang_wa": ("area", 4.0),
    "km": ("length", 1e3),
}


_BRIDGE_KINDS = {
    "density": ("[mass] / [length] ** 3",),
    "ncv": ("[energy] / [mass]", "[energy] / [length] ** 3"),
}


class UnitError(ValueError):
    """A unit that cannot be read, or cannot be converted; carries an issue code and a hint.

    `field` names the bridge ("ncv" or "density") when the problem is in one.
    """

    def __init__(self, code: str, message: str, hint: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint
        self.field = field


@frozen
class Bridges(Record):
    """Properties of a substance that connect its units: energy per mass or volume, mass per volume."""

    ncv: str | None = None
    density: str | None = None


@functools.lru_cache(maxsize=4096)  # a run's lines write a few units, each asked of many times
def normalise(unit: str) -> str:
    """The pint spelling of a unit as a user wrote it (`ลิตร` -> `L`, `m³` -> `m**3`)."""
    text = thai_to_arabic_digits(unit).strip()
    compact = re.sub(r"\s+", "", text)
    return _ALIASES.get(compact, _ALIASES.get(compact.lower(), text))


@functools.cache
def registry() -> pint.UnitRegistry:
    """The one pint registry of the process, built on first use."""
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    for line in _DEFINITIONS.strip().splitlines():
        ureg.define(line)
    return ureg


# A bridge as written: its number (digits, signs, dots, commas, an exponent; Thai digits are made
# Arabic first) and its unit. The number is then read by the one number reader, so "0,84 kg/L" is
# a decimal comma to fix, not 84 kg/L, and "1,020 MJ/scf" is a thousand and twenty.
# compiled on first use (re's cache), as the other patterns kept as text here
_BRIDGE = r"\s*([-+]?[0-9.][0-9.,_]*(?:[eE][-+]?[0-9]+)?|[-+]?[.,])\s*(.*?)\s*"
_BRIDGE_HINT = N_("write a positive number and a unit, e.g. density: 0.54 kg/L or ncv: 36.42 MJ/L")


def _bridge_parts(text: str, field: str) -> tuple[float, str]:
    """The number and the unit text of a bridge; UnitError (bridge-invalid) for a bad number."""
    match = re.compile(_BRIDGE).fullmatch(thai_to_arabic_digits(str(text)))
    shown = repr(visible(str(text)))
    if not match or not match.group(2):
        message = tr("{field} {value} is not a quantity", field=field, value=shown)
        raise UnitError(code="bridge-invalid", message=message, hint=tr(_BRIDGE_HINT), field=field)
    try:
        number = read_number(match.group(1), "", minimum=0, zero=False)
    except NumberError as problem:
        hint = tr(_BRIDGE_HINT)
        if problem.code == "number-decimal-comma":  # 0,84 kg/L -> 0.84 kg/L
            dotted = match.group(1).replace(".", "").replace(",", ".")
            hint = tr("write {field}: {number} {unit} with a dot", field=field, number=dotted, unit=match.group(2))
        message = f"{field} {shown}: {problem.message}"  # the number reader's words, after the field
        raise UnitError(code="bridge-invalid", message=message, hint=hint, field=field) from None
    return number, match.group(2)


def _quantity(text: str, field: str) -> pint.Quantity:
    """A bridge value such as '0.54 kg/L' or '1.02 MJ/scf' as a pint quantity: finite and positive."""
    ureg = registry()
    hint = tr(_BRIDGE_HINT)
    number, unit = _bridge_parts(text, field)
    unit_text = "/".join(normalise(part) for part in unit.split("/"))
    try:
        quantity = ureg.Quantity(number, unit_text)
    except Exception:  # noqa: BLE001 - pint raises several unrelated types for bad text
        message = tr("{field} {value}: the unit is not known", field=field, value=repr(text))
        raise UnitError(code="bridge-invalid", message=message, hint=hint, field=field) from None
    if not any(quantity.check(kind) for kind in _BRIDGE_KINDS[field]):
        if field == "density":
            message = tr("{field} {value} is not mass per volume", field=field, value=repr(text))
        else:
            message = tr("{field} {value} is not energy per mass or per volume", field=field, value=repr(text))
        raise UnitError(code="bridge-invalid", message=message, hint=hint, field=field)
    if not math.isfinite(float(quantity.magnitude)):
        message = tr("{field} {value} must be a finite number above zero", field=field, value=repr(text))
        raise UnitError(code="bridge-invalid", message=message, hint=hint, field=field)
    try:  # a bridge's tons are metric tonnes too: 'long_ton/m3' is refused as in an amount, so is 'kg/bbl'
        _refuse_non_metric_ton(unit, unit_text, ureg.Unit(unit_text))
        _refuse_plain_barrel(unit, ureg.Unit(unit_text))
        _refuse_plain_gallon(unit, unit_text, ureg.Unit(unit_text))
    except UnitError as exc:
        message = f"{field} {visible(str(text))!r}: {exc}"  # the ton's or barrel's own message, after the field
        raise UnitError(code="bridge-invalid", message=message, hint=exc.hint, field=field) from None
    return quantity


def check_bridge(text: str, field: str) -> None:
    """Raise UnitError (bridge-invalid) unless `text` is a valid ncv or density."""
    if _quick_bridge(text, field) is None:  # the common bridges need no pint
        _quantity(text, field)


def _unit(unit: str) -> pint.Unit:
    ureg = registry()
    written = normalise(unit)
    if not is_visible(written):
        raise UnitError(
            code="unit-unknown", message=tr("'{unit}' is not a known unit", unit=visible(unit)), hint=_suggest(unit)
        )
    try:
        parsed = ureg.Unit(written)
    except Exception:  # noqa: BLE001 - pint raises several unrelated types for unknown or malformed units
        raise UnitError(
            code="unit-unknown", message=tr("'{unit}' is not a known unit", unit=visible(unit)), hint=_suggest(unit)
        ) from None
    if "[temperature]" in parsed.dimensionality:
        raise UnitError(
            code="unit-not-amount",
            message=tr("'{unit}' is a temperature, not an amount of activity", unit=visible(unit)),
        )
    _refuse_non_metric_ton(unit, written, parsed)
    _refuse_plain_barrel(unit, parsed)
    _refuse_plain_gallon(unit, written, parsed)
    if parsed.dimensionless and written != "count":
        raise UnitError(
            code="unit-not-amount",
            message=tr("'{unit}' is a share or a pure number, not an amount of activity", unit=visible(unit)),
            hint=tr(
                "write the amount in the activity's own unit (kWh, L, t...); a share such as a loss "
                "fraction is a method parameter, and things counted are 'count' (see docs/inventory-format.md)"
            ),
        )
    return parsed


# Where pint reads a ton as the US short ton or the British long ton (with or without a prefix:
# pint's `kiloton` is 1,000 short tons), or a force or a cooling power. Metric tonnes are
# `metric_ton` in pint and pass.
_NON_METRIC_TON = r"(?:^|_)ton(?:_|$)"


def _refuse_non_metric_ton(unit: str, written: str, parsed: pint.Unit) -> None:
    if "short_ton" in written and not re.search(r"ton(?!ne)", re.sub(r"(?<![A-Za-z])short_tons?", "", written)):
        return  # every ton in it asked for by name as the short ton
    ureg = registry()
    for name in parsed._units:  # pint has no public list of the names in a compound unit
        for _prefix, root, _suffix in ureg.parse_unit_name(name):
            if re.compile(_NON_METRIC_TON).search(root) and root != "metric_ton":
                raise UnitError(
                    code="unit-ambiguous",
                    message=tr(
                        "'{unit}' would be read as {name}, a US or British ton, not the metric tonne",
                        unit=visible(unit),
                        name=name,
                    ),
                    hint=tr(
                        "in ghgcalc a ton is the metric tonne: write t (1,000 kg), kt (1,000 t) or Mt (1,000,000 t); "
                        "write short_ton only if the amount really is in US short tons"
                    ),
                )


# pint's barrel (`bbl`) is the US liquid barrel of 119 L, its beer barrel 117 L; a barrel of fuel
# is the oil barrel of 159 L, and a drum of diesel 200 L. Only `oil_barrel` (`oil_bbl`) is read.
_PLAIN_BARRELS = frozenset({"barrel", "beer_barrel"})


def _refuse_plain_barrel(unit: str, parsed: pint.Unit) -> None:
    ureg = registry()
    for name in parsed._units:  # pint has no public list of the names in a compound unit
        for _prefix, root, _suffix in ureg.parse_unit_name(name):
            if root in _PLAIN_BARRELS:
                raise UnitError(
                    code="unit-ambiguous",
                    message=tr(
                        "'{unit}' would be read as {name}, {litres} L, not the oil barrel of 159 L",
                        unit=visible(unit),
                        name=root,
                        litres=f"{ureg.Quantity(1, root).to('L').magnitude:.0f}",
                    ),
                    hint=tr(
                        "write oil_barrel for barrels of oil (42 US gallons, 159 L), or the amount in L "
                        "(a 200-litre drum is 200 L)"
                    ),
                )


# pint's gallon (`gal`) is the US gallon of 3.785 L; the imperial gallon is 4.546 L, a fifth more.
# Only a gallon named by its kind is read: `US_liquid_gallon` (or `liquid_gallon`), `imperial_gallon`.
_US_GALLON = r"(?i)(?:us_)?liquid_gallon"


def _refuse_plain_gallon(unit: str, written: str, parsed: pint.Unit) -> None:
    for name in parsed._units:  # pint has no public list of the names in a compound unit
        if name == "gallon" and not re.compile(_US_GALLON).search(written):
            raise UnitError(
                code="unit-ambiguous",
                message=tr(
                    "'{unit}' may be the US gallon (3.785 L) or the imperial gallon (4.546 L)", unit=visible(unit)
                ),
                hint=tr("write the amount in L, or the unit as US_liquid_gallon or imperial_gallon"),
            )


# หน่วย ("unit") is the kWh of a Thai electricity bill, and is read as kWh; beside a factor per L, kg
# or MJ it is a ledger's "units" of something else, and converting it as kWh (through a fuel's NCV)
# would give a plausible wrong amount.
_BILL_UNIT = "หน่วย"
_ELECTRICITY_UNITS = frozenset({"Wh", "kWh", "MWh", "GWh"})


def _refuse_bill_unit(source: str, target: str) -> None:
    if _BILL_UNIT in source and "".join(source.split()) == _BILL_UNIT and normalise(target) not in _ELECTRICITY_UNITS:
        raise UnitError(
            code="unit-ambiguous",
            message=tr(
                "'{unit}' is read as kWh, as on an electricity bill, but the factor is per {target}",
                unit=visible(source),
                target=visible(target),
            ),
            hint=tr("write the unit the amount is in ({target}, or another of its kind)", target=visible(target)),
        )


def check_unit(unit: str) -> None:
    """Raise UnitError if `unit` is not a unit ghgcalc can read."""
    if normalise(unit) not in _SCALES:
        _unit(unit)


# Words an officer writes as a unit that are no unit of an activity's amount, with what to write
# instead. Money first: its hint must never be another unit ("THB" once got "did you mean 't'?").
_MONEY_HINT = N_(
    "an amount of money is not an amount of the activity: write the quantity on the receipt or bill (litres, kg, kWh)"
)
_WORD_HINTS = {
    **dict.fromkeys(("บาท", "thb", "baht", "฿"), _MONEY_HINT),
    **dict.fromkeys(
        ("รีม", "ream", "reams"),
        N_("paper is counted in kg: a ream of 500 A4 sheets of 80 g/m² weighs 2.5 kg"),
    ),
    **dict.fromkeys(
        ("แผ่น", "sheet", "sheets"),
        N_("paper is counted in kg: an A4 sheet of 80 g/m² weighs 5 g (a ream of 500, 2.5 kg)"),
    ),
    **dict.fromkeys(
        ("ถัง", "cylinder", "cylinders", "drum", "drums"),
        N_(
            "write kg or L: the number of cylinders or drums times the size of each (an LPG cylinder "
            "of 15 or 48 kg, a drum of 200 L)"
        ),
    ),
}


def _suggest(unit: str) -> str:
    if not is_visible(unit):
        folded = fold(unit).strip()
        readable = folded and is_visible(folded) and _readable(folded)  # a folded text still odd is not tried
        fix = tr("did you mean '{name}'?", name=folded) if readable else tr("retype it with plain letters")
        return f"{lookalike_hint(unit)}; {fix}"
    lowered = unit.strip().lower().replace(" ", "")
    if lowered in _WORD_HINTS:
        return tr(_WORD_HINTS[lowered])
    for candidate in ("kWh", "MWh", "L", "kg", "t", "m3", "MJ", "GJ", "TJ", "scf", "count", "rai"):
        plain = candidate.lower()
        if lowered.startswith(plain) or plain.startswith(lowered[:2] or "?"):
            return tr("did you mean '{name}'?", name=candidate)
    return tr("use a unit such as L, kg, t, kWh, m3, MJ, scf, rai or count (see docs/inventory-format.md)")


def _readable(unit: str) -> bool:
    try:
        check_unit(unit)
    except UnitError:
        return False
    return True


# Counts: the kinds of _SCALES that are things counted, and how a message names them (in English;
# tr(COUNT_KINDS[kind]) in the language of the run).
COUNT_KINDS = {
    "count": N_("things counted"),
    "person": N_("persons"),
    "person_day": N_("person-days"),
    "head": N_("heads of livestock"),
    "vehicle": N_("vehicles"),
    "room": N_("rooms"),
}


def quick_kind(unit: str) -> str | None:
    """The kind of `unit` (mass, volume, energy, area, length, or a count's) when it is one of the
    common units of the fast table; None for any other, without loading pint."""
    found = _SCALES.get(normalise(unit))
    return found[0] if found else None


def count_kind(unit: str) -> str | None:
    """The kind of count `unit` is ('person', 'person_day', 'count'...), None if not a count."""
    found = _SCALES.get(normalise(unit))
    return found[0] if found and found[0] in COUNT_KINDS else None


def count_mismatch_hint(unit: str, per: str, key: str) -> str | None:
    """The hint for an amount counted in one kind against a factor per another kind, or None."""
    have, want = count_kind(unit), count_kind(per)
    if have is None or want is None or have == want:
        return None
    if have == "person" and want == "person_day":
        return tr(
            "{key} is per person-day: multiply persons by working days "
            "(60 persons x 245 days = 14,700 person-days) and write unit: person_day",
            key=key,
        )
    if want == "person_day":
        return tr(
            "{key} is per person-day: give the amount in person-days (persons x working days, "
            "60 x 245 = 14,700) and write unit: person_day",
            key=key,
        )
    return tr(
        "{key} is per {one} ({per}), and {have} are not converted into {want}: give the amount in {per}",
        key=key,
        one=tr(_COUNT_ONE[want]),
        per=visible(per),
        have=tr(COUNT_KINDS[have]),
        want=tr(COUNT_KINDS[want]),
    )


_COUNT_ONE = {
    "count": N_("thing counted"),
    "person": N_("person"),
    "person_day": N_("person-day"),
    "head": N_("head"),
    "vehicle": N_("vehicle"),
    "room": N_("room"),
}


# Characters that pass for ASCII ones in keys and units: Cyrillic and Greek letters, dashes and
# full-width forms (NFKC folds the last).
_LOOKALIKES = {
    **dict(zip("аеорсухіјѕԁһӏкмнтвАВЕКМНОРСТХУІЈЅ", "aeopcyxijsdhlkmhtbABEKMHOPCTXYIJS", strict=True)),
    **dict(zip("οαειρτυνκχΑΒΕΗΙΚΜΝΟΡΤΥΧΖ", "oaeiptuvkxABEHIKMNOPTYXZ", strict=True)),
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space
    "\u2007": " ",  # figure space
    "\u3000": " ",  # ideographic space
}
# Invisible characters that a copy from a web page or a word processor leaves behind.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e")


def fold(text: str) -> str:
    """`text` with look-alike characters replaced by the ASCII ones they pass for and invisible
    ones removed: `diesel-mobil\\u0435` -> `diesel-mobile`. Thai is kept."""
    out = []
    for ch in text:
        if ch in _INVISIBLE:
            continue
        ch = _LOOKALIKES.get(ch, ch)
        if not ch.isascii() and not "\u0e00" <= ch <= "\u0e7f":
            ch = unicodedata.normalize("NFKC", ch)
        out.append(ch)
    return "".join(out)


def lookalike_hint(text: str) -> str:
    """Names each character of `text` that is invisible or passes for another:
    "'\\u0435' is CYRILLIC SMALL LETTER IE, which looks like 'e'"."""
    said: list[str] = []
    for ch in dict.fromkeys(text):
        if is_visible(ch):
            continue
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        plain = fold(ch)
        if not plain.strip():
            if not plain:
                said.append(tr("'{char}' is {name}, an invisible character", char=visible(ch), name=name))
            else:
                said.append(tr("'{char}' is {name}, a space that is not a plain space", char=visible(ch), name=name))
        elif plain != ch and plain.isascii():
            said.append(tr("'{char}' is {name}, which looks like '{plain}'", char=visible(ch), name=name, plain=plain))
        else:
            said.append(tr("'{char}' is {name}", char=visible(ch), name=name))
    return "; ".join(said)


def conversion_factor(source: str, target: str, bridges: Bridges = Bridges()) -> float:
    """The number that turns an amount in `source` units into `target` units.

    Where the dimensions differ, the bridges connect them: volume -> mass by density,
    mass or volume -> energy by NCV, and back. Raises UnitError when no path exists.
    """
    _refuse_bill_unit(source, target)
    quick = quick_factor(source, target)
    if quick is not None:
        return quick
    if normalise(source) in _SCALES and normalise(target) in _SCALES:  # two kinds pint is not needed for
        if not (bridges.ncv or bridges.density):
            raise UnitError(
                code="unit-incompatible",
                message=tr("cannot convert '{source}' to '{target}'", source=visible(source), target=visible(target)),
                hint=tr(_NO_BRIDGE_HINT),
            )
        bridged = _quick_bridged(source, target, bridges)
        if bridged is not None:
            return bridged
    return _pint_factor(source, target, bridges)


def quick_factor(source: str, target: str) -> float | None:
    """The conversion between two common units of one kind, without pint; None if not that simple."""
    a, b = normalise(source), normalise(target)
    if a == b:
        return 1.0
    if a in _SCALES and b in _SCALES and _SCALES[a][0] == _SCALES[b][0]:
        return _SCALES[a][1] / _SCALES[b][1]
    return None


_NO_BRIDGE_HINT = N_("give the factor an 'ncv' (energy per mass or volume) or a 'density' (mass per volume)")
# The kinds a bridge may connect, as (numerator, denominator).
_BRIDGE_SHAPES = {"density": {("mass", "volume")}, "ncv": {("energy", "mass"), ("energy", "volume")}}


@functools.lru_cache(maxsize=4096)  # keyed by what users write: bounded
def _quick_bridge(text: str, field: str) -> tuple[str, str, float] | None:
    """A bridge such as '0.54 kg/L' as (numerator kind, denominator kind, value in base units), when
    both units are in the fast table and the bridge is of its field's kind; None leaves it to pint,
    which also explains what is wrong with a bad one."""
    try:
        number, unit = _bridge_parts(text, field)
    except UnitError:  # _quantity (pint's path) explains it
        return None
    match = re.fullmatch(r"([^/\s]+)\s*/\s*([^/\s]+)", unit)
    if not match:
        return None
    top, bottom = normalise(match.group(1)), normalise(match.group(2))
    if top not in _SCALES or bottom not in _SCALES:
        return None
    shape = (_SCALES[top][0], _SCALES[bottom][0])
    if shape not in _BRIDGE_SHAPES[field]:
        return None
    value = number * _SCALES[top][1] / _SCALES[bottom][1]
    return (shape[0], shape[1], value) if math.isfinite(value) and value > 0 else None


def bridge_ratio(given: str, own: str, field: str) -> float | None:
    """How many times the bridge `given` (a line's density or ncv) is `own` (its factor's), both in
    base units; None when they are not of one kind (energy per mass against per volume) or either is
    outside the fast table (left unchecked rather than loading pint for it)."""
    mine, theirs = _quick_bridge(given, field), _quick_bridge(own, field)
    if mine is None or theirs is None or mine[:2] != theirs[:2]:
        return None
    return mine[2] / theirs[2]


@functools.lru_cache(maxsize=4096)  # keyed by what users write: bounded
def _quick_bridged(source: str, target: str, bridges: Bridges) -> float | None:
    """`source` to `target` through the bridges without pint (the same search as `_pint_factor`),
    or None when a unit or a bridge is outside the fast table."""
    a, b = normalise(source), normalise(target)
    if a not in _SCALES or b not in _SCALES:
        return None
    steps = []
    for field, text in (("ncv", bridges.ncv), ("density", bridges.density)):
        if text:
            step = _quick_bridge(text, field)
            if step is None:
                return None
            steps.append(step)
    frontier = [(_SCALES[a][0], _SCALES[a][1])]  # (kind, amount in base units) of one source unit
    for _depth in range(len(steps) + 1):
        for kind, amount in frontier:
            if kind == _SCALES[b][0]:
                return amount / _SCALES[b][1]
        previous = frontier
        frontier = [
            (top, amount * value) for kind, amount in previous for top, bottom, value in steps if kind == bottom
        ]
        frontier += [
            (bottom, amount / value) for kind, amount in previous for top, bottom, value in steps if kind == top
        ]
    return None


@functools.lru_cache(maxsize=4096)  # keyed by what users write: bounded
def _pint_factor(source: str, target: str, bridges: Bridges) -> float:
    ureg = registry()
    start = ureg.Quantity(1.0, _unit(source))
    goal = _unit(target)
    steps = [_quantity(text, name) for name, text in (("ncv", bridges.ncv), ("density", bridges.density)) if text]
    # Breadth-first over at most two bridge steps (volume -> mass -> energy), each step a
    # multiplication or a division by one bridge.
    frontier = [start]
    for _depth in range(len(steps) + 1):
        for quantity in frontier:
            if quantity.dimensionality == goal.dimensionality:
                return float(quantity.to(goal).magnitude)
        frontier = [q * s for q in frontier for s in steps] + [q / s for q in frontier for s in steps]
    if steps:
        message = tr(
            "cannot convert '{source}' to '{target}' with the given ncv/density",
            source=visible(source),
            target=visible(target),
        )
    else:
        message = tr("cannot convert '{source}' to '{target}'", source=visible(source), target=visible(target))
    raise UnitError(code="unit-incompatible", message=message, hint=None if steps else tr(_NO_BRIDGE_HINT))
