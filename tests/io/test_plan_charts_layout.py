"""The plan's PNG charts as a person sees them: every text inside the picture, the MACC's labels
apart from each other, the trajectory's y-axis from zero, years as the inventory writes them, and
Thai drawn with a font that has its letters.

Each chart is drawn (plan_charts.drawn) and every text's box measured as matplotlib's renderer
draws it (`get_window_extent`): the title, the axis labels and ticks, the legend's names, the notes
and the MACC's bar numbers. The plans are tests/data/plan_sample.json (scripts/make_plan_sample.py;
its base inventory is written in B.E.), the same with long Thai names, and a MACC crowded with
narrow bars of nearly equal cost.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from ghgcalc import i18n
from ghgcalc.models.plan_result import MaccBar, PlanResult
from tests.conftest import ROOT

pytest.importorskip("matplotlib")

from ghgcalc.reports import plan_charts

SAMPLE = ROOT / "tests" / "data" / "plan_sample.json"
THAI = re.compile("[\u0e01-\u0e5b]")
BE = 543
CHARTS = ("trajectory", "macc")
# A long Thai name written as Thai writes it, without spaces between words, and one with spaces
LONG_THAI = "โครงการเปลี่ยนหลอดไฟถนนเป็นหลอดแอลอีดีประหยัดพลังงานทั่วทั้งจังหวัดพร้อมระบบควบคุมความสว่างอัจฉริยะ"
THAI_PLAN = "แผนลดก๊าซเรือนกระจกระยะยาวของจังหวัดตัวอย่าง พ.ศ. 2567 ถึง 2573 ฉบับปรับปรุงเพื่อเสนอผู้ว่าราชการจังหวัด"
THAI_TARGET = "ลดการปล่อยก๊าซเรือนกระจกลงร้อยละ 20 จากกรณีปกติภายในปี 2573 ตามแผนปฏิบัติการระดับจังหวัด"


@pytest.fixture(scope="module")
def sample() -> PlanResult:
    return PlanResult.from_dict(json.loads(SAMPLE.read_text(encoding="utf-8")))


def thai(plan: PlanResult) -> PlanResult:
    """The plan with long Thai names: the plan's, every measure's and the first target's."""
    names = {
        m.id: f"{LONG_THAI} ({m.id})" if k % 2 == 0 else f"มาตรการที่ {k + 1} {m.name}"
        for k, m in enumerate(plan.measures)
    }
    return replace(
        plan,
        name=THAI_PLAN,
        measures=tuple(replace(m, name=names[m.id]) for m in plan.measures),
        macc=tuple(replace(bar, name=names[bar.id]) for bar in plan.macc),
        targets=(replace(plan.targets[0], name=THAI_TARGET), *plan.targets[1:]),
    )


def crowded(plan: PlanResult) -> PlanResult:
    """A MACC of 14 bars, most of them a few hundred tonnes wide beside each other at nearly the same
    cost, between two wide ones: their numbers would sit on top of each other."""
    bars, start = [], 0.0
    widths = [40000.0, *([300.0] * 6), 25000.0, *([150.0] * 5), 500.0]
    for rank, width in enumerate(widths):
        cost = -3000.0 + rank * 40.0 if rank < 7 else 500.0 + rank * 25.0
        bars.append(MaccBar(f"m{rank}", f"Measure {rank} with a fairly long name", width, cost, start, start + width))
        start += width
    return replace(plan, macc=tuple(bars))


def cases(sample: PlanResult) -> Iterator[tuple[str, PlanResult, str]]:
    yield "english", sample, "en"
    yield "thai", thai(sample), "th"
    yield "crowded", crowded(sample), "en"


def texts(figure: Any) -> list[Any]:
    """Every text a person sees: visible, not empty, and for a tick label, its tick within the axis
    (matplotlib keeps the labels of the ticks beyond the axis's ends, and does not draw them)."""
    from matplotlib.text import Text

    hidden = set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not low - 1e-9 * abs(high - low) <= tick.get_loc() <= high + 1e-9 * abs(high - low):
                    hidden |= {id(tick.label1), id(tick.label2)}
    return [
        t
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden and t.get_figure(root=True) is figure
    ]


def boxes(figure: Any) -> list[tuple[str, Any]]:
    """Each text's box as drawn (a bar's number without the line to its bar)."""
    from matplotlib.text import Text

    renderer = figure.canvas.get_renderer()
    return [(t.get_text(), Text.get_window_extent(t, renderer)) for t in texts(figure)]


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("case", ["english", "thai", "crowded"])
def test_no_text_leaves_the_picture(sample, chart, case):
    name, plan, lang = next(c for c in cases(sample) if c[0] == case)
    i18n.set_language(lang)
    with plan_charts.drawn(plan, chart) as figure:
        frame = figure.bbox
        found = boxes(figure)
        assert len(found) > 10
        outside = [
            (said[:40], box.bounds)
            for said, box in found
            if box.x0 < frame.x0 - 0.5 or box.x1 > frame.x1 + 0.5 or box.y0 < frame.y0 - 0.5 or box.y1 > frame.y1 + 0.5
        ]
        assert not outside, (name, chart, frame.bounds, outside)


