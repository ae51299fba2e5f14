"""Periods, reporting rounds, commune reports and the values in them, with their provenance,
the reviewers' comments and the evidence attached."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dxmon.collection.choices import EvidenceKind, PeriodKind, ReportStatus, ValueSource


class Period(models.Model):
    """A reporting period: a year (2022), half (2022S1), quarter (2022Q3) or month (2022-08)."""

    code = models.CharField(_("mã kỳ"), max_length=10, unique=True)
    kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="collection_period_range",
                violation_error_message=_("Kỳ báo cáo phải kết thúc sau khi bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.code


class SourceDocument(models.Model):
    """A document values were taken from: an article, a commune report, an official letter."""

    title = models.CharField(_("tiêu đề"), max_length=400)
    url = models.URLField(_("địa chỉ"), max_length=500, blank=True)
    publisher = models.CharField(_("nơi đăng/ban hành"), max_length=200, blank=True)
    published_on = models.DateField(_("ngày"), null=True, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    file = models.FileField(_("tệp"), upload_to="sources/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản nguồn")
        verbose_name_plural = _("văn bản nguồn")
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    """A reporting round opened by the province: a framework version × a period × the units
    expected to report, with a deadline. Opening it creates the expected reports."""

    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion",
        verbose_name=_("phiên bản bộ chỉ số"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    period = models.ForeignKey(
        Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="rounds"
    )
    title = models.CharField(_("tên đợt báo cáo"), max_length=300, blank=True)
    deadline = models.DateField(_("hạn nộp"))
    units = models.ManyToManyField(
        "units.Unit", verbose_name=_("đơn vị phải báo cáo"), related_name="rounds"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)

    class Meta:
        verbose_name = _("đợt báo cáo")
        verbose_name_plural = _("đợt báo cáo")
        ordering = ["-period__start", "-opened_at"]

    def __str__(self) -> str:
        return self.title or f"{self.framework_version} — {self.period}"


class Report(models.Model):
    """A unit's report for a period under one framework version."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reports")
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # The round that expected this report; reports imported outside a round have none.
    round = models.ForeignKey(
        Round,
        verbose_name=_("đợt báo cáo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    # Synthetic demo data is labelled wherever it shows.
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)
    # Incremented on every save; a save based on an older revision is refused.
    revision = models.PositiveIntegerField(default=0)
    changes_since_approval = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-period__start", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "framework_version"],
                name="collection_report_unique",
                violation_error_message=_("Đơn vị đã có báo cáo cho kỳ này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def is_locked(self) -> bool:
        """Approved data is locked until a reviewer reopens the report."""
        return self.status == ReportStatus.APPROVED

    @property
    def is_editable(self) -> bool:
        """Values change only in a draft or a returned report (submitted ones await review)."""
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class DataValue(models.Model):
    """One indicator's value in a report: a number, or a numerator and denominator for a ratio.

    Percentages are stored as numerator and denominator so they aggregate by summing; ``value``
    holds the computed percentage (or the count, score, 0/1) for reading.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        "frameworks.Indicator", on_delete=models.PROTECT, related_name="values"
    )
    value = models.FloatField(_("giá trị"), null=True, blank=True)
    numerator = models.FloatField(_("tử số"), null=True, blank=True)
    denominator = models.FloatField(_("mẫu số"), null=True, blank=True)
    # The qualifier as written in the source ("trên", "gần", ...): "trên 79%" is not "79%".
    qualifier = models.CharField(_("từ chỉ mức"), max_length=30, blank=True)
    comment = models.TextField(_("ghi chú"), blank=True)
    # The officer's explanation of a warning (an outlier, a jump since last period).
    warning_comment = models.TextField(_("giải trình cảnh báo"), blank=True)
    source = models.CharField(
        _("nguồn"), max_length=20, choices=ValueSource.choices, default=ValueSource.SELF_REPORT
    )
    source_document = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="values"
    )
    source_excerpt = models.TextField(_("đoạn trích nguồn"), blank=True)
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("giá trị chỉ số")
        verbose_name_plural = _("giá trị chỉ số")
        ordering = ["report", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"],
                name="collection_value_unique",
                violation_error_message=_("Chỉ số đã có giá trị trong báo cáo này."),
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gte=0),
                name="collection_value_denominator_nonnegative",
                violation_error_message=_("Mẫu số không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=models.F("denominator")),
                name="collection_value_numerator_le_denominator",
                violation_error_message=_("Tử số không được lớn hơn mẫu số."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} = {self.value}"

    @property
    def ratio_percent(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return 100.0 * self.numerator / self.denominator


class ReturnComment(models.Model):
    """A reviewer's comment on a returned (or reopened) report, on one indicator or the whole."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="return_comments")
    indicator = models.ForeignKey(
        "frameworks.Indicator",
        verbose_name=_("chỉ số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(_("nhận xét"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    # Set when the officer resubmits the report.
    resolved = models.BooleanField(_("đã xử lý"), default=False)

    class Meta:
        verbose_name = _("nhận xét trả lại")
        verbose_name_plural = _("nhận xét trả lại")
        ordering = ["report", "at", "pk"]

    def __str__(self) -> str:
        code = self.indicator.code if self.indicator_id and self.indicator else "—"
        return f"{code}: {self.comment[:60]}"


class Evidence(models.Model):
    """Evidence for a report or one of its indicators: an uploaded file or a citation of an
    official document (number, date, issuer, summary)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.ForeignKey(
        "frameworks.Indicator",
        verbose_name=_("chỉ số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("loại"), max_length=10, choices=EvidenceKind.choices)
    file = models.FileField(_("tệp"), upload_to="evidence/%Y/", blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    doc_number = models.CharField(_("số hiệu văn bản"), max_length=100, blank=True)
    doc_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    summary = models.TextField(_("trích yếu"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["report", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.CITATION) | ~Q(doc_number=""),
                name="collection_evidence_citation_number",
                violation_error_message=_("Trích dẫn văn bản cần có số hiệu văn bản."),
            ),
        ]

    def __str__(self) -> str:
        if self.kind == EvidenceKind.CITATION:
            return f"{self.doc_number} {self.issuer}".strip()
        return self.original_name or self.file.name or ""


class SystemSource(models.Model):
    """Another system whose statistics are imported beside the self-reports: the national
    public service portal (766 index), the tax office's e-invoices, the document system."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên hệ thống"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("hệ thống nguồn")
        verbose_name_plural = _("hệ thống nguồn")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MappingProfile(models.Model):
    """How to read one system's export: which column holds the unit, the period, and which
    columns map to which indicator (and to which part of it: value, numerator, denominator).

    ``mappings`` is a list of ``{"column", "indicator_code", "part", "scale"}``; ``scale``
    multiplies the cell (100 turns a 0–1 share into a percentage).
    """

    FORMAT_CHOICES = [("csv", "CSV"), ("xlsx", "Excel (.xlsx)")]
    UNIT_BY_CODE = "code"
    UNIT_BY_NAME = "name"
    UNIT_SCHEME_CHOICES = [
        (UNIT_BY_CODE, _("Mã đơn vị (mã dxmon)")),
        (UNIT_BY_NAME, _("Tên đơn vị (trong tỉnh, không phân biệt dấu)")),
    ]

    name = models.CharField(_("tên cấu hình"), max_length=200)
    source = models.ForeignKey(
        SystemSource, verbose_name=_("hệ thống nguồn"), on_delete=models.PROTECT, related_name="+"
    )
    # The province whose office owns the profile; none for a national (admin) profile.
    scope_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file_format = models.CharField(
        _("định dạng tệp"), max_length=10, choices=FORMAT_CHOICES, default="csv"
    )
    unit_column = models.CharField(_("cột đơn vị"), max_length=100)
    unit_scheme = models.CharField(
        _("cách nhận đơn vị"), max_length=10, choices=UNIT_SCHEME_CHOICES, default=UNIT_BY_CODE
    )
    period_column = models.CharField(_("cột kỳ báo cáo"), max_length=100, blank=True)
    fixed_period = models.CharField(_("kỳ báo cáo cố định"), max_length=10, blank=True)
    mappings = models.JSONField(_("ánh xạ cột → chỉ số"), default=list)
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
        verbose_name = _("cấu hình nhập dữ liệu hệ thống")
        verbose_name_plural = _("cấu hình nhập dữ liệu hệ thống")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "scope_unit"],
                name="collection_profile_name_unique",
                violation_error_message=_("Đã có cấu hình cùng tên."),
            ),
            models.CheckConstraint(
                condition=~Q(period_column="") | ~Q(fixed_period=""),
                name="collection_profile_period",
                violation_error_message=_("Cần cột kỳ báo cáo hoặc một kỳ báo cáo cố định."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SystemValue(models.Model):
    """An indicator's value for a unit and period as another system records it.

    Kept apart from the officer's :class:`DataValue`: it never overwrites a self-report and is
    shown beside it, with the difference.
    """

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="system_values")
    indicator = models.ForeignKey(
        "frameworks.Indicator", on_delete=models.PROTECT, related_name="system_values"
    )
    value = models.FloatField(_("giá trị"), null=True, blank=True)
    numerator = models.FloatField(_("tử số"), null=True, blank=True)
    denominator = models.FloatField(_("mẫu số"), null=True, blank=True)
    source = models.ForeignKey(
        SystemSource, verbose_name=_("hệ thống nguồn"), on_delete=models.PROTECT, related_name="+"
    )
    profile = models.ForeignKey(
        MappingProfile,
        verbose_name=_("cấu hình nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("thời điểm nhập"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_file = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    row_number = models.PositiveIntegerField(_("dòng"), default=0)
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)

    class Meta:
        verbose_name = _("dữ liệu hệ thống")
        verbose_name_plural = _("dữ liệu hệ thống")
        ordering = ["unit", "period", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "indicator", "source"],
                name="collection_system_value_unique",
                violation_error_message=_("Đã có dữ liệu hệ thống cho chỉ số này."),
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=models.F("denominator")),
                name="collection_system_value_numerator_le_denominator",
                violation_error_message=_("Tử số không được lớn hơn mẫu số."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.code}: {self.indicator.code} = {self.value}"
