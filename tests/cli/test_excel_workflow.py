"""A new user's path through Excel: init a workbook, fill it in, compute, convert, report."""

from __future__ import annotations

import json

import openpyxl

from tests.helpers import USAGE, ghgcalc, issues


def test_init_fill_compute_convert_report(tmp_path):
    assert ghgcalc(tmp_path, "init", "town.xlsx", "--fiscal").code == 0
    book = openpyxl.load_workbook(tmp_path / "town.xlsx")
    activities = book["Activities"]
    header = [cell.value for cell in activities[1]]
    assert header[0].startswith("Activity") and "Oct" in header[header.index("Unit / หน่วย") + 2]
    months = [i for i, h in enumerate(header) if h and h.split(" /")[0] in ("Oct", "Nov", "Dec")]
    # the officer fills two example rows and leaves the others empty
    rows = {row[0].value: row for row in activities.iter_rows(min_row=2) if row[0].value}
    for column, value in zip(months, (2150, 2080, 2210), strict=True):
        rows["diesel-mobile"][column].value = value
    rows["paper"][header.index("Total / รวม")].value = "1,275"
    book["Inventory"]["B3"].value = "เทศบาลทดลอง"
    book.save(tmp_path / "town.xlsx")

    run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert run.code == 0, run
    # the rows not filled in; three months of the fiscal year's twelve
    assert [p.code for p in issues(run.stderr)] == ["amount-empty", "amount-months-missing"]
    result = json.loads(run.stdout)
    assert [line["activity"] for line in result["lines"]] == ["diesel-mobile", "paper"]
    assert result["lines"][0]["monthly"] == [2150, 2080, 2210]

    assert ghgcalc(tmp_path, "convert", "town.xlsx", "town.yaml").code == 0
    again = json.loads(ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json").stdout)
    assert again["total_t_co2e"] == result["total_t_co2e"]

    assert ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "xlsx", "-o", "report.xlsx").code == 0
    report = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert {"Fr-04.1 Inventory", "Fr-05 Summary", "Factors"} <= set(report.sheetnames)
    markdown = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "md")
    assert markdown.code == 0 and "Scope 1" in markdown.stdout and "|" in markdown.stdout


def test_an_xlsx_report_to_a_pipe_is_the_workbook_bytes(tmp_path):
    (tmp_path / "t.yaml").write_text(
        "ghgcalc: 1\nname: T\nperiod: 2024\nactivities:\n  - {activity: paper, amount: 1, unit: kg}\n",
        encoding="utf-8",
    )
    run = ghgcalc(tmp_path, "compute", "t.yaml", "-f", "xlsx")
    assert run.code == 0
    assert run.stdout.startswith("PK")  # a zip: the workbook, for `> report.xlsx`


def test_report_never_replaces_an_input(tmp_path):
    (tmp_path / "t.yaml").write_text(
        "ghgcalc: 1\nname: T\nperiod: 2024\nactivities:\n  - {activity: paper, amount: 1, unit: kg}\n",
        encoding="utf-8",
    )
    run = ghgcalc(tmp_path, "compute", "t.yaml", "-f", "json", "-o", "t.yaml", "--force")
    assert run.code == USAGE and "never writes over what it reads" in run.stderr


def test_text_that_looks_like_a_formula_stays_text_in_every_export(tmp_path):
    (tmp_path / "t.yaml").write_text(
        'ghgcalc: 1\nname: \'=HYPERLINK("http://x","y")\'\nperiod: 2024\nactivities:\n'
        "  - {activity: paper, amount: 1, unit: kg, label: '+cmd|calc', category: '@SUM(A1)'}\n",
        encoding="utf-8",
    )
    csv_text = ghgcalc(tmp_path, "compute", "t.yaml", "-f", "csv").stdout
    assert "'=HYPERLINK" in csv_text and "'+cmd|calc" in csv_text and "'@SUM(A1)" in csv_text
    assert ghgcalc(tmp_path, "compute", "t.yaml", "-f", "xlsx", "-o", "r.xlsx").code == 0
    assert ghgcalc(tmp_path, "convert", "t.yaml", "t.xlsx").code == 0
    for name in ("r.xlsx", "t.xlsx"):
        book = openpyxl.load_workbook(tmp_path / name)
        formulas = [c.coordinate for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == [], (name, formulas)
    # and the converted workbook reads back to the same text
    assert ghgcalc(tmp_path, "convert", "t.xlsx", "back.yaml").code == 0
    assert "=HYPERLINK" in (tmp_path / "back.yaml").read_text(encoding="utf-8")
