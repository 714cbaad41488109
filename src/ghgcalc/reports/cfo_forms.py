"""TGO's forms Fr-01 (the organisation), Fr-02 (its boundary) and Fr-03 (its emission sources).

They come from the inventory's `organization:` and `indicators:` blocks and from its lines (their
`division:`, `data_quality:` and `evidence:`). What the inventory does not give is a shaded blank to
fill in by hand (report_xlsx.to_fill), never a value made up.

Fr-03's significance is TGO's: a Scope 1 or 2 source is significant (มาก) when it is 5 % or more of
Scope 1+2 and minor (น้อย) below; a Scope 3 source is weighed the same way against Scope 3.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ghgcalc.i18n import N_, tr
from ghgcalc.models.inventory import Person
from ghgcalc.models.result import InventoryResult, Line
from ghgcalc.reports.cfo_text import (
    CONSOLIDATION,
    NOTE_TIER,
    NOTE_TO_FILL,
    SCOPE_TITLES,
    heading,
    local_government,
    period_text,
)
from ghgcalc.reports.markdown import SCOPES, line_name, scope_totals
from ghgcalc.reports.report_xlsx import (
    FMT_FRACTION,
    FMT_SHARE,
    FMT_TCO2E,
    FMT_WHOLE,
    LINE_HEIGHT,
    SECTION_FILL,
    _font,
    _header_row,
    _lines,
    _style_row,
    _title,
    _Wrap,
    form_page,
    keep_together,
    notes,
    output_text,
    put,
    to_fill,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SIGNIFICANT_SHARE = 0.05  # TGO: a source of 5 % or more of Scope 1+2 is significant (มาก)
NOTE_SIGNIFICANCE = N_(
    "Significance (TGO): a Scope 1 or Scope 2 source is significant when it is 5 % or more of Scope 1+2 "
    "and minor below 5 %; a Scope 3 source is weighed the same way against Scope 3 (its magnitude only: "
    "TGO's Scope 3 screening also weighs influence, risk or opportunity, sector guidance, outsourcing and "
    "staff engagement, which the inventory does not give). A source reported separately (outside the "
    "total, e.g. R-22) gets no mark."
)
FORM_WIDTHS = {1: 38, 2: 34, 3: 34, 4: 34}
BOUNDARY_WIDTHS = {1: 6, 2: 40, 3: 44, 4: 50}
BLANK_HEIGHT = 24  # points: a row left blank to write in by hand
SOURCE_LINES = 12  # lines of Fr-02's list of sources in one row, about: two rows print on a page
CELL_LIMIT = 32_767  # characters an Excel cell holds


def significance(line: Line, scopes: dict[int, float]) -> tuple[float | None, str | None]:
    """A line's share of Scope 1+2 (Scope 1 and 2 lines) or of Scope 3, and TGO's mark for it
    (N_-marked English: "significant" or "minor"); no mark when the whole is zero or the line counts
    nothing in the total."""
    whole = math.fsum([scopes[1], scopes[2]]) if line.scope in (1, 2) else scopes[3]
    if not whole or not line.t_co2e:
        return None, None
    share = line.t_co2e / whole
    # a share is compared at 12 decimals: 5/100 computed in floating point must count as 5 %
    return share, N_("significant") if round(share, 12) >= SIGNIFICANT_SHARE else N_("minor")


# --- Fr-01 ---------------------------------------------------------------------------------------


def _field(ws: Worksheet, row: int, label: str, value: Any, number_format: str | None = None, label_to: int = 1) -> int:
    """One field of a form: its label (across columns 1 to `label_to`), and its value across the rest
    of the form's four columns, or a blank to fill, high enough to write in."""
    from openpyxl.styles import Alignment

    put(ws, row, 1, label).font = _font(bold=True)
    ws.cell(row=row, column=1).alignment = Alignment(vertical="top", wrap_text=True)
    if label_to > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=label_to)
    if value is None or value == "":
        to_fill(ws, row, label_to + 1, 4)
        ws.row_dimensions[row].height = BLANK_HEIGHT
    else:
        cell = put(ws, row, label_to + 1, value, number_format)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=label_to + 1, end_row=row, end_column=4)
    return row + 1


