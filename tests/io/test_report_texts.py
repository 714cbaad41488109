"""What a reader sees in the table, the Markdown and the workbook when there is little or nothing to
show: no empty heading or label, no title cut mid-word, no Markdown syntax inside a workbook cell,
and the Thai words the other formats use."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ghgcalc import i18n
from tests.conftest import ROOT
from tests.helpers import ghgcalc, write

openpyxl = pytest.importorskip("openpyxl")

ZERO = "ghgcalc: 1\nname: เทศบาลว่าง\nkind: organization\nperiod: FY2567\nfactors: tgo-cfo\nactivities: []\n"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")
    i18n.set_calendar("")


def out(cwd: Path, *args: str) -> str:
    run = ghgcalc(cwd, "--lang", "th", "compute", *args)
    assert run.code == 0, run
    return run.stdout


def test_an_inventory_without_lines_says_so_instead_of_empty_headings(tmp_path: Path) -> None:
    write(tmp_path, "zero.yaml", ZERO)
    table = out(tmp_path, "zero.yaml", "-f", "table")
    lines = [line.rstrip() for line in table.splitlines()]
    assert "การปล่อยก๊าซเรือนกระจกแยกตามประเภท" in lines  # its title on one line, not cut in a word
    assert not any(line.endswith("ชุดค่าการปล่อย") for line in lines), table
    assert "ไม่มีรายการ" in table and "แหล่งปล่อยที่มากที่สุด" not in table
    markdown = out(tmp_path, "zero.yaml", "-f", "md")
    blocks = [block.strip() for block in re.split(r"^## .*$", markdown, flags=re.MULTILINE)]
    assert all(blocks[1:]), markdown  # every heading has something under it


def test_the_thai_table_names_the_largest_sources_column_as_the_reports_do(tmp_path: Path) -> None:
    shutil.copy(ROOT / "examples" / "municipality.yaml", tmp_path)
    table = out(tmp_path, "municipality.yaml", "-f", "table")
    heading = next(line for line in table.splitlines() if "tCO2e" in line and "สัดส่วน" in line and "#" not in line)
    top = table.split("แหล่งปล่อยที่มากที่สุด", 1)[1]
    header = next(line for line in top.splitlines() if "tCO2e" in line)
    assert heading and header.split()[0] == "แหล่งปล่อย" and "ที่มา" not in header


def test_no_markdown_syntax_in_a_workbook_cell(tmp_path: Path) -> None:
    write(
        tmp_path,
        "town.yaml",
        ZERO.replace("activities: []\n", "activities:\n  - {activity: paper, amount: 10, unit: kg}\n"),
    )
    for lang in ("th", "en"):
        run = ghgcalc(tmp_path, "--lang", lang, "compute", "town.yaml", "-f", "xlsx", "-o", "town.xlsx", "--force")
        assert run.code == 0, run
        workbook = openpyxl.load_workbook(tmp_path / "town.xlsx")
        marked = [
            f"{ws.title}!{cell.coordinate}: {cell.value}"
            for ws in workbook
            for row in ws.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and ("`" in cell.value or "**" in cell.value)
        ]
        assert marked == []
