from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REMINDERS_JOB_KIND = "supervision.reminders"


class SupervisionConfig(AppConfig):
    """HĐND supervision: missions, visits with pre-visit briefs, findings, recommendations."""

    name = "dxmon.supervision"
    label = "supervision"
    verbose_name = _("Giám sát")

    def ready(self) -> None:
        from dxmon.jobs.registry import JOB_KINDS, RESULT_LABELS

        JOB_KINDS.setdefault(REMINDERS_JOB_KIND, "dxmon.supervision.services.reminders_job")
        RESULT_LABELS.setdefault("reminders_created", _("Nhắc hạn kiến nghị mới"))