def _person(person: Person | None) -> str | None:
    if person is None:
        return None
    return tr("{name}, {position}", name=person.name, position=person.position) if person.position else person.name


def organisation_sheet(ws: Worksheet, result: InventoryResult) -> None:
    """Fr-01: who reports, for which period, against which base year and output."""
    organisation = result.organization
    indicators = result.indicators
    _title(ws, tr("Fr-01 Organisation details"))
    row = 3
    sections = [row]
    put(ws, row, 1, tr("The organisation"))
    _style_row(ws, row, 4, SECTION_FILL)
    row = _field(ws, row + 1, tr("Name of the organisation"), result.name)
    row = _field(ws, row, tr("Type of local government"), local_government(organisation.type if organisation else None))
    row = _field(ws, row, tr("Local government code"), organisation.code if organisation else None)
    row = _field(ws, row, tr("Address"), organisation.address if organisation else None)
    row = _field(ws, row, tr("Province"), organisation.province if organisation else None)
    row = _field(ws, row, tr("Number of staff"), indicators.get("staff"), FMT_WHOLE)
    row = _field(ws, row, tr("Area (km²)"), indicators.get("area_km2"), FMT_FRACTION)
    row = _field(ws, row, tr("Population served"), indicators.get("population"), FMT_WHOLE)
    sections.append(row + 1)
    put(ws, row + 1, 1, tr("The inventory"))
    _style_row(ws, row + 1, 4, SECTION_FILL)
    row = _field(ws, row + 2, tr("Reporting period"), period_text(result.period))
    row = _field(ws, row, tr("Base year"), _base_year(result))
    row = _field(ws, row, tr("Output (for the carbon intensity)"), output_text(result))
    unit = tr("tCO2e per {unit}", unit=result.output[1]) if result.output else None
    row = _field(ws, row, tr("Intensity unit"), unit)
    if result.base is not None:
        row = _field(ws, row, tr("Output in the base year"), output_text(result.base))
    sections.append(row + 1)
    put(ws, row + 1, 1, tr("People"))
    _style_row(ws, row + 1, 4, SECTION_FILL)
    contact = organisation.contact if organisation else None
    row = _field(ws, row + 2, tr("Prepared by"), _person(organisation.preparer if organisation else None))
    row = _field(ws, row, tr("Contact person"), _person(contact))
    row = _field(ws, row, tr("Telephone"), contact.phone if contact else None)
    row = _field(ws, row, tr("E-mail"), contact.email if contact else None)
    notes(ws, row + 1, [tr(NOTE_TO_FILL)], list(FORM_WIDTHS.values()))
    form_page(ws, FORM_WIDTHS)
    keep_together(ws, list(zip(sections, [*(start - 2 for start in sections[1:]), row], strict=True)))


def _base_year(result: InventoryResult) -> str | None:
    """The base year as `organization:` names it; the base-year inventory's period (--base) when it
    names none; both when they differ, for the verifier to see."""
    named = result.organization.base_year if result.organization else None
    given = result.base.period if result.base is not None else None
    if named is None:
        return period_text(given) if given is not None else None
    if given is None or (given.start, given.end) == (named.start, named.end):
        return period_text(named)
    return tr(
        "{named}; the base-year inventory given covers {given}", named=period_text(named), given=period_text(given)
    )


# --- Fr-02 ---------------------------------------------------------------------------------------


