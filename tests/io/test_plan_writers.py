"""The plan's Markdown, workbook and PNG charts, drawn from one computed plan document.

The document is tests/data/plan_sample.json (made by scripts/make_plan_sample.py from
tests/data/plan_sample.yaml), read back into the typed PlanResult. Its base inventory,
examples/province.yaml, is written in B.E. (period: 2566): every year a person reads is C.E. + 543.
"""

from __future__ import annotations

import io
import json
import re
import struct
from dataclasses import replace
from typing import Any

import pytest

from ghgcalc.models.plan_result import BLOCKS, PlanResult
from ghgcalc.reports.markdown import text
from ghgcalc.reports.plan_markdown import to_markdown, whole
from tests.conftest import ROOT

SAMPLE = ROOT / "tests" / "data" / "plan_sample.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HOSTILE = '=HYPERLINK("http://evil.example","click")'
BE = 543  # the base inventory is written in B.E.


@pytest.fixture(scope="module")
def plan() -> PlanResult:
    return PlanResult.from_dict(json.loads(SAMPLE.read_text(encoding="utf-8")))


def renamed(plan: PlanResult, name: str, first: int = 0) -> PlanResult:
    """The plan with measure `first` (and its MACC bar) renamed."""
    measure = plan.measures[first]
    measures = tuple(replace(m, name=name) if m is measure else m for m in plan.measures)
    macc = tuple(replace(bar, name=name) if bar.id == measure.id else bar for bar in plan.macc)
    return replace(plan, measures=measures, macc=macc)


def section(markdown: str, heading: str) -> list[str]:
    """The lines of the section whose '## ' heading starts with `heading`, up to the next one."""
    lines = markdown.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"## {heading}"))
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")), len(lines))
    return lines[start + 1 : end]


def cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def tonnes(cell: str) -> int:
    return int(cell.replace("*", "").replace(",", ""))


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_has_every_measure_and_year(plan):
    md = to_markdown(plan)
    assert md.startswith(f"# {text(plan.name)}\n")
    for measure in plan.measures:
        assert f"| {text(measure.id)} |" in md
    rows = [cells(line) for line in section(md, "BAU and plan by year") if line.startswith("| 2")]
    assert [int(row[0]) for row in rows] == [year.year + BE for year in plan.years]
    for row, year in zip(rows, plan.years, strict=True):
        assert tonnes(row[1]) == round(year.bau_t_co2e)
        assert tonnes(row[4]) == round(year.net_t_co2e)
        assert row[5] == f"{round(year.bau_t_co2e - year.net_t_co2e):,}"
        assert row[6] == f"{100 * (year.bau_t_co2e - year.net_t_co2e) / year.bau_t_co2e:.1f} %"


def test_markdown_reduction_total_is_bau_minus_net(plan):
    lines = section(to_markdown(plan), "Reduction by measure and year")
    header = cells(next(line for line in lines if line.startswith("| Measure |")))
    assert header[1:] == [str(year.year + BE) for year in plan.years]
    total = cells(next(line for line in lines if line.startswith("| **Total")))
    measure_rows = [line for line in lines if line.startswith("| ") and not line.startswith(("| Measure", "| **"))]
    assert len(measure_rows) == len(plan.measures)
    for value, year in zip(total[1:], plan.years, strict=True):
        assert tonnes(value) == round(year.bau_t_co2e - year.net_t_co2e)
    # a measure that adds emissions in a year stays negative
    assert "-1,756" in "\n".join(measure_rows)


def test_markdown_targets_say_met_as_the_document_does(plan):
    lines = section(to_markdown(plan), "Targets")
    rows = {cells(line)[0]: cells(line) for line in lines if line.startswith("| ") and "---" not in line}
    for target in plan.targets:
        row = rows[text(target.name)]
        assert row[-1] == ("met" if target.met else "not met")
        assert row[-2] == (f"margin {whole(target.margin_t_co2e)}" if target.met else f"gap {whole(target.gap_t_co2e)}")
    first = replace(plan.targets[0], met=True, gap_t_co2e=0.0, margin_t_co2e=1234.4)
    met = replace(plan, targets=(first, *plan.targets[1:]))
    row = cells(next(line for line in section(to_markdown(met), "Targets") if line.startswith("| -20")))
    assert row[-2:] == ["margin 1,234", "met"]


def test_markdown_macc_cheapest_first_and_what_is_left_out(plan):
    lines = section(to_markdown(plan), "Marginal abatement cost curve")
    rows = [cells(line) for line in lines if re.match(r"\| \d+ \|", line)]
    assert [row[1] for row in rows] == [bar.id for bar in plan.macc]
    costs = [tonnes(row[3]) for row in rows]
    assert costs == sorted(costs) and costs[0] < 0  # a saving stays negative
    assert tonnes(rows[-1][-1]) == round(plan.macc[-1].to_t_co2e)
    left_out = "\n".join(lines)
    for measure_id in plan.not_in_macc:
        assert f"- {measure_id}" in left_out
    assert "(no costs given)" in left_out


def test_markdown_sources_and_escaping(plan):
    md = to_markdown(renamed(plan, "a | b *c*"))
    sources = "\n".join(section(md, "Where the numbers come from"))
    for name, driver in plan.drivers.items():
        assert f"| {name} |" in sources and driver.source and driver.source in sources
    assert sources.count("; source: ") == sum(1 for m in plan.measures for b in BLOCKS if m.block(b))
    assert sum(1 for line in sources.splitlines() if re.match(r"\| \d+ \|", line)) == len(plan.growth)
    assert "a \\| b \\*c\\*" in md and "a | b" not in md


