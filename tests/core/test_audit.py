"""core/audit.py on hand-made StatedYear objects: what counts as equal, each check's cells."""

from __future__ import annotations

from ghgcalc.core.audit import audit_year, equal
from ghgcalc.core.audit_input import Stated, StatedLine, StatedSeries, StatedYear
from ghgcalc.core.plausibility import unusual_months

S = "sheet"


def test_equal_within_what_is_printed() -> None:
    assert equal(5666.4, 5666.4 + 1e-10)
    assert not equal(5666.4, 5666.8)  # a typed total with one decimal: compared to 0.05
    assert equal(11.31, 11.314)  # typed to two decimals: half a unit is 0.005
    assert not equal(181.41806, 153.97206)
    assert not equal(0.1234567891, 0.1234567)  # many decimals: relative 1e-9 only


def test_unusual_months_names_the_slip_and_the_missing_month() -> None:
    staff = [60.0] * 11 + [1122222.0]
    assert unusual_months(staff) == [(11, "outlier", 60.0)]
    water = [600.0, 610.0, 0.0, 590.0, 605.0, 600.0, 598.0, 602.0, 601.0, 600.0, 603.0, 599.0]
    assert unusual_months(water) == [(2, "zero", 600.0)]
    assert unusual_months([1.0, 2.0]) == []


def _line(quantities: list[float], printed: list[float], total: float, ef: float = 2.0) -> StatedLine:
    cols = "GHIJKLMNOPQRSTUVWXYZ"
    return StatedLine(
        sheet=S,
        row=12,
        label="diesel",
        scope=1,
        unit="L",
        factor=Stated(ef, S, "D12"),
        quantities=tuple(Stated(q, S, f"{cols[i]}12") for i, q in enumerate(quantities)),
        printed=tuple(Stated(p, S, f"P{i}") for i, p in enumerate(printed)),
        total=Stated(total, S, "AE12"),
    )


def test_a_printed_month_that_does_not_follow_its_quantity_and_a_stale_series_total() -> None:
    line = _line([10.0, 20.0, 30.0], [20.0, 40.0, 70.0], 130.0)
    series = StatedSeries(
        "pond water", "m3", (Stated(1.0, "pond", "C3"), Stated(2.0, "pond", "D3")), Stated(3.5, "pond", "O3")
    )
    year = StatedYear(S, 2568, (line,), {1: Stated(0.13, S, "E39")}, Stated(0.13, S, "E42"), series=(series,))
    audit = audit_year(year)
    cells = [(f.kind, f.cells) for f in audit.findings]
    assert cells == [("recompute", ("I12", "D12", "P2")), ("consistency", ("C3:D3", "O3"))]
    month = audit.findings[0]
    assert (month.stated, month.expected, month.month) == (70.0, 60.0, 3)
