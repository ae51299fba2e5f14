"""Choices for supervision."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MissionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lập kế hoạch")
    IN_PROGRESS = "in_progress", _("Đang giám sát")
    REPORTING = "reporting", _("Đang báo cáo kết quả")
    CLOSED = "closed", _("Đã kết thúc")


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Kết quả đạt được")
    WEAKNESS = "weakness", _("Tồn tại, hạn chế")
    DIFFICULTY = "difficulty", _("Khó khăn, vướng mắc")
    QUESTION = "question", _("Vấn đề đặt ra")


class Pillar(models.TextChoices):
    """The pillars of the commune framework as findings name them (framework node codes)."""

    FOUNDATION = "NEN_TANG", _("Nền tảng chung")
    GOVERNMENT = "CQS", _("Chính quyền số")
    ECONOMY = "KTS", _("Kinh tế số")
    SOCIETY = "XHS", _("Xã hội số")
    GENERAL = "CHUNG", _("Chung")


class Priority(models.TextChoices):
    HIGH = "high", _("Cao")
    MEDIUM = "medium", _("Trung bình")
    LOW = "low", _("Thấp")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE_WITH_EVIDENCE = "done_with_evidence", _("Đã thực hiện, có minh chứng")
    VERIFIED_CLOSED = "verified_closed", _("Đã kiểm tra, kết thúc")
    NOT_IMPLEMENTED = "not_implemented", _("Không thực hiện")
    CANCELLED = "cancelled", _("Hủy bỏ")


# A recommendation in one of these states needs nothing more from anyone.
FINISHED_STATUSES = (
    RecommendationStatus.VERIFIED_CLOSED,
    RecommendationStatus.NOT_IMPLEMENTED,
    RecommendationStatus.CANCELLED,
)
# Overdue is about the work still owed: closed and cancelled ones never are.
NOT_OVERDUE_STATUSES = (RecommendationStatus.VERIFIED_CLOSED, RecommendationStatus.CANCELLED)
