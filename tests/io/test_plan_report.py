"""The plan's report as a Document (reports/plan_report.py): what the web page of `ghgcalc plan -f
html` renders. Drawn from tests/data/plan_sample.json (scripts/make_plan_sample.py), whose base
inventory is written in B.E. (period: 2566): every year a person reads is C.E. + 543."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from ghgcalc import i18n
from ghgcalc.models.plan_result import PlanResult
from ghgcalc.reports.document import Document, Section, Table
from ghgcalc.reports.plan_report import document
from tests.conftest import ROOT

SAMPLE = ROOT / "tests" / "data" / "plan_sample.json"
BE = 543
THAI = re.compile("[\u0e01-\u0e5b]")


@pytest.fixture(scope="module")
def plan() -> PlanResult:
    return PlanResult.from_dict(json.loads(SAMPLE.read_text(encoding="utf-8")))


def section(doc: Document, key: str) -> Section:
    return next(s for s in doc.sections if s.key == key)


def table(doc: Document, key: str) -> Table:
    return next(t for s in doc.sections for t in s.tables if t.key == key)


def column(data: Table, title: str) -> list[object]:
    index = [c.title for c in data.columns].index(title)
    return [row.cells[index] for row in data.rows]


def test_sections_in_the_order_a_reader_meets_them(plan):
    doc = document(plan)
    assert [s.key for s in doc.sections] == [
        "summary", "years", "by-measure", "measures", "targets", "macc", "sources",
    ]  # fmt: skip
    assert doc.title == f"GHG reduction plan: {plan.name}" and doc.language == "en"
    facts = {f.label: f.value for f in doc.facts}
    assert facts["Base year"] == "2566" and facts["Horizon"] == "2573"
    assert facts["Base period"] == "1 Jan 2566 to 31 Dec 2566"
    assert facts["Factor sets"] == ", ".join(plan.factor_sets)
    assert plan.method in section(doc, "summary").paragraphs


def test_years_are_the_documents_numbers_in_be(plan):
    data = table(document(plan), "years")
    assert column(data, "Year") == [str(y.year + BE) for y in plan.years]
    assert column(data, "BAU") == [y.bau_t_co2e for y in plan.years]
    assert column(data, "Net") == [y.net_t_co2e for y in plan.years]
    assert column(data, "Reduction") == [y.bau_t_co2e - y.net_t_co2e for y in plan.years]
    assert column(data, "Reduction %") == [100 * (y.bau_t_co2e - y.net_t_co2e) / y.bau_t_co2e for y in plan.years]
    chart = section(document(plan), "years").charts[0]
    assert chart.kind == "line" and chart.marked == ("2566",)
    assert chart.series[0].values == tuple(y.bau_t_co2e for y in plan.years)
    assert chart.series[1].values == tuple(y.net_t_co2e for y in plan.years)
    last = plan.years[-1]
    assert f"{round(last.net_t_co2e):,} tCO2e in 2573" in chart.alt


def test_each_measures_reduction_and_the_total_row(plan):
    data = table(document(plan), "by-measure")
    *measures, total = data.rows
    assert len(measures) == len(plan.measures) and total.emphasis == "total"
    for row, measure in zip(measures, plan.measures, strict=True):
        assert row.cells[1:] == tuple(y.by_measure_t_co2e[measure.id] for y in plan.years)
    assert total.cells[1:] == tuple(y.bau_t_co2e - y.net_t_co2e for y in plan.years)
    # the composting adds more than it cuts in its first year (2568): it stays negative
    compost = next(row for row in measures if str(row.cells[0]).startswith("compost"))
    assert compost.cells[1 + 2] == pytest.approx(-1756.0)
    wedges = section(document(plan), "by-measure").charts[0]
    assert wedges.kind == "stacked-bar" and wedges.categories[0] == "2568"  # from 2025, the first year a measure acts


def test_measures_targets_and_the_macc(plan):
    doc = document(plan)
    measures = table(doc, "measures")
    assert column(measures, "Id") == [m.id for m in plan.measures]
    assert column(measures, "Start") == [str(m.start + BE) for m in plan.measures]
    costs = [m.economics.cost_thb_per_t_co2e for m in plan.measures]
    assert column(measures, "THB/tCO2e") == [None if c is None else round(c, 2) for c in costs]  # to the satang
    targets = table(doc, "targets")
    assert column(targets, "Met") == ["met" if t.met else "not met" for t in plan.targets]
    assert column(targets, "Gap") == [t.gap_t_co2e for t in plan.targets]
    macc = table(doc, "macc")
    costs = column(macc, "THB/tCO2e")
    assert costs == sorted(costs) and column(macc, "Id") == [bar.id for bar in plan.macc]
    chart = section(doc, "macc").charts[0]
    assert chart.series[0].values == tuple(costs) and chart.categories == tuple(bar.name for bar in plan.macc)
    left_out = section(doc, "macc").paragraphs[0]
    assert all(measure_id in left_out for measure_id in plan.not_in_macc) and "(no costs given)" in left_out


def test_every_source_is_listed(plan):
    doc = document(plan)
    parts = table(doc, "measure-sources")
    blocks = [(m.id, b) for m in plan.measures for b in ("size", "reduce", "add", "capture", "removal", "costs")]
    given = [(m, b) for m, b in blocks if b == "size" or plan.measure(m).block(b)]  # type: ignore[union-attr]
    assert [(row.cells[0], row.cells[1]) for row in parts.rows] == given
    assert column(table(doc, "growth"), "Rate %/yr") == [g.rate_pct for g in plan.growth]
    assert column(table(doc, "drivers"), "Source") == [d.source for d in plan.drivers.values()]


def test_a_plan_without_targets_or_costs_says_so(plan):
    bare = replace(plan, targets=(), macc=(), not_in_macc=tuple(m.id for m in plan.measures))
    doc = document(bare)
    assert section(doc, "targets").paragraphs == ("No targets in the plan.",)
    assert section(doc, "macc").paragraphs[0] == "No measure has both costs and abatement."
    assert not section(doc, "macc").charts and not section(doc, "macc").tables


def test_names_from_the_plan_stay_plain_text(plan):
    """The Document keeps the plan's text as it is; each renderer escapes it for its format."""
    hostile = "<script>alert(1)</script> | *x*"
    first = replace(plan.measures[0], name=hostile)
    doc = document(replace(plan, name=hostile, measures=(first, *plan.measures[1:])))
    assert doc.title.endswith(hostile)
    assert column(table(doc, "measures"), "Name")[0] == hostile


def test_the_report_in_thai(plan):
    i18n.set_language("th")
    doc = document(plan)
    assert doc.language == "th" and THAI.search(doc.title)
    for s in doc.sections:
        assert THAI.search(s.title), s.key
        for t in s.tables:
            ours = [c.title for c in t.columns if c.title not in ("#", "BAU", "GPC") and not c.title.isdigit()]
            assert all(THAI.search(title) for title in ours), (t.key, ours)
        for chart in s.charts:
            assert THAI.search(chart.alt) and THAI.search(chart.title), chart.key
    facts = {f.label: f.value for f in doc.facts}
    assert facts["ปีฐาน"] == "2566" and facts["ช่วงเวลาของปีฐาน"] == "1 ม.ค. 2566 ถึง 31 ธ.ค. 2566"
    assert table(doc, "years").rows[0].cells[1] == plan.years[0].bau_t_co2e  # the same numbers
