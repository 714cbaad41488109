"""The shortcuts of the CLI's output and reading give what their general paths give: the CSV rows
joined as text against csv.writer's, one input computed alone against the same in a batch."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.helpers import csv_writer_text, ghgcalc

# a carriage return, and after it what a spreadsheet would run as a formula at the start of a row
NAME = "Town\r=1+2"
NO_LINES = 'ghgcalc: 1\nname: "Town\\r=1+2"\nperiod: 2024\nfactors: tgo-cfo\nactivities: []\n'
ONE_LINE = """\
ghgcalc: 1
name: Other {number}
period: 2024
factors: tgo-cfo
activities:
  - {{activity: electricity-grid, unit: kWh, amount: 1000}}
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_inventory_without_lines_whose_name_holds_a_carriage_return_is_written_all_quoted(
    tmp_path: Path, jobs: str
) -> None:
    """Its one row is written as csv.writer writes a row with a carriage return (every text cell
    quoted), alone and in a batch (of enough inputs for a pool): a bare carriage return starts a
    new row in a spreadsheet, whose "=1+2" would be run as a formula."""
    (tmp_path / "a.yaml").write_text(NO_LINES, encoding="utf-8")
    for number in range(1, 9):
        (tmp_path / f"b{number}.yaml").write_text(ONE_LINE.format(number=number), encoding="utf-8")
    result = ["a.yaml", NAME, "2024-01-01", "2024-12-31", "AR5"]
    alone = ghgcalc(tmp_path, "compute", "a.yaml", "-f", "csv")
    assert alone.code == 0, alone
    header, row = list(csv.reader(io.StringIO(alone.stdout, newline="")))
    assert row == result + [""] * (len(header) - 5)
    assert alone.stdout == csv_writer_text(header, [row])  # was: Town\r=1+2 unquoted
    batch = ghgcalc(tmp_path, "compute", ".", "-f", "csv", "--jobs", jobs)
    assert batch.code == 0, batch
    rows = list(csv.reader(io.StringIO(batch.stdout, newline="")))
    assert [r[1] for r in rows[1:]] == [NAME, *(f"Other {n}" for n in range(1, 9))]
    first = rows[1]
    assert first == result + [""] * (len(rows[0]) - 5)
    assert batch.stdout.startswith(csv_writer_text(rows[0], [first]))
