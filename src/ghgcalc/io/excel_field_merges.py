"""Merged cells on a sheet of fields (Inventory, and the Organization sheet above its tables): a
field's name in column A, its value in column B, one field a row (docs/excel-format.md).

A workbook keeps a merged range's value in its top-left cell only. On the Activities sheet a value
merged over meter rows is every row's (excel_row_slips.merged_rows); on a sheet of fields it is not:

- a field's name merged over rows leaves the rows under it without a name: a value typed in one of
  them is no field's, and is not read (an error: it was written to be read);
- a value merged over rows shows beside the fields of the rows under it, which are read as empty
  (a warning, naming them: `kind` beside the organisation's long name is not that name);
- a field's name and value merged into one cell leave the field without a value (a warning).
"""

from __future__ import annotations

from typing import Any

from ghgcalc.errors import Severity, visible
from ghgcalc.i18n import tr
from ghgcalc.io.excel_cells import SheetReader, cell_name

KEY, VALUE = 0, 1  # the columns of a field's name and value (0-based)


def merged_fields(reader: SheetReader, sheet: str, rows: list[list[Any]], last_row: int | None = None) -> None:
    """Say the merged ranges of a sheet of fields that hide or drop a value, in rows 2..last_row
    (1-based; the rows above a table of the sheet)."""
    xml = reader.xml.get(sheet)
    if xml is None or not xml.merged:
        return
    end = len(rows) if last_row is None else last_row

    def text(row: int, column: int) -> str:
        value = rows[row][column] if row < len(rows) and column < len(rows[row]) else None
        return "" if value is None else str(value).strip()

    for top, left, bottom, right in sorted(xml.merged):
        if top < 2 or top > end or left - 1 > VALUE:
            continue  # the header row, a table below the fields, or the description columns
        cells = f"{cell_name(top - 1, left - 1)}:{cell_name(bottom - 1, right - 1)}"
        over_key, over_value = left - 1 <= KEY <= right - 1, left - 1 <= VALUE <= right - 1
        if over_key and over_value:
            if text(top - 1, KEY):
                reader.issue(
                    "cell-merged",
                    tr(
                        "the field '{key}' and its value are merged into one cell, {cells}: the field has no value",
                        key=visible(text(top - 1, KEY)),
                        cells=cells,
                    ),
                    sheet,
                    cell_name(top - 1, KEY),
                    tr("unmerge the cells and type the value in {cell}", cell=cell_name(top - 1, VALUE)),
                    Severity.WARNING,
                )
            continue
        for row in range(top, min(bottom, len(rows))):  # the rows under the top one (0-based)
            if over_key and text(row, VALUE):
                reader.issue(
                    "cell-merged",
                    tr(
                        "the field name '{key}' is merged over {count} rows ({cells}): the value in {cell} "
                        "is no field's, and is not read",
                        key=visible(text(top - 1, KEY)),
                        count=bottom - top + 1,
                        cells=cells,
                        cell=cell_name(row, VALUE),
                    ),
                    sheet,
                    cell_name(row, VALUE),
                    tr("unmerge the cells and write each value's field name in column A of its row"),
                )
            elif over_value and text(row, KEY):
                reader.issue(
                    "cell-merged",
                    tr(
                        "the value of '{key}' is merged over {count} rows ({cells}): it shows beside "
                        "'{other}' too, which is read as empty",
                        key=visible(text(top - 1, KEY)),
                        count=bottom - top + 1,
                        cells=cells,
                        other=visible(text(row, KEY)),
                    ),
                    sheet,
                    cell_name(row, VALUE),
                    tr(
                        "unmerge the cells, and type the value of '{other}' in {cell} if it has one",
                        other=visible(text(row, KEY)),
                        cell=cell_name(row, VALUE),
                    ),
                    Severity.WARNING,
                )
