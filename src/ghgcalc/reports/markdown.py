"""A Markdown summary of results, for e-mail and wikis; the report vocabulary the XLSX report shares.

Pure: results in, text out. Numbers are the exact values of the result (15 significant digits, no
exponent); only shares are rounded, and the TGO Fr-05 column rounds each scope up to a tonne.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from ghgcalc.core.edition_gwp import EDITION_GWP, result_weights
from ghgcalc.errors import printable
from ghgcalc.i18n import N_, language, tr
from ghgcalc.io.factor_names import factor_name
from ghgcalc.io.xlsx_book import NOISE
from ghgcalc.models.period import Period
from ghgcalc.models.result import BIOGENIC, NON_KYOTO, InventoryResult, Line

SCOPES = (1, 2, 3)
# Shown with tr(): in the language of the run, the Thai in TGO's words (ประเภทที่ 1 ...).
SCOPE_LABELS = {
    1: N_("Scope 1 direct"),
    2: N_("Scope 2 energy indirect"),
    3: N_("Scope 3 other indirect"),
}
SEPARATE_LABELS = {
    BIOGENIC: N_("Biogenic CO2"),
    NON_KYOTO: N_("Non-Kyoto gases, e.g. R-22"),
}
KINDS = {"organization": N_("organization"), "community": N_("community")}
LARGEST = 5
# A scope total is rounded up after rounding away float noise below a microgram: fsum of exact
# line values can give 3.0000000000000004 where the form's arithmetic gives 3, and 3 must stay 3.
_NOISE_DECIMALS = 9
_INTEGRAL_LIMIT = 1e15
# Characters that mean something to Markdown inside a table cell or a heading (<> start HTML).
_MARKDOWN_SPECIAL = "\\|`*_[]<>"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def round_up(tonnes: float) -> int:
    """Whole tonnes rounded up, as TGO's Fr-05 does with ROUNDUP(x, 0) for each scope."""
    return math.ceil(round(tonnes, _NOISE_DECIMALS))


def scope_totals(result: InventoryResult) -> dict[int, float]:
    """Every scope 1-3 with its exact total, 0.0 where no line falls in it."""
    found = result.by_scope_t_co2e
    return {scope: found.get(str(scope), 0.0) for scope in SCOPES}


def largest(result: InventoryResult, count: int) -> list[Line]:
    """The `count` lines with the most tCO2e in the total, largest first (ties in file order)."""
    counted = [line for line in result.lines if line.t_co2e > 0]
    return sorted(counted, key=lambda line: (-line.t_co2e, line.index))[:count]


def line_name(line: Line) -> str:
    """What a person calls the line: its label, else the factor's name, else the activity key."""
    return line.label or factor_name(line.factor) or line.activity


def factor_refs(result: InventoryResult) -> dict[str, list[str]]:
    """set@version -> the factor keys used from it, in the order the lines first use them."""
    used: dict[str, list[str]] = {}
    for line in result.lines:
        keys = used.setdefault(line.factor.ref, [])
        if line.factor.key not in keys:
            keys.append(line.factor.key)
    return used


def exact(value: float) -> str:
    """A number as the result holds it, to 15 significant digits (what a spreadsheet shows; the 16th
    and 17th digits of a float are noise, as in 70.15096700000001), never in exponent form."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < _INTEGRAL_LIMIT:
        return f"{int(value):,}"
    return format(Decimal(format(value, ".15g")), ",f")


def fixed(value: float, decimals: int) -> str:
    """Thousands separated with `decimals` decimals, rounded as a spreadsheet rounds what it shows:
    half away from zero on the value's decimal digits (15 significant, as a spreadsheet holds them),
    so 4.25 % reads 4.3 % and 2.675 t reads 2.68 t in Markdown and in the workbook alike. A value
    that is not 0 but would read 0.00 reads "< 0.01" (below), as the workbook shows it."""
    if not math.isfinite(value):
        return str(value)
    digits = Decimal(format(value, ".15g")).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if not digits and abs(value) >= NOISE:
        return below(value, decimals)
    return format(digits + 0, f",.{decimals}f")  # + 0: -0.00 reads 0.00


def below(value: float, decimals: int) -> str:
    """A value too small to show with `decimals` decimals: "< 0.01" ("> -0.01" below zero), never
    0.00, which a reader takes for a source that emits nothing (io/xlsx_book.tiny_format: the same
    text in a workbook's cell). Below NOISE a value is float noise and reads 0."""
    step = format(Decimal(1).scaleb(-decimals), "f")
    return f"< {step}" if value > 0 else f"> -{step}"


def percent(part: float, whole: float) -> str:
    """A share to one decimal, rounded as every format rounds it (render_markdown.fixed: 4.25 % reads
    4.3 %, as on the web page); a line's share too small for it reads "< 0.1 %", never 0.0 %."""
    if not whole:
        return "-"
    share = 100 * part / whole
    if abs(part) >= 1e-9 and abs(share) < 0.05:  # below 1e-9 t, float noise (xlsx_book.NOISE)
        return "< 0.1 %" if share > 0 else "> -0.1 %"
    return fixed(share, 1) + " %"


def text(value: object) -> str:
    """User text made safe for a table cell or a heading: one line (line breaks become spaces),
    control characters dropped (an ANSI escape loses its ESC), bidirectional overrides and
    zero-width characters shown as escapes (\\u202e: errors.printable), and Markdown's characters
    escaped, so `|` cannot split a cell and `<script>` is shown, not run."""
    flat = printable(_CONTROL.sub("", " ".join(str(value).splitlines())))
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in flat)


def period_text(period: Period) -> str:
    """The period as every report shows it (Period.shown): its name and its days in the same calendar."""
    return period.shown


