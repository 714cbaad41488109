"""The audit of a TGO workbook: what it states, recomputed (docs/tgo-workbooks.md, "ghgcalc audit").

Pure: it gets the years a reader made of a workbook (core/audit_input.py) and, for the factor
check, the catalogue ghgcalc would choose factors from. Four checks per year:

1. recompute: each printed month CF = quantity x the sheet's own EF, each printed total = the sum
   of what it sums (line total, column total, scope totals, year total). Each printed value is
   compared with what its own inputs give, so a stale value is found where the chain breaks (a
   cached CF that no longer follows its quantity, a typed total that is not the sum of its months).
2. editions: the sheet's EF against the factor of TGO's edition in force for the year, chosen as
   `ghgcalc compute` chooses it; the effect on the year in t.
3. plausibility: the monthly quantities and companion series (staff, days, water) through
   core/plausibility.py's month checks.
4. consistency: a companion series against the summary row it feeds, month by month, and a
   series' printed total against its months; the companion sheets' computed rows (septic CH4 =
   days x staff x Q2, pond CH4 = H7 x B12 x 0.12) recomputed, and the summary's rows against them.

`compare_copies` then compares two or more copies of one year (in several workbooks, or twice in
one) month by month: every line's quantities and factor, every companion series.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from ghgcalc import units
from ghgcalc.core.audit_input import Stated, StatedLine, StatedProduct, StatedSeries, StatedYear
from ghgcalc.core.plausibility import Thresholds, times_text, unusual_months
from ghgcalc.core.resolve import Catalogue, ResolveError
from ghgcalc.i18n import N_, tr
from ghgcalc.models.period import parse_period
from ghgcalc.thai import show_year

# compare(inputs, printed, expected, message, ask, month): one printed value against its inputs;
# message is (msgid, its placeholders): compare adds {stated}, {expected} and {difference}, formatted
Compare = Callable[..., None]
Message = tuple[str, dict[str, object]]
BE_OFFSET = 543  # Buddhist Era year - 543 = the calendar year
MIN_SIGNIFICANT = 3  # the digits a rounded factor keeps to count as TGO's (same_factor)
MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
KINDS = ("recompute", "factor", "plausibility", "consistency", "copies")


@dataclass(frozen=True)
class Finding:
    """One thing that does not hold, at the cells to look at (the inputs first, the printed value last)."""

    kind: str  # one of KINDS
    code: str  # audit-total-differs, audit-factor-edition, audit-month-outlier, audit-month-zero, ...
    sheet: str
    cells: tuple[str, ...]
    message: str
    stated: float | None  # what the workbook prints or holds
    expected: float | None  # what its inputs give (recompute), the edition's value, the typical month
    ask: str  # what to ask the municipality, in plain words
    month: int | None = None  # 1 = January
    edition: str | None = None  # tgo-cfo@2026-02
    effect_t: float | None = None  # the year's total with the edition's factor minus as printed, tCO2e
    places: tuple[str, ...] = ()  # cells of several workbooks, each as workbook[sheet]!cell (copies)

    @property
    def where(self) -> str:
        if self.places:
            return ", ".join(self.places)
        return f"[{self.sheet}]!" + ", ".join(self.cells)


@dataclass(frozen=True)
class YearAudit:
    sheet: str
    year: int
    compared: int  # values recomputed or compared
    findings: tuple[Finding, ...]
    factors_compared: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def matches(self) -> int:
        differing = sum(1 for f in self.findings if f.kind in ("recompute", "consistency"))
        return max(self.compared - differing, 0)


def equal(stated: float, expected: float) -> bool:
    """Equal within what is printed: relative 1e-9, or half a unit of the last decimal the stated
    value carries when it carries few (a typed 5666.4 is compared to 0.05)."""
    if abs(stated - expected) <= 1e-9 * max(1.0, abs(stated), abs(expected)):
        return True
    decimals = _decimals(stated)
    return decimals is not None and abs(stated - expected) <= 0.5 * 10.0**-decimals + 1e-12 * abs(stated)


def same_factor(sheet: float, tgo: float) -> bool:
    """A sheet's EF is TGO's when equal at the precision either prints: more decimals than TGO prints,
    or TGO's value rounded to fewer, as long as the rounded one keeps 3 significant digits (2.7403 for
    2.740339134, 0.475 for 0.4750). A 0, 3 or 0.5 is a number of its own, not 0.4999 or 2.7406 rounded."""
    return any(
        equal(a, b) and (_significant(a) >= MIN_SIGNIFICANT or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)))
        for a, b in ((sheet, tgo), (tgo, sheet))
    )


def _significant(value: float) -> int:
    """The significant digits of a value as typed or rounded (0 for 0; 5 where it is not rounded)."""
    decimals = _decimals(value)
    if decimals is None:
        return 5
    return len(str(round(abs(value) * 10**decimals)).lstrip("0"))


def _decimals(value: float) -> int | None:
    """The decimals of a value that looks typed or rounded (at most 4), else None."""
    for d in range(5):
        if abs(value * 10**d - round(value * 10**d)) <= 1e-9 * max(1.0, abs(value * 10**d)):
            return d
    return None


def month_name(month: int) -> str:
    """Jan for 0, in the language of the run (ม.ค.)."""
    return tr(MONTHS[month])


def year_text(be_year: int) -> str:
    """A sheet's B.E. year as the reader asked for it: as the sheet names it, C.E. with --calendar ce."""
    return show_year(be_year - BE_OFFSET, True)


