"""An Excel report after TGO's forms Fr-04.1 (inventory) and Fr-05 (summary), plus the factors used.

Pure: results in, the bytes of an .xlsx out. openpyxl is imported only when a report is made, so
the CLI pays for it only with `--format xlsx`. Every cell holds the exact value of the result; only
the number formats round what is shown. The one exception is TGO's Fr-05 column, which rounds each
scope up to a whole tonne as the form's ROUNDUP(x, 0) does, written as a value, not a formula.

Several inventories give one set of three sheets each, the sheet names suffixed " (1)", " (2)", ...
Text from the user is always written as text, never as a formula, and the file's bytes depend only
on the results (fixed document and ZIP timestamps), so two runs give the same file.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ghgcalc import __version__
from ghgcalc.io.xlsx_book import clean as _clean
from ghgcalc.io.xlsx_book import save, text_cell
from ghgcalc.models.factor import Factor
from ghgcalc.models.result import BIOGENIC, NON_KYOTO, InventoryResult, Line
from ghgcalc.reports.markdown import SCOPES, exact, largest, line_name, round_up, scope_totals

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

INVENTORY_SHEET = "Fr-04.1 Inventory"
SUMMARY_SHEET = "Fr-05 Summary"
FACTORS_SHEET = "Factors"
TOP_SOURCES = 10

SCOPE_TITLES = {
    1: "ประเภท 1 การปล่อยทางตรง / Scope 1 direct emissions",
    2: "ประเภท 2 การปล่อยทางอ้อมจากพลังงาน / Scope 2 energy indirect emissions",
    3: "ประเภท 3 การปล่อยทางอ้อมอื่น ๆ / Scope 3 other indirect emissions",
}
SCOPE_SHORT = {1: "ประเภท 1 / Scope 1", 2: "ประเภท 2 / Scope 2", 3: "ประเภท 3 / Scope 3"}
SEPARATE_KINDS = {
    BIOGENIC: "CO2 จากชีวมวล / Biogenic CO2",
    NON_KYOTO: "ก๊าซนอกพิธีสารเกียวโต / Non-Kyoto gases (e.g. R-22)",
}
_GAS_FIRST = ("CO2", "CH4_fossil", "CH4", "N2O", "SF6", "NF3")
_GAS_LAST = ("CO2e", "CO2_biogenic")
_GAS_NAMES = {"CH4_fossil": "CH4 fossil", "CO2_biogenic": "CO2 biogenic"}

FMT_TCO2E = "#,##0.0000##"
FMT_GAS_T = "#,##0.000000"
FMT_SHARE = "0.00%"
FMT_WHOLE = "#,##0"
FMT_FRACTION = "#,##0.0#####"
FMT_GENERAL = "General"
FMT_DATE = "yyyy-mm-dd"
FONT = "Calibri"
HEADER_FILL = "DDEBF7"
SECTION_FILL = "F2F2F2"
TOTAL_FILL = "FFF2CC"
NUMBER_WIDTH = 14
LINE_HEIGHT = 15  # points per line of 11-point text
NOTE_EXACT = (
    "ค่าในเซลล์เป็นค่าที่คำนวณได้จริง ไม่ปัดเศษ การแสดงผลเท่านั้นที่ปัด / "
    "Cells hold the exact computed values; only their display is rounded."
)


def to_xlsx(results: list[InventoryResult]) -> bytes:
    """The report workbook: Fr-04.1, Fr-05 and Factors sheets for each result; with an analysis
    (--uncertainty) Uncertainty, Key categories and Data quality sheets (reports/analysis_xlsx.py). Graded
    lines without an analysis show their tier and evidence in Fr-04.1 only."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, result in enumerate(results, start=1):
        suffix = f" ({number})" if len(results) > 1 else ""
        _inventory_sheet(workbook.create_sheet(INVENTORY_SHEET + suffix), result)
        _summary_sheet(workbook.create_sheet(SUMMARY_SHEET + suffix), result)
        if result.analysis is not None:
            from ghgcalc.reports.analysis_xlsx import analysis_sheets

            analysis_sheets(workbook, result, result.analysis, suffix)
        _factors_sheet(workbook.create_sheet(FACTORS_SHEET + suffix), result)
    if not results:  # a workbook needs a sheet; say why it is empty
        put(workbook.create_sheet(SUMMARY_SHEET), 1, 1, "ไม่มีผลลัพธ์ / No results: no inventory could be computed")
    _properties(workbook, results)
    return save(workbook)


