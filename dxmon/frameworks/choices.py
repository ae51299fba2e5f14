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


class DataSource(models.TextChoices):
    """Where an indicator's value comes from: a self-report or a named system."""

    SELF_REPORT = "self_report", _("Tự báo cáo")
    VNPT_IOFFICE = "vnpt_ioffice", _("Hệ thống QLVB&ĐH (VNPT-iOffice)")
    VNPT_IGATE = "vnpt_igate", _("Hệ thống giải quyết TTHC (VNPT-iGate)")
    DVC_PORTAL = "dvc_portal", _("Cổng Dịch vụ công quốc gia (Bộ chỉ số 766)")
    E_INVOICE = "e_invoice", _("Hệ thống hóa đơn điện tử (cơ quan thuế)")
    TAX = "tax", _("Cơ quan thuế")
    VNEID = "vneid", _("Hệ thống định danh điện tử (VNeID, CSDL dân cư)")
    HEALTH_HIS = "health_his", _("Hệ thống thông tin y tế")
    TELECOM = "telecom", _("Doanh nghiệp viễn thông, Sở KH&CN")
    STATISTICS = "statistics", _("Cơ quan thống kê")
    SURVEY = "survey", _("Khảo sát")


class Reliability(models.TextChoices):
    """How well the indicator's definition and target are sourced (see the draft framework)."""

    A = "A", _("A – văn bản hoặc tóm tắt chính thức đã kiểm chứng")
    B = "B", _("B – nguồn thứ cấp")
    C = "C", _("C – suy luận, đề xuất")
