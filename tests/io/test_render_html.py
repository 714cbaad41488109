"""The web page of a report (reports/render_html.py, reports/svg_charts.py), read as HTML text: every
text escaped, the language, the tables' structure for screen readers, the charts as images with their
text alternative and their numbers, nothing to fetch, the print style, and the colours' contrast.
What a browser makes of the page is tested in tests/browser/."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from ghgcalc import i18n
from ghgcalc.reports import render_html, svg_charts
from ghgcalc.reports.document import Chart, Column, Document, Section, Series, table
from ghgcalc.reports.render_html import cell_text, render
from tests.browser import sample

VOID = {"meta", "br", "img", "input", "link", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""  # the text directly inside, unescaped

    def all(self, tag: str) -> list[Node]:
        found = [self] if self.tag == tag else []
        for child in self.children:
            found += child.all(tag)
        return found

    def full_text(self) -> str:
        return self.text + "".join(child.full_text() for child in self.children)


class Tree(HTMLParser):
    """A small DOM: elements nest as written (the renderer closes every element it opens)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        # text after a child element is kept with its parent, in order enough for these tests
        self.stack[-1].text += data


@pytest.fixture
def thai_page() -> str:
    i18n.set_language("th")
    return render(sample.document())


def small_document(**changes: object) -> Document:
    base = {
        "title": "Town",
        "language": "en",
        "sections": (
            Section("Totals", tables=(table("By scope", [Column("Scope"), Column("t", "tonnes")], [("1", 2.5)]),)),
        ),
    }
    base.update(changes)
    return Document(**base)  # type: ignore[arg-type]


# --- escaping --------------------------------------------------------------------------------------


def test_a_name_that_is_markup_is_shown_as_text(thai_page: str) -> None:
    assert "<script" not in thai_page.lower()  # no script at all, not even ours
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in thai_page
    assert "<img" not in thai_page  # the quote in LEAK did not end an attribute
    tree = Tree(thai_page).root
    assert sample.HOSTILE in tree.all("title")[0].full_text()
    assert sample.HOSTILE in tree.all("h1")[0].full_text()
    # in a table cell, a chart's category (its tooltip and its data table) and the footer
    assert any(sample.HOSTILE in th.full_text() for th in tree.all("th"))
    assert any(sample.HOSTILE in t.full_text() for t in tree.all("text"))
    assert sample.HOSTILE in tree.all("footer")[0].full_text()
    assert sample.LEAK in tree.all("footer")[0].full_text()


def test_attributes_are_escaped_too() -> None:
    chart = Chart('a "quoted" <b> chart', "bar", ("x",), (Series("s", (1.0,)),), alt='alt "with" <quotes> & more')
    page = render(small_document(sections=(Section("S", charts=(chart,)),)))
    svg = Tree(page).root.all("svg")[0]
    assert svg.attrs["aria-label"] == 'alt "with" <quotes> & more'
    assert 'aria-label="alt &quot;with&quot; &lt;quotes&gt; &amp; more"' in page


def test_control_characters_are_dropped() -> None:
    page = render(small_document(title="Town\x00\x1b[31m"))
    assert "\x00" not in page and "\x1b" not in page
    assert "<h1>Town[31m</h1>" in page


# --- the page ---------------------------------------------------------------------------------------


def test_the_language_the_encoding_and_the_viewport(thai_page: str) -> None:
    assert thai_page.startswith('<!DOCTYPE html>\n<html lang="th">')
    assert render(small_document()).startswith('<!DOCTYPE html>\n<html lang="en">')
    head = Tree(thai_page).root.all("head")[0]
    metas = [m.attrs for m in head.all("meta")]
    assert {"charset": "utf-8"} in metas
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas


def test_the_pages_own_words_are_in_the_language_of_the_run(thai_page: str) -> None:
    assert "สารบัญ" in thai_page and "ตัวเลขของแผนภูมินี้" in thai_page and "แหล่งที่มาของข้อมูล" in thai_page
    i18n.set_language("en")
    english = render(sample.document())
    assert "Contents" in english and "The numbers of this chart" in english


