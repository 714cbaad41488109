"""TGO's calculation form 1.5(1) ("แบบฟอร์ม 1.5(1)") read as it is filled (docs/tgo-workbooks.md).

Each year summary sheet ("สรุปการคำนวณ ปี 2568", "สรุปการคำนวณ ปีฐาน"; wide or narrow layout) gives,
for every activity row 8-25, its label, scope, unit, the EF the sheet uses and the twelve monthly
quantities (January to December), each with its cell; the septic-tank and pond sheets of the year
give days, staff and water per month. The totals the workbook prints are kept with their cells
(`Printed`) for an audit; nothing here recomputes or judges them. The same checks as the inventory
reader run before python-calamine opens anything: a regular file, the zip limits, every sheet's size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from ghgcalc.errors import Issue, Location, Severity, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.io.excel_cells import SheetReader, cell_name
from ghgcalc.io.excel_reader import CANNOT_READ, RESAVE, calamine_reason, open_checked
from ghgcalc.numbers import LARGEST_NUMBER
from ghgcalc.thai import BE_OFFSET, BE_THRESHOLD, thai_to_arabic_digits, to_ce_year

# The activity rows of the form as TGO ships it (1-based, as Excel numbers them): 8-25, the column
# total "รวม" in row 26, the scope table's "ประเภท 1" in row 39 (wide) or 38 (narrow). Offices insert
# and delete rows, so the reader finds the "รวม" row and the scope table by their labels, and reads
# every row between the header and "รวม"; these are the places it falls back to when a label is gone.
FIRST_ROW, LAST_ROW = 8, 25
HEADER_ROWS = 5  # rows 1-5: the title and the header; the activity block starts below them
SEARCH_ROWS = 200  # how far below the header the "รวม" row and the scope table are looked for
# TGO's scope-3 total (E41 = SUM(AE21:AE24)) leaves the incineration row out: found by its label
OUTSIDE_LABEL = "ขยะของเสีย(เผากำจัดโดยใช้น้ำมันดีเซล)"
_NOT_FORM_HINT = N_(
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
    outside_rows: list[int] = field(default_factory=list)  # rows the printed scope totals leave out (1-based)


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
# The scope each of those rows lies under in TGO's form (the merged "Scope N" cell beside it).
FORM_SCOPES = {
    label: 3
    if key in ("paper", "tap-water-mwa", "tap-water-pwa") or label.startswith("ขยะของเสีย")
    else 2
    if key == "electricity-grid"
    else 1
    for label, (key, _kind) in KNOWN_ROWS.items()
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
    workbook = open_checked(path, reader)
    if workbook is None:
        return FormWorkbook(source, [], reader.issues)
    from python_calamine import CalamineError

    try:
        years = _read_years(reader, workbook)
    except CalamineError as exc:
        reader.issue("xlsx-invalid", tr(CANNOT_READ, reason=calamine_reason(exc)), hint=tr(RESAVE))
        years = []
    finally:
        workbook.close()
    return FormWorkbook(source, years, reader.issues)


class FormSheet:
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
                tr("{cell} holds {value}, not a number", cell=cell_name(row, column), value=repr(visible(str(value)))),
                self.name,
                cell_name(row, column),
                tr("type a number in the cell, or leave it empty"),
            )
            return None
        return float(value)

    def printed(self, row: int, column: int) -> float | None:
        """A value the workbook prints from its own (a total, a CF): compared, never imported, so one
        typed as text ('209.70 tCO2e') is a warning, not a reason to refuse the workbook."""
        value = self.get(row, column)
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            return None if value is None else float(value)
        self.reader.issue(
            "tgo-printed-not-number",
            tr(
                "{cell} holds {value}, not a number: it is not compared",
                cell=cell_name(row, column),
                value=repr(visible(str(value))),
            ),
            self.name,
            cell_name(row, column),
            tr("type the number alone in the cell (the unit belongs in the heading)"),
            Severity.WARNING,
        )
        return None

    def amount(self, row: int, column: int) -> float | None:
        """A quantity or an EF: a number (number()), never negative nor past any real value: an
        error at its cell, where the inventory written from it would only fail to compute later."""
        value = self.number(row, column)
        if value is None or 0 <= value <= LARGEST_NUMBER:
            return value
        cell, shown = cell_name(row, column), format(value, "g")
        self.reader.issue(
            "tgo-cell-invalid",
            tr("{cell} holds {value}, which no quantity or factor is", cell=cell, value=shown)
            if value > 0
            else tr("{cell} holds {value}: a quantity or a factor is never negative", cell=cell, value=shown),
            self.name,
            cell,
            tr("correct the cell (a slip of the sign, or digits too many?)"),
        )
        return value  # an error: nothing is written; the value read on, so that nothing else is said of it

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
    for name in names:  # 'สรุปการคำนวณ ปี 2568 (2)' (Excel's copy), 'ปี 67', 'ปี พ.ศ. 2567'
        if squeeze(name).startswith("สรุปการคำนวณ") and not _SUMMARY.match(squeeze(name)):
            reader.issue(
                "tgo-sheet-skipped",
                tr(
                    "the sheet '{sheet}' looks like a year's summary, but its name gives no year as the form does: "
                    "it is not imported",
                    sheet=visible(name),
                ),
                name,
                "A1",
                tr("name it as TGO's form does, with the B.E. year in four digits: 'สรุปการคำนวณ ปี 2568'"),
                Severity.WARNING,
            )
    if not summaries:
        reader.issue(
            "tgo-form-unknown",
            tr("the workbook has no year sheet of TGO's form 1.5(1) ('สรุปการคำนวณ ปี 25xx')"),
            hint=tr(_NOT_FORM_HINT),
        )
        return []
    septics = {n: m.group(1) for n in names if (m := _SEPTIC.match(squeeze(n)))}
    ponds = {n: m.group(1) for n in names if (m := _POND.match(squeeze(n)))}
    years = []
    for name, named_year in summaries:
        sheet = FormSheet(reader, workbook, name)
        year = _year(reader, sheet, named_year)
        layout = _layout(sheet)
        if layout is None:
            reader.issue(
                "tgo-layout-unknown",
                tr(
                    "the sheet's header is not one of the layouts of form 1.5(1) known to ghgcalc "
                    "('EF' in D3, months from G4; or 'EF' in C3, months from F4)"
                ),
                name,
                "D3",
                tr("keep TGO's header rows 3-5 as the form has them; nothing of this sheet was imported"),
                Severity.WARNING,
            )
            continue
        if year is None:
            continue
        be = to_ce_year(year) + BE_OFFSET  # a sheet named in C.E. ('ปี 2026') has companions of 2569
        septic_name = _companion(septics, str(be)) or _companion(septics, str(year))
        pond_name = _companion(ponds, str(be)) or _companion(ponds, str(year))
        septic = _septic(FormSheet(reader, workbook, septic_name)) if septic_name else None
        pond = _pond(FormSheet(reader, workbook, pond_name)) if pond_name else None
        years.append(_summary(reader, sheet, layout, year, septic, pond))
    if not years and not any(issue.is_error for issue in reader.issues):
        reader.issue(
            "tgo-form-unknown",
            tr("none of the {count} year sheets could be read as TGO's form 1.5(1)", count=len(summaries)),
            hint=tr("see the warnings above; keep the header rows 3-5 and the rows 8-25 as TGO's form has them"),
        )
    return years


def _companion(sheets: dict[str, str | None], year: str) -> str | None:
    """The septic or pond sheet of a year: the one named with the year, else the one named without any."""
    same = [n for n, y in sheets.items() if y == year]
    if same:
        return same[0]
    unnamed = [n for n, y in sheets.items() if y is None]
    return unnamed[0] if len(unnamed) == 1 else None


def _year(reader: SheetReader, sheet: FormSheet, named: str) -> int | None:
    if named.isdigit():
        if int(named) < BE_THRESHOLD:  # TGO's forms name B.E. years: 2025 was typed for 2568?
            reader.issue(
                "tgo-year-ce",
                tr(
                    "the sheet's name gives {year}, a C.E. year, where TGO's form gives the B.E. year ({be}): "
                    "it is imported as C.E. {year}",
                    year=named,
                    be=int(named) + 543,
                ),
                sheet.name,
                "A1",
                tr(
                    "name the sheet with the B.E. year ('สรุปการคำนวณ ปี {be}'), as its septic and pond sheets are",
                    be=int(named) + 543,
                ),
                Severity.WARNING,
            )
        _header_agrees(reader, sheet, int(named))
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
                    tr(
                        "the header ({cell}) names {year} and the scope table (B36) names {other}; "
                        "the inventory's period is {year}",
                        cell=cell_name(row, column),
                        year=year,
                        other=table.group(1),
                    ),
                    sheet.name,
                    cell_name(row, column),
                    tr("check which year the sheet holds, and correct 'period:' in the imported inventory if needed"),
                    Severity.WARNING,
                )
            return year
    reader.issue(
        "tgo-year-unknown",
        tr("the sheet's name and header name no year"),
        sheet.name,
        "G3",
        tr("write the year in the header, as TGO's form does: 'ปริมาณก๊าซเรือนกระจก (kgCO2e) ประจำปี 2568'"),
    )
    return None


def _header_agrees(reader: SheetReader, sheet: FormSheet, named: int) -> None:
    """A sheet copied from last year and renamed, its header still naming the old year (or the
    header corrected and the name not): said, as the year the inventory gets is the name's."""
    for row, column in ((2, 6), (2, 5)):  # G3 (wide), F3 (narrow): "... ประจำปี 2568"
        found = _YEAR.search(thai_to_arabic_digits(sheet.text(row, column)))
        if found is None:
            continue
        header = int(found.group(1))
        if header != named and header != named + 543:
            reader.issue(
                "tgo-year-unclear",
                tr(
                    "the sheet's name gives {year} but its header ({cell}) names {other}; "
                    "the inventory's period is {year}",
                    year=named,
                    cell=cell_name(row, column),
                    other=header,
                ),
                sheet.name,
                cell_name(row, column),
                tr(
                    "check which year the sheet's numbers are of (a sheet copied from the year before?), and "
                    "correct the header or the sheet's name"
                ),
                Severity.WARNING,
            )
        return


