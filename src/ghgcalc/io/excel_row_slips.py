"""The slips of an Activities sheet's rows that change a total without a word, each found where the
sheet is read (excel_reader._read_activities) and said at its cell: cells merged over meter rows, an
amount shown as a percentage, a header that names another unit than the row's, a total row keyed like
its lines, the first months left empty, the header row again (a second table); and a sheet read while
hidden. Kept apart from the reading itself, which stays lean for
the 100,000 rows of a large sheet: each check here runs only where a cheap look says it may apply."""

from __future__ import annotations

import math
from typing import Any

from ghgcalc import units
from ghgcalc.errors import Severity, visible
from ghgcalc.i18n import tr
from ghgcalc.io.excel_cells import SheetReader, cell_name, plain, row_numbers

# The words of a subtotal row's activity or label cell (lower case).
SUBTOTAL_WORDS = {"total", "subtotal", "sum", "รวม", "รวมทั้งสิ้น", "ผลรวม"}


def has_amounts(values: dict[str, Any], months: list[Any]) -> bool:
    return values.get("total") is not None or any(month is not None for month in months)


def units_row(values: dict[str, Any], months: list[Any]) -> bool:
    """Whether a row without an activity names only units in its amount cells (`(kWh)` under each
    month of an office's own header): a row of the layout, not a line whose activity is missing. A
    cell with a number in it (`1,200 ลิตร`) is not a unit alone."""
    from ghgcalc.units import UnitError, check_unit

    cells = [cell for cell in (*months, values.get("total")) if cell is not None]
    if not cells or not all(isinstance(cell, str) for cell in cells):
        return False
    for cell in cells:
        text = cell.strip().strip("()[]").strip()
        if not text or text[0].isdigit():
            return False
        try:
            check_unit(text)
        except UnitError:
            return False
    return True


# The letters a label that says "total" starts with (รวม, ผลรวม, total, subtotal, sum): a first
# look that spares the 100,000 rows of a large sheet the rest
_TOTAL_START = frozenset("รผยtTsSgG")


def reads_like_total(label: object) -> bool:
    """Whether a row's label says it adds up other rows: รวมไฟฟ้าทั้งหมด, Total electricity, Subtotal."""
    if type(label) is not str or label.lstrip()[:1] not in _TOTAL_START:
        return False
    text = label.strip().lower()
    if text.startswith(("รวม", "ผลรวม", "ยอดรวม", "grand total")):
        return True
    return bool(text.split()) and text.split()[0].rstrip(":") in SUBTOTAL_WORDS


def bare_amount(total: Any, months: list[Any]) -> float | None:
    """The amount of a row without an activity (its months' sum, else its total), when its cells are
    numbers; None otherwise."""
    filled = [month for month in months if month is not None]
    return annual_amount(filled if filled else total)


def merged_rows(
    reader: SheetReader,
    sheet: str,
    rows: list[list[Any]],
    merged: list[tuple[int, int, int, int]],
    first_data: int,
    amount_columns: set[int],
    activity_column: int,
    read_columns: set[int],
) -> None:
    """Cells merged over several meter rows show their value on each row, but the workbook keeps it
    in the top cell only: each row gets the top cell's value (said once, naming the ranges). An
    amount merged over meter rows cannot say whose it is: refused at its cells. A merge over rows
    without amounts (a note, a signature box below the lines), or in columns that are not read (a
    note beside the lines), is no one's: left as it is."""

    def number(row: int, column: int) -> bool:
        value = rows[row][column] if row < len(rows) and column < len(rows[row]) else None
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    def meters(top: int, bottom: int, left: int, right: int) -> bool:
        """Whether a row below the top (0-based rows top+1..bottom) is a line: an activity or an
        amount of its own, outside the merge."""
        for row in range(top + 1, min(bottom, len(rows) - 1) + 1):
            cells = rows[row]
            outside = not left <= activity_column <= right and activity_column < len(cells)
            if outside and cells[activity_column] not in ("", None):
                return True
            if any(number(row, column) for column in amount_columns if not left <= column <= right):
                return True
        return False

    filled: list[str] = []
    for top, left, bottom, right in sorted(merged):
        if top - 1 < first_data or bottom == top or top > len(rows):
            continue  # a header, or a merge within one row
        if not any(left - 1 <= column <= right - 1 for column in read_columns):
            continue  # a note beside the lines, in a column that is not read
        if not meters(top - 1, bottom - 1, left - 1, right - 1):
            continue  # over rows that are no meter's (a note, a box, an empty merge): nothing to read
        shown = f"{cell_name(top - 1, left - 1)}:{cell_name(bottom - 1, right - 1)}"
        amounts = [column for column in amount_columns if left - 1 <= column <= right - 1]
        if amounts and any(number(top - 1, column) for column in amounts):
            reader.issue(
                "cell-merged",
                tr(
                    "the amount cells {cells} are merged over {count} rows: whose amount it is cannot be known",
                    cells=shown,
                    count=bottom - top + 1,
                ),
                sheet,
                cell_name(top - 1, left - 1),
                tr("unmerge the cells and type each row's own amount in its row"),
            )
            continue
        value = rows[top - 1][left - 1] if left - 1 < len(rows[top - 1]) else None
        if value in ("", None):
            continue
        for row in range(top, min(bottom, len(rows))):
            if left - 1 < len(rows[row]):
                rows[row][left - 1] = value
        filled.append(shown)
    if filled:
        listed = ", ".join(filled[:10]) + (", ..." if len(filled) > 10 else "")
        reader.issue(
            "cell-merged",
            tr(
                "{count} merged cell range(s) over several rows ({ranges}): each row is read with the value "
                "its top cell holds, as the sheet shows it",
                count=len(filled),
                ranges=listed,
            ),
            sheet,
            filled[0].split(":")[0],
            tr("if a row is not meant to share that value, unmerge the cells and fill each row"),
            Severity.WARNING,
        )


