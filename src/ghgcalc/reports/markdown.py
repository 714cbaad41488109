"""A Markdown summary of results, for e-mail and wikis; the report vocabulary the XLSX report shares.

Pure: results in, text out. Numbers are the exact values of the result (15 significant digits, no
exponent); only shares are rounded, and the TGO Fr-05 column rounds each scope up to a tonne.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from ghgcalc.errors import printable
from ghgcalc.models.result import BIOGENIC, NON_KYOTO, InventoryResult, Line

SCOPES = (1, 2, 3)
SCOPE_LABELS = {
    1: "Scope 1 (ประเภท 1) direct",
    2: "Scope 2 (ประเภท 2) energy indirect",
    3: "Scope 3 (ประเภท 3) other indirect",
}
SEPARATE_LABELS = {
    BIOGENIC: "Biogenic CO2 (CO2 จากชีวมวล)",
    NON_KYOTO: "Non-Kyoto gases, e.g. R-22 (ก๊าซนอกพิธีสารเกียวโต)",
}
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
    return line.label or line.factor.name_en or line.factor.name_th or line.activity


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


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def text(value: object) -> str:
    """User text made safe for a table cell or a heading: one line (line breaks become spaces),
    control characters dropped (an ANSI escape loses its ESC), bidirectional overrides and
    zero-width characters shown as escapes (\\u202e: errors.printable), and Markdown's characters
    escaped, so `|` cannot split a cell and `<script>` is shown, not run."""
    flat = printable(_CONTROL.sub("", " ".join(str(value).splitlines())))
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in flat)


def to_markdown(results: list[InventoryResult]) -> str:
    """One section per inventory, separated by a rule."""
    return "\n---\n\n".join(_one(result) for result in results)


def _one(result: InventoryResult) -> str:
    out: list[str] = []
    total = result.total_t_co2e
    scopes = scope_totals(result)
    sets = ", ".join(f"{s.ref} (sha256 {s.sha256[:12]})" for s in result.factor_sets) or "-"
    out += [
        f"# {text(result.name)}",
        "",
        f"- Source (ไฟล์): {text(result.source)}",
        f"- Kind (ประเภทบัญชี): {text(result.kind)}",
        f"- Period (ช่วงเวลา): {text(result.period.label)}",
        f"- GWP: {text(result.gwp)} (100-year)",
        f"- Factor sets (ชุดค่าการปล่อย): {text(sets)}",
        "",
        "## Emissions by scope (การปล่อยตามประเภท)",
        "",
        "| Scope | tCO2e | TGO Fr-05 (rounded up) | Share |",
        "|---|---:|---:|---:|",
    ]
    for scope in SCOPES:
        if str(scope) in result.by_scope_t_co2e:
            value = scopes[scope]
            out.append(f"| {SCOPE_LABELS[scope]} | {exact(value)} | {round_up(value):,} | {percent(value, total)} |")
    rounded_total = sum(round_up(value) for value in scopes.values())
    share_total = "100.0 %" if total else "-"
    out += [
        f"| **Total (รวม)** | **{exact(total)}** | **{rounded_total:,}** | {share_total} |",
        "",
    ]
    out += _separate(result)
    out += _intensity(result, scopes)
    out += _largest(result, total)
    if result.analysis is not None or any(line.data_quality or line.evidence for line in result.lines):
        from ghgcalc.reports.analysis_markdown import sections  # only for an analysis or graded lines

        out += sections(result)
    out += _factors(result)
    if result.warnings:
        out += ["", f"## Warnings (คำเตือน): {len(result.warnings)}", ""]
        out += [f"- {text(f'{issue.severity.value}[{issue.code}]: {issue.message}')}" for issue in result.warnings]
    return "\n".join(out) + "\n"


def _separate(result: InventoryResult) -> list[str]:
    separate = result.separately_reported_t_co2e
    if not any(separate.values()):
        return ["Separately reported (รายงานแยก): none.", ""]
    out = [
        'Reported separately, outside the total (รายงานแยก, "อื่น ๆ" in TGO Fr-05):',
        "",
        "| Reported separately | tCO2e |",
        "|---|---:|",
    ]
    out += [f"| {SEPARATE_LABELS[name]} | {exact(value)} |" for name, value in separate.items() if value]
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
        f"## Carbon intensity (ความเข้มข้นคาร์บอน), output (ผลผลิต) {what}",
        "",
        f"| Scopes | {per} | TGO Fr-05 (from rounded-up tonnes) |",
        "|---|---:|---:|",
        f"| Scope 1+2 (ประเภท 1+2) | {exact(intensity['scope_1_2'])} | {exact(s12_rounded / amount)} |",
        f"| Scope 1+2+3 (ประเภท 1+2+3) | {exact(intensity['scope_1_2_3'])} | {exact(all_rounded / amount)} |",
        "",
    ]


def _largest(result: InventoryResult, total: float) -> list[str]:
    top = largest(result, LARGEST)
    if not top:
        return []
    out = [
        f"## Largest sources (แหล่งปล่อยหลัก {len(top)} อันดับแรก)",
        "",
        "| # | Source | Activity | Scope | tCO2e | Share |",
        "|---:|---|---|---:|---:|---:|",
    ]
    for rank, line in enumerate(top, start=1):
        out.append(
            f"| {rank} | {text(line_name(line))} | {text(line.activity)} | {line.scope} "
            f"| {exact(line.t_co2e)} | {percent(line.t_co2e, total)} |"
        )
    return [*out, ""]


def _factors(result: InventoryResult) -> list[str]:
    titles = {s.ref: s.title for s in result.factor_sets}
    out = ["## Factors used (ค่าการปล่อยที่ใช้)", ""]
    for ref, keys in factor_refs(result).items():
        title = f" ({text(titles[ref])})" if titles.get(ref) else ""
        out.append(f"- {text(ref)}{title}: {', '.join(text(key) for key in keys)}")
    return out
