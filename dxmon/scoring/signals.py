"""Recompute scores in the background when a report becomes approved.

Listens to ``post_save`` of ``collection.Report`` (``report_approve`` saves the report), so
collection does not need to know about scoring. The previous status is read in ``pre_save``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import Report

_WAS_APPROVED = "_scoring_was_approved"


@receiver(pre_save, sender=Report, dispatch_uid="scoring_report_pre_save")
def remember_status(sender: type[Report], instance: Report, **kwargs: Any) -> None:
    was = False
    if instance.pk is not None:
        old = Report.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        was = old == ReportStatus.APPROVED
    setattr(instance, _WAS_APPROVED, was)


@receiver(post_save, sender=Report, dispatch_uid="scoring_report_post_save")
def recompute_on_approval(
    sender: type[Report], instance: Report, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw") or instance.status != ReportStatus.APPROVED:
        return
    if getattr(instance, _WAS_APPROVED, False):
        return
    report_id = instance.pk

    def enqueue() -> None:
        from dxmon.scoring.tasks import recompute_after_approval

        recompute_after_approval.enqueue(report_id=report_id)

    transaction.on_commit(enqueue)
