"""Choices for data collection."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    HALF = "half", _("Nửa năm")
    QUARTER = "quarter", _("Quý")
    MONTH = "month", _("Tháng")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    RESUBMITTED = "resubmitted", _("Đã gửi lại")
    DISTRICT_REVIEWED = "district_reviewed", _("Huyện đã xem xét")
    APPROVED = "approved", _("Đã phê duyệt")


class ValueSource(models.TextChoices):
    SELF_REPORT = "self_report", _("Tự báo cáo")
    DOCUMENT = "document", _("Trích từ văn bản")
    SYSTEM = "system", _("Dữ liệu hệ thống")
    IMPORT = "import", _("Nhập từ tệp")
    SYNTHETIC = "synthetic", _("Dữ liệu mô phỏng")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Tệp đính kèm")
    CITATION = "citation", _("Trích dẫn văn bản")
