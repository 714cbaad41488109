"""Key categories (IPCC 2006 Vol.1 Ch.4) and the uncertainty table by category (Vol.1 Ch.3 Table 3.2).

Categories: a community inventory is assessed by IPCC category and gas, as IPCC Table 4.1 does
(a scope 2 or 3 line, which has no IPCC category, by its GPC reference); an organisation by its
source categories (the lines' `category`), all gases together.

- Level, Approach 1 (Eq. 4.1): L = |E| / sum |E|; in descending order, the categories that together
  make up 95 % of the total are key (the one that crosses 95 % included).
- Trend, Approach 1 (Eq. 4.2), with a base year:
  T = |E0| / sum|E0| x |(Et - E0)/|E0| - (sum Et - sum E0)/|sum E0||, written as
  |(Et - E0) - E0 x (sum Et - sum E0)/sum E0| / sum|E0| so a category new since the base year
  (E0 = 0) has T = Et / sum|E0|; key down to 95 % of the sum of T.
- Approach 2: L x U and T x U (U the category's Approach 1 uncertainty), key down to 90 %.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from ghgcalc.core.uncertainty import LineModel, Model, percent, variance
from ghgcalc.models.analysis import KeyCategory, Table32, Table32Row
from ghgcalc.models.result import InventoryResult, Line

LEVEL = 0.95  # Approach 1 threshold, Vol.1 Ch.4 §4.3.1
WEIGHTED = 0.90  # Approach 2 threshold, Vol.1 Ch.4 §4.3.2

Category = tuple[str, str | None]


def category_of(line: Line, gas: str, kind: str) -> Category:
    if kind == "community":
        return (line.ipcc or line.gpc or "uncategorised", gas)
    return (line.category or line.activity, None)


def emissions(result: InventoryResult) -> dict[Category, float]:
    found: dict[Category, list[float]] = {}
    for line in result.lines:
        for gas, tonnes in line.t_co2e_by_gas.items():
            if tonnes:
                found.setdefault(category_of(line, gas, result.kind), []).append(tonnes)
    return {key: math.fsum(values) for key, values in found.items()}


def _within(shares: dict[Category, float], threshold: float) -> set[Category]:
    """The categories that, largest first, add up to `threshold` of the whole (the one crossing it
    included)."""
    key: set[Category] = set()
    cumulative = 0.0
    for category, share in sorted(shares.items(), key=lambda item: (-item[1], item[0][0], item[0][1] or "")):
        if cumulative >= threshold or share <= 0:
            break
        key.add(category)
        cumulative += share
    return key


def _shares(values: dict[Category, float]) -> dict[Category, float]:
    whole = math.fsum(abs(v) for v in values.values())
    return {k: abs(v) / whole if whole else 0.0 for k, v in values.items()}


def _selector(category: Category, kind: str) -> Callable[[LineModel, str], bool]:
    return lambda model, gas: category_of(model.line, gas, kind) == category


def category_uncertainty(model: Model, category: Category, kind: str, total: float, kinds: str = "all") -> float:
    return percent(variance(model, _selector(category, kind), kinds), total)


def _model_of(category: Category, current: dict[Category, float], model: Model, base_model: Model | None) -> Model:
    """Whose inputs give a category's uncertainty: the current year's, or for a category gone since
    the base year (no emissions now), the base year's, the only year it has; its uncertainty is
    part of the trend's (Table 3.2's K = I x F), and it was counted as ±0 %."""
    return base_model if base_model is not None and not current.get(category) else model


def assess(
    result: InventoryResult, model: Model, base: InventoryResult | None, base_model: Model | None = None
) -> tuple[tuple[KeyCategory, ...], Table32]:
    current = emissions(result)
    before = emissions(base) if base is not None else {}
    categories = sorted(set(current) | set(before), key=lambda c: (-abs(current.get(c, 0.0)), c[0], c[1] or ""))
    level = _shares(current)
    uncertainty = {
        c: category_uncertainty(
            _model_of(c, current, model, base_model), c, result.kind, current.get(c) or before.get(c, 0.0)
        )
        for c in categories
    }
    weighted = _shares({c: level.get(c, 0.0) * uncertainty[c] for c in categories})
    trend: dict[Category, float] = {}
    if base is not None:
        sum_now, sum_before = math.fsum(current.values()), math.fsum(before.values())
        sum_abs = math.fsum(abs(v) for v in before.values())
        for c in categories:
            now, then = current.get(c, 0.0), before.get(c, 0.0)
            growth = (sum_now - sum_before) / sum_before if sum_before else 0.0
            trend[c] = abs((now - then) - then * growth) / sum_abs if sum_abs else 0.0
    trend_share = _shares(trend) if trend else {}
    trend_weighted = _shares({c: trend[c] * uncertainty[c] for c in categories}) if trend else {}
    key_level, key_weighted = _within(level, LEVEL), _within(weighted, WEIGHTED)
    key_trend = _within(trend_share, LEVEL) if trend else set()
    key_trend_weighted = _within(trend_weighted, WEIGHTED) if trend else set()
    rows, cumulative = [], 0.0
    for c in categories:
        cumulative += level.get(c, 0.0)
        rows.append(
            KeyCategory(
                category=c[0],
                gas=c[1],
                t_co2e=current.get(c, 0.0),
                level_share=level.get(c, 0.0),
                cumulative=cumulative,
                key_level=c in key_level,
                uncertainty_pct=uncertainty[c],
                level_uncertainty_share=weighted.get(c, 0.0),
                key_level_uncertainty=c in key_weighted,
                base_t_co2e=before.get(c, 0.0) if base is not None else None,
                trend_assessment=trend.get(c) if trend else None,
                trend_share=trend_share.get(c) if trend else None,
                key_trend=c in key_trend,
                key_trend_uncertainty=c in key_trend_weighted,
            )
        )
    return tuple(rows), table_3_2(result, model, base, categories, current, before, base_model)


def table_row(
    category: Category, c: float | None, d: float, e: float, f: float, sum_c: float | None, sum_d: float
) -> Table32Row:
    """One row of IPCC 2006 Vol.1 Ch.3 Table 3.2 from its inputs (columns C-F) and the columns'
    totals, with the table's own units: E, F, G, K and L in %, H and M as squared fractions (the
    table's foot is the square root of their sums), I and J dimensionless (Notes B-D)."""
    g = math.hypot(e, f)
    h = (g / 100 * d / sum_d) ** 2 if sum_d else 0.0
    if not sum_c or c is None:
        return Table32Row(category[0], category[1], c, d, e, f, g, h)
    # I: the change of the trend, in percentage points, for a 1 % rise of the category in both years
    type_a = abs((0.01 * d + sum_d - (0.01 * c + sum_c)) / (0.01 * c + sum_c) * 100 - (sum_d - sum_c) / sum_c * 100)
    type_b = abs(d / sum_c)  # J: the same for a 1 % rise in the current year only
    k = type_a * f  # factors correlated between the years
    low = type_b * e * math.sqrt(2)  # activity data independent between the years
    return Table32Row(
        category[0], category[1], c, d, e, f, g, h, type_a, type_b, k, low, (k / 100) ** 2 + (low / 100) ** 2
    )


