"""Every problem machine-readable (docs/diagnostics.md): `--diagnostics FILE|-` on compute and
validate, `validate --format json|jsonl`, the tally of `validate`, and a batch's JSON, JSONL and CSV
keeping a record for every input, failed ones included."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_excel_input import workbook
from tests.conftest import ROOT
from tests.helpers import INPUT_ERRORS, assert_usage_error, at, ghgcalc, write

SCHEMA_PATH = ROOT / "src" / "ghgcalc" / "data" / "diagnostic.schema.json"

GOOD = """\
ghgcalc: 1
name: Good Town
period: 2567
activities:
  - activity: diesel-stationary
    amount: 100
    unit: L
"""

# two errors: a negative amount and a factor that does not exist
BAD = """\
ghgcalc: 1
name: Bad Town
period: 2567
activities:
  - activity: diesel-stationary
    amount: -100
    unit: L
  - activity: nosuch-fuel
    amount: 5
    unit: L
"""

# a warning only: an activity range under 0.5 % (uncertainty-tiny)
WARNED = """\
ghgcalc: 1
name: Warned Town
period: 2567
activities:
  - activity: diesel-stationary
    amount: 100
    unit: L
    uncertainty: {activity: 0.05}
"""


def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


_TYPES = {"string": str, "integer": int, "null": type(None)}


def check(record: dict[str, Any]) -> None:
    """`record` against the shipped schema, checked key by key: the required keys, no others, the
    types (an integer is not a bool), the enum, the patterns and minimums. With the jsonschema
    package installed, it validates too."""
    schema = _schema()
    assert set(record) == set(schema["required"]), record
    assert schema["additionalProperties"] is False
    for key, rule in schema["properties"].items():
        value = record[key]
        if "enum" in rule:
            assert value in rule["enum"], (key, value)
            continue
        kinds = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
        assert any(isinstance(value, _TYPES[k]) and not isinstance(value, bool) for k in kinds), (key, value)
        if isinstance(value, str) and "pattern" in rule:
            assert re.search(rule["pattern"], value), (key, value)
        if isinstance(value, int) and "minimum" in rule:
            assert value >= rule["minimum"], (key, value)
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:
        return
    jsonschema.Draft202012Validator(schema).validate(record)


def lines(text: str) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in text.splitlines()]
    for record in records:
        check(record)
    return records


def test_the_schema_is_draft_2020_12_and_the_docs_show_it():
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    doc = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    shown = re.search(r"```json\n(\{\n  \"\$schema\".*?)```", doc, re.S)
    assert shown and json.loads(shown[1]) == schema


def test_the_checker_refuses_what_the_schema_refuses():
    good = {
        "file": "a.yaml",
        "line": 1,
        "column": 2,
        "sheet": None,
        "cell": None,
        "row": None,
        "field": None,
        "severity": "error",
        "code": "amount-negative",
        "message": "m",
        "hint": None,
    }
    check(good)
    for broken in (
        {**good, "severity": "fatal"},
        {**good, "line": "1"},
        {**good, "line": True},
        {**good, "code": "Amount_Negative"},
        {k: v for k, v in good.items() if k != "hint"},
        {**good, "extra": 1},
    ):
        with pytest.raises(AssertionError):
            check(broken)


def test_yaml_problems_have_their_line_and_column(tmp_path: Path):
    write(tmp_path, "bad.yaml", BAD)
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "--diagnostics", "d.jsonl")
    assert run.code == INPUT_ERRORS
    records = lines((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    amount, factor = at(BAD, "-100"), at(BAD, "nosuch-fuel")
    assert [(r["file"], r["line"], r["column"], r["severity"], r["code"]) for r in records] == [
        ("bad.yaml", *amount, "error", "amount-negative"),
        ("bad.yaml", *factor, "error", "factor-missing"),
    ]
    assert all(r["sheet"] is None and r["cell"] is None and r["hint"] for r in records)
    # the human messages are still on stderr, the same problems
    assert "bad.yaml:6:13: error[amount-negative]" in run.stderr
    assert "wrote d.jsonl" in run.stderr


def test_excel_problems_have_their_sheet_and_cell(tmp_path: Path):
    workbook(
        tmp_path / "bad.xlsx",
        [
            ["paper", 3, "Paper", "kg", -5, None, None, None],
            ["nosuch", None, "?", "L", None, None, None, 1],
        ],
    )
    run = ghgcalc(tmp_path, "validate", "bad.xlsx", "--diagnostics", "d.jsonl")
    assert run.code == INPUT_ERRORS
    records = lines((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert [(r["file"], r["sheet"], r["cell"], r["line"], r["code"]) for r in records] == [
        # the header is row 1: the first activity is row 2, its October amount in E
        ("bad.xlsx", "Activities", "E2", None, "amount-negative"),
        ("bad.xlsx", "Activities", "A3", None, "factor-missing"),
    ]


def test_dash_writes_json_lines_on_stderr_instead_of_the_messages(tmp_path: Path):
    write(tmp_path, "bad.yaml", BAD)
    run = ghgcalc(tmp_path, "validate", "bad.yaml", "--diagnostics", "-")
    assert run.code == INPUT_ERRORS and run.stdout == ""
    problems = [line for line in run.stderr.splitlines() if line.startswith("{")]
    assert [r["code"] for r in lines("\n".join(problems))] == ["amount-negative", "factor-missing"]
    assert "error[amount-negative]" not in run.stderr and "hint:" not in run.stderr
    # the status lines and the tally stay
    assert "bad.yaml: invalid (2 error(s), 0 warning(s))" in run.stderr
    assert not (tmp_path / "-").exists()


def test_a_clean_run_writes_an_empty_diagnostics_file(tmp_path: Path):
    write(tmp_path, "good.yaml", GOOD)
    run = ghgcalc(tmp_path, "compute", "good.yaml", "-f", "json", "--diagnostics", "d.jsonl")
    assert run.code == 0
    assert (tmp_path / "d.jsonl").read_text(encoding="utf-8") == ""


def test_the_diagnostics_file_is_refused_like_an_output(tmp_path: Path):
    write(tmp_path, "good.yaml", GOOD)
    assert_usage_error(ghgcalc(tmp_path, "compute", "good.yaml", "--diagnostics", "good.yaml"), "never writes over")
    (tmp_path / "folder").mkdir()
    assert_usage_error(ghgcalc(tmp_path, "validate", "good.yaml", "--diagnostics", "folder"), "is a folder")
    assert_usage_error(
        ghgcalc(tmp_path, "compute", "good.yaml", "-o", "r.json", "--diagnostics", "r.json"), "same file"
    )
    write(tmp_path, "old.jsonl", "kept\n")
    assert_usage_error(ghgcalc(tmp_path, "validate", "good.yaml", "--diagnostics", "old.jsonl"), "already exists")
    assert (tmp_path / "old.jsonl").read_text(encoding="utf-8") == "kept\n"
    assert ghgcalc(tmp_path, "validate", "good.yaml", "--diagnostics", "old.jsonl", "--force").code == 0
    assert (tmp_path / "old.jsonl").read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_validate_prints_the_problems_on_stdout(tmp_path: Path, fmt: str):
    write(tmp_path, "bad.yaml", BAD)
    write(tmp_path, "warned.yaml", WARNED)
    write(tmp_path, "good.yaml", GOOD)
    run = ghgcalc(tmp_path, "validate", "bad.yaml", "warned.yaml", "good.yaml", "--format", fmt)
    assert run.code == INPUT_ERRORS
    records = json.loads(run.stdout) if fmt == "json" else lines(run.stdout)
    for record in records:
        check(record)
    assert [(r["file"], r["severity"], r["code"]) for r in records] == [
        ("bad.yaml", "error", "amount-negative"),
        ("bad.yaml", "error", "factor-missing"),
        ("warned.yaml", "warning", "uncertainty-tiny"),
    ]
    # nothing human on stdout; the messages stay on stderr
    assert "error[" not in run.stdout and "error[amount-negative]" in run.stderr


def test_validate_json_of_a_clean_file_is_an_empty_array(tmp_path: Path):
    write(tmp_path, "good.yaml", GOOD)
    run = ghgcalc(tmp_path, "validate", "good.yaml", "-f", "json")
    assert run.code == 0 and json.loads(run.stdout) == []


def test_validate_ends_with_a_tally(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(1, 1003):  # 1,002 files, to see the thousands separator
        write(folder, f"t{number:04}.yaml", GOOD.replace("Good Town", f"Good Town {number}"))  # no copies
    write(folder, "t9998.yaml", WARNED)
    write(folder, "t9999.yaml", BAD)
    run = ghgcalc(tmp_path, "validate", "in")
    assert run.code == INPUT_ERRORS
    last = run.stderr.splitlines()
    assert last[-2] == "in/t9999.yaml: invalid (2 error(s), 0 warning(s))"
    assert last[-1] == "1,004 file(s): 1,002 ok, 1 with warnings, 1 with errors"
    # a file with warnings only is said to be so, as the tally counts it (it read "ok" beside "0 ok")
    assert "in/t9998.yaml: ok, with warnings (1 warning(s))" in last


def test_the_tally_in_thai(tmp_path: Path):
    write(tmp_path, "good.yaml", GOOD)
    write(tmp_path, "bad.yaml", BAD)
    run = ghgcalc(tmp_path, "validate", "good.yaml", "bad.yaml", "--lang", "th")
    assert run.code == INPUT_ERRORS
    assert run.stderr.splitlines()[-1] == "ทั้งหมด 2 ไฟล์: ผ่าน 1 ไฟล์, มีคำเตือน 0 ไฟล์, มีข้อผิดพลาด 1 ไฟล์"
    write(tmp_path, "warned.yaml", WARNED)
    warned = ghgcalc(tmp_path, "validate", "warned.yaml", "--lang", "th")
    assert warned.stderr.splitlines()[-2] == "warned.yaml: ผ่าน แต่มีคำเตือน (คำเตือน 1 รายการ)", warned
    # the codes stay English in the JSON lines of a Thai run; the message is Thai
    run = ghgcalc(tmp_path, "validate", "bad.yaml", "--lang", "th", "-f", "jsonl")
    records = lines(run.stdout)
    assert records[0]["code"] == "amount-negative" and re.search("[\u0e00-\u0e7f]", records[0]["message"])


def _batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.yaml", GOOD)
    write(folder, "b.yaml", BAD)
    write(folder, "c.yaml", WARNED)
    return folder


def test_a_batch_json_keeps_a_record_for_every_input(tmp_path: Path):
    _batch(tmp_path)
    run = ghgcalc(tmp_path, "compute", "in", "-f", "json")
    assert run.code == INPUT_ERRORS
    records = json.loads(run.stdout)
    assert len(records) == 3
    assert [(r["source"], r["status"]) for r in records] == [
        ("in/a.yaml", "ok"),
        ("in/b.yaml", "errors"),
        ("in/c.yaml", "warnings"),
    ]
    failed = records[1]
    assert set(failed) == {"source", "status", "errors", "warnings", "first_error"}
    assert (failed["errors"], failed["warnings"]) == (2, 0)
    check(failed["first_error"])
    assert failed["first_error"]["code"] == "amount-negative"
    assert (failed["first_error"]["line"], failed["first_error"]["column"]) == at(BAD, "-100")
    # a diesel line of 100 L computes as before: the record of a result gained only its status
    one = json.loads(ghgcalc(tmp_path, "compute", "in/a.yaml", "-f", "json").stdout)
    assert {k: v for k, v in records[0].items() if k != "status"} == one
    assert list(records[0])[:3] == ["ghgcalc_result", "source", "status"]


def test_a_batch_jsonl_has_a_line_per_input(tmp_path: Path):
    _batch(tmp_path)
    run = ghgcalc(tmp_path, "compute", "in", "-f", "jsonl")
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["status"] for r in records] == ["ok", "errors", "warnings"]


def test_a_batch_csv_has_a_row_for_a_failed_input(tmp_path: Path):
    _batch(tmp_path)
    run = ghgcalc(tmp_path, "compute", "in", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    # each good file here has one activity line: one row per file
    assert [(r["source"], r["status"]) for r in rows] == [
        ("in/a.yaml", "ok"),
        ("in/b.yaml", "errors"),
        ("in/c.yaml", "warnings"),
    ]
    failed = rows[1]
    assert failed["first_error"].startswith("in/b.yaml:6:13: error[amount-negative]")
    assert failed["t_co2e"] == "" and failed["amount"] == ""
    assert rows[0]["first_error"] == "" and rows[0]["t_co2e"] != ""


def test_a_csv_without_a_failed_input_has_no_status_columns(tmp_path: Path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "c.yaml", WARNED)
    run = ghgcalc(tmp_path, "compute", "a.yaml", "c.yaml", "-f", "csv")
    assert run.code == 0
    header = run.stdout.splitlines()[0].split(",")
    assert "status" not in header and "first_error" not in header


def test_the_errors_of_last_years_file_are_in_the_diagnostics(tmp_path: Path):
    write(tmp_path, "town.yaml", GOOD)
    write(tmp_path, "last.yaml", BAD)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--previous", "last.yaml", "--diagnostics", "d.jsonl")
    assert run.code == INPUT_ERRORS and run.stdout == ""
    records = lines((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert [(r["file"], r["code"]) for r in records] == [
        ("last.yaml", "amount-negative"),
        ("last.yaml", "factor-missing"),
    ]


def test_the_diagnostics_files_name_chooses_json_lines_json_or_csv(tmp_path: Path):
    """`--diagnostics problems.csv` wrote JSON lines into a file named .csv; the name now chooses the
    form, every form the same problems with the schema's keys, in its order. A workbook's name is
    refused before anything is read."""
    write(tmp_path, "bad.yaml", BAD)
    for name in ("d.jsonl", "d.json", "d.csv"):
        run = ghgcalc(tmp_path, "validate", "bad.yaml", "--diagnostics", name)
        assert run.code == INPUT_ERRORS and f"wrote {name}" in run.stderr, run
    as_lines = lines((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8")) == as_lines
    rows = list(csv.reader(io.StringIO((tmp_path / "d.csv").read_text(encoding="utf-8"))))
    assert rows[0] == _schema()["required"]
    assert [dict(zip(rows[0], row, strict=True)) for row in rows[1:]] == [
        {key: "" if value is None else str(value) for key, value in record.items()} for record in as_lines
    ]
    refused = ghgcalc(tmp_path, "validate", "bad.yaml", "--diagnostics", "d.xlsx")
    assert_usage_error(
        refused, "is named as an Excel workbook", "hint: name the file .jsonl, .json or .csv, e.g. d.csv"
    )
    assert not (tmp_path / "d.xlsx").exists()
