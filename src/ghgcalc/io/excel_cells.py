"""The cells of a workbook as ghgcalc reads them: where each value of the document is
(ExcelPositions, sheet!cell from a few tables), and each cell's value, with the cells calamine shows
empty that are not (an error such as #DIV/0!, a formula saved without its result) reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from ghgcalc.errors import Issue, Location, Path, Severity, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.io.excel_xml import SheetXml, column_letter, column_number


def cell_name(row: int, column: int) -> str:
    return f"{column_letter(column)}{row + 1}"


def row_numbers(rows: list[int]) -> str:
    """Rows (0-based) as Excel numbers them: the first ten, then "..." if there are more."""
    return ", ".join(str(r + 1) for r in rows[:10]) + (", ..." if len(rows) > 10 else "")


def cell_position(cell: str) -> tuple[int, int]:
    """B7 -> (6, 1): the 0-based row and column of a cell named as cell_name names it."""
    letters = cell.rstrip("0123456789")
    return int(cell[len(letters) :]) - 1, column_number(letters) - 1


@dataclass
class ExcelPositions:
    """Paths of the document to sheet!cell, computed from a few tables rather than stored per value."""

    source: str
    cells: dict[Path, tuple[str, str]] = field(default_factory=dict)  # header fields, custom factors
    activity_rows: list[int] = field(default_factory=list)  # 0-based sheet row of each activity
    activity_columns: dict[str, int] = field(default_factory=dict)  # field (or "data_quality.source") -> column
    month_columns: list[int] = field(default_factory=list)
    amount_column: dict[int, int] = field(default_factory=dict)  # activity -> column its amount came from
    sheet: str = "Activities"
    no_inventory: bool = False  # the workbook has no Inventory sheet: its fields are not said missing one by one

    def locate(self, path: Path, at_key: bool = False) -> Location:
        probe = tuple(path)
        while probe:
            where = self._where(probe)
            if where is not None:
                return Location(self.source, sheet=where[0], cell=where[1])
            probe = probe[:-1]
        return Location(self.source)

    def _where(self, path: Path) -> tuple[str, str] | None:
        if path in self.cells:
            return self.cells[path]
        if len(path) < 2 or path[0] != "activities" or not isinstance(path[1], int):
            return None
        index = path[1]
        if index >= len(self.activity_rows):
            return None
        row = self.activity_rows[index]
        if len(path) == 2:
            return self.sheet, cell_name(row, self.activity_columns.get("activity", 0))
        name = path[2]
        if name == "amount":
            if len(path) >= 4 and isinstance(path[3], int) and path[3] < len(self.month_columns):
                return self.sheet, cell_name(row, self.month_columns[path[3]])
            column = self.amount_column.get(index, self.activity_columns.get("total"))
            return (self.sheet, cell_name(row, column)) if column is not None else None
        if not isinstance(name, str):
            return None
        columns = self.activity_columns
        if len(path) >= 4 and f"{name}.{path[3]}" in columns:  # a nested field: data_quality.source
            return self.sheet, cell_name(row, columns[f"{name}.{path[3]}"])
        if name in columns:
            return self.sheet, cell_name(row, columns[name])
        nested = [column for key, column in columns.items() if key.startswith(f"{name}.")]
        return (self.sheet, cell_name(row, min(nested))) if nested else None

    def resolve(self, loc: tuple[object, ...]) -> Path:
        path: list[str | int] = []
        for part in loc:
            candidate = cast(Path, (*path, part))
            known = candidate == ("activities",) or self._where(candidate) is not None
            if known or any(k[: len(candidate)] == candidate for k in self.cells):
                path.append(part)  # type: ignore[arg-type]
        return tuple(path)


class SheetReader:
    """Collects the problems of one workbook and gives cell values, reporting what calamine hides."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.positions = ExcelPositions(source)
        self.issues: list[Issue] = []
        self.xml: dict[str, SheetXml] = {}  # what calamine does not show, per sheet name

    def issue(
        self,
        code: str,
        message: str,
        sheet: str | None = None,
        cell: str | None = None,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.issues.append(Issue(code, message, severity, Location(self.source, sheet=sheet, cell=cell), hint=hint))

    def special(self, sheet: str) -> bool:
        """Whether the sheet has cells calamine shows as empty that are not: errors, formulas without a result."""
        xml = self.xml.get(sheet)
        return xml is not None and bool(xml.no_value or xml.errors or xml.unsure)

    def forget_unsure(self, sheet: str, rows: list[list[Any]]) -> None:
        """Empty the cells of `rows` whose formula result a program that does not calculate saved
        (SheetXml.unsure: its 0 is no result): `value` then reports each cell it is asked for."""
        xml = self.xml.get(sheet)
        for cell in xml.unsure if xml is not None else ():
            row, column = cell_position(cell)
            if row < len(rows) and column < len(rows[row]):
                rows[row][column] = ""

    def value(self, sheet: str, rows: list[list[Any]], row: int, column: int) -> Any:
        """A cell's value: None when empty; text stripped; whole numbers as int."""
        if row >= len(rows) or column >= len(rows[row]):
            return None
        value = rows[row][column]
        if value == "" or value is None:
            xml = self.xml.get(sheet)
            if xml is not None and (xml.no_value or xml.errors or xml.unsure):
                self.emptycell_name(sheet, xml, cell_name(row, column))
            return None
        return plain(value)

    def emptycell_name(self, sheet: str, xml: SheetXml, cell: str) -> None:
        """A cell calamine shows empty: report it if it holds an error or a formula without a result."""
        if cell in xml.errors:
            shown = visible(xml.errors[cell])
            meaning = _ERROR_MEANINGS.get(xml.errors[cell], N_("the formula cannot be calculated"))
            self.issue(
                "cell-error",
                tr("{cell} shows the spreadsheet error {error}, not a value", cell=cell, error=shown),
                sheet,
                cell,
                tr(
                    "correct the formula or the cells it uses so that {cell} shows a number or text ({meaning})",
                    cell=cell,
                    meaning=tr(meaning),
                ),
            )
        elif cell in xml.unsure:
            self.issue(
                "formula-no-value",
                tr(
                    "the formula in {cell} was saved by a program that does not calculate formulas (the workbook "
                    "asks to be recalculated when opened): its saved result, {value}, is not the formula's",
                    cell=cell,
                    value=xml.unsure[cell] or "''",
                ),
                sheet,
                cell,
                tr(
                    "open the workbook in Excel and save it, so that its formulas are calculated (in LibreOffice: "
                    "Data > Calculate > Recalculate Hard, then save)"
                ),
            )
        elif cell in xml.no_value:
            self.issue(
                "formula-no-value",
                tr("the formula in {cell} has no saved result", cell=cell),
                sheet,
                cell,
                tr("open the workbook in a spreadsheet program and save it, so that its formulas are calculated"),
            )


_ERROR_MEANINGS = {
    "#DIV/0!": N_("#DIV/0! is a division by zero"),
    "#REF!": N_("#REF! is a reference to cells that were deleted"),
    "#N/A": N_("#N/A is a lookup that found nothing"),
    "#VALUE!": N_("#VALUE! is arithmetic on text"),
    "#NAME?": N_("#NAME? is an unknown function or name"),
    "#NUM!": N_("#NUM! is a number out of range"),
    "#NULL!": N_("#NULL! is a range that does not intersect"),
}


def plain(value: Any) -> Any:
    """A cell's value as SheetReader.value gives it, for a sheet without formula problems."""
    if value == "" or value is None:
        return None
    kind = type(value)
    if kind is str:
        return value.strip() or None
    if kind is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if kind is dt.datetime and value.time() == dt.time():
        return value.date()
    return value
