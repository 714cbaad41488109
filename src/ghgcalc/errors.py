"""Problems found in user input, and the few exceptions that stop a command.

A problem in the user's data is an :class:`Issue`: collected, never raised, so one run reports
every problem of a file. Exceptions are kept for "cannot go on" (an unreadable file, an unknown
factor set); the CLI turns both into messages and exit codes in one place.

This module uses the standard library only: every other layer may import it.
"""

from __future__ import annotations

import enum
import unicodedata

from ghgcalc.i18n import tr
from ghgcalc.records import Record, frozen


class ExitCode(enum.IntEnum):
    """Exit codes of every command (contract §1)."""

    OK = 0
    INPUT_ERRORS = 1
    USAGE = 2
    INTERNAL = 3


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@frozen
class Location(Record):
    """Where in a file a problem is: a line and column (1-based), a sheet and cell, or a table's
    row (1 = the first row of data) and column name."""

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    field: str | None = None

    @property
    def order(self) -> tuple[str, int, int]:
        """A key that sorts places in file order: sheet, then line or row, then column."""
        if self.cell:
            letters = "".join(ch for ch in self.cell if ch.isalpha())
            column = 0
            for ch in letters:
                column = column * 26 + ord(ch.upper()) - 64
            return self.sheet or "", int(self.cell[len(letters) :] or 0), column
        return self.sheet or "", self.line or self.row or 0, self.column or 0

    def __str__(self) -> str:
        if self.row is not None:
            row = tr("row {number}", number=f"{self.row:,}")
            return f"{self.file}[{row}, {self.field}]" if self.field else f"{self.file}[{row}]"
        if self.sheet is not None:
            return f"{self.file}[{self.sheet}]!{self.cell}" if self.cell else f"{self.file}[{self.sheet}]"
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


# Characters that move the cursor, colour the terminal, reorder or hide text: never printed as they are.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
# Outside ASCII, the characters a key or unit may honestly hold: Thai (units such as ลิตร), and
# the superscripts and signs of units (m³, µg, °).
_HONEST = frozenset("²³µ°·")


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` from a user's file made safe for a terminal: control characters (ANSI escapes, line
    breaks that could fake a line of output), bidirectional overrides and zero-width characters
    are shown as escapes (\\x1b, \\n, \\u202e, \\u200b)."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape(ch) if ch != " " and unicodedata.category(ch) in _HIDDEN_CATEGORIES else ch for ch in text)


def visible(text: str) -> str:
    """A key or unit with every character that could pass for another shown as an escape:
    `diesel-mobil\\u0435` (a Cyrillic e), `kWh\\u200b` (a zero-width space). Thai is kept."""
    return "".join(
        ch if (ch.isascii() and ch.isprintable()) or "\u0e00" <= ch <= "\u0e7f" or ch in _HONEST else _escape(ch)
        for ch in text
    )


def is_visible(text: str) -> bool:
    return visible(text) == text


# A path into a document: ("activities", 3, "unit"). The calculation core speaks in paths;
# the reader that loaded the document turns a path into a Location.
Path = tuple[str | int, ...]


@frozen
class Issue(Record):
    """One problem in the user's input, with a stable kebab-case code."""

    code: str
    message: str
    severity: Severity = Severity.ERROR
    location: Location | None = None
    path: Path = ()
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """The greppable one-line form, with the hint on a second line."""
        where = f"{printable(str(self.location))}: " if self.location else ""
        text = f"{where}{self.severity.value}[{self.code}]: {printable(self.message)}"
        if self.hint:
            text += "\n" + tr("  hint: {hint}", hint=printable(self.hint))
        return text

    def to_diagnostic(self, source: str) -> dict[str, object]:
        """The machine-readable form (docs/diagnostics.md): every key always present, null where it
        does not apply; `source` names the file when the issue has no location."""
        where = self.location
        return {
            "file": where.file if where is not None else source,
            "line": where.line if where is not None else None,
            "column": where.column if where is not None else None,
            "sheet": where.sheet if where is not None else None,
            "cell": where.cell if where is not None else None,
            "row": where.row if where is not None else None,
            "field": where.field if where is not None else None,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint or None,
        }

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }
        if self.location is not None:
            data["location"] = str(self.location)
        if self.hint:
            data["hint"] = self.hint
        return data


def error(code: str, message: str, path: Path = (), hint: str | None = None) -> Issue:
    return Issue(code, message, Severity.ERROR, path=path, hint=hint)


def warning(code: str, message: str, path: Path = (), hint: str | None = None) -> Issue:
    return Issue(code, message, Severity.WARNING, path=path, hint=hint)


class GhgcalcError(Exception):
    """A condition that stops a command; carries the exit code it maps to."""

    exit_code = ExitCode.INTERNAL

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(GhgcalcError):
    """The command line asks for something that is not there (missing file, unknown set)."""

    exit_code = ExitCode.USAGE


class FactorSetError(UsageError):
    """A factor set cannot be found (code factor-set-unknown) or is damaged (factor-set-invalid)."""

    def __init__(self, message: str, hint: str | None = None, code: str = "factor-set-unknown") -> None:
        super().__init__(message, hint)
        self.code = code
