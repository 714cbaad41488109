"""The factors sheet: every emission factor the inventory used, cited from its publisher's document
first (the set's publisher, title and edition, then the table, page or sheet row the value is read
from), then the transcription it was read through or checked against (`verified_via`), in a column of
its own where any factor used records one; then the values (kg of each gas per unit, as published),
and below, each factor set's provenance with the full sha256 a verifier can check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ghgcalc.i18n import N_, language, tr
from ghgcalc.io.factor_names import factor_name
from ghgcalc.models.factor import Factor, FactorSet
from ghgcalc.models.result import InventoryResult
from ghgcalc.reports.cfo_text import date_text, heading
from ghgcalc.reports.report_xlsx import (
    FMT_FACTOR,
    HEADER_FILL,
    NUMBER_WIDTH,
    SECTION_FILL,
    _factor_kg,
    _finish,
    _font,
    _gas,
    _header_row,
    _style_row,
    _title,
    _Wrap,
    gas_order,
    page_blocks,
    put,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TITLE_COLUMNS = 3  # set, version and key: repeated on every printed page
# The heading of the column of each factor's place in its document: fixed in both languages, as
# scripts and tests/cli/test_provenance.py read it (the catalog's "Source" is a shorter Thai word).
SOURCE_HEADING = "แหล่งที่มา\nSource"


def document(factor: Factor, the_set: FactorSet | None) -> str:
    """The publisher's document a factor comes from: publisher, title and edition of its set."""
    if the_set is None:
        return tr("defined in the inventory (custom factor)")
    title = the_set.title_th if language() == "th" and the_set.title_th else the_set.title
    parts = [the_set.publisher, title]
    if the_set.edition:
        parts.append(the_set.edition)
    return ". ".join(part.rstrip(".") for part in parts if part)


def factors_sheet(ws: Worksheet, result: InventoryResult) -> None:
    from openpyxl.styles import PatternFill

    factors: dict[tuple[str, str, str], Factor] = {}
    for line in result.lines:
        factors.setdefault((line.factor.ref, line.factor.key, line.factor.per), line.factor)
    sets = {s.ref: s for s in result.factor_sets}
    gases = gas_order({value.gas for factor in factors.values() for value in factor.gases})
    verified = any(factor.verified_via for factor in factors.values())
    cited: list[tuple[str, float]] = [
        (heading(N_("Set")), 11),
        (heading(N_("Version")), 10),
        (heading(N_("Key")), 22),
        (heading(N_("Name")), 26),
        (heading(N_("Per")), 9),
        (heading(N_("Document (publisher, title, edition)")), 34),
        (SOURCE_HEADING, 56),
        *([(heading(N_("Verified via")), 30)] if verified else []),
    ]
    values: list[tuple[str, float]] = [
        *((heading(N_("{gas}\n(kg/unit)"), gas=_gas(g)), NUMBER_WIDTH) for g in gases),
        (heading(N_("GWP basis")), 12),
        (heading(N_("Published kgCO2e")), 13),
        (heading(N_("Valid from")), 13),
        (heading(N_("Valid to")), 13),
        (heading(N_("NCV")), 14),
        (heading(N_("Density")), 14),
        (heading(N_("Notes")), 60),
    ]
    titles = [title for title, _ in cited + values]
    widths = {column: width for column, (_, width) in enumerate(cited + values, start=1)}
    _title(ws, tr("Emission factors used, and the documents they are cited from"))
    put(ws, 2, 1, tr("kg per unit exactly as published; each factor's document first, then the table, page or row"))
    band = 4
    header = band + 1
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    put(ws, band, TITLE_COLUMNS + 1, tr("Where the factor comes from")).font = _font(bold=True)
    put(ws, band, len(cited) + 1, tr("The factor as published")).font = _font(bold=True)
    for column in range(TITLE_COLUMNS + 1, len(titles) + 1):
        ws.cell(row=band, column=column).fill = fill
    _header_row(ws, header, titles)
    ws.freeze_panes = ws.cell(row=header + 1, column=TITLE_COLUMNS + 1)
    ws.print_title_rows = f"{band}:{header}"
    row = header + 1
    for factor in factors.values():
        the_set = sets.get(factor.ref)
        kg = _factor_kg(factor)
        name = factor_name(factor)
        cells: list[tuple[Any, str | None]] = [
            (factor.set_id, None),
            (factor.version, None),
            (factor.key, None),
            (name, None),
            (factor.per, None),
            (document(factor, the_set), None),
            (factor.source, None),
            *([(factor.verified_via, None)] if verified else []),
            *((kg.get(g), FMT_FACTOR) for g in gases),
            (factor.gwp_basis or (the_set.gwp_basis if the_set else None), None),
            (factor.published_kgco2e, None),
            # a factor without its own dates is valid as long as its set is
            (date_text(factor.valid_from or (the_set.valid_from if the_set else None), result.period), None),
            (date_text(factor.valid_to or (the_set.valid_to if the_set else None), result.period), None),
            (factor.ncv, None),
            (factor.density, None),
            (factor.notes, None),
        ]
        for column, (value, number_format) in enumerate(cells, start=1):
            if value is not None and value != "":
                put(ws, row, column, value, number_format)
        row += 1
    texts = {4, 6, 7, *([8] if verified else []), len(titles), len(titles) - 1, len(titles) - 2}
    wrap = _Wrap(frozenset(texts), header + 1, row)
    _sets_block(ws, result, row + 1)
    widths = _finish(ws, widths, landscape_a3=False, wrap=wrap)
    blocks = [list(range(1, len(cited) + 1)), list(range(len(cited) + 1, len(titles) + 1))]
    page_blocks(ws, widths, blocks, TITLE_COLUMNS, "A4")


def _sets_block(ws: Worksheet, result: InventoryResult, row: int) -> int:
    """Each factor set's provenance, one field a row, with the full sha256 a verifier can check."""
    from openpyxl.styles import Alignment

    put(ws, row, 1, tr("Factor sets"))
    _style_row(ws, row, 7, SECTION_FILL)
    row += 1
    period = result.period
    for the_set in result.factor_sets:
        fields: list[tuple[str, Any]] = [
            (tr("Title"), the_set.title),
            (tr("Thai title"), the_set.title_th),
            (tr("Publisher"), the_set.publisher),
            (tr("Edition"), the_set.edition),
            (tr("Published"), date_text(the_set.published, period)),
            (tr("Valid from"), date_text(the_set.valid_from, period)),
            (tr("Valid to"), date_text(the_set.valid_to, period)),
            (tr("GWP basis"), the_set.gwp_basis),
            ("sha256", the_set.sha256),
            ("URL", the_set.url),
            (tr("Licence"), the_set.licence),
        ]
        put(ws, row, 1, the_set.ref).font = _font(bold=True)
        row += 1
        for label, value in fields:
            if value is None or value == "":
                continue
            put(ws, row, 1, label).font = _font(bold=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            cell = put(ws, row, 4, value)
            cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
            ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=7)
            row += 1
        row += 1
    return row
