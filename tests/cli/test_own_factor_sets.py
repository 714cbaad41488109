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
    # an error, as compute refuses a set without its hash: validate passes only what compute reads
    assert unhashed.severity == "error" and "sha256:" in unhashed.hint


def test_a_sha256_written_in_capitals_or_read_as_a_number_is_the_hash_it_is(tmp_path):
    """PowerShell's Get-FileHash writes a sha256 in capitals; a digest of digits alone is a number
    to YAML (its leading zeros dropped). validate and compute read both as the digest they are:
    a capital hash that matches is accepted by both, a wrong one refused by both."""
    import hashlib

    folder = make_set(tmp_path, GOOD)
    meta = folder / "set.yaml"
    digest = hashlib.sha256((folder / "factors.csv").read_bytes()).hexdigest()
    meta.write_text(meta.read_text(encoding="utf-8").replace(digest, digest.upper()), encoding="utf-8")
    (tmp_path / "my.yaml").write_text(USES_OWN_SET, encoding="utf-8")
    assert ghgcalc(tmp_path, "factors", "validate", "myf").code == 0
    assert ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json").code == 0
    meta.write_text(meta.read_text(encoding="utf-8").replace(digest.upper(), "0" * 64), encoding="utf-8")
    refused = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert refused.code == INPUT_ERRORS and "factor-table-changed" in refused.stderr, refused
    assert ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json").code != 0


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


def test_a_column_named_twice_is_refused_not_read_from_its_last_copy(tmp_path):
    """csv.DictReader keeps the last of two columns of one name: a second 'value' column (26.8
    beside 2.68) would be the factor used. Both validate and compute refuse the table."""
    own_factor_set(tmp_path, FACTOR_HEADER.rstrip("\n") + ",value\n" + GOOD.rstrip("\n") + ",26.8\n")
    (tmp_path / "my.yaml").write_text(USES_OWN_SET, encoding="utf-8")
    validated = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert validated.code == INPUT_ERRORS and "the header names a column twice: value" in validated.stderr
    computed = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert computed.code != 0 and "names a column twice" in computed.stderr, computed


def test_a_factor_of_0_from_an_own_set_is_said_where_it_is_used(tmp_path):
    make_set(tmp_path, GOOD.replace(",2.68,2.68,", ",0,,"))
    (tmp_path / "my.yaml").write_text(USES_OWN_SET, encoding="utf-8")
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    [zero] = [p for p in issues(run.stderr) if p.code == "factor-zero"]
    assert "is 0 for every gas" in zero.message and zero.location.startswith("my.yaml:")


def test_rows_of_commas_left_below_a_table_by_a_spreadsheet_are_no_factors(tmp_path):
    make_set(tmp_path, GOOD + ",,,,,,,,,,,,,,\n,,,,,,,,,,,,,,\n")
    (tmp_path / "my.yaml").write_text(USES_OWN_SET, encoding="utf-8")
    assert ghgcalc(tmp_path, "factors", "validate", "myf").code == 0
    assert ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json").code == 0


def test_a_set_folder_given_as_the_folder_of_sets_names_the_one_to_give(tmp_path):
    make_set(tmp_path, GOOD)
    (tmp_path / "my.yaml").write_text(USES_OWN_SET, encoding="utf-8")
    for given in ("myf/my-boilers", "myf/my-boilers/2024"):
        run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", given, "-f", "json")
        assert run.code == USAGE, run
        assert "is a factor set's own folder" in run.stderr and "--factors-dir myf" in run.stderr, run
