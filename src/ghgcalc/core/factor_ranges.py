"""Lines that use one factor row but give it different ranges (docs/uncertainty.md): the uncertainty
analysis can only take them as different factors, independent of each other, while the row is one
value whose error moves every line on it together; warned so the grades or ranges are made the same."""

from __future__ import annotations

from collections.abc import Sequence

from ghgcalc.errors import Issue, warning
from ghgcalc.i18n import tr
from ghgcalc.models.result import Line


def _range_text(pct: tuple[float, float]) -> str:
    return f"±{pct[1]:g} %" if -pct[0] == pct[1] else f"[{pct[0]:g}, {pct[1]:g}] %"


def _stated(line: Line) -> tuple[tuple[object, ...], str] | None:
    """What decides the line's factor range, and how to say it; None where nothing on the line does
    (the row publishes a range for every gas)."""
    given = line.uncertainty_given
    if given is not None and given.factor is not None:
        return ("given", given.factor), tr("uncertainty: factor {range}", range=_range_text(given.factor))
    if all(value.uncertainty is not None for value in line.factor.gases):
        return None
    grade = line.data_quality.factor if line.data_quality else None
    if grade is None:
        return ("grade", None), tr("no factor grade")
    return ("grade", grade), tr("factor grade {grade}", grade=grade)


def differing_ranges(lines: Sequence[Line], written: int) -> list[Issue]:
    """A warning at the first line (of the inventory's own `written` activities) whose factor range is
    stated differently from the first line on the same factor row."""
    first: dict[tuple[str, str, str], tuple[Line, tuple[object, ...], str]] = {}
    warned: set[tuple[str, str, str]] = set()
    issues: list[Issue] = []
    for line in lines:
        if line.method_params is not None or line.index >= written or not line.t_co2e:
            continue
        stated = _stated(line)
        row = (line.factor.ref, line.factor.key, line.factor.per)
        if stated is None or row in warned:
            continue
        if row not in first:
            first[row] = (line, *stated)
            continue
        other, key, said = first[row]
        if stated[0] == key:
            continue
        warned.add(row)
        field = "uncertainty" if stated[0][0] == "given" else "data_quality"
        issues.append(
            warning(
                "factor-range-differs",
                tr(
                    "this line and line {number} use the same factor ({factor}) with different ranges ({mine}; "
                    "line {number}: {theirs}): the uncertainty analysis takes them as two factors independent "
                    "of each other, so the total looks more certain than it is",
                    number=other.index + 1,
                    factor=f"{line.factor.ref} {line.factor.key}",
                    mine=stated[1],
                    theirs=said,
                ),
                ("activities", line.index, field),
                tr(
                    "one factor has one uncertainty: give every line of it the same factor grade, "
                    "or the same uncertainty: factor"
                ),
            )
        )
    return issues
