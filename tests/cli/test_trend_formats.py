"""`ghgcalc trend` and `factors list` in every format: CSV through the one guarded writer
(io/writers.py csv_text) with the same rows as JSON; the trend report in Markdown, xlsx and HTML."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import ghgcalc, own_factor_set, write

FORMULA = '=HYPERLINK("http://evil","x")'


def two_years(tmp_path: Path, name: str) -> None:
    """A small organisation in 2566 and 2567 (B.E.): 100 L and 150 L of stationary diesel."""
    for year, litres in (("2566", 100), ("2567", 150)):
        write(
            tmp_path,
            f"t{year}.yaml",
            f"ghgcalc: 1\nname: {json.dumps(name)}\nperiod: {year}\nfactors: tgo-cfo\nactivities:\n"
            f"  - {{activity: diesel-stationary, amount: {litres}, unit: L, label: {json.dumps(name)}}}\n",
        )


def csv_records(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def as_cell(value: object) -> str:
    """A JSON value as the CSV writes it: None empty, a list or mapping as JSON, text guarded."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith("="):
        return "'" + value
    return str(value)


def test_trend_csv_has_the_json_rows_and_guards_a_formula_name(tmp_path: Path) -> None:
    two_years(tmp_path, FORMULA)
    as_json = ghgcalc(tmp_path, "trend", "t2566.yaml", "t2567.yaml", "-f", "json")
    as_csv = ghgcalc(tmp_path, "trend", "t2566.yaml", "t2567.yaml", "-f", "csv")
    assert as_json.code == 0 and as_csv.code == 0, as_csv
    years = json.loads(as_json.stdout)["years"]
    records = csv_records(as_csv.stdout)
    assert list(records[0]) == list(years[0])  # the same columns, in the same order
    assert [r["name"] for r in records] == ["'" + FORMULA] * 2  # shown as text, never run
    for record, year in zip(records, years, strict=True):
        assert record == {key: as_cell(value) for key, value in year.items()}
    # 150 L against 100 L of one factor: +50 % against the base year
    assert float(records[1]["change_from_base_pct"]) == 50.0


def test_the_province_trend_csv_has_the_json_rows(tmp_path: Path) -> None:
    files = [str(ROOT / "examples" / name) for name in ("province-2562.yaml", "province.yaml")]
    years = json.loads(ghgcalc(tmp_path, "trend", *files, "-f", "json").stdout)["years"]
    records = csv_records(ghgcalc(tmp_path, "trend", *files, "-f", "csv").stdout)
    assert [r for r in records] == [{k: as_cell(v) for k, v in year.items()} for year in years]
    assert json.loads(records[0]["by_sector_t_co2e"])["Transportation"] > 0


QUOTED = '"' + FORMULA.replace('"', '""') + '"'  # as a CSV cell
OWN_ROWS = (
    "key,name_en,name_th,category,scope,per,gas,value,published_kgco2e,valid_from,valid_to,ncv,density,source,notes\n"
    f"boiler-diesel,{QUOTED},,stationary-combustion,1,L,CO2,2.68,2.68,,,,,{QUOTED},\n"
)


def test_factors_list_csv_has_the_json_rows_and_guards_a_formula_name(tmp_path: Path) -> None:
    own_factor_set(tmp_path, OWN_ROWS, title='"=1+1"')
    for args in (("--set", "my-boilers"), ()):
        as_json = ghgcalc(tmp_path, "factors", "list", "--factors-dir", "myf", *args, "-f", "json")
        as_csv = ghgcalc(tmp_path, "factors", "list", "--factors-dir", "myf", *args, "-f", "csv")
        assert as_json.code == 0 and as_csv.code == 0, as_csv
        rows = json.loads(as_json.stdout)
        assert csv_records(as_csv.stdout) == [{k: as_cell(v) for k, v in row.items()} for row in rows]
    mine = csv_records(
        ghgcalc(tmp_path, "factors", "list", "--factors-dir", "myf", "--set", "my-boilers", "-f", "csv").stdout
    )
    assert mine[0]["name_en"] == mine[0]["source"] == "'" + FORMULA
    sets = csv_records(ghgcalc(tmp_path, "factors", "list", "--factors-dir", "myf", "-f", "csv").stdout)
    assert next(s for s in sets if s["id"] == "my-boilers")["title"] == "'=1+1"


