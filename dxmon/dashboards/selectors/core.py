"""Shared reads of the results pages: bands, traffic lights, runs, scores, series.

Every function takes ``user``: a signed-in user reads what :func:`dxmon.accounts.scope.restrict`
allows; ``user=None`` is the public, who reads only scores of runs computed from approved data
(``include_unapproved=False``) and only approved reports. Each read is a handful of queries
whatever the number of communes (no per-row query).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from dxmon.accounts.scope import restrict
from dxmon.collection.models import Period
from dxmon.frameworks.choices import NodeLevel
from dxmon.frameworks.models import FrameworkVersion, Node, Target
from dxmon.scoring.choices import RunStatus
from dxmon.scoring.models import Score, ScoringRun
from dxmon.units.choices import Level, Structure
from dxmon.units.models import Lineage, Unit

# --------------------------------------------------------------------------------------------
# Bands and traffic lights


@dataclass(frozen=True)
class Band:
    """A band of the index (in percent of the maximum points), with its map colour."""

    key: str
    label: StrOrPromise
    low: float
    high: float
    color: str


BANDS: tuple[Band, ...] = (
    Band("low", _("Thấp (dưới 40%)"), 0.0, 40.0, "#d7301f"),
    Band("mid", _("Trung bình (40–60%)"), 40.0, 60.0, "#fc8d59"),
    Band("good", _("Khá (60–80%)"), 60.0, 80.0, "#91cf60"),
    Band("high", _("Cao (từ 80%)"), 80.0, 1000.0, "#1a9850"),
)


def band_of(percent: float | None) -> Band | None:
    if percent is None:
        return None
    for band in BANDS:
        if band.low <= percent < band.high:
            return band
    return BANDS[0] if percent < 0 else BANDS[-1]


# Traffic lights of the scorecard (DHIS2 scorecard style), with their fills (RGB hex).
LIGHTS: dict[str, tuple[StrOrPromise, str]] = {
    "green": (_("Đạt chỉ tiêu"), "63BE7B"),
    "amber": (_("Gần đạt (thiếu không quá 10 điểm % hoặc 20%)"), "FFD966"),
    "red": (_("Chưa đạt"), "F8696B"),
    "grey": (_("Không có chỉ tiêu hoặc không có số liệu"), "D9D9D9"),
}


def target_for(targets: Iterable[Target], year: int) -> Target | None:
    """The target that applies in ``year``: one set for that year, else the nearest later one (a
    goal "by 2025" is what earlier years move towards); the most demanding when several sources
    set one."""
    items = list(targets)
    chosen = [t for t in items if t.year == year]
    if not chosen:
        later = sorted({t.year for t in items if t.year > year})
        chosen = [t for t in items if later and t.year == later[0]]
    if not chosen:
        return None
    lower = chosen[0].comparator in ("<", "<=")
    return min(chosen, key=lambda t: t.value) if lower else max(chosen, key=lambda t: t.value)


def attainment(value: float | None, target: Target | None, *, percent: bool) -> str:
    """``green`` at or beyond the target, ``amber`` within 10 points (percentages) or 20 % of
    the target, ``red`` below, ``grey`` without a target or a value."""
    if value is None or target is None:
        return "grey"
    lower = target.comparator in ("<", "<=")
    gap = (value - target.value) if lower else (target.value - value)
    if gap <= 0 and not (target.comparator in (">", "<") and gap == 0):
        return "green"
    tolerance = 10.0 if percent else 0.2 * abs(target.value)
    return "amber" if gap <= tolerance else "red"


def value_of(
    value: float | None, numerator: float | None, denominator: float | None
) -> float | None:
    """The value of a data value: as stored, else the ratio in percent."""
    if value is not None:
        return value
    if numerator is not None and denominator:
        return 100.0 * numerator / denominator
    return None


# --------------------------------------------------------------------------------------------
# Runs and scores


def period_list() -> list[Period]:
    return list(Period.objects.order_by("start"))


def period_default() -> Period | None:
    """The latest period that has a successful scoring run, else the latest period."""
    run = ScoringRun.objects.filter(status=RunStatus.SUCCEEDED).order_by("-period__start").first()
    if run is not None:
        return run.period
    return Period.objects.order_by("-start").first()


def current_run(*, user: Any, period: Period, province: Unit | None = None) -> ScoringRun | None:
    """The run whose scores are shown for ``period``: the latest successful one covering
    ``province`` (a run of that province or a national run); for the public, the latest run
    computed from approved data only."""
    qs = ScoringRun.objects.filter(status=RunStatus.SUCCEEDED, period=period)
    if user is None:
        qs = qs.filter(include_unapproved=False)
    if province is not None:
        root = province_of(province)
        qs = qs.filter(Q(province__isnull=True) | Q(province=root))
    return qs.select_related("period", "framework_version").order_by("-finished_at", "-pk").first()


def scores(*, user: Any, run: ScoringRun) -> QuerySet[Score]:
    """The scores of ``run`` the reader may see."""
    qs = Score.objects.filter(run=run)
    if user is None:
        return qs.filter(includes_unapproved=False)
    return restrict(qs, user)


def province_of(unit: Unit) -> Unit:
    """The province at the root of ``unit``'s path (the unit itself for a province)."""
    if unit.level == Level.PROVINCE:
        return unit
    root = [p for p in unit.path.split("/") if p][:1]
    return Unit.objects.get(pk=int(root[0])) if root else unit


