"""The one strict reader of a number a person wrote (docs/inventory-format.md, "How numbers are read").

Every number in an inventory, a plan, a catalogue, a factor set or a workbook cell goes through
`read_number`, so the same text means the same number everywhere:

- accepted: int and float (never bool), and text with Thai digits (๑๒,๕๐๐), thousands separators
  between groups of three digits ("12,500", "1,234,567.5"; one space between two groups, "12 500",
  but not "100 200 300", which may be three months), surrounding spaces and no-break spaces,
  a leading + and exponent notation (2.5e3);
- refused, naming the field: a decimal comma ("0,84", "12,50", "1.234,5": the hint gives the dot
  form), hexadecimal, binary and octal (0x1A, 0b101, 0o17), underscores (1_000), yes/no answers
  (true, false, yes, no, on, off), dates and timestamps, empty values, lists and mappings, NaN and
  infinity, and anything beyond `maximum` (by default 1e15: no number a person writes into a
  greenhouse-gas inventory is larger; bigger is a typo or an attack).

Whether zero and negatives are allowed is the caller's choice (`minimum`, `zero`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from fractions import Fraction

from ghgcalc.i18n import N_, tr
from ghgcalc.thai import thai_to_arabic_digits

# No number a person writes into an inventory, a plan or a factor set is larger than this, in any
# unit (a province's yearly electricity is ~1e10 kWh; the whole world's CO2 is ~4e13 kg).
LARGEST_NUMBER = 1e15
# Nor is any number other than 0 smaller than this (the smallest factor TGO publishes is ~1e-7 t
# per unit): 1e-320 is a slip or an attack, and as a divisor (staff, an output) it makes an
# intensity infinite.
SMALLEST_NUMBER = 1e-15

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# "12,500" and "1,234,567.5": commas only between groups of three digits, the first group not a
# lone 0 ("0,840" is a decimal comma, not eight hundred and forty)
_GROUPED = re.compile(r"[+-]?(?!0,)\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?")
# (the patterns kept as text are compiled on first use, by re's own cache: a number written
# plainly needs none of them, and compiling them at import cost every run)
# spaces as thousands separators: "12 500"
_SPACED = r"[+-]?\d{1,3}( \d{3})+(\.\d*)?"
# "0,84", "12,50", "1.234,5", "1.234.567,89": a comma used as the decimal mark
_DECIMAL_COMMA = r"[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+"
_BASES = {
    "0x": N_("{shown} is a hexadecimal number"),
    "0b": N_("{shown} is a binary number"),
    "0o": N_("{shown} is an octal number"),
}
_ANSWERS = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n"})
_NOT_FINITE = frozenset({"nan", ".nan", "inf", ".inf", "infinity", "+inf", "+.inf", "-inf", "-.inf", "-infinity"})
_DATE_LIKE = re.compile(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}([ tT].*)?")
# a number with a unit written after it: "1,250 kWh", "12.5t", "๑,๒๕๐ ลิตร" (the unit has a letter)
_WITH_UNIT = r"([+-]?\d[\d.,\s]*?(?:[eE][+-]?\d+)?)\s*([^\d\s.,+-].*)"  # with re.DOTALL
_SPACES = " \t\u00a0\u2007\u202f\u3000"
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})


_YES_NO_HINT = N_("write the number itself; a yes/no answer is not one")


class NumberError(ValueError):
    """A number a person wrote that cannot be read: a stable `code`, a message and a `hint`.

    Codes: number-invalid, number-decimal-comma, number-not-finite, number-negative, number-zero,
    number-too-small, number-too-large. `kind` is the code without its "number-" prefix, for
    callers that name their own codes (amount-negative, bridge-invalid...).
    """

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint

    @property
    def kind(self) -> str:
        return self.code.removeprefix("number-")


def _fail(code: str, what: str, problem: str, hint: str | None = None) -> NumberError:
    """`what` ("the amount", "density") opens the message; an empty `what` leaves it to the caller."""
    return NumberError(f"number-{code}", f"{what}: {problem}" if what else problem, hint)


def _empty(what: str) -> NumberError:
    return NumberError(
        "number-invalid", tr("{what} is empty", what=what or tr("the value")), tr("write a number, e.g. 12.5")
    )


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def read_number(
    value: object,
    what: str | None = None,
    *,
    minimum: float | None = None,
    zero: bool = True,
    maximum: float = LARGEST_NUMBER,
) -> float:
    """`value` as a finite float, or NumberError naming `what` (e.g. "the amount", "density"; in the
    language of the run, or a field's key; None: "the value", "": the caller names it).

    `minimum` is the smallest allowed value (0 refuses negatives with code number-negative);
    `zero=False` refuses 0 (number-zero); `maximum` bounds the magnitude (number-too-large).
    """
    if what is None:
        what = tr("the value")
    number = _read(value, what, minimum)
    if math.isnan(number) or math.isinf(number):
        raise _fail(
            "not-finite",
            what,
            tr("{value} is not a finite number", value=repr(value)),
            tr("write an ordinary number, e.g. 12.5"),
        )
    if minimum is not None and number < minimum:
        if minimum == 0:
            raise _fail(
                "negative", what, tr("{value} is negative", value=_text(value)), tr("write a number of 0 or more")
            )
        raise _fail(
            "too-small",
            what,
            tr("{value} is below {minimum}", value=_text(value), minimum=format(minimum, "g")),
            tr("write a number of {minimum} or more", minimum=format(minimum, "g")),
        )
    if not zero and number == 0:
        raise _fail("zero", what, tr("{value} is zero", value=_text(value)), tr("write a number above 0"))
    if number != 0 and abs(number) < SMALLEST_NUMBER:
        raise _fail(
            "too-small",
            what,
            tr("{value} is implausibly small", value=_text(value)),
            tr("numbers here are 0 or at least {smallest}; check the exponent (e-320?) or the unit", smallest="1e-15"),
        )
    if abs(number) > maximum:
        raise _fail(
            "too-large",
            what,
            tr("{value} is implausibly large", value=_text(value)),
            tr(
                "numbers here are at most {maximum}; check for extra digits or a wrong unit",
                maximum=format(maximum, "g"),
            ),
        )
    return number + 0.0  # -0.0 becomes 0.0


def _text(value: object) -> str:
    return _shown(value) if isinstance(value, str) else repr(value)


def _read(value: object, what: str, minimum: float | None) -> float:
    kind = type(value)
    if kind is float:
        return value  # type: ignore[return-value]  # checked just above
    if isinstance(value, bool):
        word = str(value).lower()
        raise _fail("invalid", what, tr("{value} is not a number", value=word), tr(_YES_NO_HINT))
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:  # an integer with hundreds of digits
            raise _overflow(value < 0, what, minimum) from None
    if isinstance(value, float | Decimal | Fraction):
        try:
            return float(value)
        except OverflowError:
            raise _overflow(value < 0, what, minimum) from None
    if isinstance(value, dt.date | dt.datetime):
        raise _fail(
            "invalid",
            what,
            tr("the date {date} is not a number", date=value.isoformat()),
            tr("write the number itself; if it is a number, put it in quotes"),
        )
    if isinstance(value, dt.time | dt.timedelta):  # a TIME or INTERVAL column of a table
        shown = value.isoformat() if isinstance(value, dt.time) else _duration(value)
        problem = (
            tr("the time {time} is not a number", time=shown)
            if isinstance(value, dt.time)
            else tr("the duration {duration} is not a number", duration=shown)
        )
        raise _fail("invalid", what, problem, tr("write the amount as a number, not as a time or a duration"))
    if value is None:
        raise _empty(what)
    if not isinstance(value, str):
        if isinstance(value, list | tuple):
            problem = tr("a list is not a number")
        elif isinstance(value, dict):
            problem = tr("a mapping is not a number")
        else:
            problem = tr("this is not a number")
        raise _fail("invalid", what, problem, tr("write one number, e.g. 12.5"))
    return _read_text(value, what, minimum)


def _duration(value: dt.timedelta) -> str:
    """A duration as a clock reads it, with its days: 02:30:00, or 3 days 02:00:00."""
    negative = value < dt.timedelta(0)
    days, seconds = divmod(abs(value), dt.timedelta(days=1))
    hours, rest = divmod(int(seconds.total_seconds()), 3600)
    clock = f"{hours:02}:{rest // 60:02}:{rest % 60:02}"
    return ("-" if negative else "") + (tr("{days} days {clock}", days=days, clock=clock) if days else clock)


def _overflow(negative: bool, what: str, minimum: float | None, shown: str | None = None) -> NumberError:
    shown = shown or tr("the number")
    if negative and minimum is not None and minimum >= 0:
        return _fail("negative", what, tr("{value} is negative", value=shown), tr("write a number of 0 or more"))
    return _fail(
        "too-large",
        what,
        tr("{value} is implausibly large", value=shown),
        tr("check for extra digits or a wrong unit"),
    )


def _read_text(value: str, what: str, minimum: float | None) -> float:
    text = thai_to_arabic_digits(value).strip(_SPACES).translate(_MINUS_SIGNS)
    if not text:
        raise _empty(what)
    lowered = text.lower()
    if lowered in _ANSWERS:
        raise _fail("invalid", what, tr("{value} is not a number", value=lowered), tr(_YES_NO_HINT))
    if lowered in _NOT_FINITE:
        raise _fail(
            "not-finite",
            what,
            tr("{value} is not a finite number", value=_shown(value)),
            tr("write an ordinary number, e.g. 12.5"),
        )
    if _PLAIN.fullmatch(text):
        cleaned = text
    elif _GROUPED.fullmatch(text):
        cleaned = text.replace(",", "")
    elif re.compile(_SPACED).fullmatch(spaced := text.replace("\u00a0", " ").replace("\u202f", " ")):
        groups = spaced.split(" ")
        if len(groups) > 2:  # "100 200 300": one number in groups, or three months typed with spaces?
            raise _fail(
                "invalid",
                what,
                tr(
                    "{shown} may be one number or {count} numbers written with spaces",
                    shown=_shown(value),
                    count=len(groups),
                ),
                tr(
                    "write {grouped} if it is one number; if they are {count} numbers (months), give each "
                    "its own place: a list [{listed}] in YAML, or a month column in Excel",
                    grouped=_grouped("".join(groups)),
                    count=len(groups),
                    listed=", ".join(groups),
                ),
            )
        cleaned = "".join(groups)
    else:
        raise _unreadable(value, text, what)
    number = float(cleaned)
    if math.isinf(number):  # digits that overflow: 1e400
        raise _overflow(number < 0, what, minimum, _shown(value))
    return number


def _unreadable(value: str, text: str, what: str) -> NumberError:
    shown = _shown(value)
    lowered = text.lower().lstrip("+-")
    if re.compile(_DECIMAL_COMMA).fullmatch(text):
        dotted = text.replace(".", "").replace(",", ".")
        return _fail(
            "decimal-comma",
            what,
            tr("{shown} has a decimal comma; commas may only separate thousands (12,500)", shown=shown),
            tr("write {number} with a dot for the decimals", number=dotted),
        )
    if lowered[:2] in _BASES and len(lowered) > 2:
        return _fail(
            "invalid", what, tr(_BASES[lowered[:2]], shown=shown), tr("write the number in ordinary decimal digits")
        )
    if "_" in text and text.replace("_", "").replace(".", "").lstrip("+-").isdigit():
        plain = text.replace("_", "")
        return _fail(
            "invalid",
            what,
            tr("{shown} has underscores", shown=shown),
            tr("write {plain}, or {grouped} with thousands commas", plain=plain, grouped=_grouped(plain)),
        )
    if _DATE_LIKE.fullmatch(text):
        return _fail("invalid", what, tr("{shown} is a date, not a number", shown=shown), tr("write the number itself"))
    with_unit = re.compile(_WITH_UNIT, re.DOTALL).fullmatch(text)
    if with_unit and any(ch.isalpha() for ch in with_unit.group(2)):
        return _unit_with_number(shown, with_unit.group(1).strip(), with_unit.group(2).strip(), what)
    if "," in text and all(part.strip().lstrip("+-").replace(".", "", 1).isdigit() for part in text.split(",")):
        return _fail(
            "invalid",
            what,
            tr("{shown} is not a number: commas may only separate thousands (12,500)", shown=shown),
            tr("write one number; put a list of numbers in [ ] with quotes around each"),
        )
    return _fail("invalid", what, tr("{value} is not a number", value=shown), tr("write a number, e.g. 12.5 or 12,500"))


# Words and letters for thousands and millions written after a number ("12.5k", "1.5 ล้าน"): not a
# unit, a factor. A lowercase "m" is left out (metres, or a slip for M?); "mn" is a million.
_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "พัน": 1e3,
    "หมื่น": 1e4,
    "แสน": 1e5,
    "M": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "ล้าน": 1e6,
}


def _unit_with_number(shown: str, number: str, unit: str, what: str) -> NumberError:
    """'1,250 kWh': the unit written in the number's cell. The unit is what is wrong, whatever the
    number looks like, so the message blames it (not the comma, which is a thousands separator).
    A word for thousands or millions ('12.5k', '1.5 ล้าน') is no unit: the hint gives the number in full."""
    times = _MULTIPLIERS.get(unit, _MULTIPLIERS.get(unit.lower()))  # "K", "Million"; "m" is none
    if times is not None:
        try:
            full = _read_text(number, what, None) * times
        except NumberError:
            full = None
        if full is not None and math.isfinite(full):
            return _fail(
                "invalid",
                what,
                tr("{shown} is not a number: write it in full, without '{word}'", shown=shown, word=unit),
                tr("write {number}", number=_grouped(format(round(full, 6), "f").rstrip("0").rstrip("."))),
            )
    message = tr("{shown} is not a number: write the unit in the unit column, not with the number", shown=shown)
    try:
        _read_text(number, what, None)
    except NumberError:
        hint = tr("write the number alone, e.g. 12.5 or 12,500, and {unit} in the unit column", unit=_shown(unit))
    else:
        hint = tr("write {number} here and {unit} in the unit column", number=number, unit=_shown(unit))
    return _fail("invalid", what, message, hint)


def _grouped(digits: str) -> str:
    whole, _, fraction = digits.partition(".")
    sign = whole[0] if whole[:1] in "+-" and whole else ""
    whole = whole.lstrip("+-")
    grouped = f"{int(whole):,}" if whole.isdigit() else whole
    return sign + grouped + ("." + fraction if fraction else "")


def read_count(
    value: object, what: str | None = None, *, minimum: int | None = 0, maximum: float = LARGEST_NUMBER
) -> int:
    """A whole number (a year, a number of heads or days), read as `read_number` reads it."""
    if what is None:
        what = tr("the value")
    number = read_number(value, what, minimum=minimum, maximum=maximum)
    if not number.is_integer():
        raise _fail(
            "invalid",
            what,
            tr("{value} is not a whole number", value=_text(value)),
            tr("write a whole number, e.g. 12"),
        )
    return int(number)


def number_text(value: float) -> str:
    """A number as a message quotes it: thousands separated, to 15 significant digits (no float noise:
    1,300, 1,200.5, 0.3), in exponent form only beyond them."""
    return format(value, ",.15g")
