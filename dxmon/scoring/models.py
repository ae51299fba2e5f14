"""Scoring runs and the scores they produced, kept as history (a run is never rewritten)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxmon.scoring.choices import RunMode, RunStatus

# The node code of a unit's overall index value.
INDEX_CODE = "INDEX"


class ScoringRun(models.Model):
    """One computation of the scores of a period under a framework version, with its spec and log.

    Every run is kept: the latest successful run of a (framework version, period, province) is the
    current one, older runs are the history.
    """

    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="scoring_runs"
    )
    period = models.ForeignKey(
        "collection.Period", on_delete=models.PROTECT, related_name="scoring_runs"
    )
    province = models.ForeignKey(
        "units.Unit",
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scoring_runs",
    )
    mode = models.CharField(
        _("cách tính"), max_length=10, choices=RunMode.choices, default=RunMode.POINTS
    )
    spec = models.TextField(_("cấu hình tính"), blank=True)
    include_unapproved = models.BooleanField(_("gồm dữ liệu chưa phê duyệt"), default=False)
    uncertainty_samples = models.PositiveIntegerField(_("số mẫu phân tích bất định"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    message = models.TextField(_("thông báo"), blank=True)
    log = models.JSONField(_("nhật ký tính"), default=dict, blank=True)
    n_units = models.PositiveIntegerField(_("số đơn vị"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần tính điểm")
        verbose_name_plural = _("lần tính điểm")
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(
                fields=["framework_version", "period", "status"], name="scoring_run_lookup"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework_version} {self.period} #{self.pk}"


class Score(models.Model):
    """A unit's value, points and ranks on one node (indicator, group, pillar or ``INDEX``)."""

    run = models.ForeignKey(ScoringRun, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="scores")
    node_code = models.CharField(_("mã nút"), max_length=40)
    value = models.FloatField(_("giá trị"), null=True, blank=True)
    points = models.FloatField(_("điểm"), null=True, blank=True)
    max_points = models.FloatField(_("điểm tối đa"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("hạng"), null=True, blank=True)
    rank_in_province = models.PositiveIntegerField(_("hạng trong tỉnh"), null=True, blank=True)
    rank_in_kind = models.PositiveIntegerField(_("hạng cùng loại"), null=True, blank=True)
    rank_p05 = models.FloatField(_("hạng, phân vị 5%"), null=True, blank=True)
    rank_p95 = models.FloatField(_("hạng, phân vị 95%"), null=True, blank=True)
    rank_median = models.FloatField(_("hạng trung vị"), null=True, blank=True)
    # Rebuilt from the predecessors of a unit formed on 1 July 2025; ``method`` says how.
    reconstructed = models.BooleanField(_("dựng lại từ đơn vị cũ"), default=False)
    method = models.CharField(_("cách dựng lại"), max_length=60, blank=True)
    includes_unapproved = models.BooleanField(_("gồm dữ liệu chưa phê duyệt"), default=False)
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")
        ordering = ["run", "node_code", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "unit", "node_code"],
                name="scoring_score_unique",
                violation_error_message=_("Đơn vị đã có điểm cho nút này trong lần tính."),
            ),
        ]
        indexes = [
            models.Index(fields=["run", "node_code", "rank"], name="scoring_score_ranking"),
            models.Index(fields=["unit", "node_code"], name="scoring_score_unit_node"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.node_code} = {self.value}"

    @property
    def percent(self) -> float | None:
        """The value (points ÷ maximum) in percent."""
        return None if self.value is None else 100.0 * self.value