def empty_first_months(reader: SheetReader, sheet: str, row: int, columns: list[int], months: list[Any]) -> None:
    """A row whose first month cells are empty and later ones filled: read as 0, which a month not
    yet typed in is not; said, since nothing else would (a zero inside the year is checked later)."""
    empty = next(index for index, month in enumerate(months) if month is not None)
    first, last = cell_name(row, columns[0]), cell_name(row, columns[empty - 1])
    reader.issue(
        "amount-months-empty",
        tr(
            "the first {count} month cell(s) of this row ({cells}) are empty while later months are filled: "
            "they are read as 0",
            count=empty,
            cells=first if empty == 1 else f"{first}:{last}",
        ),
        sheet,
        first,
        tr("enter the amounts of those months (0 for a month without use)"),
        Severity.WARNING,
    )


def annual_amount(amount: Any) -> float | None:
    """The sum of a row's amount (months or total), when it reads as numbers (text such as "12,500"
    too); None otherwise (a text the model refuses later)."""
    try:
        return float(sum(amount)) if type(amount) is list else float(amount)
    except (TypeError, ValueError, OverflowError):
        pass
    from ghgcalc.numbers import NumberError, read_number  # text such as "12,500", as the model reads it

    try:
        return float(sum(read_number(a) for a in amount)) if type(amount) is list else float(read_number(amount))
    except (NumberError, TypeError, ValueError, OverflowError):
        return None


def subtotal_check(
    reader: SheetReader,
    sheet: str,
    row: int,
    columns: dict[str, int],
    item: dict[str, Any],
    totals: dict[str, tuple[int, float]],
) -> float | None:
    """A row that looks like the total of the rows above it of the same activity (its label says
    รวม or Total, or its amount is their sum): read, as it is an activity, and said, since it would
    count those rows twice."""
    annual = annual_amount(item["amount"])
    # the rows above of the same activity and unit: a total is in the unit of the rows it adds up
    key = f"{item['activity']}\x00{units.normalise(str(item.get('unit') or ''))}"
    count, earlier = totals.get(key, (0, 0.0))
    summed = count >= 2 and annual is not None and annual > 0 and math.isclose(annual, earlier, rel_tol=1e-6)
    if summed or reads_like_total(item.get("label")):
        reader.issue(
            "subtotal-suspected",
            tr(
                "this row looks like a total of the {activity} rows above it (its label, or its amount, which "
                "is their sum): if it is, their emissions are counted twice",
                activity=item["activity"],
            ),
            sheet,
            cell_name(row, columns["activity"]),
            tr("delete the total row, or clear its activity cell (a row without an activity is not read)"),
            Severity.WARNING,
        )
    if annual is not None:
        totals[key] = (count + 1, earlier + annual)
    return annual


def header_units(
    rows: list[list[Any]], header: int, two_rows: bool, columns: set[int], names: set[str]
) -> dict[int, str]:
    """The amount columns whose header names a unit (`Total (MWh)`, `Jan (MWh)`), with that unit."""
    from ghgcalc.io.header_units import header_unit

    found: dict[int, str] = {}
    for column in sorted(columns):
        for at in (header, header + 1) if two_rows else (header,):
            text = rows[at][column] if column < len(rows[at]) else None
            named = header_unit(text, names) if isinstance(text, str) else None
            if named is not None:
                found[column] = named
                break
    return found


def same_unit(unit: str, named: str) -> bool:
    from ghgcalc.units import UnitError, conversion_factor

    try:
        return conversion_factor(unit, named) == 1.0
    except UnitError:
        return False


