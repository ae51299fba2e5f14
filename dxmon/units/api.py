"""API for administrative units: public reference data, no scope check."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status

from dxmon.units import selectors
from dxmon.units.models import Unit

router = Router(tags=["units"])


class UnitLookupIn(Schema):
    on: datetime.date | None = None


class UnitSearchIn(Schema):
    q: str
    on: datetime.date | None = None
    limit: int = 20


class ParentOut(Schema):
    code: str
    name: str


class AncestorOut(Schema):
    code: str
    name: str
    kind: str


class LinkOut(Schema):
    code: str
    name: str
    kind: str
    date: datetime.date
    weight: float


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    level: int
    structure: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    latitude: float | None
    longitude: float | None
    area_km2: float | None
    parent: ParentOut | None
    ancestors: list[AncestorOut]
    predecessors: list[LinkOut]
    successors: list[LinkOut]


class UnitBriefOut(Schema):
    code: str
    name: str
    kind: str
    level: int
    structure: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    parent: ParentOut | None


class ErrorOut(Schema):
    detail: str


def _brief(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "level": unit.level,
        "structure": unit.structure,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "parent": {"code": unit.parent.code, "name": unit.parent.name} if unit.parent else None,
    }


@router.get("/search", response=list[UnitBriefOut], auth=None)
def unit_search(request: HttpRequest, params: Query[UnitSearchIn]) -> list[dict[str, Any]]:
    """Units whose name contains the words of ``q``, diacritics ignored ("tan hoi")."""
    limit = min(max(params.limit, 1), 100)
    units = selectors.unit_search(query=params.q, on=params.on, limit=limit)
    return [_brief(u) for u in units]


@router.get("/{code}", response={200: UnitOut, 404: ErrorOut}, auth=None)
def unit_detail(
    request: HttpRequest, code: str, params: Query[UnitLookupIn]
) -> Status[dict[str, Any]]:
    """The unit with official ``code`` on a date (today by default), with its lineage."""
    on = params.on or datetime.date.today()
    try:
        unit = selectors.unit_get(code=code, on=on)
    except Unit.DoesNotExist as exc:
        return Status(404, {"detail": str(exc) or _("Không tìm thấy đơn vị.")})
    card = selectors.unit_card(unit)
    card.update(
        level=unit.level,
        structure=unit.structure,
        latitude=unit.latitude,
        longitude=unit.longitude,
        area_km2=unit.area_km2,
    )
    return Status(200, card)
