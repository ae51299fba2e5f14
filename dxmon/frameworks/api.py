"""API of indicator frameworks (public methodology, read-only)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.selectors import (
    framework_version_get,
    framework_version_list,
    indicator_tree,
)

router = Router(tags=["frameworks"])


class VersionOut(Schema):
    code: str
    version: str
    title: str
    valid_from_year: int
    valid_to_year: int | None
    max_points: float | None
    indicator_count: int


class TargetOut(Schema):
    year: int
    value: float
    comparator: str
    scope: str
    source_code: str
    source_title: str
    note: str


class IndicatorOut(Schema):
    code: str
    name_vi: str
    name_en: str
    definition: str
    value_type: str
    unit: str
    numerator_label: str
    denominator_label: str
    direction: int
    aggregation: str
    scored: bool
    weight: float
    max_points: float | None
    scoring_rule: str
    scoring: dict[str, Any]
    evidence_required: bool
    data_source: str
    reliability: str
    targets: list[TargetOut]


class GroupOut(Schema):
    code: str
    name_vi: str
    name_en: str
    weight: float
    max_points: float | None
    indicators: list[IndicatorOut]


class PillarOut(Schema):
    code: str
    name_vi: str
    name_en: str
    weight: float
    max_points: float | None
    groups: list[GroupOut]


class CrossRuleOut(Schema):
    code: str
    left: str
    operator: str
    right: str
    message_vi: str


class VersionDetailOut(VersionOut):
    legal_basis: list[str]
    pillars: list[PillarOut]
    cross_rules: list[CrossRuleOut]


def _version_out(v: FrameworkVersion, indicator_count: int) -> dict[str, object]:
    return {
        "code": v.framework.code,
        "version": v.version,
        "title": v.title,
        "valid_from_year": v.valid_from_year,
        "valid_to_year": v.valid_to_year,
        "max_points": v.max_points,
        "indicator_count": indicator_count,
    }


@router.get("/", response=list[VersionOut], auth=None)
def list_versions(request: HttpRequest) -> list[dict[str, object]]:
    return [_version_out(v, getattr(v, "indicator_count", 0)) for v in framework_version_list()]


@router.get("/{code}/{version}", response=VersionDetailOut, auth=None)
def get_version(request: HttpRequest, code: str, version: str) -> dict[str, object]:
    try:
        fv = framework_version_get(code=code, version=version)
    except FrameworkVersion.DoesNotExist as exc:
        raise Http404 from exc
    pillars = []
    count = 0
    for branch in indicator_tree(fv):
        groups = []
        for g in branch.groups:
            count += len(g.indicators)
            groups.append(
                {
                    **_node(g.node),
                    "indicators": [
                        {**_indicator(i), "targets": list(i.targets.all())} for i in g.indicators
                    ],
                }
            )
        pillars.append({**_node(branch.node), "groups": groups})
    return {
        **_version_out(fv, count),
        "legal_basis": [x for x in fv.legal_basis.splitlines() if x.strip()],
        "pillars": pillars,
        "cross_rules": list(fv.cross_rules.order_by("code")),
    }


def _node(node: object) -> dict[str, object]:
    return {k: getattr(node, k) for k in ("code", "name_vi", "name_en", "weight", "max_points")}


def _indicator(ind: object) -> dict[str, object]:
    return {k: getattr(ind, k) for k in IndicatorOut.model_fields if k != "targets"}
