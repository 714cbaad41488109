"""The weight an edition gives a gas, said wherever a result names its GWP set.

TGO's 2026 edition ("EF TGO AR5 V2") weighs fossil CH4 28 where AR5 gives 30 (reference note
tgo-2026-edition.md: every V2 total is CO2 + CH4 x 28 + N2O x 265). On-road diesel, V2 row 123:
CO2 2.698722, CH4 0.000142038, N2O 0.000142038 kg/L, printed total 2.740339134 kgCO2e/L; the same
gases weighed with AR5 (30) give the April 2022 total, 2.74062321 (printed 2.7406). A verifier who
recomputes an FY2569 line with "GWP AR5", as the table, the Markdown and the workbook said, got
2.74062321 t for 1000 L, not the 2.740339134 t shown, and nothing told why; --compare-factors showed
the same kg of each gas on both sides and a change of -0.000284076 t with no reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import ghgcalc, write

CO2, CH4, N2O = 2.698722, 0.000142038, 0.000142038  # kg per L, on-road diesel, both editions
V2_TOTAL = 2.740339134  # kgCO2e/L as V2 prints it (CH4 x 28)
AR5_TOTAL = CO2 + CH4 * 30 + N2O * 265  # 2.74062321: the April 2022 weights

TOWN = """\
ghgcalc: 1
name: Test Town
period: {period}
activities:
  - {{activity: diesel-mobile, amount: 1000, unit: L}}
"""
SAID = "tgo-cfo@2026-02 weighs fossil CH4 28 (AR5: 30)"
SAID_TH = "tgo-cfo@2026-02 ใช้ค่า GWP ของ CH4 จากเชื้อเพลิงฟอสซิล เท่ากับ 28 (ตาม AR5 คือ 30)"


def run(folder: Path, period: str, *args: str) -> str:
    write(folder, "town.yaml", TOWN.format(period=period))
    result = ghgcalc(folder, "compute", "town.yaml", *args)
    assert result.code == 0, result
    return result.stdout


def test_the_2026_editions_fossil_ch4_weight_is_said_in_the_table_markdown_and_workbook(tmp_path: Path) -> None:
    result = json.loads(run(tmp_path, "FY2569", "-f", "json"))
    assert result["total_t_co2e"] == pytest.approx(V2_TOTAL, abs=1e-12)
    assert result["total_t_co2e"] != pytest.approx(AR5_TOTAL, abs=1e-6)  # "AR5" alone does not give it
    assert SAID in run(tmp_path, "FY2569", "-f", "table")
    assert f"- Edition's own GWP: {SAID}" in run(tmp_path, "FY2569", "-f", "md")
    assert SAID_TH in run(tmp_path, "FY2569", "-f", "table", "--lang", "th")
    run(tmp_path, "FY2569", "-f", "xlsx", "-o", "town.xlsx")
    book = openpyxl.load_workbook(tmp_path / "town.xlsx")
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert SAID in cells


def test_no_weight_is_said_where_none_applied(tmp_path: Path) -> None:
    assert "weighs" not in run(tmp_path, "FY2568", "-f", "table")  # April 2022: AR5's own 30
    assert "weighs" not in run(tmp_path, "FY2569", "-f", "md", "--gwp", "AR6")  # AR6's values, not the edition's


def test_compare_factors_says_why_the_same_gases_give_another_total(tmp_path: Path) -> None:
    data = json.loads(run(tmp_path, "FY2568", "--compare-factors", "tgo-cfo@2026-02", "-f", "json"))
    [line] = data["lines"]
    assert line["own"]["factor"]["kg_per_unit"] == line["compared"]["factor"]["kg_per_unit"]
    assert line["own"]["gwp"]["CH4_fossil"] == 30
    assert line["compared"]["gwp"]["CH4_fossil"] == 28
    assert line["change_t_co2e"] == pytest.approx(V2_TOTAL - AR5_TOTAL, abs=1e-12)  # -0.000284076 t
    [note] = [n for n in data["notes"] if "weigh" in n]
    assert note.endswith(f"own factors AR5's own values; compared factors {SAID}")
    table = run(tmp_path, "FY2568", "--compare-factors", "tgo-cfo@2026-02", "-f", "table", "--lang", "th")
    assert SAID_TH in " ".join(table.split())
