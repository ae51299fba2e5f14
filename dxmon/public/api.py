"""Public API (no login): published periods, rankings, unit scores and approved values — the same
selectors and rules as the public pages."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from dxmon.collection.models import Period
from dxmon.public import opendata, selectors
from dxmon.units.models import Unit

router = Router(tags=["public"])


class ProvinceOut(Schema):
    code: str
    name: str
    structure: str


class PeriodOut(Schema):
    code: str
    start: datetime.date
    end: datetime.date
    published_at: datetime.datetime | None
    is_synthetic: bool
    provinces: list[ProvinceOut]


class RankingRowOut(Schema):
    rank: int
    unit_id: int
    unit_code: str
    unit_name: str
    province_code: str | None = None
    points: float | None
    max_points: float | None
    value: float | None
    rank_p05: float | None
    rank_p95: float | None
    reconstructed: bool
    is_synthetic: bool


class HistoryOut(Schema):
    period: str
    unit_code: str
    unit_name: str
    own: bool
    points: float | None
    max_points: float | None
    value: float | None
    rank_in_province: int | None
    reconstructed: bool
    is_synthetic: bool


class NodeOut(Schema):
    code: str
    name: str
    points: float | None
    max_points: float | None
    value: float | None


class UnitScoresOut(Schema):
    unit_id: int
    unit_code: str
    unit_name: str
    province_code: str | None
    latest_period: str
    pillars: list[NodeOut]
    history: list[HistoryOut]


class ValueOut(Schema):
    unit_code: str
    unit_name: str
    indicator_code: str
    value: float | None
    numerator: float | None
    denominator: float | None
    is_synthetic: bool


def _period(code: str) -> Period:
    period = selectors.published_period_get(code)
    if period is None:
        raise Http404(code)
    return period


@router.get("/periods", response=list[PeriodOut], auth=None)
def periods(request: HttpRequest) -> list[PeriodOut]:
    """Periods with published results and the provinces covered."""
    return [
        PeriodOut(
            code=pp.period.code,
            start=pp.period.start,
            end=pp.period.end,
            published_at=pp.published_at,
            is_synthetic=pp.is_synthetic,
            provinces=[ProvinceOut(code=u.code, name=u.name, structure=u.structure)
                       for u in pp.provinces],
        )
        for pp in selectors.published_periods()
    ]  # fmt: skip


@router.get("/rankings/{period}", response=list[RankingRowOut], auth=None)
def ranking(request: HttpRequest, period: str, province: str | None = None) -> list[RankingRowOut]:
    """The published ranking of ``period`` in ``province`` (a province code) or the country."""
    p = _period(period)
    unit = selectors.province_get(province, p) if province else None
    if province and unit is None:
        raise Http404(province)
    codes = {} if unit else dict(Unit.objects.filter(level=1).values_list("pk", "code"))
    return [
        RankingRowOut(
            rank=r.rank, unit_id=r.row.unit_pk, unit_code=r.row.code, unit_name=r.row.name,
            province_code=unit.code if unit else codes.get(r.row.province_pk),
            points=r.row.points, max_points=r.row.max_points, value=r.row.value,
            rank_p05=r.row.rank_p05, rank_p95=r.row.rank_p95,
            reconstructed=r.row.reconstructed, is_synthetic=r.row.is_synthetic,
        )
        for r in selectors.public_ranking(period=p, province=unit)
    ]  # fmt: skip


@router.get("/units/{unit_id}", response=UnitScoresOut, auth=None)
def unit_scores(request: HttpRequest, unit_id: int) -> UnitScoresOut:
    """A unit's published scores: pillars of the latest period and the history across periods
    (predecessors before the 2025 merger included, marked ``own = false``)."""
    unit = get_object_or_404(Unit, pk=unit_id)
    p = selectors.public_unit_profile(unit)
    if p is None or p.latest is None:
        raise Http404(str(unit_id))
    return UnitScoresOut(
        unit_id=unit.pk, unit_code=unit.code, unit_name=unit.name,
        province_code=p.province.code if p.province else None,
        latest_period=p.latest.period.code,
        pillars=[NodeOut(code=c, name=n, points=s.points, max_points=s.max_points, value=s.value)
                 for c, n, s in p.nodes],
        history=[
            HistoryOut(period=h.period.code, unit_code=h.unit.code, unit_name=h.unit.name,
                       own=h.own, points=h.row.points, max_points=h.row.max_points,
                       value=h.row.value, rank_in_province=h.row.rank_in_province,
                       reconstructed=h.row.reconstructed, is_synthetic=h.row.is_synthetic)
            for h in p.history
        ],
    )  # fmt: skip


@router.get("/values/{period}", response=list[ValueOut], auth=None)
def values(request: HttpRequest, period: str, province: str | None = None) -> list[ValueOut]:
    """Approved values of ``period`` for the units whose results are published."""
    p = _period(period)
    unit = selectors.province_get(province, p) if province else None
    if province and unit is None:
        raise Http404(province)
    qs = selectors.public_values(period=p, province=unit).select_related(
        "report", "report__unit", "indicator"
    )
    return [
        ValueOut(
            unit_code=v.report.unit.code, unit_name=v.report.unit.name,
            indicator_code=v.indicator.code, value=v.value, numerator=v.numerator,
            denominator=v.denominator, is_synthetic=bool(v.is_synthetic or v.report.is_synthetic),
        )
        for v in qs.order_by("report__unit__code", "indicator__order", "indicator__code")
    ]  # fmt: skip


@router.get("/dictionary", auth=None)
def dictionary(request: HttpRequest) -> dict[str, object]:
    """The open data's licence and data dictionary."""
    return opendata.dictionary_json()
