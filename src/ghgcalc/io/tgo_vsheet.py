"""TGO's CFO V-Sheet (TCFO_R_01, Version 04 : 21/2/2020 and Version 07 : 18/02/2026) read as filled
(docs/tgo-workbooks.md, "The V-Sheet CFO").

Fr-01 gives the organisation (name B6, period H22, output H23/J23, base year H24, base-year output
H25); Fr-04.1 (the reporting year) and Fr-04.2 (the base year) give one line per activity: label B,
unit C, annual quantity D, kg of each gas per unit E..L weighed by the GWPs AV8:AV13 into Q
(kgCO2e/unit; typed in scopes 2 and 3), and the line's tCO2e in AO, with the sums AO24 (scope 1),
AO30 (reported apart), AO35 (scope 2), AO43 (scope 3), AO44 and AO45. Every value keeps its cell.
The same checks as the inventory reader run before python-calamine opens anything.
"""

from __future__ import annotations

import calendar
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ghgcalc.core.audit_input import Stated, StatedLine, StatedYear
from ghgcalc.errors import Issue, Location, Severity, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.io.excel_cells import SheetReader, cell_name
from ghgcalc.io.excel_reader import CANNOT_READ, RESAVE, calamine_reason, open_checked
from ghgcalc.io.excel_xml import check_zip, scan
from ghgcalc.io.files import is_regular
from ghgcalc.io.tgo_form import FormSheet, Printed, empty_rows_issue, plain_numbers, same_number, squeeze
from ghgcalc.thai import thai_to_arabic_digits

FR01, CURRENT, BASE = "Fr-01", "Fr-04.1", "Fr-04.2"
VERSIONS = {"04": "21/2/2020", "07": "18/02/2026"}
# 0-based columns of Fr-04.x
C_LABEL, C_UNIT, C_QTY, C_Q, C_AO = 1, 2, 3, 16, 40
GAS_COLUMNS = (("CO2", 4), ("CH4_fossil", 5), ("CH4", 6), ("N2O", 7), ("SF6", 8), ("NF3", 9))
C_HFC, C_PFC, C_HFC_GWP, C_PFC_GWP = 10, 11, 12, 13
C_GWP, GWP_FIRST_ROW = 47, 8  # AV8:AV13, 1-based rows 8-13, in the order of GAS_COLUMNS
# (first row, last row, scope, sum row), 1-based; scope 0: reported apart (biogenic), outside the totals.
# Where TGO's form has them; a sheet with rows inserted or deleted is read by its blocks' merged
# titles in column A instead (_blocks), and its GWPs by their gas names in AU (_gwp_rows).
BLOCKS = ((10, 23, 1, 24), (25, 29, 0, 30), (31, 34, 2, 35), (36, 42, 3, 43))
C_GWP_NAME = 46  # AU: the gas of each GWP in AV
GWP_NAMES = {"co2": "CO2", "fossilch4": "CH4_fossil", "ch4": "CH4", "n2o": "N2O", "sf6": "SF6", "nf3": "NF3"}
UNITS = {
    "ลิตร": "L",
    "l": "L",
    "kwh": "kWh",
    "kg": "kg",
    "กิโลกรัม": "kg",
    "กก.": "kg",
    "m3": "m3",
    "ลบ.ม.": "m3",
    "ลูกบาศก์เมตร": "m3",
    "ตัน": "t",
    "tonne": "t",
    "t": "t",
    "mj": "MJ",
    "scf": "scf",
    "kgch4": "kg",
    "kgco2": "kg",
}
THAI_MONTHS = ("มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย", "ตค", "พย", "ธค")
_SPAN = re.compile(r"^(" + "|".join(THAI_MONTHS) + r")(\d{2}|\d{4})-(" + "|".join(THAI_MONTHS) + r")(\d{2}|\d{4})$")
_FISCAL = re.compile(r"^(?:fy|ปีงบประมาณ|ปีงบ)(?:พ\.?ศ\.?)?(\d{4})$")
_YEAR_ONLY = re.compile(r"^(?:ปี)?(?:พ\.?ศ\.?)?(\d{4})$")
_PERIOD_HINT = N_(
    "write the period in Fr-01!{cell} as TGO's form asks, e.g. 'ม.ค.68-ธ.ค.68' (a calendar year) "
    "or 'ต.ค.67-ก.ย.68' (a fiscal year), or the B.E. year alone: 2568"
)