def _properties(workbook: Workbook, results: list[InventoryResult]) -> None:
    """Document properties that depend on the results only: 'created' is the end of the period."""
    stamp = dt.datetime.combine(results[0].period.end, dt.time()) if results else dt.datetime(2000, 1, 1)
    props = workbook.properties
    props.creator = props.lastModifiedBy = f"ghgcalc {__version__}"
    props.created = props.modified = stamp
    props.title = _clean("GHG inventory: " + "; ".join(r.name for r in results))[:250]


# --- cells and layout ----------------------------------------------------------------------------


def put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None) -> Any:
    """Write one cell. Text is always stored as text (xlsx_book.text_cell): one that starts like a
    formula keeps its characters and gets Excel's quote prefix, so it is shown, never run."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text_cell(cell, _clean(value))
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def _amount_format(value: float) -> str:
    return FMT_WHOLE if value == int(value) else FMT_FRACTION


def _font(bold: bool = False, size: int = 11) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT, size=size, bold=bold)


def _style_row(ws: Worksheet, row: int, last: int, fill: str | None, bold: bool = True) -> None:
    """A section or total row: bold, filled, a rule above."""
    from openpyxl.styles import Border, PatternFill, Side

    for column in range(1, last + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = _font(bold)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        cell.border = Border(top=Side(style="thin"))


def _header_row(ws: Worksheet, row: int, titles: list[str]) -> None:
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    thin = Side(style="thin")
    for column, title in enumerate(titles, start=1):
        cell = put(ws, row, column, title)
        cell.font = _font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)


def _title(ws: Worksheet, text: str) -> None:
    put(ws, 1, 1, text).font = _font(bold=True, size=14)
    ws.row_dimensions[1].height = 22


def _info(ws: Worksheet, row: int, label: str, value: Any, value_column: int) -> int:
    """A label and its value in the block above a table; returns the next row."""
    from openpyxl.styles import Alignment

    put(ws, row, 1, label).font = _font(bold=True)
    put(ws, row, value_column, value).alignment = Alignment(horizontal="left")
    return row + 1


def _info_block(ws: Worksheet, result: InventoryResult, value_column: int, full: bool) -> int:
    """Name, period, GWP, factor sets, output (and, in full, kind and source); returns the next row."""
    row = _info(ws, 2, "ชื่อองค์กร / Name", result.name, value_column)
    period = f"{result.period.start.isoformat()} ถึง / to {result.period.end.isoformat()}"
    row = _info(ws, row, "ระยะเวลา / Period", period, value_column)
    row = _info(ws, row, "ค่า GWP / GWP set", f"{result.gwp} (IPCC, 100 ปี / 100-year)", value_column)
    sets = "; ".join(f"{s.ref} (sha256 {s.sha256[:12]})" for s in result.factor_sets)
    if any(line.factor.set_id == "custom" for line in result.lines):
        sets = (sets + "; " if sets else "") + "custom (กำหนดในไฟล์บัญชี / defined in the inventory)"
    row = _info(ws, row, "ชุดค่าการปล่อย / Factor sets", sets, value_column)
    if result.output is not None:
        amount, unit, name = result.output
        output = f"{exact(amount)} {unit}" + (f" ({name})" if name else "")
        row = _info(ws, row, "ผลผลิต / Output", output, value_column)
    if full:
        row = _info(ws, row, "ประเภทบัญชี / Kind", result.kind, value_column)
        made = f"{result.source} (ghgcalc {__version__})"
        row = _info(ws, row, "ไฟล์ข้อมูล / Source file", made, value_column)
    return row + 1


def _width(text: str) -> float:
    """Columns a text takes, about: Thai letters are wider than Latin ones, and Thai vowel and
    tone marks sit above or below a letter and take none."""
    return sum(1.2 if "\u0e00" <= char <= "\u0e7f" else 1.0 for char in text if unicodedata.category(char) != "Mn")


def _fit(values: list[str], least: int, most: int) -> int:
    return max(least, min(most, math.ceil(max((_width(v) * 0.9 for v in values), default=0)) + 2))


def _column_texts(ws: Worksheet, column: int, first: int, last: int) -> list[str]:
    return [str(ws.cell(row=r, column=column).value or "") for r in range(first, last + 1)]


def _lines(text: str, width: float, bold: bool) -> int:
    """How many lines a wrapped text takes in a column of `width`."""
    room = max(1.0, width - 1)
    scale = 1.0 if bold else 0.85  # letters are narrower than the '0' a column width counts; bold is wider
    return sum(max(1, math.ceil(_width(part) * scale / room)) for part in text.split("\n"))


@dataclass(frozen=True)
class _Wrap:
    """Text columns that wrap when too long for their width, in a block of rows (a sheet's table)."""

    columns: frozenset[int] = frozenset()
    first: int = 0
    last: int = -1


def _finish(ws: Worksheet, widths: Mapping[int, float], landscape_a3: bool, wrap: _Wrap = _Wrap()) -> None:
    """Column widths; text too long for its column wraps, and its row gets the height for it (no
    spreadsheet program fits row heights on opening a file), every cell of such a row set at the top
    so that the numbers stand level with the first line of text; printing: landscape, one page wide."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    alignments: dict[tuple[str | None, bool], Any] = {}  # one object per kind: there may be thousands of lines

    def align(cell: Any, wrap_text: bool) -> None:
        key = (cell.alignment.horizontal, wrap_text)
        if key not in alignments:
            alignments[key] = Alignment(horizontal=key[0], vertical="top", wrap_text=wrap_text)
        cell.alignment = alignments[key]

    for row in ws.iter_rows(min_row=2):
        lines = 1
        long_texts = []
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            width = widths.get(cell.column, 9)
            if cell.alignment.wrap_text:
                lines = max(lines, _lines(cell.value, width, bool(cell.font.bold)))
            elif cell.column in wrap.columns and wrap.first <= cell.row <= wrap.last:
                needed = _lines(cell.value, width, bool(cell.font.bold))
                if needed > 1:
                    long_texts.append(cell)
                    lines = max(lines, needed)
        if long_texts:
            for cell in row:
                if cell.value is not None:
                    align(cell, cell in long_texts)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 3
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if landscape_a3 else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


# --- Fr-04.1 -------------------------------------------------------------------------------------


def gas_order(gases: set[str]) -> list[str]:
    """The gases of an inventory in TGO's column order: CO2, CH4 fossil, CH4, N2O, SF6, NF3, the
    others by name, then pre-weighted CO2e and biogenic CO2."""
    first = [gas for gas in _GAS_FIRST if gas in gases]
    last = [gas for gas in _GAS_LAST if gas in gases]
    return first + sorted(gases - set(first) - set(last)) + last


def _gas(gas: str) -> str:
    return _GAS_NAMES.get(gas, gas)


def _layout(gases: list[str], quality: bool = False, uncertainty: bool = False) -> list[tuple[str, str, int]]:
    """Fr-04.1's columns: (key, header, width; 0 = fitted to the text), then EF, GWP and tonnes
    for each gas, as TGO's form has them. With data quality, TGO's data-source tier and the evidence
    (TGO's "reference") after the total EF, where the form has them; with an analysis, each line's
    95 % uncertainty after its tCO2e."""
    sources = [("tier", TIER_TITLE, 11), ("evidence", "หลักฐาน / อ้างอิง\nEvidence / reference", 0)] if quality else []
    spread = [("uncertainty", "ความไม่แน่นอน\nUncertainty\n± % (95 %)", 13)] if uncertainty else []
    return [
        ("n", "ลำดับ\n#", 6),
        ("scope", "ประเภท\nScope", 8),
        ("activity", "กิจกรรม\nActivity", 0),
        ("label", "รายการ\nDescription", 0),
        ("category", "หมวด\nCategory", 0),
        ("quantity", "ปริมาณ\nQuantity", NUMBER_WIDTH),
        ("unit", "หน่วย\nUnit", 0),
        ("quantity_per", "ปริมาณในหน่วยของ EF\nQuantity in factor unit", NUMBER_WIDTH),
        ("per", "หน่วยของ EF\nFactor unit", 0),
        ("factor", "ค่าการปล่อย (ชุด@รุ่น รหัส)\nFactor (set@version key)", 0),
        *((f"ef:{g}", f"EF {_gas(g)}\nkg/หน่วย\n(kg/unit)", NUMBER_WIDTH) for g in gases),
        *((f"gwp:{g}", f"GWP\n{_gas(g)}", 10) for g in gases),
        ("total_ef", "EF รวม\nTotal EF\n(kgCO2e/หน่วย)", NUMBER_WIDTH),
        *sources,
        *((f"t:{g}", f"{_gas(g)}\nตัน (t)", NUMBER_WIDTH) for g in gases),
        ("t_co2e", "รวม\nTotal GHG\n(tCO2e)", NUMBER_WIDTH + 1),
        *spread,
        ("separate", "รายงานแยก\nReported separately\n(tCO2e)", NUMBER_WIDTH),
        ("share_scope", "สัดส่วนในประเภท\n% of scope", 12),
        ("share_s12", "สัดส่วนใน\nประเภท 1+2\n% of S1+2", 12),
        ("share_total", "สัดส่วนใน\nประเภท 1+2+3\n% of S1+2+3", 12),
    ]


_FITTED = {"activity": (12, 26), "label": (24, 52), "category": (10, 22), "unit": (8, 14), "per": (9, 12)}
_FITTED["factor"] = (18, 34)
_FITTED_EVIDENCE = (16, 32)
TIER_NOTE = (
    "แหล่งข้อมูล / Data source tier (TGO Fr-04.1): 1st = Self collect / Supplier; "
    "2nd = TH LCI DB / TGO EF / Thai Res. / Int. DB; other = Other."
)
UNCERTAINTY_NOTE = (
    "ความไม่แน่นอน / Uncertainty: half the 95 % confidence interval in % of the value, IPCC 2006 Vol.1 Ch.3 "
    "Approach 1 (Eq. 3.1 for a line, Eq. 3.2 for the totals); see the Uncertainty sheet."
)
TIER_TITLE = "แหล่งข้อมูล\nData source\n(TGO tier)"
FMT_PCT_NUMBER = "0.00"  # a percentage the result holds in % (25.0 is 25 %); the title says %


def _factor_kg(factor: Factor) -> dict[str, float]:
    kg: dict[str, float] = {}
    for value in factor.gases:
        kg[value.gas] = kg.get(value.gas, 0.0) + value.kg
    return kg


def _line_values(line: Line, scopes: dict[int, float], s12: float, total: float) -> dict[str, tuple[Any, str | None]]:
    """A line's cells by column key, with their number formats; None leaves a cell empty."""
    per_amount = line.amount * line.conversion
    separate = line.separately_reported_t_co2e
    values: dict[str, tuple[Any, str | None]] = {
        "n": (line.index + 1, None),
        "scope": (line.scope, None),
        "activity": (line.activity, None),
        "label": (line_name(line), None),
        "category": (line.category, None),
        "quantity": (line.amount, _amount_format(line.amount)),
        "unit": (line.unit, None),
        "quantity_per": (per_amount, _amount_format(per_amount)),
        "per": (line.factor.per, None),
        "factor": (f"{line.factor.ref} {line.factor.key}", None),
        "total_ef": (line.t_co2e * 1000 / per_amount if per_amount else None, FMT_GENERAL),
        "t_co2e": (line.t_co2e, FMT_TCO2E),
        "separate": (math.fsum(separate.values()) if separate else None, FMT_TCO2E),
        "share_scope": (_share(line.t_co2e, scopes[line.scope]), FMT_SHARE),
        "share_s12": (_share(line.t_co2e, s12) if line.scope in (1, 2) else None, FMT_SHARE),
        "share_total": (_share(line.t_co2e, total), FMT_SHARE),
    }
    values |= {f"ef:{gas}": (kg, FMT_GENERAL) for gas, kg in _factor_kg(line.factor).items()}
    values |= {f"gwp:{gas}": (gwp, _amount_format(gwp)) for gas, gwp in line.gwp.items()}
    values |= {f"t:{gas}": (tonnes, FMT_GAS_T) for gas, tonnes in line.gases_t.items()}
    grades = line.data_quality
    values["tier"] = (grades.source if grades else None, None)
    values["evidence"] = (line.evidence, None)
    return values


def _inventory_sheet(ws: Worksheet, result: InventoryResult) -> None:
    from openpyxl.styles import Alignment

    gases = gas_order({gas for line in result.lines for gas in line.gases_t})
    analysis = result.analysis
    quality = analysis is not None or any(line.data_quality or line.evidence for line in result.lines)
    layout = _layout(gases, quality, analysis is not None)
    col = {key: number for number, (key, _, _) in enumerate(layout, start=1)}
    spread = {row.index: row.combined_pct for row in analysis.approach_1.lines} if analysis else {}
    last = len(layout)
    scopes = scope_totals(result)
    total = result.total_t_co2e
    s12 = math.fsum([scopes[1], scopes[2]])

    _title(ws, "Fr-04.1 บัญชีรายการก๊าซเรือนกระจก / GHG inventory (TGO Fr-04.1)")
    header = _info_block(ws, result, col["label"], full=True)
    _header_row(ws, header, [title for _, title, _ in layout])
    ws.freeze_panes = ws.cell(row=header + 1, column=col["category"])
    ws.print_title_rows = f"{header}:{header}"
    row = header + 1

    def total_row(
        label: str, lines: list[Line], t_co2e: float, shares: tuple[float | None, ...], pct: float | None = None
    ) -> None:
        put(ws, row, col["label"], label)
        if pct is not None and "uncertainty" in col:
            put(ws, row, col["uncertainty"], pct, FMT_PCT_NUMBER)
        for gas in gases:
            tonnes = [line.gases_t[gas] for line in lines if gas in line.gases_t]
            if tonnes:
                put(ws, row, col[f"t:{gas}"], math.fsum(tonnes), FMT_GAS_T)
        put(ws, row, col["t_co2e"], t_co2e, FMT_TCO2E)
        separate = [value for line in lines for value in line.separately_reported_t_co2e.values()]
        if separate:
            put(ws, row, col["separate"], math.fsum(separate), FMT_TCO2E)
        for key, share in zip(("share_scope", "share_s12", "share_total"), shares, strict=True):
            if share is not None:
                put(ws, row, col[key], share, FMT_SHARE)
        _style_row(ws, row, last, TOTAL_FILL)

    for scope in SCOPES:
        lines = [line for line in result.lines if line.scope == scope]
        put(ws, row, 1, SCOPE_TITLES[scope])
        _style_row(ws, row, last, SECTION_FILL)
        row += 1
        for line in lines:
            for key, (value, number_format) in _line_values(line, scopes, s12, total).items():
                if value is not None and key in col:
                    put(ws, row, col[key], value, number_format)
            if line.index in spread and "uncertainty" in col:
                put(ws, row, col["uncertainty"], spread[line.index], FMT_PCT_NUMBER)
            if "tier" in col:
                ws.cell(row=row, column=col["tier"]).alignment = Alignment(horizontal="center", vertical="top")
            for key in ("n", "scope"):
                ws.cell(row=row, column=col[key]).alignment = Alignment(horizontal="center", vertical="top")
            row += 1
        if not lines:
            put(ws, row, col["label"], "ไม่มีรายการ / no lines")
            row += 1
        in_s12 = _share(scopes[scope], s12) if scope < 3 else None
        shares = (1.0 if scopes[scope] else None, in_s12, _share(scopes[scope], total))
        scope_pct = analysis.approach_1.by_scope_pct.get(str(scope)) if analysis else None
        total_row(f"รวม{SCOPE_SHORT[scope]} total", lines, scopes[scope], shares, scope_pct)
        row += 1
    s12_lines = [line for line in result.lines if line.scope in (1, 2)]
    total_row("รวมประเภท 1+2 / Scope 1+2 total", s12_lines, s12, (None, 1.0 if s12 else None, _share(s12, total)))
    row += 1
    all_lines = (None, None, 1.0 if total else None)
    total_pct = analysis.approach_1.total_pct if analysis else None
    total_row("รวมประเภท 1+2+3 / Scope 1+2+3 total", list(result.lines), total, all_lines, total_pct)
    texts = {col["activity"], col["label"], col["category"], col["factor"], *((col["evidence"],) if quality else ())}
    wrap = _Wrap(frozenset(texts), header + 1, row)
    row = _separate_block(ws, result, row + 2, col, last)
    put(ws, row + 1, 1, NOTE_EXACT)
    if quality:
        row += 1
        put(ws, row + 1, 1, TIER_NOTE)
    if analysis:
        row += 1
        put(ws, row + 1, 1, UNCERTAINTY_NOTE)

    widths: dict[int, float] = {col[key]: width for key, _, width in layout if width}
    fitted = _FITTED | ({"evidence": _FITTED_EVIDENCE} if quality else {})
    for key, (least, most) in fitted.items():
        texts_in = _column_texts(ws, col[key], header + 1, row)
        widths[col[key]] = _fit([t for t in texts_in if not t.startswith(("รวม", "ไม่มี"))], least, most)
    _finish(ws, widths, landscape_a3=True, wrap=wrap)


def _separate_block(ws: Worksheet, result: InventoryResult, row: int, col: dict[str, int], last: int) -> int:
    """TGO's 'การปล่อย GHG โดยตรงที่ทำการรายงานแยก': what lines report outside the total."""
    from openpyxl.styles import Alignment

    put(ws, row, 1, "การปล่อยก๊าซเรือนกระจกที่รายงานแยก (ไม่รวมในผลรวม) / Reported separately (outside the total)")
    _style_row(ws, row, last, SECTION_FILL)
    row += 1
    found = False
    for line in result.lines:
        for kind, value in line.separately_reported_t_co2e.items():
            found = True
            put(ws, row, col["n"], line.index + 1).alignment = Alignment(horizontal="center")
            put(ws, row, col["scope"], line.scope).alignment = Alignment(horizontal="center")
            put(ws, row, col["activity"], line.activity)
            put(ws, row, col["label"], line_name(line))
            put(ws, row, col["category"], SEPARATE_KINDS.get(kind, kind))
            put(ws, row, col["separate"], value, FMT_TCO2E)
            row += 1
    if not found:
        put(ws, row, col["label"], "ไม่มีรายการ / no lines")
        row += 1
    separate = result.separately_reported_t_co2e
    for kind, value in separate.items():
        put(ws, row, col["label"], f"รวม {SEPARATE_KINDS[kind]}")
        put(ws, row, col["separate"], value, FMT_TCO2E)
        _style_row(ws, row, last, None, bold=False)
        row += 1
    put(ws, row, col["label"], "รวมที่รายงานแยก / Reported separately, total")
    put(ws, row, col["separate"], math.fsum(separate.values()), FMT_TCO2E)
    _style_row(ws, row, last, TOTAL_FILL)
    return row + 1


# --- Fr-05 ---------------------------------------------------------------------------------------


def _summary_sheet(ws: Worksheet, result: InventoryResult) -> None:
    from openpyxl.styles import Alignment

    scopes = scope_totals(result)
    rounded = {scope: round_up(value) for scope, value in scopes.items()}
    total = result.total_t_co2e
    s12 = math.fsum([scopes[1], scopes[2]])
    separate = result.separately_reported_t_co2e

    _title(ws, "Fr-05 สรุปผลการปล่อยก๊าซเรือนกระจก / Summary (TGO Fr-05)")
    header = _info_block(ws, result, 2, full=False)
    _header_row(
        ws,
        header,
        [
            "รายการ\nItem",
            "ปริมาณ tCO2e\n(ค่าจริง / exact)",
            "ปริมาณ tCO2e ปัดขึ้น\n(ROUNDUP, TGO Fr-05)",
            "สัดส่วน\n% of Scope 1+2",
            "สัดส่วน\n% of Scope 1+2+3",
        ],
    )
    row = first_scope = header + 1
    for scope in SCOPES:
        put(ws, row, 1, SCOPE_SHORT[scope])
        put(ws, row, 2, scopes[scope], FMT_TCO2E)
        put(ws, row, 3, rounded[scope], FMT_WHOLE)
        if scope < 3 and s12:
            put(ws, row, 4, scopes[scope] / s12, FMT_SHARE)
        if total:
            put(ws, row, 5, scopes[scope] / total, FMT_SHARE)
        row += 1
    other = math.fsum(separate.values())
    put(ws, row, 1, "อื่น ๆ (รายงานแยก) / Other (reported separately)")
    put(ws, row, 2, other, FMT_TCO2E)
    put(ws, row, 3, round_up(other), FMT_WHOLE)
    row += 1
    for kind, value in separate.items():
        put(ws, row, 1, SEPARATE_KINDS[kind]).alignment = Alignment(horizontal="left", indent=2)
        put(ws, row, 2, value, FMT_TCO2E)
        row += 1
    for label, value, whole, shares in (
        ("รวม Scope 1 & 2", s12, rounded[1] + rounded[2], (1.0 if s12 else None, _share(s12, total))),
        ("รวม Scope 1 & 2 & 3", total, sum(rounded.values()), (None, 1.0 if total else None)),
    ):
        put(ws, row, 1, label)
        put(ws, row, 2, value, FMT_TCO2E)
        put(ws, row, 3, whole, FMT_WHOLE)
        for column, share in zip((4, 5), shares, strict=True):
            if share is not None:
                put(ws, row, column, share, FMT_SHARE)
        _style_row(ws, row, 5, TOTAL_FILL)
        row += 1
    row = _intensity_block(ws, result, row + 1, (s12, total), rounded)
    row, top_header = _largest_block(ws, result, row + 1, total)
    put(ws, row + 1, 1, NOTE_EXACT)
    put(ws, row + 2, 1, "สัดส่วนคิดจากค่าจริง / Shares are of the exact values.")
    _charts(ws, result, (header, first_scope, top_header), total)
    sources = _Wrap(frozenset({1}), top_header + 1, row)
    _finish(ws, {1: 48, 2: 17, 3: 20, 4: 15, 5: 16, 6: 3}, landscape_a3=False, wrap=sources)


def _intensity_block(
    ws: Worksheet, result: InventoryResult, row: int, exact_totals: tuple[float, float], rounded: dict[int, int]
) -> int:
    """TGO Fr-05's carbon intensity: tCO2e per unit of the output the inventory gives."""
    from openpyxl.styles import Alignment

    put(ws, row, 1, "ความเข้มข้นคาร์บอน / Carbon intensity")
    _style_row(ws, row, 5, SECTION_FILL)
    row += 1
    if result.output is None or not result.output[0]:
        put(ws, row, 1, "ไม่ได้ระบุผลผลิต / no output given (add `output:` to the inventory)")
        return row + 1
    amount, unit, _ = result.output
    _header_row(ws, row, ["รายการ\nItem", "ค่าจริง\nexact", "จากค่าปัดขึ้น\nfrom rounded tonnes", "หน่วย\nUnit"])
    row += 1
    for label, value, whole in (
        ("Carbon intensity (Scope 1+2)", exact_totals[0], rounded[1] + rounded[2]),
        ("Carbon intensity (Scope 1+2+3)", exact_totals[1], sum(rounded.values())),
    ):
        put(ws, row, 1, label)
        put(ws, row, 2, value / amount, FMT_TCO2E)
        put(ws, row, 3, whole / amount, FMT_TCO2E)
        put(ws, row, 4, f"tCO2e/{unit}").alignment = Alignment(horizontal="center")
        row += 1
    return row


def _largest_block(ws: Worksheet, result: InventoryResult, row: int, total: float) -> tuple[int, int]:
    """The top sources as a table (the bar chart's data); returns the next row and the header row."""
    from openpyxl.styles import Alignment

    top = largest(result, TOP_SOURCES)
    put(ws, row, 1, f"แหล่งปล่อยหลัก {TOP_SOURCES} อันดับแรก / Largest sources (top {TOP_SOURCES})")
    _style_row(ws, row, 5, SECTION_FILL)
    header = row + 1
    _header_row(ws, header, ["แหล่งปล่อย\nSource", "tCO2e", "ประเภท\nScope", "สัดส่วน\n% of total", "กิจกรรม\nActivity"])
    row = header + 1
    for line in top:
        put(ws, row, 1, line_name(line))
        put(ws, row, 2, line.t_co2e, FMT_TCO2E)
        put(ws, row, 3, line.scope).alignment = Alignment(horizontal="center")
        if total:
            put(ws, row, 4, line.t_co2e / total, FMT_SHARE)
        put(ws, row, 5, line.activity).alignment = Alignment(indent=1)
        row += 1
    return row, header


def _charts(ws: Worksheet, result: InventoryResult, rows: tuple[int, int, int], total: float) -> None:
    """A pie of the scopes (exact values) and a bar chart of the largest sources, drawn from the cells."""
    from openpyxl.chart import BarChart, PieChart, Reference
    from openpyxl.chart.label import DataLabelList

    header, first_scope, top_header = rows
    if total:
        pie = PieChart()
        pie.title = "สัดส่วนตามประเภท / Share by scope"
        pie.add_data(Reference(ws, min_col=2, min_row=header, max_row=first_scope + 2), titles_from_data=True)
        pie.set_categories(Reference(ws, min_col=1, min_row=first_scope, max_row=first_scope + 2))
        pie.dataLabels = DataLabelList()
        pie.dataLabels.showPercent = True
        for shown in ("showVal", "showCatName", "showSerName", "showLegendKey"):
            setattr(pie.dataLabels, shown, False)
        pie.width, pie.height = 13, 8
        ws.add_chart(pie, "G2")
    count = len(largest(result, TOP_SOURCES))
    if count:
        bar = BarChart()
        bar.type = "bar"
        bar.title = "แหล่งปล่อยหลัก / Largest sources (tCO2e)"
        values = Reference(ws, min_col=2, min_row=top_header, max_row=top_header + count)
        bar.add_data(values, titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=top_header + 1, max_row=top_header + count))
        bar.x_axis.scaling.orientation = "maxMin"  # the largest on top ...
        bar.y_axis.crosses = "max"  # ... and the tonnes axis still below
        bar.x_axis.delete = False
        bar.y_axis.delete = False
        bar.y_axis.number_format = FMT_WHOLE
        bar.y_axis.title = "tCO2e"
        bar.legend = None
        bar.width, bar.height = 20, 10
        ws.add_chart(bar, "G19")


# --- Factors -------------------------------------------------------------------------------------


def _factors_sheet(ws: Worksheet, result: InventoryResult) -> None:
    factors: dict[tuple[str, str, str], Factor] = {}
    for line in result.lines:
        factors.setdefault((line.factor.ref, line.factor.key, line.factor.per), line.factor)
    sets = {s.ref: s for s in result.factor_sets}
    gases = gas_order({value.gas for factor in factors.values() for value in factor.gases})
    # the transcription a value was read through, beside the document it comes from: a column of
    # its own where a factor used records one (docs/reports.md)
    verified = any(factor.verified_via for factor in factors.values())
    titles = [
        "ชุด\nSet",
        "รุ่น\nVersion",
        "รหัส\nKey",
        "ชื่อ\nName",
        "ชื่อภาษาไทย\nThai name",
        "ต่อหน่วย\nPer",
        *(f"{_gas(g)}\nkg/หน่วย\n(kg/unit)" for g in gases),
        "GWP ของค่า CO2e\nGWP basis",
        "ค่ารวมที่เผยแพร่\nPublished kgCO2e",
        "ใช้ได้ตั้งแต่\nValid from",
        "ใช้ได้ถึง\nValid to",
        "ค่าความร้อน\nNCV",
        "ความหนาแน่น\nDensity",
        "แหล่งที่มา\nSource",
        *(["ตรวจสอบกับ\nVerified via"] if verified else []),
        "หมายเหตุ\nNotes",
    ]
    _title(ws, "ค่าการปล่อยก๊าซเรือนกระจกที่ใช้ / Emission factors used")
    put(ws, 2, 1, "ค่า kg ต่อหน่วยตามที่เผยแพร่ ไม่ปัดเศษ / kg per unit exactly as published")
    header = 4
    _header_row(ws, header, titles)
    ws.freeze_panes = ws.cell(row=header + 1, column=4)
    ws.print_title_rows = f"{header}:{header}"
    row = header + 1
    for factor in factors.values():
        the_set = sets.get(factor.ref)
        kg = _factor_kg(factor)
        cells: list[tuple[Any, str | None]] = [
            (factor.set_id, None),
            (factor.version, None),
            (factor.key, None),
            (factor.name_en, None),
            (factor.name_th, None),
            (factor.per, None),
            *((kg.get(g), FMT_GENERAL) for g in gases),
            (factor.gwp_basis or (the_set.gwp_basis if the_set else None), None),
            (factor.published_kgco2e, None),
            # a factor without its own dates is valid as long as its set is
            (factor.valid_from or (the_set.valid_from if the_set else None), FMT_DATE),
            (factor.valid_to or (the_set.valid_to if the_set else None), FMT_DATE),
            (factor.ncv, None),
            (factor.density, None),
            (factor.source, None),
            *([(factor.verified_via, None)] if verified else []),
            (factor.notes, None),
        ]
        for column, (value, number_format) in enumerate(cells, start=1):
            if value is not None and value != "":
                put(ws, row, column, value, number_format)
        row += 1
    rest = 7 + len(gases)  # the first column after the gases
    texts = range(rest + 6, rest + 8 + int(verified))  # source, (verified via,) notes
    wrap = _Wrap(frozenset({4, 5, rest + 1, rest + 4, rest + 5, *texts}), header + 1, row)
    _sets_block(ws, result, row + 1)
    widths = {1: 10, 2: 10, 3: 22, 4: 30, 5: 30, 6: 9}
    widths |= {7 + i: NUMBER_WIDTH for i in range(len(gases))}
    widths |= {rest: 13, rest + 1: 14, rest + 2: 12, rest + 3: 12, rest + 4: 14, rest + 5: 14}
    widths |= {column: 60 for column in texts}
    if verified:
        widths[rest + 7] = 40
    _finish(ws, widths, landscape_a3=True, wrap=wrap)


def _sets_block(ws: Worksheet, result: InventoryResult, row: int) -> int:
    """Each factor set's provenance, one field a row, with the full sha256 a verifier can check."""
    from openpyxl.styles import Alignment

    put(ws, row, 1, "ชุดค่าการปล่อย / Factor sets")
    _style_row(ws, row, 6, SECTION_FILL)
    row += 1
    for the_set in result.factor_sets:
        fields: list[tuple[str, Any, str | None]] = [
            ("ชื่อ / Title", the_set.title, None),
            ("ชื่อภาษาไทย / Thai title", the_set.title_th, None),
            ("ผู้เผยแพร่ / Publisher", the_set.publisher, None),
            ("ฉบับ / Edition", the_set.edition, None),
            ("วันที่เผยแพร่ / Published", the_set.published, FMT_DATE),
            ("ใช้ได้ตั้งแต่ / Valid from", the_set.valid_from, FMT_DATE),
            ("ใช้ได้ถึง / Valid to", the_set.valid_to, FMT_DATE),
            ("GWP ของค่า CO2e / GWP basis", the_set.gwp_basis, None),
            ("sha256", the_set.sha256, None),
            ("URL", the_set.url, None),
            ("สัญญาอนุญาต / Licence", the_set.licence, None),
        ]
        put(ws, row, 1, the_set.ref).font = _font(bold=True)
        row += 1
        for label, value, number_format in fields:
            if value is None or value == "":
                continue
            put(ws, row, 1, label).font = _font(bold=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            put(ws, row, 4, value, number_format).alignment = Alignment(horizontal="left")
            row += 1
        row += 1
    return row
