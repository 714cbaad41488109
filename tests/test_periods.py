"""Every period form of the contract."""

from __future__ import annotations

import datetime as dt

import pytest

from ghgcalc.models.period import parse_period

D = dt.date


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        (2024, D(2024, 1, 1), D(2024, 12, 31)),
        (2567, D(2024, 1, 1), D(2024, 12, 31)),  # B.E. = C.E. + 543
        ("2567", D(2024, 1, 1), D(2024, 12, 31)),
        ("๒๕๖๗", D(2024, 1, 1), D(2024, 12, 31)),
        ("พ.ศ. 2567", D(2024, 1, 1), D(2024, 12, 31)),
        ("FY2567", D(2023, 10, 1), D(2024, 9, 30)),  # Thai fiscal year: 1 Oct 2566 - 30 Sep 2567
        ("fy2024", D(2023, 10, 1), D(2024, 9, 30)),
        ("ปีงบประมาณ 2565", D(2021, 10, 1), D(2022, 9, 30)),
        ({"fiscal_year": 2567}, D(2023, 10, 1), D(2024, 9, 30)),
        ({"fiscal_year": "๒๕๖๗"}, D(2023, 10, 1), D(2024, 9, 30)),
        ({"start": D(2023, 10, 1), "end": D(2024, 9, 30)}, D(2023, 10, 1), D(2024, 9, 30)),
        ({"start": D(2566, 10, 1), "end": D(2567, 9, 30)}, D(2023, 10, 1), D(2024, 9, 30)),
        ({"start": "2567-02-29", "end": "2567-03-31"}, D(2024, 2, 29), D(2024, 3, 31)),
    ],
)
def test_period_forms(written, start, end):
    period = parse_period(written)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "written",
    [
        1200,
        True,
        "yesterday",
        "FY",
        {"start": D(2024, 5, 1), "end": D(2024, 1, 1)},
        {"year": 2024},
        {"start": "2024-13-01", "end": "2024-12-31"},
        {"start": D(2000, 1, 1), "end": D(2024, 1, 1)},
    ],
)
def test_invalid_periods(written):
    with pytest.raises(ValueError):
        parse_period(written)
