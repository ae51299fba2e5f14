from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    name = "dxmon.frameworks"
    label = "frameworks"
    verbose_name = _("Bộ chỉ số")

    def ready(self) -> None:
        from django.core.checks import Tags, register

        from dxmon.frameworks.checks import check_framework_weights

        register(check_framework_weights, Tags.database)
