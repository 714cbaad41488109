"""`ghgcalc import ... -o FILE.xlsx` / `-o FOLDER/ --to xlsx`: each imported year as ghgcalc's own
workbook, computing to the total the TGO workbook prints and to the YAML import's total.

The TGO workbooks are generated (tests/tgo_workbooks/generate.py); the printed totals are the
generator's cached values (form 1.5(1): E42 / C41 and E39:E41; V-Sheet: Fr-04.1 / Fr-04.2 AO45).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from ghgcalc.io.excel_reader import read_workbook
from tests.helpers import assert_usage_error, ghgcalc, issues, snapshot
from tests.tgo_workbooks import generate as g

S2568, S2567, S2569 = "สรุปการคำนวณ ปี 2568", "สรุปการคำนวณ ปี 2567", "สรุปการคำนวณ ปี 2569"
SEPTIC, POND = "CH4จาก Septic tank {}", "CH4จากบ่อบำบัดไม่เติมอากาศ {}"


def computed(folder: Path, name: str) -> dict[str, Any]:
    run = ghgcalc(folder, "compute", name, "-f", "json")
    assert run.code == 0, run
    assert issues(run.stderr) == [], run
    return dict(json.loads(run.stdout))


def workbook(path: Path) -> dict[str, Any]:
    document, _cells, problems = read_workbook(str(path), str(path))
    assert document is not None and not problems, problems
    return document


def yaml_total(folder: Path, workbook_name: str, year: int) -> float:
    """The total of the same year imported as YAML."""
    (folder / "yaml").mkdir(exist_ok=True)
    assert ghgcalc(folder, "import", workbook_name, "-o", "yaml/", "--force").code == 0
    stem = Path(workbook_name).stem
    return float(computed(folder, f"yaml/{stem}-{year}.yaml")["total_t_co2e"])


def test_two_years_to_a_folder(tmp_path: Path) -> None:
    gen = g.form_1_5_1(tmp_path / "gh2568.xlsx")
    (tmp_path / "out").mkdir()
    run = ghgcalc(tmp_path, "import", "gh2568.xlsx", "-o", "out/", "--to", "xlsx")
    assert run.code == 0, run
    assert sorted(os.listdir(tmp_path / "out")) == ["gh2568-2567.xlsx", "gh2568-2568.xlsx"]
    for year, sheet, total, scopes in (
        (2568, S2568, "E42", ("E39", "E40", "E41")),
        (2567, S2567, "C41", ("C38", "C39", "C40")),
    ):
        result = computed(tmp_path, f"out/gh2568-{year}.xlsx")
        assert result["total_t_co2e"] == pytest.approx(gen.cached[(sheet, total)], rel=1e-9)
        for scope, cell in zip("123", scopes, strict=True):
            assert result["by_scope_t_co2e"][scope] == pytest.approx(gen.cached[(sheet, cell)], rel=1e-9)
        assert result["total_t_co2e"] == pytest.approx(yaml_total(tmp_path, "gh2568.xlsx", year), rel=1e-12)
        assert result["period"]["start"] == f"{year - 543}-01-01"
    # a note for each method line, then the file
    notes = [line for line in run.stderr.splitlines() if line.startswith("note: out/gh2568-2568.xlsx")]
    assert len(notes) == 2 and "tgo-septic-tank" in notes[0] and "tgo-anaerobic-pond" in notes[1]
    assert "YAML import keeps it" in notes[0]
    assert "wrote out/gh2568-2568.xlsx" in run.stderr and "wrote out/gh2568-2567.xlsx" in run.stderr


def test_one_year_to_a_file_keeps_the_cells_and_the_septic_and_pond_rows(tmp_path: Path) -> None:
    gen = g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False)
    run = ghgcalc(tmp_path, "import", "gh2569.xlsx", "-o", "gh2569-out.xlsx")
    assert run.code == 0, run
    assert ghgcalc(tmp_path, "import", "gh2569.xlsx", "-o", "gh2569.yaml").code == 0
    result = computed(tmp_path, "gh2569-out.xlsx")
    assert result["total_t_co2e"] == pytest.approx(gen.cached[(S2569, "E42")], rel=1e-9)
    assert result["total_t_co2e"] == pytest.approx(computed(tmp_path, "gh2569.yaml")["total_t_co2e"], rel=1e-12)
    # the CH4 the TGO sheets print (septic O4, pond B13:M13), times the summary's EF 28
    printed_ch4 = gen.cached[(SEPTIC.format(2569), "O4")] + sum(
        gen.cached[(POND.format(2569), f"{c}13")] for c in "BCDEFGHIJKLM"
    )
    document = workbook(tmp_path / "gh2569-out.xlsx")
    in_yaml = yaml.safe_load((tmp_path / "gh2569.yaml").read_text(encoding="utf-8"))
    # the typed lines and their factors as in the YAML, cell citations included
    plain = [a for a in in_yaml["activities"] if "method" not in a]
    assert [a for a in document["activities"] if not a["activity"].startswith(("septic", "wastewater"))] == plain
    factors = {f["key"]: f for f in document["custom_factors"]}
    for factor in in_yaml["custom_factors"]:
        assert factors[factor["key"]]["source"] == factor["source"]
    lines = {a["activity"]: a for a in document["activities"]}
    septic, pond = lines["septic-tank-r16"], lines["wastewater-pond-r17"]
    wb = openpyxl.load_workbook(tmp_path / "gh2569.xlsx", data_only=False)
    for line, row, sheet, cells in ((septic, 16, "Septic", "C2:N2, C3:N3"), (pond, 17, "บ่อ", "C3:N3, H7")):
        assert line["unit"] == "kg" and line["scope"] == 1
        assert f"gh2569.xlsx[{S2569}]!G{row}:AC{row}" in line["label"] and "kgCH4" in line["label"]
        assert sheet in line["label"] and line["label"].endswith(f"{cells})")
        assert line["amount"] == pytest.approx([gen.cached[(S2569, f"{g.col(7 + 2 * m)}{row}")] for m in range(12)])
        factor = factors[line["activity"]]
        assert factor["kg"] == {"CO2e": wb[S2569][f"D{row}"].value} == {"CO2e": 28}
        assert factor["source"] == f"gh2569.xlsx[{S2569}]!D{row}"
        assert "YAML import keeps" in factor["name"]
    assert (sum(septic["amount"]) + sum(pond["amount"])) == pytest.approx(printed_ch4, rel=1e-9)


def test_a_vsheet_to_a_folder(tmp_path: Path) -> None:
    gen = g.vsheet_cfo(tmp_path / "v04.xlsx", "04")
    (tmp_path / "out").mkdir()
    run = ghgcalc(tmp_path, "import", "v04.xlsx", "-o", "out", "--to", "XLSX")
    assert run.code == 0, run
    assert "note:" not in run.stderr  # the V-Sheet has no method lines
    assert sorted(os.listdir(tmp_path / "out")) == ["v04-2566.xlsx", "v04-2568.xlsx"]
    for sheet, year in (("Fr-04.1", 2568), ("Fr-04.2", 2566)):
        result = computed(tmp_path, f"out/v04-{year}.xlsx")
        assert result["total_t_co2e"] == pytest.approx(gen.cached[(sheet, "AO45")], rel=1e-9)
        assert result["total_t_co2e"] == pytest.approx(yaml_total(tmp_path, "v04.xlsx", year), rel=1e-12)
        document = workbook(tmp_path / f"out/v04-{year}.xlsx")
        assert document["name"] == "เทศบาลตำบลตัวอย่าง"
        assert all(f"v04.xlsx[{sheet}]!" in f["source"] for f in document["custom_factors"])


def test_a_septic_row_that_differs_is_written_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A septic sheet computing with another factor than TGO's 0.012 (its Q2): the summary's row 16 is
    not days x staff x 0.012, so the import keeps the kgCH4 the summary prints (no method, no note)."""
    monkeypatch.setattr(g, "SEPTIC_Q2", 0.013)
    gen = g.form_1_5_1(tmp_path / "gh.xlsx", 2568, with_previous_year=False)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh-out.xlsx")
    assert run.code == 0, run
    assert [p.code for p in issues(run.stderr) if p.code == "tgo-sheets-differ"] == ["tgo-sheets-differ"]
    [note] = [line for line in run.stderr.splitlines() if line.startswith("note:")]
    assert "tgo-anaerobic-pond" in note
    assert computed(tmp_path, "gh-out.xlsx")["total_t_co2e"] == pytest.approx(gen.cached[(S2568, "E42")], rel=1e-9)