def _layout(sheet: FormSheet) -> Layout | None:
    if squeeze(sheet.text(2, 3)) == "ef" and "ม.ค" in sheet.text(3, 6):
        return WIDE
    if squeeze(sheet.text(2, 2)) == "ef" and "ม.ค" in sheet.text(3, 5):
        return NARROW
    return None


def _scope(sheet: FormSheet, row: int) -> int | None:
    top = sheet.merged_top(row, 0)
    found = re.search(r"scope\s*(\d)", sheet.text(*top).lower())
    return int(found.group(1)) if found else None


def _total_row(sheet: FormSheet, L: Layout) -> int | None:
    """The 0-based row of the column total ("รวม", merged A26:F26 in TGO's form), wherever inserted or
    deleted rows have moved it; None when no row below the header is labelled so."""
    for r in range(HEADER_ROWS, min(len(sheet.rows), HEADER_ROWS + SEARCH_ROWS)):
        first = squeeze(sheet.text(r, 0))
        if first.startswith("รวม") or squeeze("".join(sheet.text(r, c) for c in range(0, L.ef))) == "รวม":
            return r
    return None


def _scope_table_row(sheet: FormSheet, L: Layout, below: int) -> int | None:
    """The 0-based row of the scope table's "ประเภท 1" (C39 wide, B38 narrow) below the column total."""
    for r in range(below + 1, min(len(sheet.rows), below + 1 + SEARCH_ROWS)):
        if any(squeeze(sheet.text(r, c)) == "ประเภท1" for c in (L.scope_table - 2, L.scope_table - 1)):
            return r
    return None