def test_the_font_stack_has_a_thai_font_on_every_platform() -> None:
    css = render_html.CSS
    stack = re.search(r"body \{[^}]*font-family: ([^;]+);", css)
    assert stack is not None
    fonts = stack.group(1)
    # Windows (Leelawadee UI, Tahoma), macOS (Thonburi), Linux (Loma, Garuda: fonts-thai-tlwg),
    # Android and ChromeOS (Noto Sans Thai), then the generic family
    for name in ("Leelawadee UI", "Tahoma", "Thonburi", "Loma", "Noto Sans Thai"):
        assert f'"{name}"' in fonts
    assert fonts.endswith("sans-serif")
    assert "@font-face" not in css and "url(" not in css


def test_nothing_is_fetched(thai_page: str) -> None:
    tree = Tree(thai_page).root
    csp = [m.attrs["content"] for m in tree.all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"]
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "form", "audio", "video"):
        assert not tree.all(tag), tag
    stack = [tree]
    while stack:
        node = stack.pop()
        stack += node.children
        for name, value in node.attrs.items():
            if name in ("src", "href", "xlink:href", "action", "srcset", "data", "poster"):
                assert value.startswith("#"), f"<{node.tag} {name}={value!r}>"
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", thai_page, re.IGNORECASE)
    assert "url(" not in thai_page and "@import" not in thai_page


def test_every_section_is_a_landmark_with_its_heading_and_a_link_in_the_contents(thai_page: str) -> None:
    tree = Tree(thai_page).root
    sections = tree.all("main")[0].all("section")
    assert [s.all("h2")[0].full_text() for s in sections] == ["สรุปผล", "ตาราง GPC", "แนวโน้ม", "แผนลดก๊าซ"]
    links = [a.attrs["href"] for a in tree.all("nav")[0].all("a")]
    assert links == [f"#{s.attrs['id']}" for s in sections]
    for s in sections:
        assert s.attrs["aria-labelledby"] == s.all("h2")[0].attrs["id"]
    ids = [n.attrs["id"] for n in _nodes(tree) if "id" in n.attrs]
    assert len(ids) == len(set(ids))


def _nodes(node: Node) -> list[Node]:
    out = [node]
    for child in node.children:
        out += _nodes(child)
    return out


def test_facts_are_a_description_list(thai_page: str) -> None:
    facts = Tree(thai_page).root.all("header")[0].all("dl")[0]
    assert [dt.full_text() for dt in facts.all("dt")] == ["ผู้จัดทำ", "ค่าการปล่อยก๊าซเรือนกระจก", "GWP"]
    assert facts.all("dd")[2].full_text() == "AR5"


def test_a_paragraph_keeps_its_line_breaks_as_text(thai_page: str) -> None:
    assert "<p>ค่าทั้งหมดคำนวณจากข้อมูลกิจกรรมของจังหวัด\nบรรทัดที่สอง &lt;script&gt;" in thai_page
    assert "white-space: pre-line" in render_html.CSS


# --- tables -----------------------------------------------------------------------------------------


def test_a_table_has_a_caption_column_headers_and_row_headers(thai_page: str) -> None:
    tree = Tree(thai_page).root
    gpc = next(t for t in tree.all("table") if t.attrs.get("id") == "table-gpc")
    assert gpc.all("caption")[0].full_text() == "ตารางการรายงานตาม GPC"
    heads = gpc.all("thead")[0].all("th")
    assert len(heads) == 8 and all(th.attrs["scope"] == "col" for th in heads)
    assert heads[2].full_text() == "ประเภทที่ 1 (tCO2e)" and heads[2].attrs["class"] == "num"
    assert heads[6].attrs["title"] == "ของทั้งจังหวัด"  # the column's note, also listed under the table
    rows = gpc.all("tbody")[0].all("tr")
    assert len(rows) == 11
    for tr in rows:
        first, *rest = tr.children
        assert first.tag == "th" and first.attrs["scope"] == "row"
        assert [c.tag for c in rest] == ["td"] * 7
    # numbers right-aligned, in the class the style aligns
    first_row = rows[0].children
    assert [c.attrs.get("class") for c in first_row[2:7]] == ["num"] * 5
    assert ".num { text-align: right;" in render_html.CSS
    # a subtotal, an indented sub-row, the total
    assert rows[0].attrs["class"] == "subtotal" and "l1" in rows[1].children[0].attrs["class"]
    assert rows[-1].attrs["class"] == "total"
    assert [c.full_text() for c in rows[-1].children][2:7] == [
        "1,000,000.25",
        "600,000.50",
        "250,000.75",
        "1,850,001.50",
        "100.0 %",
    ]
    # a code is a code; an empty cell says so
    assert rows[1].children[1].all("code")[0].full_text() == "I.1"
    assert rows[4].children[3].full_text() == "–"