def test_factors_list_of_a_bundled_set_csv_has_the_json_rows(tmp_path: Path) -> None:
    rows = json.loads(ghgcalc(tmp_path, "factors", "list", "--set", "tgo-cfo@2022-04", "-f", "json").stdout)
    records = csv_records(ghgcalc(tmp_path, "factors", "list", "--set", "tgo-cfo@2022-04", "-f", "csv").stdout)
    assert records == [{k: as_cell(v) for k, v in row.items()} for row in rows]
    grid = next(r for r in records if r["key"] == "electricity-grid")
    assert grid["value"] == "0.4999"  # TGO Emission Factor CFO, April 2022: grid mix 0.4999 kgCO2e/kWh


# --- the trend report: Markdown, a workbook and a web page ----------------------------------------

PROVINCE = [str(ROOT / "examples" / name) for name in ("province-2562.yaml", "province-2564.yaml", "province.yaml")]


def province_json(tmp_path: Path) -> list[dict]:
    run = ghgcalc(tmp_path, "trend", *PROVINCE, "--base-year", "2562", "-f", "json")
    assert run.code == 0, run
    return json.loads(run.stdout)["years"]


def test_markdown_has_every_year_the_missing_ones_said(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "trend", *PROVINCE, "--base-year", "2562", "-f", "md")
    assert run.code == 0, run
    assert run.stdout.startswith("# Greenhouse gas emissions by year, 2562 to 2566\n")
    lines = run.stdout.splitlines()
    for missing in ("2563", "2565"):
        rows = [line for line in lines if line.startswith(f"| {missing} |")]
        assert any("no inventory for this year" in row for row in rows)
        assert not any(re.search(r"\d", row.replace(missing, "")) for row in rows)  # no number, never estimated
    assert any(line.startswith("| 2562 |") and "base year" in line for line in lines)


def test_markdown_in_thai(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "trend", *PROVINCE, "-f", "md", "--lang", "th")
    assert run.code == 0, run
    assert run.stdout.startswith("# การปล่อยก๊าซเรือนกระจกรายปี 2562 ถึง 2566\n")
    assert "ไม่มีบัญชีก๊าซเรือนกระจกของปีนี้" in run.stdout and "no inventory" not in run.stdout
    assert "| ปี |" in run.stdout  # the column titles in Thai, the years in B.E. as the inventories wrote them


def test_a_workbook_holds_the_json_numbers_and_the_charts(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    years = province_json(tmp_path)
    run = ghgcalc(tmp_path, "trend", *PROVINCE, "--base-year", "2562", "-f", "xlsx", "-o", "trend.xlsx")
    assert run.code == 0 and run.stdout == "", run
    assert "wrote trend.xlsx" in run.stderr
    book = openpyxl.load_workbook(tmp_path / "trend.xlsx")
    sheet = book["totals"]
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True) if r[0] in ("2562", "2563", "2564", "2565", "2566")}
    totals = [y["total_t_co2e"] for y in years]
    assert [rows[y][1] for y in ("2562", "2564", "2566")] == pytest.approx(totals, rel=1e-15)
    assert rows["2563"][1] is None and rows["2565"][1] is None
    assert sheet._charts and book["by-sector"]._charts  # the totals' line and the sectors' stacked bars


def test_a_web_page_escapes_the_inventories_text(tmp_path: Path) -> None:
    two_years(tmp_path, "<script>alert(1)</script>")
    run = ghgcalc(tmp_path, "trend", "t2566.yaml", "t2567.yaml", "-f", "html", "-o", "trend.html")
    assert run.code == 0, run
    page = (tmp_path / "trend.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert '<html lang="en"' in page and "<svg" in page and "<table" in page


def test_a_web_page_in_thai(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "trend", *PROVINCE, "-f", "html", "-o", "trend.html", "--lang", "th")
    assert run.code == 0, run
    page = (tmp_path / "trend.html").read_text(encoding="utf-8")
    assert '<html lang="th"' in page and "การปล่อยก๊าซเรือนกระจกรายปี 2562 ถึง 2566" in page
    assert "ไม่มีบัญชีก๊าซเรือนกระจกของปีนี้" in page


def test_the_table_is_for_the_terminal_only(tmp_path: Path) -> None:
    two_years(tmp_path, "Town")
    run = ghgcalc(tmp_path, "trend", "t2566.yaml", "t2567.yaml", "-f", "table", "-o", "trend.txt")
    assert run.code == 2 and "--format md" in run.stderr, run
    assert not (tmp_path / "trend.txt").exists()


def test_a_report_never_replaces_an_input(tmp_path: Path) -> None:
    two_years(tmp_path, "Town")
    before = (tmp_path / "t2567.yaml").read_bytes()
    run = ghgcalc(tmp_path, "trend", "t2566.yaml", "t2567.yaml", "-f", "json", "-o", "t2567.yaml", "--force")
    assert run.code == 2, run
    assert (tmp_path / "t2567.yaml").read_bytes() == before
