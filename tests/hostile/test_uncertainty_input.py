"""Careless and hostile data quality and uncertainty (docs/inventory-format.md, "Data quality and
uncertainty"): every bad value is a located error with a hint, never a silently wrong range and
never exit 3; --uncertainty on odd but valid inventories still answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import assert_input_error, ghgcalc, snapshot, write

HEAD = "ghgcalc: 1\nname: Town\nperiod: 2024\n"
FACTOR = "custom_factors:\n  - {key: grid, per: kWh, kg: {CO2: 0.5}, scope: 2, source: test}\n"


def inventory(extra: str) -> str:
    return f"{HEAD}{FACTOR}activities:\n  - activity: grid\n    amount: 1000\n    unit: kWh\n{extra}"


BAD_LINES = [
    # (what the officer typed on the line, the issue code, a word of the message or hint)
    ("    uncertainty: {activity: x5}\n", "uncertainty-invalid", "not a number"),
    ("    uncertainty: {activity: -5}\n", "uncertainty-invalid", "negative"),
    ("    uncertainty: {activity: .nan}\n", "uncertainty-invalid", ""),
    ("    uncertainty: {activity: .inf}\n", "uncertainty-invalid", ""),
    ("    uncertainty: {activity: 1e400}\n", "uncertainty-invalid", ""),
    ("    uncertainty: {activity: 50000}\n", "uncertainty-invalid", "slip"),
    ("    uncertainty: {activity: '5,5'}\n", "uncertainty-invalid", ""),
    ("    uncertainty: {activity: true}\n", "uncertainty-invalid", ""),
    ("    uncertainty: {activity: 2024-01-01}\n", "uncertainty-invalid", ""),
    ("    uncertainty: {factor: [10, 20]}\n", "uncertainty-invalid", "lower limit"),
    ("    uncertainty: {factor: [-20, -10]}\n", "uncertainty-invalid", "lower limit"),
    ("    uncertainty: {factor: [-150, 20]}\n", "uncertainty-invalid", "100"),
    ("    uncertainty: {factor: [-10, 20, 30]}\n", "uncertainty-invalid", "two numbers"),
    ("    uncertainty: {factor: []}\n", "uncertainty-invalid", "two numbers"),
    ("    uncertainty: {factor: {low: 1}}\n", ("uncertainty-invalid", "float_parsing", "float_type"), ""),
    ("    uncertainty: {amount: 5}\n", "key-unknown", "activity, factor"),
    ("    uncertainty: 5\n", "value-invalid", "say which"),
    ("    data_quality: {source: 3rd}\n", "data-quality-invalid", "1st, 2nd, other"),
    ("    data_quality: {source: 3}\n", "data-quality-invalid", "1st, 2nd, other"),
    ("    data_quality: {source: primary}\n", "data-quality-invalid", "1st, 2nd, other"),
    ("    data_quality: {activity: excellent}\n", "data-quality-invalid", "high, medium, low"),
    ("    data_quality: {factor: [high]}\n", "data-quality-invalid", "high, medium, low"),
    ("    data_quality: {tier: 1st}\n", "key-unknown", "source"),
    ("    data_quality: high\n", "value-invalid", "data_quality: {source"),
    ("    evidence: ''\n", ("value-empty", "string_too_short"), ""),
    ("    evidence: " + "x" * 2100 + "\n", "value-invalid", "2000"),
]


@pytest.mark.parametrize(("extra", "code", "said"), BAD_LINES, ids=[b[0].strip()[:40] for b in BAD_LINES])
def test_a_bad_quality_or_range_is_a_located_error(tmp_path: Path, extra: str, code, said: str) -> None:
    write(tmp_path, "town.yaml", inventory(extra))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--uncertainty", "--format", "json")
    assert_input_error(run, "town.yaml", code, (10, None))
    assert said.lower() in run.stderr.lower()
    assert "Traceback" not in run.stderr
    assert snapshot(tmp_path) == before


def test_a_custom_factor_range_is_read_by_the_same_rules(tmp_path: Path) -> None:
    text = (
        f"{HEAD}custom_factors:\n  - {{key: grid, per: kWh, kg: {{CO2: 0.5}}, scope: 2, source: test,"
        " uncertainty: [5, 10]}\nactivities:\n  - {activity: grid, amount: 1000, unit: kWh}\n"
    )
    write(tmp_path, "town.yaml", text)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--uncertainty")
    assert_input_error(run, "town.yaml", "uncertainty-invalid", (5, None), hint="")


@pytest.mark.parametrize("written", ["5", "'5'", "'5 %'", "'±5'", "'๕'", "[-5, 5]", "['-5', '+5']"], ids=lambda w: w)
def test_a_range_written_as_people_write_it_is_read_as_5_percent(tmp_path: Path, written: str) -> None:
    write(tmp_path, "town.yaml", inventory(f"    uncertainty: {{activity: {written}, factor: 0}}\n"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--uncertainty", "--format", "json")
    assert run.code == 0, run
    assert json.loads(run.stdout)["uncertainty"]["approach_1"]["total_pct"] == pytest.approx(5.0)


def ranged(uncertainty: str) -> str:
    return f"{HEAD}{FACTOR}activities:\n  - {{activity: grid, amount: 10, unit: kWh, uncertainty: {uncertainty}}}\n"


EDGE_CASES = [
    # an inventory whose every line is zero: nothing to draw, no division by zero
    (f"{HEAD}{FACTOR}activities:\n  - {{activity: grid, amount: 0, unit: kWh}}\n", None),
    # exact numbers everywhere: a range of zero
    (ranged("{activity: 0, factor: 0}"), 0.0),
    # the widest range allowed on both inputs
    (ranged("{activity: [-100, 1000], factor: 1000}"), None),
]


@pytest.mark.parametrize(("text", "total_pct"), EDGE_CASES, ids=["all zero", "exact", "widest"])
def test_odd_but_valid_inventories_get_an_answer(tmp_path: Path, text: str, total_pct: float | None) -> None:
    write(tmp_path, "town.yaml", text)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--uncertainty", "--format", "json", "--draws", "1000")
    assert run.code == 0, run
    result = json.loads(run.stdout)
    assert "uncertainty" in result and "key_categories" in result
    if total_pct is not None:
        assert result["uncertainty"]["approach_1"]["total_pct"] == total_pct
    for fmt in ("table", "csv", "md", "jsonl"):
        again = ghgcalc(tmp_path, "compute", "town.yaml", "--uncertainty", "--format", fmt, "--draws", "1000")
        assert again.code == 0, again


def test_evidence_with_terminal_escapes_is_shown_as_text(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", inventory('    evidence: "invoices \\e[31mRED\\e[0m \\u202e"\n'))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--uncertainty", "--format", "table")
    assert run.code == 0, run
    assert "\x1b[31m" not in run.stdout and "\u202e" not in run.stdout


def test_grades_written_in_thai_are_read(tmp_path: Path) -> None:
    """An officer filling the Thai columns (คุณภาพข้อมูลกิจกรรม) writes the grade in Thai: it was refused."""
    lines = "".join(
        f"  - {{activity: grid, amount: 1000, unit: kWh, data_quality: {{activity: {a}, factor: {f}}}}}\n"
        for a, f in [("สูง", "ปานกลาง"), ("กลาง", "ต่ำ")]
    )
    write(tmp_path, "town.yaml", f"{HEAD}{FACTOR}activities:\n{lines}")
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--format", "json")
    assert run.code == 0, run.stderr
    grades = [line["data_quality"] for line in json.loads(run.stdout)["lines"]]
    assert grades == [{"activity": "high", "factor": "medium"}, {"activity": "medium", "factor": "low"}]