@dataclass(frozen=True)
class VLine:
    """One line of Fr-04.1 or Fr-04.2."""

    sheet: str
    row: int  # 1-based
    scope: int  # 0: reported apart (biogenic), outside AO45
    label: str
    unit: str | None
    quantity: Printed  # D, annual
    gases: tuple[tuple[str, Printed], ...]  # kg of each gas per unit, E..J (an empty cell is 0)
    other: tuple[Printed, Printed, Printed, Printed]  # HFCs K, PFCs L and their GWPs M, N
    q: Printed  # Q: kgCO2e per unit (a formula in scope 1, typed in scopes 2 and 3)
    ao: Printed  # AO: tCO2e as printed


@dataclass(frozen=True)
class VYear:
    sheet: str
    period: Any  # as ghgcalc's inventory writes it: 2568, "FY2568" or {start:, end:}
    year: int  # B.E.: the calendar year, the fiscal year, or the year the period ends in
    period_text: Printed  # Fr-01!H22 or H24 as written
    output: Printed  # Fr-01!H23 or H25
    lines: tuple[VLine, ...]
    gwps: tuple[Printed, ...]  # AV8:AV13
    gwp_basis: str | None  # "AR5" or "AR4": the IPCC set the GWPs equal, None for neither
    sums: dict[str, Printed]  # AO24, AO30, AO35, AO43, AO44, AO45
    empty_rows: tuple[int, ...] = ()


@dataclass
class VSheetWorkbook:
    source: str
    version: str | None  # "04", "07", or None when the stamp names another
    name: str  # Fr-01!B6, the organisation ("" when empty)
    output_unit: str  # Fr-01!J23, the unit of the output ("" when empty)
    years: list[VYear]
    issues: list[Issue] = field(default_factory=list)


def looks_like_vsheet(path: str) -> bool:
    """Whether the workbook's sheets are the V-Sheet's (Fr-01 and Fr-04.1); False for anything unreadable."""
    try:
        if not is_regular(path) or check_zip(path):
            return False
        names = {squeeze(sheet.name) for sheet in scan(path)}
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error, ValueError, EOFError, NotImplementedError):
        return False
    return "fr-01" in names and "fr-04.1" in names


def read_vsheet(path: str, source: str) -> VSheetWorkbook:
    """The V-Sheet's organisation and its filled years, and the problems found. OSError propagates."""
    reader = SheetReader(source)
    empty = VSheetWorkbook(source, None, "", "", [], reader.issues)
    workbook = open_checked(path, reader)
    if workbook is None:
        return empty
    from python_calamine import CalamineError

    try:
        return _read(reader, workbook, source)
    except CalamineError as exc:
        reader.issue("xlsx-invalid", tr(CANNOT_READ, reason=calamine_reason(exc)), hint=tr(RESAVE))
        return empty
    finally:
        workbook.close()


def _read(reader: SheetReader, workbook: Any, source: str) -> VSheetWorkbook:
    names = {squeeze(n): n for n in workbook.sheet_names}
    fr01 = FormSheet(reader, workbook, names["fr-01"])
    current = FormSheet(reader, workbook, names["fr-04.1"])
    version = _version(reader, current)
    book = VSheetWorkbook(source, version, fr01.text(5, 1).strip(), fr01.text(22, 9).strip(), [], reader.issues)
    sheets = [(current, fr01, 21, 22)]
    if "fr-04.2" in names:
        sheets.append((FormSheet(reader, workbook, names["fr-04.2"]), fr01, 23, 24))
    for sheet, org, period_row, output_row in sheets:
        if not _layout_known(reader, sheet):
            continue
        year = _year(reader, sheet, org, period_row, output_row)
        if year is not None:
            book.years.append(year)
    return book