def boundary_sheet(ws: Worksheet, result: InventoryResult) -> None:
    """Fr-02: the consolidation approach, the facilities and sites in the boundary, what is left out
    and why, and the sources in the boundary by scope."""
    from openpyxl.styles import Alignment

    organisation = result.organization
    _title(ws, tr("Fr-02 Organisational boundary"))
    row = _field(ws, 3, tr("Name of the organisation"), result.name, label_to=2)
    row = _field(ws, row, tr("Reporting period"), period_text(result.period), label_to=2)
    approach = tr(CONSOLIDATION[organisation.consolidation]) if organisation else None
    row = _field(ws, row, tr("Consolidation approach"), approach, label_to=2)

    row += 1
    sections = [row]
    put(ws, row, 1, tr("Facilities and sites in the boundary"))
    _style_row(ws, row, 4, SECTION_FILL)
    _header_row(
        ws, row + 1, [heading(N_("#")), heading(N_("Facility or site")), heading(N_("Address")), heading(N_("Note"))]
    )
    table_start = row + 1
    row += 2
    facilities = organisation.facilities if organisation else []
    for number, facility in enumerate(facilities, start=1):
        for column, value in enumerate((number, facility.name, facility.address, facility.note), start=1):
            if value:
                put(ws, row, column, value)
        row += 1
    if not facilities:
        for number in (1, 2, 3):
            put(ws, row, 1, number)
            for column in (2, 3, 4):
                to_fill(ws, row, column)
            ws.row_dimensions[row].height = BLANK_HEIGHT
            row += 1

    row += 1
    sections.append(row)
    put(ws, row, 1, tr("Left out of the boundary or the inventory, and why"))
    _style_row(ws, row, 4, SECTION_FILL)
    _header_row(ws, row + 1, [heading(N_("#")), heading(N_("What is left out")), heading(N_("Why")), ""])
    row += 2
    excluded = organisation.excluded if organisation else []
    for number, exclusion in enumerate(excluded, start=1):
        put(ws, row, 1, number)
        put(ws, row, 2, exclusion.what)
        put(ws, row, 3, exclusion.why)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        row += 1
    if not excluded:
        for number in (1, 2):
            put(ws, row, 1, number)
            to_fill(ws, row, 2)
            to_fill(ws, row, 3, 4)
            ws.row_dimensions[row].height = BLANK_HEIGHT
            row += 1
        put(ws, row, 2, tr("(write “none” if nothing is left out)"))
        row += 1

    row += 1
    sections.append(row)
    put(ws, row, 1, tr("Sources in the boundary, by scope (each listed in Fr-03)"))
    _style_row(ws, row, 4, SECTION_FILL)
    _header_row(ws, row + 1, [heading(N_("Scope")), "", heading(N_("Emission sources")), ""])
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=2)
    ws.merge_cells(start_row=row + 1, start_column=3, end_row=row + 1, end_column=4)
    row += 2
    for scope in SCOPES:
        lines = [line for line in result.lines if line.scope == scope]
        names = list(dict.fromkeys(line_name(line) for line in lines))
        width = BOUNDARY_WIDTHS[3] + BOUNDARY_WIDTHS[4]
        for number, names_text in enumerate(source_rows(names, width) or [tr("no lines")]):
            title = tr(SCOPE_TITLES[scope])
            label = tr("{scope} ({count} lines)", scope=title, count=len(lines))
            put(ws, row, 1, tr("{scope} (continued)", scope=title) if number else label)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            put(ws, row, 3, names_text)
            needed = _lines(names_text, width, False)
            if needed >= 5:  # a tenth more room: a name at the foot of a long list is never cut off
                ws.row_dimensions[row].height = LINE_HEIGHT * (needed + math.ceil(needed / 10)) + 3
            ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
            for column in (1, 3):
                ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    notes(ws, row + 1, [tr(NOTE_TO_FILL)], list(BOUNDARY_WIDTHS.values()))
    form_page(ws, BOUNDARY_WIDTHS, _Wrap(frozenset({2, 3, 4}), table_start, row))
    keep_together(ws, list(zip(sections, [*(start - 2 for start in sections[1:]), row], strict=True)))


