"""Forms of the reporting pages: they read and normalise input; services do the saving."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dxmon.collection.choices import ReportStatus
from dxmon.collection.imports import FORMATS
from dxmon.collection.models import MappingProfile, Period, SystemSource
from dxmon.frameworks.choices import ValueType
from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.units.models import Unit
from dxmon.vn.numbers import parse_number

IMPORT_MAX_MB = 50

FORMAT_LABELS = {
    "xlsx": _("Excel (.xlsx) theo mẫu của đợt báo cáo"),
    "csv": _("CSV của dxmon"),
    "dhis2-json": _("DHIS2 dataValueSets (JSON)"),
    "dhis2-csv": _("DHIS2 dataValueSets (CSV)"),
}


class VnNumberField(forms.CharField):
    """A number typed the Vietnamese way ("1.234", "79,5") or the English way ("79.5")."""

    def __init__(self, *, integer: bool = False, **kwargs: Any) -> None:
        self.integer = integer
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            number = parse_number(text)
        except ValueError as exc:
            raise ValidationError(_("“%(text)s” không phải là số."), params={"text": text}) from exc
        if self.integer and not float(number).is_integer():
            raise ValidationError(_("Hãy nhập một số nguyên."))
        return float(number)


def choice_options(indicator: Indicator) -> list[tuple[str, str]]:
    """The options of a choice indicator: the stored number (its share) and its label."""
    options = []
    for tier in (indicator.scoring or {}).get("tiers") or []:
        if "share" in tier:
            share = float(tier["share"])
            label = tier.get("label_vi") or str(tier.get("value", share))
            options.append((format(share, "g"), str(label)))
    return options


class ValueForm(forms.Form):
    """One indicator's value as typed on the data entry page, shaped by the indicator's type."""

    comment = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)
    warning_comment = forms.CharField(label=_("Giải trình"), required=False, max_length=2000)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        kind = indicator.value_type
        if kind == ValueType.RATIO:
            self.fields["numerator"] = VnNumberField(label=indicator.numerator_label or _("Tử số"))
            self.fields["denominator"] = VnNumberField(
                label=indicator.denominator_label or _("Mẫu số")
            )
        elif kind == ValueType.BOOLEAN:
            self.fields["value"] = forms.TypedChoiceField(
                label=_("Giá trị"),
                choices=[("1", _("Có")), ("0", _("Không"))],
                coerce=float,
                empty_value=None,
                required=False,
            )
        elif kind == ValueType.CHOICE:
            self.fields["value"] = forms.TypedChoiceField(
                label=_("Giá trị"),
                choices=[("", _("— Chưa chọn —")), *choice_options(indicator)],
                coerce=float,
                empty_value=None,
                required=False,
            )
        else:
            self.fields["value"] = VnNumberField(
                label=_("Giá trị"), integer=kind == ValueType.COUNT
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        num, den = data.get("numerator"), data.get("denominator")
        if num is not None and den is not None and num > den:
            raise ValidationError(_("Tử số không được lớn hơn mẫu số."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs: dict[str, Any] = {"comment": data.get("comment") or ""}
        if self.indicator.value_type == ValueType.RATIO:
            kwargs["numerator"] = data.get("numerator")
            kwargs["denominator"] = data.get("denominator")
        else:
            kwargs["value"] = data.get("value")
        if "warning_comment" in self.data:
            kwargs["warning_comment"] = data.get("warning_comment") or ""
        return kwargs


class RevisionForm(forms.Form):
    expected_revision = forms.IntegerField(min_value=0)


class ReportFilterForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Kỳ báo cáo"),
        queryset=Period.objects.order_by("-start"),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả các kỳ"),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả trạng thái")), *ReportStatus.choices],
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(ReasonForm):
    """A return: a reason, and comments per indicator sent as ``comment__<code>`` fields."""

    PREFIX = "comment__"

    reason = forms.CharField(
        label=_("Lý do trả lại"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def indicator_comments(self) -> dict[str, str]:
        return {
            key[len(self.PREFIX) :]: text.strip()
            for key, text in self.data.items()
            if key.startswith(self.PREFIX) and isinstance(text, str) and text.strip()
        }


class EvidenceFileForm(forms.Form):
    """The type, content and size of the file are checked by ``evidence_add_file``."""

    upload = forms.FileField(label=_("Tệp minh chứng"))


class CitationForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=100)
    date = forms.DateField(
        label=_("Ngày ban hành"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=300)
    summary = forms.CharField(
        label=_("Trích yếu"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class VersionChoiceField(forms.ModelChoiceField[FrameworkVersion]):
    def label_from_instance(self, obj: FrameworkVersion) -> str:
        return f"{obj.title} ({obj.version})"


class RoundOpenForm(forms.Form):
    """A round: framework version × period × the communes that must report, with a deadline."""

    SCOPE_ALL = "all"

    framework_version = VersionChoiceField(
        label=_("Bộ chỉ số"), queryset=FrameworkVersion.objects.none()
    )
    period_code = forms.CharField(
        label=_("Kỳ báo cáo"),
        max_length=10,
        help_text=_("Năm 2025, nửa năm 2025S1, quý 2025Q3 hoặc tháng 2025-08."),
    )
    deadline = forms.DateField(
        label=_("Hạn nộp"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    scope = forms.ChoiceField(label=_("Đơn vị phải báo cáo"))
    title = forms.CharField(label=_("Tên đợt (không bắt buộc)"), max_length=200, required=False)

    def __init__(
        self,
        *args: Any,
        versions: QuerySet[FrameworkVersion],
        districts: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework_version"].queryset = versions  # type: ignore[attr-defined]
        self.fields["scope"].choices = [  # type: ignore[attr-defined]
            (self.SCOPE_ALL, _("Tất cả các xã trong phạm vi")),
            *[(str(unit.pk), unit.name) for unit in districts],
        ]

    def clean_period_code(self) -> str:
        from dxmon.collection.periods import PeriodError, period_parse

        code: str = self.cleaned_data["period_code"]
        try:
            return period_parse(code).code
        except PeriodError as exc:
            raise ValidationError(str(exc)) from exc

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline.year < 2000:
            raise ValidationError(_("Hạn nộp không hợp lệ."))
        return deadline


class ImportForm(forms.Form):
    upload = forms.FileField(label=_("Tệp số liệu"), required=False)
    fmt = forms.ChoiceField(
        label=_("Định dạng"),
        choices=[(name, FORMAT_LABELS.get(name, name)) for name in FORMATS],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload is not None and upload.size > IMPORT_MAX_MB * 1024 * 1024:
            raise ValidationError(_("Tệp lớn hơn %(size)s MB."), params={"size": IMPORT_MAX_MB})
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("upload") and not data.get("token"):
            raise ValidationError(_("Hãy chọn tệp số liệu."))
        return data


class ExtractForm(forms.Form):
    """A narrative report to read: pasted text or a file, and optionally where it comes from."""

    text = forms.CharField(
        label=_("Dán nội dung báo cáo"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    upload = forms.FileField(label=_("Hoặc chọn tệp"), required=False)
    title = forms.CharField(label=_("Tiêu đề văn bản"), required=False, max_length=400)
    publisher = forms.CharField(label=_("Nơi đăng hoặc ban hành"), required=False, max_length=200)
    published_on = forms.DateField(
        label=_("Ngày"),
        required=False,
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    url = forms.URLField(
        label=_("Địa chỉ (URL)"), required=False, max_length=500, assume_scheme="https"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("upload"):
            raise ValidationError(_("Hãy dán nội dung báo cáo hoặc chọn một tệp."))
        return data


class ProposalForm(forms.Form):
    """One proposal as the officer accepts it: the indicator and the (possibly edited) numbers."""

    indicator = forms.CharField(label=_("Chỉ số"), max_length=40)
    value = VnNumberField(label=_("Giá trị"))
    numerator = VnNumberField(label=_("Tử số"))
    denominator = VnNumberField(label=_("Mẫu số"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        num, den = data.get("numerator"), data.get("denominator")
        if num is not None and den is not None and num > den:
            raise ValidationError(_("Tử số không được lớn hơn mẫu số."))
        return data


class ProfileForm(forms.Form):
    """A mapping profile; the column mappings are typed one per line:
    ``column; indicator code; part (value, numerator, denominator); scale``."""

    name = forms.CharField(label=_("Tên cấu hình"), max_length=200)
    source = forms.ModelChoiceField(
        label=_("Hệ thống nguồn"),
        queryset=SystemSource.objects.all(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file_format = forms.ChoiceField(
        label=_("Định dạng tệp"),
        choices=MappingProfile.FORMAT_CHOICES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    unit_column = forms.CharField(label=_("Cột đơn vị"), max_length=100)
    unit_scheme = forms.ChoiceField(
        label=_("Cách nhận đơn vị"),
        choices=MappingProfile.UNIT_SCHEME_CHOICES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    period_column = forms.CharField(label=_("Cột kỳ báo cáo"), max_length=100, required=False)
    fixed_period = forms.CharField(
        label=_("Hoặc kỳ báo cáo cố định"),
        max_length=10,
        required=False,
        help_text=_("Ví dụ 2025, 2025Q3; dùng khi tệp không có cột kỳ."),
    )
    mappings = forms.CharField(
        label=_("Ánh xạ cột → chỉ số"),
        widget=forms.Textarea(attrs={"rows": 6, "class": "font-monospace"}),
        help_text=_(
            "Mỗi dòng: tên cột; mã chỉ số; phần (value, numerator hoặc denominator); hệ số "
            "(không bắt buộc, 100 cho tỷ lệ 0–1). Ví dụ: tong_so_ho_so; CQS.07; denominator"
        ),
    )

    def clean_mappings(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for number, line in enumerate(self.cleaned_data["mappings"].splitlines(), start=1):
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.split(";")]
            if len(cells) < 2 or len(cells) > 4 or not cells[0] or not cells[1]:
                raise ValidationError(
                    _("Dòng %(n)s: cần “tên cột; mã chỉ số; phần; hệ số”."), params={"n": number}
                )
            scale: float = 1.0
            if len(cells) == 4 and cells[3]:
                try:
                    scale = float(parse_number(cells[3]))
                except ValueError as exc:
                    raise ValidationError(
                        _("Dòng %(n)s: hệ số không phải là số."), params={"n": number}
                    ) from exc
            items.append(
                {
                    "column": cells[0],
                    "indicator_code": cells[1],
                    "part": (cells[2] if len(cells) > 2 and cells[2] else "value").lower(),
                    "scale": scale,
                }
            )
        return items

    @staticmethod
    def initial_for(profile: MappingProfile) -> dict[str, Any]:
        lines = []
        for item in profile.mappings:
            scale = item.get("scale") or 1
            tail = f"; {format(float(scale), 'g')}" if float(scale) != 1 else ""
            lines.append(f"{item['column']}; {item['indicator_code']}; {item['part']}{tail}")
        return {
            "name": profile.name,
            "source": profile.source_id,
            "file_format": profile.file_format,
            "unit_column": profile.unit_column,
            "unit_scheme": profile.unit_scheme,
            "period_column": profile.period_column,
            "fixed_period": profile.fixed_period,
            "mappings": "\n".join(lines),
        }


class SystemImportForm(forms.Form):
    """A system export to import through one of the user's profiles."""

    profile = forms.ModelChoiceField(
        label=_("Cấu hình nhập"),
        queryset=MappingProfile.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    upload = forms.FileField(label=_("Tệp xuất từ hệ thống"), required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, profiles: QuerySet[MappingProfile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["profile"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = profiles

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload is not None and upload.size > IMPORT_MAX_MB * 1024 * 1024:
            raise ValidationError(_("Tệp lớn hơn %(size)s MB."), params={"size": IMPORT_MAX_MB})
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("upload") and not data.get("token"):
            raise ValidationError(_("Hãy chọn tệp số liệu."))
        return data
