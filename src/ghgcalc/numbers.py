"""The one strict reader of a number a person wrote (docs/inventory-format.md, "How numbers are read").

Every number in an inventory, a plan, a catalogue, a factor set or a workbook cell goes through
`read_number`, so the same text means the same number everywhere:

- accepted: int and float (never bool), and text with Thai digits (๑๒,๕๐๐), thousands separators
  between groups of three digits ("12,500", "1,234,567.5"), surrounding spaces and no-break spaces,
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

from ghgcalc.thai import thai_to_arabic_digits

# No number a person writes into an inventory, a plan or a factor set is larger than this, in any
# unit (a province's yearly electricity is ~1e10 kWh; the whole world's CO2 is ~4e13 kg).
LARGEST_NUMBER = 1e15

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# "12,500" and "1,234,567.5": commas only between groups of three digits, the first group not a
# lone 0 ("0,840" is a decimal comma, not eight hundred and forty)
_GROUPED = re.compile(r"[+-]?(?!0,)\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?")
# spaces as thousands separators: "12 500"
_SPACED = re.compile(r"[+-]?\d{1,3}( \d{3})+(\.\d*)?")
# "0,84", "12,50", "1.234,5", "1.234.567,89": a comma used as the decimal mark
_DECIMAL_COMMA = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+")
_BASES = {"0x": "hexadecimal", "0b": "binary", "0o": "octal"}
_ANSWERS = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n"})
_NOT_FINITE = frozenset({"nan", ".nan", "inf", ".inf", "infinity", "+inf", "+.inf", "-inf", "-.inf", "-infinity"})
_DATE_LIKE = re.compile(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}([ tT].*)?")
_SPACES = " \t\u00a0\u2007\u202f\u3000"
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})


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
    return NumberError("number-invalid", f"{what or 'the value'} is empty", "write a number, e.g. 12.5")


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def read_number(
    value: object,
    what: str = "the value",
    *,
    minimum: float | None = None,
    zero: bool = True,
    maximum: float = LARGEST_NUMBER,
) -> float:
    """`value` as a finite float, or NumberError naming `what` (e.g. "the amount", "density").

    `minimum` is the smallest allowed value (0 refuses negatives with code number-negative);
    `zero=False` refuses 0 (number-zero); `maximum` bounds the magnitude (number-too-large).
    """
    number = _read(value, what, minimum)
    if math.isnan(number) or math.isinf(number):
        raise _fail("not-finite", what, f"{value!r} is not a finite number", "write an ordinary number, e.g. 12.5")
    if minimum is not None and number < minimum:
        if minimum == 0:
            raise _fail("negative", what, f"{_text(value)} is negative", "write a number of 0 or more")
        raise _fail("too-small", what, f"{_text(value)} is below {minimum:g}", f"write a number of {minimum:g} or more")
    if not zero and number == 0:
        raise _fail("zero", what, f"{_text(value)} is zero", "write a number above 0")
    if abs(number) > maximum:
        raise _fail(
            "too-large",
            what,
            f"{_text(value)} is implausibly large",
            f"numbers here are at most {maximum:g}; check for extra digits or a wrong unit",
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
        raise _fail("invalid", what, f"{word} is not a number", "write the number itself; a yes/no answer is not one")
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
    if isinstance(value, dt.date | dt.datetime | dt.time):
        raise _fail(
            "invalid",
            what,
            f"the date {value.isoformat()} is not a number",
            "write the number itself; if it is a number, put it in quotes",
        )
    if value is None:
        raise _empty(what)
    if not isinstance(value, str):
        kind_name = "a list" if isinstance(value, list | tuple) else "a mapping" if isinstance(value, dict) else "this"
        raise _fail("invalid", what, f"{kind_name} is not a number", "write one number, e.g. 12.5")
    return _read_text(value, what, minimum)


def _overflow(negative: bool, what: str, minimum: float | None, shown: str = "the number") -> NumberError:
    if negative and minimum is not None and minimum >= 0:
        return _fail("negative", what, f"{shown} is negative", "write a number of 0 or more")
    return _fail("too-large", what, f"{shown} is implausibly large", "check for extra digits or a wrong unit")


def _read_text(value: str, what: str, minimum: float | None) -> float:
    text = thai_to_arabic_digits(value).strip(_SPACES).translate(_MINUS_SIGNS)
    if not text:
        raise _empty(what)
    lowered = text.lower()
    if lowered in _ANSWERS:
        raise _fail(
            "invalid", what, f"{lowered} is not a number", "write the number itself; a yes/no answer is not one"
        )
    if lowered in _NOT_FINITE:
        raise _fail(
            "not-finite", what, f"{_shown(value)} is not a finite number", "write an ordinary number, e.g. 12.5"
        )
    if _PLAIN.fullmatch(text):
        cleaned = text
    elif _GROUPED.fullmatch(text):
        cleaned = text.replace(",", "")
    elif _SPACED.fullmatch(text.replace("\u00a0", " ").replace("\u202f", " ")):
        cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    else:
        raise _unreadable(value, text, what)
    number = float(cleaned)
    if math.isinf(number):  # digits that overflow: 1e400
        raise _overflow(number < 0, what, minimum, _shown(value))
    return number


def _unreadable(value: str, text: str, what: str) -> NumberError:
    shown = _shown(value)
    lowered = text.lower().lstrip("+-")
    if _DECIMAL_COMMA.fullmatch(text):
        dotted = text.replace(".", "").replace(",", ".")
        return _fail(
            "decimal-comma",
            what,
            f"{shown} has a decimal comma; commas may only separate thousands (12,500)",
            f"write {dotted} with a dot for the decimals",
        )
    if lowered[:2] in _BASES and len(lowered) > 2:
        base = _BASES[lowered[:2]]
        return _fail(
            "invalid",
            what,
            f"{shown} is {'an' if base[0] in 'aeiou' else 'a'} {base} number",
            "write the number in ordinary decimal digits",
        )
    if "_" in text and text.replace("_", "").replace(".", "").lstrip("+-").isdigit():
        plain = text.replace("_", "")
        return _fail(
            "invalid", what, f"{shown} has underscores", f"write {plain}, or {_grouped(plain)} with thousands commas"
        )
    if _DATE_LIKE.fullmatch(text):
        return _fail("invalid", what, f"{shown} is a date, not a number", "write the number itself")
    if "," in text and all(part.strip().lstrip("+-").replace(".", "", 1).isdigit() for part in text.split(",")):
        return _fail(
            "invalid",
            what,
            f"{shown} is not a number: commas may only separate thousands (12,500)",
            "write one number; put a list of numbers in [ ] with quotes around each",
        )
    return _fail("invalid", what, f"{shown} is not a number", "write a number, e.g. 12.5 or 12,500")


def _grouped(digits: str) -> str:
    whole, _, fraction = digits.partition(".")
    sign = whole[0] if whole[:1] in "+-" and whole else ""
    whole = whole.lstrip("+-")
    grouped = f"{int(whole):,}" if whole.isdigit() else whole
    return sign + grouped + ("." + fraction if fraction else "")


def read_count(
    value: object, what: str = "the value", *, minimum: int | None = 0, maximum: float = LARGEST_NUMBER
) -> int:
    """A whole number (a year, a number of heads or days), read as `read_number` reads it."""
    number = read_number(value, what, minimum=minimum, maximum=maximum)
    if not number.is_integer():
        raise _fail("invalid", what, f"{_text(value)} is not a whole number", "write a whole number, e.g. 12")
    return int(number)
