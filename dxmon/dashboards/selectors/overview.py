"""Reads of the province overview: ranking, pillar distributions, reporting rate."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from dxmon.accounts.scope import restrict
from dxmon.collection.choices import ReportStatus
from dxmon.collection.history import previous_period
from dxmon.collection.models import Period, Report, Round
from dxmon.collection.selectors import round_reporting_rate
from dxmon.dashboards.selectors.core import (
    Band,
    band_of,
    current_run,
    district_2022,
    pillars,
    scores,
)
from dxmon.scoring.models import INDEX_CODE, Score
from dxmon.units.choices import Kind, Level
from dxmon.units.models import Unit

# --------------------------------------------------------------------------------------------
# Province overview


@dataclass
class RankingRow:
    """One commune in the ranking of its province."""

    unit: Unit
    points: float | None
    max_points: float | None
    percent: float | None
    rank: int | None
    rank_p05: float | None
    rank_p95: float | None
    change: float | None
    previous_rank: int | None
    district: Unit | None
    band: Band | None
    is_synthetic: bool
    reconstructed: bool
    includes_unapproved: bool

    @property
    def kind_label(self) -> str:
        return str(Kind(self.unit.kind).label) if self.unit.kind in Kind.values else self.unit.kind


def province_communes(province: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=province.path, level=Level.COMMUNE)


def province_ranking(*, user: Any, province: Unit, period: Period) -> list[RankingRow]:
    """The communes of ``province`` ranked on the index of ``period``, with the rank interval of
    the uncertainty analysis, the change since the previous period and the 2022 district."""
    run = current_run(user=user, period=period, province=province)
    if run is None:
        return []
    rows = list(
        scores(user=user, run=run)
        .filter(node_code=INDEX_CODE, unit__path__startswith=province.path, unit__level=3)
        .select_related("unit")
        .order_by("rank_in_province", "unit__name")
    )
    previous: dict[int, Score] = {}
    before = previous_period(period)
    prev_run = current_run(user=user, period=before, province=province) if before else None
    if prev_run is not None:
        previous = {
            s.unit_id: s
            for s in scores(user=user, run=prev_run).filter(
                node_code=INDEX_CODE, unit_id__in=[s.unit_id for s in rows]
            )
        }
    districts = district_2022(s.unit for s in rows)
    out = []
    for s in rows:
        prev = previous.get(s.unit_id)
        change = (
            s.points - prev.points
            if prev is not None and s.points is not None and prev.points is not None
            else None
        )
        out.append(
            RankingRow(
                unit=s.unit,
                points=s.points,
                max_points=s.max_points,
                percent=s.percent,
                rank=s.rank_in_province,
                rank_p05=s.rank_p05,
                rank_p95=s.rank_p95,
                change=change,
                previous_rank=prev.rank_in_province if prev else None,
                district=districts.get(s.unit_id),
                band=band_of(s.percent),
                is_synthetic=s.is_synthetic,
                reconstructed=s.reconstructed,
                includes_unapproved=s.includes_unapproved,
            )
        )
    return out


@dataclass(frozen=True)
class Distribution:
    """The spread of a pillar's score (percent of its maximum) across the province's communes."""

    code: str
    name: str
    values: tuple[float, ...]

    @property
    def box(self) -> tuple[float, float, float, float, float] | None:
        """Minimum, first quartile, median, third quartile, maximum."""
        if not self.values:
            return None
        v = sorted(self.values)
        if len(v) == 1:
            return (v[0], v[0], v[0], v[0], v[0])
        q1, med, q3 = statistics.quantiles(v, n=4, method="inclusive")
        return (v[0], q1, med, q3, v[-1])


def pillar_distributions(*, user: Any, province: Unit, period: Period) -> list[Distribution]:
    run = current_run(user=user, period=period, province=province)
    if run is None:
        return []
    nodes = pillars(run.framework_version)
    values: dict[str, list[float]] = defaultdict(list)
    for code, value in (
        scores(user=user, run=run)
        .filter(
            node_code__in=[n.code for n in nodes],
            unit__path__startswith=province.path,
            unit__level=3,
            value__isnull=False,
        )
        .values_list("node_code", "value")
    ):
        values[code].append(100.0 * (value or 0.0))
    return [Distribution(n.code, n.name_vi, tuple(values.get(n.code, ()))) for n in nodes]


@dataclass
class Reporting:
    """How far the reports of ``period`` have come: a round's rate, or counts by status."""

    round: Round | None
    expected: int
    submitted: int
    on_time: int
    by_status: list[tuple[str, int]] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return 100.0 * self.submitted / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return 100.0 * self.on_time / self.expected if self.expected else None


def reporting_status(*, user: Any, province: Unit, period: Period) -> Reporting:
    """The reporting rate of the round of ``period`` that covers the province (DHIS2's
    REPORTING_RATE); without a round, the reports of the period counted by status."""
    communes = province_communes(province)
    rnd = (
        Round.objects.filter(period=period, units__in=communes.values("pk"))
        .distinct()
        .order_by("-opened_at")
        .first()
    )
    labels = dict(ReportStatus.choices)
    reports = Report.objects.filter(period=period, unit__path__startswith=province.path)
    reports = (
        reports.filter(status=ReportStatus.APPROVED) if user is None else restrict(reports, user)
    )
    counts = dict(reports.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_status = [(str(labels[s]), counts[s]) for s in ReportStatus.values if counts.get(s)]
    if rnd is not None:
        rows = [r for r in round_reporting_rate(round=rnd) if not r.is_total]
        rows = [r for r in rows if r.unit.path.startswith(province.path)]
        return Reporting(
            rnd,
            sum(r.expected for r in rows),
            sum(r.submitted for r in rows),
            sum(r.on_time for r in rows),
            by_status,
        )
    expected = Unit.objects.valid_on(period.end).filter(pk__in=communes.values("pk")).count()
    submitted = sum(n for s, n in counts.items() if s != ReportStatus.DRAFT)
    return Reporting(None, expected, submitted, 0, by_status)
