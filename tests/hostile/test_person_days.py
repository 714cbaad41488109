"""Septic tanks are counted in person-days (staff x working days); the number of staff typed in
their place makes the line 245 times too small, without a word. A line of fewer person-days than
one person working half the period's days is warned (person-days-few); an honest line is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import at, ghgcalc, issues, write

TOWN = """\
ghgcalc: 1
name: T
period: {period}
activities:
  - {{activity: diesel-mobile, unit: L, amount: 5000}}
  - activity: septic-tank
    label: Septic tanks, staff
    unit: person_day
    amount: {amount}
"""


def test_the_number_of_staff_typed_for_person_days_is_warned(tmp_path: Path) -> None:
    text = TOWN.format(period="FY2567", amount=86)
    write(tmp_path, "t.yaml", text)
    run = ghgcalc(tmp_path, "compute", "t.yaml", "-f", "json")
    assert run.code == 0, run
    found = [p for p in issues(run.stderr) if p.code == "person-days-few"]
    assert len(found) == 1, run.stderr
    line, column = at(text, "amount: 86")
    assert found[0].location == f"t.yaml:{line}:{column + len('amount: ')}"
    assert "86 person-days" in found[0].message and "366-day period" in found[0].message, found[0]
    assert "21,070" in run.stderr  # the hint shows staff x working days


@pytest.mark.parametrize(
    ("period", "amount"),
    [
        ("FY2567", 21070),  # 86 staff x 245 working days
        ("FY2567", 245),  # one person, full time: a pumping station's caretaker
        ("{start: 2024-01-01, end: 2024-03-31}", 60),  # one person over a quarter
        ("FY2567", 0),  # nothing to say of a line left at 0
    ],
)
def test_honest_person_days_are_quiet(tmp_path: Path, period: str, amount: int) -> None:
    write(tmp_path, "t.yaml", TOWN.format(period=period, amount=amount))
    run = ghgcalc(tmp_path, "compute", "t.yaml", "-f", "json")
    assert run.code == 0 and "person-days-few" not in run.stderr, run
