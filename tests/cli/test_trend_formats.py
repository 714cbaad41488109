"""`ghgcalc trend` and `factors list` in every format: CSV through the one guarded writer
(io/writers.py csv_text) with the same rows as JSON; the trend report in Markdown, xlsx and HTML."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

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
