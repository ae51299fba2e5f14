"""Choices for indicator frameworks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NodeLevel(models.TextChoices):
    PILLAR = "pillar", _("Trụ cột")
    GROUP = "group", _("Nhóm chỉ số")


class ValueType(models.TextChoices):
    RATIO = "ratio", _("Tỷ lệ (tử số/mẫu số)")
    COUNT = "count", _("Số lượng")
    BOOLEAN = "boolean", _("Có/không")
    CHOICE = "choice", _("Lựa chọn có điểm")
    SCORE = "score", _("Điểm")


class Direction(models.IntegerChoices):
    HIGHER_IS_BETTER = 1, _("Càng cao càng tốt")
    LOWER_IS_BETTER = -1, _("Càng thấp càng tốt")


class Aggregation(models.TextChoices):
    """How an indicator's values combine up the unit tree."""

    RATIO_SUM = "ratio_sum", _("Cộng tử số và mẫu số")
    SUM = "sum", _("Tổng")
    MEAN = "mean", _("Trung bình")
    MIN = "min", _("Nhỏ nhất")
    MAX = "max", _("Lớn nhất")
    LAST = "last", _("Giá trị cuối")


class ScoringRule(models.TextChoices):
    RATIO_X_MAX = "ratio_x_max", _("Tỷ lệ × điểm tối đa")
    STEPS = "steps", _("Theo ngưỡng")
    TIERS = "tiers", _("Theo mức")
    TARGET_ATTAINMENT = "target_attainment", _("Mức đạt chỉ tiêu")


class Comparator(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    EQ = "=", "="
    LE = "<=", "≤"
    LT = "<", "<"
