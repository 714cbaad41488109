"""A folder of inventories that also holds a reduction plan or a summary ghgcalc wrote (docs/cli.md,
"What a folder gives"): `validate` checks each document as what it is (a plan as a plan, located
and counted); `compute`, `summary` and `trend` pass the plan and the summary over with one warning
each, kept in the diagnostics and in a summary's warnings, instead of failing the batch (exit 1)
on a file that was never meant as an inventory. A plan named on its own is still an error that
points to `ghgcalc plan`."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import INPUT_ERRORS, USAGE, ghgcalc, issues, write

ROOT = Path(__file__).resolve().parents[2]
TOWN = "ghgcalc: 1\nname: Town {n}\nperiod: {year}\nactivities:\n  - {{activity: paper, amount: {n}0, unit: kg}}\n"
PLAN = (
    "ghgcalc_plan: 1\nname: Town plan\nbase: a.yaml\nhorizon: 2030\nmeasures:\n"
    "  - {id: m, start: 2026, applies_to: [{activity: paper}], reduce: {share: 1.5}}\n"
)


@pytest.fixture
def towns(tmp_path: Path) -> Path:
    """towns/: two inventories, a plan with an error in it (a share of 1.5), and last run's summary."""
    folder = tmp_path / "towns"
    folder.mkdir()
    write(folder, "a.yaml", TOWN.format(n=1, year=2566))
    write(folder, "b.yaml", TOWN.format(n=2, year=2567))
    write(folder, "plan.yaml", PLAN)
    assert ghgcalc(tmp_path, "summary", "towns/a.yaml", "-o", "towns/summary.xlsx").code == 0
    return tmp_path


