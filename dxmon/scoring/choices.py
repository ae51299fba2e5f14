"""Choices for scoring runs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunMode(models.TextChoices):
    POINTS = "points", _("Chấm điểm theo bộ chỉ số (kiểu DTI)")
    COMPOSITE = "composite", _("Chỉ số tổng hợp (chuẩn hoá và tổng hợp)")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Đang tính")
    SUCCEEDED = "succeeded", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")