def number(value: float | None) -> str:
    if value is None:
        return tr("(empty)")
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.9f}".rstrip("0").rstrip(".")


def effect_text(tonnes: float) -> str:
    """+9.103 t; an effect under 10 kg in kg, so that it does not print as 0.000 t."""
    return f"{tonnes:+,.3f} t" if abs(tonnes) >= 0.01 else f"{tonnes * 1000:+,.3f} kg"


def audit_year(year: StatedYear, catalogue: Catalogue | None = None, limits: Thresholds | None = None) -> YearAudit:
    findings: list[Finding] = []
    compared = 0
    notes: list[str] = []

    def compare(
        inputs: tuple[Stated, ...],
        printed: Stated,
        expected: float,
        message: Message,
        ask: str,
        month: int | None = None,
    ) -> None:
        nonlocal compared
        if printed.value is None:
            return
        compared += 1
        if equal(printed.value, expected):
            return
        cells = tuple(dict.fromkeys([*(s.cell for s in inputs if s.sheet == printed.sheet), printed.cell]))
        findings.append(
            Finding(
                "recompute",
                "audit-total-differs",
                printed.sheet,
                cells,
                tr(
                    message[0],
                    **message[1],
                    stated=number(printed.value),
                    expected=number(expected),
                    difference=number(printed.value - expected),
                ),
                printed.value,
                expected,
                ask,
                month,
            )
        )

    scope_kg: dict[int, float] = {}
    line_totals: list[float] = []
    for line in year.lines:
        _line(line, compare)
        missing = _missing_cf(line)
        compared += len(missing)
        findings.extend(missing)
        if line.total.value is not None:
            line_totals.append(line.total.value)
            if line.scope is not None and line.row not in year.outside_totals:
                scope_kg[line.scope] = scope_kg.get(line.scope, 0.0) + line.total.value
        elif any(q.value for q in line.quantities):
            findings.append(
                Finding(
                    "recompute",
                    "audit-line-not-computed",
                    line.sheet,
                    (_span(line.quantities), line.total.cell),
                    tr(
                        "row {row} ({label}) has quantities but no total: its emissions are in no total "
                        "the workbook prints",
                        row=line.row,
                        label=line.label,
                    ),
                    None,
                    sum(q.value or 0.0 for q in line.quantities) * (line.factor.value or 0.0),
                    tr(
                        "row {row} ({label}) has quantities but the workbook computes nothing for it: "
                        "should it count, and with which factor?",
                        row=line.row,
                        label=line.label,
                    ),
                )
            )
        findings.extend(_factor(year, line, catalogue))
        if not line.derived:
            findings.extend(_plausible(line.sheet, line.label, line.unit or "", line.quantities, limits))
    divisor = 1000.0 if all(line.printed_unit == "kgCO2e" for line in year.lines) else 1.0
    if year.column_total is not None:
        column = year.column_total.cell
        compare(
            (),
            year.column_total,
            sum(line_totals),
            (
                N_(
                    "the line totals add up to {expected}, but the column total at {cell} says {stated} "
                    "(difference {difference})"
                ),
                {"cell": column},
            ),
            tr(
                "the column total {cell} is not the sum of the line totals above it: "
                "was a line changed after the sheet was last calculated?",
                cell=column,
            ),
        )
    for scope, printed in sorted(year.scope_totals.items()):
        compare(
            (),
            printed,
            scope_kg.get(scope, 0.0) / divisor,
            (
                N_(
                    "scope {scope}: its lines add up to {expected} tCO2e, but the scope total at {cell} says {stated} "
                    "(difference {difference})"
                ),
                {"scope": scope, "cell": printed.cell},
            ),
            tr(
                "the scope {scope} total {cell} is not the sum of its lines: which figure is right?",
                scope=scope,
                cell=printed.cell,
            ),
        )
    printed_scopes = [s.value for s in year.scope_totals.values() if s.value is not None]
    if printed_scopes:
        compare(
            tuple(year.scope_totals.values()),
            year.total,
            sum(printed_scopes),
            (
                N_(
                    "the scope totals add up to {expected} tCO2e, but the year's total at {cell} says {stated} "
                    "(difference {difference})"
                ),
                {"cell": year.total.cell},
            ),
            tr(
                "the year's total {cell} is not the sum of the scope totals: which figure is right?",
                cell=year.total.cell,
            ),
        )
    for series in year.series:
        sheet = series.months[0].sheet if series.months else year.sheet
        findings.extend(_plausible(sheet, series.name, series.unit, series.months, limits))
        if series.total is not None and series.total.value is not None:
            total = sum(m.value or 0.0 for m in series.months)
            compared += 1
            if not equal(series.total.value, total):
                findings.append(
                    Finding(
                        "consistency",
                        "audit-series-total",
                        series.total.sheet,
                        (_span(series.months), series.total.cell),
                        tr(
                            "{name}: the {count} months add up to {expected} {unit}, but the total at {cell} says "
                            "{stated} {unit} (difference {difference})",
                            name=series.name,
                            count=len(series.months),
                            expected=number(total),
                            unit=series.unit,
                            cell=series.total.cell,
                            stated=number(series.total.value),
                            difference=number(series.total.value - total),
                        ),
                        series.total.value,
                        total,
                        tr(
                            "the {name} total in {cell} ({stated}) is not the sum of its months ({expected}): "
                            "was a month corrected and the total not?",
                            name=series.name,
                            cell=series.total.cell,
                            stated=number(series.total.value),
                            expected=number(total),
                        ),
                    )
                )
    for product in year.products:
        _product(product, compare)
        findings.extend(_product_factor(product))
    for series, line in year.same_as:
        compared += 1
        differs = _same_as(series, line)
        findings.extend(differs)
        compared += len(series.months) - 1
    return YearAudit(year.sheet, year.year, compared, tuple(findings), _factors_compared(year, catalogue), tuple(notes))


