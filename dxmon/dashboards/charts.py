"""Chart specifications for the pages: data for ECharts (drawn by ``dashboards/charts.js``) plus
the same figures as a table (the accessible alternative), formatted the Vietnamese way.

A :class:`Chart` is rendered by ``templates/dashboards/partials/chart.html``; the map by
``partials/map.html``. Neither queries the database: builders take selector results.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dxmon.dashboards.selectors import (
    BANDS,
    Comparison,
    Distribution,
    Explorer,
    Point,
    Profile,
    RankingRow,
)
from dxmon.scoring.models import INDEX_CODE
from dxmon.units.models import STRUCTURE_2025_START, Unit
from dxmon.vn.numbers import format_number, format_percent

NO_SCORE_COLOR = "#b0b7c3"
OWN_COLOR = "#0b5394"
RECONSTRUCTED_LABEL = "tái lập từ đơn vị tiền thân"


@dataclass
class Chart:
    """One chart: ``kind`` and ``data`` for the JavaScript, ``columns``/``rows`` for the table."""

    id: str
    title: str
    kind: str  # line | bar | boxplot | radar | map
    data: dict[str, Any]
    columns: list[str]
    rows: list[list[str]]
    note: str = ""
    height: int = 320
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, label)

    @property
    def spec(self) -> dict[str, Any]:
        """What the JavaScript reads (through ``json_script``)."""
        return {"kind": self.kind, "data": self.data}


def _num(x: float | None, decimals: int = 1) -> str:
    return format_number(None if x is None else round(x, decimals), decimals)


def _pct(x: float | None) -> str:
    return format_percent(x, 1)


def _r(x: float | None, decimals: int = 2) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(x, decimals)


# --------------------------------------------------------------------------------------------
# The map


def convex_hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of ``points`` (Andrew's monotone chain), counter-clockwise.

    >>> convex_hull([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)])
    [(0, 0), (1, 0), (1, 1), (0, 1)]
    """
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def map_chart(
    rows: Sequence[RankingRow],
    communes: Sequence[Unit],
    *,
    url_for: Callable[[Unit], str],
    title: str,
) -> Chart:
    """Communes at their coordinates, circles sized by area and coloured by index band; the
    convex hull of the communes stands in for the province outline (not in our data)."""
    scored = {r.unit.pk: r for r in rows}
    placed = [u for u in communes if u.latitude is not None and u.longitude is not None]
    lat0 = sum(u.latitude or 0 for u in placed) / len(placed) if placed else 0.0
    kx = math.cos(math.radians(lat0))
    max_area = max((u.area_km2 or 0 for u in placed), default=0) or 1.0
    points: list[dict[str, Any]] = []
    for u in placed:
        row = scored.get(u.pk)
        area = u.area_km2 or 0.0
        points.append(
            {
                "name": u.name,
                "x": round((u.longitude or 0) * kx, 5),
                "y": round(u.latitude or 0, 5),
                "size": round(6 + 26 * math.sqrt(area / max_area), 1),
                "area": _num(area),
                "value": _r(row.percent) if row else None,
                "points": _num(row.points) if row else "—",
                "rank": row.rank if row else None,
                "color": row.band.color if row and row.band else NO_SCORE_COLOR,
                "url": url_for(u),
            }
        )
    hull = convex_hull([(p["x"], p["y"]) for p in points])
    table = [
        [
            p["name"],
            _pct(p["value"]),
            str(p["rank"] or "—"),
            p["area"],
        ]
        for p in sorted(points, key=lambda p: (p["rank"] is None, p["rank"] or 0, p["name"]))
    ]
    legend = [(b.color, str(b.label)) for b in BANDS] + [(NO_SCORE_COLOR, _("Chưa có điểm"))]
    return Chart(
        id="dx-map",
        title=title,
        kind="map",
        data={
            "points": points,
            "hull": [list(p) for p in hull],
            "labels": {
                "index": pgettext("composite index", "Chỉ số"),
                "rank": _("Hạng"),
                "area": _("Diện tích"),
            },
        },
        columns=[_("Xã, phường"), _("Chỉ số (% điểm tối đa)"), _("Hạng"), _("Diện tích (km²)")],
        rows=table,
        note=_(
            "Mỗi vòng tròn là một xã, phường đặt tại tọa độ thật, kích thước theo diện tích, màu "
            "theo nhóm chỉ số. Dữ liệu không có đường ranh giới tỉnh: đường viền mờ là bao lồi "
            "của các xã, không phải địa giới chính thức."
        ),
        height=520,
        legend=legend,
    )


# --------------------------------------------------------------------------------------------
# Overview


