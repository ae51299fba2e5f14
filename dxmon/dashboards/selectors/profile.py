"""Reads of the commune profile and the comparison."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dxmon.accounts.scope import restrict
from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Evidence, Period, Report
from dxmon.dashboards.selectors.core import (
    Point,
    attainment,
    district_2022,
    pillars,
    province_of,
    scores,
    series,
    target_for,
    value_of,
)
from dxmon.frameworks.choices import NodeLevel, ValueType
from dxmon.frameworks.models import Indicator, Node, Target
from dxmon.scoring.choices import RunStatus
from dxmon.scoring.models import INDEX_CODE, Score, ScoringRun
from dxmon.units.choices import Level
from dxmon.units.models import Lineage, Unit
from dxmon.vn.text import fold

# --------------------------------------------------------------------------------------------
# Commune profile


@dataclass
class NodeScore:
    code: str
    name: str
    points: float | None
    max_points: float | None
    percent: float | None
    median: float | None  # province median, in percent


@dataclass
class Gap:
    indicator: Indicator
    value: float | None
    target: Target
    light: str


@dataclass
class RealValue:
    """A non-synthetic value of a predecessor's (or the unit's own) approved report."""

    unit: Unit
    period: Period
    indicator: Indicator
    value: float | None
    numerator: float | None
    denominator: float | None
    qualifier: str
    source: str


@dataclass
class Profile:
    unit: Unit
    province: Unit
    district: Unit | None
    predecessors: list[Lineage]
    run: ScoringRun | None
    index: Score | None
    nodes: list[NodeScore]
    trend: dict[tuple[int, str], list[Point]]
    periods: list[Period]
    strongest: list[tuple[Indicator, float]]
    weakest: list[tuple[Indicator, float]]
    gaps: list[Gap]
    gaps_period: Period | None
    real_values: list[RealValue]
    evidence: list[Evidence]
    recommendations: list[Any]
    recommendations_available: bool
    has_synthetic: bool

    @property
    def gaps_shown(self) -> list[Gap]:
        """Targets missed (red) or nearly met (amber)."""
        return [g for g in self.gaps if g.light != "grey"]

    @property
    def gaps_missing(self) -> int:
        """Targets the report has no value for."""
        return sum(1 for g in self.gaps if g.light == "grey")


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def unit_profile(*, user: Any, unit: Unit) -> Profile:
    """Everything the commune profile shows; the caller has checked that ``user`` may view
    ``unit``."""
    province = province_of(unit)
    links = list(
        Lineage.objects.filter(successor=unit)
        .select_related("predecessor", "predecessor__parent")
        .order_by("predecessor__name")
    )
    pred_units = [link.predecessor for link in links]
    latest = (
        scores_for_unit(user=user, unit=unit)
        .filter(node_code=INDEX_CODE)
        .select_related("run__period", "run__framework_version")
        .order_by("-run__period__start", "-run__finished_at", "-run__pk")
        .first()
    )
    run = latest.run if latest is not None else None
    nodes: list[NodeScore] = []
    strongest: list[tuple[Indicator, float]] = []
    weakest: list[tuple[Indicator, float]] = []
    codes = [INDEX_CODE]
    if run is not None:
        pillar_nodes = pillars(run.framework_version)
        codes += [n.code for n in pillar_nodes]
        nodes = _node_scores(user, run, unit, province, pillar_nodes, latest)
        strongest, weakest = _extremes(user, run, unit)
    trend = series(user=user, units=[unit, *pred_units], codes=[INDEX_CODE])
    periods = sorted(
        {p.period.pk: p.period for pts in trend.values() for p in pts}.values(),
        key=lambda p: p.start,
    )
    gaps, gaps_period = _gaps(user, unit)
    real = _real_values(user, [unit, *pred_units])
    evidence = list(
        Evidence.objects.filter(report__in=_reports_for(user, [unit, *pred_units]))
        .select_related("report__period", "report__unit", "indicator")
        .order_by("-at")[:20]
    )
    recs, available = _recommendations(user, [unit, *pred_units])
    has_synthetic = any(p.is_synthetic for pts in trend.values() for p in pts)
    return Profile(
        unit=unit,
        province=province,
        district=district_2022([unit]).get(unit.pk),
        predecessors=links,
        run=run,
        index=latest,
        nodes=nodes,
        trend=trend,
        periods=periods,
        strongest=strongest,
        weakest=weakest,
        gaps=gaps,
        gaps_period=gaps_period,
        real_values=real,
        evidence=evidence,
        recommendations=recs,
        recommendations_available=available,
        has_synthetic=has_synthetic,
    )


def scores_for_unit(*, user: Any, unit: Unit) -> QuerySet[Score]:
    qs = Score.objects.filter(unit=unit, run__status=RunStatus.SUCCEEDED)
    if user is None:
        return qs.filter(includes_unapproved=False, run__include_unapproved=False)
    return restrict(qs, user)


def _node_scores(
    user: Any,
    run: ScoringRun,
    unit: Unit,
    province: Unit,
    pillar_nodes: list[Node],
    index: Score | None,
) -> list[NodeScore]:
    codes = [INDEX_CODE, *(n.code for n in pillar_nodes)]
    # The province median is an aggregate of the run's communes (same kind of score: observed
    # or reconstructed); it reveals no single commune's value.
    peers = Score.objects.filter(
        run=run,
        node_code__in=codes,
        unit__path__startswith=province.path,
        unit__level=3,
        reconstructed=index.reconstructed if index else False,
        value__isnull=False,
    )
    if user is None:
        peers = peers.filter(includes_unapproved=False)
    by_code: dict[str, list[float]] = defaultdict(list)
    for code, value in peers.values_list("node_code", "value"):
        by_code[code].append(100.0 * (value or 0.0))
    own = {
        s.node_code: s for s in scores(user=user, run=run).filter(unit=unit, node_code__in=codes)
    }
    names = {INDEX_CODE: str(_("Chỉ số tổng hợp")), **{n.code: n.name_vi for n in pillar_nodes}}
    out = []
    for code in codes:
        s = own.get(code)
        out.append(
            NodeScore(
                code,
                names[code],
                s.points if s else None,
                s.max_points if s else None,
                s.percent if s else None,
                _median(by_code.get(code, [])),
            )
        )
    return out


def _extremes(
    user: Any, run: ScoringRun, unit: Unit, n: int = 5
) -> tuple[list[tuple[Indicator, float]], list[tuple[Indicator, float]]]:
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(
            version=run.framework_version, scored=True, max_points__gt=0
        )
    }
    rows = [
        (indicators[code], 100.0 * (value or 0.0))
        for code, value in scores(user=user, run=run)
        .filter(unit=unit, node_code__in=list(indicators), value__isnull=False)
        .values_list("node_code", "value")
    ]
    rows.sort(key=lambda r: (-r[1], r[0].order))
    strongest = rows[:n]
    weakest = sorted(rows[-n:], key=lambda r: (r[1], r[0].order)) if len(rows) > n else []
    return strongest, weakest


def _reports_for(user: Any, units: list[Unit]) -> QuerySet[Report]:
    qs = Report.objects.filter(unit__in=units)
    return qs.filter(status=ReportStatus.APPROVED) if user is None else restrict(qs, user)


def _gaps(user: Any, unit: Unit) -> tuple[list[Gap], Period | None]:
    report = (
        _reports_for(user, [unit])
        .filter(status=ReportStatus.APPROVED)
        .select_related("period", "framework_version")
        .order_by("-period__start")
        .first()
    )
    if report is None:
        return [], None
    year = report.period.start.year
    values = {
        v.indicator_id: v
        for v in DataValue.objects.filter(report=report).only(
            "indicator_id", "value", "numerator", "denominator"
        )
    }
    gaps = []
    for ind in Indicator.objects.filter(version=report.framework_version).prefetch_related(
        "targets"
    ):
        target = target_for(ind.targets.all(), year)
        if target is None:
            continue
        dv = values.get(ind.pk)
        value = value_of(dv.value, dv.numerator, dv.denominator) if dv else None
        light = attainment(value, target, percent=ind.value_type == ValueType.RATIO)
        if light != "green":
            gaps.append(Gap(ind, value, target, light))
    order = {"red": 0, "amber": 1, "grey": 2}
    gaps.sort(key=lambda g: (order[g.light], g.indicator.order))
    return gaps, report.period


def _real_values(user: Any, units: list[Unit]) -> list[RealValue]:
    """The values that are not synthetic in the approved reports of the unit and its
    predecessors, with their source: the real figures the reconstructed history rests on."""
    qs = DataValue.objects.filter(
        report__in=_reports_for(user, units).filter(
            status=ReportStatus.APPROVED, is_synthetic=False
        ),
        is_synthetic=False,
    ).select_related("report__unit", "report__period", "indicator", "source_document")
    out = []
    for v in qs.order_by("report__period__start", "report__unit__name", "indicator__order"):
        source = v.source_document.title if v.source_document else v.get_source_display()
        out.append(
            RealValue(
                v.report.unit,
                v.report.period,
                v.indicator,
                v.value,
                v.numerator,
                v.denominator,
                v.qualifier,
                str(source),
            )
        )
    return out


def _recommendations(user: Any, units: list[Unit]) -> tuple[list[Any], bool]:
    """The open supervision recommendations addressed to the commune or the communes it was
    formed from (none for the public)."""
    try:
        from dxmon.supervision import selectors as supervision
        from dxmon.supervision.choices import FINISHED_STATUSES
    except ImportError:
        return [], False
    if user is None:
        return [], True
    qs = supervision.recommendations_for_unit(user=user).filter(addressee_unit__in=units)
    return list(qs.exclude(status__in=FINISHED_STATUSES)), True


# --------------------------------------------------------------------------------------------
# Comparison


@dataclass
class Comparison:
    units: list[Unit]
    run: ScoringRun | None
    codes: list[tuple[str, str]]  # (node code, name): index, pillars, groups
    values: dict[tuple[int, str], Score]
    pillar_codes: list[str]

    @property
    def has_synthetic(self) -> bool:
        return any(s.is_synthetic for s in self.values.values())


def comparison(*, user: Any, units: list[Unit], period: Period | None = None) -> Comparison:
    """Index, pillars and indicator groups of two to five communes, from the latest run that
    scored them (or ``period``'s)."""
    qs = Score.objects.filter(unit__in=units, node_code=INDEX_CODE, run__status=RunStatus.SUCCEEDED)
    if period is not None:
        qs = qs.filter(run__period=period)
    if user is None:
        qs = qs.filter(includes_unapproved=False, run__include_unapproved=False)
    latest = (
        qs.select_related("run__period", "run__framework_version")
        .order_by("-run__period__start", "-run__finished_at", "-run__pk")
        .first()
    )
    if latest is None:
        return Comparison(units, None, [], {}, [])
    run = latest.run
    nodes = list(
        Node.objects.filter(version=run.framework_version, max_points__gt=0).order_by("order", "pk")
    )
    pillar_nodes = [n for n in nodes if n.level == NodeLevel.PILLAR]
    groups = [n for p in pillar_nodes for n in nodes if n.parent_id == p.pk]
    codes = [(INDEX_CODE, str(_("Chỉ số tổng hợp")))]
    codes += [(n.code, n.name_vi) for n in pillar_nodes]
    codes += [(n.code, n.name_vi) for n in groups]
    values = {
        (s.unit_id, s.node_code): s
        for s in scores(user=user, run=run).filter(
            unit__in=units, node_code__in=[c for c, _n in codes]
        )
    }
    return Comparison(units, run, codes, values, [n.code for n in pillar_nodes])


def commune_search(*, user: Any, query: str, limit: int = 10) -> list[Unit]:
    """Communes the reader may see whose name contains every word of ``query``, diacritics
    ignored ("mo cay" finds "Xã Mỏ Cày")."""
    qs: QuerySet[Unit] = Unit.objects.filter(level=Level.COMMUNE).select_related("parent")
    if user is not None:
        qs = restrict(qs, user)
    for word in fold(query).split():
        qs = qs.filter(Q(search_key__startswith=word) | Q(search_key__contains=f" {word}"))
    return list(qs.order_by("-structure", "search_key")[:limit])
