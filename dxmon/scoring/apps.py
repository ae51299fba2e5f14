from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "dxmon.scoring"
    label = "scoring"
    verbose_name = _("Chỉ số tổng hợp")

    def ready(self) -> None:
        from dxmon.jobs.registry import JOB_KINDS
        from dxmon.scoring import signals  # noqa: F401 (connects the receivers)
        from dxmon.scoring.services import SCORES_JOB_KIND

        JOB_KINDS.setdefault(SCORES_JOB_KIND, "dxmon.scoring.services.scores_compute_job")
