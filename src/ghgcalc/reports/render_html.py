"""A report Document as one self-contained web page: a file to send by LINE or e-mail that any phone or
office computer opens, offline.

Nothing is fetched: the style is inline, the charts are inline SVG (reports/svg_charts.py), no font
is downloaded (the font stack names a Thai font every platform has), there is no script, and the
page's Content-Security-Policy forbids loading anything. Every text is escaped, so a name from an
input file (`<script>…`) shows as the text it is.

For every reader: semantic tables (caption, column and row headers), each chart an image with its
text alternative and its numbers as a table under it, text contrast of at least 4.5:1 (WCAG AA).
Printed on A4: each section starts a page, a section with a wide table is printed landscape, rows
and charts are never split, and no meaning hangs on a background colour. On a phone, a wide table
scrolls sideways inside its box rather than widening the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from html import escape

from ghgcalc.i18n import tr
from ghgcalc.reports.document import Cell, Chart, Column, Document, Fact, Kind, Section, Table
from ghgcalc.reports.document import table as make_table
from ghgcalc.reports.render_markdown import fixed, number
from ghgcalc.reports.svg_charts import chart_svg, short

FONTS = '"Sarabun", "Noto Sans Thai", "Noto Sans", "Leelawadee UI", "Thonburi", "Tahoma", "Loma", "Garuda", sans-serif'
MONO = 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", Consolas, "Courier New", monospace'
# Text colours and the backgrounds they sit on (tests/io/test_render_html.py checks each is >= 4.5:1)
COLOURS = {
    "text": "#1a1a1a",
    "muted": "#555555",
    "accent": "#1c5d99",
    "background": "#ffffff",
    "head": "#eef1f5",  # the header row's background (text on it is "text")
    "rule": "#6b6b6b",
    "line": "#d0d0d0",
}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
MISSING = "–"  # a cell with no value (an en dash), as in the Markdown report
WIDE = 8  # a section with a table of this many columns or more is printed on landscape pages
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ID = re.compile(r"[^a-z0-9-]+")
_NUMERIC: frozenset[Kind] = frozenset({"tonnes", "number", "share", "percent"})

CSS = f"""
:root {{ color-scheme: light; }}
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; font-family: {FONTS}; font-size: 16px; line-height: 1.6;
  color: {COLOURS["text"]}; background: {COLOURS["background"]}; }}
.page {{ max-width: 76rem; margin: 0 auto; padding: 1rem; }}
h1 {{ font-size: 1.65rem; line-height: 1.3; margin: .4rem 0; }}
h2 {{ font-size: 1.3rem; line-height: 1.35; margin: 2.4rem 0 .8rem; padding-bottom: .2rem;
  border-bottom: 2px solid {COLOURS["accent"]}; }}