def _version(reader: SheetReader, sheet: FormSheet) -> str | None:
    stamp = " ".join(sheet.text(0, c) for c in range(C_AO - 2, C_AO + 3))
    found = re.search(r"version\s*0*(\d+)", stamp.lower())
    if found and found.group(1).zfill(2) in VERSIONS:
        number = found.group(1).zfill(2)
        if number == "07":
            reader.issue(
                "tgo-version-assumed",
                tr(
                    "TCFO_R_01 Version 07 is read with the layout of Version 04 (rows 10-45, columns B-AO); "
                    "no real Version 07 workbook has been checked yet"
                ),
                sheet.name,
                "AO1",
                tr("check that the imported lines match the sheet's rows before relying on them"),
                Severity.WARNING,
            )
        return number
    reader.issue(
        "tgo-version-unknown",
        tr(
            "the form stamp ({stamp}) is not TCFO_R_01 Version 04 or 07; the sheet is read with Version 04's layout",
            stamp=visible(stamp.strip()) or tr("empty"),
        ),
        sheet.name,
        "AO1",
        tr("check that the imported lines match the sheet's rows"),
        Severity.WARNING,
    )
    return None


def _layout_known(reader: SheetReader, sheet: FormSheet) -> bool:
    if "ปริมาณ" in sheet.text(8, C_QTY) and "total" in sheet.text(5, C_Q).lower():
        return True
    reader.issue(
        "tgo-layout-unknown",
        tr(
            "the sheet's header is not the V-Sheet's ('ปริมาณ' in D9, 'Total (kgCO2e/หน่วย)' in Q6); "
            "nothing of this sheet was imported"
        ),
        sheet.name,
        "D9",
        tr("keep TGO's header rows 6-9 as the form has them"),
        Severity.WARNING if _is_base(sheet) else Severity.ERROR,
    )
    return False


def parse_period(text: str) -> tuple[Any, int] | None:
    """Fr-01's period as written ("ม.ค.63-ธ.ค.63", "ต.ค.67-ก.ย.68", "2563", "ปีงบประมาณ 2568") as
    (the inventory's period, its B.E. year), or None."""
    plain = re.sub(r"[\s.]", "", thai_to_arabic_digits(text)).lower().replace("–", "-").replace("—", "-")
    plain_dots = re.sub(r"\s", "", thai_to_arabic_digits(text)).lower()
    if found := _SPAN.match(plain):
        m1, y1 = THAI_MONTHS.index(found.group(1)) + 1, _be(found.group(2))
        m2, y2 = THAI_MONTHS.index(found.group(3)) + 1, _be(found.group(4))
        if (y2, m2) < (y1, m1) or not 2443 <= y1 <= 2743 or not 2443 <= y2 <= 2743:
            return None
        if (m1, m2) == (1, 12) and y1 == y2:
            return y1, y1
        if (m1, m2) == (10, 9) and y2 == y1 + 1:
            return f"FY{y2}", y2
        end_day = calendar.monthrange(y2 - 543, m2)[1]
        return {"start": f"{y1 - 543}-{m1:02d}-01", "end": f"{y2 - 543}-{m2:02d}-{end_day:02d}"}, y2
    if found := _FISCAL.match(plain_dots.replace(".", "")):
        year = _be(found.group(1))
        return (f"FY{year}", year) if 2443 <= year <= 2743 else None
    if found := _YEAR_ONLY.match(plain_dots.replace(".", "")):
        year = _be(found.group(1))
        return (year, year) if 2443 <= year <= 2743 else None
    return None


