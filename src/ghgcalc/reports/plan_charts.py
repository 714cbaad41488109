"""A computed plan as PNG charts (`ghgcalc plan --charts DIR`): the trajectory and the MACC.

Pure: the typed plan document (models.plan_result.PlanResult; or its JSON, read back) in, PNG bytes
out. matplotlib is imported only when a chart is drawn, with its object interface (no pyplot, no
global figure state). The bytes depend only on the document and the fonts installed: the PNG carries
no software version or date.

Every text stays whole and inside the picture: titles and notes wrap to its width, the legend is a
table under the chart with every name whole (a Thai name wraps between syllables, never inside one),
and the figure grows taller when the legend needs it. Years are shown as the base inventory writes
them (B.E. for a base of 2566). The trajectory's y-axis starts at zero unless asked otherwise; the
MACC's bars carry numbers, moved apart where narrow bars would make them touch, which the table under
it names with their cost and abatement.

Every text is drawn with a font that has the Thai letters (`thai_font`), found deliberately: the
fonts matplotlib knows, then the fonts installed on the system (matplotlib's font list is a cache,
made before a font installed later), each checked in its own character map. DejaVu Sans stands
behind it for the signs a Thai font may lack (−, …). A chart with Thai text and no Thai font on the
machine is refused with the fix, never drawn with empty boxes for letters.
"""

from __future__ import annotations

import functools
import io
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ghgcalc.errors import UsageError
from ghgcalc.i18n import tr
from ghgcalc.models.plan_result import MaccBar, PlanResult
from ghgcalc.reports.plan_markdown import year

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SIZE_IN = (10.0, 6.0)
DPI = 120  # 1200 x 720 pixels
FONT = "DejaVu Sans"  # matplotlib's own font: Latin, digits and signs, no Thai
# Fonts with Thai letters, best first: sans-serif faces made for the screen (Noto, Sarabun; Windows'
# Leelawadee UI and Tahoma; macOS's Thonburi), then those of the TLWG (Debian's fonts-thai-tlwg).
THAI_FONTS = (
    "Noto Sans Thai",
    "Noto Sans Thai UI",
    "Sarabun",
    "TH Sarabun New",
    "Leelawadee UI",
    "Leelawadee",
    "Tahoma",
    "Thonburi",
    "Loma",
    "Garuda",
    "Waree",
    "Umpush",
    "Tlwg Typo",
    "Sawasdee",
    "Kinnari",
    "Norasi",
)
# The letters, vowels, tone marks and digits of the Thai block (U+0E01-U+0E3A, U+0E3F-U+0E5B): a
# font that has them all can write any Thai word.
THAI_LETTERS = frozenset([*range(0x0E01, 0x0E3B), *range(0x0E3F, 0x0E5C)])
BAU_COLOUR = "#333333"
NET_COLOUR = "#000000"
TARGET_MARKERS = ("D", "*", "s", "^", "v", "P", "X")


def is_thai(text: str) -> bool:
    return any(ord(char) in THAI_LETTERS for char in text)


def covers(path: str, chars: frozenset[int] = THAI_LETTERS) -> bool:
    """Whether the font file has a glyph for every character in `chars` (its character map)."""
    from matplotlib.ft2font import FT2Font

    try:
        return chars <= set(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):  # a font file FreeType cannot read
        return False