def test_a_table_scrolls_in_its_own_box(thai_page: str) -> None:
    wraps = [d for d in Tree(thai_page).root.all("div") if d.attrs.get("class") == "table-wrap"]
    assert wraps
    for wrap in wraps:
        assert wrap.attrs["role"] == "region" and wrap.attrs["tabindex"] == "0"
        caption = wrap.all("caption")[0]
        assert wrap.attrs["aria-labelledby"] == caption.attrs["id"]
    assert ".table-wrap { overflow-x: auto;" in render_html.CSS


def test_notes_are_listed_under_the_table(thai_page: str) -> None:
    assert '<ul class="notes"><li>NO = ไม่เกิดขึ้น (not occurring)</li><li>สัดส่วน: ของทั้งจังหวัด</li></ul>' in thai_page


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (1234.5, "tonnes", "1,234.50"),  # two decimals (reports/document.py)
        (1_374_911.56075994, "tonnes", "1,374,911.56"),
        (0.125, "tonnes", "0.13"),  # half up, as people round (binary 0.125 is exact: not 0.12)
        (2.675, "tonnes", "2.68"),  # the value as written (2.67499999... in binary)
        (-1e-12, "tonnes", "0.00"),  # float noise (and -0.00 reads 0.00)
        (-0.001, "tonnes", "> -0.01"),  # a real value is never shown as 0
        (3, "tonnes", "3.00"),
        (0.125, "share", "12.5 %"),
        (0.0004, "share", "< 0.1 %"),
        (1.0, "share", "100.0 %"),
        (4.25, "percent", "4.3 %"),  # half away from zero, as a spreadsheet shows it
        (-4.25, "percent", "-4.3 %"),
        (-0.01, "percent", "> -0.1 %"),
        (-1e-12, "percent", "0.0 %"),
        (0.12345678, "number", "0.123457"),
        (12500, "number", "12,500"),
        (2567, "year", "2567"),
        ("2567", "year", "2567"),
        ("NO", "tonnes", "NO"),  # a notation key in a number column
        (None, "tonnes", "–"),
        ("x<y", "text", "x<y"),  # escaped later, by the page
    ],
)
def test_how_a_cell_is_shown(value: object, kind: str, shown: str) -> None:
    assert cell_text(value, kind) == shown  # type: ignore[arg-type]


def test_cells_read_as_in_the_markdown_report() -> None:
    render_markdown = pytest.importorskip("ghgcalc.reports.render_markdown")
    # tonnes differ on purpose: two decimals on the page, as reports/document.py asks
    cases = [
        (None, "number"),
        (0.125, "share"),
        (4.25, "percent"),
        (0.12345678, "number"),
        (12500, "number"),
        (2567, "year"),
    ]
    for value, kind in cases:
        assert cell_text(value, kind) == render_markdown.cell(value, kind), (value, kind)  # type: ignore[arg-type]


def test_a_wide_table_prints_on_landscape_pages(thai_page: str) -> None:
    sections = Tree(thai_page).root.all("main")[0].all("section")
    assert [s.attrs.get("class", "") for s in sections] == ["", "wide", "", ""]
    assert "@page wide { size: A4 landscape;" in render_html.CSS
    assert "section.wide { page: wide; }" in render_html.CSS


# --- charts -----------------------------------------------------------------------------------------


