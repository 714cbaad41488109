"""Charts of a report as inline SVG, drawn by hand so a web page needs nothing from the network.

Laid out for a phone first: the drawing is 360 units wide and scales with the page (a 390 px phone
shows its 12- and 13-unit text at 12 and 13 px; the page caps a chart at 30rem on a wide screen).
Bars run across the page with each category's name on its own line above its bar, so a long Thai
name gets the whole width; a pie lists its slices under the circle. Every value axis starts at zero.
No text is placed where it could leave the drawing: text widths are estimated on the wide side for
the fonts of the page's stack (Thai vowels and tone marks above and below a letter take no width),
and a name too long for its room is cut with "…" (the whole name is in the chart's table and its
tooltip).

Colours: each series colour has a contrast of at least 4.5:1 on white (WCAG AA for text, so white
text on a slice and the colours as text both read), tested in tests/io/test_render_html.py. Lines
also differ by marker and dash, so they read in black and white.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from ghgcalc.reports.document import Chart
from ghgcalc.reports.render_markdown import NOISE, below, fixed

WIDTH = 360
PAD = 8
FONT = 13
SMALL = 12
TEXT = "#1a1a1a"
MUTED = "#555555"  # axis labels and ticks (7.5:1 on white)
GRID = "#d9d9d9"  # grid lines: decoration, the values are labelled
AXIS = "#6b6b6b"
PALETTE = (
    "#1c5d99",  # blue
    "#b04a00",  # burnt orange
    "#2a7636",  # green
    "#7a3d96",  # purple
    "#a3243b",  # crimson
    "#00707a",  # teal
    "#6b5a1e",  # olive
    "#4d4d4d",  # grey
)
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 2", "1 2", "10 4", "3 3 1 3")
MARKERS = ("circle", "square", "triangle", "diamond", "circle-open", "square-open", "triangle-open", "diamond-open")
ELLIPSIS = "…"
MISSING = "–"  # no value (an en dash), as the tables show it
GAP = "#ededed"  # the band over a category with no value: decoration, the tables say why

Format = Callable[[float], str]

# --- text sizes ------------------------------------------------------------------------------------

# Thai vowels and tone marks written above or below a consonant: no advance of their own.
_THAI_MARKS = frozenset([0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])
_NARROW = frozenset(".,:;'|!il()[]{}·`\"")
_WIDE_LATIN = frozenset("mwMW@%")


def char_width(char: str) -> float:
    """An upper bound of a character's advance in em for the page's fonts (Tahoma, Loma, Sarabun,
    Noto Sans Thai, Leelawadee UI, DejaVu Sans: measured widest of them, then rounded up)."""
    code = ord(char)
    if code in _THAI_MARKS or 0x0300 <= code <= 0x036F or code in (0x200B, 0x200C, 0x200D):
        return 0.0
    if 0x0E00 <= code <= 0x0E7F:
        return 0.66
    if char == " ":
        return 0.34
    if char in _NARROW:
        return 0.38
    if char in _WIDE_LATIN:
        return 0.96
    if char.isdigit():
        return 0.64
    if char.isascii():
        return 0.74 if char.isupper() else 0.62
    if code < 0x0530 or 0x2000 <= code <= 0x2BFF:  # Latin-1, Greek, Cyrillic; punctuation, arrows
        return 0.8
    return 1.05  # CJK and the rest: a full em, and a little


def text_width(text: str, size: float) -> float:
    return sum(char_width(c) for c in text) * size


def fit(text: str, room: float, size: float) -> str:
    """`text`, cut with "…" where it would be wider than `room`; never between a Thai letter and the
    marks written over or under it."""
    if text_width(text, size) <= room:
        return text
    cut = len(text)
    while cut > 0 and text_width(text[:cut] + ELLIPSIS, size) > room:
        cut -= 1
    while 0 < cut < len(text) and ord(text[cut]) in _THAI_MARKS:
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS if cut else ""


def wrap(text: str, room: float, size: float, lines: int = 2) -> list[str]:
    """`text` in at most `lines` lines of `room` width, broken at spaces (Thai writes spaces between
    phrases); what still does not fit is cut with "…"."""
    words = text.split(" ")
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= room or not current:
            current = candidate
            continue
        out.append(current)
        if len(out) == lines - 1:
            current = " ".join(words[index:])
            break
        current = word
    out.append(current)
    return [fit(line, room, size) for line in out[:lines]]


# --- numbers ---------------------------------------------------------------------------------------


def short(value: float) -> str:
    """A chart label: whole numbers from 1,000 up, else at most 2 decimals, halves rounded up (the
    tables are exact); a value too small for them "< 0.01", never 0 (render_markdown.below)."""
    decimals = 0 if abs(value) >= 1000 else 2
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if not rounded and abs(value) >= NOISE:
        return below(value, decimals)
    text = f"{rounded:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) from a multiple at or below `low` to
    one at or above `high`; `low` and `high` already include zero."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    n = round((last - first) / step)
    return [round(first + i * step, 12) for i in range(n + 1)]


def _domain(values: Sequence[float]) -> tuple[float, float, list[float]]:
    """The axis from zero (or below, for negatives) to a round number past the largest value."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    if low == high == 0.0:
        high = 1.0
    ticks = nice_ticks(low, high)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    start = ticks[0]
    if low < 0 and -low < step / 2:  # a small negative: room for it, not a whole step of empty axis
        start = low * 1.2
        ticks = [t for t in ticks if t >= start]
    return start, ticks[-1], ticks