def _span(cells: tuple[Stated, ...]) -> str:
    return f"{cells[0].cell}:{cells[-1].cell}" if len(cells) > 1 else cells[0].cell


def _line(line: StatedLine, compare: Compare) -> None:
    """Each printed month against quantity x EF, the line total against its printed months."""
    ef = line.factor.value
    if ef is None:
        return
    monthly = len(line.printed) == len(line.quantities)
    for m, (q, printed) in enumerate(zip(line.quantities, line.printed, strict=False)):
        quantity = q.value or 0.0
        scale = 1000.0 if line.printed_unit == "tCO2e" else 1.0
        name = month_name(m) if monthly and 1 < len(line.quantities) <= 12 else tr("the year")
        compare(
            (q, line.factor),
            printed,
            quantity * ef / scale,
            (
                N_(
                    "row {row} ({label}), {month}: the quantity at {quantity_cell} x the EF at {factor_cell} gives "
                    "{expected}, but the CF at {cell} says {stated} (difference {difference})"
                ),
                {
                    "row": line.row,
                    "label": line.label,
                    "month": name,
                    "quantity_cell": q.cell,
                    "factor_cell": line.factor.cell,
                    "cell": printed.cell,
                },
            ),
            tr(
                "row {row} ({label}), {month}: the printed {cell} does not follow the quantity in "
                "{quantity_cell} x the EF in {factor_cell}: which one is right (was the quantity corrected after "
                "the sheet was last calculated)?",
                row=line.row,
                label=line.label,
                month=name,
                cell=printed.cell,
                quantity_cell=q.cell,
                factor_cell=line.factor.cell,
            ),
            m + 1 if 1 < len(line.quantities) <= 12 else None,
        )
    if monthly and len(line.printed) > 1 and any(p.value is not None for p in line.printed):
        compare(
            (),
            line.total,
            sum(p.value or 0.0 for p in line.printed),
            (
                N_(
                    "row {row} ({label}): the {count} months add up to {expected}, but the total at {cell} says "
                    "{stated} (difference {difference})"
                ),
                {"row": line.row, "label": line.label, "count": len(line.printed), "cell": line.total.cell},
            ),
            tr(
                "row {row} ({label}): the total {cell} is not the sum of its months: "
                "was a month changed after the total was typed?",
                row=line.row,
                label=line.label,
                cell=line.total.cell,
            ),
        )