def source_rows(names: list[str], width: float) -> list[str]:
    """The names of a scope's sources, "; " between them, in as many rows as they need: each row at most
    SOURCE_LINES lines of `width` high (well within a printed page and Excel's 409 points a row, and
    within the 32,767 characters of a cell), so that every name prints whole; a name is never cut (one
    that alone takes more lines has a row of its own)."""
    rows: list[str] = []
    current: list[str] = []
    for name in names:
        candidate = "; ".join([*current, name])
        if current and (_lines(candidate, width, False) > SOURCE_LINES or len(candidate) > CELL_LIMIT):
            rows.append("; ".join(current))
            current = [name]
        else:
            current.append(name)
    if current:
        rows.append("; ".join(current))
    return rows


# --- Fr-03 ---------------------------------------------------------------------------------------

SOURCE_WIDTHS = {1: 6, 2: 9, 3: 30, 4: 16, 5: 22, 6: 12, 7: 28, 8: 15, 9: 12, 10: 14}


def sources_sheet(ws: Worksheet, result: InventoryResult) -> None:
    """Fr-03: every source with its scope, the division responsible, where its data come from (TGO's
    tier and the evidence) and TGO's significance mark."""
    from openpyxl.styles import Alignment

    scopes = scope_totals(result)
    _title(ws, tr("Fr-03 Emission sources and responsibilities"))
    row = 2
    for label, value in ((tr("Name"), result.name), (tr("Reporting period"), period_text(result.period))):
        put(ws, row, 1, label).font = _font(bold=True)
        put(ws, row, 4, value)
        row += 1
    header = row + 1
    _header_row(
        ws,
        header,
        [
            heading(N_("#")),
            heading(N_("Scope")),
            heading(N_("Emission source")),
            heading(N_("Activity")),
            heading(N_("Responsible division")),
            heading(N_("Data source\n(TGO tier)")),
            heading(N_("Evidence / reference")),
            heading(N_("Total GHG\n(tCO2e)")),
            heading(N_("Share of\nScope 1+2 or 3")),
            heading(N_("Significance")),
        ],
    )
    ws.freeze_panes = ws.cell(row=header + 1, column=4)
    row = header + 1
    center = Alignment(horizontal="center", vertical="top")
    sections = []
    for scope in SCOPES:
        sections.append(row)
        put(ws, row, 1, tr(SCOPE_TITLES[scope]))
        _style_row(ws, row, len(SOURCE_WIDTHS), SECTION_FILL)
        row += 1
        if not any(line.scope == scope for line in result.lines):  # a scope's heading never stands alone
            put(ws, row, 3, tr("no lines"))
            row += 1
        for line in (line for line in result.lines if line.scope == scope):
            share, mark = significance(line, scopes)
            put(ws, row, 1, line.index + 1).alignment = center
            put(ws, row, 2, line.scope).alignment = center
            put(ws, row, 3, line_name(line))
            put(ws, row, 4, line.activity)
            tier = line.data_quality.source if line.data_quality else None
            for column, given in ((5, line.division), (6, tier), (7, line.evidence)):
                if given:
                    put(ws, row, column, given)
                else:
                    to_fill(ws, row, column)
            ws.cell(row=row, column=6).alignment = center
            put(ws, row, 8, line.t_co2e, FMT_TCO2E)
            if share is not None:
                put(ws, row, 9, share, FMT_SHARE)
            if mark is not None:
                cell = put(ws, row, 10, tr(mark))
                cell.alignment = center
                cell.font = _font(bold=mark == "significant")
            elif line.separately_reported_t_co2e:
                put(ws, row, 10, tr("reported separately")).alignment = center
            row += 1
    end = row
    texts = [tr(NOTE_SIGNIFICANCE), tr(NOTE_TIER), tr(NOTE_TO_FILL)]
    notes(ws, row + 1, texts, list(SOURCE_WIDTHS.values()))
    form_page(ws, SOURCE_WIDTHS, _Wrap(frozenset({3, 4, 5, 7, 10}), header + 1, end), header_rows=f"{header}:{header}")
    keep_together(ws, list(zip(sections, [*(start - 1 for start in sections[1:]), end - 1], strict=True)))
