"""Month headers of an Activities sheet, as officers write them (docs/excel-format.md, "Month columns").

`Oct / ต.ค.`, `ต.ค. 66`, `ต.ค.2566`, `ตุลาคม 2566`, `Oct-23`, `Oct 2023`, `10/2023`, `2023-10`, or
a date cell: the month, and the year when one is written. A header that looks like a month but
cannot be read is reported, never skipped as an unknown column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass

from ghgcalc.i18n import N_, language, tr
from ghgcalc.thai import BE_OFFSET, thai_to_arabic_digits, to_ce_year

_ENGLISH = (
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
_THAI = (
    ("ม.ค.", "มกราคม"),
    ("ก.พ.", "กุมภาพันธ์"),
    ("มี.ค.", "มีนาคม", "มิ.ค."),  # "มิ.ค." is a typo seen in a real TGO form
    ("เม.ย.", "เมษายน"),
    ("พ.ค.", "พฤษภาคม"),
    ("มิ.ย.", "มิถุนายน"),
    ("ก.ค.", "กรกฎาคม"),
    ("ส.ค.", "สิงหาคม"),
    ("ก.ย.", "กันยายน"),
    ("ต.ค.", "ตุลาคม"),
    ("พ.ย.", "พฤศจิกายน"),
    ("ธ.ค.", "ธันวาคม"),
)
ENGLISH_NAMES = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
                 N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))  # fmt: skip


def _key(name: str) -> str:
    return name.replace(".", "").replace(" ", "")


# Names without their dots and spaces ("ตค", "oct"), so that "ต.ค", "ต.ค." and "ต. ค." all read.
_NAMES: dict[str, tuple[int, bool]] = {}
for _number, _names in enumerate(_ENGLISH, start=1):
    _NAMES.update({_key(n): (_number, False) for n in _names})
for _number, _names in enumerate(_THAI, start=1):
    _NAMES.update({_key(n): (_number, True) for n in _names})

# a month name, then perhaps a year of two or four digits: "ต.ค. 66", "oct-2023", "ตุลาคม2566"
_NAMED = re.compile(r"(?P<name>[^\d]+?)[\s.\-'’,]*(?P<year>\d{2}|\d{4})?")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})")
_DATE_LIKE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,4}([/.\-]\d{1,4})?")
_WORD = re.compile(r"[a-z]+")
_ENGLISH_FULL = tuple(names[-1] for names in _ENGLISH)
_THAI_DOTTED = tuple(n for names in _THAI for n in names)


@dataclass(frozen=True)
class MonthHeader:
    month: int  # 1-12
    year: int | None  # C.E., when the header gives one


class NotAMonth(ValueError):
    """A header that looks like a month (or a date) but cannot be read as one."""


def month_header(value: object) -> MonthHeader | None:
    """The month a header names, None if the header is not about a month; raises NotAMonth."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return MonthHeader(value.month, to_ce_year(value.year))
    if not isinstance(value, str):
        return None
    found = _text_header(value, language())
    if isinstance(found, NotAMonth):
        raise NotAMonth(*found.args)
    return found


@functools.lru_cache(maxsize=4096)
def _text_header(value: str, language: str) -> MonthHeader | NotAMonth | None:
    """month_header of a text, or the NotAMonth it raises, in `language`: worked out once for a
    text in a run (a folder of workbooks repeats the same headers, and telling a header that is
    not a month, with its fuzzy match of month names, was half of reading a small workbook)."""
    try:
        return _read_text_header(value)
    except NotAMonth as problem:
        return problem


def _read_text_header(value: str) -> MonthHeader | None:
    text = " ".join(thai_to_arabic_digits(value).lower().split())
    if not text:
        return None
    for pattern, month_first in ((_MONTH_YEAR, True), (_YEAR_MONTH, False)):
        match = pattern.fullmatch(text)
        if match:
            month, year = (int(g) for g in (match.groups() if month_first else reversed(match.groups())))
            if not 1 <= month <= 12:
                raise NotAMonth(tr("{number} is not a month", number=month))
            return MonthHeader(month, to_ce_year(year))
    found: list[MonthHeader] = []
    unread = False
    for part in (p.strip() for p in re.split(r"[/|()]", text)):
        if not part:
            continue
        header = _part(part)
        if header is not None:
            found.append(header)
        elif _looks_like_month(part):
            unread = True
    if not found:
        if unread or _looks_like_month(text):
            raise NotAMonth(tr("it looks like a month or a date, but not one ghgcalc can read"))
        return None
    if unread:
        raise NotAMonth(tr("part of it looks like a month that ghgcalc cannot read"))
    months = {h.month for h in found}
    years = {h.year for h in found if h.year is not None}
    if len(months) > 1:
        raise NotAMonth(tr("it names {count} different months", count=len(months)))
    if len(years) > 1:
        raise NotAMonth(tr("it names two different years"))
    return MonthHeader(found[0].month, next(iter(years), None))


def _part(part: str) -> MonthHeader | None:
    match = _NAMED.fullmatch(part)
    if not match:
        return None
    named = _NAMES.get(_key(match["name"]).rstrip("-'’,"))
    if named is None:
        return None
    month, thai = named
    year_text = match["year"]
    if year_text is None:
        return MonthHeader(month, None)
    year = int(year_text)
    if len(year_text) == 2:  # after a Thai name a B.E. year (66 = 2566), after an English one C.E. (23 = 2023)
        year = 2500 + year - BE_OFFSET if thai else 2000 + year
    return MonthHeader(month, to_ce_year(year))


def _looks_like_month(text: str) -> bool:
    if _DATE_LIKE.fullmatch(text) or any(name in text for name in _THAI_DOTTED):
        return True
    if any(full[:-1] in text for names in _THAI for full in names[1:]):
        return True  # a Thai month name, perhaps misspelt at its end
    # an English month name, cut short ("Octo") or misspelt ("Novembr"); not "decimal" or "marketing"
    return any(
        len(word) >= 3
        and (
            any(full.startswith(word) for names in _ENGLISH for full in names)
            or bool(difflib.get_close_matches(word, _ENGLISH_FULL, n=1, cutoff=0.8))
        )
        for word in _WORD.findall(text)
    )


def month_name(month: int) -> str:
    """The month's full name in the language of the run: October, ตุลาคม."""
    return tr(ENGLISH_NAMES[month - 1])