def _missing_cf(line: StatedLine) -> list[Finding]:
    """A month with a quantity but an empty CF cell, in a row whose other months are computed (the CF
    cleared, or merged away with its neighbour): the month is in no total the workbook prints, and
    comparing printed values alone would never see it."""
    ef = line.factor.value
    if ef is None or len(line.printed) != len(line.quantities) or len(line.printed) < 2:
        return []
    if line.total.value is None and all(p.value is None for p in line.printed):
        return []  # a row without formulas: audit-line-not-computed says so
    out = []
    for m, (q, printed) in enumerate(zip(line.quantities, line.printed, strict=True)):
        if not q.value or printed.value is not None:
            continue
        out.append(
            Finding(
                "recompute",
                "audit-cf-missing",
                printed.sheet,
                (q.cell, printed.cell),
                tr(
                    "row {row} ({label}), {month}: the quantity {quantity} at {quantity_cell} has no CF at {cell} "
                    "(the cell is empty): its {expected} kgCO2e are in no total the workbook prints",
                    row=line.row,
                    label=line.label,
                    month=month_name(m),
                    quantity=number(q.value),
                    quantity_cell=q.cell,
                    cell=printed.cell,
                    expected=number(q.value * ef),
                ),
                None,
                q.value * ef,
                tr(
                    "row {row} ({label}), {month}: {cell} is empty though {quantity_cell} holds a quantity: was its "
                    "formula deleted or the cell merged? Should the month count in the total?",
                    row=line.row,
                    label=line.label,
                    month=month_name(m),
                    cell=printed.cell,
                    quantity_cell=q.cell,
                ),
                m + 1,
            )
        )
    return out


