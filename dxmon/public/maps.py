"""The map of a ranking drawn as SVG on the server: communes as circles at their coordinates,
sized by area and coloured by quintile of the index (no tile server is reachable, and none is
needed). Quintiles, not fixed bands: early in the programme most communes score low, and fixed
bands would paint them all one colour."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from dxmon.public.selectors import RankedRow
from dxmon.vn.numbers import format_number

WIDTH = 600.0
PAD = 16.0
# Five sequential classes (ColorBrewer YlGnBu), readable by colour-blind people; 0 = no value.
BAND_COLOURS = ["#bdbdbd", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"]


def _quintiles(rows: list[RankedRow]) -> tuple[dict[int, int], list[tuple[str, str]]]:
    """Each unit's quintile (1 lowest … 5 highest) and the legend (colour, points range)."""
    scored = sorted((r for r in rows if r.row.points is not None), key=lambda r: r.row.points or 0)
    band: dict[int, int] = {}
    ranges: dict[int, list[float]] = {}
    for i, r in enumerate(scored):
        b = 1 + (5 * i) // len(scored)
        band[r.row.unit_pk] = b
        ranges.setdefault(b, []).append(float(r.row.points or 0))
    legend = [
        (BAND_COLOURS[b], f"{format_number(min(v), 1)}–{format_number(max(v), 1)}")
        for b, v in sorted(ranges.items())
    ]
    return band, legend


@dataclass(frozen=True)
class Dot:
    x: str  # SVG coordinates as text: a float in a template would get a decimal comma
    y: str
    r: str
    colour: str
    row: RankedRow


def map_svg(rows: list[RankedRow]) -> dict[str, Any] | None:
    """The map's drawing (width, height, dots, legend), or None without coordinates."""
    placed = [r for r in rows if r.row.latitude is not None and r.row.longitude is not None]
    if not placed:
        return None
    lats = [float(r.row.latitude) for r in placed]  # type: ignore[arg-type]
    lons = [float(r.row.longitude) for r in placed]  # type: ignore[arg-type]
    k = math.cos(math.radians(sum(lats) / len(lats)))
    xs = [lon * k for lon in lons]
    x0, x1, y0, y1 = min(xs), max(xs), min(lats), max(lats)
    span = max(x1 - x0, y1 - y0, 1e-3)
    scale = (WIDTH - 2 * PAD) / span
    height = max(160.0, (y1 - y0) * scale + 2 * PAD)
    areas = [r.row.area_km2 for r in placed if r.row.area_km2]
    big = math.sqrt(max(areas)) if areas else 1.0
    r_max = 14.0 if len(placed) < 200 else 5.0
    band, legend = _quintiles(placed)
    dots = []
    for r, x, lat in zip(placed, xs, lats, strict=True):
        radius = r_max * math.sqrt(r.row.area_km2) / big if r.row.area_km2 else r_max * 0.5
        dots.append(
            Dot(
                x=f"{PAD + (x - x0) * scale + (WIDTH - 2 * PAD - (x1 - x0) * scale) / 2:.1f}",
                y=f"{PAD + (y1 - lat) * scale:.1f}",
                r=f"{max(r_max * 0.3, radius):.1f}",
                colour=BAND_COLOURS[band.get(r.row.unit_pk, 0)],
                row=r,
            )
        )
    return {"width": WIDTH, "height": round(height, 1), "dots": dots, "legend": legend}