def test_each_chart_is_an_image_with_its_text_alternative_and_its_numbers(thai_page: str) -> None:
    tree = Tree(thai_page).root
    figures = [f for f in tree.all("figure") if f.attrs.get("class") == "chart"]
    charts = [c for s in sample.document().sections for c in s.charts]
    assert len(figures) == len(charts) == 5
    for figure, chart in zip(figures, charts, strict=True):
        assert figure.all("figcaption")[0].full_text() == chart.title
        svg = figure.all("svg")[0]
        assert svg.attrs["role"] == "img"
        assert svg.attrs["aria-label"] == chart.alt
        assert svg.all("title")[0].full_text() == chart.title
        assert svg.all("desc")[0].full_text() == chart.alt
        data = figure.all("details")[0].all("table")[0]
        assert data.all("caption")[0].full_text() == chart.title
        body = data.all("tbody")[0].all("tr")
        assert [tr.children[0].full_text() for tr in body] == list(chart.categories)
        assert all(tr.children[0].attrs["scope"] == "row" for tr in body)


def test_a_charts_table_shows_its_values_gaps_and_pie_shares(thai_page: str) -> None:
    tree = Tree(thai_page).root
    trend = next(f for f in tree.all("figure") if f.attrs.get("id") == "chart-trend")
    rows = trend.all("tbody")[0].all("tr")
    assert [c.full_text() for c in rows[3].children] == ["2563", "–", "–"]
    assert [c.full_text() for c in rows[7].children] == ["2567", "1,850,001.50", "1,050,000.75"]
    pie = next(f for f in tree.all("figure") if f.attrs.get("id") == "chart-pie-scope")
    heads = [th.full_text() for th in pie.all("thead")[0].all("th")]
    assert heads == ["รายการ", "tCO2e", "สัดส่วน"]
    rows = pie.all("tbody")[0].all("tr")
    # 1,000,000.25 / 1,850,001.50 = 54.05 %; 600,000.50 / 1,850,001.50 = 32.43 %; 250,000.75 / ... = 13.51 %
    assert [r.children[2].full_text() for r in rows] == ["54.1 %", "32.4 %", "13.5 %"]


def svg_of(chart: Chart) -> Node:
    return Tree(svg_charts.chart_svg(chart)).root.all("svg")[0]


def _texts(svg: Node) -> list[Node]:
    return svg.all("text")


def test_value_axes_start_at_zero() -> None:
    bar = svg_of(Chart("t", "bar", ("a", "b"), (Series("s", (1_700_000.0, 1_800_000.0)),), "alt"))
    labels = [t.full_text() for t in _texts(bar)]
    assert "0" in labels  # not 1,700,000: the bars' lengths compare the values
    # the bar of 1,700,000 is 17/18 of the bar of 1,800,000, both starting at the zero line
    rects = [r for r in bar.all("rect")]
    widths = [float(r.attrs["width"]) for r in rects]
    assert widths[0] / widths[1] == pytest.approx(17 / 18, rel=1e-3)
    assert rects[0].attrs["x"] == rects[1].attrs["x"]
    line = svg_of(Chart("t", "line", ("2560", "2561"), (Series("s", (1_700_000.0, 1_800_000.0)),), "alt"))
    assert "0" in [t.full_text() for t in _texts(line)]


def test_negative_values_run_left_of_zero() -> None:
    svg = svg_of(Chart("t", "bar", ("save", "cost"), (Series("s", (-1250.5, 850.0)),), "alt", y_title="THB/t"))
    saving, cost = svg.all("rect")
    assert float(saving.attrs["x"]) + float(saving.attrs["width"]) == pytest.approx(float(cost.attrs["x"]), abs=0.1)
    assert "-1,251" in [t.full_text() for t in _texts(svg)]  # half rounds away from zero, as people round


def test_a_small_negative_gets_room_not_a_whole_step_of_empty_axis() -> None:
    low, high, ticks = svg_charts._domain([-1756.0, 139_640.0])
    assert (low, high) == (pytest.approx(-1756 * 1.2), 150_000)
    assert ticks == [0, 50_000, 100_000, 150_000]
    low, _, ticks = svg_charts._domain([-30_000.0, 139_640.0])  # more than half a step: down to a tick
    assert low == ticks[0] == -50_000