def _product(product: StatedProduct, compare: Compare) -> None:
    """Each month of a companion sheet's computed row against its inputs x the sheet's factor."""
    ef = product.factor.value
    if ef is None:
        return
    for m, printed in enumerate(product.printed):
        inputs = tuple(series[m] for series in product.inputs if m < len(series))
        expected = ef * product.constant
        for q in inputs:
            expected *= q.value or 0.0
        constant = [number(product.constant)] if product.constant != 1 else []
        cells = " x ".join([*(q.cell for q in inputs), product.factor.cell, *constant])
        values = " x ".join([*(number(q.value) for q in inputs), number(ef), *constant])
        compare(
            (*inputs, product.factor),
            printed,
            expected,
            (
                N_(
                    "{name}, {month}: {cells} ({values}) gives {expected}, but {cell} says {stated} "
                    "(difference {difference})"
                ),
                {"name": product.name, "month": month_name(m), "cells": cells, "values": values, "cell": printed.cell},
            ),
            tr(
                "{name} for {month}: the printed {cell} does not follow {cells}: was an input "
                "corrected after the sheet was last calculated, or the value typed over?",
                name=product.name,
                month=month_name(m),
                cell=printed.cell,
                cells=cells,
            ),
            m + 1,
        )


def _edition(year: StatedYear, line: StatedLine, catalogue: Catalogue | None) -> tuple[str, float] | None:
    """The edition in force for the year and its kgCO2e per unit of the line, where it has one."""
    if catalogue is None or line.key is None or line.unit is None:
        return None
    try:
        period = parse_period(year.year - BE_OFFSET)
        choice = catalogue.resolve(line.key, line.unit, period, units.Bridges())
    except units.UnitError as exc:
        raise _UnitDiffers from exc
    except (ResolveError, ValueError):
        return None
    factor = choice.factor
    if factor.published_kgco2e:
        value = float(factor.published_kgco2e)
    elif all(g.gas == "CO2e" for g in factor.gases):
        value = sum(g.kg for g in factor.gases)
    else:
        return None
    return factor.ref, value * choice.conversion


class _UnitDiffers(Exception):
    """The line's unit cannot be converted to the unit of TGO's factor for its row."""


def _factors_compared(year: StatedYear, catalogue: Catalogue | None) -> int:
    count = 0
    for line in year.lines:
        try:
            count += _edition(year, line, catalogue) is not None
        except _UnitDiffers:
            continue
    return count


def _factor(year: StatedYear, line: StatedLine, catalogue: Catalogue | None) -> list[Finding]:
    try:
        found = _edition(year, line, catalogue)
    except _UnitDiffers:
        return [_unit_differs(line)]
    ef = line.factor.value
    if line.form_factor is not None and ef is not None and not same_factor(ef, line.form_factor):
        return [_form_factor(line, ef, line.form_factor)]
    if found is None and not line.factor_known and ef is not None:
        return [_factor_unknown(line, ef)]
    if found is None or ef is None:
        return []
    ref, value = found
    if same_factor(ef, value):
        return []
    amount = sum(q.value or 0.0 for q in line.quantities)
    effect = amount * (value - ef) / 1000.0
    return [
        Finding(
            "factor",
            "audit-factor-edition",
            line.sheet,
            (line.factor.cell,),
            tr(
                "row {row} ({label}): the sheet's EF {ef} kgCO2e/{unit} is not {edition}'s {value} "
                "('{key}', in force for {year}); with it the year's total changes by {effect}",
                row=line.row,
                label=line.label,
                ef=number(ef),
                unit=line.unit,
                edition=ref,
                value=number(value),
                key=line.key,
                year=year_text(year.year),
                effect=effect_text(effect),
            ),
            ef,
            value,
            tr(
                "row {row} ({label}) uses the EF {ef}; TGO's edition in force for {year} ({edition}) gives "
                "{value}: please use the current factor, or say why the older one applies",
                row=line.row,
                label=line.label,
                ef=number(ef),
                year=year_text(year.year),
                edition=ref,
                value=number(value),
            ),
            edition=ref,
            effect_t=effect,
        )
    ]


