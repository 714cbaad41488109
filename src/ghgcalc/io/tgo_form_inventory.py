"""TGO's form 1.5(1) read by io/tgo_form.py, as ghgcalc sees it: one year as an inventory document
(`ghgcalc import`), and as what the workbook states for the audit (core/audit_input.py)."""

from __future__ import annotations

from typing import Any

from ghgcalc.errors import Issue, Location, Severity, visible
from ghgcalc.i18n import tr
from ghgcalc.io.excel_cells import cell_name
from ghgcalc.io.tgo_form import (
    FormRow,
    FormWorkbook,
    FormYear,
    Printed,
    cell_range,
    empty_rows_issue,
    plain_numbers,
    same_number,
    squeeze,
)
from ghgcalc.thai import BE_OFFSET, to_ce_year

# --------------------------------------------------------------------------------------------
# One year as a ghgcalc inventory document

UNITS = {
    "ลิตร": "L",
    "l": "L",
    "kwh": "kWh",
    "kg": "kg",
    "กก.": "kg",
    "กิโลกรัม": "kg",
    "m3": "m3",
    "ลบ.ม.": "m3",
    "ลูกบาศก์เมตร": "m3",
    "kgco2": "kg",
    "kgch4": "kg",
    "kgchclf2": "kg",
    "kgch2f2": "kg",
}
# the unit of each known row's quantities in TGO's form (docs/tgo-workbooks.md, "How each row maps"):
# the EF is per this unit, so a row whose unit was changed to another cannot be read with it
FORM_UNITS = {
    "diesel-stationary": "L",
    "diesel-mobile": "L",
    "gasohol-91": "L",
    "gasohol-95": "L",
    "fire-extinguisher-co2": "kg",
    "r-22": "kg",
    "r-32": "kg",
    "electricity-grid": "kWh",
    "paper": "kg",
    "tap-water-mwa": "m3",
    "tap-water-pwa": "m3",
    "waste-landfill-form-1-5": "kg",
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


def _where(file: str, sheet: str, cells: str) -> str:
    return f"{file}[{sheet}]!{cells}"


def inventory_of(year: FormYear, file: str) -> tuple[dict[str, Any], list[Issue]]:
    """The inventory document of one year sheet: every line with the sheet's own EF (so that it
    computes to the total the workbook prints), the septic and pond rows as TGO's methods where
    their sheets give the same monthly values. `file` names the workbook in labels and sources."""

    issues: list[Issue] = []

    def warn(code: str, message: str, sheet: str, cell: str, hint: str) -> None:
        issues.append(Issue(code, message, Severity.WARNING, Location(file, sheet=sheet, cell=cell), hint=hint))

    custom: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for row in year.rows:
        where = _where(file, year.sheet, cell_range(row.month_cells))
        name = row.label or tr("row {row}", row=row.row)
        label = f"{name} ({where})"
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
                    tr(
                        "row {row}: the unit {unit} is not one of form 1.5(1)'s "
                        "(ลิตร, kWh, kg, m3, kgCH4, kgCHClF2, kgCH2F2)",
                        row=row.row,
                        unit=repr(visible(row.unit or tr("(empty)"))),
                    ),
                    Severity.ERROR,
                    Location(file, sheet=year.sheet, cell=row.unit_cell),
                    hint=tr("write the unit the quantities are in, as TGO's form does"),
                )
            )
            continue
        expected = FORM_UNITS.get(row.key or "")
        if expected is not None and unit != expected:
            expected = "ลิตร" if expected == "L" else expected  # as TGO's form writes it
            issues.append(
                Issue(
                    "tgo-unit-changed",
                    tr(
                        "row {row} ({label}): the unit {unit} is not the form's {expected} for this row, "
                        "and its EF ({cell}) is per {expected}",
                        row=row.row,
                        label=name,
                        unit=repr(visible(row.unit or "")),
                        expected=expected,
                        cell=row.ef_cell,
                    ),
                    Severity.ERROR,
                    Location(file, sheet=year.sheet, cell=row.unit_cell),
                    hint=tr(
                        "write {expected} if the quantities are in {expected}; if they are in {unit}, convert "
                        "them to {expected} first",
                        expected=expected,
                        unit=row.unit or "",
                    ),
                )
            )
            continue
        if row.ef is None:
            issues.append(
                Issue(
                    "tgo-ef-missing",
                    tr("row {row} has quantities but no EF", row=row.row),
                    Severity.ERROR,
                    Location(file, sheet=year.sheet, cell=row.ef_cell),
                    hint=tr("type the emission factor (kgCO2e per unit) the row uses"),
                )
            )
            continue
        key = f"{row.key or 'form-row'}-r{row.row}"
        factor: dict[str, Any] = {
            "key": key,
            "name": (
                tr("{label}: the EF of TGO's form 1.5(1) (ghgcalc's tgo-cfo factor: {key})", label=name, key=row.key)
                if row.key
                else tr("{label}: the EF of TGO's form 1.5(1) (no tgo-cfo factor matched)", label=name)
            ),
            "per": unit,
            "kg": {"CO2e": row.ef},
            "gwp_basis": "AR5",
            "source": _where(file, year.sheet, row.ef_cell),
        }
        if row.key in CATEGORIES:
            factor["category"] = CATEGORIES[row.key]
        custom.append(factor)
        line = {"activity": key, "label": label, "unit": unit, "amount": plain_numbers(row.months)}
        if row.scope is not None:
            line["scope"] = row.scope
        else:
            warn(
                "tgo-scope-unknown",
                tr("row {row} is under no 'Scope 1/2/3' label; the line has no scope", row=row.row),
                year.sheet,
                cell_name(row.row - 1, 0),
                tr("add 'scope: 1', 2 or 3 to the imported line"),
            )
        lines.append(line)
        if row.line_total.value is None:
            warn(
                "tgo-row-no-total",
                tr(
                    "row {row} has quantities but the workbook computes no total for it "
                    "({cell} is empty): its emissions are not in the total the workbook prints",
                    row=row.row,
                    cell=row.line_total.cell,
                ),
                year.sheet,
                row.line_total.cell,
                tr("the imported line counts them; TGO's form has no formulas in this row"),
            )
        if row.row in year.outside_rows:
            warn(
                "tgo-row-outside-total",
                tr(
                    "row {row} ({label}) is left out of the scope-3 total the workbook prints ({cell}), "
                    "as TGO's form leaves it out",
                    row=row.row,
                    label=name,
                    cell=year.totals.scopes[2].cell,
                ),
                year.sheet,
                year.totals.scopes[2].cell,
                tr("the imported line counts it, so the imported total is higher than the printed one"),
            )
    if year.empty_rows:
        issues.append(empty_rows_issue(file, year.sheet, year.empty_rows))
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
            tr(
                "no septic-tank sheet for {year}: row {row} is imported as kgCH4 with the sheet's EF",
                year=year.year,
                row=row.row,
            ),
            year.sheet,
            row.label_cell,
            tr("add the sheet 'CH4จาก Septic tank {year}' to import days and staff", year=year.year),
        )
        return None
    same = all(
        same_number(d * s * SEPTIC_FACTOR, q) for d, s, q in zip(septic.days, septic.staff, row.months, strict=True)
    )
    if not (same and row.ef is not None and same_number(row.ef, FORM_GWP_CH4)):
        warn(
            "tgo-sheets-differ",
            tr(
                "row {row}'s monthly kgCH4 are not days x staff x {factor} of '{sheet}' "
                "(or its EF is not {gwp}): the row is imported as kgCH4 with the sheet's EF",
                row=row.row,
                factor=SEPTIC_FACTOR,
                sheet=visible(septic.sheet),
                gwp=f"{FORM_GWP_CH4:g}",
            ),
            year.sheet,
            cell_range(row.month_cells),
            tr("ghgcalc audit compares the two sheets cell by cell"),
        )
        return None
    return {
        "method": "tgo-septic-tank",
        "label": f"{row.label} ({_where(file, septic.sheet, cell_range(septic.day_cells))}, "
        f"{cell_range(septic.staff_cells)})",
        "scope": row.scope or 1,
        "params": {"working_days": plain_numbers(septic.days), "employees": plain_numbers(septic.staff)},
    }


