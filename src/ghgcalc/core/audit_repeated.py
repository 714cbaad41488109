"""A year's sheet holding another year's numbers (docs/tgo-workbooks.md, "ghgcalc audit").

Offices start a year by copying last year's sheet; where a row was not updated, the two years hold
the same months, and every printed total of the new year follows from them, so the audit's other
checks see nothing. Given the years of one form (in one workbook or several), each row whose twelve
months, or each companion series (staff, working days, pond water) whose months, repeat another
year's exactly is a finding of the later year. A row of one repeated value (60 staff every month) or
of few different months is not: such a row can be the same two years running.
"""

from __future__ import annotations

from ghgcalc.core.audit import Finding, number, year_text
from ghgcalc.core.audit_input import Stated, StatedYear
from ghgcalc.i18n import tr

DISTINCT = 3  # a series repeats another year's only when it has at least this many different non-zero months


def repeated_years(years: list[tuple[str, str, StatedYear]]) -> dict[int, list[Finding]]:
    """`years`: (workbook, form, year) of every workbook audited. Index in `years` -> the findings of
    that year: its rows and series whose months are those of an earlier year of the same form."""
    out: dict[int, list[Finding]] = {}
    # the nearest earlier year first: a series is said once, against it, though copies of that year
    # in other workbooks (or years before it) hold the same months too
    latest_first = sorted(years, key=lambda y: y[2].year, reverse=True)
    for i, (book, form, year) in enumerate(years):
        said: set[str] = set()
        for other_book, other_form, other in latest_first:
            if other_form != form or other.year >= year.year:
                continue
            for key, finding in _repeated(book, year, other_book, other):
                if key not in said:
                    said.add(key)
                    out.setdefault(i, []).append(finding)
    return out


def _series(year: StatedYear) -> dict[str, tuple[str, tuple[Stated, ...]]]:
    """Each typed row (by its label) and companion series (by its name): (what it is, its months)."""
    found: dict[str, tuple[str, tuple[Stated, ...]]] = {}
    for line in year.lines:
        if not line.derived and len(line.quantities) == 12:
            name = tr("row {row} ({label})", row=line.row, label=line.label)
            found.setdefault(f"row:{line.label}", (name, line.quantities))
    for series in year.series:
        if len(series.months) == 12:
            found.setdefault(f"series:{series.name}", (series.name, series.months))
    return found


def _repeated(book: str, year: StatedYear, other_book: str, other: StatedYear) -> list[tuple[str, Finding]]:
    theirs = _series(other)
    out = []
    for key, (name, months) in _series(year).items():
        if key not in theirs:
            continue
        before = theirs[key][1]
        values = [m.value or 0.0 for m in months]
        if len({v for v in values if v}) < DISTINCT or values != [m.value or 0.0 for m in before]:
            continue
        here = f"{book}[{months[0].sheet}]!{months[0].cell}:{months[-1].cell}"
        there = f"{other_book}[{before[0].sheet}]!{before[0].cell}:{before[-1].cell}"
        if here == there:  # one sheet the form uses for two years (a septic sheet without a year)
            continue
        out.append(
            (
                key,
                Finding(
                    "plausibility",
                    "audit-year-repeated",
                    months[0].sheet,
                    (f"{months[0].cell}:{months[-1].cell}",),
                    tr(
                        "{name}: the 12 months of {year} ({here}) are those of {other} ({there}), month by month "
                        "(total {total})",
                        name=name,
                        year=year_text(year.year),
                        here=here,
                        other=year_text(other.year),
                        there=there,
                        total=number(sum(values)),
                    ),
                    sum(values),
                    sum(values),
                    tr(
                        "{name} of {year} repeats {other}'s months exactly: was the sheet copied from {other} "
                        "and this row not updated?",
                        name=name,
                        year=year_text(year.year),
                        other=year_text(other.year),
                    ),
                    places=(here, there),
                ),
            )
        )
    return out
