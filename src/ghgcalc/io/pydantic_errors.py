"""Pydantic's own errors in our words, in the language of the run (docs/translating.md).

Pydantic describes a value it refuses in its internal English ("Input should be a valid dictionary
or instance of Person", "Value error, ..."), naming classes a user never wrote. Each error type a
model can raise gets its own message here, built from the error's context (the field, the value,
the limits, the expected values) with `tr`. The errors our models raise themselves (a type with a
'-', such as `amount-negative`) already speak our words and are passed through.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ghgcalc.errors import visible
from ghgcalc.i18n import N_, tr
from ghgcalc.models.inventory import KEY_PATTERN

# The tags of the activities' discriminated union: in an error's loc, never in the document.
_TAGS = ("factor", "method")
KEY_HINT = N_("a key is lowercase letters, digits, '-', '.' and '_', e.g. 'boiler-diesel'")
_PATTERN_HINTS = {
    KEY_PATTERN: KEY_HINT,
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": N_("an id is letters, digits, '-', '.' and '_', e.g. 'led-streetlights'"),
    r"^[A-Za-z0-9][A-Za-z0-9 ._()+-]*$": N_(
        "a name starts with a letter or a digit and holds letters, digits, spaces and . _ ( ) + -"
    ),
}
_NUMBER_TYPES = {
    "int_type",
    "int_parsing",
    "int_parsing_size",
    "int_from_float",
    "float_type",
    "float_parsing",
    "finite_number",
    "decimal_type",
    "decimal_parsing",
    "complex_type",
}
_DATE_TYPES = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_past",
    "date_future",
    "datetime_type",
    "datetime_parsing",
    "datetime_from_date_parsing",
}
_LIST_TYPES = {"list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"}
_MAPPING_TYPES = {"dict_type", "model_type", "model_attributes_type", "dataclass_type"}
_LIMITS = {
    "greater_than": ("gt", N_("{what} must be greater than {limit}, not {value}")),
    "greater_than_equal": ("ge", N_("{what} must be {limit} or more, not {value}")),
    "less_than": ("lt", N_("{what} must be less than {limit}, not {value}")),
    "less_than_equal": ("le", N_("{what} must be {limit} or less, not {value}")),
}
# compiled on first use (re's cache): only a message of the expected values needs it
_EXPECTED = r"'((?:[^'\\]|\\.)*)'|([^\s',]+)"


def kind_of(value: Any) -> str:
    """What a value is, in words: 'a list', 'a number', 'empty'."""
    if value is None:
        return tr("empty")
    if isinstance(value, bool):
        return tr("true or false")
    if isinstance(value, int | float):
        return tr("a number")
    if isinstance(value, str):
        return tr("a line of text")
    if isinstance(value, list | tuple | set):
        return tr("a list")
    if isinstance(value, dict):
        return tr("a mapping")
    if isinstance(value, dt.date):
        return tr("a date")
    return tr("a single value")


def shown(value: Any) -> str:
    """A user's value as a message quotes it: text in quotes, escapes for what could mislead, cut short."""
    if isinstance(value, str):
        return f"'{visible(value)[:60]}'"
    if value is None or isinstance(value, bool):
        return kind_of(value)
    if isinstance(value, int | float | dt.date):
        return str(value)
    return kind_of(value)


def field_words(loc: tuple[Any, ...]) -> str:
    """The field an error is about, as a message names it: 'unit', item 3 of 'factors'."""
    parts = [p for p in loc if p != "[key]"]
    if len(parts) >= 3 and parts[0] == "activities" and isinstance(parts[1], int) and parts[2] in _TAGS:
        del parts[2]
    if not parts:
        return tr("the document")
    last = parts[-1]
    if isinstance(last, int):
        names = [p for p in parts[:-1] if isinstance(p, str)]
        if names:
            return tr("item {number} of '{name}'", number=last + 1, name=visible(names[-1]))
        return tr("item {number}", number=last + 1)
    return f"'{visible(str(last))}'"


def expected_values(text: str) -> list[str]:
    """The values pydantic lists in a literal_error's `expected` ("'a', 'b' or 'c'", "1, 2 or 3"),
    without its English 'or'."""
    found = []
    for quoted, bare in re.compile(_EXPECTED).findall(text):
        value = quoted or bare
        if value and not (bare and bare == "or"):
            found.append(value)
    return found