def table_3_2(
    result: InventoryResult,
    model: Model,
    base: InventoryResult | None,
    categories: Iterable[Category],
    current: dict[Category, float],
    before: dict[Category, float],
    base_model: Model | None = None,
) -> Table32:
    """IPCC 2006 Vol.1 Ch.3 Table 3.2 by category. The activity data of the two years are taken as
    independent and the factors as fully correlated between them, as the table assumes. A category
    gone since the base year takes its E and F from the base year."""
    sum_d = math.fsum(current.values())
    sum_c = math.fsum(before.values()) if base is not None else None
    rows = []
    for c in categories:
        d = current.get(c, 0.0)
        own, tonnes = _model_of(c, current, model, base_model), d or before.get(c, 0.0)
        e = category_uncertainty(own, c, result.kind, tonnes, "activity")
        f = category_uncertainty(own, c, result.kind, tonnes, "factor")
        rows.append(table_row(c, before.get(c, 0.0) if base is not None else None, d, e, f, sum_c, sum_d))
    total = math.sqrt(math.fsum(r.variance_contribution for r in rows)) * 100
    if not sum_c:
        return Table32(tuple(rows), total, sum_c)
    return Table32(
        tuple(rows),
        total,
        base_total_t_co2e=sum_c,
        trend_pct=(sum_d - sum_c) / sum_c * 100,
        trend_uncertainty_pct=math.sqrt(math.fsum(r.trend_variance or 0.0 for r in rows)) * 100,
    )
