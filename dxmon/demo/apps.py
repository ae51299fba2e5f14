from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

DEMO_JOB_KIND = "demo.load"


class DemoConfig(AppConfig):
    """Demo data (no models): real units and the Tân Hội article, plus labelled synthetic data."""

    name = "dxmon.demo"
    label = "demo"
    verbose_name = _("Dữ liệu trình diễn")

    def ready(self) -> None:
        from dxmon.jobs.registry import JOB_KINDS

        JOB_KINDS.setdefault(DEMO_JOB_KIND, "dxmon.demo.services.demo_load_job")
        JOB_KINDS.setdefault("demo.scores", "dxmon.demo.services.demo_scores_job")