@functools.cache
def thai_font() -> tuple[str, str] | None:
    """(family name, file of its regular face) of an installed font that has every Thai letter, the
    preferred one first; None when there is none. A font installed after matplotlib made its font
    list is added to the list for this run, with all its faces (regular, bold, italic)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    manager = font_manager.fontManager
    files: dict[str, str] = {entry.fname: entry.name for entry in manager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in files:
            try:
                files[path] = FT2Font(path).family_name
            except (OSError, RuntimeError, ValueError):  # a font file FreeType cannot read
                continue
    rank = {name.casefold(): place for place, name in enumerate(THAI_FONTS)}
    ordered = sorted(files.items(), key=lambda item: (rank.get(item[1].casefold(), len(rank)), item[1], item[0]))
    chosen = next((path for path, _ in ordered if covers(path)), None)
    if chosen is None:
        return None
    known = {entry.fname for entry in manager.ttflist}
    for path, name in files.items():
        if name == files[chosen] and path not in known:
            manager.addfont(path)
    family = next(entry.name for entry in manager.ttflist if entry.fname == chosen)
    regular = manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    return family, str(regular)


def families() -> list[str]:
    """The fonts every text is drawn with, first choice first: the Thai font, then DejaVu Sans."""
    found = thai_font()
    return [FONT] if found is None else [found[0], FONT]


# A plan document, or its JSON (`ghgcalc plan -f json`) read back
PlanLike = PlanResult | Mapping[str, Any]


def as_plan(plan: PlanLike) -> PlanResult:
    return plan if isinstance(plan, PlanResult) else PlanResult.from_dict(plan)


def trajectory_png(plan: PlanLike, *, from_zero: bool = True) -> bytes:
    """BAU, each measure's wedge stacked from the net line up, the net line and the targets. The
    y-axis starts at zero (or below, for negative net emissions) unless `from_zero` is False: then it
    fits the values, and a note under the chart says it does not start at zero."""
    with _drawing(plan, functools.partial(_trajectory, from_zero=from_zero)) as figure:
        return _png(figure)


def macc_png(plan: PlanLike) -> bytes:
    """The marginal abatement cost curve: bar width = abatement, height = THB per tCO2e."""
    with _drawing(plan, _macc) as figure:
        return _png(figure)


@contextmanager
def drawn(plan: PlanLike, chart: str, *, from_zero: bool = True) -> Iterator[Figure]:
    """The figure of a chart ("trajectory" or "macc"), drawn, with the fonts it is drawn with: to
    look at its texts (the tests)."""
    draw = functools.partial(_trajectory, from_zero=from_zero) if chart == "trajectory" else _macc
    with _drawing(plan, {"trajectory": draw, "macc": _macc}[chart]) as figure:
        figure.canvas.draw()
        yield figure


@contextmanager
def _drawing(plan: PlanLike, draw: Callable[[Figure, PlanResult], None]) -> Iterator[Figure]:
    """A figure 1200 pixels wide (taller when its legend needs it), drawn by `draw` with the Thai
    font (and DejaVu Sans for what it lacks)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    found = thai_font()
    with matplotlib.rc_context({"font.family": families(), "axes.titlesize": 12}):
        figure = Figure(figsize=SIZE_IN, dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        with warnings.catch_warnings():
            if found is None:  # measuring Thai text to wrap it: a chart with Thai text is refused below
                warnings.filterwarnings("ignore", "Glyph .*THAI CHARACTER.* missing from", UserWarning)
            draw(figure, as_plan(plan))
        if found is None and any(is_thai(text.get_text()) for text in figure.findobj(Text)):
            raise UsageError(
                tr("the charts have Thai text, and no font with Thai letters is installed"),
                tr(
                    "install one and run again: on Debian or Ubuntu, sudo apt install fonts-thai-tlwg; elsewhere "
                    "a Thai font such as Noto Sans Thai or Sarabun"
                ),
            )
        yield figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _thousands(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


# --- texts that fit: wrapped to a width in pixels ------------------------------------------------

# Thai writes words without spaces between them: a long run may be broken between two letters, but
# never before a vowel or tone mark written above, below or after its consonant, and never after a
# vowel written before it (เ แ โ ใ ไ), so no syllable is torn from its marks.
_FOLLOWING = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ: written after their consonant
_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ


def _breakable(word: str, at: int) -> bool:
    """Whether `word` may be broken before its character `at` (0 < at < len(word))."""
    before, char = word[at - 1], word[at]
    if unicodedata.category(char) == "Mn" or char in _FOLLOWING or before in _LEADING:
        return False
    # inside a Latin word or a number only if nothing else fits (see _cut)
    return not (before.isascii() and char.isascii() and before.isalnum() and char.isalnum())


class Measure:
    """The width in pixels of a text drawn at a size on a figure, as its renderer draws it."""

    def __init__(self, figure: Figure) -> None:
        from matplotlib.font_manager import FontProperties

        self.renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        self.properties = FontProperties

    def __call__(self, text: str, size: float) -> float:
        if not text:
            return 0.0
        width, _, _ = self.renderer.get_text_width_height_descent(text, self.properties(size=size), ismath=False)
        return float(width)


def wrap(text: str, width: float, size: float, measure: Measure) -> str:
    """`text` broken into lines no wider than `width` pixels at font size `size`: at spaces, and a
    word wider than a line between its letters (`_breakable`)."""
    lines: list[str] = []
    line = ""
    for word in " ".join(str(text).split()).split(" "):
        candidate = f"{line} {word}" if line else word
        if measure(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while measure(word, size) > width and len(word) > 1:
            cut = _cut(word, width, size, measure)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return "\n".join(lines)


def _cut(word: str, width: float, size: float, measure: Measure) -> int:
    """Where to break a word too wide for a line: the last allowed place that fits (any place
    between two characters when no allowed one does), at least one character in."""
    allowed = [at for at in range(1, len(word)) if _breakable(word, at)]
    fits = [at for at in allowed if measure(word[:at], size) <= width]
    if fits:
        return fits[-1]
    anywhere = [at for at in range(1, len(word)) if measure(word[:at], size) <= width]
    return anywhere[-1] if anywhere else 1


def _title(figure: Figure, text: str, measure: Measure) -> None:
    """The chart's title over the whole figure, wrapped to its width."""
    size = 12.0
    figure.suptitle(wrap(text, figure.bbox.width - 40, size, measure), fontsize=size)


def _below(figure: Figure, legend: tuple[list[Any], list[str]] | None, notes: list[str], measure: Measure) -> None:
    """The legend (handles, labels) as a table under the chart, then the notes, in a band of their
    own: the figure grows by the band's height, so the plot keeps its size and nothing is cut.
    Every name is whole, wrapped to its column (two columns when the legend is long); the notes wrap
    to the figure's width."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    parts: list[Any] = []
    if legend is not None:
        handles, labels = legend
        columns = 2 if len(labels) > 4 else 1
        room = figure.bbox.width / columns - 90
        wrapped = [wrap(label, room, LEGEND_SIZE, measure) for label in labels]
        parts.append(
            figure.legend(
                handles,
                wrapped,
                loc="upper center",
                ncols=columns,
                fontsize=LEGEND_SIZE,
                frameon=False,
                alignment="left",
            )
        )
    if notes:
        said = "\n".join(wrap(text, figure.bbox.width - 30, NOTE_SIZE, measure) for text in notes)
        parts.append(figure.text(0.01, 0, said, fontsize=NOTE_SIZE, color="#555555", va="top", ha="left"))
    if not parts:
        return
    renderer = measure.renderer
    heights = [part.get_window_extent(renderer).height for part in parts]
    band = sum(heights) + GAP * (len(parts) + 1)
    figure.set_figheight(SIZE_IN[1] + band / DPI)
    height = figure.bbox.height
    engine = figure.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, band / height, 1, 1 - band / height))
    top = band - GAP
    for part, part_height in zip(parts, heights, strict=True):
        part.set_in_layout(False)
        if part is parts[0] and legend is not None:
            part.set_bbox_to_anchor((0.5, top / height), transform=figure.transFigure)
        else:
            part.set_y(top / height)
        top -= part_height + GAP


NOTE_SIZE = 7.5
LEGEND_SIZE = 8.5
GAP = 8.0  # pixels between the plot, the legend and the notes


# --- trajectory ----------------------------------------------------------------------------------


def _trajectory(figure: Figure, plan: PlanResult, *, from_zero: bool = True) -> None:
    from matplotlib.ticker import MaxNLocator

    measure = Measure(figure)
    ax: Axes = figure.add_subplot()
    rows = plan.years
    years = [int(year(plan, row.year)) for row in rows]  # B.E. for a B.E. inventory
    bau = [row.bau_t_co2e for row in rows]
    net = [row.net_t_co2e for row in rows]
    measures = plan.measures
    colours = _colours(len(measures))
    clipped: list[str] = []
    # Stacked from the net line up, the first measure applied on top, next to BAU.
    bottom = list(net)
    wedges = []
    for index in reversed(range(len(measures))):
        measure_ = measures[index]
        raw = [row.by_measure_t_co2e.get(measure_.id, 0.0) for row in rows]
        if any(value < 0 for value in raw):
            clipped.append(measure_.name or measure_.id)
        top = [low + max(0.0, value) for low, value in zip(bottom, raw, strict=True)]
        wedges.append(ax.fill_between(years, bottom, top, color=colours[index], alpha=0.75, linewidth=0))
        bottom = top
    (bau_line,) = ax.plot(years, bau, color=BAU_COLOUR, linewidth=2.2, zorder=5)
    (net_line,) = ax.plot(years, net, color=NET_COLOUR, linewidth=2.0, linestyle="--", zorder=5)
    handles: list[Any] = [bau_line, *reversed(wedges), net_line]
    labels = ["BAU", *(m.name or m.id for m in measures), tr("Plan net (plan − removals)")]
    for number, target in enumerate(plan.targets):
        marker = TARGET_MARKERS[number % len(TARGET_MARKERS)]
        colour = "#1a7f37" if target.met else "#000000"
        handles.append(
            ax.scatter(
                [int(year(plan, target.year))], [target.target_t_co2e], marker=marker, s=80, color=colour, zorder=6
            )
        )
        name = target.name
        labels.append(
            tr("Target: {name} (met)", name=name) if target.met else tr("Target: {name} (not met)", name=name)
        )
    values = [*net, *bau, *(t.target_t_co2e for t in plan.targets)]
    notes = []
    if from_zero:
        ax.set_ylim(bottom=min(0.0, *values) * 1.05)  # zero, or room for what goes below it
    else:
        notes.append(tr("The y-axis does not start at zero: it is fitted to the values."))
    if min(values, default=0.0) <= 0:
        ax.axhline(0, color="#888888", linewidth=0.8)
    _title(figure, tr("{name}: BAU, measures and net emissions", name=plan.name), measure)
    ax.set_xlabel(tr("Year"))
    ax.set_ylabel("tCO2e")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _thousands(ax.yaxis)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if clipped:
        notes.append(
            tr(
                "Wedges clipped at 0 in years a measure adds emissions ({names}); "
                "there the stack reaches above BAU by what it adds.",
                names=", ".join(reversed(clipped)),
            )
        )
    _below(figure, (handles, labels), notes, measure)


def _colours(count: int) -> list[Any]:
    from matplotlib import colormaps

    palette = colormaps["tab20" if count > 10 else "tab10"]
    return [palette(index % palette.N) for index in range(count)]


# --- MACC ----------------------------------------------------------------------------------------

SAVES = "#2e8b57"
COSTS = "#4a7ebb"
NUMBER_SIZE = 9.0


def _macc(figure: Figure, plan: PlanResult) -> None:
    """Each bar numbered at its end (above a bar that costs, below one that saves), the numbers
    moved apart where narrow bars would make them touch, and a table under the chart that names
    each number with its cost and abatement."""
    from matplotlib.patches import Patch

    measure = Measure(figure)
    ax: Axes = figure.add_subplot()
    horizon = year(plan, plan.horizon)
    bars = plan.macc
    _title(figure, tr("{name}: marginal abatement cost curve, {year}", name=plan.name, year=horizon), measure)
    ax.set_xlabel(wrap(tr("Abatement in {year} (tCO2e/yr)", year=horizon), figure.bbox.width - 120, 10, measure))
    ax.set_ylabel(tr("THB per tCO2e"))
    if not bars:
        ax.text(0.5, 0.5, tr("no measure has costs"), transform=ax.transAxes, ha="center", va="center", fontsize=14)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    costs = [bar.cost_thb_per_t_co2e for bar in bars]
    colours = [SAVES if cost < 0 else COSTS for cost in costs]
    ax.bar(
        [bar.from_t_co2e for bar in bars],
        costs,
        width=[bar.abatement_t_co2e for bar in bars],
        align="edge",
        color=colours,
        edgecolor="white",
        linewidth=0.8,
    )
    ax.axhline(0, color="#333333", linewidth=1.0)
    ax.set_xlim(0, bars[-1].to_t_co2e * 1.02)
    _thousands(ax.xaxis)
    _thousands(ax.yaxis)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    labels = [
        tr(
            "{rank}. {name}: {cost} THB/tCO2e, {tonnes} tCO2e/yr",
            rank=rank,
            name=bar.name or bar.id,
            cost=f"{bar.cost_thb_per_t_co2e:,.0f}",
            tonnes=f"{bar.abatement_t_co2e:,.0f}",
        )
        for rank, bar in enumerate(bars, start=1)
    ]
    handles = [Patch(color=colour) for colour in colours]
    _below(figure, (handles, labels), [], measure)
    numbers = [
        ax.annotate(
            str(rank),
            xy=(bar.from_t_co2e + bar.abatement_t_co2e / 2, bar.cost_thb_per_t_co2e),
            xytext=(0, 0),
            textcoords="offset pixels",
            ha="center",
            va="bottom" if bar.cost_thb_per_t_co2e >= 0 else "top",
            fontsize=NUMBER_SIZE,
            fontweight="bold",
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": "#666666", "linewidth": 0.6, "shrinkA": 1, "shrinkB": 0},
        )
        for rank, bar in enumerate(bars, start=1)
    ]
    for number in numbers:
        number.set_in_layout(False)
    _limits(ax, costs)
    _place(figure, ax, bars, numbers)


def _limits(ax: Axes, costs: list[float]) -> None:
    """y limits with a margin beyond the longest bars for their numbers; zero always shown."""
    low, high = min(0.0, *costs), max(0.0, *costs)
    span = (high - low) or 1.0
    ax.set_ylim(low - (0.12 * span if low < 0 else 0), high + (0.12 * span if high > 0 else 0.05 * span))


GAP_PX = 4.0  # between a bar's end and its number, and between two numbers side by side


def _place(figure: Figure, ax: Axes, bars: Sequence[MaccBar], numbers: list[Any]) -> None:
    """Each bar's number just beyond its end: above a bar that costs, below one that saves. Where
    narrow bars would put numbers on top of each other, the numbers of that side are moved apart
    sideways as little as they can be (`_spread`), each row of them lifted clear of every bar under
    it, with a thin line to its bar. The y-axis grows until every number is inside the plot."""
    from matplotlib.text import Text

    for _ in range(6):
        figure.canvas.draw()  # the layout decides where the axes are, and so the pixels
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        inside = ax.get_window_extent(renderer)
        to_pixels = ax.transData.transform
        ends = [to_pixels((bar.from_t_co2e + bar.abatement_t_co2e / 2, bar.cost_thb_per_t_co2e)) for bar in bars]
        spans = [
            (to_pixels((bar.from_t_co2e, 0))[0], to_pixels((bar.to_t_co2e, 0))[0], end[1])
            for bar, end in zip(bars, ends, strict=True)
        ]
        boxes = []
        for up in (True, False):
            mine = [k for k, bar in enumerate(bars) if (bar.cost_thb_per_t_co2e >= 0) == up]
            sizes = [Text.get_window_extent(numbers[k], renderer) for k in mine]  # the text, not its line
            centres = _spread([ends[k][0] for k in mine], [b.width for b in sizes], inside.x0, inside.x1)
            for k, centre, size in zip(mine, centres, sizes, strict=True):
                left, right = centre - size.width / 2, centre + size.width / 2
                under = [end for low, high, end in spans if high > left and low < right and (end >= ends[k][1]) == up]
                level = (max(under, default=ends[k][1]) + GAP_PX) if up else (min(under, default=ends[k][1]) - GAP_PX)
                dx, dy = centre - ends[k][0], level - ends[k][1]
                numbers[k].xyann = (dx, dy)
                moved = abs(dx) > 0.5 or abs(dy) > GAP_PX + 0.5
                if numbers[k].arrow_patch is not None:
                    numbers[k].arrow_patch.set_visible(moved)
                top = level + size.height if up else level
                boxes.append((top - size.height, top))
        low, high = ax.get_ylim()
        above = max((top for _, top in boxes), default=0.0) - inside.y1
        below = inside.y0 - min((bottom for bottom, _ in boxes), default=inside.y0)
        if above <= 0 and below <= 0:
            return
        per_pixel = (high - low) / inside.height
        ax.set_ylim(low - max(0.0, below + GAP_PX) * per_pixel, high + max(0.0, above + GAP_PX) * per_pixel)


def _spread(centres: list[float], widths: list[float], left: float, right: float) -> list[float]:
    """Centres of labels on one line, in the order given (by x), as near as they can be to the
    `centres` wanted without two touching: labels that would touch are merged into a group centred
    on the mean of their wanted centres, until no groups touch; then kept within [left, right]."""
    groups: list[list[int]] = []

    def placed(group: list[int]) -> tuple[float, float]:
        total = sum(widths[k] for k in group) + GAP_PX * (len(group) - 1)
        middle = sum(centres[k] for k in group) / len(group)
        start = min(max(middle - total / 2, left), right - total)
        return start, start + total

    for k in range(len(centres)):
        groups.append([k])
        while len(groups) > 1 and placed(groups[-2])[1] + GAP_PX > placed(groups[-1])[0]:
            last = groups.pop()
            groups[-1].extend(last)
    found: list[float] = []
    for group in groups:
        x = placed(group)[0]
        for k in group:
            found.append(x + widths[k] / 2)
            x += widths[k] + GAP_PX
    return found