def _form_factor(line: StatedLine, ef: float, fixed: float) -> Finding:
    """A kgCH4 row (16, 17) whose EF is not the 28 kgCO2e per kgCH4 of TGO's form."""
    effect = sum(q.value or 0.0 for q in line.quantities) * (fixed - ef) / 1000.0
    return Finding(
        "factor",
        "audit-factor-form",
        line.sheet,
        (line.factor.cell,),
        tr(
            "row {row} ({label}): the sheet's EF {ef} kgCO2e/{unit} at {cell} is not {fixed}, the value TGO's "
            "form fixes for it; with it the year's total changes by {effect}",
            row=line.row,
            label=line.label,
            ef=number(ef),
            unit=line.unit,
            cell=line.factor.cell,
            fixed=number(fixed),
            effect=effect_text(effect),
        ),
        ef,
        fixed,
        _fixed_ask(line.sheet, line.factor.cell, ef, number(fixed)),
        effect_t=effect,
    )


def _product_factor(product: StatedProduct) -> list[Finding]:
    """A companion sheet's fixed factor (septic Q2, 'ค่า fix ห้ามแก้'; the pond factor H7, one of TGO's
    pond types) holding another value: every value computed from it follows it, so only this says it."""
    factor = product.factor.value
    if not product.allowed or factor is None or any(same_factor(factor, a) for a in product.allowed):
        return []
    allowed = ", ".join(number(a) for a in product.allowed)
    one = product.allowed[0] if len(product.allowed) == 1 else None
    return [
        Finding(
            "factor",
            "audit-factor-form",
            product.factor.sheet,
            (product.factor.cell,),
            tr(
                "{name}: the factor {factor} at {cell} is not the value TGO's form gives it ({allowed}); "
                "every {name} value of the sheet is computed with it",
                name=product.name,
                factor=number(factor),
                cell=product.factor.cell,
                allowed=allowed,
            ),
            factor,
            one,
            _fixed_ask(product.factor.sheet, product.factor.cell, factor, allowed),
        )
    ]


def _fixed_ask(sheet: str, cell: str, value: float, fixed: str) -> str:
    return tr(
        "'{sheet}'!{cell} holds {value} where TGO's form has {fixed}, a value not to be changed: why was it changed?",
        sheet=sheet,
        cell=cell,
        value=number(value),
        fixed=fixed,
    )


def _factor_unknown(line: StatedLine, ef: float) -> Finding:
    """A V-Sheet factor that is no factor of any TGO edition ghgcalc knows: typed over, or of a source
    of the municipality's own; nothing to compare it with, so it is asked about."""
    amount = sum(q.value or 0.0 for q in line.quantities)
    return Finding(
        "factor",
        "audit-factor-unknown",
        line.sheet,
        (line.factor.cell,),
        tr(
            "row {row} ({label}): the factor {ef} kgCO2e/{unit} at {cell} is none of TGO's editions known to "
            "ghgcalc, so it cannot be compared; it gives the row {tonnes} tCO2e",
            row=line.row,
            label=line.label,
            ef=number(ef),
            unit=line.unit,
            cell=line.factor.cell,
            tonnes=number(round(amount * ef / 1000.0, 6)),
        ),
        ef,
        None,
        tr(
            "row {row} ({label}) uses the factor {ef} at {cell}, which is not in TGO's factor lists: was it "
            "typed over, or where does it come from?",
            row=line.row,
            label=line.label,
            ef=number(ef),
            cell=line.factor.cell,
        ),
    )


def _unit_differs(line: StatedLine) -> Finding:
    """A row of TGO's form whose unit was changed (diesel in kg): its EF is per the form's unit."""
    return Finding(
        "factor",
        "audit-unit-differs",
        line.sheet,
        (line.factor.cell,),
        tr(
            "row {row} ({label}): its quantities are in {unit}, which TGO's factor '{key}' is not per: "
            "the EF at {cell} cannot be compared, and the row's CO2e is likely wrong",
            row=line.row,
            label=line.label,
            unit=line.unit,
            key=line.key,
            cell=line.factor.cell,
        ),
        line.factor.value,
        None,
        tr(
            "row {row} ({label}) is in {unit}, not the unit of TGO's form for it: which unit are the quantities "
            "in, and is the EF per that unit?",
            row=line.row,
            label=line.label,
            unit=line.unit,
        ),
    )