def _summary(
    reader: SheetReader, sheet: FormSheet, layout: Layout, year: int, septic: SepticSheet | None, pond: PondSheet | None
) -> FormYear:
    name, L = sheet.name, layout
    rows: list[FormRow] = []
    empty: list[int] = []
    outside: list[int] = []
    total_row = _total_row(sheet, L)
    if total_row is None:
        reader.issue(
            "tgo-total-not-found",
            tr(
                "the column total 'รวม' below the activity rows was not found; rows 8-25 are read "
                "as TGO's form has them"
            ),
            name,
            cell_name(LAST_ROW, 0),
            tr("keep the row labelled 'รวม' (A26 in TGO's form) below the activities; check the imported lines"),
            Severity.WARNING,
        )
    first_row, end_row = (FIRST_ROW - 1, LAST_ROW) if total_row is None else (HEADER_ROWS, total_row)
    for r in range(first_row, end_row):
        label = sheet.text(r, 1)
        months = [sheet.amount(r, L.month(m)) for m in range(1, 13)]
        month_cells = [cell_name(r, L.month(m)) for m in range(1, 13)]
        known = KNOWN_ROWS.get(squeeze(label))
        if not label.strip() and not any(months):
            if r >= FIRST_ROW - 1:
                empty.append(r + 1)
            continue
        if known is None and any(h in label for h in HEADINGS) and not any(months):
            continue  # a heading of TGO's own
        key, kind = known if known else (None, "unknown")
        scope = _scope(sheet, r)
        expected = FORM_SCOPES.get(squeeze(label))
        if expected is not None and scope is not None and scope != expected:  # a row moved into another block
            reader.issue(
                "tgo-scope-moved",
                tr(
                    "row {row} ({label}) lies under Scope {scope}, but TGO's form has it in Scope {expected}: "
                    "it is imported as scope {scope}",
                    row=r + 1,
                    label=visible(label),
                    scope=scope,
                    expected=expected,
                ),
                name,
                cell_name(r, 1),
                tr("move the row back under its scope, or check the scope of the imported line"),
                Severity.WARNING,
            )
        if known is None:
            reader.issue(
                "tgo-row-unknown",
                tr(
                    "row {row} ({label}) is not a row of TGO's form 1.5(1); "
                    "it is imported with the sheet's EF, matched to no factor of ghgcalc",
                    row=r + 1,
                    label=visible(label) or tr("no label"),
                ),
                name,
                cell_name(r, 1),
                tr("check the imported line's scope and unit, or name the row as TGO's form does"),
                Severity.WARNING,
            )
        form_row = FormRow(
            row=r + 1,
            label=label.strip(),
            label_cell=cell_name(r, 1),
            scope=scope,
            unit=sheet.text(r, L.unit).strip() or None,
            unit_cell=cell_name(r, L.unit),
            ef=sheet.amount(r, L.ef),
            ef_cell=cell_name(r, L.ef),
            months=[m or 0.0 for m in months],
            month_cells=month_cells,
            key=key,
            kind=kind,
            line_total=Printed(name, cell_name(r, L.total), sheet.printed(r, L.total)),
            cf=[Printed(name, cell_name(r, L.month(m) + 1), sheet.printed(r, L.month(m) + 1)) for m in range(1, 13)],
        )
        if form_row.empty:
            empty.append(r + 1)
            continue
        if squeeze(label) == OUTSIDE_LABEL:
            outside.append(r + 1)
        rows.append(form_row)
    if total_row is None:
        _extra_rows(reader, sheet, L)
    else:
        _rows_below_total(reader, sheet, L, total_row)
    totals = _totals(reader, sheet, L, LAST_ROW if total_row is None else total_row)
    return FormYear(name, year, L.name, rows, septic, pond, totals, empty, outside)


