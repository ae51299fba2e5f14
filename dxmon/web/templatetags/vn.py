"""Vietnamese number, percentage and date formats for templates (``{% load vn %}``)."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from dxmon.vn.dates import format_date_long, format_date_short
from dxmon.vn.numbers import format_number, format_percent

register = template.Library()


def _number(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@register.filter
def vn_number(value: Any, decimals: int | None = None) -> str:
    """``1234.5`` → ``1.234,5``; blank → ``—``."""
    return format_number(_number(value), decimals)


@register.filter
def vn_value(value: Any) -> str:
    """A stored value as shown in change lists: numbers the Vietnamese way, blank as ``∅``."""
    if value is None or value == "":
        return "∅"
    number = _number(value)
    return format_number(number) if number is not None else str(value)


@register.filter
def vn_percent(value: Any, decimals: int = 1) -> str:
    """``79.5`` → ``79,5%``; ``100`` → ``100%``."""
    return format_percent(_number(value), decimals)


@register.filter
def vn_date(value: datetime.date | datetime.datetime | None, style: str = "short") -> str:
    """A date as ``17/8/2022`` (``short``) or ``ngày 17 tháng 8 năm 2022`` (``long``)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if style == "long":
        lang = "en" if (get_language() or "vi").startswith("en") else "vi"
        return format_date_long(value, lang)
    return format_date_short(value)


@register.filter
def vn_datetime(value: datetime.datetime | None) -> str:
    """A moment as ``17/8/2022 10:32`` in local time."""
    if value is None:
        return "—"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date_short(local.date())} {local:%H:%M}"
