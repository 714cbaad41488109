"""Slips of an activity table that give a plausible total without a word (docs/tables.md), found
in SQL over its rows: numbers whose dot a European spreadsheet put between thousands.

A CSV separated by semicolons is what a spreadsheet set to a European language saves (its list
separator is `;` because its decimal mark is the comma). It writes one thousand formatted with a
thousands separator as `1.000` and twelve thousand five hundred as `12.500`: read as 1 and 12.5,
a table of such amounts would come to a thousandth of its total. Its decimals have a comma
(`2,5`), which the strict reader refuses already; so a semicolon table whose dotted numbers all
have three digits after their one dot is said, at its first such number, and not guessed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ghgcalc.errors import Issue, Severity
from ghgcalc.i18n import tr
from ghgcalc.numbers import number_text

if TYPE_CHECKING:
    from ghgcalc.io.tables import _Rows

# a number whose one dot is followed by three digits, its first group not 0 (0.500 is no thousand)
_THOUSANDS_DOT = r"[+-]?[1-9]\d{0,2}\.\d{3}"


def thousands_dots(rows: _Rows) -> list[Issue]:
    """An error at the first number of a semicolon-separated table that reads as thousands with a
    dot (`1.000`), when no number of it has a dot followed by other than three digits (`12.5`, a
    decimal point; `2.000,5` has a decimal comma, refused as such, and is European all the more)."""
    from ghgcalc.io.tables import _literal, _trimmed

    table = rows.table
    if table.separator != ";" or not rows.numeric:
        return []
    parts = []
    for number, column in enumerate(rows.numeric):
        text = _trimmed(column)
        dotted = f"regexp_full_match({text}, {_literal(_THOUSANDS_DOT)})"
        parts.append(
            f"SELECT {number} AS col, count(*) FILTER (WHERE {dotted}) AS dotted, "
            f"count(*) FILTER (WHERE contains({text}, '.') AND NOT contains({text}, ',') AND NOT {dotted}) AS other, "
            f"arg_min({text}, __row) FILTER (WHERE {dotted}) AS first, min(__row) FILTER (WHERE {dotted}) AS at "
            "FROM src"
        )
    found = table.con.execute(" UNION ALL ".join(parts)).fetchall()
    if any(other for _, _, other, _, _ in found) or not any(dotted for _, dotted, _, _, _ in found):
        return []
    number, _, _, first, at = min((r for r in found if r[1]), key=lambda r: r[4])
    column = rows.numeric[number]
    whole = first.lstrip("+-").replace(".", "")
    message = tr(
        "'{text}' in a table separated by semicolons: a spreadsheet set to a European language writes "
        "{whole} so, with a dot between the thousands, and ghgcalc would read {read}; no number of the "
        "table has a dot before other than three digits",
        text=first,
        whole=f"{int(whole):,}",
        read=number_text(float(first)),
    )
    hint = tr(
        "if the dot separates thousands, format the amount cells without a thousands separator (1000) "
        "and save again; if it is a decimal point, save the table with commas between its values"
    )
    where = table.where(at, column, rows.columns.order)
    return [Issue("table-thousands-dot", message, Severity.ERROR, where, hint=hint)]


# a label that says the row adds up others (io/excel_row_slips.reads_like_total, in SQL)
_TOTAL_LABEL = r"^(รวม|ผลรวม|ยอดรวม|grand total|(total|subtotal|sum):?(\s|$))"


def subtotals(rows: _Rows) -> list[Issue]:
    """Rows that look like a total of the other rows of their activity, as on an Excel inventory's
    Activities sheet (subtotal-suspected): a label that says so (รวม, Total), or a last row whose
    amount is the sum of the two or more rows of the activity above it (a report's totals line). A
    table counts every row, so such a row counts its rows twice. One pass over the rows, grouped by
    activity (a running sum over millions of rows would double the memory of the run); the first
    rows are listed, the rest counted."""
    from ghgcalc.io.tables import LISTED, _issue, _literal, _more

    if "activity" not in rows.columns.fields:
        return []
    said = "false"
    if "label" in rows.columns.fields:
        said = f"regexp_matches(lower(trim(label)), {_literal(_TOTAL_LABEL)})"
    con = rows.table.con
    found = con.execute(
        "SELECT k_activity, count(*), fsum(amount), arg_max(amount, __row), max(__row), "
        f"count(*) FILTER (WHERE {said}), arg_max({said}, __row) FROM rows WHERE problem IS NULL AND NOT bad "
        "GROUP BY k_activity"
    ).fetchall()
    listed: list[tuple[int, object]] = []
    every = 0  # the rows said, listed or counted
    for activity, count, total, last, row, labelled, last_labelled in found:
        every += labelled
        if count >= 3 and last and last > 0 and math.isclose(last, total - last, rel_tol=1e-6):
            listed.append((row, activity))
            every += 0 if last_labelled else 1
        if labelled:
            listed += con.execute(
                f"SELECT __row, k_activity FROM rows WHERE problem IS NULL AND NOT bad AND {said} "
                f"AND k_activity IS NOT DISTINCT FROM ? ORDER BY __row LIMIT {LISTED}",
                [activity],
            ).fetchall()
    listed = sorted(set(listed), key=lambda pair: pair[0])
    table, column = rows.table, rows.columns.fields["activity"]
    issues = []
    for row, activity in listed[:LISTED]:
        message = tr(
            "this row looks like a total of the {activity} rows above it (its label, or its amount, which "
            "is their sum): if it is, their emissions are counted twice",
            activity=str(activity).strip(),
        )
        hint = tr("delete the total row: every row of a table is counted")
        issues.append(_issue("subtotal-suspected", message, table.where(row, column, rows.columns.order), hint, False))
    if every > len(issues):
        issues.append(_more(table, "subtotal-suspected", every - len(issues), severe=False))
    return issues