def message(err: dict[str, Any], fields: list[str] | None = None) -> tuple[str, str | None]:
    """The message and hint of one pydantic error (`err` from `ValidationError.errors()`).
    `fields`: the keys of the mapping the error is in or about, for a hint."""
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    loc = tuple(err.get("loc") or ())
    what = field_words(loc)
    if "-" in kind:  # one of our own models' errors: already in our words
        return str(err["msg"]), ctx.get("hint")
    if kind == "missing":
        return tr("{what} is required", what=what), None
    if kind == "extra_forbidden":
        return tr("unknown key {what}", what=what), None
    if kind in ("value_error", "assertion_error"):
        problem = ctx.get("error")  # a model's validator raised it with its own words (tr'ed there)
        if problem is None or not str(problem).strip():
            return tr("{what} cannot be {value}", what=what, value=shown(value)), None
        return str(problem).strip().splitlines()[0], None
    if kind == "string_type":
        quoted = None
        if isinstance(value, int | float | dt.date):  # YAML read digits or a date: quotes keep them text
            quoted = tr('put the value in quotes to make it text, as written (a code "0512345" keeps its leading 0)')
        return tr("{what} must be text, not {kind}", what=what, kind=kind_of(value)), quoted
    if kind in ("string_too_short", "too_short"):
        least = ctx.get("min_length", 1)
        if least <= 1:
            return tr("{what} is empty", what=what), None
        if kind == "string_too_short":
            return tr("{what} must have at least {count} characters", what=what, count=least), None
        return tr("{what} must have at least {count} entries", what=what, count=least), None
    if kind == "string_too_long":
        return tr("{what} is longer than {count} characters", what=what, count=ctx.get("max_length", "")), None
    if kind == "too_long":
        return tr("{what} has more than {count} entries", what=what, count=ctx.get("max_length", "")), None
    hint: str | None
    if kind in _LIST_TYPES:
        hint = tr("write one item per line, each starting with '- ', or [a, b]")
        return tr("{what} must be a list, not {kind}", what=what, kind=kind_of(value)), hint
    if kind in _MAPPING_TYPES:
        hint = tr("its keys are: {keys}", keys=", ".join(fields)) if fields else None
        return tr(
            "{what} must be a mapping of named values (key: value), not {kind}", what=what, kind=kind_of(value)
        ), hint
    if kind in ("literal_error", "enum"):
        choices = ", ".join(expected_values(str(ctx.get("expected", ""))))
        hint = tr("write one of {choices}", choices=choices)
        if loc and loc[-1] == "[key]":  # a key of a mapping: the loc ends ("gwp", "AR9", "[key]")
            container = field_words(loc[:-2])
            text = tr(
                "the key {value} in {what} is not one of {choices}", value=shown(value), what=container, choices=choices
            )
            return text, hint
        return tr(
            "{what} is {value}; it must be one of {choices}", what=what, value=shown(value), choices=choices
        ), hint
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        hint_text = _PATTERN_HINTS.get(pattern)
        if pattern == KEY_PATTERN:
            text = tr("{value} is not a valid key", value=shown(value))
        else:
            text = tr("{value} is not a valid {what}", value=shown(value), what=what)
        return text, tr(hint_text) if hint_text else None
    if kind in _NUMBER_TYPES:
        return tr("{what} must be a number, not {value}", what=what, value=shown(value)), None
    if kind in ("bool_type", "bool_parsing"):
        return tr("{what} must be true or false, not {value}", what=what, value=shown(value)), None
    if kind in _DATE_TYPES:
        hint = tr("write the date as YYYY-MM-DD, e.g. 2024-10-01 or 2567-10-01")
        return tr("{what} must be a date, not {value}", what=what, value=shown(value)), hint
    if kind in _LIMITS:
        name, text = _LIMITS[kind]
        return tr(text, what=what, limit=ctx.get(name, ""), value=shown(value)), None
    if kind == "none_required":
        return tr("{what} must be left empty", what=what), None
    return tr("{what} cannot be {value}", what=what, value=shown(value)), None