def pillars(version: FrameworkVersion) -> list[Node]:
    """The scored pillars of a framework version, in order."""
    return list(
        Node.objects.filter(version=version, level=NodeLevel.PILLAR, max_points__gt=0).order_by(
            "order", "pk"
        )
    )


def district_2022(units: Iterable[Unit]) -> dict[int, Unit]:
    """For each commune, its district in the 2022 structure: its parent for an old commune, the
    district most of its predecessors belonged to for a commune formed on 1 July 2025. Two
    queries."""
    units = list(units)
    out: dict[int, int] = {
        u.pk: u.parent_id for u in units if u.structure == Structure.Y2022 and u.parent_id
    }
    votes: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for succ, district, weight in Lineage.objects.filter(
        successor_id__in=[u.pk for u in units if u.structure == Structure.Y2025],
        predecessor__parent__level=Level.DISTRICT,
    ).values_list("successor_id", "predecessor__parent_id", "weight"):
        if district is not None:
            votes[succ][district] += weight
    for succ, weights in votes.items():
        out[succ] = max(weights, key=lambda d: (weights[d], -d))
    districts = Unit.objects.in_bulk(set(out.values()))
    return {u: districts[d] for u, d in out.items() if d in districts}


# --------------------------------------------------------------------------------------------
# Series across periods (with the merger)


@dataclass(frozen=True)
class Point:
    period: Period
    points: float | None
    percent: float | None
    reconstructed: bool
    is_synthetic: bool
    method: str


def series(
    *, user: Any, units: Iterable[Unit], codes: Iterable[str]
) -> dict[tuple[int, str], list[Point]]:
    """Each unit's score on each node code across periods, from the current run of each period
    (one query). Reconstructed scores (before 1 July 2025, rebuilt from predecessors) are
    marked."""
    ids = [u.pk for u in units]
    qs = Score.objects.filter(
        unit_id__in=ids, node_code__in=list(codes), run__status=RunStatus.SUCCEEDED
    )
    if user is None:
        qs = qs.filter(includes_unapproved=False, run__include_unapproved=False)
    else:
        qs = restrict(qs, user)
    seen: set[tuple[int, str, int]] = set()
    out: dict[tuple[int, str], list[Point]] = defaultdict(list)
    for s in qs.select_related("run__period").order_by(
        "run__period__start", "-run__finished_at", "-run__pk"
    ):
        key = (s.unit_id, s.node_code, s.run.period_id)
        if key in seen:
            continue
        seen.add(key)
        out[(s.unit_id, s.node_code)].append(
            Point(s.run.period, s.points, s.percent, s.reconstructed, s.is_synthetic, s.method)
        )
    return out