def percent_amounts(reader: SheetReader, sheet: str, rows: list[list[Any]], row: int, columns: list[int]) -> None:
    """An amount shown as a percentage (12%) is the number 0.12 in the cell: whether 12 or 0.12 was
    meant cannot be known, so it is refused at the cell, never read as either."""
    for column in columns:
        value = rows[row][column] if column < len(rows[row]) else None
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        reader.issue(
            "amount-percent",
            tr(
                "this amount is formatted as a percentage ({shown}), which is the number {value}: an amount "
                "is not a percentage",
                shown=f"{value * 100:g}%",
                value=f"{value:g}",
            ),
            sheet,
            cell_name(row, column),
            tr("format the cell as a number and type the amount itself"),
        )


HEADING = "\x00heading"  # _read_activities' mark of an activity cell that reads as the column's header


def header_again(
    reader: SheetReader, sheet: str, rows: list[list[Any]], header: int, two_rows: bool, row: int, column: int
) -> list[int]:
    """A row whose activity cell is the Activity header again. The header repeated as it is (tables
    of the same columns one under the other, as a printout repeats it on each page) is passed over,
    the rows under it read as the lines they are: its second row too when the header has two (their
    rows to skip are returned). A header with other cells (other months, another year, the columns
    in another order) is a second table, which the first header's columns would misread: an error."""

    def same(at: int, than: int) -> bool:
        mine, theirs = rows[at], rows[than]
        width = max(len(mine), len(theirs))
        texts = [
            [str(plain(cells[c]) or "") if c < len(cells) else "" for c in range(width)] for cells in (mine, theirs)
        ]
        return texts[0] == texts[1]

    if same(row, header):
        second = row + 1
        return [second] if two_rows and second < len(rows) and same(second, header + 1) else []
    reader.issue(
        "header-repeated",
        tr(
            "row {row} is a header row again, with other columns than the header in row {header} (a second "
            "table?): its rows would be read under the first header's columns",
            row=row + 1,
            header=header + 1,
        ),
        sheet,
        cell_name(row, column),
        tr(
            "keep one table on the sheet: move the lines of the second table under the first header, in its "
            "columns, and delete the second header row"
        ),
    )
    return []


def hidden_sheet(reader: SheetReader, sheet: str, very: bool) -> None:
    """A sheet ghgcalc reads is hidden: its values count, and the person who reads the workbook
    does not see them (a very hidden sheet is not even listed by Excel's Unhide)."""
    shown = visible(sheet)
    if very:
        message = tr(
            "the sheet '{sheet}' is very hidden (Excel's Unhide does not list it), but it is read and its values "
            "are counted",
            sheet=shown,
        )
        hint = tr(
            "a macro or another program hid it: in Excel open Developer > Visual Basic, choose the sheet and set "
            "its Visible property to xlSheetVisible; then check it, or delete it if it does not belong here"
        )
    else:
        message = tr("the sheet '{sheet}' is hidden, but it is read and its values are counted", sheet=shown)
        hint = tr("unhide it to check it (right-click a sheet tab > Unhide), or delete it if it does not belong here")
    reader.issue("sheet-hidden", message, sheet, "A1", hint, Severity.WARNING)


def tick_columns(
    reader: SheetReader,
    sheet: str,
    rows: list[list[Any]],
    header: int,
    read_rows: list[int],
    read_columns: set[int],
) -> None:
    """A column ghgcalc does not read that holds only ticks (TRUE/FALSE, a checkbox) beside the lines
    read: an unticked line may mean "not counted", but every line is counted, so it is said at the
    column's header with the unticked rows. A column of ticks all TRUE changes nothing and is not said."""
    width = max((len(rows[row]) for row in read_rows), default=0)
    for column in range(width):
        if column in read_columns:
            continue
        unticked: list[int] = []
        for row in read_rows:
            cells = rows[row]
            value = cells[column] if column < len(cells) else None
            if value is None or value == "":
                continue
            if type(value) is not bool:
                break  # a column of notes, numbers or dates: not a checkbox
            if not value:
                unticked.append(row)
        else:
            if not unticked:
                continue
            title = rows[header][column] if column < len(rows[header]) else None
            reader.issue(
                "column-ticks-ignored",
                tr(
                    "the column '{column}' holds ticks (TRUE/FALSE) and is not read: its {count} unticked "
                    "row(s) (rows {rows}) are counted like the others",
                    column=visible(str(title)) if title is not None else cell_name(header, column)[:-1],
                    count=len(unticked),
                    rows=row_numbers(unticked),
                ),
                sheet,
                cell_name(header, column),
                tr("delete the rows that are not to be counted; the column can stay as your own note"),
                Severity.WARNING,
            )
