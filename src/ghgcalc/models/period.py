"""The reporting period of an inventory: every form the contract allows, read into two dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field, replace

from ghgcalc import i18n
from ghgcalc.i18n import N_, tr
from ghgcalc.records import Record, frozen
from ghgcalc.thai import (
    BE_OFFSET,
    BE_THRESHOLD,
    fiscal_year_dates,
    show_date,
    show_year,
    thai_to_arabic_digits,
    to_ce_year,
    written_in_be,
)

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
LONGEST_DAYS = 366 * 10


@frozen
class Period(Record):
    start: dt.date
    end: dt.date
    # the year as the user wrote it ("2567", "FY2567", "ปีงบประมาณ 2567"), for messages; not compared
    written: str | None = field(default=None, compare=False)
    # a period written as its first and last days, in B.E. ({start: 2566-10-01, end: 2567-09-30})
    be_dates: bool = field(default=False, compare=False)

    @property
    def buddhist(self) -> bool:
        """Whether the user wrote the period with Buddhist Era years (2567, FY2567, B.E. dates)."""
        return self.be_dates or written_in_be(self.written)

    def year_text(self, year_ce: int) -> str:
        """A year of this inventory as its reader expects it (B.E. when written so, or --calendar)."""
        return show_year(year_ce, self.buddhist)

    @property
    def dates_text(self) -> str:
        """The first and last day for a person: 2023-10-01 to 2024-09-30, or 1 ต.ค. 2566 - 30 ก.ย. 2567."""
        return f"{show_date(self.start, self.buddhist)} – {show_date(self.end, self.buddhist)}"

    @property
    def name(self) -> str | None:
        """The period's name for a reader, its year in the calendar shown (as written, or --calendar): a
        whole calendar year by its year (2567, or 2024 with --calendar ce), a Thai fiscal year as one
        ("ปีงบประมาณ 2567", "fiscal year 2567"); None for other days."""
        start, end = self.start, self.end
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
            return self.year_text(end.year)
        if (start.month, start.day, end.month, end.day) == (10, 1, 9, 30) and end.year == start.year + 1:
            return tr("fiscal year {year}", year=self.year_text(end.year))
        return None

    @property
    def shown(self) -> str:
        """The period for a reader, the one text every report gives it (table, Markdown, workbook, web
        page): its name and its days in the same calendar, "ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)",
        "2024 (2024-01-01 – 2024-12-31)"; the days alone when it has no name."""
        name = self.name
        return tr("{name} ({dates})", name=name, dates=self.dates_text) if name else self.dates_text

    @property
    def label(self) -> str:
        """The period for a message, its year as the user wrote it: 'FY2567 (2023-10-01 to 2024-09-30)'.
        In Thai, or with --calendar, the dates are shown as show_date shows them (B.E. dates for an
        inventory written in B.E.: 'FY2567 (1 ต.ค. 2566 ถึง 30 ก.ย. 2567)'); in English they stay ISO."""
        if i18n.language() != i18n.DEFAULT or i18n.calendar():
            start, end = show_date(self.start, self.buddhist), show_date(self.end, self.buddhist)
        else:
            start, end = self.start.isoformat(), self.end.isoformat()
        dates = tr("{start} to {end}", start=start, end=end)
        return f"{self.written} ({dates})" if self.written else dates

    @property
    def years(self) -> int:
        """How many (started) years the period spans: the limit on monthly values is 12 per year."""
        days = (self.end - self.start).days + 1
        return max(1, -(-days // 366))

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        return (start is None or start <= self.end) and (end is None or end >= self.start)

    def within(self, start: dt.date | None, end: dt.date | None) -> bool:
        return (start is None or start <= self.start) and (end is None or end >= self.end)

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


_YEAR = re.compile(r"(?:CE|C\.E\.|AD|BE|B\.E\.|พ\.ศ\.|ค\.ศ\.)?\s*(\d{4})")
_FISCAL = re.compile(r"(?:FY|ปีงบประมาณ|ปีงบ|งบประมาณ)\s*(?:พ\.ศ\.)?\s*(\d{4})", re.IGNORECASE)
# compiled on first use (re's cache): a period written as a year or FY needs none
_ISO_DATE = r"(\d{4})-(\d{1,2})-(\d{1,2})"


def _check_year(year: int) -> int:
    ce = to_ce_year(year)
    if not EARLIEST_YEAR <= ce <= LATEST_YEAR:
        raise ValueError(
            tr(
                "year {year} is out of range: write a C.E. year ({earliest}-{latest}) "
                "or a Buddhist-Era year ({earliest_be}-{latest_be})",
                year=year,
                earliest=EARLIEST_YEAR,
                latest=LATEST_YEAR,
                earliest_be=EARLIEST_YEAR + BE_OFFSET,
                latest_be=LATEST_YEAR + BE_OFFSET,
            )
        )
    return ce


def parse_date(value: object, field: str) -> dt.date:
    """A date as written (a YAML date or YYYY-MM-DD, B.E. years allowed); raises ValueError."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if value.year >= BE_THRESHOLD:
            return parse_date(value.isoformat(), field)
        _check_year(value.year)
        return value
    if isinstance(value, str):
        match = re.compile(_ISO_DATE).fullmatch(thai_to_arabic_digits(value).strip())
        if match:
            year, month, day = (int(g) for g in match.groups())
            ce = _check_year(year)
            try:
                return dt.date(ce, month, day)
            except ValueError:
                # the reason as Python's datetime gives it in English, in the language of the run
                reason = tr("month must be in 1..12") if not 1 <= month <= 12 else tr("day is out of range for month")
                raise ValueError(
                    tr(
                        "{field}: {value} is not a valid date ({reason})",
                        field=field,
                        value=_shown(value),
                        reason=reason,
                    )
                ) from None
    raise ValueError(tr("{field}: {value} is not a date; write it as YYYY-MM-DD", field=field, value=_shown(value)))


