"""Indicator frameworks: versioned data loaded from YAML, never edited in place."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dxmon.frameworks.choices import (
    Aggregation,
    Comparator,
    DataSource,
    Direction,
    NodeLevel,
    ScoringRule,
    ValueType,
)


class Framework(models.Model):
    """A named indicator framework, e.g. "Bộ chỉ số chuyển đổi số cấp xã"."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    title = models.CharField(_("tên"), max_length=300)

    class Meta:
        verbose_name = _("bộ chỉ số")
        verbose_name_plural = _("bộ chỉ số")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class FrameworkVersion(models.Model):
    """One version of a framework, exactly as loaded from its YAML file.

    A new version never rewrites data collected under an old one: values point at the
    indicators of the version they were collected under.
    """

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(_("phiên bản"), max_length=30)
    title = models.CharField(_("tên"), max_length=300)
    title_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    valid_from_year = models.PositiveSmallIntegerField(_("áp dụng từ năm"))
    valid_to_year = models.PositiveSmallIntegerField(_("áp dụng đến năm"), null=True, blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    max_points = models.FloatField(_("tổng điểm tối đa"), null=True, blank=True)
    # The `sources:` catalogue of the YAML: {code: {"title": ..., "urls": [...]}}.
    sources = models.JSONField(_("danh mục nguồn"), default=dict, blank=True)
    source_yaml = models.TextField(_("nội dung YAML"))
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản bộ chỉ số")
        verbose_name_plural = _("phiên bản bộ chỉ số")
        ordering = ["framework", "-valid_from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version"],
                name="frameworks_version_unique",
                violation_error_message=_("Phiên bản này của bộ chỉ số đã được nạp."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.code} {self.version}"

    def covers_year(self, year: int) -> bool:
        return self.valid_from_year <= year and (
            self.valid_to_year is None or year <= self.valid_to_year
        )


class Node(models.Model):
    """A pillar or a group of indicators in a framework version's tree."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.CharField(max_length=10, choices=NodeLevel.choices)
    code = models.CharField(_("mã"), max_length=40)
    name_vi = models.CharField(_("tên"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    weight = models.FloatField(_("trọng số"), default=1.0)
    max_points = models.FloatField(_("điểm tối đa"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("nhóm chỉ số")
        verbose_name_plural = _("nhóm chỉ số")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"],
                name="frameworks_node_unique_code",
                violation_error_message=_("Mã nhóm bị trùng trong phiên bản."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_vi}"


class Indicator(models.Model):
    """An indicator of a framework version, with its type, direction, rules and source."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="indicators"
    )
    group = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("mã"), max_length=40)
    name_vi = models.CharField(_("tên"), max_length=400)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=400, blank=True)
    definition = models.TextField(_("định nghĩa"), blank=True)
    value_type = models.CharField(_("kiểu giá trị"), max_length=10, choices=ValueType.choices)
    unit = models.CharField(_("đơn vị"), max_length=40, blank=True)
    numerator_label = models.CharField(_("tử số"), max_length=400, blank=True)
    denominator_label = models.CharField(_("mẫu số"), max_length=400, blank=True)
    direction = models.SmallIntegerField(
        _("chiều"), choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    aggregation = models.CharField(
        _("cách tổng hợp lên cấp trên"), max_length=10, choices=Aggregation.choices
    )
    weight = models.FloatField(_("trọng số"), default=1.0)
    max_points = models.FloatField(_("điểm tối đa"), null=True, blank=True)
    scoring_rule = models.CharField(
        _("cách chấm điểm"), max_length=20, choices=ScoringRule.choices, blank=True
    )
    # Parameters of the scoring rule (steps, tiers, choices) exactly as in the YAML.
    scoring = models.JSONField(_("tham số chấm điểm"), default=dict, blank=True)
    min_value = models.FloatField(_("giá trị nhỏ nhất"), null=True, blank=True)
    max_value = models.FloatField(_("giá trị lớn nhất"), null=True, blank=True)
    # Context variables (denominators, profile data) are collected but never scored.
    scored = models.BooleanField(_("được chấm điểm"), default=True)
    evidence_required = models.BooleanField(_("bắt buộc có minh chứng"), default=False)
    data_source = models.CharField(_("nguồn dữ liệu"), max_length=100, default="self_report")
    applicability = models.CharField(_("phạm vi áp dụng"), max_length=40, blank=True)
    reliability = models.CharField(_("độ tin cậy của nguồn"), max_length=1, blank=True)
    sources = models.TextField(_("nguồn tham khảo"), blank=True)
    # Local (commune or province plan) targets quoted as examples; never national targets.
    example_targets = models.JSONField(
        _("chỉ tiêu tham khảo của địa phương"), default=list, blank=True
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"],
                name="frameworks_indicator_unique_code",
                violation_error_message=_("Mã chỉ số bị trùng trong phiên bản."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0),
                name="frameworks_indicator_weight_nonnegative",
                violation_error_message=_("Trọng số không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_vi}"

    @property
    def is_ratio(self) -> bool:
        return self.value_type == ValueType.RATIO

    @property
    def data_source_label(self) -> str:
        """The Vietnamese name of the data source (the code itself when it is not a known one)."""
        try:
            return str(DataSource(self.data_source).label)
        except ValueError:
            return self.data_source


class Target(models.Model):
    """A target for an indicator in a year, with the legal source that sets it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("năm"))
    value = models.FloatField(_("giá trị"))
    comparator = models.CharField(_("so sánh"), max_length=2, choices=Comparator.choices)
    scope = models.CharField(_("phạm vi"), max_length=200, blank=True)
    source_code = models.CharField(_("mã nguồn"), max_length=40, blank=True)
    source_title = models.CharField(_("văn bản"), max_length=400, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["indicator", "year"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.comparator} {self.value}"


class CrossRule(models.Model):
    """A validation rule across indicators declared in the framework YAML (left op right)."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="cross_rules"
    )
    code = models.CharField(max_length=40)
    left = models.CharField(max_length=200)
    operator = models.CharField(max_length=2, choices=Comparator.choices)
    right = models.CharField(max_length=200)
    message_vi = models.CharField(max_length=400)
    message_en = models.CharField(max_length=400, blank=True)

    class Meta:
        verbose_name = _("quy tắc kiểm tra chéo")
        verbose_name_plural = _("quy tắc kiểm tra chéo")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="frameworks_rule_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.left} {self.operator} {self.right}"