def _plausible(
    sheet: str, name: str, unit: str, months: tuple[Stated, ...], limits: Thresholds | None
) -> list[Finding]:
    if len(months) != 12:
        return []
    values = [m.value or 0.0 for m in months]
    if not all(math.isfinite(v) for v in values):
        return []
    out = []
    for position, kind, typical in unusual_months(values, limits):
        cell = months[position]
        value = values[position]
        month = month_name(position)
        if kind == "outlier":
            message = tr(
                "{name}, month {number} ({month}): {value} {unit} at {cell} is {times} the other months' "
                "typical value {typical}",
                name=name,
                number=position + 1,
                month=month,
                value=number(value),
                unit=unit,
                cell=cell.cell,
                times=times_text(value / typical),  # (a slip of 1/1,000 read "0.0 times")
                typical=number(typical),
            )
            ask = tr(
                "{name} for {month} ({cell}) is {value} {unit}, the other months about {typical}: is it a typing slip?",
                name=name,
                month=month,
                cell=cell.cell,
                value=number(value),
                unit=unit,
                typical=number(typical),
            )
        else:
            message = tr(
                "{name}, month {number} ({month}): 0 at {cell} while the other months are about {typical} {unit}",
                name=name,
                number=position + 1,
                month=month,
                cell=cell.cell,
                typical=number(typical),
                unit=unit,
            )
            ask = tr(
                "{name} for {month} ({cell}) is 0: was the reading missed?", name=name, month=month, cell=cell.cell
            )
        out.append(
            Finding(
                "plausibility",
                f"audit-month-{kind}",
                cell.sheet or sheet,
                (cell.cell,),
                message,
                value,
                typical,
                ask,
                position + 1,
            )
        )
    return out


def _same_as(series: StatedSeries, line: StatedLine) -> list[Finding]:
    out = []
    for m, (a, b) in enumerate(zip(series.months, line.quantities, strict=False)):
        if a.value is None and b.value is None:
            continue
        if _same(a.value, b.value):  # two typed inputs of one quantity: no rounding allowance
            continue
        out.append(
            Finding(
                "consistency",
                "audit-sheets-differ",
                a.sheet,
                (a.cell, f"[{b.sheet}]!{b.cell}"),
                tr(
                    "{name}, {month}: {value} {unit} at {where}, but the summary's row {row} ({label}) has "
                    "{other} at {cell}",
                    name=series.name,
                    month=month_name(m),
                    value=number(a.value),
                    unit=series.unit,
                    where=f"[{a.sheet}]!{a.cell}",
                    row=line.row,
                    label=line.label,
                    other=number(b.value),
                    cell=b.cell,
                ),
                a.value,
                b.value,
                tr(
                    "{name} for {month}: {value} on one sheet ({cell}) and {other} on the summary ({other_cell}): "
                    "which is right?",
                    name=series.name,
                    month=month_name(m),
                    value=number(a.value),
                    cell=a.cell,
                    other=number(b.value),
                    other_cell=b.cell,
                ),
                m + 1,
            )
        )
    return out


def audit_years(
    years: list[StatedYear], catalogue_of: object = None, limits: Thresholds | None = None
) -> list[YearAudit]:
    """Every year; `catalogue_of(year)` gives the catalogue to choose editions from (or None)."""
    out = []
    for year in years:
        catalogue = catalogue_of(year) if callable(catalogue_of) else None
        out.append(audit_year(year, catalogue, limits))
    return out


