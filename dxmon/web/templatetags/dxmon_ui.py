"""Small template filters shared by dxmon's pages."""

from __future__ import annotations

import datetime

from django import template

register = template.Library()


@register.filter
def minutes(value: datetime.timedelta | None) -> int:
    """Whole minutes of a duration, rounded up (a 90-second wait reads "2 minutes")."""
    if value is None:
        return 0
    return -(-int(value.total_seconds()) // 60)