def test_a_line_has_a_gap_where_a_value_is_missing_and_marks_the_base_year() -> None:
    chart = Chart(
        "t",
        "line",
        ("2560", "2561", "2562", "2563", "2564"),
        (Series("total", (10.0, 11.0, None, 12.0, 13.0)), Series("one", (1.0, None, None, None, 2.0))),
        "alt",
        marked=("2561",),
    )
    svg = svg_of(chart)
    lines = svg.all("polyline")
    # total: 2560-2561 and 2563-2564; one: two lone points, no line across the gap
    assert len(lines) == 2
    assert all(len(p.attrs["points"].split()) == 2 for p in lines)
    assert len(svg.all("g")) == 4 + 2  # a marker (with its tooltip) per value
    dashed = [ln for ln in svg.all("line") if ln.attrs.get("stroke-dasharray") == "4 3"]
    assert len(dashed) == 1
    bold = [t.full_text() for t in _texts(svg) if t.attrs.get("font-weight") == "700"]
    assert bold == ["2561"]
    # 2562 has no value in any series: a pale band over it
    bands = [r for r in svg.all("rect") if r.attrs["fill"] == svg_charts.GAP]
    assert len(bands) == 1


def test_a_year_without_values_is_a_dash_in_bars_not_a_zero() -> None:
    chart = Chart("t", "stacked-bar", ("2562", "2563"), (Series("a", (1.0, None)), Series("b", (2.0, None))), "alt")
    svg = svg_of(chart)
    assert len([r for r in svg.all("rect") if r.children]) == 2  # the two segments of 2562 (the rest: legend)
    assert [t.full_text() for t in _texts(svg)][-2:] == ["2563", "–"]


def test_a_pie_has_a_slice_per_positive_value_and_lists_them() -> None:
    chart = Chart("t", "pie", ("a", "b", "c", "d"), (Series("s", (3.0, 1.0, None, 0.0)),), "alt")
    svg = svg_of(chart)
    assert len(svg.all("path")) == 2
    labels = [t.full_text() for t in _texts(svg)]
    assert "3 (75.0 %)" in labels and "1 (25.0 %)" in labels
    whole = svg_of(Chart("t", "pie", ("a",), (Series("s", (5.0,)),), "alt"))
    assert len(whole.all("circle")) == 1 and not whole.all("path")
    empty = svg_of(Chart("t", "pie", ("a",), (Series("s", (None,)),), "alt"))
    assert not empty.all("path")


def _extent(node: Node) -> tuple[float, float]:
    x = float(node.attrs["x"])
    width = svg_charts.text_width(node.full_text(), float(node.attrs["font-size"]))
    anchor = node.attrs.get("text-anchor", "start")
    start = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    return start, start + width


LONG = "การใช้พลังงานในอาคารที่พักอาศัยและอาคารพาณิชย์ทั้งหมดในเขตจังหวัดที่ยาวมากจนต้องตัดออก (Residential and commercial buildings)"


@pytest.mark.parametrize(
    "chart",
    [
        Chart("t", "bar", (LONG, "b"), (Series("s", (1e9, 5.0)),), "alt"),
        Chart("t", "bar", ("a", LONG), (Series(LONG, (-1e9, 5.0)), Series("two", (3.0, None))), "alt"),
        Chart("t", "stacked-bar", (LONG, "b"), (Series("s1", (1e6, 5.0)), Series(LONG, (-2e6, 7.0))), "alt"),
        Chart(
            "t",
            "line",
            tuple(str(2540 + i) for i in range(30)),
            (Series("s", tuple(1e7 + i for i in range(30))),),
            "alt",
            marked=("2555",),
        ),
        Chart("t", "line", (LONG, "b"), (Series("s", (1.0, 2.0)),), "alt"),
        Chart("t", "pie", (LONG, "b", "c"), (Series("s", (1e9, 1.0, 1e8)),), "alt"),
    ],
    ids=["bar", "grouped-negative", "stacked", "line-30-years", "line-long", "pie"],
)
def test_no_text_leaves_the_drawing(chart: Chart) -> None:
    """By the estimate the layout uses (the browser test measures the real glyphs)."""
    svg = svg_of(chart)
    width = float(svg.attrs["viewbox"].split()[2])
    height = float(svg.attrs["viewbox"].split()[3])
    for node in _texts(svg):
        left, right = _extent(node)
        assert left >= -0.01 and right <= width + 0.01, (node.full_text(), left, right)
        assert 0 < float(node.attrs["y"]) <= height
    assert max(svg_charts.text_width(t.full_text(), 13) for t in _texts(svg)) <= width


