"""The same number reads the same, to its shown decimals, in every format of the same run: the
terminal table, the Markdown summary, the web page and the workbook all round a value as a
spreadsheet rounds what it shows, half away from zero on its decimal digits (docs/reports.md,
"Numbers: exact, and TGO's rounding beside them"). 2.675 t is 2.68 t everywhere, never 2.67 t in
one format and 2.68 t in another; a share of 4.25 % is 4.3 %."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.test_compute_html import Page
from tests.conftest import ROOT
from tests.helpers import ghgcalc, write

# 17 t + 383 t = 400 t: Scope 1 is 4.25 % of the total; the third line is 2.675 t (binary 2.67499...)
HALVES = """ghgcalc: 1
name: Halves town
kind: organization
period: 2024
custom_factors:
  - {key: kg-co2, per: kg, kg: {CO2: 1}, source: a test factor of 1 kg CO2 per kg}
activities:
  - {activity: kg-co2, amount: 17000, unit: kg, scope: 1, label: seventeen}
  - {activity: kg-co2, amount: 380325, unit: kg, scope: 2, label: the rest}
  - {activity: kg-co2, amount: 2675, unit: kg, scope: 2, label: two-six-seven-five}
"""


def test_a_half_rounds_up_in_the_terminal_and_the_markdown_as_on_the_web_page(tmp_path: Path) -> None:
    write(tmp_path, "halves.yaml", HALVES)
    html = ghgcalc(tmp_path, "compute", "halves.yaml", "-f", "html")
    assert html.code == 0, html
    page = Page()
    page.feed(html.stdout)
    rows = [row for table in page.tables.values() for row in table if row]
    halves = [row for row in rows if row[0] == "two-six-seven-five"]
    assert len(halves) >= 2 and all("2.68" in row for row in halves), rows  # by-source and lines tables
    assert any("4.3 %" in row for row in rows if row[0] == "seventeen"), rows  # 17 of 400 t

    table = ghgcalc(tmp_path, "compute", "halves.yaml", "-f", "table")
    assert table.code == 0, table
    line = next(line for line in table.stdout.splitlines() if "two-six-seven-five (kg-co2)" in line)
    assert " 2.68 " in line and "2.67" not in line, line
    shares = [line for line in table.stdout.splitlines() if line.strip().startswith("seventeen ")]
    assert shares and all("4.3 %" in line for line in shares), shares

    markdown = ghgcalc(tmp_path, "compute", "halves.yaml", "-f", "md")
    assert markdown.code == 0, markdown
    rows_md = [line for line in markdown.stdout.splitlines() if "| seventeen |" in line or "Scope 1 direct |" in line]
    assert len(rows_md) == 2 and all("| 4.3 % |" in line for line in rows_md), rows_md


def test_a_chart_s_table_names_its_unit_once(tmp_path: Path) -> None:
    """The numbers under a chart are headed "tCO2e", "Total, tCO2e": never "tCO2e (tCO2e)"."""
    write(tmp_path, "halves.yaml", HALVES)
    (tmp_path / "copies").mkdir()
    write(tmp_path / "copies", "a.yaml", HALVES)
    pages = [
        ghgcalc(tmp_path, "compute", "halves.yaml", "-f", "html"),
        ghgcalc(tmp_path, "summary", "copies", "-f", "html"),
        ghgcalc(tmp_path, "--lang", "th", "summary", "copies", "-f", "html"),
    ]
    for run in pages:
        assert run.code == 0, run
        page = Page()
        page.feed(run.stdout)
        heads = [cell for table in page.tables.values() for cell in table[0]]
        assert any("tCO2e" in cell for cell in heads), heads
        assert not [cell for cell in heads if cell.count("tCO2e") > 1], heads


MUNICIPALITY = [str(ROOT / "examples" / name) for name in ("municipality-2565.yaml", "municipality.yaml")]


@pytest.mark.parametrize("form", ["md", "html"])
def test_a_thai_trend_of_fiscal_years_says_the_word_year_once(tmp_path: Path, form: str) -> None:
    """Thai sentences name a year "ปี 2566"; a fiscal year's name already begins with that word
    (ปีงบประมาณ 2565), so it reads "ปีฐานคือปีงบประมาณ 2565", never "ปีฐานคือปี ปีงบประมาณ 2565"."""
    run = ghgcalc(tmp_path, "--lang", "th", "trend", *MUNICIPALITY, "-f", form)
    assert run.code == 0, run
    assert "ปีงบประมาณ 2565" in run.stdout and "ปีงบประมาณ 2566" in run.stdout
    # "รายปี" (by year) before a fiscal year, in the title, is another word
    doubled = [m for m in re.findall(r".{20}ปี ปีงบประมาณ.{10}", run.stdout) if "รายปี ปีงบ" not in m]
    assert not doubled, doubled
    assert "ปีฐานคือปีงบประมาณ 2565" in run.stdout
    assert "ไม่มีบัญชีก๊าซเรือนกระจกของปีงบประมาณ 2566" in run.stdout

    calendar = ghgcalc(tmp_path, "--lang", "th", "trend", *PROVINCE_YEARS, "-f", form)
    assert calendar.code == 0, calendar
    assert "ปีฐานคือปี 2562" in calendar.stdout  # a calendar year keeps its word


PROVINCE_YEARS = [str(ROOT / "examples" / name) for name in ("province-2562.yaml", "province.yaml")]


def test_a_thai_summary_names_a_fiscal_year_as_every_other_thai_report(tmp_path: Path) -> None:
    """The summary's period column read "FY2567" in Thai, where compute, trend and the workbooks say
    "ปีงบประมาณ 2567"; the JSON keeps the period as the inventory wrote it."""
    (tmp_path / "towns").mkdir()
    write(tmp_path / "towns", "a.yaml", HALVES.replace("period: 2024", "period: FY2567"))
    write(tmp_path / "towns", "b.yaml", HALVES)
    markdown = ghgcalc(tmp_path, "--lang", "th", "summary", "towns", "-f", "md")
    assert markdown.code == 0, markdown
    lines = markdown.stdout.splitlines()
    rows = [next(line for line in lines if f"| towns/{name}.yaml |" in line) for name in ("a", "b")]
    assert "| ปีงบประมาณ 2567 |" in rows[0] and "FY2567" not in rows[0], rows
    assert "| 2024 |" in rows[1], rows
    data = ghgcalc(tmp_path, "--lang", "th", "summary", "towns", "-f", "json")
    assert '"period": "FY2567"' in data.stdout