def _pond_line(year: FormYear, row: FormRow, file: str, warn: Any) -> dict[str, Any] | None:
    """The pond row as a tgo-anaerobic-pond line, when its sheet gives the summary's monthly kgCH4."""
    pond = year.pond
    if pond is None:
        warn(
            "tgo-sheet-missing",
            tr(
                "no pond sheet for {year}: row {row} is imported as kgCH4 with the sheet's EF",
                year=year.year,
                row=row.row,
            ),
            year.sheet,
            row.label_cell,
            tr("add the sheet 'CH4จากบ่อบำบัดไม่เติมอากาศ {year}' to import the water per month", year=year.year),
        )
        return None
    factor = pond.factor.value
    pond_type = next((t for f, t in POND_TYPES.items() if factor is not None and same_number(f, factor)), None)
    same = factor is not None and all(
        same_number(factor * w * 0.8 * 0.12, q) for w, q in zip(pond.water, row.months, strict=True)
    )
    if pond_type is None or not same or row.ef is None or not same_number(row.ef, FORM_GWP_CH4):
        warn(
            "tgo-sheets-differ",
            tr(
                "row {row}'s monthly kgCH4 are not the pond factor ({cell}) x water x 0.8 x 0.12 of "
                "'{sheet}' (or its EF is not {gwp}): the row is imported as kgCH4 with the sheet's EF",
                row=row.row,
                cell=pond.factor.cell,
                sheet=visible(pond.sheet),
                gwp=f"{FORM_GWP_CH4:g}",
            ),
            year.sheet,
            cell_range(row.month_cells),
            tr("ghgcalc audit compares the two sheets cell by cell"),
        )
        return None
    return {
        "method": "tgo-anaerobic-pond",
        "label": f"{row.label} ({_where(file, pond.sheet, cell_range(pond.water_cells))}, {pond.factor.cell})",
        "scope": row.scope or 1,
        "params": {"pond_type": pond_type, "tap_water_m3": plain_numbers(pond.water)},
    }


