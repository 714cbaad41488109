"""The CLI on the bundled example and on files made in the test: outputs, formats, exit codes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys

import pytest

from ghgcalc import api
from ghgcalc.io import writers
from tests import helpers
from tests import municipality_by_hand as by_hand
from tests.conftest import ROOT

EXAMPLE = "examples/municipality.yaml"


def ghgcalc(*args: str, cwd=ROOT, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in-process; in a subprocess only when the environment must differ (hash seeds)."""
    if env is None:
        run = helpers.ghgcalc(cwd, *args, stdin=stdin.encode() if stdin is not None else None)
        return subprocess.CompletedProcess(list(args), run.code, run.stdout, run.stderr)
    return subprocess.run(
        [sys.executable, "-m", "ghgcalc", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        env={**os.environ, **env},
        check=False,
    )


@pytest.fixture(scope="module")
def example_json() -> dict:
    completed = ghgcalc("compute", EXAMPLE, "--format", "json")
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    return json.loads(completed.stdout)


def test_example_matches_golden_output():
    """A regression guard: regenerate only with scripts/regen_golden.py, for a reason the commit gives."""
    golden = (ROOT / "tests" / "golden" / "municipality.json").read_text(encoding="utf-8")
    recorded = (ROOT / "tests" / "golden" / "municipality.json.sha256").read_text(encoding="utf-8").strip()
    assert hashlib.sha256(golden.encode("utf-8")).hexdigest() == recorded, "golden file edited by hand"
    assert ghgcalc("compute", EXAMPLE, "--format", "json").stdout == golden
    # pinned to the April 2022 edition, the result is the same, byte for byte, whatever editions come later
    assert ghgcalc("compute", EXAMPLE, "--format", "json", "--factors", "tgo-cfo@2022-04").stdout == golden


@pytest.mark.parametrize("source", ["the CLI", "the golden file"])
def test_example_lines_follow_tgo_published_factors(example_json, source):
    """Every line, scope and the total recomputed by hand from TGO's printed per-gas factors and AR5 GWPs
    (tests/municipality_by_hand.py cites each): the golden file is checked against them, not only against
    ghgcalc's own earlier output."""
    if source == "the CLI":
        result = example_json
    else:
        result = json.loads((ROOT / "tests" / "golden" / "municipality.json").read_text(encoding="utf-8"))
    lines = {line["label"]: line for line in result["lines"]}
    assert len(lines) == len(result["lines"]) == len(by_hand.LINES) == 16
    for label, amount, scope, gases, separate in by_hand.LINES:
        line = lines[label]
        assert line["amount"] * (1000 if line["unit"] in ("MWh", "t") else 1) == pytest.approx(amount, rel=1e-12)
        assert line["scope"] == scope, label
        assert line["gases_t"] == pytest.approx(by_hand.gases_t(amount, gases), rel=1e-12), label
        t_co2e = by_hand.line_t_co2e(amount, gases)
        if separate:  # R-22 (HCFC-22) is outside the total, reported separately as TGO's V-Sheet does
            assert line["t_co2e"] == 0 and line["separately_reported_t_co2e"] == {
                "non_kyoto": pytest.approx(t_co2e, rel=1e-12)
            }
        else:
            assert line["t_co2e"] == pytest.approx(t_co2e, rel=1e-12), label
    assert lines["Staff cars and motorcycles (gasohol 95)"]["amount"] == 4820  # written "๔,๘๒๐"
    assert result["by_scope_t_co2e"] == pytest.approx(by_hand.BY_SCOPE_T_CO2E, rel=1e-12)
    assert result["total_t_co2e"] == pytest.approx(by_hand.TOTAL_T_CO2E, rel=1e-12)
    assert result["separately_reported_t_co2e"] == {
        "CO2_biogenic": 0.0,
        "non_kyoto": pytest.approx(by_hand.NON_KYOTO_T_CO2E, rel=1e-12),
    }


def test_result_records_what_gave_each_number(example_json):
    assert example_json["ghgcalc_result"] == 1
    assert example_json["period"] == {"start": "2023-10-01", "end": "2024-09-30"}
    assert example_json["gwp"] == "AR5"
    sets = {s["id"]: s for s in example_json["factor_sets"]}
    assert sets["tgo-cfo"]["version"] == "2022-04" and len(sets["tgo-cfo"]["sha256"]) == 64
    for line in example_json["lines"]:
        assert line["factor"]["source"] and line["factor"]["key"] and line["factor"]["version"]
        assert set(line["gwp"]) == set(line["gases_t"])


def test_cli_json_equals_the_python_api(example_json):
    outcome = api.compute_file(str(ROOT / EXAMPLE))
    expected = writers.result_dict(outcome.result)
    expected["source"] = EXAMPLE
    assert example_json == json.loads(json.dumps(expected))


def test_csv_and_jsonl_formats(tmp_path):
    other = tmp_path / "other.yaml"  # a second inventory (the same file named twice is computed once)
    other.write_bytes((ROOT / EXAMPLE).read_bytes())
    completed = ghgcalc("compute", EXAMPLE, str(other), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(completed.stdout)))
    assert len(rows) == 2 * 16
    assert {"t_co2e", "t_CO2", "t_CH4_fossil", "t_R-410A", "factor_key", "factor_version"} <= set(rows[0])
    jsonl = ghgcalc("compute", EXAMPLE, str(other), "--format", "jsonl").stdout.splitlines()
    assert len(jsonl) == 2 and json.loads(jsonl[0])["name"].startswith("เทศบาล")
    array = json.loads(ghgcalc("compute", EXAMPLE, str(other), "--format", "json").stdout)
    assert isinstance(array, list) and len(array) == 2


