"""Thai input conventions: Thai digits, Buddhist-Era years, the October-September fiscal year.

Sources: Thai digits ๐-๙ map to 0-9 (Unicode U+0E50-U+0E59); B.E. = C.E. + 543; the Thai fiscal
year (ปีงบประมาณ) runs 1 October to 30 September and is named by its later B.E. year.
"""

from __future__ import annotations

import datetime as dt
import re

from ghgcalc import i18n

BE_OFFSET = 543
# A year this large is read as Buddhist Era: no inventory is for a C.E. year past 2400,
# and no B.E. year of an inventory is below it (2400 B.E. = 1857 C.E.).
BE_THRESHOLD = 2400

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# "12,500" and "1,234,567.5": commas only between groups of three digits
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def thai_to_arabic_digits(text: str) -> str:
    return text.translate(_THAI_DIGITS)


# Characters that show nothing, which a copy from a web page or a Word file leaves in a name.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Thai typed two ways that look the same: nikhahit + sara aa for sara am (ำ), two sara e for sara ae (แ).
_LOOKALIKES = (("\u0e4d\u0e32", "\u0e33"), ("\u0e40\u0e40", "\u0e41"))


def canonical_name(text: str) -> str:
    """A name as one writing of it, so that names that look the same are the same: compatibility
    forms (NFKC; a no-break space is a space), invisible characters dropped, Thai typed in two
    look-alike ways written the standard way, spaces collapsed. `ลําปาง` (nikhahit + aa) and
    `ลำปาง\u200b` are `ลำปาง`."""
    import unicodedata

    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
        for typed, standard in _LOOKALIKES:
            text = text.replace(typed, standard)
    return " ".join(text.split())


def parse_number(text: str) -> float:
    """Read a number written by a person: Thai digits, thousands separators (12,500), spaces.

    Raises ValueError with a readable message when the text is not a number.
    """
    cleaned = thai_to_arabic_digits(text).strip().replace("\u00a0", "").replace(" ", "")
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise ValueError(
                i18n.tr("{shown} is not a number: commas may only separate thousands (12,500)", shown=repr(text))
            )
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(i18n.tr("{value} is not a number", value=repr(text)))
    return float(cleaned)


def to_ce_year(year: int) -> int:
    """A year as written (C.E. or B.E.) as a C.E. year."""
    return year - BE_OFFSET if year >= BE_THRESHOLD else year


def fiscal_year_dates(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of Thai fiscal year `year` (B.E. or C.E.): FY2567 = 2023-10-01..2024-09-30."""
    ce = to_ce_year(year)
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


# --- years and dates as a person reads them (docs/translating.md, "Years") ----------------------

_MONTHS_TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def written_in_be(text: str | None) -> bool:
    """Whether a period or year as the user wrote it ("2567", "FY2567") uses Buddhist Era years."""
    if not text:
        return False
    return any(int(year) >= BE_THRESHOLD for year in re.findall(r"\d{4}", thai_to_arabic_digits(text)))


def uses_be(buddhist: bool) -> bool:
    """Whether to show B.E. years: `--calendar` when given, else as the input was written."""
    chosen = i18n.calendar()
    return chosen == "be" if chosen else buddhist


def show_year(year_ce: int, buddhist: bool) -> str:
    """A C.E. year as the reader expects it: 2567 for an inventory written in B.E., else 2024."""
    return str(year_ce + BE_OFFSET) if uses_be(buddhist) else str(year_ce)


def show_date(date: dt.date, buddhist: bool) -> str:
    """A date for a person: ISO (2023-10-01) in C.E.; with B.E. years the day, the month's short
    name in the language of the run and the B.E. year (1 ต.ค. 2566, 1 Oct 2566)."""
    if not uses_be(buddhist):
        return date.isoformat()
    months = _MONTHS_TH if i18n.language() == "th" else _MONTHS_EN
    return f"{date.day} {months[date.month - 1]} {date.year + BE_OFFSET}"
