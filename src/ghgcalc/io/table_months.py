"""A table row's month that is far from its other months (a 10x slip in one meter's reading), or
0 between steady ones (a missing reading), warned at its row and month column by the rules a file's
monthly line gets (core/plausibility, `--threshold month=N`, `zeros=S`).

DuckDB screens every row exactly: a row can hold such a month only if its largest positive month
is at least `month` times its smallest (plausibility's own screen); only the rows that pass are
read into Python and judged by the rule itself, so the two paths cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from ghgcalc.core.plausibility import MIN_MONTHS, Thresholds, _missing_readings, _monthly_outliers
from ghgcalc.errors import Issue, Location, Severity
from ghgcalc.i18n import tr

if TYPE_CHECKING:
    from ghgcalc.io.tables import _Rows

# Rows read for judging, at most: beyond them the count is of rows the screen flags.
LARGEST_JUDGED = 100_000
# Rows read to list the first missing readings: the screen is the rule (up to rounding), so the rest are counted
JUDGED_ZEROS = 1_000
LISTED = 10


@dataclass(frozen=True)
class _Months:
    """What the monthly rule reads of a line."""

    index: int
    monthly: tuple[float, ...]
    unit: str


def month_outliers(rows: _Rows, limits: Thresholds) -> list[Issue]:
    """Warnings for the outlying months of the table's good rows, the first rows listed."""
    months = rows.columns.months
    if limits.month is None or len(months) < MIN_MONTHS:
        return []
    names = [f"m{slot}" for slot, _ in months]
    positive = ", ".join(f"CASE WHEN {n} > 0 THEN {n} END" for n in names)
    screen = f"greatest({positive}) >= {limits.month!r} * least({positive})"
    unit = "k_unit" if "unit" in rows.keys else "''"
    con = rows.table.con
    (flagged,) = con.execute(f"SELECT count(*) FROM rows WHERE problem IS NULL AND monthly AND {screen}").fetchall()[0]
    if not flagged:
        return []
    found = con.execute(
        f"SELECT __row, {unit}, {', '.join(names)} FROM rows WHERE problem IS NULL AND monthly AND {screen} "
        f"ORDER BY __row LIMIT {LARGEST_JUDGED}"
    ).fetchall()
    listed, outlying = _located(rows, found, _monthly_outliers(cast(Any, _judged(found)), limits))
    where = Location(rows.table.shown)
    more = len(outlying) - min(len(outlying), LISTED)
    if more:
        message = tr("... and {count} more rows with {code}", count=f"{more:,}", code="amount-outlier")
        listed.append(Issue("amount-outlier", message, Severity.WARNING, where))
    if flagged > len(found):
        message = tr(
            "... and up to {count} more rows that may have an outlying month (not judged one by one)",
            count=f"{flagged - len(found):,}",
        )
        listed.append(Issue("amount-outlier", message, Severity.WARNING, where))
    return listed


def month_zeros(rows: _Rows, limits: Thresholds) -> list[Issue]:
    """Warnings for a zero (or empty) month between non-zero ones in a steady row: one meter's
    missing reading, which the summed months of thousands of meters never show.

    DuckDB screens every row: some month 0 with positive months before and after it, enough
    positive months, not too many zeros, and positive months within month**2 of each other (the
    rule's own "steady", whose every month lies within `month` of their median, implies it); the
    rows that pass are judged by the rule itself."""
    months = rows.columns.months
    if limits.month is None or limits.zeros is None or len(months) < MIN_MONTHS:
        return []
    names = [f"m{slot}" for slot, _ in months]
    zero = [f"coalesce({n}, 0) = 0" for n in names]
    positive = [f"{n} > 0" for n in names]
    inside = " OR ".join(
        f"({zero[i]} AND ({' OR '.join(positive[:i])}) AND ({' OR '.join(positive[i + 1 :])}))"
        for i in range(1, len(names) - 1)
    )
    count = " + ".join(f"CASE WHEN {p} THEN 1 ELSE 0 END" for p in positive)
    values = ", ".join(f"CASE WHEN {n} > 0 THEN {n} END" for n in names)
    # the median of the positive months, as statistics.median takes it; a hair of slack keeps every
    # row the rule flags (the rule itself judges the rows read)
    typical = f"list_aggregate(list_filter([{', '.join(names)}], lambda x: x > 0), 'median')"
    ratio = limits.month
    screen = (
        f"({inside}) AND ({count}) >= {MIN_MONTHS} AND {len(names)} - ({count}) <= {limits.zeros * len(names)!r} "
        f"AND greatest({values}) < {ratio**2!r} * least({values}) "
        f"AND greatest({values}) < {ratio * (1 + 1e-9)!r} * {typical} "
        f"AND least({values}) * {ratio * (1 + 1e-9)!r} > {typical}"
    )
    unit = "k_unit" if "unit" in rows.keys else "''"
    con = rows.table.con
    condition = f"problem IS NULL AND monthly AND {screen}"
    found = con.execute(
        f"SELECT __row, {unit}, {', '.join(names)} FROM rows WHERE {condition} ORDER BY __row LIMIT {JUDGED_ZEROS}"
    ).fetchall()
    if not found:
        return []
    (screened,) = con.execute(f"SELECT count(*) FROM rows WHERE {condition}").fetchone() or (0,)
    listed, flagged = _located(rows, found, _missing_readings(cast(Any, _judged(found)), limits))
    more = len(flagged) - min(len(flagged), LISTED) + (screened - len(found))  # the screen is the rule, but for a hair
    if more > 0:
        message = tr("... and {count} more rows with {code}", count=f"{more:,}", code="amount-month-zero")
        listed.append(Issue("amount-month-zero", message, Severity.WARNING, Location(rows.table.shown)))
    return listed


def _judged(found: list[Any]) -> list[_Months]:
    """The rows read (__row, unit, the months...) as the monthly rule reads a line, numbered in order."""
    return [
        _Months(number, tuple(0.0 if v is None else float(v) for v in record[2:]), str(record[1] or "").strip())
        for number, record in enumerate(found)
    ]


def _located(rows: _Rows, found: list[Any], issues: list[Issue]) -> tuple[list[Issue], list[int]]:
    """The rule's warnings on the rows read, located at their row and month column, for the first
    LISTED rows that have one; and the numbers of every row that has one."""
    flagged = sorted({cast(int, issue.path[1]) for issue in issues})
    listed: list[Issue] = []
    for issue in issues:
        number, position = cast(int, issue.path[1]), cast(int, issue.path[3])
        if number not in flagged[:LISTED]:
            continue
        where = rows.table.where(found[number][0], rows.columns.months[position][1], rows.columns.order)
        listed.append(Issue(issue.code, issue.message, Severity.WARNING, where, hint=issue.hint))
    return listed, flagged
