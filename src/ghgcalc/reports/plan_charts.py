"""A computed plan as PNG charts (`ghgcalc plan --charts DIR`): the trajectory and the MACC.

Pure: the plan document of `plan_output.plan_dict` in, PNG bytes out. matplotlib is imported only
when a chart is drawn, with its object interface (no pyplot, no global figure state). The bytes
depend only on the document and the fonts installed: the PNG carries no software version or date.
Names in Thai are drawn with an installed Thai font where there is one, else their letters are
missing (matplotlib warns; the warning is kept quiet).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SIZE_IN = (10.0, 6.0)
DPI = 120  # 1200 x 720 pixels
FONT = "DejaVu Sans"
# Fonts with Thai letters, tried after DejaVu Sans (which has none) for the letters it lacks.
THAI_FONTS = ("Noto Sans Thai", "Noto Sans Thai UI", "Sarabun", "TH Sarabun New", "Loma", "Garuda", "Waree", "Tahoma")
LABEL_CHARS = 22
BAU_COLOUR = "#333333"
NET_COLOUR = "#000000"
TARGET_MARKERS = ("D", "*", "s", "^", "v", "P", "X")


def trajectory_png(plan: dict[str, Any]) -> bytes:
    """BAU, each measure's wedge stacked from the net line up, the net line and the targets."""
    with _drawing() as figure:
        _trajectory(figure, plan)
        return _png(figure)


def macc_png(plan: dict[str, Any]) -> bytes:
    """The marginal abatement cost curve: bar width = abatement, height = THB per tCO2e."""
    with _drawing() as figure:
        _macc(figure, plan)
        return _png(figure)


@contextmanager
def _drawing() -> Iterator[Figure]:
    """A figure of fixed size with DejaVu Sans and, for Thai letters, an installed Thai font."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    installed = {font.name for font in font_manager.fontManager.ttflist}
    family = [FONT, *(name for name in THAI_FONTS if name in installed)]
    with matplotlib.rc_context({"font.family": family, "axes.titlesize": 12}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*[Gg]lyph .* missing from.*")
        warnings.filterwarnings("ignore", message=".*findfont.*")
        yield Figure(figsize=SIZE_IN, dpi=DPI, layout="constrained")


def _png(figure: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
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


def _trajectory(figure: Figure, plan: dict[str, Any]) -> None:
    from matplotlib.layout_engine import ConstrainedLayoutEngine
    from matplotlib.ticker import MaxNLocator

    ax: Axes = figure.add_subplot()
    rows = plan["years"]
    years = [row["year"] for row in rows]
    bau = [row["bau_t_co2e"] for row in rows]
    net = [row["net_t_co2e"] for row in rows]
    measures = plan["measures"]
    colours = _colours(len(measures))
    clipped: list[str] = []
    # Stacked from the net line up, the first measure applied on top, next to BAU.
    bottom = list(net)
    wedges = []
    for index in reversed(range(len(measures))):
        measure = measures[index]
        raw = [row["by_measure_t_co2e"].get(measure["id"], 0.0) for row in rows]
        if any(value < 0 for value in raw):
            clipped.append(measure["name"] or measure["id"])
        top = [low + max(0.0, value) for low, value in zip(bottom, raw, strict=True)]
        area = ax.fill_between(
            years,
            bottom,
            top,
            color=colours[index],
            alpha=0.75,
            linewidth=0,
            label=short(measure["name"] or measure["id"]),
        )
        wedges.append(area)
        bottom = top
    (bau_line,) = ax.plot(years, bau, color=BAU_COLOUR, linewidth=2.2, label="BAU", zorder=5)
    (net_line,) = ax.plot(
        years, net, color=NET_COLOUR, linewidth=2.0, linestyle="--", label="Plan net (plan − removals)", zorder=5
    )
    handles: list[Any] = [bau_line, *reversed(wedges), net_line]
    for number, target in enumerate(plan["targets"]):
        marker = TARGET_MARKERS[number % len(TARGET_MARKERS)]
        colour = "#1a7f37" if target["met"] else "#000000"
        handles.append(
            ax.scatter(
                [target["year"]],
                [target["target_t_co2e"]],
                marker=marker,
                s=80,
                color=colour,
                zorder=6,
                label=f"Target: {short(target['name'], 34)}" + (" (met)" if target["met"] else " (not met)"),
            )
        )
    if min(net + [t["target_t_co2e"] for t in plan["targets"]], default=0) <= 0:
        ax.axhline(0, color="#888888", linewidth=0.8)
    ax.set_title(f"{plan['name']}: BAU, measures and net emissions")
    ax.set_xlabel("Year")
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
            f"Wedges clipped at 0 in years a measure adds emissions ({names}); "
            "there the stack reaches above BAU by what it adds.",
            fontsize=7,
            color="#555555",
        )


def _colours(count: int) -> list[Any]:
    from matplotlib import colormaps

    palette = colormaps["tab20" if count > 10 else "tab10"]
    return [palette(index % palette.N) for index in range(count)]


# --- MACC ----------------------------------------------------------------------------------------


def _macc(figure: Figure, plan: dict[str, Any]) -> None:
    ax: Axes = figure.add_subplot()
    horizon = plan["horizon"]
    bars = plan["macc"]
    ax.set_title(f"{plan['name']}: marginal abatement cost curve, {horizon}")
    ax.set_xlabel(f"Abatement in {horizon} (tCO2e/yr)")
    ax.set_ylabel("THB per tCO2e")
    if not bars:
        ax.text(0.5, 0.5, "no measure has costs", transform=ax.transAxes, ha="center", va="center", fontsize=14)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    costs = [bar["cost_thb_per_t_co2e"] for bar in bars]
    colours = ["#2e8b57" if cost < 0 else "#4a7ebb" for cost in costs]
    ax.bar(
        [bar["from_t_co2e"] for bar in bars],
        costs,
        width=[bar["abatement_t_co2e"] for bar in bars],
        align="edge",
        color=colours,
        edgecolor="white",
        linewidth=0.8,
    )
    ax.axhline(0, color="#333333", linewidth=1.0)
    # Labels on the other side of the zero line from their bar: bars are sorted by cost, so the
    # bars below zero come first and the space above zero to their left is empty, and the other way
    # round for the bars above zero. Labels stand upright so narrow bars can carry them.
    labels = [f"{short(bar['name'] or bar['id'])} ({bar['cost_thb_per_t_co2e']:,.0f})" for bar in bars]
    room = min(0.45, 0.06 + 0.0105 * max(len(label) for label in labels))
    low, high = _limits(costs, room)
    ax.set_ylim(low, high)
    for bar, label, cost in zip(bars, labels, costs, strict=True):
        centre = bar["from_t_co2e"] + bar["abatement_t_co2e"] / 2
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
    ax.set_xlim(0, bars[-1]["to_t_co2e"] * 1.02)
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
