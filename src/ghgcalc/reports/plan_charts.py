"""A computed plan as PNG charts (`ghgcalc plan --charts DIR`): the trajectory and the MACC.

Pure: the typed plan document (models.plan_result.PlanResult; or its JSON, read back) in, PNG bytes
out. matplotlib is imported only
when a chart is drawn, with its object interface (no pyplot, no global figure state). The bytes
depend only on the document and the fonts installed: the PNG carries no software version or date.

Every text is drawn with a font that has the Thai letters (`thai_font`), found deliberately: the
fonts matplotlib knows, then the fonts installed on the system (matplotlib's font list is a cache,
made before a font installed later), each checked in its own character map. DejaVu Sans stands
behind it for the signs a Thai font may lack (−, …). A chart with Thai text and no Thai font on the
machine is refused with the fix, never drawn with empty boxes for letters.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ghgcalc.errors import UsageError
from ghgcalc.i18n import tr
from ghgcalc.models.plan_result import PlanResult
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
LABEL_CHARS = 22
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


# A plan document, or its JSON (`ghgcalc plan -f json`) read back
PlanLike = PlanResult | Mapping[str, Any]


def as_plan(plan: PlanLike) -> PlanResult:
    return plan if isinstance(plan, PlanResult) else PlanResult.from_dict(plan)


def trajectory_png(plan: PlanLike) -> bytes:
    """BAU, each measure's wedge stacked from the net line up, the net line and the targets."""
    with _drawing(plan, _trajectory) as figure:
        return _png(figure)


def macc_png(plan: PlanLike) -> bytes:
    """The marginal abatement cost curve: bar width = abatement, height = THB per tCO2e."""
    with _drawing(plan, _macc) as figure:
        return _png(figure)


@contextmanager
def drawn(plan: PlanLike, chart: str) -> Iterator[Figure]:
    """The figure of a chart ("trajectory" or "macc"), drawn, with the fonts it is drawn with: to
    look at its texts (the tests)."""
    with _drawing(plan, {"trajectory": _trajectory, "macc": _macc}[chart]) as figure:
        figure.canvas.draw()
        yield figure


