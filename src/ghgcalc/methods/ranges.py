"""Published 95 % ranges of method parameters, declared for the uncertainty analysis (Method.uncertain;
docs/methods/*.md, "Uncertainty"), and the arithmetic that lets compute() take drawn arrays.

A range is (default, low, high) exactly as its table prints them. A value the user gave instead of the
default keeps the default's range relative to the default: 1.5 with a default 1.30 (0.80-2.20) is
1.5 (0.923-2.538).
"""

from __future__ import annotations

from ghgcalc.methods import Uncertain

Range = tuple[float, float, float]  # the default and its 95 % range, as printed


def declare(
    field: str, value: float, published: Range, source: str, *, given: bool, limit: float | None = None
) -> Uncertain | None:
    """The declaration of `field`, which the line uses with `value`; None for a value of 0, which
    has no relative range to draw from."""
    default, low, high = published
    if value == 0:
        return None
    if not given:
        return Uncertain(field, value, low, high, source, limit)
    scale = value / default
    relative = f"{source}: range of the default {default:g} ({low:g}-{high:g}), applied relative to the value given"
    return Uncertain(field, value, low * scale, high * scale, relative, limit)


def declared(*items: Uncertain | None) -> list[Uncertain]:
    return [item for item in items if item is not None]


def at_least_zero(value: float) -> float:
    """max(0, value) by arithmetic alone, so that it also works on an array of drawn values; exact for
    a number (x + x is 2x, and halving it is exact)."""
    return (value + abs(value)) / 2