# --------------------------------------------------------------------------------------------
# One year as the audit reads it (core/audit_input.py)


def printed_differences(form: FormWorkbook, file: str) -> list[Issue]:
    """One warning per year sheet whose printed values do not all follow from its quantities and
    EFs (a month corrected after the sheet was last calculated, a total typed over): the imported
    lines count quantity x EF, so their total is not the one the workbook prints. The audit names
    each value; rows without formulas are said already (tgo-row-no-total)."""
    from ghgcalc.core.audit import audit_year

    issues = []
    for year, stated in zip(form.years, stated_years(form), strict=True):
        differing = [
            f for f in audit_year(stated).findings if f.kind == "recompute" and f.code != "audit-line-not-computed"
        ]
        if not differing:
            continue
        first = differing[0]
        issues.append(
            Issue(
                "tgo-printed-differs",
                tr(
                    "{count} value(s) this sheet prints do not follow from its quantities and EFs, the first "
                    "at {cell}: the imported lines count quantity x EF, so their total is not the printed "
                    "total {total} ({printed} tCO2e)",
                    count=len(differing),
                    cell=first.cells[-1],
                    total=year.totals.total.cell,
                    printed=f"{year.totals.total.value:,.4f}" if year.totals.total.value is not None else "-",
                ),
                Severity.WARNING,
                Location(file, sheet=year.sheet, cell=first.cells[-1]),
                hint=tr(
                    "ghgcalc audit {file} lists each one with the cells it comes from; ask the municipality "
                    "which is right",
                    file=file,
                ),
            )
        )
    return issues


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
                    key=row.key if row.kind == "typed" else None,  # kgCH4 rows: no factor per kg
                    derived=derived,
                    form_factor=FORM_GWP_CH4 if row.kind in ("septic", "pond") else None,
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
                name = tr("septic CH4")
                products.append(
                    StatedProduct(name, "kgCH4", ch4, (days, staff), stated(s.factor), allowed=(SEPTIC_FACTOR,))
                )
                if "septic" in of_kind:
                    same_as.append((StatedSeries(name, "kgCH4", ch4), of_kind["septic"]))
            series.append(
                StatedSeries(
                    tr("staff"),
                    tr("persons"),
                    tuple(Stated(v, s.sheet, c) for v, c in zip(s.staff, s.staff_cells, strict=True)),
                )
            )
            series.append(
                StatedSeries(
                    tr("working days"),
                    tr("days"),
                    tuple(Stated(v, s.sheet, c) for v, c in zip(s.days, s.day_cells, strict=True)),
                )
            )
        if year.pond is not None:
            p = year.pond
            water = StatedSeries(
                tr("pond water"),
                "m3",
                tuple(Stated(v, p.sheet, c) for v, c in zip(p.water, p.water_cells, strict=True)),
                stated(p.total) if p.total is not None else None,
            )
            series.append(water)
            if p.ch4_cells and p.waste_cells:
                ch4 = months(p.sheet, p.ch4, p.ch4_cells)
                waste = months(p.sheet, p.waste, p.waste_cells)
                name = tr("pond CH4")
                products.append(
                    StatedProduct(name, "kgCH4", ch4, (waste,), stated(p.factor), POND_MCF_B0, tuple(POND_TYPES))
                )
                if "pond" in of_kind:
                    same_as.append((StatedSeries(name, "kgCH4", ch4), of_kind["pond"]))
            pwa = [line for line in lines if line.key == "tap-water-pwa"]
            if pwa:
                same_as.append((water, pwa[0]))
        t = year.totals
        out.append(
            StatedYear(
                sheet=year.sheet,
                year=to_ce_year(year.year) + BE_OFFSET,  # B.E., also of a sheet named in C.E. ('ปี 2026')
                lines=tuple(lines),
                scope_totals={i + 1: stated(p) for i, p in enumerate(t.scopes)},
                total=stated(t.total),
                series=tuple(series),
                same_as=tuple(same_as),
                outside_totals=tuple(year.outside_rows),
                column_total=stated(t.column_total),
                products=tuple(products),
            )
        )
    return out