def distribution_chart(dists: Sequence[Distribution]) -> Chart:
    boxes = [d.box for d in dists]
    return Chart(
        id="dx-pillars",
        title=_("Phân bố điểm các trụ cột (% điểm tối đa)"),
        kind="boxplot",
        data={
            "categories": [d.name for d in dists],
            "boxes": [[_r(v) for v in b] if b else None for b in boxes],
            "unit": "%",
        },
        columns=[
            _("Trụ cột"),
            _("Số xã"),
            _("Thấp nhất"),
            _("Tứ phân vị 1"),
            _("Trung vị"),
            _("Tứ phân vị 3"),
            _("Cao nhất"),
        ],
        rows=[
            [d.name, str(len(d.values)), *([_pct(v) for v in b] if b else ["—"] * 5)]
            for d, b in zip(dists, boxes, strict=True)
        ],
        height=300,
    )


# --------------------------------------------------------------------------------------------
# Profile


def _series_values(
    points: list[Point], periods: list[str], *, reconstructed: bool | None
) -> list[float | None]:
    by = {p.period.code: p for p in points}
    out: list[float | None] = []
    for code in periods:
        p = by.get(code)
        keep = p is not None and (reconstructed is None or p.reconstructed == reconstructed)
        out.append(_r(p.points, 1) if keep and p else None)
    return out


def trend_chart(profile: Profile) -> Chart:
    """The index over the years: the unit's own scores solid, the part rebuilt from its
    predecessors dashed and labelled, each predecessor's own series thin; the merger marked."""
    periods = [p.code for p in profile.periods]
    own = profile.trend.get((profile.unit.pk, INDEX_CODE), [])
    series: list[dict[str, Any]] = []
    observed = _series_values(own, periods, reconstructed=False)
    rebuilt = _series_values(own, periods, reconstructed=True)
    # Join the dashed part to the first observed point so the line reads as one history.
    for i, v in enumerate(observed):
        if v is not None and i > 0 and rebuilt[i - 1] is not None:
            rebuilt[i] = v
            break
    if any(v is not None for v in observed):
        series.append({"name": profile.unit.name, "data": observed, "width": 3, "color": OWN_COLOR})
    if any(v is not None for v in rebuilt):
        series.append(
            {
                "name": f"{profile.unit.name} ({_(RECONSTRUCTED_LABEL)})",
                "data": rebuilt,
                "dashed": True,
                "width": 3,
                "color": OWN_COLOR,
            }
        )
    for link in profile.predecessors:
        pts = profile.trend.get((link.predecessor_id, INDEX_CODE), [])
        if pts:
            series.append(
                {
                    "name": link.predecessor.name,
                    "data": _series_values(pts, periods, reconstructed=None),
                    "width": 1,
                    "thin": True,
                }
            )
    merger = next((p.code for p in profile.periods if p.end >= STRUCTURE_2025_START), None)
    rows = []
    for s in series:
        rows.append([s["name"], *(_num(v) for v in s["data"])])
    return Chart(
        id="dx-trend",
        title=_("Chỉ số tổng hợp qua các năm (điểm)"),
        kind="line",
        data={
            "categories": periods,
            "series": series,
            "unit": _("điểm"),
            "mark": {"at": merger, "label": _("Sáp nhập 1/7/2025")} if merger and rebuilt else None,
        },
        columns=[_("Đơn vị"), *periods],
        rows=rows,
        height=300 + 22 * len(series),
        note=_(
            "Nét đứt: điểm tái lập từ đơn vị tiền thân (tổng tử số, mẫu số; trung bình các đơn vị "
            "cũ khi không cộng được). Nét mảnh: điểm riêng của từng đơn vị tiền thân."
        )
        if rebuilt and any(v is not None for v in rebuilt)
        else "",
    )


def nodes_chart(profile: Profile) -> Chart:
    names = [n.name for n in profile.nodes]
    return Chart(
        id="dx-nodes",
        title=_("Điểm so với trung vị của tỉnh (% điểm tối đa)"),
        kind="bar",
        data={
            "categories": names,
            "series": [
                {"name": profile.unit.name, "data": [_r(n.percent) for n in profile.nodes]},
                {"name": _("Trung vị của tỉnh"), "data": [_r(n.median) for n in profile.nodes]},
            ],
            "unit": "%",
            "max": 100,
        },
        columns=[_("Nội dung"), _("Điểm"), _("Điểm tối đa"), _("% tối đa"), _("Trung vị tỉnh")],
        rows=[
            [n.name, _num(n.points), _num(n.max_points, 0), _pct(n.percent), _pct(n.median)]
            for n in profile.nodes
        ],
        height=300,
    )


# --------------------------------------------------------------------------------------------
# Explorer and comparison


