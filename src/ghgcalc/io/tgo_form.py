"""TGO's calculation form 1.5(1) ("แบบฟอร์ม 1.5(1)") read as it is filled (docs/tgo-workbooks.md).

Each year summary sheet ("สรุปการคำนวณ ปี 2568", "สรุปการคำนวณ ปีฐาน"; wide or narrow layout) gives,
for every activity row 8-25, its label, scope, unit, the EF the sheet uses and the twelve monthly
quantities (January to December), each with its cell; the septic-tank and pond sheets of the year
give days, staff and water per month. The totals the workbook prints are kept with their cells
(`Printed`) for an audit; nothing here recomputes or judges them. The same checks as the inventory
reader run before python-calamine opens anything: a regular file, the zip limits, every sheet's size.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any, cast

from ghgcalc.errors import Issue, Severity, visible
from ghgcalc.io.excel_cells import SheetReader, cell_name
from ghgcalc.io.excel_xml import check_zip, scan
from ghgcalc.io.files import is_regular, kind_of
from ghgcalc.thai import thai_to_arabic_digits

FIRST_ROW, LAST_ROW = 8, 25  # the activity rows of the form (1-based, as Excel numbers them)
_RESAVE = "open and save it again in a spreadsheet program"
_NOT_FORM_HINT = (
    "give TGO's calculation form 1.5(1), whose year sheets are named 'สรุปการคำนวณ ปี 2568' "
    "(or 'สรุปการคำนวณ ปีฐาน'); for ghgcalc's own workbook use ghgcalc compute or ghgcalc convert"
)


@dataclass(frozen=True)
class Layout:
    """Columns (0-based) of a summary sheet: the wide layout of the 2568 sheet, the narrow one of 2567."""

    name: str
    ef: int
    ef_unit: int
    unit: int
    first_month: int  # quantity of January; its CF next to it; months in pairs
    total: int  # the row total (รวม)
    scope_table: int  # the column of this year's scope totals (tCO2e)
    scope_first_row: int  # 0-based row of "ประเภท 1" in the scope table

    def month(self, m: int) -> int:
        return self.first_month + 2 * (m - 1)


WIDE = Layout("wide", 3, 4, 5, 6, 30, 4, 38)  # D, E, F, G.., AE; scope table E39:E42
NARROW = Layout("narrow", 2, 3, 4, 5, 29, 2, 37)  # C, D, E, F.., AD; scope table C38:C41


@dataclass(frozen=True)
class Printed:
    """A number the workbook prints (a cached formula result or a typed value), and where."""

    sheet: str
    cell: str
    value: float | None


@dataclass
class FormRow:
    """One activity row of a summary sheet."""

    row: int  # 1-based
    label: str
    label_cell: str
    scope: int | None
    unit: str | None  # as written in the collection-unit column
    unit_cell: str
    ef: float | None
    ef_cell: str
    months: list[float]  # January .. December; an empty cell is 0
    month_cells: list[str]
    key: str | None  # the bundled tgo-cfo factor the row corresponds to, where it has one
    kind: str  # "typed", "septic", "pond", "unknown"
    line_total: Printed
    cf: list[Printed] = field(default_factory=list)  # the CF (kgCO2e) printed beside each month

    @property
    def empty(self) -> bool:
        return not any(self.months)


@dataclass
class SepticSheet:
    sheet: str
    days: list[float]
    staff: list[float]
    day_cells: list[str]
    staff_cells: list[str]
    factor: Printed  # Q2, kg CH4 per person-day (0.012 in TGO's sheet)
    ch4: list[float]  # C4:N4 as printed
    ch4_cells: list[str] = field(default_factory=list)


@dataclass
class PondSheet:
    sheet: str
    water: list[float]  # m3 of tap water per month, C3:N3
    water_cells: list[str]
    factor: Printed  # H7, kg CH4 per kg COD
    ch4: list[float]  # B13:M13 as printed
    total: Printed | None = None  # O3, the typed total of the water
    ch4_cells: list[str] = field(default_factory=list)
    waste: list[float] = field(default_factory=list)  # B12:M12, the waste water (80% of the water)
    waste_cells: list[str] = field(default_factory=list)


@dataclass
class FormTotals:
    """The totals the year sheet prints, kept for an audit."""

    column_total: Printed  # AE26 (wide) / AD26 (narrow), kgCO2e, every row
    scopes: list[Printed]  # scope 1, 2, 3, tCO2e (E39:E41 / C38:C40)
    total: Printed  # E42 / C41, tCO2e: the year's total as printed


@dataclass
class FormYear:
    sheet: str
    year: int  # B.E.
    layout: str
    rows: list[FormRow]
    septic: SepticSheet | None
    pond: PondSheet | None
    totals: FormTotals
    empty_rows: list[int] = field(default_factory=list)


@dataclass
class FormWorkbook:
    source: str
    years: list[FormYear]
    issues: list[Issue]


# label (normalised: lower case, spaces removed) -> (bundled tgo-cfo key or None, kind)
KNOWN_ROWS: dict[str, tuple[str | None, str]] = {
    "diesel(generator)": ("diesel-stationary", "typed"),
    "diesel(firepump)": ("diesel-stationary", "typed"),
    "น้ำมันdiesel": ("diesel-mobile", "typed"),
    "น้ำมันgasohol91,e20,e85": ("gasohol-91", "typed"),
    "น้ำมันgasohol95": ("gasohol-95", "typed"),
    "3.การใช้สารดับเพลิง(co2)": ("fire-extinguisher-co2", "typed"),
    "4.การปล่อยสารมีเทนจากระบบseptictank": ("septic-tank", "septic"),
    "5.การปล่อยสารมีเทนจากบ่อบำบัดน้ำเสียแบบไม่เติมอากาศ": (None, "pond"),
    "6.การใช้สารทำความเย็นชนิดr22": ("r-22", "typed"),
    "6.การใช้สารทำความเย็นชนิดr32": ("r-32", "typed"),
    "การใช้พลังงานไฟฟ้า": ("electricity-grid", "typed"),
    "การใช้กระดาษa4และa3(สีขาว)": ("paper", "typed"),
    "น้ำประปา-การประปานครหลวง": ("tap-water-mwa", "typed"),
    "น้ำประปา-การประปาส่วนภูมิภาค": ("tap-water-pwa", "typed"),
    "ขยะของเสีย(ฝังกลบ)": ("waste-landfill-form-1-5", "typed"),
    "ขยะของเสีย(เผากำจัดโดยใช้น้ำมันดีเซล)": (None, "typed"),
}
HEADINGS = ("การเผาไหม้", "การใช้น้ำมันสำหรับ")
_SPACE = re.compile(r"\s+")
_SUMMARY = re.compile(r"^สรุปการคำนวณ(?:ปี)?(\d{4}|ฐาน)$")
_SEPTIC = re.compile(r"^ch4จากseptictank(\d{4})?$")
_POND = re.compile(r"^ch4จากบ่อบำบัดไม่เติมอากาศ(\d{4})?$")
_YEAR = re.compile(r"(?<!\d)(2[45]\d\d)(?!\d)")


def squeeze(text: Any) -> str:
    """Lower case, Thai digits as Arabic, every space removed: how labels and sheet names are matched."""
    return _SPACE.sub("", thai_to_arabic_digits(str(text or ""))).lower()


def read_form(path: str, source: str) -> FormWorkbook:
    """Every year of a form-1.5(1) workbook, and the problems found. OSError propagates."""
    reader = SheetReader(source)
    os.stat(path)
    if not is_regular(path):
        reader.issue(
            "file-not-regular",
            f"the path is {kind_of(path)}, not a workbook file",
            hint="give the path of the .xlsx file itself",
        )
        return FormWorkbook(source, [], reader.issues)
    refusal = check_zip(path)
    if refusal:
        reader.issue("xlsx-refused", refusal, hint="give an .xlsx workbook saved by a spreadsheet program")
        return FormWorkbook(source, [], reader.issues)
    try:
        measured = scan(path)
    except (KeyError, zipfile.BadZipFile, zlib.error, ValueError, EOFError, NotImplementedError) as exc:
        reader.issue("xlsx-invalid", f"the workbook cannot be read: {exc}", hint=_RESAVE)
        return FormWorkbook(source, [], reader.issues)
    from ghgcalc.io.excel_reader import _too_large

    if _too_large(reader, measured):
        return FormWorkbook(source, [], reader.issues)
    reader.xml = {sheet.name: sheet for sheet in measured}
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(path)
    except (CalamineError, OSError, KeyError, zipfile.BadZipFile) as exc:
        reader.issue("xlsx-invalid", f"the workbook cannot be read: {exc}", hint=_RESAVE)
        return FormWorkbook(source, [], reader.issues)
    try:
        years = _read_years(reader, workbook)
    except CalamineError as exc:
        reader.issue("xlsx-invalid", f"the workbook cannot be read: {exc}", hint=_RESAVE)
        years = []
    finally:
        workbook.close()
    return FormWorkbook(source, years, reader.issues)


class _Sheet:
    """One sheet's values, read through the SheetReader (errors and formulas without a result reported)."""

    def __init__(self, reader: SheetReader, workbook: Any, name: str) -> None:
        self.reader, self.name = reader, name
        sheet = workbook.get_sheet_by_name(name)
        self.rows = cast(list[list[Any]], sheet.to_python(skip_empty_area=False))
        self.merged = cast(list[tuple[tuple[int, int], tuple[int, int]]], sheet.merged_cell_ranges or [])

    def get(self, row: int, column: int) -> Any:
        """The value at 0-based (row, column)."""
        return self.reader.value(self.name, self.rows, row, column)

    def number(self, row: int, column: int) -> float | None:
        value = self.get(row, column)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.reader.issue(
                "tgo-cell-not-number",
                f"{cell_name(row, column)} holds {visible(str(value))!r}, not a number",
                self.name,
                cell_name(row, column),
                "type a number in the cell, or leave it empty",
            )
            return None
        return float(value)

    def text(self, row: int, column: int) -> str:
        value = self.get(row, column)
        return "" if value is None else str(value)

    def merged_top(self, row: int, column: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (row, column), or the cell itself."""
        for (r1, c1), (r2, c2) in self.merged:
            if r1 <= row <= r2 and c1 <= column <= c2:
                return r1, c1
        return row, column


def _read_years(reader: SheetReader, workbook: Any) -> list[FormYear]:
    names = list(workbook.sheet_names)
    summaries = [(n, m.group(1)) for n in names if (m := _SUMMARY.match(squeeze(n)))]
    if not summaries:
        reader.issue(
            "tgo-form-unknown",
            "the workbook has no year sheet of TGO's form 1.5(1) ('สรุปการคำนวณ ปี 25xx')",
            hint=_NOT_FORM_HINT,
        )
        return []
    septics = {n: m.group(1) for n in names if (m := _SEPTIC.match(squeeze(n)))}
    ponds = {n: m.group(1) for n in names if (m := _POND.match(squeeze(n)))}
    years = []
    for name, named_year in summaries:
        sheet = _Sheet(reader, workbook, name)
        year = _year(reader, sheet, named_year)
        layout = _layout(sheet)
        if layout is None:
            reader.issue(
                "tgo-layout-unknown",
                "the sheet's header is not one of the layouts of form 1.5(1) known to ghgcalc "
                "('EF' in D3, months from G4; or 'EF' in C3, months from F4)",
                name,
                "D3",
                "keep TGO's header rows 3-5 as the form has them; nothing of this sheet was imported",
                Severity.WARNING,
            )
            continue
        if year is None:
            continue
        septic_name = _companion(septics, str(year))
        pond_name = _companion(ponds, str(year))
        septic = _septic(_Sheet(reader, workbook, septic_name)) if septic_name else None
        pond = _pond(_Sheet(reader, workbook, pond_name)) if pond_name else None
        years.append(_summary(reader, sheet, layout, year, septic, pond))
    if not years and not any(issue.is_error for issue in reader.issues):
        reader.issue(
            "tgo-form-unknown",
            f"none of the {len(summaries)} year sheets could be read as TGO's form 1.5(1)",
            hint="see the warnings above; keep the header rows 3-5 and the rows 8-25 as TGO's form has them",
        )
    return years


def _companion(sheets: dict[str, str | None], year: str) -> str | None:
    """The septic or pond sheet of a year: the one named with the year, else the one named without any."""
    same = [n for n, y in sheets.items() if y == year]
    if same:
        return same[0]
    unnamed = [n for n, y in sheets.items() if y is None]
    return unnamed[0] if len(unnamed) == 1 else None


def _year(reader: SheetReader, sheet: _Sheet, named: str) -> int | None:
    if named.isdigit():
        return int(named)
    for row, column in ((2, 6), (2, 5), (1, 0)):  # G3 (wide), F3 (narrow), the title
        found = _YEAR.search(thai_to_arabic_digits(sheet.text(row, column)))
        if found:
            year = int(found.group(1))
            # the narrow layout's scope table names its year again (B36 "ประจำปี 2566 (เดือนมกราคม ...)")
            table = _YEAR.search(thai_to_arabic_digits(sheet.text(35, 1)))
            if table and int(table.group(1)) != year:
                reader.issue(
                    "tgo-year-unclear",
                    f"the header ({cell_name(row, column)}) names {year} and the scope table (B36) "
                    f"names {table.group(1)}; the inventory's period is {year}",
                    sheet.name,
                    cell_name(row, column),
                    "check which year the sheet holds, and correct 'period:' in the imported inventory if needed",
                    Severity.WARNING,
                )
            return year
    reader.issue(
        "tgo-year-unknown",
        "the sheet's name and header name no year",
        sheet.name,
        "G3",
        "write the year in the header, as TGO's form does: 'ปริมาณก๊าซเรือนกระจก (kgCO2e) ประจำปี 2568'",
    )
    return None


def _layout(sheet: _Sheet) -> Layout | None:
    if squeeze(sheet.text(2, 3)) == "ef" and "ม.ค" in sheet.text(3, 6):
        return WIDE
    if squeeze(sheet.text(2, 2)) == "ef" and "ม.ค" in sheet.text(3, 5):
        return NARROW
    return None


def _scope(sheet: _Sheet, row: int) -> int | None:
    top = sheet.merged_top(row, 0)
    found = re.search(r"scope\s*(\d)", sheet.text(*top).lower())
    return int(found.group(1)) if found else None


def _summary(
    reader: SheetReader, sheet: _Sheet, layout: Layout, year: int, septic: SepticSheet | None, pond: PondSheet | None
) -> FormYear:
    name, L = sheet.name, layout
    rows: list[FormRow] = []
    empty: list[int] = []
    for r in range(FIRST_ROW - 1, LAST_ROW):
        label = sheet.text(r, 1)
        months = [sheet.number(r, L.month(m)) for m in range(1, 13)]
        month_cells = [cell_name(r, L.month(m)) for m in range(1, 13)]
        known = KNOWN_ROWS.get(squeeze(label))
        if not label.strip() and not any(months):
            empty.append(r + 1)
            continue
        if known is None and any(h in label for h in HEADINGS) and not any(months):
            continue  # a heading of TGO's own
        key, kind = known if known else (None, "unknown")
        if known is None:
            reader.issue(
                "tgo-row-unknown",
                f"row {r + 1} ({visible(label) or 'no label'}) is not a row of TGO's form 1.5(1); "
                "it is imported with the sheet's EF, matched to no factor of ghgcalc",
                name,
                cell_name(r, 1),
                "check the imported line's scope and unit, or name the row as TGO's form does",
                Severity.WARNING,
            )
        form_row = FormRow(
            row=r + 1,
            label=label.strip(),
            label_cell=cell_name(r, 1),
            scope=_scope(sheet, r),
            unit=sheet.text(r, L.unit).strip() or None,
            unit_cell=cell_name(r, L.unit),
            ef=sheet.number(r, L.ef),
            ef_cell=cell_name(r, L.ef),
            months=[m or 0.0 for m in months],
            month_cells=month_cells,
            key=key,
            kind=kind,
            line_total=Printed(name, cell_name(r, L.total), sheet.number(r, L.total)),
            cf=[Printed(name, cell_name(r, L.month(m) + 1), sheet.number(r, L.month(m) + 1)) for m in range(1, 13)],
        )
        if form_row.empty:
            empty.append(r + 1)
            continue
        rows.append(form_row)
    _extra_rows(reader, sheet, L)
    first = L.scope_first_row
    totals = FormTotals(
        column_total=Printed(name, cell_name(LAST_ROW, L.total), sheet.number(LAST_ROW, L.total)),
        scopes=[
            Printed(name, cell_name(first + i, L.scope_table), sheet.number(first + i, L.scope_table)) for i in range(3)
        ],
        total=Printed(name, cell_name(first + 3, L.scope_table), sheet.number(first + 3, L.scope_table)),
    )
    if "รวม" not in sheet.text(first + 3, L.scope_table - 2) + sheet.text(first + 3, L.scope_table - 1):
        reader.issue(
            "tgo-total-not-found",
            "the scope table's 'รวม' (total) row is not where form 1.5(1) has it",
            name,
            totals.total.cell,
            "keep TGO's scope table as the form has it; the imported lines do not depend on it",
            Severity.WARNING,
        )
    return FormYear(name, year, L.name, rows, septic, pond, totals, empty)


def _extra_rows(reader: SheetReader, sheet: _Sheet, L: Layout) -> None:
    """Row 26 is the column total ("รวม"); a row an office inserted above it moves it down."""
    total_label = "".join(sheet.text(LAST_ROW, c) for c in range(0, L.ef))
    if "รวม" in total_label:
        return
    for r in range(LAST_ROW, min(LAST_ROW + 10, len(sheet.rows))):
        label = "".join(sheet.text(r, c) for c in range(0, L.ef))
        if "รวม" in label:
            break
        if label.strip():
            reader.issue(
                "tgo-row-extra",
                f"row {r + 1} ({visible(label.strip())}) is below the form's rows 8-25 and was not imported",
                sheet.name,
                cell_name(r, 1),
                "move the activity into one of rows 8-25, or add it to the imported inventory by hand",
                Severity.WARNING,
            )


def _septic(sheet: _Sheet) -> SepticSheet:
    return SepticSheet(
        sheet=sheet.name,
        days=[sheet.number(1, 1 + m) or 0.0 for m in range(1, 13)],
        staff=[sheet.number(2, 1 + m) or 0.0 for m in range(1, 13)],
        day_cells=[cell_name(1, 1 + m) for m in range(1, 13)],
        staff_cells=[cell_name(2, 1 + m) for m in range(1, 13)],
        factor=Printed(sheet.name, "Q2", sheet.number(1, 16)),
        ch4=[sheet.number(3, 1 + m) or 0.0 for m in range(1, 13)],
        ch4_cells=[cell_name(3, 1 + m) for m in range(1, 13)],
    )


def _pond(sheet: _Sheet) -> PondSheet:
    return PondSheet(
        sheet=sheet.name,
        water=[sheet.number(2, 1 + m) or 0.0 for m in range(1, 13)],
        water_cells=[cell_name(2, 1 + m) for m in range(1, 13)],
        factor=Printed(sheet.name, "H7", sheet.number(6, 7)),
        ch4=[sheet.number(12, m) or 0.0 for m in range(1, 13)],
        total=Printed(sheet.name, "O3", sheet.number(2, 14)),
        ch4_cells=[cell_name(12, m) for m in range(1, 13)],
        waste=[sheet.number(11, m) or 0.0 for m in range(1, 13)],
        waste_cells=[cell_name(11, m) for m in range(1, 13)],
    )


def cell_range(cells: list[str]) -> str:
    """'G12:AC12' for a row's twelve cells."""
    return f"{cells[0]}:{cells[-1]}" if len(cells) > 1 else cells[0]


# --------------------------------------------------------------------------------------------
# One year as a ghgcalc inventory document

UNITS = {
    "ลิตร": "L",
    "kwh": "kWh",
    "kg": "kg",
    "m3": "m3",
    "kgco2": "kg",
    "kgch4": "kg",
    "kgchclf2": "kg",
    "kgch2f2": "kg",
}
# the category of the bundled factor a row corresponds to (ghgcalc factors list --set tgo-cfo)
CATEGORIES = {
    "diesel-stationary": "stationary-combustion",
    "diesel-mobile": "mobile-combustion",
    "gasohol-91": "mobile-combustion",
    "gasohol-95": "mobile-combustion",
    "fire-extinguisher-co2": "fire-suppression",
    "septic-tank": "wastewater",
    "r-22": "refrigerants",
    "r-32": "refrigerants",
    "electricity-grid": "purchased-electricity",
    "paper": "purchased-goods",
    "tap-water-mwa": "water-supply",
    "tap-water-pwa": "water-supply",
    "waste-landfill-form-1-5": "waste",
}
FORM_GWP_CH4 = 28.0  # the EF of rows 16 and 17 (kgCO2e/kgCH4): the AR5 GWP that tgo-cfo applies to CH4
SEPTIC_FACTOR = 0.012
POND_MCF_B0 = 0.12  # the constant of TGO's pond formula B13 = $H$7*B12*0.12
POND_TYPES = {
    0.05: "anaerobic-shallow",
    0.2: "anaerobic-deep",
    0.075: "aerobic-overloaded",
    0.0: "aerobic-well-managed",
}


def _plain(values: list[float]) -> list[float | int]:
    """Whole numbers written as such (19, not 19.0)."""
    return [int(v) if v.is_integer() and abs(v) < 2**53 else v for v in values]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _where(file: str, sheet: str, cells: str) -> str:
    return f"{file}[{sheet}]!{cells}"


def inventory_of(year: FormYear, file: str) -> tuple[dict[str, Any], list[Issue]]:
    """The inventory document of one year sheet: every line with the sheet's own EF (so that it
    computes to the total the workbook prints), the septic and pond rows as TGO's methods where
    their sheets give the same monthly values. `file` names the workbook in labels and sources."""
    from ghgcalc.errors import Location

    issues: list[Issue] = []

    def warn(code: str, message: str, sheet: str, cell: str, hint: str) -> None:
        issues.append(Issue(code, message, Severity.WARNING, Location(file, sheet=sheet, cell=cell), hint=hint))

    custom: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for row in year.rows:
        where = _where(file, year.sheet, cell_range(row.month_cells))
        label = f"{row.label or f'row {row.row}'} ({where})"
        if row.kind == "septic":
            line = _septic_line(year, row, file, warn)
            if line is not None:
                lines.append(line)
                continue
        if row.kind == "pond":
            line = _pond_line(year, row, file, warn)
            if line is not None:
                lines.append(line)
                continue
        unit = UNITS.get(squeeze(row.unit)) if row.unit else None
        if unit is None:
            issues.append(
                Issue(
                    "tgo-unit-unknown",
                    f"row {row.row}: the unit {visible(row.unit or '(empty)')!r} is not one of form 1.5(1)'s "
                    "(ลิตร, kWh, kg, m3, kgCH4, kgCHClF2, kgCH2F2)",
                    Severity.ERROR,
                    Location(file, sheet=year.sheet, cell=row.unit_cell),
                    hint="write the unit the quantities are in, as TGO's form does",
                )
            )
            continue
        if row.ef is None:
            issues.append(
                Issue(
                    "tgo-ef-missing",
                    f"row {row.row} has quantities but no EF",
                    Severity.ERROR,
                    Location(file, sheet=year.sheet, cell=row.ef_cell),
                    hint="type the emission factor (kgCO2e per unit) the row uses",
                )
            )
            continue
        key = f"{row.key or 'form-row'}-r{row.row}"
        factor: dict[str, Any] = {
            "key": key,
            "name": f"{row.label or f'row {row.row}'}: the EF of TGO's form 1.5(1)"
            + (f" (ghgcalc's tgo-cfo factor: {row.key})" if row.key else " (no tgo-cfo factor matched)"),
            "per": unit,
            "kg": {"CO2e": row.ef},
            "gwp_basis": "AR5",
            "source": _where(file, year.sheet, row.ef_cell),
        }
        if row.key in CATEGORIES:
            factor["category"] = CATEGORIES[row.key]
        custom.append(factor)
        line = {"activity": key, "label": label, "unit": unit, "amount": _plain(row.months)}
        if row.scope is not None:
            line["scope"] = row.scope
        else:
            warn(
                "tgo-scope-unknown",
                f"row {row.row} is under no 'Scope 1/2/3' label; the line has no scope",
                year.sheet,
                cell_name(row.row - 1, 0),
                "add 'scope: 1', 2 or 3 to the imported line",
            )
        lines.append(line)
        if row.line_total.value is None:
            warn(
                "tgo-row-no-total",
                f"row {row.row} has quantities but the workbook computes no total for it "
                f"({row.line_total.cell} is empty): its emissions are not in the total the workbook prints",
                year.sheet,
                row.line_total.cell,
                "the imported line counts them; TGO's form has no formulas in this row",
            )
        if row.row == LAST_ROW:
            warn(
                "tgo-row-outside-total",
                f"row {row.row} is left out of the scope-3 total the workbook prints "
                f"({year.totals.scopes[2].cell} sums rows 21-24)",
                year.sheet,
                year.totals.scopes[2].cell,
                "the imported line counts it, so the imported total is higher than the printed one",
            )
    if year.empty_rows:
        issues.append(
            Issue(
                "tgo-rows-empty",
                f"{len(year.empty_rows)} rows without quantities were skipped "
                f"(rows {', '.join(str(r) for r in year.empty_rows)})",
                Severity.WARNING,
                Location(file, sheet=year.sheet),
            )
        )
    document: dict[str, Any] = {
        "ghgcalc": 1,
        "name": f"{file} [{year.sheet}]",
        "kind": "organization",
        "period": year.year,
        "factors": "tgo-cfo",
    }
    if custom:
        document["custom_factors"] = custom
    document["activities"] = lines
    return document, issues


def _septic_line(year: FormYear, row: FormRow, file: str, warn: Any) -> dict[str, Any] | None:
    """The septic row as a tgo-septic-tank line, when its sheet gives the summary's monthly kgCH4."""
    septic = year.septic
    if septic is None:
        warn(
            "tgo-sheet-missing",
            f"no septic-tank sheet for {year.year}: row {row.row} is imported as kgCH4 with the sheet's EF",
            year.sheet,
            row.label_cell,
            f"add the sheet 'CH4จาก Septic tank {year.year}' to import days and staff",
        )
        return None
    same = all(_close(d * s * SEPTIC_FACTOR, q) for d, s, q in zip(septic.days, septic.staff, row.months, strict=True))
    if not (same and row.ef is not None and _close(row.ef, FORM_GWP_CH4)):
        warn(
            "tgo-sheets-differ",
            f"row {row.row}'s monthly kgCH4 are not days x staff x {SEPTIC_FACTOR} of '{visible(septic.sheet)}' "
            f"(or its EF is not {FORM_GWP_CH4:g}): the row is imported as kgCH4 with the sheet's EF",
            year.sheet,
            cell_range(row.month_cells),
            "ghgcalc audit compares the two sheets cell by cell",
        )
        return None
    return {
        "method": "tgo-septic-tank",
        "label": f"{row.label} ({_where(file, septic.sheet, cell_range(septic.day_cells))}, "
        f"{cell_range(septic.staff_cells)})",
        "scope": row.scope or 1,
        "params": {"working_days": _plain(septic.days), "employees": _plain(septic.staff)},
    }


def _pond_line(year: FormYear, row: FormRow, file: str, warn: Any) -> dict[str, Any] | None:
    """The pond row as a tgo-anaerobic-pond line, when its sheet gives the summary's monthly kgCH4."""
    pond = year.pond
    if pond is None:
        warn(
            "tgo-sheet-missing",
            f"no pond sheet for {year.year}: row {row.row} is imported as kgCH4 with the sheet's EF",
            year.sheet,
            row.label_cell,
            f"add the sheet 'CH4จากบ่อบำบัดไม่เติมอากาศ {year.year}' to import the water per month",
        )
        return None
    factor = pond.factor.value
    pond_type = next((t for f, t in POND_TYPES.items() if factor is not None and _close(f, factor)), None)
    same = factor is not None and all(
        _close(factor * w * 0.8 * 0.12, q) for w, q in zip(pond.water, row.months, strict=True)
    )
    if pond_type is None or not same or row.ef is None or not _close(row.ef, FORM_GWP_CH4):
        warn(
            "tgo-sheets-differ",
            f"row {row.row}'s monthly kgCH4 are not the pond factor ({pond.factor.cell}) x water x 0.8 x 0.12 of "
            f"'{visible(pond.sheet)}' (or its EF is not {FORM_GWP_CH4:g}): the row is imported as kgCH4 "
            "with the sheet's EF",
            year.sheet,
            cell_range(row.month_cells),
            "ghgcalc audit compares the two sheets cell by cell",
        )
        return None
    return {
        "method": "tgo-anaerobic-pond",
        "label": f"{row.label} ({_where(file, pond.sheet, cell_range(pond.water_cells))}, {pond.factor.cell})",
        "scope": row.scope or 1,
        "params": {"pond_type": pond_type, "tap_water_m3": _plain(pond.water)},
    }


# --------------------------------------------------------------------------------------------
# One year as the audit reads it (core/audit_input.py)


def stated_years(form: FormWorkbook) -> list[Any]:
    """Every year of the workbook as core.audit_input.StatedYear: each number with its cell."""
    from ghgcalc.core.audit_input import Stated, StatedLine, StatedProduct, StatedSeries, StatedYear

    def stated(p: Printed) -> Stated:
        return Stated(p.value, p.sheet, p.cell)

    def months(sheet: str, values: list[float], cells: list[str]) -> tuple[Stated, ...]:
        return tuple(Stated(v, sheet, c) for v, c in zip(values, cells, strict=True))

    out = []
    for year in form.years:
        lines = []
        for row in year.rows:
            derived = (row.kind == "septic" and year.septic is not None) or (
                row.kind == "pond" and year.pond is not None
            )
            lines.append(
                StatedLine(
                    sheet=year.sheet,
                    row=row.row,
                    label=row.label,
                    scope=row.scope,
                    unit=UNITS.get(squeeze(row.unit), row.unit) if row.unit else None,
                    factor=Stated(row.ef, year.sheet, row.ef_cell),
                    quantities=tuple(
                        Stated(v, year.sheet, c) for v, c in zip(row.months, row.month_cells, strict=True)
                    ),
                    printed=tuple(stated(p) for p in row.cf),
                    total=stated(row.line_total),
                    key=row.key,
                    derived=derived,
                )
            )
        series = []
        same_as = []
        products = []
        of_kind = {row.kind: line for row, line in zip(year.rows, lines, strict=True)}
        if year.septic is not None:
            s = year.septic
            staff, days = months(s.sheet, s.staff, s.staff_cells), months(s.sheet, s.days, s.day_cells)
            if s.ch4_cells:
                ch4 = months(s.sheet, s.ch4, s.ch4_cells)
                products.append(StatedProduct("septic CH4", "kgCH4", ch4, (days, staff), stated(s.factor)))
                if "septic" in of_kind:
                    same_as.append((StatedSeries("septic CH4", "kgCH4", ch4), of_kind["septic"]))
            series.append(
                StatedSeries(
                    "staff",
                    "persons",
                    tuple(Stated(v, s.sheet, c) for v, c in zip(s.staff, s.staff_cells, strict=True)),
                )
            )
            series.append(
                StatedSeries(
                    "working days",
                    "days",
                    tuple(Stated(v, s.sheet, c) for v, c in zip(s.days, s.day_cells, strict=True)),
                )
            )
        if year.pond is not None:
            p = year.pond
            water = StatedSeries(
                "pond water",
                "m3",
                tuple(Stated(v, p.sheet, c) for v, c in zip(p.water, p.water_cells, strict=True)),
                stated(p.total) if p.total is not None else None,
            )
            series.append(water)
            if p.ch4_cells and p.waste_cells:
                ch4 = months(p.sheet, p.ch4, p.ch4_cells)
                waste = months(p.sheet, p.waste, p.waste_cells)
                products.append(StatedProduct("pond CH4", "kgCH4", ch4, (waste,), stated(p.factor), POND_MCF_B0))
                if "pond" in of_kind:
                    same_as.append((StatedSeries("pond CH4", "kgCH4", ch4), of_kind["pond"]))
            pwa = [line for line in lines if line.key == "tap-water-pwa"]
            if pwa:
                same_as.append((water, pwa[0]))
        t = year.totals
        out.append(
            StatedYear(
                sheet=year.sheet,
                year=year.year,
                lines=tuple(lines),
                scope_totals={i + 1: stated(p) for i, p in enumerate(t.scopes)},
                total=stated(t.total),
                series=tuple(series),
                same_as=tuple(same_as),
                outside_totals=(LAST_ROW,),
                column_total=stated(t.column_total),
                products=tuple(products),
            )
        )
    return out
