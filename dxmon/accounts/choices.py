"""Choices for accounts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    PROVINCE = "province", _("Cơ quan CĐS cấp tỉnh")
    DISTRICT = "district", _("Cơ quan CĐS cấp huyện")
    COMMUNE = "commune", _("Cán bộ UBND xã")
    SUPERVISOR = "supervisor", _("Đại biểu HĐND giám sát")
    PUBLIC = "public", _("Công chúng")
