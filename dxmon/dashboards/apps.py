from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Results pages: province overview, commune profile, scorecard, explorer, comparison."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dxmon.dashboards"
    label = "dashboards"
    verbose_name = _("Bảng điều khiển kết quả")
