"""The period reads the same in every format (table, Markdown, workbook, web page) under each calendar:
with --calendar be or ce its year and its days are both in that calendar (docs/reports.md)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest

from ghgcalc import i18n
from tests.helpers import ghgcalc, write

openpyxl = pytest.importorskip("openpyxl")

LINE = "activities:\n  - {activity: electricity-grid, amount: 1000, unit: kWh}\n"
# (period as written, --calendar, what every format shows): worked out by hand, B.E. = C.E. + 543
CASES = [
    ("2566", "be", "2566 (1 ม.ค. 2566 – 31 ธ.ค. 2566)"),
    ("2566", "ce", "2023 (2023-01-01 – 2023-12-31)"),
    ("2024", "be", "2567 (1 ม.ค. 2567 – 31 ธ.ค. 2567)"),
    ("2024", "ce", "2024 (2024-01-01 – 2024-12-31)"),
    ("FY2567", "be", "ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)"),
    ("FY2567", "ce", "ปีงบประมาณ 2024 (2023-10-01 – 2024-09-30)"),
]


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")
    i18n.set_calendar("")


def shown(tmp_path: Path, calendar: str, fmt: str) -> str:
    args = ["--lang", "th", "--calendar", calendar, "compute", "town.yaml", "-f", fmt]
    if fmt == "xlsx":
        run = ghgcalc(tmp_path, *args, "-o", "town.xlsx", "--force")
        assert run.code == 0, run
        workbook = openpyxl.load_workbook(tmp_path / "town.xlsx")
        return "\n".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value)
    run = ghgcalc(tmp_path, *args)
    assert run.code == 0, run
    return html.unescape(run.stdout) if fmt == "html" else run.stdout


@pytest.mark.parametrize(("period", "calendar", "expected"), CASES)
def test_every_format_shows_the_period_in_one_calendar(
    tmp_path: Path, period: str, calendar: str, expected: str
) -> None:
    write(tmp_path, "town.yaml", f"ghgcalc: 1\nname: Town\nperiod: {period}\n{LINE}")
    wrong_year = {"2566": "2566 (", "2024": "2024 (", "FY2567": "FY2567"}[period]
    for fmt in ("table", "md", "xlsx", "html"):
        text = shown(tmp_path, calendar, fmt)
        assert expected in text, (fmt, text[:600])
        if not expected.startswith(wrong_year) and "ปีงบประมาณ" not in expected:
            assert wrong_year not in text, fmt
        assert "FY2567" not in text, fmt
