"""Supervision missions of a People's Council (HĐND), their visits, findings, recommendations
and the follow-ups that track each recommendation to closure."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dxmon.supervision.choices import (
    NOT_OVERDUE_STATUSES,
    FindingKind,
    MissionStatus,
    Pillar,
    Priority,
    RecommendationStatus,
)


class Mission(models.Model):
    """A supervision mission (đợt giám sát) decided by a council body, e.g. the Culture–Society
    committee of the provincial HĐND, with its legal basis, topic, delegation and status."""

    issuing_body = models.CharField(_("cơ quan giám sát"), max_length=300)
    council_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("địa phương của HĐND"),
        on_delete=models.PROTECT,
        related_name="supervision_missions",
    )
    legal_basis_number = models.CharField(
        _("số quyết định thành lập đoàn"), max_length=60, blank=True
    )
    legal_basis_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    topic = models.CharField(_("nội dung giám sát"), max_length=500)
    period = models.ForeignKey(
        "collection.Period",
        verbose_name=_("kỳ số liệu được giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_under_review = models.CharField(_("thời kỳ giám sát"), max_length=200, blank=True)
    leader_name = models.CharField(_("trưởng đoàn"), max_length=200)
    leader_position = models.CharField(_("chức vụ trưởng đoàn"), max_length=300, blank=True)
    # [{"name": ..., "position": ...}, ...]
    members = models.JSONField(_("thành viên đoàn"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=MissionStatus.choices, default=MissionStatus.PLANNED
    )
    plan_number = models.CharField(_("số kế hoạch"), max_length=60, blank=True)
    plan_date = models.DateField(_("ngày ký kế hoạch"), null=True, blank=True)
    report_number = models.CharField(_("số báo cáo"), max_length=60, blank=True)
    report_date = models.DateField(_("ngày ký báo cáo"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đợt giám sát")
        verbose_name_plural = _("đợt giám sát")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.topic

    @property
    def start_date(self) -> datetime.date | None:
        dates = [v.date for v in self.visits.all()]
        return min(dates) if dates else None

    @property
    def end_date(self) -> datetime.date | None:
        dates = [v.date for v in self.visits.all()]
        return max(dates) if dates else None


class Visit(models.Model):
    """One working session of the delegation with a unit (buổi giám sát)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="visits")
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị được giám sát"),
        on_delete=models.PROTECT,
        related_name="supervision_visits",
    )
    date = models.DateField(_("ngày làm việc"))
    location = models.CharField(_("địa điểm"), max_length=300, blank=True)
    participants = models.TextField(_("thành phần tham dự"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("buổi giám sát")
        verbose_name_plural = _("buổi giám sát")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.date:%d/%m/%Y}"


class Finding(models.Model):
    """What the delegation found, per pillar or indicator: a strength, a weakness, a difficulty,
    or a question raised (with the answer given)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="findings")
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("buổi giám sát"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
    )
    pillar = models.CharField(
        _("trụ cột"), max_length=10, choices=Pillar.choices, default=Pillar.GENERAL
    )
    indicator_code = models.CharField(_("mã chỉ số"), max_length=40, blank=True)
    kind = models.CharField(_("loại"), max_length=12, choices=FindingKind.choices)
    text = models.TextField(_("nội dung"))
    answer = models.TextField(_("trả lời của đơn vị"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả giám sát")
        verbose_name_plural = _("kết quả giám sát")
        ordering = ["mission", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def overdue(self, today: datetime.date | None = None) -> RecommendationQuerySet:
        """Recommendations whose deadline has passed and that are neither closed nor cancelled."""
        day = today or timezone.localdate()
        return self.filter(deadline__lt=day).exclude(status__in=NOT_OVERDUE_STATUSES)

    def with_overdue(self, today: datetime.date | None = None) -> RecommendationQuerySet:
        """Each row annotated with ``overdue_flag`` (the same rule as :meth:`overdue`)."""
        day = today or timezone.localdate()
        return self.annotate(
            overdue_flag=Case(
                When(
                    Q(deadline__lt=day) & ~Q(status__in=NOT_OVERDUE_STATUSES),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def due_within(self, today: datetime.date, days: int) -> RecommendationQuerySet:
        """Not yet finished, with a deadline from ``today`` to ``today + days``."""
        from dxmon.supervision.choices import FINISHED_STATUSES

        return self.filter(
            deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days)
        ).exclude(status__in=FINISHED_STATUSES)


class Recommendation(models.Model):
    """A recommendation (kiến nghị) to a unit, tracked to closure through follow-ups."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="recommendations")
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("từ kết quả giám sát"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    addressee_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        related_name="supervision_recommendations",
    )
    responsible_person = models.CharField(_("người chịu trách nhiệm"), max_length=200, blank=True)
    text = models.TextField(_("nội dung kiến nghị"))
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    priority = models.CharField(
        _("mức ưu tiên"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["mission", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def is_overdue_on(self, day: datetime.date) -> bool:
        return (
            self.deadline is not None
            and self.deadline < day
            and self.status not in NOT_OVERDUE_STATUSES
        )

    @property
    def is_overdue(self) -> bool:
        """Deadline passed and neither closed nor cancelled (as of today)."""
        return self.is_overdue_on(timezone.localdate())


class FollowUp(models.Model):
    """A dated update on a recommendation, with the status it leaves and its evidence."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="followups"
    )
    date = models.DateField(_("ngày"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("nội dung"))
    status_before = models.CharField(
        _("trạng thái trước"), max_length=20, choices=RecommendationStatus.choices
    )
    status_after = models.CharField(
        _("trạng thái sau"), max_length=20, choices=RecommendationStatus.choices
    )
    evidence_file = models.FileField(
        _("tệp minh chứng"), upload_to="supervision/evidence/%Y/", blank=True
    )
    evidence_citation = models.CharField(_("văn bản minh chứng"), max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cập nhật kiến nghị")
        verbose_name_plural = _("cập nhật kiến nghị")
        ordering = ["recommendation", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_status_after_display()}"

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file) or bool(self.evidence_citation.strip())


class Reminder(models.Model):
    """A reminder that a recommendation's deadline is near, shown on the addressee's page."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="reminders"
    )
    addressee_unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="supervision_reminders"
    )
    deadline = models.DateField(_("thời hạn"))
    created_on = models.DateField(_("ngày nhắc"))
    message = models.TextField(_("nội dung nhắc"))

    class Meta:
        verbose_name = _("nhắc hạn kiến nghị")
        verbose_name_plural = _("nhắc hạn kiến nghị")
        ordering = ["-created_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "deadline"],
                name="supervision_reminder_once_per_deadline",
                violation_error_message=_("Kiến nghị này đã được nhắc cho thời hạn này."),
            ),
        ]

    def __str__(self) -> str:
        return self.message[:80]