.subtitle {{ font-size: 1.1rem; color: {COLOURS["muted"]}; margin: 0 0 .6rem; }}
p {{ margin: .6rem 0; white-space: pre-line; overflow-wrap: anywhere; }}
dl.facts {{ display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .15rem 1.2rem; margin: .8rem 0; }}
dl.facts dt {{ font-weight: 700; }}
dl.facts dd {{ margin: 0; overflow-wrap: anywhere; }}
nav.contents ol {{ margin: .3rem 0; padding-left: 1.4rem; }}
nav.contents h2 {{ font-size: 1.05rem; border: 0; margin: 1.2rem 0 .2rem; }}
a {{ color: {COLOURS["accent"]}; }}
.table-wrap {{ overflow-x: auto; margin: 1rem 0 1.4rem; max-width: 100%; }}
.table-wrap:focus-visible {{ outline: 2px solid {COLOURS["accent"]}; outline-offset: 2px; }}
table {{ border-collapse: collapse; font-size: .92rem; line-height: 1.45; }}
caption {{ caption-side: top; text-align: left; font-weight: 700; padding: 0 0 .35rem; }}
th, td {{ padding: .3rem .65rem; text-align: left; vertical-align: top; border-bottom: 1px solid {COLOURS["line"]}; }}
thead th {{ vertical-align: bottom; background: {COLOURS["head"]}; border-bottom: 2px solid {COLOURS["rule"]}; }}
tbody th {{ font-weight: 400; }}
.txt {{ min-width: 10rem; }}
.code {{ white-space: nowrap; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
thead .num {{ white-space: normal; }}
code {{ font-family: {MONO}; font-size: .9em; }}
tr.subtotal > * {{ font-weight: 700; border-top: 1px solid {COLOURS["rule"]}; }}
tr.total > * {{ font-weight: 700; border-top: 3px double {COLOURS["text"]};
  border-bottom: 2px solid {COLOURS["text"]}; }}
.l1 {{ padding-left: 1.6rem; }} .l2 {{ padding-left: 2.6rem; }} .l3 {{ padding-left: 3.6rem; }}
.notes {{ font-size: .88rem; color: {COLOURS["muted"]}; margin: -.8rem 0 1.4rem; padding-left: 1.2rem; }}
figure.chart {{ margin: 1.2rem 0 1.8rem; }}
figure.chart figcaption {{ font-weight: 700; margin-bottom: .3rem; }}
figure.chart svg {{ display: block; width: 100%; max-width: 30rem; height: auto; }}
details {{ margin-top: .4rem; }}
summary {{ cursor: pointer; color: {COLOURS["accent"]}; }}
details .table-wrap {{ margin: .4rem 0; }}
footer {{ margin-top: 3rem; padding-top: .6rem; border-top: 1px solid {COLOURS["line"]};
  font-size: .85rem; color: {COLOURS["muted"]}; }}
footer ul {{ padding-left: 1.2rem; overflow-wrap: anywhere; }}
@media (max-width: 36rem) {{
  .page {{ padding: .75rem; }}
  h1 {{ font-size: 1.4rem; }}
  dl.facts {{ grid-template-columns: 1fr; }}
  dl.facts dd {{ margin-bottom: .35rem; }}
  th, td {{ padding: .28rem .45rem; }}
}}
@page {{ size: A4; margin: 15mm 14mm 16mm; }}
@page wide {{ size: A4 landscape; margin: 12mm 14mm 14mm; }}
@media print {{
  body {{ font-size: 10.5pt; line-height: 1.45; }}
  .page {{ max-width: none; padding: 0; }}
  main > section {{ break-before: page; }}
  main > section:first-child {{ break-before: auto; }}
  section.wide {{ page: wide; }}
  h1, h2, caption, figcaption {{ break-after: avoid; }}
  tr, figure, dl.facts > * {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  .table-wrap {{ overflow: visible; }}
  table {{ font-size: 9pt; }}
  thead th {{ background: none; }}
  figure.chart svg {{ max-width: 11cm; print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
  details, nav.contents {{ display: none; }}
  a {{ color: inherit; text-decoration: none; }}
}}
"""


def text(value: object) -> str:
    """Element text or an attribute value: escaped, with control characters dropped."""
    return escape(_CONTROL.sub("", str(value)), quote=True)


def percent_text(value: float) -> str:
    """A percentage to one decimal, "12.5 %", rounded half away from zero on its decimal digits as a
    spreadsheet shows it (the rule of the Markdown and xlsx reports, so every format agrees)."""
    return fixed(value, 1) + " %"


def tonnes_text(value: float) -> str:
    """Tonnes with two decimals, thousands separated ("1,374,911.56"), rounded half up on the value as
    the result holds it (15 significant digits): the model's rule for tonnes in a table."""
    return fixed(value, 2)


def cell_text(value: Cell, kind: Kind) -> str:
    """A cell as a reader sees it (before escaping): tonnes with two decimals (reports/document.py),
    other numbers to at most 6 decimals, shares and percentages to one decimal, a missing value as
    "–", as the Markdown report shows them; text as it is."""
    if value is None:
        return MISSING
    if isinstance(value, (str, bool)):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if kind == "tonnes":
        return tonnes_text(value)
    if kind in ("share", "percent"):
        return percent_text(value * 100 if kind == "share" else value)
    if kind == "year" and float(value).is_integer():
        return str(int(value))
    return number(value)


class _Ids:
    """Unique HTML ids from the documents' keys (or a running number)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, prefix: str, key: str) -> str:
        base = f"{prefix}-{_ID.sub('-', key.lower()).strip('-')}" if key else f"{prefix}-{len(self.seen) + 1}"
        name, n = base.rstrip("-"), 1
        while name in self.seen:
            n += 1
            name = f"{base}-{n}"
        self.seen.add(name)
        return name


def _facts(facts: Iterable[Fact]) -> str:
    rows = "".join(f"<dt>{text(f.label)}</dt><dd>{text(f.value)}</dd>" for f in facts)
    return f'<dl class="facts">{rows}</dl>' if rows else ""


def _kind_class(kind: Kind) -> str:
    """Numbers right-aligned, codes on one line, words given room to be read (not one per line)."""
    return "num" if kind in _NUMERIC else "code" if kind == "code" else "txt" if kind == "text" else ""


def _header_cell(column: Column) -> str:
    kind = _kind_class(column.kind)
    classes = f' class="{kind}"' if kind else ""
    note = f' title="{text(column.note)}"' if column.note else ""
    return f'<th scope="col"{classes}{note}>{text(column.title)}</th>'


def _body_cell(value: Cell, column: Column, first: bool, level: int) -> str:
    shown = text(cell_text(value, column.kind))
    if column.kind == "code" and shown:
        shown = f"<code>{shown}</code>"
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    kind = "num" if number and column.kind not in ("text", "code") else _kind_class(column.kind)
    classes = [kind] if kind else []
    if first and level > 0:
        classes.append(f"l{min(level, 3)}")
    attr = f' class="{" ".join(classes)}"' if classes else ""
    if first:
        return f'<th scope="row"{attr}>{shown}</th>'
    return f"<td{attr}>{shown}</td>"


def table_html(table: Table, table_id: str) -> str:
    head = "".join(_header_cell(c) for c in table.columns)
    body = []
    for row in table.rows:
        cells = "".join(
            _body_cell(value, column, index == 0, row.level)
            for index, (value, column) in enumerate(zip(row.cells, table.columns, strict=True))
        )
        emphasis = f' class="{row.emphasis}"' if row.emphasis else ""
        body.append(f"<tr{emphasis}>{cells}</tr>")
    caption_id = f"{table_id}-caption"
    notes = [*table.notes, *(f"{c.title}: {c.note}" for c in table.columns if c.note)]
    notes_html = '<ul class="notes">' + "".join(f"<li>{text(n)}</li>" for n in notes) + "</ul>" if notes else ""
    return (
        f'<div class="table-wrap" role="region" aria-labelledby="{caption_id}" tabindex="0">'
        f'<table id="{table_id}"><caption id="{caption_id}">{text(table.title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>{notes_html}"
    )


def chart_table(chart: Chart) -> Table:
    """The chart's numbers as a table: a row per category, a column per series (a pie adds shares)."""
    unit = chart.y_title or ""
    kind: Kind = "tonnes" if chart.y_title == "tCO2e" else "number"
    # the unit after each series' name, unless the name already says it ("tCO2e", "Total, tCO2e")
    columns = [Column(tr("Item"))] + [
        Column(s.name if unit in s.name else f"{s.name} ({unit})", kind) for s in chart.series
    ]
    rows: list[tuple[Cell, ...]] = [
        (category, *(s.values[i] for s in chart.series)) for i, category in enumerate(chart.categories)
    ]
    if chart.kind == "pie" and chart.series:
        total = sum(v for v in chart.series[0].values if v is not None and v > 0)
        columns.append(Column(tr("Share"), "share"))
        rows = [
            (*row, (row[1] / total) if total and isinstance(row[1], (int, float)) and row[1] > 0 else None)
            for row in rows
        ]
    return make_table(chart.title, columns, rows)


def chart_html(chart: Chart, chart_id: str) -> str:
    """A figure: the title, the drawing, and its numbers as a table to open under it."""
    data = chart_table(chart)
    numbers = tr("The numbers of this chart")  # (outside the f-string, where the catalog's extractor sees it)
    return (
        f'<figure class="chart" id="{chart_id}"><figcaption>{text(chart.title)}</figcaption>'
        f"{chart_svg(chart, short)}"
        f"<details><summary>{text(numbers)}</summary>"
        f"{table_html(data, f'{chart_id}-data')}</details></figure>"
    )


def _section(section: Section, section_id: str, ids: _Ids) -> str:
    wide = any(len(t.columns) >= WIDE for t in section.tables)
    parts = [f'<h2 id="{section_id}-title">{text(section.title)}</h2>', _facts(section.facts)]
    parts += [f"<p>{text(p)}</p>" for p in section.paragraphs]
    parts += [chart_html(c, ids("chart", c.key)) for c in section.charts]
    parts += [table_html(t, ids("table", t.key)) for t in section.tables]
    classes = ' class="wide"' if wide else ""
    return f'<section id="{section_id}"{classes} aria-labelledby="{section_id}-title">{"".join(parts)}</section>'


def _contents(sections: Iterable[tuple[Section, str]]) -> str:
    links = "".join(f'<li><a href="#{sid}">{text(s.title)}</a></li>' for s, sid in sections)
    title = text(tr("Contents"))
    heading = f'<h2 id="contents-title">{title}</h2>'
    return f'<nav class="contents" aria-labelledby="contents-title">{heading}<ol>{links}</ol></nav>'


def _footer(document: Document) -> str:
    parts = []
    if document.source_notes:
        items = "".join(f"<li>{text(n)}</li>" for n in document.source_notes)
        parts.append(f"<p>{text(tr('Sources of the data'))}</p><ul>{items}</ul>")
    if document.footer:
        parts.append(f"<p>{text(document.footer)}</p>")
    return f"<footer>{''.join(parts)}</footer>" if parts else ""


def render(document: Document) -> str:
    """The document as one HTML5 page (UTF-8 text), with nothing to fetch."""
    ids = _Ids()
    named = [(s, ids("s", s.key)) for s in document.sections]
    sections = [_section(s, sid, ids) for s, sid in named]
    contents = _contents(named) if len(named) > 1 else ""
    subtitle = f'<p class="subtitle">{text(document.subtitle)}</p>' if document.subtitle else ""
    language = document.language if document.language in ("th", "en") else "en"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{text(document.title)}</title>\n<style>{CSS}</style>\n</head>\n"
        '<body>\n<div class="page">\n'
        f"<header><h1>{text(document.title)}</h1>{subtitle}{_facts(document.facts)}{contents}</header>\n"
        f"<main>\n{chr(10).join(sections)}\n</main>\n{_footer(document)}\n</div>\n</body>\n</html>\n"
    )