def explorer_chart(explorer: Explorer) -> Chart:
    periods = [p.code for p in explorer.periods]
    unit = "%" if explorer.rule == "ratio_sum" else (explorer.indicator.unit or "")
    series: list[dict[str, Any]] = []
    if explorer.area is not None:
        series.append(
            {
                "name": _("Toàn phạm vi"),
                "data": [_r(explorer.area.values.get(p)) for p in periods],
                "width": 3,
            }
        )
    for row in explorer.provinces:
        assert row.unit is not None
        series.append(
            {
                "name": f"{row.unit.name} ({row.unit.structure})",
                "data": [_r(row.values.get(p)) for p in periods],
                "width": 1,
            }
        )
    return Chart(
        id="dx-explorer",
        title=_("%(code)s qua các năm, theo cấp") % {"code": explorer.indicator.code},
        kind="line",
        data={"categories": periods, "series": series, "unit": unit},
        columns=[_("Đơn vị"), *periods],
        rows=[[s["name"], *(_num(v) for v in s["data"])] for s in series],
        height=320,
    )


def compare_charts(cmp: Comparison) -> list[Chart]:
    if cmp.run is None:
        return []
    names = dict(cmp.codes)
    pillar_codes = cmp.pillar_codes
    radar = Chart(
        id="dx-radar",
        title=_("Các trụ cột (% điểm tối đa)"),
        kind="radar",
        data={
            "indicators": [{"name": names[c], "max": 100} for c in pillar_codes],
            "series": [
                {
                    "name": u.name,
                    "data": [
                        _r(getattr(cmp.values.get((u.pk, c)), "percent", None))
                        for c in pillar_codes
                    ],
                }
                for u in cmp.units
            ],
            "unit": "%",
        },
        columns=[_("Trụ cột"), *(u.name for u in cmp.units)],
        rows=[
            [
                names[c],
                *(_pct(getattr(cmp.values.get((u.pk, c)), "percent", None)) for u in cmp.units),
            ]
            for c in pillar_codes
        ],
        height=380,
    )
    codes = [c for c, _n in cmp.codes if c not in pillar_codes and c != INDEX_CODE]
    bars = Chart(
        id="dx-groups",
        title=_("Các nhóm chỉ số (% điểm tối đa)"),
        kind="bar",
        data={
            "categories": [names[c] for c in codes],
            "series": [
                {
                    "name": u.name,
                    "data": [
                        _r(getattr(cmp.values.get((u.pk, c)), "percent", None)) for c in codes
                    ],
                }
                for u in cmp.units
            ],
            "unit": "%",
            "max": 100,
            "horizontal": True,
        },
        columns=[_("Nhóm chỉ số"), *(u.name for u in cmp.units)],
        rows=[
            [
                names[c],
                *(_pct(getattr(cmp.values.get((u.pk, c)), "percent", None)) for u in cmp.units),
            ]
            for c in codes
        ],
        height=max(320, (10 * len(cmp.units) + 14) * len(codes) + 90),
    )
    return [radar, bars]


# --------------------------------------------------------------------------------------------
# Tables that go with the charts


@dataclass
class HistoryRow:
    name: str
    points: str
    percent: str
    reconstructed: bool
    is_synthetic: bool
    method: str


@dataclass
class HistoryPeriod:
    period: str
    rows: list[HistoryRow]


def history_rows(profile: Profile) -> list[HistoryPeriod]:
    """The "Lịch sử tái lập" table: for each period with a reconstructed score, each
    predecessor's own index and the index rebuilt from them."""
    own = {p.period.code: p for p in profile.trend.get((profile.unit.pk, INDEX_CODE), [])}
    out = []
    for period in profile.periods:
        mine = own.get(period.code)
        if mine is None or not mine.reconstructed:
            continue
        rows = []
        for link in profile.predecessors:
            pts = {
                p.period.code: p for p in profile.trend.get((link.predecessor_id, INDEX_CODE), [])
            }
            p = pts.get(period.code)
            rows.append(
                HistoryRow(
                    link.predecessor.name,
                    _num(p.points) if p else "—",
                    _pct(p.percent) if p else "—",
                    False,
                    bool(p and p.is_synthetic),
                    "",
                )
            )
        rows.append(
            HistoryRow(
                f"{profile.unit.name} ({_(RECONSTRUCTED_LABEL)})",
                _num(mine.points),
                _pct(mine.percent),
                True,
                mine.is_synthetic,
                mine.method,
            )
        )
        out.append(HistoryPeriod(period.code, rows))
    return out


@dataclass
class CompareRow:
    code: str
    name: str
    level: str  # index | pillar | group
    cells: list[tuple[str, str]]  # (points, percent) per unit


def compare_rows(cmp: Comparison) -> list[CompareRow]:
    out = []
    for code, name in cmp.codes:
        level = "index" if code == INDEX_CODE else "pillar" if code in cmp.pillar_codes else "group"
        cells = []
        for u in cmp.units:
            s = cmp.values.get((u.pk, code))
            cells.append((_num(s.points) if s else "—", _pct(s.percent) if s else "—"))
        out.append(CompareRow(code, name, level, cells))
    return out