# --- the workbook --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book_bytes(plan) -> bytes:
    pytest.importorskip("openpyxl")
    from ghgcalc.reports.plan_xlsx import to_xlsx

    return to_xlsx(plan)


def load(data: bytes) -> Any:
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data))


def header_index(ws: Any, row: int = 3) -> dict[str, int]:
    return {str(cell.value): cell.column for cell in ws[row] if cell.value is not None}


def test_workbook_sheets_and_charts(book_bytes):
    book = load(book_bytes)
    assert book.sheetnames == ["Summary", "Years", "Measures", "MACC", "Growth", "Sources"]
    assert len(book["Summary"]._charts) == 1 and len(book["MACC"]._charts) == 1


def test_workbook_years_are_the_document_numbers(plan, book_bytes):
    ws = load(book_bytes)["Years"]
    header = header_index(ws)
    for offset, year in enumerate(plan.years):
        row = 4 + offset
        values = [ws.cell(row=row, column=c).value for c in range(1, 7)]
        expected = [year.year + BE, year.bau_t_co2e, year.plan_t_co2e, year.removals_t_co2, year.net_t_co2e]
        assert values[:5] == pytest.approx(expected, rel=1e-15)
        assert values[5] == pytest.approx(year.bau_t_co2e - year.net_t_co2e, rel=1e-15)
        share = (year.bau_t_co2e - year.net_t_co2e) / year.bau_t_co2e
        assert ws.cell(row=row, column=7).value == pytest.approx(share, rel=1e-15)
        for measure_id, value in year.by_measure_t_co2e.items():
            cell = ws.cell(row=row, column=header[measure_id])
            assert cell.data_type == "n" and cell.value == pytest.approx(value, rel=1e-15)
        assert ws.cell(row=row, column=2).number_format == "#,##0"


def test_workbook_macc_is_cheapest_first(plan, book_bytes):
    ws = load(book_bytes)["MACC"]
    costs = []
    row = 4
    while isinstance(ws.cell(row=row, column=1).value, int):
        costs.append(ws.cell(row=row, column=4).value)
        row += 1
    assert costs == sorted(costs) == pytest.approx([bar.cost_thb_per_t_co2e for bar in plan.macc], rel=1e-15)


def test_workbook_measures_sources_and_formula_injection(plan):
    pytest.importorskip("openpyxl")
    from ghgcalc.reports.plan_xlsx import to_xlsx

    book = load(to_xlsx(renamed(plan, HOSTILE)))
    found = [cell for ws in book for row in ws.iter_rows() for cell in row if cell.value == HOSTILE]
    assert len(found) == 2  # Measures and MACC
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)
    ws = book["Measures"]
    header = header_index(ws)
    ids = [ws.cell(row=4 + n, column=1).value for n in range(len(plan.measures))]
    assert ids == [m.id for m in plan.measures]
    source_column = header["costs\nsource"]
    costs = plan.measures[0].costs
    assert costs is not None and ws.cell(row=4, column=source_column).value == costs["source"]
    sources = [str(cell.value) for row in book["Sources"].iter_rows() for cell in row if cell.value]
    blocks = [block for m in plan.measures for b in BLOCKS if (block := m.block(b))]
    assert all(block["source"] in sources for block in blocks)
    growth = book["Growth"]
    assert [growth.cell(row=4 + n, column=10).value for n in range(len(plan.growth))] == [
        g.rate_pct for g in plan.growth
    ]


def test_workbook_bytes_are_reproducible(plan, book_bytes):
    from ghgcalc.reports.plan_xlsx import to_xlsx

    assert to_xlsx(PlanResult.from_dict(plan.to_dict())) == book_bytes


# --- PNG charts ----------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_charts_are_pngs_of_fixed_size_and_reproducible(plan):
    pytest.importorskip("matplotlib")
    from ghgcalc.reports.plan_charts import macc_png, trajectory_png

    for draw in (trajectory_png, macc_png):
        first = draw(plan)
        width, height = png_size(first)
        assert width == 1200 and 720 <= height <= 1200  # taller by its legend
        assert draw(PlanResult.from_dict(plan.to_dict())) == first
        assert b"Software" not in first and b"matplotlib" not in first


def test_macc_chart_without_costs_and_thai_names(plan):
    pytest.importorskip("matplotlib")
    from ghgcalc.reports.plan_charts import macc_png, trajectory_png

    empty = replace(plan, macc=())
    assert png_size(macc_png(empty)) == (1200, 720)  # no legend under it
    assert macc_png(empty) != macc_png(plan)
    thai = replace(renamed(plan, "โซลาร์รูฟท็อปบนอาคารราชการ"), name="แผนลดก๊าซเรือนกระจก จังหวัดตัวอย่าง")
    assert png_size(trajectory_png(thai))[0] == png_size(macc_png(thai))[0] == 1200


def test_trajectory_notes_clipped_wedges_only_when_one_is_negative(plan):
    pytest.importorskip("matplotlib")
    from ghgcalc.reports.plan_charts import trajectory_png

    assert any(value < 0 for year in plan.years for value in year.by_measure_t_co2e.values())
    years = tuple(
        replace(year, by_measure_t_co2e={k: max(0.0, v) for k, v in year.by_measure_t_co2e.items()})
        for year in plan.years
    )
    positive = replace(plan, years=years)
    assert trajectory_png(positive) != trajectory_png(plan)
