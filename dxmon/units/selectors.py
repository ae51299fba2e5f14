"""Reads for administrative units."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from dxmon.units.models import Lineage, Unit
from dxmon.vn.text import fold


def unit_get(*, code: str, on: datetime.date, level: int | None = None) -> Unit:
    """The unit with official ``code`` valid on ``on`` (codes are reused across structures).

    When several levels share a code, the highest level (province before commune) wins unless
    ``level`` is given.
    """
    qs = Unit.objects.valid_on(on).filter(code=code.strip()).select_related("parent")
    if level is not None:
        qs = qs.filter(level=level)
    unit = qs.order_by("level").first()
    if unit is None:
        raise Unit.DoesNotExist(
            _("Không có đơn vị hành chính mã %(code)s vào ngày %(day)s.")
            % {"code": code, "day": on.strftime("%d/%m/%Y")}
        )
    return unit


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The units above ``unit``, from its parent up to its province."""
    pks = [int(pk) for pk in unit.path.strip("/").split("/") if pk][:-1]
    if not pks and unit.parent_id:
        pks = [unit.parent_id]
    return list(Unit.objects.filter(pk__in=pks).order_by("-level"))


def unit_predecessors(unit: Unit) -> QuerySet[Lineage]:
    """Edges to ``unit`` from the units it came from, with the predecessors loaded."""
    return (
        Lineage.objects.filter(successor=unit)
        .select_related("predecessor", "predecessor__parent")
        .order_by("predecessor__code")
    )


def unit_successors(unit: Unit) -> QuerySet[Lineage]:
    """Edges from ``unit`` to the units it went into, with the successors loaded."""
    return (
        Lineage.objects.filter(predecessor=unit)
        .select_related("successor", "successor__parent")
        .order_by("successor__code")
    )


def unit_search(*, query: str, on: datetime.date | None = None, limit: int = 20) -> list[Unit]:
    """Units whose name contains every word of ``query``, diacritics and case ignored.

    "tan hoi" finds "Xã Tân Hội"; exact names, then higher levels, come first.
    """
    words = fold(query).split()
    if not words:
        return []
    qs = Unit.objects.select_related("parent")
    if on is not None:
        qs = qs.valid_on(on)
    for word in words:
        # Match the start of a word, so "hoi" finds "Tân Hội" but not "Tân Thới".
        qs = qs.filter(Q(search_key__startswith=word) | Q(search_key__contains=f" {word}"))
    units = list(qs.order_by("level", "search_key", "-structure")[: max(limit, 0) * 5])
    wanted = " ".join(words)

    def rank(unit: Unit) -> tuple[int, int]:
        exact = wanted in (unit.search_key, fold(unit.short_name))
        return (0 if exact else 1 if unit.search_key.endswith(wanted) else 2, unit.level)

    units.sort(key=rank)
    return units[:limit]


def _link(edge: Lineage, other: Unit) -> dict[str, Any]:
    return {
        "code": other.code,
        "name": other.name,
        "kind": other.kind,
        "date": edge.date.isoformat(),
        "weight": edge.weight,
    }


def unit_card(unit: Unit) -> dict[str, Any]:
    """The unit, its parent, ancestors and lineage as plain data (`units show --json`, the API)."""
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "parent": {"code": unit.parent.code, "name": unit.parent.name} if unit.parent else None,
        "ancestors": [
            {"code": a.code, "name": a.name, "kind": a.kind} for a in unit_ancestors(unit)
        ],
        "predecessors": [_link(e, e.predecessor) for e in unit_predecessors(unit)],
        "successors": [_link(e, e.successor) for e in unit_successors(unit)],
    }


def unit_children(unit: Unit) -> QuerySet[Unit]:
    """The units directly under ``unit`` (districts, communes or hamlets), by name."""
    return Unit.objects.filter(parent=unit).order_by("level", "search_key", "code")
