"""The scope check every reporting-cycle service starts with (through ``dxmon.accounts.scope``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dxmon.accounts.choices import Role
from dxmon.accounts.scope import Action, can
from dxmon.collection.errors import NotAllowed, NotFound
from dxmon.collection.models import Report


def is_province_office(user: Any) -> bool:
    """Province office or admin: who opens rounds, approves and reopens."""
    return bool(getattr(user, "is_superuser", False)) or getattr(user, "role", None) in (
        Role.PROVINCE,
        Role.ADMIN,
    )


def report_for_write(*, user: Any, report: Report | int, action: Action) -> Report:
    """``report`` re-read inside the transaction (row-locked where the database can).

    Raises :class:`NotFound` when the user may not even see it, :class:`NotAllowed` when they
    see it but may not ``action`` it.
    """
    pk = report if isinstance(report, int) else report.pk
    found = (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit", "period", "framework_version")
        .filter(pk=pk)
        .first()
    )
    if found is None or not can(user, Action.VIEW, found.unit):
        raise NotFound(_("Không tìm thấy báo cáo."))
    if not can(user, action, found.unit):
        raise NotAllowed(
            _("Bạn không có quyền thực hiện việc này với báo cáo của %(unit)s.")
            % {"unit": found.unit.name}
        )
    return found