# --- SVG pieces ------------------------------------------------------------------------------------


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# A white outline under a label, so a grid line behind it never crosses its letters
HALO = ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = FONT,
    anchor: str = "start",
    fill: str = TEXT,
    bold: bool = False,
    halo: bool = False,
) -> str:
    extra = (' font-weight="700"' if bold else "") + (HALO if halo else "")
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{extra}>'
        f"{escape(text)}</text>"
    )


def _rule(x1: float, y1: float, x2: float, y2: float, stroke: str) -> str:
    ends = f'x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"'
    return f'<line {ends} stroke="{stroke}" stroke-width="1"/>'


def _tip(text: str) -> str:
    return f"<title>{escape(text)}</title>"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _marker(kind: str, x: float, y: float, fill: str) -> str:
    open_ = kind.endswith("-open")
    shape = kind.removesuffix("-open")
    paint = f'fill="#ffffff" stroke="{fill}" stroke-width="1.6"' if open_ else f'fill="{fill}"'
    if shape == "circle":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.6" {paint}/>'
    if shape == "square":
        return f'<rect x="{_num(x - 3.3)}" y="{_num(y - 3.3)}" width="6.6" height="6.6" {paint}/>'
    if shape == "triangle":
        points = f"{_num(x)},{_num(y - 4.2)} {_num(x + 4)},{_num(y + 3)} {_num(x - 4)},{_num(y + 3)}"
        return f'<polygon points="{points}" {paint}/>'
    points = f"{_num(x)},{_num(y - 4.4)} {_num(x + 4.4)},{_num(y)} {_num(x)},{_num(y + 4.4)} {_num(x - 4.4)},{_num(y)}"
    return f'<polygon points="{points}" {paint}/>'


def legend(names: Sequence[str], top: float, *, lines: bool = False) -> tuple[list[str], float]:
    """Legend items flowing in rows across the width; returns the SVG and the y below it."""
    parts: list[str] = []
    x, y = float(PAD), top + SMALL
    row = SMALL + 8
    for index, name in enumerate(names):
        label = fit(name, WIDTH - 2 * PAD - 30, SMALL)
        item = 30 + text_width(label, SMALL)
        if x > PAD and x + item > WIDTH - PAD:
            x, y = float(PAD), y + row
        if lines:
            dash = f' stroke-dasharray="{DASHES[index % len(DASHES)]}"' if DASHES[index % len(DASHES)] else ""
            parts.append(
                f'<line x1="{_num(x)}" y1="{_num(y - 4)}" x2="{_num(x + 22)}" y2="{_num(y - 4)}" '
                f'stroke="{colour(index)}" stroke-width="2"{dash}/>'
            )
            parts.append(_marker(MARKERS[index % len(MARKERS)], x + 11, y - 4, colour(index)))
        else:
            parts.append(f'<rect x="{_num(x + 6)}" y="{_num(y - 10)}" width="12" height="12" fill="{colour(index)}"/>')
        parts.append(_text(x + 26, y, label, size=SMALL))
        x += item + 14
    return parts, y + 10


def _svg(height: float, title: str, alt: str, parts: Sequence[str]) -> str:
    h = math.ceil(height)
    return (
        f'<svg role="img" aria-label="{escape(alt)}" '
        f'viewBox="0 0 {WIDTH} {h}" width="{WIDTH}" height="{h}" class="chart-svg">'
        f"<title>{escape(title)}</title><desc>{escape(alt)}</desc>" + "".join(parts) + "</svg>"
    )


