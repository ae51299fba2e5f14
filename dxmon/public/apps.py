from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public site and open data: published scores and approved values, without login."""

    name = "dxmon.public"
    label = "public"
    verbose_name = _("Công bố công khai")