def _totals(reader: SheetReader, sheet: FormSheet, L: Layout, total_row: int) -> FormTotals:
    """The column total (AE26 / AD26) and the scope table (E39:E42 / C38:C41), where they are."""
    name = sheet.name
    found = _scope_table_row(sheet, L, total_row)
    first = L.scope_first_row if found is None else found
    totals = FormTotals(
        column_total=Printed(name, cell_name(total_row, L.total), sheet.printed(total_row, L.total)),
        scopes=[
            Printed(name, cell_name(first + i, L.scope_table), sheet.printed(first + i, L.scope_table))
            for i in range(3)
        ],
        total=Printed(name, cell_name(first + 3, L.scope_table), sheet.printed(first + 3, L.scope_table)),
    )
    if "รวม" not in sheet.text(first + 3, L.scope_table - 2) + sheet.text(first + 3, L.scope_table - 1):
        reader.issue(
            "tgo-total-not-found",
            tr("the scope table's 'รวม' (total) row is not where form 1.5(1) has it"),
            name,
            totals.total.cell,
            tr("keep TGO's scope table as the form has it; the imported lines do not depend on it"),
            Severity.WARNING,
        )
    return totals


def _rows_below_total(reader: SheetReader, sheet: FormSheet, L: Layout, total_row: int) -> None:
    """A source added below "รวม" (above the scope table) with monthly quantities is in no total and
    is not imported: said, so that it is not lost without a word."""
    table = _scope_table_row(sheet, L, total_row)
    end = table if table is not None else min(len(sheet.rows), total_row + 12)
    for r in range(total_row + 1, end):
        values = [sheet.rows[r][c] if c < len(sheet.rows[r]) else None for c in map(L.month, range(1, 13))]
        if not any(isinstance(v, int | float) and not isinstance(v, bool) and v for v in values):
            continue
        label = "".join(sheet.text(r, c) for c in range(0, L.ef)).strip()
        reader.issue(
            "tgo-row-extra",
            tr(
                "row {row} ({label}) below the 'รวม' row holds monthly quantities: it is in no total "
                "the workbook prints and was not imported",
                row=r + 1,
                label=visible(label) or tr("no label"),
            ),
            sheet.name,
            cell_name(r, 1),
            tr("insert a row above 'รวม' and move the activity there, so that it counts; then import again"),
            Severity.WARNING,
        )