def test_validate_checks_the_bundled_examples_plan_as_a_plan(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    run = ghgcalc(tmp_path, "validate", "examples")
    assert run.code == 0, run
    assert "examples/plan.yaml: ok (0 error(s), 0 warning(s))" in run.stderr, run
    assert "document-is-plan" not in run.stderr
    assert run.stderr.rstrip().endswith("7 file(s): 4 ok, 3 with warnings, 0 with errors"), run


def test_validate_locates_and_counts_a_plans_own_problems(towns: Path) -> None:
    run = ghgcalc(towns, "validate", "towns", "-f", "json")
    assert run.code == INPUT_ERRORS, run
    [share] = [p for p in issues(run.stderr) if p.location and p.location.startswith("towns/plan.yaml")]
    assert share.code == "value-invalid" and share.location == "towns/plan.yaml:6:75", run
    assert "towns/plan.yaml: invalid (1 error(s), 0 warning(s))" in run.stderr
    assert run.stderr.rstrip().endswith("3 file(s): 2 ok, 0 with warnings, 1 with errors"), run
    found = json.loads(run.stdout)
    assert [(p["file"], p["code"]) for p in found] == [  # in the order of the files
        ("towns/plan.yaml", "value-invalid"),
        ("towns/summary.xlsx", "summary-in-folder"),
    ]
    named = ghgcalc(towns, "validate", "towns/plan.yaml")  # named on its own: checked as a plan too
    assert named.code == INPUT_ERRORS and "towns/plan.yaml: invalid (1 error(s)" in named.stderr, named


def test_compute_passes_a_plan_and_a_summary_over_and_says_so_once(towns: Path) -> None:
    run = ghgcalc(towns, "compute", "towns", "-f", "csv", "-o", "all.csv", "--diagnostics", "problems.jsonl")
    assert run.code == 0, run
    said = [(p.location, p.code, p.severity) for p in issues(run.stderr)]
    assert said == [
        ("towns/plan.yaml", "plan-in-folder", "warning"),
        ("towns/summary.xlsx", "summary-in-folder", "warning"),
    ], run
    [plan] = [p for p in issues(run.stderr) if p.code == "plan-in-folder"]
    assert plan.hint == "project it with: ghgcalc plan towns/plan.yaml; check it with: ghgcalc validate towns/plan.yaml"
    rows = list(csv.DictReader(io.StringIO((towns / "all.csv").read_text(encoding="utf-8"))))
    assert {row["source"] for row in rows} == {"towns/a.yaml", "towns/b.yaml"}
    kept = [json.loads(line) for line in (towns / "problems.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(k["file"], k["code"]) for k in kept] == [
        ("towns/plan.yaml", "plan-in-folder"),
        ("towns/summary.xlsx", "summary-in-folder"),
    ]
    array = json.loads(ghgcalc(towns, "compute", "towns", "-f", "json").stdout)
    assert [r["source"] for r in array] == ["towns/a.yaml", "towns/b.yaml"]  # a record for each input read
    thai = ghgcalc(towns, "--lang", "th", "compute", "towns", "-f", "csv")
    assert thai.code == 0 and "ไม่ใช่บัญชีก๊าซเรือนกระจก จึงข้ามไป" in thai.stderr, thai


def test_summary_passes_them_over_with_a_warning_in_its_output(towns: Path) -> None:
    run = ghgcalc(towns, "summary", "towns", "-f", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert data["files"] == 2 and [row["file"] for row in data["inventories"]] == ["towns/a.yaml", "towns/b.yaml"]
    assert [(w.get("location"), w["code"]) for w in data["warnings"]][:2] == [
        ("towns/plan.yaml", "plan-in-folder"),
        ("towns/summary.xlsx", "summary-in-folder"),
    ]
    assert run.stderr.count("plan-in-folder") == 1 and "summary of 2 file(s): 2 ok" in run.stderr, run
    again = ghgcalc(towns, "summary", "towns", "-o", "towns/summary.xlsx", "--force")  # its own output: as before
    assert again.code == 0 and [p.code for p in issues(again.stderr)][:2] == ["input-is-output", "plan-in-folder"]


def test_trend_passes_a_plan_over(towns: Path) -> None:
    run = ghgcalc(towns, "trend", "towns", "-f", "json")
    assert run.code == 0, run
    assert [p.code for p in issues(run.stderr)][:2] == ["plan-in-folder", "summary-in-folder"], run
    assert [year["source"] for year in json.loads(run.stdout)["years"]] == ["towns/a.yaml", "towns/b.yaml"]


def test_a_plan_or_a_summary_named_as_an_inventory_is_a_clear_error(towns: Path) -> None:
    run = ghgcalc(towns, "compute", "towns/plan.yaml")
    assert run.code == INPUT_ERRORS, run
    [plan] = issues(run.stderr)
    assert plan.code == "document-is-plan" and "ghgcalc plan towns/plan.yaml" in (plan.hint or "")
    run = ghgcalc(towns, "compute", "towns/summary.xlsx")
    assert run.code == INPUT_ERRORS, run
    [summary] = issues(run.stderr)  # was two: no 'Inventory' sheet, no 'Activities' sheet, start from a template
    assert summary.code == "document-is-summary" and "summary ghgcalc wrote" in summary.message, run


def test_a_folder_of_nothing_but_a_plan_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    write(tmp_path / "plans", "plan.yaml", PLAN)
    run = ghgcalc(tmp_path, "compute", "plans")
    assert run.code == USAGE, run
    assert "plans: no inventory to read; passed over, as not inventories: plans/plan.yaml" in run.stderr
    assert "ghgcalc plan plans/plan.yaml" in run.stderr


def test_a_plan_among_many_inventories_is_passed_over_by_the_workers_alike(tmp_path: Path) -> None:
    """With a pool of workers (more than a few inputs) the plan is found where a worker reads it, as
    in one process: the same output and the same one warning, whatever --jobs."""
    folder = tmp_path / "towns"
    folder.mkdir()
    for n in range(1, 13):
        write(folder, f"t{n:02d}.yaml", TOWN.format(n=n, year=2567))
    write(folder, "t07-plan.yaml", PLAN)
    runs = [ghgcalc(tmp_path, "compute", "towns", "-f", "csv", "--jobs", jobs) for jobs in ("1", "2")]
    for run in runs:
        assert run.code == 0, run
        assert [(p.location, p.code) for p in issues(run.stderr)] == [("towns/t07-plan.yaml", "plan-in-folder")], run
    assert runs[0].stdout == runs[1].stdout
    assert len(list(csv.DictReader(io.StringIO(runs[1].stdout)))) == 12
    summary = ghgcalc(tmp_path, "summary", "towns", "-f", "json", "--jobs", "2")
    assert summary.code == 0 and json.loads(summary.stdout)["files"] == 12, summary


def test_a_summarys_json_saved_as_yaml_in_the_folder_is_passed_over(towns: Path) -> None:
    """A summary's JSON, saved under a .yaml name among the inventories, is found where it is read."""
    text = ghgcalc(towns, "summary", "towns/a.yaml", "-f", "json").stdout
    write(towns / "towns", "last-summary.yaml", text)
    run = ghgcalc(towns, "compute", "towns", "-f", "csv")
    assert run.code == 0, run
    assert ("towns/last-summary.yaml", "summary-in-folder") in [(p.location, p.code) for p in issues(run.stderr)]
    named = ghgcalc(towns, "compute", "towns/last-summary.yaml")
    assert named.code == INPUT_ERRORS and [p.code for p in issues(named.stderr)] == ["document-is-summary"], named


def test_a_report_ghgcalc_wrote_in_the_folder_is_passed_over(towns: Path) -> None:
    """The CFO workbook of a town (`compute -f xlsx`) saved beside the inventories failed the whole
    folder with two sheet-missing errors and a template's hint; it is passed over, said once, and
    named as what it is when given as an inventory."""
    assert ghgcalc(towns, "compute", "towns/a.yaml", "-f", "xlsx", "-o", "towns/a-report.xlsx").code == 0
    run = ghgcalc(towns, "summary", "towns", "-f", "json")
    assert run.code == 0, run
    assert ("towns/a-report.xlsx", "report-in-folder") in [(p.location, p.code) for p in issues(run.stderr)], run
    assert json.loads(run.stdout)["files"] == 2
    named = ghgcalc(towns, "compute", "towns/a-report.xlsx")
    assert named.code == INPUT_ERRORS and [p.code for p in issues(named.stderr)] == ["document-is-report"], named
    checked = ghgcalc(towns, "validate", "towns")
    assert "report-in-folder" in checked.stderr and "towns/a-report.xlsx: invalid" not in checked.stderr, checked
    assert checked.stderr.rstrip().endswith("3 file(s): 2 ok, 0 with warnings, 1 with errors"), checked  # the plan


def test_an_inventory_template_with_its_sheets_renamed_is_no_report(tmp_path: Path) -> None:
    """ghgcalc's own template (init) names ghgcalc as its creator too; with its sheets renamed it
    is still an inventory that lost its sheets, told how to fix them, never "a report"."""
    assert ghgcalc(tmp_path, "init", "town.xlsx").code == 0
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "town.xlsx")
    book["Inventory"].title, book["Activities"].title = "ข้อมูล", "รายการ"
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "compute", "town.xlsx")
    assert run.code == INPUT_ERRORS, run
    assert "sheet-missing" in run.stderr and "document-is-report" not in run.stderr, run