# name -> (arguments after "import", files made first, what stderr must say)
REFUSED: dict[str, tuple[list[str], dict[str, str], list[str]]] = {
    "an existing file": (["gh.xlsx", "-o", "mine.xlsx"], {"mine.xlsx": "mine"}, ["already exists", "--force"]),
    "one existing year in the folder": (
        ["gh.xlsx", "-o", "out/", "--to", "xlsx"],
        {"out/gh-2567.xlsx": "mine"},
        ["already exists", "--force"],
    ),
    "the workbook itself": (["gh.xlsx", "-o", "gh.xlsx", "--force"], {}, ["never writes over"]),
    "two years in one workbook": (["gh.xlsx", "-o", "one.xlsx"], {}, ["2 year sheets", "-o imported/ --to xlsx"]),
    "a workbook to standard output": (["gh.xlsx", "--to", "xlsx"], {}, ["standard output", "-o"]),
    "--to against the suffix": (
        ["gh.xlsx", "-o", "x.yaml", "--to", "xlsx"],
        {},
        ["--to xlsx writes an Excel workbook, but x.yaml is named as a YAML file", "--to yaml", "-o x.xlsx"],
    ),
    "--to something else": (["gh.xlsx", "-o", "out/", "--to", "csv"], {}, ["yaml or xlsx"]),
    "another suffix": (["gh.xlsx", "-o", "x.xlsm"], {}, [".yaml, .yml or .xlsx"]),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_nothing_is_written_when_refused(tmp_path: Path, name: str) -> None:
    arguments, made, mentions = REFUSED[name]
    g.form_1_5_1(tmp_path / "gh.xlsx")
    (tmp_path / "out").mkdir()
    for path, text in made.items():
        (tmp_path / path).write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", *arguments)
    assert_usage_error(run, *mentions)
    assert "Traceback" not in run.stderr
    assert snapshot(tmp_path) == before


def test_nothing_is_written_for_a_workbook_with_errors(tmp_path: Path) -> None:
    assert ghgcalc(tmp_path, "init", "mine.xlsx").code == 0  # ghgcalc's own workbook, not a TGO form
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", "mine.xlsx", "-o", "x.xlsx")
    assert run.code == 1, run
    assert [p.code for p in issues(run.stderr) if p.severity == "error"] == ["tgo-form-unknown"]
    assert snapshot(tmp_path) == before


def test_force_replaces_every_year(tmp_path: Path) -> None:
    gen = g.form_1_5_1(tmp_path / "gh.xlsx")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "gh-2568.xlsx").write_text("mine", encoding="utf-8")
    assert ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "out/", "--to", "xlsx", "--force").code == 0
    assert computed(tmp_path, "out/gh-2568.xlsx")["total_t_co2e"] == pytest.approx(gen.cached[(S2568, "E42")])