def _be(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        return 2500 + year
    return year if year >= 2400 else year + 543


def _year(reader: SheetReader, sheet: FormSheet, org: FormSheet, period_row: int, output_row: int) -> VYear | None:
    lines: list[VLine] = []
    empty: list[int] = []
    blocks = _blocks(sheet)
    for first, last, scope, _ in blocks:
        for r in range(first - 1, last):
            line = _line(sheet, r, scope)
            if line is None:
                continue
            if not line.quantity.value:
                if line.label or line.q.value or line.ao.value:
                    empty.append(r + 1)
                continue
            lines.append(line)
    if not lines:
        if _is_base(sheet):
            return None  # no base year filled in: nothing to import
        reader.issue(
            "tgo-lines-none",
            tr("the sheet has no line with a quantity (column D, rows 10-42)"),
            sheet.name,
            "D10",
            tr("fill the annual quantities in column D, as TGO's form asks"),
        )
        return None
    period_cell = cell_name(period_row, 7)
    written = org.text(period_row, 7).strip()
    parsed = parse_period(written)
    if parsed is None:
        reader.issue(
            "tgo-period-unknown",
            tr("the period {period} cannot be read", period=repr(visible(written)))
            if written
            else tr("the period is empty"),
            org.name,
            period_cell,
            tr(_PERIOD_HINT, cell=period_cell),
        )
        return None
    gwps = tuple(Printed(sheet.name, cell_name(r, C_GWP), sheet.number(r, C_GWP)) for r in _gwp_rows(sheet))
    # keyed by their cells in TGO's form; each Printed holds the cell where the sheet has it
    sum_rows = dict(zip(("AO24", "AO30", "AO35", "AO43"), (b[3] for b in blocks), strict=True))
    sum_rows |= {"AO44": sum_rows["AO43"] + 1, "AO45": sum_rows["AO43"] + 2}
    sums = {c: Printed(sheet.name, cell_name(r - 1, C_AO), sheet.number(r - 1, C_AO)) for c, r in sum_rows.items()}
    return VYear(
        sheet=sheet.name,
        period=parsed[0],
        year=parsed[1],
        period_text=Printed(org.name, period_cell, None),
        output=Printed(org.name, cell_name(output_row, 7), org.number(output_row, 7)),
        lines=tuple(lines),
        gwps=gwps,
        gwp_basis=_basis(gwps),
        sums=sums,
        empty_rows=tuple(empty),
    )


def _blocks(sheet: FormSheet) -> tuple[tuple[int, int, int, int], ...]:
    """The four blocks (as BLOCKS) from their titles merged down column A (A10:A24 "ขอบเขต 1", A25:A30
    reported apart, A31:A35 "ขอบเขต 2", A36:A43 "ขอบเขต 3"; each block's last row is its sum), so
    that rows inserted or deleted move them; BLOCKS where the titles are not all found, in order."""
    found: dict[int, tuple[int, int, int, int]] = {}
    for (r1, c1), (r2, _c2) in sheet.merged:
        if c1 != 0 or r1 < BLOCKS[0][0] - 1 or r2 <= r1:
            continue
        title = squeeze(sheet.text(r1, 0))
        scope = next((n for n in (1, 2, 3) if title.startswith(f"ขอบเขต{n}")), 0 if "รายงานแยก" in title else None)
        if scope is not None and scope not in found:
            found[scope] = (r1 + 1, r2, scope, r2 + 1)
    blocks = tuple(found[s] for s in (1, 0, 2, 3) if s in found)
    if len(blocks) == len(BLOCKS) and all(a[3] < b[0] for a, b in pairwise(blocks)):
        return blocks
    return BLOCKS


def _gwp_rows(sheet: FormSheet) -> list[int]:
    """The 0-based rows of the GWPs in AV, in the order of GAS_COLUMNS: by their gas names in AU
    ("CO2", "Fossil CH4", ... from AU8), else AV8:AV13 as TGO's form has them."""
    rows: dict[str, int] = {}
    for r in range(0, min(len(sheet.rows), GWP_FIRST_ROW + 60)):
        gas = GWP_NAMES.get(squeeze(sheet.text(r, C_GWP_NAME)))
        if gas is not None:
            rows.setdefault(gas, r)
    if len(rows) == len(GAS_COLUMNS):
        return [rows[gas] for gas, _ in GAS_COLUMNS]
    return [GWP_FIRST_ROW - 1 + i for i in range(len(GAS_COLUMNS))]


def _is_base(sheet: FormSheet) -> bool:
    return squeeze(sheet.name) == "fr-04.2"


def _line(sheet: FormSheet, r: int, scope: int) -> VLine | None:
    def at(column: int) -> Printed:
        return Printed(sheet.name, cell_name(r, column), sheet.number(r, column))

    label = sheet.text(r, C_LABEL).strip()
    quantity = at(C_QTY)
    if not label and quantity.value is None:
        return None
    return VLine(
        sheet=sheet.name,
        row=r + 1,
        scope=scope,
        label=label,
        unit=sheet.text(r, C_UNIT).strip() or None,
        quantity=quantity,
        gases=tuple((gas, at(c)) for gas, c in GAS_COLUMNS),
        other=(at(C_HFC), at(C_PFC), at(C_HFC_GWP), at(C_PFC_GWP)),
        q=at(C_Q),
        ao=at(C_AO),
    )


def _basis(gwps: tuple[Printed, ...]) -> str | None:
    from ghgcalc import gwp

    for basis in ("AR5", "AR4"):
        if all(
            p.value is not None and (v := gwp.gwp_value(g, basis)) is not None and same_number(p.value, v)
            for (g, _), p in zip(GAS_COLUMNS, gwps, strict=True)
        ):
            return basis
    return None


# --------------------------------------------------------------------------------------------
# One year as a ghgcalc inventory document


def _where(file: str, printed: Printed) -> str:
    return f"{file}[{printed.sheet}]!{printed.cell}"


def _bundled(per: str, gases: dict[str, float]) -> list[tuple[str, str | None]]:
    """The bundled tgo-cfo keys (any edition), with their category, whose factor for `per` has
    exactly these gas values."""
    from ghgcalc.io.factor_store import FactorStore

    found: dict[str, str | None] = {}
    for edition in FactorStore().versions("tgo-cfo"):
        for key, variants in edition.factors.items():
            for factor in variants:
                if factor.per != per:
                    continue
                theirs = {g.gas: g.kg for g in factor.gases if g.kg}
                if theirs.keys() == gases.keys() and all(same_number(theirs[g], v) for g, v in gases.items()):
                    found.setdefault(key, factor.category)
    return list(found.items())


def inventories_of(book: VSheetWorkbook, file: str) -> list[tuple[VYear, dict[str, Any], list[Issue]]]:
    """One inventory document per filled year of the V-Sheet, each computing to the AO45 it prints."""
    return [(year, *_inventory(book, year, file)) for year in book.years]


def _inventory(book: VSheetWorkbook, year: VYear, file: str) -> tuple[dict[str, Any], list[Issue]]:
    issues: list[Issue] = []

    def issue(code: str, message: str, printed: Printed, hint: str, severity: Severity = Severity.WARNING) -> None:
        issues.append(Issue(code, message, severity, Location(file, sheet=printed.sheet, cell=printed.cell), hint=hint))

    basis = year.gwp_basis
    custom: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for line in year.lines:
        row = line.row
        unit = UNITS.get(squeeze(line.unit)) if line.unit else None
        if unit is None:
            issue(
                "tgo-unit-unknown",
                tr(
                    "row {row}: the unit {unit} is not one ghgcalc reads from the V-Sheet "
                    "(ลิตร, kWh, kg, m3, ตัน, MJ, scf)",
                    row=row,
                    unit=repr(visible(line.unit or tr("(empty)"))),
                ),
                Printed(line.sheet, cell_name(row - 1, C_UNIT), None),
                tr("write the unit the quantity is in (column C), as TGO's factor sheet names it"),
                Severity.ERROR,
            )
            continue
        gases = {gas: p.value for gas, p in line.gases if p.value}
        others = any(p.value for p in line.other[:2])
        per_gas = bool(gases) and not others and basis is not None and line.scope != 0
        if per_gas:
            weights = {g: p.value or 0.0 for (g, _), p in zip(GAS_COLUMNS, year.gwps, strict=True)}
            weighed = sum(v * weights[gas] for gas, v in gases.items())
            if line.q.value is not None and not same_number(weighed, line.q.value):
                per_gas = False  # Q is typed over the formula: the sheet's Q is what it multiplies
        if per_gas:
            kg: dict[str, float] = dict(gases)
            last = cell_name(row - 1, GAS_COLUMNS[-1][1])
            source = f"{_where(file, line.gases[0][1])}:{last} (GWPs {year.gwps[0].cell}:{year.gwps[-1].cell})"
        elif line.q.value is not None:
            kg = {"CO2_biogenic" if line.scope == 0 else "CO2e": line.q.value}
            source = _where(file, line.q)
        else:
            issue(
                "tgo-ef-missing",
                tr("row {row} has a quantity but no emission factor (Q, kgCO2e per unit)", row=row),
                line.q,
                tr("type the factor in Q, or the kg of each gas per unit in E-L"),
                Severity.ERROR,
            )
            continue
        if gases and not per_gas and basis is None and line.scope != 0:
            issue(
                "tgo-gwp-unknown",
                tr(
                    "the GWPs {cells} are neither IPCC AR5's nor AR4's: row {row} is "
                    "imported with its total Q (kgCO2e per unit), not gas by gas",
                    cells=f"{year.gwps[0].cell}:{year.gwps[-1].cell}",
                    row=row,
                ),
                year.gwps[0],
                tr("the imported line still computes to the sheet's AO"),
            )
        matches = _bundled(unit, kg)
        key = f"{matches[0][0] if len(matches) == 1 else 'vsheet-row'}-r{row}"
        name = line.label or tr("row {row}", row=row)
        factor: dict[str, Any] = {
            "key": key,
            "name": (
                tr(
                    "{label}: the factor of TGO's V-Sheet {sheet} (ghgcalc's tgo-cfo factor: {key})",
                    label=name,
                    sheet=line.sheet,
                    key=", ".join(k for k, _ in matches),
                )
                if matches
                else tr(
                    "{label}: the factor of TGO's V-Sheet {sheet} (no tgo-cfo factor matched)",
                    label=name,
                    sheet=line.sheet,
                )
            ),
            "per": unit,
            "kg": {k: plain_numbers([v])[0] for k, v in kg.items()},
        }
        if "CO2e" in kg or per_gas:
            factor["gwp_basis"] = basis or "AR5"
        factor["source"] = source
        if len(matches) == 1 and matches[0][1]:
            factor["category"] = matches[0][1]
        custom.append(factor)
        amount = line.quantity.value or 0.0
        lines.append(
            {
                "activity": key,
                "label": f"{name} ({_where(file, line.quantity)})",
                "unit": unit,
                "amount": plain_numbers([amount])[0],
                "scope": line.scope or 1,
            }
        )
        if line.ao.value is not None and line.q.value is not None:
            expected = amount * line.q.value / 1000
            if not same_number(expected, line.ao.value):
                issue(
                    "tgo-line-differs",
                    tr(
                        "row {row} prints {printed} tCO2e, but D x Q / 1000 = {expected}: "
                        "the imported line counts the latter",
                        row=row,
                        printed=f"{line.ao.value:g}",
                        expected=f"{expected:g}",
                    ),
                    line.ao,
                    tr("recalculate the workbook (the printed value may be stale); ghgcalc audit shows both cells"),
                )
        elif line.ao.value is None:
            issue(
                "tgo-row-no-total",
                tr(
                    "row {row} has a quantity but the sheet prints no total for it ({cell} is empty)",
                    row=row,
                    cell=line.ao.cell,
                ),
                line.ao,
                tr("the imported line counts it, so the imported total differs from the printed one"),
            )
    if year.empty_rows:
        issues.append(empty_rows_issue(file, year.sheet, year.empty_rows))
    document: dict[str, Any] = {
        "ghgcalc": 1,
        "name": book.name or f"{file} [{year.sheet}]",
        "kind": "organization",
        "period": year.period,
        "factors": "tgo-cfo",
    }
    if basis is not None:
        document["gwp"] = basis
    output = year.output.value
    if output is not None and output > 0:
        document["output"] = {"amount": plain_numbers([output])[0], "unit": book.output_unit or "units"}
    if custom:
        document["custom_factors"] = custom
    document["activities"] = lines
    return document, issues


# --------------------------------------------------------------------------------------------
# The audit's input


def stated_years(workbook: VSheetWorkbook) -> list[StatedYear]:
    """What each filled year of the V-Sheet states, number by number with its cell (core/audit_input.py)."""

    def stated(p: Printed) -> Stated:
        return Stated(p.value, p.sheet, p.cell)

    years = []
    for year in workbook.years:
        keys = {line.row: _key_of(line) for line in year.lines}
        lines = tuple(
            StatedLine(
                sheet=line.sheet,
                row=line.row,
                label=line.label,
                scope=line.scope or None,
                unit=line.unit,
                factor=stated(line.q),
                quantities=(stated(line.quantity),),
                printed=(stated(line.ao),),
                total=stated(line.ao),
                printed_unit="tCO2e",
                key=keys[line.row][0],
                factor_known=keys[line.row][1] or line.scope == 0,  # a biogenic row: outside the totals
            )
            for line in year.lines
        )
        years.append(
            StatedYear(
                sheet=year.sheet,
                year=year.year,
                lines=lines,
                scope_totals={1: stated(year.sums["AO24"]), 2: stated(year.sums["AO35"]), 3: stated(year.sums["AO43"])},
                total=stated(year.sums["AO45"]),
                outside_totals=tuple(line.row for line in year.lines if line.scope == 0),
            )
        )
    return years


def _key_of(line: VLine) -> tuple[str | None, bool]:
    """The one bundled tgo-cfo key whose factor the line's gases (or its Q as CO2e, or as the kgCO2e
    TGO prints for a factor) equal, if any; and whether any bundled factor equals it at all (a Q
    typed over with a number of no TGO edition equals none: the audit says so)."""
    unit = UNITS.get(squeeze(line.unit)) if line.unit else None
    if unit is None:
        return None, True  # the unit is refused by the import; nothing to say of the factor
    gases = {gas: p.value for gas, p in line.gases if p.value}
    candidates = [gases] if gases else []
    if line.q.value:
        candidates.append({"CO2e": line.q.value})
    known = False
    for kg in candidates:
        matches = _bundled(unit, kg)
        known = known or bool(matches)
        if len(matches) == 1:
            return matches[0][0], True
    if line.q.value:  # a refrigerant's Q: kg x its GWP (K x M), TGO's printed 1760 for R-22's 1 kg of HCFC-22
        printed = _printed(unit, line.q.value)
        known = known or bool(printed)
        if len(printed) == 1:
            return printed[0], True
    return None, known


def _printed(per: str, kgco2e: float) -> list[str]:
    """The bundled tgo-cfo keys (any edition) whose kgCO2e per `per`, as TGO prints it, is this."""
    from ghgcalc.io.factor_store import FactorStore

    return sorted(
        {
            key
            for edition in FactorStore().versions("tgo-cfo")
            for key, variants in edition.factors.items()
            for factor in variants
            if factor.per == per and factor.published_kgco2e and same_number(float(factor.published_kgco2e), kgco2e)
        }
    )
