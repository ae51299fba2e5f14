"""Reads of the scorecard: units × indicators, coloured by target attainment (DHIS2 style)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from dxmon.accounts.scope import restrict
from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Period, Report
from dxmon.dashboards.selectors.core import attainment, district_2022, target_for, value_of
from dxmon.frameworks.choices import NodeLevel, ValueType
from dxmon.frameworks.models import Indicator, Node, Target
from dxmon.units.models import Unit


@dataclass(frozen=True)
class Cell:
    value: float | None
    light: str
    boolean: bool = False


@dataclass
class ScorecardRow:
    unit: Unit
    district: Unit | None
    is_synthetic: bool
    cells: list[Cell]


@dataclass
class Column:
    indicator: Indicator
    pillar: Node | None
    target: Target | None


@dataclass
class Scorecard:
    province: Unit
    period: Period
    columns: list[Column]
    rows: list[ScorecardRow]
    pillars: list[Node]
    districts: list[Unit]
    kinds: list[tuple[str, str]]

    @property
    def has_synthetic(self) -> bool:
        return any(r.is_synthetic for r in self.rows)


def period_reports(*, user: Any, province: Unit, period: Period) -> QuerySet[Report]:
    """The approved reports of ``period`` by the communes of ``province`` or by the old communes
    it was formed from (a 2025 province's scorecard of 2024 shows its former communes)."""
    qs = Report.objects.filter(period=period, status=ReportStatus.APPROVED, unit__level=3).filter(
        Q(unit__path__startswith=province.path)
        | Q(unit__successor_links__successor__path__startswith=province.path)
    )
    qs = Report.objects.filter(pk__in=qs.values("pk"))
    return qs if user is None else restrict(qs, user)


def scorecard(
    *,
    user: Any,
    province: Unit,
    period: Period,
    pillar: str = "",
    district: int | None = None,
    kind: str = "",
    with_target_only: bool = True,
) -> Scorecard:
    """The scorecard of ``province`` in ``period`` (four queries)."""
    reports = list(
        period_reports(user=user, province=province, period=period).select_related(
            "unit", "framework_version"
        )
    )
    reports.sort(key=lambda r: r.unit.search_key)
    units = [r.unit for r in reports]
    districts = district_2022(units)
    version = reports[0].framework_version if reports else None
    indicators: list[Indicator] = []
    pillar_nodes: list[Node] = []
    if version is not None:
        pillar_nodes = list(
            Node.objects.filter(version=version, level=NodeLevel.PILLAR, max_points__gt=0).order_by(
                "order", "pk"
            )
        )
        indicators = list(
            Indicator.objects.filter(version=version, scored=True)
            .select_related("group__parent")
            .prefetch_related("targets")
            .order_by("order")
        )
    year = period.start.year
    columns = []
    for ind in indicators:
        node = ind.group.parent or ind.group
        if pillar and node.code != pillar:
            continue
        target = target_for(ind.targets.all(), year)
        if with_target_only and target is None:
            continue
        columns.append(Column(ind, node, target))
    all_districts = sorted({d.pk: d for d in districts.values()}.values(), key=lambda d: d.name)
    kinds = sorted({(u.kind, u.get_kind_display()) for u in units}, key=lambda k: k[1])
    kept = [
        r
        for r in reports
        if (district is None or getattr(districts.get(r.unit_id), "pk", None) == district)
        and (not kind or r.unit.kind == kind)
    ]
    values: dict[tuple[int, int], float | None] = {}
    for report_id, ind_id, v, num, den in DataValue.objects.filter(
        report__in=[r.pk for r in kept], indicator__in=[c.indicator.pk for c in columns]
    ).values_list("report_id", "indicator_id", "value", "numerator", "denominator"):
        values[(report_id, ind_id)] = value_of(v, num, den)
    rows = []
    for r in kept:
        cells = []
        for c in columns:
            value = values.get((r.pk, c.indicator.pk))
            percent = c.indicator.value_type == ValueType.RATIO
            light = attainment(value, c.target, percent=percent)
            cells.append(Cell(value, light, c.indicator.value_type == ValueType.BOOLEAN))
        rows.append(ScorecardRow(r.unit, districts.get(r.unit_id), r.is_synthetic, cells))
    return Scorecard(province, period, columns, rows, pillar_nodes, all_districts, kinds)
