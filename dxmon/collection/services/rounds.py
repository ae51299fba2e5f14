"""Opening a reporting round: the province expects a report from each listed unit by a date.

``round_open`` creates the period if new, the round, and a draft report for every expected
unit that has none yet for that period and framework version (a unit's existing report, e.g.
from an import, is kept and simply becomes expected). Opening again for the same unit creates
nothing twice. Only the province office (or an admin) opens rounds, and only for units in its
scope; a unit outside it is "not found".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, can, has_action
from dxmon.audit.services import audit_record
from dxmon.collection.choices import ReportStatus
from dxmon.collection.errors import CollectionError, NotAllowed, NotFound
from dxmon.collection.models import Report, Round
from dxmon.collection.periods import PeriodError
from dxmon.collection.services import period_get_or_create
from dxmon.frameworks.models import FrameworkVersion
from dxmon.units.models import Unit
from dxmon.vn.dates import format_date_short


@transaction.atomic
def round_open(
    *,
    user: Any,
    framework_version: FrameworkVersion,
    period_code: str,
    units: Iterable[Unit],
    deadline: datetime.date,
    title: str = "",
) -> Round:
    """Open a round of ``framework_version`` for ``period_code``, expecting ``units``."""
    if not has_action(user, Action.ADMIN):
        raise NotAllowed(_("Chỉ cơ quan CĐS cấp tỉnh mới được mở đợt báo cáo."))
    try:
        period = period_get_or_create(code=period_code)
    except PeriodError as exc:
        raise CollectionError(str(exc)) from exc
    if not framework_version.covers_year(period.start.year):
        raise CollectionError(
            _("Bộ chỉ số %(version)s không áp dụng cho năm %(year)s.")
            % {"version": framework_version, "year": period.start.year}
        )
    expected = list({unit.pk: unit for unit in units}.values())
    if not expected:
        raise CollectionError(_("Cần chọn ít nhất một đơn vị phải báo cáo."))
    for unit in expected:
        if not can(user, Action.ADMIN, unit):
            raise NotFound(_("Không tìm thấy đơn vị mã “%(code)s”.") % {"code": unit.code})
        if not unit.is_valid_on(period.end):
            raise CollectionError(
                _("Đơn vị %(unit)s không còn tồn tại vào cuối kỳ %(period)s.")
                % {"unit": unit, "period": period.code}
            )
    round_ = Round(
        framework_version=framework_version,
        period=period,
        deadline=deadline,
        title=title.strip()
        or _("Báo cáo CĐS kỳ %(period)s (hạn %(deadline)s)")
        % {"period": period.code, "deadline": format_date_short(deadline)},
        opened_by=user if getattr(user, "pk", None) is not None else None,
    )
    round_.full_clean()
    round_.save()
    round_.units.set(expected)
    audit_record(
        actor=user,
        action="round.open",
        obj=round_,
        new=f"{len(expected)}",
        reason=round_.title,
    )
    existing = {
        r.unit_id: r
        for r in Report.objects.filter(
            unit__in=expected, period=period, framework_version=framework_version
        )
    }
    Report.objects.filter(pk__in=[r.pk for r in existing.values()], round__isnull=True).update(
        round=round_
    )
    for unit in expected:
        if unit.pk in existing:
            continue
        report = Report.objects.create(
            unit=unit,
            period=period,
            framework_version=framework_version,
            status=ReportStatus.DRAFT,
            round=round_,
        )
        audit_record(
            actor=user,
            action="report.create",
            obj=report,
            field="status",
            new=report.status,
            reason=round_.title,
            context=report,
        )
    return round_
