"""A project's own factor set: checked by `factors validate`, used with `--factors-dir`, guarded by its hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.helpers import FACTOR_HEADER, INPUT_ERRORS, USAGE, USES_OWN_SET, ghgcalc, issues, own_factor_set


def make_set(tmp_path: Path, rows: str, record_hash: bool = True) -> Path:
    return own_factor_set(tmp_path, FACTOR_HEADER + rows, record_hash=record_hash)


GOOD = "boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.68,2.68,,,,,Supplier sheet 2024,\n"


def test_every_problem_of_a_factor_table_is_reported_with_its_line(tmp_path):
    make_set(tmp_path, GOOD + "Bad Key,x,,c,4,L,CO3,-1,,2024-13-01,,,,,\n", record_hash=False)
    run = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert run.code == INPUT_ERRORS
    printed = issues(run.stderr)
    assert {p.location for p in printed if p.code == "factor-row-invalid"} == {"myf/my-boilers/2024/factors.csv:3"}
    assert len([p for p in printed if p.code == "factor-row-invalid"]) == 6
    [unhashed] = [p for p in printed if p.code == "factor-table-unhashed"]
    assert unhashed.severity == "warning" and "sha256:" in unhashed.hint


def test_a_project_uses_its_own_set_and_the_result_records_its_hash(tmp_path):
    folder = make_set(tmp_path, GOOD)
    assert ghgcalc(tmp_path, "factors", "validate", "myf").code == 0
    (tmp_path / "my.yaml").write_text(USES_OWN_SET, encoding="utf-8")
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    result = json.loads(run.stdout)
    assert result["total_t_co2e"] == 0.268
    [own] = [s for s in result["factor_sets"] if s["id"] == "my-boilers"]
    assert own["sha256"] == hashlib.sha256((folder / "factors.csv").read_bytes()).hexdigest()
    # without the folder the set is unknown; a changed table is refused, naming the file
    assert "factor-set-unknown" in ghgcalc(tmp_path, "compute", "my.yaml").stderr
    with (folder / "factors.csv").open("a", encoding="utf-8") as table:
        table.write("boiler-lpg,LPG,,stationary-combustion,1,kg,CO2,3.0,,,,,,Supplier,\n")
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf")
    [changed] = issues(run.stderr)
    assert run.code == INPUT_ERRORS and changed.code == "factor-set-invalid"
    assert "myf/my-boilers/2024/factors.csv has changed" in changed.message


def test_factors_dir_must_exist_and_must_not_shadow_a_bundled_set(tmp_path):
    (tmp_path / "my.yaml").write_text(USES_OWN_SET, encoding="utf-8")
    assert ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "nowhere").code == USAGE
    clash = tmp_path / "clash" / "tgo-cfo" / "2024"
    clash.mkdir(parents=True)
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "clash")
    assert run.code == INPUT_ERRORS and "more than one folder" in run.stderr
