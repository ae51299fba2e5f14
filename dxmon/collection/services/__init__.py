"""Writes for data collection: periods here; bulk import in ``imports``, export in ``exports``."""

from __future__ import annotations

from django.db import transaction

from dxmon.collection.models import Period
from dxmon.collection.periods import PeriodError, period_parse

__all__ = ["PeriodError", "period_get_or_create"]


@transaction.atomic
def period_get_or_create(*, code: str) -> Period:
    """The period with ``code`` (``2022``, ``2022S1``, ``2022Q3``, ``2022-08``), created if new.

    Raises :class:`PeriodError` ("Kỳ báo cáo không hợp lệ: …") for any other code.
    """
    spec = period_parse(code)
    period = Period.objects.filter(code=spec.code).first()
    if period is not None:
        return period
    period = Period(code=spec.code, kind=spec.kind, start=spec.start, end=spec.end)
    period.full_clean()
    period.save()
    return period
