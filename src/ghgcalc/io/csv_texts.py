"""The formula guard of every CSV we write, and CSV text made without csv.writer for plain rows.

A spreadsheet program (Excel, LibreOffice, Google Sheets) runs a cell whose text starts with
= + - @ as a formula; every text cell we write is guarded (a leading ' shows it, never runs it).
A 100,000-line result is 2.3 million cells: `CellTexts` works out each distinct text once (most
repeat from line to line: units, factor keys and sources) and joins a row's cells itself, byte for
byte as csv.writer (QUOTE_MINIMAL, "\\n" rows) writes them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from operator import call
from typing import Any

# A cell whose text starts with one of these is a formula to a spreadsheet program: = + - @ and
# their full-width forms (which East Asian input methods type and some spreadsheets take for the
# ASCII ones), a tab or a carriage return.
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\t\r")


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet could run `text` as a formula: it starts, after any spaces or line
    breaks (which some programs skip), with = + - @ (ASCII or full-width), or with a tab or a
    carriage return. Only text is guarded: a number (a float, an int) is written as a number."""
    if not text:
        return False
    if text[0] in "\t\r":
        return True
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in FORMULA_START


def safe(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would run gets a leading ' (shown, never run); numbers,
    booleans and empty cells are written as they are."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def cell(value: Any) -> Any:
    """A value as csv.writer is given it: None as empty, a list or mapping as JSON, text guarded."""
    if value is None:
        return ""
    if isinstance(value, dict | list | tuple):
        value = json.dumps(value, ensure_ascii=False)
    return safe(value)


# The cell types CellTexts writes itself; a row with any other (a date, a list) goes through csv.writer.
_PLAIN = frozenset({str, float, int, bool, type(None)})
_HELD = 65_536  # distinct texts kept at most (a batch's texts are mostly the same few hundred)


class CellTexts(dict[Any, str]):
    """Cells' text as csv.writer writes them (QUOTE_MINIMAL, "\\n" rows) after `cell`: text
    guarded, then quoted where it holds a comma, a quote or a line break; None empty; float, int
    and bool by repr (csv.writer's own way for them). Each text is worked out once."""

    def __init__(self) -> None:
        super().__init__({None: ""})
        self.carriage = False  # whether any text so far holds a carriage return (hardly ever)
        self._plans: dict[tuple[type, ...], list[Callable[[Any], str]] | None] = {}

    def __missing__(self, value: str) -> str:
        text = value
        # the guard's test, without a call for the text most cells hold (no space or formula start)
        if text and (text[0] in FORMULA_START or text[0].isspace()):
            text = safe(text)
        if "\r" in text:
            self.carriage = True
        if "," in text or '"' in text or "\n" in text:
            text = '"' + text.replace('"', '""') + '"'
        if len(self) > _HELD:
            self.clear()
            self[None] = ""
        self[value] = text
        return text

    def join(self, values: Sequence[Any]) -> str | None:
        """`values` as CSV text, the cells of a row or a part of one (without a line end), or None
        when a cell holds a carriage return (such a row is written all quoted, by csv.writer)."""
        kinds = tuple(map(type, values))
        if kinds in self._plans:
            plan = self._plans[kinds]
        else:
            plan = self._plans[kinds] = self._plan(kinds)
        if plan is None:
            return _written(values)
        text = ",".join(map(call, plan, values))
        if self.carriage and any(kind is str and "\r" in value for kind, value in zip(kinds, values, strict=True)):
            return None
        return text

    def _plan(self, kinds: tuple[type, ...]) -> list[Callable[[Any], str]] | None:
        if not _PLAIN.issuperset(kinds):
            return None
        return [self.__getitem__ if kind is str or kind is type(None) else repr for kind in kinds]


def _written(values: Sequence[Any]) -> str | None:
    """Cells of other kinds (a date, a mapping) through the guard and csv.writer itself."""
    cells = [cell(value) for value in values]
    if any(isinstance(value, str) and "\r" in value for value in cells):
        return None
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([*cells, ""])  # never a lone cell, which "" would quote
    return buffer.getvalue()[:-2]