@dataclass(frozen=True)
class CopiesAudit:
    """Two or more copies of one year compared month by month (the first copy against each other)."""

    year: int
    copies: tuple[str, ...]  # each as workbook[sheet]
    workbook: str  # the first copy's workbook, the one the others are compared with
    compared: int
    findings: tuple[Finding, ...]

    @property
    def verdict(self) -> str:
        if not self.findings:
            return tr(
                "the {count} copies agree in all {compared} values compared; nothing to ask",
                count=len(self.copies),
                compared=self.compared,
            )
        return tr(
            "{agree} of {compared} values agree; {differ} differ",
            agree=self.compared - len(self.findings),
            compared=self.compared,
            differ=len(self.findings),
        )


def _same(a: float | None, b: float | None) -> bool:
    """Copies are compared as typed: 1,033 and 1,032.6 differ (no rounding tolerance)."""
    x, y = a or 0.0, b or 0.0
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def compare_copies(years: list[tuple[str, str, StatedYear]]) -> list[CopiesAudit]:
    """`years`: (workbook, form, year) of every workbook audited. Copies of one B.E. year of one form are
    compared: each line's quantities and factor (lines computed from a companion sheet are compared
    through that sheet's series), each companion series, month by month."""
    groups: dict[tuple[str, int], list[tuple[str, StatedYear]]] = {}
    for workbook, form, year in years:
        groups.setdefault((form, year.year), []).append((workbook, year))
    out = []
    for (_, be_year), copies in groups.items():
        if len(copies) < 2:
            continue
        first_book, first = copies[0]
        findings: list[Finding] = []
        compared = 0
        for book, other in copies[1:]:
            pairs: list[tuple[str, str, tuple[Stated, ...], tuple[Stated, ...]]] = []
            lines = {line.row: line for line in other.lines}
            for line in first.lines:
                twin = lines.get(line.row)
                if twin is None:
                    continue
                name = tr("row {row} ({label})", row=line.row, label=line.label)
                pairs.append((tr("{name}, the EF", name=name), "", (line.factor,), (twin.factor,)))
                if not (line.derived and twin.derived):
                    pairs.append((name, line.unit or "", line.quantities, twin.quantities))
            series = {s.name: s for s in other.series}
            for s in first.series:
                if s.name in series:
                    pairs.append((s.name, s.unit, s.months, series[s.name].months))
            for name, unit, mine, theirs in pairs:
                monthly = len(mine) == 12
                for m, (a, b) in enumerate(zip(mine, theirs, strict=False)):
                    compared += 1
                    if _same(a.value, b.value):
                        continue
                    what = f"{name}, {month_name(m)}" if monthly else name
                    here, there = f"{first_book}[{a.sheet}]!{a.cell}", f"{book}[{b.sheet}]!{b.cell}"
                    amount = f" {unit}" if unit else ""
                    findings.append(
                        Finding(
                            "copies",
                            "audit-copies-differ",
                            a.sheet,
                            (a.cell, b.cell),
                            tr(
                                "{year}, {what}: {value}{unit} at {here}, {other} at {there} (difference {difference})",
                                year=year_text(be_year),
                                what=what,
                                value=number(a.value),
                                unit=amount,
                                here=here,
                                other=number(b.value),
                                there=there,
                                difference=number((b.value or 0.0) - (a.value or 0.0)),
                            ),
                            a.value,
                            b.value,
                            tr(
                                "the two copies of {year} differ in {what}: {value} in {book} ({cell}), {other} in "
                                "{other_book} ({other_cell}): which copy was submitted, and which value is right?",
                                year=year_text(be_year),
                                what=what,
                                value=number(a.value),
                                book=first_book,
                                cell=a.cell,
                                other=number(b.value),
                                other_book=book,
                                other_cell=b.cell,
                            ),
                            m + 1 if monthly else None,
                            places=(here, there),
                        )
                    )
        names = tuple(f"{b}[{y.sheet}]" for b, y in copies)
        out.append(CopiesAudit(be_year, names, first_book, compared, tuple(findings)))
    return out
