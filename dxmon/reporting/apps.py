from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "dxmon.reporting"
    label = "reporting"
    verbose_name = _("Văn bản và báo cáo")

    def ready(self) -> None:
        from django.core.checks import register

        from dxmon.reporting.checks import check_pdf_toolchain

        register(check_pdf_toolchain)
