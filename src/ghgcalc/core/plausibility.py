"""Warnings for numbers that are possible but probably wrong: none of them stops a calculation."""

from __future__ import annotations

import statistics

from ghgcalc.errors import Issue, warning
from ghgcalc.models.result import Line

# A month this many times its line's typical month (or this many times smaller) is likely a typo.
MONTH_RATIO = 100
# A line this share of the total, and this many times the next largest, likely has a unit slip.
DOMINANT_SHARE = 0.9
DOMINANT_RATIO = 100


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1 else f"{value:.3g}"


def check(lines: list[Line]) -> list[Issue]:
    issues = _monthly_outliers(lines)
    issues.extend(_dominant_line(lines))
    issues.extend(_unusual_scope(lines))
    return issues


def _monthly_outliers(lines: list[Line]) -> list[Issue]:
    issues = []
    for line in lines:
        months = line.monthly or ()
        if len([m for m in months if m > 0]) < 3:
            continue
        for position, value in enumerate(months):
            others = [m for i, m in enumerate(months) if i != position and m > 0]
            typical = statistics.median(others)
            if typical <= 0 or value <= 0:
                continue
            ratio = value / typical
            if ratio == 0 or ratio == float("inf"):
                continue  # denormal numbers: no typing slip makes these
            if ratio >= MONTH_RATIO or ratio <= 1 / MONTH_RATIO:
                times = f"{ratio:,.0f} times" if ratio >= 1 else f"1/{1 / ratio:,.0f} of"
                issues.append(
                    warning(
                        "amount-outlier",
                        f"month {position + 1} ({_number(value)}) is {times} the median of the other months "
                        f"({_number(typical)})",
                        ("activities", line.index, "amount", position),
                        "check for a typing slip (an extra digit, a total typed into one month)",
                    )
                )
    return issues


def _dominant_line(lines: list[Line]) -> list[Issue]:
    if len(lines) < 3:
        return []
    ordered = sorted(lines, key=lambda line: line.t_co2e, reverse=True)
    total = sum(line.t_co2e for line in lines)
    largest, second = ordered[0], ordered[1]
    if total <= 0 or largest.t_co2e < DOMINANT_SHARE * total or largest.t_co2e < DOMINANT_RATIO * second.t_co2e:
        return []
    return [
        warning(
            "line-dominates",
            f"this line is {100 * largest.t_co2e / total:.1f} % of the total and "
            f"{largest.t_co2e / max(second.t_co2e, 1e-30):,.0f} times the next largest",
            ("activities", largest.index, "unit"),
            f"check its unit and amount: {_number(largest.amount)} {largest.unit} (t typed for kg, MWh for kWh?)",
        )
    ]


def _unusual_scope(lines: list[Line]) -> list[Issue]:
    issues = []
    for line in lines:
        usual = line.factor.scope
        if usual is not None and line.scope != usual and line.gpc is None:
            issues.append(
                warning(
                    "scope-unusual",
                    f"'{line.factor.key}' is usually scope {usual}; this line says scope {line.scope}",
                    ("activities", line.index, "scope"),
                    "leave scope out to use the factor's own, unless you mean it",
                )
            )
    return issues