def test_table_format_shows_totals_per_scope():
    completed = ghgcalc("compute", EXAMPLE, "--format", "table")
    assert completed.returncode == 0
    assert "Scope 1" in completed.stdout and "Total" in completed.stdout and "Largest sources" in completed.stdout


def test_output_is_byte_identical_across_hash_seeds():
    outputs = {ghgcalc("compute", EXAMPLE, "-f", "json", env={"PYTHONHASHSEED": seed}).stdout for seed in ("0", "1")}
    assert len(outputs) == 1


def test_gwp_option_reweighs_the_same_gases():
    ar6 = json.loads(ghgcalc("compute", EXAMPLE, "-f", "json", "--gwp", "AR6").stdout)
    assert ar6["gwp"] == "AR6"
    assert any(w["code"] == "gwp-basis-mismatch" for w in ar6["warnings"])  # TGO's CO2e rows are AR5


def test_init_writes_a_starter_that_computes(tmp_path):
    completed = ghgcalc("init", "town.yaml", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert ghgcalc("compute", "town.yaml", "-f", "json", cwd=tmp_path).returncode == 0
    again = ghgcalc("init", "town.yaml", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_factors_commands():
    listed = json.loads(ghgcalc("factors", "list", "--format", "json").stdout)
    assert {"tgo-cfo", "ipcc-2006", "gases"} <= {s["id"] for s in listed}
    rows = json.loads(ghgcalc("factors", "list", "--set", "tgo-cfo@2022-04", "-f", "json").stdout)
    assert any(r["key"] == "electricity-grid" and r["value"] == 0.4999 for r in rows)
    shown = json.loads(ghgcalc("factors", "show", "electricity-grid", "--set", "tgo-cfo", "-f", "json").stdout)
    assert [s["version"] for s in shown] == ["2022-04", "2026-02"]
    assert shown[1]["kg_per_unit"] == {"CO2e": 0.475} and shown[1]["valid_from"] == "2026-01-01"


def test_grid_factor_of_2026_is_chosen_for_fiscal_year_2569(tmp_path):
    (tmp_path / "fy2569.yaml").write_text(
        "ghgcalc: 1\nname: T\nperiod: FY2569\nactivities:\n  - {activity: electricity-grid, amount: 1000, unit: kWh}\n",
        encoding="utf-8",
    )
    completed = ghgcalc("compute", "fy2569.yaml", "-f", "json", cwd=tmp_path)
    result = json.loads(completed.stdout)
    assert result["total_t_co2e"] == pytest.approx(0.475)
    assert "factor-edition-overlap" in completed.stderr and "fy2569.yaml:5:" in completed.stderr