def _in_be(value: object) -> bool:
    """Whether a date as written has a Buddhist Era year (2566-10-01, a spreadsheet's date of 2566)."""
    if isinstance(value, dt.date):
        return value.year >= BE_THRESHOLD
    if isinstance(value, str):
        digits = thai_to_arabic_digits(value).strip()[:4]
        return digits.isdigit() and int(digits) >= BE_THRESHOLD
    return False


def _shown(value: object) -> str:
    """A value in a message, cut short: a file may hold a "year" of 5,000 digits."""
    text = repr(value)
    return text if len(text) <= 42 else text[:39] + "..."


def _one_date(value: dt.date) -> str:
    """Why one date is not a period, with the Thai fiscal year it starts or falls in (FY2567 runs
    from 1 October 2566 to 30 September 2567), its days in the calendar the date was written in."""
    be = value.year >= BE_THRESHOLD
    year = value.year - BE_OFFSET if be else value.year
    fiscal = year + BE_OFFSET + (1 if value.month >= 10 else 0)
    start, end = fiscal_year_dates(fiscal)
    offset = BE_OFFSET if be else 0
    return tr(
        "one date ({date}) is not a period: for the fiscal year it falls in, write FY{fiscal} "
        "(from {start} to {end}), or give the period's first and last days",
        date=value.isoformat()[:10],
        fiscal=fiscal,
        start=start.replace(year=start.year + offset).isoformat(),
        end=end.replace(year=end.year + offset).isoformat(),
    )


def parse_period(value: object) -> Period:
    """Read a period as written: 2024, 2567 (B.E.), "FY2567", {fiscal_year: 2567}, {start, end}.

    Raises ValueError with a message meant for the user.
    """
    if isinstance(value, bool):
        raise ValueError(tr("{value} is not a period", value=_shown(value)))
    if isinstance(value, dt.date):  # a date typed in the period cell of a workbook
        raise ValueError(_one_date(value))
    if isinstance(value, int):
        year = _check_year(value)
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(value))
    if isinstance(value, str):
        text = thai_to_arabic_digits(value).strip()
        fiscal = _FISCAL.fullmatch(text)
        if fiscal:
            _check_year(int(fiscal.group(1)))
            return Period(*fiscal_year_dates(int(fiscal.group(1))), value.strip())
        written = _YEAR.fullmatch(text)
        if written:
            return replace(parse_period(int(written.group(1))), written=value.strip())
        raise ValueError(tr("{value} is not a period", value=_shown(value)))
    if isinstance(value, dict):
        keys = set(value)
        if keys == {"fiscal_year"}:
            fy = value["fiscal_year"]
            if isinstance(fy, str):
                fy = thai_to_arabic_digits(fy).strip()
            if isinstance(fy, bool) or not str(fy).isdigit():
                raise ValueError(tr("fiscal_year: {value} is not a year", value=_shown(value["fiscal_year"])))
            _check_year(int(fy))
            return Period(*fiscal_year_dates(int(fy)), f"FY{fy}")
        if keys == {"start", "end"}:
            start, end = parse_date(value["start"], "start"), parse_date(value["end"], "end")
            be = _in_be(value["start"]) or _in_be(value["end"])
            if end < start:
                raise ValueError(
                    tr(
                        "the period ends ({end}) before it starts ({start})",
                        end=show_date(end, be) if be else end,
                        start=show_date(start, be) if be else start,
                    )
                )
            if (end - start).days > LONGEST_DAYS:
                raise ValueError(tr("a period of {days} days is longer than ten years", days=(end - start).days + 1))
            return Period(start, end, be_dates=be)
        raise ValueError(
            tr(
                "a period mapping has either 'fiscal_year' or both 'start' and 'end', not {keys}",
                keys=sorted(keys, key=str),
            )
        )
    raise ValueError(tr("{value} is not a period", value=_shown(value)))


# shown with tr(PERIOD_HINT) (its braces are YAML, not placeholders: it is never formatted)
PERIOD_HINT = N_(
    "write a year (2024 or 2567), a fiscal year (FY2567) or {start: 2023-10-01, end: 2024-09-30} "
    "(in a workbook, the first and last days in the period_start and period_end rows)"
)