def kind_text(kind: str) -> str:
    return tr(KINDS[kind]) if kind in KINDS else kind


def bold(words: str) -> str:
    return f"**{words}**"


def row(cells: list[str]) -> str:
    """A Markdown table row."""
    return "| " + " | ".join(cells) + " |"


def to_markdown(results: list[InventoryResult]) -> str:
    """One section per inventory, separated by a rule, each laid out by its kind: an organisation's
    summary here, a community's in the GPC's tables (reports/gpc_report.py), as the web page does."""
    from ghgcalc.reports.inventory_report import gpc_layout, page
    from ghgcalc.reports.render_markdown import render

    return "\n---\n\n".join(render(page(result)) if gpc_layout(result) else _one(result) for result in results)


def _one(result: InventoryResult) -> str:
    out: list[str] = []
    total = result.total_t_co2e
    scopes = scope_totals(result)
    sets = ", ".join(f"{s.ref} (sha256 {s.sha256[:12]})" for s in result.factor_sets) or "-"
    out += [
        f"# {text(result.name)}",
        "",
        "- " + tr("Source: {source}", source=text(result.source)),
        "- " + tr("Kind: {kind}", kind=text(kind_text(result.kind))),
        "- " + tr("Period: {period}", period=text(period_text(result.period))),
        "- " + tr("GWP: {gwp} (100-year)", gwp=text(result.gwp)),
        *([f"- {tr(EDITION_GWP)}: {text(weights)}"] if (weights := result_weights(result)) else []),
        "- " + tr("Factor sets: {sets}", sets=text(sets)),
        "",
        "## " + tr("Emissions by scope"),
        "",
        row([tr("Scope"), "tCO2e", tr("TGO Fr-05 (rounded up)"), tr("Share")]),
        "|---|---:|---:|---:|",
    ]
    for scope in SCOPES:
        if str(scope) in result.by_scope_t_co2e:
            value = scopes[scope]
            out.append(row([tr(SCOPE_LABELS[scope]), exact(value), f"{round_up(value):,}", percent(value, total)]))
    rounded_total = sum(round_up(value) for value in scopes.values())
    share_total = "100.0 %" if total else "-"
    out += [row([bold(tr("Total")), f"**{exact(total)}**", f"**{rounded_total:,}**", share_total]), ""]
    out += _separate(result)
    out += _intensity(result, scopes)
    out += _largest(result, total)
    if result.analysis is not None or any(line.data_quality or line.evidence for line in result.lines):
        from ghgcalc.reports.analysis_markdown import sections  # only for an analysis or graded lines

        out += sections(result)
    out += _factors(result)
    if result.warnings:
        out += ["", "## " + tr("Warnings: {count}", count=len(result.warnings)), ""]
        out += [f"- {text(f'{issue.severity.value}[{issue.code}]: {issue.message}')}" for issue in result.warnings]
    return "\n".join(out) + "\n"


def _separate(result: InventoryResult) -> list[str]:
    separate = result.separately_reported_t_co2e
    if not any(separate.values()):
        return [tr("Reported separately: none."), ""]
    out = [
        tr('Reported separately, outside the total (the row "อื่น ๆ" of TGO Fr-05):'),
        "",
        row([tr("Reported separately"), "tCO2e"]),
        "|---|---:|",
    ]
    out += [row([tr(SEPARATE_LABELS[name]), exact(value)]) for name, value in separate.items() if value]
    return [*out, ""]


def _intensity(result: InventoryResult, scopes: dict[int, float]) -> list[str]:
    intensity = result.intensity
    if result.output is None or intensity is None:
        return []
    amount, unit, name = result.output
    what = f"{exact(amount)} {text(unit)}" + (f" ({text(name)})" if name else "")
    per = f"tCO2e/{text(unit)}"
    s12_rounded = round_up(scopes[1]) + round_up(scopes[2])
    all_rounded = s12_rounded + round_up(scopes[3])
    return [
        "## " + tr("Carbon intensity, output {output}", output=what),
        "",
        row([tr("Scopes"), per, tr("TGO Fr-05 (from rounded-up tonnes)")]),
        "|---|---:|---:|",
        row([tr("Scope 1+2"), exact(intensity["scope_1_2"]), exact(s12_rounded / amount)]),
        row([tr("Scope 1+2+3"), exact(intensity["scope_1_2_3"]), exact(all_rounded / amount)]),
        "",
    ]


def _largest(result: InventoryResult, total: float) -> list[str]:
    top = largest(result, LARGEST)
    if not top:
        return []
    out = [
        "## " + tr("Largest sources"),
        "",
        row(["#", tr("Emission source"), tr("Activity"), tr("Scope"), "tCO2e", tr("Share")]),
        "|---:|---|---|---:|---:|---:|",
    ]
    for rank, line in enumerate(top, start=1):
        out.append(
            row(
                [
                    str(rank),
                    text(line_name(line)),
                    text(line.activity),
                    str(line.scope),
                    exact(line.t_co2e),
                    percent(line.t_co2e, total),
                ]
            )
        )
    return [*out, ""]


def _factors(result: InventoryResult) -> list[str]:
    thai = language() == "th"
    titles = {s.ref: s.title_th if thai and s.title_th else s.title for s in result.factor_sets}
    out = ["## " + tr("Factors used"), ""]
    if not factor_refs(result):
        out.append(tr("None: the inventory has no lines."))
    for ref, keys in factor_refs(result).items():
        title = f" ({text(titles[ref])})" if titles.get(ref) else ""
        out.append(f"- {text(ref)}{title}: {', '.join(text(key) for key in keys)}")
    return out
