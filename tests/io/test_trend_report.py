"""The trend report as a Document (reports/trend_report.py): the numbers of `trend -f json`, the base
year marked, a year with no inventory shown as missing (never estimated), intensities, and Thai
labels with years as the inventories wrote them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ghgcalc import api, i18n
from ghgcalc.reports.document import Document, Table
from ghgcalc.reports.trend_report import document
from tests.conftest import ROOT
from tests.helpers import ghgcalc, write

PROVINCE = [str(ROOT / "examples" / name) for name in ("province-2562.yaml", "province-2564.yaml", "province.yaml")]


def tables(doc: Document) -> dict[str, Table]:
    return {t.key: t for s in doc.sections for t in s.tables}


def charts(doc: Document) -> dict:
    return {c.key: c for s in doc.sections for c in s.charts}


def column(t: Table, title: str) -> list:
    i = [c.title for c in t.columns].index(title)
    return [row.cells[i] for row in t.rows]


def present(t: Table) -> list:
    """The rows of the years that have an inventory (a missing year's total is empty)."""
    return [row.cells for row in t.rows if row.cells[1] is not None]


@pytest.fixture(scope="module")
def province() -> Document:
    return document(api.trend_files(PROVINCE, base_year=2562))


def test_the_documents_numbers_are_those_of_trend_json(province: Document, tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "trend", *PROVINCE, "--base-year", "2562", "-f", "json")
    assert run.code == 0, run
    years = json.loads(run.stdout)["years"]
    found = tables(province)
    totals = present(found["trend-totals"])
    assert [r[1:6] for r in totals] == [
        (
            y["total_t_co2e"],
            y["change_from_base_t_co2e"],
            y["change_from_base_pct"],
            y["change_from_previous_t_co2e"],
            y["change_from_previous_pct"],
        )
        for y in years
    ]
    sectors = found["trend-by-sector"]
    titles = [c.title for c in sectors.columns]
    for cells, year in zip(present(sectors), years, strict=True):
        assert {t: cells[titles.index(t)] for t in year["by_sector_t_co2e"]} == year["by_sector_t_co2e"]
        assert cells[titles.index("Total, tCO2e")] == year["total_t_co2e"]
    scopes = present(found["trend-by-scope"])
    assert [r[1:4] for r in scopes] == [tuple(y["by_scope_t_co2e"][s] for s in "123") for y in years]
    intensity = [r[2] for r in present(found["trend-intensities"])]
    assert intensity == [y["intensities"]["output"] for y in years]


def test_the_sectors_add_up_to_each_years_total(province: Document) -> None:
    for cells in present(tables(province)["trend-by-sector"]):
        assert sum(cells[1:-2]) == pytest.approx(cells[-2], rel=1e-12)


def test_the_base_year_is_marked(province: Document) -> None:
    totals = tables(province)["trend-totals"]
    assert column(totals, "Year")[0] == "2562" and "base year" in column(totals, "Note")[0]
    assert charts(province)["trend-totals-chart"].marked == ("2562",)
    assert ("Base year", "2562") in [(f.label, f.value) for f in province.facts]
    other = document(api.trend_files(PROVINCE, base_year=2564))
    assert charts(other)["trend-totals-chart"].marked == ("2564",)
    row = present(tables(other)["trend-totals"])[1]
    assert row[0] == "2564" and row[2] == 0.0 and "base year" in row[-1]


def test_a_year_with_no_inventory_is_a_row_that_says_so_and_a_gap_in_the_charts(province: Document) -> None:
    totals = tables(province)["trend-totals"]
    assert column(totals, "Year") == ["2562", "2563", "2564", "2565", "2566"]
    gaps = [row.cells for row in totals.rows if row.cells[0] in ("2563", "2565")]
    for cells in gaps:
        assert cells[1:-1] == (None,) * 5 and cells[-1] == "no inventory for this year"  # never interpolated
    line = charts(province)["trend-totals-chart"]
    assert line.kind == "line" and line.categories == ("2562", "2563", "2564", "2565", "2566")
    assert [v is None for v in line.series[0].values] == [False, True, False, True, False]
    bars = charts(province)["trend-by-sector-chart"]
    assert bars.kind == "stacked-bar" and all(s.values[1] is None and s.values[3] is None for s in bars.series)
    assert "2563, 2565" in " ".join(totals.notes) and "2563" in line.alt
    after_gap = dict((r[0], r[-1]) for r in present(totals))["2564"]
    assert "against 2562" in after_gap  # its change 'from the previous inventory' spans the gap
    for key in ("trend-by-sector", "trend-by-scope", "trend-intensities", "trend-method"):
        assert "no inventory for this year" in column(
            tables(province)[key], "Note" if key != "trend-method" else "Differs from the base year"
        )


def test_fiscal_years_missing_between_two_are_named_as_fiscal_years(tmp_path: Path) -> None:
    example = (ROOT / "examples" / "municipality.yaml").read_text(encoding="utf-8")
    for year in ("2564", "2567"):
        write(tmp_path, f"m{year}.yaml", example.replace("period: FY2567", f"period: FY{year}"))
    doc = document(api.trend_files([str(tmp_path)]))
    assert column(tables(doc)["trend-totals"], "Year") == ["FY2564", "FY2565", "FY2566", "FY2567"]


SMALL = """ghgcalc: 1
name: Small town
period: {period}
indicators: {{population: {population}, gpp_million_thb: {gpp}}}
custom_factors:
  - {{key: town-fuel, name: Town fuel, per: L, kg: {{CO2e: 2}}, scope: 1, source: "a test factor of 2 kgCO2e/L"}}
activities:
  - {{activity: town-fuel, amount: {litres}, unit: L}}
"""


def test_intensities_per_person_and_per_million_thb_of_gpp_by_hand(tmp_path: Path) -> None:
    # 2566: 1,000 L x 2 kgCO2e/L = 2 tCO2e; 500 persons, GPP 4 million THB -> 0.004 t/person, 0.5 t/MTHB
    # 2567: 3,000 L x 2 kgCO2e/L = 6 tCO2e; 600 persons, GPP 5 million THB -> 0.01 t/person, 1.2 t/MTHB
    write(tmp_path, "a.yaml", SMALL.format(period=2566, population=500, gpp=4, litres=1000))
    write(tmp_path, "b.yaml", SMALL.format(period=2567, population=600, gpp=5, litres=3000))
    doc = document(api.trend_files([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]))
    found = tables(doc)["trend-intensities"]
    assert column(found, "Population") == [500, 600]
    assert column(found, "tCO2e per person") == pytest.approx([0.004, 0.01])
    assert column(found, "GPP, million THB") == [4, 5]
    assert column(found, "tCO2e per million THB of GPP") == pytest.approx([0.5, 1.2])
    # an organisation: its scopes are charted (stacked), it has no GPC sectors
    assert "trend-by-sector" not in tables(doc) and "trend-by-scope-chart" in charts(doc)
    assert column(tables(doc)["trend-totals"], "Change from the base year, %") == pytest.approx([0.0, 200.0])


def test_a_year_without_an_indicator_says_which(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", SMALL.format(period=2566, population=500, gpp=4, litres=1000))
    write(
        tmp_path,
        "b.yaml",
        SMALL.format(period=2567, population=600, gpp=5, litres=3000).replace(", gpp_million_thb: 5", ""),
    )
    found = tables(document(api.trend_files([str(tmp_path)])))["trend-intensities"]
    assert column(found, "tCO2e per million THB of GPP")[1] is None
    assert column(found, "Note")[1] == "not given: gpp_million_thb"


def test_in_thai_the_labels_are_thai_and_the_years_buddhist(tmp_path: Path) -> None:
    i18n.set_language("th")
    doc = document(api.trend_files(PROVINCE, base_year=2562))
    assert doc.language == "th" and doc.title == "การปล่อยก๊าซเรือนกระจกรายปี 2562 ถึง 2566"
    totals = tables(doc)["trend-totals"]
    assert totals.columns[0].title == "ปี" and column(totals, "ปี") == ["2562", "2563", "2564", "2565", "2566"]
    assert column(totals, "หมายเหตุ")[1] == "ไม่มีบัญชีก๊าซเรือนกระจกของปีนี้"
    sectors = [c.title for c in tables(doc)["trend-by-sector"].columns]
    assert "Transportation" not in sectors and all(not title.isascii() for title in sectors[1:-1])
    # the numbers do not depend on the language
    i18n.set_language("en")
    english = document(api.trend_files(PROVINCE, base_year=2562))
    assert [r[1:6] for r in present(tables(english)["trend-totals"])] == [r[1:6] for r in present(totals)]
    i18n.set_calendar("ce")
    assert column(tables(document(api.trend_files(PROVINCE)))["trend-totals"], "Year")[0] == "2019"


def test_the_notes_are_the_reports_own_and_say_what_differs(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", SMALL.format(period=2566, population=500, gpp=4, litres=1000))
    write(tmp_path, "b.yaml", SMALL.format(period=2567, population=600, gpp=5, litres=3000).replace("Small", "Big"))
    doc = document(api.trend_files([str(tmp_path)]))
    method = next(s for s in doc.sections if s.key == "method")
    assert method.paragraphs == ("the inventories name different entities: Big town, Small town",)
    # two years in a row: no year is missing, no note about one
    assert "no inventory" not in json.dumps([t.rows for t in tables(doc).values()], default=str)


def test_periods_that_are_not_whole_years_are_named_by_their_days(tmp_path: Path) -> None:
    for name, start, end in (("h1", "2024-01-01", "2024-06-30"), ("q4", "2024-10-01", "2024-12-31")):
        text = SMALL.format(period=2567, population=500, gpp=4, litres=1000)
        write(tmp_path, f"{name}.yaml", text.replace("period: 2567", f"period: {{start: {start}, end: {end}}}"))
    doc = document(api.trend_files([str(tmp_path)]))
    assert doc.title == "Greenhouse gas emissions by year, 2024-01-01 to 2024-12-31"
    totals = tables(doc)["trend-totals"]
    assert column(totals, "Year")[1] == "2024-07-01 to 2024-09-30"  # the days no inventory covers
    assert column(totals, "Note")[1] == "no inventory for this period"
