from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

IMPORT_JOB_KIND = "collection.import"


class CollectionConfig(AppConfig):
    name = "dxmon.collection"
    label = "collection"
    verbose_name = _("Thu thập số liệu")

    def ready(self) -> None:
        # Large imports run as background jobs; the jobs registry is extended here, not edited.
        from dxmon.jobs.registry import JOB_KINDS

        JOB_KINDS.setdefault(IMPORT_JOB_KIND, "dxmon.collection.services.imports.data_import_job")
