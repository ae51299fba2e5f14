"""Forms of the supervision pages: they read and normalise input; services do the saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dxmon.accounts.scope import Action, visible_units
from dxmon.collection.models import Period
from dxmon.supervision.choices import FindingKind, Pillar, Priority, RecommendationStatus
from dxmon.supervision.models import Finding, Mission, Visit
from dxmon.units.choices import Level
from dxmon.units.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVIDENCE_MAX_MB = 20


def parse_members(text: str) -> list[dict[str, str]]:
    """One member a line, "Name — position" (or "Name, position")."""
    members = []
    for line in text.splitlines():
        line = line.strip().lstrip("-• ").strip()
        if not line:
            continue
        for sep in (" — ", " – ", " - ", ", "):
            if sep in line:
                name, position = line.split(sep, 1)
                break
        else:
            name, position = line, ""
        members.append({"name": name.strip(), "position": position.strip()})
    return members


def format_members(members: list[dict[str, str]]) -> str:
    return "\n".join(
        f"{m['name']} — {m['position']}" if m.get("position") else m["name"] for m in members
    )


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code}, {obj.structure})"


def _units(user: Any, *levels: int) -> Any:
    return (
        visible_units(user, Action.SUPERVISE)
        .filter(level__in=levels)
        .order_by("-structure", "level", "name")
    )


class MissionForm(forms.ModelForm):  # type: ignore[type-arg]
    council_unit = UnitChoiceField(label=_("Địa phương của HĐND"), queryset=Unit.objects.none())
    members_text = forms.CharField(
        label=_("Thành viên đoàn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một người: Họ và tên — chức vụ."),
    )
    period = forms.ModelChoiceField(
        label=_("Kỳ số liệu được giám sát"), queryset=Period.objects.all(), required=False
    )

    class Meta:
        model = Mission
        fields = [
            "issuing_body",
            "council_unit",
            "topic",
            "legal_basis_number",
            "legal_basis_date",
            "period",
            "period_under_review",
            "leader_name",
            "leader_position",
            "plan_number",
            "plan_date",
            "report_number",
            "report_date",
        ]
        widgets = {
            "legal_basis_date": DATE,
            "plan_date": DATE,
            "report_date": DATE,
            "topic": forms.TextInput(),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council_unit"].queryset = _units(user, Level.PROVINCE)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["council_unit"].disabled = True
            self.fields["members_text"].initial = format_members(self.instance.members)
        elif getattr(user, "scope_unit", None) is not None:
            self.fields["council_unit"].initial = user.scope_unit

    def service_kwargs(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "members_text"}
        data["members"] = parse_members(self.cleaned_data.get("members_text", ""))
        for key in (
            "legal_basis_number",
            "period_under_review",
            "leader_position",
            "plan_number",
            "report_number",
        ):
            data[key] = data.get(key) or ""
        return data


class VisitForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị được giám sát"), queryset=Unit.objects.none())
    date = forms.DateField(label=_("Ngày làm việc"), widget=DATE)
    location = forms.CharField(label=_("Địa điểm"), required=False)
    participants = forms.CharField(
        label=_("Thành phần tham dự"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(user, Level.DISTRICT, Level.COMMUNE)  # type: ignore[attr-defined]


class FindingForm(forms.Form):
    visit = forms.ModelChoiceField(
        label=_("Buổi giám sát"), queryset=Visit.objects.none(), required=False
    )
    pillar = forms.ChoiceField(label=_("Trụ cột"), choices=Pillar.choices, initial=Pillar.GENERAL)
    indicator_code = forms.CharField(label=_("Mã chỉ số (nếu có)"), required=False, max_length=40)
    kind = forms.ChoiceField(label=_("Loại"), choices=FindingKind.choices)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(
        label=_("Trả lời của đơn vị"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, mission: Mission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visit"].queryset = mission.visits.select_related("unit")  # type: ignore[attr-defined]


class RecommendationForm(forms.Form):
    addressee_unit = UnitChoiceField(label=_("Đơn vị thực hiện"), queryset=Unit.objects.none())
    text = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_person = forms.CharField(label=_("Người chịu trách nhiệm"), required=False)
    deadline = forms.DateField(label=_("Thời hạn"), required=False, widget=DATE)
    priority = forms.ChoiceField(
        label=_("Mức ưu tiên"), choices=Priority.choices, initial=Priority.MEDIUM
    )
    finding = forms.ModelChoiceField(
        label=_("Từ kết quả giám sát"), queryset=Finding.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, mission: Mission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressee_unit"].queryset = _units(  # type: ignore[attr-defined]
            user, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE
        )
        self.fields["finding"].queryset = mission.findings.all()  # type: ignore[attr-defined]
        visited = mission.visits.values_list("unit_id", flat=True).first()
        if visited:
            self.fields["addressee_unit"].initial = visited


class FollowUpForm(forms.Form):
    date = forms.DateField(label=_("Ngày"), widget=DATE)
    text = forms.CharField(label=_("Nội dung cập nhật"), widget=forms.Textarea(attrs={"rows": 3}))
    status_after = forms.ChoiceField(
        label=_("Trạng thái sau cập nhật"), choices=RecommendationStatus.choices
    )
    evidence_file = forms.FileField(label=_("Tệp minh chứng"), required=False)
    evidence_citation = forms.CharField(
        label=_("Văn bản minh chứng (số, ngày, trích yếu)"), required=False, max_length=400
    )

    def __init__(self, *args: Any, allowed: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status_after"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = allowed

    def clean_evidence_file(self) -> Any:
        file = self.cleaned_data.get("evidence_file")
        if file and file.size > EVIDENCE_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Tệp minh chứng quá lớn (tối đa %(mb)s MB).") % {"mb": EVIDENCE_MAX_MB}
            )
        return file
