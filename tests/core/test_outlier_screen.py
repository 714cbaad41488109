"""The monthly-outlier check finds, without a median on most lines, exactly the months the rule
flags month by month: each month against statistics.median of the line's other non-zero months."""

from __future__ import annotations

import math
import random
import statistics

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ghgcalc.core.plausibility import MIN_MONTHS, Thresholds, outlier_months, unusual_months


def by_the_rule(months: list[float], limit: float) -> list[tuple[int, float, float, float]]:
    """The rule as first written: a median of the other months for every month of every line."""
    if len([m for m in months if m > 0]) < MIN_MONTHS:
        return []
    found = []
    for position, value in enumerate(months):
        others = [m for i, m in enumerate(months) if i != position and m > 0]
        typical = statistics.median(others)
        if typical <= 0 or value <= 0:
            continue
        ratio = value / typical
        if ratio == 0 or ratio == float("inf"):
            continue
        if ratio >= limit or ratio <= 1 / limit:
            found.append((position, value, typical, ratio))
    return found


def edge_line(generator: random.Random) -> tuple[list[float], float]:
    """A line whose largest and smallest months are as close to `limit` apart as floats allow, in
    either direction: where a screen by multiplication (largest < smallest x limit) misses months
    the rule flags, because 1/limit and the ratios round."""
    limit = generator.choice([5.0, 3.0, 10.0, 1.5, generator.uniform(1.0001, 50)])
    subnormal = 5e-324 * generator.randint(1, 9)
    low = generator.choice([generator.uniform(1, 2), 10 ** generator.uniform(-300, 300), subnormal])
    high = low * limit
    for _ in range(generator.randint(0, 3)):
        high = math.nextafter(high, generator.choice([0.0, math.inf]))
    # the other months at either end or between, so that a month's median is often the other end
    middle = [
        generator.choice([low, high, low + (high - low) * generator.random()]) for _ in range(generator.randint(1, 10))
    ]
    months = [low, high, *middle, *[0.0] * generator.randint(0, 2)]
    generator.shuffle(months)
    return months, limit


def test_the_screen_flags_what_the_rule_flags_on_lines_at_the_limit() -> None:
    generator = random.Random(16)
    flagged = 0
    for _ in range(40_000):
        months, limit = edge_line(generator)
        expected = by_the_rule(months, limit)
        assert outlier_months(months, limit) == expected, (months, limit)
        flagged += bool(expected)
    assert 1_000 < flagged < 39_000  # both kinds of line were met


MONTH = st.one_of(
    st.floats(min_value=0, max_value=1e15),
    st.sampled_from([0.0, 5e-324, 1e-300, 1.0, 5.0, 0.2, 1e15, 1e308]),
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MONTH, max_size=14), st.one_of(st.sampled_from([5.0, 3.0, 1.0000001]), st.floats(1.0001, 1e6)))
@example([1.7887233511355132, 23.93365742066927, 23.93365742066927], 13.380301322435225)
def test_the_screen_flags_what_the_rule_flags_on_random_lines(months: list[float], limit: float) -> None:
    expected = by_the_rule(months, limit)
    assert outlier_months(months, limit) == expected
    # the audit's bare rows go through the same check
    assert [(p, kind, t) for p, kind, t in unusual_months(months, Thresholds(month=limit, zeros=None))] == [
        (p, "outlier", t) for p, _, t, _ in expected
    ]


def test_a_multiplication_screen_would_miss_a_month_here() -> None:
    # the check can fail: largest < smallest x limit, yet smallest / largest rounds to 1/limit
    low, high, limit = 1.7887233511355132, 23.93365742066927, 13.380301322435225
    assert high < low * limit and low / high <= 1 / limit
    assert by_the_rule([low, high, high], limit) == outlier_months([low, high, high], limit) != []
