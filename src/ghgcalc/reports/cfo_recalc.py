"""Fr-04.3: the base year against the reporting year, and whether the base year is to be recalculated.

ISO 14064-1:2018, which TGO's CFO requirements follow, has the base year recalculated when a
structural change (a site or source moved into or out of the boundary), a change of method or of
emission factors, or an error changes its emissions significantly. The rule applied here, written on
the sheet: the factors that changed between the two results are applied to the base year's activity
data; when that changes the base year's total by 5 % or more (TGO's materiality threshold), the base
year is to be recalculated. Sources found in one year only are listed for the preparer to judge
(a structural change, or a source that started or stopped).

Lines of the two years are matched by their `id:` when they give one, else by scope, activity, label
and category, in file order; lines left over, by scope, activity and category (a relabelled line).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ghgcalc.core.edition_gwp import EDITION_GWP, result_weights
from ghgcalc.i18n import N_, tr
from ghgcalc.models.result import InventoryResult, Line
from ghgcalc.reports.cfo_text import NOTE_EXACT, heading, period_text, scope_name
from ghgcalc.reports.markdown import SCOPES, line_name, scope_totals
from ghgcalc.reports.report_xlsx import (
    FMT_PCT_NUMBER,
    FMT_TCO2E,
    SECTION_FILL,
    TOTAL_FILL,
    _factor_kg,
    _font,
    _header_row,
    _info,
    _style_row,
    _title,
    _Wrap,
    factor_sets_text,
    form_page,
    notes,
    put,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SIGNIFICANT_CHANGE = 0.05  # TGO's materiality threshold, applied to the base year's total
WIDTHS = {1: 6, 2: 30, 3: 9, 4: 15, 5: 15, 6: 15, 7: 10, 8: 26, 9: 26, 10: 14, 11: 15}
NOTE_RULE = N_(
    "Base-year recalculation: ISO 14064-1:2018, which TGO's CFO requirements follow, asks for the base "
    "year to be recalculated when a structural change (a site or source moved into or out of the "
    "boundary), a change of method or of emission factors, or an error changes the base year's emissions "
    "significantly. The rule applied here: the factors that changed between the two years are applied to "
    "the base year's activity data (the last column); when that changes the base year's total by 5 % or "
    "more (TGO's materiality threshold), the base year is to be recalculated with the current factors. "
    "Sources found in one year only are listed for the preparer to judge: a structural change, or a "
    "source that started or stopped."
)


@dataclass(frozen=True)
class Pair:
    """A source in both years, or in one of them."""

    now: Line | None
    base: Line | None

    @property
    def factor_change(self) -> str | None:
        """N_-marked English for how the factor changed; None when it did not (or one year lacks it)."""
        if self.now is None or self.base is None:
            return None
        a, b = self.now, self.base
        if _factor_kg(a.factor) != _factor_kg(b.factor) or a.factor.per != b.factor.per:
            return N_("factor changed")
        if a.gwp != b.gwp:
            return N_("GWP changed")
        if a.factor.ref != b.factor.ref or a.factor.key != b.factor.key:
            return N_("other version, same values")
        return None

    @property
    def effect(self) -> float | None:
        """tCO2e the base year would change by with this year's factor per unit of activity (when the
        two lines count in the same unit)."""
        a, b = self.now, self.base
        if a is None or b is None or self.factor_change not in ("factor changed", "GWP changed"):
            return None
        if a.unit != b.unit or not a.amount:
            return None
        return b.amount * (a.t_co2e / a.amount) - b.t_co2e


def _key(line: Line) -> tuple[str, ...]:
    return ("id", line.id) if line.id else (str(line.scope), line.activity, line.label or "", line.category or "")


def _loose_key(line: Line) -> tuple[str, ...]:
    """A second chance for a line relabelled between the years ("86 staff" and "82 staff")."""
    return ("id", line.id) if line.id else (str(line.scope), line.activity, line.category or "")


def pairs(result: InventoryResult, base: InventoryResult) -> list[Pair]:
    """The sources of the two years matched, by id or scope, activity, label and category, then what
    is left by scope, activity and category: this year's in their order, then the base year's left."""
    found: dict[int, Line] = {}  # this year's line index -> its base-year line
    left = list(base.lines)
    for key in (_key, _loose_key):
        for line in result.lines:
            if line.index in found:
                continue
            match = next((other for other in left if key(other) == key(line)), None)
            if match is not None:
                found[line.index] = match
                left.remove(match)
    matched = [Pair(line, found.get(line.index)) for line in result.lines]
    return matched + [Pair(None, line) for line in left]


def recalculation_sheet(ws: Worksheet, result: InventoryResult, base: InventoryResult) -> None:
    from openpyxl.styles import Alignment

    _title(ws, tr("Fr-04.3 Base year and its recalculation"))
    row = _info(ws, 2, tr("Name"), result.name, 4)
    row = _info(ws, row, tr("Reporting year"), period_text(result.period), 4)
    row = _info(ws, row, tr("Base year"), period_text(base.period), 4)
    row = _info(ws, row, tr("Factor sets, reporting year"), factor_sets_text(result), 4)
    row = _info(ws, row, tr("Factor sets, base year"), factor_sets_text(base), 4)
    gwp = result.gwp if result.gwp == base.gwp else tr("{now} (base year: {base})", now=result.gwp, base=base.gwp)
    row = _info(ws, row, tr("GWP set"), gwp, 4)
    weights, base_weights = result_weights(result), result_weights(base)
    if weights or base_weights:  # an edition's own weight: why a source's GWP changed under one set
        if weights != base_weights:
            weights = tr("{now} (base year: {base})", now=weights or result.gwp, base=base_weights or base.gwp)
        row = _info(ws, row, tr(EDITION_GWP), weights, 4)
    row += 1

    matched = pairs(result, base)
    effects = [pair.effect for pair in matched if pair.effect is not None]
    effect = math.fsum(effects)
    share = effect / base.total_t_co2e if base.total_t_co2e else None
    put(ws, row, 1, tr("Recalculation"))
    _style_row(ws, row, len(WIDTHS), SECTION_FILL)
    row += 1
    changed = sum(1 for pair in matched if pair.factor_change in ("factor changed", "GWP changed"))
    one_year = sum(1 for pair in matched if pair.now is None or pair.base is None)
    verdict = _verdict(share, changed)
    # counts and tonnes as numbers a verifier can add up and recompute (the note: cells hold the exact
    # values, only their display is rounded), the share in % as the scope table's
    facts: tuple[tuple[str, object, str | None], ...] = (
        (tr("Sources whose factor or GWP changed"), changed, "0"),
        (tr("Effect on the base year's total (tCO2e)"), effect, FMT_TCO2E),
        (tr("Effect, % of the base year's total"), 100 * share if share is not None else "-", FMT_PCT_NUMBER),
        (tr("Sources in one year only"), one_year, "0"),
        (tr("Finding"), verdict, None),
    )
    for label, value, shown in facts:
        put(ws, row, 1, label).font = _font(bold=True)
        put(ws, row, 4, value, shown if not isinstance(value, str) else None).alignment = Alignment(horizontal="left")
        row += 1
    row = _scope_table(ws, result, base, row + 1)
    row, first, end = _source_table(ws, matched, row + 1)
    notes(ws, row + 1, [tr(NOTE_RULE), tr(NOTE_EXACT)], list(WIDTHS.values()))
    form_page(ws, WIDTHS, _Wrap(frozenset({2, 8, 9, 10}), first, end), header_rows=f"{first - 1}:{first - 1}")


def _verdict(share: float | None, changed: int) -> str:
    if not changed:
        return tr("no factor changed between the two years: no recalculation for factors")
    if share is None:
        return tr("the base year's total is zero: judge by hand")
    if abs(round(share, 12)) >= SIGNIFICANT_CHANGE:
        return tr("5 % or more: recalculate the base year with the current factors")
    return tr("below 5 %: no recalculation needed for factors")


def _scope_table(ws: Worksheet, result: InventoryResult, base: InventoryResult, row: int) -> int:
    put(ws, row, 1, tr("By scope"))
    _style_row(ws, row, len(WIDTHS), SECTION_FILL)
    _header_row(
        ws,
        row + 1,
        [
            "",
            heading(N_("Scope")),
            "",
            heading(N_("Base year\n(tCO2e)")),
            heading(N_("Reporting year\n(tCO2e)")),
            heading(N_("Change\n(tCO2e)")),
            heading(N_("Change\n(%)")),
        ],
    )
    row += 2
    now, then = scope_totals(result), scope_totals(base)
    rows = [(scope_name(scope), then[scope], now[scope], False) for scope in SCOPES]
    rows.append((tr("Scope 1+2 total"), then[1] + then[2], now[1] + now[2], True))
    rows.append((tr("Scope 1+2+3 total"), base.total_t_co2e, result.total_t_co2e, True))
    for label, before, after, total in rows:
        put(ws, row, 2, label)
        _change(ws, row, 4, before, after)
        if total:
            _style_row(ws, row, 7, TOTAL_FILL)
        row += 1
    return row


def _change(ws: Worksheet, row: int, column: int, before: float | None, after: float | None) -> None:
    """Base, now, the change and the change in % of the base, from `column` on."""
    if before is not None:
        put(ws, row, column, before, FMT_TCO2E)
    if after is not None:
        put(ws, row, column + 1, after, FMT_TCO2E)
    if before is not None and after is not None:
        put(ws, row, column + 2, after - before, FMT_TCO2E)
        if before:
            put(ws, row, column + 3, 100 * (after - before) / before, FMT_PCT_NUMBER)


def _source_table(ws: Worksheet, matched: list[Pair], row: int) -> tuple[int, int, int]:
    from openpyxl.styles import Alignment

    put(ws, row, 1, tr("By source"))
    _style_row(ws, row, len(WIDTHS), SECTION_FILL)
    _header_row(
        ws,
        row + 1,
        [
            heading(N_("#")),
            heading(N_("Emission source")),
            heading(N_("Scope")),
            heading(N_("Base year\n(tCO2e)")),
            heading(N_("Reporting year\n(tCO2e)")),
            heading(N_("Change\n(tCO2e)")),
            heading(N_("Change\n(%)")),
            heading(N_("Factor, base year")),
            heading(N_("Factor, reporting year")),
            heading(N_("Factor change")),
            heading(N_("Effect on the base year\n(tCO2e)")),
        ],
    )
    first = row = row + 2
    center = Alignment(horizontal="center", vertical="top")
    for pair in matched:
        line = pair.now or pair.base
        assert line is not None
        if pair.now is not None:
            put(ws, row, 1, pair.now.index + 1).alignment = center
        put(ws, row, 2, line_name(line))
        put(ws, row, 3, line.scope).alignment = center
        _change(ws, row, 4, pair.base.t_co2e if pair.base else None, pair.now.t_co2e if pair.now else None)
        for column, side in ((8, pair.base), (9, pair.now)):
            if side is not None:
                put(ws, row, column, f"{side.factor.ref} {side.factor.key}")
        if pair.now is None:
            put(ws, row, 10, tr("base year only"))
        elif pair.base is None:
            put(ws, row, 10, tr("reporting year only"))
        elif pair.factor_change is not None:
            put(ws, row, 10, tr(pair.factor_change)).font = _font(
                bold=pair.factor_change != "other version, same values"
            )
        if pair.effect is not None:
            put(ws, row, 11, pair.effect, FMT_TCO2E)
        row += 1
    return row, first, row
