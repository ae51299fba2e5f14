"""Reads for data collection, already scoped to the user."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, can, restrict
from dxmon.collection.models import DataValue, Period
from dxmon.units.models import Unit


class NotFoundError(LookupError):
    """Something that does not exist or that the user may not see: the two are not told apart."""


def period_get(*, code: str) -> Period:
    """The opened period with ``code``, or NotFoundError."""
    period = Period.objects.filter(code=code.strip().upper()).first()
    if period is None:
        raise NotFoundError(_("Kỳ báo cáo %(code)s chưa được mở.") % {"code": code})
    return period


def unit_for_period(*, user: Any, code: str, period: Period, action: Action = Action.VIEW) -> Unit:
    """The unit with ``code`` in the structure of ``period``, if ``user`` may ``action`` it.

    A unit outside the user's scope is "not found", exactly like a code that does not exist.
    """
    # The structure in force on the period's last day, as in imports; higher level wins.
    unit = Unit.objects.valid_on(period.end).filter(code=code.strip()).order_by("level").first()
    if unit is None or not can(cast(Any, user), action, unit):
        raise NotFoundError(_("Không tìm thấy đơn vị mã “%(code)s”.") % {"code": code})
    return unit


def value_list_for_export(
    *, user: Any, unit: Unit, period: Period, descendants: bool = False
) -> QuerySet[DataValue]:
    """The values of ``unit`` (and its subtree) for ``period`` that ``user`` may see."""
    units = Unit.objects.descendants_of(unit) if descendants else Unit.objects.filter(pk=unit.pk)
    qs = DataValue.objects.filter(report__period=period, report__unit__in=units.values("pk"))
    return (
        restrict(qs, cast(Any, user), Action.VIEW, unit_field="report__unit")
        .select_related("report__unit", "report__framework_version", "indicator", "updated_by")
        .order_by("report__unit__code", "report__framework_version_id", "indicator__order")
    )