def _extra_rows(reader: SheetReader, sheet: FormSheet, L: Layout) -> None:
    """Without a "รวม" row, rows 8-25 are read; a labelled row below them is said not to be imported."""
    for r in range(LAST_ROW, min(LAST_ROW + 10, len(sheet.rows))):
        label = "".join(sheet.text(r, c) for c in range(0, L.ef))
        if label.strip():
            reader.issue(
                "tgo-row-extra",
                tr(
                    "row {row} ({label}) is below the form's rows 8-25 and was not imported",
                    row=r + 1,
                    label=visible(label.strip()),
                ),
                sheet.name,
                cell_name(r, 1),
                tr("move the activity into one of rows 8-25, or add it to the imported inventory by hand"),
                Severity.WARNING,
            )


def _septic(sheet: FormSheet) -> SepticSheet:
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


def _pond(sheet: FormSheet) -> PondSheet:
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


def plain_numbers(values: list[float]) -> list[float | int]:
    """Whole numbers written as such (19, not 19.0)."""
    return [int(v) if v.is_integer() and abs(v) < 2**53 else v for v in values]


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def empty_rows_issue(file: str, sheet: str, rows: Sequence[int]) -> Issue:
    """The one warning for a TGO sheet's rows that name a source but give no quantity (form 1.5(1)
    and the V-Sheet alike)."""
    return Issue(
        "tgo-rows-empty",
        tr(
            "{count} rows without quantities were skipped (rows {rows})",
            count=len(rows),
            rows=", ".join(map(str, rows)),
        ),
        Severity.WARNING,
        Location(file, sheet=sheet),
    )
