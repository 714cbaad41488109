"""TGO Fr-04.1, the quantification of the reporting year, and Fr-04.2, the same for the base year.

TGO's form has every column of a line in one row: the activity data, the factor of each gas and its
GWP, the total factor, the data-source tier and reference, the tonnes and tCO2e of each gas, the
total and the shares. Printed on one page that is type too small to read, so the columns here are
the same but grouped into blocks, each starting a printed page (report_xlsx.page_blocks):

1. the quantification: #, scope, the source, the quantity in the factor's unit, the total factor,
   TGO's tier and evidence, tCO2e, the uncertainty (with --uncertainty) and the shares;
2. the activity data and factor as the inventory gives them, and what is reported separately;
3. per gas: the factor (kg per unit), the GWP, the tonnes and the tCO2e.

#, scope and the source's name are the print-title columns, so every page names its lines, and the
block titles and column headings repeat at the top of every page.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ghgcalc import __version__
from ghgcalc.core.edition_gwp import EDITION_GWP, result_weights
from ghgcalc.i18n import N_, tr
from ghgcalc.models.result import InventoryResult, Line
from ghgcalc.reports.cfo_text import (
    NOTE_EXACT,
    SCOPE_TITLES,
    SCOPE_TOTALS,
    SEPARATE_KINDS,
    heading,
    period_text,
)
from ghgcalc.reports.markdown import SCOPES, line_name, scope_totals
from ghgcalc.reports.report_xlsx import (
    FMT_FACTOR,
    FMT_GAS_T,
    FMT_PCT_NUMBER,
    FMT_SHARE,
    FMT_TCO2E,
    HEADER_FILL,
    LINE_HEIGHT,
    NUMBER_WIDTH,
    SECTION_FILL,
    TOTAL_FILL,
    _amount_format,
    _factor_kg,
    _finish,
    _fit,
    _font,
    _gas,
    _header_row,
    _lines,
    _share,
    _style_row,
    _title,
    _Wrap,
    factor_sets_text,
    gas_order,
    keep_together,
    notes,
    output_text,
    page_blocks,
    put,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TITLE_COLUMNS = 3  # #, scope and the source: repeated on every printed page
NOTE_UNCERTAINTY = N_(
    "Uncertainty: half the 95 % confidence interval in % of the value, IPCC 2006 Vol.1 Ch.3 "
    "Approach 1 (Eq. 3.1 for a line, Eq. 3.2 for the totals); see the Uncertainty sheet."
)
NOTE_BLOCKS = N_(
    "TGO's Fr-04.1 has these columns in one row; here they are grouped to print legibly: the "
    "quantification, then the activity data and factor as the inventory gives them, then for each gas "
    "its factor, GWP, tonnes and tCO2e. The line number, scope and source repeat on every page."
)
# (block title, [(key, heading, width; 0 = fitted to the text)])
Column = tuple[str, str, float]


def _blocks(gases: list[str], quality: bool, uncertainty: bool) -> list[tuple[str, list[Column]]]:
    main: list[Column] = [
        ("n", heading(N_("#")), 6),
        ("scope", heading(N_("Scope")), 9),
        ("label", heading(N_("Description")), 0),
        ("quantity_per", heading(N_("Quantity")), NUMBER_WIDTH),
        ("per", heading(N_("Unit")), 0),
        ("total_ef", heading(N_("Total EF\n(kgCO2e/unit)")), 13),
    ]
    if quality:
        main += [
            ("tier", heading(N_("Data source\n(TGO tier)")), 11),
            ("evidence", heading(N_("Evidence / reference")), 0),
        ]
    main.append(("t_co2e", heading(N_("Total GHG\n(tCO2e)")), NUMBER_WIDTH + 1))
    if uncertainty:
        main.append(("uncertainty", heading(N_("Uncertainty\n± % (95 %)")), 12))
    main += [
        ("share_scope", heading(N_("% of scope")), 11),
        ("share_s12", heading(N_("% of S1+2")), 11),
        ("share_total", heading(N_("% of S1+2+3")), 11),
    ]
    detail: list[Column] = [
        ("activity", heading(N_("Activity")), 0),
        ("category", heading(N_("Category")), 0),
        ("quantity", heading(N_("Quantity as written")), NUMBER_WIDTH),
        ("unit", heading(N_("Unit as written")), 0),
        ("factor", heading(N_("Factor (set@version key)")), 0),
        ("separate", heading(N_("Reported separately\n(tCO2e)")), NUMBER_WIDTH),
    ]
    return [
        (tr("Quantification (TGO Fr-04.1)"), main),
        (tr("Activity data and factor as the inventory gives them"), detail),
        (
            tr("Emission factor of each gas (kg per unit)"),
            [(f"ef:{g}", heading(N_("EF {gas}\n(kg/unit)"), gas=_gas(g)), NUMBER_WIDTH) for g in gases],
        ),
        (tr("GWP of each gas"), [(f"gwp:{g}", heading(N_("GWP\n{gas}"), gas=_gas(g)), 10) for g in gases]),
        (
            tr("Mass of each gas (tonnes)"),
            [(f"t:{g}", heading(N_("{gas}\n(t)"), gas=_gas(g)), NUMBER_WIDTH) for g in gases],
        ),
        (
            tr("tCO2e of each gas"),
            [(f"co2e:{g}", heading(N_("{gas}\n(tCO2e)"), gas=_gas(g)), NUMBER_WIDTH) for g in gases],
        ),
    ]


# With the uncertainty column, the description and evidence wrap a little sooner so that the
# quantification block keeps to one page's width (else its last share column prints on a page alone).
_NARROWER = {"label": (22, 30), "evidence": (16, 26)}
_FITTED = {
    "label": (22, 34),
    "per": (8, 12),
    "evidence": (16, 30),
    "activity": (12, 24),
    "category": (10, 22),
    "unit": (8, 14),
    "factor": (18, 34),
}


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
        "total_ef": (line.t_co2e * 1000 / per_amount if per_amount else None, FMT_FACTOR),
        "t_co2e": (line.t_co2e, FMT_TCO2E),
        "separate": (math.fsum(separate.values()) if separate else None, FMT_TCO2E),
        "share_scope": (_share(line.t_co2e, scopes[line.scope]), FMT_SHARE),
        "share_s12": (_share(line.t_co2e, s12) if line.scope in (1, 2) else None, FMT_SHARE),
        "share_total": (_share(line.t_co2e, total), FMT_SHARE),
        "tier": (line.data_quality.source if line.data_quality else None, None),
        "evidence": (line.evidence, None),
    }
    values |= {f"ef:{gas}": (kg, FMT_FACTOR) for gas, kg in _factor_kg(line.factor).items()}
    values |= {f"gwp:{gas}": (gwp, _amount_format(gwp)) for gas, gwp in line.gwp.items()}
    values |= {f"t:{gas}": (tonnes, FMT_GAS_T) for gas, tonnes in line.gases_t.items()}
    values |= {f"co2e:{gas}": (tonnes, FMT_TCO2E) for gas, tonnes in line.t_co2e_by_gas.items() if tonnes}
    return values


def quantification_sheet(ws: Worksheet, result: InventoryResult, base_year: bool) -> None:
    """Fr-04.1 for the reporting year, or (base_year) Fr-04.2 for the base year's result."""
    from openpyxl.styles import Alignment, PatternFill

    gases = gas_order({gas for line in result.lines for gas in line.gases_t})
    analysis = result.analysis
    quality = analysis is not None or any(line.data_quality or line.evidence for line in result.lines)
    blocks = _blocks(gases, quality, analysis is not None)
    layout = [column for _, columns in blocks for column in columns]
    col = {key: number for number, (key, _, _) in enumerate(layout, start=1)}
    last = len(layout)
    spread = {row.index: row.combined_pct for row in analysis.approach_1.lines} if analysis else {}
    scopes = scope_totals(result)
    total = result.total_t_co2e
    s12 = math.fsum([scopes[1], scopes[2]])

    _title(ws, tr("Fr-04.2 GHG quantification, base year") if base_year else tr("Fr-04.1 GHG quantification"))
    band = _info(ws, result) + 1
    header = band + 1
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for number, (name, columns) in enumerate(blocks):
        first = col[columns[0][0]] if columns else None
        if first is None:
            continue
        if number == 0:
            first = col["quantity_per"]  # the title columns are repeated; the block's title after them
        put(ws, band, first, name).font = _font(bold=True)
        for column in range(col[columns[0][0]], col[columns[-1][0]] + 1):
            ws.cell(row=band, column=column).fill = fill
    _header_row(ws, header, [title for _, title, _ in layout])
    ws.freeze_panes = ws.cell(row=header + 1, column=TITLE_COLUMNS + 1)
    ws.print_title_rows = f"{band}:{header}"
    row = header + 1

    def total_row(
        label: str, lines: list[Line], t_co2e: float, shares: tuple[float | None, ...], pct: float | None
    ) -> None:
        put(ws, row, col["label"], label)
        if pct is not None and "uncertainty" in col:
            put(ws, row, col["uncertainty"], pct, FMT_PCT_NUMBER)
        for gas in gases:
            tonnes = [line.gases_t[gas] for line in lines if gas in line.gases_t]
            if tonnes:
                put(ws, row, col[f"t:{gas}"], math.fsum(tonnes), FMT_GAS_T)
            weighted = [line.t_co2e_by_gas[gas] for line in lines if line.t_co2e_by_gas.get(gas)]
            if weighted:
                put(ws, row, col[f"co2e:{gas}"], math.fsum(weighted), FMT_TCO2E)
        put(ws, row, col["t_co2e"], t_co2e, FMT_TCO2E)
        separate = [value for line in lines for value in line.separately_reported_t_co2e.values()]
        if separate:
            put(ws, row, col["separate"], math.fsum(separate), FMT_TCO2E)
        for key, share in zip(("share_scope", "share_s12", "share_total"), shares, strict=True):
            if share is not None:
                put(ws, row, col[key], share, FMT_SHARE)
        _style_row(ws, row, last, TOTAL_FILL)

    center = Alignment(horizontal="center", vertical="top")
    line_rows: list[int] = []  # the rows of lines, whose texts the fitted columns are fitted to
    sections: list[tuple[int, int]] = []  # a scope's rows, kept on one page where they fit
    for scope in SCOPES:
        lines = [line for line in result.lines if line.scope == scope]
        section = row
        put(ws, row, 1, tr(SCOPE_TITLES[scope]))
        _style_row(ws, row, last, SECTION_FILL)
        row += 1
        for line in lines:
            for key, (value, number_format) in _line_values(line, scopes, s12, total).items():
                if value is not None and key in col:
                    put(ws, row, col[key], value, number_format)
            if line.index in spread and "uncertainty" in col:
                put(ws, row, col["uncertainty"], spread[line.index], FMT_PCT_NUMBER)
            for key in ("n", "scope", "tier"):
                if key in col:
                    ws.cell(row=row, column=col[key]).alignment = center
            line_rows.append(row)
            row += 1
        if not lines:
            put(ws, row, col["label"], tr("no lines"))
            row += 1
        in_s12 = _share(scopes[scope], s12) if scope < 3 else None
        shares = (1.0 if scopes[scope] else None, in_s12, _share(scopes[scope], total))
        scope_pct = analysis.approach_1.by_scope_pct.get(str(scope)) if analysis else None
        total_row(tr(SCOPE_TOTALS[scope]), lines, scopes[scope], shares, scope_pct)
        sections.append((section, row))
        row += 1
    s12_lines = [line for line in result.lines if line.scope in (1, 2)]
    total_row(tr("Scope 1+2 total"), s12_lines, s12, (None, 1.0 if s12 else None, _share(s12, total)), None)
    row += 1
    total_pct = analysis.approach_1.total_pct if analysis else None
    total_row(tr("Scope 1+2+3 total"), list(result.lines), total, (None, None, 1.0 if total else None), total_pct)
    sections[-1] = (sections[-1][0], row)  # the totals of scopes 1+2 and 1+2+3 print with scope 3's
    separate_start = row + 2
    row = _separate_block(ws, result, separate_start, col, last)
    sections.append((separate_start, row - 1))

    widths: dict[int, float] = {col[key]: width for key, _, width in layout if width}
    for key, (least, most) in _FITTED.items():
        if key in col:
            if key in _NARROWER and "uncertainty" in col:  # room for the uncertainty column on the page
                least, most = _NARROWER[key]
            texts = [str(ws.cell(row=r, column=col[key]).value or "") for r in line_rows]
            widths[col[key]] = _fit(texts, least, most)
    texts = [tr(NOTE_EXACT), tr(NOTE_BLOCKS)]
    if analysis:
        texts.append(tr(NOTE_UNCERTAINTY))
    # the notes within the title columns, which every printed page repeats: whole on each page; they
    # print with the block above them, never alone on a page under the repeated headings
    after = notes(ws, row + 1, texts, [widths[column] for column in range(1, TITLE_COLUMNS + 1)])
    sections[-1] = (sections[-1][0], after - 1)
    for number in range(2, band - 1):  # the header block: wrapped in narrow columns, sized as if bold
        label, value = (str(ws.cell(row=number, column=column).value or "") for column in (1, 3))
        needed = max(_lines(label, widths[1] + widths[2], True), _lines(value, widths[3], True))
        ws.row_dimensions[number].height = LINE_HEIGHT * needed + 3
    wrap_keys = ("label", "activity", "category", "factor", "evidence")
    wrap = _Wrap(frozenset(col[key] for key in wrap_keys if key in col), header + 1, row)
    widths = _finish(ws, widths, landscape_a3=False, wrap=wrap)
    page_blocks(
        ws, widths, [[col[key] for key, _, _ in columns] for _, columns in blocks if columns], TITLE_COLUMNS, "A4"
    )
    keep_together(ws, sections)


