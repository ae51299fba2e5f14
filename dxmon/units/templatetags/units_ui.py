"""Template filters for the unit pages (``{% load units_ui %}``)."""

from __future__ import annotations

from django import template

from dxmon.units.choices import Kind
from dxmon.vn.numbers import format_percent

register = template.Library()


@register.filter
def share(weight: float | None) -> str:
    """A lineage weight (a share of 1) as a Vietnamese percentage: ``0.25`` → ``25%``."""
    if weight is None:
        return "—"
    return format_percent(weight * 100, 1)


@register.filter
def kind_label(value: str) -> str:
    """The Vietnamese label of a unit kind value: ``to_dan_pho`` → ``Tổ dân phố``."""
    return str(Kind(value).label) if value in Kind.values else value