@pytest.mark.parametrize("case", ["english", "thai", "crowded"])
def test_the_maccs_texts_never_touch(sample, case):
    name, plan, lang = next(c for c in cases(sample) if c[0] == case)
    i18n.set_language(lang)
    with plan_charts.drawn(plan, "macc") as figure:
        found = boxes(figure)
        touching = [
            (a[:30], b[:30])
            for n, (a, first) in enumerate(found)
            for b, second in found[n + 1 :]
            if first.overlaps(second)
        ]
        assert not touching, (name, touching)
        numbers = [said for said, _ in found if said.isdigit() and len(said) <= 2]
        assert len(set(numbers)) >= len(plan.macc)  # every bar carries its number


def test_every_bar_is_named_whole_under_the_macc(sample):
    plan = thai(sample)
    i18n.set_language("th")
    with plan_charts.drawn(plan, "macc") as figure:
        legend = figure.legends[0]
        said = [t.get_text().replace("\n", "") for t in legend.get_texts()]
    for rank, bar in enumerate(plan.macc, start=1):
        assert any(s.startswith(f"{rank}. {bar.name}") for s in said), (rank, said)
    assert not any("…" in s for s in said)


def test_the_trajectory_starts_at_zero_unless_asked(sample):
    with plan_charts.drawn(sample, "trajectory") as figure:
        (ax,) = figure.axes
        assert ax.get_ylim()[0] == 0
        notes = [t.get_text() for t in texts(figure)]
    assert not any("does not start at zero" in n for n in notes)
    reduction = replace(sample, targets=sample.targets[:1])  # not the net-zero target, at 0 tCO2e
    with plan_charts.drawn(reduction, "trajectory", from_zero=False) as figure:
        (ax,) = figure.axes
        low = ax.get_ylim()[0]
        notes = [t.get_text() for t in texts(figure)]
    assert low > 0.5 * min(y.net_t_co2e for y in sample.years)
    assert any("does not start at zero" in n.replace("\n", " ") for n in notes)


def test_net_emissions_below_zero_stay_in_the_picture(sample):
    """Removals larger than the plan: the axis goes below zero to show them."""
    years = tuple(replace(y, net_t_co2e=-0.1 * y.bau_t_co2e) if y.year == sample.horizon else y for y in sample.years)
    with plan_charts.drawn(replace(sample, years=years), "trajectory") as figure:
        (ax,) = figure.axes
        assert ax.get_ylim()[0] < -0.1 * sample.years[-1].bau_t_co2e


@pytest.mark.parametrize("calendar", ["", "ce"])
def test_years_are_shown_as_the_inventory_writes_them(sample, calendar):
    i18n.set_calendar(calendar)
    shift = BE if not calendar else 0  # province.yaml is written "period: 2566"
    with plan_charts.drawn(sample, "trajectory") as figure:
        (ax,) = figure.axes
        low, high = ax.get_xlim()
        ticks = [int(t.get_text()) for t in ax.get_xticklabels() if t.get_text()]
    first, last = sample.years[0].year + shift, sample.years[-1].year + shift
    assert low < first and last < high and low > first - 1 and high < last + 1
    assert first in ticks and last in ticks
    with plan_charts.drawn(sample, "macc") as figure:
        said = [t.get_text() for t in texts(figure)]
    assert any(str(sample.horizon + shift) in s for s in said)


@pytest.mark.parametrize("chart", CHARTS)
def test_thai_letters_are_drawn_with_a_font_that_has_them(sample, chart):
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    found = plan_charts.thai_font()
    assert found is not None, "no font with Thai letters: install one (sudo apt install fonts-thai-tlwg)"
    i18n.set_language("th")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with plan_charts.drawn(thai(sample), chart) as figure:
            seen = 0
            for text in texts(figure):
                letters = {ord(c) for c in text.get_text() if THAI.match(c)}
                if not letters:
                    continue
                family = text.get_fontproperties().get_family()[0]
                path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
                assert letters <= set(FT2Font(str(path)).get_charmap()), (text.get_text()[:30], path)
                seen += 1
    assert seen >= 5  # the title, the axis labels, the legend's names
    assert not [str(w.message) for w in caught if "missing from" in str(w.message)]


def test_a_thai_name_is_wrapped_between_syllables():
    """A line never starts with a mark written above, below or after its consonant, and never ends
    with a vowel written before it."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": plan_charts.families()}):
        figure = Figure(figsize=(10, 6), dpi=120)
        FigureCanvasAgg(figure)
        measure = plan_charts.Measure(figure)
        check_wrapping(measure)


def check_wrapping(measure: plan_charts.Measure) -> None:
    for width in (60, 120, 250):
        lines = plan_charts.wrap(LONG_THAI, width, 8.5, measure).split("\n")
        assert "".join(lines) == LONG_THAI and len(lines) > 1
        for line in lines:
            assert measure(line, 8.5) <= width or len(line) <= 3, (width, line)
            assert not re.match("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0e30\u0e32\u0e33\u0e45]", line), line
            assert not re.search("[\u0e40-\u0e44]$", line), line
    words = "Rooftop solar PV for own use"
    lines = plan_charts.wrap(words, 110, 8.5, measure).split("\n")
    assert len(lines) > 1 and " ".join(lines) == words  # broken at spaces only
