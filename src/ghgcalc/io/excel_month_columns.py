"""Month columns of an Activities sheet placed in the inventory's period (docs/excel-format.md,
"Month columns"): each column at the month its header names, a year in a header within the period,
one column per month; what cannot be placed is reported at its header cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ghgcalc.errors import Severity
from ghgcalc.i18n import tr
from ghgcalc.io.excel_cells import SheetReader
from ghgcalc.io.excel_months import MonthHeader, month_name
from ghgcalc.models.period import Period
from ghgcalc.thai import BE_OFFSET


@dataclass
class MonthColumn:
    column: int
    header: MonthHeader
    cell: str  # the header cell that named the month


def months_of_period(period: Period) -> list[tuple[int, int]]:
    """(year, month) of every month the period touches, in order."""
    found = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _shown_month(period: Period, year: int | None, month: int) -> str:
    """A month for a person: October 2566 (B.E. when the period was written so), or October."""
    return f"{month_name(month)} {period.year_text(year)}" if year is not None else month_name(month)


def place_months(
    reader: SheetReader,
    sheet: str,
    rows: list[list[Any]],
    months: list[MonthColumn],
    period: Period | None,
    first_data: int,
) -> list[int]:
    """The month columns in the order of the period's months, each column at the month it names.

    Without a readable period the columns keep their order (the period's own error is reported).
    A year in a header must lie in the period; two columns for one month, a month of the period
    without a column, and a filled column outside the period are errors.
    """
    if not months:
        return []
    if period is None:
        return [m.column for m in months]
    calendar = months_of_period(period)
    slots: dict[int, MonthColumn] = {}

    def duplicate(month: MonthColumn, other: MonthColumn) -> None:
        reader.issue(
            "month-duplicate",
            tr(
                "{month} has two columns, {first} and {second}",
                month=_shown_month(period, month.header.year, month.header.month),
                first=other.cell,
                second=month.cell,
            ),
            sheet,
            month.cell,
            tr("keep one column per month: add its amounts into the other column and delete it"),
        )

    for month in (m for m in months if m.header.year is not None):
        wanted = (month.header.year, month.header.month)
        if wanted not in calendar:
            reader.issue(
                "month-outside-period",
                tr(
                    "the column {cell} is {month}, outside the period {period}",
                    cell=month.cell,
                    month=_shown_month(period, *wanted),
                    period=period.label,
                ),
                sheet,
                month.cell,
                tr("correct the year in the header, or the period on the Inventory sheet"),
            )
            continue
        index = calendar.index(wanted)
        if index in slots:
            duplicate(month, slots[index])
            continue
        slots[index] = month
    for month in (m for m in months if m.header.year is None):
        free = [i for i, (_, number) in enumerate(calendar) if number == month.header.month and i not in slots]
        if free:
            slots[free[0]] = month
            continue
        taken = [slots[i] for i, (_, number) in enumerate(calendar) if number == month.header.month and i in slots]
        if taken:
            duplicate(month, taken[-1])
        elif _filled(rows, month.column, first_data):
            reader.issue(
                "month-outside-period",
                tr(
                    "the column {cell} is {month}, which is not in the period {period}, yet it has amounts",
                    cell=month.cell,
                    month=month_name(month.header.month),
                    period=period.label,
                ),
                sheet,
                month.cell,
                tr("correct the period on the Inventory sheet, or move the amounts to the right month"),
            )
    missing = [_shown_month(period, *calendar[i]) for i in range(len(calendar)) if i not in slots]
    if missing:
        listed = ", ".join(missing[:6])
        if len(missing) > 6:
            listed = tr("{listed} and {count} more", listed=listed, count=len(missing) - 6)
        reader.issue(
            "month-missing",
            tr("no column for {months}: the period runs {period}", months=listed, period=period.label),
            sheet,
            months[0].cell,
            tr(
                "add a column for each month of the period (a month without amounts may stay empty), "
                "or give only a Total column"
            ),
        )
    _check_order(reader, months, period)
    return [slots[i].column for i in sorted(slots)]


def _filled(rows: list[list[Any]], column: int, first: int) -> bool:
    return any(column < len(row) and row[column] not in ("", None) for row in rows[first:])


def _check_order(reader: SheetReader, months: list[MonthColumn], period: Period) -> None:
    """Month columns without years that start elsewhere than the period does: likely the wrong period
    (a bare 2567 in a fiscal October-September workbook means January-December 2024)."""
    if any(m.header.year is not None for m in months) or len(months) < 12:
        return
    found = order_mismatch(months[0].header.month, period)
    if found is None:
        return
    where = reader.positions.cells.get(("period",)) or reader.positions.cells.get(("period", "start"))
    message, hint = found
    reader.issue(
        "period-months-mismatch",
        message,
        where[0] if where else None,
        where[1] if where else None,
        hint,
        Severity.WARNING,
    )


def order_mismatch(first: int, period: Period) -> tuple[str, str] | None:
    """The message and hint of month columns (without years) that start with the month `first`
    while the period starts in another; None when they start together."""
    if first == period.start.month:
        return None
    shown = period.label
    year = period.end.year
    if first == 10 and (period.start.month, period.start.day, period.end.month) == (1, 1, 12):
        hint = tr(
            "for the fiscal year October {previous} to September {year}, write FY{fiscal} "
            "as the period; each month column counts for its month of the period as written",
            previous=period.year_text(year - 1),
            year=period.year_text(year),
            fiscal=year + BE_OFFSET,
        )
    elif first == 1 and (period.start.month, period.start.day, period.end.month) == (10, 1, 9):
        hint = tr(
            "for the calendar year {year}, write {be_year} as the period",
            year=period.year_text(year),
            be_year=year + BE_OFFSET,
        )
    else:
        hint = tr("check the period; each month column counts for the month of the period it names")
    message = tr(
        "the month columns start with {first}, but the period ({period}) starts in {start}",
        first=month_name(first),
        period=shown,
        start=month_name(period.start.month),
    )
    return message, hint
