"""Charts for documents and pages: pure functions of data → PNG or SVG bytes (matplotlib, Agg).

Numbers are written the Vietnamese way (decimal comma, dot thousands: ``dxmon.vn.numbers``), and
the font has full Vietnamese coverage (DejaVu Sans or Liberation Sans, installed by ``make
setup``). The same call gives the figure for a DOCX (``fmt="png"``) or for a page (``fmt="svg"``).

    >>> png = chart_bar(["CQS", "KTS"], [90.0, 79.5], title="Tỷ lệ (%)", unit="%")
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Literal, ParamSpec

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from dxmon.vn.numbers import format_number

Format = Literal["png", "svg"]
P = ParamSpec("P")
FONT_FAMILIES = ("DejaVu Sans", "Liberation Sans")
PALETTE = ("#1f4e79", "#c0504d", "#4f8f3a", "#e39b2d", "#6f4e9c", "#2b8a9a")
DPI = 200


def _font_family() -> list[str]:
    available = {font.name for font in font_manager.fontManager.ttflist}
    chosen = [name for name in FONT_FAMILIES if name in available]
    return chosen or ["sans-serif"]


def _label(value: float, unit: str, decimals: int) -> str:
    text = format_number(round(value, decimals))
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".rstrip()


def _figure(width_cm: float, height_cm: float) -> Figure:
    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
    return figure


def _save(figure: Figure, fmt: Format) -> bytes:
    if fmt not in ("png", "svg"):
        raise ValueError(f"Định dạng hình «{fmt}» không được hỗ trợ (chỉ có png, svg).")
    out = io.BytesIO()
    # Fixed metadata so the same data give the same bytes.
    metadata: dict[str, str | None] = (
        {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    )
    figure.savefig(out, format=fmt, metadata=metadata, bbox_inches="tight", pad_inches=0.1)
    return out.getvalue()


def _with_font(func: Callable[P, bytes]) -> Callable[P, bytes]:
    """Draw with a Vietnamese-capable font and a fixed SVG id salt (same data, same bytes)."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> bytes:
        with matplotlib.rc_context({"font.family": _font_family(), "svg.hashsalt": "dxmon"}):
            return func(*args, **kwargs)

    return wrapper


@_with_font
def chart_bar(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str = "",
    unit: str = "",
    decimals: int = 1,
    targets: Sequence[float | None] | None = None,
    target_label: str = "Chỉ tiêu",
    horizontal: bool | None = None,
    highlight: Sequence[str] = (),
    width_cm: float = 16.0,
    height_cm: float | None = None,
    fmt: Format = "png",
) -> bytes:
    """A bar chart with each value written on its bar; optional target marks per bar.

    ``None`` values are left out of the bars but keep their label (shown "—"). Long labels turn
    the chart horizontal unless ``horizontal`` says otherwise.
    """
    if len(labels) != len(values):
        raise ValueError("Số nhãn và số giá trị của biểu đồ phải bằng nhau.")
    if targets is not None and len(targets) != len(values):
        raise ValueError("Số chỉ tiêu và số giá trị của biểu đồ phải bằng nhau.")
    if horizontal is None:
        horizontal = len(labels) > 6 or any(len(label) > 14 for label in labels)
    if height_cm is None:
        height_cm = max(6.0, 0.8 * len(labels) + 2.5) if horizontal else 8.0
    figure = _figure(width_cm, height_cm)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    numbers = [0.0 if value is None else float(value) for value in values]
    colours = [PALETTE[1] if label in highlight else PALETTE[0] for label in labels]
    top = max([abs(v) for v in numbers] + [abs(t) for t in (targets or []) if t is not None] + [1])
    if horizontal:
        bars = axes.barh(positions, numbers, color=colours, height=0.6)
        axes.set_yticks(positions, labels=list(labels))
        axes.invert_yaxis()
        axes.set_xlim(0, top * 1.18)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_number(x)))
    else:
        bars = axes.bar(positions, numbers, color=colours, width=0.6)
        axes.set_xticks(positions, labels=list(labels))
        axes.set_ylim(0, top * 1.15)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: format_number(y)))
    for bar, value in zip(bars, values, strict=True):
        text = "—" if value is None else _label(float(value), unit, decimals)
        if horizontal:
            axes.annotate(
                text,
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        else:
            axes.annotate(
                text,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
    if targets is not None:
        marks = [(p, t) for p, t in zip(positions, targets, strict=True) if t is not None]
        if marks:
            xs, ts = zip(*marks, strict=True)
            if horizontal:
                axes.scatter(
                    ts, xs, marker="|", s=300, color=PALETTE[3], label=target_label, zorder=3
                )
            else:
                axes.scatter(
                    xs, ts, marker="_", s=300, color=PALETTE[3], label=target_label, zorder=3
                )
            axes.legend(
                fontsize=8, frameon=False, loc="lower right" if horizontal else "upper right"
            )
    if title:
        axes.set_title(title, fontsize=10, fontweight="bold")
    axes.tick_params(labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return _save(figure, fmt)


@_with_font
def chart_line(
    x_labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    title: str = "",
    unit: str = "",
    decimals: int = 1,
    break_after: str | None = None,
    break_label: str = "Sáp nhập",
    width_cm: float = 16.0,
    height_cm: float = 8.0,
    fmt: Format = "png",
) -> bytes:
    """A line chart, one line per series, with the last value of each written at its end.

    ``None`` values leave a gap. ``break_after`` draws a dashed vertical line after that x label
    (a unit merger or a framework change: the series is not comparable across it).
    """
    if not series:
        raise ValueError("Biểu đồ đường cần ít nhất một dãy số.")
    for name, values in series.items():
        if len(values) != len(x_labels):
            raise ValueError(f"Dãy «{name}» không có đủ {len(x_labels)} giá trị.")
    figure = _figure(width_cm, height_cm)
    axes = figure.add_subplot()
    positions = list(range(len(x_labels)))
    for index, (name, values) in enumerate(series.items()):
        ys = [float("nan") if v is None else float(v) for v in values]
        colour = PALETTE[index % len(PALETTE)]
        axes.plot(positions, ys, marker="o", markersize=4, color=colour, label=name)
        known = [(p, v) for p, v in zip(positions, values, strict=True) if v is not None]
        if known:
            p, v = known[-1]
            axes.annotate(
                _label(float(v), unit, decimals),
                (p, float(v)),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=8,
                color=colour,
            )
    if break_after is not None and break_after in x_labels:
        at = list(x_labels).index(break_after) + 0.5
        axes.axvline(at, linestyle="--", color="#777777", linewidth=1)
        axes.annotate(
            break_label,
            (at, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -10),
            textcoords="offset points",
            fontsize=8,
            color="#555555",
        )
    axes.set_xticks(positions, labels=list(x_labels))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: format_number(y)))
    if title:
        axes.set_title(title, fontsize=10, fontweight="bold")
    if len(series) > 1:
        axes.legend(fontsize=8, frameon=False)
    axes.tick_params(labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return _save(figure, fmt)
