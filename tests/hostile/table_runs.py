"""Running an activity table through `ghgcalc compute TABLE --header h.yaml` in-process, and reading
what it printed: shared by the table tests of tests/hostile. Totals are worked by hand from TGO's
grid factor:

    electricity-grid: 0.4999 kg CO2e per kWh (tgo-cfo 2022-04), so 1,000 kWh is 0.4999 t.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import INPUT_ERRORS, Run, ghgcalc, issues, write

HEAD = "ghgcalc: 1\nname: Test town\nperiod: 2566\n"
T_PER_KWH = 0.4999 / 1000


def run(tmp_path: Path, table: str, *more: str) -> Run:
    write(tmp_path, "h.yaml", HEAD)
    return ghgcalc(tmp_path, "compute", table, "--header", "h.yaml", "-f", "json", *more)


def result(found: Run) -> dict:
    assert found.code == 0, found
    return json.loads(found.stdout)


def problem(found: Run, where: str | None, code: str, severity: str = "error") -> tuple[str, str | None]:
    """The message and hint of `code` at `where`; every printed problem has a place."""
    printed = issues(found.stderr)
    assert all(p.location for p in printed), f"a problem without a place\n{found}"
    hits = [p for p in printed if p.location == where and p.code == code and p.severity == severity]
    assert hits, f"expected {severity}[{code}] at {where}\n{found}"
    assert "Error:" not in found.stderr and "Traceback" not in found.stderr, found  # no raw DuckDB text
    return hits[0].message, hits[0].hint


def failed(found: Run) -> None:
    assert found.code == INPUT_ERRORS, f"expected exit {INPUT_ERRORS}\n{found}"
    assert found.stdout.strip() == "", found