def _value_axis(
    low: float, high: float, ticks: list[float], left: float, right: float, top: float, bottom: float
) -> tuple[Callable[[float], float], list[str]]:
    """A horizontal value axis from `left` to `right`: grid lines from `top` to `bottom` and tick
    labels under it, kept inside the drawing and never over each other."""

    def scale(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    parts = [_rule(scale(tick), top, scale(tick), bottom, AXIS if tick == 0 else GRID) for tick in ticks]
    # a label on every tick, or on every second or third when they would touch (a grid line each)
    spans = []
    for tick in ticks:
        width = text_width(short(tick), SMALL)
        start = min(max(scale(tick) - width / 2, 0.0), WIDTH - width)
        spans.append((start, start + width))
    every = 1
    while every < len(ticks) and any(
        spans[i][1] + 8 > spans[i + every][0] for i in range(0, len(ticks) - every, every)
    ):
        every += 1
    for i in range(0, len(ticks), every):
        parts.append(_text(spans[i][0], bottom + SMALL + 4, short(ticks[i]), size=SMALL, fill=MUTED))
    return scale, parts


# --- bar and stacked bar ---------------------------------------------------------------------------


def bars(chart: Chart, fmt: Format = short) -> str:
    """Bars across the page, one row per category: its name above, one bar per series (grouped) or
    one bar of stacked segments, each ending with its value."""
    stacked = chart.kind == "stacked-bar"
    series = chart.series
    values = [[s.values[i] for s in series] for i in range(len(chart.categories))]
    if stacked:
        positive = [sum(v for v in row if v is not None and v > 0) for row in values]
        negative = [sum(v for v in row if v is not None and v < 0) for row in values]
        extent = positive + negative
        end_labels_right = [fmt(p) for p, row in zip(positive, values, strict=True) if any(v is not None for v in row)]
        end_labels_left = [fmt(n) for n in negative if n < 0]
    else:
        flat = [v for row in values for v in row if v is not None]
        extent = flat
        end_labels_right = [fmt(v) for v in flat if v >= 0]
        end_labels_left = [fmt(v) for v in flat if v < 0]
    right_room = max((text_width(t, SMALL) for t in end_labels_right), default=0.0) + 6
    left_room = max((text_width(t, SMALL) for t in end_labels_left), default=0.0) + 6 if end_labels_left else 0.0
    left, right = PAD + left_room, WIDTH - PAD - right_room
    low, high, ticks = _domain(extent)

    parts: list[str] = []
    y = 4.0
    if len(series) > 1:
        items, y = legend([s.name for s in series], y)
        parts += items
    if chart.y_title:
        parts.append(_text(PAD, y + SMALL, fit(chart.y_title, WIDTH - 2 * PAD, SMALL), size=SMALL, fill=MUTED))
        y += SMALL + 8
    top = y
    bar = 18.0 if stacked or len(series) == 1 else 12.0
    body: list[str] = []

    def scale(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    for index, name in enumerate(chart.categories):
        marked = name in chart.marked
        for line in wrap(name, WIDTH - 2 * PAD, FONT):
            y += FONT + 3
            body.append(_text(PAD, y, line, bold=marked, halo=True))
        y += 5
        row = values[index]
        if stacked:
            up, down = 0.0, 0.0
            for s_index, value in enumerate(row):
                if value is None or value == 0:
                    continue
                start = up if value > 0 else down
                end = start + value
                if value > 0:
                    up = end
                else:
                    down = end
                x0, x1 = sorted((scale(start), scale(end)))
                body.append(
                    f'<rect x="{_num(x0)}" y="{_num(y)}" width="{_num(max(x1 - x0, 0.5))}" height="{_num(bar)}" '
                    f'fill="{colour(s_index)}" stroke="#ffffff" stroke-width="0.8">'
                    f"{_tip(f'{name} · {series[s_index].name}: {fmt(value)}')}</rect>"
                )
            if any(v is not None for v in row):
                body.append(_text(scale(up) + 4, y + bar - 4, fmt(up), size=SMALL, halo=True))
            else:  # no value at all (a year without an inventory): said, not drawn as zero
                body.append(_text(scale(0.0) + 4, y + bar - 4, MISSING, size=SMALL, fill=MUTED, halo=True))
            if down < 0:
                body.append(_text(scale(down) - 4, y + bar - 4, fmt(down), size=SMALL, anchor="end", halo=True))
            y += bar + 10
        else:
            for s_index, value in enumerate(row):
                if value is None:
                    body.append(_text(scale(0.0) + 4, y + bar - 2, MISSING, size=SMALL, fill=MUTED, halo=True))
                else:
                    x0, x1 = sorted((scale(0.0), scale(value)))
                    body.append(
                        f'<rect x="{_num(x0)}" y="{_num(y)}" width="{_num(max(x1 - x0, 0.5))}" height="{_num(bar)}" '
                        f'fill="{colour(s_index)}">{_tip(f"{name} · {series[s_index].name}: {fmt(value)}")}</rect>'
                    )
                    if value >= 0:
                        body.append(_text(x1 + 4, y + bar - 2, fmt(value), size=SMALL, halo=True))
                    else:
                        body.append(_text(x0 - 4, y + bar - 2, fmt(value), size=SMALL, anchor="end", halo=True))
                y += bar + 3
            y += 7
    bottom = y
    _, axis = _value_axis(low, high, ticks, left, right, top, bottom)
    parts += axis + body
    return _svg(bottom + SMALL + 10, chart.title, chart.alt, parts)


# --- line ------------------------------------------------------------------------------------------

PLOT_HEIGHT = 190.0


def line(chart: Chart, fmt: Format = short) -> str:
    """Lines over the categories (years) with a point at every value; no line crosses a missing value
    (a gap), and a marked category (the base year) has a dashed rule and a bold label."""
    series = chart.series
    flat = [v for s in series for v in s.values if v is not None]
    low, high, ticks = _domain(flat)
    tick_room = max(text_width(short(t), SMALL) for t in ticks) + 8
    parts: list[str] = []
    y = 4.0
    if len(series) > 1:
        items, y = legend([s.name for s in series], y, lines=True)
        parts += items
    if chart.y_title:
        parts.append(_text(PAD, y + SMALL, fit(chart.y_title, WIDTH - 2 * PAD, SMALL), size=SMALL, fill=MUTED))
        y += SMALL + 10
    top, bottom = y + 4, y + 4 + PLOT_HEIGHT
    count = len(chart.categories)
    labels = [fit(c, 110, SMALL) for c in chart.categories]
    widths = [text_width(t, SMALL) for t in labels]
    left = PAD + tick_room + 6
    right = WIDTH - PAD - max(widths[-1] / 2 if count else 0.0, 6.0)
    step = (right - left) / (count - 1) if count > 1 else 0.0

    def x_of(i: int) -> float:
        return left + i * step if count > 1 else (left + right) / 2

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    for tick in ticks:
        ty = y_of(tick)
        stroke = AXIS if tick == 0 else GRID
        parts.append(_rule(left - 4, ty, right, ty, stroke))
        parts.append(_text(left - 8, ty + 4, short(tick), size=SMALL, anchor="end", fill=MUTED))
    for i, name in enumerate(chart.categories):
        if count > 1 and all(i >= len(s.values) or s.values[i] is None for s in series):
            # a category with no value in any series (a year without an inventory): a pale band
            band = min(step * 0.6, 24.0)
            parts.append(
                f'<rect x="{_num(x_of(i) - band / 2)}" y="{_num(top)}" width="{_num(band)}" '
                f'height="{_num(bottom - top)}" fill="{GAP}"/>'
            )
        if name in chart.marked:
            parts.append(
                f'<line x1="{_num(x_of(i))}" y1="{_num(top)}" x2="{_num(x_of(i))}" y2="{_num(bottom)}" '
                f'stroke="{TEXT}" stroke-width="1.2" stroke-dasharray="4 3"/>'
            )
    # category labels: the marked ones first, then every k-th from the first (the smallest k whose
    # labels do not touch), then the last; any that would touch one already placed is left out
    spans = []
    for i in range(count):
        start = min(max(x_of(i) - widths[i] / 2, 0.0), WIDTH - widths[i])
        spans.append((start - 3, start + widths[i] + 3))
    every = 1
    while every < count and any(spans[i][1] > spans[i + every][0] for i in range(0, count - every, every)):
        every += 1
    order = [i for i in range(count) if chart.categories[i] in chart.marked]
    order += [i for i in (*range(0, count, every), count - 1) if i not in order and count]
    shown: list[tuple[float, float]] = []
    for i in order:
        span = spans[i]
        if any(span[0] < b and a < span[1] for a, b in shown):
            continue
        shown.append(span)
        start = span[0] + 3
        parts.append(
            _text(start, bottom + SMALL + 6, labels[i], size=SMALL, bold=chart.categories[i] in chart.marked, fill=TEXT)
        )
    for s_index, s in enumerate(series):
        stroke = colour(s_index)
        dash = DASHES[s_index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        runs: list[list[str]] = []
        for i, value in enumerate(s.values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{_num(x_of(i))},{_num(y_of(value))}")
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{stroke}" stroke-width="2"{dash_attr}/>'
                )
        for i, value in enumerate(s.values):
            if value is not None:
                marker = _marker(MARKERS[s_index % len(MARKERS)], x_of(i), y_of(value), stroke)
                tip = _tip(f"{chart.categories[i]} · {s.name}: {fmt(value)}")
                parts.append(f"<g>{marker}{tip}</g>")
    return _svg(bottom + SMALL + 14, chart.title, chart.alt, parts)


# --- pie -------------------------------------------------------------------------------------------

RADIUS = 80.0


def pie(chart: Chart, fmt: Format = short, share: Format | None = None) -> str:
    """The first series as a pie (its positive values), the slices listed under it with their values
    and shares; a share is written on a slice wide enough for it."""
    share = share or (lambda f: fixed(f * 100, 1) + " %")
    values = chart.series[0].values if chart.series else ()
    slices = [(name, v) for name, v in zip(chart.categories, values, strict=True) if v is not None and v > 0]
    total = sum(v for _, v in slices)
    cx, cy = WIDTH / 2, PAD + RADIUS + 4
    parts: list[str] = []
    angle = -math.pi / 2
    if total <= 0:
        parts.append(
            f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(RADIUS)}" fill="none" stroke="{GRID}" stroke-width="2"/>'
        )
    for index, (name, value) in enumerate(slices):
        fraction = value / total
        sweep = fraction * 2 * math.pi
        tip = _tip(f"{name}: {fmt(value)} ({share(fraction)})")
        if fraction >= 0.9999:
            parts.append(
                f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(RADIUS)}" fill="{colour(index)}">{tip}</circle>'
            )
        else:
            x0, y0 = cx + RADIUS * math.cos(angle), cy + RADIUS * math.sin(angle)
            x1, y1 = cx + RADIUS * math.cos(angle + sweep), cy + RADIUS * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            arc = f"A{_num(RADIUS)},{_num(RADIUS)} 0 {large} 1 {x1:.2f},{y1:.2f}"
            path = f"M{_num(cx)},{_num(cy)} L{x0:.2f},{y0:.2f} {arc} Z"
            parts.append(f'<path d="{path}" fill="{colour(index)}" stroke="#ffffff" stroke-width="1.2">{tip}</path>')
        label = share(fraction)
        middle = angle + sweep / 2
        # on the slice when the arc at 0.62 R is wider than the label
        if sweep * RADIUS * 0.62 > text_width(label, SMALL) + 6 and fraction < 0.9999:
            lx, ly = cx + 0.62 * RADIUS * math.cos(middle), cy + 0.62 * RADIUS * math.sin(middle)
            parts.append(_text(lx, ly + 4, label, size=SMALL, anchor="middle", fill="#ffffff", bold=True))
        elif fraction >= 0.9999:
            parts.append(_text(cx, cy + 4, label, size=SMALL, anchor="middle", fill="#ffffff", bold=True))
        angle += sweep
    y = cy + RADIUS + 14
    for index, (name, value) in enumerate(slices):
        # the name, and its value and share at the right; a name too long for that goes on lines
        # of its own (two at most), with the numbers under it
        numbers = f"{fmt(value)} ({share(value / total)})"
        room = WIDTH - 2 * PAD - 20
        beside = room - text_width(numbers, SMALL) - 10
        y += SMALL + 8
        parts.append(f'<rect x="{PAD}" y="{_num(y - 10)}" width="12" height="12" fill="{colour(index)}"/>')
        if text_width(name, SMALL) <= beside:
            parts.append(_text(PAD + 20, y, name, size=SMALL))
        else:
            for number, text in enumerate(wrap(name, room, SMALL)):
                y += (SMALL + 4) if number else 0
                parts.append(_text(PAD + 20, y, text, size=SMALL))
            y += SMALL + 4
        parts.append(_text(WIDTH - PAD, y, numbers, size=SMALL, anchor="end"))
    return _svg(y + 10, chart.title, chart.alt, parts)


def chart_svg(chart: Chart, fmt: Format = short) -> str:
    """The chart as one <svg> element (role="img", its alt as aria-label and <desc>)."""
    if chart.kind == "pie":
        return pie(chart, fmt)
    if chart.kind == "line":
        return line(chart, fmt)
    return bars(chart, fmt)