def _info(ws: Worksheet, result: InventoryResult) -> int:
    """Name, period, GWP, factor sets, output and source, within the title columns (#, scope, source)
    that every printed page repeats: the label across the first two, the value in the third, both
    wrapped. Returns the last row."""
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    rows = [
        (tr("Name"), result.name),
        (tr("Reporting period"), period_text(result.period)),
        (tr("GWP set"), tr("{gwp} (IPCC, 100-year)", gwp=result.gwp)),
        (tr(EDITION_GWP), result_weights(result) or None),  # the weights the GWP columns show
        (tr("Factor sets"), factor_sets_text(result)),
        (tr("Output"), output_text(result)),
        (tr("Source file"), tr("{source} (ghgcalc {version})", source=result.source, version=__version__)),
    ]
    row = 2
    for label, value in rows:
        if value is None:
            continue
        cell = put(ws, row, 1, label)
        cell.font = _font(bold=True)
        cell.alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        put(ws, row, 3, value).alignment = wrap
        row += 1
    return row


def _separate_block(ws: Worksheet, result: InventoryResult, row: int, col: dict[str, int], last: int) -> int:
    """TGO's 'การปล่อย GHG โดยตรงที่ทำการรายงานแยก': what lines report outside the total."""
    from openpyxl.styles import Alignment

    put(ws, row, 1, tr("Reported separately (outside the total)"))
    _style_row(ws, row, last, SECTION_FILL)
    row += 1
    found = False
    for line in result.lines:
        for kind, value in line.separately_reported_t_co2e.items():
            found = True
            put(ws, row, col["n"], line.index + 1).alignment = Alignment(horizontal="center")
            put(ws, row, col["scope"], line.scope).alignment = Alignment(horizontal="center")
            put(ws, row, col["activity"], line.activity)
            put(
                ws,
                row,
                col["label"],
                tr("{line}: {kind}", line=line_name(line), kind=tr(SEPARATE_KINDS.get(kind, kind))),
            )
            put(ws, row, col["category"], tr(SEPARATE_KINDS.get(kind, kind)))
            # the quantity and the kgCO2e per unit it is reported with, so that the tonnes can be
            # recomputed here (the line's own total EF counts only what is in the total: 0 for R-22)
            per_amount = line.amount * line.conversion
            put(ws, row, col["quantity_per"], per_amount, _amount_format(per_amount))
            put(ws, row, col["per"], line.factor.per)
            if per_amount:
                put(ws, row, col["total_ef"], value * 1000 / per_amount, FMT_FACTOR)
            put(ws, row, col["t_co2e"], value, FMT_TCO2E)
            put(ws, row, col["separate"], value, FMT_TCO2E)
            row += 1
    if not found:
        put(ws, row, col["label"], tr("no lines"))
        row += 1
    separate = result.separately_reported_t_co2e
    for kind, value in separate.items():
        put(ws, row, col["label"], tr("Total: {kind}", kind=tr(SEPARATE_KINDS[kind])))
        put(ws, row, col["t_co2e"], value, FMT_TCO2E)
        put(ws, row, col["separate"], value, FMT_TCO2E)
        _style_row(ws, row, last, None, bold=False)
        row += 1
    put(ws, row, col["label"], tr("Reported separately, total"))
    put(ws, row, col["t_co2e"], math.fsum(separate.values()), FMT_TCO2E)
    put(ws, row, col["separate"], math.fsum(separate.values()), FMT_TCO2E)
    _style_row(ws, row, last, TOTAL_FILL)
    return row + 1