@contextmanager
def _drawing(plan: PlanLike, draw: Callable[[Figure, PlanResult], None]) -> Iterator[Figure]:
    """A figure of fixed size, drawn by `draw` with the Thai font (and DejaVu Sans for what it lacks)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    found = thai_font()
    family = [FONT] if found is None else [found[0], FONT]
    with matplotlib.rc_context({"font.family": family, "axes.titlesize": 12}):
        figure = Figure(figsize=SIZE_IN, dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
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


def short(name: str, limit: int = LABEL_CHARS) -> str:
    """A name cut to fit a label: 'Street lighting to LED …'."""
    flat = " ".join(str(name).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _thousands(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


# --- trajectory ----------------------------------------------------------------------------------


def _trajectory(figure: Figure, plan: PlanResult) -> None:
    from matplotlib.layout_engine import ConstrainedLayoutEngine
    from matplotlib.ticker import MaxNLocator

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
        measure = measures[index]
        raw = [row.by_measure_t_co2e.get(measure.id, 0.0) for row in rows]
        if any(value < 0 for value in raw):
            clipped.append(measure.name or measure.id)
        top = [low + max(0.0, value) for low, value in zip(bottom, raw, strict=True)]
        area = ax.fill_between(
            years,
            bottom,
            top,
            color=colours[index],
            alpha=0.75,
            linewidth=0,
            label=short(measure.name or measure.id),
        )
        wedges.append(area)
        bottom = top
    (bau_line,) = ax.plot(years, bau, color=BAU_COLOUR, linewidth=2.2, label="BAU", zorder=5)
    (net_line,) = ax.plot(
        years, net, color=NET_COLOUR, linewidth=2.0, linestyle="--", label=tr("Plan net (plan − removals)"), zorder=5
    )
    handles: list[Any] = [bau_line, *reversed(wedges), net_line]
    for number, target in enumerate(plan.targets):
        marker = TARGET_MARKERS[number % len(TARGET_MARKERS)]
        colour = "#1a7f37" if target.met else "#000000"
        name = short(target.name, 34)
        said = tr("Target: {name} (met)", name=name) if target.met else tr("Target: {name} (not met)", name=name)
        handles.append(
            ax.scatter(
                [int(year(plan, target.year))],
                [target.target_t_co2e],
                marker=marker,
                s=80,
                color=colour,
                zorder=6,
                label=said,
            )
        )
    if min(net + [t.target_t_co2e for t in plan.targets], default=0) <= 0:
        ax.axhline(0, color="#888888", linewidth=0.8)
    ax.set_title(tr("{name}: BAU, measures and net emissions", name=plan.name))
    ax.set_xlabel(tr("Year"))
    ax.set_ylabel("tCO2e")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _thousands(ax.yaxis)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    if clipped:
        engine = figure.get_layout_engine()
        if isinstance(engine, ConstrainedLayoutEngine):
            engine.set(rect=(0, 0.035, 1, 0.965))  # room for the footnote
        names = ", ".join(short(name) for name in reversed(clipped))
        figure.text(
            0.01,
            0.005,
            tr(
                "Wedges clipped at 0 in years a measure adds emissions ({names}); "
                "there the stack reaches above BAU by what it adds.",
                names=names,
            ),
            fontsize=7,
            color="#555555",
        )


def _colours(count: int) -> list[Any]:
    from matplotlib import colormaps

    palette = colormaps["tab20" if count > 10 else "tab10"]
    return [palette(index % palette.N) for index in range(count)]


# --- MACC ----------------------------------------------------------------------------------------


def _macc(figure: Figure, plan: PlanResult) -> None:
    ax: Axes = figure.add_subplot()
    horizon = year(plan, plan.horizon)
    bars = plan.macc
    ax.set_title(tr("{name}: marginal abatement cost curve, {year}", name=plan.name, year=horizon))
    ax.set_xlabel(tr("Abatement in {year} (tCO2e/yr)", year=horizon))
    ax.set_ylabel(tr("THB per tCO2e"))
    if not bars:
        ax.text(0.5, 0.5, tr("no measure has costs"), transform=ax.transAxes, ha="center", va="center", fontsize=14)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    costs = [bar.cost_thb_per_t_co2e for bar in bars]
    colours = ["#2e8b57" if cost < 0 else "#4a7ebb" for cost in costs]
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
    # Labels on the other side of the zero line from their bar: bars are sorted by cost, so the
    # bars below zero come first and the space above zero to their left is empty, and the other way
    # round for the bars above zero. Labels stand upright so narrow bars can carry them.
    labels = [f"{short(bar.name or bar.id)} ({bar.cost_thb_per_t_co2e:,.0f})" for bar in bars]
    room = min(0.45, 0.06 + 0.0105 * max(len(label) for label in labels))
    low, high = _limits(costs, room)
    ax.set_ylim(low, high)
    for bar, label, cost in zip(bars, labels, costs, strict=True):
        centre = bar.from_t_co2e + bar.abatement_t_co2e / 2
        below = cost >= 0
        ax.annotate(
            label,
            xy=(centre, 0),
            xytext=(0, -4 if below else 4),
            textcoords="offset points",
            rotation=90,
            ha="center",
            va="top" if below else "bottom",
            fontsize=8,
        )
    ax.set_xlim(0, bars[-1].to_t_co2e * 1.02)
    _thousands(ax.xaxis)
    _thousands(ax.yaxis)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _limits(costs: list[float], room: float) -> tuple[float, float]:
    """y limits with `room` (a share of the height) on the far side of zero for the labels."""
    below = max(0.0, -min(costs)) * 1.08
    above = max(0.0, max(costs)) * 1.08
    if below == above == 0:
        return -1.0, 1.0
    low, high = below, above
    for _ in range(50):  # converges: room < 0.5
        span = low + high
        low = max(below, room * span) if above > 0 else below
        high = max(above, room * span) if below > 0 else above
    return -low, high
