"""Publishing and withdrawing scoring runs (audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, can, user_actions
from dxmon.audit.services import audit_record
from dxmon.public.choices import Licence
from dxmon.public.errors import PublicationError
from dxmon.public.models import Publication
from dxmon.scoring.choices import RunStatus
from dxmon.scoring.models import ScoringRun


def _may_publish(user: Any, run: ScoringRun) -> bool:
    if run.province_id is None:
        # A national run covers every province: only a system administrator publishes it.
        return bool(getattr(user, "is_authenticated", False)) and (
            user_actions(user) == frozenset(Action)
        )
    return can(user, Action.ADMIN, run.province)


@transaction.atomic
def publication_publish(
    *, user: Any, run: ScoringRun, note: str = "", licence: str = Licence.CC_BY_4
) -> Publication:
    """Make ``run``'s results public. Only the provincial office (ADMIN on the run's province)
    may, and only for a finished run computed from approved data alone."""
    run = (
        ScoringRun.objects.select_for_update(of=("self",))
        .select_related("province", "period")
        .get(pk=run.pk)
    )
    if not _may_publish(user, run):
        raise PublicationError(_("Bạn không có quyền công bố kết quả của tỉnh này."))
    if run.include_unapproved or run.scores.filter(includes_unapproved=True).exists():
        raise PublicationError(
            _("Không thể công bố lần tính điểm có dùng số liệu chưa được phê duyệt.")
        )
    if run.status != RunStatus.SUCCEEDED:
        raise PublicationError(_("Chỉ công bố được lần tính điểm đã hoàn thành."))
    if Publication.objects.filter(run=run, withdrawn_at__isnull=True).exists():
        raise PublicationError(_("Lần tính điểm này đã được công bố."))
    publication = Publication(
        run=run,
        published_by=user if getattr(user, "pk", None) is not None else None,
        note=note,
        licence=licence,
    )
    publication.full_clean()
    publication.save()
    audit_record(
        actor=user, action="publication.publish", obj=publication, context=run, reason=note
    )
    return publication


@transaction.atomic
def publication_withdraw(*, user: Any, publication: Publication, reason: str) -> Publication:
    """Withdraw a publication: its run's results leave the public site (the record stays)."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if not _may_publish(user, publication.run):
        raise PublicationError(_("Bạn không có quyền rút lại công bố của tỉnh này."))
    if publication.withdrawn_at is not None:
        raise PublicationError(_("Công bố này đã được rút lại."))
    if not reason.strip():
        raise PublicationError(_("Cần nêu lý do rút lại công bố."))
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_by = user if getattr(user, "pk", None) is not None else None
    publication.withdrawal_reason = reason.strip()
    publication.full_clean()
    publication.save()
    audit_record(
        actor=user,
        action="publication.withdraw",
        obj=publication,
        field="withdrawn_at",
        new=publication.withdrawn_at.isoformat(),
        reason=publication.withdrawal_reason,
        context=publication.run,
    )
    return publication
