"""The words of the CFO workbook's forms, in the language of the run (docs/cfo-report.md).

Titles, labels, row names and notes are shown with `tr` (Thai with --lang th, as TGO writes its
forms; English with en). A column heading is bilingual, Thai over English, as the headings of TGO's
V-Sheet are, whatever the language: `heading(N_("Quantity"))` gives "ปริมาณ\\nQuantity", so that a
verifier and an English reader find the same column. Years and dates are shown as the inventory
wrote them (B.E. for FY2567): `period_text`, `year_text`, `date_text`.

Nothing here runs at import: constants are English, marked with N_, and translated where shown.
"""

from __future__ import annotations

import datetime as dt

from ghgcalc.i18n import N_, catalog, tr
from ghgcalc.models.period import Period
from ghgcalc.models.result import BIOGENIC, NON_KYOTO
from ghgcalc.thai import show_date

# Scopes as TGO's forms name them (the glossary: ประเภทที่ 1, 2, 3).
SCOPE_NAMES = {1: N_("Scope 1"), 2: N_("Scope 2"), 3: N_("Scope 3")}
SCOPE_TITLES = {
    1: N_("Scope 1: direct emissions"),
    2: N_("Scope 2: energy indirect emissions"),
    3: N_("Scope 3: other indirect emissions"),
}
SCOPE_TOTALS = {1: N_("Scope 1 total"), 2: N_("Scope 2 total"), 3: N_("Scope 3 total")}
SEPARATE_KINDS = {BIOGENIC: N_("Biogenic CO2"), NON_KYOTO: N_("Non-Kyoto gases (e.g. R-22)")}
# Types of local government (models.inventory.LOCAL_GOVERNMENT_TH holds their Thai names; the
# catalog gives the same Thai, tests/io/test_cfo_report.py checks it).
LOCAL_GOVERNMENT = {
    "city-municipality": N_("City municipality"),
    "town-municipality": N_("Town municipality"),
    "subdistrict-municipality": N_("Subdistrict municipality"),
    "provincial-administrative-organization": N_("Provincial administrative organization"),
    "subdistrict-administrative-organization": N_("Subdistrict administrative organization"),
    "bangkok": N_("Bangkok Metropolitan Administration"),
    "pattaya": N_("Pattaya City"),
}
CONSOLIDATION = {
    "operational-control": N_("Operational control"),
    "financial-control": N_("Financial control"),
    "equity-share": N_("Equity share"),
}
TIERS = {
    "1st": N_("1st: Self collect / Supplier"),
    "2nd": N_("2nd: TH LCI DB / TGO EF / Thai Res. / Int. DB"),
    "other": N_("Other"),
}
NOTE_EXACT = N_("Cells hold the exact computed values; only their display is rounded.")
NOTE_TO_FILL = N_("Shaded cells are to be filled in by hand: the inventory does not give them.")
NOTE_TIER = N_(
    "Data source tier (TGO Fr-04.1): 1st = Self collect / Supplier; "
    "2nd = TH LCI DB / TGO EF / Thai Res. / Int. DB; other = Other."
)


def heading(msgid: str, /, **params: object) -> str:
    """A column heading: the Thai text over the English one (the English alone where the catalog
    has no Thai, or the same), placeholders filled in both."""
    english = msgid.format(**params) if params else msgid
    thai = catalog("th").get(msgid)
    if not thai:
        return english
    thai = thai.format(**params) if params else thai
    if thai == english:
        return english
    thai_lines, english_lines = thai.split("\n"), english.split("\n")
    if len(thai_lines) == len(english_lines) and any(a == b for a, b in zip(thai_lines, english_lines, strict=True)):
        # "EF CO2 / (kg/หน่วย)" over "EF CO2 / (kg/unit)": the line they share once
        merged = [a if a == b else f"{a}\n{b}" for a, b in zip(thai_lines, english_lines, strict=True)]
        return "\n".join(merged)
    return f"{thai}\n{english}"


def scope_name(scope: int) -> str:
    return tr(SCOPE_NAMES[scope])


def fiscal(period: Period) -> bool:
    """Whether the period is a Thai fiscal year (1 October to 30 September)."""
    start, end = period.start, period.end
    return (start.month, start.day, end.month, end.day) == (10, 1, 9, 30) and end.year == start.year + 1


def period_text(period: Period) -> str:
    """The period as every report shows it (Period.shown): 'ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)',
    its year and its days in the same calendar (as the inventory wrote them, or --calendar)."""
    return period.shown


def date_text(date: dt.date | None, period: Period) -> str | None:
    """A date shown in the calendar of the inventory's period (B.E. for an inventory written so)."""
    return None if date is None else show_date(date, period.buddhist)


def local_government(kind: str | None) -> str | None:
    """The type of local government in the run's language; the Thai name, as the law has it, in brackets
    in an English report."""
    if kind is None:
        return None
    from ghgcalc.models.inventory import LOCAL_GOVERNMENT_TH

    shown = tr(LOCAL_GOVERNMENT[kind])
    thai = LOCAL_GOVERNMENT_TH[kind]
    return shown if shown == thai else tr("{name} ({thai})", name=shown, thai=thai)
