"""An inventory's own line that gives what one of its activity tables gives already (docs/tables.md).

A table that replaces hand-typed provincial totals (examples/province-bottom-up: 36,000 customers
for the grid electricity lines) is added to the inventory, and the lines it replaces stay: both
are counted, and the total is too large by those lines, without a word. A class of a table's rows
(its activity, unit, placement and grades) is one line of the result; an own line of the same
activity, scope and GPC reference whose emissions are the class's, to a billionth, is the same
quantity written twice. So is one whose emissions are the sum of a table's classes of that activity,
scope and GPC reference: a province's meters split by district (`division`), by grade or by unit are
several classes, and its provincial total is all of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ghgcalc.errors import Issue, warning
from ghgcalc.i18n import N_, tr
from ghgcalc.models.result import Line, TableSummary


def table_twins(lines: Sequence[Line], summaries: Sequence[TableSummary]) -> list[Issue]:
    """A warning at each own line (one not made from a table's rows) whose activity, scope, GPC
    reference and tonnes are those of a table's class of rows."""
    from_tables: dict[tuple[str, int, str | None], list[tuple[Line, TableSummary]]] = {}
    for summary in summaries:
        for line in lines:
            if summary.first_line <= line.index < summary.first_line + summary.lines and line.t_co2e > 0:
                from_tables.setdefault((line.activity, line.scope, line.gpc), []).append((line, summary))
    if not from_tables:
        return []
    made = {line.index for _, pairs in from_tables.items() for line, _ in pairs}
    sums = _sums(from_tables)
    issues = []
    for line in lines:
        if line.index in made or line.t_co2e <= 0:
            continue
        key = (line.activity, line.scope, line.gpc)
        for twin, summary in from_tables.get(key, ()):
            if math.isclose(line.t_co2e, twin.t_co2e, rel_tol=1e-9):
                message = tr(
                    "the same activity and emissions ({t_co2e} t CO2e) as the rows of the table {table} "
                    "({rows}): both are counted",
                    t_co2e=f"{line.t_co2e:,.4g}",
                    table=summary.file,
                    rows=twin.label or "",
                )
                issues.append(warning("line-repeated", message, ("activities", line.index), tr(HINT)))
                break
        else:
            for tables, classes, t_co2e in sums.get(key, ()):
                if math.isclose(line.t_co2e, t_co2e, rel_tol=1e-9):
                    message = tr(
                        "the same activity and emissions ({t_co2e} t CO2e) as the {classes} lines of the result "
                        "that the rows of {tables} with this activity and GPC reference make together: both are "
                        "counted",
                        t_co2e=f"{line.t_co2e:,.4g}",
                        classes=classes,
                        tables=tables,
                    )
                    issues.append(warning("line-repeated", message, ("activities", line.index), tr(HINT)))
                    break
    return issues


HINT = N_(
    "if the table's rows replace this line, remove the line; if both are real, check that they are not the same "
    "data counted twice"
)


def _sums(
    from_tables: dict[tuple[str, int, str | None], list[tuple[Line, TableSummary]]],
) -> dict[tuple[str, int, str | None], list[tuple[str, int, float]]]:
    """For each activity, scope and GPC reference made by more than one class: the tables' names, the
    classes and their summed tonnes, for each table of several such classes and for all the tables."""
    sums: dict[tuple[str, int, str | None], list[tuple[str, int, float]]] = {}
    for key, pairs in from_tables.items():
        if len(pairs) < 2:
            continue
        by_table: dict[str, list[float]] = {}
        for line, summary in pairs:
            by_table.setdefault(summary.file, []).append(line.t_co2e)
        found = [(name, len(tonnes), math.fsum(tonnes)) for name, tonnes in by_table.items() if len(tonnes) > 1]
        if len(by_table) > 1:
            found.append((", ".join(by_table), len(pairs), math.fsum(line.t_co2e for line, _ in pairs)))
        sums[key] = found
    return sums