def test_year_labels_never_overlap_and_the_marked_year_is_always_shown() -> None:
    years = tuple(str(2540 + i) for i in range(30))
    svg = svg_of(Chart("t", "line", years, (Series("s", tuple(1.0 for _ in years)),), "alt", marked=("2555",)))
    shown = [t for t in _texts(svg) if t.full_text() in years]
    assert "2555" in [t.full_text() for t in shown] and "2540" in [t.full_text() for t in shown]
    spans = sorted(_extent(t) for t in shown)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert 3 < len(shown) < 30


def test_a_long_thai_name_is_cut_between_letters_never_before_a_mark() -> None:
    name = "กระบวนการทางอุตสาหกรรมและการใช้ผลิตภัณฑ์"
    for room in range(20, 300, 7):
        cut = svg_charts.fit(name, room, 13)
        assert svg_charts.text_width(cut, 13) <= room
        if cut and cut != name:
            assert cut.endswith("…") and name.startswith(cut[:-1])
            assert ord(name[len(cut) - 1]) not in svg_charts._THAI_MARKS  # the next letter is not a mark
    assert svg_charts.text_width("ที่", 10) == svg_charts.text_width("ท", 10)  # marks take no width


def test_names_wrap_at_spaces_on_two_lines_at_most() -> None:
    assert svg_charts.wrap("Stationary energy in buildings", 140, 13) == ["Stationary energy", "in buildings"]
    lines = svg_charts.wrap(LONG, 200, 13)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(svg_charts.text_width(line, 13) <= 200 for line in lines)


def test_ticks_are_round_numbers_from_zero() -> None:
    assert svg_charts.nice_ticks(0, 1_850_001.5) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000]
    assert svg_charts.nice_ticks(0, 7) == [0, 2, 4, 6, 8]
    assert svg_charts.nice_ticks(-1250.5, 850) == [-1500, -1000, -500, 0, 500, 1000]
    assert svg_charts.nice_ticks(0, 0.3) == [0, 0.1, 0.2, 0.3]


# --- print --------------------------------------------------------------------------------------------


def test_the_print_style() -> None:
    css = render_html.CSS
    assert "@page { size: A4; margin:" in css
    printed = css[css.index("@media print") :]
    assert "main > section { break-before: page; }" in printed
    assert "tr, figure, dl.facts > * { break-inside: avoid; }" in printed
    assert "thead { display: table-header-group; }" in printed  # the heading repeats on each page
    assert ".table-wrap { overflow: visible; }" in printed  # a wide table is not cut at the box
    # the header row's shade is decoration: printed without it, totals stay bold and ruled
    assert "thead th { background: none; }" in printed
    assert "tr.total > * { font-weight: 700; border-top: 3px double" in css


# --- contrast -------------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the known AA grey


@pytest.mark.parametrize(
    ("fore", "back"),
    [
        ("text", "background"),
        ("muted", "background"),
        ("accent", "background"),
        ("text", "head"),
    ],
)
def test_text_colours_meet_wcag_aa(fore: str, back: str) -> None:
    colours = render_html.COLOURS
    assert contrast(colours[fore], colours[back]) >= 4.5


@pytest.mark.parametrize("colour", [*svg_charts.PALETTE, svg_charts.TEXT, svg_charts.MUTED])
def test_chart_colours_meet_wcag_aa_on_white_and_under_white_text(colour: str) -> None:
    assert contrast(colour, "#ffffff") >= 4.5


def test_the_axis_is_a_visible_graphic() -> None:
    assert contrast(svg_charts.AXIS, "#ffffff") >= 3.0  # WCAG 1.4.11, non-text contrast
